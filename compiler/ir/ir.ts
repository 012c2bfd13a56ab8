/**
 * The IR: a lowered, typed, serialisable form of one checked program.
 * Produced by lower.ts; read by the interpreter, the TypeScript and documentation
 * emitters and the verifier.
 *
 * Runtime value representation (shared by the interpreter and generated code):
 *   bool → boolean; int/count → integer; money → integer 分 (fen); date → integer day
 *   number (days since 1970-01-01); durations and ages → integer in their unit;
 *   ratio → integer parts per million (50% = 500000, 4.8‰ = 4800); text/enum → string.
 * INVARIANT: every runtime number is a safe integer; no floating point is produced
 * by any IR operation (multiplication by a ratio and division round half away from
 * zero to an integer of the result's unit, see `roundDiv`).
 * INVARIANT: every expression and rule keeps `origin` (file + offsets) and the
 * clause anchor it belongs to, so every result can be cited.
 */
import type { Span } from '../common/source.js';
import type { Dimension, Period } from '../syntax/ast.js';

export type IrType =
  | { readonly k: 'bool' }
  | { readonly k: 'int' }
  | { readonly k: 'money' }
  | { readonly k: 'date' }
  | { readonly k: 'text' }
  | { readonly k: 'enum'; readonly name: string; readonly members: readonly string[] }
  | { readonly k: 'quantity'; readonly dim: Exclude<Dimension, 'money' | 'count'> };

export interface Origin {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  /** The source text of the node, for explanations. */
  readonly text: string;
}

export type CmpOp = '>=' | '<=' | '>' | '<' | '=' | '!=';

export type IrExpr =
  | { readonly k: 'const'; readonly type: IrType; readonly value: number | boolean | string; readonly origin?: Origin }
  | { readonly k: 'field'; readonly type: IrType; readonly entity: string; readonly field: string; readonly origin: Origin }
  | { readonly k: 'param'; readonly type: IrType; readonly name: string; readonly origin: Origin }
  | { readonly k: 'evalDate'; readonly type: IrType; readonly origin: Origin }
  | { readonly k: 'event'; readonly type: IrType; readonly field: string; readonly origin: Origin }
  | { readonly k: 'age'; readonly type: IrType; readonly unit: 'years' | 'months'; readonly birth: IrExpr; readonly origin: Origin }
  | { readonly k: 'daysBetween'; readonly type: IrType; readonly from: IrExpr; readonly to: IrExpr; readonly origin: Origin }
  | { readonly k: 'not'; readonly type: IrType; readonly x: IrExpr; readonly origin: Origin }
  | { readonly k: 'and' | 'or'; readonly type: IrType; readonly xs: readonly IrExpr[]; readonly origin: Origin }
  | { readonly k: 'cmp'; readonly type: IrType; readonly op: CmpOp; readonly a: IrExpr; readonly b: IrExpr; readonly word?: string; readonly origin: Origin }
  | { readonly k: 'in'; readonly type: IrType; readonly x: IrExpr; readonly values: readonly IrExpr[]; readonly negated: boolean; readonly origin: Origin }
  | { readonly k: 'neg'; readonly type: IrType; readonly x: IrExpr; readonly origin: Origin }
  | { readonly k: 'add' | 'sub'; readonly type: IrType; readonly a: IrExpr; readonly b: IrExpr; readonly origin: Origin }
  /** a × b ÷ divisor (divisor is a positive constant: 1, or 1e6 for a ratio factor). */
  | { readonly k: 'mul'; readonly type: IrType; readonly a: IrExpr; readonly b: IrExpr; readonly divisor: number; readonly origin: Origin }
  /** round(a × scale ÷ b) */
  | { readonly k: 'div'; readonly type: IrType; readonly a: IrExpr; readonly b: IrExpr; readonly scale: number; readonly origin: Origin }
  /** In properties: the value of a measure's outcome in this evaluation. */
  | { readonly k: 'outcome'; readonly type: IrType; readonly measure: string; readonly outcome: string; readonly origin: Origin }
  /** In properties: does the measure apply (status 适用)? */
  | { readonly k: 'applies'; readonly type: IrType; readonly measure: string; readonly origin: Origin }
  /** In properties: is the policy void on the evaluation date, given the property's event? */
  | { readonly k: 'void'; readonly type: IrType; readonly origin: Origin }
  /** 工作日期限（start, n）: the n-th working day after start (official calendar); unknown outside its coverage. */
  | { readonly k: 'workdays'; readonly type: IrType; readonly start: IrExpr; readonly n: IrExpr; readonly origin: Origin }
  /** date ± n months/years (month-end clamped) */
  | { readonly k: 'addMonths'; readonly type: IrType; readonly date: IrExpr; readonly months: IrExpr; readonly sign: 1 | -1; readonly origin: Origin };

export interface IrField {
  readonly name: string;
  readonly type: IrType;
  readonly doc?: string;
}

export interface IrEntity {
  readonly name: string;
  readonly fields: readonly IrField[];
}

export interface IrParamValue {
  /** Day number from which the value applies (inclusive). */
  readonly from: number;
  readonly fromIso: string;
  readonly value: number;
  readonly source: string;
  readonly confirmed: boolean;
}

