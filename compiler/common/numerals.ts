/**
 * Exact numeral conversion for the ZhengCe DSL.
 * Input: the text of one numeral as the lexer cut it out (no surrounding spaces,
 * no sign). Output: an exact `Decimal`, or a one-sentence Chinese error message
 * with an optional `help` that spells out an explicit replacement.
 * Also: `formatChineseNumeral` (integer → canonical Chinese) and `isNumeralChar`.
 *
 * Accepted forms
 *  - Arabic: digits `0-9` / `０-９` (may be mixed), optional one `.`/`．` with digits on
 *    both sides, optional multiplier suffix `万` (10^4), `亿` (10^8) or `万亿` (10^12):
 *    "3.6", "１．５", "1.5万" = 15000, "2亿", "007" = 7 (leading zeros are accepted
 *    for Arabic digits; they cannot change the value).
 *  - Chinese integers in the standard reading: digits 零〇一二三四五六七八九 and 两,
 *    units 十百千, multipliers 万亿 (亿 may repeat recursively: 一万亿 = 10^12,
 *    一亿亿 = 10^16); financial capitals 壹贰叁肆伍陆柒捌玖拾佰仟 are equivalent to
 *    their ordinary forms (and may be mixed with them). Tolerated variants of the
 *    canonical form (`formatChineseNumeral`): a leading "一十" (一十二 = 十二 = 12,
 *    壹拾贰), 〇 for 零, and 两 for 二 where 两 is idiomatic (see below).
 *  - Chinese decimals with 点: "三点六" = 3.6, "零点五", optionally followed by a
 *    multiplier: "三点六万" = 36000 (the integer part then may not contain 万/亿).
 *
 * Rejected forms (never a guessed value): empty text; colloquial elisions
 * ("一百一", "一千五", "三万五", "两万五"); digit runs ("五六" is an approximation,
 * "二〇二四" a digit-by-digit reading); doubled or misordered units ("十十", "一百百",
 * "一十百"); missing digits ("百", "一千百"); a bare 十 inside a number ("一百十二" —
 * write 一百一十二); misplaced 零 ("零五", "一百零", "一百零零五", "一千零五百") or
 * missing 零 ("一千五十"); 两 before 十 or as a units digit ("两十", "一百两", "十两");
 * Arabic digits mixed with Chinese digits or units ("1百", "3千", "1万5", "3点6");
 * several decimal points; any other character (signs, separators, spaces).
 *
 * INVARIANT: an accepted Chinese integer part, after mapping 〇→零, capitals→ordinary
 * forms, 两→二 and dropping a leading "一" from "一十", is exactly
 * `formatChineseNumeral(value)`. `parseNumeral` enforces this as a final check, so
 * every accepted Chinese numeral has exactly one reading.
 */

import {
  type Decimal,
  decAdd,
  decFromBigInt,
  decimal,
  decIsInteger,
  decShift,
  decToBigInt,
  decToString,
  parseDecimal,
} from './decimal.js';

/** Result of `parseNumeral`: a value, or a Chinese one-sentence message and optional help. */
export type NumeralResult = { ok: true; value: Decimal } | { ok: false; message: string; help?: string };

// ---------------------------------------------------------------------------
// Character classes

const CN_DIGITS: ReadonlyMap<string, number> = new Map([
  ['一', 1], ['二', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9],
  ['两', 2],
  ['壹', 1], ['贰', 2], ['叁', 3], ['肆', 4], ['伍', 5], ['陆', 6], ['柒', 7], ['捌', 8], ['玖', 9],
]);
const CN_ZEROS = new Set(['零', '〇']);
const CN_UNITS: ReadonlyMap<string, 10 | 100 | 1000> = new Map([
  ['十', 10], ['百', 100], ['千', 1000],
  ['拾', 10], ['佰', 100], ['仟', 1000],
] as const);
const CN_MULTS: ReadonlyMap<string, 4 | 8> = new Map([['万', 4], ['亿', 8]] as const);
const FINANCIAL = new Set(['壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖', '拾', '佰', '仟']);

