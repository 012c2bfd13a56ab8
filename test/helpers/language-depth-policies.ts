/**
 * The policies test/interpret/language-depth.test.ts and test/emit/language-depth.test.ts both evaluate:
 * the interpreter's cases and the generated evaluator's (which also compares with the interpreter and
 * evaluateFast) read the same source text. Each is a whole policy: HEAD + its declarations.
 */

/** A policy header in force since 2020-01-01. */
export const HEAD = `政策 「测试」 { 生效：2020年1月1日 }\n`;

/** issue 9 bug 1: 100% ÷ 3 (an exact third), money × that third. */
export const RATIO = `${HEAD}实体 甲 { 数：整数 }
条款 一、 "比例" {
  措施 比例计算 {
    对象：甲
    结果 「三分之一」：比例
    结果 半数：比例
    结果 折算：金额
    规则 「算」 { 「三分之一」 = 100% ÷ 3  半数 = 50% × 甲.数 ÷ 甲.数  折算 = 1000元 × (100% ÷ 3) }
  }
}`;

/** issue 9 bug 2: one entity type (人) reached through two paths (输入.p, 输入.q). */
export const PATHS = `${HEAD}实体 人 { 年收入：金额 }
实体 输入 { p：人  q：人 }
条款 一、 "路径" {
  措施 比较 {
    对象：输入
    结果 p较高：是否
    规则 「p高」 { 条件：输入.p.年收入 > 输入.q.年收入  p较高 = 是 }
    规则 「不高」 { 条件：输入.p.年收入 ≤ 输入.q.年收入  p较高 = 否 }
  }
}`;

/** issue 9 bug 3: three required outcomes, one contradiction (甲结果) and two gaps. */
export const OUTCOMES = `${HEAD}实体 甲 { 数：整数 }
条款 一、 "结果" {
  措施 多结果 {
    对象：甲
    结果 甲结果：整数 必须
    结果 乙结果：整数 必须
    结果 丙结果：整数 必须
    规则 「一」 { 条件：甲.数 ≥ 1  甲结果 = 1 }
    规则 「二」 { 条件：甲.数 ≥ 2  甲结果 = 2 }
  }
}`;

/** definitions, lists, quantifiers and aggregates: 孩次 per child, 至少一方/均满足, 数量/合计/最大, 第N个. */
export const FAMILY = `${HEAD}枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地  同胎序号：整数  月收入：金额 }
实体 家庭 { 夫妻：列表（人）  子女：列表（人） }
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期 或（出生日期 = 人.出生日期 且 同胎序号 < 人.同胎序号）） + 1 {
  原文："三孩"
}
定义 「夫妻一方在本县」 = 家庭.夫妻 至少一方满足（户籍 为 本县）
定义 「子女均在本县」 = 家庭.子女 均满足（户籍 为 本县）
条款 一、 "补助" {
  措施 「三孩补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「三孩」 {
      条件：「夫妻一方在本县」 且 「子女均在本县」 且 家庭.子女 至少一个满足（孩次 ≥ 3）
      补助额 = 1000元 × 数量（家庭.子女，孩次 ≥ 3）
    }
  }
  措施 汇总 {
    对象：家庭
    结果 夫妻收入：金额
    结果 最近生育：日期
    结果 「第二孩」：日期
    规则 「汇总」 { 夫妻收入 = 合计（家庭.夫妻，月收入）  最近生育 = 最大（家庭.子女，出生日期）  「第二孩」 = 家庭.子女 按（出生日期）第2个.出生日期 }
  }
}`;

/** a signed money field (可为负) and an assumption (前提). */
export const SIGNED = `${HEAD}实体 甲 { 差额：金额 可为负  数：整数 }
前提 「数不超过十」 { 条件：甲.数 ≤ 10  说明："编码只考虑十以内" }
条款 一、 "差额" {
  措施 补差 {
    对象：甲
    结果 补差额：金额
    规则 「负差额」 { 条件：甲.差额 < 0元  补差额 = 0元 - 甲.差额 }
  }
}`;

/** a working-day deadline (工作日期限, 15个工作日) — ZC0805 outside the calendar. */
export const DEADLINE = `${HEAD}实体 备案 { 收到日期：日期 }
条款 一、 "期限" {
  措施 办理期限 {
    对象：备案
    结果 截止日：日期
    规则 「十五个工作日」 { 截止日 = 工作日期限（备案.收到日期，15个工作日） }
  }
}`;
