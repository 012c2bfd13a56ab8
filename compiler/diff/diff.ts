/**
 * Change impact between two revisions of a policy.
 * Input: the lowered policies of an old and a new revision (+ options). Output: per policy,
 * per measure: proved equivalent, or gains / loses / changes (and a changed 存疑 status) each
 * with a concrete witness replayed through both versions' interpreters and a description of
 * the region in terms of the conditions; clauses added / removed / renumbered, 原文 text diffs,
 * parameter changes, new and resolved verification findings; diagnostics (ZC13xx).
 *
 * Method: the verifier's encoder (compiler/verify/smt.ts). The new version is encoded by a twin
 * of the old version's encoder built on the new IR: the two share every fact variable (keyed by
 * path), the evaluation date and the interned strings; each has its own uncertain dates. For
 * each measure present in both, four queries (same time limit as verify):
 *   得到 gains:   ¬applies_old ∧ applies_new        失去 loses:  applies_old ∧ ¬applies_new
 *   改变 changes: both apply ∧ an outcome's definedness or value differs
 *   存疑 doubt:   存疑_old ≠ 存疑_new
 * under both versions' 前提. All four UNSAT (complete proofs) ⇒ 等价 (equivalent). An unknown
 * answer, or a proof only up to the list bound, is 未判定 (ZC1305) — never "equivalent".
 * INVARIANT: a witness is reported as a change only when the interpreters of both versions
 * reproduce the difference on it (else ZC1306, stated, never dropped).
 * Events: the comparison is of the policies while in force (higher-level events that void the
 * policy are not part of it; a changed 失效 condition shows in the header comparison).
 */
import { diffChars } from 'diff';
import { formatIso, fromDayNumber } from '../common/calendar.js';
import { asOneLine } from '../common/lines.js';
import { dirname, sep } from 'node:path';
import type { Span } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrExpr, IrMeasure, IrProgram, IrProperty } from '../ir/ir.js';
import { isRatio } from '../ir/ir.js';
import { evaluate, irChildren } from '../interpret/interpreter.js';
import type { Decision, Decisions } from '../interpret/decision.js';
import type { LoweredPolicy } from '../project/policies.js';
import { DEFAULT_LIST_BOUND, SmtEncoder, decodeWitness, z3, type ListVar, type Witness, type ZBool } from '../verify/smt.js';
import { specialise } from '../verify/specialise.js';
import { verifyPolicies } from '../verify/verify.js';
import { applyLimits, limitText } from '../verify/limits.js';
import { outcomeText } from '../explain/explain.js';
import { loadGeneratedEvaluator } from '../emit/load.js';
import { compareDecisions, exactCalendarModel } from '../verify/engine.js';
import type { PopulationImpact } from './population.js';

export type ChangeKind = '得到' | '失去' | '改变' | '存疑';

export interface ChangeWitness {
  readonly 类别: ChangeKind;
  /** Facts and date of the witness (ready for `zhengce eval`). */
  readonly 事实: Witness['facts'];
  readonly 日期: string;
  /** Values chosen for dates known only within a range (old / new). */
  readonly 不确定日期?: Witness['dates'];
  /** 存疑 only: the dates known only within a range that the measure reads in each version, with their ranges (a version with none has none). */
  readonly 日期范围?: { readonly 旧: readonly string[]; readonly 新: readonly string[] };
  readonly 旧: string;
  readonly 新: string;
  /** The region that changed, in terms of the conditions and the witness's values. */
  readonly 区域: string;
  /** Replay of the witness: the interpreters of both versions, and the generated evaluators emitted from both IRs (compared with the interpreters' whole decisions). */
  readonly 复现: { readonly 解释器: 'confirmed' | 'not-reproduced'; readonly 生成的求值器: 'confirmed' | 'not-reproduced' | 'differs' | 'unavailable'; readonly 说明?: string };
}

export interface MeasureDiff {
  readonly 措施: string;
  readonly 条款: { readonly 旧?: string; readonly 新?: string };
  /** 等价 proved; 有变化 at least one confirmed change; 未判定 some query undecided; 新增 / 删除 measure. */
  readonly 结论: '等价' | '有变化' | '未判定' | '新增' | '删除';
  /** For 等价: proved by the solver (every query UNSAT, complete), or the meaning is identical (same rules, definitions, parameters). */
  readonly 依据?: '求解器' | '相同';
  readonly 变化: readonly ChangeWitness[];
  /** Queries that were not decided (or proved only up to the list bound). */
  readonly 未判定: readonly string[];
  /** 未判定 only because proofs hold only for lists of at most this many elements (the 前提 do not bound them): equivalent up to the bound, never reported as 等价. */
  readonly 有界?: number;
  /** 原文 of the measure changed: the character diff. */
  readonly 原文差异?: readonly TextPart[];
}

export interface TextPart {
  readonly 类别: '同' | '增' | '删';
  readonly 文本: string;
}

export interface ClauseDiff {
  readonly 类别: '新增' | '删除' | '改号' | '原文改变';
  readonly 旧标签?: string;
  readonly 新标签?: string;
  readonly 标题?: string;
  readonly 差异?: readonly TextPart[];
}

export interface ParamDiff {
  readonly 参数: string;
  readonly 类别: '新增' | '删除' | '取值改变' | '来源改变';
  readonly 说明: string;
}

export interface FindingDiff {
  readonly 类别: '新增' | '消除';
  readonly 代码: string;
  readonly 说明: string;
}

