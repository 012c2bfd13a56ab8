/**
 * Renderers of a change-impact report (diff.ts): Chinese text, JSON, Markdown (for a review
 * comment), HTML (self-contained page).
 * Input: DiffReport. Output: a string. No timings (the report is deterministic).
 */
import type { ChangeWitness, DiffReport, PolicyDiff, TextPart } from './diff.js';
import { fenToYuan, type PopulationImpact } from './population.js';

const signed = (fen: string) => (fen.startsWith('-') ? fenToYuan(fen) : fen === '0' ? '0.00' : `+${fenToYuan(fen)}`);
const period = (p: string) => (p ? `（${p}）` : '');
const popHead = (p: PopulationImpact) => `人群影响：${p.文件}（${p.格式}，${p.行数} 行，评估日期 ${p.日期}，${p.引擎}）：${p.改变行数} 行的状态或金额改变`;
/** Rows outside the declared 前提: said, with an example. */
const premiseText = (p: PopulationImpact) => (p.前提不满足.旧 || p.前提不满足.新 ? `注意：有输入不满足政策声明的前提（旧版 ${p.前提不满足.旧} 行、新版 ${p.前提不满足.新} 行，如${p.前提不满足.示例}），这些行的结论不在核查范围内，仍计入上面的行数与预算` : '');
/** Measures worth listing: a changed row or a budget line. */
const popMeasures = (p: PopulationImpact) => p.措施.filter((m) => m.状态改变 || m.金额改变 || m.预算.length);
const transText = (m: PopulationImpact['措施'][number]) => m.转变.map((t) => `${t.旧} → ${t.新} ${t.行数} 行（如${t.示例}）`).join('；');

function renderPopulationText(p: PopulationImpact): string[] {
  const out = ['', popHead(p)];
  if (premiseText(p)) out.push(`  ${premiseText(p)}`);
  for (const m of popMeasures(p)) {
    out.push(`  ${m.措施}：状态改变 ${m.状态改变} 行${m.转变.length ? `（${transText(m)}）` : ''}，金额改变 ${m.金额改变} 行`);
    for (const b of m.预算) out.push(`    预算 ${b.结果}${period(b.周期)}：旧版 ${fenToYuan(b.旧分)}元（${b.旧行数} 行） → 新版 ${fenToYuan(b.新分)}元（${b.新行数} 行），差额 ${signed(b.差额分)}元`);
  }
  return out;
}

const KIND: Record<ChangeWitness['类别'], string> = { 得到: '得到（新版适用、旧版不适用）', 失去: '失去（旧版适用、新版不适用）', 改变: '改变（两版都适用、结果不同）', 存疑: '存疑与否改变' };

function facts(w: ChangeWitness): string {
  const dates = w.不确定日期?.length ? `；不确定日期取 ${w.不确定日期.map((d) => `${d.name} = ${d.value}${d.value2 && d.value2 !== d.value ? `（新版 ${d.value2}）` : ''}`).join('、')}` : '';
  const ranges = w.日期范围 ? `；只知范围的日期：旧版 ${w.日期范围.旧.join('、') || '无'}，新版 ${w.日期范围.新.join('、') || '无'}` : '';
  return `评估日期 ${w.日期}，事实 ${JSON.stringify(w.事实)}${dates}${ranges}`;
}

/** The generated evaluators' part of a replay, in words. */
export function genText(c: ChangeWitness): string {
  const g = c.复现.生成的求值器;
  const what = g === 'confirmed' ? '生成的求值器已确认（两个版本）' : g === 'differs' ? '生成的求值器与解释器不同' : g === 'not-reproduced' ? '生成的求值器未复现' : '生成的求值器不可用';
  return c.复现.说明 ? `${what}（${c.复现.说明}）` : what;
}

function plainDiff(parts: readonly TextPart[]): string {
  return parts.map((p) => (p.类别 === '增' ? `{+${p.文本}+}` : p.类别 === '删' ? `[-${p.文本}-]` : p.文本)).join('');
}

