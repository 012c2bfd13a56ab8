/**
 * Bad input never crashes or hangs the front end, and every diagnostic it reports
 * has a valid span (0 ≤ start ≤ end ≤ length of the file it names).
 *
 *  (a) property tests on arbitrary strings: binary, grapheme, and strings built from
 *      a vocabulary of DSL keywords, units, punctuation (both widths), quotes,
 *      numerals, dates and odd characters;
 *  (b) property tests on random mutations (delete, insert, swap, truncate, duplicate,
 *      replace) of the sample policies policies/sample/*.zc;
 *  (c) specific nasty inputs as plain tests.
 *
 * Cost: parsing is ~10 ms per sample-sized file, so most mutation cases parse one
 * top-level declaration of the sample (a blank-line separated chunk) and a fraction
 * compile the whole mutated sample program (imports, 原文 check, parameters).
 * Together the properties run ≥ 10,000 cases; multiply with ZC_FUZZ_SCALE=N for a
 * deeper local run. Seeded like every property (test/helpers/seed.ts: ZC_SEED).
 *
 * Speed is not asserted here (benchmarks: `npm run bench`, section `limits`); what is
 * asserted is what keeps the front end from hanging: a file past the size limit is
 * refused unparsed (ZC0005), nesting is cut off (ZC0204), rendering is bounded (at most
 * 200 diagnostics shown, a window of a long line echoed), and the parser's work is
 * linear — it reads each token a fixed number of times, counted, not timed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { renderDiagnosticsJson, renderDiagnosticsText } from '../../compiler/diagnostics/render.js';
import { memoryHost } from '../../compiler/project/host.js';
import { compile, type CompileResult } from '../../compiler/project/program.js';
import { parseFile } from '../../compiler/syntax/index.js';
import { KEYWORDS, UNIT_WORDS } from '../../compiler/syntax/tokens.js';
import { lex } from '../../compiler/syntax/lexer.js';
import { parseTokens } from '../../compiler/syntax/parser.js';
import { MAX_FILE } from '../../compiler/project/program.js';
import { ensureDist, runIsolated } from '../helpers/dist.js';
import { badSpans, REPO_DIR } from '../helpers/golden.js';

const SCALE = Math.max(1, Number(process.env['ZC_FUZZ_SCALE'] ?? 1));
const runs = (n: number) => Math.round(n * SCALE);
/** Shrinking re-runs the compiler thousands of times: only on request (ZC_FUZZ_SHRINK=1). */
const OPTS = { endOnFailure: !process.env['ZC_FUZZ_SHRINK'] };

// ─── the sample policies ────────────────────────────────────────────────────

const SAMPLE_DIR = join(REPO_DIR, 'policies', 'sample');
/** Every file of policies/sample (not scenarios), keyed by name. */
const SAMPLE: Record<string, string> = Object.fromEntries(
  readdirSync(SAMPLE_DIR, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => [e.name, readFileSync(join(SAMPLE_DIR, e.name), 'utf8')]),
);
const SAMPLE_ZC = Object.keys(SAMPLE).filter((n) => n.endsWith('.zc')).sort();
/** The file that declares the policy (the program root). */
const ROOT = SAMPLE_ZC.find((n) => /^\s*政策/m.test(SAMPLE[n]!)) ?? SAMPLE_ZC[0]!;
/** Top-level chunks (separated by blank lines) of every sample .zc file. */
const CHUNKS: string[] = SAMPLE_ZC.flatMap((n) => SAMPLE[n]!.split(/\n\s*\n/)).filter((c) => c.trim());
/** Every line boundary of every sample .zc file: [file, offset of a '\n']. */
const PREFIXES: [string, number][] = SAMPLE_ZC.flatMap((f) => [...SAMPLE[f]!.matchAll(/\n/g)].map((m): [string, number] => [f, m.index]));

// ─── invariants ─────────────────────────────────────────────────────────────

/** Cases each property runs (each test checks that it ran exactly these). */
const PLAN = { binary: runs(1600), grapheme: runs(1600), vocab: runs(2800), chunks: runs(3800), files: runs(300) };

