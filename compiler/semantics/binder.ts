/**
 * Binding pass.
 * Input: the ASTs of one program. Output: BoundProgram (symbols, clause labels and
 * anchors, exception graph, references) + diagnostics (ZC03xx clause numbering,
 * ZC04xx names).
 *
 * INVARIANT: declarations of the top-level namespace (枚举 实体 参数 机构 措施 指标 性质
 * 存疑) are unique per program; rules and outcomes are scoped to their measure, fields
 * to their entity, members to their enum.
 */
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import type { Span } from '../common/source.js';
import { formatChineseNumeral } from '../common/numerals.js';
import type * as A from '../syntax/ast.js';
import { definitionKey, symbolId, type BoundProgram, type ClauseInfo, type DefinitionInfo, type MeasureInfo, type ProgramFile, type Reference, type Sym, type SymbolKind } from './model.js';
import { EVENT_ENTITY, EVENT_FIELDS, LEVEL_ENUM, LEVELS, EVAL_DATE, EFFECTIVE_DATE, FUNCTIONS, AGGREGATES, IS_VOID, APPLIES } from './builtins.js';
import { suggest } from '../common/suggest.js';

export { suggest };

const LEVEL_ORDER: Record<A.ClauseLevel, number> = { annex: 0, sec: 1, subsec: 2, item: 3, subitem: 4 };
const LEVEL_NAME: Record<A.ClauseLevel, string> = { annex: '附件', sec: '一级（一、）', subsec: '二级（（一））', item: '三级（1.）', subitem: '四级（（1））' };

/**
 * Display form of one clause-number part. (The binder labels every 条款 by all its parts; the Chinese
 * numerals of small numbers are made once by `formatChineseNumeral`.)
 */
export function partLabel(p: A.ClauseNumberPart): string {
  switch (p.level) {
    case 'annex': return `附件${p.n}`;
    case 'sec': return formatChineseNumeral(BigInt(p.n));
    case 'subsec': return `（${formatChineseNumeral(BigInt(p.n))}）`;
    case 'item': return `${p.n}.`;
    case 'subitem': return `（${p.n}）`;
  }
}

/** Akoma-Ntoso-style eId part. */
export function partAnchor(p: A.ClauseNumberPart): string {
  return `${p.level}_${p.n}`;
}

/** `Binder.define`'s options: the symbol's container and clause, its declaration; `global`: in the top-level namespace. */
interface DefineOptions {
  readonly container?: string | undefined;
  readonly clause?: string | undefined;
  readonly decl?: unknown;
  readonly global?: boolean;
}
const NO_OPTIONS: DefineOptions = {};

/**
 * A symbol whose spans are read from its AST nodes (so a declaration the parser moves in place keeps
 * its symbols: bindIncrementally). One object per symbol, the getters on the prototype — it was an
 * object literal with two getter closures and three spreads per symbol.
 * INVARIANT: `container`, `clause` and `decl` are own properties only when given (as before).
 */
