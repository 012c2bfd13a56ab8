/**
 * Reference semantics of the second-wave constructs (grammar/README.md §15) on the
 * interpreter: definitions, lists and quantifiers, aggregates, 按（键）第N个, uncertain dates
 * (某日、施行日), signed inputs, exact ratios, assumptions — and regression tests for the
 * three semantic bugs found by a peer's proof suite (issue 9):
 *   1. `比例 ÷ 数` was scaled twice (100% ÷ 3 gave 33333333.33%);
 *   2. two fields of one entity type reached through different paths were one variable,
 *      and nested input was rejected;
 *   3. only the first 缺口 of a measure was reported, and a gap vanished when another
 *      outcome of the same measure was in 矛盾.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { InputError, type Decision, type Decisions } from '../../compiler/interpret/decision.js';
import { irOf, irPerTest } from './helpers.js';
import { DEADLINE, FAMILY, HEAD, OUTCOMES, PATHS, RATIO, SIGNED } from '../helpers/language-depth-policies.js';

const dec = (d: Decisions, m: string): Decision => d.决定.find((x) => x.措施 === m)!;

describe('bug 1: ratio ÷ number is exact (was scaled twice)', () => {
  const ir = irPerTest(RATIO);
  it('100% ÷ 3 is exactly one third, shown with its repeating digit', () => {
    const d = dec(evaluate(ir(), { 甲: { 数: 7 } }, '2024-01-01'), '比例计算');
    expect(d.状态).toBe('适用');
    expect(d.结果['三分之一']!.值).toBe('33.(3)%');
    expect(d.结果['半数']!.值).toBe('50%');
  });
  it('money × an exact third rounds once, half away from zero (333.33元)', () => {
    const d = dec(evaluate(ir(), { 甲: { 数: 7 } }, '2024-01-01'), '比例计算');
    expect(d.结果['折算']!.分).toBe(33333);
  });
});

describe('bug 2: fields of one entity type through different paths are distinct; nested input is accepted', () => {
  const ir = irPerTest(PATHS);
  it('evaluates nested records', () => {
    const d = dec(evaluate(ir(), { 输入: { p: { 年收入: '2' }, q: { 年收入: '1' } } }, '2024-01-01'), '比较');
    expect(d.结果['p较高']!.值).toBe(true);
    const e = dec(evaluate(ir(), { 输入: { p: { 年收入: '1' }, q: { 年收入: '2' } } }, '2024-01-01'), '比较');
    expect(e.结果['p较高']!.值).toBe(false);
  });
  it('a missing nested field is named by its full path', () => {
    const d = dec(evaluate(ir(), { 输入: { p: { 年收入: '1' }, q: {} } }, '2024-01-01'), '比较');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['输入.q.年收入']);
  });
  it('bad nested values are InputErrors with their paths', () => {
    expect(() => evaluate(ir(), { 输入: { p: { 年收入: -1 }, q: 3 } }, '2024-01-01')).toThrow(InputError);
    try {
      evaluate(ir(), { 输入: { p: { 年收入: -1 }, q: 3 } }, '2024-01-01');
    } catch (e) {
      expect((e as InputError).problems.map((p) => p.路径)).toEqual(['事实.输入.p.年收入', '事实.输入.q']);
    }
  });
});

describe('bug 3: every outcome is judged on its own', () => {
  const ir = irPerTest(OUTCOMES);
  it('reports each gap, and a gap beside a contradiction', () => {
    const d = dec(evaluate(ir(), { 甲: { 数: 5 } }, '2024-01-01'), '多结果');
    expect(d.状态).toBe('存疑');
    expect(d.问题).toEqual([
      { 类别: '矛盾', 结果: '甲结果', 规则: ['一', '二'] },
      { 类别: '缺口', 结果: '乙结果', 规则: [] },
      { 类别: '缺口', 结果: '丙结果', 规则: [] },
    ]);
    expect(d.理由.filter((r) => r.startsWith('缺口'))).toHaveLength(2);
  });
});

describe('definitions, lists, quantifiers and aggregates', () => {
  const ir = irPerTest(FAMILY);
  const kids = (...xs: [string, number?][]) => xs.map(([d, n]) => ({ 出生日期: d, 户籍: '本县', ...(n ? { 同胎序号: n } : {}) }));
  it('twins born as 3rd and 4th child count twice', () => {
    const d = dec(evaluate(ir(), { 家庭: { 夫妻: [{ 户籍: '外县' }, { 户籍: '本县' }], 子女: kids(['2018-01-01', 1], ['2024-03-01', 1], ['2024-03-01', 2], ['2016-01-01', 1]) } }, '2024-06-01'), '三孩补助');
    expect(d.状态).toBe('适用');
    expect(d.结果['补助额']!.值).toBe('2000.00');
    const ranks = d.定义!.filter((t) => t.定义 === '人.孩次').map((t) => `${t.实例}=${t.值}`);
    expect(ranks).toEqual(['家庭.子女[0]=2', '家庭.子女[1]=3', '家庭.子女[2]=4', '家庭.子女[3]=1']);
  });
  it('forall fails as soon as one element fails, even if another is unknown', () => {
    const d = dec(evaluate(ir(), { 家庭: { 夫妻: [{ 户籍: '本县' }], 子女: [{ 出生日期: '2020-01-01' }, { 出生日期: '2021-01-01', 户籍: '外县' }] } }, '2024-06-01'), '三孩补助');
    expect(d.状态).toBe('不适用');
  });
  it('exists is true as soon as one element holds, even if another is unknown', () => {
    const d = dec(evaluate(ir(), { 家庭: { 夫妻: [{}, { 户籍: '本县' }], 子女: kids(['2018-01-01', 1], ['2019-01-01', 1], ['2020-01-01', 1]) } }, '2024-06-01'), '三孩补助');
    expect(d.状态).toBe('适用');
  });
  it('an unknown element makes the quantifier unknown and names the missing fact by path', () => {
    const d = dec(evaluate(ir(), { 家庭: { 夫妻: [{}, { 户籍: '外县' }], 子女: kids(['2018-01-01', 1], ['2019-01-01', 1], ['2020-01-01', 1]) } }, '2024-06-01'), '三孩补助');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['家庭.夫妻[0].户籍']);
  });
  it('sum, max and the n-th by order; empty lists', () => {
    const d = dec(evaluate(ir(), { 家庭: { 夫妻: [{ 月收入: '1000.50' }, { 月收入: 200 }], 子女: kids(['2020-05-01'], ['2018-01-01'], ['2022-01-01']) } }, '2024-06-01'), '汇总');
    expect(d.结果['夫妻收入']!.值).toBe('1200.50');
    expect(d.结果['最近生育']!.值).toBe('2022-01-01');
    expect(d.结果['第二孩']!.值).toBe('2020-05-01');
    const e = dec(evaluate(ir(), { 家庭: { 夫妻: [], 子女: [] } }, '2024-06-01'), '汇总');
    expect(e.结果['夫妻收入']!.值).toBe('0.00');
    expect(e.状态).toBe('存疑');
    expect(e.缺少).toEqual(expect.arrayContaining(['家庭.子女（列表为空，没有最大值）', '家庭.子女（只有 0 个，没有第 2 个）']));
  });
});

describe('uncertain dates: 施行日 known within a range', () => {
  const ir = irPerTest(`政策 「测试」 { 生效：某日（2023年1月1日，2023年12月31日） }
实体 家庭 { 出生日期：日期 }
定义 「实施后出生」 = 家庭.出生日期 ≥ 施行日
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额
    规则 「实施后」 { 条件：「实施后出生」  补助额 = 100元 }
  }
}`);
  const at = (birth: string, date: string) => dec(evaluate(ir(), { 家庭: { 出生日期: birth } }, date), '补助');
  it('before the range: 未生效; a birth after the range: decided', () => {
    expect(at('2022-01-01', '2022-06-01').状态).toBe('未生效');
    expect(at('2024-02-01', '2024-06-01').状态).toBe('适用');
    expect(at('2022-12-31', '2024-06-01').状态).toBe('不适用');
  });
  it('a birth inside the range: 存疑 naming the date and its range', () => {
    const d = at('2023-06-01', '2024-06-01');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）']);
  });
  it('an evaluation date inside the range: 存疑 when it would apply', () => {
    expect(at('2023-01-01', '2023-03-01').状态).toBe('存疑');
  });
});

describe('signed inputs and assumptions', () => {
  const ir = irPerTest(SIGNED);
  it('a signed field accepts negatives; an unsigned one does not', () => {
    expect(dec(evaluate(ir(), { 甲: { 差额: '-12.30' } }, '2024-01-01'), '补差').结果['补差额']!.值).toBe('12.30');
    expect(() => evaluate(ir(), { 甲: { 数: -1 } }, '2024-01-01')).toThrow(InputError);
  });
  it('a violated assumption is reported with the decisions', () => {
    expect(evaluate(ir(), { 甲: { 数: 11 } }, '2024-01-01').前提不满足).toEqual([{ 名称: '数不超过十', 说明: '编码只考虑十以内' }]);
    expect(evaluate(ir(), { 甲: { 数: 10 } }, '2024-01-01').前提不满足).toBeUndefined();
  });
});

describe('a measure used by another measure', () => {
  const ir = irPerTest(`${HEAD}实体 家庭 { 子女数：整数 }
条款 一、 "甲" {
  措施 基础 { 对象：家庭  结果 额：金额  规则 「多孩」 { 条件：家庭.子女数 ≥ 2  额 = 100元 } }
  措施 加倍 { 对象：家庭  结果 额：金额  规则 「加倍」 { 条件：适用（基础）  额 = 基础.额 × 2 } }
}`);
  it('reads the other measure’s status and outcome', () => {
    const d = evaluate(ir(), { 家庭: { 子女数: 3 } }, '2024-01-01');
    expect(dec(d, '加倍').结果['额']!.值).toBe('200.00');
    expect(dec(evaluate(ir(), { 家庭: { 子女数: 1 } }, '2024-01-01'), '加倍').状态).toBe('不适用');
    expect(dec(evaluate(ir(), { 家庭: {} }, '2024-01-01'), '加倍').状态).toBe('存疑');
  });
});

describe('recipient and application conditions (正文与附件)', () => {
  const ir = irPerTest(`${HEAD}实体 幼儿 { 孩次：整数  户籍在本县：是否 }
实体 托育机构 { 名称：文本 }
条款 四、 "正文" {
  措施 入托补贴 {
    对象：幼儿
    发放对象：托育机构
    申请条件：入托补贴申请条件
    结果 补贴额：金额 按年
    规则 「三孩」 { 条件：幼儿.孩次 ≥ 3  补贴额 = 1000元 }
  }
}
条款 附件2 三、 "附件" {
  措施 入托补贴申请条件 {
    对象：幼儿
    结果 可受理：是否
    规则 「齐备」 { 条件：幼儿.户籍在本县  可受理 = 是 }
  }
}`);
  const d = (f: object) => dec(evaluate(ir(), { 幼儿: f }, '2024-01-01'), '入托补贴');
  it('the decision names the recipient apart from the entity evaluated', () => {
    expect(d({ 孩次: 3, 户籍在本县: true }).对象).toBe('幼儿');
    expect(d({ 孩次: 3, 户籍在本县: true }).发放对象).toBe('托育机构');
  });
  it('claimable only when both the main text and the annex hold, citing both clauses', () => {
    const both = d({ 孩次: 3, 户籍在本县: true });
    expect([both.状态, both.申请!.状态, both.可领取!.状态]).toEqual(['适用', '适用', '适用']);
    expect(both.可领取!.结果['补贴额']!.值).toBe('1000.00');
    expect(both.条款.标签).toBe('四');
    expect(both.申请!.条款.标签).toBe('附件2 三');
    const annexFails = d({ 孩次: 3, 户籍在本县: false });
    expect([annexFails.状态, annexFails.申请!.状态, annexFails.可领取!.状态]).toEqual(['适用', '不适用', '不适用']);
    expect(annexFails.可领取!.结果).toEqual({});
    const unknown = d({ 孩次: 3 });
    expect([unknown.状态, unknown.申请!.状态, unknown.可领取!.状态]).toEqual(['适用', '存疑', '存疑']);
    const mainFails = d({ 孩次: 2, 户籍在本县: true });
    expect([mainFails.状态, mainFails.可领取!.状态]).toEqual(['不适用', '不适用']);
  });
});

describe('working-day deadlines outside the calendar: ZC0805, never a guess', () => {
  const ir = irPerTest(DEADLINE);
  it('inside the coverage: the official calendar; outside: CalendarCoverageError naming the year', async () => {
    expect(dec(evaluate(ir(), { 备案: { 收到日期: '2024-09-27' } }, '2024-12-31'), '办理期限').结果['截止日']!.值).toBe('2024-10-23') // 9-29 and 10-12 are 调休 working days; 10-1…10-7 holidays;
    const { CalendarCoverageError } = await import('../../compiler/interpret/decision.js');
    expect(() => evaluate(ir(), { 备案: { 收到日期: '2031-12-20' } }, '2032-01-01')).toThrow(CalendarCoverageError);
    try {
      evaluate(ir(), { 备案: { 收到日期: '2031-12-20' } }, '2032-01-01');
    } catch (e) {
      expect((e as InstanceType<typeof CalendarCoverageError>).code).toBe('ZC0805');
      expect((e as InstanceType<typeof CalendarCoverageError>).year).toBeGreaterThan(2026);
    }
  });
});

describe('a sunset that compares with an uncertain 施行日: a possibly void policy is said out loud', () => {
  const ir = irPerTest(`政策 「测试」 {
  生效：某日（2023年1月1日，2023年12月31日）
  失效 { 条件：事件.级别 为 国家 且 事件.日期 ≥ 施行日  起算：当日 }
}
实体 家庭 { 子女数：整数 }
条款 一、 "补助" {
  措施 补助 { 对象：家庭  结果 额：金额  规则 「多孩」 { 条件：家庭.子女数 ≥ 2  额 = 100元 } }
}`);
  const ev = (date: string) => [{ 日期: date, 级别: '国家', 类别: '生育支持政策', 标题: '新政策' }];
  const at = (kids: number, evDate: string, date: string) => evaluate(ir(), { 家庭: { 子女数: kids } }, date, ev(evDate));
  it('an event after the whole range voids the policy; one before it does not', () => {
    expect(at(3, '2024-03-01', '2024-06-01').决定[0]!.状态).toBe('已废止');
    expect(at(3, '2022-06-01', '2024-06-01').决定[0]!.状态).toBe('适用');
  });
  it('an event inside the range: 可能废止, and a measure that would grant is 存疑 naming the date', () => {
    const d = at(3, '2023-06-01', '2024-06-01');
    expect(d.可能废止).toEqual({ 日期: '2023-06-01', 事件: ev('2023-06-01')[0], 取决于: ['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）'] });
    expect(d.决定[0]!.状态).toBe('存疑');
    expect(d.决定[0]!.结果).toEqual({});
    expect(d.决定[0]!.缺少).toEqual(['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）']);
    expect(at(1, '2023-06-01', '2024-06-01').决定[0]!.状态).toBe('不适用');
  });
});

describe('same-unit division is an exact ratio', () => {
  const ir = irPerTest(`${HEAD}实体 甲 { 收入：金额  标准：金额 }
条款 一、 "比" {
  措施 收入比 { 对象：甲  结果 比值：比例  规则 「算」 { 比值 = 甲.收入 ÷ 甲.标准 } }
  措施 低收入 { 对象：甲  结果 低：是否  规则 「低」 { 条件：甲.收入 ÷ 甲.标准 ≤ 150%  低 = 是 } }
}`);
  it('1000元 ÷ 600元 = 166.(6)%, compared exactly', () => {
    const d = evaluate(ir(), { 甲: { 收入: '1000', 标准: '600' } }, '2024-01-01');
    expect(dec(d, '收入比').结果['比值']!.值).toBe('166.(6)%');
    expect(dec(d, '低收入').状态).toBe('不适用');
    expect(dec(evaluate(ir(), { 甲: { 收入: '900', 标准: '600' } }, '2024-01-01'), '低收入').状态).toBe('适用');
  });
  it('可为负 on a field that is not a number is an error', () => {
    expect(() => irOf(`${HEAD}实体 甲 { 名称：文本 可为负 }`)).toThrow(/ZC0311 “可为负”只能用于整数、金额、时长和比例/);
  });
});
