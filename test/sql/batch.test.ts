/**
 * `zhengce batch` end to end through the built CLI on embedded DuckDB (no server):
 * a seeded synthetic county (`--synthesize`, deterministic), decisions and summary out of
 * a Parquet file, decisions equal to the interpreter row by row on a sample, a bad value
 * as one Chinese ZC1202 error naming the row and column with nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies, readEvents } from '../../compiler/project/policies.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';

let tmp: string;
beforeAll(() => {
  ensureDist();
  tmp = mkdtempSync(join(tmpdir(), 'zhengce-batch-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function rowsOf(file: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    return (await c.runAndReadAll(`SELECT * FROM '${file}' ORDER BY "编号"`)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

describe('zhengce batch (DuckDB)', () => {
  it('synthesizes a seeded county, evaluates it like the interpreter, writes decisions and a budget summary', async () => {
    const h1 = join(tmp, 'h1.parquet');
    const h2 = join(tmp, 'h2.parquet');
    for (const h of [h1, h2]) {
      const r = await runCliAsync(['batch', '--synthesize', '3000', '--seed', '7', '--policy', 'luanchuan', '--out', h], { timeoutMs: 300_000 });
      expect(r.stderr).toContain('合成 3000 行');
      expect(r.status).toBe(0);
    }
    const households = await rowsOf(h1);
    expect(households).toEqual(await rowsOf(h2)); // deterministic for a seed
    expect(households.length).toBe(3000);
    const out = join(tmp, 'decisions.parquet');
    const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', h1, '--out', out], { timeoutMs: 300_000 });
    expect(r.stderr).toContain('3000 行');
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(tmp, 'decisions.summary.json'), 'utf8'));
    expect(summary.行数).toBe(3000);
    expect(summary.事件登记.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const m of summary.措施) expect(Object.values(m.行数 as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3000);
    const decisions = await rowsOf(out);
    expect(decisions.length).toBe(3000);
    // the same rows through the interpreter: statuses agree (every 25th row)
    const { policies } = loadPolicies(['policies'], nodeHost);
    const ir = policies.find((p) => p.ir.policy.id === 'luanchuan')!.ir;
    const ev = readEvents(nodeHost, 'policies/events.yaml');
    if (!ev.ok) throw new Error(ev.message);
    let checked = 0;
    for (let k = 0; k < households.length; k += 25) {
      const facts: Record<string, unknown> = {};
      for (const [f, v] of Object.entries(households[k]!)) if (f !== '编号' && v !== null) facts[f] = v;
      const d = evaluate(ir, { 家庭: facts }, '2024-07-01', ev.events);
      for (const dec of d.决定) {
        const col = `${dec.措施}.状态`;
        if (!(col in decisions[k]!)) continue;
        expect({ row: k, measure: dec.措施, status: decisions[k]![col] }).toEqual({ row: k, measure: dec.措施, status: dec.状态 });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 900_000);

  it('a bad value is one ZC1202 error naming the row and column; nothing is written', async () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, '编号,子女数,常住本县\n1,2,true\n2,两个,false\n');
    const out = join(tmp, 'bad-out.parquet');
    const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', bad, '--out', out], { timeoutMs: 300_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ZC1202');
    expect(r.stderr).toContain('子女数');
    expect(r.stderr).toMatch(/第\s*2\s*行|行\s*2/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes('zc-tmp') || f.includes('zc-final'))).toEqual([]);
  }, 300_000);
});
