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
 * deeper local run. Known defects are `it.fails` tests named “KNOWN BUG”; when one
 * is fixed, its test starts failing: turn it into a plain `it`.
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
import { ensureDist, runIsolated, runIsolatedAsync, type IsolatedResult } from '../helpers/dist.js';
import { badSpans, REPO_DIR } from '../helpers/golden.js';

const SCALE = Math.max(1, Number(process.env['ZC_FUZZ_SCALE'] ?? 1));
const runs = (n: number) => Math.round(n * SCALE);
/** Replay a reported failure with ZC_FUZZ_SEED=<seed>. */
const SEED = {
  ...(process.env['ZC_FUZZ_SEED'] ? { seed: Number(process.env['ZC_FUZZ_SEED']) } : {}),
  // shrinking re-runs the compiler thousands of times: only on request (ZC_FUZZ_SHRINK=1)
  endOnFailure: !process.env['ZC_FUZZ_SHRINK'],
};

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

// ─── invariants ─────────────────────────────────────────────────────────────

let cases = 0;
/** Property tests that ran (the total is only checked when all of them ran). */
const ran = new Set<string>();
const PROPERTY_TESTS = 6;

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
  const prop = (arb: fc.Arbitrary<string>, numRuns: number) =>
    fc.assert(
      fc.property(arb, (text) => {
        cases++;
        compileChecked({ 'm.zc': text }, 'm.zc');
      }),
      { numRuns, ...SEED },
    );

  it('binary strings (any UTF-16 code unit, lone surrogates included)', () => {
    ran.add('binary');
    prop(fc.string({ unit: 'binary', maxLength: 200 }), runs(1600));
  });
  it('grapheme strings (any Unicode grapheme)', () => {
    ran.add('grapheme');
    prop(fc.string({ unit: 'grapheme', maxLength: 120 }), runs(1600));
  });
  it('strings built from DSL tokens, punctuation of both widths, quotes, numerals, dates and odd characters', () => {
    ran.add('vocab');
    prop(vocabString, runs(2800));
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
    ran.add('chunks');
    fc.assert(
      fc.property(fc.nat(), mutations, (i, ms) => {
        cases++;
        parseChecked(mutate(CHUNKS[i % CHUNKS.length]!, ms));
      }),
      { numRuns: runs(3800), ...SEED },
    );
  });

  it('mutated whole files compiled as the sample program (imports, 原文, parameters)', () => {
    ran.add('files');
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLE_ZC), mutations, (file, ms) => {
        cases++;
        compileChecked({ ...SAMPLE, [file]: mutate(SAMPLE[file]!, ms) }, ROOT);
      }),
      { numRuns: runs(300), ...SEED },
    );
  });

  it('every line-boundary prefix of every sample file (“half a file”)', () => {
    ran.add('prefixes');
    for (const f of SAMPLE_ZC) {
      const text = SAMPLE[f]!;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        cases++;
        compileChecked({ ...SAMPLE, [f]: text.slice(0, i) }, ROOT);
      }
    }
  });

  it('ran at least 10,000 property cases in total', (ctx) => {
    // (runs after the property tests above, in file order; skipped when a filter left some out)
    if (ran.size < PROPERTY_TESTS) ctx.skip();
    console.info(`robustness: ${cases} property cases`);
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });
});

// ─── (c) specific nasty inputs ──────────────────────────────────────────────

