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
import type {
  CmpOp, IrAssumption, IrDefinition, IrExpr, IrField, IrMeasure, IrParam, IrPolicy, IrProgram, IrRule, IrType, Origin,
} from '../../compiler/ir/ir.js';
import { unitOf } from '../../compiler/ir/ir.js';
import { irChildren } from '../../compiler/interpret/interpreter.js';

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
  for (const c of irChildren(e)) walk(c, f);
}

function addConst(k: Constants, t: IrType, v: unknown): void {
  if (typeof v === 'string' && t.k === 'quantity' && t.dim === 'ratio') {
    // "n/d" → ppm when exact (the input pools are in ppm)
    const [n, d] = v.split('/').map(BigInt) as [bigint, bigint];
    if ((n * 1_000_000n) % d === 0n) k.ratio.add(Math.abs(Number((n * 1_000_000n) / d)));
    return;
  }
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
    if (x.k === 'someDay') k.dates.add(x.lo), k.dates.add(x.hi);
  };
  for (const m of ir.measures) {
    for (const r of m.rules) {
      walk(r.condition, visit);
      r.assignments.forEach((a) => walk(a.value, visit));
      if (r.validFrom !== undefined) k.dates.add(r.validFrom);
      if (r.validTo !== undefined) k.dates.add(r.validTo);
      for (const x of [r.validFromRange, r.validToRange]) if (x && x.shifts) { k.dates.add(x.lo); k.dates.add(x.hi); }
    }
  }
  for (const d of ir.definitions) walk(d.expr, visit);
  for (const a of ir.assumptions) walk(a.condition, visit);
  for (const p of ir.params) for (const v of p.values) k.dates.add(v.from), addConst(k, p.type, v.value);
  if (ir.policy.effective !== undefined) k.dates.add(ir.policy.effective);
  if (ir.policy.effectiveRange) k.dates.add(ir.policy.effectiveRange.lo), k.dates.add(ir.policy.effectiveRange.hi);
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
    case 'entity': return [1, 'x', [], null, [{}]];
    case 'list': return [{}, 1, 'x', null, [1], [null], [[]]];
  }
}

type Resolver = (evalDay: number) => unknown;

/** Value pools of one IR (computed once; the evaluation date is applied at the end). */
function valueArb(f: Pick<IrField, 'type' | 'signed'>, k: Constants, ir: IrProgram, depth = 0): fc.Arbitrary<Resolver> {
  const t = f.type;
  const signed = f.signed === true;
  const fixed = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<Resolver> => a.map((v) => () => v);
  switch (t.k) {
    case 'bool': return fixed(fc.boolean());
    case 'text': return fixed(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...k.texts) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }));
    case 'enum': return fixed(t.members.length ? fc.constantFrom(...t.members) : fc.constant('x'));
    case 'int':
    case 'quantity': {
      if (t.k === 'quantity' && t.dim === 'ratio') {
        const pool = around(k.ratio, [-100, -1, 0, 1, 100]).filter((x) => x >= 0);
        const mag = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) }).chain(ratioForms);
        return fixed(signed ? fc.tuple(mag, fc.boolean()).map(([v, neg]) => (neg ? `-${v}` : v)) : mag);
      }
      const pool = around([...k.int, ...k.months, ...k.days]).filter((x) => signed || x >= 0);
      return fixed(fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...pool) },
        { weight: 2, arbitrary: signed ? fc.integer({ min: -1000, max: 1000 }) : fc.nat({ max: 1000 }) },
        { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, 1e9, -0, ...(signed ? [-Number.MAX_SAFE_INTEGER] : [])) },
      ));
    }
    case 'money': {
      // fen: whole 元 and fractions alike (t−1 fen, t, t+1 fen around every constant)
      const pool = around(k.money, [-100, -1, 0, 1, 100]).filter((x) => x >= 0);
      // bounded so that money × ratio stays a safe integer
      const any = fc.nat({ max: 1_000_000_000 });
      const mag = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 2, arbitrary: any }).chain(moneyForms);
      return fixed(signed ? fc.tuple(mag, fc.boolean()).map(([v, neg]) => (neg ? (typeof v === 'number' ? -v : `-${v}`) : v)) : mag);
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
    case 'entity':
    case 'list': {
      const ent = ir.entities.find((e) => e.name === (t.k === 'entity' ? t.name : t.elem));
      if (!ent || depth >= 2) return fixed(fc.constant(t.k === 'list' ? [] : {}));
      const record = fc.tuple(...ent.fields.map((x) => fc.option(valueArb(x, k, ir, depth + 1), { freq: 3, nil: undefined }))).map((vs): Resolver => (evalDay) => {
        const o: Record<string, unknown> = {};
        ent.fields.forEach((x, i) => {
          const r = vs[i];
          if (r !== undefined) setOwn(o, x.name, r(evalDay));
        });
        return o;
      });
      if (t.k === 'entity') return record;
      return fc.array(record, { maxLength: 3 }).map((rs): Resolver => (evalDay) => rs.map((r) => r(evalDay)));
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
      fc.option(fc.tuple(...e.fields.map((f) => fc.option(valueArb(f, k, ir), { freq: 4, nil: undefined }))), { freq: 7, nil: null }),
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

// ═══════════════════════════ random programs (IR), per construct family ═══════════════════════════
//
// For the differential tests of the language-depth constructs (issue 9): a well-typed random
// IrProgram (entities with nested records and lists, definitions, measures with rules,
// exceptions, validity periods, outcomes of every type, assumptions, parameters, an effective
// date that may be known only within a range) and random inputs for it. A family biases the
// generator towards one group of constructs; every program also mixes in the others.
// Generation draws from a PRNG seeded by fast-check, so runs are seeded and reproducible.

/** The construct families of issue 9, each with its own differential suite. */
export const FAMILIES = ['definitions', 'lists', 'dates', 'numbers', 'assumptions', 'references', 'claims'] as const;
export type Family = (typeof FAMILIES)[number];

/** Random choices. */
export interface Rnd {
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
}

/** Random choices from a PRNG (mulberry32) seeded by fast-check: the counterexample of a failure is one integer. */
export function rndOfSeed(seed: number): Rnd {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (p) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!,
  };
}

const T = {
  bool: { k: 'bool' },
  int: { k: 'int' },
  money: { k: 'money' },
  date: { k: 'date' },
  text: { k: 'text' },
  enum: { k: 'enum', name: '户籍地', members: ['本县', '外县', '外省'] },
  ratio: { k: 'quantity', dim: 'ratio' },
  days: { k: 'quantity', dim: 'days' },
  months: { k: 'quantity', dim: 'months' },
  workdays: { k: 'quantity', dim: 'workdays' },
  ageYears: { k: 'quantity', dim: 'ageYears' },
  ageMonths: { k: 'quantity', dim: 'ageMonths' },
} as const satisfies Record<string, IrType>;

type Kind = keyof typeof T;
const PERSON = '人';
const HOUSEHOLD = '家庭';
const AGENCY = '机构';

