// A developer's program using the generated evaluator of 栾政〔2023〕18号.
// Type-checked and run by test/generated/generated.test.ts, and shown in the README.
// The input is facts read off documents (户口簿, 出生医学证明, the materials filed); 孩次,
// 户籍 conditions and "born after the plan took effect" are derived by the policy.
import { evaluate, InputError, type 输入事实 } from 'zhengce/generated/luanchuan';

const facts: 输入事实 = {
  家庭: {
    夫妻: [{ 户籍: '栾川县' }, { 户籍: '县外' }],
    子女: [
      { 出生日期: '2019-03-02', 同胎序号: 1, 户籍: '栾川县' },
      { 出生日期: '2021-07-15', 同胎序号: 1, 户籍: '栾川县' },
      { 出生日期: '2024-05-10', 同胎序号: 1, 户籍: '栾川县' },
    ],
    已网上登记并保存三孩生育证: true,
    有医院出具的三孩出生证明: true,
  },
};

// Evaluation date 2024-06-01, no higher-level policy events.
const decisions = evaluate(facts, '2024-06-01', []);
for (const d of decisions.决定) {
  if (d.状态 !== '适用') continue;
  for (const [name, v] of Object.entries(d.结果)) {
    console.log(`${d.条款.标签} ${d.措施}：${name} = ${v.值}${v.单位}${v.周期 ? `（${v.周期}）` : ''}`);
  }
  console.log(`  发放对象：${d.发放对象 ?? d.对象 ?? ''}`);
  // the annex's application conditions (申请条件) and what can actually be claimed (可领取)
  if (d.申请 && d.可领取) console.log(`  申请条件 ${d.申请.条款.标签}：${d.申请.状态}；可领取：${d.可领取.状态}`);
}
// 存疑 decisions name what would decide them (a missing fact, or the uncertain 施行日).
for (const d of decisions.决定) if (d.状态 === '存疑') console.log(`${d.措施} 存疑，缺少：${(d.缺少 ?? []).join('、')}`);

// Invalid input: one error that lists every problem.
try {
  evaluate({ 家庭: { 子女: [{ 出生日期: '2024-05-10', 同胎序号: -1 }] } }, '2024-02-30');
} catch (e) {
  if (e instanceof InputError) for (const p of e.problems) console.log(`${p.路径}：期望${p.期望}，实际为 ${p.实际}`);
}
