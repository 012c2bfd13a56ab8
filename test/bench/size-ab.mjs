/**
 * Size effect of `compile()` (issue 13: is one large file dearer per line than the same lines in
 * many files?). Compiles several directories alternately in ONE process, each time with a fresh
 * ParseCache of `zhengce check` (keepTokens: false, one-shot parses), and prints per input the
 * median (min) time per phase (read, lex, parse, ast, bind, check, quotes, other) and in total, over the
 * rounds after the warm-up ones. Alternating in one process cancels most of a
 * shared machine's noise; per-line figures compare inputs of different sizes.
 *
 *   node test/bench/size-ab.mjs <dir>… [--rounds 15] [--warmup 4] [--root <tree>] [--budget check] [--clock cpu] [--gc] [--lex-chunk n]
 *
 * Phases are timed on the wall clock (precise; compare at low load), or with `--clock cpu` on the main
 * thread's CPU from /proc/self/task/<pid>/schedstat (Linux; on this VM it advances in ~4 ms steps, so
 * only medians of many rounds mean anything). `--gc` (with node --expose-gc): a full `gc()` before every
 * compile — each starts from the same, shrunk heap (and pays more scavenges: slower than without).
 * `--root` loads the compiler from another tree's dist/ (an A/B of two builds, one process each).
 * `--budget check` sets the V8 tier-up budget `zhengce check` sets; default: V8's (as the language server).
 * `--lex-chunk <units>` [`--lex-chunk-above <units>`, default 0]: the size of the pieces a long file's one-shot
 * parse is lexed in, and the length above which it is (syntax/index.ts `LEX_CHUNK`; `Infinity`: the whole file
 * first, as before it) — an A/B of that alone within one build.
 * `--series`: also one line per compile (round, input, total, GC) — how fast V8's tier-up settles.
 * `gc`: the GC pauses (perf_hooks entries) that began during the compile, wall ms; `scav`: how many were scavenges;
 * `gc.<phase>`: those that began in that phase (they are part of its time too).
 * A measurement script, not a test: nothing is judged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance, PerformanceObserver } from 'node:perf_hooks';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dirs = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const rounds = Number(opt('--rounds', 15));
const warmup = Number(opt('--warmup', 4));
const root = resolve(opt('--root', resolve(dirname(fileURLToPath(import.meta.url)), '../..')));
if (opt('--budget', 'default') === 'check') (await import('node:v8')).setFlagsFromString('--interrupt-budget=540672');
const dist = (p) => pathToFileURL(join(root, 'dist/compiler', p)).href;
const { compile, ParseCache } = await import(dist('project/program.js'));
const { nodeHost } = await import(dist('project/host.js'));
const { PhaseClock, phaseClock, PHASES } = await import(dist('common/timings.js'));
if (opt('--lex-chunk') !== undefined) Object.assign((await import(dist('syntax/index.js'))).LEX_CHUNK, { size: Number(opt('--lex-chunk')), above: Number(opt('--lex-chunk-above', 0)) });

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const cpuClock = existsSync(schedstat) ? () => Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6 : () => performance.now();
// (this kernel updates schedstat in ~4 ms steps: phases are timed on the wall clock unless --clock cpu)
const mainCpu = opt('--clock', 'wall') === 'cpu' ? cpuClock : () => performance.now();
const forceGc = args.includes('--gc');
const series = args.includes('--series');

const countLines = (text) => {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

// (GC pauses, by start time: the observer's entries arrive on the event loop, so they are taken after each compile)
const gcEntries = [];
const observer = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });

const samples = dirs.map(() => []);
const lines = [];
for (let r = 0; r < rounds + warmup; r++) {
  for (let k = 0; k < dirs.length; k++) {
    // (alternate the order each round: no input always follows the same one)
    const d = r % 2 ? dirs.length - 1 - k : k;
    if (forceGc) globalThis.gc?.();
    const clock = new PhaseClock(() => performance.now(), mainCpu, 'other');
    phaseClock.current = clock;
    const w0 = performance.now();
    const c0 = mainCpu();
    const result = compile([dirs[d]], nodeHost, new ParseCache(undefined, { keepTokens: false }));
    clock.tick();
    const total = mainCpu() - c0;
    const w1 = performance.now();
    phaseClock.current = undefined;
    await new Promise((r) => setImmediate(r));
    gcEntries.push(...observer.takeRecords());
    let gcMs = 0;
    let scavenges = 0;
    const gcBy = { lex: 0, parse: 0, bind: 0, check: 0 };
    for (const e of gcEntries.splice(0)) {
      if (e.startTime < w0 || e.startTime > w1) continue;
      gcMs += e.duration;
      const ph = clock.phaseOf(e.startTime);
      if (ph in gcBy) gcBy[ph] += e.duration;
      if (e.detail?.kind === 1) scavenges++;
    }
    if (result.diagnostics.some((x) => x.severity === 'error')) throw new Error(`${dirs[d]}: errors`);
    if (lines[d] === undefined) {
      let n = 0;
      for (const [p, sf] of result.files) if (p.endsWith('.zc')) n += countLines(sf.text);
      lines[d] = n;
    }
    if (series) console.log(`round ${r + 1}\t${dirs[d]}\t${total.toFixed(1)} ms\tgc ${gcMs.toFixed(1)} ms`);
    if (r >= warmup) {
      const s = { total, gc: gcMs, scav: scavenges, 'gc.lex': gcBy.lex, 'gc.parse': gcBy.parse, 'gc.bind': gcBy.bind, 'gc.check': gcBy.check };
      PHASES.forEach((p, i) => (s[p] = clock.cpuMs[i]));
      samples[d].push(s);
    }
  }
}

const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cols = ['total', 'read', 'lex', 'parse', 'ast', 'bind', 'check', 'quotes', 'other', 'gc', 'scav', 'gc.lex', 'gc.parse', 'gc.bind', 'gc.check'];
console.log(`${opt('--clock', 'wall')} ms, median (min) over ${rounds} rounds after ${warmup}; µs/line in the last column — ${root}`);
console.log(['input', 'lines', ...cols, 'µs/line'].join('\t'));
for (let d = 0; d < dirs.length; d++) {
  const row = cols.map((c) => {
    const xs = samples[d].map((s) => s[c]);
    return `${med(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)})`;
  });
  console.log([dirs[d], lines[d], ...row, ((med(samples[d].map((s) => s.total)) * 1000) / lines[d]).toFixed(2)].join('\t'));
}
