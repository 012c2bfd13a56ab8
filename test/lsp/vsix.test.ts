/**
 * The VS Code extension package: `npm run package:vscode` builds a .vsix whose
 * extension/package.json contributes the language, grammar and snippets and which
 * ships the bundled client and server; the TextMate grammar is generated from the
 * compiler's KEYWORDS and cannot drift from them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import * as tokens from '../../compiler/syntax/tokens.js';
import { KEYWORDS, UNIT_WORDS } from '../../compiler/index.js';
import { grammarKeywords, grammarPath, grammarText, makeGrammar } from '../../vscode-extension/scripts/grammar.mjs';
import { REPO } from './helpers/client.js';

/** Minimal ZIP reader (central directory + stored/deflated entries). */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('不是 ZIP 文件');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('ZIP 中央目录损坏');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const data = buf.subarray(local + 30 + lNameLen + lExtraLen, local + 30 + lNameLen + lExtraLen + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const vocabulary = {
  KEYWORDS, GLUE_KEYWORDS: tokens.GLUE_KEYWORDS, WORD_KEYWORDS: tokens.WORD_KEYWORDS, AttrWords: tokens.AttrWords,
  TypeWords: tokens.TypeWords, PeriodWords: tokens.PeriodWords, UNIT_WORDS, NUMERAL_CHARS: tokens.NUMERAL_CHARS,
};

describe('TextMate grammar', () => {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as ReturnType<typeof makeGrammar>;

  test('lists exactly the compiler KEYWORDS', () => {
    const listed = grammarKeywords(grammar);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort(), '语法文件的关键字与 compiler/syntax/tokens.ts 的 KEYWORDS 不一致：运行 node vscode-extension/scripts/grammar.mjs').toEqual([...KEYWORDS].sort());
  });

  test('the checked-in file is what the generator makes from compiler/syntax/tokens.ts', () => {
    expect(readFileSync(grammarPath, 'utf8'), 'syntaxes/zhengce.tmLanguage.json 已过期：运行 node vscode-extension/scripts/grammar.mjs').toBe(grammarText(makeGrammar(vocabulary)));
  });

  test('its patterns are valid and classify words like the lexer', () => {
    // Oniguruma → JS: \x{3000} → \u3000, \p{Han} → \p{Script=Han} (u flag)
    const js = (src: string) => new RegExp(src.replace(/\\x\{([0-9a-fA-F]+)\}/g, '\\u$1').replace(/\\p\{Han\}/g, '\\p{Script=Han}'), 'u');
    const all: { name: string; re: RegExp }[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (typeof o['match'] === 'string') all.push({ name: String(o['name'] ?? ''), re: js(o['match']) });
      if (typeof o['begin'] === 'string') js(o['begin']);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    };
    walk(grammar.repository);
    expect(all.length).toBeGreaterThan(10);
    const kw = (name: string) => js((grammar.repository.keywords.patterns.find((p) => p.name === name)!).match);
    const decl = kw('storage.type.declaration.zhengce');
    const types = kw('support.type.zhengce');
    const ops = kw('keyword.operator.word.zhengce');
    expect('措施 生育补助').toMatch(decl);
    expect('出生日期'.match(types)).toBeNull(); // 出生日期 is a name …
    expect('：日期'.match(types)?.[0]).toBe('日期'); // … 日期 after ： is the type
    expect('户籍在本县').not.toMatch(decl); // 在 only as a whole word
    expect('事件.日期'.match(types)).toBeNull(); // after “.” a field name
    expect('子女数不满3'.match(ops)?.[0]).toBe('不满'); // operator words even glued
    const num = js((grammar.repository as unknown as Record<string, { match: string }>)['number']!.match);
    expect('2000元'.match(num)?.slice(1, 3)).toEqual(['2000', '元']);
    expect('三孩'.match(num)?.slice(1, 3)).toEqual(['三', '孩']);
    const date = js((grammar.repository as unknown as Record<string, { match: string }>)['date']!.match);
    expect('2024年3月1日'.match(date)?.[0]).toBe('2024年3月1日');
  });
});

