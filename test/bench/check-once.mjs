/**
 * In-process measurement harness for `zhengce check`: compile a directory once with the
 * built compiler (dist/) and print one JSON line on stdout.
 *
 *   node test/bench/check-once.mjs <dir>            → { mode: 'compile', ms, cpuMs, … }
 *   node test/bench/check-once.mjs <dir> --split    → adds `phases`
 *
 * compile mode: `ms` is one cold `compile([dir], nodeHost, cache)` with the ParseCache `zhengce check`
 *   makes (keepTokens: false: one-shot parses) — what it does minus process start-up, module loading
 *   and rendering; `cpuMs` the process's CPU time (user + sys, process.cpuUsage, all threads: GC and
 *   background compiles included) over the same call; `mainCpuMs` the main thread's alone (where lex, parse,
 *   bind and check run; the rest is V8's background GC and compiler threads), read from
 *   /proc/self/task/<pid>/stat (Linux; clock ticks, 10 ms steps; absent elsewhere). The V8 tier-up budget is
 *   the one `zhengce check` sets (bin/zhengce.js), unless --default-budget; `budget` says which.
 * warm mode (--warm): the same compile() again and again in one process, each with a fresh ParseCache, with
 *   V8's default tier-up budget (as the language server runs): warm-up compiles until WARM_LINES .zc lines have
 *   run through compile() (at least 3 compiles), then five measured ones; `ms` and `cpuMs` are their medians
 *   (code optimized, heap grown) — the per-line cost of the algorithms without V8's warm-up, as a language
 *   server pays it on its next full compile. Warming by lines, not by compiles, warms a 10,000-line input as
 *   much as the 50,000-line corpus (V8 tiers up by the code run: three compiles of 10,000 lines left it colder
 *   than three of 50,000); `warmupCompiles` says how many ran.
 * split mode:
 *   parseFileMs  `parseFile` over every discovered .zc file (cold) = read-free lex+parse+AST;
 *   restMs       `compile([dir], nodeHost, cache)` with that parse cache primed, i.e.
 *                discover + read + imports + bind + check + 原文 + 参数 (parses are cache hits);
 *   warm.*       a second, warm pass split by stage — lex / parseTokens / buildAst per file,
 *                and bind / check / checkQuotes on the compiled program — for proportions.
 * Always: files, programs, lines (.zc lines), diagnostics (count; first few listed),
 *   maxRssMB (process.resourceUsage().maxRSS), heapUsedMB after the run.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (p) => pathToFileURL(join(root, 'dist/compiler', p)).href;

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
const split = args.includes('--split');
const warm = args.includes('--warm');
if (!dir) {
  process.stderr.write('usage: node test/bench/check-once.mjs <dir> [--split]\n');
  process.exit(2);
}

// (before the compiler is loaded, like bin/zhengce.js: the flag applies to code compiled after it)
const defaultBudget = args.includes('--default-budget') || `${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`.includes('interrupt-budget');
if (!split && !warm && !defaultBudget) (await import('node:v8')).setFlagsFromString('--interrupt-budget=540672');

const { compile, ParseCache } = await import(dist('project/program.js'));
const { nodeHost, discover } = await import(dist('project/host.js'));

/** The main thread's CPU ms so far (user + system, clock ticks of 10 ms), or undefined off Linux. */
const { readFileSync } = await import('node:fs');
const mainThreadCpuMs = () => {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // (fields after the command name in parentheses: state is field 3, utime 14, stime 15)
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
};

const countLines = (text) => {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.length && text.charCodeAt(text.length - 1) !== 10 ? n + 1 : n;
};

const out = { mode: split ? 'split' : warm ? 'warm' : 'compile' };
let result;
/** Warm mode: .zc lines run through compile() before the measured compiles. */
const WARM_LINES = 250_000;

