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
import { joinCst, parseBlock, parseBlocks, reparseInClause, shiftBlock, type Block } from './blocks.js';
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
   */
  readonly lastGood?: ParsedFile;
}

/** Options of `parseFile` / `reparseFile`. */
export interface ParseOptions {
  /** Keep the CST (the formatter needs it; the language server keeps it for open documents). */
  readonly keepCst?: boolean;
  /**
   * `reparseFile` only: the previous parse is not used again (the `ParseCache` replaces it), so
   * when the new parse has no syntax errors the nodes and tokens it reuses after the edit are moved
   * in place instead of copied — a moved declaration keeps its identity, and an edit costs no copy
   * of the rest of the file. A parse with syntax errors copies (it keeps the earlier one as `lastGood`).
   */
  readonly inPlace?: boolean;
}

/**
 * Lex, parse and build the AST of one file. Never throws on user input. `lexed`: the file's
 * `lexRange(source, 0, length)` when the caller already has it (the formatter's safety net).
 */
export function parseFile(source: SourceFile, opts: ParseOptions = {}, lexed?: ReturnType<typeof lexRange>): Result<ParsedFile> {
  const l = lexed ?? lexRange(source, 0, source.text.length);
  const lexAll = () => mergeByStart(l.diagnostics, unexpectedDiagnostics(source, [l.value.unexpected]));
  if (nestingDepth(l.value.tokens).depth > MAX_NESTING) return tooDeepResult(source, l.value.tokens, l.value.comments, lexAll(), false);
  let blocks: Block[];
  try {
    blocks = parseBlocks(source, 0, source.text.length, l.value.tokens, l.value.comments, l.diagnostics, l.value.unexpected, true, !!opts.keepCst)!;
  } catch (e) {
    return tooDeepResult(source, l.value.tokens, l.value.comments, lexAll(), e);
  }
  return assemble(source, blocks, !!opts.keepCst);
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
function nestingChecked(source: SourceFile, r: Result<ParsedFile>, opts: ParseOptions): Result<ParsedFile> {
  return blocksNesting(r.value.blocks ?? []) > MAX_NESTING ? parseFile(source, opts) : r;
}

/** One file's result from its blocks (diagnostics: all lexical, then syntax, then AST ones, in text order). */
function assemble(source: SourceFile, blocks: Block[], keepCst: boolean): Result<ParsedFile> {
  const items: TopItem[] = [];
  const lexD: Diagnostic[] = [];
  const parseD: Diagnostic[] = [];
  const astD: Diagnostic[] = [];
  let syntaxErrors = false;
  for (const b of blocks) {
    for (const i of b.items) items.push(i);
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
 * The parse of `source` given the parse of an earlier text of the same file: only the
 * top-level blocks the edit touches are re-lexed and re-parsed; the blocks before it are
 * reused as they are, the blocks after it moved by the edit's length change.
 * INVARIANT: the result equals `parseFile(source, opts)` (tokens, comments, AST,
 * diagnostics, CST) — test/syntax/incremental.test.ts checks it on random edits.
 */
export function reparseFile(previous: ParsedFile, source: SourceFile, opts: ParseOptions = {}): Result<ParsedFile> {
  // After an edit that made a syntax error, the block holding it must be parsed whole (its errors
  // are not local); the edit that repairs it is, against the last parse without errors, often an
  // edit inside one item again (typing 「…」 or "…" in two steps).
  const good = previous.syntaxErrors ? previous.lastGood : undefined;
  moved = false;
  const r = (good && reparseFrom(good, source, opts, true)) || reparseFrom(previous, source, opts, false)!;
  // INVARIANT: lastGood only changes what is re-parsed, never the result (it is a correct parse of its own text).
  // (errors after nodes were moved in place — only the nesting limit: the earlier parses are not kept)
  if (!r.value.syntaxErrors || moved) return r;
  const lastGood = previous.syntaxErrors ? previous.lastGood : previous;
  if (!lastGood || lastGood.source.path !== source.path) return r;
  Object.defineProperty(r.value, 'lastGood', { value: lastGood, enumerable: false });
  return r;
}

/** The last `reparseFrom` moved nodes of the earlier parse in place (`ParseOptions.inPlace`). */
let moved = false;

/**
 * `reparseFile` from one earlier parse. `localOnly`: only when the edit lies inside one item of
 * a top-level 条款 (undefined otherwise).
 */
function reparseFrom(previous: ParsedFile, source: SourceFile, opts: ParseOptions, localOnly: boolean): Result<ParsedFile> | undefined {
  const keepCst = !!opts.keepCst;
  const blocks = previous.blocks;
  const a = previous.source.text;
  const b = source.text;
  if (!blocks || !blocks.length || (keepCst && blocks.some((x) => !x.cst)) || previous.source.path !== source.path) return localOnly ? undefined : parseFile(source, opts);
  if (a === b) return assemble(source, [...blocks], keepCst); // (an edit undone: the text of the base again)
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
  // An edit inside one item of a top-level 条款 (a chapter holding the whole policy): that item only.
  // INVARIANT: nodes are moved in place only when the new parse has no syntax errors (no block has any).
  const cleanBut = (a: number, z: number) => !!opts.inPlace && blocks.every((x, k) => (k >= a && k <= z) || !x.syntaxErrors);
  if (i === j && i < blocks.length - 1) {
    const others = cleanBut(i, i);
    const inner = reparseInClause(source, blocks[i]!, p, editEnd, delta, keepCst, others);
    if (inner) {
      const out: Block[] = blocks.slice(0, i).map((x) => (x.syntaxErrors && delta !== 0 ? parseBlock(source, x.start, x.end, x.tokens, x.comments, x.lexDiagnostics, x.unexpected, keepCst) : x));
      out.push(inner);
      const move = others && !inner.syntaxErrors;
      moved ||= move && delta !== 0;
      for (let k = i + 1; k < blocks.length; k++) out.push(shiftBlock(blocks[k]!, delta, move));
      return nestingChecked(source, assemble(source, out, keepCst), opts);
    }
  }
  if (localOnly) return undefined;
  const start = blocks[i]!.start;
  // Widen the re-lexed range until it ends with a block's closing "}" (an unclosed string or
  // brace runs on): first by a block or two, then to the end of the file.
  for (let tries = 0; ; tries++) {
    const toEnd = j === blocks.length - 1;
    const end = toEnd ? b.length : blocks[j]!.end + delta;
    const l = lexRange(source, start, end);
    let fresh: Block[] | undefined;
    try {
      fresh = parseBlocks(source, start, end, l.value.tokens, l.value.comments, l.diagnostics, l.value.unexpected, toEnd, keepCst);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return parseFile(source, opts); // reports ZC0204 for the whole file
    }
    if (fresh) {
      // A block with a syntax error may point at the end of the text ("文件意外结束", a token the
      // parser inserted): before the edit such a block is parsed again from its own tokens.
      const out: Block[] = blocks.slice(0, i).map((x) => (x.syntaxErrors && delta !== 0 ? parseBlock(source, x.start, x.end, x.tokens, x.comments, x.lexDiagnostics, x.unexpected, keepCst) : x));
      for (const x of fresh) out.push(x);
      const move = cleanBut(i, j) && !fresh.some((x) => x.syntaxErrors);
      moved ||= move && delta !== 0 && j + 1 < blocks.length;
      for (let k = j + 1; k < blocks.length; k++) out.push(shiftBlock(blocks[k]!, delta, move));
      return nestingChecked(source, assemble(source, out, keepCst), opts);
    }
    j = tries < 2 ? j + 1 : blocks.length - 1;
  }
}
