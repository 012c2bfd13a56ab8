/**
 * Top-level blocks: the unit of parsing and of incremental re-parsing.
 * Input: a file's tokens (or a re-lexed range of them). Output: blocks — text ranges
 * each holding whole top-level items (条款/措施/实体/…) with their tokens, comments,
 * CST, AST items and diagnostics — and the shifting of a reused block by an offset.
 *
 * A block ends after a "}" that brings the brace depth back to 0 (depth never goes
 * below 0: a stray "}" at the top level ends a block too); the last block of a file
 * runs to the end of the text (trailing tokens without a closing "}", white space,
 * comments). Leading white space and comments belong to the block they precede.
 *
 * INVARIANT: a file is parsed block by block — the whole-file path (parseFile) and the
 * incremental path (reparseFile) both parse each block's tokens on their own, so a
 * block's AST and diagnostics depend only on its own text, and re-using an unchanged
 * block (shifted by the edit's length change) gives exactly the whole-file result.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { SourceFile, Span } from '../common/source.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ClauseDecl, TopItem } from './ast.js';
import { lexRange, MAX_UNEXPECTED, tokenEnd } from './lexer.js';
import { parseTokens } from './parser.js';
import { buildAst } from './cst-to-ast.js';
import { LBrace, RBrace } from './tokens.js';

/** One top-level block of a parsed file. */
export interface Block {
  /** Text range [start, end): from the previous block's end to this block's closing "}" (the last block: to the end of the text). */
  readonly start: number;
  readonly end: number;
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly items: readonly TopItem[];
  /** Lexical diagnostics other than ZC0101 runs. */
  readonly lexDiagnostics: Diagnostic[];
  /** Runs of unrecognised characters ([start, count] pairs, lexer.ts): their ZC0101 diagnostics are made per file (capped). */
  readonly unexpected: number[];
  readonly parseDiagnostics: Diagnostic[];
  readonly astDiagnostics: Diagnostic[];
  /** Lexing or parsing this block reported an error. */
  readonly syntaxErrors: boolean;
  /** Only when the caller keeps the CST (the formatter). */
  readonly cst?: CstNode;
}

/**
 * Indices (exclusive) into `tokens` after which a block ends: after each "}" that
 * brings the depth to 0. Tokens after the last boundary belong to a trailing block.
 */
export function blockEnds(tokens: readonly IToken[]): number[] {
  const ends: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const ty = tokens[i]!.tokenType;
    if (ty === LBrace) depth++;
    else if (ty === RBrace) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) ends.push(i + 1);
    }
  }
  return ends;
}

/**
 * Split lexed tokens of the text range [start, end) into blocks and parse each.
 * `toEnd`: the range runs to the end of the file (the last block takes what follows
 * the last boundary). Otherwise the range must end exactly with a block's closing "}"
 * — returns undefined when it does not (the caller widens the range).
 * Throws RangeError on absurd nesting (the caller reports ZC0204).
 */
