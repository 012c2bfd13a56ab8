/**
 * The generated evaluator on the language-depth constructs (issue 9), checked against the
 * stated behaviour (literal expected values, as in test/interpret/language-depth.test.ts)
 * and against the interpreter (byte for byte):
 *   - regression tests for the three semantic bugs of issue 9 — 100% ÷ 3 scaled twice; two
 *     paths to fields of one entity type being one; only the first 缺口 of a measure reported
 *     and a gap hidden by a contradiction;
 *   - definitions (孩次 of twins, traces per instance), quantifiers and aggregates, uncertain
 *     dates, signed inputs and assumptions, measures using measures, 申请条件/可领取;
 *   - CalendarCoverageError (ZC0805) thrown by evaluate and evaluateFast alike;
 *   - a 失效 condition undecided against an uncertain 施行日 (可能废止), same-unit division as
 *     an exact ratio and ratio ÷ ratio as a plain number.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { evaluate as interpret } from '../../compiler/interpret/interpreter.js';
import type { Decision, Decisions } from '../../compiler/interpret/decision.js';
import { irOf } from '../interpret/helpers.js';
import { call, cleanupGenerated, importGenerated, type GeneratedModule } from './helpers.js';
import { errorKey, fastOf, type FullDecisions } from './differential-lib.js';
import { DEADLINE, FAMILY, HEAD, OUTCOMES, PATHS, RATIO, SIGNED } from '../helpers/language-depth-policies.js';

afterAll(() => cleanupGenerated());


/** Emit, import, and return an evaluate that also checks equality with the interpreter and evaluateFast. */
async function compiled(src: string): Promise<{ run: (facts: unknown, date: string) => Decisions; gen: GeneratedModule; ir: ReturnType<typeof irOf> }> {
  const ir = irOf(src);
  const gen = await importGenerated(emitTypeScript(ir).get('index.ts')!);
  const run = (facts: unknown, date: string): Decisions => {
    const got = gen.evaluate(facts, date) as Decisions;
    expect(JSON.stringify(got)).toBe(JSON.stringify(interpret(ir, facts, date)));
    expect(gen.evaluateFast(facts, date)).toEqual(fastOf(got as unknown as FullDecisions));
    return got;
  };
  return { run, gen, ir };
}

const dec = (d: Decisions, m: string): Decision => d.决定.find((x) => x.措施 === m)!;

describe('issue 9 bug 1: ratio ÷ number is exact in the generated evaluator', () => {
  it('100% ÷ 3 is one third, shown as 33.(3)%; money × that third rounds once (333.33元)', async () => {
    const { run } = await compiled(RATIO);
    const d = dec(run({ 甲: { 数: 7 } }, '2024-01-01'), '比例计算');
    expect(d.状态).toBe('适用');
    expect(d.结果['三分之一']!.值).toBe('33.(3)%');
    expect(d.结果['半数']!.值).toBe('50%');
    expect(d.结果['折算']!.分).toBe(33333);
    expect(d.结果['折算']!.值).toBe('333.33');
  });
});

describe('issue 9 bug 2: fields of one entity type through different paths are distinct', () => {
  const src = PATHS;
  it('nested records are accepted and read through their own paths', async () => {
    const { run } = await compiled(src);
    expect(dec(run({ 输入: { p: { 年收入: '2' }, q: { 年收入: '1' } } }, '2024-01-01'), '比较').结果['p较高']!.值).toBe(true);
    expect(dec(run({ 输入: { p: { 年收入: '1' }, q: { 年收入: '2' } } }, '2024-01-01'), '比较').结果['p较高']!.值).toBe(false);
    const d = dec(run({ 输入: { p: { 年收入: '1' }, q: {} } }, '2024-01-01'), '比较');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['输入.q.年收入']);
  });
  it('bad nested values are one InputError with every path, as the interpreter reports them', async () => {
    const { gen, ir } = await compiled(src);
    const bad = { 输入: { p: { 年收入: -1 }, q: 3 } };
    const r = call(() => gen.evaluate(bad, '2024-01-01'));
    expect(r).toEqual(call(() => interpret(ir, bad, '2024-01-01')));
    expect('inputError' in r && (JSON.parse(r.inputError) as { 路径: string }[]).map((p) => p.路径)).toEqual(['事实.输入.p.年收入', '事实.输入.q']);
  });
});

