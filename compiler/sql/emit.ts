/**
 * IR → SQL: one view per policy, `zc_<id>_决定`, computing per case (one row of the
 * 案件 relation: every 编号 of the input tables, see layout.ts) every measure's status,
 * outcomes, missing facts (缺少), application status (申请) and claimable status (可领取),
 * with the interpreter's semantics (compiler/interpret/interpreter.ts) row by row:
 *   - SQL NULL is unknown; AND/OR/NOT are SQL's Kleene operators;
 *   - a value that depends on a date known only within a range (某日、施行日) is a pair
 *     (lo, hi) plus the text naming the date; a comparison is decided only when the whole
 *     range agrees, otherwise NULL and the date is a missing fact;
 *   - default-logic priority per outcome (applicable rules not overridden by a surely
 *     applicable one; disagreement is 矛盾, unknown applicability 存疑, a required outcome
 *     without a rule a 缺口);
 *   - 缺少 is the same set of texts the interpreter collects (its short-circuits and its
 *     trace evaluation of every atomic condition included), sorted and de-duplicated;
 *   - lists are correlated subqueries over child tables; definitions are inlined;
 *   - the run's parameters are rows, not SQL text (one plan per policy): each case's scenario
 *     from zc_case_scenario (编号, 场景; absent = scenario 0), its evaluation date from zc_eval
 *     (场景, 评估日期), the sunset from its scenario's events in zc_events (场景, 日期, 级别, 类别,
 *     地区, 标题, 文号); a case whose scenario has no evaluation date is an error (ZC1207).
 * Input: IrProgram + dialect. Output: `{ value: { policy, input }, diagnostics }`; never
 * throws on user input: a construct without an exact SQL form is ZC1201 and no SQL is
 * produced for the policy (never silently wrong SQL).
 * Output columns of the view: 编号, then per measure i (0-based, in IR order; see the
 * header comment of the generated file and the table zc_<id>_措施): m<i>_状态,
 * m<i>_缺少 (text array, only for 存疑), m<i>_申请 / m<i>_可领取 (with 申请条件),
 * m<i>_<j> (outcome j: BIGINT fen for money, DATE for dates, text "n/d" for ratios,
 * BIGINT for counts and durations, BOOLEAN, TEXT).
 */
import type { IrDefinition, IrEntity, IrExpr, IrMeasure, IrProgram, IrType } from '../ir/ir.js';
import { isRatio } from '../ir/ir.js';
import { formatIso, fromDayNumber } from '../common/calendar.js';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { dialectOf, sqlString as S, type Dialect, type DialectName } from './dialect.js';
import { DECLARED_ABSENT, inputDdl, keyColumns, layoutOf, MAX_LIST_DEPTH, walkIr, type Layout, type Table } from './layout.js';
import { runtimeSql } from './runtime.js';

export interface SqlOutput {
  /** policy.<dialect>.sql: runtime library, metadata tables and the decision view. */
  readonly policy: string;
  /** input.<dialect>.sql: DDL of the input tables. */
  readonly input: string;
}

class Unsupported extends Error {
  constructor(readonly at: IrExpr | undefined, message: string) {
    super(message);
  }
}

// ── compiled values ──────────────────────────────────────────────────
/** A scalar (NULL = unknown). */
interface SV { readonly k: 'sv'; readonly v: string; readonly m: readonly string[] }
/** A number known within [lo, hi] (an interval when lo <> hi; NULL bounds = unknown); `why` names it. */
interface IV { readonly k: 'iv'; readonly lo: string; readonly hi: string; readonly why: string; readonly m: readonly string[] }
/** A record (entity instance). */
interface RV { readonly k: 'rv'; readonly ref: RecRef; readonly m: readonly string[] }
/** A list (child table). */
interface LV { readonly k: 'lv'; readonly ref: ListRef; readonly m: readonly string[] }
type Val = SV | IV | RV | LV;

interface RecRef {
  readonly entity: IrEntity;
  /** SQL expressions of its position below the case: [] for a root, [上级序号…, 序号] for a list element. */
  readonly keys: readonly string[];
  /** SQL boolean: the record exists (TRUE when always). */
  readonly present: string;
  /** SQL text: its path for messages ("家庭", "家庭.子女[0]"). */
  readonly path: string;
  /** For a root: SQL boolean, the case states the entity does not exist (table 声明不存在). */
  readonly declaredAbsent?: string;
  /** Column of a (flattened) field path, converted to the runtime representation. */
  col(field: string, t: IrType): string;
  /** Raw presence column of a nested record / list field. */
  presence(field: string): string;
  /** The child table of a list field. */
  list(field: string): { table: Table; prefix: string };
  /** Sub-record reference for a nested record field. */
  sub(field: string, entity: IrEntity): RecRef;
}

interface ListRef {
  readonly table: Table;
  /** Position of the record holding the list (see RecRef.keys). */
  readonly parentKeys: readonly string[];
  /** SQL boolean: the list is known (given). */
  readonly present: string;
  readonly path: string;
}

interface Scope {
  readonly vars: ReadonlyMap<string, RecRef>;
  /** In the sunset condition: the alias of the events row. */
  readonly event?: string;
}

/** A hoisted list subquery (DuckDB, see Emitter.hoist / Emitter.listAgg). */
interface Hoisted { readonly name: string; readonly sql: string; readonly stage: number; readonly table?: string }

/**
 * The FILTER clause of an aggregate over a list's elements, with an extra condition on the
 * element: '' / ` FILTER (WHERE c)` in a scalar subquery; in a grouped CTE also "the row is an
 * element" (the CTE left-joins the case to the child table).
 */
type AggFilter = (cond?: string) => string;
const subqueryFilter: AggFilter = (c) => (c ? ` FILTER (WHERE ${c})` : '');

const cat2 = (...ms: (readonly string[])[]): string[] => ms.flat();
const when = (d: Dialect, cond: string, items: readonly string[]): string => `CASE WHEN ${cond} THEN ${d.arr(items)} ELSE ${d.arr([])} END`;
const whenArr = (d: Dialect, cond: string, m: readonly string[]): string[] => (m.length ? [`CASE WHEN ${cond} THEN ${d.cat(m)} ELSE ${d.arr([])} END`] : []);

/** The measures a measure's rules refer to (适用（…）, outcomes), directly or through definitions. */
export function measureRefs(ir: IrProgram, m: IrMeasure): Set<string> {
  const out = new Set<string>();
  const seenDefs = new Set<string>();
  const visit = (e: IrExpr) => walkIr(e, (x) => {
    if (x.k === 'applies' || x.k === 'outcome') out.add(x.measure);
    if (x.k === 'def' && !seenDefs.has(x.name)) {
      seenDefs.add(x.name);
      const def = ir.definitions.find((y) => y.name === x.name);
      if (def) visit(def.expr);
    }
  });
  for (const r of m.rules) { visit(r.condition); r.assignments.forEach((a) => visit(a.value)); }
  return out;
}

/**
 * DDL of the run's parameter tables, shared by every policy in one database/schema:
 *   zc_eval (场景, 评估日期) — one evaluation date per scenario;
 *   zc_events (场景, 日期, 级别, 类别, 地区, 标题, 文号) — the higher-level events of each scenario;
 *   zc_case_scenario (编号, 场景) — the scenario of a case; a case not listed is in scenario 0.
 * A batch has one scenario (0: one row in zc_eval, no row in zc_case_scenario); a differential
 * run puts every scenario in one query. INVARIANT: nothing of a run is SQL text — the view is
 * planned once per policy whatever the dates, events and scenarios.
 */
export function scenarioDdl(d: Dialect): string {
  return `CREATE TABLE IF NOT EXISTS zc_eval (${d.id('场景')} INTEGER NOT NULL PRIMARY KEY, ${d.id('评估日期')} DATE NOT NULL);
CREATE TABLE IF NOT EXISTS zc_events (${d.id('场景')} INTEGER NOT NULL, ${d.id('日期')} DATE NOT NULL, ${d.id('级别')} TEXT NOT NULL, ${d.id('类别')} TEXT NOT NULL, ${d.id('地区')} TEXT, ${d.id('标题')} TEXT, ${d.id('文号')} TEXT);
CREATE TABLE IF NOT EXISTS zc_case_scenario (${d.id('编号')} BIGINT NOT NULL PRIMARY KEY, ${d.id('场景')} INTEGER NOT NULL);`;
}

/** Emit the SQL of one policy for one dialect. */
export function emitSql(ir: IrProgram, dialect: DialectName): Result<SqlOutput | undefined> {
  const d = dialectOf(dialect);
  const diagnostics: Diagnostic[] = [];
  const layout = layoutOf(ir);
  const span = (e?: IrExpr) => (e && 'origin' in e && e.origin ? { file: e.origin.file, start: e.origin.start, end: e.origin.end } : { file: ir.measures[0]?.origin.file ?? '', start: 0, end: 0 });
  for (const u of layout.unsupported) {
    diagnostics.push(diag('ZC1201', span(), `实体「${u.entity}」的字段「${u.field}」是递归的记录（记录里又含有自身），SQL 布局不支持`, { help: '把递归的记录改为列表，或用 zhengce eval 逐案求值' }));
  }
  try {
    const e = new Emitter(ir, d, layout);
    const policy = e.policySql();
    if (layout.unsupported.length) return { value: undefined, diagnostics };
    return { value: { policy, input: inputDdl(ir, d) }, diagnostics };
  } catch (err) {
    if (err instanceof Unsupported) {
      diagnostics.push(diag('ZC1201', span(err.at), err.message, { help: '该政策仍可用 zhengce eval 或生成的 TypeScript 求值器逐案求值' }));
      return { value: undefined, diagnostics };
    }
    throw err;
  }
}

/**
 * PostgreSQL: the levels of the decision view (lists of `<expr> AS <name>` columns, in order) as
 * LATERAL subqueries of zc_base, one per stage: a level's stage is one past the latest stage of a
 * level whose columns it reads (by name: every column name is unique), so independent levels — the
 * same step of measures that do not refer to each other — share one subquery. Each subquery
 * selects only its new columns and reads the earlier ones by name; OFFSET 0 keeps it a subquery
 * (pulled up, each level's expressions would be substituted into the next: exponential planning).
 * No row of the case is copied per level (a MATERIALIZED CTE per level, `SELECT prev.*, …`, wrote
 * the whole 2–3 KB row to a tuplestore ~100 times per case, spilled to temporary files).
 */
