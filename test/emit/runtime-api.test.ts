/**
 * The generated evaluators' runtime through its API — evaluate / evaluateFast / evaluateMany of
 * the module of test/emit/runtime-module.ts (the emitted index.ts of test/emit/fixtures/runtime).
 *
 * What test/emit/runtime.test.ts (the helpers, one by one) does not reach: input validation
 * (every problem text: path, expected, actual, in order), the measure judge and its
 * explanations (status, values, reasons, traces, definitions, problems, missing facts, the
 * application and what may be received), the policy's effective range and sunset by
 * events, the fast path and the batch (evaluateFast = evaluate on bad input; selections;
 * evaluateMany's rows).
 *
 * Oracles: the problem lists are written by hand from the message conventions of
 * grammar/README.md and docs (each path/expected/actual below); the decisions are goldens
 * (test/emit/runtime-api/*.json, `vitest -u` to update, reviewed in the diff) of
 * hand-picked families whose values are checked by hand in the comments; the random
 * agreement with the interpreter is test/emit/runtime-agreement.test.ts. Imports only the
 * runtime module (cheap): this file is in the Stryker run over the runtime
 * (vitest.mutation.config.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inputProblems, loadRuntime, type InputProblem, type RuntimeModule } from './runtime-module.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
let R: RuntimeModule & { evaluateMany: (...a: any[]) => any };
beforeAll(async () => {
  R = (await loadRuntime()) as typeof R;
});

const DAY = '2024-07-15';
type P = InputProblem;
const problems = inputProblems;
const p = (路径: string, 期望: string, 实际: string): P => ({ 路径, 期望, 实际 });

const ENTITY = '对象（字段 → 值），或 "不存在"（表示没有该实体）';
const PERSON = '对象（实体「人」的字段 → 值）';
const MONEY = '金额（元，最多两位小数，如 "1000.50"）';
const RATIO = '比例（如 "50%"、"4.8‰"）';
const MEASURES = '本政策可计算的措施名（三孩补助、汇总、实施后补助、入托补贴、入托补贴申请条件、补助、判定、名单、加发）';

describe('input validation: every problem, in input order, the same from evaluate and evaluateFast', () => {
  const cyclic = (): unknown => {
    const a: Record<string, unknown> = { 户籍: '本县' };
    a['子女'] = [a];
    return { 人: a };
  };
  const selfJson = (): unknown => {
    const o: Record<string, unknown> = {};
    o['o'] = o;
    return { 托育机构: { 名称: o } };
  };
  class Foo {}
  const cases: [string, () => unknown, P[]][] = [
    ['an invalid evaluation date', () => ({}), []],
    ['facts: an array', () => [], [p('事实', '对象（实体名 → 字段）', '[]')]],
    ['facts: null', () => null, [p('事实', '对象（实体名 → 字段）', 'null')]],
    ['facts: a Map', () => new Map(), [p('事实', '对象（实体名 → 字段）', '非普通对象（Map）')]],
    ['an unknown entity', () => ({ 狗: {} }), [p('事实.狗', '已声明的实体（人、家庭、托育机构、申请人）', '未知实体')]],
    ['entities that are not objects; "不存在" is fine', () => ({ 家庭: [1], 人: 'x', 托育机构: '不存在' }), [p('事实.家庭', ENTITY, '[1]'), p('事实.人', ENTITY, '"x"')]],
    ['every scalar type refused, and an unknown field', () => ({ 人: { 出生日期: '2024-07-16', 户籍: '省外', 同胎序号: -1, 月收入: '1.234', 增减: 1.5, 份额: '50', 子女: {}, 体重: 3 } }), [
      p('事实.人.出生日期', '不晚于评估日期的日期', '"2024-07-16"'),
      p('事实.人.户籍', '以下之一：本县、外县', '"省外"'),
      p('事实.人.同胎序号', '非负整数', '-1'),
      p('事实.人.月收入', MONEY, '"1.234"'),
      p('事实.人.增减', '整数', '1.5'),
      p('事实.人.份额', RATIO, '"50"'),
      p('事实.人.子女', '列表（实体「人」的对象）', '{}'),
      p('事实.人.体重', '实体「人」的字段（出生日期、户籍、同胎序号、月收入、增减、份额、子女）', '未知字段'),
    ]],
    // eslint-disable-next-line no-sparse-arrays
    ['lists (a hole is a problem at its index, not a shorter list), nested objects, signed money, a missing value', () => ({ 家庭: { 夫妻: [1, , { 户籍: 5 }], 户主: [], 入托机构: { 名称: 3, 备案: 'true' }, 差额: -1n, 申请日期: undefined } }), [
      p('事实.家庭.夫妻[0]', PERSON, '1'),
      p('事实.家庭.夫妻[1]', PERSON, '空位（稀疏数组中没有这个元素）'),
      p('事实.家庭.夫妻[2].户籍', '以下之一：本县、外县', '5'),
      p('事实.家庭.户主', PERSON, '[]'),
      p('事实.家庭.入托机构.名称', '文本', '3'),
      p('事实.家庭.入托机构.备案', '是否（true/false）', '"true"'),
      p('事实.家庭.差额', '金额（元，最多两位小数，可为负，如 "-1000.50"）', '-1n（BigInt）'),
      p('事实.家庭.申请日期', '日期（YYYY-MM-DD）', '（缺失）'),
    ]],
    ['how an actual value is shown: NaN, a function, a Symbol, a Date, a class instance, text cut at 60', () => ({ 托育机构: { 名称: NaN, 备案: () => 1 }, 申请人: { 出生日期: Symbol('s'), 受理日期: new Date(0), 收入: 'x'.repeat(70), 补助比例: Object.create(null), 调整: new Foo() } }), [
      p('事实.托育机构.名称', '文本', 'NaN'),
      p('事实.托育机构.备案', '是否（true/false）', '函数'),
      p('事实.申请人.出生日期', '日期（YYYY-MM-DD）', 'Symbol'),
      p('事实.申请人.受理日期', '日期（YYYY-MM-DD）', '非普通对象（Date）'),
      p('事实.申请人.收入', MONEY, `"${'x'.repeat(59)}…`),
      p('事实.申请人.补助比例', RATIO, '{}'),
      p('事实.申请人.调整', RATIO, '非普通对象（Foo）'),
    ]],
    ['a cyclic record', cyclic, [p('事实.人.子女[0]', '不含循环引用的对象', '循环引用')]],
    ['a value JSON cannot write', selfJson, [p('事实.托育机构.名称', '文本', '（无法显示的值）')]],
    ['a getter that throws', () => ({ 托育机构: { get 名称() { throw new Error('boom'); } } }), [p('事实.托育机构.名称', '文本', '读取时出错（boom）')]],
    ['a Proxy whose keys cannot be read', () => ({ 托育机构: new Proxy({}, { ownKeys() { throw new Error('nokeys'); } }) }), [p('事实.托育机构', '普通对象', '读取时出错（nokeys）')]],
  ];
  it.each(cases)('%s', (name, facts, want) => {
    const date = name === 'an invalid evaluation date' ? '2024-13-01' : DAY;
    const all = name === 'an invalid evaluation date' ? [p('评估日期', '日期（YYYY-MM-DD）', '"2024-13-01"')] : want;
    expect(problems(() => R.evaluate(facts(), date))).toEqual(all);
    expect(problems(() => R.evaluateFast(facts(), date))).toEqual(all);
  });

  it('events: not a list; an element not an object; unknown keys; date, level and category', () => {
    expect(problems(() => R.evaluate({}, DAY, 'x'))).toEqual([p('事件', '列表', '"x"')]);
    const evs = [1, { 日期: '2024-01-01', 级别: '乡', 类别: 3, 备注: 1 }, { 级别: '国家', 类别: 'a' }];
    const want = [
      p('事件[0]', '对象（日期、级别、类别…）', '1'),
      p('事件[1].备注', '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一', '未知字段'),
      p('事件[1].级别', '国家、省、市、县之一', '"乡"'),
      p('事件[1].类别', '文本', '3'),
      p('事件[2].日期', '日期（YYYY-MM-DD）', '（缺失）'),
    ];
    expect(problems(() => R.evaluate({}, DAY, evs))).toEqual(want);
    expect(problems(() => R.evaluateFast({}, DAY, evs))).toEqual(want);
  });

  it('options: not an object; 事件登记 "none" with events; an unknown option; a malformed registry', () => {
    expect(problems(() => R.evaluate({}, DAY, undefined, 5))).toEqual([p('选项', '对象（事件登记）', '5')]);
    expect(problems(() => R.evaluate({}, DAY, [{ 日期: '2024-01-01', 级别: '国家', 类别: 'x' }], { 事件登记: 'none', 措施: ['补助'] }))).toEqual([
      p('选项.事件登记', '"none" 时不传事件（实际传了 1 个事件）', '"none"'),
      p('选项.措施', '事件登记', '未知选项'),
    ]);
    const reg = '"none"，或 { 路径: 文本, sha256: 64 位小写十六进制 }';
    expect(problems(() => R.evaluate({}, DAY, [], { 事件登记: { 路径: 'a', sha256: 'A'.repeat(64) } }))).toEqual([p('选项.事件登记', reg, `{"路径":"a","sha256":"${'A'.repeat(40)}…`)]);
    for (const bad of [{ 路径: '', sha256: 'a'.repeat(64) }, { 路径: 'a', sha256: 'a'.repeat(63) }, { 路径: 'a', sha256: 'a'.repeat(64), x: 1 }, { sha256: 'a'.repeat(64) }, 'some']) {
      expect(problems(() => R.evaluate({}, DAY, [], { 事件登记: bad })), JSON.stringify(bad)).toEqual([p('选项.事件登记', reg, expect.any(String) as unknown as string)]);
    }
    // a valid registry is accepted and reported; undefined is no registry
    const ok = { 路径: 'events/国家.yaml', sha256: 'ab'.repeat(32) };
    expect((R.evaluate({}, DAY, [], { 事件登记: ok }) as any).事件登记).toEqual(ok);
    expect((R.evaluate({}, DAY, undefined, { 事件登记: 'none' }) as any).事件登记).toBe('none');
    expect('事件登记' in (R.evaluate({}, DAY, [], { 事件登记: undefined }) as any)).toBe(false);
    expect((R.evaluateFast({}, DAY, [], { 事件登记: ok }) as any).事件登记).toEqual(ok);
  });

  it('evaluateFast’s 措施: a list of distinct measure names of this policy', () => {
    expect(problems(() => R.evaluateFast({}, DAY, [], { 措施: ['补助', '补助', '无', 3] }))).toEqual([
      p('选项.措施[1]', '不重复的措施名', '"补助"'),
      p('选项.措施[2]', MEASURES, '"无"'),
      p('选项.措施[3]', MEASURES, '3'),
    ]);
    expect(problems(() => R.evaluateFast({}, DAY, [], { 措施: '补助' }))).toEqual([p('选项.措施', `列表（${MEASURES}）`, '"补助"')]);
    // 措施 is no option of evaluate
    expect(problems(() => R.evaluate({}, DAY, [], { 措施: ['补助'] }))).toEqual([p('选项.措施', '事件登记', '未知选项')]);
  });

  it('the InputError lists every problem in its message; evaluateMany names the row', () => {
    let e: any;
    try {
      R.evaluate({ 狗: 1, 人: 2 }, 'x');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(R.InputError);
    expect(e.message).toBe('输入数据有 3 处问题：\n  评估日期: 期望日期（YYYY-MM-DD），实际为 "x"\n  事实.狗: 期望已声明的实体（人、家庭、托育机构、申请人），实际为 未知实体\n  事实.人: 期望对象（字段 → 值），或 "不存在"（表示没有该实体），实际为 2');
    expect(e.行).toBeUndefined();
    const it = R.evaluateMany([{}, { 人: 2 }], DAY);
    expect(it.next().value.评估日期).toBe(DAY);
    try {
      it.next();
      e = undefined;
    } catch (x) {
      e = x;
    }
    expect(e.行).toBe(1);
    expect(e.message).toBe(`第 1 行（自 0 起）的输入数据有 1 处问题：\n  事实.人: 期望${ENTITY}，实际为 2`);
    expect(problems(() => R.evaluateMany(5, DAY))).toEqual([p('行', '可迭代的行（数组、生成器）或异步可迭代的行（流、游标）', '5')]);
    expect(problems(() => R.evaluateMany(null, DAY))).toEqual([p('行', '可迭代的行（数组、生成器）或异步可迭代的行（流、游标）', 'null')]);
    expect(problems(() => R.evaluateMany([], 'x'))).toEqual([p('评估日期', '日期（YYYY-MM-DD）', '"x"')]);
  });
});

// ─── decisions ───────────────────────────────────────────────────────────────

const kid = (出生日期: string, extra: Record<string, unknown> = {}) => ({ 出生日期, 户籍: '本县', 同胎序号: 1, ...extra });
/**
 * Four children (twins last), parents in and out of the county, a registered nursery.
 * By hand: 孩次 1, 2, 3, 4 (the twin with 同胎序号 2 counts the one with 1) → 三孩补助 2 × 1000元;
 * 入托补贴 2 × 2000.00元; 夫妻收入 5000.50 + 3000 = 8000.50元; 差额 0 − (−12.34) = 12.34元;
 * 户主's children by 份额: 20% first (born 2021-01-01) → 3 周岁 on 2024-07-15; 最小份额 40% ÷ 3 =
 * 13.(3)%; 实施后补助 600元 × 40% = 240.00元, 距施行日 unknown (施行日 is a range) → 存疑.
 */
