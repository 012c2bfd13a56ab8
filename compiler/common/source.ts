/**
 * Source text and spans.
 * Input: file path + text. Output: offset ↔ line/column mapping used by renderers.
 *
 * INVARIANT: the core works in UTF-16 code-unit offsets into the exact text it was
 * given (no normalisation, no BOM stripping). Line/column exist only for display,
 * computed with the one line model of common/lines.ts.
 */
import { lineEnd, lineOf, lineStarts } from './lines.js';

/**
 * A half-open range [start, end) of UTF-16 offsets in one file. Read-only to every pass; the AST's
 * spans are where their nodes are now — an in-place re-parse moves them with their nodes
 * (syntax/blocks.ts `shiftSpansInPlace`): to keep an offset, keep a copy (as `diag` does).
 */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

/** One input file as the compiler sees it. */
export class SourceFile {
  private starts: number[] | undefined;
  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  /** Offsets at which each line starts (the toolchain's line model, common/lines.ts: \n, \r\n, \r). */
  getLineStarts(): number[] {
    return (this.starts ??= lineStarts(this.text));
  }

  /** 0-based line and UTF-16 column of an offset (clamped into the text). */
  lineCol(offset: number): { line: number; col: number } {
    const starts = this.getLineStarts();
    const off = Math.max(0, Math.min(offset, this.text.length));
    const line = lineOf(starts, off);
    return { line, col: off - starts[line]! };
  }

  /** Text of a 0-based line without its terminator. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    return this.text.slice(starts[line] ?? this.text.length, lineEnd(this.text, starts, line));
  }

  span(start: number, end: number): Span {
    return { file: this.path, start, end };
  }
}

/** Smallest span covering both. Both must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
