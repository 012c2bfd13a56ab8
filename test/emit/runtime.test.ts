/**
 * Direct tests of the generated evaluators' runtime (compiler/emit/ts-runtime.ts) — the
 * text every generated index.ts carries — through test/emit/runtime-module.ts (the emitted
 * module of test/emit/fixtures/runtime with the runtime's helpers exported).
 *
 * Oracles: BigInt arithmetic, JavaScript's own UTC calendar (Date), chinese-days' holiday
 * data, compiler/common/calendar.ts (the interpreter's independent implementation), and
 * hand-written tables (民法典 §201–202, the value conventions of grammar/README.md).
 */
import fc from 'fast-check';
import holidays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonthsClamped, dayNumber, fromDayNumber, fullMonthsOfAge, fullYearsOfAge, workdayDeadline } from '../../compiler/common/calendar.js';
import { oracleRoundDiv } from '../helpers/oracles.js';
import { loadRuntime, type RuntimeModule } from './runtime-module.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
let R: RuntimeModule;
let rt: Record<string, (...a: any[]) => any>;
beforeAll(async () => {
  R = await loadRuntime();
  rt = R as unknown as Record<string, (...a: any[]) => any>;
});

const MAX = Number.MAX_SAFE_INTEGER;
const MIN_DAY = -719162; // 0001-01-01
const MAX_DAY = 2932896; // 9999-12-31

/** Day number of a date by JavaScript's own proleptic Gregorian UTC calendar. */
function jsDay(y: number, m: number, d: number): number {
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / 86_400_000);
}
function jsIso(n: number): string {
  const t = new Date(n * 86_400_000);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}
const iso = (s: string): number => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return jsDay(y, m, d);
};

/** A context for expression helpers. */
function ctx(over: Partial<{ f: Map<string, Map<string, unknown>>; day: number; ev: Record<string, unknown>; evDay: number; miss: Set<string>; used: Set<string> }> = {}) {
  return { f: new Map(), day: iso('2024-07-15'), ev: undefined, evDay: 0, miss: undefined, used: undefined, ...over };
}

describe('the module is the emitted runtime', () => {
  it('exports the generated API and the helpers', () => {
    expect(typeof R.evaluate).toBe('function');
    expect(typeof R.evaluateFast).toBe('function');
    expect(typeof R.InputError).toBe('function');
    for (const f of ['_day', '_civil', '_mulDiv', '_months', '_years', '_addMonths', '_workdays', '_param', '_voidDay', '_decide']) expect(typeof rt[f], f).toBe('function');
  });
});

// ─── calendar ───────────────────────────────────────────────────────────────