describe('.vsix package', () => {
  let dir: string;
  let files: Map<string, Buffer>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zhengce-vsix-'));
    const r = spawnSync('npm', ['run', 'package:vscode', '--', '--out', dir], { cwd: REPO, encoding: 'utf8', timeout: 240_000 });
    if (r.status !== 0) throw new Error(`npm run package:vscode 失败：${r.stdout}\n${r.stderr}`);
    const version = (JSON.parse(readFileSync(join(REPO, 'vscode-extension', 'package.json'), 'utf8')) as { version: string }).version;
    files = unzip(readFileSync(join(dir, `zhengce-${version}.vsix`)));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('contains the manifest with languages, grammars and snippets', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as {
      main: string; publisher: string; license: string; repository: unknown; engines: { vscode: string };
      contributes: { languages: { id: string; extensions: string[]; configuration: string }[]; grammars: { language: string; scopeName: string; path: string }[]; snippets: { language: string; path: string }[] };
    };
    expect(manifest.publisher).toBeTruthy();
    expect(manifest.license).toBe('MIT');
    // the package's own repository, or none (the root package declares none): never a placeholder
    const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { repository?: unknown };
    expect(manifest.repository).toEqual(root.repository);
    expect(files.get('extension/package.json')!.toString('utf8')).not.toMatch(/example\.(invalid|com)/);
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.contributes.languages).toEqual([expect.objectContaining({ id: 'zhengce', extensions: ['.zc'], configuration: './language-configuration.json' })]);
    expect(manifest.contributes.grammars).toEqual([{ language: 'zhengce', scopeName: 'source.zhengce', path: './syntaxes/zhengce.tmLanguage.json' }]);
    expect(manifest.contributes.snippets).toEqual([{ language: 'zhengce', path: './snippets/zhengce.json' }]);
    for (const p of [manifest.main, manifest.contributes.languages[0]!.configuration, manifest.contributes.grammars[0]!.path, manifest.contributes.snippets[0]!.path]) {
      expect(files.has(join('extension', p))).toBe(true);
    }
  });

  test('icon, .zc file icon, no redundant activationEvents, no CLI setting', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as {
      icon: string; activationEvents?: string[]; contributes: { languages: { icon?: { light: string; dark: string } }[]; configuration: { properties: Record<string, unknown> } };
    };
    const png = files.get(join('extension', manifest.icon))!;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128]);
    const fileIcon = manifest.contributes.languages[0]!.icon!;
    for (const p of [fileIcon.light, fileIcon.dark]) expect(files.get(join('extension', p))!.toString('utf8')).toMatch(/^<svg /);
    // VS Code derives onLanguage:zhengce from contributes.languages
    expect(manifest.activationEvents).toBeUndefined();
    expect(Object.keys(manifest.contributes.configuration.properties)).not.toContain('zhengce.cliPath');
  });

  test('Unicode highlighting: every non-ASCII punctuation the lexer accepts is allowed in zhengce files; invisible characters stay flagged', () => {
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as { contributes: { configurationDefaults: Record<string, Record<string, unknown>> } };
    const d = manifest.contributes.configurationDefaults['[zhengce]']!;
    const allowed = d['editor.unicodeHighlight.allowedCharacters'] as Record<string, boolean>;
    expect(d['editor.unicodeHighlight.invisibleCharacters']).toBe(true);
    expect(d['editor.unicodeHighlight.allowedLocales']).toEqual({ 'zh-hans': true, 'zh-hant': true });
    const punct = [tokens.LBrace, tokens.RBrace, tokens.LParen, tokens.RParen, tokens.Colon, tokens.Comma, tokens.Semi, tokens.Dot,
      tokens.GreaterEq, tokens.LessEq, tokens.NotEq, tokens.EqEq, tokens.Greater, tokens.Less, tokens.Plus, tokens.Minus, tokens.Times, tokens.Divide, tokens.Dash, tokens.Percent];
    const accepted = new Set<string>();
    for (const t of punct) {
      const src = (t.PATTERN as RegExp).source;
      for (const ch of src.replace(/\\u\{?[0-9a-fA-F]+\}?/g, '')) if (ch.codePointAt(0)! > 0x7f) accepted.add(ch);
    }
    for (const ch of ['「', '」', '【', '】', '＃']) accepted.add(ch); // name quotes, comment mark
    expect(accepted.size).toBeGreaterThan(20);
    expect([...accepted].filter((ch) => !allowed[ch])).toEqual([]);
    // nothing invisible or bidirectional is allowed
    expect(Object.keys(allowed).filter((ch) => /[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u.test(ch))).toEqual([]);
  });

  test('ships the bundled client and server, and no sources', () => {
    const client = files.get('extension/out/client.js')!.toString('utf8');
    const server = files.get('extension/out/server.js')!.toString('utf8');
    expect(client).toContain('require("vscode")');
    expect(client).toContain('LanguageClient');
    expect(server).toContain('zhengce-language-server');
    expect(server).not.toMatch(/require\("(chevrotain|vscode-languageserver|yaml)"\)/); // bundled, not required
    // 核查 without a checkout: the verifier bundle with z3's loader and WASM beside it
    const verify = files.get('extension/out/verify.js')!.toString('utf8');
    expect(verify).toContain('ZHENGCE_VERIFY_CHILD');
    expect(verify).not.toMatch(/require\("(z3-solver|fast-check|ts-morph|chevrotain)"\)/);
    expect(verify).toContain('require("./z3-built.js")');
    expect(files.get('extension/out/z3-built.wasm')!.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    expect(files.has('extension/out/z3-built.js')).toBe(true);
    expect(files.get('extension/out/webview.js')!.toString('utf8')).toContain('zhengce-data');
    expect([...files.keys()].filter((f) => f.endsWith('.ts') || f.includes('node_modules'))).toEqual([]);
    expect(files.has('extension.vsixmanifest')).toBe(true);
  });

  test('the client bundle loads (with a stub `vscode`) and exports activate/deactivate', () => {
    const client = join(dir, 'client.js');
    writeFileSync(client, files.get('extension/out/client.js')!);
    const stub = `
      const Module = require('module');
      const deep = () => new Proxy(function () {}, { get: (t, k) => (k === Symbol.toPrimitive ? () => '' : k === 'then' ? undefined : deep()), apply: () => deep(), construct: () => deep() });
      const load = Module._load;
      Module._load = function (req, ...rest) { return req === 'vscode' ? deep() : load.call(this, req, ...rest); };
      const ext = require(${JSON.stringify(client)});
      console.log(typeof ext.activate, typeof ext.deactivate);`;
    const r = spawnSync(process.execPath, ['-e', stub], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function function');
  });

  test('snippets for 政策/条款/措施/规则/定性/存疑/指标/性质; language configuration pairs', () => {
    const snippets = JSON.parse(files.get('extension/snippets/zhengce.json')!.toString('utf8')) as Record<string, { prefix: string[] }>;
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    for (const k of ['政策', '条款', '措施', '规则', '定性', '存疑', '指标', '性质']) expect(prefixes).toContain(k);
    const conf = JSON.parse(files.get('extension/language-configuration.json')!.toString('utf8')) as { comments: { lineComment: string }; brackets: string[][]; autoClosingPairs: { open: string }[]; surroundingPairs: string[][] };
    expect(conf.comments.lineComment).toBe('#');
    expect(conf.brackets).toEqual(expect.arrayContaining([['{', '}'], ['（', '）'], ['(', ')'], ['「', '」'], ['【', '】']]));
    expect(conf.autoClosingPairs.map((p) => p.open)).toEqual(expect.arrayContaining(['「', '【', '（', '"']));
    expect(conf.surroundingPairs).toEqual(expect.arrayContaining([['「', '」'], ['【', '】']]));
  });
});
