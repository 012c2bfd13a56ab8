/**
 * The language server driven by a real editor: Debian's neovim, headless, with its
 * built-in LSP client (vim.lsp.start_client — the client behind vim.lsp.start),
 * talking to the bundled server over stdio. test/lsp/neovim/drive.lua performs the
 * steps and records what neovim saw; this file asserts on it:
 * diagnostics after an edit (and after undoing it), completion through neovim's own
 * omnifunc (vim.lsp.omnifunc: its start column and prefix filter) after `家庭.`, `家庭.「夫`
 * and a number, with a quoted name kept and accepted once, hover, definition of a
 * field and of an `导入`, rename refused on a name clash (and applied otherwise),
 * formatting, folding ranges; and on a file with 定义 and 列表（实体） (neovim/列表.zc): hover of
 * a definition, definition of 其.字段, completion after a list / 其. / 实体., rename of an
 * entity definition refused onto a field and applied otherwise.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceFile } from '../../compiler/index.js';
import { format } from '../../compiler/format/format.js';
import { FIXTURE, cleanupBundle, serverBundle } from './helpers/client.js';

interface VimDiag { lnum: number; col: number; code: string; message: string; severity: number }
interface Location { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface Report {
  fatal?: string;
  initial: VimDiag[];
  edited: { line: string; row: number; byteCol: number; diagnostics: VimDiag[] };
  undone: VimDiag[];
  completion_dot: { prefix: string; words: string[]; filterTexts: string[]; accepted: boolean; line: string; diagnostics: VimDiag[] };
  completion_quote: { prefix: string; words: string[]; accepted: boolean; line: string };
  completion_bare: { prefix: string; words: string[]; filterTexts: string[]; rawFilterTexts: (string | false)[]; newTexts: string[]; accepted: boolean; line: string };
  completion_unit: { prefix: string; words: string[]; accepted: boolean; line: string };
  completion_measure_line: { prefix: string; words: string[] };
  lists: {
    diagnostics: VimDiag[];
    hover: string;
    definition: Location[];
    huji: [number, number];
    after_list: string[];
    after_list_snippet: (number | null)[];
    after_it: string[];
    after_entity: string[];
    accepted: boolean;
    accepted_line: string;
    rename_conflict: string | null;
    renamed: string[];
    after_rename: VimDiag[];
  };
  hover: string;
  hover_import: string;
  definition_field: Location[];
  definition_import: Location[];
  jumped: { file: string; cursor: [number, number]; first: string };
  rename_conflict: { error: string | null; result: unknown };
  rename_ok: { error: string | null; line: string; types_changed: boolean };
  formatted: string[];
  folding: { startLine: number; endLine: number; kind?: string }[];
  lines: string[];
}

const NVIM = 'nvim';
const LISTS = join(import.meta.dirname, 'neovim', '列表.zc');
let dir = '';
let r: Report;

beforeAll(async () => {
  const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8' });
  expect(version.status, 'neovim is required (apt-get install neovim; .ci/run installs it)').toBe(0);
  const server = await serverBundle();
  dir = mkdtempSync(join(tmpdir(), 'zhengce-nvim-'));
  cpSync(FIXTURE, join(dir, 'ws'), { recursive: true });
  const report = join(dir, 'report.json');
  const run = spawnSync(NVIM, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(import.meta.dirname, 'neovim', 'drive.lua')}`], {
    cwd: dir, encoding: 'utf8', timeout: 150_000,
    env: { ...process.env, ZC_SERVER: server, ZC_ROOT: join(dir, 'ws'), ZC_REPORT: report, ZC_LISTS: LISTS, XDG_STATE_HOME: join(dir, 'state'), XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
  });
  let text = '';
  try {
    text = readFileSync(report, 'utf8');
  } catch {
    throw new Error(`neovim wrote no report (status ${run.status}, signal ${run.signal}): ${run.stdout}${run.stderr}`);
  }
  if (process.env.ZC_NVIM_REPORT) cpSync(report, process.env.ZC_NVIM_REPORT); // (for debugging: keep what neovim saw)
  r = JSON.parse(text) as Report;
  expect(r.fatal, `drive.lua failed: ${r.fatal}`).toBeUndefined();
  expect(run.status).toBe(0);
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  cleanupBundle();
});

const mainText = () => readFileSync(join(FIXTURE, '示例.zc'), 'utf8');
const byteCol = (line: string, needle: string) => Buffer.byteLength(line.slice(0, line.indexOf(needle)), 'utf8');

describe('neovim built-in LSP client ↔ zhengce language server', () => {
  test('diagnostics: the sample has only ZC0703; an edit gives ZC0403 at the edited name; undoing it clears it', () => {
    expect(r.initial.map((d) => d.code)).toEqual(['ZC0703']);
    expect(r.edited.line).toContain('家庭.子女人数 二孩及以上');
    const e = r.edited.diagnostics.find((d) => d.code === 'ZC0403')!;
    expect(e).toBeDefined();
    expect(e.severity).toBe(1); // vim.diagnostic.severity.ERROR
    // with init_options.helpInMessage (README's init.lua): the help is the message's second line —
    // neovim 0.7 shows only the message (virtual text, float), never related information
    expect(e.message).toBe('实体“家庭”没有字段“子女人数”\n提示：是否想写“子女数”？');
    // neovim converted the server's UTF-16 position to this line and byte column
    expect(e.lnum).toBe(r.edited.row);
    expect(e.col).toBe(byteCol(r.edited.line, '子女人数'));
    expect(r.edited.row).toBe(mainText().split('\n').findIndex((l) => l.includes('家庭.子女数 二孩及以上')));
    expect(r.undone.map((d) => d.code)).toEqual(['ZC0703']);
  });

  test('completion through neovim\'s own omnifunc after 家庭.: the quoted field is kept and inserted once', () => {
    expect(r.completion_dot.prefix).toBe('');
    expect(r.completion_dot.words.sort()).toEqual(['「夫妻至少一方户籍在本县」', '子女数'].sort());
    expect(r.completion_dot.accepted).toBe(true);
    expect(r.completion_dot.line).toContain('3孩 且 家庭.「夫妻至少一方户籍在本县」 且');
    expect(r.completion_dot.line).not.toContain('」」');
    expect(r.completion_dot.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  test('typed with its opening quote (家庭.「夫): neovim starts the word at 「, keeps the item and inserts it once', () => {
    // neovim 0.7's omnifunc takes the server's textEdit start only from items without a
    // filterText; otherwise it starts at the keyword before the cursor (“夫”, since 「 is
    // punctuation) and its prefix filter drops every quoted item
    expect(r.completion_quote.prefix).toBe('「夫');
    expect(r.completion_quote.words).toEqual(['「夫妻至少一方户籍在本县」']);
    expect(r.completion_quote.accepted).toBe(true);
    expect(r.completion_quote.line).toContain('3孩 且 家庭.「夫妻至少一方户籍在本县」 且');
    expect(r.completion_quote.line).not.toContain('「「');
  });

  test('a unit after a number (≥ 2▮): neovim offers the units and inserts 孩 after the digit', () => {
    // the digits are keyword characters to neovim: without the server's start column it
    // would filter the units by “2”
    expect(r.completion_unit.prefix).toBe('');
    expect(r.completion_unit.words).toEqual(expect.arrayContaining(['孩', '元', '天']));
    expect(r.completion_unit.accepted).toBe(true);
    expect(r.completion_unit.line).toContain('3孩 且 家庭.子女数 ≥ 2孩 且');
  });

  test('an empty line in a 措施: neovim lists the measure’s declarations and attribute keys, not 措施 or names', () => {
    const w = r.completion_measure_line.words;
    expect(r.completion_measure_line.prefix).toBe('');
    expect(w).toEqual(expect.arrayContaining(['规则', '结果', '存疑']));
    // attribute keys are snippets (键：$0); neovim 0.7 shows the snippet's text as the word
    expect(w.some((x) => x.startsWith('牵头单位'))).toBe(true);
    for (const no of ['措施', '政策', '条款', '家庭', '条件']) expect(w).not.toContain(no);
  });

  test('typed bare after the dot (家庭.夫妻): what the server sends; what neovim 0.7 does with it', () => {
    // the server: items that filter without 「 (their label; no filterText, so neovim takes the
    // textEdit's start) and a textEdit over “夫妻” (what VS Code and Monaco filter on —
    // test/playground checks Monaco)
    expect(r.completion_bare.prefix).toBe('夫妻');
    expect(r.completion_bare.rawFilterTexts).toEqual([false, false]);
    expect(r.completion_bare.filterTexts.sort()).toEqual(['夫妻至少一方户籍在本县', '子女数'].sort());
    expect(r.completion_bare.newTexts.sort()).toEqual(['「夫妻至少一方户籍在本县」', '子女数'].sort());
    // Debian's neovim 0.7.2 matches the typed prefix against the inserted word, never filterText
    // (runtime/lua/vim/lsp/util.lua, remove_unmatch_completion_items: vim.startswith(word, prefix)),
    // and replaces only [start, cursor]: no server answer can turn “夫妻” into “「夫妻…」” there, so
    // its own filter drops a name that must be quoted (type 「 first: the test above). If this starts
    // failing, neovim honours filterText: assert instead that the item is kept and accepted once.
    expect(r.completion_bare.words).toEqual([]);
    expect(r.completion_bare.accepted).toBe(false);
  });

  test('definitions and lists (列表.zc): hover, definition, completion after a list / 其. / 实体., rename refused and applied', () => {
    const L = r.lists;
    expect(L.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect(L.hover).toContain('**定义** `家庭.多孩家庭`：是否');
    expect(L.hover).toContain('说明：按子女数计');
    expect(L.definition).toHaveLength(1);
    expect(decodeURIComponent(L.definition[0]!.uri)).toMatch(/\/列表\.zc$/);
    const src = readFileSync(LISTS, 'utf8').split('\n');
    const row = src.findIndex((l) => l.includes('户籍：户籍地'));
    expect(L.definition[0]!.range.start).toEqual({ line: row, character: src[row]!.indexOf('户籍') });
    // after 家庭.子女 : the quantifier suffixes (snippets; neovim shows the snippet text as the word)
    expect(L.after_list.some((w) => w.startsWith('均满足'))).toBe(true);
    expect(L.after_list.some((w) => w.startsWith('至少一个满足'))).toBe(true);
    expect(L.after_list.some((w) => w.startsWith('按'))).toBe(true);
    expect(L.after_list).not.toContain('子女数');
    expect(L.after_list_snippet.every((f) => f === 2)).toBe(true);
    expect(L.after_it.sort()).toEqual(['出生日期', '户籍', '月收入'].sort());
    expect(L.after_entity).toEqual(expect.arrayContaining(['子女数', '夫妻', '子女', '多孩家庭']));
    expect(L.accepted).toBe(true);
    expect(L.accepted_line).toMatch(/且 家庭\.多孩家庭 $/);
    expect(L.rename_conflict).toBe('不能重命名为“子女数”：“家庭”中已有同名的字段“子女数”，两者会合并为一个名称');
    expect(L.renamed.filter((l) => l.includes('多子女家庭'))).toHaveLength(2);
    expect(L.renamed.join('\n')).not.toContain('多孩家庭');
    expect(L.after_rename.filter((d) => d.severity === 1)).toEqual([]);
  });

  test('hover on a measure shows its clause and 原文; on an import, the file and its declarations', () => {
    expect(r.hover).toContain('条款 **二（一）**');
    expect(r.hover).toContain('> （一）生育补助。对生育二孩及以上且夫妻至少一方户籍在本县的家庭');
    expect(r.hover_import).toContain('**导入** `类型.zc`');
    expect(r.hover_import).toContain('- 实体 `家庭`：子女数、夫妻至少一方户籍在本县');
    expect(r.hover_import).toContain('- 枚举 `性别`：男、女');
  });

  test('definition of a field and of 导入 "类型.zc" (neovim opens the file)', () => {
    expect(r.definition_field).toHaveLength(1);
    expect(decodeURIComponent(r.definition_field[0]!.uri)).toMatch(/\/类型\.zc$/);
    const types = readFileSync(join(FIXTURE, '类型.zc'), 'utf8').split('\n');
    const row = types.findIndex((l) => l.includes('子女数'));
    expect(r.definition_field[0]!.range.start).toEqual({ line: row, character: types[row]!.indexOf('子女数') });
    expect(r.definition_import).toHaveLength(1);
    expect(decodeURIComponent(r.definition_import[0]!.uri)).toMatch(/\/类型\.zc$/);
    expect(r.definition_import[0]!.range.start).toEqual({ line: 0, character: 0 });
    expect(r.jumped.file).toMatch(/\/类型\.zc$/);
    expect(r.jumped.cursor).toEqual([1, 0]);
    expect(r.jumped.first).toBe(types[0]);
  });

  test('rename onto an existing field of the same entity is refused with a Chinese message; another name is applied everywhere', () => {
    expect(r.rename_conflict.result).toBeNull();
    expect(r.rename_conflict.error).toBe('不能重命名为“夫妻至少一方户籍在本县”：“家庭”中已有同名的字段“夫妻至少一方户籍在本县”，两者会合并为一个名称');
    expect(r.rename_ok.error).toBeNull();
    expect(r.rename_ok.line).toContain('家庭.孩子数 二孩及以上');
    expect(r.rename_ok.types_changed).toBe(true);
  });

  test('formatting gives exactly the formatter output', () => {
    const input = '实体   户{子女数:整数\n 出生日期 ： 日期}\n指标 甲：整数=1+2   # 注释\n';
    const expected = format(new SourceFile('格式.zc', input)).value!;
    expect(r.formatted.join('\n') + '\n').toBe(expected);
    expect(r.formatted).toEqual(['实体 户 {', '  子女数：整数', '  出生日期：日期', '}', '指标 甲：整数 = 1 + 2 # 注释']);
  });

  test('folding ranges: the 政策 block, clauses and measures fold up to (not including) their closing brace', () => {
    const lines = r.lines;
    const fold = (needle: string) => {
      const start = lines.findIndex((l) => l.includes(needle));
      return r.folding.find((f) => f.startLine === start);
    };
    const policy = fold('政策 「示例县育儿支持办法」');
    expect(policy).toBeDefined();
    expect(lines[policy!.endLine + 1]).toBe('}');
    const measure = fold('措施 生育补助');
    expect(measure).toBeDefined();
    expect(lines[measure!.endLine + 1]!.trim()).toBe('}');
    expect(measure!.endLine - measure!.startLine).toBeGreaterThan(5);
    // every range lies in the file and spans at least two lines
    for (const f of r.folding) expect(f.startLine < f.endLine && f.endLine < lines.length).toBe(true);
  });
});
