import { describe, expect, it } from 'vitest';
import { emitDocs, docsExtras, documentOrder } from '../../compiler/emit/docs.js';
import { checkHtml, checkMarkdown, loadPolicy } from './check.js';

const sample = loadPolicy('policies/sample');

describe('documentation emitter: the sample policy', () => {
  const files = emitDocs([{ ir: sample.ir, checked: sample.checked }]);

  it('compiles without errors (precondition)', () => {
    expect(sample.errors).toBe(0);
  });

  it('emits the index and one page per policy in both formats', () => {
    expect([...files.keys()]).toEqual(['index.md', 'index.html', 'sample.md', 'sample.html']);
  });

  it('matches the golden Markdown', async () => {
    await expect(files.get('sample.md')).toMatchFileSnapshot('./golden/sample.md');
    await expect(files.get('index.md')).toMatchFileSnapshot('./golden/index.md');
  });

  it('writes well-formed, self-contained HTML whose links all resolve', () => {
    for (const name of ['index.html', 'sample.html']) {
      const html = files.get(name)!;
      expect(checkHtml(html), name).toEqual([]);
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif');
      expect(html).toMatch(/@media print/);
      expect(html).toMatch(/size: A4/);
      expect(html).not.toMatch(/<script|<link|<img|https?:\/\//i);
    }
  });

  it('writes Markdown whose tables are intact and links all resolve', () => {
    for (const name of ['index.md', 'sample.md']) expect(checkMarkdown(files.get(name)!), name).toEqual([]);
  });

  it('renders the header, the sunset rule and the effective date', () => {
    const md = files.get('sample.md')!;
    expect(md).toContain('示政〔2024〕1号');
    expect(md).toContain('示例县人民政府');
    expect(md).toContain('- **生效**：2024-03-01');
    expect(md).toMatch(/^- \*\*失效\*\*：事件级别属于国家、省、市，且事件类别为“生育支持政策”(，且.*)?时，自事件当日起失效$/m);
    expect(md).toContain('- **解释机关**：县卫健委（示例县卫生健康委员会）');
  });

  it('renders each rule in plain Chinese beside the 原文, with priority and validity', () => {
    const md = files.get('sample.md')!;
    expect(md).toContain('当「家庭」的「子女数」在2及以上（含本数），且「家庭」的「夫妻至少一方户籍在本县」时，补助金额为2000.00元（一次性）。');
    expect(md).toContain('当月龄（「婴幼儿」的「出生日期」）为6—36月龄（含两端），且「婴幼儿」的「户籍在本县」，且「婴幼儿」的「入托机构已备案」时，托育补贴金额为300.00元（按月）。');
    expect(md).toContain('例外：优先于 [规则「二孩补助」](#measure-1-rule-1)');
    expect(md).toContain('有效期：2024-03-01 至 2026-12-31');
    expect(md).toContain('> （一）生育补助。对');
    const html = files.get('sample.html')!;
    expect(html).toMatch(/<div class="pair"><div class="left">\s*<div class="coltitle">原文<\/div>\s*<blockquote class="yuanwen"><p>（一）生育补助。对<mark>生育二孩及以上<\/mark>/);
  });

  it('renders a decision table per outcome', () => {
    const md = files.get('sample.md')!;
    expect(md).toContain('| 规则 | 「家庭」的「子女数」在2及以上（含本数） | 「家庭」的「夫妻至少一方户籍在本县」 | 「家庭」的「子女数」大于或等于3 | 补助金额（元，一次性） | 优先于 |');
    expect(md).toContain('| [三孩补助](#measure-1-rule-2) | — | 是 | 是 | 5000.00元 | [规则「二孩补助」](#measure-1-rule-1) |');
    expect(files.get('sample.html')!.match(/<table class="decision">/g)).toHaveLength(3);
  });

  it('shows parameters by effective date with source and a visible 未确认 badge', () => {
    const md = files.get('sample.md')!;
    expect(md).toContain('| 自 2021-12-01 | 158天 | 示例：河南省人口与计划生育条例（2021年修正） | 〔**未确认**〕 |');
    expect(files.get('sample.html')!).toContain('<span class="badge warn">未确认</span>');
  });

  it('shows 存疑 notes with readings, the adopted reading and the reason, and indexes them', () => {
    const md = files.get('sample.md')!;
    expect(md).toContain('解读「仅亲生」</b>：只计算本人生育的子女〔**采用**〕');
    expect(md).toContain('> 理由：原文用“生育”一词');
    expect(md).toContain('| [「是否含收养子女」](#doubt-1) | [二（一） 生育补助](#sec_2__subsec_1) | [措施「生育补助」](#measure-1) | 「仅亲生」 |');
  });

  it('shows indicators with their exact values', () => {
    expect(files.get('sample.md')!).toContain('| 人均补贴上限 | `5000元 + 300元 × 30` | 14000元 | 一个三孩家庭在托育期内可得的最高补助 | [二 支持措施](#sec_2) |');
  });

  it('lists the policies in the index with links to their pages', () => {
    expect(files.get('index.md')!).toContain('[示例县育儿支持办法](sample.md)');
    expect(files.get('index.html')!).toContain('<a href="sample.html">示例县育儿支持办法</a>');
  });
});

describe('documentation emitter: determinism and inputs', () => {
  it('is deterministic: same input, same bytes; input order does not matter', () => {
    const other = { ...sample.ir, policy: { ...sample.ir.policy, id: 'aaa', name: '另一政策' } };
    const a = emitDocs([{ ir: sample.ir, checked: sample.checked }, { ir: other }]);
    const b = emitDocs([{ ir: other }, { ir: sample.ir, checked: sample.checked }]);
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect([...a.keys()]).toEqual(['index.md', 'index.html', 'aaa.md', 'aaa.html', 'sample.md', 'sample.html']);
    const again = emitDocs([{ ir: loadPolicy('policies/sample').ir, checked: sample.checked }]);
    expect(again.get('sample.html')).toBe(a.get('sample.html'));
    for (const v of a.values()) expect(v).not.toMatch(/20\d\d-\d\d-\d\dT|GMT|UTC/);
  });

  it('works from the IR alone (no checked program)', () => {
    const files = emitDocs([{ ir: sample.ir }]);
    expect(checkHtml(files.get('sample.html')!)).toEqual([]);
    expect(checkMarkdown(files.get('sample.md')!)).toEqual([]);
    expect(files.get('sample.md')).toContain('当「家庭」的「子女数」在2及以上（含本数）');
    expect(files.get('sample.md')).not.toContain('定性条文');
  });

  it('accepts precomputed extras', () => {
    const a = emitDocs([{ ir: sample.ir, extras: docsExtras(sample.checked) }]);
    const b = emitDocs([{ ir: sample.ir, checked: sample.checked }]);
    expect([...a.entries()]).toEqual([...b.entries()]);
  });

  it('keeps file names path-safe and unique', () => {
    const mk = (id: string) => ({ ir: { ...sample.ir, policy: { ...sample.ir.policy, id } } });
    const files = emitDocs([mk('../evil'), mk('index'), mk('a/b'), mk('a_b')]);
    for (const k of files.keys()) expect(k).toMatch(/^[A-Za-z0-9_-]+\.(md|html)$/);
    expect(new Set(files.keys()).size).toBe(10);
    expect(files.get('index.md')).toContain('政策文档索引');
  });

  it('says 未知 with the note when the effective date is unknown, and 未规定 without a sunset', () => {
    const { effective: _e, effectiveIso: _i, sunset: _s, ...rest } = sample.ir.policy;
    const ir = { ...sample.ir, policy: { ...rest, effectiveNote: '以县政府公告为准' } };
    const md = emitDocs([{ ir }]).get('sample.md')!;
    expect(md).toContain('- **生效**：未知〔**生效日期未知**〕（以县政府公告为准）');
    expect(md).toContain('- **失效**：（未规定失效条件）');
  });

  it('lists clauses in document order whatever the file order (main text, then annexes)', () => {
    const a = (anchor: string) => ({ anchor });
    const order = documentOrder([a('sec_5'), a('annex_2__sec_1'), a('sec_4__subsec_10'), a('annex_1'), a('sec_4'), a('sec_4__subsec_2'), a('annex_2')]);
    expect(order.map((x) => x.anchor)).toEqual(['sec_4', 'sec_4__subsec_2', 'sec_4__subsec_10', 'sec_5', 'annex_1', 'annex_2', 'annex_2__sec_1']);
    // an anchor of another form: the given order is kept
    expect(documentOrder([a('sec_2'), a('x'), a('sec_1')]).map((x) => x.anchor)).toEqual(['sec_2', 'x', 'sec_1']);
    const shuffled = { ...sample.ir, clauses: [...sample.ir.clauses].reverse() };
    expect(emitDocs([{ ir: shuffled }]).get('sample.md')).toBe(emitDocs([{ ir: sample.ir }]).get('sample.md'));
  });
});