export interface PolicyDiff {
  readonly 政策: string;
  readonly 旧: { readonly 名称: string; readonly 文号?: string };
  readonly 新: { readonly 名称: string; readonly 文号?: string };
  readonly 头部: readonly string[];
  readonly 措施: readonly MeasureDiff[];
  readonly 条款: readonly ClauseDiff[];
  readonly 参数: readonly ParamDiff[];
  readonly 核查?: readonly FindingDiff[];
}

export interface DiffReport {
  readonly 政策: readonly PolicyDiff[];
  readonly 新增政策: readonly string[];
  readonly 删除政策: readonly string[];
  /** Per-query solver time in ms (for the benchmark; not rendered). */
  readonly queryMs: readonly number[];
  /** With --population: every row evaluated under both revisions (population.ts). */
  readonly 人群?: PopulationImpact;
}

export interface DiffOptions {
  /** Per-query wall-clock limit in ms (0: none; then `rlimit` must be set). */
  readonly timeoutMs: number;
  /** z3's deterministic resource limit per query (verify/limits.ts). */
  readonly rlimit?: number;
  readonly listBound?: number;
  /** Compare verification findings (runs the verifier on both sides; default true). */
  readonly findings?: boolean;
  readonly events?: unknown[];
  /** Ask the solver even when a measure's meaning is unchanged (default false: identity is a proof). */
  readonly alwaysSolve?: boolean;
}

const spanOf = (o: { file: string; start: number; end: number }): Span => ({ file: o.file, start: o.start, end: o.end });

/** Pair the policies of two revisions: by id; a single policy on each side is paired when its name or 文号 matches. */
function pair(olds: readonly LoweredPolicy[], news: readonly LoweredPolicy[], ds: Diagnostic[]): { pairs: [LoweredPolicy, LoweredPolicy][]; added: string[]; removed: string[] } {
  if (olds.length === 1 && news.length === 1) {
    const [a, b] = [olds[0]!.ir.policy, news[0]!.ir.policy];
    if (a.name === b.name || (a.docNumber && a.docNumber === b.docNumber)) return { pairs: [[olds[0]!, news[0]!]], added: [], removed: [] };
    ds.push(diag('ZC1302', spanOf({ file: news[0]!.program.root, start: 0, end: 0 }), `两个版本不是同一政策：旧版为“${a.name}”${a.docNumber ? `（${a.docNumber}）` : ''}，新版为“${b.name}”${b.docNumber ? `（${b.docNumber}）` : ''}`, { help: '比较同一政策的两个版本：名称或文号至少有一项相同' }));
    return { pairs: [], added: [], removed: [] };
  }
  const pairs: [LoweredPolicy, LoweredPolicy][] = [];
  for (const o of olds) {
    const n = news.find((x) => x.ir.policy.id === o.ir.policy.id);
    if (!n) continue;
    const [a, b] = [o.ir.policy, n.ir.policy];
    // the same directory name is not the same policy: the name or the 文号 must carry over
    if (a.name !== b.name && a.docNumber !== b.docNumber) {
      ds.push(diag('ZC1302', spanOf({ file: n.program.root, start: 0, end: 0 }), `两个版本不是同一政策：旧版为“${a.name}”${a.docNumber ? `（${a.docNumber}）` : ''}，新版为“${b.name}”${b.docNumber ? `（${b.docNumber}）` : ''}`, { help: '比较同一政策的两个版本：名称或文号至少有一项相同' }));
      continue;
    }
    pairs.push([o, n]);
  }
  return {
    pairs,
    added: news.filter((n) => !olds.some((o) => o.ir.policy.id === n.ir.policy.id)).map((n) => n.ir.policy.id),
    removed: olds.filter((o) => !news.some((n) => n.ir.policy.id === o.ir.policy.id)).map((o) => o.ir.policy.id),
  };
}

/** Compare two revisions. */
export async function diffPolicies(olds: readonly LoweredPolicy[], news: readonly LoweredPolicy[], opts: DiffOptions): Promise<{ value: DiffReport; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const { pairs, added, removed } = pair(olds, news, diagnostics);
  const queryMs: number[] = [];
  const out: PolicyDiff[] = [];
  for (const [o, n] of pairs) out.push(await diffPolicy(o, n, opts, diagnostics, queryMs));
  return { value: { 政策: out, 新增政策: added, 删除政策: removed, queryMs }, diagnostics };
}

function textDiff(a: string, b: string): TextPart[] {
  return diffChars(a, b).map((p) => ({ 类别: p.added ? '增' : p.removed ? '删' : '同', 文本: p.value }) as TextPart);
}

