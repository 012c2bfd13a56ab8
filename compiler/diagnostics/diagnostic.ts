/**
 * The one Diagnostic type every pass returns, and the `Result` wrapper.
 * INVARIANT: no pass throws on user input; problems become Diagnostics.
 */
import type { Span } from '../common/source.js';
import { CATALOG, type DiagnosticCode } from './catalog.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A text edit in offsets (applied by the CLI or converted by the language server). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A machine-applicable fix with a Chinese title. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** Chinese message, one sentence, no trailing newline. */
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
  /** Chinese help text: what to do about it. */
  readonly help?: string;
  readonly fixes?: readonly Fix[];
}

/** What every pass returns. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: Diagnostic[];
}

/** A copy of a span: a diagnostic keeps the offsets it was made with. */
const own = (s: Span): Span => ({ file: s.file, start: s.start, end: s.end });

/**
 * Build a diagnostic; severity defaults to the catalog's.
 * INVARIANT: a diagnostic holds its own spans (copies of those it is given, its related
 * information's and its fixes' too): the AST's span objects move with their nodes when an edit
 * is re-parsed in place (syntax/blocks.ts `shiftSpansInPlace`), a diagnostic says where it was made.
 */
export function diag(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: { severity?: Severity; related?: RelatedInfo[]; help?: string; fixes?: Fix[] } = {},
): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = {
    code,
    severity: extra.severity ?? CATALOG[code].severity,
    message,
    span: own(span),
  };
  if (extra.related && extra.related.length) d.related = extra.related.map((r) => ({ ...r, span: own(r.span) }));
  if (extra.help) d.help = extra.help;
  if (extra.fixes && extra.fixes.length) d.fixes = extra.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: own(e.span) })) }));
  return d;
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** The one order of diagnostics: file, start, end, code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) ||
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Stable ordering: file, start, end, code (`compareDiagnostics`). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(compareDiagnostics);
}
