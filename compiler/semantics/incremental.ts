/**
 * Incremental checking: the dependency index of a program's declarations and the reuse of an
 * earlier check's results for the declarations an edit did not touch.
 * Input: the state of an earlier check of the program (`CheckState`) and the freshly bound
 * program of the edited files. Output: the same `CheckedProgram` and check diagnostics as
 * `check` on the bound program (or undefined: the caller checks the whole program).
 *
 * Declarations ("leaves": every item that is not a 条款; a 条款 only contains them) are matched
 * with the earlier parse's by identity: the parser reuses a declaration the edit did not touch as
 * the same object, moved in place by the edit's length change (syntax/blocks.ts `shiftItems`); how
 * far it moved since the earlier check is its start now minus its start then (`CheckState.spans`,
 * recorded when that check ran — the nodes' spans change with every later edit). A leaf the earlier
 * parse did not have (or a copy: a parse with syntax errors copies) is new.
 *
 * What is checked again:
 *  - new leaves (the edited declarations), and reused ones the earlier check did not check
 *    (e.g. a duplicate that became the first of its name);
 *  - when the interface of the new and dropped leaves differs (their kinds, declared names and
 *    declared types — or, for a 定义/指标 without a declared type, anything), the names they
 *    declare are "changed" (a measure's: its name only — its outcomes and rules are reached through it); a leaf whose interface mentions a changed name (an entity whose field
 *    has a renamed entity as its type) changes its interface too (fixpoint); every declaration
 *    that mentions a changed name anywhere is checked again, and so is every declaration whose
 *    earlier diagnostics list candidate names (ZC0401/ZC0403/ZC0506 suggestions);
 *  - the 指标 that mention a re-checked 指标 (transitively: their cycles are found in check order).
 * The dependency index is by name: `mentions` (every name written in a declaration) — a
 * superset of what it refers to, so nothing that depends on a change is missed.
 *
 * The earlier results of the other declarations are attributed by span (each diagnostic and
 * reference lies inside the declaration whose check made it, at the spans recorded then) and moved
 * with their declaration — a diagnostic copied with its spans moved; a reference is kept per leaf and reads
 * its span from the leaf's (`LeafReference`), so it moves with it at no cost; types and resolutions are
 * keyed by the expression nodes themselves, which a moved declaration keeps. The parser keeps the leaves'
 * order, so the earlier leaves are matched with the new ones by position before and after the edited ones
 * (identity checked), by a map only between them.
 * Falls back (undefined) when: the program's files changed otherwise (imports), a result lies
 * outside every declaration, a cycle (ZC0410, a 指标 referring to itself) is reported before or
 * after — cycle errors depend on check order — or too much would be checked again.
 *
 * INVARIANT: the result equals `check(bound)` — diagnostics (deduplicated; in sorted order, where
 * diagnostics at one span with one code keep the order of the one check run of their declaration), references
 * (as a set), types and resolutions (test/project/incremental-check.test.ts, after every edit of
 * random edit sequences).
 */
import type { Span } from '../common/source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type * as A from '../syntax/ast.js';
import { checkWith, type CheckMemo } from './checker.js';
import { symbolId, type BoundProgram, type CheckedProgram, type ProgramFile, type Reference, type Resolution, type Type } from './model.js';

type Leaf = Exclude<A.TopItem | A.ClauseItem, A.ClauseDecl>;

/** What one check of a program leaves for the next. */
export interface CheckState {
  readonly files: ReadonlyMap<string, ProgramFile>;
  /** Per file, its leaves in text order. */
  readonly leaves: ReadonlyMap<string, readonly Leaf[]>;
  /**
   * Per file, the leaves' spans when the check ran ([start, end] pairs, parallel to `leaves`).
   * INVARIANT: the check's diagnostics and references are attributed by these, never by the leaves'
   * current spans: a later parse moves reused leaves in place.
   */
  readonly spans: ReadonlyMap<string, Int32Array>;
  /** The declarations the check checked (the bound program's entities, measures, …). */
  readonly units: ReadonlySet<object>;
  /** The check's own diagnostics (the binder's are made again). */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The check's own references, per leaf (`LeafReference`: its span read from the leaf's, so a leaf moved
   * in place carries its references as they are); undefined when one lay in no leaf (the next check is whole).
   */
  readonly references: ReadonlyMap<Leaf, readonly Reference[]> | undefined;
  readonly types: ExprMap<Type>;
  readonly resolutions: ExprMap<Resolution>;
  readonly memo: CheckMemo;
}

