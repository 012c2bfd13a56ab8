/**
 * Shared inputs of the front end's comparison tests (ast-parser.test.ts: the hand-written parser
 * against Chevrotain's; scanner.test.ts: the hand-written scanner against Chevrotain's lexer):
 * every .zc file under policies/ and test/, and seeded random edits of the policies built from
 * fragments of the language (error-free and erroneous texts alike).
 *
 * INVARIANT: the lists and the edit shape are the comparison tests' inputs — a change here changes
 * what both tests draw for a given seed.
 */
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error — a plain .mjs module of the benchmark (no types)
import { generatePolicyCorpus } from '../bench/corpus.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Every .zc file under `dir`, sorted, node_modules skipped. */
export function zcFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (f === 'node_modules') continue;
    if (statSync(p).isDirectory()) zcFiles(p, out);
    else if (f.endsWith('.zc')) out.push(p);
  }
  return out;
}

/** Every .zc file under policies/ and test/, with its text. */
export const INPUTS = [...zcFiles(join(ROOT, 'policies')), ...zcFiles(join(ROOT, 'test'))].map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));

/** The policies' texts: what the random edits start from. */
export const SOURCES = INPUTS.filter((x) => x.path.includes('/policies/')).map((x) => x.text);

/**
 * The .zc files of a generated benchmark corpus (test/bench/corpus.mjs, `lines` lines), read and
 * its directory removed: what the front-end comparison tests feed both ways.
 */
export function generatedCorpus(lines = 3000): { path: string; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'zc-corpus-'));
  try {
    const corpus = generatePolicyCorpus(join(dir, 'p'), lines) as { files: string[] };
    return corpus.files.filter((f) => f.endsWith('.zc')).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fragments of the language a random edit inserts (keywords, names, literals, brackets, quotes, comments). */
export const FRAGMENTS = [
  '措施 ', '规则 「甲」 {', '}', '{', '条件：', '家庭.', ' 并且 ', ' 或者 ', '非 ', '结果 金额：金额 一次性\n', '补助金额 = ', '原文："', '"',
  '「', '」', '（', '）', '、', '，', '；', '：', '.', '\n', ' ', '属于 {国家、省}', '不属于 ', '月龄（婴幼儿.出生日期）', '≥', '<', '不满', '以上', '以下',
  '3孩', '2000元', '一千零五十', '2024年3月1日', '2024年2月30日', '6—24月龄', '24—6月龄', ' 至 ', '之间', '1.5', '零点', '三万万', '3亿亿元',
  '-', '+', '*', '/', '在 ', '第2个', '第0个', ' 按（其.出生日期）第1个', ' 均满足（', ' 至少一个满足（', '其', '数量（家庭.子女）', '某日（',
  '当日', '次日', '是', '否', '未知', '按月', '"\\n"', '"\\q"', '存疑 「甲」 {', '存疑：', '定义 ', '前提 ', '可为负', '列表（', '时长（个月）', '比例（%）',
  '# 注释\n', '𠀀', '§', '\u2028', '日期：', '有效期：2024年1月1日 至 2023年1月1日', '「」', '【甲】',
];

/** One edit at a relative position `a` (0–1) of the text, `b` the relative length it removes. */
export type Edit = { kind: 'insert' | 'delete' | 'replace'; a: number; b: number; text: string };

/** Random edits: a fragment four times in five, else a short random string (`unit: 'binary'`: lone surrogates too). */
export function editArbitrary(fragments: readonly string[], unit?: 'binary'): fc.Arbitrary<Edit> {
  return fc.record({
    kind: fc.constantFrom('insert', 'insert', 'delete', 'replace'),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    b: fc.double({ min: 0, max: 0.02, noNaN: true }),
    text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fragments) }, { weight: 1, arbitrary: unit ? fc.string({ maxLength: 4, unit }) : fc.string({ maxLength: 4 }) }),
  }) as fc.Arbitrary<Edit>;
}

/** `text` with the edit applied, positions counted by code point, or by UTF-16 unit with `units` (lone surrogates too). */
export function applyEdit(text: string, e: Edit, units = false): string {
  const cs = units ? text.split('') : [...text];
  const i = Math.min(cs.length, Math.floor(e.a * cs.length));
  const j = Math.min(cs.length, i + Math.floor(e.b * cs.length) + 1);
  if (e.kind === 'insert') return [...cs.slice(0, i), e.text, ...cs.slice(i)].join('');
  if (e.kind === 'delete') return [...cs.slice(0, i), ...cs.slice(j)].join('');
  return [...cs.slice(0, i), e.text, ...cs.slice(j)].join('');
}
