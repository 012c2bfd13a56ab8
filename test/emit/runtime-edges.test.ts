/**
 * Edges of the generated runtime's helpers that test/emit/runtime.test.ts and
 * runtime-api.test.ts left open — found by the Stryker run over module lines 1689–2124
 * (test/README.md, "Mutation testing"): a number plus an interval, a known comparison
 * records nothing, ages of an interval that may be after the evaluation date, months of an
 * interval count, working days around the holiday data's first day and from an uncertain
 * start, parameters on their first day, before it and unconfirmed, measures read by
 * measures, the n-th by ratio keys with ties, the quantifier's explanation.
 *
 * Oracles: hand-written values (民法典 §201–202 for ages; the holiday data's first year
 * 2004, 2004-01-01 a holiday). Imports only the runtime module (in the runtime's mutation
 * test set).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuntime, type RuntimeModule } from './runtime-module.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
let R: RuntimeModule;
let rt: Record<string, (...a: any[]) => any>;
beforeAll(async () => {
  R = await loadRuntime();
  rt = R as unknown as Record<string, (...a: any[]) => any>;
});

function iso(s: string): number {
  return Math.round(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000);
}
const I = (lo: number, hi: number, why = '印发日'): unknown => new (R._Iv as unknown as new (a: number, b: number, w: string) => unknown)(lo, hi, why);
/** An expression context on evaluation day `day`, recording what is missing and which unconfirmed parameters were used. */
const ctx = (day: string, miss: Set<string> | undefined = new Set(), used: Set<string> | undefined = new Set()) => ({ s: { day: iso(day) }, miss, used, ev: undefined, evDay: 0, defs: undefined });

describe('intervals', () => {
  it('a number plus an interval (either side) is the shifted interval', () => {
    expect(rt._ivAdd!(30, I(10, 20))).toEqual(I(40, 50));
    expect(rt._ivAdd!(I(10, 20), 30)).toEqual(I(40, 50));
  });

  it('a decided comparison of an interval records nothing as missing', () => {
    const c = ctx('2024-07-15');
    expect(rt._ivCmp!(c, '>=', I(10, 20), 5)).toBe(true);
    expect(rt._ivCmp!(c, '<', I(10, 20), 5)).toBe(false);
    expect([...c.miss!]).toEqual([]);
  });

  it('ages of an uncertain birth date: the range; unknown (and named) if it may be after the evaluation date', () => {
    const c = ctx('2024-07-15');
    expect(rt._ivAge!(c, I(iso('2020-01-01'), iso('2021-12-31'), '出生日'), true)).toEqual(I(2, 4, '出生日'));
    expect(rt._ivAge!(c, I(iso('2024-01-15'), iso('2024-03-15'), '出生日'), false)).toEqual(I(3, 5, '出生日'));
    expect(rt._ivAge!(c, iso('2020-07-15'), true)).toBe(3);
    expect([...c.miss!]).toEqual([]);
    expect(rt._ivAge!(c, I(iso('2024-07-01'), iso('2024-08-01'), '出生日'), true)).toBeNull();
    expect(rt._ivAge!(c, I(iso('2024-07-01'), iso('2024-08-01'), '出生日'), false)).toBeNull();
    expect([...c.miss!]).toEqual(['出生日（可能晚于评估日期）']);
    // a known birth date after the day: unknown, nothing to name
    const d = ctx('2024-07-15');
    expect(rt._ivAge!(d, iso('2024-07-16'), true)).toBeNull();
    expect([...d.miss!]).toEqual([]);
    // no miss set (evaluateFast): still unknown, no TypeError
    expect(rt._ivAge!(ctx('2024-07-15', undefined), I(iso('2024-07-01'), iso('2024-08-01')), true)).toBeNull();
  });

  it('months added to a date: a whole number only; an interval count gives the range of the four corners', () => {
    expect(() => rt._addMonths!(iso('2024-01-31'), 1.5)).toThrow(new RangeError('月数必须是整数，这里是1.5'));
    const jan31 = iso('2024-01-31');
    expect(rt._ivAddMonths!(jan31, I(1, 2, '月数'), 1)).toEqual(I(iso('2024-02-29'), iso('2024-03-31'), '月数'));
    expect(rt._ivAddMonths!(jan31, I(1, 2, '月数'), -1)).toEqual(I(iso('2023-11-30'), iso('2023-12-31'), '月数'));
    expect(rt._ivAddMonths!(jan31, 2, -1)).toBe(iso('2023-11-30'));
  });
});

