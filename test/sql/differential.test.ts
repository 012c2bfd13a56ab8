/**
 * Differential tests of the SQL pass: DuckDB and PostgreSQL views against the interpreter on
 * seeded random scenarios (every status, outcome value, missing-fact list, sunset date and
 * possible sunset, row by row), for the real policies under policies/ and for fixtures that
 * use every construct the SQL compiles: test/docs/fixtures/depth (§15: lists, quantifiers,
 * aggregates, 第N个, definitions, 某日/施行日 intervals), test/emit/fixtures/coverage
 * (parameters, dates, sunset) and test/sql/fixtures/sunset (a 失效 condition against an
 * uncertain 施行日: 可能废止; same-unit division as an exact ratio; ratio ÷ ratio; an outcome
 * beside a rule of unknown applicability).
 * ZC_SEED overrides the seed; ZC_SQL_ROWS the number of rows per policy (default 100,000).
 * PostgreSQL over 127.0.0.1 (ZC_PG_URL): under CI=true an unreachable server fails the test.
 */
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { duckdb, postgres, type Engine } from './engines.js';
import { compare, loadPolicy } from './harness.js';
import { scenarios } from './cases.js';

const SEED = Number(process.env['ZC_SEED'] ?? 20261205);
const ROWS = Number(process.env['ZC_SQL_ROWS'] ?? 100_000);
/** Cases per scenario (one evaluation date and event list per SQL run). */
const PER = 5000;
const SETS: [string, string[]][] = [
  ['policies', ['已废止']],
  ['test/docs/fixtures/depth', []],
  ['test/emit/fixtures/coverage', ['已废止']],
  ['test/sql/fixtures/sunset', ['已废止', '可能废止', '未生效']],
];

for (const [dir, alsoExpected] of SETS) {
  const { policies } = loadPolicies([dir], nodeHost);
  it(`${dir}: policies found`, () => expect(policies.length).toBeGreaterThan(0));
  for (const p of policies) {
    describe(`SQL = interpreter: ${dir} ${p.ir.policy.id}`, () => {
      it(`DuckDB and PostgreSQL: ${ROWS} rows (seed ${SEED})`, async () => {
        const engines: Engine[] = [await duckdb()];
        const r = await postgres();
        if ('unavailable' in r) {
          if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${r.unavailable}`);
          console.warn(`PostgreSQL 差分测试没有运行（本机无服务器）：${r.unavailable}`);
        } else engines.push(r);
        try {
          for (const e of engines) await loadPolicy(e, p.ir);
          const res = await compare(engines, p.ir, scenarios(p.ir, SEED, Math.ceil(ROWS / PER), PER));
          if (process.env['ZC_TIMING']) console.log(p.ir.policy.id, res.rows, Object.fromEntries(res.statuses), res.ms);
          for (const [name, ms] of res.mismatches) {
            if (ms.length) console.error(`${name}, seed ${SEED}:`, JSON.stringify(ms, null, 1).slice(0, 4000));
            expect({ engine: name, mismatches: ms }).toEqual({ engine: name, mismatches: [] });
          }
          expect(res.rows).toBeGreaterThanOrEqual(ROWS * 0.9);
          for (const s of ['适用', '存疑', '不适用', ...(p.ir.policy.sunset ? alsoExpected : alsoExpected.filter((x) => x === '未生效'))]) {
            expect({ status: s, rows: res.statuses.get(s) ?? 0 }).not.toEqual({ status: s, rows: 0 });
          }
        } finally {
          for (const e of engines) await e.close();
        }
      }, 3_600_000);
    });
  }
}
