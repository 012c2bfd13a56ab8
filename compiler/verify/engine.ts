/**
 * The verification engine.
 * Input: lowered policies. Output: findings (finding.ts) with witnesses and stats.
 *
 * SMT queries (z3, a time limit per query; "unknown" is reported as ZC0915 and never
 * counts as a pass), every one under the declared 前提 (assumptions):
 *  - ZC0918 the assumptions admit no input at all (then nothing else is asked: every
 *    query would hold vacuously);
 *  - ZC0901 contradiction: two rules for one outcome, neither overriding the other,
 *    both winning with different values;
 *  - ZC0902 gap: a 必须 outcome with no winning rule while the policy is in force;
 *  - ZC0903 dead rule (condition never surely true while in force); ZC0904 shadowed rule
 *    (whenever it applies, an overriding rule applies); ZC0905 redundant rule (same
 *    assignments, condition implied by another rule's);
 *  - ZC0920 a measure whose status or outcome depends on a date known only within a range:
 *    the same facts, two values of the date, different results (two copies of the date
 *    variables sharing the fact variables);
 *  - ZC0908/0910/0911/0912 user properties (性质), by their 类别; proved ones are ZC0909.
 * Lists are bounded (B elements, `listBound`): an UNSAT answer whose terms involve a list is
 * a complete proof only when the assumptions imply that list has at most B elements (asked
 * of the solver, with the elements beyond B over-approximated); otherwise it is a bounded
 * proof, reported as ZC0919 (a warning, like "unknown": never a silent pass).
 * Every SAT witness is replayed through the interpreter (and the generated evaluator
 * when the caller provides one), on the program specialised to the witness's values of
 * uncertain dates; replay confirms the exact finding (same measure, outcome and kind, read
 * from Decision.问题). A witness the interpreter does not reproduce is reported as ZC0916,
 * never as the finding itself.
 */
import type { Span } from '../common/source.js';
import type { DiagnosticCode } from '../diagnostics/catalog.js';
import { CATALOG } from '../diagnostics/catalog.js';
import type { RelatedInfo, Severity } from '../diagnostics/diagnostic.js';
import { asOneLine } from '../common/lines.js';
import type { IrExpr, IrMeasure, IrProgram, IrProperty, IrRule, Origin } from '../ir/ir.js';
import { checkProperty, evaluate, irChildren } from '../interpret/interpreter.js';
import { CalendarCoverageError, InputError, type Decision, type Decisions, type OutcomeProblem } from '../interpret/decision.js';
import { fingerprint, type Finding, type FindingSide, type Replay } from './finding.js';
import { DEFAULT_LIST_BOUND, SmtEncoder, decodeWitness, z3, type Witness, type ZBool } from './smt.js';
import { specialise } from './specialise.js';
import { applyLimits, limitText } from './limits.js';

export type Evaluate = (facts: unknown, date: string, events: unknown[]) => Decisions;

export interface VerifyOptions {
  /** Per-query time limit for z3, in milliseconds (0: none; then `rlimit` bounds every query). */
  readonly timeoutMs: number;
  /** z3's deterministic resource limit per query (limits.ts). */
  readonly rlimit?: number;
  /** List bound B (default DEFAULT_LIST_BOUND). */
  readonly listBound?: number;
  /**
   * Makes the solver (default `new Z.Solver()`): tests wrap the real solver to inject
   * faults (a timeout on the witness check after `sat`).
   */
  readonly solver?: (Z: any) => any;
  /** Replays a witness through the generated evaluator, if available. */
  readonly generated?: Evaluate;
  /** Loads a generated evaluator for a program specialised to a witness's uncertain dates. */
  readonly loadGenerated?: (ir: IrProgram) => Promise<Evaluate>;
  /** Why no generated evaluator is available (stated in every replay), if so. */
  readonly generatedUnavailable?: string;
  /** Only these measures get the per-measure queries (diff: the measures whose meaning changed); default all. */
  readonly measures?: (m: IrMeasure) => boolean;
  /** Only these properties (性质) are checked (diff: the changed ones); default all. */
  readonly properties?: (p: IrProperty) => boolean;
}

export interface SmtOutcome {
  readonly findings: Finding[];
  readonly queryMs: number[];
  /** Set when the policy has lists: the bound, and whether the assumptions bound every list used by a proof. */
  readonly lists?: { readonly bound: number; readonly complete: boolean };
  /** Queries the solver did not decide (each is reported as a ZC0915 finding). */
  readonly undecided: number;
}

const span = (o: Origin): Span => ({ file: o.file, start: o.start, end: o.end });

/** Does the decision of `measure` carry exactly this problem (kind, outcome, and these rules among its rules)? */
export function hasProblem(d: Decisions, measure: string, kind: OutcomeProblem['类别'], outcome: string, rules: readonly string[] = []): boolean {
  const dec = d.决定.find((x) => x.措施 === measure);
  return !!dec?.问题?.some((p) => p.类别 === kind && p.结果 === outcome && rules.every((r) => p.规则.includes(r)));
}

/**
 * Compare the generated evaluator's decisions with the interpreter's: `missing` lists the keys
 * the interpreter gives that the generated output lacks (an evaluator emitted for an older
 * contract); `differs` is set when a value both have is different (or the shapes disagree).
 */
