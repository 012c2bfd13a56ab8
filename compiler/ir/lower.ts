/**
 * Lowering pass: CheckedProgram → IrProgram.
 * Input: a checked program without errors (+ its parameter sets). Output: IrProgram +
 * diagnostics (ZC08xx) for what cannot be represented at run time.
 *
 * - literals become scaled integers (fen, ppm, day numbers); 周岁 literals compared
 *   with 月龄 become 12×N months (exact, guaranteed by the checker);
 * - ranges become two comparisons joined by 且 (both ends included);
 * - indicators are evaluated at compile time, exactly (decimal);
 * - exceptions become an explicit, transitively closed `overrides` list per rule.
 */
import { basename, dirname, resolve } from 'node:path';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { dayNumber, formatIso, MIN_YEAR, MAX_YEAR } from '../common/calendar.js';
import { durationShift, periodEnd, relativeEnd, shiftDay, type DateShift } from '../semantics/validity.js';

/** The day range of an unknown date: the whole calendar (years 1–9999). */
const WHOLE_CALENDAR = { lo: dayNumber({ y: MIN_YEAR, m: 1, d: 1 }), hi: dayNumber({ y: MAX_YEAR, m: 12, d: 31 }) };
import {
  decMul, decDivExact, decIsInteger, decToBigInt, decimal, decToString, type Decimal,
} from '../common/decimal.js';
import type * as A from '../syntax/ast.js';
import type { CheckedProgram, Type, Resolution } from '../semantics/model.js';
import { valueOn, type ParameterSet, type ParamDef } from '../semantics/parameters.js';
import type { CompiledProgram } from '../project/program.js';
import { EVAL_DATE, EFFECTIVE_DATE, AGGREGATES, SOME_DAY } from '../semantics/builtins.js';
import type {
  IrExpr, IrType, IrProgram, IrMeasure, IrRule, IrEntity, IrParam, IrIndicator, Origin, IrCitation, IrDoubtRef, IrDefinition, IrAssumption, IrDayRange,
} from './ir.js';
import { MONEY_SCALE, unitOf, isRatio, ratioText } from './ir.js';
import Fraction from 'fraction.js';
import { unitInfo } from '../syntax/cst-to-ast.js';

/** Exact decimal of a fraction, if its decimal expansion terminates. */
export function fractionToDecimal(f: Fraction): Decimal | undefined {
  const n = BigInt(f.s) * BigInt(f.n);
  const d = BigInt(f.d);
  let k = 0;
  let scaled = n;
  while (k <= 60) {
    if (scaled % d === 0n) return decimal(scaled / d, k);
    scaled *= 10n;
    k++;
  }
  return undefined;
}

const BOOL: IrType = { k: 'bool' };

class Lowerer {
  readonly diagnostics: Diagnostic[] = [];
  private indicatorValues = new Map<string, Fraction | undefined>();
  /** Variables of the enclosing quantifiers/aggregates, outermost first (checker levels index it). */
  private vars: { name: string; entity: string }[] = [];
  private varCount = 0;
  /** The entity of the definition being lowered (`@self`). */
  private selfEntity: string | undefined;
  constructor(readonly p: CheckedProgram, readonly params: Map<string, ParameterSet>) {}

  origin(span: A.Expr['span']): Origin {
    const f = this.p.files.get(span.file);
    return { file: span.file, start: span.start, end: span.end, text: f ? f.source.text.slice(span.start, span.end) : '' };
  }

  irType(t: Type): IrType {
    switch (t.k) {
      case 'bool': return BOOL;
      case 'int': case 'number': return { k: 'int' };
      case 'money': return { k: 'money' };
      case 'date': return { k: 'date' };
      case 'text': return { k: 'text' };
      // Stryker disable next-line OptionalChaining,ArrayDeclaration: the checker gives an enum type only for a name that p.enums holds (a declared enum, or the built-in 层级), so the lookup always finds its members
      case 'enum': return { k: 'enum', name: t.name, members: this.p.enums.get(t.name)?.members.map((m) => m.text) ?? [] };
      case 'quantity': return t.dim === 'count' ? { k: 'int' } : { k: 'quantity', dim: t.dim };
      case 'entity': return { k: 'entity', name: t.name };
      case 'list': return { k: 'list', elem: t.elem.k === 'entity' ? t.elem.name : '' };
      default: return { k: 'int' };
    }
  }

