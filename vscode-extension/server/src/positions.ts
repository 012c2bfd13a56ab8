/**
 * The one place where LSP positions exist: UTF-16 offsets ↔ LSP line/character.
 * Input: a text. Output: conversions both ways (and ranges).
 *
 * House rule: the compiler core works in UTF-16 offsets; LSP positions exist only in
 * vscode-extension/server, and only through this module (the playground's worker, which speaks Monaco's
 * positions, encodes its semantic tokens with this module's `encodeSemanticTokens`: the same encoding).
 *
 * LSP characters ARE UTF-16 code units (the default `positionEncoding` "utf-16", the
 * only one this server announces), so a conversion is a line-start lookup and a
 * subtraction — Chinese text and characters outside the BMP (surrogate pairs, e.g.
 * 𠀀 or 😀) need no special handling: 𠀀 is two characters in LSP, as in JavaScript.
 *
 * Line breaks: the compiler's one line model (compiler/common/lines.ts): \n, \r\n
 * and \r, exactly the three the LSP specification lists ("To ensure that both client
 * and server split the string into the same line representation the protocol
 * specifies the following end-of-line sequences: '\n', '\r\n' and '\r'"). It is the
 * line model of VS Code's text buffer, of Monaco and of the client's incremental
 * edits, and the one SourceFile (CLI positions) and the playground use, so a line
 * number is the same everywhere. U+2028/U+2029 are ordinary characters. \r\n is one
 * line break; an offset between \r and \n maps to the end of that line.
 *
 * INVARIANT: offsetAt(positionAt(o)) === o for every offset o that is not between the
 * \r and \n of a CRLF; positions past the end of a line clamp to the line's end and
 * lines past the end clamp to the end of the text (LSP "defaults back").
 */
import type { Position, Range } from 'vscode-languageserver-protocol';
import { lineEnd, lineOf, lineStarts } from '../../../compiler/common/lines.js';

export { lineStarts };

/** Line index of one text (immutable; build a new one when the text changes). */
export class LineIndex {
  readonly starts: readonly number[];
  /** `starts`: the text's line starts when already known (SourceFile.getLineStarts()). */
  constructor(readonly text: string, starts?: readonly number[]) {
    this.starts = starts ?? lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line containing an offset (clamped into the text). */
  lineOf(offset: number): number {
    return lineOf(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  /** Offset just past the line's content (before its line break). */
  lineEnd(line: number): number {
    return lineEnd(this.text, this.starts, line);
  }

  /** LSP position of a UTF-16 offset. */
  positionAt(offset: number): Position {
    const off = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(off);
    const start = this.starts[line]!;
    // inside a CRLF (between \r and \n): the end of the line
    const character = Math.min(off, this.lineEnd(line)) - start;
    return { line, character };
  }

  /** UTF-16 offset of an LSP position (clamped as the protocol says). */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /**
   * The index of this text with [start, end) replaced by `inserted` (`text`: the new text): the line
   * starts before the edit kept, those in it found, those after it moved — no scan of the whole
   * text per edit. INVARIANT: equal to `new LineIndex(text)` (test/lsp/positions.test.ts).
   */
  edit(start: number, end: number, inserted: string, text: string): LineIndex {
    const old = this.starts;
    const delta = inserted.length - (end - start);
    // A start p depends on the characters at p - 1 and p ("\r" then "\n" is one break): those before
    // the edit (p < start) and after it (p > end) are the old ones; [start, start + inserted] are new.
    let k = this.lineOf(start);
    if (old[k]! >= start) k--;
    const starts = old.slice(0, k + 1);
    if (!starts.length) starts.push(0);
    const to = start + inserted.length;
    for (let q = Math.max(start, 1); q <= to && q <= text.length; q++) {
      const c = text.charCodeAt(q - 1);
      if (c === 10 || (c === 13 && text.charCodeAt(q) !== 10)) starts.push(q);
    }
    let i = k + 1;
    while (i < old.length && old[i]! <= end) i++;
    for (; i < old.length; i++) starts.push(old[i]! + delta);
    return new LineIndex(text, starts);
  }

  /** Text of a line without its terminator. */
  lineText(line: number): string {
    return this.text.slice(this.starts[line] ?? this.text.length, this.lineEnd(line));
  }
}

/** Apply LSP content changes (incremental or full) to a text; returns the new text. */
export function applyContentChanges(
  text: string,
  changes: readonly ({ range: Range; text: string } | { text: string })[],
): string {
  return applyChanges(new LineIndex(text), changes).text;
}

/**
 * Apply LSP content changes to the text of a line index; returns the index of the new text (its
 * line starts updated per change, not found again: `LineIndex.edit`).
 */
export function applyChanges(index: LineIndex, changes: readonly ({ range: Range; text: string } | { text: string })[]): LineIndex {
  let idx = index;
  for (const ch of changes) {
    if ('range' in ch && ch.range) {
      const out = idx.text;
      const s = idx.offsetAt(ch.range.start);
      const e = Math.max(s, idx.offsetAt(ch.range.end));
      idx = idx.edit(s, e, ch.text, out.slice(0, s) + ch.text + out.slice(e));
    } else {
      idx = new LineIndex(ch.text);
    }
  }
  return idx;
}

/** Does a range boundary split a surrogate pair? (for tests and sanity checks) */
export function splitsSurrogate(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const hi = text.charCodeAt(offset - 1);
  const lo = text.charCodeAt(offset);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/**
 * LSP semantic-token data (relative line/character, length, type, modifiers) of
 * offset-based tokens sorted by start; a token spanning lines (a string) is split
 * per line, as the protocol requires.
 */
export function encodeSemanticTokens(tokens: readonly { start: number; end: number; type: number; mods: number }[], index: LineIndex): number[] {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const r of tokens) {
    let s = r.start;
    while (s < r.end) {
      const line = index.lineOf(s);
      const e = Math.min(r.end, index.lineEnd(line));
      if (e > s) {
        const char = s - index.starts[line]!;
        const dl = line - prevLine;
        data.push(dl, dl === 0 ? char - prevChar : char, e - s, r.type, r.mods);
        prevLine = line;
        prevChar = char;
      }
      const nextStart = index.starts[line + 1];
      if (nextStart === undefined || nextStart <= s) break;
      s = nextStart;
    }
  }
  return data;
}