describe('issue 9 bug 3: every outcome is judged on its own in the generated evaluator', () => {
  it('reports each gap, and a gap beside a contradiction', async () => {
    const { run } = await compiled(OUTCOMES);
    const d = dec(run({ 甲: { 数: 5 } }, '2024-01-01'), '多结果');
    expect(d.状态).toBe('存疑');
    expect(d.问题).toEqual([
      { 类别: '矛盾', 结果: '甲结果', 规则: ['一', '二'] },
      { 类别: '缺口', 结果: '乙结果', 规则: [] },
      { 类别: '缺口', 结果: '丙结果', 规则: [] },
    ]);
    expect(d.理由.filter((r) => r.startsWith('缺口'))).toHaveLength(2);
    // one rule: no contradiction, the two gaps still reported
    const e = dec(run({ 甲: { 数: 1 } }, '2024-01-01'), '多结果');
    expect(e.问题!.map((p) => `${p.类别}:${p.结果}`)).toEqual(['缺口:乙结果', '缺口:丙结果']);
  });
});

describe('definitions, lists, quantifiers and aggregates', () => {
  const kids = (...xs: [string, number?][]) => xs.map(([d, n]) => ({ 出生日期: d, 户籍: '本县', ...(n ? { 同胎序号: n } : {}) }));
  it('twins born as 3rd and 4th child count twice; 孩次 traced per instance', async () => {
    const { run } = await compiled(FAMILY);
    const d = dec(run({ 家庭: { 夫妻: [{ 户籍: '外县' }, { 户籍: '本县' }], 子女: kids(['2018-01-01', 1], ['2024-03-01', 1], ['2024-03-01', 2], ['2016-01-01', 1]) } }, '2024-06-01'), '三孩补助');
    expect(d.结果['补助额']!.值).toBe('2000.00');
    expect(d.定义!.filter((t) => t.定义 === '人.孩次').map((t) => `${t.实例}=${t.值}`)).toEqual(['家庭.子女[0]=2', '家庭.子女[1]=3', '家庭.子女[2]=4', '家庭.子女[3]=1']);
  });
  it('Kleene quantifiers name the unknown element by path; empty lists', async () => {
    const { run } = await compiled(FAMILY);
    const u = dec(run({ 家庭: { 夫妻: [{}, { 户籍: '外县' }], 子女: kids(['2018-01-01', 1], ['2019-01-01', 1], ['2020-01-01', 1]) } }, '2024-06-01'), '三孩补助');
    expect(u.状态).toBe('存疑');
    expect(u.缺少).toEqual(['家庭.夫妻[0].户籍']);
    const e = dec(run({ 家庭: { 夫妻: [], 子女: [] } }, '2024-06-01'), '汇总');
    expect(e.结果['夫妻收入']!.值).toBe('0.00');
    expect(e.缺少).toEqual(expect.arrayContaining(['家庭.子女（列表为空，没有最大值）', '家庭.子女（只有 0 个，没有第 2 个）']));
  });
});

