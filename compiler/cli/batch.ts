/**
 * `zhengce batch` — evaluate a population in SQL (免申即享): DuckDB embedded by default,
 * PostgreSQL with --db postgres://…; decisions per row and a per-measure summary (budget).
 *
 *   zhengce batch --policy P --date D --in FILE|DIR|TABLE [--entity E] [--db duckdb|duckdb:FILE|postgres://…]
 *                 [--out FILE|TABLE] [--summary FILE] [--events F|none] [--paths policies]
 *   zhengce batch --synthesize N --seed S [--policy P] [--out FILE]      (see compiler/batch/synthesize.ts)
 *
 * Input (DuckDB reads it natively, streamed): FILE is the table of one root entity
 * (--entity, default: the entity most measures are about) as .parquet, .csv or .jsonl;
 * columns are the entity's field names (nested records "字段.子字段", list presence
 * flags), plus an optional 编号 (else the row number). DIR holds one file per table of the
 * input layout (generated/<policy>/input.duckdb.sql): 家庭.parquet, 家庭.子女.parquet (编号,
 * 序号, fields) … JSON Lines may instead nest lists and records inside each line; such a
 * file is validated line by line by the interpreter's own validation.
 * Every value is checked before anything is written: one Chinese error naming the row and
 * column (ZC1202). Output is written to a temporary file/table and renamed/committed at
 * the end: nothing partial. The summary (stdout, and JSON with --summary or beside --out)
 * gives per measure the rows per status, the money totals per outcome and period (annualised:
 * 按月 × 12, 按年 × 1, 一次性 counted once), and the most frequent missing facts of 存疑.
 * PostgreSQL input: a list table without an index on 编号 is warned about (ZC1208: the run is
 * quadratic without it) on stderr and in the summary (诊断), with the key to add.
 */
import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants as fsConstants, existsSync, openSync, readSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { nodeHost } from '../project/host.js';
import { findPolicy, loadPolicies, policyNotFound, readEvents, type LoweredPolicy } from '../project/policies.js';
import { renderDiagnosticsText } from '../diagnostics/render.js';
import { diag, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { validateInput, isoToDay, typeLabel, MONEY_NUMBER_EXACT, MONEY_NUMBER_INEXACT } from '../interpret/validate.js';
import { isRatio, type IrProgram } from '../ir/ir.js';
import { emitSql, measureRefs } from '../sql/emit.js';
import { DUCKDB, POSTGRES, sqlString as S, sqlString, type Dialect } from '../sql/dialect.js';
import { inSchema, parseTableName, partSql, tableSql, withSuffix, type TableName } from '../sql/table-name.js';
import { keyColumns, layoutOf, type Column, type Layout, type Table } from '../sql/layout.js';
import { caseRows, insertSql, type TableRows } from '../sql/rows.js';
import { args, EXIT_FINDINGS, EXIT_OK, UsageError, type Io } from './common.js';

export const batchHelp = `用法：zhengce batch --policy 政策 --date 日期 --in 文件|目录|表 [选项]
      zhengce batch --synthesize N --seed S [--policy 政策] [--out 文件]

用 SQL 对一批个案求值（免申即享）：每行一个案件，输出每项措施的状态、结果、缺少的事实，以及按措施汇总（预算）。
  --in 文件|目录|表      输入：.parquet / .csv / .jsonl 文件（一个根实体的表），或每表一个文件的目录，或数据库中已有的表
                         （--db duckdb:文件 或 postgres://…；列表字段在旁边的子表“表.列表”中）
  --entity 实体          输入文件是哪个实体的表（默认：措施最多的对象实体）
  --date YYYY-MM-DD      评估日期（必填）
  --db duckdb|duckdb:文件|postgres://…   数据库（默认内嵌 DuckDB，无需服务器，只在运行期间存在；
                         duckdb:文件 是你的 DuckDB 数据库文件，只读 --in 表、只写 --out 表）
  --out 文件|表          决定的去向：.parquet / .csv / .jsonl 文件，或表名（需 --db duckdb:文件 或 postgres://…；
                         写到临时文件/表，最后改名/提交）
                         表名：[模式.]名称，每段为字母、数字、下划线，或英文双引号括起的任意名称（"Decisions 2024"）
  --summary 文件         汇总 JSON 的路径（默认：--out 旁的 <名>.summary.json）
  --events 文件|none     上级政策事件登记；省略时使用政策目录下的 events.yaml
  --paths 目录           政策所在目录（默认 policies）
  --synthesize N --seed S   生成 N 户合成人口（Parquet 或 JSON Lines；有列表的实体不能写 CSV）；--docs 目录 另写预算估算页
                         <政策>-budget.md（假设及来源见 policies/<政策>/人口画像.yaml 与 docs/sql.md）

退出码：0 成功；1 输入数据或政策有错误（不写出任何结果）；2 用法错误。
`;

/** One error for the user (Chinese), never a crash. */
export class BatchError extends Error {
  constructor(readonly code: 'ZC1202' | 'ZC1203' | 'ZC1204' | 'ZC1201' | 'ZC1206' | 'ZC0805', message: string) {
    super(message);
  }
}

export interface Db {
  readonly d: Dialect;
  exec(sql: string): Promise<void>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  progress?(): number | undefined;
  close(): Promise<void>;
  /**
   * On an interruption (Ctrl-C): stop the running query and remove what the run keeps outside the
   * process — DuckDB's spill directory; PostgreSQL's run schema `schema` (created outside any
   * transaction, so a killed connection would leave it), through a second connection.
   */
  interrupt?(schema: string): Promise<void>;
}

/** The catalog name under which `--db duckdb:FILE` is attached. */
const USER_CATALOG = 'zc_user';

async function openDuckDb(path: string): Promise<Db> {
  // required, not imported: @duckdb/node-api is CommonJS re-exporting ~120 modules, and an ESM
  // import of it has Node's CJS lexer parse each of them for named exports (~0.2 CPU-s per run)
  const { DuckDBInstance } = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  // INVARIANT: memory stays bounded (streamed Parquet/CSV in and out; DuckDB spills to a
  // temporary directory beyond the limit) — ZC_DUCKDB_MEMORY_LIMIT overrides the 512MB default
  const spill = mkdtempSync(join(tmpdir(), 'zhengce-duckdb-'));
  // an in-memory run keeps its database in the spill directory: tables (the input copied once
  // for chunked evaluation) are then buffer-managed on disk, not held in memory
  // threads: 1 by default (ZC_DUCKDB_THREADS overrides). A chunk's plan has ~550 operators and
  // dozens of pipeline barriers (hash-join builds, aggregates over the list tables); on 50,000
  // rows a second thread mostly waits at them: measured on a 50,000-row chunk (load ~25), 2 threads
  // took 4.8–5.3 CPU-s, 1 thread 2.8 CPU-s, and no less wall time; on 200,000 households (load
  // 8–11, five rounds each) medians 9.2 vs 7.1 CPU-s, 16.9 vs 14.7 s wall; at load 5–6 (three
  // rounds) 9.2–11.2 vs 6.3–7.5 CPU-s, 11.3–12.6 vs 7.1–8.9 s wall (docs/sql.md §4)
  // INVARIANT: a user's database file (`--db duckdb:FILE`) is attached as USER_CATALOG, never the
  // working database: the run's own tables and views stay in the spill directory, and the file
  // gets only the output table (`--out TABLE`), written under a temporary name and renamed
  const inst = await DuckDBInstance.create(join(spill, 'batch.duckdb'), { memory_limit: process.env['ZC_DUCKDB_MEMORY_LIMIT'] ?? '512MB', temp_directory: spill, threads: process.env['ZC_DUCKDB_THREADS'] ?? '1' });
  const c = await inst.connect();
  if (path !== ':memory:') {
    try {
      await c.run(`ATTACH ${sqlString(path)} AS ${USER_CATALOG}`);
    } catch (e) {
      c.closeSync();
      inst.closeSync();
      rmSync(spill, { recursive: true, force: true });
      throw new BatchError('ZC1204', `无法打开 DuckDB 数据库文件“${path}”：${(e as Error).message.split('\n')[0]}`);
    }
  }
  return {
    d: DUCKDB,
    exec: async (sql) => { await c.run(sql); },
    query: async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    progress: () => { try { const p = c.progress; return p.percentage; } catch { return undefined; } },
    close: async () => { c.closeSync(); inst.closeSync(); rmSync(spill, { recursive: true, force: true }); },
    interrupt: async () => { try { c.interrupt(); } catch { /* no query running */ } rmSync(spill, { recursive: true, force: true }); },
  };
}

/**
 * Why a PostgreSQL connection failed, in Chinese, for the usual causes (the socket's errno or the
 * server's SQLSTATE), with the driver's own message kept after it for anything more exact.
 */
export function connectReason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  const original = String((e as Error).message ?? e);
  const reason =
    code === 'ECONNREFUSED' ? '服务器拒绝连接：这个地址和端口上没有运行 PostgreSQL（或被防火墙拒绝）' :
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? '找不到这个主机名' :
    code === 'ETIMEDOUT' || /timeout/i.test(original) ? '连接超时：服务器没有应答' :
    code === '28P01' ? '用户名或密码不对' :
    code === '28000' ? '服务器不允许这个用户从这里连接（pg_hba.conf）' :
    code === '3D000' ? '数据库不存在' :
    undefined;
  return reason === undefined ? original : `${reason}（${original}）`;
}

async function openPostgres(url: string): Promise<Db> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10000 });
  try {
    await client.connect();
  } catch (e) {
    throw new BatchError('ZC1204', `无法连接数据库 ${url.replace(/\/\/[^@/]*@/, '//…@')}：${connectReason(e)}`);
  }
  // a connection lost mid-run (the server restarted, or interrupt() ended it) is reported by the
  // running query's rejection; without a listener the client's 'error' event was an uncaught
  // exception (a Node stack trace instead of the message)
  client.on('error', () => undefined);
  const backend = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0]['pid']);
  const types = { getTypeParser: (oid: number, format?: string) => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) };
  return {
    d: POSTGRES,
    exec: async (sql) => { await client.query(sql); },
    query: async (sql) => (await client.query({ text: sql, types } as import('pg').QueryConfig)).rows as Record<string, unknown>[],
    close: async () => { await client.end(); },
    interrupt: async (schema) => {
      const other = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      try {
        await other.connect();
        // ends the running statement and rolls back its transaction (an --out table not yet committed)
        await other.query('SELECT pg_terminate_backend($1)', [backend]);
        await other.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await other.end().catch(() => undefined);
      }
    },
  };
}

const FORMATS: Record<string, 'parquet' | 'csv' | 'json'> = { '.parquet': 'parquet', '.csv': 'csv', '.jsonl': 'json', '.ndjson': 'json', '.json': 'json' };
/** What a table name may be, for usage errors (compiler/sql/table-name.ts). */
const TABLE_NAME_RULE = '表名：[模式.]名称，每段为字母、数字、下划线（不以数字开头），或用英文双引号括起的任意名称（如 "Decisions 2024"，引号内的 " 写成 ""）';

