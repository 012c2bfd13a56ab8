import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
