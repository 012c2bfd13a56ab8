// Verifier engine: every SMT finding kind on small policies, witnesses replayed
// through the interpreter, and the void-clause property proved / refuted.
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { verifyPolicies } from '../../compiler/verify/verify.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import type { Finding } from '../../compiler/verify/finding.js';
import fc from 'fast-check';
import { latestBirthWithMonths } from '../../compiler/verify/smt.js';
import { dayNumber, fromDayNumber, fullMonthsOfAge } from '../../compiler/common/calendar.js';

const SOURCE = '测试办法\n对子女数达到二人以上的家庭给予补助。\n';
function policy(body: string, header = ''): Record<string, string> {
  return {
    'p/source.txt': SOURCE,
    'p/main.zc': `政策 「测试办法」 {
  来源："source.txt"
  生效：2024年1月1日
  失效 {
    条件：事件.级别 属于 {国家、省、市} 且 事件.类别 为 "生育支持政策"
    起算：当日
  }
  ${header}
}
实体 家庭 { 子女数：整数  户籍在本县：是否  出生日期：日期 }
条款 一、 "测试" {
${body}
}
`,
  };
}

async function verify(files: Record<string, string>): Promise<Finding[]> {
  const { policies, diagnostics } = loadPolicies(['p'], memoryHost(files));
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  expect(policies).toHaveLength(1);
  const r = await verifyPolicies(policies, { timeoutMs: 10000, pbtRuns: 0, events: [] });
  return [...r.findings];
}

const codes = (fs: Finding[]) => fs.map((f) => f.code).filter((c) => !['ZC0907', 'ZC0912', 'ZC0914'].includes(c)).sort();

/** Evaluate a finding's witness with the reference interpreter on the policy the verifier checked. */
function replay(files: Record<string, string>, w: NonNullable<Finding['witness']>) {
  const { policies } = loadPolicies(['p'], memoryHost(files));
  expect(policies).toHaveLength(1);
  return evaluate(policies[0]!.ir, w.facts, w.date, w.event ? [w.event] : []);
}

