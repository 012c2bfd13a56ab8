/**
 * Differential harness: the same seeded cases through the interpreter (the reference, every case),
 * the generated TypeScript evaluator (evaluateMany on every case, evaluate with traces on a
 * subset) and the SQL view of a policy on real engines (DuckDB and PostgreSQL, every case with an
 * input row); every status, outcome value and missing-fact list must agree (`compare`).
 * Input rows are built once and loaded into every engine (DuckDB appender; PostgreSQL COPY of one
 * CSV per table); each engine runs one query per policy into a table while this process runs the
 * interpreter; the results are compared as compact encoded tuples.
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

/** Key under which expected() keeps the interpreter's decisions (not a column). */
export const DECISIONS = Symbol('decisions');

/** A generated TypeScript evaluator (generated/<policy>/index.ts): `evaluate` (traces), `evaluateFast` and `evaluateMany` (the fast path). */
export interface TsEvaluator {
  evaluate(facts: unknown, date: unknown, events?: unknown): unknown;
  evaluateFast(facts: unknown, date: unknown, events?: unknown): unknown;
  evaluateMany(rows: Iterable<unknown>, date: unknown, events?: unknown): Iterable<unknown>;
}

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
/** Columns holding a ratio outcome ("n/d" in SQL and in the interpreter's raw values). */
function ratioColumns(ir: IrProgram): Set<string> {
  const out = new Set<string>();
  ir.measures.forEach((m, i) => m.outcomes.forEach((o, j) => { if (o.type.k === 'quantity' && o.type.dim === 'ratio') out.add(`m${i}_${j}`); }));
  return out;
}

/** What the fast path gives (evaluateFast / evaluateMany): per measure the status, the outcomes' values and 可领取; the 前提 violated. */
function fastView(d: unknown): unknown {
  const x = d as { 前提不满足?: readonly string[]; 决定: readonly { 措施: string; 状态: string; 结果: Record<string, unknown>; 可领取?: string }[] };
  return { 前提不满足: x.前提不满足 ?? null, 决定: x.决定.map((m) => ({ 措施: m.措施, 状态: m.状态, 结果: m.结果, 可领取: m.可领取 ?? null })) };
}

/** The same view of a full decision set (the interpreter's or the generated `evaluate`'s). */
function fastViewOfFull(d: unknown): unknown {
  const x = d as { 前提不满足?: readonly { 名称: string }[]; 决定: readonly { 措施: string; 状态: string; 结果: Record<string, { 值: unknown }>; 可领取?: { 状态: string } }[] };
  return {
    前提不满足: x.前提不满足 ? x.前提不满足.map((a) => a.名称) : null,
    决定: x.决定.map((m) => ({ 措施: m.措施, 状态: m.状态, 结果: Object.fromEntries(Object.entries(m.结果).map(([k, v]) => [k, v.值])), 可领取: m.可领取?.状态 ?? null })),
  };
}

/** Outcome of a differential run: mismatches per comparison (at most `limit` each), counts, costs. */
export interface CompareResult {
  /** Per comparison — 'generated' (evaluateMany vs interpreter), 'generated-full' (evaluate vs interpreter), 'sql-form', and one per engine — the mismatches, each a printable report with the seed's scenario, the case and the four results. */
  readonly mismatches: Map<string, MismatchReport[]>;
  /** Valid cases (the interpreter decided them). */
  readonly rows: number;
  /** Cases compared per side: 'interpreter', 'generated', 'generated-full', and per engine. */
  readonly compared: Record<string, number>;
  /** Statuses over all valid cases (the interpreter's), plus 可能废止 (cases whose policy may be void). */
  readonly statuses: Map<string, number>;
  /** Invalid cases (InputError from the interpreter; the generated evaluator must throw too). */
  readonly skipped: number;
  /** Cases with no entity at all (no input row anywhere): compared only between the interpreter and the generated evaluator. */
  readonly noRow: number;
  /** Milliseconds per phase: CPU of this process ('… cpu'), wall ('… wall'), and PostgreSQL's server process ('postgres server cpu', when on this machine). */
  readonly ms: Record<string, number>;
}

