/**
 * What the incremental tests compare between an incremental parse and a whole-file one (a ParsedFile
 * and its diagnostics → plain data for toEqual): tokens and comments (type, image, offsets), the AST,
 * the diagnostics in a canonical order (inside a re-parsed 条款 item they may come in another order —
 * every consumer sorts them), the syntax errors, the block boundaries and, when asked, the CST.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import type { ParsedFile } from '../../compiler/syntax/index.js';

const tok = (t: IToken) => [t.tokenType.name, t.image, t.startOffset, t.endOffset];

function cstShape(n: CstNode): unknown {
  const kids: Record<string, unknown[]> = {};
  for (const k of Object.keys(n.children).sort()) kids[k] = n.children[k]!.map((c) => ('tokenType' in c ? tok(c as IToken) : cstShape(c as CstNode)));
  return { name: n.name, loc: [n.location?.startOffset, n.location?.endOffset], recovered: !!n.recoveredNode, kids };
}

/** The comparable shape of a parse; `withCst`: the CST too (a parse that built one). */
export function parseShape(r: { value: ParsedFile; diagnostics: readonly Diagnostic[] }, withCst = false) {
  return {
    tokens: r.value.tokens.map(tok),
    comments: r.value.comments.map(tok),
    ast: r.value.ast,
    diagnostics: [...r.diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code) || a.message.localeCompare(b.message)),
    syntaxErrors: r.value.syntaxErrors,
    blocks: r.value.blocks?.map((b) => [b.start, b.end]),
    ...(withCst ? { cst: r.value.cst ? cstShape(r.value.cst) : undefined } : {}),
  };
}
