/**
 * Type and unit checking pass.
 * Input: BoundProgram. Output: CheckedProgram (a Type for every expression) +
 * diagnostics (ZC05xx, and ZC0401/ZC0403 for names only resolvable with types).
 *
 * Unit rules (grammar/README.md §4): values of different dimensions never mix;
 * 月龄 and 周岁 compare only when one side is a literal that converts exactly
 * (N周岁 = 12N月龄); money is exact.
 * INVARIANT: every expression reachable from a declaration gets an entry in `types`
 * (the error type where checking failed), so later passes never meet an untyped node.
 */
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { decIsInteger, decMul, decDivExact, decimal, decSign } from '../common/decimal.js';
import type * as A from '../syntax/ast.js';
import { T, sameType, typeToString, definitionKey, type Sym, type BoundProgram, type CheckedProgram, type Type, type Resolution, type DefinitionInfo } from './model.js';
import { EVENT_ENTITY, EVENT_FIELDS, EVAL_DATE, EFFECTIVE_DATE, FUNCTIONS, AGGREGATES, IS_VOID, APPLIES, SOME_DAY } from './builtins.js';
import { suggest } from './binder.js';
import { compareDates } from '../common/calendar.js';
import { children } from '../syntax/ast-walk.js';
import { DeferredMap } from './deferred-map.js';
import { durationShift, relativeEnd, startAlwaysAfterEnd } from './validity.js';

/** `validity`: an indicator's 日期 (a plain date); `ruleValidity`: the ends of a rule's 有效期 (a date, or 施行日 ± 时长). */
type Scope = 'rule' | 'sunset' | 'indicator' | 'property' | 'validity' | 'ruleValidity' | 'definition' | 'assumption';

/**
 * Where an expression is checked.
 *  - `self`: inside `定义 实体.名称 = …`, the entity whose instance is being defined;
 *  - `elems`: element entities of the enclosing quantifiers/aggregates, innermost last
 *    (其 and the element's bare field names denote the innermost one that has them);
 *  - `owner`: the definition or measure whose dependencies are being recorded.
 */
interface Env {
  readonly scope: Scope;
  readonly self?: string;
  readonly elems: readonly string[];
  readonly owner?: string;
}

const env0 = (scope: Scope): Env => ({ scope, elems: [] });
const DAY_ANCHOR: Type = { k: 'dayAnchor' };
const PERIOD: Type = { k: 'period' };
const ROOT: Resolution = { k: 'root' };
const SELF: Resolution = { k: 'self' };
const defNode = (key: string) => `定义「${key}」`;
const measureNode = (name: string) => `措施「${name}」`;

const isNumeric = (t: Type) => t.k === 'int' || t.k === 'number';
const isOrdered = (t: Type) => isNumeric(t) || t.k === 'money' || t.k === 'date' || t.k === 'quantity';