/** The default subject: the root entity most measures are about. */
export function defaultEntity(ir: IrProgram): string | undefined {
  const n = new Map<string, number>();
  for (const m of ir.measures) if (m.subject) n.set(m.subject, (n.get(m.subject) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** `v` matches the regular expression `re` as a whole, in the dialect's syntax. */
function fullMatch(d: Dialect, v: string, re: string): string {
  return d.name === 'duckdb' ? `regexp_full_match(${v}, '${re}')` : `(${v} ~ '^(?:${re})$')`;
}

/**
 * The largest integer any input takes (2^53 − 1): `zhengce eval` and the generated evaluator take a
 * JSON/YAML number when Number.isSafeInteger, the JSON Schema says "type": "integer" with minimum
 * and maximum ±(2^53 − 1). 金额 is held in fen: at most 2^53 − 1 fen, 90071992547409.91 元.
 */
const MAX_INT = '9007199254740991';
const MAX_MONEY = '90071992547409.91';

/**
 * The text of a number as every input may write it: JSON's number (an optional minus, digits, an
 * optional fraction, an optional exponent of at most four digits) — what eval reads from JSON/YAML
 * (3, 3.0, 1e15, 1.5E+1), a CSV cell, a flat JSON Lines value's text, a Parquet DOUBLE's or a
 * PostgreSQL numeric/float column's text ("1e+20"). Leading zeros are kept as CSV writes them (007).
 */
const NUMBER_PATTERN = '-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,4})?';

/**
 * SQL that defines zc_int(t): the BIGINT value of a number text `t` (NUMBER_PATTERN) whose value is
 * an integer of at most 2^53 − 1 in magnitude ("3", "3.0", "1e15", "-0", "0.5e1"), NULL for any
 * other text ("3.5", "9007199254740992", "1e16", "abc"). Exact, never through binary floating point:
 * PostgreSQL by numeric; DuckDB (no arbitrary precision) on the digits — the digits D of the
 * mantissa without leading zeros, of which p stand before the point once the exponent is applied:
 * the value is an integer when every digit after the first p is 0, in range when p < 16 or the 16
 * digits are at most 9007199254740991.
 * INVARIANT: batch and eval agree on an integer: a value eval takes (a JSON/YAML number n with
 * Number.isSafeInteger(n)) written as its text is taken, with the same value; 2^53 and beyond,
 * fractions and exponent forms of them are refused by both. (eval reads a number through binary
 * floating point first: a text of more than 17 significant digits that rounds to an integer, such as
 * 3.0000000000000001, is 3 to eval and refused here.) Every database that binds an input (runBatch, the
 * --synthesize --docs run) runs it first; `schema` is PostgreSQL's (the run's zc_batch_* schema).
 */
export function intFunctionSql(d: Dialect, schema: string): string {
  if (d.name !== 'duckdb') {
    return `CREATE FUNCTION ${schema}.zc_int(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$ DECLARE n numeric; BEGIN
      IF t !~ '^(?:${NUMBER_PATTERN})$' THEN RETURN NULL; END IF;
      n := t::numeric;
      IF n <> trunc(n) OR abs(n) > ${MAX_INT} THEN RETURN NULL; END IF;
      RETURN n::bigint;
    END $$`;
  }
  const e = `strpos(lower(t), 'e')`;
  const m = `(CASE WHEN ${e} > 0 THEN left(t, ${e} - 1) ELSE t END)`;
  const exp = `(CASE WHEN ${e} > 0 THEN TRY_CAST(substr(t, ${e} + 1) AS INTEGER) ELSE 0 END)`;
  const a = `ltrim(${m}, '-')`;
  const digits = `replace(${a}, '.', '')`;
  const dz = `ltrim(${digits}, '0')`;
  const p = `CAST(length(split_part(${a}, '.', 1)) + ${exp} - (length(${digits}) - length(${dz})) AS INTEGER)`;
  const integral = `(${dz} = '' OR (length(rtrim(${dz}, '0')) <= ${p} AND (${p} < 16 OR (${p} = 16 AND rpad(${dz}, 16, '0') <= '${MAX_INT}'))))`;
  const value = `CASE WHEN ${dz} = '' THEN 0 WHEN left(t, 1) = '-' THEN -CAST(rpad(${dz}, ${p}, '0') AS BIGINT) ELSE CAST(rpad(${dz}, ${p}, '0') AS BIGINT) END`;
  return `CREATE MACRO zc_int(t) AS CASE WHEN regexp_full_match(t, '[0-9]{1,15}') THEN CAST(t AS BIGINT) WHEN regexp_full_match(t, '${NUMBER_PATTERN}') AND ${integral} THEN ${value} END`;
}

/**
 * The text of a ratio as `zhengce eval`, nested JSON Lines and the generated JSON Schema take it —
 * "50%", "4.8‰" (a decimal of at most 15 + 15 digits) — or as the SQL layout holds it, the exact
 * "n/d" (input.*.sql's tables): `ratioSql` turns the first into the second.
 */
function ratioPattern(signed: boolean): string {
  const sign = signed ? '-?' : '';
  return `${sign}[0-9]{1,15}(\\.[0-9]{1,15})?[%‰]|${sign}[0-9]+/[1-9][0-9]*`;
}

/** SQL: the value of an integer `v` (zc_int on its text; NULL when it is not one). */
function intSql(v: string): string {
  return `zc_int(CAST(${v} AS VARCHAR))`;
}

/**
 * SQL: a valid ratio text `v` (ratioPattern) → the layout's exact "n/d" in lowest terms, as
 * ratioText gives it ("12.5%" → "1/8", "4.8‰" → "3/625", "0%" → "0/1", "-50%" → "-1/2"); an "n/d"
 * is kept as written.
 */
function ratioSql(d: Dialect, v: string): string {
  const big = d.name === 'duckdb' ? 'HUGEINT' : 'NUMERIC';
  const s = `left(${v}, length(${v}) - 1)`;
  const n = `CAST(replace(${s}, '.', '') AS ${big})`;
  const scale = `CASE WHEN strpos(${s}, '.') > 0 THEN length(${s}) - strpos(${s}, '.') ELSE 0 END`;
  const dd = `(CAST(rpad('1', CAST(${scale} + 1 AS INTEGER), '0') AS ${big}) * CASE WHEN right(${v}, 1) = '‰' THEN 1000 ELSE 100 END)`;
  const div = (a: string, b: string) => (d.name === 'duckdb' ? `(${a} // ${b})` : `div(${a}, ${b})`);
  const g = `gcd(${n}, ${dd})`;
  return `CASE WHEN strpos(${v}, '/') > 0 THEN ${v} WHEN ${n} = 0 THEN '0/1' ELSE CAST(${div(n, g)} AS VARCHAR) || '/' || CAST(${div(dd, g)} AS VARCHAR) END`;
}

/** What a column holds, as batch reads it: an integer quantity (a count, a duration) is an 'int'. */
type ValueKind = 'presence' | 'bool' | 'int' | 'money' | 'date' | 'enum' | 'text' | 'ratio' | 'unsupported';

/**
 * The kind of a column's values. INVARIANT: the one place that classifies a column's type — its
 * check (validSql, typedValidSql, jsonTypesOf), its value (castSql) and its SQL type (columnSqlType)
 * all switch on it, so a type cannot be checked as one kind and cast as another.
 */
function valueKind(c: Column): ValueKind {
  if (c.type === 'presence') return 'presence';
  switch (c.type.k) {
    case 'bool': case 'int': case 'money': case 'date': case 'enum': case 'text': return c.type.k;
    case 'quantity': return c.type.dim === 'ratio' ? 'ratio' : 'int';
    default: return 'unsupported';
  }
}

/**
 * SQL boolean: a VARCHAR value `v` is valid for the column (interpreter's validation rules), in
 * the dialect `d` (PostgreSQL: a date's text is tested by zc_is_date, created by runBatch, since
 * PostgreSQL has no TRY_CAST; an integer's by zc_int, intFunctionSql). A presence flag (a list or
 * nested record given) is TRUE or NULL (unknown): FALSE has no meaning in the layout and would read
 * as "given" (an empty list). 金额: eval's text (at most two decimals, no exponent), at most
 * 2^53 − 1 fen.
 */
function validSql(d: Dialect, c: Column, v: string, evalDay: string): { ok: string; expected: string } {
  const signed = c.signed === true;
  const kind = valueKind(c);
  switch (kind) {
    case 'presence': return { ok: `lower(${v}) = 'true'`, expected: 'true（已给出；不知道时留空/NULL，不能写 false）' };
    case 'bool': return { ok: `lower(${v}) IN ('true', 'false')`, expected: '是否（true/false）' };
    case 'int': return { ok: signed ? `${intSql(v)} IS NOT NULL` : `${intSql(v)} >= 0`, expected: signed ? '整数' : '非负整数' };
    case 'money': {
      const money = d.name === 'duckdb' ? `TRY_CAST(${v} AS DECIMAL(18,2))` : `CAST(${v} AS NUMERIC)`;
      return { ok: `CASE WHEN ${fullMatch(d, v, `${signed ? '-?' : ''}(0|[1-9][0-9]{0,13})(\\.[0-9]{1,2})?`)} THEN abs(${money}) <= ${MAX_MONEY} ELSE FALSE END`, expected: '金额（元，最多两位小数）' };
    }
    case 'date': return {
      ok: `${fullMatch(d, v, '[0-9]{4}-[0-9]{2}-[0-9]{2}')} AND ${d.name === 'duckdb' ? `TRY_CAST(${v} AS DATE) IS NOT NULL AND TRY_CAST(${v} AS DATE) <= DATE ${S(evalDay)}` : `CASE WHEN zc_is_date(${v}) THEN CAST(${v} AS DATE) <= DATE ${S(evalDay)} ELSE FALSE END`}`,
      expected: '不晚于评估日期的日期（YYYY-MM-DD）',
    };
    case 'enum': {
      const members = c.type !== 'presence' && c.type.k === 'enum' ? c.type.members : [];
      return { ok: `${v} IN (${members.map(S).join(', ')})`, expected: `以下之一：${members.join('、')}` };
    }
    case 'text': return { ok: 'TRUE', expected: '文本' };
    case 'ratio': return { ok: fullMatch(d, v, ratioPattern(signed)), expected: signed ? '比例（如 "50%"、"-4.8‰"）' : '比例（如 "50%"、"4.8‰"）' };
    case 'unsupported': return { ok: 'FALSE', expected: '（不支持的类型）' };
  }
}

const INTEGER_TYPES = /^U?(?:TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/;

/**
 * The check of validSql on a typed source column (Parquet/JSON: `srcType` from DESCRIBE) without
 * the text round trip (CAST to VARCHAR, zc_int), where the type makes the two exact equals;
 * undefined otherwise (then validSql on the text). A BOOLEAN's text is always true/false; an
 * integer type's value is taken exactly when |v| ≤ 2^53 − 1 (and v ≥ 0 when unsigned); a DATE's
 * text is YYYY-MM-DD exactly for the years 0001–9999 (year 0 and before read "… (BC)", 10000 and
 * after have five digits, ±infinity is a word), and the evaluation date is at most 9999-12-31, so
 * "text matches and the date ≤ the evaluation date" is the BETWEEN below.
 */
function typedValidSql(c: Column, v: string, srcType: string | undefined, evalDay: string): string | undefined {
  if (srcType === undefined) return undefined;
  switch (valueKind(c)) {
    case 'presence': return srcType === 'BOOLEAN' ? `${v} IS TRUE` : undefined;
    case 'bool': return srcType === 'BOOLEAN' ? 'TRUE' : undefined;
    case 'int': return INTEGER_TYPES.test(srcType) ? `${v} BETWEEN ${c.signed ? `-${MAX_INT}` : '0'} AND ${MAX_INT}` : undefined;
    case 'date': return srcType === 'DATE' ? `${v} BETWEEN DATE '0001-01-01' AND DATE ${S(evalDay)}` : undefined;
    default: return undefined;
  }
}

/** validSql, or its typed form when exact (typedValidSql): `col` the typed column, `text` its VARCHAR form. */
function validTyped(d: Dialect, c: Column, col: string, text: string, srcType: string | undefined, evalDay: string): { ok: string; expected: string } {
  const v = validSql(d, c, text, evalDay);
  const typed = typedValidSql(c, col, srcType, evalDay);
  return typed === undefined ? v : { ok: typed, expected: v.expected };
}

/** The largest 序号 (a list element's place): the layout stores it as INTEGER. */
const MAX_ORDINAL = '2147483647';

/**
 * A key column's check from its integer check `v`: 编号 a non-negative integer, 序号 also at most
 * MAX_ORDINAL — a larger one was taken and then failed the cast to INTEGER, DuckDB's English
 * "Conversion Error" (ZC1203) instead of a ZC1202 naming the row. `value` is the column (SQL).
 */
function keyCheck(k: string, v: { ok: string; expected: string }, value: string): { ok: string; expected: string } {
  return k === '序号' ? { ok: `(${v.ok}) AND ${intSql(value)} <= ${MAX_ORDINAL}`, expected: `非负整数（至多 ${MAX_ORDINAL}）` } : { ok: v.ok, expected: '非负整数' };
}

/**
 * The checks of an input's columns (a file's or a table's): its key columns (`keys`, non-negative
 * integers) and every column of `known` it has, each on its type where exact (validTyped).
 */
function columnChecks(d: Dialect, keys: readonly string[], cols: readonly string[], known: ReadonlyMap<string, Column>, colType: ReadonlyMap<string, string>, evalDay: string): { name: string; ok: string; expected: string }[] {
  const key = { type: { k: 'int' }, signed: false } as Column;
  return [
    ...keys.filter((k) => cols.includes(k)).map((k) => ({ name: k, ...keyCheck(k, validTyped(d, { ...key, name: k }, d.id(k), `CAST(${d.id(k)} AS VARCHAR)`, colType.get(k), evalDay), d.id(k)) })),
    ...cols.filter((c) => known.has(c)).map((c) => ({ name: c, ...validTyped(d, known.get(c)!, d.id(c), `CAST(${d.id(c)} AS VARCHAR)`, colType.get(c), evalDay) })),
  ];
}

/** A view's select item for column `c`: `given` (SQL text, read as VARCHAR and cast to the column's type), or NULL (unknown) when the input lacks it. */
function columnSelect(d: Dialect, c: Column, given: string | undefined): string {
  const value = given !== undefined ? castSql(d, c, `CAST(${given} AS VARCHAR)`) : `CAST(NULL AS ${columnSqlType(c)})`;
  return `${value} AS ${d.id(c.name)}`;
}

/** The SQL type of a bound column (the layout's: ratios the text "n/d"). */
function columnSqlType(c: Column): string {
  switch (valueKind(c)) {
    case 'presence': case 'bool': return 'BOOLEAN';
    case 'int': return 'BIGINT';
    case 'money': return 'DECIMAL(18,2)';
    case 'date': return 'DATE';
    default: return 'VARCHAR';
  }
}

/** A valid text `v` of column `c` (validSql) → the layout's value: integers through zc_int, ratios through ratioSql. */
function castSql(d: Dialect, c: Column, v: string): string {
  switch (valueKind(c)) {
    case 'int': return intSql(v);
    case 'ratio': return ratioSql(d, v);
    default: return `CAST(${v} AS ${columnSqlType(c)})`;
  }
}

function readerSql(path: string, rowNumber: boolean): string {
  const f = FORMATS[extname(path).toLowerCase()];
  if (f === 'parquet') return `read_parquet(${S(path)}${rowNumber ? ', file_row_number = true' : ''})`;
  if (f === 'csv') return `read_csv(${S(path)}, header = true, all_varchar = true)`;
  return `read_json(${S(path)}, format = 'newline_delimited')`;
}

/**
 * The first key that occurs on more than one row of `rel` (SQL text), or undefined: `first` and
 * `second` are the `order` values (the data row numbers of a file, or the key itself for a table)
 * of its first two rows. INVARIANT: a case (编号), or a list element (编号, 序号), is one row —
 * a duplicate would be evaluated once per copy (a root row joins every copy), so the summary would
 * count one household several times in the budget.
 */
async function duplicateKey(db: Db, rel: string, keys: readonly string[], order: string): Promise<{ key: string; first: string; second: string } | undefined> {
  const d = db.d;
  // (grouped by the key's value, not its text: "3" and "3.0" are one 编号 — zc_int)
  const k = keys.map((x) => intSql(d.id(x)));
  const r = (await db.query(`SELECT ${k.map((x, i) => `CAST(${x} AS VARCHAR) AS zc_k${i}`).join(', ')}, min(${order}) AS zc_a FROM ${rel} GROUP BY ${k.join(', ')} HAVING count(*) > 1 ORDER BY zc_a LIMIT 1`))[0];
  if (!r) return undefined;
  const key = keys.map((_, i) => String(r[`zc_k${i}`])).join('、');
  const where = k.map((x, i) => `${x} = ${Number(r[`zc_k${i}`])}`).join(' AND ');
  const second = (await db.query(`SELECT min(${order}) AS zc_b FROM ${rel} WHERE ${where} AND ${order} > ${typeof r['zc_a'] === 'string' ? S(r['zc_a']) : String(r['zc_a'])}`))[0]?.['zc_b'];
  return { key, first: String(r['zc_a']), second: String(second) };
}

/**
 * The records of a comma-separated text, each with the line it starts on (1-based) and its fields
 * with the quoting undone — RFC 4180: a quoted field may hold commas, newlines and doubled quotes.
 * A BOM and CRs outside quotes are dropped; blank lines are skipped, as DuckDB does. The one CSV
 * reader of batch (csvShapeProblem, csvHeader): it runs only when DuckDB's reading of a file looks
 * wrong, to name the row in Chinese. (No npm CSV library is a dependency; this is its whole need.)
 */
export function* csvRecords(text: string): Generator<{ line: number; fields: string[] }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let cur = '';
    let blank = true;
    let quoted = false;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { cur += '"'; i++; }
          else quoted = false;
        } else {
          if (ch === '\n') line++;
          cur += ch;
        }
        continue;
      }
      if (ch === '\n') { i++; line++; break; }
      if (ch === '\r') continue;
      blank = false;
      if (ch === '"') quoted = true;
      else if (ch === ',') { fields.push(cur); cur = ''; }
      else cur += ch;
    }
    if (blank) continue;
    fields.push(cur);
    yield { line: start, fields };
  }
}