function pgStagesSql(levels: readonly (readonly string[])[]): string {
  const stageOf = new Map<string, number>();
  const stages: string[][] = [];
  for (const cols of levels) {
    let stage = 0;
    for (const c of cols) {
      for (const t of c.matchAll(/\bm\d+_[\w\u4e00-\u9fff]+/gu)) {
        const k = stageOf.get(t[0]);
        if (k !== undefined) stage = Math.max(stage, k + 1);
      }
    }
    for (const c of cols) {
      const name = /\sAS\s+([^\s]+)$/.exec(c)?.[1];
      // INVARIANT: every level column ends in `AS <name>` (its name is how later levels read it)
      if (!name) throw new Error(`level column without a name: ${c.slice(-80)}`);
      stageOf.set(name, stage);
    }
    (stages[stage] ??= []).push(...cols);
  }
  return stages.map((cols, k) => `\nCROSS JOIN LATERAL (\n  SELECT ${cols.join(',\n    ')}\n  OFFSET 0\n) AS zc_stage${k}`).join('');
}

/**
 * Replace each outermost scalar subquery `(SELECT …)` in `sql` by `name(subquery text)`. Paren
 * matching skips string literals ('…', '' escaped) and quoted identifiers ("…").
 */
function extractSubqueries(sql: string, name: (subquery: string) => string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const at = sql.indexOf('(SELECT ', i);
    if (at < 0) break;
    let depth = 0;
    let j = at;
    for (; j < sql.length; j++) {
      const ch = sql[j];
      if (ch === "'" || ch === '"') {
        const close = sql.indexOf(ch, j + 1);
        // INVARIANT: the emitter's literals and identifiers are closed ('' / "" escapes are two closes)
        if (close < 0) throw new Error(`unclosed ${ch} in ${sql.slice(j, j + 80)}`);
        j = close;
      } else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) break;
    }
    out += sql.slice(i, at) + name(sql.slice(at, j + 1));
    i = j + 1;
  }
  return out + sql.slice(i);
}

/** `(SELECT sel FROM …)` → sel and the rest from its top-level FROM (quotes and parentheses skipped). */
function splitSubquery(q: string): { sel: string; tail: string } {
  let depth = 0;
  for (let j = 8; j < q.length; j++) {
    const ch = q[j];
    if (ch === "'" || ch === '"') j = q.indexOf(ch, j + 1);
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && q.startsWith(' FROM ', j)) return { sel: q.slice(8, j), tail: q.slice(j + 1, -1) };
  }
  // INVARIANT: every subquery the emitter writes has a FROM
  throw new Error(`subquery without FROM: ${q.slice(0, 80)}`);
}

class Emitter {
  private alias = 0;
  private readonly rootIndex: Map<string, number>;
  private readonly colAlias = new Map<string, string>();
  private readonly baseCols: string[] = [];
  private readonly measureIndex: Map<string, number>;
  /** > 0 while emitting the body of a list subquery (its text refers to the element's alias). */
  private depth = 0;
  /**
   * DuckDB: list subqueries of the case (not inside another one), by canonical text → column.
   * `table`: an aggregate over that child table computed in the table's grouped CTE (listAgg);
   * otherwise `sql` is a scalar subquery.
   */
  private readonly hoisted = new Map<string, Hoisted>();

  constructor(readonly ir: IrProgram, readonly d: Dialect, readonly layout: Layout) {
    this.rootIndex = new Map(layout.roots.map((t, i) => [t.name, i]));
    this.measureIndex = new Map(ir.measures.map((m, i) => [m.name, i]));
  }

  private fresh(p: string): string {
    return `zc_${p}${this.alias++}`;
  }

  /** Emit `f` as the body of a list subquery (see hoist). */
  private inside<T>(f: () => T): T {
    this.depth++;
    try { return f(); } finally { this.depth--; }
  }

  /**
   * DuckDB: a scalar subquery over a child table, correlated only with the case's own columns,
   * becomes a column of the narrow CTEs zc_l<k> computed once before the measures (see
   * hoistedSql): DuckDB decorrelates each subquery with a join that copies its input rows, and
   * those rows are then a few columns wide instead of every column of the case. The same subquery
   * (up to its aliases) is one column. Not for a subquery inside another one's body, nor one that
   * reads a measure's columns (m<i>_…); PostgreSQL runs subqueries per row: unchanged.
   */
  private hoist(sql: string): string {
    if (this.d.name !== 'duckdb' || this.depth > 0 || /\bm\d+_/.test(sql)) return sql;
    const names = new Map<string, string>();
    const canon = sql.replace(/\bzc_q\d+\b/g, (a) => { let n = names.get(a); if (!n) names.set(a, (n = `zc_qq${names.size}`)); return n; });
    return this.hoistAs(canon, canon);
  }

  private hoistAs(key: string, sql: string, table?: string): string {
    let h = this.hoisted.get(key);
    if (!h) {
      const refs = [...sql.matchAll(/\bzc_h(\d+)\b/g)].map((x) => [...this.hoisted.values()].find((y) => y.name === x[0])!.stage);
      h = { name: `zc_h${this.hoisted.size}`, sql, stage: refs.length ? Math.max(...refs) + 1 : 0, ...(table !== undefined ? { table } : {}) };
      this.hoisted.set(key, h);
    }
    return h.name;
  }

  /**
   * An aggregate over the elements of list `l` (alias `q`, one element row each) for the case.
   * DuckDB, a list of the case itself (child table keyed by 编号 alone, not inside another list
   * subquery, not reading a measure's columns): a column of the list table's grouped CTE — every
   * such aggregate of one table and stage is computed in ONE pass over the table (the case
   * left-joined to its elements, GROUP BY the case), instead of one decorrelated subquery each
   * (a join that re-reads the child table and copies the case rows). `grouped(f)` is the
   * aggregate expression with f(cond) as the FILTER of each aggregate call (f adds "the row is an
   * element"). Otherwise `fallback`, the scalar subquery, unchanged (PostgreSQL runs it per row).
   * INVARIANT: grouped(f) over the elements of the case = the scalar subquery's value; in
   * particular an empty list gives the aggregates' values over no rows (count 0, others NULL).
   */
  private listAgg(l: ListRef, q: string, grouped: (f: AggFilter) => string, fallback: string): string {
    const elem = `${q}.${this.d.id('编号')} IS NOT NULL`;
    const sql = grouped((c) => ` FILTER (WHERE ${elem}${c ? ` AND (${c})` : ''})`);
    if (!this.groupable(l, sql)) return this.hoist(fallback);
    // the element alias is zc_e in the grouped CTE; inner subqueries' aliases canonical (dedupe)
    const names = new Map<string, string>();
    const canon = sql.replace(new RegExp(`\\b${q}\\b`, 'g'), 'zc_e').replace(/\bzc_q\d+\b/g, (a) => { let n = names.get(a); if (!n) names.set(a, (n = `zc_qq${names.size}`)); return n; });
    return this.hoistAs(`${l.table.name}\u0000${canon}`, canon, l.table.name);
  }

  /**
   * The union of the elements' missing-fact arrays (listAgg): `grouped` in a grouped CTE,
   * otherwise the dialect's unionOver subquery from `fallback` (called only then: it may hoist).
   */
  private unionAgg(l: ListRef, q: string, grouped: (f: AggFilter) => string, fallback: () => string): string {
    if (this.groupable(l, grouped(subqueryFilter))) return this.listAgg(l, q, grouped, '');
    return this.hoist(fallback());
  }

  private groupable(l: ListRef, sql: string): boolean {
    return this.d.name === 'duckdb' && this.depth === 0 && l.parentKeys.length === 0 && !/\bm\d+_/.test(sql);
  }

  /**
   * The CTEs of the hoisted subqueries (stage by stage) and zc_base = zc_base0 joined with them.
   * Stage k reads zc_l<k> (the narrow case columns and the hoisted columns of earlier stages):
   * per child table one grouped CTE zc_g<k>_<j> (the case left-joined to the table's rows,
   * GROUP BY the case: every aggregate of that table in one pass, see listAgg), then zc_l<k+1>
   * adds their columns and the remaining scalar subqueries.
   * zc_base0 is read twice: NOT MATERIALIZED (DuckDB would otherwise hold it in memory whole, not
   * spilled: out of memory under the batch's memory limit), so its joins run twice.
   */
  private hoistedSql(): string {
    const all = [...this.hoisted.values()];
    if (!all.length) return 'zc_base AS (SELECT * FROM zc_base0)';
    const baseCol = /\bzc_(?:k|ed|s0|mr|mv|maybe|vmiss|vd|md|p\d+|n\d+|r\d+_\d+)\b/g;
    const used = new Set<string>(['zc_k']);
    for (const h of all) for (const m of h.sql.matchAll(baseCol)) used.add(m[0]);
    const out = [`zc_l0 AS (\n  SELECT ${[...used].sort().join(', ')} FROM zc_base0\n)`];
    const stages = Math.max(...all.map((h) => h.stage)) + 1;
    for (let k = 0; k < stages; k++) {
      const here = all.filter((h) => h.stage === k);
      const tables = [...new Set(here.filter((h) => h.table !== undefined).map((h) => h.table!))];
      const groups = tables.map((t, j) => {
        // subqueries inside the aggregates (a definition over the same list, e.g. 子女.孩次 compares
        // each child with its siblings) are computed once per element, in the element rows below
        // the GROUP BY: the same subquery in several aggregates is then one column, not one
        // decorrelated join each
        // subqueries over the same rows (same FROM … WHERE …) are one subquery of a struct
        const mine = here.filter((h) => h.table === t);
        const bySource = new Map<string, string[]>();
        for (const h of mine) {
          extractSubqueries(h.sql, (q) => {
            const tail = splitSubquery(q).tail;
            const qs = bySource.get(tail) ?? [];
            if (!qs.includes(q)) qs.push(q);
            bySource.set(tail, qs);
            return '';
          });
        }
        const inner: string[] = [];
        const ref = new Map<string, string>();
        for (const [tail, qs] of bySource) {
          const n = `zc_x${inner.length}`;
          if (qs.length === 1) { inner.push(`${qs[0]} AS ${n}`); ref.set(qs[0]!, n); continue; }
          inner.push(`(SELECT {${qs.map((q, i) => `'v${i}': ${splitSubquery(q).sel}`).join(', ')}} ${tail}) AS ${n}`);
          qs.forEach((q, i) => ref.set(q, `struct_extract(${n}, 'v${i}')`));
        }
        const cols = mine.map((h) => `${extractSubqueries(h.sql, (q) => ref.get(q)!)} AS ${h.name}`);
        const join = `zc_l${k} AS zc_l LEFT JOIN ${this.d.id(t)} AS zc_e ON zc_e.${this.d.id('编号')} = zc_l.zc_k`;
        const from = inner.length ? `(\n    SELECT zc_l.*, zc_e.*, ${inner.join(',\n      ')}\n    FROM ${join}\n  ) AS zc_e\n  GROUP BY zc_e.zc_k` : `${join}\n  GROUP BY zc_l.zc_k`;
        out.push(`zc_g${k}_${j} AS (\n  SELECT ${inner.length ? 'zc_e' : 'zc_l'}.zc_k AS zc_gk,\n    ${cols.join(',\n    ')}\n  FROM ${from}\n)`);
        return `zc_g${k}_${j}`;
      });
      const cols = [...groups.flatMap((g, j) => here.filter((h) => h.table === tables[j]).map((h) => `${g}.${h.name}`)),
        ...here.filter((h) => h.table === undefined).map((h) => `${h.sql} AS ${h.name}`)];
      out.push(`zc_l${k + 1} AS (\n  SELECT zc_l${k}.*,\n    ${cols.join(',\n    ')}\n  FROM zc_l${k}${groups.map((g) => ` JOIN ${g} ON ${g}.zc_gk = zc_l${k}.zc_k`).join('')}\n)`);
    }
    out.push(`zc_base AS (\n  SELECT zc_base0.*, ${all.map((h) => `zc_l${stages}.${h.name}`).join(', ')}\n  FROM zc_base0 JOIN zc_l${stages} ON zc_l${stages}.zc_k = zc_base0.zc_k\n)`);
    return out.join(',\n');
  }

