/**
 * Verification orchestrator: static checks, SMT queries and property-based tests
 * for every lowered policy; stats per policy.
 * Input: lowered policies + options. Output: VerifyReport.
 */
import type { LoweredPolicy } from '../project/policies.js';
import type { IrMeasure, IrProperty } from '../ir/ir.js';
import type { Decisions } from '../interpret/decision.js';
import type { Finding, PolicyStats, VerifyReport } from './finding.js';
import { staticChecks } from './static.js';
import { compareDecisions, verifySmt } from './engine.js';
import { evaluate } from '../interpret/interpreter.js';
import { runPbt, type PbtOutcome } from './pbt.js';
import { DEFAULT_LIST_BOUND } from './smt.js';
import { loadGeneratedEvaluator } from '../emit/load.js';
import { fingerprint } from './finding.js';
import type { ScenarioResult } from '../scenario/scenario.js';

/**
 * Cross-check the two engines. SMT and PBT agreeing: keep the SMT finding (it has
 * the proof status). PBT refuting what SMT proved: ZC0916, the engines disagree.
 */
function reconcile(smt: Finding[], pbt: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of pbt) {
    if (f.subject.startsWith('property:')) {
      const s = smt.find((x) => x.subject === f.subject);
      if (s?.proof === 'proved') {
        out.push({ ...f, code: 'ZC0916', severity: 'error', subject: `disagree:${f.subject}`, fingerprint: fingerprint('ZC0916', f.policy, `disagree:${f.subject}`),
          message: `两种引擎结论不一致：SMT 证明了${f.subject.slice(9)}，随机测试却找到反例`, related: [{ span: s.span, message: 'SMT 的证明' }] });
      } else if (!s || s.proof === 'unknown') out.push(f);
      continue;
    }
    const m = /^pbt-(contradiction|gap):([^/]*)\/(.*)$/.exec(f.subject);
    if (m) {
      const key = `${m[1]}:${m[2]}/${m[3]}`;
      const about = (subject: string, prefix = '') => subject === `${prefix}${key}` || subject.startsWith(`${prefix}${key}/`);
      // SMT agrees when it refuted the same measure, outcome and kind, could not decide, or could not replay
      const smtHas = smt.some((x) => (about(x.subject) && x.proof === 'refuted') || about(x.subject, 'unknown:') || about(x.subject, 'replay:'));
      // SMT proved the absence only up to the list bound: the random tests also try longer lists
      const bounded = smt.some((x) => x.code === 'ZC0919' && (x.subject === `bounded:${m[2]}` || x.subject === 'bounded:assumptions'));
      if (smtHas) continue;
      if (bounded) out.push(f);
      else out.push({ ...f, code: 'ZC0916', severity: 'error', subject: `disagree:${f.subject}`, fingerprint: fingerprint('ZC0916', f.policy, `disagree:${f.subject}`),
        message: `两种引擎结论不一致：随机测试发现${f.message}，SMT 却没有报告` });
      continue;
    }
    out.push(f);
  }
  return out;
}

/**
 * Does the generated evaluator implement the current evaluation contract? Asked on one probe
 * input (every entity present, no fields): an evaluator emitted for an older contract (keys
 * of the decisions missing) is not used to confirm witnesses nor in the differential tests,
 * and the report says so. Returns the reason, or undefined when it can be used.
 */
