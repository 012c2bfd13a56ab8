/**
 * Differential harness: the same cases through the generated TypeScript evaluator (every
 * case), the interpreter (a seeded subset), and the SQL view of a policy on real engines
 * (DuckDB: every case; PostgreSQL: a subset); every status, outcome value and missing-fact
 * list must agree. Cases are grouped by (evaluation date, events), which the SQL takes globally.
 * Input tables are bulk-loaded (DuckDB appender; PostgreSQL json_populate_recordset, one
 * statement per table) and the decision view is prepared once per engine (planning the
 * county's view costs seconds; executing it per scenario does not re-plan).
 */
import { evaluateRaw, formatRatio } from '../../compiler/interpret/interpreter.js';
import { validateInput } from '../../compiler/interpret/validate.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { formatIso, fromDayNumber } from '../../compiler/common/calendar.js';
import { emitSql } from '../../compiler/sql/emit.js';
import { dialectOf, sqlString } from '../../compiler/sql/dialect.js';
import { DECLARED_ABSENT, keyColumns, layoutOf } from '../../compiler/sql/layout.js';
import { caseRows, type Stored, type TableRows } from '../../compiler/sql/rows.js';
import type { Engine, Prepared } from './engines.js';

export interface Scenario {
  readonly date: string;
  readonly events: readonly Record<string, unknown>[];
  readonly facts: readonly unknown[];
}

export interface Mismatch { scenario: number; caseIndex: number; measure: string; what: string; sql: unknown; interpreter: unknown; facts: unknown; date: string; events: unknown }

/** Expected per-measure row from the interpreter, in the SQL's value representation. */
/** Key under which expected() keeps the interpreter's decisions (not a column). */
export const DECISIONS = Symbol('decisions');

/** A generated TypeScript evaluator (generated/<policy>/index.ts). */
export interface TsEvaluator { evaluate(facts: unknown, date: unknown, events?: unknown): unknown }

type DecisionSet = { 废止?: { 日期: string }; 可能废止?: { 日期: string }; 决定: { 状态: string; 缺少?: readonly string[]; 结果: Record<string, { 值: unknown; 分?: number }>; 问题?: readonly { 类别: string; 结果: string }[]; 申请?: { 状态: string }; 可领取?: { 状态: string } }[] };

/** What the generated evaluator and the interpreter must agree on, per measure. */
function decisionView(d: unknown): unknown {
  const x = d as { 废止?: { 日期: string }; 可能废止?: { 日期: string }; 决定: { 措施: string; 状态: string; 缺少?: string[]; 结果: Record<string, { 值: unknown }>; 申请?: { 状态: string }; 可领取?: { 状态: string } }[] };
  return {
    废止: x.废止?.日期 ?? null, 可能废止: x.可能废止?.日期 ?? null,
    决定: x.决定.map((m) => ({ 措施: m.措施, 状态: m.状态, 缺少: m.缺少 ?? null, 结果: Object.fromEntries(Object.entries(m.结果).map(([k, v]) => [k, v.值])), 申请: m.申请?.状态 ?? null, 可领取: m.可领取?.状态 ?? null })),
  };
}

export function expected(ir: IrProgram, facts: unknown, date: string, events: unknown): Record<string, unknown> | { error: string } {
  let r;
  try {
    r = evaluateRaw(ir, facts, date, events);
  } catch (e) {
    return { error: (e as Error).name };
  }
  const row: Record<string, unknown> = {
    [DECISIONS]: r.decisions,
    废止日期: r.decisions.废止?.日期 ?? null,
    可能废止日期: r.decisions.可能废止?.日期 ?? null,
  };
  r.decisions.决定.forEach((d, i) => {
    const m = ir.measures[i]!;
    row[`m${i}_状态`] = d.状态;
    row[`m${i}_缺少`] = d.缺少 ? [...d.缺少] : null;
    m.outcomes.forEach((o, j) => {
      const shown = Object.hasOwn(d.结果, o.name);
      const v = shown ? r.raw.get(`${m.name}.${o.name}`) : undefined;
      row[`m${i}_${j}`] = v === undefined ? null : o.type.k === 'date' ? formatIso(fromDayNumber(v as number)) : typeof v === 'number' ? String(v) : v;
    });
    if (m.application) {
      row[`m${i}_申请`] = d.申请?.状态 ?? null;
      row[`m${i}_可领取`] = d.可领取?.状态 ?? null;
    }
  });
  return row;
}