/**
 * The first record of a comma-separated file whose field count differs from the header's, as a
 * ZC1202; undefined when every record has the header's count (csvRecords). Run only when DuckDB's
 * reading of the file looks wrong (its columns are not the header's, or it could not detect the
 * dialect): DuckDB's sniffer then took a ragged file for one column, or for a header it made up,
 * and the error named a "column" that was the whole header line.
 */
export function csvShapeProblem(path: string, text: string): BatchError | undefined {
  let header: number | undefined;
  for (const r of csvRecords(text)) {
    if (header === undefined) header = r.fields.length;
    else if (r.fields.length !== header) return new BatchError('ZC1202', `输入文件“${path}”第 ${r.line} 行有 ${r.fields.length} 个字段，表头有 ${header} 列：每一行的字段数应与表头相同（不知道的值留空，如 1,,true；含逗号或换行的值用英文双引号括起）`);
  }
  return undefined;
}

/** The first `bytes` bytes of a file as text (a header or a first character, without reading a big file whole). */
function fileHead(path: string, bytes = 65536): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The header's column names of a comma-separated file (its first record, csvRecords): compared with DuckDB's reading of it (csvShapeProblem). */
function csvHeader(text: string): string[] {
  for (const r of csvRecords(text)) return r.fields;
  return [];
}

/**
 * The first line of a JSON Lines file that is not valid JSON, as a ZC1202 naming its line and
 * column in Chinese; undefined when every non-blank line parses. Run when DuckDB fails to read a
 * flat JSON Lines file (its error was English, "Malformed JSON … in line 3", and named the line
 * where its parser gave up: a missing } on line 2 was reported on line 3).
 */
export function jsonLinesProblem(path: string, text: string): BatchError | undefined {
  const lines = text.replace(/^\ufeff/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    try {
      JSON.parse(line);
    } catch (e) {
      return jsonLineError(path, i + 1, line, e as Error);
    }
  }
  return undefined;
}

/** The ZC1202 for line `lineNo` (1-based) of a JSON Lines file, `line`, that JSON.parse refused with `e`: the line, the column (in characters) and the text near it. */
function jsonLineError(path: string, lineNo: number, line: string, e: Error): BatchError {
  const at = /position (\d+)/.exec(e.message);
  const col = at ? Number(at[1]) + 1 : line.length + 1;
  const near = line.slice(Math.max(0, col - 11), col + 9);
  return new BatchError('ZC1202', `输入文件“${path}”第 ${lineNo} 行第 ${col} 列不是有效的 JSON（附近：${JSON.stringify(near)}）：JSON Lines 每行应是一个完整的 JSON 对象`);
}

/**
 * Bind one input file as the view of table `t` (validated first). Row numbers in messages
 * are 1-based data rows (CSV: the header is line 1, so data row N is line N + 1).
 */
