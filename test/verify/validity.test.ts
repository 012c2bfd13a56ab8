/**
 * The verifier on a rule's 有效期 counted from an uncertain 施行日 (grammar/README.md §8.11, §15.7;
 * test/sql/fixtures/validity: 施行日 in [2025-01-15, 2025-01-31], 登记凭证 valid 施行日 + 1个月 至
 * 施行日 + 13个月 - 1天). The solver chooses the 施行日 and encodes each end of that 施行日 exactly
 * (smt.ts `validity`: piecewise over the range, a month end clamped), so a property about validity is
 * proved, or refuted with a concrete evaluation date and 施行日 that the interpreter and the generated
 * evaluator reproduce on the program specialised to that 施行日 (specialise.ts); ZC0920 names the measures
 * whose result depends on the 施行日 only through such a validity period.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySmt } from '../../compiler/verify/engine.js';
import type { Finding } from '../../compiler/verify/finding.js';
import { specialise } from '../../compiler/verify/specialise.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { irOf } from '../interpret/helpers.js';
import { staticChecks } from '../../compiler/verify/static.js';

const FIXTURE = readFileSync('test/sql/fixtures/validity/政策.zc', 'utf8').replace(/^\s*来源：.*$/m, '');
const PROPS = `
性质 「凭证期满后不发」 {
  条件：评估日期 > 2026年2月27日
  断言：非 适用（登记凭证）
}
性质 「凭证二月二十日后不发」 {
  条件：评估日期 > 2026年2月20日
  断言：非 适用（登记凭证）
}
`;
const T = 60_000;
const one = (fs: Finding[], code: string, subject: string): Finding => {
  const hit = fs.filter((f) => f.code === code && f.subject === subject);
  expect(hit.map((f) => f.subject), `${code} ${subject} in ${fs.map((f) => `${f.code} ${f.subject}`).join('; ')}`).toHaveLength(1);
  return hit[0]!;
};

describe('a property about a validity counted from an uncertain 施行日', () => {
  it('proved after the last possible end (b + 13个月 − 1天 = 2026-02-27); refuted with a witness date and 施行日 before it', async () => {
    const ir = irOf(FIXTURE + PROPS);
    const fs = (await verifySmt(ir, { timeoutMs: 20_000 })).findings;
    expect(fs.map((f) => f.code)).not.toContain('ZC0916');
    expect(one(fs, 'ZC0909', 'property:凭证期满后不发').proof).toBe('proved');
    const p = one(fs, 'ZC0908', 'property:凭证二月二十日后不发');
    expect(p.proof).toBe('refuted');
    expect(p.replay?.interpreter).toBe('confirmed');
    const w = p.witness!;
    const eff = w.dates!.find((d) => d.key === '施行日')!;
    // the witness: an evaluation date after 2026-02-20 on which 登记凭证 still applies, i.e. no later than
    // 施行日 + 13个月 − 1天 for the chosen 施行日 (the 对应日: 2025-01-22 → 2026-02-21)
    expect(w.date > '2026-02-20' && w.date <= '2026-02-27').toBe(true);
    const end = (iso: string) => { const d = Number(iso.slice(8)); return `2026-02-${String(Math.min(d, 28) - 1).padStart(2, '0')}`; };
    expect(w.date <= end(eff.value), `${w.date} ≤ ${end(eff.value)} (施行日 ${eff.value})`).toBe(true);
    // replayed on the program with that 施行日: 适用; on the program as written (施行日 uncertain): 存疑
    const at = specialise(ir, w.dates);
    expect(evaluate(at, w.facts, w.date, []).决定.find((d) => d.措施 === '登记凭证')!.状态).toBe('适用');
    expect(evaluate(ir, w.facts, w.date, []).决定.find((d) => d.措施 === '登记凭证')!.状态).toBe('存疑');
  }, T);

  it('ZC0920: 登记凭证 depends on the 施行日 only through its validity — two 施行日 either side of a clamped month end', async () => {
    const ir = irOf(FIXTURE);
    const fs = (await verifySmt(ir, { timeoutMs: 20_000 })).findings;
    const u = one(fs, 'ZC0920', 'uncertain:登记凭证');
    expect(u.replay?.interpreter).toBe('confirmed');
    expect(one(fs, 'ZC0920', 'uncertain:育儿补贴').replay?.interpreter).toBe('confirmed');
  }, T);
});

describe('ZC0917: a 有效期 counted from the 施行日 that starts before it', () => {
  const src = (start: string, eff: string) => `政策 「测试」 { 生效：${eff} }
实体 家庭 { 已登记：是否 }
条款 一、 {
  措施 凭证 {
    对象：家庭
    结果 发放：是否
    规则 「甲」 { 条件：家庭.已登记  发放 = 是  有效期：${start} 至 施行日 + 1年 }
  }
}`;
  const found = (start: string, eff: string) => staticChecks(irOf(src(start, eff)), []).filter((f) => f.code === 'ZC0917').map((f) => f.message);
  it('certain or uncertain 施行日: 施行日 - 1个月 is reported, 施行日 and 施行日 + 1天 are not', () => {
    for (const eff of ['2025年1月15日', '某日（2025年1月15日，2025年1月31日）']) {
      expect(found('施行日 - 1个月', eff), eff).toHaveLength(1);
      expect(found('施行日', eff), eff).toEqual([]);
      expect(found('施行日 + 1天', eff), eff).toEqual([]);
    }
    expect(found('施行日 - 1个月', '某日（2025年1月15日，2025年1月31日）')[0]).toContain('施行日 - 1个月 至 施行日 + 1年');
  });
});
