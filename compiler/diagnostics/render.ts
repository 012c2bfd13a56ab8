/**
 * Diagnostic renderers.
 * Input: Diagnostics (UTF-16 offset spans) + the SourceFiles they point into.
 * Output: (1) rustc-style Chinese text for terminals, (2) stable JSON for tools.
 *
 * Text output, one block per diagnostic, then a summary line:
 *
 *     错误[ZC0401]: 未定义的名称“子女数目”
 *       --> policies/sample.zc:12:9
 *        |
 *     12 |   如果 家庭.子女数目 在 3 以上
 *        |             ^^^^^^^^ 此处
 *        = 帮助: 是否想写“子女数”？
 *
 *     共 1 个错误，0 个警告
 *
 * Conventions (shared by text and JSON):
 * - line and column are 1-based; the column counts Unicode code points, not UTF-16
 *   units (a surrogate pair such as 😀 or 𠀀 is one column). An offset that falls
 *   between the two halves of a surrogate pair is reported at the pair's start.
 * - offsets outside the file are clamped into [0, text.length]; an end before the
 *   start is treated as a zero-length span at the start.
 * - a byte-order mark at offset 0 is part of the text (compiler/project/encoding.ts): it
 *   is counted by offsets and columns exactly as the language server counts it in a
 *   buffer that holds it, and echoed as <U+FEFF>.
 * - diagnostics are rendered in the order given (call `sortDiagnostics` first).
 *
 * Terminal layout (text only):
 * - display widths come from `string-width` (grapheme-aware, East Asian Width:
 *   CJK / full-width = 2 columns, ambiguous-width = 1, combining marks = 0).
 * - tabs expand to the next multiple of 4 display columns, identically in the
 *   echoed line and in the caret line.
 * - control, format, bidi and other invisible characters (C0/C1 controls, ESC,
 *   U+202E, U+200B, BOM, lone surrogates …) are shown as `<U+XXXX>` so source text
 *   (and user-written names inside messages) can never drive the terminal or
 *   reorder what is shown. A ZWJ directly after an emoji is kept so emoji
 *   sequences still render.
 * - a span over several lines underlines the first line to its end and says
 *   “…（跨越 N 行）”; a zero-length span gets a single ^.
 */
import * as nodePath from 'node:path';
import stringWidth from 'string-width';
import type { SourceFile, Span } from '../common/source.js';
import { CATALOG } from './catalog.js';
import { KEPT_INVISIBLE, safeChar, safeInline, safeLines } from './terminal-safe.js';
import type { Diagnostic, Severity } from './diagnostic.js';
import { errorsHeldBack } from './limit.js';
import { clampOffset, positionOf, splitsPair, type Position } from './position.js';

/** Options shared by both renderers. */
export interface RenderOptions {
  /** Emit ANSI colour escapes (text renderer only). Default false. */
  readonly color?: boolean;
  /**
   * Directory that absolute paths are shown relative to. Default `process.cwd()`.
   * Paths that would climb out of it (`../`) are shown unchanged.
   */
  readonly cwd?: string;
}

/** Tab stops every this many display columns. */
export const TAB_WIDTH = 4;

// ─── positions: position.ts ─────────────────────────────────────────────────

export { positionOf, type Position } from './position.js';

// ─── safe display of untrusted text (terminal-safe.ts) ──────────────────────

export { terminalSafe, terminalSafeLine } from './terminal-safe.js';

/**
 * Terminal-safe form of one source line (no line terminators expected; any found
 * are escaped): tabs expand to the next multiple of {@link TAB_WIDTH} display
 * columns, unsafe characters become `<U+XXXX>`. Processing looks only backwards,
 * so `toDisplayText(line.slice(0, k))` is always a prefix of `toDisplayText(line)`.
 */
export function toDisplayText(line: string): string {
  let out = '';
  let width = 0; // display width of `out` up to `pending`
  let pending = ''; // tab-free text not yet measured
  const prev: string[] = [];
  for (const ch of line) {
    if (ch === '\t') {
      width += stringWidth(pending);
      out += pending;
      pending = '';
      const pad = TAB_WIDTH - (width % TAB_WIDTH);
      out += ' '.repeat(pad);
      width += pad;
    } else {
      pending += safeChar(ch, prev);
    }
    prev.push(ch);
  }
  return out + pending;
}

// ─── paths ──────────────────────────────────────────────────────────────────

/** Path as shown to the user: relative to `cwd` when inside it, with `/` separators. */
function displayPath(file: string, cwd: string): string {
  let shown = file;
  if (nodePath.isAbsolute(file)) {
    const rel = nodePath.relative(cwd, file);
    const climbs = rel === '..' || rel.startsWith(`..${nodePath.sep}`);
    if (rel !== '' && !climbs && !nodePath.isAbsolute(rel)) shown = rel;
  }
  return shown.split(nodePath.sep).join('/');
}

