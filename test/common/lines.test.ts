/**
 * The one line model (compiler/common/lines.ts): \n, \r\n, \r break lines; U+2028 and
 * U+2029 do not — in SourceFile (CLI positions), in the lexer (a comment runs through
 * them to the end of the line), and in the editor services' line-based answers.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isLineBreak, lineStarts, lineOf, lineEnd } from '../../compiler/common/lines.js';
import { SourceFile, compile, memoryHost, positionOf } from '../../compiler/index.js';
import { programSetOf } from '../../compiler/services/program-set.js';
import { foldingRanges } from '../../compiler/services/folding.js';

describe('line model', () => {
  test('examples', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7]);
    expect(lineStarts('a\u2028b\u2029c')).toEqual([0]);
    const t = 'ab\r\ncd';
    const s = lineStarts(t);
    expect(lineOf(s, 3)).toBe(0); // between \r and \n: still line 0
    expect(lineEnd(t, s, 0)).toBe(2);
    expect(new SourceFile('x', '甲\u2028乙\n丙').lineCol(2)).toEqual({ line: 0, col: 2 });
    expect(new SourceFile('x', '甲\u2028乙\n丙').lineText(0)).toBe('甲\u2028乙');
  });

  test('agrees with splitting on \\r\\n|\\r|\\n (seeded property)', () => {
    const unit = fc.constantFrom('a', '中', '\n', '\r', '\r\n', '\u2028', '\u2029', '😀');
    fc.assert(fc.property(fc.array(unit, { maxLength: 30 }).map((xs) => xs.join('')), (t) => {
      const lines = t.split(/\r\n|\r|\n/);
      const starts = lineStarts(t);
      expect(starts.length).toBe(lines.length);
      starts.forEach((s, i) => expect(t.slice(s, lineEnd(t, starts, i))).toBe(lines[i]));
    }), { numRuns: 2000 });
  });

  test('a comment runs through U+2028 to the end of the line (what an editor shows as one line)', () => {
    const text = '# 注释\u2028指标 甲 = 乙\n机构 县卫健委\n';
    const r = compile(['/t.zc'], memoryHost({ '/t.zc': text }));
    expect(r.diagnostics).toEqual([]); // “指标 甲 = 乙” is inside the comment, not an undefined name
    // positions after the U+2028 are on line 1 (as in the editor), not line 2
    const bad = '# 注释\u2028说明\n指标 甲 = 乙\n';
    const r2 = compile(['/b.zc'], memoryHost({ '/b.zc': bad }));
    const d = r2.diagnostics.find((x) => x.code === 'ZC0401')!;
    expect(positionOf(r2.files.get('/b.zc')!, d.span.start).line).toBe(2);
  });

  test('folding ranges use it too: a U+2028 inside a block does not split lines', () => {
    const text = '实体 户 {\n  # 一\u2028二\n  子女数：整数\n}\n# a\n# b\n';
    const r = compile(['/f.zc'], memoryHost({ '/f.zc': text }));
    const ws = programSetOf(r, 1);
    const folds = foldingRanges(ws, '/f.zc').map((f) => ({ from: new SourceFile('', text).lineCol(f.start).line, to: new SourceFile('', text).lineCol(f.end).line, kind: f.kind }));
    expect(folds).toEqual([{ from: 0, to: 2, kind: undefined }, { from: 4, to: 5, kind: 'comment' }]);
  });
});

describe('line model: lookups (exact, against a linear scan)', () => {
  test('isLineBreak: only \\n and \\r, not U+2028/U+2029 or their neighbours', () => {
    expect([9, 10, 11, 12, 13, 14, 0x85, 0x2028, 0x2029].map(isLineBreak)).toEqual([false, true, false, false, true, false, false, false, false]);
  });

  test('lineOf: the last line starting at or before the offset, clamped into the text', () => {
    const t = 'ab\ncd\r\n\ref';
    const s = lineStarts(t);
    expect(s).toEqual([0, 3, 7, 8]);
    // every offset from before the text to past its end, and each line start exactly
    expect([-3, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99].map((o) => lineOf(s, o))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 3, 3, 3]);
    expect(lineOf([0], 5)).toBe(0);
    expect(lineOf([0, 1], 0)).toBe(0);
    expect(lineOf([0, 1], 1)).toBe(1);
  });

  test('lineOf agrees with a linear scan on random line tables (seeded property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 40 }), fc.integer({ min: -3, max: 130 }), (gaps, off) => {
      const starts = [0];
      for (const g of gaps) starts.push(starts[starts.length - 1]! + g);
      let want = 0;
      starts.forEach((st, i) => { if (st <= off) want = i; });
      expect(lineOf(starts, off)).toBe(want);
    }), { numRuns: 2000 });
  });

  test('lineEnd: before \\n, \\r\\n or \\r; an empty line ends where it starts; past the last line, the text end', () => {
    const t = 'ab\ncd\r\n\ref\r';
    const s = lineStarts(t);
    expect(s).toEqual([0, 3, 7, 8, 11]);
    expect(s.map((_, i) => lineEnd(t, s, i))).toEqual([2, 5, 7, 10, 11]);
    expect(lineEnd(t, s, 5)).toBe(11);
    expect(lineEnd(t, s, 9)).toBe(11);
    expect([0, 1, 2].map((i) => lineEnd('a\n\n', lineStarts('a\n\n'), i))).toEqual([1, 2, 3]);
    expect(lineEnd('\r\n', [0, 2], 0)).toBe(0);
    // a line table that does not end in a break (a caller's stale starts): only a break is cut
    expect(lineEnd('abc', [0, 2], 0)).toBe(2);
    expect(lineEnd('a\rc', [0, 2], 0)).toBe(1);
    expect(lineEnd('\nc', [0, 1], 0)).toBe(0);
  });
});
