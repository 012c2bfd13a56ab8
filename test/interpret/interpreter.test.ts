/**
 * The reference interpreter (compiler/interpret/interpreter.ts) on hand-written IR: every
 * expression kind, Kleene three-valued conditions, the explanation trace, default-logic
 * priority, contradictions and gaps, validity periods, sunset and effective date,
 * parameters, properties. Expected values are written by hand from grammar/README.md
 * §11 — not taken from a run.
 */
import { describe, expect, it } from 'vitest';
import { checkProperty, display, evaluate, evaluateRaw, formatFen, formatRatio, irChildren, voidDay } from '../../compiler/interpret/interpreter.js';
import { CalendarCoverageError, InputError, type PolicyEvent } from '../../compiler/interpret/decision.js';
import type { IrExpr, IrProgram, IrProperty, IrType } from '../../compiler/ir/ir.js';
import { and, c, cmp, condProgram, f, measure, not, o, or, program, rule, T, TRUE, valueProgram } from './ir-builders.js';

const D = '2024-07-15';
const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);

/** The value of outcome 值 of 算 for `expr` (undefined when not given), with the measure's status. */
function value(expr: IrExpr, facts: unknown = {}, date = D, type?: IrType, extra: Parameters<typeof program>[1] = {}) {
  const d = evaluate(valueProgram(expr, type, extra), facts, date).决定[0]!;
  return { 状态: d.状态, 值: d.结果['值']?.值, 理由: d.理由 };
}
/** Whether rule 甲 of 判 applies for `condition` (true / false / null). */
function applies(condition: IrExpr, facts: unknown = {}, date = D, extra: Parameters<typeof program>[1] = {}) {
  return evaluate(condProgram(condition, extra), facts, date).决定[0]!.规则[0]!.适用;
}
const facts = (x: Record<string, unknown>) => ({ 人: x });

describe('formatting', () => {
  it.each([[0, '0.00'], [5, '0.05'], [10, '0.10'], [99, '0.99'], [100, '1.00'], [123456, '1234.56'], [-5, '-0.05'], [-123456, '-1234.56'], [Number.MAX_SAFE_INTEGER, '90071992547409.91']])('formatFen(%i) = %s', (v, s) => {
    expect(formatFen(v)).toBe(s);
  });
  it.each([['1/2', '50%'], ['3/625', '0.48%'], ['1/1000000', '0.0001%'], ['0/1', '0%'], ['1/1', '100%'], ['2469/20000', '12.345%'], ['-1/2', '-50%'], ['-1/1000000', '-0.0001%'], ['1/100', '1%'], ['3/2', '150%'], ['1/3', '33.(3)%'], ['1/7', '14.(285714)%'], ['-2/3', '-66.(6)%']])('formatRatio(%s) = %s', (v, s) => {
    expect(formatRatio(v)).toBe(s);
  });
  it('display: each type, and unknown', () => {
    expect(display(T.money, 150)).toBe('1.50元');
    expect(display(T.date, day('2024-02-29'))).toBe('2024-02-29');
    expect(display(T.bool, true)).toBe('是');
    expect(display(T.bool, false)).toBe('否');
    expect(display(T.ratio, '3/625')).toBe('0.48%');
    expect(display(T.days, 3)).toBe('3天');
    expect(display(T.ageMonths, 6)).toBe('6月龄');
    expect(display(T.int, 7)).toBe('7');
    expect(display(T.text, '甲')).toBe('甲');
    expect(display(T.sex, '女')).toBe('女');
    for (const t of [T.money, T.date, T.bool, T.int, T.text]) expect(display(t, null)).toBe('（未知）');
  });
});

