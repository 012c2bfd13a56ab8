/**
 * Shared machinery of the differential tests (differential.test.ts,
 * differential-extra.test.ts): compare the generated evaluator with the reference
 * interpreter on fast-check inputs derived from the IR.
 *
 * INVARIANT: the comparison never adapts to a disagreement — the generator does not
 * avoid inputs on which the engines are known to differ, and a difference fails the
 * test (seeded: test/helpers/seed.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { importGenerated, loadPolicies, type GeneratedModule } from './helpers.js';
import { caseArbitrary, showCase, type Case } from './arbitraries.js';

export interface FullDecisions {
  readonly 评估日期: string;
  readonly 前提不满足?: readonly { readonly 名称: string }[];
  readonly 可能废止?: { readonly 日期: string; readonly 取决于: readonly string[] };
  readonly 决定: readonly {
    readonly 措施: string; readonly 状态: string; readonly 结果: Record<string, { readonly 值: unknown }>;
    readonly 问题?: readonly { readonly 类别: string; readonly 结果: string }[];
    readonly 可领取?: { readonly 状态: string };
  }[];
}

type Outcome = { value: unknown } | { error: unknown };

function attempt(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    return { error: e };
  }
}

/**
 * Comparable form of a thrown error: InputError problems and message; CalendarCoverageError
 * code, year, coverage and message; otherwise the error's name (RangeError messages are each
 * implementation's own).
 */
export function errorKey(e: unknown): string {
  if (e instanceof Error && e.name === 'InputError') return JSON.stringify({ inputError: (e as Error & { problems: unknown }).problems, message: e.message });
  if (e instanceof Error && e.name === 'CalendarCoverageError') {
    const c = e as Error & { code: unknown; year: unknown; coverage: unknown };
    return JSON.stringify({ calendar: { code: c.code, year: c.year, coverage: c.coverage, message: e.message } });
  }
  return JSON.stringify({ thrown: e instanceof Error ? e.name : typeof e });
}

function key(o: Outcome): string {
  return 'value' in o ? JSON.stringify(o.value) : errorKey(o.error);
}

/** What the generated inputs exercised (to catch a degenerate generator). */
export interface Stats {
  cases: number;
  inputErrors: number;
  calendarErrors: number;
  thrown: number;
  statuses: Map<string, number>;
  /** Valid cases with a money input that has a fractional part (元.角分). */
  fractionalMoney: number;
}

export function newStats(): Stats {
  return { cases: 0, inputErrors: 0, calendarErrors: 0, thrown: 0, statuses: new Map(), fractionalMoney: 0 };
}

/** Does a case give some money field a value with a non-zero fractional part? */
function hasFractionalMoney(ir: IrProgram, c: Case): boolean {
  const facts = c.facts as Record<string, Record<string, unknown> | undefined> | null;
  if (!facts || typeof facts !== 'object') return false;
  return ir.entities.some((e) => e.fields.some((f) => {
    if (f.type.k !== 'money') return false;
    const ent = Object.hasOwn(facts, e.name) ? facts[e.name] : undefined;
    const v = ent && typeof ent === 'object' && Object.hasOwn(ent, f.name) ? ent[f.name] : undefined;
    return (typeof v === 'string' || typeof v === 'number') && /\.\d*[1-9]/.test(String(v));
  }));
}

/** What evaluateFast must return, derived from evaluate's decisions. */
export function fastOf(full: FullDecisions): unknown {
  return {
    评估日期: full.评估日期,
    ...(full.前提不满足 ? { 前提不满足: full.前提不满足.map((a) => a.名称) } : {}),
    决定: full.决定.map((d) => ({
      措施: d.措施, 状态: d.状态, 结果: Object.fromEntries(Object.entries(d.结果).map(([k, v]) => [k, v.值])),
      ...(d.可领取 ? { 可领取: d.可领取.状态 } : {}),
    })),
  };
}

/** What evaluateFast with the measure selection `names` must return, derived from evaluate's decisions. */
export function fastSelectedOf(full: FullDecisions, names: readonly string[]): unknown {
  const all = fastOf(full) as { 决定: { 措施: string }[] };
  return { ...all, 决定: names.map((n) => all.决定.find((d) => d.措施 === n)) };
}

