/**
 * IR expressions → TypeScript statements (for the generated evaluator).
 *
 * Input: an IrExpr. Output: the body of a function `(c: _Ctx) => …` (or, for a definition,
 * `(c: _Ctx, self: _Rec | null) => …`) that computes the expression with exactly the
 * reference semantics (compiler/interpret/interpreter.ts): Kleene three-valued logic
 * (null = unknown), evaluation order and short-circuits (which decide which missing facts
 * and unconfirmed parameters are recorded), exact rationals for ratios, half-away-from-zero
 * rounding, month-end clamping, intervals for dates known only within a range.
 *
 * Every non-constant sub-expression is bound to a `const tN` in evaluation order, so the
 * generated code evaluates operands exactly once and left to right; 且/或/属于, quantifiers,
 * aggregates and 第N个 become labelled blocks (loops over the list's records) with early
 * `break`. Whether a value may be an interval is known statically (`Out.iv`): code that
 * never meets an interval is plain number arithmetic.
 */
import type { IrExpr, IrProgram, IrType } from '../ir/ir.js';
import { isRatio, unitOf } from '../ir/ir.js';
import { lit, commentText } from './ts-strings.js';
import type { RuntimeFeature } from './ts-runtime.js';

interface Out {
  /** A side-effect-free expression: a temporary, a literal or `c.s.day`. */
  readonly code: string;
  readonly nullable: boolean;
  /** The literal value when the expression is a constant. */
  readonly constant?: number | boolean | string;
  /** The value may be an interval (`_Iv`). */
  readonly iv: boolean;
  /** Raw mode: the interval constant's ends (ISO date strings; `code` is unused). */
  readonly range?: readonly [string, string];
}

/** TypeScript type of a runtime value of `t` (without null). */
export function tsType(t: IrType, iv = false): string {
  switch (t.k) {
    case 'bool': return 'boolean';
    case 'text':
    case 'enum': return 'string';
    case 'entity': return '_Rec';
    case 'list': return '_List';
    case 'quantity': return t.dim === 'ratio' ? 'string' : iv ? 'number | _Iv' : 'number';
    default: return iv ? 'number | _Iv' : 'number';
  }
}

/** Display kind of a value (see `_Kind` in the runtime) and its unit suffix. */
export function displayKind(t: IrType): { kind: 'm' | 'd' | 'b' | 'r' | 'n' | 's' | 'e' | 'l'; unit: string } {
  switch (t.k) {
    case 'money': return { kind: 'm', unit: '元' };
    case 'date': return { kind: 'd', unit: '' };
    case 'bool': return { kind: 'b', unit: '' };
    case 'quantity': return t.dim === 'ratio' ? { kind: 'r', unit: '%' } : { kind: 'n', unit: unitOf(t) };
    case 'int': return { kind: 'n', unit: '' };
    case 'entity': return { kind: 'e', unit: '' };
    case 'list': return { kind: 'l', unit: '' };
    default: return { kind: 's', unit: '' };
  }
}

/** Direct sub-expressions of an IR expression (the emitter's own walk). */
export function children(e: IrExpr): IrExpr[] {
  switch (e.k) {
    case 'age': return [e.birth];
    case 'daysBetween': return [e.from, e.to];
    case 'not': case 'neg': return [e.x];
    case 'and': case 'or': return [...e.xs];
    case 'cmp': case 'add': case 'sub': case 'mul': case 'div': return [e.a, e.b];
    case 'in': return [e.x, ...e.values];
    case 'addMonths': return [e.date, e.months];
    case 'workdays': return [e.start, e.n];
    case 'get': return [e.of];
    case 'def': return e.of ? [e.of] : [];
    case 'quant': return e.body ? [e.list, e.body] : [e.list];
    case 'nth': return [e.list, e.key];
    default: return [];
  }
}

/** The expression without its source positions (to compare two expressions by structure). */
function shape(e: IrExpr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'origin' ? undefined : v));
}

/** Does `e` mention no bound element (a path from the facts' root entities only)? */
function closed(e: IrExpr): boolean {
  return e.k !== 'var' && children(e).every(closed);
}

/** Field types whose raw values (validated input) are equal exactly when `===` says so. */
const KEY_TYPES = new Set<IrType['k']>(['date', 'text', 'enum', 'bool', 'int']);

/**
 * The key fields of a uniqueness condition `L 均满足（D = 1）`, where D is a definition on L's element
 * entity counting the records of the same list L (a path from the root, no bound element) whose
 * fields f1…fn all equal self's (人数（L，f1 = self.f1 且 … 且 fn = self.fn）); otherwise undefined.
 * (test/emit/fast-raw.test.ts: repeated children and absent key fields, raw path ≡ converted path.)
 */
export function uniqueKeys(ir: IrProgram, e: Extract<IrExpr, { k: 'quant' }>): string[] | undefined {
  if (e.q !== 'forall' || e.body?.k !== 'cmp' || e.body.op !== '=' || e.list.type.k !== 'list' || !closed(e.list)) return undefined;
  const { a, b } = e.body;
  const [d, one] = a.k === 'def' ? [a, b] : [b, a];
  if (d.k !== 'def' || one.k !== 'const' || one.value !== 1 || d.of?.k !== 'var' || d.of.name !== e.var) return undefined;
  const def = ir.definitions.find((x) => x.name === d.name);
  const c = def?.expr;
  if (def?.entity !== e.list.type.elem || c?.k !== 'quant' || c.q !== 'count' || c.body === undefined || shape(c.list) !== shape(e.list)) return undefined;
  const eqs = c.body.k === 'and' ? c.body.xs : [c.body];
  const keys: string[] = [];
  for (const x of eqs) {
    if (x.k !== 'cmp' || x.op !== '=' || x.a.k !== 'get' || x.b.k !== 'get' || x.a.field !== x.b.field || !KEY_TYPES.has(x.a.type.k)) return undefined;
    const vars = [x.a.of, x.b.of].map((o) => (o.k === 'var' ? o.name : ''));
    if (!(vars.includes(c.var) && vars.includes('@self'))) return undefined;
    keys.push(x.a.field);
  }
  return keys.length > 0 && new Set(keys).size === keys.length ? keys : undefined;
}

const isRecordType = (t: IrType): boolean => t.k === 'entity' || t.k === 'list';

/** Every node of an expression, pre-order. */
export function walk(e: IrExpr, f: (x: IrExpr) => void): void {
  f(e);
  for (const c of children(e)) walk(c, f);
}

/**
 * The value of a condition known without evaluating anything: a boolean literal, or 且/或
 * decided by one (且 with 否 is 否 whatever else is unknown). Such a condition is emitted as
 * a constant (`Out.constant`).
 */
function foldBool(e: IrExpr): boolean | undefined {
  if (e.k === 'const') return typeof e.value === 'boolean' ? e.value : undefined;
  if (e.k === 'and' || e.k === 'or') {
    const decisive = e.k === 'or';
    return e.xs.some((x) => foldBool(x) === decisive) ? decisive : undefined;
  }
  return undefined;
}

function constCode(v: number | boolean | string): string {
  if (typeof v === 'string') return lit(v);
  if (typeof v === 'boolean') return String(v);
  if (!Number.isFinite(v)) throw new Error(`non-finite constant ${v}`);
  return v < 0 || Object.is(v, -0) ? `(${String(v)})` : String(v);
}

