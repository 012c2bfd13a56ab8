/**
 * Property: random edit sequences sent as incremental didChange never crash or stall
 * the server, every published diagnostic has a valid range for the text of the version
 * it was published for, and the final diagnostics equal (code, range, message) those of
 * the compiler on the final text (converted with the server's own position module).
 *
 * Edits: insertions, deletions and replacements at code-point boundaries (as an editor
 * makes them), of random Unicode (surrogate pairs included), pastes of the sample text,
 * and half-typed constructs from a vocabulary of DSL fragments; sometimes several
 * changes in one notification, sometimes a request between edits (which makes the
 * server publish an intermediate version).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LineIndex, splitsSurrogate } from '../../vscode-extension/server/src/positions.js';
import { LspClient, FIXTURE, cleanupBundle } from './helpers/client.js';
import { compilerDiagnostics, expectedTriples, publishedTriples } from './helpers/text.js';

const SAMPLE = readFileSync(join(FIXTURE, '示例.zc'), 'utf8');
const TYPES = readFileSync(join(FIXTURE, '类型.zc'), 'utf8');
const RUNS = 200;

const FRAGMENTS = [
  '措施 ', '措施 「新措施」 {\n', '规则 「甲」 {', '规则 乙 例外于 「甲」 {\n', '}', '{', '}\n', '条件：', '家庭.', '家庭.子女数', '子女数', ' 二孩及以上', ' 并且 ', ' 或 ', '非 ',
  '结果 金额：金额 一次性\n', '补助金额 = ', '原文："', '"', '原文："（一）生育补助。"', '「', '」', '【', '】', '条款 （四） "新" {\n', '条款 五、', '实体 户 {\n', '字段：整数',
  '指标 甲 = ', '指标 「乙」：金额 = 1元 + ', '2000元', '3孩', '1.5万元', '一千零五十', '十二个月', '6—36月龄', '2024年3月1日', '2024-02-30', '# 注释 😀\n', '\n', '\r\n', '\r', '：', ':', '（', '）',
  '(', ')', '、', '，', ',', '；', '属于 {国家、省}', '存疑 「疑」 {\n解读 甲："一"\n采用：甲\n', '例外于 ', '导入 "类型.zc"\n', '导入 "不存在.zc"\n', '政策 「P」 {\n来源："source.txt"\n}\n', '周岁（',
  '月龄（婴幼儿.出生日期）', '≥', '>=', '不满', '以上', '至', '为', '𠀀', '😀', '\u3000', '\t', '＃', '"\\', '\\"', '参数 法定产假天数：时长（天） 来自 "参数.yaml"\n', '性质 「非负」 {\n断言：',
];

/** Split a string into code points so offsets never fall inside a surrogate pair. */
const boundaries = (text: string): number[] => {
  const out = [0];
  let i = 0;
  for (const ch of text) {
    i += ch.length;
    out.push(i);
  }
  return out;
};

type Edit = { kind: 'insert' | 'delete' | 'replace'; a: number; b: number; text: string; batch: boolean; probe: boolean };

const insertText = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('😀', '𠀀', '𝒳', '中', '「', '」', '"', '\n', ' ', 'a', '一'), maxLength: 8 }) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(SAMPLE.length), fc.nat(120)).map(([s, n]) => { const cps = [...SAMPLE]; return cps.slice(s % cps.length, (s % cps.length) + n).join(''); }) },
);

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert', 'insert', 'delete', 'replace'),
  a: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x as number),
  b: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x as number),
  text: insertText,
  batch: fc.boolean(),
  probe: fc.boolean(),
}) as fc.Arbitrary<Edit>;

const scenario = fc.record({
  initial: fc.constantFrom(SAMPLE, TYPES, '', '导入 "类型.zc"\n'),
  edits: fc.array(edit, { minLength: 1, maxLength: 8 }),
});

let c: LspClient;
let n = 0;
const errorsLogged: string[] = [];
/** Codes seen in final publications (the generator must reach many kinds of error). */
const codes = new Map<string, number>();
let intermediate = 0;

beforeAll(async () => {
  c = await LspClient.start({ initializationOptions: { debounceMs: 20 }, requestTimeoutMs: 5000 });
  c.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) errorsLogged.push(p.message);
  });
}, 60_000);

afterAll(async () => {
  await c?.stop();
  cleanupBundle();
});

