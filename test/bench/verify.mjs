/**
 * Benchmark section "verify": the full `zhengce verify` of the county policies
 * (policies/luanchuan, `--format json --runs 1000`, ≥ 3 runs) and of the 50,000-line
 * synthetic corpus (corpus.mjs via corpus-fix.mjs), reading `policies[].stats` from the
 * JSON report: static-check time, SMT time (total, query count, per-query p50/p95/max) and
 * property-test time/cases, separately; the rest of the wall time (process start, compile,
 * lowering, emitting and loading the generated evaluator for the differential replay,
 * scenarios, rendering) is shown as "other".
 *
 * Goal (issue 5): the county document under 20 s on this 2-core machine with ≥ 1,000
 * property cases per property. `--runs N` gives every property N cases (fast-check
 * numRuns) unless it fails — a failing property stops at its counterexample (then
 * shrinks); pbtCases also counts the 2×N cases of the generated-vs-interpreter /
 * contradiction / gap sweep.
 *
 * The corpus runs under a time limit (default 10 min): first a pilot with few property
 * cases (`--runs 10`, to separate SMT time from property-test time), then the full
 * `--runs 1000` unless the pilot extrapolates beyond the limit; an unfinished run is
 * stopped and reported with what was observed (elapsed time, CPU, peak RSS) and the
 * extrapolation, clearly labelled.
 *
 *   export benchVerify(opts) → { title, lines, summary }
 *   export default { name: 'verify', title, run(ctx) }
 *   node test/bench/verify.mjs [--lines N] [--runs N] [--pbt-runs N] [--limit-min M] [--skip-corpus] [--skip-county] [--baseline DIR]
 *
 * With a baseline (run.mjs --baseline DIR: another built checkout), the same inputs are also
 * verified by the baseline's CLI and printed side by side (before, after, after/before): the
 * sample policy (interleaved rounds) and the corpus (one run each). The county's encoding is
 * this tree's own, so it has no before column.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prepareCorpus } from './corpus-fix.mjs';
import { ROOT, fix, int, max, median, min, table } from './util.mjs';

const TITLE = 'zhengce verify: county policies and the 50,000-line synthetic corpus (SMT and property tests separately)';
const CLI = join(ROOT, 'bin', 'zhengce.js');
const COUNTY = join(ROOT, 'policies', 'luanchuan');
const GOAL_S = 20;
const GOAL_CASES = 1000;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Nearest-rank percentile (the one report-text.ts uses would do as well). */
function pct(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** Declared 性质 in a policy directory (user properties that the property tests check). */
function countProperties(dir) {
  let n = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.zc')) n += (readFileSync(p, 'utf8').match(/^[ \t]*性质[ \t]/gm) ?? []).length;
    }
  };
  walk(dir);
  return n;
}

/**
 * Run `node bin/zhengce.js verify …` with a time limit. Returns wall ms, CPU ms and peak RSS
 * (from /proc while it runs — works even when the run is stopped), stdout, exit status.
 */