/** Counts used in headings and by --fail-on. */
export function tally(r: DiffReport): { gains: number; loses: number; changes: number; doubts: number; undecided: number; undecidedQueries: number; equivalent: number } {
  const t = { gains: 0, loses: 0, changes: 0, doubts: 0, undecided: 0, undecidedQueries: 0, equivalent: 0 };
  for (const p of r.政策) {
    for (const m of p.措施) {
      if (m.结论 === '等价') t.equivalent++;
      if (m.结论 === '未判定') t.undecided++;
      // the queries listed under each measure (“未判定：…”), a changed measure's too
      t.undecidedQueries += m.未判定.length;
      // an added / removed measure counts once: by its witnesses when it has them
      if (m.结论 === '删除' && !m.变化.some((c) => c.类别 === '失去')) t.loses++;
      if (m.结论 === '新增' && !m.变化.some((c) => c.类别 === '得到')) t.gains++;
      for (const c of m.变化) {
        if (c.类别 === '得到') t.gains++;
        else if (c.类别 === '失去') t.loses++;
        else if (c.类别 === '存疑') t.doubts++;
        else t.changes++;
      }
    }
  }
  return t;
}

/**
 * The headline's undecided part: measures whose conclusion is 未判定, and the queries listed under
 * the measures (“未判定：…”, one per query — a changed measure can have some too). INVARIANT: says
 * what each number counts (it said “N 项未判定” of measures above lines that count queries).
 */
function undecidedHeadline(t: ReturnType<typeof tally>, b = ''): string {
  return `${b}${t.undecided}${b} 项措施未判定（${b}${t.undecidedQueries}${b} 个查询未判定，逐项列在措施下）`;
}

/** How an equivalence was established. */
export function eqText(m: PolicyDiff['措施'][number]): string {
  return m.依据 === '相同' ? '等价（规则、定义与参数未变）' : '等价（求解器证明）';
}

function verdictLine(m: PolicyDiff['措施'][number]): string {
  const clause = m.条款.旧 && m.条款.新 && m.条款.旧 !== m.条款.新 ? `${m.条款.旧} → ${m.条款.新}` : m.条款.新 ?? m.条款.旧 ?? '';
  const v = m.结论 === '等价' ? eqText(m) : m.结论 === '有变化' ? `有变化：${m.变化.map((c) => c.类别).join('、')}` : m.结论 === '未判定' ? undecidedText(m) : m.结论;
  return `${m.措施}（${clause}）：${v}`;
}

/** 未判定, and when only because of the list bound: equivalent only for lists up to B (a bounded proof, never 等价). */
function undecidedText(m: PolicyDiff['措施'][number]): string {
  return m.有界 !== undefined ? `未判定（有界证明：只在每个列表不超过 ${m.有界} 个元素时等价）` : '未判定';
}

export function renderDiffText(r: DiffReport): string {
  const out: string[] = [];
  const t = tally(r);
  out.push(`变更影响：${t.equivalent} 项措施等价（已证明），${t.gains} 处得到，${t.loses} 处失去，${t.changes} 处改变，${t.doubts} 处存疑与否改变，${undecidedHeadline(t)}`);
  for (const id of r.新增政策) out.push(`新增政策：${id}`);
  for (const id of r.删除政策) out.push(`删除政策：${id}`);
  for (const p of r.政策) {
    out.push('', `■ ${p.新.名称}${p.新.文号 ? `（${p.新.文号}）` : ''}`);
    for (const h of p.头部) out.push(`  政策头部：${h}`);
    out.push('  措施：');
    for (const m of p.措施) {
      out.push(`    ${verdictLine(m)}`);
      for (const c of m.变化) {
        out.push(`      · ${KIND[c.类别]}：${c.区域}`);
        out.push(`        反例：${facts(c)}`);
        out.push(`        复现：解释器${c.复现.解释器 === 'confirmed' ? '已确认（两个版本）' : '未复现'}；${genText(c)}`);
      }
      for (const u of m.未判定) out.push(`      · 未判定：${u}`);
      if (m.原文差异) out.push(`      · 原文改变：${plainDiff(m.原文差异)}`);
    }
    if (p.条款.length) {
      out.push('  条款：');
      for (const c of p.条款) {
        const lab = c.类别 === '改号' ? `${c.旧标签} → ${c.新标签}` : c.新标签 ?? c.旧标签;
        out.push(`    ${c.类别} ${lab}${c.标题 ? `「${c.标题}」` : ''}${c.差异 ? `：${plainDiff(c.差异)}` : ''}`);
      }
    }
    if (p.参数.length) {
      out.push('  参数：');
      for (const x of p.参数) out.push(`    ${x.参数}（${x.类别}）：${x.说明}`);
    }
    if (p.核查) {
      out.push(`  核查发现：${p.核查.length ? '' : '无变化'}`);
      for (const f of p.核查) out.push(`    ${f.类别} ${f.代码}：${f.说明}`);
    }
  }
  if (r.人群) out.push(...renderPopulationText(r.人群));
  return out.join('\n') + '\n';
}

