// A developer's program using the generated evaluator of 栾政〔2023〕18号.
// Type-checked and run by test/generated/consumer.test.ts, and shown in the README.
import { evaluate, InputError, type 输入事实 } from 'zhengce/generated/luanchuan';

const facts: 输入事实 = {
  家庭: {
    本次生育孩次: 3,
    夫妻至少一方户籍在本县: true,
    生育子女户籍均在本县: true,
    本次生育在本方案实施后: true,
  },
};

// Evaluation date 2024-06-01, no higher-level policy events.
const decisions = evaluate(facts, '2024-06-01', []);
for (const d of decisions.决定) {
  if (d.状态 !== '适用') continue;
  for (const [name, v] of Object.entries(d.结果)) {
    console.log(`${d.条款.标签} ${d.措施}：${name} = ${v.值}${v.单位}${v.周期 ? `（${v.周期}）` : ''}`);
  }
}

// Invalid input: one error that lists every problem.
try {
  evaluate({ 家庭: { 本次生育孩次: -1 } }, '2024-02-30');
} catch (e) {
  if (e instanceof InputError) for (const p of e.problems) console.log(`${p.路径}：期望${p.期望}，实际为 ${p.实际}`);
}
