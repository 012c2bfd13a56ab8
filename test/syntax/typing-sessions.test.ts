/**
 * Property: a drafter's editing sessions, parsed as the language server parses them (one long-lived
 * `ParseCache`: re-parsed incrementally, nodes moved in place, lastGood given back), give exactly the
 * whole-file parse (`parseFile`) after every keystroke — tokens (the “}” of no width made up for a block
 * left open included), comments, AST with spans, diagnostics, syntax-error flag, block boundaries — and,
 * for the sample program, `compile` through that cache (incremental bind and check) gives the diagnostics
 * of a fresh compile.
 *
 * A session types a whole new block (规则, 措施 with a set literal, 条款 with a 定义 and brackets, 定性, 存疑)
 * into a policy one to three characters at a time — so that for most of it a “{”, “「”, “"” or “（” is left
 * open — with the slips a drafter makes meanwhile: a character typed and taken back, a brace or bracket
 * typed or deleted elsewhere in the file, an edit at a block boundary, an undo to an earlier text. Some
 * sessions start from a file with a mistake already in it (one “}” deleted, so that a block runs on to the
 * end of the file): edits then re-parse against a parse with errors, which 0323a47's defect (the record of
 * a block's items before its 条款 sharing its diagnostic arrays, blocks.ts PrefixUnit) made wrong.
 *
 * Seeded by test/helpers/seed.ts (ZC_SEED overrides). ZC_TYPING_RUNS sets the number of sessions.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '../../compiler/common/source.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { parseFile, type ParsedFile } from '../../compiler/syntax/index.js';
import { ParseCache, compile } from '../../compiler/project/program.js';
import { memoryHost, nodeHost } from '../../compiler/project/host.js';
// @ts-expect-error — a plain .mjs module of the benchmark (no types)
import { generateLspPolicy } from '../bench/lsp.mjs';
import { parseShape } from './parse-shape.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE_DIR = join(ROOT, 'policies', 'sample');
const SAMPLE_PATH = join(SAMPLE_DIR, '示例.zc');
const SAMPLE = readFileSync(SAMPLE_PATH, 'utf8');
const CHAPTER = readFileSync(join(ROOT, 'policies', 'luanchuan', '第四章.zc'), 'utf8');
const PROPERTIES = readFileSync(join(ROOT, 'policies', 'luanchuan', '性质.zc'), 'utf8');
const TUTORIAL = readFileSync(join(ROOT, 'docs', 'tutorial', 'yucai', '育儿补贴.zc'), 'utf8');
// (the language server benchmark's policy, 300 lines: its last top-level block holds items before its 条款 二、 —
// 机构, 参数 — which blocks.ts parses as one unit and reuses, PrefixUnit)
const GENERATED: string = generateLspPolicy(300) as string;
const RUNS = Number(process.env['ZC_TYPING_RUNS'] ?? 40);

/** What a drafter types: whole blocks, each with something to leave open while it is typed. */
const BLOCKS = [
  '规则 「新规则」 {\n  条件：家庭.子女数 ≥ 3孩\n  补助金额 = 1000元\n}\n',
  '措施 「新措施」 {\n  原文："新的措施"\n  对象：家庭\n  结果 金额：金额 一次性\n  规则 「甲」 {\n    条件：家庭.户籍 属于 {本县、外县} 且 家庭.子女数 ≥ 2\n    金额 = 1000元\n  }\n}\n',
  '条款 （九） "新条款" {\n  原文："（九）新条款。"\n  定义 家庭.「新定义」 = 家庭.子女数 ≥ 2 且 （家庭.子女数 ≤ 5） {\n    原文："新定义"\n  }\n}\n',
  '定性 新定性 {\n  原文："新的定性"\n  类别：上级政策落实\n  理由："因为，所以"\n}\n',
  '存疑 「新疑问」 {\n  原文："新的疑问"\n  解读 甲："甲说"\n  采用：甲\n  理由："因为"\n}\n',
];
/** The characters of a slip elsewhere in the file. */
const SLIP = ['{', '}', '（', '）', '(', ')', '「', '」', '"', '：', '，', '、'];

type Step =
  | { kind: 'type'; n: number }
  | { kind: 'back' }
  | { kind: 'slip'; at: number; ch: number; del: boolean }
  | { kind: 'boundary'; at: number; del: boolean }
  | { kind: 'undo'; back: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('type' as const), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('back' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('slip' as const), at: fc.integer({ min: 0, max: 999_999 }), ch: fc.nat(SLIP.length - 1), del: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('boundary' as const), at: fc.integer({ min: 0, max: 999_999 }), del: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), back: fc.integer({ min: 1, max: 4 }) }) },
);

/** The comparable shape of a parse (parse-shape.ts). */
const shape = (r: { value: ParsedFile; diagnostics: readonly Diagnostic[] }) => parseShape(r);
const key = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
const diagKey = (ds: readonly Diagnostic[]) => key([...ds].map((d) => [d.span.file, d.span.start, d.span.end, d.code, d.severity, d.message]).sort());

/** Offsets of the line starts of `text` whose line begins (after indentation) with a declaration keyword or a “}”. */
function blockBoundaries(text: string): number[] {
  const out: number[] = [];
  const re = /^[ \t]*(?:规则|措施|条款|定义|定性|存疑|指标|实体|机构|性质|前提|}|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m.index);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out.length ? out : [0];
}

