/**
 * Load a generated evaluator in-process, fresh from the IR: emit the TypeScript,
 * transpile it (the TypeScript compiler bundled with ts-morph) and import it from a
 * data: URL. Used by `verify` to replay witnesses through the generated code without
 * depending on a possibly stale dist/.
 * Input: IrProgram. Output: the module's evaluate function.
 */
import { ts } from 'ts-morph';
import type { IrProgram } from '../ir/ir.js';
import type { Decisions } from '../interpret/decision.js';
import { emitTypeScript } from './typescript.js';

export type Evaluate = (facts: unknown, date: string, events: unknown[]) => Decisions;

const cache = new Map<string, Promise<Evaluate>>();

export function loadGeneratedEvaluator(ir: IrProgram): Promise<Evaluate> {
  const source = emitTypeScript(ir).get('index.ts')!;
  const hit = cache.get(source);
  if (hit) return hit;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const p = import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`).then((m: { evaluate: Evaluate }) => m.evaluate);
  cache.set(source, p);
  return p;
}