// ─── colour ─────────────────────────────────────────────────────────────────

interface Painter {
  (style: Style, text: string): string;
}
type Style = 'error' | 'warning' | 'info' | 'hint' | 'note' | 'gutter' | 'bold';

const ANSI: Record<Style, string> = {
  error: '\x1b[1;31m',
  warning: '\x1b[1;33m',
  info: '\x1b[1;36m',
  hint: '\x1b[1;32m',
  note: '\x1b[1;32m',
  gutter: '\x1b[1;34m',
  bold: '\x1b[1m',
};

function painter(color: boolean): Painter {
  if (!color) return (_style, text) => text;
  return (style, text) => (text === '' ? text : `${ANSI[style]}${text}\x1b[0m`);
}

// ─── text renderer ──────────────────────────────────────────────────────────

const SEVERITY_WORD: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '信息',
  hint: '提示',
};

/** A span resolved against its file for display. */
interface Resolved {
  /** 0-based first line of the span. */
  readonly line: number;
  readonly position: Position;
  /** Number of lines the span touches (1 for single-line and zero-length spans). */
  readonly lineCount: number;
  /** Echoed first line (display form). */
  readonly echoed: string;
  /** Display columns before the first caret. */
  readonly caretStart: number;
  /** Number of carets (≥ 1). */
  readonly caretLength: number;
}

function resolveSpan(file: SourceFile, span: Span): Resolved {
  const text = file.text;
  let start = clampOffset(span.start, text.length);
  let end = clampOffset(span.end, text.length);
  if (end < start) end = start;
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;

  const starts = file.getLineStarts();
  const line = file.lineCol(start).line;
  let endLine = file.lineCol(end).line;
  // A span that ends right after a line terminator ends on the previous line.
  if (end > start && endLine > line && starts[endLine] === end) endLine--;

  const lineStart = starts[line] ?? 0;
  let lineText = file.lineText(line);
  // Offsets on the terminator itself (e.g. the \r of \r\n) show just after the text.
  let startCol = Math.min(start - lineStart, lineText.length);
  let endCol = endLine > line ? lineText.length : Math.min(end - lineStart, lineText.length);
  // INVARIANT: the echoed line is bounded: a very long line is shown as a window around the
  // span ("…" on the cut sides), so rendering stays fast on 10 MB lines.
  if (lineText.length > MAX_ECHO) {
    let from = Math.max(0, startCol - 60);
    let to = Math.min(lineText.length, Math.max(endCol, startCol) + 100, from + MAX_ECHO);
    if (splitsPair(lineText, from)) from--;
    if (splitsPair(lineText, to)) to++;
    const prefix = from > 0 ? '…' : '';
    lineText = prefix + lineText.slice(from, to) + (to < file.lineText(line).length ? '…' : '');
    startCol = startCol - from + prefix.length;
    endCol = Math.min(endCol - from + prefix.length, lineText.length);
  }

  const caretStart = stringWidth(toDisplayText(lineText.slice(0, startCol)));
  const caretEnd = stringWidth(toDisplayText(lineText.slice(0, Math.max(endCol, startCol))));
  return {
    line,
    position: positionOf(file, start),
    lineCount: endLine - line + 1,
    echoed: toDisplayText(lineText),
    caretStart,
    caretLength: Math.max(1, caretEnd - caretStart),
  };
}

const MAX_ECHO = 240;
const MAX_SHOWN = 200;

/** Remove trailing ASCII spaces (keeps snapshot files and terminals tidy). */
function trimRight(s: string): string {
  return s.replace(/ +$/, '');
}

interface Snippet {
  readonly path: string;
  readonly resolved: Resolved | undefined;
  readonly offset: number;
  readonly end: number;
}

function makeSnippet(span: Span, files: ReadonlyMap<string, SourceFile>, cwd: string): Snippet {
  const file = files.get(span.file);
  return {
    path: safeInline(displayPath(span.file, cwd)),
    resolved: file ? resolveSpan(file, span) : undefined,
    offset: span.start,
    end: span.end,
  };
}

function renderSnippet(
  out: string[],
  snip: Snippet,
  gutter: number,
  caretStyle: Style,
  label: string,
  paint: Painter,
): void {
  const pad = ' '.repeat(gutter);
  const r = snip.resolved;
  if (!r) {
    // a file that was never loaded (it does not exist, or could not be read): a span at
    // its start names the file only
    if (snip.offset === 0 && snip.end === 0) {
      out.push(`${pad}${paint('gutter', '-->')} ${snip.path}`);
      return;
    }
    const off = Number.isFinite(snip.offset) ? String(snip.offset) : '?';
    out.push(`${pad}${paint('gutter', '-->')} ${snip.path}（偏移 ${off}，源文件未加载，无法显示）`);
    return;
  }
  out.push(`${pad}${paint('gutter', '-->')} ${snip.path}:${r.position.line}:${r.position.column}`);
  out.push(`${pad} ${paint('gutter', '|')}`);
  const num = String(r.line + 1).padStart(gutter, ' ');
  out.push(trimRight(`${paint('gutter', `${num} |`)} ${r.echoed}`));
  let tag = label;
  if (r.lineCount > 1) tag += `…（跨越 ${r.lineCount} 行）`;
  const carets = '^'.repeat(r.caretLength) + (tag ? ` ${tag}` : '');
  out.push(`${pad} ${paint('gutter', '|')} ${' '.repeat(r.caretStart)}${paint(caretStyle, carets)}`);
}

