/**
 * Interleaved A/B of `zhengce batch` at scale between two built trees (A, B: each a checkout with
 * bin/ and dist/ built), on the same synthetic county (luanchuan, seed 1): DuckDB Parquet → Parquet
 * file, and PostgreSQL table → table (the tables loaded once, keyed as test/bench/batch.mjs keys them).
 * Rounds alternate A B, B A, …; each run's wall, the client's user + system CPU (/usr/bin/time) and,
 * for PostgreSQL, the local server's CPU over the run (batch.mjs's pgServerCpuMs: includes other
 * sessions on a shared server) are printed as JSON lines, then medians. Used for issue 24 item 4
 * (what keeping input order costs: docs/sql.md §4).
 *
 *   ZC_AB_A=/path/to/base ZC_AB_B=. ZC_AB_ROWS=1000000 ZC_AB_ROUNDS=5 ZC_AB_ENGINES=duckdb,postgres node test/bench/batch-ab.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pgServerCpuMs } from './batch.mjs';

const A = resolve(process.env['ZC_AB_A'] ?? '');
const B = resolve(process.env['ZC_AB_B'] ?? '.');
const N = Number(process.env['ZC_AB_ROWS'] ?? 1_000_000);
const ROUNDS = Number(process.env['ZC_AB_ROUNDS'] ?? 5);
const ENGINES = (process.env['ZC_AB_ENGINES'] ?? 'duckdb,postgres').split(',');
const PG = process.env['ZC_PG_URL'] ?? 'postgres://zhengce:zhengce@127.0.0.1:5432/zhengce_test';
if (!existsSync(join(A, 'bin', 'zhengce.js'))) throw new Error('ZC_AB_A: a built checkout (bin/zhengce.js) to compare with');
const tmp = mkdtempSync(join(tmpdir(), 'zc-batch-ab-'));
const zc = (tree, args) => spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'node', join(tree, 'bin', 'zhengce.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const input = join(tmp, 'county.parquet');
const syn = zc(B, ['batch', '--synthesize', String(N), '--seed', '1', '--policy', 'luanchuan', '--paths', join(B, 'policies'), '--out', input]);
if (syn.status !== 0) throw new Error(syn.stderr);
const table = 'zc_ab_households';
if (ENGINES.includes('postgres')) {
  // the relational layout, as batch.mjs loads it: the household table and one keyed child table per list
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const cols = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${input}')`)).getRowObjectsJson().map((r) => [String(r['column_name']), String(r['column_type'])]);
  const pgType = (t) => ({ BIGINT: 'bigint', INTEGER: 'integer', BOOLEAN: 'boolean', DATE: 'date', VARCHAR: 'text' })[t] ?? 'text';
  const src = `read_parquet('${input}')`;
  const tables = [{ name: table, csv: join(tmp, 'h.csv'), select: `SELECT ${cols.map(([n, t]) => (t.endsWith('[]') ? `CASE WHEN "${n}" IS NOT NULL THEN TRUE END AS "${n}"` : `"${n}"`)).join(', ')} FROM ${src}`,
    ddl: [...cols.map(([n, t]) => `"${n}" ${t.endsWith('[]') ? 'boolean' : pgType(t)}`), 'PRIMARY KEY ("编号")'].join(', ') }];
  for (const [n] of cols.filter(([, t]) => t.endsWith('[]'))) {
    const fields = (await c.runAndReadAll(`DESCRIBE SELECT unnest(e) FROM (SELECT unnest("${n}") AS e FROM ${src} LIMIT 1)`)).getRowObjectsJson().map((r) => [String(r['column_name']), String(r['column_type'])]);
    tables.push({ name: `${table}.${n}`, csv: join(tmp, `h.${n}.csv`), select: `SELECT "编号", CAST(generate_subscripts("${n}", 1) - 1 AS INTEGER) AS "序号", unnest("${n}", recursive := true) FROM ${src}`,
      ddl: [`"编号" bigint`, `"序号" integer`, ...fields.map(([f, t]) => `"${f}" ${pgType(t)}`), 'PRIMARY KEY ("编号", "序号")'].join(', ') });
  }
  for (const t of tables) await c.run(`COPY (${t.select}) TO '${t.csv}' (FORMAT CSV, HEADER)`);
  c.closeSync();
  inst.closeSync();
  const args = [PG, '-v', 'ON_ERROR_STOP=1'];
  for (const t of tables) args.push('-c', `DROP TABLE IF EXISTS public."${t.name}"; CREATE TABLE public."${t.name}" (${t.ddl});`, '-c', `\\copy public."${t.name}" FROM '${t.csv}' CSV HEADER`);
  const load = spawnSync('psql', args, { encoding: 'utf8' });
  if (load.status !== 0) throw new Error(load.stderr);
}
const runs = [];
function run(engine, tag) {
  const tree = tag === 'A' ? A : B;
  const common = ['batch', '--policy', 'luanchuan', '--date', '2024-07-01', '--paths', join(tree, 'policies')];
  const args = engine === 'duckdb' ? [...common, '--in', input, '--out', join(tmp, `out-${tag}.parquet`)] : [...common, '--db', PG, '--in', `public.${table}`, '--out', `public.${table}_out_${tag.toLowerCase()}`];
  const s0 = engine === 'postgres' ? pgServerCpuMs() : undefined;
  const l0 = loadavg()[0];
  const r = zc(tree, args);
  const s1 = engine === 'postgres' ? pgServerCpuMs() : undefined;
  if (r.status !== 0) throw new Error(`${engine} ${tag}: ${r.stderr}`);
  const [wall, u, s] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  const x = { engine, tag, wall, cpu: +(u + s).toFixed(2), ...(s0 !== undefined && s1 !== undefined ? { serverCpu: (s1 - s0) / 1000 } : {}), load: [l0, loadavg()[0]].map((v) => v.toFixed(1)) };
  runs.push(x);
  console.log(JSON.stringify(x));
}
try {
  for (const engine of ENGINES) for (let i = 0; i < ROUNDS; i++) for (const tag of i % 2 ? ['B', 'A'] : ['A', 'B']) run(engine, tag);
} finally {
  if (ENGINES.includes('postgres')) spawnSync('psql', [PG, '-qc', `DROP TABLE IF EXISTS public."${table}", public."${table}.夫妻", public."${table}.子女", public."${table}.计划生育证件", public.${table}_out_a, public.${table}_out_b`], { encoding: 'utf8' });
  rmSync(tmp, { recursive: true, force: true });
}
const med = (a) => { const s = [...a].sort((x, y) => x - y); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
for (const engine of ENGINES) {
  const m = (tag, k) => med(runs.filter((r) => r.engine === engine && r.tag === tag && r[k] !== undefined).map((r) => r[k]));
  console.log(`${engine}: median wall A ${m('A', 'wall')} s, B ${m('B', 'wall')} s; client CPU A ${m('A', 'cpu')} s, B ${m('B', 'cpu')} s${engine === 'postgres' ? `; server CPU A ${m('A', 'serverCpu')} s, B ${m('B', 'serverCpu')} s` : ''} (${ROUNDS} rounds, ${N} households)`);
}