const STD_DIGIT = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const TO_FINANCIAL: Readonly<Record<string, string>> = {
  一: '壹', 二: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒', 八: '捌', 九: '玖',
  十: '拾', 百: '佰', 千: '仟',
};
const STD_UNIT: Readonly<Record<number, string>> = { 10: '十', 100: '百', 1000: '千' };
const UNIT_EXP = { 10: 1, 100: 2, 1000: 3 } as const;

/** ASCII or full-width digit value, or -1. */
function arabicDigit(ch: string): number {
  const c = ch.charCodeAt(0);
  // Stryker disable next-line ConditionalExpression: callers pass one code point (isNumeralChar checks the length first); an astral one starts with a surrogate, in no digit range, so the guard never decides
  if (ch.length !== 1) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}
const isArabicPoint = (ch: string): boolean => ch === '.' || ch === '．';

/**
 * Whether `ch` (one character) can start or continue a numeral run, for the lexer:
 * ASCII and full-width digits, 零〇一二三四五六七八九十百千万亿两 and the financial
 * capitals 壹贰叁肆伍陆柒捌玖拾佰仟.
 *
 * Decimal points (`.`, `．`, `点`) are deliberately excluded: a point belongs to a
 * numeral only when numeral characters stand on both sides of it (cf. 重点, 地点),
 * which the lexer must check with one character of lookahead. Note that these are
 * character-level facts only: words such as 统一, 万一, 百姓, 千万 contain numeral
 * characters, and telling them apart is the lexer's business.
 */
export function isNumeralChar(ch: string): boolean {
  // Stryker disable next-line ConditionalExpression: arabicDigit and the four lookups are all false for a text that is not one character
  if (ch.length !== 1) return false;
  return arabicDigit(ch) >= 0 || CN_DIGITS.has(ch) || CN_ZEROS.has(ch) || CN_UNITS.has(ch) || CN_MULTS.has(ch);
}

// ---------------------------------------------------------------------------
// Formatting

const E4 = 10000n;
const E8 = 100000000n;

/** Canonical Chinese for 1..9999; `atStart` allows the bare leading 十 (十二, not 一十二). */
function formatSection(n: number, atStart: boolean): string {
  let out = '';
  let emitted = false;
  let gap = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.floor(n / 10 ** pos) % 10;
    if (d === 0) {
      if (emitted) gap = true;
      continue;
    }
    if (gap) out += '零';
    gap = false;
    if (pos === 1 && d === 1 && atStart && !emitted) out += '十';
    else out += STD_DIGIT[d]! + (pos > 0 ? STD_UNIT[10 ** pos]! : '');
    emitted = true;
  }
  return out;
}

/** Canonical Chinese for 1..10^8-1. */
function formatBelowYi(n: bigint, atStart: boolean): string {
  const hi = Number(n / E4);
  const lo = Number(n % E4);
  if (hi === 0) return formatSection(lo, atStart);
  let out = formatSection(hi, atStart) + '万';
  if (lo === 0) return out;
  if (lo < 1000) out += '零';
  return out + formatSection(lo, false);
}

/** Canonical Chinese for n ≥ 1. */
function formatPositive(n: bigint, atStart: boolean): string {
  if (n < E8) return formatBelowYi(n, atStart);
  const high = n / E8;
  const low = n % E8;
  let out = formatPositive(high, atStart) + '亿';
  if (low === 0n) return out;
  if (low < 10000000n) out += '零';
  return out + formatBelowYi(low, false);
}

/**
 * Canonical Chinese numeral for a non-negative integer, using 零一二三四五六七八九十百千万亿:
 * 0 → "零", 10 → "十", 12 → "十二", 110 → "一百一十", 1050 → "一千零五十",
 * 10001 → "一万零一", 100000 → "十万", 10^8 → "一亿", 100010000 → "一亿零一万",
 * 10^12 → "一万亿", 10^16 → "一亿亿".
 * Rules: a bare 十 only at the very start of the number; one 零 for every run of
 * skipped positions between non-zero digits (across 万/亿 boundaries too); 亿 is
 * applied recursively to the part above 10^8.
 * INVARIANT: `parseNumeral(formatChineseNumeral(n))` yields `n`.
 * @throws RangeError if `n < 0` (programmer error).
 */