export function parseBlocks(
  source: SourceFile, start: number, end: number, tokens: IToken[], comments: IToken[], lexDiagnostics: Diagnostic[], unexpected: number[],
  toEnd: boolean, keepCst: boolean,
): Block[] | undefined {
  const ends = blockEnds(tokens);
  const lastEnd = ends.length ? tokenEnd(tokens[ends[ends.length - 1]! - 1]!) : start;
  if (!toEnd && (ends.length === 0 || ends[ends.length - 1] !== tokens.length || lastEnd !== end)) return undefined;
  const ranges: { from: number; to: number; t0: number; t1: number }[] = [];
  let from = start;
  let t0 = 0;
  for (const e of ends) {
    const to = tokenEnd(tokens[e - 1]!);
    ranges.push({ from, to, t0, t1: e });
    from = to;
    t0 = e;
  }
  if (toEnd) ranges.push({ from, to: end, t0, t1: tokens.length });
  const blocks: Block[] = [];
  let c = 0;
  let d = 0;
  let u = 0;
  for (const r of ranges) {
    const bt = tokens.slice(r.t0, r.t1);
    const bc: IToken[] = [];
    while (c < comments.length && comments[c]!.startOffset < r.to) bc.push(comments[c++]!);
    const ld: Diagnostic[] = [];
    while (d < lexDiagnostics.length && lexDiagnostics[d]!.span.start < r.to) ld.push(lexDiagnostics[d++]!);
    const u0 = u;
    while (u < unexpected.length && unexpected[u]! < r.to) u += 2;
    blocks.push(parseBlock(source, r.from, r.to, bt, bc, ld, unexpected.slice(u0, u), keepCst));
  }
  // (anything left — impossible for ordered input — goes to the last block, never dropped)
  if (blocks.length && (c < comments.length || d < lexDiagnostics.length || u < unexpected.length)) {
    const last = blocks[blocks.length - 1]!;
    last.comments.push(...comments.slice(c));
    last.lexDiagnostics.push(...lexDiagnostics.slice(d));
    last.unexpected.push(...unexpected.slice(u));
  }
  return blocks;
}

/** Parse one block's tokens (its own lexing given). */
export function parseBlock(source: SourceFile, start: number, end: number, tokens: IToken[], comments: IToken[], lexDiagnostics: Diagnostic[], unexpected: number[], keepCst: boolean): Block {
  const p = parseTokens(source, tokens);
  const errors: number[] = [];
  for (const x of lexDiagnostics) if (x.severity === 'error') errors.push(x.span.start);
  for (const x of p.diagnostics) if (x.severity === 'error') errors.push(x.span.start);
  // (the first runs of unrecognised characters: enough to silence "missing …" around them, bounded for binary input)
  for (let k = 0; k < unexpected.length && k < 2 * (MAX_UNEXPECTED + 1); k += 2) errors.push(unexpected[k]!);
  const a = buildAst(source, p.value, errors);
  return {
    start, end, tokens, comments, items: a.value.items,
    lexDiagnostics, unexpected, parseDiagnostics: p.diagnostics, astDiagnostics: a.diagnostics,
    syntaxErrors: errors.length > 0,
    ...(keepCst ? { cst: p.value } : {}),
  };
}

/** The file-level CST the formatter reads: the blocks' `topItem`s under one `file` node. */
export function joinCst(blocks: readonly Block[]): CstNode {
  const topItem: CstNode[] = [];
  let first: IToken | undefined;
  let last: IToken | undefined;
  for (const b of blocks) {
    for (const t of (b.cst?.children['topItem'] ?? []) as CstNode[]) topItem.push(t);
    if (b.tokens.length) {
      first ??= b.tokens[0];
      last = b.tokens[b.tokens.length - 1];
    }
  }
  return { name: 'file', children: topItem.length ? { topItem } : {}, location: { startOffset: first?.startOffset ?? NaN, endOffset: last ? tokenEnd(last) - 1 : NaN } };
}

// ── shifting a reused block ──

function shiftToken(t: IToken, d: number): IToken {
  const n = { ...t };
  n.startOffset += d;
  if (n.endOffset !== undefined) n.endOffset += d;
  return n;
}

/** A deep copy with every span ({ file, start, end }) moved by `d` (placeholders [0, 0) excepted). */
export function shiftSpans<T>(v: T, d: number): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = shiftSpans(v[i], d);
    return out as T;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const x = o[k];
    out[k] = x !== null && typeof x === 'object' ? shiftSpans(x, d) : x;
  }
  // INVARIANT: a missing part's placeholder span is [0, 0) (cst-to-ast's empty range), not a position: it stays.
  if (typeof o['file'] === 'string' && typeof o['start'] === 'number' && typeof o['end'] === 'number' && (o['start'] !== 0 || o['end'] !== 0)) {
    out['start'] = (o['start'] as number) + d;
    out['end'] = (o['end'] as number) + d;
  }
  return out as T;
}

