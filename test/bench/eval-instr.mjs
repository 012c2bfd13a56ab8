/**
 * Instructions per household of the eval benchmark's rows, counted by valgrind (cachegrind, no cache
 * simulation): a deterministic measure of the generated evaluator's work, where CPU time on this shared
 * 2-core machine spreads ±10–30 % from run to run (issue 11 item 4: evaluateFast on the three measures
 * against the unchecked hand-written function).
 *
 *   node test/bench/eval-instr.mjs [--households N] [--rounds R] [--repeat K] [--module FILE ...]
 *
 * For each row (the hand-written function, then evaluateFast { 措施: the three } of the built module
 * dist/generated/luanchuan/index.js and of each --module FILE, e.g. a hand-edited copy to try a change),
 * two child processes run under `valgrind --tool=cachegrind --cache-sim=no`, with `node --single-threaded`
 * (no background compiler or GC threads) and fixed hash and random seeds (the count of one process is then
 * repeatable to ~0.05 %, ±4 instructions per household; a rare run is off by far more, so each count is the
 * median of K runs, default 3): both make N
 * households (makeHouseholds, default 20,000), warm the row up for 30 rounds (optimized code), and then one
 * stops while the other runs R more rounds (default 10). The difference of their instruction counts ÷
 * (R × N) is the row's instructions per household — the warm-up, the households and Node itself cancel out.
 * Output: a table (stdout): instructions per household and hand-written ÷ row. Instructions are not time —
 * the hand-written function waits on memory more (fewer instructions per cycle) — so the ratio here is
 * lower than the time ratio of the eval section; it says where the generated code's work goes and whether a
 * change removed some, without the noise of the clock. Each row takes ~1–3 minutes.
 *
 *   node test/bench/eval-instr.mjs --profile [--households N] [--rounds R] [--top K] [--module FILE ...]
 *
 * Where a row's instructions go, by function: each row's two children run once under callgrind
 * (`--dump-instr=yes`) with `node --perf-basic-prof`; the instructions of JIT code are given to the JavaScript
 * function whose code holds them (the perf map node writes to /tmp/perf-<pid>.map, removed after reading; the V8 log
 * that --perf-basic-prof implies goes to a temporary directory), the
 * others to their symbol (a V8 builtin such as Builtins_StringLessThan, a C++ function). Per function, the
 * difference of the two children ÷ (R × N) is its instructions per household (defaults N = 5,000, R = 50; the top
 * K = 25 printed; the sum over all functions is printed too — far from the cachegrind count when N × R is small:
 * a start-up and warm-up of a few million instructions that differ between the two runs do not cancel). The tier of the code is part of the name (`*` optimized, `^` baseline, `~` interpreted), and a
 * function inlined into another is counted in that other (so the table also says what was inlined). One run each
 * way (callgrind is ~2× slower than cachegrind): a rare recompilation at another moment moves a few functions'
 * numbers — compare the sum of the rows with the cachegrind count above.
 *
 * Child mode (internal): node test/bench/eval-instr.mjs --child ROW N ROUNDS
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeHouseholds } from './eval.mjs';
import { handwritten } from './handwritten.mjs';
import { ROOT, fix, int, median, table } from './util.mjs';

const DATE = '2024-07-15';
const THREE = ['生育补助', '公积金租房提取上浮', '多孩家庭购房优先优惠'];
const WARM_ROUNDS = 30;
const SELF = fileURLToPath(import.meta.url);
// the children's node flags: no background threads, fixed seeds, and a fixed garbage-collection schedule — without
// --predictable-gc-schedule V8 times its heap growth and memory reducer by the clock, and the count moved with the
// machine's load (the hand-written row 461, 483, 589 in three runs at load 6–9 on 2026-12-07; with it 589, 594, 590)
const NODE_FLAGS = ['--single-threaded', '--predictable-gc-schedule', '--hash-seed=1', '--random-seed=1'];

/** Child: make the households, warm the row up, run it `rounds` more times. */
async function child(row, n, rounds) {
  const H = makeHouseholds(n);
  let loop;
  if (row === 'hand') {
    loop = () => {
      let s = 0;
      for (let i = 0; i < H.length; i++) s += handwritten(H[i]).生育补助分;
      return s;
    };
  } else {
    const g = await import(pathToFileURL(row).href);
    const options = { 措施: THREE };
    loop = () => {
      let s = 0;
      for (let i = 0; i < H.length; i++) s += g.evaluateFast(H[i], DATE, undefined, options).决定.length;
      return s;
    };
  }
  let sink = 0;
  for (let r = 0; r < WARM_ROUNDS + rounds; r++) sink += loop();
  if (sink < 0) console.log(sink);
}

/**
 * Instructions by function of one child run under callgrind: Map name → instructions. JIT code is named from
 * node's perf map (`JS:*_rv3 file:///…/m1.mjs:7361:14` → `*_rv3`); the rest by callgrind's symbol.
 */
