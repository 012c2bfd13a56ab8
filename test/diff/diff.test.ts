// zhengce diff: seeded revisions of the sample policy, one per kind of change (test/diff/cases/*),
// name exactly the changed measures; every witness shows the difference when replayed here through
// both versions' interpreters; formatting-, comment- and numbering-only revisions are proved
// equivalent; clause, 原文, parameter and finding changes are listed; bad input is refused.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies, type LoweredPolicy } from '../../compiler/project/policies.js';
import { diffPolicies, type DiffReport } from '../../compiler/diff/diff.js';
import { renderDiffHtml, renderDiffMarkdown, renderDiffText, tally } from '../../compiler/diff/render.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { memoryHost } from '../../compiler/project/host.js';

const CASES = join(__dirname, 'cases');
const load = (k: string): LoweredPolicy[] => {
  const r = loadPolicies([join(CASES, k)], nodeHost);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return r.policies;
};
const base = load('base');
const run = async (k: string, findings = false, alwaysSolve = false) => diffPolicies(base, load(k), { timeoutMs: 20000, findings, alwaysSolve });

/** measure → kinds of change, for every measure that is not proved equivalent. */
function changed(r: DiffReport): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of r.政策[0]!.措施) if (m.结论 !== '等价') out[m.措施] = m.结论 === '有变化' ? m.变化.map((c) => c.类别) : [m.结论];
  return out;
}

/** Replay every witness through both interpreters: the difference must be there. */
function replayAll(r: DiffReport, newer: LoweredPolicy[]): void {
  for (const m of r.政策[0]!.措施) {
    for (const c of m.变化) {
      expect(c.复现).toEqual({ 解释器: 'confirmed', 生成的求值器: 'confirmed' });
      const a = evaluate(base[0]!.ir, c.事实, c.日期, []).决定.find((x) => x.措施 === m.措施)!;
      const b = evaluate(newer[0]!.ir, c.事实, c.日期, []).决定.find((x) => x.措施 === m.措施)!;
      if (c.类别 === '得到') expect([a.状态, b.状态]).toEqual([expect.not.stringMatching(/^适用$/), '适用']);
      if (c.类别 === '失去') expect([a.状态, b.状态]).toEqual(['适用', expect.not.stringMatching(/^适用$/)]);
      if (c.类别 === '改变') {
        expect([a.状态, b.状态]).toEqual(['适用', '适用']);
        expect(JSON.stringify(a.结果)).not.toBe(JSON.stringify(b.结果));
      }
      if (c.类别 === '存疑') expect(a.状态 === '存疑').not.toBe(b.状态 === '存疑');
    }
  }
}

describe('diff: a measure removed or added', () => {
  /** The base sample with 托育补贴 deleted, in memory. */
  function withoutMeasure(): LoweredPolicy[] {
    const dir = join(CASES, 'base', 'sample');
    const files: Record<string, string> = {};
    for (const f of nodeHost.readDirectory(dir)) files[join('/rev', f)] = nodeHost.readFile(join(dir, f))!;
    const main = files[join('/rev', '示例.zc')]!;
    const start = main.indexOf('    措施 托育补贴 {');
    const end = main.indexOf('\n    }\n', start) + '\n    }\n'.length;
    expect(start).toBeGreaterThan(0);
    files[join('/rev', '示例.zc')] = main.slice(0, start) + main.slice(end);
    const r = loadPolicies(['/rev'], memoryHost(files));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    return r.policies;
  }

  it('deleted: 删除 with a case it granted (失去, replayed through both interpreters), counted once', async () => {
    const removed = withoutMeasure();
    const { value } = await diffPolicies(base, removed, { timeoutMs: 20000, findings: false });
    const m = value.政策[0]!.措施.find((x) => x.措施 === '托育补贴')!;
    expect(m.结论).toBe('删除');
    const lose = m.变化.find((c) => c.类别 === '失去')!;
    expect(lose.复现.解释器).toBe('confirmed');
    expect(lose.区域).toContain('新版已删除此措施');
    expect(evaluate(base[0]!.ir, lose.事实, lose.日期, []).决定.find((x) => x.措施 === '托育补贴')!.状态).toBe('适用');
    expect(evaluate(removed[0]!.ir, lose.事实, lose.日期, []).决定.some((x) => x.措施 === '托育补贴')).toBe(false);
    // no moot question about gains or changed amounts of a measure that is gone
    expect(m.未判定.filter((u) => /新得到|结果是否改变/u.test(u))).toEqual([]);
    expect(tally(value).loses).toBe(1);
    expect(renderDiffText(value)).toContain('托育补贴（二（二））：删除\n      · 失去');
  });

  it('added: 新增 with a case it now grants (得到), counted once', async () => {
    const { value } = await diffPolicies(withoutMeasure(), base, { timeoutMs: 20000, findings: false });
    const m = value.政策[0]!.措施.find((x) => x.措施 === '托育补贴')!;
    expect(m.结论).toBe('新增');
    const gain = m.变化.find((c) => c.类别 === '得到')!;
    expect(gain.复现.解释器).toBe('confirmed');
    expect(evaluate(base[0]!.ir, gain.事实, gain.日期, []).决定.find((x) => x.措施 === '托育补贴')!.状态).toBe('适用');
    expect(tally(value).gains).toBe(1);
  });
});

