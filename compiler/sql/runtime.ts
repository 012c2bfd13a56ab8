/**
 * The SQL runtime library every generated policy file starts with: exact ratio and
 * rounding helpers, 周岁/月龄 per 民法典 §201–202, month arithmetic, and the working-day
 * calendar (from chinese-days' data through compiler/common/calendar.ts, the same
 * coverage) with a deadline function that fails closed outside its coverage.
 * Input: a dialect. Output: SQL text (CREATE OR REPLACE …; idempotent, shared by all
 * policies in one database/schema).
 * INVARIANT: values are integers (day numbers, fen, counts) or ratio texts "n/d" in
 * lowest terms — the interpreter's runtime representation (compiler/ir/ir.ts).
 */
import { dayNumber, isWorkday, workdayCoverage, fromDayNumber } from '../common/calendar.js';
import type { Dialect } from './dialect.js';

/** Day numbers of the coverage, and the exceptions to Monday–Friday within it. */
export function workdayExceptions(): { first: number; last: number; firstYear: number; lastYear: number; offWeekdays: number[]; weekendWorkdays: number[] } {
  const cov = workdayCoverage();
  const first = dayNumber({ y: cov.firstYear, m: 1, d: 1 });
  const last = dayNumber({ y: cov.lastYear, m: 12, d: 31 });
  const offWeekdays: number[] = [];
  const weekendWorkdays: number[] = [];
  for (let n = first; n <= last; n++) {
    const dow = (((n % 7) + 7 + 3) % 7) + 1; // ISO weekday; 1970-01-01 was a Thursday
    const r = isWorkday(fromDayNumber(n));
    if (!r.ok) throw new Error(r.message); // INVARIANT: inside the coverage
    if (dow <= 5 && !r.value) offWeekdays.push(n);
    if (dow > 5 && r.value) weekendWorkdays.push(n);
  }
  return { first, last, firstYear: cov.firstYear, lastYear: cov.lastYear, offWeekdays, weekendWorkdays };
}

