/**
 * 按（键）第N个 orders by the key's value. Regression (found while porting the verifier, whose
 * encoding orders exactly): ratio keys are exact rationals "n/d" at run time and were sorted
 * as text, so "2/3" came before "3/5" and the n-th element was the wrong one.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { irPerTest } from './helpers.js';

const ir = irPerTest(`政策 「测试」 { 生效：2020年1月1日 }
实体 人 { 占比：比例  序号：整数 }
实体 家庭 { 成员：列表（人） }
条款 一、 "排序" {
  措施 排序结果 {
    对象：家庭
    结果 序：整数
    规则 「最小占比者」 { 序 = 家庭.成员 按（占比）第1个.序号 }
  }
}`);

describe('按（键）第N个 by a ratio key', () => {
  it('orders by value: 60% before 66.5% (as text "3/5" > "133/200")', () => {
    const d = evaluate(ir(), { 家庭: { 成员: [{ 占比: '66.5%', 序号: 1 }, { 占比: '60%', 序号: 2 }] } }, '2024-01-01');
    expect(d.决定[0]!.结果['序']!.值).toBe(2);
  });
  it('ties keep list order: the first of two 9.5% members, before 10%', () => {
    const d = evaluate(ir(), { 家庭: { 成员: [{ 占比: '10%', 序号: 1 }, { 占比: '9.5%', 序号: 2 }, { 占比: '9.5%', 序号: 3 }] } }, '2024-01-01');
    expect(d.决定[0]!.结果['序']!.值).toBe(2);
  });
});