describe('uncertain dates, signed inputs, assumptions, measures using measures, application conditions', () => {
  it('施行日 known within a range: 存疑 naming it, decided outside it', async () => {
    const { run } = await compiled(`政策 「测试」 { 生效：某日（2023年1月1日，2023年12月31日） }
实体 家庭 { 出生日期：日期 }
定义 「实施后出生」 = 家庭.出生日期 ≥ 施行日
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额
    规则 「实施后」 { 条件：「实施后出生」  补助额 = 100元 }
  }
}`);
    const at = (birth: string, date: string) => dec(run({ 家庭: { 出生日期: birth } }, date), '补助');
    expect(at('2022-01-01', '2022-06-01').状态).toBe('未生效');
    expect(at('2024-02-01', '2024-06-01').状态).toBe('适用');
    const d = at('2023-06-01', '2024-06-01');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）']);
    expect(at('2023-01-01', '2023-03-01').状态).toBe('存疑');
  });
  it('可为负 accepts negatives, unsigned refuses them; violated 前提 reported', async () => {
    const { run, gen } = await compiled(SIGNED);
    expect(dec(run({ 甲: { 差额: '-12.30' } }, '2024-01-01'), '补差').结果['补差额']!.值).toBe('12.30');
    expect(call(() => gen.evaluate({ 甲: { 数: -1 } }, '2024-01-01'))).toMatchObject({ inputError: expect.stringContaining('非负整数') });
    expect(run({ 甲: { 数: 11 } }, '2024-01-01').前提不满足).toEqual([{ 名称: '数不超过十', 说明: '编码只考虑十以内' }]);
    expect(gen.evaluateFast({ 甲: { 数: 11 } }, '2024-01-01')).toMatchObject({ 前提不满足: ['数不超过十'] });
    expect(run({ 甲: { 数: 10 } }, '2024-01-01').前提不满足).toBeUndefined();
  });
  it('适用（措施） and 措施.结果; 申请条件 joined into 可领取', async () => {
    const { run } = await compiled(`${HEAD}实体 幼儿 { 孩次：整数  户籍在本县：是否 }
实体 托育机构 { 名称：文本 }
条款 四、 "正文" {
  措施 基础 { 对象：幼儿  结果 额：金额  规则 「多孩」 { 条件：幼儿.孩次 ≥ 2  额 = 100元 } }
  措施 入托补贴 {
    对象：幼儿
    发放对象：托育机构
    申请条件：入托补贴申请条件
    结果 补贴额：金额 按年
    规则 「三孩」 { 条件：适用（基础） 且 幼儿.孩次 ≥ 3  补贴额 = 基础.额 × 10 }
  }
}
条款 附件2 三、 "附件" {
  措施 入托补贴申请条件 {
    对象：幼儿
    结果 可受理：是否
    规则 「齐备」 { 条件：幼儿.户籍在本县  可受理 = 是 }
  }
}`);
    const d = (f: object) => dec(run({ 幼儿: f }, '2024-01-01'), '入托补贴');
    const both = d({ 孩次: 3, 户籍在本县: true });
    expect([both.状态, both.申请!.状态, both.可领取!.状态, both.发放对象]).toEqual(['适用', '适用', '适用', '托育机构']);
    expect(both.可领取!.结果['补贴额']!.值).toBe('1000.00');
    expect(both.申请!.条款.标签).toBe('附件2 三');
    expect([d({ 孩次: 3, 户籍在本县: false }).可领取!.状态, d({ 孩次: 3 }).可领取!.状态, d({ 孩次: 1, 户籍在本县: true }).可领取!.状态]).toEqual(['不适用', '存疑', '不适用']);
    expect(d({}).缺少).toEqual(['幼儿.孩次', '措施「基础」是否适用（存疑）']);
  });
});

describe('working-day deadlines outside the calendar: CalendarCoverageError (ZC0805) from the generated module', () => {
  it('inside the coverage the official calendar; outside, the same error as the interpreter from evaluate and evaluateFast', async () => {
    const { run, gen, ir } = await compiled(DEADLINE);
    expect(dec(run({ 备案: { 收到日期: '2024-09-27' } }, '2024-12-31'), '办理期限').结果['截止日']!.值).toBe('2024-10-23');
    const facts = { 备案: { 收到日期: '2031-12-20' } };
    let err: unknown;
    try {
      gen.evaluate(facts, '2032-01-01');
    } catch (e) {
      err = e;
    }
    const E = (gen as unknown as { CalendarCoverageError: new (...a: unknown[]) => Error }).CalendarCoverageError;
    expect(err).toBeInstanceOf(E);
    const c = err as Error & { code: string; year: number; coverage: { firstYear: number; lastYear: number } };
    expect(c.code).toBe('ZC0805');
    expect(c.year).toBeGreaterThan(c.coverage.lastYear);
    expect(c.message).toMatch(/^没有\d+年的法定节假日和调休安排数据（chinese-days 只覆盖\d+年至\d+年），无法计算2031年12月20日起15个工作日内的期限$/);
    let ref: unknown;
    try {
      interpret(ir, facts, '2032-01-01');
    } catch (e) {
      ref = e;
    }
    expect(errorKey(err)).toBe(errorKey(ref));
    let fast: unknown;
    try {
      gen.evaluateFast(facts, '2032-01-01');
    } catch (e) {
      fast = e;
    }
    expect(errorKey(fast)).toBe(errorKey(ref));
  });
});

