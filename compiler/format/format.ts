/**
 * Formatter: one canonical layout for ZhengCe files (`zhengce fmt`, the language
 * server's formatting).
 * Input: a SourceFile. Output: the formatted text, or undefined + ZC1001 when the file
 * has syntax errors (nothing is formatted then).
 *
 * Canonical layout
 *  - One declaration / attribute / rule item per line. Braces that hold items (政策、
 *    机构、实体、条款、措施、规则、存疑、属性块 such as 失效, 指标/性质 blocks) open at
 *    the end of the header line; their items are indented 2 spaces per level; `}` stands
 *    on its own line. An item block with nothing in it prints as `{}`. Enum braces and
 *    set braces stay inline: `枚举 性别 { 男、女 }`, and like parentheses, without
 *    inner spaces, `属于 {国家、省}`.
 *  - Within an item, tokens are separated by one space, except: no
 *    space before `：` `、` `，` `）` `；` `.` and none after `：` `、` `，` `（` `.`; a
 *    call's or type's `（` is glued to the name before it (`月龄（出生日期）`,
 *    `时长（天）`); a unit is glued to its number (`2000元`); a legal suffix is glued
 *    to its bound (`3以上`, `二孩及以上`) unless the comparison is written with 在
 *    (`在 3 以上`); 之间 is spaced (`1 至 3 之间`); a range dash is glued on both
 *    sides (`6—36月龄`); unary minus is glued to its operand; a clause number is
 *    written without spaces (`四（一）`, `1.`).
 *  - An item stays on one line unless the writer broke it: a line break inside an item
 *    is kept (one, never a blank line) where a space would go and after `：` `、` `，`,
 *    and dropped where tokens are glued and before the `{` of a block; continuation
 *    lines are indented one level deeper than their item (an inline `}` on a line of its
 *    own lines up with its item). Long conditions stay readable:
 *        条件：甲 三孩及以上
 *          且 乙
 *    (KEEP_ITEM_BREAKS in layout.ts switches this off: items then always print on one
 *    line, except after comments.)
 *  - Punctuation has one spelling: `：` `（` `）` `.` `—`, ASCII `{ }`; comparisons
 *    `≥ ≤ ≠ = > <`; arithmetic `+ - × ÷`. The Chinese marks `、` and `，` (and `；` and
 *    `。`) are different characters and both kept as written — policy files mirror the
 *    punctuation of their source document; ASCII `,` becomes `、` (`，` between call
 *    arguments) and ASCII `;` becomes `；`.
 *  - Verbatim: strings, quoted names (「…」/【…】), names, keywords, numbers, dates,
 *    units (including % ％ ‰) and comment text (trailing white space trimmed).
 *  - Comments stay where they were: a comment that followed a token on its line stays at
 *    the end of that line; the trailing comments of consecutive lines start in one column,
 *    one space after the widest of those lines (display width, CJK = 2; a blank line, a
 *    line without a trailing comment or an own-line comment ends the run); a comment on
 *    its own line keeps its own line,
 *    indented like the item that follows it (or like a continuation, inside an item).
 *    After a comment, the item continues on the next line, indented one level deeper.
 *  - Blank lines: at most one in a row, kept where the writer had at least one between
 *    items or comments; none at the start or end of the file or of a block.
 *  - The file ends with one line break; line breaks are those of the input (CRLF if the
 *    first line break is CRLF, else LF); a leading byte-order mark is kept.
 *
 * Safety net: the output is re-lexed and compared token by token with the input (types
 * and canonical spellings); where two tokens would run together, the glue is repaired to
 * a space (or a space to a line break). Then it is re-parsed and its AST (without spans),
 * its comment texts, its strings and literals and its diagnostic codes are compared with
 * the input's. If anything differs the original text is returned unchanged with ZC1002 —
 * the formatter never drops or changes text, even with a bug. (When the printed text
 * is the input itself, there is nothing to prove and the net is skipped.)
 *
 * Nesting beyond the parser's limit (MAX_NESTING) — or so deep that a pass runs out of
 * stack — is ZC0204 stating the depth and the limit, as `check` reports it (not ZC1002).
 *
 * INVARIANT: never throws; never changes the meaning of a file; fmt(fmt(x)) = fmt(x).
 */