/** Where a bare name is looked up, in order (an aggregate's name is a function only when nothing else has it). */
const KINDS_BUILTIN_FIRST = ['builtin', 'entity', 'param', 'indicator', 'measure', 'definition'] as const;
const KINDS_AGGREGATE_FIRST = ['entity', 'param', 'indicator', 'measure', 'definition', 'builtin'] as const;

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  /** (Maps built when first read: `zhengce check` never reads them — deferred-map.ts.) */
  readonly types: Map<A.Expr, Type> = new DeferredMap<A.Expr, Type>();
  readonly resolutions: Map<A.Expr, Resolution> = new DeferredMap<A.Expr, Resolution>();
  /** Dependency graph between definitions and measures (for cycles): node → (target → span of the reference). */
  readonly deps = new Map<string, Map<string, A.Expr['span']>>();
  /**
   * `only`: check only these declarations (the incremental path, compiler/semantics/incremental.ts);
   * `seed`: the types and dependencies of the others, from an earlier run (never re-checked on demand).
   */
  constructor(readonly p: BoundProgram, readonly only?: ReadonlySet<object>, seed?: CheckMemo) {
    if (seed) {
      for (const [k, v] of seed.defTypes) this.defTypes.set(k, v);
      for (const [k, v] of seed.indicatorTypes) this.indicatorTypes.set(k, v);
      for (const [k, v] of seed.deps) this.deps.set(k, v);
    }
  }
  private want(decl: object): boolean {
    return !this.only || this.only.has(decl);
  }

  dep(env: Env, target: string, span: A.Expr['span']): void {
    if (!env.owner) return;
    let m = this.deps.get(env.owner);
    if (!m) this.deps.set(env.owner, (m = new Map()));
    if (!m.has(target)) m.set(target, span);
  }

  err(code: Parameters<typeof diag>[0], span: A.Expr['span'], message: string, extra: Parameters<typeof diag>[3] = {}): void {
    this.diagnostics.push(diag(code, span, message, extra));
  }

  /** A field's declared type, with unit sanity: 时长 takes a time unit, 年龄 周岁/月龄. */
  fieldType(t: A.TypeRef): Type {
    if (t.kind === 'builtin' && t.unit && (t.name === '时长' || t.name === '年龄')) {
      const d = t.unit.dimension;
      const ok = t.name === '时长' ? ['days', 'workdays', 'weeks', 'months', 'years', 'hours'].includes(d) : d === 'ageMonths' || d === 'ageYears';
      if (!ok) {
        this.err('ZC0303', t.span, `“${t.name}”不能以“${t.unitText}”为单位`, { help: t.name === '时长' ? '时长的单位：天、工作日、周、个月、年、小时' : '年龄的单位：周岁、月龄' });
        return T.error;
      }
    }
    return this.typeOfRef(t);
  }

  /** Entity and enum types by name, one object each per check (types are compared with `sameType`, never by identity). */
  private readonly namedTypes = { entity: new Map<string, Type>(), enum: new Map<string, Type>() };
  named(k: 'entity' | 'enum', name: string): Type {
    const m = this.namedTypes[k];
    const t = m.get(name);
    if (t) return t;
    const nt: Type = { k, name };
    m.set(name, nt);
    return nt;
  }

  private reportedListElems = new WeakSet<A.TypeRef>();
  typeOfRef(t: A.TypeRef): Type {
    if (t.kind === 'named') {
      if (this.p.enums.has(t.name.text)) return this.named('enum', t.name.text);
      if (this.p.entities.has(t.name.text)) return this.named('entity', t.name.text);
      return T.error;
    }
    switch (t.name) {
      case '是否': return T.bool;
      case '整数': return T.int;
      case '数量': return T.int;
      case '金额': return T.money;
      case '日期': return T.date;
      case '文本': return T.text;
      case '比例': return T.q('ratio');
      case '列表': {
        if (!t.element) return T.error;
        const el = this.typeOfRef(t.element);
        if (el.k !== 'entity' && el.k !== 'error') {
          if (!this.reportedListElems.has(t)) {
            this.reportedListElems.add(t);
            this.err('ZC0514', t.element.span, `列表的元素必须是实体，这里是${typeToString(el)}`, { help: '先声明一个实体（如 实体 子女 { 出生日期：日期 }），再写 列表（子女）' });
          }
          return T.error;
        }
        return { k: 'list', elem: el };
      }
      case '时长':
      case '年龄':
        if (!t.unit) {
          // (an unknown unit was reported by ZC0303 already: one mistake, one error)
          if (t.unknownUnit === undefined) this.err('ZC0311', t.span, `“${t.name}”类型须注明单位，例如 ${t.name === '时长' ? '时长（天）、时长（个月）' : '年龄（周岁）、年龄（月龄）'}`);
          return T.error;
        }
        if (t.unit.dimension === 'money') return T.money;
        if (t.unit.dimension === 'count') return T.int;
        return T.q(t.unit.dimension);
    }
  }

  literalType(e: Extract<A.Expr, { kind: 'number' }>): Type {
    if (!e.unit) return T.number;
    if (e.unit.dimension === 'money') {
      // money is exact to the fen
      const fen = decMul(decMul(e.value, e.unit.factor), decimal(100n));
      if (!decIsInteger(fen)) this.err('ZC0310', e.span, `金额“${e.raw}”精确到分以下`, { severity: 'warning', help: '金额以分为最小单位' });
      return T.money;
    }
    if (e.unit.dimension === 'count') {
      if (!decIsInteger(e.value)) this.err('ZC0301', e.span, `“${e.raw}”：计数必须是整数`);
      return T.int;
    }
    return T.q(e.unit.dimension);
  }

  /** Type an expression; `expected` guides enum member resolution. */
  expr(e: A.Expr, env: Env, expected?: Type): Type {
    const t = this.exprInner(e, env, expected);
    this.types.set(e, t);
    return t;
  }

  private exprInner(e: A.Expr, env: Env, expected?: Type): Type {
    switch (e.kind) {
      case 'number': return this.literalType(e);
      case 'date': return T.date;
      case 'string': return T.text;
      case 'bool': return T.bool;
      case 'unknown': return T.error;
      case 'dayAnchor': return DAY_ANCHOR;
      case 'period': return PERIOD;
      case 'name': return this.name(e, env, expected);
      case 'it': {
        const el = env.elems[env.elems.length - 1];
        if (!el) {
          this.err('ZC0407', e.span, '“其”只能在量词（均满足、至少一个满足……）或汇总（数量、合计……）的条件中使用，指当前元素');
          return T.error;
        }
        this.resolutions.set(e, { k: 'elem', level: env.elems.length - 1 });
        return this.named('entity', el);
      }
      case 'member': return this.member(e, env);
      case 'quant': {
        const lt = this.expr(e.list, env);
        const el = this.listElem(lt, e.list, e.word);
        if (el) this.bool(e.body, { ...env, elems: [...env.elems, el] });
        else this.poison(e.body);
        return T.bool;
      }
      case 'nth': {
        const lt = this.expr(e.list, env);
        const el = this.listElem(lt, e.list, '按（…）第N个');
        if (!el) {
          this.poison(e.key);
          return T.error;
        }
        const kt = this.expr(e.key, { ...env, elems: [...env.elems, el] });
        if (kt.k !== 'error' && !isOrdered(kt)) this.err('ZC0501', e.key.span, `排序的键应为数、金额、日期或带单位的量，这里是${typeToString(kt)}`);
        this.expr(e.index, env);
        return this.named('entity', el);
      }
      case 'call': return this.call(e, env);
      case 'neg': {
        const t = this.expr(e.operand, env);
        if (t.k !== 'error' && !(isNumeric(t) || t.k === 'money' || t.k === 'quantity')) this.err('ZC0501', e.span, `不能对${typeToString(t)}取负`);
        return t;
      }
      case 'not': {
        this.bool(e.operand, env);
        return T.bool;
      }
      case 'logic': {
        for (const o of e.operands) this.bool(o, env);
        return T.bool;
      }
      case 'arith': return this.arith(e, env);
      case 'compare': {
        const lt = this.expr(e.left, env);
        const rt = this.expr(e.right, env, lt); // (an enum member on the right resolves against lt)
        this.comparable(e.left, lt, e.right, rt, e.op === '=' || e.op === '!=' ? 'eq' : 'ord', e.span, e.word);
        return T.bool;
      }
      case 'in': {
        const st = this.expr(e.subject, env);
        for (const m of e.members) {
          const mt = this.expr(m, env, st);
          this.comparable(e.subject, st, m, mt, 'eq', m.span);
        }
        return T.bool;
      }
      case 'range': {
        const st = this.expr(e.subject, env);
        const lo = this.expr(e.low, env);
        const hi = this.expr(e.high, env);
        this.comparable(e.subject, st, e.low, lo, 'ord', e.low.span, e.word);
        this.comparable(e.subject, st, e.high, hi, 'ord', e.high.span, e.word);
        return T.bool;
      }
    }
  }

  /** Give a subtree the error type without reporting anything (its context already failed). */
  poison(e: A.Expr): void {
    this.types.set(e, T.error);
    for (const c of children(e)) this.poison(c);
  }

  /** The element entity of a list type, or report why the expression is not a list. */
  listElem(t: Type, e: A.Expr, what: string): string | undefined {
    if (t.k === 'error') return undefined;
    if (t.k === 'list' && t.elem.k === 'entity') return t.elem.name;
    this.err('ZC0513', e.span, `“${what}”只能用于列表，这里是${typeToString(t)}`, { help: '列表是类型为 列表（实体） 的字段，如 家庭.子女' });
    return undefined;
  }

  /**
   * Per entity (by name), its fields by name — the first of each name, as `fields.find` gives — each with
   * the id a reference to it has (`field:实体.字段`, made once); null for no such field. Each name is looked
   * up the first time it is met: after that a member expression or an element's bare field name costs no
   * closure, scan of the fields or new id string (11,257 field references in the 50,000-line corpus).
   */
  private readonly fieldIndex = new Map<string, Map<string, { readonly decl: A.FieldDecl; readonly id: string } | null>>();
  private fieldOf(entity: string, name: string): { readonly decl: A.FieldDecl; readonly id: string } | undefined {
    // (filled as names are met, not per entity at once: the language server's incremental check makes a
    // checker per edit and meets a few)
    let index = this.fieldIndex.get(entity);
    if (index === undefined) this.fieldIndex.set(entity, (index = new Map()));
    let hit = index.get(name);
    if (hit === undefined) {
      const f = this.p.entities.get(entity)?.fields.find((x) => x.name.text === name);
      index.set(name, (hit = f ? { decl: f, id: `field:${entity}.${name}` } : null));
    }
    return hit ?? undefined;
  }

  /**
   * Enum members by text: the enums that have a member of that text (in `p.enums` order, each once) and,
   * per enum, the id a reference to that member has (`enumMember:枚举.值`, made once); null for a text no
   * enum has. Each text is looked up the first time it is met.
   */
  private readonly memberIndex = new Map<string, { readonly owners: readonly A.EnumDecl[]; readonly ids: ReadonlyMap<string, string> } | null>();
  private enumMember(text: string): { readonly owners: readonly A.EnumDecl[]; readonly ids: ReadonlyMap<string, string> } | undefined {
    // (filled as names are met — see `fieldOf`)
    let hit = this.memberIndex.get(text);
    if (hit === undefined) {
      const owners: A.EnumDecl[] = [];
      const ids = new Map<string, string>();
      for (const en of this.p.enums.values()) {
        if (!en.members.some((m) => m.text === text)) continue;
        owners.push(en);
        ids.set(en.name.text, `enumMember:${en.name.text}.${text}`);
      }
      this.memberIndex.set(text, (hit = owners.length > 0 ? { owners, ids } : null));
    }
    return hit ?? undefined;
  }

  /** The object of the member expression being checked (a measure name is allowed there: 措施.结果). */
  private memberObject: A.Expr | undefined;

  member(e: Extract<A.Expr, { kind: 'member' }>, env: Env): Type {
    this.memberObject = e.object;
    const ot = this.expr(e.object, env);
    if (ot.k === 'error') return T.error;
    if (ot.k === 'entity') {
      if (ot.name === EVENT_ENTITY) {
        const ft = EVENT_FIELDS[e.member.text];
        if (ft) {
          this.p.references.push({ span: e.member.span, target: `field:${EVENT_ENTITY}.${e.member.text}` });
          return ft;
        }
      }
      const f = this.fieldOf(ot.name, e.member.text);
      if (f) {
        this.p.references.push({ span: e.member.span, target: f.id });
        return this.typeOfRef(f.decl.type);
      }
      const ent = this.p.entities.get(ot.name);
      const key = definitionKey(e.member.text, ot.name);
      const def = this.p.definitions.get(key);
      if (def) {
        this.p.references.push({ span: e.member.span, target: `definition:${key}` });
        this.resolutions.set(e, { k: 'def', key });
        this.dep(env, defNode(key), e.member.span);
        return this.defType(def);
      }
      const cands = [...(ent?.fields.map((x) => x.name.text) ?? Object.keys(EVENT_FIELDS)), ...[...this.p.definitions.values()].filter((d) => d.entity === ot.name).map((d) => d.decl.name.text)];
      const s = suggest(e.member.text, cands);
      this.err('ZC0403', e.member.span, `实体“${ot.name}”没有字段“${e.member.text}”`, s
        ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: e.member.span, newText: e.member.quoted ? `「${s}」` : s }] }] }
        : { help: `在“实体 ${ot.name}”中声明该字段，或写“定义 ${ot.name}.${e.member.text} = …”` });
      return T.error;
    }
    if (ot.k === 'measure') {
      const m = this.p.measures.get(ot.name)!;
      const o = m.decl.outcomes.find((x) => x.name.text === e.member.text);
      if (o) {
        this.p.references.push({ span: e.member.span, target: `outcome:${ot.name}.${e.member.text}` });
        this.dep(env, measureNode(ot.name), e.member.span);
        return this.typeOfRef(o.type);
      }
      const s = suggest(e.member.text, m.decl.outcomes.map((x) => x.name.text));
      this.err('ZC0403', e.member.span, `措施“${ot.name}”没有结果“${e.member.text}”`, s ? { help: `是否想写“${s}”？` } : {});
      return T.error;
    }
    if (ot.k === 'list') {
      this.err('ZC0501', e.span, `${typeToString(ot)}没有字段；对列表的每个元素，请用量词或汇总，如 ${this.text(e.object)} 均满足（${e.member.text} …）`);
      return T.error;
    }
    this.err('ZC0501', e.span, `${typeToString(ot)}没有字段，不能用“.”取值`);
    return T.error;
  }

  text(e: A.Expr): string {
    const f = this.p.files.get(e.span.file);
    return f ? f.source.text.slice(e.span.start, e.span.end) : '';
  }

  call(e: Extract<A.Expr, { kind: 'call' }>, env: Env): Type {
    if (e.callee.text === APPLIES) {
      if (env.scope !== 'property' && env.scope !== 'rule' && env.scope !== 'definition') {
        this.err('ZC0407', e.callee.span, '“适用（措施）”只能在规则、定义和性质中使用');
        return T.error;
      }
      const arg = e.args[0];
      const m = arg && arg.kind === 'name' ? this.p.measures.get(arg.name.text) : undefined;
      if (e.args.length !== 1 || !m || !arg || arg.kind !== 'name') {
        this.err('ZC0501', e.span, '“适用”需要一个措施名称作参数，例如 适用（生育补助）');
        return T.error;
      }
      this.p.references.push({ span: e.callee.span, target: `builtin:${APPLIES}` });
      this.p.references.push({ span: arg.name.span, target: `measure:${arg.name.text}` });
      this.types.set(arg, { k: 'measure', name: arg.name.text });
      this.dep(env, measureNode(arg.name.text), arg.span);
      return T.bool;
    }
    const agg = AGGREGATES[e.callee.text];
    if (agg) {
      this.p.references.push({ span: e.callee.span, target: `builtin:${e.callee.text}` });
      if (!agg.arity.includes(e.args.length)) {
        this.err('ZC0501', e.span, `“${e.callee.text}”需要 ${agg.arity.join(' 或 ')} 个参数，这里有 ${e.args.length} 个`, { help: agg.doc });
        for (const a of e.args) this.expr(a, env);
        return T.error;
      }
      const lt = this.expr(e.args[0]!, env);
      const el = this.listElem(lt, e.args[0]!, e.callee.text);
      const body = e.args[1];
      if (!el) {
        if (body) this.poison(body);
        return agg.kind === 'count' ? T.int : T.error;
      }
      const inner: Env = { ...env, elems: [...env.elems, el] };
      if (agg.kind === 'count') {
        if (body) this.bool(body, inner);
        return T.int;
      }
      const bt = this.expr(body!, inner);
      if (bt.k === 'error') return T.error;
      if (agg.kind === 'sum' && !(isNumeric(bt) || bt.k === 'money' || (bt.k === 'quantity' && bt.dim !== 'ratio' && bt.dim !== 'ageMonths' && bt.dim !== 'ageYears'))) {
        this.err('ZC0501', body!.span, `“合计”只能对数、金额或时长求和，这里是${typeToString(bt)}`);
        return T.error;
      }
      if (!isOrdered(bt)) {
        this.err('ZC0501', body!.span, `“${e.callee.text}”只能用于数、金额、日期或带单位的量，这里是${typeToString(bt)}`);
        return T.error;
      }
      return bt.k === 'number' ? T.int : bt;
    }
    const f = FUNCTIONS[e.callee.text];
    if (!f) {
      const s = suggest(e.callee.text, [...Object.keys(FUNCTIONS), ...Object.keys(AGGREGATES)]);
      this.err('ZC0401', e.callee.span, `未定义的函数“${e.callee.text}”`, { help: s ? `是否想写“${s}”？` : `可用的函数：${[...Object.keys(FUNCTIONS), ...Object.keys(AGGREGATES)].join('、')}` });
      for (const a of e.args) this.expr(a, env);
      return T.error;
    }
    this.p.references.push({ span: e.callee.span, target: `builtin:${e.callee.text}` });
    if (e.args.length !== f.params.length) {
      this.err('ZC0501', e.span, `函数“${e.callee.text}”需要 ${f.params.length} 个参数，这里有 ${e.args.length} 个`);
    }
    e.args.forEach((a, i) => {
      const at = this.expr(a, env);
      const pt = f.params[i];
      if (pt && at.k !== 'error' && !sameType(at, pt)) this.err('ZC0501', a.span, `函数“${e.callee.text}”的第 ${i + 1} 个参数应为${typeToString(pt)}，这里是${typeToString(at)}`);
    });
    if (e.callee.text === SOME_DAY) {
      const [lo, hi] = e.args;
      if (e.args.some((a) => a.kind !== 'date')) this.err('ZC0311', e.span, '“某日”的两个参数须直接写日期，如 某日（2023年1月1日，2023年12月31日）');
      else if (lo && hi && lo.kind === 'date' && hi.kind === 'date' && compareDates(lo.value, hi.value) > 0) {
        this.err('ZC0308', e.span, '“某日”的最早日期晚于最晚日期', {
          help: '写作 某日（最早日期，最晚日期）',
          fixes: [{ title: '交换两个日期', edits: [{ span: lo.span, newText: this.text(hi) }, { span: hi.span, newText: this.text(lo) }] }],
        });
      }
    }
    return f.result;
  }

  bool(e: A.Expr, env: Env): void {
    const t = this.expr(e, env);
    if (t.k !== 'bool' && t.k !== 'error') this.err('ZC0504', e.span, `条件应为“是否”类型，这里是${typeToString(t)}`, conditionHelp(this.text(e), t, this.p));
  }

  /** Bare name → the container-less symbols of the kinds a bare name may denote (KINDS_BUILTIN_FIRST), built on first use. */
  private byName: Map<string, Sym[]> | undefined;
  /**
   * The symbol a bare name denotes: of the first kind in KINDS_BUILTIN_FIRST (KINDS_AGGREGATE_FIRST
   * for an aggregate's name) that has a symbol `kind:name` — one lookup by the name's own text, no
   * id string built per kind and reference.
   */
  private namedSymbol(text: string): Sym | undefined {
    let index = this.byName;
    if (!index) {
      index = this.byName = new Map();
      const kinds: ReadonlySet<string> = new Set(KINDS_BUILTIN_FIRST);
      for (const s of this.p.symbols.values()) {
        if (s.container !== undefined || !kinds.has(s.kind)) continue;
        // INVARIANT: a container-less symbol's id is `kind:name` (Binder.define) — the key the lookup meant
        const list = index.get(s.name);
        if (list) list.push(s);
        else index.set(s.name, [s]);
      }
    }
    const list = index.get(text);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    for (const k of AGGREGATES[text] ? KINDS_AGGREGATE_FIRST : KINDS_BUILTIN_FIRST) {
      const s = list.find((x) => x.kind === k);
      if (s) return s;
    }
    return undefined;
  }

  name(e: Extract<A.Expr, { kind: 'name' }>, env: Env, expected?: Type): Type {
    const n = e.name;
    const text = n.text;
    const scope = env.scope;
    if (expected?.k === 'enum') {
      const id = this.enumMember(text)?.ids.get(expected.name);
      if (id !== undefined) {
        this.p.references.push({ span: n.span, target: id });
        return expected;
      }
    }
    // the element's bare field names and definitions (innermost element first)
    for (let level = env.elems.length - 1; level >= 0; level--) {
      const el = env.elems[level]!;
      const f = this.fieldOf(el, text);
      if (f) {
        this.p.references.push({ span: n.span, target: f.id });
        this.resolutions.set(e, { k: 'elemField', level, field: text });
        return this.typeOfRef(f.decl.type);
      }
      const def = this.p.definitions.get(definitionKey(text, el));
      if (def) {
        this.p.references.push({ span: n.span, target: `definition:${def.key}` });
        this.resolutions.set(e, { k: 'elemDef', level, key: def.key });
        this.dep(env, defNode(def.key), n.span);
        return this.defType(def);
      }
    }
    if (text === env.self) {
      this.p.references.push({ span: n.span, target: `entity:${text}` });
      this.resolutions.set(e, SELF);
      return this.named('entity', text);
    }
    // (the first kind that has the name)
    const sym = this.namedSymbol(text);
    if (sym) {
      const id = sym.id;
      const kind = sym.kind;
      if (kind === 'entity' && scope === 'sunset' && text !== EVENT_ENTITY) {
        this.err('ZC0407', n.span, `失效条件中只能使用“事件”的字段，不能使用实体“${text}”`);
        return T.error;
      }
      if (kind === 'entity' && scope !== 'sunset' && scope !== 'property' && text === EVENT_ENTITY) {
        this.err('ZC0407', n.span, '“事件”只能在政策的“失效”条件和“性质”中使用');
        return T.error;
      }
      // (施行日 is a constant of the policy: allowed in 失效 and in a rule's 有效期 — `施行日 + 3年 - 1天`, checked
      // for that form below — not in indicators, which are plain numbers and dates)
      if ((kind === 'entity' || kind === 'definition' || (text === EFFECTIVE_DATE && scope !== 'sunset' && scope !== 'ruleValidity')) && (scope === 'indicator' || scope === 'validity' || scope === 'ruleValidity' || scope === 'sunset') && text !== EVENT_ENTITY) {
        const what = scope === 'indicator' ? '指标' : scope === 'validity' ? '指标的日期' : scope === 'ruleValidity' ? '有效期' : '失效条件';
        this.err('ZC0407', n.span, `${what}中不能使用${kind === 'entity' ? `实体“${text}”` : kind === 'definition' ? `定义“${text}”` : `“${text}”`}（${what}不依赖个案事实）`);
        return T.error;
      }
      this.p.references.push({ span: n.span, target: id });
      switch (kind) {
        case 'builtin':
          if (text === EVAL_DATE) return T.date;
          if (text === EFFECTIVE_DATE) return T.date;
          if (text === IS_VOID) {
            if (scope === 'property') return T.bool;
            this.err('ZC0407', n.span, '“已废止”只能在“性质”中使用');
            return T.error;
          }
          this.err('ZC0407', n.span, `“${text}”是函数，应写成 ${text}（…）`);
          return T.error;
        case 'entity':
          this.resolutions.set(e, ROOT);
          return this.named('entity', text);
        case 'param':
          if (scope === 'indicator') {
            this.err('ZC0407', n.span, `指标中不能使用参数“${text}”：参数的取值随评估日期变化，而指标是固定的数`, { help: '把参数的值直接写进指标，或在规则中使用参数' });
            return T.error;
          }
          return this.typeOfRef(this.p.params.get(text)!.type);
        case 'indicator': {
          const ind = this.p.indicators.get(text)!.decl;
          if (ind.type) return this.typeOfRef(ind.type);
          return this.indicatorType(text);
        }
        case 'definition': {
          const def = this.p.definitions.get(text)!;
          this.resolutions.set(e, { k: 'def', key: def.key });
          this.dep(env, defNode(def.key), n.span);
          return this.defType(def);
        }
        case 'measure':
          if (scope !== 'property' && !(this.memberObject === e && (scope === 'rule' || scope === 'definition'))) {
            this.err('ZC0407', n.span, `措施“${text}”不能单独使用：写 适用（${text}） 或 ${text}.结果名`);
            return T.error;
          }
          return { k: 'measure', name: text };
      }
    }
    // a bare enum member, if unambiguous
    // (looked up only here and for an expected enum, as before: most names are not enum members)
    const members = this.enumMember(text);
    const owners = members?.owners ?? [];
    if (owners.length === 1) {
      this.p.references.push({ span: n.span, target: members!.ids.get(owners[0]!.name.text)! });
      return this.named('enum', owners[0]!.name.text);
    }
    if (owners.length > 1) {
      this.err('ZC0506', n.span, `“${text}”是多个枚举的值（${owners.map((o) => o.name.text).join('、')}），此处无法确定`, { help: '与一个枚举类型的字段比较，例如 女职工.性别 为 女' });
      return T.error;
    }
    if (expected?.k === 'enum') {
      const en = this.p.enums.get(expected.name);
      const s = suggest(text, en?.members.map((m) => m.text) ?? []);
      this.err('ZC0506', n.span, `枚举“${expected.name}”没有值“${text}”`, s
        ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: n.span, newText: n.quoted ? `「${s}」` : s }] }] }
        : { help: `可用的值：${en?.members.map((m) => m.text).join('、')}` });
      return T.error;
    }
    const elemNames = env.elems.flatMap((el) => [
      ...(this.p.entities.get(el)?.fields.map((f) => f.name.text) ?? []),
      ...[...this.p.definitions.values()].filter((d) => d.entity === el).map((d) => d.decl.name.text),
    ]);
    const cands = [...elemNames, ...[...this.p.symbols.values()].filter((s) => ['entity', 'param', 'indicator', 'measure', 'builtin'].includes(s.kind) || (s.kind === 'definition' && !s.container)).map((s) => s.name)];
    const s = suggest(text, cands);
    this.err('ZC0401', n.span, `未定义的名称“${text}”`, s
      ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: n.span, newText: n.quoted ? `「${s}」` : s }] }] }
      : { help: env.elems.length ? `在量词或汇总的条件中，可直接写元素的字段名（${elemNames.slice(0, 6).join('、')}${elemNames.length > 6 ? '…' : ''}）` : '名称须先声明（实体、参数、指标、定义）；实体的字段写作 实体.字段' });
    return T.error;
  }

  readonly defTypes = new Map<string, Type | 'pending'>();
  /** Type of a definition: its declared type, or its value's type computed on demand. */
  defType(d: DefinitionInfo): Type {
    if (d.decl.type) return this.fieldType(d.decl.type);
    const st = this.defTypes.get(d.key);
    if (st === 'pending') return T.error; // a cycle: reported once by the dependency check
    if (st) return st;
    return this.checkDefinition(d);
  }

  /** Check a definition's value once; returns its type. */
  checkDefinition(d: DefinitionInfo): Type {
    const st = this.defTypes.get(d.key);
    if (st && st !== 'pending') return st;
    if (st === 'pending') return T.error;
    this.defTypes.set(d.key, 'pending');
    const env: Env = { scope: 'definition', elems: [], owner: defNode(d.key), ...(d.entity ? { self: d.entity } : {}) };
    const declared = d.decl.type ? this.fieldType(d.decl.type) : undefined;
    let t = this.expr(d.decl.value, env, declared);
    if (t.k === 'number') t = T.int;
    if (declared && declared.k !== 'error' && t.k !== 'error' && !sameType(declared, t) && !(isNumeric(declared) && isNumeric(t))) {
      this.err('ZC0505', d.decl.value.span, `定义“${d.key}”声明为${typeToString(declared)}，但值是${typeToString(t)}`, { help: unitHelp(declared, t) });
    }
    if (t.k === 'entity' || t.k === 'list' || t.k === 'measure' || t.k === 'period' || t.k === 'dayAnchor') {
      this.err('ZC0501', d.decl.value.span, `定义的值应为是否、数、金额、日期、文本、枚举或带单位的量，这里是${typeToString(t)}`);
      t = T.error;
    }
    const result = declared ?? t;
    this.defTypes.set(d.key, result);
    return result;
  }

  /** Report each cycle of the definition/measure dependency graph once, with the cycle shown. */
  cycles(): void {
    const state = new Map<string, 1 | 2>();
    const reported = new Set<string>();
    const visit = (node: string, stack: string[]): void => {
      state.set(node, 1);
      for (const [target, span] of this.deps.get(node) ?? []) {
        if (state.get(target) === 1) {
          // shown from the node whose reference closes the cycle (where the caret is)
          const cycle = [node, ...stack.slice(stack.indexOf(target))];
          const key = [...cycle].sort().join('|');
          if (!reported.has(key)) {
            reported.add(key);
            this.err('ZC0410', span, `循环引用：${[...cycle, node].join(' → ')}`, {
              help: '定义与措施不能直接或间接引用自己；把其中一环改写为只依赖输入事实',
            });
          }
          continue;
        }
        if (!state.has(target)) visit(target, [...stack, node]);
      }
      state.set(node, 2);
    };
    for (const node of [...this.deps.keys()].sort()) if (!state.has(node)) visit(node, []);
  }

  arith(e: Extract<A.Expr, { kind: 'arith' }>, env: Env): Type {
    const lt = this.expr(e.left, env);
    const rt = this.expr(e.right, env);
    if (lt.k === 'error' || rt.k === 'error') return T.error;
    const bad = (): Type => {
      this.err(e.op === '+' || e.op === '-' ? 'ZC0502' : 'ZC0512', e.span, `${typeToString(lt)} ${opName(e.op)} ${typeToString(rt)} 没有意义`, {
        help: e.op === '+' || e.op === '-'
          ? lt.k === 'date' && rt.k === 'quantity' && rt.dim === 'workdays'
            ? '工作日不能直接加到日期上（工作日的天数取决于节假日安排）；“N个工作日内”的最后一天写作 工作日期限（起始日， N个工作日）'
            : '只有单位相同的量才能相加减'
          : undefined,
      });
      return T.error;
    };
    if (e.op === '/' && e.right.kind === 'number' && decSign(e.right.value) === 0) {
      this.err('ZC0507', e.right.span, '除数为零');
      return T.error;
    }
    const num = (t: Type) => isNumeric(t);
    switch (e.op) {
      case '+':
      case '-':
        if (num(lt) && num(rt)) return lt.k === 'int' && rt.k === 'int' ? T.int : T.number;
        if (sameType(lt, rt) && (lt.k === 'money' || lt.k === 'quantity')) return lt;
        if (lt.k === 'date' && rt.k === 'quantity' && ['days', 'weeks', 'months', 'years'].includes(rt.dim)) return T.date;
        if (e.op === '+' && rt.k === 'date' && lt.k === 'quantity' && ['days', 'weeks', 'months', 'years'].includes(lt.dim)) return T.date;
        if (e.op === '-' && lt.k === 'date' && rt.k === 'date') return T.q('days');
        return bad();
      case '*':
        if (num(lt) && num(rt)) return lt.k === 'int' && rt.k === 'int' ? T.int : T.number;
        if ((lt.k === 'money' || lt.k === 'quantity') && (num(rt) || (rt.k === 'quantity' && rt.dim === 'ratio'))) return lt;
        if ((rt.k === 'money' || rt.k === 'quantity') && (num(lt) || (lt.k === 'quantity' && lt.dim === 'ratio'))) return rt;
        return bad();
      case '/':
        if (num(lt) && num(rt)) return T.number;
        if ((lt.k === 'money' || lt.k === 'quantity') && num(rt)) return lt;
        // a proportion of two amounts of one dimension is an exact ratio (1000元 ÷ 600元 = 166.(6)%)
        if (sameType(lt, rt) && (lt.k === 'money' || (lt.k === 'quantity' && lt.dim !== 'ratio'))) return T.q('ratio');
        // a ratio of two ratios is a plain number (4.8‰ ÷ 3.6‰ = 1.(3), rounded where an integer is needed)
        if (sameType(lt, rt) && lt.k === 'quantity') return T.number;
        if (num(lt) && rt.k === 'quantity' && rt.dim === 'ratio') return T.number;
        return bad();
    }
  }

  /** Check two sides of a comparison. */
  comparable(le: A.Expr, lt: Type, re: A.Expr, rt: Type, mode: 'eq' | 'ord', span: A.Expr['span'], word?: string): void {
    if (lt.k === 'error' || rt.k === 'error') return;
    if (mode === 'ord' && (!isOrdered(lt) || !isOrdered(rt))) {
      this.err('ZC0501', span, `${word ? `“${word}”` : '大小比较'}只能用于数、金额、日期和带单位的量，这里是${typeToString(lt)}与${typeToString(rt)}`);
      return;
    }
    if (isNumeric(lt) && isNumeric(rt)) return;
    if (sameType(lt, rt)) return;
    // unitless literal compared with a count
    if ((lt.k === 'int' && re.kind === 'number' && rt.k === 'number') || (rt.k === 'int' && le.kind === 'number')) return;
    // 月龄 vs 周岁: only through an exact literal conversion
    if (lt.k === 'quantity' && rt.k === 'quantity' && isAge(lt) && isAge(rt)) {
      const lit = re.kind === 'number' ? re : le.kind === 'number' ? le : undefined;
      const litType = lit === re ? rt : lt;
      if (lit && lit.kind === 'number') {
        const months = litType.k === 'quantity' && litType.dim === 'ageYears' ? decMul(lit.value, decimal(12n)) : decDivExact(lit.value, decimal(12n));
        const exact = litType.k === 'quantity' && litType.dim === 'ageYears'
          ? decIsInteger(months as ReturnType<typeof decMul>)
          : (months as ReturnType<typeof decDivExact>).exact && decIsInteger((months as ReturnType<typeof decDivExact>).value);
        if (exact) return;
        this.err('ZC0503', lit.span, `“${lit.raw}”不能精确换算为${litType.k === 'quantity' && litType.dim === 'ageYears' ? '整月龄' : '周岁'}，月龄与周岁不能这样比较`, { help: '改用同一种年龄单位书写' });
        return;
      }
      this.err('ZC0503', span, `月龄与周岁不能直接比较（${typeToString(lt)} 与 ${typeToString(rt)}）`, { help: '两边改用同一种年龄单位：例如 月龄（出生日期） ≥ 24月龄' });
      return;
    }
    const help = unitHelp(lt, rt);
    this.err('ZC0502', span, `单位或类型不兼容：${typeToString(lt)} 与 ${typeToString(rt)}`, { ...(help ? { help } : {}), ...unitFix(le, lt, re, rt) });
  }

  readonly indicatorTypes = new Map<string, Type | 'pending'>();
  /** Type of an indicator's value, computed on demand (indicators may refer to later ones). */
  indicatorType(name: string): Type {
    const st = this.indicatorTypes.get(name);
    if (st === 'pending') {
      const d = this.p.indicators.get(name)!.decl;
      this.err('ZC0407', d.name.span, `指标“${name}”的定义循环引用了自己`);
      return T.error;
    }
    if (st) return st;
    this.indicatorTypes.set(name, 'pending');
    const t = this.expr(this.p.indicators.get(name)!.decl.value, env0('indicator'));
    this.indicatorTypes.set(name, t);
    return t;
  }

  run(): void {
    const p = this.p;
    // field types are checked where they are declared, not only where used
    for (const [, e] of p.entities) {
      if (!this.want(e)) continue;
      for (const f of e.fields) {
        const ft = this.fieldType(f.type);
        if (f.signed && ft.k !== 'error' && !(ft.k === 'int' || ft.k === 'money' || (ft.k === 'quantity' && ft.dim !== 'ageMonths' && ft.dim !== 'ageYears'))) {
          const src = this.p.files.get(f.span.file)?.source.text ?? '';
          const at = src.indexOf('可为负', f.type.span.end);
          const fix = at >= 0 && at < f.span.end ? [{ title: '删除“可为负”', edits: [{ span: { file: f.span.file, start: f.type.span.end, end: at + '可为负'.length }, newText: '' }] }] : [];
          this.err('ZC0311', f.type.span, `“可为负”只能用于整数、金额、时长和比例，字段“${f.name.text}”是${typeToString(ft)}`, { help: '删除“可为负”', ...(fix.length ? { fixes: fix } : {}) });
        }
      }
    }
    // indicators (others may refer to them, in any order)
    for (const [, ind] of p.indicators) {
      if (!this.want(ind.decl)) continue;
      const t = this.indicatorType(ind.decl.name.text);
      // an indicator is a number computed at compile time (lowering folds it to a constant)
      if (t.k !== 'error' && t.k !== 'int' && t.k !== 'number' && t.k !== 'money' && t.k !== 'quantity') {
        this.err('ZC0515', ind.decl.value.span, `指标“${ind.decl.name.text}”的值是${typeToString(t)}：指标只能是由数字、单位和其他指标算出的数值（金额、数量、比例、数）`, {
          help: t.k === 'date' ? '固定的日期写成参数（参数 X：日期 来自 "参数.yaml"），或直接写在规则中' : '改用参数或定义；指标只用于数值',
        });
      }
      if (ind.decl.type) {
        const dt = this.typeOfRef(ind.decl.type);
        if (dt.k !== 'error' && t.k !== 'error' && !sameType(dt, t) && !(isNumeric(dt) && isNumeric(t))) {
          this.err('ZC0505', ind.decl.value.span, `指标“${ind.decl.name.text}”声明为${typeToString(dt)}，但值是${typeToString(t)}`);
        }
      }
      if (ind.decl.date) {
        const dt = this.expr(ind.decl.date, env0('validity'));
        if (dt.k !== 'date' && dt.k !== 'error') this.err('ZC0501', ind.decl.date.span, '指标的“日期”应为日期');
      }
    }
    const pol = !p.policy || this.want(p.policy.decl);
    const sunset = p.policy?.decl.sunset;
    if (sunset && pol) this.bool(sunset.condition, env0('sunset'));
    const eff = p.policy?.decl.effective;
    if (p.policy && pol && (!eff || (!eff.date && !eff.range && !eff.invalid))) {
      this.err('ZC0511', eff?.span ?? p.policy.decl.span, '政策的生效日期未知', {
        help: '若原文未写明日期（如“自文件下发之日起”），写“生效：未知”并用“说明”记录原文；核查报告会将其列为有效性发现',
        severity: eff ? 'info' : 'warning',
      });
    }
    for (const [, m] of p.measures) {
      if (!this.want(m.decl)) continue;
      // (outcome name → type; a measure has a handful of outcomes and a rule of assignments: arrays, no Map each)
      const outcomes = m.decl.outcomes;
      const outcomeTypes = outcomes.map((o) => this.typeOfRef(o.type));
      const outcomeType = (name: string): Type | undefined => {
        let found: Type | undefined;
        for (let i = 0; i < outcomes.length; i++) if (outcomes[i]!.name.text === name) found = outcomeTypes[i]; // (the last one, as a Map built from them kept)
        return found;
      };
      for (let i = 0; i < outcomes.length; i++) {
        const o = outcomes[i]!;
        const ot = outcomeType(o.name.text)!;
        if (o.period && o.period !== '一次性' && !(ot.k === 'money' || ot.k === 'quantity' || ot.k === 'bool' || isNumeric(ot))) {
          this.err('ZC0509', o.span, `周期“${o.period}”只适用于金额、数量或是否（权益）类结果，“${o.name.text}”是${typeToString(ot)}`);
        }
      }
      if (m.decl.rules.length === 0 && !m.decl.reason) {
        this.err('ZC0510', m.decl.name.span, `措施“${m.decl.name.text}”既没有规则，也没有说明为何不可计算`, { help: '补上规则，或写“类别：…”与“理由：\"…\"”' });
      }
      const menv: Env = { scope: 'rule', elems: [], owner: measureNode(m.decl.name.text) };
      // (naming itself is reported by the binder, ZC0407: not a second time as a cycle)
      if (m.decl.application && m.decl.application.text !== m.decl.name.text && p.measures.has(m.decl.application.text)) this.dep(menv, measureNode(m.decl.application.text), m.decl.application.span);
      for (const r of m.decl.rules) {
        if (r.condition) this.bool(r.condition, menv);
        const assignments = r.assignments;
        for (let j = 0; j < assignments.length; j++) {
          const a = assignments[j]!;
          // the latest earlier assignment of the same outcome (as the Map of assignments kept)
          let prev: A.Assignment | undefined;
          for (let k = j - 1; k >= 0 && !prev; k--) if (assignments[k]!.target.text === a.target.text) prev = assignments[k];
          if (prev) this.err('ZC0306', a.target.span, `规则“${r.name.text}”中结果“${a.target.text}”被赋值两次`, { related: [{ span: prev.target.span, message: '第一次赋值' }], help: '删除其中一处' });
          const want = outcomeType(a.target.text);
          const got = this.expr(a.value, menv, want);
          if (want && want.k !== 'error' && got.k !== 'error' && !sameType(want, got) && !(isNumeric(want) && isNumeric(got))) {
            this.err('ZC0505', a.value.span, `结果“${a.target.text}”是${typeToString(want)}，这里给出的是${typeToString(got)}`, { help: unitHelp(want, got), ...unitFix(a.value, want, a.value, got) });
          }
        }
        for (const v of [r.validFrom, r.validTo]) {
          if (!v) continue;
          const t = this.expr(v, env0('ruleValidity'));
          if (t.k !== 'date' && t.k !== 'error') this.err('ZC0501', v.span, `有效期的起止应为日期，这里是${typeToString(t)}`);
          // (an end whose type is already an error has its diagnostic: one mistake, one error)
          else if (t.k !== 'error' && v.kind !== 'date' && !relativeEnd(v)) {
            this.err('ZC0311', v.span, '有效期的起止须写日期（如 2024年3月1日）或“施行日 ± 时长”（如 施行日 + 3年 - 1天），不能是其他表达式或参数', { help: '写成“有效期：2024年3月1日 至 2026年12月31日”；自施行日起三年写成“有效期：3年”' });
          }
        }
        // both ends counted from the 施行日: the start after the end whatever day it is (as ZC0308 for two dates)
        const fromShifts = r.validFrom ? relativeEnd(r.validFrom) : undefined;
        const toShifts = r.validTo ? relativeEnd(r.validTo) : undefined;
        if (fromShifts && toShifts && startAlwaysAfterEnd(fromShifts, toShifts)) {
          this.err('ZC0308', { file: r.validFrom!.span.file, start: r.validFrom!.span.start, end: r.validTo!.span.end }, '有效期的起点晚于终点（两端都自施行日起算，无论施行日是哪一天）', { help: '写成“有效期：施行日 至 施行日 + 3年 - 1天”，起点在前' });
        }
        if (r.validFor) {
          const t = this.expr(r.validFor, env0('ruleValidity'));
          const s = durationShift(r.validFor);
          if (t.k !== 'error' && (!s || s.n <= 0)) {
            this.err('ZC0311', r.validFor.span, '“有效期”的期限应为正整数的天、周、个月或年（如 有效期：3年），自施行日起算', { help: '写成“有效期：3年”，或写出起止：“有效期：2024年3月1日 至 2027年2月28日”' });
          }
        }
      }
    }
    for (const [, pr] of p.properties) {
      if (!this.want(pr.decl)) continue;
      if (pr.decl.condition) this.bool(pr.decl.condition, env0('property'));
      for (const a of pr.decl.asserts) this.bool(a, env0('property'));
    }
    for (const [, d] of p.definitions) {
      if (!this.want(d.decl)) continue;
      if (d.decl.type) this.fieldType(d.decl.type);
      this.checkDefinition(d);
    }
    for (const [, a] of p.assumptions) if (a.decl.condition && this.want(a.decl)) this.bool(a.decl.condition, env0('assumption'));
    // list fields: the element must be an entity (reported where the field is declared)
    this.cycles();
  }
}

