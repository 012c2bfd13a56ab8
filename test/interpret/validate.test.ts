/**
 * Input validation of the interpreter (compiler/interpret/validate.ts): each field type's
 * accepted forms and exact conversion (fen, ppm, day numbers), every problem reported with
 * path, expectation and what was given, in input order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertValue, isoToDay, typeLabel, validateInput } from '../../compiler/interpret/validate.js';
import { loadGeneratedEvaluator } from '../../compiler/emit/load.js';
import { irOf } from './helpers.js';
import type { IrType } from '../../compiler/ir/ir.js';
import { program, T } from './ir-builders.js';

const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);
const D = day('2024-07-15');
const MAX = Number.MAX_SAFE_INTEGER;

describe('isoToDay', () => {
  it('strict YYYY-MM-DD of a real day', () => {
    expect(isoToDay('1970-01-01')).toBe(0);
    expect(isoToDay('2024-02-29')).toBe(day('2024-02-29'));
    expect(isoToDay('0001-01-01')).toBe(-719162);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-1', '24-01-01', '2024/01/01', '2024年1月1日', ' 2024-01-01', '2024-01-01 ', '2024-01-01T00:00:00Z', '0000-01-01', '', 20240101, null, undefined]) {
      expect(isoToDay(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

describe('convertValue', () => {
  const ok = (t: IrType, v: unknown, evalDay: number | undefined = D) => convertValue(t, v, evalDay);

  it('是否, 文本, 枚举', () => {
    expect(ok(T.bool, true)).toEqual({ ok: true, value: true });
    expect(ok(T.bool, false)).toEqual({ ok: true, value: false });
    for (const bad of ['true', 1, 0, null]) expect(ok(T.bool, bad)).toEqual({ ok: false, expected: '是否（true/false）' });
    expect(ok(T.text, '')).toEqual({ ok: true, value: '' });
    expect(ok(T.text, 1)).toEqual({ ok: false, expected: '文本' });
    expect(ok(T.sex, '女')).toEqual({ ok: true, value: '女' });
    expect(ok(T.sex, '其他')).toEqual({ ok: false, expected: '以下之一：男、女' });
    expect(ok(T.sex, 1)).toEqual({ ok: false, expected: '以下之一：男、女' });
  });

  it('整数 and durations: safe non-negative integers', () => {
    for (const t of [T.int, T.days, T.months]) {
      expect(ok(t, 0)).toEqual({ ok: true, value: 0 });
      expect(ok(t, MAX)).toEqual({ ok: true, value: MAX });
      for (const bad of [-1, 1.5, MAX + 1, 2 ** 53, Number.NaN, Infinity, '3', null, true]) expect(ok(t, bad), `${JSON.stringify(t)} ${String(bad)}`).toEqual({ ok: false, expected: '非负整数' });
    }
  });

  it('金额: 元 with at most two decimals, as text or number, to exact fen', () => {
    const table: [unknown, number][] = [['0', 0], ['0.5', 50], ['0.05', 5], ['0.25', 25], ['1.5', 150], ['30000.01', 3000001], ['1000', 100000], ['10.10', 1010], [0.1, 10], [1.5, 150], [30000.01, 3000001], [0, 0], [1000, 100000], ['90071992547409.91', MAX]];
    for (const [v, fen] of table) expect(ok(T.money, v), JSON.stringify(v)).toEqual({ ok: true, value: fen });
    for (const bad of ['-5', '1.234', '1e3', '01', '1,000', '', ' 100', '100.', '.5', '+1', '90071992547409.92', -1, 0.001, 1e21, Number.NaN, Infinity, null, {}, true]) {
      expect(ok(T.money, bad), JSON.stringify(bad)).toEqual({ ok: false, expected: '金额（元，最多两位小数，如 "1000.50"）' });
    }
    // a number with cents from 2^46 元 up is no longer the amount written: refused, saying to write text
    expect(ok(T.money, 70368744177663.99)).toEqual({ ok: true, value: 7036874417766399 });
    for (const bad of [70368744177664.99, -70368744177664.5]) expect(ok(T.money, bad)).toEqual({ ok: false, expected: expect.stringContaining('须写成文本') });
  });

  it('金额: every fen amount written as 元.角分 is read exactly (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX }), (fen) => {
      const y = Math.floor(fen / 100);
      const f = fen % 100;
      expect(ok(T.money, `${y}.${String(f).padStart(2, '0')}`)).toEqual({ ok: true, value: fen });
      if (f % 10 === 0) expect(ok(T.money, `${y}.${f / 10}`)).toEqual({ ok: true, value: fen });
    }), { numRuns: 3000 });
  });

  it('比例: % and ‰, an exact fraction in lowest terms (any number of decimals)', () => {
    const table: [string, string][] = [['50%', '1/2'], ['4.8‰', '3/625'], ['0%', '0/1'], ['100%', '1/1'], ['0.0001%', '1/1000000'], ['0.001‰', '1/1000000'], ['33.3333%', '333333/1000000'], ['150%', '3/2'], ['007%', '7/100'], ['0.00001%', '1/10000000'], ['0.0001‰', '1/10000000'], ['900719925474.0991%', '9007199254740991/1000000']];
    for (const [v, r] of table) expect(ok(T.ratio, v), v).toEqual({ ok: true, value: r });
    for (const bad of ['50', '-5%', '5 %', '5.%', '1e2%', '%', '.5%', '50 %', 50, null]) {
      expect(ok(T.ratio, bad), JSON.stringify(bad)).toEqual({ ok: false, expected: '比例（如 "50%"、"4.8‰"）' });
    }
    // signed fields take a minus sign
    expect(convertValue(T.ratio, '-5%', D, true)).toEqual({ ok: true, value: '-1/20' });
  });

  it('日期: a real day, not after the evaluation date', () => {
    expect(ok(T.date, '2024-07-15')).toEqual({ ok: true, value: D });
    expect(ok(T.date, '2024-07-16')).toEqual({ ok: false, expected: '不晚于评估日期的日期' });
    expect(convertValue(T.date, '2024-07-16', undefined)).toEqual({ ok: true, value: D + 1 });
    expect(ok(T.date, '2024-02-30')).toEqual({ ok: false, expected: '日期（YYYY-MM-DD）' });
    expect(ok(T.date, 20240715)).toEqual({ ok: false, expected: '日期（YYYY-MM-DD）' });
  });
});

describe('typeLabel', () => {
  it('names every type', () => {
    expect([T.bool, T.int, T.money, T.date, T.text, T.sex, T.ratio, T.days].map((t) => typeLabel(t))).toEqual([
      '是否（true/false）', '非负整数', '金额（元，最多两位小数，如 "1000.50"）', '日期（YYYY-MM-DD）', '文本', '以下之一：男、女', '比例（如 "50%"、"4.8‰"）', '非负整数',
    ]);
    // 可为负 fields
    expect([T.int, T.money, T.days].map((t) => typeLabel(t, true))).toEqual(['整数', '金额（元，最多两位小数，可为负，如 "-1000.50"）', '整数']);
  });
});

describe('validateInput', () => {
  const ir = program([]);
  const problems = (facts: unknown, date: unknown, events?: unknown) => validateInput(ir, facts, date, events).problems.map((p) => `${p.路径}|${p.期望}|${p.实际}`);

  it('valid input: normalised facts, day number and events', () => {
    const v = validateInput(ir, { 人: { 数: 3, 钱: '1.50', 生: '2024-01-01', 真: true } }, '2024-07-15', [{ 日期: '2024-07-01', 级别: '县', 类别: '其他', 标题: 't', 文号: 'n', 地区: 'a', 来源: 's', 已确认: true, 说明: 'x' }]);
    expect(v.problems).toEqual([]);
    expect(v.evalDay).toBe(D);
    expect([...v.facts.get('人')!]).toEqual([['数', 3], ['钱', 150], ['生', day('2024-01-01')], ['真', true]]);
    expect(v.events).toEqual([{ day: day('2024-07-01'), event: { 日期: '2024-07-01', 级别: '县', 类别: '其他', 标题: 't', 文号: 'n', 地区: 'a', 来源: 's', 已确认: true, 说明: 'x' } }]);
    expect(validateInput(ir, {}, '2024-07-15', undefined).events).toEqual([]);
    expect(validateInput(ir, { 人: {} }, '2024-07-15', []).facts.get('人')!.size).toBe(0);
  });

  it('every problem, in input order, with path, expectation and what was given', () => {
    expect(problems({ 人: { 数: -1, 外星: 1, 生: '2024-07-16', 名: 'x'.repeat(80) }, 猫: {} }, '2024-07-15', [{ 日期: '2024-13-01', 级别: '乡', 其他: 1 }, 'x', { 日期: '2024-01-01', 级别: '县', 类别: 1 }, null, [1]])).toEqual([
      '事实.人.数|非负整数|-1',
      '事实.人.外星|实体「人」的字段（数、钱、比、生、日、真、假、名、性别、月）|未知字段',
      '事实.人.生|不晚于评估日期的日期|"2024-07-16"',
      '事实.猫|已声明的实体（人）|未知实体',
      '事件[0].其他|日期、级别、类别、标题、文号、地区、来源、已确认、说明之一|未知字段',
      '事件[0].日期|日期（YYYY-MM-DD）|"2024-13-01"',
      '事件[0].级别|国家、省、市、县之一|"乡"',
      '事件[0].类别|文本|（缺失）',
      '事件[1]|对象（日期、级别、类别…）|"x"',
      '事件[2].类别|文本|1',
      '事件[3]|对象（日期、级别、类别…）|null',
      '事件[4]|对象（日期、级别、类别…）|[1]',
    ]);
  });

  it('what was given is shown as JSON, cut at 60 characters', () => {
    expect(problems({ 人: { 名: 1 } }, '2024-07-15')).toEqual(['事实.人.名|文本|1']);
    expect(problems({ 人: { 数: Number.NaN } }, '2024-07-15')).toEqual(['事实.人.数|非负整数|NaN']);
    expect(problems({ 人: { 数: -Infinity } }, '2024-07-15')).toEqual(['事实.人.数|非负整数|-Infinity']);
    expect(problems({ 人: { 数: 'x'.repeat(70) } }, '2024-07-15')).toEqual([`事实.人.数|非负整数|${JSON.stringify('x'.repeat(70)).slice(0, 60)}…`]);
    expect(problems({ 人: { 数: 'x'.repeat(58) } }, '2024-07-15')).toEqual([`事实.人.数|非负整数|${JSON.stringify('x'.repeat(58))}`]);
    expect(problems({ 人: { 数: () => 1 } }, '2024-07-15')).toEqual(['事实.人.数|非负整数|函数']);
    expect(problems({ 人: { 数: 10n } }, '2024-07-15')).toEqual(['事实.人.数|非负整数|10n（BigInt）']);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(problems({ 人: { 数: cyclic } }, '2024-07-15')).toEqual(['事实.人.数|非负整数|（无法显示的值）']);
  });

  it('the evaluation date, the facts object, an entity, the events list', () => {
    expect(problems({}, '2024-02-30')).toEqual(['评估日期|日期（YYYY-MM-DD）|"2024-02-30"']);
    expect(problems({}, undefined)).toEqual(['评估日期|日期（YYYY-MM-DD）|（缺失）']);
    expect(validateInput(ir, {}, 'x', undefined).evalDay).toBe(0);
    expect(problems(null, '2024-07-15')).toEqual(['事实|对象（实体名 → 字段）|null']);
    expect(problems([], '2024-07-15')).toEqual(['事实|对象（实体名 → 字段）|[]']);
    expect(problems('x', '2024-07-15')).toEqual(['事实|对象（实体名 → 字段）|"x"']);
    expect(problems({ 人: [] }, '2024-07-15')).toEqual(['事实.人|对象（字段 → 值），或 "不存在"（表示没有该实体）|[]']);
    expect(problems({ 人: null }, '2024-07-15')).toEqual(['事实.人|对象（字段 → 值），或 "不存在"（表示没有该实体）|null']);
    expect(problems({ 人: 3 }, '2024-07-15')).toEqual(['事实.人|对象（字段 → 值），或 "不存在"（表示没有该实体）|3']);
    expect(problems({}, '2024-07-15', {})).toEqual(['事件|列表|{}']);
    expect(problems({}, '2024-07-15', null)).toEqual(['事件|列表|null']);
    // a date field is compared with the evaluation date only when that is valid
    expect(problems({ 人: { 生: '2099-01-01' } }, 'x')).toEqual(['评估日期|日期（YYYY-MM-DD）|"x"']);
  });

  it('only valid events are kept; every level is accepted', () => {
    const v = validateInput(ir, {}, '2024-07-15', [
      { 日期: '2024-01-01', 级别: '国家', 类别: 'a' }, { 日期: '2024-01-02', 级别: '省', 类别: 'b' }, { 日期: '2024-01-03', 级别: '市', 类别: 'c' }, { 日期: '2024-01-04', 级别: '县', 类别: 'd' },
      { 日期: 'x', 级别: '县', 类别: 'e' }, { 日期: '2024-01-05', 级别: 1, 类别: 'f' }, { 日期: '2024-01-06', 级别: '县' },
    ]);
    expect(v.events.map((e) => e.event.类别)).toEqual(['a', 'b', 'c', 'd']);
    expect(v.events.map((e) => e.day)).toEqual([day('2024-01-01'), day('2024-01-02'), day('2024-01-03'), day('2024-01-04')]);
    expect(v.problems.map((p) => p.路径)).toEqual(['事件[4].日期', '事件[5].级别', '事件[6].类别']);
  });
});

describe('a hole in a list (a sparse array from a JavaScript caller)', () => {
  it('is an input problem at its index, in the interpreter and the generated evaluator alike — never a shorter list', async () => {
    const lir = irOf(`政策 「列表」 { 生效：2020年1月1日 }
实体 人 { 出生日期：日期 }
实体 家庭 { 子女：列表（人） }
条款 一、 "补助" {
  措施 「三孩补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「三孩」 { 条件：人数（家庭.子女） ≥ 3  补助额 = 1000元 }
  }
}`);
    // eslint-disable-next-line no-sparse-arrays
    const facts = { 家庭: { 子女: [{ 出生日期: '2019-01-01' }, , { 出生日期: '2021-01-01' }] } };
    const want = ['事实.家庭.子女[1]|对象（实体「人」的字段 → 值）|空位（稀疏数组中没有这个元素）'];
    expect(validateInput(lir, facts, '2024-07-15', []).problems.map((p) => `${p.路径}|${p.期望}|${p.实际}`)).toEqual(want);
    const gen = await loadGeneratedEvaluator(lir);
    let problems: { 路径: string; 期望: string; 实际: string }[] | undefined;
    try {
      gen(facts, '2024-07-15', []);
    } catch (e) {
      problems = (e as { problems?: { 路径: string; 期望: string; 实际: string }[] }).problems;
    }
    expect(problems?.map((p) => `${p.路径}|${p.期望}|${p.实际}`)).toEqual(want);
  });
});
