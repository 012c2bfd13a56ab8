/**
 * IR expressions → TypeScript statements (for the generated evaluator).
 *
 * Input: an IrExpr. Output: the body of a function `(c: _Ctx) => …` that computes the
 * expression with exactly the reference semantics (compiler/interpret/interpreter.ts):
 * Kleene three-valued logic (null = unknown), evaluation order and short-circuits (which
 * decide which missing facts and unconfirmed parameters are recorded), half-away-from-zero
 * rounding, month-end clamping.
 *
 * Every non-constant sub-expression is bound to a `const tN` in evaluation order, so the
 * generated code evaluates operands exactly once and left to right; 且/或/属于 become
 * labelled blocks with early `break`.
 */
import type { IrExpr, IrType } from '../ir/ir.js';
import { unitOf } from '../ir/ir.js';
import { lit, commentText } from './ts-strings.js';
import type { RuntimeFeature } from './ts-runtime.js';

interface Out {
  /** A side-effect-free expression: a temporary, a literal or `c.day`. */
  readonly code: string;
  readonly nullable: boolean;
  /** The literal value when the expression is a constant. */
  readonly constant?: number | boolean | string;
}

export function tsType(t: IrType): 'boolean' | 'string' | 'number' {
  return t.k === 'bool' ? 'boolean' : t.k === 'text' || t.k === 'enum' ? 'string' : 'number';
}

/** Display kind of a value (see `_Kind` in the runtime) and its unit suffix. */
export function displayKind(t: IrType): { kind: 'm' | 'd' | 'b' | 'r' | 'n' | 's'; unit: string } {
  switch (t.k) {
    case 'money': return { kind: 'm', unit: '元' };
    case 'date': return { kind: 'd', unit: '' };
    case 'bool': return { kind: 'b', unit: '' };
    case 'quantity': return t.dim === 'ratio' ? { kind: 'r', unit: '%' } : { kind: 'n', unit: unitOf(t) };
    case 'int': return { kind: 'n', unit: '' };
    default: return { kind: 's', unit: '' };
  }
}

function constCode(v: number | boolean | string): string {
  if (typeof v === 'string') return lit(v);
  if (typeof v === 'boolean') return String(v);
  if (!Number.isFinite(v)) throw new Error(`non-finite constant ${v}`);
  return v < 0 || Object.is(v, -0) ? `(${String(v)})` : String(v);
}

/** Shared state of one module's code generation. */
export class ModuleGen {
  readonly features = new Set<RuntimeFeature>();
  /** Parameter name → the module constant holding its table. */
  readonly params = new Map<string, string>();
  constructor(paramConsts: ReadonlyMap<string, string>) {
    for (const [k, v] of paramConsts) this.params.set(k, v);
  }
}

/** Code generation for one function body. */
export class FnGen {
  private readonly lines: string[] = [];
  private depth = 1;
  private n = 0;
  /** Whether the body refers to the context parameter `c`. */
  usesCtx = false;

  constructor(private readonly mod: ModuleGen) {}

  private emit(line: string): void {
    this.lines.push('  '.repeat(this.depth) + line);
  }

  private tmp(): string {
    return `t${++this.n}`;
  }

  private ctx(): string {
    this.usesCtx = true;
    return 'c';
  }

  /** `a === null || b === null` for the nullable operands, or '' when none is nullable. */
  private nullTest(...xs: Out[]): string {
    return xs.filter((x) => x.nullable).map((x) => `${x.code} === null`).join(' || ');
  }

