/**
 * The generated evaluators' runtime (compiler/emit/ts-runtime.ts) as a module that tests
 * can call directly.
 *
 * The runtime is a template: source text that the emitter copies into every generated
 * index.ts. What runs is that text, so that is what is tested (and mutated by Stryker,
 * `npm run mutation`): the module is the emitted index.ts of test/emit/fixtures/runtime
 * (a policy that uses nearly every optional runtime part), byte for byte, plus one line that
 * exports the runtime's internal helpers. `runtimeModule()` also says which lines of it
 * are the runtime (between its header and the policy data).
 *
 * `loadRuntime()` imports it: from ZC_RUNTIME_MODULE when set (the file written by
 * test/mutation/prepare.ts, which Stryker instruments in its sandbox), otherwise from a
 * fresh copy in a temporary directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const RUNTIME_FIXTURE = 'test/emit/fixtures/runtime';

/** Runtime helpers exported for direct tests (those the module's runtime text declares). */
export const RUNTIME_EXPORTS = [
  '_leap', '_monthDays', '_day', '_civil', '_two', '_iso', '_parseIso', '_gcd', '_q', '_qText', '_pct', '_fen', '_show', '_expected',
  '_parseMoney', '_parseRatio', '_integer', '_convert', '_got', '_isRecord', '_validate', '_has', '_inForce', '_outcomeValue',
  '_qAdd', '_qNeg', '_qMul', '_qCmp', '_round', '_mulRound', '_div', '_iv', '_why', '_lo', '_hi', '_ivAdd', '_ivSub', '_ivNeg',
  '_ivDays', '_ivMul', '_ivCmp', '_ivAge', '_ivAddMonths', '_nth', '_months', '_years', '_addMonths', '_workdayLookup',
  '_isWorkday', '_chineseDate', '_workday', '_workdays', '_param', '_eventText', '_scope', '_ctx', '_Iv',
  '_fdate', '_BAIL', '_ffen', '_fpct',
] as const;

/** The first line of the runtime text and the first line after it (ts-runtime.ts CORE; the emitted data). */
const START = /^\/\/ ─+ 运行时 ─+$/;
const AFTER = /^\/\/ ─+ 政策数据 ─+$/;

export interface RuntimeModuleText {
  /** The module: emitted index.ts + the export line. */
  readonly source: string;
  /** 1-based, inclusive line range of the runtime text inside `source`. */
  readonly runtimeLines: readonly [number, number];
  /** The helpers exported (RUNTIME_EXPORTS that the runtime text declares). */
  readonly exported: readonly string[];
}

/**
 * Build the runtime module's text (throws if the emitted module has no runtime section).
 * The runtime is the text between the runtime header and the policy-data header — exactly
 * `runtimeSource(features)` for the features the fixture uses. The compiler is imported
 * here, lazily: a test that only loads the module (ZC_RUNTIME_MODULE) does not pay for ts-morph.
 */
export async function runtimeModule(): Promise<RuntimeModuleText> {
  const { loadPolicies } = await import('./helpers.js');
  const { emitTypeScript } = await import('../../compiler/emit/typescript.js');
  const [p] = loadPolicies([RUNTIME_FIXTURE], { requirePolicy: true });
  if (!p?.ir) throw new Error(`${RUNTIME_FIXTURE}: ${p?.skipped ?? 'no policy'}`);
  const index = emitTypeScript(p.ir).get('index.ts')!;
  const lines = index.split('\n');
  const first = lines.findIndex((l) => START.test(l));
  const after = lines.findIndex((l, i) => i > first && AFTER.test(l));
  if (first < 0 || after < 0) throw new Error(`the module emitted for ${RUNTIME_FIXTURE} has no runtime section (${START} … ${AFTER})`);
  let last = after - 1;
  while (last > first && lines[last]!.trim() === '') last--;
  const runtime = lines.slice(first, last + 1).join('\n');
  const declared = (name: string): boolean => new RegExp(`^(?:function|const|class) ${name.replace('$', '\\$')}\\b`, 'm').test(runtime);
  const exported = RUNTIME_EXPORTS.filter(declared);
  const source = `${index}\n// (test harness) the runtime's helpers, for direct tests\nexport { ${exported.join(', ')} };\n`;
  return { source, runtimeLines: [first + 1, last + 1], exported };
}

type Fn = (...args: never[]) => unknown;

/** The module's exports: the generated API and the runtime helpers. */
export type RuntimeModule = Record<(typeof RUNTIME_EXPORTS)[number], Fn> & {
  evaluate(facts: unknown, date: unknown, events?: unknown, options?: unknown): unknown;
  evaluateFast(facts: unknown, date: unknown, events?: unknown, options?: unknown): unknown;
  InputError: new (problems: unknown[]) => Error & { problems: unknown[] };
};

let loaded: Promise<RuntimeModule> | undefined;

/** Import the runtime module (once per test file). */
export function loadRuntime(): Promise<RuntimeModule> {
  loaded ??= (async () => {
    const given = process.env['ZC_RUNTIME_MODULE'];
    if (given) return (await import(/* @vite-ignore */ pathToFileURL(resolve(given)).href)) as RuntimeModule;
    // a file of our own, removed once imported (the module stays loaded)
    const dir = mkdtempSync(join(tmpdir(), 'zc-runtime-'));
    try {
      const file = join(dir, 'runtime.ts');
      writeFileSync(file, (await runtimeModule()).source);
      return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as RuntimeModule;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}

/** One problem of the runtime's InputError (as evaluate and evaluateFast report it). */
export type InputProblem = { 路径: string; 期望: string; 实际: string };

/** The problems of the InputError that `f` throws; any other error is rethrown, and no error at all is one. */
export function inputProblems(f: () => unknown): InputProblem[] {
  try {
    f();
  } catch (e) {
    if ((e as Error).name !== 'InputError') throw e;
    return (e as { problems: InputProblem[] }).problems;
  }
  throw new Error('no InputError');
}
