/**
 * HTML renderer of the documentation model (docs-blocks.ts).
 * Output: one self-contained page (inline CSS, no scripts, no external fonts or
 * images), print-ready for A4: an auditor prints it as is.
 * INVARIANT: every string taken from the model is escaped with `esc` (text and
 * attribute values alike); links are fragment or relative file references built by
 * docs.ts with `fragment` / `fileHref`, escaped again here.
 */
import type { Block, Inline, ListItem, Rich } from './docs-blocks.js';

/** Escape text or an attribute value. Newlines are kept (the caller decides). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function text(s: string): string {
  return esc(s).replace(/\r\n?|\n/g, '<br>');
}

function attrs(a: Record<string, string | undefined>): string {
  return Object.entries(a).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => ` ${k}="${esc(v!)}"`).join('');
}

export function inlineHtml(r: Rich): string {
  return r.map((x: Inline) => {
    if (typeof x === 'string') return text(x);
    switch (x.t) {
      case 'link': return `<a${attrs({ href: x.href })}>${inlineHtml(x.text)}</a>`;
      case 'b': return `<strong>${inlineHtml(x.text)}</strong>`;
      case 'code': return `<code>${esc(x.text.replace(/\s+/g, ' '))}</code>`;
      case 'mark': return `<mark>${text(x.text)}</mark>`;
      case 'badge': return `<span class="badge ${x.kind}">${esc(x.text)}</span>`;
      case 'br': return '<br>';
    }
  }).join('');
}

function listHtml(items: readonly ListItem[], cls?: string): string {
  const li = (it: ListItem): string =>
    `<li${attrs({ id: it.id })}>${inlineHtml(it.text)}${it.children?.length ? listHtml(it.children) : ''}</li>`;
  return `<ul${attrs({ class: cls })}>${items.map(li).join('')}</ul>`;
}

/** Cells whose whole content is one of these get a class (decision tables). */
const CELL_CLASS: Record<string, string> = { 是: 'yes', 否: 'no', '—': 'any' };

function blockHtml(b: Block, out: string[]): void {
  switch (b.t) {
    case 'section':
      out.push(`<section${attrs({ id: b.id, class: b.cls })}>`);
      for (const c of b.children) blockHtml(c, out);
      out.push('</section>');
      break;
    case 'h':
      out.push(`<h${b.level}${attrs({ id: b.id })}>${inlineHtml(b.text)}</h${b.level}>`);
      break;
    case 'p':
      out.push(`<p${attrs({ class: b.cls })}>${inlineHtml(b.text)}</p>`);
      break;
    case 'quote':
      out.push(`<blockquote${attrs({ class: b.cls ?? 'yuanwen' })}>${b.paras.map((p) => `<p>${inlineHtml(p)}</p>`).join('')}</blockquote>`);
      break;
    case 'list':
      out.push(listHtml(b.items, b.cls));
      break;
    case 'table': {
      out.push(`<table${attrs({ id: b.id, class: b.cls })}>`);
      if (b.caption) out.push(`<caption>${inlineHtml(b.caption)}</caption>`);
      out.push(`<thead><tr>${b.head.map((h) => `<th scope="col">${inlineHtml(h)}</th>`).join('')}</tr></thead><tbody>`);
      for (const row of b.rows) {
        out.push(`<tr>${row.map((c) => {
          const only = b.cls === 'decision' && c.length === 1 && typeof c[0] === 'string' ? CELL_CLASS[c[0]] : undefined;
          return `<td${attrs({ class: only })}>${inlineHtml(c)}</td>`;
        }).join('')}</tr>`);
      }
      out.push('</tbody></table>');
      break;
    }
    case 'dl':
      out.push(`<table${attrs({ class: b.cls ?? 'meta' })}><tbody>`);
      for (const [k, v] of b.items) out.push(`<tr><th scope="row">${text(k)}</th><td>${inlineHtml(v)}</td></tr>`);
      out.push('</tbody></table>');
      break;
    case 'pair':
      out.push('<div class="pair"><div class="left">');
      out.push(`<div class="coltitle">${text(b.leftTitle)}</div>`);
      for (const c of b.left) blockHtml(c, out);
      out.push('</div><div class="right">');
      out.push(`<div class="coltitle">${text(b.rightTitle)}</div>`);
      for (const c of b.right) blockHtml(c, out);
      out.push('</div></div>');
      break;
    case 'note':
      out.push(`<aside${attrs({ id: b.id, class: `note ${b.kind}` })}><div class="notetitle">${inlineHtml(b.title)}</div>`);
      for (const c of b.children) blockHtml(c, out);
      out.push('</aside>');
      break;
  }
}

