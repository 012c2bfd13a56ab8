/**
 * The verification engine.
 * Input: lowered policies. Output: findings (finding.ts) with witnesses and stats.
 *
 * SMT queries (z3, a time limit per query; "unknown" is reported as ZC0915 and never
 * counts as a pass):
 *  - ZC0901 contradiction: two rules for one outcome, neither overriding the other,
 *    both winning with different values;
 *  - ZC0902 gap: a 必须 outcome with no winning rule while the policy is in force;
 *  - ZC0903 dead rule (condition unsatisfiable while in force); ZC0904 shadowed rule
 *    (whenever it applies, an overriding rule applies); ZC0905 redundant rule (same
 *    assignments, condition implied by another rule's);
 *  - ZC0908/0910/0911/0912 user properties (性质), by their 类别; proved ones are ZC0909.
 * Every SAT witness is replayed through the interpreter (and the generated evaluator
 * when the caller provides one); a witness the interpreter does not reproduce is
 * reported as ZC0916, never as the finding itself.
 */
import type { Span } from '../common/source.js';
import type { DiagnosticCode } from '../diagnostics/catalog.js';
import { CATALOG } from '../diagnostics/catalog.js';
import type { RelatedInfo, Severity } from '../diagnostics/diagnostic.js';
import type { IrExpr, IrMeasure, IrProgram, IrProperty, IrRule, Origin } from '../ir/ir.js';
import { checkProperty, evaluate, irChildren } from '../interpret/interpreter.js';
import type { Decisions } from '../interpret/decision.js';
import { fingerprint, type Finding, type FindingSide } from './finding.js';
import { SmtEncoder, decodeWitness, z3, type Witness, type ZBool } from './smt.js';

export interface VerifyOptions {
  /** Per-query time limit for z3, in milliseconds. */
  readonly timeoutMs: number;
  /** Replays a witness through the generated evaluator, if available. */
  readonly generated?: (facts: unknown, date: string, events: unknown[]) => Decisions;
}

export interface SmtOutcome {
  readonly findings: Finding[];
  readonly queryMs: number[];
}

const span = (o: Origin): Span => ({ file: o.file, start: o.start, end: o.end });

class Smt {
  readonly findings: Finding[] = [];
  readonly queryMs: number[] = [];
  constructor(readonly ir: IrProgram, readonly Z: any, readonly opts: VerifyOptions) {}

  finding(code: DiagnosticCode, f: Omit<Finding, 'code' | 'severity' | 'policy' | 'fingerprint' | 'related' | 'engine'> & { related?: RelatedInfo[]; severity?: Severity; engine?: Finding['engine'] }): void {
    this.findings.push({
      code, severity: f.severity ?? CATALOG[code].severity, policy: this.ir.policy.id, related: f.related ?? [], engine: f.engine ?? 'smt',
      fingerprint: fingerprint(code, this.ir.policy.id, f.subject), ...f,
    });
  }

  /** Run one query. The encoder must be fresh or shared; domain is added after encoding. */
  // INVARIANT: one solver per policy; every query runs between push() and pop(), so
  // no assertion leaks from one query into the next (a fresh Solver costs ~40 ms).
  private solver: any;
  async solve(enc: SmtEncoder, goal: ZBool): Promise<{ r: 'sat' | 'unsat' | 'unknown'; model?: any }> {
    if (!this.solver) {
      this.solver = new this.Z.Solver();
      this.solver.set('timeout', this.opts.timeoutMs);
    }
    const s = this.solver;
    s.push();
    try {
      s.add(goal);
      for (const d of enc.domain) s.add(d);
      const t0 = performance.now();
      const r = (await s.check()) as 'sat' | 'unsat' | 'unknown';
      if (r === 'sat') {
        // Prefer a witness dated in the policy's own era (readability only: the query
        // itself quantified over the whole window, so a proof is never weakened).
        s.push();
        s.add(enc.E.ge(this.preferredFrom()));
        const r2 = (await s.check()) as 'sat' | 'unsat' | 'unknown';
        const model = r2 === 'sat' ? s.model() : undefined;
        s.pop();
        this.queryMs.push(performance.now() - t0);
        return { r, model: model ?? (await this.remodel(s)) };
      }
      this.queryMs.push(performance.now() - t0);
      return { r };
    } finally {
      s.pop();
    }
  }

