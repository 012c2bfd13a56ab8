/**
 * GitHub-flavoured Markdown renderer of the documentation model (docs-blocks.ts).
 * INVARIANT: text from the model cannot produce Markdown or HTML syntax: ASCII
 * punctuation that Markdown reacts to is backslash-escaped, `<`/`>`/`&` included (so no
 * raw HTML ever comes from a policy), newlines become `<br>`, and in table cells `|`
 * is escaped, so a cell never splits.
 */
import type { Block, Inline, ListItem, Rich } from './docs-blocks.js';

/** Characters escaped wherever they occur in text. */
const SPECIAL = /[\\`*_[\]<>|~&$!{}]/g;

/** Escape text for Markdown (inline context). */
export function mdEscape(s: string): string {
  let r = s.replace(/\r\n?/g, '\n').replace(SPECIAL, (c) => `\\${c}`);
  // block syntax a line could start with
  r = r
    .replace(/(^|\n)([ \t]*)(#{1,6}|[-+])(?=[ \t]|\n|$)/g, '$1$2\\$3')
    .replace(/(^|\n)([ \t]*)(=+|-+)(?=[ \t]*(?:\n|$))/g, '$1$2\\$3')
    .replace(/(^|\n)([ \t]*\d{1,9})([.)])(?=[ \t]|\n|$)/g, '$1$2\\$3');
  return r.replace(/\n/g, '<br>');
}

const PUNCT = /^[\p{P}\p{S}\s]$/u;

/** Bold that survives CommonMark's flanking rules next to CJK punctuation. */
function strong(inner: string, raw: string): string {
  const chars = [...raw];
  const first = chars[0];
  const last = chars[chars.length - 1];
  if (!first || !last) return inner;
  return PUNCT.test(first) || PUNCT.test(last) ? `<b>${inner}</b>` : `**${inner}**`;
}

function plainOf(r: Rich): string {
  return r.map((x) => (typeof x === 'string' ? x : x.t === 'code' || x.t === 'mark' || x.t === 'badge' ? x.text : x.t === 'br' ? ' ' : plainOf(x.text))).join('');
}

function codeSpan(s: string, inTable: boolean): string {
  let t = s.replace(/\s+/g, ' ');
  if (t === '') return '';
  if (inTable) t = t.replace(/\|/g, '\\|');
  const runs = t.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((x) => x.length)) + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

export function inlineMd(r: Rich, inTable = false): string {
  return r.map((x: Inline) => {
    if (typeof x === 'string') return mdEscape(x);
    switch (x.t) {
      case 'link': return `[${inlineMd(x.text, inTable)}](${x.href.replace(/[()\s<>\\]/g, (c) => encodeURIComponent(c))})`;
      case 'b': return strong(inlineMd(x.text, inTable), plainOf(x.text));
      case 'code': return codeSpan(x.text, inTable);
      case 'mark': return strong(mdEscape(x.text), x.text);
      case 'badge': return `〔${strong(mdEscape(x.text), x.text)}〕`;
      case 'br': return '<br>';
    }
  }).join('');
}

function anchor(id: string | undefined): string {
  // ids are built ASCII-safe by docs.ts; the replace is a second line of defence
  return id ? `<a id="${id.replace(/[^A-Za-z0-9_-]/g, '_')}"></a>` : '';
}

function listMd(items: readonly ListItem[], indent: string, out: string[]): void {
  for (const it of items) {
    out.push(`${indent}- ${anchor(it.id)}${inlineMd(it.text)}`);
    if (it.children?.length) listMd(it.children, `${indent}  `, out);
  }
}

function cell(r: Rich): string {
  const s = inlineMd(r, true);
  return s === '' ? ' ' : s;
}

function blockMd(b: Block, out: string[]): void {
  switch (b.t) {
    case 'section':
      if (b.id) out.push(anchor(b.id), '');
      for (const c of b.children) blockMd(c, out);
      break;
    case 'h':
      out.push(`${'#'.repeat(b.level)} ${anchor(b.id)}${inlineMd(b.text)}`, '');
      break;
    case 'p':
      out.push(inlineMd(b.text), '');
      break;
    case 'quote':
      b.paras.forEach((p, i) => {
        if (i > 0) out.push('>');
        out.push(`> ${inlineMd(p)}`);
      });
      out.push('');
      break;
    case 'list':
      listMd(b.items, '', out);
      out.push('');
      break;
    case 'table':
      if (b.id) out.push(anchor(b.id), '');
      if (b.caption) out.push(strong(inlineMd(b.caption), plainOf(b.caption)), '');
      out.push(`| ${b.head.map(cell).join(' | ')} |`);
      out.push(`| ${b.head.map(() => '---').join(' | ')} |`);
      for (const row of b.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('');
      break;
    case 'dl':
      for (const [k, v] of b.items) out.push(`- ${strong(mdEscape(k), k)}：${inlineMd(v)}`);
      out.push('');
      break;
    case 'pair':
      out.push(`${strong(mdEscape(b.leftTitle), b.leftTitle)}`, '');
      for (const c of b.left) blockMd(c, out);
      out.push(`${strong(mdEscape(b.rightTitle), b.rightTitle)}`, '');
      for (const c of b.right) blockMd(c, out);
      break;
    case 'note': {
      const inner: string[] = [];
      inner.push(`${anchor(b.id)}${strong(inlineMd(b.title), plainOf(b.title))}`, '');
      for (const c of b.children) blockMd(c, inner);
      while (inner.length && inner[inner.length - 1] === '') inner.pop();
      for (const line of inner) out.push(line === '' ? '>' : `> ${line}`);
      out.push('');
      break;
    }
  }
}

/** A whole page. */
export function renderMd(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) blockMd(b, out);
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
