/**
 * The events registry of eval, explain, verify and diff (the case file itself is read by eval.ts's
 * readCaseFile, for eval and explain alike). Input: CLI values. Output: the events, or the
 * diagnostics that say why there are none.
 */
import type { SourceFile } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { EventsRegistry } from '../interpret/decision.js';
import { chooseRegistry, defaultRegistryPath, policyRegistry } from '../project/events.js';
import { nodeHost } from '../project/host.js';
import { UsageError } from './common.js';

/** The events a command runs with (commandEvents), or why it cannot run. */
export type CommandEvents =
  | { readonly ok: true; readonly events: unknown[]; readonly registry: EventsRegistry; readonly files: Map<string, SourceFile>; /** a line for stderr */ readonly said?: string }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly files: Map<string, SourceFile> };

/**
 * The events registry of a command run on the policies at `policyPaths`, the same for eval, explain, verify
 * and diff (project/events.ts chooseRegistry): `--events FILE`, `--events none`, or by default events.yaml
 * in a policies directory given — never looked up from the current directory. Of several directories, the
 * one that has a registry (two with different ones: a usage error — say which with --events). A registry
 * with errors is its diagnostics. No default registry: with `missing: 'error'` (eval, explain: a decision
 * whose sunset is unknown is not given) a ZC0001 diagnostic with the fix; with `missing: { note }` (verify:
 * 核查, diff: 比较) no events and a line saying so, naming a registry one directory up if there is one (never
 * used unasked). A default registry that is used is said too (`said`).
 * @throws {UsageError} two policies directories with different registries and no --events.
 */
export function commandEvents(eventsOption: string | undefined, policyPaths: readonly string[], missing: 'error' | { readonly note: string }): CommandEvents {
  // of several directories, the one with a registry (one directory: chooseRegistry looks there itself)
  let policiesPath = policyPaths[0]!;
  if (policyPaths.length > 1) {
    const withRegistry = policyPaths.filter((p) => nodeHost.readFile(defaultRegistryPath(nodeHost, p)) !== undefined);
    const defaults = [...new Set(withRegistry.map((p) => defaultRegistryPath(nodeHost, p)))];
    if (eventsOption === undefined && defaults.length > 1) throw new UsageError(`这些政策目录各有事件登记（${defaults.join('、')}）：请用 --events 指定一个`);
    policiesPath = withRegistry[0] ?? policiesPath;
  }
  const reg = chooseRegistry(nodeHost, eventsOption, policiesPath);
  if (reg.diagnostics.length || !reg.value) return { ok: false, diagnostics: reg.diagnostics, files: reg.files };
  const v = reg.value;
  if (v.kind === 'none') return { ok: true, events: [], registry: 'none', files: reg.files };
  if (v.kind === 'missing') {
    if (missing === 'error') {
      return { ok: false, files: reg.files, diagnostics: [diag('ZC0001', { file: v.path, start: 0, end: 0 }, `政策目录“${policiesPath}”中没有事件登记“${v.path}”：不知道上级政策事件，无法判断政策是否已废止`, { help: '用 --events 文件 指定上级政策事件登记，或用 --events none 明确不考虑上级政策事件' })] };
    }
    // a registry one directory up (`zhengce verify policies/luanchuan` beside policies/events.yaml, which
    // `npm start` uses): named with the option that uses it
    const ups = [...new Set(policyPaths.map((p) => policyRegistry(nodeHost, p).up).filter((up) => up !== undefined))];
    const hint = ups.length ? `；上一级目录有事件登记 ${ups[0]}，要用它请加 --events ${ups[0]}` : '';
    return { ok: true, events: [], registry: 'none', files: reg.files, said: `（没有找到事件登记 ${v.path}：${missing.note}不考虑上级政策事件${hint}；用 --events 文件 指定，或 --events none 明确不考虑）` };
  }
  return {
    ok: true, events: v.registry.events, registry: v.registry.info, files: reg.files,
    ...(eventsOption === undefined ? { said: `（使用事件登记 ${v.registry.file.path}；用 --events none 可明确不考虑上级政策事件）` } : {}),
  };
}