export function compareDecisions(di: unknown, dg: unknown): { same: boolean; missing: string[]; differs: boolean } {
  if (JSON.stringify(di) === JSON.stringify(dg)) return { same: true, missing: [], differs: false };
  const missing = new Set<string>();
  let differs = false;
  const walk = (a: unknown, b: unknown): void => {
    if (a === b) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) differs = true;
      a.forEach((x, i) => i < b.length && walk(x, b[i]));
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const ra = a as Record<string, unknown>;
      const rb = b as Record<string, unknown>;
      for (const k of Object.keys(rb)) if (!(k in ra)) differs = true; else walk(ra[k], rb[k]);
      for (const k of Object.keys(ra)) if (!(k in rb)) missing.add(k);
      return;
    }
    differs = true;
  };
  walk(di, dg);
  return { same: false, missing: [...missing].sort(), differs };
}

class Smt {
  readonly findings: Finding[] = [];
  readonly queryMs: number[] = [];
  readonly B: number;
  /** Per measure (or property): conclusions that hold only up to the list bound. */
  private bounded = new Map<string, { origin: Origin; clauses: Finding['clauses']; claims: string[] }>();
  private listBoundedCache = new Map<string, Promise<boolean>>();
  usedLists = false;
  /** Queries the solver did not decide (each is reported as a ZC0915 finding). */
  undecided = 0;
  allComplete = true;

  constructor(readonly ir: IrProgram, readonly Z: any, readonly opts: VerifyOptions) {
    this.B = opts.listBound ?? DEFAULT_LIST_BOUND;
  }

  encoder(o: { withEvent?: boolean; inProperty?: boolean; tail?: boolean } = {}): SmtEncoder {
    return new SmtEncoder(this.Z, this.ir, { listBound: this.B, ...o });
  }

  finding(code: DiagnosticCode, f: Omit<Finding, 'code' | 'severity' | 'policy' | 'fingerprint' | 'related' | 'engine'> & { related?: RelatedInfo[]; severity?: Severity; engine?: Finding['engine'] }): void {
    this.findings.push({
      code, severity: f.severity ?? CATALOG[code].severity, policy: this.ir.policy.id, related: f.related ?? [], engine: f.engine ?? 'smt',
      fingerprint: fingerprint(code, this.ir.policy.id, f.subject), ...f,
    });
  }

  // INVARIANT: one solver per policy; every query runs between push() and pop(), so
  // no assertion leaks from one query into the next (a fresh Solver costs ~40 ms).
  // INVARIANT: `model()` is read only right after a check that answered `sat`; a solver
  // error is an `unknown` answer with its reason, never an exception.
  private solver: any;
  /**
   * Run one query under the encoder's domain and the declared assumptions.
   * With `witness` (default), a `sat` answer comes with a model; when the follow-up
   * check that produces the model does not answer `sat` in time, the query is
   * `unknown` (reported as ZC0915) — never a crash, never a finding without a witness.
   */
  async solve(enc: SmtEncoder, goal: ZBool, opts: { assume?: boolean; witness?: boolean } = {}): Promise<{ r: 'sat' | 'unsat' | 'unknown'; model?: any; why?: string }> {
    const res = await this.solveOnce(enc, goal, opts);
    if (res.r === 'unknown') this.undecided++;
    return res;
  }

  private async solveOnce(enc: SmtEncoder, goal: ZBool, opts: { assume?: boolean; witness?: boolean }): Promise<{ r: 'sat' | 'unsat' | 'unknown'; model?: any; why?: string }> {
    if (!this.solver) {
      this.solver = this.opts.solver ? this.opts.solver(this.Z) : new this.Z.Solver();
      applyLimits(this.solver, this.opts);
    }
    // encode the assumptions first: encoding adds domain constraints
    const assume = opts.assume === false ? [] : enc.assumptions();
    const s = this.solver;
    const t0 = performance.now();
    s.push();
    try {
      s.add(goal);
      for (const a of assume) s.add(a);
      for (const d of enc.domain) s.add(d);
      if (enc.lists.size) this.usedLists = true;
      const first = await checkSafely(s);
      if (first.r !== 'sat' || opts.witness === false) return first;
      // Prefer a witness dated in the policy's own era, with ratios a person can type and
      // fact dates a person could have (within 3, else 18, else 60 years before the evaluation date:
      // unconstrained, the solver picks 1970-01-01 for a toddler's birth date). Readability
      // only: the query itself quantified over everything, so a proof is never weakened.
      const dates = [...enc.vars.values()].filter((v) => v.type.k === 'date');
      let model: any;
      for (const years of dates.length ? WITNESS_DATE_YEARS : [undefined]) {
        s.push();
        try {
          s.add(enc.E.ge(this.preferredFrom()));
          for (const v of enc.vars.values()) if (v.type.k === 'quantity' && v.type.dim === 'ratio') s.add(this.Z.IsInt(v.v.mul(1_000_000)));
          if (years !== undefined) for (const d of dates) s.add(d.v.ge(enc.E.sub(Math.ceil(years * 365.25))));
          if ((await checkSafely(s)).r === 'sat') model = await exactCalendarModel(s, enc, modelSafely(s));
        } finally {
          s.pop();
        }
        if (model !== undefined) break;
      }
      if (model === undefined && (await checkSafely(s)).r === 'sat') model = await exactCalendarModel(s, enc, modelSafely(s));
      if (model === undefined) return { r: 'unknown', why: '查询可满足，但求解器未能在时限内给出反例' };
      return { r: 'sat', model };
    } finally {
      s.pop();
      this.queryMs.push(performance.now() - t0);
    }
  }