if (warm) {
  const times = [];
  let warmLines = 0;
  let linesPerCompile = 0;
  let warmups = 0;
  for (;;) {
    const measured = warmups >= 3 && warmLines >= WARM_LINES;
    const cache = new ParseCache(undefined, { keepTokens: false });
    const m0 = mainThreadCpuMs();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = compile([dir], nodeHost, cache);
    const ms = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    const m1 = mainThreadCpuMs();
    if (measured) {
      times.push({ ms, cpuMs: (c1.user + c1.system) / 1000, mainCpuMs: m0 === undefined || m1 === undefined ? NaN : m1 - m0 });
      if (times.length === 5) break;
    } else {
      // (the same input every time: its lines counted once, after the first compile)
      if (warmups++ === 0) for (const [p, sf] of result.files) if (p.endsWith('.zc')) linesPerCompile += countLines(sf.text);
      warmLines += linesPerCompile;
    }
  }
  out.warmupCompiles = warmups;
  const mid = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  out.ms = mid(times.map((t) => t.ms));
  out.cpuMs = mid(times.map((t) => t.cpuMs));
  const main = mid(times.map((t) => t.mainCpuMs));
  if (!Number.isNaN(main)) out.mainCpuMs = main;
  out.budget = 'default';
} else if (!split) {
  // (the cache `zhengce check` compiles with, compiler/cli/check.ts: one-shot parses that drop their tokens)
  const cache = new ParseCache(undefined, { keepTokens: false });
  const m0 = mainThreadCpuMs();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  result = compile([dir], nodeHost, cache);
  out.ms = performance.now() - t0;
  const c1 = process.cpuUsage(c0);
  const m1 = mainThreadCpuMs();
  out.cpuMs = (c1.user + c1.system) / 1000;
  if (m0 !== undefined && m1 !== undefined) out.mainCpuMs = m1 - m0;
  out.budget = defaultBudget ? 'default' : 'check';
} else {
  const { parseFile } = await import(dist('syntax/index.js'));
  const { SourceFile } = await import(dist('common/source.js'));
  const { lex } = await import(dist('syntax/lexer.js'));
  const { parseTokens } = await import(dist('syntax/parser.js'));
  const { buildAst } = await import(dist('syntax/cst-to-ast.js'));
  const { bind } = await import(dist('semantics/binder.js'));
  const { check } = await import(dist('semantics/checker.js'));
  const { checkQuotes } = await import(dist('semantics/quotes.js'));

  const paths = discover(nodeHost, [dir]).files;
  const texts = new Map(paths.map((p) => [p, nodeHost.readFile(p)]));
  // A parse cache primed from outside: same (path, text) → the result we timed.
  class PrimedCache extends ParseCache {
    primed = new Map();
    get(path, text) {
      const hit = this.primed.get(path);
      if (hit && hit.text === text) return hit.result;
      return super.get(path, text);
    }
  }
  const cache = new PrimedCache();
  const t0 = performance.now();
  for (const [p, text] of texts) cache.primed.set(p, { text, result: parseFile(new SourceFile(p, text)) });
  const t1 = performance.now();
  result = compile([dir], nodeHost, cache);
  const t2 = performance.now();

  // warm re-run, stage by stage (proportions only)
  let lexMs = 0;
  let parseMs = 0;
  let astMs = 0;
  for (const [p, text] of texts) {
    const sf = new SourceFile(p, text);
    const a = performance.now();
    const l = lex(sf);
    const b = performance.now();
    const c = parseTokens(sf, l.value.tokens);
    const d = performance.now();
    buildAst(sf, c.value);
    const e = performance.now();
    lexMs += b - a;
    parseMs += d - b;
    astMs += e - d;
  }
  let bindMs = 0;
  let checkMs = 0;
  let quotesMs = 0;
  for (const prog of result.programs) {
    const files = new Map();
    for (const [p, pf] of prog.checked.files) files.set(p, pf);
    const a = performance.now();
    const bound = bind(prog.root, files);
    const b = performance.now();
    check(bound.value);
    const c = performance.now();
    if (prog.sourceText !== undefined) checkQuotes(prog.checked, prog.sourceText);
    const d = performance.now();
    bindMs += b - a;
    checkMs += c - b;
    quotesMs += d - c;
  }
  out.ms = t2 - t0;
  out.phases = { parseFileMs: t1 - t0, restMs: t2 - t1, warm: { lexMs, parseMs, astMs, bindMs, checkMs, quotesMs } };
}

let lines = 0;
let zcFiles = 0;
for (const [p, sf] of result.files) {
  if (!p.endsWith('.zc')) continue;
  zcFiles++;
  lines += countLines(sf.text);
}
out.files = result.files.size;
out.zcFiles = zcFiles;
out.programs = result.programs.length;
out.lines = lines;
out.diagnostics = result.diagnostics.length;
out.errors = result.diagnostics.filter((d) => d.severity === 'error').length;
if (result.diagnostics.length) out.first = result.diagnostics.slice(0, 5).map((d) => `${d.code} ${d.span.file}:${d.span.start} ${d.message}`);
out.maxRssMB = process.resourceUsage().maxRSS / 1024;
out.heapUsedMB = process.memoryUsage().heapUsed / 1024 / 1024;
process.stdout.write(JSON.stringify(out) + '\n');