  expr(e: IrExpr): Out {
    switch (e.k) {
      case 'const': return { code: constCode(e.value), nullable: false, constant: e.value };
      case 'field': {
        this.mod.features.add('field');
        const t = this.tmp();
        this.emit(`const ${t} = _get(${this.ctx()}, ${lit(e.entity)}, ${lit(e.field)}, ${lit(`${e.entity}.${e.field}`)}) as ${tsType(e.type)} | null;`);
        return { code: t, nullable: true };
      }
      case 'param': {
        this.mod.features.add('param');
        const table = this.mod.params.get(e.name);
        const t = this.tmp();
        if (table === undefined) {
          // not declared in the IR's parameter list: never has a value
          this.emit(`const ${t}: number | null = null;`);
        } else this.emit(`const ${t} = _param(${this.ctx()}, ${table});`);
        return { code: t, nullable: true };
      }
      case 'evalDate': return { code: `${this.ctx()}.day`, nullable: false };
      case 'event': {
        const t = this.tmp();
        const c = this.ctx();
        if (e.field === '日期') this.emit(`const ${t} = ${c}.ev === undefined ? null : ${c}.evDay;`);
        else {
          this.mod.features.add('event');
          this.emit(`const ${t} = _eventText(${c}, ${lit(e.field)});`);
        }
        return { code: t, nullable: true };
      }
      case 'age': {
        this.mod.features.add(e.unit === 'years' ? 'ageYears' : 'ageMonths');
        const b = this.expr(e.birth);
        const t = this.tmp();
        const call = `${e.unit === 'years' ? '_years' : '_months'}(${b.code}, ${this.ctx()}.day)`;
        this.emit(`const ${t} = ${b.nullable ? `${b.code} === null ? null : ` : ''}${call};`);
        return { code: t, nullable: true };
      }
      case 'daysBetween': {
        const a = this.expr(e.from);
        const b = this.expr(e.to);
        return this.binary(a, b, `${b.code} - ${a.code}`);
      }
      case 'not': {
        const x = this.expr(e.x);
        return this.unary(x, `!${x.code}`);
      }
      case 'neg': {
        const x = this.expr(e.x);
        return this.unary(x, `-${x.code} || 0`);
      }
      case 'and':
      case 'or': return this.logic(e.k, e.xs);
      case 'cmp': {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        const op = { '>=': '>=', '<=': '<=', '>': '>', '<': '<', '=': '===', '!=': '!==' }[e.op];
        const relational = op !== '===' && op !== '!==';
        const wrap = (x: Out, t: IrType): string => {
          if (relational && tsType(t) === 'boolean') return `Number(${x.code})`;
          // two literals: widen so that TypeScript does not reject the comparison
          return x.constant !== undefined && a.constant !== undefined && b.constant !== undefined ? `(${x.code} as ${tsType(t)})` : x.code;
        };
        return this.binary(a, b, `${wrap(a, e.a.type)} ${op} ${wrap(b, e.b.type)}`);
      }
      case 'in': return this.member(e.x, e.values, e.negated);
      case 'add':
      case 'sub': {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        return this.binary(a, b, `${a.code} ${e.k === 'add' ? '+' : '-'} ${b.code}`);
      }
      case 'mul': {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        if (e.divisor === 1) return this.binary(a, b, `${a.code} * ${b.code}`);
        this.mod.features.add('mulDiv');
        return this.binary(a, b, `_mulDiv(${a.code}, ${b.code}, ${e.divisor})`);
      }
      case 'div': {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        const t = this.tmp();
        if (b.constant === 0) {
          this.emit(`const ${t}: number | null = null;`);
          return { code: t, nullable: true };
        }
        this.mod.features.add('mulDiv');
        const tests = [this.nullTest(a, b), b.constant === undefined ? `${b.code} === 0` : ''].filter((x) => x !== '').join(' || ');
        this.emit(`const ${t} = ${tests ? `${tests} ? null : ` : ''}_mulDiv(${a.code}, ${e.scale}, ${b.code});`);
        return { code: t, nullable: tests !== '' };
      }
      case 'addMonths': {
        this.mod.features.add('addMonths');
        const d = this.expr(e.date);
        const n = this.expr(e.months);
        return this.binary(d, n, `_addMonths(${d.code}, ${e.sign === 1 ? n.code : `-${n.code}`})`);
      }
      case 'workdays': {
        this.mod.features.add('workdays');
        const s = this.expr(e.start);
        const n = this.expr(e.n);
        return this.binary(s, n, `_workdays(${this.ctx()}, ${s.code}, ${n.code})`, true);
      }
      // property-only expressions (性质): never in rules; unknown like in the interpreter's rule context
      case 'outcome':
      case 'applies':
      case 'void': {
        const t = this.tmp();
        this.emit(`const ${t}: ${tsType(e.type)} | null = null;`);
        return { code: t, nullable: true };
      }
      default: throw new Error(`unknown IR expression ${(e as { k: string }).k}`);
    }
  }