/** Diagnostics whose message lists candidate names: they change when any declared name does. */
const SUGGESTING = new Set(['ZC0401', 'ZC0403', 'ZC0506']);

/** Every leaf of a file, in text order. */
export function leavesOf(ast: A.FileAst): Leaf[] {
  const out: Leaf[] = [];
  const walk = (items: readonly (A.TopItem | A.ClauseItem)[]) => {
    for (const i of items) {
      if (i.kind === 'clause') walk(i.items);
      else out.push(i);
    }
  };
  walk(ast.items);
  return out;
}

/** The declarations `check` checks, as AST nodes. */
export function unitsOf(p: BoundProgram): Set<object> {
  const s = new Set<object>();
  for (const e of p.entities.values()) s.add(e);
  for (const i of p.indicators.values()) s.add(i.decl);
  for (const m of p.measures.values()) s.add(m.decl);
  for (const x of p.properties.values()) s.add(x.decl);
  for (const d of p.definitions.values()) s.add(d.decl);
  for (const a of p.assumptions.values()) s.add(a.decl);
  if (p.policy) s.add(p.policy.decl);
  return s;
}

/**
 * The leaves of a program's files and their spans now (for a `CheckState`), and the spans now of the
 * check's references (`bound.references` from `from` on: those the check made — many are its nodes' own
 * span objects, which a later parse moves in place with them).
 */
export function leafSpans(bound: BoundProgram, from = bound.references.length): { leaves: Map<string, Leaf[]>; spans: Map<string, Int32Array>; refSpans: Int32Array } {
  const leaves = new Map<string, Leaf[]>();
  const spans = new Map<string, Int32Array>();
  for (const [path, f] of bound.files) {
    const ls = leavesOf(f.ast);
    leaves.set(path, ls);
    spans.set(path, spansOf(ls));
  }
  const rs = bound.references;
  const refSpans = new Int32Array(2 * Math.max(0, rs.length - from));
  for (let i = from, k = 0; i < rs.length; i++, k += 2) {
    const x = rs[i]!.span;
    refSpans[k] = x.start;
    refSpans[k + 1] = x.end;
  }
  return { leaves, spans, refSpans };
}

function spansOf(ls: readonly Leaf[]): Int32Array {
  const a = new Int32Array(2 * ls.length);
  for (let i = 0; i < ls.length; i++) {
    a[2 * i] = ls[i]!.span.start;
    a[2 * i + 1] = ls[i]!.span.end;
  }
  return a;
}

/**
 * A reference the check made inside a leaf, its span read from the leaf's: the same offsets from the
 * leaf's start wherever the leaf has been moved in place (a leaf checked again gets new ones). No copy of
 * a reference per edit; the span object is made again only when the leaf's start changed.
 */
class LeafReference implements Reference {
  readonly target: string;
  readonly #leaf: { readonly span: Span };
  readonly #file: string;
  readonly #start: number;
  readonly #end: number;
  #at = NaN;
  #span: Span | undefined;
  /** `s`: the reference's span (its offsets `start`, `end` when given) when the leaf started at `leafStart`. */
  constructor(target: string, leaf: { readonly span: Span }, s: Span, leafStart: number, start = s.start, end = s.end) {
    this.target = target;
    this.#leaf = leaf;
    this.#file = s.file;
    this.#start = start - leafStart;
    this.#end = end - leafStart;
  }
  get span(): Span {
    // (the leaf's span object moves in place with it: made again when the leaf's start changed)
    const at = this.#leaf.span.start;
    if (this.#at !== at) {
      this.#at = at;
      this.#span = { file: this.#file, start: at + this.#start, end: at + this.#end };
    }
    return this.#span!;
  }
}

/**
 * References by leaf (`CheckState.references`), each leaf's in the order the check made them; undefined when one lies in no checked leaf.
 * (by their spans when the check ran, `at.refSpans`, as the leaves': the nodes may have moved since)
 */
