/**
 * Front-end entry: text → tokens → CST → AST for one file, top-level block by block
 * (blocks.ts), whole (`parseFile`) or incrementally from an earlier parse (`reparseFile`).
 * Input: SourceFile (+ the previous ParsedFile). Output: ParsedFile + diagnostics of lex, parse and AST passes.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { lexRange, mergeByStart, unexpectedDiagnostics } from './lexer.js';
import type { FileAst, TopItem } from './ast.js';
import { closedDiagnostics, closeFound, findOpenBlocks, type OpenBlocks } from './slips.js';
import { blockEnds, clausesOf, firstAtOrAfter, prefixUnits, type PrefixUnit, editRanges, fixReused, joinCst, moveTokens, MoveLog, parseBlocks, parseBlock, repairedBlocks, shiftBlock, shiftSpans, shiftToken, withCst, type Block, type Reuse, type TokenView } from './blocks.js';
import type { ClauseDecl } from './ast.js';
import { tokenEnd } from './lexer.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LBrace, LParen, RBrace, RParen } from './tokens.js';

/**
 * Deepest bracket nesting parsed: （ ( ｛ { counted together. A file nested deeper gets
 * ZC0204 before parsing (the recursive-descent parser, the checker and the formatter
 * recurse once per level; real policies nest fewer than ten levels).
 */
export const MAX_NESTING = 128;

/** The deepest bracket nesting of a token list and where it is reached. */
export function nestingDepth(tokens: readonly IToken[]): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (const t of tokens) {
    const n = t.tokenType.name;
    if (n === 'LParen' || n === 'LBrace') depth++;
    else if (n === 'RParen' || n === 'RBrace') depth = Math.max(0, depth - 1);
    if (depth > max) {
      max = depth;
      at = t.startOffset;
    }
  }
  return { depth: max, at };
}

/** `nestingDepth(...).depth` of the blocks' tokens taken together (without joining them). */
function blocksNesting(blocks: readonly Block[]): number {
  let depth = 0;
  let max = 0;
  for (const b of blocks) {
    for (const t of b.tokens) {
      const ty = t.tokenType;
      if (ty === LParen || ty === LBrace) depth++;
      else if (ty === RParen || ty === RBrace) depth = Math.max(0, depth - 1);
      if (depth > max) max = depth;
    }
  }
  return max;
}

/**
 * The place where nesting gets deepest, as a ZC0204 diagnostic stating the limit.
 * `exhausted`: the bracket depth is within the limit but a pass still ran out of stack
 * (e.g. thousands of 非 in a row).
 */
export function tooDeep(source: SourceFile, tokens: readonly IToken[], exhausted = false): Diagnostic {
  const { depth, at } = nestingDepth(tokens);
  const message = exhausted
    ? `嵌套过深，无法处理：括号最深 ${depth} 层（上限 ${MAX_NESTING} 层），但否定“非”、负号或条款连续嵌套过多`
    : `嵌套过深：此处括号与花括号嵌套 ${depth} 层，超过上限 ${MAX_NESTING} 层`;
  return diag('ZC0204', source.span(at, at), message, { help: `拆分表达式（用“定义”命名中间结果）或减少嵌套层数，使嵌套不超过 ${MAX_NESTING} 层` });
}

export interface ParsedFile {
  readonly source: SourceFile;
  /** The concrete syntax tree, only when asked for (the formatter); not kept otherwise (memory). */
  readonly cst?: CstNode;
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly ast: FileAst;
  /** True when lexing or parsing reported an error (the AST may be partial). */
  readonly syntaxErrors: boolean;
  /** The top-level blocks the file was parsed in (absent after ZC0204): what `reparseFile` reuses. */
  readonly blocks?: readonly Block[];
  /**
   * When this parse has syntax errors: the latest earlier parse of the file without any (set by
   * `reparseFile`). The edit that repairs an error is re-parsed against it, where it is local again.
   * When it has none and was made in place from a parse without any: that parse (an edit that restores its
   * text — a character typed and deleted, an undo — gets it back from the `ParseCache`, and `compile` its
   * compilation whole), until a parse is made from this one.
   * With `inPlace`, this parse moved lastGood's nodes: read it intact through `restoreLastGood`.
   */
  readonly lastGood?: ParsedFile;
}

/** Options of `parseFile` / `reparseFile`. */
export interface ParseOptions {
  /** Keep the CST (the formatter needs it; the language server keeps it for open documents). */
  readonly keepCst?: boolean;
  /**
   * `reparseFile` only: the previous parse is not used again (the `ParseCache` replaces it), so the
   * nodes and tokens the new parse reuses after the edit are moved in place instead of copied, and the
   * re-lexed tokens replace the old ones in the block's own token array — a moved declaration keeps its
   * identity, and an edit costs no copy of the rest of the file. A parse with syntax errors does the
   * same and records it (blocks.ts `MoveLog`): the earlier parse it keeps as `lastGood` is restored by
   * undoing the record (`restoreLastGood`).
   */
  readonly inPlace?: boolean;
  /**
   * `parseFile` only: the parse is never re-parsed, formatted or given to a language service (the
   * one-off compile of `zhengce check`: a `ParseCache` with `keepTokens: false`). A block ast-parser.ts
   * takes whole (no syntax error, no AST diagnostic) is parsed whole, not in units: the units of a 条款
   * exist to keep an error inside its item and to be reused by `reparseFile`, and for such a block they
   * give the same AST (test/syntax/ast-parser.test.ts compares both). None of its 条款 is reusable.
   * Without `keepCst` (and without `lexed`), each block gives its tokens up as soon as it is parsed: the
   * parse's `tokens` is empty (its `comments` are kept) — a `ParseCache` with `keepTokens: false` empties
   * them afterwards anyway; given up earlier, a long file's tokens die young instead of being copied by
   * the scavenges of its whole parse.
   */
  readonly oneShot?: boolean;
}