  resolution(e: A.Expr): Resolution | undefined {
    return this.p.resolutions.get(e);
  }

  varAt(level: number, origin: Origin): IrExpr {
    const v = this.vars[level];
    // Stryker disable next-line ConditionalExpression,ObjectLiteral,StringLiteral: the checker numbers element levels on the same quantifiers, aggregates and 第N个 that bind a variable here (and a body whose list is not a list is not lowered), so vars[level] is always bound
    if (!v) return { k: 'const', type: { k: 'int' }, value: 0, origin };
    return { k: 'var', type: { k: 'entity', name: v.entity }, name: v.name, origin };
  }

  /** Lower `body` with a new element variable bound to the elements of a list of `entity`. */
  withVar<T>(entity: string, f: (name: string) => T): T {
    const name = `@e${++this.varCount}`;
    this.vars.push({ name, entity });
    try {
      return f(name);
    } finally {
      this.vars.pop();
    }
  }

  typeOf(e: A.Expr): Type {
    // Stryker disable next-line ObjectLiteral,StringLiteral: every reader of the type (irType's default, the k === 'entity' / 'measure' / 'quantity' / 'int' tests) treats { k: 'error' }, {} and { k: '' } alike
    return this.p.types.get(e) ?? { k: 'error' };
  }

  /** Scale a decimal (in the written unit) to the runtime value of its type (a ratio: exact "n/d"). */
  scaled(value: Decimal, unit: A.UnitInfo | undefined, t: IrType, span: A.Expr['span']): number | string {
    let v = unit ? decMul(value, unit.factor) : value;
    if (isRatio(t)) return ratioText(new Fraction(decToString(v)));
    return this.scaledInt(v, t, span);
  }

