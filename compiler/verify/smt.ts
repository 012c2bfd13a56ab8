/**
 * SMT encoding of the IR (z3-solver, linear integer arithmetic + booleans).
 * Input: IrProgram. Output: z3 terms for rule applicability, winners, outcome values,
 * policy voidness; `decodeWitness` turns a model back into concrete facts, an
 * evaluation date and an event, ready to replay through the evaluators.
 *
 * Abstractions (all sound over-approximations: UNSAT is a proof; a SAT witness is
 * only reported after replay through the interpreter confirms it):
 *  - 月龄 of a birth date is a fresh integer M with 28·M ≤ E − B ≤ 31·M + 31 and
 *    周岁 = M div 12 (exact, see calendar.ts); decoding picks a real birth date
 *    with exactly M full months at E;
 *  - date ± N months is a fresh date within [28·N, 31·N] days;
 *  - text fields are interned: each string constant of the IR is a number, 0 = any other.
 * INVARIANT: every fact variable carries the input-validation domain (counts ≥ 0,
 * dates ≤ the evaluation date), so witnesses are valid inputs.
 */
import { init } from 'z3-solver';
import { formatIso, fromDayNumber, fullMonthsOfAge } from '../common/calendar.js';
import type { IrExpr, IrMeasure, IrProgram, IrRule, IrType } from '../ir/ir.js';
import { RATIO_SCALE } from '../ir/ir.js';
import { formatFen, formatRatio, irChildren } from '../interpret/interpreter.js';

type Z3Ctx = Awaited<ReturnType<typeof init>>['Context'] extends (name: string) => infer C ? C : never;
// The high-level API's generic types are heavy; the encoder works with these aliases.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type ZExpr = any;
export type ZBool = any;

let contextPromise: Promise<Z3Ctx> | undefined;
/** One shared z3 context per process (init ≈ 0.3–0.5 s). */
export function z3(): Promise<Z3Ctx> {
  contextPromise ??= init().then(({ Context }) => Context('zhengce') as Z3Ctx);
  return contextPromise;
}

/** Window of evaluation dates the verifier quantifies over. */
export const DATE_MIN = 10957; // 2000-01-01
export const DATE_MAX = 47847; // 2100-12-31
const MAX_AGE_DAYS = 150 * 366;
const MAX_INT = 1_000_000;
const MAX_FEN = 1_000_000_000_000;

interface FieldVar { readonly entity: string; readonly field: string; readonly type: IrType; readonly v: ZExpr }

export class SmtEncoder {
  readonly E: ZExpr;
  readonly domain: ZBool[] = [];
  readonly fields = new Map<string, FieldVar>();
  readonly ages = new Map<string, { months: ZExpr; birthKey: string }>();
  readonly strings = new Map<string, number>();
  readonly ev: { day: ZExpr; level: ZExpr; category: ZExpr; title: ZExpr; docno: ZExpr; region: ZExpr };
  /** True when an over-approximation was used (witnesses then need replay). */
  approximate = false;
  private fresh = 0;
  private appCache = new Map<IrRule, ZBool>();

  readonly Z: any;
  constructor(Z: Z3Ctx, readonly ir: IrProgram) {
    this.Z = Z;
    this.E = Z.Int.const('评估日期');
    this.domain.push(this.E.ge(DATE_MIN), this.E.le(DATE_MAX));
    const day = Z.Int.const('事件.日期');
    const level = Z.Int.const('事件.级别');
    const category = Z.Int.const('事件.类别');
    const title = Z.Int.const('事件.标题');
    const docno = Z.Int.const('事件.文号');
    const region = Z.Int.const('事件.地区');
    this.ev = { day, level, category, title, docno, region };
    this.collectStrings(ir);
    const n = this.strings.size;
    this.domain.push(day.ge(DATE_MIN), day.le(DATE_MAX), level.ge(0), level.le(3));
    for (const t of [category, title, docno, region]) this.domain.push(t.ge(0), t.le(n));
  }

  private collectStrings(ir: IrProgram): void {
    const visit = (e: IrExpr): void => {
      if (e.k === 'const' && e.type.k === 'text' && typeof e.value === 'string' && !this.strings.has(e.value)) this.strings.set(e.value, this.strings.size + 1);
      for (const c of irChildren(e)) visit(c);
    };
    for (const m of ir.measures) for (const r of m.rules) { visit(r.condition); r.assignments.forEach((a) => visit(a.value)); }
    if (ir.policy.sunset) visit(ir.policy.sunset.condition);
    for (const p of ir.properties) { p.asserts.forEach(visit); if (p.condition) visit(p.condition); }
  }

