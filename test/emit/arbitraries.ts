/**
 * fast-check arbitraries derived from an IrProgram: input facts, evaluation dates and
 * events, biased to every boundary the policy mentions.
 *
 * - constants of every comparison and value (t−1, t, t+1), by kind: counts, money (fen),
 *   ratios (ppm), months/years/days, dates (day numbers), texts;
 * - evaluation dates around the effective date, rule validity bounds, parameter change
 *   dates, date constants, month ends and 29 February;
 * - birth-like dates exactly N months/years before the evaluation date (±1 day), so
 *   周岁/月龄 thresholds are hit on both sides, including month-end clamping;
 * - events on, just before and just after the evaluation date and the sunset's dates;
 * - facts, entities and events are sometimes omitted; a minority of cases inject invalid
 *   input (negative, NaN, impossible or future dates, bad enums/money/ratios, unknown
 *   fields/entities incl. `__proto__`, malformed events) to compare InputError lists.
 */
import fc from 'fast-check';
import { addMonthsClamped, dayNumber, formatIso, fromDayNumber, parseDate } from '../../compiler/common/calendar.js';
import type { IrExpr, IrProgram, IrType } from '../../compiler/ir/ir.js';

export interface Case {
  readonly facts: unknown;
  readonly date: unknown;
  /** `undefined`: the argument is omitted. */
  readonly events: unknown;
}

const MIN = dayNumber({ y: 1900, m: 1, d: 1 });
const MAX = dayNumber({ y: 2100, m: 12, d: 31 });

export function day(iso: string): number {
  const r = parseDate(iso);
  if (!r.ok) throw new Error(iso);
  return dayNumber(r.value);
}

export function isoOf(n: number): string {
  return formatIso(fromDayNumber(n));
}

interface Constants {
  int: Set<number>;
  money: Set<number>;
  ratio: Set<number>;
  months: Set<number>;
  days: Set<number>;
  dates: Set<number>;
  texts: Set<string>;
  /** Texts compared with event fields in the sunset condition. */
  eventTexts: Set<string>;
}

function walk(e: IrExpr, f: (x: IrExpr) => void): void {
  f(e);
  switch (e.k) {
    case 'age': walk(e.birth, f); break;
    case 'daysBetween': walk(e.from, f); walk(e.to, f); break;
    case 'not': case 'neg': walk(e.x, f); break;
    case 'and': case 'or': e.xs.forEach((x) => walk(x, f)); break;
    case 'cmp': case 'add': case 'sub': case 'mul': case 'div': walk(e.a, f); walk(e.b, f); break;
    case 'in': walk(e.x, f); e.values.forEach((x) => walk(x, f)); break;
    case 'addMonths': walk(e.date, f); walk(e.months, f); break;
    default: break;
  }
}

function addConst(k: Constants, t: IrType, v: unknown): void {
  if (typeof v === 'string') {
    k.texts.add(v);
    return;
  }
  if (typeof v !== 'number') return;
  switch (t.k) {
    case 'money': k.money.add(v); break;
    case 'date': k.dates.add(v); break;
    case 'int': k.int.add(v); break;
    case 'quantity':
      if (t.dim === 'ratio') k.ratio.add(v);
      else if (t.dim === 'months' || t.dim === 'ageMonths') k.months.add(v);
      else if (t.dim === 'years' || t.dim === 'ageYears') k.months.add(v * 12), k.int.add(v);
      else if (t.dim === 'days') k.days.add(v), k.int.add(v);
      else k.int.add(v);
      break;
    default: break;
  }
}

export function collectConstants(ir: IrProgram): Constants {
  const k: Constants = { int: new Set([0, 1, 2, 3]), money: new Set([0]), ratio: new Set([0, 500000, 1000000]), months: new Set([0, 1, 6, 12]), days: new Set([0, 1]), dates: new Set(), texts: new Set(['']), eventTexts: new Set(['生育支持政策', '其他']) };
  const visit = (x: IrExpr): void => {
    if (x.k === 'const') addConst(k, x.type, x.value);
  };
  for (const m of ir.measures) {
    for (const r of m.rules) {
      walk(r.condition, visit);
      r.assignments.forEach((a) => walk(a.value, visit));
      if (r.validFrom !== undefined) k.dates.add(r.validFrom);
      if (r.validTo !== undefined) k.dates.add(r.validTo);
    }
  }
  for (const p of ir.params) for (const v of p.values) k.dates.add(v.from), addConst(k, p.type, v.value);
  if (ir.policy.effective !== undefined) k.dates.add(ir.policy.effective);
  if (ir.policy.sunset) {
    walk(ir.policy.sunset.condition, (x) => {
      if (x.k === 'const' && typeof x.value === 'string') k.eventTexts.add(x.value);
      visit(x);
    });
  }
  for (const e of ir.entities) for (const f of e.fields) if (f.type.k === 'enum') f.type.members.forEach((m) => k.texts.add(m));
  return k;
}

