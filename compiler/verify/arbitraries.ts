/**
 * fast-check arbitraries derived from the IR: facts (nested records and lists of records),
 * evaluation dates and events, biased to every boundary constant the rules mention
 * (t−1, t, t+1), to the days an age threshold is reached (and the day before), month ends,
 * 29 February, rule validity bounds, event days, the ends of every uncertain date's range
 * (施行日、某日: lo−1, lo, lo+1, hi−1, hi, hi+1), ratio thresholds (± 0.01%), negative values
 * of 可为负 fields, and list lengths 0, 1, the SMT list bound B and beyond it (B+1, B+2: what
 * the bounded SMT encoding cannot see).
 * Declared 前提 of simple shapes are satisfied by construction instead of by discarding
 * (`assumptionConstraints`): a bound on an integer field (`入托幼儿.同胎序号 ≥ 1`, also on every
 * element of a list: `家庭.子女 均满足（同胎序号 ≥ 1）`), a maximum list length
 * (`数量（家庭.夫妻） ≤ 2`), and no two elements of a list sharing key fields (`家庭.子女 均满足
 * （「同一出生日期与同胎序号的人数」 = 1）` with that definition a count over the same list of the
 * elements whose fields equal its own). The property engine still checks every 前提 (others by
 * discarding); a constrained generator only stops producing inputs that would be discarded.
 * Input: IrProgram. Output: an Arbitrary of concrete, valid inputs (JSON-like).
 * INVARIANT: every generated input passes input validation (dates never after the
 * evaluation date, counts ≥ 0 unless 可为负), so a failure is about the rules, not the input.
 */
import fc from 'fast-check';
import Fraction from 'fraction.js';
import { dayNumber, dateWhenMonthsReached, formatIso, fromDayNumber, isLeapYear, daysInMonth, addDays } from '../common/calendar.js';
import type { IrEntity, IrExpr, IrProgram, IrType } from '../ir/ir.js';
import { isRatio } from '../ir/ir.js';
import { formatFen, irChildren } from '../interpret/interpreter.js';
import { DEFAULT_LIST_BOUND } from './smt.js';

export interface GeneratedInput {
  readonly facts: Record<string, Record<string, unknown>>;
  readonly date: string;
  readonly event?: { 日期: string; 级别: string; 类别: string; 地区?: string };
}

interface Boundaries {
  /** `实体.字段` → integer constants compared with it (money in fen, dates as day numbers …). */
  readonly fieldValues: Map<string, Set<number>>;
  /** `实体.字段` → ratio constants compared with it. */
  readonly ratios: Map<string, Fraction[]>;
  readonly ageMonths: Map<string, Set<number>>;
  readonly dates: Set<number>;
  readonly strings: Set<string>;
}

/** `实体.字段` of a field access (a root entity's field, or a field of any record of that entity type). */
function fieldKey(x: IrExpr): string | undefined {
  if (x.k === 'field') return `${x.entity}.${x.field}`;
  if (x.k === 'get' && x.of.type.k === 'entity') return `${x.of.type.name}.${x.field}`;
  return undefined;
}

/** Every boundary constant the program mentions. */
export function boundaries(ir: IrProgram): Boundaries {
  const b: Boundaries = { fieldValues: new Map(), ratios: new Map(), ageMonths: new Map(), dates: new Set(), strings: new Set() };
  const addTo = (m: Map<string, Set<number>>, k: string, v: number) => m.set(k, (m.get(k) ?? new Set()).add(v));
  const visit = (e: IrExpr): void => {
    if (e.k === 'const') {
      if (e.type.k === 'date' && typeof e.value === 'number') b.dates.add(e.value);
      if (typeof e.value === 'string' && !isRatio(e.type)) b.strings.add(e.value);
    }
    if (e.k === 'someDay') for (const d of [e.lo, e.hi]) b.dates.add(d);
    if (e.k === 'cmp') {
      for (const [x, y] of [[e.a, e.b], [e.b, e.a]] as const) {
        if (y.k !== 'const') continue;
        const key = fieldKey(x);
        if (key && typeof y.value === 'number') addTo(b.fieldValues, key, y.value);
        if (key && typeof y.value === 'string' && isRatio(y.type)) b.ratios.set(key, [...(b.ratios.get(key) ?? []), new Fraction(y.value)]);
        const birth = x.k === 'age' ? fieldKey(x.birth) : undefined;
        if (x.k === 'age' && birth && typeof y.value === 'number') addTo(b.ageMonths, birth, x.unit === 'years' ? y.value * 12 : y.value);
      }
    }
    irChildren(e).forEach(visit);
  };
  for (const m of ir.measures) for (const r of m.rules) {
    visit(r.condition);
    r.assignments.forEach((a) => visit(a.value));
    if (r.validFrom !== undefined) b.dates.add(r.validFrom);
    if (r.validTo !== undefined) b.dates.add(r.validTo);
    // (the ends of a validity counted from an uncertain 施行日: both ends of each range)
    for (const x of [r.validFromRange, r.validToRange]) if (x && x.shifts) { b.dates.add(x.lo); b.dates.add(x.hi); }
  }
  if (ir.policy.sunset) visit(ir.policy.sunset.condition);
  if (ir.policy.effective !== undefined) b.dates.add(ir.policy.effective);
  if (ir.policy.effectiveRange) for (const d of [ir.policy.effectiveRange.lo, ir.policy.effectiveRange.hi]) b.dates.add(d);
  for (const p of ir.params) for (const v of p.values) b.dates.add(v.from);
  for (const p of ir.properties) { p.asserts.forEach(visit); if (p.condition) visit(p.condition); }
  for (const d of ir.definitions) visit(d.expr);
  for (const a of ir.assumptions) visit(a.condition);
  return b;
}