export function renderDiffJson(r: DiffReport): string {
  const { queryMs: _q, ...rest } = r;
  return JSON.stringify(rest, null, 2) + '\n';
}

const mdEsc = (s: string) => s.replace(/([|\\`*_<>])/g, '\\$1');

function mdDiff(parts: readonly TextPart[]): string {
  return parts.map((p) => (p.类别 === '增' ? `<ins>${mdEsc(p.文本)}</ins>` : p.类别 === '删' ? `<del>${mdEsc(p.文本)}</del>` : mdEsc(p.文本))).join('');
}

export function renderDiffMarkdown(r: DiffReport): string {
  const out: string[] = [];
  const t = tally(r);
  out.push('## 变更影响', '', `**${t.equivalent}** 项措施等价（已证明） · **${t.gains}** 处得到 · **${t.loses}** 处失去 · **${t.changes}** 处改变 · **${t.doubts}** 处存疑与否改变 · ${undecidedHeadline(t, '**')}`, '');
  for (const id of r.新增政策) out.push(`- 新增政策：\`${id}\``);
  for (const id of r.删除政策) out.push(`- 删除政策：\`${id}\``);
  for (const p of r.政策) {
    out.push(`### ${mdEsc(p.新.名称)}${p.新.文号 ? `（${mdEsc(p.新.文号)}）` : ''}`, '');
    for (const h of p.头部) out.push(`- 政策头部：${mdEsc(h)}`);
    out.push('| 措施 | 条款 | 结论 |', '|---|---|---|');
    for (const m of p.措施) {
      const clause = m.条款.旧 && m.条款.新 && m.条款.旧 !== m.条款.新 ? `${m.条款.旧} → ${m.条款.新}` : m.条款.新 ?? m.条款.旧 ?? '';
      const v = m.结论 === '等价' ? `✅ ${eqText(m)}` : m.结论 === '有变化' ? m.变化.map((c) => c.类别).join('、') : m.结论 === '未判定' ? `⚠️ ${undecidedText(m)}` : m.结论;
      out.push(`| ${mdEsc(m.措施)} | ${mdEsc(clause)} | ${v} |`);
    }
    out.push('');
    for (const m of p.措施) {
      if (!m.变化.length && !m.未判定.length && !m.原文差异) continue;
      out.push(`#### ${mdEsc(m.措施)}`, '');
      for (const c of m.变化) {
        out.push(`- **${KIND[c.类别]}**：${mdEsc(c.区域)}`);
        out.push(`  <details><summary>反例（解释器${c.复现.解释器 === 'confirmed' ? '已在两个版本中确认' : '未复现'}；${mdEsc(genText(c))}）</summary>`, '', '  ```json', `  ${JSON.stringify({ 日期: c.日期, 事实: c.事实, ...(c.不确定日期 ? { 不确定日期: c.不确定日期 } : {}), ...(c.日期范围 ? { 日期范围: c.日期范围 } : {}) })}`, '  ```', '  </details>');
      }
      for (const u of m.未判定) out.push(`- ⚠️ 未判定：${mdEsc(u)}`);
      if (m.原文差异) out.push(`- 原文改变：${mdDiff(m.原文差异)}`);
      out.push('');
    }
    if (p.条款.length) {
      out.push('**条款**', '');
      for (const c of p.条款) {
        const lab = c.类别 === '改号' ? `${c.旧标签} → ${c.新标签}` : c.新标签 ?? c.旧标签 ?? '';
        out.push(`- ${c.类别} ${mdEsc(lab)}${c.标题 ? `「${mdEsc(c.标题)}」` : ''}${c.差异 ? `：${mdDiff(c.差异)}` : ''}`);
      }
      out.push('');
    }
    if (p.参数.length) {
      out.push('**参数**', '');
      for (const x of p.参数) out.push(`- ${mdEsc(x.参数)}（${x.类别}）：${mdEsc(x.说明)}`);
      out.push('');
    }
    if (p.核查) {
      out.push('**核查发现**', '');
      if (!p.核查.length) out.push('- 无变化');
      for (const f of p.核查) out.push(`- ${f.类别} \`${f.代码}\`：${mdEsc(f.说明)}`);
      out.push('');
    }
  }
  if (r.人群) {
    const p = r.人群;
    out.push(`### ${mdEsc(popHead(p).replace(/^人群影响：/, '人群影响 · '))}`, '');
    if (premiseText(p)) out.push(`> ⚠️ ${mdEsc(premiseText(p))}`, '');
    out.push('| 措施 | 状态改变（行） | 金额改变（行） | 状态转变 |', '|---|---:|---:|---|');
    for (const m of popMeasures(p)) out.push(`| ${mdEsc(m.措施)} | ${m.状态改变} | ${m.金额改变} | ${mdEsc(transText(m))} |`);
    const lines = popMeasures(p).flatMap((m) => m.预算.map((b) => ({ m, b })));
    if (lines.length) {
      out.push('', '| 措施 | 结果（周期） | 旧版（元） | 新版（元） | 差额（元） |', '|---|---|---:|---:|---:|');
      for (const { m, b } of lines) out.push(`| ${mdEsc(m.措施)} | ${mdEsc(b.结果 + period(b.周期))} | ${fenToYuan(b.旧分)} | ${fenToYuan(b.新分)} | ${signed(b.差额分)} |`);
    }
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderDiffHtml(r: DiffReport): string {
  const t = tally(r);
  const body: string[] = [];
  body.push(`<h1>变更影响</h1><p class="sum">${t.equivalent} 项措施等价（已证明） · ${t.gains} 处得到 · ${t.loses} 处失去 · ${t.changes} 处改变 · ${t.doubts} 处存疑与否改变 · ${undecidedHeadline(t)}</p>`);
  for (const id of r.新增政策) body.push(`<p>新增政策：<code>${esc(id)}</code></p>`);
  for (const id of r.删除政策) body.push(`<p>删除政策：<code>${esc(id)}</code></p>`);
  const hd = (parts: readonly TextPart[]) => parts.map((p) => (p.类别 === '增' ? `<ins>${esc(p.文本)}</ins>` : p.类别 === '删' ? `<del>${esc(p.文本)}</del>` : esc(p.文本))).join('');
  for (const p of r.政策) {
    body.push(`<section><h2>${esc(p.新.名称)}${p.新.文号 ? `（${esc(p.新.文号)}）` : ''}</h2>`);
    if (p.头部.length) body.push(`<ul>${p.头部.map((h) => `<li>政策头部：${esc(h)}</li>`).join('')}</ul>`);
    body.push('<table><thead><tr><th>措施</th><th>条款</th><th>结论</th></tr></thead><tbody>');
    for (const m of p.措施) {
      const clause = m.条款.旧 && m.条款.新 && m.条款.旧 !== m.条款.新 ? `${m.条款.旧} → ${m.条款.新}` : m.条款.新 ?? m.条款.旧 ?? '';
      const cls = m.结论 === '等价' ? 'eq' : m.结论 === '未判定' ? 'unk' : 'chg';
      body.push(`<tr class="${cls}"><td>${esc(m.措施)}</td><td>${esc(clause)}</td><td>${esc(m.结论 === '有变化' ? m.变化.map((c) => c.类别).join('、') : m.结论 === '等价' ? eqText(m) : m.结论 === '未判定' ? undecidedText(m) : m.结论)}</td></tr>`);
    }
    body.push('</tbody></table>');
    for (const m of p.措施) {
      if (!m.变化.length && !m.未判定.length && !m.原文差异) continue;
      body.push(`<h3>${esc(m.措施)}</h3><ul>`);
      for (const c of m.变化) body.push(`<li><b>${esc(KIND[c.类别])}</b>：${esc(c.区域)}<details><summary>反例（解释器${c.复现.解释器 === 'confirmed' ? '已在两个版本中确认' : '未复现'}；${esc(genText(c))}）</summary><pre>${esc(JSON.stringify({ 日期: c.日期, 事实: c.事实, ...(c.不确定日期 ? { 不确定日期: c.不确定日期 } : {}), ...(c.日期范围 ? { 日期范围: c.日期范围 } : {}) }, null, 2))}</pre></details></li>`);
      for (const u of m.未判定) body.push(`<li class="unk">未判定：${esc(u)}</li>`);
      if (m.原文差异) body.push(`<li>原文改变：<span class="diff">${hd(m.原文差异)}</span></li>`);
      body.push('</ul>');
    }
    if (p.条款.length) body.push(`<h3>条款</h3><ul>${p.条款.map((c) => `<li>${esc(c.类别)} ${esc(c.类别 === '改号' ? `${c.旧标签} → ${c.新标签}` : c.新标签 ?? c.旧标签 ?? '')}${c.标题 ? `「${esc(c.标题)}」` : ''}${c.差异 ? `：<span class="diff">${hd(c.差异)}</span>` : ''}</li>`).join('')}</ul>`);
    if (p.参数.length) body.push(`<h3>参数</h3><ul>${p.参数.map((x) => `<li>${esc(x.参数)}（${esc(x.类别)}）：${esc(x.说明)}</li>`).join('')}</ul>`);
    if (p.核查) body.push(`<h3>核查发现</h3><ul>${p.核查.length ? p.核查.map((f) => `<li>${esc(f.类别)} <code>${esc(f.代码)}</code>：${esc(f.说明)}</li>`).join('') : '<li>无变化</li>'}</ul>`);
    body.push('</section>');
  }
  if (r.人群) {
    const p = r.人群;
    body.push(`<section><h2>${esc(popHead(p))}</h2>${premiseText(p) ? `<p class="unk">${esc(premiseText(p))}</p>` : ''}<table class="pop"><thead><tr><th>措施</th><th>状态改变（行）</th><th>金额改变（行）</th><th>状态转变</th></tr></thead><tbody>`);
    for (const m of popMeasures(p)) body.push(`<tr><td>${esc(m.措施)}</td><td>${m.状态改变}</td><td>${m.金额改变}</td><td>${esc(transText(m))}</td></tr>`);
    body.push('</tbody></table>');
    const lines = popMeasures(p).flatMap((m) => m.预算.map((b) => ({ m, b })));
    if (lines.length) {
      body.push('<table class="budget"><thead><tr><th>措施</th><th>结果（周期）</th><th>旧版（元）</th><th>新版（元）</th><th>差额（元）</th></tr></thead><tbody>');
      for (const { m, b } of lines) body.push(`<tr><td>${esc(m.措施)}</td><td>${esc(b.结果 + period(b.周期))}</td><td>${fenToYuan(b.旧分)}</td><td>${fenToYuan(b.新分)}</td><td>${signed(b.差额分)}</td></tr>`);
      body.push('</tbody></table>');
    }
    body.push('</section>');
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>变更影响</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}tr.eq td:last-child{color:#1a7f37}tr.chg td:last-child{color:#b35900}tr.unk td:last-child,.unk{color:#b00}ins{background:#dafbe1;text-decoration:none}del{background:#ffebe9}pre{white-space:pre-wrap}</style>
</head><body>
${body.join('\n')}
</body></html>
`;
}