export interface IrParam {
  readonly name: string;
  readonly type: IrType;
  readonly unit: string;
  readonly values: readonly IrParamValue[];
}

export interface IrCitation {
  readonly anchor: string;
  readonly label: string;
  readonly title?: string;
  readonly quotes: readonly string[];
}

export interface IrAssignment {
  readonly outcome: string;
  readonly value: IrExpr;
}

export interface IrRule {
  readonly name: string;
  readonly condition: IrExpr;
  readonly assignments: readonly IrAssignment[];
  /** Day numbers, inclusive. */
  readonly validFrom?: number;
  readonly validTo?: number;
  /** Names of the rules this one overrides (transitively closed). */
  readonly overrides: readonly string[];
  readonly origin: Origin;
  readonly note?: string;
}

export interface IrOutcome {
  readonly name: string;
  readonly type: IrType;
  readonly period?: Period;
  readonly required: boolean;
  /** Display unit of the value (元, 天, 个月, % …). */
  readonly unit: string;
}

export interface IrDoubtRef {
  readonly name: string;
  readonly adopted?: string;
  readonly readings: readonly { readonly name: string; readonly text: string }[];
  readonly reason?: string;
  readonly quotes: readonly string[];
  readonly clause?: string;
}

export interface IrMeasure {
  readonly name: string;
  readonly citation: IrCitation;
  readonly lead: readonly string[];
  readonly responsible: readonly string[];
  readonly subject?: string;
  readonly outcomes: readonly IrOutcome[];
  readonly rules: readonly IrRule[];
  readonly doubts: readonly IrDoubtRef[];
  readonly note?: string;
  readonly origin: Origin;
}

export interface IrSunset {
  readonly condition: IrExpr;
  readonly start: 'sameDay' | 'nextDay';
  readonly origin: Origin;
}

export interface IrPolicy {
  /** ASCII identifier of the policy (from its directory or file name). */
  readonly id: string;
  readonly name: string;
  readonly docNumber?: string;
  readonly issuer?: string;
  readonly title?: string;
  readonly basis: readonly string[];
  readonly effective?: number;
  readonly effectiveIso?: string;
  readonly effectiveNote?: string;
  /** Where the effective date is stated (`生效：…`), else the 政策 declaration itself. */
  readonly effectiveOrigin?: Origin;
  readonly interpreter?: string;
  readonly sunset?: IrSunset;
}

export interface IrIndicator {
  readonly name: string;
  /** Exact value: a terminating decimal, or a repeating one in parentheses ("323888.(8)"). */
  readonly value: string;
  /** True when the decimal expansion terminates. */
  readonly exact: boolean;
  /** The exact value as a fraction ("2915000/9"). */
  readonly fraction: string;
  readonly unit: string;
  readonly expr: string;
  readonly note?: string;
  readonly clause?: string;
  readonly origin: Origin;
}

/**
 * A user-declared property (性质): for every input (facts, evaluation date and, if it
 * mentions 事件, one higher-level event) where `condition` holds and every outcome it
 * mentions is defined, every assertion holds.
 */
export interface IrProperty {
  readonly name: string;
  readonly condition?: IrExpr;
  readonly asserts: readonly IrExpr[];
  readonly usesEvent: boolean;
  /** 类别: 一般 (default) / 边界 / 条款一致 / 概念一致 — selects the finding's rule id. */
  readonly kind: '一般' | '边界' | '条款一致' | '概念一致';
  /** The drafter's rationale when the property is known to fail (a defect of the official text). */
  readonly accepted?: string;
  readonly note?: string;
  readonly clause?: string;
  readonly origin: Origin;
}

export interface IrProgram {
  readonly policy: IrPolicy;
  readonly entities: readonly IrEntity[];
  readonly params: readonly IrParam[];
  readonly measures: readonly IrMeasure[];
  readonly indicators: readonly IrIndicator[];
  readonly clauses: readonly (IrCitation & { readonly parent?: string; readonly depth: number; readonly origin: Origin })[];
  readonly doubts: readonly IrDoubtRef[];
  readonly properties: readonly IrProperty[];
}

export const RATIO_SCALE = 1_000_000;
export const MONEY_SCALE = 100;

/** Display unit of an IR type. */
export function unitOf(t: IrType): string {
  switch (t.k) {
    case 'money': return '元';
    case 'quantity': return ({ days: '天', workdays: '工作日', weeks: '周', months: '个月', years: '年', hours: '小时', ageMonths: '月龄', ageYears: '周岁', ratio: '%' } as const)[t.dim];
    case 'int': return '';
    default: return '';
  }
}

/** Integer division rounding half away from zero. INVARIANT: b ≠ 0. */
export function roundDiv(a: number, b: number): number {
  const sign = a < 0 !== b < 0 ? -1 : 1;
  const A = Math.abs(a);
  const B = Math.abs(b);
  let q = Math.floor(A / B);
  let r = A - q * B;
  // correct a floating-point quotient that is off by one
  if (r < 0) { q--; r += B; } else if (r >= B) { q++; r -= B; }
  if (2 * r >= B) q++;
  return sign * q || 0;
}

export type { Span };
