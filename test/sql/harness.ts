/**
 * Differential harness: the same cases through the generated TypeScript evaluator (every
 * case), the interpreter (a seeded subset), and the SQL view of a policy on real engines
 * (DuckDB: every case; PostgreSQL: a subset); every status, outcome value and missing-fact
 * list must agree. Cases are grouped in scenarios (an evaluation date and events each); every
 * scenario is loaded at once (the scenario of a case is a row of zc_case_scenario) and each engine
 * runs one query per policy: the view is planned once (planning the county's view costs seconds).
 * Input tables are bulk-loaded (DuckDB appender; PostgreSQL json_populate_recordset, one
 * statement per table).
 */
import { evaluateRaw, formatRatio } from '../../compiler/interpret/interpreter.js';
import { validateInput } from '../../compiler/interpret/validate.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { formatIso, fromDayNumber } from '../../compiler/common/calendar.js';
import { emitSql } from '../../compiler/sql/emit.js';
import { dialectOf, sqlString } from '../../compiler/sql/dialect.js';
import { DECLARED_ABSENT, keyColumns, layoutOf } from '../../compiler/sql/layout.js';
import { caseRows, type Stored, type TableRows } from '../../compiler/sql/rows.js';
import type { Engine } from './engines.js';

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

/**
 * Run scenarios through the generated evaluator (every case), the interpreter (the first
 * `interpreterPer` cases of each scenario — the cases are random, so this is a seeded random
 * subset) and every engine (its first `perScenario` cases of each scenario; the policy already
 * loaded in each). Every scenario is loaded at once — case keys are unique across scenarios, each
 * case's scenario a row of zc_case_scenario, each scenario's date and events rows of zc_eval /
 * zc_events — and each engine runs ONE query (one plan per policy). Every status, outcome value
 * and missing-fact list must agree. `scenarios` is called again only to show a mismatch's facts.
 */