  /** Earliest preferred evaluation date for witnesses: the effective date, or the earliest date the rules mention. */
  preferredFrom(): number {
    if (this.ir.policy.effective !== undefined) return this.ir.policy.effective;
    let min = Infinity;
    const visit = (e: IrExpr): void => {
      if (e.k === 'const' && e.type?.k === 'date' && typeof e.value === 'number') min = Math.min(min, e.value);
      irChildren(e).forEach(visit);
    };
    if (this.ir.policy.sunset) visit(this.ir.policy.sunset.condition);
    for (const m of this.ir.measures) for (const r of m.rules) visit(r.condition);
    return Number.isFinite(min) ? min : 19723; // 2024-01-01
  }

  private async remodel(s: any): Promise<any> {
    await s.check();
    return s.model();
  }

  clauseOf(m: IrMeasure) {
    return [{ anchor: m.citation.anchor, label: m.citation.label }];
  }

  unknown(subject: string, what: string, at: Span, clauses: Finding['clauses']): void {
    this.finding('ZC0915', { message: `求解器未能在 ${this.opts.timeoutMs} 毫秒内判定：${what}`, span: at, clauses, subject: `unknown:${subject}`, proof: 'unknown' });
  }

  /** Replay a witness through the interpreter (and generated evaluator). */
  replay(w: Witness, check: (d: Decisions) => boolean): NonNullable<Finding['replay']> {
    const events = w.event ? [w.event] : [];
    let interp: 'confirmed' | 'not-reproduced' = 'not-reproduced';
    let di: Decisions | undefined;
    try {
      di = evaluate(this.ir, w.facts, w.date, events);
      interp = check(di) ? 'confirmed' : 'not-reproduced';
    } catch {
      interp = 'not-reproduced';
    }
    if (!this.opts.generated) return { interpreter: interp };
    try {
      const dg = this.opts.generated(w.facts, w.date, events);
      const same = JSON.stringify(dg) === JSON.stringify(di);
      return { interpreter: interp, generated: !same ? 'differs' : check(dg) ? 'confirmed' : 'not-reproduced' };
    } catch {
      return { interpreter: interp, generated: 'differs' };
    }
  }

  report(code: DiagnosticCode, base: Parameters<Smt['finding']>[1], w: Witness, check: (d: Decisions) => boolean): void {
    const replay = this.replay(w, check);
    if (replay.interpreter !== 'confirmed' || (replay.generated && replay.generated !== 'confirmed')) {
      this.finding('ZC0916', {
        ...base, witness: w, replay, subject: `replay:${base.subject}`,
        message: `${base.message}——但求解器给出的反例${replay.interpreter !== 'confirmed' ? '在解释器中未能复现' : '在生成的求值器中结果不同'}，需要人工检查`,
      });
      return;
    }
    this.finding(code, { ...base, witness: w, replay, proof: 'refuted' });
  }

  entitiesOf(m: IrMeasure): string[] {
    return m.subject ? [m.subject] : [];
  }

  valueText(m: IrMeasure, r: IrRule, o: string, d: Decisions): string {
    const dec = d.决定.find((x) => x.措施 === m.name);
    const t = m.outcomes.find((x) => x.name === o)!;
    const reason = dec?.理由.find((x) => x.includes(`${r.name}=`));
    const m1 = reason ? new RegExp(`${escapeRe(r.name)}=([^、]+)`).exec(reason) : null;
    return m1 ? `${o} = ${m1[1]}` : `${o}（${t.unit || t.type.k}）`;
  }

