/**
 * `zhengce eval --date D [--events F|none] [--policy P] [--paths DIR] CASE.yaml` — evaluate
 * one case; JSON decisions on stdout (terminal-unsafe characters \u-escaped).
 *
 * CASE.yaml: `{ 政策?: <policy id or directory>, 事实: { 实体: { 字段: 值 } | 不存在 } }`
 * (strict: any other top-level key is an error).
 *
 * Events registry (project/events.ts): `--events F`, `--events none`, or by default
 * `events.yaml` in the policies directory given by --paths — never looked up from the
 * current directory. No registry found, or a broken one, is an error (exit 1). The
 * decision set records the registry it used (`事件登记`: path and SHA-256, or "none").
 *
 * Every problem with the input is one diagnostic report on stderr — Chinese, with
 * file:line:col in the case (or registry) file, the problem and the fix — exit 1:
 * unreadable file (ZC0001), not UTF-8 text (ZC0002: UTF-16, GBK, binary … with the
 * byte), YAML errors (ZC0806, Chinese messages), a wrong shape or unknown key (ZC0806),
 * invalid facts (ZC0804, one per problem of the evaluator's InputError, placed on the
 * YAML node of its path). Usage errors (missing or malformed --date …) exit 2.
 */
import { existsSync } from 'node:fs';
import { isMap, isScalar, type Node as YNode } from 'yaml';
import { SourceFile } from '../common/source.js';
import { parseDate } from '../common/calendar.js';
import { nodeHost, readText } from '../project/host.js';
import { findPolicy, loadPolicies, policyNotFound } from '../project/policies.js';
import { evaluate } from '../interpret/interpreter.js';
import { InputError, CalendarCoverageError, type EventsRegistry, type InputProblem } from '../interpret/decision.js';
import { escapeJsonUnsafe, renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { diag, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { fullWidthHints, nodeAtPath, nodeSpan, parseYamlFile } from '../diagnostics/yaml.js';
import { args, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Io } from './common.js';
import { commandEvents } from './case.js';

export const evalHelp = `用法：zhengce eval --date 日期 [--events 事件.yaml|none] [--policy 政策] [--paths 目录] 个案.yaml

按评估日期对一个个案求值，在标准输出打印 JSON 决定。
  --date YYYY-MM-DD     评估日期（必填）
  --events 文件|none    上级政策事件登记（YAML 事件列表）；省略时使用政策目录（--paths）中的 events.yaml，
                        找不到或有错误时报错；写 none 表示明确不考虑上级政策事件
  --policy 政策         政策的标识、目录或文号（个案文件中的“政策”键也可指定；只有一个政策时可省略）
  --paths 目录          政策所在目录（默认 policies）

个案文件：
  政策: luanchuan        # 可选
  事实:
    家庭:
      夫妻: [ { 户籍: 栾川县 }, { 户籍: 县外 } ]
      子女: [ { 出生日期: 2024-05-10, 同胎序号: 1, 户籍: 栾川县 } ]   # 省略的事实是“未知”，不是“否”
    婴幼儿: 不存在       # 说明没有这个实体；省略的实体是“未知”，相关措施为“存疑”

决定集中的“事件登记”记录所用的登记（路径与 SHA-256，或 none）。
退出码：0 成功；1 个案、事件登记或政策有错误；2 用法错误。
`;

/** `--date` must be a real calendar date; say clearly when it swallowed the case path (eval, explain). */
export function checkDateOption(date: string, positionals: readonly string[]): void {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const r = parseDate(date);
    if (!r.ok) throw new UsageError(`--date 的值“${date}”不是存在的日期：${r.message}`);
    return;
  }
  const looksLikeFile = /\.(ya?ml|json)$/i.test(date) || existsSync(date);
  if (looksLikeFile) {
    throw new UsageError(`--date 后面缺少日期：“${date}”是个案文件，被当成了 --date 的值${positionals.length ? '' : '（因此也没有个案文件）'}；请写 --date YYYY-MM-DD ${date}`);
  }
  throw new UsageError(`--date 的值“${date}”不是日期：请写 YYYY-MM-DD，如 2024-06-01`);
}

/** A case file read and checked (eval, explain): its text, YAML tree, facts and policy. */
export interface CaseFile {
  readonly file: SourceFile;
  readonly root: YNode;
  readonly facts: unknown;
  readonly policy: string | undefined;
}

/** What a YAML node is, for messages. */
function kindOf(n: YNode | null): string {
  if (n === null) return '空值';
  if (isMap(n)) return '映射';
  if (isScalar(n)) return typeof n.value === 'string' ? `文本“${String(n.value).slice(0, 20)}”` : typeof n.value === 'number' ? `数字 ${String(n.value)}` : typeof n.value === 'boolean' ? `是否值 ${String(n.value)}` : 'null';
  return '列表';
}

/** Read and check the case file's shape (eval, explain): every problem a diagnostic at file:line:col. */
export function readCaseFile(path: string, files: Map<string, SourceFile>): { value?: CaseFile; diagnostics: Diagnostic[] } {
  const r = readText(nodeHost, path);
  if (!r.ok && r.missing) return { diagnostics: [diag('ZC0001', { file: path, start: 0, end: 0 }, `无法读取个案文件“${path}”：文件不存在或不可读`)] };
  if (!r.ok) {
    const sf = new SourceFile(path, r.problem.validPrefix);
    files.set(path, sf);
    const at = r.problem.validPrefix.length;
    return { diagnostics: [diag('ZC0002', sf.span(at, at), `个案文件：${r.problem.message}`, { help: r.problem.help })] };
  }
  const file = new SourceFile(path, r.text);
  files.set(path, file);
  const parsed = parseYamlFile(file, 'ZC0806', '个案文件不是有效的 YAML');
  if (parsed.diagnostics.length || !parsed.doc) return { diagnostics: parsed.diagnostics };
  const root = parsed.doc.contents as YNode | null;
  const out: Diagnostic[] = [];
  if (root === null) {
    return { diagnostics: [diag('ZC0806', file.span(0, 0), '个案文件是空的（没有内容，或只有注释）', { help: '至少写“事实:”及各实体的事实，如：事实: { 家庭: { 夫妻: [ { 户籍: 栾川县 } ] } }' })] };
  }
  if (!isMap(root)) {
    out.push(diag('ZC0806', nodeSpan(file, root), `个案文件的顶层应为映射（政策、事实），这里是${kindOf(root)}`, { help: '写成“事实:”下各实体的事实；键与值之间用半角冒号加空格“: ”' }));
    out.push(...fullWidthHints(file, 'ZC0806'));
    return { diagnostics: out };
  }
  let facts: YNode | null | undefined;
  let policy: string | undefined;
  for (const pair of root.items) {
    const keyNode = pair.key as YNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === '事实') facts = pair.value as YNode | null;
    else if (key === '政策') {
      const v = pair.value as YNode | null;
      if (isScalar(v) && typeof v.value === 'string' && v.value.trim() !== '') policy = v.value;
      else out.push(diag('ZC0806', nodeSpan(file, v ?? keyNode), `“政策”应为政策的标识、目录或文号（文本），这里是${kindOf(v)}`, { help: '如 政策: luanchuan；数字请加引号，如 政策: "2023"' }));
    } else {
      out.push(diag('ZC0806', nodeSpan(file, keyNode), `个案文件中有未知的键${key !== undefined ? `“${key}”` : ''}`, {
        help: key?.includes('：') ? '键中有全角冒号“：”：YAML 只认半角冒号“: ”' : '顶层只允许“政策”（可选）与“事实”',
      }));
    }
  }
  if (facts === undefined) out.push(diag('ZC0806', file.span(root.range?.[0] ?? 0, root.range?.[0] ?? 0), '个案文件缺少“事实”', { help: '写“事实:”及各实体的事实，如：事实: { 家庭: { 夫妻: [ { 户籍: 栾川县 } ] } }' }));
  if (out.some((d) => d.message.startsWith('个案文件中有未知的键'))) out.push(...fullWidthHints(file, 'ZC0806'));
  if (out.length) return { diagnostics: out };
  const value = parsed.value as Record<string, unknown>;
  return { value: { file, root, facts: value['事实'], policy }, diagnostics: [] };
}