  scaledInt(v0: Decimal, t: IrType, span: A.Expr['span']): number {
    let v = v0;
    if (t.k === 'money') v = decMul(v, decimal(BigInt(MONEY_SCALE)));
    if (!decIsInteger(v)) {
      this.diagnostics.push(diag('ZC0801', span, `“${this.origin(span).text}”不是整数个${unitOf(t) || '单位'}，运行时无法精确表示`, { help: '金额精确到分；时长、年龄、计数须为整数（比例可以是任意分数）' }));
      return 0;
    }
    const n = decToBigInt(v);
    if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.diagnostics.push(diag('ZC0801', span, '数值超出可精确表示的范围'));
      return 0;
    }
    return Number(n);
  }

  expr(e: A.Expr, want?: IrType): IrExpr {
    const t = this.irType(this.typeOf(e));
    const origin = this.origin(e.span);
    switch (e.kind) {
      case 'number': {
        const tt = want && want.k === 'quantity' && want.dim === 'ageMonths' && e.unit?.dimension === 'ageYears' ? want : t;
        let unit = e.unit;
        // Stryker disable next-line StringLiteral: scaled() reads only the unit's factor: its dimension and canonical name are never used
        if (tt !== t) unit = { dimension: 'ageMonths', canonical: '月龄', factor: decimal(12n) };
        return { k: 'const', type: tt, value: this.scaled(e.value, unit, tt, e.span), origin };
      }
      case 'date': return { k: 'const', type: { k: 'date' }, value: dayNumber(e.value), origin };
      case 'string': return { k: 'const', type: { k: 'text' }, value: e.value, origin };
      case 'bool': return { k: 'const', type: BOOL, value: e.value, origin };
      case 'it': {
        const r = this.resolution(e);
        if (r?.k === 'elem') return this.varAt(r.level, origin);
        break;
      }
      case 'quant': {
        const list = this.expr(e.list);
        if (list.type.k !== 'list') break;
        const q = e.q;
        return this.withVar(list.type.elem, (v) => ({ k: 'quant', type: BOOL, q, list, var: v, body: this.expr(e.body), origin }));
      }
      case 'nth': {
        const list = this.expr(e.list);
        if (list.type.k !== 'list' || e.index.kind !== 'number') break;
        const n = Number(decToBigInt(e.index.value));
        return this.withVar(list.type.elem, (v) => ({ k: 'nth', type: t, list, var: v, key: this.expr(e.key), n, origin }));
      }
      case 'name': {
        const n = e.name.text;
        const r = this.resolution(e);
        if (r) {
          switch (r.k) {
            // Stryker disable next-line StringLiteral,ConditionalExpression: the checker resolves a name to 'elem' never (only 其, kind 'it', gets it), so this case is unreachable
            case 'elem': return this.varAt(r.level, origin);
            case 'elemField': return { k: 'get', type: t, of: this.varAt(r.level, origin), field: r.field, origin };
            case 'elemDef': return { k: 'def', type: t, name: r.key, of: this.varAt(r.level, origin), origin };
            // Stryker disable next-line LogicalOperator: a name resolves to 'self' only when its text is the entity of the definition being lowered (checker: text === env.self), so selfEntity and n are the same text
            case 'self': return { k: 'var', type: { k: 'entity', name: this.selfEntity ?? n }, name: '@self', origin };
            case 'root': return { k: 'root', type: { k: 'entity', name: n }, entity: n, origin };
            case 'def': return { k: 'def', type: t, name: r.key, origin };
          }
        }
        if (n === EFFECTIVE_DATE && !this.p.params.has(n) && !this.p.indicators.has(n)) return { k: 'effective', type: { k: 'date' }, origin };
        if (n === '已废止' && !this.p.params.has(n)) return { k: 'void', type: BOOL, origin };
        if (t.k === 'enum' && !this.p.symbols.has(`param:${n}`) && !this.p.symbols.has(`indicator:${n}`)) return { k: 'const', type: t, value: n, origin };
        if (n === EVAL_DATE) return { k: 'evalDate', type: { k: 'date' }, origin };
        if (this.p.params.has(n)) return { k: 'param', type: t, name: n, origin };
        if (this.p.indicators.has(n)) {
          const f = this.indicator(n);
          const v = f && fractionToDecimal(f);
          if (!f) this.diagnostics.push(diag('ZC0803', e.span, `指标“${n}”无法在编译期求值`));
          // a ratio is an exact fraction at run time ("n/d"): only other types need a terminating decimal
          if (f && !v && !isRatio(t)) this.diagnostics.push(diag('ZC0803', e.span, `指标“${n}”的值 ${f.toString(12)} 是无限循环小数，不能在规则中精确使用`));
          if (f && isRatio(t)) return { k: 'const', type: t, value: ratioText(f), origin };
          return { k: 'const', type: t, value: v ? this.scaled(v, undefined, t, e.span) : 0, origin };
        }
        break;
      }
      case 'member': {
        const ot = this.typeOf(e.object);
        if (ot.k === 'entity' && ot.name === '事件') return { k: 'event', type: t, field: e.member.text, origin };
        const r = this.resolution(e);
        if (ot.k === 'entity' && r?.k === 'def') return { k: 'def', type: t, name: r.key, of: this.expr(e.object), origin };
        if (ot.k === 'entity') {
          const obj = this.expr(e.object);
          // the common case keeps the short form: a field of a root entity
          if (obj.k === 'root') return { k: 'field', type: t, entity: obj.entity, field: e.member.text, origin };
          return { k: 'get', type: t, of: obj, field: e.member.text, origin };
        }
        if (ot.k === 'measure') return { k: 'outcome', type: t, measure: ot.name, outcome: e.member.text, origin };
        break;
      }
      case 'call': {
        if (e.callee.text === '适用' && e.args[0]?.kind === 'name') return { k: 'applies', type: BOOL, measure: e.args[0].name.text, origin };
        const agg = AGGREGATES[e.callee.text];
        if (agg && e.args[0]) {
          const list = this.expr(e.args[0]);
          if (list.type.k !== 'list') break;
          const body = e.args[1];
          return this.withVar(list.type.elem, (v) => ({
            k: 'quant', type: agg.kind === 'count' ? { k: 'int' as const } : t, q: agg.kind, list, var: v, ...(body ? { body: this.expr(body) } : {}), origin,
          }));
        }
        if (e.callee.text === SOME_DAY && e.args[0]?.kind === 'date' && e.args[1]?.kind === 'date') {
          return { k: 'someDay', type: { k: 'date' }, lo: dayNumber(e.args[0].value), hi: dayNumber(e.args[1].value), origin };
        }
        const arg = e.args[0] ? this.expr(e.args[0]) : { k: 'const' as const, type: { k: 'date' as const }, value: 0 };
        if (e.callee.text === '周岁') return { k: 'age', type: t, unit: 'years', birth: arg, origin };
        if (e.callee.text === '月龄') return { k: 'age', type: t, unit: 'months', birth: arg, origin };
        if (e.callee.text === '工作日期限') return { k: 'workdays', type: t, start: arg, n: this.expr(e.args[1]!), origin };
        if (e.callee.text === '天数') return { k: 'daysBetween', type: t, from: arg, to: this.expr(e.args[1]!), origin };
        break;
      }
      case 'neg': return { k: 'neg', type: t, x: this.expr(e.operand), origin };
      case 'not': return { k: 'not', type: BOOL, x: this.expr(e.operand), origin };
      case 'logic': return { k: e.op, type: BOOL, xs: e.operands.map((x) => this.expr(x)), origin };
      case 'compare': {
        const [a, b] = this.pair(e.left, e.right);
        return { k: 'cmp', type: BOOL, op: e.op, a, b, origin, ...(e.word ? { word: e.word } : {}) };
      }
      case 'in': {
        const x = this.expr(e.subject);
        return { k: 'in', type: BOOL, x, values: e.members.map((m) => this.expr(m, x.type)), negated: e.negated, origin };
      }
      case 'range': {
        const [a, lo] = this.pair(e.subject, e.low);
        const [, hi] = this.pair(e.subject, e.high);
        return {
          k: 'and', type: BOOL, origin,
          xs: [
            { k: 'cmp', type: BOOL, op: '>=', a, b: lo, origin, word: e.word },
            { k: 'cmp', type: BOOL, op: '<=', a, b: hi, origin, word: e.word },
          ],
        };
      }
      case 'arith': return this.arith(e, t, origin);
      // Stryker disable next-line ConditionalExpression: the last clause of the switch: without its break, control leaves the switch at the same place
      default: break;
    }
    this.diagnostics.push(diag('ZC0802', e.span, `表达式“${origin.text}”无法在运行时求值`));
    return { k: 'const', type: t, value: 0, origin };
  }

  /** Lower both sides of a comparison, converting an age literal to the other side's unit. */
  pair(l: A.Expr, r: A.Expr): [IrExpr, IrExpr] {
    const lt = this.irType(this.typeOf(l));
    const rt = this.irType(this.typeOf(r));
    const isMonths = (t: IrType) => t.k === 'quantity' && t.dim === 'ageMonths';
    const isYears = (t: IrType) => t.k === 'quantity' && t.dim === 'ageYears';
    // 月龄 value vs N周岁 literal → 12N月龄; 周岁 value vs M月龄 literal → M/12周岁 (exact: checked)
    if (isMonths(lt) && isYears(rt)) return r.kind === 'number' ? [this.expr(l), this.expr(r, lt)] : [this.monthsToYears(l), this.expr(r)];
    if (isYears(lt) && isMonths(rt)) return l.kind === 'number' ? [this.expr(l, rt), this.expr(r)] : [this.expr(l), this.monthsToYears(r)];
    return [this.expr(l, rt), this.expr(r, lt)];
  }

  monthsToYears(e: A.Expr): IrExpr {
    const t: IrType = { k: 'quantity', dim: 'ageYears' };
    if (e.kind !== 'number') return this.expr(e);
    return { k: 'const', type: t, value: this.scaledInt(decDivExact(e.value, decimal(12n)).value, t, e.span), origin: this.origin(e.span) };
  }

  arith(e: Extract<A.Expr, { kind: 'arith' }>, t: IrType, origin: Origin): IrExpr {
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    const isDate = (x: IrType) => x.k === 'date';
    const isMY = (x: IrType) => x.k === 'quantity' && (x.dim === 'months' || x.dim === 'years');
    // a duration plus a date is the date plus the duration: one path for both orders, so that
    // `1年 + 日期` is 12 months and `2周 + 日期` 14 days as after the date (they were 1 month
    // and 2 days before issue 15's mutation run found it)
    const [a, b] = e.op === '+' && isDate(right.type) ? [right, left] : [left, right];
    if ((e.op === '+' || e.op === '-') && isDate(a.type) && isMY(b.type)) {
      const months = b.type.k === 'quantity' && b.type.dim === 'years' ? { k: 'mul' as const, type: { k: 'int' as const }, a: b, b: { k: 'const' as const, type: { k: 'int' as const }, value: 12 }, origin } : b;
      return { k: 'addMonths', type: t, date: a, months, sign: e.op === '+' ? 1 : -1, origin };
    }
    if (e.op === '+' || e.op === '-') {
      // weeks added to a date are days × 7
      if (isDate(a.type) && b.type.k === 'quantity' && b.type.dim === 'weeks') {
        return { k: e.op === '+' ? 'add' : 'sub', type: t, a, b: { k: 'mul', type: { k: 'quantity', dim: 'days' }, a: b, b: { k: 'const', type: { k: 'int' }, value: 7 }, origin }, origin };
      }
      return { k: e.op === '+' ? 'add' : 'sub', type: t, a, b, origin };
    }
    if (e.op === '*') return { k: 'mul', type: t, a, b, origin };
    // money ÷ money and q ÷ q give a dimensionless number, represented as an integer (rounded); ratio results stay exact
    return { k: 'div', type: t, a, b, origin };
  }

  /** Compile-time exact value of an indicator (a fraction), in its canonical unit (ratio as a fraction of 1). */
  indicator(name: string): Fraction | undefined {
    if (this.indicatorValues.has(name)) return this.indicatorValues.get(name);
    this.indicatorValues.set(name, undefined); // cycle guard
    const decl = this.p.indicators.get(name)!.decl;
    const v = this.constValue(decl.value);
    this.indicatorValues.set(name, v);
    return v;
  }

  constValue(e: A.Expr): Fraction | undefined {
    switch (e.kind) {
      case 'number': return new Fraction(decToString(e.unit ? decMul(e.value, e.unit.factor) : e.value));
      case 'name':
        if (this.p.indicators.has(e.name.text)) return this.indicator(e.name.text);
        this.diagnostics.push(diag('ZC0803', e.span, `指标中的“${e.name.text}”不是常量`));
        return undefined;
      case 'neg': return this.constValue(e.operand)?.neg();
      case 'arith': {
        const a = this.constValue(e.left);
        const b = this.constValue(e.right);
        if (!a || !b) return undefined;
        if (e.op === '+') return a.add(b);
        if (e.op === '-') return a.sub(b);
        if (e.op === '*') return a.mul(b);
        if (b.equals(0)) return undefined;
        return a.div(b);
      }
      default:
        this.diagnostics.push(diag('ZC0803', e.span, '指标只能由数字、单位和其他指标组成'));
        return undefined;
    }
  }

  citation(anchor: string | undefined, extraQuotes: readonly A.StrLit[]): IrCitation {
    const c = this.p.clauses.find((x) => x.anchor === anchor);
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: citation() is called only for measures, which are always declared inside a 条款 (at the top level a measure is a parse error, ZC0201), so the clause is found
    const quotes = [...(c?.decl.quotes ?? []), ...extraQuotes].map((q) => q.value);
    // Stryker disable next-line OptionalChaining,StringLiteral: citation() is called only for measures, which are always declared inside a 条款 (at the top level a measure is a parse error, ZC0201), so the anchor is given and the clause is found
    return { anchor: anchor ?? '', label: c?.label ?? '', ...(c?.title ? { title: c.title } : {}), quotes };
  }

  /** Citation of a declaration with its own 原文 (a definition): the clause, and only the declaration's quotes. */
  citationOwn(anchor: string | undefined, own: readonly A.StrLit[]): IrCitation {
    const c = this.p.clauses.find((x) => x.anchor === anchor);
    return { anchor: anchor ?? '', label: c?.label ?? '', ...(c?.title ? { title: c.title } : {}), quotes: own.map((q) => q.value) };
  }

  doubt(d: A.DoubtDecl, clause?: string): IrDoubtRef {
    return {
      name: d.name.text, readings: d.readings.map((r) => ({ name: r.name.text, text: r.text.value })), quotes: d.quotes.map((q) => q.value),
      ...(d.adopted ? { adopted: d.adopted.text } : {}), ...(d.reason ? { reason: d.reason.value } : {}), ...(clause ? { clause } : {}),
    };
  }

  /**
   * A rule's validity period: plain dates as day numbers; an end counted from the 施行日 (`施行日 + 3年 - 1天`,
   * `有效期：3年`) shifted from it — a day number when the 施行日 is certain, else the range of the end
   * (the shifts are monotone: the end of the range's first day to the end of its last; the whole calendar
   * when the 施行日 is unknown).
   */
  validity(r: A.RuleDecl, policy: Pick<IrProgram['policy'], 'effective' | 'effectiveRange'>): Pick<IrRule, 'validFrom' | 'validTo' | 'validFromRange' | 'validToRange' | 'validText'> {
    const ends: [A.Expr | undefined, DateShift[] | undefined][] = r.validFor
      ? [[undefined, []], [undefined, (() => { const s = durationShift(r.validFor); return s ? periodEnd(s) : undefined; })()]]
      : [[r.validFrom, r.validFrom ? relativeEnd(r.validFrom) : undefined], [r.validTo, r.validTo ? relativeEnd(r.validTo) : undefined]];
    const out: { validFrom?: number; validTo?: number; validFromRange?: IrDayRange; validToRange?: IrDayRange; validText?: string } = {};
    const keys = [['validFrom', 'validFromRange'], ['validTo', 'validToRange']] as const;
    let relative = false;
    ends.forEach(([e, shifts], i) => {
      const [day, range] = keys[i]!;
      if (e?.kind === 'date') { out[day] = dayNumber(e.value); return; }
      if (!shifts) return;
      relative = true;
      const shifted = (d: number): number | undefined => { try { return shiftDay(d, shifts); } catch { return undefined; } };
      if (policy.effective !== undefined) {
        const d = shifted(policy.effective);
        if (d !== undefined) out[day] = d;
      } else if (policy.effectiveRange) {
        const { lo, hi, loIso, hiIso } = policy.effectiveRange;
        const [a, b] = [shifted(lo), shifted(hi)];
        if (a !== undefined && b !== undefined) {
          if (a === b) out[day] = a;
          else out[range] = { lo: a, hi: b, why: `施行日（${loIso} 至 ${hiIso} 之间，确切日期未知）`, shifts };
        }
      } else out[range] = { lo: WHOLE_CALENDAR.lo, hi: WHOLE_CALENDAR.hi, why: '施行日（原文未载明）' };
    });
    if (relative) out.validText = r.validFor ? `自施行日起${this.origin(r.validFor.span).text}` : `${this.origin(r.validFrom!.span).text} 至 ${this.origin(r.validTo!.span).text}`;
    return out;
  }

  run(): IrProgram {
    const p = this.p;
    const pol = p.policy?.decl;
    const root = p.root;
    // (the directory resolved: a policy compiled as `zhengce doc .` from inside its directory is named after that
    // directory, not “.”)
    const dir = basename(resolve(dirname(root)));
    const id = asciiId(dir === 'policies' ? basename(root, '.zc') : dir);
    const sun = pol?.sunset;
    const policy = {
      id, name: pol?.name?.text ?? basename(root, '.zc'), basis: pol?.basis.map((b) => b.value) ?? [],
      ...(pol?.docNumber ? { docNumber: pol.docNumber.value } : {}), ...(pol?.issuer ? { issuer: pol.issuer.value } : {}),
      ...(pol?.title ? { title: pol.title.value } : {}),
      ...(pol?.effective?.date ? { effective: dayNumber(pol.effective.date), effectiveIso: formatIso(pol.effective.date) } : {}),
      ...(pol?.effective?.note ? { effectiveNote: pol.effective.note.value } : {}),
      ...(pol?.effective?.range ? {
        effectiveRange: {
          lo: dayNumber(pol.effective.range.lo), hi: dayNumber(pol.effective.range.hi),
          loIso: formatIso(pol.effective.range.lo), hiIso: formatIso(pol.effective.range.hi),
        },
      } : {}),
      ...(pol ? { effectiveOrigin: this.origin(pol.effective?.span ?? pol.span) } : {}),
      ...(pol?.interpreter ? { interpreter: pol.interpreter.text } : {}),
      ...(sun ? { sunset: { condition: this.expr(sun.condition), start: sun.start, origin: this.origin(sun.span) } } : {}),
    };
    const entities: IrEntity[] = [...p.entities.values()].filter((e) => e.name.text !== '事件').map((e) => ({
      name: e.name.text,
      fields: e.fields.map((f) => ({ name: f.name.text, type: this.irType(this.fieldType(f.type)), ...(f.doc ? { doc: f.doc.value } : {}), ...(f.signed ? { signed: true } : {}) })),
    }));
    const params: IrParam[] = [];
    for (const [name, decl] of p.params) {
      const t = this.irType(this.fieldType(decl.type));
      let def: ParamDef | undefined;
      for (const set of this.params.values()) def ??= set.get(name);
      params.push({
        name, type: t, unit: def?.unit ?? '',
        values: (def?.values ?? []).map((v) => ({
          from: dayNumber(v.from), fromIso: formatIso(v.from), source: v.source, confirmed: v.confirmed,
          value: this.scaled(v.value, isRatio(t) ? (unitInfo(def?.unit ?? '%') ?? unitInfo('%')) : undefined, t, decl.span),
        })),
      });
      void valueOn;
    }
    const measures: IrMeasure[] = [];
    for (const [name, m] of p.measures) {
      const d = m.decl;
      if (d.rules.length === 0) continue; // non-computable measures are documented, not evaluated
      const outcomes = d.outcomes.map((o) => {
        const t = this.irType(this.fieldType(o.type));
        return { name: o.name.text, type: t, required: o.required, unit: unitOf(t), ...(o.period ? { period: o.period } : {}) };
      });
      const rules: IrRule[] = d.rules.map((r) => {
        const cond = r.condition ? this.expr(r.condition) : ({ k: 'const', type: BOOL, value: true } as IrExpr);
        const v = this.validity(r, policy);
        return {
          name: r.name.text, condition: cond,
          assignments: r.assignments.map((a) => {
            const ot = outcomes.find((o) => o.name === a.target.text)?.type;
            return { outcome: a.target.text, value: this.expr(a.value, ot) };
          }),
          overrides: [...(m.overrides.get(r.name.text) ?? [])].sort(),
          origin: this.origin(r.span),
          ...v,
          ...(r.note ? { note: r.note.value } : {}),
        };
      });
      measures.push({
        name, citation: this.citation(m.clause, d.quotes), lead: d.lead.map((n) => n.text), responsible: d.responsible.map((n) => n.text),
        outcomes, rules, doubts: d.doubts.map((x) => this.doubt(x, m.clause)), origin: this.origin(d.span),
        ...(d.subject ? { subject: d.subject.text } : {}), ...(d.note ? { note: d.note.value } : {}),
        ...(d.recipient ? { recipient: d.recipient.entity?.text ?? d.recipient.text?.value ?? '' } : {}),
        ...(d.application ? { application: d.application.text } : {}),
      });
    }
    const indicators: IrIndicator[] = [];
    for (const [name, ind] of p.indicators) {
      const f = this.indicator(name);
      const t = this.typeOf(ind.decl.value);
      const d = f && fractionToDecimal(f);
      indicators.push({
        name, value: d ? decToString(d) : f ? f.toString(12) : '', exact: !!d, fraction: f ? f.toFraction() : '', unit: t.k === 'quantity' && t.dim === 'ratio' ? '（比例，小数）' : unitOf(this.irType(t)) || (t.k === 'int' ? '' : ''),
        expr: this.origin(ind.decl.value.span).text, origin: this.origin(ind.decl.span), ...(ind.decl.note ? { note: ind.decl.note.value } : {}), ...(ind.clause ? { clause: ind.clause } : {}),
      });
    }
    const clauses = p.clauses.map((c) => ({
      anchor: c.anchor, label: c.label, depth: c.depth, quotes: c.decl.quotes.map((q) => q.value), origin: this.origin(c.decl.numberSpan),
      ...(c.title ? { title: c.title } : {}), ...(c.parent ? { parent: c.parent } : {}),
    }));
    const doubts = [...p.doubts.values()].map((d) => this.doubt(d.decl, d.clause));
    const properties = [...p.properties.values()].map(({ decl, clause }) => ({
      name: decl.name.text,
      asserts: decl.asserts.map((a) => this.expr(a)),
      usesEvent: mentionsEvent(decl),
      kind: decl.category && ['边界', '条款一致', '概念一致'].includes(decl.category.text) ? (decl.category.text as '边界' | '条款一致' | '概念一致') : ('一般' as const),
      origin: this.origin(decl.span),
      ...(decl.condition ? { condition: this.expr(decl.condition) } : {}),
      ...(decl.note ? { note: decl.note.value } : {}), ...(clause ? { clause } : {}),
      ...(decl.expectFail ? { accepted: decl.expectFail.value } : {}),
    }));
    const definitions: IrDefinition[] = [...p.definitions.values()].map((d) => {
      this.selfEntity = d.entity;
      this.vars = [];
      const expr = this.expr(d.decl.value);
      this.selfEntity = undefined;
      const t = d.decl.type ? this.irType(this.fieldType(d.decl.type)) : expr.type;
      return {
        name: d.key, type: t, expr, doubts: d.decl.doubts.map((n) => n.text), origin: this.origin(d.decl.span),
        ...(d.entity ? { entity: d.entity } : {}), ...(d.decl.note ? { note: d.decl.note.value } : {}),
        ...(d.clause || d.decl.quotes.length ? { citation: this.citationOwn(d.clause, d.decl.quotes) } : {}),
      };
    });
    const assumptions: IrAssumption[] = [...p.assumptions.values()].flatMap(({ decl, clause }) => decl.condition ? [{
      name: decl.name.text, condition: this.expr(decl.condition), origin: this.origin(decl.span),
      ...(decl.note ? { note: decl.note.value } : {}), ...(clause ? { clause } : {}),
    }] : []);
    return { policy, entities, params, measures, indicators, clauses, doubts, properties, definitions, assumptions };
  }

  fieldType(t: A.TypeRef): Type {
    if (t.kind === 'named') {
      if (this.p.enums.has(t.name.text)) return { k: 'enum', name: t.name.text };
      return { k: 'entity', name: t.name.text };
    }
    switch (t.name) {
      case '是否': return { k: 'bool' };
      case '整数': case '数量': return { k: 'int' };
      case '金额': return { k: 'money' };
      case '日期': return { k: 'date' };
      case '文本': return { k: 'text' };
      case '比例': return { k: 'quantity', dim: 'ratio' };
      case '列表': {
        const el = t.element ? this.fieldType(t.element) : undefined;
        return el && el.k === 'entity' ? { k: 'list', elem: el } : { k: 'error' };
      }
      default:
        if (t.unit) return t.unit.dimension === 'money' ? { k: 'money' } : t.unit.dimension === 'count' ? { k: 'int' } : { k: 'quantity', dim: t.unit.dimension };
        return { k: 'int' };
    }
  }
}

function mentionsEvent(d: A.PropertyDecl): boolean {
  let found = false;
  const walk = (e: A.Expr): void => {
    if (found) return;
    if (e.kind === 'name' && (e.name.text === '事件' || e.name.text === '已废止')) found = true;
    for (const c of children(e)) walk(c);
  };
  [...d.asserts, ...(d.condition ? [d.condition] : [])].forEach(walk);
  return found;
}

export { children } from '../syntax/ast-walk.js';
import { children } from '../syntax/ast-walk.js';

/** Deterministic ASCII identifier from a file/dir name (non-ASCII → u<hex>). */
export function asciiId(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/[A-Za-z0-9_]/.test(ch)) out += ch;
    else if (ch === '-' || ch === '.' || ch === ' ') out += '_';
    else out += `u${ch.codePointAt(0)!.toString(16)}`;
  }
  return /^[0-9]/.test(out) ? `p_${out}` : out || 'policy';
}

/** Lower one compiled program (which must be free of errors). */
export function lower(program: CompiledProgram): Result<IrProgram> {
  const l = new Lowerer(program.checked, program.parameters);
  const value = l.run();
  return { value, diagnostics: l.diagnostics };
}
