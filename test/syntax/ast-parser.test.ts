/**
 * Property: the compile path's parser (compiler/syntax/ast-parser.ts: the expressions' AST built
 * while parsing, no Chevrotain CST) gives exactly what the Chevrotain path gives (parser.ts's CST,
 * then cst-to-ast.ts) — AST with every span, diagnostics, syntax-error flag, tokens, and the CST the
 * formatter reads — on every .zc file under policies/ and test/, on a generated benchmark corpus,
 * and on random mutations of them (error-free and erroneous texts alike: the parser must hand back
 * whatever it does not take, never answer differently).
 *
 * Seeded by test/helpers/seed.ts (ZC_SEED overrides). ZC_AST_PARSER_RUNS scales the mutations.
 */
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import { SourceFile } from '../../compiler/common/source.js';
import { lex } from '../../compiler/syntax/lexer.js';
import { parseTokens, useAstParser } from '../../compiler/syntax/parser.js';
import { parseFile, type ParsedFile } from '../../compiler/syntax/index.js';
import { CATEGORY_TABLES } from '../../compiler/syntax/ast-parser.js';
import { allTokens } from '../../compiler/syntax/tokens.js';
import { tokenMatcher, type IToken } from 'chevrotain';
import { FRAGMENTS, INPUTS, SOURCES, applyEdit, editArbitrary, generatedCorpus } from './front-end-inputs.js';

const RUNS = Number(process.env['ZC_AST_PARSER_RUNS'] ?? 150);

afterEach(() => useAstParser(true));

/** Both paths on one text: what each gives (the CST read after the AST, as the formatter does). */
function both(path: string, text: string, keepCst = false): { fast: ParsedFile; slow: ParsedFile; fd: unknown; sd: unknown } {
  const sf = new SourceFile(path, text);
  useAstParser(true);
  const f = parseFile(sf, { keepCst });
  useAstParser(false);
  const s = parseFile(sf, { keepCst });
  useAstParser(true);
  return { fast: f.value, slow: s.value, fd: f.diagnostics, sd: s.diagnostics };
}

function expectSame(path: string, text: string, keepCst = false): void {
  const { fast, slow, fd, sd } = both(path, text, keepCst);
  expect(fast.ast, path).toStrictEqual(slow.ast);
  expect(fd, path).toStrictEqual(sd);
  expect(fast.syntaxErrors, path).toBe(slow.syntaxErrors);
  expect(fast.tokens, path).toStrictEqual(slow.tokens);
  if (keepCst) expect(fast.cst, path).toStrictEqual(slow.cst);
}

test(`every .zc file under policies/ and test/ parses the same both ways (${INPUTS.length} files), CST included`, () => {
  expect(INPUTS.length).toBeGreaterThan(100);
  for (const { path, text } of INPUTS) expectSame(path, text, true);
});

test('the valid policies are parsed by ast-parser.ts (the comparison is not vacuous)', () => {
  let taken = 0;
  let valid = 0;
  for (const { path, text } of INPUTS.filter((x) => x.path.includes('/policies/'))) {
    const sf = new SourceFile(path, text);
    const l = lex(sf);
    if (l.diagnostics.length) continue;
    const p = parseTokens(sf, l.value.tokens);
    if (p.diagnostics.length) continue;
    valid++;
    if ('fastItems' in p.value) taken++;
  }
  expect(valid).toBeGreaterThan(10);
  expect(taken).toBe(valid);
});

test("the parser's category tables answer as Chevrotain's tokenMatcher for every token type", () => {
  expect(CATEGORY_TABLES.size).toBe(5);
  for (const [category, table] of CATEGORY_TABLES) {
    let members = 0;
    for (const t of allTokens) {
      const is = tokenMatcher({ image: '', startOffset: 0, tokenTypeIdx: t.tokenTypeIdx!, tokenType: t } as IToken, category);
      expect(table[t.tokenTypeIdx!] === 1, `${t.name} in ${category.name}`).toBe(is);
      if (is) members++;
    }
    expect(members, category.name).toBeGreaterThan(1);
  }
});

test('a generated benchmark corpus parses the same both ways', () => {
  const files = generatedCorpus();
  expect(files.length).toBeGreaterThan(3);
  for (const { path, text } of files) expectSame(path, text);
});

// ── random mutations ──

const edit = editArbitrary(FRAGMENTS);

test(`random mutations of the policies parse the same both ways (${RUNS} texts)`, () => {
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(3), (k, edits, c) => {
      let text = SOURCES[k]!;
      for (const e of edits) text = applyEdit(text, e);
      expectSame('变异.zc', text, c === 0); // (the CST, materialised, in a quarter of the runs: the costly part)
    }),
    { numRuns: RUNS },
  );
});

// ── one-shot parses: error-free blocks whole, not in units (ParseOptions.oneShot, `zhengce check`) ──

function expectOneShotSame(path: string, text: string): void {
  const sf = new SourceFile(path, text);
  const units = parseFile(sf);
  const whole = parseFile(sf, { oneShot: true });
  expect(whole.value.ast, path).toStrictEqual(units.value.ast);
  expect(whole.diagnostics, path).toStrictEqual(units.diagnostics);
  expect(whole.value.syntaxErrors, path).toBe(units.value.syntaxErrors);
}

test('a one-shot parse gives its tokens up as its blocks are parsed (not with a CST); a parser out of stack still reports where the nesting is deepest', () => {
  const text = generatedCorpus()[0]!.text;
  const sf = new SourceFile('放弃.zc', text);
  const whole = parseFile(sf, { oneShot: true });
  expect(whole.value.tokens).toStrictEqual([]);
  expect(whole.value.comments.length).toBe(parseFile(sf).value.comments.length);
  expect(whole.value.blocks!.every((b) => b.tokens.length === 0)).toBe(true);
  const withCst = parseFile(sf, { oneShot: true, keepCst: true });
  expect(withCst.value.tokens).toStrictEqual(parseFile(sf).value.tokens);
  expect(withCst.value.cst).toStrictEqual(parseFile(sf, { keepCst: true }).value.cst);
  // (thousands of 非 in a row: the bracket nesting is within the limit, the parser's stack is not)
  for (const deep of ['性质 甲 { 断言：' + '非 '.repeat(100_000) + '是 }', `指标 乙 = ${'（'.repeat(60)}1${'）'.repeat(60)}\n性质 甲 { 断言：${'非 '.repeat(100_000)}是 }`]) {
    const one = parseFile(new SourceFile('深.zc', deep), { oneShot: true });
    const all = parseFile(new SourceFile('深.zc', deep));
    expect(one.diagnostics.map((d) => d.code)).toContain('ZC0204');
    expect(one.diagnostics).toStrictEqual(all.diagnostics);
  }
});

test('a one-shot parse equals the parse in units: every .zc file under policies/ and test/, the generated corpus', () => {
  for (const { path, text } of INPUTS) expectOneShotSame(path, text);
  for (const { path, text } of generatedCorpus()) expectOneShotSame(path, text);
});

test(`a one-shot parse equals the parse in units on random mutations of the policies (${RUNS} texts)`, () => {
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), (k, edits) => {
      let text = SOURCES[k]!;
      for (const e of edits) text = applyEdit(text, e);
      expectOneShotSame('变异.zc', text);
    }),
    { numRuns: RUNS },
  );
});
