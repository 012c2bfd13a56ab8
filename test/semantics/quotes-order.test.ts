/**
 * The 原文 check (compiler/semantics/quotes.ts) counts every quote's occurrences in the source in
 * one pass: found-or-not must not depend on the quotes' order or on the source's length. Quotes
 * written against the source's order (reversed, across files, the same sentence twice) are all
 * found; a quote missing from the source is still reported, once, at its place, in program order;
 * a repeated quote with nothing to place it by is ZC0603.
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

test('a quote found more than once in the source with nothing to place it by is a warning (ZC0603) with the count', () => {
  const src = '甲甲甲。乙丙丁戊。乙丙丁戊。己。\n己庚。';
  const run = (text: string) => {
    const r = compile(['/q/政策.zc'], memoryHost({ '/q/s.txt': src, '/q/政策.zc': text }));
    // every input here is otherwise clean: only 原文 diagnostics may appear
    expect(r.diagnostics.filter((d) => !d.code.startsWith('ZC06')).map((d) => `${d.code} ${d.message}`)).toEqual([]);
    return r.diagnostics.filter((d) => d.code.startsWith('ZC06')).map((d) => `${d.code} ${d.message}`);
  };
  const head = '政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n';
  const clause = (...qs: string[]) => head + '条款 一、 {\n' + qs.map((q) => `  定性 { 原文："${q}" 类别：背景 }\n`).join('') + '}\n';
  const twice = 'ZC0603 原文在来源文件中出现 2 次，无法确定引的是哪一处';
  expect(run(clause('乙丙丁戊。'))).toEqual([twice]);
  // overlapping occurrences count: 甲甲 starts at 0 and at 1
  expect(run(clause('甲甲'))).toEqual([twice]);
  // shorter than the three-unit index key; white space ignored as for finding (己 at 。己 and 。\n己)
  expect(run(clause('己'))).toEqual([twice]);
  expect(run(clause('。己'))).toEqual([twice]);
  // not found is ZC0601 only (never also ZC0603)
  expect(run(clause('乙丙丁戌。'))).toEqual(['ZC0601 原文与来源文件不一致']);
  // placed by a quote that occurs once: in the same 条款 …
  expect(run(clause('甲甲甲', '乙丙丁戊。', '甲甲'))).toEqual([]);
  // … in the same declaration (no 条款) …
  const definition = (quotes: string) => head + '实体 家庭 { 子女数：整数 }\n定义 「多孩」 = 家庭.子女数 ≥ 2 { 原文：' + quotes + ' }\n';
  expect(run(definition('"乙丙丁戊。"、"己庚。"'))).toEqual([]);
  expect(run(definition('"乙丙丁戊。"'))).toEqual([twice]);
  // … or in an enclosing 条款; a sibling 条款's quote does not place it
  expect(run(head + '条款 一、 {\n  原文："己庚。"\n  条款 （一） { 原文："乙丙丁戊。" }\n}\n')).toEqual([]);
  expect(run(head + '条款 一、 { 原文："己庚。" }\n条款 二、 { 原文："乙丙丁戊。" }\n')).toEqual([twice]);
  // the same source checked again after an edit (the memo of found and counted quotes) gives the same answers
  expect(run(clause('甲甲甲', '乙丙丁戊。'))).toEqual([]);
  expect(run(clause('乙丙丁戊。', '甲甲'))).toEqual([twice, twice]);
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

test('quotes whose first three units share an index key are each counted only where they occur', () => {
  // quotes.ts indexes positions by a key of three units that two different triples may share:
  // 丁 = 一 ^ 1 and U+4F8C = 二 ^ 0x100 give 一二三 and 丁侌三 one key; each occurs once in the source
  const a = '一二三四。';
  const b = '丁\u4f8c三四。';
  const src = `${a}\n${b}\n`;
  const head = '政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n';
  const text = head + `条款 一、 {\n  定性 { 原文："${a}" 类别：背景 }\n  定性 { 原文："${b}" 类别：背景 }\n}\n`;
  const r = compile(['/k/政策.zc'], memoryHost({ '/k/s.txt': src, '/k/政策.zc': text }));
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  // and the source holding only one of them: the other is not found (never counted at its twin's place)
  const r1 = compile(['/k/政策.zc'], memoryHost({ '/k/s.txt': `${a}\n`, '/k/政策.zc': text }));
  expect(r1.diagnostics.map((d) => d.code)).toEqual(['ZC0601']);
});

test('quotes of six or more units whose first six share an index key, beside three-to-five-unit quotes, are each counted only where they occur', () => {
  // quotes of six units or more are indexed by a key of their first six (key3 of the first three mixed
  // with key3 of the next three): 一二三 and 丁侌三 share a key3, so 一二三四五六 and 丁侌三四五六 share
  // the six-unit key; 一二三四 (four units) is indexed by three and starts where 一二三四五六 does
  const a = '一二三四五六。';
  const b = '丁\u4f8c三四五六。';
  const short = '一二三四';
  const src = `${a}\n${b}\n`;
  const head = '政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n';
  const text = (...qs: string[]) => head + `条款 一、 {\n${qs.map((q) => `  定性 { 原文："${q}" 类别：背景 }\n`).join('')}}\n`;
  const run = (source: string, ...qs: string[]) => compile(['/k6/政策.zc'], memoryHost({ '/k6/s.txt': source, '/k6/政策.zc': text(...qs) })).diagnostics.map((d) => `${d.code} ${d.message}`);
  expect(run(src, a, b, short)).toEqual([]);
  // the source holding only one of the two: the other is not found (never counted at its twin's place)
  expect(run(`${a}\n`, a, b)).toEqual(['ZC0601 原文与来源文件不一致']);
  expect(run(`${b}\n`, a, b)).toEqual(['ZC0601 原文与来源文件不一致']);
  // a six-unit quote found twice and nothing to place it by (the short quote occurs twice too): ZC0603, with the count
  expect(run(`${a}\n${a}\n`, a, short)).toEqual(['ZC0603 原文在来源文件中出现 2 次，无法确定引的是哪一处', 'ZC0603 原文在来源文件中出现 2 次，无法确定引的是哪一处']);
  // overlapping occurrences of a six-unit quote count: 甲甲甲甲甲甲 twice in seven 甲
  expect(run('甲甲甲甲甲甲甲\n', '甲甲甲甲甲甲')).toEqual(['ZC0603 原文在来源文件中出现 2 次，无法确定引的是哪一处']);
});

test('quotes of eight units or more (indexed by their first eight) are counted where they occur, at the very end of the source too', () => {
  // quotes.ts keys a quote of LONG (8) units or more by its first eight: quotes that begin alike
  // (a measure's name, then its wording) are told apart; a quote shorter than that by its first three
  const head = '政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n';
  const long1 = '梅明惠托育奖补。对符合条件的婴幼儿给予补贴。';
  const long2 = '梅明惠托育奖补。偏远地区按第二档执行。';
  const long3 = '梅明惠托育奖补。困难家庭按第三档执行。'; // not in the source
  const exact = '甲乙丙丁戊己庚辛'; // exactly eight units, the last eight of the source
  const short = '梅明惠托育'; // five units: the three-unit key; occurs twice
  const src = `${long1}\n${long2}\n子丑寅卯${exact}`;
  const run = (...qs: string[]) => {
    const text = head + '条款 一、 {\n' + qs.map((q) => `  定性 { 原文："${q}" 类别：背景 }\n`).join('') + '}\n';
    const r = compile(['/l/政策.zc'], memoryHost({ '/l/s.txt': src, '/l/政策.zc': text }));
    return r.diagnostics.map((d) => `${d.code} ${d.message}`);
  };
  expect(run(long1, long2, exact)).toEqual([]);
  expect(run(long3)).toEqual(['ZC0601 原文与来源文件不一致']);
  expect(run(exact)).toEqual([]);
  expect(run(short)).toEqual(['ZC0603 原文在来源文件中出现 2 次，无法确定引的是哪一处']);
  // the same long quote twice in the source: counted twice (overlapping starts are counted too)
  const twice = compile(['/l/政策.zc'], memoryHost({ '/l/s.txt': `${long1}${long1}`, '/l/政策.zc': head + `条款 一、 {\n  定性 { 原文："${long1}" 类别：背景 }\n}\n` }));
  expect(twice.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['ZC0603 原文在来源文件中出现 2 次，无法确定引的是哪一处']);
  const aaa = compile(['/l/政策.zc'], memoryHost({ '/l/s.txt': '啊'.repeat(10), '/l/政策.zc': head + `条款 一、 {\n  定性 { 原文："${'啊'.repeat(8)}" 类别：背景 }\n}\n` }));
  expect(aaa.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['ZC0603 原文在来源文件中出现 3 次，无法确定引的是哪一处']);
});