const FAMILY = {
  家庭: {
    夫妻: [{ 户籍: '本县', 月收入: '5000.50', 份额: '40%' }, { 户籍: '外县', 月收入: '3000', 份额: '60%' }],
    子女: [kid('2018-03-01'), kid('2020-05-05'), kid('2023-08-08'), kid('2023-08-08', { 同胎序号: 2 })],
    差额: '-12.34',
    申请日期: '2024-07-01',
    户主: { 子女: [{ 出生日期: '2022-02-02', 份额: '30%' }, { 出生日期: '2021-01-01', 份额: '20%' }] },
    入托机构: { 名称: '阳光托育', 备案: true },
  },
};
/** 2023-01-15: 1 周岁 and 21 月龄 on 2024-10-15 → 1234.56 × 50% + 150.50 (2024-07-01 起, unconfirmed). */
const APPLICANT = { 申请人: { 出生日期: '2023-01-15', 受理日期: '2024-09-27', 收入: '1234.56', 补助比例: '50%', 调整: '-25%' } };
/** Three children born before the policy, applying on 2022-12-01 (for dates before 2023-12-31). */
const EARLY = {
  家庭: { 夫妻: [{ 户籍: '本县', 月收入: '1000', 份额: '10%' }], 子女: [kid('2015-01-01'), kid('2017-01-01'), kid('2020-01-01')], 申请日期: '2022-12-01', 入托机构: { 名称: '甲', 备案: false } },
};
const NATIONAL = { 日期: '2024-03-01', 级别: '国家', 类别: '生育支持政策', 标题: '新规', 文号: '国发〔2024〕1号' };

