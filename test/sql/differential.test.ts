/**
 * Differential tests of the SQL pass on seeded random scenarios, for the real policies under
 * policies/ and for fixtures that use every construct the SQL compiles: test/docs/fixtures/depth
 * (§15: lists, quantifiers, aggregates, 第N个, definitions, 某日/施行日 intervals),
 * test/emit/fixtures/coverage (parameters, dates, sunset), test/sql/fixtures/validity (rule validity periods
 * counted from an uncertain 施行日: unknown inside each end's range) and test/sql/fixtures/sunset (a 失效
 * condition against an uncertain 施行日: 可能废止; same-unit division as an exact ratio; ratio ÷
 * ratio; an outcome beside a rule of unknown applicability).
 *
 * What runs in `npm test`, per policy: seeded cases in ZC_SQL_SCENARIOS = 50 scenarios (an
 * evaluation date and an event list each): per scenario 2,060 cases with a root entity (a record or
 * 不存在: an input row) — ZC_SQL_ROWS = 100,000 plus a 3% margin for cases every engine refuses, so
 * that the SQL engines compare ≥ 100,000 rows (asserted) — and 40 cases with no root entity at all;
 * ALL of them through all four engines:
 *   - the interpreter (compiler/interpret, the reference semantics): every case; its decisions and
 *     its SQL-form row (every status, outcome value in fen / ISO date / exact ratio text, missing-fact
 *     list 缺少, 申请/可领取, 废止日期, 可能废止日期) are what the others must give;
 *   - the generated TypeScript evaluator (compiler/emit/typescript.ts, compiled in-process):
 *     `evaluateMany` (the fast path, per scenario) on every case — each measure's status, outcome
 *     values and 可领取, and the 前提 violated, equal to the interpreter's; and `evaluate` (with
 *     traces) on the first 200 cases of every scenario (ZC_SQL_FULL_ROWS = 10,000 per policy):
 *     its decisions (缺少, 申请 too) equal to the interpreter's, and the SQL-form row derived from
 *     them equal to the interpreter's raw values;
 *   - DuckDB and PostgreSQL (ZC_PG_URL, 127.0.0.1): every case that has an input row, the whole
 *     SQL-form row. The input rows are built once per case and loaded into both (DuckDB's appender;
 *     one CSV per table, COPY FROM STDIN into PostgreSQL); every scenario is loaded at once (each
 *     case's scenario a row of zc_case_scenario, each scenario's date and events rows of zc_eval /
 *     zc_events) and each engine runs ONE query per policy (planned once), materialised into a table
 *     while this process runs the interpreter and the generated evaluator, then read in chunks.
 *     Results are compared as compact encoded tuples (each cell's text interned to a number).
 *     Under CI=true an unreachable PostgreSQL fails the test.
 * A mismatch fails the test and prints the seed, the scenario and case index, the case (facts,
 * date, events) and the four results (the columns on which they differ).
 * Cases are biased to boundaries (compiler constants ±1, birth dates N months/years before the
 * evaluation date ±1 day, 29 February, month ends, 施行日 and its range), unknowns (absent
 * fields, entities, lists), entities stated not to exist (不存在 → table 声明不存在), and void
 * scenarios (every fourth scenario of a sunset policy: an event that voids it or may void it,
 * found by asking the interpreter). Asserted to appear: 适用, 存疑, 不适用, 已废止 for every policy
 * with a 失效 condition, 可能废止 for one whose 施行日 is uncertain too.
 * A case with no entity at all has no input row, so it is compared only between the
 * interpreter and the generated evaluator (2,000 per policy, drawn apart: before issue 11 they
 * were ~43% of the cases, and SQL compared only ~57,000 rows on most policies); a case both refuse
 * (invalid input, ZC0805) has no rows.
 * Cost: see docs/sql.md §5. ZC_TIMING=1 prints CPU and wall milliseconds per phase (and the
 * PostgreSQL server process's CPU); ZC_SQL_SERIAL=1 waits for the queries before the interpreter
 * runs (to measure phases apart). ZC_SEED overrides the seed.
 */
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { sqlEngines } from './engines.js';
import { compare, loadPolicy, type TsEvaluator } from './harness.js';
import { loadavg } from 'node:os';
import ts from 'typescript';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { scenarios } from './cases.js';

const SEED = Number(process.env['ZC_SEED'] ?? 20261205);
// `npm test`: 100,000 cases per policy in 50 scenarios (scenarios cost nothing since the view is
// planned once: many evaluation dates and event sets; with 10 the depth fixture drew no 适用 date)
const ROWS = Number(process.env['ZC_SQL_ROWS'] ?? 100_000);
const SCENARIOS = Number(process.env['ZC_SQL_SCENARIOS'] ?? 50);
/**
 * Cases per scenario with a root entity (an input row): ROWS plus a margin for the cases every
 * engine refuses (invalid input, ZC0805; ≤ MARGIN of them), so that the SQL engines compare at
 * least ROWS rows; and FREE cases per scenario with no root entity at all (every fact unknown: no
 * input row, compared by the interpreter and the generated evaluator only).
 */