/**
 * `shiftSpans` in place: every span ({ file, start, end }) under `v` is replaced by one moved by
 * `d` (placeholders [0, 0) excepted); nodes keep their identity. A span object is replaced, never
 * changed: the binder's and checker's references and diagnostics share span objects with the AST,
 * and those of an earlier check must keep the offsets they were made with.
 * INVARIANT: only on nodes of a parse that is then dead — no kept parse (`lastGood`) shares them.
 * INVARIANT: no node with a span is reachable twice in a parse's items (the parsers share only
 * span-free values: a number literal's Decimal and UnitInfo), so none is moved twice
 * (test/syntax/incremental.test.ts compares moved parses with whole-file ones).
 */
function shiftSpansInPlace(item: object, d: number): void {
  const h = spanHolders(item);
  const os = h.objects;
  const ks = h.keys;
  for (let i = 0; i < os.length; i++) {
    const o = os[i] as Record<string | number, Span>;
    const k = ks[i]!;
    o[k] = movedSpan(o[k]!, d);
  }
}

/** Where the spans of an item are: the objects (and arrays) holding one and under which key — found once per item, which keeps its identity as it moves. */
interface SpanHolders {
  readonly objects: object[];
  readonly keys: (string | number)[];
}
const holders = new WeakMap<object, SpanHolders>();

function spanHolders(item: object): SpanHolders {
  let h = holders.get(item);
  if (!h) {
    h = { objects: [], keys: [] };
    collectHolders(item, h);
    holders.set(item, h);
  }
  return h;
}

function collectHolders(v: object, h: SpanHolders): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object') {
        if (isSpan(x)) {
          h.objects.push(v);
          h.keys.push(i);
        } else collectHolders(x, h);
      }
    }
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') {
      if (isSpan(x)) {
        h.objects.push(o);
        h.keys.push(k);
      } else collectHolders(x, h);
    }
  }
}

function isSpan(o: object): boolean {
  const x = o as Record<string, unknown>;
  return typeof x['start'] === 'number' && typeof x['end'] === 'number' && typeof x['file'] === 'string';
}

function movedSpan(s: Span, d: number): Span {
  // INVARIANT: a missing part's placeholder span is [0, 0) (cst-to-ast's empty range), not a position: it stays.
  if (s.start === 0 && s.end === 0) return s;
  return { file: s.file, start: s.start + d, end: s.end + d };
}

/**
 * Items moved by `d`: in place (`inPlace`: the parse they belong to is not kept — the new parse has
 * no syntax errors, so it does not keep the earlier one as `lastGood`), else a deep copy
 * (`shiftSpans`). Moved in place, a declaration keeps its identity: the incremental check
 * (compiler/semantics/incremental.ts) reuses its earlier results by identity. A copy is a new
 * declaration to it.
 */
export function shiftItems<T extends TopItem>(items: readonly T[], d: number, inPlace: boolean): T[] {
  if (!inPlace) return shiftSpans(items as T[], d);
  for (const i of items) shiftSpansInPlace(i, d);
  return items as T[];
}

/** Tokens moved by `d`: in place (see `shiftItems`) or copies. */
function shiftTokens(ts: readonly IToken[], d: number, inPlace: boolean): IToken[] {
  if (!inPlace) return ts.map((t) => shiftToken(t, d));
  for (const t of ts) {
    t.startOffset += d;
    if (t.endOffset !== undefined) t.endOffset += d;
  }
  return ts as IToken[];
}

function shiftCst(n: CstNode, d: number, moved: Map<IToken, IToken>): CstNode {
  const children: CstNode['children'] = {};
  for (const key in n.children) {
    children[key] = n.children[key]!.map((c) =>
      'tokenType' in c ? (moved.get(c as IToken) ?? shiftToken(c as IToken, d)) : shiftCst(c as CstNode, d, moved),
    ) as CstNode[];
  }
  const out: CstNode = { ...n, children };
  if (n.location) {
    const loc = { ...n.location };
    loc.startOffset += d;
    if (loc.endOffset !== undefined) loc.endOffset += d;
    (out as { location?: typeof loc }).location = loc;
  }
  return out;
}