function profileInstructions(row, n, rounds) {
  const tmp = mkdtempSync(join(tmpdir(), 'zhengce-bench-prof-'));
  const out = join(tmp, 'callgrind.out');
  let perfMap;
  try {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--dump-instr=yes', '--compress-pos=no', '--compress-strings=no', `--callgrind-out-file=${out}`, process.execPath, '--perf-basic-prof', '--no-logfile-per-isolate', `--logfile=${join(tmp, 'v8.log')}`, ...NODE_FLAGS, SELF, '--child', row, String(n), String(rounds)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 || !existsSync(out)) throw new Error(`callgrind failed for ${row} (status ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    const text = readFileSync(out, 'utf8');
    const pid = /^pid:\s*(\d+)/m.exec(text)?.[1];
    perfMap = `/tmp/perf-${pid}.map`;
    // JIT code ranges, sorted by start (a later entry for the same address — code moved or replaced — wins)
    const ranges = existsSync(perfMap)
      ? readFileSync(perfMap, 'utf8').split('\n').filter(Boolean).map((l) => {
        const [a, z, ...rest] = l.split(' ');
        const name = rest.join(' ').replace(/^JS:/, '').replace(/ file:\/\/\S*$/, '');
        return [parseInt(a, 16), parseInt(z, 16), name];
      }).sort((x, y) => x[0] - y[0])
      : [];
    const jitName = (addr) => {
      let lo = 0;
      let hi = ranges.length - 1;
      let f = -1;
      while (lo <= hi) {
        const m = (lo + hi) >> 1;
        if (ranges[m][0] <= addr) {
          f = m;
          lo = m + 1;
        } else hi = m - 1;
      }
      return f >= 0 && addr < ranges[f][0] + ranges[f][1] ? ranges[f][2] : '(JIT code not in the perf map)';
    };
    // callgrind's format (uncompressed names and positions): `fn=NAME` opens a function; `ADDR LINE COST` lines are
    // its own cost, except the one after `calls=` (the call's inclusive cost, counted in the callee)
    const by = new Map();
    let fn = '';
    let skip = false;
    for (const l of text.split('\n')) {
      if (l.startsWith('fn=')) fn = l.slice(3);
      else if (l.startsWith('calls=')) skip = true;
      else if (/^0x[0-9a-f]+ \d+ \d+$/.test(l)) {
        if (skip) {
          skip = false;
          continue;
        }
        const [a, , c] = l.split(' ');
        const name = /^0x[0-9a-f]+$/.test(fn) ? jitName(parseInt(a, 16)) : fn;
        by.set(name, (by.get(name) ?? 0) + Number(c));
      }
    }
    return by;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    if (perfMap !== undefined) rmSync(perfMap, { force: true });
  }
}

/** Instructions of one child run under cachegrind. */
function countInstructions(row, n, rounds) {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, ...NODE_FLAGS, SELF, '--child', row, String(n), String(rounds)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`valgrind failed for ${row} (status ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
  return Number(m[1].replace(/,/g, ''));
}

async function main(args) {
  const opt = (flag, d) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : d);
  if (args[0] === '--child') return child(args[1], Number(args[2]), Number(args[3]));
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.error('eval-instr: valgrind is not installed (Debian: apt-get install -y valgrind)');
    process.exitCode = 2;
    return;
  }
  const profile = args.includes('--profile');
  const n = Number(opt('--households', profile ? 5_000 : 20_000));
  const rounds = Number(opt('--rounds', profile ? 50 : 10));
  const repeat = Number(opt('--repeat', 3));
  const built = join(ROOT, 'dist', 'generated', 'luanchuan', 'index.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: npx tsc -p . first`);
  const modules = [built, ...args.flatMap((a, i) => (a === '--module' ? [resolve(args[i + 1])] : []))];
  // each module is imported from a copy in a temporary directory (a hand-edited copy may sit anywhere)
  const tmp = mkdtempSync(join(tmpdir(), 'zhengce-bench-instr-'));
  try {
    const rows = [['hand-written (unchecked)', 'hand']];
    modules.forEach((m, i) => {
      const copy = join(tmp, `m${i}.mjs`);
      writeFileSync(copy, readFileSync(m, 'utf8'));
      rows.push([`evaluateFast { 措施: the 3 } — ${i === 0 ? 'dist/generated/luanchuan/index.js' : basename(m)}`, copy]);
    });
    if (profile) {
      const top = Number(opt('--top', 25));
      for (const [label, row] of rows) {
        const a = profileInstructions(row, n, 0);
        const b = profileInstructions(row, n, rounds);
        const per = [...new Set([...a.keys(), ...b.keys()])].map((k) => [k, ((b.get(k) ?? 0) - (a.get(k) ?? 0)) / (rounds * n)]).sort((x, y) => y[1] - x[1]);
        const sum = per.reduce((t, [, x]) => t + x, 0);
        console.log(`\n${label}: instructions per household by function (callgrind, node --single-threaded; ${int(n)} households, ${rounds} rounds after ${WARM_ROUNDS} of warm-up; sum over all functions ${int(sum)})\n`);
        console.log(table([['function', 'instructions / household'], ...per.slice(0, top).map(([k, x]) => [k.length > 70 ? `${k.slice(0, 67)}...` : k, int(x)])]));
      }
      return;
    }
    const perHousehold = [];
    for (const [label, row] of rows) {
      // the median of `repeat` counts each way: a rare run counts tens of millions of instructions more (a
      // collection or a compile at another moment) — the median leaves it out
      const a = median(Array.from({ length: repeat }, () => countInstructions(row, n, 0)));
      const b = median(Array.from({ length: repeat }, () => countInstructions(row, n, rounds)));
      perHousehold.push([label, (b - a) / (rounds * n)]);
      console.error(`  ${label}: ${int((b - a) / (rounds * n))} instructions per household`);
    }
    const hand = perHousehold[0][1];
    console.log(`instructions per household (valgrind cachegrind, node --single-threaded; ${int(n)} households, ${rounds} rounds after ${WARM_ROUNDS} of warm-up; evaluation date ${DATE})\n`);
    console.log(table([['row', 'instructions / household', 'hand ÷ row'], ...perHousehold.map(([l, x]) => [l, int(x), `${fix(hand / x, 3)}×`])]));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
