/**
 * `zhengce check [paths]` — parse, bind and type-check; print diagnostics.
 * `--timings`: then also, on standard error, where the run's time went (cli/timings.ts).
 */
import { compile, ParseCache } from '../project/program.js';
import { nodeHost } from '../project/host.js';
import { phaseClock } from '../common/timings.js';
import { countLines, startTimings, type Timings } from './timings.js';
import { args, failsAt, parseFailLevel, parseFormat, EXIT_FINDINGS, EXIT_OK, type Io } from './common.js';

export const checkHelp = `用法：zhengce check [路径...] [--format text|json] [--fail-level error|warning|note] [--timings]

解析、绑定并检查政策文件（默认路径：policies/），打印诊断信息。
  --format text|json     输出格式（默认 text）
  --fail-level L         达到该级别的诊断使退出码为 1（默认 error）
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
  const { values, positionals } = args(argv, { format: { type: 'string' }, 'fail-level': { type: 'string' }, timings: { type: 'boolean' } });
  if (values['help']) {
    io.out(checkHelp);
    return EXIT_OK;
  }
  const format = parseFormat(values['format'] as string | undefined, ['text', 'json'] as const, 'text');
  const level = parseFailLevel(values['fail-level'] as string | undefined);
  const paths = positionals.length ? positionals : ['policies'];
  // (a one-off compile, only rendered: its parses keep no tokens — ParseCache's keepTokens)
  const result = compile(paths, nodeHost, new ParseCache(undefined, { keepTokens: false }));
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