export async function bindFile(db: Db, t: Table, path: string, evalDay: string, child: boolean, layout?: Layout): Promise<{ direct: boolean }> {
  const d = db.d;
  const format = FORMATS[extname(path).toLowerCase()];
  const isParquet = format === 'parquet';
  const src = format === 'json' ? jsonReaderSql(path) : readerSql(path, isParquet);
  // an empty CSV file has no header: DuckDB would name its one column "column0"
  if (format === 'csv' && statSync(path).size === 0) throw new BatchError('ZC1202', `输入文件“${path}”是空的：CSV 文件至少要有表头行（列名）`);
  // a JSON array (one .json document) is not JSON Lines: DuckDB would read it as one column "json"
  if (format === 'json' && /^\s*\[/.test(fileHead(path, 4096).replace(/^\ufeff/, ''))) {
    throw new BatchError('ZC1202', `输入文件“${path}”是一个 JSON 数组：请写成 JSON Lines（.jsonl，每行一个对象，不要外层的 [ ]）`);
  }
  let described: Record<string, unknown>[];
  try {
    described = await db.query(`DESCRIBE SELECT * FROM ${src}`);
  } catch (e) {
    const text = format === 'csv' || format === 'json' ? readFileSync(path, 'utf8') : '';
    const shape = format === 'csv' ? csvShapeProblem(path, text) : format === 'json' ? jsonLinesProblem(path, text) : undefined;
    if (shape) throw shape;
    throw new BatchError('ZC1203', `无法读取输入文件“${path}”：${(e as Error).message.split('\n')[0]}`);
  }
  const cols = described.map((r) => String(r['column_name'])).filter((c) => c !== 'file_row_number');
  if (format === 'csv') {
    const header = csvHeader(fileHead(path));
    if (header.length > 1 && header.join('\u0000') !== cols.join('\u0000')) {
      const shape = csvShapeProblem(path, readFileSync(path, 'utf8'));
      if (shape) throw shape;
    }
  }
  try {
    return await bindReadable(db, t, path, evalDay, child, layout, { format, src, cols, described });
  } catch (e) {
    // DuckDB reads a JSON Lines file lazily: a malformed line past the sample fails a later scan
    if (format === 'json' && !(e instanceof BatchError)) {
      const shape = jsonLinesProblem(path, readFileSync(path, 'utf8'));
      if (shape) throw shape;
    }
    throw e;
  }
}

/** bindFile once the file is readable: its columns checked, validated, bound as a view. */
async function bindReadable(db: Db, t: Table, path: string, evalDay: string, child: boolean, layout: Layout | undefined, r: { format: string | undefined; src: string; cols: string[]; described: Record<string, unknown>[] }): Promise<{ direct: boolean }> {
  const d = db.d;
  const { format, src, cols, described } = r;
  const isParquet = format === 'parquet';
  const colType = new Map(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
  // nested input (Parquet, JSON): a list field given as a LIST column of the root's rows
  const nestedLists = (layout?.children ?? []).filter((c) => c.parent === t.name && c.depth === 1 && cols.includes(c.listPath!) && /\[\]$/.test(colType.get(c.listPath!) ?? ''));
  const known = new Map(t.columns.filter((c) => !nestedLists.some((l) => l.listPath === c.name)).map((c) => [c.name, c]));
  const keyCols = child ? ['编号', '序号'] : ['编号'];
  for (const c of cols) {
    if (!known.has(c) && !keyCols.includes(c) && !nestedLists.some((l) => l.listPath === c)) {
      throw new BatchError('ZC1202', `输入文件“${path}”的列“${c}”不是表“${t.name}”的列（可用的列：${[...keyCols, ...t.columns.map((x) => x.name)].join('、')}）`);
    }
  }
  if (child && (!cols.includes('编号') || !cols.includes('序号'))) throw new BatchError('ZC1202', `列表表“${t.name}”的文件“${path}”必须有“编号”和“序号”两列`);
  const rowNo = isParquet ? 'file_row_number + 1' : 'row_number() OVER ()';
  // flat JSON Lines: each value's JSON type and text checked in the same read that takes its text
  // (zc_bad, jsonChecked) — the file is read once
  const json = format === 'json' ? jsonChecked(d, src, keyCols, cols, known, evalDay) : undefined;
  const from = json?.from ?? src;
  let numbered = `(SELECT *, ${rowNo} AS zc_row FROM ${from}) AS zc_src`;
  let direct = false;
  if (layout && db.d.name === 'duckdb') {
    // INVARIANT (memory): a single input file is read through the row range (zc_lo, zc_hi) of
    // zc_all, so runBatch evaluates it chunk by chunk. A Parquet file whose row groups are small
    // (directParquet) is read in place: the range is a filter on file_row_number, which DuckDB's
    // Parquet reader answers by skipping the row groups outside it, so a chunk decodes only the
    // row groups it overlaps (zc_all is a view). Otherwise the file is copied once into the
    // on-disk table zc_all (each of a chunk's scans of a big row group would decode all of it).
    direct = isParquet && (await directParquet(db, path));
    const kind = (await db.query(`SELECT table_type AS t FROM information_schema.tables WHERE table_name = 'zc_all' AND table_schema = current_schema()`))[0]?.['t'];
    if (kind !== undefined) await db.exec(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} zc_all`);
    await db.exec(`CREATE ${direct ? 'VIEW' : 'TABLE'} zc_all AS SELECT *, ${rowNo} AS zc_row FROM ${from}; SET VARIABLE zc_lo = 0; SET VARIABLE zc_hi = ${Number.MAX_SAFE_INTEGER};`);
    numbered = `(SELECT * FROM zc_all WHERE zc_row BETWEEN getvariable('zc_lo') AND getvariable('zc_hi')) AS zc_src`;
  }
  if (json) {
    const r = (await db.query(`SELECT zc_row, zc_bad FROM ${numbered} WHERE zc_bad IS NOT NULL ORDER BY zc_row LIMIT 1`))[0];
    if (r) {
      const c = json.checked[Number(r['zc_bad'])]!;
      // the value as written (its JSON text), read again for this one row only
      const one = (await db.query(`SELECT CAST(${d.id(c.name)} AS VARCHAR) AS v${valueKind(c) === 'money' ? `, ${inexactMoneySql(d.id(c.name))} AS inexact` : ''} FROM (SELECT ${d.id(c.name)}, row_number() OVER () AS zc_row FROM ${src}) AS zc_r WHERE zc_row = ${Number(r['zc_row'])}`))[0];
      const raw = one?.['v'];
      const expected = one?.['inexact'] === true ? MONEY_NUMBER_INEXACT : c.name === '序号' && keyCols.includes(c.name) ? keyCheck(c.name, validSql(d, c, 'NULL', evalDay), 'NULL').expected
        : c.type === 'presence' || c.type.k === 'date' || (c.type.k === 'quantity' && c.type.dim === 'ratio') ? validSql(d, c, 'NULL', evalDay).expected : typeLabel(c.type, c.signed);
      throw new BatchError('ZC1202', `输入文件“${path}”第 ${Number(r['zc_row'])} 行（数据行）的列“${c.name}”：期望${expected}，实际为 ${String(raw)}`);
    }
  }
  // validation: the first bad (row, column), one scan; a typed column (Parquet) checked on its type
  // where that is exactly the check on its text (typedValidSql); JSON Lines' values were checked on
  // their text above (the same checks)
  const checks = json ? [] : columnChecks(d, keyCols, cols, known, colType, evalDay);
  if (checks.length) {
    const bad = checks.map((c) => `(${d.id(c.name)} IS NOT NULL AND NOT coalesce(${c.ok}, FALSE))`);
    const which = `CASE ${checks.map((c, i) => `WHEN ${bad[i]} THEN ${i}`).join(' ')} END`;
    const rows = await db.query(`SELECT zc_row, ${which} AS zc_col FROM ${numbered} WHERE ${bad.join(' OR ')} ORDER BY zc_row LIMIT 1`);
    if (rows.length) {
      const r = rows[0]!;
      const c = checks[Number(r['zc_col'])]!;
      const v = (await db.query(`SELECT CAST(${d.id(c.name)} AS VARCHAR) AS v FROM ${numbered} WHERE zc_row = ${Number(r['zc_row'])}`))[0]?.['v'];
      throw new BatchError('ZC1202', `输入文件“${path}”第 ${Number(r['zc_row'])} 行（数据行）的列“${c.name}”：期望${c.expected}，实际为 ${JSON.stringify(v)}`);
    }
  }
  const nullKey = keyCols.filter((k) => cols.includes(k));
  if (nullKey.length) {
    const r = await db.query(`SELECT zc_row FROM ${numbered} WHERE ${nullKey.map((k) => `${d.id(k)} IS NULL`).join(' OR ')} LIMIT 1`);
    if (r.length) throw new BatchError('ZC1202', `输入文件“${path}”第 ${Number(r[0]!['zc_row'])} 行的“${nullKey.join('/')}”为空`);
  }
  if (nullKey.length && nullKey.length === keyCols.length) {
    const dup = await duplicateKey(db, numbered, keyCols, 'zc_row');
    if (dup) throw new BatchError('ZC1202', `输入文件“${path}”第 ${dup.second} 行（数据行）的“${keyCols.join('/')}”（${dup.key}）与第 ${dup.first} 行重复：${child ? '列表的每个元素（编号、序号）' : '每个案件（编号）'}只能有一行`);
  }
  const sel = [`CAST(${cols.includes('编号') ? d.id('编号') : 'zc_row'} AS BIGINT) AS ${d.id('编号')}`];
  if (child) sel.push(`CAST(${d.id('序号')} AS INTEGER) AS ${d.id('序号')}`);
  for (const c of t.columns) {
    const l = nestedLists.find((x) => x.listPath === c.name);
    // a nested list's presence: NULL when the list is not given (unknown), TRUE otherwise (possibly empty)
    if (l) sel.push(`CASE WHEN ${d.id(c.name)} IS NOT NULL THEN TRUE END AS ${d.id(c.name)}`);
    else sel.push(columnSelect(d, c, cols.includes(c.name) ? d.id(c.name) : undefined));
  }
  await db.exec(`DROP TABLE IF EXISTS ${d.id(t.name)}; DROP VIEW IF EXISTS ${d.id(t.name)}; CREATE VIEW ${d.id(t.name)} AS SELECT ${sel.join(', ')} FROM ${numbered}`);
  for (const l of nestedLists) await bindNestedList(db, l, path, src, numbered, cols.includes('编号') ? d.id('编号') : 'zc_row', evalDay);
  return { direct };
}

/**
 * The JSON types a flat JSON Lines value may have for column `c`: those the evaluator's own input
 * validation (validate.ts, convertValue — what `zhengce eval` and nested JSON Lines accept) takes
 * for its type: a boolean for 是否, a number of integer value for 整数 (and the keys), a number or a string
 * for 金额, a string for dates, enumerations, text and ratios.
 */
function jsonTypesOf(c: Column): readonly string[] {
  switch (valueKind(c)) {
    case 'presence': case 'bool': return ['BOOLEAN'];
    // (a DOUBLE such as 3.0 or 1e15 passes when its text is an integer's: zc_int)
    case 'int': return ['UBIGINT', 'BIGINT', 'DOUBLE'];
    case 'money': return ['UBIGINT', 'BIGINT', 'DOUBLE', 'VARCHAR'];
    default: return ['VARCHAR'];
  }
}

/** SQL: the JSON value `v` is a number with a fractional part at or above MONEY_NUMBER_EXACT (2^46) in magnitude. */
function inexactMoneySql(v: string): string {
  const x = `TRY_CAST(json_extract_string(${v}, '$') AS DOUBLE)`;
  return `coalesce(json_type(${v}) = 'DOUBLE' AND abs(${x}) >= ${MONEY_NUMBER_EXACT} AND ${x} <> trunc(${x}), FALSE)`;
}

/**
 * DuckDB's reader of a flat JSON Lines file: top-level keys as columns (unknown keys, a line that is
 * not an object and malformed JSON are errors, as with full detection), each value kept as JSON
 * (maximum_depth 1) — its JSON type and text as written, not a type DuckDB inferred for the column.
 */
function jsonReaderSql(path: string): string {
  return `read_json(${S(path)}, format = 'newline_delimited', maximum_depth = 1)`;
}

/**
 * Flat JSON Lines, checked in the read that binds them (one read of the file): `from` is `src`'s rows
 * with each column's text (json_extract_string: a string itself, a number's or boolean's text) and
 * `zc_bad`, the index into `checked` of the row's first value whose JSON type the evaluator does not
 * take for the field (jsonTypesOf) or whose text fails the column's check (validSql), NULL when the
 * row is good. INVARIANT: batch and eval agree on a JSON value — DuckDB's inferred types read "3" into
 * an integer column, "true" into a boolean one and "2024-1-1" as a date, all of which eval refuses
 * (docs/sql.md lists what each format accepts); an error names the data row, the column, the expected
 * type in the evaluator's words (typeLabel) and the value as written.
 */
function jsonChecked(d: Dialect, src: string, keyCols: readonly string[], cols: readonly string[], known: ReadonlyMap<string, Column>, evalDay: string): { from: string; checked: Column[] } {
  const key = (k: string): Column => ({ name: k, type: { k: 'int' }, signed: false });
  const checked = [...keyCols.filter((k) => cols.includes(k)).map(key), ...cols.filter((c) => known.has(c)).map((c) => known.get(c)!)];
  const text = (c: string) => `json_extract_string(${d.id(c)}, '$')`;
  const bad = checked.map((c) => {
    const v = d.id(c.name);
    const check = keyCols.includes(c.name) ? keyCheck(c.name, validSql(d, c, text(c.name), evalDay), text(c.name)) : validSql(d, c, text(c.name), evalDay);
    // a money number with cents at or above 2^46 元 is no longer the decimal written (as in eval: MONEY_NUMBER_EXACT)
    const exact = valueKind(c) === 'money' ? ` AND NOT ${inexactMoneySql(v)}` : '';
    return `(coalesce(json_type(${v}), 'NULL') <> 'NULL' AND NOT coalesce(json_type(${v}) IN (${jsonTypesOf(c).map(S).join(', ')}) AND ${check.ok}${exact}, FALSE))`;
  });
  const which = checked.length ? `CASE ${bad.map((b, i) => `WHEN ${b} THEN ${i}`).join(' ')} END` : 'NULL';
  // each value stored in its column's type (a valid row's text casts exactly; a row with zc_bad fails
  // the run before any value is read): the chunks then scan typed columns, as from DuckDB's own reading
  const typed = (c: string) => {
    const col = keyCols.includes(c) ? undefined : known.get(c);
    const t = col ? columnSqlType(col) : 'BIGINT';
    return t === 'VARCHAR' ? text(c) : `TRY_CAST(${text(c)} AS ${t})`;
  };
  return { from: `(SELECT ${[...cols.map((c) => `${typed(c)} AS ${d.id(c)}`), `${which} AS zc_bad`].join(', ')} FROM ${src}) AS zc_json`, checked };
}

const PG_TYPES: Record<string, string> = { boolean: 'BOOLEAN', bigint: 'BIGINT', integer: 'INTEGER', smallint: 'SMALLINT', date: 'DATE' };

/**
 * Bind an existing table (`rel`, SQL text; `label` as the user wrote it) as the view of table `t`,
 * validated first like a file (bindFile): a column that is not the table's is an error, a missing
 * one is unknown (NULL), every value is checked (a typed column on its type where exact, else on
 * its text), and a key may not be NULL or repeated. Rows are named by their key (a table has no
 * row order). INVARIANT: what the view evaluates is what was validated — the view reads the
 * checked columns through the same casts as a file's.
 */
async function bindTable(db: Db, t: Table, rel: string, label: string, evalDay: string): Promise<void> {
  const d = db.d;
  const raw = d.id(`zc_raw.${t.name}`);
  await db.exec(`CREATE VIEW ${raw} AS SELECT * FROM ${rel}`);
  const described = d.name === 'duckdb'
    ? (await db.query(`DESCRIBE ${raw}`)).map((r) => [String(r['column_name']), String(r['column_type'])] as const)
    : (await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${S(`zc_raw.${t.name}`)} ORDER BY ordinal_position`)).map((r) => [String(r['column_name']), PG_TYPES[String(r['data_type'])] ?? String(r['data_type'])] as const);
  const cols = described.map(([c]) => c);
  const colType = new Map(described);
  const keys = keyColumns(t);
  const known = new Map(t.columns.map((c) => [c.name, c]));
  for (const c of cols) {
    if (!known.has(c) && !keys.includes(c)) throw new BatchError('ZC1202', `输入表“${label}”的列“${c}”不是表“${t.name}”的列（可用的列：${[...keys, ...t.columns.map((x) => x.name)].join('、')}；表中另有别的列时，请先建一个只选这些列的视图）`);
  }
  for (const k of keys) if (!cols.includes(k)) throw new BatchError('ZC1202', `输入表“${label}”缺少键列“${k}”（表“${t.name}”的键：${keys.join('、')}）`);
  const where = (k: readonly string[]) => k.map((x) => `${d.id(x)} IS NULL`).join(' OR ');
  const nul = await db.query(`SELECT 1 AS x FROM ${raw} WHERE ${where(keys)} LIMIT 1`);
  if (nul.length) throw new BatchError('ZC1202', `输入表“${label}”有“${keys.join('/')}”为空的行`);
  const rowName = (r: Record<string, unknown>) => keys.map((k, i) => `${k} = ${String(r[`zc_k${i}`])}`).join('、');
  // a row is named by its key's value as the user's data has it (编号 = 2, not a numeric column's
  // 2.0 or a float's 2e+00); a key that is no integer, as stored
  const keyText = (k: string) => `coalesce(CAST(${intSql(d.id(k))} AS VARCHAR), CAST(${d.id(k)} AS VARCHAR))`;
  const checks = columnChecks(d, keys, cols, known, colType, evalDay);
  const bad = checks.map((c) => `(${d.id(c.name)} IS NOT NULL AND NOT coalesce(${c.ok}, FALSE))`);
  const rows = await db.query(`SELECT ${keys.map((k, i) => `${keyText(k)} AS zc_k${i}`).join(', ')}, CASE ${checks.map((c, i) => `WHEN ${bad[i]} THEN ${i}`).join(' ')} END AS zc_col, CASE ${checks.map((c, i) => `WHEN ${bad[i]} THEN CAST(${d.id(c.name)} AS VARCHAR)`).join(' ')} END AS zc_v FROM ${raw} WHERE ${bad.join(' OR ')} ORDER BY ${keys.map((k) => d.id(k)).join(', ')} LIMIT 1`);
  if (rows.length) {
    const r = rows[0]!;
    const c = checks[Number(r['zc_col'])]!;
    throw new BatchError('ZC1202', `输入表“${label}”中 ${rowName(r)} 的行，列“${c.name}”：期望${c.expected}，实际为 ${JSON.stringify(r['zc_v'])}`);
  }
  const dup = await duplicateKey(db, raw, keys, intSql(d.id(keys[0]!)));
  if (dup) throw new BatchError('ZC1202', `输入表“${label}”中“${keys.join('/')}”（${dup.key}）有不止一行：${keys.length > 1 ? '列表的每个元素' : '每个案件（编号）'}只能有一行`);
  const sel = keys.map((k) => `CAST(${intSql(d.id(k))} AS ${k === '编号' ? 'BIGINT' : 'INTEGER'}) AS ${d.id(k)}`);
  for (const c of t.columns) sel.push(columnSelect(d, c, cols.includes(c.name) ? d.id(c.name) : undefined));
  await db.exec(`CREATE VIEW ${d.id(t.name)} AS SELECT ${sel.join(', ')} FROM ${raw}`);
}

/**
 * The rows of a chunk (ZC_BATCH_CHUNK, default 50,000): the peak memory of a DuckDB batch is one
 * chunk's query.
 */
export function chunkRows(): number {
  return Math.max(1, Number(process.env['ZC_BATCH_CHUNK'] ?? 50_000));
}

/**
 * A Parquet file is read in place (not copied into zc_all) when its largest row group has at most
 * 2.5 chunks of rows (default 125,000: DuckDB writes 122,880-row groups, `--synthesize` too): each
 * scan of a chunk then decodes at most two row groups. Files with bigger groups (pyarrow writes
 * 1,048,576-row groups by default) are copied once, as before.
 */
async function directParquet(db: Db, path: string): Promise<boolean> {
  const r = await db.query(`SELECT coalesce(max(row_group_num_rows), 0) AS n FROM parquet_metadata(${S(path)})`);
  return Number(r[0]?.['n'] ?? Infinity) <= 2.5 * chunkRows();
}

/**
 * A list given nested in the root's rows (LIST(STRUCT(…)) in Parquet/JSON) → the view of its
 * child table (编号, 序号 from 0, element fields), validated element by element: an error names
 * the data row and the element's column (子女[1].出生日期).
 */
async function bindNestedList(db: Db, l: Table, path: string, src: string, numbered: string, key: string, evalDay: string): Promise<void> {
  const d = db.d;
  const field = d.id(l.listPath!);
  const elems = `(SELECT zc_row, CAST(${key} AS BIGINT) AS zc_key, CAST(generate_subscripts(${field}, 1) - 1 AS INTEGER) AS zc_ord, unnest(${field}) AS zc_e FROM ${numbered}) AS zc_l`;
  let described: Record<string, unknown>[];
  try {
    described = await db.query(`DESCRIBE SELECT unnest(zc_e) FROM ${elems}`);
  } catch (e) {
    throw new BatchError('ZC1202', `输入文件“${path}”的列“${l.listPath}”应为记录的列表（实体「${l.entity.name}」的字段）：${(e as Error).message.split('\n')[0]}`);
  }
  const fields = described.map((r) => String(r['column_name']));
  const known = new Map(l.columns.map((c) => [c.name, c]));
  for (const f of fields) if (!known.has(f)) throw new BatchError('ZC1202', `输入文件“${path}”的列“${l.listPath}”的元素字段“${f}”不是实体「${l.entity.name}」的字段（可用的字段：${l.columns.map((c) => c.name).join('、')}）`);
  for (const c of l.columns) if (c.type === 'presence' && fields.includes(c.name)) throw new BatchError('ZC1202', `输入文件“${path}”的列“${l.listPath}”：元素中嵌套的列表或记录“${c.name}”请用每表一个文件的目录或 JSON Lines 给出`);
  const get = (f: string) => `struct_extract(zc_e, ${S(f)})`;
  const fieldType = new Map(described.map((r) => [String(r['column_name']), String(r['column_type'])]));
  const checks = fields.map((f) => ({ name: f, ...validTyped(d, known.get(f)!, get(f), `CAST(${get(f)} AS VARCHAR)`, fieldType.get(f), evalDay) }));
  // one scan for both checks: a bad field of an element first (the first by row, position), else
  // the first element that is NULL (zc_col -1) — the order of the two checks when they were two scans
  const bad = checks.map((c) => `(zc_e IS NOT NULL AND ${get(c.name)} IS NOT NULL AND NOT coalesce(${c.ok}, FALSE))`);
  const which = `CASE ${[...checks.map((c, i) => `WHEN ${bad[i]} THEN ${i}`), 'WHEN zc_e IS NULL THEN -1'].join(' ')} END`;
  const value = checks.length ? `CASE ${checks.map((c, i) => `WHEN ${bad[i]} THEN CAST(${get(c.name)} AS VARCHAR)`).join(' ')} END` : 'NULL';
  const rows = await db.query(`SELECT zc_row, zc_ord, ${which} AS zc_col, ${value} AS zc_v FROM ${elems} WHERE ${[...bad, 'zc_e IS NULL'].join(' OR ')} ORDER BY zc_e IS NULL, zc_row, zc_ord LIMIT 1`);
  if (rows.length) {
    const r = rows[0]!;
    if (Number(r['zc_col']) < 0) throw new BatchError('ZC1202', `输入文件“${path}”第 ${Number(r['zc_row'])} 行的列“${l.listPath}[${Number(r['zc_ord'])}]”为空（列表的元素应为记录；不知道的字段写 null，列表本身未知时整列写 null）`);
    const c = checks[Number(r['zc_col'])]!;
    throw new BatchError('ZC1202', `输入文件“${path}”第 ${Number(r['zc_row'])} 行（数据行）的列“${l.listPath}[${Number(r['zc_ord'])}].${c.name}”：期望${c.expected}，实际为 ${JSON.stringify(r['zc_v'])}`);
  }
  const sel = [`zc_key AS ${d.id('编号')}`, `zc_ord AS ${d.id('序号')}`];
  for (const c of l.columns) sel.push(columnSelect(d, c, fields.includes(c.name) ? get(c.name) : undefined));
  void src;
  await db.exec(`DROP TABLE IF EXISTS ${d.id(l.name)}; DROP VIEW IF EXISTS ${d.id(l.name)}; CREATE VIEW ${d.id(l.name)} AS SELECT ${sel.join(', ')} FROM ${elems}`);
}

/** A JSON value with the null-valued keys of its objects (at any depth) removed. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}

/** JSON Lines with nested records/lists: validated line by line by the interpreter's validation. */
async function loadJsonLines(db: Db, ir: IrProgram, layout: Layout, entity: string, path: string, date: string): Promise<void> {
  const text = readFileSync(path, 'utf8').replace(/^\ufeff/, '');
  const lines = text.split('\n');
  const rows: TableRows = new Map();
  /** 编号 → the line that gave it (a case is one line: see duplicateKey). */
  const seen = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw jsonLineError(path, i + 1, line, e as Error);
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new BatchError('ZC1202', `输入文件“${path}”第 ${i + 1} 行应为对象（实体「${entity}」的字段 → 值）`);
    // INVARIANT: null is unknown, as in every other input (SQL NULL, an empty CSV cell): the
    // interpreter's JSON contract has no null, so a field given as null is dropped (unknown) before
    // validation — JSON Lines exported from a database (DuckDB's COPY … (FORMAT JSON), the
    // synthesized county) write null for what is not known. A null list element stays an error.
    const rec = withoutNulls(obj) as Record<string, unknown>;
    const key = rec['编号'];
    delete rec['编号'];
    if (key !== undefined && !(typeof key === 'number' && Number.isSafeInteger(key) && key >= 0)) throw new BatchError('ZC1202', `输入文件“${path}”第 ${i + 1} 行的“编号”：期望非负整数，实际为 ${JSON.stringify(key)}`);
    const id = typeof key === 'number' ? key : n + 1;
    const before = seen.get(id);
    if (before !== undefined) throw new BatchError('ZC1202', `输入文件“${path}”第 ${i + 1} 行的“编号”（${id}）与第 ${before} 行重复：每个案件（编号）只能有一行`);
    seen.set(id, i + 1);
    const v = validateInput(ir, { [entity]: rec }, date, []);
    if (v.problems.length) {
      const p = v.problems[0]!;
      throw new BatchError('ZC1202', `输入文件“${path}”第 ${i + 1} 行的“${p.路径.replace(/^事实\.[^.]+\./, '')}”：期望${p.期望}，实际为 ${p.实际}${v.problems.length > 1 ? `（该行共 ${v.problems.length} 处问题）` : ''}`);
    }
    n++;
    caseRows(ir, layout, v.facts, id, rows);
  }
  for (const stmt of insertSql(db.d, layout, rows)) await db.exec(stmt);
}

