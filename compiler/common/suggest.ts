/**
 * "Did you mean": the closest of some candidate names to a misspelt one (Levenshtein distance on code
 * points, bounded). Input: a name and candidates. Output: the candidate to suggest, if one is close
 * enough. Used by the binder and checker (unknown names), the CLI (unknown options) and the parser
 * (a misspelt attribute key).
 */

/** The code points of a string. */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Two rows of `distance`, reused (grown when a longer name comes). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance on code points (for "did you mean"), exact when it is at most `max`; otherwise
 * some number above `max` (the length difference alone, or a row whose every entry passed it, says so).
 */
function distance(x: readonly number[], y: readonly number[], max: number): number {
  if (Math.abs(x.length - y.length) > max) return max + 1;
  if (rowA.length <= y.length) {
    rowA = new Int32Array(2 * y.length + 2);
    rowB = new Int32Array(2 * y.length + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    let low = i;
    for (let j = 1; j <= y.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      cur[j] = v;
      if (v < low) low = v;
    }
    // (a row's least entry never decreases further down: the distance is at least it)
    if (low > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[y.length]!;
}

/**
 * Closest candidate, if close enough to suggest: at most half the name's length (at least 1) away,
 * and sharing a character in place with it; among the closest, the first in code-unit order.
 * INVARIANT: the answer of the plain rule — every candidate's exact distance — computing a distance
 * only as far as it can still matter (`distance`'s bound: the limit, or the best so far).
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const x = codePoints(name);
  const n = x.length;
  const limit = Math.max(1, Math.floor(n / 2));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = distance(x, codePoints(c), Math.min(limit, bestD));
    if (dd < bestD || (dd === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = dd;
    }
  }
  // A candidate that shares no character in place with the name (every character replaced —
  // any one-character name against another) is not a near miss but noise.
  return best !== undefined && bestD <= limit && bestD < Math.max(n, [...best].length) ? best : undefined;
}