export function contractProbe(ir: LoweredPolicy['ir'], gen: (facts: unknown, date: string, events: unknown[]) => Decisions): string | undefined {
  const facts = Object.fromEntries(ir.entities.map((e) => [e.name, {}]));
  const date = ir.policy.effectiveIso ?? ir.policy.effectiveRange?.hiIso ?? '2024-06-01';
  let di: Decisions;
  try {
    di = evaluate(ir, facts, date, []);
  } catch {
    return undefined;
  }
  try {
    const c = compareDecisions(di, gen(facts, date, []));
    if (c.missing.length) return `按旧的求值契约生成（输出缺少字段 ${c.missing.join('、')}）`;
  } catch (e) {
    return `在探测输入上出错：${(e as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

export interface VerifyRunOptions {
  /** Per-query wall-clock limit in ms (0: none; then `rlimit` must be set). */
  readonly timeoutMs: number;
  /** z3's deterministic resource limit per query (limits.ts). */
  readonly rlimit?: number;
  readonly pbtRuns: number;
  /** List bound B of the SMT encoding (default DEFAULT_LIST_BOUND). */
  readonly listBound?: number;
  readonly events: unknown[];
  /** Do not replay through the generated evaluator (it is emitted and loaded in memory by default). */
  readonly noGenerated?: boolean;
  /** Per policy id: a generated evaluator to replay witnesses through (default: emitted fresh from the IR). */
  readonly generated?: (policyId: string) => ((facts: unknown, date: string, events: unknown[]) => Decisions) | undefined;
  /** Scenario results to report as findings (ZC1104 for each failing scenario). */
  readonly scenarios?: readonly ScenarioResult[];
  /** Property-based engine (pbt.ts); optional so the SMT core can run alone. */
  readonly pbt?: (lp: LoweredPolicy, runs: number, generated?: (facts: unknown, date: string, events: unknown[]) => Decisions, opts?: { listBound?: number }) => Promise<PbtOutcome>;
  /** Only these measures get the per-measure SMT queries (diff compares findings of changed measures only); default all. */
  readonly measures?: (m: IrMeasure) => boolean;
  /** Only these properties (性质) are checked (diff); default all. */
  readonly properties?: (p: IrProperty) => boolean;
}

const ORDER: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };
// INVARIANT: locale-independent ordering (code-unit comparison), so reports are identical on every machine.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function verifyPolicies(policies: readonly LoweredPolicy[], opts: VerifyRunOptions): Promise<VerifyReport> {
  const findings: Finding[] = [];
  const stats: VerifyReport['policies'][number][] = [];
  for (const lp of policies) {
    let gen: ((facts: unknown, date: string, events: unknown[]) => Decisions) | undefined;
    let unavailable: string | undefined;
    if (opts.generated) gen = opts.generated(lp.ir.policy.id);
    else if (!opts.noGenerated) {
      try {
        gen = await loadGeneratedEvaluator(lp.ir);
        unavailable = contractProbe(lp.ir, gen);
      } catch (e) {
        // the emitter cannot (yet) handle this program: said in every replay, never a crash
        unavailable = `无法生成或载入：${(e as Error).message.split('\n')[0]}`;
      }
      if (unavailable) gen = undefined;
    }
    const listBound = opts.listBound ?? DEFAULT_LIST_BOUND;
    const t0 = performance.now();
    const st = staticChecks(lp.ir, opts.events, (file) => lp.program.checked.files.get(file)?.source.text);
    const t1 = performance.now();
    const smt = await verifySmt(lp.ir, {
      timeoutMs: opts.timeoutMs, ...(opts.rlimit ? { rlimit: opts.rlimit } : {}), listBound, ...(gen ? { generated: gen } : {}), ...(unavailable ? { generatedUnavailable: unavailable } : {}),
      ...(gen && !opts.generated ? { loadGenerated: loadGeneratedEvaluator } : {}),
      ...(opts.measures ? { measures: opts.measures } : {}),
      ...(opts.properties ? { properties: opts.properties } : {}),
    });
    const t2 = performance.now();
    const pbt = await (opts.pbt ?? runPbt)(lp, opts.pbtRuns, gen, { listBound });
    const t3 = performance.now();
    findings.push(...st, ...smt.findings, ...reconcile(smt.findings, pbt.findings));
    const s: PolicyStats = {
      staticMs: t1 - t0, smtMs: t2 - t1, smtQueries: smt.queryMs.length, smtQueryMs: smt.queryMs, pbtCases: pbt.cases, pbtMs: t3 - t2,
      ...(smt.lists ? { lists: smt.lists } : {}), ...(unavailable ? { generatedUnavailable: unavailable } : {}), ...(pbt.discarded ? { pbtDiscarded: pbt.discarded } : {}), ...(pbt.calendarRefused ? { pbtCalendarRefused: pbt.calendarRefused } : {}),
    };
    stats.push({ id: lp.ir.policy.id, name: lp.ir.policy.name, root: lp.program.root, stats: s });
  }
  for (const r of opts.scenarios ?? []) {
    if (r.passed) continue;
    const lp = policies.find((p) => p.ir.policy.id === r.scenario.policy) ?? policies[0];
    const subject = `scenario:${r.scenario.file}:${r.scenario.name}`;
    findings.push({
      code: 'ZC1104', severity: 'error', message: `场景“${r.scenario.name}”未通过：${r.problems.join('；')}`, policy: lp?.ir.policy.id ?? r.scenario.policy,
      span: r.scenario.span, related: [], clauses: [], subject, engine: 'static',
      witness: { facts: r.scenario.facts as Record<string, Record<string, unknown>>, date: r.scenario.date, ...(r.scenario.events[0] ? { event: r.scenario.events[0] as never } : {}) },
      fingerprint: fingerprint('ZC1104', lp?.ir.policy.id ?? r.scenario.policy, subject),
    });
  }
  findings.sort((a, b) =>
    (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0) ||
    cmp(a.clauses[0]?.anchor ?? '', b.clauses[0]?.anchor ?? '') ||
    ORDER[a.severity]! - ORDER[b.severity]! || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.subject < b.subject ? -1 : 1));
  return { policies: stats, findings };
}
