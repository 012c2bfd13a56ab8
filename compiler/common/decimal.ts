/**
 * Exact decimal numbers for money, percentages and indicators.
 * Input: bigints, canonical decimal strings. Output: immutable `Decimal` values
 * `coeff / 10^scale`, exact arithmetic on them, and a canonical string form.
 *
 * No floating point is used anywhere: every operation is bigint arithmetic.
 *
 * INVARIANT (normal form): every `Decimal` produced by this module has
 * `scale >= 0` (a safe integer), and if `scale > 0` then `coeff % 10n !== 0n`;
 * zero is always `{ coeff: 0n, scale: 0 }`. Hence two decimals are numerically
 * equal iff their fields are equal, and `decToString` is a deterministic,
 * injective serialisation (the same value always prints the same text).
 * Code outside this module must build values through `decimal()` (or the other
 * constructors here), never as object literals, so the normal form holds.
 *
 * Note: `JSON.stringify` cannot serialise bigints; serialise with `decToString`
 * and read back with `parseDecimal`.
 */

/** An exact decimal `coeff / 10^scale`, always in normal form (see module INVARIANT). */
export interface Decimal {
  readonly coeff: bigint;
  readonly scale: number;
}

const POW10_CACHE: bigint[] = [1n];

/** 10^n as a bigint (n a non-negative safe integer). */
function pow10(n: number): bigint {
  // Stryker disable next-line EqualityOperator,ConditionalExpression,BlockStatement: the cache is a speed-up: 10n ** BigInt(n) gives the same value for every n
  if (n < 64) {
    while (POW10_CACHE.length <= n) POW10_CACHE.push(POW10_CACHE[POW10_CACHE.length - 1]! * 10n);
    return POW10_CACHE[n]!;
  }
  return 10n ** BigInt(n);
}

function checkSafeInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${String(n)}`);
}

/** Build a decimal already known to satisfy `scale >= 0`; strips trailing zeros. */
function normalise(coeff: bigint, scale: number): Decimal {
  // Stryker disable next-line ConditionalExpression: without the shortcut the stripping loops bring a zero to { coeff: 0n, scale: 0 }, equal to ZERO
  if (coeff === 0n) return ZERO;
  let c = coeff;
  let s = scale;
  // Strip trailing zeros quickly in chunks of 8, then one by one.
  // Stryker disable next-line EqualityOperator,ConditionalExpression,ArithmeticOperator: stripping eight zeros at a time is a speed-up: the one-by-one loop after it strips the rest
  while (s >= 8 && c % 100000000n === 0n) {
    c /= 100000000n;
    s -= 8;
  }
  while (s > 0 && c % 10n === 0n) {
    c /= 10n;
    s -= 1;
  }
  return { coeff: c, scale: s };
}

const ZERO: Decimal = { coeff: 0n, scale: 0 };

/**
 * The decimal `coeff / 10^scale`, normalised.
 * `scale` defaults to 0 and may be negative (meaning `coeff * 10^-scale`).
 * @throws RangeError if `scale` is not a safe integer (programmer error).
 */
export function decimal(coeff: bigint, scale = 0): Decimal {
  checkSafeInt(scale, 'decimal scale');
  // Stryker disable next-line EqualityOperator: at scale 0 both branches compute normalise(coeff, 0)
  if (scale < 0) return normalise(coeff * pow10(-scale), 0);
  return normalise(coeff, scale);
}

/** The integer `n` as a decimal. */
export function decFromBigInt(n: bigint): Decimal {
  // Stryker disable next-line ConditionalExpression: { coeff: 0n, scale: 0 } equals ZERO
  return n === 0n ? ZERO : { coeff: n, scale: 0 };
}

const DECIMAL_RE = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/**
 * Parse a plain ASCII decimal: optional leading `-`, one or more digits, optionally
 * `.` followed by one or more digits. Leading zeros and trailing fractional zeros
 * are accepted ("007.50" → 7.5); `-0` is zero. No exponent, no `+`, no spaces,
 * no ".5" or "5.".
 * @returns the normalised value, or `undefined` if `s` is not of that form.
 */
export function parseDecimal(s: string): Decimal | undefined {
  const m = DECIMAL_RE.exec(s);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const mag = BigInt(m[2]! + frac);
  return normalise(m[1] === '-' ? -mag : mag, frac.length);
}

/**
 * Canonical text of a decimal: optional `-`, integer digits without leading zeros
 * (a single "0" if the integer part is zero), then `.` and the fractional digits if
 * the value is not an integer. E.g. "1.5", "10000", "-0.25", "0".
 * `parseDecimal(decToString(d))` always equals `d`.
 */
export function decToString(d: Decimal): string {
  const neg = d.coeff < 0n;
  const digits = (neg ? -d.coeff : d.coeff).toString();
  if (d.scale === 0) return (neg ? '-' : '') + digits;
  const padded = digits.length <= d.scale ? '0'.repeat(d.scale - digits.length + 1) + digits : digits;
  const cut = padded.length - d.scale;
  return (neg ? '-' : '') + padded.slice(0, cut) + '.' + padded.slice(cut);
}

/** Coefficients of `a` and `b` brought to the common scale `max(a.scale, b.scale)`. */
function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  // Stryker disable next-line ConditionalExpression: with equal scales the last branch multiplies by 10^0 and returns the same triple
  if (a.scale === b.scale) return [a.coeff, b.coeff, a.scale];
  // Stryker disable next-line EqualityOperator: reached only with different scales (equal ones return above), where > and >= agree
  if (a.scale > b.scale) return [a.coeff, b.coeff * pow10(a.scale - b.scale), a.scale];
  return [a.coeff * pow10(b.scale - a.scale), b.coeff, b.scale];
}

/** Exact sum `a + b`. */
export function decAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, s] = align(a, b);
  return normalise(x + y, s);
}

/** Exact difference `a - b`. */
export function decSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, s] = align(a, b);
  return normalise(x - y, s);
}

/** Exact product `a * b`. */
export function decMul(a: Decimal, b: Decimal): Decimal {
  return normalise(a.coeff * b.coeff, a.scale + b.scale);
}

/** Exact negation `-d`. */
export function decNeg(d: Decimal): Decimal {
  // Stryker disable next-line ConditionalExpression: a normal zero has scale 0 and -0n === 0n: the result equals ZERO
  return d.coeff === 0n ? ZERO : { coeff: -d.coeff, scale: d.scale };
}

/** Sign of `d`: -1, 0 or 1. */
export function decSign(d: Decimal): -1 | 0 | 1 {
  return d.coeff < 0n ? -1 : d.coeff > 0n ? 1 : 0;
}

/** Numeric comparison: -1 if `a < b`, 0 if equal, 1 if `a > b`. */
export function decCmp(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const sa = decSign(a);
  const sb = decSign(b);
  // Stryker disable next-line EqualityOperator,ConditionalExpression: a speed-up: comparing the aligned coefficients gives the same answer when the signs differ
  if (sa !== sb) return sa < sb ? -1 : 1;
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Numeric equality (field equality, valid because of the normal form). */
export function decEq(a: Decimal, b: Decimal): boolean {
  return a.coeff === b.coeff && a.scale === b.scale;
}

/** Whether `d` is a whole number. */
export function decIsInteger(d: Decimal): boolean {
  return d.scale === 0;
}

/**
 * `d` as a bigint.
 * @throws Error if `d` is not an integer (programmer error: check `decIsInteger` first).
 */
export function decToBigInt(d: Decimal): bigint {
  if (d.scale !== 0) throw new Error(`decToBigInt: ${decToString(d)} is not an integer`);
  return d.coeff;
}

/**
 * Exact `d * 10^n`; `n` may be negative (division by a power of ten is exact too).
 * @throws RangeError if `n` is not a safe integer (programmer error).
 */
export function decShift(d: Decimal, n: number): Decimal {
  checkSafeInt(n, 'decShift amount');
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a speed-up: for a zero or n = 0 the branches below return an equal decimal
  if (d.coeff === 0n || n === 0) return d;
  // Stryker disable next-line EqualityOperator: n = 0 returns above
  if (n < 0) return normalise(d.coeff, d.scale - n);
  // Stryker disable next-line EqualityOperator: at n = d.scale both branches give { coeff, scale: 0 }
  if (n <= d.scale) return { coeff: d.coeff, scale: d.scale - n }; // still normal: coeff unchanged
  return { coeff: d.coeff * pow10(n - d.scale), scale: 0 };
}

/**
 * Quotient `a / b`.
 * If the quotient has at most `maxScale` fractional digits it is returned exactly
 * with `exact: true`; otherwise it is rounded half-to-even at `maxScale`
 * fractional digits and `exact` is false.
 * @param b must be non-zero (the caller guarantees it).
 * @throws RangeError if `b` is zero or `maxScale` is not a non-negative safe integer
 *   (programmer errors).
 */
export function decDivExact(a: Decimal, b: Decimal, maxScale = 20): { value: Decimal; exact: boolean } {
  checkSafeInt(maxScale, 'decDivExact maxScale');
  if (maxScale < 0) throw new RangeError('decDivExact maxScale must be >= 0');
  if (b.coeff === 0n) throw new RangeError('decDivExact: division by zero');
  // a/b = (a.coeff * 10^b.scale) / (b.coeff * 10^a.scale); scaled by 10^maxScale:
  // Stryker disable next-line EqualityOperator: b is not zero (checked above); a zero a gives a zero quotient, whose sign does not exist (-0n === 0n)
  const negative = a.coeff < 0n !== b.coeff < 0n;
  // Stryker disable next-line EqualityOperator: -0n === 0n
  const num = (a.coeff < 0n ? -a.coeff : a.coeff) * pow10(b.scale + maxScale);
  // Stryker disable next-line EqualityOperator: b is not zero (checked above)
  const den = (b.coeff < 0n ? -b.coeff : b.coeff) * pow10(a.scale);
  let q = num / den;
  const r = num % den;
  // INVARIANT: r === 0n iff a/b has at most maxScale fractional digits.
  // Stryker disable next-line ConditionalExpression: with r = 0 the rounding step adds nothing (2r > den and 2r = den are both false)
  if (r !== 0n) {
    const twice = 2n * r;
    if (twice > den || (twice === den && q % 2n === 1n)) q += 1n;
  }
  return { value: normalise(negative ? -q : q, maxScale), exact: r === 0n };
}