/** Kinds whose values are ordered (comparisons, max/min, keys). */
const ORDERED: readonly Kind[] = ['int', 'money', 'date', 'ratio', 'days', 'ageYears', 'ageMonths'];
/** Kinds an outcome or a definition may have. */
const VALUE_KINDS: readonly Kind[] = ['bool', 'int', 'money', 'date', 'ratio', 'days', 'ageYears', 'enum', 'text'];

function kindOf(t: IrType): Kind | undefined {
  if (t.k === 'quantity') return (Object.keys(T) as Kind[]).find((k) => T[k].k === 'quantity' && (T[k] as { dim: string }).dim === t.dim);
  return (Object.keys(T) as Kind[]).find((k) => T[k].k === t.k);
}

interface DefInfo { readonly name: string; readonly entity?: string; readonly kind: Kind }
interface MeasureInfo { readonly name: string; readonly outcomes: readonly { name: string; kind: Kind }[] }

/** What an expression may refer to. */
interface Scope {
  readonly vars: readonly { readonly name: string; readonly entity: string }[];
  /** The entity of `@self` (a definition on an entity). */
  readonly self?: string;
  readonly defs: readonly DefInfo[];
  readonly measures: readonly MeasureInfo[];
}

const DAY0 = day('2015-01-01');

class ProgramGen {
  private pos = 0;
  private vars = 0;
  private readonly consts = { dates: new Set<number>(), ints: new Set<number>([0, 1, 2, 3]), money: new Set<number>([0]), ratio: new Set<string>(['0/1', '1/2', '1/1']) };
  readonly signed: Record<string, boolean>;
  readonly entities: IrProgram['entities'];
  private readonly someDays: [number, number][] = [];

  constructor(readonly r: Rnd, readonly family: Family) {
    const s = (p: number): boolean => r.chance(family === 'numbers' ? 0.6 : p);
    this.signed = { 序号: s(0.2), 收入: s(0.3), 份额: s(0.2), 子女数: s(0.1), 差额: s(0.5), 比例: s(0.3) };
    const f = (name: string, type: IrType, doc?: string): IrProgram['entities'][number]['fields'][number] => ({ name, type, ...(doc ? { doc } : {}), ...(this.signed[name] ? { signed: true } : {}) });
    this.entities = [
      {
        name: PERSON,
        fields: [
          f('出生日期', T.date, '出生日期'), f('户籍', T.enum), f('序号', T.int, '同胎序号'), f('收入', T.money), f('份额', T.ratio), f('在册', T.bool), f('姓名', T.text),
          f('子女', { k: 'list', elem: PERSON }),
        ],
      },
      {
        name: HOUSEHOLD,
        fields: [
          f('成员', { k: 'list', elem: PERSON }, '家庭成员'), f('户主', { k: 'entity', name: PERSON }), f('子女数', T.int), f('差额', T.money), f('登记日', T.date),
          f('比例', T.ratio), f('户籍', T.enum), f('低保', T.bool),
        ],
      },
      { name: AGENCY, fields: [f('名称', T.text), f('备案', T.bool), f('成立日', T.date), f('床位', T.int)] },
    ];
  }

  origin(text: string): Origin {
    const start = this.pos;
    this.pos += text.length + 1;
    return { file: 'gen.zc', start, end: start + text.length, text };
  }

  // ── constants ──
  dateConst(): number {
    const r = this.r;
    const d = r.chance(0.3) && this.consts.dates.size ? r.pick([...this.consts.dates]) + r.pick([-1, 0, 1]) : DAY0 + r.int(0, 365 * 12);
    this.consts.dates.add(d);
    return d;
  }

  const(kind: Kind): IrExpr {
    const r = this.r;
    let value: number | boolean | string;
    let text: string;
    switch (kind) {
      case 'bool': value = r.chance(0.5); text = value ? '是' : '否'; break;
      case 'int': value = r.pick([0, 1, 2, 3, 4, 5, 7, 10, -1, -3]); if (!this.signedOk()) value = Math.abs(value); this.consts.ints.add(value); text = String(value); break;
      case 'money': value = r.pick([0, 100, 50000, 100000, 30001, 99, 123456, 200000]) * (this.signedOk() && r.chance(0.1) ? -1 : 1); this.consts.money.add(value); text = `${value / 100}元`; break;
      case 'date': value = this.dateConst(); text = isoOf(value); break;
      case 'ratio': {
        const [n, d] = r.pick([[1, 2], [1, 3], [2, 3], [1, 7], [3, 10], [48, 10000], [1, 1], [0, 1], [5, 4], [1, 6], [-1, 4], [22, 7], [1, 9999], [1, 97], [1, 2017], [5, 2017]] as const);
        const v = ratioOf(BigInt(n), BigInt(d));
        value = v;
        this.consts.ratio.add(v);
        text = d === 1 || 100 % d === 0 ? `${(n * 100) / d}%` : `${n}/${d}`;
        break;
      }
      case 'days': value = r.pick([0, 1, 7, 30, 90, 180, 365, 1000]); text = `${value}天`; break;
      case 'months': value = r.pick([0, 1, 3, 6, 12, 18, 36]); text = `${value}个月`; break;
      case 'workdays': value = r.pick([1, 3, 5, 15, 20]); text = `${value}个工作日`; break;
      case 'ageYears': value = r.pick([0, 1, 3, 6, 16, 18, 60]); text = `${value}周岁`; break;
      case 'ageMonths': value = r.pick([0, 1, 6, 12, 24, 36]); text = `${value}月龄`; break;
      case 'enum': value = r.pick(T.enum.members); text = value; break;
      case 'text': value = r.pick(['', '甲', '乙', '本县']); text = JSON.stringify(value); break;
    }
    return { k: 'const', type: T[kind], value, origin: this.origin(text) };
  }

  private signedOk(): boolean {
    return this.family === 'numbers' || this.r.chance(0.3);
  }

  // ── entities and lists ──
  private personFields: Record<string, Kind> = { 出生日期: 'date', 户籍: 'enum', 序号: 'int', 收入: 'money', 份额: 'ratio', 在册: 'bool', 姓名: 'text' };
  private householdFields: Record<string, Kind> = { 子女数: 'int', 差额: 'money', 登记日: 'date', 比例: 'ratio', 户籍: 'enum', 低保: 'bool' };
  private agencyFields: Record<string, Kind> = { 名称: 'text', 备案: 'bool', 成立日: 'date', 床位: 'int' };

