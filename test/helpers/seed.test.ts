/**
 * The seeding rule of test/helpers/seed.ts: every fast-check property runs with one
 * known seed (fixed by default, ZC_SEED to override), the same seed gives the same
 * cases, and a failure names the seed and the command that re-runs it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, SEED } from './seed.js';
import { REPO_DIR, TEST_DIR } from './golden.js';

describe('fast-check seeding', () => {
  it('every property runs with the configured seed (the default unless ZC_SEED is set)', () => {
    const env = process.env['ZC_SEED'];
    if (env === undefined || env === '') expect(SEED).toBe(DEFAULT_SEED);
    else if (env !== 'random') expect(SEED).toBe(Number(env) | 0);
    expect(fc.readConfigureGlobal().seed).toBe(SEED);
    // what a property actually receives: the run details of a passing check
    expect(fc.check(fc.property(fc.nat(), () => true), { numRuns: 5 }).seed).toBe(SEED);
  });

  it('the same seed gives the same cases (a run is repeatable)', () => {
    const arb = fc.array(fc.integer(), { minLength: 3, maxLength: 8 });
    const a = fc.sample(arb, 20);
    const b = fc.sample(arb, 20);
    expect(b).toEqual(a);
    expect(fc.sample(arb, { numRuns: 20, seed: SEED + 1 })).not.toEqual(a);
  });

  it('a failing property reports the seed and the exact re-run command', () => {
    let message = '';
    try {
      fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')[0]).toBe(
      `property failed with seed ${SEED}; re-run: ZC_SEED=${SEED} npx vitest run test/helpers/seed.test.ts -t 'a failing property reports the seed and the exact re-run command'`,
    );
    // fast-check's own report follows: the shrunk counterexample and its replay path
    expect(message).toContain('Counterexample: [500]');
    expect(message).toMatch(/seed: -?\d+, path: "/);
  });

  it('the same holds for async properties', async () => {
    const r = fc.assert(fc.asyncProperty(fc.nat(), async (n) => n < 0));
    await expect(r).rejects.toThrow(`property failed with seed ${SEED}; re-run: ZC_SEED=${SEED} npx vitest run test/helpers/seed.test.ts`);
  });

  it('no test sets its own seed or reporter (they come from test/helpers/seed.ts)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mts|js|mjs)$/.test(n)) files.push(p);
      }
    };
    walk(TEST_DIR);
    const offenders: string[] = [];
    for (const f of files) {
      const rel = relative(REPO_DIR, f);
      if (rel === join('test', 'helpers', 'seed.ts') || rel === join('test', 'helpers', 'seed.test.ts')) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        // a fast-check parameter object: numRuns next to a seed, or any reporter / global configuration
        if (/numRuns[^}]*\bseed\s*:|\bseed\s*:[^}]*numRuns|\b(async)?[rR]eporter\s*:|configureGlobal\(|ZC_FUZZ_SEED/.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