describe('expressions', () => {
  it('constants, fields and the evaluation date', () => {
    expect(value(c(T.int, 7)).值).toBe(7);
    expect(value(f('人', '数', T.int), facts({ 数: 3 })).值).toBe(3);
    expect(value(f('人', '名', T.text), facts({ 名: '' })).值).toBe('');
    expect(value(f('人', '真', T.bool), facts({ 真: false })).值).toBe(false);
    expect(value({ k: 'evalDate', type: T.date, origin: o('评估日期') }).值).toBe(D);
    // a missing fact: unknown value, named
    const r = value(f('人', '数', T.int), facts({}));
    expect(r).toMatchObject({ 状态: '存疑', 值: undefined });
    expect(r.理由).toEqual(['结果“值”的值取决于缺少的事实']);
    expect(evaluate(condProgram(cmp('>=', f('人', '数', T.int), c(T.int, 1))), facts({}), D).决定[0]!.规则[0]!.说明).toBe('缺少事实：人.数');
  });

  it('arithmetic: neg, add, sub, mul (exact with ratios, rounded once to the result unit), div', () => {
    const n = (v: number) => c(T.int, v);
    expect(value({ k: 'neg', type: T.int, x: n(5), origin: o() }).值).toBe(-5);
    const negZero = evaluateRaw(valueProgram({ k: 'neg', type: T.int, x: n(0), origin: o() }), {}, D).raw.get('算.值');
    expect(Object.is(negZero, -0)).toBe(false);
    expect(negZero).toBe(0);
    expect(value({ k: 'add', type: T.int, a: n(2), b: n(3), origin: o() }).值).toBe(5);
    expect(value({ k: 'sub', type: T.int, a: n(2), b: n(3), origin: o() }).值).toBe(-1);
    expect(value({ k: 'mul', type: T.int, a: n(6), b: n(7), origin: o() }).值).toBe(42);
    // money × ratio: 5 fen × 50% = 2.5 fen → 3 fen; −5 fen → −3 fen (half away from zero)
    expect(value({ k: 'mul', type: T.money, a: c(T.money, 5), b: c(T.ratio, '1/2'), origin: o() }).值).toBe('0.03');
    expect(value({ k: 'mul', type: T.money, a: c(T.money, -5), b: c(T.ratio, '1/2'), origin: o() }).值).toBe('-0.03');
    // ratio × ratio stays exact: 1/3 × 3/625 = 1/625
    expect(value({ k: 'mul', type: T.ratio, a: c(T.ratio, '1/3'), b: c(T.ratio, '3/625'), origin: o() }).值).toBe('0.16%');
    // money × ratio with a repeating quotient: 100 fen × 1/3 = 33.33… → 33 fen; 200 fen → 66.67 → 67 fen
    expect(value({ k: 'mul', type: T.money, a: c(T.money, 100), b: c(T.ratio, '1/3'), origin: o() }).值).toBe('0.33');
    expect(value({ k: 'mul', type: T.money, a: c(T.money, 200), b: c(T.ratio, '1/3'), origin: o() }).值).toBe('0.67');
    // div: the exact quotient, rounded once half away from zero (a ratio result stays exact)
    expect(value({ k: 'div', type: T.money, a: c(T.money, 100000), b: n(3), origin: o() }).值).toBe('333.33');
    expect(value({ k: 'div', type: T.money, a: c(T.money, 5), b: n(2), origin: o() }).值).toBe('0.03');
    expect(value({ k: 'div', type: T.money, a: c(T.money, -5), b: n(2), origin: o() }).值).toBe('-0.03');
    expect(value({ k: 'div', type: T.ratio, a: n(1), b: n(3), origin: o() }).值).toBe('33.(3)%');
    expect(value({ k: 'div', type: T.int, a: n(7), b: n(2), origin: o() }).值).toBe(4);
    // division by zero: unknown, not Infinity
    expect(value({ k: 'div', type: T.int, a: n(1), b: n(0), origin: o() })).toMatchObject({ 状态: '存疑', 值: undefined });
    // an unknown operand makes the result unknown
    for (const k of ['add', 'sub'] as const) {
      expect(value({ k, type: T.int, a: f('人', '数', T.int), b: n(1), origin: o() }).状态).toBe('存疑');
      expect(value({ k, type: T.int, a: n(1), b: f('人', '数', T.int), origin: o() }).状态).toBe('存疑');
    }
    expect(value({ k: 'mul', type: T.int, a: f('人', '数', T.int), b: n(2), origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'mul', type: T.int, a: n(2), b: f('人', '数', T.int), origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'div', type: T.int, a: f('人', '数', T.int), b: n(2), origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'div', type: T.int, a: n(2), b: f('人', '数', T.int), origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'neg', type: T.int, x: f('人', '数', T.int), origin: o() }).状态).toBe('存疑');
  });

  it('dates: add months (month-end clamping, both signs), days between, ages', () => {
    const birth = f('人', '生', T.date);
    const plus = (months: number, sign: 1 | -1 = 1): IrExpr => ({ k: 'addMonths', type: T.date, date: birth, months: c(T.months, months), sign, origin: o() });
    expect(value(plus(1), facts({ 生: '2024-01-31' })).值).toBe('2024-02-29');
    expect(value(plus(6), facts({ 生: '2023-08-31' })).值).toBe('2024-02-29');
    expect(value(plus(1, -1), facts({ 生: '2024-03-31' })).值).toBe('2024-02-29');
    expect(value(plus(12, -1), facts({ 生: '2024-02-29' })).值).toBe('2023-02-28');
    expect(value(plus(1), facts({})).状态).toBe('存疑');
    expect(value({ k: 'addMonths', type: T.date, date: birth, months: f('人', '月', T.months), sign: 1, origin: o() }, facts({ 生: '2024-01-31' })).状态).toBe('存疑');
    const between: IrExpr = { k: 'daysBetween', type: T.days, from: birth, to: f('人', '日', T.date), origin: o() };
    expect(value(between, facts({ 生: '2024-02-01', 日: '2024-03-01' })).值).toBe(29);
    expect(value(between, facts({ 生: '2024-03-01', 日: '2024-02-01' })).值).toBe(-29);
    expect(value(between, facts({ 生: '2024-03-01' })).状态).toBe('存疑');
    expect(value(between, facts({ 日: '2024-03-01' })).状态).toBe('存疑');
    const age = (unit: 'years' | 'months'): IrExpr => ({ k: 'age', type: unit === 'years' ? T.ageYears : T.ageMonths, unit, birth, origin: o() });
    expect(value(age('months'), facts({ 生: '2024-01-14' }), '2024-07-14').值).toBe(5);
    expect(value(age('months'), facts({ 生: '2024-01-14' }), '2024-07-15').值).toBe(6);
    expect(value(age('years'), facts({ 生: '2020-02-29' }), '2023-02-28').值).toBe(2);
    expect(value(age('years'), facts({ 生: '2020-02-29' }), '2023-03-01').值).toBe(3);
    expect(value(age('years'), facts({})).状态).toBe('存疑');
    // an age before the birth date is unknown (a birth date in the future is refused as input, so
    // this is reached through a date constant)
    expect(value({ k: 'age', type: T.ageYears, unit: 'years', birth: c(T.date, day('2025-01-01')), origin: o() })).toMatchObject({ 状态: '存疑', 值: undefined });
  });

  it('working-day deadlines: counted after the start day, on the official calendar; an error outside it', () => {
    const wd = (n: number, start: IrExpr = f('人', '生', T.date)): IrExpr => ({ k: 'workdays', type: T.date, start, n: c(T.int, n), origin: o() });
    expect(value(wd(5), facts({ 生: '2024-09-27' }), '2024-10-31').值).toBe('2024-10-10');
    expect(value(wd(1), facts({ 生: '2024-02-09' }), '2024-10-31').值).toBe('2024-02-18');
    expect(value(wd(0), facts({ 生: '2024-09-27' }), '2024-10-31').值).toBe('2024-09-27');
    expect(value(wd(-2), facts({ 生: '2024-09-27' }), '2024-10-31').值).toBe('2024-09-27');
    expect(value(wd(5), facts({})).状态).toBe('存疑');
    expect(value({ k: 'workdays', type: T.date, start: c(T.date, day('2024-09-27')), n: f('人', '数', T.int), origin: o() }).状态).toBe('存疑');
    // beyond the official calendar: an error for the whole evaluation, never a Monday–Friday guess
    expect(() => evaluateRaw(valueProgram(wd(5, c(T.date, day('2099-06-01')))), {}, D)).toThrow(CalendarCoverageError);
    expect(() => evaluateRaw(valueProgram(wd(5, c(T.date, day('2099-06-01')))), {}, D)).toThrow(/没有2099年的法定节假日和调休安排数据/);
    let caught: unknown;
    try { evaluateRaw(valueProgram(wd(5, c(T.date, day('2099-06-01')))), {}, D); } catch (e) { caught = e; }
    expect(caught).toMatchObject({ name: 'CalendarCoverageError', code: 'ZC0805', year: 2099 });
  });

  it('parameters: the last value starting on or before the date; unconfirmed values are named; none yet is unknown', () => {
    const params = [{ name: '基数', type: T.money, unit: '元', values: [
      { from: day('2024-01-01'), fromIso: '2024-01-01', value: 10000, source: 's', confirmed: true },
      { from: day('2024-07-01'), fromIso: '2024-07-01', value: 15050, source: 's', confirmed: false },
      { from: day('2025-01-01'), fromIso: '2025-01-01', value: 20000, source: 's', confirmed: true },
    ] }];
    const p: IrExpr = { k: 'param', type: T.money, name: '基数', origin: o('基数') };
    const at = (date: string) => evaluate(valueProgram(p, T.money, { params } as never), {}, date).决定[0]!;
    expect(at('2023-12-31')).toMatchObject({ 状态: '存疑', 结果: {} });
    expect(at('2024-01-01').结果['值']).toEqual({ 值: '100.00', 单位: '元', 分: 10000, 规则: ['甲'] });
    expect(at('2024-06-30').结果['值']!.值).toBe('100.00');
    expect(at('2024-07-01').结果['值']).toEqual({ 值: '150.50', 单位: '元', 分: 15050, 规则: ['甲'], 未确认参数: ['基数'] });
    expect(at('2025-01-01').结果['值']).toEqual({ 值: '200.00', 单位: '元', 分: 20000, 规则: ['甲'] });
    // in a condition: the trace shows the missing parameter
    const d = evaluate(condProgram(cmp('>', p, c(T.money, 0)), { params } as never), {}, '2023-12-31').决定[0]!;
    expect(d.规则[0]!.说明).toBe('缺少事实：参数 基数（2023-12-31 无取值）');
  });

  it('comparisons: each operator, on numbers and texts, and unknown operands', () => {
    const n = (v: number) => c(T.int, v);
    const table: [Parameters<typeof cmp>[0], number, number, boolean][] = [
      ['>=', 2, 2, true], ['>=', 1, 2, false], ['>=', 3, 2, true], ['<=', 2, 2, true], ['<=', 3, 2, false], ['<=', 1, 2, true],
      ['>', 2, 2, false], ['>', 3, 2, true], ['>', 1, 2, false], ['<', 2, 2, false], ['<', 1, 2, true], ['<', 3, 2, false],
      ['=', 2, 2, true], ['=', 1, 2, false], ['!=', 2, 2, false], ['!=', 1, 2, true],
    ];
    for (const [op, a, b, want] of table) expect(applies(cmp(op, n(a), n(b))), `${a} ${op} ${b}`).toBe(want);
    expect(applies(cmp('=', c(T.text, '本县'), c(T.text, '本县')))).toBe(true);
    expect(applies(cmp('!=', c(T.text, '本县'), c(T.text, '外县')))).toBe(true);
    expect(applies(cmp('=', f('人', '数', T.int), n(1)))).toBeNull();
    expect(applies(cmp('=', n(1), f('人', '数', T.int)))).toBeNull();
  });

  it('Kleene logic: 且 / 或 / 非 with unknown', () => {
    const U = f('人', '真', T.bool); // missing: unknown
    const F = c(T.bool, false, '否');
    expect([applies(and(TRUE, TRUE)), applies(and(TRUE, F)), applies(and(F, U)), applies(and(U, F)), applies(and(TRUE, U)), applies(and(U, TRUE))]).toEqual([true, false, false, false, null, null]);
    expect([applies(or(F, F)), applies(or(F, TRUE)), applies(or(TRUE, U)), applies(or(U, TRUE)), applies(or(F, U)), applies(or(U, F))]).toEqual([false, true, true, true, null, null]);
    expect([applies(not(TRUE)), applies(not(F)), applies(not(U))]).toEqual([false, true, null]);
    expect([applies(and()), applies(or())]).toEqual([true, false]);
  });

  it('属于 / 不属于: members may be fields; unknown only when no known member matches', () => {
    const x = f('人', '名', T.text);
    const isIn = (values: IrExpr[], negated = false): IrExpr => ({ k: 'in', type: T.bool, x, values, negated, origin: o('属于') });
    const a = c(T.text, '甲');
    const b = c(T.text, '乙');
    const u = f('人', '性别', T.sex);
    expect(applies(isIn([a, b]), facts({ 名: '乙' }))).toBe(true);
    expect(applies(isIn([a, b]), facts({ 名: '丙' }))).toBe(false);
    expect(applies(isIn([a, b], true), facts({ 名: '乙' }))).toBe(false);
    expect(applies(isIn([a, b], true), facts({ 名: '丙' }))).toBe(true);
    expect(applies(isIn([u, a]), facts({ 名: '甲' }))).toBe(true);
    expect(applies(isIn([u, b]), facts({ 名: '甲' }))).toBeNull();
    expect(applies(isIn([u, b], true), facts({ 名: '甲' }))).toBeNull();
    expect(applies(isIn([a]), facts({}))).toBeNull();
    expect(applies(isIn([u]), facts({ 名: '女', 性别: '女' }))).toBe(true);
  });

  it('events, outcomes, 适用 and 已废止 outside properties are unknown', () => {
    expect(value({ k: 'event', type: T.text, field: '级别', origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'outcome', type: T.int, measure: '算', outcome: '值', origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'applies', type: T.bool, measure: '算', origin: o() }).状态).toBe('存疑');
    expect(value({ k: 'void', type: T.bool, origin: o() }).状态).toBe('存疑');
  });
});

