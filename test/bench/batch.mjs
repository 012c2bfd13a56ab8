/**
 * Benchmark section "batch": `zhengce batch` end to end on a synthetic county
 * (`zhengce batch --synthesize N --seed 1`, policies/luanchuan/人口画像.yaml), all measures.
 *   1. DuckDB (embedded): N households from Parquet → decisions Parquet + summary (rows/s,
 *      wall, CPU, peak RSS of the child process);
 *   2. the generated TypeScript evaluator over the same rows in one Node process (rows read
 *      from the same Parquet with DuckDB, evaluated one by one), twice: `evaluate` (decisions
 *      with traces) and `evaluateFast` (no traces) — only when the committed
 *      generated/<policy> module evaluates the current IR (otherwise said, not guessed);
 *   3. PostgreSQL (ZC_PG_URL, 127.0.0.1): the same rows loaded with psql \copy, then
 *      `zhengce batch --db postgres://… --in <table>` (the load is timed apart);
 *   4. peak RSS of a DuckDB batch over BIG rows (default 10,000,000; goal < 1 GB).
 * Sizes: ZC_BENCH_BATCH_ROWS (default 1,000,000), ZC_BENCH_BATCH_PG_ROWS (default the same),
 * ZC_BENCH_BATCH_BIG (default 10,000,000; 0 skips step 4), ZC_BENCH_BATCH_TS_ROWS (rows through the
 * traced `evaluate`; default all N — `evaluateFast` always gets all N: the goal compares with it).
 * Each figure is also logged as soon as it is measured, with the load average.
 * With `--baseline DIR` (run.mjs): the baseline checkout's `zhengce batch` (DuckDB) on the SAME
 * Parquet, interleaved with this tree's (baseline, this, baseline, this … for
 * ZC_BENCH_BATCH_RUNS rounds, default 1; medians), and the before → after ratio.
 * Goal row (issue 11): DuckDB batch ≥ 1× evaluateFast over the same rows — printed as met / not
 * met, by CPU time (the steadier figure on a shared machine) and by wall time.
 *
 *   export default { name: 'batch', title, run(ctx) }
 *   node test/bench/batch.mjs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, fix, int, rssMethod, table, timeNode } from './util.mjs';

const TITLE = 'zhengce batch on a synthetic county (luanchuan): DuckDB, generated evaluator, PostgreSQL; peak RSS';
const BIN = join(ROOT, 'bin', 'zhengce.js');
const POLICY = 'luanchuan';
const DATE = '2024-07-01';
const PG_URL = process.env['ZC_PG_URL'] ?? 'postgres://zhengce:zhengce@127.0.0.1:5432/zhengce_test';

/**
 * CPU milliseconds used so far by the local PostgreSQL server: every process named postgres
 * (utime + stime) plus what the postmaster reaped from ended backends (cutime + cstime); undefined
 * when none is visible in /proc (the server is elsewhere). A delta over a run includes whatever
 * else the server did meanwhile (other sessions on a shared machine: say so beside the figure).
 */