  /** An expression whose value is a record of `entity`. */
  entityExpr(entity: string, sc: Scope, depth: number): IrExpr {
    const r = this.r;
    const type: IrType = { k: 'entity', name: entity };
    const opts: (() => IrExpr)[] = [];
    if (entity === HOUSEHOLD || entity === AGENCY) opts.push(() => ({ k: 'root', type, entity, origin: this.origin(entity) }));
    for (const v of sc.vars) if (v.entity === entity) opts.push(() => ({ k: 'var', type, name: v.name, origin: this.origin('其') }));
    if (sc.self === entity) opts.push(() => ({ k: 'var', type, name: '@self', origin: this.origin(entity) }), () => ({ k: 'var', type, name: '@self', origin: this.origin(entity) }));
    if (entity === PERSON) {
      opts.push(() => {
        const of: IrExpr = { k: 'root', type: { k: 'entity', name: HOUSEHOLD }, entity: HOUSEHOLD, origin: this.origin(HOUSEHOLD) };
        return { k: 'get', type, of, field: '户主', origin: this.origin(`${HOUSEHOLD}.户主`) };
      });
      if (depth > 0) opts.push(() => this.nth(sc, depth - 1));
    }
    return r.pick(opts)();
  }

  /** A list of 人: 家庭.成员, an element's 子女, 户主.子女. */
  listExpr(sc: Scope, depth: number): IrExpr {
    const r = this.r;
    const type: IrType = { k: 'list', elem: PERSON };
    const opts: (() => IrExpr)[] = [() => ({ k: 'field', type, entity: HOUSEHOLD, field: '成员', origin: this.origin(`${HOUSEHOLD}.成员`) })];
    const people = sc.vars.filter((v) => v.entity === PERSON);
    if (people.length || sc.self === PERSON || depth > 0) {
      opts.push(() => {
        const of = this.entityExpr(PERSON, sc, depth - 1);
        return { k: 'get', type, of, field: '子女', origin: this.origin(`${of.origin!.text}.子女`) };
      });
    }
    return r.pick(opts)();
  }

  nth(sc: Scope, depth: number): IrExpr {
    const list = this.listExpr(sc, depth);
    const v = `@e${++this.vars}`;
    const inner: Scope = { ...sc, vars: [...sc.vars, { name: v, entity: PERSON }] };
    const keyKind = this.r.pick<Kind>(['date', 'date', 'int', 'money', 'ratio']);
    const key = this.fieldOf({ k: 'var', type: { k: 'entity', name: PERSON }, name: v, origin: this.origin('其') }, PERSON, this.personFieldOfKind(keyKind), inner, keyKind === 'date' && this.r.chance(0.2) ? depth : 0);
    const n = this.r.pick([1, 1, 2, 3]);
    return { k: 'nth', type: { k: 'entity', name: PERSON }, list, var: v, key, n, origin: this.origin(`${list.origin!.text} 按（${key.origin!.text}）第${n}个`) };
  }

  private personFieldOfKind(kind: Kind): string {
    return Object.keys(this.personFields).find((f) => this.personFields[f] === kind)!;
  }

  /** A field of a record (`field` for a root entity, `get` otherwise). */
  fieldOf(of: IrExpr, entity: string, field: string, _sc: Scope, _depth: number): IrExpr {
    const ent = this.entities.find((e) => e.name === entity)!;
    const type = ent.fields.find((f) => f.name === field)!.type;
    if (of.k === 'root') return { k: 'field', type, entity, field, origin: this.origin(`${entity}.${field}`) };
    const text = of.k === 'var' && of.name !== '@self' ? field : `${of.origin!.text}.${field}`;
    return { k: 'get', type, of, field, origin: this.origin(text) };
  }

  /** A field of kind `kind` of some record in scope. */
  leafField(kind: Kind, sc: Scope, depth: number): IrExpr | undefined {
    const r = this.r;
    const opts: (() => IrExpr)[] = [];
    const add = (entity: string, fields: Record<string, Kind>, of: () => IrExpr): void => {
      for (const [f, k] of Object.entries(fields)) if (k === kind) opts.push(() => this.fieldOf(of(), entity, f, sc, depth));
    };
    add(HOUSEHOLD, this.householdFields, () => this.entityExpr(HOUSEHOLD, sc, depth));
    if (this.r.chance(0.3)) add(AGENCY, this.agencyFields, () => this.entityExpr(AGENCY, sc, depth));
    if (sc.vars.some((v) => v.entity === PERSON) || sc.self === PERSON || r.chance(0.5)) add(PERSON, this.personFields, () => this.entityExpr(PERSON, sc, depth));
    return opts.length ? r.pick(opts)() : undefined;
  }