describe('dates: day numbers, civil dates, ISO text', () => {
  it.each([
    ['1970-01-01', 0], ['1969-12-31', -1], ['1970-01-02', 1], ['2000-02-29', 11016], ['2000-03-01', 11017], ['1900-03-01', -25508],
    ['2024-02-29', 19782], ['2024-03-01', 19783], ['2024-12-31', 20088], ['0001-01-01', MIN_DAY], ['9999-12-31', MAX_DAY],
  ])('%s is day %i', (s, n) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    expect(jsDay(y, m, d)).toBe(n);
    expect(rt._day!(y, m, d)).toBe(n);
    expect(rt._civil!(n)).toEqual([y, m, d]);
    expect(rt._iso!(n)).toBe(s);
    expect(rt._parseIso!(s)).toBe(n);
  });

  it('_day / _civil / _iso agree with JavaScript’s calendar on every year 1–9999 (property)', () => {
    fc.assert(fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (n) => {
      const [y, m, d] = rt._civil!(n) as [number, number, number];
      expect(jsDay(y, m, d)).toBe(n);
      expect(rt._day!(y, m, d)).toBe(n);
      expect(rt._iso!(n)).toBe(jsIso(n));
      expect(rt._parseIso!(jsIso(n))).toBe(n);
    }), { numRuns: 5000 });
  });

  it('every first and last day of a month, and the days around them, in leap and common years', () => {
    for (const y of [1, 4, 100, 1600, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let m = 1; m <= 12; m++) {
        const last = new Date(Date.UTC(2001, m, 0));
        last.setUTCFullYear(y, m, 0);
        const len = last.getUTCDate();
        expect(rt._monthDays!(y, m), `${y}-${m}`).toBe(len);
        for (const d of [1, len]) {
          const n = jsDay(y, m, d);
          expect(rt._day!(y, m, d), `${y}-${m}-${d}`).toBe(n);
          expect(rt._civil!(n), `${n}`).toEqual([y, m, d]);
        }
      }
    }
  });

  it('leap years: divisible by 4, except centuries not divisible by 400', () => {
    const table: [number, boolean][] = [[2024, true], [2023, false], [2000, true], [1900, false], [2100, false], [2400, true], [4, true], [1, false], [1600, true], [1700, false]];
    for (const [y, leap] of table) expect(rt._leap!(y), String(y)).toBe(leap);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => rt._monthDays!(2023, m))).toEqual([31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect([rt._monthDays!(2023, 2), rt._monthDays!(2024, 2), rt._monthDays!(1900, 2), rt._monthDays!(2000, 2)]).toEqual([28, 29, 28, 29]);
  });

  it('_civil refuses day numbers outside years 1–9999 and non-integers', () => {
    for (const n of [MIN_DAY - 1, MAX_DAY + 1, 0.5, Number.NaN, Infinity]) expect(() => rt._civil!(n), String(n)).toThrow(RangeError);
    expect(() => rt._civil!(MAX_DAY + 1)).toThrow('日序 2932897 超出公元1年至9999年的范围');
    expect(rt._civil!(MIN_DAY)).toEqual([1, 1, 1]);
    expect(rt._civil!(MAX_DAY)).toEqual([9999, 12, 31]);
  });

  it('_parseIso accepts exactly "YYYY-MM-DD" naming a real day', () => {
    expect(rt._parseIso!('2024-02-29')).toBe(19782);
    expect(rt._parseIso!('0001-01-01')).toBe(MIN_DAY);
    expect(rt._parseIso!('2023-12-31')).toBe(iso('2023-12-31'));
    expect(rt._parseIso!('2023-01-31')).toBe(iso('2023-01-31'));
    expect(rt._parseIso!('2023-11-30')).toBe(iso('2023-11-30'));
    for (const bad of ['2023-02-29', '2024-02-30', '2023-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '0000-01-01', '2024-1-01', '24-01-01', '2024/01/01',
      ' 2024-01-01', '2024-01-01 ', '2024-01-01T00:00:00', '', 'x2024-01-01', '2024-01-011', 20240101, null, undefined, {}, ['2024-01-01']]) {
      expect(rt._parseIso!(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('_chineseDate writes 年月日 without leading zeros', () => {
    expect(rt._chineseDate!(iso('2024-03-05'))).toBe('2024年3月5日');
    expect(rt._chineseDate!(iso('0999-12-31'))).toBe('0999年12月31日');
  });
});

describe('ages: 周岁 and 月龄 (民法典 §201–202)', () => {
  const months = (b: string, on: string) => rt._months!(iso(b), iso(on));
  const years = (b: string, on: string) => rt._years!(iso(b), iso(on));

  it.each([
    // birth, on, months
    ['2024-01-15', '2024-01-15', 0], ['2024-01-15', '2024-02-15', 0], ['2024-01-15', '2024-02-16', 1], ['2024-01-14', '2024-07-14', 5], ['2024-01-14', '2024-07-15', 6],
    ['2023-08-31', '2024-02-28', 5], ['2023-08-31', '2024-02-29', 5], ['2023-08-31', '2024-03-01', 6], ['2023-08-31', '2023-09-30', 0], ['2023-08-31', '2023-10-01', 1],
    ['2024-03-31', '2024-04-30', 0], ['2024-03-31', '2024-05-01', 1], ['2023-03-31', '2024-03-31', 11], ['2023-03-31', '2024-04-01', 12],
    ['2022-01-14', '2024-01-14', 23], ['2022-01-14', '2024-01-15', 24], ['2020-02-29', '2021-02-28', 11], ['2020-02-29', '2021-03-01', 12],
    ['2023-12-31', '2024-01-31', 0], ['2023-12-31', '2024-02-01', 1], ['2023-12-15', '2024-01-16', 1], ['2023-12-15', '2024-01-15', 0],
  ])('月龄（%s） on %s = %i', (b, on, n) => {
    expect(months(b, on)).toBe(n);
    expect(fullMonthsOfAge(fromDayNumber(iso(b)), fromDayNumber(iso(on)))).toBe(n);
  });

  it.each([
    ['2024-07-15', '2024-07-15', 0], ['2020-07-15', '2023-07-15', 2], ['2020-07-15', '2023-07-16', 3], ['2020-07-15', '2023-06-30', 2], ['2020-07-15', '2023-08-01', 3],
    ['2020-02-29', '2023-02-28', 2], ['2020-02-29', '2023-03-01', 3], ['2020-02-29', '2024-02-29', 3], ['2020-02-29', '2024-03-01', 4],
    ['2019-12-31', '2020-12-31', 0], ['2019-12-31', '2021-01-01', 1], ['2000-01-01', '2024-01-01', 23], ['2000-01-01', '2024-01-02', 24],
  ])('周岁（%s） on %s = %i', (b, on, n) => {
    expect(years(b, on)).toBe(n);
    expect(fullYearsOfAge(fromDayNumber(iso(b)), fromDayNumber(iso(on)))).toBe(n);
  });

  it('before the birth date both are unknown (null)', () => {
    expect(months('2024-07-16', '2024-07-15')).toBeNull();
    expect(years('2024-07-16', '2024-07-15')).toBeNull();
  });

  it('agree with the interpreter’s calendar on any birth date and day (property)', () => {
    const day = fc.integer({ min: iso('1900-01-01'), max: iso('2100-12-31') });
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 40_000 }), (b, gap) => {
      const on = b + gap;
      expect(rt._months!(b, on)).toBe(fullMonthsOfAge(fromDayNumber(b), fromDayNumber(on)));
      expect(rt._years!(b, on)).toBe(fullYearsOfAge(fromDayNumber(b), fromDayNumber(on)));
    }), { numRuns: 5000 });
  });
});

describe('adding months (month-end clamping)', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'], ['2023-01-31', 1, '2023-02-28'], ['2023-03-31', -1, '2023-02-28'], ['2024-08-31', 6, '2025-02-28'], ['2023-08-31', 6, '2024-02-29'],
    ['2024-01-15', 0, '2024-01-15'], ['2024-01-15', 12, '2025-01-15'], ['2024-01-15', -1, '2023-12-15'], ['2024-12-31', 1, '2025-01-31'], ['2024-11-30', 3, '2025-02-28'],
    ['2024-02-29', 12, '2025-02-28'], ['2024-02-29', 48, '2028-02-29'], ['2024-03-31', -13, '2023-02-28'], ['0001-01-31', 1, '0001-02-28'], ['9999-11-30', 1, '9999-12-30'],
  ])('%s + %i 个月 = %s', (d, n, want) => {
    expect(rt._iso!(rt._addMonths!(iso(d), n))).toBe(want);
  });

  it('outside years 1–9999 is a RangeError', () => {
    expect(() => rt._addMonths!(iso('9999-12-01'), 1)).toThrow('日期加减月数后超出公元1年至9999年的范围');
    expect(() => rt._addMonths!(iso('0001-01-31'), -1)).toThrow(RangeError);
    expect(rt._iso!(rt._addMonths!(iso('0001-02-28'), -1))).toBe('0001-01-28');
  });

  it('agrees with the interpreter’s calendar (property)', () => {
    fc.assert(fc.property(fc.integer({ min: iso('1900-01-01'), max: iso('2100-12-31') }), fc.integer({ min: -2400, max: 2400 }), (d, n) => {
      expect(rt._addMonths!(d, n)).toBe(dayNumber(addMonthsClamped(fromDayNumber(d), n)));
    }), { numRuns: 5000 });
  });
});