/**
 * Lex, parse and build the AST of one file. Never throws on user input. `lexed`: the file's
 * `lexRange(source, 0, length)` when the caller already has it (the formatter's safety net).
 */
export function parseFile(source: SourceFile, opts: ParseOptions = {}, lexed?: ReturnType<typeof lexRange>): Result<ParsedFile> {
  // (a one-shot parse without a CST, of tokens lexed here: its blocks give their tokens up as they are parsed — see ParseOptions.oneShot)
  const drop = !!opts.oneShot && !opts.keepCst && !lexed;
  if (drop && source.text.length > LEX_CHUNK.above) {
    const r = parseFileInChunks(source);
    if (r) return r;
  }
  const l = lexed ?? lexRange(source, 0, source.text.length);
  const lexAll = () => mergeByStart(l.diagnostics, unexpectedDiagnostics(source, [l.value.unexpected]));
  // (lexRange counted the nesting and found the block ends while it compacted the tokens: `nestingDepth(tokens).depth`, `blockEnds(tokens)`)
  const depth = l.value.depth;
  if (depth > MAX_NESTING) return tooDeepResult(source, l.value.tokens, l.value.comments, lexAll(), false);
  let blocks: Block[];
  try {
    blocks = parseBlocks(source, 0, source.text.length, l.value.tokens, l.value.comments, l.diagnostics, l.value.unexpected, true, !!opts.keepCst, !!opts.oneShot, l.value.ends, drop)!;
  } catch (e) {
    // (the tokens given up: lexed again for the diagnostic's position — a parser out of stack is rare)
    const tokens = drop ? lexRange(source, 0, source.text.length).value.tokens : l.value.tokens;
    return tooDeepResult(source, tokens, l.value.comments, lexAll(), e);
  }
  return withNesting(assemble(source, blocks, !!opts.keepCst), depth);
}

/**
 * A one-shot parse of a file longer than `above` UTF-16 units is lexed in pieces of about `size` units
 * (`parseFileInChunks`); an object so that tests can make both small. Below `above` (about 23,000 lines
 * of a typical policy) the file's tokens fit in V8's young generation and lexing it whole is no dearer
 * (at 10,000 lines, pieces cost ~4 ms more of scavenges, 12 fresh processes; at 40,000 lines they save
 * ~50 ms: docs/check-timings.md).
 */
export const LEX_CHUNK = { size: 65_536, above: 524_288 };

/**
 * `parseFile` of a long file for a one-shot parse without a CST (`drop`): lexed a piece at a time, each
 * piece's top-level blocks parsed before the next piece is lexed. Lexing the whole file first kept all
 * its tokens alive through the lexing (each scavenge copied them; they then died in the old generation),
 * and ran the scanner over the whole file before anything else — in one call that V8's optimized code,
 * compiled in the background meanwhile, could not enter; many files interleave lexing with parsing, so
 * their later files are scanned by optimized code. A piece is lexed from `pos` to `pos + LEX_CHUNK.size`
 * and cut after its last top-level block (after its "}", the nesting back at 0); the tokens after the
 * cut are lexed again with the next piece. A piece in which no block closes so is lexed again twice as
 * long (at most about twice the text of such a block in all). Undefined when the whole-file path must decide (nesting
 * beyond MAX_NESTING, the parser's stack run out): the caller parses the file whole. Exported for the tests.
 * INVARIANT: the same parse as lexing the whole file first — tokens before a top-level "}" do not depend
 * on the text after it (the scanner looks ahead at most over blanks and a keyword's length, and no token
 * spans a "}" token), the lexer starts afresh after it (as `reparseFile` relies on), and the blocks, their
 * comments and lexical diagnostics are split at the same offsets (test/syntax/chunked-parse.test.ts).
 */