class NodeSym implements Sym {
  readonly id: string;
  readonly kind: SymbolKind;
  readonly name: string;
  declare readonly container?: string;
  declare readonly clause?: string;
  declare readonly decl?: unknown;
  declare type?: Sym['type'];
  readonly #nameNode: A.Name;
  readonly #owner: { readonly span: Span };
  constructor(id: string, kind: SymbolKind, nameNode: A.Name, owner: { readonly span: Span }, container: string | undefined, clause: string | undefined, decl: unknown) {
    this.id = id;
    this.kind = kind;
    this.name = nameNode.text;
    this.#nameNode = nameNode;
    this.#owner = owner;
    if (container) (this as { container?: string }).container = container;
    if (clause) (this as { clause?: string }).clause = clause;
    if (decl) (this as { decl?: unknown }).decl = decl;
  }
  get nameSpan(): Span { return this.#nameNode.span; }
  get span(): Span { return this.#owner.span; }
}

/** A reference whose span is read from its node (it moves with it); the getter on the prototype, no closure per reference. */
class NodeReference implements Reference {
  readonly target: string;
  readonly #at: { readonly span: Span };
  constructor(at: { readonly span: Span }, target: string) {
    this.target = target;
    this.#at = at;
  }
  get span(): Span { return this.#at.span; }
}

class Binder {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols = new Map<string, Sym>();
  readonly references: Reference[] = [];
  readonly clauses: ClauseInfo[] = [];
  readonly measures = new Map<string, MeasureInfo>();
  readonly entities = new Map<string, A.EntityDecl>();
  readonly enums = new Map<string, A.EnumDecl>();
  readonly params = new Map<string, A.ParamDecl>();
  readonly orgs = new Map<string, A.OrgDecl>();
  readonly indicators = new Map<string, { decl: A.IndicatorDecl; clause?: string }>();
  readonly properties = new Map<string, { decl: A.PropertyDecl; clause?: string }>();
  readonly doubts = new Map<string, { decl: A.DoubtDecl; clause?: string; measure?: string }>();
  readonly qualitative: { decl: A.QualDecl; clause?: string }[] = [];
  readonly definitions = new Map<string, DefinitionInfo>();
  readonly assumptions = new Map<string, { decl: A.AssumptionDecl; clause?: string }>();
  policy: { decl: A.PolicyDecl; file: string } | undefined;
  /** The first 条款 of each anchor (its symbol's). */
  readonly anchors = new Map<string, ClauseInfo>();
  /**
   * Pass 1's marks (`BindState.marks`), when asked for: before each declaration and 条款 in binding order
   * (pre-order), and once at the end, `MARK_FIELDS` numbers — how many entries each table held.
   */
  marks: Int32Array | undefined;
  /** How many numbers of `marks` are written. */
  mk = 0;
  /** Top-level namespace: name → symbol id. */
  readonly globals = new Map<string, string>();
  /**
   * Per measure (by name) declared by this binder: its outcomes' and its rules' symbol ids by name — the
   * strings `define` made, already hashed — so that resolving an assignment or a 例外于 does not build
   * `outcome:措施.名称` again for one lookup. INVARIANT: an entry is an id `define` put in `symbols`; a
   * name not found here is looked up by its id string as before (`scopedId`), so both give the same answer.
   */
  readonly outcomeIds = new Map<string, Map<string, string>>();
  readonly ruleIds = new Map<string, Map<string, string>>();

  /**
   * The id of the symbol `kind:container.name` if `symbols` has it (from `table`, else by the id string);
   * undefined if not.
   */
  scopedId(table: ReadonlyMap<string, ReadonlyMap<string, string>>, kind: 'outcome' | 'rule', container: string, name: string): string | undefined {
    const known = table.get(container)?.get(name);
    if (known !== undefined) return known;
    const id = `${kind}:${container}.${name}`;
    return this.symbols.has(id) ? id : undefined;
  }

  constructor(readonly files: Map<string, ProgramFile>) {}

  define(kind: SymbolKind, name: A.Name, owner: { readonly span: Span }, opts: DefineOptions = NO_OPTIONS): Sym | undefined {
    const container = opts.container;
    const id = symbolId(kind, name.text, container);
    if (opts.global) {
      const prevId = this.globals.get(name.text);
      if (prevId) {
        const prev = this.symbols.get(prevId)!;
        this.diagnostics.push(diag('ZC0402', name.span, `“${name.text}”重复定义（已定义为${kindName(prev.kind)}）`, {
          related: [{ span: prev.nameSpan, message: '第一次定义在这里' }], help: '改用另一个名称',
        }));
        return undefined;
      }
    } else {
      const prev = this.symbols.get(id);
      if (prev) {
        this.diagnostics.push(diag('ZC0402', name.span, `${container ? `“${container}”中` : ''}“${name.text}”重复定义`, {
          related: [{ span: prev.nameSpan, message: '第一次定义在这里' }], help: '改用另一个名称',
        }));
        return undefined;
      }
    }
    // (spans read from the nodes: a declaration moved in place by a later edit keeps its symbols — bindIncrementally)
    const sym = new NodeSym(id, kind, name, owner, container, opts.clause, opts.decl);
    this.symbols.set(id, sym);
    if (opts.global) this.globals.set(name.text, id);
    if (this.added) {
      this.added.ids.push(id);
      if (opts.global) this.added.names.push(name.text);
    }
    return sym;
  }

  /** When asked for (`declareReusing`): the symbol ids and global names declared since. */
  added: { ids: string[]; names: string[] } | undefined;

  /** The leaf (a declaration that is not a 条款) whose binding makes the references and diagnostics now. */
  owner: object | undefined;
  /** Per reference, its `owner`. */
  readonly owners: (object | undefined)[] = [];

  /** A reference at `at.span` (read from the node: it moves with it). */
  ref(at: { readonly span: Span }, target: string): void {
    this.references.push(new NodeReference(at, target));
    this.owners.push(this.owner);
  }

  builtins(): void {
    const span = { file: '<内置>', start: 0, end: 0 };
    const at = { span };
    const nm = (text: string): A.Name => ({ text, span, quoted: false });
    this.define('enum', nm(LEVEL_ENUM), at, { global: true });
    for (const l of LEVELS) this.define('enumMember', nm(l), at, { container: LEVEL_ENUM });
    this.enums.set(LEVEL_ENUM, { kind: 'enum', name: nm(LEVEL_ENUM), members: LEVELS.map(nm), span });
    this.define('entity', nm(EVENT_ENTITY), at, { global: true });
    const fields: A.FieldDecl[] = [];
    for (const [f, t] of Object.entries(EVENT_FIELDS)) {
      const s = this.define('field', nm(f), at, { container: EVENT_ENTITY });
      if (s) s.type = t;
      const type: A.TypeRef = t.k === 'enum' ? { kind: 'named', name: nm(t.name), span } : { kind: 'builtin', name: t.k === 'date' ? '日期' : '文本', span };
      fields.push({ name: nm(f), type, span });
    }
    this.entities.set(EVENT_ENTITY, { kind: 'entity', name: nm(EVENT_ENTITY), fields, span });
    this.define('builtin', nm(EVAL_DATE), at, { global: true });
    this.define('builtin', nm(EFFECTIVE_DATE), at, { global: true });
    // Aggregates are functions: only their call form is reserved, so a declaration may still be named 合计.
    for (const f of Object.keys(AGGREGATES)) this.define('builtin', nm(f), at, {});
    this.define('builtin', nm(IS_VOID), at, { global: true });
    this.define('builtin', nm(APPLIES), at, { global: true });
    for (const f of Object.keys(FUNCTIONS)) this.define('builtin', nm(f), at, { global: true });
  }

  // ── pass 1: declarations ──
  declare(): void {
    this.builtins();
    for (const [path, f] of this.files) for (const item of f.ast.items) this.topItem(item, path);
    this.mark();
  }

  /** Record how many entries each table holds now (`marks`; see `MARK_FIELDS`). */
  mark(): void {
    let m = this.marks;
    if (!m) return;
    const k = this.mk;
    if (k + MARK_FIELDS > m.length) {
      // (sized for the binding order when made: grown only if a caller sized it short)
      const g = new Int32Array(Math.max(2 * m.length, k + MARK_FIELDS));
      g.set(m);
      this.marks = m = g;
    }
    m[k] = this.symbols.size;
    m[k + 1] = this.globals.size;
    m[k + 2] = this.clauses.length;
    m[k + 3] = this.diagnostics.length;
    m[k + 4] = this.references.length;
    m[k + 5] = this.qualitative.length;
    m[k + 6] = this.measures.size;
    m[k + 7] = this.entities.size;
    m[k + 8] = this.enums.size;
    m[k + 9] = this.params.size;
    m[k + 10] = this.orgs.size;
    m[k + 11] = this.indicators.size;
    m[k + 12] = this.properties.size;
    m[k + 13] = this.doubts.size;
    m[k + 14] = this.definitions.size;
    m[k + 15] = this.assumptions.size;
    m[k + 16] = this.policy ? 1 : 0;
    this.mk = k + MARK_FIELDS;
  }

  /** The marks written (`BindState.marks`). */
  writtenMarks(): Int32Array {
    const m = this.marks!;
    return this.mk === m.length ? m : m.slice(0, this.mk);
  }

  /** Declare one top-level item. */
  topItem(item: A.TopItem, path: string): void {
    this.mark();
    if (item.kind !== 'clause') this.owner = item;
    switch (item.kind) {
      case 'policy':
        if (this.policy) {
          this.diagnostics.push(diag('ZC0402', item.span, '一个政策只能有一个“政策”声明', { related: [{ span: this.policy.decl.span, message: '第一个声明在这里' }] }));
        } else this.policy = { decl: item, file: path };
        break;
      case 'enum':
        if (this.define('enum', item.name, item, { global: true, decl: item })) {
          this.enums.set(item.name.text, item);
          for (const m of item.members) this.define('enumMember', m, m, { container: item.name.text });
        }
        break;
      case 'entity':
        if (this.define('entity', item.name, item, { global: true, decl: item })) {
          this.entities.set(item.name.text, item);
          for (const fd of item.fields) this.define('field', fd.name, fd, { container: item.name.text, decl: fd });
        }
        break;
      case 'param':
        if (this.define('param', item.name, item, { global: true, decl: item })) this.params.set(item.name.text, item);
        break;
      case 'org':
        if (this.define('org', item.name, item, { global: true, decl: item })) {
          this.orgs.set(item.name.text, item);
          for (const al of item.aliases) {
            if (this.define('org', al, al, { global: true, decl: item })) this.orgs.set(al.text, item);
          }
        }
        break;
      case 'clause':
        this.clause(item, path, undefined);
        break;
      case 'indicator':
        if (this.define('indicator', item.name, item, { global: true, decl: item })) this.indicators.set(item.name.text, { decl: item });
        break;
      case 'property':
        if (this.define('property', item.name, item, { global: true, decl: item })) this.properties.set(item.name.text, { decl: item });
        break;
      case 'qualitative':
        this.qualitative.push({ decl: item });
        break;
      case 'doubt':
        this.doubt(item, undefined, undefined);
        break;
      case 'definition':
        this.definition(item, undefined);
        break;
      case 'assumption':
        this.assumption(item, undefined);
        break;
      case 'import':
        break;
    }
  }

  clause(c: A.ClauseDecl, file: string, parent: ClauseInfo | undefined): void {
    const info = this.clauseHead(c, file, parent);
    for (const item of c.items) this.clauseItem(item, file, info);
  }

  /** A 条款's own entries (its info, its symbol, its numbering diagnostics) — not those of its items. */
  clauseHead(c: A.ClauseDecl, file: string, parent: ClauseInfo | undefined): ClauseInfo {
    const parts: A.ClauseNumberPart[] = [];
    const parentParts = parent ? parentPartsOf(parent) : [];
    let last = parentParts.length ? LEVEL_ORDER[parentParts[parentParts.length - 1]!.level] : -1;
    // A number already rejected (ZC0304 leaves `number` empty; ZC0305 below drops parts) has no
    // anchor of its own: it is not compared with other clauses, so one mistake gives one error.
    let rejected = c.number.length === 0;
    for (const p of c.number) {
      const lv = LEVEL_ORDER[p.level];
      if (lv <= last) {
        rejected = true;
        this.diagnostics.push(diag('ZC0305', p.span, `条款编号“${p.raw}”是${LEVEL_NAME[p.level]}编号，不能出现在更低一级编号之后或同级之下`, {
          help: '条款编号层级依次为：附件N → 一、 → （一） → 1. → （1）',
        }));
        continue;
      }
      last = lv;
      parts.push(p);
    }
    const all = parentParts.concat(parts);
    // (one loop: the anchors joined by “__”, the first annex, the other parts' labels — no arrays or
    // closures per 条款, and each label made once per level and number: `partLabel`)
    let anchor = '';
    let annex: A.ClauseNumberPart | undefined;
    let rest = '';
    for (let i = 0; i < all.length; i++) {
      const p = all[i]!;
      anchor = i === 0 ? partAnchor(p) : `${anchor}__${partAnchor(p)}`;
      if (p.level === 'annex') annex ??= p;
      else rest += partLabel(p);
    }
    if (anchor === '') anchor = 'clause';
    const label = annex ? (rest ? `附件${annex.n} ${rest}` : `附件${annex.n}`) : rest;
    const info: ClauseInfo & { parts: A.ClauseNumberPart[] } = {
      decl: c, label, anchor, file, depth: parent ? parent.depth + 1 : 0, parts: all,
      ...(parent ? { parent: parent.anchor } : {}), ...(c.title ? { title: c.title.value } : {}),
    };
    const prev = this.anchors.get(anchor);
    if (rejected) {
      // (no ZC0406 and no symbol: the clause keeps the computed anchor only for what it contains)
    } else if (prev) {
      this.diagnostics.push(diag('ZC0406', c.numberSpan, `条款“${label}”重复（锚点 ${anchor}）`, { related: [{ span: prev.decl.numberSpan, message: '第一次出现在这里' }] }));
    } else {
      this.anchors.set(anchor, info);
      this.symbols.set(`clause:${anchor}`, clauseSym(c, label, anchor));
      this.added?.ids.push(`clause:${anchor}`);
    }
    this.clauses.push(info);
    return info;
  }

  /** Declare one item of a 条款 (`info`: the clause's). */
  clauseItem(item: A.ClauseItem, file: string, info: ClauseInfo): void {
    this.mark();
    const anchor = info.anchor;
    if (item.kind !== 'clause') this.owner = item;
    {
      switch (item.kind) {
        case 'clause': this.clause(item, file, info); break;
        case 'measure': this.measure(item, file, anchor); break;
        case 'qualitative': this.qualitative.push({ decl: item, clause: anchor }); break;
        case 'doubt': this.doubt(item, anchor, undefined); break;
        case 'indicator':
          if (this.define('indicator', item.name, item, { global: true, clause: anchor, decl: item })) this.indicators.set(item.name.text, { decl: item, clause: anchor });
          break;
        case 'property':
          if (this.define('property', item.name, item, { global: true, clause: anchor, decl: item })) this.properties.set(item.name.text, { decl: item, clause: anchor });
          break;
        case 'definition': this.definition(item, anchor); break;
        case 'assumption': this.assumption(item, anchor); break;
      }
    }
  }

  definition(d: A.DefinitionDecl, clause: string | undefined): void {
    const entity = d.entity?.text;
    // Global definitions share the top-level namespace; entity definitions live beside the entity's fields.
    if (!this.define('definition', d.name, d, { global: !entity, decl: d, container: entity, clause })) return;
    const key = definitionKey(d.name.text, entity);
    this.definitions.set(key, { decl: d, key, ...(entity ? { entity } : {}), ...(clause ? { clause } : {}) });
  }

  assumption(a: A.AssumptionDecl, clause: string | undefined): void {
    if (!this.define('assumption', a.name, a, { global: true, decl: a, clause })) return;
    this.assumptions.set(a.name.text, { decl: a, ...(clause ? { clause } : {}) });
  }

  doubt(d: A.DoubtDecl, clause: string | undefined, measure: string | undefined): void {
    if (!this.define('doubt', d.name, d, { global: true, decl: d, clause })) return;
    this.doubts.set(d.name.text, { decl: d, ...(clause ? { clause } : {}), ...(measure ? { measure } : {}) });
    for (const r of d.readings) this.define('reading', r.name, r, { container: d.name.text });
    if (d.adopted) {
      const id = `reading:${d.name.text}.${d.adopted.text}`;
      if (this.symbols.has(id)) this.ref(d.adopted, id);
      else {
        const s = suggest(d.adopted.text, d.readings.map((r) => r.name.text));
        this.diagnostics.push(diag('ZC0409', d.adopted.span, `存疑注记“${d.name.text}”中没有名为“${d.adopted.text}”的解读`, s ? { help: `是否想写“${s}”？` } : {}));
      }
    }
  }

  measure(m: A.MeasureDecl, file: string, clause: string): void {
    if (!this.define('measure', m.name, m, { global: true, clause, decl: m })) return;
    const info: MeasureInfo = { decl: m, clause, file, overrides: new Map() };
    this.measures.set(m.name.text, info);
    const outcomeIds = new Map<string, string>();
    const ruleIds = new Map<string, string>();
    for (const o of m.outcomes) {
      const s = this.define('outcome', o.name, o, { container: m.name.text, clause, decl: o });
      if (s) outcomeIds.set(o.name.text, s.id);
    }
    for (const r of m.rules) {
      const s = this.define('rule', r.name, r, { container: m.name.text, clause, decl: r });
      if (s) ruleIds.set(r.name.text, s.id);
    }
    this.outcomeIds.set(m.name.text, outcomeIds);
    this.ruleIds.set(m.name.text, ruleIds);
    for (const d of m.doubts) this.doubt(d, clause, m.name.text);
  }

  // ── pass 2: references that do not need types ──
  resolveNames(): void {
    this.resolvePolicy();
    // (`values()`: no entry array and no destructuring per declaration, in cold code)
    for (const m of this.measures.values()) this.resolveMeasure(m);
    for (const q of this.qualitative) this.resolveQualitative(q.decl);
    for (const d of this.definitions.values()) this.resolveDefinition(d);
    for (const e of this.entities.values()) this.resolveFieldTypes(e);
    for (const pd of this.params.values()) this.resolveParamType(pd);
    for (const m of this.measures.values()) this.resolveOutcomeTypes(m);
  }

  resolvePolicy(): void {
    const p = this.policy?.decl;
    this.owner = p;
    if (p?.interpreter) this.orgRef(p.interpreter);
  }

  resolveMeasure(m: MeasureInfo): void {
    this.owner = m.decl;
    for (const n of m.decl.lead) this.orgRef(n);
    for (const n of m.decl.responsible) this.orgRef(n);
    if (m.decl.subject) {
      const id = `entity:${m.decl.subject.text}`;
      if (this.symbols.has(id)) this.ref(m.decl.subject, id);
      else this.undefinedName(m.decl.subject, [...this.entities.keys()], '实体');
    }
    const rc = m.decl.recipient?.entity;
    if (rc) {
      const id = `entity:${rc.text}`;
      if (this.symbols.has(id) && rc.text !== EVENT_ENTITY) this.ref(rc, id);
      else this.undefinedName(rc, [...this.entities.keys()].filter((k) => k !== EVENT_ENTITY), '实体');
    }
    const ap = m.decl.application;
    if (ap) {
      const target = this.measures.get(ap.text);
      if (!target) this.undefinedName(ap, [...this.measures.keys()], '措施');
      else if (target === m) this.diagnostics.push(diag('ZC0407', ap.span, `措施“${ap.text}”不能是自己的申请条件`));
      else if (target.decl.rules.length === 0) this.diagnostics.push(diag('ZC0407', ap.span, `申请条件“${ap.text}”没有规则，不能计算`, { help: '申请条件须是有规则的措施' }));
      else {
        this.ref(ap, `measure:${ap.text}`);
        if (target.decl.subject && m.decl.subject && target.decl.subject.text !== m.decl.subject.text) {
          this.diagnostics.push(diag('ZC0407', ap.span, `申请条件“${ap.text}”的对象是“${target.decl.subject.text}”，与本措施的对象“${m.decl.subject.text}”不同`, {
            help: '申请条件与正文措施应对同一对象求值（如都是“家庭”）',
          }));
        }
      }
    }
    const measureName = m.decl.name.text;
    for (const r of m.decl.rules) {
      for (const a of r.assignments) {
        const id = this.scopedId(this.outcomeIds, 'outcome', measureName, a.target.text);
        if (id !== undefined) this.ref(a.target, id);
        else this.undeclaredOutcome(a.target, m.decl.outcomes.map((o) => o.name.text), measureName);
      }
    }
    this.exceptions(m);
  }

  resolveQualitative(q: A.QualDecl): void {
    this.owner = q;
    for (const n of [...q.lead, ...q.responsible]) this.orgRef(n);
  }

  resolveDefinition(d: DefinitionInfo): void {
    this.owner = d.decl;
    const dd = d.decl;
    if (dd.entity) {
      const ent = this.entities.get(dd.entity.text);
      if (!ent || dd.entity.text === EVENT_ENTITY) this.undefinedName(dd.entity, [...this.entities.keys()].filter((k) => k !== EVENT_ENTITY), '实体');
      else {
        this.ref(dd.entity, `entity:${dd.entity.text}`);
        const clash = ent.fields.find((f) => f.name.text === dd.name.text);
        if (clash) {
          this.diagnostics.push(diag('ZC0402', dd.name.span, `实体“${dd.entity.text}”已有字段“${dd.name.text}”，定义不能与字段同名`, {
            related: [{ span: clash.name.span, message: '字段在这里' }], help: '改用另一个名称；定义是由其他事实推出的结论，字段是输入的事实',
          }));
        }
      }
    }
    if (dd.type) this.typeRefNames(dd.type);
    for (const n of dd.doubts) {
      const id = `doubt:${n.text}`;
      if (this.symbols.has(id)) this.ref(n, id);
      else this.undefinedName(n, [...this.doubts.keys()], '存疑注记');
    }
  }

  resolveFieldTypes(e: A.EntityDecl): void {
    this.owner = e;
    for (const f of e.fields) this.typeRefNames(f.type);
  }

  resolveParamType(pd: A.ParamDecl): void {
    this.owner = pd;
    this.typeRefNames(pd.type);
  }

  resolveOutcomeTypes(m: MeasureInfo): void {
    this.owner = m.decl;
    for (const o of m.decl.outcomes) this.typeRefNames(o.type);
  }

  typeRefNames(t: A.TypeRef): void {
    if (t.kind === 'named') {
      const n = t.name.text;
      if (this.enums.has(n)) this.ref(t.name, `enum:${n}`);
      else if (this.entities.has(n)) this.ref(t.name, `entity:${n}`);
      else this.undefinedName(t.name, [...this.enums.keys(), ...this.entities.keys()], '类型');
    } else if (t.element) this.typeRefNames(t.element);
  }

  orgRef(n: A.Name): void {
    const id = this.globals.get(n.text);
    if (id && this.symbols.get(id)!.kind === 'org') this.ref(n, id);
    else this.undefinedName(n, [...this.orgs.keys()], '机构');
  }

  undefinedName(n: A.Name, candidates: string[], what: string): void {
    const s = suggest(n.text, candidates);
    this.diagnostics.push(diag('ZC0401', n.span, `未定义的${what}“${n.text}”`, {
      ...(s ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: n.span, newText: n.quoted ? `「${s}」` : s }] }] } : { help: `先用声明定义“${n.text}”` }),
    }));
  }

  /** ZC0401 for a rule's assignment to an outcome its measure does not declare. */
  undeclaredOutcome(n: A.Name, outcomes: string[], measureName: string): void {
    const s = suggest(n.text, outcomes);
    this.diagnostics.push(diag('ZC0401', n.span, `措施“${measureName}”没有结果“${n.text}”`, {
      ...(s
        ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: n.span, newText: n.quoted ? `「${s}」` : s }] }] }
        : { help: `规则只能给本措施声明过的结果赋值：先在措施中写“结果 ${n.quoted ? `「${n.text}」` : n.text}：类型”（如 金额、日期、时长（工作日））` }),
    }));
  }

  exceptions(m: MeasureInfo): void {
    const rules = m.decl.rules;
    let any = false;
    for (let i = 0; i < rules.length && !any; i++) any = rules[i]!.overrides.length > 0;
    if (!any) {
      // No 例外于 in the measure: every rule's closure is empty — what the search below gives (it sets a
      // rule's entry when first visiting it), without its maps, sets, arrays and closure per measure.
      for (let i = 0; i < rules.length; i++) m.overrides.set(rules[i]!.name.text, new Set());
      return;
    }
    const direct = new Map<string, A.Name[]>();
    for (const r of m.decl.rules) {
      const targets: A.Name[] = [];
      for (const o of r.overrides) {
        const id = this.scopedId(this.ruleIds, 'rule', m.decl.name.text, o.text);
        if (id !== undefined) {
          this.ref(o, id);
          if (o.text === r.name.text) {
            this.diagnostics.push(diag('ZC0404', o.span, `规则“${r.name.text}”不能是自己的例外`));
            continue;
          }
          targets.push(o);
        } else {
          const elsewhere = [...this.measures.values()].find((mm) => mm !== m && mm.decl.rules.some((rr) => rr.name.text === o.text));
          if (elsewhere) this.diagnostics.push(diag('ZC0405', o.span, `规则“${o.text}”属于措施“${elsewhere.decl.name.text}”；例外只能指向同一措施中的规则`));
          else {
            const rules = m.decl.rules.map((rr) => rr.name.text).filter((t) => t !== r.name.text);
            const s = suggest(o.text, rules);
            this.diagnostics.push(diag('ZC0401', o.span, `措施“${m.decl.name.text}”没有规则“${o.text}”`, s
              ? { help: `是否想写“${s}”？`, fixes: [{ title: `改为“${s}”`, edits: [{ span: o.span, newText: o.quoted ? `「${s}」` : s }] }] }
              : { help: rules.length ? `例外于 只能指向本措施中的其他规则：${rules.join('、')}` : '例外于 只能指向本措施中的其他规则，本措施没有其他规则' }));
          }
        }
      }
      direct.set(r.name.text, targets);
    }
    // Transitive closure + cycle detection (DFS).
    const state = new Map<string, 1 | 2>();
    const closure = m.overrides;
    const visit = (r: string, stack: string[]): Set<string> => {
      const st = state.get(r);
      if (st === 2) return closure.get(r)!;
      if (st === 1) return new Set();
      state.set(r, 1);
      const out = new Set<string>();
      for (const t of direct.get(r) ?? []) {
        if (state.get(t.text) === 1 || t.text === r) {
          const cycle = [...stack.slice(stack.indexOf(t.text)), r, t.text];
          this.diagnostics.push(diag('ZC0404', t.span, `例外关系成环：${cycle.join(' → ')}`, { help: '去掉其中一个“例外于”，使优先级成为一个次序' }));
          continue;
        }
        out.add(t.text);
        for (const x of visit(t.text, [...stack, r])) out.add(x);
      }
      state.set(r, 2);
      closure.set(r, out);
      return out;
    };
    for (const r of m.decl.rules) visit(r.name.text, []);
  }
}

