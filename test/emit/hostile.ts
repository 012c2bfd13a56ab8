/**
 * Hostile strings for the emitter's escaping property test: an arbitrary of strings built
 * from quotes, backslashes, backticks, `${`, comment delimiters, line terminators
 * (incl. U+2028/U+2029), lone surrogates and random code points, and a consistent renaming
 * of every name, doc string, quote and source text of an IR to such strings.
 */
import fc from 'fast-check';
import type { IrExpr, IrProgram } from '../../compiler/ir/ir.js';

export const PIECES = [
  '"', "'", '`', '${', '}', '*/', '/*', '//', '\\', '\\u0041', '\\n', '\u2028', '\u2029', '\n', '\r', '\r\n', '\t', '\0',
  '\ud800', '\udfff', '\udc00\ud800', '😀', '</script>', '@param', '-->', '#', '「', '」', 'x', '家庭', ' ', '\u00a0', '\ufeff', '\u200b', '*', '/',
];
export const hostile = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }), { maxLength: 6 })
  .map((xs) => xs.join(''));

/** A distinct hostile name: the hostile text before or after a unique tag. */
const named = (h: string, i: number): string => (i % 2 ? `${h}#${i}` : `${i}#${h}`);

function mapExpr(e: IrExpr, f: (x: IrExpr) => IrExpr): IrExpr {
  const m = (x: IrExpr): IrExpr => mapExpr(x, f);
  let r: IrExpr;
  switch (e.k) {
    case 'age': r = { ...e, birth: m(e.birth) }; break;
    case 'daysBetween': r = { ...e, from: m(e.from), to: m(e.to) }; break;
    case 'not': case 'neg': r = { ...e, x: m(e.x) }; break;
    case 'and': case 'or': r = { ...e, xs: e.xs.map(m) }; break;
    case 'cmp': case 'add': case 'sub': case 'mul': case 'div': r = { ...e, a: m(e.a), b: m(e.b) }; break;
    case 'in': r = { ...e, x: m(e.x), values: e.values.map(m) }; break;
    case 'addMonths': r = { ...e, date: m(e.date), months: m(e.months) }; break;
    case 'workdays': r = { ...e, start: m(e.start), n: m(e.n) }; break;
    case 'get': r = { ...e, of: m(e.of) }; break;
    case 'def': r = e.of ? { ...e, of: m(e.of) } : e; break;
    case 'quant': r = { ...e, list: m(e.list), ...(e.body ? { body: m(e.body) } : {}) }; break;
    case 'nth': r = { ...e, list: m(e.list), key: m(e.key) }; break;
    default: r = e;
  }
  return f(r);
}

export interface Hostile {
  readonly ir: IrProgram;
  readonly entity: Map<string, string>;
  readonly field: Map<string, string>;
  readonly member: Map<string, string>;
}

