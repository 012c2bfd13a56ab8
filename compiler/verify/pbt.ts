/**
 * Property-based engine (fast-check): checks every property (性质) and the absence of
 * contradictions/gaps on generated inputs, and — when a generated evaluator is
 * given — that it agrees with the interpreter on every case (differential testing).
 * Input: a lowered policy, the number of runs per check. Output: findings (engine
 * 'pbt') with shrunk counterexamples. Deterministic: a fixed seed per policy.
 * Inputs that violate a declared 前提 are discarded (fast-check preconditions) and counted;
 * an evaluation refused because a working-day deadline needs a year the holiday calendar
 * does not cover (CalendarCoverageError, ZC0805) is an expected outcome — the generated
 * evaluator must refuse too — and is counted, never a crash.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CATALOG, type DiagnosticCode } from '../diagnostics/catalog.js';
import type { Decisions } from '../interpret/decision.js';
import { CalendarCoverageError, InputError } from '../interpret/decision.js';
import { checkProperty, evaluateRaw } from '../interpret/interpreter.js';
import type { LoweredPolicy } from '../project/policies.js';
import type { Origin } from '../ir/ir.js';
import { fingerprint, type Finding } from './finding.js';
import { inputArbitrary, type GeneratedInput } from './arbitraries.js';
import { compareDecisions } from './engine.js';

const span = (o: Origin) => ({ file: o.file, start: o.start, end: o.end });

function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readInt32LE(0);
}

export interface PbtOutcome {
  readonly findings: Finding[];
  readonly cases: number;
  /** Generated inputs that violated a declared 前提 (not counted in `cases`). */
  readonly discarded: number;
  /** Evaluations refused for lack of calendar data (ZC0805), expected. */
  readonly calendarRefused: number;
}

export async function runPbt(
  lp: LoweredPolicy, runs: number,
  generated?: (facts: unknown, date: string, events: unknown[]) => Decisions,
  opts: { listBound?: number } = {},
): Promise<PbtOutcome> {
  const ir = lp.ir;
  const findings: Finding[] = [];
  let cases = 0;
  let discarded = 0;
  let calendarRefused = 0;
  const seed = seedOf(ir.policy.id);
  const add = (code: DiagnosticCode, origin: Origin, subject: string, message: string, w: GeneratedInput, extra: Partial<Finding> = {}) =>
    findings.push({
      code, severity: CATALOG[code].severity, message, policy: ir.policy.id, span: span(origin), related: [], clauses: [], subject,
      witness: { facts: w.facts, date: w.date, ...(w.event ? { event: w.event as never } : {}) }, engine: 'pbt', proof: 'refuted',
      replay: { interpreter: 'confirmed' }, fingerprint: fingerprint(code, ir.policy.id, subject), ...extra,
    });
  if (runs === 0) return { findings, cases, discarded, calendarRefused };
  const listBound = opts.listBound;
  const hasAssumptions = ir.assumptions.length > 0;

  // 1. properties
  for (const p of ir.properties) {
    const arb = inputArbitrary(ir, { withEvent: p.usesEvent, complete: true, ...(listBound ? { listBound } : {}) });
    const r = fc.check(fc.property(arb, (w) => {
      let verdict: string;
      try {
        const c = checkProperty(ir, p, w.facts, w.date, w.event, { stopIfAssumptionViolated: true, onlyNamedMeasures: true });
        if (hasAssumptions && c.decisions.前提不满足?.length) {
          discarded++;
          fc.pre(false);
        }
        verdict = c.verdict;
      } catch (e) {
        if (e instanceof InputError) return true; // (generated inputs are valid; defensive)
        if (e instanceof CalendarCoverageError) {
          calendarRefused++;
          cases++;
          return true;
        }
        throw e;
      }
      cases++;
      return verdict !== 'fails';
    }), { numRuns: runs, seed });
    if (r.failed && r.counterexample) {
      const w = r.counterexample[0] as GeneratedInput;
      const code: DiagnosticCode = p.kind === '边界' ? 'ZC0910' : p.kind === '条款一致' ? 'ZC0911' : p.kind === '概念一致' ? 'ZC0912' : 'ZC0908';
      add(code, p.origin, `property:${p.name}`, `性质“${p.name}”不成立（随机测试反例，已缩减）`, w, p.accepted ? { accepted: p.accepted } : {});
    }
  }

  // 2. no runtime contradiction/gap, and generated evaluator = interpreter
  const arb = inputArbitrary(ir, { withEvent: true, ...(listBound ? { listBound } : {}) });
  const seen = new Set<string>();
  const r = fc.check(fc.property(arb, (w) => {
    const events = w.event ? [w.event] : [];
    let d: Decisions;
    try {
      d = evaluateRaw(ir, w.facts, w.date, events, undefined, { stopIfAssumptionViolated: true }).decisions;
    } catch (e) {
      if (e instanceof InputError) return true;
      if (e instanceof CalendarCoverageError) {
        calendarRefused++;
        cases++;
        if (!generated) return true;
        // the generated evaluator must refuse as well (code ZC0805), never answer
        try {
          generated(w.facts, w.date, events);
          return false;
        } catch (g) {
          return (g as { code?: string }).code === 'ZC0805';
        }
      }
      throw e;
    }
    if (hasAssumptions && d.前提不满足?.length) {
      discarded++;
      fc.pre(false);
    }
    cases++;
    for (const dec of d.决定) {
      for (const pr of dec.问题 ?? []) {
        const kind = pr.类别 === '矛盾' ? 'contradiction' : pr.类别 === '缺口' ? 'gap' : undefined;
        if (!kind || seen.has(`${kind}:${dec.措施}/${pr.结果}`)) continue;
        seen.add(`${kind}:${dec.措施}/${pr.结果}`);
        const m = ir.measures.find((x) => x.name === dec.措施)!;
        const why = dec.理由.find((x) => x.startsWith(pr.类别) && x.includes(`“${pr.结果}”`)) ?? `${pr.类别}：结果“${pr.结果}”`;
        add(kind === 'contradiction' ? 'ZC0901' : 'ZC0902', m.origin, `pbt-${kind}:${dec.措施}/${pr.结果}`, `措施“${dec.措施}”：${why}`, w, {
          clauses: [{ anchor: m.citation.anchor, label: m.citation.label }],
        });
      }
    }
    if (generated) {
      let g: Decisions;
      try {
        g = generated(w.facts, w.date, events);
      } catch {
        return false;
      }
      const c = compareDecisions(d, g);
      // an evaluator emitted for an older contract (fields missing, all else equal) is not a disagreement
      if (c.differs) return false;
    }
    return true;
  }), { numRuns: runs * 2, seed: seed ^ 0x5a5a });
  if (r.failed && r.counterexample) {
    const w = r.counterexample[0] as GeneratedInput;
    add('ZC0916', ir.measures[0]?.origin ?? { file: lp.program.root, start: 0, end: 0, text: '' }, 'differential', '生成的求值器与解释器在此输入上结果不同', w, { replay: { interpreter: 'confirmed', generated: 'differs' } });
  }
  return { findings, cases, discarded, calendarRefused };
}
