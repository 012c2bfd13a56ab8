/**
 * Differential tests of the SQL pass on seeded random scenarios, for the real policies under
 * policies/ and for fixtures that use every construct the SQL compiles: test/docs/fixtures/depth
 * (§15: lists, quantifiers, aggregates, 第N个, definitions, 某日/施行日 intervals),
 * test/emit/fixtures/coverage (parameters, dates, sunset) and test/sql/fixtures/sunset (a 失效
 * condition against an uncertain 施行日: 可能废止; same-unit division as an exact ratio; ratio ÷
 * ratio; an outcome beside a rule of unknown applicability).
 *
 * What runs in `npm test`, per policy (ZC_SQL_ROWS = 100,000 cases in ZC_SQL_SCENARIOS = 50 scenarios):
 *   - ZC_SQL_ROWS cases in 50 scenarios (an evaluation date and an event list each) through the
 *     generated TypeScript evaluator (compiler/emit/typescript.ts, compiled in-process) and the
 *     DuckDB view: every status, outcome value, missing-fact list (缺少), 申请/可领取, sunset date
 *     and possible sunset, row by row. Every scenario is loaded at once (each case's scenario a
 *     row of zc_case_scenario, each scenario's date and events rows of zc_eval / zc_events) and
 *     the view runs as ONE query per policy and engine: planned once (compiler/sql/emit.ts);
 *   - the interpreter (the reference semantics) on the first 200 cases of every scenario
 *     (ZC_SQL_INTERP_ROWS = 10,000 per policy; the cases are random, so a seeded random subset):
 *     the same decisions as the generated evaluator, and the same SQL-form row from its raw
 *     values as the one derived from the generated evaluator's decisions (money in fen, ratios);
 *   - PostgreSQL (ZC_PG_URL, 127.0.0.1) on the first 200 cases of every scenario
 *     (ZC_SQL_PG_ROWS = 10,000 per policy), also one query. Under CI=true an unreachable server
 *     fails the test.
 * Cases are biased to boundaries (compiler constants ±1, birth dates N months/years before the
 * evaluation date ±1 day, 29 February, month ends, 施行日 and its range), unknowns (absent
 * fields, entities, lists), entities stated not to exist (不存在 → table 声明不存在), and void
 * scenarios (every fourth scenario of a sunset policy: an event that voids it or may void it,
 * found by asking the interpreter). Asserted to appear: 适用, 存疑, 不适用, 已废止 for every policy
 * with a 失效 condition, 可能废止 for one whose 施行日 is uncertain too.
 * A case with no entity at all has no input row, so it is compared only between the
 * interpreter and the generated evaluator.
 * Cost: see docs/sql.md §5 (CPU per phase, ZC_TIMING=1).
 * ZC_TIMING=1 prints the CPU milliseconds per phase. ZC_SEED overrides the seed.
 */
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { duckdb, postgres, type Engine } from './engines.js';
import { compare, loadPolicy, type EngineRun, type TsEvaluator } from './harness.js';
import ts from 'typescript';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { scenarios } from './cases.js';

const SEED = Number(process.env['ZC_SEED'] ?? 20261205);
// `npm test`: 100,000 cases per policy in 50 scenarios (scenarios cost nothing since the view is
// planned once: many evaluation dates and event sets; with 10 the depth fixture drew no 适用 date)
const ROWS = Number(process.env['ZC_SQL_ROWS'] ?? 100_000);
const SCENARIOS = Number(process.env['ZC_SQL_SCENARIOS'] ?? 50);
const PER = Math.ceil(ROWS / SCENARIOS);
/** Cases of each scenario also run by the interpreter / loaded into PostgreSQL (the first ones). */
const INTERP_PER = Math.min(PER, Math.ceil(Number(process.env['ZC_SQL_INTERP_ROWS'] ?? 10_000) / SCENARIOS));
const PG_PER = Math.min(PER, Math.ceil(Number(process.env['ZC_SQL_PG_ROWS'] ?? 10_000) / SCENARIOS));
/** Statuses each policy's rows must show beyond 适用/存疑/不适用. */
const SETS: [string, string[]][] = [
  ['policies', []],
  ['test/docs/fixtures/depth', []],
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
    describe(`SQL = generated evaluator = interpreter: ${dir} ${p.ir.policy.id}`, () => {
      it(`${ROWS} cases: generated evaluator and DuckDB all, interpreter ${INTERP_PER * SCENARIOS}, PostgreSQL ${PG_PER * SCENARIOS} (seed ${SEED})`, async () => {
        const runs: EngineRun[] = [{ engine: await duckdb(), perScenario: PER }];
        const r = await postgres();
        if ('unavailable' in r) {
          if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${r.unavailable}`);
          console.warn(`PostgreSQL 差分测试没有运行（本机无服务器）：${r.unavailable}`);
        } else runs.push({ engine: r, perScenario: PG_PER });
        try {
          for (const e of runs) await loadPolicy(e.engine, p.ir);
          const g = generated(p.ir);
          if ('unavailable' in g) throw new Error(`生成的 TypeScript 求值器不可用（${p.ir.policy.id}）：${g.unavailable}`);
          const res = await compare(runs, p.ir, () => scenarios(p.ir, SEED, SCENARIOS, PER), g, INTERP_PER, 5);
          if (process.env['ZC_TIMING']) console.log(p.ir.policy.id, res.rows, res.compared, Object.fromEntries(res.statuses), Object.fromEntries(Object.entries(res.ms).map(([k, v]) => [k, Math.round(v)])));
          for (const [name, ms] of res.mismatches) {
            if (ms.length) console.error(`${name}, seed ${SEED}:`, JSON.stringify(ms, null, 1).slice(0, 4000));
            expect({ engine: name, mismatches: ms }).toEqual({ engine: name, mismatches: [] });
          }
          expect(res.rows).toBeGreaterThanOrEqual(ROWS * 0.9);
          expect(res.compared['interpreter']).toBe(INTERP_PER * SCENARIOS);
          // every case with an input row is compared on DuckDB (those with no entity at all have none)
          expect(res.compared['duckdb']).toBe(res.rows - res.noRow);
          if (runs.length > 1) expect(res.compared['postgres']).toBeGreaterThanOrEqual(PG_PER * SCENARIOS * 0.5);
          const want = ['适用', '存疑', '不适用', ...alsoExpected, ...(p.ir.policy.sunset ? ['已废止'] : []), ...(p.ir.policy.sunset && p.ir.policy.effectiveRange ? ['可能废止'] : [])];
          for (const s of want) expect({ status: s, rows: res.statuses.get(s) ?? 0 }).not.toEqual({ status: s, rows: 0 });
        } finally {
          for (const e of runs) await e.engine.close();
        }
      }, 3_600_000);
    });
  }
}
