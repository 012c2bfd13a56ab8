/**
 * The parameter file's line scanner (compiler/semantics/parameters.ts `quickParameters`) against the
 * YAML library's path (`parseParametersYaml`): wherever the scanner gives a set, the library gives the
 * same set — names, units, notes, values, sources, dates, spans — and no diagnostic. Checked on every
 * 参数.yaml in the repository, the benchmark corpus's, hand-written layouts on either side of what the
 * scanner takes, and random edits of them (characters YAML gives a meaning to, indentation, line breaks).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { parseParameters, parseParametersYaml, quickParameters } from '../../compiler/semantics/parameters.js';

const root = join(__dirname, '../..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e.startsWith('.') || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (e === '参数.yaml') out.push(p);
  }
  return out;
}

const repoFiles = [...yamlFiles(join(root, 'policies')), ...yamlFiles(join(root, 'test'))];

/** The scanner's set (if any) is the library's, without diagnostics. Returns whether the scanner took the text. */
function agrees(text: string): boolean {
  const file = new SourceFile('参数.yaml', text);
  const quick = quickParameters(file);
  const slow = parseParametersYaml(file);
  if (quick === undefined) return false;
  expect(slow.diagnostics).toEqual([]);
  expect([...quick.entries()]).toEqual([...slow.value.entries()]);
  // (key order of each definition and value too: what JSON output shows)
  const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  expect(json([...quick.values()])).toBe(json([...slow.value.values()]));
  return true;
}

const canonical = [
  '法定产假天数:',
  '  单位: 天',
  '  说明: "含产前15天：国家规定的部分"',
  '  值:',
  '    - 起: 2021-12-01',
  '      值: 158',
  '      来源: "《河南省人口与计划生育条例》第二十五条"',
  '      已确认: false',
  '    - 起: 2016-01-01',
  '      值: 128.5',
  '      来源: 旧条例',
  '      已确认: true',
  '',
  '# 注释',
  '最低工资标准:',
  '  值:',
  '    - 起: 2022-01-01   ',
  '      来源: "合成"  ',
  '  # 缩进的注释',
  '      值: -1900',
  '      已确认: true',
  '  单位: 元/月',
].join('\n');

test('the repository’s parameter files and the benchmark’s are read by the scanner, as the library reads them', () => {
  expect(repoFiles.length).toBeGreaterThan(10);
  let taken = 0;
  for (const p of repoFiles) if (agrees(readFileSync(p, 'utf8'))) taken++;
  // (most are in the canonical layout: the scanner is what `zhengce check` runs on them)
  expect(taken).toBeGreaterThan(repoFiles.length / 2);
  expect(agrees(readFileSync(join(root, 'policies/luanchuan/参数.yaml'), 'utf8'))).toBe(true);
});

test('hand-written layouts: taken where canonical, left to the library otherwise', () => {
  expect(agrees(canonical)).toBe(true);
  expect(agrees(canonical + '\n')).toBe(true);
  expect(agrees(canonical + '\n\n# 尾注\n')).toBe(true);
  const leftAlone = [
    canonical.replace('单位: 天', '单位: 天 # 注释'), // a comment after a value
    canonical.replace('  单位: 元/月', ''), // no unit: a diagnostic
    canonical.replace('值: 158', '值: 一百'), // not a number: a diagnostic
    canonical.replace('起: 2016-01-01', '起: 2021-12-01'), // two values from the same day: a diagnostic
    canonical.replace('来源: 旧条例', '来源: ""'), // an empty source: a diagnostic
    canonical.replace('已确认: true', '已确认: yes'),
    canonical.replace('已确认: false', '已确认: True'),
    canonical.replace('  说明:', '  备注:'), // an unknown key: a diagnostic
    canonical.replace('      值: 158', '      值: 158\n      值: 159'), // a duplicate key: a YAML error
    canonical.replace('来源: "合成"', '来源: "合\\"成"'), // an escape
    canonical.replace('    - 起: 2021-12-01', '  - 起: 2021-12-01'), // the list at the key's indentation
    canonical.replace('单位: 天', '单位: "天"\n  单位: 日'),
    canonical.replace('最低工资标准:', '最低工资标准 :'),
    canonical.replace('最低工资标准:', '2024:'),
    canonical.replace('最低工资标准:', 'null:'),
    '---\n' + canonical,
    canonical.replace(/\n/g, '\r\n'),
    canonical.replace('  单位: 天', '\t单位: 天'),
    '',
    '# 只有注释\n',
  ];
  for (const t of leftAlone) expect(agrees(t)).toBe(false);
  // (and the public entry point takes the library's result for those)
  for (const t of leftAlone) {
    const f = new SourceFile('参数.yaml', t);
    expect(parseParameters(f)).toEqual(parseParametersYaml(f));
  }
});

test('random edits of parameter files: whatever the scanner takes, the library reads the same', () => {
  const bases = [canonical, ...repoFiles.slice(0, 6).map((p) => readFileSync(p, 'utf8'))];
  const piece = fc.constantFrom(' ', '  ', '\n', '\n  ', '\n    - ', '#', ' #', ':', ': ', '"', '-', '1', '0.5', 'a', '：', '值', '起', '\\', '[', '{', '\'', '&', 'true', 'null', '2021-01-01', '\t', '');
  const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.array(piece, { maxLength: 3 }).map((a) => a.join('')) });
  let taken = 0;
  fc.assert(
    fc.property(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (b, edits) => {
      let t = bases[b]!;
      for (const e of edits) {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + e.ins + t.slice(at + e.del);
      }
      if (agrees(t)) taken++;
    }),
    { numRuns: 1500 },
  );
  // (the edits must not all fall outside the scanner: some are taken, and compared)
  expect(taken).toBeGreaterThan(50);
});
