/**
 * `zhengce fmt [--check] [paths]` — format .zc files in place (only files that change).
 * With --check nothing is written: the files that would change are listed (exit 1).
 * Files with syntax errors are reported and left untouched (exit 1).
 */
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { SourceFile } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { discover, INVALID_UTF8, nodeHost } from '../project/host.js';
import { format } from '../format/format.js';
import { args, EXIT_FINDINGS, EXIT_OK, type Io } from './common.js';

export const fmtHelp = `用法：zhengce fmt [--check] [路径...]

把政策文件（.zc）排成统一的格式（默认路径：policies/），只改写有变化的文件。
格式化保留全部注释与含义；有语法错误的文件不会被改动。
  --check                只检查，不写文件：列出需要格式化的文件

退出码：0 全部已是标准格式（或已格式化）；1 有文件需要格式化（--check）或有文件因错误未能格式化；2 用法错误。
`;

export function runFmt(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, { check: { type: 'boolean' } });
  if (values['help']) {
    io.out(fmtHelp);
    return EXIT_OK;
  }
  const check = !!values['check'];
  const paths = positionals.length ? positionals : ['policies'];
  const { files, missing } = discover(nodeHost, paths);
  const show = (p: string): string => {
    const r = isAbsolute(p) ? relative(io.cwd, p) : p;
    return r && !r.startsWith('..') ? r : p;
  };
  let failed = false;
  for (const m of missing) {
    // the same words and code as check's (ZC0001)
    io.err(terminalSafe(`错误[ZC0001]: 无法读取“${m}”：文件或目录不存在\n`));
    failed = true;
  }
  if (files.length === 0) {
    if (!missing.length) io.err(`在 ${paths.join('、')} 中没有找到 .zc 政策文件\n`);
    return EXIT_FINDINGS;
  }
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, SourceFile>();
  const changed: string[] = [];
  for (const path of files) {
    const text = nodeHost.readFile(path);
    if (text === undefined || text === INVALID_UTF8) {
      const sf = new SourceFile(path, '');
      sources.set(path, sf);
      diagnostics.push(text === undefined
        ? diag('ZC0001', sf.span(0, 0), `无法读取“${show(path)}”`)
        : diag('ZC0002', sf.span(0, 0), `“${show(path)}”不是有效的 UTF-8 文本`, { help: '请以 UTF-8 编码保存该文件' }));
      continue;
    }
    const source = new SourceFile(path, text);
    sources.set(path, source);
    const r = format(source);
    for (const d of r.diagnostics) diagnostics.push(d);
    if (r.value === undefined || r.diagnostics.some((d) => d.severity === 'error')) continue;
    if (r.value === text) continue;
    changed.push(path);
    if (!check) {
      try {
        writeAtomically(path, r.value);
      } catch (e) {
        diagnostics.push(diag('ZC0001', source.span(0, 0), `无法写入“${show(path)}”：${(e as Error).message}`));
        changed.pop();
      }
    }
  }
  if (diagnostics.length) {
    failed = true;
    io.out(renderDiagnosticsText(diagnostics, sources, { cwd: io.cwd, color: io.color }));
  }
  const errs = new Set(diagnostics.map((d) => d.span.file)).size;
  if (check) {
    for (const p of changed) io.out(terminalSafe(`需要格式化：${show(p)}\n`));
    if (changed.length) io.out(`${changed.length} 个文件需要格式化（共检查 ${files.length} 个）；运行 zhengce fmt 改写。\n`);
    else if (!errs) io.out(`全部 ${files.length} 个文件已是标准格式。\n`);
    return changed.length || failed ? EXIT_FINDINGS : EXIT_OK;
  }
  for (const p of changed) io.out(terminalSafe(`已格式化：${show(p)}\n`));
  io.out(`已格式化 ${changed.length} 个文件，${files.length - changed.length - errs} 个无需改动${errs ? `，${errs} 个因错误未处理` : ''}。\n`);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

/** Write via a temporary file and a rename, so that a crash never leaves a half-written file. */
function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.zhengce-fmt.tmp`;
  try {
    writeFileSync(tmp, text, { encoding: 'utf8', mode: statSync(path).mode });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // (no temporary file to remove)
    }
    throw e;
  }
}