describe('SMT findings', () => {
  it('finds a contradiction with a replayed witness and names both rules', async () => {
    const files = policy(`  措施 补助 {
    结果 补助额：金额 一次性
    规则 甲 { 条件：家庭.子女数 ≥ 2  补助额 = 1000元 }
    规则 乙 { 条件：家庭.子女数 ≥ 3  补助额 = 2000元 }
  }`);
    const fs = await verify(files);
    const c = fs.find((f) => f.code === 'ZC0901')!;
    expect(c).toBeDefined();
    expect(c.message).toContain('甲');
    expect(c.message).toContain('乙');
    expect(c.clauses[0]!.label).toBe('一');
    expect(c.replay?.interpreter).toBe('confirmed');
    const w = c.witness!;
    expect((w.facts['家庭'] as Record<string, number>)['子女数']).toBeGreaterThanOrEqual(3);
    expect(c.sides!.map((s) => s.yields).join(' ')).toMatch(/1000\.00元.*2000\.00元|2000\.00元.*1000\.00元/);
    // the witness, replayed through the interpreter on the same policy, really makes both rules
    // apply with different values: the measure is 存疑 for exactly this contradiction
    const d = replay(files, w);
    expect(d.评估日期).toBe(w.date);
    const m = d.决定.find((x) => x.措施 === '补助')!;
    expect(m.状态).toBe('存疑');
    expect(m.规则.map((r) => [r.规则, r.适用])).toEqual([['甲', true], ['乙', true]]);
    expect(m.理由).toContain('矛盾：结果“补助额”由规则 甲=1000.00元、乙=2000.00元 同时给出不同的值，且没有优先关系');
    expect(m.结果).toEqual({});
  });

  it('is quiet when 例外于 orders the rules, and reports no contradiction', async () => {
    const fs = await verify(policy(`  措施 补助 {
    结果 补助额：金额 一次性
    规则 甲 { 条件：家庭.子女数 ≥ 2  补助额 = 1000元 }
    规则 乙 例外于 甲 { 条件：家庭.子女数 ≥ 3  补助额 = 2000元 }
  }`));
    expect(codes(fs)).toEqual([]);
  });

  it('finds a gap in a required outcome', async () => {
    const files = policy(`  措施 补助 {
    结果 补助额：金额 一次性 必须
    规则 甲 { 条件：家庭.子女数 ≥ 2  补助额 = 1000元 }
  }`);
    const fs = await verify(files);
    const g = fs.find((f) => f.code === 'ZC0902')!;
    expect(g.replay?.interpreter).toBe('confirmed');
    expect((g.witness!.facts['家庭'] as Record<string, number>)['子女数']).toBeLessThan(2);
    // replayed: no rule applies and the required outcome is reported as a gap
    const m = replay(files, g.witness!).决定.find((x) => x.措施 === '补助')!;
    expect(m.状态).toBe('存疑');
    expect(m.规则.map((r) => [r.规则, r.适用])).toEqual([['甲', false]]);
    expect(m.理由).toContain('缺口：必须定义的结果“补助额”没有适用的规则');
  });

  it('finds dead, shadowed and redundant rules (proofs, no witness)', async () => {
    const fs = await verify(policy(`  措施 补助 {
    结果 补助额：金额 一次性
    规则 死 { 条件：家庭.子女数 ≥ 3 且 家庭.子女数 < 2  补助额 = 1元 }
    规则 宽 { 条件：家庭.子女数 ≥ 1  补助额 = 5元 }
    规则 窄 { 条件：家庭.子女数 ≥ 4  补助额 = 5元 }
  }
  措施 覆盖 {
    结果 额：金额 一次性
    规则 基本 { 条件：家庭.子女数 ≥ 5  额 = 1元 }
    规则 例外 例外于 基本 { 条件：家庭.子女数 ≥ 1  额 = 2元 }
  }`));
    expect(codes(fs)).toEqual(['ZC0903', 'ZC0904', 'ZC0905']);
    expect(fs.find((f) => f.code === 'ZC0903')!.proof).toBe('proved');
    expect(fs.find((f) => f.code === 'ZC0905')!.message).toContain('窄');
    expect(fs.find((f) => f.code === 'ZC0904')!.message).toContain('基本');
  });

  it('dates a witness\'s facts a person could have: within 3 years of the evaluation date when free, else within 18 (or 60)', async () => {
    const years = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);
    const two = (rule: string) => ({
      ...policy(`  措施 补助 {
    结果 补助额：金额 一次性 必须
    规则 甲 { 条件：${rule}  补助额 = 1000元 }
  }`),
      'p/main.zc': policy(`  措施 补助 {
    结果 补助额：金额 一次性 必须
    规则 甲 { 条件：${rule}  补助额 = 1000元 }
  }`)['p/main.zc']!.replace('出生日期：日期 }', '出生日期：日期  登记日期：日期 }'),
    });
    const gap = async (files: Record<string, string>) => {
      const g = (await verify(files)).find((f) => f.code === 'ZC0902')!;
      expect(g.replay?.interpreter).toBe('confirmed');
      const f = g.witness!.facts['家庭'] as Record<string, string>;
      return { born: f['出生日期']!, registered: f['登记日期']!, date: g.witness!.date };
    };
    // two dates only compared with each other: the solver alone picks 1970-01-01 for both
    const a = await gap(two('家庭.出生日期 < 家庭.登记日期'));
    expect(a.born >= a.registered).toBe(true);
    for (const d of [a.born, a.registered]) expect(years(d, a.date)).toBeLessThan(3.01); // ⌈3 × 365.25⌉ days
    // on or before 2014-01-01 (in the gap), so at least 10 years back: within 18 years, not 1970
    const b = await gap(two('家庭.出生日期 < 家庭.登记日期 或 家庭.出生日期 > 2014年1月1日'));
    expect(b.born <= '2014-01-01' && b.born >= b.registered).toBe(true);
    expect(years(b.born, b.date)).toBeGreaterThan(9.99);
    expect(years(b.born, b.date)).toBeLessThan(18.01);
    expect(years(b.registered, b.date)).toBeLessThan(18.01);
  });

  it('finds a witness that replays where the 月龄 abstraction\'s slack would give one that does not (ZC0902, not ZC0916)', async () => {
    // the gap needs 出生日期 ≥ 登记日期 and 周岁 ≥ 10; a model may take 120 months for a birth
    // date 110 months back (28·M ≤ E − B ≤ 31·M + 31), and its decoded witness then moved the
    // birth date before 登记日期: the interpreter applied the rule, and the finding was ZC0916
    const files = policy(`  措施 补助 {
    结果 补助额：金额 一次性 必须
    规则 甲 { 条件：家庭.出生日期 < 家庭.登记日期 或 周岁（家庭.出生日期） < 10周岁  补助额 = 1000元 }
  }`);
    files['p/main.zc'] = files['p/main.zc']!.replace('出生日期：日期 }', '出生日期：日期  登记日期：日期 }');
    const fs = await verify(files);
    expect(fs.filter((f) => f.code === 'ZC0916')).toEqual([]);
    const g = fs.find((f) => f.code === 'ZC0902')!;
    expect(g.replay).toEqual({ interpreter: 'confirmed', generated: 'confirmed' });
    const f = g.witness!.facts['家庭'] as Record<string, string>;
    expect(f['出生日期']! >= f['登记日期']!).toBe(true);
    const m = replay(files, g.witness!).决定.find((x) => x.措施 === '补助')!;
    expect(m.规则.map((r) => [r.规则, r.适用])).toEqual([['甲', false]]);
  });

  it('uses the statutory age rule: 月龄 and 周岁 compare exactly', async () => {
    const fs = await verify(policy(`  措施 托育 {
    结果 额：金额 按月
    规则 甲 { 条件：月龄（家庭.出生日期） 6—24月龄  额 = 100元 }
    规则 乙 { 条件：周岁（家庭.出生日期） ≥ 2周岁  额 = 200元 }
  }`));
    const c = fs.find((f) => f.code === 'ZC0901')!;
    expect(c).toBeDefined();
    expect(c.replay?.interpreter).toBe('confirmed');
    // the only overlap is exactly 24 full months
    const w = c.witness!;
    const born = (w.facts['家庭'] as Record<string, string>)['出生日期']!;
    const d = evaluate((await loadPolicies(['p'], memoryHost(policy(`  措施 托育 {
    结果 额：金额 按月
    规则 甲 { 条件：月龄（家庭.出生日期） 6—24月龄  额 = 100元 }
  }`))).policies[0]!.ir), { 家庭: { 出生日期: born } }, w.date);
    expect(d.决定[0]!.规则[0]!.条件[0]!.取值).toEqual({ '月龄（家庭.出生日期）': '24月龄' });
  });
});