  // ── conversions of stored columns to runtime values ──
  private conv(sql: string, t: IrType): string {
    switch (t.k) {
      case 'date': return this.d.dayOf(sql);
      case 'money': return `CAST((${sql}) * 100 AS BIGINT)`;
      default: return sql;
    }
  }

  private rootRef(entity: string): RecRef {
    const i = this.rootIndex.get(entity);
    if (i === undefined) throw new Unsupported(undefined, `实体「${entity}」不是输入表`);
    const table = this.layout.roots[i]!;
    const col = (name: string, t: IrType | 'presence'): string => {
      const key = `${i}\u0000${name}`;
      let a = this.colAlias.get(key);
      if (!a) {
        a = `zc_r${i}_${table.columns.findIndex((c) => c.name === name)}`;
        this.colAlias.set(key, a);
        const raw = `zc_t${i}.${this.d.id(name)}`;
        this.baseCols.push(`${t === 'presence' ? raw : this.conv(raw, t)} AS ${a}`);
      }
      return a;
    };
    return { ...this.recRef(table.entity, `zc_p${i}`, S(entity), '', (n, t) => col(n, t), (n) => col(n, 'presence'), entity, []), declaredAbsent: `zc_n${i}` };
  }

  private recRef(entity: IrEntity, present: string, path: string, prefix: string, col: (name: string, t: IrType) => string, presence: (name: string) => string, tableName: string, keys: readonly string[]): RecRef {
    const self = this;
    return {
      entity, present, path, keys,
      col: (f, t) => col(prefix + f, t),
      presence: (f) => presence(prefix + f),
      list: (f) => {
        const name = `${tableName}.${prefix}${f}`;
        const table = self.layout.children.find((t) => t.name === name);
        if (!table) throw new Unsupported(undefined, `列表「${name}」嵌套超过 ${MAX_LIST_DEPTH} 层，不在 SQL 布局中`);
        return { table, prefix: '' };
      },
      sub: (f, ent) => self.recRef(ent, `(${present} AND ${presence(prefix + f)} IS NOT NULL)`, `${path} || ${S('.' + f)}`, `${prefix}${f}.`, col, presence, tableName, keys),
    };
  }

  /** A list element bound to alias `q` of its child table. */
  private elemRef(l: ListRef, q: string): RecRef {
    const col = (n: string, t: IrType) => this.conv(`${q}.${this.d.id(n)}`, t);
    const pres = (n: string) => `${q}.${this.d.id(n)}`;
    return this.recRef(l.table.entity, 'TRUE', `${l.path} || '[' || CAST(${q}.${this.d.id('序号')} AS VARCHAR) || ']'`, '', col, pres, l.table.name, [...l.parentKeys, `${q}.${this.d.id('序号')}`]);
  }

  private listRef(owner: RecRef, field: string): ListRef {
    const { table } = owner.list(field);
    return { table, parentKeys: owner.keys, present: `(${owner.present} AND ${owner.presence(field)} IS NOT NULL)`, path: `${owner.path} || ${S('.' + field)}` };
  }

  private from(l: ListRef, q: string): string {
    return `${this.d.id(l.table.name)} AS ${q}`;
  }

  private keyEq(q: string, l: ListRef): string {
    const anc = keyColumns(l.table).slice(1, -1);
    return [`${q}.${this.d.id('编号')} = zc_k`, ...anc.map((k, i) => `${q}.${this.d.id(k)} = ${l.parentKeys[i]}`)].join(' AND ');
  }

  // ── helpers on values ──
  private asIv(v: Val): IV {
    if (v.k === 'iv') return v;
    if (v.k === 'sv') return { k: 'iv', lo: v.v, hi: v.v, why: 'NULL', m: v.m };
    throw new Unsupported(undefined, '记录或列表不能作为数值');
  }

  private flag(v: Val): string {
    return v.k === 'iv' ? `(${v.lo} <> ${v.hi})` : 'FALSE';
  }

  /** whyOf(a, b): the texts of the operands that are real intervals, joined by 、. */
  private whyOf(a: Val, b: Val): string {
    if (a.k !== 'iv') return b.k === 'iv' ? b.why : 'NULL';
    if (b.k !== 'iv') return a.why;
    return `CASE WHEN ${this.flag(a)} AND ${this.flag(b)} AND ${a.why} <> ${b.why} THEN ${a.why} || '、' || ${b.why} WHEN ${this.flag(a)} THEN ${a.why} ELSE ${b.why} END`;
  }

  private sv(x: Val): SV {
    if (x.k === 'sv') return x;
    if (x.k === 'iv') return { k: 'sv', v: `CASE WHEN ${x.lo} = ${x.hi} THEN ${x.lo} END`, m: x.m };
    throw new Unsupported(undefined, '记录或列表不能作为值');
  }

  private ratioParts(v: string, t: IrType): [string, string] {
    if (isRatio(t)) return [`zc_rn(${v})`, `zc_rd(${v})`];
    return [`CAST(${v} AS ${this.d.big})`, `CAST(1 AS ${this.d.big})`];
  }

