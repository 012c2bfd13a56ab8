/**
 * The decision table: Decisions (the interpreter's answer) → DOM. One module for both
 * places that show decisions to a drafter: the playground's result panel (main.ts) and
 * the VS Code extension's 求值示例 panel (client/src/webview.ts). Styles are the host
 * page's (classes: decisions, status-<状态>, outcomes, value, unconfirmed, clause,
 * label, reasons).
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
  tr.appendChild(why);
  return tr;
}
