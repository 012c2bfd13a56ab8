/**
 * Usage errors are Chinese and say what to do: node:util parseArgs's English messages are
 * translated by their stable codes (compiler/cli/common.ts `args`), with the closest option
 * for a misspelling and a command's own advice (verify/check/coverage take paths, not --policy).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../compiler/cli/main.js';
import { args, pathsNotPolicy, UsageError } from '../../compiler/cli/common.js';
import { ensureDist, runCli } from '../helpers/dist.js';

const options = { date: { type: 'string' }, policy: { type: 'string' }, 'fail-level': { type: 'string' }, check: { type: 'boolean' } } as const;

function usage(argv: string[], hints?: Record<string, string>, opts: Record<string, { type: 'string' | 'boolean' }> = options): string {
  try {
    args(argv, { ...opts }, hints);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('usage errors in Chinese', () => {
  it('an unknown option names the closest known one', () => {
    expect(usage(['--polcy', 'x'])).toBe('参数错误：不认识的选项“--polcy”。是不是要写“--policy”？');
    expect(usage(['--fail-levle', 'error'])).toBe('参数错误：不认识的选项“--fail-levle”。是不是要写“--fail-level”？');
  });
  it('an unknown option with nothing close gets no guess', () => {
    expect(usage(['--zzzzzz'])).toBe('参数错误：不认识的选项“--zzzzzz”。');
    expect(usage(['-x'])).toBe('参数错误：不认识的选项“-x”。');
  });
  it('a missing value and a value given to a flag name the option', () => {
    expect(usage(['--date'])).toBe('参数错误：选项“--date”缺少取值，应写成“--date 值”。');
    expect(usage(['--check=yes'])).toBe('参数错误：选项“--check”不带取值（这里写成了“--check=…”）。');
    expect(usage(['--help=1'])).toBe('参数错误：选项“--help”不带取值（这里写成了“--help=…”）。');
  });
  it('a value that starts with "-" is said to be read as an option, with the --name=value spelling', () => {
    expect(usage(['--date', '-1'])).toBe('参数错误：选项“--date”后面的“-1”以“-”开头，被当作了另一个选项；要把它作为取值，写成“--date=-1”。');
    // a non-numeric word after the option is still a missing value (it is an option of its own)
    expect(usage(['--date', '--check'])).toBe('参数错误：选项“--date”缺少取值，应写成“--date 值”。');
  });
  it("a command's own advice wins over a guess", () => {
    const { policy: _, ...withoutPolicy } = options;
    const m = usage(['--policy', 'luanchuan'], pathsNotPolicy('verify'), withoutPolicy);
    expect(m).toBe('参数错误：不认识的选项“--policy”。zhengce verify 按路径选择政策：把政策目录写在命令后面，例如“zhengce verify policies/luanchuan”。');
  });
  it('no English text from node:util reaches the user', () => {
    for (const argv of [['--polcy'], ['--date'], ['--check=1'], ['-q'], ['-d']]) expect(usage(argv)).not.toMatch(/Unknown|Option|argument|positional/);
  });
  it('the CLI: `zhengce verify --policy P` exits 2 and says to pass the path', () => {
    ensureDist();
    const r = runCli(['verify', '--policy', 'luanchuan']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('zhengce verify policies/luanchuan');
    expect(r.stdout).toBe('');
  });
});

describe('commands: help, version, misspellings', () => {
  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), cwd: process.cwd(), color: false });
    return { code, out, err };
  }
  it('`zhengce help <命令>` is `zhengce <命令> --help`', async () => {
    const a = await run(['help', 'fmt']);
    const b = await run(['fmt', '--help']);
    expect(a).toEqual(b);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^用法：zhengce fmt/);
  });
  it('`zhengce help <未知命令>` is a usage error naming it', async () => {
    const r = await run(['help', 'nosuch']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^未知命令“nosuch”\n/);
  });
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const v of ['--version', '-V', 'version']) expect(await run([v])).toEqual({ code: 0, out: `zhengce ${pkg.version}\n`, err: '' });
  });
  it('a misspelt command names the closest one', async () => {
    const r = await run(['chek']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^未知命令“chek”。是不是要写“zhengce check”？\n/);
    expect((await run(['xyzzy'])).err).toMatch(/^未知命令“xyzzy”\n/);
  });
});
