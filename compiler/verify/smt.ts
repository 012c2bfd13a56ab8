/**
 * SMT encoding of the IR (z3-solver: booleans, linear integer arithmetic, exact rationals).
 * Input: IrProgram + options (list bound B). Output: z3 terms for rule applicability,
 * winners, outcome values, measure statuses, assumptions and policy voidness;
 * `decodeWitness` turns a model back into concrete nested facts, an evaluation date, an
 * event and the values chosen for uncertain dates, ready to replay through the evaluators.
 *
 * Semantics follow the interpreter (compiler/interpret/interpreter.ts) on complete facts:
 *  - every value is a pair (value, defined): Kleene three-valued logic for conditions, and
 *    "unknown" where the interpreter yields null (an empty list's 最大/最小, 第N个 beyond the
 *    list, ÷ 0, a parameter without a value on the date, another measure that is 存疑 …);
 *  - fact variables are keyed by their full path (`输入.p.年收入`, `家庭.子女[2].出生日期`):
 *    two fields of one entity type reached through different paths are different variables;
 *  - a list is bounded: a length variable 0 ≤ n ≤ B and element variables for indices < B;
 *    quantifiers and aggregates are unrolled with `i < n` guards; 第N个 by an order is the
 *    element whose rank (keys smaller, or equal and earlier) is N−1 — exact;
 *  - definitions are inlined per instance (memoised per path);
 *  - 施行日 known only within a range and every 某日（lo，hi） is a free integer variable in its
 *    range (one per uncertain date; a twin encoder has its own copies, sharing the facts);
 *    in interval mode (`intervals: true`, diff's 存疑 query) they are the interpreter's intervals
 *    instead: comparisons decided only when the whole range agrees, else unknown (存疑);
 *  - ratios are exact: z3 reals (a constant or parameter ratio keeps the integer encoding:
 *    money × p/q is round(money·p / q) in integers); money × ratio and integer ÷ rounds half
 *    away from zero as the interpreter does;
 *  - 可为负 fields have no ≥ 0 domain.
 * Abstractions (sound over-approximations: UNSAT is a proof up to the list bound; a SAT
 * witness is only reported after replay through the interpreter confirms it):
 *  - 月龄 of a birth date is a fresh integer M with 28·M ≤ E − B ≤ 31·M + 31 and
 *    周岁 = M div 12 (exact, see calendar.ts); decoding picks a real birth date with exactly
 *    M full months at E; a model that used the slack is solved again with the ages made exact
 *    at its E (`exactAgesAt`: M ≥ k ⇔ B ≤ the latest birth with k months, k ≤ 1500), so a real
 *    counterexample is not lost to an unreplayable witness;
 *  - date ± N months is a fresh date within [28·N, 31·N] days, made exact like 月龄 when a model
 *    used the slack (`exactMonthsAt`: on the model's month of the base, the 对应日 or month end); a working-day deadline is a
 *    fresh date within [n, 3n + 14] days, inside the holiday calendar's coverage (outside it
 *    evaluation refuses with ZC0805, so no decision exists there);
 *  - text fields are interned: each string constant of the IR is a number, 0 = any other.
 * The tail mode (`tail: true`, used only to check whether the declared 前提 bound every list)
 * drops the bound: a list may be longer than B, and the elements beyond B contribute fresh,
 * unconstrained values to quantifiers and counts (a sound over-approximation).
 * INVARIANT: every fact variable carries the input-validation domain (counts ≥ 0 unless
 * 可为负, dates ≤ the evaluation date), so witnesses are valid inputs.
 */
import { init } from 'z3-solver';
import Fraction from 'fraction.js';
import { addMonthsClamped, dayNumber, daysInMonth, formatIso, fromDayNumber, fullMonthsOfAge, workdayCoverage } from '../common/calendar.js';
import type { IrEntity, IrExpr, IrField, IrMeasure, IrProgram, IrRule, IrType, IrDayRange } from '../ir/ir.js';
import { isRatio } from '../ir/ir.js';
import { formatFen, irChildren } from '../interpret/interpreter.js';
import { shiftDay } from '../semantics/validity.js';

type Z3Ctx = Awaited<ReturnType<typeof init>>['Context'] extends (name: string) => infer C ? C : never;
// The high-level API's generic types are heavy; the encoder works with these aliases.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type ZExpr = any;
export type ZBool = any;

let contextPromise: Promise<Z3Ctx> | undefined;
/**
 * One shared z3 context per process (init ≈ 0.3–0.5 s).
 *
 * z3-solver releases a term (`Z3_dec_ref`) from a FinalizationRegistry callback, i.e. whenever
 * V8's garbage collector gets to it — also while `check()` runs on z3's worker thread. Two
 * threads then touch one z3 context at once (z3 is not thread-safe: `RuntimeError: memory
 * access out of bounds` in smt::context::search, seen in ~1 run in 3 under load), and z3
 * recycles the freed term ids at a moment that depends on the collector, so the same queries
 * give other witnesses from run to run. The registry z3-solver creates during `init()` is
 * therefore one that never calls back: terms live as long as the process (a verification run
 * is one process; the language server runs it in a child process).
 */
export function z3(): Promise<Z3Ctx> {
  contextPromise ??= initWithoutFinalizers().then(({ Context }) => Context('zhengce') as Z3Ctx);
  return contextPromise;
}

class NoCallbackRegistry<T> {
  register(_target: WeakKey, _held: T, _token?: WeakKey): void {}
  unregister(_token: WeakKey): boolean {
    return false;
  }
  readonly [Symbol.toStringTag] = 'FinalizationRegistry';
}

async function initWithoutFinalizers(): ReturnType<typeof init> {
  const original = globalThis.FinalizationRegistry;
  // INVARIANT: only registries constructed while init() runs (z3-solver's one) are replaced.
  globalThis.FinalizationRegistry = NoCallbackRegistry as unknown as FinalizationRegistryConstructor;
  try {
    return await init();
  } finally {
    globalThis.FinalizationRegistry = original;
  }
}

/** Window of evaluation dates the verifier quantifies over. */
export const DATE_MIN = 10957; // 2000-01-01
export const DATE_MAX = 47847; // 2100-12-31
const MAX_AGE_DAYS = 150 * 366;
const MAX_INT = 1_000_000;
const MAX_FEN = 1_000_000_000_000;
/** Largest ratio an input may hold in the encoding (10000%). */
const MAX_RATIO = 100;
/** Longest list in the tail mode (only to keep the arithmetic bounded). */
const MAX_LIST = 1_000_000;
/**
 * Default list bound B. Measured (`node test/bench/list-bound.mjs`, the `list-bound` bench
 * section: a family policy with 孩次 as a definition, quantifiers, 合计/最大, 第N个): SMT CPU time
 * for B = 2…6 was 297, 425, 612, 855, 1084 ms (each step ≈ +40%; wall time under load grows
 * faster). B = 4 is the smallest bound that expresses "twins born as 3rd and 4th child" and
 * the county's 三孩及以上 with a fourth child, at about twice the cost of B = 2.
 */
export const DEFAULT_LIST_BOUND = 4;

/** Definedness: `true` when statically known to be defined. */
type Def = ZBool | true;
/** A scalar value (Bool, Int or Real term) with its definedness. */
export interface Val {
  readonly kind: 'val'; readonly v: ZExpr; readonly d: Def;
  /** Interval mode only: the value is known only within [v, hi] (a date known within a range, and sums and differences of it). */
  readonly hi?: ZExpr;
}
/** One candidate instance: under condition `c`, the value is the record (or list) at `path`. */
interface Alt { readonly c: ZBool | true; readonly path: string; readonly entity: string }
/** An entity instance (possibly one of several, e.g. the n-th by an order). */
interface Ref { readonly kind: 'ref'; readonly alts: readonly Alt[]; readonly d: Def }
/** A list of records (alt.path is the list's path, alt.entity its element entity). */
interface LRef { readonly kind: 'list'; readonly alts: readonly Alt[]; readonly d: Def }
type Enc = Val | Ref | LRef;
type Env = ReadonlyMap<string, Ref>;

/** A step of a fact path: a field name or a list index. */
export type Step = string | number;

export interface FactVar {
  readonly path: string;
  readonly root: string;
  readonly steps: readonly Step[];
  readonly type: IrType;
  readonly v: ZExpr;
}
export interface ListVar {
  readonly path: string;
  readonly root: string;
  readonly steps: readonly Step[];
  readonly elem: string;
  readonly n: ZExpr;
}
/** A date known only within a range (施行日 or a 某日 of the rules). */
export interface UncertainDate {
  readonly key: string;
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  readonly v: ZExpr;
}

export interface EncoderOptions {
  /** List bound B (default DEFAULT_LIST_BOUND). */
  readonly listBound?: number;
  /** Unbounded lists with an over-approximated tail (for the assumptions' bound check). */
  readonly tail?: boolean;
  /** A symbolic higher-level event exists (property queries that mention 事件). */
  readonly withEvent?: boolean;
  /** Property semantics: 适用（…） is two-valued, 已废止 is known. */
  readonly inProperty?: boolean;
  /**
   * Twin only (diff of two revisions): an uncertain date of this copy that the other copy already
   * has — the same canonical key and the same range — is the same unknown date of the world and
   * uses the other copy's variable (施行日 of an unchanged 生效：某日（…）). Default: own copies.
   */
  readonly shareDates?: (key: string) => string;
  /**
   * The interpreter's three-valued dates: 施行日 known within a range and every 某日（lo，hi） are
   * intervals (not variables), sums and differences of them are intervals, a comparison is
   * decided only when the whole range agrees (else unknown, so the measure is 存疑), an outcome
   * whose value is an interval is undefined (存疑), and a policy whose 施行日 range contains the
   * evaluation date makes a measure that would apply 存疑 — exactly as the interpreter
   * (interpreter.ts `compare`, `iv`, evaluateRaw). Used by diff's 存疑 query. Where an interval
   * reaches any other construct `intervalUnsupported` is set and the encoding must not be
   * trusted (the caller reports the query as undecided).
   */
  readonly intervals?: boolean;
}