describe('the explanation trace', () => {
  it('a range (two comparisons with the range’s origin) is one condition showing the operand', () => {
    const x = f('人', '数', T.int);
    const range: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), '人.数 6—24', 10), cmp('<=', x, c(T.int, 24), '人.数 6—24', 10)], origin: o('人.数 6—24', 10) };
    const d = evaluate(condProgram(range), facts({ 数: 7 }), D).决定[0]!;
    expect(d.规则[0]!.条件).toEqual([{ 条件: '人.数 6—24', 成立: true, 取值: { '人.数': '7' } }]);
    expect(evaluate(condProgram(range), facts({}), D).决定[0]!.规则[0]!.条件).toEqual([{ 条件: '人.数 6—24', 成立: null, 取值: { '人.数': '（未知）' } }]);
    // two comparisons with different origins are two conditions
    const two = and(cmp('>=', x, c(T.int, 6), 'a', 1), cmp('<=', x, c(T.int, 24), 'b', 5));
    expect(evaluate(condProgram(two), facts({ 数: 30 }), D).决定[0]!.规则[0]!.条件).toEqual([
      { 条件: 'a', 成立: true, 取值: { '人.数': '30' } },
      { 条件: 'b', 成立: false, 取值: { '人.数': '30' } },
    ]);
    // same start, different end: not a range
    const notRange: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), 'abc', 3), cmp('<=', x, c(T.int, 24), 'abcd', 3)], origin: o('abc', 3) };
    expect(evaluate(condProgram(notRange), facts({ 数: 7 }), D).决定[0]!.规则[0]!.条件).toHaveLength(2);
    // three parts: not a range
    const three: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), 'r', 0), cmp('<=', x, c(T.int, 24), 'r', 0), cmp('<=', x, c(T.int, 24), 'r', 0)], origin: o('r', 0) };
    expect(evaluate(condProgram(three), facts({ 数: 7 }), D).决定[0]!.规则[0]!.条件).toHaveLength(3);
  });

  it('且 / 或 / 非 are flattened to their atoms; constants are not shown as values; 属于 shows its subject', () => {
    const x = f('人', '数', T.int);
    const cond = or(not(cmp('>', x, c(T.int, 2), '人.数 > 2')), and(f('人', '真', T.bool), { k: 'in', type: T.bool, x: f('人', '名', T.text), values: [c(T.text, '甲')], negated: false, origin: o('人.名 属于 {甲}') }), TRUE);
    const d = evaluate(condProgram(cond), facts({ 数: 3, 真: true, 名: '乙' }), D).决定[0]!;
    expect(d.规则[0]!.条件).toEqual([
      { 条件: '人.数 > 2', 成立: true, 取值: { '人.数': '3' } },
      { 条件: '人.真', 成立: true, 取值: { '人.真': '是' } },
      { 条件: '人.名 属于 {甲}', 成立: false, 取值: { '人.名': '乙' } },
    ]);
    expect(d.规则[0]!.适用).toBe(true);
  });

  it('a comparison of two non-constant operands shows both', () => {
    const d = evaluate(condProgram(cmp('<=', f('人', '生', T.date), f('人', '日', T.date), '人.生 ≤ 人.日')), facts({ 生: '2024-01-01', 日: '2024-02-01' }), D).决定[0]!;
    expect(d.规则[0]!.条件).toEqual([{ 条件: '人.生 ≤ 人.日', 成立: true, 取值: { '人.生': '2024-01-01', '人.日': '2024-02-01' } }]);
  });
});