export function parseFileInChunks(source: SourceFile): Result<ParsedFile> | undefined {
  const n = source.text.length;
  const size = LEX_CHUNK.size;
  const blocks: Block[] = [];
  // (a bound on the nesting: each piece's depth counts its tail too, lexed again with the next piece)
  let depth = 0;
  let pos = 0;
  try {
    while (pos < n) {
      let end: number;
      let l: ReturnType<typeof lexRange>;
      // (no top-level block closes in the piece, or an unclosed "(" runs on past its last: a piece twice as long)
      for (let span = size; ; span *= 2) {
        end = n - pos > span + (span >> 1) ? pos + span : n;
        l = lexRange(source, pos, end);
        if (end === n || (l.value.ends.length && l.value.endNesting === 0)) break;
      }
      const v = l.value;
      const diagnostics = l.diagnostics;
      if (end < n) {
        // (cut after the last block: what follows is lexed again with the next piece)
        const e = v.ends[v.ends.length - 1]!;
        end = tokenEnd(v.tokens[e - 1]!);
        v.tokens.length = e;
        let c = v.comments.length;
        while (c > 0 && v.comments[c - 1]!.startOffset >= end) c--;
        v.comments.length = c;
        let d = diagnostics.length;
        while (d > 0 && diagnostics[d - 1]!.span.start >= end) d--;
        diagnostics.length = d;
        let u = v.unexpected.length;
        while (u > 0 && v.unexpected[u - 2]! >= end) u -= 2;
        v.unexpected.length = u;
      }
      if (v.depth > depth) depth = v.depth;
      if (depth > MAX_NESTING) return undefined;
      const bs = parseBlocks(source, pos, end, v.tokens, v.comments, diagnostics, v.unexpected, end === n, false, true, v.ends, true);
      if (!bs) return undefined;
      for (let k = 0; k < bs.length; k++) blocks.push(bs[k]!);
      pos = end;
    }
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  return withNesting(assemble(source, blocks, false), depth);
}

/** `e`: the error the parser threw (its stack ran out), or `false` when the nesting pre-check refused the file. */
function tooDeepResult(source: SourceFile, tokens: IToken[], comments: IToken[], lexDiagnostics: Diagnostic[], e: unknown): Result<ParsedFile> {
  // INVARIANT: user input never throws. The recursive-descent parser has a finite stack:
  // absurd nesting (thousands of brackets) becomes a diagnostic, not a crash.
  if (e !== false && !(e instanceof RangeError)) throw e;
  const d = tooDeep(source, tokens, e !== false);
  const empty: FileAst = { path: source.path, span: source.span(0, source.text.length), items: [] };
  return { value: { source, tokens, comments, ast: empty, syntaxErrors: true }, diagnostics: [...lexDiagnostics, d] };
}

/** `r`, unless its nesting exceeds the limit: then the whole-file path (which reports ZC0204), as `parseFile` would. */
function nestingChecked(source: SourceFile, r: Result<ParsedFile>, opts: ParseOptions, bound: number | undefined): Result<ParsedFile> {
  if (bound !== undefined && bound <= MAX_NESTING) return withNesting(r, bound);
  const depth = blocksNesting(r.value.blocks ?? []);
  return depth > MAX_NESTING ? parseFile(source, opts) : withNesting(r, depth);
}

/**
 * Per parse: a bound on its deepest bracket nesting (`blocksNesting`), so that an edit need not count the
 * whole file's brackets again. INVARIANT: at least the real depth — an edit deepens the nesting by at most
 * the opening brackets it lexed plus the tokens it removed (each a closing one at most: the clamped
 * depth count moves by at most one per token inserted or removed), so the edited parse's bound is the
 * earlier one plus those; counted exactly again only when the bound passes `MAX_NESTING`.
 */
const nestingBounds = new WeakMap<ParsedFile, number>();

function withNesting(r: Result<ParsedFile>, bound: number): Result<ParsedFile> {
  nestingBounds.set(r.value, bound);
  return r;
}

/** One file's result from its blocks (diagnostics: all lexical, then syntax, then AST ones, in text order). */
function assemble(source: SourceFile, blocks: Block[], keepCst: boolean): Result<ParsedFile> {
  const items: TopItem[] = [];
  const lexD: Diagnostic[] = [];
  const parseD: Diagnostic[] = [];
  const astD: Diagnostic[] = [];
  let syntaxErrors = false;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    const bi = b.items;
    for (let i = 0; i < bi.length; i++) items.push(bi[i]!);
    for (const d of b.lexDiagnostics) lexD.push(d);
    for (const d of b.parseDiagnostics) parseD.push(d);
    for (const d of b.astDiagnostics) astD.push(d);
    syntaxErrors ||= b.syntaxErrors;
  }
  const ast: FileAst = { path: source.path, span: source.span(0, source.text.length), items };
  // INVARIANT: ZC0101 runs are capped per file, whichever blocks were lexed again.
  const lexAll = mergeByStart(lexD, unexpectedDiagnostics(source, blocks.map((b) => b.unexpected)));
  // The file's tokens, comments and CST are joined from the blocks when first read: binding
  // and checking read only the AST, so an edit does not pay for them (language services do, once).
  let tokens: IToken[] | undefined;
  let comments: IToken[] | undefined;
  let cst: CstNode | undefined;
  const value: ParsedFile = {
    source, ast, syntaxErrors, blocks,
    get tokens() {
      return (tokens ??= blocks.flatMap((b) => b.tokens));
    },
    get comments() {
      return (comments ??= blocks.flatMap((b) => b.comments));
    },
  };
  if (keepCst) Object.defineProperty(value, 'cst', { enumerable: true, get: () => (cst ??= joinCst(blocks)) });
  return { value, diagnostics: [...lexAll, ...parseD, ...astD] };
}