export function formatChineseNumeral(n: bigint): string {
  if (n < 0n) throw new RangeError(`formatChineseNumeral: negative value ${n}`);
  if (n === 0n) return '零';
  if (n < SMALL) {
    // (the binder labels every 条款 number part: the same few numbers, each formatted once per process)
    const k = Number(n);
    return (smallNumerals[k] ??= formatPositive(n, true));
  }
  return formatPositive(n, true);
}

/** Numbers below this are formatted once (`smallNumerals`, by number); preallocated: fast holey elements. */
const SMALL = 1024n;
const smallNumerals: (string | undefined)[] = new Array<string | undefined>(Number(SMALL));

// ---------------------------------------------------------------------------
// Parsing

type Tok =
  | { kind: 'digit'; value: number; liang: boolean; i: number }
  | { kind: 'zero'; i: number }
  | { kind: 'unit'; value: 10 | 100 | 1000; i: number }
  | { kind: 'mult'; exp: 4 | 8; i: number }
  | { kind: 'point'; i: number };

type Fail = { ok: false; message: string; help?: string };

function fail(message: string, help?: string): Fail {
  return help === undefined ? { ok: false, message } : { ok: false, message, help };
}

const ok = (value: Decimal): NumeralResult => ({ ok: true, value });

/**
 * Parse one numeral exactly. See the module header for the accepted language.
 * Never throws; never returns a guessed value: anything ambiguous or non-standard
 * is an error whose `message` is one Chinese sentence and whose `help`, when
 * present, gives an explicit spelling to use instead.
 */
export function parseNumeral(input: string): NumeralResult {
  if (input.length === 0) return fail('数值为空');
  // Nearly every numeral of a policy is ASCII digits with at most one point between digits: the
  // general path below gives exactly parseDecimal(input) for those (no suffix, no message text).
  // Stryker disable next-line ConditionalExpression: a speed-up: the general path below gives the same result for every input plainAscii accepts
  if (plainAscii(input)) return ok(parseDecimal(input)!);
  const chars = Array.from(input);
  // From here on `text` is only used inside messages.
  const text = display(chars);

  let hasArabic = false;
  for (const ch of chars) {
    if (arabicDigit(ch) >= 0) {
      hasArabic = true;
      continue;
    }
    if (isArabicPoint(ch) || ch === '点' || CN_DIGITS.has(ch) || CN_ZEROS.has(ch) || CN_UNITS.has(ch) || CN_MULTS.has(ch)) {
      continue;
    }
    if (ch === ',' || ch === '，' || ch === '、' || ch === "'" || ch === '_') {
      const fixed = chars.filter((c) => c !== ch).join('');
      // INVARIANT: `fixed` is shorter than the input, so this recursion terminates.
      return fail(`“${text}”中不能使用分隔符“${ch}”`, fixed !== '' && parseNumeral(fixed).ok ? `请去掉分隔符，写作“${fixed}”` : undefined);
    }
    // Stryker disable next-line Regex: ch is one code point, so ^\s$, \s$ and ^\s match the same characters
    if (/^\s$/u.test(ch)) return fail(`“${text}”中含有空白字符`);
    return fail(`“${text}”中的“${display([ch])}”不是数字字符`);
  }
  return hasArabic ? parseArabic(text, chars) : parseChinese(text, chars);
}

/** ASCII digits, with at most one `.` that has a digit on each side. */
function plainAscii(s: string): boolean {
  let point = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) continue;
    if (c !== 0x2e || point || i === 0 || i === s.length - 1) return false;
    point = true;
  }
  return true;
}

/** A numeral character or point: a visible digit or Han character (display need not ask INVISIBLE). */
function visibleNumeral(c: string): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a speed-up: numeral characters and points are visible digits and Han characters, for which INVISIBLE.test is false
  return isNumeralChar(c) || isArabicPoint(c) || c === '点';
}