/**
 * Shapes of 前提 the generator satisfies by construction, keyed by input path: `实体.字段` for a
 * root entity's field, `…字段[]` for the elements of a list, `….字段` below.
 */
export interface Constraints {
  /** Integer field path → inclusive bounds. */
  readonly bounds: Map<string, { min: number; max: number }>;
  /** List path → maximum length. */
  readonly maxLength: Map<string, number>;
  /** List path → key fields no two elements share (all together). */
  readonly unique: Map<string, readonly string[]>;
}

/** Input path of an expression (element variables bound to their list's `…[]`), if it is one. */
function pathOf(e: IrExpr, vars: ReadonlyMap<string, string>): string | undefined {
  if (e.k === 'field') return `${e.entity}.${e.field}`;
  if (e.k === 'root') return e.entity;
  if (e.k === 'var') return vars.get(e.name);
  if (e.k === 'get') {
    const p = pathOf(e.of, vars);
    return p === undefined ? undefined : `${p}.${e.field}`;
  }
  return undefined;
}

const FLIP: Record<string, string> = { '>=': '<=', '<=': '>=', '>': '<', '<': '>', '=': '=', '!=': '!=' };

/** The 前提 conjuncts of the shapes above (anything else is left to discarding). */
export function assumptionConstraints(ir: IrProgram): Constraints {
  const c: Constraints = { bounds: new Map(), maxLength: new Map(), unique: new Map() };
  const bound = (path: string, min: number, max: number) => {
    const b = c.bounds.get(path) ?? { min: -Infinity, max: Infinity };
    c.bounds.set(path, { min: Math.max(b.min, min), max: Math.min(b.max, max) });
  };
  const visit = (e: IrExpr, vars: ReadonlyMap<string, string>): void => {
    if (e.k === 'and') {
      for (const x of e.xs) visit(x, vars);
      return;
    }
    if (e.k === 'quant' && e.q === 'forall' && e.body) {
      const list = pathOf(e.list, vars);
      if (list !== undefined) visit(e.body, new Map([...vars, [e.var, `${list}[]`]]));
      return;
    }
    if (e.k !== 'cmp') return;
    const [x, k, op] = e.b.k === 'const' ? [e.a, e.b, e.op] : e.a.k === 'const' ? [e.b, e.a, FLIP[e.op]!] : [undefined, undefined, e.op];
    if (!x || !k || typeof k.value !== 'number' || !Number.isSafeInteger(k.value)) return;
    const n = k.value;
    // an integer field compared with a constant
    const p = x.type.k === 'int' ? pathOf(x, vars) : undefined;
    if (p !== undefined) {
      if (op === '>=') bound(p, n, Infinity);
      else if (op === '>') bound(p, n + 1, Infinity);
      else if (op === '<=') bound(p, -Infinity, n);
      else if (op === '<') bound(p, -Infinity, n - 1);
      else if (op === '=') bound(p, n, n);
      return;
    }
    // 数量（L） ≤ n
    if (x.k === 'quant' && x.q === 'count' && !x.body && (op === '<=' || op === '<')) {
      const list = pathOf(x.list, vars);
      if (list !== undefined) c.maxLength.set(list, Math.min(c.maxLength.get(list) ?? Infinity, op === '<' ? n - 1 : n));
      return;
    }
    // inside 均满足 over L: 「self 的键相同的元素数」 = 1 (or ≤ 1), a definition on the element
    if (x.k === 'def' && x.of?.k === 'var' && (op === '=' || op === '<=') && n === 1) {
      const list = vars.get(x.of.name);
      const d = ir.definitions.find((y) => y.name === x.name);
      const keys = d && list ? uniqueKeys(d.expr, list.slice(0, -2)) : undefined;
      if (keys && list) c.unique.set(list.slice(0, -2), keys);
    }
  };
  for (const a of ir.assumptions) visit(a.condition, new Map());
  return c;
}

