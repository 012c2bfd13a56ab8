/**
 * Seeded random scenarios for the SQL differential tests: an evaluation date and events
 * (global to a SQL run), and many fact sets for it, biased to every boundary the policy
 * mentions — comparison constants ±1, birth dates exactly N months/years before the
 * evaluation date (±1 day), 29 February and month ends, the effective date and its range,
 * rule validity bounds, events on/around the evaluation date (the sunset) and inside an
 * uncertain 施行日's range (a sunset that may or may not have happened), unknown facts
 * (absent fields, absent entities, absent lists), root entities stated not to exist
 * (不存在), lists with 0–4 elements.
 * A policy with a 失效 condition gets "void scenarios" (every fourth, from the second): an evaluation date
 * after the policy takes effect and an event found by asking the interpreter (events drawn at
 * random until the policy is 已废止 or 可能废止 on that date), so 已废止 rows always appear.
 * Scenarios are generated lazily (one at a time: 100,000 cases need not be held at once).
 * Self-contained (mulberry32 PRNG): a failure prints the seed, ZC_SEED overrides it.
 */
import { addMonthsClamped, dayNumber, formatIso, fromDayNumber } from '../../compiler/common/calendar.js';
import type { IrExpr, IrProgram, IrType } from '../../compiler/ir/ir.js';
import { programExprs, rootEntities, walkIr } from '../../compiler/sql/layout.js';
import type { Scenario } from './harness.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';

export interface Rnd { int(a: number, b: number): number; chance(p: number): boolean; pick<T>(xs: readonly T[]): T }

export function rnd(seed: number): Rnd {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (x: number, y: number) => x + Math.floor(next() * (y - x + 1));
  return { int, chance: (p) => next() < p, pick: (xs) => xs[int(0, xs.length - 1)]! };
}

const iso = (n: number) => formatIso(fromDayNumber(n));
const D = (s: string) => { const [y, m, d] = s.split('-').map(Number); return dayNumber({ y: y!, m: m!, d: d! }); };
const SPECIAL = ['2024-02-28', '2024-02-29', '2024-03-01', '2023-02-28', '2023-03-01', '2023-12-31', '2024-01-01', '2020-02-29', '2023-01-31', '2024-01-31'].map(D);

function constants(ir: IrProgram) {
  const ints = new Set([0, 1, 2, 3]);
  const money = new Set([0]);
  const months = new Set([0, 1, 6, 12, 24, 36]);
  const dates = new Set<number>();
  const texts = new Set<string>(['生育支持政策']);
  const add = (t: IrType, v: unknown) => {
    if (typeof v === 'string') { texts.add(v); return; }
    if (typeof v !== 'number') return;
    if (t.k === 'money') money.add(v);
    else if (t.k === 'date') dates.add(v);
    else if (t.k === 'quantity' && (t.dim === 'months' || t.dim === 'ageMonths')) months.add(v);
    else if (t.k === 'quantity' && (t.dim === 'years' || t.dim === 'ageYears')) { months.add(v * 12); ints.add(v); }
    else ints.add(v);
  };
  for (const e of programExprs(ir)) walkIr(e, (x: IrExpr) => {
    if (x.k === 'const') add(x.type, x.value);
    if (x.k === 'someDay') { dates.add(x.lo); dates.add(x.hi); }
  });
  for (const m of ir.measures) for (const r of m.rules) { if (r.validFrom !== undefined) dates.add(r.validFrom); if (r.validTo !== undefined) dates.add(r.validTo); for (const x of [r.validFromRange, r.validToRange]) if (x && x.shifts) { dates.add(x.lo); dates.add(x.hi); } }
  for (const p of ir.params) for (const v of p.values) dates.add(v.from);
  if (ir.policy.effective !== undefined) dates.add(ir.policy.effective);
  if (ir.policy.effectiveRange) { dates.add(ir.policy.effectiveRange.lo); dates.add(ir.policy.effectiveRange.hi); }
  return { ints: [...ints], money: [...money], months: [...months], dates: [...dates], texts: [...texts] };
}

/**
 * `n` scenarios (lazily) of `per` fact sets that each give at least one root entity (a record, or
 * 不存在: a row in an input table, so SQL has a case for it) followed by `free` fact sets with no
 * root entity at all (every fact unknown: no input row, so only the interpreter and the generated
 * evaluator see them). Evaluation dates stay within the working-day calendar.
 */