function describeBad(bad: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>): string {
  return bad.map((d) => `${d.code} ${d.span.file}:${d.span.start}-${d.span.end} (file length ${files.get(d.span.file)?.text.length ?? 'unknown'}) ${d.message}`).join('\n');
}

/** Compile `entry` on a memory host: must not throw; spans valid; both renderers work. */
function compileChecked(files: Record<string, string>, entry: string): CompileResult {
  const r = compile([entry], memoryHost(files));
  const bad = badSpans(r);
  if (bad.length) throw new Error(`invalid spans:\n${describeBad(bad, r.files)}`);
  renderDiagnosticsText(r.diagnostics, r.files, { cwd: '/' });
  renderDiagnosticsJson(r.diagnostics, r.files, { cwd: '/' });
  return r;
}

/** Lex + parse + AST of one text: must not throw; diagnostic and AST spans inside the text. */
function parseChecked(text: string, path = 'm.zc'): Diagnostic[] {
  const sf = new SourceFile(path, text);
  const r = parseFile(sf);
  const bad = badSpans({ diagnostics: r.diagnostics, files: new Map([[path, sf]]) });
  if (bad.length) throw new Error(`invalid spans:\n${describeBad(bad, new Map([[path, sf]]))}`);
  const stack: unknown[] = [r.value.ast];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) { stack.push(...v); continue; }
    const o = v as Record<string, unknown>;
    const s = o['span'] as { file: string; start: number; end: number } | undefined;
    if (s && typeof s.start === 'number' && !(s.file === path && 0 <= s.start && s.start <= s.end && s.end <= text.length)) {
      throw new Error(`AST span ${s.file}:${s.start}-${s.end} outside the text (length ${text.length})`);
    }
    for (const x of Object.values(o)) if (x && typeof x === 'object') stack.push(x);
  }
  return r.diagnostics;
}

// ─── arbitraries ────────────────────────────────────────────────────────────

const PUNCT = [
  '{', '}', '｛', '｝', '(', ')', '（', '）', ':', '：', ',', '，', '、', ';', '；', '。', '.', '．', '·',
  '≥', '≤', '>', '<', '=', '≠', '>=', '<=', '!=', '==', '＞＝', '＜＝', '！＝', '＝', '＞', '＜', '⩾', '⩽',
  '+', '-', '×', '÷', '*', '/', '＋', '－', '＊', '／', '—', '——', '–', '~', '～', '〜', '%', '％', '‰', '#', '＃',
];
const QUOTES = ['「', '」', '【', '】', '"', '\\', '\\"', '\\q', '「甲」', '【乙】', '「」', '"文字"', '"未闭合', '"a\\nb"'];
const NUMBERS = [
  '0', '1', '7', '12', '１２', '3.5', '１．５', '1.5万', '2亿', '007', '三', '十二', '一千零五十', '两', '〇', '壹佰', '三点六',
  '一百一', '二〇二四', '十十', '1百', '9999999999999999999999', '0.001',
];
const DATES = ['2023年12月31日', '2023-12-31', '2024-2-29', '2023年13月1日', '2023年2月29日', '二〇二三年十二月三十一日', '２０２３年１月１日', '0000-00-00'];
const NAMES = ['甲', '家庭', '子女数', '出生日期', '户籍在本县', '事件', '级别', '评估日期', '周岁', '月龄', '天数', '适用', '已废止', 'abc', '_x', '县卫健委'];
const ODD = ['\u0000', '\u0007', '\u202e', '\u200b', '\ufeff', '😀', '👨‍👩‍👧', '𠀀', '\ud800', '\udc00', '\ufffd', 'é', 'e\u0301', '\u2028'];
const SPACE = [' ', '  ', '\n', '\r\n', '\r', '\t', '\u3000', '\u00a0'];
const VOCAB = [...KEYWORDS, ...UNIT_WORDS, ...PUNCT, ...QUOTES, ...NUMBERS, ...DATES, ...NAMES, ...ODD, ...SPACE];