import type { IToken } from 'chevrotain';
import { SourceFile } from '../common/source.js';
import { diag, type Diagnostic, type Result, type TextEdit } from '../diagnostics/diagnostic.js';
import { lex, lexRange } from '../syntax/lexer.js';
import { parseTokens } from '../syntax/parser.js';
import { parseFile, tooDeep, type ParsedFile } from '../syntax/index.js';
import type { FileAst } from '../syntax/ast.js';
import { canonicalImage, print, tokenRoles, trimComment, type Gap, type TokenRole } from './layout.js';

/** Line terminator of a text: CRLF if its first line break is CRLF, else LF. */
export function lineEnding(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

interface Analysed {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly ast: FileAst;
  readonly diagnostics: Diagnostic[];
  readonly syntaxErrors: Diagnostic[];
  /** (absent for the formatted output) */
  readonly cst: ReturnType<typeof parseTokens>['value'];
}

/** `keepCst`: false for the formatted output, whose CST the safety net does not read. */
function analyse(source: SourceFile, parsed?: { value: ParsedFile; diagnostics: Diagnostic[] }, keepCst = true, lexed?: ReturnType<typeof lexRange>): Analysed {
  // INVARIANT: a given parse is used only if it is of this very text and kept its CST
  const r = parsed && parsed.value.cst && parsed.value.source.text === source.text ? parsed : parseFile(source, { keepCst }, lexed);
  const syntaxErrors = r.value.syntaxErrors ? r.diagnostics.filter((d) => d.severity === 'error' && /^ZC0[12]/.test(d.code)) : [];
  return { tokens: r.value.tokens, comments: r.value.comments, ast: r.value.ast, cst: r.value.cst!, syntaxErrors, diagnostics: r.diagnostics };
}

// ── meaning fingerprint (for the safety net) ──────────────────────────

const SPAN_KEYS = new Set(['span', 'keySpan', 'numberSpan', 'wordSpan']);

/** A range's `word` is "as written": compare it without white space and dash style. */
function normWord(s: string): string {
  return s.replace(/[ \t\r\n\u3000\u00a0\u2028\u2029\ufeff]+/g, '').replace(/[—–~～〜]+/g, '—');
}

/**
 * Do two ASTs mean the same: equal without spans and the file path, range words
 * compared as normWord (a structural walk; no strings are built — the formatter's
 * safety net runs it on every format that changes the text).
 */
export function sameAst(a: unknown, b: unknown, key = '', parentKind?: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (key === 'word' && parentKind === 'range' && typeof a === 'string') return normWord(a) === normWord(b as string);
  if (typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameAst(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined && !SPAN_KEYS.has(k) && k !== 'path');
  const kx = keys(x);
  const ky = keys(y);
  if (kx.length !== ky.length) return false;
  for (const k of kx) {
    if (!Object.prototype.hasOwnProperty.call(y, k) || y[k] === undefined) return false;
    if (!sameAst(x[k], y[k], k, x['kind'])) return false;
  }
  return true;
}

function sameTokens(a: Analysed, b: Analysed, roles: Map<IToken, TokenRole>): boolean {
  if (a.tokens.length !== b.tokens.length) return false;
  for (let i = 0; i < a.tokens.length; i++) {
    const x = a.tokens[i]!;
    const y = b.tokens[i]!;
    if (x.tokenType !== y.tokenType || canonicalImage(x, roles.get(x)) !== y.image) return false;
  }
  return true;
}

function why(a: Analysed, b: Analysed, roles: Map<IToken, TokenRole>): string | undefined {
  if (b.syntaxErrors.length) return `格式化结果有语法错误：${b.syntaxErrors[0]!.message}`;
  if (!sameTokens(a, b, roles)) return '格式化结果的记号序列与原文不同';
  const ca = a.comments.map((c) => trimComment(c.image));
  const cb = b.comments.map((c) => trimComment(c.image));
  if (ca.length !== cb.length || ca.some((c, i) => c !== cb[i])) return '格式化结果的注释与原文不同';
  if (!sameAst(a.ast, b.ast)) return '格式化结果的语法树与原文不同';
  const codes = (x: Analysed) => x.diagnostics.map((d) => d.code).sort().join(',');
  if (codes(a) !== codes(b)) return '格式化结果的诊断与原文不同';
  return undefined;
}

// ── repair: where re-lexing disagrees, loosen the spacing ─────────────

/**
 * Compare the re-lexed output with the expected tokens; on the first disagreement
 * return the token indices whose preceding gap must be loosened (empty: nothing to do).
 */
function culprits(a: Analysed, outTokens: IToken[], at: readonly (readonly [number, number])[], roles: Map<IToken, TokenRole>): number[] | 'ok' {
  const n = a.tokens.length;
  for (let i = 0; i < n; i++) {
    const e = a.tokens[i]!;
    const r = outTokens[i];
    const [es, ee] = at[i]!;
    if (r && r.tokenType === e.tokenType && r.image === canonicalImage(e, roles.get(e)) && r.startOffset === es) continue;
    if (r && r.startOffset === es && r.startOffset + r.image.length > ee) {
      // ran together with following tokens: loosen the gaps inside the merged token
      const re = r.startOffset + r.image.length;
      const inside: number[] = [];
      for (let j = i + 1; j < n && at[j]![0] < re; j++) inside.push(j);
      // prefer gaps where the writer had white space
      const spaced = inside.filter((j) => a.tokens[j]!.startOffset > a.tokens[j - 1]!.startOffset + a.tokens[j - 1]!.image.length);
      return spaced.length ? spaced : inside;
    }
    return i > 0 ? [i] : [];
  }
  return outTokens.length === n ? 'ok' : [];
}

const MAX_REPAIRS = 64;

function internal(source: SourceFile, message: string): Result<string> {
  return {
    value: source.text,
    diagnostics: [diag('ZC1002', source.span(0, 0), `格式化会改变文件的含义，已保持原样（${message}）`, { help: '这是 ZhengCe 格式化器的缺陷，请报告' })],
  };
}

/**
 * Format one file. See the module header for the layout. `parsed`: the file's parse
 * with its CST, when the caller has one (the language server), to skip parsing it again.
 */
export function format(source: SourceFile, parsed?: { value: ParsedFile; diagnostics: Diagnostic[] }): Result<string | undefined> {
  return formatWith(source, print, parsed);
}

/**
 * `format` with another printer — only for testing the safety net (a printer that drops
 * or changes text must yield the original text and ZC1002).
 */
export function formatWith(source: SourceFile, printer: typeof print, parsed?: { value: ParsedFile; diagnostics: Diagnostic[] }): Result<string | undefined> {
  try {
    return formatUnsafe(source, printer, parsed);
  } catch (e) {
    // A file nested too deeply for the formatter's recursion is the user's limit (ZC0204,
    // as `check` reports it), not a formatter defect.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { value: undefined, diagnostics: [tooDeep(source, lex(source).value.tokens, true)] };
    }
    return internal(source, `内部异常：${(e as Error).message ?? String(e)}`);
  }
}

function formatUnsafe(source: SourceFile, printer: typeof print, parsed?: { value: ParsedFile; diagnostics: Diagnostic[] }): Result<string | undefined> {
  const a = analyse(source, parsed);
  const deep = a.syntaxErrors.find((d) => d.code === 'ZC0204');
  // nesting beyond the limit: say so (with the limit), as `check` does
  if (deep) return { value: undefined, diagnostics: [deep] };
  if (a.syntaxErrors.length) {
    const first = a.syntaxErrors[0]!;
    const n = a.syntaxErrors.length;
    return {
      value: undefined,
      diagnostics: [
        diag('ZC1001', first.span, `文件有 ${n} 处语法错误，未格式化：${first.message}`, {
          related: a.syntaxErrors.slice(1, 10).map((d) => ({ span: d.span, message: d.message })),
          help: '先改正语法错误（zhengce check 会列出全部错误），再格式化',
        }),
      ],
    };
  }
  const roles = tokenRoles(a.cst, a.tokens);
  if (!roles) return internal(source, '语法树与记号不一致');
  const eol = lineEnding(source.text);
  const forced = new Map<number, Gap>();
  for (let round = 0; round <= MAX_REPAIRS; round++) {
    const out = printer({ text: source.text, tokens: a.tokens, comments: a.comments, roles, eol, forced });
    // already in canonical layout: the output is the input, nothing to prove
    if (out.text === source.text) return { value: out.text, diagnostics: [] };
    const outFile = new SourceFile(source.path, out.text);
    // (lexed once: the safety net's parse of the output below starts from this very lexing)
    const relexed = lexRange(outFile, 0, out.text.length);
    const c = culprits(a, relexed.value.tokens, out.at, roles);
    if (c !== 'ok') {
      let progress = false;
      for (const i of c) {
        const g = out.gaps[i];
        if (g === 'glue') forced.set(i, 'space');
        else if (g === 'space') forced.set(i, 'break');
        else continue;
        progress = true;
      }
      if (progress) continue;
      return internal(source, '无法在不改变记号的前提下排版');
    }
    const b = analyse(outFile, undefined, false, relexed);
    const problem = why(a, b, roles);
    if (problem) return internal(source, problem);
    return { value: out.text, diagnostics: [] };
  }
  return internal(source, '排版修复次数过多');
}

/**
 * Edits that turn the file into its formatted form (for the language server): at most
 * one edit, replacing the smallest differing middle part. Empty when already formatted
 * or when the file cannot be formatted (the diagnostics say why).
 */
export function formatEdits(source: SourceFile, parsed?: { value: ParsedFile; diagnostics: Diagnostic[] }): Result<TextEdit[]> {
  const r = format(source, parsed);
  const out = r.value;
  if (out === undefined || out === source.text) return { value: [], diagnostics: r.diagnostics };
  const a = source.text;
  let s = 0;
  const max = Math.min(a.length, out.length);
  while (s < max && a.charCodeAt(s) === out.charCodeAt(s)) s++;
  let e = 0;
  while (e < max - s && a.charCodeAt(a.length - 1 - e) === out.charCodeAt(out.length - 1 - e)) e++;
  // never split a surrogate pair or a CRLF
  const low = (x: string, i: number) => i > 0 && i < x.length && ((x.charCodeAt(i) & 0xfc00) === 0xdc00 || (x[i] === '\n' && x[i - 1] === '\r'));
  while (s > 0 && (low(a, s) || low(out, s))) s--;
  while (e > 0 && (low(a, a.length - e) || low(out, out.length - e))) e--;
  return { value: [{ span: source.span(s, a.length - e), newText: out.slice(s, out.length - e) }], diagnostics: r.diagnostics };
}

/**
 * Why `formatEdits` left a file as it was, for an editor to show (clients show nothing for an empty answer;
 * `zhengce fmt` prints the diagnostic): its first error and line — `文件有 1 处语法错误，未格式化：…（第 12 行）` —
 * or undefined when the file was formatted or already canonical.
 */
export function notFormattedReason(source: SourceFile, r: Result<TextEdit[]>): string | undefined {
  if (r.value.length) return undefined;
  const why = r.diagnostics.find((d) => d.severity === 'error');
  return why ? `${why.message}（第 ${source.lineCol(why.span.start).line + 1} 行）` : undefined;
}

/** Apply non-overlapping edits (sorted or not) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((x, y) => y.span.start - x.span.start);
  let out = text;
  for (const ed of sorted) out = out.slice(0, ed.span.start) + ed.newText + out.slice(ed.span.end);
  return out;
}
