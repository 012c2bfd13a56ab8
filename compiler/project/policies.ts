/**
 * Locating compiled policies — shared by the build, eval, doc and verify commands
 * (the events registry: events.ts).
 * Input: paths / a policy reference. Output: compiled + lowered programs, or
 * diagnostics explaining why not.
 */
import { basename, dirname, resolve } from 'node:path';
import { compile, type CompiledProgram, type CompileResult } from './program.js';
import type { Host } from './host.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lower } from '../ir/lower.js';
import type { IrProgram } from '../ir/ir.js';

export interface LoweredPolicy {
  readonly program: CompiledProgram;
  readonly ir: IrProgram;
}

/** Compile `paths` and lower every program that declares a policy and has no errors. */
export function loadPolicies(paths: readonly string[], host: Host): { result: CompileResult; policies: LoweredPolicy[]; diagnostics: Diagnostic[] } {
  const result = compile(paths, host);
  const diagnostics = [...result.diagnostics];
  const policies: LoweredPolicy[] = [];
  for (const p of result.programs) {
    if (!p.checked.policy || hasErrors(p.diagnostics)) continue;
    const l = lower(p);
    for (const d of l.diagnostics) diagnostics.push(d);
    if (!hasErrors(l.diagnostics)) policies.push({ program: p, ir: l.value });
  }
  policies.sort((a, b) => (a.ir.policy.id < b.ir.policy.id ? -1 : a.ir.policy.id > b.ir.policy.id ? 1 : 0));
  return { result, policies, diagnostics };
}

/** Find a policy by id, root file, or directory. */
export function findPolicy(policies: readonly LoweredPolicy[], ref: string): LoweredPolicy | undefined {
  const abs = resolve(ref);
  return policies.find((p) =>
    p.ir.policy.id === ref || p.ir.policy.name === ref || p.ir.policy.docNumber === ref ||
    resolve(p.program.root) === abs || resolve(dirname(p.program.root)) === abs || basename(dirname(p.program.root)) === ref);
}

/** Read an events registry file strictly (project/events.ts). */
export { readEvents } from './events.js';
