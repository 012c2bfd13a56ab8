/**
 * Property: the hand-written scanner (compiler/syntax/scanner.ts) gives exactly the token stream of
 * the Chevrotain lexer over tokens.ts's `lexingOrder` (`chevrotainTokenize`, the reference) — every
 * token's image, offsets, type and type index, every comment — and the whole front end gives the
 * same result on either (`useScanner`): tokens, comments, diagnostics, AST with every span.
 * Inputs: every .zc file under policies/ and test/, a generated benchmark corpus, random mutations
 * of the policies (the ast-parser comparison's fragments), every single UTF-16 unit in a few
 * contexts, random strings over the lexer's special characters, and sub-ranges (`lexRange` with
 * an offset, as the incremental front end re-lexes a block).
 *
 * Seeded by test/helpers/seed.ts (ZC_SEED overrides). ZC_SCANNER_RUNS scales the random parts.
 */
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import type { IToken } from 'chevrotain';
import { SourceFile } from '../../compiler/common/source.js';
import { chevrotainTokenize, lexRange, useScanner } from '../../compiler/syntax/lexer.js';
import { scan, UNIT_SAMPLES, UNIT_SAMPLE_ANSWERS } from '../../compiler/syntax/scanner.js';
import { nestingDepth, parseFile } from '../../compiler/syntax/index.js';
import { blockEnds } from '../../compiler/syntax/blocks.js';
import { FRAGMENTS, INPUTS, SOURCES, applyEdit, editArbitrary, generatedCorpus } from './front-end-inputs.js';

const RUNS = Number(process.env['ZC_SCANNER_RUNS'] ?? 100);

afterEach(() => useScanner(true));

/** A token as plain data: everything a token carries (its type by name and by index). */
const plain = (t: IToken) => ({ image: t.image, startOffset: t.startOffset, endOffset: t.endOffset, type: t.tokenType.name, idx: t.tokenTypeIdx, keys: Object.keys(t).join() });

/** Tokens as one string (cheap to compare; `expectSameTokens` shows the tokens only on a difference). */
const sig = (ts: readonly IToken[]) => ts.map((t) => `${t.startOffset}\u0000${t.endOffset}\u0000${t.tokenType.name}\u0000${t.tokenTypeIdx}\u0000${Object.keys(t).join()}\u0000${t.image}`).join('\u0001');

/** The scanner and the reference agree on `text` (token by token; the first difference is what fails). */
function expectSameTokens(text: string, label = ''): void {
  const a = scan(text);
  const b = chevrotainTokenize(text);
  expect(b.errors, label).toEqual([]);
  if (sig(a.tokens) !== sig(b.tokens)) expect(a.tokens.map(plain), label).toStrictEqual(b.tokens.map(plain));
  if (sig(a.comments) !== sig(b.comments)) expect(a.comments.map(plain), label).toStrictEqual(b.comments.map(plain));
  expect(a.tokens.length + a.comments.length, label).toBe(b.tokens.length + b.comments.length);
}

/** `lexRange` (tokens, comments, runs of unrecognised characters, lexical diagnostics) on either lexer. */
function expectSameLex(text: string, a = 0, b = text.length): void {
  const sf = new SourceFile('范围.zc', text);
  useScanner(true);
  const f = lexRange(sf, a, b);
  useScanner(false);
  const s = lexRange(sf, a, b);
  useScanner(true);
  expect(sig(f.value.tokens)).toBe(sig(s.value.tokens));
  expect(sig(f.value.comments)).toBe(sig(s.value.comments));
  expect(f.value.unexpected).toStrictEqual(s.value.unexpected);
  expect(f.diagnostics).toStrictEqual(s.diagnostics);
  expectCountedBrackets(f.value);
  expectCountedBrackets(s.value);
}

/** lexRange's `depth` and `ends` (counted while it compacts the tokens) are `nestingDepth` and `blockEnds` of its tokens. */
function expectCountedBrackets(r: { tokens: IToken[]; depth: number; ends: number[] }, label = ''): void {
  expect(r.depth, label).toBe(nestingDepth(r.tokens).depth);
  expect(r.ends, label).toStrictEqual(blockEnds(r.tokens));
}

/** The whole front end (lex, parse, AST, diagnostics) on either lexer. */
function expectSameParse(path: string, text: string): void {
  const sf = new SourceFile(path, text);
  useScanner(true);
  const f = parseFile(sf);
  useScanner(false);
  const s = parseFile(sf);
  useScanner(true);
  expect(f.diagnostics, path).toStrictEqual(s.diagnostics);
  expect(f.value.ast, path).toStrictEqual(s.value.ast);
  expect(sig(f.value.tokens), path).toBe(sig(s.value.tokens));
  expect(sig(f.value.comments), path).toBe(sig(s.value.comments));
  expect(f.value.syntaxErrors, path).toBe(s.value.syntaxErrors);
}

