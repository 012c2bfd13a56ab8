/**
 * Independent expected-output checks of the TypeScript emitter: small hand-written
 * policies under test/emit/cases/<name>/ with `expect.yaml` beside them, written from
 * the policy text and the value conventions (grammar/README.md) — never copied from a
 * run. (The golden generated/sample/index.ts only says "unchanged"; the differential
 * tests only say "the two engines agree". These say "right".)
 *
 * expect.yaml:
 *   excerpts: [text…]   fragments the emitted index.ts must contain (compared line by
 *                        line with leading/trailing white space trimmed);
 *   cases:               inputs with the decisions they must give:
 *     - name, date, facts, events?        the input (events omitted: no events);
 *       废止?: date                       the day from which the policy is void;
 *       expect: { <措施>: { 状态, 结果: { <结果>: 值 } (exact), 理由?: [each present],
 *                           未确认参数?: { <结果>: [参数…] } (exact) } }
 *       inputError?: [路径…]              instead of expect: the InputError's paths, in order;
 *       calendarError?: text              instead of expect: a CalendarCoverageError (a working-day
 *                                         deadline beyond the official calendar) with this message.
 *
 * Each case runs through the generated evaluate and evaluateFast and, as a second
 * check, the reference interpreter. A stray key in expect.yaml is an error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { cleanupGenerated, importGenerated, loadPolicies, type GeneratedModule } from './helpers.js';

afterAll(() => cleanupGenerated());

const DIR = join('test', 'emit', 'cases');

interface MeasureExpectation {
  readonly 状态: string;
  readonly 结果: Record<string, unknown>;
  readonly 理由?: readonly string[];
  readonly 未确认参数?: Record<string, readonly string[]>;
}

interface Case {
  readonly name: string;
  readonly date: string;
  readonly facts: unknown;
  readonly events?: readonly unknown[];
  readonly 废止?: string;
  readonly expect?: Record<string, MeasureExpectation>;
  readonly inputError?: readonly string[];
  readonly calendarError?: string;
}

interface Expectations {
  readonly excerpts: readonly string[];
  readonly cases: readonly Case[];
}

function keysOnly(where: string, o: object, allowed: readonly string[]): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length) throw new Error(`${where}: unknown key(s) ${extra.join(', ')} (allowed: ${allowed.join(', ')})`);
}

function readExpectations(dir: string): Expectations {
  const e = parse(readFileSync(join(dir, 'expect.yaml'), 'utf8')) as Expectations;
  keysOnly(dir, e, ['excerpts', 'cases']);
  for (const c of e.cases) {
    keysOnly(`${dir}: ${c.name}`, c, ['name', 'date', 'facts', 'events', '废止', 'expect', 'inputError', 'calendarError']);
    if ([c.expect, c.inputError, c.calendarError].filter((x) => x !== undefined).length !== 1) throw new Error(`${dir}: ${c.name}: exactly one of expect / inputError / calendarError`);
    for (const [m, x] of Object.entries(c.expect ?? {})) keysOnly(`${dir}: ${c.name}: ${m}`, x, ['状态', '结果', '理由', '未确认参数']);
  }
  return e;
}

/** Does `text` contain the lines of `excerpt` consecutively (each compared trimmed)? */
function containsLines(text: readonly string[], excerpt: string): boolean {
  const want = excerpt.trim().split('\n').map((l) => l.trim());
  for (let i = 0; i + want.length <= text.length; i++) {
    if (want.every((w, j) => text[i + j] === w)) return true;
  }
  return false;
}

interface Full {
  readonly 评估日期: string;
  readonly 废止?: { readonly 日期: string };
  readonly 决定: readonly { readonly 措施: string; readonly 状态: string; readonly 结果: Record<string, { readonly 值: unknown; readonly 未确认参数?: readonly string[] }>; readonly 理由: readonly string[] }[];
}

