/**
 * ZC1208 against the real PostgreSQL server (ZC_PG_URL, 127.0.0.1): `zhengce batch --db
 * postgres://… --in TABLE` on input whose list tables have no index on the parent key (编号)
 * runs each list subquery as a scan of the whole list table per case — quadratic, and it used to
 * say nothing. Input: the county's input tables (generated/luanchuan/input.postgres.sql) in a
 * schema of its own, two households; 家庭.子女 without any key, 家庭.夫妻 with only an index on
 * 编号, 家庭.计划生育证件 with its primary key. Expected: one warning, for 家庭.子女 only, on
 * stderr in the diagnostic format with the exact fix statements, and in the JSON summary; the
 * batch still runs (exit 0). After the fix is applied: no warning.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { REPO_DIR } from '../helpers/golden.js';
import { PG_URL } from './engines.js';

const schema = `zc_t1208_${process.pid}`;
let tmp: string;
let client: pg.Client | undefined;
let unavailable: string | undefined;

beforeAll(async () => {
  ensureDist();
  tmp = mkdtempSync(join(tmpdir(), 'zhengce-zc1208-'));
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    client = c;
  } catch (e) {
    unavailable = `${PG_URL}: ${(e as Error).message}`;
    if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${unavailable}`);
  }
});
afterAll(async () => {
  if (client) {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('zhengce batch on PostgreSQL: list tables without an index on 编号 (ZC1208)', () => {
  it('names each unindexed list table with the exact fix, on stderr and in the summary; none once fixed', async () => {
    if (!client) {
      console.log(`PostgreSQL 没有运行（${unavailable}），ZC1208 测试没有运行`);
      return;
    }
    const c = client;
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    await c.query(readFileSync(join(REPO_DIR, 'generated', 'luanchuan', 'input.postgres.sql'), 'utf8'));
    await c.query(`ALTER TABLE "家庭.子女" DROP CONSTRAINT "家庭.子女_pkey"; ALTER TABLE "家庭.夫妻" DROP CONSTRAINT "家庭.夫妻_pkey"; CREATE INDEX ON "家庭.夫妻" ("编号")`);
    await c.query(`INSERT INTO "家庭" ("编号", "夫妻", "子女", "居住地", "计划生育证件") VALUES (1, TRUE, TRUE, '栾川县', TRUE), (2, NULL, TRUE, '栾川县', NULL);
      INSERT INTO "家庭.夫妻" VALUES (1, 0, '栾川县', TRUE), (1, 1, '县外', NULL);
      INSERT INTO "家庭.子女" ("编号", "序号", "出生日期", "同胎序号", "户籍") VALUES (1, 0, '2019-03-01', 1, '栾川县'), (1, 1, '2024-02-01', 1, '栾川县'), (2, 0, '2023-12-01', 1, NULL)`);
    const run = async (n: number) => {
      const summary = join(tmp, `s${n}.json`);
      const r = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--db', PG_URL, '--in', `${schema}."家庭"`, '--summary', summary, '--events', 'none'], { timeoutMs: 120_000 });
      return { ...r, summary: JSON.parse(readFileSync(summary, 'utf8')) as { 行数: number; 诊断?: { 代码: string; 消息: string; 修复: string }[] } };
    };
    const r1 = await run(1);
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.summary.行数).toBe(2);
    const fix = `ALTER TABLE ${schema}."家庭.子女" ADD PRIMARY KEY ("编号", "序号");`;
    expect(r1.stderr.match(/警告\[ZC1208\]/g)?.length).toBe(1);
    expect(r1.stderr).toContain(`警告[ZC1208]: 列表子表 ${schema}."家庭.子女"`);
    expect(r1.stderr).toContain(`修复建议: ${fix}`);
    expect(r1.stderr).toContain(`修复建议: CREATE INDEX ON ${schema}."家庭.子女" ("编号", "序号");`);
    expect(r1.stderr).toContain('共 0 个错误，1 个警告');
    expect(r1.summary.诊断?.map((x) => x.代码)).toEqual(['ZC1208']);
    expect(r1.summary.诊断?.[0]?.修复.split('\n')[0]).toBe(fix);
    // the fix as given is valid SQL and silences the warning
    await c.query(fix);
    const r2 = await run(2);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stderr).not.toContain('ZC1208');
    expect(r2.summary.诊断).toBeUndefined();
    // --out a file with --db postgres: refused before any work with a clear message (was a raw
    // "syntax error at or near /" from the server after the whole run), and nothing is written
    const file = join(tmp, 'decisions.csv');
    const r3 = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--db', PG_URL, '--in', `${schema}."家庭"`, '--out', file, '--events', 'none'], { timeoutMs: 120_000 });
    expect(r3.status, r3.stderr).toBe(2);
    expect(r3.stderr).toContain(`--db postgres 时 --out 应为表名（如 决定 或 模式.决定），不能是文件“${file}”`);
    expect(existsSync(file)).toBe(false);
    // --out a quoted table name: written with its case and spaces, replaced on a second run, no temporary table left
    const out = `${schema}."Decisions ""2024"""`;
    for (let k = 0; k < 2; k++) {
      const r4 = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--db', PG_URL, '--in', `${schema}."家庭"`, '--out', out, '--events', 'none'], { timeoutMs: 120_000 });
      expect(r4.status, r4.stderr).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM ${out}`)).rows[0].n).toBe(2);
    }
    const tables = (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND (table_name LIKE '%Decisions%' OR table_name LIKE '%zc_tmp%') ORDER BY 1`, [schema])).rows.map((x) => x.table_name);
    expect(tables).toEqual(['Decisions "2024"']);
    // an --in that is not a table name is refused before any work
    const r5 = await runCliAsync(['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--db', PG_URL, '--in', `${schema}.家庭; DROP TABLE x`, '--events', 'none'], { timeoutMs: 120_000 });
    expect(r5.status, r5.stderr).toBe(2);
    expect(r5.stderr).toContain(`--in“${schema}.家庭; DROP TABLE x”不是表名`);
  }, 240_000);
});
