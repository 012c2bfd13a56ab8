/**
 * The IR: a lowered, typed, serialisable form of one checked program.
 * Produced by lower.ts; read by the interpreter, the TypeScript and documentation
 * emitters and the verifier.
 *
 * Runtime value representation (shared by the interpreter and generated code):
 *   bool → boolean; int/count → integer (negative only where declared 可为负 or computed);
 *   money → integer 分 (fen); date → integer day number (days since 1970-01-01);
 *   durations and ages → integer in their unit; ratio → an exact rational, written
 *   "n/d" in lowest terms with d > 0 (50% = "1/2", 4.8‰ = "6/1250" → "3/625");
 *   text/enum → string; entity → a record of the input facts; list → an array of records.
 * An expression that depends on a date known only within a range (某日、施行日) has an
 * interval value [lo, hi] in the interpreter: a comparison is decided only when the whole
 * interval agrees (grammar/README.md §15).
 * INVARIANT: every runtime number is a safe integer; no floating point is produced
 * by any IR operation (multiplication by a ratio and division round half away from
 * zero to an integer of the result's unit, see `roundDiv`; ratio arithmetic is exact).
 * INVARIANT: every expression and rule keeps `origin` (file + offsets) and the
 * clause anchor it belongs to, so every result can be cited.
 */
import Fraction from 'fraction.js';
import type { Span } from '../common/source.js';
import type { Dimension, Period } from '../syntax/ast.js';

export type IrType =
  | { readonly k: 'bool' }
  | { readonly k: 'int' }
  | { readonly k: 'money' }
  | { readonly k: 'date' }
  | { readonly k: 'text' }
  | { readonly k: 'enum'; readonly name: string; readonly members: readonly string[] }
  | { readonly k: 'quantity'; readonly dim: Exclude<Dimension, 'money' | 'count'> }
  | { readonly k: 'entity'; readonly name: string }
  | { readonly k: 'list'; readonly elem: string };

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
  /** A field of the entity's single instance in the input facts (shorthand for get(root(entity), field)). */
  | { readonly k: 'field'; readonly type: IrType; readonly entity: string; readonly field: string; readonly origin: Origin }
  /** The entity's single instance in the input facts. */
  | { readonly k: 'root'; readonly type: IrType; readonly entity: string; readonly origin: Origin }
  /** A bound element: of a quantifier/aggregate (`var` is its unique name) or `@self` in an entity definition. */
  | { readonly k: 'var'; readonly type: IrType; readonly name: string; readonly origin: Origin }
  /** A field of an entity value (nested records, list elements). */
  | { readonly k: 'get'; readonly type: IrType; readonly of: IrExpr; readonly field: string; readonly origin: Origin }
  /** A definition's value; `of` is the instance for a definition on an entity. */
  | { readonly k: 'def'; readonly type: IrType; readonly name: string; readonly of?: IrExpr; readonly origin: Origin }
  /**
   * Over the elements of a list (each bound to `var` in `body`): exists / forall / none
   * (booleans, Kleene), count (elements where body holds; all if no body), sum, max, min.
   */
  | { readonly k: 'quant'; readonly type: IrType; readonly q: 'exists' | 'forall' | 'none' | 'count' | 'sum' | 'max' | 'min'; readonly list: IrExpr; readonly var: string; readonly body?: IrExpr; readonly origin: Origin }
  /** The n-th element (1-based) of a list in ascending order of `key` (ties keep list order). */
  | { readonly k: 'nth'; readonly type: IrType; readonly list: IrExpr; readonly var: string; readonly key: IrExpr; readonly n: number; readonly origin: Origin }
  /** 施行日: the policy's effective date (IrPolicy.effective or .effectiveRange; unknown if neither). */
  | { readonly k: 'effective'; readonly type: IrType; readonly origin: Origin }
  /** 某日（lo，hi）: a date known only to lie in [lo, hi]. */
  | { readonly k: 'someDay'; readonly type: IrType; readonly lo: number; readonly hi: number; readonly origin: Origin }
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
  /**
   * a × b. Exact when the result is a ratio (rational product); when exactly one operand is
   * a ratio and the result is not, the product is rounded half away from zero to an integer
   * of the result's unit (money × 50% → fen); otherwise an integer product.
   */
  | { readonly k: 'mul'; readonly type: IrType; readonly a: IrExpr; readonly b: IrExpr; readonly origin: Origin }
  /**
   * a ÷ b (unknown when b = 0). Exact when the result is a ratio; otherwise the exact
   * quotient rounded half away from zero to an integer of the result's unit.
   */
  | { readonly k: 'div'; readonly type: IrType; readonly a: IrExpr; readonly b: IrExpr; readonly origin: Origin }
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
  /** Declared 可为负: inputs may be negative. */
  readonly signed?: boolean;
}

export interface IrEntity {
  readonly name: string;
  readonly fields: readonly IrField[];
}

