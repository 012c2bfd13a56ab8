/**
 * 原文 check: every quote in the program must occur in the policy's source text, at a place that
 * can be told. Input: CheckedProgram + the source text. Output: diagnostics (ZC0601 not found or
 * empty; ZC0603 found several times with nothing to tell which).
 *
 * A quote that occurs several times (e.g. "牵头单位：县卫健委" after many clauses) is placed the
 * way clause coverage places it (compiler/coverage/coverage.ts): near a quote that occurs once in
 * the same declaration, else in the same 条款 or an enclosing one. Only a repeated quote with no
 * such reference cannot be placed — that is ZC0603.
 *
 * Matching is verbatim except for white space: all white space (including U+3000
 * and line breaks) is removed from both sides before matching, because the source
 * file's line breaks and the drafter's line breaks are layout, not wording.
 */
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from '../syntax/ast.js';
import type { BoundProgram } from './model.js';

const WS = /[\s\u3000\u00a0\ufeff]+/gu;
/** Remove all white space (the normalisation used for quote matching). */
export function normalizeQuote(s: string): string {
  return s.replace(WS, '');
}

/** Every 原文 literal of a program with where it sits. */
export function allQuotes(p: BoundProgram): { quote: A.StrLit; clause?: string; owner: string }[] {
  const out: { quote: A.StrLit; clause?: string; owner: string }[] = [];
  for (const c of p.clauses) for (const q of c.decl.quotes) out.push({ quote: q, clause: c.anchor, owner: `条款 ${c.label}` });
  for (const [name, m] of p.measures) {
    for (const q of m.decl.quotes) out.push({ quote: q, ...(m.clause ? { clause: m.clause } : {}), owner: `措施 ${name}` });
    for (const r of m.decl.rules) for (const q of r.quotes) out.push({ quote: q, ...(m.clause ? { clause: m.clause } : {}), owner: `规则 ${name}.${r.name.text}` });
  }
  for (const q of p.qualitative) for (const x of q.decl.quotes) out.push({ quote: x, ...(q.clause ? { clause: q.clause } : {}), owner: '定性' });
  for (const [name, d] of p.doubts) for (const x of d.decl.quotes) out.push({ quote: x, ...(d.clause ? { clause: d.clause } : {}), owner: `存疑 ${name}` });
  for (const [name, i] of p.indicators) for (const x of i.decl.quotes) out.push({ quote: x, ...(i.clause ? { clause: i.clause } : {}), owner: `指标 ${name}` });
  for (const [key, d] of p.definitions) for (const x of d.decl.quotes) out.push({ quote: x, ...(d.clause ? { clause: d.clause } : {}), owner: `定义 ${key}` });
  for (const [name, a] of p.assumptions) for (const x of a.decl.quotes) out.push({ quote: x, ...(a.clause ? { clause: a.clause } : {}), owner: `前提 ${name}` });
  return out;
}

// The last source text checked against, normalised, how often each quote checked against it
// occurs there (0: not found), and what a quote not found is told (its help and the source's wording
// of the same length, if any): the language server checks the same source after every edit, and a
// quote is counted in it, and a missing one looked up, once.
let memo: { sourceText: string; src: string; count: Map<string, number>; missing: Map<string, Missing> } | undefined;

/** What ZC0601 says of a quote not found in the source (`candidate`: the source's text of the same length where it diverges). */
interface Missing {
  readonly help: string;
  readonly candidate?: string;
}

/**
 * A quote of `allQuotes` with its normalised text, and the clause and owner it is placed by; `key`, its
 * placement key, made the first time a check places repeated quotes (kept with the entry: the language
 * server's next check of a program that reports one places them again).
 */
interface Entry {
  readonly quote: A.StrLit;
  readonly clause: string | undefined;
  readonly owner: string;
  readonly norm: string;
  key: string | undefined;
}

/** The placement key of an entry (made once per entry). */
function keyOf(x: Entry): string {
  return (x.key ??= placementKey(x.clause, x.owner));
}

