/**
 * Differential tests: the generated TypeScript evaluator (compiler/emit/typescript.ts)
 * against the reference interpreter (compiler/interpret/interpreter.ts), on every policy
 * under policies/ (a policy that does not compile or lower is a failing test naming the
 * first error).
 *
 * For each, the emitted index.ts is transpiled and imported, and fast-check compares on
 * ZC_DIFF_RUNS (default 10 000) inputs derived from the IR (arbitraries.ts):
 *   - JSON.stringify(generated.evaluate(...)) === JSON.stringify(interpreter evaluate(...)),
 *     or the same InputError problem list and message, or the same kind of thrown error;
 *   - evaluateFast agrees with evaluate on every status and every outcome value.
 * More programs (the emitter's coverage fixture, grammar examples): differential-extra.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { cleanupGenerated, importGenerated, loadPolicies, subdirs } from './helpers.js';
import { compareOne, suite } from './differential-lib.js';

const RUNS = Number(process.env['ZC_DIFF_RUNS'] ?? 10_000);

afterAll(() => cleanupGenerated());

suite('policies/', subdirs('policies'), RUNS, true);

describe('hand-picked boundaries', () => {
  it('sample: 月龄 boundaries, 29 Feb, sunset day, effective day', async () => {
    const ir = loadPolicies(['policies/sample'], { requirePolicy: true })[0]!.ir!;
    const gen = await importGenerated(emitTypeScript(ir).get('index.ts')!);
    const births = ['2024-01-15', '2023-07-15', '2023-07-16', '2023-07-14', '2021-07-15', '2021-07-16', '2024-02-29', '2023-01-31', '2021-01-31'];
    const dates = ['2024-02-29', '2024-03-01', '2024-07-15', '2024-08-31', '2026-12-31', '2027-01-01', '2025-02-28', '2025-03-01'];
    const events = [undefined, [], [{ 日期: '2024-07-15', 级别: '国家', 类别: '生育支持政策' }], [{ 日期: '2024-07-16', 级别: '省', 类别: '生育支持政策' }, { 日期: '2024-07-14', 级别: '县', 类别: '生育支持政策' }]];
    let n = 0;
    for (const b of births) {
      for (const d of dates) {
        if (b > d) continue;
        for (const e of events) {
          compareOne(ir, gen, { facts: { 婴幼儿: { 出生日期: b, 户籍在本县: true, 入托机构已备案: true }, 家庭: { 子女数: 2 } }, date: d, events: e });
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(100);
  });
});