function referencesByLeaf(refs: readonly Reference[], at: ReturnType<typeof leafSpans>, units: ReadonlySet<object>): Map<Leaf, Reference[]> | undefined {
  const out = new Map<Leaf, Reference[]>();
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k]!;
    const s = r.span;
    const was = { file: s.file, start: at.refSpans[2 * k]!, end: at.refSpans[2 * k + 1]! };
    const sp = at.spans.get(s.file);
    const i = sp ? leafAt(sp, was) : -1;
    if (i < 0) return undefined;
    const leaf = at.leaves.get(s.file)![i]!;
    if (!units.has(leaf)) return undefined;
    let list = out.get(leaf);
    if (!list) out.set(leaf, (list = []));
    list.push(new LeafReference(r.target, leaf, s, sp![2 * i]!, was.start, was.end));
  }
  return out;
}

/** The references of `byLeaf`, leaf after leaf in text order (`leaves`), after `head`. */
function flatReferences(head: readonly Reference[], leaves: ReadonlyMap<string, readonly Leaf[]>, byLeaf: ReadonlyMap<Leaf, readonly Reference[]>): Reference[] {
  const out = head.slice();
  for (const ls of leaves.values()) {
    for (const l of ls) {
      const rs = byLeaf.get(l);
      if (rs) for (const r of rs) out.push(r);
    }
  }
  return out;
}

/**
 * The state of a whole-program check (for the next incremental one). `at`: the leaves and their
 * spans taken right after the check (`leafSpans`) — the state itself may be made later, when the
 * nodes have moved.
 */
export function checkState(bound: BoundProgram, bindReferences: number, r: { value: CheckedProgram; diagnostics: readonly Diagnostic[]; memo: CheckMemo }, at: ReturnType<typeof leafSpans>): CheckState {
  const units = unitsOf(bound);
  const refs = r.value.references.slice(bindReferences);
  // (by leaf when first read: an incremental check that gives up before — too many changed — does not pay for it)
  let byLeaf: Map<Leaf, Reference[]> | undefined | null = null;
  return {
    files: bound.files, leaves: at.leaves, spans: at.spans, units, diagnostics: r.diagnostics,
    get references() {
      return byLeaf === null ? (byLeaf = referencesByLeaf(refs, at, units)) : byLeaf;
    },
    types: ExprMap.over(r.value.types), resolutions: ExprMap.over(r.value.resolutions), memo: r.memo,
  };
}

// ── the dependency index: names a declaration writes, declares, and shows to others ──

const NON_NAME_KEYS = new Set(['span', 'nameSpan', 'keySpan', 'numberSpan', 'wordSpan']);

function collectNames(v: unknown, out: Set<string>): void {
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) collectNames(x, out);
    return;
  }
  const o = v as Record<string, unknown>;
  if (typeof o['text'] === 'string' && typeof o['quoted'] === 'boolean') out.add(o['text'] as string);
  for (const k in o) if (!NON_NAME_KEYS.has(k)) collectNames(o[k], out);
}

const mentionCache = new WeakMap<object, ReadonlySet<string>>();
/** Every name written in a declaration (cached per node: a moved declaration is the same node). */
export function mentions(leaf: Leaf): ReadonlySet<string> {
  let m = mentionCache.get(leaf);
  if (m) return m;
  const s = new Set<string>();
  collectNames(leaf, s);
  mentionCache.set(leaf, s);
  return s;
}

/**
 * Names a declaration introduces (its own, and its fields, members, aliases) — as other declarations
 * see them. A measure's outcomes and rules are scoped to it (binder.ts: symbols with a container, never
 * found by a bare name — the checker's `namedSymbol` skips them): another declaration reaches them only
 * through the measure's name (`措施.结果`, `适用（措施）`, `申请条件`), so its name stands for them.
 * (Every measure of a long policy may have an outcome 补助金额: listing it made an edit of one
 * measure's outcomes or rules re-check all of them.)
 */
function declared(leaf: Leaf): string[] {
  switch (leaf.kind) {
    case 'entity': return [leaf.name.text, ...leaf.fields.map((f) => f.name.text)];
    case 'enum': return [leaf.name.text, ...leaf.members.map((m) => m.text)];
    case 'org': return [leaf.name.text, ...leaf.aliases.map((a) => a.text)];
    case 'measure': return [leaf.name.text];
    case 'param': case 'indicator': case 'property': case 'definition': case 'assumption': case 'doubt':
      return [leaf.name.text];
    default: return [];
  }
}

const json = (v: unknown) => JSON.stringify(v, (k, x) => (NON_NAME_KEYS.has(k) ? undefined : typeof x === 'bigint' ? x.toString() : x));

