/**
 * Benchmark section "check": `zhengce check` on a synthetic, valid 50,000-line policy
 * corpus, beside `tsc --noEmit` on a TypeScript file of the same line count, in the
 * same run (runs interleaved so machine-load drift hits both alike).
 *
 * With `--baseline DIR` (run.mjs) the baseline checkout's `zhengce check` runs on the same
 * corpus in every round, interleaved, and the before/after ratios are printed.
 *
 * Goals (issue 13): check ≥ 100,000 lines/s of front-end CPU (the issue's measure: lex+parse+AST+bind+
 * check, here the whole in-process compile() — read, imports, 原文 and 参数 too — by process CPU time
 * in a fresh process; the whole CLI's lines/s by wall and CPU are printed and judged beside it), at
 * least 5× faster than tsc, peak memory < 200 MB,
 * and a single 10,000-line file no slower per line than the corpus: the same kind of policy as
 * one file (corpus.mjs generateSingleFilePolicy) is checked in every round too (CLI, and
 * compile() in-process in the first 3), and lines/s are printed side by side.
 * A control beside it: the same 10,000 lines as a corpus of ~25 files (generatePolicyCorpus at
 * 10,000 lines, same rounds) — one file against many files at the same line count separates what
 * the file's size costs from what the line count costs (cold JIT tiers, heap growth).
 * The goals are printed as met / NOT met; they never fail the run. The run fails only
 * if the corpus is not valid (any diagnostic) or tsc reports an error — then the
 * comparison would be meaningless.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePolicyCorpus, generateSingleFilePolicy, generateTsFile } from './corpus.mjs';
import { BENCH_DIR, ROOT, fix, int, max, median, min, newestProfile, rssMethod, summarizeCpuProfile, table, timeNode } from './util.mjs';

const CLI = join(ROOT, 'bin', 'zhengce.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ONCE = join(BENCH_DIR, 'check-once.mjs');

const GOAL_LINES_PER_S = 100_000;
const GOAL_RSS_MB = 200;
/** check's time over tsc's: at most 1/5 (at least 5× faster). */
const GOAL_TSC_RATIO = 0.2;
/** The one-file row of issue 13: a single file of this many lines. */
const ONE_FILE_LINES = 10_000;