const MARGIN = 0.03;
const PER = Math.ceil((ROWS * (1 + MARGIN)) / SCENARIOS);
const FREE = Math.ceil(ROWS / SCENARIOS / 50);
/** Cases of each scenario also run by the generated `evaluate` with traces (the first ones). */
const FULL_PER = Math.min(PER, Math.ceil(Number(process.env['ZC_SQL_FULL_ROWS'] ?? 10_000) / SCENARIOS));
/** Statuses each policy's rows must show beyond 适用/存疑/不适用. */
const SETS: [string, string[]][] = [
  ['policies', []],
  ['test/docs/fixtures/depth', []],
  ['test/emit/fixtures/coverage', []],
  ['test/sql/fixtures/sunset', ['未生效']],
  // a 有效期 counted from an uncertain 施行日 (test/sql/validity.test.ts: every boundary date)
  ['test/sql/fixtures/validity', ['未生效']],
];

/** The generated TypeScript evaluator of a policy, compiled in-process (or why not). */
function generated(ir: Parameters<typeof emitTypeScript>[0]): TsEvaluator | { unavailable: string } {
  try {
    const src = emitTypeScript(ir).get('index.ts');
    if (!src) return { unavailable: 'no index.ts emitted' };
    const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    const exports: Record<string, unknown> = {};
    new Function('exports', 'module', 'require', js)(exports, { exports }, () => { throw new Error('the generated module imports nothing'); });
    for (const f of ['evaluate', 'evaluateFast', 'evaluateMany']) if (typeof exports[f] !== 'function') return { unavailable: `no ${f} export` };
    return exports as unknown as TsEvaluator;
  } catch (e) {
    return { unavailable: (e as Error).message.split('\n')[0]! };
  }
}

for (const [dir, alsoExpected] of SETS) {
  const { policies } = loadPolicies([dir], nodeHost);
  it(`${dir}: policies found`, () => expect(policies.length).toBeGreaterThan(0));
  for (const p of policies) {
    describe(`interpreter = generated evaluator = DuckDB = PostgreSQL: ${dir} ${p.ir.policy.id}`, () => {
      it(`≥ ${ROWS} SQL rows (${(PER + FREE) * SCENARIOS} cases), all four engines (generated evaluate with traces on ${FULL_PER * SCENARIOS}; seed ${SEED})`, async () => {
        const engines = await sqlEngines('差分测试');
        try {
          for (const e of engines) await loadPolicy(e, p.ir);
          const g = generated(p.ir);
          if ('unavailable' in g) throw new Error(`生成的 TypeScript 求值器不可用（${p.ir.policy.id}）：${g.unavailable}`);
          const res = await compare(engines, p.ir, () => scenarios(p.ir, SEED, SCENARIOS, PER, FREE), g, FULL_PER, 3);
          if (process.env['ZC_TIMING']) console.log(p.ir.policy.id, res.rows, res.compared, Object.fromEntries(res.statuses), Object.fromEntries(Object.entries(res.ms).map(([k, v]) => [k, Math.round(v)])), `load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
          for (const [name, ms] of res.mismatches) {
            if (ms.length) console.error(`${p.ir.policy.id}: ${name} disagrees on ${ms.length}+ cases (seed ${SEED}, ZC_SEED to rerun):\n${JSON.stringify(ms, null, 1).slice(0, 12000)}`);
            expect({ comparison: name, mismatches: ms.map((m) => `${m.what}: scenario ${m.scenario}, case ${m.caseIndex}`) }).toEqual({ comparison: name, mismatches: [] });
          }
          expect(res.compared['interpreter']).toBe((PER + FREE) * SCENARIOS);
          expect(res.compared['generated']).toBe((PER + FREE) * SCENARIOS);
          expect(res.compared['generated-full']).toBe(FULL_PER * SCENARIOS);
          // every valid case with an input row is compared on every engine (those with no entity at all have none) …
          for (const e of engines) expect({ engine: e.name, compared: res.compared[e.name] }).toEqual({ engine: e.name, compared: res.rows - res.noRow });
          // … and that is at least ROWS on every policy; the cases with no entity were evaluated too
          expect(res.rows - res.noRow).toBeGreaterThanOrEqual(ROWS);
          expect(res.noRow).toBeGreaterThan(0);
          const want = ['适用', '存疑', '不适用', ...alsoExpected, ...(p.ir.policy.sunset ? ['已废止'] : []), ...(p.ir.policy.sunset && p.ir.policy.effectiveRange ? ['可能废止'] : [])];
          for (const s of want) expect({ status: s, rows: res.statuses.get(s) ?? 0 }).not.toEqual({ status: s, rows: 0 });
        } finally {
          for (const e of engines) await e.close();
        }
      }, 3_600_000);
    });
  }
}