/**
 * The entries of one declaration (or 条款), per node and the clause and owner it was listed with: a
 * declaration the parser reuses is the same node with the same 原文 literals, so its entries — each
 * quote normalised once — are reused, not remade for every quote of the program per edit. (A node is
 * never given other literals: a changed declaration is a new node.)
 */
const entriesOf = new WeakMap<object, { readonly clause: string | undefined; readonly owner: string; readonly entries: readonly Entry[] }>();

/** The entries of `node` listed with `clause` and `owner` before, pushed onto `out`; false when there are none kept. */
function reuse(node: object, clause: string | undefined, owner: string, out: Entry[]): boolean {
  const hit = entriesOf.get(node);
  if (!hit || hit.clause !== clause || hit.owner !== owner) return false;
  for (const e of hit.entries) out.push(e);
  return true;
}

/** The entries pushed onto `out` since `from` are those of `node` (listed with `clause` and `owner`). */
function keep(node: object, clause: string | undefined, owner: string, out: readonly Entry[], from: number): void {
  entriesOf.set(node, { clause, owner, entries: out.slice(from) });
}

/** The placement key of the quotes listed with `clause` and `owner`. */
function placementKey(clause: string | undefined, owner: string): string {
  return `${clause ?? ''}\u0000${owner}`;
}

/**
 * The entries of `quotes`, listed with `clause` and `owner`, pushed onto `out`. (One shape for every
 * entry: this runs once per quote of the program in a one-off `zhengce check`, in cold code.)
 */
function pushEntries(out: Entry[], quotes: readonly A.StrLit[], clause: string | undefined, owner: string): void {
  for (let i = 0; i < quotes.length; i++) {
    const quote = quotes[i]!;
    out.push({ quote, clause, owner, norm: normalizeQuote(quote.value), key: undefined });
  }
}

/**
 * `allQuotes` with each quote's normalised text, in the same order. `kept`: entries reused and kept
 * per declaration (the language server's next check); a one-off check (`zhengce check`) keeps none.
 */
function quoteEntries(p: BoundProgram, kept: boolean): Entry[] {
  const out: Entry[] = [];
  /** The quotes of a declaration listed under one owner. */
  const one = (node: object & { readonly quotes: readonly A.StrLit[] }, clause: string | undefined, owner: string) => {
    if (node.quotes.length === 0) return;
    if (!kept) return pushEntries(out, node.quotes, clause, owner);
    if (reuse(node, clause, owner, out)) return;
    const from = out.length;
    pushEntries(out, node.quotes, clause, owner);
    keep(node, clause, owner, out, from);
  };
  for (const c of p.clauses) if (c.decl.quotes.length > 0) one(c.decl, c.anchor, `条款 ${c.label}`);
  for (const [name, m] of p.measures) {
    const rules = m.decl.rules;
    let rulesQuote = false;
    for (let i = 0; i < rules.length && !rulesQuote; i++) rulesQuote = rules[i]!.quotes.length > 0;
    if (m.decl.quotes.length === 0 && !rulesQuote) continue;
    const owner = `措施 ${name}`;
    if (kept && reuse(m.decl, m.clause, owner, out)) continue;
    const from = out.length;
    pushEntries(out, m.decl.quotes, m.clause, owner);
    for (const r of rules) if (r.quotes.length > 0) pushEntries(out, r.quotes, m.clause, `规则 ${name}.${r.name.text}`);
    if (kept) keep(m.decl, m.clause, owner, out, from);
  }
  for (const q of p.qualitative) one(q.decl, q.clause, '定性');
  for (const [name, d] of p.doubts) one(d.decl, d.clause, `存疑 ${name}`);
  for (const [name, i] of p.indicators) one(i.decl, i.clause, `指标 ${name}`);
  for (const [key, d] of p.definitions) one(d.decl, d.clause, `定义 ${key}`);
  for (const [name, a] of p.assumptions) one(a.decl, a.clause, `前提 ${name}`);
  return out;
}

