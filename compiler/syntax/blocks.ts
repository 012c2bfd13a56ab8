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
import { SourceFile, type Span } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ClauseDecl, ClauseItem, StrLit, TopItem } from './ast.js';
import { lexRange, MAX_UNEXPECTED, tokenEnd } from './lexer.js';
import { chevrotainParse, parseFast, parseTokens, unclosedBlock } from './parser.js';
import { buildAst } from './cst-to-ast.js';
import { Clause, LBrace, RBrace } from './tokens.js';
import { closeOpenBlocks } from './slips.js';

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
 * Throws RangeError on absurd nesting (the caller reports ZC0204). `knownEnds`: `blockEnds(tokens)` when the
 * caller has it (lexRange's `ends`).
 */
export function parseBlocks(
  source: SourceFile, start: number, end: number, tokens: IToken[], comments: IToken[], lexDiagnostics: Diagnostic[], unexpected: number[],
  toEnd: boolean, keepCst: boolean, oneShot = false, knownEnds?: number[], dropTokens = false,
): Block[] | undefined {
  let ends = knownEnds ?? blockEnds(tokens);
  // (the error path: the last block runs to the end of the file unclosed — a set literal or a declaration
  // left open is closed where it ends, slips.ts `closeOpenBlocks`; each ZC0203 goes to the block that holds it)
  let closed: Diagnostic[] | undefined;
  if (toEnd) {
    const tail = ends.length ? ends[ends.length - 1]! : 0;
    const c = tail < tokens.length ? closeOpenBlocks(source, tokens, tail) : undefined;
    if (c) {
      if (dropTokens) tokens.length = 0;
      tokens = c.tokens;
      ends = blockEnds(tokens);
      closed = c.diagnostics;
    }
  }
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
  // `dropTokens`: each block gives its tokens up once it is parsed, and `tokens` is emptied once split — the
  // tokens of a block die young instead of living (and being copied by every scavenge) until the whole file
  // is parsed. INVARIANT: only for a caller that reads no token of the parse afterwards (parseFile's one-shot
  // parse without a CST: a ParseCache with keepTokens: false empties them anyway).
  const slices = dropTokens ? ranges.map((r) => tokens.slice(r.t0, r.t1)) : undefined;
  if (dropTokens) tokens.length = 0;
  for (let ri = 0; ri < ranges.length; ri++) {
    const r = ranges[ri]!;
    let bt: IToken[];
    if (slices) {
      bt = slices[ri]!;
      slices[ri] = NO_TOKENS;
    } else bt = tokens.slice(r.t0, r.t1);
    const bc: IToken[] = [];
    while (c < comments.length && comments[c]!.startOffset < r.to) bc.push(comments[c++]!);
    const ld: Diagnostic[] = [];
    while (d < lexDiagnostics.length && lexDiagnostics[d]!.span.start < r.to) ld.push(lexDiagnostics[d++]!);
    const u0 = u;
    while (u < unexpected.length && unexpected[u]! < r.to) u += 2;
    blocks.push(parseBlock(source, r.from, r.to, bt, bc, ld, unexpected.slice(u0, u), keepCst, undefined, oneShot));
    if (dropTokens) bt.length = 0;
  }
  if (closed) {
    for (const x of closed) {
      const b = blocks.find((y) => y.start <= x.span.start && x.span.start < y.end) ?? blocks[blocks.length - 1]!;
      const m = b as { parseDiagnostics: Diagnostic[]; syntaxErrors: boolean };
      m.parseDiagnostics = [...b.parseDiagnostics, x].sort((p, q) => p.span.start - q.span.start);
      m.syntaxErrors = true;
      repairedBlocks.add(b);
    }
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

/**
 * Blocks whose tokens hold a “}” made up for a set literal or declaration left open (`parseBlocks`): a parse made from one
 * is made whole again (index.ts `reparseFile`) — the made-up token is not in the text an edit changes.
 */
export const repairedBlocks = new WeakSet<Block>();

/** The placeholder of a block's token slice once taken (`parseBlocks` with `dropTokens`). */
const NO_TOKENS: IToken[] = [];

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

/** A copy of a token `d` UTF-16 units later. */
export function shiftToken(t: IToken, d: number): IToken {
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
 * `shiftSpans` in place: every span ({ file, start, end }) under `item` is moved by `d` — the span
 * objects themselves, as tokens are (placeholders [0, 0) excepted: they stay); nodes and their spans
 * keep their identity. A span of the AST is the node's position now: whatever must keep the offsets of
 * a moment holds its own copy — a diagnostic (`diag` copies the spans it is given), the incremental
 * check's recorded leaf spans (`CheckState.spans`, numbers); references and symbols read their nodes'.
 * One pass over the item's span objects, collected once per item (the item keeps its identity as it
 * moves): no allocation per span, no garbage per edit.
 * INVARIANT: only on nodes of a parse that is then dead — a kept parse (`lastGood`) sharing them is
 * given back only through `log` undone.
 * INVARIANT: no span object is reachable twice in a parse's items (each node makes its own; the parsers
 * share only span-free values: a number literal's Decimal and UnitInfo), so none is moved twice
 * (test/syntax/incremental.test.ts compares moved parses with whole-file ones).
 */
function shiftSpansInPlace(item: object, d: number, log?: MoveLog): void {
  if (d === 0) return;
  const ss = spansOf(item);
  let skipped: number[] | undefined;
  for (let i = 0; i < ss.length; i++) {
    const s = ss[i]!;
    // INVARIANT: a missing part's placeholder span is [0, 0) (cst-to-ast's empty range), not a position: it stays.
    if (s.start === 0 && s.end === 0) (skipped ??= []).push(i);
    else {
      s.start += d;
      s.end += d;
    }
  }
  log?.spansMoved(ss, d, skipped);
}

/** A span as `shiftSpansInPlace` moves it (the AST's spans are read-only to every other pass). */
interface MovableSpan {
  readonly file: string;
  start: number;
  end: number;
}

/**
 * The in-place moves of one re-parse, recorded so that they can be undone: a parse moves the nodes and
 * tokens it reuses in place and keeps an earlier parse as `lastGood` (with syntax errors, the last one
 * without; without, the one it was made from) — intact again once its logs are undone (index.ts `restoreLastGood`).
 * INVARIANT: `toggle` moves every recorded span (but the placeholders it left) and every recorded token
 * back by its `d` (or forward again) — the very objects: the earlier parse's spans come back as they were;
 * no span and no token is recorded twice in one log (nothing is moved twice).
 * A block's token array is changed in place only through a log (`spliced`: the re-lexed region's tokens
 * replaced) — tokens moved are recorded by their index after the splices, so undoing moves them first
 * and splices back after, and applying again splices first. INVARIANT: the token arrays recorded are
 * not changed otherwise (only `ParseCache` with `keepTokens: false` empties them, and such a cache
 * never re-parses).
 */
export class MoveLog {
  /** Per item moved: its spans, by how much, and the indices of those it left (placeholders). */
  private readonly items: { readonly ss: readonly MovableSpan[]; readonly d: number; readonly skipped: readonly number[] | undefined }[] = [];
  private readonly toks: { readonly ts: readonly IToken[]; readonly from: number; readonly to: number; readonly d: number }[] = [];
  /** Token arrays changed in place: `ts[at, at + n)` replaced what `other` holds. */
  private readonly splices: { readonly ts: IToken[]; readonly at: number; n: number; other: IToken[] }[] = [];
  /** The moves are in effect (the nodes are where the later parse has them). */
  applied = true;
  /** The spans `ss` (one item's) were moved by `d`, but those at `skipped`. */
  spansMoved(ss: readonly MovableSpan[], d: number, skipped: readonly number[] | undefined): void {
    this.items.push({ ss, d, skipped });
  }
  /** Tokens `ts[from, to)` were moved by `d`. */
  tokensMoved(ts: readonly IToken[], from: number, to: number, d: number): void {
    if (from < to && d !== 0) this.toks.push({ ts, from, to, d });
  }
  /** `ts[at, at + n)` replaced by `by` (done here). */
  spliced(ts: IToken[], at: number, n: number, by: readonly IToken[]): void {
    const removed = ts.splice(at, n, ...by);
    this.splices.push({ ts, at, other: removed, n: by.length });
  }
  /** Undo the moves when they are applied, else apply them again. */
  toggle(): void {
    // (a token moved is recorded by its index after the splices: undone before them, applied again after them)
    if (!this.applied) this.toggleSplices();
    const sign = this.applied ? -1 : 1;
    for (const { ss, d: d0, skipped } of this.items) {
      const d = sign * d0;
      let k = 0;
      const next = skipped ?? NONE_SKIPPED;
      for (let i = 0; i < ss.length; i++) {
        if (k < next.length && next[k] === i) {
          k++;
          continue;
        }
        const s = ss[i]!;
        s.start += d;
        s.end += d;
      }
    }
    for (const r of this.toks) {
      const d = sign * r.d;
      for (let x = r.from; x < r.to; x++) {
        const t = r.ts[x]!;
        t.startOffset += d;
        if (t.endOffset !== undefined) t.endOffset += d;
      }
    }
    if (this.applied) this.toggleSplices();
    this.applied = !this.applied;
  }
  private toggleSplices(): void {
    const ss = this.splices;
    const undo = this.applied;
    for (let k = undo ? ss.length - 1 : 0; undo ? k >= 0 : k < ss.length; k += undo ? -1 : 1) {
      const r = ss[k]!;
      const out = r.ts.splice(r.at, r.n, ...r.other);
      r.n = r.other.length;
      r.other = out;
    }
  }
}

/** No placeholder left by a move (`MoveLog.toggle`'s default: no array made per item per undo). */
const NONE_SKIPPED: readonly number[] = [];

/** The span objects of an item (each once), in the order met — found once per item, which keeps its identity (and so do its spans) as it moves. */
const itemSpans = new WeakMap<object, MovableSpan[]>();

function spansOf(item: object): MovableSpan[] {
  let ss = itemSpans.get(item);
  if (!ss) {
    ss = [];
    collectSpans(item, ss, new Set());
    itemSpans.set(item, ss);
  }
  return ss;
}

function collectSpans(v: object, out: MovableSpan[], seen: Set<object>): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object') {
        if (isSpan(x)) {
          if (!seen.has(x)) {
            seen.add(x);
            out.push(x as MovableSpan);
          }
        } else collectSpans(x, out, seen);
      }
    }
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x !== null && typeof x === 'object') {
      if (isSpan(x)) {
        if (!seen.has(x)) {
          seen.add(x);
          out.push(x as MovableSpan);
        }
      } else collectSpans(x, out, seen);
    }
  }
}