  /** Earliest preferred evaluation date for witnesses: the effective date, or the earliest date the rules mention. */
  preferredFrom(): number {
    return (this.preferred ??= this.preferredFromOnce());
  }

  private preferred: number | undefined;
  private preferredFromOnce(): number {
    if (this.ir.policy.effective !== undefined) return this.ir.policy.effective;
    if (this.ir.policy.effectiveRange) return this.ir.policy.effectiveRange.hi + 1;
    let min = Infinity;
    const visit = (e: IrExpr): void => {
      if (e.k === 'const' && e.type?.k === 'date' && typeof e.value === 'number') min = Math.min(min, e.value);
      irChildren(e).forEach(visit);
    };
    if (this.ir.policy.sunset) visit(this.ir.policy.sunset.condition);
    for (const m of this.ir.measures) for (const r of m.rules) visit(r.condition);
    return Number.isFinite(min) ? min : 19723; // 2024-01-01
  }

  // ── lists: complete or bounded proofs ──
  /** Do the assumptions imply that the list at `path` has at most B elements? */
  private listBounded(enc: SmtEncoder, path: string): Promise<boolean> {
    const hit = this.listBoundedCache.get(path);
    if (hit) return hit;
    const p = (async () => {
      if (!this.ir.assumptions.length) return false;
      const t = this.encoder({ tail: true });
      const assume = t.assumptions();
      // the same list (and the lists enclosing it) in the unbounded encoding
      for (const l of enc.lists.values()) if (path === l.path || path.startsWith(`${l.path}[`)) t.ensureList(l);
      const l = t.lists.get(path);
      if (!l) return false;
      const res = await this.solve(t, this.Z.And(...assume, t.exists(path), l.n.gt(this.B)), { assume: false, witness: false });
      // undecided: reported, and the proof counts as bounded (ZC0919), never as complete
      if (res.r === 'unknown') this.unknown(`list-bound:${path}`, `前提是否把列表“${path}”限制在 ${this.B} 个元素以内`, span(this.ir.assumptions[0]!.origin), [], res.why);
      return res.r === 'unsat';
    })();
    this.listBoundedCache.set(path, p);
    return p;
  }

  /** An UNSAT answer of `enc`: a complete proof, or only up to the list bound. */
  async proofKind(enc: SmtEncoder): Promise<'complete' | 'bounded'> {
    if (!enc.touched.size) return 'complete';
    for (const path of [...enc.touched].sort()) {
      if (!(await this.listBounded(enc, path))) {
        this.allComplete = false;
        return 'bounded';
      }
    }
    return 'complete';
  }

  private boundNote(enc: SmtEncoder): string {
    return enc.touched.size ? `（前提保证所涉列表不超过 ${this.B} 个元素，证明完整）` : '';
  }

  private addBounded(key: string, origin: Origin, clauses: Finding['clauses'], claim: string): void {
    const b = this.bounded.get(key) ?? { origin, clauses, claims: [] };
    b.claims.push(claim);
    this.bounded.set(key, b);
  }

  flushBounded(): void {
    for (const [key, b] of this.bounded) {
      this.finding('ZC0919', {
        message: `${key.startsWith('property:') ? `性质“${key.slice(9)}”` : `措施“${key}”`}：以下结论只对每个列表不超过 ${this.B} 个元素的输入成立（有界证明；前提没有把列表长度限制在 ${this.B} 以内，更长的列表未核查，可调大 --list-bound 或声明前提）：${b.claims.join('；')}`,
        span: span(b.origin), clauses: b.clauses, subject: `bounded:${key}`, proof: 'bounded',
      });
    }
  }

  clauseOf(m: IrMeasure) {
    return [{ anchor: m.citation.anchor, label: m.citation.label }];
  }

  unknown(subject: string, what: string, at: Span, clauses: Finding['clauses'], why?: string): void {
    this.finding('ZC0915', { message: `求解器未能在${limitText(this.opts)}判定：${what}${why ? `（${why}）` : ''}`, span: at, clauses, subject: `unknown:${subject}`, proof: 'unknown' });
  }