describe('a sunset that compares with an uncertain 施行日 (bcf5590): the generated evaluator says the policy may be void', () => {
  const src = `政策 「测试」 {
  生效：某日（2023年1月1日，2023年12月31日）
  失效 { 条件：事件.级别 为 国家 且 事件.日期 ≥ 施行日  起算：当日 }
}
实体 家庭 { 子女数：整数 }
条款 一、 "补助" {
  措施 补助 { 对象：家庭  结果 额：金额  规则 「多孩」 { 条件：家庭.子女数 ≥ 2  额 = 100元 } }
}`;
  const ev = (date: string) => [{ 日期: date, 级别: '国家', 类别: '生育支持政策', 标题: '新政策' }];
  const range = '施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）';
  it('an event after the whole range voids the policy, one before it does not, one inside it makes it possibly void', async () => {
    const ir = irOf(src);
    const gen = await importGenerated(emitTypeScript(ir).get('index.ts')!);
    const at = (kids: number, evDate: string, date: string): Decisions => {
      const got = gen.evaluate({ 家庭: { 子女数: kids } }, date, ev(evDate)) as Decisions;
      expect(JSON.stringify(got)).toBe(JSON.stringify(interpret(ir, { 家庭: { 子女数: kids } }, date, ev(evDate))));
      expect(gen.evaluateFast({ 家庭: { 子女数: kids } }, date, ev(evDate))).toEqual(fastOf(got as unknown as FullDecisions));
      return got;
    };
    expect(at(3, '2024-03-01', '2024-06-01').决定[0]!.状态).toBe('已废止');
    expect(at(3, '2022-06-01', '2024-06-01').决定[0]!.状态).toBe('适用');
    expect(at(3, '2022-06-01', '2024-06-01').可能废止).toBeUndefined();
    const d = at(3, '2023-06-01', '2024-06-01');
    expect(d.可能废止).toEqual({ 日期: '2023-06-01', 事件: ev('2023-06-01')[0], 取决于: [range] });
    expect(d.决定[0]!.状态).toBe('存疑');
    expect(d.决定[0]!.结果).toEqual({});
    expect(d.决定[0]!.缺少).toEqual([range]);
    expect(d.决定[0]!.理由).toContain(`本政策可能已于2023-06-01废止（事件“新政策”是否触发失效取决于：${range}）：若已废止则不适用`);
    // a measure that grants nothing anyway stays 不适用 and says why the doubt does not matter
    const no = at(1, '2023-06-01', '2024-06-01').决定[0]!;
    expect(no.状态).toBe('不适用');
    expect(no.理由).toContain(`（本政策可能已于2023-06-01废止（事件“新政策”是否触发失效取决于：${range}）；无论如何均无待遇）`);
    // before the possible void day the event does not matter yet
    expect(at(3, '2023-06-01', '2023-05-31').可能废止).toBeUndefined();
  });
});

describe('same-unit division (bcf5590, f8ee330) in the generated evaluator', () => {
  it('1000元 ÷ 600元 = 166.(6)% compared exactly; 4.8‰ ÷ 3.6‰ is the plain number 1.(3), rounded to an integer', async () => {
    const { run } = await compiled(`${HEAD}实体 甲 { 收入：金额  标准：金额 }
条款 一、 "比" {
  措施 收入比 { 对象：甲  结果 比值：比例  规则 「算」 { 比值 = 甲.收入 ÷ 甲.标准 } }
  措施 低收入 { 对象：甲  结果 低：是否  规则 「低」 { 条件：甲.收入 ÷ 甲.标准 ≤ 150%  低 = 是 } }
  措施 倍数 { 对象：甲  结果 倍：整数  规则 「算」 { 倍 = 4.8‰ ÷ 3.6‰ } }
}`);
    const d = run({ 甲: { 收入: '1000', 标准: '600' } }, '2024-01-01');
    expect(dec(d, '收入比').结果['比值']!.值).toBe('166.(6)%');
    expect(dec(d, '低收入').状态).toBe('不适用');
    expect(dec(d, '倍数').结果['倍']!.值).toBe(1);
    expect(dec(run({ 甲: { 收入: '900', 标准: '600' } }, '2024-01-01'), '低收入').状态).toBe('适用');
    // ÷ 0元 is unknown and named, never a silent answer
    const z = dec(run({ 甲: { 收入: '900', 标准: '0' } }, '2024-01-01'), '收入比');
    expect(z.状态).toBe('存疑');
    expect(z.缺少).toEqual(['除数“甲.标准”为零，无法相除']);
  });
});