export async function compare(runs: readonly EngineRun[], ir: IrProgram, scenarios: () => Iterable<Scenario>, ts: TsEvaluator, interpreterPer: number, limit = 5): Promise<CompareResult> {
  const layout = layoutOf(ir);
  const tables = [...layout.roots, ...layout.children];
  const ratios = ratioColumns(ir);
  const sqlForm = (col: string, v: unknown) => (v !== null && v !== undefined && ratios.has(col) ? formatRatio(String(v)) : v);
  const mismatches = new Map<string, Mismatch[]>([['typescript', []], ['sql-form', []], ...runs.map((r): [string, Mismatch[]] => [r.engine.name, []])]);
  const statuses = new Map<string, number>();
  const ms: Record<string, number> = { generate: 0, typescript: 0, interpreter: 0, rows: 0 };
  const compared: Record<string, number> = { interpreter: 0, ...Object.fromEntries(runs.map((r) => [r.engine.name, 0])) };
  // expected SQL rows, kept compact: per key, the JSON of the values in `cols` order, and where it is
  let cols: string[] | undefined;
  const exp = new Map<number, string>();
  const where = new Map<number, [number, number]>();
  const keyed = new Set<number>();
  const dates: string[] = [];
  const events: (readonly Record<string, unknown>[])[] = [];
  let rows = 0;
  let skipped = 0;
  let noRow = 0;
  let s = -1;
  let t = cpuMs();
  let base = 0;
  for (const sc of scenarios()) {
    s++;
    ms['generate']! += cpuMs() - t;
    dates.push(sc.date);
    events.push(sc.events);
    const data: TableRows = new Map();
    const scen: Stored[][] = [];
    for (let i = 0; i < sc.facts.length; i++) {
      const f = sc.facts[i];
      const key = base + i + 1;
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
      caseRows(ir, layout, v.facts, key, data, v.nonexistent);
      if (layout.roots.some((tb) => v.facts.has(tb.name) || v.nonexistent.has(tb.name))) { keyed.add(key); scen.push([key, s]); } else noRow++;
      const row = sqlRowOf(ir, got, f);
      rows++;
      cols ??= Object.keys(row);
      exp.set(key, JSON.stringify(cols.map((c) => norm(row[c]))));
      where.set(key, [s, i]);
      for (const [col, ev] of Object.entries(row)) if (col.endsWith('_状态')) statuses.set(String(ev), (statuses.get(String(ev)) ?? 0) + 1);
      if (row['可能废止日期'] !== null) statuses.set('可能废止', (statuses.get('可能废止') ?? 0) + 1);
      ms['rows']! += cpuMs() - t;
    }
    // this scenario's rows into every engine (its first perScenario cases), with their scenario
    for (const { engine, perScenario } of runs) {
      t = cpuMs();
      const d = dialectOf(engine.name);
      const mine = perScenario >= sc.facts.length ? data : casesUpTo(data, base + perScenario);
      for (const tb of tables) {
        const rs = mine.get(tb.name);
        if (rs?.length) await engine.load(tb.name, [...keyColumns(tb), ...tb.columns.map((c) => c.name)], rs);
      }
      const absent = mine.get(DECLARED_ABSENT);
      if (absent?.length) await engine.load(DECLARED_ABSENT, ['编号', '实体'], absent as Stored[][]);
      const cs = scen.filter((r) => Number(r[0]) <= base + perScenario);
      if (cs.length) await engine.load('zc_case_scenario', ['编号', '场景'], cs);
      await engine.exec(`INSERT INTO zc_eval VALUES (${s}, DATE ${sqlString(sc.date)})`);
      const evRows = sc.events.map((e) => `(${s}, DATE ${sqlString(String(e['日期']))}, ${sqlString(String(e['级别']))}, ${sqlString(String(e['类别']))}, ${typeof e['地区'] === 'string' ? sqlString(e['地区']) : 'NULL'}, ${typeof e['标题'] === 'string' ? sqlString(e['标题']) : 'NULL'}, ${typeof e['文号'] === 'string' ? sqlString(e['文号']) : 'NULL'})`);
      if (evRows.length) await engine.exec(`INSERT INTO zc_events VALUES ${evRows.join(', ')}`);
      void d;
      ms[`${engine.name} load`] = (ms[`${engine.name} load`] ?? 0) + cpuMs() - t;
    }
    base += sc.facts.length;
    t = cpuMs();
  }
  // facts of a mismatch: the scenarios generated again (seeded), only when one is reported
  const factsOf = (k: number): unknown => {
    const [s0, i0] = where.get(k)!;
    let n = 0;
    for (const sc of scenarios()) if (n++ === s0) return sc.facts[i0];
    return undefined;
  };
  // ONE query per engine: every scenario at once
  for (const { engine, perScenario } of runs) {
    const d = dialectOf(engine.name);
    const out = mismatches.get(engine.name)!;
    const seen = new Set<number>();
    t = cpuMs();
    let tq = 0;
    await engine.stream(`SELECT * FROM ${d.id(`zc_${ir.policy.id}_决定`)}`, (got) => {
      const t1 = cpuMs();
      for (const g of got) {
        const k = Number(g['编号']);
        seen.add(k);
        const e = exp.get(k);
        if (e === undefined) { if (out.length < limit) out.push({ scenario: -1, caseIndex: k, measure: '*', what: 'unexpected row', sql: g, interpreter: undefined, facts: undefined, date: '', events: undefined }); continue; }
        compared[engine.name]!++;
        const have = JSON.stringify(cols!.map((c) => norm(sqlForm(c, g[c]))));
        if (have === e || out.length >= limit) continue;
        const want = JSON.parse(e) as unknown[];
        const [s0, i0] = where.get(k)!;
        cols!.forEach((c, j) => {
          if (!same(sqlForm(c, g[c]), want[j]) && out.length < limit) out.push({ scenario: s0, caseIndex: i0, measure: c, what: c, sql: norm(g[c]), interpreter: want[j], facts: factsOf(k), date: dates[s0]!, events: events[s0] });
        });
      }
      tq += cpuMs() - t1;
    });
    ms[`${engine.name} query`] = cpuMs() - t - tq;
    ms[`${engine.name} compare`] = tq;
    // every case with an input row has its row (a case with no entity at all has no row in any
    // input table, so no 编号 in 案件: it is compared only by the interpreter and the generated evaluator)
    for (const k of keyed) {
      const [s0, i0] = where.get(k)!;
      if (i0 < perScenario && !seen.has(k) && out.length < limit) out.push({ scenario: s0, caseIndex: i0, measure: '*', what: 'no row', sql: undefined, interpreter: 'a row', facts: factsOf(k), date: dates[s0]!, events: events[s0] });
    }
  }
  return { mismatches, rows, compared, statuses, skipped, noRow, ms };
}

/** Rows of the cases with keys up to n only (the key is each row's first column). */
function casesUpTo(rows: TableRows, n: number): TableRows {
  const out: TableRows = new Map();
  for (const [t, rs] of rows) out.set(t, rs.filter((r) => Number(r[0]) <= n));
  return out;
}
