/**
 * Exact arithmetic of the value model: rounding half away from zero — the one rounding
 * rule (money × ratio, ÷; ratios are exact rationals) — as the interpreter does it
 * (`roundHalfAway` on a fraction.js value, compiler/interpret/interpreter.ts) and as
 * compiler/ir/ir.ts `roundDiv` states it on integers, against a table of edge cases and a
 * BigInt oracle; ratio texts (`ratioText`, `ratioValue`); `unitOf`; the money scale.
 * (The generated runtime's own implementation, `_round`: test/emit/runtime.test.ts.)
 */
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { describe, expect, it } from 'vitest';
import { roundHalfAway } from '../../compiler/interpret/interpreter.js';
import { MONEY_SCALE, isRatio, ratioText, ratioValue, roundDiv, unitOf, type IrType } from '../../compiler/ir/ir.js';
import { oracleRoundDiv } from '../helpers/oracles.js';

/** One million: ratios written to one part per million (4.8‰ = 4800 / 1 000 000). */
const RATIO_SCALE = 1_000_000;
/** The interpreter's rounding of a / b (a, b safe integers), through an exact fraction. */
const viaFraction = (a: number, b: number): number => roundHalfAway(new Fraction(a, b));

const MAX = Number.MAX_SAFE_INTEGER;

describe('roundDiv: integer division rounding half away from zero', () => {
  it.each([
    // exact
    [0, 1, 0], [6, 3, 2], [-6, 3, -2], [6, -3, -2], [-6, -3, 2],
    // below, at and above one half
    [4, 10, 0], [5, 10, 1], [6, 10, 1], [14, 10, 1], [15, 10, 2], [16, 10, 2],
    [-4, 10, 0], [-5, 10, -1], [-6, 10, -1], [-15, 10, -2], [15, -10, -2], [-15, -10, 2],
    // odd divisors: .333 / .5 / .667
    [1, 3, 0], [2, 3, 1], [-1, 3, 0], [-2, 3, -1], [1, 2, 1], [-1, 2, -1], [3, 2, 2], [-3, 2, -2],
    // money × ratio: 5 fen × 50% = 2.5 fen → 3; 1 fen × 49.9999% → 0
    [5 * 500_000, RATIO_SCALE, 3], [1 * 499_999, RATIO_SCALE, 0], [1 * 500_000, RATIO_SCALE, 1], [-1 * 500_000, RATIO_SCALE, -1],
    // division by 1 and by itself
    [MAX, 1, MAX], [-MAX, 1, -MAX], [MAX, MAX, 1], [MAX, -MAX, -1],
    // huge values near MAX_SAFE_INTEGER, where A / B in floating point is not exact
    [MAX, 2, 4503599627370496], [MAX - 1, 2, 4503599627370495], [-MAX, 2, -4503599627370496],
    [MAX, 3, 3002399751580330], [MAX, 10, 900719925474099], [MAX, 7, 1286742750677284], [MAX, 1_000_000, 9007199255],
    [MAX - 4, 9, 1000799917193443], [MAX, 4503599627370496, 2], [MAX, MAX - 1, 1], [1, MAX, 0], [4503599627370496, MAX, 1],
    [4503599627370495, MAX, 0],
  ])('roundDiv(%s, %s) = %s', (a, b, q) => {
    expect(String(oracleRoundDiv(BigInt(a), BigInt(b)))).toBe(String(q)); // the table itself is right
    expect(roundDiv(a, b)).toBe(q);
    expect(viaFraction(a, b)).toBe(q);
  });

  it('never returns −0', () => {
    for (const [a, b] of [[0, 5], [0, -5], [-1, 3], [1, -3], [-4, 10], [-499_999, RATIO_SCALE]] as const) {
      expect(Object.is(roundDiv(a, b), -0), `roundDiv(${a}, ${b})`).toBe(false);
      expect(Object.is(viaFraction(a, b), -0), `roundHalfAway(${a}/${b})`).toBe(false);
    }
  });

  const safe = fc.integer({ min: -MAX, max: MAX });
  const divisor = fc.oneof(
    fc.integer({ min: 1, max: MAX }),
    fc.integer({ min: -MAX, max: -1 }),
    fc.constantFrom(1, 2, 3, 7, 10, 100, MONEY_SCALE, RATIO_SCALE, MAX, -1, -2, -RATIO_SCALE),
    fc.integer({ min: 1, max: 1000 }),
  );

  it('agrees with the BigInt oracle on any safe integers (property)', () => {
    fc.assert(fc.property(safe, divisor, (a, b) => {
      const q = oracleRoundDiv(BigInt(a), BigInt(b));
      expect(BigInt(roundDiv(a, b))).toBe(q);
      expect(BigInt(viaFraction(a, b))).toBe(q);
    }), { numRuns: 20_000 });
  });

  it('agrees with the oracle exactly at the halves: (2k + 1)·b / 2b for any k and even 2b', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (k, h) => {
      const b = 2 * h;
      const a = (2 * k + 1) * h; // a / b = k + ½ exactly
      expect(roundDiv(a, b)).toBe(k >= 0 ? k + 1 : k);
      expect(roundDiv(-a, b)).toBe(k >= 0 ? -(k + 1) : -k);
      expect(viaFraction(a, b)).toBe(k >= 0 ? k + 1 : k);
      expect(viaFraction(-a, b)).toBe(k >= 0 ? -(k + 1) : -k);
    }), { numRuns: 5000 });
  });

  it('money × ratio as the interpreter computes it: fen × (n/d), exactly, then rounded once', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: -2_000_000, max: 2_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (fen, n, d) => {
      const got = roundHalfAway(new Fraction(fen).mul(ratioValue(ratioText(new Fraction(n, d)))));
      expect(BigInt(got)).toBe(oracleRoundDiv(BigInt(fen) * BigInt(n), BigInt(d)));
    }), { numRuns: 10_000 });
  });
});

