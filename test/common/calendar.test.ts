import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  type CalendarDate,
  MAX_DAY_NUMBER,
  MIN_DAY_NUMBER,
  addDays,
  addMonthsClamped,
  addWorkdays,
  calendarDate,
  compareDates,
  dateWhenAgeReached,
  dateWhenMonthsReached,
  dayNumber,
  daysInMonth,
  formatChinese,
  formatIso,
  fromDayNumber,
  fullMonthsOfAge,
  fullYearsOfAge,
  isLeapYear,
  isValidDate,
  isWorkday,
  isoWeekday,
  parseDate,
  parseDateGeneral,
  workdayCoverage,
  workdayDeadline,
} from '../../compiler/common/calendar.js';

const RUNS = { numRuns: 2000 };
const D = (y: number, m: number, d: number): CalendarDate => ({ y, m, d });

/** Any valid date in years 1..9999, via its day number. */
const anyDate = fc.integer({ min: MIN_DAY_NUMBER, max: MAX_DAY_NUMBER }).map(fromDayNumber);
/** Dates whose year is in [lo, hi]. */
const dateIn = (lo: number, hi: number) =>
  fc.integer({ min: dayNumber(D(lo, 1, 1)), max: dayNumber(D(hi, 12, 31)) }).map(fromDayNumber);

/** Oracle via JS Date in UTC (setUTCFullYear avoids the 0..99 → 1900s mapping). */
function utcDayNumber(date: CalendarDate): number {
  const t = new Date(0);
  t.setUTCFullYear(date.y, date.m - 1, date.d);
  t.setUTCHours(0, 0, 0, 0);
  return Math.round(t.getTime() / 86_400_000);
}

/** Independent oracle for the N-th anniversary: corresponding day, or month end. */
function anniversary(birth: CalendarDate, n: number): CalendarDate {
  const y = birth.y + n;
  return D(y, birth.m, Math.min(birth.d, daysInMonth(y, birth.m)));
}

/** Brute-force 周岁: the number of N >= 1 whose anniversary is strictly before `on`. */
function bruteYears(birth: CalendarDate, on: CalendarDate): number | undefined {
  if (compareDates(on, birth) < 0) return undefined;
  let n = 0;
  while (birth.y + n + 1 <= 9999 && compareDates(on, anniversary(birth, n + 1)) > 0) n++;
  return n;
}

describe('day numbers and basic arithmetic', () => {
  it('fixed points', () => {
    expect(dayNumber(D(1970, 1, 1))).toBe(0);
    expect(dayNumber(D(1969, 12, 31))).toBe(-1);
    expect(dayNumber(D(2000, 3, 1))).toBe(11017);
    expect(dayNumber(D(1, 1, 1))).toBe(MIN_DAY_NUMBER);
    expect(dayNumber(D(9999, 12, 31))).toBe(MAX_DAY_NUMBER);
    expect(fromDayNumber(0)).toEqual(D(1970, 1, 1));
    expect(() => fromDayNumber(MAX_DAY_NUMBER + 1)).toThrow(RangeError);
    expect(() => fromDayNumber(MIN_DAY_NUMBER - 1)).toThrow(RangeError);
    expect(() => fromDayNumber(0.5)).toThrow(RangeError);
    expect(() => dayNumber(D(2023, 2, 29))).toThrow(RangeError);
  });

  it('leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
    expect(isValidDate(2024, 2, 29)).toBe(true);
    expect(isValidDate(2023, 2, 29)).toBe(false);
    expect(isValidDate(0, 1, 1)).toBe(false);
    expect(isValidDate(10000, 1, 1)).toBe(false);
    expect(isValidDate(2023, 1.5, 1)).toBe(false);
    expect(() => calendarDate(2023, 4, 31)).toThrow(RangeError);
  });

  it('compare, addDays, weekday, formatting', () => {
    expect(compareDates(D(2023, 12, 31), D(2024, 1, 1))).toBe(-1);
    expect(compareDates(D(2024, 1, 1), D(2024, 1, 1))).toBe(0);
    expect(compareDates(D(2024, 2, 1), D(2024, 1, 31))).toBe(1);
    expect(addDays(D(2024, 2, 28), 1)).toEqual(D(2024, 2, 29));
    expect(addDays(D(2023, 2, 28), 1)).toEqual(D(2023, 3, 1));
    expect(addDays(D(2024, 1, 1), -1)).toEqual(D(2023, 12, 31));
    expect(isoWeekday(D(1970, 1, 1))).toBe(4);
    expect(isoWeekday(D(2024, 9, 29))).toBe(7);
    expect(isoWeekday(D(2024, 10, 1))).toBe(2);
    expect(formatIso(D(2023, 12, 31))).toBe('2023-12-31');
    expect(formatIso(D(2023, 5, 1))).toBe('2023-05-01');
    expect(formatIso(D(5, 1, 1))).toBe('0005-01-01');
    expect(formatChinese(D(2023, 12, 31))).toBe('2023年12月31日');
    expect(formatChinese(D(2023, 5, 1))).toBe('2023年5月1日');
    expect(formatChinese(D(5, 1, 1))).toBe('0005年1月1日');
  });

  it('addMonthsClamped clamps to the month end', () => {
    expect(addMonthsClamped(D(2023, 1, 31), 1)).toEqual(D(2023, 2, 28));
    expect(addMonthsClamped(D(2024, 1, 31), 1)).toEqual(D(2024, 2, 29));
    expect(addMonthsClamped(D(2023, 3, 31), -1)).toEqual(D(2023, 2, 28));
    expect(addMonthsClamped(D(2023, 3, 31), 1)).toEqual(D(2023, 4, 30));
    expect(addMonthsClamped(D(2023, 12, 15), 1)).toEqual(D(2024, 1, 15));
    expect(addMonthsClamped(D(2023, 1, 15), -13)).toEqual(D(2021, 12, 15));
    expect(addMonthsClamped(D(2020, 2, 29), 12)).toEqual(D(2021, 2, 28));
    expect(() => addMonthsClamped(D(9999, 12, 1), 1)).toThrow(RangeError);
  });

  it('property: dayNumber/fromDayNumber round trip over years 1..9999, agreeing with a UTC oracle', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY_NUMBER, max: MAX_DAY_NUMBER }), (n) => {
        const date = fromDayNumber(n);
        expect(isValidDate(date.y, date.m, date.d)).toBe(true);
        expect(dayNumber(date)).toBe(n);
        expect(utcDayNumber(date)).toBe(n);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        fc.pre(isValidDate(y, m, d));
        expect(fromDayNumber(dayNumber(D(y, m, d)))).toEqual(D(y, m, d));
      }),
      RUNS,
    );
  });

  it('property: addMonthsClamped keeps the day unless the month is shorter', () => {
    fc.assert(
      fc.property(dateIn(2, 9998), fc.integer({ min: -12, max: 12 }), (date, n) => {
        const r = addMonthsClamped(date, n);
        expect((r.y * 12 + r.m) - (date.y * 12 + date.m)).toBe(n);
        expect(r.d).toBe(Math.min(date.d, daysInMonth(r.y, r.m)));
      }),
      RUNS,
    );
  });
});

