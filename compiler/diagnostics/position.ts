/**
 * Positions for people: a UTF-16 offset → 1-based line and code-point column, as the renderers
 * (render.ts) and the per-file error limit's message (limit.ts) show them.
 * Input: a SourceFile and offsets. Output: `Position`s.
 * (The language server's LSP positions are its own: vscode-extension/server.)
 */
import type { SourceFile } from '../common/source.js';

/** A 1-based line / code-point column position. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Clamp an arbitrary number into [0, len] as an integer (NaN → 0). */
export function clampOffset(offset: number, len: number): number {
  if (Number.isNaN(offset)) return 0;
  if (offset <= 0) return 0;
  if (offset >= len) return len;
  return Math.floor(offset);
}

/** True when `offset` sits between the halves of a surrogate pair. */
export function splitsPair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/**
 * 1-based line and 1-based column of a UTF-16 `offset` in `file`.
 * The column counts Unicode code points (a surrogate pair is one column; a lone
 * surrogate is one column too). Offsets outside the text are clamped; an offset
 * inside a surrogate pair is moved back to the start of the pair.
 */
export function positionOf(file: SourceFile, offset: number): Position {
  const text = file.text;
  let off = clampOffset(offset, text.length);
  if (splitsPair(text, off)) off--;
  const { line } = file.lineCol(off);
  const lineStart = file.getLineStarts()[line] ?? 0;
  // INVARIANT: linear in the number of positions asked in offset order — columns are
  // counted on from the previous position on the same line, not from the line start
  // (thousands of diagnostics on one long line must not take quadratic time).
  const last = lastPosition.get(file);
  const column = last && last.line === line && last.offset <= off ? last.column + countCodePoints(text, last.offset, off) : countCodePoints(text, lineStart, off);
  lastPosition.set(file, { line, offset: off, column });
  return { line: line + 1, column: column + 1 };
}

/** The last position computed per file (0-based line, offset, 0-based code-point column). */
const lastPosition = new WeakMap<SourceFile, { line: number; offset: number; column: number }>();
