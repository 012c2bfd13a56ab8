/**
 * Clause coverage: is every sentence of the source accounted for?
 * Input: a CompiledProgram whose policy names a 来源 (sourceText loaded).
 * Output: CoverageReport — per sentence (compiler/coverage/sentences.ts) a status,
 * the declarations that account for it, the reason when it is marked non-computable,
 * and the characters nobody quotes; plus totals. DESIGN.md §3: "every sentence of the
 * source is either formalised, or explicitly marked non-computable".
 *
 * How quotes are placed
 * - Every 原文 literal (allQuotes in semantics/quotes.ts) is matched like ZC0601 does:
 *   in the text with all white space removed (normalizeQuote); the match is mapped back
 *   to offsets of the original text, character by character.
 * - A quote that occurs once is placed there. A quote that occurs several times (e.g.
 *   "牵头单位：县卫健委" after many clauses) is placed at the occurrence nearest AFTER a
 *   reference: a uniquely-placed quote of the same declaration, else of the same clause,
 *   else of the nearest ancestor clause that has one; an occurrence before a reference
 *   is only taken when none follows. Tie-breaks, in order: an occurrence the same
 *   declaration has not taken yet (a 定性 listing "牵头单位：县卫健委" twice means two
 *   lines) comes first, then distance, then an occurrence no quote of the same wording
 *   has taken, then the earliest. With no reference at all: the first occurrence not yet
 *   taken. A quote not found at all (ZC0601, reported by `check`) is listed in
 *   `unmatched` and covers nothing.
 *
 * What each kind of quote does to the characters it covers ("effect")
 * - formalises: a rule's 原文; a measure's 原文 when the measure has at least one rule;
 *   an indicator's 原文; a definition's 原文 (a conclusion the text draws, computed);
 *   the policy header (below). (性质 declarations carry no 原文 in
 *   the language, so they cannot cover text.)
 * - marks (explicitly non-computable, with a reason):
 *   定性 → reason "<类别>：<理由>";
 *   a measure without rules but with 类别/理由 → the same form;
 *   a clause's own 原文 → reason "条款标题".
 * - none (listed as an owner, but accounts for nothing):
 *   存疑 notes — a reading note is an annotation on text that a measure or clause must
 *   account for; on its own it leaves the sentence missing. Its reason
 *   "存疑：<名>（采用 <解读>）" is still shown on every sentence it touches;
 *   前提 (assumptions) — a restriction of the inputs, not a formalisation: "前提：<名>";
 *   a measure with neither rules nor 类别/理由 (ZC0510).
 * - The policy header: 名称 (the policy's name), 标题, 文号, 发文机关 and each 依据 string
 *   counts as formalised text where it occurs in the source aligned to sentence
 *   boundaries — equal to one sentence or to a run of whole sentences (a title the
 *   layout broke over two lines). If a string has no aligned occurrence, its first
 *   occurrence that starts a sentence counts (so "示例县育儿支持办法（示例，非真实文件）"
 *   is partial, not missing). Occurrences in the middle of a sentence never count:
 *   "栾川县人民政府" inside a sentence is not the issuer line, and a 依据 document number
 *   cited in the preamble does not account for the preamble.
 *
 * Status of a sentence (only characters that are neither white space nor punctuation
 * \p{P} are "countable"; a sentence of punctuation only counts all its characters)
 * - formalised: every countable character is covered by a quote that formalises or
 *   marks, and at least one formalising quote touches the sentence;
 * - marked: every countable character is covered, only by marking quotes;
 * - partial: some countable characters are covered, some not (`uncovered` lists the
 *   uncovered runs, with offsets) — counts against the 100% target;
 * - missing: no countable character is covered.
 * `reason`: the distinct reasons of the marking owners touching the sentence, then
 * those of the annotating ones (存疑, bare measure), joined by "；" (null when none).
 * `clause` / `label`: the clause of the first owner that accounts for text in the
 * sentence (else of any owner; null for a missing sentence nobody mentions).
 *
 * Totals: accounted = formalised + marked; percent = accounted / sentences, rounded
 * DOWN to one decimal (99.96 % never shows as 100 %), 100 when there are no sentences.
 */
