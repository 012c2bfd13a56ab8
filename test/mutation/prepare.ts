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
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeModule } from '../emit/runtime-module.js';
import { LIST, RUNTIME_FILE, equivalentProblems, lineOf, type Equivalent } from './equivalents.js';

const OUT = join('test', 'mutation', 'generated');

/** Insert the disable comments of `entries` into `lines` (mutated in place). */
function mark(file: string, lines: string[], entries: readonly Equivalent[]): void {
  for (const e of entries) {
    const i = lineOf(file, lines, e.line);
    if (typeof i === 'string') throw new Error(i);
    const indent = /^\s*/.exec(lines[i]!)![0];
    lines.splice(i, 0, `${indent}// Stryker disable next-line ${e.mutator}: ${e.reason}`);
  }
}

const m = await runtimeModule();
const lines = m.source.split('\n');
const before = lines.length;
const head = lines.slice(0, m.runtimeLines[0] - 1);
const body = lines.slice(m.runtimeLines[0] - 1, m.runtimeLines[1]);
const tail = lines.slice(m.runtimeLines[1]);
const problems = equivalentProblems('.', body);
if (problems.length > 0) throw new Error(problems.join('\n'));
mark(RUNTIME_FILE, body, LIST.filter((e) => e.file === RUNTIME_FILE));
const source = [...head, ...body, ...tail].join('\n');
const runtimeLines = [m.runtimeLines[0], m.runtimeLines[1] + (head.length + body.length + tail.length - before)];
mkdirSync(OUT, { recursive: true });
writeFileSync(RUNTIME_FILE, source);
writeFileSync(join(OUT, 'runtime.json'), JSON.stringify({ runtimeLines }) + '\n');
console.log(`wrote ${RUNTIME_FILE} (runtime: lines ${runtimeLines[0]}–${runtimeLines[1]}; ${LIST.length} equivalent mutants listed)`);