  // ── expressions by kind ──
  expr(kind: Kind, sc: Scope, depth: number): IrExpr {
    const r = this.r;
    const fam = this.family;
    const leaf = depth <= 0 || r.chance(0.25);
    const t = T[kind];
    const bin = (k: 'add' | 'sub' | 'mul' | 'div', a: IrExpr, b: IrExpr, type: IrType = t): IrExpr =>
      ({ k, type, a, b, origin: this.origin(`(${a.origin!.text} ${{ add: '+', sub: '-', mul: '×', div: '÷' }[k]} ${b.origin!.text})`) });
    // a ÷ b of one unit (the checker's types since issue 9: money ÷ money and a duration ÷ the same
    // duration are an exact ratio, ratio ÷ ratio a plain number); the origin names the kind
    // (金额比/时长比/比例比) so the differential suite can count it in the condition traces
    const quotient = (of: 'money' | 'days' | 'ratio'): IrExpr => {
      const a = this.expr(of, sc, depth - 1);
      const b = this.expr(of, sc, depth - 1);
      const name = { money: '金额比', days: '时长比', ratio: '比例比' }[of];
      return { k: 'div', type: of === 'ratio' ? T.int : T.ratio, a, b, origin: this.origin(`${name}（${a.origin!.text} ÷ ${b.origin!.text}）`) };
    };
    const defOf = (): IrExpr | undefined => {
      const ds = sc.defs.filter((d) => d.kind === kind);
      if (!ds.length) return undefined;
      const d = r.pick(ds);
      if (d.entity) {
        const of = this.entityExpr(d.entity, sc, depth - 1);
        return { k: 'def', type: t, name: d.name, of, origin: this.origin(`${of.origin!.text}.${d.name.slice(d.entity.length + 1)}`) };
      }
      return { k: 'def', type: t, name: d.name, origin: this.origin(d.name) };
    };
    const outcomeOf = (): IrExpr | undefined => {
      const os = sc.measures.flatMap((m) => m.outcomes.filter((o) => o.kind === kind).map((o) => [m.name, o.name] as const));
      if (!os.length) return undefined;
      const [m, o] = r.pick(os);
      return { k: 'outcome', type: t, measure: m, outcome: o, origin: this.origin(`${m}.${o}`) };
    };
    const aggregate = (q: 'sum' | 'max' | 'min'): IrExpr => {
      const list = this.listExpr(sc, depth - 1);
      const v = `@e${++this.vars}`;
      const inner: Scope = { ...sc, vars: [...sc.vars, { name: v, entity: PERSON }] };
      const body = this.expr(kind, inner, depth - 1);
      return { k: 'quant', type: t, q, list, var: v, body, origin: this.origin(`${{ sum: '合计', max: '最大', min: '最小' }[q]}（${list.origin!.text}，${body.origin!.text}）`) };
    };
    const weighted = (xs: readonly (readonly [number, () => IrExpr | undefined])[]): IrExpr => {
      for (let tries = 0; tries < 20; tries++) {
        const total = xs.reduce((s, [w]) => s + w, 0);
        let pick = r.int(0, Math.max(0, total - 1));
        for (const [w, f] of xs) {
          if (pick < w) {
            const e = f();
            if (e) return e;
            break;
          }
          pick -= w;
        }
      }
      return this.const(kind);
    };
    const famW = (f: Family, w: number): number => (fam === f ? w * 3 : w);
    if (leaf) {
      return weighted([
        [2, () => this.const(kind)],
        [6, () => this.leafField(kind, sc, depth)],
        [famW('definitions', 2), defOf],
        [famW('references', 1), outcomeOf],
        [kind === 'date' ? famW('dates', 2) : 0, () => this.someDay()],
        [kind === 'date' ? famW('dates', 1) : 0, () => ({ k: 'effective', type: T.date, origin: this.origin('施行日') })],
        [kind === 'date' ? 1 : 0, () => ({ k: 'evalDate', type: T.date, origin: this.origin('评估日期') })],
        // kinds without input fields: computed from leaf dates
        [kind === 'days' ? famW('dates', 2) : 0, () => ({ k: 'daysBetween', type: T.days, from: this.expr('date', sc, 0), to: this.expr('date', sc, 0), origin: this.origin('天数（…）') })],
        [kind === 'ageYears' || kind === 'ageMonths' ? famW('dates', 2) : 0, () => {
          const birth = this.expr('date', sc, 0);
          return { k: 'age', type: t, unit: kind === 'ageYears' ? 'years' : 'months', birth, origin: this.origin(`${kind === 'ageYears' ? '周岁' : '月龄'}（${birth.origin!.text}）`) };
        }],
        [kind === 'money' || kind === 'ratio' ? 1 : 0, () => ({ k: 'param', type: t, name: kind === 'money' ? '基数' : '系数', origin: this.origin(kind === 'money' ? '基数' : '系数') })],
        [kind === 'int' ? famW('lists', 1) : 0, () => {
          const list = this.listExpr(sc, 0);
          return { k: 'quant', type: T.int, q: 'count', list, var: `@e${++this.vars}`, origin: this.origin(`数量（${list.origin!.text}）`) };
        }],
      ]);
    }
    const d1 = depth - 1;
    switch (kind) {
      case 'bool': return this.condition(sc, depth);
      case 'int':
        return weighted([
          [2, () => this.const('int')],
          [3, () => this.leafField('int', sc, d1)],
          [famW('lists', 2), () => this.count(sc, d1)],
          [2, () => bin(r.pick(['add', 'sub', 'mul'] as const), this.expr('int', sc, d1), this.expr('int', sc, d1))],
          [famW('numbers', 1), () => bin('div', this.expr('int', sc, d1), this.expr('int', sc, d1))],
          [famW('numbers', 2), () => quotient('ratio')],
          [famW('numbers', 1), () => bin('div', this.expr('int', sc, d1), this.expr('ratio', sc, d1))],
          [famW('lists', 1), () => aggregate(r.pick(['sum', 'max', 'min'] as const))],
          [famW('numbers', 1), () => ({ k: 'neg', type: T.int, x: this.expr('int', sc, d1), origin: this.origin('-x') })],
          [famW('definitions', 2), defOf],
          [famW('references', 2), outcomeOf],
        ]);
      case 'money':
        return weighted([
          [2, () => this.const('money')],
          [3, () => this.leafField('money', sc, d1)],
          [2, () => bin(r.pick(['add', 'sub'] as const), this.expr('money', sc, d1), this.expr('money', sc, d1))],
          [2, () => (r.chance(0.5) ? bin('mul', this.expr('money', sc, d1), this.expr('int', sc, d1)) : bin('mul', this.expr('int', sc, d1), this.expr('money', sc, d1)))],
          [famW('numbers', 2), () => (r.chance(0.5) ? bin('mul', this.expr('money', sc, d1), this.expr('ratio', sc, d1)) : bin('mul', this.expr('ratio', sc, d1), this.expr('money', sc, d1)))],
          [famW('numbers', 1), () => bin('div', this.expr('money', sc, d1), this.expr('int', sc, d1))],
          [famW('lists', 2), () => aggregate(r.pick(['sum', 'max', 'min'] as const))],
          [famW('numbers', 1), () => ({ k: 'neg', type: T.money, x: this.expr('money', sc, d1), origin: this.origin('-金额') })],
          [1, () => ({ k: 'param', type: T.money, name: '基数', origin: this.origin('基数') })],
          [famW('definitions', 2), defOf],
          [famW('references', 2), outcomeOf],
        ]);
      case 'ratio':
        return weighted([
          [2, () => this.const('ratio')],
          [2, () => this.leafField('ratio', sc, d1)],
          [famW('numbers', 2), () => bin(r.pick(['add', 'sub'] as const), this.expr('ratio', sc, d1), this.expr('ratio', sc, d1))],
          [famW('numbers', 2), () => (r.chance(0.5) ? bin('mul', this.expr('ratio', sc, d1), this.expr('int', sc, d1)) : bin('mul', this.expr('int', sc, d1), this.expr('ratio', sc, d1)))],
          [famW('numbers', 1), () => bin('mul', this.expr('ratio', sc, d1), this.expr('ratio', sc, d1))],
          [famW('numbers', 3), () => bin('div', this.expr('ratio', sc, d1), this.expr('int', sc, d1))],
          [famW('numbers', 2), () => quotient('money')],
          [famW('numbers', 1) + (fam === 'dates' ? 1 : 0), () => quotient('days')],
          [famW('numbers', 1), () => ({ k: 'neg', type: T.ratio, x: this.expr('ratio', sc, d1), origin: this.origin('-比例') })],
          [famW('lists', 1), () => aggregate(r.pick(['max', 'min'] as const))],
          [1, () => ({ k: 'param', type: T.ratio, name: '系数', origin: this.origin('系数') })],
          [famW('definitions', 2), defOf],
          [famW('references', 2), outcomeOf],
        ]);
      case 'date':
        return weighted([
          [2, () => this.const('date')],
          [3, () => this.leafField('date', sc, d1)],
          [famW('dates', 2), () => this.someDay()],
          [famW('dates', 1), () => ({ k: 'effective', type: T.date, origin: this.origin('施行日') })],
          [famW('dates', 2), () => {
            const date = this.expr('date', sc, d1);
            const years = r.chance(0.3);
            const n = this.const(years ? 'ageYears' : 'months');
            const months: IrExpr = years ? { k: 'mul', type: T.int, a: { ...n, type: { k: 'quantity', dim: 'years' } }, b: { k: 'const', type: T.int, value: 12 }, origin: n.origin! } : n;
            const sign = r.pick([1, -1] as const);
            return { k: 'addMonths', type: T.date, date, months, sign, origin: this.origin(`${date.origin!.text} ${sign > 0 ? '+' : '-'} ${n.origin!.text}`) };
          }],
          [famW('dates', 1), () => bin(r.pick(['add', 'sub'] as const), this.expr('date', sc, d1), this.expr('days', sc, d1), T.date)],
          [famW('dates', 1), () => ({ k: 'workdays', type: T.date, start: this.expr('date', sc, d1), n: this.const('workdays'), origin: this.origin('工作日期限（…）') })],
          [famW('lists', 2), () => aggregate(r.pick(['max', 'min'] as const))],
          [famW('lists', 1), () => this.fieldOf(this.nth(sc, d1), PERSON, '出生日期', sc, d1)],
          [1, () => ({ k: 'evalDate', type: T.date, origin: this.origin('评估日期') })],
          [famW('definitions', 2), defOf],
          [famW('references', 1), outcomeOf],
        ]);
      case 'days':
        return weighted([
          [1, () => this.const('days')],
          [4, () => ({ k: 'daysBetween', type: T.days, from: this.expr('date', sc, d1), to: this.expr('date', sc, d1), origin: this.origin('天数（…）') })],
          [1, () => bin(r.pick(['add', 'sub'] as const), this.expr('days', sc, d1), this.expr('days', sc, d1))],
          [1, () => bin('mul', this.expr('days', sc, d1), this.expr('int', sc, d1))],
          [famW('numbers', 1), () => bin('mul', this.expr('days', sc, d1), this.expr('ratio', sc, d1))],
          [famW('dates', 1), () => bin('div', this.expr('days', sc, d1), this.expr('int', sc, d1))],
          [1, () => ({ k: 'neg', type: T.days, x: this.expr('days', sc, d1), origin: this.origin('-天数') })],
          [famW('lists', 1) + (fam === 'dates' ? 3 : 0), () => aggregate('sum')],
        ]);
      case 'ageYears':
      case 'ageMonths': {
        const birth = this.expr('date', sc, d1);
        return { k: 'age', type: t, unit: kind === 'ageYears' ? 'years' : 'months', birth, origin: this.origin(`${kind === 'ageYears' ? '周岁' : '月龄'}（${birth.origin!.text}）`) };
      }
      case 'months': return this.const('months');
      case 'workdays': return this.const('workdays');
      case 'enum':
      case 'text':
        return weighted([[1, () => this.const(kind)], [4, () => this.leafField(kind, sc, d1)], [famW('lists', 1), () => (kind === 'enum' ? this.fieldOf(this.nth(sc, d1), PERSON, '户籍', sc, d1) : undefined)], [famW('definitions', 1), defOf]]);
    }
  }

