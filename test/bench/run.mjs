/**
 * Benchmark entry (`npm run bench` = build, then `node --expose-gc test/bench/run.mjs`).
 *
 *   node test/bench/run.mjs [section...] [--lines N] [--runs N] [--profile] [--keep] [--json FILE] [--baseline DIR]
 *
 * Sections are registered in `sections` below — the one place; each lives in its own
 * file under test/bench/ and exports `{ name, title, run(ctx) }`, where
 *   ctx = { lines, runs, tmp, log, profile, baseline }  (tmp: a fresh directory of its own)
 * `--baseline DIR`: another built checkout of this repository (e.g. `git worktree add DIR <old
 * commit>`, `npm ci`, `npx tsc -p .`); ctx.baseline = { root, commit, subject }. The check, eval and verify
 * sections then also run the baseline's compiler on the SAME inputs, interleaved with this
 * tree's, and print before, after and after/before side by side.
 * and `run` prints its table with ctx.log and returns a JSON-able summary.
 * House rule: performance is measured here (medians and ratios side by side, one run),
 * never by timed assertions in tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem, loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import check from './check.mjs';
import evalSection from './eval.mjs';
import build from './build.mjs';
import fmt from './fmt.mjs';
import lsp from './lsp.mjs';
import verify from './verify.mjs';
import listBound from './list-bound.mjs';
import limits from './limits.mjs';
import badline from './badline.mjs';
import diffSection from './diff.mjs';
import batch from './batch.mjs';
import completion from './completion-rank.mjs';

/** Registered benchmark sections, in run order. Add new ones here. */
export const sections = [check, build, evalSection, lsp, fmt, completion, verify, listBound, limits, badline, diffSection, batch];

export async function main(argv) {
  const opts = { lines: 50_000, runs: 5, profile: false, keep: false, json: undefined, baseline: undefined, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lines') opts.lines = Number(argv[++i]);
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--profile') opts.profile = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--json') opts.json = argv[++i];
    else if (a === '--baseline') opts.baseline = argv[++i] ?? '';
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node test/bench/run.mjs [section...] [--lines N] [--runs N] [--profile] [--keep] [--json FILE] [--baseline DIR]\n' +
        `sections: ${sections.map((s) => s.name).join(', ')}\n`);
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`unknown option ${a}\n`);
      return 2;
    } else opts.only.push(a);
  }
  if (!(opts.lines >= 1000) || !(opts.runs >= 1)) {
    process.stderr.write('--lines must be ≥ 1000 and --runs ≥ 1\n');
    return 2;
  }
  const unknown = opts.only.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length) {
    process.stderr.write(`unknown section(s): ${unknown.join(', ')}; available: ${sections.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  let baseline;
  if (opts.baseline !== undefined) {
    const root = resolve(opts.baseline ?? '');
    const missing = ['bin/zhengce.js', 'dist/compiler/project/program.js'].filter((f) => !existsSync(join(root, f)));
    if (!opts.baseline || missing.length) {
      process.stderr.write(`--baseline ${opts.baseline ?? ''}: not a built checkout (missing ${missing.join(', ') || 'the directory'}; run npm ci and npx tsc -p . there)\n`);
      return 2;
    }
    let commit = 'unknown-commit';
    let subject = '';
    try {
      [commit, subject] = execFileSync('git', ['log', '-1', '--format=%h%n%s'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    } catch {
      /* not a git checkout: said as unknown */
    }
    baseline = { root, commit, subject: subject.slice(0, 100) };
  }
  const chosen = opts.only.length ? sections.filter((s) => opts.only.includes(s.name)) : sections;
  const log = (s = '') => process.stdout.write(s + '\n');
  const cpu = cpus();
  log(`ZhengCe benchmarks — node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (baseline) log(`baseline (before): ${baseline.root} at ${baseline.commit} ${baseline.subject}`);
  if (opts.runs < 5) log(`note: --runs ${opts.runs} < 5 — figures are not the reference medians`);

  const results = {};
  let failed = false;
  for (const s of chosen) {
    const tmp = mkdtempSync(join(tmpdir(), `zhengce-bench-${s.name}-`));
    log('');
    log(`== ${s.name}: ${s.title} ==`);
    const t0 = Date.now();
    try {
      results[s.name] = await s.run({ lines: opts.lines, runs: opts.runs, tmp, log, profile: opts.profile, baseline });
    } catch (e) {
      failed = true;
      log(`!! section ${s.name} FAILED: ${e instanceof Error ? e.message : String(e)}`);
      results[s.name] = { failed: String(e instanceof Error ? e.message : e) };
    } finally {
      if (opts.keep || failed) log(`(files kept in ${tmp})`);
      else rmSync(tmp, { recursive: true, force: true });
    }
    log(`(section ${s.name}: ${((Date.now() - t0) / 1000).toFixed(0)} s; load average now ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
    globalThis.gc?.();
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