/**
 * `shiftCst` in place: every node's location moved by `d` (its tokens are the block's, moved in place
 * with them). INVARIANT: only on the CST of a parse that is then dead (see `shiftSpansInPlace`); a
 * node's location object is its own.
 */
function shiftCstInPlace(n: CstNode, d: number): void {
  const loc = n.location;
  if (loc) {
    loc.startOffset += d;
    if (loc.endOffset !== undefined) loc.endOffset += d;
  }
  for (const key in n.children) for (const c of n.children[key]!) if (!('tokenType' in c)) shiftCstInPlace(c as CstNode, d);
}

/**
 * The same block `d` UTF-16 units later (d = 0: the block itself). `inPlace`: its tokens and
 * items are moved in place (see `shiftItems`), else copied.
 */
export function shiftBlock(b: Block, d: number, inPlace = false): Block {
  if (d === 0) return b;
  const tokens = shiftTokens(b.tokens, d, inPlace);
  // (the CST shares the block's tokens: a map from old to moved tokens keeps that sharing)
  let moved: Map<IToken, IToken> | undefined;
  if (b.cst) {
    moved = new Map();
    for (let i = 0; i < tokens.length; i++) moved.set(inPlace ? tokens[i]! : b.tokens[i]!, tokens[i]!);
  }
  return {
    start: b.start + d, end: b.end + d, tokens,
    comments: shiftTokens(b.comments, d, inPlace),
    items: shiftItems(b.items, d, inPlace),
    lexDiagnostics: shiftSpans(b.lexDiagnostics, d),
    unexpected: b.unexpected.map((x, k) => (k % 2 === 0 ? x + d : x)),
    parseDiagnostics: shiftSpans(b.parseDiagnostics, d),
    astDiagnostics: shiftSpans(b.astDiagnostics, d),
    syntaxErrors: b.syntaxErrors,
    ...(b.cst ? { cst: shiftCst(b.cst, d, moved!) } : {}),
  };
}

// ── inside one top-level 条款: re-parse only the edited item ──

/** The items of a block's last top-level 条款 (the block ends with its "}"), split like the file: after each "}" closing back to the clause body's depth. */
interface ClauseSplit {
  /** Index of the 条款 keyword of the block's last item (a clause) in the block's tokens. */
  readonly head: number;
  /** Index of the body's "{" in the block's tokens. */
  readonly open: number;
  /** Body chunks (text ranges and token index ranges); the text after the last chunk up to the final "}" is not one. */
  readonly chunks: readonly { start: number; end: number; t0: number; t1: number }[];
}

const splits = new WeakMap<Block, ClauseSplit | null>();

function clauseSplit(b: Block): ClauseSplit | undefined {
  const hit = splits.get(b);
  if (hit !== undefined) return hit ?? undefined;
  let r: ClauseSplit | undefined;
  const t = b.tokens;
  const last = b.items[b.items.length - 1];
  const head = last ? t.findIndex((x) => x.startOffset === last.span.start) : -1;
  const open = head >= 0 ? t.findIndex((x, i) => i > head && x.tokenType === LBrace) : -1;
  if (
    !b.syntaxErrors && !b.lexDiagnostics.length && last?.kind === 'clause' && t.length > 2 &&
    t[head]!.tokenType.name === 'Clause' && open > 0 && t[t.length - 1]!.tokenType === RBrace && tokenEnd(t[t.length - 1]!) === b.end
  ) {
    const body = t.slice(open + 1, t.length - 1);
    const chunks: { start: number; end: number; t0: number; t1: number }[] = [];
    let start = tokenEnd(t[open]!);
    let t0 = open + 1;
    for (const e of blockEnds(body)) {
      const end = tokenEnd(body[e - 1]!);
      chunks.push({ start, end, t0, t1: open + 1 + e });
      start = end;
      t0 = open + 1 + e;
    }
    r = { head, open, chunks };
  }
  splits.set(b, r ?? null);
  return r;
}

