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
import Fraction from 'fraction.js';
import holidays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonthsClamped, dayNumber, fromDayNumber, fullMonthsOfAge, fullYearsOfAge, workdayDeadline } from '../../compiler/common/calendar.js';
import { formatFen, formatRatio, roundHalfAway } from '../../compiler/interpret/interpreter.js';
import { convertValue } from '../../compiler/interpret/validate.js';
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
    for (const f of ['_day', '_civil', '_round', '_mulRound', '_div', '_qCmp', '_pct', '_months', '_years', '_addMonths', '_workdays', '_param', '_ivAdd', '_nth']) expect(typeof rt[f], f).toBe('function');
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

  it('_fdate (evaluateFast’s date check, integer arithmetic) is _parseIso bounded by the evaluation date, else _BAIL (property)', () => {
    const fdate = (v: unknown, day: number): number | 'bail' => {
      try {
        return rt._fdate!(v, day) as number;
      } catch (e) {
        if (e !== rt._BAIL) throw e;
        return 'bail';
      }
    };
    const want = (v: unknown, day: number): number | 'bail' => {
      const n = rt._parseIso!(v) as number | undefined;
      return n !== undefined && n <= day ? n : 'bail';
    };
    const pad = (x: number, w: number): string => String(x).padStart(w, '0');
    // near-dates: every year 0–10000, months 0–13, days 0–32, sometimes one character replaced
    const nearDate = fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.option(fc.tuple(fc.nat(9), fc.constantFrom('/', ' ', 'a', ':', '0', '9', '-', '\u0660', '\uff10'))))
      .map(([y, m, d, hit]) => {
        const t = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        return hit === null ? t : t.slice(0, hit[0]) + hit[1] + t.slice(hit[0] + 1);
      });
    const day = fc.oneof(fc.integer({ min: MIN_DAY, max: MAX_DAY }), fc.constantFrom(MIN_DAY, MAX_DAY, iso('2024-07-15')));
    fc.assert(fc.property(fc.oneof(nearDate, fc.string({ minLength: 9, maxLength: 11 }), fc.anything()), day, (v, d) => {
      expect(fdate(v, d), JSON.stringify(v)).toBe(want(v, d));
    }), { numRuns: 5000 });
    // the calendar's corners, against the evaluation date's bound exactly
    for (const s of ['0001-01-01', '9999-12-31', '2000-02-29', '1900-02-29', '2100-02-28', '2100-02-29', '2400-02-29', '2024-02-29', '2023-02-29', '2024-04-31', '2024-12-31', '0000-12-31']) {
      const n = rt._parseIso!(s) as number | undefined;
      expect(fdate(s, MAX_DAY), s).toBe(n ?? 'bail');
      if (n !== undefined) {
        expect(fdate(s, n), s).toBe(n);
        expect(fdate(s, n - 1), s).toBe('bail');
      }
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

  it('outside the covered years: CalendarCoverageError for the whole evaluation, naming the missing year', () => {
    const msg = (start: number, n: number): string => {
      try {
        rt._workdays!(ctx({ miss: new Set() }), start, n);
        return 'no error';
      } catch (e) {
        expect((e as Error).name).toBe('CalendarCoverageError');
        return (e as Error).message;
      }
    };
    expect(msg(iso(`${last}-12-29`), 5)).toBe(`没有${last + 1}年的法定节假日和调休安排数据（chinese-days 只覆盖${first}年至${last}年），无法计算${last}年12月29日起5个工作日内的期限`);
    expect(msg(iso(`${first - 1}-12-30`), 1)).toContain(`没有${first - 1}年的法定节假日和调休安排数据`);
    // the first covered day itself is fine
    expect(rt._workdays!(ctx({ miss: new Set() }), iso(`${first}-01-01`), 1)).not.toBeNull();
    // an unknown start is unknown, not an error
    expect(rt._workdays!(ctx({ miss: new Set() }), null, 5)).toBeNull();
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

const big = (n: number | bigint): bigint => BigInt(n);
/** A ratio text "n/d" of fraction.js's value (the interpreter's library: an independent oracle). */
const fracText = (x: Fraction): string => `${x.s < 0n && x.n !== 0n ? '-' : ''}${x.n}/${x.d}`;
const ratioArb = fc.tuple(fc.integer({ min: -5_000_000, max: 5_000_000 }), fc.integer({ min: 1, max: 1_000_000 })).map(([n, d]) => fracText(new Fraction(n, d)));

describe('_round: n/d rounded half away from zero (BigInt)', () => {
  it.each([
    [0, 1, 0], [5, 10, 1], [4, 10, 0], [6, 10, 1], [15, 10, 2], [-5, 10, -1], [-4, 10, 0], [-15, 10, -2], [1, 2, 1], [-1, 2, -1], [1, 3, 0], [2, 3, 1], [-2, 3, -1],
    [5 * 500_000, 1_000_000, 3], [499_999, 1_000_000, 0], [MAX, 1, MAX], [-MAX, 1, -MAX], [MAX, 2, 4503599627370496], [-MAX, 2, -4503599627370496],
  ])('_round(%s, %s) = %s', (n, d, q) => {
    expect(String(oracleRoundDiv(big(n), big(d)))).toBe(String(q)); // the table itself is right
    expect(rt._round!(big(n), big(d))).toBe(q);
  });

  it('never returns −0', () => {
    for (const [n, d] of [[0, 5], [-1, 3], [-4, 10], [-499_999, 1_000_000]] as const) expect(Object.is(rt._round!(big(n), big(d)), -0), `${n}/${d}`).toBe(false);
  });

  it('agrees with the BigInt oracle beyond the safe range of the operands (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), fc.bigInt({ min: 1n, max: 2n ** 40n }), (n, d) => {
      const want = oracleRoundDiv(n, d);
      fc.pre(want >= -BigInt(MAX) && want <= BigInt(MAX));
      expect(big(rt._round!(n, d))).toBe(want);
    }), { numRuns: 5000 });
  });
});

