/**
 * Small, strict checkers for the documentation emitter's output (no parser dependency):
 * `checkHtml` — the HTML is well-formed in the subset the emitter writes (every tag
 * known and closed in order, attributes quoted, entities valid, ids unique, every
 * #fragment link resolves, nothing external); `checkMarkdown` — every GFM table row has
 * the header's cell count, no raw HTML other than the emitter's own anchors/bold/breaks,
 * every #fragment link resolves.
 */
import { compile } from '../../compiler/project/program.js';
import { nodeHost } from '../../compiler/project/host.js';
import { lower } from '../../compiler/ir/lower.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import type { CheckedProgram } from '../../compiler/semantics/model.js';

const VOID = new Set(['br', 'meta']);
const TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'blockquote', 'ul', 'li',
  'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'strong', 'code', 'mark', 'span', 'div', 'aside', 'br',
]);
const ENTITY = /^&(?:amp|lt|gt|quot|#39);/;

function checkEntities(s: string, where: string, problems: string[]): void {
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
    if (!ENTITY.test(s.slice(i))) problems.push(`${where}: bare “&” at …${s.slice(i, i + 12)}`);
  }
  if (s.includes('>')) problems.push(`${where}: raw “>” in text`);
}

export function checkHtml(html: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const hrefs: string[] = [];
  const stack: string[] = [];
  const DOCTYPE = '<!DOCTYPE html>';
  if (!html.startsWith(DOCTYPE)) problems.push('missing <!DOCTYPE html>');
  let i = html.startsWith(DOCTYPE) ? DOCTYPE.length : 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const text = html.slice(i, lt < 0 ? html.length : lt);
    checkEntities(text, `text at ${i}`, problems);
    if (lt < 0) break;
    const rest = html.slice(lt);
    const close = /^<\/([a-z0-9]+)>/.exec(rest);
    if (close) {
      const top = stack.pop();
      if (top !== close[1]) problems.push(`</${close[1]}> at ${lt} closes <${top ?? '(nothing)'}>`);
      i = lt + close[0].length;
      continue;
    }
    const open = /^<([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(rest);
    if (!open) {
      problems.push(`malformed tag at ${lt}: ${rest.slice(0, 40)}`);
      i = lt + 1;
      continue;
    }
    const name = open[1]!;
    if (!TAGS.has(name)) problems.push(`unexpected <${name}> at ${lt}`);
    for (const m of open[2]!.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      const [, k, v] = m as unknown as [string, string, string];
      checkEntities(v, `attribute ${k} of <${name}> at ${lt}`, problems);
      if (/^on/.test(k)) problems.push(`event handler attribute ${k} at ${lt}`);
      if (k === 'id') {
        if (ids.has(v)) problems.push(`duplicate id ${v}`);
        ids.add(v);
      }
      if (k === 'href') hrefs.push(v);
      if (k === 'src') problems.push(`external resource ${v}`);
    }
    i = lt + open[0].length;
    if (name === 'style') {
      const end = html.indexOf('</style>', i);
      if (end < 0) { problems.push('unclosed <style>'); break; }
      const css = html.slice(i, end);
      if (/url\(|@import/.test(css)) problems.push('CSS loads an external resource');
      i = end + '</style>'.length;
      continue;
    }
    if (!VOID.has(name)) stack.push(name);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  for (const h of hrefs) {
    if (/^\s*javascript:/i.test(h)) problems.push(`javascript: link ${h}`);
    if (h.startsWith('#') && !ids.has(h.slice(1))) problems.push(`dangling link ${h}`);
    if (/^[a-z]+:/i.test(h)) problems.push(`external link ${h}`);
  }
  return problems;
}

/**
 * Cells of a GFM table row. As in cmark-gfm and markdown-it, a pipe directly after a
 * backslash never separates cells (no parity counting), even inside code spans.
 */
export function tableCells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|')) return undefined;
  const cells: string[] = [];
  let cur = '';
  let closed = false;
  for (let i = 1; i < t.length; i++) {
    const c = t[i]!;
    if (c === '|' && t[i - 1] !== '\\') { cells.push(cur); cur = ''; closed = true; continue; }
    cur += c;
    closed = false;
  }
  if (!closed) return undefined; // a row must end with an unescaped pipe
  return cells;
}

const MD_TAG = /^<(?:\/?b>|br>|a id="[A-Za-z0-9_-]+"><\/a>)/;

export function checkMarkdown(md: string): string[] {
  const problems: string[] = [];
  const lines = md.split('\n');
  const ids = new Set<string>();
  const hrefs: string[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    // tables
    if (line.startsWith('| ') && lines[n + 1]?.startsWith('| ---')) {
      const head = tableCells(line);
      const width = head?.length ?? -1;
      if (!head) problems.push(`line ${n + 1}: bad table header`);
      let k = n + 1;
      for (; k < lines.length && lines[k]!.startsWith('|'); k++) {
        const cells = tableCells(lines[k]!);
        if (!cells || cells.length !== width) problems.push(`line ${k + 1}: ${cells?.length ?? 'broken'} cells, header has ${width}`);
      }
      if (k < lines.length && lines[k] !== '') problems.push(`line ${k + 1}: table not followed by a blank line`);
    }
    // inline scan: backslash escapes, code spans, raw HTML, links
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === '\\') { i++; continue; }
      if (c === '`') {
        let run = 1;
        while (line[i + run] === '`') run++;
        const fence = '`'.repeat(run);
        let j = line.indexOf(fence, i + run);
        while (j >= 0 && (line[j + run] === '`' || line[j - 1] === '`')) j = line.indexOf(fence, j + 1);
        if (j < 0) { i += run - 1; continue; }
        i = j + run - 1;
        continue;
      }
      if (c === '<') {
        const m = MD_TAG.exec(line.slice(i));
        if (!m) problems.push(`line ${n + 1}: raw HTML ${line.slice(i, i + 30)}`);
        else {
          const id = /^<a id="([^"]+)">/.exec(m[0]);
          if (id) ids.add(id[1]!);
          i += m[0].length - 1;
        }
        continue;
      }
      if (c === ']' && line[i + 1] === '(') {
        const end = line.indexOf(')', i);
        const target = line.slice(i + 2, end);
        hrefs.push(target);
      }
    }
  }
  for (const h of hrefs) {
    if (/^\s*javascript:/i.test(h)) problems.push(`javascript: link ${h}`);
    if (h.startsWith('#') && !ids.has(h.slice(1))) problems.push(`dangling link ${h}`);
  }
  return problems;
}

/** Compile and lower a policy directory; fails the test on compile errors. */
export function loadPolicy(path: string): { ir: IrProgram; checked: CheckedProgram; errors: number } {
  const r = compile([path], nodeHost);
  const p = r.programs.find((x) => x.checked.policy);
  if (!p) throw new Error(`no policy in ${path}`);
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  const low = lower(p);
  return { ir: low.value, checked: p.checked, errors: errors + low.diagnostics.filter((d) => d.severity === 'error').length };
}