function parentPartsOf(c: ClauseInfo): A.ClauseNumberPart[] {
  return (c as ClauseInfo & { parts: A.ClauseNumberPart[] }).parts;
}

export function kindName(k: SymbolKind): string {
  const m: Record<SymbolKind, string> = {
    enum: '枚举', enumMember: '枚举值', entity: '实体', field: '字段', param: '参数', org: '机构', measure: '措施', outcome: '结果',
    rule: '规则', indicator: '指标', property: '性质', doubt: '存疑注记', reading: '解读', clause: '条款', builtin: '内置名称',
    definition: '定义', assumption: '前提',
  };
  return m[k];
}

/** Bind one program. */
export function bind(root: string, files: Map<string, ProgramFile>): Result<BoundProgram> {
  const r = bindWithState(root, files);
  return { value: r.value, diagnostics: r.diagnostics };
}

/** A clause's symbol (spans read from the node). */
function clauseSym(c: A.ClauseDecl, label: string, anchor: string): Sym {
  return new ClauseSym(c, label, anchor);
}

/** A 条款's symbol: its label as name, its number's span as name span (read from the node). */
class ClauseSym implements Sym {
  readonly id: string;
  readonly kind = 'clause' as const;
  readonly name: string;
  readonly clause: string;
  readonly decl: A.ClauseDecl;
  declare type?: Sym['type'];
  constructor(c: A.ClauseDecl, label: string, anchor: string) {
    this.id = `clause:${anchor}`;
    this.name = label;
    this.clause = anchor;
    this.decl = c;
  }
  get nameSpan(): Span { return this.decl.numberSpan; }
  get span(): Span { return this.decl.span; }
}