const DECISIONS: [string, unknown, string, unknown?, unknown?][] = [
  ['family', FAMILY, DAY],
  // one child out of the county, no nursery: 三孩补助 not applicable (a condition false), 入托补贴 neither
  ['family-outside', { 家庭: { ...FAMILY.家庭, 子女: [kid('2018-03-01'), kid('2020-05-05', { 户籍: '外县' }), kid('2023-08-08')], 入托机构: { 名称: '乙', 备案: false } } }, DAY],
  // nothing known: every condition unknown, the missing facts listed
  ['nothing', {}, DAY],
  // the subjects declared absent
  ['absent', { 家庭: '不存在', 申请人: '不存在', 人: '不存在' }, DAY],
  // more than ten children: the premise 子女不超过十人 is violated
  ['eleven-children', { 家庭: { 夫妻: [{ 户籍: '本县' }], 子女: Array.from({ length: 11 }, (_, i) => kid(`20${String(10 + i)}-01-01`)) } }, DAY],
  ['applicant', APPLICANT, '2024-10-15'],
  // the first segment of 基数 (2024-01-01 起, confirmed); 1 周岁 not yet reached on 2024-01-14
  ['applicant-early', { 申请人: { ...APPLICANT.申请人, 受理日期: '2024-01-10' } }, '2024-01-14'],
  // before the earliest effective date: 未生效; inside the range: in force only maybe
  ['not-yet', EARLY, '2022-12-31'],
  ['maybe-in-force', EARLY, '2023-06-01'],
  // a national 生育支持政策 event: void from the next day; a 市 event changes nothing
  ['void', FAMILY, DAY, [NATIONAL, { 日期: '2024-01-01', 级别: '市', 类别: '生育支持政策' }]],
  ['void-day-of-event', { 家庭: { ...FAMILY.家庭, 子女: FAMILY.家庭.子女.slice(0, 3), 申请日期: '2024-02-01' } }, '2024-03-01', [NATIONAL]],
  // two qualifying events, the later first: void from the day after the earlier one (2024-03-02)
  ['void-earliest', EARLY, DAY, [{ 日期: '2024-05-01', 级别: '省', 类别: '生育支持政策' }, NATIONAL]],
  // a registry of events given in the options
  ['registry', EARLY, DAY, [], { 事件登记: { 路径: 'events/国家.yaml', sha256: 'ab'.repeat(32) } }],
];

