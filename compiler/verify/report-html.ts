/**
 * HTML report of verification findings, for auditors: one self-contained page (inline
 * CSS, no script, no external resource) that reads on screen and prints on A4.
 * Input: VerifyReport + SourceFiles + cwd. Output: an HTML5 document (lang zh-CN).
 *
 * Layout: a summary (conclusion; counts by severity; counts by rule; engine statistics
 * per policy with SMT p50/p95 — or, in the published report, a note that it carries no
 * times), a table of contents, then per policy and per clause in document order
 * (first clause of a finding, ordered by clause number as documentOrder does — 四（二）
 * before 四（十一）; findings with no clause under “全文”, first) one card per
 * finding: severity badge, code and rule title, message, location, clause(s), engine
 * and proof, related locations, the witness as a table, what each side yields, replay
 * status, and — for an accepted finding — the recorded rationale.
 *
 * Escaping: every piece of text from the report (messages, names, witness values,
 * rationales, paths) is first made visible-safe (control, bidi, zero-width and other
 * invisible characters shown as `<U+XXXX>`, so nothing can reorder or hide what an
 * auditor reads), then HTML-escaped (& < > " '). Element ids are made of the policy id
 * and the clause anchor through safeId (only [A-Za-z0-9_-]): `p-<policy>` and
 * `p-<policy>--<anchor>` (`--whole` for 全文), so the documentation links into the
 * report. With `docs` (the published report in generated/docs/verify/), the report
 * links back: the index, each policy's page and each clause on it. Deterministic: no
 * timestamps.
 */
import { documentOrder, docPageStems, reportClauseId, reportPolicyId, safeId } from '../emit/docs.js';
import type { SourceFile } from '../common/source.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { UNTIMED_NOTE, type Finding, type VerifyReport } from './finding.js';
import {
  clauseText, engineText, locationText, percentile, replayText, safeText, SEVERITY_ZH, shownPath, sideName, titleOf, witnessRows,
} from './report-junit.js';
import { toolInfoOf, verificationCodes } from './report-sarif.js';

/** Escape visible-safe text for HTML text and double-quoted attributes. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Untrusted text → safe HTML: every line made visible-safe, then escaped; newlines
 * kept as <br>; each `<U+XXXX>` stand-in for an invisible character is highlighted
 * (its text unchanged) so an auditor notices it.
 */
function h(s: string): string {
  return String(s)
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => esc(safeText(line)).replace(/&lt;U\+[0-9A-F]{4,6}&gt;/g, (m) => `<span class="cp">${m}</span>`))
    .join('<br>');
}

const SEV_ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