describe('diff: seeded revisions, one per kind of change', () => {
  it('amount raised (5000 → 6000元): 生育补助 changes, only it; 原文 diff per character', async () => {
    const { value, diagnostics } = await run('raise');
    expect(diagnostics).toEqual([]);
    expect(changed(value)).toEqual({ 生育补助: ['改变'] });
    const c = value.政策[0]!.措施.find((m) => m.措施 === '生育补助')!;
    expect(c.变化[0]!.区域).toContain('5000.00元');
    expect(c.变化[0]!.区域).toContain('6000.00元');
    expect(c.原文差异!.filter((p) => p.类别 !== '同').map((p) => `${p.类别}${p.文本}`)).toEqual(['删5', '增6']);
    replayAll(value, load('raise'));
  });

  it('extended to second births: 延长产假 gains, only it, with the condition that changed', async () => {
    const { value } = await run('extend');
    expect(changed(value)).toEqual({ 延长产假: ['得到'] });
    const w = value.政策[0]!.措施.find((m) => m.措施 === '延长产假')!.变化[0]!;
    expect(w.事实).toEqual({ 女职工: { 生育孩次: 2 } });
    expect(w.区域).toContain('女职工.生育孩次 = 2');
    replayAll(value, load('extend'));
  });

  it('age range narrowed (6—36 → 6—24月龄): 托育补贴 loses, only it', async () => {
    const { value } = await run('restrict');
    expect(changed(value)).toEqual({ 托育补贴: ['失去'] });
    expect(value.政策[0]!.措施.find((m) => m.措施 === '托育补贴')!.变化[0]!.区域).toContain('6—24月龄');
    replayAll(value, load('restrict'));
  });

  it('a parameter value changed: the measure using it changes, and the parameter is listed', async () => {
    const { value } = await run('param');
    expect(changed(value)).toEqual({ 延长产假: ['改变'] });
    expect(value.政策[0]!.参数).toEqual([{ 参数: '法定产假天数', 类别: '取值改变', 说明: '自 2021-12-01 起 158天（未确认） → 自 2021-12-01 起 188天（未确认）' }]);
    replayAll(value, load('param'));
  });

  it('an uncertain cutoff added (出生日期 ≥ 某日（2023年1月1日，2023年3月31日）): the 存疑 change is reported, with the date\'s range on both sides', async () => {
    // regression: 存疑 was asked with one variable per uncertain date, so a revision that makes a
    // decision 存疑 through a three-valued date comparison was not reported
    const newer = load('doubt');
    const { value, diagnostics } = await diffPolicies(base, newer, { timeoutMs: 20000, rlimit: 5_000_000, findings: false });
    expect(diagnostics).toEqual([]);
    expect(Object.keys(changed(value))).toEqual(['托育补贴']);
    const m = value.政策[0]!.措施.find((x) => x.措施 === '托育补贴')!;
    const c = m.变化.find((x) => x.类别 === '存疑')!;
    expect(c.日期范围).toEqual({ 旧: [], 新: ['某日（2023年1月1日，2023年3月31日）：2023-01-01 至 2023-03-31 之间'] });
    const b = evaluate(newer[0]!.ir, c.事实, c.日期, []).决定.find((x) => x.措施 === '托育补贴')!;
    const a = evaluate(base[0]!.ir, c.事实, c.日期, []).决定.find((x) => x.措施 === '托育补贴')!;
    expect([a.状态, b.状态]).toEqual(['适用', '存疑']);
    expect(b.缺少!.join()).toContain('2023-01-01 至 2023-03-31');
    expect(c.区域).toContain('新版存疑，取决于');
    // the summary counts it as its own kind (it was counted as 改变)
    expect(tally(value)).toMatchObject({ doubts: 1, changes: 0 });
    expect(renderDiffText(value)).toContain('0 处改变，1 处存疑与否改变');
    replayAll(value, newer);
  });

  it('an exception removed: 生育补助 loses and becomes 存疑 (contradiction), and the verifier finding is new', async () => {
    const { value } = await run('conflict', true);
    expect(changed(value)).toEqual({ 生育补助: ['失去', '存疑'] });
    expect(value.政策[0]!.核查!.map((f) => `${f.类别}${f.代码}`)).toContain('新增ZC0901');
    replayAll(value, load('conflict'));
  });

  for (const k of ['format', 'comment']) {
    it(`${k}-only revision: every measure proved equivalent, nothing else listed`, async () => {
      // by identity of meaning, and by the solver (every query UNSAT)
      const same = await run(k);
      expect(same.value.政策[0]!.措施.map((m) => m.依据)).toEqual(['相同', '相同', '相同']);
      const { value, diagnostics } = await run(k, k === 'comment', true);
      expect(diagnostics).toEqual([]);
      expect(changed(value)).toEqual({});
      expect(value.政策[0]!.措施.every((m) => m.结论 === '等价' && m.依据 === '求解器' && !m.原文差异)).toBe(true);
      expect(value.政策[0]!.条款).toEqual([]);
      if (k === 'comment') expect(value.政策[0]!.核查).toEqual([]);
    });
  }

  it('renumbered clauses: equivalent, the clauses listed as renumbered, no 原文 change', async () => {
    const { value } = await run('renumber');
    expect(changed(value)).toEqual({});
    expect(value.政策[0]!.条款).toEqual([
      { 类别: '改号', 旧标签: '二（二）', 新标签: '二（三）', 标题: '托育补贴' },
      { 类别: '改号', 旧标签: '二（三）', 新标签: '二（二）', 标题: '延长产假' },
    ]);
    expect(value.政策[0]!.措施.some((m) => m.原文差异)).toBe(false);
  });

  it('a solver timeout is 未判定 (ZC1305), never equivalent', async () => {
    const { value, diagnostics } = await diffPolicies(base, load('raise'), { timeoutMs: 1, findings: false, alwaysSolve: true });
    expect(diagnostics.some((d) => d.code === 'ZC1305')).toBe(true);
    const m = value.政策[0]!.措施.find((x) => x.措施 === '生育补助')!;
    expect(m.结论).not.toBe('等价');
    for (const x of value.政策[0]!.措施) if (x.未判定.length) expect(x.结论).not.toBe('等价');
  });

  it('an effective date known only within a range, then fixed: witnesses state the value of the uncertain date they hold for', async () => {
    const P = (eff: string) => `政策 「测试办法」 { 生效：${eff} }
实体 家庭 { 子女数：整数  出生日期：日期 }
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 甲 { 条件：家庭.子女数 ≥ 2 且 家庭.出生日期 ≥ 施行日  补助额 = 1000元 }
  }
}`;
    const a = loadPolicies(['/p'], memoryHost({ '/p/政策.zc': P('某日（2024年1月1日，2024年3月1日）') })).policies;
    const b = loadPolicies(['/p'], memoryHost({ '/p/政策.zc': P('2024年2月1日') })).policies;
    const { value } = await diffPolicies(a, b, { timeoutMs: 20000, findings: false });
    expect(value.政策[0]!.头部).toEqual(['生效：2024-01-01 至 2024-03-01 之间 → 2024-02-01']);
    const m = value.政策[0]!.措施[0]!;
    expect(m.变化.map((c) => c.类别).sort()).toEqual(['失去', '存疑', '得到']);
    for (const c of m.变化) {
      expect(c.复现).toEqual({ 解释器: 'confirmed', 生成的求值器: 'confirmed' });
      // 存疑 is asked with the interpreter's intervals (no value chosen): the witness states the range instead
      if (c.类别 === '存疑') expect(c.日期范围).toEqual({ 旧: ['施行日：2024-01-01 至 2024-03-01 之间'], 新: [] });
      else expect(c.不确定日期!.map((d) => d.name)).toEqual(['施行日']);
    }
    // the evaluation date lies in the old range: the old version says 存疑 (not yet known to be in force), the new one does not
    const d = m.变化.find((c) => c.类别 === '存疑')!;
    expect(evaluate(a[0]!.ir, d.事实, d.日期, []).决定[0]!.状态).toBe('存疑');
    expect(evaluate(b[0]!.ir, d.事实, d.日期, []).决定[0]!.状态).not.toBe('存疑');
  });

  it('an uncertain 施行日 unchanged between revisions is one date: an equivalent rewording is proved equivalent, and witnesses use one value', async () => {
    // regression: each revision had its own 施行日 variable, so "未生效 → 适用" was reported for a
    // rewording that changes nothing (the county's 辅食营养补充品)
    const P = (cond: string, amount: string) => `政策 「测试办法」 { 生效：某日（2024年1月1日，2024年3月1日） }
实体 家庭 { 子女数：整数  出生日期：日期 }
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 甲 { 条件：${cond} 且 家庭.出生日期 ≥ 施行日  补助额 = ${amount} }
  }
}`;
    const a = loadPolicies(['/p'], memoryHost({ '/p/政策.zc': P('家庭.子女数 ≥ 2', '1000元') })).policies;
    const same = loadPolicies(['/q'], memoryHost({ '/q/政策.zc': P('家庭.子女数 > 1', '1000元') })).policies;
    const eq = await diffPolicies(a, same, { timeoutMs: 20000, findings: false });
    expect(eq.diagnostics).toEqual([]);
    expect(eq.value.政策[0]!.措施.map((m) => [m.结论, m.依据])).toEqual([['等价', '求解器']]);
    const raised = loadPolicies(['/r'], memoryHost({ '/r/政策.zc': P('家庭.子女数 > 1', '1500元') })).policies;
    const { value } = await diffPolicies(a, raised, { timeoutMs: 20000, findings: false });
    const m = value.政策[0]!.措施[0]!;
    expect(m.变化.map((c) => c.类别)).toEqual(['改变']);
    const d = m.变化[0]!.不确定日期!;
    expect(d.map((x) => x.name)).toEqual(['施行日']);
    expect(d[0]!.value2 ?? d[0]!.value).toBe(d[0]!.value);
  });

  it('lists only in 前提: a measure that uses no list is proved equivalent completely, not "bounded"', async () => {
    const P = (cond: string) => `政策 「测试办法」 { 生效：2024年1月1日 }
实体 人 { 岁数：整数 }
实体 家庭 { 成员：列表（人）  子女数：整数 }
前提 「成员至多三人」 { 条件：数量（家庭.成员） ≤ 3 }
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 甲 { 条件：${cond}  补助额 = 1000元 }
  }
}`;
    const a = loadPolicies(['/p'], memoryHost({ '/p/政策.zc': P('家庭.子女数 ≥ 2') })).policies;
    const b = loadPolicies(['/q'], memoryHost({ '/q/政策.zc': P('家庭.子女数 > 1') })).policies;
    const { value, diagnostics } = await diffPolicies(a, b, { timeoutMs: 20000, findings: false });
    expect(diagnostics).toEqual([]);
    expect(value.政策[0]!.措施.map((m) => [m.结论, m.依据, m.未判定])).toEqual([['等价', '求解器', []]]);
    // a measure that does use the list: the 前提 bound it (3 ≤ B = 4), asked as verify asks for
    // ZC0919 — a complete proof
    const c = loadPolicies(['/r'], memoryHost({ '/r/政策.zc': P('数量（家庭.成员） ≥ 2') })).policies;
    const d = loadPolicies(['/s'], memoryHost({ '/s/政策.zc': P('数量（家庭.成员） > 1') })).policies;
    const r2 = await diffPolicies(c, d, { timeoutMs: 20000, findings: false });
    expect(r2.diagnostics).toEqual([]);
    expect(r2.value.政策[0]!.措施.map((m) => [m.结论, m.依据, m.有界])).toEqual([['等价', '求解器', undefined]]);
    // no 前提 bounds the list (at most 9 > B): the proof holds only up to the bound — said, with the
    // bound, and never 等价
    const Q = (cond: string) => P(cond).replace('≤ 3', '≤ 9');
    const e = loadPolicies(['/t'], memoryHost({ '/t/政策.zc': Q('数量（家庭.成员） ≥ 2') })).policies;
    const f = loadPolicies(['/u'], memoryHost({ '/u/政策.zc': Q('数量（家庭.成员） > 1') })).policies;
    const r3 = await diffPolicies(e, f, { timeoutMs: 20000, findings: false });
    const m3 = r3.value.政策[0]!.措施[0]!;
    expect([m3.结论, m3.有界]).toEqual(['未判定', 4]);
    expect(m3.未判定.every((u) => u.includes('有界证明'))).toBe(true);
    expect(r3.diagnostics.map((x) => x.code)).toContain('ZC1305');
    expect(renderDiffText(r3.value)).toContain('未判定（有界证明：只在每个列表不超过 4 个元素时等价）');
  });

  it('two different policies are refused (ZC1302)', async () => {
    const { value, diagnostics } = await run('different');
    expect(diagnostics.map((d) => d.code)).toEqual(['ZC1302']);
    expect(value.政策).toEqual([]);
  });

  it('renders text, Markdown and HTML with the verdicts and the witness', async () => {
    const { value } = await run('restrict');
    expect(renderDiffText(value)).toContain('托育补贴（二（二））：有变化：失去');
    const md = renderDiffMarkdown(value);
    expect(md).toContain('| 托育补贴 | 二（二） | 失去 |');
    expect(md).toContain('<del>36</del><ins>24</ins>');
    expect(renderDiffHtml(value)).toContain('<del>36</del><ins>24</ins>');
  });
});