  // ── replay ──
  /**
   * Replay a witness through the interpreter (and the generated evaluator): on the program
   * specialised to the witness's uncertain dates (both values for a dependence finding).
   */
  async replay(w: Witness, check: (ds: Decisions[], irs: IrProgram[]) => boolean, pair = false): Promise<Replay> {
    const events = w.event ? [w.event] : [];
    const irs = pair ? [specialise(this.ir, w.dates), specialise(this.ir, w.dates, true)] : [specialise(this.ir, w.dates)];
    let interpreter: Replay['interpreter'] = 'not-reproduced';
    let note: string | undefined;
    const di: Decisions[] = [];
    try {
      for (const ir of irs) di.push(evaluate(ir, w.facts, w.date, events));
      interpreter = check(di, irs) ? 'confirmed' : 'not-reproduced';
    } catch (e) {
      note = e instanceof InputError ? `反例不是有效输入：${e.message}` : e instanceof CalendarCoverageError ? `求值被拒绝（ZC0805）：${e.message}` : `求值出错：${(e as Error).message}`;
    }
    const out = (g?: Replay['generated'], gnote?: string): Replay => ({
      interpreter, ...(g ? { generated: g } : {}), ...(note || gnote ? { note: [note, gnote].filter(Boolean).join('；') } : {}),
    });
    if (this.opts.generatedUnavailable) return out('unavailable', `生成的求值器不可用：${this.opts.generatedUnavailable}`);
    let gens: Evaluate[];
    try {
      if (irs[0] === this.ir && irs.length === 1) {
        if (!this.opts.generated) return out();
        gens = [this.opts.generated];
      } else {
        if (!this.opts.loadGenerated) return out(this.opts.generated ? 'unavailable' : undefined, this.opts.generated ? '生成的求值器未按反例的日期重新生成' : undefined);
        gens = [];
        for (const ir of irs) gens.push(await this.opts.loadGenerated(ir));
      }
    } catch (e) {
      return out('unavailable', `生成的求值器无法载入：${(e as Error).message.split('\n')[0]}`);
    }
    if (di.length !== irs.length) return out('unavailable', '解释器未能求值，未比较生成的求值器');
    try {
      const dg = gens.map((g) => g(w.facts, w.date, events));
      const cmp = dg.map((g, i) => compareDecisions(di[i], g));
      if (cmp.every((c) => c.same)) return out(check(dg, irs) ? 'confirmed' : 'not-reproduced');
      if (cmp.some((c) => c.differs)) return out('differs');
      const missing = [...new Set(cmp.flatMap((c) => c.missing))];
      return out('unavailable', `生成的求值器的输出缺少字段 ${missing.join('、')}（按旧的求值契约生成），其余一致；未用于确认`);
    } catch (e) {
      const gi = e as { code?: string };
      if (note?.startsWith('求值被拒绝') && gi.code === 'ZC0805') return out('not-reproduced');
      return out('differs', `生成的求值器出错：${(e as Error).message.split('\n')[0]}`);
    }
  }

  async report(code: DiagnosticCode, base: Parameters<Smt['finding']>[1], w: Witness, check: (ds: Decisions[], irs: IrProgram[]) => boolean, pair = false): Promise<void> {
    const replay = await this.replay(w, check, pair);
    if (replay.interpreter !== 'confirmed' || replay.generated === 'differs' || replay.generated === 'not-reproduced') {
      this.finding('ZC0916', {
        ...base, witness: w, replay, subject: `replay:${base.subject}`, severity: 'error',
        message: `${base.message}——但求解器给出的反例${replay.interpreter !== 'confirmed' ? '在解释器中未能复现' : '在生成的求值器中结果不同'}，需要人工检查`,
      });
      return;
    }
    this.finding(code, { ...base, witness: w, replay, proof: 'refuted' });
  }

  /** Root entities a witness must contain for these measures (their 对象, and those of the measures they use). */
  entitiesOf(...ms: IrMeasure[]): string[] {
    const out = new Set<string>();
    const seen = new Set<string>();
    const visit = (m: IrMeasure): void => {
      if (seen.has(m.name)) return;
      seen.add(m.name);
      if (m.subject) out.add(m.subject);
      const walk = (e: IrExpr): void => {
        if (e.k === 'applies' || e.k === 'outcome') {
          const m2 = this.ir.measures.find((x) => x.name === e.measure);
          if (m2) visit(m2);
        }
        if (e.k === 'def') {
          const d = this.ir.definitions.find((x) => x.name === e.name);
          if (d && !seen.has(`def:${d.name}`)) {
            seen.add(`def:${d.name}`);
            walk(d.expr);
          }
        }
        irChildren(e).forEach(walk);
      };
      for (const r of m.rules) { walk(r.condition); r.assignments.forEach((a) => walk(a.value)); }
    };
    ms.forEach(visit);
    return [...out];
  }

  valueText(m: IrMeasure, r: IrRule, o: string, d: Decisions): string {
    const dec = d.决定.find((x) => x.措施 === m.name);
    const t = m.outcomes.find((x) => x.name === o)!;
    const reason = dec?.理由.find((x) => x.includes(`${r.name}=`));
    const m1 = reason ? new RegExp(`${escapeRe(r.name)}=([^、\s]+)`).exec(reason) : null;
    return m1 ? `${o} = ${m1[1]}` : `${o}（${t.unit || t.type.k}）`;
  }

  /** ZC0918: do the assumptions admit any input at all? False stops the policy's other queries. */
  async assumptionsSatisfiable(): Promise<boolean> {
    const as = this.ir.assumptions;
    if (!as.length) return true;
    const at = span(as[0]!.origin);
    const enc = this.encoder();
    const res = await this.solve(enc, this.Z.And(...enc.assumptionsHold()), { assume: false, witness: false });
    if (res.r === 'sat') return true;
    if (res.r === 'unknown') {
      this.unknown('assumptions', '前提能否同时满足', at, [], res.why);
      return true;
    }
    // unsatisfiable up to the bound: beyond it?
    if (enc.touched.size) {
      const t = this.encoder({ tail: true });
      const r2 = await this.solve(t, this.Z.And(...t.assumptionsHold()), { assume: false, witness: false });
      if (r2.r === 'unknown') {
        // none within the bound, and beyond it undecided: nothing within the bound to check
        this.unknown('assumptions-tail', `前提在列表上限 ${this.B} 以内不可能同时成立；超过上限时能否成立`, at, [], r2.why);
        return false;
      }
      if (r2.r !== 'unsat') {
        this.finding('ZC0919', {
          message: `前提（${as.map((a) => a.name).join('、')}）只有列表超过 ${this.B} 个元素的输入才可能满足：在列表上限 ${this.B} 以内没有任何输入可核查，其他核查均未进行（请调大 --list-bound）`,
          span: at, clauses: [], subject: 'bounded:assumptions', proof: 'bounded',
        });
        return false;
      }
    }
    this.finding('ZC0918', {
      message: `前提（${as.map((a) => a.name).join('、')}）不可能同时成立：没有任何输入满足它们，所有核查都会空洞地“通过”，因此未进行其他核查`,
      span: at, clauses: [], subject: 'assumptions-unsatisfiable', proof: 'proved',
      related: as.slice(1).map((a) => ({ span: span(a.origin), message: `前提“${a.name}”` })),
    });
    return false;
  }

