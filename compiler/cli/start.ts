/**
 * `zhengce start` (npm start): the newcomer's one command. Compiles every policy,
 * writes generated/ (evaluators, schemas, docs), runs the verification suite and
 * publishes its report in generated/docs/verify/, checks clause coverage and the
 * scenario suite, and prints a summary. Exit 1 if anything is in error.
 */
import { nodeHost } from '../project/host.js';
import { buildGenerated, diffGenerated, writeGenerated } from '../emit/build.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { verifyPolicies } from '../verify/verify.js';
import { PUBLISHED_RLIMIT } from '../verify/limits.js';
import type { VerifyReport } from '../verify/finding.js';
import { renderVerifyJson } from '../verify/report-text.js';
import { renderVerifySarif } from '../verify/report-sarif.js';
import { renderVerifyHtml } from '../verify/report-html.js';
import { renderVerifyJunit } from '../verify/report-junit.js';
import { chooseRegistry } from '../project/events.js';
import { computeCoverage } from '../coverage/coverage.js';
import { findScenarioFiles, runScenariosWith } from './test.js';
import { args, EXIT_FINDINGS, EXIT_OK, type Io } from './common.js';
import type { SourceFile } from '../common/source.js';

export const startHelp = `用法：zhengce start [--check]

一键完成：检查全部政策 → 生成 generated/（求值器、JSON Schema、文档）→ 核查并把报告发布到
generated/docs/verify/ → 原文覆盖率 → 场景测试，最后打印摘要。
  --check   不写文件，只检查 generated/ 是否最新（CI 用）
`;

/** Stats without wall-clock times (marked `untimed`): the published report must be byte-identical between runs. */
export function withoutTimings(r: VerifyReport): VerifyReport {
  return { ...r, policies: r.policies.map((p) => ({ ...p, stats: { ...p.stats, untimed: true, smtMs: 0, smtQueryMs: [], pbtMs: 0, staticMs: 0 } })) };
}

/** The published verification report files (relative to generated/). */
export function publishedReport(report: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string): Map<string, string> {
  const r = withoutTimings(report);
  const out = new Map<string, string>();
  out.set('docs/verify/report.html', renderVerifyHtml(r, files, cwd, { docs: { base: '../' } }));
  out.set('docs/verify/report.json', renderVerifyJson(r, files, cwd) + '\n');
  out.set('docs/verify/report.sarif', renderVerifySarif(r, files, cwd) + '\n');
  // as `npm start` judges the run: an undecided query fails it, a bounded proof does not (but is no pass: skipped)
  out.set('docs/verify/report.junit.xml', renderVerifyJunit(r, files, cwd, 'error', { bounded: true }));
  return out;
}