/**
 * What other declarations' checks can see of a declaration (no spans). For a 定义/指标 without a declared
 * type that is its inferred type: its whole text (a re-parsed one with the same text infers the same type
 * from the same names — and when one of those names changed, the fixpoint over `interfaceMentions` says so).
 */
function signature(leaf: Leaf): string {
  switch (leaf.kind) {
    case 'entity': return `entity${json([leaf.name, leaf.fields])}`;
    case 'enum': return `enum${json([leaf.name, leaf.members])}`;
    case 'param': return `param${json([leaf.name, leaf.type])}`;
    case 'org': return `org${json([leaf.name, leaf.aliases])}`;
    case 'measure': return `measure${json([leaf.name, leaf.outcomes, leaf.rules.map((r) => r.name)])}`;
    case 'definition': return leaf.type ? `definition${json([leaf.name, leaf.entity, leaf.type])}` : `opaque definition${json(leaf)}`;
    case 'indicator': return leaf.type ? `indicator${json([leaf.name, leaf.type])}` : `opaque indicator${json(leaf)}`;
    case 'property': case 'assumption': case 'doubt': return `${leaf.kind}${json(leaf.name)}`;
    default: return leaf.kind;
  }
}

/** Names in a declaration's interface (a declared type naming an entity or enum); all of them for an opaque one. */
function interfaceMentions(leaf: Leaf): ReadonlySet<string> {
  const s = new Set<string>();
  switch (leaf.kind) {
    case 'entity': collectNames(leaf.fields.map((f) => f.type), s); break;
    case 'param': collectNames(leaf.type, s); break;
    case 'measure': collectNames(leaf.outcomes.map((o) => o.type), s); break;
    case 'definition': if (!leaf.type) return mentions(leaf); collectNames([leaf.type, leaf.entity], s); break;
    case 'indicator': if (!leaf.type) return mentions(leaf); collectNames(leaf.type, s); break;
    default: break;
  }
  return s;
}

/** The symbol id a leaf declares its own name under (binder.ts `define`), if it has a name. */
function leafSymbolId(leaf: Leaf): string | undefined {
  const name = (leaf as { readonly name?: A.Name }).name;
  if (!name || typeof name.text !== 'string') return undefined;
  return symbolId(leaf.kind, name.text, leaf.kind === 'definition' ? leaf.entity?.text : undefined);
}

/**
 * The fresh and dropped leaves whose change other declarations may see: all of them but the pairs of a
 * fresh leaf and a dropped one with equal signatures (what other declarations' checks see of them) where
 * the fresh one is what the new binding declares under each of its global names (`symbols`' decl; so not a
 * duplicate). INVARIANT: the dropped one of a pair was what the earlier binding declared under those names
 * too — a leaf declared before it under one of them was either carried (then still before the fresh one:
 * the parser keeps the leaves' order, so the fresh one would be a duplicate now) or dropped and unpaired
 * (its names are changed anyway: only one leaf per name is seen, and the fresh one of the pair is it).
 */
function unpairedLeaves(fresh: readonly Leaf[], dropped: readonly Leaf[], bound: BoundProgram): Leaf[] {
  if (!fresh.length || !dropped.length) return [...fresh, ...dropped];
  const bySig = new Map<string, Leaf[]>();
  for (const d of dropped) {
    const k = signature(d);
    const list = bySig.get(k);
    if (list) list.push(d);
    else bySig.set(k, [d]);
  }
  const seen = (l: Leaf): boolean => {
    const id = leafSymbolId(l);
    if (id !== undefined && bound.symbols.get(id)?.decl !== l) return false;
    if (l.kind === 'org') for (const a of l.aliases) if (bound.symbols.get(symbolId('org', a.text))?.decl !== l) return false;
    return true;
  };
  const out: Leaf[] = [];
  for (const f of fresh) {
    const list = seen(f) ? bySig.get(signature(f)) : undefined;
    if (list?.length) list.pop();
    else out.push(f);
  }
  for (const list of bySig.values()) for (const d of list) out.push(d);
  return out;
}

// ── reuse ──

