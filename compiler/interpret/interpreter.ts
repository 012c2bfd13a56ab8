/**
 * The interpreter: reference semantics of the IR.
 * Input: IrProgram + facts + evaluation date + higher-level events.
 * Output: Decisions (decision.ts), or InputError listing every input problem.
 *
 * Semantics (grammar/README.md §11):
 *  - the policy is void (已废止) from the earliest matching event's day (起算：当日) or
 *    the day after (次日); before a known effective date it is 未生效;
 *  - a rule applies when its validity period contains the date and its condition is
 *    true; conditions use Kleene three-valued logic: a missing fact is unknown;
 *  - for each outcome, the applicable rules that no other applicable rule overrides
 *    give the value; if they disagree the measure is 存疑 (contradiction), never a
 *    silent pick; if a rule's applicability is unknown and could change the result,
 *    the measure is 存疑 with the missing facts named;
 *  - a measure whose 对象 entity is absent from the facts is 不适用.
 * INVARIANT: this file uses compiler/common/calendar.ts for dates and ages; generated
 * evaluators use their own emitted helpers, so differential tests compare two
 * independent implementations.
 */
import { fromDayNumber, formatIso, fullYearsOfAge, fullMonthsOfAge, addMonthsClamped, dayNumber, workdayDeadline } from '../common/calendar.js';
import type { IrExpr, IrProgram, IrMeasure, IrType } from '../ir/ir.js';
import { roundDiv, MONEY_SCALE, unitOf } from '../ir/ir.js';
import { validateInput, type Facts, type RuntimeValue } from './validate.js';
import { InputError, type ConditionTrace, type Decision, type Decisions, type OutcomeValue, type PolicyEvent, type RuleTrace, type Status } from './decision.js';

type V = RuntimeValue | null; // null = unknown (missing fact)

interface Ctx {
  readonly facts: Facts;
  readonly evalDay: number;
  readonly event?: PolicyEvent & { day: number };
  readonly ir: IrProgram;
  readonly usedParams: Set<string>;
  readonly missing: Set<string>;
  /** For properties: raw outcome values (measure.outcome), statuses, and voidness. */
  readonly outcomes?: Map<string, RuntimeValue>;
  readonly statuses?: Map<string, Status>;
  readonly isVoid?: boolean;
}

/** Format a runtime value for people. */
export function display(t: IrType, v: V): string {
  if (v === null) return '（未知）';
  switch (t.k) {
    case 'money': return `${formatFen(v as number)}元`;
    case 'date': return formatIso(fromDayNumber(v as number));
    case 'bool': return v ? '是' : '否';
    case 'quantity': return t.dim === 'ratio' ? formatRatio(v as number) : `${v}${unitOf(t)}`;
    default: return String(v);
  }
}

export function formatFen(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(fen);
  return `${neg ? '-' : ''}${Math.floor(a / MONEY_SCALE)}.${String(a % MONEY_SCALE).padStart(2, '0')}`;
}

