/**
 * Code lenses on measures and the commands they run (workspace/executeCommand):
 *  - zhengce.evalExample — the interpreter (compiler/interpret) on an empty case: the
 *    measure's 对象 entity present with no facts, today's date, no higher-level events;
 *    the summary says the status, the outcomes and which facts are missing.
 *  - zhengce.verify — `zhengce verify --format json` for the measure's policy, run as a
 *    child process (the SMT engine takes seconds; the server keeps answering); the
 *    summary counts the findings and lists those about the measure.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CodeLens, Range } from 'vscode-languageserver-protocol';
import type { CompiledProgram } from '../../../compiler/index.js';
import type * as A from '../../../compiler/syntax/ast.js';
import { evaluate } from '../../../compiler/interpret/interpreter.js';
import { InputError } from '../../../compiler/interpret/decision.js';
import { formatIso, type CalendarDate } from '../../../compiler/common/calendar.js';
import { loweredOf } from '../../../compiler/services/hover.js';

export const EVAL_COMMAND = 'zhengce.evalExample';
export const VERIFY_COMMAND = 'zhengce.verify';
export const COMMANDS = [EVAL_COMMAND, VERIFY_COMMAND];

export function measuresOf(ast: A.FileAst): A.MeasureDecl[] {
  const out: A.MeasureDecl[] = [];
  const visit = (items: readonly (A.TopItem | A.ClauseItem)[]) => {
    for (const it of items) {
      if (it.kind === 'clause') visit(it.items);
      else if (it.kind === 'measure') out.push(it);
    }
  };
  visit(ast.items);
  return out;
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
    return { ok: true, message: parts.join('。'), decision: d };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: `求值示例：${e.message}` };
    return { ok: false, message: `求值示例：求值失败（${(e as Error).message}）` };
  }
}

/** Find the `zhengce` CLI: explicit setting, else a project bin / node_modules near the file. */
export function findCli(explicit: string | undefined, from: readonly string[]): string | undefined {
  if (explicit && existsSync(explicit)) return resolve(explicit);
  for (const start of from) {
    let dir = resolve(start);
    for (let i = 0; i < 40; i++) {
      const local = join(dir, 'node_modules', 'zhengce', 'bin', 'zhengce.js');
      if (existsSync(local)) return local;
      const own = join(dir, 'bin', 'zhengce.js');
      const pkg = join(dir, 'package.json');
      if (existsSync(own) && existsSync(pkg)) {
        try {
          if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'zhengce') return own;
        } catch {
          /* not ours */
        }
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return undefined;
}

interface VerifyJson {
  findings: { ruleId?: string; code?: string; severity: string; message: string; subject: string; clauses?: { anchor: string; label: string }[]; sides?: { measure: string }[]; accepted?: string }[];
}

/** Run `zhengce verify --format json <root>` and summarise for one measure. */
export function verifyMeasure(p: CompiledProgram | undefined, measure: string, opts: { cli: string | undefined; cwd: string; runs: number; timeoutMs: number }): Promise<CommandResult> {
  if (!p || !p.checked.policy) return Promise.resolve({ ok: false, message: `核查：措施“${measure}”不属于任何政策` });
  const errs = errorsOf(p);
  if (errs.length) return Promise.resolve({ ok: false, message: `核查：政策有 ${errs.length} 处错误，请先改正（${errs[0]!.code} ${errs[0]!.message}）` });
  if (!opts.cli) return Promise.resolve({ ok: false, message: '核查：找不到 zhengce 命令行；请在设置 zhengce.cliPath 中指定 bin/zhengce.js' });
  const anchor = p.checked.measures.get(measure)?.clause;
  return new Promise((done) => {
    const child = spawn(process.execPath, [opts.cli!, 'verify', '--format', 'json', '--runs', String(opts.runs), p.root], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const timer = setTimeout(() => child.kill(), opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ ok: false, message: `核查：无法运行 zhengce（${e.message}）` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      let report: VerifyJson;
      try {
        report = JSON.parse(out) as VerifyJson;
      } catch {
        done({ ok: false, message: `核查：zhengce verify 失败（退出码 ${code}）${err ? '：' + err.trim().split('\n').slice(0, 3).join(' ') : ''}` });
        return;
      }
      const all = report.findings ?? [];
      const mine = all.filter((f) => f.sides?.some((s) => s.measure === measure) || f.subject.includes(measure) || (anchor && f.clauses?.some((c) => c.anchor === anchor)));
      const count = (fs: typeof all, sev: string) => fs.filter((f) => f.severity === sev && !f.accepted).length;
      const lines = mine.slice(0, 5).map((f) => `[${f.ruleId ?? f.code ?? ''}] ${f.message}`);
      const message = `核查（${p.checked.policy!.decl.name?.text ?? p.root}）：共 ${all.length} 项发现（错误 ${count(all, 'error')}、警告 ${count(all, 'warning')}）；与措施“${measure}”有关 ${mine.length} 项${lines.length ? '：' + lines.join('；') : ''}`;
      done({ ok: true, message, total: all.length, related: mine.length, exitCode: code });
    });
  });
}