const CSS = `
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --error: #b42318; --error-bg: #fef3f2; --warning: #9a5b00; --warning-bg: #fffaeb;
  --info: #1d4ed8; --info-bg: #eff6ff; --hint: #4b5563; --hint-bg: #f3f4f6;
  --ok: #067647; --ok-bg: #ecfdf3;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif;
  font-size: 15px; line-height: 1.65;
}
code, .mono { font-family: "Noto Sans Mono CJK SC", "Source Han Mono SC", "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
.page { max-width: 1000px; margin: 0 auto; padding: 32px 40px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: 0.05em; }
h2 { font-size: 20px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 24px 0 10px; padding: 4px 10px; background: var(--soft); border-left: 4px solid var(--muted); }
h2 .id, h3 .anchor { font-weight: normal; color: var(--muted); font-size: 0.8em; margin-left: 8px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.verdict { border: 1px solid var(--line); border-left: 6px solid var(--ok); background: var(--ok-bg); padding: 10px 14px; margin: 16px 0; font-weight: 600; }
.verdict.fail { border-left-color: var(--error); background: var(--error-bg); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td.code { overflow-wrap: normal; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
.grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 2fr); gap: 16px; align-items: start; }
.scroll { overflow-x: auto; }
.cp { color: var(--error); background: var(--error-bg); border-radius: 3px; padding: 0 2px; font-family: "Noto Sans Mono CJK SC", Consolas, monospace; font-size: 0.85em; }
nav ol { margin: 4px 0; padding-left: 22px; }
nav a { color: var(--info); text-decoration: none; }
a.doclink { font-size: 12.5px; font-weight: normal; margin-left: 8px; color: var(--info); }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12.5px; font-weight: 600; line-height: 20px; border: 1px solid currentColor; white-space: nowrap; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.hint { color: var(--hint); background: var(--hint-bg); }
.badge.accepted, .badge.proved { color: var(--ok); background: var(--ok-bg); }
.badge.unknown { color: var(--warning); background: var(--warning-bg); }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--hint); border-radius: 4px; padding: 10px 14px 6px; margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
.finding.error { border-left-color: var(--error); }
.finding.warning { border-left-color: var(--warning); }
.finding.info { border-left-color: var(--info); }
.finding.accepted { border-left-color: var(--ok); }
.finding header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; }
.finding header .title { font-weight: 600; }
.finding .msg { margin: 6px 0 8px; font-size: 15.5px; }
dl.meta { display: grid; grid-template-columns: 5.5em minmax(0, 1fr); gap: 2px 10px; margin: 0 0 8px; font-size: 14px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.finding table { font-size: 13.5px; }
.finding table th:first-child { width: 32%; }
.rationale { border-left: 3px solid var(--ok); background: var(--ok-bg); padding: 6px 10px; margin: 6px 0 8px; font-size: 14px; }
.none { color: var(--muted); }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@media screen and (max-width: 720px) {
  body { font-size: 14px; }
  .page { padding: 16px 12px 32px; }
  .grid { grid-template-columns: minmax(0, 1fr); }
  th { white-space: normal; }
  dl.meta { grid-template-columns: 4em minmax(0, 1fr); }
  .finding { padding: 8px 10px 4px; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm 16mm 14mm; }
  body { font-size: 10.5pt; line-height: 1.5; }
  .page { max-width: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; break-after: avoid; page-break-after: avoid; }
  h3 { font-size: 11.5pt; break-after: avoid; page-break-after: avoid; }
  section.policy + section.policy { break-before: page; page-break-before: always; }
  table, .finding { font-size: 9.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  nav a { color: inherit; }
  .grid { grid-template-columns: 1fr 2fr; }
}
`;

function badge(sev: Severity): string {
  return `<span class="badge ${sev}">${SEVERITY_ZH[sev]}</span>`;
}

function fmtMs(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(0) : '—';
}

function fmtPct(ms: readonly number[], q: number): string {
  const v = percentile(ms, q);
  return v === undefined ? '—' : v.toFixed(1);
}