/**
 * A definition on an element of `list` counting the elements of that same list whose key fields
 * equal its own (`数量（L，a = 其.a 且 b = 其.b）`): the key fields, else undefined.
 */
function uniqueKeys(e: IrExpr, list: string): string[] | undefined {
  if (e.k !== 'quant' || e.q !== 'count' || !e.body || pathOf(e.list, new Map()) !== list) return undefined;
  const conj = e.body.k === 'and' ? e.body.xs : [e.body];
  const keys: string[] = [];
  for (const x of conj) {
    if (x.k !== 'cmp' || x.op !== '=' || x.a.k !== 'get' || x.b.k !== 'get' || x.a.field !== x.b.field) return undefined;
    const vs = [x.a.of, x.b.of];
    if (!vs.every((v) => v.k === 'var') || !vs.some((v) => v.k === 'var' && v.name === e.var) || !vs.some((v) => v.k === 'var' && v.name === '@self')) return undefined;
    keys.push(x.a.field);
  }
  return keys.length ? keys : undefined;
}

const DAY_2020 = 18262;
const DAY_2035 = 23741;

/** Evaluation dates: boundaries ±1, month ends, 29 Feb, and random days. */
function evalDateArb(b: Boundaries): fc.Arbitrary<number> {
  const near = [...b.dates].flatMap((d) => [d - 1, d, d + 1]).filter((d) => d >= 0);
  const special: number[] = [];
  for (let y = 2020; y <= 2030; y++) {
    for (let m = 1; m <= 12; m++) special.push(dayNumber({ y, m, d: daysInMonth(y, m) }));
    if (isLeapYear(y)) special.push(dayNumber({ y, m: 2, d: 29 }), dayNumber({ y, m: 3, d: 1 }));
  }
  const arbs: fc.Arbitrary<number>[] = [fc.integer({ min: DAY_2020, max: DAY_2035 }), fc.constantFrom(...special)];
  if (near.length) arbs.push(fc.constantFrom(...near));
  return fc.oneof(...arbs);
}

/** A percentage text for an exact ratio, if its decimal expansion terminates. */
function percent(f: Fraction): string | undefined {
  const s = f.mul(100).toString();
  return s.includes('(') ? undefined : `${s}%`;
}

interface Gen {
  readonly ir: IrProgram;
  readonly b: Boundaries;
  readonly c: Constraints;
  readonly evalDay: number;
  readonly complete: boolean;
  readonly listBound: number;
}