function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(norm);
  return v;
}

/** Load the policy SQL into an engine (once per engine). */
export async function loadPolicy(engine: Engine, ir: IrProgram): Promise<void> {
  const r = emitSql(ir, engine.name);
  if (!r.value) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  await engine.exec(r.value.input);
  await engine.exec(r.value.policy);
}

/**
 * A decision set (the interpreter's or the generated evaluator's: the same shape) of the case
 * `facts` in the SQL view's column representation: fen for money, ISO dates, numbers as text;
 * ratios as the decision's exact percentage text ("33.(3)%", compared with formatRatio of the
 * SQL's "n/d": a long repeating cycle is cut off in the text, so the text is what both can give).
 * An outcome shown but not established (its subject entity absent, or a rule of unknown
 * applicability beside it: a 未知 problem) is NULL in SQL, as in the interpreter's raw values.
 */
export function sqlRowOf(ir: IrProgram, decisions: unknown, facts: unknown): Record<string, unknown> {
  const x = decisions as DecisionSet;
  const given = (facts ?? {}) as Record<string, unknown>;
  const row: Record<string, unknown> = { 废止日期: x.废止?.日期 ?? null, 可能废止日期: x.可能废止?.日期 ?? null };
  x.决定.forEach((d, i) => {
    const m = ir.measures[i]!;
    row[`m${i}_状态`] = d.状态;
    row[`m${i}_缺少`] = d.缺少 ? [...d.缺少] : null;
    const unknownSubject = m.subject !== undefined && given[m.subject] === undefined;
    m.outcomes.forEach((o, j) => {
      const v = Object.hasOwn(d.结果, o.name) ? d.结果[o.name]! : undefined;
      let s: unknown = null;
      if (v !== undefined && !unknownSubject && !d.问题?.some((p) => p.类别 === '未知' && p.结果 === o.name)) {
        if (o.type.k === 'money') s = String(v.分);
        else if (typeof v.值 === 'number') s = String(v.值);
        else s = v.值;
      }
      row[`m${i}_${j}`] = s;
    });
    if (m.application) {
      row[`m${i}_申请`] = d.申请?.状态 ?? null;
      row[`m${i}_可领取`] = d.可领取?.状态 ?? null;
    }
  });
  return row;
}

/** Columns holding a ratio outcome ("n/d" in SQL and in the interpreter's raw values). */
function ratioColumns(ir: IrProgram): Set<string> {
  const out = new Set<string>();
  ir.measures.forEach((m, i) => m.outcomes.forEach((o, j) => { if (o.type.k === 'quantity' && o.type.dim === 'ratio') out.add(`m${i}_${j}`); }));
  return out;
}

/** What the comparison covers: the SQL engines with how many cases of each scenario they get. */
export interface EngineRun { readonly engine: Engine; readonly perScenario: number }