export interface IrParamValue {
  /** Day number from which the value applies (inclusive). */
  readonly from: number;
  readonly fromIso: string;
  /** Runtime representation (a ratio is "n/d"). */
  readonly value: number | string;
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
  /**
   * An end of the validity period counted from an 施行日 that is known only within a range (生效：某日（…）)
   * or not at all (生效：未知): that end lies somewhere in [lo, hi] (see `IrDayRange`); `validFrom` /
   * `validTo` is then absent on that side. A rule is in force on day d for certain when d ≥ validFromRange.hi
   * and d ≤ validToRange.lo, for certain not when d < validFromRange.lo or d > validToRange.hi, and unknown
   * otherwise (grammar/README.md §15.7).
   */
  readonly validFromRange?: IrDayRange;
  readonly validToRange?: IrDayRange;
  /** The 有效期 as written when an end is counted from the 施行日 (`施行日 至 施行日 + 3年 - 1天`, `3年`): docs, explanations. */
  readonly validText?: string;
  /** Names of the rules this one overrides (transitively closed). */
  readonly overrides: readonly string[];
  readonly origin: Origin;
  readonly note?: string;
}

/**
 * A day known only to lie in [lo, hi] (day numbers, lo < hi): an end of a validity period counted from an
 * uncertain 施行日. `why` names the 施行日 as 缺少 lists it (`施行日（2024-01-15 至 2024-01-31 之间，确切日期未知）`,
 * or `施行日（原文未载明）` — then [lo, hi] is the whole calendar, 0001-01-01 to 9999-12-31: never decided).
 */
export interface IrDayRange {
  readonly lo: number;
  readonly hi: number;
  readonly why: string;
  /**
   * How the end is counted from the 施行日 (in order; absent when the 施行日 is unknown): the verifier encodes
   * the end of the 施行日 it chooses exactly (grammar/README.md §6.3 month arithmetic).
   */
  readonly shifts?: readonly { readonly unit: 'months' | 'days'; readonly n: number }[];
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
  /** 发放对象: who receives the outcome when it differs from the subject (an entity name or a description). */
  readonly recipient?: string;
  /** 申请条件: the measure whose conditions an application must meet (the claimable result joins both). */
  readonly application?: string;
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
  /** Effective date known only within a range (生效：某日（lo，hi））; `effective` is then absent. */
  readonly effectiveRange?: { readonly lo: number; readonly hi: number; readonly loIso: string; readonly hiIso: string };
  readonly sunset?: IrSunset;
}

/**
 * A derived fact (定义): `name` is `名称` or `实体.名称`; on an entity, `@self` in `expr`
 * is the instance. Evaluated on demand, once per instance per evaluation.
 */
export interface IrDefinition {
  readonly name: string;
  readonly entity?: string;
  readonly type: IrType;
  readonly expr: IrExpr;
  readonly citation?: IrCitation;
  readonly note?: string;
  /** 存疑 notes whose adopted reading this definition formalises. */
  readonly doubts: readonly string[];
  readonly origin: Origin;
}

/** A declared assumption (前提) on the inputs: the verifier only considers inputs where it holds. */
export interface IrAssumption {
  readonly name: string;
  readonly condition: IrExpr;
  readonly note?: string;
  readonly clause?: string;
  readonly origin: Origin;
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
  readonly definitions: readonly IrDefinition[];
  readonly assumptions: readonly IrAssumption[];
}

export const MONEY_SCALE = 100;

/** Canonical runtime text of a ratio: "n/d" in lowest terms, d > 0 ("-1/3", "0/1"). */
export function ratioText(f: Fraction): string {
  // Stryker disable next-line EqualityOperator: fraction.js keeps the sign s at 1n or -1n, so s < 0n and s <= 0n agree
  return `${f.s < 0n && f.n !== 0n ? '-' : ''}${f.n}/${f.d}`;
}

/** The exact value of a runtime ratio text. */
export function ratioValue(s: string): Fraction {
  return new Fraction(s);
}

/** Is this the ratio type (比例)? */
export function isRatio(t: IrType): boolean {
  return t.k === 'quantity' && t.dim === 'ratio';
}

/** Display unit of an IR type. */
export function unitOf(t: IrType): string {
  switch (t.k) {
    case 'money': return '元';
    case 'quantity': return ({ days: '天', workdays: '工作日', weeks: '周', months: '个月', years: '年', hours: '小时', ageMonths: '月龄', ageYears: '周岁', ratio: '%' } as const)[t.dim];
    // Stryker disable next-line ConditionalExpression,StringLiteral: without the case (or with its label changed) 'int' falls to the default, which returns the same ''
    case 'int': return '';
    default: return '';
  }
}

/**
 * Integer division rounding half away from zero. INVARIANT: b ≠ 0, and a, b are safe integers
 * (|x| ≤ 2^53 − 1): beyond that the float quotient is not exact and neither is the result (use
 * BigInt arithmetic there). No compiler pass calls it on unsafe values.
 */
export function roundDiv(a: number, b: number): number {
  // Stryker disable next-line EqualityOperator: b is never 0 (INVARIANT), and a = 0 gives q = 0, where sign * 0 || 0 is 0 whatever the sign
  const sign = a < 0 !== b < 0 ? -1 : 1;
  const A = Math.abs(a);
  const B = Math.abs(b);
  let q = Math.floor(A / B);
  let r = A - q * B;
  // correct a floating-point quotient that is off by one
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement,UpdateOperator,AssignmentOperator: for safe integers Math.floor(A / B) is exact (the quotient's rounding error is below 1 / B), so r is already in [0, B) and the correction never runs
  if (r < 0) { q--; r += B; } else if (r >= B) { q++; r -= B; }
  if (2 * r >= B) q++;
  return sign * q || 0;
}

export type { Span };
