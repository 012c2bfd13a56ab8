/**
 * `zhengce batch` memory is bounded by the chunk, not by the file (issue 11): a synthetic county
 * of 3000 households evaluated in chunks of 1000 rows under a 128 MB DuckDB memory limit
 * completes, and its decisions and summary equal an unconstrained run's (one chunk, default
 * limit) — from a Parquet file of one 3000-row group (copied into the table zc_all first) and from the
 * same rows in row groups of ≤ 2048 (read in place, chunk by chunk, by row-group skipping). Before the batch emitted its decision view for the bound tables' measures only, the
 * view of every measure (14 of them about entities absent from the input, each with
 * decorrelated subqueries copying every row of the chunk) ran out of memory here (ZC1203).
 * The synthesizer streams too (no sort of all N rows): its rows reach the file in 编号 order
 * by insertion order alone, checked over several Parquet row groups.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-batch-mem-');
beforeAll(() => {
  ensureDist();
});

describe('zhengce batch: memory bounded by the chunk', () => {
  it('3000 households in 1000-row chunks under ZC_DUCKDB_MEMORY_LIMIT=128MB: completes, and equals the unconstrained run', async () => {
    const h = join(tmp, 'h.parquet');
    const syn = await runCliAsync(['batch', '--synthesize', '3000', '--seed', '7', '--policy', 'luanchuan', '--out', h], { timeoutMs: 300_000 });
    expect(syn.status).toBe(0);
    const run = (name: string, env: Record<string, string>) =>
      runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', h, '--out', join(tmp, `${name}.parquet`)], { timeoutMs: 300_000, env });
    // the same rows in Parquet row groups of at most 2048 rows: with 1000-row chunks that file is read
    // in place (row groups ≤ 2.5 chunks: each chunk's scans skip the other row groups), while h (one
    // 3000-row group) is copied into the table zc_all first — both must give the unconstrained answer
    const h2 = join(tmp, 'h-small-groups.parquet');
    {
      const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
      const c = await inst.connect();
      await c.run(`COPY (SELECT * FROM read_parquet('${h}')) TO '${h2}' (FORMAT PARQUET, ROW_GROUP_SIZE 1000)`);
      const g = (await c.runAndReadAll(`SELECT count(DISTINCT row_group_id) AS n, max(row_group_num_rows) AS m FROM parquet_metadata('${h2}')`)).getRowObjectsJson()[0]!;
      expect(Number(g['n'])).toBeGreaterThan(1);
      expect(Number(g['m'])).toBeLessThanOrEqual(2500);
      c.closeSync();
      inst.closeSync();
    }
    const inPlace = () => runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', h2, '--out', join(tmp, 'inplace.parquet')], { timeoutMs: 300_000, env: { ZC_DUCKDB_MEMORY_LIMIT: '128MB', ZC_BATCH_CHUNK: '1000' } });
    const [free, small, inplace] = await Promise.all([run('free', {}), run('small', { ZC_DUCKDB_MEMORY_LIMIT: '128MB', ZC_BATCH_CHUNK: '1000' }), inPlace()]);
    expect(inplace.stderr).not.toContain('Out of Memory');
    expect(inplace.status).toBe(0);
    expect(free.stderr).toContain('3000 行');
    expect(free.status).toBe(0);
    expect(small.stderr).not.toContain('Out of Memory');
    expect(small.stderr).toContain('3000 行');
    expect(small.status).toBe(0);
    const summary = (name: string) => JSON.parse(readFileSync(join(tmp, `${name}.summary.json`), 'utf8'));
    expect(summary('small').措施).toEqual(summary('free').措施);
    expect(summary('small').行数).toBe(3000);
    expect(summary('inplace').措施).toEqual(summary('free').措施);
    // the same decisions, row for row (as multisets: neither run promises an order)
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    try {
      for (const other of ['small', 'inplace']) {
        const [a, b] = ['free', other].map((n) => `'${join(tmp, `${n}.parquet`)}'`);
        const r = (await c.runAndReadAll(`SELECT (SELECT count(*) FROM ${b}) AS n, (SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})) AS ab, (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a})) AS ba`)).getRowObjectsJson()[0]!;
        expect([other, Number(r['n']), Number(r['ab']), Number(r['ba'])]).toEqual([other, 3000, 0, 0]);
      }
    } finally {
      c.closeSync();
      inst.closeSync();
    }
  }, 600_000);

  it('--synthesize streams: 130,000 rows (2 Parquet row groups of 122,880) come out in 编号 order without a sort', async () => {
    const h = join(tmp, 'order.parquet');
    const syn = await runCliAsync(['batch', '--synthesize', '130000', '--seed', '3', '--policy', 'luanchuan', '--out', h], { timeoutMs: 300_000 });
    expect(syn.status).toBe(0);
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    try {
      const r = (await c.runAndReadAll(`SELECT count(*) AS n, count(*) FILTER (WHERE "编号" <> file_row_number + 1) AS misplaced, (SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${h}')) AS groups FROM read_parquet('${h}', file_row_number = true)`)).getRowObjectsJson()[0]!;
      expect([Number(r['n']), Number(r['misplaced'])]).toEqual([130000, 0]);
      expect(Number(r['groups'])).toBeGreaterThan(1);
    } finally {
      c.closeSync();
      inst.closeSync();
    }
  }, 600_000);
});
