/**
 * The interpreter's evaluation beyond single expressions (compiler/interpret/interpreter.ts,
 * `evalExpr` … `irChildren`), on hand-written IR: lists and quantifiers, 第n, uncertain
 * values in arithmetic, the quantifier trace, measures read by other measures, the in-force
 * doubts, the tools' entry points (evaluateExpr, propertyMeasures, checkProperty's options).
 * Written for the gaps a mutation run of the file showed (issue 15): whole texts, exact
 * missing-fact lists, boundaries. Expected values are worked out by hand, not taken from a run.
 */
import { describe, expect, it } from 'vitest';
import { checkProperty, display, evaluate, evaluateExpr, evaluateRaw, irChildren, propertyMeasures, voidStatus } from '../../compiler/interpret/interpreter.js';
import type { IrDefinition, IrExpr, IrProgram, IrProperty, IrType } from '../../compiler/ir/ir.js';
import type { Rec } from '../../compiler/interpret/validate.js';
import { and, c, cmp, ENTITY, f, measure, o, program, rule, T, TRUE, valueProgram } from './ir-builders.js';

const D = '2024-07-15';
const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);

/** 户 has a list of 人 (the builders' entity) and a nested 人. */
const LIST_T: IrType = { k: 'list', elem: '人' };
const ENT_T: IrType = { k: 'entity', name: '人' };
const ENTITIES = [ENTITY, { name: '户', fields: [{ name: '人们', type: LIST_T }, { name: '主', type: ENT_T }, { name: '数', type: T.int }] }];
const people: IrExpr = f('户', '人们', LIST_T);
const v = (name = 'x'): IrExpr => ({ k: 'var', type: ENT_T, name, origin: o(name) });
const get = (field: string, type: IrType, of: IrExpr = v()): IrExpr => ({ k: 'get', type, of, field, origin: o(field) });
const quant = (q: Extract<IrExpr, { k: 'quant' }>['q'], type: IrType, body?: IrExpr, list: IrExpr = people): IrExpr => ({ k: 'quant', type, q, list, var: 'x', ...(body ? { body } : {}), origin: o(`${q}（户.人们）`) });
const nth = (n: number, key: IrExpr, list: IrExpr = people): IrExpr => ({ k: 'nth', type: ENT_T, list, var: 'x', key, n, origin: o(`第${n}个`) });
const someDay = (lo: string, hi: string, text = '某日'): IrExpr => ({ k: 'someDay', type: T.date, lo: day(lo), hi: day(hi), origin: o(text) });
const dateC = (s: string) => c(T.date, day(s), s);

/** The decision of 算 (outcome 值 = expr) with the entities above. */
function calc(expr: IrExpr, facts: unknown = {}, date = D, type: IrType = expr.type, extra: Parameters<typeof program>[1] = {}) {
  return evaluate(valueProgram(expr, type, { entities: ENTITIES, ...extra } as never), facts, date).决定[0]!;
}
const valueOf = (expr: IrExpr, facts: unknown = {}, date = D, type?: IrType) => {
  const d = calc(expr, facts, date, type);
  return { 状态: d.状态, 值: d.结果['值']?.值, 缺少: d.缺少 };
};
/** evaluateExpr on validated facts (a Map per record). */
const rec = (x: Record<string, unknown>) => new Map(Object.entries(x)) as Rec;

describe('lists, quantifiers and aggregates', () => {
  const ones = (...xs: (number | undefined)[]) => ({ 户: { 人们: xs.map((x) => (x === undefined ? {} : { 数: x })) } });
  const pos = cmp('>', get('数', T.int), c(T.int, 0), 'x.数 > 0');

  it('exists / none / forall / count with unknown elements (Kleene)', () => {
    const q = (k: 'exists' | 'none' | 'forall', facts: unknown) => valueOf(quant(k, T.bool, pos), facts).值 ?? null;
    expect([q('exists', ones(0, 1)), q('exists', ones(0, 0)), q('exists', ones(0, undefined)), q('exists', ones(undefined, 1)), q('exists', ones())]).toEqual([true, false, null, true, false]);
    expect([q('none', ones(0, 1)), q('none', ones(0, 0)), q('none', ones(0, undefined)), q('none', ones(undefined, 1)), q('none', ones())]).toEqual([false, true, null, false, true]);
    expect([q('forall', ones(1, 1)), q('forall', ones(1, 0)), q('forall', ones(1, undefined)), q('forall', ones(undefined, 0)), q('forall', ones())]).toEqual([true, false, null, false, true]);
    expect(valueOf(quant('count', T.int, pos), ones(1, 0, 2, 3)).值).toBe(3);
    expect(valueOf(quant('count', T.int, pos), ones()).值).toBe(0);
    expect(valueOf(quant('count', T.int, pos), ones(1, undefined, 2))).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们[1].数'] });
    // without a body (数量（列表）): every element counts
    expect(valueOf(quant('count', T.int), ones(undefined, undefined)).值).toBe(2);
    // the list itself unknown
    expect(valueOf(quant('exists', T.bool, pos), { 户: {} })).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们'] });
  });

  it('sum of money and of ratios (exact); every missing element is named', () => {
    const money = (...xs: (number | undefined)[]) => ({ 户: { 人们: xs.map((x) => (x === undefined ? {} : { 钱: String(x) })) } });
    expect(valueOf(quant('sum', T.money, get('钱', T.money)), money(1.5, 2.25)).值).toBe('3.75');
    expect(valueOf(quant('sum', T.money, get('钱', T.money)), money(1, undefined, 2, undefined)).缺少).toEqual(['户.人们[1].钱', '户.人们[3].钱']);
    const ratios = { 户: { 人们: [{ 比: '12.5%' }, { 比: '37.5%' }] } };
    expect(valueOf(quant('sum', T.ratio, get('比', T.ratio)), ratios).值).toBe('50%');
    expect(valueOf(quant('sum', T.ratio, get('比', T.ratio)), { 户: { 人们: [] } }).值).toBe('0%');
  });

  it('max / min of numbers, ratios (by value) and dates; an empty list is said out loud', () => {
    const nums = ones(3, 0, 7, 1);
    expect(valueOf(quant('max', T.int, get('数', T.int)), nums).值).toBe(7);
    expect(valueOf(quant('min', T.int, get('数', T.int)), nums).值).toBe(0);
    // ratios are "n/d" texts inside: "1/2" < "3/10" < "5/2" as texts, 3/10 < 1/2 < 5/2 by value
    const ratios = { 户: { 人们: [{ 比: '50%' }, { 比: '250%' }, { 比: '30%' }] } };
    expect(valueOf(quant('max', T.ratio, get('比', T.ratio)), ratios).值).toBe('250%');
    expect(valueOf(quant('min', T.ratio, get('比', T.ratio)), ratios).值).toBe('30%');
    const ratios2 = { 户: { 人们: [{ 比: '30%' }, { 比: '250%' }, { 比: '50%' }] } };
    expect(valueOf(quant('max', T.ratio, get('比', T.ratio)), ratios2).值).toBe('250%');
    expect(valueOf(quant('min', T.ratio, get('比', T.ratio)), ratios2).值).toBe('30%');
    expect(valueOf(quant('max', T.int, get('数', T.int)), ones())).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们（列表为空，没有最大值）'] });
    expect(valueOf(quant('min', T.int, get('数', T.int)), ones())).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们（列表为空，没有最小值）'] });
    expect(valueOf(quant('min', T.int, get('数', T.int)), ones(1, undefined))).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们[1].数'] });
  });

  it('aggregates of uncertain dates: the range of the extremes, and a sum of intervals', () => {
    const prog = (q: 'max' | 'min') => quant(q, T.date, someDay('2024-01-01', '2024-01-10'));
    const r = evaluateExpr(valueProgram(prog('max'), T.date, { entities: ENTITIES } as never), prog('max'), new Map([['户', rec({ 人们: [new Map(), new Map()] })]]), day(D));
    expect(r).toEqual({ value: { kind: 'interval', lo: day('2024-01-01'), hi: day('2024-01-10'), why: '某日（2024-01-01 至 2024-01-10 之间）' }, missing: [] });
    const sum = quant('sum', T.days, { k: 'daysBetween', type: T.days, from: someDay('2024-01-01', '2024-01-03'), to: dateC('2024-01-10'), origin: o() });
    const s = evaluateExpr(valueProgram(sum, T.days, { entities: ENTITIES } as never), sum, new Map([['户', rec({ 人们: [new Map(), new Map()] })]]), day(D));
    expect(s.value).toEqual({ kind: 'interval', lo: 14, hi: 18, why: '某日（2024-01-01 至 2024-01-03 之间）' });
  });

  it('第n by a key: ties keep the list order, ratios by value, every missing key named, too few elements', () => {
    const at = (n: number, key: IrExpr, facts: unknown) => {
      const e = get('名', T.text, nth(n, key));
      return valueOf(e, facts);
    };
    // 比 as texts "1/2", "5/2", "3/10", "1/1": by text 丁 甲 丙 乙, by value 丙 甲 丁 乙
    const fam = { 户: { 人们: [{ 名: '甲', 数: 3, 比: '50%' }, { 名: '乙', 数: 1, 比: '250%' }, { 名: '丙', 数: 3, 比: '30%' }, { 名: '丁', 数: 2, 比: '100%' }] } };
    expect([1, 2, 3, 4].map((n) => at(n, get('数', T.int), fam).值)).toEqual(['乙', '丁', '甲', '丙']);
    expect([1, 2, 3, 4].map((n) => at(n, get('比', T.ratio), fam).值)).toEqual(['丙', '甲', '丁', '乙']);
    expect(at(5, get('数', T.int), fam)).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们（只有 4 个，没有第 5 个）'] });
    expect(at(1, get('数', T.int), { 户: { 人们: [{ 名: '甲' }, { 名: '乙', 数: 1 }, { 名: '丙' }] } }).缺少).toEqual(['户.人们[0].数', '户.人们[2].数']);
    // an uncertain key: unknown, naming what it depends on
    expect(at(1, someDay('2024-01-01', '2024-01-02', '某日甲'), fam).缺少).toEqual(['某日甲（2024-01-01 至 2024-01-02 之间）']);
    expect(valueOf(get('名', T.text, nth(1, get('数', T.int))), { 户: {} }).缺少).toEqual(['户.人们']);
  });

  it('records: a nested entity field, a root, an absent root said to be absent or stated not to exist', () => {
    const main: IrExpr = f('户', '主', ENT_T);
    expect(valueOf(get('名', T.text, main), { 户: { 主: { 名: '甲' } } }).值).toBe('甲');
    expect(valueOf(get('名', T.text, main), { 户: { 主: {} } }).缺少).toEqual(['户.主.名']);
    expect(valueOf(get('名', T.text, main), { 户: {} }).缺少).toEqual(['户.主']);
    const root: IrExpr = { k: 'root', type: { k: 'entity', name: '户' }, entity: '户', origin: o('户') };
    expect(valueOf(get('数', T.int, root), { 户: { 数: 4 } }).值).toBe(4);
    expect(valueOf(get('数', T.int, root), {}).缺少).toEqual(['户']);
    expect(valueOf(get('数', T.int, root), { 户: '不存在' }).缺少).toEqual(['户（输入声明没有「户」）']);
    expect(valueOf(f('户', '数', T.int), { 户: '不存在' }).缺少).toEqual(['户.数（输入声明没有「户」）']);
    expect(valueOf(f('户', '数', T.int), {}).缺少).toEqual(['户.数']);
    // a variable that is not bound is unknown
    expect(valueOf(get('数', T.int, v('nobody')), {}).状态).toBe('存疑');
  });
});