/** Outcome of a differential run: mismatches per engine (at most `limit` each) and counts. */
export interface CompareResult {
  readonly mismatches: Map<string, Mismatch[]>;
  /** Cases evaluated by the generated evaluator (all valid cases). */
  readonly rows: number;
  /** Cases compared per side: 'interpreter', 'duckdb', 'postgres'. */
  readonly compared: Record<string, number>;
  /** Statuses over all rows (generated evaluator), plus 可能废止 (rows whose policy may be void). */
  readonly statuses: Map<string, number>;
  readonly skipped: number;
  /** Cases with no entity at all (no input row anywhere): not compared against SQL. */
  readonly noRow: number;
  /** CPU milliseconds of this process per phase (generating, generated evaluator, interpreter, per engine loading and querying; the query's CPU is the engine's for DuckDB, the client's for PostgreSQL). */
  readonly ms: Record<string, number>;
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

/** Rows of the cases 1..n only (the key is each row's first column). */
function firstCases(rows: TableRows, n: number): TableRows {
  const out: TableRows = new Map();
  for (const [t, rs] of rows) out.set(t, rs.filter((r) => Number(r[0]) <= n));
  return out;
}

/**
 * Run scenarios through the generated evaluator (every case), the interpreter (the first
 * `interpreterPer` cases of each scenario — the cases are random, so this is a seeded random
 * subset) and every engine (its first `perScenario` cases; the policy already loaded in each).
 * Every status, outcome value and missing-fact list must agree.
 */
export async function compare(runs: readonly EngineRun[], ir: IrProgram, scenarios: Iterable<Scenario>, ts: TsEvaluator, interpreterPer: number, limit = 5): Promise<CompareResult> {
  const layout = layoutOf(ir);
  const tables = [...layout.roots, ...layout.children];
  const ratios = ratioColumns(ir);
  const sqlForm = (col: string, v: unknown) => (v !== null && v !== undefined && ratios.has(col) ? formatRatio(String(v)) : v);
  const mismatches = new Map<string, Mismatch[]>([['typescript', []], ['sql-form', []], ...runs.map((r): [string, Mismatch[]] => [r.engine.name, []])]);
  const statuses = new Map<string, number>();
  const ms: Record<string, number> = { generate: 0, typescript: 0, interpreter: 0, rows: 0 };
  const compared: Record<string, number> = { interpreter: 0, ...Object.fromEntries(runs.map((r) => [r.engine.name, 0])) };
  const prepared = new Map<string, Prepared>();
  let rows = 0;
  let skipped = 0;
  let noRow = 0;
  let s = -1;
  let t = cpuMs();
  for (const sc of scenarios) {
    s++;
    ms['generate']! += cpuMs() - t;
    const data: TableRows = new Map();
    const exp = new Map<number, Record<string, unknown>>();
    const keyed = new Set<number>();
    for (let i = 0; i < sc.facts.length; i++) {
      const f = sc.facts[i];
      t = cpuMs();
      let got: unknown;
      try { got = ts.evaluate(f, sc.date, sc.events); } catch (x) { got = { threw: (x as Error).name }; }
      ms['typescript']! += cpuMs() - t;
      if (i < interpreterPer) {
        // the interpreter on the subset: the same decisions as the generated evaluator, and the
        // same SQL-form row (its raw outcome values) as the one derived from the generated decisions
        t = cpuMs();
        const e = expected(ir, f, sc.date, sc.events);
        ms['interpreter']! += cpuMs() - t;
        compared['interpreter']!++;
        const want = 'error' in e ? { threw: e.error } : decisionView((e as Record<symbol, unknown>)[DECISIONS]);
        const have = 'threw' in (got as object) ? got : decisionView(got);
        if (JSON.stringify(have) !== JSON.stringify(want)) {
          const out = mismatches.get('typescript')!;
          if (out.length < limit) out.push({ scenario: s, caseIndex: i, measure: '*', what: 'decisions', sql: have, interpreter: want, facts: f, date: sc.date, events: sc.events });
        } else if (!('error' in e)) {
          const form = sqlRowOf(ir, got, f);
          const out = mismatches.get('sql-form')!;
          for (const [col, ev] of Object.entries(e)) if (!same(form[col], sqlForm(col, ev)) && out.length < limit) out.push({ scenario: s, caseIndex: i, measure: col, what: 'sqlRowOf(generated) vs interpreter raw', sql: form[col], interpreter: ev, facts: f, date: sc.date, events: sc.events });
        }
      }
      if ('threw' in (got as object)) { skipped++; continue; }
      t = cpuMs();
      const v = validateInput(ir, f, sc.date, sc.events);
      caseRows(ir, layout, v.facts, i + 1, data, v.nonexistent);
      if (layout.roots.some((tb) => v.facts.has(tb.name) || v.nonexistent.has(tb.name))) keyed.add(i + 1);
      else noRow++;
      const row = sqlRowOf(ir, got, f);
      exp.set(i + 1, row);
      for (const [col, ev] of Object.entries(row)) if (col.endsWith('_状态')) statuses.set(String(ev), (statuses.get(String(ev)) ?? 0) + 1);
      if (row['可能废止日期'] !== null) statuses.set('可能废止', (statuses.get('可能废止') ?? 0) + 1);
      ms['rows']! += cpuMs() - t;
    }
    rows += exp.size;
    for (const { engine, perScenario } of runs) {
      t = cpuMs();
      const d = dialectOf(engine.name);
      const out = mismatches.get(engine.name)!;
      for (const tb of [...tables, { name: DECLARED_ABSENT }]) await engine.exec(`DELETE FROM ${d.id(tb.name)}`);
      await engine.exec(`DELETE FROM zc_eval; INSERT INTO zc_eval VALUES (DATE ${sqlString(sc.date)}); DELETE FROM zc_events;`);
      const evRows = sc.events.map((e) => `(DATE ${sqlString(String(e['日期']))}, ${sqlString(String(e['级别']))}, ${sqlString(String(e['类别']))}, ${typeof e['地区'] === 'string' ? sqlString(e['地区']) : 'NULL'}, ${typeof e['标题'] === 'string' ? sqlString(e['标题']) : 'NULL'}, ${typeof e['文号'] === 'string' ? sqlString(e['文号']) : 'NULL'})`);
      if (evRows.length) await engine.exec(`INSERT INTO zc_events VALUES ${evRows.join(', ')}`);
      const mine = perScenario >= sc.facts.length ? data : firstCases(data, perScenario);
      for (const tb of tables) {
        const rs = mine.get(tb.name);
        if (rs?.length) await engine.load(tb.name, [...keyColumns(tb), ...tb.columns.map((c) => c.name)], rs);
      }
      const absent = mine.get(DECLARED_ABSENT);
      if (absent?.length) await engine.load(DECLARED_ABSENT, ['编号', '实体'], absent as Stored[][]);
      ms[`${engine.name} load`] = (ms[`${engine.name} load`] ?? 0) + cpuMs() - t;
      t = cpuMs();
      let p = prepared.get(engine.name);
      if (!p) prepared.set(engine.name, (p = await engine.prepare(`SELECT * FROM ${d.id(`zc_${ir.policy.id}_决定`)}`)));
      const got = await p.query();
      ms[`${engine.name} query`] = (ms[`${engine.name} query`] ?? 0) + cpuMs() - t;
      t = cpuMs();
      const byKey = new Map(got.map((r) => [Number(r['编号']), r]));
      for (const [k, e] of exp) {
        if (k > perScenario) continue;
        const g = byKey.get(k);
        // a case with no entity at all has no row in any input table, so no 编号 in 案件: it is
        // not representable as relational input (a batch row is always some entity's row) and
        // is compared only by the interpreter and the generated evaluator (counted in noRow)
        if (!g) {
          if (keyed.has(k) && out.length < limit) out.push({ scenario: s, caseIndex: k - 1, measure: '*', what: 'no row', sql: undefined, interpreter: 'a row', facts: sc.facts[k - 1], date: sc.date, events: sc.events });
          continue;
        }
        compared[engine.name]!++;
        for (const col in e) {
          if (!same(sqlForm(col, g[col]), e[col]) && out.length < limit) out.push({ scenario: s, caseIndex: k - 1, measure: col, what: col, sql: norm(g[col]), interpreter: e[col], facts: sc.facts[k - 1], date: sc.date, events: sc.events });
        }
      }
      ms[`${engine.name} compare`] = (ms[`${engine.name} compare`] ?? 0) + cpuMs() - t;
    }
    t = cpuMs();
  }
  for (const p of prepared.values()) await p.close();
  return { mismatches, rows, compared, statuses, skipped, noRow, ms };
}