// Common prefix / suffix of two texts: whole slices are compared first (string equality is a
// memory compare; a character loop over a 200,000-unit file costs milliseconds per edit).
function commonPrefix(a: string, b: string, n: number): number {
  let p = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (p + step <= n && a.slice(p, p + step) === b.slice(p, p + step)) p += step;
  }
  return p;
}

function commonSuffix(a: string, b: string, n: number): number {
  let s = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (s + step <= n && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) s += step;
  }
  return s;
}

/**
 * The parse of `source` given the parse of an earlier text of the same file: only the text around
 * the edit is lexed again — the smallest brace body's piece holding it (blocks.ts `editRanges`) whose
 * new tokens end with its "}" where it ended, else the top-level blocks it touches, else the rest of
 * the file — and the file is split into blocks again from the tokens; a 条款 (at any depth) whose
 * tokens were not lexed again is reused, moved by the edit's length change (blocks.ts, units), the
 * top-level blocks after the re-lexed ones as they are.
 * INVARIANT: the result equals `parseFile(source, opts)` (tokens, comments, AST,
 * diagnostics, CST) — test/syntax/incremental.test.ts checks it on random edits.
 */
export function reparseFile(previous: ParsedFile, source: SourceFile, opts: ParseOptions = {}): Result<ParsedFile> {
  // After an edit that made a syntax error, the next edit is re-parsed against the last parse without
  // errors: the edit that repairs it (or undoes it) finds that parse's nodes again.
  // (a parse with a “}” made up for a set or declaration left open: its tokens are not the text's — re-parsed
  // against its lastGood when the edit since that is local, as a block being typed is; else the file whole)
  const repaired = previous.syntaxErrors && !!previous.blocks?.some((x) => repairedBlocks.has(x));
  const good = previous.syntaxErrors ? previous.lastGood : undefined;
  // (the moves `previous` made in the nodes of `good`, not yet undone)
  const pending = previous.syntaxErrors ? undoLogs.get(previous) : undefined;
  moves = undefined;
  // (against it only when the edit since is local — inside one brace body's piece — else against the previous parse)
  let r: Result<ParsedFile> | undefined;
  let fromGood = false;
  // (a parse made without `inPlace` must not change the one it is given: it cannot undo moves in lastGood)
  if (good && good.source.path === source.path && (!pending || opts.inPlace)) {
    toggleAll(pending, 'undo');
    r = reparseFrom(good, source, opts, true);
    if (r) fromGood = true;
    else toggleAll(pending, 'redo');
  }
  if (!r && repaired) return parseFile(source, opts);
  r ??= reparseFrom(previous, source, opts, false)!;
  // INVARIANT: lastGood only changes what is re-parsed, never the result (it is a correct parse of its own text — once the moves recorded with the parse that keeps it are undone).
  if (!r.value.syntaxErrors) {
    // (an error-free parse made in place from an error-free one keeps it, to be given back when its text comes back)
    if (!opts.inPlace || previous.syntaxErrors || !moves || previous.source.path !== source.path) return r;
    Object.defineProperty(r.value, 'lastGood', { value: previous, enumerable: false, configurable: true });
    undoLogs.set(r.value, [moves]);
    return r;
  }
  const lastGood = previous.syntaxErrors ? previous.lastGood : previous;
  if (!lastGood || lastGood.source.path !== source.path) return r;
  Object.defineProperty(r.value, 'lastGood', { value: lastGood, enumerable: false });
  // The moves that bring lastGood back, the latest first: this parse's, then (made from `previous`, itself
  // made from lastGood with moves of its own) those of `previous`.
  const logs = [...(moves ? [moves] : []), ...(!fromGood && pending ? pending : [])];
  if (logs.length) undoLogs.set(r.value, logs);
  return r;
}

/**
 * `parse.lastGood`, intact: the in-place moves the parses since made in its nodes and tokens undone.
 * The parse it is kept by is then given up (its reused nodes are lastGood's again): the `ParseCache`
 * calls this when an edit restores lastGood's text, and returns lastGood in its place.
 */
export function restoreLastGood(parse: ParsedFile): ParsedFile | undefined {
  toggleAll(undoLogs.get(parse), 'undo');
  return parse.lastGood;
}

/**
 * Per parse that keeps a `lastGood`: the logs of the in-place moves made since that parse, the latest
 * first (undone in that order, applied again in the reverse one).
 */
const undoLogs = new WeakMap<ParsedFile, readonly MoveLog[]>();

function toggleAll(logs: readonly MoveLog[] | undefined, to: 'undo' | 'redo'): void {
  if (!logs) return;
  if (to === 'undo') {
    for (const l of logs) if (l.applied) l.toggle();
  } else {
    for (let k = logs.length - 1; k >= 0; k--) if (!logs[k]!.applied) logs[k]!.toggle();
  }
}

/** Largest token run `reparseFrom` replaces inside a block's token array (`splice` takes them as arguments). */
const MAX_SPLICE = 20_000;

/** The record of the in-place moves of the last `reparseFrom` (`ParseOptions.inPlace`). */
let moves: MoveLog | undefined;

/**
 * An error-free parse about to be moved in place by a parse made from it: the parse it kept (`lastGood`)
 * can no longer be restored (its record is of moves this one's nodes no longer are at) — let it go.
 */
