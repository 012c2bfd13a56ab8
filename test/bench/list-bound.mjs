/**
 * Benchmark section "list-bound": the cost of the SMT list bound B (`zhengce verify
 * --list-bound B`) on a family policy with lists — 孩次 as a definition counting earlier
 * children (twins), quantifiers, 合计/最大/最小, 第N个 by birth date, a rule dead for every
 * length — for B = 2…6: SMT CPU time and query count (all SMT queries of the policy,
 * in-process from dist/, median of `runs`). This is the measured justification of the
 * default DEFAULT_LIST_BOUND in compiler/verify/smt.ts.
 *
 *   export default { name: 'list-bound', title, run(ctx) }
 *   node test/bench/list-bound.mjs [--runs N]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, int, median, table } from './util.mjs';

const TITLE = 'SMT cost of the list bound B (--list-bound) on a policy with lists, B = 2…6';
const dist = (p) => pathToFileURL(join(ROOT, 'dist', 'compiler', p)).href;

const POLICY = `政策 「列表基准」 { 生效：2020年1月1日 }
枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地  同胎序号：整数  月收入：金额 }
实体 家庭 { 夫妻：列表（人）  子女：列表（人） }
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期 或（出生日期 = 人.出生日期 且 同胎序号 < 人.同胎序号）） + 1
定义 「夫妻一方在本县」 = 家庭.夫妻 至少一方满足（户籍 为 本县）
条款 一、 "补助" {
  措施 「三孩补助」 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「三孩」 {
      条件：「夫妻一方在本县」 且 家庭.子女 至少一个满足（孩次 ≥ 3）
      补助额 = 1000元 × 数量（家庭.子女，孩次 ≥ 3）
    }
    规则 「四孩」 { 条件：家庭.子女 至少一个满足（孩次 ≥ 4）  补助额 = 3000元 }
    规则 「第二孩外县」 { 条件：家庭.子女 按（出生日期）第2个.户籍 为 外县  补助额 = 5元 }
    规则 「夫妻收入高」 { 条件：合计（家庭.夫妻，月收入） ≥ 5000元  补助额 = 7元 }
    规则 「最大小于最小」 { 条件：最大（家庭.子女，同胎序号） < 最小（家庭.子女，同胎序号）  补助额 = 9元 }
  }
}`;

export async function benchListBound(opts = {}) {
  const runs = Math.max(1, opts.runs ?? 3);
  const { memoryHost } = await import(dist('project/host.js'));
  const { loadPolicies } = await import(dist('project/policies.js'));
  const { verifySmt } = await import(dist('verify/engine.js'));
  const { DEFAULT_LIST_BOUND } = await import(dist('verify/smt.js'));
  const { policies } = loadPolicies(['/bench'], memoryHost({ '/bench/政策.zc': POLICY }));
  const ir = policies[0].ir;
  await verifySmt(ir, { timeoutMs: 60_000, listBound: 2 }); // warm-up (z3 init)
  const rows = [['B', 'SMT CPU ms (median)', 'SMT wall ms (median)', 'queries', 'findings']];
  const summary = {};
  for (const B of [2, 3, 4, 5, 6]) {
    const cpu = [];
    const wall = [];
    let last;
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      last = await verifySmt(ir, { timeoutMs: 60_000, listBound: B });
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    rows.push([`${B}${B === DEFAULT_LIST_BOUND ? ' (default)' : ''}`, int(median(cpu)), int(median(wall)), String(last.queryMs.length), [...new Set(last.findings.map((f) => f.code))].sort().join(' ')]);
    summary[B] = { cpuMs: median(cpu), wallMs: median(wall), queries: last.queryMs.length };
  }
  return { title: TITLE, lines: [table(rows), `  (median of ${runs} run(s) after a warm-up; B = 4 is the smallest bound that holds twins born as 3rd and 4th child)`], summary };
}

export default {
  name: 'list-bound',
  title: TITLE,
  async run(ctx) {
    const r = await benchListBound({ runs: Math.min(3, ctx.runs) });
    for (const l of r.lines) ctx.log(l);
    return r.summary;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = process.argv.slice(2);
  const r = await benchListBound({ runs: a.includes('--runs') ? Number(a[a.indexOf('--runs') + 1]) : 3 });
  process.stdout.write(`== list-bound: ${r.title} ==\n${r.lines.join('\n')}\n`);
}
