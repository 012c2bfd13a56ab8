/**
 * `uniqueKeys` (compiler/emit/ts-expr.ts): which 前提 the raw path answers by comparing each pair of
 * records once. Input: the county's IR (policies/luanchuan, 子女名单不重复) and copies of it with one
 * part of the pattern changed; output: the key fields, or undefined where the pattern does not hold
 * (the general count per record is then emitted). The raw path's answers themselves are compared with
 * the converted path in fast-raw.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { IrExpr, IrProgram } from '../../compiler/ir/ir.js';
import { uniqueKeys } from '../../compiler/emit/ts-expr.js';
import { loadPolicies } from './helpers.js';

type Quant = Extract<IrExpr, { k: 'quant' }>;
type And = Extract<IrExpr, { k: 'and' | 'or' }>;
type Cmp = Extract<IrExpr, { k: 'cmp' }>;
const andOf = (c: Quant): And => c.body as unknown as And;
const ir = loadPolicies(['policies/luanchuan'], { requirePolicy: true })[0]!.ir!;
const DEF = '子女.出生日期与同胎序号相同的子女数';
const clone = <T>(x: T): T => structuredClone(x);
const assumption = (p: IrProgram): Quant => p.assumptions.find((a) => a.name === '子女名单不重复')!.condition as Quant;
/** A copy of the program with the counting definition's expression changed by `f`. */
function withDef(f: (c: Quant) => IrExpr): IrProgram {
  const p = clone(ir) as { -readonly [K in keyof IrProgram]: IrProgram[K] };
  p.definitions = p.definitions.map((d) => (d.name === DEF ? { ...d, expr: f(clone(d.expr) as Quant) } : d));
  return p;
}

describe('uniqueKeys', () => {
  it('子女名单不重复: 出生日期 and 同胎序号', () => {
    expect(uniqueKeys(ir, assumption(ir))).toEqual(['出生日期', '同胎序号']);
  });

  it('a count over another list (职工.子女) is not a uniqueness condition of 家庭.子女', () => {
    const p = withDef((c) => ({ ...c, list: { ...c.list, ...(c.list.k === 'get' ? { of: { ...c.list.of, entity: '职工' } } : c.list.k === 'field' ? { entity: '职工' } : {}) } as IrExpr }));
    expect(JSON.stringify((p.definitions.find((d) => d.name === DEF)!.expr as Quant).list)).toContain('职工');
    expect(uniqueKeys(p, assumption(p))).toBeUndefined();
  });

  it('a conjunct that is not an equality of a key field with self\'s', () => {
    const p = withDef((c) => ({ ...c, body: { ...andOf(c), xs: [...andOf(c).xs, { k: 'const', type: { k: 'bool' }, value: true }] } }));
    expect(uniqueKeys(p, assumption(p))).toBeUndefined();
  });

  it('a key compared with another field of self', () => {
    const p = withDef((c) => {
      const xs = andOf(c).xs.map((x) => clone(x)) as Cmp[];
      const [a, b] = [xs[0]!.a, xs[0]!.b] as Extract<IrExpr, { k: 'get' }>[];
      xs[0] = { ...xs[0]!, a, b: { ...b!, field: a!.field === '同胎序号' ? '出生日期' : '同胎序号' } };
      return { ...c, body: { ...andOf(c), xs } };
    });
    expect(uniqueKeys(p, assumption(p))).toBeUndefined();
  });

  it('a count compared with 2, not 1', () => {
    const p = clone(ir) as { -readonly [K in keyof IrProgram]: IrProgram[K] };
    const a = assumption(p);
    const body = a.body as unknown as Cmp;
    const two = (x: IrExpr): IrExpr => (x.k === 'const' ? { ...x, value: 2 } : x);
    (a as { body?: IrExpr }).body = { ...body, a: two(body.a), b: two(body.b) };
    expect(uniqueKeys(p, a)).toBeUndefined();
  });
});
