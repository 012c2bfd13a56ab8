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
