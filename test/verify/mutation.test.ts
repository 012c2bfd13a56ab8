// Trust the verifier: seed deliberate defects into copies of the county policies
// (in memory) and check that `verify` — SMT, properties and the scenario suite —
// reports each one as an unaccepted finding of the expected kind, and that the
// property engine (fast-check, as many cases as `zhengce verify` runs by default) finds
// on its own the defects it can see (its findings are merged into SMT's when both
// agree, so they are recorded before the merge). Prints a table of seeded vs caught.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryHost, nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { verifyPolicies } from '../../compiler/verify/verify.js';
import { runPbt } from '../../compiler/verify/pbt.js';
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
  /** `code:subject` of what the property engine alone must find ([]: only SMT / static checks see it). */
  readonly pbt: readonly string[];
}

const F4 = join(DIR, '第四章.zc');
const MAIN = join(DIR, '栾政2023-18.zc');
const mutations: Mutation[] = [
  { name: '生育补助增加一条冲突规则（四孩2000元）', kind: '矛盾', file: F4,
    from: '        生育补助金额 = 1000元\n      }', to: '        生育补助金额 = 1000元\n      }\n      规则 「种子四孩加倍」 { 条件：家庭.「本次生育孩次」 ≥ 4  生育补助金额 = 2000元 }',
    caughtBy: ['ZC0901'], mentions: ['三孩及以上生育补助', '种子四孩加倍'], pbt: ['ZC0901:pbt-contradiction:生育补助/生育补助金额', 'ZC0908:property:一次性补助有上限且非负'] },
  { name: '生育补助金额标为必须', kind: '缺口', file: F4, from: '结果 生育补助金额：金额 一次性', to: '结果 生育补助金额：金额 一次性 必须', caughtBy: ['ZC0902'], pbt: ['ZC0902:pbt-gap:生育补助/生育补助金额'] },
  { name: '三孩及以上 → 超过3孩', kind: '边界差一', file: F4, from: '家庭.「本次生育孩次」 三孩及以上', to: '家庭.「本次生育孩次」 超过 3孩', caughtBy: ['ZC1104'], pbt: [] },
  { name: '届满6月龄 → 超过6月龄', kind: '边界差一', file: F4, from: '月龄（婴幼儿.出生日期） 届满 6月龄', to: '月龄（婴幼儿.出生日期） 超过 6月龄', caughtBy: ['ZC1104'], pbt: [] },
  { name: '不满2周岁 → 2周岁以下', kind: '边界差一', file: F4, from: '周岁（婴幼儿.出生日期） 不满 2周岁', to: '周岁（婴幼儿.出生日期） 2周岁以下', caughtBy: ['ZC1104'], pbt: [] },
  { name: '金额1000元 → 10000元', kind: '数额', file: F4, from: '        生育补助金额 = 1000元', to: '        生育补助金额 = 10000元', caughtBy: ['ZC0908', 'ZC1104'], pbt: [] },
  { name: '条件自相矛盾（永不适用）', kind: '死规则', file: F4, from: '家庭.「本次生育孩次」 三孩及以上', to: '家庭.「本次生育孩次」 三孩及以上 且 家庭.「本次生育孩次」 < 3', caughtBy: ['ZC0903'], pbt: [] },
  { name: '失效起算 当日 → 次日', kind: '失效', file: MAIN, from: '    起算：当日', to: '    起算：次日', caughtBy: ['ZC0908'], mentions: ['失效后不再给予'], pbt: ['ZC0908:property:失效后不再给予'] },
  { name: '失效条件漏掉“市”', kind: '失效', file: MAIN, from: '{国家、省、市}', to: '{国家、省}', caughtBy: ['ZC0908'], mentions: ['失效后不再给予'], pbt: ['ZC0908:property:失效后不再给予'] },
  { name: '失效条件整段删除', kind: '失效', file: MAIN, from: MAIN_SUNSET(), to: '', caughtBy: ['ZC0908'], mentions: ['失效后不再给予'], pbt: ['ZC0908:property:失效后不再给予'] },
];

