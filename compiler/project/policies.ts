/**
 * Locating compiled policies — shared by the build, eval, doc and verify commands
 * (the events registry: events.ts).
 * Input: paths / a policy reference. Output: compiled + lowered programs, or
 * diagnostics explaining why not.
 */
import { basename, dirname, resolve } from 'node:path';
import { compile, type CompiledProgram, type CompileResult } from './program.js';
import type { Host } from './host.js';
import { diag, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { suggest } from '../common/suggest.js';
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

/**
 * ZC1401, the one diagnostic of every command for a policy it cannot find: `ref` (--policy) not
 * among `policies`, or — `ref` undefined — no policy at all in `dir` (the policies directory: a
 * directory without a .zc that declares a 政策). Points at `dir`; its help names the nearest
 * policy (by id, name or document number, or the last segment of a path) and those there are;
 * for no policy at all, `how` (the command's way of naming the directory).
 * INVARIANT: batch, eval and explain give the same text for the same situation (test/cli/policy-not-found.test.ts).
 */
export function policyNotFound(policies: readonly LoweredPolicy[], ref: string | undefined, dir: string, how = '用 --paths 指定政策所在的目录'): Diagnostic {
  const span = { file: dir, start: 0, end: 0 };
  if (ref === undefined || !policies.length) {
    return diag('ZC1401', span, ref === undefined ? `“${dir}”中没有政策（含“政策”声明的 .zc 文件）` : `找不到政策“${ref}”：“${dir}”中没有政策（含“政策”声明的 .zc 文件）`, { help: how });
  }
  const ids = new Map<string, string>();
  for (const p of policies) {
    for (const k of [p.ir.policy.id, p.ir.policy.name, p.ir.policy.docNumber]) if (k && !ids.has(k)) ids.set(k, p.ir.policy.id);
  }
  const last = ref.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? ref;
  const near = suggest(ref, ids.keys()) ?? (last !== ref ? suggest(last, ids.keys()) : undefined);
  const list = `可用：${policies.map((p) => p.ir.policy.id).join('、')}（政策的标识、目录或文号）`;
  return diag('ZC1401', span, `找不到政策“${ref}”`, { help: near !== undefined ? `是不是要写“${ids.get(near)}”？${list}` : list });
}
