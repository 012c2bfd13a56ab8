/**
 * Shared helpers for benchmark sections: timing child processes (wall time + peak RSS),
 * statistics, number formatting, tables, CPU-profile summaries.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = join(BENCH_DIR, '..', '..');
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

/** How peak RSS of a child is measured (printed with the results). */
export const rssMethod = hasGnuTime ? '/usr/bin/time -f "%M %U %S"' : 'process.resourceUsage() in test/bench/rss-wrap.mjs';

/**
 * Run `node <script> ...args` as a child; wall time from spawn to exit, peak RSS and
 * CPU time (user + system) of the child (GNU time's %M %U %S, or an in-process wrapper
 * when /usr/bin/time is missing). CPU time is much less sensitive than wall time to
 * other load on the machine.
 * @returns {{ ms: number, rssMB: number | undefined, cpuMs: number | undefined, status: number | null, stdout: string, stderr: string }}
 */
export function timeNode(script, args, opts = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'zhengce-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  const nodeArgs = opts.nodeArgs ?? [];
  let cmd;
  let argv;
  if (hasGnuTime) {
    cmd = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...nodeArgs, script, ...args];
  } else {
    cmd = process.execPath;
    argv = [...nodeArgs, join(BENCH_DIR, 'rss-wrap.mjs'), rssFile, script, ...args];
  }
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: opts.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', ...(opts.env ?? {}) } });
  const ms = performance.now() - t0;
  let rssMB;
  let cpuMs;
  try {
    // "maxRSS-KB user-s system-s" (GNU time, 10 ms resolution) or the same from rss-wrap.mjs
    const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (Number.isFinite(kb) && kb > 0) rssMB = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
  } catch {
    /* no measurement */
  }
  rmSync(scratch, { recursive: true, force: true });
  if (r.error) throw r.error;
  return { ms, rssMB, cpuMs, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export const min = (xs) => Math.min(...xs);
export const max = (xs) => Math.max(...xs);

/** 12,345 */
export function int(n) {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}
/** fixed decimals */
export function fix(n, d = 1) {
  return Number.isFinite(n) ? n.toFixed(d) : '—';
}

/** Plain-text table; first row is the header. Numeric cells right-aligned, text left-aligned. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(String(r[c])))));
  const line = (r) => r.map((cell, c) => {
    const s = String(cell);
    const pad = ' '.repeat(widths[c] - displayWidth(s));
    return /^[-+]?[\d,.]+(%|×)?$|^—$/.test(s) || (c > 0 && s === '') ? pad + s : s + pad;
  }).join('   ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('   ')];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n');
}

/** Terminal columns of a string (CJK and full-width forms count two). */
function displayWidth(s) {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

/**
 * Top self-time functions of a V8 .cpuprofile (as written by `node --cpu-prof`).
 * @returns {{ name: string, where: string, ms: number, pct: number }[]}
 */
export function summarizeCpuProfile(file, top = 20) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(prof.samples[i]);
    if (!n) continue;
    const cf = n.callFrame;
    const url = cf.url ? (cf.url.startsWith('file://') ? relative(ROOT, fileURLToPath(cf.url)) : cf.url) : '';
    const key = `${cf.functionName || '(anonymous)'}\u0000${url}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => {
      const [name, where] = k.split('\u0000');
      return { name, where, ms, pct: (100 * ms) / total };
    });
}

/** The newest .cpuprofile in a directory. */
export function newestProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  return files.length ? join(dir, files[files.length - 1]) : undefined;
}

/**
 * Text to append to a copy of a generated module (its JavaScript) that exports `__rawFacts(facts, D)`:
 * the raw path's validation alone, for the white-box rows — `_rawCheck(facts, _dayNum(D))`, or an
 * older tree's own `_rawFacts(facts, D)`; empty when the module has no raw path.
 */
export function rawFactsExport(src) {
  if (src.includes('function _rawCheck(')) return 'const __rawFacts = (facts, D) => _rawCheck(facts, _dayNum(D));\nexport { __rawFacts };\n';
  if (src.includes('function _rawFacts(')) return 'export { _rawFacts as __rawFacts };\n';
  return '';
}