describe('working days (国务院节假日与调休安排, data from chinese-days)', () => {
  const table = holidays as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };
  const covered = Object.keys(table.holidays).map((d) => Number(d.slice(0, 4)));
  const first = Math.min(...covered);
  const last = Math.max(...covered);

  it('is a working day: 调休上班日, or Monday–Friday not in the holiday list — every day of the covered years', () => {
    let n = 0;
    for (let d = iso(`${first}-01-01`); d <= iso(`${last}-12-31`); d++) {
      const s = jsIso(d);
      const weekday = new Date(d * 86_400_000).getUTCDay(); // 0 = Sunday
      const want = s in table.workdays ? true : s in table.holidays ? false : weekday >= 1 && weekday <= 5;
      if (rt._isWorkday!(d) !== want) throw new Error(`${s}: expected ${want}`);
      n++;
    }
    expect(n).toBeGreaterThan(365 * 20);
  });

  it.each([
    ['2024-09-27', 5, '2024-10-10'], ['2024-09-30', 5, '2024-10-12'], ['2023-12-29', 5, '2024-01-08'], ['2023-09-27', 5, '2023-10-10'],
    ['2024-07-15', 1, '2024-07-16'], ['2024-07-12', 1, '2024-07-15'], ['2024-02-08', 1, '2024-02-09'], ['2024-02-09', 1, '2024-02-18'], ['2024-07-15', 0, '2024-07-15'],
  ])('工作日期限（%s， %i） = %s', (s, n, want) => {
    const c = ctx({ miss: new Set() });
    expect(rt._iso!(rt._workdays!(c, iso(s), n))).toBe(want);
    expect(c.miss!.size).toBe(0);
    if (n > 0) {
      const r = workdayDeadline(fromDayNumber(iso(s)), n);
      expect(r.ok && jsIso(dayNumber(r.value))).toBe(want);
    }
  });

  it('outside the covered years the deadline is unknown, and the missing data is named', () => {
    const c = ctx({ miss: new Set() });
    expect(rt._workdays!(c, iso(`${last}-12-29`), 5)).toBeNull();
    expect([...c.miss!]).toEqual([`没有${last + 1}年的法定节假日和调休安排数据（chinese-days 只覆盖${first}年至${last}年），无法计算${last}年12月29日起5个工作日内的期限`]);
    const c2 = ctx({ miss: new Set() });
    expect(rt._workdays!(c2, iso(`${first - 1}-12-30`), 1)).toBeNull();
    expect([...c2.miss!][0]).toContain(`没有${first - 1}年的法定节假日和调休安排数据`);
    // the last covered day itself is fine
    const c3 = ctx({ miss: new Set() });
    expect(rt._workdays!(c3, iso(`${first}-01-01`), 1)).not.toBeNull();
    expect(c3.miss!.size).toBe(0);
    expect(rt._workdays!(ctx(), iso(`${last}-12-29`), 5)).toBeNull(); // without a miss set: still unknown
  });

  it('a count that is not a safe integer is unknown, with the reason', () => {
    const c = ctx({ miss: new Set() });
    expect(rt._workdays!(c, iso('2024-07-15'), 1.5)).toBeNull();
    expect([...c.miss!]).toEqual(['“n个工作日内”的n必须是正整数，这里是1.5']);
    expect(rt._workdays!(ctx({ miss: new Set() }), iso('2024-07-15'), -3)).toBe(iso('2024-07-15'));
  });

  it('the embedded table is parsed once', () => {
    const a = rt._workdayLookup!();
    expect(rt._workdayLookup!()).toBe(a);
    expect(a.off.has(iso('2024-10-01'))).toBe(true);
    expect(a.on.has(iso('2024-09-29'))).toBe(true);
    expect(a.off.has(iso('2024-09-29'))).toBe(false);
  });
});

// ─── exact arithmetic and formatting ────────────────────────────────────────

describe('_mulDiv: round(a × b ÷ d), half away from zero, exact', () => {
  it.each([
    [5, 500_000, 1_000_000, 3], [1, 500_000, 1_000_000, 1], [1, 499_999, 1_000_000, 0], [-1, 500_000, 1_000_000, -1], [-5, 500_000, 1_000_000, -3],
    [15, 1, 10, 2], [-15, 1, 10, -2], [15, 1, -10, -2], [-15, 1, -10, 2], [14, 1, 10, 1], [16, 1, 10, 2], [-14, 1, 10, -1], [-16, 1, 10, -2],
    [100_000, 1, 3, 33333], [100_000, 1, 6, 16667], [100_000, 1, 7, 14286], [100_000, 1, 8, 12500], [0, 5, 7, 0], [7, 0, 3, 0],
    // products beyond the safe range: exact in BigInt
    [MAX, 500_000, 1_000_000, 4503599627370496], [MAX, 1_000_000, 1_000_000, MAX], [MAX, 333_333, 1_000_000, 3002396749180579],
    [-MAX, 500_000, 1_000_000, -4503599627370496], [MAX, 3, 3, MAX], [MAX, 2, 4, 4503599627370496], [MAX, 2, -4, -4503599627370496],
  ])('_mulDiv(%s, %s, %s) = %s', (a, b, d, q) => {
    expect(String(oracleRoundDiv(BigInt(a) * BigInt(b), BigInt(d)))).toBe(String(q));
    expect(rt._mulDiv!(a, b, d)).toBe(q);
  });

  it('never returns −0', () => {
    for (const [a, b, d] of [[-1, 1, 3], [0, -5, 3], [-4, 1, 10], [1, -1, 3], [-MAX, 1, 2 * MAX + 1]] as const) expect(Object.is(rt._mulDiv!(a, b, d), -0), `${a} ${b} ${d}`).toBe(false);
  });

  it('agrees with the BigInt oracle on any safe integers (property)', () => {
    const safe = fc.integer({ min: -MAX, max: MAX });
    const small = fc.integer({ min: -2_000_000, max: 2_000_000 });
    const d = fc.oneof(fc.integer({ min: 1, max: MAX }), fc.integer({ min: -MAX, max: -1 }), fc.constantFrom(1, 2, 3, 10, 1_000_000, -1_000_000));
    fc.assert(fc.property(fc.oneof(safe, small), fc.oneof(small, safe), d, (a, b, dd) => {
      const want = oracleRoundDiv(BigInt(a) * BigInt(b), BigInt(dd));
      if (want > BigInt(MAX) || want < -BigInt(MAX)) return; // the runtime's results are safe integers
      expect(rt._mulDiv!(a, b, dd)).toBe(Number(want));
    }), { numRuns: 20_000 });
  });
});