describe('properties and the void clause', () => {
  const measures = `  措施 补助 {
    结果 补助额：金额 一次性
    规则 甲 { 条件：家庭.子女数 ≥ 3  补助额 = 1000元 }
  }`;
  const voidProperty = `
  性质 「失效后不再给予」 {
    条件：事件.级别 属于 {国家、省、市} 且 事件.类别 为 "生育支持政策" 且 评估日期 ≥ 事件.日期
    断言：非 适用（补助）
  }`;
  it('proves that nothing is granted once a higher-level policy is issued', async () => {
    const fs = await verify(policy(measures + voidProperty));
    const p = fs.find((f) => f.subject === 'property:失效后不再给予')!;
    expect(p.code).toBe('ZC0909');
    expect(p.proof).toBe('proved');
  });
  it('fails visibly, with a witness, when the sunset is seeded wrong (次日 instead of 当日)', async () => {
    const files = policy(measures + voidProperty);
    files['p/main.zc'] = files['p/main.zc']!.replace('起算：当日', '起算：次日');
    const fs = await verify(files);
    const p = fs.find((f) => f.subject === 'property:失效后不再给予')!;
    expect(p.code).toBe('ZC0908');
    expect(p.replay?.interpreter).toBe('confirmed');
    expect(p.witness!.event!.日期).toBe(p.witness!.date); // the boundary day itself
    expect(p.sides!.some((s) => s.measure === '补助' && s.yields.startsWith('适用'))).toBe(true);
  });
  it('fails visibly when a level is dropped from the sunset condition', async () => {
    const files = policy(measures + voidProperty);
    files['p/main.zc'] = files['p/main.zc']!.replace('{国家、省、市}', '{国家、省}');
    const fs = await verify(files);
    const p = fs.find((f) => f.subject === 'property:失效后不再给予')!;
    expect(p.code).toBe('ZC0908');
    expect(p.witness!.event!.级别).toBe('市');
  });
  it('marks an accepted property as accepted, and flags a stale acceptance', async () => {
    const failing = `
  性质 「补助不超过五百」 {
    断言：补助.补助额 ≤ 500元
    接受："原文如此：补助为1000元"
  }`;
    const fs = await verify(policy(measures + failing));
    const p = fs.find((f) => f.subject === 'property:补助不超过五百')!;
    expect(p.code).toBe('ZC0908');
    expect(p.accepted).toBe('原文如此：补助为1000元');
    const stale = await verify(policy(measures + failing.replace('≤ 500元', '≤ 5000元')));
    expect(stale.find((f) => f.subject === 'stale-acceptance:补助不超过五百')?.severity).toBe('warning');
  });
  it('a property written apart from the clauses (性质.zc) cites the clauses of the measures it speaks of', async () => {
    const files = policy(measures);
    files['p/main.zc'] += `
性质 「补助不超过五百」 {
  断言：补助.补助额 ≤ 500元
}
`;
    const fs = await verify(files);
    const p = fs.find((f) => f.subject === 'property:补助不超过五百')!;
    expect(p.code).toBe('ZC0908');
    expect(p.clauses.map((c) => c.anchor)).toEqual(['sec_1']);
  });
  it('reports a boundary disagreement under its own rule id', async () => {
    const fs = await verify(policy(measures + `
  性质 「两种写法一致」 {
    类别：边界
    断言：(月龄（家庭.出生日期） ≤ 24月龄) = (周岁（家庭.出生日期） < 2周岁)
  }`));
    const p = fs.find((f) => f.subject === 'property:两种写法一致')!;
    expect(p.code).toBe('ZC0910');
    expect(p.replay?.interpreter).toBe('confirmed');
  });
});