/** A code-point boundary at or before `x`. */
const cp = (text: string, x: number) => (x > 0 && x < text.length && /[\udc00-\udfff]/.test(text[x]!) ? x - 1 : x);

let parses = 0;
let open = 0;
let closedIncrementally = 0;
let compiles = 0;

test(`typing a block into a policy (open braces, strings, brackets, slips): the language server's parse equals the whole-file parse after every keystroke (${RUNS} sessions)`, () => {
  fc.assert(
    fc.property(
      fc.constantFrom('sample', 'chapter', 'properties', 'tutorial', 'generated'),
      fc.nat(BLOCKS.length - 1),
      fc.integer({ min: 0, max: 999_999 }),
      fc.option(fc.integer({ min: 0, max: 999_999 }), { freq: 3 }),
      fc.array(step, { minLength: 20, maxLength: 60 }),
      (which, b, where, broken, steps) => {
        let text = { sample: SAMPLE, chapter: CHAPTER, properties: PROPERTIES, tutorial: TUTORIAL, generated: GENERATED }[which];
        // (a mistake already in the file: one “}” deleted — its block runs on to the end of the file)
        if (broken !== null) {
          const braces = [...text.matchAll(/}/g)].map((m) => m.index!);
          const x = braces[broken % braces.length]!;
          text = text.slice(0, x) + text.slice(x + 1);
        }
        const path = which === 'sample' ? SAMPLE_PATH : '/ws/a.zc';
        const bounds = blockBoundaries(text);
        let cursor = bounds[where % bounds.length]!;
        const indent = /^[ \t]*/.exec(text.slice(cursor))![0];
        const block = [...BLOCKS[b]!.replace(/\n(?=.)/g, `\n${indent}`).replace(/^/, indent)];
        let typed = 0;
        const cache = new ParseCache(() => false);
        const compileCache = new ParseCache();
        const disk = nodeHost;
        cache.get(path, text);
        const history: { text: string; cursor: number; typed: number }[] = [];
        for (const s of steps) {
          history.push({ text, cursor, typed });
          if (s.kind === 'type') {
            if (typed >= block.length) continue;
            const piece = block.slice(typed, typed + s.n).join('');
            text = text.slice(0, cursor) + piece + text.slice(cursor);
            cursor += piece.length;
            typed = Math.min(block.length, typed + s.n);
          } else if (s.kind === 'back') {
            if (typed === 0) continue;
            const last = block[typed - 1]!;
            text = text.slice(0, cursor - last.length) + text.slice(cursor);
            cursor -= last.length;
            typed--;
          } else if (s.kind === 'slip' || s.kind === 'boundary') {
            let at: number;
            if (s.kind === 'slip') at = cp(text, Math.floor((s.at / 1_000_000) * text.length));
            else {
              const bs = blockBoundaries(text);
              at = bs[s.at % bs.length]!;
            }
            if (s.del) {
              // (delete a bracket, brace or quote near there — at a boundary, the line's first character)
              const m = s.kind === 'slip' ? /[{}（）()「」"：，、]/.exec(text.slice(at, at + 400)) : /\S/.exec(text.slice(at, at + 80));
              if (!m) continue;
              const x = at + m.index;
              const n = /[\ud800-\udbff]/.test(text[x]!) ? 2 : 1;
              text = text.slice(0, x) + text.slice(x + n);
              if (x < cursor) cursor -= Math.min(n, cursor - x);
            } else {
              const ch = s.kind === 'slip' ? SLIP[s.ch]! : '}\n';
              text = text.slice(0, at) + ch + text.slice(at);
              if (at < cursor || (at === cursor && s.kind === 'boundary')) cursor += ch.length;
            }
          } else {
            const h = history[Math.max(0, history.length - 1 - s.back)]!;
            ({ text, cursor, typed } = h);
          }
          const r = cache.get(path, text);
          const full = parseFile(new SourceFile(path, text));
          const [x, y] = [shape(r), shape(full)];
          if (key(x) !== key(y)) expect(x).toEqual(y);
          parses++;
          if (full.value.syntaxErrors) open++;
          if (full.diagnostics.some((d) => d.code === 'ZC0203' && /之前闭合|集合没有闭合/.test(d.message)) && r.value.tokens.some((t) => t.image === "")) closedIncrementally++;
          // the sample program through compile: incremental bind and check against a fresh compile (every third keystroke)
          if (which === 'sample' && parses % 3 === 0) {
            const inc = compile([SAMPLE_DIR], memoryHost({ [path]: text }, disk), compileCache);
            const fresh = compile([SAMPLE_DIR], memoryHost({ [path]: text }, disk));
            expect(diagKey(inc.diagnostics)).toBe(diagKey(fresh.diagnostics));
            compiles++;
          }
        }
      },
    ),
    { numRuns: RUNS },
  );
  console.info(`typing sessions: ${parses} keystrokes compared, ${open} with a syntax error, ${closedIncrementally} with a block closed by a “}” of no width, ${compiles} compiles compared`);
  // (the sessions mean something only if most keystrokes leave something open, and some are closed by a made-up “}”)
  expect(open).toBeGreaterThan(parses / 2);
  expect(closedIncrementally).toBeGreaterThan(0);
  expect(compiles).toBeGreaterThan(RUNS);
}, 240_000);
