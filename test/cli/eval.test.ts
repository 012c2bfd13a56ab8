/**
 * `zhengce eval` on bad input (issue 14 §8, §4): every problem gets a Chinese message
 * with file:line:col, the problem and the fix — the YAML library's English never
 * reaches the user, the encoding of a non-UTF-8 file is named (with the byte), no
 * internal marker leaks, `政策: 123` is not ignored, `--date` without a value does not
 * swallow the case path silently, a full-width colon is named where it is, type errors
 * point at the value. And a case without an entity is 存疑, never a silent 不适用;
 * `实体: 不存在` says an entity does not exist.
 * Through the CLI in-process (test/helpers/cli.ts), on the sample policy, --events none.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../helpers/golden.js';
import { runMain, RAW_CONTROL } from '../helpers/cli.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-eval-');

const SAMPLE = join(REPO_DIR, 'policies', 'sample');

async function evalCase(name: string, content: string | Buffer, extra: string[] = []) {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return runMain(['eval', '--paths', SAMPLE, '--events', 'none', '--date', '2024-06-01', ...extra, path], tmp);
}

/** An English sentence (the yaml library's messages are English prose). */
const ENGLISH = /\b[A-Za-z]{3,}\s+[a-z]{2,}\s+[a-z]{2,}/;
const CJK = /[\u4e00-\u9fff]/;

/** Every error report: Chinese, located, no English, no marker, no raw control character, no stack trace. */
function expectClearError(r: { code: number; out: string; err: string }, code: string, at: string): void {
  expect(r.code, r.err).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toContain(`错误[${code}]`);
  expect(r.err).toContain(`--> ${at}`);
  expect(r.err).toMatch(CJK);
  expect(r.err).not.toMatch(ENGLISH);
  expect(r.err).not.toContain('invalid-utf8');
  expect(r.err).not.toMatch(RAW_CONTROL);
  expect(r.err).not.toMatch(/\bat .*\.(ts|js):\d+/); // stack trace
  expect(r.err).toMatch(/共 \d+ 个错误/);
}

const GOOD = '政策: sample\n事实:\n  家庭: { 子女数: 3, 丈夫户籍在本县: true }\n';

describe('YAML errors: Chinese, with the place', () => {
  const cases: [string, string, string, RegExp][] = [
    ['duplicate key', '事实:\n  家庭: { 子女数: 3 }\n  家庭: { 子女数: 2 }\n', 'dup.yaml:3:3', /键“家庭”重复/],
    ['alias bomb', `a: &a [${Array(10).fill('x').join(',')}]\nb: &b [${Array(10).fill('*a').join(',')}]\nc: &c [${Array(10).fill('*b').join(',')}]\n事实: {}\n`, 'alias.yaml:2:8', /别名展开过多/],
    ['two documents', '事实: {}\n---\n事实: {}\n', 'docs.yaml:2:1', /多个 YAML 文档/],
    ['tab indentation', '事实:\n\t家庭: {}\n', 'tab.yaml:2:1', /制表符/],
    ['unclosed flow map', '事实: { 家庭: { 子女数: 3 }\n', 'flow.yaml:', /没有配对/],
    ['unclosed quote', '政策: "sample\n事实: {}\n', 'quote.yaml:', /引号/],
    ['an explicit tag', '事实: !!set { 家庭 }\n', 'tag.yaml:1:11', /不支持 YAML 标签“!!set”/],
  ];
  for (const [what, text, at, says] of cases) {
    it(what, async () => {
      const r = await evalCase(at.split(':')[0]!, text);
      expectClearError(r, 'ZC0806', at);
      expect(r.err).toMatch(says);
      expect(r.err).toContain('帮助');
    });
  }

  it('a full-width colon after a key is named at the character', async () => {
    const r = await evalCase('fw.yaml', '政策: sample\n事实：\n  家庭: { 子女数: 3 }\n');
    expectClearError(r, 'ZC0806', 'fw.yaml:2:3');
    expect(r.err).toContain('全角冒号“：”');
    expect(r.err).toContain('“事实: ”');
  });

  it('a full-width colon after a nested key is one diagnostic: the YAML parser\'s own error on that line (“补上结尾的引号或括号”) is not shown', async () => {
    const r = await evalCase('fw2.yaml', '政策: sample\n事实:\n  家庭:\n    子女数: 3\n    丈夫户籍在本县：true\n');
    expectClearError(r, 'ZC0806', 'fw2.yaml:5:12');
    expect(r.err.match(/错误\[ZC0806\]/g)).toHaveLength(1);
    expect(r.err).toContain('“丈夫户籍在本县”后面是全角冒号“：”');
    expect(r.err).not.toContain('补上结尾的引号或括号');
  });

  it('a full-width colon in a one-line file (the top level is text)', async () => {
    const r = await evalCase('fw1.yaml', '事实：{}\n');
    expectClearError(r, 'ZC0806', 'fw1.yaml:1:3');
    expect(r.err).toContain('全角冒号');
  });
});

