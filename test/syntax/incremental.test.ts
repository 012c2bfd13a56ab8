/**
 * Property: the incremental front end (`reparseFile`, which re-lexes and re-parses only
 * the top-level blocks an edit touches and reuses the others) gives exactly what the
 * whole-file path (`parseFile`) gives on the edited text — tokens, comments, AST (spans
 * included), diagnostics (as a sorted list), syntax-error flag, block boundaries and, when kept, the CST —
 * after every edit of random edit sequences, each step building on the previous
 * incremental result (so a drift would accumulate).
 *
 * Seeded: ZC_INCREMENTAL_SEED overrides the seed; fast-check prints seed and path on failure.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CstNode, IToken } from 'chevrotain';
import { SourceFile } from '../../compiler/common/source.js';
import { parseFile, reparseFile, type ParsedFile } from '../../compiler/syntax/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = readFileSync(join(ROOT, 'policies', 'sample', '示例.zc'), 'utf8');
const TYPES = readFileSync(join(ROOT, 'policies', 'sample', '类型.zc'), 'utf8');
// a real chapter: one top-level 条款 holding the whole chapter (edits re-parse one item inside it)
const CHAPTER = readFileSync(join(ROOT, 'policies', 'luanchuan', '第四章.zc'), 'utf8');
// many top-level blocks
const BLOCKS = SAMPLE.replace(/^条款 二、[\s\S]*?\n}\n/m, (c) => c.replace(/^  (条款|指标|性质)/gm, '$1'));
const SEED = Number(process.env['ZC_INCREMENTAL_SEED'] ?? 20261205);
const RUNS = 60;
const EDITS = 40; // per run: RUNS × EDITS = 2,400 edits, each compared with a whole-file parse

const FRAGMENTS = [
  '措施 ', '措施 「新措施」 {\n', '规则 「甲」 {', '}', '{', '}\n', '{}', '条件：', '家庭.', '家庭.子女数', ' 二孩及以上', ' 并且 ', '非 ',
  '结果 金额：金额 一次性\n', '补助金额 = ', '原文："', '"', '原文："（一）生育补助。"', '「', '」', '【', '】', '条款 （四） "新" {\n', '条款 五、',
  '实体 户 {\n', '字段：整数', '指标 甲 = ', '2000元', '3孩', '一千零五十', '2024年3月1日', '# 注释 }\n', '#', '\n', '\r\n', '\r', '：', '（', '）',
  '、', '，', '；', '属于 {国家、省}', '导入 "类型.zc"\n', '政策 「P」 {\n来源："source.txt"\n}\n', '月龄（婴幼儿.出生日期）', '≥', '不满', '以上',
  '𠀀', '😀', '\u3000', '"\\', '\\"', '统一', '子女数三以上', '.', '定义 ', '前提 ', '｝', '｛',
];

const boundaries = (text: string): number[] => {
  const out = [0];
  let i = 0;
  for (const ch of text) out.push((i += ch.length));
  return out;
};

type Edit = { kind: 'insert' | 'delete' | 'replace'; a: number; b: number; text: string };
const insertText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('「', '」', '"', '\n', ' ', 'a', '一', '{', '}', '#', '.'), maxLength: 6 }) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(SAMPLE.length), fc.nat(200)).map(([s, n]) => { const cps = [...SAMPLE]; return cps.slice(s % cps.length, (s % cps.length) + n).join(''); }) },
);
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'delete', 'replace'),
  a: fc.double({ min: 0, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 0.05, noNaN: true }),
  text: insertText,
}) as fc.Arbitrary<Edit>;

function apply(text: string, e: Edit): string {
  const bs = boundaries(text);
  const i = Math.min(bs.length - 1, Math.floor(e.a * bs.length));
  const j = Math.min(bs.length - 1, i + Math.floor(e.b * bs.length) + 1);
  const [x, y] = [bs[i]!, bs[j]!];
  if (e.kind === 'insert') return text.slice(0, x) + e.text + text.slice(x);
  if (e.kind === 'delete') return text.slice(0, x) + text.slice(y);
  return text.slice(0, x) + e.text + text.slice(y);
}

const tok = (t: IToken) => [t.tokenType.name, t.image, t.startOffset, t.endOffset];
function cstShape(n: CstNode): unknown {
  const kids: Record<string, unknown[]> = {};
  for (const k of Object.keys(n.children).sort()) kids[k] = n.children[k]!.map((c) => ('tokenType' in c ? tok(c as IToken) : cstShape(c as CstNode)));
  return { name: n.name, loc: [n.location?.startOffset, n.location?.endOffset], recovered: !!n.recoveredNode, kids };
}
function shape(r: { value: ParsedFile; diagnostics: unknown[] }) {
  return {
    tokens: r.value.tokens.map(tok),
    comments: r.value.comments.map(tok),
    ast: r.value.ast,
    // (the same diagnostics; inside a re-parsed 条款 item they may come in another order — every consumer sorts them)
    diagnostics: [...r.diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code) || a.message.localeCompare(b.message)),
    syntaxErrors: r.value.syntaxErrors,
    blocks: r.value.blocks?.map((b) => [b.start, b.end]),
    cst: r.value.cst ? cstShape(r.value.cst) : undefined,
  };
}

let edits = 0;
let reused = 0;

test(`incremental parse equals the whole-file parse after every edit (seed ${SEED}, ${RUNS} × ${EDITS} edits)`, () => {
  fc.assert(
    fc.property(
      fc.constantFrom(SAMPLE, TYPES, CHAPTER, BLOCKS, '', '导入 "类型.zc"\n'),
      fc.array(edit, { minLength: EDITS, maxLength: EDITS }),
      fc.boolean(),
      (initial, es, keepCst) => {
        const opts = { keepCst };
        let text = initial;
        let prev = parseFile(new SourceFile('/ws/a.zc', text), opts);
        for (const e of es) {
          text = apply(text, e);
          const sf = new SourceFile('/ws/a.zc', text);
          const inc = reparseFile(prev.value, sf, opts);
          const full = parseFile(sf, opts);
          expect(shape(inc)).toEqual(shape(full));
          edits++;
          // reuse: some token of the previous parse kept as it is (not lexed again)
          const before = new Set(prev.value.tokens);
          if (inc.value.tokens.some((t) => before.has(t))) reused++;
          prev = inc;
        }
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  console.info(`incremental property: ${edits} edits, ${reused} re-used part of the previous parse`);
  expect(edits).toBeGreaterThanOrEqual(RUNS * EDITS);
  // The property means something only if blocks are actually reused (not re-parsed whole every time).
  expect(reused).toBeGreaterThan(edits / 20);
  expect(CHAPTER.length).toBeGreaterThan(10_000);
}, 600_000);

test('an edit inside one block re-parses that block only; later blocks are moved, earlier ones reused as they are', () => {
  const text = SAMPLE;
  const a = parseFile(new SourceFile('/ws/a.zc', text));
  const blocks = a.value.blocks!;
  expect(blocks.length).toBeGreaterThan(5);
  const k = Math.floor(blocks.length / 2);
  const at = blocks[k]!.end - 1; // just before the closing "}" of a middle block
  const edited = text.slice(0, at) + '\n# 新注释\n' + text.slice(at);
  const b = reparseFile(a.value, new SourceFile('/ws/a.zc', edited));
  const nb = b.value.blocks!;
  expect(nb.length).toBe(blocks.length);
  for (let i = 0; i < k; i++) expect(nb[i]).toBe(blocks[i]); // same objects
  expect(nb[k]).not.toBe(blocks[k]);
  for (let i = k + 1; i < nb.length; i++) {
    expect(nb[i]!.start).toBe(blocks[i]!.start + '\n# 新注释\n'.length);
    expect(nb[i]!.items).toEqual(parseFile(new SourceFile('/ws/a.zc', edited)).value.blocks![i]!.items);
  }
  expect(b.diagnostics).toEqual(parseFile(new SourceFile('/ws/a.zc', edited)).diagnostics);
});

test('an unclosed string or brace typed into a block widens the re-parse to the end of the file, as a whole-file parse sees it', () => {
  const a = parseFile(new SourceFile('/ws/a.zc', SAMPLE));
  for (const inserted of ['"', '{', '「', '#']) {
    const at = a.value.blocks![1]!.start + 1;
    const edited = SAMPLE.slice(0, at) + inserted + SAMPLE.slice(at);
    const sf = new SourceFile('/ws/a.zc', edited);
    expect(shape(reparseFile(a.value, sf))).toEqual(shape(parseFile(sf)));
  }
});