function checkFull(d: Full, c: Case, engine: string): void {
  const at = `${engine}: ${c.name}`;
  expect(d.评估日期, at).toBe(c.date);
  expect(d.废止?.日期, at).toBe(c.废止);
  for (const [measure, x] of Object.entries(c.expect!)) {
    const got = d.决定.find((m) => m.措施 === measure);
    expect(got, `${at}: 措施“${measure}”`).toBeDefined();
    expect(got!.状态, `${at}: ${measure}.状态`).toBe(x.状态);
    expect(Object.fromEntries(Object.entries(got!.结果).map(([k, v]) => [k, v.值])), `${at}: ${measure}.结果`).toEqual(x.结果);
    for (const why of x.理由 ?? []) expect(got!.理由, `${at}: ${measure}.理由`).toContain(why);
    if (x.未确认参数) {
      const unconfirmed = Object.fromEntries(Object.entries(got!.结果).filter(([, v]) => v.未确认参数).map(([k, v]) => [k, v.未确认参数]));
      expect(unconfirmed, `${at}: ${measure}.未确认参数`).toEqual(x.未确认参数);
    }
  }
}

/** The CalendarCoverageError's message, or what happened instead. */
function calendarError(f: () => unknown): string {
  try {
    f();
    return 'no CalendarCoverageError';
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'CalendarCoverageError') throw e;
    return e.message;
  }
}

function inputErrorPaths(f: () => unknown): string[] | string {
  try {
    f();
    return 'no InputError';
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'InputError') throw e;
    return (e as Error & { problems: { 路径: string }[] }).problems.map((p) => p.路径);
  }
}

const names = readdirSync(DIR).filter((n) => statSync(join(DIR, n)).isDirectory()).sort();

describe('emitter expected outputs (test/emit/cases)', () => {
  it('has cases', () => expect(names.length).toBeGreaterThanOrEqual(5));

  for (const name of names) {
    describe(name, () => {
      const dir = join(DIR, name);
      const loaded = loadPolicies([dir], { requirePolicy: true });
      const exp = readExpectations(dir);
      let gen: GeneratedModule | undefined;
      const source = (): string => {
        expect(loaded.map((p) => p.skipped ?? 'ok')).toEqual(['ok']);
        return emitTypeScript(loaded[0]!.ir!).get('index.ts')!;
      };
      const generated = async (): Promise<GeneratedModule> => (gen ??= await importGenerated(source()));

      it(`index.ts contains the ${exp.excerpts.length} expected excerpts`, () => {
        const lines = source().split('\n').map((l) => l.trim());
        const missing = exp.excerpts.filter((x) => !containsLines(lines, x));
        expect(missing).toEqual([]);
      });

      for (const c of exp.cases) {
        it(c.name, async () => {
          const g = await generated();
          const ir = loaded[0]!.ir!;
          const events = c.events ?? [];
          if (c.inputError) {
            expect(inputErrorPaths(() => g.evaluate(c.facts, c.date, events)), 'generated').toEqual(c.inputError);
            expect(inputErrorPaths(() => g.evaluateFast(c.facts, c.date, events)), 'generated evaluateFast').toEqual(c.inputError);
            expect(inputErrorPaths(() => evaluate(ir, c.facts, c.date, events)), 'interpreter').toEqual(c.inputError);
            return;
          }
          if (c.calendarError) {
            expect(calendarError(() => g.evaluate(c.facts, c.date, events)), 'generated').toBe(c.calendarError);
            expect(calendarError(() => g.evaluateFast(c.facts, c.date, events)), 'generated evaluateFast').toBe(c.calendarError);
            expect(calendarError(() => evaluate(ir, c.facts, c.date, events)), 'interpreter').toBe(c.calendarError);
            return;
          }
          checkFull(g.evaluate(c.facts, c.date, events) as Full, c, 'generated');
          const fast = g.evaluateFast(c.facts, c.date, events) as { 决定: { 措施: string; 状态: string; 结果: Record<string, unknown> }[] };
          for (const [measure, x] of Object.entries(c.expect!)) {
            const m = fast.决定.find((d) => d.措施 === measure);
            expect({ 状态: m?.状态, 结果: m?.结果 }, `generated evaluateFast: ${c.name}: ${measure}`).toEqual({ 状态: x.状态, 结果: x.结果 });
          }
          checkFull(evaluate(ir, c.facts, c.date, events) as unknown as Full, c, 'interpreter');
        });
      }
    });
  }
});