const around = (xs: Iterable<number>, d: readonly number[] = [-1, 0, 1]): number[] => [...new Set([...xs].flatMap((x) => d.map((i) => x + i)))].sort((a, b) => a - b);

const MONTH_ENDS: readonly number[] = (() => {
  const out: number[] = [];
  for (const y of [2023, 2024, 2025]) for (let m = 1; m <= 12; m++) out.push(dayNumber(addMonthsClamped({ y, m, d: 1 }, 1)) - 1);
  return out;
})();

/**
 * Whether money inputs may have a fractional part. Off while the interpreter mis-reads
 * "x.yz" (see differential.test.ts, `interpreterReadsMoneyFractions`).
 */
let MONEY_FRACTIONS = true;
export function setMoneyFractions(on: boolean): void {
  MONEY_FRACTIONS = on;
}

const SPECIAL_DAYS: readonly number[] = ['2024-02-28', '2024-02-29', '2024-03-01', '2023-02-28', '2023-03-01', '2024-12-31', '2025-01-01', '2020-02-29'].map(day);

/** Money (fen) as the input forms the contract accepts. */
function moneyForms(fen: number): fc.Arbitrary<string | number> {
  const yuan = Math.floor(fen / 100);
  const f = fen % 100;
  const two = `${yuan}.${String(f).padStart(2, '0')}`;
  const minimal = f === 0 ? String(yuan) : f % 10 === 0 ? `${yuan}.${f / 10}` : two;
  return fc.constantFrom<string | number>(two, minimal, Number(minimal));
}

/** Ratio (ppm) as "x%" / "x‰" strings. */
function ratioForms(ppm: number): fc.Arbitrary<string> {
  const pct = `${Math.floor(ppm / 10000)}.${String(ppm % 10000).padStart(4, '0')}`.replace(/\.?0+$/, '');
  const permille = `${Math.floor(ppm / 1000)}.${String(ppm % 1000).padStart(3, '0')}`.replace(/\.?0+$/, '');
  return fc.constantFrom(`${pct}%`, `${permille}‰`, `${Math.floor(ppm / 10000)}.${String(ppm % 10000).padStart(4, '0')}%`);
}

const INVALID_COMMON: unknown[] = [null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, [], {}, 'abc', true];

function invalidFor(t: IrType, evalDay: number): unknown[] {
  switch (t.k) {
    case 'bool': return ['true', 1, 0, null, Number.NaN];
    case 'int': return [-1, 1.5, '3', 2 ** 53, 1e21, ...INVALID_COMMON];
    case 'money': return ['-5', '1.234', '1e3', -1, 0.001, '01', '1,000', 1e21, '', ' 100', '100.', ...INVALID_COMMON];
    case 'date': return ['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-32', '0000-01-01', '24-01-01', '2024/01/01', 20240101, '2024-01-01T00:00:00', isoOf(evalDay + 1), isoOf(evalDay + 400), ...INVALID_COMMON];
    case 'text': return [1, null, [], {}];
    case 'enum': return ['其他', '', 1, null];
    case 'quantity':
      if (t.dim === 'ratio') return ['50', '-5%', '0.00001%', 50, '5 %', '5.%', '1e2%', '%', ...INVALID_COMMON];
      return [-1, 1.5, '3', 2 ** 53, ...INVALID_COMMON];
  }
}

type Resolver = (evalDay: number) => unknown;