/** The per-outcome and per-measure terms of a measure (memoised per encoder). */
export interface MeasureEnc {
  /** Rule surely applies / surely does not (Kleene), validity period included. */
  readonly rule: { get(r: IrRule): { t: ZBool; f: ZBool } };
  readonly outcomes: { get(name: string): OutcomeEnc | undefined };
  readonly inForce: ZBool;
  /** Status 适用 / 存疑 / 不适用 (in force; not in force counts as not applying). */
  readonly applies: ZBool;
  readonly doubtful: ZBool;
}
export interface OutcomeEnc {
  readonly rules: readonly IrRule[];
  /** r wins surely / unsurely (applicability unknown) for this outcome. */
  readonly sure: { get(r: IrRule): ZBool };
  readonly unsure: { get(r: IrRule): ZBool };
  readonly values: { get(r: IrRule): Val };
  readonly anySure: ZBool;
  readonly unknown: ZBool;
  readonly gap: ZBool;
  readonly contradiction: ZBool;
  /** The outcome has an established value (the interpreter's raw value, handed to other measures and properties). */
  readonly defined: ZBool;
  readonly value: Val;
}

interface Shared {
  readonly domain: ZBool[];
  readonly vars: Map<string, FactVar>;
  readonly lists: Map<string, ListVar>;
  readonly ages: Map<string, { months: ZExpr; birth: ZExpr; birthPath?: string }>;
  /**
   * The fresh date of an abstracted date term (date ± N months, a working-day deadline), by the term's
   * operands: one variable for one computation, in an encoding and in its twin (diff) — two versions with
   * the same deadline on the same inputs have the same deadline, not two that the abstraction's slack
   * lets differ (a "result changed" no interpreter reproduces).
   */
  readonly dateTerms: Map<string, ZExpr>;
  /** The date ± N months terms among dateTerms, with their operands (for `exactMonthsAt`). */
  readonly monthTerms: { d: ZExpr; base: ZExpr; n: ZExpr }[];
  readonly strings: Map<string, number>;
  readonly E: ZExpr;
  readonly ev: { day: ZExpr; level: ZExpr; category: ZExpr; title: ZExpr; docno: ZExpr; region: ZExpr };
  fresh: number;
  approximate: boolean;
}

export class SmtEncoder {
  readonly Z: any;
  readonly E: ZExpr;
  readonly domain: ZBool[];
  readonly vars: Map<string, FactVar>;
  readonly lists: Map<string, ListVar>;
  readonly strings: Map<string, number>;
  readonly ev: Shared['ev'];
  readonly B: number;
  readonly tail: boolean;
  readonly withEvent: boolean;
  readonly inProperty: boolean;
  /** Uncertain dates of this copy (a twin has its own). */
  readonly uncertain = new Map<string, UncertainDate>();
  /** Lists whose elements or length the encoded terms depend on. */
  readonly touched = new Set<string>();
  private readonly sh: Shared;
  private readonly suffix: string;
  private readonly partner?: { enc: SmtEncoder; canon: (key: string) => string };
  /** Constants used everywhere (each z3 constant is a call into the solver). */
  private readonly k: { i0: ZExpr; i1: ZExpr; t: ZBool; f: ZBool; r0: ZExpr; half: ZExpr };
  private defMemo = new Map<string, Enc>();
  /** Interval mode: memoised definitions whose encoding reached a construct the interval mode does not cover. */
  private readonly defUnsupported = new Set<string>();
  private measureMemo = new Map<string, MeasureEnc>();
  private inProgress = new Set<string>();
  /** Interval mode: the uncertain dates read, by key (label and range), for reports. */
  readonly intervalDates = new Map<string, { label: string; lo: number; hi: number }>();
  /** Interval mode: an interval reached a construct the interval encoding does not cover. */
  intervalUnsupported = false;
  readonly intervals: boolean;
  /** Interval mode: kinds of the expressions being encoded (the parent of a child value is the top). */
  private readonly kinds: string[] = [];

  constructor(Z: Z3Ctx, readonly ir: IrProgram, opts: EncoderOptions = {}, twinOf?: SmtEncoder) {
    this.Z = Z;
    this.B = opts.listBound ?? twinOf?.B ?? DEFAULT_LIST_BOUND;
    this.tail = opts.tail ?? twinOf?.tail ?? false;
    this.withEvent = opts.withEvent ?? twinOf?.withEvent ?? false;
    this.inProperty = opts.inProperty ?? twinOf?.inProperty ?? false;
    this.intervals = opts.intervals ?? twinOf?.intervals ?? false;
    if (twinOf) {
      this.sh = twinOf.sh;
      this.suffix = `${twinOf.suffix}′`;
      if (opts.shareDates) this.partner = { enc: twinOf, canon: opts.shareDates };
    } else {
      const E = Z.Int.const('评估日期');
      const ev = {
        day: Z.Int.const('事件.日期'), level: Z.Int.const('事件.级别'), category: Z.Int.const('事件.类别'),
        title: Z.Int.const('事件.标题'), docno: Z.Int.const('事件.文号'), region: Z.Int.const('事件.地区'),
      };
      this.sh = { domain: [], vars: new Map(), lists: new Map(), ages: new Map(), dateTerms: new Map(), monthTerms: [], strings: new Map(), E, ev, fresh: 0, approximate: false };
      this.suffix = '';
      collectStrings(ir, this.sh.strings);
      const n = this.sh.strings.size;
      this.sh.domain.push(E.ge(DATE_MIN), E.le(DATE_MAX), ev.day.ge(DATE_MIN), ev.day.le(DATE_MAX), ev.level.ge(0), ev.level.le(3));
      for (const t of [ev.category, ev.title, ev.docno, ev.region]) this.sh.domain.push(t.ge(0), t.le(n));
    }
    this.k = { i0: Z.Int.val(0), i1: Z.Int.val(1), t: Z.Bool.val(true), f: Z.Bool.val(false), r0: Z.Real.val(0), half: Z.Real.val('1/2') };
    this.E = this.sh.E;
    this.domain = this.sh.domain;
    this.vars = this.sh.vars;
    this.lists = this.sh.lists;
    this.strings = this.sh.strings;
    this.ev = this.sh.ev;
  }

  /** A copy sharing every fact variable, with its own uncertain-date variables. */
  twin(): SmtEncoder {
    return new SmtEncoder(this.Z, this.ir, {}, this);
  }

  /** True when an over-approximation was used (witnesses then need replay). */
  get approximate(): boolean {
    return this.sh.approximate;
  }

  // ── definedness helpers ──
  private dAnd(...ds: Def[]): Def {
    const xs = ds.filter((d) => d !== true);
    return xs.length === 0 ? true : xs.length === 1 ? xs[0] : this.Z.And(...xs);
  }
  private bool(d: Def): ZBool {
    return d === true ? this.k.t : d;
  }
  /** Surely true. */
  T(x: Val): ZBool {
    return x.d === true ? x.v : this.Z.And(x.d, x.v);
  }
  /** Surely false. */
  F(x: Val): ZBool {
    return x.d === true ? this.Z.Not(x.v) : this.Z.And(x.d, this.Z.Not(x.v));
  }
  /** Defined. */
  D(x: Val): ZBool {
    return this.bool(x.d);
  }
  private tf(t: ZBool, f: ZBool): Val {
    return { kind: 'val', v: t, d: this.Z.Or(t, f) };
  }
  private val(v: ZExpr, d: Def = true): Val {
    return { kind: 'val', v, d };
  }
  private undef(t: IrType): Val {
    return { kind: 'val', v: this.zero(t), d: this.k.f };
  }
  private zero(t: IrType): ZExpr {
    return t.k === 'bool' ? this.k.f : isRatio(t) ? this.k.r0 : this.k.i0;
  }
  private fresh(): number {
    return this.sh.fresh++;
  }
  private real(x: ZExpr): ZExpr {
    return isRealTerm(x) ? x : this.Z.ToReal(x);
  }

  // ── facts ──
  private entityDef(name: string): IrEntity | undefined {
    return this.ir.entities.find((e) => e.name === name);
  }
  private fieldDef(entity: string, field: string): IrField | undefined {
    return this.entityDef(entity)?.fields.find((f) => f.name === field);
  }

  private factVar(path: string, root: string, steps: readonly Step[], type: IrType, signed: boolean): ZExpr {
    const hit = this.vars.get(path);
    if (hit) return hit.v;
    const Z = this.Z;
    const v: ZExpr = type.k === 'bool' ? Z.Bool.const(path) : isRatio(type) ? Z.Real.const(path) : Z.Int.const(path);
    const dom = this.domain;
    switch (type.k) {
      case 'bool': break;
      case 'date': dom.push(v.le(this.E), v.ge(this.E.sub(MAX_AGE_DAYS))); break;
      case 'money': dom.push(v.ge(signed ? -MAX_FEN : 0), v.le(MAX_FEN)); break;
      case 'enum': dom.push(v.ge(0), v.le(Math.max(0, type.members.length - 1))); break;
      case 'text': dom.push(v.ge(0), v.le(this.strings.size)); break;
      case 'quantity':
        if (type.dim === 'ratio') dom.push(v.ge(signed ? -MAX_RATIO : 0), v.le(MAX_RATIO));
        else dom.push(v.ge(signed ? -MAX_INT : 0), v.le(MAX_INT));
        break;
      default: dom.push(v.ge(signed ? -MAX_INT : 0), v.le(MAX_INT));
    }
    this.vars.set(path, { path, root, steps, type, v });
    return v;
  }

