/**
 * 原文 check: every quote in the program must occur in the policy's source text.
 * Input: CheckedProgram + the source text. Output: diagnostics (ZC060x).
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

/** Every 原文 literal of a program, in `allQuotes`' order (without where it sits: what checkQuotes needs). */
function quoteLiterals(p: BoundProgram): A.StrLit[] {
  const out: A.StrLit[] = [];
  const add = (qs: readonly A.StrLit[]) => {
    for (const q of qs) out.push(q);
  };
  for (const c of p.clauses) add(c.decl.quotes);
  for (const m of p.measures.values()) {
    add(m.decl.quotes);
    for (const r of m.decl.rules) add(r.quotes);
  }
  for (const q of p.qualitative) add(q.decl.quotes);
  for (const d of p.doubts.values()) add(d.decl.quotes);
  for (const i of p.indicators.values()) add(i.decl.quotes);
  for (const d of p.definitions.values()) add(d.decl.quotes);
  for (const a of p.assumptions.values()) add(a.decl.quotes);
  return out;
}

/** How far around the hint `findNear` looks first, in UTF-16 units. */
const NEAR = 4096;

/**
 * An occurrence of `q` in `src` (or -1: none anywhere), looked for near `hint` first: ahead of it,
 * then just behind it, then in the rest. A quote whose text also occurs earlier in the source moves
 * the hint past the next quotes' places; each of those was searched to the source's end and back
 * (283 of 7,191 quotes of the benchmark corpus, 23 million characters scanned).
 * INVARIANT: -1 only when `q` occurs nowhere in `src` (the last two searches cover all of it).
 */
function findNear(src: string, q: string, hint: number): number {
  const ahead = src.slice(hint, hint + NEAR).indexOf(q);
  if (ahead >= 0) return hint + ahead;
  const from = Math.max(0, hint - NEAR);
  const behind = src.slice(from, hint + q.length - 1).lastIndexOf(q);
  if (behind >= 0) return from + behind;
  const rest = src.indexOf(q, Math.max(0, hint + NEAR - q.length + 1));
  return rest >= 0 ? rest : src.lastIndexOf(q, hint);
}

// The last source text checked against, normalised, and the quotes found in it: the language
// server checks the same source after every edit, and a quote is searched in it once.
let memo: { sourceText: string; src: string; found: Set<string> } | undefined;

/** Check quotes against the normalised source text. */
export function checkQuotes(p: BoundProgram, sourceText: string): Diagnostic[] {
  if (memo?.sourceText !== sourceText) memo = { sourceText, src: normalizeQuote(sourceText), found: new Set() };
  const { src, found } = memo;
  const out: Diagnostic[] = [];
  const quotes = quoteLiterals(p);
  // Searched in text order (file, offset), each from where the previous one was found, then
  // before it: policy files follow their source, so a search is short. (Found or not is the
  // same from any start; searching the whole source for each of thousands of quotes was
  // quadratic in the policy's size.)
  const inOrder = quotes.filter((q) => !found.has(q.value)).sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start));
  let hint = 0;
  for (const quote of inOrder) {
    const q = normalizeQuote(quote.value);
    if (q.length === 0) continue;
    const at = findNear(src, q, hint);
    if (at >= 0) {
      found.add(quote.value);
      hint = at + q.length;
    }
  }
  // Diagnostics in the program's order.
  for (const quote of quotes) {
    if (found.has(quote.value)) continue;
    const q = normalizeQuote(quote.value);
    if (q.length === 0) {
      out.push(diag('ZC0601', quote.span, '原文为空'));
      continue;
    }
    // Longest prefix of the quote found in the source: tells the drafter where it diverges.
    let lo = 0;
    let hi = q.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (src.includes(q.slice(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    const cps = [...q.slice(0, lo)].length;
    const chars = [...q];
    let help = '原文须与来源文件逐字一致（只忽略空白）';
    let fixes: { title: string; edits: { span: typeof quote.span; newText: string }[] }[] = [];
    if (lo > 0) {
      const where = src.indexOf(q.slice(0, lo));
      const srcNext = [...src.slice(where + lo, where + lo + 12)].join('');
      help = `前 ${cps} 个字与来源一致；第 ${cps + 1} 个字起不同：此处为“${chars.slice(cps, cps + 12).join('')}”，来源为“${srcNext}”`;
      // If the source continues with the same length, offer the source wording.
      const candidate = src.slice(where, where + q.length);
      if (candidate.length === q.length) fixes = [{ title: '改为来源文件中的文字', edits: [{ span: quote.span, newText: JSON.stringify(candidate) }] }];
    }
    out.push(diag('ZC0601', quote.span, '原文与来源文件不一致', { help, fixes }));
  }
  return out;
}
