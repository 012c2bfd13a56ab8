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

/** A quote of `allQuotes` with its normalised text and its placement key (its clause and owner). */
interface Entry {
  readonly quote: A.StrLit;
  readonly clause?: string;
  readonly owner: string;
  readonly norm: string;
  readonly key: string;
}

/**
 * The entries of one declaration (or 条款), per node and the clause and owner it was listed with: a
 * declaration the parser reuses is the same node with the same 原文 literals, so its entries — each
 * quote normalised once, its placement key made once — are reused, not remade for every quote of the
 * program per edit. (A node is never given other literals: a changed declaration is a new node.)
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

function entry(quote: A.StrLit, clause: string | undefined, owner: string): Entry {
  return { quote, ...(clause !== undefined ? { clause } : {}), owner, norm: normalizeQuote(quote.value), key: `${clause ?? ''}\u0000${owner}` };
}

/** `allQuotes` with each quote's normalised text and placement key, in the same order (entries reused per declaration). */
function quoteEntries(p: BoundProgram): Entry[] {
  const out: Entry[] = [];
  /** The quotes of a declaration listed under one owner. */
  const one = (node: object & { readonly quotes: readonly A.StrLit[] }, clause: string | undefined, owner: string) => {
    if (node.quotes.length === 0 || reuse(node, clause, owner, out)) return;
    const from = out.length;
    for (const q of node.quotes) out.push(entry(q, clause, owner));
    keep(node, clause, owner, out, from);
  };
  for (const c of p.clauses) one(c.decl, c.anchor, `条款 ${c.label}`);
  for (const [name, m] of p.measures) {
    const owner = `措施 ${name}`;
    if (reuse(m.decl, m.clause, owner, out)) continue;
    const from = out.length;
    for (const q of m.decl.quotes) out.push(entry(q, m.clause, owner));
    for (const r of m.decl.rules) for (const q of r.quotes) out.push(entry(q, m.clause, `规则 ${name}.${r.name.text}`));
    keep(m.decl, m.clause, owner, out, from);
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

/**
 * A key of the three UTF-16 units at `i`: a small integer (no heap number, no string allocated); two
 * different triples may share a key — every candidate position is compared with the quote itself.
 */
function key3(s: string, i: number): number {
  return ((s.charCodeAt(i) << 16) ^ (s.charCodeAt(i + 1) << 8) ^ s.charCodeAt(i + 2)) | 0;
}

/**
 * How many UTF-16 units a long quote's key covers. Quotes often begin alike (a measure's name, then
 * its wording): on the benchmark corpus the 5,755 distinct quotes have 1,791 distinct first three
 * units, and comparing each quote at every position of its three-unit key was 290,893 comparisons;
 * keyed by their first eight units, 11,278.
 */
const LONG = 8;

/** A key of the `LONG` UTF-16 units at `i` (a 32-bit hash: shared keys are told apart by comparing, as for `key3`). */
function keyLong(s: string, i: number): number {
  let h = 0;
  for (let k = i; k < i + LONG; k++) h = (Math.imul(h, 31) + s.charCodeAt(k)) | 0;
  return h;
}

/**
 * How often each of `quotes` (normalised, non-empty) occurs in `src` (overlapping occurrences
 * count; 0: not found). One pass over `src` collects the positions where some quote's first units
 * (by key: the first `LONG` of a quote that long, else the first three) start — a table of the quotes'
 * first units skips the others without a map lookup; each quote is then compared only there. Linear
 * in `src` plus the candidates — a search of the source per quote was quadratic in the policy's size
 * (7,191 quotes of the benchmark corpus).
 */
function countOccurrences(src: string, quotes: readonly string[], into: Map<string, number>): void {
  const at3 = new Map<number, number[]>();
  const atLong = new Map<number, number[]>();
  // per first unit: 1 some quote of 3 to LONG − 1 units starts with it, 2 some quote of LONG or more
  const first = new Uint8Array(65536);
  for (let k = 0; k < quotes.length; k++) {
    const q = quotes[k]!;
    if (q.length >= LONG) {
      atLong.set(keyLong(q, 0), []);
      first[q.charCodeAt(0)]! |= 2;
    } else if (q.length >= 3) {
      at3.set(key3(q, 0), []);
      first[q.charCodeAt(0)]! |= 1;
    }
  }
  if (at3.size > 0 || atLong.size > 0) {
    const n = src.length;
    for (let i = 0; i + 3 <= n; i++) {
      const f = first[src.charCodeAt(i)]!;
      if (f === 0) continue;
      if (f & 1) at3.get(key3(src, i))?.push(i);
      if (f & 2 && i + LONG <= n) atLong.get(keyLong(src, i))?.push(i);
    }
  }
  for (let k = 0; k < quotes.length; k++) {
    const q = quotes[k]!;
    let n = 0;
    if (q.length < 3) {
      for (let i = src.indexOf(q); i >= 0; i = src.indexOf(q, i + 1)) n++;
    } else {
      const cands = (q.length >= LONG ? atLong.get(keyLong(q, 0)) : at3.get(key3(q, 0)))!;
      for (let c = 0; c < cands.length; c++) if (src.startsWith(q, cands[c]!)) n++;
    }
    into.set(q, n);
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

/** Check quotes against the normalised source text. */
export function checkQuotes(p: BoundProgram, sourceText: string): Diagnostic[] {
  if (memo?.sourceText !== sourceText) memo = { sourceText, src: normalizeQuote(sourceText), count: new Map(), missing: new Map() };
  const { src, count, missing } = memo;
  const out: Diagnostic[] = [];
  const entries = quoteEntries(p);
  const tree = clauseTree(p);
  if (quiet && quiet.memo === memo && sameList(quiet.entries, entries) && sameList(quiet.tree, tree)) return out;
  quiet = undefined;
  const norm = entries.map((x) => x.norm);
  // Quotes not counted yet (after an edit: the edited one) are counted in one pass. (The memo is
  // dropped when it has grown far past the program's quotes: each keystroke inside a quote adds one.)
  if (count.size > 2 * norm.length + 1000) count.clear();
  if (missing.size > norm.length + 1000) missing.clear();
  const uncounted = new Set<string>();
  for (const q of norm) if (q.length > 0 && !count.has(q)) uncounted.add(q);
  if (uncounted.size > 0) countOccurrences(src, [...uncounted], count);
  // References for repeated quotes: declarations (owner) and 条款 with a quote that occurs once.
  const placedOwners = new Set<string>();
  const placedClauses = new Set<string>();
  for (let i = 0; i < entries.length; i++) {
    const x = entries[i]!;
    if (count.get(norm[i]!) === 1) {
      placedOwners.add(x.key);
      if (x.clause !== undefined) placedClauses.add(x.clause);
    }
  }
  const parentOf = new Map(p.clauses.map((c) => [c.anchor, c.parent] as const));
  const placeable = (x: (typeof entries)[number]): boolean => {
    if (placedOwners.has(x.key)) return true;
    for (let c = x.clause, guard = 0; c !== undefined && guard < 64; c = parentOf.get(c), guard++) if (placedClauses.has(c)) return true;
    return false;
  };
  // Diagnostics in the program's order.
  for (let i = 0; i < entries.length; i++) {
    const x = entries[i]!;
    const quote = x.quote;
    const q = norm[i]!;
    const n = count.get(q) ?? 0;
    if (n > 0) {
      if (n > 1 && !placeable(x)) {
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
  if (out.length === 0) quiet = { memo, entries, tree };
  return out;
}