  private field(entity: string, field: string, type: IrType): ZExpr {
    const key = `${entity}.${field}`;
    const hit = this.fields.get(key);
    if (hit) return hit.v;
    const Z = this.Z;
    const v: ZExpr = type.k === 'bool' ? Z.Bool.const(key) : Z.Int.const(key);
    switch (type.k) {
      case 'bool': break;
      case 'date': this.domain.push(v.le(this.E), v.ge(this.E.sub(MAX_AGE_DAYS))); break;
      case 'money': this.domain.push(v.ge(0), v.le(MAX_FEN)); break;
      case 'enum': this.domain.push(v.ge(0), v.le(type.members.length - 1)); break;
      case 'text': this.domain.push(v.ge(0), v.le(this.strings.size)); break;
      case 'quantity': this.domain.push(v.ge(0), v.le(type.dim === 'ratio' ? 100 * RATIO_SCALE : MAX_INT)); break;
      default: this.domain.push(v.ge(0), v.le(MAX_INT));
    }
    this.fields.set(key, { entity, field, type, v });
    return v;
  }

  private ageMonths(birth: IrExpr): ZExpr {
    const Z = this.Z;
    const key = birth.k === 'field' ? `${birth.entity}.${birth.field}` : `#${this.fresh++}`;
    const hit = this.ages.get(key);
    if (hit) return hit.months;
    const b = this.enc(birth);
    const m = Z.Int.const(`月龄(${key})`);
    this.domain.push(m.ge(0), this.E.sub(b).ge(m.mul(28)), this.E.sub(b).le(m.mul(31).add(31)));
    this.ages.set(key, { months: m, birthKey: key });
    return m;
  }

  /** round(x / d) half away from zero, d a positive constant. */
  private roundDivConst(x: ZExpr, d: number): ZExpr {
    const Z = this.Z;
    return Z.If(x.ge(0), x.mul(2).add(d).div(2 * d), Z.Int.val(0).sub(Z.Int.val(0).sub(x).mul(2).add(d).div(2 * d)));
  }

