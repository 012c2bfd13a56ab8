// The static check ZC0912 (a concept tested differently across measures) reads a measure's conditions
// through the definitions they use: a test moved into a 定义 — derive, don't ask — is still the measure's
// test; a field compared with another record's (ordering children in a 孩次 definition) is no test of it.
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { verifyPolicies } from '../../compiler/verify/verify.js';

const SOURCE = '测试办法\n对夫妻一方户籍在本县的家庭给予补助。\n对户籍在本县的婴幼儿给予补贴。\n';

async function concepts(body: string): Promise<string[]> {
  const files = {
    'p/source.txt': SOURCE,
    'p/main.zc': `政策 「测试办法」 {
  来源："source.txt"
  生效：2024年1月1日
}
枚举 户籍地 { 本县、县外 }
实体 家庭 { 丈夫户籍：户籍地  妻子户籍：户籍地  子女：列表（子女） }
实体 子女 { 出生日期：日期 }
实体 婴幼儿 { 户籍：户籍地  出生日期：日期 }
${body}
`,
  };
  const { policies, diagnostics } = loadPolicies(['p'], memoryHost(files));
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const r = await verifyPolicies(policies, { timeoutMs: 10000, pbtRuns: 0, events: [] });
  return r.findings.filter((f) => f.code === 'ZC0912').map((f) => f.message);
}

const MEASURES = (familyCondition: string) => `条款 一、 "测试" {
  措施 补助 {
    原文："对夫妻一方户籍在本县的家庭给予补助。"
    对象：家庭
    结果 额：金额
    规则 甲 { 条件：${familyCondition}  额 = 1元 }
  }
  措施 补贴 {
    原文："对户籍在本县的婴幼儿给予补贴。"
    对象：婴幼儿
    结果 额：金额
    规则 乙 { 条件：婴幼儿.户籍 为 本县  额 = 1元 }
  }
}`;

describe('ZC0912 through definitions', () => {
  it('a residency test written in a 定义 is the measure’s: the two measures’ 户籍 conditions differ', async () => {
    const found = await concepts(`定义 家庭.「一方在本县」 = 家庭.丈夫户籍 为 本县 或 家庭.妻子户籍 为 本县
${MEASURES('家庭.「一方在本县」')}`);
    expect(found).toEqual(['户籍条件在不同措施中表述不同：补助：家庭.丈夫户籍、家庭.妻子户籍；补贴：婴幼儿.户籍']);
  });

  it('the same test written in the condition gives the same finding', async () => {
    expect(await concepts(MEASURES('家庭.丈夫户籍 为 本县 或 家庭.妻子户籍 为 本县'))).toEqual(['户籍条件在不同措施中表述不同：补助：家庭.丈夫户籍、家庭.妻子户籍；补贴：婴幼儿.户籍']);
  });

  it('a date compared with another record’s (an order among children) is no test of the concept', async () => {
    const body = `定义 子女.「在前的子女数」：整数 = 人数（家庭.子女，出生日期 < 子女.出生日期）
条款 一、 "测试" {
  措施 补助 {
    原文："对夫妻一方户籍在本县的家庭给予补助。"
    对象：家庭
    结果 额：金额
    规则 甲 { 条件：家庭.子女 至少一个满足（其.「在前的子女数」 ≥ 1）  额 = 1元 }
  }
  措施 补贴 {
    原文："对户籍在本县的婴幼儿给予补贴。"
    对象：家庭
    结果 额：金额
    规则 乙 { 条件：家庭.子女 至少一个满足（出生日期 < 2024年1月1日）  额 = 1元 }
  }
}`;
    expect((await concepts(body)).filter((m) => m.includes('出生日期'))).toEqual([]);
  });
});
