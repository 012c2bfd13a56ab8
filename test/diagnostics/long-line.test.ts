/**
 * Quadratic diagnostics (issue 14 §7): a long line of bad characters.
 *  - a run of one unrecognised character is ONE ZC0101 with its count, spanning the run;
 *  - varied bad characters give at most MAX_UNEXPECTED diagnostics plus one that counts
 *    the rest (a binary file is not a million diagnostics);
 *  - columns are computed incrementally (positionOf continues from the previous
 *    position on the same line): the result equals the from-the-line-start count for
 *    any order of queries (seeded property test).
 * Speed itself is measured by `npm run bench -- badline` (test/bench/badline.mjs), never
 * by a timed assertion.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { compile } from '../../compiler/project/program.js';
import { memoryHost } from '../../compiler/project/host.js';
import { positionOf, renderDiagnosticsJson, renderDiagnosticsText } from '../../compiler/diagnostics/render.js';
import { MAX_UNEXPECTED } from '../../compiler/syntax/lexer.js';
import { SEED } from '../helpers/seed.js';

// the seed comes from test/helpers/seed.ts (ZC_SEED overrides; fast-check is configured with it globally)

function check(text: string, errorLimit?: number) {
  return compile(['m.zc'], memoryHost({ 'm.zc': text }), undefined, errorLimit === undefined ? {} : { errorLimit });
}

describe('runs of the same bad character', () => {
  it('20,000 × U+0001 on one line: one ZC0101 with the count, spanning the run', () => {
    const r = check('\u0001'.repeat(20_000) + '\n');
    expect(r.diagnostics.map((d) => [d.code, d.message, d.span.start, d.span.end])).toEqual([['ZC0101', '无法识别的字符 U+0001（连续 20000 个）', 0, 20_000]]);
    const json = JSON.parse(renderDiagnosticsJson(r.diagnostics, r.files)) as { diagnostics: { range: { end: { column: number } } }[] };
    expect(json.diagnostics[0]!.range.end.column).toBe(20_001);
  });

  it('runs are split where the character changes or something else comes between', () => {
    const r = check('指标 甲 = 1 @@@ $$ @\n');
    expect(r.diagnostics.filter((d) => d.code === 'ZC0101').map((d) => d.message)).toEqual([
      '无法识别的字符 “@”（U+0040）（连续 3 个）', '无法识别的字符 “$”（U+0024）（连续 2 个）', '无法识别的字符 “@”（U+0040）',
    ]);
  });

  it('a run of an astral character (surrogate pairs) is counted in characters', () => {
    const r = check('😀'.repeat(5) + '\n');
    expect(r.diagnostics[0]!.message).toContain('（连续 5 个）');
    expect(r.diagnostics[0]!.span).toMatchObject({ start: 0, end: 10 });
  });
});

describe('many different bad characters', () => {
  it(`at most ${MAX_UNEXPECTED} ZC0101, then one that counts the rest (on the last one shown)`, () => {
    const n = 30_000;
    const text = Array.from({ length: n }, (_, i) => String.fromCodePoint(0x2600 + (i % 64))).join('') + '\n';
    // (the lexer's own cap, seen with no per-file error limit)
    const r = check(text, 0);
    const z = r.diagnostics.filter((d) => d.code === 'ZC0101');
    expect(z).toHaveLength(MAX_UNEXPECTED + 1);
    expect(z.at(-1)!.message).toBe(`此后还有 ${n - MAX_UNEXPECTED} 个无法识别的字符（${n - MAX_UNEXPECTED} 处），不再逐一列出`);
    expect(r.diagnostics).toHaveLength(MAX_UNEXPECTED + 1);
    // the text renderer stays bounded too
    expect(renderDiagnosticsText(r.diagnostics, r.files).split('\n').length).toBeLessThan(1000);
    // with the default per-file error limit (compiler/diagnostics/limit.ts): 20 of them, then one ZC0007 for the other 81
    const limited = check(text).diagnostics;
    expect(limited.map((d) => d.code)).toEqual([...Array(20).fill('ZC0101'), 'ZC0007']);
    expect(limited[20]!.message).toContain(`其后 ${MAX_UNEXPECTED + 1 - 20} 个未逐个列出`);
  });
});

describe('incremental columns', () => {
  /** Code-point column from the line start (the definition). */
  function naive(text: string, offset: number): { line: number; column: number } {
    const f = new SourceFile('n', text);
    const { line } = f.lineCol(offset);
    const start = f.getLineStarts()[line]!;
    let off = offset;
    if (off > 0 && off < text.length && /[\ud800-\udbff]/.test(text[off - 1]!) && /[\udc00-\udfff]/.test(text[off]!)) off--;
    return { line: line + 1, column: [...text.slice(start, off)].length + 1 };
  }

  it('positionOf equals the from-the-line-start count, whatever the order of the queries', () => {
    const piece = fc.constantFrom('a', '甲', '😀', '𠀀', '\n', '\r\n', '\u2028', '\t', ' ', '\ufeff');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (parts, qs) => {
        const text = parts.join('');
        const file = new SourceFile('p', text);
        for (const q of qs) {
          const off = q % (text.length + 1);
          expect(positionOf(file, off)).toEqual(naive(text, off));
        }
        // ascending order (the incremental path) too
        for (const off of [...qs.map((q) => q % (text.length + 1))].sort((a, b) => a - b)) expect(positionOf(file, off)).toEqual(naive(text, off));
      }),
      { numRuns: 500 },
    );
  });
});
