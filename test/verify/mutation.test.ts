// Trust the verifier: seed deliberate defects into copies of the county policies
// (in memory) and check that `verify` — SMT, properties and the scenario suite —
// reports each one as an unaccepted finding of the expected kind. Prints a table of
// seeded vs caught.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryHost, nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { verifyPolicies } from '../../compiler/verify/verify.js';
import { findScenarioFiles, runScenariosWith } from '../../compiler/cli/test.js';
import type { Finding } from '../../compiler/verify/finding.js';

const DIR = 'policies/luanchuan';
const original: Record<string, string> = {};
for (const f of readdirSync(DIR)) if (f.endsWith('.zc')) original[join(DIR, f)] = readFileSync(join(DIR, f), 'utf8');

interface Mutation {
  readonly name: string;
  readonly kind: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** The finding codes that count as catching it. */
  readonly caughtBy: readonly string[];
  readonly mentions?: readonly string[];
}

const F4 = join(DIR, '第四章.zc');
const A2 = join(DIR, '附件2.zc');
const MAIN = join(DIR, '栾政2023-18.zc');
const mutations: Mutation[] = [
  { name: '生育补助增加一条冲突规则（有第四孩的2000元）', kind: '矛盾', file: F4,
    from: '        生育补助金额 = 1000元 × 家庭.「可获生育补助的子女数」\n      }',
    to: '        生育补助金额 = 1000元 × 家庭.「可获生育补助的子女数」\n      }\n      规则 「种子四孩加倍」 { 条件：家庭.子女 至少一个满足（孩次 ≥ 4）  生育补助金额 = 2000元 }',
    caughtBy: ['ZC0901'], mentions: ['三孩及以上生育补助', '种子四孩加倍'] },
  { name: '生育补助金额标为必须', kind: '缺口', file: F4, from: '结果 生育补助金额：金额 一次性', to: '结果 生育补助金额：金额 一次性 必须', caughtBy: ['ZC0902'] },
  { name: '三孩及以上 → 超过3孩', kind: '边界差一', file: F4, from: '数量（家庭.子女，孩次 三孩及以上 且', to: '数量（家庭.子女，孩次 超过 3孩 且', caughtBy: ['ZC1104'] },
  { name: '届满6月龄 → 超过6月龄', kind: '边界差一', file: F4, from: '月龄（婴幼儿.出生日期） 届满 6月龄', to: '月龄（婴幼儿.出生日期） 超过 6月龄', caughtBy: ['ZC1104'] },
  { name: '不满2周岁 → 2周岁以下', kind: '边界差一', file: F4, from: '周岁（婴幼儿.出生日期） 不满 2周岁', to: '周岁（婴幼儿.出生日期） 2周岁以下', caughtBy: ['ZC1104'] },
  { name: '金额1000元 → 10000元', kind: '数额', file: F4, from: '        生育补助金额 = 1000元 ×', to: '        生育补助金额 = 10000元 ×', caughtBy: ['ZC0908', 'ZC1104'] },
  // Dead rules: with 前提 over lists in the policy, the verifier states its proofs as bounded
  // (ZC0919, "只对不超过列表上限的输入成立", naming the rule as 永不适用) rather than ZC0903;
  // either is an unaccepted finding naming the dead rule.
  { name: '条件自相矛盾（永不适用）', kind: '死规则', file: F4, from: '        条件：婴幼儿.「栾川籍」\n', to: '        条件：婴幼儿.「栾川籍」 且 非 婴幼儿.「栾川籍」\n',
    caughtBy: ['ZC0903', 'ZC0919'], mentions: ['永不适用', '栾川籍婴幼儿营养补充品'] },
  { name: '条件自相矛盾（涉及子女名单）', kind: '死规则', file: F4, from: '且 家庭.「可获生育补助的子女数」 ≥ 1\n', to: '且 家庭.「可获生育补助的子女数」 ≥ 1 且 家庭.「可获生育补助的子女数」 < 1\n',
    caughtBy: ['ZC0903', 'ZC0919'], mentions: ['永不适用', '三孩及以上生育补助'] },
  { name: '施行后出生的比较写反（≤ 施行日）', kind: '施行日', file: F4, from: '子女.出生日期 ≥ 施行日', to: '子女.出生日期 ≤ 施行日', caughtBy: ['ZC0908', 'ZC1104'] },
  { name: '双胞胎不按同胎序号分先后（同一天出生者孩次相同）', kind: '孩次', file: F4,
    from: '出生日期 < 子女.出生日期 或 （出生日期 = 子女.出生日期 且 同胎序号 < 子女.同胎序号）', to: '出生日期 < 子女.出生日期', caughtBy: ['ZC1104'] },
  { name: '达到标准要求不再等15个工作日届满', kind: '推导', file: F4,
    from: '托育机构.「备案材料齐全」 且 托育机构.「备案期满未被通知不符合」 {', to: '托育机构.「备案材料齐全」 {', caughtBy: ['ZC1104'] },
  { name: '15个工作日 → 5个工作日', kind: '期限', file: A2, from: '工作日期限（托育机构.「收到备案材料日期」，15个工作日）', to: '工作日期限（托育机构.「收到备案材料日期」，5个工作日）', caughtBy: ['ZC1104'] },
  { name: '失效起算 当日 → 次日', kind: '失效', file: MAIN, from: '    起算：当日', to: '    起算：次日', caughtBy: ['ZC0908'], mentions: ['失效后不再给予'] },
  { name: '失效条件漏掉“市”', kind: '失效', file: MAIN, from: '\n      或 （事件.级别 为 市 且 事件.地区 为 "洛阳市"））', to: '）', caughtBy: ['ZC0908'], mentions: ['失效后不再给予'] },
  // The solver's witness event may carry 地区 = “any other text”, which the witness decoder
  // drops (compiler/verify/smt.ts: interned id 0), so replay sees no 地区 and the finding is
  // ZC0916 (engines disagree) instead of ZC0908 until that is fixed; both name the property.
  { name: '失效条件不检验省的地区', kind: '失效', file: MAIN, from: '（事件.级别 为 省 且 事件.地区 为 "河南省"）', to: '事件.级别 为 省',
    caughtBy: ['ZC0908', 'ZC0916'], mentions: ['其他省市的政策不使本文件废止'] },
  { name: '失效条件整段删除', kind: '失效', file: MAIN, from: MAIN_SUNSET(), to: '', caughtBy: ['ZC0908'], mentions: ['失效后不再给予'] },
];

