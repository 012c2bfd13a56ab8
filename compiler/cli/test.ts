/**
 * `zhengce test [paths] [--policies DIR]` — run YAML scenario tests (files under a `scenarios/`
 * directory, default: policies/) against the policies they belong to: with `--policies`, those;
 * else the policies at or above each path given (`scenarioPolicyPaths`: the path itself when .zc
 * files lie under it, else its nearest ancestor that has them — so `zhengce test copy/sample`
 * tests copy/sample's own policy, never policies/ of the current directory). Prints one line per
 * scenario and “共 N 个场景：P 个通过，F 个失败”; a path that does not exist is ZC0001 and no
 * scenario found is said; exit 1 on any failure, invalid scenario file, policy error or no scenario.
 * A policies path that does not exist (ZC0001, as `eval --paths`) or holds no policy (ZC1401, as
 * batch/eval/explain) is one error before any scenario runs — not one codeless failure per scenario.
 */
import { dirname, join, resolve } from 'node:path';
import { INVALID_UTF8, nodeHost, readText, type Host } from '../project/host.js';
import { diag } from '../diagnostics/diagnostic.js';
import { missingPath } from '../project/program.js';
import { findPolicy, loadPolicies, policyNotFound, type LoweredPolicy } from '../project/policies.js';
import { SourceFile } from '../common/source.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { parseScenarios, runScenario, type ScenarioResult } from '../scenario/scenario.js';
import { args, EXIT_FINDINGS, EXIT_OK, type Io } from './common.js';

export const testHelp = `用法：zhengce test [路径...] [--policies 目录]

运行 YAML 场景测试（顶层有“场景”键的 .yaml 文件；默认在 policies/ 中查找）。
每个场景：名称、日期、事件、事实、期望（各措施的状态与结果）或 期望错误。
未知的键是错误，并给出位置。
  --policies 目录   场景所测的政策（默认：每个路径本身或其上级目录中的政策，如
                    zhengce test 副本/sample 测 副本/sample 的政策；不给路径时为 policies/）；
                    目录不存在（ZC0001）或其中没有政策（ZC1401）时，在运行任何场景之前报一条错误

退出码：0 全部通过；1 有失败、场景文件无效、政策有错误或没有找到场景；2 用法错误。
`;

/**
 * All scenario files under the paths: YAML files whose top level has a `场景` key
 * (parameter files and the events registry have none), sorted.
 */