export async function runStart(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, { check: { type: 'boolean' } });
  if (values['help']) {
    io.out(startHelp);
    return EXIT_OK;
  }
  const check = !!values['check'];
  const t0 = performance.now();
  const b = buildGenerated(['policies'], nodeHost);
  const errors = b.diagnostics.filter((d) => d.severity === 'error');
  const warnings = b.diagnostics.filter((d) => d.severity === 'warning');
  if (hasErrors(b.diagnostics)) {
    io.out(renderDiagnosticsText(errors, b.result.files, { cwd: io.cwd }));
    io.out('政策有错误，未生成。\n');
    return EXIT_FINDINGS;
  }
  io.out(`① 检查：${b.result.files.size} 个文件，${b.policies.length} 个政策（${b.policies.map((p) => p.ir.policy.id).join('、')}），0 个错误，${warnings.length} 个警告（zhengce check 查看）\n`);

  const reg = chooseRegistry(nodeHost, undefined, 'policies');
  if (reg.diagnostics.length || !reg.value) {
    io.out(renderDiagnosticsText(reg.diagnostics, reg.files, { cwd: io.cwd }));
    io.out('事件登记有错误，未核查。\n');
    return EXIT_FINDINGS;
  }
  if (reg.value.kind === 'missing') io.out(`（没有找到事件登记 ${reg.value.path}：核查不考虑上级政策事件）\n`);
  const events = reg.value.kind === 'file' ? reg.value.registry.events : [];
  const scen = runScenariosWith(findScenarioFiles(nodeHost, ['policies']), b.policies, nodeHost);
  const report = await verifyPolicies(b.policies, { timeoutMs: 0, rlimit: PUBLISHED_RLIMIT, pbtRuns: 1000, events, scenarios: scen.results });
  const files = new Map([...b.files, ...publishedReport(report, new Map([...b.result.files, ...scen.sources]), io.cwd)]);

  // docs/diff/ holds example change-impact reports written by `zhengce diff` (test/diff/county.test.ts checks them),
  // docs/budget/ the budget estimate pages of `zhengce batch --synthesize --docs` (test/sql/batch.test.ts)
  const keepExamples = (rel: string) => rel.startsWith('docs/diff/') || rel.startsWith('docs/budget/');
  let stale = 0;
  if (check) {
    const d = diffGenerated('generated', files, keepExamples);
    stale = d.changed.length + d.missing.length + d.stale.length;
    io.out(stale ? `② generated/ 已过期：${[...d.changed, ...d.missing, ...d.stale].join('、')}（运行 npm start 更新）\n` : `② generated/ 是最新的（${files.size} 个文件）\n`);
  } else {
    const w = writeGenerated('generated', files, keepExamples);
    io.out(`② 生成：${files.size} 个文件写入 generated/（${w.written.length} 个有变化）——求值器 generated/<政策>/index.ts，文档 generated/docs/index.html\n`);
  }
  const count = (s: string) => report.findings.filter((f) => f.severity === s && !f.accepted && f.code !== 'ZC0909').length;
  const proved = report.findings.filter((f) => f.code === 'ZC0909').length;
  const st = report.policies.reduce((a, p) => ({ q: a.q + p.stats.smtQueries, c: a.c + p.stats.pbtCases, smt: a.smt + p.stats.smtMs, pbt: a.pbt + p.stats.pbtMs, st: a.st + p.stats.staticMs }), { q: 0, c: 0, smt: 0, pbt: 0, st: 0 });
  io.out(`③ 核查：${report.findings.length} 项发现——${count('error')} 个错误，${count('warning')} 个警告，${count('info')} 条信息，${report.findings.filter((f) => f.accepted).length} 项已接受，${proved} 条性质已证明（SMT 查询 ${st.q} 次 ${st.smt.toFixed(0)} 毫秒，随机测试 ${st.c} 例 ${st.pbt.toFixed(0)} 毫秒，静态检查 ${st.st.toFixed(0)} 毫秒；发布的报告不含用时）；报告 generated/docs/verify/report.html\n`);
  for (const f of report.findings.filter((x) => !x.accepted && (x.severity === 'error' || x.severity === 'warning'))) io.out(terminalSafe(`     ${f.severity === 'error' ? '错误' : '警告'}[${f.code}]（${f.policy}）${f.message}\n`));

  let missing = 0;
  for (const p of b.policies) {
    if (!p.program.sourceText) continue;
    const c = computeCoverage(p.program);
    missing += c.totals.missing + c.totals.partial;
    io.out(`④ 覆盖（${p.ir.policy.id}）：${c.totals.sentences} 句，已形式化 ${c.totals.formalised}，已标注不可计算 ${c.totals.marked}，部分 ${c.totals.partial}，缺失 ${c.totals.missing}\n`);
  }
  const passed = scen.results.filter((r) => r.passed).length;
  io.out(`⑤ 场景测试：${passed} 个通过，${scen.results.length - passed} 个失败\n`);
  io.out(`完成，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒。打开 generated/docs/index.html 阅读文档。\n`);
  // unknown is never a pass: an undecided SMT query (ZC0915) fails the run like an error
  const undecided = report.findings.some((f) => f.code === 'ZC0915' && !f.accepted);
  const failed = count('error') > 0 || undecided || missing > 0 || passed !== scen.results.length || stale > 0 || hasErrors(scen.diagnostics);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
