/**
 * `zhengce build [--check] [--out generated] [paths]` — write generated/ (typed
 * evaluators, JSON Schemas, documentation); `--check` writes nothing and fails if
 * anything would change. `zhengce doc` — documentation only.
 */
import { nodeHost } from '../project/host.js';
import { policyNotFound } from '../project/policies.js';
import { buildGenerated, diffGenerated, writeGenerated } from '../emit/build.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { args, EXIT_FINDINGS, EXIT_OK, type Io } from './common.js';

export const buildHelp = `用法：zhengce build [路径...] [--check] [--out 目录]

编译政策并写入生成目录（默认 generated/）：
  generated/<政策>/index.ts     带类型的求值器（见下）与输入校验
  generated/<政策>/schema.json  输入的 JSON Schema
  generated/<政策>/*.sql        同一政策的 SQL（DuckDB、PostgreSQL；zhengce batch 使用）
  generated/docs/               文档（Markdown 与 HTML）
  --check   不写文件；若生成结果与磁盘不同（过期）则退出码为 1

求值器（import { … } from 'zhengce/generated/<政策>'）：
  evaluate(事实, 评估日期, 事件?, 选项?)
      完整的决定：状态、结果、理由、每条规则的解释、缺少的事实、引用的条款
  evaluateFast(事实, 评估日期, 事件?, { 措施: [措施名…] }?)
      只有状态、结果的值与可领取（与 evaluate 一致），为本政策生成的专用代码；
      措施选择：只求所列的措施（类型 措施名，写错是编译错误），决定按所列顺序；
      省略时为全部措施。所选措施引用的措施照常求出，但不列入结果
  evaluateMany(行, 评估日期, 事件?, { 措施: [措施名…] }?)
      逐行流式求值：数组或生成器得到同步生成器，异步可迭代（文件、数据库游标）
      得到异步生成器（for await）；日期、事件与选项只校验一次；有误的行抛出
      InputError，其“行”为行号（自 0 起）
`;

export const docHelp = `用法：zhengce doc [路径...] [--check] [--out 目录]

只生成文档（generated/docs/，Markdown 与 HTML）。
`;

/** Files under generated/docs/ written by other commands (the published verification report). */
// docs/verify/ is published by `start`; docs/diff/ holds example change-impact reports (test/diff/county.test.ts checks them);
// docs/budget/ the budget estimate pages written by `zhengce batch --synthesize --docs` (test/sql/batch.test.ts checks them)
const keepVerify = (rel: string) => rel.startsWith('docs/verify/') || rel.startsWith('docs/diff/') || rel.startsWith('docs/budget/');

function run(argv: string[], io: Io, what: { evaluators: boolean; docs: boolean }, help: string): number {
  const { values, positionals } = args(argv, { check: { type: 'boolean' }, out: { type: 'string' } });
  if (values['help']) {
    io.out(help);
    return EXIT_OK;
  }
  const out = (values['out'] as string | undefined) ?? 'generated';
  const b = buildGenerated(positionals.length ? positionals : ['policies'], nodeHost, what);
  if (hasErrors(b.diagnostics)) {
    io.err(renderDiagnosticsText(b.diagnostics.filter((d) => d.severity === 'error'), b.result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  // INVARIANT: no policy, nothing written — a directory without one (a typo, an empty checkout) used to
  // write an empty index and remove every earlier generated policy as stale
  if (!b.policies.length) {
    const dir = positionals.length ? positionals.join('、') : 'policies';
    io.err(renderDiagnosticsText([policyNotFound([], undefined, dir, `把政策目录写在命令后面，例如“zhengce ${what.evaluators ? 'build' : 'doc'} policies/luanchuan”`)], b.result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  const scoped = what.evaluators ? b.files : new Map([...b.files].filter(([k]) => k.startsWith('docs/')));
  if (values['check']) {
    const d = diffGenerated(out, scoped, keepVerify);
    const all = [...d.changed.map((f) => `已改变  ${f}`), ...d.missing.map((f) => `缺失    ${f}`), ...d.stale.map((f) => `多余    ${f}`)];
    if (all.length) {
      io.out(terminalSafe(`${out}/ 已过期（运行 zhengce build 更新）：\n${all.map((l) => `  ${l}`).join('\n')}\n`));
      return EXIT_FINDINGS;
    }
    io.out(terminalSafe(`${out}/ 是最新的（${scoped.size} 个文件）。\n`));
    return EXIT_OK;
  }
  const w = writeGenerated(out, scoped, keepVerify);
  io.out(terminalSafe(`已生成 ${scoped.size} 个文件到 ${out}/（${w.written.length} 个有变化${w.removed.length ? `，删除 ${w.removed.length} 个过期文件` : ''}）：${b.policies.map((p) => p.ir.policy.id).join('、')}\n`));
  return EXIT_OK;
}

export const runBuild = (argv: string[], io: Io) => run(argv, io, { evaluators: true, docs: true }, buildHelp);
export const runDoc = (argv: string[], io: Io) => run(argv, io, { evaluators: false, docs: true }, docHelp);
