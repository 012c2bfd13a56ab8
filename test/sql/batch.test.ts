/**
 * `zhengce batch` end to end through the built CLI on embedded DuckDB (no server), on the
 * county's second encoding (家庭 with 夫妻/子女/计划生育证件 lists):
 *   - a seeded synthetic county (`--synthesize`, deterministic) with nested lists in Parquet
 *     (twins: two 子女 with one 出生日期 and 同胎序号 1, 2);
 *   - decisions and summary from that nested Parquet, equal to the interpreter row by row
 *     (every measure's status, 缺少 and outcomes on a sample of rows);
 *   - the budget page generated/docs/budget/luanchuan-budget.md is what `--synthesize --docs`
 *     writes (golden: `vitest -u` updates it);
 *   - bad input: a bad element value in a nested list names the row and the element's column
 *     (ZC1202), CSV for an entity with lists is ZC1206, a flat policy's CSV with a bad value
 *     names the row and column — and nothing is written.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { REPO_DIR } from '../helpers/golden.js';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies, readEvents } from '../../compiler/project/policies.js';
import { evaluateRaw, formatRatio } from '../../compiler/interpret/interpreter.js';
import { isRatio } from '../../compiler/ir/ir.js';
import { expected } from './harness.js';
import { tmpDirForFile } from '../helpers/tmp.js';
import { duckRows } from './engines.js';

const tmp = tmpDirForFile('zhengce-batch-');
beforeAll(() => {
  ensureDist();
});

/** A row of nested input as the interpreter's facts: nulls dropped (unknown), numbers as numbers. */
function facts(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(facts);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, facts(x)]));
  return v;
}