export function formatRatio(ppm: number): string {
  // ppm → percent with up to 4 decimals, exact
  const neg = ppm < 0;
  const a = Math.abs(ppm);
  const int = Math.floor(a / 10000);
  const frac = String(a % 10000).padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? '.' + frac : ''}%`;
}

function evalExpr(e: IrExpr, ctx: Ctx): V {
  switch (e.k) {
    case 'const': return e.value;
    case 'field': {
      const ent = ctx.facts.get(e.entity);
      const v = ent?.get(e.field);
      if (v === undefined) {
        ctx.missing.add(`${e.entity}.${e.field}`);
        return null;
      }
      return v;
    }
    case 'param': {
      const p = ctx.ir.params.find((x) => x.name === e.name)!;
      let found: (typeof p.values)[number] | undefined;
      for (const v of p.values) if (v.from <= ctx.evalDay) found = v;
      if (!found) {
        ctx.missing.add(`参数 ${e.name}（${formatIso(fromDayNumber(ctx.evalDay))} 无取值）`);
        return null;
      }
      if (!found.confirmed) ctx.usedParams.add(e.name);
      return found.value;
    }
    case 'evalDate': return ctx.evalDay;
    case 'event': {
      const ev = ctx.event;
      if (!ev) return null;
      if (e.field === '日期') return ev.day;
      const v = (ev as unknown as Record<string, unknown>)[e.field];
      return typeof v === 'string' ? v : null;
    }
    case 'age': {
      const b = evalExpr(e.birth, ctx);
      if (b === null) return null;
      const birth = fromDayNumber(b as number);
      const on = fromDayNumber(ctx.evalDay);
      const r = e.unit === 'years' ? fullYearsOfAge(birth, on) : fullMonthsOfAge(birth, on);
      return r === undefined ? null : r;
    }
    case 'daysBetween': {
      const a = evalExpr(e.from, ctx);
      const b = evalExpr(e.to, ctx);
      return a === null || b === null ? null : (b as number) - (a as number);
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
      switch (e.op) {
        case '>=': return a >= b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '<': return a < b;
        case '=': return a === b;
        case '!=': return a !== b;
      }
    }
    // falls through (unreachable)
    case 'in': {
      const x = evalExpr(e.x, ctx);
      if (x === null) return null;
      let unknown = false;
      for (const m of e.values) {
        const v = evalExpr(m, ctx);
        if (v === null) unknown = true;
        else if (v === x) return !e.negated;
      }
      return unknown ? null : e.negated;
    }
    case 'neg': {
      const x = evalExpr(e.x, ctx);
      return x === null ? null : -(x as number) || 0;
    }
    case 'add':
    case 'sub': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null) return null;
      return e.k === 'add' ? (a as number) + (b as number) : (a as number) - (b as number);
    }
    case 'mul': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null) return null;
      return e.divisor === 1 ? (a as number) * (b as number) : roundDiv((a as number) * (b as number), e.divisor);
    }
    case 'div': {
      const a = evalExpr(e.a, ctx);
      const b = evalExpr(e.b, ctx);
      if (a === null || b === null || b === 0) return null;
      return roundDiv((a as number) * e.scale, b as number);
    }
    case 'addMonths': {
      const d = evalExpr(e.date, ctx);
      const n = evalExpr(e.months, ctx);
      if (d === null || n === null) return null;
      return dayNumber(addMonthsClamped(fromDayNumber(d as number), e.sign * (n as number)));
    }
    case 'workdays': {
      const s = evalExpr(e.start, ctx);
      const n = evalExpr(e.n, ctx);
      if (s === null || n === null) return null;
      if ((n as number) < 1) return s;
      const r = workdayDeadline(fromDayNumber(s as number), n as number);
      if (!r.ok) {
        ctx.missing.add(r.message);
        return null;
      }
      return dayNumber(r.value);
    }
    case 'outcome': {
      const v = ctx.outcomes?.get(`${e.measure}.${e.outcome}`);
      return v === undefined ? null : v;
    }
    case 'applies': return ctx.statuses ? ctx.statuses.get(e.measure) === '适用' : null;
    case 'void': return ctx.isVoid ?? null;
  }
}

/** Atomic conditions of a condition tree, each with its verdict and operand values. */
function traceConditions(e: IrExpr, ctx: Ctx, out: ConditionTrace[]): void {
  if (e.k === 'and' || e.k === 'or') {
    // a range lowers to and(≥, ≤) with the same origin: show it as one condition
    if (e.xs.length === 2 && e.xs.every((x) => x.k === 'cmp' && x.origin.start === e.origin.start && x.origin.end === e.origin.end)) {
      const v = evalExpr(e, ctx);
      const c0 = e.xs[0] as Extract<IrExpr, { k: 'cmp' }>;
      out.push({ 条件: e.origin.text, 成立: v as boolean | null, 取值: { [c0.a.origin?.text ?? '值']: display(c0.a.type, evalExpr(c0.a, ctx)) } });
      return;
    }
    for (const x of e.xs) traceConditions(x, ctx, out);
    return;
  }
  if (e.k === 'not') {
    traceConditions(e.x, ctx, out);
    return;
  }
  if (e.k === 'const' && typeof e.value === 'boolean') return;
  const v = evalExpr(e, ctx);
  const vals: Record<string, string> = {};
  const add = (x: IrExpr) => {
    if (x.k === 'const') return;
    vals[x.origin.text] = display(x.type, evalExpr(x, ctx));
  };
  if (e.k === 'cmp') {
    add(e.a);
    add(e.b);
  } else if (e.k === 'in') add(e.x);
  else add(e);
  out.push({ 条件: e.origin?.text ?? '', 成立: v as boolean | null, 取值: vals });
}

/** Day from which the policy is void, given the events (undefined: not void). */
export function voidDay(ir: IrProgram, events: { day: number; event: PolicyEvent }[], facts: Facts, evalDay: number): { day: number; event: PolicyEvent } | undefined {
  const s = ir.policy.sunset;
  if (!s) return undefined;
  let best: { day: number; event: PolicyEvent } | undefined;
  for (const ev of events) {
    const ctx: Ctx = { facts, evalDay, ir, usedParams: new Set(), missing: new Set(), event: { ...ev.event, day: ev.day } };
    if (evalExpr(s.condition, ctx) === true) {
      const day = ev.day + (s.start === 'nextDay' ? 1 : 0);
      if (!best || day < best.day) best = { day, event: ev.event };
    }
  }
  return best;
}

function outcomeValue(t: IrType, v: RuntimeValue): Pick<OutcomeValue, '值' | '单位' | '分'> {
  if (t.k === 'money') return { 值: formatFen(v as number), 单位: '元', 分: v as number };
  if (t.k === 'quantity' && t.dim === 'ratio') return { 值: formatRatio(v as number), 单位: '%' };
  if (t.k === 'date') return { 值: formatIso(fromDayNumber(v as number)), 单位: '日期' };
  return { 值: v, 单位: unitOf(t) };
}

function evaluateMeasure(m: IrMeasure, ctx: Ctx, status0: Status | undefined, raw: Map<string, RuntimeValue>): Decision {
  const base = {
    措施: m.name,
    条款: { 锚点: m.citation.anchor, 标签: m.citation.label, ...(m.citation.title ? { 标题: m.citation.title } : {}), 原文: m.citation.quotes },
    牵头单位: m.lead, 责任单位: m.responsible,
    ...(m.doubts.length ? { 存疑: m.doubts.map((d) => ({ 名称: d.name, 采用: d.adopted ?? '', ...(d.reason ? { 理由: d.reason } : {}) })) } : {}),
  };
  if (status0) return { ...base, 状态: status0, 结果: {}, 理由: [status0 === '已废止' ? '政策已废止' : '政策尚未生效'], 规则: [] };
  if (m.subject && !ctx.facts.has(m.subject)) {
    return { ...base, 状态: '不适用', 结果: {}, 理由: [`输入中没有「${m.subject}」`], 规则: [] };
  }
  const traces: RuleTrace[] = [];
  const applies = new Map<string, boolean | null>();
  for (const r of m.rules) {
    const missing = new Set<string>();
    const rctx: Ctx = { ...ctx, missing };
    const conds: ConditionTrace[] = [];
    let a: boolean | null;
    let note: string | undefined;
    if ((r.validFrom !== undefined && ctx.evalDay < r.validFrom) || (r.validTo !== undefined && ctx.evalDay > r.validTo)) {
      a = false;
      note = `不在有效期内（${r.validFrom !== undefined ? formatIso(fromDayNumber(r.validFrom)) : '…'} 至 ${r.validTo !== undefined ? formatIso(fromDayNumber(r.validTo)) : '…'}）`;
    } else {
      a = evalExpr(r.condition, rctx) as boolean | null;
      traceConditions(r.condition, rctx, conds);
      if (a === null) note = `缺少事实：${[...missing].join('、')}`;
    }
    for (const x of missing) ctx.missing.add(x);
    applies.set(r.name, a);
    traces.push({ 规则: r.name, 适用: a, 条件: conds, ...(note ? { 说明: note } : {}) });
  }
  const results: Record<string, OutcomeValue> = {};
  const reasons: string[] = [];
  let doubtful = false;
  for (const o of m.outcomes) {
    const cands = m.rules.filter((r) => r.assignments.some((x) => x.outcome === o.name));
    const live = cands.filter((r) => applies.get(r.name) !== false);
    // winners: applicable (or unknown) rules not overridden by a surely-applicable candidate
    const winners = live.filter((r) => !live.some((r2) => r2 !== r && applies.get(r2.name) === true && r2.overrides.includes(r.name)));
    const sure = winners.filter((r) => applies.get(r.name) === true);
    const unsure = winners.filter((r) => applies.get(r.name) === null);
    if (unsure.length) {
      doubtful = true;
      reasons.push(`结果“${o.name}”取决于缺少的事实（规则 ${unsure.map((r) => r.name).join('、')}）`);
    }
    if (sure.length === 0) continue;
    const vals = sure.map((r) => {
      const used = new Set<string>();
      const v = evalExpr(r.assignments.find((x) => x.outcome === o.name)!.value, { ...ctx, usedParams: used });
      return { r, v, used };
    });
    const distinct = new Set(vals.map((x) => JSON.stringify(x.v)));
    if (distinct.size > 1) {
      doubtful = true;
      reasons.push(`矛盾：结果“${o.name}”由规则 ${vals.map((x) => `${x.r.name}=${x.v === null ? '未知' : display(o.type, x.v)}`).join('、')} 同时给出不同的值，且没有优先关系`);
      continue;
    }
    const v = vals[0]!.v;
    if (v === null) {
      doubtful = true;
      reasons.push(`结果“${o.name}”的值取决于缺少的事实`);
      continue;
    }
    raw.set(`${m.name}.${o.name}`, v);
    const unconfirmed = [...new Set(vals.flatMap((x) => [...x.used]))].sort();
    results[o.name] = {
      ...outcomeValue(o.type, v), 规则: vals.map((x) => x.r.name),
      ...(o.period ? { 周期: o.period } : {}), ...(unconfirmed.length ? { 未确认参数: unconfirmed } : {}),
    };
    reasons.push(`规则 ${vals.map((x) => x.r.name).join('、')} 适用：${o.name} = ${display(o.type, v)}${o.period ? `（${o.period}）` : ''}`);
  }
  for (const o of m.outcomes) {
    if (o.required && !Object.hasOwn(results, o.name) && !doubtful) {
      doubtful = true;
      reasons.push(`缺口：必须定义的结果“${o.name}”没有适用的规则`);
    }
  }
  const status: Status = doubtful ? '存疑' : Object.keys(results).length ? '适用' : '不适用';
  if (status === '不适用') reasons.push('没有适用的规则');
  return { ...base, 状态: status, 结果: results, 理由: reasons, 规则: traces };
}

/** Full evaluation with the raw (runtime-representation) outcome values. */
export function evaluateRaw(ir: IrProgram, facts: unknown, date: unknown, events: unknown = []): {
  decisions: Decisions; raw: Map<string, RuntimeValue>; isVoid: boolean; facts: Facts; evalDay: number;
} {
  const v = validateInput(ir, facts, date, events);
  if (v.problems.length) throw new InputError(v.problems);
  const ctx: Ctx = { facts: v.facts, evalDay: v.evalDay, ir, usedParams: new Set(), missing: new Set() };
  const voided = voidDay(ir, v.events, v.facts, v.evalDay);
  const isVoid = voided !== undefined && v.evalDay >= voided.day;
  const notYet = ir.policy.effective !== undefined && v.evalDay < ir.policy.effective;
  const status0: Status | undefined = isVoid ? '已废止' : notYet ? '未生效' : undefined;
  const raw = new Map<string, RuntimeValue>();
  const decisions: Decisions = {
    政策: { 名称: ir.policy.name, ...(ir.policy.docNumber ? { 文号: ir.policy.docNumber } : {}) },
    评估日期: formatIso(fromDayNumber(v.evalDay)),
    ...(isVoid ? { 废止: { 日期: formatIso(fromDayNumber(voided!.day)), 事件: voided!.event } } : {}),
    生效: { ...(ir.policy.effectiveIso ? { 日期: ir.policy.effectiveIso } : {}), ...(ir.policy.effectiveNote ? { 说明: ir.policy.effectiveNote } : {}) },
    决定: ir.measures.map((m) => evaluateMeasure(m, ctx, status0, raw)),
  };
  return { decisions, raw, isVoid, facts: v.facts, evalDay: v.evalDay };
}

/**
 * Evaluate a policy. Throws InputError (listing every problem) on invalid input;
 * never throws otherwise.
 */
export function evaluate(ir: IrProgram, facts: unknown, date: unknown, events: unknown = []): Decisions {
  return evaluateRaw(ir, facts, date, events).decisions;
}

/** Result of checking one property on one concrete input. */
export interface PropertyCheck {
  /** 'vacuous': the condition is false or a mentioned outcome is undefined. */
  readonly verdict: 'holds' | 'fails' | 'vacuous' | 'unknown';
  readonly failed: readonly string[];
  readonly decisions: Decisions;
}

/** Check a property on one input; the event (if any) is both in the events list and bound to 事件. */
export function checkProperty(ir: IrProgram, prop: IrProgram['properties'][number], facts: unknown, date: unknown, event?: unknown): PropertyCheck {
  const r = evaluateRaw(ir, facts, date, event === undefined ? [] : [event]);
  const statuses = new Map(r.decisions.决定.map((d) => [d.措施, d.状态] as const));
  const ev = event as PolicyEvent | undefined;
  const evDay = ev ? validateInput(ir, {}, ev.日期, []).evalDay : 0;
  const ctx: Ctx = {
    facts: r.facts, evalDay: r.evalDay, ir, usedParams: new Set(), missing: new Set(), outcomes: r.raw, statuses, isVoid: r.isVoid,
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
    default: return [];
  }
}
