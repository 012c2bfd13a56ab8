/**
 * `zhengce check [paths]` — parse, bind and type-check; print diagnostics.
 * `--timings`: then also, on standard error, where the run's time went (cli/timings.ts).
 */
import { compile, ParseCache } from '../project/program.js';
import { DEFAULT_ERROR_LIMIT } from '../diagnostics/limit.js';
import { nodeHost } from '../project/host.js';
import { phaseClock } from '../common/timings.js';
import { countLines, startTimings, type Timings } from './timings.js';
import { args, failsAt, parseFailLevel, parseFormat, EXIT_FINDINGS, EXIT_OK, UsageError, type Io, pathsNotPolicy } from './common.js';

export const checkHelp = `用法：zhengce check [路径...] [--format text|json] [--fail-level error|warning|note] [--error-limit N] [--timings]

解析、绑定并检查政策文件（默认路径：policies/），打印诊断信息。
  --format text|json     输出格式（默认 text）
  --fail-level L         达到该级别的诊断使退出码为 1（默认 error）
  --error-limit N        每个文件逐个列出的错误至多 N 个，其余合为一条 ZC0007，写明个数与第一个的位置
                         （默认 ${DEFAULT_ERROR_LIMIT}；0 表示不限；警告与提示不计入、全部列出）
  --timings              输出之后在标准错误上列出各阶段的墙钟与 CPU 时间及垃圾回收暂停

退出码：0 无错误；1 有达到级别的诊断；2 用法错误。
`;

export async function runCheck(argv: string[], io: Io): Promise<number> {
  // (started before anything else: the time before it is start-up)
  const timings = argv.includes('--timings') ? startTimings() : undefined;
  try {
    return await checkCommand(argv, io, timings);
  } finally {
    phaseClock.current = undefined;
  }
}

async function checkCommand(argv: string[], io: Io, timings: Timings | undefined): Promise<number> {
  const { values, positionals } = args(argv, { format: { type: 'string' }, 'fail-level': { type: 'string' }, 'error-limit': { type: 'string' }, timings: { type: 'boolean' } }, pathsNotPolicy('check'));
  if (values['help']) {
    io.out(checkHelp);
    return EXIT_OK;
  }
  const format = parseFormat(values['format'] as string | undefined, ['text', 'json'] as const, 'text');
  const level = parseFailLevel(values['fail-level'] as string | undefined);
  const errorLimit = parseErrorLimit(values['error-limit'] as string | undefined);
  const paths = positionals.length ? positionals : ['policies'];
  // (a one-off compile, only rendered: its parses keep no tokens — ParseCache's keepTokens)
  const result = compile(paths, nodeHost, new ParseCache(undefined, { keepTokens: false }), { errorLimit });
  phaseClock.current?.enter('output');
  if (result.files.size === 0 && result.diagnostics.length === 0) {
    io.err(`在 ${paths.join('、')} 中没有找到 .zc 政策文件\n`);
    return EXIT_FINDINGS;
  }
  // (the renderers — string-width — load only when there is something to render)
  if (format === 'json') {
    const { renderDiagnosticsJson } = await import('../diagnostics/render.js');
    io.out(renderDiagnosticsJson(result.diagnostics, result.files, { cwd: io.cwd }) + '\n');
  } else if (result.diagnostics.length) {
    const { renderDiagnosticsText } = await import('../diagnostics/render.js');
    io.out(renderDiagnosticsText(result.diagnostics, result.files, { cwd: io.cwd, color: io.color }));
  } else io.out(`检查通过：${result.files.size} 个文件，${result.programs.length} 个政策程序，没有诊断。\n`);
  if (timings) {
    let lines = 0;
    for (const [path, sf] of result.files) if (path.endsWith('.zc')) lines += countLines(sf.text);
    io.err(await timings.stop(lines));
  }
  return failsAt(result.diagnostics, level) ? EXIT_FINDINGS : EXIT_OK;
}

/** `--error-limit N`: a whole number, 0 for no limit. */
function parseErrorLimit(v: string | undefined): number {
  if (v === undefined) return DEFAULT_ERROR_LIMIT;
  if (!/^\d+$/.test(v.trim())) throw new UsageError(`--error-limit 应为不小于 0 的整数（0 表示不限），这里是“${v}”`);
  return Number(v.trim());
}
