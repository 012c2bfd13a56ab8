/**
 * Load a generated evaluator in-process, fresh from the IR: emit the TypeScript,
 * strip its types and import it from a data: URL. Used by `verify`, `diff` and `explain` to
 * replay witnesses through the generated code without depending on a possibly stale dist/.
 * Input: IrProgram. Output: the module's evaluate function.
 *
 * Types are stripped by esbuild's `transformSync` (one file, no type check): about 20× less CPU
 * than `ts.transpileModule` on the county's 440 KB evaluator (70 ms vs 1.3 s, `node_modules/.bin/
 * esbuild` vs ts-morph's TypeScript). Where esbuild's native binary cannot be loaded (the VS Code
 * extension's bundles keep `esbuild` external and ship no node_modules) the TypeScript compiler
 * bundled with ts-morph does it: the same module, slower. The type check itself is `tsc -p .`
 * over generated/, in the build and the tests.
 */
import { ts } from 'ts-morph';
import type { IrProgram } from '../ir/ir.js';
import type { Decisions } from '../interpret/decision.js';
import { emitTypeScript } from './typescript.js';

export type Evaluate = (facts: unknown, date: string, events: unknown[]) => Decisions;

const cache = new Map<string, Promise<Evaluate>>();
// INVARIANT: an IrProgram is never mutated after lowering (specialise and the passes build new ones), so one emit per object.
const byIr = new WeakMap<IrProgram, Promise<Evaluate>>();

type TransformSync = (source: string, opts: { loader: 'ts'; format: 'esm'; target: string }) => { code: string };
let esbuild: Promise<TransformSync | undefined> | undefined;
function esbuildTransform(): Promise<TransformSync | undefined> {
  esbuild ??= import('esbuild').then(
    (m) => {
      const t = (m as { transformSync?: TransformSync }).transformSync ?? (m as { default?: { transformSync?: TransformSync } }).default?.transformSync;
      if (!t) return undefined;
      // the native binary is found (or not) on the first call
      try {
        t('', { loader: 'ts', format: 'esm', target: 'es2022' });
        return t;
      } catch {
        return undefined;
      }
    },
    () => undefined,
  );
  return esbuild;
}

/** An emitted module as JavaScript: its types stripped by esbuild, or by TypeScript where esbuild cannot load. */
export async function stripTypes(source: string): Promise<string> {
  const t = await esbuildTransform();
  return t
    ? t(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code
    : ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
}

/** The generated evaluator of `ir` (emitted, transformed and imported once per program and per distinct source). */
export function loadGeneratedEvaluator(ir: IrProgram): Promise<Evaluate> {
  const known = byIr.get(ir);
  if (known) return known;
  const p = load(ir);
  byIr.set(ir, p);
  return p;
}

async function load(ir: IrProgram): Promise<Evaluate> {
  const source = emitTypeScript(ir).get('index.ts')!;
  const hit = cache.get(source);
  if (hit) return hit;
  const p = (async () => {
    const js = await stripTypes(source);
    const m = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { evaluate: Evaluate };
    return m.evaluate;
  })();
  cache.set(source, p);
  return p;
}