describe('parseDate', () => {
  const accepted: Array<[string, CalendarDate]> = [
    ['2023年12月31日', D(2023, 12, 31)],
    ['2023年5月1日', D(2023, 5, 1)],
    ['2023年05月01日', D(2023, 5, 1)],
    ['2023年5月1号', D(2023, 5, 1)],
    ['  2023 年 5 月 1 日 ', D(2023, 5, 1)],
    ['2023-12-31', D(2023, 12, 31)],
    ['2023-5-1', D(2023, 5, 1)],
    ['2023-05-01', D(2023, 5, 1)],
    ['２０２３年１２月３１日', D(2023, 12, 31)],
    ['２０２３－１２－３１', D(2023, 12, 31)],
    ['二〇二三年十二月三十一日', D(2023, 12, 31)],
    ['二零二三年五月一日', D(2023, 5, 1)],
    ['一九九九年十月二十日', D(1999, 10, 20)],
    ['二〇二四年二月廿九日', D(2024, 2, 29)],
    ['2023年十一月11日', D(2023, 11, 11)],
    ['2024年2月29日', D(2024, 2, 29)],
    ['0001-01-01', D(1, 1, 1)],
    ['9999年12月31日', D(9999, 12, 31)],
  ];
  it.each(accepted)('accepts %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });

  const rejected: Array<[string, string]> = [
    ['13月', '月份必须在1到12之间，这里是13'],
    ['2023年13月1日', '月份必须在1到12之间，这里是13'],
    ['2023-13-01', '月份必须在1到12之间，这里是13'],
    ['2023年十三月一日', '月份必须在1到12之间，这里是13'],
    ['2023年0月1日', '月份必须在1到12之间，这里是0'],
    ['2023年2月29日', '2023年不是闰年，2月只有28日'],
    ['2023-02-29', '2023年不是闰年，2月只有28日'],
    ['1900年2月29日', '1900年不是闰年，2月只有28日'],
    ['2023年4月31日', '4月只有30日，没有31日'],
    ['2024年2月30日', '2024年2月只有29日，没有30日'],
    ['2023年1月32日', '日必须在1到31之间，这里是32'],
    ['2023年1月0日', '日必须在1到31之间，这里是0'],
    ['0000年1月1日', '年份必须在1到9999之间，这里是0'],
    ['0年1月1日', '年份必须在1到9999之间，这里是0'],
    ['0000-01-01', '年份必须在1到9999之间，这里是0'],
    ['10000年1月1日', '年份必须在1到9999之间，这里是10000'],
    ['23年5月1日', '年份必须写满四位，这里是“23”'],
    ['2023年5月', '日期不完整：缺少日'],
    ['5月1日', '日期不完整：缺少年份'],
    ['2023年', '日期不完整：缺少月份和日'],
    ['两千零二十三年五月一日', '无法识别年份“两千零二十三”'],
    ['2023年一二月1日', '无法识别月份“一二”'],
    ['2023年1月初一', '无法识别的日期：“2023年1月初一”'],
    ['2023/12/31', '不支持用“/”分隔的日期：“2023/12/31”'],
    ['2023.12.31', '不支持用“.”分隔的日期：“2023.12.31”'],
    ['garbage', '无法识别的日期：“garbage”'],
    ['2023-12-31T00:00', '无法识别的日期：“2023-12-31T00:00”'],
    ['', '日期为空'],
    ['   ', '日期为空'],
  ];
  it.each(rejected)('rejects %s', (text, message) => {
    const r = parseDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(message);
  });

  // parseDate reads "2023-12-31" and "2023年5月1日" by character codes (parseCommonDate) and
  // everything else by the general path: the two must agree on every string of those shapes —
  // values out of range, leap days, one- and two-digit parts, near-misses (号, spaces, full width).
  it('the fast path for the common forms agrees with the general path', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const piece = fc.oneof(digits(0, 5), fc.constantFrom('', '０', '１２', ' ', '十', '〇', 'x'));
    const sep = fc.constantFrom('-', '年', '月', '日', '号', '/', ' ', '－', '');
    const shaped = fc.oneof(
      fc.tuple(digits(4, 4), digits(1, 2), digits(1, 2)).map(([y, m, d]) => `${y}-${m}-${d}`),
      fc.tuple(digits(4, 4), digits(1, 2), digits(1, 2)).map(([y, m, d]) => `${y}年${m}月${d}日`),
      fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
        ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
      fc.array(fc.oneof(piece, sep), { maxLength: 7 }).map((xs) => xs.join('')),
    );
    let fast = 0;
    fc.assert(
      fc.property(shaped, (text) => {
        expect(parseDate(text)).toEqual(parseDateGeneral(text));
        if (/^[0-9]{4}(-[0-9]{2}-[0-9]{2}|年[0-9]{1,2}月[0-9]{1,2}日)$/.test(text)) fast++;
      }),
      { numRuns: 5000 },
    );
    // the property reached the fast path's own shapes, not only the fallback
    expect(fast).toBeGreaterThan(1000);
  });

  it('gives help for garbage and short years', () => {
    const g = parseDate('garbage');
    expect(!g.ok && g.help).toContain('2023年12月31日');
    const s = parseDate('23年5月1日');
    expect(!s.ok && s.help).toBeTruthy();
  });

  it('property: never throws on arbitrary unicode strings', () => {
    const check = (s: string) => {
      const r = parseDate(s);
      if (r.ok) expect(isValidDate(r.value.y, r.value.m, r.value.d)).toBe(true);
      else expect(r.message.length).toBeGreaterThan(0);
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), check), RUNS);
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), check), RUNS);
    // Near-miss inputs built from the characters the parser cares about.
    const alphabet = fc.constantFrom(...'0123456789０１２年月日号-/. 〇零一二三四五六七八九十廿卅两'.split(''));
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 16 }), check), RUNS);
  });

  it('property: formatChinese / formatIso round trip through parseDate', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(parseDate(formatChinese(date))).toEqual({ ok: true, value: date });
        expect(parseDate(formatIso(date))).toEqual({ ok: true, value: date });
      }),
      RUNS,
    );
  });

  it('property: Chinese-numeral spelling round trips', () => {
    const digits = '〇一二三四五六七八九';
    const small = (n: number) =>
      n < 10 ? digits[n]! : `${n >= 20 ? digits[Math.floor(n / 10)]! : ''}十${n % 10 === 0 ? '' : digits[n % 10]!}`;
    fc.assert(
      fc.property(dateIn(1000, 9999), (date) => {
        const year = [...String(date.y)].map((c) => digits[Number(c)]!).join('');
        expect(parseDate(`${year}年${small(date.m)}月${small(date.d)}日`)).toEqual({ ok: true, value: date });
      }),
      RUNS,
    );
  });
});

