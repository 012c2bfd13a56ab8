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
  工作日期限: {
    params: [{ k: 'date' }, { k: 'quantity', dim: 'workdays' }], result: { k: 'date' },
    doc: '“自某日起N个工作日内”的最后一日：起始日不计入，次日起按国务院公布的节假日与调休安排计数；工作日历未覆盖的年份无法计算（结果为未知）',
  },
};