  someDay(): IrExpr {
    const r = this.r;
    let lo: number;
    let hi: number;
    if (this.someDays.length && r.chance(0.3)) [lo, hi] = r.pick(this.someDays);
    else {
      lo = this.dateConst();
      hi = r.chance(0.1) ? lo : lo + r.pick([1, 30, 180, 364, 365, 700]);
      this.consts.dates.add(hi);
      this.someDays.push([lo, hi]);
    }
    return { k: 'someDay', type: T.date, lo, hi, origin: this.origin(`某日（${isoOf(lo)}，${isoOf(hi)}）`) };
  }

  count(sc: Scope, depth: number): IrExpr {
    const list = this.listExpr(sc, depth);
    const v = `@e${++this.vars}`;
    const inner: Scope = { ...sc, vars: [...sc.vars, { name: v, entity: PERSON }] };
    const body = this.r.chance(0.8) ? this.condition(inner, depth) : undefined;
    return { k: 'quant', type: T.int, q: 'count', list, var: v, ...(body ? { body } : {}), origin: this.origin(`数量（${list.origin!.text}${body ? `，${body.origin!.text}` : ''}）`) };
  }

  /** A boolean expression. */
  condition(sc: Scope, depth: number): IrExpr {
    const r = this.r;
    const fam = this.family;
    const famW = (f: Family, w: number): number => (fam === f ? w * 3 : w);
    const d1 = depth - 1;
    const options: (readonly [number, () => IrExpr | undefined])[] = [
      [6, () => this.comparison(sc, depth)],
      [2, () => this.leafField('bool', sc, d1)],
      [depth > 0 ? 2 : 0, () => {
        const k = r.pick(['and', 'or'] as const);
        const xs = Array.from({ length: r.int(2, 3) }, () => this.condition(sc, d1));
        return { k, type: T.bool, xs, origin: this.origin(xs.map((x) => x.origin!.text).join(k === 'and' ? ' 且 ' : ' 或 ')) };
      }],
      [depth > 0 ? 1 : 0, () => {
        const x = this.condition(sc, d1);
        return { k: 'not', type: T.bool, x, origin: this.origin(`非 ${x.origin!.text}`) };
      }],
      [1, () => {
        const x = this.expr('enum', sc, d1);
        const values = Array.from({ length: r.int(1, 3) }, () => (r.chance(0.8) ? this.const('enum') : this.expr('enum', sc, d1)));
        const negated = r.chance(0.3);
        return { k: 'in', type: T.bool, x, values, negated, origin: this.origin(`${x.origin!.text} ${negated ? '不属于' : '属于'} {…}`) };
      }],
      [depth > 0 ? famW('lists', 2) : 0, () => {
        const list = this.listExpr(sc, d1);
        const v = `@e${++this.vars}`;
        const inner: Scope = { ...sc, vars: [...sc.vars, { name: v, entity: PERSON }] };
        const body = this.condition(inner, d1);
        const q = r.pick(['exists', 'forall', 'none'] as const);
        return { k: 'quant', type: T.bool, q, list, var: v, body, origin: this.origin(`${list.origin!.text} ${{ exists: '至少一个满足', forall: '均满足', none: '均不满足' }[q]}（${body.origin!.text}）`) };
      }],
      [famW('definitions', 2), () => {
        const ds = sc.defs.filter((d) => d.kind === 'bool');
        if (!ds.length) return undefined;
        const d = r.pick(ds);
        if (d.entity) {
          const of = this.entityExpr(d.entity, sc, d1);
          return { k: 'def', type: T.bool, name: d.name, of, origin: this.origin(`${of.origin!.text}.${d.name.slice(d.entity.length + 1)}`) };
        }
        return { k: 'def', type: T.bool, name: d.name, origin: this.origin(d.name) };
      }],
      [famW('references', 2), () => (sc.measures.length ? ((m) => ({ k: 'applies', type: T.bool, measure: m, origin: this.origin(`适用（${m}）`) }) as IrExpr)(r.pick(sc.measures).name) : undefined)],
      [famW('references', 1), () => {
        const os = sc.measures.flatMap((m) => m.outcomes.filter((o) => o.kind === 'bool').map((o) => [m.name, o.name] as const));
        if (!os.length) return undefined;
        const [m, o] = r.pick(os);
        return { k: 'outcome', type: T.bool, measure: m, outcome: o, origin: this.origin(`${m}.${o}`) };
      }],
      [0.5, () => this.const('bool')],
    ];
    for (let tries = 0; tries < 20; tries++) {
      const total = options.reduce((s, [w]) => s + w, 0);
      let pick = r.int(0, Math.ceil(total) - 1);
      for (const [w, f] of options) {
        if (pick < w) {
          const e = f();
          if (e) return e;
          break;
        }
        pick -= w;
      }
    }
    return this.const('bool');
  }

