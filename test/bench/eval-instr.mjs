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

/** Instructions of one child run under cachegrind. */
function countInstructions(row, n, rounds) {
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--hash-seed=1', '--random-seed=1', SELF, '--child', row, String(n), String(rounds)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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
  const n = Number(opt('--households', 20_000));
  const rounds = Number(opt('--rounds', 10));
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