function iso(day: number): string {
  // proleptic Gregorian, like the runtime's _iso (for messages fixed at generation time)
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Shared state of one module's code generation: the program's indexes and the runtime parts used. */
export class ModuleGen {
  readonly features = new Set<RuntimeFeature>();
  /** Parameter name → the module constant holding its table. */
  readonly params = new Map<string, string>();
  /** Parameter tables referred to by the code. */
  readonly usedParams = new Set<string>();
  /** Entity definitions read through their direct accessor `_dq<index>` (see ts-fast.ts fastDefAccessors). */
  readonly defAccessors = new Set<number>();
  /** Definitions read by evaluateFast's raw path: `_rd<index>` (see ts-raw.ts). */
  readonly rawDefs = new Set<number>();
  /** Interval constants (施行日, 某日(a,b)) as module constants `_IV<k>` (one object, not one per evaluation): code → name. */
  readonly ivConsts = new Map<string, string>();
  private readonly entityIndex = new Map<string, number>();
  private readonly defIndex = new Map<string, number>();
  private readonly measureIndex = new Map<string, number>();
  private readonly defIvMemo = new Map<number, boolean>();
  private readonly defRiskyMemo = new Map<number, boolean>();
  private readonly defRawMemo = new Map<number, boolean>();
  private readonly defCostMemo = new Map<number, number>();

  constructor(readonly ir: IrProgram, paramConsts: ReadonlyMap<string, string>) {
    for (const [k, v] of paramConsts) this.params.set(k, v);
    ir.entities.forEach((e, i) => { if (!this.entityIndex.has(e.name)) this.entityIndex.set(e.name, i); });
    ir.definitions.forEach((d, i) => { if (!this.defIndex.has(d.name)) this.defIndex.set(d.name, i); });
    ir.measures.forEach((m, i) => { if (!this.measureIndex.has(m.name)) this.measureIndex.set(m.name, i); });
  }

  /** The module constant holding `new _Iv(lo, hi, why)` (an _Iv is immutable). */
  ivConst(lo: number, hi: number, why: string): string {
    const code = `new _Iv(${lo}, ${hi}, ${lit(why)})`;
    let name = this.ivConsts.get(code);
    if (name === undefined) {
      name = `_IV${this.ivConsts.size}`;
      this.ivConsts.set(code, name);
    }
    return name;
  }

  entity(name: string): number {
    return this.entityIndex.get(name) ?? -1;
  }

  field(entity: string, field: string): number {
    const e = this.ir.entities[this.entity(entity)];
    return e ? e.fields.findIndex((f) => f.name === field) : -1;
  }

  def(name: string): number {
    return this.defIndex.get(name) ?? -1;
  }

  measure(name: string): number {
    return this.measureIndex.get(name) ?? -1;
  }

  /** May the expression's value be an interval (a date known only within a range, or computed from one)? */
  mayIv(e: IrExpr): boolean {
    switch (e.k) {
      case 'someDay': return e.lo !== e.hi;
      case 'effective': return this.ir.policy.effective === undefined && this.ir.policy.effectiveRange !== undefined && this.ir.policy.effectiveRange.lo !== this.ir.policy.effectiveRange.hi;
      case 'def': return this.defIv(this.def(e.name));
      case 'age': return this.mayIv(e.birth);
      case 'daysBetween': return this.mayIv(e.from) || this.mayIv(e.to);
      case 'neg': return this.mayIv(e.x);
      case 'add': case 'sub': case 'mul': return !isRatio(e.type) && (this.mayIv(e.a) || this.mayIv(e.b));
      case 'addMonths': return this.mayIv(e.date) || this.mayIv(e.months);
      case 'workdays': return this.mayIv(e.start);
      case 'quant': return (e.q === 'sum' || e.q === 'max' || e.q === 'min') && !isRatio(e.type) && e.body !== undefined && this.mayIv(e.body);
      default: return false;
    }
  }

  private defIv(i: number): boolean {
    const d = this.ir.definitions[i];
    if (!d) return false;
    let v = this.defIvMemo.get(i);
    if (v === undefined) {
      this.defIvMemo.set(i, false); // (definitions are acyclic; guard anyway)
      v = this.mayIv(d.expr);
      this.defIvMemo.set(i, v);
    }
    return v;
  }

  /**
   * Can explaining the condition throw where evaluating it does not (a date computation the
   * condition may skip: 工作日期限 outside the calendar, date arithmetic out of range)?
   * evaluateFast then runs the explanation too, so that both entry points throw alike.
   */
  risky(e: IrExpr): boolean {
    let found = false;
    walk(e, (x) => {
      if (x.k === 'workdays' || x.k === 'addMonths' || ((x.k === 'add' || x.k === 'sub') && x.type.k === 'date')) found = true;
      else if (x.k === 'def' && this.defRisky(this.def(x.name))) found = true;
    });
    return found;
  }

  /**
   * Can evaluateFast's raw path (FnGen in raw mode) compute the expression? Reads of input fields
   * whose value is the input as given (是否, 文本, 枚举, 整数, 数量 other than 比例, 日期 as its string,
   * records, lists), Kleene logic, comparisons, 属于, quantifiers (合计/最大/最小 of numbers), + − ×
   * of numbers and ratios, 施行日 / 某日 compared with a date, the evaluation date, definitions of
   * the same kind. Not: money and ratio input fields (parsed), date arithmetic, 年龄, 天数, 工作日期限,
   * ÷, parameters, events, 第N个, other measures' outcomes — the measure keeps its converted path.
   */
  rawSupported(e: IrExpr): boolean {
    const ok = (x: IrExpr, rangeOk = false): boolean => {
      switch (x.k) {
        case 'const': case 'root': case 'var': case 'evalDate': return true;
        case 'field': case 'get': {
          const t = x.type;
          if (t.k === 'money' || (t.k === 'quantity' && t.dim === 'ratio')) return false;
          return x.k === 'field' || ok(x.of);
        }
        case 'def': {
          const di = this.def(x.name);
          if (di < 0) return true;
          if (this.mayIv(x) || (x.of !== undefined && !ok(x.of))) return false;
          let v = this.defRawMemo.get(di);
          if (v === undefined) {
            this.defRawMemo.set(di, false);
            v = ok(this.ir.definitions[di]!.expr);
            this.defRawMemo.set(di, v);
          }
          return v;
        }
        case 'effective': case 'someDay': return rangeOk || !this.mayIv(x);
        case 'not': return ok(x.x);
        case 'neg': return !this.mayIv(x.x) && ok(x.x);
        case 'and': case 'or': return x.xs.every((y) => ok(y));
        case 'cmp': {
          const ia = this.mayIv(x.a);
          const ib = this.mayIv(x.b);
          // (records are compared by identity: the converted path has one copy per occurrence)
          if ((ia && ib) || isRecordType(x.a.type) || isRecordType(x.b.type)) return false;
          const direct = (y: IrExpr): boolean => y.k === 'effective' || y.k === 'someDay';
          if ((ia && !direct(x.a)) || (ib && !direct(x.b))) return false;
          return ok(x.a, true) && ok(x.b, true);
        }
        case 'in': return !this.mayIv(x.x) && !isRecordType(x.x.type) && ok(x.x) && x.values.every((y) => !this.mayIv(y) && ok(y));
        case 'add': case 'sub': case 'mul': return x.type.k !== 'date' && !this.mayIv(x.a) && !this.mayIv(x.b) && ok(x.a) && ok(x.b);
        case 'quant': {
          if ((x.q === 'sum' || x.q === 'max' || x.q === 'min') && (x.type.k === 'date' || this.mayIv(x))) return false;
          return ok(x.list) && (x.body === undefined || ok(x.body));
        }
        default: return false;
      }
    };
    return ok(e);
  }

  /** A static estimate of the raw code's work for `e` (loops weigh by their bodies; definitions by their expressions). */
  rawCost(e: IrExpr): number {
    switch (e.k) {
      case 'quant': return 8 + this.rawCost(e.list) + 8 * (e.body ? this.rawCost(e.body) : 1);
      case 'def': {
        const di = this.def(e.name);
        let v = this.defCostMemo.get(di);
        if (v === undefined) {
          this.defCostMemo.set(di, 1);
          v = 2 + (di < 0 ? 0 : this.rawCost(this.ir.definitions[di]!.expr));
          this.defCostMemo.set(di, v);
        }
        return v + (e.of ? this.rawCost(e.of) : 0);
      }
      default: return children(e).reduce((n, x) => n + this.rawCost(x), 1);
    }
  }

  private defRisky(i: number): boolean {
    const d = this.ir.definitions[i];
    if (!d) return false;
    let v = this.defRiskyMemo.get(i);
    if (v === undefined) {
      this.defRiskyMemo.set(i, false);
      v = this.risky(d.expr);
      this.defRiskyMemo.set(i, v);
    }
    return v;
  }
}

/** Code generation for one function body. */
export class FnGen {
  private readonly lines: string[] = [];
  private depth = 1;
  private n = 0;
  /** Whether the body refers to the context parameter `c`. */
  usesCtx = false;
  /** Whether the body refers to `self` (a definition on an entity). */
  usesSelf = false;
  /** Raw mode: whether the body refers to the facts `F` / the evaluation date's string `D`. */
  usesF = false;
  usesD = false;
  /** Element variables in scope: IR name → local. */
  private readonly vars = new Map<string, string>();
  /** Element locals referred to, and the line declaring each (dropped when unused). */
  private readonly usedVars = new Set<string>();
  private readonly varLine = new Map<string, number>();
  private readonly breaks = new Set<string>();

  /**
   * rawMode: code for evaluateFast's raw path (ts-raw.ts) — the same Kleene logic over the caller's
   * validated input records (`F`: the facts object; records and arrays as given; dates as their
   * canonical "YYYY-MM-DD" strings, compared as strings; `D`: the evaluation date's string), no
   * context, no memo: only the expressions `rawSupported` accepts.
   */
  constructor(private readonly mod: ModuleGen, private readonly hasSelf = false, readonly rawMode = false) {}

  /** TypeScript type of a value of `t` in this mode (raw: a date is its ISO string, a record the input object). */
  ty(t: IrType, iv = false): string {
    if (this.rawMode) {
      if (t.k === 'date') return 'string';
      if (t.k === 'entity') return '_RR';
      if (t.k === 'list') return 'readonly _RR[]';
    }
    return tsType(t, iv);
  }

  /** The array of a list value's records. */
  private items(list: string): string {
    return this.rawMode ? list : `${list}.items`;
  }

  /** Raw mode: bind the input value `obj[field]` (absent: undefined → null; an integer's -0 read as 0, as the converted copy has it). */
  private rawRead(obj: string, objNullable: boolean, field: string, t: IrType): Out {
    const r = this.tmp();
    const v = this.tmp();
    const type = this.ty(t);
    this.emit(`const ${r} = ${objNullable ? `${obj} === null ? undefined : ` : ''}${obj}[${lit(field)}] as ${type} | undefined;`);
    const zero = t.k === 'int' || t.k === 'quantity';
    this.emit(`const ${v}: ${type} | null = ${r} === undefined ? null : ${zero ? `${r} + 0` : r};`);
    return { code: v, nullable: true, iv: false };
  }

  private emit(line: string): void {
    this.lines.push('  '.repeat(this.depth) + line);
  }

  private tmp(): string {
    return `t${++this.n}`;
  }

  private ctx(): string {
    // INVARIANT: raw code has no context (rawSupported refuses what would need one)
    if (this.rawMode) throw new Error('raw evaluateFast code needs no context');
    this.usesCtx = true;
    return 'c';
  }

  private feature(f: RuntimeFeature): void {
    this.mod.features.add(f);
  }

  /** `a === null || b === null` for the nullable operands, or '' when none is nullable. */
  private nullTest(...xs: Out[]): string {
    return xs.filter((x) => x.nullable).map((x) => `${x.code} === null`).join(' || ');
  }

  /** A constant widened to its type (TypeScript would otherwise compare literal types). */
  private wide(x: Out, t: string): string {
    return x.constant !== undefined ? `(${x.code} as ${t})` : x.code;
  }

  /** Bind `code` (of TypeScript type `type`, possibly null) to a new temporary. */
  private bind(code: string, type: string, nullable: boolean, iv = false): Out {
    const t = this.tmp();
    this.emit(`const ${t}${nullable ? `: ${type} | null` : ''} = ${code};`);
    return { code: t, nullable, iv };
  }

  expr(e: IrExpr): Out {
    switch (e.k) {
      case 'const':
        if (this.rawMode && e.type.k === 'date' && typeof e.value === 'number') return { code: lit(iso(e.value)), nullable: false, constant: iso(e.value), iv: false };
        return { code: constCode(e.value), nullable: false, constant: e.value, iv: false };
      case 'field': {
        if (this.rawMode) {
          this.usesF = true;
          const rec = this.bind(`(F[${lit(e.entity)}] as _RR | undefined) ?? null`, '_RR', true);
          return this.rawRead(rec.code, true, e.field, e.type);
        }
        this.feature('field');
        const t = this.tmp();
        this.emit(`const ${t} = _field(${this.ctx()}, ${this.mod.entity(e.entity)}, ${this.mod.field(e.entity, e.field)}, ${lit(`${e.entity}.${e.field}`)}) as ${this.ty(e.type)} | null;`);
        return { code: t, nullable: true, iv: false };
      }
      case 'root': {
        if (this.rawMode) {
          this.usesF = true;
          return this.bind(`(F[${lit(e.entity)}] as _RR | undefined) ?? null`, '_RR', true);
        }
        this.feature('root');
        const t = this.tmp();
        this.emit(`const ${t} = _root(${this.ctx()}, ${this.mod.entity(e.entity)}, ${lit(e.entity)});`);
        return { code: t, nullable: true, iv: false };
      }
      case 'var': {
        const local = e.name === '@self' && this.hasSelf ? 'self' : this.vars.get(e.name);
        if (local === 'self') this.usesSelf = true;
        else if (local !== undefined) this.usedVars.add(local);
        if (local === undefined) return this.bind('null', '_Rec', true);
        return { code: local, nullable: local === 'self', iv: false };
      }
      case 'get': {
        const of = this.expr(e.of);
        if (this.rawMode) return this.rawRead(of.code, of.nullable, e.field, e.type);
        this.feature('get');
        const fi = e.of.type.k === 'entity' ? this.mod.field(e.of.type.name, e.field) : -1;
        const call = `_get(${this.ctx()}, ${of.code}, ${fi}, ${lit(e.field)}) as ${this.ty(e.type)} | null`;
        const t = this.tmp();
        this.emit(`const ${t} = ${of.nullable ? `${of.code} === null ? null : ` : ''}${call};`);
        return { code: t, nullable: true, iv: false };
      }
      case 'def': {
        const di = this.mod.def(e.name);
        const iv = this.mod.mayIv(e);
        const type = this.ty(e.type, iv);
        if (di < 0) return this.bind('null', type, true);
        if (this.rawMode) {
          this.mod.rawDefs.add(di);
          this.usesF = true;
          this.usesD = true;
          if (e.of) {
            const self = this.expr(e.of);
            return this.bind(`${self.nullable ? `${self.code} === null ? null : ` : ''}_rd${di}(F, D, ${self.code})`, type, true);
          }
          return this.bind(`_rd${di}(F, D, null)`, type, true);
        }
        this.feature('def');
        if (e.of) {
          const self = this.expr(e.of);
          // an entity's definition: its own accessor (a direct call, cached in the record on evaluateFast's path)
          const call = this.mod.ir.definitions[di]?.entity !== undefined ? (this.mod.defAccessors.add(di), `_dq${di}(${this.ctx()}, ${self.code})`) : `_def(${this.ctx()}, ${di}, ${self.code})`;
          return this.bind(`${self.nullable ? `${self.code} === null ? null : ` : ''}${call} as ${type} | null`, type, true, iv);
        }
        return this.bind(`_def(${this.ctx()}, ${di}, null) as ${type} | null`, type, true, iv);
      }
      case 'quant': return this.quant(e);
      case 'nth': return this.nth(e);
      case 'effective': {
        const p = this.mod.ir.policy;
        if (this.rawMode) {
          const r = p.effective !== undefined ? { lo: p.effective, hi: p.effective } : p.effectiveRange;
          if (r === undefined) return this.bind('null', 'string', true);
          if (r.lo === r.hi) return { code: lit(iso(r.lo)), nullable: false, constant: iso(r.lo), iv: false };
          return { code: '', nullable: false, iv: true, range: [iso(r.lo), iso(r.hi)] };
        }
        if (p.effective !== undefined) return { code: constCode(p.effective), nullable: false, constant: p.effective, iv: false };
        if (p.effectiveRange) {
          const r = p.effectiveRange;
          if (r.lo === r.hi) return { code: constCode(r.lo), nullable: false, constant: r.lo, iv: false };
          return this.bind(this.mod.ivConst(r.lo, r.hi, `施行日（${r.loIso} 至 ${r.hiIso} 之间，确切日期未知）`), '_Iv', false, true);
        }
        this.emit(`${this.ctx()}.miss?.add('施行日（原文未载明）');`);
        return this.bind('null', 'number', true);
      }
      case 'someDay': {
        if (this.rawMode) {
          if (e.lo === e.hi) return { code: lit(iso(e.lo)), nullable: false, constant: iso(e.lo), iv: false };
          return { code: '', nullable: false, iv: true, range: [iso(e.lo), iso(e.hi)] };
        }
        if (e.lo === e.hi) return { code: constCode(e.lo), nullable: false, constant: e.lo, iv: false };
        return this.bind(this.mod.ivConst(e.lo, e.hi, `${e.origin.text}（${iso(e.lo)} 至 ${iso(e.hi)} 之间）`), '_Iv', false, true);
      }
      case 'param': {
        this.feature('param');
        const table = this.mod.params.get(e.name);
        // not declared in the IR's parameter list: never has a value
        if (table === undefined) return this.bind('null', this.ty(e.type), true);
        this.mod.usedParams.add(table);
        return this.bind(`_param(${this.ctx()}, ${table}) as ${this.ty(e.type)} | null`, this.ty(e.type), true);
      }
      case 'evalDate':
        if (this.rawMode) this.usesD = true;
        return { code: this.rawMode ? 'D' : `${this.ctx()}.s.day`, nullable: false, iv: false };
      case 'event': {
        const c = this.ctx();
        if (e.field === '日期') return this.bind(`${c}.ev === undefined ? null : ${c}.evDay`, 'number', true);
        this.feature('event');
        return this.bind(`_eventText(${c}, ${lit(e.field)})`, 'string', true);
      }
      case 'age': {
        const b = this.expr(e.birth);
        const years = e.unit === 'years';
        this.feature(years ? 'ageYears' : 'ageMonths');
        const test = b.nullable ? `${b.code} === null ? null : ` : '';
        if (b.iv) {
          this.feature('ivAge');
          return this.bind(`${test}_ivAge(${this.ctx()}, ${b.code}, ${years})`, 'number | _Iv', true, true);
        }
        return this.bind(`${test}${years ? '_years' : '_months'}(${b.code}, ${this.ctx()}.s.day)`, 'number', true);
      }
      case 'daysBetween': {
        const a = this.expr(e.from);
        const b = this.expr(e.to);
        if (a.iv || b.iv) {
          this.feature('ivDays');
          return this.binary(a, b, `_ivDays(${a.code}, ${b.code})`, 'number | _Iv', true);
        }
        return this.binary(a, b, `${b.code} - ${a.code}`, 'number');
      }
      case 'not': {
        const x = this.expr(e.x);
        return this.unary(x, `!${x.code}`, 'boolean');
      }
      case 'neg': {
        const x = this.expr(e.x);
        if (isRatio(e.type)) {
          this.feature('ratioNeg');
          return this.unary(x, `_qNeg(${x.code})`, 'string');
        }
        if (x.iv) {
          this.feature('ivNeg');
          return this.unary(x, `_ivNeg(${x.code})`, 'number | _Iv', true);
        }
        return this.unary(x, `-${x.code} || 0`, 'number');
      }
      case 'and':
      case 'or': return this.logic(e.k, e.xs);
      case 'cmp': return this.cmp(e);
      case 'in': return this.member(e.x, e.values, e.negated);
      case 'add':
      case 'sub': {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        if (isRatio(e.type)) {
          this.feature('ratio');
          return this.binary(a, b, `_qAdd(${a.code}, ${b.code}, ${e.k === 'add' ? '1n' : '-1n'})`, 'string');
        }
        if (a.iv || b.iv) {
          this.feature(e.k === 'add' ? 'ivAdd' : 'ivSub');
          return this.binary(a, b, `${e.k === 'add' ? '_ivAdd' : '_ivSub'}(${a.code}, ${b.code})`, 'number | _Iv', true);
        }
        return this.binary(a, b, `${this.wide(a, 'number')} ${e.k === 'add' ? '+' : '-'} ${this.wide(b, 'number')} || 0`, 'number');
      }
      case 'mul': return this.mul(e);
      case 'div': return this.div(e);
      case 'addMonths': {
        const d = this.expr(e.date);
        const n = this.expr(e.months);
        if (d.iv || n.iv) {
          this.feature('ivAddMonths');
          return this.binary(d, n, `_ivAddMonths(${d.code}, ${n.code}, ${e.sign})`, 'number | _Iv', true);
        }
        this.feature('addMonths');
        return this.binary(d, n, `_addMonths(${d.code}, ${e.sign === 1 ? n.code : `-${n.code}`})`, 'number');
      }
      case 'workdays': {
        this.feature('workdays');
        const s = this.expr(e.start);
        const n = this.expr(e.n);
        return this.bind(`_workdays(${this.ctx()}, ${s.code}, ${n.code})${s.iv ? '' : ' as number | null'}`, s.iv ? 'number | _Iv' : 'number', true, s.iv);
      }
      case 'outcome': {
        const mi = this.mod.measure(e.measure);
        const type = this.ty(e.type);
        if (mi < 0) return this.bind('null', type, true);
        this.feature('outcome');
        const oi = this.mod.ir.measures[mi]!.outcomes.findIndex((o) => o.name === e.outcome);
        return this.bind(`_outcome(${this.ctx()}, ${mi}, ${oi}, ${lit(e.measure)}, ${lit(e.outcome)}) as ${type} | null`, type, true);
      }
      case 'applies': {
        const mi = this.mod.measure(e.measure);
        if (mi < 0) return this.bind('null', 'boolean', true);
        this.feature('applies');
        return this.bind(`_applies(${this.ctx()}, ${mi}, ${lit(e.measure)})`, 'boolean', true);
      }
      // property-only (性质): unknown in rules, like the interpreter's rule context
      case 'void': return this.bind('null', 'boolean', true);
      default: throw new Error(`unknown IR expression ${(e as { k: string }).k}`);
    }
  }

  private unary(x: Out, code: string, type: string, iv = false): Out {
    // of a constant: widened, so that TypeScript does not narrow the temporary to a literal type
    if (x.constant !== undefined) return this.bind(`(${code}) as ${type}`, type, false, iv);
    return this.bind(`${x.nullable ? `${x.code} === null ? null : ` : ''}${code}`, type, x.nullable, iv);
  }

  /** `code` over a and b, null if either is; `mayBeNull`: `code` itself may be null. */
  private binary(a: Out, b: Out, code: string, type: string, iv = false, mayBeNull = false): Out {
    if (a.constant !== undefined && b.constant !== undefined && !mayBeNull) return this.bind(`(${code}) as ${type}`, type, false, iv);
    const test = this.nullTest(a, b);
    return this.bind(`${test ? `${test} ? null : ` : ''}${code}`, type, test !== '' || mayBeNull, iv);
  }

  private cmp(e: Extract<IrExpr, { k: 'cmp' }>): Out {
    const a = this.expr(e.a);
    const b = this.expr(e.b);
    if (this.rawMode && (a.iv || b.iv)) {
      // a date string against a range of dates ["lo", "hi"] (rawSupported: one side is 施行日 / 某日), as _ivCmpRange
      const ends = (x: Out): [string, string] => (x.range ? [lit(x.range[0]), lit(x.range[1])] : [x.code, x.code]);
      const [AL, AH] = ends(a);
      const [BL, BH] = ends(b);
      const r = {
        '>=': `${AL} >= ${BH} ? true : ${AH} < ${BL} ? false : null`,
        '>': `${AL} > ${BH} ? true : ${AH} <= ${BL} ? false : null`,
        '<=': `${AH} <= ${BL} ? true : ${AL} > ${BH} ? false : null`,
        '<': `${AH} < ${BL} ? true : ${AL} >= ${BH} ? false : null`,
        '=': `${AH} < ${BL} || ${BH} < ${AL} ? false : null`,
        '!=': `${AH} < ${BL} || ${BH} < ${AL} ? true : null`,
      }[e.op];
      const test = this.nullTest(a, b);
      return this.bind(`${test ? `${test} ? null : ` : ''}${r}`, 'boolean', true);
    }
    if (a.iv || b.iv) {
      this.feature('ivCmp');
      const test = this.nullTest(a, b);
      return this.bind(`${test ? `${test} ? null : ` : ''}_ivCmp(${this.ctx()}, ${lit(e.op)}, ${a.code}, ${b.code})`, 'boolean', true);
    }
    const op = { '>=': '>=', '<=': '<=', '>': '>', '<': '<', '=': '===', '!=': '!==' }[e.op];
    const relational = op !== '===' && op !== '!==';
    if (relational && isRatio(e.a.type) && isRatio(e.b.type)) {
      this.feature('ratioCmp');
      return this.binary(a, b, `_qCmp(${a.code}, ${b.code}) ${op} 0`, 'boolean');
    }
    const wrap = (x: Out, t: IrType): string => {
      if (relational && t.k === 'bool') return `Number(${x.code})`;
      // two literals: widen so that TypeScript does not reject the comparison
      return a.constant !== undefined && b.constant !== undefined ? this.wide(x, this.ty(t)) : x.code;
    };
    return this.binary(a, b, `${wrap(a, e.a.type)} ${op} ${wrap(b, e.b.type)}`, 'boolean');
  }

  private mul(e: Extract<IrExpr, { k: 'mul' }>): Out {
    const a = this.expr(e.a);
    const b = this.expr(e.b);
    const plain = (x: string, y: string): string => {
      if (isRatio(e.type)) {
        this.feature('ratioMul');
        return `_qMul(${x}, ${y})`;
      }
      if (isRatio(e.a.type) || isRatio(e.b.type)) {
        this.feature('mulRound');
        return `_mulRound(${x}, ${y})`;
      }
      return `${x} * ${y} || 0`;
    };
    if (a.iv || b.iv) {
      this.feature('ivMul');
      const ta = this.ty(e.a.type);
      const tb = this.ty(e.b.type);
      const isIv = [a.iv ? `${a.code} instanceof _Iv` : '', b.iv ? `${b.code} instanceof _Iv` : ''].filter((x) => x).join(' || ');
      const code = `${isIv} ? _ivMul(${this.ctx()}, ${a.code}, ${b.code}) : ${plain(a.iv ? `(${a.code} as ${ta})` : a.code, b.iv ? `(${b.code} as ${tb})` : b.code)}`;
      // (an interval times an interval or a ratio is unknown)
      return this.binary(a, b, code, isRatio(e.type) ? 'string | number | _Iv' : 'number | _Iv', true, true);
    }
    return this.binary(a, b, plain(this.wide(a, this.ty(e.a.type)), this.wide(b, this.ty(e.b.type))), isRatio(e.type) ? 'string' : 'number');
  }

  private div(e: Extract<IrExpr, { k: 'div' }>): Out {
    const a = this.expr(e.a);
    const b = this.expr(e.b);
    const type = isRatio(e.type) ? 'string' : 'number';
    const zero = lit(`除数“${e.b.origin?.text ?? ''}”为零，无法相除`);
    // ÷ 0 is unknown and says so (the checker refuses a literal 0; a zero value at run time is unknown too)
    if (b.constant === 0 || b.constant === '0/1') {
      if (a.nullable) this.emit(`if (${a.code} !== null) ${this.ctx()}.miss?.add(${zero});`);
      else this.emit(`${this.ctx()}.miss?.add(${zero});`);
      return this.bind('null', type, true);
    }
    this.feature('div');
    const test = this.nullTest(a, b);
    const call = (x: string, y: string): string => `_div(${this.ctx()}, ${x}, ${y}, ${isRatio(e.type)}, ${lit(e.b.origin?.text ?? '')}) as ${type} | null`;
    if (a.iv || b.iv) {
      // an interval cannot be divided exactly: unknown, naming the uncertain date
      this.feature('why');
      const isIv = [a.iv ? `${a.code} instanceof _Iv` : '', b.iv ? `${b.code} instanceof _Iv` : ''].filter((x) => x).join(' || ');
      const t = this.tmp();
      this.emit(`let ${t}: ${type} | null = null;`);
      this.emit(`${test ? `if (!(${test})) ` : ''}{`);
      this.emit(`  if (${isIv}) ${this.ctx()}.miss?.add(_why(${a.code}, ${b.code}));`);
      this.emit(`  else ${t} = ${call(a.iv ? `(${a.code} as ${this.ty(e.a.type)})` : a.code, b.iv ? `(${b.code} as ${this.ty(e.b.type)})` : b.code)};`);
      this.emit('}');
      return { code: t, nullable: true, iv: false };
    }
    return this.bind(`${test ? `${test} ? null : ` : ''}${call(a.code, b.code)}`, type, true);
  }

  /** 且 / 或: false (true) decides at once; otherwise unknown if any operand is unknown. */
  private logic(k: 'and' | 'or', operands: readonly IrExpr[]): Out {
    // raw mode: the cheap operands first — Kleene 且/或 do not depend on the order, and raw code
    // records no missing facts and throws nothing, so only the work done changes
    const xs = this.rawMode ? operands.map((x, i) => ({ x, i, c: this.mod.rawCost(x) })).sort((a, b) => a.c - b.c || a.i - b.i).map((o) => o.x) : operands;
    const t = this.tmp();
    const decisive = k === 'and' ? 'false' : 'true';
    const neutral = k === 'and' ? 'true' : 'false';
    const label = `L${t}`;
    const u = `${t}u`;
    // operands after a decisive constant are never evaluated, and then unknowns do not matter
    // (a constant: a literal, or a 且/或 that a literal decides)
    const stop = xs.findIndex((x) => String(foldBool(x)) === decisive);
    if (stop >= 0) {
      // the result is the decisive constant; the operands before it are still evaluated in
      // order (for the facts they report missing), up to the first that decides
      if (stop > 0) {
        const open = this.openBlock(label);
        for (const x of xs.slice(0, stop)) {
          const v = this.expr(x);
          if (v.constant !== undefined) continue;
          this.emit(`if (${v.code} === ${decisive}) break ${label};`);
          this.breaks.add(label);
        }
        this.closeBlock(open, label);
      }
      return { code: decisive, nullable: false, constant: decisive === 'true', iv: false };
    }
    this.emit(`let ${t}: boolean | null = ${neutral};`);
    const open = this.openBlock(label);
    if (stop < 0) this.emit(`let ${u} = false;`);
    for (const x of stop < 0 ? xs : xs.slice(0, stop)) {
      const v = this.expr(x);
      if (v.constant !== undefined) continue; // the neutral constant
      this.emit(`if (${v.code} === ${decisive}) {`);
      this.emit(`  ${t} = ${decisive};`);
      this.emit(`  break ${label};`);
      this.emit('}');
      this.breaks.add(label);
      if (v.nullable && stop < 0) this.emit(`if (${v.code} === null) ${u} = true;`);
    }
    this.emit(stop < 0 ? `if (${u}) ${t} = null;` : `${t} = ${decisive};`);
    this.closeBlock(open, label);
    return { code: t, nullable: true, iv: false };
  }

  /** 属于 / 不属于: unknown subject → unknown; a match decides; else unknown if a member is. */
  private member(subject: IrExpr, values: readonly IrExpr[], negated: boolean): Out {
    const t = this.tmp();
    const label = `L${t}`;
    const u = `${t}u`;
    this.emit(`let ${t}: boolean | null = null;`);
    const open = this.openBlock(label);
    const x = this.expr(subject);
    if (x.nullable) {
      this.emit(`if (${x.code} === null) break ${label};`);
      this.breaks.add(label);
    }
    this.emit(`let ${u} = false;`);
    const xc = this.wide(x, this.ty(subject.type, x.iv));
    for (const m of values) {
      const v = this.expr(m);
      if (v.nullable) this.emit(`if (${v.code} === null) ${u} = true;`);
      if (x.iv || v.iv) {
        this.feature('ivCmp');
        const eq = this.tmp();
        this.emit(`${v.nullable ? 'else ' : ''}{`);
        this.emit(`  const ${eq} = _ivCmp(${this.ctx()}, '=', ${x.code}, ${v.code});`);
        this.emit(`  if (${eq} === true) {`);
        this.emit(`    ${t} = ${!negated};`);
        this.emit(`    break ${label};`);
        this.emit('  }');
        this.emit(`  if (${eq} === null) ${u} = true;`);
        this.emit('}');
      } else {
        this.emit(`${v.nullable ? 'else ' : ''}if (${v.code} === ${xc}) {`);
        this.emit(`  ${t} = ${!negated};`);
        this.emit(`  break ${label};`);
        this.emit('}');
      }
      this.breaks.add(label);
    }
    this.emit(`${t} = ${u} ? null : ${negated};`);
    this.closeBlock(open, label);
    return { code: t, nullable: true, iv: false };
  }

  /** Open a loop over the records of `list` binding `irVar`; returns the locals of the index and the element. */
  private loop(list: string, irVar: string): { i: string; el: string } {
    const k = ++this.n;
    const i = `i${k}`;
    const el = `e${k}`;
    this.emit(`for (let ${i} = 0; ${i} < ${this.items(list)}.length; ${i}++) {`);
    this.depth++;
    this.emit(`const ${el} = ${this.items(list)}[${i}] as ${this.rawMode ? '_RR' : '_Rec'};`);
    this.varLine.set(el, this.lines.length - 1);
    this.vars.set(irVar, el);
    return { i, el };
  }

  private endLoop(irVar: string): void {
    const el = this.vars.get(irVar)!;
    // a body that never mentions the element (数量（列表，条件不涉及元素）): no unused local
    if (!this.usedVars.has(el)) this.lines[this.varLine.get(el)!] = '\u0000';
    this.vars.delete(irVar);
    this.depth--;
    this.emit('}');
  }

  /**
   * Raw mode, a uniqueness condition (uniqueKeys): when every record has every key field, the answer is
   * whether no two records have equal keys — each pair compared once, instead of a count per record over
   * the whole list. A record without some key field leaves the answer to the general loop that follows
   * (the counts are then Kleene-unknown or not, record by record).
   */
  private uniqueFirst(list: string, keys: readonly string[], t: string, label: string): void {
    const k = ++this.n;
    const [i, j, a, b, all, dup] = [`i${k}`, `j${k}`, `a${k}`, `b${k}`, `${t}k`, `${t}d`];
    this.emit(`// 均满足（${keys.map(commentText).join('、')}相同的记录数 = 1）：每个记录都有这些字段时，逐对比较一次`);
    this.emit(`let ${all} = true;`);
    this.emit(`let ${dup} = false;`);
    this.emit(`for (let ${i} = 0; ${i} < ${list}.length; ${i}++) {`);
    this.emit(`  const ${a} = ${list}[${i}] as _RR;`);
    keys.forEach((f, x) => this.emit(`  const ${a}k${x} = ${a}[${lit(f)}];`));
    this.emit(`  if (${keys.map((_, x) => `${a}k${x} === undefined`).join(' || ')}) {`);
    this.emit(`    ${all} = false;`);
    this.emit('    break;');
    this.emit('  }');
    this.emit(`  if (!${dup}) {`);
    this.emit(`    for (let ${j} = 0; ${j} < ${i}; ${j}++) {`);
    this.emit(`      const ${b} = ${list}[${j}] as _RR;`);
    this.emit(`      if (${keys.map((f, x) => `${b}[${lit(f)}] === ${a}k${x}`).join(' && ')}) {`);
    this.emit(`        ${dup} = true;`);
    this.emit('        break;');
    this.emit('      }');
    this.emit('    }');
    this.emit('  }');
    this.emit('}');
    this.emit(`if (${all}) {`);
    this.emit(`  ${t} = !${dup};`);
    this.emit(`  break ${label};`);
    this.emit('}');
    this.breaks.add(label);
  }

  /** 至少一个/均/均不满足，数量/合计/最大/最小: a loop over the list's records (Kleene, like the interpreter). */
  private quant(e: Extract<IrExpr, { k: 'quant' }>): Out {
    const t = this.tmp();
    const label = `L${t}`;
    const ratio = isRatio(e.type);
    const iv = this.mod.mayIv(e);
    const type = e.q === 'exists' || e.q === 'forall' || e.q === 'none' ? 'boolean' : e.q === 'count' ? 'number' : this.ty(e.type, iv);
    this.emit(`let ${t}: ${type} | null = null;`);
    const open = this.openBlock(label);
    const list = this.expr(e.list);
    if (list.nullable) {
      this.emit(`if (${list.code} === null) break ${label};`);
      this.breaks.add(label);
    }
    const keys = this.rawMode ? uniqueKeys(this.mod.ir, e) : undefined;
    if (keys !== undefined) this.uniqueFirst(list.code, keys, t, label);
    const each = (f: (b: Out) => void): void => {
      this.loop(list.code, e.var);
      f(e.body ? this.expr(e.body) : { code: 'true', nullable: false, constant: true, iv: false });
      this.endLoop(e.var);
    };
    const brk = (): string => {
      this.breaks.add(label);
      return `break ${label};`;
    };
    switch (e.q) {
      case 'exists':
      case 'none':
      case 'forall': {
        const decisive = e.q === 'forall' ? 'false' : 'true';
        const u = `${t}u`;
        this.emit(`let ${u} = false;`);
        each((b) => {
          const bc = this.wide(b, 'boolean | null');
          this.emit(`if (${bc} === ${decisive}) {`);
          this.emit(`  ${t} = ${e.q === 'exists' ? 'true' : 'false'};`);
          this.emit(`  ${brk()}`);
          this.emit('}');
          if (b.nullable) this.emit(`if (${b.code} === null) ${u} = true;`);
        });
        this.emit(`${t} = ${u} ? null : ${e.q === 'exists' ? 'false' : 'true'};`);
        break;
      }
      case 'count': {
        if (!e.body) {
          this.emit(`${t} = ${this.items(list.code)}.length;`);
          break;
        }
        const k = `${t}n`;
        const u = `${t}u`;
        this.emit(`let ${k} = 0;`);
        this.emit(`let ${u} = false;`);
        each((b) => {
          const bc = this.wide(b, 'boolean | null');
          this.emit(`if (${bc} === true) ${k}++;`);
          if (b.nullable) this.emit(`else if (${b.code} === null) ${u} = true;`);
        });
        this.emit(`${t} = ${u} ? null : ${k};`);
        break;
      }
      case 'sum':
      case 'max':
      case 'min': {
        // every element is evaluated (every missing value is named), then unknown if any is
        const u = `${t}u`;
        if (e.q !== 'sum') {
          this.emit(`if (${this.items(list.code)}.length === 0) {`);
          if (!this.rawMode) this.emit(`  ${this.ctx()}.miss?.add(${list.code}.path + ${lit(`（列表为空，没有${e.q === 'max' ? '最大' : '最小'}值）`)});`);
          this.emit(`  ${brk()}`);
          this.emit('}');
        }
        this.emit(`let ${u} = false;`);
        // each(b) accumulates a known value `b`
        const over = (init: string[], acc: (b: string) => string[], result: string): void => {
          for (const l of init) this.emit(l);
          each((b) => {
            if (b.nullable) {
              this.emit(`if (${b.code} === null) ${u} = true;`);
              this.emit('else {');
              for (const l of acc(b.code)) this.emit(`  ${l}`);
              this.emit('}');
            } else for (const l of acc(b.code)) this.emit(l);
          });
          this.emit(`if (!${u}) ${t} = ${result};`);
        };
        const pick = e.q === 'max' ? 'Math.max' : 'Math.min';
        const [x, l, h, w] = [`${t}x`, `${t}l`, `${t}h`, `${t}w`];
        if (ratio && e.q === 'sum') {
          this.feature('ratio');
          over([`let ${x} = '0/1';`], (b) => [`${x} = _qAdd(${x}, ${b}, 1n);`], x);
        } else if (ratio) {
          this.feature('ratioCmp');
          over([`let ${x}: string | undefined;`], (b) => [`if (${x} === undefined || _qCmp(${b}, ${x}) ${e.q === 'max' ? '>' : '<'} 0) ${x} = ${b};`], `${x} as string`);
        } else if (!iv && e.q === 'sum') {
          over([`let ${x} = 0;`], (b) => [`${x} += ${b};`], x);
        } else if (!iv) {
          over([`let ${x}: number | undefined;`], (b) => [`${x} = ${x} === undefined ? ${b} : ${pick}(${x}, ${b});`], `${x} as number`);
        } else if (e.q === 'sum') {
          // the uncertainty named: every uncertain date the sum depends on
          this.feature('iv');
          this.feature('why');
          this.feature('lohi');
          over([`let ${l} = 0;`, `let ${h} = 0;`, `const ${w}: (number | _Iv)[] = [];`], (b) => [`${l} += _lo(${b});`, `${h} += _hi(${b});`, `${w}.push(${b});`], `_iv(${l}, ${h}, _why(...${w}))`);
        } else {
          this.feature('iv');
          this.feature('why');
          this.feature('lohi');
          over(
            [`let ${l}: number | undefined;`, `let ${h}: number | undefined;`, `const ${w}: (number | _Iv)[] = [];`],
            (b) => [`${l} = ${l} === undefined ? _lo(${b}) : ${pick}(${l}, _lo(${b}));`, `${h} = ${h} === undefined ? _hi(${b}) : ${pick}(${h}, _hi(${b}));`, `${w}.push(${b});`],
            `_iv(${l} as number, ${h} as number, _why(...${w}))`,
          );
        }
        break;
      }
    }
    this.closeBlock(open, label);
    return { code: t, nullable: true, iv };
  }

  /** 按（键）第N个: keys of every element (unknown or uncertain key → unknown), then the n-th by key. */
  private nth(e: Extract<IrExpr, { k: 'nth' }>): Out {
    this.feature('nth');
    const t = this.tmp();
    const label = `L${t}`;
    this.breaks.add(label);
    this.emit(`let ${t}: _Rec | null = null;`);
    const open = this.openBlock(label);
    const list = this.expr(e.list);
    if (list.nullable) this.emit(`if (${list.code} === null) break ${label};`);
    const keys = `${t}k`;
    this.emit(`const ${keys}: (number | string)[] = [];`);
    // every element's key is evaluated (every missing one is named), then unknown if any is
    const u = `${t}u`;
    this.emit(`let ${u} = false;`);
    this.loop(list.code, e.var);
    const k = this.expr(e.key);
    const tests: string[] = [];
    if (k.nullable) tests.push(`if (${k.code} === null) ${u} = true;`);
    if (k.iv) tests.push(`${tests.length ? 'else ' : ''}if (${k.code} instanceof _Iv) {`, `  ${this.ctx()}.miss?.add(${k.code}.why);`, `  ${u} = true;`, '}');
    for (const l of tests) this.emit(l);
    this.emit(`${tests.length ? 'else ' : ''}${keys}.push(${k.code});`);
    this.endLoop(e.var);
    this.emit(`if (${u}) break ${label};`);
    this.emit(`if (${e.n} > ${list.code}.items.length) {`);
    this.emit(`  ${this.ctx()}.miss?.add(${list.code}.path + '（只有 ' + String(${list.code}.items.length) + ${lit(` 个，没有第 ${e.n} 个）`)});`);
    this.emit(`  break ${label};`);
    this.emit('}');
    this.emit(`${t} = ${list.code}.items[_nth(${keys}, ${e.n}, ${isRatio(e.key.type)})] as _Rec;`);
    this.closeBlock(open, label);
    return { code: t, nullable: true, iv: false };
  }

  /** Open a labelled block; returns the index of its first line. */
  private openBlock(label: string): number {
    this.emit(`${label}: {`);
    this.depth++;
    return this.lines.length - 1;
  }

  /** Close a labelled block, dropping the label if nothing breaks out of it. */
  private closeBlock(open: number, label: string): void {
    this.depth--;
    this.emit('}');
    if (!this.breaks.has(label)) this.lines[open] = this.lines[open]!.replace(`${label}: {`, '{');
  }

  /** Run `f` inside a plain block `{ // comment`. */
  block(comment: string, f: () => void): void {
    this.emit(`{ // ${comment}`);
    this.depth++;
    f();
    this.depth--;
    this.emit('}');
  }

  /** Lines of the body computed so far. */
  body(): string[] {
    return this.lines.filter((l) => l !== '\u0000');
  }

  /** Append a raw statement line at the current depth. */
  raw(line: string): void {
    this.emit(line);
  }

  /** Loop over a list value's records in the trace of a quantifier (see traceFn). */
  traceLoop(list: string, irVar: string, f: (index: string) => void): void {
    const { i } = this.loop(list, irVar);
    f(i);
    this.endLoop(irVar);
  }
}

function fnText(params: string, gen: FnGen, returnType: string, tail: string[]): string {
  let p = gen.usesCtx ? params : params.replace(/^c\b/, '_c');
  if (!gen.usesSelf) p = p.replace(/\bself:/, '_self:');
  return `(${p}): ${returnType} => {\n${[...gen.body(), ...tail.map((l) => `  ${l}`)].join('\n')}\n}`;
}

/** `(c) => boolean | null` for a condition. */
export function conditionFn(mod: ModuleGen, e: IrExpr): string {
  const g = new FnGen(mod);
  const r = g.expr(e);
  return fnText('c: _Ctx', g, 'boolean | null', [`return ${r.code};`]);
}

/** `(c) => _V` for an outcome value. */
export function valueFn(mod: ModuleGen, e: IrExpr): string {
  const g = new FnGen(mod);
  const r = g.expr(e);
  return fnText('c: _Ctx', g, '_V', [`return ${r.code};`]);
}

/** `(c, self) => _V` for a definition (self: the instance, null for a global definition). */
export function definitionFn(mod: ModuleGen, e: IrExpr): string {
  const g = new FnGen(mod, true);
  const r = g.expr(e);
  return fnText('c: _Ctx, self: _Rec | null', g, '_V', [`return ${r.code};`]);
}

function show(t: IrType, code: string): string {
  const d = displayKind(t);
  return `_show(${lit(d.kind)}, ${lit(d.unit)}, ${code})`;
}

/**
 * `(c, no, unk) => void`: the conjuncts of a rule's condition (且 split recursively; a range written
 * once, 或, 非, a quantifier … is one condition) that are false (`no`) or unknown (`unk`), by their
 * source text — the interpreter's unmetConditions (RuleTrace.未满足 / 未知).
 */
export function unmetFn(mod: ModuleGen, cond: IrExpr): string {
  const g = new FnGen(mod);
  let count = 0;
  let usesCtx = false;
  let usesNo = false;
  const visit = (e: IrExpr): void => {
    const range = e.k === 'and' && e.xs.length === 2 && e.xs.every((x) => x.k === 'cmp' && x.origin.start === e.origin.start && x.origin.end === e.origin.end);
    if (e.k === 'and' && !range) {
      e.xs.forEach(visit);
      return;
    }
    if (e.k === 'const') {
      if (e.value === false) {
        g.raw(`no.push(${lit(e.origin?.text ?? '否')});`);
        usesNo = true;
        count++;
      }
      return;
    }
    const text = lit(e.origin?.text ?? '');
    g.block(commentText(e.origin?.text ?? ''), () => {
      const v = g.expr(e);
      const vc = v.constant !== undefined ? `(${v.code} as boolean | null)` : v.code;
      g.raw(`if (${vc} === false) no.push(${text});`);
      g.raw(`else if (${vc} === null) unk.push(${text});`);
    });
    usesCtx = true;
    count++;
  };
  visit(cond);
  if (count === 0) return '(_c: _Ctx, _no: string[], _unk: string[]): void => {}';
  // INVARIANT: unused parameters are named _x (consumers compile with noUnusedParameters)
  return fnText(`${usesCtx ? 'c' : '_c'}: _Ctx, ${usesCtx || usesNo ? 'no' : '_no'}: string[], ${usesCtx ? 'unk' : '_unk'}: string[]`, g, 'void', []);
}

/**
 * `(c, out) => void` pushing one ConditionTrace per atomic condition, like the
 * interpreter's traceConditions: a range (two comparisons sharing the origin of their
 * 且) is one condition showing its subject; 非 shows the negated condition; boolean
 * constants are skipped; a quantifier shows which elements satisfy it; operands that are
 * not constants are shown with their values.
 */
export function traceFn(mod: ModuleGen, cond: IrExpr): string {
  const g = new FnGen(mod);
  let count = 0;
  const walkCond = (e: IrExpr): void => {
    if (e.k === 'and' || e.k === 'or') {
      if (e.xs.length === 2 && e.xs.every((x) => x.k === 'cmp' && x.origin.start === e.origin.start && x.origin.end === e.origin.end)) {
        const c0 = e.xs[0] as Extract<IrExpr, { k: 'cmp' }>;
        g.block(commentText(e.origin.text), () => {
          const v = g.expr(e);
          const a = g.expr(c0.a);
          g.raw(`out.push({ 条件: ${lit(e.origin.text)}, 成立: ${v.code}, 取值: { [${lit(c0.a.origin?.text ?? '值')}]: ${show(c0.a.type, a.code)} } });`);
        });
        count++;
        return;
      }
      for (const x of e.xs) walkCond(x);
      return;
    }
    if (e.k === 'not') {
      walkCond(e.x);
      return;
    }
    if (e.k === 'const' && typeof e.value === 'boolean') return;
    g.block(commentText(e.origin?.text ?? ''), () => {
      const v = g.expr(e);
      g.raw('const o: Record<string, string> = {};');
      const add = (x: IrExpr): void => {
        if (x.k === 'const') return;
        const val = g.expr(x);
        g.raw(`o[${lit(x.origin.text)}] = ${show(x.type, val.code)};`);
      };
      if (e.k === 'cmp') {
        add(e.a);
        add(e.b);
      } else if (e.k === 'in') add(e.x);
      else if (e.k === 'quant') {
        mod.features.add('qtrace');
        const key = lit(e.list.origin?.text ?? '列表');
        const list = g.expr(e.list);
        const [y, n, u, l] = ['y', 'n', 'u', 'l'].map((s) => `${list.code}${s}`) as [string, string, string, string];
        g.raw(`if (${list.code} === null) o[${key}] = '（未知）';`);
        g.raw('else {');
        g.raw(`  const ${l} = ${list.code};`);
        g.raw(`  const ${y}: number[] = [];`);
        g.raw(`  const ${n}: number[] = [];`);
        g.raw(`  const ${u}: number[] = [];`);
        g.traceLoop(l, e.var, (i) => {
          const b = e.body ? g.expr(e.body) : { code: 'true', constant: true };
          const bc = b.constant !== undefined ? `(${b.code} as boolean | null)` : b.code;
          g.raw(`(${bc} === true ? ${y} : ${bc} === false ? ${n} : ${u}).push(${i} + 1);`);
        });
        g.raw(`  o[${key}] = _quantShow(${l}.items.length, ${y}, ${n}, ${u});`);
        g.raw('}');
      } else add(e);
      g.raw(`out.push({ 条件: ${lit(e.origin?.text ?? '')}, 成立: ${v.constant !== undefined ? `${v.code} as boolean` : v.code}, 取值: o });`);
    });
    count++;
  };
  walkCond(cond);
  const params = count === 0 ? '_c: _Ctx, _out: 条件追踪[]' : 'c: _Ctx, out: 条件追踪[]';
  if (count === 0) return `(${params}): void => {}`;
  return fnText(params, g, 'void', []);
}
