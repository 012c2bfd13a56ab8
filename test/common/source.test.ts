/**
 * compiler/common/source.ts: a source file's offset → line/column mapping, line texts and
 * spans. Oracle: a naive scan of the text (every offset of small texts with each line-break
 * kind, and a seeded property), and hand-written tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSpans, SourceFile } from '../../compiler/common/source.js';

/** Line and column of offset `off` by walking the text: \r\n is one break, \r and \n alone too. */
function naive(text: string, off: number): { line: number; col: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < off; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') continue; // the break ends after the \n
    if (c === '\n' || c === '\r') {
      line++;
      start = i + 1;
    }
  }
  return { line, col: off - start };
}
/** Lines without their terminators. */
const naiveLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

describe('SourceFile', () => {
  const texts = ['', 'a', 'ab\ncd', 'ab\r\ncd\r\n', 'a\rb\r\rc', '\n\n', '规则\r\n条件：是\n', 'x\n\r\ny'];

  it.each(texts.map((t) => [JSON.stringify(t), t]))('lineCol at every offset of %s, and past both ends (clamped)', (_, text) => {
    const f = new SourceFile('a.zc', text);
    for (let off = 0; off <= text.length; off++) expect(f.lineCol(off), `${off}`).toEqual(naive(text, off));
    expect(f.lineCol(-1)).toEqual({ line: 0, col: 0 });
    expect(f.lineCol(-100)).toEqual({ line: 0, col: 0 });
    expect(f.lineCol(text.length + 1)).toEqual(naive(text, text.length));
    expect(f.lineCol(Number.MAX_SAFE_INTEGER)).toEqual(naive(text, text.length));
  });

  it.each(texts.map((t) => [JSON.stringify(t), t]))('lineText of every line of %s, without its terminator; past the last line: ""', (_, text) => {
    const f = new SourceFile('a.zc', text);
    const lines = naiveLines(text);
    expect(f.getLineStarts().length).toBe(lines.length);
    lines.forEach((l, i) => expect(f.lineText(i), `${i}`).toBe(l));
    expect(f.lineText(lines.length)).toBe('');
    expect(f.lineText(lines.length + 5)).toBe('');
  });

  it('a table: the offset of each line start, a column inside a CRLF break', () => {
    const f = new SourceFile('b.zc', 'ab\r\ncd\re\nf');
    expect(f.getLineStarts()).toEqual([0, 4, 7, 9]);
    expect(f.lineCol(2)).toEqual({ line: 0, col: 2 }); // the \r of \r\n
    expect(f.lineCol(3)).toEqual({ line: 0, col: 3 }); // the \n of \r\n
    expect(f.lineCol(4)).toEqual({ line: 1, col: 0 });
    expect(f.lineCol(8)).toEqual({ line: 2, col: 1 });
    expect(f.lineCol(10)).toEqual({ line: 3, col: 1 });
    expect([0, 1, 2, 3].map((i) => f.lineText(i))).toEqual(['ab', 'cd', 'e', 'f']);
  });

  it('the line starts are computed once', () => {
    const f = new SourceFile('c.zc', 'a\nb');
    const s = f.getLineStarts();
    expect(f.getLineStarts()).toBe(s);
    f.lineCol(2);
    f.lineText(1);
    expect(f.getLineStarts()).toBe(s);
  });

  it('agrees with the naive scan on random texts of breaks and CJK (seeded property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', '规', '\n', '\r', '\r\n', '😀'), { maxLength: 30 }).map((a) => a.join('')), fc.integer({ min: -3, max: 70 }), (text, off) => {
      const f = new SourceFile('p.zc', text);
      expect(f.lineCol(off)).toEqual(naive(text, Math.max(0, Math.min(off, text.length))));
      const lines = naiveLines(text);
      lines.forEach((l, i) => expect(f.lineText(i)).toBe(l));
    }), { numRuns: 500 });
  });

  it('keeps its path and text; span() is a half-open range in this file', () => {
    const f = new SourceFile('dir/d.zc', 'abc');
    expect(f.path).toBe('dir/d.zc');
    expect(f.text).toBe('abc');
    expect(f.span(1, 3)).toEqual({ file: 'dir/d.zc', start: 1, end: 3 });
  });
});

describe('joinSpans', () => {
  it('is the smallest span covering both, in either order, nested or apart', () => {
    const s = (start: number, end: number) => ({ file: 'f', start, end });
    expect(joinSpans(s(2, 5), s(7, 9))).toEqual(s(2, 9));
    expect(joinSpans(s(7, 9), s(2, 5))).toEqual(s(2, 9));
    expect(joinSpans(s(1, 10), s(3, 4))).toEqual(s(1, 10));
    expect(joinSpans(s(3, 4), s(1, 10))).toEqual(s(1, 10));
    expect(joinSpans(s(3, 3), s(3, 3))).toEqual(s(3, 3));
    expect(joinSpans({ file: 'a', start: 0, end: 1 }, { file: 'a', start: 4, end: 6 }).file).toBe('a');
  });
});