/** Replace every name, doc, quote and source text of `ir` by hostile strings (consistently). */
export function hostileIr(ir: IrProgram, hs: readonly string[]): Hostile {
  let n = 0;
  const next = (): string => named(hs[n % hs.length]!, n++);
  const entity = new Map(ir.entities.map((e) => [e.name, next()]));
  const field = new Map(ir.entities.flatMap((e) => e.fields.map((f) => [`${e.name}.${f.name}`, next()] as const)));
  const member = new Map<string, string>();
  const enumName = new Map<string, string>();
  const param = new Map(ir.params.map((p) => [p.name, next()]));
  const definition = new Map(ir.definitions.map((d) => [d.name, next()]));
  const measure = new Map(ir.measures.map((m) => [m.name, next()]));
  const outcomeOf = new Map(ir.measures.map((m) => [m.name, new Map(m.outcomes.map((o) => [o.name, next()]))]));
  const renameType = <T extends { k: string }>(t: T): T => {
    if (t.k === 'entity') return { ...t, name: entity.get((t as unknown as { name: string }).name) };
    if (t.k === 'list') return { ...t, elem: entity.get((t as unknown as { elem: string }).elem) };
    if (t.k !== 'enum') return t;
    const e = t as unknown as { name: string; members: readonly string[] };
    if (!enumName.has(e.name)) enumName.set(e.name, next());
    for (const x of e.members) if (!member.has(x)) member.set(x, next());
    return { ...t, name: enumName.get(e.name), members: e.members.map((x) => member.get(x)!) };
  };
  const expr = (e: IrExpr): IrExpr =>
    mapExpr(e, (x) => {
      const origin = 'origin' in x && x.origin ? { ...x.origin, text: next() } : undefined;
      let y: IrExpr = { ...x, type: renameType(x.type), ...(origin ? { origin } : {}) } as IrExpr;
      if (y.k === 'field' && x.k === 'field') y = { ...y, entity: entity.get(x.entity)!, field: field.get(`${x.entity}.${x.field}`)! };
      // (children are already renamed: the record's entity is looked up by its new name)
      if (y.k === 'get' && x.k === 'get' && x.of.type.k === 'entity') {
        const owner = [...entity].find(([, v]) => v === (x.of.type as { name: string }).name)?.[0];
        y = { ...y, field: field.get(`${owner}.${x.field}`) ?? x.field };
      }
      if (y.k === 'root') y = { ...y, entity: entity.get(y.entity)! };
      if (y.k === 'def') y = { ...y, name: definition.get(y.name) ?? y.name };
      if (y.k === 'outcome') y = { ...y, measure: measure.get(y.measure) ?? y.measure, outcome: outcomeOf.get(y.measure)?.get(y.outcome) ?? y.outcome };
      if (y.k === 'applies') y = { ...y, measure: measure.get(y.measure) ?? y.measure };
      if (y.k === 'param') y = { ...y, name: param.get(y.name) ?? y.name };
      if (y.k === 'const' && typeof y.value === 'string' && member.has(y.value) && x.type.k === 'enum') y = { ...y, value: member.get(y.value)! };
      return y;
    });
  const out: IrProgram = {
    ...ir,
    policy: {
      ...ir.policy, name: next(), docNumber: next(), title: next(), issuer: next(), basis: [next(), next()], effectiveNote: next(), interpreter: next(),
      ...(ir.policy.sunset ? { sunset: { ...ir.policy.sunset, condition: expr(ir.policy.sunset.condition) } } : {}),
    },
    entities: ir.entities.map((e) => ({
      name: entity.get(e.name)!,
      fields: e.fields.map((f) => ({ name: field.get(`${e.name}.${f.name}`)!, type: renameType(f.type), doc: next(), ...(f.signed ? { signed: true } : {}) })),
    })),
    definitions: ir.definitions.map((d) => ({
      ...d, name: definition.get(d.name)!, type: renameType(d.type), expr: expr(d.expr), note: next(), origin: { ...d.origin, text: next() },
      ...(d.entity ? { entity: entity.get(d.entity)! } : {}),
      ...(d.citation ? { citation: { anchor: next(), label: next(), title: next(), quotes: [...d.citation.quotes.map(() => next()), next()] } } : {}),
    })),
    assumptions: ir.assumptions.map((a) => ({ ...a, name: next(), note: next(), condition: expr(a.condition), origin: { ...a.origin, text: next() } })),
    params: ir.params.map((p) => ({ ...p, name: param.get(p.name)!, unit: next(), values: p.values.map((v) => ({ ...v, source: next() })) })),
    measures: ir.measures.map((m) => {
      const rule = new Map(m.rules.map((r) => [r.name, next()]));
      const outcome = outcomeOf.get(m.name)!;
      return {
        ...m,
        name: measure.get(m.name)!,
        ...(m.recipient !== undefined ? { recipient: next() } : {}),
        ...(m.application !== undefined ? { application: measure.get(m.application) ?? next() } : {}),
        citation: { anchor: next(), label: next(), title: next(), quotes: [...m.citation.quotes.map(() => next()), next()] },
        lead: m.lead.map(() => next()),
        responsible: [...m.responsible.map(() => next()), next()],
        ...(m.subject ? { subject: entity.get(m.subject)! } : {}),
        note: next(),
        outcomes: m.outcomes.map((o) => ({ ...o, name: outcome.get(o.name)!, type: renameType(o.type), ...(o.period ? { period: o.period } : {}) })),
        rules: m.rules.map((r) => ({
          ...r,
          name: rule.get(r.name)!,
          note: next(),
          condition: expr(r.condition),
          overrides: r.overrides.map((x) => rule.get(x)!),
          assignments: r.assignments.map((a) => ({ outcome: outcome.get(a.outcome)!, value: expr(a.value) })),
          origin: { ...r.origin, text: next() },
        })),
        doubts: [...m.doubts, { name: '', readings: [], quotes: [] }].map((d) => ({ ...d, name: next(), adopted: next(), reason: next() })),
      };
    }),
  };
  return { ir: out, entity, field, member };
}

