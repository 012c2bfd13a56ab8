/**
 * Interleaved A/B of the whole `zhengce check` process between built checkouts (issue 13's start-up
 * work, docs/check-timings.md): every round runs `node <tree>/bin/zhengce.js check <dir>` once per
 * tree and directory, in the same order, under `perf stat -e task-clock,duration_time` — process CPU
 * (all threads) and wall from exec to exit. Prints per directory and tree the median and minimum of
 * both, and for every tree after the first how many rounds it used less CPU (wall) than the first.
 * Load drifts on a shared machine: only rounds side by side compare; the load before and after is printed.
 *
 *   node test/bench/check-ab.mjs [--rounds N] [--json FILE] TREE... -- DIR...
 *     TREE: NAME=PATH (a checkout with bin/zhengce.js and a built dist/), e.g. base=/work/wt/b-base new=.
 *     DIR: what `zhengce check` is given (a corpus, a directory with one file, an empty directory)
 *
 * Every run's exit code must be 0 or 1 (findings) and the same for all trees, or the run stops.
 * Needs `perf` (linux-tools).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { median } from './util.mjs';

const argv = process.argv.slice(2);
let rounds = 12;
let json;
const trees = [];
const dirs = [];
for (let i = 0, afterDash = false; i < argv.length; i++) {
  const a = argv[i];
  if (afterDash) dirs.push(resolve(a));
  else if (a === '--') afterDash = true;
  else if (a === '--rounds') rounds = Number(argv[++i]);
  else if (a === '--json') json = argv[++i];
  else if (/^[^=]+=/.test(a)) {
    const at = a.indexOf('=');
    trees.push({ name: a.slice(0, at), root: resolve(a.slice(at + 1)) });
  } else {
    process.stderr.write(`check-ab: unexpected argument ${a}\nusage: node test/bench/check-ab.mjs [--rounds N] [--json FILE] NAME=TREE... -- DIR...\n`);
    process.exit(2);
  }
}
if (trees.length < 2 || !dirs.length || !(rounds > 0)) {
  process.stderr.write('usage: node test/bench/check-ab.mjs [--rounds N] [--json FILE] NAME=TREE NAME=TREE... -- DIR...\n');
  process.exit(2);
}

/** One `zhengce check dir` of `tree` under perf stat: CPU and wall in ms, and the exit code. */
function once(tree, dir) {
  const r = spawnSync('perf', ['stat', '-x', ',', '-e', 'task-clock,duration_time', process.execPath, resolve(tree.root, 'bin', 'zhengce.js'), 'check', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  // perf stat -x, writes "value,unit,event,…" lines after the program's own standard error
  const value = (event) => {
    const line = r.stderr.split('\n').find((l) => l.split(',')[2]?.startsWith(event));
    return line ? Number(line.split(',')[0]) : NaN;
  };
  return { cpuMs: value('task-clock'), wallMs: value('duration_time') / 1e6, code: r.status };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const loadBefore = load();
/** results[dir][tree] = runs */
const results = dirs.map(() => trees.map(() => []));
for (let round = 0; round < rounds; round++) {
  for (let d = 0; d < dirs.length; d++) {
    const codes = new Set();
    for (let t = 0; t < trees.length; t++) {
      const run = once(trees[t], dirs[d]);
      if (run.code !== 0 && run.code !== 1) throw new Error(`${trees[t].name}: zhengce check ${dirs[d]} exited ${run.code}`);
      codes.add(run.code);
      results[d][t].push(run);
    }
    if (codes.size > 1) throw new Error(`the trees' exit codes differ on ${dirs[d]}`);
  }
}
const loadAfter = load();

const out = { rounds, loadBefore, loadAfter, dirs: [] };
console.log(`${rounds} interleaved rounds; load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}`);
for (let d = 0; d < dirs.length; d++) {
  console.log(`\nzhengce check ${dirs[d]}`);
  console.log('tree'.padEnd(12) + 'CPU med'.padStart(9) + 'CPU min'.padStart(9) + 'wall med'.padStart(10) + 'wall min'.padStart(10) + '  fewer than ' + trees[0].name + ' (CPU, wall)');
  const rowData = [];
  for (let t = 0; t < trees.length; t++) {
    const runs = results[d][t];
    const cpu = runs.map((r) => r.cpuMs);
    const wall = runs.map((r) => r.wallMs);
    const first = results[d][0];
    const fewer = t === 0 ? '' : `${runs.filter((r, i) => r.cpuMs < first[i].cpuMs).length}/${rounds}, ${runs.filter((r, i) => r.wallMs < first[i].wallMs).length}/${rounds}`;
    const row = { tree: trees[t].name, root: trees[t].root, cpuMedian: median(cpu), cpuMin: Math.min(...cpu), wallMedian: median(wall), wallMin: Math.min(...wall), fewer, cpu, wall };
    rowData.push(row);
    console.log(trees[t].name.padEnd(12) + row.cpuMedian.toFixed(1).padStart(9) + row.cpuMin.toFixed(1).padStart(9) + row.wallMedian.toFixed(1).padStart(10) + row.wallMin.toFixed(1).padStart(10) + '  ' + fewer);
  }
  out.dirs.push({ dir: dirs[d], trees: rowData });
}
if (json) writeFileSync(json, JSON.stringify(out, null, 1) + '\n');
