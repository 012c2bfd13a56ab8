/**
 * Benchmark section "build": `zhengce build` on the 50,000-line synthetic corpus
 * (corpus.mjs via corpus-fix.mjs) — `node bin/zhengce.js build --out <tmp> <corpus>`,
 * each run into a fresh output directory, median of ≥ 3 runs after one warm-up run
 * (which is also the validity check: exit 0 and an index.ts for the corpus), with lines/s,
 * CPU time and peak RSS; then an in-process split of one build by phase (compile, lower,
 * emit TypeScript, emit docs, write) to show where the time goes.
 * If the build fails, the error output is reported verbatim (first 40 lines) and the
 * section fails.
 *
 *   export benchBuild(opts) → { title, lines, summary }
 *   export default { name: 'build', title, run(ctx) }
 *   node test/bench/build.mjs [--lines N] [--runs N] [--profile]       (standalone)
 *   node test/bench/build.mjs --split <corpus> <out>                  (child: phase split, one JSON line)
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prepareCorpus } from './corpus-fix.mjs';
import { ROOT, fix, int, max, median, min, newestProfile, rssMethod, summarizeCpuProfile, table, timeNode } from './util.mjs';

const TITLE = 'zhengce build on the 50,000-line synthetic corpus';
const CLI = join(ROOT, 'bin', 'zhengce.js');
const SELF = fileURLToPath(import.meta.url);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function dirSize(dir) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else {
        bytes += st.size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}

/**
 * @param {{ lines?: number, runs?: number, tmp?: string, progress?: (s: string) => void, profile?: boolean }} opts
 */
export async function benchBuild(opts = {}) {
  const nLines = opts.lines ?? 50_000;
  const runs = Math.max(3, opts.runs ?? 3);
  const progress = opts.progress ?? (() => {});
  const ownTmp = opts.tmp === undefined;
  const tmp = opts.tmp ?? mkdtempSync(join(tmpdir(), 'zhengce-bench-build-'));
  const lines = [];
  const out = (s = '') => lines.push(s);
  out(`load average at start: ${load()}  (2-core machine shared with other jobs: wall times are inflated by the load; CPU time is the steadier figure)`);

  const dir = join(tmp, 'corpus');
  const { corpus, check } = prepareCorpus(dir, nLines);
  out(`corpus: ${corpus.zcFiles} .zc files, ${int(corpus.lines)} lines, ${int(corpus.measures)} 措施, ${int(corpus.rules)} 规则, ${int(corpus.quotes)} 原文 (source.txt ${int(corpus.sourceLines)} lines)`);
  if (check.patched.length) {
    const params = [...new Set(check.patched.map((p) => `${p.param} → ${p.literal}`))].join(', ');
    out(`corpus PATCHED for the current checker: ${check.patched.length} 指标 lines used a 参数 (ZC0407 “指标中不能使用参数”; ${params}) — replaced by the value in the temp copy (corpus.mjs still writes them)`);
  }
  if (check.after !== 0 || check.programs !== 1) {
    out(`corpus does not compile cleanly: ${check.after} diagnostics (${check.afterCodes}), ${check.programs} programs; first: ${check.first.join(' | ')}`);
  }
  progress(lines[lines.length - 1]);

  const outDir = (i) => join(tmp, `out-${i}`);
  const series = [];
  for (let i = 0; i <= runs; i++) {
    rmSync(outDir(i), { recursive: true, force: true });
    const r = timeNode(CLI, ['build', '--out', outDir(i), dir]);
    if (r.status !== 0) {
      const text = (r.stdout + r.stderr).split('\n');
      out(`zhengce build FAILED on the corpus (exit ${r.status}, ${int(r.ms)} ms, peak RSS ${fix(r.rssMB)} MB); output (first 40 of ${text.length} lines):`);
      for (const l of text.slice(0, 40)) out(`  | ${l}`);
      out(`load average at end: ${load()}`);
      if (ownTmp) rmSync(tmp, { recursive: true, force: true });
      const err = new Error(`zhengce build failed on the synthetic corpus (exit ${r.status}): ${text.find((l) => /错误|error/i.test(l)) ?? text[0]}`);
      err.lines = lines;
      throw err;
    }
    const size = dirSize(outDir(i));
    if (i === 0) {
      out(`build output: ${size.files} files, ${fix(size.bytes / 2 ** 20)} MB — ${r.stdout.trim()}`);
      for (const f of ['corpus/index.ts', 'corpus/schema.json', 'docs/corpus.md', 'docs/corpus.html']) {
        try {
          out(`  ${f}: ${fix(statSync(join(outDir(i), f)).size / 2 ** 20, 2)} MB`);
        } catch {
          /* name differs */
        }
      }
    } else {
      series.push(r);
      progress(`  build run ${i}/${runs}: ${int(r.ms)} ms wall, ${int(r.cpuMs)} ms CPU, ${fix(r.rssMB)} MB  [load ${load()}]`);
    }
    rmSync(outDir(i), { recursive: true, force: true });
  }

  const ms = series.map((r) => r.ms);
  const cpu = series.map((r) => r.cpuMs).filter((x) => x !== undefined);
  const rss = series.map((r) => r.rssMB).filter((x) => x !== undefined);
  out('');
  out(table([
    ['', 'runs', 'median ms', 'min ms', 'max ms', 'median CPU ms', 'lines/s (wall)', 'lines/s (CPU)', 'peak RSS MB'],
    ['zhengce build (CLI)', series.length, int(median(ms)), int(min(ms)), int(max(ms)), int(median(cpu)), int(corpus.lines / (median(ms) / 1000)), int(corpus.lines / (median(cpu) / 1000)), fix(max(rss))],
  ]));
  out(`[${runs} measured runs after 1 warm-up run, each into a fresh --out directory; wall = spawn to exit; CPU and peak RSS via ${rssMethod}]`);

  // ── phase split (one in-process build) ──
  const sp = timeNode(SELF, ['--split', dir, join(tmp, 'out-split')]);
  let split;
  if (sp.status === 0) {
    split = JSON.parse(sp.stdout.trim().split('\n').pop());
    const total = split.compileMs + split.lowerMs + split.emitTsMs + split.emitDocsMs + split.writeMs;
    const row = (label, x) => [label, int(x), `${fix((100 * x) / total)}%`];
    out('');
    out(`where the time goes (one in-process build, ${int(total)} ms; peak RSS ${fix(split.maxRssMB)} MB):`);
    out(table([
      ['phase', 'ms', 'share'],
      row('compile (read, lex, parse, AST, bind, check, 原文, 参数)', split.compileMs),
      row('lower to IR', split.lowerMs),
      row(`emit TypeScript evaluator + JSON Schema (${fix(split.tsMB, 1)} MB)`, split.emitTsMs),
      row(`emit docs, Markdown + HTML (${fix(split.docsMB, 1)} MB)`, split.emitDocsMs),
      row('write files', split.writeMs),
    ]));
  } else out(`(phase split failed: exit ${sp.status} ${sp.stderr.slice(0, 800)})`);
  rmSync(join(tmp, 'out-split'), { recursive: true, force: true });

  let profile;
  if (opts.profile) {
    const profDir = join(tmp, 'cpuprof');
    mkdirSync(profDir, { recursive: true });
    timeNode(CLI, ['build', '--out', join(tmp, 'out-prof'), dir], { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profDir] });
    const file = newestProfile(profDir);
    if (file) {
      profile = summarizeCpuProfile(file, 20);
      out('');
      out('CPU profile of one `zhengce build` (node --cpu-prof), top self time:');
      out(table([['function', 'where', 'self ms', 'self %'], ...profile.map((p) => [p.name, p.where, int(p.ms), fix(p.pct)])]));
    }
  }
  out('');
  out(`load average at end: ${load()}`);
  if (ownTmp) rmSync(tmp, { recursive: true, force: true });
  return {
    title: TITLE,
    lines,
    summary: {
      lines: corpus.lines, runs: series.length, medianMs: median(ms), minMs: min(ms), maxMs: max(ms), medianCpuMs: median(cpu),
      linesPerS: corpus.lines / (median(ms) / 1000), linesPerCpuS: corpus.lines / (median(cpu) / 1000), peakRssMB: max(rss),
      patched: check.patched.length, ...(split ? { split } : {}), ...(profile ? { profile } : {}),
    },
  };
}

