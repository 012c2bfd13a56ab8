/**
 * Load a generated evaluator in-process, fresh from the IR: emit the TypeScript,
 * strip its types (esbuild's `transformSync`: a transform of one file, no type checking) and
 * import it from a data: URL. Used by `verify`, `diff` and `explain` to replay witnesses through
 * the generated code without depending on a possibly stale dist/.
 * Input: IrProgram. Output: the module's evaluate function.
 *
 * esbuild rather than `ts.transpileModule`: the same output for this code (plain functions and
 * types, no decorators or `const enum`s across files), about 20× less CPU on the county's
 * 300 KB evaluator (measured in the `diff` bench section) — the type check itself is `tsc -p .`
 * over generated/, in the build and the tests.
 */
import { transformSync } from 'esbuild';
import type { IrProgram } from '../ir/ir.js';
import type { Decisions } from '../interpret/decision.js';
import { emitTypeScript } from './typescript.js';

export type Evaluate = (facts: unknown, date: string, events: unknown[]) => Decisions;

const cache = new Map<string, Promise<Evaluate>>();
// INVARIANT: an IrProgram is never mutated after lowering (specialise and the passes build new ones), so one emit per object.
const byIr = new WeakMap<IrProgram, Promise<Evaluate>>();

/** The generated evaluator of `ir` (emitted, transformed and imported once per program and per distinct source). */
export function loadGeneratedEvaluator(ir: IrProgram): Promise<Evaluate> {
  const known = byIr.get(ir);
  if (known) return known;
  const p = load(ir);
  byIr.set(ir, p);
  return p;
}

function load(ir: IrProgram): Promise<Evaluate> {
  const source = emitTypeScript(ir).get('index.ts')!;
  const hit = cache.get(source);
  if (hit) return hit;
  const js = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
  const p = import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`).then((m: { evaluate: Evaluate }) => m.evaluate);
  cache.set(source, p);
  return p;
}
