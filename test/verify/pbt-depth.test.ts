/**
 * The property-based engine and the cross-check on the second-wave constructs:
 *  - lists longer than the SMT bound: SMT proves "no contradiction" only up to B (ZC0919),
 *    the random tests (lengths 0, 1, B, B+1, B+2) find the contradiction beyond it — reported
 *    as the finding, not as a disagreement of the engines (ZC0916);
 *  - 前提 of simple shapes (an integer bound, also on every element of a list; a maximum list
 *    length; no two elements with the same key fields) hold by construction: no input is
 *    discarded for them; inputs violating any other 前提 are discarded and counted, never reported;
 *  - a working-day deadline outside the holiday calendar (ZC0805) is an expected outcome of
 *    evaluation, counted, never a crash; the SMT encoding stays inside the calendar;
 *  - nested records, lists and signed values are generated valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { verifyPolicies } from '../../compiler/verify/verify.js';
import { assumptionConstraints, inputArbitrary } from '../../compiler/verify/arbitraries.js';
import { evaluateRaw } from '../../compiler/interpret/interpreter.js';
import { validateInput } from '../../compiler/interpret/validate.js';
import { irOf } from '../interpret/helpers.js';

const HEAD = `政策 「测试」 { 生效：2020年1月1日 }\n`;

async function verify(text: string, runs: number, listBound = 4) {
  const { policies, diagnostics } = loadPolicies(['/p'], memoryHost({ '/p/政策.zc': text }));
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return verifyPolicies(policies, { timeoutMs: 20_000, pbtRuns: runs, events: [], listBound, noGenerated: true });
}

describe('random tests beyond the list bound', () => {
  it('a contradiction needing six children: SMT bounded (ZC0919), the random tests find it (ZC0901, engine pbt)', async () => {
    const r = await verify(`${HEAD}实体 人 { 出生日期：日期 }
实体 家庭 { 子女：列表（人） }
条款 一、 "多子女" {
  措施 补助 {
    对象：家庭
    结果 额：金额
    规则 「五个以上」 { 条件：数量（家庭.子女） ≥ 5  额 = 1元 }
    规则 「六个以上」 { 条件：数量（家庭.子女） ≥ 6  额 = 2元 }
  }
}`, 300);
    const fs = r.findings;
    expect(fs.filter((f) => f.code === 'ZC0916')).toEqual([]);
    const b = fs.find((f) => f.code === 'ZC0919')!;
    expect(b.message).toContain('无矛盾');
    const c = fs.find((f) => f.code === 'ZC0901')!;
    expect(c.engine).toBe('pbt');
    expect((c.witness!.facts['家庭'] as { 子女: unknown[] }).子女.length).toBeGreaterThanOrEqual(6);
    expect(r.policies[0]!.stats.lists).toEqual({ bound: 4, complete: false });
  }, 120_000);
});

describe('assumptions and the calendar in the random tests', () => {
  it('inputs outside a 前提 are discarded and counted; a property failing only outside it is not reported', async () => {
    // (a disjunction is not a shape the generator builds in: its inputs are filtered)
    const r = await verify(`${HEAD}实体 甲 { 数：整数 }
前提 「数不超过三」 { 条件：甲.数 ≤ 3 或 甲.数 < 0 }
条款 一、 "甲" {
  措施 档次 { 对象：甲  结果 档：整数  规则 「有」 { 条件：甲.数 ≥ 0  档 = 甲.数 } }
  性质 「档不超过三」 { 断言：档次.档 ≤ 3 }
}`, 300);
    expect(r.findings.filter((f) => f.subject === 'property:档不超过三').map((f) => f.code)).toEqual(['ZC0909']);
    expect(r.policies[0]!.stats.pbtDiscarded).toBeGreaterThan(0);
    expect(r.policies[0]!.stats.pbtCases).toBeGreaterThanOrEqual(300);
  }, 120_000);
  it('前提 of the recognised shapes hold by construction: nothing discarded, the property still proved', async () => {
    const r = await verify(`${HEAD}实体 甲 { 数：整数 }
前提 「数不超过三」 { 条件：甲.数 ≤ 3 }
条款 一、 "甲" {
  措施 档次 { 对象：甲  结果 档：整数  规则 「有」 { 条件：甲.数 ≥ 0  档 = 甲.数 } }
  性质 「档不超过三」 { 断言：档次.档 ≤ 3 }
}`, 300);
    expect(r.findings.filter((f) => f.subject === 'property:档不超过三').map((f) => f.code)).toEqual(['ZC0909']);
    expect(r.policies[0]!.stats.pbtDiscarded ?? 0).toBe(0);
    expect(r.policies[0]!.stats.pbtCases).toBeGreaterThanOrEqual(300);
  }, 120_000);
  it('working-day deadlines beyond the calendar are refused (ZC0805) and counted, never a crash', async () => {
    const r = await verify(`${HEAD}实体 备案 { 收到日期：日期 }
条款 一、 "期限" {
  措施 办理期限 {
    对象：备案
    结果 截止日：日期
    规则 「十五个工作日」 { 截止日 = 工作日期限（备案.收到日期，15个工作日） }
  }
  性质 「截止日不早于收到日」 { 断言：办理期限.截止日 ≥ 备案.收到日期 }
}`, 400);
    const st = r.policies[0]!.stats;
    expect(st.pbtCalendarRefused).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 120_000);
});

describe('arbitraries derived from the IR', () => {
  it('satisfy the 前提 they recognise by construction (bounds, also on list elements; list length; unique keys)', () => {
    const ir = irOf(`${HEAD}实体 孩 { 出生日期：日期  序号：整数 }
实体 家庭 { 子女：列表（孩）  夫妻：列表（孩）  人数：整数 }
定义 孩.「同日同序号的人数」：整数 = 人数（家庭.子女，出生日期 = 孩.出生日期 且 序号 = 孩.序号）
前提 「不重复」 { 条件：家庭.子女 均满足（「同日同序号的人数」 = 1） }
前提 「序号从1起」 { 条件：家庭.子女 均满足（序号 ≥ 1 且 序号 ≤ 3） 且 家庭.人数 > 1 }
前提 「至多两人」 { 条件：数量（家庭.夫妻） ≤ 2 }
条款 一、 "x" { 措施 占位 { 对象：家庭  结果 额：金额  规则 「有」 { 条件：数量（家庭.子女） ≥ 2  额 = 1元 } } }`);
    const c = assumptionConstraints(ir);
    expect(Object.fromEntries(c.bounds)).toEqual({ '家庭.子女[].序号': { min: 1, max: 3 }, '家庭.人数': { min: 2, max: Infinity } });
    expect(Object.fromEntries(c.maxLength)).toEqual({ '家庭.夫妻': 2 });
    expect(Object.fromEntries(c.unique)).toEqual({ '家庭.子女': ['出生日期', '序号'] });
    const spouses = new Set<number>();
    let longest = 0;
    fc.assert(fc.property(inputArbitrary(ir, { listBound: 4 }), (w) => {
      expect(validateInput(ir, w.facts, w.date, []).problems).toEqual([]);
      expect(evaluateRaw(ir, w.facts, w.date, []).decisions.前提不满足).toBeUndefined();
      const f = w.facts['家庭'] as { 夫妻?: unknown[]; 子女?: unknown[] } | undefined;
      if (f?.夫妻) spouses.add(f.夫妻.length);
      longest = Math.max(longest, f?.子女?.length ?? 0);
      return true;
    }), { numRuns: 300 });
    expect([...spouses].sort()).toEqual([0, 1, 2]);
    expect(longest).toBeGreaterThanOrEqual(4);
  });
  const ir = irOf(`${HEAD}枚举 户籍地 { 本县、外县 }
实体 孩 { 出生日期：日期 }
实体 人 { 户籍：户籍地  差额：金额 可为负  占比：比例  孩子：列表（孩） }
实体 家庭 { 成员：列表（人）  户主：人  净额：整数 可为负 }
条款 一、 "x" { 措施 占位 { 对象：家庭  结果 额：金额  规则 「有」 { 条件：家庭.户主.占比 ≥ 100% ÷ 3  额 = 1元 } } }`);
  it('valid nested inputs; list lengths 0, 1, B and beyond B; negative signed values; the ratio threshold ± 0.01%', () => {
    const lengths = new Set<number>();
    let negative = 0;
    const ratios = new Set<string>();
    fc.assert(fc.property(inputArbitrary(ir, { complete: true, listBound: 4 }), (w) => {
      expect(validateInput(ir, w.facts, w.date, []).problems).toEqual([]);
      const f = w.facts['家庭'] as { 成员: { 差额: string }[]; 户主: { 占比: string }; 净额: number };
      lengths.add(f.成员.length);
      if (f.净额 < 0 || f.成员.some((m) => m.差额.startsWith('-'))) negative++;
      ratios.add(f.户主.占比);
      return true;
    }), { numRuns: 500 });
    for (const n of [0, 1, 4, 5]) expect(lengths.has(n), `length ${n}`).toBe(true);
    expect(negative).toBeGreaterThan(0);
    // 100% ÷ 3 is not a finite decimal: its neighbours 33.32…% / 33.34…% are not either; the random ones are
    expect(ratios.size).toBeGreaterThan(10);
  });
});