describe('unitOf and the scales', () => {
  it('display units of every IR type', () => {
    const q = (dim: Extract<IrType, { k: 'quantity' }>['dim']): IrType => ({ k: 'quantity', dim });
    expect(unitOf({ k: 'money' })).toBe('元');
    expect(unitOf({ k: 'int' })).toBe('');
    expect(unitOf({ k: 'bool' })).toBe('');
    expect(unitOf({ k: 'date' })).toBe('');
    expect(unitOf({ k: 'text' })).toBe('');
    expect(unitOf({ k: 'enum', name: '性别', members: ['男', '女'] })).toBe('');
    expect(['days', 'workdays', 'weeks', 'months', 'years', 'hours', 'ageMonths', 'ageYears', 'ratio'].map((d) => unitOf(q(d as never))))
      .toEqual(['天', '工作日', '周', '个月', '年', '小时', '月龄', '周岁', '%']);
  });

  it('isRatio: the quantity of dimension ratio (比例), and nothing else', () => {
    expect(isRatio({ k: 'quantity', dim: 'ratio' })).toBe(true);
    expect(isRatio({ k: 'quantity', dim: 'days' })).toBe(false); // a quantity, not a ratio
    expect(isRatio({ k: 'money' })).toBe(false);
    expect(isRatio({ k: 'int' })).toBe(false);
    expect(isRatio({ k: 'text' })).toBe(false);
  });

  it('money is kept in fen', () => {
    expect(MONEY_SCALE).toBe(100);
  });

  it('ratio texts: "n/d" in lowest terms, d > 0, the sign on n, zero is "0/1"', () => {
    expect(ratioText(new Fraction(1, 2))).toBe('1/2');
    expect(ratioText(new Fraction(4800, RATIO_SCALE))).toBe('3/625');
    expect(ratioText(new Fraction(-2, 6))).toBe('-1/3');
    expect(ratioText(new Fraction(2, -6))).toBe('-1/3');
    expect(ratioText(new Fraction(0))).toBe('0/1');
    expect(ratioText(new Fraction(0, -5))).toBe('0/1');
    expect(ratioText(new Fraction(7))).toBe('7/1');
    expect(ratioValue('-1/3').equals(new Fraction(-1, 3))).toBe(true);
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (n, d) => {
      const t = ratioText(new Fraction(n, d));
      const [p, q] = t.split('/').map((x) => BigInt(x)) as [bigint, bigint];
      const g = (a: bigint, b: bigint): bigint => (b === 0n ? a : g(b, a % b));
      expect(q > 0n && g(p < 0n ? -p : p, q) === 1n).toBe(true); // lowest terms
      expect(p * BigInt(d)).toBe(BigInt(n) * q); // the same value
      expect(ratioValue(t).equals(new Fraction(n, d))).toBe(true);
    }), { numRuns: 2000 });
  });
});
