/**
 * `zhengce batch` takes a number exactly when `zhengce eval` does (session 26): an integer (整数, a
 * count, 编号) is at most 2^53 − 1 in magnitude — eval's Number.isSafeInteger, the JSON Schema's
 * minimum/maximum — and may be written as JSON writes a number (1.0, 1e15, 1.5E+1); 金额 is at most
 * 2^53 − 1 fen. batch capped integers at 15 digits (refusing 1e15 and everything from
 * 1,000,000,000,000,000 to 2^53 − 1, which eval takes) and took 金额 up to 99,999,999,999,999.99 元
 * (about 10^16 fen, beyond 2^53, which eval refuses).
 * Each value is checked against eval (the interpreter, in process) and against batch reading it from
 * CSV, JSON Lines, Parquet, a DuckDB table and a PostgreSQL table; a refusal names row and column.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCliAsync } from '../helpers/dist.js';
import { tmpDirForFile } from '../helpers/tmp.js';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { PG_URL, duckRows, pgClient } from './engines.js';
import { loadGeneratedEvaluator } from '../../compiler/emit/load.js';
import { MONEY_NUMBER_EXACT } from '../../compiler/interpret/validate.js';

const POLICY = 'test/sql/fixtures/number-limits';
const tmp = tmpDirForFile('zhengce-batch-limits-');
beforeAll(() => {
  ensureDist();
});

/** 家庭's fields (fixture): 人数 整数, 增减 整数 可为负, 存款 金额, 收支 金额 可为负. */
type Col = '人数' | '增减' | '存款' | '收支';
const COLS: readonly Col[] = ['人数', '增减', '存款', '收支'];
const isMoney = (c: Col) => c === '存款' || c === '收支';
const MAX = Number.MAX_SAFE_INTEGER;

/** A value as written, and what it is (an integer, or fen) — or undefined when both refuse it. */
const ACCEPTED: readonly [Col, string, number][] = [
  ['人数', '9007199254740991', MAX],
  ['人数', '9007199254740991.0', MAX],
  ['人数', '1e15', 1e15],
  ['人数', '1E+15', 1e15],
  ['人数', '1.5e1', 15],
  ['人数', '1.0', 1],
  ['人数', '-0', 0],
  ['增减', '-9007199254740991', -MAX],
  ['增减', '-1e15', -1e15],
  ['存款', '90071992547409.91', MAX],
  ['收支', '-90071992547409.91', -MAX],
];
const REFUSED: readonly [Col, string][] = [
  ['人数', '9007199254740992'],
  ['人数', '9007199254740991.5'],
  ['人数', '1e16'],
  ['人数', '-1'],
  ['人数', '3.5'],
  ['增减', '-9007199254740992'],
  ['存款', '90071992547409.92'],
  ['存款', '-1'],
  ['收支', '-90071992547409.92'],
];

/** A JSON value of `text` as eval and JSON Lines take it: a number for an integer, eval's string for 金额. */
const json = (c: Col, text: string) => (isMoney(c) ? JSON.stringify(text) : text);

const batch = (args: string[]) => runCliAsync(['batch', '--events', 'none', '--date', '2025-07-01', '--paths', POLICY, ...args], { timeoutMs: 180_000 });

/** Run `jobs` at most `n` at a time. */
async function limited<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]!();
    }
  }));
  return out;
}

/** Rows of 家庭: 编号 1.. with one value each (`rows[i]` = [column, text]). */
function csv(rows: readonly (readonly [Col, string, ...number[]])[]): string {
  return `编号,${COLS.join(',')}\n${rows.map(([c, t], i) => [String(i + 1), ...COLS.map((x) => (x === c ? t : ''))].join(',')).join('\n')}\n`;
}
function jsonl(rows: readonly (readonly [Col, string, ...number[]])[]): string {
  return rows.map(([c, t], i) => `{"编号":${i + 1},"${c}":${json(c, t)}}`).join('\n') + '\n';
}
/** SQL rows (DuckDB and PostgreSQL): every column text. */
const sqlRows = (rows: readonly (readonly [Col, string, ...number[]])[]) => rows.map(([c, t], i) => `('${i + 1}', ${COLS.map((x) => (x === c ? `'${t}'` : 'NULL')).join(', ')})`).join(', ');
const createText = (table: string) => `CREATE TABLE ${table} ("编号" VARCHAR, ${COLS.map((c) => `"${c}" VARCHAR`).join(', ')})`;