function isAge(t: Type): boolean {
  return t.k === 'quantity' && (t.dim === 'ageMonths' || t.dim === 'ageYears');
}

function opName(op: '+' | '-' | '*' | '/'): string {
  return op === '+' ? '加' : op === '-' ? '减' : op === '*' ? '乘' : '除以';
}

/**
 * The help of a ZC0502 comparison between two incompatible types: the usual slip behind it
 * and how to write it (a bare number for an amount or an age, 年/个月 for an age, a date
 * compared with an age), or undefined when there is no obvious fix.
 */
function unitHelp(a: Type, b: Type): string | undefined {
  if ((a.k === 'money') !== (b.k === 'money') && (a.k === 'number' || b.k === 'number')) return '金额须带单位“元”或“万元”，例如 1000元';
  const age = (t: Type): t is Extract<Type, { k: 'quantity' }> => t.k === 'quantity' && (t.dim === 'ageYears' || t.dim === 'ageMonths');
  const ageOf = age(a) ? a : age(b) ? b : undefined;
  if (ageOf) {
    const other = ageOf === a ? b : a;
    const example = ageOf.dim === 'ageYears' ? '3周岁' : '6月龄';
    if (other.k === 'number' || other.k === 'int') return `年龄须带单位“周岁”或“月龄”，例如 ${example}`;
    if (other.k === 'quantity' && (other.dim === 'years' || other.dim === 'months')) {
      return `年龄写“周岁”或“月龄”，例如 ${example}；“年”“个月”是时长，不是年龄`;
    }
    if (other.k === 'date') return `日期不是年龄：用 周岁（出生日期） 或 月龄（出生日期） 求出评估日期那天的年龄，再与 ${example} 比较`;
  }
  if (a.k === 'int' && b.k === 'quantity') return '计数与带单位的量不能比较';
  return undefined;
}

