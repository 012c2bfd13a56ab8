/**
 * Renderers of an explanation (explain.ts): Chinese text for people, JSON.
 * Input: ExplainReport. Output: a string.
 */
import { outcomeText, type ExplainReport } from './explain.js';

/** Chinese text: per measure, the unmet conditions, then each alternative with its changes and what it satisfies. */
export function renderExplainText(r: ExplainReport): string {
  const out: string[] = [`${r.政策}　评估日期 ${r.评估日期}`];
  if (!r.措施.length) out.push('', '没有需要解释的措施（都已适用，或个案不涉及其对象；可用 --measure 指定）');
  for (const m of r.措施) {
    out.push('', `■ ${m.措施}（${m.条款.标签}）：${m.状态}${m.理由.length ? `（${m.理由.join('；')}）` : ''}`);
    for (const u of m.未满足) {
      if (u.未满足.length) out.push(`  规则“${u.规则}”未满足：${u.未满足.join('；')}`);
      if (u.未知.length) out.push(`  规则“${u.规则}”未知（缺少事实）：${u.未知.join('；')}`);
    }
    for (const n of m.说明) out.push(`  ${n}`);
    m.建议.forEach((a, i) => {
      out.push(`  方案 ${i + 1}（改变 ${a.改变数} 项）：`);
      for (const c of a.改变) out.push(`    · ${c.事实}：${c.类别 === '补充' ? `补充为 ${c.新值}` : `${c.原值 ?? '（缺失）'} → ${c.新值}`}`);
      const res = Object.entries(a.结果).map(([k, v]) => outcomeText(k, v)).join('，');
      const g = a.复现.生成的求值器 === 'confirmed' ? '与生成的求值器' : '';
      out.push(`    → ${a.状态}${res ? `：${res}` : ''}（${a.条款.标签}，已由解释器${g}复现）`);
      if (a.复现.生成的求值器 !== 'confirmed') out.push(`    生成的求值器：${a.复现.生成的求值器 === 'differs' ? '结果不同，需要人工检查' : '不可用'}${a.复现.说明 ? `（${a.复现.说明}）` : ''}`);
      for (const s of a.满足) out.push(`    满足规则“${s.规则}”：${s.条件.join('；')}`);
    });
    if (m.缺少?.length) {
      out.push('  决定它的事实：');
      for (const f of m.缺少) out.push(`    · ${f.事实}：${f.取值.map((v) => `${v.值} → ${v.结果}`).join('；') || '（取值无法枚举，见上面的方案）'}`);
    }
  }
  return out.join('\n') + '\n';
}

/** JSON (the report without solver timings). */
export function renderExplainJson(r: ExplainReport): string {
  const { queryMs: _q, ...rest } = r;
  return JSON.stringify(rest, null, 2) + '\n';
}