describe('ages (周岁 / 月龄)', () => {
  const years: Array<[CalendarDate, CalendarDate, number | undefined]> = [
    [D(2020, 3, 10), D(2020, 3, 9), undefined],
    [D(2020, 3, 10), D(2020, 3, 10), 0],
    [D(2020, 3, 10), D(2021, 3, 10), 0],
    [D(2020, 3, 10), D(2021, 3, 11), 1],
    [D(2020, 3, 10), D(2023, 3, 10), 2],
    [D(2020, 3, 10), D(2023, 3, 11), 3],
    [D(2020, 2, 29), D(2021, 2, 28), 0],
    [D(2020, 2, 29), D(2021, 3, 1), 1],
    [D(2020, 2, 29), D(2023, 2, 28), 2],
    [D(2020, 2, 29), D(2023, 3, 1), 3],
    [D(2020, 2, 29), D(2024, 2, 28), 3],
    [D(2020, 2, 29), D(2024, 2, 29), 3],
    [D(2020, 2, 29), D(2024, 3, 1), 4],
    [D(2006, 12, 31), D(2024, 12, 31), 17],
    [D(2006, 12, 31), D(2025, 1, 1), 18],
  ];
  it.each(years)('born %o, on %o → %s周岁', (birth, on, expected) => {
    expect(fullYearsOfAge(birth, on)).toBe(expected);
  });

  const months: Array<[CalendarDate, CalendarDate, number | undefined]> = [
    [D(2023, 1, 31), D(2023, 1, 30), undefined],
    [D(2023, 1, 31), D(2023, 1, 31), 0],
    [D(2023, 1, 31), D(2023, 2, 28), 0],
    [D(2023, 1, 31), D(2023, 3, 1), 1],
    [D(2023, 1, 31), D(2023, 3, 31), 1],
    [D(2023, 1, 31), D(2023, 4, 1), 2],
    [D(2023, 1, 31), D(2023, 4, 30), 2],
    [D(2023, 1, 31), D(2023, 5, 1), 3],
    [D(2023, 1, 31), D(2024, 1, 31), 11],
    [D(2023, 1, 31), D(2024, 2, 1), 12],
    [D(2024, 1, 31), D(2024, 2, 29), 0],
    [D(2024, 1, 31), D(2024, 3, 1), 1],
    [D(2023, 3, 31), D(2023, 4, 30), 0],
    [D(2023, 3, 31), D(2023, 5, 1), 1],
    [D(2023, 3, 10), D(2023, 4, 10), 0],
    [D(2023, 3, 10), D(2023, 4, 11), 1],
    [D(2023, 12, 15), D(2024, 1, 16), 1],
  ];
  it.each(months)('born %o, on %o → 月龄 %s', (birth, on, expected) => {
    expect(fullMonthsOfAge(birth, on)).toBe(expected);
  });

  it('inverse functions on the worked examples', () => {
    expect(dateWhenAgeReached(D(2020, 3, 10), 3)).toEqual(D(2023, 3, 11));
    expect(dateWhenAgeReached(D(2020, 2, 29), 3)).toEqual(D(2023, 3, 1));
    expect(dateWhenAgeReached(D(2020, 2, 29), 4)).toEqual(D(2024, 3, 1));
    expect(dateWhenAgeReached(D(2006, 12, 31), 18)).toEqual(D(2025, 1, 1));
    expect(dateWhenAgeReached(D(2020, 3, 10), 0)).toEqual(D(2020, 3, 10));
    expect(dateWhenMonthsReached(D(2023, 1, 31), 1)).toEqual(D(2023, 3, 1));
    expect(dateWhenMonthsReached(D(2023, 1, 31), 2)).toEqual(D(2023, 4, 1));
    expect(dateWhenMonthsReached(D(2023, 1, 31), 0)).toEqual(D(2023, 1, 31));
    expect(() => dateWhenAgeReached(D(2020, 3, 10), -1)).toThrow(RangeError);
    expect(() => dateWhenAgeReached(D(2020, 3, 10), 1.5)).toThrow(RangeError);
    expect(() => dateWhenAgeReached(D(9990, 3, 10), 10)).toThrow(RangeError);
  });

  const birthAndOn = fc
    .tuple(fc.integer({ min: MIN_DAY_NUMBER, max: MAX_DAY_NUMBER }), fc.integer({ min: 0, max: 40_000 }))
    .filter(([b, delta]) => b + delta <= MAX_DAY_NUMBER)
    .map(([b, delta]) => [fromDayNumber(b), fromDayNumber(b + delta)] as const);

  it('property: fullYearsOfAge matches a brute-force anniversary count', () => {
    fc.assert(
      fc.property(birthAndOn, ([birth, on]) => {
        expect(fullYearsOfAge(birth, on)).toBe(bruteYears(birth, on));
      }),
      RUNS,
    );
  });

  it('property: fullYearsOfAge is monotone non-decreasing in `on`, by steps of 0 or 1', () => {
    fc.assert(
      fc.property(birthAndOn, fc.integer({ min: 0, max: 3000 }), ([birth, on], later) => {
        fc.pre(dayNumber(on) + later < MAX_DAY_NUMBER);
        const a = fullYearsOfAge(birth, on)!;
        const b = fullYearsOfAge(birth, addDays(on, later))!;
        expect(b).toBeGreaterThanOrEqual(a);
        const step = fullYearsOfAge(birth, addDays(on, 1))! - a;
        expect(step === 0 || step === 1).toBe(true);
      }),
      RUNS,
    );
  });

  it('property: age goes from N-1 to N exactly across the day after the N-th anniversary', () => {
    fc.assert(
      fc.property(dateIn(1, 9000), fc.integer({ min: 1, max: 120 }), (birth, n) => {
        const a = anniversary(birth, n);
        expect(fullYearsOfAge(birth, a)).toBe(n - 1);
        expect(fullYearsOfAge(birth, addDays(a, 1))).toBe(n);
        expect(dateWhenAgeReached(birth, n)).toEqual(addDays(a, 1));
      }),
      RUNS,
    );
  });

  it('property: floor(fullMonthsOfAge / 12) === fullYearsOfAge', () => {
    fc.assert(
      fc.property(birthAndOn, ([birth, on]) => {
        expect(Math.floor(fullMonthsOfAge(birth, on)! / 12)).toBe(fullYearsOfAge(birth, on));
      }),
      RUNS,
    );
  });

  it('property: inverse functions are consistent with the forward ones', () => {
    fc.assert(
      fc.property(dateIn(1, 9000), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 1440 }), (birth, n, k) => {
        const dy = dateWhenAgeReached(birth, n);
        expect(fullYearsOfAge(birth, dy)).toBe(n);
        if (n > 0) expect(fullYearsOfAge(birth, addDays(dy, -1))).toBe(n - 1);
        const dm = dateWhenMonthsReached(birth, k);
        expect(fullMonthsOfAge(birth, dm)).toBe(k);
        if (k > 0) expect(fullMonthsOfAge(birth, addDays(dm, -1))).toBe(k - 1);
        expect(dateWhenMonthsReached(birth, 12 * n)).toEqual(dy);
      }),
      RUNS,
    );
  });
});

