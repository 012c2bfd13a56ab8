/**
 * JSON Schema (draft 2020-12) of a policy's input facts.
 * Input: IrProgram. Output: the schema object (stable key order; serialise with
 * `JSON.stringify(schema, null, 2)`).
 *
 * The schema describes what the generated `evaluate` accepts: an object of entities, each
 * an object of optional fields, no unknown keys. Date ordering (a date not after the
 * evaluation date) and calendar validity (2023-02-29) cannot be expressed in JSON Schema;
 * they are checked at run time and documented in each field's description.
 */
import type { IrEntity, IrProgram, IrType } from '../ir/ir.js';
import { unitOf } from '../ir/ir.js';

export const MONEY_PATTERN = '^(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$';
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
export const RATIO_PATTERN = '^[0-9]+(\\.[0-9]+)?[%‰]$';

/** The DSL's name of a type: 金额, 日期, 时长, 年龄, 枚举「性别」… */
export function kindLabel(t: IrType): string {
  switch (t.k) {
    case 'bool': return '是否';
    case 'int': return '整数';
    case 'money': return '金额';
    case 'date': return '日期';
    case 'text': return '文本';
    case 'enum': return `枚举「${t.name}」`;
    case 'quantity':
      if (t.dim === 'ratio') return '比例';
      return t.dim === 'ageMonths' || t.dim === 'ageYears' ? '年龄' : '时长';
  }
}

/** A short Chinese description of what a field of type `t` accepts. */
export function typeDescription(t: IrType): string {
  switch (t.k) {
    case 'bool': return '是否（true / false）';
    case 'int': return '整数（非负）';
    case 'money': return '金额（元，非负，最多两位小数："1000.50" 或 1000.5）';
    case 'date': return '日期（"YYYY-MM-DD"，须为真实日期且不晚于评估日期）';
    case 'text': return '文本';
    case 'enum': return `枚举「${t.name}」（${t.members.join('、')}）`;
    case 'quantity':
      if (t.dim === 'ratio') return '比例（"50%"、"4.8‰"，精确到百万分之一）';
      return `${kindLabel(t)}（非负整数，单位：${unitOf(t)}）`;
  }
}

function fieldSchema(t: IrType, doc: string | undefined): Record<string, unknown> {
  const description = doc ? `${doc}。类型：${typeDescription(t)}` : `类型：${typeDescription(t)}`;
  switch (t.k) {
    case 'bool': return { description, type: 'boolean' };
    case 'int':
    case 'quantity':
      if (t.k === 'quantity' && t.dim === 'ratio') return { description, type: 'string', pattern: RATIO_PATTERN };
      return { description, type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
    case 'money':
      return {
        description,
        anyOf: [
          { type: 'string', pattern: MONEY_PATTERN },
          { type: 'number', minimum: 0 },
        ],
      };
    case 'date': return { description, type: 'string', format: 'date', pattern: DATE_PATTERN };
    case 'text': return { description, type: 'string' };
    case 'enum': return { description, type: 'string', enum: [...t.members] };
  }
}

function entitySchema(e: IrEntity): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of e.fields) Object.defineProperty(properties, f.name, { value: fieldSchema(f.type, f.doc), enumerable: true, writable: true, configurable: true });
  return { description: `实体「${e.name}」（字段均可省略：缺少的事实使依赖它的条件为未知）`, type: 'object', properties, additionalProperties: false };
}

/** The input schema of `ir`. */
export function inputSchema(ir: IrProgram): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const e of ir.entities) Object.defineProperty(properties, e.name, { value: entitySchema(e), enumerable: true, writable: true, configurable: true });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${ir.policy.name} — 输入事实`,
    description: '传给 evaluate() 的事实：实体名 → 字段 → 值。实体与字段均可省略；未声明的实体或字段是错误。',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}
