/**
 * `zhengce explain CASE.yaml --date D [--measure M] [--why-not] [--fixed 字段,…] [--max N]` —
 * why a decision is what it is, and the smallest fact changes that would make it 适用.
 * Invalid input is reported as eval reports it (eval.ts readCaseFile, problemDiagnostics): an unreadable
 * or malformed case file and every invalid fact a Chinese diagnostic with its code at file:line:col
 * (ZC0001, ZC0002, ZC0806, ZC0804), exit 1, never an explanation; a --date that is no date, exit 2.
 */
import { nodeHost } from '../project/host.js';
import { findPolicy, loadPolicies, policyNotFound } from '../project/policies.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../common/source.js';
import { CalendarCoverageError, InputError } from '../interpret/decision.js';
import { explain } from '../explain/explain.js';
import { renderExplainJson, renderExplainText } from '../explain/render.js';
import { DEFAULT_LIST_BOUND } from '../verify/smt.js';
import { args, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, parseFormat, parseSolverLimits, RLIMIT_HELP, UsageError, type Io } from './common.js';
import { commandEvents } from './case.js';
import { checkDateOption, problemDiagnostics, readCaseFile } from './eval.js';

export const explainHelp = `用法：zhengce explain 个案.yaml --date 日期 [--measure 措施] [--why-not] [--fixed 字段,…] [--max N]

解释一个个案的决定：每条规则未满足与未知的条件；对“不适用”或“存疑”的措施，给出使其“适用”的
最少事实改变（按改变的事实个数最少；求解器与核查用同一编码、同一时限），每个方案都经解释器复现；
对“存疑”，列出决定它的缺失事实及其各取值的结论。
  --date YYYY-MM-DD   评估日期（必填）
  --measure 措施       只解释这一项措施（默认：个案涉及其对象、且不适用或存疑的所有措施）
  --why-not           求最少改变（默认开启；保留此选项以便书写清楚）
  --fixed 字段,…      个案不能改变的事实：字段名（出生日期）或路径（家庭.子女数、家庭.子女[2].户籍，下标从 0 起），逗号分隔
  --max N             每项措施最多列出 N 个方案（默认 3）
  --format text|json  输出格式（默认 text）
  --timeout 毫秒       每个求解查询的时限（默认 5000）；未判定如实报告，不当作“无解”
  --rlimit N          ${RLIMIT_HELP}
  --list-bound N      列表元素个数上限（默认 ${DEFAULT_LIST_BOUND}）
  --events 文件|none   上级政策事件登记；省略时使用政策目录（--paths）中的 events.yaml，没有时报错（同 eval）；none 表示无事件
  --policy 政策        政策的标识、目录或文号；--paths 目录 政策所在目录（默认 policies）

退出码：0 成功；1 输入数据或政策有错误；2 用法错误。
`;

export async function runExplain(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    date: { type: 'string' }, measure: { type: 'string' }, 'why-not': { type: 'boolean' }, fixed: { type: 'string', multiple: true },
    max: { type: 'string' }, format: { type: 'string' }, timeout: { type: 'string' }, rlimit: { type: 'string' }, 'list-bound': { type: 'string' },
    events: { type: 'string' }, policy: { type: 'string' }, paths: { type: 'string' },
  });
  if (values['help']) {
    io.out(explainHelp);
    return EXIT_OK;
  }
  const date = values['date'] as string | undefined;
  if (!date) throw new UsageError('缺少 --date（评估日期，YYYY-MM-DD）');
  // as eval: a date that does not exist (2024-13-01, 2024-02-30) is a usage error, not a problem of the case
  checkDateOption(date, positionals);
  if (positionals.length !== 1) throw new UsageError('需要且只需要一个个案文件（YAML）');
  const format = parseFormat(values['format'] as string | undefined, ['text', 'json'] as const, 'text');
  const max = values['max'] === undefined ? 3 : Number(values['max']);
  if (!Number.isInteger(max) || max < 1 || max > 50) throw new UsageError('--max 应为 1 至 50 之间的整数');
  const limits = parseSolverLimits(values);
  const listBound = values['list-bound'] === undefined ? DEFAULT_LIST_BOUND : Number(values['list-bound']);
  if (!Number.isInteger(listBound) || listBound < 1 || listBound > 32) throw new UsageError('--list-bound 应为 1 至 32 之间的整数');
  const fixed = ((values['fixed'] as string[] | undefined) ?? []).flatMap((s) => s.split(/[,，、]/)).map((s) => s.trim()).filter(Boolean);
  // the case file as eval reads it: every problem a diagnostic with file:line:col and its code
  const files = new Map<string, SourceFile>();
  const fail = (ds: readonly Diagnostic[]): number => {
    io.err(renderDiagnosticsText(ds, files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  };
  const read = readCaseFile(positionals[0]!, files);
  if (!read.value) return fail(read.diagnostics);
  const c = read.value;
  const policiesPath = (values['paths'] as string | undefined) ?? 'policies';
  const { result, policies, diagnostics } = loadPolicies([policiesPath], nodeHost);
  for (const [p, f] of result.files) files.set(p, f);
  if (hasErrors(diagnostics)) return fail(diagnostics.filter((d) => d.severity === 'error'));
  const ref = (values['policy'] as string | undefined) ?? c.policy;
  const policy = ref ? findPolicy(policies, ref) : policies.length === 1 ? policies[0] : undefined;
  if (!policy && (ref !== undefined || !policies.length)) return fail([policyNotFound(policies, ref, policiesPath)]);
  if (!policy) {
    io.err(terminalSafe(`有多个政策，请用 --policy 指定：${policies.map((p) => p.ir.policy.id).join('、')}\n`));
    return EXIT_USAGE;
  }
  const measure = values['measure'] as string | undefined;
  if (measure && !policy.ir.measures.some((m) => m.name === measure)) {
    io.err(`错误[ZC1301]: 政策“${policy.ir.policy.id}”中没有措施“${measure}”；可用：${policy.ir.measures.map((m) => m.name).join('、')}\n`);
    return EXIT_FINDINGS;
  }
  // the same registry as eval's for the same options: the decision explained is the one eval gives
  const ev = commandEvents(values['events'] as string | undefined, [policiesPath], 'error');
  if (!ev.ok) {
    io.err(renderDiagnosticsText(ev.diagnostics, ev.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  if (ev.said) io.err(terminalSafe(ev.said + '\n'));
  try {
    const report = await explain(policy.ir, c.facts, date, ev.events, { ...limits, listBound, max, fixed, ...(measure ? { measure } : {}) });
    io.out(format === 'json' ? renderExplainJson(report) : renderExplainText(report));
    return EXIT_OK;
  } catch (e) {
    // each problem placed on its YAML node (ZC0804), as eval reports it
    if (e instanceof InputError) return fail(problemDiagnostics(c, e.problems));
    if (e instanceof CalendarCoverageError) {
      io.err(`错误[ZC0805]: ${e.message}\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
}