function runVerify(args, limitMs, root = ROOT) {
  return new Promise((resolveP) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'zhengce.js'), 'verify', ...args], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let hwmKB = 0;
    let cpuMs = 0;
    const tick = 1000 / 100; // USER_HZ
    const poll = () => {
      try {
        const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const m = /VmHWM:\s+(\d+) kB/.exec(st);
        if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuMs = (Number(f[11]) + Number(f[12])) * tick; // utime, stime
      } catch {
        /* gone */
      }
    };
    const timer = setInterval(poll, 250);
    let timedOut = false;
    const killer = setTimeout(() => {
      timedOut = true;
      poll();
      try {
        process.kill(-child.pid, 'SIGKILL'); // the verify process group we started
      } catch {
        /* already gone */
      }
    }, limitMs);
    child.on('close', (status, signal) => {
      clearInterval(timer);
      clearTimeout(killer);
      resolveP({ ms: performance.now() - t0, cpuMs, rssMB: hwmKB / 1024, status, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Summarise one finished run's JSON report. */
function digest(r) {
  let rep;
  try {
    rep = JSON.parse(r.stdout);
  } catch {
    return undefined;
  }
  const p = rep.policies?.[0];
  if (!p?.stats) return undefined;
  const s = p.stats;
  const counted = s.staticMs + s.smtMs + s.pbtMs;
  const bySev = { error: 0, warning: 0, info: 0 };
  for (const f of rep.findings ?? []) bySev[f.severity] = (bySev[f.severity] ?? 0) + 1;
  return {
    wallMs: r.ms, cpuMs: r.cpuMs, rssMB: r.rssMB, status: r.status,
    staticMs: s.staticMs, smtMs: s.smtMs, smtQueries: s.smtQueries, queryMs: s.smtQueryMs,
    p50: pct(s.smtQueryMs, 0.5), p95: pct(s.smtQueryMs, 0.95), qmax: s.smtQueryMs.length ? Math.max(...s.smtQueryMs) : NaN,
    pbtCases: s.pbtCases, pbtMs: s.pbtMs, pbtDiscarded: s.pbtDiscarded ?? 0, otherMs: r.ms - counted,
    findings: bySev, summary: rep.summary, errors: (rep.findings ?? []).filter((f) => f.severity === 'error' && !f.accepted).map((f) => `${f.ruleId} ${f.message}${f.file ? ` (${f.file.replace(ROOT + '/', '')}:${f.start?.line ?? ''})` : ''}`),
    policies: rep.policies.length,
    byCode: (() => {
      const m = new Map();
      for (const f of rep.findings ?? []) m.set(`${f.ruleId} ${f.severity}`, (m.get(`${f.ruleId} ${f.severity}`) ?? 0) + 1);
      return [...m].map(([k, n]) => `${k}×${n}`).join(', ');
    })(),
    // properties with a counterexample (by SMT or random tests; the report keeps one finding per property)
    failingProps: [...new Set((rep.findings ?? []).filter((f) => f.proof === 'refuted' && String(f.subject).startsWith('property:')).map((f) => f.subject.slice(9)))],
  };
}

function statsTable(label, ds, props, runsFlag) {
  const m = (f) => median(ds.map(f));
  const pooled = ds.flatMap((d) => d.queryMs);
  const rows = [
    ['', 'median', 'min', 'max'],
    ['wall ms (whole CLI run)', int(m((d) => d.wallMs)), int(min(ds.map((d) => d.wallMs))), int(max(ds.map((d) => d.wallMs)))],
    ['CPU ms (user+sys)', int(m((d) => d.cpuMs)), int(min(ds.map((d) => d.cpuMs))), int(max(ds.map((d) => d.cpuMs)))],
    ['static checks ms', int(m((d) => d.staticMs)), int(min(ds.map((d) => d.staticMs))), int(max(ds.map((d) => d.staticMs)))],
    ['SMT ms (total)', int(m((d) => d.smtMs)), int(min(ds.map((d) => d.smtMs))), int(max(ds.map((d) => d.smtMs)))],
    ['SMT ms outside the queries (encoding, replay)', int(m((d) => d.smtMs - d.queryMs.reduce((a, b) => a + b, 0))), int(min(ds.map((d) => d.smtMs - d.queryMs.reduce((a, b) => a + b, 0)))), int(max(ds.map((d) => d.smtMs - d.queryMs.reduce((a, b) => a + b, 0))))],
    ['SMT queries', int(m((d) => d.smtQueries)), int(min(ds.map((d) => d.smtQueries))), int(max(ds.map((d) => d.smtQueries)))],
    ['SMT per-query p50 ms', fix(m((d) => d.p50), 1), fix(min(ds.map((d) => d.p50)), 1), fix(max(ds.map((d) => d.p50)), 1)],
    ['SMT per-query p95 ms', fix(m((d) => d.p95), 1), fix(min(ds.map((d) => d.p95)), 1), fix(max(ds.map((d) => d.p95)), 1)],
    ['SMT slowest query ms', fix(m((d) => d.qmax), 1), fix(min(ds.map((d) => d.qmax)), 1), fix(max(ds.map((d) => d.qmax)), 1)],
    [`property tests ms (--runs ${runsFlag})`, int(m((d) => d.pbtMs)), int(min(ds.map((d) => d.pbtMs))), int(max(ds.map((d) => d.pbtMs)))],
    ['property-test cases (total)', int(m((d) => d.pbtCases)), int(min(ds.map((d) => d.pbtCases))), int(max(ds.map((d) => d.pbtCases)))],
    ['other ms (start-up, compile, evaluator, scenarios, report)', int(m((d) => d.otherMs)), int(min(ds.map((d) => d.otherMs))), int(max(ds.map((d) => d.otherMs)))],
    ['peak RSS MB', fix(m((d) => d.rssMB)), fix(min(ds.map((d) => d.rssMB))), fix(max(ds.map((d) => d.rssMB)))],
  ];
  const lines = [`${label}:`, table(rows)];
  lines.push(`  SMT per-query over all ${int(pooled.length)} queries of the ${ds.length} run(s): p50 ${fix(pct(pooled, 0.5), 1)} ms, p95 ${fix(pct(pooled, 0.95), 1)} ms, max ${fix(max(pooled), 1)} ms; ` +
    `shares of median wall: SMT ${fix((100 * m((d) => d.smtMs)) / m((d) => d.wallMs))}%, property tests ${fix((100 * m((d) => d.pbtMs)) / m((d) => d.wallMs))}%, other ${fix((100 * m((d) => d.otherMs)) / m((d) => d.wallMs))}%`);
  const cases = m((d) => d.pbtCases);
  const failing = ds[ds.length - 1].failingProps;
  const passing = props - failing.length;
  const rest = cases - 2 * runsFlag - passing * runsFlag;
  lines.push(`  properties declared (性质): ${props}; property-test cases ${int(cases)} = ${int(2 * runsFlag)} (generated-vs-interpreter / contradiction / gap sweep, 2 × --runs)` +
    ` + ${passing} properties without a counterexample × ${int(runsFlag)} (fast-check numRuns) + ${int(rest)} for the ${failing.length} refuted one(s) (random tests stop at a counterexample, then shrink)` +
    (failing.length ? ` (${failing.slice(0, 6).join('、')}${failing.length > 6 ? '…' : ''})` : ''));
  return lines;
}

/**
 * Before (baseline checkout) and after (this tree) on the same input, side by side: medians and
 * after/before (> 1.10 on a time row = a regression over 10%).
 */
function compareTable(label, before, after) {
  const m = (ds, f) => median(ds.map(f));
  const r = (name, f, fmt = int) => {
    const b = m(before, f);
    const a = m(after, f);
    return [name, fmt(b), fmt(a), Number.isFinite(a / b) ? `${fix(a / b, 2)}×` : '—'];
  };
  return [`${label}:`, table([
    ['', 'before (median)', 'after (median)', 'after/before'],
    r('wall ms (whole CLI run)', (d) => d.wallMs),
    r('CPU ms (user+sys)', (d) => d.cpuMs),
    r('static checks ms', (d) => d.staticMs),
    r('SMT ms (total)', (d) => d.smtMs),
    r('SMT queries', (d) => d.smtQueries),
    r('SMT per-query p50 ms', (d) => d.p50, (x) => fix(x, 1)),
    r('property tests ms', (d) => d.pbtMs),
    r('property-test cases', (d) => d.pbtCases),
    r('inputs discarded against 前提', (d) => d.pbtDiscarded ?? 0),
    r('other ms (start-up, compile, evaluator, report)', (d) => d.otherMs),
    r('peak RSS MB', (d) => d.rssMB, (x) => fix(x)),
  ]).split('\n').map((l) => `  ${l}`).join('\n'),
  `  findings before: ${JSON.stringify(before[before.length - 1].summary)}; after: ${JSON.stringify(after[after.length - 1].summary)}`];
}

/**
 * `runs` rounds (after one warm-up round) of verify on the same input by the baseline and this
 * tree, interleaved. Returns { before, after } digests, or throws with the reason.
 */
async function verifyBoth(target, args, runs, baseline, limitMs, progress, name, warmup = true) {
  const before = [];
  const after = [];
  for (let i = warmup ? 0 : 1; i <= runs; i++) {
    for (const [root, list, who] of [[baseline.root, before, 'before'], [ROOT, after, 'after']]) {
      const r = await runVerify([target, ...args], limitMs, root);
      const d = digest(r);
      if (!d) throw new Error(`${who}: zhengce verify ${name} produced no report (exit ${r.status}${r.signal ? ` ${r.signal}` : ''}${r.timedOut ? `, stopped at the ${fix(limitMs / 60_000, 0)}-minute limit after ${int(r.cpuMs)} ms CPU` : ''}): ${(r.stderr || r.stdout).slice(0, 600)}`);
      if (i > 0) list.push(d);
      progress(`  ${name} ${who} ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}: ${int(d.wallMs)} ms wall, ${int(d.cpuMs)} ms CPU · SMT ${int(d.smtMs)} ms / ${d.smtQueries} queries · property tests ${int(d.pbtMs)} ms / ${int(d.pbtCases)} cases  [load ${load()}]`);
    }
  }
  return { before, after };
}

/** Child: the fixed costs inside "other" — compile + lower, and loading the generated evaluator as verify does. */
async function splitChild(dir) {
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', 'compiler', p)).href;
  const { loadPolicies } = await import(dist('project/policies.js'));
  const { nodeHost } = await import(dist('project/host.js'));
  const { emitTypeScript } = await import(dist('emit/typescript.js'));
  const { stripTypes } = await import(dist('emit/load.js'));
  const t0 = performance.now();
  const { policies } = loadPolicies([dir], nodeHost);
  const t1 = performance.now();
  const source = emitTypeScript(policies[0].ir).get('index.ts');
  const t2 = performance.now();
  const js = await stripTypes(source); // as verify's replay does (compiler/emit/load.ts)
  const t3 = performance.now();
  await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
  const t4 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, emitMs: t2 - t1, transpileMs: t3 - t2, importMs: t4 - t3, tsMB: source.length / 2 ** 20 }) + '\n');
}

function splitLine(dir) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--split', dir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) return `  (split of "other" failed: exit ${r.status} ${String(r.stderr).slice(0, 400)})`;
  const x = JSON.parse(r.stdout.trim().split('\n').pop());
  return `  inside "other" (measured separately, in-process, once): compile + lower ${int(x.loadMs)} ms; generated evaluator for the differential replay: emit TypeScript ${int(x.emitMs)} ms (${fix(x.tsMB, 1)} M chars), ` +
    `strip types ${int(x.transpileMs)} ms, import ${int(x.importMs)} ms; the rest is process start-up, scenarios and rendering the report`;
}