function releaseKept(base: ParsedFile): void {
  if (base.syntaxErrors || !undoLogs.has(base)) return;
  undoLogs.delete(base);
  delete (base as { lastGood?: ParsedFile }).lastGood;
}


/** Tokens [a0, b0) of `old` and `fresh` hold the same braces in the same order. */
function sameBraces(old: readonly IToken[], a0: number, b0: number, fresh: readonly IToken[]): boolean {
  let x = a0;
  for (const t of fresh) {
    const ty = t.tokenType;
    if (ty !== LBrace && ty !== RBrace) continue;
    while (x < b0 && old[x]!.tokenType !== LBrace && old[x]!.tokenType !== RBrace) x++;
    if (x >= b0 || old[x]!.tokenType !== ty) return false;
    x++;
  }
  while (x < b0 && old[x]!.tokenType !== LBrace && old[x]!.tokenType !== RBrace) x++;
  return x >= b0;
}

/** `reparseFile` from one earlier parse. `localOnly`: only when the edit lies inside one brace body's piece (undefined otherwise). */
function reparseFrom(previous: ParsedFile, source: SourceFile, opts: ParseOptions, localOnly: boolean): Result<ParsedFile> | undefined {
  const keepCst = !!opts.keepCst;
  if (opts.inPlace) releaseKept(previous);
  const blocks = previous.blocks;
  const a = previous.source.text;
  const b = source.text;
  if (!blocks || !blocks.length || (keepCst && blocks.some((x) => !('cst' in x))) || previous.source.path !== source.path) return localOnly ? undefined : parseFile(source, opts);
  if (a === b) return withNesting(assemble(source, [...blocks], keepCst), nestingBounds.get(previous) ?? blocksNesting(blocks)); // (an edit undone: the text of the base again)
  // The edit: old [p, a.length - s) became new [p, b.length - s).
  const n = Math.min(a.length, b.length);
  const p = commonPrefix(a, b, n);
  const s = commonSuffix(a, b, n - p);
  const delta = b.length - a.length;
  const editEnd = a.length - s;
  // First block touched: the first that ends after p (a block ending at p ends with a "}", which text after it cannot change).
  let i = 0;
  while (i < blocks.length - 1 && blocks[i]!.end <= p) i++;
  let j = i;
  while (j < blocks.length - 1 && blocks[j]!.end < editEnd) j++;
  const last = blocks.length - 1;
  // Where to lex again (old offsets [r0, r1]), innermost first; `jj`: the last block of the range.
  // (the last try lexes to the end of the file from the start of the innermost piece: a clean start for the lexer too)
  let inner = blocks[i]!.start;
  // `piece`: a piece inside a block (white space may follow its "}"); a range of whole blocks must end with their "}"
  // exactly (white space after it belongs to the next block).
  function* tries(): Generator<{ r0: number; r1: number; jj: number; piece: boolean }> {
    if (i === j) {
      for (const [r0, r1] of editRanges(blocks![i]!.tokens, p, editEnd)) {
        if (inner === blocks![i]!.start) inner = r0;
        yield { r0, r1, jj: i, piece: true };
      }
    }
    if (localOnly) return;
    yield { r0: blocks![i]!.start, r1: blocks![j]!.end, jj: j, piece: false };
    if (j < last || inner !== blocks![i]!.start) yield { r0: inner, r1: a.length, jj: last, piece: false };
  }
  let lexed: ReturnType<typeof lexRange> | undefined;
  let range = { r0: blocks[i]!.start, r1: a.length, jj: last, piece: false };
  // (a range whose lexing ends inside an unclosed string (strings may span lines): it runs on — straight to the end of the file)
  let runsOn = false;
  for (const t of tries()) {
    if (runsOn && t.r1 !== a.length) continue;
    const l = lexRange(source, t.r0, t.r1 + delta);
    const rt = l.value.tokens;
    const end = t.r1 + delta;
    // (ends with a "}" — white space after it up to the range's end, no comment: the lexer starts afresh there, as in the whole file)
    const lt = rt[rt.length - 1];
    const lc = l.value.comments[l.value.comments.length - 1];
    const ok = t.r1 === a.length || (lt
      ? lt.tokenType === RBrace && (tokenEnd(lt) === end || (t.piece && tokenEnd(lt) < end && (!lc || lc.startOffset < lt.startOffset) && /^[ \t\r\n]*$/.test(b.slice(tokenEnd(lt), end))))
      : t.piece && !lc && /^[ \t\r\n]*$/.test(b.slice(t.r0, end)));
    if (ok) {
      lexed = l;
      range = t;
      break;
    }
    runsOn = !!lt && tokenEnd(lt) === end && l.diagnostics.some((d) => d.code === 'ZC0102' && d.span.start === lt.startOffset);
  }
  if (!lexed) return undefined;
  const { r0, r1 } = range;
  let jj = range.jj;
  const rl = lexed!.value;
  // The region's tokens: the old ones before r0, the new ones, the old ones from r1 (seen moved by delta).
  const oldTokens = (k: number) => blocks[k]!.tokens;
  // (the same braces as the tokens they replace, in one block: the block boundaries are as they were)
  const ti = oldTokens(i);
  const ti0 = firstAtOrAfter(ti, r0);
  const ti1 = firstAtOrAfter(ti, r1);
  const sameBlocks = i === jj && i < last && sameBraces(ti, ti0, ti1, rl.tokens);
  const changed = i === jj ? changedRange(blocks[i]!, ti0, ti1, r0, r1, lexed!, p, editEnd, delta) : undefined;
  // In place (the earlier parse is given up): the block's own token array, the region's tokens replaced
  // (a move of pointers inside it, not a copy of the file's tokens); recorded in `log`, which undoes it.
  const log = opts.inPlace ? new MoveLog() : undefined;
  // (how much deeper the edit can make the nesting: see `nestingBounds`)
  let deeper = 0;
  for (const t of rl.tokens) if (t.tokenType === LBrace || t.tokenType === LParen) deeper++;
  for (let k = i; k <= jj; k++) deeper += firstAtOrAfter(oldTokens(k), r1) - firstAtOrAfter(oldTokens(k), r0);
  let v: IToken[];
  let sfx: number;
  const splice = !!log && i === jj && ti1 - ti0 <= MAX_SPLICE && rl.tokens.length <= MAX_SPLICE;
  if (splice) {
    log!.spliced(ti, ti0, ti1 - ti0, rl.tokens);
    v = ti;
    sfx = ti0 + rl.tokens.length;
  } else {
    const parts0: IToken[][] = [];
    const after: IToken[][] = [];
    for (let k = i; k <= jj; k++) {
      const ts = oldTokens(k);
      const a0 = firstAtOrAfter(ts, r0);
      if (a0 > 0) parts0.push(a0 === ts.length ? ts : ts.slice(0, a0));
      const b0 = firstAtOrAfter(ts, r1);
      if (b0 < ts.length) after.push(b0 === 0 ? ts : ts.slice(b0));
    }
    // (arrays joined by concat: a copy of pointers, not a loop)
    v = ([] as IToken[]).concat(...parts0, rl.tokens);
    sfx = v.length;
    if (after.length) v = v.concat(...after);
  }
  // Extend the region by whole blocks until it ends with a block's closing "}" (an unclosed "{" runs on).
  let ends = sameBlocks ? [v.length] : blockEnds(v);
  while (jj < last && (ends.length === 0 || ends[ends.length - 1] !== v.length)) {
    jj++;
    v = v.concat(oldTokens(jj));
    ends = blockEnds(v);
  }
  const toEnd = jj === last;
  // (a set literal or declaration left open in the file's unclosed last block — a drafter typing a new block
  // before its “}”: the whole-file parse closes it by a “}” of no width, blocks.ts `parseBlocks`; so does this
  // parse, in the region's tokens, and parses the region's blocks in units as usual — the 条款 the edit did not
  // touch reused. The ZC0203 of each are made once the tokens are moved: `closedAt`)
  let found: { open: OpenBlocks; real: IToken[] } | undefined;
  if (toEnd) {
    const tail = ends.length ? ends[ends.length - 1]! : 0;
    const open = tail < v.length ? findOpenBlocks(v, tail) : undefined;
    if (open) {
      const c = closeFound(undefined, v, open);
      const placed = placeClosers(c.tokens, v, sfx, delta);
      if (!placed) {
        log?.toggle(); // (the earlier parse as it was: nothing else was moved yet)
        return parseFile(source, opts);
      }
      // (`real`: the text's tokens, which an in-place parse moves — the ZC0203 are made from them once moved)
      found = { open, real: v };
      v = c.tokens;
      sfx = placed.sfx;
      ends = blockEnds(v);
    }
  }
  const w: TokenView = { v, sfx, delta, copies: new Map() };
  const at = (x: number) => (x >= sfx ? v[x]!.startOffset + delta : v[x]!.startOffset);
  // Comments, lexical diagnostics and runs of unrecognised characters of the region, likewise.
  const oldC: IToken[] = [];
  const lexD: Diagnostic[] = [];
  const unexpected: number[] = [];
  for (let k = i; k <= jj; k++) {
    const bk = blocks[k]!;
    for (const c of bk.comments) if (c.startOffset < r0) oldC.push(c);
    for (const d of bk.lexDiagnostics) if (d.span.start < r0) lexD.push(d);
    for (let x = 0; x < bk.unexpected.length; x += 2) if (bk.unexpected[x]! < r0) unexpected.push(bk.unexpected[x]!, bk.unexpected[x + 1]!);
  }
  const cBefore = oldC.length;
  for (const c of rl.comments) oldC.push(c);
  for (const d of lexed!.diagnostics) lexD.push(d);
  for (const x of rl.unexpected) unexpected.push(x);
  const cNew = oldC.length;
  for (let k = i; k <= jj; k++) {
    const bk = blocks[k]!;
    for (const c of bk.comments) if (c.startOffset >= r1) oldC.push(c);
    for (const d of bk.lexDiagnostics) if (d.span.start >= r1) lexD.push(shiftSpans(d, delta));
    for (let x = 0; x < bk.unexpected.length; x += 2) if (bk.unexpected[x]! >= r1) unexpected.push(bk.unexpected[x]! + delta, bk.unexpected[x + 1]!);
  }
  const cAt = (x: number) => (x >= cNew ? oldC[x]!.startOffset + delta : oldC[x]!.startOffset);
  void cBefore;
  // The earlier parse's 条款 in the region, for reuse where their tokens were not lexed again.
  const clauses = new Map<number, ClauseDecl>();
  for (let k = i; k <= jj; k++) clausesOf(blocks[k]!.items, clauses);
  const prefixes = new Map<number, PrefixUnit>();
  for (let k = i; k <= jj; k++) {
    const pu = prefixUnits.get(blocks[k]!);
    if (pu) prefixes.set(pu.start, pu);
  }
  const reuse: Reuse = { clauses, prefixes, from: changed?.from ?? r0, to: changed?.to ?? r1 + delta, delta, fix: [] };
  // The region's blocks, parsed.
  const spans: { start: number; end: number; t0: number; t1: number }[] = [];
  let from = blocks[i]!.start;
  let t0 = 0;
  for (const e of ends) {
    const to = tokenEnd(v[e - 1]!) + (e - 1 >= sfx ? delta : 0);
    spans.push({ start: from, end: to, t0, t1: e });
    from = to;
    t0 = e;
  }
  if (toEnd) spans.push({ start: from, end: b.length, t0, t1: v.length });
  const fresh: Block[] = [];
  let c = 0;
  let d = 0;
  let u = 0;
  const parts: { c0: number; c1: number }[] = [];
  try {
    for (const sp of spans) {
      const c0 = c;
      while (c < oldC.length && cAt(c) < sp.end) c++;
      parts.push({ c0, c1: c });
      const ld: Diagnostic[] = [];
      while (d < lexD.length && lexD[d]!.span.start < sp.end) ld.push(lexD[d++]!);
      const u0 = u;
      while (u < unexpected.length && unexpected[u]! < sp.end) u += 2;
      fresh.push(parseBlock(source, sp.start, sp.end, [], [], ld, unexpected.slice(u0, u), false, { w, t0: sp.t0, t1: sp.t1, reuse }));
    }
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    log?.toggle(); // (the earlier parse as it was: nothing else was moved yet)
    return parseFile(source, opts); // reports ZC0204 for the whole file
  }
  // (anything left — impossible for ordered input — goes to the last block, never dropped)
  if (fresh.length && (d < lexD.length || u < unexpected.length)) {
    fresh[fresh.length - 1]!.lexDiagnostics.push(...lexD.slice(d));
    fresh[fresh.length - 1]!.unexpected.push(...unexpected.slice(u));
  }
  if (fresh.length) parts[parts.length - 1]!.c1 = oldC.length;
  // INVARIANT: nodes are moved in place with or without syntax errors in the new parse, and the moves are
  // recorded (`log`): the earlier parse is kept as `lastGood` (with errors, the last one without; without, the
  // one before), and undoing them restores it.
  const move = !!opts.inPlace;
  const spanLog = log;
  fixReused(reuse, move, spanLog);
  if (delta !== 0) {
    if (move) {
      moveTokens(v, sfx, v.length, delta, log);
      moveTokens(oldC, cNew, oldC.length, delta, log);
    } else {
      for (let x = sfx; x < v.length; x++) v[x] = w.copies.get(x) ?? shiftToken(v[x]!, delta);
      for (let x = cNew; x < oldC.length; x++) oldC[x] = shiftToken(oldC[x]!, delta);
    }
  }
  if (log) moves = log;
  void at;
  // (the ZC0203 of the blocks closed above, as the whole-file parse makes them: from the text's tokens, now at their offsets)
  // (a keyword retyped by findOpenBlocks is a new token, moved in `v` only: then the tokens of `v`)
  const closed = found && closedDiagnostics(source, move && !found.open.keywords.length ? found.real : v.filter((t) => !isCloser(t)), found.open);
  const out: Block[] = blocks.slice(0, i).map((x) => (x.syntaxErrors && delta !== 0 ? reparsedBlock(source, x, keepCst) : x));
  for (let k = 0; k < fresh.length; k++) {
    const f = fresh[k]!;
    const sp = spans[k]!;
    const blk: Block = { ...f, tokens: sp.t0 === 0 && sp.t1 === v.length ? v : v.slice(sp.t0, sp.t1), comments: oldC.slice(parts[k]!.c0, parts[k]!.c1) };
    if (closed) {
      // (each ZC0203 to the block that holds it, else the last: blocks.ts `parseBlocks`)
      const mine = closed.filter((x) => (blk.start <= x.span.start && x.span.start < blk.end) || (k === fresh.length - 1 && !fresh.some((y) => y.start <= x.span.start && x.span.start < y.end)));
      if (mine.length) {
        const m = blk as { parseDiagnostics: Diagnostic[]; syntaxErrors: boolean };
        m.parseDiagnostics = [...blk.parseDiagnostics, ...mine].sort((p, q) => p.span.start - q.span.start);
        m.syntaxErrors = true;
      }
    }
    const made = keepCst ? withCst(blk, source) : blk;
    if (closed && made.syntaxErrors && closed.some((x) => made.parseDiagnostics.includes(x))) repairedBlocks.add(made);
    out.push(made);
  }
  for (let k = jj + 1; k < blocks.length; k++) out.push(shiftBlock(blocks[k]!, delta, move, keepCst ? source : undefined, spanLog));
  const bound = nestingBounds.get(previous);
  return nestingChecked(source, assemble(source, out, keepCst), opts, bound === undefined ? undefined : bound + deeper);
}