describe('uncertain values in arithmetic', () => {
  const x = someDay('2024-01-01', '2024-01-10', '某日甲');
  const why = '某日甲（2024-01-01 至 2024-01-10 之间）';
  const ex = (e: IrExpr, facts = new Map(), date = D) => evaluateExpr(valueProgram(e, e.type, { entities: ENTITIES } as never), e, facts, day(date));
  const iv = (lo: number, hi: number, w = why) => ({ kind: 'interval', lo, hi, why: w });
  const n = (k: number) => c(T.int, k);

  it('neg, add, sub, mul by a number; days between two uncertain days', () => {
    const lo = day('2024-01-01');
    const hi = day('2024-01-10');
    expect(ex({ k: 'neg', type: T.date, x, origin: o() }).value).toEqual(iv(-hi, -lo));
    expect(ex({ k: 'add', type: T.date, a: x, b: n(2), origin: o() }).value).toEqual(iv(lo + 2, hi + 2));
    expect(ex({ k: 'add', type: T.date, a: n(2), b: x, origin: o() }).value).toEqual(iv(lo + 2, hi + 2));
    expect(ex({ k: 'sub', type: T.date, a: x, b: n(2), origin: o() }).value).toEqual(iv(lo - 2, hi - 2));
    expect(ex({ k: 'sub', type: T.days, a: dateC('2024-01-20'), b: x, origin: o() }).value).toEqual(iv(10, 19));
    expect(ex({ k: 'mul', type: T.int, a: x, b: n(3), origin: o() }).value).toEqual(iv(lo * 3, hi * 3));
    expect(ex({ k: 'mul', type: T.int, a: n(3), b: x, origin: o() }).value).toEqual(iv(lo * 3, hi * 3));
    const y = someDay('2024-02-01', '2024-02-03', '某日乙');
    expect(ex({ k: 'daysBetween', type: T.days, from: x, to: y, origin: o() }).value).toEqual(iv(22, 33, `${why}、某日乙（2024-02-01 至 2024-02-03 之间）`));
    expect(ex({ k: 'daysBetween', type: T.days, from: x, to: x, origin: o() }).value).toEqual(iv(-9, 9));
    // an interval of one value is that value
    expect(ex({ k: 'sub', type: T.days, a: someDay('2024-01-05', '2024-01-05'), b: dateC('2024-01-01'), origin: o() }).value).toBe(4);
  });

  it('a product of two uncertain values, or a quotient of one, is unknown naming both', () => {
    const y = someDay('2024-02-01', '2024-02-03', '某日乙');
    expect(ex({ k: 'mul', type: T.int, a: x, b: y, origin: o() })).toEqual({ value: null, missing: [`${why}、某日乙（2024-02-01 至 2024-02-03 之间）`] });
    expect(ex({ k: 'mul', type: T.int, a: x, b: c(T.ratio, '1/2'), origin: o() })).toEqual({ value: null, missing: [why] });
    expect(ex({ k: 'div', type: T.int, a: x, b: n(2), origin: o() })).toEqual({ value: null, missing: [why] });
    expect(ex({ k: 'div', type: T.int, a: n(2), b: x, origin: o() })).toEqual({ value: null, missing: [why] });
    expect(ex({ k: 'div', type: T.int, a: n(2), b: c(T.int, 0, '零'), origin: o() })).toEqual({ value: null, missing: ['除数“零”为零，无法相除'] });
    expect(ex({ k: 'div', type: T.int, a: n(2), b: { k: 'const', type: T.int, value: 0 }, origin: o() })).toEqual({ value: null, missing: ['除数“”为零，无法相除'] });
  });

  it('ratio arithmetic stays exact: add, sub, neg; ratio × int; money ÷ money', () => {
    const r = (s: string) => c(T.ratio, s);
    expect(ex({ k: 'add', type: T.ratio, a: r('1/3'), b: r('1/6'), origin: o() }).value).toBe('1/2');
    expect(ex({ k: 'sub', type: T.ratio, a: r('1/3'), b: r('1/2'), origin: o() }).value).toBe('-1/6');
    expect(ex({ k: 'neg', type: T.ratio, x: r('1/3'), origin: o() }).value).toBe('-1/3');
    expect(ex({ k: 'mul', type: T.ratio, a: r('1/3'), b: n(2), origin: o() }).value).toBe('2/3');
    expect(ex({ k: 'mul', type: T.int, a: n(7), b: r('1/2'), origin: o() }).value).toBe(4);
    expect(ex({ k: 'mul', type: T.int, a: r('1/2'), b: n(-7), origin: o() }).value).toBe(-4);
    expect(ex({ k: 'div', type: T.ratio, a: c(T.money, 100), b: c(T.money, 300), origin: o() }).value).toBe('1/3');
    expect(ex({ k: 'add', type: T.int, a: n(-2), b: n(2), origin: o() }).value).toBe(0);
    expect(Object.is(ex({ k: 'sub', type: T.int, a: n(0), b: n(0), origin: o() }).value, -0)).toBe(false);
    expect(Object.is(ex({ k: 'mul', type: T.int, a: n(0), b: n(-3), origin: o() }).value, -0)).toBe(false);
  });

  it('months added to an uncertain day: the range of the four corners', () => {
    const plus = (date: IrExpr, months: IrExpr, sign: 1 | -1 = 1): IrExpr => ({ k: 'addMonths', type: T.date, date, months, sign, origin: o() });
    const jan = someDay('2024-01-30', '2024-01-31', '某日丙');
    expect(ex(plus(jan, c(T.months, 1))).value).toEqual(iv(day('2024-02-29'), day('2024-02-29'), '某日丙（2024-01-30 至 2024-01-31 之间）').lo);
    expect(ex(plus(x, c(T.months, 1))).value).toEqual(iv(day('2024-02-01'), day('2024-02-10')));
    expect(ex(plus(x, c(T.months, 1), -1)).value).toEqual(iv(day('2023-12-01'), day('2023-12-10')));
    expect(ex(plus(dateC('2024-03-31'), c(T.months, 1), -1)).value).toBe(day('2024-02-29'));
  });

  it('working days from an uncertain day: both ends; unknown when either is', () => {
    const wd = (start: IrExpr, k = 5): IrExpr => ({ k: 'workdays', type: T.date, start, n: c(T.int, k), origin: o() });
    expect(ex(wd(someDay('2024-09-26', '2024-09-27', '某日丁')), new Map(), '2024-10-31').value).toEqual(iv(day('2024-10-09'), day('2024-10-10'), '某日丁（2024-09-26 至 2024-09-27 之间）'));
    expect(ex(wd(someDay('2024-09-26', '2024-09-27'), 0), new Map(), '2024-10-31').value).toEqual(iv(day('2024-09-26'), day('2024-09-27'), '某日（2024-09-26 至 2024-09-27 之间）'));
  });

  it('ages from an uncertain birth day; one that may lie after the evaluation date is unknown, said so', () => {
    const age = (birth: IrExpr, unit: 'years' | 'months' = 'years'): IrExpr => ({ k: 'age', type: unit === 'years' ? T.ageYears : T.ageMonths, unit, birth, origin: o() });
    expect(ex(age(someDay('2020-07-10', '2020-07-20')), new Map(), '2024-07-15').value).toEqual({ kind: 'interval', lo: 3, hi: 4, why: '某日（2020-07-10 至 2020-07-20 之间）' });
    expect(ex(age(someDay('2024-01-10', '2024-01-20'), 'months'), new Map(), '2024-07-15').value).toEqual({ kind: 'interval', lo: 5, hi: 6, why: '某日（2024-01-10 至 2024-01-20 之间）' });
    expect(ex(age(someDay('2024-07-10', '2024-07-20')), new Map(), '2024-07-15')).toEqual({ value: null, missing: ['某日（2024-07-10 至 2024-07-20 之间）（可能晚于评估日期）'] });
    expect(ex(age(dateC('2024-07-16')), new Map(), '2024-07-15')).toEqual({ value: null, missing: [] });
    expect(ex(age(dateC('2024-07-15')), new Map(), '2024-07-15').value).toBe(0);
  });
});