/**
 * The fast paths with a measure selection on one case (the interpreter's `ref` outcome):
 * evaluateFast(…, { 措施 }) and evaluateMany([facts], …, { 措施 }) give exactly the selected
 * decisions of evaluate (in the selection's order), or the same InputError (evaluateMany: the
 * same problems, naming row 0; a bad date or events: thrown at the call, before any row). An
 * error that evaluate throws while evaluating (CalendarCoverageError, RangeError) may not happen
 * when the measure that throws is not selected; otherwise it is the same error.
 */
function compareSelected(gen: GeneratedModule, c: Case, ref: Outcome, names: readonly string[], where: () => string): void {
  const opts = { 措施: names };
  const fast = attempt(() => gen.evaluateFast(c.facts, c.date, c.events, opts));
  const many = attempt(() => [...gen.evaluateMany([c.facts], c.date, c.events, opts)]);
  // (messages are built only on failure: showCase of a cyclic input is not cheap)
  const same = (got: string, want: string, what: string): void => {
    if (got !== want) expect(got, `${what}（措施 ${names.join('、')}）：${where()}`).toBe(want);
  };
  if ('value' in ref) {
    const want = JSON.stringify(fastSelectedOf(ref.value as FullDecisions, names));
    same(key(fast), want, 'evaluateFast 与 evaluate 不一致');
    same(key(many), `[${want}]`, 'evaluateMany 与 evaluate 不一致');
    return;
  }
  const err = ref.error;
  if (err instanceof Error && err.name === 'InputError') {
    same(key(fast), key(ref), 'evaluateFast 的 InputError 与 evaluate 不一致');
    const e = 'error' in many && many.error instanceof Error && many.error.name === 'InputError' ? (many.error as Error & { problems: { 路径: string }[]; 行?: number }) : undefined;
    if (!e) {
      same(key(many), 'InputError', 'evaluateMany 没有抛出 InputError');
      return;
    }
    const problems = (err as Error & { problems: { 路径: string }[] }).problems;
    const batch = problems.filter((p) => p.路径 === '评估日期' || p.路径.startsWith('事件') || p.路径.startsWith('选项'));
    // a bad date or events: refused at the call (行 undefined), with those problems; else row 0 with all of them
    same(JSON.stringify([e.行 ?? null, e.problems]), JSON.stringify(batch.length > 0 ? [null, batch] : [0, problems]), 'evaluateMany 的 InputError（行、问题）不对');
    return;
  }
  // thrown while evaluating: the same kind of error (the measures are evaluated in the selection's
  // order, so another measure may be the first to throw), or none when no selected measure throws
  const kind = (e: unknown): string => JSON.stringify([e instanceof Error ? e.name : typeof e, (e as { code?: unknown }).code]);
  for (const [name, got] of [['evaluateFast', fast], ['evaluateMany', many]] as const) {
    if ('error' in got) same(kind(got.error), kind(err), `${name} 抛出的异常与 evaluate 不同`);
  }
}

/**
 * Compare the generated module with the interpreter on one case: evaluate byte for byte (or
 * the same error), evaluateFast consistent with evaluate; with `selection` (measure names),
 * also evaluateFast and evaluateMany restricted to those measures. `context` adds to the failure message.
 */
