/**
 * `zhengce batch` as a new user tries it (issue 11 acceptance, session 20): the neighbours of the
 * documented flow that used to go wrong, through the built CLI.
 *   - a repeated 编号 (CSV, JSON Lines, a table) was evaluated once per copy — a household twice
 *     in the budget (2 rows with one 编号 gave 4 decision rows): now one ZC1202 naming both rows;
 *   - an existing table (DuckDB file, PostgreSQL) was not validated at all: a bad value was
 *     evaluated (−3 children) or failed as a raw SQL error, an unknown column was ignored — now
 *     one ZC1202 naming the row (its 编号) and column, as for files; a missing column is unknown;
 *   - a list's presence column given as false read as "given, empty" (→ 不适用 instead of 存疑):
 *     now refused (true or NULL);
 *   - an empty CSV said its column "column0" was not a column; now it says the file is empty;
 *   - `--synthesize … --out x.jsonl` wrote JSON Lines that `batch --in x.jsonl` refused (null
 *     for unknown): null is now unknown there too, and the summary equals the Parquet run's;
 *   - `--synthesize … --out x.csv` for an entity with lists wrote lists as unreadable text: ZC1206.
 * In every error case nothing is written (the output file or table does not exist afterwards).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { PG_URL, duckRows, pgClient } from './engines.js';
import { REPO_DIR } from '../helpers/golden.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-batch-accept-');
beforeAll(() => {
  ensureDist();
});

const batch = (args: string[]) => runCliAsync(['batch', '--events', 'none', ...args], { timeoutMs: 300_000 });

/** A refused run: exit 1 and no output file at `out`. */
function expectRefused(r: { status: number | null }, out: string): void {
  expect(r.status).toBe(1);
  expect(existsSync(out)).toBe(false);
}

async function duckFile(path: string, sql: string): Promise<void> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  try {
    await c.run(sql);
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}