/** Value pools of one IR (computed once; the evaluation date is applied at the end). */
function valueArb(t: IrType, k: Constants): fc.Arbitrary<Resolver> {
  const fixed = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<Resolver> => a.map((v) => () => v);
  switch (t.k) {
    case 'bool': return fixed(fc.boolean());
    case 'text': return fixed(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...k.texts) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }));
    case 'enum': return fixed(t.members.length ? fc.constantFrom(...t.members) : fc.constant('x'));
    case 'int':
    case 'quantity': {
      if (t.k === 'quantity' && t.dim === 'ratio') {
        const pool = around(k.ratio, [-100, -1, 0, 1, 100]).filter((x) => x >= 0);
        return fixed(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) }).chain(ratioForms));
      }
      const pool = around([...k.int, ...k.months, ...k.days]).filter((x) => x >= 0);
      return fixed(fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...pool) },
        { weight: 2, arbitrary: fc.nat({ max: 1000 }) },
        { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, 1e9, -0) },
      ));
    }
    case 'money': {
      const pool = around(k.money, [-100, -1, 0, 1, 100]).filter((x) => x >= 0).filter((x) => MONEY_FRACTIONS || x % 100 === 0);
      // bounded so that money × ratio stays a safe integer (the interpreter multiplies in
      // floating point; see the report)
      const any = fc.nat({ max: 1_000_000_000 }).map((x) => (MONEY_FRACTIONS ? x : x - (x % 100)));
      return fixed(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 2, arbitrary: any }).chain(moneyForms));
    }
    case 'date': {
      const months = [...new Set([...k.months, 0, 1, 6, 12])].filter((m) => m >= 0 && m < 12 * 120);
      const relative = fc.tuple(fc.constantFrom(...around(months)), fc.constantFrom(-1, 0, 1)).map(([m, d]): Resolver => (evalDay) => dayNumber(addMonthsClamped(fromDayNumber(evalDay), -Math.max(0, m))) + d);
      const byDays = fc.constantFrom(...around(k.days)).map((d): Resolver => (evalDay) => evalDay - d);
      const consts = around([...k.dates, ...SPECIAL_DAYS, ...MONTH_ENDS]);
      const absolute = fc.constantFrom(...consts).map((d): Resolver => () => d);
      const random = fc.nat({ max: 365 * 60 }).map((back): Resolver => (evalDay) => evalDay - back);
      return fc
        .oneof({ weight: 5, arbitrary: relative }, { weight: 1, arbitrary: byDays }, { weight: 2, arbitrary: absolute }, { weight: 2, arbitrary: random })
        .map((r): Resolver => (evalDay) => isoOf(Math.max(MIN, Math.min(r(evalDay) as number, evalDay))));
    }
  }
}

const LEVELS = ['国家', '省', '市', '县'];

function eventsArb(k: Constants): fc.Arbitrary<Resolver> {
  const days = around([...k.dates, ...SPECIAL_DAYS], [-1, 0, 1]);
  const ev = fc.record(
    {
      日期: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(-1, 0, 1).map((d): Resolver => (evalDay) => evalDay + d) },
        { weight: 2, arbitrary: fc.constantFrom(...days).map((d): Resolver => () => d) },
        { weight: 1, arbitrary: fc.integer({ min: MIN, max: MAX }).map((d): Resolver => () => d) },
      ),
      级别: fc.constantFrom(...LEVELS),
      类别: fc.constantFrom(...k.eventTexts),
      文号: fc.constantFrom(...k.eventTexts),
      标题: fc.string({ maxLength: 4 }),
      来源: fc.constant('测试'),
      已确认: fc.boolean(),
    },
    { requiredKeys: ['日期', '级别', '类别'] },
  );
  const list = fc.array(ev, { maxLength: 3 }).map((xs): Resolver => (evalDay) => xs.map(({ 日期, ...rest }) => ({ 日期: isoOf((日期 as Resolver)(evalDay) as number), ...rest })));
  return fc.oneof({ weight: 1, arbitrary: fc.constant<Resolver>(() => undefined) }, { weight: 4, arbitrary: list });
}

type Mutation =
  | { op: 'value'; e: number; f: number; pick: number }
  | { op: 'unknownField'; e: number; key: string }
  | { op: 'unknownEntity'; key: string; value: unknown }
  | { op: 'entity'; e: number; value: unknown }
  | { op: 'facts'; value: unknown }
  | { op: 'date'; value: unknown }
  | { op: 'events'; value: unknown }
  | { op: 'event'; value: unknown };