const MAX_SHOWN = 24;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * Input text as quoted in a message: invisible and control characters as \u{…}
 * escapes (keeps messages one line), long inputs cut to MAX_SHOWN characters plus "…".
 */
function display(chars: readonly string[]): string {
  // (a numeral character or point is a visible digit or Han character: no need to ask the regular expression)
  const shown = chars.slice(0, MAX_SHOWN).map((c) =>
    visibleNumeral(c) || !INVISIBLE.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
  return shown.join('') + (chars.length > MAX_SHOWN ? '…' : '');
}

// ---- Arabic -----------------------------------------------------------------

function parseArabic(text: string, chars: string[]): NumeralResult {
  // Multiplier suffix: 万亿 / 亿 / 万.
  let body = chars;
  let exp = 0;
  const n = chars.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the text holds an Arabic digit: for n < 2 chars[n - 2] is undefined, and no 2-character text of it is 万亿
  if (n >= 2 && chars[n - 2] === '万' && chars[n - 1] === '亿') {
    exp = 12;
    body = chars.slice(0, n - 2);
  } else if (chars[n - 1] === '亿' || chars[n - 1] === '万') {
    exp = CN_MULTS.get(chars[n - 1]!)!;
    body = chars.slice(0, n - 1);
  }
  const suffix = chars.slice(body.length).join('');

  if (!body.every((c) => arabicDigit(c) >= 0 || isArabicPoint(c))) return mixedError(text, body, suffix);

  const points = body.filter(isArabicPoint).length;
  if (points > 1) return fail(`“${text}”中有多个小数点`);
  const ascii = body.map((c) => (isArabicPoint(c) ? '.' : String(arabicDigit(c)))).join('');
  const d = parseDecimal(ascii);
  if (d === undefined) return fail(`“${text}”的小数点前后都必须有数字`);
  return ok(decShift(d, exp));
}

/** Error for Arabic digits mixed with Chinese numeral characters, with the best help we can give. */
function mixedError(text: string, body: string[], suffix: string): Fail {
  const message = `“${text}”混用了阿拉伯数字和汉字数字`;
  const asAscii = (cs: string[]): string =>
    cs.map((c) => (isArabicPoint(c) ? '.' : arabicDigit(c) >= 0 ? String(arabicDigit(c)) : '?')).join('');
  const last = body[body.length - 1];
  const head = body.slice(0, -1);
  // "3千", "1百", "1.5千", "3千万": Arabic number + one unit (+ multiplier suffix).
  // Stryker disable next-line MethodExpression: asAscii turns any other character into '?', which parseDecimal refuses, so some and every lead to the same result
  if (last !== undefined && CN_UNITS.has(last) && head.every((c) => arabicDigit(c) >= 0 || isArabicPoint(c))) {
    const d = parseDecimal(asAscii(head));
    if (d !== undefined) {
      const unitExp = UNIT_EXP[CN_UNITS.get(last)!];
      const arabic = decToString(decShift(d, unitExp)) + suffix;
      const total = decShift(d, unitExp + (suffix === '万亿' ? 12 : suffix === '' ? 0 : CN_MULTS.get(suffix)!));
      if (decIsInteger(total)) return fail(message, `请写作“${arabic}”或“${formatChineseNumeral(decToBigInt(total))}”`);
      return fail(message, `请写作“${arabic}”`);
    }
  }
  // "3点6": Arabic digits around 点.
  const all = [...body, ...Array.from(suffix)];
  const pointAt = all.indexOf('点');
  if (pointAt >= 0 && all.every((c, k) => k === pointAt || arabicDigit(c) >= 0 || (k >= body.length && CN_MULTS.has(c)))) {
    const fixed = all.map((c, k) => (k === pointAt ? '.' : c)).join('');
    if (parseArabic(fixed, Array.from(fixed)).ok) return fail(message, `请写作“${fixed}”`);
  }
  return fail(message, '请全部使用阿拉伯数字或全部使用汉字数字');
}

// ---- Chinese ----------------------------------------------------------------

function tokenize(chars: string[]): Tok[] {
  const toks: Tok[] = [];
  chars.forEach((ch, i) => {
    const dv = CN_DIGITS.get(ch);
    if (dv !== undefined) toks.push({ kind: 'digit', value: dv, liang: ch === '两', i });
    else if (CN_ZEROS.has(ch)) toks.push({ kind: 'zero', i });
    else if (CN_UNITS.has(ch)) toks.push({ kind: 'unit', value: CN_UNITS.get(ch)!, i });
    else if (CN_MULTS.has(ch)) toks.push({ kind: 'mult', exp: CN_MULTS.get(ch)!, i });
    else toks.push({ kind: 'point', i }); // only 点 reaches here
  });
  return toks;
}

/** Helpers shared by the Chinese parser for one input text. */
class ChineseCtx {
  readonly financial: boolean;
  constructor(
    readonly text: string,
    readonly chars: readonly string[],
    readonly toks: readonly Tok[],
  ) {
    this.financial = chars.some((c) => FINANCIAL.has(c));
  }

  /** Standard numeral characters converted to the style of the input (financial capitals or not). */
  style(s: string): string {
    return this.financial ? Array.from(s, (c) => TO_FINANCIAL[c] ?? c).join('') : s;
  }

  /** A whole canonical number in the style of the input (financial amounts write 壹拾, not 拾). */
  styleNumber(canon: string): string {
    return this.financial && canon.startsWith('十') ? this.style('一' + canon) : this.style(canon);
  }

  /** The text with `ins` inserted before char index `at` and chars in `replace` substituted. */
  edit(at: number, ins: string, replace: ReadonlyMap<number, string> = new Map(), drop: ReadonlySet<number> = new Set()): string {
    let out = '';
    for (let k = 0; k <= this.chars.length; k++) {
      if (k === at) out += ins;
      if (k < this.chars.length && !drop.has(k)) out += replace.get(k) ?? this.chars[k]!;
    }
    return out;
  }

  without(...idx: number[]): string {
    // Stryker disable next-line UnaryOperator,StringLiteral: the loop never reaches index -1, and at index 1 the inserted text is empty
    return this.edit(-1, '', new Map(), new Set(idx));
  }
}

/** "“一千百”中“百”", or just "“百”" when the text is that one character. */
function inText(text: string, what: string): string {
  return text === what ? `“${what}”` : `“${text}”中“${what}”`;
}

function unitName(value: number): string {
  return STD_UNIT[value]!;
}
function multName(exp: 4 | 8): string {
  return exp === 4 ? '万' : '亿';
}

/**
 * A digit token at position k is in "elision position" when it directly follows a unit
 * of at least 百 (or a multiplier) and closes its section: 一百一, 一千五, 三万五, 一百一万.
 */
function isElision(toks: readonly Tok[], k: number): boolean {
  const prev = toks[k - 1];
  const next = toks[k + 1];
  if (prev === undefined) return false;
  const closesSection = next === undefined || next.kind === 'point' || next.kind === 'mult';
  if (prev.kind === 'unit') return prev.value >= 100 && closesSection;
  if (prev.kind === 'mult') return next === undefined || next.kind === 'point';
  return false;
}

/** Whether 两 at token k is idiomatic: standalone, before 百/千, or a whole section before 万/亿. */
function liangAllowed(toks: readonly Tok[], k: number): boolean {
  const prev = toks[k - 1];
  const next = toks[k + 1];
  if (prev === undefined && next === undefined) return true;
  if (next?.kind === 'unit') return next.value >= 100;
  if (next?.kind === 'mult') return prev === undefined || prev.kind === 'zero' || prev.kind === 'mult';
  return false;
}

/**
 * Help text proposing `fixed`, or undefined if `fixed` is itself not accepted.
 * Terminates: every caller's edit strictly removes one defect (a character, a 两,
 * a digit-less unit), so the recursive `parseNumeral` calls form a finite chain.
 */
function suggest(fixed: string): string | undefined {
  return parseNumeral(fixed).ok ? `请写作“${fixed}”` : undefined;
}

function elisionError(ctx: ChineseCtx, k: number): Fail {
  const { toks, text } = ctx;
  const digit = toks[k] as Extract<Tok, { kind: 'digit' }>;
  const prev = toks[k - 1]!;
  const next = toks[k + 1];
  const implied =
    prev.kind === 'unit' ? unitName(prev.value / 10) : prev.kind === 'mult' ? (prev.exp === 4 ? '千' : '千万') : '';
  // 两 cannot stand before 十: spell the digit as 二 when 十 is the implied unit.
  const replace = new Map<number, string>();
  if (digit.liang && implied === '十') replace.set(digit.i, '二');
  const withUnit = ctx.edit(digit.i + 1, ctx.style(implied), replace);
  const message = `“${text}”是口语省略写法，数值有歧义`;
  if (next?.kind === 'point') {
    const r2 = new Map<number, string>();
    if (digit.liang) r2.set(digit.i, '二');
    const options = [withUnit, ctx.edit(digit.i, '零', r2)].filter((o) => parseNumeral(o).ok);
    return fail(message, options.length > 0 ? `请写作${options.map((o) => `“${o}”`).join('或')}` : undefined);
  }
  const re = parseNumeral(withUnit);
  return fail(message, re.ok ? `请写作“${withUnit}”或“${decToString(re.value)}”` : undefined);
}

function parseChinese(text: string, chars: string[]): NumeralResult {
  const pointChar = chars.find(isArabicPoint);
  if (pointChar !== undefined) {
    const fixed = chars.map((c) => (isArabicPoint(c) ? '点' : c)).join('');
    return fail(`“${text}”中汉字数字不能与小数点“${pointChar}”连用`, suggest(fixed));
  }
  const toks = tokenize(chars);
  const ctx = new ChineseCtx(text, chars, toks);

  const pointIdx = toks.findIndex((t) => t.kind === 'point');
  if (pointIdx >= 0 && toks.findIndex((t, k) => k > pointIdx && t.kind === 'point') >= 0) {
    return fail(`“${text}”中有多个小数点`);
  }

  // A run of bare digits ("五六", "二〇二四", "〇〇七") is an approximation or a
  // digit-by-digit reading, never a positional numeral.
  if (toks.length >= 2 && toks.every((t) => t.kind === 'digit' || t.kind === 'zero')) {
    const n = BigInt(toks.map((t) => (t.kind === 'digit' ? t.value : 0)).join(''));
    return fail(
      `“${text}”是逐位读法或约数写法，数值有歧义`,
      `若指${n}，请写作“${n}”或“${formatChineseNumeral(n)}”`,
    );
  }

  // Doubled units (十十, 百百, 一百百, 万万); 亿亿 is the legitimate 10^16 reading.
  for (let k = 1; k < toks.length; k++) {
    const a = toks[k - 1]!;
    const b = toks[k]!;
    if (a.kind === 'unit' && b.kind === 'unit' && a.value === b.value) return fail(`“${text}”中单位“${unitName(b.value)}”重复`);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: only multiplier tokens have an exp, so a.exp === 4 && b.exp === 4 alone already means 万万
    if (a.kind === 'mult' && b.kind === 'mult' && a.exp === 4 && b.exp === 4) return fail(`“${text}”中单位“万”重复`);
  }

  const intEnd = pointIdx >= 0 ? pointIdx : toks.length;
  if (intEnd === 0) return fail(`“${text}”缺少整数部分`, suggest(ctx.edit(0, '零')));
  const intRes = parseChineseInt(ctx, intEnd);
  if (!intRes.ok) return intRes;
  // Stryker disable next-line EqualityOperator: pointIdx = 0 means no integer part, refused above (intEnd === 0)
  if (pointIdx < 0) return ok(decFromBigInt(intRes.value));

  // Fractional part: bare digits, then an optional multiplier suffix 万 / 亿 / 万亿.
  let k = pointIdx + 1;
  let fracDigits = '';
  for (; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind === 'zero') fracDigits += '0';
    else if (t.kind === 'digit') {
      if (t.liang) return fail(`“${text}”的小数部分不能用“两”`, suggest(ctx.edit(-1, '', new Map([[t.i, '二']]))));
      fracDigits += String(t.value);
    } else break;
  }
  if (fracDigits === '') return fail(`“${text}”的“点”后缺少数字`);
  let exp = 0;
  const rest = toks.slice(k);
  if (rest.length > 0) {
    // Stryker disable next-line OptionalChaining: isMult is only called on rest[0] and rest[1] of a two-element rest
    const isMult = (t: Tok | undefined, e: 4 | 8): boolean => t?.kind === 'mult' && t.exp === e;
    if (rest.length === 1 && rest[0]!.kind === 'mult') exp = rest[0]!.exp;
    else if (rest.length === 2 && isMult(rest[0], 4) && isMult(rest[1], 8)) exp = 12;
    else if (rest[0]!.kind === 'unit') {
      return fail(`“${text}”的小数部分不能带单位“${unitName(rest[0]!.value)}”`, '小数部分请逐位书写，如“三点六”');
    } else return fail(`“${text}”不是规范的中文数字写法`);
    if (toks.slice(0, pointIdx).some((t) => t.kind === 'mult')) {
      return fail(`“${text}”中小数后的“${rest.map((t) => (t.kind === 'mult' ? multName(t.exp) : '')).join('')}”与整数部分的单位重复`, '请改用阿拉伯数字书写');
    }
  }
  const value = decAdd(decFromBigInt(intRes.value), decimal(BigInt(fracDigits), fracDigits.length));
  return ok(decShift(value, exp));
}