function isSpan(o: object): boolean {
  const x = o as Record<string, unknown>;
  return typeof x['start'] === 'number' && typeof x['end'] === 'number' && typeof x['file'] === 'string';
}

/**
 * Items moved by `d`: in place (`inPlace`: the parse they belong to is given up — the re-parse records
 * the moves in `log`, undone when the new parse's `lastGood` is restored), else a
 * deep copy (`shiftSpans`). Moved in place, a declaration keeps its identity: the incremental check
 * (compiler/semantics/incremental.ts) reuses its earlier results by identity. A copy is a new
 * declaration to it.
 */
export function shiftItems<T extends TopItem>(items: readonly T[], d: number, inPlace: boolean, log?: MoveLog): T[] {
  if (!inPlace) return shiftSpans(items as T[], d);
  for (const i of items) shiftSpansInPlace(i, d, log);
  return items as T[];
}

/** Tokens moved by `d`: in place (see `shiftItems`; recorded in `log` when given) or copies. */
function shiftTokens(ts: readonly IToken[], d: number, inPlace: boolean, log?: MoveLog): IToken[] {
  if (!inPlace) return ts.map((t) => shiftToken(t, d));
  moveTokens(ts, 0, ts.length, d, log);
  return ts as IToken[];
}

/** Tokens `ts[from, to)` moved by `d` in place (recorded in `log` when given). */
export function moveTokens(ts: readonly IToken[], from: number, to: number, d: number, log?: MoveLog): void {
  for (let x = from; x < to; x++) {
    const t = ts[x]!;
    t.startOffset += d;
    if (t.endOffset !== undefined) t.endOffset += d;
  }
  log?.tokensMoved(ts, from, to, d);
}

