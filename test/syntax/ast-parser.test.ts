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
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceFile } from '../../compiler/common/source.js';
import { lex } from '../../compiler/syntax/lexer.js';
import { parseTokens, useAstParser } from '../../compiler/syntax/parser.js';
import { parseFile, type ParsedFile } from '../../compiler/syntax/index.js';
// @ts-expect-error — a plain .mjs module of the benchmark (no types)
import { generatePolicyCorpus } from '../bench/corpus.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const RUNS = Number(process.env['ZC_AST_PARSER_RUNS'] ?? 150);

afterEach(() => useAstParser(true));

function zcFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (f === 'node_modules') continue;
    if (statSync(p).isDirectory()) zcFiles(p, out);
    else if (f.endsWith('.zc')) out.push(p);
  }
  return out;
}

const INPUTS = [...zcFiles(join(ROOT, 'policies')), ...zcFiles(join(ROOT, 'test'))].map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));

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
    if ('fastTopItems' in p.value) taken++;
  }
  expect(valid).toBeGreaterThan(10);
  expect(taken).toBe(valid);
});

test('a generated benchmark corpus parses the same both ways', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zc-ast-parser-'));
  try {
    const corpus = generatePolicyCorpus(join(dir, 'p'), 3000) as { files: string[] };
    const files = corpus.files.filter((f) => f.endsWith('.zc'));
    expect(files.length).toBeGreaterThan(3);
    for (const p of files) expectSame(p, readFileSync(p, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ── random mutations ──
const FRAGMENTS = [
  '措施 ', '规则 「甲」 {', '}', '{', '条件：', '家庭.', ' 并且 ', ' 或者 ', '非 ', '结果 金额：金额 一次性\n', '补助金额 = ', '原文："', '"',
  '「', '」', '（', '）', '、', '，', '；', '：', '.', '\n', ' ', '属于 {国家、省}', '不属于 ', '月龄（婴幼儿.出生日期）', '≥', '<', '不满', '以上', '以下',
  '3孩', '2000元', '一千零五十', '2024年3月1日', '2024年2月30日', '6—24月龄', '24—6月龄', ' 至 ', '之间', '1.5', '零点', '三万万', '3亿亿元',
  '-', '+', '*', '/', '在 ', '第2个', '第0个', ' 按（其.出生日期）第1个', ' 均满足（', ' 至少一个满足（', '其', '数量（家庭.子女）', '某日（',
  '当日', '次日', '是', '否', '未知', '按月', '"\\n"', '"\\q"', '存疑 「甲」 {', '存疑：', '定义 ', '前提 ', '可为负', '列表（', '时长（个月）', '比例（%）',
  '# 注释\n', '𠀀', '§', '\u2028', '日期：', '有效期：2024年1月1日 至 2023年1月1日', '「」', '【甲】',
];
const SOURCES = INPUTS.filter((x) => x.path.includes('/policies/')).map((x) => x.text);

type Edit = { kind: 'insert' | 'delete' | 'replace'; a: number; b: number; text: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'delete', 'replace'),
  a: fc.double({ min: 0, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 0.02, noNaN: true }),
  text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }),
}) as fc.Arbitrary<Edit>;

function apply(text: string, e: Edit): string {
  const cps = [...text];
  const i = Math.min(cps.length, Math.floor(e.a * cps.length));
  const j = Math.min(cps.length, i + Math.floor(e.b * cps.length) + 1);
  if (e.kind === 'insert') return [...cps.slice(0, i), e.text, ...cps.slice(i)].join('');
  if (e.kind === 'delete') return [...cps.slice(0, i), ...cps.slice(j)].join('');
  return [...cps.slice(0, i), e.text, ...cps.slice(j)].join('');
}

test(`random mutations of the policies parse the same both ways (${RUNS} texts)`, () => {
  fc.assert(
    fc.property(fc.nat(SOURCES.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat(3), (k, edits, c) => {
      let text = SOURCES[k]!;
      for (const e of edits) text = apply(text, e);
      expectSame('变异.zc', text, c === 0); // (the CST, materialised, in a quarter of the runs: the costly part)
    }),
    { numRuns: RUNS },
  );
});
