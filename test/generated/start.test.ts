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
    // start --check runs the whole verification (the county's second encoding: ~70 s of CPU for
    // SMT, 12,000+ property cases and the generated-evaluator differential); on the shared
    // 2-core machine its wall time reached 5½ minutes, past the global 120 s.
  }, 900_000);
});