describe('decisions: priority, contradiction, gap, validity', () => {
  const n = (v: number) => c(T.money, v);
  const x = f('人', '数', T.int);
  const ge = (k: number) => cmp('>=', x, c(T.int, k), `人.数 ≥ ${k}`);
  const m = (rules: Parameters<typeof measure>[2], opts: { required?: boolean } = {}, extra: Parameters<typeof measure>[3] = {}) =>
    program([measure('补助', [['额', T.money, { period: '一次性', unit: '元', required: opts.required ?? false }]], rules, extra)]);

  it('the measure header: citation, units, doubts', () => {
    const p = m([rule('甲', TRUE, [['额', n(100)]])], {}, {
      citation: { anchor: 'sec_4__subsec_1', label: '四（一）', title: '生育补助', quotes: ['（一）原文。'] }, responsible: ['县医保局'],
      doubts: [{ name: '疑一', adopted: '甲', readings: [], quotes: [], reason: '因为' }, { name: '疑二', readings: [], quotes: [] }],
    });
    const d = evaluate(p, {}, D).决定[0]!;
    expect(d).toMatchObject({
      措施: '补助', 条款: { 锚点: 'sec_4__subsec_1', 标签: '四（一）', 标题: '生育补助', 原文: ['（一）原文。'] }, 牵头单位: ['县财政局'], 责任单位: ['县医保局'],
      存疑: [{ 名称: '疑一', 采用: '甲', 理由: '因为' }, { 名称: '疑二', 采用: '' }],
    });
    expect('理由' in d.存疑![1]!).toBe(false);
    const plain = evaluate(m([rule('甲', TRUE, [['额', n(100)]])]), {}, D).决定[0]!;
    expect('存疑' in plain).toBe(false);
    expect('标题' in plain.条款).toBe(false);
  });

  it('one rule: 适用, with value, unit, period and explanation', () => {
    const d = evaluate(m([rule('甲', ge(2), [['额', n(100000)]])]), facts({ 数: 2 }), D).决定[0]!;
    expect(d.状态).toBe('适用');
    expect(d.结果).toEqual({ 额: { 值: '1000.00', 单位: '元', 分: 100000, 规则: ['甲'], 周期: '一次性' } });
    expect(d.理由).toEqual(['规则 甲 适用：额 = 1000.00元（一次性）']);
    expect(d.规则).toEqual([{ 规则: '甲', 适用: true, 条件: [{ 条件: '人.数 ≥ 2', 成立: true, 取值: { '人.数': '2' } }] }]);
    const none = evaluate(m([rule('甲', ge(2), [['额', n(100000)]])]), facts({ 数: 1 }), D).决定[0]!;
    expect(none).toMatchObject({ 状态: '不适用', 结果: {}, 理由: ['没有适用的规则'] });
  });

  it('exceptions: 例外于 wins only when it surely applies (transitive lists are given by lowering)', () => {
    const rules = [rule('基本', ge(2), [['额', n(100)]]), rule('例外', ge(3), [['额', n(200)]], { overrides: ['基本'] })];
    expect(evaluate(m(rules), facts({ 数: 2 }), D).决定[0]!.结果['额']!.值).toBe('1.00');
    const d3 = evaluate(m(rules), facts({ 数: 3 }), D).决定[0]!;
    expect(d3).toMatchObject({ 状态: '适用', 结果: { 额: { 值: '2.00', 规则: ['例外'] } } });
    // the exception is unknown: both candidates, 存疑, and the sure value is still given
    const rulesU = [rule('基本', TRUE, [['额', n(100)]]), rule('例外', f('人', '真', T.bool), [['额', n(200)]], { overrides: ['基本'] })];
    const du = evaluate(m(rulesU), facts({}), D).决定[0]!;
    expect(du).toMatchObject({ 状态: '存疑', 结果: { 额: { 值: '1.00' } } });
    expect(du.理由).toEqual(['结果“额”取决于缺少的事实（规则 例外）', '规则 基本 适用：额 = 1.00元（一次性）']);
    // an override of a rule that does not apply changes nothing
    const rulesN = [rule('基本', c(T.bool, false), [['额', n(100)]]), rule('例外', TRUE, [['额', n(200)]], { overrides: ['基本'] })];
    expect(evaluate(m(rulesN), {}, D).决定[0]!.结果['额']!.值).toBe('2.00');
    // overriding a rule of another name does not remove this one
    const rulesO = [rule('甲', TRUE, [['额', n(100)]]), rule('乙', TRUE, [['额', n(200)]], { overrides: ['丙'] })];
    expect(evaluate(m(rulesO), {}, D).决定[0]!.状态).toBe('存疑');
  });

  it('contradictions: different values without priority; equal values agree', () => {
    const d = evaluate(m([rule('甲', TRUE, [['额', n(100)]]), rule('乙', TRUE, [['额', n(200)]])]), {}, D).决定[0]!;
    expect(d).toMatchObject({ 状态: '存疑', 结果: {} });
    expect(d.理由).toEqual(['矛盾：结果“额”由规则 甲=1.00元、乙=2.00元 同时给出不同的值，且没有优先关系']);
    const same = evaluate(m([rule('甲', TRUE, [['额', n(100)]]), rule('乙', TRUE, [['额', n(100)]])]), {}, D).决定[0]!;
    expect(same).toMatchObject({ 状态: '适用', 结果: { 额: { 值: '1.00', 规则: ['甲', '乙'] } }, 理由: ['规则 甲、乙 适用：额 = 1.00元（一次性）'] });
    const unknownValue = evaluate(m([rule('甲', TRUE, [['额', f('人', '钱', T.money)]]), rule('乙', TRUE, [['额', n(200)]])]), {}, D).决定[0]!;
    expect(unknownValue.理由).toEqual(['矛盾：结果“额”由规则 甲=未知、乙=2.00元 同时给出不同的值，且没有优先关系']);
  });

  it('gaps: a required outcome without an applicable rule', () => {
    const d = evaluate(m([rule('甲', ge(2), [['额', n(100)]])], { required: true }), facts({ 数: 1 }), D).决定[0]!;
    expect(d).toMatchObject({ 状态: '存疑', 结果: {}, 理由: ['缺口：必须定义的结果“额”没有适用的规则'] });
    // not a gap when it is already in doubt for another reason
    const du = evaluate(m([rule('甲', ge(2), [['额', n(100)]])], { required: true }), facts({}), D).决定[0]!;
    expect(du.理由).toEqual(['结果“额”取决于缺少的事实（规则 甲）']);
    expect(evaluate(m([rule('甲', ge(2), [['额', n(100)]])], { required: true }), facts({ 数: 2 }), D).决定[0]!.状态).toBe('适用');
  });

  it('rules give only the outcomes they assign; the missing facts of every rule are collected', () => {
    const p = program([measure('补助', [['额', T.money], ['天', T.days]], [
      rule('甲', TRUE, [['额', n(100)]]),
      rule('乙', f('人', '真', T.bool), [['天', c(T.days, 3)]]),
    ])]);
    const d = evaluate(p, facts({}), D).决定[0]!;
    expect(d.结果).toEqual({ 额: { 值: '1.00', 单位: '元', 分: 100, 规则: ['甲'] } });
    expect(d.状态).toBe('存疑');
    expect(d.理由).toEqual(['规则 甲 适用：额 = 1.00元', '结果“天”取决于缺少的事实（规则 乙）']);
    const d2 = evaluate(p, facts({ 真: true }), D).决定[0]!;
    expect(d2.结果['天']).toEqual({ 值: 3, 单位: '天', 规则: ['乙'] });
  });

  it('validity periods: both ends included, with the explanation', () => {
    const within = (from?: string, to?: string) => evaluate(m([rule('甲', TRUE, [['额', n(100)]], { ...(from ? { validFrom: day(from) } : {}), ...(to ? { validTo: day(to) } : {}) })]), {}, D).决定[0]!;
    expect(within(D, D).状态).toBe('适用');
    expect(within('2024-07-16').规则[0]).toEqual({ 规则: '甲', 适用: false, 条件: [], 说明: '不在有效期内（2024-07-16 至 …）' });
    expect(within(undefined, '2024-07-14').规则[0]!.说明).toBe('不在有效期内（… 至 2024-07-14）');
    expect(within('2024-01-01', '2024-07-14').规则[0]!.说明).toBe('不在有效期内（2024-01-01 至 2024-07-14）');
    expect(within('2024-01-01').状态).toBe('适用');
    expect(within(undefined, '2024-12-31').状态).toBe('适用');
  });

  it('the subject entity absent from the facts is unknown (存疑 naming it, nothing handed over); 不存在 says it does not exist (不适用)', () => {
    const p = m([rule('甲', TRUE, [['额', n(100)]])], {}, { subject: '人' });
    const absent = evaluate(p, {}, D).决定[0]!;
    expect(absent).toMatchObject({ 状态: '存疑', 结果: {} });
    expect(absent.理由[0]).toContain('输入中没有「人」');
    expect(evaluate(p, { 人: '不存在' } as never, D).决定[0]).toMatchObject({ 状态: '不适用', 结果: {} });
    expect(evaluate(p, facts({}), D).决定[0]!.状态).toBe('适用');
  });

  it('outcome values of each type', () => {
    const one = (t: IrType, v: IrExpr) => evaluate(program([measure('算', [['值', t]], [rule('甲', TRUE, [['值', v]])])]), {}, D).决定[0]!.结果['值'];
    expect(one(T.ratio, c(T.ratio, '3/625'))).toEqual({ 值: '0.48%', 单位: '%', 规则: ['甲'] });
    expect(one(T.date, c(T.date, day('2024-02-29')))).toEqual({ 值: '2024-02-29', 单位: '日期', 规则: ['甲'] });
    expect(one(T.bool, c(T.bool, true))).toEqual({ 值: true, 单位: '', 规则: ['甲'] });
    expect(one(T.ageMonths, c(T.ageMonths, 6))).toEqual({ 值: 6, 单位: '月龄', 规则: ['甲'] });
    expect(one(T.text, c(T.text, '本县'))).toEqual({ 值: '本县', 单位: '', 规则: ['甲'] });
  });
});

