/**
 * Rules of the test suite itself (HOUSE-RULES.md): no skipped tests — no `.skip`,
 * `.skipIf`, `.runIf`, `.todo`, `.only` or `ctx.skip()` anywhere under test/ (a missing
 * tool such as Chromium fails a test, it does not skip it; known defects are `it.fails`
 * with the correct expectation). Goldens are never written silently (vitest.config.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';
import { REPO_DIR, TEST_DIR } from './golden.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' || n === 'generated' ? [] : files(p);
    return /\.(ts|mts|js|mjs)$/.test(n) ? [p] : [];
  });
}

describe('the test suite', () => {
  it('skips nothing', () => {
    const skip = /\b(?:it|test|describe|suite|bench)\s*\.\s*(?:skip|skipIf|runIf|todo|only)\b|\b(?:ctx|context|t)\s*\.\s*skip\s*\(/;
    const offenders: string[] = [];
    for (const f of files(TEST_DIR)) {
      if (f === join(TEST_DIR, 'helpers', 'suite-rules.test.ts')) continue;
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (skip.test(line)) offenders.push(`${relative(REPO_DIR, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it('writes goldens only when asked (vitest -u or UPDATE_SNAPSHOT)', () => {
    const update = process.env['UPDATE_SNAPSHOT'];
    expect(config.test?.update).toBe(update === 'all' || update === 'new' ? update : update ? 'all' : 'none');
  });

  it('seeds every property (test/helpers/seed.ts is a setup file)', () => {
    expect(config.test?.setupFiles).toContain('test/helpers/seed.ts');
  });
});