  private listVar(path: string, root: string, steps: readonly Step[], elem: string): ListVar {
    this.touched.add(path);
    const hit = this.lists.get(path);
    if (hit) return hit;
    const n = this.Z.Int.const(`#长度(${path})`);
    this.domain.push(n.ge(0), n.le(this.tail ? MAX_LIST : this.B));
    const l: ListVar = { path, root, steps, elem, n };
    this.lists.set(path, l);
    return l;
  }

  /** Steps of a path registered for a record (root → steps). */
  private recordSteps = new Map<string, { root: string; steps: readonly Step[] }>();
  private stepsOf(path: string): { root: string; steps: readonly Step[] } {
    return this.recordSteps.get(path) ?? this.sh_steps(path);
  }
  private sh_steps(path: string): { root: string; steps: readonly Step[] } {
    return { root: path, steps: [] };
  }
  private registerRecord(path: string, root: string, steps: readonly Step[]): void {
    if (!this.recordSteps.has(path)) this.recordSteps.set(path, { root, steps });
  }

  /** The list `l` (of another encoder) in this one. */
  ensureList(l: ListVar): ListVar {
    this.registerRecord(l.path, l.root, l.steps);
    return this.listVar(l.path, l.root, l.steps, l.elem);
  }

  rootRef(entity: string): Ref {
    this.registerRecord(entity, entity, []);
    return { kind: 'ref', alts: [{ c: true, path: entity, entity }], d: true };
  }

  /** Element i (< B) of the list at `l`. */
  private elem(l: ListVar, i: number): Ref {
    const path = `${l.path}[${i}]`;
    this.registerRecord(path, l.root, [...l.steps, i]);
    return { kind: 'ref', alts: [{ c: true, path, entity: l.elem }], d: true };
  }

  /** A field of an instance. */
  private fieldOf(ref: Ref, field: string, t: IrType): Enc {
    const parts = ref.alts.map((a) => ({ c: a.c, x: this.fieldAt(a.path, a.entity, field, t) }));
    return this.combine(parts, ref.d, t);
  }

  private fieldAt(path: string, entity: string, field: string, t: IrType): Enc {
    const { root, steps } = this.stepsOf(path);
    const child = `${path}.${field}`;
    const childSteps = [...steps, field];
    if (t.k === 'entity') {
      this.registerRecord(child, root, childSteps);
      return { kind: 'ref', alts: [{ c: true, path: child, entity: t.name }], d: true };
    }
    if (t.k === 'list') {
      this.registerRecord(child, root, childSteps);
      this.listVar(child, root, childSteps, t.elem);
      return { kind: 'list', alts: [{ c: true, path: child, entity: t.elem }], d: true };
    }
    const fd = this.fieldDef(entity, field);
    return this.val(this.factVar(child, root, childSteps, fd?.type ?? t, !!fd?.signed));
  }

  /** Combine per-alternative encodings (exactly one alternative holds when `d`). */
  private combine(parts: readonly { c: ZBool | true; x: Enc }[], d: Def, t: IrType): Enc {
    if (parts.length === 1 && parts[0]!.c === true) {
      const x = parts[0]!.x;
      return d === true ? x : { ...x, d: this.dAnd(d, x.d) } as Enc;
    }
    const Z = this.Z;
    const first = parts[0]?.x;
    if (!first) return this.undef(t);
    if (first.kind === 'val') {
      let v = (parts[parts.length - 1]!.x as Val).v;
      for (let i = parts.length - 2; i >= 0; i--) v = Z.If(this.bool(parts[i]!.c), (parts[i]!.x as Val).v, v);
      const allDef = parts.every((p) => p.x.d === true);
      const dd: Def = allDef ? d : this.dAnd(d, Z.Or(...parts.map((p) => Z.And(this.bool(p.c), this.bool(p.x.d)))));
      return { kind: 'val', v, d: dd };
    }
    // records or lists: the alternatives multiply
    const alts: Alt[] = [];
    for (const p of parts) {
      const x = p.x as Ref | LRef;
      for (const a of x.alts) alts.push({ c: a.c === true ? p.c : p.c === true ? a.c : Z.And(p.c, a.c), path: a.path, entity: a.entity });
    }
    const allDef = parts.every((p) => p.x.d === true);
    const dd: Def = allDef ? d : this.dAnd(d, Z.Or(...parts.map((p) => Z.And(this.bool(p.c), this.bool(p.x.d)))));
    return { kind: first.kind, alts, d: dd } as Enc;
  }

  // ── uncertain dates ──
  uncertainDate(key: string, label: string, lo: number, hi: number): ZExpr {
    const hit = this.uncertain.get(key);
    if (hit) return hit.v;
    if (this.partner) {
      const { enc, canon } = this.partner;
      const ck = canon(key);
      const same = [...enc.uncertain.values()].find((u) => u.lo === lo && u.hi === hi && (u.key === key || canon(u.key) === ck));
      if (same) {
        // INVARIANT: no new domain constraint — the partner's variable is already bounded to [lo, hi]
        this.uncertain.set(key, { key, label, lo, hi, v: same.v });
        return same.v;
      }
    }
    const v = this.Z.Int.const(`${label}${this.suffix}`);
    this.domain.push(v.ge(lo), v.le(hi));
    this.uncertain.set(key, { key, label, lo, hi, v });
    return v;
  }

  // ── expressions ──
  /** Encode a scalar expression (a record- or list-valued expression is an error here). */
  enc(e: IrExpr, env: Env = new Map()): Val {
    const x = this.encAny(e, env);
    // INVARIANT (interval mode): an interval flows only into the constructs that keep it (else said, never dropped)
    if (x.kind === 'val' && x.hi !== undefined && !INTERVAL_PARENTS.has(this.kinds[this.kinds.length - 1] ?? '')) this.intervalUnsupported = true;
    return x.kind === 'val' ? x : this.undef(e.type);
  }

  /** Interval mode: a date known only within [lo, hi] (a point when lo = hi, as the interpreter's `iv`). */
  private interval(key: string, label: string, lo: number, hi: number): Val {
    this.intervalDates.set(key, { label, lo, hi });
    return lo === hi ? this.val(this.Z.Int.val(lo)) : { kind: 'val', v: this.Z.Int.val(lo), d: true, hi: this.Z.Int.val(hi) };
  }

  /** Interval mode: the interpreter's three-valued comparison of intervals (decided only when every value agrees). */
  private compareIntervals(op: string, a: Val, b: Val): Val {
    const Z = this.Z;
    const [al, ah, bl, bh] = [a.v, a.hi ?? a.v, b.v, b.hi ?? b.v];
    let t: ZBool;
    let f: ZBool;
    switch (op) {
      case '>=': [t, f] = [al.ge(bh), ah.lt(bl)]; break;
      case '>': [t, f] = [al.gt(bh), ah.le(bl)]; break;
      case '<=': [t, f] = [ah.le(bl), al.gt(bh)]; break;
      case '<': [t, f] = [ah.lt(bl), al.ge(bh)]; break;
      case '=': [t, f] = [this.k.f, Z.Or(ah.lt(bl), bh.lt(al))]; break;
      default: [t, f] = [Z.Or(ah.lt(bl), bh.lt(al)), this.k.f]; break;
    }
    const d = this.dAnd(a.d, b.d);
    return d === true ? this.tf(t, f) : this.tf(Z.And(d, t), Z.And(d, f));
  }

  private encRef(e: IrExpr, env: Env): Ref | undefined {
    const x = this.encAny(e, env);
    return x.kind === 'ref' ? x : undefined;
  }

  private encAny(e: IrExpr, env: Env): Enc {
    if (!this.intervals) return this.encNode(e, env);
    this.kinds.push(e.k);
    try {
      return this.encNode(e, env);
    } finally {
      this.kinds.pop();
    }
  }

