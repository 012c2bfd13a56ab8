/**
 * The equivalent-mutant list stays true: every entry of test/mutation/equivalent.mjs names exactly one
 * line of its file (the compiler's, or the runtime text the emitter copies into every evaluator), each
 * compiler line has its `Stryker disable` comment, and no unlisted comment hides a mutant. A refactor of
 * a listed line goes red here, in CI, instead of breaking `npm run mutation` later.
 */
import { describe, expect, it } from 'vitest';
import { runtimeModule } from '../emit/runtime-module.js';
import { LIST, equivalentProblems } from './equivalents.js';

describe('equivalent mutants (test/mutation/equivalent.mjs)', () => {
  it('every entry names exactly one line, with its disable comment; no unlisted comment', async () => {
    const m = await runtimeModule();
    const body = m.source.split('\n').slice(m.runtimeLines[0] - 1, m.runtimeLines[1]);
    expect(LIST.length).toBeGreaterThan(50);
    expect(equivalentProblems('.', body)).toEqual([]);
  });

  it('reports a listed line that no longer exists', async () => {
    const m = await runtimeModule();
    const body = m.source.split('\n').slice(m.runtimeLines[0] - 1, m.runtimeLines[1]);
    // (the runtime text without the line of its first entry: as after a refactor of that line)
    const first = LIST.find((e) => e.file.endsWith('generated/runtime.ts'))!;
    const edited = body.filter((l) => l.trim() !== first.line);
    expect(equivalentProblems('.', edited)).toEqual([`equivalent.mjs: "${first.line}" matches 0 lines of test/mutation/generated/runtime.ts (must be exactly 1)`]);
  });
});
