// The county plan and a realistic revision of it (test/diff/county/luanchuan: 四（一）'s subsidy
// raised to 2000元 and extended to second births; 四（二）'s age range rewritten in other words):
// the diff names exactly 生育补助 (gains and changes, witnesses replayed through both interpreters),
// proves 辅食营养补充品 equivalent with the solver despite the new wording, reports the property that
// now fails; the Markdown and HTML reports are committed in generated/docs/diff/ (golden: -u updates).
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { diffPolicies } from '../../compiler/diff/diff.js';
import { PUBLISHED_RLIMIT } from '../../compiler/verify/limits.js';
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
    const { value, diagnostics } = await diffPolicies(a, b, { timeoutMs: 0, rlimit: PUBLISHED_RLIMIT, events: [] }); // deterministic: the golden cannot depend on load
    // the second encoding has lists (夫妻, 子女) without a 前提 bounding them: a proof of "no
    // difference" holds only up to the list bound, which is never reported as equivalent (ZC1305)
    expect(diagnostics.map((d) => d.code).filter((c) => c !== 'ZC1305')).toEqual([]);
    const p = value.政策[0]!;
    const notEq = p.措施.filter((m) => m.结论 !== '等价').map((m) => m.措施);
    // 生育补助 (四（一）: 三孩→二孩, 1000元→2000元) is the only measure named. The reworded
    // 辅食营养补充品 (四（二）, “届满6月龄且不满2周岁” → “6—23月龄”) is proved equivalent by the
    // solver: both revisions share the one unknown 施行日 (regression: each had its own, which made
    // "未生效 → 适用" witnesses), and its proof is complete (the lists are only in 前提)
    expect(notEq).toEqual(['生育补助']);
    const food = p.措施.find((m) => m.措施 === '辅食营养补充品')!;
    expect([food.结论, food.依据, food.未判定]).toEqual(['等价', '求解器', []]);
    expect(food.原文差异!.some((x) => x.类别 === '增' && x.文本.includes('未满2周岁'))).toBe(true);
    const birth = p.措施.find((m) => m.措施 === '生育补助')!;
    // extended (二孩) and raised (2000元): nobody loses. 存疑 (regression: not found while 存疑 was
    // asked with a variable per uncertain date): a second child born within 施行日's range
    // (2023-01-01 至 2023-12-31) counts only if born after 施行日, so the new version cannot decide
    // (存疑) where the old one, asking for a third child, says 不适用
    expect(birth.变化.map((c) => c.类别)).toEqual(['得到', '改变', '存疑']);
    const doubt = birth.变化.find((c) => c.类别 === '存疑')!;
    expect([doubt.旧, doubt.新]).toEqual(['不适用', '存疑']);
    expect(doubt.日期范围).toEqual({ 旧: ['施行日：2023-01-01 至 2023-12-31 之间'], 新: ['施行日：2023-01-01 至 2023-12-31 之间'] });
    for (const c of birth.变化) for (const d of c.不确定日期 ?? []) expect(d.value2 ?? d.value).toBe(d.value);
    // (diffPolicies itself replays every witness through both versions' interpreters and generated
    // evaluators; a witness that does not reproduce is ZC1306, excluded above)
    expect(p.核查!.map((f) => `${f.类别} ${f.代码}`)).toContain('新增 ZC0908');
    await expect(renderDiffMarkdown(value)).toMatchFileSnapshot(join(REPO_DIR, 'generated/docs/diff/luanchuan-revision-example.md'));
    await expect(renderDiffHtml(value)).toMatchFileSnapshot(join(REPO_DIR, 'generated/docs/diff/luanchuan-revision-example.html'));
  });
});

describe('diff after a change of the uncertain 施行日 range (栾政2023-18.zc: 某日（2023年1月1日，…） → 某日（2023年6月1日，…）)', () => {
  it('every witness replays: 月龄 exact at the witness date, one deadline per computation in both versions (no ZC1306)', async () => {
    // was: five ZC1306 — 三孩照护假's witnesses took a child born 2020-12-09 as 2 周岁 on 2023-12-30 (the 月龄
    // abstraction's slack: diff did not refine ages as verify does), and 托育机构备案办理期限's two versions each had a
    // deadline variable of their own for the same 工作日期限 on the same inputs ("result changed", values equal)
    const tmp = mkdtempSync(join(tmpdir(), 'zhengce-diff-range-'));
    try {
      cpSync(join(REPO_DIR, 'policies'), join(tmp, 'policies'), { recursive: true });
      const head = join(tmp, 'policies/luanchuan/栾政2023-18.zc');
      const text = readFileSync(head, 'utf8');
      expect(text).toContain('生效：某日（2023年1月1日，2023年12月31日）');
      writeFileSync(head, text.replace(/^(\s*)生效：某日（2023年1月1日，/m, '$1生效：某日（2023年6月1日，'));
      const a = load(join(REPO_DIR, 'policies/luanchuan'));
      const b = load(join(tmp, 'policies/luanchuan'));
      const { value, diagnostics } = await diffPolicies(a, b, { timeoutMs: 0, rlimit: PUBLISHED_RLIMIT, events: [] });
      expect(diagnostics.filter((d) => d.code === 'ZC1306').map((d) => d.message)).toEqual([]);
      const leave = value.政策[0]!.措施.find((m) => m.措施 === '三孩照护假')!;
      // a later 施行日 both gives (the old one not yet in force) and takes away (the new one not yet in force)
      expect(leave.变化.map((c) => c.类别)).toEqual(expect.arrayContaining(['得到', '失去']));
      for (const c of leave.变化) expect(c.复现?.解释器, c.类别).toBe('confirmed');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 300_000);
});
