// The county plan and a realistic revision of it (test/diff/county/luanchuan: 四（一）'s subsidy
// raised to 2000元 and extended to second births; 四（二）'s age range rewritten in other words):
// the diff names exactly 生育补助 (gains and changes, witnesses replayed through both interpreters),
// proves 辅食营养补充品 equivalent with the solver despite the new wording, reports the property that
// now fails; the Markdown and HTML reports are committed in generated/docs/diff/ (golden: -u updates).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { diffPolicies } from '../../compiler/diff/diff.js';
import { renderDiffHtml, renderDiffMarkdown } from '../../compiler/diff/render.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { REPO_DIR } from '../helpers/golden.js';

const load = (dir: string) => {
  const r = loadPolicies([dir], nodeHost);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.policies;
};

describe('diff of the county plan and its revision', () => {
  it('names exactly the changed measure, proves the reworded one equivalent, and reports the new finding', async () => {
    const a = load(join(REPO_DIR, 'policies/luanchuan'));
    const b = load(join(__dirname, 'county/luanchuan'));
    const { value, diagnostics } = await diffPolicies(a, b, { timeoutMs: 20000, events: [] });
    expect(diagnostics).toEqual([]);
    const p = value.政策[0]!;
    const notEq = p.措施.filter((m) => m.结论 !== '等价').map((m) => [m.措施, m.变化.map((c) => c.类别)]);
    expect(notEq).toEqual([['生育补助', ['得到', '改变']]]);
    const food = p.措施.find((m) => m.措施 === '辅食营养补充品')!;
    expect([food.结论, food.依据]).toEqual(['等价', '求解器']);
    expect(food.原文差异!.some((x) => x.类别 === '增' && x.文本.includes('未满2周岁'))).toBe(true);
    for (const c of p.措施.find((m) => m.措施 === '生育补助')!.变化) {
      const [da, db] = [a, b].map((x) => evaluate(x[0]!.ir, c.事实, c.日期, []).决定.find((d) => d.措施 === '生育补助')!);
      if (c.类别 === '得到') expect([da!.状态, db!.状态, db!.结果['生育补助金额']!.值]).toEqual(['不适用', '适用', '2000.00']);
      else expect([da!.结果['生育补助金额']!.值, db!.结果['生育补助金额']!.值]).toEqual(['1000.00', '2000.00']);
    }
    expect(p.核查!.map((f) => `${f.类别} ${f.代码}`)).toEqual(['新增 ZC0908', '消除 ZC0909']);
    await expect(renderDiffMarkdown(value)).toMatchFileSnapshot(join(REPO_DIR, 'generated/docs/diff/luanchuan-revision-example.md'));
    await expect(renderDiffHtml(value)).toMatchFileSnapshot(join(REPO_DIR, 'generated/docs/diff/luanchuan-revision-example.html'));
  });
});
