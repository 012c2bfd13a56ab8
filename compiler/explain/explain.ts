/**
 * Why not — the smallest changes of facts that would make a decision 适用.
 * Input: a lowered policy, one case (raw facts, date, events) and options. Output: per measure
 * (that is 不适用 or 存疑), up to N alternatives of fact changes, minimal by the number of facts
 * changed, each replayed through the interpreter and citing the conditions and clause it
 * satisfies; for 存疑, the facts that would decide it and what each value gives.
 *
 * Method: the verifier's encoder (compiler/verify/smt.ts, the same semantics and time limit)
 * encodes "the measure is 适用" on the case's evaluation date; every fact the measure reads
 * is tied to the case's value unless its change indicator is set (a list's length counts as one
 * fact; the fields of added elements come with it). The solver is asked for 0, 1, 2 … changes
 * (AtMost); each solution is replayed through the interpreter, and its set of changed facts and
 * every superset of it are excluded before the next question, so every alternative is
 * irreducible and the first ones are minimum. A solution the interpreter does not confirm rules out
 * only itself (a few times per set of changes; then the set is given up on, unrefuted). Facts and
 * whole lists missing from the case are free for the solver; the ones an alternative really needs
 * (checked by replay, dropping each in turn — and a list's elements and their fields) are listed as
 * facts to supply and counted. An uncertain 施行日/某日 is encoded as the interpreter has it (its
 * range; a comparison the range does not decide is unknown) wherever the encoding covers it.
 * INVARIANT: an undecided solver query, or a set of changes whose solutions all failed replay, is said
 * (结论 '未判定'), never turned into "no change helps"; an alternative is only shown when the
 * interpreter confirms 适用 with it.
 */
import type { IrExpr, IrMeasure, IrProgram, IrType } from '../ir/ir.js';
import { isRatio } from '../ir/ir.js';
import { conjuncts, evaluate } from '../interpret/interpreter.js';
import { CalendarCoverageError, InputError, type Decision, type Decisions } from '../interpret/decision.js';
import { validateInput, type Facts, type FieldValue, type Rec } from '../interpret/validate.js';
import { fromDayNumber, fullMonthsOfAge } from '../common/calendar.js';
import { loadGeneratedEvaluator } from '../emit/load.js';
import { compareDecisions } from '../verify/engine.js';
import { applyLimits, limitText } from '../verify/limits.js';
import { DEFAULT_LIST_BOUND, SmtEncoder, decodeWitness, onElements, z3, type FactVar, type Step, type ZBool, type ZExpr } from '../verify/smt.js';

export interface ExplainOptions {
  /** Only this measure (default: every measure that is 不适用 or 存疑 and whose 对象 is in the facts). */
  readonly measure?: string;
  /** Facts the case cannot change: a field name (出生日期) or a path (家庭.子女数). */
  readonly fixed?: readonly string[];
  /** Alternatives per measure (default 3). */
  readonly max?: number;
  /** Per-query time limit for z3, in milliseconds (0: none; then `rlimit` must be set). */
  readonly timeoutMs: number;
  /** z3's deterministic resource limit per query (verify/limits.ts). */
  readonly rlimit?: number;
  readonly listBound?: number;
  /** Upper bound on facts changed that is searched (default 6). */
  readonly maxChanges?: number;
}

/** One fact changed, supplied or (for a list) resized. */
export interface FactChange {
  /** Path of the fact, e.g. 家庭.子女数 or 家庭.子女（人数）. */
  readonly 事实: string;
  /** The case's value as input text; absent when the case does not give it. */
  readonly 原值?: string;
  readonly 新值: string;
  readonly 类别: '改变' | '补充' | '列表长度';
}

/** A rule the alternative makes apply, with the conditions it then satisfies. */
export interface SatisfiedRule {
  readonly 规则: string;
  readonly 条件: readonly string[];
}

