/**
 * The 原文 check searches quotes in text order, each from where the previous one was found
 * (compiler/semantics/quotes.ts): found-or-not must not depend on that order. Quotes written
 * against the source's order (reversed, across files, the same sentence twice) are all found;
 * a quote missing from the source is still reported, once, at its place, in program order.
 */
import { expect, test } from 'vitest';
import { compile, memoryHost } from '../../compiler/index.js';

const SOURCE = ['第一句：甲乙丙丁。', '第二句：戊己庚辛。', '第三句：子丑寅卯。', '第四句：辰巳午未。'].join('\n') + '\n';

function quoteDiagnostics(files: Record<string, string>) {
  const r = compile(['/p/政策.zc'], memoryHost({ '/p/source.txt': SOURCE, ...files }));
  return r.diagnostics.filter((d) => d.code.startsWith('ZC06')).map((d) => `${d.code} ${d.span.file}:${d.span.start} ${d.message}`);
}

const HEAD = '政策 甲 { 来源："source.txt" 生效：2024年3月1日 }\n';

test('quotes against the source order (reversed, across files, repeated) are all found', () => {
  const d = quoteDiagnostics({
    '/p/政策.zc': HEAD + '导入 "乙.zc"\n条款 一、 {\n  原文："第四句：辰巳午未。"\n  定性 { 原文："第三句：子丑寅卯。" 类别：背景 }\n}\n条款 二、 {\n  原文："第一句：甲乙丙丁。"\n}\n',
    '/p/乙.zc': '条款 三、 {\n  原文："第二句：戊己庚辛。"\n  定性 { 原文："第 一 句：甲乙丙丁。" 类别：背景 }\n  定性 { 原文："第四句：辰巳午未。" 类别：背景 }\n}\n',
  });
  expect(d).toEqual([]);
});

test('a quote missing from the source is reported at its place, between found ones in either order', () => {
  const d = quoteDiagnostics({
    '/p/政策.zc': HEAD + '条款 一、 {\n  原文："第三句：子丑寅卯。"\n  定性 { 原文："第二句：戊己庚辛。" 类别：背景 }\n  定性 { 原文："第二句：戊己庚壬。" 类别：背景 }\n  定性 { 原文："第一句：甲乙丙丁。" 类别：背景 }\n}\n',
  });
  expect(d).toHaveLength(1);
  expect(d[0]).toMatch(/^ZC0601 \/p\/政策\.zc:\d+ 原文与来源文件不一致$/);
});

test('in a long source, quotes far ahead of and far behind the last one found are found (the search looks near it first)', () => {
  // ~30,000 characters of filler between the first and the last sentence: more than the window
  // quotes.ts searches around the last place first, so the whole-source searches are exercised
  const filler = Array.from({ length: 1500 }, (_, i) => `填充第${i}句，无关内容。`).join('\n');
  const source = ['开头一句：甲乙丙丁。', filler, '中间一句：戊己庚辛。', filler, '末尾一句：子丑寅卯。'].join('\n') + '\n';
  const r = compile(['/p/政策.zc'], memoryHost({
    '/p/source.txt': source,
    // in text order: the middle (far ahead of the start), the end, then the beginning (far behind), a missing one
    '/p/政策.zc': HEAD + '条款 一、 {\n  原文："中间一句：戊己庚辛。"\n  定性 { 原文："末尾一句：子丑寅卯。" 类别：背景 }\n  定性 { 原文："开头一句：甲乙丙丁。" 类别：背景 }\n  定性 { 原文："开头一句：甲乙丙戊。" 类别：背景 }\n}\n',
  }));
  const d = r.diagnostics.filter((x) => x.code.startsWith('ZC06')).map((x) => `${x.code} ${x.message}`);
  expect(d).toEqual(['ZC0601 原文与来源文件不一致']);
});