const inRange = (s: Span, a: number, z: number) => s.start >= a && s.end <= z && !(s.start === 0 && s.end === 0);

/**
 * Re-parse an edit [p, editEnd) (old offsets; the text grew by `delta`) that lies inside
 * one item (or run of items) of a top-level 条款 without syntax errors: the item is lexed
 * and parsed again inside a copy of the clause's header and closing "}"; the clause's
 * other items are reused. The edited item may now have lexical or syntax errors, as long
 * as they stay inside it: every error lies in the re-parsed range and the parser, after
 * its recovery, closes the clause with the copied "}" — it is then back in the clause
 * body's item loop exactly where the whole-file parse is at the next item (a token every
 * recovery inside the body stops at), so the items around are parsed as before.
 * Undefined when that does not apply — an edit in the header or after the last item, a
 * "{" / "}" / unclosed string that changes the brace structure, an error reported outside
 * the item or at the end of the text, a diagnostic the header would repeat or an error
 * would silence — and the caller parses the whole block.
 */
export function reparseInClause(source: SourceFile, b: Block, p: number, editEnd: number, delta: number, keepCst: boolean, inPlace = false): Block | undefined {
  if (keepCst && !b.cst) return undefined;
  const split = clauseSplit(b);
  if (!split) return undefined;
  const cs = split.chunks;
  let k = 0;
  while (k < cs.length && cs[k]!.end <= p) k++;
  let j = k;
  while (j < cs.length && cs[j]!.end < editEnd) j++;
  if (j >= cs.length || p < cs[k]!.start) return undefined;
  const start = cs[k]!.start;
  const oldEnd = cs[j]!.end;
  const end = oldEnd + delta;
  const l = lexRange(source, start, end);
  const ends = blockEnds(l.value.tokens);
  const rt = l.value.tokens;
  if (!rt.length || ends[ends.length - 1] !== rt.length || tokenEnd(rt[rt.length - 1]!) !== end) return undefined;
  const unexpected = l.value.unexpected;
  if (l.diagnostics.some((d) => !inRange(d.span, start, end))) return undefined;
  const close = shiftToken(b.tokens[b.tokens.length - 1]!, delta);
  const wrapped = [...b.tokens.slice(split.head, split.open + 1), ...rt, close];
  let parsed;
  try {
    parsed = parseTokens(source, wrapped);
  } catch {
    return undefined;
  }
  // Errors, as parseBlock collects them (the old block had none: these are all of the block's).
  const errors: number[] = [];
  for (const x of l.diagnostics) if (x.severity === 'error') errors.push(x.span.start);
  for (const x of parsed.diagnostics) if (x.severity === 'error') errors.push(x.span.start);
  for (let q = 0; q < unexpected.length && q < 2 * (MAX_UNEXPECTED + 1); q += 2) errors.push(unexpected[q]!);
  const fresh = clauseCst(parsed.value);
  if (parsed.diagnostics.length || errors.length) {
    // INVARIANT: an error is local only when it is reported inside the item and the parser's
    // recovery ended back in the clause body: the copied "}" closes the clause.
    if (parsed.diagnostics.some((d) => !inRange(d.span, start, end))) return undefined;
    const rb = fresh?.children['RBrace'] as IToken[] | undefined;
    if (!rb || rb.length !== 1 || rb[0] !== close) return undefined;
    if (((parsed.value.children['topItem'] ?? []) as CstNode[]).length !== 1) return undefined;
  }
  const a = buildAst(source, parsed.value, errors);
  const clause = a.value.items[0];
  if (a.value.items.length !== 1 || clause?.kind !== 'clause' || a.diagnostics.some((d) => !inRange(d.span, start, end))) return undefined;
  const old = b.items[b.items.length - 1] as ClauseDecl;
  // INVARIANT: everything outside [start, oldEnd) is the old block's, moved by delta when after it.
  const before = <T extends { span: Span }>(xs: readonly T[]) => xs.filter((x) => x.span.end <= start);
  const after = <T extends { span: Span }>(xs: readonly T[]) => shiftSpans(xs.filter((x) => x.span.start >= oldEnd), delta);
  // Moved in place only when the block has no syntax errors (nor the rest of the parse: the caller's
  // `inPlace`): an earlier parse kept as `lastGood` must keep its offsets.
  const move = inPlace && errors.length === 0;
  const afterList = old.items.filter((x) => x.span.start >= oldEnd);
  if (old.items.some((x) => x.span.start < oldEnd && x.span.end > start && !(x.span.start >= start && x.span.end <= oldEnd))) return undefined;
  // (with errors, touching spans count too: an error at a span's end silences its "missing …", cst-to-ast's hasErrorIn)
  const touch = errors.length ? 1 : 0;
  if (b.astDiagnostics.some((d) => !(d.span.start === 0 && d.span.end === 0) && d.span.start < oldEnd + touch && d.span.end + touch > start && !inRange(d.span, start, oldEnd))) return undefined;
  const item: ClauseDecl = {
    ...old,
    span: { ...old.span, end: old.span.end + delta },
    quotes: [...before(old.quotes), ...clause.quotes, ...after(old.quotes)],
    items: [...before(old.items), ...clause.items, ...(move ? afterList : shiftItems(afterList as TopItem[], delta, false) as ClauseDecl['items'][number][])],
  };
  const oldDiags = b.astDiagnostics;
  const kept = (d: Diagnostic) => !inRange(d.span, start, oldEnd);
  const astDiagnostics = [
    ...oldDiags.filter((d) => kept(d) && d.span.end <= start),
    ...a.diagnostics,
    ...shiftSpans(oldDiags.filter((d) => kept(d) && d.span.end > start), delta),
  ];
  const moved = keepCst ? new Map<IToken, IToken>() : undefined;
  const t0 = cs[k]!.t0;
  const t1 = cs[j]!.t1;
  // Moved in place, the old block's token array becomes the new block's (the item's tokens spliced in,
  // below): no copy of the file's tokens per edit. Else the tokens after the item: the old ones when
  // the edit kept the length, else moved copies.
  let tail: IToken[] | undefined;
  if (!move) {
    tail = b.tokens.slice(t1);
    if (delta !== 0) for (let i = 0; i < tail.length; i++) tail[i] = shiftToken(tail[i]!, delta);
  }
  if (moved) for (let i = t1; i < b.tokens.length; i++) moved.set(b.tokens[i]!, tail ? tail[i - t1]! : b.tokens[i]!);
  let cst: CstNode | undefined;
  // (moved in place: the CST nodes after the item, moved below — no copy of the CST after the edit)
  const later: CstNode[] = [];
  if (keepCst) {
    cst = spliceClauseCst(b.cst!, fresh, start, oldEnd, delta, moved!, move ? later : undefined);
    if (!cst) return undefined;
  }
  const afterComments = b.comments.filter((c) => c.startOffset >= oldEnd);
  const comments = [...b.comments.filter((c) => c.startOffset < start), ...l.value.comments, ...(move ? afterComments : afterComments.map((c) => shiftToken(c, delta)))];
  let tokens: IToken[];
  if (move) {
    // (last: nothing above may fail after this — the earlier parse is changed from here on)
    tokens = b.tokens;
    if (delta !== 0) {
      for (let i = t1; i < tokens.length; i++) {
        const t = tokens[i]!;
        t.startOffset += delta;
        if (t.endOffset !== undefined) t.endOffset += delta;
      }
      shiftTokens(afterComments, delta, true);
      shiftItems(afterList as TopItem[], delta, true);
      for (const n of later) shiftCstInPlace(n, delta);
    }
    // (a large item's tokens are not passed as arguments: the stack limits their number)
    if (rt.length <= 10_000) tokens.splice(t0, t1 - t0, ...rt);
    else tokens = tokens.slice(0, t0).concat(rt, tokens.slice(t1));
  } else tokens = b.tokens.slice(0, t0).concat(rt, tail!);
  const out: Block = {
    start: b.start, end: b.end + delta, tokens, comments, items: [...b.items.slice(0, -1), item],
    lexDiagnostics: l.diagnostics, unexpected, parseDiagnostics: parsed.diagnostics, astDiagnostics, syntaxErrors: errors.length > 0,
    ...(cst ? { cst } : {}),
  };
  if (out.syntaxErrors) return out; // (no split: the next edit is re-parsed against the last parse without errors)
  // The new block's split, carried forward (what clauseSplit would compute, without a pass over the clause).
  const dt = rt.length - (cs[j]!.t1 - cs[k]!.t0);
  const chunks = cs.slice(0, k);
  let from = start;
  let e0 = 0;
  for (const e of ends) {
    const to = tokenEnd(rt[e - 1]!);
    chunks.push({ start: from, end: to, t0: cs[k]!.t0 + e0, t1: cs[k]!.t0 + e });
    from = to;
    e0 = e;
  }
  for (let x = j + 1; x < cs.length; x++) {
    const c = cs[x]!;
    chunks.push({ start: c.start + delta, end: c.end + delta, t0: c.t0 + dt, t1: c.t1 + dt });
  }
  splits.set(out, { head: split.head, open: split.open, chunks });
  return out;
}