describe('working days (chinese-days)', () => {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('chinese-days/package.json'));

  it('coverage is derived from the data: 2004..2026 for chinese-days 1.5.7, matching dist/years/*.json', () => {
    const version = (require('chinese-days/package.json') as { version: string }).version;
    const coverage = workdayCoverage();
    const yearFiles = readdirSync(join(packageDir, 'dist', 'years'))
      .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
      .filter((y): y is string => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(coverage).toEqual({ firstYear: yearFiles[0], lastYear: yearFiles[yearFiles.length - 1] });
    if (version === '1.5.7') expect(coverage).toEqual({ firstYear: 2004, lastYear: 2026 });
  });

  const facts: Array<[CalendarDate, boolean, string]> = [
    [D(2024, 10, 1), false, '国庆节'],
    [D(2024, 10, 4), false, '国庆调休休息（周五）'],
    [D(2024, 10, 7), false, '国庆调休休息（周一）'],
    [D(2024, 10, 8), true, '节后周二'],
    [D(2024, 9, 29), true, '调休上班（周日）'],
    [D(2024, 10, 12), true, '调休上班（周六）'],
    [D(2024, 9, 28), false, '普通周六'],
    [D(2024, 2, 18), true, '春节调休上班（周日）'],
    [D(2025, 1, 26), true, '春节调休上班（周日）'],
    [D(2025, 1, 27), true, '春节前周一'],
    [D(2025, 1, 28), false, '除夕'],
    [D(2025, 2, 8), true, '春节调休上班（周六）'],
    [D(2025, 10, 8), false, '国庆中秋（周三）'],
    [D(2025, 10, 11), true, '调休上班（周六）'],
    [D(2020, 1, 31), false, '2020年春节延长'],
    [D(2020, 2, 3), true, '2020年春节延长后周一'],
    [D(2015, 9, 3), false, '抗战胜利70周年纪念日'],
    [D(2015, 9, 6), true, '调休上班（周日）'],
  ];
  it.each(facts)('%o → workday %s (%s)', (date, expected) => {
    expect(isWorkday(date)).toEqual({ ok: true, value: expected });
  });

  it('agrees with the chinese-days runtime API for every covered day (under Asia/Shanghai)', async () => {
    // The package's runtime shifts its table by a day in time zones west of UTC, so load it
    // fresh under Asia/Shanghai and query it with local-midnight Dates.
    const savedTz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const mod = (await import('chinese-days')) as unknown as {
        isWorkday?: (d: Date) => boolean;
        default?: { isWorkday: (d: Date) => boolean };
      };
      const pkgIsWorkday = mod.isWorkday ?? mod.default!.isWorkday;
      const { firstYear, lastYear } = workdayCoverage();
      const mismatches: string[] = [];
      for (let n = dayNumber(D(firstYear, 1, 1)); n <= dayNumber(D(lastYear, 12, 31)); n++) {
        const date = fromDayNumber(n);
        const ours = isWorkday(date);
        const theirs = pkgIsWorkday(new Date(date.y, date.m - 1, date.d));
        if (!ours.ok || ours.value !== theirs) mismatches.push(formatIso(date));
      }
      expect(mismatches).toEqual([]);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('addWorkdays / workdayDeadline on known dates (start day not counted)', () => {
    expect(addWorkdays(D(2024, 9, 27), 1)).toEqual({ ok: true, value: D(2024, 9, 29) });
    expect(addWorkdays(D(2024, 9, 29), 1)).toEqual({ ok: true, value: D(2024, 9, 30) });
    expect(addWorkdays(D(2024, 9, 30), 1)).toEqual({ ok: true, value: D(2024, 10, 8) });
    expect(addWorkdays(D(2024, 9, 30), 5)).toEqual({ ok: true, value: D(2024, 10, 12) });
    expect(addWorkdays(D(2025, 1, 24), 1)).toEqual({ ok: true, value: D(2025, 1, 26) });
    expect(addWorkdays(D(2025, 1, 24), 3)).toEqual({ ok: true, value: D(2025, 2, 5) });
    expect(addWorkdays(D(2024, 10, 1), 0)).toEqual({ ok: true, value: D(2024, 10, 1) });
    expect(workdayDeadline(D(2024, 9, 30), 5)).toEqual({ ok: true, value: D(2024, 10, 12) });
    expect(workdayDeadline(D(2024, 9, 27), 1)).toEqual({ ok: true, value: D(2024, 9, 29) });
    // The start day need not be covered: only start+1 … result are examined.
    expect(addWorkdays(D(2003, 12, 31), 1)).toEqual({ ok: true, value: D(2004, 1, 2) });
    expect(addWorkdays(D(2026, 12, 28), 3)).toEqual({ ok: true, value: D(2026, 12, 31) });
  });

  it('refuses outside coverage, naming the year', () => {
    const expectRefusal = (r: { ok: boolean; message?: string }, year: number) => {
      expect(r.ok).toBe(false);
      expect(r.message).toContain(`${year}年`);
      expect(r.message).toContain('2004年至2026年');
    };
    expectRefusal(isWorkday(D(2027, 1, 4)), 2027);
    expectRefusal(isWorkday(D(2003, 12, 31)), 2003);
    expectRefusal(isWorkday(D(1999, 10, 1)), 1999);
    expectRefusal(addWorkdays(D(2026, 12, 28), 4), 2027);
    expectRefusal(workdayDeadline(D(2026, 12, 30), 5), 2027);
    expectRefusal(addWorkdays(D(2030, 1, 1), 1), 2030);
    expectRefusal(addWorkdays(D(2020, 1, 1), 1_000_000_000), 2027);
    const r = isWorkday(D(2027, 1, 4));
    expect(!r.ok && r.help).toBeTruthy();
  });

  it('refuses bad counts and invalid dates without throwing', () => {
    expect(addWorkdays(D(2024, 1, 1), -1).ok).toBe(false);
    expect(addWorkdays(D(2024, 1, 1), 1.5).ok).toBe(false);
    expect(workdayDeadline(D(2024, 1, 1), 0).ok).toBe(false);
    expect(isWorkday(D(2023, 2, 29)).ok).toBe(false);
    expect(addWorkdays(D(2023, 2, 29), 1).ok).toBe(false);
  });

  it('property: addWorkdays counts exactly n working days in (start, result], composes, equals the deadline', () => {
    const { firstYear, lastYear } = workdayCoverage();
    const lastDay = dayNumber(D(lastYear, 12, 31));
    fc.assert(
      fc.property(dateIn(firstYear, lastYear), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), (start, a, b) => {
        const r = addWorkdays(start, a);
        // Brute force over the covered window.
        let count = 0;
        let n = dayNumber(start);
        while (count < a && n < lastDay) {
          n++;
          if ((isWorkday(fromDayNumber(n)) as { value: boolean }).value) count++;
        }
        if (count < a) {
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.message).toContain(`${lastYear + 1}年`);
          return;
        }
        expect(r).toEqual({ ok: true, value: fromDayNumber(n) });
        if (!r.ok) return;
        if (a > 0) {
          expect(isWorkday(r.value)).toEqual({ ok: true, value: true });
          expect(workdayDeadline(start, a)).toEqual(r);
        }
        const ab = addWorkdays(start, a + b);
        if (ab.ok) expect(addWorkdays(r.value, b)).toEqual(ab);
      }),
      RUNS,
    );
  });
});