/**
 * What one binding of a program leaves for the next (`bindIncrementally`): the bound program, its
 * binder references and diagnostics with the declaration each belongs to, and the program's
 * declarations in binding order.
 */
export interface BindState {
  readonly root: string;
  readonly files: ReadonlyMap<string, ProgramFile>;
  readonly value: BoundProgram;
  readonly diagnostics: readonly Diagnostic[];
  /** The binder's references (the checker appends its own to `value.references` later) and, per reference, its declaration. */
  readonly references: readonly Reference[];
  readonly owners: readonly (object | undefined)[];
  /**
   * Per diagnostic, the declaration (a leaf: not a 条款) it lies in and that declaration's start when the
   * diagnostic was made (a diagnostic's span is fixed; the declaration moves in place with later edits);
   * null for one that depends on the order of the declarations (`ORDERED`, made while declaring: the next
   * binding declares again, `bindStructurally`). Undefined when another diagnostic lies in no declaration:
   * the next binding is then whole.
   */
  readonly diagOwners: readonly ({ readonly leaf: object; readonly at: number } | null)[] | undefined;
  /** Per diagnostic, 1 when it was made while resolving (pass 2), 0 while declaring (pass 1). */
  readonly passes: Uint8Array;
  /** Per file, its 条款 and other declarations in binding order (pre-order). */
  readonly order: ReadonlyMap<string, readonly object[]>;
  /** Per file, parallel to `order`: how many entries of it each one's subtree takes (a 条款: itself and everything in it; else 1). */
  readonly sizes: ReadonlyMap<string, Int32Array>;
  /** The top-level namespace (name → symbol id). */
  readonly globals: ReadonlyMap<string, string>;
  /**
   * Pass 1's marks: for the k-th entry of the files' `order` in turn (k = 0 … all of them; the last row is the
   * end of pass 1), `MARK_FIELDS` numbers at `k * MARK_FIELDS` — how many symbols, global names, 条款,
   * diagnostics, references, 定性 measures, entries of each of `DECL_MAPS` and policies (0/1) pass 1 had made
   * before it. INVARIANT: the first that many entries of this state's tables (symbols, globals, clauses,
   * diagnostics, references, qualitative, the maps) are exactly the ones pass 1 made before it, in that order
   * (pass 2 adds none of them; the diagnostics and references pass 1 made come first). Undefined when not
   * known (a replacing binding that renamed, or with diagnostics or references of pass 1): the next
   * structural binding declares every declaration again.
   */
  readonly marks: Int32Array | undefined;
}

/** The numbers of one row of `BindState.marks`: symbols, globals, clauses, diagnostics, references, qualitative, the `DECL_MAPS` (10), policy. */
const MARK_FIELDS = 17;

/** A 条款's entries in `BindState.order` (itself and everything in it); the index of its `ClauseInfo`. */
const subtree = new WeakMap<object, number>();
const clauseAt = new WeakMap<object, number>();

function orderOf(items: readonly (A.TopItem | A.ClauseItem)[], out: object[], clauses: { n: number }): void {
  for (const i of items) {
    const at = out.length;
    out.push(i);
    if (i.kind === 'clause') {
      clauseAt.set(i, clauses.n++);
      orderOf(i.items, out, clauses);
      subtree.set(i, out.length - at);
    }
  }
}

/**
 * Diagnostics that depend on the order of the declarations (which one is "the first"): a duplicate
 * name (ZC0402), 条款 numbers (ZC0305, ZC0406). A binding that reports one is followed by a whole one.
 */
const ORDERED = new Set(['ZC0402', 'ZC0305', 'ZC0406']);
/** References the binder makes while declaring: a 存疑's 采用 reading. */
const declaring = (r: Reference) => r.target.startsWith('reading:');

/** The declaration (leaf) of `order` each diagnostic lies in (see `BindState.diagOwners`); `passes`: each one's pass. */
function diagOwnersOf(diags: readonly Diagnostic[], order: ReadonlyMap<string, readonly object[]>, passes: Uint8Array): BindState['diagOwners'] {
  if (!diags.length) return [];
  const leaves = new Map<string, { span: Span }[]>();
  const out: ({ leaf: object; at: number } | null)[] = [];
  for (let i = 0; i < diags.length; i++) {
    const d = diags[i]!;
    if (ORDERED.has(d.code)) {
      // (a name that clashes with an entity's field, ZC0402 while resolving, points at the field: a span in
      // another declaration, which the declaration it lies in does not move — the next binding is whole)
      if (passes[i]) return undefined;
      out.push(null);
      continue;
    }
    let ls = leaves.get(d.span.file);
    if (!ls) {
      const seq = order.get(d.span.file);
      if (!seq) return undefined;
      leaves.set(d.span.file, (ls = (seq as (A.TopItem | A.ClauseItem)[]).filter((x) => x.kind !== 'clause')));
    }
    // (leaves in text order, disjoint: the last one starting at or before the diagnostic)
    let lo = 0;
    let hi = ls.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ls[mid]!.span.start <= d.span.start) { k = mid; lo = mid + 1; } else hi = mid - 1;
    }
    const leaf = k >= 0 ? ls[k]! : undefined;
    if (!leaf || d.span.end > leaf.span.end) return undefined;
    out.push({ leaf, at: leaf.span.start });
  }
  return out;
}

/** The bound program a binder made (`references`: the binding's, in its order). */
function boundProgramOf(root: string, files: Map<string, ProgramFile>, b: Binder, references: Reference[]): BoundProgram {
  return {
    root, files, symbols: b.symbols, references, clauses: b.clauses, measures: b.measures, entities: b.entities,
    enums: b.enums, params: b.params, orgs: b.orgs, indicators: b.indicators, properties: b.properties, doubts: b.doubts,
    qualitative: b.qualitative, definitions: b.definitions, assumptions: b.assumptions, ...(b.policy ? { policy: b.policy } : {}),
  };
}

/** Per file, its 条款 and other declarations in binding order (`BindState.order`), and their subtrees' sizes (`BindState.sizes`). */
function bindingOrder(files: Map<string, ProgramFile>): { order: Map<string, object[]>; sizes: Map<string, Int32Array> } {
  const order = new Map<string, object[]>();
  const sizes = new Map<string, Int32Array>();
  const clauses = { n: 0 };
  for (const [path, f] of files) {
    const o: object[] = [];
    orderOf(f.ast.items, o, clauses);
    order.set(path, o);
    const z = new Int32Array(o.length);
    for (let i = 0; i < o.length; i++) z[i] = (o[i] as A.TopItem).kind === 'clause' ? subtree.get(o[i]!)! : 1;
    sizes.set(path, z);
  }
  return { order, sizes };
}

/** How many entries a binding order has. */
function entriesOf(order: ReadonlyMap<string, readonly object[]>): number {
  let n = 0;
  for (const o of order.values()) n += o.length;
  return n;
}

/**
 * `bind`, with the state the next binding of the program starts from. `oneShot`: no later binding is
 * expected (`zhengce check`'s cache): pass 1's marks are not written (`BindState.marks` undefined — a
 * later structural binding would declare every declaration again, as the marks' contract allows): one row
 * of 17 table sizes per declaration and 条款 (10,361 in the 50,000-line corpus) saved.
 */
export function bindWithState(root: string, files: Map<string, ProgramFile>, oneShot = false): Result<BoundProgram> & { state: BindState } {
  if (oneShot) {
    const b = new Binder(files);
    b.declare();
    const declared = b.diagnostics.length;
    b.resolveNames();
    const value = boundProgramOf(root, files, b, b.references);
    return { value, diagnostics: b.diagnostics, state: new DeferredBindState(root, files, value, b, declared) };
  }
  const { order, sizes } = bindingOrder(files);
  const b = new Binder(files);
  b.marks = new Int32Array((entriesOf(order) + 1) * MARK_FIELDS);
  b.declare();
  const declared = b.diagnostics.length;
  b.resolveNames();
  const value = boundProgramOf(root, files, b, b.references);
  const passes = new Uint8Array(b.diagnostics.length).fill(1, declared);
  const state: BindState = {
    root, files, value, diagnostics: b.diagnostics, references: b.references.slice(), owners: b.owners.slice(),
    diagOwners: diagOwnersOf(b.diagnostics, order, passes), passes, order, sizes, globals: b.globals, marks: b.marks && b.writtenMarks(),
  };
  return { value, diagnostics: b.diagnostics, state };
}

/**
 * The state of a one-shot binding (`bindWithState(…, true)`, `zhengce check`'s cache): what only a next
 * binding reads — the binding order and its subtree sizes, the binder's references and their owners, the
 * diagnostics' owners and passes — is made when first read, not after every binding (`zhengce check` binds
 * once and never reads it: a walk of every declaration with two WeakMap entries per 条款, two copies of the
 * reference list). INVARIANT: what it gives is what `bindWithState` would have made at binding time — a
 * one-shot cache's parses are never re-parsed, so no node moves and no AST changes; the checker only appends
 * to `value.references` (the binder's are its first `refs`), and nothing is added to the binder's owners or
 * diagnostics after it.
 */
type DeferredParts = Pick<BindState, 'references' | 'owners' | 'diagOwners' | 'passes' | 'order' | 'sizes'>;

