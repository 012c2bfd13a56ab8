/**
 * Sentence splitter for clause coverage (`zhengce coverage`).
 * Input: the text of a policy's source file (the file named by 来源), exactly as read.
 * Output: the units ("sentences") the coverage report accounts for, each with its
 * UTF-16 offsets into that ORIGINAL text, a stable 1-based id and a 1-based
 * line / code-point column (the same conventions as diagnostics/render.ts).
 *
 * Rules (the unit of accounting is deliberately mechanical, so that the count does
 * not depend on judgement):
 * - A line break (\n, \r\n, \r, U+2028, U+2029) always ends a unit: every non-empty
 *   line is at least one unit. Headings ("一、指导思想", "附件1") and the member lines
 *   of a list ("组  长: 李江波  县委常委、组织部部长") are units of their own.
 * - Inside a line a unit ends after a sentence terminator: 。！？； (and the ASCII
 *   ! ? ; that extraction sometimes leaves). A run of terminators ("？！") and any
 *   closing quotes / brackets right after it (”’」』）)】〕》〉］]) stay with the
 *   sentence they close: “……。”他说。 → “……。” | 他说。
 *   The ASCII full stop "." and the comma-like marks (，、：) never split: "1." is a
 *   list number, and a clause's lead sentence continues after "：".
 * - White space (anything `normalizeQuote` removes: \s, U+3000, U+00A0, BOM) is
 *   trimmed from both ends of a unit; units that are empty after trimming are dropped.
 *   Inner white space is kept in `text` (it is layout; quote matching ignores it).
 * - A line consisting only of a Word bookmark left by .docx extraction, such as
 *   `[bookmark: _GoBack]`, is not a sentence: it is returned in `ignored` with the
 *   reason "提取残留" and never counts towards the totals.
 *
 * INVARIANT: units are disjoint, in text order, and `text === source.slice(start, end)`.
 */
import { SourceFile } from '../common/source.js';
import { positionOf } from '../diagnostics/render.js';

/** One unit of accounting. */
export interface Sentence {
  /** 1-based index in text order (stable as long as the source text is unchanged). */
  readonly id: number;
  /** UTF-16 offsets [start, end) into the original source text. */
  readonly start: number;
  readonly end: number;
  /** `source.slice(start, end)`: trimmed, inner white space kept. */
  readonly text: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in code points. */
  readonly column: number;
}

/** A line the splitter recognised as not being policy text. */
export interface IgnoredUnit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export interface SplitResult {
  readonly sentences: Sentence[];
  readonly ignored: IgnoredUnit[];
}

const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '】', '〕', '》', '〉', '］', ']', '｝', '}', '〗', '〙']);
/** The same white-space class as `normalizeQuote` (compiler/semantics/quotes.ts), one code unit at a time. */
const WS_UNIT = /[\s\u3000\u00a0\ufeff]/u;
/** Word bookmarks left behind by .docx → text extraction. */
const ARTEFACT = /^\[bookmark:[^\]\r\n]*\]$/u;

export function isWhiteSpaceUnit(ch: string): boolean {
  return WS_UNIT.test(ch);
}

/**
 * A line break of the official text: also U+2028 / U+2029, unlike common/lines.ts's
 * `isLineBreak` (the DSL's line model, which matches editors' and LSP's: \n, \r only).
 */
function endsTextLine(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Split `text` into sentences (see the module header for the rules). */
export function splitSentences(text: string): SplitResult {
  const file = new SourceFile('<source>', text);
  const sentences: Sentence[] = [];
  const ignored: IgnoredUnit[] = [];

  const emit = (s: number, e: number, wholeLine: boolean) => {
    while (s < e && isWhiteSpaceUnit(text[s]!)) s++;
    while (e > s && isWhiteSpaceUnit(text[e - 1]!)) e--;
    if (s >= e) return;
    const t = text.slice(s, e);
    const pos = positionOf(file, s);
    if (wholeLine && ARTEFACT.test(t)) {
      ignored.push({ start: s, end: e, text: t, line: pos.line, column: pos.column, reason: '提取残留' });
      return;
    }
    sentences.push({ id: sentences.length + 1, start: s, end: e, text: t, line: pos.line, column: pos.column });
  };

  let i = 0;
  while (i <= text.length) {
    // One line: [lineStart, lineEnd).
    const lineStart = i;
    let lineEnd = i;
    while (lineEnd < text.length && !endsTextLine(text.charCodeAt(lineEnd))) lineEnd++;
    let unitStart = lineStart;
    let j = lineStart;
    let splitInLine = false;
    while (j < lineEnd) {
      if (TERMINATORS.has(text[j]!)) {
        let k = j + 1;
        while (k < lineEnd && (TERMINATORS.has(text[k]!) || CLOSERS.has(text[k]!))) k++;
        emit(unitStart, k, false);
        splitInLine = true;
        unitStart = k;
        j = k;
      } else j++;
    }
    emit(unitStart, lineEnd, !splitInLine);
    if (lineEnd >= text.length) break;
    // Skip the line terminator (\r\n counts as one).
    i = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    if (i > text.length) break;
  }
  return { sentences, ignored };
}