  private encNode(e: IrExpr, env: Env): Enc {
    const Z = this.Z;
    switch (e.k) {
      case 'const': {
        if (typeof e.value === 'boolean') return this.val(Z.Bool.val(e.value));
        if (isRatio(e.type)) return this.val(Z.Real.val(String(e.value)));
        if (typeof e.value === 'number') return this.val(Z.Int.val(e.value));
        if (e.type.k === 'enum') return this.val(Z.Int.val(Math.max(0, e.type.members.indexOf(e.value))));
        return this.val(Z.Int.val(this.strings.get(e.value) ?? 0));
      }
      case 'field': return this.fieldOf(this.rootRef(e.entity), e.field, e.type);
      case 'root': return this.rootRef(e.entity);
      case 'var': return env.get(e.name) ?? this.undef(e.type);
      case 'get': {
        const of = this.encRef(e.of, env);
        return of ? this.fieldOf(of, e.field, e.type) : this.undef(e.type);
      }
      case 'def': {
        const d = this.ir.definitions.find((x) => x.name === e.name);
        if (!d) return this.undef(e.type);
        if (!e.of) return this.definition(d.name, d.expr, undefined);
        const of = this.encRef(e.of, env);
        if (!of) return this.undef(e.type);
        const xs = of.alts.map((a) => ({ c: a.c, x: this.definition(d.name, d.expr, a) }));
        if (xs.some(({ x }) => x.kind === 'val' && x.hi !== undefined)) this.intervalUnsupported = true;
        return this.combine(xs, of.d, e.type);
      }
      case 'quant': return this.quant(e, env);
      case 'nth': return this.nth(e, env);
      case 'effective': {
        const p = this.ir.policy;
        if (p.effective !== undefined) return this.val(Z.Int.val(p.effective));
        if (p.effectiveRange) {
          if (this.intervals) return this.interval('施行日', '施行日', p.effectiveRange.lo, p.effectiveRange.hi);
          return this.val(this.uncertainDate('施行日', '施行日', p.effectiveRange.lo, p.effectiveRange.hi));
        }
        return this.undef(e.type);
      }
      case 'someDay':
        if (this.intervals) return this.interval(someDayKey(e), `${e.origin.text}`, e.lo, e.hi);
        return this.val(this.uncertainDate(someDayKey(e), `某日${someDayKey(e)}`, e.lo, e.hi));
      case 'param': {
        const p = this.ir.params.find((x) => x.name === e.name);
        if (!p || !p.values.length) return this.undef(e.type);
        const c = (v: number | string) => (isRatio(p.type) ? Z.Real.val(String(v)) : Z.Int.val(v as number));
        let acc: ZExpr = c(p.values[0]!.value);
        for (const v of p.values.slice(1)) acc = Z.If(this.E.ge(v.from), c(v.value), acc);
        // A parameter with a value from before the policy takes effect is defined whenever a
        // measure is evaluated at all: the evaluation date is restricted to its values (before
        // them the policy is not in force), which keeps the county's queries free of
        // definedness terms. Otherwise it is unknown before its first value, as in the interpreter.
        const start = this.ir.policy.effective ?? this.ir.policy.effectiveRange?.lo;
        if (start !== undefined && p.values[0]!.from <= start) {
          this.domain.push(this.E.ge(p.values[0]!.from));
          return this.val(acc);
        }
        return this.val(acc, this.E.ge(p.values[0]!.from));
      }
      case 'evalDate': return this.val(this.E);
      case 'event': {
        const ev = this.ev;
        const v = e.field === '日期' ? ev.day : e.field === '级别' ? ev.level : e.field === '类别' ? ev.category : e.field === '标题' ? ev.title : e.field === '地区' ? ev.region : ev.docno;
        // 标题/文号/地区 may be absent from an event: interned id 0 stands for "absent or any other text"
        return this.withEvent ? this.val(v) : this.undef(e.type);
      }
      case 'age': {
        const b = this.enc(e.birth, env);
        const m = this.ageMonths(b.v);
        return this.val(e.unit === 'months' ? m : m.div(12), this.dAnd(b.d, b.v.le(this.E)));
      }
      case 'daysBetween': {
        const a = this.enc(e.from, env);
        const b = this.enc(e.to, env);
        if (a.hi !== undefined || b.hi !== undefined) return { kind: 'val', v: b.v.sub(a.hi ?? a.v), d: this.dAnd(a.d, b.d), hi: (b.hi ?? b.v).sub(a.v) };
        return this.val(b.v.sub(a.v), this.dAnd(a.d, b.d));
      }
      case 'not': {
        const x = this.enc(e.x, env);
        return this.val(Z.Not(x.v), x.d);
      }
      case 'and':
      case 'or': {
        const xs = e.xs.map((x) => this.enc(x, env));
        if (!xs.length) return this.val(Z.Bool.val(e.k === 'and'));
        if (xs.every((x) => x.d === true)) return this.val(e.k === 'and' ? Z.And(...xs.map((x) => x.v)) : Z.Or(...xs.map((x) => x.v)));
        const ts = xs.map((x) => this.T(x));
        const fs = xs.map((x) => this.F(x));
        return e.k === 'and' ? this.tf(Z.And(...ts), Z.Or(...fs)) : this.tf(Z.Or(...ts), Z.And(...fs));
      }
      case 'cmp': {
        const a = this.enc(e.a, env);
        const b = this.enc(e.b, env);
        if (a.hi !== undefined || b.hi !== undefined) return this.compareIntervals(e.op, a, b);
        return this.val(this.compare(e.op, a.v, b.v), this.dAnd(a.d, b.d));
      }
      case 'in': {
        const x = this.enc(e.x, env);
        const vs = e.values.map((v) => this.enc(v, env));
        if (!vs.length) return this.val(Z.Bool.val(e.negated), x.d);
        const eq = vs.map((v) => this.compare('=', x.v, v.v));
        if (x.d === true && vs.every((v) => v.d === true)) {
          const any = Z.Or(...eq);
          return this.val(e.negated ? Z.Not(any) : any);
        }
        const anyT = Z.And(this.D(x), Z.Or(...vs.map((v, i) => Z.And(this.D(v), eq[i]))));
        const anyF = Z.And(this.D(x), ...vs.map((v, i) => Z.And(this.D(v), Z.Not(eq[i]))));
        return e.negated ? this.tf(anyF, anyT) : this.tf(anyT, anyF);
      }
      case 'neg': {
        const x = this.enc(e.x, env);
        if (x.hi !== undefined) return { kind: 'val', v: this.k.i0.sub(x.hi), d: x.d, hi: this.k.i0.sub(x.v) };
        return this.val(isRealTerm(x.v) ? this.k.r0.sub(x.v) : this.k.i0.sub(x.v), x.d);
      }
      case 'add':
      case 'sub': {
        const a = this.enc(e.a, env);
        const b = this.enc(e.b, env);
        if ((a.hi !== undefined || b.hi !== undefined) && !isRatio(e.type) && !isRealTerm(a.v) && !isRealTerm(b.v)) {
          const [al, ah, bl, bh] = [a.v, a.hi ?? a.v, b.v, b.hi ?? b.v];
          return e.k === 'add' ? { kind: 'val', v: al.add(bl), d: this.dAnd(a.d, b.d), hi: ah.add(bh) } : { kind: 'val', v: al.sub(bh), d: this.dAnd(a.d, b.d), hi: ah.sub(bl) };
        }
        if (a.hi !== undefined || b.hi !== undefined) this.intervalUnsupported = true;
        let [av, bv] = [a.v, b.v];
        if (isRatio(e.type) || isRealTerm(av) || isRealTerm(bv)) [av, bv] = [this.real(av), this.real(bv)];
        return this.val(e.k === 'add' ? av.add(bv) : av.sub(bv), this.dAnd(a.d, b.d));
      }
      case 'mul': return this.mul(e, env);
      case 'div': return this.div(e, env);
      case 'addMonths': {
        this.sh.approximate = true;
        const base = this.enc(e.date, env);
        const m = this.enc(e.months, env);
        const n = m.v.mul(e.sign);
        const key = `月(${String(base.v.toString())},${String(n.toString())})`;
        let d = this.sh.dateTerms.get(key);
        if (!d) {
          d = Z.Int.const(`日期${this.fresh()}`) as ZExpr;
          this.sh.dateTerms.set(key, d);
          this.sh.monthTerms.push({ d, base: base.v, n });
          this.domain.push(
            Z.Implies(n.ge(0), Z.And(d.sub(base.v).ge(n.mul(28)), d.sub(base.v).le(n.mul(31)))),
            Z.Implies(n.lt(0), Z.And(d.sub(base.v).le(n.mul(28)), d.sub(base.v).ge(n.mul(31)))),
          );
        }
        return this.val(d, this.dAnd(base.d, m.d));
      }
      case 'workdays': {
        // n working days span at least n and (with the longest holidays) at most 3n + 14 days;
        // outside the calendar's coverage evaluation refuses (ZC0805): no decision exists there
        this.sh.approximate = true;
        const s = this.enc(e.start, env);
        const n = this.enc(e.n, env);
        // (the start's definedness is part of the key: the coverage constraint below holds under it)
        const key = `工作日(${String(s.v.toString())},${String(n.v.toString())},${String(this.D(s).toString())})`;
        let d = this.sh.dateTerms.get(key);
        if (!d) {
          d = Z.Int.const(`工作日期限${this.fresh()}`) as ZExpr;
          this.sh.dateTerms.set(key, d);
          const cov = workdayCoverage();
          const first = dayNumber({ y: cov.firstYear, m: 1, d: 1 });
          const last = dayNumber({ y: cov.lastYear, m: 12, d: 31 });
          this.domain.push(
            Z.Implies(n.v.lt(1), d.eq(s.v)),
            Z.Implies(n.v.ge(1), Z.And(d.sub(s.v).ge(n.v), d.sub(s.v).le(n.v.mul(3).add(14)))),
            Z.Implies(this.D(s), Z.And(s.v.ge(first), d.le(last))),
          );
        }
        return this.val(d, this.dAnd(s.d, n.d));
      }
      case 'outcome': {
        const m = this.measureByName(e.measure);
        const o = m && this.measureEnc(m).outcomes.get(e.outcome);
        if (!m || !o) return this.undef(e.type);
        // interval mode: another measure's outcome while the 施行日 range may contain the date is not modelled
        if (this.intervals && this.ir.policy.effectiveRange && this.ir.policy.effectiveRange.lo !== this.ir.policy.effectiveRange.hi) this.intervalUnsupported = true;
        return this.val(o.value.v, Z.And(this.measureEnc(m).inForce, o.defined));
      }
      case 'applies': {
        const m = this.measureByName(e.measure);
        if (!m) return this.undef(e.type);
        const me = this.measureEnc(m);
        return this.inProperty ? this.val(me.applies) : this.val(me.applies, Z.Not(me.doubtful));
      }
      case 'void': return this.inProperty ? this.val(this.isVoid()) : this.undef(e.type);
    }
  }