/** The leaf (index) whose recorded span ([start, end] pairs, sorted and disjoint but for touching ends) contains `s`, or -1. */
function leafAt(spans: Int32Array, s: Span): number {
  let lo = 0;
  let hi = spans.length / 2 - 1;
  const inside = (k: number) => s.start >= spans[2 * k]! && s.end <= spans[2 * k + 1]!;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[2 * mid + 1]! < s.start) lo = mid + 1;
    else if (spans[2 * mid]! > s.start) hi = mid - 1;
    else {
      // (spans may touch: the last one starting at or before s.start that contains it)
      const n = spans.length / 2;
      for (let k = mid + 1; k < n && spans[2 * k]! <= s.start; k++) if (inside(k)) return k;
      for (let k = mid; k >= 0 && spans[2 * k + 1]! >= s.start; k--) if (inside(k)) return k;
      return -1;
    }
  }
  return -1;
}

function shiftSpan(s: Span, d: number): Span {
  return d === 0 ? s : { ...s, start: s.start + d, end: s.end + d };
}

function shiftDiagnostic(x: Diagnostic, d: number): Diagnostic {
  if (d === 0) return x;
  const file = x.span.file;
  const mv = (s: Span) => (s.file === file && !(s.start === 0 && s.end === 0) ? shiftSpan(s, d) : s);
  return {
    ...x, span: mv(x.span),
    ...(x.related ? { related: x.related.map((r) => ({ ...r, span: mv(r.span) })) } : {}),
    ...(x.fixes ? { fixes: x.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: mv(e.span) })) })) } : {}),
  } as Diagnostic;
}

/**
 * Types or resolutions keyed by the expression node (a declaration moved in place keeps its
 * nodes, so reusing its results costs nothing per expression). A layer over the map of the
 * previous check holds what changed (entries set, entries removed): an edit costs what it
 * checked again, not a copy of every entry; every `MAX_DEPTH` layers the layers above the bottom map are
 * collapsed into one (what the last edits changed: small), and the whole map is flattened only when that
 * one has grown past a quarter of the bottom map — each entry is copied a bounded number of times, and no
 * edit pays for a copy of every entry more often than once per that many changed ones.
 * The later passes and the services only call `get`/`has`; `size` and iteration are exact too.
 */
export class ExprMap<V> extends Map<A.Expr, V> {
  private static readonly MAX_DEPTH = 4;
  private base: ReadonlyMap<A.Expr, V> | undefined;
  private gone = new Set<object>();
  private n = 0;
  private depth = 0;

  /** A map that starts as `map` (not copied: `map` must not change afterwards). */
  static over<V>(map: ReadonlyMap<A.Expr, V>): ExprMap<V> {
    const out = new ExprMap<V>();
    out.base = map;
    out.n = map.size;
    out.depth = map instanceof ExprMap ? map.depth + 1 : 1;
    return out;
  }

  /** A new map that starts as this one (this one is not changed by changing it). */
  layer(): ExprMap<V> {
    if (this.depth >= ExprMap.MAX_DEPTH) {
      // the layers above the bottom map, oldest first, collapsed: their entries set and removed
      const chain: ExprMap<V>[] = [];
      let bottom: ReadonlyMap<A.Expr, V> | undefined = this;
      while (bottom instanceof ExprMap) {
        chain.push(bottom);
        bottom = bottom.base;
      }
      const own = new Map<A.Expr, V>();
      const gone = new Set<object>();
      for (let i = chain.length - 1; i >= 0; i--) {
        const l = chain[i]!;
        for (const e of l.gone) {
          own.delete(e as A.Expr);
          gone.add(e);
        }
        for (const [e, v] of Map.prototype.entries.call(l) as IterableIterator<[A.Expr, V]>) {
          own.set(e, v);
          gone.delete(e);
        }
      }
      // (the flattened entries are a new Map no one else holds: the next layer's base as it is)
      if (!bottom || own.size + gone.size > bottom.size / 4) return ExprMap.over(this.flat());
      const one = new ExprMap<V>();
      one.base = bottom;
      one.gone = gone;
      one.n = this.n;
      one.depth = 1;
      for (const [e, v] of own) Map.prototype.set.call(one, e, v);
      return ExprMap.over(one);
    }
    return ExprMap.over(this);
  }

  override get(e: A.Expr): V | undefined {
    if (Map.prototype.has.call(this, e)) return Map.prototype.get.call(this, e) as V;
    if (this.gone.has(e)) return undefined;
    return this.base?.get(e);
  }

  override has(e: A.Expr): boolean {
    if (Map.prototype.has.call(this, e)) return true;
    if (this.gone.has(e)) return false;
    return !!this.base?.has(e);
  }