describe('encodings: named, with the byte and the place; no internal marker', () => {
  const utf16 = (s: string, le: boolean) => {
    const b = Buffer.from(s, 'utf16le');
    if (!le) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1]!, b[i]!];
    return b;
  };
  const cases: [string, Buffer, string, RegExp][] = [
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(GOOD, true)]), 'u16le.yaml:1:1', /UTF-16（小端/],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(GOOD, false)]), 'u16be.yaml:1:1', /UTF-16（大端/],
    ['UTF-16 without BOM', utf16('事实: {}\n政策: sample\n', true), 'u16nobom.yaml:1:1', /没有字节顺序标记的 UTF-16/],
    ['GBK', Buffer.concat([Buffer.from('政策: sample\n事实: {}\n# '), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('\n')]), 'gbk.yaml:3:3', /第 29 字节.*GBK\/GB18030/],
    ['binary (PNG header)', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]), 'png.yaml:1:1', /二进制数据/],
    ['invalid UTF-8 in the middle', Buffer.concat([Buffer.from('事实:\n  家庭: { 子女数: 3 }  # '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]), 'bad8.yaml:2:', /不是有效的 UTF-8|GBK/],
  ];
  for (const [what, bytes, at, says] of cases) {
    it(what, async () => {
      const r = await evalCase(at.split(':')[0]!, bytes);
      expectClearError(r, 'ZC0002', at);
      expect(r.err).toMatch(says);
      expect(r.err).toMatch(/UTF-8|二进制/);
    });
  }
});

describe('the shape of the case file', () => {
  it('政策: 123 is an error at the value, not ignored', async () => {
    const r = await evalCase('pol.yaml', '政策: 123\n事实: {}\n');
    expectClearError(r, 'ZC0806', 'pol.yaml:1:5');
    expect(r.err).toContain('“政策”应为');
    expect(r.err).toContain('数字 123');
  });

  it('an unknown top-level key and a missing 事实, each with its place', async () => {
    const r = await evalCase('keys.yaml', '政策: sample\n事例: {}\n');
    expectClearError(r, 'ZC0806', 'keys.yaml:2:1');
    expect(r.err).toContain('未知的键“事例”');
    expect(r.err).toContain('缺少“事实”');
  });

  it('a list at the top level', async () => {
    const r = await evalCase('list.yaml', '- 事实: {}\n');
    expectClearError(r, 'ZC0806', 'list.yaml:1:1');
    expect(r.err).toContain('顶层应为映射');
  });

  it('an empty or comment-only case file', async () => {
    for (const text of ['', '# 个案\n']) {
      const r = await evalCase('empty.yaml', text);
      expectClearError(r, 'ZC0806', 'empty.yaml:1:1');
      expect(r.err).toContain('个案文件是空的');
    }
  });

  it('type errors point at the value (line:col), unknown fields and entities at the key', async () => {
    const r = await evalCase('types.yaml', '事实:\n  家庭:\n    子女数: -1\n    丈夫户籍在本县: 是\n    子女数目: 3\n  猫: {}\n  婴幼儿: { 出生日期: 2024-07-01 }\n');
    expectClearError(r, 'ZC0804', 'types.yaml:3:10');
    expect(r.err).toContain('事实.家庭.子女数 应为非负整数，这里是 -1');
    expect(r.err).toContain('--> types.yaml:4:14');
    expect(r.err).toContain('应为是否（true/false），这里是 "是"');
    expect(r.err).toContain('--> types.yaml:5:5');
    expect(r.err).toContain('事实.家庭 没有字段“子女数目”');
    expect(r.err).toContain('--> types.yaml:6:3');
    expect(r.err).toContain('“猫”不是本政策声明的实体');
    expect(r.err).toContain('--> types.yaml:7:16');
    expect(r.err).toContain('不晚于评估日期');
    expect(r.err).toContain('共 5 个错误');
  });

  it('an entity written as null: the error says how to state that it does not exist', async () => {
    const r = await evalCase('null.yaml', '事实:\n  家庭:\n');
    expectClearError(r, 'ZC0804', 'null.yaml:2:3');
    expect(r.err).toContain('"不存在"');
  });
});

