/**
 * Differential harness: the same cases through the interpreter and through the SQL view
 * of a policy on a real engine; every status, outcome value and missing-fact list must
 * agree. Cases are grouped by (evaluation date, events), which the SQL takes globally.
 */
import { evaluateRaw } from '../../compiler/interpret/interpreter.js';
import { validateInput } from '../../compiler/interpret/validate.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { formatIso, fromDayNumber } from '../../compiler/common/calendar.js';
import { emitSql } from '../../compiler/sql/emit.js';
import { dialectOf, sqlString } from '../../compiler/sql/dialect.js';
import { DECLARED_ABSENT, layoutOf } from '../../compiler/sql/layout.js';
import { caseRows, insertSql, type TableRows } from '../../compiler/sql/rows.js';
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

/** Outcome of a differential run: mismatches per engine (at most `limit` each) and counts. */
export interface CompareResult {
  readonly mismatches: Map<string, Mismatch[]>;
  readonly rows: number;
  readonly statuses: Map<string, number>;
  readonly skipped: number;
  /** Cases with no entity at all (no input row anywhere): not compared against SQL. */
  readonly noRow: number;
  /** Milliseconds: the interpreter (and row building), then per engine loading and querying. */
  readonly ms: Record<string, number>;
}

/**
 * Run scenarios through the interpreter once and through every engine (the policy already
 * loaded in each): every status, outcome value and missing-fact list must agree.
 */
export async function compare(engines: readonly Engine[], ir: IrProgram, scenarios: readonly Scenario[], limit = 5, ts?: TsEvaluator): Promise<CompareResult> {
  const layout = layoutOf(ir);
  const mismatches = new Map<string, Mismatch[]>([...engines.map((e): [string, Mismatch[]] => [e.name, []]), ...(ts ? [['typescript', []] as [string, Mismatch[]]] : [])]);
  const statuses = new Map<string, number>();
  const ms: Record<string, number> = { interpreter: 0 };
  let rows = 0;
  let skipped = 0;
  let noRow = 0;
  for (let s = 0; s < scenarios.length; s++) {
    const sc = scenarios[s]!;
    let t = Date.now();
    const data: TableRows = new Map();
    const exp = new Map<number, Record<string, unknown>>();
    const keyed = new Set<number>();
    sc.facts.forEach((f, i) => {
      const e = expected(ir, f, sc.date, sc.events);
      if ('error' in e) { skipped++; return; }
      const v = validateInput(ir, f, sc.date, sc.events);
      caseRows(ir, layout, v.facts, i + 1, data, v.nonexistent);
      if (layout.roots.some((t) => v.facts.has(t.name) || v.nonexistent.has(t.name))) keyed.add(i + 1);
      else noRow++;
      exp.set(i + 1, e as Record<string, unknown>);
    });
    ms['interpreter']! += Date.now() - t;
    if (ts) {
      // the generated evaluator: the same decisions as the interpreter (statuses, outcome values, 缺少, 可领取, sunset)
      t = Date.now();
      const out = mismatches.get('typescript')!;
      for (const [k, e] of exp) {
        const f = sc.facts[k - 1];
        let got: unknown;
        try { got = decisionView(ts.evaluate(f, sc.date, sc.events)); } catch (x) { got = { threw: (x as Error).message }; }
        const want = decisionView((e as Record<symbol, unknown>)[DECISIONS]);
        if (JSON.stringify(got) !== JSON.stringify(want) && out.length < limit) out.push({ scenario: s, caseIndex: k - 1, measure: '*', what: 'decisions', sql: got, interpreter: want, facts: f, date: sc.date, events: sc.events });
      }
      ms['typescript'] = (ms['typescript'] ?? 0) + Date.now() - t;
    }
    for (const [, e] of exp) {
      for (const [col, ev] of Object.entries(e)) if (col.endsWith('_状态')) statuses.set(String(ev), (statuses.get(String(ev)) ?? 0) + 1);
      if (e['可能废止日期'] !== null) statuses.set('可能废止', (statuses.get('可能废止') ?? 0) + 1);
    }
    rows += exp.size;
    for (const engine of engines) {
      t = Date.now();
      const d = dialectOf(engine.name);
      const out = mismatches.get(engine.name)!;
      for (const tb of [...layout.roots, ...layout.children, { name: DECLARED_ABSENT }]) await engine.exec(`DELETE FROM ${d.id(tb.name)}`);
      await engine.exec(`DELETE FROM zc_eval; INSERT INTO zc_eval VALUES (DATE ${sqlString(sc.date)}); DELETE FROM zc_events;`);
      const evRows = sc.events.map((e) => `(DATE ${sqlString(String(e['日期']))}, ${sqlString(String(e['级别']))}, ${sqlString(String(e['类别']))}, ${typeof e['地区'] === 'string' ? sqlString(e['地区']) : 'NULL'}, ${typeof e['标题'] === 'string' ? sqlString(e['标题']) : 'NULL'}, ${typeof e['文号'] === 'string' ? sqlString(e['文号']) : 'NULL'})`);
      if (evRows.length) await engine.exec(`INSERT INTO zc_events VALUES ${evRows.join(', ')}`);
      for (const stmt of insertSql(d, layout, data)) await engine.exec(stmt);
      ms[`${engine.name} load`] = (ms[`${engine.name} load`] ?? 0) + Date.now() - t;
      t = Date.now();
      const got = await engine.query(`SELECT * FROM ${d.id(`zc_${ir.policy.id}_决定`)}`);
      ms[`${engine.name} query`] = (ms[`${engine.name} query`] ?? 0) + Date.now() - t;
      const byKey = new Map(got.map((r) => [Number(r['编号']), r]));
      // every case with some entity given must have its row
      for (const k of exp.keys()) if (!byKey.has(k) && keyed.has(k) && out.length < limit) out.push({ scenario: s, caseIndex: k - 1, measure: '*', what: 'no row', sql: undefined, interpreter: 'a row', facts: sc.facts[k - 1], date: sc.date, events: sc.events });
      for (const [k, e] of exp) {
        const g = byKey.get(k);
        const f = sc.facts[k - 1];
        for (const [col, ev] of Object.entries(e)) {
          // a case with no entity at all has no row in any input table, so no 编号 in 案件: it is
          // not representable as relational input (a batch row is always some entity's row) and
          // is compared only by the interpreter and the generated evaluator (counted in noRow)
          if (!g) continue;
          const gv = norm(g[col]);
          if (JSON.stringify(gv) !== JSON.stringify(norm(ev)) && out.length < limit) out.push({ scenario: s, caseIndex: k - 1, measure: col, what: col, sql: gv, interpreter: ev, facts: f, date: sc.date, events: sc.events });
        }
      }
    }
  }
  return { mismatches, rows, statuses, skipped, noRow, ms };
}
