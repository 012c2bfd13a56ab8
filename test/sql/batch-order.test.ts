/**
 * `zhengce batch` writes the decisions in input order (a county joins them back to its registry by
 * position as often as by 编号). They were documented as unordered: DuckDB's joins moved runs of
 * rows — rows 150,000–199,999 of the synthetic county (seed 1) as a file of their own came back
 * with the households from 178,080 on placed after 178,672. Two paths are covered: 编号 ascending down
 * the file (the decisions sorted by 编号, chunk by chunk) and 编号 in no order (each chunk joined to
 * its input row numbers).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { tmpDirForFile } from '../helpers/tmp.js';
import { duckRows } from './engines.js';

const tmp = tmpDirForFile('zhengce-batch-order-');
beforeAll(() => {
  ensureDist();
});

/** The 编号 of a Parquet file, in file order. */
async function keys(file: string): Promise<number[]> {
  return (await duckRows(`SELECT "编号" AS k FROM read_parquet('${file}', file_row_number = true) ORDER BY file_row_number`)).map((r) => Number(r['k']));
}

const batch = (input: string, out: string) => runCliAsync(['batch', '--events', 'none', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', input, '--out', out], { timeoutMs: 300_000 });

describe('zhengce batch: decisions in input order', () => {
  it('编号 ascending down the file: the decisions in the same order (the rows that came back moved)', async () => {
    const county = join(tmp, 'county.parquet');
    const syn = await runCliAsync(['batch', '--synthesize', '200000', '--seed', '1', '--policy', 'luanchuan', '--out', county], { timeoutMs: 300_000 });
    expect(syn.status, syn.stderr).toBe(0);
    const input = join(tmp, 'rows-150000.parquet');
    await duckRows(`COPY (SELECT * EXCLUDE (file_row_number) FROM read_parquet('${county}', file_row_number = true) WHERE file_row_number BETWEEN 150000 AND 199999) TO '${input}' (FORMAT PARQUET)`);
    const out = join(tmp, 'decisions.parquet');
    const r = await batch(input, out);
    expect(r.status, r.stderr).toBe(0);
    const want = await keys(input);
    expect(want).toHaveLength(50_000);
    const got = await keys(out);
    // (the first place they differ, not 50,000 numbers)
    const at = got.findIndex((k, i) => k !== want[i]);
    expect({ at, length: got.length }).toEqual({ at: -1, length: want.length });
  }, 300_000);

  it('编号 in no order: the decisions in the file order, not sorted by 编号', async () => {
    const county = join(tmp, 'small.parquet');
    const syn = await runCliAsync(['batch', '--synthesize', '3000', '--seed', '2', '--policy', 'luanchuan', '--out', county], { timeoutMs: 300_000 });
    expect(syn.status, syn.stderr).toBe(0);
    const input = join(tmp, 'shuffled.parquet');
    // a permutation of 1…3000 (7919 is prime to 3000), written in that order
    await duckRows(`COPY (SELECT * REPLACE (("编号" * 7919) % 3000 + 1 AS "编号") FROM read_parquet('${county}')) TO '${input}' (FORMAT PARQUET)`);
    const out = join(tmp, 'shuffled-decisions.parquet');
    const r = await batch(input, out);
    expect(r.status, r.stderr).toBe(0);
    const want = await keys(input);
    expect(want.slice(0, 3)).not.toEqual([1, 2, 3]);
    expect(await keys(out)).toEqual(want);
  }, 300_000);
});