/**
 * The help of ZC0504 (a value where a condition goes) when the slip is plain: an enum value is
 * compared with one of its values (户籍 → 户籍 为 本县), a date or a number with a bound.
 */
function conditionHelp(text: string, t: Type, p: BoundProgram): { help?: string } {
  if (t.k === 'enum') {
    const first = p.enums.get(t.name)?.members[0]?.text;
    return first ? { help: `写出要比较的值，如 ${text} 为 ${first}` } : {};
  }
  if (t.k === 'date') return { help: `写出与什么日期比较，如 ${text} ≥ 2024年1月1日` };
  if (t.k === 'int' || t.k === 'number' || t.k === 'money' || t.k === 'quantity') return { help: `写出比较，如 ${text} ≥ …` };
  return {};
}

/**
 * The quick fix of a ZC0502 comparison of an amount or an age with a number written without a
 * unit (`家庭.月收入 ≥ 1000`, `周岁（出生日期） 不满 3`): append the unit the other side has
 * (元, 周岁, 月龄) to the number. Nothing when neither side is such a bare number literal.
 */
function unitFix(le: A.Expr, lt: Type, re: A.Expr, rt: Type): { fixes?: { title: string; edits: { span: A.Expr['span']; newText: string }[] }[] } {
  const unitOf = (t: Type): string | undefined =>
    t.k === 'money' ? '元' : t.k === 'quantity' && t.dim === 'ageYears' ? '周岁' : t.k === 'quantity' && t.dim === 'ageMonths' ? '月龄' : undefined;
  const bare = (e: A.Expr, t: Type): e is Extract<A.Expr, { kind: 'number' }> => e.kind === 'number' && !e.unit && t.k === 'number';
  const [lit, unit] = bare(re, rt) ? [re, unitOf(lt)] : bare(le, lt) ? [le, unitOf(rt)] : [undefined, undefined];
  if (!lit || !unit) return {};
  return { fixes: [{ title: `改为“${lit.raw}${unit}”`, edits: [{ span: { file: lit.span.file, start: lit.span.end, end: lit.span.end }, newText: unit }] }] };
}