  comparison(sc: Scope, depth: number): IrExpr {
    const r = this.r;
    const fam = this.family;
    const kinds: Kind[] = fam === 'dates' ? ['date', 'date', 'days', 'ageYears', 'ageMonths', 'int'] : fam === 'numbers' ? ['ratio', 'money', 'int', 'ratio', 'days'] : ['int', 'money', 'date', 'ratio', 'ageYears', 'enum', 'bool', 'text', 'days'];
    const kind = r.pick(kinds);
    const d1 = Math.max(0, depth - 1);
    const a = this.expr(kind, sc, d1);
    const ordered = ORDERED.includes(kind);
    if (ordered && r.chance(0.15)) {
      // a range (6—24月龄): one condition, two comparisons sharing its origin
      const lo = this.const(kind);
      const hi = this.const(kind);
      const origin = this.origin(`${a.origin!.text} ${lo.origin!.text}—${hi.origin!.text}`);
      return { k: 'and', type: T.bool, xs: [{ k: 'cmp', type: T.bool, op: '>=', a, b: lo, origin }, { k: 'cmp', type: T.bool, op: '<=', a, b: hi, origin }], origin };
    }
    const b = r.chance(0.5) ? this.const(kind) : this.expr(kind, sc, d1);
    const op = r.pick<CmpOp>(ordered ? ['>=', '<=', '>', '<', '=', '!='] : ['=', '!=']);
    return { k: 'cmp', type: T.bool, op, a, b, origin: this.origin(`${a.origin!.text} ${op} ${b.origin!.text}`) };
  }

  // ── the program ──
  program(): IrProgram {
    const r = this.r;
    const fam = this.family;
    const defs: IrDefinition[] = [];
    const defInfo: DefInfo[] = [];
    const nDefs = fam === 'definitions' ? r.int(2, 6) : r.int(0, 2);
    for (let i = 0; i < nDefs; i++) {
      const entity = r.pick([undefined, undefined, PERSON, HOUSEHOLD]);
      const kind = r.pick<Kind>(['bool', 'bool', 'int', 'money', 'date', 'ratio', 'days']);
      const short = `定义${i + 1}`;
      const name = entity ? `${entity}.${short}` : short;
      const sc: Scope = { vars: [], ...(entity ? { self: entity } : {}), defs: defInfo.slice(), measures: [] };
      const expr = this.expr(kind, sc, r.int(1, 3));
      defs.push({
        name, type: T[kind], expr, doubts: [], origin: this.origin(`定义 ${name}`), ...(entity ? { entity } : {}),
        ...(r.chance(0.5) ? { citation: { anchor: 'sec_1', label: '一', quotes: r.chance(0.5) ? [`原文${i}`] : [] } } : {}),
        ...(r.chance(0.3) ? { note: `说明${i}` } : {}),
      });
      defInfo.push({ name, ...(entity ? { entity } : {}), kind });
    }
    const nMeasures = fam === 'references' || fam === 'claims' ? r.int(3, 6) : r.int(2, 4);
    // measures may refer to lower-ranked measures (acyclic), in any declaration order
    const rank = Array.from({ length: nMeasures }, (_, i) => i);
    for (let i = rank.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [rank[i], rank[j]] = [rank[j]!, rank[i]!];
    }
    const infos: MeasureInfo[] = Array.from({ length: nMeasures }, (_, i) => ({
      name: `措施${i + 1}`,
      outcomes: Array.from({ length: r.int(1, 3) }, (_, k) => ({ name: `结果${k + 1}`, kind: r.pick(VALUE_KINDS) })),
    }));
    const measures: IrMeasure[] = infos.map((info, i) => {
      const refs = fam === 'references' || fam === 'claims' || r.chance(0.3) ? infos.filter((_, j) => rank[j]! < rank[i]!) : [];
      const sc: Scope = { vars: [], defs: defInfo, measures: refs };
      const nRules = r.int(1, 4);
      const rules: IrRule[] = [];
      for (let k = 0; k < nRules; k++) {
        const condition = r.chance(0.1) ? this.const('bool') : this.condition(sc, r.int(1, 3));
        const outs = info.outcomes.filter(() => r.chance(0.6));
        const assigned = outs.length ? outs : [r.pick(info.outcomes)];
        const overrides = rules.filter(() => r.chance(0.3)).map((x) => x.name);
        const from = r.chance(0.1) ? this.dateConst() : undefined;
        const to = r.chance(0.1) ? (from ?? this.dateConst()) + r.int(0, 800) : undefined;
        rules.push({
          name: `规则${i + 1}.${k + 1}`, condition, overrides, origin: this.origin(`规则${k}`),
          assignments: assigned.map((o) => ({ outcome: o.name, value: r.chance(0.15) && o.kind !== 'bool' ? this.const(o.kind) : this.expr(o.kind, sc, r.int(0, 2)) })),
          ...(from !== undefined ? { validFrom: from } : {}), ...(to !== undefined ? { validTo: to } : {}),
        });
      }
      // exceptions are transitively closed, as lowered
      const closed = rules.map((x) => {
        const out = new Set<string>();
        const visit = (n: string): void => {
          for (const y of rules.find((z) => z.name === n)!.overrides) if (!out.has(y)) { out.add(y); visit(y); }
        };
        visit(x.name);
        return { ...x, overrides: [...out] };
      });
      const subject = r.pick([HOUSEHOLD, HOUSEHOLD, HOUSEHOLD, AGENCY, undefined]);
      // 申请条件 follows the same order as references: the checker refuses cycles (ZC0410)
      const others = infos.filter((_, j) => rank[j]! < rank[i]!);
      const application = fam === 'claims' ? (r.chance(0.6) && others.length ? r.pick(others).name : undefined) : r.chance(0.1) && others.length ? r.pick(others).name : undefined;
      return {
        name: info.name,
        citation: { anchor: `sec_${i + 1}`, label: `${i + 1}`, ...(r.chance(0.5) ? { title: `标题${i}` } : {}), quotes: r.chance(0.5) ? [`原文${i}`] : [] },
        lead: ['县卫健委'], responsible: r.chance(0.5) ? ['县财政局'] : [],
        ...(subject ? { subject } : {}),
        ...(r.chance(fam === 'claims' ? 0.5 : 0.1) ? { recipient: r.pick([AGENCY, '申请人']) } : {}),
        ...(application ? { application } : {}),
        outcomes: info.outcomes.map((o) => ({ name: o.name, type: T[o.kind], required: r.chance(0.2), unit: unitOf(T[o.kind]), ...(r.chance(0.3) ? { period: r.pick(['一次性', '按月', '按年'] as const) } : {}) })),
        rules: closed,
        doubts: r.chance(0.1) ? [{ name: '存疑', adopted: '甲', readings: [], quotes: [] }] : [],
        origin: this.origin(`措施${i}`),
      } as IrMeasure;
    });
    const assumptions: IrAssumption[] = [];
    const nAssume = fam === 'assumptions' ? r.int(1, 4) : r.chance(0.2) ? 1 : 0;
    for (let i = 0; i < nAssume; i++) {
      const sc: Scope = { vars: [], defs: defInfo, measures: fam === 'assumptions' && r.chance(0.3) ? infos : [] };
      assumptions.push({ name: `前提${i + 1}`, condition: this.condition(sc, r.int(1, 2)), origin: this.origin(`前提${i}`), ...(r.chance(0.5) ? { note: `说明${i}` } : {}) });
    }
    const effKind = fam === 'dates' ? r.pick(['known', 'range', 'range', 'none']) : r.pick(['known', 'known', 'known', 'range', 'none']);
    const lo = this.dateConst();
    const hi = lo + r.pick([1, 90, 364, 365]);
    this.consts.dates.add(hi);
    const policy: IrPolicy = {
      id: 'gen', name: `随机政策（${fam}）`, basis: [],
      ...(effKind === 'known' ? { effective: lo, effectiveIso: isoOf(lo) } : {}),
      ...(effKind === 'range' ? { effectiveRange: { lo, hi, loIso: isoOf(lo), hiIso: isoOf(hi) } } : {}),
      ...(r.chance(0.2) ? { effectiveNote: '说明' } : {}),
      ...(r.chance(fam === 'dates' ? 0.5 : 0.1) ? { sunset: { condition: this.sunsetCondition(lo), start: r.pick(['sameDay', 'nextDay'] as const), origin: this.origin('失效') } } : {}),
    };
    const params: IrParam[] = [
      { name: '基数', type: T.money, unit: '元', values: this.segments(() => r.pick([10000, 50000, 99999])) },
      { name: '系数', type: T.ratio, unit: '%', values: this.segments(() => r.pick(['1/2', '1/3', '3/100', '5/4'])) },
    ];
    return {
      policy, entities: this.entities, params, measures, indicators: [], clauses: [], doubts: [], properties: [], definitions: defs, assumptions,
    };
  }

