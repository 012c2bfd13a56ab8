/**
 * `zhengce coverage [paths]` — is every sentence of the source accounted for?
 * Input: paths (default policies/), --format text|json, --fail-level for compile diagnostics.
 * Output: per policy program with a 来源, every sentence with its status (已形式化 /
 * 已标注 non-computable with the reason / 部分覆盖 / 缺失), grouped by clause, then totals.
 * The rules are in compiler/coverage/coverage.ts (statuses) and sentences.ts (splitting).
 *
 * Exit codes: 0 every sentence formalised or marked; 1 some sentence missing or partial,
 * or compile diagnostics at the fail level (default error; printed first — text mode on
 * stdout, json mode on stderr so stdout stays one JSON document), or nothing to report;
 * 2 usage error (thrown as UsageError, turned into 2 by main.ts).
 *
 * JSON (stable, keys in this order):
 *   { programs: [{ root, source, totals: { sentences, formalised, marked, partial, missing,
 *     accounted, percent, ignored }, sentences: [{ id, line, column, start, end, text,
 *     status, clause, label, owners: [{ kind, name, clause, label }], reason,
 *     uncovered: [{ start, end, text }] }], ignored: [{ line, column, start, end, text,
 *     reason }], unmatched: [{ kind, name, text, file, line, column }] }] }
 * line / column are 1-based, column in code points; start / end are UTF-16 offsets into
 * the source file; clause is an anchor (sec_4__subsec_1), label its display (四（一）).
 */
import * as nodePath from 'node:path';
import stringWidth from 'string-width';
import { compile, type CompiledProgram } from '../project/program.js';
import { nodeHost } from '../project/host.js';
import { escapeJsonUnsafe, positionOf, renderDiagnosticsText, terminalSafe, toDisplayText } from '../diagnostics/render.js';
import type { SourceFile } from '../common/source.js';
import { computeCoverage, type CoverageOwner, type CoverageReport, type CoverageStatus, type SentenceCoverage } from '../coverage/coverage.js';
import { args, failsAt, parseFailLevel, parseFormat, EXIT_FINDINGS, EXIT_OK, type Io, pathsNotPolicy } from './common.js';

export const coverageHelp = `用法：zhengce coverage [路径...] [--format text|json] [--fail-level error|warning|note]

逐句列出政策来源文件（“来源”）的每一句，说明它已形式化、已标注为不可计算（附理由）、
部分覆盖还是缺失；文件头与附件中的句子同样计入（默认路径：policies/）。
  --format text|json     输出格式（默认 text；json 含合计）
  --fail-level L         编译诊断达到该级别时先打印并使退出码为 1（默认 error）

句子：按 。！？； 与换行切分；“已形式化”指被规则、有规则的措施、指标或政策头部覆盖；
“已标注”指被 定性、无规则但写明类别/理由的措施或条款标题覆盖；存疑注记本身不计入覆盖。

退出码：0 所有句子均已形式化或已标注；1 有缺失或部分覆盖的句子，或有达到级别的诊断；2 用法错误。
`;

const STATUS_TEXT: Record<CoverageStatus, string> = { formalised: '已形式化', marked: '已标注', partial: '部分覆盖', missing: '缺失' };
const KIND_TEXT: Record<CoverageOwner['kind'], string> = {
  header: '政策头部', clause: '条款', measure: '措施', rule: '规则', indicator: '指标', definition: '定义', assumption: '前提',
  qualitative: '定性', doubt: '存疑', other: '其他',
};