describe('--date', () => {
  it('without a value it does not silently swallow the case path (usage error naming the file, exit 2)', async () => {
    const path = join(tmp, 'ok.yaml');
    writeFileSync(path, GOOD);
    const r = await runMain(['eval', '--paths', SAMPLE, '--events', 'none', '--date', path], tmp);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('--date 后面缺少日期');
    expect(r.err).toContain(path);
  });

  it('an impossible or malformed date is a usage error that says why', async () => {
    const path = join(tmp, 'ok2.yaml');
    writeFileSync(path, GOOD);
    for (const [d, says] of [['2024-02-30', /2024年2月只有29日/], ['2024/06/01', /不是日期/], ['明天', /不是日期/]] as const) {
      const r = await runMain(['eval', '--paths', SAMPLE, '--events', 'none', '--date', d, path], tmp);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(says);
    }
  });
});

describe('missing entities (§4): unknown, never a silent 不适用', () => {
  type D = { 决定: { 措施: string; 状态: string; 理由: string[] }[] };
  it('事实: {} — the measures of 家庭 are 存疑 naming the missing entity, none is 不适用 for lack of it', async () => {
    const r = await evalCase('nofacts.yaml', '事实: {}\n');
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as D;
    const subsidy = d.决定.find((x) => x.措施 === '生育补助')!;
    expect(subsidy.状态).toBe('存疑');
    expect(subsidy.理由[0]).toContain('输入中没有「家庭」');
    expect(subsidy.理由[0]).toContain('家庭: 不存在');
    expect(d.决定.some((x) => x.理由.some((y) => /^输入中没有「[^」]+」$/.test(y)))).toBe(false);
  });

  it('家庭: 不存在 — the case states it: 不适用 with that reason', async () => {
    const r = await evalCase('noentity.yaml', '事实:\n  家庭: 不存在\n');
    expect(r.code, r.err).toBe(0);
    const subsidy = (JSON.parse(r.out) as D).决定.find((x) => x.措施 === '生育补助')!;
    expect(subsidy.状态).toBe('不适用');
    expect(subsidy.理由).toEqual(['输入声明没有「家庭」']);
  });
});

describe('zhengce eval --help: its case file example', () => {
  it('is a valid case for the county policy it names (it named 本次生育孩次, a field the second encoding derives)', async () => {
    const r = await runMain(['eval', '--help']);
    const lines = r.out.split('\n');
    const at = lines.indexOf('个案文件：');
    expect(at).toBeGreaterThan(0);
    const block: string[] = [];
    for (const l of lines.slice(at + 1)) {
      if (!l.trim()) break;
      block.push(l.slice(2));
    }
    const out = join(tmp, '帮助中的个案.yaml');
    writeFileSync(out, `${block.join('\n')}\n`);
    const e = await runMain(['eval', '--events', 'none', '--date', '2024-06-01', out]);
    expect(e.err).toBe('');
    expect(e.code).toBe(0);
  });
});

describe('a fact written the way a drafter writes it in a .zc file: the help gives the value to write', () => {
  it('a date 2024年4月10日 → 改为 2024-04-10, with the fix; full-width digits → half-width', async () => {
    const r = await evalCase('drafter-values.yaml', '政策: sample\n事实:\n  家庭: { 子女数: ３, 丈夫户籍在本县: true }\n  婴幼儿: { 出生日期: 2024年4月10日, 户籍在本县: true }\n');
    expectClearError(r, 'ZC0804', 'drafter-values.yaml:3:14');
    expect(r.err).toContain('= 帮助: 改为 3（非负整数，数字用半角）');
    expect(r.err).toContain('= 帮助: 改为 2024-04-10（日期（YYYY-MM-DD））');
    expect(r.err).toContain('= 修复建议: 改为 2024-04-10');
  });
  it('a date that is no date keeps the general help', async () => {
    const r = await evalCase('drafter-bad-date.yaml', '政策: sample\n事实:\n  婴幼儿: { 出生日期: 2023年2月29日 }\n');
    expectClearError(r, 'ZC0804', 'drafter-bad-date.yaml:3:16');
    expect(r.err).toContain('= 帮助: 改为日期（YYYY-MM-DD）');
  });
});