export function pgServerCpuMs() {
  let ticks = 0;
  let seen = false;
  for (const pid of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    let f;
    try { f = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    const comm = f.slice(f.indexOf('(') + 1, f.lastIndexOf(')'));
    if (comm !== 'postgres') continue;
    const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
    seen = true;
    // fields 14–17 of stat (utime, stime, cutime, cstime) are x[11..14]; cutime/cstime only count
    // children (the postmaster's backends), so adding them for every process counts each once
    ticks += Number(x[11]) + Number(x[12]) + Number(x[13]) + Number(x[14]);
  }
  return seen ? ticks * 10 : undefined;
}

function zc(args, what) {
  const r = timeNode(BIN, args);
  if (r.status !== 0) throw new Error(`${what}: exit ${r.status}\n${r.stderr.slice(-2000)}`);
  return r;
}

/**
 * The generated evaluator over the rows of a Parquet file, in this process (or why not):
 * `fn` = 'evaluate' (decisions with traces) or 'evaluateFast' (the same decisions' statuses,
 * outcomes and missing facts, no traces — what a developer loops over for a batch).
 */
export async function generatedEvaluator(parquet, rows, limit, fn = 'evaluate') {
  const mod = join(ROOT, 'dist', 'generated', POLICY, 'index.js');
  if (!existsSync(mod)) return { unavailable: `${mod} 不存在` };
  const g = await import(pathToFileURL(mod).href);
  const evaluate = g[fn] ?? g.default?.[fn];
  if (typeof evaluate !== 'function') return { unavailable: `generated module exports no ${fn}()` };
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // nested rows (夫妻/子女 lists) as JSON text, parsed here: integers stay numbers, dates ISO texts;
  // nulls (unknown) are dropped as the interpreter's input expects (parsing is inside the timing)
  const res = await c.stream(`SELECT to_json(h) AS j FROM read_parquet('${parquet}') AS h ORDER BY h."编号" LIMIT ${limit}`);
  const strip = (v) => (Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, strip(x)])) : v);
  let n = 0;
  let errors = 0;
  let firstError;
  for await (const rows of res.yieldRowObjectJson()) {
    for (const row of rows) {
      const { 编号: _k, ...facts } = strip(JSON.parse(row.j));
      try {
        evaluate({ 家庭: facts }, DATE);
      } catch (e) {
        errors++;
        firstError ??= String(e?.message ?? e).slice(0, 200);
      }
      n++;
    }
  }
  const ms = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  c.closeSync();
  inst.closeSync();
  if (errors === n) return { unavailable: `every row failed in the generated evaluator (${firstError})` };
  return { ms, cpuMs: (cu.user + cu.system) / 1000, rows: n, errors, firstError, expected: rows };
}

const loadNow = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const median = (xs) => { const a = xs.filter((x) => Number.isFinite(x)).sort((p, q) => p - q); return a.length ? (a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2) : NaN; };