describe('exact ratios: "n/d" texts (BigInt)', () => {
  it('_gcd, _q and _qText: lowest terms, d > 0, sign on n, zero is 0/1', () => {
    expect(rt._gcd!(12n, 18n)).toBe(6n);
    expect(rt._gcd!(-12n, 18n)).toBe(6n);
    expect(rt._gcd!(12n, -18n)).toBe(6n);
    expect(rt._gcd!(0n, 7n)).toBe(7n);
    expect(rt._gcd!(7n, 0n)).toBe(7n);
    expect(rt._q!('-3/625')).toEqual([-3n, 625n]);
    expect(rt._q!(7)).toEqual([7n, 1n]);
    expect(rt._q!('12345678901234567890/3')).toEqual([12345678901234567890n, 3n]);
    expect(rt._qText!(4800n, 1_000_000n)).toBe('3/625');
    expect(rt._qText!(2n, -6n)).toBe('-1/3');
    expect(rt._qText!(-2n, -6n)).toBe('1/3');
    expect(rt._qText!(0n, -5n)).toBe('0/1');
    expect(rt._qText!(7n, 1n)).toBe('7/1');
  });

  it('_qAdd, _qNeg, _qMul, _qCmp, _mulRound agree with fraction.js (property)', () => {
    fc.assert(fc.property(ratioArb, ratioArb, fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (a, b, fen) => {
      const A = new Fraction(a);
      const B = new Fraction(b);
      expect(rt._qAdd!(a, b, 1n)).toBe(fracText(A.add(B)));
      expect(rt._qAdd!(a, b, -1n)).toBe(fracText(A.sub(B)));
      expect(rt._qAdd!(a, fen, 1n)).toBe(fracText(A.add(fen)));
      expect(rt._qNeg!(a)).toBe(fracText(A.neg()));
      expect(rt._qMul!(a, b)).toBe(fracText(A.mul(B)));
      expect(rt._qCmp!(a, b)).toBe(A.compare(B));
      expect(rt._qCmp!(a, a)).toBe(0);
      // money × ratio: the exact product rounded once (the interpreter's roundHalfAway)
      expect(rt._mulRound!(fen, a)).toBe(roundHalfAway(new Fraction(fen).mul(A)));
      expect(rt._mulRound!(a, fen)).toBe(roundHalfAway(new Fraction(fen).mul(A)));
    }), { numRuns: 3000 });
  });

  it('_div: exact ratio, or rounded once; a zero divisor is unknown and named', () => {
    const c = ctx({ miss: new Set() });
    expect(rt._div!(c, 100000, 3, false, '人数')).toBe(33333);
    expect(rt._div!(c, 5, 2, false, '人数')).toBe(3);
    expect(rt._div!(c, -5, 2, false, '人数')).toBe(-3);
    expect(rt._div!(c, 5, -2, false, '人数')).toBe(-3);
    expect(rt._div!(c, 1, 3, true, '三')).toBe('1/3');
    expect(rt._div!(c, '1/2', '-3/4', true, '比')).toBe('-2/3');
    expect(rt._div!(c, 1000, '1/3', false, '比')).toBe(3000);
    expect(c.miss!.size).toBe(0);
    expect(rt._div!(c, 1, 0, false, '申请人.人数')).toBeNull();
    expect(rt._div!(c, '1/2', '0/1', true, '比')).toBeNull();
    expect([...c.miss!]).toEqual(['除数“申请人.人数”为零，无法相除', '除数“比”为零，无法相除']);
    // the fast path's context records nothing (miss undefined): still unknown, never a TypeError
    expect(rt._div!(ctx(), 1, 0, false, '人数')).toBeNull();
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e6, max: 1e6 }).filter((x) => x !== 0), (a, b) => {
      expect(rt._div!(ctx(), a, b, false, 'b')).toBe(roundHalfAway(new Fraction(a, b)));
      expect(rt._div!(ctx(), a, b, true, 'b')).toBe(fracText(new Fraction(a, b)));
    }), { numRuns: 3000 });
  });
});

