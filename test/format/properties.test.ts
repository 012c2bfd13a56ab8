/**
 * Property tests of the formatter (fast-check):
 *  - idempotence and meaning preservation over the policy corpus (policies/sample,
 *    policies/luanchuan, plus the clean grammar examples); the same over 1,000 random
 *    valid programs is in idempotence.test.ts (a file of its own, so it runs in parallel);
 *  - the perturbation generator makes valid programs of unchanged meaning;
 *  - the layout does not depend on spacing or punctuation style;
 *  - files with syntax errors are left alone;
 *  - for ANY input, format never throws and never loses a character.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { format } from '../../compiler/format/format.js';
import {
  astOf, astOfFile, checkFormatting, corpus, fileArb, fmt, isSubsequence, normalisedChars, parsesCleanly, perturb, perturbArb, policies,
} from './helpers.js';

describe('corpus', () => {
  it('includes the sample policy', () => {
    expect(policies.some((f) => f.path.includes('sample'))).toBe(true);
  });
  const short = (p: string) => p.replace(/^.*\/(policies|grammar)\//, '$1/');
  for (const f of corpus) {
    it(`formats ${short(f.path)} idempotently, keeping meaning and comments`, () => {
      checkFormatting(f.text);
    });
  }
  for (const f of policies.filter((x) => !parsesCleanly(x.text))) {
    it(`leaves ${short(f.path)} (syntax errors) alone`, () => {
      const r = format(new SourceFile(f.path, f.text));
      expect(r.value).toBeUndefined();
      expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1001']);
    });
  }
});

describe('random valid programs (perturbed corpus)', () => {
  it('perturbation yields valid programs of the same meaning', () => {
    fc.assert(
      fc.property(perturbArb, ({ file, seed, spacing, punctuation, comments }) => {
        const p = perturb(file.text, seed, { spacing, punctuation, comments });
        expect(parsesCleanly(p)).toBe(true);
        expect(astOf(p)).toEqual(astOfFile(file));
      }),
      { numRuns: 100 },
    );
  });

  it('the layout does not depend on spacing within lines or punctuation style', () => {
    fc.assert(
      fc.property(perturbArb, ({ file, seed, spacing, punctuation }) => {
        const p = perturb(file.text, seed, { spacing, punctuation, comments: 0, sameLines: true });
        // (、 and ， — ； and 。 — are kept as written: the perturbation may swap them)
        const marks = (s: string) => s.replace(/，/g, '、').replace(/。/g, '；');
        expect(marks(fmt(p))).toBe(marks(fmt(file.text)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('files with syntax errors', () => {
  /** Damage a valid file at a random place so that it no longer parses. */
  const damaged = fc
    .record({ file: fileArb, at: fc.nat(), what: fc.constantFrom('@', '}', '{', '"', '「', '：：', '规则', '（') })
    .map(({ file, at, what }) => {
      const i = at % (file.text.length + 1);
      return file.text.slice(0, i) + what + file.text.slice(i);
    })
    .filter((s) => !parsesCleanly(s));

  it('are left unchanged, with ZC1001 saying why', () => {
    fc.assert(
      fc.property(damaged, (src) => {
        const r = format(new SourceFile('/t/a.zc', src));
        expect(r.value).toBeUndefined();
        expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1001']);
      }),
      { numRuns: 100 },
    );
  });
});

describe('any input', () => {
  const FRAGMENTS = [
    '政策', '机构', '枚举', '实体', '指标', '性质', '条款', '措施', '规则', '结果', '存疑', '解读', '定性', '参数', '来自', '导入', '例外于',
    '原文', '条件', '断言', '说明', '全称', '别名', '采用', '理由', '有效期', '失效', '起算', '当日', '生效',
    '甲', '乙', '「丙 丁」', '【戊】', '家庭', '元素', '.', '．', '"文字"', '"a\\"b"', '"', '一、', '（一）', '1.', '附件2',
    '{', '}', '｛', '｝', '(', ')', '（', '）', ':', '：', ',', '，', '、', ';', '；', '。',
    '=', '==', '≥', '>=', '＞＝', '≠', '!=', '<', '>', '+', '-', '×', '*', '/', '÷', '—', '~',
    '3', '2000', '三', '1.5万', '元', '月龄', '个月', '孩', '%', '2024年3月1日', '2024-01-01',
    '以上', '及以上', '以下', '在', '不满', '届满', '超过', '至', '之间', '属于', '不属于', '为', '不为', '且', '或', '非', '是', '否', '未知',
    '金额', '整数', '是否', '日期', '时长', '比例', '一次性', '按月', '必须',
    '#注释', '＃ 注释', '\n', '\r\n', ' ', '  ', '\t', '\u3000', '\ufeff', '\u2028', '\u00a0', '@', '\u0000', '𠀀', '\ud800',
  ];
  const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => xs.join(''));
  /** Small valid programs, often enough to reach the printer. */
  const tiny = fc
    .tuple(
      fc.constantFrom('指标 甲 = ', '性质 丙 { 断言：', '机构 乙 { 全称：', '枚举 丁 { '),
      fc.array(fc.constantFrom('1', ' + ', '2元', ' ', '\n', '# c\n', '（', '）', '"s"', '、', '甲', ' 且 ', ' 3以上', '≥', '乙.丙'), { maxLength: 12 }),
      fc.constantFrom('', ' }', '\n}', '} # x'),
    )
    .map(([a, b, c]) => a + b.join('') + c);
  const anyInput = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    soup,
    tiny,
  );

  it('format never throws and never loses a character', () => {
    let formatted = 0;
    fc.assert(
      fc.property(anyInput, (src) => {
        const r = format(new SourceFile('/t/a.zc', src));
        if (r.value === undefined) {
          expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1001']);
          return;
        }
        expect(r.diagnostics).toEqual([]);
        formatted++;
        expect(isSubsequence(normalisedChars(src), normalisedChars(r.value))).toBe(true);
        expect(format(new SourceFile('/t/a.zc', r.value)).value).toBe(r.value);
      }),
      { numRuns: 3000 },
    );
    expect(formatted).toBeGreaterThan(200); // enough inputs reach the printer
  });
});