  /** Set the entry of `e`. */
  put(e: A.Expr, v: V): void {
    if (!this.has(e)) this.n++;
    this.gone.delete(e);
    Map.prototype.set.call(this, e, v);
  }

  /** Remove the entry of `e`. */
  drop(e: A.Expr): void {
    if (!this.has(e)) return;
    this.n--;
    Map.prototype.delete.call(this, e);
    if (this.base) this.gone.add(e);
  }

  override get size(): number {
    return this.n;
  }

  /** The entries, flattened. */
  flat(): Map<A.Expr, V> {
    const out = !this.base ? new Map<A.Expr, V>() : this.base instanceof ExprMap ? this.base.flat() : new Map(this.base);
    for (const r of this.gone) out.delete(r as A.Expr);
    for (const [k, v] of Map.prototype.entries.call(this) as IterableIterator<[A.Expr, V]>) out.set(k, v);
    return out;
  }

  override entries(): MapIterator<[A.Expr, V]> {
    return this.flat().entries();
  }
  override keys(): MapIterator<A.Expr> {
    return this.flat().keys();
  }
  override values(): MapIterator<V> {
    return this.flat().values();
  }
  override [Symbol.iterator](): MapIterator<[A.Expr, V]> {
    return this.flat().entries();
  }
  override forEach(f: (v: V, k: A.Expr, m: Map<A.Expr, V>) => void, thisArg?: unknown): void {
    this.flat().forEach((v, k) => f.call(thisArg, v, k, this));
  }
  override set(e: A.Expr, v: V): this {
    this.put(e, v);
    return this;
  }
  override delete(e: A.Expr): boolean {
    const had = this.has(e);
    this.drop(e);
    return had;
  }
}

/** Remove the entries of a declaration's expressions. */
function forget(v: unknown, types: ExprMap<unknown>, res: ExprMap<unknown>, seen: Set<object>): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) {
    for (const x of v) forget(x, types, res, seen);
    return;
  }
  types.drop(v as A.Expr);
  res.drop(v as A.Expr);
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (NON_NAME_KEYS.has(k)) continue;
    const x = o[k];
    if (x !== null && typeof x === 'object') forget(x, types, res, seen);
  }
}

/** Statistics of the last incremental check (for the benchmark). */
export const lastIncremental = { rechecked: 0, units: 0, fresh: 0, dropped: 0, changed: 0, fallback: '' };

/**
 * The check of `bound` (a freshly bound program) reusing `st`: undefined when the whole
 * program must be checked (see the module header). `bindReferences`: how many of
 * `bound.references` the binder made (the checker appends its own).
 */
