/**
 * Calendar dates, statutory ages (周岁/月龄) and Chinese working days — exact arithmetic.
 *
 * Input → output:
 *   - `parseDate("2023年12月31日" | "2023-12-31" | "２０２３年１２月３１日" | "二〇二三年十二月三十一日")`
 *       → `{ ok: true, value: { y: 2023, m: 12, d: 31 } }`, or `{ ok: false, message, help? }` with a
 *       Chinese reason ("月份必须在1到12之间，这里是13", "2023年不是闰年，2月只有28日", …). Never throws.
 *   - `CalendarDate` → integer day numbers (`dayNumber`, days since 1970-01-01, may be negative) and back
 *       (`fromDayNumber`); `addDays`, `addMonthsClamped`, `compareDates`, `formatIso`, `formatChinese`.
 *   - (birth, on) → 周岁 `fullYearsOfAge` / 月龄 `fullMonthsOfAge`, and the inverses `dateWhenAgeReached` /
 *       `dateWhenMonthsReached`.
 *   - date → working day or not (`isWorkday`), n-th working day after a date (`addWorkdays`,
 *       `workdayDeadline`), using the State Council holiday arrangements shipped with `chinese-days`.
 *
 * INVARIANT: no floating point and no JS `Date`. A date is three integers (proleptic Gregorian,
 * years 1..9999); all arithmetic goes through an integer day number (Howard Hinnant's
 * days_from_civil / civil_from_days), so there are no time zones, DST or UTC/local mix-ups.
 *
 * ── Ages: the statutory boundary rule ─────────────────────────────────────────────────────────
 * 《民法典》第二百零一条：按照年、月、日、小时计算期间的，开始的当日不计入，自下一日开始计算。
 * 《民法典》第二百零二条：按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为
 * 期间的最后一日。（同旨：最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释第二条——“过了
 * 周岁生日，从第二天起，为已满××周岁”。）
 *
 * So for a person born on B, the period of N years ends on the N-th anniversary A(N) = the day
 * (B.y+N, B.m, B.d), or the last day of month B.m of year B.y+N when that month has no day B.d
 * (29 Feb births in non-leap years: 28 Feb). The person has completed N 周岁 ("已满N周岁") from the
 * day AFTER A(N). On A(N) itself they are still N-1. Months work the same way: the period of k
 * months ends on M(k) = the corresponding day of month B.m+k (or that month's last day when it has
 * none), and the 月龄 is k from the day after M(k).
 *
 * Worked examples:
 *   - born 2020-03-10: on 2023-03-10 still 2周岁; on 2023-03-11 3周岁.
 *   - born 2020-02-29: on 2023-02-28 still 2周岁 (2023 has no 29 Feb, so 28 Feb is A(3));
 *       on 2023-03-01 3周岁. In a leap year: on 2024-02-29 still 3, on 2024-03-01 4.
 *   - born 2023-01-31: 月龄 0 up to and including 2023-02-28 (Feb has no 31st, its last day 2-28
 *       ends the first month); 月龄 1 from 2023-03-01; 月龄 2 from 2023-04-01 (M(2) = 2023-03-31).
 *   - the birth day itself: 0周岁, 月龄 0.
 * Since M(12N) = A(N), `floor(fullMonthsOfAge / 12) === fullYearsOfAge` always.
 *
 * ── Working days ──────────────────────────────────────────────────────────────────────────────
 * Data: `chinese-days/dist/chinese-days.json` (the package's own build of its holiday table, the
 * same table its runtime API uses). We deliberately do NOT call the package's runtime functions:
 * (1) for years without data they silently answer "Mon–Fri = working day", and (2) their internal
 * date handling parses "YYYY-MM-DD" as UTC and reads it back in local time, so in time zones west
 * of UTC (e.g. America/New_York) the whole holiday table is shifted one day early (observed with
 * chinese-days 1.5.7: 2024-09-30 reported as 国庆节, 2024-09-28 Saturday reported as a working day).
 * The tests cross-check this module against the package's runtime API under Asia/Shanghai.
 *
 * Coverage (`workdayCoverage()`) is derived from that data, never hard-coded: a year counts as
 * covered when the table lists both 春节 and 国庆节 holiday days dated in that year (every annual
 * State Council notice contains both, and December spill-over of the next year's 元旦 arrangement —
 * e.g. 2018-12-29 上班, 2018-12-30/31 放假 belong to the 2019 notice — cannot fake a year). Coverage is
 * the contiguous run of covered years ending at the newest one. With chinese-days 1.5.7: 2004..2026.
 * Caveat: the next year's notice may still move the last days of December of `lastYear`
 * (historically 2006, 2007, 2011, 2018); the data cannot know that before the notice is published.
 *
 * The rule (identical to chinese-days' own `isWorkday`): a day is a working day iff
 *   it is listed as a 调休上班日 (a Saturday/Sunday declared a working day, e.g. 2024-09-29 Sunday,
 *   2025-01-26 Sunday), OR it is Monday–Friday and not listed as a 法定节假日/调休休息日
 *   (e.g. 2024-10-01..07, including the swapped weekdays 2024-10-04 Friday and 10-07 Monday).
 * So a 调休上班日 counts as one ordinary working day in `addWorkdays`/`workdayDeadline` (it is
 * counted in n and can be the deadline), and a weekday that was swapped into a holiday counts as a
 * rest day. Anything outside coverage is refused with a Chinese message naming the year.
 */

import holidayTableJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

// ───────────────────────────────────────────────────────────────────────────────────────────────
// Dates and day numbers
// ───────────────────────────────────────────────────────────────────────────────────────────────

/** A calendar date, proleptic Gregorian, `y` in 1..9999, `m` in 1..12, `d` in 1..daysInMonth(y, m). */
export interface CalendarDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

/** Result of an operation that can be refused for a user-facing reason (messages in Chinese). */
export type CalendarResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false; readonly message: string; readonly help?: string;
      /** Set when the working-day calendar does not cover a year the computation needs. */
      readonly uncovered?: { readonly year: number; readonly coverage: WorkdayCoverage };
    };

/** Smallest supported year. */
export const MIN_YEAR = 1;
/** Largest supported year. */
export const MAX_YEAR = 9999;

/** Is `y` a Gregorian leap year (divisible by 4, except centuries not divisible by 400)? */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Number of days in month `m` (1..12) of year `y`.
 * @throws RangeError when `m` is not an integer in 1..12.
 */
export function daysInMonth(y: number, m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`月份必须在1到12之间，这里是${m}`);
  return m === 2 && isLeapYear(y) ? 29 : MONTH_LENGTHS[m - 1]!;
}

/** True iff (y, m, d) are integers naming an existing day with `y` in 1..9999. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= MIN_YEAR &&
    y <= MAX_YEAR &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

function describe(date: CalendarDate): string {
  return `{y: ${String(date?.y)}, m: ${String(date?.m)}, d: ${String(date?.d)}}`;
}

function assertDate(date: CalendarDate): void {
  if (date === null || typeof date !== 'object' || !isValidDate(date.y, date.m, date.d)) {
    throw new RangeError(`无效的日期 ${describe(date)}（年份须在1到9999之间且该日存在）`);
  }
}

/**
 * A validated `CalendarDate`.
 * @throws RangeError when (y, m, d) is not a valid date in years 1..9999.
 */
export function calendarDate(y: number, m: number, d: number): CalendarDate {
  const date = { y, m, d };
  assertDate(date);
  return date;
}

