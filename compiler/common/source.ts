/**
 * Source text and spans.
 * Input: file path + text. Output: offset ↔ line/column mapping used by renderers.
 *
 * INVARIANT: the core works in UTF-16 code-unit offsets into the exact text it was
 * given (no normalisation, no BOM stripping). Line/column exist only for display.
 */

/** A half-open range [start, end) of UTF-16 offsets in one file. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** One input file as the compiler sees it. */
export class SourceFile {
  private lineStarts: number[] | undefined;
  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** Offsets at which each line starts (after \n, \r\n, \r, U+2028, U+2029). */
  getLineStarts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 || c === 0x2028 || c === 0x2029) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  /** 0-based line and UTF-16 column of an offset (clamped into the text). */
  lineCol(offset: number): { line: number; col: number } {
    const starts = this.getLineStarts();
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: off - starts[lo]! };
  }

  /** Text of a 0-based line without its terminator. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    const s = starts[line] ?? this.text.length;
    let e = starts[line + 1] ?? this.text.length;
    while (e > s) {
      const c = this.text.charCodeAt(e - 1);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) e--;
      else break;
    }
    return this.text.slice(s, e);
  }

  span(start: number, end: number): Span {
    return { file: this.path, start, end };
  }
}

/** Smallest span covering both. Both must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
