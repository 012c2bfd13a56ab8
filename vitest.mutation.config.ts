import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests Stryker runs (`npm run mutation`, stryker.config.mjs): the direct tests of the
 * semantic core — compiler/common, compiler/ir, compiler/interpret and the generated
 * runtime (not its random agreement with the interpreter, test/emit/runtime-agreement.test.ts).
 * Globs, so new test files there are included. (Selected here rather than with
 * Stryker's `testFiles` option, which in 9.6 activates static mutants too late —
 * stryker-js#6144 — and reports them as survived.) Everything else as vitest.config.ts.
 *
 * ZC_MUTATION_TESTS narrows the set for a run scoped to one file with `--mutate`
 * (comma-separated globs, e.g. `ZC_MUTATION_TESTS=test/common/decimal.test.ts`): the dry
 * run then only runs those tests (see test/README.md).
 */
const ALL = ['test/common/**/*.test.ts', 'test/ir/**/*.test.ts', 'test/interpret/**/*.test.ts', 'test/emit/runtime*.test.ts'];
const given = process.env['ZC_MUTATION_TESTS']?.split(',').map((s) => s.trim()).filter(Boolean);

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: given?.length ? given : ALL,
    // the runtime's random agreement with the interpreter compiles the fixture and loads the
    // emitter (~6 s of imports a run at load); the direct tests of the runtime are the rest of
    // test/emit/runtime*.test.ts
    exclude: [...(base.test?.exclude ?? []), 'test/emit/runtime-agreement.test.ts'],
    // Stryker runs its own test runners in parallel (stryker.config.mjs concurrency)
    maxWorkers: 1,
    // test files share one module graph within a run (Stryker starts a fresh worker per run,
    // i.e. per mutant, so nothing carries from one mutant to the next): the compiler's modules
    // are loaded once per mutant, not once per test file. interpreter.ts, lines 736–746, 5
    // mutants: 41 s instead of 65 s, the dry run 17 s instead of 35 s (load ~15).
    // ZC_MUTATION_ISOLATE=1 restores vitest's per-file isolation.
    isolate: process.env['ZC_MUTATION_ISOLATE'] === '1',
  },
});
