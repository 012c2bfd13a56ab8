/**
 * AST of the ZhengCe DSL.
 * Produced by cst-to-ast.ts from the CST; read by the binder, checker, formatter
 * (for equivalence tests) and the language server.
 *
 * INVARIANT: every node has a `span` into the file it came from; literal values are
 * exact (Decimal, CalendarDate) — no floating point anywhere in the AST.
 */
import type { Span } from '../common/source.js';
import type { Decimal } from '../common/decimal.js';
import type { CalendarDate } from '../common/calendar.js';

export interface Name {
  readonly text: string;
  readonly span: Span;
  /** Written as 「…」 or 【…】. */
  readonly quoted: boolean;
}

export interface StrLit {
  readonly value: string;
  readonly span: Span;
}

// ── units ────────────────────────────────────────────────────────────
/** Unit dimensions; values of different dimensions never mix. */
export type Dimension =
  | 'money' // 元 (stored in fen downstream)
  | 'count' // 个 人 名 所 次 孩
  | 'days' // 天 日
  | 'workdays' // 工作日
  | 'weeks'
  | 'months' // 个月 (duration)
  | 'years' // 年 (duration)
  | 'hours'
  | 'ageMonths' // 月龄
  | 'ageYears' // 周岁 岁
  | 'ratio'; // % ‰

export interface UnitInfo {
  readonly dimension: Dimension;
  /** The canonical unit word of the dimension. */
  readonly canonical: string;
  /** value in canonical unit = written value × factor */
  readonly factor: Decimal;
}

// ── expressions ──────────────────────────────────────────────────────
export type CompareOp = '>=' | '<=' | '>' | '<' | '=' | '!=';

export type Expr =
  | { readonly kind: 'number'; readonly span: Span; readonly value: Decimal; readonly unit?: UnitInfo; readonly unitText?: string; readonly raw: string }
  | { readonly kind: 'date'; readonly span: Span; readonly value: CalendarDate; readonly raw: string }
  | { readonly kind: 'string'; readonly span: Span; readonly value: string }
  | { readonly kind: 'bool'; readonly span: Span; readonly value: boolean }
  | { readonly kind: 'unknown'; readonly span: Span }
  | { readonly kind: 'dayAnchor'; readonly span: Span; readonly which: 'sameDay' | 'nextDay' }
  | { readonly kind: 'period'; readonly span: Span; readonly period: Period }
  | { readonly kind: 'name'; readonly span: Span; readonly name: Name }
  | { readonly kind: 'member'; readonly span: Span; readonly object: Expr; readonly member: Name }
  /** 其: the innermost element of an enclosing quantifier or aggregate. */
  | { readonly kind: 'it'; readonly span: Span }
  /**
   * A quantifier over a list: 列表 至少一个满足（条件） / 均满足（条件） / 均不满足（条件）.
   * Inside `body`, 其 and the element's bare field names denote the element.
   */
  | { readonly kind: 'quant'; readonly span: Span; readonly q: 'exists' | 'forall' | 'none'; readonly list: Expr; readonly body: Expr; readonly word: string; readonly wordSpan: Span }
  /** 列表 按（键）第N个: the N-th element (1-based) in ascending order of the key; ties keep list order. */
  | { readonly kind: 'nth'; readonly span: Span; readonly list: Expr; readonly key: Expr; readonly index: Expr }
  | { readonly kind: 'call'; readonly span: Span; readonly callee: Name; readonly args: readonly Expr[] }
  | { readonly kind: 'neg'; readonly span: Span; readonly operand: Expr }
  | { readonly kind: 'not'; readonly span: Span; readonly operand: Expr }
  | { readonly kind: 'arith'; readonly span: Span; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'logic'; readonly span: Span; readonly op: 'and' | 'or'; readonly operands: readonly Expr[] }
  | {
      readonly kind: 'compare';
      readonly span: Span;
      readonly op: CompareOp;
      readonly left: Expr;
      readonly right: Expr;
      /** The legal word as written (以上, 不满 …), kept for docs and lints. */
      readonly word?: string;
    }
  | { readonly kind: 'in'; readonly span: Span; readonly negated: boolean; readonly subject: Expr; readonly members: readonly Expr[] }
  | {
      readonly kind: 'range';
      readonly span: Span;
      readonly subject: Expr;
      readonly low: Expr;
      readonly high: Expr;
      /** As written, e.g. "6—24月龄". Both ends are included (grammar/README.md §5). */
      readonly word: string;
    };

export type ExprKind = Expr['kind'];