const token = fc.constantFrom(...VOCAB);
const vocabString = fc
  .array(fc.tuple(token, fc.constantFrom('', ' ', '', '\n')), { maxLength: 80 })
  .map((xs) => xs.map(([t, s]) => t + s).join(''));

type Mutation =
  | { k: 'del'; a: number; n: number }
  | { k: 'ins'; a: number; s: string }
  | { k: 'swap'; a: number; n: number; b: number; m: number }
  | { k: 'trunc'; a: number }
  | { k: 'dup'; a: number; n: number }
  | { k: 'rep'; a: number; n: number; s: string };

const insertion = fc.oneof(token, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.constantFrom(...'{}（）「」【】"#：、\n'));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('del' as const), a: fc.nat(), n: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ k: fc.constant('ins' as const), a: fc.nat(), s: insertion }),
  fc.record({ k: fc.constant('swap' as const), a: fc.nat(), n: fc.integer({ min: 1, max: 60 }), b: fc.nat(), m: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ k: fc.constant('trunc' as const), a: fc.nat() }),
  fc.record({ k: fc.constant('dup' as const), a: fc.nat(), n: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ k: fc.constant('rep' as const), a: fc.nat(), n: fc.integer({ min: 1, max: 4 }), s: insertion }),
);
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/** Apply mutations; positions are taken modulo the current length (UTF-16 units, so pairs may split). */
export function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = (x: number) => x % (t.length + 1);
    switch (m.k) {
      case 'del': { const a = at(m.a); t = t.slice(0, a) + t.slice(a + m.n); break; }
      case 'ins': { const a = at(m.a); t = t.slice(0, a) + m.s + t.slice(a); break; }
      case 'trunc': t = t.slice(0, at(m.a)); break;
      case 'dup': { const a = at(m.a); t = t.slice(0, a + m.n) + t.slice(a, a + m.n) + t.slice(a + m.n); break; }
      case 'rep': { const a = at(m.a); t = t.slice(0, a) + m.s + t.slice(a + m.n); break; }
      case 'swap': {
        let [x, xn, y, yn] = [at(m.a), m.n, at(m.b), m.m];
        if (x > y) [x, xn, y, yn] = [y, yn, x, xn];
        xn = Math.min(xn, y - x);
        if (xn <= 0) break;
        const A = t.slice(x, x + xn);
        const B = t.slice(y, y + yn);
        t = t.slice(0, x) + B + t.slice(x + xn, y) + A + t.slice(y + B.length);
        break;
      }
    }
  }
  return t;
}

// ─── (a) arbitrary strings ──────────────────────────────────────────────────

describe('(a) arbitrary strings never crash the front end', () => {
  const prop = (arb: fc.Arbitrary<string>, numRuns: number) => {
    let n = 0;
    fc.assert(
      fc.property(arb, (text) => {
        n++;
        compileChecked({ 'm.zc': text }, 'm.zc');
      }),
      { numRuns, ...OPTS },
    );
    expect(n).toBe(numRuns);
  };

  it('binary strings (any UTF-16 code unit, lone surrogates included)', () => {
    prop(fc.string({ unit: 'binary', maxLength: 200 }), PLAN.binary);
  });
  it('grapheme strings (any Unicode grapheme)', () => {
    prop(fc.string({ unit: 'grapheme', maxLength: 120 }), PLAN.grapheme);
  });
  it('strings built from DSL tokens, punctuation of both widths, quotes, numerals, dates and odd characters', () => {
    prop(vocabString, PLAN.vocab);
  });
});

// ─── (b) mutations of the sample policies ───────────────────────────────────