class DeferredBindState implements BindState {
  readonly diagnostics: readonly Diagnostic[];
  readonly globals: ReadonlyMap<string, string>;
  readonly marks = undefined;
  readonly #binder: Binder;
  readonly #declared: number;
  readonly #refs: number;
  #made: DeferredParts | undefined;
  constructor(readonly root: string, readonly files: Map<string, ProgramFile>, readonly value: BoundProgram, b: Binder, declared: number) {
    this.diagnostics = b.diagnostics;
    this.globals = b.globals;
    this.#binder = b;
    this.#declared = declared;
    this.#refs = b.references.length;
  }
  #get(): DeferredParts {
    if (this.#made) return this.#made;
    const b = this.#binder;
    const { order, sizes } = bindingOrder(this.files);
    const passes = new Uint8Array(b.diagnostics.length).fill(1, this.#declared);
    return (this.#made = {
      references: b.references.slice(0, this.#refs), owners: b.owners.slice(0, this.#refs),
      diagOwners: diagOwnersOf(b.diagnostics, order, passes), passes, order, sizes,
    });
  }
  get references(): readonly Reference[] { return this.#get().references; }
  get owners(): readonly (object | undefined)[] { return this.#get().owners; }
  get diagOwners(): BindState['diagOwners'] { return this.#get().diagOwners; }
  get passes(): Uint8Array { return this.#get().passes; }
  get order(): ReadonlyMap<string, readonly object[]> { return this.#get().order; }
  get sizes(): ReadonlyMap<string, Int32Array> { return this.#get().sizes; }
}

const SPAN_KEYS = new Set(['span', 'nameSpan', 'keySpan', 'numberSpan', 'wordSpan']);
const sigJson = (v: unknown) => JSON.stringify(v, (k, x) => (SPAN_KEYS.has(k) ? undefined : typeof x === 'bigint' ? x.toString() : x));
const names = (ns: readonly A.Name[]) => ns.map((n) => n.text);

/** Everything the binder reads of a declaration (no spans): two declarations with the same one bind alike. */
function bindingSignature(l: A.TopItem | A.ClauseItem): string {
  switch (l.kind) {
    case 'policy': return sigJson(['policy', l.interpreter?.text]);
    case 'import': return sigJson(['import', l.path.value]);
    case 'enum': return sigJson(['enum', l.name.text, names(l.members)]);
    case 'entity': return sigJson(['entity', l.name.text, l.fields.map((f) => [f.name.text, f.type])]);
    case 'param': return sigJson(['param', l.name.text, l.type]);
    case 'org': return sigJson(['org', l.name.text, names(l.aliases)]);
    case 'indicator': case 'property': case 'assumption': return sigJson([l.kind, l.name.text]);
    case 'qualitative': return sigJson(['qualitative', names(l.lead), names(l.responsible)]);
    case 'doubt': return doubtSignature(l);
    case 'definition': return sigJson(['definition', l.name.text, l.entity?.text, l.type, names(l.doubts)]);
    case 'measure': return sigJson([
      'measure', l.name.text, names(l.lead), names(l.responsible), l.subject?.text, l.recipient ? [l.recipient.entity?.text] : null, l.application?.text,
      l.outcomes.map((o) => [o.name.text, o.type]), l.rules.map((r) => [r.name.text, names(r.overrides), r.assignments.map((x) => x.target.text)]), l.doubts.map(doubtSignature),
    ]);
    case 'clause': return '';
  }
}

function doubtSignature(d: A.DoubtDecl): string {
  return sigJson(['doubt', d.name.text, d.readings.map((r) => r.name.text), d.adopted?.text]);
}

/** The same 条款 header for the binder (its number and title). */
function sameClauseHead(a: A.ClauseDecl, b: A.ClauseDecl): boolean {
  if (a.number.length !== b.number.length || a.title?.value !== b.title?.value) return false;
  for (let i = 0; i < a.number.length; i++) {
    const x = a.number[i]!;
    const y = b.number[i]!;
    if (x.level !== y.level || x.n !== y.n || x.raw !== y.raw) return false;
  }
  return true;
}

/** Most declarations `bindIncrementally` binds again (more: the whole program is bound). */
const MAX_REBOUND = 64;

/** Statistics of the last incremental binding (for the benchmark and tests): `renamed`: replaced declarations whose names changed; `reresolved`: others whose references were resolved again; `declaredAgain`: entries of the binding order a structural binding declared again (the others reused: `declareReusing`). */
export const lastBind = { incremental: false, redeclared: false, declaredAgain: 0, replaced: 0, renamed: 0, reresolved: 0, why: '' };

/** The binder's maps of declarations by name (`BoundProgram`), in declaration order. */
const DECL_MAPS = ['measures', 'entities', 'enums', 'params', 'orgs', 'indicators', 'properties', 'doubts', 'definitions', 'assumptions'] as const;

/**
 * `old` with the keys each part's declaration had (`gone`, contiguous in `old`: one declaration's
 * entries are made one after the other) replaced, at the place of the first of them, by its entries now
 * (`add`) — the order a whole binding gives. Undefined when a part cannot be placed (it had no entry).
 */
function spliceMap<V>(old: ReadonlyMap<string, V>, parts: readonly { gone: readonly string[]; add: ReadonlyMap<string, V> }[]): Map<string, V> | undefined {
  const first = new Map<string, number>();
  const skip = new Set<string>();
  let gone = 0;
  let added = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!p.gone.length) {
      if (p.add.size) return undefined;
      continue;
    }
    first.set(p.gone[0]!, k);
    for (let i = 1; i < p.gone.length; i++) skip.add(p.gone[i]!);
    gone += p.gone.length;
    added += p.add.size;
  }
  if (!first.size) return new Map(old);
  // (the same keys as before, the common case: a copy — V8 clones a Map's table — with the entries replaced in place)
  const sameKeys = (p: (typeof parts)[number]) => {
    if (p.gone.length !== p.add.size) return false;
    let i = 0;
    for (const k of p.add.keys()) if (k !== p.gone[i++]) return false;
    return true;
  };
  if (parts.every(sameKeys)) {
    const out = new Map(old);
    for (const p of parts) for (const [k, v] of p.add) if (out.has(k)) out.set(k, v); else return undefined;
    return out;
  }
  const out = new Map<string, V>();
  for (const [key, v] of old) {
    const k = first.get(key);
    if (k !== undefined) {
      for (const [a, b] of parts[k]!.add) out.set(a, b);
      continue;
    }
    if (!skip.has(key)) out.set(key, v);
  }
  // (every key that went was there: no entry lost or kept twice)
  return out.size === old.size - gone + added ? out : undefined;
}

/** A diagnostic's spans in its own file moved by `d`. */
function moveDiagnostic(x: Diagnostic, d: number): Diagnostic {
  if (d === 0) return x;
  const file = x.span.file;
  const mv = (s: Span): Span => (s.file === file ? { ...s, start: s.start + d, end: s.end + d } : s);
  return {
    ...x, span: mv(x.span),
    ...(x.related ? { related: x.related.map((r) => ({ ...r, span: mv(r.span) })) } : {}),
    ...(x.fixes ? { fixes: x.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: mv(e.span) })) })) } : {}),
  } as Diagnostic;
}

/**
 * The binding of `files` reusing `st`, the binding of an earlier version of the program, or
 * undefined (bind the whole program). Applies when the edit left the program's 条款 and the kinds and
 * places of its declarations as they were: every 条款 and declaration of the new files is either the
 * earlier one's node (a declaration the parser reused, moved in place with its spans — its symbols and
 * references, whose spans are read from the nodes, stay; its diagnostics are moved with it) or takes
 * the place of one of the same kind (of a 条款 with the same header). Those are declared again, alone;
 * their symbols and map entries take the place of the earlier ones' (a renamed declaration: its new
 * names where its old ones were — a whole binding's order). When a replaced declaration binds
 * differently (`bindingSignature`: a name, a reference, a declared type changed), the declarations
 * that referred to any name it declared before or declares now (the name index: the earlier binding's
 * references by target) and those with an earlier diagnostic (an unknown name may resolve now, its
 * suggestion may change) resolve their references again.
 * Otherwise — a name declared twice then or now, a 条款 numbering error (`ORDERED`: which
 * declaration is "the first" is a whole-program question), an import changed, too many replaced,
 * declarations added, removed or of another kind — `bindStructurally` (every declaration declared
 * again, names resolved again where they may resolve differently); whole when the files are others.
 * INVARIANT: the result equals `bind(root, files)` — symbols (same ids, order, spans), references
 * (as a set), clauses, the declaration maps (same order), diagnostics (as a sorted list)
 * (test/project/incremental-check.test.ts).
 */
export function bindIncrementally(st: BindState, root: string, files: Map<string, ProgramFile>): (Result<BoundProgram> & { state: BindState }) | undefined {
  lastBind.redeclared = false;
  const r = bindReplacing(st, root, files);
  if (r || lastBind.why === 'root' || lastBind.why === 'files' || !st.diagOwners) return r;
  // (below a few hundred declarations, resolving every name costs less than finding which to resolve:
  // 第四章 in the county's program, ~100 — a whole binding)
  const o = st.value;
  if (o.measures.size + o.qualitative.length + o.definitions.size + o.entities.size + o.params.size < bindTuning.minRedeclared) return undefined;
  // (most declarations new — a parse with a syntax error copies the file's — resolve all: the whole binding)
  if (2 * newDeclarations(st, files) > [...st.order.values()].reduce((n, x) => n + x.length, 0)) return undefined;
  return bindStructurally(st, root, files, lastBind.why);
}

/** How many of the 条款 and declarations of `files` the earlier binding did not have (by identity). */
function newDeclarations(st: BindState, files: Map<string, ProgramFile>): number {
  let n = 0;
  for (const [path, f] of files) {
    const was = st.files.get(path);
    if (was?.ast === f.ast) continue;
    const old = new Set(st.order.get(path) ?? []);
    const walk = (items: readonly (A.TopItem | A.ClauseItem)[]): void => {
      for (const i of items) {
        if (!old.has(i)) n++;
        if (i.kind === 'clause') walk(i.items);
      }
    };
    walk(f.ast.items);
  }
  return n;
}

/**
 * `minRedeclared`: fewest declarations (those whose names are resolved) for which `bindStructurally` is
 * tried (the tests set 0: their programs are small). `reuseDeclared`: whether its pass 1 reuses the earlier
 * binding before the edit (`declareReusing`; off: every declaration declared again — for A/B measurements).
 */
export const bindTuning = { minRedeclared: 256, reuseDeclared: true };

