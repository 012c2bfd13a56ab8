/**
 * The 原文 count (compiler/semantics/quotes.ts `countOccurrences`) against the plain definition —
 * every start position where the quote occurs, overlapping ones too — on sources and quotes drawn
 * from a tiny alphabet, so that quotes share their first units (the same window hash, the same
 * table chain), occur many times, overlap, or are the same text given twice; and the one-off check
 * (`zhengce check`'s cache: nothing kept for a next check) against the language server's path
 * (memoised counts and entries): the same diagnostics, help and fixes included.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compile, memoryHost, ParseCache } from '../../compiler/index.js';
import { countOccurrences } from '../../compiler/semantics/quotes.js';

/** Occurrences of `q` in `src` by definition (0 for the empty quote). */
function naive(src: string, q: string): number {
  if (q.length === 0) return 0;
  let n = 0;
  for (let i = 0; i + q.length <= src.length; i++) if (src.startsWith(q, i)) n++;
  return n;
}

// (甲乙: two units; 𠀀: a surrogate pair, so windows may start or end inside one)
const unit = fc.constantFrom('甲', '乙', '甲', '乙', '丙', '𠀀');
const text = (min: number, max: number) => fc.array(unit, { minLength: min, maxLength: max }).map((a) => a.join(''));

test('countOccurrences gives the occurrences by definition, for quotes of every length tier', () => {
  fc.assert(
    fc.property(text(0, 300), fc.array(text(0, 14), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 20 }), (src, drawn, picks) => {
      // (also quotes cut from the source itself: found at least once; and some given twice)
      const quotes = [...drawn];
      for (const p of picks) {
        if (src.length === 0) break;
        const at = p % src.length;
        quotes.push(src.slice(at, at + 3 + (p % 12)));
        if (p % 3 === 0) quotes.push(quotes[p % quotes.length]!);
      }
      const got = countOccurrences(src, quotes);
      expect([...got]).toEqual(quotes.map((q) => naive(src, q)));
    }),
    { numRuns: 300 },
  );
});

test('quotes that share their first eight units are each counted only where they occur', () => {
  const a = '甲乙丙丁戊己庚辛壬一';
  const b = '甲乙丙丁戊己庚辛壬二';
  const c = '甲乙丙丁戊己庚辛壬三'; // not in the source
  expect([...countOccurrences(`${a}${b}${a}`, [a, b, c, a])]).toEqual([2, 1, 0, 2]);
});

const SOURCE = '第一句：甲乙丙丁。第二句：戊己庚辛。第三句：戊己庚辛。第四句：子丑寅卯辰巳午未。\n';

test('a one-off check (nothing kept) reports what the memoised path reports, help and fixes included', () => {
  const head = '政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n';
  const cases = [
    // clean
    head + '条款 一、 {\n  原文："第一句：甲乙丙丁。"\n  定性 { 原文："第 二 句：戊己庚辛。" 类别：背景 }\n}\n',
    // not found (with a candidate of the same length), empty, repeated and not placeable, repeated and placed
    head + '条款 一、 {\n  定性 { 原文："第一句：甲乙丙戊。" 类别：背景 }\n  定性 { 原文："" 类别：背景 }\n  定性 { 原文："戊己庚辛。" 类别：背景 }\n}\n',
    head + '条款 一、 {\n  原文："第四句：子丑寅卯辰巳午未。"\n  条款 （一） { 原文："戊己庚辛。" }\n}\n条款 二、 { 原文："戊己庚辛。"、"句" }\n',
  ];
  const render = (r: ReturnType<typeof compile>) => r.diagnostics.map((d) => JSON.stringify([d.code, d.span, d.message, d.help, d.fixes, d.severity]));
  let reported = 0;
  for (const policy of cases) {
    const files = { '/o/s.txt': SOURCE, '/o/政策.zc': policy };
    const memoised = render(compile(['/o/政策.zc'], memoryHost(files), new ParseCache()));
    const oneOff = render(compile(['/o/政策.zc'], memoryHost(files), new ParseCache(undefined, { keepTokens: false })));
    expect(oneOff).toEqual(memoised);
    reported += oneOff.length;
  }
  // (the cases do report: ZC0601 twice — one with a fix —, ZC0603 three times)
  expect(reported).toBe(5);
});
