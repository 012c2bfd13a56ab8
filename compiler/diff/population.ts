/**
 * Change impact on a population: every row evaluated under both revisions.
 * Input: the two IRs of one policy, the rows (compiler/population/read.ts), the evaluation date,
 * the events and the engine (the interpreter, or the generated evaluators emitted from both IRs).
 * Output: how many rows change status or amount, per measure the status transitions, and the
 * budget per measure, outcome and period (exact: integer fen summed as bigint) under each
 * revision and the delta — or the problems of the rows that fail validation (row + field).
 * INVARIANT: a row that is invalid under either revision makes the whole result an error: no
 * count or budget is computed from part of the population.
 */
import type { Decision, Decisions, OutcomeValue } from '../interpret/decision.js';
import { InputError } from '../interpret/decision.js';
import { evaluate } from '../interpret/interpreter.js';
import type { IrProgram } from '../ir/ir.js';
import { loadGeneratedEvaluator } from '../emit/load.js';
import { MAX_PROBLEMS, type PopulationProblem, type PopulationRow } from '../population/read.js';

export type PopulationEngine = '解释器' | '生成的求值器';

export interface BudgetLine {
  readonly 结果: string;
  /** 一次性, 每月, … ('' when the outcome states none). */
  readonly 周期: string;
  /** Totals in fen over the rows where the measure is 适用 (decimal strings: exact, JSON-safe). */
  readonly 旧分: string;
  readonly 新分: string;
  readonly 差额分: string;
  /** Rows contributing under each revision. */
  readonly 旧行数: number;
  readonly 新行数: number;
}

export interface MeasureImpact {
  readonly 措施: string;
  /** Rows whose status differs between the revisions. */
  readonly 状态改变: number;
  /** Rows 适用 under both revisions whose money outcomes differ. */
  readonly 金额改变: number;
  /** Status transitions (old → new) with their row counts, most frequent first. */
  readonly 转变: readonly { readonly 旧: string; readonly 新: string; readonly 行数: number; readonly 示例: string }[];
  readonly 预算: readonly BudgetLine[];
}

export interface PopulationImpact {
  readonly 文件: string;
  readonly 格式: string;
  readonly 日期: string;
  readonly 引擎: PopulationEngine;
  readonly 行数: number;
  /** Rows where at least one measure changes status or amount. */
  readonly 改变行数: number;
  /** Rows that violate a declared 前提 under each revision (their answers are outside what was verified; counted, never dropped). */
  readonly 前提不满足: { readonly 旧: number; readonly 新: number; readonly 示例?: string };
  readonly 措施: readonly MeasureImpact[];
}

type Eval = (facts: unknown, date: string, events: unknown[]) => Decisions;

const ABSENT = '（无此措施）';

/** Money outcomes of a decision that is 适用: name → [period, fen]. */
function money(d: Decision | undefined): Map<string, { 周期: string; 分: bigint }> {
  const out = new Map<string, { 周期: string; 分: bigint }>();
  if (!d || d.状态 !== '适用') return out;
  for (const [k, v] of Object.entries(d.结果) as [string, OutcomeValue][]) if (typeof v.分 === 'number') out.set(k, { 周期: v.周期 ?? '', 分: BigInt(v.分) });
  return out;
}

