// @ts-check
/**
 * Mutation testing of the semantic core with Stryker (`npm run mutation`; not a CI gate).
 *
 * What is mutated (globs, so files added later are included):
 *   - compiler/common/** (calendar, decimal, numerals, lines, source);
 *   - compiler/interpret/**, compiler/ir/**;
 *   - the generated evaluators' runtime. compiler/emit/ts-runtime.ts holds it as template
 *     strings, which Stryker could only mutate as whole strings; what runs is the text the
 *     emitter copies into every index.ts. test/mutation/prepare.ts (run first by `npm run
 *     mutation`) writes that text as a module — the emitted index.ts of
 *     test/emit/fixtures/runtime, which uses every runtime part — and the line range of the
 *     runtime in it; Stryker mutates exactly those lines, and the runtime tests import that
 *     file (ZC_RUNTIME_MODULE, set below and inherited by Stryker's workers).
 *
 * Which tests: the direct tests of these files, selected by vitest.mutation.config.ts (globs
 * too). Each mutant runs only the tests that cover it (coverageAnalysis perTest); a static
 * mutant (module-level code) runs all of them. The differential, LSP, browser and CLI
 * suites are not run here (minutes per mutant on 2 cores).
 *
 * Reports: reports/mutation/index.html and reports/mutation/mutation.json (git-ignored).
 * Equivalent mutants are excluded in the source with `// Stryker disable next-line …: reason`
 * comments (listed in test/README.md).
 */
import { readFileSync } from 'node:fs';

const RUNTIME = 'test/mutation/generated/runtime.ts';
/** @type {{ runtimeLines: [number, number] }} */
const { runtimeLines } = JSON.parse(readFileSync('test/mutation/generated/runtime.json', 'utf8'));
process.env['ZC_RUNTIME_MODULE'] = RUNTIME;
// a run scoped with --mutate (and ZC_MUTATION_TESTS, vitest.mutation.config.ts) keeps its own
// reports and incremental file: ZC_MUTATION_REPORT=decimal → reports/mutation/decimal.{html,json}
const REPORT = `reports/mutation/${process.env['ZC_MUTATION_REPORT'] ?? 'index'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // the tests: vitest.mutation.config.ts (the direct tests of these files, by glob)
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'compiler/common/**/*.ts',
    'compiler/interpret/**/*.ts',
    'compiler/ir/**/*.ts',
    `${RUNTIME}:${runtimeLines[0]}-${runtimeLines[1]}`,
  ],
  concurrency: 2,
  // Static mutants (module-level code: constant tables, regular expressions) need a fresh
  // module load and the whole test set each (~1 min apiece here, 40% of the run for 5% of
  // the mutants); they are reported as Ignored. Include them with
  // "npm run mutation -- --ignoreStatic false".
  ignoreStatic: true,
  // the dry run (every selected test once, with per-test coverage) takes ~3 min on an idle
  // 2-core machine and timed out at Stryker's default 5 min on a loaded one
  dryRunTimeoutMinutes: 60,
  timeoutMS: 20_000,
  timeoutFactor: 2,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${REPORT}.html` },
  jsonReporter: { fileName: `${REPORT === 'reports/mutation/index' ? 'reports/mutation/mutation' : REPORT}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  ignorePatterns: ['dist', 'reports', 'test-output', 'generated/docs', 'vscode-extension', '*.vsix'],
  // re-runs reuse the results of unchanged mutants and tests (delete the file for a clean run)
  incremental: true,
  incrementalFile: `${REPORT}-incremental.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
