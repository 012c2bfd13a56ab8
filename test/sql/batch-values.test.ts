/**
 * One rule for a value, whichever way it reaches the policy (session 25, loose ends users met):
 *  - an integer is a number whose fractional part is zero — what `zhengce eval` (JSON/YAML read 3.0
 *    as 3), the generated evaluator and its JSON Schema ("type": "integer", draft 2020-12) take —
 *    so `zhengce batch` takes 子女数 = 3.0 in CSV, flat JSON Lines, a Parquet DOUBLE column and a
 *    PostgreSQL table (it refused each), and still refuses 3.5;
 *  - a ratio is written "50%" / "4.8‰" on input (eval's and the JSON Schema's form: flat inputs took
 *    only the SQL layout's "n/d") and "50%", "33.(3)%" in the decisions batch writes, as eval writes
 *    them (batch wrote the SQL view's "1/2"), for flat and nested inputs alike.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as sample from '../../generated/sample/index.js';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { tmpDirForFile } from '../helpers/tmp.js';
import { PG_URL, duckRows, pgClient } from './engines.js';

const tmp = tmpDirForFile('zhengce-batch-values-');
beforeAll(() => {
  ensureDist();
});

const batch = (args: string[]) => runCliAsync(['batch', '--events', 'none', '--date', '2024-07-01', ...args], { timeoutMs: 120_000 });
const jsonl = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('an integer value written 3.0 is the integer 3 in every input; 3.5 is refused', () => {
  /** sample's 家庭 (子女数 整数) in each flat format: 子女数 written `v` on data row 2. */
  const write = async (format: 'csv' | 'jsonl' | 'parquet', name: string, v: string): Promise<string> => {
    const f = join(tmp, `${name}.${format}`);
    if (format === 'csv') writeFileSync(f, `编号,子女数\n1,1\n2,${v}\n`);
    else if (format === 'jsonl') writeFileSync(f, `{"编号":1,"子女数":1}\n{"编号":2,"子女数":${v}}\n`);
    else await duckRows(`COPY (SELECT * FROM (VALUES (1, CAST(1 AS DOUBLE)), (2, CAST(${v} AS DOUBLE))) AS t("编号", "子女数")) TO '${f}' (FORMAT PARQUET)`);
    return f;
  };

  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`${format}: 3.0 gives the decisions of 3; 3.5 is one ZC1202 naming row and column; nothing written`, async () => {
      const outs: Record<string, unknown>[][] = [];
      for (const v of ['3', '3.0']) {
        const out = join(tmp, `out-${format}-${v}.jsonl`);
        const r = await batch(['--policy', 'sample', '--entity', '家庭', '--in', await write(format, `in-${format}-${v}`, v), '--out', out]);
        expect(r.status, r.stderr).toBe(0);
        outs.push(jsonl(out));
      }
      expect(outs[1]).toEqual(outs[0]);
      const input = await write(format, `in-${format}-bad`, '3.5');
      const r = await batch(['--policy', 'sample', '--entity', '家庭', '--in', input, '--out', join(tmp, `out-${format}-bad.jsonl`)]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`错误[ZC1202]: 输入文件“${input}”第 2 行（数据行）的列“子女数”：期望非负整数，实际为 ${format === 'csv' || format === 'parquet' ? '"3.5"' : '3.5'}`);
    });
  }

  it('an 编号 written 2.0 is the case 2, and a repeat of 2 (2 and 2.0 are one key)', async () => {
    const f = join(tmp, 'key.csv');
    writeFileSync(f, '编号,子女数\n1,1\n2.0,3\n');
    const out = join(tmp, 'key-out.jsonl');
    expect((await batch(['--policy', 'sample', '--entity', '家庭', '--in', f, '--out', out])).status).toBe(0);
    expect(jsonl(out).map((r) => r['编号'])).toEqual([1, 2]);
    writeFileSync(f, '编号,子女数\n2,1\n2.0,3\n');
    const r = await batch(['--policy', 'sample', '--entity', '家庭', '--in', f, '--out', out]);
    expect(r.stderr).toContain('第 2 行（数据行）的“编号”（2）与第 1 行重复');
  });

  it('eval and the generated evaluator take 3.0 as 3 and refuse 3.5 (the rule batch now follows)', async () => {
    const status = (facts: unknown) => sample.evaluate(facts as Parameters<typeof sample.evaluate>[0], '2024-07-01', []).决定.find((d) => d.措施 === '生育补助')!;
    expect(status(JSON.parse('{"家庭":{"子女数":3.0,"丈夫户籍在本县":true}}'))).toEqual(status({ 家庭: { 子女数: 3, 丈夫户籍在本县: true } }));
    expect(() => status(JSON.parse('{"家庭":{"子女数":3.5}}'))).toThrow();
    const good = join(tmp, 'case-3.0.yaml');
    writeFileSync(good, '政策: sample\n事实:\n  家庭: {子女数: 3.0}\n');
    const bad = join(tmp, 'case-3.5.yaml');
    writeFileSync(bad, '政策: sample\n事实:\n  家庭: {子女数: 3.5}\n');
    const [g, b] = await Promise.all([good, bad].map((c) => runCliAsync(['eval', '--events', 'none', '--date', '2024-07-01', c], { timeoutMs: 120_000 })));
    expect(g!.status, g!.stderr).toBe(0);
    expect(b!.status).toBe(1);
    expect(b!.stderr).toContain('错误[ZC0804]');
  });

  it('PostgreSQL tables: 3.0 (numeric or text) is 3, 3.5 is refused naming the row by its key as the data has it (编号 = 2, not 2.0 as a numeric column holds it)', async () => {
    const c = await pgClient('整数 3.0 的表输入测试');
    if (!c) return;
    const schema = `zc_tint_${process.pid}`;
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};
        CREATE TABLE ${schema}."家庭" ("编号" numeric PRIMARY KEY, "子女数" numeric);
        CREATE TABLE ${schema}."家庭文字" ("编号" text PRIMARY KEY, "子女数" text);
        INSERT INTO ${schema}."家庭" VALUES (1, 1), (2.0, 3.0);
        INSERT INTO ${schema}."家庭文字" VALUES ('1', '1'), ('2.0', '3.0');`);
      const run = (t: string) => batch(['--policy', 'sample', '--entity', '家庭', '--db', PG_URL, '--in', `${schema}."${t}"`, '--out', `${schema}."决定${t}"`]);
      for (const t of ['家庭', '家庭文字']) {
        const r = await run(t);
        expect(r.status, r.stderr).toBe(0);
        expect((await c.query(`SELECT "编号"::int AS k FROM ${schema}."决定${t}" ORDER BY 1`)).rows).toEqual([{ k: 1 }, { k: 2 }]);
      }
      await c.query(`UPDATE ${schema}."家庭" SET "子女数" = 3.5 WHERE "编号" = 2`);
      const r = await run('家庭');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`中 编号 = 2 的行，列“子女数”：期望非负整数，实际为 "3.5"`);
    } finally {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });
});

describe('a ratio: "50%" in, "50%" out — as eval', () => {
  const policy = 'test/sql/fixtures/ratio-io';
  const ratioBatch = (args: string[]) => runCliAsync(['batch', '--events', 'none', '--date', '2025-07-01', '--paths', policy, ...args], { timeoutMs: 120_000 });

  it('flat input (CSV, JSON Lines): "12.5%", "4.8‰", "0%" and the layout\'s "1/2" are read exactly; the decisions write eval\'s text', async () => {
    const csv = join(tmp, 'ratio.csv');
    writeFileSync(csv, '编号,已登记,上浮比例\n1,true,12.5%\n2,true,4.8‰\n3,true,0%\n4,true,1/2\n5,false,\n');
    const json = join(tmp, 'ratio.jsonl');
    writeFileSync(json, ['{"编号":1,"已登记":true,"上浮比例":"12.5%"}', '{"编号":2,"已登记":true,"上浮比例":"4.8‰"}', '{"编号":3,"已登记":true,"上浮比例":"0%"}', '{"编号":4,"已登记":true,"上浮比例":"1/2"}', '{"编号":5,"已登记":false}'].join('\n'));
    for (const input of [csv, json]) {
      const out = join(tmp, `ratio-out-${input.endsWith('csv') ? 'csv' : 'json'}.jsonl`);
      const r = await ratioBatch(['--in', input, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      expect(jsonl(out).map((x) => [x['限额上浮.上浮'], x['限额上浮.补充']])).toEqual([
        ['12.5%', '33.(3)%'], ['0.48%', '33.(3)%'], ['0%', '33.(3)%'], ['50%', '33.(3)%'], [null, null],
      ]);
    }
    // eval writes the same texts for the same facts
    const caseFile = join(tmp, 'ratio-case.yaml');
    writeFileSync(caseFile, '政策: ratio-io\n事实:\n  家庭: {已登记: true, 上浮比例: "4.8‰"}\n');
    const e = await runCliAsync(['eval', '--events', 'none', '--date', '2025-07-01', '--paths', policy, caseFile], { timeoutMs: 120_000 });
    const outcome = (JSON.parse(e.stdout) as { 决定: { 结果: Record<string, { 值: string }> }[] }).决定[0]!.结果;
    expect([outcome['上浮']!.值, outcome['补充']!.值]).toEqual(['0.48%', '33.(3)%']);
  });

  it('a ratio eval refuses is refused, in eval\'s words', async () => {
    const csv = join(tmp, 'ratio-bad.csv');
    writeFileSync(csv, '编号,已登记,上浮比例\n1,true,50\n');
    const r = await ratioBatch(['--in', csv, '--out', join(tmp, 'ratio-bad.jsonl')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('第 1 行（数据行）的列“上浮比例”：期望比例（如 "50%"、"4.8‰"），实际为 "50"');
  });

  it('nested input (JSON Lines through the interpreter\'s validation) and tables write the same text: 租房提取限额上浮比例 "50%"', async () => {
    const pop = join(tmp, 'pop.jsonl');
    expect((await runCliAsync(['batch', '--synthesize', '300', '--seed', '3', '--policy', 'luanchuan', '--out', pop], { timeoutMs: 120_000 })).status).toBe(0);
    const out = join(tmp, 'pop-out.jsonl');
    const r = await batch(['--policy', 'luanchuan', '--in', pop, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const values = new Set(jsonl(out).map((x) => x['公积金租房提取上浮.租房提取限额上浮比例']));
    expect(values).toEqual(new Set([null, '50%']));
    // a DuckDB table output holds the same text
    const db = join(tmp, 'out.duckdb');
    expect((await batch(['--policy', 'luanchuan', '--in', pop, '--db', `duckdb:${db}`, '--out', '决定'])).status).toBe(0);
    const rows = await duckRows('SELECT DISTINCT "公积金租房提取上浮.租房提取限额上浮比例" AS v FROM "决定" WHERE "公积金租房提取上浮.租房提取限额上浮比例" IS NOT NULL', db);
    expect(rows).toEqual([{ v: '50%' }]);
  });
});
