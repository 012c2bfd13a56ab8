/**
 * The main property of the formatter over 1,000 random valid programs (perturbations of
 * policies/sample, policies/luanchuan and the clean grammar examples: white space, line
 * breaks, punctuation spellings, inserted comments): format is idempotent and keeps the
 * AST, every comment and every character (punctuation spelling aside).
 * (Its own file so that vitest runs it in parallel with the other property tests.)
 */
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { astOfFile, checkFormatting, perturb, perturbArb } from './helpers.js';

it('format is idempotent and preserves meaning, comments and text (1,000 programs)', () => {
  let changed = 0;
  fc.assert(
    fc.property(perturbArb, ({ file, seed, spacing, punctuation, comments }) => {
      const p = perturb(file.text, seed, { spacing, punctuation, comments });
      if (p !== file.text) changed++;
      checkFormatting(p, astOfFile(file));
    }),
    { numRuns: 1000 },
  );
  expect(changed).toBeGreaterThan(800); // the generator really perturbs
}, 600_000);
