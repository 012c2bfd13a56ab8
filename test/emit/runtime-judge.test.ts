/**
 * The generated runtime's measure judge on the constructs of clause 四 of
 * test/emit/fixtures/runtime (a rule's validity period, 例外于, a required outcome without an
 * applicable rule, contradicting rules, a measure's 存疑, unconfirmed parameters, a measure that
 * applies without its subject), and evaluateFast's batch: the quick selection of measures and
 * the caches of the evaluation date, the selection and the batch, the rows of evaluateMany,
 * the fallback from the fast fact check to the full one. Found by the Stryker runs over module
 * lines 1160–1688 (test/README.md, "Mutation testing").
 *
 * Oracles: hand-written decisions (the values below are worked out in the comments from the
 * fixture's rules and parameters); evaluateFast against evaluate; the same call before and
 * after another that could leave a stale cache. Imports only the runtime module (in the
 * runtime's mutation test set, vitest.mutation.config.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inputProblems, loadRuntime, type InputProblem, type RuntimeModule } from './runtime-module.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
let R: RuntimeModule & { evaluateMany: (...a: any[]) => any };
beforeAll(async () => {
  R = (await loadRuntime()) as typeof R;
});

const DAY = '2024-07-15';
type Decision = Record<string, any>;
/** The decision of measure `name` from evaluate; evaluateFast must give the same status and values. */
function decide(name: string, facts: unknown, date: string, events?: unknown): Decision {
  const full = (R.evaluate(facts, date, events) as { 决定: Decision[] }).决定.find((d) => d.措施 === name)!;
  const fast = (R.evaluateFast(facts, date, events) as { 决定: Decision[] }).决定.find((d) => d.措施 === name)!;
  expect(fast).toStrictEqual({ 措施: name, 状态: full['状态'], 结果: Object.fromEntries(Object.entries(full['结果'] as Record<string, { 值: unknown }>).map(([k, v]) => [k, v.值])) });
  return full;
}
/** An applicant (收入 and 受理日期 left out when null). */
const applicant = (收入: string | null, 补助比例 = '10%', 受理日期: string | null = '2024-07-01') => ({
  申请人: { ...(收入 !== null ? { 收入 } : {}), 补助比例, ...(受理日期 !== null ? { 受理日期 } : {}) },
});
const CLAUSE = { 锚点: 'sec_4', 标签: '四', 标题: '判定', 原文: ['四、按收入定档；2023年受理的按旧标准；加发额待确认。'] };
const DOUBTS = [{ 名称: '收入口径', 采用: '税前', 理由: '原文未说明扣税' }, { 名称: '受理口径', 采用: '受理日', 理由: '原文写“受理”' }];
const cmp = (条件: string, 成立: boolean, field: string, v: string) => ({ 条件, 成立, 取值: { [field]: v } });
const income = (op: string, yuan: number, ok: boolean, v: string) => cmp(`申请人.收入 ${op} ${yuan}元`, ok, '申请人.收入', v);
const OLD_OUT = { 规则: '旧标准', 适用: false, 条件: [], 说明: '不在有效期内（2023-01-01 至 2023-12-31）' };

