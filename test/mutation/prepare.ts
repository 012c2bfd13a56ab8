/**
 * Before `stryker run` (npm run mutation): write the generated runtime as a module that
 * Stryker can mutate and the runtime tests import (see test/emit/runtime-module.ts), and
 * the line range of the runtime text in it; mark the equivalent mutants listed in
 * test/mutation/equivalent.mjs.
 *
 *   test/mutation/generated/runtime.ts     emitted index.ts of test/emit/fixtures/runtime + exports
 *   test/mutation/generated/runtime.json   { "runtimeLines": [first, last] }  (read by stryker.config.mjs)
 *
 * Run with tsx (no build needed): `tsx test/mutation/prepare.ts`.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeModule } from '../emit/runtime-module.js';
// @ts-expect-error plain ES module without types
import { EQUIVALENT } from './equivalent.mjs';

interface Equivalent { readonly file: string; readonly line: string; readonly mutator: string; readonly reason: string }
const LIST = EQUIVALENT as readonly Equivalent[];

const OUT = join('test', 'mutation', 'generated');
export const RUNTIME_FILE = join(OUT, 'runtime.ts').split('\\').join('/');

/** Insert the disable comments of `entries` into `lines` (mutated in place); returns how many lines were inserted before `limit`. */
function mark(file: string, lines: string[], entries: readonly Equivalent[]): void {
  for (const e of entries) {
    const at = lines.flatMap((l, i) => (l.trim() === e.line ? [i] : []));
    if (at.length !== 1) throw new Error(`equivalent.mjs: "${e.line}" matches ${at.length} lines of ${file} (must be exactly 1)`);
    const i = at[0]!;
    const indent = /^\s*/.exec(lines[i]!)![0];
    lines.splice(i, 0, `${indent}// Stryker disable next-line ${e.mutator}: ${e.reason}`);
  }
}

// the compiler files: every listed entry has its comment, every comment is listed
for (const file of [...new Set(LIST.map((e) => e.file).filter((f) => f !== RUNTIME_FILE))]) {
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const e of LIST.filter((x) => x.file === file)) {
    const at = lines.flatMap((l, i) => (l.trim() === e.line ? [i] : []));
    if (at.length !== 1) throw new Error(`equivalent.mjs: "${e.line}" matches ${at.length} lines of ${file} (must be exactly 1)`);
    const prev = lines[at[0]! - 1]?.trim() ?? '';
    if (!prev.startsWith(`// Stryker disable next-line ${e.mutator}`)) throw new Error(`${file}: the line before "${e.line}" must be "// Stryker disable next-line ${e.mutator}: …" (equivalent.mjs)`);
  }
}

// …and no unlisted `Stryker disable` comment hides a mutant
const mutated = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n).split('\\').join('/');
  return statSync(p).isDirectory() ? mutated(p) : p.endsWith('.ts') ? [p] : [];
});
for (const file of [...mutated('compiler/common'), ...mutated('compiler/interpret'), ...mutated('compiler/ir')]) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((l, i) => {
    if (!/Stryker disable/.test(l)) return;
    const next = lines[i + 1]?.trim() ?? '';
    if (!LIST.some((e) => e.file === file && e.line === next && l.includes(e.mutator))) throw new Error(`${file}:${i + 1}: a Stryker disable comment that test/mutation/equivalent.mjs does not list`);
  });
}

const m = await runtimeModule();
const lines = m.source.split('\n');
const before = lines.length;
const head = lines.slice(0, m.runtimeLines[0] - 1);
const body = lines.slice(m.runtimeLines[0] - 1, m.runtimeLines[1]);
const tail = lines.slice(m.runtimeLines[1]);
mark(RUNTIME_FILE, body, LIST.filter((e) => e.file === RUNTIME_FILE));
const source = [...head, ...body, ...tail].join('\n');
const runtimeLines = [m.runtimeLines[0], m.runtimeLines[1] + (head.length + body.length + tail.length - before)];
mkdirSync(OUT, { recursive: true });
writeFileSync(RUNTIME_FILE, source);
writeFileSync(join(OUT, 'runtime.json'), JSON.stringify({ runtimeLines }) + '\n');
console.log(`wrote ${RUNTIME_FILE} (runtime: lines ${runtimeLines[0]}–${runtimeLines[1]}; ${LIST.length} equivalent mutants listed)`);