  async measure(m: IrMeasure): Promise<void> {
    const Z = this.Z;
    const clauses = this.clauseOf(m);
    for (const o of m.outcomes) {
      const rs = m.rules.filter((r) => r.assignments.some((a) => a.outcome === o.name));
      // contradictions
      for (let i = 0; i < rs.length; i++) {
        for (let j = i + 1; j < rs.length; j++) {
          const r1 = rs[i]!;
          const r2 = rs[j]!;
          if (r1.overrides.includes(r2.name) || r2.overrides.includes(r1.name)) continue;
          const enc = new SmtEncoder(Z, this.ir);
          const v1 = enc.enc(r1.assignments.find((a) => a.outcome === o.name)!.value);
          const v2 = enc.enc(r2.assignments.find((a) => a.outcome === o.name)!.value);
          const goal = Z.And(enc.inForce(false), enc.winner(m, r1, o.name), enc.winner(m, r2, o.name), Z.Not(v1.eq(v2)));
          const subject = `contradiction:${m.name}/${o.name}/${[r1.name, r2.name].sort().join('|')}`;
          const res = await this.solve(enc, goal);
          if (res.r === 'unknown') this.unknown(subject, `措施“${m.name}”的规则“${r1.name}”与“${r2.name}”是否矛盾`, span(r1.origin), clauses);
          if (res.r !== 'sat') continue;
          const w = decodeWitness(enc, res.model, this.entitiesOf(m));
          let sides: FindingSide[] = [];
          this.report('ZC0901', {
            message: `措施“${m.name}”：规则“${r1.name}”与“${r2.name}”可同时适用，结果“${o.name}”不同，且没有“例外于”规定优先关系`,
            span: span(r1.origin), related: [{ span: span(r2.origin), message: `规则“${r2.name}”` }], clauses, subject,
            get sides() { return sides; },
          }, w, (d) => {
            const dec = d.决定.find((x) => x.措施 === m.name);
            const ok = !!dec && dec.状态 === '存疑' && dec.理由.some((x) => x.startsWith('矛盾') && x.includes(r1.name) && x.includes(r2.name));
            sides = [r1, r2].map((r) => ({ measure: m.name, rule: r.name, clause: m.citation.label, yields: this.valueText(m, r, o.name, d) }));
            return ok;
          });
        }
      }
      // gap for required outcomes
      if (o.required) {
        const enc = new SmtEncoder(Z, this.ir);
        const goal = Z.And(enc.inForce(false), Z.Not(enc.outcomeDefined(m, o.name)));
        const subject = `gap:${m.name}/${o.name}`;
        const res = await this.solve(enc, goal);
        if (res.r === 'unknown') this.unknown(subject, `措施“${m.name}”的结果“${o.name}”是否有缺口`, span(m.origin), clauses);
        if (res.r === 'sat') {
          const w = decodeWitness(enc, res.model, this.entitiesOf(m));
          this.report('ZC0902', {
            message: `措施“${m.name}”：必须定义的结果“${o.name}”在某些情形下没有任何规则适用`,
            span: span(m.origin), clauses, subject, sides: [{ measure: m.name, clause: m.citation.label, yields: `${o.name}：无规则适用` }],
          }, w, (d) => d.决定.find((x) => x.措施 === m.name)?.理由.some((x) => x.startsWith('缺口')) ?? false);
        }
      }
    }
    // dead / shadowed / redundant rules
    for (const r of m.rules) {
      const enc = new SmtEncoder(Z, this.ir);
      const res = await this.solve(enc, Z.And(enc.inForce(false), enc.applies(r)));
      if (res.r === 'unknown') this.unknown(`dead:${m.name}/${r.name}`, `规则“${r.name}”能否适用`, span(r.origin), clauses);
      if (res.r === 'unsat') {
        this.finding('ZC0903', {
          message: `措施“${m.name}”的规则“${r.name}”在政策有效期内永远不会适用（条件不可能同时成立）`, span: span(r.origin), clauses,
          subject: `dead:${m.name}/${r.name}`, proof: 'proved',
        });
        continue;
      }
      const overriders = m.rules.filter((r2) => r2.overrides.includes(r.name));
      if (overriders.length && r.assignments.length) {
        const enc2 = new SmtEncoder(Z, this.ir);
        const anyWin = Z.Or(...r.assignments.map((a) => enc2.winner(m, r, a.outcome)));
        const res2 = await this.solve(enc2, Z.And(enc2.inForce(false), anyWin));
        if (res2.r === 'unsat') {
          this.finding('ZC0904', {
            message: `措施“${m.name}”的规则“${r.name}”每次适用时都被例外规则（${overriders.map((x) => x.name).join('、')}）覆盖，永远不会生效`,
            span: span(r.origin), related: overriders.map((x) => ({ span: span(x.origin), message: `覆盖它的规则“${x.name}”` })), clauses,
            subject: `shadowed:${m.name}/${r.name}`, proof: 'proved',
          });
        }
      }
    }
    for (const r1 of m.rules) {
      for (const r2 of m.rules) {
        if (r1 === r2 || !sameAssignments(r1, r2) || r1.overrides.length || r2.overrides.length) continue;
        const enc = new SmtEncoder(Z, this.ir);
        // r2 redundant if r2 ⇒ r1 (and not equivalent-and-earlier)
        const res = await this.solve(enc, Z.And(enc.inForce(false), enc.applies(r2), Z.Not(enc.applies(r1))));
        if (res.r !== 'unsat') continue;
        const enc3 = new SmtEncoder(Z, this.ir);
        const eq = await this.solve(enc3, Z.And(enc3.inForce(false), enc3.applies(r1), Z.Not(enc3.applies(r2))));
        if (eq.r === 'unsat' && m.rules.indexOf(r2) < m.rules.indexOf(r1)) continue; // equivalent: report the later one only
        this.finding('ZC0905', {
          message: `措施“${m.name}”的规则“${r2.name}”是多余的：凡它适用时，规则“${r1.name}”也适用，且结果相同`,
          span: span(r2.origin), related: [{ span: span(r1.origin), message: `包含它的规则“${r1.name}”` }], clauses,
          subject: `redundant:${m.name}/${r2.name}<${r1.name}`, proof: 'proved',
        });
      }
    }
  }