/** ZC0601's help for a quote `q` (normalised, not empty) not found in `src`: where it diverges from the source. */
function missingOf(src: string, q: string): Missing {
  // Longest prefix of the quote found in the source: tells the drafter where it diverges.
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (src.includes(q.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return { help: '原文须与来源文件逐字一致（只忽略空白）' };
  const cps = [...q.slice(0, lo)].length;
  const chars = [...q];
  const where = src.indexOf(q.slice(0, lo));
  const srcNext = [...src.slice(where + lo, where + lo + 12)].join('');
  const help = `前 ${cps} 个字与来源一致；第 ${cps + 1} 个字起不同：此处为“${chars.slice(cps, cps + 12).join('')}”，来源为“${srcNext}”`;
  // If the source continues with the same length, offer the source wording.
  const candidate = src.slice(where, where + q.length);
  return candidate.length === q.length ? { help, candidate } : { help };
}

/** Quotes of this many UTF-16 units or more are found by a window of their first `LONG` units. */
const LONG = 8;
/** Quotes of `SHORT` to `LONG - 1` units by a window of their first `SHORT`; shorter ones by `indexOf`. */
const SHORT = 3;

/**
 * How often each of `quotes` (normalised; the same text may be given several times) occurs in
 * `src`, by index (overlapping occurrences count; 0: not found, and for the empty quote).
 * Linear in `src` plus the places where a quote's first units occur — a search of the source per
 * quote was quadratic in the policy's size (7,191 quotes of the benchmark corpus): see `countByWindow`.
 * A window of eight units, not three: a policy's quotes share their first units by the thousand
 * (申请人…, 符合条件…, a measure's name) — the benchmark's 5,755 quotes had 290,932 candidate places by
 * three units, 20,548 by six, 11,278 by eight.
 */
export function countOccurrences(src: string, quotes: readonly string[]): Int32Array {
  const out = new Int32Array(quotes.length);
  const long: number[] = [];
  const short: number[] = [];
  for (let k = 0; k < quotes.length; k++) {
    const q = quotes[k]!;
    if (q.length >= LONG) long.push(k);
    else if (q.length >= SHORT) short.push(k);
    else if (q.length > 0) {
      let n = 0;
      for (let i = src.indexOf(q); i >= 0; i = src.indexOf(q, i + 1)) n++;
      out[k] = n;
    }
  }
  if (long.length > 0) countByWindow(src, quotes, long, LONG, out);
  if (short.length > 0) countByWindow(src, quotes, short, SHORT, out);
  return out;
}

/** The multiplier of the window hash (odd). */
const B = 0x01000193;
/** Fibonacci hashing: a hash's slot is the top bits of its product with this. */
const SPREAD = 0x9e3779b1 | 0;

/**
 * `out[which[j]]` = how often `quotes[which[j]]` (each at least `w` units long) occurs in `src`. One pass
 * over `src` with a rolling hash of the `w` units at each position (two `charCodeAt` a step, no string,
 * no heap number) looked up in an open table of the quotes' first-`w`-unit hashes (typed arrays: most
 * positions are one load of an empty slot); where a quote's hash matches, the quote is compared with
 * the source there. The same text given twice is counted once (its twin is found in the same chain).
 * No per-position arrays, no Map: this runs once, over ~160,000 positions, in cold code. (The table and
 * the scan are two functions: each loop is optimized on its own — one function's loop optimized while
 * the other had not run yet was deoptimized as soon as it got there, for want of type feedback.)
 * INVARIANT: a count is made only by `startsWith` — two different windows that share a hash or a slot
 * are never counted at each other's places.
 */
function countByWindow(src: string, quotes: readonly string[], which: readonly number[], w: number, out: Int32Array): void {
  const t = windowTable(quotes, which, w);
  const count = new Int32Array(which.length);
  if (src.length >= w) scanWindows(src, quotes, which, w, t, count);
  for (let j = 0; j < which.length; j++) out[which[j]!] = count[t.same[j]!]!;
}

/** The table of `countByWindow`: chains by slot (`head`, `next`: entries + 1, 0 ends a chain), each entry's hash, and the entry a text given again is counted as (`same`: itself if first). */
interface WindowTable {
  readonly shift: number;
  readonly head: Int32Array;
  readonly next: Int32Array;
  readonly hash: Int32Array;
  readonly same: Int32Array;
}

function windowTable(quotes: readonly string[], which: readonly number[], w: number): WindowTable {
  const m = which.length;
  let bits = 10;
  while (1 << bits < 4 * m) bits++;
  const shift = 32 - bits;
  const head = new Int32Array(1 << bits);
  const next = new Int32Array(m);
  const hash = new Int32Array(m);
  const same = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const q = quotes[which[j]!]!;
    let h = 0;
    for (let t = 0; t < w; t++) h = (Math.imul(h, B) + q.charCodeAt(t)) | 0;
    const slot = Math.imul(h, SPREAD) >>> shift;
    let r = head[slot]! - 1;
    while (r >= 0 && !(hash[r] === h && quotes[which[r]!] === q)) r = next[r]! - 1;
    if (r >= 0) {
      same[j] = r;
      continue;
    }
    same[j] = j;
    hash[j] = h;
    next[j] = head[slot]!;
    head[slot] = j + 1;
  }
  return { shift, head, next, hash, same };
}

/** The pass of `countByWindow` over `src` (at least `w` units): `count[r]` += each place entry `r`'s quote occurs. */
function scanWindows(src: string, quotes: readonly string[], which: readonly number[], w: number, t: WindowTable, count: Int32Array): void {
  const { shift, head, next, hash } = t;
  const n = src.length;
  let pow = 1;
  for (let k = 1; k < w; k++) pow = Math.imul(pow, B);
  let h = 0;
  for (let k = 0; k < w; k++) h = (Math.imul(h, B) + src.charCodeAt(k)) | 0;
  for (let i = 0; ; i++) {
    for (let r = head[Math.imul(h, SPREAD) >>> shift]! - 1; r >= 0; r = next[r]! - 1) {
      if (hash[r] === h && src.startsWith(quotes[which[r]!]!, i)) count[r]!++;
    }
    if (i + w >= n) break;
    h = (Math.imul(h - Math.imul(src.charCodeAt(i), pow), B) + src.charCodeAt(i + w)) | 0;
  }
}

/**
 * The last check that found nothing to report: its source memo, entries, and the 条款 tree it placed
 * repeated quotes in (anchor and parent of each). The same entries (the same objects: the same literals
 * of the same declarations, listed with the same clause and owner) against the same source in the same
 * 条款 tree report nothing again — the language server's every edit outside a 原文 (the counts and the
 * placement are a function of those).
 */
let quiet: { memo: NonNullable<typeof memo>; entries: readonly Entry[]; tree: readonly (string | undefined)[] } | undefined;

function clauseTree(p: BoundProgram): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const c of p.clauses) out.push(c.anchor, c.parent);
  return out;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Check quotes against the normalised source text.
 * `oneShot`: nothing is kept for a next check (no memo of counts, entries or a quiet result) — a
 * one-off `zhengce check`. INVARIANT: the diagnostics are the same either way (the same counts, the
 * same `report`).
 */