function valueArb(t: IrType, key: string, g: Gen, signed: boolean, depth: number, path: string): fc.Arbitrary<unknown> {
  const { b, evalDay } = g;
  const near = [...(g.b.fieldValues.get(key) ?? [])].flatMap((c) => [c - 1, c, c + 1]).filter((v) => signed || v >= 0);
  const ints = (max: number) => {
    const random = fc.integer({ min: signed ? -max : 0, max });
    return near.length ? fc.oneof(fc.constantFrom(...near), random) : random;
  };
  switch (t.k) {
    case 'bool': return fc.boolean();
    case 'int': {
      // a 前提 bound on this field: the same distribution, within the bound
      const bd = g.c.bounds.get(path);
      if (!bd) return ints(12);
      const lo = Math.max(bd.min, signed ? -12 : 0);
      const hi = Math.min(bd.max, Math.max(12, lo));
      const inside = near.filter((v) => v >= bd.min && v <= bd.max);
      if (lo > hi) return ints(12); // no value in range: left to discarding (an unsatisfiable 前提 is ZC0918)
      const random = fc.integer({ min: lo, max: hi });
      return inside.length ? fc.oneof(fc.constantFrom(...inside), random) : random;
    }
    case 'money': return ints(10_000_000).map((fen) => formatFen(fen));
    case 'enum': return t.members.length ? fc.constantFrom(...t.members) : fc.constant('');
    case 'text': return b.strings.size ? fc.oneof(fc.constantFrom(...b.strings), fc.string({ maxLength: 6 })) : fc.string({ maxLength: 6 });
    case 'quantity': {
      if (t.dim !== 'ratio') return ints(60);
      // thresholds the rules compare with, ± 0.01 percentage point; random thousandths of a percent
      const step = new Fraction(1, 10_000);
      const pool = (b.ratios.get(key) ?? []).flatMap((c) => [c.sub(step), c, c.add(step)]).filter((f) => signed || f.s >= 0n || f.n === 0n)
        .map(percent).filter((x): x is string => !!x);
      const random = fc.integer({ min: signed ? -200_000 : 0, max: 200_000 }).map((k) => `${new Fraction(k, 1000).toString()}%`);
      return pool.length ? fc.oneof(fc.constantFrom(...pool), random) : random;
    }
    case 'date': {
      const ages = [...(b.ageMonths.get(key) ?? [])];
      const on = fromDayNumber(evalDay);
      // birth dates whose age at the evaluation date sits on a threshold: the day the
      // threshold is reached and the day before (民法典 §201–202 boundaries)
      const births = ages.flatMap((k) => {
        const out: number[] = [];
        for (const kk of [k - 1, k, k + 1]) {
          if (kk < 0) continue;
          const approx = dayNumber(addDays(on, -Math.round(kk * 30.44)));
          for (let dd = approx - 3; dd <= approx + 3; dd++) {
            if (dd > evalDay) continue;
            const reach = dayNumber(dateWhenMonthsReached(fromDayNumber(dd), kk));
            if (reach === evalDay || reach === evalDay + 1) out.push(dd);
          }
        }
        return out;
      });
      const dates = [...b.dates].filter((d) => d <= evalDay).flatMap((d) => [d - 1, d, d + 1]).filter((d) => d <= evalDay);
      const pool = [...births, ...dates];
      const random = fc.integer({ min: evalDay - 6 * 366, max: evalDay });
      return (pool.length ? fc.oneof(fc.constantFrom(...pool), random) : random).map((d) => formatIso(fromDayNumber(d)));
    }
    case 'entity': {
      const ent = g.ir.entities.find((e) => e.name === t.name);
      return ent && depth < 3 ? recordArb(ent, g, depth + 1, path) : fc.constant({});
    }
    case 'list': {
      const ent = g.ir.entities.find((e) => e.name === t.elem);
      if (!ent || depth >= 3) return fc.constant([]);
      const B = g.listBound;
      // lengths 0, 1, B and beyond B, and anything up to B — within a 前提's maximum
      const cap = g.c.maxLength.get(path) ?? Infinity;
      const len = cap >= B + 2
        ? fc.oneof(fc.constant(0), fc.constant(1), fc.constant(B), fc.integer({ min: B + 1, max: B + 2 }), fc.integer({ min: 0, max: B }))
        : cap <= 0 ? fc.constant(0) : fc.oneof(fc.constant(0), fc.constant(1), fc.constant(cap), fc.integer({ min: 0, max: cap }));
      const rec = recordArb(ent, g, depth + 1, `${path}[]`);
      const keys = g.c.unique.get(path);
      const arr = len.chain((n) => fc.array(rec, { minLength: n, maxLength: n }));
      if (!keys) return arr;
      // no two elements with the same key fields: later duplicates are dropped
      return arr.map((xs) => {
        const seen = new Set<string>();
        return xs.filter((x) => {
          const k = JSON.stringify(keys.map((f) => x[f] ?? null));
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      });
    }
  }
}

function recordArb(ent: IrEntity, g: Gen, depth: number, path: string): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of ent.fields) fields[f.name] = valueArb(f.type, `${ent.name}.${f.name}`, g, !!f.signed, depth, `${path}.${f.name}`);
  return fc.record(fields, g.complete ? {} : { requiredKeys: ent.fields.filter((_, i) => i % 7 !== 6).map((f) => f.name) });
}

/** Arbitrary inputs for a program: facts (entities and fields sometimes absent), date, event. */
export function inputArbitrary(ir: IrProgram, opts: { withEvent?: boolean; complete?: boolean; listBound?: number } = {}): fc.Arbitrary<GeneratedInput> {
  const b = boundaries(ir);
  const c = assumptionConstraints(ir);
  return evalDateArb(b).chain((evalDay) => {
    const g: Gen = { ir, b, c, evalDay, complete: !!opts.complete, listBound: opts.listBound ?? DEFAULT_LIST_BOUND };
    const entities: Record<string, fc.Arbitrary<Record<string, unknown>>> = {};
    for (const e of ir.entities) entities[e.name] = recordArb(e, g, 0, e.name);
    const facts = fc.record(entities, opts.complete ? {} : { requiredKeys: Object.keys(entities).filter((_, i) => i % 5 !== 4) });
    const eventDays = [...b.dates, evalDay].flatMap((d) => [d - 1, d, d + 1]).filter((d) => d <= evalDay + 1);
    const event = fc.record({
      日期: fc.oneof(fc.constantFrom(...eventDays), fc.integer({ min: DAY_2020, max: DAY_2035 })).map((d) => formatIso(fromDayNumber(d))),
      级别: fc.constantFrom('国家', '省', '市', '县'),
      类别: b.strings.size ? fc.oneof(fc.constantFrom(...b.strings), fc.constant('其他政策')) : fc.constant('生育支持政策'),
    });
    const date = formatIso(fromDayNumber(evalDay));
    return opts.withEvent
      ? fc.record({ facts, event }).map((r) => ({ facts: r.facts, date, event: r.event }))
      : facts.map((f) => ({ facts: f, date }));
  });
}
