/**
 * Small builders of hand-written IR for the interpreter's direct tests (no front end:
 * each test states the IR it evaluates).
 */
import type { CmpOp, IrExpr, IrMeasure, IrProgram, IrRule, IrType, Origin } from '../../compiler/ir/ir.js';

export const o = (text = '', start = 0): Origin => ({ file: 't.zc', start, end: start + text.length, text });

export const T = {
  bool: { k: 'bool' } as IrType,
  int: { k: 'int' } as IrType,
  money: { k: 'money' } as IrType,
  date: { k: 'date' } as IrType,
  text: { k: 'text' } as IrType,
  ratio: { k: 'quantity', dim: 'ratio' } as IrType,
  days: { k: 'quantity', dim: 'days' } as IrType,
  months: { k: 'quantity', dim: 'months' } as IrType,
  ageMonths: { k: 'quantity', dim: 'ageMonths' } as IrType,
  ageYears: { k: 'quantity', dim: 'ageYears' } as IrType,
  sex: { k: 'enum', name: '性别', members: ['男', '女'] } as IrType,
};

export const c = (type: IrType, value: number | boolean | string, text = String(value)): IrExpr => ({ k: 'const', type, value, origin: o(text) });
export const f = (entity: string, field: string, type: IrType): IrExpr => ({ k: 'field', type, entity, field, origin: o(`${entity}.${field}`) });
export const cmp = (op: CmpOp, a: IrExpr, b: IrExpr, text = `${a.origin?.text ?? ''} ${op} ${b.origin?.text ?? ''}`, start = 0): IrExpr => ({ k: 'cmp', type: T.bool, op, a, b, origin: o(text, start) });
export const and = (...xs: IrExpr[]): IrExpr => ({ k: 'and', type: T.bool, xs, origin: o(xs.map((x) => x.origin?.text).join(' 且 ')) });
export const or = (...xs: IrExpr[]): IrExpr => ({ k: 'or', type: T.bool, xs, origin: o(xs.map((x) => x.origin?.text).join(' 或 ')) });
export const not = (x: IrExpr): IrExpr => ({ k: 'not', type: T.bool, x, origin: o(`非 ${x.origin?.text ?? ''}`) });

export const TRUE = c(T.bool, true, '是');

/** The entity every test program declares. */
export const ENTITY = {
  name: '人',
  fields: [
    { name: '数', type: T.int }, { name: '钱', type: T.money }, { name: '比', type: T.ratio }, { name: '生', type: T.date }, { name: '日', type: T.date },
    { name: '真', type: T.bool }, { name: '假', type: T.bool }, { name: '名', type: T.text }, { name: '性别', type: T.sex }, { name: '月', type: T.months },
  ],
};

export function rule(name: string, condition: IrExpr, assignments: [string, IrExpr][], extra: Partial<IrRule> = {}): IrRule {
  return { name, condition, assignments: assignments.map(([outcome, value]) => ({ outcome, value })), overrides: [], origin: o(name), ...extra };
}

export function measure(name: string, outcomes: [string, IrType, Partial<{ required: boolean; period: '一次性' | '按月'; unit: string }>?][], rules: IrRule[], extra: Partial<IrMeasure> = {}): IrMeasure {
  return {
    name,
    citation: { anchor: 'sec_1', label: '一', quotes: ['一、原文。'] },
    lead: ['县财政局'],
    responsible: [],
    outcomes: outcomes.map(([n, type, x]) => ({ name: n, type, required: x?.required ?? false, unit: x?.unit ?? '', ...(x?.period ? { period: x.period } : {}) })),
    rules,
    doubts: [],
    origin: o(name),
    ...extra,
  };
}

export function program(measures: IrMeasure[], extra: Partial<IrProgram> & { policy?: Partial<IrProgram['policy']> } = {}): IrProgram {
  const { policy, ...rest } = extra;
  return {
    policy: { id: 't', name: '测试办法', basis: [], ...policy },
    entities: [ENTITY],
    params: [],
    measures,
    indicators: [],
    clauses: [],
    doubts: [],
    properties: [],
    definitions: [],
    assumptions: [],
    ...rest,
  } as unknown as IrProgram;
}

/** A program with one measure 「算」 whose outcome 「值」 (of `type`) is `expr` (condition true). */
export function valueProgram(expr: IrExpr, type: IrType = expr.type, extra: Parameters<typeof program>[1] = {}): IrProgram {
  return program([measure('算', [['值', type]], [rule('甲', TRUE, [['值', expr]])])], extra);
}

/** A program with one measure 「判」 whose rule 「甲」 has `condition` and gives 值 = 1. */
export function condProgram(condition: IrExpr, extra: Parameters<typeof program>[1] = {}): IrProgram {
  return program([measure('判', [['值', T.int]], [rule('甲', condition, [['值', c(T.int, 1)]])])], extra);
}