export default {
  name: 'build',
  title: TITLE,
  async run(ctx) {
    let r;
    try {
      r = await benchBuild({ lines: ctx.lines, runs: Math.max(3, Math.min(ctx.runs, 5)), tmp: ctx.tmp, progress: ctx.log, profile: ctx.profile });
    } catch (e) {
      for (const l of e.lines ?? []) ctx.log(l);
      throw e;
    }
    ctx.log('');
    for (const l of r.lines) ctx.log(l);
    return r.summary;
  },
};

/** Child: one build, in process, phase by phase. */
async function split(dir, outDir) {
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', 'compiler', p)).href;
  const { compile } = await import(dist('project/program.js'));
  const { nodeHost } = await import(dist('project/host.js'));
  const { lower } = await import(dist('ir/lower.js'));
  const { emitTypeScript } = await import(dist('emit/typescript.js'));
  const { emitDocs } = await import(dist('emit/docs.js'));
  const { writeGenerated } = await import(dist('emit/build.js'));
  const t0 = performance.now();
  const result = compile([dir], nodeHost);
  const t1 = performance.now();
  const lowered = result.programs.filter((p) => p.checked.policy).map((p) => ({ program: p, ir: lower(p).value }));
  const t2 = performance.now();
  const files = new Map();
  let tsBytes = 0;
  for (const p of lowered) for (const [rel, text] of emitTypeScript(p.ir)) {
    files.set(`${p.ir.policy.id}/${rel}`, text);
    tsBytes += Buffer.byteLength(text);
  }
  const t3 = performance.now();
  let docsBytes = 0;
  for (const [rel, text] of emitDocs(lowered.map((p) => ({ ir: p.ir, checked: p.program.checked })))) {
    files.set(`docs/${rel}`, text);
    docsBytes += Buffer.byteLength(text);
  }
  const t4 = performance.now();
  writeGenerated(outDir, files);
  const t5 = performance.now();
  process.stdout.write(JSON.stringify({
    compileMs: t1 - t0, lowerMs: t2 - t1, emitTsMs: t3 - t2, emitDocsMs: t4 - t3, writeMs: t5 - t4,
    tsMB: tsBytes / 2 ** 20, docsMB: docsBytes / 2 ** 20, files: files.size, diagnostics: result.diagnostics.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const a = process.argv.slice(2);
  if (a[0] === '--split') await split(a[1], a[2]);
  else {
    const num = (flag, d) => (a.includes(flag) ? Number(a[a.indexOf(flag) + 1]) : d);
    const r = await benchBuild({ lines: num('--lines', 50_000), runs: num('--runs', 3), profile: a.includes('--profile'), progress: (s) => process.stderr.write(s + '\n') });
    process.stdout.write(`== build: ${r.title} ==\n${r.lines.join('\n')}\n`);
  }
}