const quotesOf = (q: readonly string[]) => q.join('\n');
/** The 原文 without the clause's own leading number (（二）, 三、, 2.), so that a renumbered clause is recognised. */
const unnumbered = (q: readonly string[]) => q.map((x) => x.replace(/^\s*(?:[（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+、|\d+[.．、]|[（(]\d+[）)])\s*/, '')).join('\n');

function clauseDiffs(a: IrProgram, b: IrProgram): ClauseDiff[] {
  const out: ClauseDiff[] = [];
  const usedB = new Set<number>();
  const restA: IrProgram['clauses'][number][] = [];
  // 1. the same 原文 (and title) under a different number: renumbered
  for (const ca of a.clauses) {
    const i = b.clauses.findIndex((cb, j) => !usedB.has(j) && unnumbered(cb.quotes) === unnumbered(ca.quotes) && cb.title === ca.title);
    if (i >= 0) {
      usedB.add(i);
      const cb = b.clauses[i]!;
      if (cb.label !== ca.label) out.push({ 类别: '改号', 旧标签: ca.label, 新标签: cb.label, ...(cb.title ? { 标题: cb.title } : {}) });
    } else restA.push(ca);
  }
  // 2. the same number (or title), different 原文
  const restA2: typeof restA = [];
  for (const ca of restA) {
    let i = b.clauses.findIndex((cb, j) => !usedB.has(j) && cb.label === ca.label);
    if (i < 0) i = b.clauses.findIndex((cb, j) => !usedB.has(j) && !!ca.title && cb.title === ca.title);
    if (i < 0) {
      restA2.push(ca);
      continue;
    }
    usedB.add(i);
    const cb = b.clauses[i]!;
    out.push({ 类别: '原文改变', 旧标签: ca.label, 新标签: cb.label, ...(cb.title ? { 标题: cb.title } : {}), 差异: textDiff(quotesOf(ca.quotes), quotesOf(cb.quotes)) });
  }
  for (const ca of restA2) out.push({ 类别: '删除', 旧标签: ca.label, ...(ca.title ? { 标题: ca.title } : {}) });
  b.clauses.forEach((cb, j) => {
    if (!usedB.has(j)) out.push({ 类别: '新增', 新标签: cb.label, ...(cb.title ? { 标题: cb.title } : {}) });
  });
  return out;
}

function paramDiffs(a: IrProgram, b: IrProgram): ParamDiff[] {
  const out: ParamDiff[] = [];
  const show = (p: IrProgram['params'][number]) => p.values.map((v) => `自 ${v.fromIso} 起 ${v.value}${p.unit}${v.confirmed ? '' : '（未确认）'}`).join('；') || '（无取值）';
  for (const pa of a.params) {
    const pb = b.params.find((x) => x.name === pa.name);
    if (!pb) {
      out.push({ 参数: pa.name, 类别: '删除', 说明: `删除参数“${pa.name}”（原为 ${show(pa)}）` });
      continue;
    }
    if (show(pa) !== show(pb)) out.push({ 参数: pa.name, 类别: '取值改变', 说明: `${show(pa)} → ${show(pb)}` });
    const sa = pa.values.map((v) => v.source).join('；');
    const sb = pb.values.map((v) => v.source).join('；');
    if (sa !== sb) out.push({ 参数: pa.name, 类别: '来源改变', 说明: `来源：${sa || '（无）'} → ${sb || '（无）'}` });
  }
  for (const pb of b.params) if (!a.params.some((x) => x.name === pb.name)) out.push({ 参数: pb.name, 类别: '新增', 说明: `新增参数“${pb.name}”：${show(pb)}` });
  return out;
}

function headerDiffs(a: IrProgram, b: IrProgram): string[] {
  const out: string[] = [];
  const pa = a.policy;
  const pb = b.policy;
  const eff = (p: IrProgram['policy']) => p.effectiveIso ?? (p.effectiveRange ? `${p.effectiveRange.loIso} 至 ${p.effectiveRange.hiIso} 之间` : '未知');
  if (pa.name !== pb.name) out.push(`名称：${pa.name} → ${pb.name}`);
  if ((pa.docNumber ?? '') !== (pb.docNumber ?? '')) out.push(`文号：${pa.docNumber ?? '（无）'} → ${pb.docNumber ?? '（无）'}`);
  if (eff(pa) !== eff(pb)) out.push(`生效：${eff(pa)} → ${eff(pb)}`);
  const sun = (p: IrProgram['policy']) => (p.sunset ? `${asOneLine(p.sunset.condition.origin?.text ?? '')}（${p.sunset.start === 'nextDay' ? '次日' : '当日'}起）` : '（无）');
  if (sun(pa) !== sun(pb)) out.push(`失效：${sun(pa)} → ${sun(pb)}`);
  return out;
}

/**
 * New and resolved verification findings. A measure whose meaning (and the 前提) is the same in
 * both revisions has the same per-measure findings on both sides (their subjects name the
 * measure; the queries read nothing else), so only the measures in `changed` are verified on each
 * side; policy-level checks (前提, 性质, static checks) run in full.
 */
async function findingDiffs(o: LoweredPolicy, n: LoweredPolicy, opts: DiffOptions, changed: { measures: ReadonlySet<string>; properties: ReadonlySet<string> } | undefined): Promise<FindingDiff[]> {
  const run = async (p: LoweredPolicy) => (await verifyPolicies([p], {
    timeoutMs: opts.timeoutMs, ...(opts.rlimit ? { rlimit: opts.rlimit } : {}), pbtRuns: 0, events: opts.events ?? [], ...(opts.listBound ? { listBound: opts.listBound } : {}),
    ...(changed ? { measures: (m: IrMeasure) => changed.measures.has(m.name), properties: (x: IrProperty) => changed.properties.has(x.name) } : {}),
  })).findings;
  const [fa, fb] = [await run(o), await run(n)];
  // the subject (kind + measure/rule/outcome names) identifies a finding across revisions; the fingerprint includes the policy id
  const key = (f: { code: string; subject: string }) => `${f.code}|${f.subject}`;
  const ka = new Set(fa.map(key));
  const kb = new Set(fb.map(key));
  const out: FindingDiff[] = [];
  for (const f of fb) if (!ka.has(key(f))) out.push({ 类别: '新增', 代码: f.code, 说明: f.message });
  for (const f of fa) if (!kb.has(key(f))) out.push({ 类别: '消除', 代码: f.code, 说明: f.message });
  return out;
}

/** Register the new version's text constants in the shared string table (before anything is encoded). */
function internStrings(enc: SmtEncoder, ir: IrProgram): void {
  const visit = (e: IrExpr): void => {
    if (e.k === 'const' && e.type.k === 'text' && typeof e.value === 'string' && !enc.strings.has(e.value)) enc.strings.set(e.value, enc.strings.size + 1);
    irChildren(e).forEach(visit);
  };
  for (const m of ir.measures) for (const r of m.rules) { visit(r.condition); r.assignments.forEach((a) => visit(a.value)); }
  for (const d of ir.definitions) visit(d.expr);
  for (const a of ir.assumptions) visit(a.condition);
}

function summary(d: Decision | undefined): string {
  if (!d) return '（无此措施）';
  const r = Object.entries(d.结果).map(([k, v]) => outcomeText(k, v));
  return r.length ? `${d.状态}（${r.join('，')}）` : d.状态;
}

/** The region: the conditions (with the witness's values) of the rules that apply in one version and not in the other. */
function region(a: Decision | undefined, b: Decision | undefined, doubt = false): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  const values = (d: Decision | undefined, ok: (r: Decision['规则'][number]) => boolean) => {
    for (const r of d?.规则 ?? []) {
      if (!ok(r)) continue;
      for (const c of r.条件) {
        for (const [k, v] of Object.entries(c.取值)) {
          if (seen.has(k)) continue;
          seen.add(k);
          parts.push(`${k} = ${v}`);
        }
      }
    }
  };
  const applied = (d: Decision | undefined) => new Set((d?.规则 ?? []).filter((r) => r.适用 === true).map((r) => r.规则));
  const [ra, rb] = [applied(a), applied(b)];
  values(b, (r) => r.适用 === true && !ra.has(r.规则));
  values(a, (r) => r.适用 === true && !rb.has(r.规则));
  values(b, (r) => r.适用 === true);
  values(a, (r) => r.适用 === true);
  // 存疑: the rules whose applicability is unknown, and what is missing (an uncertain date names its range)
  if (doubt) values(a, (r) => !!r.未知?.length), values(b, (r) => !!r.未知?.length);
  const why: string[] = [];
  if (doubt) {
    for (const [side, d] of [['旧版', a], ['新版', b]] as const) {
      for (const r of d?.规则 ?? []) if (r.未知?.length) why.push(`${side}规则“${r.规则}”无法判定：${r.未知.join('；')}`);
      if (d?.状态 === '存疑' && d.缺少?.length) why.push(`${side}存疑，取决于：${d.缺少.join('、')}`);
    }
  }
  for (const r of b?.规则 ?? []) if (r.适用 === true && !ra.has(r.规则)) why.push(`新版规则“${r.规则}”适用（${r.条件.map((c) => c.条件).join(' 且 ')}）`);
  for (const r of a?.规则 ?? []) if (r.适用 === true && !rb.has(r.规则)) why.push(`旧版规则“${r.规则}”适用（${r.条件.map((c) => c.条件).join(' 且 ')}）`);
  for (const r of b?.规则 ?? []) if (ra.has(r.规则) && r.适用 !== true && r.未满足?.length) why.push(`新版规则“${r.规则}”不再满足：${r.未满足.join('；')}`);
  for (const r of a?.规则 ?? []) if (rb.has(r.规则) && r.适用 !== true && r.未满足?.length) why.push(`旧版规则“${r.规则}”未满足：${r.未满足.join('；')}`);
  return `${parts.join('，') || '（任意事实）'}：${summary(a)} → ${summary(b)}${why.length ? `。${why.join('；')}` : ''}`;
}

