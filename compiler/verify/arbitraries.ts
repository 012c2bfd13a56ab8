/**
 * fast-check arbitraries derived from the IR: facts, evaluation dates and events,
 * biased to every boundary constant the rules mention (t−1, t, t+1), to the days an
 * age threshold is reached (and the day before), month ends, 29 February, rule
 * validity bounds and event days.
 * Input: IrProgram. Output: an Arbitrary of concrete, valid inputs (JSON-like).
 * INVARIANT: every generated input passes input validation (dates never after the
 * evaluation date, counts ≥ 0), so a failure is about the rules, not the input.
 */
import fc from 'fast-check';
import { dayNumber, dateWhenMonthsReached, formatIso, fromDayNumber, isLeapYear, daysInMonth, addDays } from '../common/calendar.js';
import type { IrExpr, IrProgram, IrType } from '../ir/ir.js';
import { formatFen, formatRatio, irChildren } from '../interpret/interpreter.js';

export interface GeneratedInput {
  readonly facts: Record<string, Record<string, unknown>>;
  readonly date: string;
  readonly event?: { 日期: string; 级别: string; 类别: string; 地区?: string };
}

interface Boundaries {
  readonly fieldValues: Map<string, Set<number>>;
  readonly ageMonths: Map<string, Set<number>>;
  readonly dates: Set<number>;
  readonly strings: Set<string>;
}


/** Every boundary constant the program mentions. */
export function boundaries(ir: IrProgram): Boundaries {
  const b: Boundaries = { fieldValues: new Map(), ageMonths: new Map(), dates: new Set(), strings: new Set() };
  const addTo = (m: Map<string, Set<number>>, k: string, v: number) => m.set(k, (m.get(k) ?? new Set()).add(v));
  const visit = (e: IrExpr): void => {
    if (e.k === 'const') {
      if (e.type.k === 'date' && typeof e.value === 'number') b.dates.add(e.value);
      if (typeof e.value === 'string') b.strings.add(e.value);
    }
    if (e.k === 'cmp') {
      for (const [x, y] of [[e.a, e.b], [e.b, e.a]] as const) {
        if (y.k !== 'const' || typeof y.value !== 'number') continue;
        if (x.k === 'field') addTo(b.fieldValues, `${x.entity}.${x.field}`, y.value);
        if (x.k === 'age' && x.birth.k === 'field') addTo(b.ageMonths, `${x.birth.entity}.${x.birth.field}`, x.unit === 'years' ? y.value * 12 : y.value);
      }
    }
    irChildren(e).forEach(visit);
  };
  for (const m of ir.measures) for (const r of m.rules) {
    visit(r.condition);
    r.assignments.forEach((a) => visit(a.value));
    if (r.validFrom !== undefined) b.dates.add(r.validFrom);
    if (r.validTo !== undefined) b.dates.add(r.validTo);
  }
  if (ir.policy.sunset) visit(ir.policy.sunset.condition);
  if (ir.policy.effective !== undefined) b.dates.add(ir.policy.effective);
  for (const p of ir.params) for (const v of p.values) b.dates.add(v.from);
  for (const p of ir.properties) { p.asserts.forEach(visit); if (p.condition) visit(p.condition); }
  return b;
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

function valueArb(t: IrType, key: string, b: Boundaries, evalDay: number): fc.Arbitrary<unknown> {
  const near = [...(b.fieldValues.get(key) ?? [])].flatMap((c) => [c - 1, c, c + 1]).filter((v) => v >= 0);
  const ints = (max: number) => (near.length ? fc.oneof(fc.constantFrom(...near), fc.integer({ min: 0, max })) : fc.integer({ min: 0, max }));
  switch (t.k) {
    case 'bool': return fc.boolean();
    case 'int': return ints(12);
    case 'money': return ints(10_000_000).map((fen) => formatFen(fen));
    case 'enum': return t.members.length ? fc.constantFrom(...t.members) : fc.constant('');
    case 'text': return b.strings.size ? fc.oneof(fc.constantFrom(...b.strings), fc.string({ maxLength: 6 })) : fc.string({ maxLength: 6 });
    case 'quantity': return t.dim === 'ratio' ? ints(2_000_000).map(formatRatio) : ints(60);
    case 'date': {
      const ages = [...(b.ageMonths.get(key) ?? [])];
      const on = fromDayNumber(evalDay);
      // birth dates whose age at the evaluation date sits on a threshold: the day the
      // threshold is reached and the day before (民法典 §201–202 boundaries)
      const births = ages.flatMap((k) => {
        const out: number[] = [];
        for (const kk of [k - 1, k, k + 1]) {
          if (kk < 0) continue;
          // birth B with dateWhenMonthsReached(B, kk) == evalDay: search backwards
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
  }
}

/** Arbitrary inputs for a program: facts (entities and fields sometimes absent), date, event. */
export function inputArbitrary(ir: IrProgram, opts: { withEvent?: boolean; complete?: boolean } = {}): fc.Arbitrary<GeneratedInput> {
  const b = boundaries(ir);
  return evalDateArb(b).chain((evalDay) => {
    const entities: Record<string, fc.Arbitrary<Record<string, unknown>>> = {};
    for (const e of ir.entities) {
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const f of e.fields) fields[f.name] = valueArb(f.type, `${e.name}.${f.name}`, b, evalDay);
      entities[e.name] = fc.record(fields, opts.complete ? {} : { requiredKeys: e.fields.filter((_, i) => i % 7 !== 6).map((f) => f.name) });
    }
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