describe('working days', () => {
  it('from the last day before the holiday data: the first working day of its first year (2004-01-02)', () => {
    expect(rt._workdays!(ctx('2024-07-15'), iso('2003-12-31'), 1)).toBe(iso('2004-01-02'));
  });

  it('the coverage error says which years are covered', () => {
    let e: any;
    try {
      rt._workdays!(ctx('2024-07-15'), iso('2026-12-30'), 5);
    } catch (x) {
      e = x;
    }
    expect(e.name).toBe('CalendarCoverageError');
    expect(e.year).toBe(2027);
    expect(e.coverage).toEqual({ firstYear: 2004, lastYear: 2026 });
  });

  it('an uncertain start gives the range of deadlines; an unknown count or start is unknown; a fractional count without a miss set is no TypeError', () => {
    const c = ctx('2024-07-15');
    expect(rt._workdays!(c, I(iso('2024-09-27'), iso('2024-09-30'), '受理日'), 5)).toEqual(I(iso('2024-10-10'), iso('2024-10-12'), '受理日'));
    expect(rt._workdays!(c, iso('2024-09-27'), null)).toBeNull();
    expect(rt._workdays!(c, iso('2024-09-27'), '5')).toBeNull();
    expect(rt._workdays!(c, null, 5)).toBeNull();
    expect([...c.miss!]).toEqual([]);
    expect(rt._workdays!(ctx('2024-07-15', undefined), iso('2024-09-27'), 1.5)).toBeNull();
  });
});

describe('parameters', () => {
  const p = { name: '基数', values: [[iso('2024-01-01'), 10000, true], [iso('2024-07-01'), 15050, false]] };
  it('the value in force on the day: from its first day on; an unconfirmed value is recorded as used', () => {
    const a = ctx('2024-06-30');
    expect(rt._param!(a, p)).toBe(10000);
    expect([...a.used!]).toEqual([]);
    const b = ctx('2024-07-01');
    expect(rt._param!(b, p)).toBe(15050);
    expect([...b.used!]).toEqual(['基数']);
    const c = ctx('2024-01-01');
    expect(rt._param!(c, p)).toBe(10000);
    expect([...c.miss!, ...c.used!]).toEqual([]);
  });
  it('before the first value: unknown, named with the day; without sets (evaluateFast) no TypeError', () => {
    const c = ctx('2023-12-31');
    expect(rt._param!(c, p)).toBeNull();
    expect([...c.miss!]).toEqual(['参数 基数（2023-12-31 无取值）']);
    expect(rt._param!(ctx('2023-12-31', undefined, undefined), p)).toBeNull();
    expect(rt._param!(ctx('2024-07-02', undefined, undefined), p)).toBe(15050);
  });
});

describe('lists', () => {
  it('_nth: ascending by key, ties in list order; ratio keys by value, not by text', () => {
    expect(rt._nth!([30, 10, 20, 10], 1, false)).toBe(1);
    expect(rt._nth!([30, 10, 20, 10], 2, false)).toBe(3);
    expect(rt._nth!([30, 10, 20, 10], 3, false)).toBe(2);
    expect(rt._nth!([30, 10, 20, 10], 4, false)).toBe(0);
    expect(rt._nth!(['b', 'a', 'c'], 1, false)).toBe(1);
    // '10/3' < '2/3' as text, 2/3 < 10/3 as values
    expect(rt._nth!(['10/3', '2/3', '1/1'], 1, true)).toBe(1);
    expect(rt._nth!(['10/3', '2/3', '1/1'], 3, true)).toBe(0);
    expect(rt._nth!(['1/2', '1/2'], 2, true)).toBe(1);
  });
});