describe('施行日, 事件 and parameters as values', () => {
  const eff: IrExpr = { k: 'effective', type: T.date, origin: o('施行日') };
  const at = (policy: object) => evaluateExpr(program([], { policy } as never), eff, new Map(), day(D));
  it('施行日: the date, a range, or unknown said out loud', () => {
    expect(at({ effective: day('2024-01-01') })).toEqual({ value: day('2024-01-01'), missing: [] });
    expect(at({ effectiveRange: { lo: day('2023-01-01'), hi: day('2023-12-31'), loIso: '2023-01-01', hiIso: '2023-12-31' } })).toEqual({
      value: { kind: 'interval', lo: day('2023-01-01'), hi: day('2023-12-31'), why: '施行日（2023-01-01 至 2023-12-31 之间，确切日期未知）' }, missing: [],
    });
    expect(at({})).toEqual({ value: null, missing: ['施行日（原文未载明）'] });
  });
  it('事件 fields: the day, texts, and anything else unknown', () => {
    const ev = (field: string, type: IrType = T.text): IrExpr => ({ k: 'event', type, field, origin: o() });
    const event = { 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策', 已确认: true, day: day('2024-07-01') } as never;
    const ir = program([]);
    expect(evaluateExpr(ir, ev('日期', T.date), new Map(), day(D), event).value).toBe(day('2024-07-01'));
    expect(evaluateExpr(ir, ev('级别'), new Map(), day(D), event).value).toBe('国家');
    expect(evaluateExpr(ir, ev('已确认'), new Map(), day(D), event).value).toBeNull();
    expect(evaluateExpr(ir, ev('级别'), new Map(), day(D)).value).toBeNull();
  });
  it('evaluateExpr reports the missing facts and whom the input says does not exist', () => {
    expect(evaluateExpr(program([]), f('人', '数', T.int), new Map([['人', new Map()]]), day(D))).toEqual({ value: null, missing: ['人.数'] });
    expect(evaluateExpr(program([]), f('人', '数', T.int), new Map(), day(D), undefined, new Set(['人']))).toEqual({ value: null, missing: ['人.数（输入声明没有「人」）'] });
    expect(evaluateExpr(program([]), f('人', '数', T.int), new Map([['人', new Map([['数', 5]])]]), day(D))).toEqual({ value: 5, missing: [] });
  });
});

describe('the trace of a quantifier', () => {
  const pos = cmp('>', get('数', T.int), c(T.int, 0), 'x.数 > 0');
  const cond = (q: IrExpr) => evaluate(program([measure('判', [['值', T.int]], [rule('甲', q, [['值', c(T.int, 1)]])])], { entities: ENTITIES } as never), { 户: { 人们: [{ 数: 1 }, { 数: 0 }, {}, { 数: 2 }] } }, D).决定[0]!.规则[0]!;
  it('how many elements hold, fail, are unknown — by position', () => {
    const q: IrExpr = { k: 'quant', type: T.bool, q: 'exists', list: people, var: 'x', body: pos, origin: o('户.人们 至少一个满足（x.数 > 0）') };
    expect(cond(q).条件).toEqual([{ 条件: '户.人们 至少一个满足（x.数 > 0）', 成立: true, 取值: { '户.人们': '4个，满足 2 个（第1、4个），不满足 1 个（第2个），未知 1 个（第3个）' } }]);
    const all: IrExpr = { k: 'quant', type: T.bool, q: 'forall', list: people, var: 'x', origin: o('均满足') };
    expect(cond(all).条件).toEqual([{ 条件: '均满足', 成立: true, 取值: { '户.人们': '4个，满足 4 个（第1、2、3、4个）' } }]);
  });
  it('an unknown list; a list without a source text', () => {
    const q: IrExpr = { k: 'quant', type: T.bool, q: 'exists', list: people, var: 'x', body: pos, origin: o('有') };
    const r = evaluate(program([measure('判', [['值', T.int]], [rule('甲', q, [['值', c(T.int, 1)]])])], { entities: ENTITIES } as never), { 户: {} }, D).决定[0]!.规则[0]!;
    expect(r.条件).toEqual([{ 条件: '有', 成立: null, 取值: { '户.人们': '（未知）' } }]);
    expect(r.未知).toEqual(['有']);
    const bare = { ...people, origin: undefined } as unknown as IrExpr;
    const q2: IrExpr = { k: 'quant', type: T.bool, q: 'none', list: bare, var: 'x', body: pos, origin: o('无') };
    expect(cond(q2).条件).toEqual([{ 条件: '无', 成立: false, 取值: { 列表: '4个，满足 2 个（第1、4个），不满足 1 个（第2个），未知 1 个（第3个）' } }]);
    expect(cond(q2).未满足).toEqual(['无']);
    const r2 = evaluate(program([measure('判', [['值', T.int]], [rule('甲', q2, [['值', c(T.int, 1)]])])], { entities: ENTITIES } as never), { 户: {} }, D).决定[0]!.规则[0]!;
    expect(r2.条件[0]!.取值).toEqual({ 列表: '（未知）' });
  });
  it('unmet and unknown conditions: 且 split, 或 kept whole, constants by their text', () => {
    const a = cmp('>', f('人', '数', T.int), c(T.int, 0), '人.数 > 0');
    const b = cmp('<', f('人', '数', T.int), c(T.int, 5), '人.数 < 5');
    const u = cmp('=', f('人', '名', T.text), c(T.text, '甲'), '人.名 为 甲');
    const F = c(T.bool, false, '否');
    const orX: IrExpr = { k: 'or', type: T.bool, xs: [b, u], origin: o('人.数 < 5 或 人.名 为 甲') };
    const r = evaluate(program([measure('判', [['值', T.int]], [rule('甲', and(a, and(u, orX), F), [['值', c(T.int, 1)]])])]), { 人: { 数: 9 } }, D).决定[0]!.规则[0]!;
    expect(r).toMatchObject({ 适用: false, 未满足: ['否'], 未知: ['人.名 为 甲', '人.数 < 5 或 人.名 为 甲'] });
    const noText = { k: 'const', type: T.bool, value: false } as IrExpr;
    expect(evaluate(program([measure('判', [['值', T.int]], [rule('甲', and(a, noText), [['值', c(T.int, 1)]])])]), { 人: { 数: 9 } }, D).决定[0]!.规则[0]!.未满足).toEqual(['否']);
    const r2 = evaluate(program([measure('判', [['值', T.int]], [rule('甲', and(a, u), [['值', c(T.int, 1)]])])]), { 人: { 数: 0 } }, D).决定[0]!.规则[0]!;
    expect(r2).toMatchObject({ 适用: false, 未满足: ['人.数 > 0'], 未知: ['人.名 为 甲'] });
  });
});

describe('measures read by other measures', () => {
  const base = measure('基础', [['额', T.money], ['次', T.int]], [rule('甲', cmp('>=', f('人', '数', T.int), c(T.int, 2)), [['额', c(T.money, 100)]])]);
  const use = (e: IrExpr, type: IrType = e.type) => measure('用', [['值', type]], [rule('乙', TRUE, [['值', e]])]);
  const out = (outcome = '额'): IrExpr => ({ k: 'outcome', type: T.money, measure: '基础', outcome, origin: o(`基础.${outcome}`) });
  const app: IrExpr = { k: 'applies', type: T.bool, measure: '基础', origin: o('适用（基础）') };
  const run = (m: ReturnType<typeof measure>, facts: unknown) => evaluate(program([m, base]), facts, D).决定;

  it('an outcome the other measure did not give, or its 存疑, is named with its status', () => {
    expect(run(use(out()), { 人: { 数: 2 } })[0]!.结果['值']!.值).toBe('1.00');
    expect(run(use(out()), { 人: { 数: 1 } })[0]!.缺少).toEqual(['措施「基础」的结果「额」（该措施不适用）']);
    // the other measure's own missing facts are its own: this one names the measure
    expect(run(use(out()), { 人: {} })[0]!.缺少).toEqual(['措施「基础」的结果「额」（该措施存疑）']);
    expect(run(use(out('次')), { 人: { 数: 2 } })[0]!.缺少).toEqual(['措施「基础」的结果「次」（该措施适用）']);
  });
  it('适用（M）: true, false, or unknown naming it', () => {
    expect(run(use(app), { 人: { 数: 2 } })[0]!.结果['值']!.值).toBe(true);
    expect(run(use(app), { 人: { 数: 1 } })[0]!.结果['值']!.值).toBe(false);
    expect(run(use(app), { 人: {} })[0]!.缺少).toEqual(['措施「基础」是否适用（存疑）']);
  });
  it('a measure that does not exist is unknown; the decisions are listed in the program’s order, each decided once', () => {
    const ghost: IrExpr = { k: 'applies', type: T.bool, measure: '无此措施', origin: o() };
    expect(run(use(ghost), {})[0]!.状态).toBe('存疑');
    const d = run(use(out()), { 人: { 数: 2 } });
    expect(d.map((x) => x.措施)).toEqual(['用', '基础']);
    expect(d[1]!.状态).toBe('适用');
  });
});

describe('definitions', () => {
  const isAdult: IrDefinition = { name: '人.成年', entity: '人', type: T.bool, expr: cmp('>=', get('数', T.int, v('@self')), c(T.int, 18), '数 ≥ 18'), citation: { anchor: 'a', label: '二', quotes: ['成年人'] }, origin: o('成年') } as never;
  const total: IrDefinition = { name: '人数', type: T.int, expr: quant('count', T.int), origin: o('人数') } as never;
  const defOf = (name: string, of?: IrExpr): IrExpr => ({ k: 'def', type: T.bool, name, ...(of ? { of } : {}), origin: o(name) });
  const prog = (e: IrExpr) => program([measure('算', [['值', e.type]], [rule('甲', TRUE, [['值', e]])])], { entities: ENTITIES, definitions: [isAdult, total] } as never);
  it('per instance, with its trace; a global one once; an unknown instance is unknown', () => {
    const e = quant('count', T.int, defOf('人.成年', v()));
    const d = evaluate(prog(e), { 户: { 人们: [{ 数: 20 }, { 数: 3 }, {}] } }, D).决定[0]!;
    expect(d.缺少).toEqual(['户.人们[2].数']);
    expect(d.定义).toEqual([
      { 定义: '人.成年', 值: '是', 实例: '户.人们[0]', 条款: '二', 原文: ['成年人'] },
      { 定义: '人.成年', 值: '否', 实例: '户.人们[1]', 条款: '二', 原文: ['成年人'] },
      { 定义: '人.成年', 值: '（未知）', 实例: '户.人们[2]', 条款: '二', 原文: ['成年人'] },
    ]);
    const g = evaluate(prog({ ...defOf('人数'), type: T.int }), { 户: { 人们: [{}, {}] } }, D).决定[0]!;
    expect(g.结果['值']!.值).toBe(2);
    expect(g.定义).toEqual([{ 定义: '人数', 值: '2' }]);
    expect(evaluate(prog(defOf('人.成年', v('nobody'))), {}, D).决定[0]!.状态).toBe('存疑');
  });
});

describe('the policy may not be in force: the reasons, the missing facts, the problems', () => {
  const range = { lo: day('2024-01-01'), hi: day('2024-12-31'), loIso: '2024-01-01', hiIso: '2024-12-31' };
  const p = program([
    measure('给', [['额', T.money]], [rule('甲', TRUE, [['额', c(T.money, 100)]])]),
    measure('不给', [['额', T.money]], [rule('乙', c(T.bool, false, '否'), [['额', c(T.money, 100)]])]),
  ], { policy: { effectiveRange: range } } as never);
  const date = '施行日（2024-01-01 至 2024-12-31 之间，确切日期未知）';
  it('inside the range: a grant is 存疑 with nothing given, a refusal stays 不适用', () => {
    const r = evaluate(p, {}, '2024-06-01');
    expect(r.生效).toEqual({ 范围: { 最早: '2024-01-01', 最晚: '2024-12-31' } });
    expect(r.决定[0]).toMatchObject({ 状态: '存疑', 结果: {}, 缺少: [date], 问题: [{ 类别: '未知', 结果: '额', 规则: ['甲'] }] });
    expect(r.决定[0]!.理由).toEqual(['规则 甲 适用：额 = 1.00元', `评估日期可能早于${date}：若尚未施行则不适用`]);
    expect(r.决定[1]!.状态).toBe('不适用');
    expect(r.决定[1]!.理由).toEqual(['没有适用的规则', `（评估日期可能早于${date}；无论如何均无待遇）`]);
    expect('缺少' in r.决定[1]!).toBe(false);
  });
  it('on the last day of the range: in force; before the range: 未生效', () => {
    expect(evaluate(p, {}, '2024-12-31').决定[0]!.状态).toBe('适用');
    expect(evaluate(p, {}, '2024-12-30').决定[0]!.状态).toBe('存疑');
    expect(evaluate(p, {}, '2023-12-31').决定[0]!.状态).toBe('未生效');
    expect(evaluate(p, {}, '2024-01-01').决定[0]!.状态).toBe('存疑');
  });
  it('an event whose 失效 condition is unknown: 可能废止 from its day, with the title or level and category', () => {
    const sunset = { condition: cmp('=', f('人', '名', T.text), c(T.text, '甲')), start: 'nextDay', origin: o('失效') };
    const q = program([measure('给', [['额', T.money]], [rule('甲', TRUE, [['额', c(T.money, 100)]])])], { policy: { effective: day('2020-01-01'), effectiveIso: '2020-01-01', sunset } } as never);
    const ev = { 日期: '2024-03-01', 级别: '省', 类别: '生育支持政策' };
    const before = evaluate(q, {}, '2024-03-01', [ev]);
    expect(before.可能废止).toBeUndefined();
    expect(before.决定[0]!.状态).toBe('适用');
    const r = evaluate(q, {}, '2024-03-02', [ev]);
    expect(r.可能废止).toEqual({ 日期: '2024-03-02', 事件: ev, 取决于: ['人.名'] });
    expect(r.决定[0]).toMatchObject({ 状态: '存疑', 结果: {}, 缺少: ['人.名'] });
    expect(r.决定[0]!.理由[1]).toBe('本政策可能已于2024-03-02废止（事件“省级生育支持政策”是否触发失效取决于：人.名）：若已废止则不适用');
    const titled = evaluate(q, {}, '2024-03-02', [{ ...ev, 标题: '新办法' }]);
    expect(titled.决定[0]!.理由[1]).toBe('本政策可能已于2024-03-02废止（事件“新办法”是否触发失效取决于：人.名）：若已废止则不适用');
    // voidStatus: the earliest sure void, and an earlier maybe beside it (a later one is dropped)
    const ev2 = (日期: string, 标题?: string) => ({ day: day(日期), event: { 日期, 级别: '省', 类别: '生育支持政策', ...(标题 ? { 标题 } : {}) } as never });
    const q2 = program([measure('给', [['额', T.money]], [rule('甲', TRUE, [['额', c(T.money, 100)]])])], { policy: { effective: day('2020-01-01'), effectiveIso: '2020-01-01', sunset: { condition: cmp('=', { k: 'event', type: T.text, field: '标题', origin: o() }, c(T.text, '废')), start: 'sameDay', origin: o() } } } as never);
    const at = day('2024-06-01');
    expect(voidStatus(q2, [ev2('2024-03-01', '废'), ev2('2024-02-01'), ev2('2024-01-15', '不废')], new Map(), at)).toEqual({
      void: { day: day('2024-03-01'), event: ev2('2024-03-01', '废').event }, maybe: { day: day('2024-02-01'), event: ev2('2024-02-01').event, missing: [] },
    });
    expect(voidStatus(q2, [ev2('2024-02-01', '废'), ev2('2024-03-01'), ev2('2024-02-01')], new Map(), at)).toEqual({ void: { day: day('2024-02-01'), event: ev2('2024-02-01', '废').event } });
    expect(voidStatus(q2, [ev2('2024-04-01', '废'), ev2('2024-03-01', '废')], new Map(), at)).toEqual({ void: { day: day('2024-03-01'), event: ev2('2024-03-01', '废').event } });
    expect(voidStatus(q2, [ev2('2024-03-01'), ev2('2024-02-01'), ev2('2024-04-01')], new Map(), at)).toEqual({ maybe: { day: day('2024-02-01'), event: ev2('2024-02-01').event, missing: [] } });
    expect(voidStatus(q2, [], new Map(), at)).toEqual({});
    // between the maybe and the sure void: 可能废止, depending on "未知的事实" when nothing is named
    const between = evaluate(q2, {}, '2024-02-15', [{ 日期: '2024-03-01', 级别: '省', 类别: '生育支持政策', 标题: '废' }, { 日期: '2024-02-01', 级别: '省', 类别: '生育支持政策' }]);
    expect(between.废止).toBeUndefined();
    expect(between.可能废止).toEqual({ 日期: '2024-02-01', 事件: { 日期: '2024-02-01', 级别: '省', 类别: '生育支持政策' }, 取决于: [] });
    expect(between.决定[0]!.理由[1]).toBe('本政策可能已于2024-02-01废止（事件“省级生育支持政策”是否触发失效取决于：未知的事实）：若已废止则不适用');
    expect(between.决定[0]!.状态).toBe('存疑');
    expect('缺少' in between.决定[0]!).toBe(false);
  });
});

describe('the subject may not exist; decisions with problems and missing facts', () => {
  it('a grant for an absent subject: 存疑, the would-be value shown, the subject missing, a problem per outcome', () => {
    const p = program([measure('补', [['额', T.money], ['天', T.days]], [rule('甲', TRUE, [['额', c(T.money, 100)], ['天', c(T.days, 3)]])], { subject: '人' })]);
    const r = evaluateRaw(p, {}, D);
    const d = r.decisions.决定[0]!;
    expect(d).toMatchObject({ 状态: '存疑', 缺少: ['人'], 问题: [{ 类别: '未知', 结果: '额', 规则: ['甲'] }, { 类别: '未知', 结果: '天', 规则: ['甲'] }] });
    expect(d.结果['额']!.值).toBe('1.00');
    expect(d.理由[0]).toBe('输入中没有「人」：不知道是否存在，其事实均为未知（若确实没有，写 人: 不存在）');
    // nothing is handed over to other measures
    expect(r.raw.size).toBe(0);
    expect(evaluateRaw(p, { 人: {} }, D).raw.get('补.额')).toBe(100);
  });
  it('an outcome whose value is an uncertain date: 存疑 naming the date', () => {
    const d = evaluate(valueProgram(someDay('2024-01-01', '2024-01-02', '某日甲')), {}, D).决定[0]!;
    expect(d).toMatchObject({ 状态: '存疑', 结果: {}, 缺少: ['某日甲（2024-01-01 至 2024-01-02 之间）'], 问题: [{ 类别: '未知', 结果: '值', 规则: ['甲'] }] });
    expect(d.理由).toEqual(['结果“值”的值取决于不确定的日期：某日甲（2024-01-01 至 2024-01-02 之间）']);
  });
  it('missing facts are sorted and listed once; 存疑 only', () => {
    const cond = and(cmp('>', f('人', '钱', T.money), c(T.money, 0)), cmp('>', f('人', '数', T.int), c(T.int, 0)), cmp('>', f('人', '钱', T.money), c(T.money, 1)));
    const p = program([measure('补', [['额', T.money]], [rule('甲', cond, [['额', c(T.money, 100)]]), rule('乙', cmp('<', f('人', '数', T.int), c(T.int, 0)), [['额', c(T.money, 200)]])])]);
    const d = evaluate(p, { 人: {} }, D).决定[0]!;
    expect(d.缺少).toEqual(['人.数', '人.钱']);
    expect(d.问题).toEqual([{ 类别: '未知', 结果: '额', 规则: ['甲', '乙'] }]);
    const no = evaluate(p, { 人: { 钱: 0, 数: 0 } }, D).决定[0]!;
    expect(Object.keys(no)).toEqual(['措施', '条款', '牵头单位', '责任单位', '状态', '结果', '理由', '规则']);
  });
  it('a decision’s keys in their fixed order, with 对象, 发放对象, 存疑, 问题, 缺少', () => {
    const p = program([measure('补', [['额', T.money, { required: true }]], [rule('甲', f('人', '真', T.bool), [['额', c(T.money, 100)]])], {
      subject: '人', recipient: '户', doubts: [{ name: '疑', readings: [], quotes: [] }],
    })], { entities: ENTITIES } as never);
    const d = evaluate(p, { 人: {} }, D).决定[0]!;
    expect(Object.keys(d)).toEqual(['措施', '条款', '对象', '发放对象', '牵头单位', '责任单位', '存疑', '状态', '结果', '理由', '规则', '问题', '缺少']);
  });
});

describe('application conditions (申请条件)', () => {
  const main = measure('补', [['额', T.money]], [rule('甲', f('人', '真', T.bool), [['额', c(T.money, 100)]])], { application: '条件' });
  const cond = measure('条件', [['可', T.bool]], [rule('乙', f('人', '假', T.bool), [['可', TRUE]])], { citation: { anchor: 'annex', label: '附件', quotes: ['附件原文。'] } });
  const at = (facts: object, ms = [main, cond]) => evaluate(program(ms), { 人: facts }, D).决定[0]!;
  it('both parts, with the annex’s clause and reasons', () => {
    const d = at({ 真: true, 假: true });
    expect(d.申请).toEqual({ 措施: '条件', 状态: '适用', 条款: { 锚点: 'annex', 标签: '附件' }, 理由: ['规则 乙 适用：可 = 是'] });
    expect(d.可领取).toEqual({ 状态: '适用', 结果: { 额: { 值: '1.00', 单位: '元', 分: 100, 规则: ['甲'] } } });
    expect(at({ 真: false, 假: true }).可领取).toEqual({ 状态: '不适用', 结果: {} });
    expect(at({ 真: true }).可领取).toEqual({ 状态: '存疑', 结果: {} });
    expect(at({ 假: true }).可领取).toEqual({ 状态: '存疑', 结果: {} });
    expect(at({ 假: false }).可领取).toEqual({ 状态: '不适用', 结果: {} });
  });
  it('an application measure that is missing: 存疑 with an empty clause', () => {
    const d = at({ 真: true }, [main]);
    expect(d.申请).toEqual({ 措施: '条件', 状态: '存疑', 条款: { 锚点: '', 标签: '' } });
    expect(d.可领取).toEqual({ 状态: '存疑', 结果: {} });
  });
  it('not yet in force: the policy’s status for both', () => {
    const d = evaluate(program([main, cond], { policy: { effective: day('2025-01-01'), effectiveIso: '2025-01-01' } } as never), { 人: { 真: true, 假: true } }, D).决定[0]!;
    expect(d.可领取).toEqual({ 状态: '未生效', 结果: {} });
  });
});

describe('tools: propertyMeasures, checkProperty’s options, evaluateRaw’s measure selection', () => {
  const m = (name: string, k: number) => measure(name, [['额', T.money]], [rule('甲', cmp('>=', f('人', '数', T.int), c(T.int, k)), [['额', c(T.money, 100 * k)]])]);
  const out = (name: string): IrExpr => ({ k: 'outcome', type: T.money, measure: name, outcome: '额', origin: o(`${name}.额`) });
  const applies = (name: string): IrExpr => ({ k: 'applies', type: T.bool, measure: name, origin: o(`适用（${name}）`) });
  const defA: IrDefinition = { name: '甲定义', type: T.bool, expr: and(applies('二'), { k: 'def', type: T.bool, name: '乙定义', origin: o() }), origin: o() } as never;
  const defB: IrDefinition = { name: '乙定义', type: T.bool, expr: and(applies('三'), { k: 'def', type: T.bool, name: '甲定义', origin: o() }), origin: o() } as never;
  const assumption = { name: '数不大', condition: cmp('<=', f('人', '数', T.int), c(T.int, 10)), note: '十以内', origin: o() };
  const ir = program([m('一', 1), m('二', 2), m('三', 3), m('四', 4)], { definitions: [defA, defB], assumptions: [assumption] } as never);
  const prop = (asserts: IrExpr[], condition?: IrExpr): IrProperty => ({ name: '性', asserts, ...(condition ? { condition } : {}), usesEvent: false, kind: '一般', origin: o() });

  it('propertyMeasures: named in assertions and the condition, and through definitions (each visited once)', () => {
    const p = prop([cmp('<=', out('一'), c(T.money, 500))], { k: 'def', type: T.bool, name: '甲定义', origin: o() });
    expect([...propertyMeasures(ir, p)].sort()).toEqual(['一', '三', '二']);
    expect(propertyMeasures(ir, p)).toBe(propertyMeasures(ir, p));
    expect([...propertyMeasures(ir, prop([applies('四')]))]).toEqual(['四']);
    expect([...propertyMeasures(ir, prop([TRUE]))]).toEqual([]);
  });

  it('onlyNamedMeasures: the same verdict, deciding only the measures named', () => {
    const p = prop([cmp('<=', out('二'), c(T.money, 150))]);
    const all = checkProperty(ir, p, { 人: { 数: 5 } }, D);
    const only = checkProperty(ir, p, { 人: { 数: 5 } }, D, undefined, { onlyNamedMeasures: true });
    expect([all.verdict, only.verdict]).toEqual(['fails', 'fails']);
    expect(all.decisions.决定.map((d) => d.措施)).toEqual(['一', '二', '三', '四']);
    expect(only.decisions.决定.map((d) => d.措施)).toEqual(['二']);
    expect(checkProperty(ir, p, { 人: { 数: 1 } }, D, undefined, { onlyNamedMeasures: true }).verdict).toBe('vacuous');
  });

  it('stopIfAssumptionViolated: vacuous, no measure decided; without it the verdict stands and 前提不满足 is reported', () => {
    const p = prop([cmp('<=', out('一'), c(T.money, 50))]);
    const stopped = checkProperty(ir, p, { 人: { 数: 11 } }, D, undefined, { stopIfAssumptionViolated: true });
    expect(stopped).toMatchObject({ verdict: 'vacuous', failed: [] });
    expect(stopped.decisions.决定).toEqual([]);
    expect(stopped.decisions.前提不满足).toEqual([{ 名称: '数不大', 说明: '十以内' }]);
    const kept = checkProperty(ir, p, { 人: { 数: 11 } }, D);
    expect(kept).toMatchObject({ verdict: 'fails', failed: ['一.额 <= 50'] });
    expect(kept.decisions.前提不满足).toEqual([{ 名称: '数不大', 说明: '十以内' }]);
    expect(checkProperty(ir, p, { 人: { 数: 10 } }, D, undefined, { stopIfAssumptionViolated: true }).verdict).toBe('fails');
    // an unknown assumption is not violated
    expect(evaluate(ir, {}, D).前提不满足).toBeUndefined();
    const noNote = program([], { assumptions: [{ ...assumption, note: undefined }] } as never);
    expect(evaluate(noNote, { 人: { 数: 11 } }, D).前提不满足).toEqual([{ 名称: '数不大' }]);
  });

  it('evaluateRaw with a measure selection decides those (and what they need), in the program’s order', () => {
    const dep = measure('五', [['额', T.money]], [rule('甲', applies('一'), [['额', out('一')]])]);
    const ir2 = program([m('一', 1), m('二', 2), dep], {} as never);
    const r = evaluateRaw(ir2, { 人: { 数: 3 } }, D, [], undefined, { measures: new Set(['五']) });
    expect(r.decisions.决定.map((d) => d.措施)).toEqual(['五']);
    expect(r.decisions.决定[0]!.结果['额']!.值).toBe('1.00');
    expect([...r.raw.keys()].sort()).toEqual(['一.额', '五.额']);
  });
});

describe('what the mutation run of lines 1–450 left (display, comparisons with intervals, unknown operands)', () => {
  const iv = (lo: string, hi: string, why = 'w') => ({ kind: 'interval', lo: day(lo), hi: day(hi), why });
  const ex = (e: IrExpr, facts: Map<string, Map<string, unknown>> = new Map(), extra: Parameters<typeof program>[1] = {}) => evaluateExpr(program([], { entities: ENTITIES, ...extra } as never), e, facts as never, day(D));

  it('display: undefined is unknown; an interval of days or of dates; a record by its path; a list by its length', () => {
    expect(display(T.int, undefined)).toBe('（未知）');
    expect(display(T.date, iv('2024-01-01', '2024-01-10'))).toBe('2024-01-01 至 2024-01-10 之间（确切日期未知）');
    expect(display(T.days, { kind: 'interval', lo: 3, hi: 5, why: 'w' })).toBe('3 至 5 之间');
    expect(display(ENT_T, { kind: 'entity', rec: new Map(), path: '户.人们[1]' })).toBe('户.人们[1]');
    expect(display(LIST_T, { kind: 'list', items: [new Map(), new Map()], path: '户.人们' })).toBe('2个');
    // shown in a trace: a comparison of an uncertain day
    const r = evaluate(program([measure('判', [['值', T.int]], [rule('甲', cmp('>=', someDay('2024-01-01', '2024-01-10', '某日甲'), dateC('2024-01-05'), '某日甲 ≥ 2024-01-05'), [['值', c(T.int, 1)]])])]), {}, D).决定[0]!.规则[0]!;
    expect(r.条件).toEqual([{ 条件: '某日甲 ≥ 2024-01-05', 成立: null, 取值: { 某日甲: '2024-01-01 至 2024-01-10 之间（确切日期未知）' } }]);
  });

  it('an interval compares only with a number; a decided comparison names nothing', () => {
    const x = someDay('2024-01-01', '2024-01-10', '某日甲');
    expect(ex(cmp('=', x, c(T.text, '甲')))).toEqual({ value: null, missing: [] });
    expect(ex(cmp('=', c(T.text, '甲'), x))).toEqual({ value: null, missing: [] });
    expect(ex(cmp('>=', x, dateC('2023-12-31')))).toEqual({ value: true, missing: [] });
    expect(ex(cmp('>=', x, dateC('2024-01-05')))).toEqual({ value: null, missing: ['某日甲（2024-01-01 至 2024-01-10 之间）'] });
    // 属于 with an uncertain member: unknown, unless another member matches
    const isIn = (values: IrExpr[], negated = false): IrExpr => ({ k: 'in', type: T.bool, x: dateC('2024-01-05'), values, negated, origin: o() });
    expect(ex(isIn([x])).value).toBeNull();
    expect(ex(isIn([x], true)).value).toBeNull();
    expect(ex(isIn([x, dateC('2024-01-05')])).value).toBe(true);
    expect(ex(isIn([dateC('2024-01-06')], true)).value).toBe(true);
  });

  it('an unknown operand: unknown, naming only that fact (not a division by zero, not a ratio of nothing)', () => {
    const u = f('人', '数', T.int);
    const known = new Map([['人', new Map()]]);
    expect(ex({ k: 'div', type: T.int, a: c(T.int, 2), b: u, origin: o() }, known)).toEqual({ value: null, missing: ['人.数'] });
    expect(ex({ k: 'div', type: T.int, a: u, b: c(T.int, 2), origin: o() }, known)).toEqual({ value: null, missing: ['人.数'] });
    const ur = f('人', '比', T.ratio);
    for (const k of ['add', 'sub', 'mul'] as const) {
      expect(ex({ k, type: T.ratio, a: c(T.ratio, '1/2'), b: ur, origin: o() }, known), k).toEqual({ value: null, missing: ['人.比'] });
      expect(ex({ k, type: T.ratio, a: ur, b: c(T.ratio, '1/2'), origin: o() }, known), k).toEqual({ value: null, missing: ['人.比'] });
    }
    expect(ex({ k: 'neg', type: T.ratio, x: ur, origin: o() }, known)).toEqual({ value: null, missing: ['人.比'] });
    expect(ex({ k: 'not', type: T.bool, x: f('人', '真', T.bool), origin: o() }, known)).toEqual({ value: null, missing: ['人.真'] });
  });

  it('parameters are found by name', () => {
    const pv = (value: number, confirmed = true) => ({ from: day('2024-01-01'), fromIso: '2024-01-01', value, source: 's', confirmed });
    const params = [{ name: '甲', type: T.money, unit: '元', values: [pv(100)] }, { name: '乙', type: T.money, unit: '元', values: [pv(200, false)] }];
    const e: IrExpr = { k: 'param', type: T.money, name: '乙', origin: o('乙') };
    expect(ex(e, new Map(), { params } as never).value).toBe(200);
    const d = calc({ k: 'add', type: T.money, a: { k: 'param', type: T.money, name: '甲', origin: o('甲') }, b: e, origin: o() }, {}, D, T.money, { params } as never);
    expect(d.结果['值']).toEqual({ 值: '3.00', 单位: '元', 分: 300, 规则: ['甲'], 未确认参数: ['乙'] });
  });

  it('the n-th record’s path names its missing fields', () => {
    const fam = { 户: { 人们: [{ 数: 3 }, { 名: '乙', 数: 1 }, { 数: 2 }] } };
    expect(valueOf(get('名', T.text, nth(2, get('数', T.int))), fam).缺少).toEqual(['户.人们[2].名']);
  });
});

describe('definitions used outside a measure, through others, with events and parameters', () => {
  const lvl: IrDefinition = { name: '国家级', type: T.bool, expr: cmp('=', { k: 'event', type: T.text, field: '级别', origin: o() }, c(T.text, '国家')), origin: o() } as never;
  const base: IrDefinition = { name: '基数', type: T.money, expr: { k: 'param', type: T.money, name: '标准', origin: o('标准') }, origin: o() } as never;
  const twice: IrDefinition = { name: '两倍', type: T.money, expr: { k: 'mul', type: T.money, a: { k: 'def', type: T.money, name: '基数', origin: o() }, b: c(T.int, 2), origin: o() }, origin: o() } as never;
  const params = [{ name: '标准', type: T.money, unit: '元', values: [{ from: day('2024-01-01'), fromIso: '2024-01-01', value: 150, source: 's', confirmed: false }] }];
  const defE = (name: string, type: IrType = T.money): IrExpr => ({ k: 'def', type, name, origin: o(name) });

  it('evaluateExpr of a definition; one that reads 事件', () => {
    const ir = program([], { definitions: [lvl, base, twice], params } as never);
    expect(evaluateExpr(ir, defE('两倍'), new Map(), day(D)).value).toBe(300);
    const event = { 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策', day: day('2024-07-01') } as never;
    expect(evaluateExpr(ir, defE('国家级', T.bool), new Map(), day(D), event).value).toBe(true);
    // a sunset whose condition is a definition reading the event
    const q = program([measure('给', [['额', T.money]], [rule('甲', TRUE, [['额', c(T.money, 100)]])])], {
      definitions: [lvl], policy: { sunset: { condition: defE('国家级', T.bool), start: 'sameDay', origin: o() } },
    } as never);
    expect(evaluate(q, {}, D, [{ 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策' }]).废止?.日期).toBe('2024-07-01');
    expect(evaluate(q, {}, D, [{ 日期: '2024-07-01', 级别: '省', 类别: '生育支持政策' }]).废止).toBeUndefined();
  });

  it('a definition through another: both traced, the inner first; its unconfirmed parameter is named on the outcome', () => {
    const ir = program([measure('给', [['额', T.money]], [rule('甲', cmp('>', defE('两倍'), c(T.money, 0)), [['额', defE('两倍')]])])], { definitions: [base, twice], params } as never);
    const d = evaluate(ir, {}, D).决定[0]!;
    expect(d.结果['额']).toEqual({ 值: '3.00', 单位: '元', 分: 300, 规则: ['甲'], 未确认参数: ['标准'] });
    expect(d.定义).toEqual([{ 定义: '基数', 值: '1.50元' }, { 定义: '两倍', 值: '3.00元' }]);
  });
});

describe('irChildren of records, definitions, quantifiers and 第n', () => {
  it('lists the direct sub-expressions', () => {
    const key = get('数', T.int);
    const body = cmp('>', key, c(T.int, 0));
    expect(irChildren(get('名', T.text, people))).toEqual([people]);
    expect(irChildren({ k: 'def', type: T.bool, name: '甲', of: people, origin: o() })).toEqual([people]);
    expect(irChildren({ k: 'def', type: T.bool, name: '甲', origin: o() })).toEqual([]);
    expect(irChildren(quant('exists', T.bool, body))).toEqual([people, body]);
    expect(irChildren(quant('count', T.int))).toEqual([people]);
    expect(irChildren(nth(2, key))).toEqual([people, key]);
    for (const e of [someDay('2024-01-01', '2024-01-02'), v(), { k: 'evalDate', type: T.date, origin: o() } as IrExpr]) expect(irChildren(e)).toEqual([]);
  });
});

describe('decisions: the texts and lists of evaluateMeasure', () => {
  const n = (k: number) => c(T.money, k);
  it('a subject stated not to exist: 不适用 with the reason, no rule run', () => {
    const p = program([measure('补', [['额', T.money]], [rule('甲', TRUE, [['额', n(100)]])], { subject: '人' })]);
    expect(evaluate(p, { 人: '不存在' }, D).决定[0]).toMatchObject({ 状态: '不适用', 结果: {}, 理由: ['输入声明没有「人」'], 规则: [] });
  });
  it('a rule with several missing facts names them all, in the order met', () => {
    const cond = and(cmp('>', f('人', '数', T.int), c(T.int, 0), 'a'), cmp('>', f('人', '钱', T.money), n(0), 'b'));
    const d = evaluate(program([measure('补', [['额', T.money]], [rule('甲', cond, [['额', n(100)]])])]), { 人: {} }, D).决定[0]!;
    expect(d.规则[0]).toMatchObject({ 适用: null, 说明: '缺少事实：人.数、人.钱', 未知: ['a', 'b'] });
    expect('未满足' in d.规则[0]!).toBe(false);
  });
  it('a sure value beside an unknown rule is shown but not handed over; a sure one is', () => {
    const rules = [rule('基本', TRUE, [['额', n(100)]]), rule('例外', f('人', '真', T.bool), [['额', n(200)]], { overrides: ['基本'] })];
    const p = program([measure('补', [['额', T.money]], rules)]);
    const r = evaluateRaw(p, { 人: {} }, D);
    expect(r.decisions.决定[0]).toMatchObject({ 状态: '存疑', 结果: { 额: { 值: '1.00', 规则: ['基本'] } }, 缺少: ['人.真'], 问题: [{ 类别: '未知', 结果: '额', 规则: ['例外'] }] });
    expect(r.raw.has('补.额')).toBe(false);
    expect(evaluateRaw(p, { 人: { 真: false } }, D).raw.get('补.额')).toBe(100);
    expect(evaluateRaw(p, { 人: { 真: true } }, D).raw.get('补.额')).toBe(200);
  });
  it('unconfirmed parameters of every agreeing rule, once each, sorted', () => {
    const pv = (value: number) => ({ from: day('2024-01-01'), fromIso: '2024-01-01', value, source: 's', confirmed: false });
    const params = [{ name: '乙', type: T.money, unit: '元', values: [pv(100)] }, { name: '甲', type: T.money, unit: '元', values: [pv(100)] }];
    const pe = (name: string): IrExpr => ({ k: 'param', type: T.money, name, origin: o(name) });
    const p = program([measure('补', [['额', T.money]], [rule('一', TRUE, [['额', pe('甲')]]), rule('二', TRUE, [['额', pe('乙')]]), rule('三', TRUE, [['额', pe('甲')]])])], { params } as never);
    expect(evaluate(p, {}, D).决定[0]!.结果['额']).toEqual({ 值: '1.00', 单位: '元', 分: 100, 规则: ['一', '二', '三'], 未确认参数: ['乙', '甲'] }); // code-unit order: 乙 U+4E59 < 甲 U+7532
  });
  it('an absent subject of a measure already in doubt: the subject joins the missing facts', () => {
    const p = program([measure('补', [['额', T.money]], [rule('甲', f('户', '数', T.int), [['额', n(100)]])], { subject: '人' })], { entities: ENTITIES } as never);
    const d = evaluate(p, {}, D).决定[0]!;
    expect(d).toMatchObject({ 状态: '存疑', 缺少: ['人', '户.数'], 问题: [{ 类别: '未知', 结果: '额', 规则: ['甲'] }] });
    expect(d.理由).toEqual(['输入中没有「人」：不知道是否存在，其事实均为未知（若确实没有，写 人: 不存在）', '结果“额”取决于缺少的事实（规则 甲）']);
    // and one that grants nothing stays 不适用, naming nothing
    const no = evaluate(program([measure('补', [['额', T.money]], [rule('甲', c(T.bool, false), [['额', n(100)]])], { subject: '人' })]), {}, D).决定[0]!;
    expect(no).toMatchObject({ 状态: '不适用' });
    expect('缺少' in no).toBe(false);
  });
});

describe('names, cycles, sunset doubts, the trace of a range', () => {
  it('the first definition or measure of a name is the one used', () => {
    const d1: IrDefinition = { name: '甲', type: T.int, expr: c(T.int, 1), origin: o() } as never;
    const d2: IrDefinition = { name: '甲', type: T.int, expr: c(T.int, 2), origin: o() } as never;
    const e: IrExpr = { k: 'def', type: T.int, name: '甲', origin: o() };
    expect(evaluateExpr(program([], { definitions: [d1, d2] } as never), e, new Map(), day(D)).value).toBe(1);
    expect(evaluateExpr(program([], { definitions: [d2, d1] } as never), e, new Map(), day(D)).value).toBe(2);
    const m1 = measure('基', [['额', T.money]], [rule('一', TRUE, [['额', c(T.money, 100)]])]);
    const m2 = measure('基', [['额', T.money]], [rule('二', TRUE, [['额', c(T.money, 200)]])]);
    const use = measure('用', [['额', T.money]], [rule('三', TRUE, [['额', { k: 'outcome', type: T.money, measure: '基', outcome: '额', origin: o() }]])]);
    expect(evaluate(program([use, m1, m2]), {}, D).决定[0]!.结果['额']!.值).toBe('1.00');
    expect(evaluate(program([use, m2, m1]), {}, D).决定[0]!.结果['额']!.值).toBe('2.00');
  });
  it('a measure that refers to itself (a cycle the checker refuses) is unknown, never a stack overflow', () => {
    const self = measure('甲', [['额', T.money]], [rule('一', { k: 'applies', type: T.bool, measure: '甲', origin: o('适用（甲）') }, [['额', c(T.money, 100)]])]);
    const d = evaluate(program([self]), {}, D).决定[0]!;
    expect(d).toMatchObject({ 状态: '存疑', 规则: [{ 规则: '一', 适用: null }] });
  });
  it('a sunset condition unknown on several facts: 取决于 lists them sorted', () => {
    const cond = and(cmp('=', f('人', '数', T.int), c(T.int, 1)), cmp('=', f('人', '名', T.text), c(T.text, '甲')));
    const q = program([], { policy: { sunset: { condition: cond, start: 'sameDay', origin: o() } } } as never);
    const ev = { 日期: '2024-03-01', 级别: '省', 类别: '生育支持政策' };
    expect(evaluate(q, {}, D, [ev]).可能废止).toEqual({ 日期: '2024-03-01', 事件: ev, 取决于: ['人.名', '人.数'] });
  });
  it('申请条件 of a void policy: 已废止 for what can be claimed', () => {
    const main = measure('补', [['额', T.money]], [rule('甲', TRUE, [['额', c(T.money, 100)]])], { application: '条件' });
    const cond = measure('条件', [['可', T.bool]], [rule('乙', TRUE, [['可', TRUE]])]);
    const sunset = { condition: cmp('=', { k: 'event', type: T.text, field: '级别', origin: o() }, c(T.text, '国家')), start: 'sameDay', origin: o() };
    const d = evaluate(program([main, cond], { policy: { sunset } } as never), {}, D, [{ 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策' }]).决定[0]!;
    expect([d.状态, d.申请!.状态, d.可领取!.状态]).toEqual(['已废止', '已废止', '已废止']);
  });
  it('a range whose operand has no source text is shown as 值', () => {
    const x = { ...f('人', '数', T.int), origin: undefined } as unknown as IrExpr;
    const range: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), 'r', 4), cmp('<=', x, c(T.int, 24), 'r', 4)], origin: o('r', 4) };
    const d = evaluate(program([measure('判', [['值', T.int]], [rule('甲', range, [['值', c(T.int, 1)]])])]), { 人: { 数: 30 } }, D).决定[0]!.规则[0]!;
    expect(d).toMatchObject({ 适用: false, 条件: [{ 条件: 'r', 成立: false, 取值: { 值: '30' } }], 未满足: ['r'] });
  });
});

describe('what the mutation run of lines 451–750 left (traces, unmet conditions, ties, properties)', () => {
  const judge = (cond: IrExpr, facts: unknown = { 人: {} }) => evaluate(program([measure('判', [['值', T.int]], [rule('甲', cond, [['值', c(T.int, 1)]])])]), facts, D).决定[0]!.规则[0]!;
  const x = f('人', '数', T.int);
  it('a ratio sum with a missing element is unknown (not a sum that skips it)', () => {
    expect(valueOf(quant('sum', T.ratio, get('比', T.ratio)), { 户: { 人们: [{ 比: '50%' }, {}] } })).toEqual({ 状态: '存疑', 值: undefined, 缺少: ['户.人们[1].比'] });
  });
  it('a range is two comparisons with the range’s own start and end: otherwise each part is its own condition', () => {
    // different start, same end
    const two: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), 'ab', 1), cmp('<=', x, c(T.int, 24), 'b', 2)], origin: o('ab', 1) };
    expect(judge(two, { 人: { 数: 30 } })).toMatchObject({ 条件: [{ 条件: 'ab', 成立: true }, { 条件: 'b', 成立: false }], 未满足: ['b'] });
    // one part with the range's origin, one without: not a range
    const half: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), 'xa', 0), cmp('<=', x, c(T.int, 24), 'yy', 5)], origin: o('xx', 0) };
    expect(judge(half, { 人: { 数: 30 } })).toMatchObject({ 条件: [{ 条件: 'xa' }, { 条件: 'yy' }], 未满足: ['yy'] });
    // three parts at the same place: not a range (each listed by its own text)
    const three: IrExpr = { k: 'and', type: T.bool, xs: [cmp('>=', x, c(T.int, 6), 'xa', 0), cmp('<=', x, c(T.int, 24), 'xb', 0), cmp('<=', x, c(T.int, 20), 'xc', 0)], origin: o('xx', 0) };
    expect(judge(three, { 人: { 数: 22 } }).未满足).toEqual(['xc']);
    // two non-comparisons at the range's place: not a range either
    const isIn = (text: string): IrExpr => ({ k: 'in', type: T.bool, x: f('人', '名', T.text), values: [c(T.text, text)], negated: false, origin: o('xy', 0) });
    const ins: IrExpr = { k: 'and', type: T.bool, xs: [isIn('甲'), isIn('乙')], origin: o('xy', 0) };
    expect(judge(ins, { 人: { 名: '甲' } }).条件).toEqual([{ 条件: 'xy', 成立: true, 取值: { '人.名': '甲' } }, { 条件: 'xy', 成立: false, 取值: { '人.名': '甲' } }]);
  });
  it('a true constant in a conjunction is never unmet', () => {
    expect(judge(and(TRUE, c(T.bool, false, '否'), cmp('>', x, c(T.int, 0), '人.数 > 0')), { 人: { 数: 1 } }).未满足).toEqual(['否']);
  });
  it('several events on the same day: the first in the list is the one named', () => {
    const cond = cmp('=', { k: 'event', type: T.text, field: '类别', origin: o() }, c(T.text, '生育支持政策'));
    const q = program([], { policy: { sunset: { condition: cond, start: 'sameDay', origin: o() } } } as never);
    const ev = (标题: string, 类别 = '生育支持政策') => ({ day: day('2024-03-01'), event: { 日期: '2024-03-01', 级别: '省', 类别, 标题 } as never });
    expect(voidStatus(q, [ev('一'), ev('二')], new Map(), day(D)).void?.event).toEqual(ev('一').event);
    const unk = program([], { policy: { sunset: { condition: and(cond, f('人', '真', T.bool)), start: 'sameDay', origin: o() } } } as never);
    expect(voidStatus(unk, [ev('一'), ev('二')], new Map(), day(D)).maybe?.event).toEqual(ev('一').event);
  });
  it('in a property, 适用（M） of a doubtful measure is false (the status is 存疑, not 适用)', () => {
    const ir = program([measure('补', [['额', T.money]], [rule('甲', f('人', '真', T.bool), [['额', c(T.money, 100)]])])]);
    const p: IrProperty = { name: '性', asserts: [{ k: 'applies', type: T.bool, measure: '补', origin: o('适用（补）') }], usesEvent: false, kind: '一般', origin: o() };
    expect(checkProperty(ir, p, { 人: {} }, D)).toMatchObject({ verdict: 'fails', failed: ['适用（补）'] });
    expect(checkProperty(ir, p, { 人: { 真: true } }, D).verdict).toBe('holds');
  });
});

