/**
 * The run's parameters are rows (compiler/sql/emit.ts scenarioDdl): on DuckDB and PostgreSQL,
 * the sample policy's view gives two cases of the same facts in two scenarios (two evaluation
 * dates, one query) each its own scenario's answer — a case with no zc_case_scenario row is in
 * scenario 0 — and a case whose scenario has no evaluation date fails the query with ZC1207
 * (never a row silently missing). Differential coverage of the scenarios is test/sql/differential.
 */
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { dialectOf } from '../../compiler/sql/dialect.js';
import { duckdb, postgres, type Engine } from './engines.js';
import { loadPolicy } from './harness.js';

const sample = loadPolicies(['policies'], nodeHost).policies.find((p) => p.ir.policy.id === 'sample')!;

async function engines(): Promise<Engine[]> {
  const out: Engine[] = [await duckdb()];
  const r = await postgres();
  if ('unavailable' in r) {
    if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${r.unavailable}`);
  } else out.push(r);
  return out;
}

describe('SQL run parameters as rows (scenarios)', () => {
  it('two scenarios in one query: each case gets its own scenario\'s date; a scenario without a date is ZC1207', async () => {
    const es = await engines();
    try {
      for (const e of es) {
        const d = dialectOf(e.name);
        await loadPolicy(e, sample.ir);
        const view = d.id(`zc_${sample.ir.policy.id}_决定`);
        // the same (empty) 家庭 row twice: case 1 in scenario 0 (no mapping row), case 2 in scenario 1
        await e.exec(`INSERT INTO ${d.id('家庭')} (${d.id('编号')}) VALUES (1), (2)`);
        await e.exec(`INSERT INTO zc_case_scenario VALUES (2, 1)`);
        const dates = ['2020-01-01', '2024-07-01'];
        await e.exec(`INSERT INTO zc_eval VALUES (0, DATE '${dates[0]}'), (1, DATE '${dates[1]}')`);
        const rows = await e.query(`SELECT * FROM ${view} ORDER BY ${d.id('编号')}`);
        expect(rows.map((r) => Number(r['编号']))).toEqual([1, 2]);
        // what the interpreter says on each date for facts {家庭: {}} (the other roots unknown)
        rows.forEach((r, k) => {
          const want = evaluate(sample.ir, { 家庭: {} }, dates[k]!, []).决定.map((m) => m.状态);
          expect(sample.ir.measures.map((_, i) => r[`m${i}_状态`]), `${e.name} case ${k + 1}`).toEqual(want);
        });
        // the two dates give different answers for at least one measure (else the test proves nothing)
        expect(sample.ir.measures.some((_, i) => rows[0]![`m${i}_状态`] !== rows[1]![`m${i}_状态`])).toBe(true);
        // case 2 moved to scenario 7, which has no evaluation date
        await e.exec(`UPDATE zc_case_scenario SET ${d.id('场景')} = 7 WHERE ${d.id('编号')} = 2`);
        await expect(e.query(`SELECT * FROM ${view}`)).rejects.toThrow(/ZC1207 案件 2 的场景 7/);
      }
    } finally {
      for (const e of es) await e.close();
    }
  }, 300_000);
});