test(`every .zc file under policies/ and test/ scans the same both ways, and parses the same (${INPUTS.length} files)`, () => {
  expect(INPUTS.length).toBeGreaterThan(100);
  for (const { path, text } of INPUTS) {
    expectSameTokens(text, path);
    expectSameParse(path, text);
    expectCountedBrackets(lexRange(new SourceFile(path, text), 0, text.length).value, path);
  }
});

test('a generated benchmark corpus scans and parses the same both ways', () => {
  const files = generatedCorpus();
  expect(files.length).toBeGreaterThan(3);
  for (const { path, text } of files) {
    expectSameTokens(text, path);
    expectSameParse(path, text);
  }
});

test('every UTF-16 unit scans the same both ways: alone, after a number, inside a name, doubled', () => {
  // (one text per context, the units separated by a line break: a unit's token cannot reach past it
  // except inside a string — the "…" units are checked alone below)
  const contexts: [string, string][] = [['', ''], ['3', ''], ['3 ', '甲'], ['甲', '乙'], ['', '']];
  for (const [pre, post] of contexts) {
    for (let lo = 0; lo < 0x10000; lo += 0x1000) {
      const parts: string[] = [];
      for (let c = lo; c < lo + 0x1000; c++) {
        const ch = String.fromCharCode(c);
        parts.push(pre + (pre === '' && post === '' && parts.length % 2 ? ch + ch : ch) + post);
      }
      expectSameTokens(parts.join('\n'), `units ${lo.toString(16)}… in “${pre}_${post}”`);
    }
  }
  for (let c = 0; c < 0x10000; c += 97) expectSameTokens(String.fromCharCode(c) + '"' + String.fromCharCode(c), `unit ${c.toString(16)} around a quote`);
});

// ── random texts ──
/** The characters and words the lexer decides on (keywords, units, numerals, brackets, quotes, escapes, surrogates). */
const ALPHABET = [
  ...'甲乙户籍 \t\n\r\u3000\u00a0\u2028\ufeff#＃"\\「」【】0123456789０９.．·一二三十百千万亿两零〇○廿卅点年月日号-－/／{}｛｝()（）:：,，、;；。>=<!＞＝＜！≥≤≠⩾⩽+＋*×＊÷~～〜—–%％‰_aZ§😀\ud800\udc00',
  '𠀀', '𰀀', '及以上', '以上', '以下', '不满', '不属于', '属于', '等于', '不等于', '为', '且', '并且', '或', '非', '至', '一次性', '按月', '可为负',
  '至少一个满足', '均满足', '均不满足', '元', '万元', '个月', '个工作日', '周岁', '孩', '岁', '措施', '规则', '条件', '金额', '日期', '在',
  '2024年3月1日', '2024-3-1', '二〇二四年三月一日', '1万5', '3点6', '1.5',
];
const randomText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((a) => a.join(''));

test(`random strings over the lexer's special characters scan the same both ways (${RUNS * 10} texts)`, () => {
  fc.assert(fc.property(randomText, (t) => expectSameTokens(t, JSON.stringify(t))), { numRuns: RUNS * 10 });
});

test(`lexRange leaves no token of a type it re-types or drops, and reports each lexical diagnostic (${RUNS * 10} texts)`, () => {
  // (its walk skips the tokens whose type needs nothing: every type that does must be looked at)
  const retyped = new Set(['Word', 'BadString', 'BadQuotedName', 'Unexpected']);
  fc.assert(
    fc.property(randomText, (t) => {
      for (const x of lexRange(new SourceFile('类型.zc', t), 0, t.length).value.tokens) expect(retyped.has(x.tokenType.name), `${x.tokenType.name} in ${JSON.stringify(t)}`).toBe(false);
    }),
    { numRuns: RUNS * 10 },
  );
  const codes = (t: string) => lexRange(new SourceFile('诊断.zc', t), 0, t.length).diagnostics.map((d) => d.code);
  expect(codes('甲 "乙')).toStrictEqual(['ZC0102']);
  expect(codes('甲及以上乙')).toStrictEqual(['ZC0103']);
  expect(codes('「甲')).toStrictEqual(['ZC0104']);
  expect(codes('「」')).toStrictEqual(['ZC0107']);
  expect(codes('统一规划')).toStrictEqual(['ZC0108']);
  expect(lexRange(new SourceFile('类别.zc', '类别：一般'), 0, 6).value.tokens.map((x) => x.image)).toStrictEqual(['类别', '：', '一般']);
});