/**
 * The same block `d` UTF-16 units later (d = 0: the block itself). `inPlace`: its tokens and
 * items are moved in place (see `shiftItems`), else copied. `cstOf`: the block keeps a CST (made
 * again from the moved tokens when read).
 */
export function shiftBlock(b: Block, d: number, inPlace = false, cstOf?: SourceFile, log?: MoveLog): Block {
  if (d === 0) return b;
  const out: Block = {
    start: b.start + d, end: b.end + d,
    tokens: shiftTokens(b.tokens, d, inPlace, log),
    comments: shiftTokens(b.comments, d, inPlace, log),
    items: shiftItems(b.items, d, inPlace, log),
    lexDiagnostics: shiftSpans(b.lexDiagnostics, d),
    unexpected: b.unexpected.map((x, k) => (k % 2 === 0 ? x + d : x)),
    parseDiagnostics: shiftSpans(b.parseDiagnostics, d),
    astDiagnostics: shiftSpans(b.astDiagnostics, d),
    syntaxErrors: b.syntaxErrors,
  };
  // (its 条款 keep what their reuse needs: moved, they are the same objects; copied, the copies share it)
  if (!inPlace) for (let k = 0; k < b.items.length; k++) if (b.items[k]!.kind === 'clause') shareInfo(b.items[k] as ClauseDecl, out.items[k] as ClauseDecl);
  return cstOf ? withCst(out, cstOf) : out;
}

// ── units: a 条款 is parsed as its header and each item of its body on its own ──
//
// INVARIANT (nested blocks): a block whose last item is a 条款 with its closing "}" is parsed in
// units — the items before the 条款 (as top-level items), the 条款's header `条款 编号 "标题" {`,
// and each item of its body: the body is split like a file, after each "}" that closes back to
// the body's depth; an item that is itself a 条款 is parsed the same way, at any depth; any other
// item (and the tokens after the last "}", and those before a nested 条款 in the same piece) is
// parsed inside a made-up `条款 一、{ … }`. Each unit is parsed from its own tokens only, its end of
// input at the next real token: an error, a missing or extra brace inside an item stays in that item,
// and the result of a unit depends only on its own tokens (and the lexical errors among them) —
// so the incremental path can reuse every 条款 whose tokens were not lexed again, wherever it now is.
// When a 条款's header does not parse cleanly the 条款 is parsed whole (inside the made-up 条款 when
// nested; at the top level the whole block, as before).

/** A token list viewed with the tokens from `sfx` on moved by `delta` (the reused tokens after an edit, not yet moved). */
export interface TokenView {
  readonly v: readonly IToken[];
  readonly sfx: number;
  readonly delta: number;
  /** Shifted copies of the tokens from `sfx` on, made when a unit is parsed (by index). */
  readonly copies: Map<number, IToken>;
}

const st = (w: TokenView, i: number) => w.v[i]!.startOffset + (i >= w.sfx ? w.delta : 0);
const en = (w: TokenView, i: number) => tokenEnd(w.v[i]!) + (i >= w.sfx ? w.delta : 0);
function get(w: TokenView, i: number): IToken {
  if (i < w.sfx || w.delta === 0) return w.v[i]!;
  let t = w.copies.get(i);
  if (!t) w.copies.set(i, (t = shiftToken(w.v[i]!, w.delta)));
  return t;
}