/** The runtime library for one dialect. */
export function runtimeSql(d: Dialect): string {
  const w = workdayExceptions();
  const big = d.big;
  const out: string[] = [];
  // the start day and the count are named, as zhengce eval names them, so a batch's error leads to the row
  const coverageMsg = (year: string) =>
    `'ZC0805 没有' || CAST(${year} AS VARCHAR) || '年的法定节假日和调休安排数据（chinese-days 只覆盖${w.firstYear}年至${w.lastYear}年），无法计算' || ${d.iso('s')} || '起' || CAST(n AS VARCHAR) || '个工作日内的期限；不按周一至周五推测'`;
  const days = `(SELECT CAST(zc_s AS INTEGER) AS d FROM ${d.name === 'duckdb' ? `range(${w.first}, ${w.last + 1}) AS zc_r(zc_s)` : `generate_series(${w.first}, ${w.last}) AS zc_r(zc_s)`}) AS zc_days`;
  const workdaysTable = `CREATE TABLE IF NOT EXISTS zc_workday AS
SELECT CAST(row_number() OVER (ORDER BY d) AS INTEGER) AS i, d FROM ${days}
WHERE ((((d % 7) + 7 + 3) % 7) + 1 <= 5 AND d NOT IN (${w.offWeekdays.join(', ')}))
   OR d IN (${w.weekendWorkdays.join(', ')});`;
  out.push(`-- 工作日历：chinese-days 数据覆盖 ${w.firstYear}—${w.lastYear} 年（日序号 ${w.first}—${w.last}）；表外的年份一律报错 ZC0805。`);
  out.push(workdaysTable);
  if (d.name === 'duckdb') {
    out.push(
      `CREATE OR REPLACE MACRO zc_rdiv(a, b) AS CAST(CASE WHEN (a < 0) <> (b < 0) THEN -1 ELSE 1 END * ((2 * abs(CAST(a AS ${big})) + abs(CAST(b AS ${big}))) // (2 * abs(CAST(b AS ${big})))) AS BIGINT);`,
      `CREATE OR REPLACE MACRO zc_rn(t) AS CAST(split_part(t, '/', 1) AS ${big});`,
      `CREATE OR REPLACE MACRO zc_rd(t) AS CAST(split_part(t, '/', 2) AS ${big});`,
      `CREATE OR REPLACE MACRO zc_ratio(n, dd) AS CASE WHEN n = 0 AND dd IS NOT NULL THEN '0/1' ELSE CAST(CASE WHEN (n < 0) <> (dd < 0) THEN -1 ELSE 1 END * (abs(CAST(n AS ${big})) // gcd(abs(CAST(n AS ${big})), abs(CAST(dd AS ${big})))) AS VARCHAR) || '/' || CAST(abs(CAST(dd AS ${big})) // gcd(abs(CAST(n AS ${big})), abs(CAST(dd AS ${big}))) AS VARCHAR) END;`,
      `CREATE OR REPLACE MACRO zc_ratio_cmp(a, b) AS sign(zc_rn(a) * zc_rd(b) - zc_rn(b) * zc_rd(a));`,
      `CREATE OR REPLACE MACRO zc_add_months(n, k) AS ${d.addMonths('n', 'k')};`,
      // 月龄: the largest k with on > M(k), M(k) = birth + k months (month-end clamped); 0 on the birth day
      // on > M(k) ⟺ day(on) > min(day(birth), days in on's month), k = whole calendar months between them
      `CREATE OR REPLACE MACRO zc_mo(bd, od) AS 12 * (year(od) - year(bd)) + month(od) - month(bd) - CASE WHEN day(od) <= least(day(bd), day(last_day(od))) THEN 1 ELSE 0 END;`,
      `CREATE OR REPLACE MACRO zc_months_of_age(b, o) AS CASE WHEN b IS NULL OR o IS NULL OR o < b THEN NULL ELSE greatest(0, zc_mo(DATE '1970-01-01' + CAST(b AS INTEGER), DATE '1970-01-01' + CAST(o AS INTEGER))) END;`,
      `CREATE OR REPLACE MACRO zc_years_of_age(b, o) AS CAST(floor(zc_months_of_age(b, o) / 12) AS INTEGER);`,
      `CREATE OR REPLACE MACRO zc_workday_deadline(s, n) AS CASE
  WHEN n < 1 THEN s
  WHEN s + 1 < ${w.first} THEN ${d.raiseInt(coverageMsg(d.yearOf('s + 1')))}
  ELSE coalesce((SELECT zc_w.d FROM zc_workday AS zc_w WHERE zc_w.i = (SELECT count(*) FROM zc_workday AS zc_v WHERE zc_v.d <= s) + n),
    ${d.raiseInt(coverageMsg(d.yearOf(`greatest(s + 1, ${w.last + 1})`)))}) END;`,
    );
  } else {
    const fn = (sig: string, ret: string, body: string, vol = 'IMMUTABLE') => `CREATE OR REPLACE FUNCTION ${sig} RETURNS ${ret} LANGUAGE sql ${vol} AS $zc$ SELECT ${body} $zc$;`;
    out.push(
      `CREATE OR REPLACE FUNCTION zc_raise_int(msg text) RETURNS integer LANGUAGE plpgsql AS $zc$ BEGIN RAISE EXCEPTION '%', msg USING ERRCODE = 'data_exception'; END $zc$;`,
      fn('zc_rdiv(a numeric, b numeric)', 'bigint', `(CASE WHEN (a < 0) <> (b < 0) THEN -1 ELSE 1 END * div(2 * abs(a) + abs(b), 2 * abs(b)))::bigint`),
      fn('zc_rn(t text)', 'numeric', `split_part(t, '/', 1)::numeric`),
      fn('zc_rd(t text)', 'numeric', `split_part(t, '/', 2)::numeric`),
      fn('zc_ratio(n numeric, dd numeric)', 'text', `CASE WHEN n = 0 AND dd IS NOT NULL THEN '0/1' ELSE (CASE WHEN (n < 0) <> (dd < 0) THEN -1 ELSE 1 END * div(abs(n), gcd(abs(n), abs(dd))))::text || '/' || div(abs(dd), gcd(abs(n), abs(dd)))::text END`),
      fn('zc_ratio_cmp(a text, b text)', 'integer', `sign(zc_rn(a) * zc_rd(b) - zc_rn(b) * zc_rd(a))::integer`),
      fn('zc_add_months(n integer, k integer)', 'integer', d.addMonths('n', 'k')),
      fn('zc_mo(bd date, od date)', 'integer', `(12 * (extract(year FROM od) - extract(year FROM bd)) + extract(month FROM od) - extract(month FROM bd) - CASE WHEN extract(day FROM od) <= least(extract(day FROM bd), extract(day FROM (date_trunc('month', od) + interval '1 month - 1 day'))) THEN 1 ELSE 0 END)::integer`),
      fn('zc_months_of_age(b integer, o integer)', 'integer', `CASE WHEN b IS NULL OR o IS NULL OR o < b THEN NULL ELSE greatest(0, zc_mo(DATE '1970-01-01' + b, DATE '1970-01-01' + o)) END`),
      fn('zc_years_of_age(b integer, o integer)', 'integer', `div(zc_months_of_age(b, o), 12)::integer`),
      // two index lookups per call (a count of the workdays up to s was a scan of the whole table,
      // ~0.8 ms per call): i is the 1-based rank of d, so the workdays up to s are the i of the last
      // one on or before s (0 when none)
      `CREATE UNIQUE INDEX IF NOT EXISTS zc_workday_d ON zc_workday (d) INCLUDE (i);`,
      `CREATE UNIQUE INDEX IF NOT EXISTS zc_workday_i ON zc_workday (i) INCLUDE (d);`,
      fn('zc_workday_deadline(s integer, n integer)', 'integer', `CASE
  WHEN n < 1 THEN s
  WHEN s + 1 < ${w.first} THEN ${d.raiseInt(coverageMsg(d.yearOf('s + 1')).replace(/AS VARCHAR/g, 'AS text'))}
  ELSE coalesce((SELECT zc_w.d FROM zc_workday AS zc_w WHERE zc_w.i = coalesce((SELECT zc_v.i FROM zc_workday AS zc_v WHERE zc_v.d <= s ORDER BY zc_v.d DESC LIMIT 1), 0) + n),
    ${d.raiseInt(coverageMsg(d.yearOf(`greatest(s + 1, ${w.last + 1})`)).replace(/AS VARCHAR/g, 'AS text'))}) END`, 'STABLE'),
    );
  }
  return out.join('\n') + '\n';
}