describe('(b) random mutations of policies/sample never crash the front end', () => {
  it('the sample itself compiles without errors (the mutations start from a valid program)', () => {
    const r = compileChecked(SAMPLE, ROOT);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(CHUNKS.length).toBeGreaterThan(5);
  });

  it('mutated top-level declarations (parse)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.nat(), mutations, (i, ms) => {
        n++;
        parseChecked(mutate(CHUNKS[i % CHUNKS.length]!, ms));
      }),
      { numRuns: PLAN.chunks, ...OPTS },
    );
    expect(n).toBe(PLAN.chunks);
  });

  it('mutated whole files compiled as the sample program (imports, 原文, parameters)', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLE_ZC), mutations, (file, ms) => {
        n++;
        compileChecked({ ...SAMPLE, [file]: mutate(SAMPLE[file]!, ms) }, ROOT);
      }),
      { numRuns: PLAN.files, ...OPTS },
    );
    expect(n).toBe(PLAN.files);
  });

  it('every line-boundary prefix of every sample file (“half a file”)', () => {
    let n = 0;
    for (const [f, i] of PREFIXES) {
      n++;
      compileChecked({ ...SAMPLE, [f]: SAMPLE[f]!.slice(0, i) }, ROOT);
    }
    expect(n).toBeGreaterThan(100);
  });

  it('the properties above run at least 10,000 cases in total', () => {
    // each property test checks that it ran its planned count; together:
    const total = Object.values(PLAN).reduce((a, b) => a + b, 0) + PREFIXES.length;
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

// ─── (c) specific nasty inputs ──────────────────────────────────────────────

function codes(r: { diagnostics: readonly Diagnostic[] }): string[] {
  return [...new Set(r.diagnostics.map((d) => d.code))].sort();
}

/** A file past the size limit: exactly one ZC0005 at its start, naming its length, nothing parsed. */
function expectRefused(r: CompileResult, length: number): void {
  expect(length).toBeGreaterThan(MAX_FILE);
  expect(r.diagnostics.map((d) => [d.code, d.span.file, d.span.start, d.span.end, d.message])).toEqual([
    ['ZC0005', 'm.zc', 0, 0, `文件过大（${length} 个字符，上限 ${MAX_FILE}），未解析`],
  ]);
  expect(r.diagnostics[0]!.help).toBe('把政策拆成多个文件，用“导入”连接');
}

/** Deterministic pseudo-random bytes (xorshift32). */
function bytes(n: number, seed = 0x2024): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

describe('(c) nasty inputs', () => {
  it('binary: 64 KiB of random bytes (NUL included), decoded as Latin-1 and as lossy UTF-8', () => {
    const b = bytes(64 * 1024);
    expect(b.includes(0)).toBe(true);
    const latin1 = Buffer.from(b).toString('latin1');
    const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(b);
    for (const text of [latin1, utf8]) {
      const r = compile(['m.zc'], memoryHost({ 'm.zc': text }));
      expect(badSpans(r)).toEqual([]);
      expect(codes(r)).toContain('ZC0101');
    }
    const small = Buffer.from(b.slice(0, 1024)).toString('latin1');
    compileChecked({ 'm.zc': small }, 'm.zc');
  });

  it('rendering the diagnostics of 64 KiB of random bytes shows at most 200 of them, and counts the rest', () => {
    // ZC0101 runs are merged and capped at 100 per file (issue 14): two files of random bytes
    // give more diagnostics than the renderer shows (with no per-file error limit, `--error-limit 0`:
    // by default each file's errors after the 20th are one ZC0007)
    const r = compile(['m.zc', 'n.zc'], memoryHost({ 'm.zc': Buffer.from(bytes(64 * 1024)).toString('latin1'), 'n.zc': Buffer.from(bytes(64 * 1024)).reverse().toString('latin1') }), undefined, { errorLimit: 0 });
    expect(r.diagnostics.length).toBeGreaterThan(200);
    const text = renderDiagnosticsText(r.diagnostics, r.files, { cwd: '/' });
    // every diagnostic block starts with its header line `错误[ZCxxxx]` / `警告[ZCxxxx]`
    const shown = text.match(/^(错误|警告|提示)\[ZC\d{4}\]/gm) ?? [];
    expect(shown).toHaveLength(200);
    expect(text).toContain(`……另有 ${r.diagnostics.length - 200} 条诊断未显示（用 --format json 查看全部）`);
    // JSON keeps all of them
    expect((JSON.parse(renderDiagnosticsJson(r.diagnostics, r.files, { cwd: '/' })) as { diagnostics: unknown[] }).diagnostics).toHaveLength(r.diagnostics.length);
  });

  it('one diagnostic on a 100,000-character line echoes a window of the line, not the line', () => {
    const r = compile(['m.zc'], memoryHost({ 'm.zc': '甲'.repeat(100_000) }));
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const text = renderDiagnosticsText(r.diagnostics, r.files, { cwd: '/' });
    const echoed = text.split('\n').filter((l) => l.includes('甲甲甲'));
    expect(echoed.length).toBeGreaterThan(0);
    for (const l of echoed) {
      expect([...l].length).toBeLessThan(400);
      expect(l).toContain('…');
    }
  });

  describe('a 10 MB single line is refused unparsed (ZC0005), whatever it holds', () => {
    const TEN_MB = 10 * 1024 * 1024;
    const lines: [string, string][] = [
      ['one unquoted name', '甲'.repeat(TEN_MB)],
      ['one run of Latin letters', 'a'.repeat(TEN_MB)],
      ['one run of digits', '1'.repeat(TEN_MB)],
      ['an unterminated string', '指标 甲 = "' + 'x'.repeat(TEN_MB)],
      ['a comment', '#' + '注'.repeat(TEN_MB)],
      ['white space', '指标 甲 = 1' + ' '.repeat(TEN_MB)],
    ];
    for (const [what, text] of lines) {
      it(what, () => {
        const r = compileChecked({ 'm.zc': text }, 'm.zc');
        expectRefused(r, text.length);
      });
    }

  });

  it('a 10 MB file of valid tokens (“；” repeated) is refused unparsed with ZC0005', () => {
    const text = '；'.repeat(10 * 1024 * 1024);
    expectRefused(compileChecked({ 'm.zc': text }, 'm.zc'), text.length);
    // refused, not parsed: the same file made of characters the lexer rejects gives no ZC0101
    expectRefused(compileChecked({ 'm.zc': '@'.repeat(MAX_FILE + 1) }, 'm.zc'), MAX_FILE + 1);
    // the limit is exact: a file of exactly MAX_FILE characters (one comment) is parsed
    expect(compileChecked({ 'm.zc': '#' + 'x'.repeat(MAX_FILE - 1) }, 'm.zc').diagnostics).toEqual([]);
  });

  describe('the parser’s work is linear in the number of tokens (token reads counted, not timed)', () => {
    /**
     * Token reads of one parse: the token array handed to parseTokens is wrapped in a
     * Proxy that counts indexed reads (lookahead, consumption, error help). A parse
     * that re-scans tokens (backtracking, indexOf per error …) reads more per token as
     * the input grows.
     */
    function readsPerToken(text: string): { tokens: number; reads: number; perToken: number; diagnostics: number } {
      const file = new SourceFile('m.zc', text);
      const tokens = lex(file).value.tokens;
      let reads = 0;
      const counted = new Proxy(tokens, {
        get(t, p, r) {
          if (typeof p === 'string' && /^\d+$/.test(p)) reads++;
          return Reflect.get(t, p, r) as unknown;
        },
      });
      const r = parseTokens(file, counted);
      return { tokens: tokens.length, reads, perToken: reads / tokens.length, diagnostics: r.diagnostics.length };
    }
    /** [what, the input at scale k (k = 1 and 4)] */
    const inputs: [string, (k: number) => string][] = [
      ['a valid file of “；” (the known slow case just under the size limit)', (k) => '；'.repeat(10_000 * k)],
      ['a keyword repeated (指标 指标 …: one parse error per token)', (k) => '指标 '.repeat(2_000 * k)],
      ['the sample policy repeated', (k) => (SAMPLE[ROOT]! + '\n').repeat(3 * k)],
    ];
    for (const [what, make] of inputs) {
      it(what, () => {
        const small = readsPerToken(make(1));
        const large = readsPerToken(make(4));
        expect(large.tokens).toBeGreaterThanOrEqual(3.9 * small.tokens);
        // linear: the same number of reads per token at 4× the size (within 1%)
        expect(large.perToken).toBeLessThanOrEqual(small.perToken * 1.01);
        expect(small.perToken).toBeLessThan(20);
      });
    }
  });

  it('unbalanced 「 and 【 (and a stray 」)', () => {
    for (const text of ['指标 「甲 = 1', '指标 【甲 = 1\n指标 乙 = 2', '「'.repeat(200), '「\n'.repeat(1000), '指标 甲」 = 1']) {
      const r = compileChecked({ 'm.zc': text }, 'm.zc');
      expect(r.diagnostics.length).toBeGreaterThan(0);
      if (text.includes('「甲') || text.includes('【')) expect(codes(r)).toContain('ZC0104');
    }
  });

  it('a keyword used as a name', () => {
    const r = compileChecked({ 'm.zc': '条款 一、 {\n  措施 规则 { }\n}' }, 'm.zc');
    const d = r.diagnostics.find((x) => x.code === 'ZC0201');
    expect(d?.message).toContain('“规则”');
    expect(d?.help).toContain('「规则」');
    expect(compileChecked({ 'm.zc': '措施 规则 {' }, 'm.zc').diagnostics.length).toBeGreaterThan(0);
  });

  it('an unknown unit in a type', () => {
    const r = compileChecked({ 'm.zc': '实体 甲 { 乙：时长（光年） }' }, 'm.zc');
    expect(codes(r)).toContain('ZC0303');
    expect(r.diagnostics.find((d) => d.code === 'ZC0303')!.message).toBe('未知单位“光年”');
  });

  it('the 13th month (and other impossible dates)', () => {
    for (const date of ['2023年13月1日', '2023-13-01', '2023年2月29日', '2023年0月1日', '2023年1月0日', '2023年1月32日']) {
      const r = compileChecked({ 'm.zc': `指标 甲 = ${date}` }, 'm.zc');
      expect(codes(r), date).toEqual(['ZC0302']);
    }
  });

  it('lone surrogates, in names, strings, comments and alone', () => {
    for (const text of ['指标 \ud800 = 1', '指标 甲 = "\udc00"', '# \ud800\n指标 甲 = 1', '\udc00\ud800', '指标 甲\ud800 = 1', '「\ud800」']) {
      compileChecked({ 'm.zc': text }, 'm.zc');
    }
    // outside strings, comments and 「」 a lone surrogate is not a name character
    for (const text of ['指标 \ud800 = 1', '指标 甲\udc00 = 1']) expect(codes(compileChecked({ 'm.zc': text }, 'm.zc')), JSON.stringify(text)).toContain('ZC0101');
  });

  it('CRLF line ends: the sample compiles the same, and carets land on the right line and column', () => {
    const crlf = Object.fromEntries(Object.entries(SAMPLE).map(([k, v]) => [k, k.endsWith('.zc') ? v.replace(/\n/g, '\r\n') : v]));
    const lf = compileChecked(SAMPLE, ROOT);
    const cr = compileChecked(crlf, ROOT);
    expect(cr.diagnostics.map((d) => d.code)).toEqual(lf.diagnostics.map((d) => d.code));
    const r = compileChecked({ 'm.zc': '# 第一行\r\n指标 甲 = 2023年13月1日\r\n' }, 'm.zc');
    const text = renderDiagnosticsText(r.diagnostics, r.files, { cwd: '/' });
    expect(text).toContain('m.zc:2:8');
    expect(text).toContain('2 | 指标 甲 = 2023年13月1日\n');
    expect(text).toContain('  |           ^^^^^^^^^^^^^ 此处');
  });

  it('a BOM at the start is white space', () => {
    const bom = { ...SAMPLE, [ROOT]: '\ufeff' + SAMPLE[ROOT]! };
    const r = compileChecked(bom, ROOT);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(codes(compileChecked({ 'm.zc': '\ufeff指标 甲 = 1' }, 'm.zc'))).toEqual([]);
  });

  it('the same input gives the same diagnostics twice (determinism)', () => {
    const text = mutate(SAMPLE[ROOT]!, [{ k: 'del', a: 500, n: 30 }, { k: 'ins', a: 900, s: '「' }]);
    const a = compileChecked({ ...SAMPLE, [ROOT]: text }, ROOT);
    const b = compileChecked({ ...SAMPLE, [ROOT]: text }, ROOT);
    expect(b.diagnostics).toEqual(a.diagnostics);
  });

  describe('deep nesting and long chains (all in one separate process; stack overflows are caught there)', () => {
    const INPUTS = {
      parens100: `'指标 甲 = ' + '('.repeat(100) + '1' + ')'.repeat(100)`,
      parens5000: `'指标 甲 = ' + '('.repeat(5000) + '1' + ')'.repeat(5000)`,
      unclosed5000: `'指标 甲 = ' + '（'.repeat(5000)`,
      not5000: `'性质 甲 { 断言：' + '非 '.repeat(5000) + '是 }'`,
      minus5000: `'指标 甲 = ' + '-'.repeat(5000) + '1'`,
      clauses1000: `'条款 一、 {'.repeat(1000) + '}'.repeat(1000)`,
      plus5000: `'指标 甲 = 1' + ' + 1'.repeat(5000)`,
      and5000: `'性质 甲 { 断言：是' + ' 且 是'.repeat(5000) + ' }'`,
      at150k: `'@'.repeat(150000)`,
    };
    /** Per input: the count of each diagnostic code and of invalid spans, or what was thrown. */
    type Outcome = { ok: true; counts: Record<string, number>; bad: number } | { ok: false; error: string };
    let outcomes: Record<string, Outcome> = {};
    beforeAll(() => {
      ensureDist();
      const r = runIsolated(
        `const { compile } = await import(dist + 'project/program.js');
         const { memoryHost } = await import(dist + 'project/host.js');
         const inputs = { ${Object.entries(INPUTS).map(([k, v]) => `${k}: () => ${v}`).join(',\n')} };
         const out = {};
         for (const [k, make] of Object.entries(inputs)) {
           try {
             const text = make();
             const r = compile(['m.zc'], memoryHost({ 'm.zc': text }));
             const f = r.files.get('m.zc');
             const bad = r.diagnostics.filter((d) => !(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= f.text.length));
             const counts = {};
             for (const d of r.diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
             out[k] = { ok: true, counts, bad: bad.length };
           } catch (e) {
             out[k] = { ok: false, error: String(e).slice(0, 200) + ' ' + String(e && e.stack).split('\\n').slice(1, 3).join(' | ') };
           }
         }
         console.log(JSON.stringify(out));`,
        { timeoutMs: 60_000 },
      );
      expect(r.status, `${r.signal ?? ''} ${r.stderr.slice(0, 500)}`).toBe(0);
      outcomes = JSON.parse(r.stdout) as Record<string, Outcome>;
    });
    /** The input compiled without throwing, every span is valid, and the diagnostics are exactly `counts`. */
    const ok = (k: keyof typeof INPUTS, counts: Record<string, number>) => {
      const o = outcomes[k]!;
      expect(o.ok ? '' : o.error, `${k} threw`).toBe('');
      expect(o.ok && o.bad).toBe(0);
      expect(o.ok && o.counts).toEqual(counts);
    };

    it('100 levels of parentheses are fine', () => ok('parens100', {}));
    it('5,000 terms joined with 且 are fine (the and-chain is flat)', () => ok('and5000', {}));
    it('5,000 levels of parentheses give ZC0204, not a crash', () => ok('parens5000', { ZC0204: 1 }));
    it('5,000 unclosed parentheses give ZC0204, not a crash', () => ok('unclosed5000', { ZC0204: 1 }));
    it('5,000 nested 非 give ZC0204, not a crash', () => ok('not5000', { ZC0204: 1 }));
    it('5,000 unary minus signs give ZC0204, not a crash', () => ok('minus5000', { ZC0204: 1 }));
    it('1,000 nested clauses give ZC0204, not a crash', () => ok('clauses1000', { ZC0204: 1 }));
    it('a flat chain 1 + 1 + … of 5,000 terms gives ZC0204 (from the checker), not a crash', () => ok('plus5000', { ZC0204: 1 }));
    // one run of one character is one ZC0101 naming the count (issue 14), not 150,000
    it('150,000 unrecognised characters give one merged diagnostic, not a crash', () => ok('at150k', { ZC0101: 1 }));
  });
});