describe('zhengce batch (DuckDB, nested input)', () => {
  it('synthesizes a seeded county with 子女 lists, evaluates it like the interpreter, writes decisions and a budget summary', async () => {
    const h1 = join(tmp, 'h1.parquet');
    const h2 = join(tmp, 'h2.parquet');
    for (const h of [h1, h2]) {
      const r = await runCliAsync(['batch', '--synthesize', '3000', '--seed', '7', '--policy', 'luanchuan', '--out', h], { timeoutMs: 300_000 });
      expect(r.stderr).toContain('合成 3000 行');
      expect(r.status).toBe(0);
    }
    const households = (await duckRows(`SELECT to_json(h) AS j FROM '${h1}' AS h ORDER BY "编号"`)).map((r) => JSON.parse(String(r['j'])) as Record<string, unknown>);
    expect(households).toEqual((await duckRows(`SELECT to_json(h) AS j FROM '${h2}' AS h ORDER BY "编号"`)).map((r) => JSON.parse(String(r['j'])))); // deterministic for a seed
    expect(households.length).toBe(3000);
    // the synthetic families have 子女 lists with twins (same day, 同胎序号 1 and 2) and third children
    const twins = await duckRows(`SELECT count(*) AS n FROM (SELECT unnest("子女") AS c FROM '${h1}') WHERE c."同胎序号" = 2`);
    expect(Number(twins[0]!['n'])).toBeGreaterThan(5);
    const third = await duckRows(`SELECT count(*) AS n FROM '${h1}' WHERE len("子女") >= 3`);
    expect(Number(third[0]!['n'])).toBeGreaterThan(300);
    const out = join(tmp, 'decisions.parquet');
    const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', h1, '--out', out], { timeoutMs: 300_000 });
    expect(r.stderr).toContain('3000 行');
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(tmp, 'decisions.summary.json'), 'utf8'));
    expect(summary.行数).toBe(3000);
    expect(summary.事件登记.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const m of summary.措施) expect(Object.values(m.行数 as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3000);
    const grant = summary.措施.find((m: { 措施: string }) => m.措施 === '生育补助');
    expect(grant.行数.适用).toBeGreaterThan(0);
    expect(grant.行数.存疑).toBeGreaterThan(0);
    const decisions = (await duckRows(`SELECT to_json(d) AS j FROM '${out}' AS d ORDER BY "编号"`)).map((x) => JSON.parse(String(x['j'])) as Record<string, unknown>);
    expect(decisions.length).toBe(3000);
    // the same rows through the interpreter: every status, 缺少 and outcome agrees (every 10th row)
    const { policies } = loadPolicies(['policies'], nodeHost);
    const ir = policies.find((p) => p.ir.policy.id === 'luanchuan')!.ir;
    const ev = readEvents(nodeHost, 'policies/events.yaml');
    if (!ev.ok) throw new Error(ev.message);
    let checked = 0;
    for (let k = 0; k < households.length; k += 10) {
      const { 编号: _key, ...rec } = households[k]!;
      const f = { 家庭: facts(rec) };
      const e = expected(ir, f, '2024-07-01', ev.events);
      if ('error' in e) throw new Error(`row ${k}: ${e.error}`);
      const d = evaluateRaw(ir, f, '2024-07-01', ev.events).decisions;
      ir.measures.forEach((m, i) => {
        if (m.subject !== '家庭') return;
        const got = decisions[k]!;
        expect({ row: k, measure: m.name, status: got[`${m.name}.状态`], missing: got[`${m.name}.缺少`] ?? null })
          .toEqual({ row: k, measure: m.name, status: d.决定[i]!.状态, missing: e[`m${i}_缺少`] ?? null });
        m.outcomes.forEach((o, j) => {
          const col = `${m.name}.${o.name}${o.type.k === 'money' ? '（分）' : ''}`;
          const g = got[col];
          // (a ratio as eval writes it, "50%": the SQL form is the exact "n/d")
          const want = e[`m${i}_${j}`] === null ? null : isRatio(o.type) ? formatRatio(String(e[`m${i}_${j}`])) : String(e[`m${i}_${j}`]);
          expect({ row: k, col, v: g === null || g === undefined ? null : String(g) }).toEqual({ row: k, col, v: want });
        });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(1000);
  }, 900_000);

  it('the budget page in generated/docs is what --synthesize --docs writes', async () => {
    const docs = join(tmp, 'docs');
    const r = await runCliAsync(['batch', '--synthesize', '2073', '--seed', '1', '--policy', 'luanchuan', '--date', '2024-07-01', '--out', join(tmp, 'county.parquet'), '--docs', docs], { timeoutMs: 300_000 });
    expect(r.status).toBe(0);
    const page = readFileSync(join(docs, 'luanchuan-budget.md'), 'utf8');
    expect(page).toContain('估算，不是统计数据');
    expect(page).toContain('栾政〔2023〕18号 四（四）');
    expect(page).toContain('生育补助');
    // the claimable rows' amount beside their count (the page gave only the 适用 rows' total next to 可领取):
    // the same figures as the batch summary of this county (可领取 93 rows, 94000.00 元)
    expect(page).toContain('| 生育补助 | 四（一） | 127 | 344 | 1602 | 93 | 生育补助金额（一次性） | 128000.00 | 128000.00 | 94000.00 |');
    // the measures about other entities are named as not estimated (the table is not the whole budget)
    expect(page).toMatch(/没有估算的措施（对象不是「家庭」，合成人口中没有这些对象）：.*辅食营养补充品（四（二），婴幼儿）/);
    await expect(page).toMatchFileSnapshot(join(REPO_DIR, 'generated/docs/budget/luanchuan-budget.md'));
    // the docs index links it (a policy with a population profile), and only such policies
    for (const ext of ['md', 'html']) {
      const index = readFileSync(join(REPO_DIR, 'generated', 'docs', `index.${ext}`), 'utf8');
      expect(index).toContain(ext === 'md' ? '](budget/luanchuan-budget.md)' : 'href="budget/luanchuan-budget.md"');
      expect(index).not.toContain('budget/sample-budget.md');
    }
  }, 300_000);

  it('a bad value inside a nested list is one ZC1202 error naming the row and the element column; nothing is written', async () => {
    const bad = join(tmp, 'bad.parquet');
    await duckRows(`COPY (SELECT * FROM (VALUES (1, [{'出生日期': '2020-01-01', '同胎序号': 1}]), (2, [{'出生日期': '2021-02-03', '同胎序号': 1}, {'出生日期': '2021-13-01', '同胎序号': 1}])) AS t("编号", "子女")) TO '${bad}' (FORMAT PARQUET)`);
    const out = join(tmp, 'bad-out.parquet');
    const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', bad, '--out', out], { timeoutMs: 300_000 });
    expect(r.stderr).toContain('ZC1202');
    expect(r.stderr).toContain('第 2 行');
    expect(r.stderr).toContain('子女[1].出生日期');
    expect(r.stderr).toContain('2021-13-01');
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes('zc-tmp') || f.includes('zc-final'))).toEqual([]);
  }, 300_000);

  it('an --out that is neither a known file format nor a table name is refused before any work (usage error, nothing written)', async () => {
    const out = join(tmp, 'decisions.txt');
    const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', join(tmp, 'absent.parquet'), '--out', out], { timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--out“${out}”既不是 .parquet、.csv、.jsonl、.ndjson、.json 文件，也不是表名`);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('quoted table names in a DuckDB file: --in "Households 2024", --out "Decisions ""2024""" (case and spaces kept, no temporary table left); a name that is not one is refused', async () => {
    const flat = join(tmp, 'flat-q.csv');
    writeFileSync(flat, '编号,子女数,丈夫户籍在本县\n1,2,true\n2,3,false\n3,1,true\n');
    const file = join(tmp, 'quoted.duckdb');
    {
      const inst = await DuckDBInstance.create(file);
      const con = await inst.connect();
      await con.run(`CREATE TABLE "Households 2024" AS SELECT * FROM read_csv('${flat}')`);
      con.closeSync();
      inst.closeSync();
    }
    const out = '"Decisions ""2024"""';
    const r = await runCliAsync(['batch', '--policy', 'sample', '--date', '2024-07-01', '--db', `duckdb:${file}`, '--in', '"Households 2024"', '--out', out, '--events', 'none'], { timeoutMs: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain(`决定写入 表 ${out}`);
    const inst = await DuckDBInstance.create(file);
    const con = await inst.connect();
    const tables = (await con.runAndReadAll(`SELECT table_name FROM information_schema.tables ORDER BY 1`)).getRows().map((x) => String(x[0]));
    expect(tables).toEqual(['Decisions "2024"', 'Households 2024']);
    const n = (await con.runAndReadAll(`SELECT count(*) FROM ${out}`)).getRows()[0]![0];
    expect(Number(n)).toBe(3);
    con.closeSync();
    inst.closeSync();
    for (const bad of ['x; DROP TABLE y', '"unclosed', 'a.b.c']) {
      const r2 = await runCliAsync(['batch', '--policy', 'sample', '--date', '2024-07-01', '--db', `duckdb:${file}`, '--in', '"Households 2024"', '--out', bad, '--events', 'none'], { timeoutMs: 120_000 });
      expect(r2.status, r2.stderr).toBe(2);
      expect(r2.stderr).toContain(`--out“${bad}”既不是 .parquet、.csv、.jsonl、.ndjson、.json 文件，也不是表名（表名：[模式.]名称`);
    }
    const r3 = await runCliAsync(['batch', '--policy', 'sample', '--date', '2024-07-01', '--db', `duckdb:${file}`, '--in', 'x; DROP TABLE y', '--events', 'none'], { timeoutMs: 120_000 });
    expect(r3.status, r3.stderr).toBe(2);
    expect(r3.stderr).toContain('--in“x; DROP TABLE y”既不是文件或目录，也不是表名');
    // without a database file: a table name is neither read nor written silently into the run's own temporary database
    const r4 = await runCliAsync(['batch', '--policy', 'sample', '--date', '2024-07-01', '--in', '"Households 2024"', '--events', 'none'], { timeoutMs: 120_000 });
    expect(r4.status, r4.stderr).toBe(1);
    expect(r4.stderr).toContain('输入“"Households 2024"”不是文件或目录；要读数据库中的表，请用 --db duckdb:文件 或 --db postgres://…');
    const r5 = await runCliAsync(['batch', '--policy', 'sample', '--date', '2024-07-01', '--in', flat, '--out', '决定', '--events', 'none'], { timeoutMs: 120_000 });
    expect(r5.status, r5.stderr).toBe(2);
    expect(r5.stderr).toContain('--out 表“决定”要写进一个数据库：请加 --db duckdb:文件');
  }, 300_000);

  it('CSV for an entity with lists is ZC1206 (needs nested input); a flat policy CSV with a bad value names row and column', async () => {
    const csv = join(tmp, 'family.csv');
    writeFileSync(csv, '编号,居住地\n1,栾川县\n');
    const out = join(tmp, 'csv-out.parquet');
    const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--in', csv, '--out', out], { timeoutMs: 300_000 });
    expect(r.stderr).toContain('ZC1206');
    expect(r.stderr).toContain('子女');
    expect(r.stderr).toContain('Parquet');
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    const flat = join(tmp, 'flat.csv');
    writeFileSync(flat, '编号,子女数,丈夫户籍在本县\n1,2,true\n2,两个,false\n');
    const r2 = await runCliAsync(['batch', '--policy', 'sample', '--date', '2024-07-01', '--in', flat, '--out', out], { timeoutMs: 300_000 });
    expect(r2.stderr).toContain('ZC1202');
    expect(r2.stderr).toContain('子女数');
    expect(r2.stderr).toContain('第 2 行');
    expect(r2.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  }, 300_000);
});
