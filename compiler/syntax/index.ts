/**
 * Front-end entry: text → tokens → CST → AST for one file.
 * Input: SourceFile. Output: ParsedFile + diagnostics of lex, parse and AST passes.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import type { Result } from '../diagnostics/diagnostic.js';
import { lex } from './lexer.js';
import { parseTokens } from './parser.js';
import { buildAst } from './cst-to-ast.js';
import type { FileAst } from './ast.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';

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
}

/** Lex, parse and build the AST of one file. Never throws on user input. */
export function parseFile(source: SourceFile, opts: { keepCst?: boolean } = {}): Result<ParsedFile> {
  const l = lex(source);
  const tooDeepFile = (exhausted: boolean): Result<ParsedFile> => {
    const d = tooDeep(source, l.value.tokens, exhausted);
    const empty: FileAst = { path: source.path, span: source.span(0, source.text.length), items: [] };
    return { value: { source, tokens: l.value.tokens, comments: l.value.comments, ast: empty, syntaxErrors: true }, diagnostics: [...l.diagnostics, d] };
  };
  if (nestingDepth(l.value.tokens).depth > MAX_NESTING) return tooDeepFile(false);
  let p: ReturnType<typeof parseTokens>;
  let a: ReturnType<typeof buildAst>;
  try {
    p = parseTokens(source, l.value.tokens);
    a = buildAst(source, p.value, [...l.diagnostics, ...p.diagnostics].filter((d) => d.severity === 'error').map((d) => d.span.start));
  } catch (e) {
    // INVARIANT: user input never throws. The recursive-descent parser has a finite stack:
    // absurd nesting (thousands of brackets) becomes a diagnostic, not a crash.
    if (!(e instanceof RangeError)) throw e;
    return tooDeepFile(true);
  }
  const diagnostics = [...l.diagnostics, ...p.diagnostics, ...a.diagnostics];
  const syntaxErrors = [...l.diagnostics, ...p.diagnostics].some((d) => d.severity === 'error');
  return { value: { source, ...(opts.keepCst ? { cst: p.value } : {}), tokens: l.value.tokens, comments: l.value.comments, ast: a.value, syntaxErrors }, diagnostics };
}