/** Where an earlier parse's 条款 may be reused: those whose tokens lie outside the re-lexed range. */
export interface Reuse {
  /** The earlier parse's 条款 (any depth) by start offset (old offsets). */
  readonly clauses: Map<number, ClauseDecl>;
  /** The earlier parse's prefix units (the items before a block's 条款), by start offset (old offsets). */
  readonly prefixes: Map<number, PrefixUnit>;
  /** The re-lexed range in new offsets: [from, to]. */
  readonly from: number;
  readonly to: number;
  readonly delta: number;
  /** Reused nodes, moved or copied once the new parse is complete (`fixReused`). */
  readonly fix: Fix[];
  /** The earlier parse's 条款 body pieces by their start (old offsets), with their 条款: made when first needed (`oldPiece`). */
  pieces?: Map<number, { readonly clause: ClauseDecl; readonly rec: PieceRec }>;
}

/** What a 条款 parsed in units produced (for its reuse): its diagnostics and whether it has errors, at `base` (its start then). */
interface ClauseInfo {
  readonly base: number;
  readonly parseD: Diagnostic[];
  readonly astD: Diagnostic[];
  readonly errors: boolean;
  /** Its body's pieces, in order (for their reuse when the 条款 is parsed again). */
  readonly pieces: readonly PieceRec[];
}
const clauseInfo = new WeakMap<object, ClauseInfo>();

/**
 * What one piece of a 条款 body produced (`pieceUnits`), for its reuse when its 条款 is parsed again:
 * where it was relative to the 条款's start (`rel*`: its first token's start, its last token's end, the
 * next real token's start — its end of input), the lexical errors in its input (from the end of the
 * token before it to its end of input; relative to its first token), which of the 条款's items and quotes
 * it made (`k0…k1`, `q0…q1`: by index, so a copied 条款 gives its copies), its diagnostics at `dbase` (its start then).
 * INVARIANT: a piece's result depends only on its tokens, the lexical errors in its input and — when it
 * has a syntax error — where its input ends (`parseUnit`): the same, relative to the piece's start, and
 * the tokens not lexed again give the same items, quotes and diagnostics, moved.
 */
interface PieceRec {
  readonly relStart: number;
  readonly relEnd: number;
  readonly relAt: number;
  readonly lexErrs: readonly number[];
  readonly k0: number;
  readonly k1: number;
  readonly q0: number;
  readonly q1: number;
  readonly dbase: number;
  readonly parseD: Diagnostic[];
  readonly astD: Diagnostic[];
  readonly errors: boolean;
}

interface UnitOut {
  /** Top-level items, or a 条款 body's (a unit inside a 条款). */
  items: (TopItem | ClauseItem)[];
  quotes: StrLit[];
  parseD: Diagnostic[];
  astD: Diagnostic[];
  errors: boolean;
  /** Reused 条款 among `items` still to be moved (`Reuse.fix`, their holder is `items`). */
  fix?: Fix[];
  /** A block's items before its 条款, parsed as one unit (blockUnits). */
  prefix?: PrefixUnit;
}

interface Fix {
  holder: unknown[];
  index: number;
  readonly node: TopItem | ClauseItem | StrLit;
  readonly d: number;
}

/** The items before a block's 条款 as one unit parsed them (for reuse): `holder[0, n)` once the parse is complete. */
export interface PrefixUnit {
  readonly start: number;
  readonly end: number;
  readonly holder: readonly (TopItem | ClauseItem)[];
  readonly n: number;
  readonly parseD: Diagnostic[];
  readonly astD: Diagnostic[];
  readonly errors: boolean;
}
/** A block's prefix unit, when it was parsed in units. */
export const prefixUnits = new WeakMap<Block, PrefixUnit>();

interface Env {
  readonly source: SourceFile;
  readonly w: TokenView;
  /** Offsets of the block's lexical errors and runs of unrecognised characters, sorted. */
  readonly lexErrors: readonly number[];
  readonly reuse: Reuse | undefined;
}

let wrapProto: IToken[] | undefined;
let closeProto: IToken | undefined;
function protos(): [IToken[], IToken] {
  if (!wrapProto) {
    const text = '条款 一、{}';
    const ts = lexRange(new SourceFile('/zc-wrap', text), 0, text.length).value.tokens;
    wrapProto = ts.slice(0, -1);
    closeProto = ts[ts.length - 1]!;
  }
  return [wrapProto, closeProto!];
}
const at0 = (t: IToken, at: number): IToken => ({ ...t, startOffset: at, endOffset: at + t.image.length - 1 });

/** Lexical error offsets in [from, to] (inclusive: an error at a span's end counts for it, cst-to-ast's hasErrorIn). */
function lexErrorsIn(e: Env, from: number, to: number): number[] {
  const xs = e.lexErrors;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (xs[m]! < from) lo = m + 1;
    else hi = m;
  }
  const out: number[] = [];
  for (let k = lo; k < xs.length && xs[k]! <= to && out.length <= MAX_UNEXPECTED; k++) out.push(xs[k]!);
  return out;
}

/**
 * Parse tokens [i0, i1) as one unit: `wrap` inside a made-up `条款 一、{ … }` (items of a 条款 body),
 * else as top-level items. `from`: where the unit's text starts (its lexical errors from there);
 * `at`: the next real token's start (the unit's end of input, where the made-up "}" goes).
 */