/** One case on which two sides disagree: where it is, the case, and what each of the four engines said (columns that differ). */
export interface MismatchReport {
  readonly what: string;
  readonly scenario: number;
  readonly caseIndex: number;
  readonly key: number;
  readonly date: string;
  readonly events: unknown;
  readonly facts: unknown;
  readonly results: unknown;
}

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/**
 * The generated evaluator's `evaluateMany` over a scenario's cases (date and events validated
 * once): a fast decision set per case, or `{ threw }` — an invalid row throws InputError naming
 * the row and ends that stream, which resumes after it.
 */
function fastOf(ts: TsEvaluator, sc: Scenario): unknown[] {
  const fast: unknown[] = [];
  while (fast.length < sc.facts.length) {
    const from = fast.length;
    try {
      for (const d of ts.evaluateMany(sc.facts.slice(from), sc.date, sc.events)) fast.push(d);
    } catch (x) {
      const row = (x as { 行?: unknown }).行;
      if (typeof row === 'number' && fast.length === from + row) fast.push({ threw: (x as Error).name });
      else {
        // not a row's InputError (CalendarCoverageError names no row): the failing row is the next one
        try { fast.push(ts.evaluateFast(sc.facts[fast.length], sc.date, sc.events)); } catch (y) { fast.push({ threw: (y as Error).name }); }
      }
    }
  }
  return fast;
}

const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

/**
 * Run the seeded cases of `scenarios` through all four engines and compare them.
 *  1. Every case is validated once and its input rows built once (compiler/sql/rows.ts); each
 *     scenario's rows go to every engine (DuckDB: the appender; PostgreSQL: CSV written once, loaded
 *     by COPY FROM STDIN). Case keys are unique across scenarios; each case's scenario is a row of
 *     zc_case_scenario, each scenario's date and events rows of zc_eval / zc_events.
 *  2. Each engine starts ONE query (one plan per policy) materialising the decision view into a
 *     table (`zc_out`): DuckDB in its own threads, PostgreSQL in its server process.
 *  3. Meanwhile the scenarios are generated again (seeded) and every case goes through the
 *     interpreter (the reference: `expected`, its decisions and SQL-form row) and the generated
 *     evaluator's `evaluateMany` (status, outcome values, 可领取 per measure); the first
 *     `fullPer` cases of every scenario also through the generated `evaluate` (with traces: 缺少,
 *     申请, the SQL-form row derived from its decisions, as before). The interpreter's SQL-form
 *     row of every case is kept as a compact encoded tuple (each cell's text interned to a number).
 *  4. Each engine's table is read in chunks and every row encoded the same way and compared.
 * A mismatch is reported with its scenario, case index, facts, date, events and the four results.
 */
