/**
 * Database engines for the SQL tests: DuckDB in-process (@duckdb/node-api) and a real
 * PostgreSQL over 127.0.0.1 (pg). Each test run uses a fresh DuckDB database or a fresh
 * PostgreSQL schema, dropped at the end. Bulk loads: DuckDB's appender; PostgreSQL gets one CSV
 * per table, written as rows arrive and loaded by COPY FROM STDIN (psql's \copy) on `flush`.
 * Results are read in chunks (DuckDB's stream; a PostgreSQL cursor).
 * PostgreSQL: ZC_PG_URL (default postgres://zhengce:zhengce@127.0.0.1:5432/zhengce_test,
 * created by .ci/run). Under CI=true an unreachable server is a failure, never a skip.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
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
  /** Finish what `load` buffered (PostgreSQL: COPY the CSV written so far); loads after it start a new buffer. */
  flush(): Promise<void>;
  /** Run one query, handing its rows over chunk by chunk (never all held at once). */
  stream(sql: string, each: (rows: readonly Record<string, unknown>[]) => void): Promise<void>;
  /** CPU milliseconds used so far by the engine's server process (PostgreSQL on this machine), else undefined (DuckDB runs in this process). */
  serverCpuMs(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Run one query in a DuckDB opened for it (a database file, or a throwaway in-memory one), closed after: its rows as JSON objects. */
export async function duckRows(sql: string, path = ':memory:'): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    inst.closeSync();
  }
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
    flush: async () => {},
    serverCpuMs: async () => undefined,
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

/**
 * A connected pg client for a test that talks to PostgreSQL itself; undefined (said, with what did not run)
 * when the server is unreachable — under CI=true that is a failure, never a skip.
 */
export async function pgClient(what: string): Promise<pg.Client | undefined> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    return c;
  } catch (e) {
    if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${(e as Error).message}`);
    console.log(`PostgreSQL 没有运行（${(e as Error).message}），${what}没有运行`);
    return undefined;
  }
}

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
  const pid = Number((await client.query('SELECT pg_backend_pid() AS p')).rows[0].p);
  // dates come back as text, big integers as text (converted by the comparison)
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) };
  // rows are written once as CSV (one file per table) and loaded by COPY FROM STDIN (psql's \copy)
  // on flush: NULL is an unquoted empty field, every text is quoted (so '' stays a text)
  const csvDir = mkdtempSync(join(tmpdir(), 'zhengce-test-pg-'));
  const pending = new Map<string, { file: string; columns: readonly string[] }>();
  const field = (v: Cell) => (v === null ? '' : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v));
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return {
    name: 'postgres',
    exec: async (sql) => { await client.query(sql); },
    query: async (sql) => (await client.query({ text: sql, types } as pg.QueryConfig)).rows as Record<string, unknown>[],
    load: async (table, columns, rows) => {
      let p = pending.get(table);
      if (!p) pending.set(table, (p = { file: join(csvDir, `${pending.size}.csv`), columns }));
      let text = '';
      for (const r of rows) text += r.map(field).join(',') + '\n';
      appendFileSync(p.file, text);
    },
    flush: async () => {
      if (!pending.size) return;
      const args = [PG_URL, '-qX', '-v', 'ON_ERROR_STOP=1', '-c', `SET search_path TO ${schema}`];
      for (const [table, p] of pending) args.push('-c', `\\copy ${q(table)} (${p.columns.map(q).join(', ')}) FROM '${p.file}' WITH (FORMAT csv)`);
      const r = spawnSync('psql', args, { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`psql \\copy: ${r.error?.message ?? r.stderr}`);
      for (const p of pending.values()) rmSync(p.file, { force: true });
      pending.clear();
    },
    // a cursor: 5,000 rows at a time
    stream: async (sql, each) => {
      await client.query('BEGIN');
      try {
        await client.query(`DECLARE zc_cursor NO SCROLL CURSOR FOR ${sql}`);
        for (;;) {
          const r = await client.query({ text: 'FETCH 5000 FROM zc_cursor', types } as pg.QueryConfig);
          if (!r.rows.length) break;
          each(r.rows as Record<string, unknown>[]);
        }
      } finally {
        await client.query('COMMIT');
      }
    },
    serverCpuMs: async () => {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in clock ticks of 10 ms
      } catch {
        return undefined; // the server is elsewhere
      }
    },
    close: async () => { rmSync(csvDir, { recursive: true, force: true }); await client.query(`DROP SCHEMA ${schema} CASCADE`); await client.end(); },
  };
}

/**
 * The SQL engines of a differential test: DuckDB, and PostgreSQL when reachable — under CI its absence
 * fails the test; elsewhere it is said (what did not run) and the test runs on DuckDB alone.
 */
export async function sqlEngines(what: string): Promise<Engine[]> {
  const engines: Engine[] = [await duckdb()];
  const r = await postgres();
  if ('unavailable' in r) {
    if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${r.unavailable}`);
    console.warn(`${what}没有在 PostgreSQL 上运行（本机无服务器）：${r.unavailable}`);
  } else engines.push(r);
  return engines;
}
