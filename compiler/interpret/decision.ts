/**
 * The evaluation contract (DESIGN.md §4): the shape of the input facts, events and
 * the decisions returned. The interpreter returns exactly this; generated evaluators
 * declare the same shape with types specialised per policy.
 * User-facing keys are Chinese (the documented mapping: DSL names are used verbatim).
 */

/** A higher-level policy event (policies/events.yaml). */
export interface PolicyEvent {
  readonly 日期: string;
  readonly 级别: '国家' | '省' | '市' | '县';
  readonly 类别: string;
  readonly 标题?: string;
  readonly 文号?: string;
  readonly 地区?: string;
}

export type Status = '适用' | '不适用' | '未生效' | '已废止' | '存疑';

/**
 * Which events registry a decision set was computed with: a registry file (its path,
 * relative to the policies directory where possible, and the SHA-256 of its bytes), or
 * `'none'` — evaluated explicitly without higher-level events (`--events none`).
 * The caller states it (`evaluate(…, { 事件登记 })`); the evaluator echoes it into the
 * decision set, so a stored decision says what it was based on. `zhengce eval` always
 * states it.
 */
export type EventsRegistry = { readonly 路径: string; readonly sha256: string } | 'none';

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** The registry the events come from; recorded as `决定集.事件登记`. */
  readonly 事件登记?: EventsRegistry;
}

export interface OutcomeValue {
  /** Money: decimal string in 元 ("1000.00"); ratio: "50%"; date: "YYYY-MM-DD"; others: number/boolean/string. */
  readonly 值: number | boolean | string;
  readonly 单位: string;
  /** Money only: integer fen. */
  readonly 分?: number;
  readonly 周期?: string;
  /** Rules that produced this value. */
  readonly 规则: readonly string[];
  /** Parameters used whose value is not confirmed. */
  readonly 未确认参数?: readonly string[];
}

export interface ConditionTrace {
  /** Source text of the atomic condition. */
  readonly 条件: string;
  /** true / false / null (unknown: a fact is missing). */
  readonly 成立: boolean | null;
  /** Values of the operands, as shown to a person. */
  readonly 取值: Readonly<Record<string, string>>;
}

export interface RuleTrace {
  readonly 规则: string;
  readonly 适用: boolean | null;
  readonly 条件: readonly ConditionTrace[];
  readonly 说明?: string;
  /**
   * When the rule does not apply: the conditions (source texts of the conjuncts of its 条件;
   * a 或/并非 group is one condition) that do not hold. Absent when none.
   */
  readonly 未满足?: readonly string[];
  /** When the rule's applicability is unknown or false: the conjuncts whose value is unknown (a fact is missing). Absent when none. */
  readonly 未知?: readonly string[];
}

/** A definition (定义) evaluated while deciding a measure. */
export interface DefinitionTrace {
  readonly 定义: string;
  /** For a definition on an entity: the instance, e.g. 家庭.子女[1]. */
  readonly 实例?: string;
  /** The value, as shown to a person. */
  readonly 值: string;
  readonly 条款?: string;
  readonly 原文?: readonly string[];
}

/** Why an outcome has no definite value: 矛盾 (rules disagree), 缺口 (required, no rule), 未知 (missing facts). */
export interface OutcomeProblem {
  readonly 类别: '矛盾' | '缺口' | '未知';
  readonly 结果: string;
  readonly 规则: readonly string[];
}

export interface Decision {
  readonly 措施: string;
  readonly 状态: Status;
  readonly 结果: Readonly<Record<string, OutcomeValue>>;
  readonly 条款: { readonly 锚点: string; readonly 标签: string; readonly 标题?: string; readonly 原文: readonly string[] };
  /** The entity evaluated (措施的“对象”). */
  readonly 对象?: string;
  /** Who receives the outcome when it is not the entity evaluated (发放对象). */
  readonly 发放对象?: string;
  readonly 牵头单位: readonly string[];
  readonly 责任单位: readonly string[];
  readonly 理由: readonly string[];
  readonly 规则: readonly RuleTrace[];
  readonly 存疑?: readonly { readonly 名称: string; readonly 采用: string; readonly 理由?: string }[];
  /** Per outcome, why it has no definite value (each outcome is judged on its own). */
  readonly 问题?: readonly OutcomeProblem[];
  /** For 存疑: the facts (or uncertain dates) whose values would decide it. */
  readonly 缺少?: readonly string[];
  /** Definitions used, with their values. */
  readonly 定义?: readonly DefinitionTrace[];
  /** The application conditions (申请条件) of this measure and whether they hold. */
  readonly 申请?: {
    readonly 措施: string; readonly 状态: Status; readonly 条款: { readonly 锚点: string; readonly 标签: string };
    readonly 理由?: readonly string[];
  };
  /** What can actually be claimed: the main-text entitlement joined with the application conditions. */
  readonly 可领取?: { readonly 状态: Status; readonly 结果: Readonly<Record<string, OutcomeValue>> };
}

export interface Decisions {
  readonly 政策: { readonly 名称: string; readonly 文号?: string };
  readonly 评估日期: string;
  /** The events registry the caller stated (options.事件登记), when stated. */
  readonly 事件登记?: EventsRegistry;
  /** Set when the policy is void on the evaluation date. */
  readonly 废止?: { readonly 日期: string; readonly 事件: PolicyEvent };
  /**
   * Set when an event may have voided the policy by the evaluation date but its 失效 condition
   * is undecided (e.g. it compares with 施行日 known only within a range): measures that would
   * grant something are 存疑.
   */
  readonly 可能废止?: { readonly 日期: string; readonly 事件: PolicyEvent; readonly 取决于: readonly string[] };
  readonly 生效?: { readonly 日期?: string; readonly 范围?: { readonly 最早: string; readonly 最晚: string }; readonly 说明?: string };
  /** Declared assumptions (前提) the input violates: the answer is outside what the encoding was verified for. */
  readonly 前提不满足?: readonly { readonly 名称: string; readonly 说明?: string }[];
  readonly 决定: readonly Decision[];
}

export interface InputProblem {
  readonly 路径: string;
  readonly 期望: string;
  readonly 实际: string;
}

/** Thrown by `evaluate` for invalid input: one error listing every problem. */
export class InputError extends Error {
  constructor(readonly problems: readonly InputProblem[]) {
    super(`输入数据有 ${problems.length} 处问题：\n` + problems.map((p) => `  ${p.路径}: 期望${p.期望}，实际为 ${p.实际}`).join('\n'));
    this.name = 'InputError';
  }
}

/**
 * Thrown by `evaluate` (code ZC0805) when a working-day deadline (工作日期限) needs a year the
 * official holiday calendar does not cover: never a silent Monday–Friday count.
 */
export class CalendarCoverageError extends Error {
  readonly code = 'ZC0805';
  constructor(readonly year: number, readonly coverage: { readonly firstYear: number; readonly lastYear: number }, message: string) {
    super(message);
    this.name = 'CalendarCoverageError';
  }
}
