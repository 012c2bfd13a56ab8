/**
 * Database engines for the SQL tests: DuckDB in-process (@duckdb/node-api) and a real
 * PostgreSQL over 127.0.0.1 (pg). Each test run uses a fresh DuckDB database or a fresh
 * PostgreSQL schema, dropped at the end.
 * PostgreSQL: ZC_PG_URL (default postgres://zhengce:zhengce@127.0.0.1:5432/zhengce_test,
 * created by .ci/run). Under CI=true an unreachable server is a failure, never a skip.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A stored value of an input column (compiler/sql/rows.ts): text, number, boolean or NULL. */
type Cell = string | number | boolean | null;

export interface Engine {
  readonly name: 'duckdb' | 'postgres';
  exec(sql: string): Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Bulk-load rows into a table (columns by name; texts are cast by the engine to the column's type). */
  load(table: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<void>;
  /** Run one query, handing its rows over chunk by chunk (not all held at once on DuckDB). */
  stream(sql: string, each: (rows: readonly Record<string, unknown>[]) => void): Promise<void>;
  close(): Promise<void>;
}

export async function duckdb(): Promise<Engine> {
  // bounded memory (spilled to a temporary directory beyond it): a 100,000-case query of the
  // county's view otherwise takes GBs
  const spill = mkdtempSync(join(tmpdir(), 'zhengce-test-duckdb-'));
  const inst = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', temp_directory: spill });
  const c: DuckDBConnection = await inst.connect();
  return {
    name: 'duckdb',
    exec: async (sql) => { await c.run(sql); },
    query: async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    // the appender: rows in the table's column order (as compiler/sql/rows.ts builds them);
    // texts (dates, decimal 元, "n/d") are cast by DuckDB to the column's type
    load: async (table, _columns, rows) => {
      const a = await c.createAppender(table);
      try {
        for (const r of rows) {
          for (const v of r) {
            if (v === null) a.appendNull();
            else if (typeof v === 'number') a.appendBigInt(BigInt(v));
            else if (typeof v === 'boolean') a.appendBoolean(v);
            else a.appendVarchar(v);
          }
          a.endRow();
        }
        a.flushSync();
      } finally {
        a.closeSync();
      }
    },
    // one query per policy (every scenario at once: compiler/sql/emit.ts scenarioDdl), its result
    // streamed in DuckDB's chunks
    stream: async (sql, each) => {
      const r = await c.stream(sql);
      for await (const rows of r.yieldRowObjectJson()) each(rows as Record<string, unknown>[]);
    },
    close: async () => { c.closeSync(); inst.closeSync(); rmSync(spill, { recursive: true, force: true }); },
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
    // one statement per table: the rows as a JSON array of objects, typed by the table's row type
    load: async (table, columns, rows) => {
      const q = `"${table.replace(/"/g, '""')}"`;
      const json = JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))));
      await client.query(`INSERT INTO ${q} SELECT * FROM json_populate_recordset(NULL::${q}, $1::json)`, [json]);
    },
    // the subset PostgreSQL gets is small enough to read at once
    stream: async (sql, each) => { each((await client.query({ text: sql, types } as pg.QueryConfig)).rows as Record<string, unknown>[]); },
    close: async () => { await client.query(`DROP SCHEMA ${schema} CASCADE`); await client.end(); },
  };
}
