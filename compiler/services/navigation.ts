/**
 * Go to definition, find references, rename — over the compiler's symbols and
 * references (every program the file belongs to, across files), in offsets.
 * Input: a ProgramSet, a file, an offset (a new name). Output: spans / text edits, or a
 * Chinese refusal.
 *
 * Definition on the path of an `导入 "…"` is the imported file itself (its start).
 * Rename refuses built-ins, clause numbers, names that cannot be written, and a name
 * that already exists in the same scope (it would merge two declarations: ZC0402 in
 * the binder's terms, `clashWith`); the new name is written the way the lexer needs
 * it (quoted 「…」 when a bare name would not lex as one name).
 */
import type { Span } from '../common/source.js';
import type { TextEdit } from '../diagnostics/diagnostic.js';
import { clashWith, kindName } from '../semantics/binder.js';
import type { ProgramSet } from './program-set.js';
import { BUILTIN_FILE, nameAt, occurrences, type NameAt } from './symbols.js';
import { unquote, validName, writeName } from './names.js';
import { importAt } from './hover.js';

/** Where the thing at `offset` is declared (a file start for an import). */
export function definition(ws: ProgramSet, path: string, offset: number): Span[] {
  const imp = importAt(ws, path, offset);
  if (imp) return ws.textOf(imp.target) === undefined ? [] : [{ file: imp.target, start: 0, end: 0 }];
  const at = nameAt(ws, path, offset);
  if (!at || at.sym.nameSpan.file === BUILTIN_FILE) return [];
  return [at.sym.nameSpan];
}

/** Every use (and, if asked, the declaration) of the name at `offset`. */
export function references(ws: ProgramSet, path: string, offset: number, includeDeclaration: boolean): Span[] {
  const at = nameAt(ws, path, offset);
  if (!at) return [];
  const out: Span[] = [];
  for (const o of occurrences(ws, at.sym)) {
    if (o.file === BUILTIN_FILE || (o.decl && !includeDeclaration)) continue;
    out.push({ file: o.file, start: o.start, end: o.end });
  }
  return out;
}

/** Why a name cannot be renamed at all, or undefined. */
function refusal(at: NameAt): string | undefined {
  if (at.sym.kind === 'builtin' || at.sym.nameSpan.file === BUILTIN_FILE) return `“${at.sym.name}”是内置名称，不能重命名`;
  if (at.sym.kind === 'clause') return '条款编号不是名称，不能重命名（请直接修改编号）';
  return undefined;
}

export type Refusal = { readonly error: string };

/** The name to rename at `offset` (its span and current text), a refusal, or nothing there. */
export function prepareRename(ws: ProgramSet, path: string, offset: number): { span: Span; placeholder: string } | Refusal | undefined {
  const at = nameAt(ws, path, offset);
  if (!at) return undefined;
  const why = refusal(at);
  if (why) return { error: why };
  return { span: { file: path, start: at.start, end: at.end }, placeholder: at.sym.name };
}

/** Edits renaming the name at `offset` everywhere, or a refusal. */
export function rename(ws: ProgramSet, path: string, offset: number, newName: string): { edits: TextEdit[] } | Refusal | undefined {
  const at = nameAt(ws, path, offset);
  if (!at) return undefined;
  const why = refusal(at);
  if (why) return { error: why };
  const name = unquote(newName);
  if (!validName(name)) return { error: `“${newName}”不能用作名称` };
  if (name !== at.sym.name) {
    // the same declaration in every program that has it: none may already have the new name
    for (const p of ws.allPrograms()) {
      const sym = p.checked.symbols.get(at.sym.id);
      if (!sym || sym.nameSpan.file !== at.sym.nameSpan.file || sym.nameSpan.start !== at.sym.nameSpan.start) continue;
      const other = clashWith(p.checked.symbols, sym, name);
      if (other) {
        const where = sym.container ? `“${sym.container}”中` : '';
        return { error: `不能重命名为“${name}”：${where}已有同名的${kindName(other.kind)}“${other.name}”，两者会合并为一个名称` };
      }
    }
  }
  const text = writeName(name);
  return { edits: occurrences(ws, at.sym).map((o) => ({ span: { file: o.file, start: o.start, end: o.end }, newText: text })) };
}