function MAIN_SUNSET(): string {
  const s = original[join(DIR, '栾政2023-18.zc')]!;
  const start = s.indexOf('  失效 {');
  const end = s.indexOf('  }', start) + 3;
  return s.slice(start, end);
}

async function verifyWith(files: Record<string, string>): Promise<Finding[]> {
  const host = memoryHost(files, nodeHost);
  const { policies, diagnostics } = loadPolicies([DIR], host);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  const scen = runScenariosWith(findScenarioFiles(host, [DIR]), policies, host);
  const r = await verifyPolicies(policies, { timeoutMs: 10000, pbtRuns: 20, events: [], scenarios: scen.results });
  return [...r.findings];
}

const table: string[][] = [];
afterAll(() => {
  const rows = [['种类', '注入的缺陷', '期望的发现', '核查结果'], ...table];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  console.log('\n变异测试：注入 vs 发现\n' + rows.map((r) => r.map((c, i) => c + '　'.repeat(w[i]! - [...c].length)).join(' │ ')).join('\n') +
    `\n共注入 ${table.length} 个缺陷，发现 ${table.filter((r) => r[3]!.startsWith('✓')).length} 个\n`);
});

describe('mutation testing of the verifier', () => {
  it('the unmutated county policies have no unaccepted errors', async () => {
    const fs = await verifyWith({});
    expect(fs.filter((f) => f.severity === 'error' && !f.accepted).map((f) => `${f.code} ${f.message}`)).toEqual([]);
  });
  for (const m of mutations) {
    it(`catches: ${m.kind} — ${m.name}`, async () => {
      const src = original[m.file]!;
      expect(src.includes(m.from), `mutation anchor not found: ${m.from}`).toBe(true);
      const fs = await verifyWith({ [m.file]: src.replace(m.from, m.to) });
      const hits = fs.filter((f) => m.caughtBy.includes(f.code) && !f.accepted && (f.severity === 'error' || f.severity === 'warning'));
      const named = hits.filter((f) => (m.mentions ?? []).every((x) => f.message.includes(x) || f.subject.includes(x)));
      table.push([m.kind, m.name, m.caughtBy.join('/'), named.length ? `✓ ${[...new Set(named.map((f) => f.code))].join('、')}` : '✗ 未发现']);
      expect(named.length, `no ${m.caughtBy.join('/')} finding for “${m.name}”`).toBeGreaterThan(0);
    });
  }
});
