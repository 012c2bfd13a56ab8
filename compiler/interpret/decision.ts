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
}

export interface Decision {
  readonly 措施: string;
  readonly 状态: Status;
  readonly 结果: Readonly<Record<string, OutcomeValue>>;
  readonly 条款: { readonly 锚点: string; readonly 标签: string; readonly 标题?: string; readonly 原文: readonly string[] };
  readonly 牵头单位: readonly string[];
  readonly 责任单位: readonly string[];
  readonly 理由: readonly string[];
  readonly 规则: readonly RuleTrace[];
  readonly 存疑?: readonly { readonly 名称: string; readonly 采用: string; readonly 理由?: string }[];
}

export interface Decisions {
  readonly 政策: { readonly 名称: string; readonly 文号?: string };
  readonly 评估日期: string;
  /** Set when the policy is void on the evaluation date. */
  readonly 废止?: { readonly 日期: string; readonly 事件: PolicyEvent };
  readonly 生效?: { readonly 日期?: string; readonly 说明?: string };
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