const ODD_KEYS = ['外星', '__proto__', 'constructor', 'toString', '0', '12', 'hasOwnProperty', ''];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('value' as const), e: fc.nat(), f: fc.nat(), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unknownField' as const), e: fc.nat(), key: fc.constantFrom(...ODD_KEYS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unknownEntity' as const), key: fc.constantFrom(...ODD_KEYS, '猫'), value: fc.constantFrom<unknown>({}, { a: 1 }, null, 3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('entity' as const), e: fc.nat(), value: fc.constantFrom<unknown>(null, [], 1, 'x', [1]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('facts' as const), value: fc.constantFrom<unknown>(null, [], 'x', 1, undefined) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('date' as const), value: fc.constantFrom<unknown>('2023-02-29', '2024-7-15', undefined, null, 20240715, '2024-07-15T00:00:00Z', '') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('events' as const), value: fc.constantFrom<unknown>(null, {}, 'x', 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('event' as const),
      value: fc.constantFrom<unknown>(null, [], 'x', {}, { 日期: '2024-13-01', 级别: '乡', 类别: 1, 其他: 1 }, { 日期: '2024-02-29', 级别: '省', 类别: '生育支持政策', 标题: 3 }, { 级别: '国家' }),
    }),
  },
);

function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An arbitrary input case for `ir` (valid most of the time). */
export function caseArbitrary(ir: IrProgram): fc.Arbitrary<Case> {
  const k = collectConstants(ir);
  const evalPool = around([...k.dates, ...SPECIAL_DAYS, ...MONTH_ENDS]).filter((d) => d >= MIN && d <= MAX);
  const evalDayArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...evalPool) }, { weight: 1, arbitrary: fc.integer({ min: day('2015-01-01'), max: day('2035-12-31') }) });
  const entities = fc.tuple(
    ...ir.entities.map((e) =>
      fc.option(fc.tuple(...e.fields.map((f) => fc.option(valueArb(f.type, k), { freq: 4, nil: undefined }))), { freq: 7, nil: null }),
    ),
  );
  const mutations = fc.oneof({ weight: 6, arbitrary: fc.constant([] as Mutation[]) }, { weight: 1, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) });
  return fc.record({ evalDay: evalDayArb, entities, events: eventsArb(k), mutations, shuffle: fc.nat() }).map(({ evalDay, entities: vals, events, mutations: muts, shuffle }): Case => {
    let facts: unknown = {};
    const rec = facts as Record<string, unknown>;
    const order = ir.entities.map((_, i) => i);
    if (shuffle % 5 === 0) order.reverse();
    for (const i of order) {
      const e = ir.entities[i]!;
      const v = vals[i];
      if (v === null || v === undefined) continue;
      const obj: Record<string, unknown> = {};
      e.fields.forEach((f, j) => {
        const r = v[j];
        if (r !== undefined) setOwn(obj, f.name, r(evalDay));
      });
      setOwn(rec, e.name, obj);
    }
    let date: unknown = isoOf(evalDay);
    let evs = events(evalDay);
    for (const m of muts) {
      const ent = ir.entities.length ? ir.entities[(m as { e?: number }).e! % ir.entities.length] : undefined;
      switch (m.op) {
        case 'value': {
          if (!ent || ent.fields.length === 0) break;
          const f = ent.fields[m.f % ent.fields.length]!;
          const bad = invalidFor(f.type, evalDay);
          const cur = rec[ent.name];
          const obj = (cur && typeof cur === 'object' && !Array.isArray(cur) ? cur : {}) as Record<string, unknown>;
          setOwn(rec, ent.name, obj);
          setOwn(obj, f.name, bad[m.pick % bad.length]);
          break;
        }
        case 'unknownField': {
          if (!ent) break;
          const cur = rec[ent.name];
          const obj = (cur && typeof cur === 'object' && !Array.isArray(cur) ? cur : {}) as Record<string, unknown>;
          setOwn(rec, ent.name, obj);
          if (!ent.fields.some((f) => f.name === m.key)) setOwn(obj, m.key, 1);
          break;
        }
        case 'unknownEntity':
          if (!ir.entities.some((e) => e.name === m.key)) setOwn(rec, m.key, m.value);
          break;
        case 'entity':
          if (ent) setOwn(rec, ent.name, m.value);
          break;
        case 'facts': facts = m.value; break;
        case 'date': date = m.value; break;
        case 'events': evs = m.value; break;
        case 'event': evs = [...(Array.isArray(evs) ? evs : []), m.value]; break;
      }
    }
    return { facts, date, events: evs };
  });
}

/** Readable rendering of a case for failure messages. */
export function showCase(c: Case): string {
  const own = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    if (Array.isArray(v)) return v.map(own);
    return Object.fromEntries(Object.keys(v).map((k) => [k, own((v as Record<string, unknown>)[k])]));
  };
  return JSON.stringify({ facts: own(c.facts), date: c.date, events: own(c.events) });
}