// ─── input validation (what the run over module lines 759–1159 left) ─────────

describe('input validation: values read from hostile objects, shown values, boundaries', () => {
  type P = { 路径: string; 期望: string; 实际: string };
  const problems = (f: () => unknown): P[] => {
    try {
      f();
    } catch (e) {
      return (e as { problems: P[] }).problems;
    }
    return [];
  };
  const DAY = '2024-07-15';
  const boom = (msg: string) => () => {
    throw new Error(msg);
  };

  it('_got: class instances by constructor name, objects of another realm are plain, unreadable prototypes, toJSON to undefined, the 60-character cut', async () => {
    const { runInNewContext } = await import('node:vm');
    class Foo {}
    expect(rt._got!(new Foo())).toBe('非普通对象（Foo）');
    expect(rt._got!(Object.create({}))).toBe('非普通对象（Object）');
    expect(rt._got!(Object.create(null))).toBe('{}');
    expect(rt._got!(runInNewContext('({ a: 1 })'))).toBe('{"a":1}');
    expect(rt._got!(Object.create({ constructor: 5 }))).toBe('非普通对象（未知类型）');
    expect(rt._got!(Object.create(Object.create(null, { constructor: { get: boom('c') } })))).toBe('非普通对象（未知类型）');
    expect(rt._got!(new Proxy({}, { getPrototypeOf: boom('p') }))).toBe('无法读取的对象');
    expect(rt._got!({ toJSON: () => undefined })).toBe('（无法显示的值）');
    expect(rt._got!('x'.repeat(58))).toBe(`"${'x'.repeat(58)}"`); // 60 characters: not cut
    expect(rt._got!('x'.repeat(59))).toBe(`"${'x'.repeat(59)}…`);
    expect(rt._isRecord!(5)).toBe(false);
    expect(rt._isRecord!('x')).toBe(false);
    expect(rt._isRecord!(null)).toBe(false);
    expect(rt._isRecord!(runInNewContext('({})'))).toBe(true);
  });

  it('what a throwing getter says: its message cut at 60 characters, a non-Error, an unreadable message', () => {
    const long = 'e'.repeat(70);
    expect(problems(() => R.evaluate({ 托育机构: { get 名称() { throw new Error(long); } } }, DAY))).toEqual([{ 路径: '事实.托育机构.名称', 期望: '文本', 实际: `读取时出错（${'e'.repeat(60)}…）` }]);
    expect(problems(() => R.evaluate({ 托育机构: { get 名称() { throw new Error('e'.repeat(60)); } } }, DAY))[0]!.实际).toBe(`读取时出错（${'e'.repeat(60)}）`);
    expect(problems(() => R.evaluate({ 托育机构: { get 名称() { throw 'str'; } } }, DAY))[0]!.实际).toBe('读取时出错（str）'); // eslint-disable-line no-throw-literal
    const bad = new Error('x');
    Object.defineProperty(bad, 'message', { get: boom('m') });
    expect(problems(() => R.evaluate({ 托育机构: { get 名称() { throw bad; } } }, DAY))[0]!.实际).toBe('读取时出错（未知异常）');
  });

  it('each reader names what it expected when a value cannot be read: facts, fields, list items and length, events, options, the registry, the selection', () => {
    const ENT = '已声明的实体（人、家庭、托育机构、申请人）';
    expect(problems(() => R.evaluate({ get 人() { throw new Error('f'); } }, DAY))).toEqual([{ 路径: '事实.人', 期望: ENT, 实际: '读取时出错（f）' }]);
    expect(problems(() => R.evaluate({ 人: { get 体重() { throw new Error('u'); } } }, DAY))).toEqual([{ 路径: '事实.人.体重', 期望: '实体「人」的字段（出生日期、户籍、同胎序号、月收入、增减、份额、子女）', 实际: '读取时出错（u）' }]);
    const items = new Proxy([{}], { get: (t, k) => (k === 'length' ? (() => { throw new Error('len'); })() : Reflect.get(t, k)) });
    expect(problems(() => R.evaluate({ 家庭: { 子女: items } }, DAY))).toEqual([{ 路径: '事实.家庭.子女', 期望: '对象（实体「人」的字段 → 值）', 实际: '读取时出错（len）' }]);
    const item = new Proxy([{}], { get: (t, k) => (k === '0' ? (() => { throw new Error('i'); })() : Reflect.get(t, k)) });
    expect(problems(() => R.evaluate({ 家庭: { 子女: item } }, DAY))).toEqual([{ 路径: '事实.家庭.子女[0]', 期望: '对象（实体「人」的字段 → 值）', 实际: '读取时出错（i）' }]);
    const evs = new Proxy([], { get: (t, k) => (k === 'length' ? (() => { throw new Error('n'); })() : Reflect.get(t, k)) });
    expect(problems(() => R.evaluate({}, DAY, evs))).toEqual([{ 路径: '事件', 期望: '列表', 实际: '读取时出错（n）' }]);
    expect(problems(() => R.evaluate({}, DAY, [{ 日期: '2024-01-01', 级别: '国家', 类别: 'x', get 标题() { throw new Error('t'); } }]))).toEqual([{ 路径: '事件[0].标题', 期望: '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一', 实际: '读取时出错（t）' }]);
    expect(problems(() => R.evaluate({}, DAY, [], { get 事件登记() { throw new Error('o'); } }))).toEqual([{ 路径: '选项.事件登记', 期望: '事件登记', 实际: '读取时出错（o）' }]);
    expect(problems(() => R.evaluateFast({}, DAY, [], { 事件登记: 'none', get 措施() { throw new Error('s'); } }))).toEqual([{ 路径: '选项.措施', 期望: '措施名的列表', 实际: '读取时出错（s）' }]);
    const reg = '"none"，或 { 路径: 文本, sha256: 64 位小写十六进制 }';
    expect(problems(() => R.evaluate({}, DAY, [], { 事件登记: { get 路径() { throw new Error('r'); }, sha256: 'a'.repeat(64) } }))).toEqual([
      { 路径: '选项.事件登记.路径', 期望: '路径、sha256', 实际: '读取时出错（r）' },
      { 路径: '选项.事件登记', 期望: reg, 实际: '（无法显示的值）' }, // JSON.stringify reads the getter again
    ]);
    for (const bad of [{ 路径: 5, sha256: 'a'.repeat(64) }, { 路径: 'a', sha256: 5 }]) expect(problems(() => R.evaluate({}, DAY, [], { 事件登记: bad })).map((x) => x.路径), JSON.stringify(bad)).toEqual(['选项.事件登记']);
  });

  it('boundaries: a date on the evaluation day, 0 as a non-negative integer, a selection through the full check (with a registry), no selection', () => {
    expect(rt._convert!({ k: 'd' }, DAY, iso(DAY))).toEqual({ ok: true, v: iso(DAY) });
    expect(rt._convert!({ k: 'd' }, '2030-01-01', undefined)).toEqual({ ok: true, v: iso('2030-01-01') });
    expect(rt._integer!(0, false)).toBe(0);
    expect(Object.is(rt._integer!(-0, false), 0)).toBe(true);
    expect(rt._integer!(-1, true)).toBe(-1);
    expect(rt._integer!(-1, false)).toBeUndefined();
    expect(problems(() => R.evaluate({ 人: { 出生日期: DAY } }, DAY))).toEqual([]);
    const sel = R.evaluateFast({}, DAY, undefined, { 事件登记: 'none', 措施: ['三孩补助', '补助'] }) as { 事件登记: unknown; 决定: { 措施: string }[] };
    expect(sel.决定.map((d) => d.措施)).toEqual(['三孩补助', '补助']);
    expect(sel.事件登记).toBe('none');
    expect((R.evaluateFast({}, DAY, undefined, { 事件登记: 'none', 措施: undefined }) as { 决定: unknown[] }).决定).toHaveLength(9);
  });
});
