// `npm start` in check mode: generated/ (including the published verification report)
// is up to date, the verifier reports no unaccepted error, coverage is 100% and every
// scenario passes. This is what CI relies on to fail when generated/ is stale.
import { describe, expect, it } from 'vitest';
import { runStart } from '../../compiler/cli/start.js';

describe('zhengce start --check', () => {
  it('passes on the committed tree', async () => {
    let out = '';
    const code = await runStart(['--check'], { out: (s) => (out += s), err: (s) => (out += s), cwd: process.cwd(), color: false });
    expect(out).toContain('generated/ 是最新的');
    expect(out).toMatch(/③ 核查：\d+ 项发现——0 个错误/);
    expect(out).toContain('缺失 0');
    expect(out).toMatch(/⑤ 场景测试：\d+ 个通过，0 个失败/);
    expect(code, out).toBe(0);
  });
});
