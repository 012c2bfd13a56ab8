/**
 * The one seeding rule for every fast-check property in test/ (a vitest setup file,
 * registered in vitest.config.ts, so it also covers properties written later).
 *
 * - Default: a fixed seed (`DEFAULT_SEED`), so a run of the suite is a function of the
 *   commit — the same cases every time, on every machine and in CI.
 * - `ZC_SEED=<integer>`: run with that seed (to reproduce a failure).
 * - `ZC_SEED=random`: a fresh seed per test file, printed at the start (to explore).
 *
 * On failure the error names the seed and the exact command that re-runs the failing
 * test with it:  ZC_SEED=<seed> npx vitest run <file> -t '<test name, regex-escaped>'
 * (fast-check's own report with the counterexample and its replay `path` follows).
 *
 * INVARIANT: a property may set its own `numRuns`, `endOnFailure` …, but never its own
 * `seed` or `reporter` — those come from here (test/helpers/seed.test.ts checks it).
 */
import { relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

/** The seed when ZC_SEED is not set. */
export const DEFAULT_SEED = 20_231_018;

function chooseSeed(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  if (raw === 'random') return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`ZC_SEED must be an integer or "random", got ${JSON.stringify(raw)}`);
  return n | 0;
}

/** The seed every property of this test file runs with. */
export const SEED = chooseSeed(process.env['ZC_SEED']);

/** The command that re-runs the current test with `seed`. */
export function rerunCommand(seed: number): string {
  const st = expect.getState();
  const file = st.testPath ? relative(process.cwd(), st.testPath).split('\\').join('/') : '<test file>';
  // -t takes a regular expression: escape the name, and quote it for the shell
  const last = st.currentTestName?.split(' > ').at(-1);
  const name = last ? ` -t '${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "'\\''")}'` : '';
  return `ZC_SEED=${seed} npx vitest run ${file}${name}`;
}

/** fast-check reporter: on failure, throw with the seed and the re-run command first. */
function reporter(out: fc.RunDetails<unknown>): void {
  if (!out.failed) return;
  const head = `property failed with seed ${out.seed}; re-run: ${rerunCommand(out.seed)}`;
  throw new Error(`${head}\n${fc.defaultReportMessage(out) ?? ''}`, { cause: out.errorInstance });
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: SEED, reporter });

if (process.env['ZC_SEED'] === 'random') console.info(`fast-check seed ${SEED} (ZC_SEED=random)`);