function codes(r: { diagnostics: readonly Diagnostic[] }): string[] {
  return [...new Set(r.diagnostics.map((d) => d.code))].sort();
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
      const t0 = performance.now();
      const r = compile(['m.zc'], memoryHost({ 'm.zc': text }));
      expect(badSpans(r)).toEqual([]);
      expect(codes(r)).toContain('ZC0101');
      expect(performance.now() - t0).toBeLessThan(8000);
    }
    // (rendering all of them is checked in a separate process below)
    const small = Buffer.from(b.slice(0, 1024)).toString('latin1');
    compileChecked({ 'm.zc': small }, 'm.zc');
  });

  describe('a 10 MB single line finishes in a few seconds', () => {
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
        const t0 = performance.now();
        const r = compileChecked({ 'm.zc': text }, 'm.zc');
        const ms = performance.now() - t0;
        console.info(`10 MB line (${what}): ${ms.toFixed(0)} ms, ${r.diagnostics.length} diagnostics`);
        expect(badSpans(r)).toEqual([]);
        expect(ms).toBeLessThan(8000);
      });
    }

  });

  describe('inputs that must not take long (each in its own process, run concurrently, killed after 8 s)', () => {
    const BYTES = `let x = 0x2024; const b = new Uint8Array(64 * 1024);
       for (let i = 0; i < b.length; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; b[i] = x & 0xff; }`;
    const RUNS = {
      // a valid 10 MB file of tokens (it used to take > 100 s and > 2 GB)
      semicolons: `const res = compile(['m.zc'], memoryHost({ 'm.zc': '；'.repeat(10 * 1024 * 1024) }));`,
      // ~16,000 ZC0101 diagnostics (it used to take minutes: a few ms of string-width each)
      binaryRender: `${BYTES}
       const res = compile(['m.zc'], memoryHost({ 'm.zc': Buffer.from(b).toString('latin1') }));
       renderDiagnosticsText(res.diagnostics, res.files, { cwd: '/' });`,
      // just under the size limit: a valid file of 4 million tokens (~43 s today)
      semicolonsUnderLimit: `const res = compile(['m.zc'], memoryHost({ 'm.zc': '；'.repeat(MAX_FILE - 1) }));`,
      // 300 KB of “指标 ” (each keyword a parse error): ~29 s today — parser.ts helpFor() does
      // tokens.indexOf(t) per error (quadratic) and every Chevrotain error captures a stack trace
      keywords: `const res = compile(['m.zc'], memoryHost({ 'm.zc': '指标 '.repeat(100000) }));
       renderDiagnosticsText(res.diagnostics, res.files, { cwd: '/' });`,
      // one diagnostic on a 100,000-character line (it used to take ~20 s: the whole line was measured)
      longLineRender: `const res = compile(['m.zc'], memoryHost({ 'm.zc': '甲'.repeat(100000) }));
       renderDiagnosticsText(res.diagnostics, res.files, { cwd: '/' });`,
    };
    const results = new Map<string, IsolatedResult>();
    beforeAll(async () => {
      ensureDist();
      const head = `const { compile, MAX_FILE } = await import(dist + 'project/program.js');
        const { memoryHost } = await import(dist + 'project/host.js');
        const { renderDiagnosticsText } = await import(dist + 'diagnostics/render.js');\n`;
      // the known-slow runs get a low priority so that they do not starve the others
      const slow = new Set(['semicolonsUnderLimit', 'keywords']);
      await Promise.all(Object.entries(RUNS).map(async ([k, code]) => results.set(k, await runIsolatedAsync(head + code, { timeoutMs: 8_000, ...(slow.has(k) ? { nice: 19 } : {}) }))));
      console.info([...results].map(([k, r]) => `${k}: ${r.status === 0 ? 'ok' : `killed/failed (${r.signal ?? r.status})`} after ${r.ms} ms`).join('\n'));
    });
    const finished = (k: keyof typeof RUNS) => {
      const r = results.get(k)!;
      expect(r.status, `${r.signal ?? ''} after ${r.ms} ms ${r.stderr.slice(0, 300)}`).toBe(0);
    };
    it('a 10 MB line (“；” repeated) is refused quickly with ZC0005, not parsed for minutes', () => finished('semicolons'));
    it('rendering the diagnostics of 64 KiB of random bytes is fast (at most 200 shown)', () => finished('binaryRender'));
    it('rendering one diagnostic on a 100,000-character line is fast (a window of the line is echoed)', () => finished('longLineRender'));
    it.fails('KNOWN BUG: a valid file just under the size limit (4 million “；”) takes ~40 s', () => finished('semicolonsUnderLimit'));
    it.fails('KNOWN BUG: 300 KB of a keyword repeated (指标 指标 …, 100,000 parse errors) takes ~30 s', () => finished('keywords'));
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
    type Outcome = { ok: true; codes: string[]; bad: number } | { ok: false; error: string };
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
             out[k] = { ok: true, codes: [...new Set(r.diagnostics.map((d) => d.code))], bad: bad.length };
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
    const ok = (k: keyof typeof INPUTS) => {
      const o = outcomes[k]!;
      expect(o.ok ? '' : o.error, `${k} threw`).toBe('');
      expect(o.ok && o.bad).toBe(0);
    };

    it('100 levels of parentheses are fine', () => ok('parens100'));
    it('5,000 terms joined with 且 are fine (the and-chain is flat)', () => ok('and5000'));
    it('5,000 levels of parentheses give ZC0204, not a crash', () => ok('parens5000'));
    it('5,000 unclosed parentheses give a diagnostic, not a crash', () => ok('unclosed5000'));
    it('5,000 nested 非 give a diagnostic, not a crash', () => ok('not5000'));
    it('5,000 unary minus signs give a diagnostic, not a crash', () => ok('minus5000'));
    it('1,000 nested clauses give a diagnostic, not a crash', () => ok('clauses1000'));
    it('a flat chain 1 + 1 + … of 5,000 terms gives a diagnostic, not a crash', () => ok('plus5000'));
    it('150,000 unrecognised characters give 150,000 diagnostics, not a crash', () => ok('at150k'));
  });
});