export function* scenarios(ir: IrProgram, seed: number, n: number, per: number, free = 0): Generator<Scenario> {
  const r = rnd(seed);
  const k = constants(ir);
  const lo = D('2015-01-01');
  const hi = D('2026-12-31');
  const evalPool = [...k.dates, ...SPECIAL].flatMap((x) => [x - 1, x, x + 1]).filter((x) => x >= lo && x <= hi);
  const value = (t: IrType, signed: boolean, evalDay: number, depth: number): unknown => {
    switch (t.k) {
      case 'bool': return r.chance(0.5);
      case 'text': return r.pick(['', '甲', ...k.texts]);
      case 'enum': return r.pick(t.members);
      case 'int': { const v = r.chance(0.7) ? r.pick(k.ints) + r.pick([-1, 0, 1]) : r.int(0, 12); return signed && r.chance(0.2) ? -Math.abs(v) : Math.abs(v); }
      case 'money': {
        const fen = Math.max(0, r.chance(0.6) ? r.pick(k.money) + r.pick([-1, 0, 1, 100]) : r.int(0, 50_000_000));
        const s = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        return signed && r.chance(0.3) ? `-${s}` : s;
      }
      case 'quantity':
        if (t.dim === 'ratio') return r.pick(['50%', '30%', '33.3%', '100%', '0%', '4.8‰', '12.5%', '1‰', '200%']);
        return r.chance(0.6) ? Math.max(0, r.pick([...k.ints, ...k.months]) + r.pick([-1, 0, 1])) : r.int(0, 40);
      case 'date': {
        const c = r.int(0, 5);
        let d: number;
        if (c <= 1) d = dayNumber(addMonthsClamped(fromDayNumber(evalDay), -r.pick(k.months))) + r.pick([-1, 0, 1]);
        else if (c === 2 && k.dates.length) d = r.pick(k.dates) + r.pick([-1, 0, 1]);
        else if (c === 3) d = r.pick(SPECIAL) + r.pick([-1, 0, 1]);
        else d = evalDay - r.int(0, 365 * 20);
        return iso(Math.min(d, evalDay));
      }
      case 'entity': return depth > 0 ? record(t.name, evalDay, depth - 1) : undefined;
      case 'list': return depth > 0 ? Array.from({ length: r.pick([0, 1, 2, 2, 3, 4]) }, () => record(t.elem, evalDay, depth - 1)) : undefined;
    }
  };
  const record = (entity: string, evalDay: number, depth: number): Record<string, unknown> => {
    const e = ir.entities.find((x) => x.name === entity)!;
    const o: Record<string, unknown> = {};
    for (const f of e.fields) {
      if (!r.chance(0.87)) continue;
      const v = value(f.type, f.signed === true, evalDay, depth);
      if (v !== undefined) o[f.name] = v;
    }
    return o;
  };
  // the texts the 失效 condition compares with (事件.类别 为 "…"): events that may match it
  const sunsetTexts: string[] = [];
  if (ir.policy.sunset) walkIr(ir.policy.sunset.condition, (x: IrExpr) => { if (x.k === 'const' && typeof x.value === 'string' && x.type.k === 'text') sunsetTexts.push(x.value); });
  const roots = [...new Set(ir.measures.map((m) => m.subject).filter((x): x is string => !!x))];
  const rootList = rootEntities(ir);
  const rootSet = new Set(rootList);
  const levels = ['国家', '省', '市', '县'];
  for (let s = 0; s < n; s++) {
    let evalDay = r.chance(0.7) && evalPool.length ? r.pick(evalPool) : r.int(lo, hi);
    const range = ir.policy.effectiveRange;
    if (range && r.chance(0.25)) evalDay = r.int(range.lo, range.hi);
    else if (range && ir.policy.sunset && r.chance(0.3)) evalDay = range.hi + r.int(1, 400); // after 施行日: in force, void or possibly void
    let events: Record<string, unknown>[] = [];
    if (ir.policy.sunset && s % 4 === 1) {
      // a void scenario: evaluated after the policy takes effect, with an event that the
      // interpreter says voids it (or may void it) — random events tried until one does
      const from = Math.max(lo, (ir.policy.effective ?? range?.hi ?? lo) + 1);
      evalDay = r.int(from, hi);
      // alternately a surely void (已废止) and a possibly void (可能废止) target; the other kind if
      // no event of the wanted kind is found in 200 draws (a sure 失效 condition has no 可能废止)
      const wantSure = Math.floor(s / 4) % 2 === 0;
      let fallback: Record<string, unknown> | undefined;
      for (let tries = 0; tries < 200; tries++) {
        const day = range && r.chance(0.3) ? r.int(range.lo, range.hi) : evalDay - r.pick([0, 1, 2, r.int(0, 400)]);
        const ev: Record<string, unknown> = { 日期: iso(day), 级别: r.pick(levels), 类别: r.pick(sunsetTexts.length ? sunsetTexts : k.texts) };
        if (sunsetTexts.length && r.chance(0.4)) ev['文号'] = r.pick(sunsetTexts);
        const d = evaluate(ir, {}, iso(evalDay), [ev]);
        if (wantSure ? d.废止 : d.可能废止) { fallback = undefined; events = [ev]; break; }
        if (d.废止 || d.可能废止) fallback ??= ev;
      }
      if (fallback) events = [fallback];
    }
    if (ir.policy.sunset && !events.length && r.chance(0.5)) {
      for (let i = r.int(1, 2); i > 0; i--) {
        // on/around the evaluation date, or (uncertain 施行日) inside its range: a 失效 condition against 施行日 is then undecided
        const day = range && r.chance(0.3) ? r.int(range.lo, range.hi) : evalDay + r.pick([-400, -1, 0, 0, 1, 30]);
        events.push({ 日期: iso(Math.max(D('2000-01-01'), day)), 级别: r.pick(levels), 类别: r.pick(sunsetTexts.length && r.chance(0.6) ? sunsetTexts : k.texts.length ? k.texts : ['生育支持政策']) });
      }
    }
    const facts: unknown[] = [];
    for (let i = 0; i < per + free; i++) {
      const withRoot = i < per;
      const f: Record<string, unknown> = {};
      for (const e of ir.entities) {
        if (!withRoot && rootSet.has(e.name)) continue;
        const isSubject = roots.includes(e.name);
        if (r.chance(isSubject ? 0.5 : 0.15)) f[e.name] = record(e.name, evalDay, 2);
        // a root entity the case states does not exist (issue 14: 不存在), else absent = unknown
        else if (rootSet.has(e.name) && r.chance(0.15)) f[e.name] = '不存在';
      }
      // no root entity drawn: one of them, a record or (about as often as above) 不存在
      if (withRoot && rootList.length && !rootList.some((e) => e in f)) {
        const e = r.pick(rootList);
        f[e] = r.chance(0.85) ? record(e, evalDay, 2) : '不存在';
      }
      facts.push(f);
    }
    yield { date: iso(evalDay), events, facts };
  }
}