/**
 * @param {{ lines?: number, runs?: number, pbtRuns?: number, limitMin?: number, tmp?: string, skipCorpus?: boolean, skipCounty?: boolean, baseline?: { root: string, commit: string }, progress?: (s: string) => void }} opts
 */
export async function benchVerify(opts = {}) {
  const nLines = opts.lines ?? 50_000;
  const runs = Math.max(3, opts.runs ?? 3);
  const pbtRuns = opts.pbtRuns ?? 1000;
  const limitMs = (opts.limitMin ?? 10) * 60_000;
  const progress = opts.progress ?? (() => {});
  const ownTmp = opts.tmp === undefined;
  const tmp = opts.tmp ?? mkdtempSync(join(tmpdir(), 'zhengce-bench-verify-'));
  const lines = [];
  const out = (s = '') => lines.push(s);
  const summary = {};
  out(`load average at start: ${load()}  (2-core machine shared with other jobs: wall times are inflated by the load; CPU time is the steadier figure)`);

  // ── before vs after on the same inputs: the sample policy (both trees verify this tree's policies/sample) ──
  if (opts.baseline) {
    const SAMPLE = join(ROOT, 'policies', 'sample');
    const args = ['--format', 'json', '--runs', String(pbtRuns), '--events', join(ROOT, 'policies', 'events.yaml')];
    const { before, after } = await verifyBoth(SAMPLE, args, runs, opts.baseline, limitMs, progress, 'sample');
    out('');
    for (const l of compareTable(`BEFORE (${opts.baseline.commit.slice(0, 9)}) vs AFTER (this tree) on the same input: zhengce verify policies/sample --format json --runs ${pbtRuns} (${runs} interleaved rounds after 1 warm-up)`, before, after)) out(l);
    summary.sample = { before: before.map(({ queryMs, ...d }) => d), after: after.map(({ queryMs, ...d }) => d) };
  }

  // ── county ──
  if (!opts.skipCounty) {
  const countyProps = countProperties(COUNTY);
  const county = [];
  for (let i = 0; i <= runs; i++) {
    const r = await runVerify([COUNTY, '--format', 'json', '--runs', String(pbtRuns)], limitMs);
    const d = digest(r);
    if (!d) {
      out(`county verify run ${i} produced no report (exit ${r.status}${r.signal ? ` ${r.signal}` : ''}${r.timedOut ? ', stopped at the time limit' : ''}): ${(r.stderr || r.stdout).slice(0, 1500)}`);
      throw Object.assign(new Error('zhengce verify policies/luanchuan produced no JSON report'), { lines });
    }
    if (i === 0) continue; // warm-up (file cache); also shows the report is well-formed
    county.push(d);
    progress(`  county run ${i}/${runs}: ${int(d.wallMs)} ms wall, ${int(d.cpuMs)} ms CPU · SMT ${int(d.smtMs)} ms / ${d.smtQueries} queries · property tests ${int(d.pbtMs)} ms / ${int(d.pbtCases)} cases · other ${int(d.otherMs)} ms  [load ${load()}]`);
  }
  out('');
  for (const l of statsTable(`county: zhengce verify policies/luanchuan --format json --runs ${pbtRuns} (${runs} runs after 1 warm-up; wall = spawn to exit; CPU and peak RSS from /proc of the child)`, county, countyProps, pbtRuns)) out(l);
  out(splitLine(COUNTY));
  const c0 = county[0];
  out(`  findings (last run, accepted included): ${c0.findings.error} errors, ${c0.findings.warning} warnings, ${c0.findings.info} infos; report summary (unaccepted) ${JSON.stringify(c0.summary)}; exit ${c0.status}`);
  for (const e of county[county.length - 1].errors.slice(0, 5)) out(`    error: ${e}`);
  const wallMed = median(county.map((d) => d.wallMs));
  const cpuMed = median(county.map((d) => d.cpuMs));
  const met = (ok) => (ok ? 'met' : 'NOT met');
  out(`  goal county verify < ${GOAL_S} s with ≥ ${int(GOAL_CASES)} cases per property: ${met(wallMed < GOAL_S * 1000 && pbtRuns >= GOAL_CASES)} — median wall ${fix(wallMed / 1000, 1)} s (CPU ${fix(cpuMed / 1000, 1)} s) with --runs ${pbtRuns}` +
    ` (every property that holds ran ${int(pbtRuns)} cases)`);
  summary.county = {
    runs: county.length, pbtRuns, properties: countyProps, medianWallMs: wallMed, medianCpuMs: cpuMed,
    smtMs: median(county.map((d) => d.smtMs)), smtQueries: median(county.map((d) => d.smtQueries)),
    smtP50Ms: median(county.map((d) => d.p50)), smtP95Ms: median(county.map((d) => d.p95)),
    pbtMs: median(county.map((d) => d.pbtMs)), pbtCases: median(county.map((d) => d.pbtCases)), staticMs: median(county.map((d) => d.staticMs)),
    otherMs: median(county.map((d) => d.otherMs)), peakRssMB: max(county.map((d) => d.rssMB)),
  };
  }

  // ── synthetic corpus ──
  if (!opts.skipCorpus) {
    const dir = join(tmp, 'corpus');
    const { corpus, check } = prepareCorpus(dir, nLines);
    const props = countProperties(dir);
    out('');
    out(`corpus: ${corpus.zcFiles} .zc files, ${int(corpus.lines)} lines, ${int(corpus.measures)} 措施, ${int(corpus.rules)} 规则, ${props} 性质; compiles with ${check.after} diagnostics` +
      (check.patched.length ? `; PATCHED ${check.patched.length} 指标 lines using a 参数 (ZC0407, see build section)` : ''));
    if (check.after !== 0) out(`  corpus diagnostics: ${check.afterCodes}; first: ${check.first.join(' | ')}`);
    const pilotRuns = Math.min(10, pbtRuns);
    progress(`  corpus verify pilot (--runs ${pilotRuns}, limit ${fix(limitMs / 60_000, 0)} min) …`);
    const pr = await runVerify([dir, '--format', 'json', '--runs', String(pilotRuns)], limitMs);
    const pd = digest(pr);
    summary.corpus = { lines: corpus.lines, properties: props, limitMs };
    if (!pd) {
      out(`  corpus verify --runs ${pilotRuns}: ${pr.timedOut ? `STOPPED at the ${fix(limitMs / 60_000, 0)}-minute limit` : `exit ${pr.status}${pr.signal ? ` ${pr.signal}` : ''}, no JSON report`} after ${int(pr.ms)} ms wall, ${int(pr.cpuMs)} ms CPU, peak RSS ${fix(pr.rssMB)} MB`);
      if (!pr.timedOut) for (const l of (pr.stderr || pr.stdout).split('\n').slice(0, 20)) out(`    | ${l}`);
      else out(`  (the verify command reports only at the end, so where the time went inside the run is not visible; run with --cpu-prof to see it)`);
      summary.corpus.pilot = { timedOut: pr.timedOut, ms: pr.ms, cpuMs: pr.cpuMs, rssMB: pr.rssMB, status: pr.status };
    } else {
      for (const l of statsTable(`corpus pilot: zhengce verify <corpus> --format json --runs ${pilotRuns} (1 run)`, [pd], props, pilotRuns)) out(l);
      out(splitLine(dir));
      out(`  findings: ${pd.findings.error} errors, ${pd.findings.warning} warnings, ${pd.findings.info} infos (${pd.byCode}); exit ${pd.status}`);
      for (const e of pd.errors.filter((x) => x.startsWith('ZC0916')).slice(0, 2)) out(`    e.g. ${e}`);
      // property-test time scales with the cases; everything else does not
      const scale = pbtRuns / pilotRuns;
      const estMs = pd.wallMs - pd.pbtMs + pd.pbtMs * scale;
      out(`  EXTRAPOLATION (not measured): --runs ${pbtRuns} ≈ ${fix(estMs / 1000, 0)} s wall = ${fix((pd.wallMs - pd.pbtMs) / 1000, 0)} s (SMT + static + other, independent of --runs) + ${fix((pd.pbtMs * scale) / 1000, 0)} s property tests (${fix(pd.pbtMs / 1000, 1)} s × ${fix(scale, 0)}, assuming time linear in cases)`);
      summary.corpus.pilot = pd;
      summary.corpus.extrapolatedMs = estMs;
      if (pbtRuns !== pilotRuns && estMs < limitMs * 1.5) {
        progress(`  corpus verify --runs ${pbtRuns} (limit ${fix(limitMs / 60_000, 0)} min) …`);
        const fr = await runVerify([dir, '--format', 'json', '--runs', String(pbtRuns)], limitMs);
        const fd = digest(fr);
        if (fd) {
          out('');
          for (const l of statsTable(`corpus: zhengce verify <corpus> --format json --runs ${pbtRuns} (1 run)`, [fd], props, pbtRuns)) out(l);
          summary.corpus.full = fd;
        } else {
          out(`  corpus verify --runs ${pbtRuns}: ${fr.timedOut ? `STOPPED at the ${fix(limitMs / 60_000, 0)}-minute limit` : `exit ${fr.status}, no report`} after ${int(fr.ms)} ms wall, ${int(fr.cpuMs)} ms CPU, peak RSS ${fix(fr.rssMB)} MB — it got past the pilot's SMT phase (≈ ${fix((pd.staticMs + pd.smtMs) / 1000, 0)} s) and was in the property tests; see the extrapolation above`);
          summary.corpus.full = { timedOut: fr.timedOut, ms: fr.ms, cpuMs: fr.cpuMs, rssMB: fr.rssMB };
        }
      } else if (pbtRuns !== pilotRuns) {
        out(`  --runs ${pbtRuns} on the corpus NOT run: the extrapolation exceeds the ${fix(limitMs / 60_000, 0)}-minute limit`);
      }
    }
  }
  // ── before vs after on the same corpus (the baseline's own run of the same directory) ──
  if (opts.baseline && !opts.skipCorpus && summary.corpus?.pilot?.wallMs !== undefined) {
    const dir = join(tmp, 'corpus');
    const pilotRuns = Math.min(10, pbtRuns);
    const pb = digest(await runVerify([dir, '--format', 'json', '--runs', String(pilotRuns)], limitMs, opts.baseline.root));
    out('');
    if (pb) for (const l of compareTable(`BEFORE vs AFTER on the same corpus: zhengce verify <corpus> --format json --runs ${pilotRuns} (1 run each)`, [pb], [summary.corpus.pilot])) out(l);
    else out(`  BEFORE on the corpus (--runs ${pilotRuns}) produced no report`);
    if (pb && summary.corpus.full?.wallMs !== undefined) {
      progress(`  corpus verify BEFORE --runs ${pbtRuns} …`);
      const fb = digest(await runVerify([dir, '--format', 'json', '--runs', String(pbtRuns)], limitMs, opts.baseline.root));
      if (fb) for (const l of compareTable(`BEFORE vs AFTER on the same corpus: zhengce verify <corpus> --format json --runs ${pbtRuns} (1 run each)`, [fb], [summary.corpus.full])) out(l);
      else out(`  BEFORE on the corpus (--runs ${pbtRuns}) produced no report within ${fix(limitMs / 60_000, 0)} min`);
      summary.corpus.beforeFull = fb;
    }
    summary.corpus.beforePilot = pb;
  }
  out('');
  out(`load average at end: ${load()}`);
  if (ownTmp) rmSync(tmp, { recursive: true, force: true });
  return { title: TITLE, lines, summary };
}