/** `bindIncrementally` when the edit kept the program's 条款 and the kinds and places of its declarations (see there). */
function bindReplacing(st: BindState, root: string, files: Map<string, ProgramFile>): (Result<BoundProgram> & { state: BindState }) | undefined {
  const fail = (why: string) => {
    lastBind.incremental = false;
    lastBind.why = why;
    return undefined;
  };
  if (st.root !== root) return fail('root');
  if (!st.diagOwners) return fail('diagnostics (outside a declaration)');
  if (st.diagOwners.includes(null)) return fail('duplicate');
  if (st.files.size !== files.size) return fail('files');
  const stPaths = [...st.files.keys()];
  let fi = 0;
  for (const p of files.keys()) if (stPaths[fi++] !== p) return fail('files');
  const old = st.value;
  const clauses = old.clauses.slice();
  const clauseParts = (c: ClauseInfo) => (c as ClauseInfo & { parts: A.ClauseNumberPart[] }).parts;
  const leaves: { from: A.TopItem | A.ClauseItem; to: A.TopItem | A.ClauseItem; file: string; info: ClauseInfo | undefined; same: boolean }[] = [];
  const newClauses: { at: number; to: A.ClauseDecl }[] = [];
  const order = new Map(st.order);
  let why = '';
  for (const [path, f] of files) {
    if (st.files.get(path)!.ast === f.ast) continue;
    const seq = st.order.get(path)!;
    const out = seq.slice();
    let p = 0;
    const walk = (items: readonly (A.TopItem | A.ClauseItem)[], info: ClauseInfo | undefined): boolean => {
      for (const i of items) {
        const o = seq[p] as A.TopItem | A.ClauseItem | undefined;
        if (!o) return false;
        if (i === o) {
          p += i.kind === 'clause' ? subtree.get(i)! : 1;
          continue;
        }
        if (i.kind !== o.kind) return false;
        const from = p;
        out[p++] = i;
        if (i.kind === 'clause') {
          const oc = o as A.ClauseDecl;
          if (!sameClauseHead(oc, i)) return false;
          const at = clauseAt.get(oc);
          if (at === undefined || clauses[at]!.decl !== oc) return false;
          const prev = clauses[at]!;
          const parts = [...(info ? clauseParts(info) : []), ...i.number];
          const ni = { ...prev, decl: i, parts } as ClauseInfo;
          clauses[at] = ni;
          clauseAt.set(i, at);
          subtree.set(i, subtree.get(oc)!);
          newClauses.push({ at, to: i });
          // INVARIANT: a 条款 taking another's place holds as many entries (its items take the places of the other's)
          if (!walk(i.items, ni) || p - from !== subtree.get(oc)) return false;
        } else {
          // (past a few dozen, binding them alone costs what binding the program costs)
          if (leaves.length >= MAX_REBOUND) return (why = 'many replaced'), false;
          const same = bindingSignature(i) === bindingSignature(o);
          if (!same && i.kind === 'import') return (why = 'import'), false;
          leaves.push({ from: o, to: i, file: path, info, same });
        }
      }
      return true;
    };
    if (!walk(f.ast.items, undefined) || p !== seq.length) return fail(why || 'structure');
    order.set(path, out);
  }

  // the replaced declarations declared alone, each in a binder of its own: their symbols and entries by name
  const alone = (l: A.TopItem | A.ClauseItem, file: string, info: ClauseInfo | undefined): Binder => {
    const x = new Binder(files as Map<string, ProgramFile>);
    if (info) x.clauseItem(l as A.ClauseItem, file, info);
    else x.topItem(l as A.TopItem, file);
    return x;
  };
  const now = leaves.map((l) => alone(l.to, l.file, l.info));
  // (a declaration that binds alike declares the same keys as before)
  const was = leaves.map((l, k) => (l.same ? now[k]! : alone(l.from, l.file, l.info)));
  for (const x of now) if (x.diagnostics.some((d) => ORDERED.has(d.code))) return fail('duplicate');
  // a name declared twice now: a whole binding says which is the first
  const goneIds = new Set<string>();
  // (declarations that bind alike declare the same global names: the namespace is the earlier one)
  const renamed = leaves.some((l) => !l.same);
  const globals = renamed ? new Map(st.globals) : (st.globals as Map<string, string>);
  for (const x of was) {
    for (const id of x.symbols.keys()) goneIds.add(id);
    if (renamed) for (const n of x.globals.keys()) globals.delete(n);
  }
  const addedIds = new Set<string>();
  for (const x of now) {
    for (const id of x.symbols.keys()) {
      if ((old.symbols.has(id) && !goneIds.has(id)) || addedIds.has(id)) return fail('duplicate');
      addedIds.add(id);
    }
    if (renamed) {
      for (const [n, id] of x.globals) {
        if (globals.has(n)) return fail('duplicate');
        globals.set(n, id);
      }
    }
  }
  const parts = <V>(get: (x: Binder) => ReadonlyMap<string, V>) => leaves.map((_, k) => ({ gone: [...get(was[k]!).keys()], add: get(now[k]!) }));
  const symbols = spliceMap(old.symbols, parts((x) => x.symbols));
  if (!symbols) return fail('symbols');
  const maps = {} as { [K in (typeof DECL_MAPS)[number]]: BoundProgram[K] };
  for (const k of DECL_MAPS) {
    const m = spliceMap(old[k] as ReadonlyMap<string, unknown>, parts((x) => x[k] as ReadonlyMap<string, unknown>));
    if (!m) return fail('symbols');
    (maps as Record<string, unknown>)[k] = m;
  }
  for (const { at, to } of newClauses) {
    const c = clauses[at]!;
    const id = `clause:${c.anchor}`;
    const sym = symbols.get(id);
    if (sym && sym.decl !== to) symbols.set(id, clauseSym(to, c.label, c.anchor));
  }
  const replaced = new Set<object>(leaves.map((l) => l.from));
  const qualitative = old.qualitative.slice();
  let policy = old.policy;
  for (let k = 0; k < leaves.length; k++) {
    const x = now[k]!;
    for (const q of x.qualitative) {
      const at = qualitative.findIndex((y) => y.decl === leaves[k]!.from);
      if (at < 0) return fail('symbols');
      qualitative[at] = q;
    }
    if (x.policy) policy = x.policy;
  }

  // the declarations whose references resolve again: the replaced ones, and — when a replaced one binds
  // differently — those that referred to a name it declared or declares (their references' targets), and
  // those with a diagnostic (an unknown name that may be known now; a suggestion among changed names)
  const again = new Set<object>();
  if (renamed) {
    const ids = new Set<string>();
    leaves.forEach((l, k) => {
      if (l.same) return;
      for (const id of was[k]!.symbols.keys()) ids.add(id);
      for (const id of now[k]!.symbols.keys()) ids.add(id);
    });
    for (let i = 0; i < st.references.length; i++) if (ids.has(st.references[i]!.target) && st.owners[i]) again.add(st.owners[i]!);
    for (const o of st.diagOwners) again.add(o!.leaf);
    for (const r of replaced) again.delete(r);
  }
  const rb = Object.assign(new Binder(files as Map<string, ProgramFile>), { symbols, ...maps, qualitative, policy, globals }) as Binder;
  const diagOwners: { leaf: object; at: number }[] = [];
  const resolve = (d: A.TopItem | A.ClauseItem) => {
    const n0 = rb.diagnostics.length;
    switch (d.kind) {
      case 'policy': rb.resolvePolicy(); break;
      case 'measure': {
        const m0 = maps.measures.get(d.name.text)!;
        // (a measure resolved again gets its own exception closure: the earlier binding's stays as it was)
        const m = again.has(d) ? { ...m0, overrides: new Map() } : m0;
        if (m !== m0) maps.measures.set(d.name.text, m);
        rb.resolveMeasure(m);
        rb.resolveOutcomeTypes(m);
        break;
      }
      case 'qualitative': rb.resolveQualitative(d); break;
      case 'definition': rb.resolveDefinition(maps.definitions.get(definitionKey(d.name.text, d.entity?.text))!); break;
      case 'entity': rb.resolveFieldTypes(d); break;
      case 'param': rb.resolveParamType(d); break;
      default: break;
    }
    for (let i = n0; i < rb.diagnostics.length; i++) diagOwners.push({ leaf: d, at: d.span.start });
  };
  for (const l of leaves) resolve(l.to);
  for (const d of again) resolve(d as A.TopItem | A.ClauseItem);
  if (rb.diagnostics.some((d) => ORDERED.has(d.code))) return fail('duplicate');
  // the earlier references and diagnostics of the declarations not bound again (diagnostics moved with their declaration)
  const references: Reference[] = [];
  const owners: (object | undefined)[] = [];
  for (let i = 0; i < st.references.length; i++) {
    const o = st.owners[i];
    if (o && (replaced.has(o) || (again.has(o) && !declaring(st.references[i]!)))) continue;
    references.push(st.references[i]!);
    owners.push(o);
  }
  const diagnostics: Diagnostic[] = [];
  const keptOwners: { leaf: object; at: number }[] = [];
  const passes: number[] = [];
  for (let i = 0; i < st.diagnostics.length; i++) {
    const { leaf, at } = st.diagOwners[i]!;
    const d = st.diagnostics[i]!;
    if (replaced.has(leaf) || (again.has(leaf) && st.passes[i])) continue;
    const now0 = (leaf as { span: Span }).span.start;
    diagnostics.push(moveDiagnostic(d, now0 - at));
    keptOwners.push({ leaf, at: now0 });
    passes.push(st.passes[i]!);
  }
  leaves.forEach((l, k) => {
    const x = now[k]!;
    for (let i = 0; i < x.references.length; i++) { references.push(x.references[i]!); owners.push(x.owners[i]); }
    for (const d of x.diagnostics) { diagnostics.push(d); keptOwners.push({ leaf: l.to, at: l.to.span.start }); passes.push(0); }
  });
  for (let i = 0; i < rb.references.length; i++) { references.push(rb.references[i]!); owners.push(rb.owners[i]); }
  for (const d of rb.diagnostics) { diagnostics.push(d); passes.push(1); }
  for (const o of diagOwners) keptOwners.push(o);
  const value: BoundProgram = {
    root, files, symbols, references, clauses, ...maps, qualitative, ...(policy ? { policy } : {}),
  };
  lastBind.incremental = true;
  lastBind.replaced = leaves.length;
  lastBind.renamed = leaves.filter((l) => !l.same).length;
  lastBind.reresolved = again.size;
  lastBind.why = '';
  return {
    value, diagnostics,
    state: {
      root, files, value, diagnostics, references: references.slice(), owners, diagOwners: keptOwners, passes: Uint8Array.from(passes), order, sizes: st.sizes, globals,
      // (declarations that bind alike declare the same entries, in the same places: pass 1's marks hold — when
      // pass 1 made no diagnostic and no reference, which this binding lists elsewhere than first)
      marks: !renamed && st.marks && passOneClean(st.marks) ? st.marks : undefined,
    },
  };
}

