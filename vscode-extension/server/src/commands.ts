/**
 * Code lenses on measures and the commands they run (workspace/executeCommand):
 *  - zhengce.evalExample — the interpreter (compiler/interpret) on an empty case: the
 *    measure's 对象 entity present with no facts, today's date, no higher-level events;
 *    the summary says the status, the outcomes and which facts are missing.
 *  - zhengce.verify — the verification suite (as `zhengce verify`) for the measure's
 *    policy, run by the bundled verifier in a child process (verify-process.ts: the
 *    SMT engine takes seconds; the server keeps answering) on the editor's buffers;
 *    the findings go to the Problems panel (server.ts), the summary counts them and
 *    lists those about the measure.
 *  - zhengce.explain — on a case or scenario file (explain-lens.ts): `explain` in the same
 *    child process, on the editor's buffers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { CodeLens, Range } from 'vscode-languageserver-protocol';
import type { CompiledProgram } from '../../../compiler/index.js';
import type * as A from '../../../compiler/syntax/ast.js';
import { evaluate } from '../../../compiler/interpret/interpreter.js';
import { InputError } from '../../../compiler/interpret/decision.js';
import { formatIso, type CalendarDate } from '../../../compiler/common/calendar.js';
import { loweredOf } from '../../../compiler/services/hover.js';
import { declTree, walkDecls } from '../../../compiler/services/decls.js';
import type { Finding } from '../../../compiler/verify/finding.js';
import type { EventsUsed, ExplainResponse, VerifyResponse } from './verify-process.js';
import { EXPLAIN_COMMAND } from './explain-lens.js';

export const EVAL_COMMAND = 'zhengce.evalExample';
export const VERIFY_COMMAND = 'zhengce.verify';
export const COMMANDS = [EVAL_COMMAND, VERIFY_COMMAND, EXPLAIN_COMMAND];

export function measuresOf(ast: A.FileAst): A.MeasureDecl[] {
  return [...walkDecls(declTree(ast))].filter((d) => d.kind === 'measure').map((d) => d.node as A.MeasureDecl);
}

export function codeLenses(ast: A.FileAst, uri: string, rangeOf: (s: number, e: number) => Range): CodeLens[] {
  const out: CodeLens[] = [];
  for (const m of measuresOf(ast)) {
    const range = rangeOf(m.name.span.start, m.name.span.end);
    out.push({ range, command: { title: '▶ 求值示例', command: EVAL_COMMAND, arguments: [uri, m.name.text] } });
    out.push({ range, command: { title: '✔ 核查', command: VERIFY_COMMAND, arguments: [uri, m.name.text] } });
  }
  return out;
}

export interface CommandResult {
  readonly ok: boolean;
  readonly message: string;
  readonly [k: string]: unknown;
}

const errorsOf = (p: CompiledProgram) => p.diagnostics.filter((d) => d.severity === 'error');

/** Run the interpreter on an empty case for one measure. */
export function evalExample(p: CompiledProgram | undefined, measure: string, today: CalendarDate): CommandResult {
  if (!p || !p.checked.policy) return { ok: false, message: `求值示例：措施“${measure}”不属于任何政策（缺少“政策”声明或未被导入）` };
  const errs = errorsOf(p);
  if (errs.length) return { ok: false, message: `求值示例：政策有 ${errs.length} 处错误，无法求值（${errs[0]!.code} ${errs[0]!.message}）` };
  const ir = loweredOf(p);
  if (!ir) return { ok: false, message: '求值示例：政策无法转换为中间表示，无法求值' };
  const m = ir.measures.find((x) => x.name === measure);
  if (!m) return { ok: false, message: `求值示例：找不到措施“${measure}”` };
  const facts = m.subject ? { [m.subject]: {} } : {};
  const date = formatIso(today);
  try {
    const ds = evaluate(ir, facts, date, []);
    const d = ds.决定.find((x) => x.措施 === measure);
    if (!d) return { ok: false, message: `求值示例：结果中没有措施“${measure}”` };
    const outcomes = Object.entries(d.结果).map(([k, v]) => `${k} = ${v.值}${v.单位}${v.周期 ? `（${v.周期}）` : ''}`);
    const missing = new Set<string>();
    for (const r of d.规则) for (const cnd of r.条件) if (cnd.成立 === null) for (const [k, v] of Object.entries(cnd.取值)) if (v === '（未知）') missing.add(k);
    const parts = [
      `求值示例（评估日期 ${date}，空个案${m.subject ? `：${m.subject} 无任何事实` : ''}，不考虑上级政策事件）：措施“${measure}”状态为“${d.状态}”`,
      outcomes.length ? `结果：${outcomes.join('；')}` : '',
      d.理由.length ? `理由：${d.理由.join('；')}` : '',
      missing.size ? `缺少的事实：${[...missing].join('、')}` : '',
    ].filter(Boolean);
    return { ok: true, message: parts.join('。'), decision: d, decisions: ds };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: `求值示例：${e.message}` };
    return { ok: false, message: `求值示例：求值失败（${(e as Error).message}）` };
  }
}