/** The clauseDecl node of a file CST whose last top item is a clause. */
function clauseCst(file: CstNode): CstNode | undefined {
  const tops = (file.children['topItem'] ?? []) as CstNode[];
  return (tops[tops.length - 1]?.children['clauseDecl'] as CstNode[] | undefined)?.[0];
}

const at = (c: CstNode | IToken): number => ('tokenType' in c ? (c as IToken).startOffset : ((c as CstNode).location?.startOffset ?? NaN));

/**
 * The block's CST with the last clause's children in [start, oldEnd) replaced by those of
 * `fresh` (the re-parsed item inside a copy of the clause), children after it moved by delta.
 */
function spliceClauseCst(file: CstNode, fresh: CstNode | undefined, start: number, oldEnd: number, delta: number, moved: Map<IToken, IToken>, later?: CstNode[]): CstNode | undefined {
  const tops = (file.children['topItem'] ?? []) as CstNode[];
  const top = tops[tops.length - 1];
  const old = top && clauseCst(file);
  if (!top || !old || !fresh) return undefined;
  const children: CstNode['children'] = {};
  for (const key of new Set([...Object.keys(old.children), ...Object.keys(fresh.children)])) {
    const list: (CstNode | IToken)[] = [];
    for (const c of old.children[key] ?? []) {
      const o = at(c);
      if (Number.isNaN(o)) return undefined;
      if (o < start) list.push(c);
    }
    for (const c of fresh.children[key] ?? []) {
      const o = at(c);
      if (Number.isNaN(o)) return undefined; // (a node recovery made up: where it goes is unknown)
      if (o >= start && o < oldEnd + delta) list.push(c);
    }
    for (const c of old.children[key] ?? []) {
      if (at(c) < oldEnd) continue;
      if ('tokenType' in c) list.push(moved.get(c as IToken) ?? shiftToken(c as IToken, delta));
      else if (later) {
        // (moved in place by the caller once nothing can fail any more)
        later.push(c as CstNode);
        list.push(c);
      } else list.push(shiftCst(c as CstNode, delta, moved));
    }
    if (list.length) children[key] = list as CstNode[];
  }
  const endMoved = (n: CstNode): CstNode['location'] => (n.location ? { ...n.location, ...(n.location.endOffset !== undefined ? { endOffset: n.location.endOffset + delta } : {}) } : n.location);
  const clause: CstNode = { ...old, children, location: endMoved(old)! };
  const topNew: CstNode = { ...top, children: { ...top.children, clauseDecl: [clause] }, location: endMoved(top)! };
  return { ...file, children: { ...file.children, topItem: [...tops.slice(0, -1), topNew] }, location: endMoved(file)! };
}
