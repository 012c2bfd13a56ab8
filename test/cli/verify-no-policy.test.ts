/**
 * `zhengce verify` never passes silently over what it cannot verify: a program without a
 * 政策 declaration (no name, 文号 or 施行日) is named on stderr — ZC0922 beside other
 * policies, ZC0921 and exit 1 when nothing at all can be verified (it used to print
 * “共 0 项发现” and exit 0).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { REPO_DIR } from '../helpers/golden.js';

const tmp = mkdtempSync(join(tmpdir(), 'zc-verify-nopolicy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LOOSE = `实体 家庭 { 月收入：金额 }
机构 县卫健委
条款 一、 {
  措施 测试 {
    牵头单位：县卫健委
    对象：家庭
    结果 纳入保障：是否 必须
    规则 低收入 { 条件：家庭.月收入 < 1400元  纳入保障 = 是 }
  }
}
`;

describe('verify: programs without a 政策 declaration', () => {
  it('a lone file without 政策: ZC0921 on stderr with its location and a fix, exit 1, no report', async () => {
    const file = join(tmp, 'loose.zc');
    writeFileSync(file, LOOSE);
    for (const format of ['text', 'json']) {
      const r = await runMain(['verify', '--events', 'none', '--format', format, file], tmp);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain('错误[ZC0921]: “');
      expect(r.err).toContain('loose.zc”没有“政策”声明，没有可核查的政策');
      expect(r.err).toContain('loose.zc:1:1');
      expect(r.err).toContain('帮助: 在政策的根文件里写 政策 「名称」');
    }
  });

  it('beside a policy: the policy is verified, the loose file is named with ZC0922', async () => {
    const dir = join(tmp, 'mixed');
    cpSync(join(REPO_DIR, 'policies', 'sample'), dir, { recursive: true });
    writeFileSync(join(dir, 'loose.zc'), LOOSE);
    const r = await runMain(['verify', '--runs', '0', '--no-scenarios', '--events', 'none', '--format', 'json', dir], tmp);
    expect(r.err).toContain('警告[ZC0922]');
    expect(r.err).toContain('loose.zc”没有“政策”声明，未核查');
    expect(r.err).not.toContain('ZC0921');
    const report = JSON.parse(r.out);
    expect(report.policies.length).toBe(1);
    // the loose file's warning does not change the exit code: the policy's findings decide it
    const alone = await runMain(['verify', '--runs', '0', '--no-scenarios', '--events', 'none', '--format', 'json', join(REPO_DIR, 'policies', 'sample')], tmp);
    expect(r.code).toBe(alone.code);
    expect(alone.err).not.toContain('ZC0922');
  });
});
