/**
 * How to write a name: asked of the compiler's lexer, never decided here.
 * A name can be written bare when lexing it alone gives back exactly one `Name`
 * token with the same text and no diagnostic; otherwise it is quoted 「…」 (or
 * 【…】 when it contains 「 or 」).
 */
import { SourceFile } from '../index.js';
import { lex } from '../syntax/lexer.js';
import { Name } from '../syntax/tokens.js';

const memo = new Map<string, boolean>();

export function needsQuoting(name: string): boolean {
  const hit = memo.get(name);
  if (hit !== undefined) return hit;
  const r = lex(new SourceFile('<name>', name));
  const toks = r.value.tokens;
  const bare = r.diagnostics.length === 0 && r.value.comments.length === 0 && toks.length === 1 && toks[0]!.tokenType === Name && toks[0]!.image === name;
  if (memo.size > 10_000) memo.clear();
  memo.set(name, !bare);
  return !bare;
}

/** Can this text be a name at all (quoted if need be)? */
export function validName(name: string): boolean {
  if (!name || /[\r\n\u2028\u2029]/.test(name)) return false;
  if (name.includes('「') || name.includes('」')) return !name.includes('【') && !name.includes('】');
  return true;
}

/** The name as it must be written in source. */
export function writeName(name: string): string {
  if (!needsQuoting(name)) return name;
  return name.includes('「') || name.includes('」') ? `【${name}】` : `「${name}」`;
}

/** Strip one level of name quotes a user may have typed. */
export function unquote(name: string): string {
  const t = name.trim();
  if ((t.startsWith('「') && t.endsWith('」')) || (t.startsWith('【') && t.endsWith('】'))) return t.slice(1, -1);
  return t;
}