  // ── expressions ──
  expr(e: IrExpr, s: Scope): Val {
    const d = this.d;
    switch (e.k) {
      case 'const': {
        if (typeof e.value === 'boolean') return { k: 'sv', v: e.value ? 'TRUE' : 'FALSE', m: [] };
        if (typeof e.value === 'number') return { k: 'sv', v: e.value < 0 ? `(${e.value})` : String(e.value), m: [] };
        return { k: 'sv', v: S(e.value), m: [] };
      }
      case 'field': {
        const r = this.rootRef(e.entity);
        return this.fieldOf(r, e.field, e.type, [], e);
      }
      case 'root': {
        const r = this.rootRef(e.entity);
        return { k: 'rv', ref: r, m: [when(d, `NOT ${r.present}`, [this.absentText(r, e.entity)])] };
      }
      case 'var': {
        const r = s.vars.get(e.name);
        if (!r) throw new Unsupported(e, `未绑定的变量 ${e.name}`);
        return { k: 'rv', ref: r, m: [] };
      }
      case 'get': {
        const of = this.expr(e.of, s);
        if (of.k !== 'rv') throw new Unsupported(e, '取字段的对象不是记录');
        return this.fieldOf(of.ref, e.field, e.type, of.m, e);
      }
      case 'def': {
        const def = this.ir.definitions.find((x) => x.name === e.name)!;
        return this.definition(def, e, s);
      }
      case 'quant': return this.quant(e, s);
      case 'nth': return this.nth(e, s);
      case 'effective': {
        const p = this.ir.policy;
        if (p.effective !== undefined) return { k: 'sv', v: String(p.effective), m: [] };
        if (p.effectiveRange) {
          const r = p.effectiveRange;
          if (r.lo === r.hi) return { k: 'sv', v: String(r.lo), m: [] };
          return { k: 'iv', lo: String(r.lo), hi: String(r.hi), why: S(`施行日（${r.loIso} 至 ${r.hiIso} 之间，确切日期未知）`), m: [] };
        }
        return { k: 'sv', v: 'CAST(NULL AS INTEGER)', m: [d.arr([S('施行日（原文未载明）')])] };
      }
      case 'someDay': {
        if (e.lo === e.hi) return { k: 'sv', v: String(e.lo), m: [] };
        return { k: 'iv', lo: String(e.lo), hi: String(e.hi), why: S(`${e.origin.text}（${formatIso(fromDayNumber(e.lo))} 至 ${formatIso(fromDayNumber(e.hi))} 之间）`), m: [] };
      }
      case 'param': {
        const p = this.ir.params.find((x) => x.name === e.name)!;
        const vals = [...p.values].sort((a, b) => b.from - a.from);
        const lit = (v: number | string) => (typeof v === 'number' ? (v < 0 ? `(${v})` : String(v)) : S(v));
        const v = vals.length ? `CASE ${vals.map((x) => `WHEN zc_ed >= ${x.from} THEN ${lit(x.value)}`).join(' ')} END` : 'NULL';
        const first = vals.length ? Math.min(...vals.map((x) => x.from)) : undefined;
        const cond = first === undefined ? 'TRUE' : `zc_ed < ${first}`;
        return { k: 'sv', v, m: [when(d, cond, [`${S(`参数 ${e.name}（`)} || ${d.iso('zc_ed')} || ${S(' 无取值）')}`])] };
      }
      case 'evalDate': return { k: 'sv', v: 'zc_ed', m: [] };
      case 'event': {
        if (!s.event) return { k: 'sv', v: 'NULL', m: [] };
        if (e.field === '日期') return { k: 'sv', v: d.dayOf(`${s.event}.${d.id('日期')}`), m: [] };
        if (!['级别', '类别', '地区', '标题', '文号'].includes(e.field)) return { k: 'sv', v: 'NULL', m: [] };
        return { k: 'sv', v: `${s.event}.${d.id(e.field)}`, m: [] };
      }
      case 'age': return this.age(e, s);
      case 'daysBetween': {
        const a = this.expr(e.from, s);
        const b = this.expr(e.to, s);
        if (a.k === 'sv' && b.k === 'sv') return { k: 'sv', v: `(${b.v} - ${a.v})`, m: cat2(a.m, b.m) };
        const A = this.asIv(a);
        const B = this.asIv(b);
        return this.ivN(`(${B.lo} - ${A.hi})`, `(${B.hi} - ${A.lo})`, this.whyOf(a, b), cat2(a.m, b.m), [A.lo, B.lo]);
      }
      case 'not': {
        const x = this.sv(this.expr(e.x, s));
        return { k: 'sv', v: `(NOT ${x.v})`, m: x.m };
      }
      case 'and':
      case 'or': {
        const xs = e.xs.map((x) => this.sv(this.expr(x, s)));
        const v = `(${xs.map((x) => x.v).join(e.k === 'and' ? ' AND ' : ' OR ')})`;
        // missing facts: operands up to the first one that decides (false for AND, true for OR)
        let m: string[] = [];
        for (let i = xs.length - 1; i >= 0; i--) {
          const x = xs[i]!;
          m = i === xs.length - 1 ? [...x.m] : [...x.m, ...whenArr(d, `${x.v} IS NOT ${e.k === 'and' ? 'FALSE' : 'TRUE'}`, m)];
        }
        return { k: 'sv', v, m };
      }
      case 'cmp': {
        const a = this.expr(e.a, s);
        const b = this.expr(e.b, s);
        return this.compare(e.op, a, b, e.a.type, e);
      }
      case 'in': {
        const x = this.expr(e.x, s);
        const vals = e.values.map((v) => this.expr(v, s));
        const xs = this.sv(x);
        const eqs = vals.map((v) => this.compare('=', x, v, e.x.type, e));
        const anyTrue = eqs.map((q) => `${q.v} IS TRUE`).join(' OR ') || 'FALSE';
        const anyNull = eqs.map((q) => `${q.v} IS NULL`).join(' OR ') || 'FALSE';
        const v = `CASE WHEN ${xs.v} IS NULL THEN NULL WHEN ${anyTrue} THEN ${e.negated ? 'FALSE' : 'TRUE'} WHEN ${anyNull} THEN NULL ELSE ${e.negated ? 'TRUE' : 'FALSE'} END`;
        let tail: string[] = [];
        for (let i = eqs.length - 1; i >= 0; i--) {
          const q = eqs[i]!;
          tail = i === eqs.length - 1 ? [...q.m] : [...q.m, ...whenArr(d, `${q.v} IS NOT TRUE`, tail)];
        }
        // q.m includes x.m (compare evaluates both operands): drop the duplicate by set semantics
        return { k: 'sv', v, m: [...x.m, ...whenArr(d, `${xs.v} IS NOT NULL`, tail)] };
      }
      case 'neg': {
        const x = this.expr(e.x, s);
        if (x.k === 'iv') return this.ivN(`(-${x.hi})`, `(-${x.lo})`, x.why, x.m, [x.lo]);
        const v = this.sv(x);
        if (isRatio(e.type)) return { k: 'sv', v: `zc_ratio(-zc_rn(${v.v}), zc_rd(${v.v}))`, m: v.m };
        return { k: 'sv', v: `(-${v.v})`, m: v.m };
      }
      case 'add':
      case 'sub': {
        const a = this.expr(e.a, s);
        const b = this.expr(e.b, s);
        const m = cat2(a.m, b.m);
        if (isRatio(e.type)) {
          if (a.k === 'iv' || b.k === 'iv') throw new Unsupported(e, '比例与不确定日期的运算不能编译为 SQL');
          const [an, ad] = this.ratioParts(this.sv(a).v, e.a.type);
          const [bn, bd] = this.ratioParts(this.sv(b).v, e.b.type);
          return { k: 'sv', v: `zc_ratio(${an} * ${bd} ${e.k === 'add' ? '+' : '-'} ${bn} * ${ad}, ${ad} * ${bd})`, m };
        }
        if (a.k === 'sv' && b.k === 'sv') return { k: 'sv', v: `(${a.v} ${e.k === 'add' ? '+' : '-'} ${b.v})`, m };
        const A = this.asIv(a);
        const B = this.asIv(b);
        return e.k === 'add'
          ? this.ivN(`(${A.lo} + ${B.lo})`, `(${A.hi} + ${B.hi})`, this.whyOf(a, b), m, [A.lo, B.lo])
          : this.ivN(`(${A.lo} - ${B.hi})`, `(${A.hi} - ${B.lo})`, this.whyOf(a, b), m, [A.lo, B.lo]);
      }
      case 'mul': {
        const a = this.expr(e.a, s);
        const b = this.expr(e.b, s);
        const m = cat2(a.m, b.m);
        if (a.k === 'iv' || b.k === 'iv') {
          if (isRatio(e.type) || isRatio(e.a.type) || isRatio(e.b.type)) throw new Unsupported(e, '比例与不确定日期的乘法不能编译为 SQL');
          const A = this.asIv(a);
          const B = this.asIv(b);
          const both = `(${this.flag(a)} AND ${this.flag(b)})`;
          const corners = [`${A.lo} * ${B.lo}`, `${A.lo} * ${B.hi}`, `${A.hi} * ${B.lo}`, `${A.hi} * ${B.hi}`];
          const why = a.k === 'iv' && b.k === 'iv' ? `CASE WHEN ${this.flag(a)} THEN ${a.why} ELSE ${b.why} END` : a.k === 'iv' ? a.why : (b as IV).why;
          return this.ivN(`CASE WHEN ${both} THEN NULL ELSE least(${corners.join(', ')}) END`, `CASE WHEN ${both} THEN NULL ELSE greatest(${corners.join(', ')}) END`, why, m, [A.lo, B.lo]);
        }
        const av = a as SV;
        const bv = b as SV;
        if (isRatio(e.type) || isRatio(e.a.type) || isRatio(e.b.type)) {
          const [an, ad] = this.ratioParts(av.v, e.a.type);
          const [bn, bd] = this.ratioParts(bv.v, e.b.type);
          if (isRatio(e.type)) return { k: 'sv', v: `zc_ratio(${an} * ${bn}, ${ad} * ${bd})`, m };
          return { k: 'sv', v: `zc_rdiv(${an} * ${bn}, ${ad} * ${bd})`, m };
        }
        return { k: 'sv', v: `(${av.v} * ${bv.v})`, m };
      }
      case 'div': {
        const a = this.expr(e.a, s);
        const b = this.expr(e.b, s);
        const m = cat2(a.m, b.m);
        const av = this.sv(a).v;
        const bv = this.sv(b).v;
        const [an, ad] = this.ratioParts(av, e.a.type);
        const [bn, bd] = this.ratioParts(bv, e.b.type);
        const v = isRatio(e.type) ? `zc_ratio(${an} * ${bd}, ${ad} * ${bn})` : `zc_rdiv(${an} * ${bd}, ${ad} * ${bn})`;
        // a division by zero is unknown and says why (the interpreter's text)
        const zero = when(d, `(${av}) IS NOT NULL AND (${bn}) = 0`, [S(`除数“${e.b.origin?.text ?? ''}”为零，无法相除`)]);
        return { k: 'sv', v: `CASE WHEN (${an}) IS NULL OR (${bn}) IS NULL OR ${bn} = 0 THEN NULL ELSE ${v} END`, m: [...m, zero] };
      }
      case 'addMonths': {
        const a = this.expr(e.date, s);
        const n = this.expr(e.months, s);
        const k = e.sign === 1 ? '' : '-';
        if (a.k === 'sv' && n.k === 'sv') return { k: 'sv', v: `zc_add_months(${a.v}, ${k}(${n.v}))`, m: cat2(a.m, n.m) };
        const A = this.asIv(a);
        const N = this.asIv(n);
        const corners = [`zc_add_months(${A.lo}, ${k}(${N.lo}))`, `zc_add_months(${A.lo}, ${k}(${N.hi}))`, `zc_add_months(${A.hi}, ${k}(${N.lo}))`, `zc_add_months(${A.hi}, ${k}(${N.hi}))`];
        return this.ivN(`least(${corners.join(', ')})`, `greatest(${corners.join(', ')})`, this.whyOf(a, n), cat2(a.m, n.m), [A.lo, N.lo]);
      }
      case 'workdays': {
        const st = this.expr(e.start, s);
        const n = this.expr(e.n, s);
        const nv = n.k === 'iv' ? `CASE WHEN ${n.lo} = ${n.hi} THEN ${n.lo} END` : this.sv(n).v;
        const m = cat2(st.m, n.m);
        if (st.k === 'sv') return { k: 'sv', v: `CASE WHEN ${st.v} IS NULL OR ${nv} IS NULL THEN NULL ELSE zc_workday_deadline(${st.v}, ${nv}) END`, m };
        const S0 = this.asIv(st);
        const lo = `CASE WHEN ${S0.lo} IS NULL OR ${nv} IS NULL THEN NULL ELSE zc_workday_deadline(${S0.lo}, ${nv}) END`;
        const hi = `CASE WHEN ${S0.lo} IS NULL OR ${nv} IS NULL THEN NULL ELSE zc_workday_deadline(${S0.hi}, ${nv}) END`;
        return { k: 'iv', lo, hi, why: S0.why, m };
      }
      case 'outcome': {
        const i = this.measureIndex.get(e.measure)!;
        const m = this.ir.measures[i]!;
        const j = m.outcomes.findIndex((o) => o.name === e.outcome);
        return { k: 'sv', v: `m${i}_raw${j}`, m: [when(d, `m${i}_raw${j} IS NULL`, [`${S(`措施「${e.measure}」的结果「${e.outcome}」（该措施`)} || m${i}_状态 || '）'`])] };
      }
      case 'applies': {
        const i = this.measureIndex.get(e.measure)!;
        return { k: 'sv', v: `CASE WHEN m${i}_状态 = '存疑' THEN NULL ELSE m${i}_状态 = '适用' END`, m: [when(d, `m${i}_状态 = '存疑'`, [S(`措施「${e.measure}」是否适用（存疑）`)])] };
      }
      case 'void': throw new Unsupported(e, '“已废止”只能出现在性质中，不能编译为 SQL');
    }
  }

