/**
 * Tests for compiler/format: golden cases (messy input in ./cases/*.in.zc → expected
 * output in ./golden/*.out.zc, checked by eye), comment preservation, blank lines,
 * line endings, syntax errors, the safety net and formatEdits.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { applyEdits, format, formatEdits, formatWith, lineEnding } from '../../compiler/format/format.js';
import { print, type Printed } from '../../compiler/format/layout.js';
import { astOf, commentsOf, fmt } from './helpers.js';
import { parseFile } from '../../compiler/syntax/index.js';

const CASES = join(import.meta.dirname, 'cases');

describe('golden cases', () => {
  const names = readdirSync(CASES).filter((f) => f.endsWith('.in.zc')).sort();
  it('has cases', () => expect(names.length).toBeGreaterThanOrEqual(4));
  for (const name of names) {
    it(name, async () => {
      const input = readFileSync(join(CASES, name), 'utf8');
      const out = fmt(input);
      await expect(out).toMatchFileSnapshot(`./golden/${name.replace('.in.zc', '.out.zc')}`);
      expect(fmt(out)).toBe(out);
      expect(astOf(out)).toEqual(astOf(input));
      expect(commentsOf(out)).toEqual(commentsOf(input));
    });
  }
});

describe('layout rules', () => {
  it('puts one item per line and indents blocks by two spaces', () => {
    expect(fmt('机构 甲 { 全称："甲" 别名：乙、丙 }')).toBe('机构 甲 {\n  全称："甲"\n  别名：乙、丙\n}\n');
  });
  it('keeps enum and set braces inline', () => {
    expect(fmt('枚举 性别{男,女}')).toBe('枚举 性别 { 男、女 }\n');
    expect(fmt('指标 甲 = 乙 属于{ 1,2 }')).toBe('指标 甲 = 乙 属于 {1、2}\n');
  });
  it('prints an empty item block as {}', () => {
    expect(fmt('机构 甲 {\n\n}')).toBe('机构 甲 {}\n');
  });
  it('normalises punctuation and comparison symbols', () => {
    expect(fmt('指标 甲 = (1 >= 2) 或 (1<=2) 或 1 != 2 或 1 == 1 或 1＞＝1')).toBe('指标 甲 = （1 ≥ 2） 或 （1 ≤ 2） 或 1 ≠ 2 或 1 = 1 或 1 ≥ 1\n');
    expect(fmt('指标 甲 = 1 * 2 / 3 ＋ 4 － 5')).toBe('指标 甲 = 1 × 2 ÷ 3 + 4 - 5\n');
  });
  it('glues units, legal suffixes, range dashes, calls, member access and unary minus', () => {
    expect(fmt('指标 甲 = 月龄 ( 乙 . 丙 ) 6 ~ 36 月龄 且 丁 3 以上 且 戊 = - 1 元')).toBe('指标 甲 = 月龄（乙.丙） 6—36月龄 且 丁 3以上 且 戊 = -1元\n');
  });
  it('keeps 在 … 以上 spaced', () => {
    expect(fmt('指标 甲 = 乙 在3以上')).toBe('指标 甲 = 乙 在 3 以上\n');
  });
  it('writes ASCII , as ，between call arguments and as 、 elsewhere', () => {
    expect(fmt('指标 甲 = 天数(乙, 丙)')).toBe('指标 甲 = 天数（乙，丙）\n');
    expect(fmt('机构 甲 { 别名：乙, 丙 }')).toBe('机构 甲 {\n  别名：乙、丙\n}\n');
    expect(fmt('指标 甲 = 乙 ; 机构 丙')).toBe('指标 甲 = 乙；\n机构 丙\n');
  });
  it('keeps the Chinese marks 、 ， ； 。 as written', () => {
    expect(fmt('机构 甲 { 别名：乙、丙，丁 }')).toBe('机构 甲 {\n  别名：乙、丙，丁\n}\n');
    expect(fmt('指标 甲 = 天数（乙、丙）')).toBe('指标 甲 = 天数（乙、丙）\n');
    expect(fmt('指标 甲 = 乙。机构 丙；')).toBe('指标 甲 = 乙。\n机构 丙；\n');
  });
  it('keeps the writer\'s line breaks inside an item, as continuation lines', () => {
    const src = '规则 甲 {\n条件：乙\n且 丙\n\n\n      且 丁\n原文："a",\n"b"、"c"\n}';
    expect(fmt('条款 一、 { 措施 戊 { ' + src + ' } }')).toBe(
      '条款 一、 {\n  措施 戊 {\n    规则 甲 {\n      条件：乙\n        且 丙\n        且 丁\n      原文："a"、\n        "b"、"c"\n    }\n  }\n}\n',
    );
  });
  it('drops line breaks where tokens are glued, and before the { of a block', () => {
    expect(fmt('指标 甲\n：金额 = 月龄\n（乙\n.丙\n）\n{\n说明："x" }')).toBe('指标 甲：金额 = 月龄（乙.丙） {\n  说明："x"\n}\n');
  });
  it('lines an enum\'s closing brace up with its item when it is on a line of its own', () => {
    expect(fmt('枚举 甲 {\n乙、\n丙\n}')).toBe('枚举 甲 {\n  乙、\n  丙\n}\n');
  });
  it('writes clause numbers without spaces', () => {
    expect(fmt('条款 四 （一） "甲" { }')).toBe('条款 四（一） "甲" {}\n');
    expect(fmt('条款 一 、{ 条款 1 ．{ } }')).toBe('条款 一、 {\n  条款 1. {}\n}\n');
    expect(fmt('条款 附件 2 { }')).toBe('条款 附件2 {}\n');
  });
  it('separates clause-number parts that would otherwise run together', () => {
    // 1.2. would lex as the number 1.2: the formatter must keep them apart
    const out = fmt('条款 1. 2. { }');
    expect(astOf(out)).toEqual(astOf('条款 1. 2. { }'));
    expect(fmt(out)).toBe(out);
  });
  it('never changes strings, quoted names, numbers, dates or units', () => {
    const src = '指标 「甲 乙」 = １．５万元 + 【丙】 + 二〇二三年十二月三十一日 + 3‰ + "  a,b:(c)  \\"x\\" >= "\n';
    const out = fmt(src);
    for (const piece of ['「甲 乙」', '１．５万元', '【丙】', '二〇二三年十二月三十一日', '3‰', '"  a,b:(c)  \\"x\\" >= "']) expect(out).toContain(piece);
  });
  it('keeps a multi-line string verbatim', () => {
    const src = '机构 甲 { 全称："第一行\n   第二行" }';
    expect(fmt(src)).toBe('机构 甲 {\n  全称："第一行\n   第二行"\n}\n');
  });
  it('ends with exactly one line break; an empty file stays empty', () => {
    expect(fmt('机构 甲\n\n\n')).toBe('机构 甲\n');
    expect(fmt('')).toBe('');
    expect(fmt('  \n\n ')).toBe('');
  });
  it('keeps CRLF line endings', () => {
    const src = '# 注释\r\n机构 甲 {\r\n  全称："甲"\r\n\r\n\r\n  别名：乙 }\r\n';
    const out = fmt(src);
    expect(out).toBe('# 注释\r\n机构 甲 {\r\n  全称："甲"\r\n\r\n  别名：乙\r\n}\r\n');
    expect(lineEnding(out)).toBe('\r\n');
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });
  it('keeps a byte-order mark', () => {
    expect(fmt('\ufeff机构 甲')).toBe('\ufeff机构 甲\n');
  });
});

describe('comments', () => {
  it('keeps a comment at the start of the file', () => {
    expect(fmt('# 头\n机构 甲')).toBe('# 头\n机构 甲\n');
    expect(fmt('   # 头\n\n\n机构 甲')).toBe('# 头\n\n机构 甲\n');
  });
  it('keeps a comment at the end of the file, with or without a final line break', () => {
    expect(fmt('机构 甲\n# 尾')).toBe('机构 甲\n# 尾\n');
    expect(fmt('机构 甲 # 尾')).toBe('机构 甲 # 尾\n');
    expect(fmt('# 只有注释')).toBe('# 只有注释\n');
  });
  it('keeps trailing comments at the end of their line', () => {
    expect(fmt('机构 甲 {   # 一\n全称："x"# 二\n}  # 三')).toBe('机构 甲 {   # 一\n  全称："x" # 二\n}           # 三\n');
  });
  it('keeps own-line comments on their own line, indented like the next item', () => {
    expect(fmt('机构 甲 {\n# 一\n        全称："x"\n    # 二\n}')).toBe('机构 甲 {\n  # 一\n  全称："x"\n  # 二\n}\n');
  });
  it('keeps comments between the tokens of one item', () => {
    const out = fmt('指标 甲 = 1 # 一\n + # 二\n 2');
    expect(out).toBe('指标 甲 = 1 # 一\n  +         # 二\n  2\n');
    expect(fmt(out)).toBe(out);
  });
  it('aligns trailing comments of consecutive lines', () => {
    expect(fmt('机构 甲 # 一\n机构 乙乙乙 # 二\n\n机构 丙 # 三')).toBe('机构 甲     # 一\n机构 乙乙乙 # 二\n\n机构 丙 # 三\n');
  });
  it('trims trailing white space of a comment only', () => {
    expect(fmt('# 注释 \t\u3000\n机构 甲')).toBe('# 注释\n机构 甲\n');
  });
  it('keeps a comment before a unit on its own line (the unit becomes a name there)', () => {
    // after a line break 元素 is a name, not 元 + 素: the line break must stay
    const src = '条款 一、 { 措施 甲 { 规则 乙 { 丙 = 2000 # 注释\n元素 = 1 } } }';
    const out = fmt(src);
    expect(astOf(out)).toEqual(astOf(src));
  });
});

describe('files with syntax errors', () => {
  for (const src of ['机构 甲 {', '机构 甲 { 全称："x }', '指标 甲 = 1 @ 2', '机构 「甲', '政策 { 文号： }', '}', '指标 甲乙不满丙 = 1']) {
    it(`leaves ${JSON.stringify(src)} alone and says why`, () => {
      const r = format(new SourceFile('/t/a.zc', src));
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1001']);
      expect(r.diagnostics[0]!.message).toMatch(/语法错误/);
      expect(formatEdits(new SourceFile('/t/a.zc', src)).value).toEqual([]);
    });
  }
  it('formats files whose errors are not syntax errors (e.g. an ambiguous numeral)', () => {
    const r = format(new SourceFile('/t/a.zc', '指标 甲=一十十'));
    expect(r.value).toBe('指标 甲 = 一十十\n');
  });
});

describe('formatEdits', () => {
  it('returns no edit when the file is already formatted', () => {
    expect(formatEdits(new SourceFile('/t/a.zc', '机构 甲\n')).value).toEqual([]);
  });
  it('returns one minimal edit that produces the formatted text', () => {
    const src = '# 头\n机构 甲 {全称:"x"}\n# 尾\n';
    const sf = new SourceFile('/t/a.zc', src);
    const edits = formatEdits(sf).value;
    expect(edits).toHaveLength(1);
    expect(applyEdits(src, edits)).toBe(format(sf).value);
    expect(edits[0]!.span.start).toBeGreaterThan(0);
    expect(edits[0]!.span.end).toBeLessThan(src.length);
  });
  it('never splits a CRLF or a surrogate pair', () => {
    const src = '# 𠀀\r\n机构  𠀀甲\r\n';
    const sf = new SourceFile('/t/a.zc', src);
    const edits = formatEdits(sf).value;
    expect(applyEdits(src, edits)).toBe(format(sf).value);
    for (const e of edits) {
      expect(src.charCodeAt(e.span.start) & 0xfc00).not.toBe(0xdc00);
      expect(src.charCodeAt(e.span.end) & 0xfc00).not.toBe(0xdc00);
    }
  });
});

describe('safety net (a buggy printer)', () => {
  const SRC = '# 注释\n机构 甲 { 全称："甲局" }\n指标 乙 = 1 + 2 # 尾\n';
  const sf = new SourceFile('/t/a.zc', SRC);
  const buggy = (change: (p: Printed) => string) => (input: Parameters<typeof print>[0]): Printed => {
    const p = print(input);
    return { ...p, text: change(p) };
  };
  const cases: [string, (p: Printed) => string][] = [
    ['drops a comment', (p) => p.text.replace('# 尾', '')],
    ['changes a comment', (p) => p.text.replace('# 尾', '# 尾巴')],
    ['changes a string', (p) => p.text.replace('甲局', '乙局')],
    ['drops a token', (p) => p.text.replace('+ 2', '')],
    ['swaps operands', (p) => p.text.replace('1 + 2', '2 + 1')],
    ['breaks the syntax', (p) => p.text.replace('}', '')],
    ['glues two names', (p) => p.text.replace('指标 乙', '指标乙')],
  ];
  for (const [what, change] of cases) {
    it(`returns the original text with ZC1002 when the printer ${what}`, () => {
      const r = formatWith(sf, buggy(change));
      expect(r.value).toBe(SRC);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1002']);
    });
  }
  it('returns the original text with ZC1002 when the printer throws', () => {
    const r = formatWith(sf, () => {
      throw new Error('boom');
    });
    expect(r.value).toBe(SRC);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1002']);
    expect(r.diagnostics[0]!.message).toContain('boom');
  });
  it('the real printer passes', () => {
    expect(formatWith(sf, print).diagnostics).toEqual([]);
  });
});

describe('a parse given by the caller (the language server reuses its own)', () => {
  it('gives the same result as parsing afresh, and a parse of another text is not used', () => {
    const dir = join(import.meta.dirname, '..', '..', 'policies', 'luanchuan');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.zc'))) {
      const text = readFileSync(join(dir, name), 'utf8').replace(/^[ \t]+/gm, ''); // every line to re-indent
      const sf = new SourceFile(name, text);
      const own = parseFile(sf, { keepCst: true });
      expect(format(sf, own)).toEqual(format(sf));
      // a stale parse (another text) or one without its CST is ignored, never trusted
      const stale = parseFile(new SourceFile(name, text + '\n机构 县民政局\n'), { keepCst: true });
      expect(format(sf, stale)).toEqual(format(sf));
      expect(format(sf, parseFile(sf))).toEqual(format(sf));
    }
  });
});

describe('the policies we ship and teach from are in the standard format', () => {
  it('policies/, docs/tutorial/ and the spec\'s grammar/examples/ (a drafter copies them: `zhengce fmt --check` must not flag the example)', () => {
    const root = join(import.meta.dirname, '..', '..');
    const zc = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? zc(join(dir, e.name)) : e.name.endsWith('.zc') ? [join(dir, e.name)] : []));
    const examples = zc(join(root, 'grammar', 'examples'));
    expect(examples.length).toBeGreaterThan(10);
    const files = [...zc(join(root, 'policies')), ...zc(join(root, 'docs', 'tutorial')), ...examples];
    expect(files.length).toBeGreaterThan(25);
    const unformatted = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return format(new SourceFile(f, text)).value !== text;
    });
    expect(unformatted).toEqual([]);
  });
});
