/**
 * CLI entry: dispatch `zhengce <command>`; every command has --help.
 * Input: argv. Output: exit code (0 ok, 1 findings, 2 usage). Never throws.
 */
import { processIo, EXIT_USAGE, type Io, EXIT_OK } from './common.js';
import { runCommand, safeIo } from './run-command.js';
import { suggest } from '../semantics/binder.js';
type Command = { run: (argv: string[], io: Io) => number | Promise<number>; summary: string };

// Commands load lazily: `check` must not pay for ts-morph, z3 and fast-check.
type Runner = Command['run'];
const lazy = (load: () => Promise<Runner>): Runner => async (argv, io) => (await load())(argv, io);
const commands: Record<string, Command> = {
  check: { run: lazy(async () => (await import('./check.js')).runCheck), summary: '解析并检查政策文件，打印诊断' },
  start: { run: lazy(async () => (await import('./start.js')).runStart), summary: '一键：检查、生成 generated/、核查并发布报告、覆盖率、场景测试' },
  build: { run: lazy(async () => (await import('./build.js')).runBuild), summary: '生成 generated/：带类型的求值器、JSON Schema 与文档（--check 检查是否过期）' },
  doc: { run: lazy(async () => (await import('./build.js')).runDoc), summary: '只生成文档（Markdown 与 HTML）' },
  fmt: { run: lazy(async () => (await import('./fmt.js')).runFmt), summary: '格式化政策文件（--check 只检查）' },
  eval: { run: lazy(async () => (await import('./eval.js')).runEval), summary: '按评估日期对一个个案求值，输出 JSON 决定' },
  verify: { run: lazy(async () => (await import('./verify.js')).runVerify), summary: '核查：矛盾、缺口、有效性、性质，附反例与条款' },
  test: { run: lazy(async () => (await import('./test.js')).runTest), summary: '运行 YAML 场景测试' },
  explain: { run: lazy(async () => (await import('./explain.js')).runExplain), summary: '解释个案的决定：未满足的条件，及使其适用的最少事实改变' },
  diff: { run: lazy(async () => (await import('./diff.js')).runDiff), summary: '比较两个版本的政策：证明等价，或给出得失及反例' },
  batch: { run: lazy(async () => (await import('./batch.js')).runBatch), summary: '用 SQL 批量求值（DuckDB 内嵌或 PostgreSQL）：每户决定与按措施汇总的预算；--synthesize 生成合成人口' },
  coverage: { run: lazy(async () => (await import('./coverage.js')).runCoverage), summary: '逐句列出来源文件的覆盖情况：已形式化 / 已标注不可计算 / 缺失' },
};

/** Register a command (used by later passes: build, eval, verify …). */
export function registerCommand(name: string, cmd: Command): void {
  commands[name] = cmd;
}

function help(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return `ZhengCe 政策 —— 政策即代码工具链

用法：zhengce <命令> [选项]

命令：
${Object.entries(commands).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`).join('\n')}

每个命令都支持 --help（或 zhengce help <命令>）；zhengce --version 打印版本。
`;
}

export async function main(argv: string[], ioIn: Io = processIo): Promise<number> {
  // INVARIANT: standard error is always text for people: no control character from a
  // file name, an argument or a policy reaches the terminal raw (see terminalSafe, safeIo).
  const io: Io = safeIo(ioIn);
  const [cmd, ...rest] = argv;
  if (cmd === '--version' || cmd === '-V' || cmd === 'version') {
    // loaded only here: the version is read from package.json next to the code (report-sarif.ts's toolInfoOf)
    io.out(`zhengce ${(await import('../verify/report-sarif.js')).toolInfoOf().version}\n`);
    return EXIT_OK;
  }
  // `zhengce help <命令>` is `zhengce <命令> --help`
  if (cmd === 'help' && rest.length > 0) return main([rest[0]!, '--help'], ioIn);
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(help());
    return cmd ? EXIT_OK : EXIT_USAGE;
  }
  const c = commands[cmd];
  if (!c) {
    const close = suggest(cmd.replace(/^-+/, ''), Object.keys(commands));
    io.err(`未知命令“${cmd}”${close !== undefined ? `。是不是要写“zhengce ${close}”？` : ''}\n\n${help()}`);
    return EXIT_USAGE;
  }
  // (the bundle runs `zhengce check` through check-main.ts's mainCheck: the same runner and runCommand)
  return runCommand(cmd, c.run, rest, io);
}