function checkRanges(text: string, p: PublishDiagnosticsParams): void {
  const idx = new LineIndex(text);
  const valid = (pos: { line: number; character: number }) => {
    expect(pos.line).toBeGreaterThanOrEqual(0);
    expect(pos.line).toBeLessThan(idx.lineCount);
    expect(pos.character).toBeGreaterThanOrEqual(0);
    expect(pos.character).toBeLessThanOrEqual(idx.lineText(pos.line).length);
    expect(splitsSurrogate(text, idx.offsetAt(pos))).toBe(false);
  };
  for (const d of p.diagnostics) {
    valid(d.range.start);
    valid(d.range.end);
    expect(idx.offsetAt(d.range.start)).toBeLessThanOrEqual(idx.offsetAt(d.range.end));
    for (const r of d.relatedInformation ?? []) if (r.location.uri === p.uri) { valid(r.location.range.start); valid(r.location.range.end); }
  }
}

test(`${RUNS} random edit sequences: no crash, no stall, valid ranges, final diagnostics = compiler`, async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ initial, edits }) => {
      const path = join(FIXTURE, `随机-${n++}.zc`);
      const texts = new Map<number, string>();
      let text = initial;
      const uri = await c.open(path, text, 1);
      texts.set(1, text);
      let pending: TextDocumentContentChangeEvent[] = [];
      let pendingText = text;
      const send = async () => {
        if (!pending.length) return;
        const v = await c.change(uri, pending);
        texts.set(v, pendingText);
        pending = [];
      };
      for (const e of edits) {
        const bs = boundaries(text);
        const i = bs[Math.floor(e.a * (bs.length - 1))]!;
        const j = bs[Math.floor(e.b * (bs.length - 1))]!;
        const [s, t] = e.kind === 'insert' ? [i, i] : [Math.min(i, j), Math.max(i, j)];
        const newText = e.kind === 'delete' ? '' : e.text;
        const idx = new LineIndex(text);
        pending.push({ range: { start: idx.positionAt(s), end: idx.positionAt(t) }, text: newText });
        text = text.slice(0, s) + newText + text.slice(t);
        pendingText = text;
        if (!e.batch) await send();
        if (e.probe) {
          await send();
          const at = new LineIndex(text).positionAt(Math.min(s + newText.length, text.length));
          // any request makes the server catch up first; all must answer within 5 s
          await c.request('textDocument/hover', { textDocument: { uri }, position: at });
          await c.request('textDocument/completion', { textDocument: { uri }, position: at });
        }
      }
      await send();
      const finalVersion = c.version(uri);
      const final = await c.waitForDiagnostics(uri, (p) => p.version === finalVersion, 5000);
      // every publication: ranges valid for the text of its version
      for (const p of c.diagnostics.get(uri) ?? []) {
        const t = texts.get(p.version ?? -1);
        expect(t, `version ${p.version} was never sent`).toBeDefined();
        checkRanges(t!, p);
      }
      for (const d of final.diagnostics) codes.set(String(d.code), (codes.get(String(d.code)) ?? 0) + 1);
      intermediate += (c.diagnostics.get(uri) ?? []).filter((p) => p.version !== finalVersion && p.version !== 1).length;
      expect(publishedTriples(final.diagnostics)).toEqual(expectedTriples(text, compilerDiagnostics(path, text)));
      // the document outline and semantic tokens still answer
      await c.request('textDocument/documentSymbol', { textDocument: { uri } });
      await c.request('textDocument/semanticTokens/full', { textDocument: { uri } });
      await c.close(uri);
      c.diagnostics.delete(uri);
      expect(c.exited).toBe(false);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  expect(errorsLogged).toEqual([]);
  // the generator reaches lexer, parser, binder, checker and quote diagnostics, and intermediate versions
  console.log(`诊断代码分布：${[...codes].sort().map(([k, v]) => `${k}×${v}`).join(' ')}；中间版本发布 ${intermediate} 次`);
  expect(codes.size).toBeGreaterThanOrEqual(8);
  expect([...codes.keys()].some((k) => k.startsWith('ZC01'))).toBe(true);
  expect([...codes.keys()].some((k) => k.startsWith('ZC02'))).toBe(true);
  expect([...codes.keys()].some((k) => k.startsWith('ZC04'))).toBe(true);
  expect(intermediate).toBeGreaterThan(0);
}, 240_000);