describe('decisions of hand-picked cases (goldens: test/emit/runtime-api/*.json)', () => {
  it.each(DECISIONS)('%s', async (name, facts, date, events, options) => {
    const full = R.evaluate(facts, date, events, options);
    await expect(JSON.stringify(full, null, 1) + '\n').toMatchFileSnapshot(`./runtime-api/${name}.json`);
    // evaluateFast: the same statuses and values, without explanations
    const fast = R.evaluateFast(facts, date, events, options) as { 决定: { 措施: string; 状态: string; 结果: Record<string, unknown> }[] };
    const want = (full as { 决定: { 措施: string; 状态: string; 结果: Record<string, { 值: unknown }> }[] }).决定.map((d) => ({ 措施: d.措施, 状态: d.状态, 结果: Object.fromEntries(Object.entries(d.结果).map(([k, v]) => [k, v.值])) }));
    expect(fast.决定.map((d) => ({ 措施: d.措施, 状态: d.状态, 结果: d.结果 }))).toEqual(want);
    await expect(JSON.stringify(fast, null, 1) + '\n').toMatchFileSnapshot(`./runtime-api/${name}.fast.json`);
  });

  it('evaluateFast’s 措施 selects measures in the order given; evaluateMany streams rows (sync and async) like evaluateFast', async () => {
    const sel = { 措施: ['补助', '三孩补助'] };
    const one = R.evaluateFast(FAMILY, DAY, undefined, sel) as { 决定: { 措施: string; 状态: string }[] };
    expect(one.决定.map((d) => [d.措施, d.状态])).toEqual([['补助', '存疑'], ['三孩补助', '适用']]);
    // the same selection object again (the batch is reused) and an equal new one
    expect(R.evaluateFast(FAMILY, DAY, undefined, sel)).toEqual(one);
    expect(R.evaluateFast(FAMILY, DAY, undefined, { 措施: ['补助', '三孩补助'] })).toEqual(one);
    expect((R.evaluateFast(FAMILY, DAY, undefined, { 措施: [] }) as { 决定: unknown[] }).决定).toEqual([]);
    const rows = [FAMILY, { 申请人: { ...APPLICANT.申请人, 受理日期: '2024-07-01' } }, {}];
    const each = rows.map((r) => R.evaluateFast(r, DAY, [NATIONAL], sel));
    expect([...R.evaluateMany(rows, DAY, [NATIONAL], sel)]).toEqual(each);
    async function* stream() {
      for (const r of rows) yield r;
    }
    const got: unknown[] = [];
    for await (const d of R.evaluateMany(stream(), DAY, [NATIONAL], sel)) got.push(d);
    expect(got).toEqual(each);
    // a generator is a sync row source
    expect([...R.evaluateMany((function* () { yield* rows; })(), DAY)]).toEqual(rows.map((r) => R.evaluateFast(r, DAY)));
  });

  it('a working-day deadline outside the holiday data fails the whole evaluation (ZC0805), on both paths', () => {
    const facts = { 申请人: { ...APPLICANT.申请人, 受理日期: '2040-03-01' } };
    for (const f of [() => R.evaluate(facts, '2040-06-01'), () => R.evaluateFast(facts, '2040-06-01')]) {
      let e: any;
      try {
        f();
      } catch (x) {
        e = x;
      }
      expect(e?.name).toBe('CalendarCoverageError');
      expect(e.code).toBe('ZC0805');
      expect(e.year).toBe(2040);
      expect(e.message).toMatch(/^没有2040年的法定节假日和调休安排数据（chinese-days 只覆盖\d{4}年至\d{4}年），无法计算2040年3月1日起5个工作日内的期限$/);
    }
  });
});
