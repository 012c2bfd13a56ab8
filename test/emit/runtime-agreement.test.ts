/**
 * The generated evaluators' runtime module (test/emit/runtime-module.ts: the emitted index.ts
 * of test/emit/fixtures/runtime) agrees with the interpreter on seeded random inputs:
 * evaluate byte for byte, evaluateFast consistent (test/emit/differential-lib.ts).
 *
 * Kept apart from test/emit/runtime.test.ts (the direct tests of the helpers) because it
 * compiles the fixture and loads the emitter (ts-morph): ~6 s of imports at load, which
 * every mutant of a Stryker run over the runtime would pay (test/README.md, "Mutation
 * testing"). Not in the mutation run's test set (vitest.mutation.config.ts).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseArbitrary } from './arbitraries.js';
import { compareOne, newStats } from './differential-lib.js';
import { loadPolicies, type GeneratedModule } from './helpers.js';
import { loadRuntime, RUNTIME_FIXTURE, type RuntimeModule } from './runtime-module.js';

let R: RuntimeModule;
beforeAll(async () => {
  R = await loadRuntime();
});

describe('the module under test agrees with the interpreter on its own policy', () => {
  const ir = (() => {
    const [p] = loadPolicies([RUNTIME_FIXTURE], { requirePolicy: true });
    if (!p?.ir) throw new Error(`${RUNTIME_FIXTURE}: ${p?.skipped ?? 'no policy'}`);
    return p.ir;
  })();

  it('random inputs: evaluate byte for byte, evaluateFast consistent (seeded property)', () => {
    const stats = newStats();
    const runs = Number(process.env['ZC_RUNTIME_RUNS'] ?? 300);
    fc.assert(fc.property(caseArbitrary(ir), (c) => void compareOne(ir, R as unknown as GeneratedModule, c, stats)), { numRuns: runs });
    // the run reached valid inputs and more than one status
    expect(stats.cases).toBe(runs);
    expect(stats.cases - stats.inputErrors - stats.calendarErrors - stats.thrown).toBeGreaterThan(runs * 0.3);
    expect(stats.statuses.size).toBeGreaterThan(1);
  });
});