/** Evaluate every row under both revisions and tally the differences. */
export async function populationImpact(
  oldIr: IrProgram, newIr: IrProgram, rows: readonly PopulationRow[], date: string, events: unknown[],
  opts: { engine: PopulationEngine; file: string; format: string },
): Promise<{ ok: true; value: PopulationImpact } | { ok: false; problems: PopulationProblem[]; more: number }> {
  const [ea, eb]: [Eval, Eval] = opts.engine === '生成的求值器'
    ? [await loadGeneratedEvaluator(oldIr), await loadGeneratedEvaluator(newIr)]
    : [(f, d, e) => evaluate(oldIr, f, d, e), (f, d, e) => evaluate(newIr, f, d, e)];
  const names = [...newIr.measures.map((m) => m.name), ...oldIr.measures.filter((m) => !newIr.measures.some((x) => x.name === m.name)).map((m) => m.name)];
  const acc = new Map(names.map((n) => [n, {
    状态改变: 0, 金额改变: 0, 转变: new Map<string, { 旧: string; 新: string; 行数: number; 示例: string }>(),
    预算: new Map<string, { 结果: string; 周期: string; 旧: bigint; 新: bigint; 旧行数: number; 新行数: number }>(),
  }]));
  const problems: PopulationProblem[] = [];
  let more = 0;
  let changedRows = 0;
  const premises: { 旧: number; 新: number; 示例?: string } = { 旧: 0, 新: 0 };
  for (const row of rows) {
    const out: Decisions[] = [];
    // a problem both revisions report is said once
    const rowProblems = new Map<string, { 字段?: string; sides: string[] }>();
    for (const [side, ev] of [['旧版', ea], ['新版', eb]] as const) {
      try {
        out.push(ev(row.事实, date, events));
      } catch (e) {
        const ps = e instanceof InputError || Array.isArray((e as { problems?: unknown }).problems) ? (e as InputError).problems : undefined;
        const items = ps ? ps.map((p) => ({ 字段: p.路径, text: `字段 ${p.路径}：期望${p.期望}，实际为 ${p.实际}` })) : [{ 字段: undefined, text: `求值出错：${(e as Error).message.split('\n')[0]}` }];
        for (const it of items) {
          const hit = rowProblems.get(it.text) ?? { ...(it.字段 ? { 字段: it.字段 } : {}), sides: [] };
          hit.sides.push(side);
          rowProblems.set(it.text, hit);
        }
      }
    }
    for (const [text, p] of rowProblems) {
      if (problems.length >= MAX_PROBLEMS) {
        more++;
        continue;
      }
      problems.push({ 位置: row.位置, ...(p.字段 ? { 字段: p.字段 } : {}), 说明: `${p.sides.length === 2 ? '' : `${p.sides[0]}：`}${text}` });
    }
    if (out.length < 2 || problems.length) continue;
    const [da, db] = out as [Decisions, Decisions];
    if (da.前提不满足?.length) { premises.旧++; premises.示例 ??= row.位置; }
    if (db.前提不满足?.length) { premises.新++; premises.示例 ??= row.位置; }
    let rowChanged = false;
    for (const name of names) {
      const a = da.决定.find((x) => x.措施 === name);
      const b = db.决定.find((x) => x.措施 === name);
      const m = acc.get(name)!;
      const [sa, sb] = [a?.状态 ?? ABSENT, b?.状态 ?? ABSENT];
      const [ma, mb] = [money(a), money(b)];
      if (sa !== sb) {
        m.状态改变++;
        rowChanged = true;
        const k = `${sa}→${sb}`;
        const t = m.转变.get(k) ?? { 旧: sa, 新: sb, 行数: 0, 示例: row.位置 };
        t.行数++;
        m.转变.set(k, t);
      } else if (sa === '适用') {
        const keys = new Set([...ma.keys(), ...mb.keys()]);
        if ([...keys].some((k) => ma.get(k)?.分 !== mb.get(k)?.分 || ma.get(k)?.周期 !== mb.get(k)?.周期)) {
          m.金额改变++;
          rowChanged = true;
        }
      }
      for (const [side, mm] of [['旧', ma], ['新', mb]] as const) {
        for (const [k, v] of mm) {
          const key = `${k}\u0000${v.周期}`;
          const line = m.预算.get(key) ?? { 结果: k, 周期: v.周期, 旧: 0n, 新: 0n, 旧行数: 0, 新行数: 0 };
          if (side === '旧') { line.旧 += v.分; line.旧行数++; } else { line.新 += v.分; line.新行数++; }
          m.预算.set(key, line);
        }
      }
    }
    if (rowChanged) changedRows++;
  }
  if (problems.length) return { ok: false, problems, more };
  const measures: MeasureImpact[] = names.map((name) => {
    const m = acc.get(name)!;
    return {
      措施: name, 状态改变: m.状态改变, 金额改变: m.金额改变,
      转变: [...m.转变.values()].sort((x, y) => y.行数 - x.行数 || (x.旧 + x.新 < y.旧 + y.新 ? -1 : 1)),
      预算: [...m.预算.values()].map((l) => ({ 结果: l.结果, 周期: l.周期, 旧分: String(l.旧), 新分: String(l.新), 差额分: String(l.新 - l.旧), 旧行数: l.旧行数, 新行数: l.新行数 })),
    };
  });
  return { ok: true, value: { 文件: opts.file, 格式: opts.format, 日期: date, 引擎: opts.engine, 行数: rows.length, 改变行数: changedRows, 前提不满足: premises, 措施: measures } };
}

/** Fen (decimal string, may be negative) as 元 with two decimals, exactly. */
export function fenToYuan(fen: string): string {
  const neg = fen.startsWith('-');
  const d = (neg ? fen.slice(1) : fen).padStart(3, '0');
  return `${neg ? '-' : ''}${d.slice(0, -2)}.${d.slice(-2)}`;
}