export function findScenarioFiles(host: Host, paths: readonly string[]): string[] {
  const out: string[] = [];
  // an undecodable .yaml under scenarios/ is kept, so that its error is reported (ZC0002)
  const isScenario = (p: string) => {
    const text = host.readFile(p) ?? '';
    return text === INVALID_UTF8 ? /(^|[\\/])scenarios[\\/]/.test(p) : /^\s*场景\s*:/mu.test(text);
  };
  const walk = (dir: string) => {
    for (const name of host.readDirectory(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (host.isDirectory(p)) walk(p);
      else if (/\.ya?ml$/.test(name) && isScenario(p)) out.push(p);
    }
  };
  for (const p of paths) {
    if (host.isDirectory(p)) walk(p);
    else if (/\.ya?ml$/.test(p)) out.push(p);
  }
  return out.sort();
}

/** Does any .zc file lie under this directory (not inside node_modules or a hidden directory)? */
function hasPolicyFiles(host: Host, dir: string): boolean {
  for (const name of host.readDirectory(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (host.isDirectory(p) ? hasPolicyFiles(host, p) : name.endsWith('.zc')) return true;
  }
  return false;
}

/**
 * The policies the scenarios at these paths test, when `--policies` is not given: for each path,
 * the path itself (a directory) or its directory (a file), or else the nearest ancestor, that has
 * .zc files under it — `policies/luanchuan/scenarios/a.yaml` → `policies/luanchuan`; `副本/sample` →
 * itself. A path inside another one chosen is dropped (each policy compiled once); none found → `policies`.
 */
export function scenarioPolicyPaths(host: Host, paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const p of paths) {
    let dir = resolve(host.isDirectory(p) ? p : dirname(p));
    for (;;) {
      if (host.isDirectory(dir) && hasPolicyFiles(host, dir)) {
        found.push(dir);
        break;
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  const inside = (a: string, b: string) => a !== b && a.startsWith(b.endsWith('/') ? b : `${b}/`);
  const unique = [...new Set(found)].filter((d, _i, all) => !all.some((o) => inside(d, o)));
  return unique.length ? unique : ['policies'];
}

/**
 * Why no scenario can run against the policies loaded from `policyPaths`, or undefined: a path that
 * does not exist (its ZC0001 from compile, the one eval/batch/explain give for --paths) or, when
 * loading reported no error, no policy at all (ZC1401, `how` naming the option). INVARIANT: such a
 * problem is reported once, before any scenario runs (it used to fail every scenario with
 * “找不到政策”, no code).
 */
export function policyPathProblem(loaded: ReturnType<typeof loadPolicies>, policyPaths: readonly string[], how: string): Diagnostic[] | undefined {
  const missing = loaded.diagnostics.filter((d) => d.code === 'ZC0001' && policyPaths.includes(d.span.file));
  if (missing.length) return missing;
  if (!loaded.policies.length && !hasErrors(loaded.diagnostics)) return [policyNotFound([], undefined, policyPaths.join('、'), how)];
  return undefined;
}

export function runScenarioFiles(files: readonly string[], policyPaths: readonly string[], host: Host, loaded = loadPolicies(policyPaths, host)): { results: ScenarioResult[]; diagnostics: Diagnostic[]; sources: Map<string, SourceFile> } {
  const { result, policies, diagnostics } = loaded;
  const r = runScenariosWith(files, policies, host);
  return { results: r.results, diagnostics: [...diagnostics.filter((d) => d.severity === 'error'), ...r.diagnostics], sources: new Map([...result.files, ...r.sources]) };
}

/** Run scenario files against already-loaded policies. */
export function runScenariosWith(files: readonly string[], policies: readonly LoweredPolicy[], host: Host): { results: ScenarioResult[]; diagnostics: Diagnostic[]; sources: Map<string, SourceFile> } {
  const sources = new Map<string, SourceFile>();
  const diags: Diagnostic[] = [];
  const results: ScenarioResult[] = [];
  for (const f of files) {
    const r = readText(host, f);
    if (!r.ok) {
      const sf = new SourceFile(f, r.missing ? '' : r.problem.validPrefix);
      sources.set(f, sf);
      diags.push(r.missing
        ? diag('ZC0001', sf.span(0, 0), `无法读取场景文件“${f}”`)
        : diag('ZC0002', sf.span(sf.text.length, sf.text.length), `场景文件：${r.problem.message}`, { help: r.problem.help }));
      continue;
    }
    const sf = new SourceFile(f, r.text);
    sources.set(f, sf);
    const p = parseScenarios(sf);
    for (const d of p.diagnostics) diags.push(d);
    if (hasErrors(p.diagnostics)) continue;
    // a 政策 that is not among those loaded: one error at the file's 政策 (ZC1401, as eval/batch/explain
    // give for --policy), its scenarios not run — never each scenario failed with a codeless message
    const first = p.scenarios[0];
    if (first !== undefined && policies.length && !findPolicy(policies, first.policy)) {
      diags.push({ ...policyNotFound(policies, first.policy, f), span: first.policySpan });
      continue;
    }
    for (const s of p.scenarios) results.push(runScenario(s, policies));
  }
  return { results, diagnostics: diags, sources };
}

export function runTest(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, { policies: { type: 'string' } });
  if (values['help']) {
    io.out(testHelp);
    return EXIT_OK;
  }
  const paths = positionals.length ? positionals : ['policies'];
  // a path that does not exist is said, never an empty “all passed”
  const missing = paths.filter((p) => !nodeHost.isDirectory(p) && nodeHost.readFile(p) === undefined);
  const missingDiags = missing.map((p) => missingPath(nodeHost, p));
  const files = findScenarioFiles(nodeHost, paths.filter((p) => !missing.includes(p)));
  const policyOption = values['policies'] as string | undefined;
  const policyPaths = policyOption !== undefined ? [policyOption] : positionals.length ? scenarioPolicyPaths(nodeHost, positionals.filter((p) => !missing.includes(p))) : ['policies'];
  // (no scenario file: no policy is compiled — the policies found for a directory without scenarios
  // could be a parent's far above it, /tmp with everything under it)
  const loaded = files.length ? loadPolicies(policyPaths, nodeHost) : undefined;
  const blocking = loaded && policyPathProblem(loaded, policyPaths, '用 --policies 指定场景所测政策所在的目录');
  if (blocking) {
    io.out(renderDiagnosticsText([...missingDiags, ...blocking], loaded.result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  const run = loaded ? runScenarioFiles(files, policyPaths, nodeHost, loaded) : { results: [], diagnostics: [], sources: new Map<string, SourceFile>() };
  const { results, sources } = run;
  const diagnostics = [...missingDiags, ...run.diagnostics];
  if (diagnostics.length) io.out(renderDiagnosticsText(diagnostics, sources, { cwd: io.cwd }));
  if (!files.length && !missing.length) io.out(terminalSafe(`在 ${paths.join('、')} 中没有找到场景文件（顶层有“场景”键的 .yaml 文件）\n`));
  for (const r of results) {
    // scenario names, file names and problems (which quote values) are untrusted text
    io.out(terminalSafe(`${r.passed ? '✓' : '✗'} ${r.scenario.file} » ${r.scenario.name}\n`));
    for (const p of r.problems) io.out(terminalSafe(`    ${p}\n`));
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  io.out(`共 ${results.length} 个场景：${passed} 个通过，${failed} 个失败\n`);
  return failed || hasErrors(diagnostics) || results.length === 0 ? EXIT_FINDINGS : EXIT_OK;
}
