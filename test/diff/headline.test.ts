/**
 * `zhengce diff`'s report says what its numbers count (exploratory tests, session 23): the headline's
 * “N 项未判定” counted measures whose conclusion is 未判定, while the lines under the measures list
 * one undecided query each — a changed measure with an undecided query showed “0 项未判定” above a
 * “未判定：…” line. And the committed example report is linked from the generated docs index (the
 * README named it; the index did not).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { diffPolicies, type DiffReport } from '../../compiler/diff/diff.js';
import { renderDiffHtml, renderDiffMarkdown, renderDiffText, tally } from '../../compiler/diff/render.js';
import { REPO_DIR } from '../helpers/golden.js';

const CASES = join(__dirname, 'cases');
const load = (k: string) => loadPolicies([join(CASES, k)], nodeHost).policies;

describe('the headline counts measures and queries, each said', () => {
  it('a changed measure with one undecided query: 0 measures 未判定, 1 query, in text, Markdown and HTML', async () => {
    const { value } = await diffPolicies(load('base'), load('raise'), { timeoutMs: 20000, findings: false });
    const p = value.政策[0]!;
    const changed = p.措施.find((m) => m.结论 === '有变化')!;
    const query = `措施“${changed.措施}”的结果是否改变：求解器未能在 1 毫秒内判定`;
    const report: DiffReport = { ...value, 政策: [{ ...p, 措施: p.措施.map((m) => (m === changed ? { ...m, 未判定: [query] } : m)) }] };
    expect([tally(report).undecided, tally(report).undecidedQueries]).toEqual([0, 1]);
    const text = renderDiffText(report);
    expect(text).toContain('0 项措施未判定（1 个查询未判定，逐项列在措施下）');
    expect(text).toContain(`未判定：${query}`);
    expect(renderDiffMarkdown(report)).toContain('**0** 项措施未判定（**1** 个查询未判定，逐项列在措施下）');
    expect(renderDiffHtml(report)).toContain('0 项措施未判定（1 个查询未判定，逐项列在措施下）');
  }, 120_000);
});

describe('the generated docs index links the example change report', () => {
  it('index.md → diff/….md, index.html → diff/….html, both committed', () => {
    const md = readFileSync(join(REPO_DIR, 'generated/docs/index.md'), 'utf8');
    const html = readFileSync(join(REPO_DIR, 'generated/docs/index.html'), 'utf8');
    expect(md).toContain('](diff/luanchuan-revision-example.md)');
    expect(html).toContain('href="diff/luanchuan-revision-example.html"');
    for (const ext of ['md', 'html']) expect(existsSync(join(REPO_DIR, `generated/docs/diff/luanchuan-revision-example.${ext}`))).toBe(true);
  });
});