function parseUnit(e: Env, i0: number, i1: number, from: number, at: number, wrap: boolean, close = wrap): UnitOut {
  const toks: IToken[] = [];
  const [wp, cp] = protos();
  if (wrap) for (const t of wp) toks.push(at0(t, i0 < i1 ? st(e.w, i0) : at));
  for (let i = i0; i < i1; i++) toks.push(get(e.w, i));
  const src = e.source;
  // (at the end of the file no made-up "}": the parser reports the missing one there, as a whole parse does)
  if (close && at < src.text.length) toks.push(at0(cp, at));
  const view = at >= src.text.length ? src : new SourceFile(src.path, src.text.slice(0, at));
  const p = parseTokens(view, toks);
  const errors = lexErrorsIn(e, from, at);
  for (const x of p.diagnostics) if (x.severity === 'error') errors.push(x.span.start);
  const a = buildAst(view, p.value, errors);
  let items: (TopItem | ClauseItem)[] = [...a.value.items];
  let quotes: StrLit[] = [];
  if (wrap) {
    const w = items[0] as ClauseDecl;
    quotes = [...w.quotes];
    items = [...w.items];
    // (recovery may close the made-up 条款 early: what follows it, as far as a 条款 may hold it)
    for (let k = 1; k < a.value.items.length; k++) if (BODY_KINDS.has(a.value.items[k]!.kind)) items.push(a.value.items[k]!);
  }
  return { items, quotes, parseD: p.diagnostics, astD: a.diagnostics, errors: errors.length > 0 };
}

const BODY_KINDS = new Set(['clause', 'measure', 'qualitative', 'doubt', 'indicator', 'property', 'definition', 'assumption']);

function firstOf(w: TokenView, i0: number, i1: number, type: unknown): number {
  for (let i = i0; i < i1; i++) if (w.v[i]!.tokenType === type) return i;
  return -1;
}
function lastOf(w: TokenView, i0: number, i1: number, type: unknown): number {
  for (let i = i1 - 1; i >= i0; i--) if (w.v[i]!.tokenType === type) return i;
  return -1;
}

/** Body pieces of tokens [i0, i1): each ends after a "}" closing back to depth 0 (the last may not). */
function pieces(w: TokenView, i0: number, i1: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let from = i0;
  for (let i = i0; i < i1; i++) {
    const ty = w.v[i]!.tokenType;
    if (ty === LBrace) depth++;
    else if (ty === RBrace) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) {
        out.push([from, i + 1]);
        from = i + 1;
      }
    }
  }
  if (from < i1) out.push([from, i1]);
  return out;
}

function merge(into: UnitOut, u: UnitOut): void {
  if (u.fix) {
    // (the reused nodes now sit in `into.items` — a reused piece's quotes in `into.quotes`)
    for (const f of u.fix) {
      if (f.holder === u.quotes) {
        f.holder = into.quotes;
        f.index += into.quotes.length;
      } else {
        f.holder = into.items;
        f.index += into.items.length;
      }
      (into.fix ??= []).push(f);
    }
  }
  for (const x of u.items) into.items.push(x);
  for (const x of u.quotes) into.quotes.push(x);
  for (const x of u.parseD) into.parseD.push(x);
  for (const x of u.astD) into.astD.push(x);
  into.errors ||= u.errors;
}

/**
 * The 条款 of tokens [h, t1) (h: its 条款 keyword, t1 - 1: its closing "}" — none when not `closed`:
 * it runs to the end of the file), in units; reused from the earlier parse when its tokens were not
 * lexed again. Undefined when its header does not parse cleanly.
 */
function clauseUnits(e: Env, h: number, t1: number, closed = true): UnitOut | undefined {
  const w = e.w;
  const s = st(w, h);
  const end = en(w, t1 - 1);
  const r = e.reuse;
  if (r && closed && (end < r.from || s > r.to)) {
    const d = end < r.from ? 0 : r.delta;
    const old = r.clauses.get(s - d);
    const info = old && clauseInfo.get(old);
    if (old && info && old.span.end === end - d) {
      const shift = s - info.base;
      const out: UnitOut = {
        items: [old], quotes: [],
        parseD: shift ? shiftSpans(info.parseD, shift) : [...info.parseD],
        astD: shift ? shiftSpans(info.astD, shift) : [...info.astD],
        errors: info.errors,
      };
      if (d !== 0) {
        const f: Fix = { holder: out.items, index: 0, node: old, d };
        r.fix.push(f);
        out.fix = [f];
      }
      return out;
    }
  }
  const o = firstOf(w, h, t1, LBrace);
  const bodyEnd = closed ? t1 - 1 : t1;
  const eof = e.source.text.length;
  if (o < 0 || o + 1 > bodyEnd) return undefined;
  const head = parseUnit(e, h, o + 1, s, o + 1 < t1 ? st(w, o + 1) : eof, false, true);
  const hc = head.items[0] as ClauseDecl | undefined;
  if (head.errors || head.items.length !== 1 || hc?.kind !== 'clause' || hc.items.length || hc.quotes.length || hc.span.start !== s) return undefined;
  const body: UnitOut = { items: [], quotes: [], parseD: [...head.parseD], astD: [...head.astD], errors: false };
  const ps = pieces(w, o + 1, bodyEnd);
  const recs: PieceRec[] = [];
  for (let k = 0; k < ps.length; k++) {
    const [c0, c1] = ps[k]!;
    const next = c1 < bodyEnd ? st(w, c1) : closed ? st(w, t1 - 1) : eof;
    const open = !closed && c1 === bodyEnd;
    const from = c0 > 0 ? en(w, c0 - 1) : st(w, c0);
    const ps0 = st(w, c0);
    const lexErrs = lexErrorsIn(e, from, next);
    const u = (!open && reusedPiece(e, c0, c1, next, lexErrs)) || pieceUnits(e, c0, c1, next, open);
    const k0 = body.items.length;
    const q0 = body.quotes.length;
    merge(body, u);
    if (closed) {
      recs.push({
        relStart: ps0 - s, relEnd: en(w, c1 - 1) - s, relAt: next - s, lexErrs: lexErrs.map((x) => x - ps0),
        k0, k1: body.items.length, q0, q1: body.quotes.length, dbase: ps0, parseD: u.parseD, astD: u.astD, errors: u.errors,
      });
    }
  }
  const clause: ClauseDecl = {
    kind: 'clause', span: e.source.span(s, end), number: hc.number, numberSpan: hc.numberSpan, quotes: body.quotes, items: body.items as ClauseDecl['items'][number][],
    ...(hc.title ? { title: hc.title } : {}),
  };
  if (closed) clauseInfo.set(clause, { base: s, parseD: body.parseD, astD: body.astD, errors: body.errors, pieces: recs });
  // (the reused 条款 inside it stay where they are: in its items, their holder)
  return { items: [clause], quotes: [], parseD: body.parseD, astD: body.astD, errors: body.errors };
}

