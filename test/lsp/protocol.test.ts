/**
 * The language server through the protocol: a real JSON-RPC client spawns the bundled
 * server over stdio (helpers/client.ts) and checks every feature on the fixture
 * workspace (test/lsp/fixtures/ws, a copy of the sample policy).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  CompletionItem, CompletionList, Hover, SignatureHelp, Location, WorkspaceEdit, TextEdit, CodeAction, DocumentSymbol, SemanticTokens,
  SymbolInformation, CodeLens, PublishDiagnosticsParams, InitializeResult,
} from 'vscode-languageserver-protocol';
import { SourceFile, parseFile } from '../../compiler/index.js';
import { format } from '../../compiler/format/format.js';
import { LEGEND } from '../../vscode-extension/server/src/convert.js';
import { LspClient, FIXTURE, REPO, cleanupBundle, uriOf } from './helpers/client.js';
import { applyEdits, compilerDiagnostics, expectedTriples, pos, publishedTriples } from './helpers/text.js';

const MAIN = join(FIXTURE, '示例.zc');
const TYPES = join(FIXTURE, '类型.zc');
const mainText = readFileSync(MAIN, 'utf8');
const typesText = readFileSync(TYPES, 'utf8');

let c: LspClient;
let mainUri: string;

beforeAll(async () => {
  c = await LspClient.start({ initializationOptions: { verifyRuns: 20 } });
  mainUri = await c.open(MAIN, mainText);
  await c.current(mainUri);
}, 60_000);

afterAll(async () => {
  await c?.stop();
  cleanupBundle();
});

const td = (uri: string) => ({ textDocument: { uri } });
const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);
const items = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : r?.items ?? []);
const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
function editsFor(edit: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  return (edit?.changes?.[uri] ?? []) as TextEdit[];
}

describe('initialize and diagnostics', () => {
  test('announces the features, UTF-16 positions, incremental sync', () => {
    const caps = (c.initResult as InitializeResult).capabilities;
    expect(caps.positionEncoding).toBe('utf-16');
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'workspaceSymbolProvider', 'documentFormattingProvider'] as const) expect(caps[k]).toBeTruthy();
    expect(caps.renameProvider).toEqual({ prepareProvider: true });
    expect(caps.signatureHelpProvider).toEqual({ triggerCharacters: ['（', '('], retriggerCharacters: ['，', ','] });
    expect(caps.semanticTokensProvider?.legend).toEqual(LEGEND);
    expect(caps.executeCommandProvider?.commands).toEqual(['zhengce.evalExample', 'zhengce.verify', 'zhengce.explain']);
  });

  test('didOpen publishes exactly the compiler diagnostics (code, range, message)', async () => {
    const p = await c.current(mainUri);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['ZC0703']);
    expect(p.diagnostics[0]!.severity).toBe(2);
    expect(publishedTriples(p.diagnostics)).toEqual(expectedTriples(mainText, compilerDiagnostics(MAIN, mainText)));
    // related information points into the YAML parameter file
    expect(p.diagnostics[0]!.relatedInformation?.some((r) => decodeURIComponent(r.location.uri).endsWith('参数.yaml'))).toBe(true);
  });

  test('ranges are UTF-16 on lines with CJK, 𠀀 and emoji', async () => {
    const path = join(FIXTURE, '表情.zc');
    const lines = ['# 表情 😀 与 𠀀', '实体 家𠀀 { 字段：整数 }', '指标 「值😀𠀀」：整数 = 未定义名😀 + 1', ''];
    const text = lines.join('\n');
    const uri = await c.open(path, text);
    const p = await c.current(uri);
    const d = p.diagnostics.find((x) => x.code === 'ZC0401')!;
    expect(d).toBeDefined();
    // emoji are not name characters (only CJK extension planes are): the name ends before 😀
    const col = lines[2]!.indexOf('未定义名'); // JS indices are UTF-16 code units
    expect(d.range).toEqual({ start: { line: 2, character: col }, end: { line: 2, character: col + '未定义名'.length } });
    const emoji = p.diagnostics.find((x) => x.code === 'ZC0101')!;
    expect(emoji.range).toEqual({ start: { line: 2, character: col + 4 }, end: { line: 2, character: col + 6 } }); // 😀 is two UTF-16 units
    expect(col).toBe(16); // 指标 「值😀𠀀」：整数 = — 😀 and 𠀀 count two UTF-16 units each
    expect(publishedTriples(p.diagnostics)).toEqual(expectedTriples(text, compilerDiagnostics(path, text)));
    await c.close(uri);
  });

  test('didChange (incremental) republishes for the new version; CRLF and a line with a surrogate pair', async () => {
    const path = join(FIXTURE, '编辑.zc');
    const text = '实体 户 {\r\n  「年龄😀」：整数\r\n}\r\n';
    const uri = await c.open(path, text);
    expect((await c.current(uri)).diagnostics).toEqual([]);
    // insert a reference to an unknown field after the emoji line
    const insert = '指标 甲：整数 = 乙😀 + 1\r\n';
    await c.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: insert }]);
    const p = await c.current(uri);
    const after = text + insert;
    expect(publishedTriples(p.diagnostics)).toEqual(expectedTriples(after, compilerDiagnostics(path, after)));
    // 乙 is the unknown name (ZC0401); 😀 after it is not a name character (ZC0101, two UTF-16 units)
    expect(p.diagnostics.find((x) => x.code === 'ZC0401')!.range).toEqual({ start: { line: 3, character: 10 }, end: { line: 3, character: 11 } });
    expect(p.diagnostics.find((x) => x.code === 'ZC0101')!.range).toEqual({ start: { line: 3, character: 11 }, end: { line: 3, character: 13 } });
    // replace inside the surrogate-pair line: 「年龄😀」 → 「年龄」
    await c.change(uri, [{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 7 } }, text: '' }]);
    const p2 = await c.current(uri);
    const after2 = after.replace('😀」', '」');
    expect(publishedTriples(p2.diagnostics)).toEqual(expectedTriples(after2, compilerDiagnostics(path, after2)));
    await c.close(uri);
  });

  test('a change in an imported file re-checks the importer and clears it again', async () => {
    const typesUri = await c.open(TYPES, typesText);
    await c.current(typesUri);
    const at = pos(typesText, '子女数');
    await c.change(typesUri, [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '孩子数' }]);
    const broken = await c.waitForDiagnostics(mainUri, (p) => p.diagnostics.some((d) => d.code === 'ZC0403'), 10_000, false);
    expect(broken.diagnostics.filter((d) => d.code === 'ZC0403').length).toBe(2);
    await c.change(typesUri, [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '子女数' }]);
    const fixed = await c.waitForDiagnostics(mainUri, (p) => !p.diagnostics.some((d) => d.code === 'ZC0403'), 10_000, false);
    expect(fixed.diagnostics.map((d) => d.code)).toEqual(['ZC0703']);
    await c.close(typesUri);
  });

  test('an edit republishes only the files whose diagnostics changed — an unchanged importer is not sent again, a changed one always is, to empty too', async () => {
    // two buffers not on disk: 用.zc imports 定.zc and reads 家庭.子女数, which 定.zc names 孩子数 at first
    const defPath = join(FIXTURE, '发布-定.zc');
    const usePath = join(FIXTURE, '发布-用.zc');
    const defText = '机构 县民政局\n实体 家庭 {\n  孩子数：整数\n}\n';
    const useText = '导入 "发布-定.zc"\n条款 一、 "总则" {\n  措施 补助 {\n    牵头单位：县民政局\n    对象：家庭\n    结果 补助金额：金额 一次性\n    规则 「甲」 {\n      条件：家庭.子女数 ≥ 2\n      补助金额 = 100元\n    }\n  }\n}\n';
    const defUri = await c.open(defPath, defText);
    await c.current(defUri);
    const useUri = await c.open(usePath, useText);
    expect((await c.current(useUri)).diagnostics.map((d) => d.code)).toEqual(['ZC0403']);
    const sent = () => (c.diagnostics.get(useUri) ?? []).length;
    // every notification the server sent before answering a request has arrived once the answer has
    const settled = () => c.request('textDocument/documentSymbol', td(defUri));
    await settled();
    const n0 = sent();
    // a comment in the imported file: its own diagnostics are sent (new version); the importer's did not change
    const end = { line: defText.split('\n').length - 1, character: 0 };
    await c.change(defUri, [{ range: { start: end, end }, text: '# 注释\n' }]);
    expect((await c.current(defUri)).diagnostics).toEqual([]);
    await settled();
    expect(sent()).toBe(n0);
    // the field renamed to the name the importer reads: its diagnostics changed to none — sent, empty
    const at = pos(defText, '孩子数');
    const field = { start: at, end: { line: at.line, character: at.character + 3 } };
    await c.change(defUri, [{ range: field, text: '子女数' }]);
    const fixed = await c.waitForDiagnostics(useUri, (p) => p.diagnostics.length === 0, 10_000, false);
    expect(fixed.diagnostics).toEqual([]);
    await settled();
    expect(sent()).toBe(n0 + 1);
    // and back: changed again — sent once
    await c.change(defUri, [{ range: field, text: '孩子数' }]);
    const broken = await c.waitForDiagnostics(useUri, (p) => p.diagnostics.length > 0, 10_000, false);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['ZC0403']);
    await settled();
    expect(sent()).toBe(n0 + 2);
    await c.close(useUri);
    await c.close(defUri);
  });

  test('closing a document clears its diagnostics', async () => {
    const path = join(FIXTURE, '关闭.zc');
    const uri = await c.open(path, '指标 甲 = 乙\n');
    expect((await c.current(uri)).diagnostics.length).toBeGreaterThan(0);
    await c.close(uri);
    const cleared = await c.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, 5000, false);
    expect(cleared.diagnostics).toEqual([]);
  });
});

describe('hover', () => {
  const hover = (text: string, needle: string, nth = 0, delta = 1) => c.request<Hover | null>('textDocument/hover', { ...td(mainUri), position: pos(text, needle, nth, delta) });

  test('a field: type and doc', async () => {
    const h = await hover(mainText, '子女数');
    expect(hoverText(h)).toContain('家庭.子女数');
    expect(hoverText(h)).toContain('整数');
    expect(hoverText(h)).toContain('家庭现有子女人数');
  });

  test('a parameter: type, unit, value today, source and 未确认', async () => {
    const h = hoverText(await hover(mainText, '法定产假天数', 1));
    expect(h).toContain('时长（天）（单位：天）');
    expect(h).toContain('今日（2025-06-01）取值：**158天**（自 2021-12-01 起）');
    expect(h).toContain('未确认');
    expect(h).toContain('示例：河南省人口与计划生育条例（2021年修正）');
  });

  test('an outcome: type, unit and periodicity', async () => {
    const h = hoverText(await hover(mainText, '托育补贴金额 ='));
    expect(h).toContain('托育补贴.托育补贴金额');
    expect(h).toContain('金额（单位：元），按月');
  });

  test('an indicator: type and exact value', async () => {
    const h = hoverText(await hover(mainText, '人均补贴上限'));
    expect(h).toContain('金额（单位：元）');
    expect(h).toContain('值：**14000');
  });

  test('a clause number: label, anchor and 原文', async () => {
    const h = hoverText(await hover(mainText, '（一） "生育补助"'));
    expect(h).toContain('条款 **二（一）**');
    expect(h).toContain('sec_2__subsec_1');
  });

  test('a measure and a rule: the clause label and 原文', async () => {
    const m = hoverText(await hover(mainText, '措施 生育补助', 0, 4));
    expect(m).toContain('条款 **二（一）** “生育补助”');
    expect(m).toContain('> （一）生育补助。对生育二孩及以上');
    expect(m).toContain('牵头单位：县卫健委');
    const r = hoverText(await hover(mainText, '「三孩补助」'));
    expect(r).toContain('生育补助.三孩补助');
    expect(r).toContain('例外于：二孩补助');
    expect(r).toContain('条款 **二（一）**');
    expect(r).toContain('原文');
  });

  test('a keyword: what it means, with its section of the language reference; an attribute key as its block takes it', async () => {
    const h = await hover(mainText, '二孩及以上 并且', 0, 7);
    expect(hoverText(h)).toContain('**关键字** `并且`');
    expect(hoverText(h)).toContain('§5.6');
    const k = hoverText(await hover(mainText, '牵头单位：县卫健委', 0, 1));
    expect(k).toContain('**属性** `牵头单位`（措施的属性，可写多个值）');
  });

  test('signature help inside 月龄（…）: the signature, its parameter as label offsets, the active argument', async () => {
    const h = await c.request<SignatureHelp | null>('textDocument/signatureHelp', { ...td(mainUri), position: pos(mainText, '月龄（婴幼儿', 0, '月龄（'.length) });
    expect(h?.signatures[0]!.label).toBe('月龄（日期） → 月龄');
    expect(h?.signatures[0]!.parameters).toEqual([{ label: [3, 5] }]);
    expect(h?.activeParameter).toBe(0);
    expect(await c.request('textDocument/signatureHelp', { ...td(mainUri), position: { line: 2, character: 0 } })).toBeNull();
  });

  test('a built-in function and nothing on white space', async () => {
    const h = hoverText(await hover(mainText, '月龄（婴幼儿'));
    expect(h).toContain('内置函数');
    expect(await c.request('textDocument/hover', { ...td(mainUri), position: { line: 2, character: 0 } })).toBeNull();
  });
});

describe('completion', () => {
  async function completeAt(text: string, offsetNeedle: string, delta: number, path = join(FIXTURE, '补全.zc')) {
    const uri = await c.open(path, text);
    const r = await c.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { ...td(uri), position: pos(text, offsetNeedle, 0, delta) });
    await c.close(uri);
    return r;
  }
  const base = mainText;

  test('fields after “实体.”, quoted when the name needs it', async () => {
    const text = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        条件：家庭.');
    const r = items(await completeAt(text, '条件：家庭.', '条件：家庭.'.length));
    expect(r.map((i) => i.label).sort()).toEqual(['「夫妻至少一方户籍在本县」'.slice(1, -1), '子女数'].sort());
    const quoted = r.find((i) => i.label === '夫妻至少一方户籍在本县')!;
    expect(quoted.textEdit && 'newText' in quoted.textEdit ? quoted.textEdit.newText : '').toBe('「夫妻至少一方户籍在本县」');
  });

  test('a quoted field after a bare prefix: it filters as the bare name (its label; no filterText), the edit replaces the prefix with the quoted name', async () => {
    const text = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        条件：家庭.夫妻');
    const r = items(await completeAt(text, '条件：家庭.夫妻', '条件：家庭.夫妻'.length));
    const it = r.find((i) => i.label === '夫妻至少一方户籍在本县')!;
    // no filterText where it would equal the label (LSP: then the label is the filter text);
    // neovim 0.7 takes the textEdit's start as the typed word's only from such items
    expect(it.filterText).toBeUndefined();
    expect(r.every((i) => i.filterText === undefined)).toBe(true);
    const edit = it.textEdit as TextEdit;
    expect(edit.newText).toBe('「夫妻至少一方户籍在本县」');
    expect(edit.range.start).toEqual(pos(text, '条件：家庭.夫妻', 0, '条件：家庭.'.length));
    expect(edit.range.end).toEqual(pos(text, '条件：家庭.夫妻', 0, '条件：家庭.夫妻'.length));
    // typed with an auto-closed quote (「夫妻」, cursor before 」): the edit covers the closing quote too
    const t2 = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        条件：家庭.「夫妻」');
    const r2 = items(await completeAt(t2, '条件：家庭.「夫妻」', '条件：家庭.「夫妻'.length));
    // typed with its quote: the label is the quoted name (what the client filters “「夫妻” against,
    // and what is inserted), again with no filterText
    expect(r2.map((i) => i.label).sort()).toEqual(['「夫妻至少一方户籍在本县」', '「子女数」'].sort());
    const it2 = r2.find((i) => i.label === '「夫妻至少一方户籍在本县」')!;
    expect(it2.filterText).toBeUndefined();
    expect((it2.textEdit as TextEdit).newText).toBe('「夫妻至少一方户籍在本县」');
    expect((it2.textEdit as TextEdit).range.end).toEqual(pos(t2, '条件：家庭.「夫妻」', 0, '条件：家庭.「夫妻」'.length));
    expect(applyEdits(t2, [it2.textEdit as TextEdit])).toContain('条件：家庭.「夫妻至少一方户籍在本县」\n');
  });

  test('organisations after 牵头单位：, entities after 对象：', async () => {
    const text = base.replace('牵头单位：县卫健委\n      责任单位：县财政局', '牵头单位：县卫健委、\n      责任单位：县财政局');
    expect(labels(await completeAt(text, '县卫健委、', '县卫健委、'.length)).sort()).toEqual(['县人社局', '县卫健委', '县财政局']);
    // a list separator in a set offers the members of the left side's enum only
    const t3 = base.replace('事件.级别 属于 {国家、省、市}', '事件.级别 属于 {国家、');
    const uri3 = await c.open(join(FIXTURE, '补全2.zc'), t3);
    const r3 = await c.request<CompletionItem[]>('textDocument/completion', { ...td(uri3), position: pos(t3, '{国家、', 0, 4), context: { triggerKind: 2, triggerCharacter: '、' } });
    await c.close(uri3);
    expect(labels(r3).sort()).toEqual(['国家', '省', '市', '县'].sort());
    const t2 = base.replace('对象：家庭', '对象：家');
    expect(labels(await completeAt(t2, '对象：家', '对象：家'.length))).toEqual(expect.arrayContaining(['家庭', '婴幼儿', '女职工']));
  });

  test('units after a number', async () => {
    const text = base.replace('托育补贴金额 = 300元', '托育补贴金额 = 300');
    const l = labels(await completeAt(text, '托育补贴金额 = 300', '托育补贴金额 = 300'.length));
    expect(l).toEqual(expect.arrayContaining(['元', '万元', '个月', '月龄', '周岁', '工作日', '%']));
    expect(l).not.toContain('措施');
  });

  test('after a unit no longer unit begins with (二孩▮): what follows it; after 二个▮ the units that extend it', async () => {
    const text = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        有效期：家庭.子女数 二孩');
    const after = labels(await completeAt(text, '子女数 二孩', '子女数 二孩'.length));
    expect(after).toEqual(expect.arrayContaining(['及以上', '以上', '以下', '以内']));
    expect(after).not.toContain('个月');
    const t2 = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        有效期：家庭.子女数 二个');
    expect(labels(await completeAt(t2, '子女数 二个', '子女数 二个'.length))).toEqual(expect.arrayContaining(['个月', '个工作日']));
  });

  test('at the start of a line in a rule: its outcomes and attributes, 且 / 或 — not declarations or other names', async () => {
    const text = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        ');
    const l = labels(await completeAt(text, '补助金额 = 2000元\n        ', '补助金额 = 2000元\n        '.length));
    expect(l).toEqual(expect.arrayContaining(['补助金额', '条件', '有效期', '原文', '说明', '且', '或']));
    for (const no of ['托育补贴金额', '家庭', '措施', '规则', '政策', '牵头单位', '以上', '不满']) expect(l).not.toContain(no);
  });

  test('in an expression: names in scope, enum members, built-ins and literal words — not statement words', async () => {
    const text = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        有效期：');
    const l = labels(await completeAt(text, '有效期：', '有效期：'.length));
    expect(l).toEqual(expect.arrayContaining(['补助金额', '家庭', '法定产假天数', '人均补贴上限', '男', '女', '性别', '评估日期', '非', '是', '未知']));
    for (const no of ['托育补贴金额', '措施', '规则', '条件', '且', '以上']) expect(l).not.toContain(no);
    // after an operand: the operators that may follow it, first
    const t2 = base.replace('补助金额 = 2000元', '补助金额 = 2000元\n        有效期：家庭.子女数 ');
    const after = items(await completeAt(t2, '有效期：家庭.子女数 ', '有效期：家庭.子女数 '.length));
    const al = after.map((i) => i.label);
    expect(al).toEqual(expect.arrayContaining(['且', '或', '不满', '超过', '属于']));
    for (const no of ['家庭', '措施', '非']) expect(al).not.toContain(no);
  });

  test('rules after 例外于, next clause number after 条款', async () => {
    const text = base.replace('规则 「三孩补助」 例外于 「二孩补助」', '规则 「三孩补助」 例外于 「二');
    // typed with its quote: the labels are the quoted names (see the quoted-field test)
    expect(labels(await completeAt(text, '例外于 「二', '例外于 「二'.length))).toEqual(['「二孩补助」', '「三孩补助」']);
    const t2 = base.replace('  条款 （三） "延长产假" {', '  条款 \n  条款 （三） "延长产假" {');
    const r = items(await completeAt(t2, '  条款 \n', '  条款 '.length));
    expect(r[0]!.label).toBe('（三）');
    expect(r.map((i) => i.label)).toEqual(expect.arrayContaining(['二（一）', '一']));
  });

  test('nothing inside strings and comments', async () => {
    expect(items(await completeAt(base, '原文："一、总则"', 6))).toEqual([]);
    expect(items(await completeAt(base, '# 示例县', 3))).toEqual([]);
  });
});

describe('navigation', () => {
  test('go to definition across files', async () => {
    const r = await c.request<Location[]>('textDocument/definition', { ...td(mainUri), position: pos(mainText, '家庭.子女数', 0, 1) });
    expect(r.length).toBe(1);
    expect(r[0]!.uri).toBe(uriOf(TYPES));
    expect(r[0]!.range.start).toEqual(pos(typesText, '实体 家庭', 0, 3));
  });

  test('find references (with and without the declaration)', async () => {
    const at = { ...td(mainUri), position: pos(mainText, '子女数', 0, 1) };
    const all = await c.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
    expect(all.length).toBe(3);
    expect(all.filter((l) => l.uri === uriOf(TYPES)).length).toBe(1);
    const uses = await c.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: false } });
    expect(uses.length).toBe(2);
    expect(uses.every((l) => l.uri === mainUri)).toBe(true);
  });

  test('rename across files, quoting when needed; built-ins refused', async () => {
    const at = { ...td(mainUri), position: pos(mainText, '子女数', 0, 1) };
    const prep = await c.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', at);
    expect(prep.placeholder).toBe('子女数');
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: '孩子数' });
    expect(editsFor(edit, mainUri).length).toBe(2);
    expect(editsFor(edit, uriOf(TYPES)).length).toBe(1);
    const newMain = applyEdits(mainText, editsFor(edit, mainUri));
    const newTypes = applyEdits(typesText, editsFor(edit, uriOf(TYPES)));
    expect(newMain).toContain('家庭.孩子数 二孩及以上');
    expect(compilerDiagnostics(MAIN, newMain, { [TYPES]: newTypes }).map((d) => d.code)).toEqual(['ZC0703']);
    // a name with a numeral must be quoted
    const q = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: '子女数2' });
    expect(editsFor(q, mainUri).every((e) => e.newText === '「子女数2」')).toBe(true);
    const q2 = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: '「孩子」' });
    expect(editsFor(q2, mainUri)[0]!.newText).toBe('孩子');
    // clause numbers are not names
    await expect(c.request('textDocument/prepareRename', { ...td(mainUri), position: pos(mainText, '（一） "生育补助"', 0, 1) })).rejects.toThrow(/条款编号/);
    // built-ins
    const builtin = { ...td(mainUri), position: pos(mainText, '月龄（婴幼儿', 0, 1) };
    await expect(c.request('textDocument/prepareRename', builtin)).rejects.toThrow(/内置名称/);
    await expect(c.request('textDocument/rename', { ...builtin, newName: 'x' })).rejects.toThrow(/内置名称/);
  });

  test('definition and hover on an import: the file and its declarations', async () => {
    const at = { ...td(mainUri), position: pos(mainText, '导入 "类型.zc"', 0, 4) };
    const r = await c.request<Location[]>('textDocument/definition', at);
    expect(r).toEqual([{ uri: uriOf(TYPES), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    const h = hoverText(await c.request<Hover | null>('textDocument/hover', at));
    expect(h).toContain('**导入** `类型.zc`');
    expect(h).toContain('- 实体 `婴幼儿`：出生日期、户籍在本县、入托机构已备案');
  });

  test('rename onto an existing name in the same scope is refused (field, measure vs entity); other scopes are fine', async () => {
    const field = { ...td(mainUri), position: pos(mainText, '子女数', 0, 1) };
    await expect(c.request('textDocument/rename', { ...field, newName: '夫妻至少一方户籍在本县' })).rejects.toThrow('不能重命名为“夫妻至少一方户籍在本县”：“家庭”中已有同名的字段');
    const measure = { ...td(mainUri), position: pos(mainText, '措施 生育补助', 0, 4) };
    await expect(c.request('textDocument/rename', { ...measure, newName: '「家庭」' })).rejects.toThrow('已有同名的实体“家庭”');
    // a rule may take the name of a rule of another measure? only within its measure is it a clash
    const rule = { ...td(mainUri), position: pos(mainText, '「三孩补助」', 0, 1) };
    await expect(c.request('textDocument/rename', { ...rule, newName: '二孩补助' })).rejects.toThrow('“生育补助”中已有同名的规则“二孩补助”');
    const ok = await c.request<WorkspaceEdit>('textDocument/rename', { ...rule, newName: '托育补贴金额' });
    expect(editsFor(ok, mainUri).length).toBeGreaterThan(0);
  });

  test('folding ranges: declarations up to the line before their closing brace, comment runs', async () => {
    const r = await c.request<{ startLine: number; endLine: number; kind?: string }[]>('textDocument/foldingRange', td(mainUri));
    const lines = mainText.split('\n');
    const policy = r.find((f) => lines[f.startLine]!.startsWith('政策 '))!;
    expect(lines[policy.endLine + 1]).toBe('}');
    const clause = r.find((f) => lines[f.startLine]!.includes('条款 （一） "生育补助"'))!;
    expect(lines[clause.endLine + 1]!.trim()).toBe('}');
    expect(r.every((f) => f.startLine < f.endLine)).toBe(true);
  });

  test('document symbols: the clause tree clauses → measures → outcomes/rules', async () => {
    const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', td(mainUri));
    expect(syms.map((s) => s.name)).toEqual(['示例县育儿支持办法', '县卫健委', '县财政局', '县人社局', '法定产假天数', '一', '二', '三']);
    const two = syms.find((s) => s.name === '二')!;
    expect(two.detail).toBe('支持措施');
    const sub = two.children!.find((s) => s.name === '二（一）')!;
    const measure = sub.children!.find((s) => s.name === '生育补助')!;
    expect(measure.children!.map((s) => s.name)).toEqual(['补助金额', '二孩补助', '三孩补助', '是否含收养子女']);
    expect(two.children!.map((s) => s.name)).toEqual(expect.arrayContaining(['人均补贴上限', '补助非负']));
  });

  test('workspace symbols', async () => {
    const r = await c.request<SymbolInformation[]>('workspace/symbol', { query: '补助' });
    const names = r.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['生育补助', '补助金额', '二孩补助', '三孩补助', '补助非负']));
    expect(r.find((s) => s.name === '生育补助')!.location.uri).toBe(mainUri);
  });
});

describe('semantic tokens', () => {
  test('keywords, names by kind, numbers with units, dates, strings, comments', async () => {
    const r = await c.request<SemanticTokens>('textDocument/semanticTokens/full', td(mainUri));
    const lines = mainText.split('\n');
    const decoded: { text: string; type: string; mods: string[] }[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < r.data.length; i += 5) {
      const [dl, dc, len, type, mods] = r.data.slice(i, i + 5) as [number, number, number, number, number];
      line += dl;
      ch = dl ? dc : ch + dc;
      decoded.push({ text: lines[line]!.slice(ch, ch + len), type: LEGEND.tokenTypes[type]!, mods: LEGEND.tokenModifiers.filter((_, b) => mods & (1 << b)) });
    }
    const find = (text: string, type: string) => decoded.find((d) => d.text === text && d.type === type);
    expect(find('措施', 'keyword')).toBeDefined();
    expect(find('家庭', 'class')).toBeDefined();
    expect(find('子女数', 'property')).toBeDefined();
    expect(decoded.filter((d) => d.text === '法定产假天数' && d.type === 'parameter').map((d) => d.mods)).toEqual([['declaration'], []]);
    expect(find('生育补助', 'function')?.mods).toEqual(['declaration']);
    expect(find('「二孩补助」', 'method')).toBeDefined();
    expect(find('县卫健委', 'namespace')).toBeDefined();
    expect(find('2000', 'number')).toBeDefined();
    expect(find('元', 'number')?.mods).toEqual(['unit']);
    expect(find('2024年3月1日', 'number')?.mods).toEqual(['date']);
    expect(find('"source.txt"', 'string')).toBeDefined();
    expect(find(lines[0]!, 'comment')).toBeDefined();
    expect(find('（一）', 'label') ?? find('（', 'label')).toBeDefined();
    expect(find('月龄', 'function')?.mods).toEqual(['defaultLibrary']);
  });
});

describe('formatting', () => {
  test('edits turn the buffer into the formatter output', async () => {
    const path = join(FIXTURE, '格式.zc');
    const text = '实体   户{子女数:整数\n 出生日期 ： 日期}\n指标 甲：整数=1+2   # 注释\n';
    const uri = await c.open(path, text);
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { ...td(uri), options: { tabSize: 2, insertSpaces: true } });
    expect(edits.length).toBeGreaterThan(0);
    const out = applyEdits(text, edits);
    expect(out).toBe(format(new SourceFile(path, text)).value);
    expect(out).toBe('实体 户 {\n  子女数：整数\n  出生日期：日期\n}\n指标 甲：整数 = 1 + 2 # 注释\n');
    await c.close(uri);
  });

  test('edits prepared in idle time after opening are the formatter output, and not used once the text changed', async () => {
    const path = join(FIXTURE, '格式3.zc');
    const text = '实体   户{子女数:整数\n 出生日期 ： 日期}\n指标 甲：整数=1+2   # 注释\n';
    const uri = await c.open(path, text);
    // (the server prepares them 300 ms after the document opened when no edit came: FORMAT_IDLE_MS)
    await new Promise((r) => setTimeout(r, 600));
    const opts = { ...td(uri), options: { tabSize: 2, insertSpaces: true } };
    for (let k = 0; k < 2; k++) expect(applyEdits(text, await c.request<TextEdit[]>('textDocument/formatting', opts))).toBe(format(new SourceFile(path, text)).value);
    await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '指标 乙：整数=3\n' }]);
    const edited = text.replace('指标 甲', '指标 乙：整数=3\n指标 甲');
    expect(applyEdits(edited, await c.request<TextEdit[]>('textDocument/formatting', opts))).toBe(format(new SourceFile(path, edited)).value);
    await c.close(uri);
  });

  test('a file with syntax errors gets no edits (never drops text), and a message saying why', async () => {
    const path = join(FIXTURE, '格式2.zc');
    const uri = await c.open(path, '实体 户 { 子女数：\n');
    const before = c.messages.length;
    expect(await c.request<TextEdit[]>('textDocument/formatting', { ...td(uri), options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    // (the notification is sent before the response)
    expect(c.messages.slice(before)).toEqual([{ type: 2, message: expect.stringMatching(/^文件有 \d+ 处语法错误，未格式化：.*（第 \d+ 行）$/) }]);
    await c.close(uri);
  });
});

describe('code actions', () => {
  async function actionsAt(uri: string, text: string, needle: string, delta = 1): Promise<CodeAction[]> {
    const p = pos(text, needle, 0, delta);
    const diags = (c.lastDiagnostics(uri)?.diagnostics ?? []);
    return c.request<CodeAction[]>('textDocument/codeAction', { ...td(uri), range: { start: p, end: p }, context: { diagnostics: diags } });
  }

  test('quick fix from the compiler (ZC0103 quote the name), applied, parses', async () => {
    const path = join(FIXTURE, '修复.zc');
    const text = '实体 户 {\n  子女数量不满足：整数\n}\n';
    const uri = await c.open(path, text);
    const p = await c.current(uri);
    expect(p.diagnostics.map((d) => d.code)).toContain('ZC0103');
    const actions = await actionsAt(uri, text, '子女数量');
    const fix = actions.find((a) => a.title === '写作「子女数量不满足」')!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.diagnostics?.[0]?.code).toBe('ZC0103');
    const fixed = applyEdits(text, editsFor(fix.edit, uri));
    expect(fixed).toBe('实体 户 {\n  「子女数量不满足」：整数\n}\n');
    const parsed = parseFile(new SourceFile(path, fixed));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.value.syntaxErrors).toBe(false);
    await c.close(uri);
  });

  test('the quick fixes of the diagnostics the client names, with the cursor elsewhere on their line (neovim 0.7)', async () => {
    const path = join(FIXTURE, '修复4.zc');
    const text = mainText.replace('家庭.子女数 二孩及以上', '家庭.子女 二孩及以上');
    const uri = await c.open(path, text);
    await c.current(uri);
    const p = pos(text, '家庭.子女 ', 0, 0);
    const line = { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } };
    // what vim.lsp.buf.code_action() sends: the cursor (here the line's start) and the line's diagnostics,
    // their columns in bytes (vim.lsp.diagnostic.get_line_diagnostics)
    const mine = (c.lastDiagnostics(uri)?.diagnostics ?? []).filter((d) => d.range.start.line === p.line);
    expect(mine.map((d) => d.code)).toEqual(['ZC0403']);
    const bytes = mine.map((d) => ({ ...d, range: { start: { line: p.line, character: 40 }, end: { line: p.line, character: 52 } } }));
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { ...td(uri), range: line, context: { diagnostics: bytes, only: ['quickfix'] } });
    expect(actions.map((a) => a.title)).toEqual(['改为“子女数”']);
    expect(applyEdits(text, editsFor(actions[0]!.edit, uri))).toBe(mainText);
    // without naming it, the cursor away from the squiggle gets none (as before)
    expect(await c.request<CodeAction[]>('textDocument/codeAction', { ...td(uri), range: line, context: { diagnostics: [], only: ['quickfix'] } })).toEqual([]);
    await c.close(uri);
  });

  test('did-you-mean fix (ZC0403) and missing quote fix (ZC0102)', async () => {
    const path = join(FIXTURE, '修复2.zc');
    const text = mainText.replace('家庭.子女数 二孩及以上', '家庭.子女 二孩及以上');
    const uri = await c.open(path, text);
    await c.current(uri);
    const actions = await actionsAt(uri, text, '家庭.子女 ', 3);
    const fix = actions.find((a) => a.title === '改为“子女数”')!;
    expect(fix).toBeDefined();
    const fixed = applyEdits(text, editsFor(fix.edit, uri));
    expect(fixed).toBe(mainText);
    expect(compilerDiagnostics(path, fixed).map((d) => d.code)).toEqual(['ZC0703']);
    await c.close(uri);

    const p2 = join(FIXTURE, '修复3.zc');
    const t2 = '指标 甲：文本 = "abc\n';
    const u2 = await c.open(p2, t2);
    await c.current(u2);
    const a2 = (await actionsAt(u2, t2, '"abc', 0)).find((a) => a.title === '补上结尾引号')!;
    const f2 = applyEdits(t2, editsFor(a2.edit, u2));
    expect(parseFile(new SourceFile(p2, f2)).value.syntaxErrors).toBe(false);
    await c.close(u2);
  });

  test('replace 原文 with the source wording (ZC0601)', async () => {
    const path = join(FIXTURE, '修复4.zc');
    const text = mainText.replace('（三）延长产假。女职工生育三孩的', '（三）延长产假。女职工生育四孩的');
    const uri = await c.open(path, text);
    await c.current(uri);
    const actions = await actionsAt(uri, text, '（三）延长产假。女职工');
    const fix = actions.find((a) => a.title === '改为来源文件中的文字')!;
    const fixed = applyEdits(text, editsFor(fix.edit, uri));
    expect(compilerDiagnostics(path, fixed).map((d) => d.code)).toEqual(['ZC0703']);
    await c.close(uri);
  });

  test('punctuation of a line: to full-width and to ASCII, strings untouched', async () => {
    const path = join(FIXTURE, '标点.zc');
    const text = '实体 户 {\n  出生日期:日期 "说明:(甲)"\n  「甲」：时长（天）\n}\n';
    const uri = await c.open(path, text);
    await c.current(uri);
    const a1 = await actionsAt(uri, text, '出生日期');
    const full = a1.find((a) => a.title.startsWith('本行标点改为全角'))!;
    expect(applyEdits(text, editsFor(full.edit, uri))).toBe('实体 户 {\n  出生日期：日期 "说明:(甲)"\n  「甲」：时长（天）\n}\n');
    expect(a1.find((a) => a.title.startsWith('本行标点改为半角'))).toBeUndefined();
    const a2 = await actionsAt(uri, text, '「甲」');
    const half = a2.find((a) => a.title.startsWith('本行标点改为半角'))!;
    const out = applyEdits(text, editsFor(half.edit, uri));
    expect(out).toBe('实体 户 {\n  出生日期:日期 "说明:(甲)"\n  「甲」:时长(天)\n}\n');
    expect(parseFile(new SourceFile(path, out)).diagnostics).toEqual([]);
    await c.close(uri);
  });

  test('only the kinds asked for (CodeActionContext.only): quick fixes are quickfix, the rest refactor.rewrite', async () => {
    const path = join(FIXTURE, '种类.zc');
    const text = '实体 户 {\n  子女数量不满足:整数\n}\n';
    const uri = await c.open(path, text);
    expect((await c.current(uri)).diagnostics.map((d) => d.code)).toContain('ZC0103');
    const p = pos(text, '子女数量', 0, 1);
    const ask = (only?: string[]) => c.request<CodeAction[]>('textDocument/codeAction', { ...td(uri), range: { start: p, end: p }, context: { diagnostics: c.lastDiagnostics(uri)!.diagnostics, ...(only ? { only } : {}) } });
    const all = await ask();
    expect(new Set(all.map((a) => a.kind))).toEqual(new Set(['quickfix', 'refactor.rewrite']));
    const fixes = await ask(['quickfix']);
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.every((a) => a.kind === 'quickfix' && a.diagnostics?.length)).toBe(true);
    const refactors = await ask(['refactor']);
    expect(refactors.map((a) => a.title)).toEqual(all.filter((a) => a.kind === 'refactor.rewrite').map((a) => a.title));
    expect(refactors.some((a) => a.title.startsWith('本行标点改为全角'))).toBe(true);
    expect(await ask(['source.organizeImports'])).toEqual([]);
    await c.close(uri);
  });

  test('insert the missing 原文 of a measure from the source text', async () => {
    const path = join(FIXTURE, '原文.zc');
    const text = mainText.replace('      原文："（三）延长产假。女职工生育三孩的，在法定产假基础上再延长30天。"\n', '');
    expect(text).not.toBe(mainText);
    const uri = await c.open(path, text);
    await c.current(uri);
    const actions = await actionsAt(uri, text, '措施 延长产假', 4);
    const ins = actions.find((a) => a.title.startsWith('为措施 延长产假插入来源原文'))!;
    expect(ins).toBeDefined();
    const out = applyEdits(text, editsFor(ins.edit, uri));
    expect(out).toBe(mainText);
    await c.close(uri);
  });
});

describe('code lens and commands', () => {
  test('each measure has 求值示例 and 核查', async () => {
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', td(mainUri));
    const titles = lenses.map((l) => `${l.command!.title}:${(l.command!.arguments as string[])[1]}`);
    expect(titles).toEqual(['▶ 求值示例:生育补助', '✔ 核查:生育补助', '▶ 求值示例:托育补贴', '✔ 核查:托育补贴', '▶ 求值示例:延长产假', '✔ 核查:延长产假']);
    expect(lenses[0]!.range.start).toEqual(pos(mainText, '措施 生育补助', 0, 3));
  });

  test('a scenario file and a case file have an explain lens; it runs explain (why not, smallest change) in the child on the buffers', async () => {
    const scen = join(FIXTURE, 'scenarios', '解释.yaml');
    const scenText = `政策: ws\n场景:\n  - 名称: 一孩家庭\n    日期: 2024-06-01\n    事实:\n      家庭: { 子女数: 1, 夫妻至少一方户籍在本县: true }\n    期望:\n      生育补助: { 状态: 不适用 }\n  - 名称: 没有事实的条目\n    日期: 2024-06-01\n`;
    const su = await c.open(scen, scenText);
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', td(su));
    expect(lenses.map((l) => [l.command!.title, l.command!.command, (l.command!.arguments as unknown[])[1]])).toEqual([['❓ 解释此场景', 'zhengce.explain', 0]]);
    expect(lenses[0]!.range.start).toEqual(pos(scenText, '一孩家庭', 0, 0));
    const r = await c.request<{ ok: boolean; message: string; report: { 措施: { 措施: string; 状态: string; 建议: { 改变: { 事实: string; 新值: string }[] }[] }[] } }>('workspace/executeCommand', { command: 'zhengce.explain', arguments: lenses[0]!.command!.arguments }, 120_000);
    expect(r.message).toContain('评估日期 2024-06-01');
    expect(r.ok).toBe(true);
    const m = r.report.措施.find((x) => x.措施 === '生育补助')!;
    expect(m.状态).toBe('不适用');
    // the smallest change: one fact, 子女数 1 → 2
    expect(m.建议[0]!.改变).toEqual([expect.objectContaining({ 事实: '家庭.子女数', 新值: '2' })]);
    expect(r.message).toContain('未满足');
    expect(c.messages.some((x) => x.message === r.message)).toBe(true);
    // edits are explained as they stand in the editor (unsaved): 子女数 3 is already 适用
    await c.change(su, [{ text: scenText.replace('子女数: 1', '子女数: 0, 未知字段: 1') }]);
    const bad = await c.request<{ ok: boolean; message: string }>('workspace/executeCommand', { command: 'zhengce.explain', arguments: [su, 0] }, 120_000);
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('未知字段');
    await c.close(su);
    // a case file (政策?, 事实): one lens on 事实, evaluated on the server's today
    const caseText = '事实:\n  家庭: { 子女数: 2 }\n';
    const cu = await c.open(join(FIXTURE, '个案.yaml'), caseText);
    const cl = await c.request<CodeLens[]>('textDocument/codeLens', td(cu));
    expect(cl.map((l) => (l.command!.arguments as unknown[])[1])).toEqual([-1]);
    const r2 = await c.request<{ ok: boolean; message: string; report: { 措施: { 措施: string; 状态: string; 缺少?: { 事实: string }[] }[] } }>('workspace/executeCommand', { command: 'zhengce.explain', arguments: cl[0]!.command!.arguments }, 120_000);
    expect(r2.ok).toBe(true);
    expect(r2.message).toContain('评估日期 2025-06-01');
    // 存疑: the missing fact that decides it
    expect(r2.report.措施.find((x) => x.措施 === '生育补助')!.缺少!.map((f) => f.事实)).toContain('家庭.夫妻至少一方户籍在本县');
    await c.close(cu);
  }, 300_000);

  test('求值示例 runs the interpreter on an empty case', async () => {
    const r = await c.request<{ ok: boolean; message: string }>('workspace/executeCommand', { command: 'zhengce.evalExample', arguments: [mainUri, '生育补助'] });
    expect(r.ok).toBe(true);
    expect(r.message).toContain('评估日期 2025-06-01');
    expect(r.message).toContain('措施“生育补助”状态为“存疑”');
    expect(r.message).toContain('家庭.子女数');
    expect(c.messages.some((m) => m.message === r.message)).toBe(true);
  });

  test('核查 runs the bundled verifier (no CLI) on the buffers; findings become diagnostics until the policy changes', async () => {
    const r = await c.request<{ ok: boolean; message: string; total: number }>('workspace/executeCommand', { command: 'zhengce.verify', arguments: [mainUri, '生育补助'] }, 120_000);
    expect(r.message).toMatch(/^核查（示例县育儿支持办法）：共 \d+ 项发现/);
    expect(r.ok).toBe(true);
    expect(r.total).toBeGreaterThan(0);
    expect(c.messages.some((m) => m.message === r.message)).toBe(true); // no showsCommandResults: also a message
    const verified = () => [...c.diagnostics.values()].map((l) => l[l.length - 1]!).flatMap((p) => p.diagnostics.filter((d) => d.source === 'zhengce 核查').map((d) => ({ uri: p.uri, d })));
    const found = verified();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(({ d }) => /^ZC(09|11)\d\d$/.test(String(d.code)))).toBe(true);
    // the open document shows its findings beside the compiler's
    const main = c.lastDiagnostics(mainUri)!.diagnostics;
    expect(main.some((d) => d.code === 'ZC0703')).toBe(true);
    // an edit withdraws them: positions and conclusions refer to the verified text
    await c.change(mainUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# 注释\n' }]);
    await c.current(mainUri);
    await c.change(mainUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    await c.current(mainUri);
    expect(verified()).toEqual([]);
  }, 150_000);
});

describe('files changed on disk (workspace/didChangeWatchedFiles)', () => {
  test('a created import target and a changed source text are picked up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhengce-lsp-ws-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const d = await LspClient.start({ root: dir });
    try {
      const main = join(dir, '示例.zc');
      const text = readFileSync(main, 'utf8').replace('导入 "类型.zc"', '导入 "类型.zc"\n导入 "新.zc"');
      const uri = await d.open(main, text);
      expect((await d.current(uri)).diagnostics.map((x) => x.code)).toEqual(['ZC0003', 'ZC0703']);
      writeFileSync(join(dir, '新.zc'), '机构 县民政局\n');
      await d.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(dir, '新.zc')), type: 1 }] });
      const fixed = await d.waitForDiagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'ZC0003'), 10_000, false);
      expect(fixed.diagnostics.map((x) => x.code)).toEqual(['ZC0703']);
      // the source text changes under a 原文
      const src = join(dir, 'source.txt');
      writeFileSync(src, readFileSync(src, 'utf8').replace('延长30天', '延长60天'));
      await d.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(src), type: 2 }] });
      const q = await d.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'ZC0601'), 10_000, false);
      expect(q.diagnostics.map((x) => x.code)).toEqual(['ZC0703', 'ZC0601']);
    } finally {
      await d.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

void (null as unknown as PublishDiagnosticsParams);