test(`lexRange counts the bracket nesting and the block ends as nestingDepth and blockEnds do: stray closers, unrecognised characters and 类别 words between brackets (${RUNS * 10} texts)`, () => {
  const brackets = fc.array(fc.constantFrom('{', '}', '｛', '｝', '(', ')', '（', '）', '甲', ' ', '😀', '§', '一般', '条款一致', '"', '「'), { maxLength: 60 }).map((a) => a.join(''));
  fc.assert(fc.property(fc.oneof(brackets, randomText), (t) => expectSameLex(t)), { numRuns: RUNS * 10 });
  // (closers before any opener: never below 0 — a stray "}" ends a block; parentheses and braces nest together)
  const sf = new SourceFile('括号.zc', '}){甲(乙{丙}）}}（{');
  const r = lexRange(sf, 0, sf.text.length).value;
  expect(r.depth).toBe(3);
  expect(r.ends).toStrictEqual([1, 11, 12]);
});

// ── random mutations (the ast-parser comparison's fragments) ──
const FRAGMENTS_HERE = [...FRAGMENTS, '\\', '\ud800', '\r\n'];

const edit = editArbitrary(FRAGMENTS_HERE, 'binary');

test(`random mutations of the policies scan and parse the same both ways (${RUNS} texts; the whole front end in about a quarter)`, () => {
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(3), (k, edits, c) => {
      let text = SOURCES[k]!;
      for (const e of edits) text = applyEdit(text, e, true); // (by UTF-16 unit: lone surrogates too)
      expectSameTokens(text, 'mutation');
      expectSameLex(text);
      if (c === 0) expectSameParse('变异.zc', text); // (the parse is a function of the tokens; the whole front end in a quarter of the runs)
    }),
    { numRuns: RUNS },
  );
});

test(`lexRange of a sub-range (offsets into the file) is the same both ways (${RUNS} ranges)`, () => {
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (k, x, y) => {
      const text = SOURCES[k]!;
      expectSameLex(text, Math.floor(Math.min(x, y) * text.length), Math.floor(Math.max(x, y) * text.length));
    }),
    { numRuns: RUNS },
  );
});

// ── the scanner's spelling cache (names and numbers up to 12 units: the string of a spelling met before) ──
test('names and numbers keep their own text through the spelling cache: 50,000 distinct spellings (many to each of its 4,096 slots), each written twice', () => {
  // (three-character names: many spellings of one length share a slot — each must be compared, not taken
  // for another of its length; and numbers of every length up to the 12-unit limit and past it)
  const chars = [...'家庭成员申请人子女配偶父母收入住房补贴标准月龄周岁残疾低保特困救助医疗教育就业养老托育生育'];
  const names: string[] = [];
  for (let i = 0; names.length < 50_000; i++) names.push(`${chars[i % chars.length]}${chars[Math.floor(i / chars.length) % chars.length]}${String.fromCharCode(0x5000 + Math.floor(i / (chars.length * chars.length)))}`);
  const numbers = Array.from({ length: 40 }, (_, i) => '9'.repeat(1 + (i % 16)) + String(i));
  const text = [...names, ...names.slice().reverse(), ...numbers, ...numbers].join(' ');
  const { tokens } = scan(text);
  expect(new Set(tokens.filter((t) => t.tokenType.name === 'Name').map((t) => t.image)).size).toBeGreaterThan(40_000);
  for (const t of tokens) if (t.image !== text.slice(t.startOffset, t.endOffset! + 1)) expect(t.image).toBe(text.slice(t.startOffset, t.endOffset! + 1));
  expectSameTokens(text.slice(0, 20_000));
});

test("unitAt's calls while the scanner loads take its rare paths (type feedback before V8 optimizes scan) and answer as scan does", () => {
  // a unit apart from its number (the loop over the spaces between), and a unit word followed by a name character
  expect(UNIT_SAMPLES.some(([text, at]) => at > 1 && /^[0-9]+[ \t\u3000]+$/.test(text.slice(0, at)))).toBe(true);
  expect(UNIT_SAMPLES.some(([text, at]) => at === 1 && UNIT_SAMPLE_ANSWERS[UNIT_SAMPLES.findIndex((x) => x[1] === at && x[0] === text)] === undefined)).toBe(true);
  UNIT_SAMPLES.forEach(([text, at], k) => {
    const unit = scan(text).tokens.find((t) => t.startOffset === at && t.tokenType.name === 'Unit');
    expect(UNIT_SAMPLE_ANSWERS[k], text).toBe(unit?.image);
    expectSameTokens(text);
  });
});