describe('policy status: effective date and sunset', () => {
  const sunset = (start: 'sameDay' | 'nextDay') => ({
    condition: and(
      { k: 'in', type: T.bool, x: { k: 'event', type: T.text, field: '级别', origin: o('事件.级别') }, values: [c(T.text, '国家'), c(T.text, '省')], negated: false, origin: o('属于') },
      cmp('=', { k: 'event', type: T.text, field: '类别', origin: o('事件.类别') }, c(T.text, '生育支持政策')),
      cmp('>=', { k: 'event', type: T.date, field: '日期', origin: o('事件.日期') }, c(T.date, day('2024-06-01'))),
    ),
    start, origin: o('失效'),
  });
  const p = (start: 'sameDay' | 'nextDay' = 'nextDay', effective?: string) => program([measure('补', [['额', T.money]], [rule('甲', TRUE, [['额', c(T.money, 100)]])])], {
    policy: { docNumber: '测〔2024〕1号', sunset: sunset(start), ...(effective ? { effective: day(effective), effectiveIso: effective } : { effectiveNote: '未载明施行日期' }) },
  } as never);
  const ev = (日期: string, 级别: PolicyEvent['级别'] = '国家', 类别 = '生育支持政策'): PolicyEvent => ({ 日期, 级别, 类别 });

  it('before the effective date: 未生效; on it: in force', () => {
    const before = evaluate(p('nextDay', '2024-03-01'), {}, '2024-02-29');
    expect(before.决定[0]).toMatchObject({ 状态: '未生效', 结果: {}, 理由: ['政策尚未生效'], 规则: [] });
    expect(before.生效).toEqual({ 日期: '2024-03-01' });
    expect(before.政策).toEqual({ 名称: '测试办法', 文号: '测〔2024〕1号' });
    expect(evaluate(p('nextDay', '2024-03-01'), {}, '2024-03-01').决定[0]!.状态).toBe('适用');
    const unknown = evaluate(p(), {}, '2024-02-29');
    expect(unknown.生效).toEqual({ 说明: '未载明施行日期' });
    expect(unknown.决定[0]!.状态).toBe('适用');
  });

  it('void from the event day (当日) or the next day (次日); the earliest matching event counts', () => {
    expect(evaluate(p('nextDay'), {}, '2024-08-01', [ev('2024-08-01')]).决定[0]!.状态).toBe('适用');
    const next = evaluate(p('nextDay'), {}, '2024-08-02', [ev('2024-08-01')]);
    expect(next.废止).toEqual({ 日期: '2024-08-02', 事件: ev('2024-08-01') });
    expect(next.决定[0]).toMatchObject({ 状态: '已废止', 理由: ['政策已废止'] });
    const same = evaluate(p('sameDay'), {}, '2024-08-01', [ev('2024-08-01')]);
    expect(same.废止?.日期).toBe('2024-08-01');
    expect(evaluate(p('sameDay'), {}, '2024-07-31', [ev('2024-08-01')]).废止).toBeUndefined();
    // non-matching events: a county policy, another category, before 2024-06-01
    expect(evaluate(p('sameDay'), {}, '2024-09-01', [ev('2024-08-01', '县'), ev('2024-08-01', '省', '其他'), ev('2024-05-31')]).废止).toBeUndefined();
    // the earliest of several
    const many = evaluate(p('sameDay'), {}, '2024-09-01', [ev('2024-08-20'), ev('2024-07-01', '省'), ev('2024-08-01')]);
    expect(many.废止).toEqual({ 日期: '2024-07-01', 事件: ev('2024-07-01', '省') });
    // void wins over not yet effective
    expect(evaluate(p('sameDay', '2024-09-01'), {}, '2024-08-15', [ev('2024-08-01')]).决定[0]!.状态).toBe('已废止');
  });

  it('voidDay directly, and a policy without a sunset is never void', () => {
    const ir = p('nextDay');
    const e = ev('2024-08-01');
    expect(voidDay(ir, [{ day: day('2024-08-01'), event: e }], new Map(), day('2024-09-01'))).toEqual({ day: day('2024-08-02'), event: e });
    expect(voidDay(ir, [], new Map(), day('2024-09-01'))).toBeUndefined();
    const plain = program([]);
    expect(voidDay(plain, [{ day: day('2024-08-01'), event: e }], new Map(), day('2024-09-01'))).toBeUndefined();
    expect(evaluate(plain, {}, D, [e]).废止).toBeUndefined();
  });

  it('invalid input throws one InputError listing every problem', () => {
    let err: unknown;
    try {
      evaluate(p(), { 人: { 数: -1 }, 猫: {} }, '2024-02-30', [{ 级别: '乡' }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map((x) => x.路径)).toEqual(['评估日期', '事实.人.数', '事实.猫', '事件[0].日期', '事件[0].级别', '事件[0].类别']);
    expect((err as InputError).message.split('\n')[0]).toBe('输入数据有 6 处问题：');
    // the whole message: one line per problem, "  路径: 期望…，实际为 …" (what evaluate's callers print)
    expect((err as InputError).message).toBe(['输入数据有 6 处问题：', ...(err as InputError).problems.map((x) => `  ${x.路径}: 期望${x.期望}，实际为 ${x.实际}`)].join('\n'));
    expect((err as InputError).message.split('\n')[1]).toBe('  评估日期: 期望日期（YYYY-MM-DD），实际为 "2024-02-30"');
    expect((err as InputError).name).toBe('InputError');
    expect(() => evaluate(p(), {}, D)).not.toThrow();
  });
});

describe('comparisons the mutation run found untested (issue 15)', () => {
  const r = (v: string) => c(T.ratio, v);
  it('ratios compare by value, not as texts ("2/3" < "10/3")', () => {
    const ops = ['>=', '>', '<=', '<', '=', '!='] as const;
    expect(ops.map((op) => applies(cmp(op, r('1/2'), r('1/3'))))).toEqual([true, true, false, false, false, true]);
    expect(ops.map((op) => applies(cmp(op, r('2/3'), r('10/3'))))).toEqual([false, false, true, true, false, true]);
    expect(ops.map((op) => applies(cmp(op, r('-1/2'), r('-1/2'))))).toEqual([true, false, true, false, true, false]);
  });

  it('uncertain dates: every operator is decided only when every day in the range agrees', () => {
    const someDay = (lo: string, hi: string): IrExpr => ({ k: 'someDay', type: T.date, lo: day(lo), hi: day(hi), origin: o('某日') });
    const d = (s: string) => c(T.date, day(s), s);
    const ops = ['>=', '>', '<=', '<', '=', '!='] as const;
    const x = someDay('2024-03-01', '2024-03-10');
    expect(ops.map((op) => applies(cmp(op, x, d('2024-03-10'))))).toEqual([null, false, true, null, null, null]);
    expect(ops.map((op) => applies(cmp(op, x, d('2024-03-01'))))).toEqual([true, null, null, false, null, null]);
    expect(ops.map((op) => applies(cmp(op, x, d('2024-03-11'))))).toEqual([false, false, true, true, false, true]);
    expect(ops.map((op) => applies(cmp(op, x, d('2024-02-29'))))).toEqual([true, true, false, false, false, true]);
  });
});

describe('properties (性质)', () => {
  const money = (v: number) => c(T.money, v);
  const out: IrExpr = { k: 'outcome', type: T.money, measure: '补助', outcome: '额', origin: o('补助.额') };
  const ir = program([measure('补助', [['额', T.money]], [rule('甲', cmp('>=', f('人', '数', T.int), c(T.int, 2)), [['额', money(100000)]])])]);
  const prop = (asserts: IrExpr[], condition?: IrExpr, extra: Partial<IrProperty> = {}): IrProperty => ({ name: '上限', asserts, ...(condition ? { condition } : {}), usesEvent: false, kind: '一般', origin: o('性质'), ...extra });

  it('holds, fails, or is vacuous (an outcome it mentions is undefined, or its condition is false)', () => {
    expect(checkProperty(ir, prop([cmp('<=', out, money(500000), '补助.额 ≤ 5000元')]), { 人: { 数: 2 } }, D).verdict).toBe('holds');
    const fails = checkProperty(ir, prop([cmp('<=', out, money(50000), '补助.额 ≤ 500元'), cmp('>=', out, money(0), '补助.额 ≥ 0元')]), { 人: { 数: 2 } }, D);
    expect(fails).toMatchObject({ verdict: 'fails', failed: ['补助.额 ≤ 500元'] });
    expect(fails.decisions.决定[0]!.状态).toBe('适用');
    expect(checkProperty(ir, prop([cmp('<=', out, money(50000))]), { 人: { 数: 1 } }, D).verdict).toBe('vacuous');
    expect(checkProperty(ir, prop([cmp('<=', out, money(50000))], c(T.bool, false)), { 人: { 数: 2 } }, D).verdict).toBe('vacuous');
    expect(checkProperty(ir, prop([cmp('<=', out, money(50000))], TRUE), { 人: { 数: 2 } }, D).verdict).toBe('fails');
  });

  it('unknown: the condition or an assertion is unknown', () => {
    expect(checkProperty(ir, prop([cmp('<=', out, money(500000))], f('人', '真', T.bool)), { 人: { 数: 2 } }, D).verdict).toBe('unknown');
    expect(checkProperty(ir, prop([f('人', '真', T.bool)]), { 人: { 数: 2 } }, D).verdict).toBe('unknown');
    // a failed assertion wins over an unknown one
    expect(checkProperty(ir, prop([f('人', '真', T.bool), c(T.bool, false, '否')]), { 人: { 数: 2 } }, D)).toMatchObject({ verdict: 'fails', failed: ['否'] });
  });

  it('适用（措施）, 已废止 and 事件 are bound in properties', () => {
    const appliesExpr: IrExpr = { k: 'applies', type: T.bool, measure: '补助', origin: o('适用（补助）') };
    expect(checkProperty(ir, prop([appliesExpr]), { 人: { 数: 2 } }, D).verdict).toBe('holds');
    expect(checkProperty(ir, prop([appliesExpr]), { 人: { 数: 1 } }, D).verdict).toBe('fails');
    const sunsetIr = { ...ir, policy: { ...ir.policy, sunset: { condition: cmp('=', { k: 'event', type: T.text, field: '级别', origin: o() }, c(T.text, '国家')), start: 'sameDay', origin: o() } } } as IrProgram;
    const voidExpr: IrExpr = { k: 'void', type: T.bool, origin: o('已废止') };
    const level: IrExpr = { k: 'event', type: T.text, field: '级别', origin: o('事件.级别') };
    const evDay: IrExpr = { k: 'event', type: T.date, field: '日期', origin: o('事件.日期') };
    const e = { 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策', 已确认: true };
    expect(checkProperty(sunsetIr, prop([voidExpr], undefined, { usesEvent: true }), {}, D, e).verdict).toBe('holds');
    expect(checkProperty(sunsetIr, prop([voidExpr], undefined, { usesEvent: true }), {}, '2024-06-30', e).verdict).toBe('fails');
    expect(checkProperty(sunsetIr, prop([cmp('=', level, c(T.text, '国家'))], undefined, { usesEvent: true }), {}, D, e).verdict).toBe('holds');
    expect(checkProperty(sunsetIr, prop([cmp('=', evDay, c(T.date, day('2024-07-01')))], undefined, { usesEvent: true }), {}, D, e).verdict).toBe('holds');
    expect(checkProperty(sunsetIr, prop([cmp('=', { k: 'event', type: T.text, field: '已确认', origin: o() }, c(T.text, 'x'))], undefined, { usesEvent: true }), {}, D, e).verdict).toBe('unknown');
    expect(checkProperty(sunsetIr, prop([voidExpr]), {}, D).verdict).toBe('fails');
  });

  it('an outcome mentioned only in the condition also makes it vacuous when undefined', () => {
    expect(checkProperty(ir, prop([TRUE], cmp('>', out, money(0))), { 人: { 数: 1 } }, D).verdict).toBe('vacuous');
    expect(checkProperty(ir, prop([c(T.bool, false)], cmp('>', out, money(0))), { 人: { 数: 2 } }, D).verdict).toBe('fails');
  });
});

describe('irChildren', () => {
  it('lists the direct sub-expressions of every kind', () => {
    const a = c(T.int, 1);
    const b = c(T.int, 2);
    const d = c(T.date, 0);
    expect(irChildren({ k: 'age', type: T.ageYears, unit: 'years', birth: d, origin: o() })).toEqual([d]);
    expect(irChildren({ k: 'daysBetween', type: T.days, from: d, to: a, origin: o() })).toEqual([d, a]);
    expect(irChildren({ k: 'not', type: T.bool, x: a, origin: o() })).toEqual([a]);
    expect(irChildren({ k: 'neg', type: T.int, x: b, origin: o() })).toEqual([b]);
    expect(irChildren(and(a, b, d))).toEqual([a, b, d]);
    expect(irChildren(or(b))).toEqual([b]);
    expect(irChildren(cmp('<', a, b))).toEqual([a, b]);
    expect(irChildren({ k: 'in', type: T.bool, x: a, values: [b, d], negated: false, origin: o() })).toEqual([a, b, d]);
    for (const k of ['add', 'sub'] as const) expect(irChildren({ k, type: T.int, a, b, origin: o() })).toEqual([a, b]);
    expect(irChildren({ k: 'mul', type: T.int, a, b, origin: o() })).toEqual([a, b]);
    expect(irChildren({ k: 'div', type: T.int, a, b, origin: o() })).toEqual([a, b]);
    expect(irChildren({ k: 'addMonths', type: T.date, date: d, months: a, sign: 1, origin: o() })).toEqual([d, a]);
    expect(irChildren({ k: 'workdays', type: T.date, start: d, n: a, origin: o() })).toEqual([d, a]);
    expect(irChildren(a)).toEqual([]);
    expect(irChildren(f('人', '数', T.int))).toEqual([]);
  });
});
