/**
 * Specialise an IR to chosen values of its uncertain dates, for witness replay.
 * Input: IrProgram + the values of 施行日 (a range) and of 某日（lo，hi） nodes (by source
 * place). Output: the same program where those dates are known — the policy's effective
 * date set (and the ends of validity periods counted from it), each chosen 某日 a date constant.
 * The interpreter gives 存疑 while a date is uncertain; a solver witness holds for one value
 * of the date, and is replayed on the program where the date has that value.
 */
import { dayNumber, formatIso, fromDayNumber } from '../common/calendar.js';
import { parseDate } from '../common/calendar.js';
import type { IrExpr, IrProgram } from '../ir/ir.js';
import { someDayKey, type UncertainChoice } from './smt.js';
import { shiftDay } from '../semantics/validity.js';

/** Map every expression of an IR bottom-up. */
export function mapExpr(e: IrExpr, f: (e: IrExpr) => IrExpr): IrExpr {
  const m = (x: IrExpr) => mapExpr(x, f);
  let out: IrExpr;
  switch (e.k) {
    case 'age': out = { ...e, birth: m(e.birth) }; break;
    case 'daysBetween': out = { ...e, from: m(e.from), to: m(e.to) }; break;
    case 'not': case 'neg': out = { ...e, x: m(e.x) }; break;
    case 'and': case 'or': out = { ...e, xs: e.xs.map(m) }; break;
    case 'cmp': out = { ...e, a: m(e.a), b: m(e.b) }; break;
    case 'in': out = { ...e, x: m(e.x), values: e.values.map(m) }; break;
    case 'add': case 'sub': case 'mul': case 'div': out = { ...e, a: m(e.a), b: m(e.b) }; break;
    case 'addMonths': out = { ...e, date: m(e.date), months: m(e.months) }; break;
    case 'workdays': out = { ...e, start: m(e.start), n: m(e.n) }; break;
    case 'get': out = { ...e, of: m(e.of) }; break;
    case 'def': out = e.of ? { ...e, of: m(e.of) } : e; break;
    case 'quant': out = { ...e, list: m(e.list), ...(e.body ? { body: m(e.body) } : {}) }; break;
    case 'nth': out = { ...e, list: m(e.list), key: m(e.key) }; break;
    default: out = e;
  }
  return f(out);
}

/** Map every expression of a program. */
export function mapProgram(ir: IrProgram, f: (e: IrExpr) => IrExpr): IrProgram {
  const m = (x: IrExpr) => mapExpr(x, f);
  return {
    ...ir,
    policy: ir.policy.sunset ? { ...ir.policy, sunset: { ...ir.policy.sunset, condition: m(ir.policy.sunset.condition) } } : ir.policy,
    measures: ir.measures.map((me) => ({
      ...me, rules: me.rules.map((r) => ({ ...r, condition: m(r.condition), assignments: r.assignments.map((a) => ({ ...a, value: m(a.value) })) })),
    })),
    properties: ir.properties.map((p) => ({ ...p, asserts: p.asserts.map(m), ...(p.condition ? { condition: m(p.condition) } : {}) })),
    definitions: ir.definitions.map((d) => ({ ...d, expr: m(d.expr) })),
    assumptions: ir.assumptions.map((a) => ({ ...a, condition: m(a.condition) })),
  };
}

function day(iso: string): number {
  const r = parseDate(iso);
  return r.ok ? dayNumber(r.value) : NaN;
}

/**
 * The program with its uncertain dates fixed: `second` takes each choice's value2 (when set).
 * Returns the program unchanged when there is nothing to fix.
 */
export function specialise(ir: IrProgram, dates: readonly UncertainChoice[] | undefined, second = false): IrProgram {
  if (!dates?.length) return ir;
  const at = new Map(dates.map((d) => [d.key, day(second && d.value2 ? d.value2 : d.value)] as const));
  let out = ir;
  const eff = at.get('施行日');
  if (eff !== undefined && ir.policy.effectiveRange) {
    const { effectiveRange: _r, ...policy } = ir.policy;
    void _r;
    out = { ...out, policy: { ...policy, effective: eff, effectiveIso: formatIso(fromDayNumber(eff)) } };
    // a validity counted from the 施行日: its ends on the chosen day (as lowering computes them for a certain 施行日)
    out = {
      ...out,
      measures: out.measures.map((m) => (m.rules.some((r) => r.validFromRange?.shifts || r.validToRange?.shifts) ? {
        ...m,
        rules: m.rules.map((r) => {
          if (!r.validFromRange?.shifts && !r.validToRange?.shifts) return r;
          const { validFromRange: f, validToRange: t, ...rest } = r;
          return {
            ...rest,
            ...(f?.shifts ? { validFrom: shiftDay(eff, f.shifts) } : f ? { validFromRange: f } : {}),
            ...(t?.shifts ? { validTo: shiftDay(eff, t.shifts) } : t ? { validToRange: t } : {}),
          };
        }),
      } : m)),
    };
  }
  if ([...at.keys()].some((k) => k !== '施行日')) {
    out = mapProgram(out, (e) => {
      if (e.k !== 'someDay') return e;
      const v = at.get(someDayKey(e));
      return v === undefined ? e : { k: 'const', type: { k: 'date' }, value: v, origin: e.origin };
    });
  }
  return out;
}
