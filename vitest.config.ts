import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Goldens (`toMatchFileSnapshot`) are never written silently: a missing or different
 * expected file fails everywhere — locally as in CI — unless an update is asked for
 * explicitly with `npx vitest run -u` (or UPDATE_SNAPSHOT=1). (vitest's own default
 * writes missing snapshots unless CI is set.)
 */
const update = process.env['UPDATE_SNAPSHOT'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // the one seeding rule of every fast-check property (test/helpers/seed.ts)
    setupFiles: ['test/helpers/seed.ts'],
    update: update === 'all' || update === 'new' ? update : update ? 'all' : 'none',
    // a limit against hangs, not a speed assertion: generous, because CI shares 2 cores with
    // two workers and their child processes (tsc, Chromium, z3)
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // one worker per core (vitest's default is cores − 1: a single worker on the 2-core CI
    // machine). Many test files mostly wait on a child process — Chromium, neovim, the language
    // server, z3's worker, PostgreSQL — and a second worker uses the core they leave idle.
    // INVARIANT: test files are independent — temp dirs from mkdtemp, a PostgreSQL schema per
    // process (test/sql/engines.ts), no fixed ports; the only writes into the checkout are
    // screenshots and pages under test-output/, each file named by its own test.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