export function runCoverage(argv: string[], io: Io): number {
  const { values, positionals } = args(argv, { format: { type: 'string' }, 'fail-level': { type: 'string' } }, pathsNotPolicy('coverage'));
  if (values['help']) {
    io.out(coverageHelp);
    return EXIT_OK;
  }
  const format = parseFormat(values['format'] as string | undefined, ['text', 'json'] as const, 'text');
  const level = parseFailLevel(values['fail-level'] as string | undefined);
  const paths = positionals.length ? positionals : ['policies'];
  const result = compile(paths, nodeHost);
  if (result.files.size === 0 && result.diagnostics.length === 0) {
    io.err(`在 ${paths.join('、')} 中没有找到 .zc 政策文件\n`);
    return EXIT_FINDINGS;
  }
  let exit = EXIT_OK;
  const failing = result.diagnostics.filter((d) => failsAt([d], level));
  if (failing.length) {
    const shown = renderDiagnosticsText(failing, result.files, { cwd: io.cwd, color: io.color && format === 'text' });
    if (format === 'json') io.err(shown);
    else io.out(shown + '\n');
    exit = EXIT_FINDINGS;
  }
  const withSource = result.programs.filter((p): p is CompiledProgram & { sourceText: string; sourcePath: string } => p.sourceText !== undefined && p.sourcePath !== undefined);
  const reports = withSource.map((p) => computeCoverage(p));
  if (reports.length === 0) {
    io.err(`在 ${paths.join('、')} 中没有写明“来源”且能读到来源文件的政策，无法统计覆盖\n`);
    return EXIT_FINDINGS;
  }
  if (format === 'json') io.out(escapeJsonUnsafe(JSON.stringify(coverageJson(reports, io.cwd, result.files), null, 2)) + '\n');
  else io.out(reports.map((r) => coverageText(r, io)).join('\n'));
  if (reports.some((r) => r.totals.missing > 0 || r.totals.partial > 0)) exit = EXIT_FINDINGS;
  return exit;
}

// ── JSON ──────────────────────────────────────────────────────────────

function displayPath(file: string, cwd: string): string {
  let shown = file;
  if (nodePath.isAbsolute(file)) {
    const rel = nodePath.relative(cwd, file);
    const climbs = rel === '..' || rel.startsWith(`..${nodePath.sep}`);
    if (rel !== '' && !climbs && !nodePath.isAbsolute(rel)) shown = rel;
  }
  return shown.split(nodePath.sep).join('/');
}

const ownerJson = (o: CoverageOwner) => ({ kind: o.kind, name: o.name, clause: o.clause ?? null, label: o.label ?? null });

/** The stable JSON document of `zhengce coverage --format json`. */
export function coverageJson(reports: readonly CoverageReport[], cwd: string, files?: ReadonlyMap<string, SourceFile>) {
  const at = (span: { file: string; start: number }) => {
    const f = files?.get(span.file);
    return f ? positionOf(f, span.start) : { line: null, column: null };
  };
  return {
    programs: reports.map((r) => ({
      root: displayPath(r.root, cwd),
      source: displayPath(r.sourcePath, cwd),
      totals: { ...r.totals },
      sentences: r.sentences.map((s) => ({
        id: s.id, line: s.line, column: s.column, start: s.start, end: s.end, text: s.text, status: s.status,
        clause: s.clause, label: s.label, owners: s.owners.map(ownerJson), reason: s.reason,
        uncovered: s.uncovered.map((u) => ({ start: u.start, end: u.end, text: u.text })),
      })),
      ignored: r.ignored.map((i) => ({ line: i.line, column: i.column, start: i.start, end: i.end, text: i.text, reason: i.reason })),
      unmatched: r.unmatched.map((u) => ({ kind: u.owner.kind, name: u.owner.name, text: u.text, file: displayPath(u.span.file, cwd), ...at(u.span) })),
    })),
  };
}

// ── text ──────────────────────────────────────────────────────────────

const SENTENCE_CHARS = 40;
const NOTE_WIDTH = 44;

/** First `n` code points of a one-line, terminal-safe rendering, with … when cut. */
function clip(s: string, n: number): string {
  const flat = toDisplayText(s.replace(/[\r\n\u2028\u2029]+/gu, ' '));
  const cps = [...flat];
  return cps.length > n ? cps.slice(0, n).join('') + '…' : flat;
}

/** Cut to a display width, with … when cut. */
function clipWidth(s: string, w: number): string {
  if (stringWidth(s) <= w) return s;
  let out = '';
  for (const ch of s) {
    if (stringWidth(out + ch) > w - 1) break;
    out += ch;
  }
  return out + '…';
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - stringWidth(s)));
}

