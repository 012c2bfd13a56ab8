/**
 * Regression tests for defects of the reference semantics (compiler/interpret/interpreter.ts)
 * found while writing the language spec §15 and translating a peer's evaluation tests
 * (test/semantics-suite/):
 *   1. `按（比例）第N个` sorted ratio keys as text ("10/1" before "9/1", "1/2" before "1/3");
 *   2. an uncertain date (施行日、某日) multiplied or divided made the result unknown without
 *      saying which date it depends on (a 存疑 with nothing in 缺少);
 *   3. a division by zero at run time made the result unknown without saying why;
 *   4. a ratio whose repeating cycle is longer than fraction.js shows was printed truncated,
 *      looking exact ("1937.795552820698775%" for 84648665/4368297);
 *   5. `措施.结果` used the value of an outcome that depends on a rule whose applicability
 *      is unknown (shown with 存疑) as if it were established: the referring measure was
 *      适用 with a value that may be wrong;
 *   6. `按（键）第N个`, 合计, 最大 and 最小 named only the first element whose value is missing.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, formatRatio } from '../../compiler/interpret/interpreter.js';
import type { Decision, Decisions } from '../../compiler/interpret/decision.js';
import { irPerTest } from './helpers.js';

const dec = (d: Decisions, m: string): Decision => d.决定.find((x) => x.措施 === m)!;

describe('按（比例）第N个 orders ratios by their exact value', () => {
  const ir = irPerTest(`政策 「测试」 { 生效：2020年1月1日 }
实体 人 { 比：比例  名：文本 }
实体 家庭 { 子女：列表（人） }
条款 一、 "x" {
  措施 排序 {
    对象：家庭
    结果 最小者：文本
    结果 次小者：文本
    规则 「r」 { 最小者 = 家庭.子女 按（比）第1个.名  次小者 = 家庭.子女 按（比）第2个.名 }
  }
}`);
  const names = (...xs: [string, string][]) => {
    const d = dec(evaluate(ir(), { 家庭: { 子女: xs.map(([比, 名]) => ({ 比, 名 })) } }, '2024-01-01'), '排序');
    return [d.结果['最小者']!.值, d.结果['次小者']!.值];
  };
  it('10% is larger than 9% (as text "1/10" < "9/100" would say otherwise)', () => {
    expect(names(['10%', '十'], ['9%', '九'])).toEqual(['九', '十']);
  });
  it('1/3 is smaller than 1/2; 100% is the largest', () => {
    expect(names(['50%', '半'], ['100%', '全'], ['33%', '三成三'])).toEqual(['三成三', '半']);
  });
  it('equal ratios keep the input order', () => {
    expect(names(['50%', '甲'], ['0.5%', '乙'], ['50.0%', '丙'])).toEqual(['乙', '甲']);
  });
});

describe('unknown results always say why', () => {
  const ir = irPerTest(`政策 「测试」 { 生效：某日（2024年1月1日，2024年3月31日） }
实体 甲 { 数：整数  日：日期 }
条款 一、 "x" {
  措施 算 {
    对象：甲
    结果 商：整数
    结果 半程：时长（天）
    规则 「r」 { 商 = 10 ÷ 甲.数  半程 = (甲.日 - 施行日) ÷ 2 }
  }
}`);
  it('a quotient of an uncertain date names the date and its range', () => {
    const d = dec(evaluate(ir(), { 甲: { 数: 2, 日: '2024-05-01' } }, '2024-06-01'), '算');
    expect(d.状态).toBe('存疑');
    expect(d.结果['商']!.值).toBe(5);
    expect(d.缺少).toEqual(['施行日（2024-01-01 至 2024-03-31 之间，确切日期未知）']);
  });
  it('a division by zero at run time is said, not a silent unknown', () => {
    const d = dec(evaluate(ir(), { 甲: { 数: 0, 日: '2024-05-01' } }, '2024-06-01'), '算');
    expect(d.状态).toBe('存疑');
    expect(d.问题).toContainEqual({ 类别: '未知', 结果: '商', 规则: ['r'] });
    expect(d.缺少).toContain('除数“甲.数”为零，无法相除');
  });
});

describe('a ratio whose repeating cycle is too long to show is marked, never shown as exact', () => {
  it('short cycles and terminating decimals are exact', () => {
    expect([formatRatio('1/3'), formatRatio('1/7'), formatRatio('26/25'), formatRatio('-1/8'), formatRatio('0/1')]).toEqual(['33.(3)%', '14.(285714)%', '104%', '-12.5%', '0%']);
  });
  it('a cycle longer than 15 decimals ends in …', () => {
    expect(formatRatio('84648665/4368297')).toBe('1937.795552820698775…%');
    expect(formatRatio('-84648665/4368297')).toBe('-1937.795552820698775…%');
  });
});

describe('措施.结果 never hands over a value that depends on unknown facts', () => {
  const ir = irPerTest(`政策 「测试」 { 生效：2020年1月1日 }
实体 甲 { a：整数  b：整数 }
条款 一、 "x" {
  措施 基础 {
    对象：甲
    结果 r：整数
    规则 「e1」 { r = 1 }
    规则 「e2」 例外于 「e1」 { 条件：甲.a < 甲.b  r = 2 }
  }
  措施 加倍 {
    对象：甲
    结果 值：整数
    规则 「引用」 { 值 = 基础.r × 2 }
  }
}`);
  it('when an overriding rule may apply, the referring measure is 存疑 (it was 适用 with 2, although r may be 2)', () => {
    const d = evaluate(ir(), { 甲: { b: 1 } }, '2024-01-01');
    expect(dec(d, '基础').状态).toBe('存疑');
    expect(dec(d, '基础').问题).toEqual([{ 类别: '未知', 结果: 'r', 规则: ['e2'] }]);
    expect(dec(d, '加倍').状态).toBe('存疑');
    expect(dec(d, '加倍').缺少).toEqual(['措施「基础」的结果「r」（该措施存疑）']);
  });
  it('once the facts are known, the value is handed over', () => {
    expect(dec(evaluate(ir(), { 甲: { a: 0, b: 1 } }, '2024-01-01'), '加倍').结果['值']!.值).toBe(4);
    expect(dec(evaluate(ir(), { 甲: { a: 1, b: 1 } }, '2024-01-01'), '加倍').结果['值']!.值).toBe(2);
  });
});

describe('按（键）第N个 names every element whose key is missing', () => {
  const ir = irPerTest(`政策 「测试」 { 生效：2020年1月1日 }
实体 元素 { a：金额  n：整数 }
实体 甲 { 表：列表（元素） }
条款 一、 "x" { 措施 取 { 对象：甲  结果 首位：整数  规则 「r」 { 首位 = 甲.表 按（a）第1个.n } } }`);
  it('all three missing keys are listed (only the first was)', () => {
    const d = dec(evaluate(ir(), { 甲: { 表: [{ n: 4 }, { n: 2, a: 1 }, { n: 3 }] } }, '2024-01-01'), '取');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['甲.表[0].a', '甲.表[2].a']);
  });
});

describe('合计、最大、最小 name every element whose value is missing', () => {
  const ir = irPerTest(`政策 「测试」 { 生效：2020年1月1日 }
实体 项 { x：金额 }
实体 甲 { 表：列表（项） }
条款 一、 "x" { 措施 汇总 { 对象：甲  结果 总额：金额  结果 最高：金额  规则 「r」 { 总额 = 合计（甲.表，x）  最高 = 最大（甲.表，x） } } }`);
  it('both missing amounts are listed (only the first was)', () => {
    const d = dec(evaluate(ir(), { 甲: { 表: [{}, { x: 1 }, {}] } }, '2024-01-01'), '汇总');
    expect(d.状态).toBe('存疑');
    expect(d.缺少).toEqual(['甲.表[0].x', '甲.表[2].x']);
  });
});