  private unary(x: Out, code: string): Out {
    const t = this.tmp();
    this.emit(`const ${t} = ${x.nullable ? `${x.code} === null ? null : ` : ''}${code};`);
    return { code: t, nullable: x.nullable };
  }

  private binary(a: Out, b: Out, code: string, mayBeNull = false): Out {
    const t = this.tmp();
    const test = this.nullTest(a, b);
    this.emit(`const ${t} = ${test ? `${test} ? null : ` : ''}${code};`);
    return { code: t, nullable: test !== '' || mayBeNull };
  }

  /** 且 / 或: false (true) decides at once; otherwise unknown if any operand is unknown. */
  private logic(k: 'and' | 'or', xs: readonly IrExpr[]): Out {
    const t = this.tmp();
    const decisive = k === 'and' ? 'false' : 'true';
    const neutral = k === 'and' ? 'true' : 'false';
    const label = `L${t}`;
    const u = `${t}u`;
    // operands after a decisive constant are never evaluated, and then unknowns do not matter
    const stop = xs.findIndex((x) => x.k === 'const' && String(x.value) === decisive);
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
    return { code: t, nullable: true };
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
    const xc = x.constant !== undefined ? `(${x.code} as ${tsType(subject.type)})` : x.code;
    for (const m of values) {
      const v = this.expr(m);
      if (v.nullable) this.emit(`if (${v.code} === null) ${u} = true;`);
      this.emit(`${v.nullable ? 'else ' : ''}if (${v.code} === ${xc}) {`);
      this.emit(`  ${t} = ${!negated};`);
      this.emit(`  break ${label};`);
      this.emit('}');
      this.breaks.add(label);
    }
    this.emit(`${t} = ${u} ? null : ${negated};`);
    this.closeBlock(open, label);
    return { code: t, nullable: true };
  }

  private readonly breaks = new Set<string>();

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
    return this.lines;
  }

  /** Append a raw statement line at the current depth. */
  raw(line: string): void {
    this.emit(line);
  }
}

function fnText(params: string, gen: FnGen, returnType: string, tail: string[]): string {
  const p = gen.usesCtx ? params : params.replace(/^c\b/, '_c');
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

function show(t: IrType, code: string): string {
  const d = displayKind(t);
  return `_show(${lit(d.kind)}, ${lit(d.unit)}, ${code})`;
}

/**
 * `(c, out) => void` pushing one ConditionTrace per atomic condition, like the
 * interpreter's traceConditions: a range (two comparisons sharing the origin of their
 * 且) is one condition showing its subject; 非 shows the negated condition; boolean
 * constants are skipped; operands that are not constants are shown with their values.
 */
export function traceFn(mod: ModuleGen, cond: IrExpr): string {
  const g = new FnGen(mod);
  let count = 0;
  const walk = (e: IrExpr): void => {
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
      for (const x of e.xs) walk(x);
      return;
    }
    if (e.k === 'not') {
      walk(e.x);
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
      else add(e);
      g.raw(`out.push({ 条件: ${lit(e.origin?.text ?? '')}, 成立: ${v.constant !== undefined ? `${v.code} as boolean` : v.code}, 取值: o });`);
    });
    count++;
  };
  walk(cond);
  const params = count === 0 ? '_c: _Ctx, _out: 条件追踪[]' : 'c: _Ctx, out: 条件追踪[]';
  if (count === 0) return `(${params}): void => {}`;
  return fnText(params, g, 'void', []);
}
