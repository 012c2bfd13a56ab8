/**
 * Protocol adaptation: the compiler services' offset-based results (compiler/services)
 * → LSP types. No language logic: kinds are mapped one to one, offsets become
 * positions only through positions.ts (a `Positions` callback built on LineIndex).
 */
import {
  CodeActionKind, CompletionItemKind, DiagnosticSeverity, DiagnosticTag, FoldingRangeKind, InsertTextFormat, SymbolKind,
  type CodeAction, type CompletionItem, type Diagnostic as LspDiagnostic, type DocumentSymbol, type FoldingRange,
  type Location, type Range, type SemanticTokensLegend, type SymbolInformation, type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { Diagnostic, Span, TextEdit } from '../../../compiler/index.js';
import type { SymbolKind as ZcKind } from '../../../compiler/semantics/model.js';
import type { CompletionKind, Completions } from '../../../compiler/services/completion.js';
import type { DeclKind, DeclNode } from '../../../compiler/services/decls.js';
import type { WorkspaceSymbol } from '../../../compiler/services/outline.js';
import type { FoldingRange as ZcFold } from '../../../compiler/services/folding.js';
import type { CodeAction as ZcAction } from '../../../compiler/services/actions.js';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../../compiler/services/semantic-tokens.js';
import type { Finding } from '../../../compiler/verify/finding.js';
import { LineIndex } from './positions.js';

/** How an adapter turns spans into LSP ranges and paths into URIs. */
export interface Positions {
  readonly uriOf: (path: string) => string;
  /** Range of a span in the text its offsets refer to (undefined: file unknown). */
  readonly rangeOf: (path: string, start: number, end: number) => Range | undefined;
}

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

/**
 * A compiler diagnostic as an LSP diagnostic. Its help (“是不是要写…”) is related information at the
 * diagnostic's own range — VS Code shows it under the message, in the hover and the Problems view —
 * or, with `helpInMessage` (initializationOptions.helpInMessage: neovim's built-in client shows
 * only `message`, in its virtual text and float, and never related information), a second line
 * of the message, “提示：…”, and not related information too.
 */
export function toLspDiagnostic(pos: Positions, d: Diagnostic, helpInMessage = false): LspDiagnostic | undefined {
  const range = pos.rangeOf(d.span.file, d.span.start, d.span.end);
  if (!range) return undefined;
  const related = [];
  for (const r of d.related ?? []) {
    const rr = pos.rangeOf(r.span.file, r.span.start, r.span.end);
    if (rr) related.push({ location: { uri: pos.uriOf(r.span.file), range: rr }, message: r.message });
  }
  if (d.help && !helpInMessage) related.push({ location: { uri: pos.uriOf(d.span.file), range }, message: `提示：${d.help}` });
  const message = d.help && helpInMessage ? `${d.message}\n提示：${d.help}` : d.message;
  const out: LspDiagnostic = { range, severity: SEVERITY[d.severity], code: d.code, source: 'zhengce', message };
  if (related.length) out.relatedInformation = related;
  if (d.code === 'ZC0408') out.tags = [DiagnosticTag.Unnecessary];
  return out;
}

/**
 * A 核查 finding as an LSP diagnostic (source “zhengce 核查”), positioned in `texts`, the
 * text that was verified (not necessarily the buffer's current text). Accepted findings
 * (recorded in the policy as properties of the official text) become information;
 * proofs (ZC0909) and indicator values (ZC0914) are hints — results, not problems, so
 * they stay out of the Problems panel. Undefined when the finding's file is not in
 * `texts`.
 */
export function toLspFinding(pos: Pick<Positions, 'uriOf'>, f: Finding, texts: Readonly<Record<string, string>>): LspDiagnostic | undefined {
  const text = texts[f.span.file];
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  const severity = f.code === 'ZC0909' || f.code === 'ZC0914' ? DiagnosticSeverity.Hint : f.accepted ? DiagnosticSeverity.Information : SEVERITY[f.severity];
  const witness = f.witness ? `；反例：日期 ${f.witness.date}，事实 ${JSON.stringify(f.witness.facts, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}` : '';
  const sides = f.sides?.length ? `；${f.sides.map((x) => `${x.measure}${x.rule ? `·${x.rule}` : ''}：${x.yields}`).join('；')}` : '';
  const out: LspDiagnostic = {
    range: index.range(f.span.start, f.span.end), severity, code: f.code, source: 'zhengce 核查',
    message: `${f.accepted ? `（已接受：${f.accepted}）` : ''}${f.message}${sides}${witness}`,
  };
  const related = [];
  for (const r of f.related) {
    const t = texts[r.span.file];
    if (t !== undefined) related.push({ location: { uri: pos.uriOf(r.span.file), range: new LineIndex(t).range(r.span.start, r.span.end) }, message: r.message });
  }
  if (related.length) out.relatedInformation = related;
  return out;
}

export function toLocation(pos: Positions, s: Span): Location | undefined {
  const range = pos.rangeOf(s.file, s.start, s.end);
  return range ? { uri: pos.uriOf(s.file), range } : undefined;
}

export function toWorkspaceEdit(pos: Positions, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    const range = pos.rangeOf(e.span.file, e.span.start, e.span.end);
    if (!range) return undefined;
    (changes[pos.uriOf(e.span.file)] ??= []).push({ range, newText: e.newText });
  }
  return { changes };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword, unit: CompletionItemKind.Unit, entity: CompletionItemKind.Class, field: CompletionItemKind.Field,
  enum: CompletionItemKind.Enum, enumMember: CompletionItemKind.EnumMember, param: CompletionItemKind.Constant, indicator: CompletionItemKind.Variable,
  measure: CompletionItemKind.Function, outcome: CompletionItemKind.Property, rule: CompletionItemKind.Method, org: CompletionItemKind.Module,
  reading: CompletionItemKind.EnumMember, function: CompletionItemKind.Function, variable: CompletionItemKind.Variable, clauseNumber: CompletionItemKind.Reference,
};

