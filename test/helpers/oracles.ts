/**
 * Independent oracles for exact arithmetic tests (BigInt, no floating point).
 */

/** round(a / b), half away from zero, computed exactly in BigInt. INVARIANT: b ≠ 0. */
export function oracleRoundDiv(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const A = a < 0n ? -a : a;
  const B = b < 0n ? -b : b;
  let q = A / B;
  if (2n * (A - q * B) >= B) q += 1n;
  return neg ? -q : q;
}