import type { CompiledProgram } from '../project/program.js';
import type * as A from '../syntax/ast.js';
import type { BoundProgram } from '../semantics/model.js';
import { allQuotes, normalizeQuote } from '../semantics/quotes.js';
import { isWhiteSpaceUnit, splitSentences, type IgnoredUnit, type Sentence } from './sentences.js';

export type CoverageStatus = 'formalised' | 'marked' | 'partial' | 'missing';
export type OwnerKind = 'header' | 'clause' | 'measure' | 'rule' | 'indicator' | 'definition' | 'assumption' | 'qualitative' | 'doubt' | 'other';
export type OwnerEffect = 'formalises' | 'marks' | 'none';

/** A declaration whose 原文 (or header string) touches a sentence. */
export interface CoverageOwner {
  readonly kind: OwnerKind;
  /** Measure name; `措施.规则` for a rule; indicator / doubt name; 定性 name or "定性"; clause label; header field (文号 …). */
  readonly name: string;
  /** Anchor of the enclosing clause (sec_4__subsec_1), if any. */
  readonly clause?: string;
  /** Display label of that clause (四（一）), if any. */
  readonly label?: string;
  readonly effect: OwnerEffect;
  /** For marks / none: why (see module header). */
  readonly reason?: string;
}

export interface UncoveredRun {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface SentenceCoverage extends Sentence {
  readonly status: CoverageStatus;
  readonly owners: CoverageOwner[];
  readonly reason: string | null;
  readonly uncovered: UncoveredRun[];
  readonly clause: string | null;
  readonly label: string | null;
}

export interface CoverageTotals {
  readonly sentences: number;
  readonly formalised: number;
  readonly marked: number;
  readonly partial: number;
  readonly missing: number;
  /** formalised + marked */
  readonly accounted: number;
  /** accounted / sentences × 100, rounded down to one decimal; 100 when sentences = 0. */
  readonly percent: number;
  /** Lines ignored as extraction artefacts (not sentences). */
  readonly ignored: number;
}

export interface UnmatchedQuote {
  readonly owner: CoverageOwner;
  readonly text: string;
  readonly span: A.StrLit['span'];
}

export interface CoverageReport {
  readonly root: string;
  /** Every clause of the program in declaration order (for grouping and headings). */
  readonly clauses: { readonly anchor: string; readonly label: string; readonly title?: string }[];
  readonly sourcePath: string;
  readonly sentences: SentenceCoverage[];
  readonly ignored: IgnoredUnit[];
  readonly unmatched: UnmatchedQuote[];
  readonly totals: CoverageTotals;
}

const PUNCT = /^\p{P}$/u;

/** Owner of every quote literal of the program, keyed by the literal node. */
function quoteOwners(p: BoundProgram): Map<A.StrLit, CoverageOwner> {
  const labels = new Map(p.clauses.map((c) => [c.anchor, c.label] as const));
  const where = (clause: string | undefined) => (clause ? { clause, ...(labels.has(clause) ? { label: labels.get(clause)! } : {}) } : {});
  const why = (category: A.Name | undefined, reason: A.StrLit | undefined): string =>
    category && reason ? `${category.text}：${reason.value}` : category ? category.text : reason ? reason.value : '（未写类别与理由）';
  const out = new Map<A.StrLit, CoverageOwner>();
  for (const c of p.clauses) {
    const o: CoverageOwner = { kind: 'clause', name: c.label, ...where(c.anchor), effect: 'marks', reason: '条款标题' };
    for (const q of c.decl.quotes) out.set(q, o);
  }
  for (const [name, m] of p.measures) {
    const d = m.decl;
    const o: CoverageOwner = d.rules.length > 0
      ? { kind: 'measure', name, ...where(m.clause), effect: 'formalises' }
      : d.category || d.reason
        ? { kind: 'measure', name, ...where(m.clause), effect: 'marks', reason: why(d.category, d.reason) }
        : { kind: 'measure', name, ...where(m.clause), effect: 'none', reason: `措施「${name}」没有规则，也没有说明为何不可计算` };
    for (const q of d.quotes) out.set(q, o);
    for (const r of d.rules) {
      const ro: CoverageOwner = { kind: 'rule', name: `${name}.${r.name.text}`, ...where(m.clause), effect: 'formalises' };
      for (const q of r.quotes) out.set(q, ro);
    }
  }
  for (const q of p.qualitative) {
    const o: CoverageOwner = { kind: 'qualitative', name: q.decl.name?.text ?? '定性', ...where(q.clause), effect: 'marks', reason: why(q.decl.category, q.decl.reason) };
    for (const x of q.decl.quotes) out.set(x, o);
  }
  for (const [name, d] of p.doubts) {
    const o: CoverageOwner = { kind: 'doubt', name, ...where(d.clause), effect: 'none', reason: `存疑：${name}${d.decl.adopted ? `（采用 ${d.decl.adopted.text}）` : ''}` };
    for (const x of d.decl.quotes) out.set(x, o);
  }
  for (const [name, i] of p.indicators) {
    const o: CoverageOwner = { kind: 'indicator', name, ...where(i.clause), effect: 'formalises' };
    for (const x of i.decl.quotes) out.set(x, o);
  }
  for (const [key, d] of p.definitions) {
    const o: CoverageOwner = { kind: 'definition', name: key, ...where(d.clause), effect: 'formalises' };
    for (const x of d.decl.quotes) out.set(x, o);
  }
  for (const [name, a] of p.assumptions) {
    const o: CoverageOwner = { kind: 'assumption', name, ...where(a.clause), effect: 'none', reason: `前提：${name}` };
    for (const x of a.decl.quotes) out.set(x, o);
  }
  return out;
}

/** The source text with white space removed, and where each kept code unit came from. */
function normalise(text: string): { norm: string; toOrig: number[]; toNorm: number[] } {
  const toOrig: number[] = [];
  const toNorm = new Array<number>(text.length + 1);
  let norm = '';
  for (let i = 0; i < text.length; i++) {
    toNorm[i] = toOrig.length;
    if (isWhiteSpaceUnit(text[i]!)) continue;
    toOrig.push(i);
    norm += text[i];
  }
  toNorm[text.length] = toOrig.length;
  return { norm, toOrig, toNorm };
}

function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** Coverage of one compiled program. Throws if the program has no loaded source text. */
export function computeCoverage(program: CompiledProgram): CoverageReport {
  if (program.sourceText === undefined || program.sourcePath === undefined) throw new Error(`程序 ${program.root} 没有来源文本`);
  const text = program.sourceText;
  const p = program.checked;
  const { sentences, ignored } = splitSentences(text);
  const { norm, toOrig, toNorm } = normalise(text);
  // INVARIANT: our normalisation is exactly the one ZC0601 uses.
  if (norm !== normalizeQuote(text)) throw new Error('coverage: white-space normalisation differs from normalizeQuote');

  const owners: CoverageOwner[] = [];
  const ownerIndex = new Map<string, number>();
  const ownerId = (o: CoverageOwner): number => {
    // (the reason is part of the key: unnamed 定性 in one clause, or at the top level, share kind, name
    // and clause, and each must show its own 类别/理由)
    const key = `${o.kind}\u0000${o.name}\u0000${o.clause ?? ''}\u0000${o.reason ?? ''}`;
    let id = ownerIndex.get(key);
    if (id === undefined) {
      id = owners.length;
      owners.push(o);
      ownerIndex.set(key, id);
    }
    return id;
  };
  /** Owners covering each original code unit. */
  const cover: (number[] | undefined)[] = new Array(text.length);
  const place = (normStart: number, len: number, id: number) => {
    for (let k = normStart; k < normStart + len; k++) {
      const o = toOrig[k]!;
      const list = (cover[o] ??= []);
      if (!list.includes(id)) list.push(id);
    }
  };

  // ── 原文 quotes ──
  const known = quoteOwners(p);
  const unmatched: UnmatchedQuote[] = [];
  type Pending = { q: string; occ: number[]; owner: CoverageOwner; clause?: string };
  const pending: Pending[] = [];
  const used = new Map<string, Set<number>>();
  const refs = new Map<string, number[]>(); // clause anchor → uniquely placed quote starts
  const ownerRefs = new Map<number, number[]>(); // owner → its uniquely placed quote starts
  const use = (q: string, at: number) => {
    let s = used.get(q);
    if (!s) used.set(q, (s = new Set()));
    s.add(at);
  };
  for (const { quote, clause, owner: ownerText } of allQuotes(p)) {
    const owner = known.get(quote) ?? { kind: 'other' as const, name: ownerText, ...(clause ? { clause } : {}), effect: 'none' as const, reason: `未知的原文来源：${ownerText}` };
    const q = normalizeQuote(quote.value);
    const occ = occurrences(norm, q);
    if (occ.length === 0) {
      if (q.length) unmatched.push({ owner, text: quote.value, span: quote.span });
      continue;
    }
    if (occ.length === 1) {
      const id = ownerId(owner);
      place(occ[0]!, q.length, id);
      use(q, occ[0]!);
      let own = ownerRefs.get(id);
      if (!own) ownerRefs.set(id, (own = []));
      own.push(occ[0]!);
      if (owner.clause) {
        let r = refs.get(owner.clause);
        if (!r) refs.set(owner.clause, (r = []));
        r.push(occ[0]!);
      }
    } else pending.push({ q, occ, owner, ...(owner.clause ? { clause: owner.clause } : {}) });
  }
  const parentOf = new Map(p.clauses.map((c) => [c.anchor, c.parent] as const));
  const refsFor = (id: number, clause: string | undefined): number[] => {
    const own = ownerRefs.get(id);
    if (own?.length) return own;
    for (let c = clause, guard = 0; c !== undefined && guard < 64; c = parentOf.get(c), guard++) {
      const r = refs.get(c);
      if (r?.length) return r;
    }
    return [];
  };
  const ownerTaken = new Map<string, Set<number>>();
  for (const { q, occ, owner, clause } of pending) {
    const id = ownerId(owner);
    const rs = refsFor(id, clause);
    const taken = used.get(q);
    const mine = ownerTaken.get(`${id}\u0000${q}`) ?? new Set<number>();
    ownerTaken.set(`${id}\u0000${q}`, mine);
    // Lexicographic: not yet taken by this owner, distance to a reference, not yet taken by anyone, position.
    const key = (o: number): number[] => {
      let dist = rs.length ? Infinity : 0;
      for (const r of rs) dist = Math.min(dist, o >= r ? o - r : r - o + norm.length);
      return [mine.has(o) ? 1 : 0, dist, taken?.has(o) ? 1 : 0, o];
    };
    const less = (a: number[], b: number[]) => {
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
      return false;
    };
    let best = occ[0]!;
    let bestKey = key(best);
    for (const o of occ.slice(1)) {
      const k = key(o);
      if (less(k, bestKey)) {
        best = o;
        bestKey = k;
      }
    }
    place(best, q.length, id);
    use(q, best);
    mine.add(best);
  }

  // ── policy header ──
  const pol = p.policy?.decl;
  if (pol) {
    const starts = new Set(sentences.map((s) => toNorm[s.start]!));
    const ends = new Set(sentences.map((s) => toNorm[s.end]!));
    const fields: [string, string | undefined][] = [
      ['名称', pol.name?.text], ['标题', pol.title?.value], ['文号', pol.docNumber?.value], ['发文机关', pol.issuer?.value],
      ...pol.basis.map((b): [string, string] => ['依据', b.value]),
    ];
    for (const [field, value] of fields) {
      if (value === undefined) continue;
      const h = normalizeQuote(value);
      const occ = occurrences(norm, h);
      const aligned = occ.filter((o) => starts.has(o) && ends.has(o + h.length));
      const chosen = aligned.length ? aligned : occ.filter((o) => starts.has(o)).slice(0, 1);
      for (const o of chosen) place(o, h.length, ownerId({ kind: 'header', name: field, effect: 'formalises' }));
    }
  }

  // ── per sentence ──
  const result: SentenceCoverage[] = sentences.map((s) => {
    const touching: number[] = [];
    const cps: { at: number; len: number; countable: boolean; covered: boolean; punct: boolean }[] = [];
    let anyCountable = false;
    for (let o = s.start; o < s.end;) {
      const cp = text.codePointAt(o)!;
      const len = cp > 0xffff ? 2 : 1;
      const ch = String.fromCodePoint(cp);
      const ws = isWhiteSpaceUnit(text[o]!);
      const ids = cover[o] ?? [];
      for (const id of ids) if (!touching.includes(id)) touching.push(id);
      const covered = ids.some((id) => owners[id]!.effect !== 'none');
      const punct = PUNCT.test(ch);
      if (!ws) {
        cps.push({ at: o, len, countable: !punct, covered, punct });
        if (!punct) anyCountable = true;
      }
      o += len;
    }
    if (!anyCountable) for (const c of cps) c.countable = true;
    const countable = cps.filter((c) => c.countable);
    const coveredCount = countable.filter((c) => c.covered).length;
    const touchingOwners = touching.map((id) => owners[id]!);
    let status: CoverageStatus;
    if (countable.length > 0 && coveredCount === countable.length) status = touchingOwners.some((o) => o.effect === 'formalises') ? 'formalised' : 'marked';
    else if (coveredCount > 0) status = 'partial';
    else status = 'missing';
    // Uncovered runs: countable, uncovered code points; a covered code point ends a run.
    const uncovered: UncoveredRun[] = [];
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) uncovered.push({ start: runStart, end: runEnd, text: text.slice(runStart, runEnd) });
      runStart = runEnd = -1;
    };
    if (status === 'partial') {
      for (const c of cps) {
        if (c.covered) flush();
        else if (c.countable) {
          if (runStart < 0) runStart = c.at;
          runEnd = c.at + c.len;
        }
      }
      flush();
    }
    const reasons: string[] = [];
    for (const effect of ['marks', 'none'] as const) {
      for (const o of touchingOwners) if (o.effect === effect && o.reason && !reasons.includes(o.reason)) reasons.push(o.reason);
    }
    const home = touchingOwners.find((o) => o.effect !== 'none' && o.clause) ?? touchingOwners.find((o) => o.clause);
    return {
      ...s,
      status,
      owners: touchingOwners,
      reason: reasons.length ? reasons.join('；') : null,
      uncovered,
      clause: home?.clause ?? null,
      label: home?.label ?? null,
    };
  });

  const count = (st: CoverageStatus) => result.filter((r) => r.status === st).length;
  const formalised = count('formalised');
  const marked = count('marked');
  const accounted = formalised + marked;
  const totals: CoverageTotals = {
    sentences: result.length,
    formalised,
    marked,
    partial: count('partial'),
    missing: count('missing'),
    accounted,
    percent: result.length ? Math.floor((accounted * 1000) / result.length) / 10 : 100,
    ignored: ignored.length,
  };
  const clauses = p.clauses.map((c) => ({ anchor: c.anchor, label: c.label, ...(c.title !== undefined ? { title: c.title } : {}) }));
  return { root: program.root, clauses, sourcePath: program.sourcePath, sentences: result, ignored, unmatched, totals };
}