export const CSS = `
:root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #c9c9c9; --accent: #9e1b1b; --paper-quote: #f6f3ec; --doubt: #fff8e1; --doubt-line: #c99a06; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 15px; line-height: 1.7; color: var(--ink); background: #fff; }
body { max-width: 1040px; margin: 0 auto; padding: 28px 36px 48px; }
a { color: #1d4f91; text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 1.75rem; text-align: center; color: var(--accent); margin: .4em 0 .2em; letter-spacing: .06em; }
h2 { font-size: 1.35rem; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: .15em; margin: 1.6em 0 .6em; }
h3 { font-size: 1.15rem; border-bottom: 1px solid var(--line); padding-bottom: .1em; margin: 1.4em 0 .5em; }
h4, h5, h6 { font-size: 1.02rem; margin: 1.2em 0 .4em; }
p { margin: .35em 0; }
.subtitle { text-align: center; color: var(--muted); margin-bottom: 1em; }
.back { font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: .2em 0; }
th, td { border: 1px solid var(--line); padding: .3em .55em; vertical-align: top; text-align: left; }
thead th { background: #efefef; }
table.meta { width: auto; min-width: 60%; margin: 0 auto 1.2em; }
table.meta th { background: #f4f4f4; white-space: nowrap; width: 7em; }
table.meta.measure-meta, table.meta.qual { margin: .3em 0 .8em; min-width: 0; }
table.decision td:first-child, table.decision td:last-child, table.decision th:last-child { white-space: nowrap; }
table.params td { white-space: nowrap; }
table.params td:nth-last-child(2) { white-space: normal; }
table.doubts td:nth-child(4) { white-space: nowrap; }
table.entity th:first-child { width: 35%; }
table.entity th:nth-child(2) { width: 25%; }
table.decision td.yes, table.decision td.no, table.decision td.any { text-align: center; white-space: nowrap; }
table.decision td.yes { color: #14532d; font-weight: bold; }
table.decision td.no { color: #9e1b1b; font-weight: bold; }
table.decision td.any { color: #8a8a8a; }
blockquote.yuanwen { margin: .3em 0 .8em; padding: .5em .9em; background: var(--paper-quote); border-left: 4px solid var(--accent);
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", serif; }
blockquote.yuanwen p { margin: .2em 0; }
blockquote.inline { margin: .2em 0 .4em; padding: .2em .7em; border-left: 3px solid var(--doubt-line); background: transparent; }
mark { background: #ffe58a; padding: 0 .1em; }
code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: .82em; background: #f3f3f3; padding: 0 .25em; border-radius: 2px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2em; margin: .4em 0 .8em; }
.pair > div { min-width: 0; }
.coltitle { font-size: .8rem; color: var(--muted); letter-spacing: .1em; border-bottom: 1px dotted var(--line); margin-bottom: .3em; }
ul { margin: .3em 0 .6em; padding-left: 1.4em; }
ul.rules { list-style: none; padding-left: 0; }
ul.rules > li { margin-bottom: .7em; }
ul.rules ul { font-size: .88rem; color: var(--muted); padding-left: 1.2em; list-style: disc; }
ul.toc, ul.toc ul { list-style: none; }
ul.toc { padding-left: 0; columns: 2; column-gap: 2em; }
ul.toc ul { padding-left: 1.5em; margin: 0; }
ul.toc li { break-inside: avoid; }
.badge { display: inline-block; font-size: .75em; font-weight: bold; line-height: 1.35; padding: 0 .4em; border-radius: 3px; border: 1px solid; vertical-align: .1em; margin: 0 .15em; white-space: nowrap; }
.badge.warn { color: #a3330a; border-color: #a3330a; background: #fff1e8; }
.badge.ok { color: #14532d; border-color: #14532d; background: #ecf8ef; }
.badge.info { color: #1d4f91; border-color: #1d4f91; background: #eef4fb; }
aside.note { border: 1px solid var(--line); border-left-width: 4px; padding: .45em .9em; margin: .6em 0 1em; background: #fafafa; }
aside.note.doubt { border-color: var(--doubt-line); background: var(--doubt); }
aside.note.warn { border-color: #a3330a; background: #fff1e8; }
.notetitle { font-weight: bold; margin-bottom: .2em; }
.muted, .legend { color: var(--muted); font-size: .85rem; }
.measure { margin: 1em 0 1.6em; }
footer, .footer { margin-top: 3em; color: var(--muted); font-size: .8rem; text-align: center; border-top: 1px solid var(--line); padding-top: .5em; }
@media (max-width: 720px) { .pair { grid-template-columns: 1fr; } body { padding: 16px; } }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a, a:visited { color: inherit; text-decoration: none; }
  .back { display: none; }
  section.top, section.toc { break-before: page; }
  ul.toc { break-inside: avoid; }
  table.meta { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6, caption, .coltitle, .notetitle { break-after: avoid; }
  tr, aside.note, blockquote, ul.rules > li { break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { background: #efefef; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark, .badge, blockquote.yuanwen, aside.note { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`.trim();

/** A whole page. */
export function renderHtml(title: string, blocks: readonly Block[]): string {
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="zh-CN">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push('<meta name="generator" content="ZhengCe">');
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<style>\n${CSS}\n</style>`);
  out.push('</head>');
  out.push('<body>');
  for (const b of blocks) blockHtml(b, out);
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}