  /** The missing-fact text of an absent root's path (interpreter: absentRoot). */
  private absentText(r: RecRef, path: string): string {
    const entity = r.entity.name;
    return r.declaredAbsent ? `CASE WHEN ${r.declaredAbsent} THEN ${S(`${path}（输入声明没有「${entity}」）`)} ELSE ${S(path)} END` : S(path);
  }

  /** An interval value; `nulls`: operands whose NULL makes the whole value unknown. */
  private ivN(lo: string, hi: string, why: string, m: readonly string[], nulls: readonly string[]): IV {
    const guard = nulls.length ? `${nulls.map((x) => `${x} IS NULL`).join(' OR ')}` : 'FALSE';
    return { k: 'iv', lo: `CASE WHEN ${guard} THEN NULL ELSE ${lo} END`, hi: `CASE WHEN ${guard} THEN NULL ELSE ${hi} END`, why, m };
  }

  private fieldOf(r: RecRef, field: string, t: IrType, m0: readonly string[], e: IrExpr): Val {
    const d = this.d;
    // the interpreter's absentRoot: a root the case states does not exist is named as such
    const missingText = e.k === 'field' && r.declaredAbsent ? this.absentText(r, `${(e as { entity: string }).entity}.${field}`) : `${r.path} || ${S('.' + field)}`;
    if (t.k === 'list') {
      const l = this.listRef(r, field);
      return { k: 'lv', ref: l, m: [...m0, when(d, e.k === 'field' ? `NOT ${r.present} OR ${r.presence(field)} IS NULL` : `${r.present} AND ${r.presence(field)} IS NULL`, [missingText])] };
    }
    if (t.k === 'entity') {
      const ent = this.ir.entities.find((x) => x.name === t.name)!;
      const sub = r.sub(field, ent);
      return { k: 'rv', ref: sub, m: [...m0, when(d, e.k === 'field' ? `NOT ${r.present} OR ${r.presence(field)} IS NULL` : `${r.present} AND ${r.presence(field)} IS NULL`, [missingText])] };
    }
    const v = `CASE WHEN ${r.present} THEN ${r.col(field, t)} END`;
    const vv = r.present === 'TRUE' ? r.col(field, t) : v;
    // for a root entity the interpreter names E.f whether the entity or the field is missing
    return { k: 'sv', v: vv, m: [...m0, when(d, `${vv} IS NULL${r.present === 'TRUE' || e.k === 'field' ? '' : ` AND ${r.present}`}`, [missingText])] };
  }

  private definition(def: IrDefinition, e: Extract<IrExpr, { k: 'def' }>, s: Scope): Val {
    if (def.type.k === 'list' || def.type.k === 'entity') throw new Unsupported(e, `定义「${def.name}」的值是记录或列表，不能编译为 SQL`);
    if (e.of) {
      const self = this.expr(e.of, s);
      if (self.k !== 'rv') throw new Unsupported(e, '定义的实例不是记录');
      const vars = new Map(s.vars);
      vars.set('@self', self.ref);
      const v = this.expr(def.expr, { ...s, vars });
      // unknown instance → unknown, and the definition is not evaluated
      if (v.k === 'sv') return { k: 'sv', v: self.ref.present === 'TRUE' ? v.v : `CASE WHEN ${self.ref.present} THEN ${v.v} END`, m: [...self.m, ...whenArr(this.d, self.ref.present, v.m)] };
      if (v.k === 'iv') return { ...v, m: [...self.m, ...whenArr(this.d, self.ref.present, v.m)] };
      throw new Unsupported(e, `定义「${def.name}」的值是记录或列表，不能编译为 SQL`);
    }
    return this.expr(def.expr, { ...s, vars: new Map() });
  }

  private compare(op: string, a: Val, b: Val, t: IrType, e: IrExpr): SV {
    const d = this.d;
    const sqlOp = op === '!=' ? '<>' : op;
    if (a.k !== 'iv' && b.k !== 'iv') {
      const av = this.sv(a).v;
      const bv = this.sv(b).v;
      const v = isRatio(t) && op !== '=' && op !== '!=' ? `(zc_ratio_cmp(${av}, ${bv}) ${sqlOp} 0)` : `(${av} ${sqlOp} ${bv})`;
      return { k: 'sv', v, m: cat2(a.m, b.m) };
    }
    if (isRatio(t)) throw new Unsupported(e, '比例与不确定日期的比较不能编译为 SQL');
    const A = this.asIv(a);
    const B = this.asIv(b);
    const [al, ah, bl, bh] = [A.lo, A.hi, B.lo, B.hi];
    const tri = (t1: string, f1: string) => `CASE WHEN ${t1} THEN TRUE WHEN ${f1} THEN FALSE END`;
    let r: string;
    switch (op) {
      case '>=': r = tri(`${al} >= ${bh}`, `${ah} < ${bl}`); break;
      case '>': r = tri(`${al} > ${bh}`, `${ah} <= ${bl}`); break;
      case '<=': r = tri(`${ah} <= ${bl}`, `${al} > ${bh}`); break;
      case '<': r = tri(`${ah} < ${bl}`, `${al} >= ${bh}`); break;
      case '=': r = `CASE WHEN ${ah} < ${bl} OR ${bh} < ${al} THEN FALSE END`; break;
      default: r = `CASE WHEN ${ah} < ${bl} OR ${bh} < ${al} THEN TRUE END`; break;
    }
    const degenerate = `(${this.flag(a)} = FALSE AND ${this.flag(b)} = FALSE)`;
    const known = `${al} IS NOT NULL AND ${bl} IS NOT NULL`;
    const v = `CASE WHEN ${al} IS NULL OR ${bl} IS NULL THEN NULL WHEN ${degenerate} THEN ${al} ${sqlOp} ${bl} ELSE ${r} END`;
    return { k: 'sv', v, m: [...a.m, ...b.m, when(d, `${known} AND NOT ${degenerate} AND (${r}) IS NULL`, [this.whyOf(a, b)])] };
  }

  private age(e: Extract<IrExpr, { k: 'age' }>, s: Scope): Val {
    const b = this.expr(e.birth, s);
    const fn = e.unit === 'years' ? 'zc_years_of_age' : 'zc_months_of_age';
    if (b.k === 'sv') return { k: 'sv', v: `${fn}(${b.v}, zc_ed)`, m: b.m };
    const B = this.asIv(b);
    const a1 = `${fn}(${B.hi}, zc_ed)`;
    const a2 = `${fn}(${B.lo}, zc_ed)`;
    const undef = `(${a1} IS NULL OR ${a2} IS NULL)`;
    return {
      k: 'iv', lo: `CASE WHEN ${undef} THEN NULL ELSE ${a1} END`, hi: `CASE WHEN ${undef} THEN NULL ELSE ${a2} END`, why: B.why,
      m: [...b.m, when(this.d, `${B.lo} IS NOT NULL AND ${this.flag(b)} AND ${undef}`, [`${B.why} || '（可能晚于评估日期）'`])],
    };
  }

  private quant(e: Extract<IrExpr, { k: 'quant' }>, s: Scope): Val {
    const d = this.d;
    const lv = this.expr(e.list, s);
    if (lv.k !== 'lv') throw new Unsupported(e, '量词的对象不是列表');
    const l = lv.ref;
    const q = this.fresh('q');
    const vars = new Map(s.vars);
    vars.set(e.var, this.elemRef(l, q));
    const inner: Scope = { ...s, vars };
    const body = e.body ? this.inside(() => this.expr(e.body!, inner)) : undefined;
    if (body && body.k === 'iv' && e.q !== 'count') {
      if (e.q === 'sum' || e.q === 'max' || e.q === 'min') throw new Unsupported(e, '对含不确定日期的值求合计/最大/最小不能编译为 SQL');
    }
    const bsv = body ? this.sv(body) : undefined;
    const b = bsv?.v ?? 'TRUE';
    const from = this.from(l, q);
    const where = this.keyEq(q, l);
    const sub = (agg: (f: AggFilter) => string) => this.listAgg(l, q, agg, `(SELECT ${agg(subqueryFilter)} FROM ${from} WHERE ${where})`);
    let v: string;
    // elements whose missing facts the interpreter collects: up to the one that decides
    let stop: string | undefined;
    switch (e.q) {
      case 'exists': v = sub((f) => `CASE WHEN bool_or(${b})${f()} THEN TRUE WHEN bool_or((${b}) IS NULL)${f()} THEN NULL ELSE FALSE END`); stop = `(${b}) IS TRUE`; break;
      case 'none': v = sub((f) => `CASE WHEN bool_or(${b})${f()} THEN FALSE WHEN bool_or((${b}) IS NULL)${f()} THEN NULL ELSE TRUE END`); stop = `(${b}) IS TRUE`; break;
      case 'forall': v = sub((f) => `CASE WHEN bool_or((${b}) IS FALSE)${f()} THEN FALSE WHEN bool_or((${b}) IS NULL)${f()} THEN NULL ELSE TRUE END`); stop = `(${b}) IS FALSE`; break;
      case 'count': v = sub((f) => `CASE WHEN bool_or((${b}) IS NULL)${f()} THEN NULL ELSE count(*)${f(b)} END`); break;
      case 'sum': {
        if (isRatio(e.type)) throw new Unsupported(e, '比例的合计不能编译为 SQL');
        v = sub((f) => `CASE WHEN bool_or((${b}) IS NULL)${f()} THEN NULL ELSE coalesce(sum(${b})${f()}, 0) END`);
        break; // every element is evaluated: every missing one is named (interpreter since issue 9)
      }
      case 'max':
      case 'min': {
        if (isRatio(e.type)) throw new Unsupported(e, '比例的最大/最小值不能编译为 SQL');
        v = sub((f) => `CASE WHEN count(*)${f()} = 0 OR bool_or((${b}) IS NULL)${f()} THEN NULL ELSE ${e.q}(${b})${f()} END`);
        break;
      }
    }
    if (e.q === 'sum') v = `CAST(${v} AS BIGINT)`;
    const value = `CASE WHEN ${l.present} THEN ${v} END`;
    const m: string[] = [...lv.m];
    const bm = bsv?.m ?? [];
    if (bm.length) {
      const mb = d.cat(bm);
      if (stop) {
        // up to and including the first deciding element (by 序号)
        const q2 = this.fresh('q');
        const ord = `${q}.${d.id('序号')}`;
        // grouped (one pass): the elements' (序号, missing) pairs, kept up to the first stop
        const grouped = (f: AggFilter) => `coalesce(flatten(list_transform(list_filter(list({'o': ${ord}, 'm': ${mb}})${f()}, lambda zc_x: zc_x.o <= coalesce(min(${ord})${f(stop)}, ${2 ** 31 - 1})), lambda zc_x: zc_x.m)), CAST([] AS VARCHAR[]))`;
        const fallback = () => {
          const firstStop = this.hoist(`(SELECT min(${q2}.${d.id('序号')}) FROM ${this.from(l, q2)} WHERE ${this.keyEq(q2, l)} AND ${this.rebind(stop, q, q2)})`);
          const cond = `${where} AND (${firstStop} IS NULL OR ${q}.${d.id('序号')} <= ${firstStop})`;
          return d.unionOver(from, cond, mb);
        };
        m.push(...whenArr(d, l.present, [this.unionAgg(l, q, grouped, fallback)]));
      } else m.push(...whenArr(d, l.present, [this.unionAgg(l, q, (f) => `coalesce(flatten(list(${mb})${f()}), CAST([] AS VARCHAR[]))`, () => d.unionOver(from, where, mb))]));
    }
    if (e.q === 'max' || e.q === 'min') {
      m.push(when(d, `${l.present} AND ${sub((f) => `count(*)${f()}`)} = 0`, [`${l.path} || ${S(`（列表为空，没有${e.q === 'max' ? '最大' : '最小'}值）`)}`]));
    }
    return { k: 'sv', v: value, m };
  }