async function diffPolicy(o: LoweredPolicy, n: LoweredPolicy, opts: DiffOptions, ds: Diagnostic[], queryMs: number[]): Promise<PolicyDiff> {
  const a = o.ir;
  const b = n.ir;
  const measures: MeasureDiff[] = [];
  // measures whose findings may differ: every one when the 前提 changed, else those whose meaning changed or that one side lacks
  const sameAssumptions = JSON.stringify(a.assumptions, (k, v) => (DROP.has(k) ? undefined : v)) === JSON.stringify(b.assumptions, (k, v) => (DROP.has(k) ? undefined : v));
  const changed = sameAssumptions ? { measures: new Set<string>(), properties: new Set<string>() } : undefined;
  if (changed) {
    for (const mb of b.measures) {
      const ma = a.measures.find((x) => x.name === mb.name);
      if (!ma || meaning(a, ma) !== meaning(b, mb)) changed.measures.add(mb.name);
    }
    for (const ma of a.measures) if (!b.measures.some((x) => x.name === ma.name)) changed.measures.add(ma.name);
    // a property (性质) whose expressions and everything they use are the same has the same findings on both sides
    for (const pb of b.properties) {
      const pa = a.properties.find((x) => x.name === pb.name);
      if (!pa || propertyMeaning(a, pa) !== propertyMeaning(b, pb)) changed.properties.add(pb.name);
    }
    for (const pa of a.properties) if (!b.properties.some((x) => x.name === pa.name)) changed.properties.add(pa.name);
  }
  const Z = await z3();
  const solver = new Z.Solver();
  applyLimits(solver, opts);
  for (const mb of b.measures) {
    const ma = a.measures.find((x) => x.name === mb.name);
    if (!ma) {
      measures.push(await addedOrRemoved(Z, solver, o, n, mb, 'new', opts, ds, queryMs));
      continue;
    }
    measures.push(await diffMeasure(Z, solver, o, n, ma, mb, opts, ds, queryMs));
  }
  for (const ma of a.measures) if (!b.measures.some((x) => x.name === ma.name)) measures.push(await addedOrRemoved(Z, solver, o, n, ma, 'old', opts, ds, queryMs));
  return {
    政策: b.policy.id,
    旧: { 名称: a.policy.name, ...(a.policy.docNumber ? { 文号: a.policy.docNumber } : {}) },
    新: { 名称: b.policy.name, ...(b.policy.docNumber ? { 文号: b.policy.docNumber } : {}) },
    头部: headerDiffs(a, b), 措施: measures, 条款: clauseDiffs(a, b), 参数: paramDiffs(a, b),
    ...(opts.findings === false ? {} : { 核查: await findingDiffs(o, n, opts, changed) }),
  };
}