describe('the judge: validity periods, exceptions, gaps, contradictions, doubts of a measure', () => {
  it('a required outcome without an applicable rule is a gap (缺口); a rule outside its validity period says so', () => {
    // 收入 500元: 基本 (≥ 1000元) and 提高 (≥ 2000元) false, 旧标准 only in 2023, 特殊 (比例 ≥ 50%) false;
    // 期满 (< 8000元) gives 2024-07-01 + 30 天 = 2024-07-31
    expect(decide('判定', applicant('500'), DAY)).toStrictEqual({
      措施: '判定', 条款: CLAUSE, 对象: '申请人', 牵头单位: [], 责任单位: [], 存疑: DOUBTS, 状态: '存疑',
      结果: { 期满日: { 值: '2024-07-31', 单位: '日期', 规则: ['期满'] } },
      理由: ['缺口：必须定义的结果“档次”没有适用的规则', '规则 期满 适用：期满日 = 2024-07-31'],
      规则: [
        { 规则: '基本', 适用: false, 条件: [income('≥', 1000, false, '500.00元')], 未满足: ['申请人.收入 ≥ 1000元'] },
        { 规则: '提高', 适用: false, 条件: [income('≥', 2000, false, '500.00元')], 未满足: ['申请人.收入 ≥ 2000元'] },
        OLD_OUT,
        { 规则: '特殊', 适用: false, 条件: [cmp('申请人.「补助比例」 ≥ 50%', false, '申请人.「补助比例」', '10%')], 未满足: ['申请人.「补助比例」 ≥ 50%'] },
        { 规则: '期满', 适用: true, 条件: [income('<', 8000, true, '500.00元')] },
        { 规则: '期满二', 适用: false, 条件: [income('≥', 5000, false, '500.00元')], 未满足: ['申请人.收入 ≥ 5000元'] },
        { 规则: '期满三', 适用: false, 条件: [income('≥', 9000, false, '500.00元')], 未满足: ['申请人.收入 ≥ 9000元'] },
      ],
      问题: [{ 类别: '缺口', 结果: '档次', 规则: [] }],
    });
  });

  it('an exception (例外于) removes the rule it overrides; two different texts are a contradiction (矛盾)', () => {
    // 收入 2500元: 基本 and 提高 apply, 提高 例外于 基本 → 档次 2 (not 1, not a contradiction);
    // 比例 60%: 特殊 gives 类别 "特殊" beside 基本's "一般" — no priority between them
    const d = decide('判定', applicant('2500', '60%'), DAY);
    expect(d['状态']).toBe('存疑');
    expect(d['结果']).toStrictEqual({ 档次: { 值: 2, 单位: '', 规则: ['提高'] }, 期满日: { 值: '2024-07-31', 单位: '日期', 规则: ['期满'] } });
    expect(d['理由']).toStrictEqual(['规则 提高 适用：档次 = 2', '矛盾：结果“类别”由规则 基本=一般、特殊=特殊 同时给出不同的值，且没有优先关系', '规则 期满 适用：期满日 = 2024-07-31']);
    expect(d['问题']).toStrictEqual([{ 类别: '矛盾', 结果: '类别', 规则: ['基本', '特殊'] }]);
    expect('缺少' in d).toBe(false);
    // without 特殊: 适用, every outcome from one rule
    const e = decide('判定', applicant('2500'), DAY);
    expect([e['状态'], e['结果'], e['问题']]).toStrictEqual(['适用', { 档次: { 值: 2, 单位: '', 规则: ['提高'] }, 类别: { 值: '一般', 单位: '', 规则: ['基本'] }, 期满日: { 值: '2024-07-31', 单位: '日期', 规则: ['期满'] } }, undefined]);
  });

  it('a rule is in force on both ends of its validity period (2023-01-01 至 2023-12-31) and not after', () => {
    // 收入 3500元: 提高 = 2 and, while in force, 旧标准 = 3 (no priority): a contradiction
    const on = (date: string) => decide('判定', applicant('3500', '10%', '2022-12-01'), date);
    for (const date of ['2023-01-01', '2023-12-31']) {
      const d = on(date);
      expect((d['规则'] as Decision[])[2], date).toStrictEqual({ 规则: '旧标准', 适用: true, 条件: [income('≥', 3000, true, '3500.00元')] });
      expect(d['问题'], date).toStrictEqual([{ 类别: '矛盾', 结果: '档次', 规则: ['提高', '旧标准'] }]);
      expect((d['理由'] as string[])[0], date).toBe('矛盾：结果“档次”由规则 提高=2、旧标准=3 同时给出不同的值，且没有优先关系');
    }
    const d = on('2024-01-01');
    expect((d['规则'] as Decision[])[2]).toStrictEqual(OLD_OUT);
    expect(d['结果']['档次']).toStrictEqual({ 值: 2, 单位: '', 规则: ['提高'] });
    // before its start (2022-12-31) the whole policy is not yet in force
    expect(on('2022-12-31')['状态']).toBe('未生效');
  });

  it('while the policy may not yet be in force (2023): the reasons say so, no values are given, a contradiction stays', () => {
    const d = decide('判定', applicant('3500', '10%', '2023-07-01'), '2023-07-15');
    expect(d['状态']).toBe('存疑');
    expect(d['结果']).toStrictEqual({});
    expect(d['理由']).toStrictEqual([
      '矛盾：结果“档次”由规则 提高=2、旧标准=3 同时给出不同的值，且没有优先关系',
      '规则 基本 适用：类别 = 一般',
      '规则 期满 适用：期满日 = 2023-07-31',
      '评估日期可能早于施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）：若尚未施行则不适用',
    ]);
    expect(d['问题']).toStrictEqual([{ 类别: '矛盾', 结果: '档次', 规则: ['提高', '旧标准'] }]);
    expect(d['缺少']).toStrictEqual(['施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）']);
    // a measure that applies outright while the policy may not be in force: 存疑, each outcome a problem
    const a = decide('判定', applicant('2500', '10%', '2023-07-01'), '2023-07-15');
    expect([a['状态'], a['结果'], a['问题']]).toStrictEqual(['存疑', {}, [
      { 类别: '未知', 结果: '档次', 规则: ['提高'] }, { 类别: '未知', 结果: '类别', 规则: ['基本'] }, { 类别: '未知', 结果: '期满日', 规则: ['期满'] },
    ]]);
    // a required outcome without a rule stays a gap while the policy may not be in force
    const n = decide('判定', { 申请人: { 收入: '10', 补助比例: '10%', 受理日期: '2023-07-01' } }, '2023-07-15');
    expect(n['状态']).toBe('存疑');
    expect((n['理由'] as string[]).at(-1)).toBe('评估日期可能早于施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）：若尚未施行则不适用');
    // …and a measure that does not apply: 不适用, the doubt only noted
    const none = decide('入托补贴申请条件', { 家庭: { 入托机构: { 名称: '甲', 备案: false } } }, '2023-07-15');
    expect([none['状态'], none['理由']]).toStrictEqual(['不适用', ['没有适用的规则', '（评估日期可能早于施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）；无论如何均无待遇）']]);
  });

  it('contradictions with an unknown value and with uncertain dates; one uncertain date is unknown, not a contradiction', () => {
    // 收入 6000元, no 受理日期: 期满 (< 8000元) gives unknown, 期满二 (≥ 5000元) 「印发日」 + 60 天
    // = 2023-03-02 … 2023-08-29 (印发日 is 某日(2023-01-01, 2023-06-30))
    const a = decide('判定', applicant('6000', '10%', null), DAY);
    expect((a['理由'] as string[])[2]).toBe('矛盾：结果“期满日”由规则 期满=未知、期满二=2023-03-02 至 2023-08-29 之间（确切日期未知） 同时给出不同的值，且没有优先关系');
    expect(a['问题']).toStrictEqual([{ 类别: '矛盾', 结果: '期满日', 规则: ['期满', '期满二'] }]);
    expect(a['缺少']).toStrictEqual(['申请人.受理日期']);
    // 收入 9500元: 期满二 and 期满三 (+ 90 天 = 2023-04-01 … 2023-09-28) — two different intervals
    const b = decide('判定', applicant('9500'), DAY);
    expect((b['理由'] as string[])[2]).toBe('矛盾：结果“期满日”由规则 期满二=2023-03-02 至 2023-08-29 之间（确切日期未知）、期满三=2023-04-01 至 2023-09-28 之间（确切日期未知） 同时给出不同的值，且没有优先关系');
    // 收入 8500元: only 期满二 — its value is an uncertain date
    const c = decide('判定', applicant('8500'), DAY);
    const why = '某日（2023年1月1日，2023年6月30日）（2023-01-01 至 2023-06-30 之间）';
    expect((c['理由'] as string[])[2]).toBe(`结果“期满日”的值取决于不确定的日期：${why}`);
    expect(c['问题']).toStrictEqual([{ 类别: '未知', 结果: '期满日', 规则: ['期满二'] }]);
    expect(c['缺少']).toStrictEqual([why]);
    expect(Object.keys(c['结果'])).toStrictEqual(['档次', '类别']);
    // 收入 600元, no 受理日期: 期满 alone, unknown
    const d = decide('判定', applicant('600', '10%', null), DAY);
    expect((d['理由'] as string[]).at(-1)).toBe('结果“期满日”的值取决于缺少的事实');
    expect(d['问题']).toStrictEqual([{ 类别: '缺口', 结果: '档次', 规则: [] }, { 类别: '未知', 结果: '期满日', 规则: ['期满'] }]);
  });

  it('an unknown income: every outcome depends on the rules not ruled out (旧标准 is out of its period)', () => {
    const d = decide('判定', { 申请人: { 补助比例: '10%', 受理日期: '2024-07-01' } }, DAY);
    // 类别: 基本 unknown, 特殊 false (比例 10%)
    expect(d['理由']).toStrictEqual(['结果“档次”取决于缺少的事实（规则 基本、提高）', '结果“类别”取决于缺少的事实（规则 基本）', '结果“期满日”取决于缺少的事实（规则 期满、期满二、期满三）']);
    expect(d['问题']).toStrictEqual([{ 类别: '未知', 结果: '档次', 规则: ['基本', '提高'] }, { 类别: '未知', 结果: '类别', 规则: ['基本'] }, { 类别: '未知', 结果: '期满日', 规则: ['期满', '期满二', '期满三'] }]);
    expect(d['缺少']).toStrictEqual(['申请人.收入']);
    expect((d['规则'] as Decision[])[0]).toStrictEqual({ 规则: '基本', 适用: null, 条件: [{ 条件: '申请人.收入 ≥ 1000元', 成立: null, 取值: { '申请人.收入': '（未知）' } }], 说明: '缺少事实：申请人.收入', 未知: ['申请人.收入 ≥ 1000元'] });
  });

  it('two rules with the same value: both named, the unconfirmed parameters sorted and once; without its subject the measure is 存疑', () => {
    // 基数 150.50元 (2024-07-01 起, unconfirmed) + 「加发标准」 20元 (unconfirmed) = 170.50元 a month
    const want = { 值: '170.50', 单位: '元', 分: 17050, 规则: ['甲', '乙'], 周期: '按月', 未确认参数: ['加发标准', '基数'] };
    const d = decide('加发', applicant('1'), DAY);
    expect(d).toStrictEqual({
      措施: '加发', 条款: CLAUSE, 对象: '申请人', 牵头单位: [], 责任单位: [], 状态: '适用', 结果: { 加发额: want },
      理由: ['规则 甲、乙 适用：加发额 = 170.50元（按月）'], 规则: [{ 规则: '甲', 适用: true, 条件: [] }, { 规则: '乙', 适用: true, 条件: [] }],
    });
    // 2024-01-14: 基数 100元 (confirmed) + 20元: only 加发标准 unconfirmed
    expect(decide('加发', applicant('1', '10%', null), '2024-01-14')['结果']).toStrictEqual({ 加发额: { ...want, 值: '120.00', 分: 12000, 未确认参数: ['加发标准'] } });
    const absent = '输入中没有「申请人」：不知道是否存在，其事实均为未知（若确实没有，写 申请人: 不存在）';
    expect(decide('加发', {}, DAY)).toStrictEqual({
      措施: '加发', 条款: CLAUSE, 对象: '申请人', 牵头单位: [], 责任单位: [], 状态: '存疑', 结果: { 加发额: want },
      理由: [absent, '规则 甲、乙 适用：加发额 = 170.50元（按月）'], 规则: [{ 规则: '甲', 适用: true, 条件: [] }, { 规则: '乙', 适用: true, 条件: [] }],
      问题: [{ 类别: '未知', 结果: '加发额', 规则: ['甲', '乙'] }], 缺少: ['申请人'],
    });
    expect(decide('加发', { 申请人: '不存在' }, DAY)['理由']).toStrictEqual(['输入声明没有「申请人」']);
  });

  it('a list or entity outcome is never given (its value is a record, as in the interpreter); two lists differ by their path and length', () => {
    const person = { 户籍: '本县' };
    const family = (备案: boolean) => ({ 家庭: { 子女: [person, person], 夫妻: [person, person], 户主: {}, 入托机构: { 名称: '甲', 备案 } } });
    // 本户 gives 家庭.子女, 夫妻 (when the nursery is registered) 家庭.夫妻: two elements each, other paths
    const d = decide('名单', family(true), DAY);
    expect([d['状态'], d['结果'], d['理由'], d['问题']]).toStrictEqual(['存疑', {}, [
      '矛盾：结果“子女”由规则 本户=2个、夫妻=2个 同时给出不同的值，且没有优先关系',
      '结果“户主”的值取决于缺少的事实',
    ], [{ 类别: '矛盾', 结果: '子女', 规则: ['本户', '夫妻'] }, { 类别: '未知', 结果: '户主', 规则: ['本户'] }]]);
    expect('缺少' in d).toBe(false);
    const e = decide('名单', family(false), DAY);
    expect(e['理由']).toStrictEqual(['结果“子女”的值取决于缺少的事实', '结果“户主”的值取决于缺少的事实']);
  });

  it('a decision is the caller’s own: changing it does not change the next one', () => {
    const facts = applicant('500');
    const first = R.evaluate(facts, DAY) as { 决定: Decision[] };
    const copy = JSON.parse(JSON.stringify(first)) as unknown;
    for (const d of first.决定) {
      d['条款'].原文.push('改');
      d['条款'].标签 = '改';
      d['牵头单位'].push('改');
      d['责任单位'].push('改');
      for (const x of d['存疑'] ?? []) x.采用 = '改';
    }
    expect(R.evaluate(facts, DAY)).toStrictEqual(copy);
  });

  it('no key of a decision holds undefined (an absent part is absent)', () => {
    const undefinedKeys = (x: unknown, at: string, out: string[]): string[] => {
      if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) v === undefined ? out.push(`${at}.${k}`) : undefinedKeys(v, `${at}.${k}`, out);
      return out;
    };
    const cases: [unknown, string][] = [
      [applicant('500'), DAY], [applicant('2500', '60%'), DAY], [applicant('6000', '10%', null), DAY], [{}, DAY], [{ 申请人: '不存在', 家庭: '不存在' }, DAY],
      [{ 家庭: { 子女: [], 夫妻: [], 入托机构: { 名称: '甲', 备案: true } } }, DAY], [applicant('3500', '10%', '2023-07-01'), '2023-07-15'], [{}, '2022-01-01'],
    ];
    for (const [facts, date] of cases) {
      expect(undefinedKeys(R.evaluate(facts, date), 'evaluate', []), JSON.stringify(facts)).toStrictEqual([]);
      expect(undefinedKeys(R.evaluateFast(facts, date), 'evaluateFast', []), JSON.stringify(facts)).toStrictEqual([]);
    }
  });
});

