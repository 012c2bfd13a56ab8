/**
 * JSON Schema (draft 2020-12) of a policy's input facts.
 * Input: IrProgram. Output: the schema object (stable key order; serialise with
 * `JSON.stringify(schema, null, 2)`).
 *
 * The schema describes what the generated `evaluate` accepts: an object of entities, each
 * an object of optional fields, no unknown keys. A field whose type is an entity is a
 * nested object, a list field an array of such objects; both refer to the entity's schema
 * under `$defs` (entities may nest recursively). Signed fields (可为负) accept negative
 * numbers. Date ordering (a date not after the evaluation date) and calendar validity
 * (2023-02-29) cannot be expressed in JSON Schema; they are checked at run time and
 * documented in each field's description.
 */
import type { IrEntity, IrField, IrProgram, IrType } from '../ir/ir.js';
import { unitOf } from '../ir/ir.js';
import { MONEY_NUMBER_EXACT } from '../interpret/validate.js';

/** The largest whole number of 元 whose fen is a safe integer (2^53 − 1 fen = 90071992547409.91 元). */
const MAX_WHOLE_YUAN = Math.floor(Number.MAX_SAFE_INTEGER / 100);

export const MONEY_PATTERN = '^(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$';
export const SIGNED_MONEY_PATTERN = '^-?(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$';
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
export const RATIO_PATTERN = '^[0-9]+(\\.[0-9]+)?[%‰]$';
export const SIGNED_RATIO_PATTERN = '^-?[0-9]+(\\.[0-9]+)?[%‰]$';

/** The DSL's name of a type: 金额, 日期, 时长, 年龄, 枚举「性别」, 列表（人）… */
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
    case 'entity': return `实体「${t.name}」`;
    case 'list': return `列表（${t.elem}）`;
  }
}

/** A short Chinese description of what a field of type `t` accepts. */
export function typeDescription(t: IrType, signed = false): string {
  switch (t.k) {
    case 'bool': return '是否（true / false）';
    case 'int': return signed ? '整数（可为负）' : '整数（非负）';
    case 'money': return signed ? '金额（元，可为负，最多两位小数："-1000.50" 或 -1000.5）' : '金额（元，非负，最多两位小数："1000.50" 或 1000.5）';
    case 'date': return '日期（"YYYY-MM-DD"，须为真实日期且不晚于评估日期）';
    case 'text': return '文本';
    case 'enum': return `枚举「${t.name}」（${t.members.join('、')}）`;
    case 'quantity':
      if (t.dim === 'ratio') return signed ? '比例（"50%"、"-4.8‰"，任意位小数，精确；可为负）' : '比例（"50%"、"4.8‰"，任意位小数，精确）';
      return `${kindLabel(t)}（${signed ? '整数，可为负' : '非负整数'}，单位：${unitOf(t)}）`;
    case 'entity': return `实体「${t.name}」的对象（字段 → 值，字段均可省略）`;
    case 'list': return `实体「${t.elem}」的对象的列表（数组）`;
  }
}

/** JSON-pointer reference to an entity's schema under `$defs` (RFC 6901 escaping, URI-encoded). */
export function entityRef(name: string): string {
  const key = defKey(name);
  return `#/$defs/${encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
}

/** The `$defs` key of an entity: its name (a name that is not well-formed Unicode is escaped as in JSON). */
function defKey(name: string): string {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name) ? JSON.stringify(name).slice(1, -1) : name;
}

function fieldSchema(f: IrField): Record<string, unknown> {
  const t = f.type;
  const signed = f.signed === true;
  const description = f.doc ? `${f.doc}。类型：${typeDescription(t, signed)}` : `类型：${typeDescription(t, signed)}`;
  switch (t.k) {
    case 'bool': return { description, type: 'boolean' };
    case 'int':
    case 'quantity':
      if (t.k === 'quantity' && t.dim === 'ratio') return { description, type: 'string', pattern: signed ? SIGNED_RATIO_PATTERN : RATIO_PATTERN };
      return { description, type: 'integer', minimum: signed ? -Number.MAX_SAFE_INTEGER : 0, maximum: Number.MAX_SAFE_INTEGER };
    case 'money':
      return {
        description,
        anyOf: [
          { type: 'string', pattern: signed ? SIGNED_MONEY_PATTERN : MONEY_PATTERN },
          // a whole number of 元 up to 2^53 − 1 fen; a number with cents only below 2^46 元, where it is still
          // the decimal written (validate.ts MONEY_NUMBER_EXACT)
          { type: 'integer', minimum: signed ? -MAX_WHOLE_YUAN : 0, maximum: MAX_WHOLE_YUAN },
          { type: 'number', ...(signed ? { exclusiveMinimum: -MONEY_NUMBER_EXACT } : { minimum: 0 }), exclusiveMaximum: MONEY_NUMBER_EXACT },
        ],
      };
    case 'date': return { description, type: 'string', format: 'date', pattern: DATE_PATTERN };
    case 'text': return { description, type: 'string' };
    case 'enum': return { description, type: 'string', enum: [...t.members] };
    case 'entity': return { description, $ref: entityRef(t.name) };
    case 'list': return { description, type: 'array', items: { $ref: entityRef(t.elem) } };
  }
}

function define(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function entitySchema(e: IrEntity): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of e.fields) define(properties, f.name, fieldSchema(f));
  return { description: `实体「${e.name}」（字段均可省略：缺少的事实使依赖它的条件为未知）`, type: 'object', properties, additionalProperties: false };
}

/** Entities reachable as nested objects or list elements (in declaration order). */
function nestedEntities(ir: IrProgram): IrEntity[] {
  const used = new Set<string>();
  for (const e of ir.entities) {
    for (const f of e.fields) {
      if (f.type.k === 'entity') used.add(f.type.name);
      if (f.type.k === 'list') used.add(f.type.elem);
    }
  }
  return ir.entities.filter((e, i) => used.has(e.name) && ir.entities.findIndex((x) => x.name === e.name) === i);
}

/** The input schema of `ir`. */
export function inputSchema(ir: IrProgram): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  // a root entity is its record, or "不存在" (the case states it does not exist); omitted: unknown
  for (const e of ir.entities) {
    define(properties, e.name, {
      description: `实体「${e.name}」：字段的对象，或 "不存在"（表示没有该实体）；省略时它是否存在未知`,
      anyOf: [entitySchema(e), { type: 'string', enum: ['不存在'] }],
    });
  }
  const nested = nestedEntities(ir);
  const defs: Record<string, unknown> = {};
  for (const e of nested) define(defs, defKey(e.name), entitySchema(e));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${ir.policy.name} — 输入事实`,
    description: '传给 evaluate() 的事实：实体名 → 字段 → 值。实体与字段均可省略（缺少的事实为未知）；实体写作 "不存在" 表示没有该实体；未声明的实体或字段是错误。实体的字段可以是嵌套的对象或对象的列表。',
    type: 'object',
    properties,
    additionalProperties: false,
    ...(nested.length ? { $defs: defs } : {}),
  };
}
