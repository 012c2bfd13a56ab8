/**
 * Slips a new drafter makes (session 24, task C: a measure written from the docs alone) whose
 * diagnostics carry a quick fix: applying the fix must leave a program without errors — the fix
 * is what the help says, not a guess. The rendered messages are golden cases in
 * test/semantics/cases (ZC0502-age-and-date-units, ZC0502-unit-mismatch, ZC0401-undeclared-outcome).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/project/program.js';
import { memoryHost } from '../../compiler/project/host.js';
import { applyEdits } from '../../compiler/format/format.js';

const HEAD = '实体 人 { 出生日期：日期  月收入：金额 }\n';

function diagnose(text: string) {
  return compile(['例.zc'], memoryHost({ '例.zc': text })).diagnostics.filter((d) => d.severity === 'error');
}

describe('a bare number compared with an amount or an age: the fix appends the unit', () => {
  const cases: [string, string, string][] = [
    ['周岁（人.出生日期） 不满 3', '改为“3周岁”', '周岁（人.出生日期） 不满 3周岁'],
    ['3 ≥ 月龄（人.出生日期）', '改为“3月龄”', '3月龄 ≥ 月龄（人.出生日期）'],
    ['人.月收入 ≥ 1000', '改为“1000元”', '人.月收入 ≥ 1000元'],
  ];
  for (const [assertion, title, fixed] of cases) {
    it(assertion, () => {
      const text = `${HEAD}性质 甲 { 断言：${assertion} }\n`;
      const [d, ...rest] = diagnose(text);
      expect(rest).toEqual([]);
      expect(d?.code).toBe('ZC0502');
      expect(d?.fixes?.map((f) => f.title)).toEqual([title]);
      const after = applyEdits(text, d!.fixes![0]!.edits);
      expect(after).toBe(`${HEAD}性质 甲 { 断言：${fixed} }\n`);
      expect(diagnose(after)).toEqual([]);
    });
  }

  it('no fix where the number has a unit of another dimension (3年 for an age): only the help', () => {
    const [d] = diagnose(`${HEAD}性质 甲 { 断言：周岁（人.出生日期） 不满 3年 }\n`);
    expect(d?.code).toBe('ZC0502');
    expect(d?.fixes).toBeUndefined();
    expect(d?.help).toContain('“年”“个月”是时长，不是年龄');
  });
});

describe('a bare number assigned to an amount: the fix appends 元', () => {
  it('补贴金额 = 5000 → 5000元', () => {
    const text = `实体 家庭 { 子女数：整数 }\n条款 一、 {\n  措施 甲 {\n    对象：家庭\n    结果 补贴金额：金额\n    规则 乙 { 补贴金额 = 5000 }\n  }\n}\n`;
    const [d, ...rest] = diagnose(text);
    expect(rest).toEqual([]);
    expect(d?.code).toBe('ZC0505');
    expect(d?.fixes?.map((f) => f.title)).toEqual(['改为“5000元”']);
    expect(diagnose(applyEdits(text, d!.fixes![0]!.edits))).toEqual([]);
  });
});

describe('an assignment to an outcome the measure does not declare', () => {
  const text = (assign: string) =>
    `实体 家庭 { 子女数：整数 }\n条款 一、 {\n  措施 甲 {\n    对象：家庭\n    结果 补贴金额：金额\n    规则 乙 { ${assign} }\n  }\n}\n`;

  it('says the measure has no such outcome, and how to declare one', () => {
    const [d] = diagnose(text('办结时限 = 10个工作日'));
    expect(d?.message).toBe('措施“甲”没有结果“办结时限”');
    expect(d?.help).toContain('结果 办结时限：类型');
  });

  it('a near miss gets “是否想写” and a fix that compiles', () => {
    const t = text('补贴全额 = 1元');
    const [d] = diagnose(t);
    expect(d?.message).toBe('措施“甲”没有结果“补贴全额”');
    expect(d?.help).toBe('是否想写“补贴金额”？');
    expect(diagnose(applyEdits(t, d!.fixes![0]!.edits))).toEqual([]);
  });
});