  async measure(m: IrMeasure): Promise<void> {
    const Z = this.Z;
    const clauses = this.clauseOf(m);
    const bounded = (claim: string) => this.addBounded(m.name, m.origin, clauses, claim);
    for (const o of m.outcomes) {
      const rs = m.rules.filter((r) => r.assignments.some((a) => a.outcome === o.name));
      // contradictions
      for (let i = 0; i < rs.length; i++) {
        for (let j = i + 1; j < rs.length; j++) {
          const r1 = rs[i]!;
          const r2 = rs[j]!;
          if (r1.overrides.includes(r2.name) || r2.overrides.includes(r1.name)) continue;
          const enc = this.encoder();
          const oe = enc.measureEnc(m).outcomes.get(o.name)!;
          const goal = Z.And(enc.inForce(), oe.sure.get(r1), oe.sure.get(r2), enc.distinct(oe.values.get(r1)!, oe.values.get(r2)!));
          const subject = `contradiction:${m.name}/${o.name}/${[r1.name, r2.name].sort().join('|')}`;
          const res = await this.solve(enc, goal);
          if (res.r === 'unknown') this.unknown(subject, `措施“${m.name}”的规则“${r1.name}”与“${r2.name}”是否矛盾`, span(r1.origin), clauses, res.why);
          if (res.r === 'unsat' && (await this.proofKind(enc)) === 'bounded') bounded(`结果“${o.name}”的规则“${r1.name}”与“${r2.name}”无矛盾`);
          if (res.r !== 'sat') continue;
          const w = decodeWitness(enc, res.model, this.entitiesOf(m));
          let sides: FindingSide[] = [];
          await this.report('ZC0901', {
            message: `措施“${m.name}”：规则“${r1.name}”与“${r2.name}”可同时适用，结果“${o.name}”不同，且没有“例外于”规定优先关系${datesNote(w)}`,
            span: span(r1.origin), related: [{ span: span(r2.origin), message: `规则“${r2.name}”` }], clauses, subject,
            get sides() { return sides; },
          }, w, ([d]) => {
            sides = [r1, r2].map((r) => ({ measure: m.name, rule: r.name, clause: m.citation.label, yields: this.valueText(m, r, o.name, d!) }));
            return hasProblem(d!, m.name, '矛盾', o.name, [r1.name, r2.name]);
          });
        }
      }
      // gap for required outcomes
      if (o.required) {
        const enc = this.encoder();
        const oe = enc.measureEnc(m).outcomes.get(o.name)!;
        const goal = Z.And(enc.inForce(), oe.gap);
        const subject = `gap:${m.name}/${o.name}`;
        const res = await this.solve(enc, goal);
        if (res.r === 'unknown') this.unknown(subject, `措施“${m.name}”的结果“${o.name}”是否有缺口`, span(m.origin), clauses, res.why);
        if (res.r === 'unsat' && (await this.proofKind(enc)) === 'bounded') bounded(`必须定义的结果“${o.name}”无缺口`);
        if (res.r === 'sat') {
          const w = decodeWitness(enc, res.model, this.entitiesOf(m));
          await this.report('ZC0902', {
            message: `措施“${m.name}”：必须定义的结果“${o.name}”在某些情形下没有任何规则适用${datesNote(w)}`,
            span: span(m.origin), clauses, subject, sides: [{ measure: m.name, clause: m.citation.label, yields: `${o.name}：无规则适用` }],
          }, w, ([d]) => hasProblem(d!, m.name, '缺口', o.name));
        }
      }
    }
    // dead / shadowed / redundant rules
    for (const r of m.rules) {
      const enc = this.encoder();
      const res = await this.solve(enc, Z.And(enc.inForce(), enc.rule(m, r).t), { witness: false });
      if (res.r === 'unknown') this.unknown(`dead:${m.name}/${r.name}`, `规则“${r.name}”能否适用`, span(r.origin), clauses, res.why);
      if (res.r === 'unsat') {
        if ((await this.proofKind(enc)) === 'bounded') {
          bounded(`规则“${r.name}”永不适用`);
          continue;
        }
        this.finding('ZC0903', {
          message: `措施“${m.name}”的规则“${r.name}”在政策有效期内永远不会适用（条件不可能同时成立）${this.boundNote(enc)}`, span: span(r.origin), clauses,
          subject: `dead:${m.name}/${r.name}`, proof: 'proved',
        });
        continue;
      }
      const overriders = m.rules.filter((r2) => r2.overrides.includes(r.name));
      if (overriders.length && r.assignments.length) {
        const enc2 = this.encoder();
        const me = enc2.measureEnc(m);
        const anyWin = Z.Or(...r.assignments.map((a) => me.outcomes.get(a.outcome)!.sure.get(r)));
        const res2 = await this.solve(enc2, Z.And(enc2.inForce(), anyWin), { witness: false });
        if (res2.r === 'unknown') this.unknown(`shadowed:${m.name}/${r.name}`, `规则“${r.name}”是否总被例外规则覆盖`, span(r.origin), clauses, res2.why);
        if (res2.r === 'unsat') {
          if ((await this.proofKind(enc2)) === 'bounded') {
            bounded(`规则“${r.name}”总被例外覆盖`);
            continue;
          }
          this.finding('ZC0904', {
            message: `措施“${m.name}”的规则“${r.name}”每次适用时都被例外规则（${overriders.map((x) => x.name).join('、')}）覆盖，永远不会生效${this.boundNote(enc2)}`,
            span: span(r.origin), related: overriders.map((x) => ({ span: span(x.origin), message: `覆盖它的规则“${x.name}”` })), clauses,
            subject: `shadowed:${m.name}/${r.name}`, proof: 'proved',
          });
        }
      }
    }
    for (const r1 of m.rules) {
      for (const r2 of m.rules) {
        if (r1 === r2 || !sameAssignments(r1, r2) || r1.overrides.length || r2.overrides.length) continue;
        const enc = this.encoder();
        // r2 redundant if r2 ⇒ r1 (and not equivalent-and-earlier)
        const res = await this.solve(enc, Z.And(enc.inForce(), enc.rule(m, r2).t, Z.Not(enc.rule(m, r1).t)), { witness: false });
        if (res.r === 'unknown') this.unknown(`redundant:${m.name}/${r2.name}<${r1.name}`, `规则“${r2.name}”是否被规则“${r1.name}”包含`, span(r2.origin), clauses, res.why);
        if (res.r !== 'unsat') continue;
        const enc3 = this.encoder();
        const eq = await this.solve(enc3, Z.And(enc3.inForce(), enc3.rule(m, r1).t, Z.Not(enc3.rule(m, r2).t)), { witness: false });
        // undecided equivalence: r2 ⊆ r1 is proved either way, so it is reported (and the query too)
        if (eq.r === 'unknown') this.unknown(`equivalent:${m.name}/${r1.name}|${r2.name}`, `规则“${r1.name}”与“${r2.name}”是否等价`, span(r1.origin), clauses, eq.why);
        if (eq.r === 'unsat' && m.rules.indexOf(r2) < m.rules.indexOf(r1)) continue; // equivalent: report the later one only
        if ((await this.proofKind(enc)) === 'bounded') {
          bounded(`规则“${r2.name}”被规则“${r1.name}”包含`);
          continue;
        }
        this.finding('ZC0905', {
          message: `措施“${m.name}”的规则“${r2.name}”是多余的：凡它适用时，规则“${r1.name}”也适用，且结果相同${this.boundNote(enc)}`,
          span: span(r2.origin), related: [{ span: span(r1.origin), message: `包含它的规则“${r1.name}”` }], clauses,
          subject: `redundant:${m.name}/${r2.name}<${r1.name}`, proof: 'proved',
        });
      }
    }
    await this.uncertainDependence(m);
  }

