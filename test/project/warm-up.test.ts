/**
 * The language server's warm-up (compiler/project/warm-up.ts): its built-in program stays valid as the
 * language evolves, and its edits are the ones it names — an ordinary one, syntax errors, a string opened
 * to the end of the file, a '}' closing a 条款 early, a rename — each undone back to no error.
 */
import { expect, test } from 'vitest';
import { warmUp } from '../../compiler/project/warm-up.js';

test('the warm-up compiles its program without errors, its edits as they say, each undone', () => {
  const errors = warmUp();
  // the program, then per edit: the edited text, the program again
  expect(errors).toHaveLength(1 + 2 * 6);
  expect(errors.filter((_, k) => k % 2 === 0)).toEqual(Array(7).fill(0));
  const [typed, bracket, quote, brace, rename, lineBreak] = [1, 3, 5, 7, 9, 11].map((k) => errors[k]!);
  expect([typed, lineBreak]).toEqual([0, 0]);
  for (const n of [bracket, quote, brace, rename]) expect(n).toBeGreaterThan(0);
});