function renderOne(
  d: Diagnostic,
  files: ReadonlyMap<string, SourceFile>,
  cwd: string,
  paint: Painter,
): string[] {
  const out: string[] = [];
  const primary = makeSnippet(d.span, files, cwd);
  const related = (d.related ?? []).map((r) => ({ info: r, snip: makeSnippet(r.span, files, cwd) }));
  const lineNumbers = [primary, ...related.map((r) => r.snip)].map((s) =>
    s.resolved ? s.resolved.line + 1 : 0,
  );
  const gutter = Math.max(1, ...lineNumbers.map((n) => String(n).length));
  const pad = ' '.repeat(gutter);
  // Guard against a severity outside the union (e.g. from untyped callers).
  const sev: Severity = Object.hasOwn(SEVERITY_WORD, d.severity) ? d.severity : 'error';
  const word = SEVERITY_WORD[sev];

  out.push(`${paint(sev, `${word}[${safeInline(String(d.code))}]`)}${paint('bold', `: ${safeInline(d.message)}`)}`);
  renderSnippet(out, primary, gutter, sev, '此处', paint);

  const eq = `${pad} ${paint('gutter', '=')} `;
  const cont = ' '.repeat(gutter + 3);
  const pushNote = (title: string, text: string): void => {
    const lines = safeLines(text);
    const head = `${title}: `;
    out.push(trimRight(`${eq}${paint('bold', title)}: ${lines[0]}`));
    const indent = cont + ' '.repeat(stringWidth(head));
    for (const l of lines.slice(1)) out.push(trimRight(`${indent}${l}`));
  };
  if (d.help) pushNote('帮助', d.help);
  for (const fix of d.fixes ?? []) pushNote('修复建议', fix.title);

  for (const { info, snip } of related) {
    out.push(`${paint('note', '注')}${paint('bold', `: ${safeInline(info.message)}`)}`);
    renderSnippet(out, snip, gutter, 'note', '', paint);
  }
  return out;
}

/** Counts by severity; `infos` covers both `info` and `hint`. */
/**
 * Counts by severity. A ZC0007 (the per-file error limit) counts as the errors it holds back — it is
 * not an error of its own — so `errors` is every error found, listed or not, and `unlisted` how many
 * of them only a ZC0007 stands for (present only when some are).
 */
function summarize(diags: readonly Diagnostic[]): { errors: number; warnings: number; infos: number; unlisted?: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let unlisted = 0;
  for (const d of diags) {
    const held = errorsHeldBack(d);
    if (held > 0) {
      errors += held;
      unlisted += held;
    } else if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return unlisted > 0 ? { errors, warnings, infos, unlisted } : { errors, warnings, infos };
}

/**
 * Render diagnostics as rustc-style Chinese text for a terminal.
 *
 * Each diagnostic becomes a header (`错误[ZC0401]: 消息`; severity words 错误 / 警告 /
 * 信息 / 提示), a location `--> 路径:行:列` (1-based; column in code points), the
 * echoed source line with a caret underline aligned by terminal display width, then
 * `= 帮助:` / `= 修复建议:` lines and one `注:` block per related span. Blocks are
 * separated by blank lines and followed by `共 N 个错误，M 个警告`. The result ends
 * with a newline. Never throws on odd spans (clamped) or unknown files (location
 * shown without a snippet).
 *
 * @param diags  diagnostics, rendered in the given order
 * @param files  source files by `Span.file`
 * @param opts   `color`: ANSI colours (default off); `cwd`: base for relative paths
 */
export function renderDiagnosticsText(
  diags: readonly Diagnostic[],
  files: ReadonlyMap<string, SourceFile>,
  opts: RenderOptions = {},
): string {
  const paint = painter(opts.color ?? false);
  const cwd = opts.cwd ?? process.cwd();
  // INVARIANT: bounded output — thousands of diagnostics (binary input) render the first
  // MAX_SHOWN; the summary still counts all of them, and JSON output keeps all.
  const blocks = diags.slice(0, MAX_SHOWN).map((d) => renderOne(d, files, cwd, paint).join('\n'));
  if (diags.length > MAX_SHOWN) blocks.push(`……另有 ${diags.length - MAX_SHOWN} 条诊断未显示（用 --format json 查看全部）`);
  const { errors, warnings, unlisted } = summarize(diags);
  blocks.push(paint('bold', `共 ${errors} 个错误${unlisted ? `（其中 ${unlisted} 个未逐个列出）` : ''}，${warnings} 个警告`));
  return blocks.join('\n\n') + '\n';
}

// ─── JSON renderer ──────────────────────────────────────────────────────────

/** A position in JSON output; `line`/`column` are null when the file is not loaded. */
export interface JsonPosition {
  line: number | null;
  column: number | null;
  offset: number;
}
/** A half-open range in JSON output (`end` is exclusive). */
export interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}
export interface JsonRelated {
  file: string;
  message: string;
  range: JsonRange;
}
export interface JsonEdit {
  file: string;
  range: JsonRange;
  newText: string;
}
export interface JsonFix {
  title: string;
  edits: JsonEdit[];
}
export interface JsonDiagnostic {
  file: string;
  code: string;
  severity: Severity;
  message: string;
  title: string | null;
  range: JsonRange;
  related: JsonRelated[];
  help: string | null;
  fixes: JsonFix[];
}
/** Top-level shape of {@link renderDiagnosticsJson}'s output. */
export interface JsonReport {
  diagnostics: JsonDiagnostic[];
  /** `infos` counts both `info` and `hint`. */
  summary: { errors: number; warnings: number; infos: number };
}