export function checkQuotes(p: BoundProgram, sourceText: string, options: { readonly oneShot?: boolean } = {}): Diagnostic[] {
  if (options.oneShot) {
    const src = normalizeQuote(sourceText);
    const entries = quoteEntries(p, false);
    const norm = new Array<string>(entries.length);
    for (let i = 0; i < entries.length; i++) norm[i] = entries[i]!.norm;
    return report(p, src, entries, countOccurrences(src, norm), new Map());
  }
  if (memo?.sourceText !== sourceText) memo = { sourceText, src: normalizeQuote(sourceText), count: new Map(), missing: new Map() };
  const { src, count, missing } = memo;
  const entries = quoteEntries(p, true);
  const tree = clauseTree(p);
  if (quiet && quiet.memo === memo && sameList(quiet.entries, entries) && sameList(quiet.tree, tree)) return [];
  quiet = undefined;
  // Quotes not counted yet (after an edit: the edited one) are counted in one pass. (The memo is
  // dropped when it has grown far past the program's quotes: each keystroke inside a quote adds one.)
  if (count.size > 2 * entries.length + 1000) count.clear();
  if (missing.size > entries.length + 1000) missing.clear();
  const uncounted = new Set<string>();
  for (const x of entries) if (!count.has(x.norm)) uncounted.add(x.norm);
  if (uncounted.size > 0) {
    const list = [...uncounted];
    const n = countOccurrences(src, list);
    for (let k = 0; k < list.length; k++) count.set(list[k]!, n[k]!);
  }
  const counts = new Int32Array(entries.length);
  for (let i = 0; i < entries.length; i++) counts[i] = count.get(entries[i]!.norm)!;
  const out = report(p, src, entries, counts, missing);
  if (out.length === 0) quiet = { memo, entries, tree };
  return out;
}

