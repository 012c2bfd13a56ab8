/**
 * Messages between the playground page (main.ts) and the compiler worker (worker.ts).
 * Positions are Monaco's: 1-based lines and 1-based columns in UTF-16 code units,
 * computed in the worker from the compiler's line model (compiler/common/lines.ts,
 * the same \n \r\n \r as Monaco's).
 */
import type { Decisions, InputProblem } from '../../compiler/interpret/decision.js';
import type { CompletionItem, CompletionKind } from '../../compiler/services/completion.js';
import type { DeclKind } from '../../compiler/services/decls.js';
import type { Signature } from '../../compiler/services/signature.js';

export type { CompletionKind, DeclKind };

export interface WireRange {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
}

export interface WireDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly help?: string;
  readonly range: WireRange;
}

/** A completion candidate as compiler/services computes it (offset-free: the range travels beside it). */
export type WireCompletion = CompletionItem;

export interface WireHover {
  readonly contents: string[]; // markdown blocks
  readonly range: WireRange;
}

export interface WireEdit {
  readonly range: WireRange;
  readonly text: string;
}

export interface WireAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly edits: readonly WireEdit[];
  /** Code and range of the diagnostic a quick fix repairs. */
  readonly diagnostic?: { readonly code: string; readonly range: WireRange };
  readonly isPreferred?: boolean;
}

export interface WireSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: DeclKind;
  readonly range: WireRange;
  readonly selectionRange: WireRange;
  readonly children: readonly WireSymbol[];
}

export interface WireFold {
  readonly start: number;
  readonly end: number;
  readonly kind?: 'comment' | 'imports';
}

export type EvalResult =
  | { readonly ok: true; readonly decisions: Decisions }
  | { readonly ok: false; readonly kind: 'input'; readonly problems: readonly InputProblem[] }
  | { readonly ok: false; readonly kind: 'program'; readonly messages: readonly string[] };

interface At { readonly id: number; readonly line: number; readonly column: number }

export type Request =
  | { readonly type: 'update'; readonly version: number; readonly text: string }
  | ({ readonly type: 'hover' } & At)
  | ({ readonly type: 'signature' } & At)
  | ({ readonly type: 'complete'; readonly trigger?: string } & At)
  | ({ readonly type: 'definition' } & At)
  | ({ readonly type: 'references' } & At)
  | ({ readonly type: 'rename'; readonly newName: string } & At)
  | { readonly type: 'actions'; readonly id: number; readonly range: WireRange }
  | { readonly type: 'format'; readonly id: number }
  | { readonly type: 'symbols'; readonly id: number }
  | { readonly type: 'folding'; readonly id: number }
  /** Semantic tokens of the edited file or an imported one, as the language server's (compiler/services/semantic-tokens.ts). */
  | { readonly type: 'semanticTokens'; readonly id: number; readonly path: string }
  | { readonly type: 'schema'; readonly id: number }
  | { readonly type: 'evaluate'; readonly id: number; readonly facts: unknown; readonly date: string };

export type Reply =
  | { readonly type: 'ready'; readonly text: string; readonly path: string; readonly keywords: readonly string[]; readonly glueKeywords: readonly string[]; readonly units: readonly string[]
      /** The other .zc files of the sample (imported; shown read-only when a definition is in one). */
      readonly imports: readonly { readonly path: string; readonly text: string }[]
      /** The semantic tokens' legend (the language server's: TOKEN_TYPES, TOKEN_MODIFIERS). */
      readonly legend: { readonly tokenTypes: readonly string[]; readonly tokenModifiers: readonly string[] } }
  | { readonly type: 'diagnostics'; readonly version: number; readonly diagnostics: WireDiagnostic[]; readonly millis: number }
  | { readonly type: 'hover'; readonly id: number; readonly hover: WireHover | null }
  | { readonly type: 'signature'; readonly id: number; readonly signature: Signature | null }
  | { readonly type: 'complete'; readonly id: number; readonly range: WireRange; readonly items: WireCompletion[] }
  | { readonly type: 'definition'; readonly id: number; readonly locations: { readonly path: string; readonly range: WireRange }[] }
  | { readonly type: 'references'; readonly id: number; readonly ranges: WireRange[] }
  | { readonly type: 'rename'; readonly id: number; readonly edits?: WireEdit[]; readonly error?: string }
  | { readonly type: 'actions'; readonly id: number; readonly actions: WireAction[] }
  | { readonly type: 'format'; readonly id: number; readonly edits: WireEdit[]; /** Why the file was not formatted (a syntax error), with its line. */ readonly error?: string }
  | { readonly type: 'symbols'; readonly id: number; readonly symbols: WireSymbol[] }
  | { readonly type: 'folding'; readonly id: number; readonly ranges: WireFold[] }
  /** LSP's encoding (5 numbers a token: line delta, start delta, length, type, modifiers; 0-based, UTF-16), as the server sends it. */
  | { readonly type: 'semanticTokens'; readonly id: number; readonly data: number[] }
  | { readonly type: 'schema'; readonly id: number; readonly schema: Record<string, unknown> | null }
  | { readonly type: 'evaluate'; readonly id: number; readonly result: EvalResult };