// ─── evaluateFast's batch ──────────────────────────────────────────────────────

type P = InputProblem;
const problems = inputProblems;
const MEASURES = '本政策可计算的措施名（三孩补助、汇总、实施后补助、入托补贴、入托补贴申请条件、补助、判定、名单、加发）';
const A = applicant('2500');
const names = (r: unknown): string[] => (r as { 决定: { 措施: string }[] }).决定.map((d) => d.措施);
const status = (r: unknown, name: string): string => (r as { 决定: { 措施: string; 状态: string }[] }).决定.find((d) => d.措施 === name)!.状态;
const NATIONAL = { 日期: '2024-03-01', 级别: '国家', 类别: '生育支持政策' };

describe('evaluateFast: the selection of measures (措施)', () => {
  it('a repeated or unknown name alone, or a name that is not text, is refused as by the full check', () => {
    expect(problems(() => R.evaluateFast(A, DAY, undefined, { 措施: ['加发', '加发'] }))).toStrictEqual([{ 路径: '选项.措施[1]', 期望: '不重复的措施名', 实际: '"加发"' }]);
    expect(problems(() => R.evaluateFast(A, DAY, undefined, { 措施: ['无'] }))).toStrictEqual([{ 路径: '选项.措施[0]', 期望: MEASURES, 实际: '"无"' }]);
    expect(problems(() => R.evaluateFast(A, DAY, undefined, { 措施: [7] }))).toStrictEqual([{ 路径: '选项.措施[0]', 期望: MEASURES, 实际: '7' }]);
  });

  it('options that are not a plain object, and a 措施 that is not a list, go through the full check', () => {
    class Options {
      措施 = ['加发'];
    }
    expect(problems(() => R.evaluateFast(A, DAY, undefined, new Options()))).toStrictEqual([{ 路径: '选项', 期望: '对象（事件登记）', 实际: '非普通对象（Options）' }]);
    expect(problems(() => R.evaluateFast(A, DAY, undefined, null))).toStrictEqual([{ 路径: '选项', 期望: '对象（事件登记）', 实际: 'null' }]);
    expect(problems(() => R.evaluateFast(A, DAY, undefined, { 措施: { length: 1, 0: '加发' } }))).toStrictEqual([{ 路径: '选项.措施', 期望: `列表（${MEASURES}）`, 实际: '{"0":"加发","length":1}' }]);
    // a null-prototype object and array are read by the full check (the quick one takes only plain ones): the same selection
    const bare = Object.assign(Object.create(null) as object, { 措施: ['加发', '判定'] });
    expect(names(R.evaluateFast(A, DAY, undefined, bare))).toStrictEqual(['加发', '判定']);
    expect(names(R.evaluateFast(A, DAY, undefined, { 措施: Object.setPrototypeOf(['判定'], null) }))).toStrictEqual(['判定']);
  });

  it('an inherited enumerable 措施 (Object.prototype polluted) is no selection', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['措施'] = ['加发'];
    try {
      expect(names(R.evaluateFast(A, DAY, undefined, {}))).toHaveLength(9);
    } finally {
      delete proto['措施'];
    }
  });

  it('the selection cache: a shorter list, another order, the same list changed in place', () => {
    expect(names(R.evaluateFast(A, DAY, undefined, { 措施: ['加发', '判定'] }))).toStrictEqual(['加发', '判定']);
    expect(names(R.evaluateFast(A, DAY, undefined, { 措施: ['加发'] }))).toStrictEqual(['加发']);
    expect(names(R.evaluateFast(A, DAY, undefined, { 措施: ['加发', '判定'] }))).toStrictEqual(['加发', '判定']);
    expect(names(R.evaluateFast(A, DAY, undefined, { 措施: ['判定', '加发'] }))).toStrictEqual(['判定', '加发']);
    const list = ['加发', '判定'];
    const options = { 措施: list };
    expect(names(R.evaluateFast(A, DAY, undefined, options))).toStrictEqual(['加发', '判定']);
    list[1] = '补助';
    expect(names(R.evaluateFast(A, DAY, undefined, options))).toStrictEqual(['加发', '补助']);
    list.pop();
    expect(names(R.evaluateFast(A, DAY, undefined, options))).toStrictEqual(['加发']);
  });
});