  /** ZC0920: the same facts and two values of the uncertain dates give the measure different results. */
  async uncertainDependence(m: IrMeasure): Promise<void> {
    const Z = this.Z;
    const e1 = this.encoder();
    const m1 = e1.measureEnc(m);
    void m1.applies; // (encodes every rule and outcome: the uncertain dates they use are now known)
    // a dependence only through the policy coming into force is the evaluation-date window, not a finding
    if (!e1.uncertain.size || (![...e1.uncertain.keys()].some((k) => k !== '施行日') && !usesEffective(this.ir, m))) return;
    const e2 = e1.twin();
    const m2 = e2.measureEnc(m);
    const differ: ZBool[] = [Z.Not(m1.applies.eq(m2.applies)), Z.Not(m1.doubtful.eq(m2.doubtful))];
    for (const o of m.outcomes) {
      const a = m1.outcomes.get(o.name)!;
      const b = m2.outcomes.get(o.name)!;
      differ.push(Z.Not(a.defined.eq(b.defined)), Z.And(a.defined, b.defined, Z.Not(a.value.v.eq(b.value.v))));
    }
    const goal = Z.And(m1.inForce, m2.inForce, Z.Or(...differ));
    const subject = `uncertain:${m.name}`;
    const clauses = this.clauseOf(m);
    const res = await this.solve(e1, goal);
    if (res.r === 'unknown') this.unknown(subject, `措施“${m.name}”是否取决于不确定的日期`, span(m.origin), clauses, res.why);
    if (res.r !== 'sat') return;
    const w = decodeWitness([e1, e2], res.model, this.entitiesOf(m));
    const dates = (w.dates ?? []).filter((d) => d.value2 !== undefined && d.value2 !== d.value);
    let sides: FindingSide[] = [];
    const summary = (d: Decision | undefined) => (d ? `${d.状态}${Object.entries(d.结果).map(([k, v]) => `，${k} = ${v.值}${v.单位 === '日期' ? '' : v.单位}`).join('')}` : '（无）');
    await this.report('ZC0920', {
      message: `措施“${m.name}”的结果取决于不确定的日期：${dates.map((d) => `${d.name}（${d.from} 至 ${d.to} 之间）`).join('、') || '（日期）'}——同样的事实，日期取不同的值结论不同；在确切日期查明前，此类个案的决定为“存疑”`,
      span: span(m.origin), clauses, subject, get sides() { return sides; },
    }, w, (ds) => {
      const [a, b] = ds.map((d) => d.决定.find((x) => x.措施 === m.name));
      sides = [
        { measure: m.name, clause: m.citation.label, yields: `${dates.map((d) => `${d.name} = ${d.value}`).join('，')}：${summary(a)}` },
        { measure: m.name, clause: m.citation.label, yields: `${dates.map((d) => `${d.name} = ${d.value2}`).join('，')}：${summary(b)}` },
      ];
      if (!a || !b) return false;
      const vals = (d: Decision) => JSON.stringify(Object.entries(d.结果).map(([k, v]) => [k, v.值]));
      return a.状态 !== b.状态 || vals(a) !== vals(b);
    }, true);
  }