interface Summary {
  政策: string; 文号?: string; 评估日期: string; 输入: string; 行数: number; 数据库: string;
  事件登记: { 来源: string; sha256?: string; 条数: number };
  年化口径: string;
  /** Warnings of the run (ZC1208: a PostgreSQL list table without an index on its parent key); absent when none. */
  诊断?: { 代码: string; 严重程度: string; 消息: string; 修复: string }[];
  措施: {
    措施: string; 条款: string; 对象?: string;
    /** Who receives the outcomes when not the entity evaluated (the measure's 发放对象; the same for every row, as in the interpreter's decision). */
    发放对象?: string; 行数: Record<string, number>;
    结果: { 结果: string; 周期?: string; 单位: string; 行数: number; 合计分?: string; 合计元?: string; 年化合计元?: string; 可领取行数?: number; 可领取合计元?: string }[];
    常见缺少: { 事实: string; 行数: number }[];
  }[];
}

const yuan = (fen: bigint): string => `${fen < 0n ? '-' : ''}${(fen < 0n ? -fen : fen) / 100n}.${String((fen < 0n ? -fen : fen) % 100n).padStart(2, '0')}`;

/** Per-measure summary from the decisions relation `rel` (SQL text). */
async function summarize(db: Db, ir: IrProgram, rel: string, measures: number[]): Promise<Summary['措施']> {
  const out: Summary['措施'] = [];
  for (const i of measures) {
    const m = ir.measures[i]!;
    const counts = await db.query(`SELECT m${i}_状态 AS s, count(*) AS n FROM ${rel} GROUP BY 1 ORDER BY 1`);
    const 行数: Record<string, number> = { 适用: 0, 不适用: 0, 存疑: 0, 已废止: 0, 未生效: 0 };
    for (const r of counts) 行数[String(r['s'])] = Number(r['n']);
    const 结果: Summary['措施'][number]['结果'] = [];
    for (const [j, o] of m.outcomes.entries()) {
      const money = o.type.k === 'money';
      const r = (await db.query(`SELECT count(m${i}_${j}) AS n${money ? `, CAST(coalesce(sum(m${i}_${j}), 0) AS VARCHAR) AS s` : ''}${m.application ? `, count(*) FILTER (WHERE m${i}_可领取 = '适用' AND m${i}_${j} IS NOT NULL) AS cn${money ? `, CAST(coalesce(sum(m${i}_${j}) FILTER (WHERE m${i}_可领取 = '适用'), 0) AS VARCHAR) AS cs` : ''}` : ''} FROM ${rel}`))[0]!;
      const e: Summary['措施'][number]['结果'][number] = { 结果: o.name, ...(o.period ? { 周期: o.period } : {}), 单位: o.unit, 行数: Number(r['n']) };
      if (money) {
        const fen = BigInt(String(r['s']).split('.')[0]!);
        e.合计分 = fen.toString();
        e.合计元 = yuan(fen);
        const factor = o.period === '按月' ? 12n : 1n;
        e.年化合计元 = yuan(fen * factor);
      }
      if (m.application) {
        e.可领取行数 = Number(r['cn']);
        if (money) e.可领取合计元 = yuan(BigInt(String(r['cs']).split('.')[0]!));
      }
      结果.push(e);
    }
    const unnest = db.d.name === 'duckdb' ? `unnest(m${i}_缺少)` : `unnest(m${i}_缺少)`;
    const miss = 行数['存疑']! > 0 ? await db.query(`SELECT x, count(*) AS n FROM (SELECT ${unnest} AS x FROM ${rel} WHERE m${i}_状态 = '存疑') AS zc_m GROUP BY x ORDER BY n DESC, x LIMIT 5`) : [];
    out.push({
      措施: m.name, 条款: `${m.citation.label}（${m.citation.anchor}）`, ...(m.subject ? { 对象: m.subject } : {}), ...(m.recipient ? { 发放对象: m.recipient } : {}), 行数, 结果,
      常见缺少: miss.map((r) => ({ 事实: String(r['x']), 行数: Number(r['n']) })),
    });
  }
  return out;
}

/**
 * The IR the batch evaluates: the measures `wanted` keeps plus every measure they refer to
 * (申请条件, and 适用（…）/outcomes in their rules or the definitions those use: measureRefs),
 * in IR order; its policy SQL; and the indices (into that IR) of the wanted measures. A measure about an entity that is not in the input would
 * evaluate to 不适用/存疑 on every row: it is left out of the output as before, and now out of
 * the SQL too. When nothing can be left out, or the pruned IR does not compile, the full IR.
 */
export function evaluatedIr(ir: IrProgram, wanted: (m: IrProgram['measures'][number]) => boolean, dialect: 'duckdb' | 'postgres', fullPolicy?: string): { ir: IrProgram; policy: string; measures: number[] } {
  const keep = new Set<string>();
  const add = (name: string): void => {
    const m = ir.measures.find((x) => x.name === name);
    if (!m || keep.has(name)) return;
    keep.add(name);
    if (m.application !== undefined) add(m.application);
    for (const r of measureRefs(ir, m)) add(r);
  };
  for (const m of ir.measures) if (wanted(m)) add(m.name);
  const full = () => ({ ir, policy: fullPolicy ?? emitSql(ir, dialect).value!.policy, measures: ir.measures.map((m, i) => ({ m, i })).filter(({ m }) => wanted(m)).map(({ i }) => i) });
  if (keep.size === ir.measures.length) return full();
  const sub: IrProgram = { ...ir, measures: ir.measures.filter((m) => keep.has(m.name)) };
  let r: ReturnType<typeof emitSql>;
  try { r = emitSql(sub, dialect); } catch { return full(); }
  if (!r.value || hasErrors(r.diagnostics)) return full();
  return { ir: sub, policy: r.value.policy, measures: sub.measures.map((m, i) => ({ m, i })).filter(({ m }) => wanted(m)).map(({ i }) => i) };
}

/**
 * The decision columns of a run: `col` the view's column (编号, 废止日期, m<i>_…), `name` the
 * readable name a file's column has ("生育补助.状态", "生育补助.生育补助金额（分）").
 */
function outputNames(d: Dialect, ir: IrProgram, measures: number[]): { col: string; name: string }[] {
  const cols = [{ col: d.id('编号'), name: '编号' }];
  // the policy void (废止日期) or possibly void (可能废止日期) on the evaluation date
  if (ir.policy.sunset) cols.push({ col: d.id('废止日期'), name: '废止日期' }, { col: d.id('可能废止日期'), name: '可能废止日期' });
  for (const i of measures) {
    const m = ir.measures[i]!;
    cols.push({ col: `m${i}_状态`, name: `${m.name}.状态` }, { col: `m${i}_缺少`, name: `${m.name}.缺少` });
    m.outcomes.forEach((o, j) => cols.push({ col: `m${i}_${j}`, name: `${m.name}.${o.name}${o.type.k === 'money' ? '（分）' : ''}` }));
    if (m.application) cols.push({ col: `m${i}_申请`, name: `${m.name}.申请` }, { col: `m${i}_可领取`, name: `${m.name}.可领取` });
  }
  return cols;
}

