/**
 * compiler/emit/load.ts where esbuild's native binary cannot be loaded (the VS Code
 * extension's bundles keep `esbuild` external and ship no node_modules): the emitted module's
 * types are stripped by the TypeScript compiler bundled with ts-morph, and the generated
 * evaluator it loads decides as the interpreter does. esbuild is mocked to fail as a missing
 * binary does (its first call throws).
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('esbuild', () => ({
  transformSync: () => {
    calls.n++;
    throw new Error('The package "@esbuild/linux-x64" could not be found');
  },
}));

import { loadGeneratedEvaluator, stripTypes } from '../../compiler/emit/load.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { nodeHost } from '../../compiler/project/host.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { join } from 'node:path';
import { REPO_DIR } from '../helpers/golden.js';

describe('stripTypes / loadGeneratedEvaluator without esbuild', () => {
  it('strips types with TypeScript (esbuild tried once, then not again)', async () => {
    const js = await stripTypes('export interface T { a: number }\nexport const x: number = 1 as number;\nexport function f(y: string): string { return y; }\n');
    expect(js).toContain('export const x = 1;');
    expect(js).toContain('export function f(y) {');
    expect(js).not.toMatch(/interface|: number|: string/);
    await stripTypes('export const y: number = 2;');
    expect(calls.n).toBe(1);
  });

  it("the sample's generated evaluator loads through the fallback and equals the interpreter", async () => {
    const { policies } = loadPolicies([join(REPO_DIR, 'policies', 'sample')], nodeHost);
    const ir = policies[0]!.ir;
    const gen = await loadGeneratedEvaluator(ir);
    for (const facts of [{ 家庭: { 子女数: 3, 丈夫户籍在本县: true } }, { 家庭: { 子女数: 1 } }, {}]) {
      expect(gen(facts, '2024-06-01', [])).toEqual(evaluate(ir, facts, '2024-06-01', []));
    }
  });
});