/** Whether pass 1 made no diagnostic and no reference (the last row of its marks). */
function passOneClean(marks: Int32Array): boolean {
  const end = marks.length - MARK_FIELDS;
  return marks[end + 3] === 0 && marks[end + 4] === 0;
}

/** The declarations the binder resolves names of (pass 2), as `resolveNames` walks them. */
function resolveUnits(p: BoundProgram): Set<object> {
  const s = new Set<object>();
  if (p.policy) s.add(p.policy.decl);
  for (const m of p.measures.values()) s.add(m.decl);
  for (const q of p.qualitative) s.add(q.decl);
  for (const d of p.definitions.values()) s.add(d.decl);
  for (const e of p.entities.values()) s.add(e);
  for (const x of p.params.values()) s.add(x);
  return s;
}

/**
 * Whether two symbols of one id bind alike for the declarations that refer to them: the same kind, name
 * and container (whichever 条款 they are in), and the same declaration — the very node, or one the binder reads alike
 * (`declSignature`: a declaration the parser made again, unchanged or changed only where no name is). A symbol
 * without a declaration (an enum member, a reading, a built-in) and a 条款's are their id and name.
 */
function sameSym(a: Sym, b: Sym): boolean {
  if (a === b) return true;
  // INVARIANT: resolving names (pass 2) never reads the 条款 a symbol is in (`Sym.clause`): names resolve to
  // ids, and what is read of a target is its kind, name, container and declaration. So a symbol that only
  // moved to another 条款 — a '}' that closes a 条款 early makes the declarations after it another 条款's,
  // 2,000 symbols in the 10,000-line benchmark — changes no resolution (the result holds the new binding's
  // symbols, with their 条款).
  if (a.kind !== b.kind || a.container !== b.container || a.name !== b.name) return false;
  // (a 条款's symbol is its label and anchor: the 条款 node holds everything in it)
  if (a.decl === b.decl || a.kind === 'clause') return true;
  return typeof a.decl === 'object' && a.decl !== null && typeof b.decl === 'object' && b.decl !== null && declSignature(a.decl) === declSignature(b.decl);
}

const declSignatures = new WeakMap<object, string>();
/**
 * What the binder reads of a symbol's declaration (`sameSym`), once per node: an item's
 * `bindingSignature`; a rule's name, exceptions and assigned outcomes; a field's or outcome's name and type.
 */
function declSignature(d: object): string {
  let s = declSignatures.get(d);
  if (s !== undefined) return s;
  const x = d as { kind?: string };
  if (x.kind === 'rule') {
    const r = d as A.RuleDecl;
    s = sigJson(['rule', r.name.text, names(r.overrides), r.assignments.map((a) => a.target.text)]);
  } else if (x.kind === 'outcome' || x.kind === undefined) {
    const f = d as A.OutcomeDecl | A.FieldDecl;
    s = sigJson([x.kind ?? 'field', f.name.text, f.type]);
  } else s = bindingSignature(d as A.TopItem | A.ClauseItem);
  declSignatures.set(d, s);
  return s;
}

/**
 * Pass 1 of `bindStructurally` into the fresh binder `b`, reusing the earlier binding `st` wherever the edit
 * left the program as it was. Pass 1 is a walk in binding order whose every step depends only on the
 * declarations before it — and on them only through the keys they declared (the symbol ids, the global names)
 * — and the earlier binding recorded how many entries each table held before every entry of its order
 * (`BindState.marks`). The new files are walked beside the earlier ones, level by level: a declaration or 条款
 * that is the earlier one's node (the parser reused it, moved in place) in the same place takes the earlier
 * entries it made (copied: the same symbol objects); a 条款 parsed again with the same header in the same place
 * is declared itself (its info and symbol for the new node) and its items walked the same way; the others are
 * declared as a whole binding does, up to the next sibling that is an earlier node again — the earlier
 * siblings before that one skipped. After such a run the earlier entries are taken again only when the keys
 * it declared and those the skipped ones had declared differ in none that a later entry declares (else a
 * name declared twice would be another one's now: everything after is declared again). Returns how many
 * entries of the binding order were taken from the earlier binding; undefined (nothing done to `b`) when the
 * marks are not known or the earlier pass 1 made a diagnostic (its spans are fixed).
 * INVARIANT: `b`'s tables and marks are those `b.declare()` makes (test/project/incremental-check.test.ts).
 */
function declareReusing(b: Binder, st: BindState, files: Map<string, ProgramFile>, entries: number): number | undefined {
  const marks = st.marks;
  if (!marks) return undefined;
  const F = MARK_FIELDS;
  let total = 0;
  for (const o of st.order.values()) total += o.length;
  if (marks.length !== (total + 1) * F || marks[total * F + 3] !== 0) return undefined;
  const old = st.value;
  type Item = A.TopItem | A.ClauseItem;
  // cursors over the earlier tables (entries passed so far, per field of a marks row)
  const its = [old.symbols.entries(), st.globals.entries(), ...DECL_MAPS.map((k) => (old[k] as ReadonlyMap<string, unknown>).entries())] as IterableIterator<[string, unknown]>[];
  const into = [b.symbols, b.globals, ...DECL_MAPS.map((k) => b[k] as Map<string, unknown>)] as Map<string, unknown>[];
  /** The marks field of each cursor in `its`. */
  const FIELD = [0, 1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const at = new Int32Array(F);
  b.marks = new Int32Array((entries + 1) * F);
  /** The earlier entries up to marks row `g` (the earlier order's index): copied into `b` (`take`), or passed over; the keys passed over into `gone`. */
  const advance = (g: number, take: boolean, gone?: { ids: Set<string>; names: Set<string> }): void => {
    const row = g * F;
    if (take) {
      // (the marks of the entries taken: the earlier ones, from where `b` is now)
      const now = [b.symbols.size, b.globals.size, b.clauses.length, b.diagnostics.length, b.references.length, b.qualitative.length,
        b.measures.size, b.entities.size, b.enums.size, b.params.size, b.orgs.size, b.indicators.size, b.properties.size, b.doubts.size,
        b.definitions.size, b.assumptions.size, b.policy ? 1 : 0];
      let m = b.marks!;
      if (b.mk + (g - pos) * F > m.length) {
        const grown = new Int32Array(Math.max(2 * m.length, b.mk + (g - pos) * F));
        grown.set(m);
        b.marks = m = grown;
      }
      let w = b.mk;
      for (let x = pos; x < g; x++) for (let f = 0; f < F; f++) m[w++] = marks[x * F + f]! - at[f]! + now[f]!;
      b.mk = w;
    }
    for (let c = 0; c < its.length; c++) {
      const f = FIELD[c]!;
      const to = marks[row + f]!;
      for (; at[f]! < to; at[f]!++) {
        const e = its[c]!.next().value!;
        if (take) into[c]!.set(e[0], e[1]);
        else if (c === 0) gone?.ids.add(e[0]);
        else if (c === 1) gone?.names.add(e[0]);
      }
    }
    for (; at[2]! < marks[row + 2]!; at[2]!++) {
      if (!take) continue;
      const c = old.clauses[at[2]!]!;
      b.clauses.push(c);
      // (the first 条款 of its anchor: its symbol's — taken before it, with the entries of the same row)
      if (b.symbols.get(`clause:${c.anchor}`)?.decl === c.decl) b.anchors.set(c.anchor, c);
    }
    for (; at[4]! < marks[row + 4]!; at[4]!++) {
      if (!take) continue;
      b.references.push(st.references[at[4]!]!);
      b.owners.push(st.owners[at[4]!]);
    }
    for (; at[5]! < marks[row + 5]!; at[5]!++) if (take) b.qualitative.push(old.qualitative[at[5]!]!);
    if (marks[row + 16]! > at[16]!) {
      at[16] = 1;
      if (take) b.policy = old.policy;
    }
    if (take) kept += g - pos;
    pos = g;
  };
  /** The earlier order's index the cursors are at; entries taken. */
  let pos = 0;
  let kept = 0;
  // the built-ins (before the first entry)
  advance(0, true);
  let stopped = false;
  let base = 0;
  let O: readonly object[] = [];
  let S: Int32Array = new Int32Array(0);
  let path = '';
  const fresh = (n: Item, info: ClauseInfo | undefined): void => {
    if (info) b.clauseItem(n as A.ClauseItem, path, info);
    else b.topItem(n as A.TopItem, path);
  };
  /**
   * After new items declared in place of the earlier ones up to `g` (skipped, their keys in `gone`; `added`: the
   * keys declared): whether the earlier entries after `g` may be taken still — no key they declare differs.
   */
  const sameKeys = (added: { ids: string[]; names: string[] }, gone: { ids: Set<string>; names: Set<string> }, g: number): boolean => {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const x of added.ids) if (!gone.ids.delete(x)) ids.add(x);
    for (const x of added.names) if (!gone.names.delete(x)) names.add(x);
    for (const x of gone.ids) ids.add(x);
    for (const x of gone.names) names.add(x);
    if (!ids.size && !names.size) return true;
    // (a policy before and after: which one is the first is another question — declared again)
    const later = (from: number, table: ReadonlyMap<string, unknown>, keys: Set<string>): boolean => {
      if (!keys.size) return true;
      let i = 0;
      for (const k of table.keys()) if (i++ >= from && keys.has(k)) return false;
      return true;
    };
    return later(marks[g * F]!, old.symbols, ids) && later(marks[g * F + 1]!, st.globals, names);
  };
  // (the new items of one level beside the earlier ones, `O[lo, hi)`)
  const walk = (items: readonly Item[], info: ClauseInfo | undefined, lo: number, hi: number): void => {
    let j = lo;
    let index: Map<object, number> | undefined;
    for (let k = 0; k < items.length; k++) {
      const n = items[k]!;
      if (stopped) {
        fresh(n, info);
        continue;
      }
      const o = j < hi ? (O[j] as Item) : undefined;
      if (o === n) {
        j += S[j]!;
        continue;
      }
      advance(base + j, true);
      if (o?.kind === 'clause' && n.kind === 'clause' && sameClauseHead(o, n)) {
        // (its own entries made for the new node: the earlier ones passed over)
        advance(base + j + 1, false);
        b.mark();
        const ni = b.clauseHead(n, path, info);
        walk(n.items, ni, j + 1, j + S[j]!);
        if (stopped) {
          for (let r = k + 1; r < items.length; r++) fresh(items[r]!, info);
          return;
        }
        j += S[j]!;
        continue;
      }
      // new items up to the next sibling that is an earlier node (after `j`), the earlier ones before it passed over
      if (!index) {
        index = new Map();
        for (let x = j; x < hi; x += S[x]!) index.set(O[x]!, x);
      }
      let k2 = k + 1;
      let j2 = hi;
      for (; k2 < items.length; k2++) {
        const x = index.get(items[k2]!);
        if (x !== undefined && x >= j) {
          j2 = x;
          break;
        }
      }
      const added = (b.added = { ids: [], names: [] });
      for (let r = k; r < k2; r++) fresh(items[r]!, info);
      b.added = undefined;
      const gone = { ids: new Set<string>(), names: new Set<string>() };
      const policy = b.policy;
      const hadPolicy = at[16];
      advance(base + j2, false, gone);
      // (a policy declared or passed over here: which one is the first is a question for the whole program)
      if (b.policy !== policy || at[16] !== hadPolicy || !sameKeys(added, gone, base + j2)) {
        stopped = true;
        for (let r = k2; r < items.length; r++) fresh(items[r]!, info);
        return;
      }
      k = k2 - 1;
      j = j2;
    }
    if (!stopped && j < hi) {
      // (earlier items after the last new one: passed over)
      advance(base + j, true);
      const gone = { ids: new Set<string>(), names: new Set<string>() };
      advance(base + hi, false, gone);
      if (marks[(base + hi) * F + 16] !== marks[(base + j) * F + 16] || !sameKeys({ ids: [], names: [] }, gone, base + hi)) stopped = true;
    }
  };
  for (const [p, f] of files) {
    O = st.order.get(p) ?? [];
    S = st.sizes.get(p) ?? new Int32Array(0);
    path = p;
    if (stopped) for (const item of f.ast.items) b.topItem(item, p);
    else if (st.files.get(p)?.ast !== f.ast) walk(f.ast.items, undefined, 0, O.length);
    base += O.length;
  }
  if (!stopped) advance(total, true);
  b.mark();
  return kept;
}