  /** Missing facts of a boolean quantifier as a traced condition: the list and every element's body. */
  private quantTrace(e: Extract<IrExpr, { k: 'quant' }>, s: Scope): string[] {
    const d = this.d;
    const lv = this.expr(e.list, s);
    if (lv.k !== 'lv') throw new Unsupported(e, '量词的对象不是列表');
    const q = this.fresh('q');
    const vars = new Map(s.vars);
    vars.set(e.var, this.elemRef(lv.ref, q));
    const body = e.body ? this.inside(() => this.sv(this.expr(e.body!, { ...s, vars }))) : undefined;
    const own = this.sv(this.expr(e, s)).m;
    if (!body || !body.m.length) return [...lv.m, ...own];
    const mb = d.cat(body.m);
    return [...lv.m, ...own, ...whenArr(d, lv.ref.present, [this.unionAgg(lv.ref, q, (f) => `coalesce(flatten(list(${mb})${f()}), CAST([] AS VARCHAR[]))`, () => d.unionOver(this.from(lv.ref, q), this.keyEq(q, lv.ref), mb))])];
  }

  /** Rename the element alias inside an expression (the aliases are fresh, unique tokens). */
  private rebind(sql: string, from: string, to: string): string {
    return sql.split(`${from}.`).join(`${to}.`);
  }

  private nth(e: Extract<IrExpr, { k: 'nth' }>, s: Scope): Val {
    const d = this.d;
    const lv = this.expr(e.list, s);
    if (lv.k !== 'lv') throw new Unsupported(e, '“第N个”的对象不是列表');
    const l = lv.ref;
    const q = this.fresh('q');
    const vars = new Map(s.vars);
    vars.set(e.var, this.elemRef(l, q));
    const key = this.inside(() => this.expr(e.key, { ...s, vars }));
    if (key.k !== 'sv') throw new Unsupported(e, '“第N个”的排序键含不确定日期，不能编译为 SQL');
    const from = this.from(l, q);
    const where = this.keyEq(q, l);
    const q2 = this.fresh('q');
    const key2 = this.rebind(key.v, q, q2);
    const pick = this.hoist(`(SELECT ${q2}.${d.id('序号')} FROM ${this.from(l, q2)} WHERE ${this.keyEq(q2, l)} ORDER BY ${key2}, ${q2}.${d.id('序号')} LIMIT 1 OFFSET ${e.n - 1})`);
    const ok = this.listAgg(l, q, (f) => `NOT coalesce(bool_or((${key.v}) IS NULL)${f()}, FALSE) AND count(*)${f()} >= ${e.n}`, `(SELECT NOT coalesce(bool_or((${key.v}) IS NULL), FALSE) AND count(*) >= ${e.n} FROM ${from} WHERE ${where})`);
    const at = `CASE WHEN ${l.present} AND ${ok} THEN ${pick} END`;
    const q3 = this.fresh('q');
    const ref: RecRef = this.recRef(
      l.table.entity, `(${at}) IS NOT NULL`, `${l.path} || '[' || CAST(${at} AS VARCHAR) || ']'`, '',
      (n, t) => this.hoist(`(SELECT ${this.conv(`${q3}.${d.id(n)}`, t)} FROM ${this.from(l, q3)} WHERE ${this.keyEq(q3, l)} AND ${q3}.${d.id('序号')} = ${at})`),
      (n) => this.hoist(`(SELECT ${q3}.${d.id(n)} FROM ${this.from(l, q3)} WHERE ${this.keyEq(q3, l)} AND ${q3}.${d.id('序号')} = ${at})`),
      l.table.name, [...l.parentKeys, `(${at})`],
    );
    const m: string[] = [...lv.m];
    if (key.m.length) {
      // every element's key is evaluated, so every missing one is named (interpreter since issue 9)
      const km = d.cat(key.m);
      m.push(...whenArr(d, l.present, [this.unionAgg(l, q, (f) => `coalesce(flatten(list(${km})${f()}), CAST([] AS VARCHAR[]))`, () => d.unionOver(from, where, km))]));
    }
    const cnt = this.listAgg(l, q, (f) => `count(*)${f()}`, `(SELECT count(*) FROM ${from} WHERE ${where})`);
    const noNull = this.listAgg(l, q, (f) => `NOT coalesce(bool_or((${key.v}) IS NULL)${f()}, FALSE)`, `(SELECT NOT coalesce(bool_or((${key.v}) IS NULL), FALSE) FROM ${from} WHERE ${where})`);
    m.push(when(d, `${l.present} AND ${noNull} AND ${cnt} < ${e.n}`, [`${l.path} || '（只有 ' || CAST(${cnt} AS VARCHAR) || ${S(` 个，没有第 ${e.n} 个）`)}`]));
    return { k: 'rv', ref, m };
  }

  /** Missing facts of a rule condition: the interpreter evaluates it, then traces every atomic condition. */
  private traceMissing(e: IrExpr, s: Scope): string[] {
    if (e.k === 'and' || e.k === 'or') {
      const range = e.xs.length === 2 && e.xs.every((x) => x.k === 'cmp' && x.origin.start === e.origin.start && x.origin.end === e.origin.end);
      if (range) return this.sv(this.expr(e, s)).m as string[];
      return e.xs.flatMap((x) => this.traceMissing(x, s));
    }
    if (e.k === 'not') return this.traceMissing(e.x, s);
    if (e.k === 'const') return [];
    if (e.k === 'quant') return this.quantTrace(e, s);
    return [...this.sv(this.expr(e, s)).m];
  }

