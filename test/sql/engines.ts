/**
 * Database engines for the SQL tests: DuckDB in-process (@duckdb/node-api) and a real
 * PostgreSQL over 127.0.0.1 (pg). Each test run uses a fresh DuckDB database or a fresh
 * PostgreSQL schema, dropped at the end.
 * PostgreSQL: ZC_PG_URL (default postgres://zhengce:zhengce@127.0.0.1:5432/zhengce_test,
 * created by .ci/run). Under CI=true an unreachable server is a failure, never a skip.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';

export interface Engine {
  readonly name: 'duckdb' | 'postgres';
  exec(sql: string): Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function duckdb(): Promise<Engine> {
  const inst = await DuckDBInstance.create(':memory:');
  const c: DuckDBConnection = await inst.connect();
  return {
    name: 'duckdb',
    exec: async (sql) => { await c.run(sql); },
    query: async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    close: async () => { c.closeSync(); inst.closeSync(); },
  };
}

export const PG_URL = process.env['ZC_PG_URL'] ?? 'postgres://zhengce:zhengce@127.0.0.1:5432/zhengce_test';

/** Connect to PostgreSQL in a fresh schema; undefined (with the reason) when unreachable. */
export async function postgres(): Promise<Engine | { unavailable: string }> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    return { unavailable: `${PG_URL}: ${(e as Error).message}` };
  }
  const schema = `zc_test_${process.pid}_${Date.now()}`;
  await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}; SET jit = off;`);
  // dates come back as text, big integers as text (converted by the comparison)
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) };
  return {
    name: 'postgres',
    exec: async (sql) => { await client.query(sql); },
    query: async (sql) => (await client.query({ text: sql, types } as pg.QueryConfig)).rows as Record<string, unknown>[],
    close: async () => { await client.query(`DROP SCHEMA ${schema} CASCADE`); await client.end(); },
  };
}