// ─── Guards, messages and boundaries (issue 15: the survivors of the calendar.ts mutation run) ───

/** Call `f` and return the RangeError's message (fails if it does not throw a RangeError). */
function rangeError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    return (e as RangeError).message;
  }
  throw new Error('expected a RangeError');
}

describe('programmer-error guards say exactly what is wrong', () => {
  it('daysInMonth refuses a month outside 1..12 or not an integer', () => {
    expect(rangeError(() => daysInMonth(2023, 13))).toBe('月份必须在1到12之间，这里是13');
    expect(rangeError(() => daysInMonth(2023, 0))).toBe('月份必须在1到12之间，这里是0');
    expect(rangeError(() => daysInMonth(2023, 1.5))).toBe('月份必须在1到12之间，这里是1.5');
    expect(daysInMonth(2023, 1)).toBe(31);
  });

  it('isValidDate answers false (never throws) at every bound', () => {
    expect(isValidDate(2023, 0, 1)).toBe(false);
    expect(isValidDate(2023, 13, 1)).toBe(false);
    expect(isValidDate(2023, 1, 0)).toBe(false);
    expect(isValidDate(2023, 1, 32)).toBe(false);
    expect(isValidDate(2023, 1, 31)).toBe(true);
    expect(isValidDate(1, 1, 1)).toBe(true);
    expect(isValidDate(9999, 12, 31)).toBe(true);
  });

  it('an invalid date, null, undefined or a non-object is refused with a RangeError naming it', () => {
    const tail = '（年份须在1到9999之间且该日存在）';
    expect(rangeError(() => dayNumber(D(2023, 2, 29)))).toBe(`无效的日期 {y: 2023, m: 2, d: 29}${tail}`);
    const none = `无效的日期 {y: undefined, m: undefined, d: undefined}${tail}`;
    expect(rangeError(() => dayNumber(null as unknown as CalendarDate))).toBe(none);
    expect(rangeError(() => dayNumber(undefined as unknown as CalendarDate))).toBe(none);
    expect(rangeError(() => formatIso(7 as unknown as CalendarDate))).toBe(none);
    expect(rangeError(() => compareDates(D(2023, 1, 1), null as unknown as CalendarDate))).toBe(none);
    expect(rangeError(() => calendarDate(2023, 4, 31))).toBe(`无效的日期 {y: 2023, m: 4, d: 31}${tail}`);
    expect(calendarDate(2023, 5, 1)).toEqual(D(2023, 5, 1));
  });

  it('day numbers, day counts and month counts out of range', () => {
    expect(rangeError(() => fromDayNumber(MAX_DAY_NUMBER + 1))).toBe('日序号2932897超出范围（只支持公元1年到9999年）');
    expect(rangeError(() => fromDayNumber(MIN_DAY_NUMBER - 1))).toBe('日序号-719163超出范围（只支持公元1年到9999年）');
    expect(rangeError(() => addDays(D(2023, 1, 1), 1.5))).toBe('天数必须是整数，这里是1.5');
    expect(rangeError(() => addMonthsClamped(D(2023, 1, 1), 1.5))).toBe('月数必须是整数，这里是1.5');
    expect(rangeError(() => addMonthsClamped(D(9999, 12, 1), 1))).toBe('结果年份10000超出范围（只支持公元1年到9999年）');
    expect(rangeError(() => addMonthsClamped(D(1, 1, 31), -1))).toBe('结果年份0超出范围（只支持公元1年到9999年）');
    expect(addMonthsClamped(D(1, 2, 28), -1)).toEqual(D(1, 1, 28));
    expect(addMonthsClamped(D(9999, 11, 30), 1)).toEqual(D(9999, 12, 30));
    expect(rangeError(() => dateWhenAgeReached(D(2020, 3, 10), -1))).toBe('周岁数必须是非负整数，这里是-1');
    expect(rangeError(() => dateWhenAgeReached(D(2020, 3, 10), 1.5))).toBe('周岁数必须是非负整数，这里是1.5');
    expect(rangeError(() => dateWhenMonthsReached(D(2020, 3, 10), -1))).toBe('月数必须是非负整数，这里是-1');
    expect(rangeError(() => dateWhenMonthsReached(D(2020, 3, 10), 1.5))).toBe('月数必须是非负整数，这里是1.5');
  });
});