export default {
  name: 'verify',
  title: TITLE,
  async run(ctx) {
    let r;
    try {
      r = await benchVerify({ lines: ctx.lines, runs: Math.max(3, ctx.runs), tmp: ctx.tmp, progress: ctx.log, ...(ctx.baseline ? { baseline: ctx.baseline } : {}) });
    } catch (e) {
      for (const l of e.lines ?? []) ctx.log(l);
      throw e;
    }
    ctx.log('');
    for (const l of r.lines) ctx.log(l);
    return r.summary;
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--split') await splitChild(process.argv[3]);
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = process.argv.slice(2);
  const num = (flag, d) => (a.includes(flag) ? Number(a[a.indexOf(flag) + 1]) : d);
  const r = await benchVerify({
    lines: num('--lines', 50_000), runs: num('--runs', 3), pbtRuns: num('--pbt-runs', 1000), limitMin: num('--limit-min', 10),
    skipCorpus: a.includes('--skip-corpus'), skipCounty: a.includes('--skip-county'), progress: (s) => process.stderr.write(s + '\n'),
    ...(a.includes('--baseline') ? { baseline: { root: a[a.indexOf('--baseline') + 1], commit: a[a.indexOf('--baseline') + 1] } } : {}),
  });
  process.stdout.write(`== verify: ${r.title} ==\n${r.lines.join('\n')}\n`);
}
