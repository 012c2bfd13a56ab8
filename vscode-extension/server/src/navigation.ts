/**
 * Go to definition, find references, rename — over the compiler's symbols and
 * references (every program the file belongs to, across files).
 * Rename refuses built-ins and clause numbers; the new name is written the way the
 * lexer needs it (quoted 「…」 when a bare name would not lex as one name).
 */
import type { Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Workspace } from './workspace.js';
import { BUILTIN_FILE, nameAt, occurrences, type NameAt } from '../../../compiler/services/symbols.js';
import { unquote, validName, writeName } from '../../../compiler/services/names.js';

export interface Nav {
  readonly ws: Workspace;
  readonly uriOf: (path: string) => string;
  readonly rangeOf: (path: string, start: number, end: number) => Range | undefined;
}

function loc(n: Nav, file: string, start: number, end: number): Location | undefined {
  const range = n.rangeOf(file, start, end);
  return range ? { uri: n.uriOf(file), range } : undefined;
}

export function definition(n: Nav, path: string, offset: number): Location[] {
  const at = nameAt(n.ws, path, offset);
  if (!at || at.sym.nameSpan.file === BUILTIN_FILE) return [];
  const l = loc(n, at.sym.nameSpan.file, at.sym.nameSpan.start, at.sym.nameSpan.end);
  return l ? [l] : [];
}

export function references(n: Nav, path: string, offset: number, includeDeclaration: boolean): Location[] {
  const at = nameAt(n.ws, path, offset);
  if (!at) return [];
  const out: Location[] = [];
  for (const o of occurrences(n.ws, at.sym)) {
    if (o.file === BUILTIN_FILE || (o.decl && !includeDeclaration)) continue;
    const l = loc(n, o.file, o.start, o.end);
    if (l) out.push(l);
  }
  return out;
}

/** Why a name cannot be renamed, or undefined. */
function refusal(at: NameAt): string | undefined {
  if (at.sym.kind === 'builtin' || at.sym.nameSpan.file === BUILTIN_FILE) return `“${at.sym.name}”是内置名称，不能重命名`;
  if (at.sym.kind === 'clause') return '条款编号不是名称，不能重命名（请直接修改编号）';
  return undefined;
}

export function prepareRename(n: Nav, path: string, offset: number): { range: Range; placeholder: string } | { error: string } | undefined {
  const at = nameAt(n.ws, path, offset);
  if (!at) return undefined;
  const why = refusal(at);
  if (why) return { error: why };
  const range = n.rangeOf(path, at.start, at.end);
  return range ? { range, placeholder: at.sym.name } : undefined;
}

export function rename(n: Nav, path: string, offset: number, newName: string): WorkspaceEdit | { error: string } | undefined {
  const at = nameAt(n.ws, path, offset);
  if (!at) return undefined;
  const why = refusal(at);
  if (why) return { error: why };
  const name = unquote(newName);
  if (!validName(name)) return { error: `“${newName}”不能用作名称` };
  const text = writeName(name);
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrences(n.ws, at.sym)) {
    const range = n.rangeOf(o.file, o.start, o.end);
    if (!range) continue;
    (changes[n.uriOf(o.file)] ??= []).push({ range, newText: text });
  }
  return { changes };
}