  /**
   * A 失效 condition: 事件.日期 ≥ a date, or ≥ 施行日 (undecided for an event inside an uncertain
   * effective range: the policy is then possibly void), sometimes with 事件.类别.
   */
  private sunsetCondition(lo: number): IrExpr {
    const r = this.r;
    const evDate: IrExpr = { k: 'event', type: T.date, field: '日期', origin: this.origin('事件.日期') };
    const b: IrExpr = r.chance(0.5)
      ? { k: 'const', type: T.date, value: lo, origin: this.origin(isoOf(lo)) }
      : { k: 'effective', type: T.date, origin: this.origin('施行日') };
    const date: IrExpr = { k: 'cmp', type: T.bool, op: r.pick(['>=', '>'] as const), a: evDate, b, origin: this.origin(`事件.日期 ≥ ${b.origin!.text}`) };
    if (!r.chance(0.3)) return date;
    const cat: IrExpr = {
      k: 'cmp', type: T.bool, op: '=', a: { k: 'event', type: T.text, field: '类别', origin: this.origin('事件.类别') },
      b: { k: 'const', type: T.text, value: '生育支持政策', origin: this.origin('"生育支持政策"') }, origin: this.origin('事件.类别 = "生育支持政策"'),
    };
    const op = r.pick(['and', 'or'] as const);
    return { k: op, type: T.bool, xs: [date, cat], origin: this.origin(op === 'and' ? '且' : '或') } as IrExpr;
  }

  private segments(value: () => number | string): IrParam['values'] {
    const n = this.r.int(0, 3);
    const out: IrParam['values'][number][] = [];
    let from = this.dateConst() - 400;
    for (let i = 0; i < n; i++) {
      out.push({ from, fromIso: isoOf(from), value: value(), source: '测试', confirmed: this.r.chance(0.7) });
      from += this.r.int(30, 900);
    }
    return out;
  }

  /** Dates the program mentions (for boundary-biased inputs). */
  dates(): number[] {
    return [...this.consts.dates];
  }

  ints(): number[] {
    return [...this.consts.ints];
  }

  moneys(): number[] {
    return [...this.consts.money];
  }

  ratios(): string[] {
    return [...this.consts.ratio];
  }
}

function ratioOf(n: bigint, d: bigint): string {
  const g = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : g(b, a % b));
  const k = g(n, d);
  return `${n / k}/${d / k}`;
}

/** A random program of `family` and the generator that made it (for its constants). */
export function randomProgram(r: Rnd, family: Family): { ir: IrProgram; gen: ProgramGen } {
  const gen = new ProgramGen(r, family);
  return { ir: gen.program(), gen };
}