/** The same token: type and image, `d` UTF-16 units later. */
const sameToken = (a: IToken, b: IToken, d: number) => a.tokenType === b.tokenType && a.image === b.image && b.startOffset === a.startOffset + d;

/**
 * What an edit changed in a range lexed again inside one block (old offsets [r0, r1), its old tokens
 * `old.tokens[t0, t1)`, `lexed` its new lexing; the text [p, editEnd) became [p, editEnd + delta)): the new offsets [from, to] outside
 * which the tokens and the lexical errors are the earlier ones (moved by `delta` after the edit) — the edit
 * itself, the tokens that differ (a space typed between two items changes none; a character typed in a
 * string, that string). Undefined when a lexical error outside them differs: the whole range changed.
 * INVARIANT: outside [from, to] the text, the tokens and the lexical errors are the earlier ones — the
 * units there (blocks.ts `Reuse`) may be reused.
 */
function changedRange(old: Block, t0: number, t1: number, r0: number, r1: number, lexed: ReturnType<typeof lexRange>, p: number, editEnd: number, delta: number): { from: number; to: number } | undefined {
  const ot = old.tokens;
  const nt = lexed.value.tokens;
  const no = t1 - t0;
  const nn = nt.length;
  let np = 0;
  while (np < no && np < nn && sameToken(ot[t0 + np]!, nt[np]!, 0)) np++;
  let ns = 0;
  while (ns < no - np && ns < nn - np && sameToken(ot[t1 - 1 - ns]!, nt[nn - 1 - ns]!, delta)) ns++;
  let from = p;
  let to = editEnd + delta;
  if (np < nn - ns) {
    from = Math.min(from, nt[np]!.startOffset);
    to = Math.max(to, tokenEnd(nt[nn - 1 - ns]!));
  }
  if (np < no - ns) {
    from = Math.min(from, ot[t0 + np]!.startOffset);
    to = Math.max(to, tokenEnd(ot[t1 - 1 - ns]!) + delta);
  }
  // the lexical errors outside [from, to], before and after (a '"' that flips later strings changes them)
  const outside = (x: number) => x < from || x > to;
  const was: number[] = [];
  const add = (x: number, into: number[]) => {
    if (outside(x)) into.push(x);
  };
  for (const x of old.lexDiagnostics) {
    const at = x.span.start;
    if (x.severity === 'error' && at >= r0 && at < r1) add(at < p ? at : at + delta, was);
  }
  for (let k = 0; k < old.unexpected.length; k += 2) {
    const at = old.unexpected[k]!;
    if (at >= r0 && at < r1) add(at < p ? at : at + delta, was);
  }
  const now: number[] = [];
  for (const x of lexed.diagnostics) if (x.severity === 'error') add(x.span.start, now);
  for (let k = 0; k < lexed.value.unexpected.length; k += 2) add(lexed.value.unexpected[k]!, now);
  if (was.length !== now.length) return undefined;
  was.sort((a, b) => a - b);
  now.sort((a, b) => a - b);
  for (let k = 0; k < was.length; k++) if (was[k] !== now[k]) return undefined;
  return { from, to };
}