export function compareOne(ir: IrProgram, gen: GeneratedModule, c: Case, stats?: Stats, context?: () => string, selection?: readonly string[]): unknown {
  const args = c.events === undefined ? [c.facts, c.date] as const : [c.facts, c.date, c.events] as const;
  const ref = attempt(() => (evaluate as (...a: unknown[]) => unknown)(ir, ...args));
  const got = attempt(() => (gen.evaluate as (...a: unknown[]) => unknown)(...args));
  const a = key(ref);
  const b = key(got);
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    throw new Error(`generated evaluate differs from the interpreter at character ${i} for ${showCase(c)}\n  interpreter: …${a.slice(Math.max(0, i - 160), i + 160)}…\n  generated:   …${b.slice(Math.max(0, i - 160), i + 160)}…${context ? `\n${context()}` : ''}`);
  }
  if (stats) {
    stats.cases++;
    if ('error' in ref) {
      if (ref.error instanceof Error && ref.error.name === 'InputError') stats.inputErrors++;
      else if (ref.error instanceof Error && ref.error.name === 'CalendarCoverageError') stats.calendarErrors++;
      else stats.thrown++;
    } else {
      for (const d of (ref.value as FullDecisions).决定) stats.statuses.set(d.状态, (stats.statuses.get(d.状态) ?? 0) + 1);
      if (hasFractionalMoney(ir, c)) stats.fractionalMoney++;
    }
  }
  const fast = attempt(() => (gen.evaluateFast as (...a: unknown[]) => unknown)(...args));
  if ('value' in ref) {
    const expected = fastOf(ref.value as FullDecisions);
    if (key(fast) !== JSON.stringify(expected)) {
      expect('value' in fast ? fast.value : errorKey(fast.error), `evaluateFast 与 evaluate 不一致：${showCase(c)}${context ? `\n${context()}` : ''}`).toEqual(expected);
    }
  } else if (key(fast) !== a) {
    expect(key(fast), `evaluateFast 的错误与 evaluate 不一致：${showCase(c)}${context ? `\n${context()}` : ''}`).toBe(a);
  }
  if (selection) compareSelected(gen, c, ref, selection, () => `${showCase(c)}${context ? `\n${context()}` : ''}`);
  return 'value' in ref ? ref.value : undefined;
}

export function suite(title: string, dirs: string[], runs: number, requirePolicy: boolean): void {
  describe(title, () => {
    for (const p of loadPolicies(dirs, { requirePolicy })) {
      if (!p.ir) {
        // nothing computable to compare: not a test case (never a skipped test in CI);
        // a program that does not compile or lower is a failure
        if (p.skipped === '没有可计算的措施') continue;
        it(`${p.name} 编译并降级为 IR`, () => {
          throw new Error(`${p.name}：${p.skipped}`);
        });
        continue;
      }
      const ir = p.ir;
      it(`${p.name}：${runs} 个随机输入与解释器一致`, async () => {
        const gen = await importGenerated(emitTypeScript(ir).get('index.ts')!);
        const t0 = performance.now();
        const stats = newStats();
        // every case also through evaluateFast / evaluateMany with a random selection of measures (any order)
        const names = [...new Set(ir.measures.map((m) => m.name))];
        fc.assert(fc.property(caseArbitrary(ir), fc.shuffledSubarray(names), (c, sel) => void compareOne(ir, gen, c, stats, undefined, sel)), { numRuns: runs });
        const ms = performance.now() - t0;
        // visible in the verbose reporter; the time budget is checked by hand, never asserted
        console.info(`[differential] ${p.name}: ${runs} cases in ${ms.toFixed(0)} ms; InputError ${stats.inputErrors}, other errors ${stats.thrown}; valid with fractional money ${stats.fractionalMoney}; statuses ${JSON.stringify(Object.fromEntries(stats.statuses))}`);
        if (runs >= 1000) {
          // the generator reaches every region: invalid input, and every status the policy can produce
          expect(stats.inputErrors).toBeGreaterThan(runs * 0.03);
          expect(stats.inputErrors).toBeLessThan(runs * 0.5);
          const expected = requirePolicy ? ['适用', '不适用', '存疑', ...(ir.policy.effective !== undefined || ir.policy.effectiveRange ? ['未生效'] : []), ...(ir.policy.sunset ? ['已废止'] : [])] : ['适用'];
          for (const s of expected) expect(stats.statuses.get(s) ?? 0, `状态“${s}”从未出现`).toBeGreaterThan(0);
          // money inputs with 角/分 are compared, not avoided (a program with a money field)
          if (ir.entities.some((e) => e.fields.some((f) => f.type.k === 'money'))) expect(stats.fractionalMoney, '没有生成带角分的金额输入').toBeGreaterThan(runs * 0.05);
        }
      });
    }
  });
}

