/**
 * Bad input an auditor tries on every command: a path that does not exist is the same Chinese error
 * with the stable code ZC0001 everywhere (fmt printed it without a code); verify's --help says what
 * its exit codes mean (it listed the options only).
 */
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';

describe('a missing path, every command alike', () => {
  it('check, verify, coverage, fmt and test: 错误[ZC0001] 无法读取… with the path, exit 1', async () => {
    for (const cmd of ['check', 'verify', 'coverage', 'fmt', 'test']) {
      const r = await runMain([cmd, '/no/such/政策目录']);
      expect([cmd, r.code, `${r.out}${r.err}`]).toEqual([cmd, 1, expect.stringContaining('错误[ZC0001]: 无法读取“/no/such/政策目录”')]);
    }
  });

  it('verify --help states its exit codes, with ZC0915 and ZC0919', async () => {
    const r = await runMain(['verify', '--help']);
    expect(r.out).toMatch(/退出码：0 通过；1 有达到 --fail-level 的未接受发现、未判定的查询（ZC0915）或有界证明（ZC0919）/u);
  });
});
