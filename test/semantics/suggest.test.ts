/**
 * Property: `suggest` (binder.ts, the "did you mean" of every unknown name) gives what the plain rule
 * gives — the exact Levenshtein distance on code points to every candidate, the closest within half the
 * name's length, the first in code-unit order among the closest, none that shares no character in place —
 * although it computes a distance only as far as it can still matter. Names of a few characters from a
 * small alphabet (many near misses and ties), astral characters included. Seeded by test/helpers/seed.ts.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { suggest } from '../../compiler/semantics/binder.js';

/** The plain rule, as binder.ts had it. */
function plainDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}
function plainSuggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = plainDistance(name, c);
    if (dd < bestD || (dd === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = dd;
    }
  }
  const n = [...name].length;
  const limit = Math.max(1, Math.floor(n / 2));
  return best !== undefined && bestD <= limit && bestD < Math.max(n, [...best].length) ? best : undefined;
}

const name = fc.array(fc.constantFrom('家', '庭', '子', '女', '数', '𠀀', 'a'), { minLength: 0, maxLength: 9 }).map((cs) => cs.join(''));

test('suggest gives the plain rule\'s answer', () => {
  let some = 0;
  fc.assert(
    fc.property(name, fc.array(name, { maxLength: 30 }), (n, cs) => {
      const want = plainSuggest(n, cs);
      if (want !== undefined) some++;
      expect(suggest(n, cs)).toBe(want);
    }),
    { numRuns: 3000 },
  );
  // (the property means something only if suggestions are made)
  expect(some).toBeGreaterThan(200);
});