/** One diagnostic per problem of an InputError, placed on the YAML node of its path (eval, explain). */
export function problemDiagnostics(c: CaseFile, problems: readonly InputProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const hit = nodeAtPath(c.root, p.路径);
    const unknown = p.实际 === '未知字段' || p.实际 === '未知实体';
    // an empty value (`家庭:`) has an empty range after the key: point at the key
    const empty = !!hit.value?.range && hit.value.range[0] === hit.value.range[1];
    const span = nodeSpan(c.file, unknown || empty ? (hit.key ?? hit.value) : (hit.value ?? hit.key));
    const last = p.路径.split('.').pop() ?? p.路径;
    const message = p.实际 === '未知实体' ? `“${last}”不是本政策声明的实体`
      : p.实际 === '未知字段' ? `${p.路径.slice(0, p.路径.length - last.length - 1)} 没有字段“${last}”`
        : `${p.路径} 应为${p.期望}，这里是 ${p.实际}`;
    const better = unknown ? undefined : betterValue(p.期望, hit.value);
    if (better !== undefined) {
      return diag('ZC0804', span, message, { help: `改为 ${better.text}（${p.期望}${better.why}）`, fixes: [{ title: `改为 ${better.text}`, edits: [{ span, newText: better.text }] }] });
    }
    return diag('ZC0804', span, message, { help: unknown ? `应为${p.期望}` : p.实际 === '（缺失）' ? '补上这个值' : `改为${p.期望}` });
  });
}