  async property(p: IrProperty): Promise<void> {
    const Z = this.Z;
    const enc = new SmtEncoder(Z, this.ir);
    const mentioned = new Set<string>();
    const collect = (e: IrExpr): void => {
      if (e.k === 'outcome') mentioned.add(`${e.measure}\u0000${e.outcome}`);
      irChildren(e).forEach(collect);
    };
    p.asserts.forEach(collect);
    if (p.condition) collect(p.condition);
    const defined = [...mentioned].map((k) => {
      const [mn, on] = k.split('\u0000') as [string, string];
      return enc.outcomeDefined(enc.measure(mn), on);
    });
    const cond = p.condition ? enc.enc(p.condition) : Z.Bool.val(true);
    const all = Z.And(...p.asserts.map((a) => enc.enc(a)));
    const base = p.usesEvent ? Z.Bool.val(true) : enc.inForce(false);
    const goal = Z.And(base, cond, ...defined, Z.Not(all));
    const code: DiagnosticCode = p.kind === '边界' ? 'ZC0910' : p.kind === '条款一致' ? 'ZC0911' : p.kind === '概念一致' ? 'ZC0912' : 'ZC0908';
    const clauses = p.clause ? this.ir.clauses.filter((c) => c.anchor === p.clause).map((c) => ({ anchor: c.anchor, label: c.label })) : [];
    const subject = `property:${p.name}`;
    const res = await this.solve(enc, goal);
    if (res.r === 'unknown') {
      this.unknown(subject, `性质“${p.name}”是否成立`, span(p.origin), clauses);
      return;
    }
    if (res.r === 'unsat') {
      if (p.accepted) {
        this.finding('ZC0908', {
          severity: 'warning', message: `性质“${p.name}”被记录为“接受（不成立）”，但它其实对所有输入都成立：请删除“接受”`,
          span: span(p.origin), clauses, subject: `stale-acceptance:${p.name}`, proof: 'proved',
        });
        return;
      }
      this.finding('ZC0909', { message: `性质“${p.name}”已证明：对所有输入都成立`, span: span(p.origin), clauses, subject, proof: 'proved' });
      return;
    }
    const measures = [...new Set([...mentioned].map((k) => k.split('\u0000')[0]!))];
    const applied = collectApplies(p);
    const w = decodeWitness(enc, res.model, [...new Set([...measures, ...applied].flatMap((mn) => this.entitiesOf(enc.measure(mn))))], p.usesEvent);
    let sides: FindingSide[] = [];
    this.report(code, {
      message: `性质“${p.name}”不成立${p.note ? `（${p.note}）` : ''}`, span: span(p.origin), clauses, subject,
      ...(p.accepted ? { accepted: p.accepted } : {}),
      get sides() { return sides; },
    }, w, (d) => {
      const r = checkProperty(this.ir, p, w.facts, w.date, w.event);
      sides = p.asserts.map((a) => ({ measure: '', yields: `${a.origin?.text ?? ''}：${r.failed.includes(a.origin?.text ?? '') ? '不成立' : '成立'}` }));
      for (const mn of new Set([...measures, ...applied])) {
        const dec = d.决定.find((x) => x.措施 === mn);
        if (dec) sides.push({ measure: mn, clause: dec.条款.标签, yields: `${dec.状态}${Object.entries(dec.结果).map(([k, v]) => `，${k} = ${v.值}${v.单位}`).join('')}` });
      }
      return r.verdict === 'fails';
    });
  }
}

function collectApplies(p: IrProperty): string[] {
  const out: string[] = [];
  const visit = (e: IrExpr): void => {
    if (e.k === 'applies' || e.k === 'outcome') out.push(e.measure);
    irChildren(e).forEach(visit);
  };
  p.asserts.forEach(visit);
  if (p.condition) visit(p.condition);
  return out;
}

function sameAssignments(a: IrRule, b: IrRule): boolean {
  if (a.assignments.length !== b.assignments.length || a.assignments.length === 0) return false;
  return a.assignments.every((x) => {
    const y = b.assignments.find((z) => z.outcome === x.outcome);
    return y && x.value.k === 'const' && y.value.k === 'const' && x.value.value === y.value.value;
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Run every SMT query of one policy. */
export async function verifySmt(ir: IrProgram, opts: VerifyOptions): Promise<SmtOutcome> {
  const Z = await z3();
  const s = new Smt(ir, Z, opts);
  for (const m of ir.measures) await s.measure(m);
  for (const p of ir.properties) await s.property(p);
  return { findings: s.findings, queryMs: s.queryMs };
}