function MAIN_SUNSET(): string {
  const s = original[join(DIR, '栾政2023-18.zc')]!;
  const start = s.indexOf('  失效 {');
  const end = s.indexOf('  }', start) + 3;
  return s.slice(start, end);
}

/**
 * Random tests per property (and 2× that for the contradiction/gap/differential sweep):
 * what `zhengce verify` runs by default (`--runs 1000`), so that a defect only the
 * property engine sees is caught as an auditor would catch it.
 */
const PBT_RUNS = 1000;

/** Findings of `verify`, and the property engine's own (unaccepted) findings as `code:subject`. */
async function verifyWith(files: Record<string, string>): Promise<{ findings: Finding[]; pbt: string[] }> {
  const host = memoryHost(files, nodeHost);
  const { policies, diagnostics } = loadPolicies([DIR], host);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('\n'));
  const scen = runScenariosWith(findScenarioFiles(host, [DIR]), policies, host);
  const raw: Finding[] = [];
  const r = await verifyPolicies(policies, {
    timeoutMs: 10000, pbtRuns: PBT_RUNS, events: [], scenarios: scen.results,
    pbt: async (lp, runs, gen) => {
      const x = await runPbt(lp, runs, gen);
      raw.push(...x.findings);
      return x;
    },
  });
  // the property engine ran: at least the contradiction/gap sweep (2 × PBT_RUNS) and some properties
  expect(r.policies.reduce((n, p) => n + p.stats.pbtCases, 0)).toBeGreaterThan(2 * PBT_RUNS);
  return { findings: [...r.findings], pbt: [...new Set(raw.filter((f) => !f.accepted).map((f) => `${f.code}:${f.subject}`))].sort() };
}

const table: string[][] = [];
afterAll(() => {
  const rows = [['种类', '注入的缺陷', '期望的发现', '核查结果', '随机测试独立发现'], ...table];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  console.log('\n变异测试：注入 vs 发现\n' + rows.map((r) => r.map((c, i) => c + '　'.repeat(w[i]! - [...c].length)).join(' │ ')).join('\n') +
    `\n共注入 ${table.length} 个缺陷，发现 ${table.filter((r) => r[3]!.startsWith('✓')).length} 个\n`);
});

describe('mutation testing of the verifier', () => {
  it('the unmutated county policies have no unaccepted errors', async () => {
    const { findings: fs, pbt } = await verifyWith({});
    expect(fs.filter((f) => f.severity === 'error' && !f.accepted).map((f) => `${f.code} ${f.message}`)).toEqual([]);
    expect(pbt).toEqual([]);
  });
  for (const m of mutations) {
    it(`catches: ${m.kind} — ${m.name}`, async () => {
      const src = original[m.file]!;
      expect(src.includes(m.from), `mutation anchor not found: ${m.from}`).toBe(true);
      const { findings: fs, pbt } = await verifyWith({ [m.file]: src.replace(m.from, m.to) });
      const hits = fs.filter((f) => m.caughtBy.includes(f.code) && !f.accepted && (f.severity === 'error' || f.severity === 'warning'));
      const named = hits.filter((f) => (m.mentions ?? []).every((x) => f.message.includes(x) || f.subject.includes(x)));
      table.push([m.kind, m.name, m.caughtBy.join('/'), named.length ? `✓ ${[...new Set(named.map((f) => f.code))].join('、')}` : '✗ 未发现', m.pbt.length ? (m.pbt.every((x) => pbt.includes(x)) ? '✓' : '✗') : '—']);
      expect(named.length, `no ${m.caughtBy.join('/')} finding for “${m.name}”`).toBeGreaterThan(0);
      // the property engine alone finds what it can see — with too few cases it would not
      expect(pbt).toEqual(expect.arrayContaining([...m.pbt]));
    });
  }
});