/** What one 核查 run gave: the summary for the user and the findings with their texts. */
export interface VerifyRun {
  readonly result: CommandResult;
  readonly findings: readonly Finding[];
  /** Text of every file a finding's span refers to (the text that was verified). */
  readonly texts: Readonly<Record<string, string>>;
}

/**
 * Run the bundled verifier (`verify.js`, forked with an IPC channel) on the measure's
 * policy, with the editor's unsaved buffers, and summarise for one measure.
 */
export function verifyMeasure(p: CompiledProgram | undefined, measure: string, opts: { script: string; overlays: Record<string, string>; runs: number; timeoutMs: number; onChild?: (c: ChildProcess) => void }): Promise<VerifyRun> {
  const fail = (message: string): VerifyRun => ({ result: { ok: false, message }, findings: [], texts: {} });
  if (!p || !p.checked.policy) return Promise.resolve(fail(`核查：措施“${measure}”不属于任何政策`));
  const errs = errorsOf(p);
  if (errs.length) return Promise.resolve(fail(`核查：政策有 ${errs.length} 处错误，请先改正（${errs[0]!.code} ${errs[0]!.message}）`));
  if (!existsSync(opts.script)) return Promise.resolve(fail(`核查：扩展中缺少核查程序 ${opts.script}`));
  const anchor = p.checked.measures.get(measure)?.clause;
  const name = p.checked.policy.decl.name?.text ?? p.root;
  return new Promise((done) => {
    const child = fork(opts.script, [], { env: { ...process.env, ZHENGCE_VERIFY_CHILD: '1' }, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    opts.onChild?.(child);
    let err = '';
    let answered = false;
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      child.kill();
      done(fail(`核查：超过 ${Math.round(opts.timeoutMs / 1000)} 秒仍未完成，已停止`));
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      if (!answered) done(fail(`核查：无法启动核查程序（${e.message}）`));
      answered = true;
    });
    child.on('message', (res: VerifyResponse) => {
      clearTimeout(timer);
      if (answered) return;
      answered = true;
      if (!res.ok) {
        done(fail(`核查：${res.message}`));
        return;
      }
      const all = res.findings;
      const mine = all.filter((f) => f.sides?.some((s) => s.measure === measure) || f.subject.includes(measure) || (anchor && f.clauses.some((c) => c.anchor === anchor)));
      const open = all.filter((f) => !f.accepted && f.code !== 'ZC0909');
      const count = (sev: string) => open.filter((f) => f.severity === sev).length;
      // INVARIANT: the message stays short: VS Code showed no toast at all for one of ~1,000 characters (five
      // full ZC0919 texts, once 性质.zc's findings cited their measures' clauses) — the findings are in the
      // Problems panel; here each is its code and the start of its text
      const brief = (text: string) => (text.length > 30 ? `${[...text].slice(0, 30).join('')}…` : text);
      const lines = mine.slice(0, 5).map((f) => `[${f.code}] ${brief(f.message)}`);
      const message = [
        `核查（${name}）：共 ${all.length} 项发现（错误 ${count('error')}、警告 ${count('warning')}、提示 ${count('info')}；已接受 ${all.filter((f) => f.accepted).length}、已证明 ${all.filter((f) => f.code === 'ZC0909').length}），已列入“问题”面板`,
        `与措施“${measure}”有关 ${mine.length} 项${lines.length ? '：' + lines.join('；') : ''}`,
        eventsLine(res, '核查'),
        `用时 ${(res.millis / 1000).toFixed(1)} 秒`,
      ].join('。');
      done({ result: { ok: true, message, total: all.length, related: mine.length }, findings: all, texts: res.texts });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (answered) return;
      answered = true;
      done(fail(`核查：核查程序意外退出（${signal ?? `退出码 ${code}`}）${err ? '：' + err.trim().split('\n').slice(-3).join(' ') : ''}`));
    });
    child.send({ root: p.root, overlays: opts.overlays, runs: opts.runs, timeoutMs: 5000 });
  });
}