  /** Encode an IR expression. */
  enc(e: IrExpr): ZExpr {
    const Z = this.Z;
    switch (e.k) {
      case 'const': {
        if (typeof e.value === 'boolean') return Z.Bool.val(e.value);
        if (typeof e.value === 'number') return Z.Int.val(e.value);
        if (e.type.k === 'enum') return Z.Int.val(Math.max(0, e.type.members.indexOf(e.value)));
        return Z.Int.val(this.strings.get(e.value) ?? 0);
      }
      case 'field': return this.field(e.entity, e.field, e.type);
      case 'param': {
        const p = this.ir.params.find((x) => x.name === e.name)!;
        let acc: ZExpr = Z.Int.val(p.values[0]?.value ?? 0);
        for (const v of p.values.slice(1)) acc = Z.If(this.E.ge(v.from), Z.Int.val(v.value), acc);
        if (p.values[0]) this.domain.push(this.E.ge(p.values[0].from));
        return acc;
      }
      case 'evalDate': return this.E;
      case 'event':
        return e.field === '日期' ? this.ev.day : e.field === '级别' ? this.ev.level : e.field === '类别' ? this.ev.category : e.field === '标题' ? this.ev.title : e.field === '地区' ? this.ev.region : this.ev.docno;
      case 'age': {
        const m = this.ageMonths(e.birth);
        return e.unit === 'months' ? m : m.div(12);
      }
      case 'daysBetween': return this.enc(e.to).sub(this.enc(e.from));
      case 'not': return Z.Not(this.enc(e.x));
      case 'and': return e.xs.length ? Z.And(...e.xs.map((x) => this.enc(x))) : Z.Bool.val(true);
      case 'or': return e.xs.length ? Z.Or(...e.xs.map((x) => this.enc(x))) : Z.Bool.val(false);
      case 'cmp': {
        const a = this.enc(e.a);
        const b = this.enc(e.b);
        switch (e.op) {
          case '>=': return a.ge(b);
          case '<=': return a.le(b);
          case '>': return a.gt(b);
          case '<': return a.lt(b);
          case '=': return a.eq(b);
          case '!=': return Z.Not(a.eq(b));
        }
      }
      // falls through (unreachable)
      case 'in': {
        const x = this.enc(e.x);
        const any = e.values.length ? Z.Or(...e.values.map((v) => x.eq(this.enc(v)))) : Z.Bool.val(false);
        return e.negated ? Z.Not(any) : any;
      }
      case 'neg': return Z.Int.val(0).sub(this.enc(e.x));
      case 'add': return this.enc(e.a).add(this.enc(e.b));
      case 'sub': return this.enc(e.a).sub(this.enc(e.b));
      case 'mul': {
        const p = this.enc(e.a).mul(this.enc(e.b));
        return e.divisor === 1 ? p : this.roundDivConst(p, e.divisor);
      }
      case 'div': {
        // non-constant divisor: a fresh q with |a·s − q·b| ≤ |b|/2 (over-approximation)
        this.approximate = true;
        const q = Z.Int.const(`商${this.fresh++}`);
        const a = this.enc(e.a).mul(e.scale);
        const b = this.enc(e.b);
        this.domain.push(Z.Implies(b.gt(0), Z.And(a.sub(q.mul(b)).mul(2).le(b), a.sub(q.mul(b)).mul(2).ge(Z.Int.val(0).sub(b)))));
        return q;
      }
      case 'addMonths': {
        this.approximate = true;
        const d = Z.Int.const(`日期${this.fresh++}`);
        const base = this.enc(e.date);
        const n = this.enc(e.months).mul(e.sign);
        this.domain.push(d.sub(base).ge(n.mul(28)).or(n.lt(0)), d.sub(base).le(n.mul(31)).or(n.lt(0)), Z.Implies(n.lt(0), Z.And(d.sub(base).le(n.mul(28)), d.sub(base).ge(n.mul(31)))));
        return d;
      }
      case 'workdays': {
        // n working days span at least n and (with the longest holidays) at most 3n + 14 days
        this.approximate = true;
        const d = Z.Int.const(`工作日期限${this.fresh++}`);
        const s = this.enc(e.start);
        const n = this.enc(e.n);
        this.domain.push(d.sub(s).ge(n), d.sub(s).le(n.mul(3).add(14)));
        return d;
      }
      case 'outcome': return this.outcomeValue(this.measure(e.measure), e.outcome);
      case 'applies': return this.measureApplies(this.measure(e.measure));
      case 'void': return this.isVoid();
    }
  }

  measure(name: string): IrMeasure {
    return this.ir.measures.find((m) => m.name === name)!;
  }

  /** The policy is in force on E (not before a known effective date; not void is separate). */
  effective(): ZBool {
    const eff = this.ir.policy.effective;
    return eff === undefined ? this.Z.Bool.val(true) : this.E.ge(eff);
  }

  /** The policy is void on E because of the (single, symbolic) event. */
  isVoid(): ZBool {
    const s = this.ir.policy.sunset;
    if (!s) return this.Z.Bool.val(false);
    return this.Z.And(this.enc(s.condition), this.E.ge(this.ev.day.add(s.start === 'nextDay' ? 1 : 0)));
  }

  /** In force: effective and not void. For rule queries (no event) this is `effective()`. */
  inForce(withEvent: boolean): ZBool {
    return withEvent ? this.Z.And(this.effective(), this.Z.Not(this.isVoid())) : this.effective();
  }

  applies(r: IrRule): ZBool {
    const hit = this.appCache.get(r);
    if (hit) return hit;
    const Z: any = this.Z;
    const parts: ZBool[] = [this.enc(r.condition)];
    if (r.validFrom !== undefined) parts.push(this.E.ge(r.validFrom));
    if (r.validTo !== undefined) parts.push(this.E.le(r.validTo));
    const a = Z.And(...parts);
    this.appCache.set(r, a);
    return a;
  }

  /** r gives outcome o: applies and no applicable rule assigning o overrides it. */
  winner(m: IrMeasure, r: IrRule, o: string): ZBool {
    const Z = this.Z;
    const over = m.rules.filter((r2) => r2 !== r && r2.overrides.includes(r.name) && r2.assignments.some((a) => a.outcome === o));
    return Z.And(this.applies(r), ...over.map((r2) => Z.Not(this.applies(r2))));
  }

  outcomeDefined(m: IrMeasure, o: string): ZBool {
    const rs = m.rules.filter((r) => r.assignments.some((a) => a.outcome === o));
    return rs.length ? this.Z.Or(...rs.map((r) => this.winner(m, r, o))) : this.Z.Bool.val(false);
  }