export interface Alternative {
  /** Number of facts changed or supplied. */
  readonly 改变数: number;
  readonly 改变: readonly FactChange[];
  /** The decision with the changes applied (replayed through the interpreter). */
  readonly 状态: Decision['状态'];
  readonly 结果: Decision['结果'];
  readonly 满足: readonly SatisfiedRule[];
  readonly 条款: { readonly 锚点: string; readonly 标签: string };
  /** The complete facts of the changed case (ready for `zhengce eval`). */
  readonly 事实: Record<string, unknown>;
  /** The changed case replayed: the interpreter (always confirmed: only confirmed alternatives are shown) and the generated evaluator (the whole decisions compared). */
  readonly 复现: { readonly 解释器: 'confirmed'; readonly 生成的求值器: 'confirmed' | 'differs' | 'unavailable'; readonly 说明?: string };
}

/** For 存疑: one missing fact and what each of its values gives (the other missing facts still missing). */
export interface DecidingFact {
  readonly 事实: string;
  readonly 取值: readonly { readonly 值: string; readonly 状态: Decision['状态']; readonly 结果: string }[];
}

export interface MeasureExplanation {
  readonly 措施: string;
  readonly 条款: { readonly 锚点: string; readonly 标签: string };
  readonly 状态: Decision['状态'];
  /** The decision's reasons (理由), e.g. 输入中没有「婴幼儿」. */
  readonly 理由: readonly string[];
  /** Per rule: the conditions that do not hold and those that are unknown (from the trace). */
  readonly 未满足: readonly { readonly 规则: string; readonly 未满足: readonly string[]; readonly 未知: readonly string[] }[];
  /** 找到 alternatives found; 无 no change of facts within the bounds makes it 适用 (proved); 未判定 the solver did not decide, or none of its solutions replayed; 不需要 already 适用; 无法改变 not in force on that date. */
  readonly 结论: '找到' | '无' | '未判定' | '不需要' | '无法改变';
  readonly 建议: readonly Alternative[];
  readonly 缺少?: readonly DecidingFact[];
  readonly 说明: readonly string[];
}

export interface ExplainReport {
  readonly 政策: string;
  readonly 评估日期: string;
  readonly 措施: readonly MeasureExplanation[];
  /** Solver time per query, ms (not shown in reports; for the benchmark). */
  readonly queryMs: readonly number[];
}

type Raw = Record<string, unknown>;

/** Models of one set of changes tried before the set is given up on (each failed replay rules out only itself). */
const MAX_UNREPLAYED = 3;

/** Deep copy of plain JSON-like data. */
function clone<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

