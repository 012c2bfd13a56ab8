/**
 * Generates syntaxes/zhengce.tmLanguage.json from the compiler's token vocabulary
 * (compiler/syntax/tokens.ts: KEYWORDS split into operator words, attribute keys, type
 * words, periods, constants and declaration words; UNIT_WORDS; NUMERAL_CHARS), so the
 * TextMate grammar cannot drift from the lexer. test/lsp/vsix.test.ts regenerates it
 * and compares it with the checked-in file.
 *
 *   node vscode-extension/scripts/grammar.mjs          write the grammar
 *   node vscode-extension/scripts/grammar.mjs --check  exit 1 if the file is stale
 */
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const extensionDir = join(here, '..');
export const repoDir = join(extensionDir, '..');
export const grammarPath = join(extensionDir, 'syntaxes', 'zhengce.tmLanguage.json');

/** The token module of the compiler, bundled on the fly (no tsc build needed). */
export async function loadTokens() {
  const r = await build({
    entryPoints: [join(repoDir, 'compiler', 'syntax', 'tokens.ts')],
    bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent',
  });
  const code = r.outputFiles[0].text;
  return import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
}

const esc = (w) => w.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
const alt = (words) => `(?:${[...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(esc).join('|')})`;

/**
 * Build the grammar object. `t` provides KEYWORDS, GLUE_KEYWORDS, WORD_KEYWORDS,
 * AttrWords, TypeWords, PeriodWords, UNIT_WORDS, NUMERAL_CHARS.
 */
export function makeGrammar(t) {
  const glue = new Set(t.GLUE_KEYWORDS);
  const attrs = new Set(t.AttrWords);
  const types = new Set(t.TypeWords);
  const periods = new Set(t.PeriodWords);
  const constants = new Set(['是', '否', '未知', '当日', '次日']);
  const groups = { operator: [], period: [], type: [], attribute: [], constant: [], declaration: [] };
  for (const k of t.KEYWORDS) {
    if (periods.has(k)) groups.period.push(k);
    else if (glue.has(k)) groups.operator.push(k);
    else if (types.has(k)) groups.type.push(k);
    else if (attrs.has(k)) groups.attribute.push(k);
    else if (constants.has(k)) groups.constant.push(k);
    else groups.declaration.push(k);
  }
  // structural words count only as whole words (not inside a name, not after “.”)
  const NAME = '\\p{Han}A-Za-z_';
  const whole = (words) => `(?<![${NAME}.．·])${alt(words)}(?![${NAME}])`;
  const word = (words, isGlue) => (isGlue ? alt(words) : whole(words));
  const N = t.NUMERAL_CHARS;
  const D = '[0-9０-９]';
  const units = alt(t.UNIT_WORDS);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'ZhengCe',
    scopeName: 'source.zhengce',
    fileTypes: ['zc'],
    patterns: [
      { include: '#comment' }, { include: '#string' }, { include: '#quoted-name' }, { include: '#date' },
      { include: '#keywords' }, { include: '#number' }, { include: '#operator' }, { include: '#punctuation' },
    ],
    repository: {
      comment: { name: 'comment.line.number-sign.zhengce', match: '[#＃].*$' },
      string: {
        name: 'string.quoted.double.zhengce', begin: '"', end: '"',
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.zhengce' } },
        endCaptures: { 0: { name: 'punctuation.definition.string.end.zhengce' } },
        patterns: [{ name: 'constant.character.escape.zhengce', match: '\\\\.' }],
      },
      'quoted-name': {
        patterns: [
          { name: 'variable.other.quoted.zhengce', match: '(「)[^「」\\n]*(」)', captures: { 1: { name: 'punctuation.definition.name.begin.zhengce' }, 2: { name: 'punctuation.definition.name.end.zhengce' } } },
          { name: 'variable.other.quoted.zhengce', match: '(【)[^【】\\n]*(】)', captures: { 1: { name: 'punctuation.definition.name.begin.zhengce' }, 2: { name: 'punctuation.definition.name.end.zhengce' } } },
          { name: 'invalid.illegal.unclosed-name.zhengce', match: '[「【][^「」【】\\n]*$' },
        ],
      },
      date: {
        name: 'constant.other.date.zhengce',
        match: `${D}{4}年${D}{1,2}月${D}{1,2}日|${D}{4}[-－]${D}{1,2}[-－]${D}{1,2}(?!${D})|[${N}]{4}年[${N}]{1,3}月[${N}]{1,3}日`,
      },
      keywords: {
        patterns: [
          { name: 'keyword.other.period.zhengce', match: word(groups.period, true) },
          { name: 'keyword.operator.word.zhengce', match: word(groups.operator, true) },
          { name: 'storage.type.declaration.zhengce', match: word(groups.declaration, false) },
          { name: 'support.type.zhengce', match: word(groups.type, false) },
          { name: 'entity.other.attribute-name.zhengce', match: word(groups.attribute, false) },
          { name: 'constant.language.zhengce', match: word(groups.constant, false) },
        ],
      },
      number: {
        match: `(${D}+(?:[.．]${D}+)?[万亿]?|[${N}]+(?:点[${N}]+)?)(?:[ \\t\\x{3000}]*(${units}))?`,
        captures: { 1: { name: 'constant.numeric.zhengce' }, 2: { name: 'keyword.other.unit.zhengce' } },
      },
      operator: { name: 'keyword.operator.zhengce', match: '>=|<=|!=|==|≥|≤|≠|⩾|⩽|＞＝|＜＝|！＝|[=＝><＞＜+＋×÷*＊/／]|[-－]|[—–~～〜]+' },
      punctuation: {
        patterns: [
          { name: 'punctuation.section.block.zhengce', match: '[{}｛｝]' },
          { name: 'punctuation.separator.key-value.zhengce', match: '[:：]' },
          { name: 'punctuation.separator.list.zhengce', match: '[,，、;；。]' },
          { name: 'punctuation.section.parens.zhengce', match: '[()（）]' },
          { name: 'punctuation.accessor.zhengce', match: '[.．·]' },
        ],
      },
    },
  };
}

/** The keywords a grammar object lists (for the drift test). */
export function grammarKeywords(g) {
  const out = [];
  for (const p of g.repository.keywords.patterns) {
    const m = /\(\?:([^()]*)\)(?:\(\?!|$)/.exec(p.match);
    if (!m) throw new Error(`unexpected keyword pattern ${p.match}`);
    for (const w of m[1].split('|')) out.push(w.replace(/\\(.)/g, '$1'));
  }
  return out;
}

export function grammarText(g) {
  return JSON.stringify(g, null, 2) + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t = await loadTokens();
  const text = grammarText(makeGrammar(t));
  if (process.argv.includes('--check')) {
    const old = readFileSync(grammarPath, 'utf8');
    if (old !== text) {
      console.error('syntaxes/zhengce.tmLanguage.json 已过期：运行 node vscode-extension/scripts/grammar.mjs');
      process.exit(1);
    }
  } else writeFileSync(grammarPath, text);
}
