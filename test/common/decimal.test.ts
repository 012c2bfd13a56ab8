import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Decimal,
  decAdd,
  decCmp,
  decDivExact,
  decEq,
  decFromBigInt,
  decimal,
  decIsInteger,
  decMul,
  decNeg,
  decShift,
  decSign,
  decSub,
  decToBigInt,
  decToString,
  parseDecimal,
} from '../../compiler/common/decimal.js';

const RUNS = { numRuns: 3000 };

/** Parse a literal that must be valid (test helper). */
const D = (s: string): Decimal => {
  const d = parseDecimal(s);
  if (d === undefined) throw new Error(`bad test literal ${s}`);
  return d;
};

/** Arbitrary decimals of up to ~30 digits and scale ≤ 30, built through the public constructor. */
const anyDec = fc
  .record({ coeff: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), scale: fc.integer({ min: 0, max: 30 }) })
  .map(({ coeff, scale }) => decimal(coeff, scale));
/** Small decimals, biased towards trailing zeros and short fractions. */
const smallDec = fc
  .record({ coeff: fc.bigInt({ min: -100000n, max: 100000n }), scale: fc.integer({ min: -3, max: 6 }) })
  .map(({ coeff, scale }) => decimal(coeff, scale));
const anyDecimalNumber = fc.oneof(anyDec, smallDec);

const isNormal = (d: Decimal): boolean =>
  Number.isSafeInteger(d.scale) && d.scale >= 0 && (d.scale === 0 || d.coeff % 10n !== 0n) && (d.coeff !== 0n || d.scale === 0);

describe('decimal construction and normal form', () => {
  it.each([
    [15n, 1, '1.5', 15n, 1],
    [150n, 2, '1.5', 15n, 1],
    [10000n, 0, '10000', 10000n, 0],
    [-25n, 2, '-0.25', -25n, 2],
    [0n, 7, '0', 0n, 0],
    [1000n, 3, '1', 1n, 0],
    [5n, -2, '500', 500n, 0],
    [1n, 20, '0.00000000000000000001', 1n, 20],
  ])('decimal(%s, %s) = %s', (coeff, scale, text, c, s) => {
    const d = decimal(coeff, scale);
    expect(decToString(d)).toBe(text);
    expect(d).toEqual({ coeff: c, scale: s });
  });

  it('defaults scale to 0', () => {
    expect(decimal(42n)).toEqual({ coeff: 42n, scale: 0 });
  });

  it('rejects a non-integer scale (programmer error)', () => {
    expect(() => decimal(1n, 0.5)).toThrow(RangeError);
    expect(() => decimal(1n, Number.NaN)).toThrow(RangeError);
  });

  it('decFromBigInt / decToBigInt / decIsInteger', () => {
    expect(decFromBigInt(-7n)).toEqual({ coeff: -7n, scale: 0 });
    expect(decFromBigInt(0n)).toEqual({ coeff: 0n, scale: 0 });
    expect(decToBigInt(D('120'))).toBe(120n);
    expect(decToBigInt(D('12.000'))).toBe(12n);
    expect(decIsInteger(D('12.000'))).toBe(true);
    expect(decIsInteger(D('12.5'))).toBe(false);
    expect(() => decToBigInt(D('0.5'))).toThrow(/not an integer/);
  });

  it('every constructed decimal is normal', () => {
    fc.assert(fc.property(anyDecimalNumber, anyDecimalNumber, (a, b) => {
      for (const d of [a, b, decAdd(a, b), decSub(a, b), decMul(a, b), decNeg(a), decShift(a, 3), decShift(a, -5)]) {
        expect(isNormal(d)).toBe(true);
      }
    }), RUNS);
  });
});