describe('money and ratios: parsing and formatting', () => {
  it.each([
    ['0', 0], ['0.5', 50], ['0.05', 5], ['0.25', 25], ['1.5', 150], ['30000.01', 3000001], ['1000', 100000], ['1000.5', 100050], ['90071992547409.91', MAX],
    [0, 0], [1.5, 150], [30000.01, 3000001], [0.1, 10], [1000, 100000], [0.07, 7],
  ])('_parseMoney(%j) = %i fen', (v, fen) => {
    expect(rt._parseMoney!(v)).toBe(fen);
  });

  it('_parseMoney refuses anything else', () => {
    for (const bad of ['-5', '1.234', '1e3', '01', '1,000', '', ' 100', '100.', '.5', '+1', '90071992547409.92', '1 000', '１', -1, 0.001, 1e21, Number.NaN, Infinity, -Infinity, null, true, {}, [], undefined]) {
      expect(rt._parseMoney!(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });

  it('_parseMoney reads every fen amount written "元.角分" (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX }), (fen) => {
      const y = Math.floor(fen / 100);
      const f = fen % 100;
      expect(rt._parseMoney!(`${y}.${String(f).padStart(2, '0')}`)).toBe(fen);
      if (f % 10 === 0) expect(rt._parseMoney!(`${y}.${f / 10}`)).toBe(fen);
      if (f === 0) expect(rt._parseMoney!(String(y))).toBe(fen);
    }), { numRuns: 5000 });
  });

  it.each([
    ['50%', 500_000], ['4.8‰', 4800], ['0%', 0], ['100%', 1_000_000], ['0.0001%', 1], ['33.3333%', 333_333], ['0.001‰', 1], ['150%', 1_500_000], ['12.5‰', 12_500], ['007%', 70_000],
  ])('_parseRatio(%s) = %i ppm', (v, ppm) => {
    expect(rt._parseRatio!(v)).toBe(ppm);
  });

  it('_parseRatio refuses what is not an exact ratio', () => {
    for (const bad of ['50', '0.00001%', '0.0001‰', '-5%', '5 %', '5.%', '1e2%', '%', '50%%', '50‰%', '９%', '900719925474.0992%', 50, null, undefined, {}]) {
      expect(rt._parseRatio!(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(rt._parseRatio!('900719925474.0991%')).toBe(MAX);
  });

  it.each([
    [0, '0.00'], [5, '0.05'], [10, '0.10'], [99, '0.99'], [100, '1.00'], [150, '1.50'], [3000001, '30000.01'], [-5, '-0.05'], [-150, '-1.50'], [MAX, '90071992547409.91'],
  ])('_fen(%i) = %s', (v, s) => {
    expect(rt._fen!(v)).toBe(s);
  });

  it.each([
    [500_000, '50%'], [4800, '0.48%'], [1, '0.0001%'], [10, '0.001%'], [0, '0%'], [1_000_000, '100%'], [333_333, '33.3333%'], [10_000, '1%'], [-500_000, '-50%'], [-4800, '-0.48%'], [123_450, '12.345%'],
  ])('_ratio(%i) = %s', (v, s) => {
    expect(rt._ratio!(v)).toBe(s);
  });

  it('_fen and _ratio are exact (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -MAX, max: MAX }), (v) => {
      const a = BigInt(Math.abs(v));
      const sign = v < 0 ? '-' : '';
      expect(rt._fen!(v)).toBe(`${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`);
      const frac = String(a % 10000n).padStart(4, '0').replace(/0+$/, '');
      expect(rt._ratio!(v)).toBe(`${sign}${a / 10000n}${frac ? '.' + frac : ''}%`);
    }), { numRuns: 5000 });
  });

  it('_show: values as people read them', () => {
    expect(rt._show!('m', '元', 12345)).toBe('123.45元');
    expect(rt._show!('d', '', iso('2024-02-29'))).toBe('2024-02-29');
    expect(rt._show!('b', '', true)).toBe('是');
    expect(rt._show!('b', '', false)).toBe('否');
    expect(rt._show!('r', '%', 4800)).toBe('0.48%');
    expect(rt._show!('n', '天', 5)).toBe('5天');
    expect(rt._show!('n', '', 0)).toBe('0');
    expect(rt._show!('s', '', '本县')).toBe('本县');
    for (const k of ['m', 'd', 'b', 'r', 'n', 's']) expect(rt._show!(k, '元', null)).toBe('（未知）');
  });

  it('_outcomeValue: money with fen, ratio and date as text, others as they are', () => {
    expect(rt._outcomeValue!({ kind: 'm', unit: '元' }, 150)).toEqual({ 值: '1.50', 单位: '元', 分: 150 });
    expect(rt._outcomeValue!({ kind: 'r', unit: '%' }, 500_000)).toEqual({ 值: '50%', 单位: '%' });
    expect(rt._outcomeValue!({ kind: 'd', unit: '' }, iso('2024-03-01'))).toEqual({ 值: '2024-03-01', 单位: '日期' });
    expect(rt._outcomeValue!({ kind: 'n', unit: '天' }, 3)).toEqual({ 值: 3, 单位: '天' });
    expect(rt._outcomeValue!({ kind: 'b', unit: '' }, true)).toEqual({ 值: true, 单位: '' });
    expect(rt._outcomeValue!({ kind: 's', unit: '' }, '甲')).toEqual({ 值: '甲', 单位: '' });
  });
});

// ─── input validation ───────────────────────────────────────────────────────