export function checkIncrementally(st: CheckState, bound: BoundProgram): { value: CheckedProgram; diagnostics: Diagnostic[]; state: CheckState } | undefined {
  const fail = (why: string) => {
    lastIncremental.fallback = why;
    return undefined;
  };
  if (st.files.size !== bound.files.size) return fail('files');
  for (const p of bound.files.keys()) if (!st.files.has(p)) return fail('files');
  // old leaves carried on by the new parse (the same node, moved in place): per file, by old index,
  // whether it is and how far it moved; the others were dropped, the new parse's others are fresh
  const carried = new Map<string, { on: Uint8Array; delta: Int32Array }>();
  const leaves = new Map<string, Leaf[]>();
  const spans = new Map<string, Int32Array>();
  const fresh: Leaf[] = [];
  const dropped: Leaf[] = [];
  for (const [path, f] of bound.files) {
    const oldLs = st.leaves.get(path)!;
    const was = st.spans.get(path)!;
    const n = oldLs.length;
    const on = new Uint8Array(n);
    const delta = new Int32Array(n);
    carried.set(path, { on, delta });
    if (st.files.get(path)!.ast === f.ast) {
      // (a file the edit did not touch: its leaves where they were)
      leaves.set(path, oldLs as Leaf[]);
      spans.set(path, was);
      on.fill(1);
      continue;
    }
    const ls = leavesOf(f.ast);
    leaves.set(path, ls);
    spans.set(path, spansOf(ls));
    // (the parser keeps the leaves' order: the same nodes before and after the edited ones, by position)
    const m = ls.length;
    let a = 0;
    while (a < n && a < m && oldLs[a] === ls[a]) a++;
    let z = 0;
    while (z < n - a && z < m - a && oldLs[n - 1 - z] === ls[m - 1 - z]) z++;
    const mid = new Map<object, number>();
    for (let i = a; i < n - z; i++) mid.set(oldLs[i]!, i);
    for (let j = 0; j < m; j++) {
      const l = ls[j]!;
      const i = j < a ? j : j >= m - z ? j - m + n : (mid.get(l) ?? -1);
      if (i < 0 || on[i]) {
        fresh.push(l);
        continue;
      }
      on[i] = 1;
      delta[i] = l.span.start - was[2 * i]!;
    }
    for (let i = 0; i < n; i++) if (!on[i]) dropped.push(oldLs[i]! as Leaf);
  }
  lastIncremental.fresh = fresh.length;
  lastIncremental.dropped = dropped.length;
  lastIncremental.changed = 0;
  // (a dropped declaration is not checked again, but its names are changed and its results forgotten — a walk
  // of its expressions: past half as many as the declarations left, checking those is cheaper (a '"' typed
  // in the 10,000-line benchmark: 244 dropped of 1,000, twice as fast incrementally; 578, twice as slow).
  // Below, how many mention the changed names decides — a string left open in a long policy drops hundreds
  // of declarations that no other mentions; in a county's program most of the rest do)
  let total = 0;
  for (const ls of leaves.values()) total += ls.length;
  if (fresh.length > 64 || dropped.length > Math.max(64, total / 2)) return fail('many');
  const isFresh = new Set<object>(fresh);
  const isDropped = new Set<object>(dropped);

  // changed names (the dependency index: by name)
  const changed = new Set<string>();
  // (a fresh declaration the program sees under its names, with the signature of a dropped one — the
  // same declaration parsed again, e.g. the items before a 条款 whose block a '}' split — changes nothing)
  const unpaired = unpairedLeaves(fresh, dropped, bound);
  if (unpaired.length) {
    for (const l of unpaired) for (const n of declared(l)) changed.add(n);
    // a declaration whose interface names a changed declaration changes too
    const all = [...leaves.values()].flat();
    const done = new Set<Leaf>([...fresh]);
    for (let grew = true; grew;) {
      grew = false;
      for (const l of all) {
        if (done.has(l)) continue;
        for (const n of interfaceMentions(l)) {
          if (!changed.has(n)) continue;
          done.add(l);
          for (const x of declared(l)) if (!changed.has(x)) { changed.add(x); grew = true; }
          break;
        }
      }
    }
  }

  lastIncremental.changed = changed.size;
  const units = unitsOf(bound);
  const recheck = new Set<object>();
  const suggesting = new Set<object>();
  if (changed.size) {
    for (const x of st.diagnostics) {
      if (!SUGGESTING.has(x.code)) continue;
      const ls = st.spans.get(x.span.file);
      const i = ls ? leafAt(ls, x.span) : -1;
      if (i >= 0 && carried.get(x.span.file)!.on[i]) suggesting.add(st.leaves.get(x.span.file)![i]!);
    }
  }
  for (const u of units) {
    if (isFresh.has(u) || !st.units.has(u) || suggesting.has(u)) { recheck.add(u); continue; }
    if (changed.size) for (const n of mentions(u as Leaf)) if (changed.has(n)) { recheck.add(u); break; }
  }
  // 指标 referring to a re-checked 指标: their cycles are reported in check order
  for (let grew = true; grew;) {
    grew = false;
    const names = new Set<string>();
    for (const u of recheck) if ((u as Leaf).kind === 'indicator') names.add((u as A.IndicatorDecl).name.text);
    if (!names.size) break;
    for (const i of bound.indicators.values()) {
      if (recheck.has(i.decl)) continue;
      for (const n of mentions(i.decl)) if (names.has(n)) { recheck.add(i.decl); grew = true; break; }
    }
  }
  lastIncremental.rechecked = recheck.size;
  lastIncremental.units = units.size;
  if (recheck.size > Math.max(64, units.size / 4)) return fail('many');
  const stRefs = st.references;
  if (!stRefs) return fail('outside');

  // seed: the types and dependencies of what is not checked again
  const defTypes = new Map<string, Type | 'pending'>();
  for (const [k, d] of bound.definitions) {
    const t = st.memo.defTypes.get(k);
    if (!recheck.has(d.decl) && t) defTypes.set(k, t);
  }
  const indicatorTypes = new Map<string, Type | 'pending'>();
  for (const [k, d] of bound.indicators) {
    const t = st.memo.indicatorTypes.get(k);
    if (!recheck.has(d.decl) && t) indicatorTypes.set(k, t);
  }
  const deps = new Map<string, Map<string, Span>>();
  for (const [k, d] of bound.definitions) if (!recheck.has(d.decl)) { const x = st.memo.deps.get(`定义「${k}」`); if (x) deps.set(`定义「${k}」`, x); }
  for (const [k, m] of bound.measures) if (!recheck.has(m.decl)) { const x = st.memo.deps.get(`措施「${k}」`); if (x) deps.set(`措施「${k}」`, x); }

  const bindRefs = bound.references.length;
  const r = checkWith(bound, { only: recheck, seed: { defTypes, indicatorTypes, deps } });
  const cycle = (x: Diagnostic) => x.code === 'ZC0410' || (x.code === 'ZC0407' && x.message.includes('循环引用'));
  if (r.diagnostics.some(cycle) || st.diagnostics.some(cycle)) return fail('cycle');

  // the new results: only those inside a re-checked declaration (the rest repeat earlier ones)
  const inRechecked = (s: Span): boolean | undefined => {
    const sp = spans.get(s.file);
    const i = sp ? leafAt(sp, s) : -1;
    if (i < 0) return undefined;
    return recheck.has(leaves.get(s.file)![i]!);
  };
  const diagnostics: Diagnostic[] = [];
  for (const x of r.diagnostics) {
    const k = inRechecked(x.span);
    if (k === undefined) return fail('outside');
    if (k) diagnostics.push(x);
  }
  const byLeaf = new Map<Leaf, Reference[]>();
  for (let i = bindRefs; i < bound.references.length; i++) {
    const x = bound.references[i]!;
    const sp = spans.get(x.span.file);
    const li = sp ? leafAt(sp, x.span) : -1;
    if (li < 0) return fail('outside');
    const leaf = leaves.get(x.span.file)![li]!;
    if (!units.has(leaf)) return fail('outside');
    if (!recheck.has(leaf)) continue;
    let list = byLeaf.get(leaf);
    if (!list) byLeaf.set(leaf, (list = []));
    list.push(new LeafReference(x.target, leaf, x.span, leaf.span.start));
  }
  // the earlier results of the declarations not checked again, moved with them
  const keep = (s: Span): { delta: number } | undefined | null => {
    const sp = st.spans.get(s.file);
    const i = sp ? leafAt(sp, s) : -1;
    const l = i >= 0 ? st.leaves.get(s.file)![i]! : undefined;
    if (!l || !st.units.has(l)) return null;
    const c = carried.get(s.file)!;
    if (!c.on[i] || !units.has(l) || recheck.has(l)) return undefined;
    return { delta: c.delta[i]! };
  };
  for (const x of st.diagnostics) {
    const k = keep(x.span);
    if (k === null) return fail('outside');
    if (k) diagnostics.push(shiftDiagnostic(x, k.delta));
  }
  // (a leaf's references read their spans from it: those of a leaf moved in place are kept as they are)
  for (const [l, rs] of stRefs) if (!isDropped.has(l) && units.has(l) && !recheck.has(l)) byLeaf.set(l, rs as Reference[]);
  const refs = flatReferences(bound.references.slice(0, bindRefs), leaves, byLeaf);
  // types and resolutions: the earlier ones (a moved declaration keeps its nodes), without those
  // of the declarations checked again or gone, plus this run's
  const types = st.types.layer();
  const resolutions = st.resolutions.layer();
  const seen = new Set<object>();
  // (those of the earlier units dropped, checked again, or no longer checked — a duplicate now)
  for (const l of st.units) if (isDropped.has(l) || recheck.has(l) || !units.has(l)) forget(l, types as ExprMap<unknown>, resolutions as ExprMap<unknown>, seen);
  for (const [e, t] of r.value.types) types.put(e, t);
  for (const [e, x] of r.value.resolutions) resolutions.put(e, x);
  lastIncremental.fallback = '';

  // the memo for the next edit: the earlier one for what was reused, this run's for the rest
  const value: CheckedProgram = { ...bound, references: refs, types, resolutions };
  const state: CheckState = {
    files: bound.files, leaves, spans, units, diagnostics, references: byLeaf, types, resolutions,
    memo: r.memo,
  };
  return { value, diagnostics, state };
}
