/**
 * `zhengce test [paths]` — run YAML scenario tests (files under a `scenarios/`
 * directory, default: policies/). Prints one line per scenario and
 * "N passed, M failed"; exit 1 on any failure or invalid scenario file.
 */
import { join } from 'node:path';
import { INVALID_UTF8, nodeHost, readText, type Host } from '../project/host.js';
import { diag } from '../diagnostics/diagnostic.js';
import { loadPolicies, type LoweredPolicy } from '../project/policies.js';
import { SourceFile } from '../common/source.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { parseScenarios, runScenario, type ScenarioResult } from '../scenario/scenario.js';
import { args, EXIT_FINDINGS, EXIT_OK, type Io } from './common.js';

export const testHelp = `用法：zhengce test [路径...] [--policies 目录]

运行 YAML 场景测试（顶层有“场景”键的 .yaml 文件；默认在 policies/ 中查找）。
每个场景：名称、日期、事件、事实、期望（各措施的状态与结果）或 期望错误。
未知的键是错误，并给出位置。退出码：0 全部通过；1 有失败或场景文件无效；2 用法错误。
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

export function runScenarioFiles(files: readonly string[], policyPaths: readonly string[], host: Host): { results: ScenarioResult[]; diagnostics: Diagnostic[]; sources: Map<string, SourceFile> } {
  const { result, policies, diagnostics } = loadPolicies(policyPaths, host);
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
  const files = findScenarioFiles(nodeHost, paths);
  const { results, diagnostics, sources } = runScenarioFiles(files, [(values['policies'] as string | undefined) ?? 'policies'], nodeHost);
  if (diagnostics.length) io.out(renderDiagnosticsText(diagnostics, sources, { cwd: io.cwd }));
  for (const r of results) {
    // scenario names, file names and problems (which quote values) are untrusted text
    io.out(terminalSafe(`${r.passed ? '✓' : '✗'} ${r.scenario.file} » ${r.scenario.name}\n`));
    for (const p of r.problems) io.out(terminalSafe(`    ${p}\n`));
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  io.out(`${passed} passed, ${failed} failed\n`);
  return failed || hasErrors(diagnostics) || results.length === 0 ? EXIT_FINDINGS : EXIT_OK;
}
