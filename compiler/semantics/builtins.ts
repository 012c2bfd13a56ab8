/**
 * Built-in names every program sees: the higher-level policy event entity `事件`
 * (read by 失效 conditions), its level enum `层级`, the evaluation date and the age
 * functions. Documented in grammar/README.md §7.
 */
import type { Type } from './model.js';

export const EVENT_ENTITY = '事件';
export const LEVEL_ENUM = '层级';
export const LEVELS = ['国家', '省', '市', '县'] as const;

/** Fields of the built-in `事件` entity. */
export const EVENT_FIELDS: Record<string, Type> = {
  级别: { k: 'enum', name: LEVEL_ENUM },
  类别: { k: 'text' },
  日期: { k: 'date' },
  标题: { k: 'text' },
  文号: { k: 'text' },
  地区: { k: 'text' },
};

export const EVAL_DATE = '评估日期';
/** The policy's effective date (政策的“生效”): a date, 某日（…） (known within a range) or 未知. */
export const EFFECTIVE_DATE = '施行日';
/** 某日（最早，最晚）: a date known only to lie within a range. */
export const SOME_DAY = '某日';
/** In 性质 only: is the policy void on the evaluation date (given the property's 事件)? */
export const IS_VOID = '已废止';
/** In 性质 only: 适用（措施） — does the measure apply (status 适用)? */
export const APPLIES = '适用';

export interface BuiltinFunction {
  readonly params: readonly Type[];
  readonly result: Type;
  readonly doc: string;
}

export const FUNCTIONS: Record<string, BuiltinFunction> = {
  周岁: { params: [{ k: 'date' }], result: { k: 'quantity', dim: 'ageYears' }, doc: '出生日期到评估日期的周岁数（民法典第二百零一、二百零二条：生日次日起增加一岁）' },
  月龄: { params: [{ k: 'date' }], result: { k: 'quantity', dim: 'ageMonths' }, doc: '出生日期到评估日期的月龄（满月对应日的次日起增加一月）' },
  天数: { params: [{ k: 'date' }, { k: 'date' }], result: { k: 'quantity', dim: 'days' }, doc: '两个日期之间相差的天数（后者减前者）' },
  某日: {
    params: [{ k: 'date' }, { k: 'date' }], result: { k: 'date' },
    doc: '某个确切日期未知、只知道在两日之间（含两端）的日期，如“2023年内某日”写作 某日（2023年1月1日，2023年12月31日）。与它比较的结论只在整个区间都一致时才确定，否则为存疑',
  },
  工作日期限: {
    params: [{ k: 'date' }, { k: 'quantity', dim: 'workdays' }], result: { k: 'date' },
    doc: '“自某日起N个工作日内”的最后一日：起始日不计入，次日起按国务院公布的节假日与调休安排计数；工作日历未覆盖的年份无法计算（结果为未知）',
  },
};

/**
 * Aggregates over a list. The first argument is a list of entities; in the second, 其 and
 * the element's bare field names denote the element (grammar/README.md §15).
 */
export const AGGREGATES: Record<string, { readonly kind: 'count' | 'sum' | 'max' | 'min'; readonly arity: readonly number[]; readonly doc: string }> = {
  数量: { kind: 'count', arity: [1, 2], doc: '列表的元素个数；有第二个参数时，只数满足该条件的元素：数量（家庭.子女，户籍在本县）' },
  人数: { kind: 'count', arity: [1, 2], doc: '同“数量”：列表中（满足条件的）人数' },
  个数: { kind: 'count', arity: [1, 2], doc: '同“数量”' },
  合计: { kind: 'sum', arity: [2], doc: '对列表每个元素求第二个参数的值并相加（空列表为0）：合计（家庭.成员，月收入）' },
  最大: { kind: 'max', arity: [2], doc: '列表元素中第二个参数的最大值（空列表无值，结果未知）：最大（家庭.子女，出生日期）' },
  最小: { kind: 'min', arity: [2], doc: '列表元素中第二个参数的最小值（空列表无值，结果未知）' },
};