describe('parseDecimal / decToString', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['007', '7'],
    ['1.50', '1.5'],
    ['-0.250', '-0.25'],
    ['10000', '10000'],
    ['0.000', '0'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('parseDecimal(%j) prints as %s', (input, printed) => {
    expect(decToString(D(input))).toBe(printed);
  });

  it.each(['', '-', '+1', '.5', '5.', '1.2.3', '1e5', ' 1', '1 ', '１', '0x10', '1,000', '--1', 'NaN', 'Infinity'])(
    'parseDecimal(%j) is undefined',
    (input) => {
      expect(parseDecimal(input)).toBeUndefined();
    },
  );

  it('toString ∘ parse is the identity on values', () => {
    fc.assert(fc.property(anyDecimalNumber, (d) => {
      expect(parseDecimal(decToString(d))).toEqual(d);
    }), RUNS);
  });

  it('parse ∘ toString is canonical on arbitrary decimal strings', () => {
    const text = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,25}$/), fc.option(fc.stringMatching(/^[0-9]{1,25}$/)))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : '.' + frac}`);
    fc.assert(fc.property(text, (s) => {
      const d = parseDecimal(s)!;
      const printed = decToString(d);
      expect(parseDecimal(printed)).toEqual(d);
      expect(printed).toMatch(/^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/);
      expect(printed === '-0').toBe(false);
    }), RUNS);
  });
});

describe('arithmetic tables', () => {
  it.each([
    ['0.1', '0.2', '0.3', '-0.1', '0.02'],
    ['1.5', '1.5', '3', '0', '2.25'],
    ['10000', '0.0001', '10000.0001', '9999.9999', '1'],
    ['-2.5', '4', '1.5', '-6.5', '-10'],
    ['99999999999999999999', '1', '100000000000000000000', '99999999999999999998', '99999999999999999999'],
  ])('%s and %s: sum %s, difference %s, product %s', (a, b, sum, diff, prod) => {
    expect(decToString(decAdd(D(a), D(b)))).toBe(sum);
    expect(decToString(decSub(D(a), D(b)))).toBe(diff);
    expect(decToString(decMul(D(a), D(b)))).toBe(prod);
  });

  it.each([
    ['1', '1.0', 0],
    ['0.1', '0.09', 1],
    ['-0.1', '-0.09', -1],
    ['-5', '3', -1],
    ['0', '-0.000001', 1],
    ['123.45', '123.450', 0],
  ])('decCmp(%s, %s) = %i', (a, b, c) => {
    expect(decCmp(D(a), D(b))).toBe(c);
    expect(decCmp(D(b), D(a))).toBe(c === 0 ? 0 : -c);
    expect(decEq(D(a), D(b))).toBe(c === 0);
  });

  it.each([
    ['1.5', 4, '15000'],
    ['1.5', -1, '0.15'],
    ['1.5', 1, '15'],
    ['100', -2, '1'],
    ['100', -3, '0.1'],
    ['0', 9, '0'],
    ['-0.0025', 2, '-0.25'],
    ['7', 0, '7'],
  ])('decShift(%s, %i) = %s', (a, n, r) => {
    expect(decToString(decShift(D(a), n))).toBe(r);
  });

  it('decNeg and decSign', () => {
    expect(decToString(decNeg(D('1.5')))).toBe('-1.5');
    expect(decNeg(D('0'))).toEqual(D('0'));
    expect([decSign(D('-0.1')), decSign(D('0')), decSign(D('3'))]).toEqual([-1, 0, 1]);
  });
});

describe('decDivExact', () => {
  it.each([
    ['1', '8', 20, '0.125', true],
    ['1', '3', 20, '0.33333333333333333333', false],
    ['2', '3', 20, '0.66666666666666666667', false],
    ['-2', '3', 5, '-0.66667', false],
    ['10', '4', 20, '2.5', true],
    ['1.5', '0.5', 20, '3', true],
    ['100', '0.01', 0, '10000', true],
    ['0', '-7', 20, '0', true],
    // round half to even at maxScale
    ['5', '2', 0, '2', false],
    ['7', '2', 0, '4', false],
    ['-5', '2', 0, '-2', false],
    ['-7', '2', 0, '-4', false],
    ['1', '4', 1, '0.2', false],
    ['3', '4', 1, '0.8', false],
    ['1', '16', 3, '0.062', false],
    ['1', '16', 4, '0.0625', true],
    ['1', '6', 0, '0', false],
    ['5', '6', 0, '1', false],
  ])('%s / %s at maxScale %i = %s (exact %s)', (a, b, maxScale, q, exact) => {
    const r = decDivExact(D(a), D(b), maxScale);
    expect(decToString(r.value)).toBe(q);
    expect(r.exact).toBe(exact);
  });

  it('rejects division by zero and bad maxScale (programmer errors)', () => {
    expect(() => decDivExact(D('1'), D('0'))).toThrow(RangeError);
    expect(() => decDivExact(D('1'), D('1'), -1)).toThrow(RangeError);
    // the messages name the programmer error (not BigInt's own "Division by zero")
    expect(() => decDivExact(D('1'), D('0'))).toThrow('decDivExact: division by zero');
    expect(() => decDivExact(D('1'), D('1'), -1)).toThrow('decDivExact maxScale must be >= 0');
    expect(() => decDivExact(D('1'), D('1'), 0.5)).toThrow('decDivExact maxScale must be a safe integer, got 0.5');
    expect(() => decimal(1n, 0.5)).toThrow('decimal scale must be a safe integer, got 0.5');
    expect(() => decShift(D('1'), Number.NaN)).toThrow('decShift amount must be a safe integer, got NaN');
  });

  const nonZero = anyDecimalNumber.filter((d) => d.coeff !== 0n);

  it('exact quotients multiply back; inexact ones are within half an ulp', () => {
    fc.assert(fc.property(anyDecimalNumber, nonZero, fc.integer({ min: 0, max: 25 }), (a, b, maxScale) => {
      const { value, exact } = decDivExact(a, b, maxScale);
      expect(isNormal(value)).toBe(true);
      expect(value.scale).toBeLessThanOrEqual(maxScale);
      const back = decMul(value, b);
      if (exact) {
        expect(back).toEqual(a);
      } else {
        // |a - q·b| ≤ |b| · 10^-maxScale / 2
        const err = decSub(a, back);
        const absErr = decSign(err) < 0 ? decNeg(err) : err;
        const absB = decSign(b) < 0 ? decNeg(b) : b;
        expect(decCmp(decMul(absErr, decimal(2n)), decShift(absB, -maxScale))).toBeLessThanOrEqual(0);
        expect(decEq(back, a)).toBe(false);
      }
    }), RUNS);
  });

  it('a product divided by a factor gives the other factor exactly', () => {
    fc.assert(fc.property(smallDec, smallDec.filter((d) => d.coeff !== 0n), (x, b) => {
      const r = decDivExact(decMul(x, b), b, 20);
      expect(r.exact).toBe(true);
      expect(r.value).toEqual(x);
    }), RUNS);
  });
});

describe('algebraic properties', () => {
  it('add and sub are inverse', () => {
    fc.assert(fc.property(anyDecimalNumber, anyDecimalNumber, (a, b) => {
      expect(decSub(decAdd(a, b), b)).toEqual(a);
      expect(decAdd(decSub(a, b), b)).toEqual(a);
    }), RUNS);
  });

  it('add and mul are commutative; add is associative; mul distributes', () => {
    fc.assert(fc.property(anyDecimalNumber, anyDecimalNumber, smallDec, (a, b, c) => {
      expect(decAdd(a, b)).toEqual(decAdd(b, a));
      expect(decMul(a, b)).toEqual(decMul(b, a));
      expect(decAdd(decAdd(a, b), c)).toEqual(decAdd(a, decAdd(b, c)));
      expect(decMul(a, decAdd(b, c))).toEqual(decAdd(decMul(a, b), decMul(a, c)));
    }), RUNS);
  });

  it('cmp is consistent with the sign of the difference, antisymmetric, and eq iff 0', () => {
    fc.assert(fc.property(anyDecimalNumber, anyDecimalNumber, (a, b) => {
      const c = decCmp(a, b);
      expect(c).toBe(decSign(decSub(a, b)));
      expect(decCmp(b, a)).toBe(c === 0 ? 0 : -c);
      expect(decEq(a, b)).toBe(c === 0);
      expect(decCmp(a, a)).toBe(0);
    }), RUNS);
  });

  it('multiplying by 10^n equals shifting by n, and shifts compose', () => {
    fc.assert(fc.property(anyDecimalNumber, fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), (a, n, m) => {
      const pow = n >= 0 ? decimal(10n ** BigInt(n)) : decimal(1n, -n);
      expect(decShift(a, n)).toEqual(decMul(a, pow));
      expect(decShift(decShift(a, n), m)).toEqual(decShift(a, n + m));
      expect(decShift(decShift(a, n), -n)).toEqual(a);
    }), RUNS);
  });

  it('comparison agrees with the canonical string on integers', () => {
    fc.assert(fc.property(fc.bigInt(), fc.bigInt(), (x, y) => {
      expect(decCmp(decFromBigInt(x), decFromBigInt(y))).toBe(x < y ? -1 : x > y ? 1 : 0);
      expect(decToString(decFromBigInt(x))).toBe(x.toString());
    }), RUNS);
  });
});