function findingCard(f: Finding, files: ReadonlyMap<string, SourceFile>, cwd: string): string {
  const classes = ['finding', f.severity, ...(f.accepted ? ['accepted'] : [])].join(' ');
  const chips: string[] = [badge(f.severity), `<code>${esc(f.code)}</code>`, `<span class="title">${h(titleOf(f.code))}</span>`];
  if (f.proof === 'proved') chips.push('<span class="badge proved">已证明</span>');
  if (f.proof === 'unknown') chips.push('<span class="badge unknown">未判定（不算通过）</span>');
  if (f.proof === 'bounded') chips.push('<span class="badge unknown">有界证明（不算通过）</span>');
  if (f.accepted) chips.push('<span class="badge accepted">已接受</span>');
  const meta: [string, string][] = [['位置', `<span class="mono">${h(locationText(f.span, files, cwd))}</span>`]];
  if (f.clauses.length) meta.push(['条款', f.clauses.map((c) => h(clauseText(c))).join('、')]);
  meta.push(['引擎', h(engineText(f))]);
  for (const x of f.related) meta.push(['相关', `${h(x.message)}　<span class="mono">${h(locationText(x.span, files, cwd))}</span>`]);
  if (f.replay) meta.push(['复现', h(replayText(f.replay))]);
  meta.push(['指纹', `<code>${h(f.fingerprint)}</code>`]);
  const parts = [
    `<article class="${classes}">`,
    `<header>${chips.join(' ')}</header>`,
    `<p class="msg">${h(f.message)}</p>`,
    `<dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
  ];
  const rows = witnessRows(f);
  if (rows.length) {
    parts.push(
      '<table class="witness"><caption>反例（事实与评估日期）</caption><thead><tr><th>项目</th><th>值</th></tr></thead><tbody>' +
        rows.map(([k, v]) => `<tr><td>${h(k)}</td><td>${h(v)}</td></tr>`).join('') +
        '</tbody></table>',
    );
  }
  if (f.sides?.length) {
    parts.push(
      '<table class="sides"><caption>各方结论</caption><thead><tr><th>措施·规则（条款）</th><th>结论</th></tr></thead><tbody>' +
        f.sides.map((s) => `<tr><td>${h(sideName(s))}</td><td>${h(s.yields)}</td></tr>`).join('') +
        '</tbody></table>',
    );
  }
  if (f.accepted) parts.push(`<p class="rationale"><strong>接受理由：</strong>${h(f.accepted)}</p>`);
  parts.push('</article>');
  return parts.join('\n');
}

/** Where the documentation pages are, relative to the report (e.g. '../'). */
export interface ReportDocsLinks {
  readonly base: string;
}

/** Self-contained HTML report. */
export function renderVerifyHtml(r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string, opts: { docs?: ReportDocsLinks } = {}): string {
  const stems = docPageStems(r.policies.map((p) => p.id));
  const docLink = (policy: string, anchor?: string): string => {
    const stem = stems.get(policy);
    if (!opts.docs || !stem) return '';
    return `<a class="doclink" href="${esc(`${opts.docs.base}${stem}.html${anchor ? `#${safeId(anchor)}` : ''}`)}">${anchor ? '条款原文与规则' : '政策文档'}</a>`;
  };
  const open = r.findings.filter((f) => !f.accepted);
  const bySev = (s: Severity) => open.filter((f) => f.severity === s).length;
  const accepted = r.findings.length - open.length;
  const errors = bySev('error');

  // policies in report order; findings of an unlisted policy still get a section
  const policies: { id: string; name: string; root?: string }[] = r.policies.map((p) => ({ id: p.id, name: p.name, root: p.root }));
  for (const f of r.findings) if (!policies.some((p) => p.id === f.policy)) policies.push({ id: f.policy, name: f.policy });

  const sections: string[] = [];
  const toc: string[] = [];
  policies.forEach((p) => {
    const pid = reportPolicyId(p.id);
    const fs = r.findings.filter((f) => f.policy === p.id);
    const groups = new Map<string, { title: string; anchor: string; list: Finding[] }>();
    for (const f of fs) {
      const c = f.clauses[0];
      const key = c ? `${c.anchor}\u0000${c.label}` : '';
      const g = groups.get(key) ?? { title: c ? `条款 ${c.label}` : '全文（不属于某一条款）', anchor: c?.anchor ?? '', list: [] };
      g.list.push(f);
      groups.set(key, g);
    }
    // 全文 first, then the clauses by their numbers (subsec_2 before subsec_11)
    const whole = [...groups.values()].filter((g) => !g.anchor);
    const ordered = [...whole, ...documentOrder([...groups.values()].filter((g) => g.anchor))];
    const sub: string[] = [];
    const body: string[] = [];
    const seenIds = new Set<string>();
    ordered.forEach((g, gi) => {
      let cid = reportClauseId(p.id, g.anchor || undefined);
      if (seenIds.has(cid)) cid = `${cid}-${gi + 1}`; // one anchor with two labels (never expected)
      seenIds.add(cid);
      sub.push(`<li><a href="#${cid}">${h(g.title)}</a>（${g.list.length} 项）</li>`);
      const back = g.anchor ? docLink(p.id, g.anchor) : '';
      body.push(
        `<section class="clause" id="${cid}">\n<h3>${h(g.title)}${g.anchor ? `<span class="anchor mono">${h(g.anchor)}</span>` : ''}${back ? ` ${back}` : ''}</h3>\n` +
          g.list.map((f) => findingCard(f, files, cwd)).join('\n') +
          '\n</section>',
      );
    });
    toc.push(`<li><a href="#${pid}">${h(p.name)}</a>（${h(p.id)}，${fs.length} 项发现）${sub.length ? `<ol>${sub.join('')}</ol>` : ''}</li>`);
    sections.push(
      `<section class="policy" id="${pid}">\n<h2>${h(p.name)}<span class="id mono">${h(p.id)}</span>${docLink(p.id) ? ` ${docLink(p.id)}` : ''}</h2>\n` +
        (p.root ? `<p class="sub">政策文件：<span class="mono">${h(shownPath(p.root, cwd))}</span></p>\n` : '') +
        (body.length ? body.join('\n') : '<p class="none">没有发现。</p>') +
        '\n</section>',
    );
  });

  // counts by code, catalog order (codes outside the catalog's ZC09 range after them)
  const codes: string[] = verificationCodes();
  for (const f of r.findings) if (!codes.includes(f.code)) codes.push(f.code);
  const codeRows = codes
    .map((c) => {
      const all = r.findings.filter((f) => f.code === c);
      if (!all.length) return '';
      const acc = all.filter((f) => f.accepted).length;
      const sevs = SEV_ORDER.filter((s) => all.some((f) => f.severity === s)).map(badge).join(' ');
      return `<tr><td class="code"><code>${esc(c)}</code></td><td>${h(titleOf(c))}</td><td>${sevs}</td><td class="num">${all.length}</td><td class="num">${acc}</td></tr>`;
    })
    .filter((x) => x)
    .join('');
  const untimed = r.policies.some((p) => p.stats.untimed);
  const statRows = r.policies
    .map((p) => {
      const s = p.stats;
      if (s.untimed) return `<tr><td>${h(p.name)}</td><td class="num">${s.smtQueries}</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">${s.pbtCases}</td><td class="num">—</td><td class="num">—</td></tr>`;
      return `<tr><td>${h(p.name)}</td><td class="num">${s.smtQueries}</td><td class="num">${fmtMs(s.smtMs)}</td><td class="num">${fmtPct(s.smtQueryMs, 0.5)}</td><td class="num">${fmtPct(s.smtQueryMs, 0.95)}</td><td class="num">${s.pbtCases}</td><td class="num">${fmtMs(s.pbtMs)}</td><td class="num">${fmtMs(s.staticMs)}</td></tr>`;
    })
    .join('');

  const verdict = errors
    ? `<p class="verdict fail">有 ${errors} 个未接受的错误，核查未通过。</p>`
    : `<p class="verdict">没有未接受的错误。</p>`;
  const tool = toolInfoOf();
  const title = r.policies.length === 1 ? `核查报告：${r.policies[0]!.name}` : '政策核查报告';

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ZhengCe ${esc(tool.version)}">
<title>${esc(safeText(title))}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
<header>
<h1>${h(title)}</h1>
<p class="sub">由 ZhengCe ${esc(tool.version)}（zhengce verify）生成 · 共 ${policies.length} 项政策、${r.findings.length} 项发现${opts.docs ? ` · <a href="${esc(opts.docs.base)}index.html">政策文档索引</a>` : ''}</p>
</header>
<section class="summary">
<h2>概要</h2>
${verdict}
<div class="grid">
<table class="by-severity"><caption>按级别（未接受）</caption><thead><tr><th>级别</th><th class="num">数量</th></tr></thead><tbody>
${SEV_ORDER.filter((s) => s !== 'hint' || bySev(s) > 0).map((s) => `<tr><td>${badge(s)}</td><td class="num">${bySev(s)}</td></tr>`).join('\n')}
<tr><td><span class="badge accepted">已接受</span></td><td class="num">${accepted}</td></tr>
<tr><th>合计</th><td class="num">${r.findings.length}</td></tr>
</tbody></table>
<table class="by-code"><caption>按规则</caption><thead><tr><th>代码</th><th>规则</th><th>级别</th><th class="num">数量</th><th class="num">已接受</th></tr></thead><tbody>
${codeRows || '<tr><td colspan="5" class="none">没有发现</td></tr>'}
</tbody></table>
</div>
<div class="scroll"><table class="stats"><caption>引擎统计（用时单位：毫秒；p50/p95 为单次 SMT 查询用时${untimed ? `；${esc(UNTIMED_NOTE)}` : ''}）</caption><thead><tr><th>政策</th><th class="num">SMT 查询</th><th class="num">SMT 用时</th><th class="num">p50</th><th class="num">p95</th><th class="num">性质测试例数</th><th class="num">性质测试用时</th><th class="num">静态检查用时</th></tr></thead><tbody>
${statRows || '<tr><td colspan="8" class="none">没有政策</td></tr>'}
</tbody></table></div>
</section>
<nav>
<h2>目录</h2>
<ol>${toc.join('\n')}</ol>
</nav>
<main>
${sections.join('\n')}
</main>
<footer>级别：错误 = 规则有矛盾或缺口等必须处理的问题；警告 = 应当核实；信息 = 供审阅。“已接受”表示政策中已记录该项为官方文本本身的性质，并写明理由。“未判定”不算通过。反例中的日期为评估日期。</footer>
</div>
</body>
</html>
`;
}