export async function compare(engines: readonly Engine[], ir: IrProgram, scenarios: () => Iterable<Scenario>, ts: TsEvaluator, fullPer: number, limit = 5): Promise<CompareResult> {
  const layout = layoutOf(ir);
  const tables = [...layout.roots, ...layout.children];
  const ratios = ratioColumns(ir);
  const sqlForm = (col: string, v: unknown) => (v !== null && v !== undefined && ratios.has(col) ? formatRatio(String(v)) : v);
  const names = ['generated', 'generated-full', 'sql-form', ...engines.map((e) => e.name)];
  const bad = new Map<string, { what: string; key: number; detail?: unknown }[]>(names.map((n) => [n, []]));
  const note = (side: string, what: string, key: number, detail?: unknown) => { const b = bad.get(side)!; if (b.length < limit) b.push({ what, key, ...(detail === undefined ? {} : { detail }) }); };
  const statuses = new Map<string, number>();
  const ms: Record<string, number> = {};
  const add = (k: string, v: number) => { ms[k] = (ms[k] ?? 0) + v; };
  const compared: Record<string, number> = { interpreter: 0, generated: 0, 'generated-full': 0, ...Object.fromEntries(engines.map((e) => [e.name, 0])) };
  const dates: string[] = [];
  const events: (readonly Record<string, unknown>[])[] = [];
  const starts: number[] = [];
  // ── 1. input rows, built once, loaded into every engine ──
  const keyedFlags: number[] = [];
  let total = 0;
  let t = cpuMs();
  let w = performance.now();
  for (const sc of scenarios()) {
    const s = dates.length;
    dates.push(sc.date);
    events.push(sc.events);
    starts.push(total);
    const data: TableRows = new Map();
    const scen: Stored[][] = [];
    // a case the evaluators refuse (invalid input; ZC0805: working days outside the calendar, which
    // the SQL raises as a query error) has no rows: the interpreter and the generated evaluator
    // must both refuse it (step 3)
    const fast = fastOf(ts, sc);
    for (let i = 0; i < sc.facts.length; i++) {
      const key = total + i + 1;
      const v = validateInput(ir, sc.facts[i], sc.date, sc.events);
      let keyed = 0;
      if (!v.problems.length && !('threw' in (fast[i] as object))) {
        caseRows(ir, layout, v.facts, key, data, v.nonexistent);
        if (layout.roots.some((tb) => v.facts.has(tb.name) || v.nonexistent.has(tb.name))) { keyed = 1; scen.push([key, s]); }
      }
      keyedFlags.push(keyed);
    }
    total += sc.facts.length;
    add('rows cpu', cpuMs() - t);
    for (const engine of engines) {
      t = cpuMs();
      for (const tb of tables) {
        const rs = data.get(tb.name);
        if (rs?.length) await engine.load(tb.name, [...keyColumns(tb), ...tb.columns.map((c) => c.name)], rs);
      }
      const absent = data.get(DECLARED_ABSENT);
      if (absent?.length) await engine.load(DECLARED_ABSENT, ['编号', '实体'], absent as Stored[][]);
      if (scen.length) await engine.load('zc_case_scenario', ['编号', '场景'], scen);
      await engine.exec(`INSERT INTO zc_eval VALUES (${s}, DATE ${sqlString(sc.date)})`);
      const evRows = sc.events.map((e) => `(${s}, DATE ${sqlString(String(e['日期']))}, ${sqlString(String(e['级别']))}, ${sqlString(String(e['类别']))}, ${typeof e['地区'] === 'string' ? sqlString(e['地区']) : 'NULL'}, ${typeof e['标题'] === 'string' ? sqlString(e['标题']) : 'NULL'}, ${typeof e['文号'] === 'string' ? sqlString(e['文号']) : 'NULL'})`);
      if (evRows.length) await engine.exec(`INSERT INTO zc_events VALUES ${evRows.join(', ')}`);
      add(`${engine.name} load cpu`, cpuMs() - t);
    }
    t = cpuMs();
  }
  for (const engine of engines) {
    t = cpuMs();
    await engine.flush();
    add(`${engine.name} load cpu`, cpuMs() - t);
  }
  ms['rows+load wall'] = performance.now() - w;
  const keyed = Uint8Array.from(keyedFlags);
  keyedFlags.length = 0;
  // ── 2. one query per engine, materialised in the engine while this process evaluates ──
  const w0 = performance.now();
  const server0 = await Promise.all(engines.map((e) => e.serverCpuMs()));
  const running = engines.map((e) => e.exec(`CREATE TABLE zc_out AS SELECT * FROM ${dialectOf(e.name).id(`zc_${ir.policy.id}_决定`)}`)
    .then(() => { ms[`${e.name} query wall`] = performance.now() - w0; return undefined; }, (x: unknown) => x as Error));
  if (process.env['ZC_SQL_SERIAL']) for (const r of running) { const x = await r; if (x) throw x; }
  // ── 3. the interpreter (every case) and the generated evaluator ──
  const dict = new Map<string, number>();
  // a cell's text: as norm() sees values (a number equals its decimal text); NULL, lists and
  // booleans are marked so that no text can stand for them
  const cell = (v: unknown): number => {
    const s = v === null || v === undefined ? '\u0000' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : `\u0001${JSON.stringify(norm(v))}`;
    let id = dict.get(s);
    if (id === undefined) dict.set(s, (id = dict.size));
    return id;
  };
  let cols: string[] | undefined;
  const encode = (row: Record<string, unknown>) => cols!.map((c) => cell(sqlForm(c, row[c]))).join(',');
  const exp = new Map<number, string>();
  let rows = 0;
  let skipped = 0;
  let noRow = 0;
  w = performance.now();
  let s = -1;
  t = cpuMs();
  for (const sc of scenarios()) {
    s++;
    add('generate cpu', cpuMs() - t);
    // the generated evaluator's batch entry over the scenario (date and events validated once)
    t = cpuMs();
    const fast = fastOf(ts, sc);
    add('generated cpu', cpuMs() - t);
    for (let i = 0; i < sc.facts.length; i++) {
      const f = sc.facts[i];
      const key = starts[s]! + i + 1;
      t = cpuMs();
      const e = expected(ir, f, sc.date, sc.events);
      add('interpreter cpu', cpuMs() - t);
      compared['interpreter']!++;
      const got = fast[i] as object;
      compared['generated']!++;
      const want = 'error' in e ? { threw: e.error } : fastViewOfFull((e as Record<symbol, unknown>)[DECISIONS]);
      const have = 'threw' in got ? got : fastView(got);
      if (JSON.stringify(have) !== JSON.stringify(want)) note('generated', 'evaluateMany ≠ interpreter', key, { generated: have, interpreter: want });
      if (i < fullPer) {
        // the generated `evaluate` (traces, 缺少, 申请) on the first cases of every scenario
        t = cpuMs();
        let full: unknown;
        try { full = ts.evaluate(f, sc.date, sc.events); } catch (x) { full = { threw: (x as Error).name }; }
        add('generated-full cpu', cpuMs() - t);
        compared['generated-full']!++;
        const wantFull = 'error' in e ? { threw: e.error } : decisionView((e as Record<symbol, unknown>)[DECISIONS]);
        const haveFull = 'threw' in (full as object) ? full : decisionView(full);
        if (JSON.stringify(haveFull) !== JSON.stringify(wantFull)) note('generated-full', 'evaluate ≠ interpreter', key, { generated: haveFull, interpreter: wantFull });
        else if (!('error' in e)) {
          // the SQL-form row derived from the generated decisions = the interpreter's raw values
          const form = sqlRowOf(ir, full, f);
          const cols2 = Object.keys(e).filter((col) => !same(form[col], sqlForm(col, e[col])));
          if (cols2.length) note('sql-form', 'sqlRowOf(generated evaluate) ≠ interpreter raw', key, Object.fromEntries(cols2.map((c) => [c, { generated: form[c], interpreter: sqlForm(c, e[c]) }])));
        }
      }
      if ('error' in e) { skipped++; continue; }
      t = cpuMs();
      rows++;
      const row = e as Record<string, unknown>;
      cols ??= Object.keys(row);
      for (const col of cols) if (col.endsWith('_状态')) { const v = String(row[col]); statuses.set(v, (statuses.get(v) ?? 0) + 1); }
      if (row['可能废止日期'] !== null) statuses.set('可能废止', (statuses.get('可能废止') ?? 0) + 1);
      if (keyed[key - 1]) exp.set(key, encode(row));
      else noRow++;
      add('encode cpu', cpuMs() - t);
    }
    t = cpuMs();
  }
  ms['interpreter+generated wall'] = performance.now() - w;
  // ── 4. every engine's rows, read in chunks, encoded and compared ──
  w = performance.now();
  for (const r of running) { const x = await r; if (x) throw x; }
  ms['wait for queries wall'] = performance.now() - w;
  const server1 = await Promise.all(engines.map((e) => e.serverCpuMs()));
  engines.forEach((e, i) => { if (server0[i] !== undefined && server1[i] !== undefined) ms[`${e.name} server cpu`] = server1[i]! - server0[i]!; });
  for (const engine of engines) {
    const seen = new Uint8Array(total + 1);
    t = cpuMs();
    w = performance.now();
    await engine.stream('SELECT * FROM zc_out', (got) => {
      for (const g of got) {
        const k = Number(g['编号']);
        const e = exp.get(k);
        if (e === undefined || seen[k]) { note(engine.name, seen[k] ? 'row twice' : 'unexpected row', k); continue; }
        seen[k] = 1;
        compared[engine.name]!++;
        if (encode(g) !== e) note(engine.name, `${engine.name} ≠ interpreter`, k);
      }
    });
    add(`${engine.name} read+compare cpu`, cpuMs() - t);
    ms[`${engine.name} read+compare wall`] = performance.now() - w;
    // every case with an input row has its row (a case with no entity at all has no row in any
    // input table, so no 编号 in 案件: it is compared only by the interpreter and the generated evaluator)
    for (const k of exp.keys()) if (!seen[k]) note(engine.name, 'no row', k);
  }
  // ── reports: the case and the four results, for every mismatch noted ──
  const mismatches = new Map<string, MismatchReport[]>();
  for (const [side, list] of bad) {
    const out: MismatchReport[] = [];
    for (const b of list) out.push(await report(b.what, b.key, b.detail));
    mismatches.set(side, out);
  }
  async function report(what: string, key: number, detail: unknown): Promise<MismatchReport> {
    let s0 = starts.length - 1;
    while (s0 > 0 && starts[s0]! >= key) s0--;
    const i0 = key - starts[s0]! - 1;
    let n = 0;
    let sc: Scenario | undefined;
    for (const x of scenarios()) if (n++ === s0) { sc = x; break; }
    const facts = sc!.facts[i0];
    const e = expected(ir, facts, dates[s0]!, events[s0]);
    let full: unknown;
    try { full = ts.evaluate(facts, dates[s0], events[s0]); } catch (x) { full = { threw: (x as Error).name }; }
    let fastD: unknown;
    try { fastD = fastView(ts.evaluateFast(facts, dates[s0], events[s0])); } catch (x) { fastD = { threw: (x as Error).name }; }
    const fromEngines: Record<string, Record<string, unknown> | undefined> = {};
    for (const engine of engines) fromEngines[engine.name] = (await engine.query(`SELECT * FROM zc_out WHERE ${dialectOf(engine.name).id('编号')} = ${key}`))[0];
    const interp = 'error' in e ? undefined : (e as Record<string, unknown>);
    const gen = 'threw' in (full as object) ? undefined : sqlRowOf(ir, full, facts);
    const columns: Record<string, unknown> = {};
    for (const c of cols ?? Object.keys(interp ?? gen ?? {})) {
      const vals = { interpreter: interp ? norm(sqlForm(c, interp[c])) : 'error' in e ? e.error : undefined, generated: gen ? norm(gen[c]) : full, ...Object.fromEntries(engines.map((x) => [x.name, fromEngines[x.name] ? norm(sqlForm(c, fromEngines[x.name]![c])) : '（无此行）'])) };
      if (new Set(Object.values(vals).map((v) => JSON.stringify(v))).size > 1) columns[c] = vals;
    }
    return {
      what, scenario: s0, caseIndex: i0, key, date: dates[s0]!, events: events[s0], facts,
      results: { differingColumns: columns, generatedFast: fastD, interpreterFast: interp ? fastViewOfFull((interp as Record<symbol, unknown>)[DECISIONS]) : e, ...(detail === undefined ? {} : { detail }) },
    };
  }
  ms['cases'] = total;
  return { mismatches, rows, compared, statuses, skipped, noRow, ms };
}