  private compare(op: string, a0: ZExpr, b0: ZExpr): ZBool {
    const Z = this.Z;
    let [a, b] = [a0, b0];
    if (isRealTerm(a) !== isRealTerm(b)) [a, b] = [this.real(a), this.real(b)];
    switch (op) {
      case '>=': return a.ge(b);
      case '<=': return a.le(b);
      case '>': return a.gt(b);
      case '<': return a.lt(b);
      case '=': return a.eq(b);
      default: return Z.Not(a.eq(b));
    }
  }

  /** The exact constant values of a ratio expression (a constant, or a parameter by date), if it is one. */
  private constRatio(e: IrExpr): { when: (ZBool | true)[]; values: Fraction[] } | undefined {
    if (e.k === 'const' && typeof e.value === 'string') return { when: [true], values: [new Fraction(e.value)] };
    if (e.k === 'param') {
      const p = this.ir.params.find((x) => x.name === e.name);
      if (!p || !p.values.length) return undefined;
      // value i holds from its date until the next one's
      const when = p.values.map((v, i) => {
        const next = p.values[i + 1];
        return next ? this.Z.And(this.E.ge(v.from), this.E.lt(next.from)) : this.E.ge(v.from);
      });
      return { when, values: p.values.map((v) => new Fraction(String(v.value))) };
    }
    return undefined;
  }

  /** round(x) half away from zero, x an Int or Real term, as an Int. */
  private roundReal(x: ZExpr): ZExpr {
    const Z = this.Z;
    const half = this.k.half;
    return Z.If(x.ge(0), Z.ToInt(x.add(half)), this.k.i0.sub(Z.ToInt(this.k.r0.sub(x).add(half))));
  }

  /** round(x / d) half away from zero, x an Int term, d a positive integer constant. */
  private roundDivConst(x: ZExpr, d: bigint): ZExpr {
    const Z = this.Z;
    if (d === 1n) return x;
    const D = Z.Int.val(d);
    const D2 = Z.Int.val(2n * d);
    return Z.If(x.ge(0), x.mul(2).add(D).div(D2), this.k.i0.sub(this.k.i0.sub(x).mul(2).add(D).div(D2)));
  }

  private mul(e: Extract<IrExpr, { k: 'mul' }>, env: Env): Val {
    const Z = this.Z;
    const a = this.enc(e.a, env);
    const b = this.enc(e.b, env);
    const d = this.dAnd(a.d, b.d);
    if (isRatio(e.type)) return this.val(this.real(a.v).mul(this.real(b.v)), d);
    const ra = isRatio(e.a.type);
    const rb = isRatio(e.b.type);
    if (ra || rb) {
      // money × ratio (or count × ratio): rounded half away from zero to the result's unit
      const [x, re] = ra ? [b, e.a] : [a, e.b];
      const k = this.constRatio(re);
      if (k && !isRealTerm(x.v)) {
        const terms = k.values.map((f) => this.roundDivConst(x.v.mul(Z.Int.val(f.s * f.n)), f.d));
        let acc = terms[terms.length - 1];
        for (let i = terms.length - 2; i >= 0; i--) acc = Z.If(this.bool(k.when[i]!), terms[i], acc);
        return this.val(acc, d);
      }
      return this.val(this.roundReal(this.real(a.v).mul(this.real(b.v))), d);
    }
    return this.val(a.v.mul(b.v), d);
  }

  private div(e: Extract<IrExpr, { k: 'div' }>, env: Env): Val {
    const Z = this.Z;
    const a = this.enc(e.a, env);
    const b = this.enc(e.b, env);
    const nz = Z.Not(isRealTerm(b.v) ? b.v.eq(this.k.r0) : b.v.eq(0));
    const d = this.dAnd(a.d, b.d, nz);
    // a constant integer divisor keeps the encoding linear
    const cb = e.b.k === 'const' && typeof e.b.value === 'number' ? e.b.value : undefined;
    if (isRatio(e.type)) {
      if (cb !== undefined && cb !== 0) return this.val(this.real(a.v).div(Z.Real.val(cb)), d);
      return this.val(this.real(a.v).div(this.real(b.v)), d);
    }
    if (cb !== undefined && cb !== 0 && !isRealTerm(a.v)) {
      const x = cb < 0 ? this.k.i0.sub(a.v) : a.v;
      return this.val(this.roundDivConst(x, BigInt(Math.abs(cb))), d);
    }
    return this.val(this.roundReal(this.real(a.v).div(this.real(b.v))), d);
  }

  /**
   * Constraints that make the 月龄 abstraction exact at the model's evaluation date e, for the
   * age terms whose months M in `model` differ from the real full months of their birth date B
   * (the abstraction's slack, 28·M ≤ E − B ≤ 31·M + 31): E = e, and for every k in
   * 1..MAX_AGE_MONTHS, M ≥ k ⇔ B ≤ t(k), t(k) being the latest birth date with k full months at
   * e (calendar.ts, 民法典 §201–202). They hold for every real solution with E = e; empty when
   * the model's ages are all exact.
   */
  exactAgesAt(model: ZExpr): ZBool[] {
    const Z = this.Z;
    const e = num(model, this.E);
    const on = fromDayNumber(e);
    const out: ZBool[] = [];
    let latest: number[] | undefined;
    for (const a of this.sh.ages.values()) {
      const b = num(model, a.birth);
      const real = b <= e ? fullMonthsOfAge(fromDayNumber(b), on) : undefined;
      if (real === num(model, a.months)) continue;
      if (!latest) {
        out.push(this.E.eq(e));
        latest = Array.from({ length: MAX_AGE_MONTHS }, (_, i) => latestBirthWithMonths(e, i + 1));
      }
      for (let k = 1; k <= MAX_AGE_MONTHS; k++) out.push(Z.Eq(a.months.ge(k), a.birth.le(latest[k - 1]!)));
    }
    return out;
  }

  /**
   * Constraints that make the date ± N months abstraction exact where the model used its slack
   * (28·N ≤ D − B ≤ 31·N): for each such term, with B in the model's calendar month of B and N equal to
   * the model's N, D is B's 对应日 N months on, or that month's last day when it has no such day
   * (民法典 §202, calendar.ts addMonthsClamped) — linear on one month of B. They hold for every real
   * solution; one round per month of B a witness visits. Empty when every term is exact in the model.
   */
  exactMonthsAt(model: ZExpr): ZBool[] {
    const Z = this.Z;
    const out: ZBool[] = [];
    for (const t of this.sh.monthTerms) {
      const b = num(model, t.base);
      const k = num(model, t.n);
      let first: number;
      let last: number;
      let target: number;
      let targetLast: number;
      try {
        const on = fromDayNumber(b);
        if (num(model, t.d) === dayNumber(addMonthsClamped(on, k))) continue;
        first = dayNumber({ y: on.y, m: on.m, d: 1 });
        last = first + daysInMonth(on.y, on.m) - 1;
        const to = addMonthsClamped({ y: on.y, m: on.m, d: 1 }, k);
        target = dayNumber(to);
        targetLast = target + daysInMonth(to.y, to.m) - 1;
      } catch {
        continue; // (outside years 1–9999: no decision exists there)
      }
      out.push(Z.Implies(Z.And(t.base.ge(first), t.base.le(last), t.n.eq(k)),
        t.d.eq(Z.If(t.base.le(first + (targetLast - target)), t.base.add(target - first), Z.Int.val(targetLast)))));
    }
    return out;
  }

  private ageMonths(birth: ZExpr): ZExpr {
    const key = String(birth.toString());
    const hit = this.sh.ages.get(key);
    if (hit) return hit.months;
    const m = this.Z.Int.const(`月龄(${key})`);
    this.domain.push(m.ge(0), this.E.sub(birth).ge(m.mul(28)), this.E.sub(birth).le(m.mul(31).add(31)));
    const fv = [...this.vars.values()].find((x) => x.v === birth || String(x.v.toString()) === key);
    this.sh.ages.set(key, { months: m, birth, ...(fv ? { birthPath: fv.path } : {}) });
    return m;
  }

  /** A definition's value for an instance (memoised per instance path). */
  private definition(name: string, expr: IrExpr, self: Alt | undefined): Enc {
    const key = `${name}@${self?.path ?? ''}`;
    const hit = this.defMemo.get(key);
    if (hit) {
      // INVARIANT (interval mode): a memoised definition that reached an unsupported construct says so again
      if (this.defUnsupported.has(key)) this.intervalUnsupported = true;
      return hit;
    }
    const env = new Map<string, Ref>();
    if (self) env.set('@self', { kind: 'ref', alts: [{ c: true, path: self.path, entity: self.entity }], d: true });
    const before = this.intervalUnsupported;
    this.intervalUnsupported = false;
    const v = this.encAny(expr, env);
    if (this.intervalUnsupported) this.defUnsupported.add(key);
    this.intervalUnsupported ||= before;
    this.defMemo.set(key, v);
    return v;
  }