describe('input validation', () => {
  const day = iso('2024-07-15');

  it('_convert: each field type, and dates after the evaluation date', () => {
    const ok = (t: object, v: unknown) => rt._convert!(t, v, day);
    expect(ok({ k: 'b' }, true)).toEqual({ ok: true, v: true });
    expect(ok({ k: 'b' }, false)).toEqual({ ok: true, v: false });
    expect(ok({ k: 'b' }, 'true')).toEqual({ ok: false, expected: '是否（true/false）' });
    expect(ok({ k: 't' }, '')).toEqual({ ok: true, v: '' });
    expect(ok({ k: 't' }, 1)).toEqual({ ok: false, expected: '文本' });
    expect(ok({ k: 'e', members: ['男', '女'] }, '女')).toEqual({ ok: true, v: '女' });
    expect(ok({ k: 'e', members: ['男', '女'] }, '其他')).toEqual({ ok: false, expected: '以下之一：男、女' });
    expect(ok({ k: 'e', members: ['男', '女'] }, 1)).toEqual({ ok: false, expected: '以下之一：男、女' });
    expect(ok({ k: 'i' }, 0)).toEqual({ ok: true, v: 0 });
    expect(ok({ k: 'i' }, MAX)).toEqual({ ok: true, v: MAX });
    for (const bad of [-1, 1.5, MAX + 1, '3', Number.NaN, null]) expect(ok({ k: 'i' }, bad), String(bad)).toEqual({ ok: false, expected: '非负整数' });
    expect(ok({ k: 'm' }, '1.50')).toEqual({ ok: true, v: 150 });
    expect(ok({ k: 'm' }, '1.234')).toEqual({ ok: false, expected: '金额（元，最多两位小数，如 "1000.50"）' });
    expect(ok({ k: 'r' }, '50%')).toEqual({ ok: true, v: 500_000 });
    expect(ok({ k: 'r' }, '50')).toEqual({ ok: false, expected: '比例（如 "50%"、"4.8‰"）' });
    expect(ok({ k: 'd' }, '2024-07-15')).toEqual({ ok: true, v: day });
    expect(ok({ k: 'd' }, '2024-07-16')).toEqual({ ok: false, expected: '不晚于评估日期的日期' });
    expect(ok({ k: 'd' }, '2024-7-16')).toEqual({ ok: false, expected: '日期（YYYY-MM-DD）' });
    expect(rt._convert!({ k: 'd' }, '2099-01-01', undefined)).toEqual({ ok: true, v: iso('2099-01-01') });
  });

  it('_got: what was given, as JSON, cut at 60 characters', () => {
    expect(rt._got!(undefined)).toBe('（缺失）');
    expect(rt._got!(Number.NaN)).toBe('NaN');
    expect(rt._got!(Infinity)).toBe('Infinity');
    expect(rt._got!(-1)).toBe('-1');
    expect(rt._got!('x')).toBe('"x"');
    expect(rt._got!(null)).toBe('null');
    expect(rt._got!(() => 1)).toBe('() => 1');
    expect(rt._got!(10n)).toBe('10');
    const long = 'x'.repeat(70);
    expect(rt._got!(long)).toBe(JSON.stringify(long).slice(0, 60) + '…');
    expect(rt._got!('x'.repeat(58))).toBe(JSON.stringify('x'.repeat(58)));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(rt._got!(cyclic)).toBe('[object Object]');
  });

  it('_isRecord and _has: plain objects and own keys only', () => {
    expect([{}, { a: 1 }].map((v) => rt._isRecord!(v))).toEqual([true, true]);
    expect([null, [], 1, 'x', undefined].map((v) => rt._isRecord!(v))).toEqual([false, false, false, false, false]);
    expect(rt._has!({ a: 1 }, 'a')).toBe(true);
    expect(rt._has!({}, 'toString')).toBe(false);
    expect(rt._has!(Object.create({ a: 1 }), 'a')).toBe(false);
  });

  const problems = (facts: unknown, date: unknown, events?: unknown) => {
    try {
      rt._validate!(facts, date, events);
    } catch (e) {
      expect(e).toBeInstanceOf(R.InputError);
      return (e as { problems: { 路径: string; 期望: string; 实际: string }[] }).problems.map((p) => `${p.路径}|${p.期望}|${p.实际}`);
    }
    return [];
  };

  it('_validate: valid input, normalised', () => {
    const inp = rt._validate!({ 申请人: { 出生日期: '2023-01-31', 收入: '1.50', 补助比例: '50%' } }, '2024-07-15', [{ 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策', 标题: 't' }]);
    expect(inp.day).toBe(day);
    expect([...inp.f.get('申请人')]).toEqual([['出生日期', iso('2023-01-31')], ['收入', 150], ['补助比例', 500_000]]);
    expect(inp.evs).toEqual([{ day: iso('2024-07-01'), ev: { 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策', 标题: 't' } }]);
    expect(rt._validate!({}, '2024-07-15', undefined).evs).toEqual([]);
    expect(rt._validate!({ 申请人: {} }, '2024-07-15', []).f.get('申请人').size).toBe(0);
  });

  it('_validate: every problem, in input order, with path, expectation and what was given', () => {
    expect(problems({ 申请人: { 收入: -1, 外星: 1, 出生日期: '2024-07-16' }, 猫: {} }, '2024-07-15', [{ 日期: '2024-13-01', 级别: '乡', 其他: 1 }, 'x', { 日期: '2024-01-01', 级别: '县', 类别: 1 }])).toEqual([
      '事实.申请人.收入|金额（元，最多两位小数，如 "1000.50"）|-1',
      '事实.申请人.外星|实体「申请人」的字段（出生日期、受理日期、收入、补助比例）|未知字段',
      '事实.申请人.出生日期|不晚于评估日期的日期|"2024-07-16"',
      '事实.猫|已声明的实体（申请人）|未知实体',
      '事件[0].其他|日期、级别、类别、标题、文号、地区、来源、已确认、说明之一|未知字段',
      '事件[0].日期|日期（YYYY-MM-DD）|"2024-13-01"',
      '事件[0].级别|国家、省、市、县之一|"乡"',
      '事件[0].类别|文本|（缺失）',
      '事件[1]|对象（日期、级别、类别…）|"x"',
      '事件[2].类别|文本|1',
    ]);
  });

  it('_validate: the evaluation date, the facts object, an entity and the events list', () => {
    expect(problems({}, '2024-02-30')).toEqual(['评估日期|日期（YYYY-MM-DD）|"2024-02-30"']);
    expect(problems({}, undefined)).toEqual(['评估日期|日期（YYYY-MM-DD）|（缺失）']);
    expect(problems(null, '2024-07-15')).toEqual(['事实|对象（实体名 → 字段）|null']);
    expect(problems([], '2024-07-15')).toEqual(['事实|对象（实体名 → 字段）|[]']);
    expect(problems({ 申请人: [] }, '2024-07-15')).toEqual(['事实.申请人|对象（字段 → 值）|[]']);
    expect(problems({ 申请人: null }, '2024-07-15')).toEqual(['事实.申请人|对象（字段 → 值）|null']);
    expect(problems({}, '2024-07-15', {})).toEqual(['事件|列表|{}']);
    expect(problems({}, '2024-07-15', 'x')).toEqual(['事件|列表|"x"']);
    // a date field is not checked against an invalid evaluation date (only the date is reported)
    expect(problems({ 申请人: { 出生日期: '2099-01-01' } }, 'x')).toEqual(['评估日期|日期（YYYY-MM-DD）|"x"']);
    // holes in the events array are skipped
    // eslint-disable-next-line no-sparse-arrays
    expect(problems({}, '2024-07-15', [, { 日期: '2024-01-01', 级别: '县', 类别: 'a' }])).toEqual([]);
  });

  it('InputError: one message listing every problem', () => {
    let err: (Error & { problems: unknown[] }) | undefined;
    try {
      R.evaluate({ 申请人: { 收入: 'x' } }, '2024-7-1');
    } catch (e) {
      err = e as Error & { problems: unknown[] };
    }
    expect(err?.name).toBe('InputError');
    expect(err?.problems).toHaveLength(2);
    expect(err?.message).toBe('输入数据有 2 处问题：\n  评估日期: 期望日期（YYYY-MM-DD），实际为 "2024-7-1"\n  事实.申请人.收入: 期望金额（元，最多两位小数，如 "1000.50"），实际为 "x"');
  });

  it('_expected: the expectation of each field type', () => {
    expect(['b', 'i', 'm', 'd', 't', 'r'].map((k) => rt._expected!({ k }))).toEqual([
      '是否（true/false）', '非负整数', '金额（元，最多两位小数，如 "1000.50"）', '日期（YYYY-MM-DD）', '文本', '比例（如 "50%"、"4.8‰"）',
    ]);
    expect(rt._expected!({ k: 'e', members: ['甲', '乙'] })).toBe('以下之一：甲、乙');
  });
});

// ─── the decision procedure ─────────────────────────────────────────────────

describe('the decision procedure', () => {
  type Cond = boolean | null;
  /** A measure of hand-built rules: [name, applies, value, overrides, from?, to?]. */
  function measure(rules: [string, Cond, unknown, number[], number?, number?][], o: Partial<{ kind: string; unit: string; required: boolean; period: string; subject: string }> = {}) {
    return {
      name: '补助',
      clause: { 锚点: 'sec_1', 标签: '一', 原文: ['一、原文。'] },
      lead: ['县财政局'],
      responsible: ['县卫健委'],
      doubts: undefined,
      subject: o.subject,
      outcomes: [{ name: '额', kind: o.kind ?? 'm', unit: o.unit ?? '元', period: o.period, required: o.required ?? false, rules: rules.map((_, i) => i) }],
      rules: rules.map(([name, cond, value, overrides, from, to]) => ({
        name, from, to, overrides,
        cond: (c: { miss?: Set<string> }) => {
          if (cond === null) c.miss?.add(`${name}的事实`);
          return cond;
        },
        trace: (_c: unknown, out: unknown[]) => out.push({ 条件: `${name}的条件`, 成立: cond, 取值: {} }),
        values: [(c: { used?: Set<string> }) => {
          if (typeof value === 'number' && value > 100_000) c.used?.add('基数');
          return value;
        }],
      })),
    };
  }
  const c0 = () => ctx({ f: new Map([['申请人', new Map()]]) });
  const decide = (m: object, status0?: string) => rt._decide!(m, c0(), status0);
  const fast = (m: object, status0?: string) => rt._decideFast!(m, c0(), status0);

  it('one applicable rule: 适用 with the value, unit, period, rule and explanation', () => {
    const d = decide(measure([['甲', true, 100_000, []]], { period: '按月' }));
    expect(d).toEqual({
      措施: '补助', 条款: { 锚点: 'sec_1', 标签: '一', 原文: ['一、原文。'] }, 牵头单位: ['县财政局'], 责任单位: ['县卫健委'],
      状态: '适用', 结果: { 额: { 值: '1000.00', 单位: '元', 分: 100_000, 规则: ['甲'], 周期: '按月' } },
      理由: ['规则 甲 适用：额 = 1000.00元（按月）'],
      规则: [{ 规则: '甲', 适用: true, 条件: [{ 条件: '甲的条件', 成立: true, 取值: {} }] }],
    });
    expect(fast(measure([['甲', true, 100_000, []]]))).toEqual({ 措施: '补助', 状态: '适用', 结果: { 额: '1000.00' } });
  });

  it('no applicable rule: 不适用; a required outcome: 存疑 (gap)', () => {
    expect(decide(measure([['甲', false, 1, []]]))).toMatchObject({ 状态: '不适用', 结果: {}, 理由: ['没有适用的规则'] });
    expect(fast(measure([['甲', false, 1, []]]))).toEqual({ 措施: '补助', 状态: '不适用', 结果: {} });
    expect(decide(measure([['甲', false, 1, []]], { required: true }))).toMatchObject({ 状态: '存疑', 理由: ['缺口：必须定义的结果“额”没有适用的规则'] });
    expect(fast(measure([['甲', false, 1, []]], { required: true })).状态).toBe('存疑');
    expect(decide(measure([], { required: true })).状态).toBe('存疑');
    expect(decide(measure([])).状态).toBe('不适用');
  });

  it('an exception overrides the rule it names only when it surely applies', () => {
    const rules: [string, Cond, unknown, number[]][] = [['基本', true, 100, []], ['例外', true, 200, [0]]];
    expect(decide(measure(rules))).toMatchObject({ 状态: '适用', 结果: { 额: { 值: '2.00', 规则: ['例外'] } } });
    expect(fast(measure(rules))).toEqual({ 措施: '补助', 状态: '适用', 结果: { 额: '2.00' } });
    // the exception does not apply: the rule gives its value
    expect(decide(measure([['基本', true, 100, []], ['例外', false, 200, [0]]])).结果.额.值).toBe('1.00');
    // the exception's applicability is unknown: both are candidates → 存疑, the sure value is still given
    const d = decide(measure([['基本', true, 100, []], ['例外', null, 200, [0]]]));
    expect(d).toMatchObject({ 状态: '存疑', 结果: { 额: { 值: '1.00' } } });
    expect(d.理由).toEqual(['结果“额”取决于缺少的事实（规则 例外）', '规则 基本 适用：额 = 1.00元']);
    expect(d.规则[1]).toEqual({ 规则: '例外', 适用: null, 条件: [{ 条件: '例外的条件', 成立: null, 取值: {} }], 说明: '缺少事实：例外的事实' });
    expect(fast(measure([['基本', true, 100, []], ['例外', null, 200, [0]]]))).toEqual({ 措施: '补助', 状态: '存疑', 结果: { 额: '1.00' } });
    // an override by a rule of another index does not apply
    expect(rt._winners!(measure(rules), measure(rules).outcomes[0], [true, true])).toEqual([1]);
    expect(rt._winners!(measure([['a', true, 1, []], ['b', true, 2, [2]], ['c', true, 3, []]]), { rules: [0, 1, 2] }, [true, true, true])).toEqual([0, 1]);
    expect(rt._winners!(measure([['a', false, 1, []], ['b', null, 2, []]]), { rules: [0, 1] }, [false, null])).toEqual([1]);
  });

  it('two applicable rules without priority: equal values agree, different values are a contradiction', () => {
    expect(decide(measure([['甲', true, 100, []], ['乙', true, 100, []]]))).toMatchObject({ 状态: '适用', 结果: { 额: { 值: '1.00', 规则: ['甲', '乙'] } }, 理由: ['规则 甲、乙 适用：额 = 1.00元'] });
    const d = decide(measure([['甲', true, 100, []], ['乙', true, 200, []]]));
    expect(d).toMatchObject({ 状态: '存疑', 结果: {} });
    expect(d.理由).toEqual(['矛盾：结果“额”由规则 甲=1.00元、乙=2.00元 同时给出不同的值，且没有优先关系']);
    expect(fast(measure([['甲', true, 100, []], ['乙', true, 200, []]]))).toEqual({ 措施: '补助', 状态: '存疑', 结果: {} });
    expect(decide(measure([['甲', true, null, []], ['乙', true, 200, []]])).理由).toEqual(['矛盾：结果“额”由规则 甲=未知、乙=2.00元 同时给出不同的值，且没有优先关系']);
  });

  it('an unknown value: 存疑, and the value is not given', () => {
    const d = decide(measure([['甲', true, null, []]]));
    expect(d).toMatchObject({ 状态: '存疑', 结果: {}, 理由: ['结果“额”的值取决于缺少的事实'] });
    expect(fast(measure([['甲', true, null, []]]))).toEqual({ 措施: '补助', 状态: '存疑', 结果: {} });
  });

  it('validity periods (both ends included), with the explanation', () => {
    const day = iso('2024-07-15');
    const m = (from?: number, to?: number) => measure([['甲', true, 100, [], from, to]]);
    expect(decide(m(day, day)).状态).toBe('适用');
    expect(decide(m(day + 1, undefined))).toMatchObject({ 状态: '不适用', 规则: [{ 规则: '甲', 适用: false, 条件: [], 说明: '不在有效期内（2024-07-16 至 …）' }] });
    expect(decide(m(undefined, day - 1))).toMatchObject({ 状态: '不适用', 规则: [{ 说明: '不在有效期内（… 至 2024-07-14）' }] });
    expect(decide(m(day - 10, day - 1)).规则[0].说明).toBe('不在有效期内（2024-07-05 至 2024-07-14）');
    expect(fast(m(day + 1, undefined)).状态).toBe('不适用');
    expect(fast(m(undefined, day - 1)).状态).toBe('不适用');
    expect(fast(m(day, day)).状态).toBe('适用');
    expect(rt._applies!(m(day + 1).rules[0], c0())).toBe(false);
    expect(rt._applies!(m(undefined, day).rules[0], c0())).toBe(true);
  });

  it('unconfirmed parameters are named on the value they gave', () => {
    const d = decide(measure([['甲', true, 200_000, []]]));
    expect(d.结果.额).toEqual({ 值: '2000.00', 单位: '元', 分: 200_000, 规则: ['甲'], 未确认参数: ['基数'] });
  });

  it('the subject entity absent: 不适用; a policy status (未生效 / 已废止) wins', () => {
    const m = measure([['甲', true, 100, []]], { subject: '家庭' });
    expect(decide(m)).toMatchObject({ 状态: '不适用', 结果: {}, 理由: ['输入中没有「家庭」'], 规则: [] });
    expect(fast(m)).toEqual({ 措施: '补助', 状态: '不适用', 结果: {} });
    expect(decide(measure([['甲', true, 100, []]], { subject: '申请人' })).状态).toBe('适用');
    expect(decide(m, '已废止')).toMatchObject({ 状态: '已废止', 结果: {}, 理由: ['政策已废止'], 规则: [] });
    expect(decide(m, '未生效')).toMatchObject({ 状态: '未生效', 理由: ['政策尚未生效'] });
    expect(fast(m, '未生效')).toEqual({ 措施: '补助', 状态: '未生效', 结果: {} });
  });

  it('the citation and the lists are copies (a caller cannot change the policy)', () => {
    const m = measure([['甲', true, 100, []]]);
    const d = decide(m);
    d.条款.原文.push('x');
    d.牵头单位.push('x');
    expect(m.clause.原文).toEqual(['一、原文。']);
    expect(m.lead).toEqual(['县财政局']);
    const withDoubts = { ...m, doubts: [{ 名称: '疑', 采用: '甲' }] };
    const dd = decide(withDoubts);
    expect(dd.存疑).toEqual([{ 名称: '疑', 采用: '甲' }]);
    expect(dd.存疑[0]).not.toBe(withDoubts.doubts[0]);
    expect('存疑' in d).toBe(false);
  });

  it('outcomes of other kinds are shown with their unit', () => {
    expect(decide(measure([['甲', true, 12, []]], { kind: 'n', unit: '天' }))).toMatchObject({ 结果: { 额: { 值: 12, 单位: '天' } }, 理由: ['规则 甲 适用：额 = 12天'] });
    expect(decide(measure([['甲', true, 1, []], ['乙', true, 2, []]], { kind: 'n', unit: '天' })).理由).toEqual(['矛盾：结果“额”由规则 甲=1天、乙=2天 同时给出不同的值，且没有优先关系']);
  });
});

describe('facts, parameters, events and the sunset', () => {
  it('_get: a fact, or null with its path recorded as missing', () => {
    const miss = new Set<string>();
    const c = ctx({ f: new Map([['申请人', new Map<string, unknown>([['收入', 150], ['已登记', false]])]]), miss });
    expect(rt._get!(c, '申请人', '收入', '申请人.收入')).toBe(150);
    expect(rt._get!(c, '申请人', '已登记', '申请人.已登记')).toBe(false);
    expect(rt._get!(c, '申请人', '比例', '申请人.比例')).toBeNull();
    expect(rt._get!(c, '家庭', '子女数', '家庭.子女数')).toBeNull();
    expect([...miss]).toEqual(['申请人.比例', '家庭.子女数']);
    expect(rt._get!(ctx(), '家庭', '子女数', 'x')).toBeNull();
  });

  it('_param: the last value whose start is not after the date; unconfirmed values are recorded', () => {
    const p = { name: '基数', values: [[iso('2024-01-01'), 10_000, true], [iso('2024-07-01'), 15_050, false], [iso('2025-01-01'), 0, true]] };
    const at = (d: string) => {
      const used = new Set<string>();
      const miss = new Set<string>();
      return { v: rt._param!(ctx({ day: iso(d), used, miss }), p), used: [...used], miss: [...miss] };
    };
    expect(at('2023-12-31')).toEqual({ v: null, used: [], miss: ['参数 基数（2023-12-31 无取值）'] });
    expect(at('2024-01-01')).toEqual({ v: 10_000, used: [], miss: [] });
    expect(at('2024-06-30')).toEqual({ v: 10_000, used: [], miss: [] });
    expect(at('2024-07-01')).toEqual({ v: 15_050, used: ['基数'], miss: [] });
    expect(at('2025-01-01')).toEqual({ v: 0, used: [], miss: [] });
    expect(rt._param!(ctx({ day: iso('2024-08-01') }), p)).toBe(15_050);
  });

  it('_eventText: a text field of the event being checked, else null', () => {
    expect(rt._eventText!(ctx(), '级别')).toBeNull();
    const c = ctx({ ev: { 级别: '国家', 已确认: true, 标题: '' } });
    expect(rt._eventText!(c, '级别')).toBe('国家');
    expect(rt._eventText!(c, '标题')).toBe('');
    expect(rt._eventText!(c, '已确认')).toBeNull();
    expect(rt._eventText!(c, '文号')).toBeNull();
  });

  it('_voidDay: the earliest matching event, from the next day (起算：次日)', () => {
    const ev = (d: string, 级别 = '国家', 类别 = '生育支持政策') => ({ day: iso(d), ev: { 日期: d, 级别, 类别 } });
    const inp = (evs: object[]) => ({ f: new Map(), day: iso('2024-07-15'), evs });
    expect(rt._voidDay!(inp([]))).toBeUndefined();
    expect(rt._voidDay!(inp([ev('2024-07-01', '县')]))).toBeUndefined();
    expect(rt._voidDay!(inp([ev('2024-07-01', '省', '其他')]))).toBeUndefined();
    expect(rt._voidDay!(inp([ev('2024-07-01')]))).toEqual({ day: iso('2024-07-02'), ev: { 日期: '2024-07-01', 级别: '国家', 类别: '生育支持政策' } });
    expect(rt._voidDay!(inp([ev('2024-08-01'), ev('2024-07-01', '省'), ev('2024-09-01')]))?.day).toBe(iso('2024-07-02'));
    expect(rt._voidDay!(inp([ev('2024-07-01', '省'), ev('2024-07-01', '国家')]))?.ev.级别).toBe('省');
  });

  it('evaluate: void from the day after the event, with the event named; before the effective date 未生效', () => {
    const events = [{ 日期: '2024-08-01', 级别: '国家', 类别: '生育支持政策' }];
    const facts = { 申请人: { 出生日期: '2023-01-31', 收入: '1000', 补助比例: '10%', 受理日期: '2024-07-30' } };
    const on = R.evaluate(facts, '2024-08-01', events) as { 废止?: unknown; 决定: { 状态: string; 结果: Record<string, { 值: unknown; 未确认参数?: string[] }> }[] };
    expect(on.废止).toBeUndefined();
    expect(on.决定[0]!.状态).toBe('适用');
    expect(on.决定[0]!.结果['补助额']).toMatchObject({ 值: '250.50', 未确认参数: ['基数'] }); // 1000 × 10% + 150.50
    expect(on.决定[0]!.结果['登记截止']!.值).toBe('2023-07-31');
    expect(on.决定[0]!.结果['办结期限']!.值).toBe('2024-08-06');
    const after = R.evaluate(facts, '2024-08-02', events) as { 废止?: unknown; 决定: { 状态: string }[] };
    expect(after.废止).toEqual({ 日期: '2024-08-02', 事件: events[0] });
    expect(after.决定[0]!.状态).toBe('已废止');
    expect((R.evaluateFast(facts, '2024-08-02', events) as { 决定: { 状态: string }[] }).决定[0]!.状态).toBe('已废止');
    expect((R.evaluate({}, '2023-12-31') as { 决定: { 状态: string }[] }).决定[0]!.状态).toBe('未生效');
    expect((R.evaluateFast({}, '2023-12-31') as { 评估日期: string; 决定: { 状态: string }[] })).toEqual({ 评估日期: '2023-12-31', 决定: [{ 措施: '补助', 状态: '未生效', 结果: {} }] });
  });
});