/** The batch outcome for each row: the integer, or the fen of a 金额. */
const outcome = (out: string | Record<string, unknown>[]) => (typeof out === 'string' ? readLines(out) : out).map((r) => {
  const c = COLS.find((x) => r[`登记.${isMoney(x) ? `${x}（分）` : x}`] !== null)!;
  return [c, r[`登记.${isMoney(c) ? `${c}（分）` : c}`]] as const;
});
function readLines(f: string): Record<string, unknown>[] {
  // (integers up to 2^53 − 1 are exact JavaScript numbers)
  return readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('eval: the reference', () => {
  const ir = loadPolicies([POLICY], nodeHost).policies[0]!.ir!;
  const run = (c: Col, text: string) => evaluate(ir, JSON.parse(`{"家庭":{"${c}":${json(c, text)}}}`), '2025-07-01', []).决定[0]!.结果[c] as { 值: unknown; 分?: number };
  it('takes each accepted value, with its value', () => {
    for (const [c, text, v] of ACCEPTED) {
      const r = run(c, text);
      expect(isMoney(c) ? r.分 : r.值, `${c} ${text}`).toBe(v);
    }
  });
  it('refuses each refused value (ZC0804: an input problem)', () => {
    for (const [c, text] of REFUSED) expect(() => run(c, text), `${c} ${text}`).toThrow(/输入数据有 1 处问题/);
  });
});

describe('batch takes what eval takes, with the same value', () => {
  it('CSV, JSON Lines and Parquet (a DOUBLE column for the integers)', async () => {
    const files = { csv: join(tmp, 'ok.csv'), jsonl: join(tmp, 'ok.jsonl'), parquet: join(tmp, 'ok.parquet') };
    writeFileSync(files.csv, csv(ACCEPTED));
    writeFileSync(files.jsonl, jsonl(ACCEPTED));
    const cell = (c: Col, t: string | undefined) => (t === undefined ? 'NULL' : isMoney(c) ? `'${t}'` : `CAST('${t}' AS DOUBLE)`);
    const values = ACCEPTED.map(([c, t], i) => `(${i + 1}, ${COLS.map((x) => cell(x, x === c ? t : undefined)).join(', ')})`).join(', ');
    await duckRows(`COPY (SELECT * FROM (VALUES ${values}) AS t("编号", ${COLS.map((c) => `"${c}"`).join(', ')})) TO '${files.parquet}' (FORMAT PARQUET)`);
    const expected = ACCEPTED.map(([c, , v]) => [c, v]);
    const rs = await limited(3, Object.entries(files).map(([k, f]) => async () => {
      const out = join(tmp, `ok-${k}.out.jsonl`);
      const r = await batch(['--in', f, '--out', out]);
      return { k, r, out };
    }));
    for (const { k, r, out } of rs) {
      expect(r.status, `${k}: ${r.stderr}`).toBe(0);
      expect(outcome(out), k).toEqual(expected);
    }
  });

  it('a DuckDB table (text columns) and a PostgreSQL table (text columns; numeric for the integers)', async () => {
    const db = join(tmp, 'ok.duckdb');
    await duckRows(`${createText('"家庭"')}; INSERT INTO "家庭" VALUES ${sqlRows(ACCEPTED)}`, db);
    const expected = ACCEPTED.map(([c, , v]) => [c, v]);
    const d = await batch(['--db', `duckdb:${db}`, '--in', '家庭', '--out', join(tmp, 'ok-duck.out.jsonl')]);
    expect(d.status, d.stderr).toBe(0);
    expect(outcome(join(tmp, 'ok-duck.out.jsonl'))).toEqual(expected);
    const c = await pgClient('数的上下限的表输入测试');
    if (!c) return;
    const schema = `zc_limits_${process.pid}`;
    try {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};
        ${createText(`${schema}."家庭"`)}; INSERT INTO ${schema}."家庭" VALUES ${sqlRows(ACCEPTED)};
        CREATE TABLE ${schema}."家庭数" ("编号" numeric, "人数" numeric, "增减" numeric, "存款" numeric, "收支" numeric);
        INSERT INTO ${schema}."家庭数" SELECT "编号"::numeric, "人数"::numeric, "增减"::numeric, "存款"::numeric, "收支"::numeric FROM ${schema}."家庭";`);
      for (const t of ['家庭', '家庭数']) {
        const r = await batch(['--db', PG_URL, '--in', `${schema}."${t}"`, '--out', `${schema}."决定${t}"`]);
        expect(r.status, `${t}: ${r.stderr}`).toBe(0);
        const rows = (await c.query(`SELECT * FROM ${schema}."决定${t}" ORDER BY "编号"`)).rows as Record<string, unknown>[];
        // (a table's columns are named m0_0 … in the order of the results; bigint arrives as text)
        const n = (v: unknown) => (v === null ? null : Number(v));
        expect(outcome(rows.map((x) => ({ '登记.人数': n(x['m0_0']), '登记.增减': n(x['m0_1']), '登记.存款（分）': n(x['m0_2']), '登记.收支（分）': n(x['m0_3']) }))), t).toEqual(expected);
      }
    } finally {
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });
});

describe('batch refuses what eval refuses: one ZC1202 naming row and column', () => {
  const expectedLabel = (c: Col) => (isMoney(c) ? '金额（元，最多两位小数' : c === '增减' ? '整数' : '非负整数');
  it('CSV and JSON Lines: every refused value, on data row 2 after a good row', async () => {
    const jobs = REFUSED.flatMap(([c, t], i) => (['csv', 'jsonl'] as const).map((k) => async () => {
      const f = join(tmp, `bad-${i}.${k}`);
      const rows: [Col, string][] = [['人数', '1'], [c, t]];
      writeFileSync(f, k === 'csv' ? csv(rows) : jsonl(rows));
      const r = await batch(['--in', f, '--out', join(tmp, `bad-${i}-${k}.out.jsonl`)]);
      // (JSON Lines shows DuckDB's text of the number it read, a double's: 1e16 as 10000000000000000.0,
      // 9007199254740991.5 as 9007199254740992.0 — eval shows JavaScript's, 10000000000000000 and
      // 9007199254740992; neither keeps the text as written)
      const shown = k === 'csv' || isMoney(c) ? JSON.stringify(t) : String(Number(t)) === t || t.startsWith('-') ? t : `${String(Number(t))}.0`;
      return { what: `${k} ${c} ${t}`, r, want: `输入文件“${f}”第 2 行（数据行）的列“${c}”：期望${expectedLabel(c)}`, shown };
    }));
    for (const { what, r, want, shown } of await limited(3, jobs)) {
      expect(r.status, what).toBe(1);
      expect(r.stderr, what).toContain(`错误[ZC1202]: ${want}`);
      expect(r.stderr, what).toContain(`实际为 ${shown}\n`);
    }
  });

  it('Parquet: 2^53 as a DOUBLE and as a BIGINT (checked on its type), 2^53 − 1 as a BIGINT taken', async () => {
    const write = async (name: string, type: string, v: string) => {
      const f = join(tmp, `${name}.parquet`);
      await duckRows(`COPY (SELECT * FROM (VALUES (1, CAST(1 AS ${type})), (2, CAST('${v}' AS ${type}))) AS t("编号", "人数")) TO '${f}' (FORMAT PARQUET)`);
      return f;
    };
    const [dbl, big, ok] = await Promise.all([write('2p53-double', 'DOUBLE', '9007199254740992'), write('2p53-bigint', 'BIGINT', '9007199254740992'), write('max-bigint', 'BIGINT', '9007199254740991')]);
    for (const f of [dbl, big]) {
      const r = await batch(['--in', f, '--out', join(tmp, 'p.out.jsonl')]);
      expect(r.status, f).toBe(1);
      expect(r.stderr).toContain(`输入文件“${f}”第 2 行（数据行）的列“人数”：期望非负整数，实际为 "9007199254740992`);
    }
    const r = await batch(['--in', ok, '--out', join(tmp, 'p-ok.out.jsonl')]);
    expect(r.status, r.stderr).toBe(0);
    expect(outcome(join(tmp, 'p-ok.out.jsonl'))).toEqual([['人数', 1], ['人数', MAX]]);
  });

  it('a DuckDB and a PostgreSQL table: the boundaries, the row named by its key', async () => {
    const cases: [Col, string][] = [['人数', '9007199254740992'], ['增减', '-9007199254740992'], ['存款', '90071992547409.92'], ['人数', '1e16']];
    const c = await pgClient('数的上下限的表输入测试');
    const schema = `zc_limits_bad_${process.pid}`;
    try {
      if (c) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
      const jobs = cases.flatMap(([col, t], i) => {
        const rows: [Col, string][] = [['人数', '1'], [col, t]];
        const want = (label: string) => `输入表“${label}”中 编号 = 2 的行，列“${col}”：期望${expectedLabel(col)}`;
        const duck = async () => {
          const db = join(tmp, `bad-${i}.duckdb`);
          await duckRows(`${createText('"家庭"')}; INSERT INTO "家庭" VALUES ${sqlRows(rows)}`, db);
          return { what: `duckdb ${col} ${t}`, r: await batch(['--db', `duckdb:${db}`, '--in', '家庭', '--out', join(tmp, `bad-${i}-duck.out.jsonl`)]), want: want('家庭') };
        };
        const pgJob = async () => {
          const table = `${schema}."家庭${i}"`;
          await c!.query(`${createText(table)}; INSERT INTO ${table} VALUES ${sqlRows(rows)}`);
          return { what: `postgres ${col} ${t}`, r: await batch(['--db', PG_URL, '--in', table, '--out', `${schema}."决定${i}"`]), want: want(table) };
        };
        return c ? [duck, pgJob] : [duck];
      });
      for (const { what, r, want } of await limited(3, jobs)) {
        expect(r.status, what).toBe(1);
        expect(r.stderr, what).toContain(`错误[ZC1202]: ${want}`);
      }
    } finally {
      if (c) {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    }
  });
});

describe('序号 (a list element\'s place) is at most 2147483647, the layout\'s INTEGER', () => {
  it('a directory of tables: 2147483647 taken, 2147483648 one ZC1202 naming row and column (was DuckDB\'s English Conversion Error, ZC1203)', async () => {
    const tutorial = 'docs/tutorial/yucai';
    const run = async (v: string) => {
      const dir = join(tmp, `seq-${v}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '家庭.csv'), '编号,子女,申请受理日期\n1,true,2024-03-01\n');
      writeFileSync(join(dir, '家庭.子女.csv'), `编号,序号,出生日期,户籍,同胎序号\n1,${v},2024-02-01,本县,1\n`);
      return { dir, r: await runCliAsync(['batch', '--events', 'none', '--date', '2024-07-01', '--paths', tutorial, '--in', dir, '--out', join(tmp, `seq-${v}.out.jsonl`)], { timeoutMs: 180_000 }) };
    };
    const [ok, bad] = await Promise.all([run('2147483647'), run('2147483648')]);
    expect(ok.r.status, ok.r.stderr).toBe(0);
    expect(bad.r.status).toBe(1);
    expect(bad.r.stderr).toContain(`错误[ZC1202]: 输入文件“${join(bad.dir, '家庭.子女.csv')}”第 1 行（数据行）的列“序号”：期望非负整数（至多 2147483647），实际为 "2147483648"`);
  });
});

describe('a 金额 written as a JSON number: exact below 2^46 元, refused with cents from there up (never a silently different amount)', () => {
  // (a double from 2^46 up is 1/64 or more from the next: 70368744177664.99 reads as 70368744177664.98)
  const TAKEN: readonly [string, number][] = [
    ['35184372088832.99', 3518437208883299],
    ['70368744177663.99', 7036874417766399],
    ['70368744177664', 7036874417766400],
    ['90071992547409', 9007199254740900],
  ];
  const INEXACT = ['70368744177664.99', '70368744177664.5', '90071992547409.91'];
  const ir = loadPolicies([POLICY], nodeHost).policies[0]!.ir!;
  const facts = (text: string) => JSON.parse(`{"家庭":{"存款":${text}}}`) as unknown;
  it('the bound is 2^46', () => {
    expect(MONEY_NUMBER_EXACT).toBe(70368744177664);
    for (const t of INEXACT.slice(0, 1)) expect(String(Number(t))).not.toBe(t);
  });
  it('eval and the generated evaluator take the exact ones with their fen, and refuse the others saying to write text', async () => {
    const gen = await loadGeneratedEvaluator(ir);
    for (const [t, fen] of TAKEN) {
      expect((evaluate(ir, facts(t), '2025-07-01', []).决定[0]!.结果['存款'] as { 分: number }).分, t).toBe(fen);
      expect((gen(facts(t), '2025-07-01', []).决定[0]!.结果['存款'] as { 分: number }).分, t).toBe(fen);
    }
    for (const t of INEXACT) {
      expect(() => evaluate(ir, facts(t), '2025-07-01', []), t).toThrow(/须写成文本/);
      expect(() => gen(facts(t), '2025-07-01', []), t).toThrow(/须写成文本/);
    }
  });
  it('batch from JSON Lines: the same, one ZC1202 naming row and column', async () => {
    const ok = join(tmp, 'money-number-ok.jsonl');
    writeFileSync(ok, TAKEN.map(([t], i) => `{"编号":${i + 1},"存款":${t}}`).join('\n') + '\n');
    const r = await batch(['--in', ok, '--out', join(tmp, 'money-number-ok.out.jsonl')]);
    expect(r.status, r.stderr).toBe(0);
    expect(outcome(join(tmp, 'money-number-ok.out.jsonl'))).toEqual(TAKEN.map(([, fen]) => ['存款', fen]));
    const jobs = INEXACT.map((t, i) => async () => {
      const f = join(tmp, `money-number-bad-${i}.jsonl`);
      writeFileSync(f, `{"编号":1,"存款":1}\n{"编号":2,"存款":${t}}\n`);
      return { t, f, r: await batch(['--in', f, '--out', join(tmp, `money-number-bad-${i}.out.jsonl`)]) };
    });
    for (const { t, f, r: b } of await limited(3, jobs)) {
      expect(b.status, t).toBe(1);
      expect(b.stderr, t).toContain(`错误[ZC1202]: 输入文件“${f}”第 2 行（数据行）的列“存款”：期望金额的文本（70368744177664 元及以上带小数的金额须写成文本`);
    }
  });
});