/** The earlier parse's piece that started at `oldStart` (old offsets), with its 条款 (`Reuse.pieces`, made on first use). */
function oldPiece(r: Reuse, oldStart: number): { readonly clause: ClauseDecl; readonly rec: PieceRec } | undefined {
  if (!r.pieces) {
    r.pieces = new Map();
    for (const c of r.clauses.values()) {
      const info = clauseInfo.get(c);
      if (!info) continue;
      const cs = c.span.start;
      for (const rec of info.pieces) r.pieces.set(cs + rec.relStart, { clause: c, rec });
    }
  }
  return r.pieces.get(oldStart);
}

/**
 * The piece of a 条款 body of tokens [c0, c1) — its end of input at `next`, the lexical errors `lexErrs` in
 * its input — as the earlier parse made it, when none of its tokens was lexed again and the rest is as it
 * was (relative to its start; its end of input only when it has a syntax error): its items and quotes
 * (moved by the edit's length change once the parse is complete, `Reuse.fix`) and diagnostics. Undefined otherwise.
 */
function reusedPiece(e: Env, c0: number, c1: number, next: number, lexErrs: readonly number[]): UnitOut | undefined {
  const r = e.reuse;
  if (!r) return undefined;
  const w = e.w;
  const s = st(w, c0);
  const end = en(w, c1 - 1);
  // (its tokens outside the range lexed again: before it as they were, after it moved by the edit's length change)
  const d = end <= r.from ? 0 : s >= r.to ? r.delta : undefined;
  if (d === undefined) return undefined;
  const old = oldPiece(r, s - d);
  if (!old) return undefined;
  const { clause, rec } = old;
  const cs = clause.span.start;
  // (its text's start only says which lexical errors it sees: compared below; its end of input matters to a
  // parse with errors only — where the input ends, a missing "}" is reported)
  if (cs + rec.relEnd !== end - d || ((rec.errors || rec.parseD.length > 0) && cs + rec.relAt !== next - d) || rec.lexErrs.length !== lexErrs.length) return undefined;
  for (let k = 0; k < lexErrs.length; k++) if (rec.lexErrs[k] !== lexErrs[k]! - s) return undefined;
  const shift = s - rec.dbase;
  const out: UnitOut = {
    items: clause.items.slice(rec.k0, rec.k1), quotes: clause.quotes.slice(rec.q0, rec.q1),
    parseD: shift ? shiftSpans(rec.parseD, shift) : [...rec.parseD],
    astD: shift ? shiftSpans(rec.astD, shift) : [...rec.astD],
    errors: rec.errors,
  };
  if (d !== 0) {
    const fix: Fix[] = [];
    for (let k = 0; k < out.items.length; k++) fix.push({ holder: out.items, index: k, node: out.items[k]!, d });
    for (let k = 0; k < out.quotes.length; k++) fix.push({ holder: out.quotes, index: k, node: out.quotes[k]!, d });
    for (const f of fix) r.fix.push(f);
    out.fix = fix;
  }
  return out;
}

/**
 * One piece of a 条款 body, tokens [c0, c1): a nested 条款 (with what precedes it in the piece) in units,
 * else wrapped whole. `open`: the piece runs to the end of the file (its 条款 is not closed).
 */
function pieceUnits(e: Env, c0: number, c1: number, next: number, open = false): UnitOut {
  const w = e.w;
  const from = c0 > 0 ? en(w, c0 - 1) : st(w, c0);
  if (open || w.v[c1 - 1]!.tokenType === RBrace) {
    const o = firstOf(w, c0, c1, LBrace);
    const h = o < 0 ? -1 : lastOf(w, c0, o, Clause);
    if (h >= 0) {
      const c = clauseUnits(e, h, c1, !open);
      if (c) {
        if (h === c0) return c;
        const pre = parseUnit(e, c0, h, from, st(w, h), true);
        merge(pre, c);
        return pre;
      }
    }
  }
  return parseUnit(e, c0, c1, from, next, true);
}