  private listElems(l: LRef): { alt: Alt; lv: ListVar }[] {
    return l.alts.map((a) => {
      const { root, steps } = this.stepsOf(a.path);
      return { alt: a, lv: this.listVar(a.path, root, steps, a.entity) };
    });
  }

  private quant(e: Extract<IrExpr, { k: 'quant' }>, env: Env): Enc {
    const l = this.encAny(e.list, env);
    if (l.kind !== 'list') return this.undef(e.type);
    const parts = this.listElems(l).map(({ alt, lv }) => ({ c: alt.c, x: this.quantOne(e, env, lv) as Enc }));
    return this.combine(parts, l.d, e.type);
  }

  private quantOne(e: Extract<IrExpr, { k: 'quant' }>, env: Env, lv: ListVar): Val {
    const Z = this.Z;
    const n = lv.n;
    const B = this.B;
    const items: { live: ZBool; x: Val }[] = [];
    for (let i = 0; i < B; i++) {
      const inner = new Map(env);
      inner.set(e.var, this.elem(lv, i));
      const x = e.body ? this.enc(e.body, inner) : this.val(this.k.t);
      items.push({ live: n.gt(i), x });
    }
    const over = this.tail ? n.gt(B) : undefined; // elements beyond the bound exist
    const id = this.fresh();
    switch (e.q) {
      case 'exists':
      case 'none':
      case 'forall': {
        let t: ZBool;
        let f: ZBool;
        if (e.q === 'forall') {
          t = Z.And(...items.map((it) => Z.Implies(it.live, this.T(it.x))));
          f = Z.Or(...items.map((it) => Z.And(it.live, this.F(it.x))));
        } else {
          t = Z.Or(...items.map((it) => Z.And(it.live, this.T(it.x))));
          f = Z.And(...items.map((it) => Z.Implies(it.live, this.F(it.x))));
        }
        if (over) {
          const tt = Z.Bool.const(`尾部真${id}`);
          const tf = Z.Bool.const(`尾部假${id}`);
          this.domain.push(Z.Not(Z.And(tt, tf)));
          // the tail holds some element that is true (exists) / false (forall), or all are
          if (e.q === 'forall') {
            t = Z.And(t, Z.Implies(over, tt));
            f = Z.Or(f, Z.And(over, tf));
          } else {
            t = Z.Or(t, Z.And(over, tt));
            f = Z.And(f, Z.Implies(over, tf));
          }
        }
        const r = items.every((it) => it.x.d === true) && !over ? this.val(t) : this.tf(t, f);
        return e.q === 'none' ? this.val(Z.Not(r.v), r.d) : r;
      }
      case 'count': {
        if (!e.body) return this.val(n);
        let c: ZExpr = this.k.i0;
        for (const it of items) c = c.add(Z.If(Z.And(it.live, this.T(it.x)), this.k.i1, this.k.i0));
        let d: Def = this.dAnd(...items.map((it) => (it.x.d === true ? true : Z.Implies(it.live, it.x.d))));
        if (over) {
          const t = Z.Int.const(`尾部计数${id}`);
          this.domain.push(t.ge(0), Z.Implies(Z.Not(over), t.eq(0)), Z.Implies(over, t.le(n.sub(B))));
          c = c.add(t);
          d = this.dAnd(d, Z.Bool.const(`尾部已知${id}`));
        }
        return this.val(c, d);
      }
      case 'sum': {
        const ratio = isRatio(e.type);
        let s: ZExpr = ratio ? this.k.r0 : this.k.i0;
        for (const it of items) s = s.add(Z.If(it.live, ratio ? this.real(it.x.v) : it.x.v, ratio ? this.k.r0 : this.k.i0));
        let d: Def = this.dAnd(...items.map((it) => (it.x.d === true ? true : Z.Implies(it.live, it.x.d))));
        if (over) d = this.dAnd(d, Z.Not(over)); // unknown beyond the bound (sound for the bound check)
        return this.val(s, d);
      }
      case 'max':
      case 'min': {
        const ratio = isRatio(e.type);
        let acc: ZExpr = ratio ? this.real(items[0]!.x.v) : items[0]!.x.v;
        for (const it of items.slice(1)) {
          const v = ratio ? this.real(it.x.v) : it.x.v;
          acc = Z.If(Z.And(it.live, e.q === 'max' ? v.gt(acc) : v.lt(acc)), v, acc);
        }
        let d: Def = this.dAnd(n.ge(1), ...items.map((it) => (it.x.d === true ? true : Z.Implies(it.live, it.x.d))));
        if (over) d = this.dAnd(d, Z.Not(over));
        return this.val(acc, d);
      }
    }
  }

  private nth(e: Extract<IrExpr, { k: 'nth' }>, env: Env): Enc {
    const l = this.encAny(e.list, env);
    if (l.kind !== 'list') return this.undef(e.type);
    const parts = this.listElems(l).map(({ alt, lv }) => ({ c: alt.c, x: this.nthOne(e, env, lv) as Enc }));
    return this.combine(parts, l.d, e.type);
  }

  private nthOne(e: Extract<IrExpr, { k: 'nth' }>, env: Env, lv: ListVar): Ref {
    const Z = this.Z;
    const B = this.B;
    const keys: Val[] = [];
    for (let i = 0; i < B; i++) {
      const inner = new Map(env);
      inner.set(e.var, this.elem(lv, i));
      keys.push(this.orderKey(e.key, inner));
    }
    const n = lv.n;
    const alts: Alt[] = [];
    for (let i = 0; i < B; i++) {
      let rank: ZExpr = this.k.i0;
      for (let j = 0; j < B; j++) {
        if (j === i) continue;
        const before = j < i ? keys[j]!.v.le(keys[i]!.v) : keys[j]!.v.lt(keys[i]!.v);
        rank = rank.add(Z.If(Z.And(n.gt(j), before), this.k.i1, this.k.i0));
      }
      alts.push({ c: Z.And(n.gt(i), rank.eq(e.n - 1)), path: `${lv.path}[${i}]`, entity: lv.elem });
      this.elem(lv, i);
    }
    let d: Def = this.dAnd(n.ge(e.n), ...keys.map((k, i) => (k.d === true ? true : Z.Implies(n.gt(i), k.d))));
    if (this.tail) d = this.dAnd(d, n.le(B));
    return { kind: 'ref', alts: e.n <= B ? alts : [], d: e.n <= B ? d : this.k.f };
  }

  /** A sort key as the interpreter orders it (numbers; enum members and booleans as JS compares them). */
  private orderKey(key: IrExpr, env: Env): Val {
    const Z = this.Z;
    const k = this.enc(key, env);
    const t = key.type;
    if (t.k === 'bool') return this.val(Z.If(k.v, this.k.i1, this.k.i0), k.d);
    if (t.k === 'enum') {
      // members compare as strings (code units): map each index to its rank in that order
      const sorted = [...t.members].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      let acc: ZExpr = this.k.i0;
      t.members.forEach((m, i) => { acc = Z.If(k.v.eq(i), Z.Int.val(sorted.indexOf(m)), acc); });
      return this.val(acc, k.d);
    }
    if (t.k === 'text') this.sh.approximate = true; // interned ids do not follow the strings' order
    return k;
  }

  // ── measures ──
  measureByName(name: string): IrMeasure | undefined {
    return this.ir.measures.find((m) => m.name === name);
  }

  /** The policy's effective date has passed on E (unknown date: in force, as the interpreter takes it). */
  effective(): ZBool {
    const p = this.ir.policy;
    if (p.effective !== undefined) return this.E.ge(p.effective);
    if (p.effectiveRange) return this.E.ge(this.uncertainDate('施行日', '施行日', p.effectiveRange.lo, p.effectiveRange.hi));
    return this.k.t;
  }

  /** The policy is void on E because of the (single, symbolic) event. */
  isVoid(): ZBool {
    const s = this.ir.policy.sunset;
    if (!s || !this.withEvent) return this.k.f;
    const c = this.enc(s.condition);
    return this.Z.And(this.T(c), this.E.ge(this.ev.day.add(s.start === 'nextDay' ? 1 : 0)));
  }

  /** In force: effective and not void. */
  inForce(): ZBool {
    return this.withEvent ? this.Z.And(this.effective(), this.Z.Not(this.isVoid())) : this.effective();
  }

  /**
   * Kleene: is E inside the rule's 有效期 (t) / outside it (f)? Undefined without one. An end counted from an
   * uncertain 施行日 is, in interval mode, its range (decided only when the whole range agrees: the interpreter's
   * `ruleInForce`); otherwise the end of the 施行日 variable the query chooses, exactly (piecewise over the
   * range: X + the end's offset, which changes only where a month-end clamps); an unknown 施行日 decides nothing.
   */
  validity(r: IrRule): { t: ZBool; f: ZBool } | undefined {
    const Z = this.Z;
    const t: ZBool[] = [];
    const f: ZBool[] = [];
    if (r.validFrom !== undefined) { t.push(this.E.ge(r.validFrom)); f.push(this.E.lt(r.validFrom)); }
    if (r.validTo !== undefined) { t.push(this.E.le(r.validTo)); f.push(this.E.gt(r.validTo)); }
    for (const [x, from] of [[r.validFromRange, true], [r.validToRange, false]] as const) {
      if (!x) continue;
      const p = this.ir.policy.effectiveRange;
      if (this.intervals || !x.shifts || !p) {
        // (interval mode, or an unknown 施行日 — its range is the whole calendar: never decided inside it)
        t.push(from ? this.E.ge(x.hi) : this.E.le(x.lo));
        f.push(from ? this.E.lt(x.lo) : this.E.gt(x.hi));
        continue;
      }
      const X = this.uncertainDate('施行日', '施行日', p.lo, p.hi);
      const end = this.shiftedEnd(X, p.lo, p.hi, x.shifts);
      t.push(from ? this.E.ge(end) : this.E.le(end));
      f.push(from ? this.E.lt(end) : this.E.gt(end));
    }
    if (!t.length) return undefined;
    return { t: Z.And(...t), f: Z.Or(...f) };
  }

