/**
 * Document symbols (the outline: 政策, declarations, and the clause tree clauses →
 * measures → outcomes/rules/存疑) from the file's AST, and workspace symbols from
 * every program's symbol table.
 */
import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver-protocol';
import type * as A from '../../../compiler/syntax/ast.js';
import type { SymbolKind as ZcKind } from '../../../compiler/semantics/model.js';
import { kindName } from '../../../compiler/semantics/binder.js';
import type { Workspace } from './workspace.js';
import { BUILTIN_FILE } from '../../../compiler/services/symbols.js';

type ToRange = (start: number, end: number) => Range;

export function documentSymbols(ast: A.FileAst, labels: Map<A.ClauseDecl, string>, r: ToRange): DocumentSymbol[] {
  const sym = (name: string, detail: string, kind: SymbolKind, span: { start: number; end: number }, sel: { start: number; end: number }, children: DocumentSymbol[] = []): DocumentSymbol => {
    const range = r(span.start, span.end);
    let selectionRange = r(sel.start, sel.end);
    // the selection range must be contained in the range
    if (sel.start < span.start || sel.end > span.end) selectionRange = range;
    return { name: name || '（无名）', detail, kind, range, selectionRange, children };
  };
  const doubt = (d: A.DoubtDecl) => sym(d.name.text, '存疑', SymbolKind.Event, d.span, d.name.span,
    d.readings.map((x) => sym(x.name.text, `解读${d.adopted?.text === x.name.text ? '（采用）' : ''}`, SymbolKind.EnumMember, x.span, x.name.span)));
  const measure = (m: A.MeasureDecl) => sym(m.name.text, '措施', SymbolKind.Function, m.span, m.name.span, [
    ...m.outcomes.map((o) => sym(o.name.text, `结果${o.period ? ' ' + o.period : ''}`, SymbolKind.Property, o.span, o.name.span)),
    ...m.rules.map((x) => sym(x.name.text, x.overrides.length ? `规则（例外于 ${x.overrides.map((o) => o.text).join('、')}）` : '规则', SymbolKind.Method, x.span, x.name.span)),
    ...m.doubts.map(doubt),
  ].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
  const qual = (q: A.QualDecl) => sym(q.name?.text ?? ((q.quotes[0] ? [...q.quotes[0].value].slice(0, 16).join('') : undefined) ?? '定性'), `定性${q.category ? ' ' + q.category.text : ''}`, SymbolKind.String, q.span, q.name?.span ?? q.span);
  const clauseItem = (it: A.ClauseItem): DocumentSymbol => {
    switch (it.kind) {
      case 'clause': {
        const label = labels.get(it) ?? it.number.map((p) => p.raw).join('');
        return sym(label, it.title?.value ?? '条款', SymbolKind.Namespace, it.span, it.numberSpan, it.items.map(clauseItem));
      }
      case 'measure': return measure(it);
      case 'qualitative': return qual(it);
      case 'doubt': return doubt(it);
      case 'indicator': return sym(it.name.text, '指标', SymbolKind.Variable, it.span, it.name.span);
      case 'property': return sym(it.name.text, '性质', SymbolKind.Boolean, it.span, it.name.span);
    }
  };
  const out: DocumentSymbol[] = [];
  for (const it of ast.items) {
    switch (it.kind) {
      case 'import': break;
      case 'policy': out.push(sym(it.name?.text ?? it.title?.value ?? '政策', `政策${it.docNumber ? ' ' + it.docNumber.value : ''}`, SymbolKind.File, it.span, it.name?.span ?? it.span)); break;
      case 'enum': out.push(sym(it.name.text, '枚举', SymbolKind.Enum, it.span, it.name.span, it.members.map((m) => sym(m.text, '枚举值', SymbolKind.EnumMember, m.span, m.span)))); break;
      case 'entity': out.push(sym(it.name.text, '实体', SymbolKind.Class, it.span, it.name.span, it.fields.map((f) => sym(f.name.text, '字段', SymbolKind.Field, f.span, f.name.span)))); break;
      case 'param': out.push(sym(it.name.text, '参数', SymbolKind.Constant, it.span, it.name.span)); break;
      case 'org': out.push(sym(it.name.text, it.fullName?.value ?? '机构', SymbolKind.Module, it.span, it.name.span)); break;
      default: out.push(clauseItem(it));
    }
  }
  return out;
}

const KIND: Record<ZcKind, SymbolKind> = {
  enum: SymbolKind.Enum, enumMember: SymbolKind.EnumMember, entity: SymbolKind.Class, field: SymbolKind.Field, param: SymbolKind.Constant,
  org: SymbolKind.Module, measure: SymbolKind.Function, outcome: SymbolKind.Property, rule: SymbolKind.Method, indicator: SymbolKind.Variable,
  property: SymbolKind.Boolean, doubt: SymbolKind.Event, reading: SymbolKind.EnumMember, clause: SymbolKind.Namespace, builtin: SymbolKind.Function,
};

export function workspaceSymbols(ws: Workspace, query: string, uriOf: (p: string) => string, rangeOf: (path: string, s: number, e: number) => Range | undefined, limit = 500): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  for (const p of ws.allPrograms()) {
    for (const s of p.checked.symbols.values()) {
      if (s.kind === 'builtin' || s.nameSpan.file === BUILTIN_FILE) continue;
      const hay = `${s.container ? s.container + '.' : ''}${s.name}`;
      if (q && !hay.toLowerCase().includes(q) && !(s.clause ?? '').toLowerCase().includes(q)) continue;
      const k = `${s.nameSpan.file}:${s.nameSpan.start}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const range = rangeOf(s.nameSpan.file, s.nameSpan.start, s.nameSpan.end);
      if (!range) continue;
      out.push({ name: s.kind === 'clause' ? `条款 ${s.name}` : s.name, kind: KIND[s.kind], location: { uri: uriOf(s.nameSpan.file), range }, containerName: s.container ?? kindName(s.kind) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
