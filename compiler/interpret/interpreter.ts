/**
 * The interpreter: reference semantics of the IR.
 * Input: IrProgram + facts + evaluation date + higher-level events.
 * Output: Decisions (decision.ts), or InputError listing every input problem.
 *
 * Semantics (grammar/README.md §11, §15):
 *  - the policy is void (已废止) from the earliest matching event's day (起算：当日) or
 *    the day after (次日); before a known effective date it is 未生效; when the effective
 *    date is known only within a range and the evaluation date lies inside it, a measure
 *    that would apply is 存疑 (naming the uncertain date), one that would not is 不适用;
 *  - a rule applies when its validity period contains the date and its condition is
 *    true; conditions use Kleene three-valued logic: a missing fact is unknown;
 *  - for each outcome, the applicable rules that no other applicable rule defining the
 *    same outcome overrides give the value; if they disagree the outcome is in 矛盾 and
 *    the measure 存疑, never a silent pick; if a rule's applicability is unknown and could
 *    change the result, the measure is 存疑 with the missing facts named; a required
 *    outcome without a value is a 缺口 — each outcome is judged on its own;
 *  - definitions (定义) are evaluated on demand, once per instance per evaluation;
 *    quantifiers and aggregates range over lists of records (Kleene: 均满足 is false as
 *    soon as one element fails, unknown if none fails and one is unknown; 数量/合计 are
 *    unknown if any element's condition or value is unknown);
 *  - a value that depends on a date known only within a range (某日、施行日) is an
 *    interval; a comparison is decided only when every date in the range agrees;
 *  - a measure whose 对象 entity the case states does not exist (`家庭: "不存在"`) is
 *    不适用; an entity absent from the facts is unknown: its facts are unknown, and a
 *    measure that would apply to it is 存疑 (naming the entity), never a silent 不适用.
 * INVARIANT: this file uses compiler/common/calendar.ts for dates and ages; generated
 * evaluators use their own emitted helpers, so differential tests compare two
 * independent implementations.
 */
import Fraction from 'fraction.js';
import { fromDayNumber, formatIso, fullYearsOfAge, fullMonthsOfAge, addMonthsClamped, dayNumber, workdayDeadline } from '../common/calendar.js';
import type { IrExpr, IrProgram, IrMeasure, IrType, IrDefinition, IrRule } from '../ir/ir.js';
import { MONEY_SCALE, unitOf, isRatio, ratioText } from '../ir/ir.js';
import { NONEXISTENT, validateInput, type Facts, type Rec, type RuntimeValue } from './validate.js';
import {
  InputError, CalendarCoverageError, type EvaluateOptions, type ConditionTrace, type Decision, type Decisions, type OutcomeValue, type PolicyEvent, type RuleTrace, type Status,
  type DefinitionTrace, type OutcomeProblem,
} from './decision.js';

/** An entity instance: a record of the facts and where it is (for messages). */
export interface EntityVal { readonly kind: 'entity'; readonly rec: Rec; readonly path: string }
/** A list of records. */
export interface ListVal { readonly kind: 'list'; readonly items: readonly Rec[]; readonly path: string }
/** A number known only to lie in [lo, hi] (a date or a day count derived from 某日/施行日). */
export interface Interval { readonly kind: 'interval'; readonly lo: number; readonly hi: number; readonly why: string }

type V = RuntimeValue | EntityVal | ListVal | Interval | null; // null = unknown (missing fact)

interface Measured {
  readonly decision: Decision;
  readonly raw: Map<string, RuntimeValue>;
}

interface Shared {
  readonly facts: Facts;
  /** Root entities the case states do not exist. */
  readonly nonexistent: ReadonlySet<string>;
  readonly evalDay: number;
  readonly ir: IrProgram;
  readonly status0: Status | undefined;
  /** The policy may not be in force on the evaluation date (uncertain 施行日, or an event that may void it). */
  readonly doubts: readonly InForceDoubt[];
  /** Definition values per instance record (and for global definitions, per evaluation). */
  readonly defMemo: WeakMap<object, Map<string, { v: V; missing: readonly string[]; params: readonly string[]; defs: readonly DefinitionTrace[] }>>;
  readonly globalKey: object;
  /** Measure decisions computed so far (measures may refer to each other, acyclically). */
  readonly measures: Map<string, Measured>;
  readonly inProgress: Set<string>;
  readonly raw: Map<string, RuntimeValue>;
}

interface Ctx {
  readonly sh: Shared;
  readonly event?: PolicyEvent & { day: number };
  readonly usedParams: Set<string>;
  readonly missing: Set<string>;
  readonly vars: ReadonlyMap<string, EntityVal>;
  /** Definitions evaluated (for the trace), keyed by instance path + name. */
  readonly defs?: Map<string, DefinitionTrace>;
  /** For properties: raw outcome values (measure.outcome), statuses, and voidness. */
  readonly outcomes?: Map<string, RuntimeValue>;
  readonly statuses?: Map<string, Status>;
  readonly isVoid?: boolean;
}

// ── values for people ────────────────────────────────────────────────
/** Format a runtime value for people. */
export function display(t: IrType, v: unknown): string {
  if (v === null || v === undefined) return '（未知）';
  if (typeof v === 'object') {
    const o = v as EntityVal | ListVal | Interval;
    if (o.kind === 'interval') return t.k === 'date' ? `${formatIso(fromDayNumber(o.lo))} 至 ${formatIso(fromDayNumber(o.hi))} 之间（确切日期未知）` : `${o.lo} 至 ${o.hi} 之间`;
    if (o.kind === 'entity') return o.path;
    if (o.kind === 'list') return `${o.items.length}个`;
  }
  switch (t.k) {
    case 'money': return `${formatFen(v as number)}元`;
    case 'date': return formatIso(fromDayNumber(v as number));
    case 'bool': return v ? '是' : '否';
    case 'quantity': return t.dim === 'ratio' ? formatRatio(v as string) : `${v}${unitOf(t)}`;
    default: return String(v);
  }
}