/** A value in an attribute list: an expression or a range `甲 至 乙`. */
export interface ValueItem {
  readonly span: Span;
  readonly expr: Expr;
  readonly rangeEnd?: Expr;
}

export type Period = '一次性' | '按月' | '按年' | '每天' | '每周' | '每学期';

// ── types ────────────────────────────────────────────────────────────
export type TypeRef =
  | { readonly kind: 'builtin'; readonly span: Span; readonly name: BuiltinType; readonly unit?: UnitInfo; readonly unitText?: string; readonly element?: TypeRef; /** set when the written unit was rejected (ZC0303 already reported) */ readonly unknownUnit?: string }
  | { readonly kind: 'named'; readonly span: Span; readonly name: Name };

export type BuiltinType = '是否' | '整数' | '金额' | '日期' | '时长' | '数量' | '比例' | '文本' | '列表' | '年龄';

// ── declarations ─────────────────────────────────────────────────────
export interface Attribute {
  readonly key: string;
  readonly keySpan: Span;
  readonly span: Span;
  readonly values: readonly ValueItem[];
  /** How many values were written (some may have failed to convert). */
  readonly written: number;
  readonly block?: readonly Attribute[];
}

export interface ImportDecl { readonly kind: 'import'; readonly span: Span; readonly path: StrLit }

export interface Sunset {
  readonly span: Span;
  /** Condition over the built-in `事件` (a higher-level policy event). */
  readonly condition: Expr;
  /** Whether the file is void from the event's day itself or the day after. */
  readonly start: 'sameDay' | 'nextDay';
}

export interface PolicyDecl {
  readonly kind: 'policy';
  readonly span: Span;
  readonly name?: Name;
  readonly docNumber?: StrLit;
  readonly issuer?: StrLit;
  readonly title?: StrLit;
  readonly basis: readonly StrLit[];
  readonly source?: StrLit;
  /**
   * `undefined`: not stated; without `date`: stated as 未知, or as 某日（最早，最晚） with `range`
   * (the date is unknown but known to lie in the range, both ends included).
   * `span`: the whole `生效：…` attribute.
   */
  /** 生效; `invalid` when it is written but its value is not a date, 未知 or 某日（…） (its error is reported; not 未知). */
  readonly effective?: { readonly span: Span; readonly date?: CalendarDate; readonly range?: { readonly lo: CalendarDate; readonly hi: CalendarDate }; readonly note?: StrLit; readonly invalid?: true };
  readonly issued?: { readonly span: Span; readonly date: CalendarDate };
  readonly sunset?: Sunset;
  readonly interpreter?: Name;
}

export interface EnumDecl { readonly kind: 'enum'; readonly span: Span; readonly name: Name; readonly members: readonly Name[] }

export interface FieldDecl {
  readonly span: Span;
  readonly name: Name;
  readonly type: TypeRef;
  readonly doc?: StrLit;
  /** Declared `可为负`: the value may be negative (otherwise inputs must be ≥ 0). */
  readonly signed?: boolean;
}

export interface EntityDecl { readonly kind: 'entity'; readonly span: Span; readonly name: Name; readonly fields: readonly FieldDecl[] }

export interface ParamDecl { readonly kind: 'param'; readonly span: Span; readonly name: Name; readonly type: TypeRef; readonly from: StrLit }

export interface OrgDecl { readonly kind: 'org'; readonly span: Span; readonly name: Name; readonly fullName?: StrLit; readonly aliases: readonly Name[] }

export type ClauseLevel = 'annex' | 'sec' | 'subsec' | 'item' | 'subitem';

export interface ClauseNumberPart {
  readonly level: ClauseLevel;
  readonly n: number;
  readonly span: Span;
  /** As written: 四、 （一） 1. （1） 附件2 */
  readonly raw: string;
}

export interface ClauseDecl {
  readonly kind: 'clause';
  readonly span: Span;
  /** Parts written at this clause (nesting adds the parent's). */
  readonly number: readonly ClauseNumberPart[];
  readonly numberSpan: Span;
  readonly title?: StrLit;
  readonly quotes: readonly StrLit[];
  readonly items: readonly ClauseItem[];
}

export type ClauseItem = ClauseDecl | MeasureDecl | QualDecl | DoubtDecl | IndicatorDecl | PropertyDecl | DefinitionDecl | AssumptionDecl;

/**
 * A derived fact: `定义 [实体.]名称 [：类型] = 表达式 { 原文：… 说明：… 存疑：「…」 }`.
 * On an entity, the entity's name in the expression denotes the instance being defined.
 */
