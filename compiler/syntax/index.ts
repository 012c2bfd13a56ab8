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
  const p = parseTokens(source, l.value.tokens);
  const a = buildAst(source, p.value, [...l.diagnostics, ...p.diagnostics].filter((d) => d.severity === 'error').map((d) => d.span.start));
  const diagnostics = [...l.diagnostics, ...p.diagnostics, ...a.diagnostics];
  const syntaxErrors = [...l.diagnostics, ...p.diagnostics].some((d) => d.severity === 'error');
  return { value: { source, ...(opts.keepCst ? { cst: p.value } : {}), tokens: l.value.tokens, comments: l.value.comments, ast: a.value, syntaxErrors }, diagnostics };
}
