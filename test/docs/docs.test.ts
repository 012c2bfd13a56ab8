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

  it('lists the definition the rules use, with its 原文, and the facts under it as the inputs (derive, don\'t ask)', () => {
    const md = files.get('sample.md')!;
    expect(md).toContain('<b>定义「家庭.夫妻至少一方户籍在本县」</b>：当且仅当该「家庭」的「丈夫户籍在本县」，或该「家庭」的「妻子户籍在本县」（[见定义](#definition-1)）');
    expect(md).toMatch(/### <a id="definition-1"><\/a>定义「家庭.夫妻至少一方户籍在本县」\n\n\*\*原文\*\*\n\n> 夫妻至少一方户籍在本县\n/);
    expect(md).toContain('  - 所用定义：[定义「家庭.夫妻至少一方户籍在本县」](#definition-1)');
    // the entity table: the facts with the document each is read from; the definition is not asked for
    expect(md).toContain('| 丈夫户籍在本县 | 是否 | 丈夫户口簿上的户籍地是否在本县 |');
    expect(md).toContain('| [夫妻至少一方户籍在本县](#definition-1) | 是否 | 定义：由其他事实推出，不需输入 |');
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

describe('documentation emitter: definitions, lists, uncertain dates, assumptions, recipients (grammar/README.md §15)', () => {
  const depth = loadPolicy('test/docs/fixtures/depth');
  const files = emitDocs([{ ir: depth.ir, checked: depth.checked }]);
  const md = files.get('depth.md')!;
  const html = files.get('depth.html')!;

  it('compiles without errors (precondition) and matches the golden Markdown', async () => {
    expect(depth.errors).toBe(0);
    await expect(md).toMatchFileSnapshot('./golden/depth.md');
  });

  it('writes well-formed HTML and Markdown whose links all resolve', () => {
    expect(checkHtml(html)).toEqual([]);
    expect(checkMarkdown(md)).toEqual([]);
    expect(checkMarkdown(files.get('index.md')!)).toEqual([]);
  });

  it('shows an effective date known only within a range, in the header and the index', () => {
    expect(md).toContain('- **生效**：2024-01-01 至 2024-03-31 之间的某日（确切日期未知）〔**施行日不确定**〕（假设原文只写“自印发之日起施行”）');
    expect(files.get('index.md')).toContain('| 2024-01-01 至 2024-03-31 之间 |');
    expect(md).toMatch(/^- \*\*概况\*\*：措施 4 项，规则 5 条，存疑 1 项，参数 1 个，定义 12 项，前提 1 项$/m);
  });

  it('renders lists, quantifiers, aggregates and definitions in plain Chinese', () => {
    expect(md).toContain('当「夫妻至少一方户籍在本县」，且「三孩家庭」时，补贴金额为5000.00元 × 「家庭」的「子女」中满足“其「孩次」大于或等于3”的个数（一次性）。');
    expect(md).toContain('「人」的「孩次」＝「家庭」的「子女」中满足“其「出生日期」小于该「人」的「出生日期」或（其「出生日期」为该「人」的「出生日期」且其「同胎序号」小于该「人」的「同胎序号」）”的个数 ＋ 1');
    expect(md).toContain('「子女户籍均在本县」：当且仅当「家庭」的「子女」均满足“其「户籍」为本县”（没有元素时视为满足）');
    expect(md).toContain('「长子女户籍」＝「家庭」的「子女」中按“其「出生日期」”从小到大排第1个的「户籍」');
    expect(md).toContain('「托育机构」的「施行后设立」：当且仅当该「托育机构」的「设立日期」大于或等于施行日');
    expect(md).toContain('「备案通知日」＝2024-02-01至2024-02-20之间的某日');
  });

  it('lists each definition with its 原文, clause, 存疑 and where it is used; rules link the definitions they use', () => {
    expect(md).toContain('## 定义（由事实推出的结论）');
    expect(md).toMatch(/\| \[定义「三孩家庭」\]\(#definition-\d+\) \| 是否 \| \[二（一） 发放生育补贴\]\(#sec_2__subsec_1\) \| \[措施「生育补贴」\]\(#measure-1\) \[规则「三孩补贴」\]\(#measure-1-rule-2\) \|/);
    expect(md).toContain('> 生育三孩及以上的');
    expect(md).toMatch(/依据存疑：\[存疑「是否含收养子女」\]\(#doubt-1\)/);
    expect(md).toMatch(/\| \[定义「未使用的定义」\]\(#definition-\d+\) \| 金额（元） \| — \| （未被使用） \|/);
    expect(md).toMatch(/使用于：\[措施「生育补贴」\]\(#measure-1\) \[规则「三孩补贴」\]\(#measure-1-rule-2\)；\[定义「三孩家庭」\]\(#definition-\d+\)/);
    expect(md).toMatch(/所用定义：\[定义「三孩家庭」\]\(#definition-\d+\)、\[定义「人.孩次」\]\(#definition-\d+\)、\[定义「夫妻至少一方户籍在本县」\]/);
    // the clause that holds a definition lists it
    expect(md).toMatch(/<b>定义「三孩家庭」<\/b>：当且仅当「家庭」的「子女」中至少一个满足“其「孩次」大于或等于3”（\[见定义\]\(#definition-\d+\)）/);
    // parameters are followed through definitions: the rule 「入托」 uses the parameter only through 「每人月标准」
    expect(md).toMatch(/所用定义：\[定义「夫妻月收入合计」\]\(#definition-\d+\)、\[定义「托育机构.施行后设立」\]\(#definition-\d+\)、\[定义「每人月标准」\]\(#definition-\d+\)\n  - 所用参数：\[参数「托育补贴标准」\]\(#param-1\)/);
    expect(md).toContain('使用于：[措施「托育补贴」](#measure-2) [规则「入托」](#measure-2-rule-1)');
    expect(md).toMatch(/「每人月标准」＝参数「托育补贴标准」\n- 类型：金额（元）\n- 所用参数：\[参数「托育补贴标准」\]\(#param-1\)/);
  });

  it('shows the recipient and the application conditions, linked both ways', () => {
    expect(md).toContain('- **发放对象**：「托育机构」');
    expect(md).toContain('- **发放对象**：申请人本人');
    expect(md).toMatch(/- \*\*申请条件\*\*：\[措施「托育补贴申请条件」\]\(#measure-4\)（\[附件1 托育补贴申请条件\]\(#annex_1\)）；正文资格与申请条件都满足时方可领取/);
    expect(md).toContain('- **作为申请条件**：[措施「托育补贴」](#measure-2)');
  });

  it('shows assumptions, signed fields, list and record fields, and the definitions on each entity', () => {
    expect(md).toContain('## 前提');
    expect(md).toMatch(/\| \[「子女不超过二十人」\]\(#assumption-1\) \| 「家庭」的「子女」的个数小于或等于20 \| 编码只考虑子女不超过20人的家庭 \| — \|/);
    expect(md).toContain('| 收入增减 | 金额（元），可为负 | 本年减上年 |');
    expect(md).toContain('| 子女 | 列表（「人」） | — |');
    expect(md).toContain('| 托育机构 | 「托育机构」 | — |');
    expect(md).toMatch(/\| \[孩次\]\(#definition-\d+\) \| 整数 \| 定义：由其他事实推出，不需输入 \|/);
  });
});

describe('documentation emitter: a 有效期 counted from an uncertain 施行日 (test/sql/fixtures/validity)', () => {
  const p = loadPolicy('test/sql/fixtures/validity');
  const files = emitDocs([{ ir: p.ir, checked: p.checked }]);
  it('each rule shows the 有效期 as written and the range of each end; the decision table too; the page is well formed', () => {
    expect(p.errors).toBe(0);
    const md = files.get('validity.md')!;
    expect(md).toContain('  - 有效期：自施行日起1年（2025-01-15—2025-01-31 之间的某日 至 2026-01-14—2026-01-30 之间的某日，取决于施行日）');
    expect(md).toContain('  - 有效期：施行日 + 1个月 至 施行日 + 13个月 - 1天（2025-02-15—2025-02-28 之间的某日 至 2026-02-14—2026-02-27 之间的某日，取决于施行日）');
    expect(md).toMatch(/\| 规则 \|.*\| 有效期 \|/);
    expect(md).toContain('| 2025年6月1日 至 施行日 + 18个月（2025-06-01 至 2026-07-15—2026-07-31 之间的某日，取决于施行日） |');
    expect(checkMarkdown(md)).toEqual([]);
    expect(checkHtml(files.get('validity.html')!)).toEqual([]);
  });
});
