import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests Stryker runs (`npm run mutation`, stryker.config.mjs): the direct tests of the
 * semantic core — compiler/common, compiler/ir, compiler/interpret and the generated
 * runtime. Globs, so new test files there are included. (Selected here rather than with
 * Stryker's `testFiles` option, which in 9.6 activates static mutants too late —
 * stryker-js#6144 — and reports them as survived.) Everything else as vitest.config.ts.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/common/**/*.test.ts', 'test/ir/**/*.test.ts', 'test/interpret/**/*.test.ts', 'test/emit/runtime*.test.ts'],
  },
});
