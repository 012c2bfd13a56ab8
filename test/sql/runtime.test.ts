/**
 * The SQL runtime library (compiler/sql/runtime.ts) against compiler/common/calendar.ts, on
 * DuckDB and on a real PostgreSQL: 周岁/月龄 (民法典 §201–202: counted from the next day,
 * 29 February, month ends) on seeded random and boundary date pairs, the working-day deadline
 * on random starts inside the chinese-days coverage, and ZC0805 outside it (a SQL error naming
 * the year, never a Monday–Friday guess). ZC_SEED overrides the seed.
 * PostgreSQL over 127.0.0.1 (ZC_PG_URL): under CI=true an unreachable server fails the test.
 */
import { describe, expect, it } from 'vitest';
import { addMonthsClamped, dayNumber, formatIso, fromDayNumber, fullMonthsOfAge, fullYearsOfAge, workdayCoverage, workdayDeadline } from '../../compiler/common/calendar.js';
import { dialectOf } from '../../compiler/sql/dialect.js';
import { runtimeSql } from '../../compiler/sql/runtime.js';
import { duckdb, postgres, type Engine } from './engines.js';
import { rnd } from './cases.js';

const SEED = Number(process.env['ZC_SEED'] ?? 20261205);
const PAIRS = 20_000;
const D = (y: number, m: number, d: number) => dayNumber({ y, m, d });

/** Seeded (birth, on) day pairs, biased to anniversaries ±1 day, 29 February and month ends. */
function agePairs(): [number, number][] {
  const r = rnd(SEED);
  const out: [number, number][] = [];
  const specials = [D(2000, 2, 29), D(2004, 2, 29), D(2023, 1, 31), D(2024, 1, 31), D(2023, 8, 31), D(2024, 3, 31), D(2023, 12, 31), D(2024, 2, 28)];
  for (let i = 0; i < PAIRS; i++) {
    const birth = r.chance(0.3) ? r.pick(specials) + r.pick([-1, 0, 1]) : r.int(D(1950, 1, 1), D(2026, 12, 31));
    let on: number;
    if (r.chance(0.6)) on = dayNumber(addMonthsClamped(fromDayNumber(birth), r.int(0, 12 * 70))) + r.pick([-1, 0, 1]);
    else on = birth + r.int(-30, 365 * 70);
    out.push([birth, on]);
  }
  return out;
}

async function engines(): Promise<Engine[]> {
  const es: Engine[] = [await duckdb()];
  const pg = await postgres();
  if ('unavailable' in pg) {
    if (process.env['CI']) throw new Error(`PostgreSQL unreachable under CI: ${pg.unavailable}`);
    console.warn(`PostgreSQL 运行库测试没有运行（本机无服务器）：${pg.unavailable}`);
  } else es.push(pg);
  for (const e of es) await e.exec(runtimeSql(dialectOf(e.name)));
  return es;
}

describe('SQL runtime = compiler/common/calendar.ts', () => {
  it(`周岁 and 月龄 on ${PAIRS} seeded date pairs (seed ${SEED})`, async () => {
    const pairs = agePairs();
    const es = await engines();
    try {
      for (const e of es) {
        await e.exec('CREATE TABLE zc_pairs (i INTEGER, b INTEGER, o INTEGER)');
        for (let k = 0; k < pairs.length; k += 2000) {
          await e.exec(`INSERT INTO zc_pairs VALUES ${pairs.slice(k, k + 2000).map(([b, o], j) => `(${k + j}, ${b}, ${o})`).join(', ')}`);
        }
        const rows = await e.query('SELECT i, zc_years_of_age(b, o) AS y, zc_months_of_age(b, o) AS m FROM zc_pairs ORDER BY i');
        const bad: string[] = [];
        let decided = 0;
        for (const row of rows) {
          const [b, o] = pairs[Number(row['i'])]!;
          const ey = fullYearsOfAge(fromDayNumber(b), fromDayNumber(o));
          const em = fullMonthsOfAge(fromDayNumber(b), fromDayNumber(o));
          const gy = row['y'] === null ? undefined : Number(row['y']);
          const gm = row['m'] === null ? undefined : Number(row['m']);
          if (ey !== undefined) decided++;
          if (gy !== ey || gm !== em) bad.length < 5 && bad.push(`${e.name} seed ${SEED}: ${formatIso(fromDayNumber(b))} → ${formatIso(fromDayNumber(o))}: SQL ${gy}岁/${gm}月, calendar.ts ${ey}岁/${em}月`);
        }
        expect(bad).toEqual([]);
        expect(rows.length).toBe(PAIRS);
        expect(decided).toBeGreaterThan(PAIRS * 0.9);
      }
    } finally {
      for (const e of es) await e.close();
    }
  }, 600_000);

  it('working-day deadlines inside the coverage; ZC0805 naming the year outside it', async () => {
    const cov = workdayCoverage();
    const r = rnd(SEED + 1);
    const cases: [number, number][] = [];
    for (let i = 0; i < 300; i++) cases.push([r.int(D(cov.firstYear, 1, 1), D(cov.lastYear, 11, 30)), r.int(1, 20)]);
    cases.push([D(2024, 9, 27), 1], [D(2024, 9, 30), 1]); // 调休上班日 2024-09-29; 国庆 → 2024-10-08
    const es = await engines();
    try {
      for (const e of es) {
        const bad: string[] = [];
        for (let k = 0; k < cases.length; k += 500) {
          const part = cases.slice(k, k + 500);
          const rows = await e.query(`SELECT ${part.map(([s, n], j) => `zc_workday_deadline(${s}, ${n}) AS d${j}`).join(', ')}`);
          part.forEach(([s, n], j) => {
            const exp = workdayDeadline(fromDayNumber(s), n);
            if (!exp.ok) return; // runs past the coverage: checked below
            const got = Number(rows[0]![`d${j}`]);
            if (got !== dayNumber(exp.value)) bad.length < 5 && bad.push(`${e.name}: ${formatIso(fromDayNumber(s))} + ${n} 个工作日: SQL ${formatIso(fromDayNumber(got))}, calendar.ts ${formatIso(exp.value)}`);
          });
        }
        expect(bad).toEqual([]);
        expect(dayNumber({ y: 2024, m: 10, d: 8 })).toBe(Number((await e.query(`SELECT zc_workday_deadline(${D(2024, 9, 30)}, 1) AS d`))[0]!['d']));
        for (const [s, year] of [[D(cov.lastYear, 12, 31), cov.lastYear + 1], [D(cov.firstYear - 1, 6, 1), cov.firstYear - 1]] as const) {
          const err = await e.query(`SELECT zc_workday_deadline(${s}, 3) AS d`).then(() => undefined, (x: Error) => x.message);
          expect(err).toContain('ZC0805');
          expect(err).toContain(`${year}年`);
        }
      }
    } finally {
      for (const e of es) await e.close();
    }
  }, 600_000);
});
