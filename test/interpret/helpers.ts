/**
 * Compile a policy held in memory (one .zc file, optional source text) and lower it:
 * the shared fixture builder of the interpreter tests.
 */
import { expect } from 'vitest';
import { memoryHost } from '../../compiler/project/host.js';
import { compile } from '../../compiler/project/program.js';
import { lower } from '../../compiler/ir/lower.js';
import type { IrProgram } from '../../compiler/ir/ir.js';

/** Compile `text` as /p/政策.zc; throws with the diagnostics if it has errors. */
export function irOf(text: string, files: Record<string, string> = {}): IrProgram {
  const host = memoryHost({ '/p/政策.zc': text, ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`/p/${k}`, v])) });
  const r = compile(['/p'], host);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  const p = r.programs.find((x) => x.checked.policy) ?? r.programs[0]!;
  const l = lower(p);
  const lerr = l.diagnostics.filter((d) => d.severity === 'error');
  if (lerr.length) throw new Error(lerr.map((d) => `${d.code} ${d.message}`).join('\n'));
  return l.value;
}

/**
 * `irOf(text)` as a function that lowers once per test, on its first call in that test —
 * not at collection, so that Stryker's per-test coverage attributes the lowering to the
 * tests that use it (code run at collection counts as static).
 */
export function irPerTest(text: string, files: Record<string, string> = {}): () => IrProgram {
  let test: string | undefined;
  let ir: IrProgram | undefined;
  return () => {
    const name = expect.getState().currentTestName;
    if (ir === undefined || name !== test) {
      ir = irOf(text, files);
      test = name;
    }
    return ir;
  };
}
