import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { emitDocs } from '../../compiler/emit/docs.js';
import { esc } from '../../compiler/emit/docs-html.js';
import { docsExtras, type DocsExtras } from '../../compiler/emit/docs-extras.js';
import { checkHtml, checkMarkdown, loadPolicy, tableCells } from './check.js';

const sample = loadPolicy('policies/sample');

/** Keys whose string values are structure, not text from the policy. */
const STRUCTURAL = new Set(['k', 'op', 'dim', 'start']);

/** Replace every text string of a value by f(text), consistently (cross-references stay intact). */
function mapStrings<T>(v: T, f: (s: string) => string): T {
  const walk = (x: unknown, key: string, parent: Record<string, unknown> | undefined): unknown => {
    if (typeof x === 'string') {
      if (STRUCTURAL.has(key)) return x;
      if (key === 'unit' && parent?.k === 'age') return x;
      return f(x);
    }
    if (Array.isArray(x)) return x.map((y) => walk(y, key, parent));
    if (x instanceof Map) return new Map([...x].map(([k, y]) => [f(k as string), walk(y, '', undefined)]));
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.entries(o).map(([k, y]) => [k, walk(y, k, o)]));
    }
    return x;
  };
  return walk(v, '', undefined) as T;
}

const NASTY = [
  '<script>alert(1)</script>', '</p><script>', '<SCRIPT src=//x>', '&', '&amp;', '&lt;', '"', "'", '"><img src=x onerror=alert(1)>',
  '|', '||', '\\|', '\\', '\n', '\r\n', '`', '``', '*', '**', '_', '~~', '[a](javascript:alert(1))', '![x](http://e/x.png)', '<!--', '-->',
  ']]>', '# ', '- ', '1. ', '> ', '$x$', '<b>', '</a>', '<br>', '&#60;script&#62;', 'javascript:', '{', '}', '\u0000', '　', '「', '」',
];
const hostile = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '|', '\\', '`', '\n', '*', '_', '[', ']', '(', ')', '#', '-', 's', 'c', 'r', 'i', 'p', 't', ' ', '1', '.'), maxLength: 16 }),
);
const affix = fc.array(hostile, { maxLength: 3 }).map((a) => a.join(''));

function assertSafe(files: Map<string, string>): void {
  for (const [name, text] of files) {
    if (name.endsWith('.html')) {
      expect(checkHtml(text), name).toEqual([]);
      expect(text.toLowerCase().includes('<script'), name).toBe(false);
    } else {
      expect(checkMarkdown(text), name).toEqual([]);
      // checkMarkdown also refuses any real link (outside code spans) to javascript:
    }
  }
}

describe('documentation emitter: escaping of hostile policy text', () => {
  it('HTML stays well-formed with no raw <script; Markdown tables stay intact (every string of the IR)', () => {
    fc.assert(fc.property(affix, affix, (pre, post) => {
      const f = (s: string) => `${pre}${s}${post}`;
      const ir = mapStrings<IrProgram>(sample.ir, f);
      const extras = mapStrings<DocsExtras>(docsExtras(sample.checked), f);
      const files = emitDocs([{ ir, extras }]);
      assertSafe(files);
      // the hostile text is there, escaped (we are testing something)
      const page = [...files.entries()].find(([k]) => k.endsWith('.html') && k !== 'index.html')![1];
      expect(page).toContain(esc(f('示例县育儿支持办法')).replace(/\r\n?|\n/g, '<br>'));
    }), { numRuns: 150 });
  });

  it('survives one hostile string in one place at a time', () => {
    const base = sample.ir;
    const places: ((s: string) => IrProgram)[] = [
      (s) => ({ ...base, policy: { ...base.policy, name: s, docNumber: s, issuer: s, basis: [s, s], effectiveNote: s } }),
      (s) => ({ ...base, clauses: base.clauses.map((c) => ({ ...c, title: s, label: s, quotes: [s] })) }),
      (s) => ({ ...base, measures: base.measures.map((m) => ({ ...m, name: s, lead: [s], responsible: [s], subject: s, note: s, citation: { ...m.citation, quotes: [s, s] } })) }),
      (s) => ({ ...base, measures: base.measures.map((m) => ({ ...m, rules: m.rules.map((r) => ({ ...r, name: s, note: s, origin: { ...r.origin, text: s } })) })) }),
      (s) => ({ ...base, measures: base.measures.map((m) => ({ ...m, outcomes: m.outcomes.map((o) => ({ ...o, name: s, unit: s })) })) }),
      (s) => ({ ...base, doubts: base.doubts.map((d) => ({ ...d, name: s, adopted: s, reason: s, quotes: [s], readings: [{ name: s, text: s }] })) }),
      (s) => ({ ...base, params: base.params.map((p) => ({ ...p, name: s, unit: s, values: p.values.map((v) => ({ ...v, source: s, fromIso: s })) })) }),
      (s) => ({ ...base, indicators: base.indicators.map((x) => ({ ...x, name: s, expr: s, note: s, value: s, unit: s })) }),
      (s) => ({ ...base, entities: base.entities.map((e) => ({ ...e, name: s, fields: e.fields.map((x) => ({ ...x, name: s, doc: s })) })) }),
      (s) => ({ ...base, policy: { ...base.policy, id: s } }),
    ];
    fc.assert(fc.property(hostile, fc.nat(places.length - 1), (s, i) => {
      assertSafe(emitDocs([{ ir: places[i]!(s) }]));
    }), { numRuns: 200 });
  });

  it('escapes the classic payloads concretely', () => {
    const ir: IrProgram = {
      ...sample.ir,
      policy: { ...sample.ir.policy, name: '<script>alert("x")</script> & \'q\'' },
      clauses: sample.ir.clauses.map((c) => (c.anchor === 'sec_1' ? { ...c, quotes: ['a | b\nc', '<img src=x onerror=alert(1)>'] } : c)),
    };
    const files = emitDocs([{ ir }]);
    const html = files.get('sample.html')!;
    expect(html).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;（示政〔2024〕1号）</title>');
    expect(html).toContain('<p>a | b<br>c</p><p>&lt;img src=x onerror=alert(1)&gt;</p>');
    const md = files.get('sample.md')!;
    expect(md).toContain('# \\<script\\>alert("x")\\</script\\> \\& \'q\'');
    expect(md).toContain('> a \\| b<br>c');
    // a table cell holding a pipe and a newline stays one cell
    const idx = files.get('index.md')!.split('\n').find((l) => l.includes('script'))!;
    expect(tableCells(idx)).toHaveLength(9); // … and the link to the verification report
  });
});
