/**
 * Outline (document symbols) and workspace symbols, in offsets.
 * Input: a ProgramSet and a file (a query). Output: the declaration tree of the file
 * (政策, declarations, the clause tree clauses → measures → outcomes/rules/存疑, with
 * clause labels from the checked program), and the symbols of every program whose
 * name matches a query.
 */
import type { Span } from '../common/source.js';
import type { SymbolKind } from '../semantics/model.js';
import { kindName } from '../semantics/binder.js';
import type { ProgramSet } from './program-set.js';
import { BUILTIN_FILE } from './symbols.js';
import { clauseLabels, declTree, type DeclNode } from './decls.js';

/** The outline of a file: its declaration tree without imports. */
export function documentSymbols(ws: ProgramSet, path: string): DeclNode[] {
  const parsed = ws.parsedOf(path);
  if (!parsed) return [];
  return declTree(parsed.ast, clauseLabels(ws.programsOf(path))).filter((d) => d.kind !== 'import');
}

export interface WorkspaceSymbol {
  /** Name as shown (`条款 四（一）` for a clause). */
  readonly name: string;
  readonly kind: SymbolKind;
  /** The container (entity of a field, measure of a rule …) or the kind in Chinese. */
  readonly container: string;
  readonly span: Span;
}

/** Symbols of every program whose (qualified) name or clause anchor contains `query`. */
export function workspaceSymbols(ws: ProgramSet, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.trim().toLowerCase();
  const out: WorkspaceSymbol[] = [];
  const seen = new Set<string>();
  for (const p of ws.allPrograms()) {
    for (const s of p.checked.symbols.values()) {
      if (s.kind === 'builtin' || s.nameSpan.file === BUILTIN_FILE) continue;
      const hay = `${s.container ? s.container + '.' : ''}${s.name}`;
      if (q && !hay.toLowerCase().includes(q) && !(s.clause ?? '').toLowerCase().includes(q)) continue;
      const k = `${s.nameSpan.file}:${s.nameSpan.start}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push({ name: s.kind === 'clause' ? `条款 ${s.name}` : s.name, kind: s.kind, container: s.container ?? kindName(s.kind), span: s.nameSpan });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