/**
 * The value a drafter meant, when a fact is written the way a .zc file allows but a case file does
 * not: a date in the Chinese form (2024年4月10日 → 2024-04-10), an integer in full-width digits
 * (３ → 3). Undefined when there is no such reading (the general help then says what is expected).
 */
function betterValue(expected: string, node: YNode | null | undefined): { text: string; why: string } | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const raw = node.value.trim();
  if (expected.startsWith('日期')) {
    const d = parseDate(raw);
    if (!d.ok) return undefined;
    const two = (n: number) => String(n).padStart(2, '0');
    return { text: `${String(d.value.y).padStart(4, '0')}-${two(d.value.m)}-${two(d.value.d)}`, why: '' };
  }
  if (/整数$/.test(expected) && /^[０-９]+$/u.test(raw)) {
    return { text: raw.replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)), why: '，数字用半角' };
  }
  return undefined;
}

export function runEval(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, {
    date: { type: 'string' }, events: { type: 'string' }, policy: { type: 'string' }, paths: { type: 'string' },
  });
  if (values['help']) {
    io.out(evalHelp);
    return EXIT_OK;
  }
  const date = values['date'] as string | undefined;
  if (date === undefined || date === '') throw new UsageError('缺少 --date（评估日期，YYYY-MM-DD）');
  checkDateOption(date, positionals);
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `只能给一个个案文件，这里有 ${positionals.length} 个：${positionals.join('、')}` : '缺少个案文件（YAML）');
  const casePath = positionals[0]!;
  const policiesPath = (values['paths'] as string | undefined) ?? 'policies';
  const files = new Map<string, SourceFile>();
  const fail = (ds: readonly Diagnostic[]): number => {
    io.err(renderDiagnosticsText(ds, files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  };

  const c = readCaseFile(casePath, files);
  if (!c.value) return fail(c.diagnostics);
  const { result, policies, diagnostics } = loadPolicies([policiesPath], nodeHost);
  for (const [p, f] of result.files) files.set(p, f);
  if (hasErrors(diagnostics)) return fail(diagnostics.filter((d) => d.severity === 'error'));
  const ref = (values['policy'] as string | undefined) ?? c.value.policy;
  if (!policies.length) return fail([policyNotFound(policies, ref, policiesPath)]);
  const policy = ref ? findPolicy(policies, ref) : policies.length === 1 ? policies[0] : undefined;
  if (!policy && ref !== undefined && values['policy'] === undefined) {
    // named by the case file: point at it
    const node = nodeAtPath(c.value.root, '政策');
    return fail([diag('ZC0806', nodeSpan(c.value.file, node.value ?? node.key), `找不到政策“${ref}”`, { help: `可用：${policies.map((p) => p.ir.policy.id).join('、')}（政策的标识、目录或文号）` })]);
  }
  if (!policy && ref !== undefined) return fail([policyNotFound(policies, ref, policiesPath)]);
  if (!policy) {
    io.err(terminalSafe(`有多个政策，请用 --policy 或个案文件中的“政策”指定：${policies.map((p) => p.ir.policy.id).join('、')}\n`));
    return EXIT_USAGE;
  }

  const reg = commandEvents(values['events'] as string | undefined, [policiesPath], 'error');
  for (const [p, f] of reg.files) files.set(p, f);
  if (!reg.ok) return fail(reg.diagnostics);
  const { events, registry } = reg;
  if (reg.said) io.err(terminalSafe(reg.said + '\n'));
  try {
    const decisions = evaluate(policy.ir, c.value.facts, date, events, { 事件登记: registry });
    io.out(escapeJsonUnsafe(JSON.stringify(decisions, null, 2)) + '\n');
    return EXIT_OK;
  } catch (e) {
    if (e instanceof InputError) return fail(problemDiagnostics(c.value, e.problems));
    if (e instanceof CalendarCoverageError) {
      io.err(`错误[ZC0805]: ${e.message}\n  = 帮助: 工作日历覆盖 ${e.coverage.firstYear}—${e.coverage.lastYear} 年；国务院公布 ${e.year} 年放假安排后升级 chinese-days\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
}