export interface DefinitionDecl {
  readonly kind: 'definition';
  readonly span: Span;
  /** The entity the definition is attached to (`定义 家庭.孩次 = …`). */
  readonly entity?: Name;
  readonly name: Name;
  readonly type?: TypeRef;
  readonly value: Expr;
  readonly quotes: readonly StrLit[];
  readonly note?: StrLit;
  /** 存疑 notes whose adopted reading this definition formalises. */
  readonly doubts: readonly Name[];
}

/** A declared assumption on the inputs: `前提 名称 { 条件：… 说明："…" }`. */
export interface AssumptionDecl {
  readonly kind: 'assumption';
  readonly span: Span;
  readonly name: Name;
  readonly condition?: Expr;
  readonly quotes: readonly StrLit[];
  readonly note?: StrLit;
}

export interface OutcomeDecl {
  readonly kind: 'outcome';
  readonly span: Span;
  readonly name: Name;
  readonly type: TypeRef;
  readonly period?: Period;
  readonly required: boolean;
}

export interface Assignment { readonly span: Span; readonly target: Name; readonly value: Expr }

export interface RuleDecl {
  readonly kind: 'rule';
  readonly span: Span;
  readonly name: Name;
  readonly overrides: readonly Name[];
  readonly condition?: Expr;
  readonly assignments: readonly Assignment[];
  readonly validFrom?: Expr;
  readonly validTo?: Expr;
  /** `有效期：3年` (one duration, no 至): the period counted from the 施行日 — 施行日 至 施行日 + 3年 − 1天. */
  readonly validFor?: Expr;
  readonly quotes: readonly StrLit[];
  readonly note?: StrLit;
}

export interface MeasureDecl {
  readonly kind: 'measure';
  readonly span: Span;
  readonly name: Name;
  readonly quotes: readonly StrLit[];
  readonly lead: readonly Name[];
  readonly responsible: readonly Name[];
  readonly subject?: Name;
  /**
   * 发放对象: who receives the outcome, when it is not the entity evaluated (对象) — an
   * entity name (四（六）“给予托育机构”) or a description ("女职工本人").
   */
  readonly recipient?: { readonly span: Span; readonly entity?: Name; readonly text?: StrLit };
  /** 申请条件: the measure (usually in an annex) whose conditions an application must meet. */
  readonly application?: Name;
  readonly outcomes: readonly OutcomeDecl[];
  readonly rules: readonly RuleDecl[];
  readonly doubts: readonly DoubtDecl[];
  readonly note?: StrLit;
  /** 不可计算的理由 when the measure is recorded but has no computable rule. */
  readonly category?: Name;
  readonly reason?: StrLit;
}

export interface QualDecl {
  readonly kind: 'qualitative';
  readonly span: Span;
  readonly name?: Name;
  readonly quotes: readonly StrLit[];
  readonly category?: Name;
  readonly reason?: StrLit;
  readonly lead: readonly Name[];
  readonly responsible: readonly Name[];
}

export interface Reading { readonly span: Span; readonly name: Name; readonly text: StrLit }

export interface DoubtDecl {
  readonly kind: 'doubt';
  readonly span: Span;
  readonly name: Name;
  readonly quotes: readonly StrLit[];
  readonly readings: readonly Reading[];
  readonly adopted?: Name;
  readonly reason?: StrLit;
}

export interface IndicatorDecl {
  readonly kind: 'indicator';
  readonly span: Span;
  readonly name: Name;
  readonly type?: TypeRef;
  readonly value: Expr;
  readonly note?: StrLit;
  readonly date?: Expr;
  readonly quotes: readonly StrLit[];
}

export interface PropertyDecl {
  readonly kind: 'property';
  readonly span: Span;
  readonly name: Name;
  readonly asserts: readonly Expr[];
  readonly condition?: Expr;
  readonly note?: StrLit;
  /** 一般 / 边界 / 条款一致 / 概念一致 */
  readonly category?: Name;
  /** Set when the property is expected to fail: a real defect of the official text. */
  readonly expectFail?: StrLit;
}

export type TopItem = ImportDecl | PolicyDecl | EnumDecl | EntityDecl | ParamDecl | OrgDecl | ClauseDecl | IndicatorDecl | PropertyDecl | QualDecl | DoubtDecl | DefinitionDecl | AssumptionDecl;

export interface FileAst {
  readonly path: string;
  readonly span: Span;
  readonly items: readonly TopItem[];
}