function outputColumns(d: Dialect, ir: IrProgram, measures: number[], ratio?: ReadonlySet<string>): string {
  // (PostgreSQL keeps the view's m<i>_ names: identifiers of at most 63 bytes)
  return outputNames(d, ir, measures).map((c) => {
    const v = ratio?.has(c.col) ? ratioTextSql(c.col) : c.col;
    return d.name !== 'duckdb' || (v === c.col && c.col === d.id(c.name)) ? v : `${v} AS ${d.id(c.name)}`;
  }).join(', ');
}

/** The output's ratio outcome columns (the view's m<i>_<j>: exact "n/d"). */
function ratioColumns(ir: IrProgram, measures: number[]): string[] {
  return measures.flatMap((i) => ir.measures[i]!.outcomes.flatMap((o, j) => (isRatio(o.type) ? [`m${i}_${j}`] : [])));
}

/** SQL: the text eval writes for the ratio in column `col` ("n/d" → "50%", "33.(3)%"), from zc_ratio_text (ratioTexts). */
function ratioTextSql(col: string): string {
  return `(SELECT zc_t.t FROM zc_ratio_text AS zc_t WHERE zc_t.r = ${col})`;
}

/**
 * INVARIANT: a ratio in the decisions batch writes is the text `zhengce eval` writes for it —
 * "50%", "0.48%", "33.(3)%" (formatRatio; what README and the JSON Schema document), never the SQL
 * view's exact "n/d" — whatever the input (flat or nested). Each distinct ratio of `rel`'s columns
 * `cols` is formatted once here, into the temporary table zc_ratio_text (r: "n/d", t: its text);
 * the output reads it through ratioTextSql. (A ratio outcome takes few distinct values: a
 * constant, or an input ratio.)
 */