// Integer helpers: Math.floor of an exact integer quotient (all operands are small safe integers).
function div(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * Days since 1970-01-01 (negative before it). 1970-01-01 → 0, 1969-12-31 → -1, 0001-01-01 → -719162.
 * @throws RangeError on an invalid date.
 */
export function dayNumber(date: CalendarDate): number {
  assertDate(date);
  // Hinnant's days_from_civil, with the year starting on 1 March so the leap day is last.
  const y = date.m <= 2 ? date.y - 1 : date.y;
  const era = div(y, 400);
  const yoe = y - era * 400; // 0..399
  const mp = date.m > 2 ? date.m - 3 : date.m + 9; // March = 0
  const doy = div(153 * mp + 2, 5) + date.d - 1; // 0..365
  const doe = yoe * 365 + div(yoe, 4) - div(yoe, 100) + doy; // 0..146096
  return era * 146097 + doe - 719468;
}

/** Day number of 0001-01-01. */
export const MIN_DAY_NUMBER = -719162;
/** Day number of 9999-12-31. */
export const MAX_DAY_NUMBER = 2932896;

/**
 * Inverse of `dayNumber`.
 * @throws RangeError unless `n` is an integer in MIN_DAY_NUMBER..MAX_DAY_NUMBER (years 1..9999).
 */
export function fromDayNumber(n: number): CalendarDate {
  if (!Number.isInteger(n) || n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw new RangeError(`日序号${n}超出范围（只支持公元1年到9999年）`);
  }
  // Hinnant's civil_from_days.
  const z = n + 719468;
  const era = div(z, 146097);
  const doe = z - era * 146097; // 0..146096
  const yoe = div(doe - div(doe, 1460) + div(doe, 36524) - div(doe, 146096), 365); // 0..399
  const doy = doe - (365 * yoe + div(yoe, 4) - div(yoe, 100)); // 0..365
  const mp = div(5 * doy + 2, 153); // 0..11, March = 0
  const d = doy - div(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

/**
 * Chronological comparison: -1 if a < b, 0 if equal, 1 if a > b.
 * @throws RangeError on an invalid date.
 */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  assertDate(a);
  assertDate(b);
  // Stryker disable next-line EqualityOperator: inside a.y !== b.y, a.y < b.y and a.y <= b.y agree
  if (a.y !== b.y) return a.y < b.y ? -1 : 1;
  // Stryker disable next-line EqualityOperator: inside a.m !== b.m, a.m < b.m and a.m <= b.m agree
  if (a.m !== b.m) return a.m < b.m ? -1 : 1;
  // Stryker disable next-line EqualityOperator: inside a.d !== b.d, a.d < b.d and a.d <= b.d agree
  if (a.d !== b.d) return a.d < b.d ? -1 : 1;
  return 0;
}

/**
 * `date` plus `n` days (`n` may be negative).
 * @throws RangeError on an invalid date, a non-integer `n`, or a result outside years 1..9999.
 */
export function addDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`天数必须是整数，这里是${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/**
 * `date` plus `n` calendar months (`n` may be negative), clamping the day to the target month's
 * length: 2024-01-31 + 1 → 2024-02-29, 2023-01-31 + 1 → 2023-02-28, 2023-03-31 - 1 → 2023-02-28.
 * (This is the 《民法典》第二百零二条 "对应日 / 月末日" rule.)
 * @throws RangeError on an invalid date, a non-integer `n`, or a result outside years 1..9999.
 */
export function addMonthsClamped(date: CalendarDate, n: number): CalendarDate {
  assertDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`月数必须是整数，这里是${n}`);
  const total = date.y * 12 + (date.m - 1) + n;
  const y = div(total, 12);
  const m = total - y * 12 + 1;
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`结果年份${y}超出范围（只支持公元1年到9999年）`);
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/**
 * ISO weekday: 1 = Monday (周一) … 7 = Sunday (周日).
 * @throws RangeError on an invalid date.
 */
export function isoWeekday(date: CalendarDate): number {
  return weekdayOfDayNumber(dayNumber(date));
}

function weekdayOfDayNumber(n: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * ISO 8601 calendar date, 4-digit year: { y: 2023, m: 12, d: 31 } → "2023-12-31", year 5 → "0005-01-01".
 * @throws RangeError on an invalid date.
 */
export function formatIso(date: CalendarDate): string {
  assertDate(date);
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

/**
 * Chinese written form: { y: 2023, m: 12, d: 31 } → "2023年12月31日", { y: 2023, m: 5, d: 1 } → "2023年5月1日".
 * Years below 1000 are zero-padded to four digits ("0005年1月1日") so that `parseDate`, which
 * refuses ambiguous short years, round-trips every date.
 * @throws RangeError on an invalid date.
 */
export function formatChinese(date: CalendarDate): string {
  assertDate(date);
  return `${pad(date.y, 4)}年${date.m}月${date.d}日`;
}

// ───────────────────────────────────────────────────────────────────────────────────────────────
// Parsing
// ───────────────────────────────────────────────────────────────────────────────────────────────

/** Result of `parseDate`. */
export type DateParseResult =
  | { ok: true; value: CalendarDate }
  | { ok: false; message: string; help?: string };

const FORMAT_HELP = '日期请写成“2023年12月31日”或“2023-12-31”';

/** Full-width digits/punctuation and ideographic space → ASCII (nothing else is normalised). */
function normaliseWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 0x30);
    else if (c === 0xff0d) out += '-';
    else if (c === 0xff0f) out += '/';
    else if (c === 0xff0e) out += '.';
    // Stryker disable next-line ConditionalExpression: U+3000 is whitespace to trim() and to \s alike, and messages quote the original text, so keeping it changes nothing
    else if (c === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

function quoteInput(text: string): string {
  const chars = Array.from(text);
  return `“${chars.length > 24 ? chars.slice(0, 24).join('') + '…' : text}”`;
}

const CN_DIGITS: ReadonlyMap<string, number> = new Map([
  ['〇', 0],
  ['○', 0],
  ['零', 0],
  ['一', 1],
  ['二', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);

/** A parsed numeric component: its value, how it is shown in messages, and its digit count. */
interface NumberToken {
  readonly value: number;
  readonly shown: string;
  readonly digits: number;
}

function parseArabic(token: string): NumberToken | undefined {
  if (!/^[0-9]+$/.test(token)) return undefined;
  const shown = token.replace(/^0+(?=[0-9])/, '');
  // Huge digit strings become large (or Infinity) numbers: still correctly "out of range".
  return { value: Number(shown), shown, digits: token.length };
}

/** Year: Arabic digits, or Chinese digits written one by one ("二〇二三"). */
function parseYearToken(token: string): NumberToken | undefined {
  const arabic = parseArabic(token);
  if (arabic) return arabic;
  const chars = Array.from(token);
  // Stryker disable next-line ConditionalExpression: the year component matched [^年月日号\s]+, so it is never empty
  if (chars.length === 0 || chars.length > 9) return undefined;
  let digits = '';
  for (const ch of chars) {
    const v = CN_DIGITS.get(ch);
    if (v === undefined) return undefined;
    digits += String(v);
  }
  const shown = digits.replace(/^0+(?=[0-9])/, '');
  return { value: Number(shown), shown, digits: chars.length };
}

/** Month or day: Arabic digits, or a Chinese numeral 一…九十九 (十二, 二十一, 三十一; also 廿, 卅). */
function parseSmallToken(token: string): NumberToken | undefined {
  const arabic = parseArabic(token);
  if (arabic) return arabic;
  const one = (ch: string | undefined): number | undefined => {
    // Stryker disable next-line ConditionalExpression: CN_DIGITS.get(undefined) is undefined, which the next line returns as undefined
    if (ch === undefined) return undefined;
    const v = CN_DIGITS.get(ch);
    // Stryker disable next-line ConditionalExpression: undefined >= 1 is false, so v !== undefined adds nothing to v >= 1
    return v !== undefined && v >= 1 ? v : undefined;
  };
  const chars = Array.from(token);
  let value: number | undefined;
  if (chars.length === 1) {
    value = token === '十' ? 10 : token === '廿' ? 20 : token === '卅' ? 30 : one(token);
  } else if (chars[0] === '十' && chars.length === 2) {
    const u = one(chars[1]);
    value = u === undefined ? undefined : 10 + u;
  } else if ((chars[0] === '廿' || chars[0] === '卅') && chars.length === 2) {
    const u = one(chars[1]);
    value = u === undefined ? undefined : (chars[0] === '廿' ? 20 : 30) + u;
  } else if (chars[1] === '十' && (chars.length === 2 || chars.length === 3)) {
    const t = one(chars[0]);
    const u = chars.length === 3 ? one(chars[2]) : 0;
    value = t === undefined || t < 2 || u === undefined ? undefined : t * 10 + u;
  }
  return value === undefined ? undefined : { value, shown: String(value), digits: 0 };
}

type Check = { ok: true } | { ok: false; message: string; help?: string };

function checkYear(year: NumberToken): Check {
  if (!(year.value >= MIN_YEAR && year.value <= MAX_YEAR)) {
    return { ok: false, message: `年份必须在1到9999之间，这里是${year.shown}` };
  }
  if (year.digits !== 4) {
    return {
      ok: false,
      message: `年份必须写满四位，这里是“${year.shown}”`,
      help: '两位数年份有歧义（“23年”是2023年还是公元23年？），请写成“2023年”或“0023年”',
    };
  }
  return { ok: true };
}

function checkMonth(month: NumberToken): Check {
  return month.value >= 1 && month.value <= 12
    ? { ok: true }
    : { ok: false, message: `月份必须在1到12之间，这里是${month.shown}` };
}

function checkDayRange(day: NumberToken): Check {
  return day.value >= 1 && day.value <= 31
    ? { ok: true }
    : { ok: false, message: `日必须在1到31之间，这里是${day.shown}` };
}

function finish(y: number, m: number, d: number): DateParseResult {
  const dim = daysInMonth(y, m);
  if (d > dim) {
    // Stryker disable next-line ConditionalExpression: d > daysInMonth with d = 29 happens only in February
    if (m === 2 && d === 29) return { ok: false, message: `${y}年不是闰年，2月只有28日` };
    if (m === 2) return { ok: false, message: `${y}年2月只有${dim}日，没有${d}日` };
    return { ok: false, message: `${m}月只有${dim}日，没有${d}日` };
  }
  return { ok: true, value: { y, m, d } };
}

/** ASCII digit value of `text[i]`, or -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * The two forms nearly every date is written in — "2023-12-31" and "2023年5月1日" (ASCII digits, a
 * four-digit year, no spaces) — read by character codes, without the width normalisation and the
 * regular expressions: `parseDate`'s cost per date literal, cold, is most of it (the front end reads
 * thousands). Returns undefined for anything else, and for any value out of range, so that every
 * message still comes from the general path below.
 * INVARIANT: where it returns a result, `parseDate`'s general path returns an equal one
 * (test/common/calendar.test.ts checks both on random strings of these shapes).
 */
function parseCommonDate(text: string): DateParseResult | undefined {
  const n = text.length;
  if (n < 8 || n > 11) return undefined;
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const y3 = digitAt(text, 2);
  const y4 = digitAt(text, 3);
  if (y1 < 0 || y2 < 0 || y3 < 0 || y4 < 0) return undefined;
  const y = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  let m: number;
  let d: number;
  if (n === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const m1 = digitAt(text, 5);
    const m2 = digitAt(text, 6);
    const d1 = digitAt(text, 8);
    const d2 = digitAt(text, 9);
    if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return undefined;
    m = m1 * 10 + m2;
    d = d1 * 10 + d2;
  } else if (text.charCodeAt(4) === 0x5e74 /* 年 */ && text.charCodeAt(n - 1) === 0x65e5 /* 日 */) {
    // 年 M(M) 月 D(D) 日: the 月 is at index 6 or 7
    const mEnd = text.charCodeAt(6) === 0x6708 /* 月 */ ? 6 : text.charCodeAt(7) === 0x6708 ? 7 : -1;
    if (mEnd < 0) return undefined;
    const m1 = digitAt(text, 5);
    const m2 = mEnd === 7 ? digitAt(text, 6) : 0;
    if (m1 < 0 || m2 < 0) return undefined;
    m = mEnd === 7 ? m1 * 10 + m2 : m1;
    const dLen = n - 1 - (mEnd + 1);
    if (dLen !== 1 && dLen !== 2) return undefined;
    const d1 = digitAt(text, mEnd + 1);
    const d2 = dLen === 2 ? digitAt(text, mEnd + 2) : 0;
    if (d1 < 0 || d2 < 0) return undefined;
    d = dLen === 2 ? d1 * 10 + d2 : d1;
  } else {
    return undefined;
  }
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return finish(y, m, d);
}

// Components are runs of anything except the markers and whitespace, so the pattern cannot
// backtrack badly on arbitrary input.
const CHINESE_FORM = /^(?:([^年月日号\s]+)\s*年\s*)?(?:([^年月日号\s]+)\s*月\s*)?(?:([^年月日号\s]+)\s*[日号])?$/;
const SEPARATED_FORM = /^([0-9]+)([-/.])([0-9]+)\2([0-9]+)$/;

/**
 * Parse a written date. Never throws.
 *
 * Accepted (surrounding whitespace ignored; full-width digits ０-９, full-width "－" and the
 * ideographic space are treated as their ASCII counterparts):
 *   - Chinese form "2023年12月31日", "2023年5月1日", "2023年5月1号", whitespace allowed around 年/月/日;
 *     each component may instead be a Chinese numeral: the year digit by digit ("二〇二三", "二零二三"),
 *     month and day as 一…十二 / 一…三十一 ("十二月", "三十一日", also 廿/卅); mixing is allowed.
 *   - ISO-like form "2023-12-31" and, leniently, "2023-5-1": month and day may have 1 or 2 digits.
 * The year must always have exactly four digits (1..9999, so "0023年" for year 23): "23年5月1日"
 * is refused as ambiguous. "2023/12/31" and "2023.12.31" are refused with a hint.
 *
 * Errors (Chinese, first problem wins, checked year → month → day → completeness → calendar):
 * "年份必须在1到9999之间，这里是0", "月份必须在1到12之间，这里是13", "日必须在1到31之间，这里是32",
 * "日期不完整：缺少年份", "2023年不是闰年，2月只有28日", "4月只有30日，没有31日", "无法识别的日期：“…”".
 */
export function parseDate(text: string): DateParseResult {
  if (typeof text !== 'string') return { ok: false, message: '日期必须是文本', help: FORMAT_HELP };
  return parseCommonDate(text) ?? parseDateGeneral(text);
}

/**
 * The help for a date written with “/” or “.”: the same day in the two accepted forms when the
 * components make a real date (2024/1/15 → “2024-01-15”或“2024年1月15日”), else the general example.
 */
function separatorHelp(yearText: string, monthText: string, dayText: string): string {
  const year = parseArabic(yearText);
  const month = parseArabic(monthText);
  const day = parseArabic(dayText);
  const valid = year && month && day && month.digits <= 2 && day.digits <= 2
    && [checkYear(year), checkMonth(month), checkDayRange(day)].every((c) => c.ok)
    && finish(year.value, month.value, day.value).ok;
  if (!valid) return '请写成“2023-12-31”或“2023年12月31日”';
  const two = (n: number) => String(n).padStart(2, '0');
  return `请写成“${String(year.value).padStart(4, '0')}-${two(month.value)}-${two(day.value)}”或“${year.value}年${month.value}月${day.value}日”`;
}

/**
 * `parseDate` without its fast path for the common forms: every form, every message. Exported only
 * so that test/common/calendar.test.ts can hold the two paths equal.
 * @internal
 */
export function parseDateGeneral(text: string): DateParseResult {
  const source = normaliseWidth(text).trim();
  if (source === '') return { ok: false, message: '日期为空', help: FORMAT_HELP };

  const sep = SEPARATED_FORM.exec(source);
  if (sep) {
    if (sep[2] !== '-') {
      return {
        ok: false,
        message: `不支持用“${sep[2]}”分隔的日期：${quoteInput(text.trim())}`,
        help: separatorHelp(sep[1]!, sep[3]!, sep[4]!),
      };
    }
    const year = parseArabic(sep[1]!)!;
    const month = parseArabic(sep[3]!)!;
    const day = parseArabic(sep[4]!)!;
    for (const check of [checkYear(year), checkMonth(month), checkDayRange(day)]) {
      if (!check.ok) return check;
    }
    if (month.digits > 2 || day.digits > 2) {
      return { ok: false, message: `月和日最多两位数字：${quoteInput(text.trim())}`, help: FORMAT_HELP };
    }
    return finish(year.value, month.value, day.value);
  }

  const cn = CHINESE_FORM.exec(source);
  // Stryker disable next-line ConditionalExpression: with every group absent the pattern matches only the empty text, refused above
  if (cn && (cn[1] !== undefined || cn[2] !== undefined || cn[3] !== undefined)) {
    const [, yearText, monthText, dayText] = cn;
    const year = yearText === undefined ? undefined : parseYearToken(yearText);
    if (yearText !== undefined && year === undefined) {
      return {
        ok: false,
        message: `无法识别年份“${yearText}”`,
        help: '年份请用四位数字或逐位的汉字书写，如“2023年”“二〇二三年”',
      };
    }
    const month = monthText === undefined ? undefined : parseSmallToken(monthText);
    if (monthText !== undefined && month === undefined) {
      return { ok: false, message: `无法识别月份“${monthText}”`, help: '月份请写成1到12或一到十二' };
    }
    const day = dayText === undefined ? undefined : parseSmallToken(dayText);
    if (dayText !== undefined && day === undefined) {
      return { ok: false, message: `无法识别日“${dayText}”`, help: '日请写成1到31或一到三十一' };
    }
    const checks: Check[] = [];
    if (year) checks.push(checkYear(year));
    if (month) checks.push(checkMonth(month));
    if (day) checks.push(checkDayRange(day));
    for (const check of checks) if (!check.ok) return check;
    if (!year || !month || !day) {
      const missing = [year ? '' : '年份', month ? '' : '月份', day ? '' : '日'].filter((s) => s !== '');
      return {
        ok: false,
        message: `日期不完整：缺少${missing.join('和')}`,
        help: '请写出完整日期，如“2023年12月31日”',
      };
    }
    return finish(year.value, month.value, day.value);
  }

  return { ok: false, message: `无法识别的日期：${quoteInput(text.trim())}`, help: FORMAT_HELP };
}

// ───────────────────────────────────────────────────────────────────────────────────────────────
// Ages (周岁, 月龄)
// ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The last day of the period of `k` months starting after `birth` (《民法典》第二百零二条):
 * the corresponding day of month birth.m + k, or that month's last day when it has none.
 * M(0) = birth; M(12N) = the N-th anniversary.
 */
function periodEnd(birth: CalendarDate, months: number): CalendarDate {
  return addMonthsClamped(birth, months);
}

/**
 * 周岁 (completed years of age) of a person born on `birth`, on day `on`.
 * The person is "已满N周岁" from the day after the N-th anniversary (see module header):
 * born 2020-03-10 → 2 on 2023-03-10, 3 on 2023-03-11; born 2020-02-29 → 2 on 2023-02-28, 3 on 2023-03-01.
 * Returns 0 on the birth day, and `undefined` when `on` is before `birth` (not yet born).
 * @throws RangeError on an invalid date.
 */
export function fullYearsOfAge(birth: CalendarDate, on: CalendarDate): number | undefined {
  const months = fullMonthsOfAge(birth, on);
  // INVARIANT: M(12N) is exactly the N-th anniversary, so completed years = floor(months / 12).
  return months === undefined ? undefined : div(months, 12);
}

/**
 * 月龄 (completed months of age) of a person born on `birth`, on day `on`: the largest k with
 * on > M(k), where M(k) is the corresponding day of month birth.m + k or that month's last day
 * (born 2023-01-31: 0 on 2023-02-28, 1 from 2023-03-01, 2 from 2023-04-01).
 * Returns 0 on the birth day, and `undefined` when `on` is before `birth`.
 * @throws RangeError on an invalid date.
 */
export function fullMonthsOfAge(birth: CalendarDate, on: CalendarDate): number | undefined {
  const order = compareDates(on, birth);
  if (order < 0) return undefined;
  // Stryker disable next-line ConditionalExpression: without it k = 0, periodEnd(birth, 0) = on, and Math.max(0, -1) gives the same 0
  if (order === 0) return 0;
  // Candidate: the period whose end M(k) lies in on's month. M(k+1) is in the next month (> on)
  // and M(k-1) in the previous month (< on), so the answer is k or k - 1.
  const k = (on.y - birth.y) * 12 + (on.m - birth.m);
  const months = compareDates(on, periodEnd(birth, k)) > 0 ? k : k - 1;
  return Math.max(0, months);
}

/**
 * First day on which `fullYearsOfAge(birth, ·) >= years`: the day after the `years`-th
 * anniversary (for 0: the birth day). Born 2020-02-29, 3 → 2023-03-01; 4 → 2024-03-01.
 * @throws RangeError when `years` is not a non-negative integer or the result is after 9999-12-31.
 */
export function dateWhenAgeReached(birth: CalendarDate, years: number): CalendarDate {
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`周岁数必须是非负整数，这里是${years}`);
  return dateWhenMonthsReached(birth, years * 12);
}

/**
 * First day on which `fullMonthsOfAge(birth, ·) >= months`: the day after M(months)
 * (for 0: the birth day). Born 2023-01-31, 1 → 2023-03-01.
 * @throws RangeError when `months` is not a non-negative integer or the result is after 9999-12-31.
 */
export function dateWhenMonthsReached(birth: CalendarDate, months: number): CalendarDate {
  assertDate(birth);
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`月数必须是非负整数，这里是${months}`);
  if (months === 0) return birth;
  return addDays(periodEnd(birth, months), 1);
}

// ───────────────────────────────────────────────────────────────────────────────────────────────
// Working days (chinese-days data)
// ───────────────────────────────────────────────────────────────────────────────────────────────

/** Inclusive range of years for which the holiday/调休 data is complete. */
export interface WorkdayCoverage {
  readonly firstYear: number;
  readonly lastYear: number;
}

interface WorkdayTable {
  readonly coverage: WorkdayCoverage;
  /** Day numbers of 法定节假日 and 调休休息日 (days off that would otherwise be Mon–Fri or weekend). */
  readonly daysOff: ReadonlySet<number>;
  /** Day numbers of 调休上班日 (weekend days declared working days). */
  readonly extraWorkdays: ReadonlySet<number>;
}

let table: WorkdayTable | undefined;

function parseKey(key: string): number {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(key);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new Error(`chinese-days 数据中有无法识别的日期“${key}”`);
  }
  return dayNumber({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) });
}

function asStringRecord(value: unknown, field: string): Record<string, string> {
  if (value === null || typeof value !== 'object') throw new Error(`chinese-days 数据缺少“${field}”表`);
  for (const v of Object.values(value)) {
    if (typeof v !== 'string') throw new Error(`chinese-days 数据的“${field}”表格式不对`);
  }
  return value as Record<string, string>;
}

/** Build (once) the lookup table from the package's JSON; throws only if the package data is corrupt. */
function workdayTable(): WorkdayTable {
  if (table) return table;
  const raw = holidayTableJson as unknown as { holidays?: unknown; workdays?: unknown };
  const holidays = asStringRecord(raw.holidays, 'holidays');
  const workdays = asStringRecord(raw.workdays, 'workdays');

  const daysOff = new Set<number>();
  const springFestivalYears = new Set<number>();
  const nationalDayYears = new Set<number>();
  for (const [key, value] of Object.entries(holidays)) {
    daysOff.add(parseKey(key));
    // Values look like "Spring Festival,春节,4" (English name, Chinese name, length).
    const chineseName = value.split(',')[1];
    const year = Number(key.slice(0, 4));
    if (chineseName === '春节') springFestivalYears.add(year);
    if (chineseName === '国庆节') nationalDayYears.add(year);
  }
  const extraWorkdays = new Set<number>();
  for (const key of Object.keys(workdays)) extraWorkdays.add(parseKey(key));

  const covered = [...springFestivalYears].filter((y) => nationalDayYears.has(y));
  if (covered.length === 0) throw new Error('chinese-days 数据中没有任何完整年份的节假日安排');
  const lastYear = Math.max(...covered);
  let firstYear = lastYear;
  while (springFestivalYears.has(firstYear - 1) && nationalDayYears.has(firstYear - 1)) firstYear--;

  table = { coverage: { firstYear, lastYear }, daysOff, extraWorkdays };
  return table;
}

/**
 * The years for which chinese-days has real holiday and 调休 data (chinese-days 1.5.7: 2004..2026),
 * derived from the package's data file (see module header). Outside this range every working-day
 * function refuses instead of guessing Mon–Fri.
 */
export function workdayCoverage(): WorkdayCoverage {
  const { firstYear, lastYear } = workdayTable().coverage;
  return { firstYear, lastYear };
}

function uncovered(year: number, coverage: WorkdayCoverage, what: string): { ok: false; message: string; help: string; uncovered: { year: number; coverage: WorkdayCoverage } } {
  return {
    ok: false,
    uncovered: { year, coverage },
    message: `没有${year}年的法定节假日和调休安排数据（chinese-days 只覆盖${coverage.firstYear}年至${coverage.lastYear}年），无法${what}`,
    help: '国务院公布该年的放假安排后请升级 chinese-days；不要按“周一至周五上班”推测',
  };
}

function invalidDate(date: CalendarDate): { ok: false; message: string } {
  return { ok: false, message: `无效的日期 ${describe(date)}` };
}

function isValidDateValue(date: CalendarDate): boolean {
  return date !== null && typeof date === 'object' && isValidDate(date.y, date.m, date.d);
}

/** Working-day status of a covered day number. INVARIANT: caller checked coverage. */
function isWorkdayNumber(t: WorkdayTable, n: number): boolean {
  if (t.extraWorkdays.has(n)) return true; // 调休上班日
  const weekday = weekdayOfDayNumber(n);
  return weekday <= 5 && !t.daysOff.has(n);
}

/**
 * Is `date` a working day in mainland China? 调休上班日 (e.g. Sunday 2024-09-29) → true;
 * 法定节假日 and swapped rest days (e.g. 2024-10-01, 2024-10-04 Friday) → false; otherwise Mon–Fri.
 * Refused (`ok: false`, message names the year) outside `workdayCoverage()` or for an invalid date.
 */
export function isWorkday(date: CalendarDate): CalendarResult<boolean> {
  if (!isValidDateValue(date)) return invalidDate(date);
  const t = workdayTable();
  if (date.y < t.coverage.firstYear || date.y > t.coverage.lastYear) {
    return uncovered(date.y, t.coverage, `判断${formatChinese(date)}是否为工作日`);
  }
  return { ok: true, value: isWorkdayNumber(t, dayNumber(date)) };
}

function nthWorkdayAfter(start: CalendarDate, n: number, what: string): CalendarResult<CalendarDate> {
  if (!isValidDateValue(start)) return invalidDate(start);
  if (!Number.isSafeInteger(n) || n < 0) {
    return { ok: false, message: `工作日数必须是非负整数，这里是${n}` };
  }
  const t = workdayTable();
  const first = dayNumber({ y: t.coverage.firstYear, m: 1, d: 1 });
  const last = dayNumber({ y: t.coverage.lastYear, m: 12, d: 31 });
  let day = dayNumber(start);
  let remaining = n;
  // INVARIANT: the days examined are exactly start+1 … result; the start day itself is never
  // counted (《民法典》第二百零一条), so it does not need to be covered. The loop is bounded by
  // the coverage window, whatever n is.
  while (remaining > 0) {
    day++;
    if (day < first || day > last) {
      const year = day > MAX_DAY_NUMBER ? MAX_YEAR + 1 : fromDayNumber(day).y;
      return uncovered(year, t.coverage, what);
    }
    if (isWorkdayNumber(t, day)) remaining--;
  }
  return { ok: true, value: fromDayNumber(day) };
}

/**
 * The n-th working day after `start` (the start day itself is not counted, 《民法典》第二百零一条):
 * addWorkdays(2024-09-27 Fri, 1) → 2024-09-29 (Sunday, 调休上班日); addWorkdays(2024-09-30, 1) → 2024-10-08.
 * `n = 0` returns `start` unchanged (nothing is examined), so addWorkdays(addWorkdays(s, a), b) ===
 * addWorkdays(s, a + b). A 调休上班日 counts as one working day; holidays and weekends are skipped.
 * Refused when `n` is not a non-negative integer, or when a day from start+1 up to the result
 * lies outside `workdayCoverage()` (the message names that year).
 */
export function addWorkdays(start: CalendarDate, n: number): CalendarResult<CalendarDate> {
  return nthWorkdayAfter(start, n, `从${isValidDateValue(start) ? formatChinese(start) : '该日'}起计算${n}个工作日`);
}

/**
 * Last day of the period "n个工作日内" that starts on `start` (counting from the next day,
 * 《民法典》第二百零一条): the n-th working day after `start`. The period ends at 24:00 of that day
 * (第二百零三条). Because that day is itself a working day, the 第二百零三条 extension for a period
 * ending on a holiday never applies, so the value equals `addWorkdays(start, n)` for n ≥ 1.
 * Refused for n < 1 ("0个工作日内" is not a period), non-integers, or outside coverage.
 */
export function workdayDeadline(start: CalendarDate, n: number): CalendarResult<CalendarDate> {
  if (!Number.isSafeInteger(n) || n < 1) {
    return { ok: false, message: `“n个工作日内”的n必须是正整数，这里是${n}` };
  }
  return nthWorkdayAfter(
    start,
    n,
    `计算${isValidDateValue(start) ? formatChinese(start) : '该日'}起${n}个工作日内的期限`,
  );
}
