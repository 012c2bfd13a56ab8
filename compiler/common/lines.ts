/**
 * The toolchain's one line model: where lines break in a text.
 * Input: a text. Output: the offsets at which its lines start.
 *
 * A line break is `\n`, `\r\n` or `\r` — exactly the three end-of-line sequences of
 * the Language Server Protocol, and the line model of VS Code, Monaco (the
 * playground) and neovim's LSP client. U+2028 / U+2029 (LINE / PARAGRAPH SEPARATOR)
 * are white space, not line breaks: editors show them inside a line, so the compiler
 * does too (CLI positions, comments that run "to the end of the line", SARIF regions,
 * the language server's positions and the playground's markers all agree).
 *
 * INVARIANT: every line/column the toolchain shows is computed from these line
 * starts (SourceFile.getLineStarts, vscode-extension/server/src/positions.ts).
 */

/** Regular-expression source of one line break (for patterns that need it). */
export const LINE_BREAK_SOURCE = '\\r\\n|\\r|\\n';

/** Is this UTF-16 code unit part of a line break? */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Offsets at which each line of `text` starts (the first is 0). */
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

/** Index of the line containing `offset` (clamped into the text), by binary search. */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  // Stryker disable next-line ArithmeticOperator: an index past the end reads undefined, and undefined <= offset is false: the search moves hi down as it would past the last start, and returns the same line
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset just past the content of line `line` (before its line break). */
export function lineEnd(text: string, starts: readonly number[], line: number): number {
  const s = starts[line] ?? text.length;
  let e = starts[line + 1] ?? text.length;
  if (e > s && text.charCodeAt(e - 1) === 10) e--;
  if (e > s && text.charCodeAt(e - 1) === 13) e--;
  return e;
}

/**
 * Source text quoted inside a one-line message (a 失效 condition written over three lines, a property's
 * assertion): each line break with the indentation around it becomes one space, so a message shows it
 * as one line — not with `<U+000A>` where a terminal-safe renderer meets the break.
 */
export function asOneLine(text: string): string {
  return text.replace(new RegExp(`[ \\t]*(?:${LINE_BREAK_SOURCE})\\s*`, 'gu'), ' ');
}