  async property(p: IrProperty): Promise<void> {
    const Z = this.Z;
    const enc = this.encoder({ withEvent: p.usesEvent, inProperty: true });
    const mentioned = new Set<string>();
    const collect = (e: IrExpr): void => {
      if (e.k === 'outcome') mentioned.add(`${e.measure}\u0000${e.outcome}`);
      irChildren(e).forEach(collect);
    };
    p.asserts.forEach(collect);
    if (p.condition) collect(p.condition);
    const defined = [...mentioned].map((k) => {
      const [mn, on] = k.split('\u0000') as [string, string];
      const me = enc.measureEnc(enc.measureByName(mn)!);
      return Z.And(me.inForce, me.outcomes.get(on)!.defined);
    });
    const cond = p.condition ? enc.T(enc.enc(p.condition)) : Z.Bool.val(true);
    const anyFails = Z.Or(...p.asserts.map((a) => enc.F(enc.enc(a))));
    const base = p.usesEvent ? Z.Bool.val(true) : enc.effective();
    const goal = Z.And(base, cond, ...defined, anyFails);
    const code: DiagnosticCode = p.kind === '边界' ? 'ZC0910' : p.kind === '条款一致' ? 'ZC0911' : p.kind === '概念一致' ? 'ZC0912' : 'ZC0908';
    // a property written in a 条款 cites it; one written apart (性质.zc) cites the clauses of the measures it
    // speaks of (适用（入托补贴）, 生育补助.生育补助金额) — an auditor finds every finding under a clause of the text
    const clauses = p.clause
      ? this.ir.clauses.filter((c) => c.anchor === p.clause).map((c) => ({ anchor: c.anchor, label: c.label }))
      : [...new Set(collectApplies(p))].map((mn) => this.ir.measures.find((m) => m.name === mn)).filter((m): m is IrMeasure => !!m).map((m) => this.clauseOf(m)).flat()
        .filter((c, i, all) => all.findIndex((x) => x.anchor === c.anchor) === i);
    const subject = `property:${p.name}`;
    const res = await this.solve(enc, goal);
    if (res.r === 'unknown') {
      this.unknown(subject, `性质“${p.name}”是否成立`, span(p.origin), clauses, res.why);
      return;
    }
    if (res.r === 'unsat') {
      const kind = await this.proofKind(enc);
      if (kind === 'bounded') {
        this.addBounded(`property:${p.name}`, p.origin, clauses, `性质“${p.name}”成立${p.accepted ? '（它被记录为“接受（不成立）”）' : ''}`);
        return;
      }
      if (p.accepted) {
        this.finding('ZC0908', {
          severity: 'warning', message: `性质“${p.name}”被记录为“接受（不成立）”，但它其实对所有输入都成立：请删除“接受”${this.boundNote(enc)}`,
          span: span(p.origin), clauses, subject: `stale-acceptance:${p.name}`, proof: 'proved',
        });
        return;
      }
      this.finding('ZC0909', { message: `性质“${p.name}”已证明：对所有输入都成立${this.boundNote(enc)}`, span: span(p.origin), clauses, subject, proof: 'proved' });
      return;
    }
    const measures = [...new Set([...mentioned].map((k) => k.split('\u0000')[0]!))];
    const applied = collectApplies(p);
    const ms = [...new Set([...measures, ...applied])].map((mn) => enc.measureByName(mn)!).filter(Boolean);
    const w = decodeWitness(enc, res.model, this.entitiesOf(...ms), p.usesEvent);
    let sides: FindingSide[] = [];
    await this.report(code, {
      message: `性质“${p.name}”不成立${p.note ? `（${p.note}）` : ''}${datesNote(w)}`, span: span(p.origin), clauses, subject,
      ...(p.accepted ? { accepted: p.accepted } : {}),
      get sides() { return sides; },
    }, w, ([d], [ir]) => {
      const r = checkProperty(ir!, p, w.facts, w.date, w.event);
      sides = p.asserts.map((a) => ({ measure: '', yields: `${asOneLine(a.origin?.text ?? '')}：${r.failed.includes(a.origin?.text ?? '') ? '不成立' : '成立'}` }));
      for (const mn of new Set([...measures, ...applied])) {
        const dec = d!.决定.find((x) => x.措施 === mn);
        if (dec) sides.push({ measure: mn, clause: dec.条款.标签, yields: `${dec.状态}${Object.entries(dec.结果).map(([k, v]) => `，${k} = ${v.值}${v.单位}`).join('')}` });
      }
      return r.verdict === 'fails';
    });
  }
}

