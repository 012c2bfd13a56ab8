/**
 * The per-file error limit (like clang's `-ferror-limit`): one mistake — a missing closing quote
 * that turns the rest of a file inside out — must not bury the drafter under hundreds of errors.
 * Input: diagnostics sorted by file, then offset (`sortDiagnostics`), the files they point into.
 * Output: the same list with, in every file that has more than `limit + 1` errors, the errors after
 * the `limit`-th replaced by one ZC0007 at the first of them, saying how many there were and where
 * the first one is.
 *
 * Decisions (grammar/README.md §14.3):
 *  - Only errors count and only errors are held back: warnings and notes are few (they are not
 *    what a flipped text produces by the hundred), each says something the cascade does not
 *    invalidate, and hiding them would change what `--fail-level warning` sees.
 *  - A file with exactly `limit + 1` errors shows them all: a summary in place of one error
 *    would hide it for nothing. So ZC0007 always stands for at least 2 errors.
 *  - `limit` 0 (or less, or not finite): no limit.
 * INVARIANT: nothing silent — the count in ZC0007's message is exactly the number of errors it
 * stands for; every warning and note is kept; the result is sorted (`sortDiagnostics`).
 * INVARIANT: idempotent — limiting a limited list changes nothing (a limited file has
 * `limit + 1` errors). Limit a file's whole list once, after merging (not per program, then merged:
 * two programs' ZC0007s for one file would both be kept).
 */
import { basename } from 'node:path';
import type { SourceFile } from '../common/source.js';
import { compareDiagnostics, diag, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { positionOf } from './position.js';

/**
 * Errors reported one by one per file (`zhengce check --error-limit`, the language server). 20, as
 * clang's default: about a screen of errors, so independent mistakes are still seen one by one,
 * while a flipped text (measured on policies/luanchuan/第四章.zc: one inserted `"` gave 216 errors
 * in the file) gives 21 — and the same as the parser's cap per parse unit (ZC0205), so one unit's
 * 20 syntax errors with their ZC0205 are shown whole (limit + 1, below).
 */
export const DEFAULT_ERROR_LIMIT = 20;

/**
 * `sorted` with each file's errors past `limit` replaced by one ZC0007 (see the module header).
 * `files`: the SourceFiles spans point into (for the line and column in the message; a file not
 * there is named by its path alone). The input is not modified; when nothing is held back the
 * same array is returned.
 */
export function limitErrors(sorted: Diagnostic[], files: ReadonlyMap<string, SourceFile>, limit: number = DEFAULT_ERROR_LIMIT): Diagnostic[] {
  if (!(limit > 0) || !Number.isFinite(limit)) return sorted;
  // errors per file (one pass; a list with no file over the limit is returned as it is)
  const errors = new Map<string, number>();
  let over = false;
  for (const d of sorted) {
    if (d.severity !== 'error') continue;
    const n = (errors.get(d.span.file) ?? 0) + 1;
    errors.set(d.span.file, n);
    if (n > limit + 1) over = true;
  }
  if (!over) return sorted;
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  /** Where ZC0007s were put (each at the place of the error it replaces). */
  const at: number[] = [];
  for (const d of sorted) {
    if (d.severity !== 'error') {
      out.push(d);
      continue;
    }
    const file = d.span.file;
    const total = errors.get(file)!;
    const k = (seen.get(file) ?? 0) + 1;
    seen.set(file, k);
    if (total <= limit + 1 || k <= limit) out.push(d);
    else if (k === limit + 1) at.push(out.push(limitDiagnostic(d, total - limit, limit, files.get(file))) - 1);
  }
  // The rest keep the input's order; a ZC0007 is out of order only beside a diagnostic of the same
  // span whose code sorts after "ZC0007" (an error kept at the very span): then sorted again.
  const misplaced = at.some((i) => (i > 0 && compareDiagnostics(out[i - 1]!, out[i]!) > 0) || (i + 1 < out.length && compareDiagnostics(out[i]!, out[i + 1]!) > 0));
  return misplaced ? sortDiagnostics(out) : out;
}

/** How many errors each ZC0007 made here stands for (the renderers' summaries count them). */
const heldBack = new WeakMap<Diagnostic, number>();

/**
 * The number of errors a ZC0007 made by `limitErrors` stands for (the errors it holds back), else 0:
 * the renderers' summary line counts every error of the file, listed or not (nothing silent).
 */
export function errorsHeldBack(d: Diagnostic): number {
  return heldBack.get(d) ?? 0;
}

/** ZC0007 at `first`, the first error held back, for `held` errors. */
function limitDiagnostic(first: Diagnostic, held: number, limit: number, sf: SourceFile | undefined): Diagnostic {
  const p = sf && positionOf(sf, first.span.start);
  const at = p ? `${basename(first.span.file)}:${p.line}:${p.column}` : basename(first.span.file);
  const d = diag(
    'ZC0007',
    first.span,
    `错误过多：本文件已列出前 ${limit} 个错误，其后 ${held} 个未逐个列出，第一个在 ${at}（${first.code}）`,
    { help: '先改正前面的错误，其后的错误多半随之消失——常见原因是少了一个结尾引号“"”或右括号“}”，其后的内容被当作另一种内容读了；要列出全部错误：zhengce check --error-limit 0' },
  );
  heldBack.set(d, held);
  return d;
}
