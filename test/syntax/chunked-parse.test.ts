/**
 * A long file's one-shot parse lexed a piece at a time (compiler/syntax/index.ts `parseFileInChunks`,
 * `LEX_CHUNK`, made small here) against lexing the whole file first: the same AST, diagnostics, comments, blocks and
 * syntax-error flag — on every .zc file of the repository and a generated corpus joined into one file,
 * and on random mutations of the policies (unclosed strings and quotes, stray and unclosed brackets,
 * unrecognised characters, comments) — with pieces small enough to cut the text hundreds of times.
 * Seeded by test/helpers/seed.ts (ZC_SEED overrides).
 */
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import { SourceFile } from '../../compiler/common/source.js';
import { LEX_CHUNK, parseFile, parseFileInChunks } from '../../compiler/syntax/index.js';
import { FRAGMENTS, INPUTS, SOURCES, applyEdit, editArbitrary, generatedCorpus } from './front-end-inputs.js';

const DEFAULT = { ...LEX_CHUNK };
afterEach(() => {
  Object.assign(LEX_CHUNK, DEFAULT);
});

/** The one-shot parse with pieces of `size` units, and with the whole file lexed first. */
function both(path: string, text: string, size: number) {
  const sf = new SourceFile(path, text);
  Object.assign(LEX_CHUNK, { size, above: size + (size >> 1) });
  const pieces = parseFile(sf, { oneShot: true });
  Object.assign(LEX_CHUNK, { size: Infinity, above: Infinity });
  const whole = parseFile(sf, { oneShot: true });
  Object.assign(LEX_CHUNK, DEFAULT);
  return { pieces, whole };
}

function expectSame(path: string, text: string, size: number): void {
  const { pieces, whole } = both(path, text, size);
  expect(pieces.diagnostics, path).toStrictEqual(whole.diagnostics);
  expect(pieces.value.ast, path).toStrictEqual(whole.value.ast);
  expect(pieces.value.syntaxErrors, path).toBe(whole.value.syntaxErrors);
  expect(pieces.value.comments, path).toStrictEqual(whole.value.comments);
  expect(pieces.value.tokens, path).toStrictEqual(whole.value.tokens);
  const ranges = (r: typeof pieces) => r.value.blocks?.map((b) => [b.start, b.end, b.items.length, b.comments.length, b.unexpected.join(), b.lexDiagnostics.length]);
  expect(ranges(pieces), path).toStrictEqual(ranges(whole));
}

const joined = generatedCorpus(3000).map((f) => f.text.split('\n').filter((l) => !l.startsWith('导入 ')).join('\n')).join('\n');

test('a long file parsed in pieces: every file of the repository and a generated corpus joined into one', () => {
  for (const size of [64, 500, 4096]) {
    for (const { path, text } of INPUTS) expectSame(path, text, size);
    expectSame('语料.zc', joined, size);
    // (after every block: unrecognised characters, a comment, a string over two lines — in the tails cut off and lexed again)
    expectSame('语料.zc', joined.replace(/\n}\n/g, '\n}\n§§ # 注释\n"跨\n行" ☃\n'), size);
    // (a comment right after the "}", where the piece is cut)
    expectSame('语料.zc', joined.replace(/\n}\n/g, '\n}# 紧接\n'), size);
  }
  // (the pieces are really cut — not left to the whole-file path — and the corpus has no error)
  LEX_CHUNK.size = 4096;
  const direct = parseFileInChunks(new SourceFile('语料.zc', joined));
  expect(direct).toBeDefined();
  expect(direct!.value.syntaxErrors).toBe(false);
  expect(direct!.value.ast).toStrictEqual(both('语料.zc', joined, Infinity).whole.value.ast);
});

test('nesting past the limit and a parser out of stack: the whole-file path decides, as before', () => {
  const deepAt = (k: number) => joined.slice(0, k) + '\n指标 深 = ' + '（'.repeat(200) + '1' + '）'.repeat(200) + '\n' + joined.slice(k);
  const cut = joined.indexOf('\n}\n', joined.length >> 1) + 3;
  for (const text of [deepAt(cut), deepAt(joined.length), joined + '\n性质 甲 { 断言：' + '非 '.repeat(100_000) + '是 }\n']) {
    const { pieces, whole } = both('深.zc', text, 4096);
    expect(pieces.diagnostics.map((d) => d.code)).toContain('ZC0204');
    expect(pieces.diagnostics).toStrictEqual(whole.diagnostics);
  }
  // (unclosed "（" before a top-level "}": the nesting runs on into the next piece — 100 there, 50 more
  // further on: ZC0204 for the whole file, which no single piece reaches alone)
  const at = joined.indexOf('\n}\n', 20_000);
  const later = joined.indexOf('\n}\n', 60_000);
  const unclosed = joined.slice(0, at) + '（'.repeat(100) + joined.slice(at, later + 3) + '指标 深 = ' + '（'.repeat(50) + '1' + '）'.repeat(50) + '\n' + joined.slice(later + 3);
  const { pieces, whole } = both('括号.zc', unclosed, 4096);
  expect(whole.diagnostics.map((d) => d.code)).toContain('ZC0204');
  expect(pieces.diagnostics).toStrictEqual(whole.diagnostics);
  expectSame('括号.zc', joined.replace('\n}\n', '\n（ }\n'), 512);
});

test('random mutations of the policies, cut into small pieces, parse as when lexed whole', () => {
  const texts = SOURCES.map((s) => s + '\n' + s);
  fc.assert(
    fc.property(fc.nat({ max: texts.length - 1 }), fc.array(editArbitrary(FRAGMENTS), { minLength: 1, maxLength: 8 }), fc.constantFrom(48, 200, 1000), (i, edits, size) => {
      let text = texts[i]!;
      for (const e of edits) text = applyEdit(text, e);
      expectSame('变异.zc', text, size);
    }),
    { numRuns: 60 },
  );
});