describe('evaluateFast: what one call leaves for the next (the date, the batch)', () => {
  it('events given after a call without them, and not given after a call with them', () => {
    expect(status(R.evaluateFast(A, DAY), '判定')).toBe('适用');
    expect(status(R.evaluateFast(A, DAY, [NATIONAL]), '判定')).toBe('已废止');
    expect(status(R.evaluateFast(A, DAY), '判定')).toBe('适用');
    expect(status(R.evaluateFast(A, DAY, []), '判定')).toBe('适用');
  });

  it('another evaluation date, with and without events; the same options object with another date', () => {
    const old = applicant('3500', '10%', '2022-12-01');
    // 2024-01-01: 提高 alone → 适用; 2023-12-31: 旧标准 too → contradiction (存疑)
    expect(status(R.evaluateFast(old, '2024-01-01'), '判定')).toBe('适用');
    expect(status(R.evaluateFast(old, '2023-12-31'), '判定')).toBe('存疑');
    expect(status(R.evaluateFast(old, '2024-01-01', []), '判定')).toBe('适用');
    expect(status(R.evaluateFast(old, '2023-12-31', []), '判定')).toBe('存疑');
    const options = { 措施: ['判定'] };
    expect(status(R.evaluateFast(old, '2024-01-01', undefined, options), '判定')).toBe('适用');
    expect(status(R.evaluateFast(old, '2023-12-31', undefined, options), '判定')).toBe('存疑');
    // options after none, none after options
    expect(names(R.evaluateFast(old, '2023-12-31'))).toHaveLength(9);
    expect(names(R.evaluateFast(old, '2023-12-31', undefined, options))).toStrictEqual(['判定']);
    expect(names(R.evaluateFast(old, '2023-12-31'))).toHaveLength(9);
  });

  it('an invalid date is refused every time; a refused batch is not reused', () => {
    for (let i = 0; i < 2; i++) expect(problems(() => R.evaluateFast(A, '2024-02-30'))).toStrictEqual([{ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: '"2024-02-30"' }]);
    const bad = { 措施: ['无'] };
    for (let i = 0; i < 2; i++) expect(problems(() => R.evaluateFast(A, DAY, undefined, bad))).toHaveLength(1);
  });

  it('facts the fast check leaves to the full one (null-prototype records) give the same decisions, absent entities included', () => {
    const bare = (o: object): object => Object.assign(Object.create(null) as object, o);
    const facts = { 申请人: bare(A.申请人), 家庭: '不存在' };
    const plain = { 申请人: A.申请人, 家庭: '不存在' };
    expect(R.evaluateFast(facts, DAY)).toStrictEqual(R.evaluateFast(plain, DAY));
    expect(status(R.evaluateFast(facts, DAY), '三孩补助')).toBe('不适用');
    expect(status(R.evaluateFast(facts, DAY), '判定')).toBe('适用');
    expect([...R.evaluateMany([facts, plain, facts], DAY)]).toStrictEqual([R.evaluateFast(plain, DAY), R.evaluateFast(plain, DAY), R.evaluateFast(plain, DAY)]);
  });
});

describe('evaluateMany: rows', () => {
  it('an asynchronous row with a problem names its row', async () => {
    async function* rows() {
      yield A;
      yield A;
      yield { 申请人: 3 };
    }
    const got: unknown[] = [];
    let err: any;
    try {
      for await (const d of R.evaluateMany(rows(), DAY)) got.push(d);
    } catch (e) {
      err = e;
    }
    expect(got).toHaveLength(2);
    expect(err?.name).toBe('InputError');
    expect(err.行).toBe(2);
  });

  it('rows whose iterator cannot be read are not rows', () => {
    const want = [{ 路径: '行', 期望: '可迭代的行（数组、生成器）或异步可迭代的行（流、游标）', 实际: '{}' }];
    const hostile = Object.defineProperty({}, Symbol.asyncIterator, { get() { throw new Error('no'); } });
    expect(problems(() => R.evaluateMany(hostile, DAY))).toStrictEqual(want);
    expect(problems(() => R.evaluateMany(undefined, DAY))).toStrictEqual([{ ...want[0]!, 实际: '（缺失）' }]);
    expect(problems(() => R.evaluateMany({ [Symbol.iterator]: 1 }, DAY))).toStrictEqual(want);
  });
});
