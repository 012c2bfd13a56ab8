/**
 * evaluateFast's edges that test/emit/runtime-judge.test.ts left open — found by the Stryker
 * run over module lines 1164–1692 (test/README.md, "Mutation testing"): an enumerable
 * Object.prototype key named like an entity (the fast check must not read it: only the full
 * check's own keys count), and a selection 措施 of null (refused, not a TypeError).
 *
 * Oracles: evaluateFast on the same facts before Object.prototype is touched; the full
 * check's problem text. Imports only the runtime module (in the runtime's mutation test set;
 * a file of its own, so that a Stryker re-run stays incremental).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuntime, type RuntimeModule } from './runtime-module.js';

let R: RuntimeModule;
beforeAll(async () => {
  R = await loadRuntime();
});

const DAY = '2024-07-15';

describe('evaluateFast: edges of the fast check and the quick selection', () => {
  it('an inherited enumerable key is not a fact (Object.prototype polluted): only own keys count, as in the full check', () => {
    // an inherited 申请人: "不存在" would declare the applicant absent (判定 不适用); the facts are {} — 判定 存疑
    const clean = R.evaluateFast({}, DAY);
    expect((clean as { 决定: { 措施: string; 状态: string }[] }).决定.find((d) => d.措施 === '判定')?.状态).toBe('存疑');
    Object.defineProperty(Object.prototype, '申请人', { value: '不存在', enumerable: true, configurable: true, writable: true });
    try {
      expect(R.evaluateFast({}, DAY)).toStrictEqual(clean);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['申请人'];
    }
  });

  it('措施: null is refused like any value that is not a list', () => {
    let problems: unknown;
    try {
      R.evaluateFast({}, DAY, undefined, { 措施: null });
    } catch (e) {
      expect((e as Error).name).toBe('InputError');
      problems = (e as { problems: unknown }).problems;
    }
    expect(problems).toStrictEqual([{ 路径: '选项.措施', 期望: '列表（本政策可计算的措施名（三孩补助、汇总、实施后补助、入托补贴、入托补贴申请条件、补助、判定、名单、加发））', 实际: 'null' }]);
  });
});
