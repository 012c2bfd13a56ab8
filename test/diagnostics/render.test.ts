/**
 * Tests for compiler/diagnostics/render.ts.
 * Input: hand-made SourceFiles + Diagnostics. Output: file snapshots under ./render/
 * (checked by eye) plus fast-check properties on caret alignment and safety.
 */
import * as fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { SourceFile, type Span } from '../../compiler/common/source.js';
import { diag, type Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import {
  positionOf,
  renderDiagnosticsJson,
  renderDiagnosticsText,
  toDisplayText,
} from '../../compiler/diagnostics/render.js';

const CWD = '/proj';

function filesOf(...fs: SourceFile[]): Map<string, SourceFile> {
  return new Map(fs.map((f) => [f.path, f]));
}

/** Span covering the `nth` occurrence (0-based) of `needle` in the file. */
function spanOf(file: SourceFile, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = file.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not found: ${needle}`);
  }
  return file.span(at, at + needle.length);
}

function text(diags: Diagnostic[], ...fs: SourceFile[]): string {
  return renderDiagnosticsText(diags, filesOf(...fs), { cwd: CWD });
}

const SAMPLE = new SourceFile(
  '/proj/policies/sample.zc',
  [
    '政策 “育儿补贴”:',
    '  依据 《某市育儿补贴办法》 第三条',
    '',
    '实体 家庭:',
    '  子女数: 整数',
    '  月收入: 金额',
    '',
    '措施 补贴:',
    '  规则 多孩:',
    '    条款 第三条',
    '    结果 为 500 元',
    '  如果 家庭.子女数目 在 3 以上',
    '    则 补贴 为 1000 元',
    '',
  ].join('\n'),
);

describe('renderDiagnosticsText snapshots', () => {
  it('ASCII line', async () => {
    const f = new SourceFile('/proj/a.zc', 'let total = price * qty + tax\nnext line\n');
    const out = text([diag('ZC0401', spanOf(f, 'tax'), '未定义的名称“tax”')], f);
    await expect(out).toMatchFileSnapshot('./render/ascii.txt');
  });

  it('CJK line: carets under the wide characters', async () => {
    const out = text(
      [diag('ZC0401', spanOf(SAMPLE, '子女数目'), '未定义的名称“子女数目”', { help: '是否想写“子女数”？' })],
      SAMPLE,
    );
    await expect(out).toMatchFileSnapshot('./render/cjk.txt');
  });

  it('line with tabs', async () => {
    const f = new SourceFile('/proj/tab.zc', '规则 甲:\n\t如果\t家庭.月收入 低于 5000 元\n');
    const out = text([diag('ZC0502', spanOf(f, '5000 元'), '单位不兼容：金额与“元”')], f);
    await expect(out).toMatchFileSnapshot('./render/tab.txt');
  });

  it('emoji and astral characters before the span', async () => {
    const f = new SourceFile('/proj/emoji.zc', '说明 “😀𠀀👨‍👩‍👧” 然后 未知名称 结束\n');
    const out = text([diag('ZC0401', spanOf(f, '未知名称'), '未定义的名称“未知名称”')], f);
    await expect(out).toMatchFileSnapshot('./render/emoji.txt');
  });

  it('span over several lines', async () => {
    const start = SAMPLE.text.indexOf('规则 多孩');
    const end = SAMPLE.text.indexOf('500 元') + '500 元'.length;
    const out = text([diag('ZC0505', SAMPLE.span(start, end), '结果类型与声明不符')], SAMPLE);
    await expect(out).toMatchFileSnapshot('./render/multiline.txt');
  });

  it('zero-length span at end of file, and past the end', async () => {
    const f = new SourceFile('/proj/eof.zc', '规则 甲:\n  结果 为 (1 + 2');
    const g = new SourceFile('/proj/eof2.zc', '实体 家庭:\n');
    const out = text(
      [
        diag('ZC0203', f.span(f.text.length, f.text.length), '缺少“)”'),
        diag('ZC0202', g.span(g.text.length + 50, g.text.length + 80), '文件意外结束'),
      ],
      f,
      g,
    );
    await expect(out).toMatchFileSnapshot('./render/eof.txt');
  });

  it('related information', async () => {
    const other = new SourceFile('/proj/policies/common.zc', '实体 家庭:\n  子女数: 整数\n');
    const out = text(
      [
        diag('ZC0402', spanOf(SAMPLE, '子女数', 0), '重复定义“子女数”', {
          related: [
            { span: spanOf(other, '子女数'), message: '首次定义在此处' },
            { span: { file: '/proj/missing.zc', start: 3, end: 5 }, message: '另见此处' },
          ],
        }),
      ],
      SAMPLE,
      other,
    );
    await expect(out).toMatchFileSnapshot('./render/related.txt');
  });

  it('help text and fixes, warning and hint', async () => {
    const fixSpan = spanOf(SAMPLE, '子女数目');
    const out = text(
      [
        diag('ZC0401', fixSpan, '未定义的名称“子女数目”', {
          help: '是否想写“子女数”？\n实体“家庭”的字段有：子女数、月收入',
          fixes: [{ title: '改为“子女数”', edits: [{ span: fixSpan, newText: '子女数' }] }],
        }),
        diag('ZC0408', spanOf(SAMPLE, '月收入'), '未使用的定义“月收入”'),
        diag('ZC0106', spanOf(SAMPLE, '“育儿补贴”'), '可改用全角冒号', { severity: 'hint' }),
      ],
      SAMPLE,
    );
    await expect(out).toMatchFileSnapshot('./render/help.txt');
  });

  it('control characters are escaped', async () => {
    const f = new SourceFile(
      '/proj/ctrl.zc',
      '名称 \u0000甲\u001b[31m红\u001b[0m 乙\u202Eevil\u202C 丙\u200B丁 目标 结束\u007f\n',
    );
    const out = text([diag('ZC0101', spanOf(f, '目标'), '无法识别的字符“\u001b[2J\u202E”')], f);
    await expect(out).toMatchFileSnapshot('./render/control.txt');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b]/);
  });

  it('CRLF file', async () => {
    const f = new SourceFile('/proj/crlf.zc', '规则 甲:\r\n  结果 为 乙\r\n  如果 丙\r\n');
    const lineEnd = f.text.indexOf('乙') + 1;
    const out = text(
      [
        diag('ZC0401', spanOf(f, '乙'), '未定义的名称“乙”'),
        // Covers “乙” and the CRLF: still a single-line span.
        diag('ZC0401', f.span(lineEnd - 1, lineEnd + 2), '包含行尾'),
        // Zero-length on the \r: shown just after the line's text.
        diag('ZC0202', f.span(lineEnd, lineEnd), '缺少内容'),
        diag('ZC0505', f.span(f.text.indexOf('结果'), f.text.indexOf('丙') + 1), '跨两行'),
      ],
      f,
    );
    await expect(out).toMatchFileSnapshot('./render/crlf.txt');
  });

  it('ANSI colour when asked for', async () => {
    const out = renderDiagnosticsText(
      [diag('ZC0401', spanOf(SAMPLE, '子女数目'), '未定义的名称“子女数目”', { help: '是否想写“子女数”？' })],
      filesOf(SAMPLE),
      { cwd: CWD, color: true },
    );
    expect(out).toContain('\x1b[1;31m错误[ZC0401]\x1b[0m');
    // Readable snapshot: ESC shown as ␛.
    await expect(out.replace(/\x1b/g, '␛')).toMatchFileSnapshot('./render/color.txt');
  });

  it('no diagnostics, absolute path outside cwd, unloaded file', async () => {
    expect(text([])).toBe('共 0 个错误，0 个警告\n');
    const f = new SourceFile('/elsewhere/x.zc', 'abc\n');
    const out = text(
      [
        diag('ZC0001', f.span(0, 1), '外部文件'),
        diag('ZC0003', { file: 'rel/not-loaded.zc', start: 7, end: 9 }, '导入的文件不存在'),
      ],
      f,
    );
    await expect(out).toMatchFileSnapshot('./render/paths.txt');
  });
});

describe('renderDiagnosticsJson', () => {
  it('stable shape', async () => {
    const other = new SourceFile('/proj/policies/common.zc', '实体 家庭:\n  子女数: 整数\n');
    const fixSpan = spanOf(SAMPLE, '子女数目');
    const emoji = new SourceFile('/proj/emoji.zc', '😀 名称\u202E\n');
    const out = renderDiagnosticsJson(
      [
        diag('ZC0401', fixSpan, '未定义的名称“子女数目”', {
          help: '是否想写“子女数”？',
          related: [{ span: spanOf(other, '子女数'), message: '定义在此处' }],
          fixes: [{ title: '改为“子女数”', edits: [{ span: fixSpan, newText: '子女数' }] }],
        }),
        diag('ZC0408', spanOf(emoji, '名称'), '未使用的定义“名称\u202E”'),
        diag('ZC0106', { file: '/proj/none.zc', start: 1, end: 2 }, '提示', { severity: 'hint' }),
      ],
      filesOf(SAMPLE, other, emoji),
      { cwd: CWD },
    );
    await expect(out).toMatchFileSnapshot('./render/json.json');
    const parsed = JSON.parse(out);
    expect(parsed.summary).toEqual({ errors: 1, warnings: 1, infos: 1 });
    expect(parsed.diagnostics[1].message).toBe('未使用的定义“名称\u202E”');
    expect(out).not.toContain('\u202E');
    // 😀 is one column: 名称 starts at column 3, offset 3.
    expect(parsed.diagnostics[1].range.start).toEqual({ line: 1, column: 3, offset: 3 });
  });
});

describe('positionOf', () => {
  it('counts code points, 1-based, clamps and snaps', () => {
    const f = new SourceFile('p.zc', 'a😀b\r\n𠀀c\u2028d');
    expect(positionOf(f, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(f, 1)).toEqual({ line: 1, column: 2 });
    expect(positionOf(f, 2)).toEqual({ line: 1, column: 2 }); // inside 😀 → its start
    expect(positionOf(f, 3)).toEqual({ line: 1, column: 3 });
    expect(positionOf(f, 6)).toEqual({ line: 2, column: 1 });
    expect(positionOf(f, 8)).toEqual({ line: 2, column: 2 });
    // U+2028 is not a line break (compiler/common/lines.ts: \n, \r\n, \r — as in every editor)
    expect(positionOf(f, 10)).toEqual({ line: 2, column: 4 });
    expect(positionOf(f, 999)).toEqual({ line: 2, column: 5 });
    expect(positionOf(f, -5)).toEqual({ line: 1, column: 1 });
    expect(positionOf(f, Number.NaN)).toEqual({ line: 1, column: 1 });
  });
});

// ─── properties ─────────────────────────────────────────────────────────────

const interesting = fc.constantFrom(
  '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', ' ', 'a', '中', '：', '😀', '𠀀', '\u0301',
  '\u200d', '\u202e', '\u2066', '\u001b', '\u0000', '\u007f', '\u0085', '\ufeff', '\ufe0f',
  '👨‍👩‍👧', '🇨🇳', 'ᄀ', '\u1161', '\ud800', '\udc00', '\u3000', 'ｶﾞ',
);
const unit = fc.oneof(
  interesting,
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
);
const unicodeText = fc.array(unit, { maxLength: 60 }).map((a) => a.join(''));
const offset = (len: number): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: len }) },
    { weight: 2, arbitrary: fc.integer({ min: -20, max: len + 20 }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 0.5) },
  );
const caseArb = unicodeText.chain((t) =>
  fc.record({ text: fc.constant(t), start: offset(t.length), end: offset(t.length), message: unicodeText }),
);

/** Characters that must never reach the terminal raw. */
const UNSAFE_OUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/;

describe('properties', () => {
  it('never throws; caret starts at the display width of the echoed prefix', () => {
    fc.assert(
      fc.property(caseArb, ({ text: src, start, end, message }) => {
        const file = new SourceFile('/proj/f.zc', src);
        const d = diag('ZC0201', { file: file.path, start, end }, message, { help: message });
        const out = renderDiagnosticsText([d], filesOf(file), { cwd: CWD });
        JSON.parse(renderDiagnosticsJson([d], filesOf(file), { cwd: CWD }));
        expect(out).not.toMatch(UNSAFE_OUT);

        const lines = out.split('\n');
        const pos = positionOf(file, start);
        const lineText = file.lineText(pos.line - 1);
        const prefix = Array.from(lineText).slice(0, pos.column - 1).join('');
        const gutter = String(pos.line).length;
        expect(lines[1]).toBe(`${' '.repeat(gutter)}--> f.zc:${pos.line}:${pos.column}`);
        expect(lines[3]).toBe(`${pos.line} | ${toDisplayText(lineText)}`.replace(/ +$/, ''));
        expect(toDisplayText(lineText).startsWith(toDisplayText(prefix))).toBe(true);

        const caretLine = lines[4]!;
        const lead = `${' '.repeat(gutter)} | `;
        expect(caretLine.startsWith(lead)).toBe(true);
        const caretCol = caretLine.indexOf('^') - lead.length;
        expect(caretLine.slice(lead.length, lead.length + caretCol)).toBe(' '.repeat(caretCol));
        expect(caretCol).toBe(stringWidth(toDisplayText(prefix)));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 2500) },
    );
  });

  it('JSON keeps the exact message and clamps ranges into the file', () => {
    fc.assert(
      fc.property(caseArb, ({ text: src, start, end, message }) => {
        const file = new SourceFile('/proj/f.zc', src);
        const d = diag('ZC0201', { file: file.path, start, end }, message);
        const json = renderDiagnosticsJson([d], filesOf(file), { cwd: CWD });
        const parsed = JSON.parse(json);
        const r = parsed.diagnostics[0].range;
        expect(parsed.diagnostics[0].message).toBe(message);
        expect(r.start.offset).toBeGreaterThanOrEqual(0);
        expect(r.end.offset).toBeGreaterThanOrEqual(r.start.offset);
        expect(r.end.offset).toBeLessThanOrEqual(src.length);
        expect(r.start).toEqual({ ...positionOf(file, r.start.offset), offset: r.start.offset });
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 2000) },
    );
  });
});
