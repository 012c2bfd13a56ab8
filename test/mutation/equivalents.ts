/**
 * The equivalent-mutant list (test/mutation/equivalent.mjs) against the sources it names:
 * input the list and the files on disk (and the runtime module's text); output the problems,
 * one sentence each — an entry whose line is not exactly one line of its file, a compiler
 * line whose disable comment is missing, a `Stryker disable` comment the list does not name.
 * test/mutation/prepare.ts stops on the first before `stryker run`; test/mutation/equivalents.test.ts
 * keeps the list true in CI, so a refactor of a listed line is caught when it lands, not when
 * someone next runs `npm run mutation`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ES module without types
import { EQUIVALENT } from './equivalent.mjs';

/** One listed equivalent mutant: the exact (trimmed) text of the mutated line and why no test can kill it. */
export interface Equivalent { readonly file: string; readonly line: string; readonly mutator: string; readonly reason: string }
export const LIST = EQUIVALENT as readonly Equivalent[];

/** Where prepare.ts writes the runtime module that Stryker mutates. */
export const RUNTIME_FILE = join('test', 'mutation', 'generated', 'runtime.ts').split('\\').join('/');

/** The directories whose compiler files Stryker mutates (stryker.config.mjs). */
const MUTATED_DIRS = ['compiler/common', 'compiler/interpret', 'compiler/ir'];

/** Index of the one line of `lines` whose trimmed text is `line`, or a problem. */
export function lineOf(file: string, lines: readonly string[], line: string): number | string {
  const at = lines.flatMap((l, i) => (l.trim() === line ? [i] : []));
  return at.length === 1 ? at[0]! : `equivalent.mjs: "${line}" matches ${at.length} lines of ${file} (must be exactly 1)`;
}

/** Problems of the compiler files' entries and comments (relative to `root`), and of the runtime entries against `runtimeBody`. */
export function equivalentProblems(root: string, runtimeBody: readonly string[]): string[] {
  const problems: string[] = [];
  // the compiler files: every listed entry has its comment…
  for (const file of [...new Set(LIST.map((e) => e.file).filter((f) => f !== RUNTIME_FILE))]) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (const e of LIST.filter((x) => x.file === file)) {
      const i = lineOf(file, lines, e.line);
      if (typeof i === 'string') {
        problems.push(i);
        continue;
      }
      const prev = lines[i - 1]?.trim() ?? '';
      if (!prev.startsWith(`// Stryker disable next-line ${e.mutator}`)) problems.push(`${file}: the line before "${e.line}" must be "// Stryker disable next-line ${e.mutator}: …" (equivalent.mjs)`);
    }
  }
  // …and no unlisted `Stryker disable` comment hides a mutant
  const mutated = (dir: string): string[] => readdirSync(join(root, dir)).flatMap((n) => {
    const p = `${dir}/${n}`;
    return statSync(join(root, p)).isDirectory() ? mutated(p) : p.endsWith('.ts') ? [p] : [];
  });
  for (const file of MUTATED_DIRS.flatMap(mutated)) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (!/Stryker disable/.test(l)) return;
      const next = lines[i + 1]?.trim() ?? '';
      if (!LIST.some((e) => e.file === file && e.line === next && l.includes(e.mutator))) problems.push(`${file}:${i + 1}: a Stryker disable comment that test/mutation/equivalent.mjs does not list`);
    });
  }
  // the runtime's entries: each names exactly one line of the runtime text
  for (const e of LIST.filter((x) => x.file === RUNTIME_FILE)) {
    const i = lineOf(RUNTIME_FILE, runtimeBody, e.line);
    if (typeof i === 'string') problems.push(i);
  }
  return problems;
}
