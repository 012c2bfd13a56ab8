/**
 * The committed generated evaluator of 栾政〔2023〕18号 (generated/luanchuan) against the
 * interpreter on the county's own scenarios: every scenario under policies/luanchuan/scenarios
 * passes with the generated evaluator as second opinion (runScenario compares the two decision
 * sets byte for byte), the rejected inputs are rejected by both with the same problems, and a
 * working-day deadline outside the holiday calendar is a typed CalendarCoverageError (ZC0805)
 * with the same year and coverage in both. Input: policies/luanchuan, generated/luanchuan.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findScenarioFiles } from '../../compiler/cli/test.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { nodeHost } from '../../compiler/project/host.js';
import { parseScenarios, runScenario, type Scenario } from '../../compiler/scenario/scenario.js';
import { SourceFile } from '../../compiler/common/source.js';
import { evaluate as interpret } from '../../compiler/interpret/interpreter.js';
import { CalendarCoverageError as InterpreterCalendarError, InputError as InterpreterInputError } from '../../compiler/interpret/decision.js';
import * as gen from '../../generated/luanchuan/index.js';

const { policies } = loadPolicies(['policies/luanchuan'], nodeHost);
const ir = policies[0]!.ir;
const generated = (facts: unknown, date: string, events: unknown[]) => gen.evaluate(facts as gen.输入事实, date, events as gen.上级政策事件[]);

const scenarios: Scenario[] = findScenarioFiles(nodeHost, ['policies/luanchuan']).flatMap((f) => {
  const p = parseScenarios(new SourceFile(f, readFileSync(f, 'utf8')));
  return p.scenarios;
});

/** What an evaluator throws, in a comparable shape (or undefined when it answers). */
function thrown(run: () => unknown): { kind: string; detail: unknown } | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (e instanceof gen.CalendarCoverageError || e instanceof InterpreterCalendarError) return { kind: 'ZC0805', detail: [e.code, e.year, e.coverage.firstYear, e.coverage.lastYear, e.message] };
    if (e instanceof gen.InputError || e instanceof InterpreterInputError) return { kind: 'input', detail: e.problems.map((p) => [p.路径, p.期望, p.实际]) };
    return { kind: 'other', detail: (e as Error).message };
  }
}

describe('generated/luanchuan agrees with the interpreter on the county scenarios', () => {
  it('finds the scenarios (including rejected inputs and a ZC0805 case)', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(100);
    expect(scenarios.some((s) => s.expectErrors?.includes('ZC0805'))).toBe(true);
    expect(scenarios.some((s) => s.expectErrors && !s.expectErrors.includes('ZC0805'))).toBe(true);
  });

  for (const s of scenarios) {
    it(`${s.file} » ${s.name}`, () => {
      const r = runScenario(s, policies, generated);
      expect(r.problems).toEqual([]);
      if (s.expectErrors) {
        // runScenario stops at the interpreter's refusal: the generated evaluator must refuse the same way
        const i = thrown(() => interpret(ir, s.facts, s.date, s.events));
        const g = thrown(() => generated(s.facts, s.date, s.events));
        expect(i).toBeDefined();
        expect(g).toEqual(i);
      }
    });
  }

  it('evaluateFast gives the statuses, values and 可领取 of evaluate on every scenario that evaluates', () => {
    let n = 0;
    for (const s of scenarios.filter((x) => !x.expectErrors)) {
      const full = generated(s.facts, s.date, s.events);
      const fast = gen.evaluateFast(s.facts as gen.输入事实, s.date, s.events as gen.上级政策事件[]);
      const want = full.决定.map((d) => [d.措施, d.状态, Object.entries(d.结果).map(([k, v]) => [k, v.值]), d.可领取?.状态]);
      const got = fast.决定.map((d) => [d.措施, d.状态, Object.entries(d.结果), d.可领取]);
      expect(got, s.name).toEqual(want);
      n++;
    }
    expect(n).toBeGreaterThan(100);
  });

  it('the registry of higher-level events gives the same decisions at dates around the 施行日 and the sunset', () => {
    const events = parse(readFileSync('policies/events.yaml', 'utf8')) as unknown[];
    const kid = (出生日期: string, 同胎序号 = 1) => ({ 出生日期, 同胎序号, 户籍: '栾川县', 健在: true });
    const facts = {
      家庭: { 夫妻: [{ 户籍: '栾川县' }, { 户籍: '县外' }], 子女: [kid('2019-01-01'), kid('2022-06-01', 1), kid('2022-06-01', 2)], 已网上登记并保存三孩生育证: true, 有医院出具的三孩出生证明: true },
      婴幼儿: { 出生日期: '2022-10-01', 户籍: '栾川县' },
      托育机构: { 举办者类别: '企业', 所在地: '栾川县', 设立日期: '2022-11-01', 收到备案材料日期: '2022-11-10', 收到不符合规范的通知: false },
    };
    const dates = ['2022-12-31', '2023-01-01', '2023-06-30', '2023-12-31', '2024-01-01', '2024-10-27', '2024-10-28', '2025-07-28'];
    const statuses = new Set<string>();
    for (const date of dates) {
      const i = interpret(ir, facts, date, events);
      expect(generated(facts, date, events), date).toEqual(i);
      for (const d of i.决定) statuses.add(d.状态);
    }
    // the dates reach every status: the comparison means something
    expect([...statuses].sort()).toEqual(['不适用', '存疑', '已废止', '未生效', '适用'].sort());
  });
});
