/**
 * A policy that is not there, every command alike: `--policy` naming none of the policies, or a
 * policies directory without one, is one stable code (ZC1401) with the same words in batch, eval
 * and explain — they printed three codeless Chinese lines — and the nearest policy's name; a path
 * that does not exist (verify, doc, check, test, --paths) is ZC0001 with the nearest entry of its
 * directory. doc/build over a directory without a policy write nothing (they wrote an empty index
 * and removed every earlier generated policy as stale), and test over a directory without
 * scenarios compiles no policy (it compiled whatever a parent directory far above held).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'zc-policy-not-found-'));
const empty = join(tmp, 'empty');
mkdirSync(empty);
const rows = join(tmp, 'rows.jsonl');
writeFileSync(rows, '{}\n');
const CASE = 'examples/case-third-child.yaml';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The three commands that take --policy, each with what else it needs. */
const commands = (policy: string[]): string[][] => [
  ['batch', ...policy, '--date', '2024-07-01', '--in', rows],
  ['eval', ...policy, '--date', '2024-07-01', CASE],
  ['explain', ...policy, '--date', '2024-07-01', CASE],
];

describe('ZC1401: a policy that is not there', () => {
  it('--policy with a typo: the same ZC1401 in batch, eval and explain, naming the nearest policy', async () => {
    const runs = await Promise.all(commands(['--policy', 'luanchuam']).map((a) => runMain(a)));
    for (const r of runs) expect(r.code).toBe(1);
    expect(runs[0]!.err).toBe([
      '错误[ZC1401]: 找不到政策“luanchuam”',
      ' --> policies',
      '  = 帮助: 是不是要写“luanchuan”？可用：luanchuan、sample（政策的标识、目录或文号）',
      '',
      '共 1 个错误，0 个警告',
      '',
    ].join('\n'));
    expect(runs.map((r) => r.err)).toEqual(runs.map(() => runs[0]!.err));
  });

  it('--policy far from every name: ZC1401 listing the policies, no guess', async () => {
    const runs = await Promise.all(commands(['--policy', 'nosuch']).map((a) => runMain(a)));
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.err).toContain('错误[ZC1401]: 找不到政策“nosuch”');
      expect(r.err).toContain('帮助: 可用：luanchuan、sample');
      expect(r.err).not.toContain('是不是要写');
    }
  });

  it('a policy named by a path with a typo: the nearest by its last segment', async () => {
    const r = await runMain(['eval', '--policy', 'policies/luanchuam', '--date', '2024-07-01', CASE]);
    expect(r.err).toContain('是不是要写“luanchuan”？');
  });

  it('--paths a directory without a policy: the same ZC1401 in batch, eval and explain', async () => {
    const runs = await Promise.all(commands(['--paths', empty, '--policy', 'luanchuan']).map((a) => runMain(a)));
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.err).toContain(`错误[ZC1401]: 找不到政策“luanchuan”：“${empty}”中没有政策（含“政策”声明的 .zc 文件）`);
      expect(r.err).toContain('帮助: 用 --paths 指定政策所在的目录');
    }
    expect(runs.map((r) => r.err)).toEqual(runs.map(() => runs[0]!.err));
  });

  it('doc and build over a directory without a policy: ZC1401, nothing written', async () => {
    for (const cmd of ['doc', 'build']) {
      const out = join(tmp, `${cmd}-out`);
      mkdirSync(join(out, 'docs'), { recursive: true });
      writeFileSync(join(out, 'docs', 'luanchuan.md'), '# 栾川\n');
      const r = await runMain([cmd, empty, '--out', out]);
      expect([cmd, r.code]).toEqual([cmd, 1]);
      expect(r.err).toContain(`错误[ZC1401]: “${empty}”中没有政策（含“政策”声明的 .zc 文件）`);
      expect(readdirSync(join(out, 'docs'))).toEqual(['luanchuan.md']);
    }
  });
});

describe('ZC0001 names the nearest existing path', () => {
  it('verify, doc, check, test and eval --paths: “是不是要写 policies/luanchuan”', async () => {
    for (const argv of [['verify', 'policies/luanchuam'], ['doc', 'policies/luanchuam', '--out', join(tmp, 'never')], ['check', 'policies/luanchuam'], ['test', 'policies/luanchuam'], ['eval', '--paths', 'policies/luanchuam', '--date', '2024-07-01', CASE]]) {
      const r = await runMain(argv);
      expect([argv[0], r.code, `${r.out}${r.err}`]).toEqual([argv[0], 1, expect.stringContaining('错误[ZC0001]: 无法读取“policies/luanchuam”：文件或目录不存在\n --> policies/luanchuam\n  = 帮助: 是不是要写“policies/luanchuan”？')]);
    }
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('no near entry: no guess', async () => {
    const r = await runMain(['check', join(empty, 'zzzzzz')]);
    expect(r.out + r.err).toContain('错误[ZC0001]');
    expect(r.out + r.err).not.toContain('是不是要写');
  });
});

describe('zhengce test over a directory without scenarios', () => {
  it('says so and compiles no policy of a parent directory', async () => {
    const parent = join(tmp, 'parent');
    mkdirSync(join(parent, 'child'), { recursive: true });
    writeFileSync(join(parent, '坏.zc'), '政策 坏 { 名称 "坏" 条件：（（ }\n');
    const r = await runMain(['test', join(parent, 'child')]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('中没有找到场景文件');
    expect(r.out + r.err).not.toContain('坏.zc');
  });
});

describe('zhengce test --policies a directory that is not there or holds no policy', () => {
  it('one error before any scenario runs: ZC0001 for a missing directory (as eval --paths), ZC1401 for one without a policy; exit 1', async () => {
    const missing = await runMain(['test', '--policies', join(tmp, 'nosuch'), 'policies/sample']);
    const none = await runMain(['test', '--policies', empty, 'policies/sample']);
    for (const r of [missing, none]) {
      expect(r.code).toBe(1);
      // no scenario ran: no ✗ line per scenario, no codeless “找不到政策”, no count of scenarios
      expect(r.out + r.err).not.toContain('✗');
      expect(r.out + r.err).not.toContain('个场景');
      expect((r.out + r.err).match(/错误\[/g)).toHaveLength(1);
    }
    expect(missing.out + missing.err).toContain(`错误[ZC0001]: 无法读取“${join(tmp, 'nosuch')}”：文件或目录不存在`);
    expect(none.out + none.err).toContain(`错误[ZC1401]: “${empty}”中没有政策（含“政策”声明的 .zc 文件）`);
    expect(none.out + none.err).toContain('帮助: 用 --policies 指定场景所测政策所在的目录');
  });
});

describe('zhengce test: a scenario file naming a policy that is not among those loaded', () => {
  it('one ZC1401 at the file’s 政策 with the nearest name, its scenarios not run (each failed with a codeless “找不到政策”)', async () => {
    const file = join(tmp, 'typo.yaml');
    writeFileSync(file, '政策: sampel\n场景:\n  - 名称: 甲\n    日期: 2024-07-01\n    事实: {}\n    期望: {}\n  - 名称: 乙\n    日期: 2024-07-01\n    事实: {}\n    期望: {}\n');
    const r = await runMain(['test', '--policies', 'policies/sample', file]);
    expect(r.code).toBe(1);
    const text = r.out + r.err;
    expect(text).not.toContain('✗');
    expect(text.match(/错误\[/g)).toHaveLength(1);
    expect(text).toContain('错误[ZC1401]: 找不到政策“sampel”');
    expect(text).toContain(`${file}:1:5`);
    expect(text).toContain('帮助: 是不是要写“sample”？');
  });
});