/** Random input cases for a generated program: nested records, lists (empty, with unknown elements), boundary values, some invalid input. */
export function randomCases(r: Rnd, p: { ir: IrProgram; gen: ProgramGen }, n: number): Case[] {
  const { ir, gen } = p;
  const dates = gen.dates();
  const evalPool = [...new Set([...dates.flatMap((d) => [d - 1, d, d + 1]), ...SPECIAL_DAYS])].filter((d) => d >= day('2000-01-01') && d <= day('2040-12-31'));
  const ints = gen.ints();
  const moneys = gen.moneys();
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    let evalDay = r.chance(0.7) && evalPool.length ? r.pick(evalPool) : DAY0 + r.int(0, 365 * 14);
    // mostly on or after the (earliest) effective date: before it every measure is 未生效
    const eff = ir.policy.effective ?? ir.policy.effectiveRange?.lo;
    if (eff !== undefined && evalDay < eff - 1 && r.chance(0.8)) evalDay = eff + r.int(-1, 365 * 4);
    // inside an uncertain effective range: measures that would apply are 存疑
    const range = ir.policy.effectiveRange;
    if (range && r.chance(0.25)) evalDay = r.int(range.lo, range.hi);
    const value = (t: IrType, signed: boolean, depth: number): unknown => {
      switch (t.k) {
        case 'bool': return r.chance(0.5);
        case 'text': return r.pick(['', '甲', '乙', '本县']);
        case 'enum': return r.pick(t.members);
        case 'int': {
          const v = r.chance(0.7) ? r.pick(ints) + r.pick([-1, 0, 1]) : r.int(0, 12);
          return signed ? (r.chance(0.2) ? -Math.abs(v) : v) : Math.abs(v);
        }
        case 'money': {
          let fen = r.chance(0.6) ? Math.abs(r.pick(moneys)) + r.pick([-1, 0, 1, 100]) : r.int(0, 50_000_000);
          fen = Math.max(0, fen);
          const neg = signed && r.chance(0.3);
          const y = Math.floor(fen / 100);
          const f = fen % 100;
          const form = r.int(0, 2);
          const s = form === 0 ? `${y}.${String(f).padStart(2, '0')}` : f === 0 ? String(y) : `${y}.${String(f).padStart(2, '0')}`;
          if (form === 2) return neg ? -Number(s) : Number(s);
          return neg ? `-${s}` : s;
        }
        case 'quantity': {
          if (t.dim === 'ratio') {
            const v = r.pick(['50%', '30%', '33.3%', '100%', '0%', '4.8‰', '12.5%', '1‰', '66.66%', '200%', '0.001%', '7%', '33.333333333333%', '0.12345‰', '007.50%', '1.0%']);
            return signed && r.chance(0.3) ? `-${v}` : v;
          }
          return r.int(0, 40);
        }
        case 'date': {
          const k = r.int(0, 4);
          const d = k === 0 && dates.length ? r.pick(dates) + r.pick([-1, 0, 1]) : k === 1 ? evalDay - r.pick([0, 1, 30, 182, 183, 365, 366, 730, 1095, 6570]) : evalDay - r.int(0, 365 * 20);
          return isoOf(Math.min(d, evalDay));
        }
        case 'entity': return depth > 0 ? record(t.name, depth - 1) : {};
        case 'list': {
          if (depth <= 0) return [];
          const len = r.pick([0, 1, 1, 2, 2, 3, 4]);
          return Array.from({ length: len }, () => record(t.elem, depth - 1));
        }
      }
    };
    const record = (entity: string, depth: number): Record<string, unknown> => {
      const e = ir.entities.find((x) => x.name === entity)!;
      const o: Record<string, unknown> = {};
      for (const f of e.fields) if (r.chance(0.88)) setOwn(o, f.name, value(f.type, f.signed === true, depth));
      return o;
    };
    const facts: Record<string, unknown> = {};
    if (r.chance(0.9)) setOwn(facts, HOUSEHOLD, record(HOUSEHOLD, 2));
    if (r.chance(0.5)) setOwn(facts, AGENCY, record(AGENCY, 1));
    if (r.chance(0.2)) setOwn(facts, PERSON, record(PERSON, 1));
    let date: unknown = isoOf(evalDay);
    if (r.chance(0.08)) invalidate(r, facts, evalDay);
    if (r.chance(0.01)) date = r.pick(['2023-02-29', null, '2024-7-1']);
    // events around the evaluation date and, with an uncertain effective range, inside it (a
    // 失效 condition comparing with 施行日 is then undecided: 可能废止)
    const event = (): Record<string, unknown> => {
      const d = range && r.chance(0.4) ? r.int(range.lo, range.hi) : evalDay + r.pick([-400, -1, 0, 1]);
      return { 日期: isoOf(d), 级别: r.pick(['国家', '国家', '省']), 类别: r.pick(['生育支持政策', '生育支持政策', '其他']), ...(r.chance(0.5) ? { 标题: r.pick(['上级文件', '通知']) } : {}) };
    };
    const events = ir.policy.sunset ? (r.chance(0.6) ? Array.from({ length: r.int(1, 3) }, event) : []) : r.chance(0.5) ? undefined : [];
    out.push({ facts, date, events });
  }
  return out;
}

/** Make a nested input invalid in one of the ways the validator must report (by path). */
function invalidate(r: Rnd, facts: Record<string, unknown>, evalDay: number): void {
  const h = (facts[HOUSEHOLD] ?? {}) as Record<string, unknown>;
  setOwn(facts, HOUSEHOLD, h);
  const members = Array.isArray(h['成员']) ? (h['成员'] as Record<string, unknown>[]) : [];
  const someone = members[0] ?? {};
  switch (r.int(0, 9)) {
    case 0: setOwn(someone, '出生日期', isoOf(evalDay + 1)); setOwn(h, '成员', [someone]); break;
    case 1: setOwn(someone, '外星', 1); setOwn(h, '成员', [someone, ...members.slice(1)]); break;
    case 2: setOwn(h, '成员', 3); break;
    case 3: setOwn(h, '成员', [1, {}, null]); break;
    case 4: setOwn(h, '户主', []); break;
    case 5: setOwn(someone, '份额', r.pick(['-5%', '5', 'abc'])); setOwn(h, '成员', [someone]); break;
    case 6: {
      // a sparse array: the hole is not an element
      const sparse: unknown[] = [];
      sparse[1] = { 户籍: '本县' };
      setOwn(h, '成员', sparse);
      break;
    }
    case 7: {
      // a cycle through a nested record
      const p: Record<string, unknown> = { 姓名: '甲' };
      setOwn(p, '子女', [p]);
      setOwn(h, '户主', p);
      break;
    }
    case 8: setOwn(someone, '收入', r.pick(['-1.5', -3, '1.234'])); setOwn(h, '成员', [someone]); break;
    default: setOwn(h, '子女数', r.pick([-1, 1.5, '2'])); break;
  }
}

/** A readable summary of a generated program (for failure messages). */
export function showProgram(ir: IrProgram): string {
  const lines: string[] = [];
  const p = ir.policy;
  lines.push(`政策 生效=${p.effectiveIso ?? (p.effectiveRange ? `${p.effectiveRange.loIso}~${p.effectiveRange.hiIso}` : '未知')}${p.sunset ? ' 有失效条件' : ''}`);
  lines.push(`可为负：${ir.entities.flatMap((e) => e.fields.filter((f) => f.signed).map((f) => `${e.name}.${f.name}`)).join('、') || '无'}`);
  for (const d of ir.definitions) lines.push(`定义 ${d.name} = ${d.expr.origin?.text}`);
  for (const a of ir.assumptions) lines.push(`前提 ${a.name}：${a.condition.origin?.text}`);
  for (const m of ir.measures) {
    lines.push(`措施 ${m.name}${m.subject ? ` 对象=${m.subject}` : ''}${m.application ? ` 申请条件=${m.application}` : ''}：${m.outcomes.map((o) => `${o.name}:${kindOf(o.type)}${o.required ? '!' : ''}`).join(' ')}`);
    for (const r of m.rules) lines.push(`  规则 ${r.name}${r.overrides.length ? ` 例外于 ${r.overrides.join('、')}` : ''}${r.validFrom !== undefined || r.validTo !== undefined ? ` 有效期 ${r.validFrom !== undefined ? isoOf(r.validFrom) : '…'}~${r.validTo !== undefined ? isoOf(r.validTo) : '…'}` : ''}：${r.condition.origin?.text} ⇒ ${r.assignments.map((a) => `${a.outcome} = ${a.value.origin?.text}`).join('；')}`);
  }
  return lines.join('\n');
}