async function ratioTexts(db: Db, rel: string, cols: readonly string[]): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS zc_ratio_text; CREATE TEMP TABLE zc_ratio_text (r VARCHAR, t VARCHAR)`);
  if (!cols.length) return;
  const { formatRatio } = await import('../interpret/interpreter.js');
  const values = (await db.query(`SELECT DISTINCT r FROM (${cols.map((c) => `SELECT ${c} AS r FROM ${rel}`).join(' UNION ALL ')}) AS zc_r WHERE r IS NOT NULL`)).map((r) => String(r['r']));
  for (let i = 0; i < values.length; i += 1000) {
    await db.exec(`INSERT INTO zc_ratio_text VALUES ${values.slice(i, i + 1000).map((v) => `(${S(v)}, ${S(formatRatio(v))})`).join(', ')}`);
  }
}

function showSummary(s: Summary): string {
  const lines = [`政策 ${s.政策}${s.文号 ? `（${s.文号}）` : ''}，评估日期 ${s.评估日期}，${s.行数} 行，数据库 ${s.数据库}`,
    `事件登记：${s.事件登记.来源}${s.事件登记.sha256 ? `（sha256 ${s.事件登记.sha256.slice(0, 16)}…，${s.事件登记.条数} 条）` : ''}`, `年化口径：${s.年化口径}`, ''];
  for (const m of s.措施) {
    lines.push(`${m.措施}　${m.条款}${m.发放对象 ? `　发放对象：${m.发放对象}` : ''}`);
    lines.push(`  适用 ${m.行数['适用']}　不适用 ${m.行数['不适用']}　存疑 ${m.行数['存疑']}　已废止 ${m.行数['已废止']}　未生效 ${m.行数['未生效']}`);
    for (const o of m.结果) if (o.合计元 !== undefined) lines.push(`  ${o.结果}${o.周期 ? `（${o.周期}）` : ''}：${o.行数} 行，合计 ${o.合计元} 元，年化 ${o.年化合计元} 元${o.可领取合计元 !== undefined ? `；可领取 ${o.可领取行数} 行 ${o.可领取合计元} 元` : ''}`);
    for (const x of m.常见缺少) lines.push(`  存疑缺少：${x.事实}（${x.行数} 行）`);
  }
  return lines.join('\n') + '\n';
}

/**
 * ZC1208 (PostgreSQL input): a list table `rel` with no index whose first column is 编号 (the
 * parent key). The view's list subqueries run per case; without such an index each one scans the
 * whole list table — quadratic in the number of cases, silently (1,000,000 households: not done
 * after 36 minutes). The fix is the key input.postgres.sql declares for the table. A view (or
 * anything that is not a table) is not judged: its indexes are those of its base tables.
 */
async function unindexedListTable(db: Db, t: Table, rel: string): Promise<Diagnostic | undefined> {
  const d = db.d;
  const r = await db.query(`SELECT c.relkind::text AS kind, EXISTS (SELECT 1 FROM pg_index AS i JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = c.oid AND a.attname = ${S(d.storedName('编号'))}) AS ok FROM pg_class AS c WHERE c.oid = to_regclass(${S(rel)})`);
  const row = r[0];
  if (!row || !['r', 'p', 'm'].includes(String(row['kind'])) || row['ok'] === true) return undefined;
  const keys = keyColumns(t).map((k) => d.id(k)).join(', ');
  return diag('ZC1208', { file: rel, start: 0, end: 0 },
    `列表子表 ${rel}（列表“${t.listPath ?? t.name}”）没有以“编号”开头的主键或索引：每个案件的列表子查询都要扫描整张子表，耗时随行数平方增长`,
    { help: `按 input.postgres.sql 的主键补上（有重复的 (${keyColumns(t).join(', ')}) 时改用索引）`, fixes: [{ title: `ALTER TABLE ${rel} ADD PRIMARY KEY (${keys});`, edits: [] }, { title: `CREATE INDEX ON ${rel} (${keys});`, edits: [] }] });
}

/** The real path of `p` when it exists (symbolic links resolved), else its absolute path. */
function samePath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * Usage errors, before any work, for an output file `path` (`flag` --out or --summary) that
 * cannot be written or would destroy the input: it names the input file itself (the decisions
 * would replace the households — the run "succeeded" and the input was gone), or its nearest
 * existing ancestor is not a directory (a later stat/mkdir failed as an internal error, exit 70)
 * or not writable. INVARIANT: a refused output leaves the input and the file system untouched.
 */
function checkWritableFile(flag: string, path: string, input: string | undefined): void {
  let dir = dirname(resolve(path));
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${flag}“${path}”无法写出：“${dir}”是文件，不是目录`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag}“${path}”是一个目录：请给一个文件名（如 ${join(path, `${flag === '--out' ? '决定' : '汇总'}${extname(path) || '.json'}`)}）`);
  if (input !== undefined && existsSync(input) && samePath(path) === samePath(input)) {
    throw new UsageError(`${flag}“${path}”就是输入文件 --in：决定会覆盖输入。请给另一个文件名`);
  }
  try {
    accessSync(dir, fsConstants.W_OK);
  } catch {
    throw new UsageError(`${flag}“${path}”无法写出：没有写入目录“${dir}”的权限`);
  }
}

export async function runBatch(argv: string[], io: Io): Promise<number> {
  const { values } = args(argv, {
    policy: { type: 'string' }, date: { type: 'string' }, in: { type: 'string' }, entity: { type: 'string' }, db: { type: 'string' },
    out: { type: 'string' }, summary: { type: 'string' }, events: { type: 'string' }, paths: { type: 'string' },
    synthesize: { type: 'string' }, seed: { type: 'string' }, profile: { type: 'string' }, docs: { type: 'string' },
  });
  if (values['help']) {
    io.out(batchHelp);
    return EXIT_OK;
  }
  const paths = (values['paths'] as string | undefined) ?? 'policies';
  const { result, policies, diagnostics } = loadPolicies([paths], nodeHost);
  if (hasErrors(diagnostics)) {
    io.err(renderDiagnosticsText(diagnostics.filter((d) => d.severity === 'error'), result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  const ref = values['policy'] as string | undefined;
  const policy: LoweredPolicy | undefined = ref ? findPolicy(policies, ref) : policies.find((p) => p.ir.policy.id === 'luanchuan') ?? policies[0];
  if (!policy) {
    io.err(renderDiagnosticsText([policyNotFound(policies, ref, paths)], result.files, { cwd: io.cwd }));
    return EXIT_FINDINGS;
  }
  if (values['synthesize'] !== undefined) {
    const { runSynthesize } = await import('../batch/synthesize-cli.js');
    return runSynthesize(policy, values, paths, io);
  }
  const date = values['date'] as string | undefined;
  if (!date || isoToDay(date) === undefined) throw new UsageError('缺少或无效的 --date（评估日期，YYYY-MM-DD）');
  const input = values['in'] as string | undefined;
  if (!input) throw new UsageError('缺少 --in（输入文件、目录或表）');
  const ir = policy.ir;
  // events: like eval, the registry beside the policies
  let events: unknown = [];
  let registry: Summary['事件登记'] = { 来源: '无（--events none）', 条数: 0 };
  const ev = values['events'] as string | undefined;
  const dflt = join(paths, 'events.yaml');
  const evPath = ev && ev !== 'none' ? ev : !ev && existsSync(dflt) ? dflt : undefined;
  if (evPath) {
    const r = readEvents(nodeHost, evPath);
    if (!r.ok) { io.err(r.message + '\n'); return EXIT_FINDINGS; }
    const v = validateInput(ir, {}, date, r.events);
    if (v.problems.length) { io.err(`事件登记“${evPath}”有 ${v.problems.length} 处问题：\n${v.problems.map((p) => `  ${p.路径}: 期望${p.期望}，实际为 ${p.实际}`).join('\n')}\n`); return EXIT_FINDINGS; }
    events = v.events;
    registry = { 来源: evPath, sha256: createHash('sha256').update(readFileSync(evPath)).digest('hex'), 条数: v.events.length };
  } else if (!ev) registry = { 来源: `无（${dflt} 不存在）`, 条数: 0 };
  const dbArg = (values['db'] as string | undefined) ?? 'duckdb';
  const isPg = dbArg.startsWith('postgres://') || dbArg.startsWith('postgresql://');
  /** `--db duckdb:FILE`: the user's DuckDB file (attached, not the working database). */
  const userDb = !isPg && dbArg.startsWith('duckdb:');
  // --out: a file of a known format (DuckDB only), else a table name — checked before any work
  const outArg = values['out'] as string | undefined;
  let outTable: TableName | undefined;
  if (outArg !== undefined) {
    const isFile = FORMATS[extname(outArg).toLowerCase()] !== undefined;
    if (isFile && isPg) throw new UsageError(`--db postgres 时 --out 应为表名（如 决定 或 模式.决定），不能是文件“${outArg}”：决定写在数据库里；要写成 ${Object.keys(FORMATS).join('、')} 文件，请用 DuckDB（不给 --db）`);
    // (the file is written beside it and renamed into place at the end: a directory there would fail only then)
    if (isFile) checkWritableFile('--out', outArg, input);
    if (!isFile) {
      outTable = parseTableName(outArg);
      if (!outTable) throw new UsageError(`--out“${outArg}”既不是 ${Object.keys(FORMATS).join('、')} 文件，也不是表名（${TABLE_NAME_RULE}）`);
      // the default DuckDB database lives only for the run: a table written there would be lost
      if (!isPg && !userDb) throw new UsageError(`--out 表“${outArg}”要写进一个数据库：请加 --db duckdb:文件（DuckDB 数据库文件）或 --db postgres://…；或写成 ${Object.keys(FORMATS).join('、')} 文件`);
    }
  }
  // --in a table: always for PostgreSQL; for DuckDB with --db duckdb:FILE when it is no file or
  // directory. Its name is checked before any work (it is written into the SQL).
  const summaryArg = values['summary'] as string | undefined;
  if (summaryArg !== undefined) {
    checkWritableFile('--summary', summaryArg, input);
    if (outArg !== undefined && resolve(summaryArg) === resolve(outArg)) throw new UsageError(`--summary 与 --out 是同一个文件“${outArg}”：汇总 JSON 会覆盖决定`);
  }
  const tableInput = isPg || (userDb && !existsSync(input));
  const inTable = tableInput ? parseTableName(input) : undefined;
  if (tableInput && !inTable) throw new UsageError(`--in“${input}”${isPg ? '' : '既不是文件或目录，也'}不是表名（${TABLE_NAME_RULE}）`);
  const sql = emitSql(ir, isPg ? 'postgres' : 'duckdb');
  if (!sql.value) {
    for (const d of sql.diagnostics) io.err(`错误[${d.code}]: ${d.message}\n`);
    return EXIT_FINDINGS;
  }
  const layout = layoutOf(ir);
  const entity = (values['entity'] as string | undefined) ?? defaultEntity(ir);
  const subject = layout.roots.find((t) => t.name === entity);
  if (!subject) throw new UsageError(`--entity 应为以下之一：${layout.roots.map((t) => t.name).join('、')}`);
  let db: Db | undefined;
  const started = Date.now();
  const pgSchema = `zc_batch_${process.pid}_${started}`;
  let timer: NodeJS.Timeout | undefined;
  /** Warnings printed on stderr before the run and kept in the summary (诊断). */
  const warnings: Diagnostic[] = [];
  /** The input file when it is read in place (bindFile: not copied): it must not change during the run. */
  let readInPlace: { path: string; size: number; mtimeMs: number } | undefined;
  /** Files and directories of the run not yet in place (parts, the rewritten output, the summary's temporary file). */
  const cleanup = new Set<string>();
  // INVARIANT: an interrupted run (Ctrl-C, kill) writes nothing, as a failed one: the parts and
  // temporary files beside --out, DuckDB's spill directory and PostgreSQL's run schema are removed
  // (they used to stay: .zc-tmp-<pid>-<out>.d with the chunks done so far, a zc_batch_* schema)
  let interrupted: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = signal;
    if (timer) clearInterval(timer);
    for (const p of cleanup) rmSync(p, { recursive: true, force: true });
    const done = (): never => {
      io.err(`\n已中断（${signal}）：没有写出任何结果\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    if (db?.interrupt) void db.interrupt(pgSchema).catch(() => undefined).finally(done);
    else done();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // ATTACH creates a missing file: with a table to read from it, a mistyped path would become a new,
    // empty database and the error would say the table is missing from it
    if (userDb && inTable && !existsSync(dbArg.slice(7))) throw new BatchError('ZC1204', `DuckDB 数据库文件“${dbArg.slice(7)}”不存在（--in“${input}”是其中的表）`);
    db = isPg ? await openPostgres(dbArg) : await openDuckDb(userDb ? dbArg.slice(7) : ':memory:');
    const d = db.d;
    if (isPg) {
      await db.exec(`CREATE SCHEMA ${pgSchema}; SET search_path TO ${pgSchema}, public; SET jit = off;`);
      // validation of a date given as text (validSql): PostgreSQL has no TRY_CAST
      await db.exec(`CREATE FUNCTION ${pgSchema}.zc_is_date(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN PERFORM t::date; RETURN TRUE; EXCEPTION WHEN others THEN RETURN FALSE; END $$`);
    }
    // an integer's text → its value, or NULL (validSql, castSql, the keys)
    await db.exec(intFunctionSql(d, pgSchema));
    if (inTable) {
      // the input table is bound first: the DDL below then keeps it (CREATE TABLE IF NOT EXISTS)
      const catalog = isPg ? undefined : USER_CATALOG;
      const schema = inTable.schema ?? (isPg ? undefined : { text: 'main', quoted: false });
      const inRel = tableSql(schema ? { schema, name: inTable.name } : inTable, catalog);
      await db.query(`SELECT 1 AS ok FROM ${inRel} LIMIT 0`).catch((e: Error & { code?: string }) => {
        // a missing table in Chinese first (the driver's English message kept after it): PostgreSQL 42P01, DuckDB's Catalog Error
        const missing = e.code === '42P01' || /^Catalog Error: Table with name .* does not exist/.test(e.message);
        const where = isPg ? 'PostgreSQL 数据库中' : `DuckDB 数据库文件“${dbArg.slice(7)}”中`;
        throw new BatchError('ZC1203', missing
          ? `输入表“${input}”在${where}不存在${isPg && !inTable.name.quoted && /[A-Z]/.test(inTable.name.text) ? '（不加双引号的名称在 PostgreSQL 中按小写查找）' : ''}（${e.message.split('\n')[0]}）`
          : `输入表“${input}”无法读取：${e.message.split('\n')[0]}`);
      });
      await bindTable(db, subject, inRel, input, date);
      // lists: child tables beside the input table, named "<表>.<列表>" (e.g. public."户.子女"),
      // with the columns of generated/<policy>/input.<dialect>.sql; a list table that is absent
      // is an error when the root table says the list is given
      const base = inTable.name.text;
      const prefix = `${catalog ? `${catalog}.` : ''}${schema ? `${partSql(schema)}.` : ''}`;
      for (const c of layout.children.filter((x) => x.root === subject.name)) {
        const rel = `${prefix}${d.id(`${base}${c.name.slice(subject.name.length)}`)}`;
        const exists = await db.query(`SELECT 1 AS ok FROM ${rel} LIMIT 0`).then(() => true, () => false);
        if (exists) {
          await bindTable(db, c, rel, `${inTable.schema ? `${partSql(inTable.schema)}.` : ''}${d.id(`${base}${c.name.slice(subject.name.length)}`)}`, date);
          const w = isPg ? await unindexedListTable(db, c, rel) : undefined;
          if (w) warnings.push(w);
        } else if (c.depth === 1) {
          const given = await db.query(`SELECT count(*) AS n FROM ${d.id(subject.name)} WHERE ${d.id(c.listPath!)} IS NOT NULL`);
          if (Number(given[0]!['n']) > 0) throw new BatchError('ZC1203', `输入表“${input}”的列表“${c.listPath}”已给出（非 NULL），但没有它的子表 ${rel}（列：编号、序号、${c.columns.map((x) => x.name).join('、')}）`);
        }
      }
    }
    if (warnings.length) io.err(renderDiagnosticsText(warnings, new Map(), { cwd: io.cwd }));
    await db.exec(sql.value.input);
    const bound = new Set<string>();
    if (inTable) {
      bound.add(subject.name);
    } else if (existsSync(input) && statSync(input).isDirectory()) {
      // INVARIANT: every data file of the directory is a table, once, and a list the parent table
      // says is given has its table — a misspelt list file (家庭.孩子.csv) used to be skipped, and
      // the list, given (TRUE) in 家庭.csv, read as given and empty: 不适用 instead of 适用
      const tables = [...layout.roots, ...layout.children];
      const files = new Map<string, string>();
      for (const f of readdirSync(input).sort()) {
        if (!FORMATS[extname(f).toLowerCase()] || f.startsWith('.')) continue;
        const stem = basename(f, extname(f));
        const t = tables.find((x) => x.name === stem);
        if (!t) throw new BatchError('ZC1202', `目录“${input}”中的文件“${f}”不是政策的表：表文件名应为 ${tables.map((x) => x.name).join('、')} 之一，加 .parquet、.csv 或 .jsonl`);
        const before = files.get(t.name);
        if (before !== undefined) throw new BatchError('ZC1202', `目录“${input}”中表“${t.name}”有两个文件：“${before}”和“${f}”；请只留一个`);
        files.set(t.name, f);
      }
      for (const [name, f] of files) {
        const t = tables.find((x) => x.name === name)!;
        await bindFile(db, t, join(input, f), date, t.listPath !== undefined);
        bound.add(t.name);
      }
      if (!bound.size) throw new BatchError('ZC1203', `目录“${input}”中没有表文件（应为 ${layout.roots.map((t) => `${t.name}.parquet`).join('、')} 等）`);
      for (const c of layout.children) {
        // elements given for a list its parent leaves unknown (the column missing or empty): the
        // list would be unknown (存疑, "missing 家庭.子女") although its file gives it
        if (bound.has(c.name) && c.depth === 1 && c.parent && bound.has(c.parent)) {
          const k = d.id('编号');
          const orphan = await db.query(`SELECT CAST(e.${k} AS VARCHAR) AS id FROM ${d.id(c.name)} AS e JOIN ${d.id(c.parent)} AS p ON p.${k} = e.${k} WHERE p.${d.id(c.listPath!)} IS NULL ORDER BY e.${k} LIMIT 1`);
          if (orphan.length) throw new BatchError('ZC1202', `目录“${input}”中表“${c.name}”有 编号 = ${String(orphan[0]!['id'])} 的元素，但表“${c.parent}”中这一行的列“${c.listPath}”${files.has(c.parent) ? '为空或没有这一列' : ''}（列表未知）：给出了列表时这一列写 true`);
        }
        if (bound.has(c.name) || !c.parent || !bound.has(c.parent)) continue;
        const col = c.listPath!;
        const given = await db.query(`SELECT count(*) AS n FROM ${d.id(c.parent)} WHERE ${d.id(col)} IS NOT NULL`);
        if (Number(given[0]!['n']) > 0) throw new BatchError('ZC1202', `目录“${input}”中表“${c.parent}”的列“${col}”给出了列表（非空），但没有列表的文件“${c.name}.parquet”（或 .csv、.jsonl；列：${keyColumns(c).join('、')}、${c.columns.map((x) => x.name).join('、')}）`);
      }
    } else if (existsSync(input)) {
      const fmt = FORMATS[extname(input).toLowerCase()];
      if (!fmt) throw new BatchError('ZC1203', `不认识输入文件“${input}”的格式（应为 .parquet、.csv 或 .jsonl）`);
      const lists = layout.children.filter((c) => c.root === subject.name);
      if (fmt === 'csv' && lists.length) {
        throw new BatchError('ZC1206', `实体「${subject.name}」有列表字段（${lists.filter((c) => c.depth === 1).map((c) => c.listPath).join('、')}），CSV 只能表示扁平的表，不能表示嵌套的列表。请用嵌套输入：Parquet（列表列为 LIST(STRUCT)）或 JSON Lines（每行一个对象，列表原样写），或每表一个文件的目录（${[subject.name, ...lists.map((c) => c.name)].map((n) => `${n}.csv`).join('、')}）`);
      }
      if (fmt === 'json' && lists.length) await loadJsonLines(db, ir, layout, subject.name, input, date);
      else if ((await bindFile(db, subject, input, date, false, layout)).direct) {
        const st = statSync(input);
        readInPlace = { path: input, size: st.size, mtimeMs: st.mtimeMs };
      }
      bound.add(subject.name);
    } else {
      throw new BatchError('ZC1203', `输入“${input}”不是文件或目录；要读数据库中的表，请用 --db duckdb:文件 或 --db postgres://…`);
    }
    const roots = layout.roots.filter((t) => bound.has(t.name));
    await db.exec(`CREATE OR REPLACE VIEW ${d.id('案件')} AS ${roots.map((t) => `SELECT ${d.id('编号')} FROM ${d.id(t.name)}`).join(' UNION ')}`);
    // INVARIANT (memory, speed): the decision view is emitted for the measures about the bound
    // tables (and the measures they refer to) only — a measure about an absent entity adds
    // decorrelated subqueries that copy every row of a chunk, and planning time, for nothing
    const ev = evaluatedIr(ir, (m) => !m.subject || roots.some((t) => t.name === m.subject), isPg ? 'postgres' : 'duckdb', sql.value.policy);
    await db.exec(ev.policy);
    // one scenario (0) for the whole batch: its evaluation date and events are rows, not SQL text
    await db.exec(`DELETE FROM zc_eval; INSERT INTO zc_eval VALUES (0, DATE ${S(date)}); DELETE FROM zc_events; DELETE FROM zc_case_scenario;`);
    const evs = events as { day: number; event: Record<string, unknown> }[];
    if (evs.length) {
      const t = (x: unknown) => (typeof x === 'string' ? S(x) : 'NULL');
      await db.exec(`INSERT INTO zc_events VALUES ${evs.map((e) => `(0, DATE ${S(String(e.event['日期']))}, ${t(e.event['级别'])}, ${t(e.event['类别'])}, ${t(e.event['地区'])}, ${t(e.event['标题'])}, ${t(e.event['文号'])})`).join(', ')}`);
    }
    const measures = ev.measures;
    const view = d.id(`zc_${ir.policy.id}_决定`);
    const out = values['out'] as string | undefined;
    const chunks = { done: 0, of: 1 };
    if (process.stderr.isTTY && !process.env['CI'] && db.progress) {
      timer = setInterval(() => {
        // DuckDB's query progress is -1 when it does not track one (as through @duckdb/node-api's
        // run): in chunks, the chunks done (plus the running chunk's share when known); otherwise
        // the time spent
        const q = db!.progress!();
        const share = q !== undefined && q >= 0 ? q : undefined;
        const p = chunks.of > 1 ? (100 * chunks.done + (share ?? 0)) / chunks.of : share;
        const secs = `，已用 ${((Date.now() - started) / 1000).toFixed(0)} 秒`;
        if (p !== undefined) process.stderr.write(`\r求值中 [${'#'.repeat(Math.round(p / 5)).padEnd(20, '.')}] ${p.toFixed(0)}%${chunks.of > 1 ? `（第 ${Math.min(chunks.done + 1, chunks.of)}/${chunks.of} 块${secs}）` : ''}`);
        else process.stderr.write(`\r求值中（${secs.slice(1)}）`);
      }, 250);
    }
    let rel: string;
    let rows: number;
    let written = '';
    const sumCols = `${d.id('编号')}, ${measures.map((i) => [`m${i}_状态`, `m${i}_缺少`, ...ev.ir.measures[i]!.outcomes.map((_, j) => `m${i}_${j}`), ...(ev.ir.measures[i]!.application ? [`m${i}_可领取`] : [])].join(', ')).join(', ')}`;
    if (!isPg && out && FORMATS[extname(out).toLowerCase()]) {
      const fmt = FORMATS[extname(out).toLowerCase()]!;
      // INVARIANT: the intermediate file is Parquet whatever the output format (the summary reads
      // the 缺少 lists back as lists; CSV would flatten them to text)
      const tmpDir = join(dirname(resolve(out)), `.zc-tmp-${process.pid}-${basename(out)}.d`);
      const tmp = join(tmpDir, '*.parquet');
      // (a recursive mkdir only for a parent that is missing: Node's recursive mkdir never returns
      // for a directory like /proc where the entry cannot be created)
      try {
        if (!existsSync(dirname(tmpDir))) mkdirSync(dirname(tmpDir), { recursive: true });
        mkdirSync(tmpDir);
      } catch (e) {
        throw new BatchError('ZC1203', `无法写出“${out}”：不能在“${dirname(tmpDir)}”中建立临时目录（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
      }
      cleanup.add(tmpDir);
      try {
        // decisions with readable names, plus the m<i>_ columns for the summary; a single input
        // file in chunks of ZC_BATCH_CHUNK rows (default 50,000). INVARIANT (memory): the peak is
        // one chunk's query (its joins hold the chunk's rows; nothing is kept from one chunk to the
        // next: each part is written to its own file), so it is bounded by the chunk, not the file
        const chunked = !isPg && Number((await db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'zc_all'`))[0]!['n']) > 0;
        const size = chunkRows();
        const last = chunked ? Number((await db.query('SELECT coalesce(max(zc_row), 0) AS n FROM zc_all'))[0]!['n']) : 0;
        // each part holds the output columns once, under their internal names (m<i>_…): the
        // summary reads those, the final rewrite renames them
        // INVARIANT (order): the decisions are in input order — a county joins them back to its
        // registry. A single input file (zc_all) is evaluated chunk by chunk in its row order, each
        // chunk's decisions sorted into the order of their input rows, and the parts are read back in
        // name order (preserve_insertion_order): the file's order. Sorting a chunk by 编号 is that
        // order when 编号 ascends down the file (or is the row number: no 编号 column) — checked once,
        // ~0.1 CPU-s for 1,000,000 rows; otherwise each chunk is joined to its rows' numbers (zc_row),
        // which costs more (docs/sql.md §4). Other inputs (a directory of tables, a database table)
        // have no row order of their own: by 编号. (Unsorted, DuckDB's joins moved a few runs of
        // rows: 3 inversions in 300,000 households.)
        const internal = outputColumns(d, ev.ir, measures).split(', ').map((c) => c.split(' AS ')[0]!);
        const hasKey = chunked && (await db.query(`SELECT 1 AS ok FROM information_schema.columns WHERE table_name = 'zc_all' AND column_name = '编号'`)).length > 0;
        const keyOrder = !hasKey || Number((await db.query(`SELECT count(*) AS n FROM (SELECT CAST(${d.id('编号')} AS BIGINT) AS zc_k, lag(CAST(${d.id('编号')} AS BIGINT)) OVER (ORDER BY zc_row) AS zc_p FROM zc_all) AS zc_a WHERE zc_k < zc_p`))[0]!['n']) === 0;
        const ordered = keyOrder
          ? `${view} AS zc_v ORDER BY zc_v.${d.id('编号')}`
          : `${view} AS zc_v JOIN (SELECT CAST(${d.id('编号')} AS BIGINT) AS zc_k, zc_row FROM zc_all WHERE zc_row BETWEEN getvariable('zc_lo') AND getvariable('zc_hi')) AS zc_o ON zc_o.zc_k = zc_v.${d.id('编号')} ORDER BY zc_o.zc_row`;
        const partSql = (file: string) => `COPY (SELECT ${internal.map((c) => `zc_v.${c}`).join(', ')} FROM ${ordered}) TO ${S(file)} (FORMAT PARQUET)`;
        if (chunked && last > size) {
          chunks.of = Math.ceil(last / size);
          for (let lo = 1, k = 0; lo <= last; lo += size, k++) {
            await db.exec(`SET VARIABLE zc_lo = ${lo}; SET VARIABLE zc_hi = ${lo + size - 1};`);
            await db.exec(partSql(join(tmpDir, `part-${String(k).padStart(6, '0')}.parquet`)));
            chunks.done = k + 1;
          }
          await db.exec(`SET VARIABLE zc_lo = 0; SET VARIABLE zc_hi = ${Number.MAX_SAFE_INTEGER};`);
        } else await db.exec(partSql(join(tmpDir, 'part-000000.parquet')));
        // INVARIANT: the rows evaluated are the rows validated — a file read in place is read again
        // by every chunk, so a file changed meanwhile (size or modification time) fails the run
        if (readInPlace) {
          const st = statSync(readInPlace.path, { throwIfNoEntry: false });
          if (!st || st.size !== readInPlace.size || st.mtimeMs !== readInPlace.mtimeMs) throw new BatchError('ZC1203', `输入文件“${readInPlace.path}”在求值期间被修改或删除：各块读到的可能不是校验过的数据`);
        }
      } catch (e) {
        rmSync(tmpDir, { recursive: true, force: true });
        throw e;
      }
      // rewrite without the internal m<i>_ columns, then rename into place
      const final = join(dirname(resolve(out)), `.zc-final-${process.pid}-${basename(out)}`);
      cleanup.add(final);
      // INVARIANT: whatever fails from here on (the summary, the rewrite, the summary file, the
      // rename) leaves neither the parts nor the rewritten file behind — nothing partial, as for a
      // failure before. The summary file is written (beside its place) before the decisions are
      // renamed into place: a summary that cannot be written used to fail after the decisions were
      // already there, with "nothing written"
      try {
        rel = `(SELECT * FROM ${readerSql(tmp, false)}) AS zc_out`;
        rows = Number((await db.query(`SELECT count(*) AS n FROM ${rel}`))[0]!['n']);
        const summaryOf = await summarize(db, ev.ir, rel, measures);
        const ratios = ratioColumns(ev.ir, measures);
        if (ratios.length) await ratioTexts(db, rel, ratios);
        await db.exec(`COPY (SELECT ${outputColumns(d, ev.ir, measures, new Set(ratios))} FROM ${readerSql(tmp, false)}) TO ${S(final)} (FORMAT ${fmt === 'json' ? 'JSON' : fmt.toUpperCase()}${fmt === 'csv' ? ', HEADER' : ''})`);
        written = out;
        return finish(summaryOf, () => renameSync(final, resolve(out)));
      } catch (e) {
        rmSync(final, { force: true });
        throw e;
      } finally {
        rmSync(tmpDir, { recursive: true, force: true });
      }
    }
    if (out) {
      // a table: created under a temporary name in one transaction, then renamed
      const t = inSchema(outTable!, isPg ? 'public' : 'main');
      const catalog = isPg ? undefined : USER_CATALOG;
      const target = tableSql(t, catalog);
      const tmpName = tableSql(withSuffix(t, `_zc_tmp_${process.pid}`), catalog);
      await db.exec('BEGIN');
      await db.exec(`DROP TABLE IF EXISTS ${tmpName}`);
      // INVARIANT: the table holds what a file holds (废止日期, 申请 too): the summary reads the
      // view's column names (m<i>_…); then DuckDB renames them to a file's readable names, and
      // PostgreSQL (identifiers of at most 63 bytes: "计划生育家庭奖励扶助延续.继续享受现行奖励扶助和优惠政策"
      // is 84) keeps them and gives each its readable name as a column comment
      const names = outputNames(d, ev.ir, measures);
      // (a table's rows are in 编号 order: a database table has no row order of its own to keep)
      const ratios = ratioColumns(ev.ir, measures);
      if (ratios.length) {
        // ratios as eval writes them (ratioTexts), formatted from the decisions evaluated once
        await db.exec(`CREATE TEMP TABLE zc_decisions_raw AS SELECT ${names.map((c) => c.col).join(', ')} FROM ${view}`);
        await ratioTexts(db, 'zc_decisions_raw', ratios);
        await db.exec(`CREATE TABLE ${tmpName} AS SELECT ${names.map((c) => (ratios.includes(c.col) ? `${ratioTextSql(c.col)} AS ${c.col}` : c.col)).join(', ')} FROM zc_decisions_raw ORDER BY ${d.id('编号')}`);
        await db.exec('DROP TABLE zc_decisions_raw');
      } else await db.exec(`CREATE TABLE ${tmpName} AS SELECT ${names.map((c) => c.col).join(', ')} FROM ${view} ORDER BY ${d.id('编号')}`);
      rel = tmpName;
      rows = Number((await db.query(`SELECT count(*) AS n FROM ${rel}`))[0]!['n']);
      const summaryOf = await summarize(db, ev.ir, rel, measures);
      for (const c of names) {
        if (c.col === d.id(c.name)) continue;
        await db.exec(isPg ? `COMMENT ON COLUMN ${tmpName}.${c.col} IS ${S(c.name)}` : `ALTER TABLE ${tmpName} RENAME COLUMN ${c.col} TO ${d.id(c.name)}`);
      }
      if (isPg) await db.exec(`COMMENT ON TABLE ${tmpName} IS ${S(`zhengce batch：政策 ${ir.policy.id}，评估日期 ${date}；列的可读名称见各列的注释`)}`);
      await db.exec(`DROP TABLE IF EXISTS ${target}`);
      await db.exec(`ALTER TABLE ${tmpName} RENAME TO ${partSql(t.name)}`);
      written = `表 ${out}`;
      return await finishAsync(summaryOf, () => db!.exec('COMMIT'));
    }
    // no --out: summary only
    const tmpName = 'zc_batch_decisions';
    await db.exec(`${isPg ? 'CREATE TEMP TABLE' : 'CREATE OR REPLACE TEMP TABLE'} ${tmpName} AS SELECT ${sumCols} FROM ${view}`);
    rel = tmpName;
    rows = Number((await db.query(`SELECT count(*) AS n FROM ${rel}`))[0]!['n']);
    return finish(await summarize(db, ev.ir, rel, measures));

    /** finish with an asynchronous `commit` (a table's COMMIT), run after the summary file is written and before it is renamed into place. */
    async function finishAsync(ms: Summary['措施'], commit: () => Promise<void>): Promise<number> {
      let pending: (() => void) | undefined;
      const code = finish(ms, undefined, (publish) => { pending = publish; });
      await commit();
      pending?.();
      return code;
    }

    /**
     * Print the summary and write its file. `commit` (the decisions' rename into place) runs after
     * the summary's temporary file is written and before that file is renamed: a summary that
     * cannot be written leaves nothing. `defer` instead hands back the summary's rename, for a
     * commit that is asynchronous (finishAsync).
     */
    function finish(ms: Summary['措施'], commit?: () => void, defer?: (publish: () => void) => void): number {
      if (timer) { clearInterval(timer); timer = undefined; process.stderr.write('\r'.padEnd(60) + '\r'); }
      const s: Summary = {
        政策: ir.policy.name, ...(ir.policy.docNumber ? { 文号: ir.policy.docNumber } : {}), 评估日期: date!, 输入: input!, 行数: rows, 数据库: isPg ? 'PostgreSQL' : userDb ? `DuckDB（${dbArg.slice(7)}）` : 'DuckDB（内嵌）',
        事件登记: registry,
        年化口径: '按月的金额 × 12，按年的 × 1，一次性的计一次（视为当年支出）；其他周期只列合计',
        ...(warnings.length ? { 诊断: warnings.map((w) => ({ 代码: w.code, 严重程度: w.severity, 消息: w.message, 修复: w.fixes?.map((f) => f.title).join('\n') ?? '' })) } : {}),
        措施: ms,
      };
      const sumPath = (values['summary'] as string | undefined) ?? (out && FORMATS[extname(out).toLowerCase()] ? `${out.slice(0, -extname(out).length)}.summary.json` : undefined);
      if (sumPath) {
        const tmp = `${sumPath}.${process.pid}.tmp`;
        cleanup.add(tmp);
        try {
          if (!existsSync(dirname(resolve(sumPath)))) mkdirSync(dirname(resolve(sumPath)), { recursive: true });
          writeFileSync(tmp, JSON.stringify(s, null, 2) + '\n');
        } catch (e) {
          rmSync(tmp, { force: true });
          throw new BatchError('ZC1203', `无法写出汇总“${sumPath}”：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        const publish = () => { renameSync(tmp, sumPath); cleanup.delete(tmp); };
        commit?.();
        if (defer) defer(publish);
        else publish();
      } else {
        commit?.();
        defer?.(() => undefined);
      }
      io.out(showSummary(s));
      io.err(`（${rows} 行，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒${written ? `；决定写入 ${written}` : ''}${sumPath ? `；汇总写入 ${sumPath}` : ''}）\n`);
      return EXIT_OK;
    }
  } catch (e) {
    if (timer) clearInterval(timer);
    for (const p of cleanup) rmSync(p, { recursive: true, force: true });
    // the running query failed because onSignal ended it: onSignal reports and exits
    if (interrupted) return interrupted === 'SIGINT' ? 130 : 143;
    if (e instanceof BatchError) {
      io.err(`错误[${e.code}]: ${e.message}\n（没有写出任何结果）\n`);
      return EXIT_FINDINGS;
    }
    const msg = (e as Error).message ?? String(e);
    const m = /ZC0805 .*/.exec(msg);
    if (m) {
      io.err(`错误[ZC0805]: ${m[0].slice(7)}\n（没有写出任何结果）\n`);
      return EXIT_FINDINGS;
    }
    if (isPg && db) await db.exec('ROLLBACK').catch(() => undefined);
    io.err(`错误[ZC1203]: 数据库执行失败：${msg.split('\n')[0]}\n（没有写出任何结果）\n`);
    return EXIT_FINDINGS;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (db) {
      if (isPg) await db.exec(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`).catch(() => undefined);
      await db.close().catch(() => undefined);
    }
  }
}