  /** X shifted (X known to lie in [lo, hi]): X + offset, the offset constant on each piece of the range. */
  private shiftedEnd(X: ZExpr, lo: number, hi: number, shifts: NonNullable<IrDayRange['shifts']>): ZExpr {
    const pieces: { last: number; off: number }[] = [];
    for (let d = lo; d <= hi; d++) {
      const off = shiftDay(d, shifts) - d;
      const lastPiece = pieces[pieces.length - 1];
      if (lastPiece && lastPiece.off === off) lastPiece.last = d;
      else pieces.push({ last: d, off });
    }
    let acc: ZExpr = X.add(pieces[pieces.length - 1]!.off) as ZExpr;
    for (let i = pieces.length - 2; i >= 0; i--) acc = this.Z.If(X.le(pieces[i]!.last), X.add(pieces[i]!.off), acc) as ZExpr;
    return acc;
  }

  /** Kleene applicability of a rule (validity period included). */
  rule(m: IrMeasure, r: IrRule): { t: ZBool; f: ZBool } {
    return this.measureEnc(m).rule.get(r);
  }

  /**
   * The measure's terms, built lazily (a query about one rule encodes only that rule, and the
   * rules that override it): rule applicability, per-outcome winners/values/problems, status.
   */
  measureEnc(m: IrMeasure): MeasureEnc {
    const hit = this.measureMemo.get(m.name);
    if (hit) return hit;
    const Z = this.Z;
    const k = this.k;
    const ruleMemo = new Map<IrRule, { t: ZBool; f: ZBool }>();
    const rule = (r: IrRule): { t: ZBool; f: ZBool } => {
      const h = ruleMemo.get(r);
      if (h) return h;
      const c = this.enc(r.condition);
      const v = this.validity(r);
      const x = v ? { t: Z.And(v.t, this.T(c)), f: Z.Or(v.f, this.F(c)) } : { t: this.T(c), f: this.F(c) };
      ruleMemo.set(r, x);
      return x;
    };
    const outMemo = new Map<string, OutcomeEnc>();
    const outcome = (name: string): OutcomeEnc | undefined => {
      const h = outMemo.get(name);
      if (h) return h;
      const o = m.outcomes.find((x) => x.name === name);
      if (!o) return undefined;
      const rules = m.rules.filter((r) => r.assignments.some((a) => a.outcome === o.name));
      // every part is built on first use: a query about two rules encodes only what it asks
      const lazyMap = <T,>(f: (r: IrRule) => T) => {
        const memo = new Map<IrRule, T>();
        return { get: (r: IrRule): T => { let x = memo.get(r); if (x === undefined) { x = f(r); memo.set(r, x); } return x; } };
      };
      const overrides = (r: IrRule) => rules.filter((r2) => r2 !== r && r2.overrides.includes(r.name)).map((r2) => Z.Not(rule(r2).t));
      const sure = lazyMap((r) => { const over = overrides(r); return over.length ? Z.And(rule(r).t, ...over) : rule(r).t; });
      const unsure = lazyMap((r) => Z.And(Z.Not(rule(r).t), Z.Not(rule(r).f), ...overrides(r)));
      const values = lazyMap((r) => {
        const e = r.assignments.find((x) => x.outcome === o.name)!.value;
        const y = this.encAny(e, new Map());
        const x = y.kind === 'val' ? y : this.undef(e.type);
        // interval mode: a value known only within a range is no value (the interpreter: 结果的值取决于不确定的日期 → 存疑)
        return x.hi === undefined ? x : this.val(x.v, Z.And(this.D(x), x.v.eq(x.hi)));
      });
      const once = <T,>(f: () => T): (() => T) => { let x: T | undefined; return () => (x ??= f()); };
      const anySure = once(() => (rules.length ? Z.Or(...rules.map((r) => sure.get(r))) : k.f));
      const unknown = once(() => (rules.length ? Z.Or(...rules.map((r) => unsure.get(r))) : k.f));
      const gap = once(() => (o.required ? Z.And(Z.Not(anySure()), Z.Not(unknown())) : k.f));
      const contradiction = once(() => {
        const pairs: ZBool[] = [];
        for (let i = 0; i < rules.length; i++) {
          for (let j = i + 1; j < rules.length; j++) {
            const [r1, r2] = [rules[i]!, rules[j]!];
            pairs.push(Z.And(sure.get(r1), sure.get(r2), this.distinct(values.get(r1), values.get(r2))));
          }
        }
        return pairs.length ? Z.Or(...pairs) : k.f;
      });
      // the value: the first surely-winning rule's (all agree unless in contradiction)
      const value = once(() => {
        let v: ZExpr = this.zero(o.type);
        let vd: ZBool = k.f;
        for (const r of [...rules].reverse()) {
          const x = values.get(r);
          v = Z.If(sure.get(r), isRatio(o.type) ? this.real(x.v) : x.v, v);
          vd = Z.If(sure.get(r), this.D(x), vd);
        }
        return this.val(v, vd);
      });
      // INVARIANT (interpreter): a value beside a rule of unknown applicability is shown but never
      // handed to other measures or properties
      const defined = once(() => Z.And(anySure(), Z.Not(contradiction()), Z.Not(unknown()), this.D(value())));
      const out: OutcomeEnc = {
        rules, sure, unsure, values,
        get anySure() { return anySure(); }, get unknown() { return unknown(); }, get gap() { return gap(); },
        get contradiction() { return contradiction(); }, get defined() { return defined(); }, get value() { return value(); },
      };
      outMemo.set(name, out);
      return out;
    };
    let inForce: ZBool | undefined;
    let status: { applies: ZBool; doubtful: ZBool } | undefined;
    const st = () => {
      if (status) return status;
      if (this.inProgress.has(m.name)) return { applies: k.f, doubtful: k.t }; // (the checker rules out cycles)
      this.inProgress.add(m.name);
      const problems: ZBool[] = [];
      const definedAny: ZBool[] = [];
      for (const o of m.outcomes) {
        const oe = outcome(o.name)!;
        problems.push(oe.unknown, oe.gap, oe.contradiction, Z.And(oe.anySure, Z.Not(oe.contradiction), Z.Not(this.D(oe.value))));
        definedAny.push(oe.defined);
      }
      const range = this.intervals ? this.ir.policy.effectiveRange : undefined;
      let doubtful: ZBool;
      let applies: ZBool;
      if (range && range.lo !== range.hi) {
        // interval mode, 施行日 within [lo, hi]: before lo 未生效; from lo until hi a measure that would apply is 存疑 (evaluateRaw)
        this.intervalDates.set('施行日', { label: '施行日', lo: range.lo, hi: range.hi });
        const started = this.withEvent ? Z.And(this.E.ge(range.lo), Z.Not(this.isVoid())) : this.E.ge(range.lo);
        const sure = this.E.ge(range.hi);
        const would = definedAny.length ? Z.Or(...definedAny) : k.f;
        const probs = problems.length ? Z.Or(...problems) : k.f;
        doubtful = Z.And(started, Z.Or(probs, Z.And(Z.Not(sure), would)));
        applies = Z.And(started, sure, Z.Not(probs), would);
      } else {
        const f = me.inForce;
        doubtful = Z.And(f, problems.length ? Z.Or(...problems) : k.f);
        applies = Z.And(f, Z.Not(doubtful), definedAny.length ? Z.Or(...definedAny) : k.f);
      }
      this.inProgress.delete(m.name);
      status = { applies, doubtful };
      return status;
    };
    const self = this;
    const me: MeasureEnc = {
      rule: { get: rule },
      outcomes: { get: outcome },
      get inForce() { return (inForce ??= self.inForce()); },
      get applies() { return st().applies; },
      get doubtful() { return st().doubtful; },
    };
    this.measureMemo.set(m.name, me);
    return me;
  }

  /** The interpreter's "different values" (JSON): one unknown and one known, or both known and unequal. */
  distinct(a: Val, b: Val): ZBool {
    const Z = this.Z;
    const ne = Z.Not(this.compare('=', a.v, b.v));
    if (a.d === true && b.d === true) return ne;
    return Z.Or(Z.Not(this.D(a).eq(this.D(b))), Z.And(this.D(a), this.D(b), ne));
  }

  /** The declared assumptions are not violated (false; unknown is not a violation, as in the interpreter). */
  assumptions(): ZBool[] {
    return this.ir.assumptions.map((a) => this.Z.Not(this.F(this.enc(a.condition))));
  }

  /** Every assumption surely holds. */
  assumptionsHold(): ZBool[] {
    return this.ir.assumptions.map((a) => this.T(this.enc(a.condition)));
  }

  /** The list at `path` exists (every enclosing element index is below its list's length). */
  exists(path: string): ZBool {
    const Z = this.Z;
    const parts: ZBool[] = [];
    const re = /\[(\d+)\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(path))) {
      const listPath = path.slice(0, m.index);
      const l = this.lists.get(listPath);
      if (l) parts.push(l.n.gt(Number(m[1])));
    }
    return parts.length ? Z.And(...parts) : this.k.t;
  }
}