function jsonRange(span: Span, files: ReadonlyMap<string, SourceFile>): JsonRange {
  const file = files.get(span.file);
  if (!file) {
    const s = Number.isFinite(span.start) ? Math.max(0, Math.floor(span.start)) : 0;
    const e = Number.isFinite(span.end) ? Math.max(s, Math.floor(span.end)) : s;
    return { start: { line: null, column: null, offset: s }, end: { line: null, column: null, offset: e } };
  }
  const len = file.text.length;
  const s = clampOffset(span.start, len);
  const e = Math.max(s, clampOffset(span.end, len));
  const ps = positionOf(file, s);
  const pe = positionOf(file, e);
  return {
    start: { line: ps.line, column: ps.column, offset: s },
    end: { line: pe.line, column: pe.column, offset: e },
  };
}

/**
 * Escape, inside JSON text, characters that JSON.stringify leaves raw but that a
 * terminal would act on (DEL, C1 controls, bidi/format characters, U+2028/9).
 * They can only occur inside string literals, so a global replace is safe and the
 * parsed value is unchanged.
 */
export function escapeJsonUnsafe(json: string): string {
  return json.replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu,
    (ch) => {
      if (KEPT_INVISIBLE.test(ch) || ch === '\n') return ch;
      let out = '';
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
      return out;
    },
  );
}

/**
 * Render diagnostics as stable JSON (2-space indent, fixed key order, trailing
 * newline) shaped as {@link JsonReport}:
 *
 *     { "diagnostics": [ { file, code, severity, message, title, range,
 *                          related: [{ file, message, range }], help,
 *                          fixes: [{ title, edits: [{ file, range, newText }] }] } ],
 *       "summary": { errors, warnings, infos } }
 *
 * `range` is `{ start, end }` with each `{ line, column, offset }`: 1-based line,
 * 1-based code-point column (as {@link positionOf}) and the UTF-16 offset, clamped
 * into the file. `end` is exclusive. `title` comes from the catalog; `help` is null
 * when absent; `file` is shown relative to `opts.cwd` like the text renderer. Raw
 * message text is preserved; terminal-unsafe characters are JSON-escaped.
 */
export function renderDiagnosticsJson(
  diags: readonly Diagnostic[],
  files: ReadonlyMap<string, SourceFile>,
  opts: RenderOptions = {},
): string {
  const cwd = opts.cwd ?? process.cwd();
  const report: JsonReport = {
    diagnostics: diags.map(
      (d): JsonDiagnostic => ({
        file: displayPath(d.span.file, cwd),
        code: d.code,
        severity: d.severity,
        message: d.message,
        title: CATALOG[d.code]?.title ?? null,
        range: jsonRange(d.span, files),
        related: (d.related ?? []).map((r) => ({
          file: displayPath(r.span.file, cwd),
          message: r.message,
          range: jsonRange(r.span, files),
        })),
        help: d.help ?? null,
        fixes: (d.fixes ?? []).map((f) => ({
          title: f.title,
          edits: f.edits.map((e) => ({
            file: displayPath(e.span.file, cwd),
            range: jsonRange(e.span, files),
            newText: e.newText,
          })),
        })),
      }),
    ),
    summary: summarize(diags),
  };
  return escapeJsonUnsafe(JSON.stringify(report, null, 2)) + '\n';
}