export function formatFen(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / MONEY_SCALE)}.${String(a % MONEY_SCALE).padStart(2, '0')}`;
}

/**
 * A ratio "n/d" as an exact percentage: "50%", "0.48%", "33.(3)%" (repeating digits in
 * parentheses). A repeating cycle longer than the 15 decimals shown is cut off and marked
 * "…" ("1937.795552820698775…%"), never printed as if it were exact.
 */
export function formatRatio(r: string): string {
  const f = new Fraction(r).mul(100);
  const s = f.toString();
  return !s.includes('(') && !new Fraction(s).equals(f) ? `${s}…%` : `${s}%`;
}

// ── helpers ──────────────────────────────────────────────────────────
const isInterval = (v: V): v is Interval => typeof v === 'object' && v !== null && (v as Interval).kind === 'interval';
const lo = (v: number | Interval): number => (typeof v === 'number' ? v : v.lo);
const hi = (v: number | Interval): number => (typeof v === 'number' ? v : v.hi);
const whyOf = (...vs: V[]): string => [...new Set(vs.filter(isInterval).map((x) => x.why))].join('、');

/** An interval that collapsed to one value is that value. */
function iv(a: number, b: number, why: string): number | Interval {
  return a === b ? a : { kind: 'interval', lo: Math.min(a, b), hi: Math.max(a, b), why };
}

/** round(x) half away from zero, x exact (money × ratio, ÷: the one rounding rule; tested directly in test/ir/round-div.test.ts). */
export function roundHalfAway(x: Fraction): number {
  // Stryker disable next-line EqualityOperator: fraction.js keeps the sign s at 1n or -1n, so s < 0n and s <= 0n agree
  const neg = x.s < 0n;
  const r = Number(x.abs().add(new Fraction(1, 2)).floor().valueOf());
  return neg && r !== 0 ? -r : r;
}

function ratio(v: RuntimeValue): Fraction {
  return new Fraction(typeof v === 'boolean' ? Number(v) : v);
}

/** Three-valued comparison; intervals compare only when every value agrees. */
function compare(op: string, a: RuntimeValue | Interval, b: RuntimeValue | Interval, ctx: Ctx): boolean | null {
  if (isInterval(a) || isInterval(b)) {
    if (typeof a !== 'number' && !isInterval(a)) return null;
    if (typeof b !== 'number' && !isInterval(b)) return null;
    const [al, ah, bl, bh] = [lo(a), hi(a), lo(b), hi(b)];
    let r: boolean | null;
    switch (op) {
      case '>=': r = al >= bh ? true : ah < bl ? false : null; break;
      case '>': r = al > bh ? true : ah <= bl ? false : null; break;
      case '<=': r = ah <= bl ? true : al > bh ? false : null; break;
      case '<': r = ah < bl ? true : al >= bh ? false : null; break;
      case '=': r = ah < bl || bh < al ? false : null; break;
      default: r = ah < bl || bh < al ? true : null; break;
    }
    if (r === null) ctx.missing.add(whyOf(a, b));
    return r;
  }
  if (typeof a === 'string' && typeof b === 'string' && a.includes('/') && b.includes('/') && op !== '=' && op !== '!=') {
    const c = new Fraction(a).compare(new Fraction(b));
    return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c < 0;
  }
  switch (op) {
    case '>=': return a >= b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '<': return a < b;
    case '=': return a === b;
    default: return a !== b;
  }
}

function recOf(v: V): EntityVal | undefined {
  return v !== null && typeof v === 'object' && (v as EntityVal).kind === 'entity' ? (v as EntityVal) : undefined;
}

/** The value of a field of a record, or unknown (recorded as missing). */
function fieldOf(ent: EntityVal, field: string, t: IrType, ctx: Ctx): V {
  const v = ent.rec.get(field);
  const path = `${ent.path}.${field}`;
  if (v === undefined) {
    ctx.missing.add(path);
    return null;
  }
  if (t.k === 'list') return { kind: 'list', items: v as Rec[], path };
  if (t.k === 'entity') return { kind: 'entity', rec: v as Rec, path };
  return v as RuntimeValue;
}

/** What is missing when a root entity is not in the facts (the case may state it does not exist). */
function absentRoot(entity: string, path: string, ctx: Ctx): string {
  return ctx.sh.nonexistent.has(entity) ? `${path}（输入声明没有「${entity}」）` : path;
}

function rootOf(entity: string, ctx: Ctx): EntityVal | null {
  const rec = ctx.sh.facts.get(entity);
  if (!rec) {
    ctx.missing.add(absentRoot(entity, entity, ctx));
    return null;
  }
  return { kind: 'entity', rec, path: entity };
}

function listOf(e: IrExpr, ctx: Ctx): ListVal | null {
  const v = evalExpr(e, ctx);
  return v !== null && typeof v === 'object' && (v as ListVal).kind === 'list' ? (v as ListVal) : null;
}

function withVar(ctx: Ctx, name: string, list: ListVal, i: number): Ctx {
  const vars = new Map(ctx.vars);
  vars.set(name, { kind: 'entity', rec: list.items[i]!, path: `${list.path}[${i}]` });
  return { ...ctx, vars };
}

/** Evaluate a definition for an instance (memoised; its missing facts are re-reported to every user). */
function definition(d: IrDefinition, self: EntityVal | undefined, ctx: Ctx): V {
  const key = self ? self.rec : ctx.sh.globalKey;
  let memo = ctx.sh.defMemo.get(key);
  // Stryker disable next-line ConditionalExpression: a memo: a new map per call only forgets earlier definitions of the instance, which are evaluated again with the same value, missing facts, parameters and traces
  if (!memo) ctx.sh.defMemo.set(key, (memo = new Map()));
  let hit = memo.get(d.name);
  // Stryker disable next-line ConditionalExpression: a memo: evaluating the definition again gives the same value, missing facts, parameters and traces
  if (!hit) {
    const missing = new Set<string>();
    const params = new Set<string>();
    const defs = new Map<string, DefinitionTrace>();
    const vars = new Map<string, EntityVal>();
    // Stryker disable next-line ConditionalExpression: binding @self to undefined is the same as not binding it: a var lookup of undefined gives null (unknown) either way
    if (self) vars.set('@self', self);
    const dctx: Ctx = { sh: ctx.sh, usedParams: params, missing, vars, defs, ...(ctx.event ? { event: ctx.event } : {}) };
    const v = evalExpr(d.expr, dctx);
    hit = { v, missing: [...missing], params: [...params], defs: [...defs.values()] };
    memo.set(d.name, hit);
  }
  for (const m of hit.missing) ctx.missing.add(m);
  for (const p of hit.params) ctx.usedParams.add(p);
  if (ctx.defs) {
    for (const t of hit.defs) ctx.defs.set(`${t.实例 ?? ''}\u0000${t.定义}`, t);
    const inst = self?.path;
    const trace: DefinitionTrace = {
      定义: d.name, 值: display(d.type, hit.v), ...(inst ? { 实例: inst } : {}),
      ...(d.citation?.label ? { 条款: d.citation.label } : {}), ...(d.citation?.quotes.length ? { 原文: d.citation.quotes } : {}),
    };
    ctx.defs.set(`${inst ?? ''}\u0000${d.name}`, trace);
  }
  return hit.v;
}

function num(v: V): number | Interval | undefined {
  return typeof v === 'number' ? v : isInterval(v) ? v : undefined;
}

// ── expressions ──────────────────────────────────────────────────────
function evalExpr(e: IrExpr, ctx: Ctx): V {
  switch (e.k) {
    case 'const': return e.value;
    case 'field': {
      const rec = ctx.sh.facts.get(e.entity);
      if (!rec) {
        ctx.missing.add(absentRoot(e.entity, `${e.entity}.${e.field}`, ctx));
        return null;
      }
      return fieldOf({ kind: 'entity', rec, path: e.entity }, e.field, e.type, ctx);
    }
    case 'root': return rootOf(e.entity, ctx);
    case 'var': return ctx.vars.get(e.name) ?? null;
    case 'get': {
      const of = recOf(evalExpr(e.of, ctx));
      return of ? fieldOf(of, e.field, e.type, ctx) : null;
    }
    case 'def': {
      const d = byName(ctx.sh.ir, 'definitions', e.name)!;
      if (e.of) {
        const self = recOf(evalExpr(e.of, ctx));
        return self ? definition(d, self, ctx) : null;
      }
      return definition(d, undefined, ctx);
    }
    case 'quant': return quant(e, ctx);
    case 'nth': {
      const list = listOf(e.list, ctx);
      if (!list) return null;
      // every element's key is evaluated, so that every missing one is named (not only the first)
      const keys: (number | string)[] = [];
      let unknown = false;
      for (let i = 0; i < list.items.length; i++) {
        const k = evalExpr(e.key, withVar(ctx, e.var, list, i));
        if (k === null) unknown = true;
        else if (isInterval(k)) {
          ctx.missing.add(k.why);
          unknown = true;
        } else keys.push(k as number | string);
      }
      if (unknown) return null;
      if (e.n > list.items.length) {
        ctx.missing.add(`${list.path}（只有 ${list.items.length} 个，没有第 ${e.n} 个）`);
        return null;
      }
      // ratios ("n/d") compare as exact rationals, never as text ("10/1" < "9/1" as strings)
      const cmpKey = (a: number | string, b: number | string): number =>
        typeof a === 'string' && typeof b === 'string' ? new Fraction(a).compare(new Fraction(b)) : a < b ? -1 : a > b ? 1 : 0;
      const order = keys.map((k, i) => ({ k, i })).sort((a, b) => cmpKey(a.k, b.k) || a.i - b.i);
      const at = order[e.n - 1]!.i;
      return { kind: 'entity', rec: list.items[at]!, path: `${list.path}[${at}]` };
    }
    case 'effective': {
      const p = ctx.sh.ir.policy;
      if (p.effective !== undefined) return p.effective;
      if (p.effectiveRange) return iv(p.effectiveRange.lo, p.effectiveRange.hi, `施行日（${p.effectiveRange.loIso} 至 ${p.effectiveRange.hiIso} 之间，确切日期未知）`);
      ctx.missing.add('施行日（原文未载明）');
      return null;
    }
    case 'someDay': return iv(e.lo, e.hi, `${e.origin.text}（${formatIso(fromDayNumber(e.lo))} 至 ${formatIso(fromDayNumber(e.hi))} 之间）`);
    case 'param': {
      const p = ctx.sh.ir.params.find((x) => x.name === e.name)!;
      let found: (typeof p.values)[number] | undefined;
      for (const v of p.values) if (v.from <= ctx.sh.evalDay) found = v;
      if (!found) {
        ctx.missing.add(`参数 ${e.name}（${formatIso(fromDayNumber(ctx.sh.evalDay))} 无取值）`);
        return null;
      }
      if (!found.confirmed) ctx.usedParams.add(e.name);
      return found.value;
    }
    case 'evalDate': return ctx.sh.evalDay;
    case 'event': {
      const ev = ctx.event;
      if (!ev) return null;
      if (e.field === '日期') return ev.day;
      const v = (ev as unknown as Record<string, unknown>)[e.field];
      return typeof v === 'string' ? v : null;
    }
    case 'age': {
      const b = num(evalExpr(e.birth, ctx));
      if (b === undefined) return null;
      const on = fromDayNumber(ctx.sh.evalDay);
      const age = (d: number) => (e.unit === 'years' ? fullYearsOfAge(fromDayNumber(d), on) : fullMonthsOfAge(fromDayNumber(d), on));
      // age is non-increasing in the birth date
      const a1 = age(hi(b));
      const a2 = age(lo(b));
      if (a1 === undefined || a2 === undefined) {
        if (isInterval(b)) ctx.missing.add(`${b.why}（可能晚于评估日期）`);
        return null;
      }
      return isInterval(b) ? iv(a1, a2, b.why) : a1;
    }
    case 'daysBetween': {
      const a = num(evalExpr(e.from, ctx));
      const b = num(evalExpr(e.to, ctx));
      if (a === undefined || b === undefined) return null;
      return iv(lo(b) - hi(a), hi(b) - lo(a), whyOf(a, b));
    }
    case 'not': {
      const x = evalExpr(e.x, ctx);
      return x === null ? null : !x;
    }
    case 'and': {
      let unknown = false;
      for (const x of e.xs) {
        const v = evalExpr(x, ctx);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const x of e.xs) {
        const v = evalExpr(x, ctx);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'cmp': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null) return null;
      return compare(e.op, a as RuntimeValue | Interval, b as RuntimeValue | Interval, ctx);
    }
    case 'in': {
      const x = evalExpr(e.x, ctx);
      if (x === null) return null;
      let unknown = false;
      for (const m of e.values) {
        const v = evalExpr(m, ctx);
        if (v === null) unknown = true;
        else {
          const eq = compare('=', x as RuntimeValue | Interval, v as RuntimeValue | Interval, ctx);
          if (eq === true) return !e.negated;
          if (eq === null) unknown = true;
        }
      }
      return unknown ? null : e.negated;
    }
    case 'neg': {
      const x = evalExpr(e.x, ctx);
      if (x === null) return null;
      if (isInterval(x)) return iv(-x.hi, -x.lo, x.why);
      if (typeof x === 'string') return ratioText(new Fraction(x).neg());
      return -(x as number) || 0;
    }
    case 'add':
    case 'sub': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null) return null;
      if (isRatio(e.type)) {
        const r = e.k === 'add' ? ratio(a as RuntimeValue).add(ratio(b as RuntimeValue)) : ratio(a as RuntimeValue).sub(ratio(b as RuntimeValue));
        return ratioText(r);
      }
      const x = num(a);
      const y = num(b);
      if (x === undefined || y === undefined) return null;
      if (isInterval(x) || isInterval(y)) {
        return e.k === 'add' ? iv(lo(x) + lo(y), hi(x) + hi(y), whyOf(x, y)) : iv(lo(x) - hi(y), hi(x) - lo(y), whyOf(x, y));
      }
      return (e.k === 'add' ? x + y : x - y) || 0;
    }
    case 'mul': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null) return null;
      if (isInterval(a) || isInterval(b)) {
        const x = num(a);
        const y = num(b);
        if (x === undefined || y === undefined || (isInterval(x) && isInterval(y))) {
          ctx.missing.add(whyOf(a, b)); // the product of two uncertain dates (or with a ratio) is not an interval we keep
          return null;
        }
        const c = (isInterval(x) ? y : x) as number;
        const r = isInterval(x) ? x : (y as Interval);
        return iv(r.lo * c, r.hi * c, r.why);
      }
      if (isRatio(e.type)) return ratioText(ratio(a as RuntimeValue).mul(ratio(b as RuntimeValue)));
      if (isRatio(e.a.type) || isRatio(e.b.type)) return roundHalfAway(ratio(a as RuntimeValue).mul(ratio(b as RuntimeValue)));
      return (a as number) * (b as number) || 0;
    }
    case 'div': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null) return null;
      if (isInterval(a) || isInterval(b)) {
        ctx.missing.add(whyOf(a, b)); // a quotient of an uncertain value: said, never a silent unknown
        return null;
      }
      const q = ratio(b as RuntimeValue);
      if (q.equals(0)) {
        ctx.missing.add(`除数“${e.b.origin?.text ?? ''}”为零，无法相除`);
        return null;
      }
      const r = ratio(a as RuntimeValue).div(q);
      if (isRatio(e.type)) return ratioText(r);
      return roundHalfAway(r);
    }
    case 'addMonths': {
      const d = num(evalExpr(e.date, ctx));
      const n = num(evalExpr(e.months, ctx));
      if (d === undefined || n === undefined) return null;
      const f = (x: number, m: number) => dayNumber(addMonthsClamped(fromDayNumber(x), e.sign * m));
      if (!isInterval(d) && !isInterval(n)) return f(d, n);
      const corners = [f(lo(d), lo(n)), f(lo(d), hi(n)), f(hi(d), lo(n)), f(hi(d), hi(n))];
      return iv(Math.min(...corners), Math.max(...corners), whyOf(d, n));
    }
    case 'workdays': {
      const s = num(evalExpr(e.start, ctx));
      const n = evalExpr(e.n, ctx);
      if (s === undefined || typeof n !== 'number') return null;
      const one = (start: number): number | null => {
        if (n < 1) return start;
        const r = workdayDeadline(fromDayNumber(start), n);
        if (!r.ok) {
          // INVARIANT: an uncovered year is an error for the whole evaluation, never 存疑 or a guess
          if (r.uncovered) throw new CalendarCoverageError(r.uncovered.year, r.uncovered.coverage, r.message);
          ctx.missing.add(r.message);
          return null;
        }
        return dayNumber(r.value);
      };
      if (!isInterval(s)) return one(s);
      const a = one(s.lo);
      const b = one(s.hi);
      return a === null || b === null ? null : iv(a, b, s.why);
    }
    case 'outcome': {
      if (ctx.outcomes) {
        const v = ctx.outcomes.get(`${e.measure}.${e.outcome}`);
        return v === undefined ? null : v;
      }
      const m = measureOf(e.measure, ctx);
      if (!m) return null;
      const v = m.raw.get(`${e.measure}.${e.outcome}`);
      if (v === undefined) {
        ctx.missing.add(`措施「${e.measure}」的结果「${e.outcome}」（该措施${m.decision.状态}）`);
        return null;
      }
      return v;
    }
    case 'applies': {
      if (ctx.statuses) return ctx.statuses.get(e.measure) === '适用';
      const m = measureOf(e.measure, ctx);
      if (!m) return null;
      if (m.decision.状态 === '存疑') {
        ctx.missing.add(`措施「${e.measure}」是否适用（存疑）`);
        return null;
      }
      return m.decision.状态 === '适用';
    }
    case 'void': return ctx.isVoid ?? null;
  }
}

function quant(e: Extract<IrExpr, { k: 'quant' }>, ctx: Ctx): V {
  const list = listOf(e.list, ctx);
  if (!list) return null;
  const n = list.items.length;
  const each = (i: number): V => (e.body ? evalExpr(e.body, withVar(ctx, e.var, list, i)) : true);
  switch (e.q) {
    case 'exists':
    case 'none': {
      let unknown = false;
      for (let i = 0; i < n; i++) {
        const v = each(i);
        if (v === true) return e.q === 'exists';
        if (v === null) unknown = true;
      }
      return unknown ? null : e.q === 'none';
    }
    case 'forall': {
      let unknown = false;
      for (let i = 0; i < n; i++) {
        const v = each(i);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'count': {
      let c = 0;
      let unknown = false;
      for (let i = 0; i < n; i++) {
        const v = each(i);
        if (v === true) c++;
        else if (v === null) unknown = true;
      }
      return unknown ? null : c;
    }
    case 'sum': {
      // every element is evaluated, so that every missing value is named (not only the first)
      const vs = Array.from({ length: n }, (_, i) => each(i));
      if (vs.some((v) => v === null)) return null;
      if (isRatio(e.type)) return ratioText(vs.reduce((acc: Fraction, v) => acc.add(ratio(v as RuntimeValue)), new Fraction(0)));
      const ns = vs.map(num);
      // Stryker disable next-line ConditionalExpression,ArrowFunction: vs holds no null (returned above) and a non-ratio sum's elements are numbers or intervals, which num keeps: ns never holds undefined
      if (ns.some((v) => v === undefined)) return null;
      const xs = ns as (number | Interval)[];
      return iv(xs.reduce<number>((a, v) => a + lo(v), 0), xs.reduce<number>((a, v) => a + hi(v), 0), whyOf(...xs));
    }
    case 'max':
    case 'min': {
      if (n === 0) {
        ctx.missing.add(`${list.path}（列表为空，没有${e.q === 'max' ? '最大' : '最小'}值）`);
        return null;
      }
      const all = Array.from({ length: n }, (_, i) => each(i));
      if (all.some((v) => v === null)) return null;
      const vals = all as (number | Interval | string)[];
      // Stryker disable next-line MethodExpression: a list's values are all ratios (texts) or all numbers and intervals (one type per aggregate): some and every agree
      if (vals.every((v) => typeof v === 'string')) {
        const fs = vals.map((v) => new Fraction(v as string));
        const best = fs.reduce((a, b) => ((e.q === 'max' ? b.compare(a) > 0 : b.compare(a) < 0) ? b : a));
        return ratioText(best);
      }
      const ns = vals as (number | Interval)[];
      const pick = e.q === 'max' ? Math.max : Math.min;
      return iv(pick(...ns.map(lo)), pick(...ns.map(hi)), whyOf(...ns));
    }
  }
}

/** Name → first definition/measure of that name, per program (a linear search per reference cost O(measures)). */
const nameIndex = new WeakMap<IrProgram, { definitions: Map<string, IrDefinition>; measures: Map<string, IrMeasure> }>();
function byName<K extends 'definitions' | 'measures'>(ir: IrProgram, kind: K, name: string): (K extends 'definitions' ? IrDefinition : IrMeasure) | undefined {
  let idx = nameIndex.get(ir);
  // Stryker disable next-line ConditionalExpression: the name index is a memo: building it again gives the same maps
  if (!idx) {
    const first = <T extends { readonly name: string }>(xs: readonly T[]) => {
      const m = new Map<string, T>();
      for (const x of xs) if (!m.has(x.name)) m.set(x.name, x);
      return m;
    };
    idx = { definitions: first(ir.definitions), measures: first(ir.measures) };
    nameIndex.set(ir, idx);
  }
  return idx[kind].get(name) as (K extends 'definitions' ? IrDefinition : IrMeasure) | undefined;
}

/** The decision of another measure, evaluated once per evaluation (the checker rules out cycles). */
function measureOf(name: string, ctx: Ctx): Measured | undefined {
  const sh = ctx.sh;
  const hit = sh.measures.get(name);
  if (hit) return hit;
  const m = byName(sh.ir, 'measures', name);
  if (!m || sh.inProgress.has(name)) return undefined;
  return decide(m, sh);
}

// ── traces ───────────────────────────────────────────────────────────
/** Atomic conditions of a condition tree, each with its verdict and operand values. */
function traceConditions(e: IrExpr, ctx: Ctx, out: ConditionTrace[], memo?: Map<IrExpr, V>): void {
  if (e.k === 'and' || e.k === 'or') {
    // a range lowers to and(≥, ≤) with the same origin: show it as one condition
    if (e.xs.length === 2 && e.xs.every((x) => x.k === 'cmp' && x.origin.start === e.origin.start && x.origin.end === e.origin.end)) {
      const v = evalExpr(e, ctx);
      memo?.set(e, v);
      const c0 = e.xs[0] as Extract<IrExpr, { k: 'cmp' }>;
      out.push({ 条件: e.origin.text, 成立: v as boolean | null, 取值: { [c0.a.origin?.text ?? '值']: display(c0.a.type, evalExpr(c0.a, ctx)) } });
      return;
    }
    for (const x of e.xs) traceConditions(x, ctx, out, memo);
    return;
  }
  if (e.k === 'not') {
    traceConditions(e.x, ctx, out, memo);
    return;
  }
  // Stryker disable next-line ConditionalExpression,LogicalOperator: only constants have a value (for any other node typeof e.value is 'undefined'), and a condition's constants are booleans
  if (e.k === 'const' && typeof e.value === 'boolean') return;
  const v = evalExpr(e, ctx);
  memo?.set(e, v);
  const vals: Record<string, string> = {};
  const add = (x: IrExpr) => {
    if (x.k === 'const') return;
    vals[x.origin.text] = display(x.type, evalExpr(x, ctx));
  };
  if (e.k === 'cmp') {
    add(e.a);
    add(e.b);
  } else if (e.k === 'in') add(e.x);
  else if (e.k === 'quant') {
    const list = listOf(e.list, ctx);
    if (list) {
      const yes: number[] = [];
      const no: number[] = [];
      const unk: number[] = [];
      for (let i = 0; i < list.items.length; i++) {
        const r = e.body ? evalExpr(e.body, withVar(ctx, e.var, list, i)) : true;
        (r === true ? yes : r === false ? no : unk).push(i + 1);
      }
      const part = (label: string, xs: number[]) => (xs.length ? `，${label} ${xs.length} 个（第${xs.join('、')}个）` : '');
      vals[e.list.origin?.text ?? '列表'] = `${list.items.length}个${part('满足', yes)}${part('不满足', no)}${part('未知', unk)}`;
    } else vals[e.list.origin?.text ?? '列表'] = '（未知）';
  } else add(e);
  out.push({ 条件: e.origin?.text ?? '', 成立: v as boolean | null, 取值: vals });
}

/**
 * The conjuncts of a rule's condition, as a decision's 未满足/未知 list them: 且 is split
 * (recursively), anything else — a comparison, a 或 group, a 并非, a quantifier, a range written
 * once (6—24月龄) — is one condition. (explain's 满足 lists the same conjuncts.)
 */
export function conjuncts(e: IrExpr): IrExpr[] {
  const out: IrExpr[] = [];
  const visit = (x: IrExpr): void => {
    // a range lowers to and(≥, ≤) with the range's own origin: one condition
    const range = x.k === 'and' && x.xs.length === 2 && x.xs.every((c) => c.k === 'cmp' && c.origin.start === x.origin.start && c.origin.end === x.origin.end);
    if (x.k === 'and' && !range) x.xs.forEach(visit);
    else out.push(x);
  };
  visit(e);
  return out;
}

/** The conjuncts (`conjuncts`) of a rule's condition that do not hold (false) and those that are unknown, as source texts. */
function unmetConditions(e: IrExpr, ctx: Ctx, memo?: ReadonlyMap<IrExpr, V>): { no: string[]; unknown: string[] } {
  const no: string[] = [];
  const unknown: string[] = [];
  for (const x of conjuncts(e)) {
    if (x.k === 'const') {
      if (x.value === false) no.push(x.origin?.text ?? '否');
      continue;
    }
    // INVARIANT: memo holds the values traceConditions computed for these very nodes in this ctx
    // Stryker disable next-line OptionalChaining: the only caller, evaluateMeasure, always passes the memo
    const v = memo?.has(x) ? memo.get(x)! : evalExpr(x, ctx);
    if (v === false) no.push(x.origin?.text ?? '');
    else if (v === null) unknown.push(x.origin?.text ?? '');
  }
  return { no, unknown };
}

// ── policy status ────────────────────────────────────────────────────
/** Day from which the policy is void, given the events (undefined: not void). */
export function voidDay(ir: IrProgram, events: { day: number; event: PolicyEvent }[], facts: Facts, evalDay: number, nonexistent: ReadonlySet<string> = new Set()): { day: number; event: PolicyEvent } | undefined {
  return voidStatus(ir, events, facts, evalDay, nonexistent).void;
}

/**
 * The sunset: the earliest day an event surely voids the policy, and the earliest day an
 * event may void it (its 失效 condition is unknown, e.g. it compares with 施行日 known only
 * within a range) before that — with what the doubt depends on.
 */
export function voidStatus(ir: IrProgram, events: { day: number; event: PolicyEvent }[], facts: Facts, evalDay: number, nonexistent: ReadonlySet<string> = new Set()): {
  void?: { day: number; event: PolicyEvent }; maybe?: { day: number; event: PolicyEvent; missing: string[] };
} {
  const s = ir.policy.sunset;
  if (!s) return {};
  let best: { day: number; event: PolicyEvent } | undefined;
  let maybe: { day: number; event: PolicyEvent; missing: string[] } | undefined;
  const sh = shared(ir, facts, nonexistent, evalDay, undefined);
  for (const ev of events) {
    const missing = new Set<string>();
    const ctx: Ctx = { sh, usedParams: new Set(), missing, vars: new Map(), event: { ...ev.event, day: ev.day } };
    const r = evalExpr(s.condition, ctx);
    const day = ev.day + (s.start === 'nextDay' ? 1 : 0);
    if (r === true && (!best || day < best.day)) best = { day, event: ev.event };
    if (r === null && (!maybe || day < maybe.day)) maybe = { day, event: ev.event, missing: [...missing].sort() };
  }
  return { ...(best ? { void: best } : {}), ...(maybe && (!best || maybe.day < best.day) ? { maybe } : {}) };
}

/** A doubt on whether the policy is in force on the evaluation date. */
interface InForceDoubt {
  /** "评估日期可能早于…" / "本政策可能已于…废止（…）". */
  readonly text: string;
  /** What it would take for the measure to grant nothing anyway. */
  readonly ifSo: string;
  readonly missing: readonly string[];
}

function shared(ir: IrProgram, facts: Facts, nonexistent: ReadonlySet<string>, evalDay: number, status0: Status | undefined, doubts: readonly InForceDoubt[] = []): Shared {
  return {
    facts, nonexistent, evalDay, ir, status0, defMemo: new WeakMap(), globalKey: {}, measures: new Map(), inProgress: new Set(), raw: new Map(),
    doubts,
  };
}

function outcomeValue(t: IrType, v: RuntimeValue): Pick<OutcomeValue, '值' | '单位' | '分'> {
  if (t.k === 'money') return { 值: formatFen(v as number), 单位: '元', 分: v as number };
  if (isRatio(t)) return { 值: formatRatio(v as string), 单位: '%' };
  if (t.k === 'date') return { 值: formatIso(fromDayNumber(v as number)), 单位: '日期' };
  return { 值: v, 单位: unitOf(t) };
}

// ── measures ─────────────────────────────────────────────────────────
function decide(m: IrMeasure, sh: Shared): Measured {
  sh.inProgress.add(m.name);
  const raw = new Map<string, RuntimeValue>();
  let decision = evaluateMeasure(m, sh, raw);
  if (m.application) decision = { ...decision, ...claimable(decision, m.application, sh) };
  sh.inProgress.delete(m.name);
  const out = { decision, raw };
  sh.measures.set(m.name, out);
  for (const [k, v] of raw) sh.raw.set(k, v);
  return out;
}

/**
 * Join the main-text entitlement with the application conditions (申请条件): what can actually
 * be claimed is 适用 only when both are 适用, 不适用 when either is, else 存疑 (or the
 * policy's 未生效/已废止).
 */
function claimable(main: Decision, appName: string, sh: Shared): Pick<Decision, '申请' | '可领取'> {
  const ctx: Ctx = { sh, usedParams: new Set(), missing: new Set(), vars: new Map() };
  const app = measureOf(appName, ctx)?.decision;
  const a: Status = app?.状态 ?? '存疑';
  const s = main.状态;
  const both: Status = s === '未生效' || s === '已废止' ? s : s === '不适用' || a === '不适用' ? '不适用' : s === '适用' && a === '适用' ? '适用' : '存疑';
  return {
    申请: {
      措施: appName, 状态: a, 条款: app ? { 锚点: app.条款.锚点, 标签: app.条款.标签 } : { 锚点: '', 标签: '' },
      ...(app ? { 理由: app.理由 } : {}),
    },
    可领取: { 状态: both, 结果: both === '适用' ? main.结果 : {} },
  };
}

/**
 * A decision's fields in their fixed order (措施, 条款, 对象?, 发放对象?, 牵头单位, 责任单位, 存疑?,
 * 状态, 结果, 理由, 规则, 问题?, 缺少?, 定义?), built by assignment: object spreads with
 * conditional parts cost more than the rest of a small measure's evaluation.
 * INVARIANT: the key order is the generated evaluator's (compareDecisions compares JSON text first).
 */
function decisionOf(m: IrMeasure, status: Status, results: Decision['结果'], reasons: string[], traces: RuleTrace[], extra?: { problems?: OutcomeProblem[]; missing?: string[]; defs?: DefinitionTrace[] }): Decision {
  const c = m.citation;
  const clause: Record<string, unknown> = { 锚点: c.anchor, 标签: c.label };
  if (c.title) clause.标题 = c.title;
  clause.原文 = c.quotes;
  const d: Record<string, unknown> = { 措施: m.name, 条款: clause };
  if (m.subject) d.对象 = m.subject;
  if (m.recipient) d.发放对象 = m.recipient;
  d.牵头单位 = m.lead;
  d.责任单位 = m.responsible;
  if (m.doubts.length) d.存疑 = m.doubts.map((x) => (x.reason ? { 名称: x.name, 采用: x.adopted ?? '', 理由: x.reason } : { 名称: x.name, 采用: x.adopted ?? '' }));
  d.状态 = status;
  d.结果 = results;
  d.理由 = reasons;
  d.规则 = traces;
  if (extra?.problems?.length) d.问题 = extra.problems;
  if (extra?.missing?.length) d.缺少 = extra.missing;
  if (extra?.defs?.length) d.定义 = extra.defs;
  return d as unknown as Decision;
}

/**
 * Is the rule in force on `day` (its 有效期, both ends included)? Kleene: null when an end counted from an
 * uncertain 施行日 lies on both sides of the day (d ≥ from.lo but d < from.hi, or d ≤ to.hi but d > to.lo).
 */
export function ruleInForce(r: IrRule, day: number): boolean | null {
  if ((r.validFrom !== undefined && day < r.validFrom) || (r.validTo !== undefined && day > r.validTo)) return false;
  if ((r.validFromRange && day < r.validFromRange.lo) || (r.validToRange && day > r.validToRange.hi)) return false;
  if ((r.validFromRange && day < r.validFromRange.hi) || (r.validToRange && day > r.validToRange.lo)) return null;
  return true;
}

/** The rule's validity period for explanations: `2024-01-15 至 2027-01-14`, an uncertain end as its range. */
function validityRangeText(r: IrRule): string {
  const end = (d: number | undefined, x: IrRule['validFromRange']) =>
    d !== undefined ? formatIso(fromDayNumber(d)) : x ? (x.why.endsWith('（原文未载明）') ? '未知' : `${formatIso(fromDayNumber(x.lo))}—${formatIso(fromDayNumber(x.hi))} 之间`) : '…';
  const text = `${end(r.validFrom, r.validFromRange)} 至 ${end(r.validTo, r.validToRange)}`;
  return r.validText ? `${r.validText}：${text}` : text;
}

function evaluateMeasure(m: IrMeasure, sh: Shared, raw: Map<string, RuntimeValue>): Decision {
  const status0 = sh.status0;
  if (status0) return decisionOf(m, status0, {}, [status0 === '已废止' ? '政策已废止' : '政策尚未生效'], []);
  if (m.subject && sh.nonexistent.has(m.subject)) {
    return decisionOf(m, '不适用', {}, [`输入声明没有「${m.subject}」`], []);
  }
  // INVARIANT: an absent subject is unknown, not absent: the rules run on unknown facts
  // and a measure that would grant something is 存疑 (whether the entity exists is not known).
  const unknownSubject = m.subject !== undefined && !sh.facts.has(m.subject);
  const defs = new Map<string, DefinitionTrace>();
  const measureMissing = new Set<string>();
  const mk = (missing: Set<string>, usedParams: Set<string>): Ctx => ({ sh, usedParams, missing, vars: new Map(), defs });
  const traces: RuleTrace[] = [];
  const applies = new Map<string, boolean | null>();
  for (const r of m.rules) {
    const missing = new Set<string>();
    const rctx = mk(missing, new Set());
    const conds: ConditionTrace[] = [];
    const memo = new Map<IrExpr, V>();
    let a: boolean | null;
    let note: string | undefined;
    const inForce = ruleInForce(r, sh.evalDay);
    if (inForce === false) {
      a = false;
      note = `不在有效期内（${validityRangeText(r)}）`;
    } else {
      a = evalExpr(r.condition, rctx) as boolean | null;
      traceConditions(r.condition, rctx, conds, memo);
      // INVARIANT (Kleene): a rule whose validity is unknown (an end counted from an uncertain 施行日) applies
      // unknown unless its condition is false; the 施行日 and its range are what is missing
      if (inForce === null && a !== false) {
        a = null;
        for (const x of [r.validFromRange, r.validToRange]) if (x) missing.add(x.why);
        note = `可能不在有效期内（${validityRangeText(r)}）：取决于${[r.validFromRange?.why, r.validToRange?.why].filter((x, i, xs) => x && xs.indexOf(x) === i).join('、')}`;
      } else if (a === null) note = `缺少事实：${[...missing].join('、')}`;
    }
    for (const x of missing) measureMissing.add(x);
    applies.set(r.name, a);
    const unmet = a === true || note?.startsWith('不在有效期内') ? { no: [], unknown: [] } : unmetConditions(r.condition, rctx, memo);
    traces.push({
      规则: r.name, 适用: a, 条件: conds, ...(note ? { 说明: note } : {}),
      ...(unmet.no.length ? { 未满足: unmet.no } : {}), ...(unmet.unknown.length ? { 未知: unmet.unknown } : {}),
    });
  }
  const results: Record<string, OutcomeValue> = {};
  const reasons: string[] = unknownSubject ? [absentSubjectReason(m.subject!)] : [];
  const problems: OutcomeProblem[] = [];
  let doubtful = false;
  for (const o of m.outcomes) {
    const cands = m.rules.filter((r) => r.assignments.some((x) => x.outcome === o.name));
    const live = cands.filter((r) => applies.get(r.name) !== false);
    // winners: applicable (or unknown) rules not overridden by a surely-applicable candidate
    const winners = live.filter((r) => !live.some((r2) => r2 !== r && applies.get(r2.name) === true && r2.overrides.includes(r.name)));
    const sure = winners.filter((r) => applies.get(r.name) === true);
    const unsure = winners.filter((r) => applies.get(r.name) === null);
    let unknownHere = false;
    if (unsure.length) {
      doubtful = true;
      unknownHere = true;
      reasons.push(`结果“${o.name}”取决于缺少的事实（规则 ${unsure.map((r) => r.name).join('、')}）`);
      problems.push({ 类别: '未知', 结果: o.name, 规则: unsure.map((r) => r.name) });
    }
    if (sure.length === 0) {
      if (o.required && !unknownHere) {
        doubtful = true;
        reasons.push(`缺口：必须定义的结果“${o.name}”没有适用的规则`);
        problems.push({ 类别: '缺口', 结果: o.name, 规则: [] });
      }
      continue;
    }
    const vals = sure.map((r) => {
      const used = new Set<string>();
      const missing = new Set<string>();
      const v = evalExpr(r.assignments.find((x) => x.outcome === o.name)!.value, mk(missing, used));
      for (const x of missing) measureMissing.add(x);
      return { r, v, used };
    });
    const distinct = new Set(vals.map((x) => JSON.stringify(x.v)));
    if (distinct.size > 1) {
      doubtful = true;
      reasons.push(`矛盾：结果“${o.name}”由规则 ${vals.map((x) => `${x.r.name}=${x.v === null ? '未知' : display(o.type, x.v)}`).join('、')} 同时给出不同的值，且没有优先关系`);
      problems.push({ 类别: '矛盾', 结果: o.name, 规则: vals.map((x) => x.r.name) });
      continue;
    }
    const v = vals[0]!.v;
    if (v === null || isInterval(v) || typeof v === 'object') {
      doubtful = true;
      reasons.push(`结果“${o.name}”的值取决于${isInterval(v) ? `不确定的日期：${v.why}` : '缺少的事实'}`);
      if (isInterval(v)) measureMissing.add(v.why);
      problems.push({ 类别: '未知', 结果: o.name, 规则: vals.map((x) => x.r.name) });
      continue;
    }
    // INVARIANT: an outcome that depends on a rule whose applicability is unknown is not an
    // established value: it is shown (§11.8) but never handed to other measures or properties.
    if (!unknownHere && !unknownSubject) raw.set(`${m.name}.${o.name}`, v);
    const unconfirmed = [...new Set(vals.flatMap((x) => [...x.used]))].sort();
    results[o.name] = {
      ...outcomeValue(o.type, v), 规则: vals.map((x) => x.r.name),
      ...(o.period ? { 周期: o.period } : {}), ...(unconfirmed.length ? { 未确认参数: unconfirmed } : {}),
    };
    reasons.push(`规则 ${vals.map((x) => x.r.name).join('、')} 适用：${o.name} = ${display(o.type, v)}${o.period ? `（${o.period}）` : ''}`);
  }
  let status: Status = doubtful ? '存疑' : Object.keys(results).length ? '适用' : '不适用';
  if (status === '不适用') reasons.push('没有适用的规则');
  // the subject may not exist: what would be granted is shown, but the measure is 存疑
  if (unknownSubject && status !== '不适用') {
    measureMissing.add(m.subject!);
    if (status === '适用') {
      status = '存疑';
      problems.push(...m.outcomes.filter((o) => Object.hasOwn(results, o.name)).map((o) => ({ 类别: '未知' as const, 结果: o.name, 规则: results[o.name]!.规则 })));
    }
  }
  // the policy may not be in force on the evaluation date (uncertain 施行日; an event that may
  // void it): a measure that would grant something is 存疑, one that would not stays 不适用
  const inForceDoubt = sh.doubts.length > 0 && status !== '不适用';
  for (const d of sh.doubts) {
    if (status !== '不适用') {
      reasons.push(`${d.text}：${d.ifSo}`);
      for (const x of d.missing) measureMissing.add(x);
    } else reasons.push(`（${d.text}；无论如何均无待遇）`);
  }
  if (inForceDoubt && status === '适用') {
    status = '存疑';
    problems.push(...m.outcomes.filter((o) => Object.hasOwn(results, o.name)).map((o) => ({ 类别: '未知' as const, 结果: o.name, 规则: results[o.name]!.规则 })));
  }
  return decisionOf(m, status, inForceDoubt ? {} : results, reasons, traces, {
    problems, ...(status === '存疑' && measureMissing.size ? { missing: [...measureMissing].sort() } : {}), defs: [...defs.values()],
  });
}

/** Why a measure is doubtful when its 对象 is not in the facts. */
function absentSubjectReason(subject: string): string {
  return `输入中没有「${subject}」：不知道是否存在，其事实均为未知（若确实没有，写 ${subject}: ${NONEXISTENT}）`;
}

/** Options of the verifier's own calls (not part of the evaluation contract). */
export interface EvaluateInternal {
  /** Decide no measure when the input violates a 前提 (the property engine discards it). */
  readonly stopIfAssumptionViolated?: boolean;
  /** Decide only these measures (others they refer to are decided on demand); `决定` lists only them. */
  readonly measures?: ReadonlySet<string>;
}

/**
 * The measures a property reads: named in its condition or assertions (`M.结果`, `适用（M）`),
 * directly or through the definitions it uses. Memoised per property.
 */
const propertyMeasureMemo = new WeakMap<IrProgram['properties'][number], ReadonlySet<string>>();
export function propertyMeasures(ir: IrProgram, prop: IrProgram['properties'][number]): ReadonlySet<string> {
  const hit = propertyMeasureMemo.get(prop);
  if (hit) return hit;
  const out = new Set<string>();
  const seenDefs = new Set<string>();
  const visit = (e: IrExpr): void => {
    if (e.k === 'outcome' || e.k === 'applies') out.add(e.measure);
    if (e.k === 'def' && !seenDefs.has(e.name)) {
      seenDefs.add(e.name);
      for (const d of ir.definitions) if (d.name === e.name) visit(d.expr);
    }
    for (const c of irChildren(e)) visit(c);
  };
  prop.asserts.forEach(visit);
  if (prop.condition) visit(prop.condition);
  propertyMeasureMemo.set(prop, out);
  return out;
}

/** Full evaluation with the raw (runtime-representation) outcome values. */
export function evaluateRaw(ir: IrProgram, facts: unknown, date: unknown, events: unknown = [], options?: unknown, internal?: EvaluateInternal): {
  decisions: Decisions; raw: Map<string, RuntimeValue>; isVoid: boolean; facts: Facts; nonexistent: ReadonlySet<string>; evalDay: number;
} {
  const v = validateInput(ir, facts, date, events, options);
  if (v.problems.length) throw new InputError(v.problems);
  const vs = voidStatus(ir, v.events, v.facts, v.evalDay, v.nonexistent);
  const voided = vs.void;
  const isVoid = voided !== undefined && v.evalDay >= voided.day;
  const range = ir.policy.effectiveRange;
  const notYet = (ir.policy.effective !== undefined && v.evalDay < ir.policy.effective) || (range !== undefined && v.evalDay < range.lo);
  const doubts: InForceDoubt[] = [];
  if (!isVoid && !notYet && range !== undefined && v.evalDay < range.hi) {
    const date = `施行日（${range.loIso} 至 ${range.hiIso} 之间，确切日期未知）`;
    doubts.push({ text: `评估日期可能早于${date}`, ifSo: '若尚未施行则不适用', missing: [date] });
  }
  const maybe = vs.maybe;
  if (!isVoid && !notYet && maybe && v.evalDay >= maybe.day) {
    const ev = maybe.event;
    const what = ev.标题 ?? `${ev.级别}级${ev.类别}`;
    doubts.push({
      text: `本政策可能已于${formatIso(fromDayNumber(maybe.day))}废止（事件“${what}”是否触发失效取决于：${maybe.missing.join('、') || '未知的事实'}）`,
      ifSo: '若已废止则不适用', missing: maybe.missing,
    });
  }
  const status0: Status | undefined = isVoid ? '已废止' : notYet ? '未生效' : undefined;
  const sh = shared(ir, v.facts, v.nonexistent, v.evalDay, status0, doubts);
  const violated = assumptionsViolated(ir, sh);
  // the property engine discards inputs that violate a 前提 without looking at the decisions
  const stop = internal?.stopIfAssumptionViolated === true && violated.length > 0;
  // a property needs only the measures it names (and what they refer to, decided on demand)
  const only = internal?.measures;
  const decided = stop ? [] : (only ? ir.measures.filter((m) => only.has(m.name)) : ir.measures).map((m) => (sh.measures.get(m.name) ?? decide(m, sh)).decision);
  const decisions: Decisions = {
    政策: { 名称: ir.policy.name, ...(ir.policy.docNumber ? { 文号: ir.policy.docNumber } : {}) },
    评估日期: formatIso(fromDayNumber(v.evalDay)),
    ...(v.registry !== undefined ? { 事件登记: v.registry } : {}),
    ...(isVoid ? { 废止: { 日期: formatIso(fromDayNumber(voided!.day)), 事件: voided!.event } } : {}),
    ...(!isVoid && !notYet && maybe && v.evalDay >= maybe.day ? { 可能废止: { 日期: formatIso(fromDayNumber(maybe.day)), 事件: maybe.event, 取决于: maybe.missing } } : {}),
    生效: {
      ...(ir.policy.effectiveIso ? { 日期: ir.policy.effectiveIso } : {}),
      ...(range ? { 范围: { 最早: range.loIso, 最晚: range.hiIso } } : {}),
      ...(ir.policy.effectiveNote ? { 说明: ir.policy.effectiveNote } : {}),
    },
    ...(violated.length ? { 前提不满足: violated } : {}),
    决定: decided,
  };
  return { decisions, raw: sh.raw, isVoid, facts: v.facts, nonexistent: v.nonexistent, evalDay: v.evalDay };
}

/** Declared assumptions (前提) that the input violates (false; unknown ones are not violations). */
function assumptionsViolated(ir: IrProgram, sh: Shared): { 名称: string; 说明?: string }[] {
  const out: { 名称: string; 说明?: string }[] = [];
  for (const a of ir.assumptions) {
    const ctx: Ctx = { sh, usedParams: new Set(), missing: new Set(), vars: new Map() };
    if (evalExpr(a.condition, ctx) === false) out.push({ 名称: a.name, ...(a.note ? { 说明: a.note } : {}) });
  }
  return out;
}

/**
 * Evaluate a policy. Throws InputError (listing every problem) on invalid input —
 * including values that cannot be read (a throwing getter or Proxy) and non-plain
 * objects (Map, Date, class instances) — and never throws otherwise.
 * `options.事件登记` (EvaluateOptions) is echoed into the decision set.
 */
export function evaluate(ir: IrProgram, facts: unknown, date: unknown, events: unknown = [], options?: EvaluateOptions): Decisions {
  return evaluateRaw(ir, facts, date, events, options).decisions;
}

/** Evaluate one expression on validated facts (for tools: the verifier, explain). */
export function evaluateExpr(ir: IrProgram, e: IrExpr, facts: Facts, evalDay: number, event?: PolicyEvent & { day: number }, nonexistent: ReadonlySet<string> = new Set()): { value: unknown; missing: string[] } {
  const sh = shared(ir, facts, nonexistent, evalDay, undefined);
  const missing = new Set<string>();
  const ctx: Ctx = { sh, usedParams: new Set(), missing, vars: new Map(), ...(event ? { event } : {}) };
  return { value: evalExpr(e, ctx), missing: [...missing] };
}

/** Result of checking one property on one concrete input. */
export interface PropertyCheck {
  /** 'vacuous': the condition is false or a mentioned outcome is undefined. */
  readonly verdict: 'holds' | 'fails' | 'vacuous' | 'unknown';
  readonly failed: readonly string[];
  readonly decisions: Decisions;
}

/** Check a property on one input; the event (if any) is both in the events list and bound to 事件. */
export function checkProperty(ir: IrProgram, prop: IrProgram['properties'][number], facts: unknown, date: unknown, event?: unknown, internal?: { readonly stopIfAssumptionViolated?: boolean; readonly onlyNamedMeasures?: boolean }): PropertyCheck {
  // onlyNamedMeasures: `decisions.决定` lists only the measures the property reads (the verdict is the same)
  const r = evaluateRaw(ir, facts, date, event === undefined ? [] : [event], undefined, {
    ...(internal?.stopIfAssumptionViolated ? { stopIfAssumptionViolated: true } : {}),
    ...(internal?.onlyNamedMeasures ? { measures: propertyMeasures(ir, prop) } : {}),
  });
  if (internal?.stopIfAssumptionViolated && r.decisions.前提不满足?.length) return { verdict: 'vacuous', failed: [], decisions: r.decisions };
  const statuses = new Map(r.decisions.决定.map((d) => [d.措施, d.状态] as const));
  const ev = event as PolicyEvent | undefined;
  const evDay = ev ? validateInput(ir, {}, ev.日期, []).evalDay : 0;
  const sh = shared(ir, r.facts, r.nonexistent, r.evalDay, undefined);
  const ctx: Ctx = {
    sh, usedParams: new Set(), missing: new Set(), vars: new Map(), outcomes: r.raw, statuses, isVoid: r.isVoid,
    ...(ev ? { event: { ...ev, day: evDay } } : {}),
  };
  const mentioned = new Set<string>();
  const collect = (e: IrExpr): void => {
    if (e.k === 'outcome') mentioned.add(`${e.measure}.${e.outcome}`);
    for (const c of irChildren(e)) collect(c);
  };
  prop.asserts.forEach(collect);
  if (prop.condition) collect(prop.condition);
  if ([...mentioned].some((k) => !r.raw.has(k))) return { verdict: 'vacuous', failed: [], decisions: r.decisions };
  if (prop.condition) {
    const c = evalExpr(prop.condition, ctx);
    if (c === false) return { verdict: 'vacuous', failed: [], decisions: r.decisions };
    if (c === null) return { verdict: 'unknown', failed: [], decisions: r.decisions };
  }
  const failed: string[] = [];
  let unknown = false;
  for (const a of prop.asserts) {
    const v = evalExpr(a, ctx);
    if (v === false) failed.push(a.origin?.text ?? '');
    if (v === null) unknown = true;
  }
  return { verdict: failed.length ? 'fails' : unknown ? 'unknown' : 'holds', failed, decisions: r.decisions };
}

/** Direct sub-expressions of an IR expression. */
export function irChildren(e: IrExpr): IrExpr[] {
  switch (e.k) {
    case 'age': return [e.birth];
    case 'daysBetween': return [e.from, e.to];
    case 'not': case 'neg': return [e.x];
    case 'and': case 'or': return [...e.xs];
    case 'cmp': return [e.a, e.b];
    case 'in': return [e.x, ...e.values];
    case 'add': case 'sub': case 'mul': case 'div': return [e.a, e.b];
    case 'addMonths': return [e.date, e.months];
    case 'workdays': return [e.start, e.n];
    case 'get': return [e.of];
    case 'def': return e.of ? [e.of] : [];
    case 'quant': return e.body ? [e.list, e.body] : [e.list];
    case 'nth': return [e.list, e.key];
    default: return [];
  }
}