/** A block before the edit with a syntax error, parsed again: an error may point at the end of the text ("文件意外结束"). */
function reparsedBlock(source: SourceFile, x: Block, keepCst: boolean): Block {
  return parseBlock(source, x.start, x.end, x.tokens, x.comments, x.lexDiagnostics, x.unexpected, keepCst);
}

/** A “}” of no width that `closeOpenBlocks` made up (a lexed token always has an image). */
const isCloser = (t: IToken) => t.tokenType === RBrace && t.image === '';

/**
 * Where the “}” of no width that `closeOpenBlocks` put into the region's tokens `v` (old offsets from `sfx` on)
 * stand relative to `sfx`: the new `sfx` (the closers before it counted), or undefined when a closer stands right
 * at `sfx` with an offset that could be either side's — the caller parses whole.
 * INVARIANT: a closer at or after the new `sfx` has an old offset (moved by `delta` with the tokens around it).
 */
function placeClosers(repaired: readonly IToken[], v: readonly IToken[], sfx: number, delta: number): { sfx: number } | undefined {
  let real = 0;
  let out = sfx;
  for (let q = 0; q < repaired.length; q++) {
    const t = repaired[q]!;
    if (!isCloser(t)) {
      real++;
      continue;
    }
    if (real < sfx) out++;
    else if (real === sfx && delta !== 0) {
      // (a declaration's closer takes the next token's start — old; a set's the end of the token before it — new)
      const decl = real < v.length && t.startOffset === v[real]!.startOffset;
      const set = real > 0 && t.startOffset === tokenEnd(v[real - 1]!);
      if (decl === set) return undefined;
      if (set) out++;
    }
  }
  return { sfx: out };
}
