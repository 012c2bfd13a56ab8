/**
 * Tests of `zhengce fmt` through runFmt with a captured Io, on a temporary directory.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFmt, fmtHelp } from '../../compiler/cli/fmt.js';
import { UsageError, type Io } from '../../compiler/cli/common.js';

function captured(cwd: string): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    color: false,
    out(s: string) {
      io.stdout += s;
    },
    err(s: string) {
      io.stderr += s;
    },
  };
  return io;
}

const MESSY = '机构 甲{全称:"甲局"}\n';
const MESSY_FORMATTED = '机构 甲 {\n  全称："甲局"\n}\n';
const CLEAN = '# 已是标准格式\n机构 乙 {\n  全称："乙局"\n}\n';
const BROKEN = '机构 丙 { 全称："丙局" \n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhengce-fmt-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}
const read = (p: string) => readFileSync(p, 'utf8');

describe('zhengce fmt', () => {
  it('rewrites files that change, leaves the others untouched', () => {
    const a = write('a.zc', MESSY);
    const b = write('sub/b.zc', CLEAN);
    const other = write('notes.txt', MESSY);
    const before = statSync(b).mtimeMs;
    const io = captured(dir);
    expect(runFmt([dir], io)).toBe(0);
    expect(read(a)).toBe(MESSY_FORMATTED);
    expect(read(b)).toBe(CLEAN);
    expect(statSync(b).mtimeMs).toBe(before);
    expect(read(other)).toBe(MESSY);
    expect(io.stdout).toContain('已格式化：a.zc');
    expect(io.stdout).not.toContain('b.zc');
    expect(io.stdout).toContain('已格式化 1 个文件，1 个无需改动');
    expect(readdirSync(dir).sort()).toEqual(['a.zc', 'notes.txt', 'sub']); // no temporary files left
    // a second run changes nothing
    const io2 = captured(dir);
    expect(runFmt([dir], io2)).toBe(0);
    expect(io2.stdout).toContain('已格式化 0 个文件，2 个无需改动');
  });

  it('--check writes nothing and exits 1 listing the files that would change', () => {
    const a = write('a.zc', MESSY);
    write('b.zc', CLEAN);
    const io = captured(dir);
    expect(runFmt(['--check', dir], io)).toBe(1);
    expect(read(a)).toBe(MESSY);
    expect(io.stdout).toContain('需要格式化：a.zc');
    expect(io.stdout).not.toContain('b.zc');
    expect(io.stdout).toContain('1 个文件需要格式化（共检查 2 个）');
  });

  it('--check exits 0 when everything is canonical', () => {
    write('b.zc', CLEAN);
    const io = captured(dir);
    expect(runFmt(['--check', dir], io)).toBe(0);
    expect(io.stdout).toContain('全部 1 个文件已是标准格式');
  });

  it('reports files with syntax errors, leaves them untouched and exits 1', () => {
    const a = write('a.zc', MESSY);
    const c = write('c.zc', BROKEN);
    const io = captured(dir);
    expect(runFmt([dir], io)).toBe(1);
    expect(read(c)).toBe(BROKEN);
    expect(read(a)).toBe(MESSY_FORMATTED);
    expect(io.stdout).toContain('ZC1001');
    expect(io.stdout).toContain('c.zc');
    expect(io.stdout).toContain('1 个因错误未处理');

    const io2 = captured(dir);
    expect(runFmt(['--check', c], io2)).toBe(1);
    expect(read(c)).toBe(BROKEN);
    expect(io2.stdout).toContain('ZC1001');
  });

  it('keeps CRLF files CRLF', () => {
    const a = write('a.zc', MESSY.replace(/\n/g, '\r\n'));
    expect(runFmt([a], captured(dir))).toBe(0);
    expect(read(a)).toBe(MESSY_FORMATTED.replace(/\n/g, '\r\n'));
  });

  it('accepts single files as paths', () => {
    const a = write('a.zc', MESSY);
    const b = write('b.zc', MESSY);
    expect(runFmt([a], captured(dir))).toBe(0);
    expect(read(a)).toBe(MESSY_FORMATTED);
    expect(read(b)).toBe(MESSY);
  });

  it('reports a missing path and an empty directory', () => {
    const io = captured(dir);
    expect(runFmt([join(dir, 'nope')], io)).toBe(1);
    expect(io.stderr).toContain('不存在');
    const io2 = captured(dir);
    expect(runFmt([dir], io2)).toBe(1);
    expect(io2.stderr).toContain('没有找到 .zc');
  });

  it('reports a file that is not UTF-8 and leaves it alone', () => {
    const p = join(dir, 'bad.zc');
    writeFileSync(p, Buffer.from([0xff, 0xfe, 0x41]));
    const io = captured(dir);
    expect(runFmt([dir], io)).toBe(1);
    expect(io.stdout).toContain('ZC0002');
    expect([...readFileSync(p)]).toEqual([0xff, 0xfe, 0x41]);
  });

  it('has --help, and rejects unknown options as usage errors', () => {
    const io = captured(dir);
    expect(runFmt(['--help'], io)).toBe(0);
    expect(io.stdout).toBe(fmtHelp);
    expect(fmtHelp).toContain('--check');
    expect(() => runFmt(['--bogus'], captured(dir))).toThrow(UsageError);
  });
});