describe('money and ratios: parsing and formatting', () => {
  it('_parseMoney: 元 with at most two decimals, as text or number; minus only when signed', () => {
    expect(rt._parseMoney!('1000', false)).toBe(100000);
    expect(rt._parseMoney!('0.05', false)).toBe(5);
    expect(rt._parseMoney!('0.5', false)).toBe(50);
    expect(rt._parseMoney!(30000.01, false)).toBe(3000001);
    expect(rt._parseMoney!('90071992547409.91', false)).toBe(MAX);
    expect(rt._parseMoney!('-1.50', true)).toBe(-150);
    expect(rt._parseMoney!('-0', true)).toBe(0);
    for (const bad of ['-1.50', '1.234', '01', '1.', '.5', ' 1', '1e3', '', '90071992547409.92', Infinity, NaN, null, true, {}]) {
      expect(rt._parseMoney!(bad, false), JSON.stringify(bad)).toBeUndefined();
    }
    expect(rt._parseMoney!('90071992547409.92', true)).toBeUndefined();
  });

  it('_parseMoney reads every fen amount written "元.角分", and agrees with the interpreter (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -MAX, max: MAX }), fc.boolean(), (fen, signed) => {
      const a = Math.abs(fen);
      const text = `${fen < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
      const want = fen < 0 && !signed ? undefined : fen || 0;
      expect(rt._parseMoney!(text, signed)).toBe(want);
      const ref = convertValue({ k: 'money' }, text, undefined, signed);
      expect(ref.ok ? ref.value : undefined).toBe(want);
    }), { numRuns: 3000 });
  });

  it('_parseRatio: % and ‰ with any number of decimals, exactly; agrees with the interpreter (property)', () => {
    expect(rt._parseRatio!('50%', false)).toBe('1/2');
    expect(rt._parseRatio!('4.8‰', false)).toBe('3/625');
    expect(rt._parseRatio!('0.00001%', false)).toBe('1/10000000');
    expect(rt._parseRatio!('-5%', true)).toBe('-1/20');
    for (const bad of ['-5%', '50', '5 %', '5.%', '.5%', '1e2%', '%', 50, null]) expect(rt._parseRatio!(bad, false), JSON.stringify(bad)).toBeUndefined();
    fc.assert(fc.property(fc.boolean(), fc.nat({ max: 10_000_000 }), fc.nat({ max: 8 }), fc.constantFrom('%', '‰'), fc.boolean(), (neg, digits, scale, unit, signed) => {
      const s = String(digits).padStart(scale + 1, '0');
      const text = `${neg ? '-' : ''}${scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s}${unit}`;
      const ref = convertValue({ k: 'quantity', dim: 'ratio' }, text, undefined, signed);
      expect(rt._parseRatio!(text, signed), text).toBe(ref.ok ? ref.value : undefined);
    }), { numRuns: 3000 });
  });

  it('_fen: 元 with two decimals', () => {
    for (const [v, t] of [[0, '0.00'], [5, '0.05'], [10, '0.10'], [99, '0.99'], [100, '1.00'], [123456, '1234.56'], [-5, '-0.05'], [-123456, '-1234.56'], [MAX, '90071992547409.91']] as const) {
      expect(rt._fen!(v), String(v)).toBe(t);
      expect(formatFen(v), String(v)).toBe(t);
    }
  });

  it('_ffen / _fpct (evaluateFast’s display values, remembered from the previous call) equal _fen / _pct + "%" on any sequence, repeats included (property)', () => {
    const fenArb = fc.oneof(fc.constantFrom(0, -0, 100000, 5, -5), fc.integer({ min: -MAX, max: MAX }));
    fc.assert(fc.property(fc.array(fc.oneof(fenArb.map((v) => ['m', v] as const), ratioArb.map((r) => ['r', r] as const)), { maxLength: 12 }), (seq) => {
      for (const [k, v] of [...seq, ...seq]) {
        if (k === 'm') expect(rt._ffen!(v), String(v)).toBe(rt._fen!(v));
        else expect(rt._fpct!(v), v).toBe(`${rt._pct!(v)}%`);
      }
    }), { numRuns: 200 });
  });

  it('_pct: the exact percentage, repeating digits in parentheses; agrees with the interpreter (property)', () => {
    for (const [r, t] of [['1/2', '50'], ['3/625', '0.48'], ['0/1', '0'], ['-1/2', '-50'], ['1/3', '33.(3)'], ['1/7', '14.(285714)'], ['1/6', '16.(6)'], ['-2/3', '-66.(6)'], ['1/12', '8.(3)'], ['3/2', '150']] as const) {
      expect(rt._pct!(r), r).toBe(t);
    }
    fc.assert(fc.property(ratioArb, (r) => {
      expect(`${rt._pct!(r)}%`, r).toBe(formatRatio(r));
    }), { numRuns: 3000 });
  });
});

describe('uncertain dates: intervals', () => {
  const I = (lo: number, hi: number, why = '印发日'): unknown => new (R._Iv as unknown as new (a: number, b: number, w: string) => unknown)(lo, hi, why);
  it('_iv collapses to a number; bounds are ordered', () => {
    expect(rt._iv!(3, 3, 'x')).toBe(3);
    expect(rt._iv!(5, 3, 'x')).toEqual(I(3, 5, 'x'));
    expect(rt._lo!(I(1, 4))).toBe(1);
    expect(rt._hi!(I(1, 4))).toBe(4);
    expect(rt._lo!(7)).toBe(7);
    expect(rt._hi!(7)).toBe(7);
  });
  it('_ivAdd, _ivSub, _ivDays, _ivAddMonths: the range of every possible value', () => {
    expect(rt._ivAdd!(2, 3)).toBe(5);
    expect(rt._ivAdd!(I(10, 20), 30)).toEqual(I(40, 50));
    expect(rt._ivSub!(I(10, 20), 30)).toEqual(I(-20, -10));
    expect(rt._ivSub!(100, I(10, 20))).toEqual(I(80, 90));
    expect(rt._ivSub!(2, 2)).toBe(0);
    expect(Object.is(rt._ivSub!(2, 2), -0)).toBe(false);
    // days from an uncertain date to a known one: from the latest to the earliest
    expect(rt._ivDays!(I(10, 20), 100)).toEqual(I(80, 90));
    expect(rt._ivDays!(10, I(100, 110))).toEqual(I(90, 100));
    const jan31 = iso('2024-01-31');
    expect(rt._ivAddMonths!(jan31, 1, 1)).toBe(iso('2024-02-29'));
    expect(rt._ivAddMonths!(I(jan31, iso('2024-03-31')), 1, 1)).toEqual(I(iso('2024-02-29'), iso('2024-04-30')));
    expect(rt._ivAddMonths!(I(jan31, iso('2024-03-31')), 1, -1)).toEqual(I(iso('2023-12-31'), iso('2024-02-29')));
  });
  it('_ivAdd, _ivSub, _ivDays of two intervals; _why names each uncertain date once, in order; no −0', () => {
    expect(rt._ivAdd!(I(10, 20, 'a'), I(1, 2, 'b'))).toEqual(I(11, 22, 'a、b'));
    expect(rt._ivSub!(I(10, 20, 'a'), I(1, 2, 'a'))).toEqual(I(8, 19, 'a'));
    expect(rt._ivDays!(I(10, 20, 'b'), I(100, 110, 'a'))).toEqual(I(80, 100, 'b、a'));
    expect(rt._why!(I(1, 2, 'a'), 5, I(3, 4, 'a'), I(1, 2, 'b'), 'a')).toBe('a、b');
    expect(rt._why!(1, 2)).toBe('');
    expect(Object.is(rt._ivAdd!(-0, -0), -0)).toBe(false);
    expect(Object.is(rt._ivSub!(-0, 0), -0)).toBe(false);
  });
  it('_ivCmp: known values compare exactly; an interval is true only if every value is, false only if none is, else unknown (named in miss)', () => {
    const ops = ['>=', '>', '<=', '<', '=', '!='];
    // numbers: every operator below, at and above
    const nums = ops.map((op) => [[3, 4], [4, 4], [5, 4]].map(([a, b]) => rt._ivCmp!({}, op, a, b)));
    expect(nums).toEqual([
      [false, true, true], [false, false, true], [true, true, false], [true, false, false], [false, true, false], [true, false, true],
    ]);
    // the interval 10…20 against a number below, at each end, inside and above
    const at = (op: string, b: number, a: unknown = I(10, 20, 'w')) => {
      const miss = new Set<string>();
      const r = rt._ivCmp!({ miss }, op, a, b);
      return r === null ? `?${[...miss].join()}` : r;
    };
    const bs = [5, 10, 15, 20, 25];
    expect(ops.map((op) => bs.map((b) => at(op, b)))).toEqual([
      [true, true, '?w', '?w', false],
      [true, '?w', '?w', false, false],
      [false, '?w', '?w', true, true],
      [false, false, '?w', '?w', true],
      [false, '?w', '?w', '?w', false],
      [true, '?w', '?w', '?w', true],
    ]);
    // the number on the left, the interval on the right: the mirror image
    const left = (op: string, a: number) => {
      const miss = new Set<string>();
      const r = rt._ivCmp!({ miss }, op, a, I(10, 20, 'w'));
      return r === null ? `?${[...miss].join()}` : r;
    };
    expect(ops.map((op) => bs.map((a) => left(op, a)))).toEqual([
      [false, '?w', '?w', true, true],
      [false, false, '?w', '?w', true],
      [true, true, '?w', '?w', false],
      [true, '?w', '?w', false, false],
      [false, '?w', '?w', '?w', false],
      [true, '?w', '?w', '?w', true],
    ]);
    // an unknown result with no miss set (evaluateFast's context) does not throw
    expect(rt._ivCmp!({}, '>=', I(10, 20, 'w'), 15)).toBeNull();
  });
});

// ─── the whole module: evaluate / evaluateFast ───────────────────────────────

describe('the whole module: evaluate / evaluateFast on hand-written facts', () => {
  it('hand-written decisions of 补助 (周岁/月龄, money × ratio + parameter, months, working days)', () => {
    const facts = { 申请人: { 出生日期: '2023-01-15', 受理日期: '2024-09-27', 收入: '1234.56', 补助比例: '50%', 调整: '-25%' } };
    const d = (R.evaluate(facts, '2024-10-15') as { 决定: { 措施: string; 状态: string; 结果: Record<string, { 值: unknown }> }[] }).决定.find((m) => m.措施 === '补助')!;
    const v = Object.fromEntries(Object.entries(d.结果).map(([k, x]) => [k, x.值]));
    // 1234.56元 × 50% = 617.28元 + 基数 150.50元 (2024-07-01 起)
    expect(v['补助额']).toBe('767.78');
    expect(v['登记截止']).toBe('2023-07-15');
    expect(v['办结期限']).toBe('2024-10-10');
    expect(v['比例之积']).toBe('-12.5%');
    expect(v['调整后']).toBe('25%');
    expect(v['比例之和']).toBe('25%');
    const fast = (R.evaluateFast(facts, '2024-10-15') as { 决定: { 措施: string; 结果: Record<string, unknown> }[] }).决定.find((m) => m.措施 === '补助')!;
    expect(fast.结果['补助额']).toBe('767.78');
  });
});
