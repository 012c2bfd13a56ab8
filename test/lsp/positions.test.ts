/**
 * The server's one position module (vscode-extension/server/src/positions.ts) against
 * the protocol's reference line model (vscode-languageserver-textdocument, the model
 * of vscode-languageclient): UTF-16 characters, \n \r\n \r line breaks.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, applyChanges, applyContentChanges, lineStarts, splitsSurrogate } from '../../vscode-extension/server/src/positions.js';

const unit = fc.constantFrom('a', '中', '😀', '𠀀', '\n', '\r', '\r\n', '\u2028', '\u2029', ' ', '「', '\ud800', '\udc00');
const text = fc.array(unit, { maxLength: 40 }).map((xs) => xs.join(''));

describe('LineIndex', () => {
  test('examples: CJK and surrogate pairs count in UTF-16 units', () => {
    const t = '甲😀乙\r\n𠀀x\ry\n';
    const idx = new LineIndex(t);
    expect(idx.starts).toEqual([0, 6, 10, 12]);
    expect(idx.positionAt(t.indexOf('乙'))).toEqual({ line: 0, character: 3 });
    expect(idx.positionAt(t.indexOf('x'))).toEqual({ line: 1, character: 2 });
    expect(idx.offsetAt({ line: 1, character: 2 })).toBe(t.indexOf('x'));
    // between \r and \n: the end of the line
    expect(idx.positionAt(5)).toEqual({ line: 0, character: 4 });
    // clamping
    expect(idx.offsetAt({ line: 0, character: 99 })).toBe(4);
    expect(idx.offsetAt({ line: 99, character: 0 })).toBe(t.length);
    expect(splitsSurrogate(t, 2)).toBe(true);
    expect(splitsSurrogate(t, 3)).toBe(false);
    // U+2028/2029 are not LSP line breaks (the compiler's SourceFile breaks there for display only)
    expect(lineStarts('a\u2028b\u2029c')).toEqual([0]);
  });

  test('agrees with vscode-languageserver-textdocument (positionAt / offsetAt)', () => {
    fc.assert(fc.property(text, fc.nat(60), fc.nat(6), fc.nat(60), (t, off, line, ch) => {
      const doc = TextDocument.create('file:///x.zc', 'zhengce', 1, t);
      const idx = new LineIndex(t);
      const o = Math.min(off, t.length);
      expect(idx.positionAt(o)).toEqual(doc.positionAt(o));
      expect(idx.offsetAt({ line, character: ch })).toBe(doc.offsetAt({ line, character: ch }));
      expect(idx.lineCount).toBe(doc.lineCount);
      const p = idx.positionAt(o);
      if (!(t[o - 1] === '\r' && t[o] === '\n')) expect(idx.offsetAt(p)).toBe(o);
    }), { numRuns: 2000 });
  });

  test('incremental changes apply like TextDocument.update', () => {
    const change = fc.record({ a: fc.nat(60), b: fc.nat(60), text });
    fc.assert(fc.property(text, fc.array(change, { maxLength: 5 }), (t, changes) => {
      let doc = TextDocument.create('file:///x.zc', 'zhengce', 1, t);
      let cur = t;
      const evs = [];
      for (const c of changes) {
        const idx = new LineIndex(cur);
        const s = Math.min(c.a, c.b, cur.length);
        const e = Math.min(Math.max(c.a, c.b), cur.length);
        const ev = { range: { start: idx.positionAt(s), end: idx.positionAt(e) }, text: c.text };
        evs.push(ev);
        cur = applyContentChanges(cur, [ev]);
      }
      doc = TextDocument.update(doc, evs, 2);
      expect(applyContentChanges(t, evs)).toBe(doc.getText());
      // the line index updated per change (the server's, LineIndex.edit) = the index of the new text
      const idx = applyChanges(new LineIndex(t), evs);
      expect(idx.text).toBe(doc.getText());
      expect(idx.starts).toEqual(lineStarts(idx.text));
    }), { numRuns: 1000 });
  });

  test('an index updated edit by edit equals the index of the text (line breaks typed, deleted, \\r\\n joined and split)', () => {
    const piece = fc.constantFrom('a', '\n', '\r', '\r\n', '中', '');
    const change = fc.record({ a: fc.nat(40), b: fc.nat(3), text: fc.array(piece, { maxLength: 3 }).map((x) => x.join('')) });
    fc.assert(fc.property(text, fc.array(change, { maxLength: 20 }), (t, changes) => {
      let idx = new LineIndex(t);
      for (const c of changes) {
        const s = Math.min(c.a, idx.text.length);
        const e = Math.min(s + c.b, idx.text.length);
        idx = idx.edit(s, e, c.text, idx.text.slice(0, s) + c.text + idx.text.slice(e));
        expect(idx.starts).toEqual(lineStarts(idx.text));
      }
    }), { numRuns: 2000 });
  });
});