describe('day numbers at the 400-year boundaries', () => {
  // civil_from_days has one term, div(doe, 146096), that is non-zero only on the last day of
  // a 400-year era: 29 February of a year divisible by 400.
  const fixed: Array<[CalendarDate, number]> = [
    [D(400, 2, 29), -573372],
    [D(400, 3, 1), -573371],
    [D(1600, 2, 29), -135081],
    [D(1600, 3, 1), -135080],
    [D(2000, 2, 29), 11016],
    [D(2000, 3, 1), 11017],
    [D(2000, 12, 31), 11322],
    [D(2001, 1, 1), 11323],
    [D(2400, 2, 29), 157113],
    [D(8000, 2, 29), 2202471],
  ];
  it.each(fixed)('%o ↔ %i', (date, n) => {
    expect(dayNumber(date)).toBe(n);
    expect(utcDayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toEqual(date);
  });

  it('property: round trip and UTC oracle on the days around 1 March of every year divisible by 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: -3, max: 3 }), (c, delta) => {
        const n = dayNumber(D(c * 100, 3, 1)) + delta;
        const date = fromDayNumber(n);
        expect(dayNumber(date)).toBe(n);
        expect(utcDayNumber(date)).toBe(n);
      }),
      { numRuns: 600 },
    );
  });
});

