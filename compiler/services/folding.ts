/**
 * Folding ranges, in offsets. Input: a ProgramSet and a file. Output: ranges to fold.
 *
 *  - every declaration of the declaration tree (decls.ts) that spans lines: from its
 *    start to the end of the line before its closing `}` when that brace stands on
 *    its own line (so `}` stays visible, as editors fold braces), else to its end;
 *  - a run of two or more comment lines (kind 'comment');
 *  - a run of two or more imports (kind 'imports').
 * Lines are the compiler's line model (common/lines.ts, via SourceFile). A client
 * turns `start` / `end` into the first and last line of the fold.
 */
import type { ParsedFile } from '../syntax/index.js';
import { tokenEnd } from '../syntax/lexer.js';
import { lineEnd, lineOf } from '../common/lines.js';
import type { ProgramSet } from './program-set.js';
import { declTree, walkDecls } from './decls.js';

export interface FoldingRange {
  readonly start: number;
  readonly end: number;
  readonly kind?: 'comment' | 'imports';
}

/** Folding ranges of a file, sorted by start. */
export function foldingRanges(ws: ProgramSet, path: string): FoldingRange[] {
  const parsed = ws.parsedOf(path);
  return parsed ? foldingRangesOf(parsed) : [];
}

export function foldingRangesOf(parsed: ParsedFile): FoldingRange[] {
  const text = parsed.source.text;
  const starts = parsed.source.getLineStarts();
  const line = (off: number) => lineOf(starts, Math.max(0, Math.min(off, text.length)));
  const out: FoldingRange[] = [];
  const tree = declTree(parsed.ast);
  for (const d of walkDecls(tree)) {
    const { start, end } = d.span;
    const first = line(start);
    let last = line(Math.max(start, end - 1));
    if (last <= first) continue;
    let stop = end;
    // a closing brace alone at the start of its line stays visible
    if (/[}｝]/.test(text[end - 1] ?? '') && text.slice(starts[last]!, end - 1).trim() === '') {
      last--;
      stop = lineEnd(text, starts, last);
    }
    if (last > first) out.push({ start, end: stop });
  }
  // runs of comment lines (a comment that is the first thing on its line)
  let run: { start: number; end: number; line: number; n: number } | undefined;
  const flush = () => {
    if (run && run.n >= 2) out.push({ start: run.start, end: run.end, kind: 'comment' });
    run = undefined;
  };
  for (const c of parsed.comments) {
    const l = line(c.startOffset);
    const ownLine = text.slice(starts[l]!, c.startOffset).trim() === '';
    if (!ownLine) {
      flush();
      continue;
    }
    if (run && l === run.line + 1) {
      run.end = tokenEnd(c);
      run.line = l;
      run.n++;
    } else {
      flush();
      run = { start: c.startOffset, end: tokenEnd(c), line: l, n: 1 };
    }
  }
  flush();
  // runs of imports
  const imports = tree.filter((d) => d.kind === 'import');
  for (let i = 0; i < imports.length;) {
    let j = i;
    while (j + 1 < imports.length && line(imports[j + 1]!.span.start) === line(imports[j]!.span.end) + 1) j++;
    if (j > i) out.push({ start: imports[i]!.span.start, end: imports[j]!.span.end, kind: 'imports' });
    i = j + 1;
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