/**
 * Parse the integer tokens `toks[0..end)` structurally, then check the canonical-form
 * INVARIANT (see module header).
 */
function parseChineseInt(ctx: ChineseCtx, end: number): { ok: true; value: bigint } | Fail {
  const { toks, text } = ctx;
  let total = 0n; // value above the current 亿 group, already multiplied out
  let wan = 0n; // 万 part of the current 亿 group
  let section = 0n; // current section (< 10^4)
  let lastUnit = 10000; // last unit used in the section, units must strictly decrease
  let wanSeen = false;
  let pending: Extract<Tok, { kind: 'digit' }> | undefined;
  let bareTen = false;

  const closeSection = (): Fail | undefined => {
    if (pending === undefined) return undefined;
    const k = toks.indexOf(pending);
    if (isElision(toks, k)) return elisionError(ctx, k);
    section += BigInt(pending.value);
    pending = undefined;
    return undefined;
  };

  for (let k = 0; k < end; k++) {
    const t = toks[k]!;
    const prev = toks[k - 1];
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: past end lies only the point token, which the zero case (the only reader of next) treats like the end: the same 多余的零 and help
    const next = k + 1 < end ? toks[k + 1] : undefined;
    switch (t.kind) {
      case 'zero': {
        if (k === 0) {
          if (end === 1) break; // "零", "零点五"
          return fail(`“${text}”开头的“零”多余`, suggest(ctx.without(t.i)));
        }
        if (next?.kind === 'zero') return fail(`“${text}”中“零”重复`, suggest(ctx.without(t.i)));
        // 零 before a bare 十 (一万零十) is a missing 一, reported by the canonical check.
        if (next === undefined || !(next.kind === 'digit' || (next.kind === 'unit' && next.value === 10))) {
          return fail(`“${text}”中有多余的“零”`, suggest(ctx.without(t.i)));
        }
        break;
      }
      case 'digit': {
        const after = toks[k + 1];
        if (after?.kind === 'digit' || after?.kind === 'zero') {
          return fail(`“${text}”中数字连写，可能是约数写法，数值有歧义`, '请写出确切数值');
        }
        if (t.liang && !liangAllowed(toks, k) && !isElision(toks, k)) {
          const fixed = ctx.edit(-1, '', new Map([[t.i, ctx.style('二')]]));
          return after?.kind === 'unit' && after.value === 10
            ? fail(`“${text}”中“两”不能用在“十”前`, suggest(fixed))
            : fail(`“${text}”中“两”不能用作个位数`, suggest(fixed));
        }
        pending = t;
        break;
      }
      case 'unit': {
        let digit: number;
        if (pending !== undefined) {
          digit = pending.value;
          pending = undefined;
        } else if (t.value === 10 && prev === undefined) {
          digit = 1; // leading bare 十: 十二, 十万
        // Stryker disable next-line EqualityOperator,BlockStatement: prev.value is lastUnit, so the lastUnit check below gives the same message; equal units are refused before parsing
        } else if (prev?.kind === 'unit' && prev.value < t.value) {
          return fail(`“${text}”中单位顺序错误，“${unitName(t.value)}”不能在“${unitName(prev.value)}”之后`);
        } else if (t.value === 10 && prev !== undefined) {
          digit = 1; // 一百十二, 一万零十: reported below by the canonical check
          bareTen = true;
        } else {
          return fail(`${inText(text, ctx.chars[t.i]!)}前缺少数字`, suggest(ctx.edit(t.i, ctx.style('一'))));
        }
        if (t.value >= lastUnit) {
          return t.value === lastUnit
            ? fail(`“${text}”中单位“${unitName(t.value)}”重复`)
            : fail(`“${text}”中单位顺序错误，“${unitName(t.value)}”不能在“${unitName(lastUnit)}”之后`);
        }
        section += BigInt(digit * t.value);
        lastUnit = t.value;
        break;
      }
      case 'mult': {
        const err = closeSection();
        if (err) return err;
        if (t.exp === 4) {
          if (section === 0n) return fail(`${inText(text, '万')}前缺少数字`, suggest(ctx.edit(t.i, '一')));
          if (wanSeen) return fail(`“${text}”中单位“万”重复`);
          wan = section * E4;
          wanSeen = true;
        } else {
          const v = total + wan + section;
          if (v === 0n) return fail(`${inText(text, '亿')}前缺少数字`, suggest(ctx.edit(t.i, '一')));
          // INVARIANT: everything before this 亿 is the multiplier of 10^8 (一万亿, 一亿亿).
          total = v * E8;
          wan = 0n;
          wanSeen = false;
        }
        section = 0n;
        lastUnit = 10000;
        break;
      }
      // Stryker disable next-line ConditionalExpression,StringLiteral: end stops before the point, so no point token reaches this switch
      case 'point':
        break; // unreachable: end stops before the point
    }
  }
  const err = closeSection();
  if (err) return err;
  const value = total + wan + section;

  // Canonical-form check (module INVARIANT).
  let normal = '';
  for (let k = 0; k < end; k++) {
    const t = toks[k]!;
    normal +=
      t.kind === 'zero' ? '零' : t.kind === 'digit' ? STD_DIGIT[t.value]! : t.kind === 'unit' ? unitName(t.value) : t.kind === 'mult' ? multName(t.exp) : '';
  }
  if (normal.startsWith('一十')) normal = normal.slice(1);
  const canon = formatChineseNumeral(value);
  if (normal === canon) return { ok: true, value };

  const restText = ctx.chars.slice(end < toks.length ? toks[end]!.i : ctx.chars.length).join('');
  const fixed = ctx.styleNumber(canon) + restText;
  const help = restText === '' || parseNumeral(fixed).ok ? `请写作“${fixed}”` : undefined;
  const zeros = (s: string): number => Array.from(s).filter((c) => c === '零').length;
  if (bareTen) return fail(`“${text}”中“十”前缺少“一”`, help);
  if (zeros(normal) > zeros(canon)) return fail(`“${text}”中有多余的“零”`, help);
  if (zeros(normal) < zeros(canon)) return fail(`“${text}”缺少占位的“零”`, help);
  return fail(`“${text}”不是规范的中文数字写法`, help);
}
