/**
 * Property-based engine (fast-check): checks every property (性质) and the absence of
 * contradictions/gaps on generated inputs, and — when a generated evaluator is
 * given — that it agrees with the interpreter on every case (differential testing).
 * Input: a lowered policy, the number of runs per check. Output: findings (engine
 * 'pbt') with shrunk counterexamples. Deterministic: a fixed seed per policy.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { CATALOG, type DiagnosticCode } from '../diagnostics/catalog.js';
import type { Decisions } from '../interpret/decision.js';
import { InputError } from '../interpret/decision.js';
import { checkProperty, evaluate } from '../interpret/interpreter.js';
import type { LoweredPolicy } from '../project/policies.js';
import type { Origin } from '../ir/ir.js';
import { fingerprint, type Finding } from './finding.js';
import { inputArbitrary, type GeneratedInput } from './arbitraries.js';

const span = (o: Origin) => ({ file: o.file, start: o.start, end: o.end });

function seedOf(id: string): number {
  return createHash('sha256').update(id).digest().readInt32LE(0);
}

export async function runPbt(
  lp: LoweredPolicy, runs: number,
  generated?: (facts: unknown, date: string, events: unknown[]) => Decisions,
): Promise<{ findings: Finding[]; cases: number }> {
  const ir = lp.ir;
  const findings: Finding[] = [];
  let cases = 0;
  const seed = seedOf(ir.policy.id);
  const add = (code: DiagnosticCode, origin: Origin, subject: string, message: string, w: GeneratedInput, extra: Partial<Finding> = {}) =>
    findings.push({
      code, severity: CATALOG[code].severity, message, policy: ir.policy.id, span: span(origin), related: [], clauses: [], subject,
      witness: { facts: w.facts, date: w.date, ...(w.event ? { event: w.event as never } : {}) }, engine: 'pbt', proof: 'refuted',
      replay: { interpreter: 'confirmed' }, fingerprint: fingerprint(code, ir.policy.id, subject), ...extra,
    });
  if (runs === 0) return { findings, cases };

  // 1. properties
  for (const p of ir.properties) {
    const arb = inputArbitrary(ir, { withEvent: p.usesEvent, complete: true });
    const r = fc.check(fc.property(arb, (w) => {
      cases++;
      try {
        return checkProperty(ir, p, w.facts, w.date, w.event).verdict !== 'fails';
      } catch (e) {
        if (e instanceof InputError) return true; // (generated inputs are valid; defensive)
        throw e;
      }
    }), { numRuns: runs, seed });
    if (r.failed && r.counterexample) {
      const w = r.counterexample[0] as GeneratedInput;
      const code: DiagnosticCode = p.kind === '边界' ? 'ZC0910' : p.kind === '条款一致' ? 'ZC0911' : p.kind === '概念一致' ? 'ZC0912' : 'ZC0908';
      add(code, p.origin, `property:${p.name}`, `性质“${p.name}”不成立（随机测试反例，已缩减）`, w, p.accepted ? { accepted: p.accepted } : {});
    }
  }

  // 2. no runtime contradiction/gap, and generated evaluator = interpreter
  const arb = inputArbitrary(ir, { withEvent: true });
  const seen = new Set<string>();
  const r = fc.check(fc.property(arb, (w) => {
    cases++;
    const events = w.event ? [w.event] : [];
    let d: Decisions;
    try {
      d = evaluate(ir, w.facts, w.date, events);
    } catch (e) {
      if (e instanceof InputError) return true;
      throw e;
    }
    for (const dec of d.决定) {
      for (const why of dec.理由) {
        const kind = why.startsWith('矛盾') ? 'contradiction' : why.startsWith('缺口') ? 'gap' : undefined;
        if (!kind || seen.has(`${kind}:${dec.措施}`)) continue;
        seen.add(`${kind}:${dec.措施}`);
        const m = ir.measures.find((x) => x.name === dec.措施)!;
        add(kind === 'contradiction' ? 'ZC0901' : 'ZC0902', m.origin, `pbt-${kind}:${dec.措施}`, `措施“${dec.措施}”：${why}`, w, {
          clauses: [{ anchor: m.citation.anchor, label: m.citation.label }],
        });
      }
    }
    if (generated) {
      const g = generated(w.facts, w.date, events);
      if (JSON.stringify(g) !== JSON.stringify(d)) return false;
    }
    return true;
  }), { numRuns: runs * 2, seed: seed ^ 0x5a5a });
  if (r.failed && r.counterexample) {
    const w = r.counterexample[0] as GeneratedInput;
    add('ZC0916', ir.measures[0]?.origin ?? { file: lp.program.root, start: 0, end: 0, text: '' }, 'differential', '生成的求值器与解释器在此输入上结果不同', w, { replay: { interpreter: 'confirmed', generated: 'differs' } });
  }
  return { findings, cases };
}
