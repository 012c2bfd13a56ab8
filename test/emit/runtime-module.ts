/**
 * The generated evaluators' runtime (compiler/emit/ts-runtime.ts) as a module that tests
 * can call directly.
 *
 * The runtime is a template: source text that the emitter copies into every generated
 * index.ts. What runs is that text, so that is what is tested (and mutated by Stryker,
 * `npm run mutation`): the module is the emitted index.ts of test/emit/fixtures/runtime
 * (a policy that uses every optional runtime part), byte for byte, plus one line that
 * exports the runtime's internal helpers. `runtimeModule()` also says which lines of it
 * are the runtime: exactly the text `runtimeSource(all features)`.
 *
 * `loadRuntime()` imports it: from ZC_RUNTIME_MODULE when set (the file written by
 * test/mutation/prepare.ts, which Stryker instruments in its sandbox), otherwise from a
 * fresh copy in a temporary directory.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuntimeFeature } from '../../compiler/emit/ts-runtime.js';

export const RUNTIME_FIXTURE = 'test/emit/fixtures/runtime';

/** Every optional part of the runtime (ts-runtime.ts RuntimeFeature). */
export const ALL_FEATURES: readonly RuntimeFeature[] = ['ageYears', 'ageMonths', 'workdays', 'addMonths', 'mulDiv', 'param', 'field', 'event', 'sunset'];

/** Runtime helpers exported for direct tests (all declared by the runtime text). */
export const RUNTIME_EXPORTS = [
  '_leap', '_monthDays', '_day', '_civil', '_iso', '_parseIso', '_fen', '_ratio', '_show', '_expected', '_parseMoney', '_parseRatio', '_convert',
  '_got', '_isRecord', '_validate', '_applies', '_has', '_outcomeValue', '_winners', '_decide', '_decideFast', '_get', '_months', '_years',
  '_addMonths', '_mulDiv', '_workdayLookup', '_isWorkday', '_chineseDate', '_workdays', '_param', '_eventText', '_voidDay',
] as const;

export interface RuntimeModuleText {
  /** The module: emitted index.ts + the export line. */
  readonly source: string;
  /** 1-based, inclusive line range of the runtime text inside `source`. */
  readonly runtimeLines: readonly [number, number];
}

/**
 * Build the runtime module's text (throws if the emitted module does not contain the whole
 * runtime verbatim). The compiler is imported here, lazily: a test that only loads the
 * module (ZC_RUNTIME_MODULE) does not pay for ts-morph.
 */
export async function runtimeModule(): Promise<RuntimeModuleText> {
  const { loadPolicies } = await import('./helpers.js');
  const { emitTypeScript } = await import('../../compiler/emit/typescript.js');
  const { runtimeSource } = await import('../../compiler/emit/ts-runtime.js');
  const [p] = loadPolicies([RUNTIME_FIXTURE], { requirePolicy: true });
  if (!p?.ir) throw new Error(`${RUNTIME_FIXTURE}: ${p?.skipped ?? 'no policy'}`);
  const index = emitTypeScript(p.ir).get('index.ts')!;
  const runtime = runtimeSource(new Set(ALL_FEATURES));
  const at = index.indexOf(runtime);
  if (at < 0) throw new Error(`the module emitted for ${RUNTIME_FIXTURE} does not contain runtimeSource(all features) verbatim`);
  const first = index.slice(0, at).split('\n').length;
  const last = first + runtime.split('\n').length - 1;
  const source = `${index}\n// (test harness) the runtime's helpers, for direct tests\nexport { ${RUNTIME_EXPORTS.join(', ')} };\n`;
  return { source, runtimeLines: [first, last] };
}

type Fn = (...args: never[]) => unknown;

/** The module's exports: the generated API and the runtime helpers. */
export type RuntimeModule = Record<(typeof RUNTIME_EXPORTS)[number], Fn> & {
  evaluate(facts: unknown, date: unknown, events?: unknown): unknown;
  evaluateFast(facts: unknown, date: unknown, events?: unknown): unknown;
  InputError: new (problems: unknown[]) => Error & { problems: unknown[] };
};

let loaded: Promise<RuntimeModule> | undefined;

/** Import the runtime module (once per test file). */
export function loadRuntime(): Promise<RuntimeModule> {
  loaded ??= (async () => {
    const given = process.env['ZC_RUNTIME_MODULE'];
    let file: string;
    if (given) file = resolve(given);
    else {
      file = join(mkdtempSync(join(tmpdir(), 'zc-runtime-')), 'runtime.ts');
      writeFileSync(file, (await runtimeModule()).source);
    }
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as RuntimeModule;
  })();
  return loaded;
}
