/**
 * Regression tests for defects of the reference semantics (compiler/interpret/interpreter.ts)
 * found while writing the language spec §15 and translating a peer's evaluation tests
 * (test/semantics-suite/):
 *   1. `按（比例）第N个` sorted ratio keys as text ("10/1" before "9/1", "1/2" before "1/3");
 *   2. an uncertain date (施行日、某日) multiplied or divided made the result unknown without
 *      saying which date it depends on (a 存疑 with nothing in 缺少);
 *   3. a division by zero at run time made the result unknown without saying why.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import type { Decision, Decisions } from '../../compiler/interpret/decision.js';
import { irOf } from './helpers.js';

const dec = (d: Decisions, m: string): Decision => d.决定.find((x) => x.措施 === m)!;

describe('按（比例）第N个 orders ratios by their exact value', () => {
  const ir = irOf(`政策 「测试」 { 生效：2020年1月1日 }
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
    const d = dec(evaluate(ir, { 家庭: { 子女: xs.map(([比, 名]) => ({ 比, 名 })) } }, '2024-01-01'), '排序');
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
  const ir = irOf(`政策 「测试」 { 生效：某日（2024年1月1日，2024年3月31日） }
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
    const d = dec(evaluate(ir, { 甲: { 数: 2, 日: '2024-05-01' } }, '2024-06-01'), '算');
    expect(d.状态).toBe('存疑');
    expect(d.结果['商']!.值).toBe(5);
    expect(d.缺少).toEqual(['施行日（2024-01-01 至 2024-03-31 之间，确切日期未知）']);
  });
  it('a division by zero at run time is said, not a silent unknown', () => {
    const d = dec(evaluate(ir, { 甲: { 数: 0, 日: '2024-05-01' } }, '2024-06-01'), '算');
    expect(d.状态).toBe('存疑');
    expect(d.问题).toContainEqual({ 类别: '未知', 结果: '商', 规则: ['r'] });
    expect(d.缺少).toContain('除数“甲.数”为零，无法相除');
  });
});