export default {
  name: 'check',
  title: 'zhengce check vs tsc --noEmit (same line count)',
  /**
   * @param {{ lines: number, runs: number, tmp: string, log: (s?: string) => void, profile: boolean }} ctx
   */
  async run(ctx) {
    const { lines, runs, log } = ctx;
    const splitRuns = Math.min(runs, 3);
    const dir = join(ctx.tmp, 'policy');
    const tsDir = join(ctx.tmp, 'ts');

    // ── corpora ──
    const corpus = generatePolicyCorpus(dir, lines);
    const ts = generateTsFile(join(tsDir, 'corpus.ts'), corpus.lines);
    const oneDir = join(ctx.tmp, 'one-file');
    const one = generateSingleFilePolicy(oneDir, ONE_FILE_LINES);
    const tenDir = join(ctx.tmp, 'ten-k');
    const ten = generatePolicyCorpus(tenDir, ONE_FILE_LINES);
    const tsconfig = join(tsDir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ES2022', lib: ['ES2022'], types: [], skipLibCheck: true },
      files: ['corpus.ts'],
    }, null, 2) + '\n');
    log(`corpus: ${corpus.zcFiles} .zc files, ${int(corpus.lines)} lines, ${int(corpus.measures)} 措施, ${int(corpus.rules)} 规则, ${int(corpus.quotes)} 原文 (source.txt ${int(corpus.sourceLines)} lines) in ${dir}`);
    log(`one file: ${int(one.lines)} lines (${one.fromFiles} .zc files of the same generator joined) in ${one.path}`);
    log(`control: the same generator at ${int(ten.lines)} lines as ${ten.zcFiles} .zc files in ${tenDir}`);
    log(`TypeScript: 1 file, ${int(ts.lines)} lines (${ts.path}); tsc options: strict, noEmit, target/lib ES2022, types [], skipLibCheck`);

    // ── validity: zero diagnostics, or the bench is meaningless ──
    const probe = JSON.parse(timeNode(ONCE, [dir]).stdout);
    log(`diagnostics from zhengce on the corpus: ${probe.diagnostics} (errors: ${probe.errors}); programs: ${probe.programs}; .zc lines seen: ${int(probe.lines)}`);
    if (probe.diagnostics !== 0 || probe.lines !== corpus.lines || probe.programs !== 1) {
      const cli = timeNode(CLI, ['check', dir]);
      log(cli.stdout.split('\n').slice(0, 60).join('\n'));
      throw new Error(`BENCH INVALID: the synthetic corpus must compile with 0 diagnostics as 1 program of ${corpus.lines} lines; got ${probe.diagnostics} diagnostics, ${probe.programs} programs, ${probe.lines} lines (${(probe.first ?? []).join(' | ')})`);
    }

    const probeOne = JSON.parse(timeNode(ONCE, [oneDir]).stdout);
    if (probeOne.diagnostics !== 0 || probeOne.lines !== one.lines || probeOne.programs !== 1) {
      throw new Error(`BENCH INVALID: the one-file policy must compile with 0 diagnostics as 1 program of ${one.lines} lines; got ${probeOne.diagnostics} diagnostics, ${probeOne.programs} programs, ${probeOne.lines} lines (${(probeOne.first ?? []).join(' | ')})`);
    }
    const probeTen = JSON.parse(timeNode(ONCE, [tenDir]).stdout);
    if (probeTen.diagnostics !== 0 || probeTen.lines !== ten.lines || probeTen.programs !== 1) {
      throw new Error(`BENCH INVALID: the ${ten.lines}-line control corpus must compile with 0 diagnostics as 1 program; got ${probeTen.diagnostics} diagnostics, ${probeTen.programs} programs, ${probeTen.lines} lines (${(probeTen.first ?? []).join(' | ')})`);
    }

    // ── interleaved series: one warm-up round, then `runs` measured rounds of
    //    CLI check · tsc (· in-process compile() and split, in the first 3 rounds) ──
    const checkRuns = [];
    const baseRuns = [];
    const BASE_CLI = ctx.baseline ? join(ctx.baseline.root, 'bin', 'zhengce.js') : undefined;
    const tscRuns = [];
    const oneRuns = [];
    const oneBase = [];
    const oneInproc = [];
    const tenRuns = [];
    const tenInproc = [];
    const inproc = [];
    const splits = [];
    const warmInproc = [];
    const oneWarm = [];
    for (let i = 0; i <= runs; i++) {
      const c = timeNode(CLI, ['check', dir]);
      if (c.status !== 0 || !c.stdout.includes('没有诊断')) {
        log(c.stdout.slice(0, 4000) + c.stderr.slice(0, 4000));
        throw new Error(`BENCH INVALID: zhengce check exited ${c.status} or reported diagnostics`);
      }
      const t = timeNode(TSC, ['-p', tsconfig]);
      if (t.status !== 0) {
        log(t.stdout.split('\n').slice(0, 30).join('\n') + t.stderr.slice(0, 4000));
        throw new Error(`BENCH INVALID: tsc exited ${t.status} on the generated TypeScript file`);
      }
      let b;
      if (BASE_CLI) {
        b = timeNode(BASE_CLI, ['check', dir], { cwd: ctx.baseline.root });
        if (b.status !== 0 || !b.stdout.includes('没有诊断')) {
          log(b.stdout.slice(0, 4000) + b.stderr.slice(0, 4000));
          throw new Error(`BENCH INVALID: the baseline's zhengce check exited ${b.status} or reported diagnostics on the same corpus`);
        }
      }
      const o = timeNode(CLI, ['check', oneDir]);
      if (o.status !== 0 || !o.stdout.includes('没有诊断')) {
        log(o.stdout.slice(0, 4000) + o.stderr.slice(0, 4000));
        throw new Error(`BENCH INVALID: zhengce check exited ${o.status} or reported diagnostics on the one-file policy`);
      }
      const ob = BASE_CLI ? timeNode(BASE_CLI, ['check', oneDir], { cwd: ctx.baseline.root }) : undefined;
      const tk = timeNode(CLI, ['check', tenDir]);
      if (tk.status !== 0 || !tk.stdout.includes('没有诊断')) {
        log(tk.stdout.slice(0, 4000) + tk.stderr.slice(0, 4000));
        throw new Error(`BENCH INVALID: zhengce check exited ${tk.status} or reported diagnostics on the ${ten.lines}-line control corpus`);
      }
      if (i === 0) continue; // warm-up (file cache, V8 compile cache)
      oneRuns.push(o);
      tenRuns.push(tk);
      if (ob) oneBase.push(ob);
      checkRuns.push(c);
      if (b) baseRuns.push(b);
      tscRuns.push(t);
      let extra = '';
      if (i <= splitRuns) {
        const p = JSON.parse(timeNode(ONCE, [dir]).stdout);
        inproc.push(p);
        oneInproc.push(JSON.parse(timeNode(ONCE, [oneDir]).stdout));
        tenInproc.push(JSON.parse(timeNode(ONCE, [tenDir]).stdout));
        splits.push(JSON.parse(timeNode(ONCE, [dir, '--split']).stdout));
        warmInproc.push(JSON.parse(timeNode(ONCE, [dir, '--warm']).stdout));
        oneWarm.push(JSON.parse(timeNode(ONCE, [oneDir, '--warm']).stdout));
        extra = ` · compile() ${int(p.ms)} ms`;
      }
      log(`  run ${i}/${runs}: check ${int(c.ms)} ms (cpu ${int(c.cpuMs)}), ${fix(c.rssMB)} MB${b ? ` · BEFORE check ${int(b.ms)} ms (cpu ${int(b.cpuMs)}), ${fix(b.rssMB)} MB` : ''} · tsc ${int(t.ms)} ms (cpu ${int(t.cpuMs)}), ${fix(t.rssMB)} MB${extra}`);
    }

    // ── report ──
    const row = (label, msList, cpuList, rssList) => {
      const m = median(msList);
      const cpu = cpuList ? median(cpuList.filter((x) => x !== undefined)) : NaN;
      return [label, int(m), int(min(msList)), int(max(msList)), int(corpus.lines / (m / 1000)), int(cpu), fix(max(rssList.filter((x) => x !== undefined)))];
    };
    const cMs = checkRuns.map((r) => r.ms);
    const lps0 = (msList) => corpus.lines / (median(msList) / 1000);
    const tMs = tscRuns.map((r) => r.ms);
    const iMs = inproc.map((r) => r.ms);
    const iCpu = median(inproc.map((r) => r.cpuMs ?? NaN));
    const cCpu = median(checkRuns.map((r) => r.cpuMs ?? NaN));
    const tCpu = median(tscRuns.map((r) => r.cpuMs ?? NaN));
    log('');
    log(table([
      ['', 'median ms', 'min ms', 'max ms', 'lines/s', 'median cpu ms', 'peak RSS MB'],
      row('zhengce check (CLI, wall)', cMs, checkRuns.map((r) => r.cpuMs), checkRuns.map((r) => r.rssMB)),
      ...(baseRuns.length ? [row('BEFORE: baseline zhengce check (CLI, wall)', baseRuns.map((r) => r.ms), baseRuns.map((r) => r.cpuMs), baseRuns.map((r) => r.rssMB))] : []),
      row('tsc --noEmit (wall)', tMs, tscRuns.map((r) => r.cpuMs), tscRuns.map((r) => r.rssMB)),
      row(`compile() in-process (${inproc.length} runs)`, iMs, inproc.map((r) => r.cpuMs), inproc.map((r) => r.maxRssMB)),
    ]));
    const iMain = median(inproc.map((r) => r.mainCpuMs ?? NaN));
    if (!Number.isNaN(iMain)) {
      log(`  compile() in-process, CPU by thread (median): main thread ${int(iMain)} ms (${int(corpus.lines / (iMain / 1000))} lines/s) — lex, parse, bind, check and the GC pauses; ` +
        `V8's background threads ${int(iCpu - iMain)} ms more (concurrent marking, parallel scavenging, optimizing compiles; /proc/self/task, 10 ms steps)`);
    }
    const ratio = median(cMs) / median(tMs);
    log('');
    log(`ratio check/tsc: ${fix(ratio, 2)}× by median wall time, ${fix(cCpu / tCpu, 2)}× by median CPU time (user+sys)`);
    let beforeAfter;
    if (baseRuns.length) {
      const bMs = median(baseRuns.map((r) => r.ms));
      const bCpu = median(baseRuns.map((r) => r.cpuMs ?? NaN));
      beforeAfter = { baseline: ctx.baseline.commit, beforeMs: bMs, beforeCpuMs: bCpu, afterMs: median(cMs), afterCpuMs: cCpu, wallRatio: median(cMs) / bMs, cpuRatio: cCpu / bCpu, beforePeakRssMB: max(baseRuns.map((r) => r.rssMB ?? NaN)) };
      log(`before → after (${ctx.baseline.commit.slice(0, 9)} → this tree, same corpus, interleaved): ${int(corpus.lines / (bMs / 1000))} → ${int(corpus.lines / (median(cMs) / 1000))} lines/s by wall, ` +
        `${int(corpus.lines / (bCpu / 1000))} → ${int(corpus.lines / (cCpu / 1000))} lines/s by CPU; after/before time ${fix(beforeAfter.wallRatio, 2)}× wall, ${fix(beforeAfter.cpuRatio, 2)}× CPU ` +
        `(> 1.10 = a regression over 10%); peak RSS ${fix(beforeAfter.beforePeakRssMB)} → ${fix(max(checkRuns.map((r) => r.rssMB ?? NaN)))} MB`);
      // (the same tsc runs as the ratio above: before and after from one run)
      beforeAfter.beforeTscRatio = bMs / median(tMs);
      beforeAfter.beforeTscCpuRatio = bCpu / tCpu;
      log(`ratio check/tsc before → after: ${fix(beforeAfter.beforeTscRatio, 2)}× → ${fix(ratio, 2)}× by median wall time, ${fix(beforeAfter.beforeTscCpuRatio, 2)}× → ${fix(cCpu / tCpu, 2)}× by median CPU time`);
    }
    log(`  [${runs} measured rounds after 1 warm-up, interleaved; lines/s = ${int(corpus.lines)} / median wall; peak RSS = max over runs via ${rssMethod}; in-process: performance.now() and process.cpuUsage() around compile() in a fresh process (check-once.mjs, the tier-up budget zhengce check sets), process.resourceUsage().maxRSS]`);

    // ── one 10,000-line file beside the corpus, per line ──
    const oneMs = median(oneRuns.map((r) => r.ms));
    const oneCpu = median(oneRuns.map((r) => r.cpuMs ?? NaN));
    const oneIn = median(oneInproc.map((r) => r.ms));
    const perS = (n, ms) => n / (ms / 1000);
    const tenMs = median(tenRuns.map((r) => r.ms));
    const tenCpu = median(tenRuns.map((r) => r.cpuMs ?? NaN));
    const tenIn = median(tenInproc.map((r) => r.ms));
    // (the same compile() runs by CPU: the process's, all threads; the main thread's alone)
    const oneInCpu = median(oneInproc.map((r) => r.cpuMs ?? NaN));
    const oneInMain = median(oneInproc.map((r) => r.mainCpuMs ?? NaN));
    const byCpu = [
      ['compile() in-process by CPU, all threads', oneInCpu, iCpu, median(tenInproc.map((r) => r.cpuMs ?? NaN))],
      ...(Number.isNaN(oneInMain) || Number.isNaN(iMain) ? [] : [['compile() in-process by CPU, main thread', oneInMain, iMain, median(tenInproc.map((r) => r.mainCpuMs ?? NaN))]]),
    ];
    log('');
    log(`one ${int(one.lines)}-line file vs the ${int(corpus.lines)}-line corpus (${corpus.zcFiles} files), and the control: ${int(ten.lines)} lines as ${ten.zcFiles} files; lines/s (median):`);
    log(table([
      ['', 'one file', 'corpus', 'one file / corpus', `${int(ten.lines)} lines, ${ten.zcFiles} files`, 'one file / those files'],
      ['CLI by wall', int(perS(one.lines, oneMs)), int(lps0(cMs)), fix(perS(one.lines, oneMs) / lps0(cMs), 2), int(perS(ten.lines, tenMs)), fix(perS(one.lines, oneMs) / perS(ten.lines, tenMs), 2)],
      ['CLI by CPU', int(perS(one.lines, oneCpu)), int(perS(corpus.lines, cCpu)), fix(perS(one.lines, oneCpu) / perS(corpus.lines, cCpu), 2), int(perS(ten.lines, tenCpu)), fix(perS(one.lines, oneCpu) / perS(ten.lines, tenCpu), 2)],
      [`compile() in-process (${oneInproc.length} runs)`, int(perS(one.lines, oneIn)), int(perS(corpus.lines, median(iMs))), fix(perS(one.lines, oneIn) / perS(corpus.lines, median(iMs)), 2), int(perS(ten.lines, tenIn)), fix(perS(one.lines, oneIn) / perS(ten.lines, tenIn), 2)],
      ...byCpu.map(([label, o, c, t]) => [label, int(perS(one.lines, o)), int(perS(corpus.lines, c)), fix(perS(one.lines, o) / perS(corpus.lines, c), 2), int(perS(ten.lines, t)), fix(perS(one.lines, o) / perS(ten.lines, t), 2)]),
      [`compile() in-process, warm (median of 5 after ≥ 250,000 lines of warm-up: ${median(oneWarm.map((r) => r.warmupCompiles))} and ${median(warmInproc.map((r) => r.warmupCompiles))} compiles; ${oneWarm.length} processes)`, int(perS(one.lines, median(oneWarm.map((r) => r.ms)))), int(perS(corpus.lines, median(warmInproc.map((r) => r.ms)))), fix(perS(one.lines, median(oneWarm.map((r) => r.ms))) / perS(corpus.lines, median(warmInproc.map((r) => r.ms))), 2), '', ''],
      ...(oneBase.length ? [['BEFORE: baseline CLI by wall', int(perS(one.lines, median(oneBase.map((r) => r.ms)))), int(perS(corpus.lines, median(baseRuns.map((r) => r.ms)))), fix(perS(one.lines, median(oneBase.map((r) => r.ms))) / perS(corpus.lines, median(baseRuns.map((r) => r.ms))), 2), '', '']] : []),
    ]));
    log('  [the CLI rows include start-up (fixed per run: shared by the one file’s lines, or by the corpus’s); compile() in-process is the front end and checks alone;');
    log('   one file / those files ≈ 1: the one-file gap is the line count’s (cold code, heap growth), not the file’s size;');
    log('   warm: the same compile() again in the same process after the same number of lines of warm-up for both inputs, V8’s default tier-up budget as in the language server (optimized code, grown heap) — the algorithms’ per-line cost without V8’s warm-up]');

    const ph = (f) => median(splits.map((s) => f(s.phases)));
    const parseFileMs = ph((p) => p.parseFileMs);
    const restMs = ph((p) => p.restMs);
    const w = ['lexMs', 'parseMs', 'astMs', 'bindMs', 'checkMs', 'quotesMs'].map((k) => ph((p) => p.warm[k]));
    const front = w[0] + w[1] + w[2];
    log('');
    log(`in-process split (median of ${splitRuns} runs of check-once.mjs --split):`);
    log(table([
      ['phase', 'median ms', 'share'],
      ['parseFile, all files (lex + parse + AST), cold', int(parseFileMs), `${fix((100 * parseFileMs) / (parseFileMs + restMs))}%`],
      ['compile() with parses cached (read, imports, bind, check, 原文, 参数)', int(restMs), `${fix((100 * restMs) / (parseFileMs + restMs))}%`],
      ['  warm re-run: lex', int(w[0]), `${fix((100 * w[0]) / front)}% of front end`],
      ['  warm re-run: parse (parseTokens: ast-parser.ts, Chevrotain only on errors)', int(w[1]), `${fix((100 * w[1]) / front)}% of front end`],
      ['  warm re-run: AST (buildAst)', int(w[2]), `${fix((100 * w[2]) / front)}% of front end`],
      ['  warm re-run: bind', int(w[3]), ''],
      ['  warm re-run: check (types & units)', int(w[4]), ''],
      ['  warm re-run: 原文 quotes', int(w[5]), ''],
    ]));

    const lps = corpus.lines / (median(cMs) / 1000);
    const lpsCpu = corpus.lines / (cCpu / 1000);
    const peak = max(checkRuns.map((r) => r.rssMB ?? NaN));
    const met = (ok) => (ok ? 'met' : 'NOT met');
    log('');
    const lpsFront = corpus.lines / (iCpu / 1000);
    const oneWarmRatio = perS(one.lines, median(oneWarm.map((r) => r.ms))) / perS(corpus.lines, median(warmInproc.map((r) => r.ms)));
    log(`goals: check ≥ ${int(GOAL_LINES_PER_S)} lines/s of front-end CPU (compile() in a fresh process, no start-up; process CPU, all threads): ${met(lpsFront >= GOAL_LINES_PER_S)} (${int(lpsFront)}; by wall ${int(corpus.lines / (median(iMs) / 1000))}${Number.isNaN(iMain) ? '' : `; main thread alone ${int(corpus.lines / (iMain / 1000))}`})` +
      ` · the whole CLI (start-up included) ≥ ${int(GOAL_LINES_PER_S)} lines/s: ${met(lps >= GOAL_LINES_PER_S)} by wall (${int(lps)}), ${met(lpsCpu >= GOAL_LINES_PER_S)} by CPU time (${int(lpsCpu)})` +
      ` · ≥ 5× faster than tsc: ${met(ratio <= GOAL_TSC_RATIO)} by wall (${fix(ratio, 2)}×), ${met(cCpu / tCpu <= GOAL_TSC_RATIO)} by CPU time (${fix(cCpu / tCpu, 2)}×)` +
      ` · peak memory < ${GOAL_RSS_MB} MB: ${met(peak < GOAL_RSS_MB)} (${fix(peak)} MB)` +
      ` · one ${int(one.lines)}-line file no slower per line: ${met(perS(one.lines, oneIn) >= perS(corpus.lines, median(iMs)))} by compile() in-process, cold (${fix(perS(one.lines, oneIn) / perS(corpus.lines, median(iMs)), 2)}× the corpus's lines/s), ` +
      `${met(iCpu / oneInCpu * one.lines / corpus.lines >= 1)} by its CPU, all threads (${fix(iCpu / oneInCpu * one.lines / corpus.lines, 2)}×)${Number.isNaN(oneInMain) || Number.isNaN(iMain) ? '' : `, ${met(iMain / oneInMain * one.lines / corpus.lines >= 1)} by main-thread CPU (${fix(iMain / oneInMain * one.lines / corpus.lines, 2)}×)`}, ${met(perS(one.lines, oneMs) >= lps0(cMs))} by CLI wall (${fix(perS(one.lines, oneMs) / lps0(cMs), 2)}×); warm in-process ${fix(oneWarmRatio, 2)}× (${met(oneWarmRatio >= 1)})`);

    let profile;
    if (ctx.profile) {
      const profDir = join(ctx.tmp, 'cpuprof');
      mkdirSync(profDir, { recursive: true });
      timeNode(ONCE, [dir], { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profDir] });
      const file = newestProfile(profDir);
      if (file) {
        profile = summarizeCpuProfile(file, 25);
        log('');
        log(`CPU profile of check-once.mjs (node --cpu-prof), top self time — ${file}`);
        log(table([['function', 'where', 'self ms', 'self %'], ...profile.map((p) => [p.name, p.where, int(p.ms), fix(p.pct)])]));
      }
    }

    return {
      lines: corpus.lines,
      check: { medianMs: median(cMs), minMs: min(cMs), maxMs: max(cMs), linesPerS: lps, linesPerCpuS: lpsCpu, medianCpuMs: cCpu, peakRssMB: peak },
      tenFiles: { lines: ten.lines, files: ten.zcFiles, medianMs: tenMs, medianCpuMs: tenCpu, inProcessMs: tenIn, linesPerS: perS(ten.lines, tenMs), inProcessLinesPerS: perS(ten.lines, tenIn) },
      oneFile: { lines: one.lines, inProcessCpuMs: oneInCpu, ...(Number.isNaN(oneInMain) ? {} : { inProcessMainThreadCpuMs: oneInMain }), warmInProcessMs: median(oneWarm.map((r) => r.ms)), corpusWarmInProcessMs: median(warmInproc.map((r) => r.ms)), medianMs: oneMs, medianCpuMs: oneCpu, inProcessMs: oneIn, linesPerS: perS(one.lines, oneMs), inProcessLinesPerS: perS(one.lines, oneIn), ...(oneBase.length ? { beforeMedianMs: median(oneBase.map((r) => r.ms)) } : {}) },
      tsc: { medianMs: median(tMs), minMs: min(tMs), maxMs: max(tMs), linesPerS: corpus.lines / (median(tMs) / 1000), medianCpuMs: tCpu, peakRssMB: max(tscRuns.map((r) => r.rssMB ?? NaN)) },
      inProcess: { medianMs: median(iMs), minMs: min(iMs), maxMs: max(iMs), medianCpuMs: iCpu, ...(Number.isNaN(iMain) ? {} : { medianMainThreadCpuMs: iMain }), linesPerCpuS: lpsFront, peakRssMB: max(inproc.map((r) => r.maxRssMB)) },
      ratio,
      cpuRatio: cCpu / tCpu,
      ...(beforeAfter ? { beforeAfter } : {}),
      split: { parseFileMs, restMs, lexMs: w[0], parseMs: w[1], astMs: w[2], bindMs: w[3], checkMs: w[4], quotesMs: w[5] },
      ...(profile ? { profile } : {}),
    };
  },
};