/**
 * The LSP items of a completion. INVARIANT: no `filterText` where it would equal the label
 * (LSP: then the label is the filter text): neovim 0.7's omnifunc takes the typed word's
 * start from the textEdit only for items without one, and otherwise from the keyword
 * before the cursor — “夫” in `家庭.「夫`, “2” in `≥ 2` — and its prefix filter then drops
 * the items. So when the typed word opens a quote, the label is the quoted name that is
 * inserted (it starts with the service's filterText `「夫妻…`), and there is no filterText.
 */
export function toCompletionItems(c: Completions, index: LineIndex): CompletionItem[] {
  const range = index.range(c.replace.start, c.replace.end);
  return c.items.map((it) => {
    const quoted = it.filterText !== it.label && !it.snippet && it.insertText.startsWith(it.filterText);
    return {
      label: quoted ? it.insertText : it.label,
      kind: COMPLETION_KIND[it.kind],
      detail: it.detail,
      sortText: it.sortText,
      ...(quoted || it.filterText === it.label ? {} : { filterText: it.filterText }),
      textEdit: { range, newText: it.insertText },
      ...(it.snippet ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
      ...(it.documentation ? { documentation: it.documentation } : {}),
      ...(it.preselect ? { preselect: true } : {}),
    };
  });
}

const DECL_SYMBOL: Record<DeclKind, SymbolKind> = {
  import: SymbolKind.File, policy: SymbolKind.File, enum: SymbolKind.Enum, enumMember: SymbolKind.EnumMember, entity: SymbolKind.Class,
  field: SymbolKind.Field, param: SymbolKind.Constant, org: SymbolKind.Module, clause: SymbolKind.Namespace, measure: SymbolKind.Function,
  outcome: SymbolKind.Property, rule: SymbolKind.Method, qualitative: SymbolKind.String, doubt: SymbolKind.Event, reading: SymbolKind.EnumMember,
  indicator: SymbolKind.Variable, property: SymbolKind.Boolean, definition: SymbolKind.Variable, assumption: SymbolKind.Boolean,
};

export function toDocumentSymbols(nodes: readonly DeclNode[], index: LineIndex): DocumentSymbol[] {
  return nodes.map((n) => ({
    name: n.name, detail: n.detail, kind: DECL_SYMBOL[n.kind],
    range: index.range(n.span.start, n.span.end), selectionRange: index.range(n.nameSpan.start, n.nameSpan.end),
    children: toDocumentSymbols(n.children, index),
  }));
}

const SYMBOL_KIND: Record<ZcKind, SymbolKind> = {
  enum: SymbolKind.Enum, enumMember: SymbolKind.EnumMember, entity: SymbolKind.Class, field: SymbolKind.Field, param: SymbolKind.Constant,
  org: SymbolKind.Module, measure: SymbolKind.Function, outcome: SymbolKind.Property, rule: SymbolKind.Method, indicator: SymbolKind.Variable,
  property: SymbolKind.Boolean, doubt: SymbolKind.Event, reading: SymbolKind.EnumMember, clause: SymbolKind.Namespace, builtin: SymbolKind.Function,
  definition: SymbolKind.Variable, assumption: SymbolKind.Boolean,
};

export function toSymbolInformation(pos: Positions, syms: readonly WorkspaceSymbol[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of syms) {
    const location = toLocation(pos, s.span);
    if (location) out.push({ name: s.name, kind: SYMBOL_KIND[s.kind], location, containerName: s.container });
  }
  return out;
}

export function toFoldingRanges(folds: readonly ZcFold[], index: LineIndex): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const f of folds) {
    const startLine = index.lineOf(f.start);
    const endLine = index.lineOf(f.end);
    if (endLine <= startLine) continue;
    out.push({ startLine, endLine, ...(f.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : f.kind === 'imports' ? { kind: FoldingRangeKind.Imports } : {}) });
  }
  return out;
}

/**
 * Whether a code action of `kind` answers a request restricted to `only` (LSP
 * `CodeActionContext.only`): kinds are hierarchical, so `refactor` admits
 * `refactor.rewrite`; no restriction admits every kind.
 */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

export function toCodeActions(pos: Positions, actions: readonly ZcAction[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const a of actions) {
    const edit = toWorkspaceEdit(pos, a.edits);
    if (!edit) continue;
    const d = a.diagnostic ? toLspDiagnostic(pos, a.diagnostic) : undefined;
    out.push({
      title: a.title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
      ...(d ? { diagnostics: [d] } : {}),
      ...(a.isPreferred !== undefined && a.kind === 'quickfix' && a.diagnostic ? { isPreferred: a.isPreferred } : {}),
      edit,
    });
  }
  return out;
}