describe('zhengce batch: input a new user gets wrong', () => {
  it('--out naming a directory is refused before any work, and nothing is left beside it (it failed only at the final rename, leaving .zc-final-*)', async () => {
    const dir = join(tmp, 'out-dir');
    mkdirSync(join(dir, 'out.csv'), { recursive: true });
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, '编号,子女数,丈夫户籍在本县\n1,2,true\n');
    const r = await batch(['--policy', 'sample', '--date', '2024-07-01', '--in', csv, '--out', join(dir, 'out.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--out“${join(dir, 'out.csv')}”是一个目录：请给一个文件名`);
    expect(readdirSync(dir).sort()).toEqual(['in.csv', 'out.csv']);
    expect(readdirSync(join(dir, 'out.csv'))).toEqual([]);
  });

  it('a repeated 编号 in a CSV or JSON Lines file is one ZC1202 naming both rows; nothing is written', async () => {
    const csv = join(tmp, 'dup.csv');
    writeFileSync(csv, '编号,子女数,丈夫户籍在本县\n1,2,true\n2,3,true\n1,3,true\n');
    const out = join(tmp, 'dup-out.csv');
    const r = await batch(['--policy', 'sample', '--date', '2024-07-01', '--in', csv, '--out', out]);
    expect(r.stderr).toContain('错误[ZC1202]: 输入文件');
    expect(r.stderr).toContain('第 3 行（数据行）的“编号”（1）与第 1 行重复');
    expectRefused(r, out);
    expect(existsSync(join(tmp, 'dup-out.summary.json'))).toBe(false);
    const jsonl = join(tmp, 'dup.jsonl');
    writeFileSync(jsonl, '{"编号": 7, "子女": []}\n{"编号": 8, "子女": []}\n{"编号": 7, "子女": []}\n');
    const out2 = join(tmp, 'dup-out.parquet');
    const r2 = await batch(['--policy', 'luanchuan', '--date', '2024-07-01', '--in', jsonl, '--out', out2]);
    expect(r2.stderr).toContain('第 3 行的“编号”（7）与第 1 行重复');
    expectRefused(r2, out2);
  }, 300_000);

  it('an empty CSV says it is empty (not that "column0" is no column); a header alone is 0 rows', async () => {
    const empty = join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    const out = join(tmp, 'empty-out.csv');
    const r = await batch(['--policy', 'sample', '--date', '2024-07-01', '--in', empty, '--out', out]);
    expect(r.stderr).toContain('是空的：CSV 文件至少要有表头行');
    expect(r.stderr).not.toContain('column0');
    expectRefused(r, out);
    const header = join(tmp, 'header.csv');
    writeFileSync(header, '\ufeff编号,子女数,丈夫户籍在本县\r\n');
    const r2 = await batch(['--policy', 'sample', '--date', '2024-07-01', '--in', header, '--out', out]);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stderr).toContain('（0 行');
    // a spreadsheet's export: UTF-8 BOM, CRLF line ends, Chinese column names
    const excel = join(tmp, 'excel.csv');
    writeFileSync(excel, '\ufeff编号,子女数,丈夫户籍在本县\r\n1,2,true\r\n2,3,true\r\n');
    const r3 = await batch(['--policy', 'sample', '--date', '2024-07-01', '--in', excel, '--out', out]);
    expect(r3.status, r3.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n').sort()).toEqual(['1,,,适用,,200000', '2,,,适用,,500000', '编号,废止日期,可能废止日期,生育补助.状态,生育补助.缺少,生育补助.补助金额（分）']);
  }, 300_000);

  it('a working-day deadline outside the calendar fails closed (ZC0805) naming the year, the start day and the count, so the row can be found; nothing written', async () => {
    const csv = join(tmp, 'nursery.csv');
    writeFileSync(csv, '编号,收到备案材料日期,所在地\n1,2026-12-10,栾川县\n2,2026-12-25,栾川县\n');
    const out = join(tmp, 'nursery-out.csv');
    const r = await batch(['--policy', 'luanchuan', '--entity', '托育机构', '--date', '2027-02-01', '--in', csv, '--out', out]);
    expect(r.stderr).toContain('错误[ZC0805]: 没有2027年的法定节假日和调休安排数据（chinese-days 只覆盖2004年至2026年），无法计算2026-12-25起15个工作日内的期限；不按周一至周五推测');
    expect(r.stderr).not.toMatch(/\bat \S+ \(/);
    expectRefused(r, out);
  }, 300_000);

  it('a list presence column given as false is refused (true or empty), naming row and column', async () => {
    const dir = join(tmp, 'tables');
    mkdirSync(dir);
    writeFileSync(join(dir, '家庭.csv'), '编号,夫妻,子女\n1,true,\n2,false,\n');
    writeFileSync(join(dir, '家庭.夫妻.csv'), '编号,序号,户籍\n1,0,栾川县\n');
    const out = join(tmp, 'presence-out.csv');
    const r = await batch(['--policy', 'luanchuan', '--date', '2024-07-01', '--in', dir, '--out', out]);
    expect(r.stderr).toContain('第 2 行（数据行）的列“夫妻”：期望true（已给出；不知道时留空/NULL，不能写 false），实际为 "false"');
    expectRefused(r, out);
  }, 300_000);

  it('--synthesize writes JSON Lines that batch reads back (null = unknown), with the Parquet run\'s summary; CSV for lists is ZC1206', async () => {
    const pq = join(tmp, 's.parquet');
    const jl = join(tmp, 's.jsonl');
    for (const f of [pq, jl]) {
      const r = await runCliAsync(['batch', '--synthesize', '300', '--seed', '5', '--policy', 'luanchuan', '--date', '2024-07-01', '--out', f], { timeoutMs: 300_000 });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(readFileSync(jl, 'utf8')).toContain('null');
    const sums = [];
    for (const f of [pq, jl]) {
      const summary = `${f}.summary.json`;
      const r = await batch(['--policy', 'luanchuan', '--date', '2024-07-01', '--in', f, '--summary', summary]);
      expect(r.status, r.stderr).toBe(0);
      sums.push((JSON.parse(readFileSync(summary, 'utf8')) as { 措施: unknown }).措施);
    }
    expect(sums[1]).toEqual(sums[0]);
    // per measure, the clause (label and anchor) and, when it is not the entity evaluated, who is paid
    // (the same for every row: the interpreter's decision has them per measure, not per case)
    const byName = new Map((sums[0] as { 措施: string; 条款: string; 发放对象?: string }[]).map((m) => [m.措施, m]));
    expect(byName.get('公积金租房提取上浮')).toMatchObject({ 条款: '四（七）（sec_4__subsec_7）', 发放对象: '缴存住房公积金的夫妻一方（提取申请人）' });
    expect(byName.get('生育补助')?.发放对象).toBeUndefined();
    const csv = join(tmp, 's.csv');
    const r = await runCliAsync(['batch', '--synthesize', '30', '--seed', '5', '--policy', 'luanchuan', '--out', csv], { timeoutMs: 300_000 });
    expect(r.stderr).toContain('错误[ZC1206]');
    expect(r.stderr).toContain('子女');
    expect(r.status).toBe(1);
    expect(existsSync(csv)).toBe(false);
  }, 300_000);

  it('a table in a DuckDB file is validated like a file: bad value (编号 and column), unknown column, repeated 编号; missing column unknown; nothing written', async () => {
    const file = join(tmp, 'county.duckdb');
    await duckFile(file, `CREATE TABLE "户" ("编号" BIGINT, "子女数" INTEGER, "丈夫户籍在本县" VARCHAR);
      INSERT INTO "户" VALUES (1, 2, 'true'), (2, 3, '是'), (3, 1, 'false');`);
    const run = () => batch(['--policy', 'sample', '--date', '2024-07-01', '--db', `duckdb:${file}`, '--in', '户', '--out', '决定']);
    const outTables = async () => (await duckRows(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '决定%'`, file)).length;
    const r1 = await run();
    expect(r1.stderr).toContain('错误[ZC1202]: 输入表“户”中 编号 = 2 的行，列“丈夫户籍在本县”：期望是否（true/false），实际为 "是"');
    expect(r1.status).toBe(1);
    expect(await outTables()).toBe(0);
    await duckFile(file, `UPDATE "户" SET "丈夫户籍在本县" = 'true' WHERE "编号" = 2; UPDATE "户" SET "子女数" = -3 WHERE "编号" = 3;`);
    const r2 = await run();
    expect(r2.stderr).toContain('中 编号 = 3 的行，列“子女数”：期望非负整数，实际为 "-3"');
    expect(r2.status).toBe(1);
    await duckFile(file, `UPDATE "户" SET "子女数" = 1 WHERE "编号" = 3; INSERT INTO "户" VALUES (2, 1, 'true');`);
    const r3 = await run();
    expect(r3.stderr).toContain('输入表“户”中“编号”（2）有不止一行');
    expect(r3.status).toBe(1);
    await duckFile(file, `DELETE FROM "户" WHERE "编号" = 2 AND "子女数" = 1; ALTER TABLE "户" ADD COLUMN "子女" INTEGER;`);
    const r4 = await run();
    expect(r4.stderr).toContain('输入表“户”的列“子女”不是表“家庭”的列');
    expect(r4.status).toBe(1);
    expect(await outTables()).toBe(0);
    // a mistyped database path: said so, and no empty database file is left behind
    const typo = join(tmp, 'countty.duckdb');
    const r6 = await batch(['--policy', 'sample', '--date', '2024-07-01', '--db', `duckdb:${typo}`, '--in', '户', '--out', '决定']);
    expect(r6.stderr).toContain(`错误[ZC1204]: DuckDB 数据库文件“${typo}”不存在`);
    expect(r6.status).toBe(1);
    expect(existsSync(typo)).toBe(false);
    // a missing column is unknown, as in a file: 存疑 naming it (the facts under the definition 「夫妻至少一方户籍在本县」: neither spouse's 户籍 is known)
    await duckFile(file, `ALTER TABLE "户" DROP COLUMN "子女"; ALTER TABLE "户" DROP COLUMN "丈夫户籍在本县";`);
    const r5 = await run();
    expect(r5.status, r5.stderr).toBe(0);
    const rows = await duckRows(`SELECT "编号", "生育补助.状态" AS s, CAST("生育补助.缺少" AS VARCHAR) AS q FROM "决定" ORDER BY 1`, file);
    expect(rows).toEqual([1, 2, 3].map((k) => ({ 编号: String(k), s: k === 3 ? '不适用' : '存疑', q: k === 3 ? null : '[家庭.丈夫户籍在本县, 家庭.妻子户籍在本县]' })));
  }, 300_000);

  it('an output table holds what an output file holds, under the same names (DuckDB); PostgreSQL names each column in its comment', async () => {
    const file = join(tmp, 'out-names.duckdb');
    const pq = join(tmp, 'names.parquet');
    const r0 = await runCliAsync(['batch', '--synthesize', '200', '--seed', '9', '--policy', 'luanchuan', '--date', '2024-07-01', '--out', pq], { timeoutMs: 300_000 });
    expect(r0.status, r0.stderr).toBe(0);
    const csv = join(tmp, 'names-out.csv');
    const r1 = await batch(['--policy', 'luanchuan', '--date', '2024-07-01', '--in', pq, '--out', csv]);
    expect(r1.status, r1.stderr).toBe(0);
    const r2 = await batch(['--policy', 'luanchuan', '--date', '2024-07-01', '--db', `duckdb:${file}`, '--in', pq, '--out', '决定']);
    expect(r2.status, r2.stderr).toBe(0);
    // the table written out as CSV by DuckDB is the CSV file, line for line (header included)
    const again = join(tmp, 'names-again.csv');
    await duckFile(file, `COPY "决定" TO '${again}' (HEADER)`);
    const lines = (f: string) => readFileSync(f, 'utf8').trimEnd().split('\n');
    const [head, ...rest] = lines(again);
    const [head0, ...rest0] = lines(csv);
    expect(head).toBe(head0);
    expect(head).toContain('生育补助.申请');
    expect(head).toContain('废止日期');
    expect(rest.sort()).toEqual(rest0.sort());
    expect(rest.length).toBe(200);
  }, 300_000);

  it('a PostgreSQL table is validated like a file: a date given as text that is no date, repeated list element; nothing written', async () => {
    const c = await pgClient('表输入校验测试');
    if (!c) return;
    const schema = `zc_taccept_${process.pid}`;
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};
        CREATE TABLE ${schema}."户" ("编号" bigint PRIMARY KEY, "子女" boolean, "居住地" text);
        CREATE TABLE ${schema}."户.子女" ("编号" bigint, "序号" int, "出生日期" text, "同胎序号" bigint);
        INSERT INTO ${schema}."户" VALUES (1, TRUE, '栾川县'), (2, TRUE, '栾川县');
        INSERT INTO ${schema}."户.子女" VALUES (1, 0, '2020-01-01', 1), (2, 0, '2024-02-30', 1);`);
      const run = () => batch(['--policy', 'luanchuan', '--date', '2024-07-01', '--db', PG_URL, '--in', `${schema}."户"`, '--out', `${schema}."决定"`]);
      const out = async () => (await c.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = '${schema}' AND table_name LIKE '决定%'`)).rowCount;
      const r1 = await run();
      expect(r1.stderr).toContain(`错误[ZC1202]: 输入表“${schema}."户.子女"”中 编号 = 2、序号 = 0 的行，列“出生日期”：期望不晚于评估日期的日期（YYYY-MM-DD），实际为 "2024-02-30"`);
      expect(r1.status).toBe(1);
      expect(await out()).toBe(0);
      await c.query(`UPDATE ${schema}."户.子女" SET "出生日期" = '2024-02-29' WHERE "编号" = 2; INSERT INTO ${schema}."户.子女" VALUES (2, 0, '2024-03-01', 1)`);
      const r2 = await run();
      expect(r2.stderr).toContain('中“编号/序号”（2、0）有不止一行');
      expect(r2.status).toBe(1);
      expect(await out()).toBe(0);
      await c.query(`DELETE FROM ${schema}."户.子女" WHERE "出生日期" = '2024-03-01'`);
      const r3 = await run();
      expect(r3.status, r3.stderr).toBe(0);
      expect((await c.query(`SELECT count(*)::int AS n FROM ${schema}."决定"`)).rows[0].n).toBe(2);
      // the columns a file has, each named in its comment (PostgreSQL identifiers are ≤ 63 bytes)
      const comments = (await c.query(`SELECT a.attname AS col, col_description(a.attrelid, a.attnum) AS name FROM pg_attribute a WHERE a.attrelid = '${schema}."决定"'::regclass AND a.attnum > 0 ORDER BY a.attnum`)).rows as { col: string; name: string | null }[];
      expect(comments.slice(0, 8)).toEqual([{ col: '编号', name: null }, { col: '废止日期', name: null }, { col: '可能废止日期', name: null },
        { col: 'm0_状态', name: '计划生育家庭奖励扶助延续.状态' }, { col: 'm0_缺少', name: '计划生育家庭奖励扶助延续.缺少' }, { col: 'm0_0', name: '计划生育家庭奖励扶助延续.继续享受现行奖励扶助和优惠政策' },
        { col: 'm1_状态', name: '生育补助.状态' }, { col: 'm1_缺少', name: '生育补助.缺少' }]);
      expect(comments.map((x) => x.name)).toContain('生育补助.可领取');
    } finally {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }, 300_000);
});