describe('parseDate: every branch of the component readers', () => {
  const accepted: Array<[string, CalendarDate]> = [
    ['９９９９－１２－１９', D(9999, 12, 19)],
    ['2023年　5月1日', D(2023, 5, 1)],
    ['2023年1月廿日', D(2023, 1, 20)],
    ['2023年1月卅日', D(2023, 1, 30)],
    ['2023年1月卅一日', D(2023, 1, 31)],
    ['2023年1月廿九日', D(2023, 1, 29)],
    ['2023年十月十日', D(2023, 10, 10)],
    ['2023年1月二十日', D(2023, 1, 20)],
    ['〇〇二三年一月一日', D(23, 1, 1)],
  ];
  it.each(accepted)('accepts %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });

  const rejected: Array<[string, string, string | undefined]> = [
    // normalised text shows in the component messages
    ['２０２３：年1月1日', '无法识别年份“2023：”', '年份请用四位数字或逐位的汉字书写，如“2023年”“二〇二三年”'],
    ['20　23年1月1日', '无法识别的日期：“20　23年1月1日”', '日期请写成“2023年12月31日”或“2023-12-31”'],
    ['２０２３／１２／３１', '不支持用“/”分隔的日期：“２０２３／１２／３１”', '请写成“2023-12-31”或“2023年12月31日”'],
    ['２０２３．１２．３１', '不支持用“.”分隔的日期：“２０２３．１２．３１”', '请写成“2023-12-31”或“2023年12月31日”'],
    [' 2023/12/31 ', '不支持用“/”分隔的日期：“2023/12/31”', '请写成“2023-12-31”或“2023年12月31日”'],
    // the help spells the very date the drafter meant, when it is one
    ['2024/1/15', '不支持用“/”分隔的日期：“2024/1/15”', '请写成“2024-01-15”或“2024年1月15日”'],
    ['2024.01.05', '不支持用“.”分隔的日期：“2024.01.05”', '请写成“2024-01-05”或“2024年1月5日”'],
    ['2023/2/29', '不支持用“/”分隔的日期：“2023/2/29”', '请写成“2023-12-31”或“2023年12月31日”'],
    ['2023/13/1', '不支持用“/”分隔的日期：“2023/13/1”', '请写成“2023-12-31”或“2023年12月31日”'],
    // quoting: at most 24 characters, then …
    ['x'.repeat(24), `无法识别的日期：“${'x'.repeat(24)}”`, '日期请写成“2023年12月31日”或“2023-12-31”'],
    ['x'.repeat(25), `无法识别的日期：“${'x'.repeat(24)}…”`, '日期请写成“2023年12月31日”或“2023-12-31”'],
    [' garbage ', '无法识别的日期：“garbage”', '日期请写成“2023年12月31日”或“2023-12-31”'],
    // Arabic components must be all digits
    ['2023年x12月1日', '无法识别月份“x12”', '月份请写成1到12或一到十二'],
    ['2023年12x月1日', '无法识别月份“12x”', '月份请写成1到12或一到十二'],
    ['2023-012-01', '月和日最多两位数字：“2023-012-01”', '日期请写成“2023年12月31日”或“2023-12-31”'],
    [' 2023-01-001 ', '月和日最多两位数字：“2023-01-001”', '日期请写成“2023年12月31日”或“2023-12-31”'],
    // Chinese years: at most 9 digits, shown without leading zeros
    ['一〇〇〇〇〇〇〇〇〇年1月1日', '无法识别年份“一〇〇〇〇〇〇〇〇〇”', '年份请用四位数字或逐位的汉字书写，如“2023年”“二〇二三年”'],
    ['一〇〇〇〇〇〇〇〇年1月1日', '年份必须在1到9999之间，这里是100000000', undefined],
    ['〇〇〇〇年一月一日', '年份必须在1到9999之间，这里是0', undefined],
    // Chinese months and days: 〇 is no units digit, 十/廿/卅 forms have fixed lengths, 一十 is refused
    ['2023年十〇月1日', '无法识别月份“十〇”', '月份请写成1到12或一到十二'],
    ['2023年十一二月1日', '无法识别月份“十一二”', '月份请写成1到12或一到十二'],
    ['2023年〇十月1日', '无法识别月份“〇十”', '月份请写成1到12或一到十二'],
    ['2023年一十月1日', '无法识别月份“一十”', '月份请写成1到12或一到十二'],
    ['2023年1月廿〇日', '无法识别日“廿〇”', '日请写成1到31或一到三十一'],
    ['2023年1月廿一二日', '无法识别日“廿一二”', '日请写成1到31或一到三十一'],
    ['2023年1月二一日', '无法识别日“二一”', '日请写成1到31或一到三十一'],
    ['2023年1月二十〇日', '无法识别日“二十〇”', '日请写成1到31或一到三十一'],
    ['2023年1月二十一一日', '无法识别日“二十一一”', '日请写成1到31或一到三十一'],
    ['2023年1月x日', '无法识别日“x”', '日请写成1到31或一到三十一'],
    // completeness
    ['5日', '日期不完整：缺少年份和月份', '请写出完整日期，如“2023年12月31日”'],
    ['2023年5月', '日期不完整：缺少日', '请写出完整日期，如“2023年12月31日”'],
  ];
  it.each(rejected)('rejects %s', (text, message, help) => {
    const r = parseDate(text);
    expect(r).toEqual(help === undefined ? { ok: false, message } : { ok: false, message, help });
  });

  it('refuses a value that is not text', () => {
    const help = '日期请写成“2023年12月31日”或“2023-12-31”';
    expect(parseDate(20231231 as unknown as string)).toEqual({ ok: false, message: '日期必须是文本', help });
    expect(parseDate(undefined as unknown as string)).toEqual({ ok: false, message: '日期必须是文本', help });
  });
});

describe('working days: refusals in full', () => {
  const coverage = { firstYear: 2004, lastYear: 2026 };
  const help = '国务院公布该年的放假安排后请升级 chinese-days；不要按“周一至周五上班”推测';
  const noData = (year: number, what: string) => ({
    ok: false,
    uncovered: { year, coverage },
    message: `没有${year}年的法定节假日和调休安排数据（chinese-days 只覆盖2004年至2026年），无法${what}`,
    help,
  });

  it('names the year, the coverage and what could not be done', () => {
    expect(isWorkday(D(2027, 1, 4))).toEqual(noData(2027, '判断2027年1月4日是否为工作日'));
    expect(addWorkdays(D(2026, 12, 28), 4)).toEqual(noData(2027, '从2026年12月28日起计算4个工作日'));
    expect(addWorkdays(D(2003, 12, 30), 1)).toEqual(noData(2003, '从2003年12月30日起计算1个工作日'));
    // the first day examined is the last day there is (a start outside coverage)
    expect(addWorkdays(D(9999, 12, 30), 1)).toEqual(noData(9999, '从9999年12月30日起计算1个工作日'));
    expect(workdayDeadline(D(2026, 12, 30), 5)).toEqual(noData(2027, '计算2026年12月30日起5个工作日内的期限'));
  });

  it('bad counts and invalid dates: exact messages', () => {
    expect(addWorkdays(D(2024, 1, 1), -1)).toEqual({ ok: false, message: '工作日数必须是非负整数，这里是-1' });
    expect(addWorkdays(D(2024, 1, 1), 1.5)).toEqual({ ok: false, message: '工作日数必须是非负整数，这里是1.5' });
    expect(workdayDeadline(D(2024, 1, 1), 0)).toEqual({ ok: false, message: '“n个工作日内”的n必须是正整数，这里是0' });
    expect(isWorkday(D(2023, 2, 29))).toEqual({ ok: false, message: '无效的日期 {y: 2023, m: 2, d: 29}' });
    const none = { ok: false, message: '无效的日期 {y: undefined, m: undefined, d: undefined}' };
    expect(isWorkday(null as unknown as CalendarDate)).toEqual(none);
    expect(isWorkday(undefined as unknown as CalendarDate)).toEqual(none);
    expect(addWorkdays(null as unknown as CalendarDate, 1)).toEqual(none);
    expect(workdayDeadline(undefined as unknown as CalendarDate, 1)).toEqual(none);
  });
});

describe('the holiday table is derived from the data file', () => {
  type Calendar = typeof import('../../compiler/common/calendar.js');
  const DATA = 'chinese-days/dist/chinese-days.json';
  /** calendar.ts loaded afresh (its table is built once per module instance), over `data` or the real file. */
  async function freshCalendar(data?: unknown): Promise<Calendar> {
    vi.resetModules();
    if (data === undefined) vi.doUnmock(DATA);
    else vi.doMock(DATA, () => ({ default: data }));
    try {
      return await import('../../compiler/common/calendar.js');
    } finally {
      vi.doUnmock(DATA);
      // INVARIANT: the registry keeps no instance built over `data`: the caller holds its own, and
      // a run that shares modules across files (the mutation run, isolate: false) must not hand it
      // to the next file (there the interpreter's working days read a corrupt table)
      vi.resetModules();
    }
  }
  const h = (name: string) => `x,${name},1`;

  it('built afresh from the real file: coverage and known days', async () => {
    const cal = await freshCalendar();
    expect(cal.workdayCoverage()).toEqual({ firstYear: 2004, lastYear: 2026 });
    expect(cal.isWorkday(D(2024, 10, 1))).toEqual({ ok: true, value: false }); // 国庆节, a Tuesday
    expect(cal.isWorkday(D(2024, 9, 29))).toEqual({ ok: true, value: true }); // 调休上班, a Sunday
    expect(cal.isWorkday(D(2024, 10, 8))).toEqual({ ok: true, value: true });
  });

  it('a year is covered only with both 春节 and 国庆节; coverage is the run ending at the newest one', async () => {
    const cal = await freshCalendar({
      holidays: {
        '2001-01-24': h('春节'), '2001-10-01': h('国庆节'),
        '2002-02-12': h('春节'), // no 国庆节: breaks the run
        '2003-02-01': h('春节'), '2003-10-01': h('国庆节'),
        '2004-01-22': h('春节'), '2004-10-01': h('国庆节'),
        '2004-12-31': h('元旦'), // next year's 元旦 spill-over
        '2005-01-29': h('春节'), // no 国庆节: not covered
        '2006-05-01': h('劳动节'),
        '2006-10-02': h('国庆节'), // no 春节: not covered
      },
      workdays: { '2004-10-09': h('国庆节') },
    });
    expect(cal.workdayCoverage()).toEqual({ firstYear: 2003, lastYear: 2004 });
    expect(cal.isWorkday(D(2004, 10, 9))).toEqual({ ok: true, value: true }); // a Saturday
    expect(cal.isWorkday(D(2004, 10, 1))).toEqual({ ok: true, value: false }); // a Friday
    expect(cal.isWorkday(D(2004, 12, 31))).toEqual({ ok: true, value: false }); // a Friday
    expect(cal.isWorkday(D(2004, 12, 30))).toEqual({ ok: true, value: true });
  });

  it('coverage up to 9999: the day after 9999-12-31 is refused as year 10000', async () => {
    const cal = await freshCalendar({ holidays: { '9999-02-01': h('春节'), '9999-10-01': h('国庆节') }, workdays: {} });
    expect(cal.workdayCoverage()).toEqual({ firstYear: 9999, lastYear: 9999 });
    expect(cal.addWorkdays(D(9999, 12, 30), 1)).toEqual({ ok: true, value: D(9999, 12, 31) }); // a Friday
    const r = cal.addWorkdays(D(9999, 12, 31), 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('没有10000年的法定节假日和调休安排数据（chinese-days 只覆盖9999年至9999年），无法从9999年12月31日起计算1个工作日');
  });

  const corrupt: Array<[string, unknown, string]> = [
    ['an impossible date', { holidays: { '2023-02-30': h('春节') }, workdays: {} }, 'chinese-days 数据中有无法识别的日期“2023-02-30”'],
    ['text before a key', { holidays: { 'x2023-01-01': h('春节') }, workdays: {} }, 'chinese-days 数据中有无法识别的日期“x2023-01-01”'],
    ['text after a key', { holidays: {}, workdays: { '2023-01-01x': h('春节') } }, 'chinese-days 数据中有无法识别的日期“2023-01-01x”'],
    ['no holidays table', { workdays: {} }, 'chinese-days 数据缺少“holidays”表'],
    ['a null workdays table', { holidays: {}, workdays: null }, 'chinese-days 数据缺少“workdays”表'],
    ['a text workdays table', { holidays: {}, workdays: 'none' }, 'chinese-days 数据缺少“workdays”表'],
    ['a value that is not text', { holidays: { '2023-01-22': 1 }, workdays: {} }, 'chinese-days 数据的“holidays”表格式不对'],
    ['no complete year', { holidays: { '2023-01-22': h('春节'), '2024-10-01': h('国庆节') }, workdays: {} }, 'chinese-days 数据中没有任何完整年份的节假日安排'],
  ];
  it.each(corrupt)('corrupt data (%s) is an error naming the problem', async (_what, data, message) => {
    const cal = await freshCalendar(data);
    expect(() => cal.workdayCoverage()).toThrow(new Error(message));
  });
});
