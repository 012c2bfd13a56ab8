// zhengce diff --population: the reader (JSON Lines, JSON arrays, CSV and Parquet for a flat
// policy; nested lists in JSON Lines), the impact (rows changing status or amount, the exact
// budget per measure and period) checked against an oracle written from the policy text, the
// generated evaluators agreeing with the interpreter on the county, and bad rows refused with the
// row and the field. Populations are seeded (fast-check with the suite's seed; the county's from
// test/helpers/county-population.mjs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies, type LoweredPolicy } from '../../compiler/project/policies.js';
import { readPopulation, readJsonLines } from '../../compiler/population/read.js';
import { fenToYuan, populationImpact } from '../../compiler/diff/population.js';
import { runMain } from '../helpers/cli.js';
import { REPO_DIR } from '../helpers/golden.js';
// @ts-expect-error plain JS helper shared with the benchmark
import { countyPopulation } from '../helpers/county-population.mjs';

const CASES = join(__dirname, 'cases');
const load = (dir: string): LoweredPolicy[] => {
  const r = loadPolicies([dir], nodeHost);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.policies;
};
const base = load(join(CASES, 'base'))[0]!.ir;
const raise = load(join(CASES, 'raise'))[0]!.ir;
const tmp = mkdtempSync(join(tmpdir(), 'zhengce-pop-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A row of the sample policy (flat): every field may be missing. */
const sampleRow = fc.record({
  家庭: fc.record({ 子女数: fc.integer({ min: 0, max: 5 }), 夫妻至少一方户籍在本县: fc.boolean() }, { requiredKeys: ['子女数'] }),
  婴幼儿: fc.record({
    出生日期: fc.integer({ min: 0, max: 1200 }).map((d) => new Date(Date.UTC(2021, 0, 1) + d * 86400000).toISOString().slice(0, 10)),
    户籍在本县: fc.boolean(), 入托机构已备案: fc.boolean(),
  }),
  女职工: fc.record({ 性别: fc.constantFrom('男', '女'), 生育孩次: fc.integer({ min: 1, max: 4 }) }),
});
const DATE = '2024-06-01';

const COLUMNS = ['家庭.子女数', '家庭.「夫妻至少一方户籍在本县」', '婴幼儿.出生日期', '婴幼儿.户籍在本县', '婴幼儿.入托机构已备案', '女职工.性别', '女职工.生育孩次'];
function toCsv(rows: any[]): string {
  const v = (x: unknown) => (x === undefined ? '' : String(x));
  return [COLUMNS.join(','), ...rows.map((r) => [r.家庭.子女数, r.家庭.夫妻至少一方户籍在本县, r.婴幼儿.出生日期, r.婴幼儿.户籍在本县, r.婴幼儿.入托机构已备案, r.女职工.性别, r.女职工.生育孩次].map(v).join(','))].join('\n') + '\n';
}

describe('population impact (sample: 生育补助 三孩 5000 → 6000元)', () => {
  it('counts and budget equal an oracle written from the text, for seeded populations', async () => {
    await fc.assert(fc.asyncProperty(fc.array(sampleRow, { minLength: 1, maxLength: 25 }), async (rows) => {
      const r = await populationImpact(base, raise, rows.map((x, i) => ({ 位置: `第 ${i + 1} 行`, 事实: x })), DATE, [], { engine: '解释器', file: 'p.jsonl', format: 'jsonl' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      // oracle: 三孩（子女数 ≥ 3）且户籍在本县 → 5000元, now 6000元; 二孩 2000元 unchanged
      const resident = (x: any) => x.家庭.夫妻至少一方户籍在本县 === true;
      const third = rows.filter((x) => x.家庭.子女数 >= 3 && resident(x)).length;
      const second = rows.filter((x) => x.家庭.子女数 === 2 && resident(x)).length;
      const m = r.value.措施.find((x) => x.措施 === '生育补助')!;
      expect([m.状态改变, m.金额改变, r.value.改变行数]).toEqual([0, third, third]);
      const b = m.预算.find((x) => x.结果 === '补助金额')!;
      expect(b ?? null).toEqual(third + second ? expect.objectContaining({ 周期: '一次性', 旧分: String((5000 * third + 2000 * second) * 100), 新分: String((6000 * third + 2000 * second) * 100), 差额分: String(1000 * third * 100) }) : null);
      for (const other of r.value.措施.filter((x) => x.措施 !== '生育补助')) {
        expect([other.状态改变, other.金额改变]).toEqual([0, 0]);
        for (const l of other.预算) expect(l.差额分).toBe('0');
      }
    }), { numRuns: 15 });
  });

  it('JSON Lines, a JSON array, CSV and Parquet of the same rows read alike', async () => {
    const rows = fc.sample(sampleRow, 40);
    writeFileSync(join(tmp, 'p.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(join(tmp, 'p.json'), JSON.stringify(rows));
    writeFileSync(join(tmp, 'p.csv'), toCsv(rows));
    // a real Parquet file, written by DuckDB from the CSV (typed columns: BOOLEAN, BIGINT, DATE)
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const con = await inst.connect();
    await con.run(`COPY (SELECT * FROM read_csv('${join(tmp, 'p.csv')}', header = true)) TO '${join(tmp, 'p.parquet')}' (FORMAT parquet)`);
    con.closeSync();
    inst.closeSync();
    const read = await Promise.all(['jsonl', 'json', 'csv', 'parquet'].map((e) => readPopulation(join(tmp, `p.${e}`), raise)));
    const facts = read.map((r) => (r.ok ? r.rows.map((x) => x.事实) : r.problems));
    expect(facts[0]).toEqual(rows);
    for (const f of facts.slice(1)) expect(f).toEqual(rows);
    expect(read.map((r) => (r.ok ? r.rows[1]!.位置 : ''))).toEqual(['第 2 行', '第 2 个元素', '第 3 行（第 2 条数据）', '第 2 行']);
  });

  it('fen totals are exact: large counts of 0.01元 steps do not drift', () => {
    expect(fenToYuan('1')).toBe('0.01');
    expect(fenToYuan('-105')).toBe('-1.05');
    expect(fenToYuan('900719925474099312')).toBe('9007199254740993.12');
  });
});

describe('population impact on the county (nested lists)', () => {
  it('the generated evaluators give the same impact as the interpreter; the revision gives 生育补助 to second children', async () => {
    const a = load(join(REPO_DIR, 'policies/luanchuan'))[0]!.ir;
    const b = load(join(__dirname, 'county/luanchuan'))[0]!.ir;
    const rows = (countyPopulation(150, 20231018) as unknown[]).map((x, i) => ({ 位置: `第 ${i + 1} 行`, 事实: x }));
    const opts = { file: 'county.jsonl', format: 'jsonl' };
    const [i, g] = [await populationImpact(a, b, rows, DATE, [], { ...opts, engine: '解释器' }), await populationImpact(a, b, rows, DATE, [], { ...opts, engine: '生成的求值器' })];
    expect(i.ok && g.ok).toBe(true);
    if (!i.ok || !g.ok) return;
    expect({ ...g.value, 引擎: '解释器' }).toEqual(i.value);
    const m = i.value.措施.find((x) => x.措施 === '生育补助')!;
    expect(m.转变.some((t) => t.旧 === '不适用' && t.新 === '适用')).toBe(true);
    expect(BigInt(m.预算[0]!.差额分) > 0n).toBe(true);
    // the measures the solver proves equivalent change nobody in the population
    for (const x of i.value.措施.filter((y) => y.措施 !== '生育补助')) expect([x.措施, x.状态改变, x.金额改变]).toEqual([x.措施, 0, 0]);
    expect(i.value.前提不满足).toEqual({ 旧: 0, 新: 0 });
  });
});

describe('bad population input: a clear Chinese error naming the row and the field', () => {
  it('JSON Lines: a line that is not JSON or not an object', () => {
    const r = readJsonLines('{"家庭":{"子女数":1}}\n\n[1]\n{"家庭":\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.位置)).toEqual(['第 3 行', '第 4 行']);
    expect(r.problems[0]!.说明).toContain('应为一个个案的事实');
    expect(r.problems[1]!.说明).toContain('不是有效的 JSON');
  });

  it('a value of the wrong type: the row and the field, under both revisions said once', async () => {
    const rows = [{ 位置: '第 1 行', 事实: { 家庭: { 子女数: 2 } } }, { 位置: '第 2 行', 事实: { 家庭: { 子女数: '三' } } }];
    const r = await populationImpact(base, raise, rows, DATE, [], { engine: '解释器', file: 'x', format: 'jsonl' });
    expect(r).toEqual({ ok: false, more: 0, problems: [{ 位置: '第 2 行', 字段: '事实.家庭.子女数', 说明: '字段 事实.家庭.子女数：期望非负整数，实际为 "三"' }] });
  });

  it('CSV: an unknown column, a bad cell; a policy with lists refuses CSV', async () => {
    writeFileSync(join(tmp, 'bad1.csv'), '家庭.子女数,家庭.人口\n1,2\n');
    writeFileSync(join(tmp, 'bad2.csv'), '家庭.子女数,婴幼儿.户籍在本县\n1,true\n2x,maybe\n');
    const r1 = await readPopulation(join(tmp, 'bad1.csv'), raise);
    const r2 = await readPopulation(join(tmp, 'bad2.csv'), raise);
    const r3 = await readPopulation(join(tmp, 'bad2.csv'), load(join(REPO_DIR, 'policies/luanchuan'))[0]!.ir);
    expect(r1.ok || r1.problems.map((p) => p.说明)).toEqual([expect.stringContaining('列“家庭.人口”不是任何实体的字段')]);
    expect(r2.ok || r2.problems.map((p) => `${p.位置} ${p.字段} ${p.说明}`)).toEqual([
      '第 3 行（第 2 条数据） 家庭.子女数 列“家庭.子女数”：期望整数，实际为 "2x"',
      '第 3 行（第 2 条数据） 婴幼儿.户籍在本县 列“婴幼儿.户籍在本县”：期望是否（true/false、是/否），实际为 "maybe"',
    ]);
    expect(r3.ok || r3.problems[0]!.说明).toContain('不是扁平的');
    expect(r3.ok || r3.problems[0]!.说明).toContain('JSON Lines');
  });
});

describe('zhengce diff --population through the CLI', () => {
  it('every output format carries the population section; bad rows exit 1 with ZC1308; --date is required', async () => {
    const rows = fc.sample(sampleRow, 30);
    const f = join(tmp, 'cli.jsonl');
    writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const args = ['diff', join(CASES, 'base'), join(CASES, 'raise'), '--no-findings', '--events', 'none', '--population', f, '--date', DATE];
    const text = await runMain([...args]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/人群影响：cli\.jsonl（jsonl，30 行，评估日期 2024-06-01，解释器）：\d+ 行的状态或金额改变/);
    expect(text.out).toMatch(/预算 补助金额（一次性）：旧版 [\d.]+元（\d+ 行） → 新版 [\d.]+元（\d+ 行），差额 \+[\d.]+元/);
    const json = JSON.parse((await runMain([...args, '--format', 'json'])).out);
    expect(json.人群.行数).toBe(30);
    expect(json.人群.措施.find((m: any) => m.措施 === '生育补助').预算[0].差额分).toMatch(/^\d+$/);
    expect((await runMain([...args, '--format', 'markdown'])).out).toContain('| 措施 | 结果（周期） | 旧版（元） | 新版（元） | 差额（元） |');
    expect((await runMain([...args, '--format', 'html'])).out).toContain('<table class="budget">');
    writeFileSync(f, '{"家庭":{"子女数":1}}\n{"家庭":{"子女数":-1}}\n');
    const bad = await runMain([...args]);
    expect([bad.code, bad.out]).toEqual([1, '']);
    expect(bad.err).toContain('错误[ZC1308]');
    expect(bad.err).toContain('第 2 行：字段 事实.家庭.子女数：期望非负整数，实际为 -1');
    const noDate = await runMain(args.slice(0, -2));
    expect(noDate.code).toBe(2);
    expect(noDate.err).toContain('--population 需要 --date');
  });
});

// keep the helper honest: the generator is deterministic for a seed
it('the county population generator is deterministic for a seed', () => {
  expect(JSON.stringify(countyPopulation(20, 5))).toBe(JSON.stringify(countyPopulation(20, 5)));
  expect(JSON.stringify(countyPopulation(20, 5))).not.toBe(JSON.stringify(countyPopulation(20, 6)));
});