/** Interval mode: the constructs that carry an interval on (every other one marks the encoding unsupported). */
const INTERVAL_PARENTS = new Set(['cmp', 'add', 'sub', 'neg', 'daysBetween', 'def']);

/** Key of a 某日（lo，hi） node: its place in the source (one variable per written uncertain date). */
export function someDayKey(e: Extract<IrExpr, { k: 'someDay' }>): string {
  return `${e.origin.file}:${e.origin.start}`;
}

function isRealTerm(x: ZExpr): boolean {
  return typeof x?.sort?.name === 'function' && x.sort.name() === 'Real';
}

/**
 * The text constants of a program, numbered in order of first occurrence. Computed once per
 * program: an encoder is made per query, and walking every measure each time made the encoding
 * of a 2,000-measure program quadratic.
 */
const stringsMemo = new WeakMap<IrProgram, ReadonlyMap<string, number>>();
function collectStrings(ir: IrProgram, strings: Map<string, number>): void {
  let memo = stringsMemo.get(ir);
  if (!memo) {
    const m = new Map<string, number>();
    collectStringsOnce(ir, m);
    stringsMemo.set(ir, (memo = m));
  }
  for (const [k, v] of memo) strings.set(k, v);
}

function collectStringsOnce(ir: IrProgram, strings: Map<string, number>): void {
  const visit = (e: IrExpr): void => {
    if (e.k === 'const' && e.type.k === 'text' && typeof e.value === 'string' && !strings.has(e.value)) strings.set(e.value, strings.size + 1);
    for (const c of irChildren(e)) visit(c);
  };
  for (const m of ir.measures) for (const r of m.rules) { visit(r.condition); r.assignments.forEach((a) => visit(a.value)); }
  if (ir.policy.sunset) visit(ir.policy.sunset.condition);
  for (const p of ir.properties) { p.asserts.forEach(visit); if (p.condition) visit(p.condition); }
  for (const d of ir.definitions) visit(d.expr);
  for (const a of ir.assumptions) visit(a.condition);
}

/** The value chosen for a date known only within a range. */
export interface UncertainChoice {
  /** 施行日, or the 某日 as written in the source. */
  readonly name: string;
  /** Key of the date (施行日, or file:offset of the 某日). */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly value: string;
  /** For a dependence on the date: the second value, giving a different result. */
  readonly value2?: string;
}

/** A concrete input found by a solver or a property test. */
export interface Witness {
  /** Root entity → record; records nest (entity fields) and lists are arrays of records. */
  readonly facts: Record<string, Record<string, unknown>>;
  readonly date: string;
  readonly event?: { 日期: string; 级别: string; 类别: string; 标题?: string; 文号?: string; 地区?: string };
  /** Values taken by dates known only within a range (the finding holds for these values). */
  readonly dates?: readonly UncertainChoice[];
}

function num(model: ZExpr, v: ZExpr): number {
  const r = model.eval(v, true);
  // IntNum.value() is exact; z3's printed form of negatives is "(- 17)"
  if (typeof r.value === 'function') return Number(r.value() as bigint);
  const m = /^\(-\s*(\d+)\)$/.exec(r.toString());
  return m ? -Number(m[1]) : Number(BigInt(r.toString()));
}

/** The exact value of a Real (or Int) in a model. */
export function rational(model: ZExpr, v: ZExpr): Fraction {
  const r = model.eval(v, true);
  if (typeof r.numerator === 'function') return new Fraction(r.numerator().value() as bigint, r.denominator().value() as bigint);
  return new Fraction(num(model, v));
}

/** A ratio as an input text: an exact percentage ("12.5%"), or the nearest with six decimals when it does not terminate. */
export function ratioInput(f: Fraction): string {
  const pct = f.mul(100);
  const s = pct.toString();
  return s.includes('(') ? `${pct.round(6).toString()}%` : `${s}%`;
}

/** Does every list index on the path root + steps lie below its list's length (`lengths`: list path → length; none is 0)? */
export function onElements(lengths: ReadonlyMap<string, number>, root: string, steps: readonly Step[]): boolean {
  let p = root;
  for (const s of steps) {
    if (typeof s === 'number') {
      if (s >= (lengths.get(p) ?? 0)) return false;
      p = `${p}[${s}]`;
    } else p = `${p}.${s}`;
  }
  return true;
}

/** Turn a model into a concrete, valid input. `entities` forces entities to appear. */
export function decodeWitness(encs: SmtEncoder | readonly SmtEncoder[], model: ZExpr, entities: readonly string[] = [], withEvent = false): Witness {
  const all = Array.isArray(encs) ? (encs as readonly SmtEncoder[]) : [encs as SmtEncoder];
  const enc = all[0]!;
  const E = num(model, enc.E);
  const facts: Record<string, Record<string, unknown>> = {};
  for (const e of entities) facts[e] ??= {};
  const byId = new Map([...enc.strings].map(([s, i]) => [i, s] as const));
  const lengths = new Map<string, number>();
  for (const [path, l] of enc.lists) lengths.set(path, num(model, l.n));
  const ageOf = new Map<string, number>();
  for (const a of (enc as unknown as { sh: Shared }).sh.ages.values()) if (a.birthPath) ageOf.set(a.birthPath, num(model, a.months));
  const alive = (root: string, steps: readonly Step[]): boolean => onElements(lengths, root, steps);
  /** The container at root + steps (creating records and arrays on the way). */
  const place = (root: string, steps: readonly Step[], listPaths: readonly string[]): Record<string, unknown> | unknown[] => {
    let cur: Record<string, unknown> | unknown[] = (facts[root] ??= {});
    let p = root;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i]!;
      const next = steps[i + 1];
      p = typeof s === 'number' ? `${p}[${s}]` : `${p}.${s}`;
      const isList = listPaths.includes(p) || typeof next === 'number';
      if (Array.isArray(cur)) {
        const idx = s as number;
        while (cur.length <= idx) cur.push({});
        cur = cur[idx] as Record<string, unknown>;
      } else {
        const key = s as string;
        cur[key] ??= isList ? [] : {};
        cur = cur[key] as Record<string, unknown> | unknown[];
      }
    }
    return cur;
  };
  const listPaths = [...enc.lists.keys()];
  // lists first (in creation order), so their lengths are right even when no field of an element is used
  for (const l of enc.lists.values()) {
    if (!alive(l.root, l.steps)) continue;
    const arr = place(l.root, l.steps, listPaths) as unknown[];
    const n = lengths.get(l.path) ?? 0;
    while (arr.length < n) arr.push({});
  }
  for (const f of enc.vars.values()) {
    if (!alive(f.root, f.steps)) continue;
    const parent = place(f.root, f.steps.slice(0, -1), listPaths) as Record<string, unknown>;
    const key = f.steps[f.steps.length - 1] as string;
    parent[key] = decodeValue(model, f, E, byId, ageOf);
  }
  const dates: UncertainChoice[] = [];
  const seen = new Set<string>();
  for (const u of enc.uncertain.values()) {
    seen.add(u.key);
    const twin = all.slice(1).map((x) => x.uncertain.get(u.key)).find((x) => x);
    dates.push({
      name: u.key === '施行日' ? '施行日' : u.label.replace(/^某日/, '某日 '), key: u.key,
      from: formatIso(fromDayNumber(u.lo)), to: formatIso(fromDayNumber(u.hi)), value: formatIso(fromDayNumber(num(model, u.v))),
      ...(twin ? { value2: formatIso(fromDayNumber(num(model, twin.v))) } : {}),
    });
  }
  for (const x of all.slice(1)) {
    for (const u of x.uncertain.values()) {
      if (seen.has(u.key)) continue;
      seen.add(u.key);
      dates.push({ name: u.key === '施行日' ? '施行日' : u.label.replace(/^某日/, '某日 '), key: u.key, from: formatIso(fromDayNumber(u.lo)), to: formatIso(fromDayNumber(u.hi)), value: formatIso(fromDayNumber(num(model, u.v))) });
    }
  }
  const w: Witness = { facts, date: formatIso(fromDayNumber(E)), ...(dates.length ? { dates } : {}) };
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

function decodeValue(model: ZExpr, f: FactVar, E: number, byId: Map<number, string>, ageOf: Map<string, number>): unknown {
  const t = f.type;
  if (t.k === 'bool') return model.eval(f.v, true).toString() === 'true';
  if (isRatio(t)) return ratioInput(rational(model, f.v));
  let n = num(model, f.v);
  switch (t.k) {
    case 'date': {
      const months = ageOf.get(f.path);
      if (months !== undefined) n = birthWithMonths(E, months, n);
      return formatIso(fromDayNumber(n));
    }
    case 'money': return formatFen(n);
    case 'enum': return t.members[n] ?? t.members[0];
    case 'text': return byId.get(n) ?? '（其他）';
    default: return n;
  }
}

/** Ages the exact 月龄 constraints cover (months; 125 years). */
const MAX_AGE_MONTHS = 1500;

/** The latest birth day with at least `months` full months of age on `evalDay` (months ≥ 1). */
export function latestBirthWithMonths(evalDay: number, months: number): number {
  const on = fromDayNumber(evalDay);
  const has = (b: number) => (fullMonthsOfAge(fromDayNumber(b), on) ?? -1) >= months;
  // INVARIANT: has(lo) and !has(hi): M(k) lies 28k..31k days after the birth day
  let lo = evalDay - 31 * (months + 1) - 1;
  let hi = evalDay - 28 * months + 1;
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (has(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
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