/**
 * A block's items in units when its last item is a 条款 closed by the block's "}" — or, the file's
 * last block, a 条款 never closed: then one ZC0202 at the end of the file (see above); undefined when
 * the block is parsed whole (no such 条款, or its header does not parse cleanly).
 */
function blockUnits(e: Env, t0: number, t1: number, start: number, end: number): UnitOut | undefined {
  const w = e.w;
  if (t1 - t0 < 2) return undefined;
  const closed = w.v[t1 - 1]!.tokenType === RBrace && en(w, t1 - 1) === end;
  if (!closed && end !== e.source.text.length) return undefined;
  const o = firstOf(w, t0, t1, LBrace);
  const h = o < 0 ? -1 : lastOf(w, t0, o, Clause);
  if (h < 0) return undefined;
  const c = clauseUnits(e, h, t1, closed);
  if (!c) return undefined;
  if (!closed) {
    // the block runs to the end of the file: one error at the innermost “{” of the block still open
    // (its declaration named, the “{” as related information), instead of “文件意外结束” at the end
    const ts: IToken[] = [];
    for (let i = t0; i < t1; i++) ts.push(get(w, i));
    const eof = (d: Diagnostic) => d.span.start === end && (d.code === 'ZC0202' || d.code === 'ZC0203');
    // (a “{” the parse already reported as out of place — `补助金额 {= 2000元` — is the brace left open)
    const stray = c.parseD.some((d) => d.code === 'ZC0201' && d.span.end - d.span.start === 1 && /[{｛]/.test(e.source.text[d.span.start]!));
    const open = stray ? undefined : unclosedBlock(e.source, ts);
    if (stray) c.parseD = c.parseD.filter((d) => !eof(d));
    else if (open) c.parseD = [...c.parseD.filter((d) => !eof(d)), open];
    else if (!c.parseD.some((d) => d.span.start === end)) c.parseD = [...c.parseD, diag('ZC0202', e.source.span(end, end), '文件意外结束，此处缺少“}”', { help: '检查是否缺少右花括号“}”或“）”' })];
    c.errors = true;
  }
  if (h === t0) return c;
  // The items before the 条款: the earlier parse's when their tokens were not lexed again.
  const at = st(w, h);
  const r = e.reuse;
  let pre: UnitOut | undefined;
  if (r && (at < r.from || start > r.to)) {
    const d = at < r.from ? 0 : r.delta;
    const rec = r.prefixes.get(start - d);
    if (rec && rec.end === at - d) {
      const items = rec.holder.slice(0, rec.n);
      // (fresh arrays: the 条款's units are merged into this one, the earlier parse's stay as they are)
      const out: UnitOut = { items, quotes: [], parseD: d ? shiftSpans(rec.parseD, d) : [...rec.parseD], astD: d ? shiftSpans(rec.astD, d) : [...rec.astD], errors: rec.errors };
      if (d !== 0) {
        out.fix = items.map((node, index) => ({ holder: items, index, node, d }));
        for (const f of out.fix) r.fix.push(f);
      }
      pre = out;
    }
  }
  pre ??= parseUnit(e, t0, h, start, at, false);
  // INVARIANT: the record holds the prefix's own diagnostics — copies: `merge` pushes the 条款's into pre's arrays
  // (shared, a reuse of this prefix brought the 条款's diagnostics of this parse back beside the next parse's own)
  const rec: PrefixUnit = { start, end: at, holder: pre.items, n: pre.items.length, parseD: pre.parseD.slice(), astD: pre.astD.slice(), errors: pre.errors };
  merge(pre, c);
  pre.prefix = rec;
  return pre;
}

/**
 * Parse one block's tokens (its own lexing given) — in units (above) or whole. `w`: the tokens seen
 * through a view (the incremental path: later tokens not yet moved), `reuse`: the earlier parse's 条款.
 * `oneShot` (`ParseOptions.oneShot`): whole when ast-parser.ts takes the block, else as usual.
 */
export function parseBlock(
  source: SourceFile, start: number, end: number, tokens: IToken[], comments: IToken[], lexDiagnostics: Diagnostic[], unexpected: number[], keepCst: boolean,
  view?: { w: TokenView; t0: number; t1: number; reuse?: Reuse }, oneShot = false,
): Block {
  const lexErrors: number[] = [];
  for (const x of lexDiagnostics) if (x.severity === 'error') lexErrors.push(x.span.start);
  for (let k = 0; k < unexpected.length; k += 2) lexErrors.push(unexpected[k]!);
  lexErrors.sort((a, b) => a - b);
  const whole = oneShot && !view ? parseFast(source, tokens) : undefined;
  let u: UnitOut | undefined = whole && { items: whole, quotes: [], parseD: [], astD: [], errors: false };
  // (the token view and the units' environment only when the block is parsed in units: not for a one-shot block taken whole)
  const w = u ? undefined : view?.w ?? { v: tokens, sfx: tokens.length, delta: 0, copies: new Map() };
  const t0 = view ? view.t0 : 0;
  const t1 = view ? view.t1 : tokens.length;
  if (u === undefined) u = blockUnits({ source, w: w!, lexErrors, reuse: view?.reuse }, t0, t1, start, end);
  if (u === undefined) {
    const ts: IToken[] = [];
    for (let i = t0; i < t1; i++) ts.push(get(w!, i));
    const p = parseTokens(source, ts);
    const errors: number[] = [];
    for (const x of lexDiagnostics) if (x.severity === 'error') errors.push(x.span.start);
    for (const x of p.diagnostics) if (x.severity === 'error') errors.push(x.span.start);
    // (the first runs of unrecognised characters: enough to silence "missing …" around them, bounded for binary input)
    for (let k = 0; k < unexpected.length && k < 2 * (MAX_UNEXPECTED + 1); k += 2) errors.push(unexpected[k]!);
    const a = buildAst(source, p.value, errors);
    u = { items: [...a.value.items], quotes: [], parseD: p.diagnostics, astD: a.diagnostics, errors: errors.length > 0 };
  }
  const b: Block = {
    start, end, tokens, comments, items: u.items as TopItem[],
    lexDiagnostics, unexpected, parseDiagnostics: u.parseD, astDiagnostics: u.astD,
    syntaxErrors: u.errors || lexErrors.length > 0,
  };
  if (u.prefix) prefixUnits.set(b, u.prefix);
  return keepCst ? withCst(b, source) : b;
}

/** `b` with its CST, made when first read (the formatter's): Chevrotain's parse of the block's tokens whole. */
export function withCst(b: Block, source: SourceFile): Block {
  let cst: CstNode | undefined;
  return Object.defineProperty(b, 'cst', { enumerable: true, get: () => (cst ??= chevrotainParse(source, b.tokens).value) });
}

/**
 * Reused 条款 moved by their offsets: in place (`inPlace`: the earlier parse is given up; `log` records
 * the moves, to be undone if a parse is kept as `lastGood`) or replaced by copies in the arrays that hold them (their
 * nested 条款 keep what they need for reuse).
 */
export function fixReused(r: Reuse, inPlace: boolean, log?: MoveLog): void {
  for (const f of r.fix) {
    if (inPlace) shiftSpansInPlace(f.node, f.d, log);
    else {
      const copy = shiftSpans(f.node, f.d);
      if ('kind' in f.node && f.node.kind === 'clause') shareInfo(f.node, copy as ClauseDecl);
      f.holder[f.index] = copy;
    }
  }
}

function shareInfo(a: ClauseDecl, b: ClauseDecl): void {
  const i = clauseInfo.get(a);
  if (i) clauseInfo.set(b, i);
  for (let k = 0; k < a.items.length; k++) if (a.items[k]!.kind === 'clause') shareInfo(a.items[k] as ClauseDecl, b.items[k] as ClauseDecl);
}

/** The 条款 (any depth) of `items` parsed in units, by start offset. */
export function clausesOf(items: readonly TopItem[], into: Map<number, ClauseDecl>): Map<number, ClauseDecl> {
  for (const x of items) {
    if (x.kind !== 'clause') continue;
    if (clauseInfo.has(x)) into.set(x.span.start, x);
    clausesOf(x.items as TopItem[], into);
  }
  return into;
}

/**
 * Text ranges of a block's brace bodies' pieces that contain [p, q] (old offsets), innermost first:
 * [after the "{" or "}" before the piece, after the piece's own closing "}"] — where an edit is lexed
 * again. Lazy: the tokens are walked outwards from the edit only as far as the ranges asked for.
 */
export function* editRanges(tokens: readonly IToken[], p: number, q: number): Generator<[number, number]> {
  const braceBefore = (x: number): number => {
    for (let y = x - 1; y >= 0; y--) {
      const ty = tokens[y]!.tokenType;
      if (ty === LBrace || ty === RBrace) return tokenEnd(tokens[y]!);
    }
    return -1;
  };
  const k = firstAtOrAfter(tokens, p);
  // (a piece around p closed by its own "}" before the enclosing body closes)
  let fwd = k;
  let rel = 0;
  let start = braceBefore(k);
  for (; fwd < tokens.length; fwd++) {
    const ty = tokens[fwd]!.tokenType;
    if (ty === LBrace) rel++;
    else if (ty === RBrace) {
      if (rel === 0) break;
      if (--rel === 0) {
        const e = tokenEnd(tokens[fwd]!);
        if (start >= 0 && start <= p && q <= e) yield [start, e];
        fwd++;
        break;
      }
    }
  }
  // then outwards: each body around the edit (opened by "{" at `open`, closed at `close`) as a piece of the body around it
  let b = k - 1;
  let f = k;
  for (;;) {
    let open = -1;
    let r = 0;
    for (; b >= 0; b--) {
      const ty = tokens[b]!.tokenType;
      if (ty === RBrace) r++;
      else if (ty === LBrace) {
        if (r === 0) {
          open = b--;
          break;
        }
        r--;
      }
    }
    let close = -1;
    r = 0;
    for (; f < tokens.length; f++) {
      const ty = tokens[f]!.tokenType;
      if (ty === LBrace) r++;
      else if (ty === RBrace) {
        if (r === 0) {
          close = f++;
          break;
        }
        r--;
      }
    }
    if (open < 0 || close < 0) return;
    const s = braceBefore(open);
    if (s < 0) return;
    const e = tokenEnd(tokens[close]!);
    if (s <= p && q <= e) yield [s, e];
  }
}

/** Index of the first token of `ts` (sorted by offset) that starts at or after `off` (`ts.length` if none): binary search. */
export function firstAtOrAfter(ts: readonly IToken[], off: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (ts[m]!.startOffset < off) lo = m + 1;
    else hi = m;
  }
  return lo;
}