function note(s: SentenceCoverage): string {
  switch (s.status) {
    case 'formalised': {
      const names = s.owners.filter((o) => o.effect === 'formalises').map((o) => (o.kind === 'header' ? `${KIND_TEXT.header}·${o.name}` : `${KIND_TEXT[o.kind]} ${o.name}`));
      return names.join('、') + (s.reason ? `；${s.reason}` : '');
    }
    case 'marked':
      return s.reason ?? '';
    case 'partial':
      return `未覆盖：${s.uncovered.map((u) => `“${u.text}”`).join('、')}` + (s.reason ? `；${s.reason}` : '');
    case 'missing':
      return s.reason ?? '没有原文引用这一句';
  }
}

const COLORS: Record<CoverageStatus, string> = { formalised: '32', marked: '36', partial: '33', missing: '31' };

/** The Chinese table of one report. */
export function coverageText(r: CoverageReport, io: Pick<Io, 'cwd' | 'color'>): string {
  const lines: string[] = [];
  lines.push(terminalSafe(`来源 ${displayPath(r.sourcePath, io.cwd)}（政策 ${displayPath(r.root, io.cwd)}）`));
  // Display grouping: a sentence nobody quotes sits in its neighbours' clause when the
  // nearest owned sentences before and after it belong to the same clause.
  const own = r.sentences.map((s) => s.label ?? (s.owners.some((o) => o.kind === 'header') ? '政策头部' : undefined));
  const before: (string | undefined)[] = [];
  const after: (string | undefined)[] = [];
  for (let i = 0, last: string | undefined; i < own.length; i++) before[i] = last = own[i] ?? last;
  for (let i = own.length - 1, next: string | undefined; i >= 0; i--) after[i] = next = own[i] ?? next;
  const rows = r.sentences.map((s, i) => {
    const group = own[i] ?? (before[i] !== undefined && before[i] === after[i] ? before[i]! : '（未归属）');
    return {
      s,
      group,
      // INVARIANT: every cell is terminal-safe before padding and colouring (terminalSafe)
      cells: [String(s.id), `${s.line}:${s.column}`, STATUS_TEXT[s.status], terminalSafe(s.label ?? (group === '政策头部' ? '头部' : '—')), clipWidth(toDisplayText(note(s)), NOTE_WIDTH), clip(s.text, SENTENCE_CHARS)],
    };
  });
  const header = ['#', '行:列', '状态', '条款', '说明', '句子'];
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((row) => stringWidth(row.cells[i]!))));
  const fmt = (cells: string[], status?: CoverageStatus) =>
    cells
      .map((c, i) => {
        const last = i === cells.length - 1;
        const padded = last ? c : i === 0 ? ' '.repeat(Math.max(0, widths[0]! - stringWidth(c))) + c : pad(c, widths[i]!);
        return i === 2 && status && io.color ? `\u001b[${COLORS[status]}m${padded}\u001b[0m` : padded;
      })
      .join('  ');
  lines.push(fmt(header));
  const titles = new Map(r.clauses.map((c) => [c.label, c.title] as const));
  let current: string | undefined;
  for (const row of rows) {
    if (row.group !== current) {
      current = row.group;
      lines.push(`── ${toDisplayText(row.group + (titles.get(row.group) ? ` ${titles.get(row.group)}` : ''))} ──`);
    }
    lines.push(fmt(row.cells, row.s.status));
  }
  for (const i of r.ignored) lines.push(terminalSafe(`（忽略 ${i.line}:${i.column} ${clip(i.text, SENTENCE_CHARS)}：${i.reason}）`));
  if (r.unmatched.length) lines.push(`（${r.unmatched.length} 条原文在来源中找不到，未计入覆盖；见 zhengce check 的 ZC0601）`);
  const t = r.totals;
  lines.push(
    `合计：${t.sentences} 句；已形式化 ${t.formalised}，已标注不可计算 ${t.marked}，部分覆盖 ${t.partial}，缺失 ${t.missing}；` +
      `已说明 ${t.accounted}/${t.sentences}（${t.percent}%）` + (t.ignored ? `；忽略 ${t.ignored} 行` : ''),
  );
  return lines.join('\n') + '\n';
}