describe('exact 月龄 at a date (the witness refinement)', () => {
  const months = (b: number, e: number) => fullMonthsOfAge(fromDayNumber(b), fromDayNumber(e)) ?? -1;
  it('latestBirthWithMonths is the last birth day with k full months: one day later has fewer (民法典 §201–202)', () => {
    // born 2023-01-31: 1 full month from 2023-03-01, so the latest birth with 1 month on 2023-03-01 is 2023-01-31
    expect(latestBirthWithMonths(dayNumber({ y: 2023, m: 3, d: 1 }), 1)).toBe(dayNumber({ y: 2023, m: 1, d: 31 }));
    // on 2024-03-01, 12 full months: born 2023-02-28 (its 12th month ends 2024-02-28); born 2023-03-01 has 11
    expect(latestBirthWithMonths(dayNumber({ y: 2024, m: 3, d: 1 }), 12)).toBe(dayNumber({ y: 2023, m: 2, d: 28 }));
    fc.assert(fc.property(fc.integer({ min: dayNumber({ y: 1950, m: 1, d: 1 }), max: dayNumber({ y: 2100, m: 12, d: 31 }) }), fc.integer({ min: 1, max: 1500 }), (e, k) => {
      const t = latestBirthWithMonths(e, k);
      expect(months(t, e)).toBeGreaterThanOrEqual(k);
      expect(months(t + 1, e)).toBeLessThan(k);
    }), { numRuns: 5000 });
  });
});
