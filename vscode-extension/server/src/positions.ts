/**
 * The one place where LSP positions exist: UTF-16 offsets ↔ LSP line/character.
 * Input: a text. Output: conversions both ways (and ranges).
 *
 * House rule: the compiler core works in UTF-16 offsets; LSP positions exist only in
 * vscode-extension/server, and only through this module.
 *
 * LSP characters ARE UTF-16 code units (the default `positionEncoding` "utf-16", the
 * only one this server announces), so a conversion is a line-start lookup and a
 * subtraction — Chinese text and characters outside the BMP (surrogate pairs, e.g.
 * 𠀀 or 😀) need no special handling: 𠀀 is two characters in LSP, as in JavaScript.
 *
 * Line breaks: \n, \r\n and \r, exactly the three the LSP specification lists
 * ("To ensure that both client and server split the string into the same line
 * representation the protocol specifies the following end-of-line sequences: '\n',
 * '\r\n' and '\r'"); it is the line model of VS Code's text buffer and of the
 * client's incremental edits, so the server must use it to apply them.
 * compiler/common/source.ts (SourceFile.getLineStarts) additionally breaks lines at
 * U+2028/U+2029 for the CLI's display; those two characters are ordinary characters
 * in LSP positions (VS Code shows them as "unusual line terminators"). The compiler's
 * spans are offsets, so the difference never reaches a diagnostic's offsets — only
 * its displayed line number in the CLI vs. the editor. \r\n is one line break on
 * both sides; an offset between \r and \n maps to the end of that line.
 *
 * INVARIANT: offsetAt(positionAt(o)) === o for every offset o that is not between the
 * \r and \n of a CRLF; positions past the end of a line clamp to the line's end and
 * lines past the end clamp to the end of the text (LSP "defaults back").
 */
import type { Position, Range } from 'vscode-languageserver-protocol';

/** Offsets at which each line starts (LSP line breaks: \n, \r\n, \r). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Line index of one text (immutable; build a new one when the text changes). */
export class LineIndex {
  readonly starts: readonly number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line containing an offset (clamped into the text). */
  lineOf(offset: number): number {
    const starts = this.starts;
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset just past the line's content (before its line break). */
  lineEnd(line: number): number {
    const s = this.starts[line] ?? this.text.length;
    let e = this.starts[line + 1] ?? this.text.length;
    if (e > s && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > s && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
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
  let out = text;
  for (const ch of changes) {
    if ('range' in ch && ch.range) {
      const idx = new LineIndex(out);
      const s = idx.offsetAt(ch.range.start);
      const e = Math.max(s, idx.offsetAt(ch.range.end));
      out = out.slice(0, s) + ch.text + out.slice(e);
    } else {
      out = ch.text;
    }
  }
  return out;
}

/** Does a range boundary split a surrogate pair? (for tests and sanity checks) */
export function splitsSurrogate(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const hi = text.charCodeAt(offset - 1);
  const lo = text.charCodeAt(offset);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