/** " (if 施行日 were 2023-05-01)" for a witness that fixes uncertain dates. */
function datesNote(w: Witness): string {
  return w.dates?.length ? `（当 ${w.dates.map((d) => `${d.name}为 ${d.value}`).join('、')} 时）` : '';
}

/** Does the measure's rules (or the definitions and measures they use) mention 施行日? */
function usesEffective(ir: IrProgram, m: IrMeasure): boolean {
  const seen = new Set<string>();
  const walk = (e: IrExpr): boolean => {
    if (e.k === 'effective' || e.k === 'someDay') return true;
    if (e.k === 'def' && !seen.has(`d:${e.name}`)) {
      seen.add(`d:${e.name}`);
      const d = ir.definitions.find((x) => x.name === e.name);
      if (d && walk(d.expr)) return true;
    }
    if ((e.k === 'applies' || e.k === 'outcome') && !seen.has(`m:${e.measure}`)) {
      seen.add(`m:${e.measure}`);
      const m2 = ir.measures.find((x) => x.name === e.measure);
      if (m2 && m2.rules.some((r) => countedFromEffective(r) || walk(r.condition) || r.assignments.some((a) => walk(a.value)))) return true;
    }
    return irChildren(e).some(walk);
  };
  return m.rules.some((r) => countedFromEffective(r) || walk(r.condition) || r.assignments.some((a) => walk(a.value)));
}

/** A rule whose 有效期 is counted from an uncertain 施行日 (an end known only within a range). */
function countedFromEffective(r: IrMeasure['rules'][number]): boolean {
  return !!(r.validFromRange?.shifts || r.validToRange?.shifts);
}

/**
 * How far before the evaluation date a witness's fact dates are preferred to lie, tried in
 * order (years; `undefined`: no preference, the solver's own choice).
 */
const WITNESS_DATE_YEARS: readonly (number | undefined)[] = [3, 18, 60, undefined];

/**
 * Rounds of refinement for one witness (each makes the inexact 月龄 terms exact at one evaluation date and
 * the inexact date ± N months terms exact on one month of their base date): a 施行日 known within a year
 * can take a round per month it visits.
 */
const MAX_CALENDAR_REFINEMENTS = 12;

/**
 * A model whose 月龄 terms are the real full months of their birth dates and whose date ± N months terms
 * are the real dates (民法典 §201–202): when the given one uses an abstraction's slack, solve again with
 * those terms made exact (SmtEncoder.exactAgesAt at its evaluation date, exactMonthsAt on the months of
 * its base dates; at most MAX_CALENDAR_REFINEMENTS rounds, in a scope of its own on `solver`, which holds
 * the query that gave `model`). The given model when it is exact already or no exact one is found there
 * (its witness is then replayed and, if the interpreter disagrees, reported — ZC0916 in verify, ZC1306 in
 * diff). Without this a witness could rely on the slack and fail to replay although a real
 * counterexample exists. Never throws on a solver error (the given model is kept).
 */
export async function exactCalendarModel(solver: any, enc: SmtEncoder, model: any): Promise<any> {
  const inexact = (m: any) => [...enc.exactAgesAt(m), ...enc.exactMonthsAt(m)];
  let exact = model === undefined ? [] : inexact(model);
  if (exact.length === 0) return model;
  solver.push();
  try {
    for (let round = 0; round < MAX_CALENDAR_REFINEMENTS; round++) {
      for (const c of exact) solver.add(c);
      if ((await checkSafely(solver)).r !== 'sat') return model;
      const next = modelSafely(solver);
      if (next === undefined) return model;
      exact = inexact(next);
      if (exact.length === 0) return next;
    }
    return model;
  } finally {
    solver.pop();
  }
}

/** `check()`, with a solver error turned into `unknown` (with its reason). */
async function checkSafely(s: any): Promise<{ r: 'sat' | 'unsat' | 'unknown'; why?: string }> {
  try {
    const r = (await s.check()) as 'sat' | 'unsat' | 'unknown';
    return r === 'sat' || r === 'unsat' ? { r } : { r: 'unknown' };
  } catch (e) {
    return { r: 'unknown', why: `求解器出错：${String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 80)}` };
  }
}

/** The model after a `sat` answer, or undefined when the solver has none (never throws). */
function modelSafely(s: any): any {
  try {
    return s.model();
  } catch {
    return undefined;
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

/** Does the program declare any list (so proofs may be bounded)? */
function hasLists(ir: IrProgram): boolean {
  return ir.entities.some((e) => e.fields.some((f) => f.type.k === 'list'));
}

/** Run every SMT query of one policy. */
export async function verifySmt(ir: IrProgram, opts: VerifyOptions): Promise<SmtOutcome> {
  const Z = await z3();
  const s = new Smt(ir, Z, opts);
  if (await s.assumptionsSatisfiable()) {
    for (const m of ir.measures) if (!opts.measures || opts.measures(m)) await s.measure(m);
    for (const p of ir.properties) if (!opts.properties || opts.properties(p)) await s.property(p);
    s.flushBounded();
  }
  return { findings: s.findings, queryMs: s.queryMs, undecided: s.undecided, ...(hasLists(ir) ? { lists: { bound: s.B, complete: s.allComplete } } : {}) };
}
