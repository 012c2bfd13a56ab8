/**
 * Findings: what the verifier reports to auditors.
 * A finding has a stable rule id (a ZC09xx code from the one catalog), the clause(s)
 * it concerns, a concrete witness where one exists, what each side yields, the
 * engine that found it, and a fingerprint stable across runs (for SARIF and for
 * accepting a finding in the policy).
 */
import { createHash } from 'node:crypto';
import type { Span } from '../common/source.js';
import type { DiagnosticCode } from '../diagnostics/catalog.js';
import type { RelatedInfo, Severity } from '../diagnostics/diagnostic.js';
import type { Witness } from './smt.js';

export interface FindingSide {
  readonly measure: string;
  readonly rule?: string;
  readonly clause?: string;
  /** What this side yields on the witness, as shown to a person. */
  readonly yields: string;
}

export interface Finding {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly policy: string;
  readonly span: Span;
  readonly related: readonly RelatedInfo[];
  readonly clauses: readonly { readonly anchor: string; readonly label: string }[];
  /** Stable description of what the finding is about (measure/outcome/rules …). */
  readonly subject: string;
  readonly witness?: Witness;
  readonly sides?: readonly FindingSide[];
  readonly engine: 'smt' | 'pbt' | 'static';
  /** For SMT queries: proved (UNSAT), refuted (SAT, witness), unknown. */
  readonly proof?: 'proved' | 'refuted' | 'unknown';
  /** Replay of the witness through the evaluators. */
  readonly replay?: { readonly interpreter: 'confirmed' | 'not-reproduced'; readonly generated?: 'confirmed' | 'not-reproduced' | 'differs' };
  /** Set when the policy records this finding as a real property of the official text. */
  readonly accepted?: string;
  readonly fingerprint: string;
}

/** Fingerprint from the stable parts only (never from messages or witnesses). */
export function fingerprint(code: string, policy: string, subject: string): string {
  return createHash('sha256').update(`${code}\u0000${policy}\u0000${subject}`).digest('hex').slice(0, 32);
}

export interface PolicyStats {
  /**
   * Set in the published report (generated/docs/verify/, `zhengce start`): it must be
   * byte-identical from run to run, so it carries no wall-clock times — the timing
   * fields are 0 and every renderer says the times are not published instead of
   * showing them (`zhengce verify` and the summary of `zhengce start` show them).
   */
  readonly untimed?: boolean;
  readonly smtQueries: number;
  readonly smtMs: number;
  readonly smtQueryMs: readonly number[];
  readonly pbtCases: number;
  readonly pbtMs: number;
  readonly staticMs: number;
}

/** What a published report says instead of engine times. */
export const UNTIMED_NOTE = '已发布的报告不含用时（generated/ 须逐次生成完全相同）；用时见 zhengce verify 或 npm start 的输出';

export interface VerifyReport {
  readonly policies: readonly { readonly id: string; readonly name: string; readonly root: string; readonly stats: PolicyStats }[];
  readonly findings: readonly Finding[];
}