  // ── the policy ──
  policySql(): string {
    const d = this.d;
    const ir = this.ir;
    const id = ir.policy.id;
    const root: Scope = { vars: new Map() };
    const order = this.measureOrder();
    const ctes: string[] = [];
    let prev = 'zc_base';
    /** PostgreSQL: the levels' columns, grouped into LATERAL subqueries of zc_base (pgStagesSql). */
    const pgLevels: string[][] = [];
    const level = (name: string, cols: string[]) => {
      if (d.name === 'postgres') {
        if (cols.length) pgLevels.push(cols);
        return;
      }
      ctes.push(`${name} AS (\n  SELECT ${prev}.*${cols.length ? ',\n    ' + cols.join(',\n    ') : ''}\n  FROM ${prev}\n)`);
      prev = name;
    };
    // the policy's sunset on the evaluation date: void since (废止日期), possibly void since (可能废止日期)
    const sunset = ir.policy.sunset;
    const ev = 'zc_ev';
    if (sunset) walkIr(sunset.condition, (x) => {
      if (x.k === 'field' || x.k === 'root' || x.k === 'def' || x.k === 'quant' || x.k === 'applies' || x.k === 'outcome') throw new Unsupported(x, '失效条件读取了输入事实或其他措施，SQL 只支持由事件、常量和评估日期构成的失效条件');
    });
    const sunsetC = sunset ? this.sv(this.expr(sunset.condition, { vars: new Map(), event: ev })) : undefined;
    const outCols: string[] = [`zc_k AS ${d.id('编号')}`, `CASE WHEN zc_s0 = '已废止' THEN ${d.dateOf('zc_vd')} END AS ${d.id('废止日期')}`, `CASE WHEN zc_mv THEN ${d.dateOf('zc_md')} END AS ${d.id('可能废止日期')}`];
    for (const i of order) {
      const m = ir.measures[i]!;
      const p = `m${i}_`;
      const subj = m.subject ? this.rootIndex.get(m.subject) : undefined;
      // INVARIANT (interpreter, issue 14): an absent subject is unknown — the rules run on its
      // unknown facts, what would be granted is not handed on and the measure is 存疑 naming the
      // subject; a subject the case states does not exist (声明不存在) makes the measure 不适用
      const subjPresent = subj === undefined ? 'TRUE' : `zc_p${subj}`;
      const subjNone = subj === undefined ? 'FALSE' : `zc_n${subj}`;
      if (m.subject && subj === undefined) this.rootRef(m.subject);
      // A: rule applicability
      const aCols: string[] = [];
      // (an end counted from an uncertain 施行日: out of force for certain before its range's first day or after the
      // last; unknown inside the range — the rule then applies unknown unless its condition is false, as _inForce)
      const valid = (r: IrMeasure['rules'][number]) => [
        r.validFrom !== undefined ? `zc_ed >= ${r.validFrom}` : '', r.validTo !== undefined ? `zc_ed <= ${r.validTo}` : '',
        r.validFromRange ? `zc_ed >= ${r.validFromRange.lo}` : '', r.validToRange ? `zc_ed <= ${r.validToRange.hi}` : '',
      ].filter(Boolean).join(' AND ') || 'TRUE';
      const validUnknown = (r: IrMeasure['rules'][number]) => [
        r.validFromRange ? `zc_ed < ${r.validFromRange.hi}` : '', r.validToRange ? `zc_ed > ${r.validToRange.lo}` : '',
      ].filter(Boolean).join(' OR ');
      const gate = `(zc_s0 IS NULL AND NOT ${subjNone})`;
      m.rules.forEach((r, k) => {
        const c = this.sv(this.expr(r.condition, root));
        const u = validUnknown(r);
        aCols.push(`CASE WHEN ${gate} AND ${valid(r)} THEN ${u ? `CASE WHEN ${u} THEN CASE WHEN (${c.v}) IS FALSE THEN FALSE END ELSE ${c.v} END` : c.v} ELSE FALSE END AS ${p}a${k}`);
      });
      level(`zc_m${i}a`, aCols);
      // B: per outcome, the value of each surely-applicable winner
      const bCols: string[] = [];
      const a = (k: number) => `${p}a${k}`;
      const info = m.outcomes.map((o, j) => {
        const cands = m.rules.map((r, k) => ({ r, k })).filter(({ r }) => r.assignments.some((x) => x.outcome === o.name));
        const overriddenBySure = (k: number) => cands.filter((c2) => c2.k !== k && c2.r.overrides.includes(m.rules[k]!.name)).map((c2) => `${a(c2.k)} IS TRUE`);
        const winner = (k: number) => { const o2 = overriddenBySure(k); return `(${a(k)} IS NOT FALSE${o2.length ? ` AND NOT (${o2.join(' OR ')})` : ''})`; };
        const sure = cands.map(({ k }) => `(${winner(k)} AND ${a(k)} IS TRUE)`);
        const unsure = cands.map(({ k }) => `(${winner(k)} AND ${a(k)} IS NULL)`);
        const vals = cands.map(({ r, k }, n) => {
          const v = this.expr(r.assignments.find((x) => x.outcome === o.name)!.value, root);
          if (v.k === 'rv' || v.k === 'lv') throw new Unsupported(r.assignments[0]!.value, '结果的值是记录或列表');
          const col = `${p}v${j}_${k}`;
          if (v.k === 'iv') {
            bCols.push(`CASE WHEN ${sure[n]} THEN ${v.lo} END AS ${col}_lo`, `CASE WHEN ${sure[n]} THEN ${v.hi} END AS ${col}_hi`, `CASE WHEN ${sure[n]} THEN ${v.why} END AS ${col}_why`);
          } else bCols.push(`CASE WHEN ${sure[n]} THEN ${v.v} END AS ${col}`);
          return { v, col, k };
        });
        return { o, j, cands, sure, unsure, vals };
      });
      level(`zc_m${i}b`, bCols);
      // C: outcome results, doubt, raw values
      const cCols: string[] = [];
      const doubts: string[] = [];
      const missing: string[] = [];
      m.rules.forEach((r, k) => {
        const tm = this.traceMissing(r.condition, root);
        missing.push(...whenArr(d, valid(r), tm));
        // the uncertain 施行日 a validity counted from it depends on, while it decides nothing
        const u = validUnknown(r);
        const whys = [...new Set([r.validFromRange?.why, r.validToRange?.why].filter((x): x is string => x !== undefined))];
        if (u) missing.push(when(d, `${valid(r)} AND (${u}) AND ${p}a${k} IS NULL`, whys.map((x) => S(x))));
      });
      for (const x of info) {
        const { o, j, sure, unsure, vals } = x;
        const anySure = sure.length ? `(${sure.join(' OR ')})` : 'FALSE';
        const anyUnsure = unsure.length ? `(${unsure.join(' OR ')})` : 'FALSE';
        const parts = (n: number): [string, string, string] => {
          const v = vals[n]!;
          return v.v.k === 'iv' ? [`${v.col}_lo`, `${v.col}_hi`, `CASE WHEN ${v.col}_lo <> ${v.col}_hi THEN ${v.col}_why END`] : [v.col, v.col, 'NULL'];
        };
        const pairs: string[] = [];
        for (let n1 = 0; n1 < vals.length; n1++) {
          for (let n2 = n1 + 1; n2 < vals.length; n2++) {
            const [l1, h1, w1] = parts(n1);
            const [l2, h2, w2] = parts(n2);
            const ne = vals[n1]!.v.k === 'iv' || vals[n2]!.v.k === 'iv'
              ? `(${l1} IS DISTINCT FROM ${l2} OR ${h1} IS DISTINCT FROM ${h2} OR ${w1} IS DISTINCT FROM ${w2})`
              : `${l1} IS DISTINCT FROM ${l2}`;
            pairs.push(`(${sure[n1]} AND ${sure[n2]} AND ${ne})`);
          }
        }
        const conflict = pairs.length ? `(${pairs.join(' OR ')})` : 'FALSE';
        const firstLo = vals.length ? `CASE ${vals.map((v, n) => `WHEN ${sure[n]} THEN ${v.v.k === 'iv' ? `${v.col}_lo` : v.col}`).join(' ')} END` : 'NULL';
        const anyIv = vals.some((v) => v.v.k === 'iv');
        const firstHi = anyIv ? `CASE ${vals.map((v, n) => `WHEN ${sure[n]} THEN ${v.v.k === 'iv' ? `${v.col}_hi` : v.col}`).join(' ')} END` : firstLo;
        const firstWhy = anyIv ? `CASE ${vals.map((v, n) => `WHEN ${sure[n]} THEN ${v.v.k === 'iv' ? `${v.col}_why` : 'NULL'}`).join(' ')} END` : 'NULL';
        const isIv = anyIv ? `(${firstLo} <> ${firstHi})` : 'FALSE';
        const gap = o.required ? `(NOT ${anySure} AND NOT ${anyUnsure})` : 'FALSE';
        const unknownVal = `(${anySure} AND NOT ${conflict} AND (${firstLo} IS NULL OR ${isIv}))`;
        doubts.push(anyUnsure, gap, `(${anySure} AND ${conflict})`, unknownVal);
        // INVARIANT (interpreter): a value beside a rule of unknown applicability is shown but not
        // established — it is never handed over (措施.结果) nor output here
        cCols.push(`CASE WHEN ${gate} AND ${anySure} AND NOT ${anyUnsure} AND NOT ${conflict} AND NOT ${isIv} THEN ${firstLo} END AS ${p}would${j}`);
        // missing facts of the sure values, and the uncertain date of an interval result
        vals.forEach((v, n) => missing.push(...whenArr(d, sure[n]!, v.v.m)));
        if (anyIv) missing.push(when(d, `${anySure} AND NOT ${conflict} AND ${isIv}`, [firstWhy]));
      }
      cCols.push(`${gate} AND (${doubts.length ? doubts.join(' OR ') : 'FALSE'}) AS ${p}dbt`);
      level(`zc_m${i}c`, cCols);
      // established values (handed to other measures, output): only for a present subject
      level(`zc_m${i}r`, m.outcomes.map((_, j) => `CASE WHEN ${subjPresent} THEN ${p}would${j} END AS ${p}raw${j}`));
      // D: status; E: results after the uncertain effective date, missing facts, claimable
      const anyRaw = m.outcomes.length ? m.outcomes.map((_, j) => `${p}would${j} IS NOT NULL`).join(' OR ') : 'FALSE';
      level(`zc_m${i}d`, [
        `CASE WHEN zc_s0 IS NOT NULL THEN zc_s0 WHEN ${subjNone} THEN '不适用' WHEN ${p}dbt THEN '存疑' WHEN ${anyRaw} THEN CASE WHEN zc_maybe OR NOT ${subjPresent} THEN '存疑' ELSE '适用' END ELSE '不适用' END AS ${p}状态`,
      ]);
      if (m.subject && subj !== undefined) missing.push(when(d, `NOT ${subjPresent} AND ${p}状态 <> '不适用'`, [S(m.subject)]));
      const eCols: string[] = [];
      m.outcomes.forEach((o, j) => {
        const out = o.type.k === 'date' ? d.dateOf(`${p}raw${j}`) : `${p}raw${j}`;
        eCols.push(`CASE WHEN ${p}状态 = '存疑' AND zc_maybe THEN NULL ELSE ${out} END AS ${p}${j}`);
      });
      const maybeText = ir.policy.effectiveRange ? S(`施行日（${ir.policy.effectiveRange.loIso} 至 ${ir.policy.effectiveRange.hiIso} 之间，确切日期未知）`) : undefined;
      if (maybeText) missing.push(when(d, 'zc_mr', [maybeText]));
      if (sunsetC?.m.length) missing.push(`CASE WHEN zc_mv THEN zc_vmiss ELSE ${d.arr([])} END`);
      eCols.push(`CASE WHEN ${p}状态 = '存疑' THEN ${d.nullIfEmpty(d.sortDistinct(d.cat(missing)))} END AS ${p}缺少`);
      level(`zc_m${i}e`, eCols);
      outCols.push(`${p}状态`, `${p}缺少`, ...m.outcomes.map((_, j) => `${p}${j}`));
    }
    // claimable: joined after every measure is known
    const fCols: string[] = [];
    ir.measures.forEach((m, i) => {
      if (!m.application) return;
      const k = this.measureIndex.get(m.application);
      const app = k === undefined ? `'存疑'` : `m${k}_状态`;
      const s = `m${i}_状态`;
      fCols.push(`${app} AS m${i}_申请`);
      fCols.push(`CASE WHEN ${s} IN ('未生效', '已废止') THEN ${s} WHEN ${s} = '不适用' OR ${app} = '不适用' THEN '不适用' WHEN ${s} = '适用' AND ${app} = '适用' THEN '适用' ELSE '存疑' END AS m${i}_可领取`);
      outCols.push(`m${i}_申请`, `m${i}_可领取`);
    });
    if (fCols.length) level('zc_claim', fCols);
    // outputs in IR order
    const ordered = [...outCols.slice(0, 3), ...ir.measures.flatMap((m, i) => outCols.filter((c) => c.startsWith(`m${i}_`)))];
    // base: the case, the evaluation date, the policy's status, the input columns
    // the sunset: the first day an event surely voids the policy (zc_vd), the first day one may
    // void it (its 失效 condition unknown, e.g. against an uncertain 施行日: zc_md) and what that
    // depends on (zc_vmiss) — the interpreter's voidStatus
    let voidDay = 'CAST(NULL AS INTEGER)';
    let maybeDay = 'CAST(NULL AS INTEGER)';
    let maybeMiss = `CAST(NULL AS ${d.textArray})`;
    if (sunset && sunsetC) {
      const c = sunsetC;
      const evDay = `(${d.dayOf(`${ev}.${d.id('日期')}`)} + ${sunset.start === 'nextDay' ? 1 : 0})`;
      const at = (sql: string, t: string) => sql.replace(/zc_ed/g, `${t}.zc_ed`);
      // INVARIANT: only the events of the row's own scenario (zc_events.场景 = zc_eval.场景)
      const mine = `${ev}.${d.id('场景')} = zc_pd.zc_sc`;
      voidDay = at(`(SELECT min(${evDay}) FROM zc_events AS ${ev} WHERE ${mine} AND (${c.v}))`, 'zc_pd');
      maybeDay = at(`(SELECT min(${evDay}) FROM zc_events AS ${ev} WHERE ${mine} AND (${c.v}) IS NULL)`, 'zc_pd');
      // INVARIANT: the events of that first day share one 失效 condition, so their missing facts
      // are those of the interpreter's first such event (events are not ordered in SQL)
      if (c.m.length) maybeMiss = at(`CASE WHEN zc_md IS NOT NULL THEN ${d.sortDistinct(d.unionOver(`zc_events AS ${ev}`, `${ev}.${d.id('场景')} = zc_pv0.zc_sc AND (${c.v}) IS NULL AND ${evDay} = zc_pv0.zc_md`, d.cat(c.m)))} END`, 'zc_pv0');
    }
    const eff = ir.policy.effective;
    const range = ir.policy.effectiveRange;
    const notYet = eff !== undefined ? `zc_ed < ${eff}` : range ? `zc_ed < ${range.lo}` : 'FALSE';
    const maybe = range ? `zc_ed < ${range.hi}` : 'FALSE';
    const joins = this.layout.roots.map((t, i) => `LEFT JOIN ${d.id(t.name)} AS zc_t${i} ON zc_t${i}.${d.id('编号')} = zc_c.${d.id('编号')}`);
    const presence = this.layout.roots.flatMap((t, i) => [`zc_t${i}.${d.id('编号')} IS NOT NULL AS zc_p${i}`,
      `EXISTS (SELECT 1 FROM ${d.id(DECLARED_ABSENT)} AS zc_x WHERE zc_x.${d.id('编号')} = zc_c.${d.id('编号')} AND zc_x.${d.id('实体')} = ${S(t.name)}) AS zc_n${i}`]);
    // the scenario of a case: zc_case_scenario.场景, else 0; its evaluation date and events from
    // zc_eval / zc_events of that scenario (parameters of the run are rows, never SQL text: one plan)
    const noScenario = d.raiseInt(`'ZC1207 案件 ' || CAST(zc_c.${d.id('编号')} AS ${d.name === 'duckdb' ? 'VARCHAR' : 'text'}) || ' 的场景 ' || CAST(coalesce(zc_cs.${d.id('场景')}, 0) AS ${d.name === 'duckdb' ? 'VARCHAR' : 'text'}) || ' 在 zc_eval 中没有评估日期'`);
    const base = `zc_pd AS (
  SELECT ${d.id('场景')} AS zc_sc, ${d.dayOf(`${d.id('评估日期')}`)} AS zc_ed FROM zc_eval
), zc_pv AS (
  SELECT zc_sc, zc_ed, zc_s0, zc_mr, zc_mv, zc_mr OR zc_mv AS zc_maybe, zc_vmiss, zc_vd, zc_md FROM (
    SELECT zc_sc, zc_ed, zc_vd, zc_md, CASE WHEN zc_vd IS NOT NULL AND zc_ed >= zc_vd THEN '已废止' WHEN ${notYet} THEN '未生效' END AS zc_s0,
      (zc_vd IS NULL OR zc_ed < zc_vd) AND NOT (${notYet}) AND ${maybe} AS zc_mr,
      (zc_vd IS NULL OR zc_ed < zc_vd) AND NOT (${notYet}) AND zc_md IS NOT NULL AND (zc_vd IS NULL OR zc_md < zc_vd) AND zc_ed >= zc_md AS zc_mv,
      ${maybeMiss} AS zc_vmiss
    FROM (SELECT zc_sc, zc_ed, ${voidDay} AS zc_vd, ${maybeDay} AS zc_md FROM zc_pd) AS zc_pv0
  ) AS zc_pv1
), zc_base0 AS ${d.name === 'duckdb' ? 'NOT MATERIALIZED ' : ''}(
  SELECT CASE WHEN zc_pv.zc_sc IS NULL THEN ${noScenario} ELSE zc_c.${d.id('编号')} END AS zc_k, zc_pv.zc_ed, zc_pv.zc_s0, zc_pv.zc_mr, zc_pv.zc_mv, zc_pv.zc_maybe, zc_pv.zc_vmiss, zc_pv.zc_vd, zc_pv.zc_md${presence.length ? ',\n    ' + presence.join(',\n    ') : ''}${this.baseCols.length ? ',\n    ' + this.baseCols.join(',\n    ') : ''}
  FROM ${d.id('案件')} AS zc_c
  LEFT JOIN zc_case_scenario AS zc_cs ON zc_cs.${d.id('编号')} = zc_c.${d.id('编号')}
  LEFT JOIN zc_pv ON zc_pv.zc_sc = coalesce(zc_cs.${d.id('场景')}, 0)${joins.length ? '\n  ' + joins.join('\n  ') : ''}
)`;
    const view = `zc_${id}_决定`;
    const header = [
      `-- 政策「${ir.policy.name}」${ir.policy.docNumber ? `（${ir.policy.docNumber}）` : ''}的 SQL 求值（${d.name === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}），由 zhengce build 从 IR 生成，勿手改。`,
      `-- 语义与解释器相同（NULL 为未知，Kleene 逻辑；存疑时 缺少 列出所缺事实）。依赖：输入表（input.${d.name}.sql）、`,
      `-- zc_eval（场景 INTEGER, 评估日期 DATE：每个场景一行）、zc_events（场景, 日期 DATE, 级别, 类别, 地区, 标题, 文号：各场景的上级政策事件）、`,
      `-- zc_case_scenario（编号, 场景：案件所属的场景；不在表中的案件属于场景 0）。评估日期与事件是表中的行，不写进 SQL：每个政策只规划一次。`,
      `-- 视图 ${view} 每个案件（案件.编号）一行；列：编号、废止日期（已废止时）、可能废止日期（失效条件对某事件未定时），以及每项措施 i 的 m<i>_状态、m<i>_缺少、m<i>_<j>（结果 j）、`,
      `-- m<i>_申请、m<i>_可领取（有申请条件时）。金额为分（BIGINT），日期为 DATE，比例为 "n/d"。`,
      ...ir.measures.flatMap((m, i) => [
        `--   m${i} = ${m.name}（${m.citation.label}，${m.citation.anchor}${m.subject ? `，对象：${m.subject}` : ''}${m.recipient ? `，发放对象：${m.recipient}` : ''}${m.application ? `，申请条件：${m.application}` : ''}）`,
        ...m.outcomes.map((o, j) => `--     m${i}_${j} = ${o.name}（${o.unit || o.type.k}${o.period ? `，${o.period}` : ''}）`),
      ]),
    ];
    const meta = this.metadataSql(view);
    const ddlEvents = scenarioDdl(d);
    const sql = `${header.join('\n')}
${runtimeSql(d)}${ddlEvents}
${meta}
DROP VIEW IF EXISTS ${d.id(view)};
CREATE VIEW ${d.id(view)} AS
WITH ${base},
${this.hoistedSql()}${ctes.length ? `,\n${ctes.join(',\n')}` : ''}
SELECT ${ordered.join(', ')}
FROM ${prev}${d.name === 'postgres' ? pgStagesSql(pgLevels) : ''};
`;
    return sql;
  }