/**
 * `bindIncrementally` when the edit changed the program's structure (declarations added, removed or of
 * another kind, 条款 split or joined), declared a name twice or numbered a 条款 wrongly, or replaced many
 * declarations (`why`: why the replacing binding did not apply): every declaration is declared again
 * (pass 1, in the order of a whole binding — so the first of a name, the duplicates (ZC0402) and the 条款
 * numbers (ZC0305, ZC0406) come out exactly as a whole binding makes them; pass 1 is the cheap half) — but
 * where the edit left the declarations as they were: the earlier binding's entries (`declareReusing`) —
 * and names are resolved again (pass 2) only in the declarations whose resolution may differ: those the
 * earlier binding did not resolve (new nodes, or a duplicate before), those with a reference to a symbol
 * that changed (added, removed, or now another declaration's or another text's — `sameSym`), and, when any symbol changed,
 * those with a diagnostic of pass 2 (an unknown name may be known now; a suggestion may change). The
 * others keep their references and pass-2 diagnostics (moved with them) and their exception closure.
 * Undefined (bind whole) when the files are others, or a pass-2 diagnostic lay in no declaration; when
 * more than half the declarations resolve again, all of them do (the whole binding, made here).
 * INVARIANT: the result equals `bind(root, files)`, as `bindIncrementally`'s.
 */
function bindStructurally(st: BindState, root: string, files: Map<string, ProgramFile>, why: string): (Result<BoundProgram> & { state: BindState }) | undefined {
  if (st.root !== root || st.files.size !== files.size) return undefined;
  const stPaths = [...st.files.keys()];
  let fi = 0;
  for (const p of files.keys()) if (stPaths[fi++] !== p) return undefined;
  const old = st.value;
  const { order, sizes } = bindingOrder(files);
  const entries = entriesOf(order);
  let b = new Binder(files);
  const kept = bindTuning.reuseDeclared ? declareReusing(b, st, files, entries) : undefined;
  if (kept === undefined) {
    b = new Binder(files);
    b.marks = new Int32Array((entries + 1) * MARK_FIELDS);
    b.declare();
  }
  const declared = b.diagnostics.length;
  const maps = { policy: b.policy, measures: b.measures, qualitative: b.qualitative, definitions: b.definitions, entities: b.entities, params: b.params } as unknown as BoundProgram;
  const units = resolveUnits(maps);
  const oldUnits = resolveUnits(old);
  const again = new Set<object>();
  for (const u of units) if (!oldUnits.has(u)) again.add(u);
  // symbols that changed: added, removed, or another declaration's (not looked for when most declarations are new)
  const changed = new Set<string>();
  if (again.size <= units.size / 2) {
    // (both tables in declaration order: walked side by side, looked up only where they differ)
    const it = old.symbols.entries();
    let cur = it.next();
    const outOfOrder = new Set<string>();
    for (const [id, sym] of b.symbols) {
      // earlier entries gone, or met before out of order
      while (!cur.done && cur.value[0] !== id && (outOfOrder.has(cur.value[0]) || !b.symbols.has(cur.value[0]))) {
        if (!outOfOrder.has(cur.value[0])) changed.add(cur.value[0]);
        cur = it.next();
      }
      let o: Sym | undefined;
      if (!cur.done && cur.value[0] === id) {
        o = cur.value[1];
        cur = it.next();
      } else if ((o = old.symbols.get(id))) outOfOrder.add(id);
      if (!o || !sameSym(o, sym)) changed.add(id);
    }
    for (; !cur.done; cur = it.next()) if (!outOfOrder.has(cur.value[0]) && !b.symbols.has(cur.value[0])) changed.add(cur.value[0]);
  }
  if (changed.size) {
    for (let i = 0; i < st.references.length; i++) {
      const o = st.owners[i];
      if (o && units.has(o) && changed.has(st.references[i]!.target)) again.add(o);
    }
    for (let i = 0; i < st.diagnostics.length; i++) {
      const o = st.diagOwners![i];
      if (o && st.passes[i] && units.has(o.leaf)) again.add(o.leaf);
    }
  }
  const whole = again.size > units.size / 2;
  // INVARIANT: the earlier binding's entries stay as they were (a kept compilation may be given back): a measure
  // of the reused prefix that resolves again gets its own exception closure (resolving writes it)
  for (const [name, m] of b.measures) {
    const o = old.measures.get(name);
    if (m === o) {
      if (whole || again.has(m.decl)) b.measures.set(name, { ...m, overrides: new Map() });
    } else if (!whole && !again.has(m.decl) && o?.decl === m.decl) {
      // a measure not resolved again keeps its exception closure (the earlier binding's, never changed after)
      b.measures.set(name, { ...m, overrides: o.overrides });
    }
  }
  if (whole) b.resolveNames();
  else {
    if (b.policy && again.has(b.policy.decl)) b.resolvePolicy();
    for (const m of b.measures.values()) if (again.has(m.decl)) b.resolveMeasure(m);
    for (const q of b.qualitative) if (again.has(q.decl)) b.resolveQualitative(q.decl);
    for (const d of b.definitions.values()) if (again.has(d.decl)) b.resolveDefinition(d);
    for (const e of b.entities.values()) if (again.has(e)) b.resolveFieldTypes(e);
    for (const x of b.params.values()) if (again.has(x)) b.resolveParamType(x);
    for (const m of b.measures.values()) if (again.has(m.decl)) b.resolveOutcomeTypes(m);
  }
  const references: Reference[] = b.references;
  const owners = b.owners;
  const diagnostics: Diagnostic[] = b.diagnostics;
  const passes: number[] = [];
  for (let i = 0; i < diagnostics.length; i++) passes.push(i < declared ? 0 : 1);
  if (!whole) {
    // the earlier pass-2 references and diagnostics of the declarations not resolved again (moved with them)
    for (let i = 0; i < st.references.length; i++) {
      const o = st.owners[i];
      const r = st.references[i]!;
      if (!o || declaring(r) || !units.has(o) || again.has(o)) continue;
      references.push(r);
      owners.push(o);
    }
    for (let i = 0; i < st.diagnostics.length; i++) {
      const o = st.diagOwners![i];
      if (!st.passes[i] || !o || !units.has(o.leaf) || again.has(o.leaf)) continue;
      diagnostics.push(moveDiagnostic(st.diagnostics[i]!, (o.leaf as { span: Span }).span.start - o.at));
      passes.push(1);
    }
  }
  const value = boundProgramOf(root, files, b, references);
  const ps = Uint8Array.from(passes);
  lastBind.incremental = true;
  lastBind.redeclared = true;
  lastBind.declaredAgain = entries - (kept ?? 0);
  lastBind.replaced = 0;
  lastBind.renamed = 0;
  lastBind.reresolved = whole ? units.size : again.size;
  lastBind.why = why;
  return {
    value, diagnostics,
    state: {
      root, files, value, diagnostics, references: references.slice(), owners: owners.slice(), diagOwners: diagOwnersOf(diagnostics, order, ps), passes: ps,
      order, sizes, globals: b.globals, marks: b.writtenMarks(),
    },
  };
}

/**
 * The declaration `sym` would clash with (ZC0402) if it were named `name`: the two
 * scopes of `Binder.define` — the top-level namespace for a symbol without a
 * container (entities, enums, parameters, organisations and their aliases, measures,
 * indicators, properties, 存疑, built-ins), else the same kind in the same container
 * (fields of an entity, members of an enum, outcomes and rules of a measure, readings
 * of a 存疑). Used to refuse a rename that would merge two declarations.
 */
export function clashWith(symbols: ReadonlyMap<string, Sym>, sym: Sym, name: string): Sym | undefined {
  if (sym.container !== undefined) {
    // an entity's fields and its definitions (定义 实体.名称) share one namespace (ZC0402)
    const kinds = sym.kind === 'field' || sym.kind === 'definition' ? ['field', 'definition'] : [sym.kind];
    for (const k of kinds) {
      const other = symbols.get(symbolId(k, name, sym.container));
      if (other && other.id !== sym.id) return other;
    }
    return undefined;
  }
  for (const s of symbols.values()) if (s.container === undefined && s.kind !== 'clause' && s.name === name && s.id !== sym.id) return s;
  return undefined;
}
