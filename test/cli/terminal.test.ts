/**
 * Terminal escape injection (issue 14 §6): text that comes from policies, case files,
 * scenario files or file names never reaches the terminal raw. Every text renderer —
 * verify's text report, the scenario runner, coverage, eval's errors, fmt, build —
 * escapes control, bidi and other invisible characters as `check` does (`<U+001B>`,
 * terminalSafe in compiler/diagnostics/render.ts); JSON outputs \u-escape them
 * (escapeJsonUnsafe), so the parsed value is unchanged.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../helpers/golden.js';
import { RAW_CONTROL, runMain } from '../helpers/cli.js';
import { terminalSafe } from '../../compiler/diagnostics/render.js';
import { tmpDirForFile } from '../helpers/tmp.js';

/** Clears the screen, prints a forged green line, and reverses the text after it. */
const HOSTILE = '\u001b[2J\u001b[32m核查通过\u202e反转\u0007';

const tmp = tmpDirForFile('zhengce-term-');
let dir: string;
beforeAll(() => {
  dir = join(tmp, 'policies');
  mkdirSync(dir, { recursive: true });
  cpSync(join(REPO_DIR, 'policies', 'sample'), join(dir, 'sample'), { recursive: true });
  writeFileSync(join(dir, 'events.yaml'), '[]\n');
  const main = join(dir, 'sample', '示例.zc');
  // a property that fails, whose 说明 is quoted in the finding message
  writeFileSync(main, readFileSync(main, 'utf8').replace('  性质 「补助非负」 {\n    断言：生育补助.补助金额 ≥ 0元\n  }', `  性质 「补助非负」 {\n    说明："${HOSTILE}"\n    断言：生育补助.补助金额 ≥ 3000元\n  }`));
  // a failing scenario whose name is hostile
  writeFileSync(join(dir, 'sample', 'scenarios', '恶意.yaml'), `政策: sample\n场景:\n  - 名称: "${HOSTILE.replace(/\u001b/g, '\\e').replace(/\u0007/g, '\\a')}"\n    日期: 2024-06-01\n    事实: { 家庭: { 子女数: 1, 丈夫户籍在本县: true } }\n    期望: { 生育补助: { 状态: 适用 } }\n`);
});

function expectSafe(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).toContain('<U+001B>');
}

describe('hostile text is escaped by every text renderer', () => {
  it('the shared helper: <U+001B>, bidi and BEL escaped, line breaks kept, idempotent', () => {
    const s = terminalSafe(`甲${HOSTILE}\n乙`);
    expect(s).toBe('甲<U+001B>[2J<U+001B>[32m核查通过<U+202E>反转<U+0007>\n乙');
    expect(terminalSafe(s)).toBe(s);
  });

  it('verify (text report): the 说明 of a failing property', async () => {
    const r = await runMain(['verify', '--runs', '0', '--no-scenarios', dir], tmp);
    expect(r.out).toContain('核查通过');
    expectSafe(r.out);
    expect(r.err).not.toMatch(RAW_CONTROL);
  }, 120_000);

  it('verify --format json / sarif: \\u-escaped, the parsed text unchanged', async () => {
    for (const format of ['json', 'sarif']) {
      const r = await runMain(['verify', '--runs', '0', '--no-scenarios', '--format', format, dir], tmp);
      expect(r.out).not.toMatch(RAW_CONTROL);
      expect(r.out).toContain('\\u001b[2J');
      expect(JSON.stringify(JSON.parse(r.out))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
    }
  }, 120_000);

  it('test (scenario runner): a hostile scenario name', async () => {
    const r = await runMain(['test', '--policies', dir, join(dir, 'sample', 'scenarios', '恶意.yaml')], tmp);
    expect(r.code).toBe(1);
    expectSafe(r.out);
  });

  it('eval: a hostile key in a case file (stderr)', async () => {
    const path = join(tmp, '恶意个案.yaml');
    writeFileSync(path, `事实:\n  家庭: { "${'\\e[2J'}": 1 }\n`);
    const r = await runMain(['eval', '--paths', dir, '--events', 'none', '--date', '2024-06-01', path], tmp);
    expect(r.code).toBe(1);
    expectSafe(r.err);
  });

  it('eval: hostile values in the decisions (JSON on stdout) are \\u-escaped', async () => {
    const ev = join(tmp, '恶意事件.yaml');
    writeFileSync(ev, `- 日期: 2024-04-01\n  级别: 省\n  类别: 生育支持政策\n  标题: "${'\\e[2J\\u202e'}"\n`);
    const path = join(tmp, '个案.yaml');
    writeFileSync(path, '事实:\n  家庭: { 子女数: 3 }\n');
    const r = await runMain(['eval', '--paths', dir, '--events', ev, '--date', '2024-06-01', path], tmp);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(r.out) as { 废止: { 事件: { 标题: string } } }).废止.事件.标题).toBe('\u001b[2J\u202e');
  });

  it('usage errors quote arguments safely (stderr)', async () => {
    const r = await runMain(['eval', '--paths', dir, '--date', `2024${HOSTILE}`, 'x.yaml'], tmp);
    expect(r.code).toBe(2);
    expectSafe(r.err);
    const u = await runMain([`ver${HOSTILE}`], tmp);
    expect(u.code).toBe(2);
    expectSafe(u.err);
  });

  it('fmt: a hostile file name', async () => {
    const d = join(tmp, 'fmt');
    mkdirSync(d, { recursive: true });
    const name = `甲${'\u001b[31m'}.zc`;
    writeFileSync(join(d, name), '枚举   甲 { 乙、丙 }\n');
    const r = await runMain(['fmt', '--check', d], tmp);
    expect(r.code).toBe(1);
    expectSafe(r.out);
  });

  it('coverage: a hostile sentence in the source, in text and JSON', async () => {
    const src = join(dir, 'sample', 'source.txt');
    writeFileSync(src, `${readFileSync(src, 'utf8')}附加${HOSTILE}。\n`);
    const r = await runMain(['coverage', dir], tmp);
    expectSafe(r.out);
    const j = await runMain(['coverage', '--format', 'json', dir], tmp);
    expect(j.out).not.toMatch(RAW_CONTROL);
    expect(() => JSON.parse(j.out)).not.toThrow();
  });
});