export async function benchBatch(opts = {}) {
  const N = opts.rows ?? Number(process.env['ZC_BENCH_BATCH_ROWS'] ?? 1_000_000);
  const NPG = opts.pgRows ?? Number(process.env['ZC_BENCH_BATCH_PG_ROWS'] ?? N);
  const BIG = opts.big ?? Number(process.env['ZC_BENCH_BATCH_BIG'] ?? 10_000_000);
  const NTS = opts.tsRows ?? Number(process.env['ZC_BENCH_BATCH_TS_ROWS'] ?? N);
  const say = opts.log ?? (() => {});
  const tmp = opts.tmp ?? mkdtempSync(join(tmpdir(), 'zhengce-bench-batch-'));
  const lines = [];
  const summary = { rows: N };
  // ratios by wall time and by CPU time (the machine may be shared: CPU time is the steadier one;
  // DuckDB's CPU time is both its threads')
  const rowsT = [['run', 'rows', 'wall s', 'CPU s', 'rows/s (wall)', 'rows/CPU-s', 'peak RSS MB', 'ratio to DuckDB (wall)', '(CPU)']];
  const perCpu = (n, cpuMs) => (cpuMs ? n / (cpuMs / 1000) : NaN);
  const h = join(tmp, 'households.parquet');
  const syn = zc(['batch', '--synthesize', String(N), '--seed', '1', '--policy', POLICY, '--out', h], 'synthesize');
  lines.push(`  synthesize ${int(N)} households → Parquet: ${fix(syn.ms / 1000)} s`);
  say(lines.at(-1));
  // 1. DuckDB (and the baseline's, interleaved on the same file)
  const base = opts.baseline;
  const rounds = Math.max(1, opts.runs ?? Number(process.env['ZC_BENCH_BATCH_RUNS'] ?? 1));
  const runs = { base: [], cur: [] };
  for (let k = 0; k < rounds; k++) {
    if (base) {
      const b = timeNode(join(base.root, 'bin', 'zhengce.js'), ['batch', '--policy', POLICY, '--date', DATE, '--in', h, '--out', join(tmp, 'decisions-base.parquet')], { cwd: base.root });
      if (b.status !== 0) throw new Error(`baseline DuckDB batch: exit ${b.status}\n${b.stderr.slice(-2000)}`);
      runs.base.push(b);
      say(`  BEFORE (baseline ${base.commit.slice(0, 9)}) DuckDB batch, round ${k + 1}: ${fix(b.ms / 1000)} s wall, ${fix((b.cpuMs ?? NaN) / 1000)} s CPU, peak RSS ${int(b.rssMB ?? NaN)} MB (load average ${loadNow()})`);
    }
    const c = zc(['batch', '--policy', POLICY, '--date', DATE, '--in', h, '--out', join(tmp, 'decisions.parquet')], 'DuckDB batch');
    runs.cur.push(c);
    say(`  DuckDB batch, round ${k + 1}: ${fix(c.ms / 1000)} s wall, ${fix((c.cpuMs ?? NaN) / 1000)} s CPU, peak RSS ${int(c.rssMB ?? NaN)} MB (load average ${loadNow()})`);
  }
  const med = (rs) => ({ ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs ?? NaN)), rssMB: Math.max(...rs.map((r) => r.rssMB ?? NaN)) });
  const duck = med(runs.cur);
  const duckRate = N / (duck.ms / 1000);
  const duckCpuRate = perCpu(N, duck.cpuMs);
  rowsT.push([`zhengce batch (DuckDB, Parquet → Parquet)${rounds > 1 ? `, median of ${rounds}` : ''}`, int(N), fix(duck.ms / 1000), fix((duck.cpuMs ?? NaN) / 1000), int(duckRate), int(duckCpuRate), int(duck.rssMB ?? NaN), '1.00', '1.00']);
  summary.duckdb = { ms: duck.ms, cpuMs: duck.cpuMs, rowsPerS: duckRate, rowsPerCpuS: duckCpuRate, rssMB: duck.rssMB };
  if (base) {
    const b = med(runs.base);
    const bRate = N / (b.ms / 1000);
    const bCpuRate = perCpu(N, b.cpuMs);
    rowsT.push([`BEFORE: baseline ${base.commit.slice(0, 9)} zhengce batch (DuckDB, same file, interleaved)`, int(N), fix(b.ms / 1000), fix((b.cpuMs ?? NaN) / 1000), int(bRate), int(bCpuRate), int(b.rssMB ?? NaN), fix(bRate / duckRate, 2), fix(bCpuRate / duckCpuRate, 2)]);
    summary.duckdbBaseline = { commit: base.commit, ms: b.ms, cpuMs: b.cpuMs, rowsPerS: bRate, rowsPerCpuS: bCpuRate, rssMB: b.rssMB };
    lines.push(`  before → after (DuckDB batch, ${base.commit.slice(0, 9)} → this tree): ${int(bRate)} → ${int(duckRate)} rows/s by wall (${fix(duckRate / bRate, 2)}×), ${int(bCpuRate)} → ${int(duckCpuRate)} rows/CPU-s (${fix(duckCpuRate / bCpuRate, 2)}×)`);
  }
  // 2. generated evaluator: evaluate (traces) and evaluateFast (no traces), the same rows and read path
  say(`  DuckDB batch: ${int(N)} rows in ${fix(duck.ms / 1000)} s = ${int(duckRate)} rows/s, peak RSS ${int(duck.rssMB ?? NaN)} MB`);
  for (const fn of ['evaluate', 'evaluateFast']) {
    const g = await generatedEvaluator(h, N, fn === 'evaluateFast' ? N : NTS, fn);
    if ('unavailable' in g) {
      lines.push(`  generated evaluator (${fn}): not measured — ${g.unavailable}`);
      summary[fn] = { unavailable: g.unavailable };
      continue;
    }
    const rate = g.rows / (g.ms / 1000);
    const cpuRate = perCpu(g.rows, g.cpuMs);
    rowsT.push([`generated TypeScript ${fn} (same rows, one process)`, int(g.rows), fix(g.ms / 1000), fix(g.cpuMs / 1000), int(rate), int(cpuRate), '—', fix(rate / duckRate, 2), fix(cpuRate / duckCpuRate, 2)]);
    if (g.errors) lines.push(`  generated ${fn}: ${g.errors} row(s) threw (first: ${g.firstError})`);
    summary[fn] = { ms: g.ms, cpuMs: g.cpuMs, rowsPerS: rate, rowsPerCpuS: cpuRate, errors: g.errors };
    say(`  generated ${fn}: ${int(g.rows)} rows in ${fix(g.ms / 1000)} s = ${int(rate)} rows/s, ${fix(g.cpuMs / 1000)} s CPU (${g.errors} threw; load average ${loadNow()})`);
  }
  // the goal of issue 11: the DuckDB batch at least as fast as evaluateFast over the same rows
  const fast = summary.evaluateFast;
  if (fast && !fast.unavailable) {
    const byCpu = duckCpuRate / fast.rowsPerCpuS;
    const byWall = duckRate / fast.rowsPerS;
    summary.goal = { byCpu, byWall, metByCpu: byCpu >= 1, metByWall: byWall >= 1 };
    lines.push(`  goal (issue 11): DuckDB batch ≥ 1× evaluateFast over the same ${int(N)} rows — by CPU ${fix(byCpu, 2)}×: ${byCpu >= 1 ? 'met' : 'NOT met'}; by wall ${fix(byWall, 2)}×: ${byWall >= 1 ? 'met' : 'NOT met'} (load average ${loadNow()})`);
  } else lines.push('  goal (issue 11): DuckDB batch ≥ 1× evaluateFast — not judged (evaluateFast not measured)');
  // 3. PostgreSQL
  if (NPG > 0) {
    const psql = spawnSync('psql', ['--version'], { encoding: 'utf8' });
    const ping = psql.status === 0 ? spawnSync('psql', [PG_URL, '-qtAc', 'SELECT 1'], { encoding: 'utf8' }) : psql;
    if (ping.status !== 0) {
      lines.push(`  PostgreSQL: not measured — ${PG_URL.replace(/\/\/[^@/]*@/, '//…@')} unreachable (${(ping.stderr || ping.error?.message || '').trim().slice(0, 200)})`);
      summary.postgres = { unavailable: true };
    } else {
      // the relational layout in PostgreSQL: the household table (list columns → presence flags)
      // and one child table per list ("<table>.子女": 编号, 序号, fields), each loaded with \copy;
      // keyed as generated/<policy>/input.postgres.sql keys them — without the key of a child table
      // every list subquery scans the whole table per household (quadratic: a 1,000,000-row run
      // used 600 s of server CPU in 36 minutes without finishing)
      const tbl = `zc_bench_households_${process.pid}`;
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const inst = await DuckDBInstance.create(':memory:');
      const c = await inst.connect();
      const cols = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${h}')`)).getRowObjectsJson().map((r) => [String(r['column_name']), String(r['column_type'])]);
      const pgType = (t) => ({ BIGINT: 'bigint', INTEGER: 'integer', BOOLEAN: 'boolean', DATE: 'date', VARCHAR: 'text' })[t] ?? 'text';
      const src = `(SELECT * FROM read_parquet('${h}') ORDER BY 1 LIMIT ${NPG})`;
      const lists = cols.filter(([, t]) => t.endsWith('[]'));
      const tables = [{ name: tbl, csv: join(tmp, 'households.csv'), select: `SELECT ${cols.map(([n, t]) => (t.endsWith('[]') ? `CASE WHEN "${n}" IS NOT NULL THEN TRUE END AS "${n}"` : `"${n}"`)).join(', ')} FROM ${src}`,
        ddl: [...cols.map(([n, t]) => `"${n}" ${t.endsWith('[]') ? 'boolean' : pgType(t)}`), 'PRIMARY KEY ("编号")'].join(', ') }];
      for (const [n] of lists) {
        const fields = (await c.runAndReadAll(`DESCRIBE SELECT unnest(e) FROM (SELECT unnest("${n}") AS e FROM read_parquet('${h}') LIMIT 1)`)).getRowObjectsJson().map((r) => [String(r['column_name']), String(r['column_type'])]);
        tables.push({ name: `${tbl}.${n}`, csv: join(tmp, `households.${n}.csv`),
          select: `SELECT "编号", CAST(generate_subscripts("${n}", 1) - 1 AS INTEGER) AS "序号", unnest("${n}", recursive := true) FROM ${src}`,
          ddl: [`"编号" bigint`, `"序号" integer`, ...fields.map(([f, t]) => `"${f}" ${pgType(t)}`), 'PRIMARY KEY ("编号", "序号")'].join(', ') });
      }
      for (const t of tables) await c.run(`COPY (${t.select}) TO '${t.csv}' (FORMAT CSV, HEADER)`);
      c.closeSync();
      inst.closeSync();
      const t0 = performance.now();
      const psqlArgs = [PG_URL, '-v', 'ON_ERROR_STOP=1'];
      for (const t of tables) psqlArgs.push('-c', `DROP TABLE IF EXISTS public."${t.name}"; CREATE TABLE public."${t.name}" (${t.ddl});`, '-c', `\\copy public."${t.name}" FROM '${t.csv}' CSV HEADER`);
      const load = spawnSync('psql', psqlArgs, { encoding: 'utf8' });
      const loadMs = performance.now() - t0;
      if (load.status !== 0) throw new Error(`psql \\copy: ${load.stderr}`);
      try {
        const s0 = pgServerCpuMs();
        const pgr = zc(['batch', '--policy', POLICY, '--date', DATE, '--db', PG_URL, '--in', `public.${tbl}`], 'PostgreSQL batch');
        const s1 = pgServerCpuMs();
        const serverMs = s0 !== undefined && s1 !== undefined ? s1 - s0 : undefined;
        const rate = NPG / (pgr.ms / 1000);
        // CPU: the client's (zhengce) plus the server's (all of the local server's processes)
        const cpuAll = serverMs !== undefined && pgr.cpuMs !== undefined ? serverMs + pgr.cpuMs : undefined;
        rowsT.push([`zhengce batch (PostgreSQL 15, table; load ${fix(loadMs / 1000)} s apart)`, int(NPG), fix(pgr.ms / 1000), serverMs === undefined ? `${fix((pgr.cpuMs ?? NaN) / 1000)} (client only)` : `${fix((cpuAll ?? NaN) / 1000)} (server ${fix(serverMs / 1000)})`, int(rate), cpuAll === undefined ? '—' : int(perCpu(NPG, cpuAll)), int(pgr.rssMB ?? NaN) + ' (client)', fix(rate / duckRate, 2), cpuAll === undefined ? '—' : fix(perCpu(NPG, cpuAll) / duckCpuRate, 2)]);
        summary.postgres = { ms: pgr.ms, loadMs, rowsPerS: rate, rows: NPG, clientCpuMs: pgr.cpuMs, serverCpuMs: serverMs };
        say(`  PostgreSQL batch: ${int(NPG)} rows in ${fix(pgr.ms / 1000)} s = ${int(rate)} rows/s, client CPU ${fix((pgr.cpuMs ?? NaN) / 1000)} s, server CPU ${serverMs === undefined ? '(not visible)' : `${fix(serverMs / 1000)} s`} (load ${fix(loadMs / 1000)} s apart; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
      } finally {
        spawnSync('psql', [PG_URL, '-qc', tables.map((t) => `DROP TABLE IF EXISTS public."${t.name}";`).join(' ')], { encoding: 'utf8' });
      }
    }
  }
  lines.unshift(table(rowsT));
  // 4. peak RSS at scale
  if (BIG > 0) {
    const hb = join(tmp, 'big.parquet');
    zc(['batch', '--synthesize', String(BIG), '--seed', '2', '--policy', POLICY, '--out', hb], 'synthesize (big)');
    const big = zc(['batch', '--policy', POLICY, '--date', DATE, '--in', hb, '--out', join(tmp, 'big-decisions.parquet')], 'DuckDB batch (big)');
    lines.push(`  peak RSS, DuckDB batch over ${int(BIG)} rows (Parquet → Parquet): ${int(big.rssMB ?? NaN)} MB (goal < 1024 MB) — ${fix(big.ms / 1000)} s, ${int(BIG / (big.ms / 1000))} rows/s`);
    say(lines.at(-1));
    summary.big = { rows: BIG, rssMB: big.rssMB, ms: big.ms };
  }
  lines.push(`  (${rounds > 1 ? `DuckDB: median of ${rounds} interleaved rounds, peak RSS the largest; others one run` : 'one run each'}; peak RSS by ${rssMethod}; evaluation date ${DATE}; events: policies/events.yaml)`);
  if (!opts.tmp && !opts.keep) rmSync(tmp, { recursive: true, force: true });
  return { title: TITLE, lines, summary };
}

export default {
  name: 'batch',
  title: TITLE,
  async run(ctx) {
    const r = await benchBatch({ tmp: ctx.tmp, log: ctx.log, baseline: ctx.baseline });
    for (const l of r.lines) ctx.log(l);
    return r.summary;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchBatch({ log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`== batch: ${r.title} ==\n${r.lines.join('\n')}\n`);
}