/**
 * A measure only one revision has (新增 / 删除), with who gains or loses by it: the other revision is given the
 * measure without rules (it never applies there), and the pair is compared as any other — a witness of a case
 * it granted (删除: 失去, 适用 → 不适用) or now grants (新增: 得到), replayed through both interpreters.
 */
async function addedOrRemoved(Z: any, solver: any, o: LoweredPolicy, n: LoweredPolicy, m: IrMeasure, side: 'old' | 'new', opts: DiffOptions, ds: Diagnostic[], queryMs: number[]): Promise<MeasureDiff> {
  const stub: IrMeasure = { ...m, rules: [] };
  const without = (p: LoweredPolicy): LoweredPolicy => ({ ...p, ir: { ...p.ir, measures: [...p.ir.measures, stub] } });
  const note = side === 'old' ? '（新版已删除此措施）' : '（旧版没有此措施）';
  const base = side === 'old'
    ? { 措施: m.name, 条款: { 旧: m.citation.label }, 结论: '删除' as const }
    : { 措施: m.name, 条款: { 新: m.citation.label }, 结论: '新增' as const };
  try {
    const d = side === 'old' ? await diffMeasure(Z, solver, o, without(n), m, stub, opts, ds, queryMs) : await diffMeasure(Z, solver, without(o), n, stub, m, opts, ds, queryMs);
    // the side without the measure never applies it: gains (删除) or losses (新增) and changed results cannot
    // occur — a bounded answer to those questions says nothing
    const moot = side === 'old' ? ['是否有人新得到', '结果是否改变'] : ['是否有人失去', '结果是否改变'];
    return { ...base, 变化: d.变化.map((c) => ({ ...c, 区域: `${c.区域}${note}` })), 未判定: d.未判定.filter((u) => !moot.some((w) => u.startsWith(`措施“${m.name}”${w}`))) };
  } catch (e) {
    // never a crash for want of a witness: the measure is still reported as added or removed
    return { ...base, 变化: [], 未判定: [`无法求出${side === 'old' ? '失去' : '得到'}此措施的个案：${(e as Error).message.split('\n')[0]}`] };
  }
}

const DROP = new Set(['origin', 'citation', 'doubts', 'note', 'lead', 'responsible', 'recipient', 'fromIso', 'source', 'confirmed', 'doc']);

/**
 * The meaning of a measure as a canonical text: its rules, outcomes and everything they use
 * (definitions, parameters' values, referenced measures, the entities, the effective date and
 * the 失效 condition), without source positions, citations and notes. Two versions with the same
 * text decide every input alike: equivalence proved by identity, no solver needed (a solver
 * query would only add the encoding's approximations of months and working days).
 */
function meaning(ir: IrProgram, m: IrMeasure): string {
  return meaningOf(ir, m.rules.flatMap((r) => [r.condition, ...r.assignments.map((a) => a.value)]), m);
}

/** The meaning of a 性质 (property): its own expressions and kind, and everything they use, as for a measure. */
function propertyMeaning(ir: IrProgram, p: IrProperty): string {
  return JSON.stringify([p.kind, p.usesEvent, p.accepted !== undefined, meaningOf(ir, [...(p.condition ? [p.condition] : []), ...p.asserts])]);
}

