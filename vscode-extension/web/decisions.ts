/**
 * The decision table: Decisions (the interpreter's answer) → DOM. One module for both
 * places that show decisions to a drafter: the playground's result panel (main.ts) and
 * the VS Code extension's 求值示例 panel (client/src/webview.ts). Styles are the host
 * page's (classes: decisions, status-<状态>, outcomes, value, unconfirmed, clause,
 * label, reasons, why-not, hint).
 */
import type { Decision, Decisions, OutcomeValue } from '../../compiler/interpret/decision.js';

/** A new element with optional text and class. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** An outcome's value with its unit (once). */
export function outcomeText(o: OutcomeValue): string {
  const v = String(o.值);
  const unit = o.单位 && !v.endsWith(o.单位) ? o.单位 : '';
  return `${v}${unit ? ` ${unit}` : ''}`;
}

/** One line about the evaluation: policy, date, in force / repealed. */
export function decisionsSummary(d: Decisions): string {
  const parts = [`政策：${d.政策.名称}${d.政策.文号 ? `（${d.政策.文号}）` : ''}`, `评估日期：${d.评估日期}`];
  if (d.生效?.日期) parts.push(`生效：${d.生效.日期}`);
  if (d.废止) parts.push(`已于 ${d.废止.日期} 废止`);
  return parts.join('　');
}

/** The table of decisions (措施 状态 结果 条款 理由), one row per measure (`id="decisions"`). */
export function decisionsTable(decisions: readonly Decision[]): HTMLTableElement {
  const table = el('table', undefined, 'decisions');
  table.id = 'decisions';
  const head = table.createTHead().insertRow();
  for (const h of ['措施', '状态', '结果', '条款', '理由']) head.appendChild(el('th', h));
  const body = table.createTBody();
  for (const dec of decisions) body.appendChild(decisionRow(dec));
  return table;
}

/** One measure's row (`data-measure` is the measure's name). */
export function decisionRow(dec: Decision): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset['measure'] = dec.措施;
  tr.appendChild(el('td', dec.措施));
  tr.appendChild(el('td', dec.状态, `status-${dec.状态}`));
  const res = el('td', undefined, 'outcomes');
  const entries = Object.entries(dec.结果);
  if (!entries.length) res.textContent = '—';
  for (const [name, o] of entries) {
    const div = el('div', `${name}：`);
    div.appendChild(el('span', outcomeText(o), 'value'));
    if (o.周期) div.appendChild(document.createTextNode(`（${o.周期}）`));
    if (o.未确认参数?.length) div.appendChild(el('span', `（含未确认参数：${o.未确认参数.join('、')}）`, 'unconfirmed'));
    res.appendChild(div);
  }
  tr.appendChild(res);
  const cl = el('td', undefined, 'clause');
  cl.appendChild(el('div', dec.条款.标签, 'label'));
  if (dec.条款.标题) cl.appendChild(el('div', dec.条款.标题));
  tr.appendChild(cl);
  const why = el('td', undefined, 'reasons');
  const ul = el('ul');
  for (const r of dec.理由) ul.appendChild(el('li', r));
  for (const s of dec.存疑 ?? []) ul.appendChild(el('li', `存疑“${s.名称}”采用：${s.采用}${s.理由 ? `（${s.理由}）` : ''}`));
  why.appendChild(ul);
  const wn = whyNot(dec);
  if (wn) why.appendChild(wn);
  tr.appendChild(why);
  return tr;
}

/**
 * Beside a 不适用 or 存疑 decision: per rule, the conditions that do not hold and those that are
 * unknown (the traced evaluation's 未满足 / 未知 — no solver; the smallest change that would make
 * it 适用 is `zhengce explain`, or the explain lens on a case file in the editor); then the
 * definitions those conditions rest on, each with its value and 原文, and for 存疑 the facts that
 * would decide it (缺少) — a condition on a definition names a conclusion, these name what it was
 * derived from. Undefined when there is nothing to say.
 */
export function whyNot(dec: Decision): HTMLElement | undefined {
  if (dec.状态 !== '不适用' && dec.状态 !== '存疑') return undefined;
  const lines: string[] = [];
  for (const r of dec.规则) {
    if (r.适用 === true) continue;
    if (r.未满足?.length) lines.push(`规则“${r.规则}”未满足：${r.未满足.join('；')}`);
    if (r.未知?.length) lines.push(`规则“${r.规则}”未知（缺少事实）：${r.未知.join('；')}`);
  }
  if (!lines.length) return undefined;
  for (const t of dec.定义 ?? []) {
    const where = [t.原文?.length ? `原文：${t.原文.map((q) => `“${q}”`).join('')}` : '', t.条款 ?? ''].filter(Boolean).join('，');
    lines.push(`定义「${t.定义}」${t.实例 && t.实例 !== t.定义.split('.')[0] ? `（${t.实例}）` : ''}：${t.值}${where ? `（${where}）` : ''}`);
  }
  if (dec.状态 === '存疑' && dec.缺少?.length) lines.push(`缺少的事实：${dec.缺少.join('、')}`);
  const box = el('div', undefined, 'why-not');
  box.appendChild(el('div', dec.状态 === '不适用' ? '为何不适用：' : '为何存疑：', 'label'));
  const ul = el('ul');
  for (const l of lines) ul.appendChild(el('li', l));
  box.appendChild(ul);
  box.appendChild(el('div', '怎样才适用（最少的事实改变）：命令行 zhengce explain 个案.yaml --date 日期，或在编辑器中个案文件上的“❓ 解释”', 'hint'));
  return box;
}