describe('evaluateExpr of a measure reference decides the measure without in-force doubts', () => {
  it('适用（M） and M.结果 through evaluateExpr', () => {
    const ir = program([measure('补', [['额', T.money]], [rule('甲', cmp('>=', f('人', '数', T.int), c(T.int, 2)), [['额', c(T.money, 100)]])])]);
    const facts = new Map([['人', new Map([['数', 2]])]]);
    expect(evaluateExpr(ir, { k: 'applies', type: T.bool, measure: '补', origin: o() }, facts as never, day(D))).toEqual({ value: true, missing: [] });
    expect(evaluateExpr(ir, { k: 'outcome', type: T.money, measure: '补', outcome: '额', origin: o() }, facts as never, day(D))).toEqual({ value: 100, missing: [] });
  });
});

describe('what the mutation run of lines 760–1108 left (problems, missing lists, doubts, properties)', () => {
  const n = (k: number) => c(T.money, k);
  const u = f('人', '真', T.bool);
  it('the problem lists of a gap, a contradiction and unknown rules, with their reasons', () => {
    const gap = evaluate(program([measure('补', [['额', T.money, { required: true }]], [rule('甲', c(T.bool, false), [['额', n(100)]])])]), {}, D).决定[0]!;
    expect(gap.问题).toEqual([{ 类别: '缺口', 结果: '额', 规则: [] }]);
    const clash = evaluate(program([measure('补', [['额', T.money]], [rule('甲', TRUE, [['额', n(100)]]), rule('乙', TRUE, [['额', n(200)]])])]), {}, D).决定[0]!;
    expect(clash.问题).toEqual([{ 类别: '矛盾', 结果: '额', 规则: ['甲', '乙'] }]);
    const unsure = evaluate(program([measure('补', [['额', T.money]], [rule('甲', u, [['额', n(100)]]), rule('乙', u, [['额', n(100)]])])]), { 人: {} }, D).决定[0]!;
    expect(unsure.理由).toEqual(['结果“额”取决于缺少的事实（规则 甲、乙）']);
  });
  it('a rule giving two outcomes gives each its own value', () => {
    const d = evaluate(program([measure('补', [['额', T.money], ['天', T.days]], [rule('甲', TRUE, [['额', n(100)], ['天', c(T.days, 3)]])])]), {}, D).决定[0]!;
    expect([d.结果['额']!.值, d.结果['天']!.值]).toEqual(['1.00', 3]);
  });
  it('a rule outside its validity lists no unmet condition, even a false one', () => {
    const d = evaluate(program([measure('补', [['额', T.money]], [rule('甲', c(T.bool, false, '否'), [['额', n(100)]], { validFrom: day('2025-01-01') })])]), {}, D).决定[0]!;
    expect(d.规则[0]).toEqual({ 规则: '甲', 适用: false, 条件: [], 说明: '不在有效期内（2025-01-01 至 …）' });
  });
  it('missing facts only on a 存疑 decision: not on 适用 (a 或 that held anyway) nor on a gap', () => {
    const d = evaluate(program([measure('补', [['额', T.money]], [rule('甲', { k: 'or', type: T.bool, xs: [u, TRUE], origin: o('或') }, [['额', n(100)]])])]), { 人: {} }, D).决定[0]!;
    expect(d.状态).toBe('适用');
    expect('缺少' in d).toBe(false);
    const gap = evaluate(program([measure('补', [['额', T.money, { required: true }]], [rule('甲', c(T.bool, false), [['额', n(100)]])])]), {}, D).决定[0]!;
    expect(gap.状态).toBe('存疑');
    expect('缺少' in gap).toBe(false);
  });
  it('an absent subject or an in-force doubt adds problems only for outcomes that were given, and only once', () => {
    const rules = [rule('甲', TRUE, [['额', n(100)]]), rule('乙', u, [['天', c(T.days, 3)]])];
    const outs: Parameters<typeof measure>[1] = [['额', T.money], ['天', T.days], ['次', T.int]];
    // 存疑 already (天 unknown): the subject adds no problem for 额
    const absent = evaluate(program([measure('补', outs, rules, { subject: '人' })]), {}, D).决定[0]!;
    expect(absent.问题).toEqual([{ 类别: '未知', 结果: '天', 规则: ['乙'] }]);
    // 适用 with 额 only: one problem, for 额 (not for 天 or 次)
    const sure = [rule('甲', TRUE, [['额', n(100)]])];
    expect(evaluate(program([measure('补', outs, sure, { subject: '人' })]), {}, D).决定[0]!.问题).toEqual([{ 类别: '未知', 结果: '额', 规则: ['甲'] }]);
    const range = { lo: day('2024-01-01'), hi: day('2024-12-31'), loIso: '2024-01-01', hiIso: '2024-12-31' };
    const doubt = (rs: typeof rules) => evaluate(program([measure('补', outs, rs)], { policy: { effectiveRange: range } } as never), { 人: {} }, D).决定[0]!;
    expect(doubt(rules).问题).toEqual([{ 类别: '未知', 结果: '天', 规则: ['乙'] }]);
    expect(doubt(sure).问题).toEqual([{ 类别: '未知', 结果: '额', 规则: ['甲'] }]);
  });
  it('可能废止 is not reported for a policy not yet in force; its reason joins what it depends on', () => {
    const cond = and(cmp('=', f('人', '数', T.int), c(T.int, 1)), cmp('=', f('人', '名', T.text), c(T.text, '甲')));
    const give = measure('给', [['额', T.money]], [rule('甲', TRUE, [['额', n(100)]])]);
    const q = (effective?: string) => program([give], { policy: { ...(effective ? { effective: day(effective), effectiveIso: effective } : {}), sunset: { condition: cond, start: 'sameDay', origin: o() } } } as never);
    const ev = { 日期: '2024-03-01', 级别: '省', 类别: '生育支持政策' };
    expect(evaluate(q('2025-01-01'), {}, D, [ev]).可能废止).toBeUndefined();
    expect(evaluate(q(), {}, D, [ev]).决定[0]!.理由[1]).toBe('本政策可能已于2024-03-01废止（事件“省级生育支持政策”是否触发失效取决于：人.名、人.数）：若已废止则不适用');
  });
  it('a doubt recorded without a reading: 采用 is empty', () => {
    const d = evaluate(program([measure('补', [['额', T.money]], [rule('甲', TRUE, [['额', n(100)]])], { doubts: [{ name: '疑', readings: [], quotes: [], reason: '因' }] as never })]), {}, D).决定[0]!;
    expect(d.存疑).toEqual([{ 名称: '疑', 采用: '', 理由: '因' }]);
  });
  it('properties: verdicts other than fails name no failed assertion; a violated 前提 stops even an assertion without outcomes', () => {
    const ir = program([measure('补', [['额', T.money]], [rule('甲', cmp('>=', f('人', '数', T.int), c(T.int, 2)), [['额', n(100)]])])], {
      assumptions: [{ name: '数不大', condition: cmp('<=', f('人', '数', T.int), c(T.int, 10)), origin: o() }],
    } as never);
    const out: IrExpr = { k: 'outcome', type: T.money, measure: '补', outcome: '额', origin: o('补.额') };
    const prop = (asserts: IrExpr[], condition?: IrExpr): IrProperty => ({ name: '性', asserts, ...(condition ? { condition } : {}), usesEvent: false, kind: '一般', origin: o() });
    expect(checkProperty(ir, prop([cmp('>', out, n(0))]), { 人: { 数: 1 } }, D)).toMatchObject({ verdict: 'vacuous', failed: [] });
    expect(checkProperty(ir, prop([TRUE], c(T.bool, false)), { 人: { 数: 2 } }, D)).toMatchObject({ verdict: 'vacuous', failed: [] });
    expect(checkProperty(ir, prop([TRUE], u), { 人: { 数: 2 } }, D)).toMatchObject({ verdict: 'unknown', failed: [] });
    expect(checkProperty(ir, prop([c(T.bool, false, '否')]), { 人: { 数: 11 } }, D, undefined, { stopIfAssumptionViolated: true })).toMatchObject({ verdict: 'vacuous', failed: [] });
    expect(checkProperty(ir, prop([c(T.bool, false, '否')]), { 人: { 数: 11 } }, D)).toMatchObject({ verdict: 'fails', failed: ['否'] });
  });
  it('propertyMeasures visits only the definitions the property uses', () => {
    const ap = (m: string): IrExpr => ({ k: 'applies', type: T.bool, measure: m, origin: o() });
    const used: IrDefinition = { name: '用', type: T.bool, expr: ap('一'), origin: o() } as never;
    const unused: IrDefinition = { name: '不用', type: T.bool, expr: ap('二'), origin: o() } as never;
    const ir = program([], { definitions: [used, unused] } as never);
    const p: IrProperty = { name: '性', asserts: [{ k: 'def', type: T.bool, name: '用', origin: o() }], usesEvent: false, kind: '一般', origin: o() };
    expect([...propertyMeasures(ir, p)]).toEqual(['一']);
  });
});