  /** Measure order: a measure after every measure it refers to (through definitions too). */
  private measureOrder(): number[] {
    const ir = this.ir;
    const deps = (m: IrMeasure) => measureRefs(ir, m);
    const done: number[] = [];
    const state = new Map<string, number>();
    const go = (i: number) => {
      const m = ir.measures[i]!;
      if (state.get(m.name) === 2) return;
      if (state.get(m.name) === 1) throw new Unsupported(undefined, `措施「${m.name}」的引用成环`);
      state.set(m.name, 1);
      for (const n of deps(m)) { const k = this.measureIndex.get(n); if (k !== undefined) go(k); }
      state.set(m.name, 2);
      done.push(i);
    };
    ir.measures.forEach((_, i) => go(i));
    return done;
  }

  private metadataSql(view: string): string {
    const d = this.d;
    const ir = this.ir;
    const t1 = `zc_${ir.policy.id}_措施`;
    const t2 = `zc_${ir.policy.id}_结果`;
    const rows1 = ir.measures.map((m, i) => `(${i}, ${S(m.name)}, ${S(m.citation.anchor)}, ${S(m.citation.label)}, ${m.subject ? S(m.subject) : 'NULL'}, ${m.recipient ? S(m.recipient) : 'NULL'}, ${m.application ? S(m.application) : 'NULL'}, ${S(m.lead.join('、'))}, ${S(m.responsible.join('、'))})`);
    const rows2 = ir.measures.flatMap((m, i) => m.outcomes.map((o, j) => `(${i}, ${j}, ${S(o.name)}, ${S(o.type.k === 'quantity' ? o.type.dim : o.type.k)}, ${S(o.unit)}, ${o.period ? S(o.period) : 'NULL'})`));
    void view;
    return [
      `DROP TABLE IF EXISTS ${d.id(t1)};`,
      `CREATE TABLE ${d.id(t1)} (${d.id('序号')} INTEGER, ${d.id('措施')} TEXT, ${d.id('锚点')} TEXT, ${d.id('标签')} TEXT, ${d.id('对象')} TEXT, ${d.id('发放对象')} TEXT, ${d.id('申请条件')} TEXT, ${d.id('牵头单位')} TEXT, ${d.id('责任单位')} TEXT);`,
      rows1.length ? `INSERT INTO ${d.id(t1)} VALUES\n  ${rows1.join(',\n  ')};` : '',
      `DROP TABLE IF EXISTS ${d.id(t2)};`,
      `CREATE TABLE ${d.id(t2)} (${d.id('措施序号')} INTEGER, ${d.id('结果序号')} INTEGER, ${d.id('结果')} TEXT, ${d.id('类型')} TEXT, ${d.id('单位')} TEXT, ${d.id('周期')} TEXT);`,
      rows2.length ? `INSERT INTO ${d.id(t2)} VALUES\n  ${rows2.join(',\n  ')};` : '',
    ].filter(Boolean).join('\n');
  }
}
