/**
 * `zhengce verify [paths] [--format text|json|sarif|junit|html] [--fail-level L]`
 * Runs the verification suite over every policy; exit 1 when an unaccepted finding
 * reaches the fail level (default error).
 */
import { nodeHost } from '../project/host.js';
import { loadPolicies } from '../project/policies.js';
import { diag, hasErrors } from '../diagnostics/diagnostic.js';
import { escapeJsonUnsafe, renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { verifyPolicies } from '../verify/verify.js';
import { DEFAULT_LIST_BOUND } from '../verify/smt.js';
import { renderVerifyJson, renderVerifyText } from '../verify/report-text.js';
import { renderVerifySarif } from '../verify/report-sarif.js';
import { renderVerifyJunit } from '../verify/report-junit.js';
import { renderVerifyHtml } from '../verify/report-html.js';
import type { VerifyReport } from '../verify/finding.js';
import type { SourceFile } from '../common/source.js';
import { findScenarioFiles, runScenariosWith } from './test.js';
import { commandEvents } from './case.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { evaluate } from '../interpret/interpreter.js';
import type { LoweredPolicy } from '../project/policies.js';

/**
 * Write every finding's witness as a regression scenario: the expectation is what the
 * interpreter yields today, so a later change in behaviour on that input shows up.
 */
export function saveWitnesses(report: VerifyReport, policies: readonly LoweredPolicy[], dir: string): number {
  mkdirSync(dir, { recursive: true });
  const byPolicy = new Map<string, unknown[]>();
  for (const f of report.findings) {
    if (!f.witness || f.code === 'ZC1104') continue;
    const lp = policies.find((p) => p.ir.policy.id === f.policy);
    if (!lp) continue;
    const events = f.witness.event ? [f.witness.event] : [];
    let d;
    try {
      d = evaluate(lp.ir, f.witness.facts, f.witness.date, events);
    } catch {
      continue;
    }
    const expect: Record<string, unknown> = {};
    for (const dec of d.决定) {
      if (dec.状态 === '不适用' && !Object.keys(f.witness.facts).length) continue;
      expect[dec.措施] = { 状态: dec.状态, 结果: Object.fromEntries(Object.entries(dec.结果).map(([k, v]) => [k, v.值])) };
    }
    const list = byPolicy.get(f.policy) ?? [];
    list.push({ 名称: `${f.code} ${f.subject}`, 说明: f.message, 日期: f.witness.date, ...(events.length ? { 事件: events } : {}), 事实: f.witness.facts, 期望: expect });
    byPolicy.set(f.policy, list);
  }
  let n = 0;
  for (const [policy, list] of byPolicy) {
    n += list.length;
    writeFileSync(join(dir, `${policy}-witnesses.yaml`), `# 由 zhengce verify --save-witnesses 生成：每个反例一个场景，期望为当前求值结果（回归测试）。\n${toYaml({ 政策: policy, 场景: list }, { lineWidth: 0 })}`);
  }
  return n;
}
import { args, EXIT_FINDINGS, EXIT_OK, parseFailLevel, parseFormat, parseSolverLimits, RLIMIT_HELP, UsageError, type Io, pathsNotPolicy } from './common.js';

export const verifyHelp = `用法：zhengce verify [路径...] [--format text|json|sarif|junit|html] [--fail-level error|warning|note]
                      [--timeout 毫秒] [--rlimit N] [--runs N] [--list-bound N] [--events 文件|none] [--allow-unknown] [--allow-bounded]
                      [--output 文件]

对政策做核查：矛盾、缺口、永不适用/被覆盖/多余的规则、有效性、用户声明的性质（边界、条款一致、概念一致）、
原文措辞、指标推算。每项发现附条款、反例（事实 + 日期）和各方结论；求解器的反例都经解释器复现。
  --format          输出格式（默认 text）
  --fail-level      未接受的发现达到该级别时退出码为 1（默认 error）
  --timeout         每个 SMT 查询的时限（默认 5000 毫秒）；超时记为“未判定”，不算通过
  --rlimit          ${RLIMIT_HELP}
  --runs            每条性质的随机测试次数（默认 1000）
  --list-bound      SMT 编码中每个列表的元素个数上限（默认 ${DEFAULT_LIST_BOUND}）；前提未把列表限制在上限以内时，
                    涉及列表的证明只是“有界证明”（ZC0919，不算通过）；随机测试也会试更长的列表
  --events          上级政策事件登记，或 none（默认：政策目录中的 events.yaml；有错误时报错，没有时在标准错误输出上说明）
  --allow-unknown   求解器未能判定的查询（ZC0915）不使退出码为 1（默认会：未判定不算通过）
  --allow-bounded   有界证明（ZC0919）不使退出码为 1（默认会：有界证明不算通过）
  --output          写入文件而不是标准输出
  --save-witnesses 目录  把每个反例写成 YAML 场景文件（回归测试）
  --no-scenarios    不运行 scenarios/ 下的场景测试（默认会运行，失败的场景记为 ZC1104）

退出码：0 通过；1 有达到 --fail-level 的未接受发现、未判定的查询（ZC0915）或有界证明（ZC0919）
（后两者可用 --allow-unknown / --allow-bounded 放行），或政策有错误；2 用法错误。
JUnit 输出与退出码一致：使退出码为 1 的发现是 failure 或 error，放行的 ZC0915/ZC0919 记为 skipped。
`;

export type Renderer = (r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string) => string;
const renderers: Record<string, Renderer> = {
  text: renderVerifyText, json: renderVerifyJson, sarif: (r, f, c) => escapeJsonUnsafe(renderVerifySarif(r, f, c)), html: renderVerifyHtml,
};
/** Register another report format (sarif, junit, html). */
export function registerVerifyFormat(name: string, r: Renderer): void {
  renderers[name] = r;
}

export async function runVerify(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    format: { type: 'string' }, 'fail-level': { type: 'string' }, timeout: { type: 'string' }, rlimit: { type: 'string' }, runs: { type: 'string' },
    events: { type: 'string' }, output: { type: 'string' }, 'save-witnesses': { type: 'string' }, 'no-scenarios': { type: 'boolean' },
    'list-bound': { type: 'string' },
    'allow-unknown': { type: 'boolean' },
    'allow-bounded': { type: 'boolean' },
  }, pathsNotPolicy('verify'));
  if (values['help']) {
    io.out(verifyHelp);
    return EXIT_OK;
  }
  const format = parseFormat(values['format'] as string | undefined, ['text', 'json', 'sarif', 'junit', 'html'] as const, 'text');
  const level = parseFailLevel(values['fail-level'] as string | undefined);
  const limits = parseSolverLimits(values);
  const runs = values['runs'] === undefined ? 1000 : Number(values['runs']);
  if (!Number.isInteger(runs) || runs < 0) throw new UsageError('--runs 应为非负整数');
  const listBound = values['list-bound'] === undefined ? DEFAULT_LIST_BOUND : Number(values['list-bound']);
  if (!Number.isInteger(listBound) || listBound < 1 || listBound > 32) throw new UsageError('--list-bound 应为 1 至 32 之间的整数');
  const renderer: Renderer | undefined = format === 'junit' ? (r, f, c) => renderVerifyJunit(r, f, c, level, { unknown: !!values['allow-unknown'], bounded: !!values['allow-bounded'] }) : renderers[format];
  if (!renderer) throw new UsageError(`此版本尚不支持 --format ${format}`);
  const { result, policies, diagnostics } = loadPolicies(positionals.length ? positionals : ['policies'], nodeHost);
  if (hasErrors(diagnostics)) {
    io.err(renderDiagnosticsText(diagnostics.filter((d) => d.severity === 'error'), result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  // INVARIANT: nothing is skipped silently — a program without a 政策 declaration cannot be
  // verified (no name, 文号 or 施行日); it is named on stderr, and with no policy at all, exit 1.
  const unverifiable = result.programs.filter((p) => !p.checked.policy).map((p) => diag(policies.length ? 'ZC0922' : 'ZC0921',
    { file: p.root, start: 0, end: 0 },
    `“${p.root}”没有“政策”声明，${policies.length ? '未核查' : '没有可核查的政策'}（核查需要政策的名称、文号和施行日）`,
    { help: '在政策的根文件里写 政策 「名称」 { 文号："…" 生效：…年…月…日 … }（grammar/README.md §8.3），其余文件用 导入 引入' }));
  if (!policies.length) {
    const none = unverifiable.length ? unverifiable : [diag('ZC0921', { file: (positionals[0] ?? 'policies'), start: 0, end: 0 }, `“${positionals.join('、') || 'policies'}”中没有可核查的政策`)];
    io.err(renderDiagnosticsText(none, result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  if (unverifiable.length) io.err(renderDiagnosticsText(unverifiable, result.files, { cwd: io.cwd }));
  const policyPaths = positionals.length ? positionals : ['policies'];
  // the registry belongs to the policies: one default per policies directory given (commandEvents)
  const reg = commandEvents(values['events'] as string | undefined, policyPaths, { note: '核查' });
  if (!reg.ok) {
    io.err(renderDiagnosticsText(reg.diagnostics, reg.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  const events = reg.events;
  if (reg.said && reg.registry === 'none') io.err(terminalSafe(reg.said + '\n'));
  const scenarioRun = values['no-scenarios'] ? undefined : runScenariosWith(findScenarioFiles(nodeHost, policyPaths), policies, nodeHost);
  const files = new Map([...result.files, ...(scenarioRun?.sources ?? [])]);
  if (scenarioRun && scenarioRun.diagnostics.length) io.err(renderDiagnosticsText(scenarioRun.diagnostics, files, { cwd: io.cwd }));
  const report = await verifyPolicies(policies, { ...limits, pbtRuns: runs, listBound, events, ...verifyPlugins, ...(scenarioRun ? { scenarios: scenarioRun.results } : {}) });
  if (values['save-witnesses']) {
    const n = saveWitnesses(report, policies, values['save-witnesses'] as string);
    io.err(`已把 ${n} 个反例写成场景文件：${values['save-witnesses']}\n`);
  }
  const text = renderer(report, files, io.cwd);
  if (values['output']) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values['output'] as string, text);
  } else io.out(text.endsWith('\n') ? text : text + '\n');
  const code = verifyExitCode(report, level, !!values['allow-unknown'], !!values['allow-bounded']);
  // INVARIANT: an exit code 1 is explained on stderr (the report itself may go to a file)
  if (code !== EXIT_OK) io.err(verifyExitReason(report, level, !!values['allow-unknown'], !!values['allow-bounded']) + '\n');
  return code;
}

/** What makes a verification fail: counts of each cause (0 when allowed). */
function exitCauses(report: VerifyReport, level: 'error' | 'warning' | 'note', allowUnknown: boolean, allowBounded: boolean): { failing: number; unknown: number; bounded: number } {
  const min = level === 'error' ? 0 : level === 'warning' ? 1 : 2;
  const rank: Record<string, number> = { error: 0, warning: 1, info: 2, hint: 3 };
  const open = report.findings.filter((f) => !f.accepted);
  return {
    failing: open.filter((f) => f.code !== 'ZC0909' && rank[f.severity]! <= min).length,
    unknown: allowUnknown ? 0 : open.filter((f) => f.code === 'ZC0915').length,
    bounded: allowBounded ? 0 : open.filter((f) => f.code === 'ZC0919').length,
  };
}

/**
 * Exit code of a verification: 1 when an unaccepted finding reaches the fail level, or —
 * unless `allowUnknown` — when a query could not be decided (ZC0915: unknown is never a
 * pass, whatever the level), or — unless `allowBounded` — when a proof holds only up to the
 * list bound (ZC0919: a bounded proof is not a pass either); else 0. A proof (ZC0909) is
 * never a failure.
 */
export function verifyExitCode(report: VerifyReport, level: 'error' | 'warning' | 'note', allowUnknown: boolean, allowBounded = false): number {
  const c = exitCauses(report, level, allowUnknown, allowBounded);
  return c.failing || c.unknown || c.bounded ? EXIT_FINDINGS : EXIT_OK;
}

/** Why `verifyExitCode` gave 1, in Chinese, one clause per cause (for stderr). */
export function verifyExitReason(report: VerifyReport, level: 'error' | 'warning' | 'note', allowUnknown: boolean, allowBounded = false): string {
  const { failing, unknown, bounded } = exitCauses(report, level, allowUnknown, allowBounded);
  const levelName = { error: '错误', warning: '警告', note: '信息' }[level];
  const parts: string[] = [];
  if (failing) parts.push(`${failing} 项未接受的发现达到 --fail-level ${level}（${levelName}及以上）`);
  if (unknown) parts.push(`${unknown} 个查询未能判定（ZC0915，不算通过；可用 --allow-unknown 放行）`);
  if (bounded) parts.push(`${bounded} 项只是有界证明（ZC0919，不算通过；可用 --allow-bounded 放行）`);
  return `退出码 1：${parts.join('；')}`;
}

/** Engines/replayers registered by other modules (pbt, generated evaluators). */
export const verifyPlugins: Partial<Pick<Parameters<typeof verifyPolicies>[1], 'pbt' | 'generated'>> = {};