/** The raw value at root + steps, or undefined. */
function getRaw(facts: Raw, root: string, steps: readonly Step[]): unknown {
  let cur: unknown = facts[root];
  for (const s of steps) {
    if (cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

/** Set (or delete, with `undefined`) the raw value at root + steps, creating records and arrays on the way. */
function setRaw(facts: Raw, root: string, steps: readonly Step[], v: unknown): void {
  if (!steps.length) {
    if (v === undefined) delete facts[root];
    else facts[root] = v;
    return;
  }
  let cur = (facts[root] ??= {}) as Record<string | number, unknown>;
  for (let i = 0; i < steps.length - 1; i++) {
    const s = steps[i]!;
    const next = steps[i + 1]!;
    if (Array.isArray(cur) && typeof s === 'number') while (cur.length <= s) cur.push({});
    cur[s] ??= typeof next === 'number' ? [] : {};
    cur = cur[s] as Record<string | number, unknown>;
  }
  const last = steps[steps.length - 1]!;
  if (v === undefined) delete cur[last];
  else cur[last] = v;
}

/** The normalised (validated) value at root + steps. */
function getNorm(facts: Facts, root: string, steps: readonly Step[]): FieldValue | undefined {
  let cur: FieldValue | undefined = facts.get(root);
  for (const s of steps) {
    if (cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = typeof s === 'number' ? cur[s] : undefined;
    else if (cur instanceof Map) cur = typeof s === 'string' ? cur.get(s) : undefined;
    else return undefined;
  }
  return cur;
}

function show(v: unknown): string {
  return typeof v === 'boolean' ? (v ? '是' : '否') : typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * A fact's path as the case file, eval's and verify's messages write it: list indices from 0
 * (家庭.子女[2] is the third child) — also what `--fixed` matches.
 */
function pathText(root: string, steps: readonly Step[]): string {
  return root + steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
}

/** A normalised runtime value as a z3 term of the encoder's representation. */
function term(Z: any, enc: SmtEncoder, t: IrType, v: FieldValue): ZExpr | undefined {
  if (v instanceof Map || Array.isArray(v)) return undefined;
  if (t.k === 'bool') return typeof v === 'boolean' ? Z.Bool.val(v) : undefined;
  if (isRatio(t)) return typeof v === 'string' ? Z.Real.val(v) : undefined;
  if (t.k === 'enum') {
    const i = t.members.indexOf(String(v));
    return i < 0 ? undefined : Z.Int.val(i);
  }
  if (t.k === 'text') return Z.Int.val(enc.strings.get(String(v)) ?? 0);
  return typeof v === 'number' ? Z.Int.val(v) : undefined;
}

/** Does a --fixed name match this fact path? (a bare field name matches every path ending in it) */
function matchesFixed(fixed: readonly string[], f: { root: string; steps: readonly Step[] }): boolean {
  const plain = (s: string) => s.replace(/[「」【】]/g, '');
  const full = plain(pathText(f.root, f.steps));
  const noIdx = full.replace(/\[\d+\]/g, '');
  const last = f.steps.length ? String(f.steps[f.steps.length - 1]) : f.root;
  return fixed.some((x0) => {
    const x = plain(x0.trim());
    return x === full || x === noIdx || x === plain(last);
  });
}

function measureIsRelevant(d: Decision | undefined, facts: Raw, m: IrMeasure): boolean {
  if (!d) return false;
  if (d.状态 !== '不适用' && d.状态 !== '存疑') return false;
  return !m.subject || m.subject in facts;
}

/** An outcome as a person reads it: 补助额 = 1000.00元, 比例 = 50% (no unit repeated, none for dates and booleans). */
export function outcomeText(k: string, v: Decision['结果'][string]): string {
  const val = String(v.值);
  const unit = v.单位 === '日期' || v.单位 === '是否' || val.endsWith(v.单位) ? '' : v.单位;
  return `${k} = ${val}${unit}`;
}

function summary(d: Decision): string {
  const r = Object.entries(d.结果).map(([k, v]) => outcomeText(k, v));
  return r.length ? `${d.状态}（${r.join('，')}）` : d.状态;
}

interface Ctx {
  ir: IrProgram;
  raw: Raw;
  norm: Facts;
  date: string;
  evalDay: number;
  events: unknown;
  opts: ExplainOptions;
  Z: any;
  queryMs: number[];
}

function decide(ctx: Ctx, facts: Raw, measure: string): Decision | undefined {
  try {
    return evaluate(ctx.ir, facts, ctx.date, ctx.events).决定.find((x) => x.措施 === measure);
  } catch {
    return undefined;
  }
}

/** Explain the decisions of one case. Throws InputError / CalendarCoverageError for invalid input (as `evaluate` does). */
export async function explain(ir: IrProgram, facts: unknown, date: string, events: unknown, opts: ExplainOptions): Promise<ExplainReport> {
  const decisions: Decisions = evaluate(ir, facts, date, events);
  const v = validateInput(ir, facts, date, events);
  if (v.problems.length) throw new InputError(v.problems);
  const raw = clone(facts) as Raw;
  const Z = await z3();
  const ctx: Ctx = { ir, raw, norm: v.facts, date, evalDay: v.evalDay, events, opts, Z, queryMs: [] };
  const out: MeasureExplanation[] = [];
  for (const m of ir.measures) {
    const d = decisions.决定.find((x) => x.措施 === m.name);
    if (opts.measure ? m.name !== opts.measure : !measureIsRelevant(d, raw, m)) continue;
    out.push(await explainMeasure(ctx, m, d!, decisions));
  }
  return { 政策: ir.policy.name, 评估日期: date, 措施: out, queryMs: ctx.queryMs };
}

function unmetOf(d: Decision): MeasureExplanation['未满足'] {
  return d.规则.filter((r) => r.未满足?.length || r.未知?.length).map((r) => ({ 规则: r.规则, 未满足: r.未满足 ?? [], 未知: r.未知 ?? [] }));
}

async function explainMeasure(ctx: Ctx, m: IrMeasure, d: Decision, ds: Decisions): Promise<MeasureExplanation> {
  const clause = { 锚点: m.citation.anchor, 标签: m.citation.label };
  const base = { 措施: m.name, 条款: clause, 状态: d.状态, 理由: d.理由, 未满足: unmetOf(d) };
  if (d.状态 === '适用') return { ...base, 结论: '不需要', 建议: [], 说明: [`措施“${m.name}”已适用：${summary(d)}`] };
  if (d.状态 === '未生效' || d.状态 === '已废止' || ds.可能废止) {
    return { ...base, 结论: '无法改变', 建议: [], 说明: [`在 ${ctx.date} 政策${d.状态 === '未生效' ? '尚未生效' : d.状态 === '已废止' ? '已废止' : '可能已废止'}：改变个案事实不能使措施“${m.name}”适用（取决于日期与上级政策事件，不取决于事实）`] };
  }
  const notes: string[] = [];
  const Z = ctx.Z;
  // The interpreter's three-valued dates where the encoding covers them (intervals: an uncertain 施行日 or
  // 某日 is its range, and a comparison the range does not decide is unknown — the measure is then 存疑, not
  // 适用), so that a model is a case the interpreter finds 适用 too; else one variable per uncertain date (a
  // model may then pick a 施行日 the interpreter does not assume, and replay rejects it).
  const listBound = ctx.opts.listBound ?? DEFAULT_LIST_BOUND;
  let enc = new SmtEncoder(Z, ctx.ir, { listBound, intervals: true });
  let me = enc.measureEnc(m);
  let assume = enc.assumptions();
  if (enc.intervalUnsupported) {
    enc = new SmtEncoder(Z, ctx.ir, { listBound });
    me = enc.measureEnc(m);
    assume = enc.assumptions();
  }
  const goal: ZBool = me.applies;
  // the measure's facts are now registered in enc.vars / enc.lists
  const ties: ZBool[] = [enc.E.eq(ctx.evalDay)];
  const changeable: { ch: ZBool; label: string }[] = [];
  const present = new Map<string, { f: FactVar; ch: ZBool }>();
  const lengths = new Map<string, number | undefined>();
  for (const l of enc.lists.values()) {
    const cur = getNorm(ctx.norm, l.root, l.steps);
    const len = Array.isArray(cur) ? cur.length : undefined;
    lengths.set(l.path, len);
    if (len === undefined) continue;
    const ch = Z.Not(l.n.eq(len));
    if (matchesFixed(ctx.opts.fixed ?? [], l)) ties.push(l.n.eq(len));
    else changeable.push({ ch, label: l.path });
  }
  /** Is the element at this path one the case has (not one the solver adds)? */
  const inCase = (f: FactVar): boolean => {
    let p = f.root;
    for (const s of f.steps) {
      if (typeof s === 'number' && s >= (lengths.get(p) ?? 0)) return false;
      p = typeof s === 'number' ? `${p}[${s}]` : `${p}.${s}`;
    }
    return true;
  };
  const ages = (enc as unknown as { sh: { ages: Map<string, { months: ZExpr; birthPath?: string }> } }).sh.ages;
  for (const f of enc.vars.values()) {
    if (!inCase(f)) continue;
    const cur = getNorm(ctx.norm, f.root, f.steps);
    if (cur === undefined) continue;
    const t = term(Z, enc, f.type, cur);
    if (t === undefined) continue;
    const same = f.v.eq(t);
    // an unchanged birth date has its exact age in months on the date (the encoder only bounds it)
    for (const a of ages.values()) {
      if (a.birthPath !== f.path || typeof cur !== 'number') continue;
      const months = fullMonthsOfAge(fromDayNumber(cur), fromDayNumber(ctx.evalDay));
      if (months !== undefined) ties.push(Z.Implies(same, a.months.eq(months)));
    }
    if (matchesFixed(ctx.opts.fixed ?? [], f)) {
      ties.push(same);
      continue;
    }
    const ch = Z.Not(same);
    changeable.push({ ch, label: f.path });
    present.set(f.path, { f, ch });
  }
  const solver = new Z.Solver();
  applyLimits(solver, ctx.opts);
  solver.add(goal);
  for (const a of assume) solver.add(a);
  for (const x of enc.domain) solver.add(x);
  for (const x of ties) solver.add(x);
  const max = ctx.opts.max ?? 3;
  const maxK = Math.min(changeable.length, ctx.opts.maxChanges ?? 6);
  const alts: Alternative[] = [];
  let undecided = false;
  let notReproduced = 0;
  /** Change sets given up on after MAX_UNREPLAYED models of them failed replay (no proof that they cannot help). */
  let abandoned = 0;
  let calls = 0;
  // INVARIANT: every alternative found (or refuted by replay) excludes itself and its supersets at every later k
  const blocks: ZBool[] = [];
  /** Models that failed replay, per set of changes (labels joined). */
  const unreplayed = new Map<string, number>();
  const check = async (): Promise<'sat' | 'unsat' | 'unknown'> => {
    const t0 = performance.now();
    const r = (await solver.check()) as 'sat' | 'unsat' | 'unknown';
    ctx.queryMs.push(performance.now() - t0);
    calls++;
    return r;
  };
  /**
   * The same set of changed facts, with new values as close as possible to the case's (子女数 1 → 2
   * rather than → 7): the total distance of the changed numbers (counts, fen, days) is lowered
   * while the solver finds a closer model (a few rounds; readability, not minimality).
   */
  const closest = async (model: any, changed: readonly { ch: ZBool; label: string }[]): Promise<any> => {
    const nums = changed.map((c) => present.get(c.label)).filter((x): x is { f: FactVar; ch: ZBool } => !!x && ['int', 'money', 'date'].includes(x.f.type.k) || (!!x && x.f.type.k === 'quantity' && !isRatio(x.f.type)));
    const lists = changed.map((c) => enc.lists.get(c.label)).filter((l): l is NonNullable<typeof l> => !!l && lengths.get(l.path) !== undefined);
    if (!nums.length && !lists.length) return model;
    const away = (v: ZExpr, o: number) => Z.If(v.ge(o), v.sub(o), Z.Int.val(o).sub(v));
    const dist = Z.Sum(Z.Int.val(0), ...nums.map(({ f }) => away(f.v, getNorm(ctx.norm, f.root, f.steps) as number)), ...lists.map((l) => away(l.n, lengths.get(l.path)!)));
    const same = changeable.map((c) => (changed.includes(c) ? c.ch : Z.Not(c.ch)));
    const budget = calls; // (these rounds do not count against the search's budget)
    for (let i = 0; i < 8; i++) {
      const cur = Number(model.eval(dist, true).toString());
      if (!(cur > 1)) break;
      solver.push();
      solver.add(...same, dist.lt(cur));
      const r = await check();
      const better = r === 'sat' ? solver.model() : undefined;
      solver.pop();
      if (!better) break;
      model = better;
    }
    calls = budget;
    return model;
  };
  outer: for (let k = 0; k <= maxK && alts.length < max; k++) {
    solver.push();
    if (changeable.length) solver.add(Z.AtMost(changeable.map((c) => c.ch), k));
    for (const b of blocks) solver.add(b);
    while (alts.length < max && calls < 6 * max + maxK + 4) {
      const r = await check();
      if (r === 'unknown') {
        undecided = true;
        solver.pop();
        break outer;
      }
      if (r === 'unsat') break;
      let model = solver.model();
      const changed = changeable.filter((c) => model.eval(c.ch, true).toString() === 'true');
      model = await closest(model, changed);
      const alt = buildAlternative(ctx, m, enc, model, changed.map((c) => c.label), lengths, inCase);
      const key = changed.map((c) => c.label).join('\u0000');
      if (!alt) {
        notReproduced++;
        const tries = (unreplayed.get(key) ?? 0) + 1;
        unreplayed.set(key, tries);
        if (tries < MAX_UNREPLAYED) {
          // INVARIANT: a model the interpreter does not confirm rules out only itself (its values of the facts it
          // changes or supplies), not its set of changes: another model of the same set may replay (the
          // encoding approximates 月龄, month arithmetic and working days) — and with no change at all,
          // blocking the set would block every model, a "proof" that nothing helps
          const own = modelValues(enc, model);
          solver.add(own.length ? Z.Not(Z.And(...own)) : Z.Bool.val(false));
          if (own.length) continue;
        }
        abandoned++;
      } else alts.push(alt);
      // exclude this set of changes and every superset of it
      const block = changed.length ? Z.Or(...changed.map((c) => Z.Not(c.ch))) : Z.Bool.val(false);
      blocks.push(block);
      solver.add(block);
      if (!changed.length) break;
    }
    solver.pop();
  }
  if (notReproduced) notes.push(`求解器给出的 ${notReproduced} 个解在解释器中未能复现（编码对月龄、按月加减日期与工作日作了近似），已跳过；它们所改变的事实组合可能仍有其他取值可行`);
  alts.sort((a, b) => a.改变数 - b.改变数);
  for (let i = 0; i < alts.length; i++) alts[i] = { ...alts[i]!, 复现: await replayGenerated(ctx, alts[i]!.事实) };
  const deciding = d.状态 === '存疑' ? decidingFacts(ctx, m, d, alts) : undefined;
  if (alts.length) {
    notes.unshift(`最少需要改变 ${alts[0]!.改变数} 项事实；每个建议都已用解释器复现为“适用”，且不含更小的可行组合`);
    return { ...base, 结论: '找到', 建议: alts, ...(deciding ? { 缺少: deciding } : {}), 说明: notes };
  }
  if (undecided) {
    notes.unshift(`求解器未能在${limitText(ctx.opts)}判定：不能断言“无论怎样改变事实都不适用”`);
    return { ...base, 结论: '未判定', 建议: [], ...(deciding ? { 缺少: deciding } : {}), 说明: notes };
  }
  if (abandoned) {
    // INVARIANT: "no change helps" is said only when the solver refuted every change set; a set given up on
    // after its models failed replay is not refuted
    notes.unshift(`没有找到经解释器复现的方案；求解器找到的 ${abandoned} 组改变的解都未能复现，不能断言“无论怎样改变事实都不适用”`);
    return { ...base, 结论: '未判定', 建议: [], ...(deciding ? { 缺少: deciding } : {}), 说明: notes };
  }
  const fixedNote = ctx.opts.fixed?.length ? `（固定不变：${ctx.opts.fixed.join('、')}）` : '';
  notes.unshift(maxK < changeable.length
    ? `改变至多 ${maxK} 项事实${fixedNote}都不能使措施“${m.name}”在 ${ctx.date} 适用（只搜索到 ${maxK} 项；列表至多 ${enc.B} 个元素）`
    : `无论怎样改变事实${fixedNote}，措施“${m.name}”在 ${ctx.date} 都不会适用（求解器证明；列表至多 ${enc.B} 个元素）`);
  return { ...base, 结论: '无', 建议: [], ...(deciding ? { 缺少: deciding } : {}), 说明: notes };
}

/**
 * The model's values of every fact and list length on elements it has (those the case gives and does not
 * change are tied to the case: the same in every model), as equalities: their negation rules out this model
 * of the changed case (buildAlternative builds the case from these) and no other.
 */
function modelValues(enc: SmtEncoder, model: any): ZBool[] {
  const n = new Map<string, number>();
  for (const [path, l] of enc.lists) n.set(path, Number(model.eval(l.n, true).toString()));
  const alive = (root: string, steps: readonly Step[]): boolean => onElements(n, root, steps);
  const out: ZBool[] = [];
  for (const l of enc.lists.values()) if (alive(l.root, l.steps)) out.push(l.n.eq(model.eval(l.n, true)));
  for (const f of enc.vars.values()) if (alive(f.root, f.steps)) out.push(f.v.eq(model.eval(f.v, true)));
  return out;
}

/** The changed case from a model: changed facts take the model's values; missing facts needed are supplied (pruned by replay). */
function buildAlternative(ctx: Ctx, m: IrMeasure, enc: SmtEncoder, model: any, changed: readonly string[], lengths: Map<string, number | undefined>, inCase: (f: FactVar) => boolean): Alternative | undefined {
  const w = decodeWitness(enc, model);
  const facts = clone(ctx.raw);
  const changes: FactChange[] = [];
  // lists whose length changes: take the solver's elements beyond the case's, or cut
  for (const path of changed) {
    const l = enc.lists.get(path);
    if (!l) continue;
    const before = (getRaw(facts, l.root, l.steps) as unknown[] | undefined) ?? [];
    const wl = (getRaw(w.facts as Raw, l.root, l.steps) as unknown[] | undefined) ?? [];
    const next = wl.length <= before.length ? before.slice(0, wl.length) : [...before, ...wl.slice(before.length)];
    setRaw(facts, l.root, l.steps, next);
    changes.push({ 事实: `${pathText(l.root, l.steps)}（个数）`, 原值: String(before.length), 新值: `${wl.length}${wl.length > before.length ? `（新增：${JSON.stringify(wl.slice(before.length))}）` : ''}`, 类别: '列表长度' });
  }
  for (const path of changed) {
    const f = enc.vars.get(path);
    if (!f) continue;
    const nv = getRaw(w.facts as Raw, f.root, f.steps);
    changes.push({ 事实: pathText(f.root, f.steps), 原值: show(getRaw(ctx.raw, f.root, f.steps)), 新值: show(nv), 类别: '改变' });
    setRaw(facts, f.root, f.steps, nv);
  }
  // lists the case does not give (not even empty) on records the changed case has: the model's, elements and
  // all (outer lists first: an inner list comes with its element), supplied — pruned below like a supplied fact
  const suppliedLists: { root: string; steps: readonly Step[] }[] = [];
  for (const l of enc.lists.values()) {
    if (getRaw(facts, l.root, l.steps) !== undefined || !elementsExist(facts, l.root, l.steps)) continue;
    const wl = getRaw(w.facts as Raw, l.root, l.steps);
    if (!Array.isArray(wl)) continue;
    setRaw(facts, l.root, l.steps, clone(wl));
    suppliedLists.push(l);
  }
  // facts the case does not give (and elements of lists it does not have): the model's values
  const supplied: FactVar[] = [];
  for (const f of enc.vars.values()) {
    if (inCase(f) && getRaw(ctx.raw, f.root, f.steps) !== undefined) continue;
    // an element the alternative does not have
    let alive = true;
    let p = f.root;
    for (const s of f.steps) {
      if (typeof s === 'number') {
        const arr = getRaw(facts, ...splitPath(enc, p));
        if (!Array.isArray(arr) || s >= arr.length) alive = false;
        p = `${p}[${s}]`;
      } else p = `${p}.${s}`;
    }
    if (!alive) continue;
    const nv = getRaw(w.facts as Raw, f.root, f.steps);
    if (nv === undefined) continue;
    setRaw(facts, f.root, f.steps, nv);
    // fields of elements the solver added come with the list's change
    if (inCase(f)) supplied.push(f);
  }
  const applies = (x: Raw) => decide(ctx, x, m.name)?.状态 === '适用';
  if (!applies(facts)) return undefined;
  const needed: FactVar[] = [];
  for (const f of supplied) {
    const v = getRaw(facts, f.root, f.steps);
    setRaw(facts, f.root, f.steps, undefined);
    if (applies(facts)) continue;
    setRaw(facts, f.root, f.steps, v);
    needed.push(f);
  }
  for (const f of needed) changes.push({ 事实: pathText(f.root, f.steps), 新值: show(getRaw(facts, f.root, f.steps)), 类别: '补充' });
  // a supplied list the measure needs, with only the elements and fields of elements it needs (each dropped in turn)
  for (const l of suppliedLists) {
    const v = getRaw(facts, l.root, l.steps) as Raw[];
    setRaw(facts, l.root, l.steps, undefined);
    if (applies(facts)) continue;
    setRaw(facts, l.root, l.steps, v);
    for (let i = v.length - 1; i >= 0; i--) {
      const [el] = v.splice(i, 1);
      if (!applies(facts)) v.splice(i, 0, el!);
    }
    for (const el of v) {
      if (el === null || typeof el !== 'object') continue;
      for (const k of Object.keys(el)) {
        const x = el[k];
        if (x !== null && typeof x === 'object') continue;
        delete el[k];
        if (!applies(facts)) el[k] = x;
      }
    }
    changes.push({ 事实: pathText(l.root, l.steps), 新值: JSON.stringify(v), 类别: '补充' });
  }
  const dec = decide(ctx, facts, m.name)!;
  return {
    改变数: changes.length, 改变: changes, 状态: dec.状态, 结果: dec.结果,
    满足: dec.规则.filter((r) => r.适用 === true).map((r) => ({ 规则: r.规则, 条件: conjunctTexts(m.rules.find((x) => x.name === r.规则)?.condition) })),
    条款: { 锚点: m.citation.anchor, 标签: m.citation.label }, 事实: facts, 复现: { 解释器: 'confirmed', 生成的求值器: 'unavailable' },
  };
}

/**
 * The conjuncts (interpreter.ts `conjuncts`, as a decision's 未满足/未知 split them) of a rule's condition
 * as source texts. INVARIANT: for a rule that applies, every one of them holds — unlike the atoms of the
 * decision's trace (规则[].条件), where `非 X` appears as X and each side of a 或 on its own.
 */
function conjunctTexts(e: IrExpr | undefined): string[] {
  // (a constant 是 is no 条件: the rule always applies)
  return e ? conjuncts(e).filter((x) => !(x.k === 'const' && typeof x.value === 'boolean') && x.origin?.text).map((x) => x.origin!.text!) : [];
}

/** Does every element on the path (each list index) exist in `facts`? (The records on the way may be missing.) */
function elementsExist(facts: Raw, root: string, steps: readonly Step[]): boolean {
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (typeof s !== 'number') continue;
    const arr = getRaw(facts, root, steps.slice(0, i));
    if (!Array.isArray(arr) || s >= arr.length) return false;
  }
  return true;
}

/** Replay a changed case through the generated evaluator emitted from the IR: its whole decisions must equal the interpreter's. */
async function replayGenerated(ctx: Ctx, facts: Raw): Promise<Alternative['复现']> {
  let g: Decisions;
  try {
    g = (await loadGeneratedEvaluator(ctx.ir))(facts, ctx.date, ctx.events as unknown[]);
  } catch (e) {
    return { 解释器: 'confirmed', 生成的求值器: 'unavailable', 说明: `生成的求值器无法生成、载入或求值：${(e as Error).message.split('\n')[0]}` };
  }
  const c = compareDecisions(evaluate(ctx.ir, facts, ctx.date, ctx.events), g);
  if (c.same) return { 解释器: 'confirmed', 生成的求值器: 'confirmed' };
  if (c.differs) return { 解释器: 'confirmed', 生成的求值器: 'differs', 说明: '生成的求值器的决定与解释器不同' };
  return { 解释器: 'confirmed', 生成的求值器: 'unavailable', 说明: `生成的求值器的输出缺少字段 ${c.missing.join('、')}（按旧的求值契约生成），其余一致；未用于确认` };
}

/** Root and steps of a registered path (lists and records the encoder knows). */
function splitPath(enc: SmtEncoder, path: string): [string, readonly Step[]] {
  const l = enc.lists.get(path);
  if (l) return [l.root, l.steps];
  const parts = path.split(/\.|(?=\[)/);
  const root = parts.shift()!;
  return [root, parts.map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s))];
}

/** For 存疑: each missing fact the decision names, and what each of its values gives (the others still missing). */
function decidingFacts(ctx: Ctx, m: IrMeasure, d: Decision, alts: readonly Alternative[]): DecidingFact[] {
  const out: DecidingFact[] = [];
  for (const p of d.缺少 ?? []) {
    const [root, ...rest] = p.split('.');
    if (!root || !rest.length || rest.some((s) => s.includes('['))) continue;
    const ent = ctx.ir.entities.find((e) => e.name === root);
    let t: IrType | undefined;
    let e = ent;
    for (let i = 0; i < rest.length && e; i++) {
      const f = e.fields.find((x) => x.name === rest[i]);
      t = f?.type;
      e = i < rest.length - 1 && t?.k === 'entity' ? ctx.ir.entities.find((x) => x.name === (t as { name: string }).name) : undefined;
    }
    if (!t) continue;
    const candidates: unknown[] = t.k === 'bool' ? [true, false] : t.k === 'enum' ? [...t.members] : [];
    // other types: the values the alternatives chose for it
    for (const a of alts) {
      const v = getRaw(a.事实 as Raw, root, rest);
      if (v !== undefined && !candidates.some((c) => JSON.stringify(c) === JSON.stringify(v))) candidates.push(v);
    }
    const values: DecidingFact['取值'][number][] = [];
    for (const c of candidates) {
      const facts = clone(ctx.raw);
      setRaw(facts, root, rest, c);
      const dec = decide(ctx, facts, m.name);
      if (dec) values.push({ 值: show(c), 状态: dec.状态, 结果: summary(dec) });
    }
    out.push({ 事实: p, 取值: values });
  }
  return out;
}

export { InputError, CalendarCoverageError };