/**
 * The diagnostics of `entries` (in the program's order) whose normalised texts occur `counts[i]` times
 * in `src`: ZC0601 for 0 (its help from `missing`, made there once per text), ZC0603 for a repeated
 * quote with no reference to place it by. When every quote occurs once (a clean policy) nothing else
 * is made: no placement keys, sets or 条款 parents.
 */
function report(p: BoundProgram, src: string, entries: readonly Entry[], counts: Int32Array, missing: Map<string, Missing>): Diagnostic[] {
  const out: Diagnostic[] = [];
  let i = 0;
  while (i < counts.length && counts[i] === 1) i++;
  if (i === counts.length) return out;
  // References for repeated quotes: declarations (owner) and 条款 with a quote that occurs once.
  let placed: { owners: Set<string>; clauses: Set<string>; parentOf: Map<string, string | undefined> } | undefined;
  const placeable = (x: Entry): boolean => {
    if (!placed) {
      placed = { owners: new Set(), clauses: new Set(), parentOf: new Map(p.clauses.map((c) => [c.anchor, c.parent] as const)) };
      for (let k = 0; k < entries.length; k++) {
        if (counts[k] !== 1) continue;
        const y = entries[k]!;
        placed.owners.add(keyOf(y));
        if (y.clause !== undefined) placed.clauses.add(y.clause);
      }
    }
    if (placed.owners.has(keyOf(x))) return true;
    for (let c = x.clause, guard = 0; c !== undefined && guard < 64; c = placed.parentOf.get(c), guard++) if (placed.clauses.has(c)) return true;
    return false;
  };
  // Diagnostics in the program's order (the entries before `i` occur once).
  for (; i < entries.length; i++) {
    const n = counts[i]!;
    if (n === 1) continue;
    const x = entries[i]!;
    const quote = x.quote;
    const q = x.norm;
    if (n > 0) {
      if (!placeable(x)) {
        out.push(diag('ZC0603', quote.span, `原文在来源文件中出现 ${n} 次，无法确定引的是哪一处`, {
          help: '加长原文（带上它前后的字）使它只出现一次，或在同一声明、同一条款中再引一句只出现一次的原文',
        }));
      }
      continue;
    }
    if (q.length === 0) {
      out.push(diag('ZC0601', quote.span, '原文为空'));
      continue;
    }
    let m = missing.get(q);
    if (!m) missing.set(q, (m = missingOf(src, q)));
    const fixes = m.candidate !== undefined ? [{ title: '改为来源文件中的文字', edits: [{ span: quote.span, newText: JSON.stringify(m.candidate) }] }] : [];
    out.push(diag('ZC0601', quote.span, '原文与来源文件不一致', { help: m.help, fixes }));
  }
  return out;
}