/** Type-check a bound program. */
export function check(p: BoundProgram): Result<CheckedProgram> {
  const { memo: _memo, ...r } = checkWith(p);
  return r;
}

/** What a check run computed besides its result: the input of a later run on a subset (`checkWith`'s `seed`). */
export interface CheckMemo {
  /** Definition key → its type; indicator name → its type. */
  readonly defTypes: ReadonlyMap<string, Type | 'pending'>;
  readonly indicatorTypes: ReadonlyMap<string, Type | 'pending'>;
  /** The definition/measure dependency graph (ZC0410): owner node → target node → span of the reference. */
  readonly deps: ReadonlyMap<string, Map<string, A.Expr['span']>>;
}

/**
 * `check`, optionally on a subset: with `only`, the declarations (entity, indicator, measure,
 * property, definition, assumption and policy AST nodes) outside it are not checked, and the
 * types and dependencies `seed` gives for them are used where checked ones refer to them. The
 * checker appends the references it resolves to `p.references`.
 */
export function checkWith(p: BoundProgram, opts: { only?: ReadonlySet<object>; seed?: CheckMemo } = {}): Result<CheckedProgram> & { memo: CheckMemo } {
  const c = new Checker(p, opts.only, opts.seed);
  c.run();
  return { value: { ...p, types: c.types, resolutions: c.resolutions }, diagnostics: c.diagnostics, memo: { defTypes: c.defTypes, indicatorTypes: c.indicatorTypes, deps: c.deps } };
}