function meaningOf(ir: IrProgram, exprs: readonly IrExpr[], m?: IrMeasure): string {
  const defs = new Map<string, unknown>();
  const params = new Map<string, unknown>();
  const measures = new Map<string, unknown>();
  const visit = (e: IrExpr): void => {
    if (e.k === 'def' && !defs.has(e.name)) {
      const d = ir.definitions.find((x) => x.name === e.name);
      defs.set(e.name, d ?? null);
      if (d) visit(d.expr);
    }
    if (e.k === 'param' && !params.has(e.name)) params.set(e.name, ir.params.find((x) => x.name === e.name) ?? null);
    if ((e.k === 'applies' || e.k === 'outcome') && !measures.has(e.measure)) {
      const m2 = ir.measures.find((x) => x.name === e.measure);
      measures.set(e.measure, m2 ?? null);
      if (m2) for (const r of m2.rules) { visit(r.condition); r.assignments.forEach((a) => visit(a.value)); }
    }
    irChildren(e).forEach(visit);
  };
  if (m) measures.set(m.name, m);
  exprs.forEach(visit);
  const sorted = <T,>(x: Map<string, T>) => [...x.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { effective, effectiveRange, sunset } = ir.policy;
  return JSON.stringify({ measures: sorted(measures), defs: sorted(defs), params: sorted(params), entities: ir.entities, effective, effectiveRange, sunset },
    (k, v) => (DROP.has(k) ? undefined : v));
}

/**
 * Replay a witness through the generated evaluators emitted from both (specialised) IRs: the whole
 * decisions must equal the interpreters', and show the change. An evaluator emitted for an older
 * contract (keys missing, the rest equal) or one that cannot be emitted is 'unavailable', said.
 */
async function replayGenerated(ia: IrProgram, ib: IrProgram, w: Witness, fa: Decisions, fb: Decisions, shows: (a: Decisions, b: Decisions) => boolean): Promise<{ 生成的求值器: 'confirmed' | 'not-reproduced' | 'differs' | 'unavailable'; 说明?: string }> {
  let ga: Decisions;
  let gb: Decisions;
  try {
    const [ea, eb] = [await loadGeneratedEvaluator(ia), await loadGeneratedEvaluator(ib)];
    [ga, gb] = [ea(w.facts, w.date, []), eb(w.facts, w.date, [])];
  } catch (e) {
    return { 生成的求值器: 'unavailable', 说明: `生成的求值器无法生成、载入或求值：${(e as Error).message.split('\n')[0]}` };
  }
  const [ca, cb] = [compareDecisions(fa, ga), compareDecisions(fb, gb)];
  if (ca.same && cb.same) return shows(ga, gb) ? { 生成的求值器: 'confirmed' } : { 生成的求值器: 'not-reproduced', 说明: '生成的求值器未显示差异' };
  if (ca.differs || cb.differs) return { 生成的求值器: 'differs', 说明: `生成的求值器与解释器的决定不同（${ca.differs ? '旧版' : ''}${ca.differs && cb.differs ? '、' : ''}${cb.differs ? '新版' : ''}）` };
  const missing = [...new Set([...ca.missing, ...cb.missing])];
  return { 生成的求值器: 'unavailable', 说明: `生成的求值器的输出缺少字段 ${missing.join('、')}（按旧的求值契约生成），其余一致；未用于确认` };
}

/** Which 前提 of a program depend on no list (each encoded alone, so that memoised terms do not hide a list). */
const listFreeCache = new WeakMap<IrProgram, boolean[]>();
function listFree(Z: any, ir: IrProgram): boolean[] {
  let hit = listFreeCache.get(ir);
  if (!hit) {
    hit = ir.assumptions.map((a) => {
      const enc = new SmtEncoder(Z, { ...ir, assumptions: [a] });
      enc.assumptions();
      return enc.touched.size === 0;
    });
    listFreeCache.set(ir, hit);
  }
  return hit;
}

/**
 * Do the 前提 of `ir` bound the list at `path` to at most B elements (as verify's ZC0919 check)?
 * Asked on an unbounded (tail) encoding: no input satisfying the 前提 has a longer list. Cached
 * per program, bound and path; an undecided answer is "no" (the proof stays bounded, said).
 */
const boundedCache = new WeakMap<IrProgram, Map<string, Promise<boolean>>>();
function assumptionsBound(Z: any, ir: IrProgram, B: number, lists: readonly ListVar[], path: string, opts: DiffOptions): Promise<boolean> {
  let m = boundedCache.get(ir);
  if (!m) boundedCache.set(ir, (m = new Map()));
  const key = `${B}\u0000${path}`;
  const hit = m.get(key);
  if (hit) return hit;
  const p = (async () => {
    if (!ir.assumptions.length) return false;
    const t = new SmtEncoder(Z, ir, { tail: true, listBound: B });
    const assume = t.assumptions();
    // the same list (and the lists enclosing it) in the unbounded encoding
    for (const l of lists) if (path === l.path || path.startsWith(`${l.path}[`)) t.ensureList(l);
    const l = t.lists.get(path);
    if (!l) return false;
    const solver = new Z.Solver();
    applyLimits(solver, opts);
    solver.add(...assume, ...t.domain, t.exists(path), l.n.gt(B));
    return (await solver.check()) === 'unsat';
  })();
  m.set(key, p);
  return p;
}

/** The key of an uncertain date independent of where the revision lives (a 某日's file relative to its policy directory). */
function canonDateKey(o: LoweredPolicy, n: LoweredPolicy): (key: string) => string {
  const roots = [dirname(o.program.root), dirname(n.program.root)].map((r) => r + sep);
  return (key) => {
    const r = roots.find((x) => key.startsWith(x));
    return r ? key.slice(r.length) : key;
  };
}

/** A witness date in the policy's own era: the effective date, or the earliest date the measure's rules mention. */
function preferredFrom(ir: IrProgram, m: IrMeasure): number | undefined {
  if (ir.policy.effective !== undefined) return ir.policy.effective;
  if (ir.policy.effectiveRange) return ir.policy.effectiveRange.hi + 1;
  let min = Infinity;
  const visit = (e: IrExpr): void => {
    if (e.k === 'const' && e.type?.k === 'date' && typeof e.value === 'number') min = Math.min(min, e.value);
    irChildren(e).forEach(visit);
  };
  for (const r of m.rules) visit(r.condition);
  if (ir.policy.sunset) visit(ir.policy.sunset.condition);
  return Number.isFinite(min) ? min : 19723; // 2024-01-01
}

async function diffMeasure(Z: any, solver: any, o: LoweredPolicy, n: LoweredPolicy, ma: IrMeasure, mb: IrMeasure, opts: DiffOptions, ds: Diagnostic[], queryMs: number[]): Promise<MeasureDiff> {
  const changes: ChangeWitness[] = [];
  const undecided: string[] = [];
  let boundedOnly = 0;
  const qa = quotesOf(ma.citation.quotes);
  const qb = quotesOf(mb.citation.quotes);
  // a change of the clause number alone is reported as 改号 under 条款, not as a change of 原文
  const textChange = unnumbered(ma.citation.quotes) !== unnumbered(mb.citation.quotes) ? { 原文差异: textDiff(qa, qb) } : {};
  if (!opts.alwaysSolve && meaning(o.ir, ma) === meaning(n.ir, mb)) {
    return { 措施: mb.name, 条款: { 旧: ma.citation.label, 新: mb.citation.label }, 结论: '等价', 依据: '相同', 变化: [], 未判定: [], ...textChange };
  }
  const kinds: ChangeKind[] = ['得到', '失去', '改变', '存疑'];
  for (const kind of kinds) {
    // a fresh pair of encoders per query: each query encodes only what it asks
    // 存疑: the interpreter's three-valued dates (an uncertain date is an interval; a comparison
    // the range does not decide is unknown, so the measure is 存疑) — not a variable per date
    const intervals = kind === '存疑';
    const e1 = new SmtEncoder(Z, o.ir, { listBound: opts.listBound ?? DEFAULT_LIST_BOUND, intervals });
    internStrings(e1, n.ir);
    // the same unknown date in both revisions (施行日 of an unchanged 生效：某日（…）, a 某日 at the
    // same place of the same file) is one variable: two revisions are compared in one world
    const e2 = new SmtEncoder(Z, n.ir, { shareDates: canonDateKey(o, n), intervals }, e1);
    const m1 = e1.measureEnc(ma);
    const m2 = e2.measureEnc(mb);
    let goal: ZBool;
    if (kind === '得到') goal = Z.And(Z.Not(m1.applies), m2.applies);
    else if (kind === '失去') goal = Z.And(m1.applies, Z.Not(m2.applies));
    else if (kind === '存疑') goal = Z.Not(m1.doubtful.eq(m2.doubtful));
    else {
      const differ: ZBool[] = [];
      for (const ob of mb.outcomes) {
        const oa = ma.outcomes.find((x) => x.name === ob.name);
        const y = m2.outcomes.get(ob.name)!;
        if (!oa) {
          differ.push(y.defined);
          continue;
        }
        const x = m1.outcomes.get(oa.name)!;
        const real = (v: any) => (typeof v?.sort?.name === 'function' && v.sort.name() === 'Real' ? v : Z.ToReal(v));
        const sameSort = isRatio(oa.type) === isRatio(ob.type) && (oa.type.k === 'bool') === (ob.type.k === 'bool');
        const ne = !sameSort ? Z.Bool.val(true) : oa.type.k === 'bool' ? Z.Not(x.value.v.eq(y.value.v)) : Z.Not(real(x.value.v).eq(real(y.value.v)));
        differ.push(Z.Not(x.defined.eq(y.defined)), Z.And(x.defined, y.defined, ne));
      }
      for (const oa of ma.outcomes) if (!mb.outcomes.some((x) => x.name === oa.name)) differ.push(m1.outcomes.get(oa.name)!.defined);
      goal = Z.And(m1.applies, m2.applies, differ.length ? Z.Or(...differ) : Z.Bool.val(false));
    }
    if (e1.intervalUnsupported || e2.intervalUnsupported) {
      const what = `措施“${mb.name}”存疑与否是否改变`;
      undecided.push(`${what}：不确定的日期（某日、施行日）用在比较与加减之外，编码无法按区间判定`);
      ds.push(diag('ZC1305', spanOf(mb.origin), `${what}：不确定的日期（某日、施行日）用在比较与加减之外（如年龄、按月加减、汇总），求解器的编码无法按区间判定，不算等价`, { severity: 'warning' }));
      continue;
    }
    // lists the question itself depends on (either version), before the 前提 are encoded
    const goalLists = new Set([...e1.touched, ...e2.touched]);
    const [a1, a2] = [e1.assumptions(), e2.assumptions()];
    const assume = [...a1, ...a2];
    const lists = new Set([...e1.touched, ...e2.touched]);
    let complete = lists.size === 0;
    solver.push();
    let r: 'sat' | 'unsat' | 'unknown';
    let model: any;
    try {
      solver.add(goal);
      for (const x of assume) solver.add(x);
      for (const x of e1.domain) solver.add(x);
      const t0 = performance.now();
      r = await solver.check();
      if (r === 'unsat' && !complete && goalLists.size === 0) {
        // The lists come from 前提 only. Dropping those 前提 weakens the query; if it is still
        // UNSAT, no input (of any list length) shows a difference: a complete proof.
        const free = [...listFree(Z, o.ir).flatMap((ok, i) => (ok ? [a1[i]!] : [])), ...listFree(Z, n.ir).flatMap((ok, i) => (ok ? [a2[i]!] : []))];
        solver.pop();
        solver.push();
        solver.add(goal);
        for (const x of free) solver.add(x);
        for (const x of e1.domain) solver.add(x);
        const r2 = await solver.check();
        if (r2 === 'unsat') complete = true;
        else if (r2 === 'unknown') ds.push(diag('ZC1305', spanOf(mb.origin), `措施“${mb.name}”：不用涉及列表的前提时，求解器未能在${limitText(opts)}判定`, { severity: 'warning' }));
      }
      if (r === 'unsat' && !complete) {
        // every list the proof reads is bounded to B by the 前提 of either version (a difference
        // must satisfy both): then no longer list exists, and the proof is complete
        const all = [...e1.lists.values()];
        let bounded = true;
        for (const path of [...lists].sort()) {
          if (!(await assumptionsBound(Z, o.ir, e1.B, all, path, opts)) && !(await assumptionsBound(Z, n.ir, e1.B, all, path, opts))) {
            bounded = false;
            break;
          }
        }
        complete = bounded;
      }
      if (r === 'sat') {
        // prefer a witness dated on or after the new version's effective date (readability only)
        const from = preferredFrom(n.ir, mb) ?? preferredFrom(o.ir, ma);
        if (from !== undefined) {
          solver.push();
          solver.add(e1.E.ge(from));
          const r2 = await solver.check();
          model = r2 === 'sat' ? solver.model() : undefined;
          solver.pop();
        }
        // INVARIANT: a model is read only after a `sat` answer; a follow-up check that is not
        // decided in time makes the query undecided (ZC1305), never a crash.
        if (!model) model = (await solver.check()) === 'sat' ? solver.model() : undefined;
        if (!model) r = 'unknown';
        // 月龄 exact at the witness's date (the abstraction's slack gives witnesses no interpreter reproduces:
        // a child born 2020-12-09 taken as 2 周岁 on 2023-12-30; e1 and its twin share the age terms)
        else model = await exactCalendarModel(solver, e1, model);
      }
      queryMs.push(performance.now() - t0);
    } finally {
      solver.pop();
    }
    const what = `措施“${mb.name}”${kind === '得到' ? '是否有人新得到' : kind === '失去' ? '是否有人失去' : kind === '改变' ? '结果是否改变' : '存疑与否是否改变'}`;
    if (r === 'unknown') {
      undecided.push(`${what}：求解器未能在${limitText(opts)}判定`);
      ds.push(diag('ZC1305', spanOf(mb.origin), `${what}：求解器未能在${limitText(opts)}判定，不算等价`, { help: '用 --timeout 放宽时限' }));
      continue;
    }
    if (r === 'unsat') {
      if (!complete) {
        boundedOnly++;
        undecided.push(`${what}：只在每个列表不超过 ${e1.B} 个元素时证明无差异（有界证明）`);
        ds.push(diag('ZC1305', spanOf(mb.origin), `${what}：只对列表不超过 ${e1.B} 个元素的输入证明无差异（有界证明），不算等价`, { severity: 'warning', help: '用 --list-bound 调大列表上限' }));
      }
      continue;
    }
    const w = decodeWitness([e1, e2], model, [ma.subject, mb.subject].filter((x): x is string => !!x && (o.ir.entities.some((e) => e.name === x))));
    const [ia, ib] = [specialise(o.ir, w.dates), specialise(n.ir, w.dates, true)];
    let fa: Decisions | undefined;
    let fb: Decisions | undefined;
    let note = '';
    try {
      fa = evaluate(ia, w.facts, w.date, []);
      fb = evaluate(ib, w.facts, w.date, []);
    } catch (e) {
      note = `求值出错：${(e as Error).message.split('\n')[0]}`;
    }
    const da = fa?.决定.find((x) => x.措施 === ma.name);
    const db = fb?.决定.find((x) => x.措施 === mb.name);
    const vals = (d: Decision | undefined) => JSON.stringify(Object.entries(d?.结果 ?? {}).map(([k, v]) => [k, v.值]));
    const shows = (a: Decision | undefined, b: Decision | undefined): boolean => !!a && !!b && (
      kind === '得到' ? a.状态 !== '适用' && b.状态 === '适用'
        : kind === '失去' ? a.状态 === '适用' && b.状态 !== '适用'
          : kind === '改变' ? a.状态 === '适用' && b.状态 === '适用' && vals(a) !== vals(b)
            : (a.状态 === '存疑') !== (b.状态 === '存疑'));
    const ok = shows(da, db);
    const generated = ok && fa && fb ? await replayGenerated(ia, ib, w, fa, fb, (ga, gb) => shows(ga.决定.find((x) => x.措施 === ma.name), gb.决定.find((x) => x.措施 === mb.name))) : { 生成的求值器: 'unavailable' as const, 说明: '解释器未能复现，未比较生成的求值器' };
    const replay = { 解释器: ok ? 'confirmed' as const : 'not-reproduced' as const, ...generated, ...(note ? { 说明: [note, generated.说明].filter(Boolean).join('；') } : {}) };
    if (ok && (replay.生成的求值器 === 'differs' || replay.生成的求值器 === 'not-reproduced')) {
      ds.push(diag('ZC1306', spanOf(mb.origin), `${what}：反例在生成的求值器中结果与解释器不同（${replay.说明 ?? replay.生成的求值器}），需要人工检查`));
    }
    if (!ok) {
      undecided.push(`${what}：求解器给出的反例在解释器中未能复现（${summary(da)} → ${summary(db)}）`);
      ds.push(diag('ZC1306', spanOf(mb.origin), `${what}：求解器给出的反例在两个版本的解释器中未能复现差异（旧：${summary(da)}；新：${summary(db)}），需要人工检查`));
      continue;
    }
    const ranges = (e: SmtEncoder) => [...e.intervalDates.values()].map((d) => `${d.label}：${formatIso(fromDayNumber(d.lo))} 至 ${formatIso(fromDayNumber(d.hi))} 之间`).sort();
    changes.push({
      类别: kind, 事实: w.facts, 日期: w.date, ...(w.dates?.length ? { 不确定日期: w.dates } : {}),
      ...(intervals && (e1.intervalDates.size || e2.intervalDates.size) ? { 日期范围: { 旧: ranges(e1), 新: ranges(e2) } } : {}),
      旧: summary(da), 新: summary(db), 区域: region(da, db, kind === '存疑'), 复现: replay,
    });
  }
  const verdict = changes.length ? '有变化' : undecided.length ? '未判定' : '等价';
  return {
    措施: mb.name, 条款: { 旧: ma.citation.label, 新: mb.citation.label },
    结论: verdict, ...(verdict === '等价' ? { 依据: '求解器' as const } : {}),
    ...(verdict === '未判定' && boundedOnly === undecided.length ? { 有界: opts.listBound ?? DEFAULT_LIST_BOUND } : {}),
    变化: changes, 未判定: undecided, ...textChange,
  };
}