/**
 * Which higher-level events a 核查 or 解释 ran with, in one sentence: the registry (the policy directory's,
 * else the one a directory up — verify-process.ts registryOf), the case's own 事件, or none (naming the
 * registry looked for).
 */
export function eventsLine(used: EventsUsed, verb: '核查' | '解释'): string {
  if (used.events !== undefined && used.fromUp) return `上级政策事件：${used.events}（政策目录中没有 events.yaml，用上一级目录的；命令行核查这一个政策目录时须加 --events ${used.events}）`;
  if (used.events !== undefined) return `上级政策事件：${used.events}`;
  if (used.own) return '上级政策事件：个案中写明的“事件”';
  return `政策目录中没有事件登记${used.missing !== undefined ? ` ${used.missing}` : ''}，按没有上级政策事件${verb}`;
}

/**
 * Explain a case (a code lens on a case or scenario file): the bundled child (`verify.js`)
 * runs `explain` on the policy with the editor's buffers; the summary is the explanation's
 * Chinese text (per measure: the unmet and unknown conditions, the smallest changes).
 */
export function explainInChild(root: string, req: { facts: unknown; date: string; events?: unknown; name?: string }, opts: { script: string; overlays: Record<string, string>; timeoutMs: number; onChild?: (c: ChildProcess) => void }): Promise<CommandResult> {
  if (!existsSync(opts.script)) return Promise.resolve({ ok: false, message: `解释：扩展中缺少程序 ${opts.script}` });
  return new Promise((done) => {
    const child = fork(opts.script, [], { env: { ...process.env, ZHENGCE_VERIFY_CHILD: '1' }, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    opts.onChild?.(child);
    let err = '';
    let answered = false;
    const finish = (r: CommandResult) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      done(r);
    };
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
    const timer = setTimeout(() => {
      child.kill();
      finish({ ok: false, message: `解释：超过 ${Math.round(opts.timeoutMs / 1000)} 秒仍未完成，已停止` });
    }, opts.timeoutMs);
    child.on('error', (e) => finish({ ok: false, message: `解释：无法启动程序（${e.message}）` }));
    child.on('message', (res: ExplainResponse) => {
      if (!res.ok) finish({ ok: false, message: `解释${req.name ? `（${req.name}）` : ''}：${res.message}` });
      else finish({ ok: true, message: `解释${req.name ? `（${req.name}）` : ''}，评估日期 ${req.date}：\n${res.text}\n${eventsLine(res, '解释')}`, report: res.report, events: res.events ?? null });
    });
    child.on('exit', (code, signal) => finish({ ok: false, message: `解释：程序意外退出（${signal ?? `退出码 ${code}`}）${err ? '：' + err.trim().split('\n').slice(-3).join(' ') : ''}` }));
    child.send({ kind: 'explain', root, overlays: opts.overlays, facts: req.facts, date: req.date, ...(req.events !== undefined ? { events: req.events } : {}), timeoutMs: 5000 });
  });
}