  outcomeValue(m: IrMeasure, o: string): ZExpr {
    const Z = this.Z;
    const rs = m.rules.filter((r) => r.assignments.some((a) => a.outcome === o));
    const t = m.outcomes.find((x) => x.name === o)?.type;
    let acc: ZExpr = t?.k === 'bool' ? Z.Bool.val(false) : Z.Int.val(0);
    for (const r of [...rs].reverse()) acc = Z.If(this.winner(m, r, o), this.enc(r.assignments.find((a) => a.outcome === o)!.value), acc);
    return acc;
  }

  measureApplies(m: IrMeasure): ZBool {
    const Z = this.Z;
    const outs = m.outcomes.map((o) => this.outcomeDefined(m, o.name));
    return Z.And(this.effective(), Z.Not(this.isVoid()), outs.length ? Z.Or(...outs) : Z.Bool.val(false));
  }
}


/** A concrete input found by a solver or a property test. */
export interface Witness {
  readonly facts: Record<string, Record<string, unknown>>;
  readonly date: string;
  readonly event?: { 日期: string; 级别: string; 类别: string; 标题?: string; 文号?: string; 地区?: string };
}

function num(model: ZExpr, v: ZExpr): number {
  const r = model.eval(v, true);
  // IntNum.value() is exact; z3's printed form of negatives is "(- 17)"
  if (typeof r.value === 'function') return Number(r.value() as bigint);
  const m = /^\(-\s*(\d+)\)$/.exec(r.toString());
  return m ? -Number(m[1]) : Number(BigInt(r.toString()));
}

/** Turn a model into a concrete, valid input. `entities` forces entities to appear. */
export function decodeWitness(enc: SmtEncoder, model: ZExpr, entities: readonly string[] = [], withEvent = false): Witness {
  const E = num(model, enc.E);
  const facts: Record<string, Record<string, unknown>> = {};
  for (const e of entities) facts[e] ??= {};
  const byId = new Map([...enc.strings].map(([s, i]) => [i, s] as const));
  for (const [key, f] of enc.fields) {
    const rec = (facts[f.entity] ??= {});
    const t = f.type;
    if (t.k === 'bool') {
      rec[f.field] = model.eval(f.v, true).toString() === 'true';
      continue;
    }
    let n = num(model, f.v);
    switch (t.k) {
      case 'date': {
        const age = enc.ages.get(key);
        if (age) n = birthWithMonths(E, num(model, age.months), n);
        rec[f.field] = formatIso(fromDayNumber(n));
        break;
      }
      case 'money': rec[f.field] = formatFen(n); break;
      case 'enum': rec[f.field] = t.members[n] ?? t.members[0]; break;
      case 'text': rec[f.field] = byId.get(n) ?? '（其他）'; break;
      case 'quantity': rec[f.field] = t.dim === 'ratio' ? formatRatio(n) : n; break;
      default: rec[f.field] = n;
    }
  }
  const w: Witness = { facts, date: formatIso(fromDayNumber(E)) };
  if (!withEvent) return w;
  const levels = ['国家', '省', '市', '县'];
  const title = byId.get(num(model, enc.ev.title));
  const docno = byId.get(num(model, enc.ev.docno));
  const region = byId.get(num(model, enc.ev.region));
  return {
    ...w,
    event: {
      日期: formatIso(fromDayNumber(num(model, enc.ev.day))), 级别: levels[num(model, enc.ev.level)] ?? '国家',
      类别: byId.get(num(model, enc.ev.category)) ?? '（其他类别）', ...(title ? { 标题: title } : {}), ...(docno ? { 文号: docno } : {}),
      ...(region ? { 地区: region } : {}),
    },
  };
}

/** A birth date with exactly `months` full months at `evalDay`, as close as possible to `hint`. */
export function birthWithMonths(evalDay: number, months: number, hint: number): number {
  const on = fromDayNumber(evalDay);
  const ok = (b: number) => b <= evalDay && fullMonthsOfAge(fromDayNumber(b), on) === months;
  if (ok(hint)) return hint;
  let best: number | undefined;
  for (let b = evalDay - 31 * (months + 1) - 2; b <= evalDay - 28 * months + 2; b++) {
    if (ok(b) && (best === undefined || Math.abs(b - hint) < Math.abs(best - hint))) best = b;
  }
  return best ?? hint;
}

