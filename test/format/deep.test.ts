/**
 * `fmt` on a too-deeply-nested file (issue 14 §10) reports ZC0204 with its limit, as
 * `check` does — never “格式化会改变文件的含义（内部异常：Maximum call stack size exceeded）”
 * (ZC1002, which means a formatter defect).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { format, formatWith } from '../../compiler/format/format.js';
import { print } from '../../compiler/format/layout.js';
import { MAX_NESTING } from '../../compiler/syntax/index.js';
import { runMain } from '../helpers/cli.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-deep-');

const nested = (n: number) => `指标 甲：整数 = ${'（'.repeat(n)}1${'）'.repeat(n)}\n`;

describe('fmt and nesting depth', () => {
  it(`nesting over the limit: ZC0204 stating the depth and the limit (${MAX_NESTING}), the file unchanged — like check`, async () => {
    const path = join(tmp, '深.zc');
    writeFileSync(path, nested(MAX_NESTING + 22));
    const f = await runMain(['fmt', path], tmp);
    expect(f.code).toBe(1);
    expect(f.out).toContain('错误[ZC0204]');
    expect(f.out).toContain(`嵌套 ${MAX_NESTING + 22} 层，超过上限 ${MAX_NESTING} 层`);
    expect(f.out).not.toContain('ZC1002');
    expect(f.out).not.toContain('Maximum call stack');
    expect(readFileSync(path, 'utf8')).toBe(nested(MAX_NESTING + 22));
    const c = await runMain(['check', path], tmp);
    expect(c.out).toContain(`错误[ZC0204]: 嵌套过深：此处括号与花括号嵌套 ${MAX_NESTING + 22} 层，超过上限 ${MAX_NESTING} 层`);
  });

  it('nesting at the limit is formatted', () => {
    const r = format(new SourceFile('a.zc', nested(MAX_NESTING).replace('= ', '=   ')));
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toBe(nested(MAX_NESTING));
  });

  it('a stack overflow inside the formatter is ZC0204 (the nesting limit), not ZC1002 “internal exception”', () => {
    const overflow: typeof print = (input) => {
      const down = (n: number): number => (n <= 0 ? 0 : 1 + down(n - 1));
      down(1e7); // exhausts the stack like a deep enough file would
      return print(input);
    };
    const r = formatWith(new SourceFile('b.zc', nested(3)), overflow);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([expect.stringMatching(/^ZC0204 .*上限 \d+ 层/)]);
    expect(r.diagnostics[0]!.message).toContain(`上限 ${MAX_NESTING} 层`);
    expect(r.diagnostics[0]!.message).not.toContain('Maximum call stack');
    expect(r.value).toBeUndefined();
  });
});
