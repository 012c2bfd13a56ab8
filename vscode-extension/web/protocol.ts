/**
 * Messages between the playground page (main.ts) and the compiler worker (worker.ts).
 * Positions are Monaco's: 1-based lines and 1-based columns in UTF-16 code units.
 */
import type { Decisions, InputProblem } from '../../compiler/interpret/decision.js';

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

export type CompletionKind = 'keyword' | 'unit' | 'measure' | 'entity' | 'field' | 'enum' | 'enumMember' | 'param' | 'org' | 'outcome' | 'rule' | 'indicator' | 'function' | 'other';

export interface WireCompletion {
  readonly label: string;
  readonly insertText: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
}

export interface WireHover {
  readonly contents: string[]; // markdown blocks
  readonly range: WireRange;
}

export type EvalResult =
  | { readonly ok: true; readonly decisions: Decisions }
  | { readonly ok: false; readonly kind: 'input'; readonly problems: readonly InputProblem[] }
  | { readonly ok: false; readonly kind: 'program'; readonly messages: readonly string[] };

export type Request =
  | { readonly type: 'update'; readonly version: number; readonly text: string }
  | { readonly type: 'hover'; readonly id: number; readonly line: number; readonly column: number }
  | { readonly type: 'complete'; readonly id: number; readonly line: number; readonly column: number }
  | { readonly type: 'evaluate'; readonly id: number; readonly facts: unknown; readonly date: string };

export type Reply =
  | { readonly type: 'ready'; readonly text: string; readonly path: string; readonly keywords: readonly string[]; readonly glueKeywords: readonly string[]; readonly units: readonly string[] }
  | { readonly type: 'diagnostics'; readonly version: number; readonly diagnostics: WireDiagnostic[]; readonly millis: number }
  | { readonly type: 'hover'; readonly id: number; readonly hover: WireHover | null }
  | { readonly type: 'complete'; readonly id: number; readonly items: WireCompletion[] }
  | { readonly type: 'evaluate'; readonly id: number; readonly result: EvalResult };
