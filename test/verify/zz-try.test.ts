import { it } from 'vitest';
import { irOf } from '../../test/interpret/helpers.js';
import { verifySmt } from '../../compiler/verify/engine.js';
const HEAD = `政策 「测试」 { 生效：2020年1月1日 }\n`;
const FAMILY = `${HEAD}枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地  同胎序号：整数  月收入：金额 }
实体 家庭 { 夫妻：列表（人）  子女：列表（人） }
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期 或（出生日期 = 人.出生日期 且 同胎序号 < 人.同胎序号）） + 1
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
    规则 「四孩」 { 条件：家庭.子女 至少一个满足（孩次 ≥ 4）  补助额 = 3000元 }
  }
  措施 汇总 {
    对象：家庭
    结果 夫妻收入：金额
    结果 最近生育：日期
    结果 「第二孩」：日期
    规则 「汇总」 { 夫妻收入 = 合计（家庭.夫妻，月收入）  最近生育 = 最大（家庭.子女，出生日期）  「第二孩」 = 家庭.子女 按（出生日期）第2个.出生日期 }
  }
}`;
it('family', async () => {
  const ir = irOf(FAMILY);
  const t0 = performance.now();
  const r = await verifySmt(ir, { timeoutMs: 10000 });
  console.log(performance.now() - t0, r.queryMs.map(Math.round).join(","), r.queryMs.length, JSON.stringify(r.lists));
  for (const f of r.findings) console.log(f.code, f.message, JSON.stringify(f.witness), JSON.stringify(f.replay), JSON.stringify(f.sides));
}, 60000);
