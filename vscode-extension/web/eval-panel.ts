/**
 * Script of the VS Code extension's 求值示例 panel (a webview; bundled into
 * out/webview.js by scripts/build.mjs). The extension writes the command's result as
 * JSON into the page (`<script type="application/json" id="zhengce-data">`); this
 * renders it with the playground's decision table (decisions.ts): the policy and date,
 * the summary the language server wrote (status, outcomes, missing facts), and the
 * measure's row of the table.
 */
import type { Decisions } from '../../compiler/interpret/decision.js';
import { decisionsSummary, decisionsTable, el } from './decisions.js';

/** What the extension puts into the page. */
export interface EvalPanelData {
  readonly measure: string;
  readonly ok: boolean;
  readonly message: string;
  readonly decisions?: Decisions;
}

function render(data: EvalPanelData): void {
  const root = document.getElementById('root')!;
  const parts: HTMLElement[] = [el('h2', `求值示例：${data.measure}`)];
  if (data.decisions) parts.push(el('p', decisionsSummary(data.decisions), 'summary'));
  parts.push(el('p', data.message, data.ok ? 'message' : 'message error'));
  const rows = data.decisions?.决定.filter((d) => d.措施 === data.measure) ?? [];
  if (rows.length) parts.push(decisionsTable(rows));
  root.replaceChildren(...parts);
  document.body.dataset['ready'] = 'true';
}

const json = document.getElementById('zhengce-data')?.textContent;
if (json) render(JSON.parse(json) as EvalPanelData);
