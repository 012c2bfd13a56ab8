/**
 * `zhengce eval --date D [--events F] [--policy P] CASE.yaml` — evaluate one case;
 * JSON decisions on stdout. Invalid input: one error listing every problem, exit 1.
 *
 * CASE.yaml: `{ 政策?: <policy id or directory>, 事实: { 实体: { 字段: 值 } } }`
 * (strict: any other top-level key is an error). Without --events, the registry
 * policies/events.yaml is used when it exists (said on stderr).
 */
import { existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { nodeHost } from '../project/host.js';
import { findPolicy, loadPolicies, readEvents } from '../project/policies.js';
import { evaluate } from '../interpret/interpreter.js';
import { InputError, CalendarCoverageError } from '../interpret/decision.js';
import { renderDiagnosticsText } from '../diagnostics/render.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { args, EXIT_FINDINGS, EXIT_OK, UsageError, type Io } from './common.js';

export const evalHelp = `用法：zhengce eval --date 日期 [--events 事件.yaml] [--policy 政策] 个案.yaml

按评估日期对一个个案求值，在标准输出打印 JSON 决定。
  --date YYYY-MM-DD     评估日期（必填）
  --events 文件         上级政策事件登记（YAML 列表）；省略时使用 policies/events.yaml（若存在）；写 none 表示无事件
  --policy 政策         政策的标识、目录或文号（个案文件中的“政策”键也可指定；只有一个政策时可省略）
  --paths 目录          政策所在目录（默认 policies）

个案文件：
  政策: luanchuan        # 可选
  事实:
    家庭: { 子女数: 3, … }

退出码：0 成功；1 输入数据或政策有错误；2 用法错误。
`;

export function runEval(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, {
    date: { type: 'string' }, events: { type: 'string' }, policy: { type: 'string' }, paths: { type: 'string' },
  });
  if (values['help']) {
    io.out(evalHelp);
    return EXIT_OK;
  }
  const date = values['date'] as string | undefined;
  if (!date) throw new UsageError('缺少 --date（评估日期，YYYY-MM-DD）');
  if (positionals.length !== 1) throw new UsageError('需要且只需要一个个案文件（YAML）');
  const casePath = positionals[0]!;
  const caseText = nodeHost.readFile(casePath);
  if (caseText === undefined) {
    io.err(`无法读取个案文件“${casePath}”\n`);
    return EXIT_FINDINGS;
  }
  let doc: unknown;
  try {
    doc = parseYaml(caseText);
  } catch (e) {
    io.err(`个案文件“${casePath}”不是有效的 YAML：${(e as Error).message.split('\n')[0]}\n`);
    return EXIT_FINDINGS;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    io.err(`个案文件“${casePath}”应为映射：政策（可选）、事实\n`);
    return EXIT_FINDINGS;
  }
  const rec = doc as Record<string, unknown>;
  const unknownKeys = Object.keys(rec).filter((k) => k !== '政策' && k !== '事实');
  if (unknownKeys.length || !('事实' in rec)) {
    io.err(`个案文件“${casePath}”：${unknownKeys.length ? `未知的键 ${unknownKeys.map((k) => `“${k}”`).join('、')}；` : ''}${'事实' in rec ? '' : '缺少“事实”；'}只允许“政策”与“事实”\n`);
    return EXIT_FINDINGS;
  }
  const { result, policies, diagnostics } = loadPolicies([(values['paths'] as string | undefined) ?? 'policies'], nodeHost);
  if (hasErrors(diagnostics)) {
    io.err(renderDiagnosticsText(diagnostics.filter((d) => d.severity === 'error'), result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  const ref = (values['policy'] as string | undefined) ?? (typeof rec['政策'] === 'string' ? rec['政策'] : undefined);
  const policy = ref ? findPolicy(policies, ref) : policies.length === 1 ? policies[0] : undefined;
  if (!policy) {
    io.err(ref ? `找不到政策“${ref}”；可用：${policies.map((p) => p.ir.policy.id).join('、')}\n` : `有多个政策，请用 --policy 指定：${policies.map((p) => p.ir.policy.id).join('、')}\n`);
    return ref ? EXIT_FINDINGS : 2;
  }
  let events: unknown = [];
  const ev = values['events'] as string | undefined;
  if (ev && ev !== 'none') {
    const r = readEvents(nodeHost, ev);
    if (!r.ok) {
      io.err(r.message + '\n');
      return EXIT_FINDINGS;
    }
    events = r.events;
  } else if (!ev && existsSync('policies/events.yaml')) {
    const r = readEvents(nodeHost, 'policies/events.yaml');
    if (r.ok) {
      events = r.events;
      io.err('（使用事件登记 policies/events.yaml；用 --events none 可不考虑上级政策事件）\n');
    }
  }
  try {
    const decisions = evaluate(policy.ir, rec['事实'], date, events);
    io.out(JSON.stringify(decisions, null, 2) + '\n');
    return EXIT_OK;
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`${e.message}\n`);
      return EXIT_FINDINGS;
    }
    if (e instanceof CalendarCoverageError) {
      io.err(`错误[ZC0805]: ${e.message}\n  = 帮助: 工作日历覆盖 ${e.coverage.firstYear}—${e.coverage.lastYear} 年；国务院公布 ${e.year} 年放假安排后升级 chinese-days\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
}
