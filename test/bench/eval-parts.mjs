/**
 * Where the time of evaluateFast { 措施: the three } goes (issue 11 item 4): a breakdown through the
 * public API on the eval section's households, CPU time per household, rows interleaved round by round.
 *
 *   hand        the unchecked hand-written function (handwritten.mjs) — the goal row's denominator
 *   handShaped  hand-written with the same checks and the same output (like for like)
 *   checkOnly   the hand-written input checks alone
 *   validate    the generated validation evaluateFast runs, alone (white-box: _rawCheck with _dayNum of the date, the raw path's checks on
 *               the caller's records, where the module has it; else _fastFacts: checks + the converted copy)
 *   sel []      evaluateFast { 措施: [] }: validation + batch + scope + 前提 (assumptions) + result, no measure
 *   sel <m>     evaluateFast { 措施: [m] } for each of the three and for 生育补助申请条件 (生育补助's 可领取
 *               evaluates it too)
 *   sel the 3   the goal row
 *
 * A row minus `sel []` is what that measure's own evaluation costs (definitions it shares with another
 * measure are computed once per household, so the parts do not add up to `sel the 3` exactly).
 *
 *   node --expose-gc test/bench/eval-parts.mjs [--households N] [--runs N] [--baseline DIR]
 *
 * --baseline DIR: another built checkout (npm ci there); its generated evaluator (DIR/dist/generated/
 * luanchuan/index.js) gets the same generated rows in the same rounds, so before/after is side by side.
 * Output: a table (stdout). Not a section of run.mjs: a diagnostic for the evaluator's author.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeHouseholds } from './eval.mjs';
import { checkHousehold, handwritten, handwrittenShaped } from './handwritten.mjs';
import { ROOT, fix, int, median, rawFactsExport, table } from './util.mjs';

const DATE = '2024-07-15';
const THREE = ['生育补助', '公积金租房提取上浮', '多孩家庭购房优先优惠'];
const SELECTIONS = [['sel []', []], ...[...THREE, '生育补助申请条件'].map((m) => [`sel ${m}`, [m]]), ['sel the 3', THREE]];

const args = process.argv.slice(2);
const opt = (flag, d) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : d);
const N = Number(opt('--households', 300_000));
const runs = Math.max(1, Number(opt('--runs', 5)));
const baseline = opt('--baseline', undefined);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** A tree's generated module, with one line exporting the fast validation (a copy in tmp). */
async function loadTree(root, tmp, tag) {
  const file = join(tmp, `${tag}.mjs`);
  const src = readFileSync(join(root, 'dist', 'generated', 'luanchuan', 'index.js'), 'utf8');
  writeFileSync(file, src + `\nexport { _fastFacts as __fastFacts, _parseIso as __parseIso };\n${rawFactsExport(src)}`);
  return import(pathToFileURL(file).href);
}

// one loop per row, built with new Function so that every row has its own call-site feedback
const selLoop = (g, H, sel) => new Function('g', 'H', 'o', 'D', 'return function (n) { let s = 0; for (let i = 0; i < n; i++) s += g.evaluateFast(H[i], D, undefined, o).决定.length; return s; }')(g, H, { 措施: sel }, DATE);
const validateLoop = (g, H) => g.__rawFacts
  ? new Function('g', 'H', 'D', 'return function (n) { let s = 0; for (let i = 0; i < n; i++) s += g.__rawFacts(H[i], D) ? 1 : 0; return s; }')(g, H, DATE)
  : new Function('g', 'H', 'day', 'return function (n) { let s = 0; for (let i = 0; i < n; i++) { const f = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]; s += g.__fastFacts(H[i], day, f).length; } return s; }')(g, H, g.__parseIso(DATE));

const tmp = mkdtempSync(join(tmpdir(), 'zhengce-bench-evalparts-'));
try {
  const trees = [['after', ROOT], ...(baseline ? [['before', resolve(baseline)]] : [])];
  const mods = [];
  for (const [tag, root] of trees) mods.push([tag, await loadTree(root, tmp, tag)]);
  const H = makeHouseholds(N);
  // the rows compute what the eval section checks household by household (agreement is its job); here only a sanity check
  for (const [tag, g] of mods) {
    const a = JSON.stringify(g.evaluateFast(H[0], DATE, undefined, { 措施: THREE }));
    if (a !== JSON.stringify(handwrittenShaped(H[0]))) throw new Error(`${tag}: evaluateFast { 措施: the 3 } differs from handwrittenShaped on household #0`);
  }
  const rows = [
    ['hand', (n) => { let s = 0; for (let i = 0; i < n; i++) s += handwritten(H[i]).生育补助分; return s; }],
    ['handShaped', (n) => { let s = 0; for (let i = 0; i < n; i++) s += handwrittenShaped(H[i]).决定.length; return s; }],
    ['checkOnly', (n) => { for (let i = 0; i < n; i++) checkHousehold(H[i]); return n; }],
  ];
  for (const [tag, g] of mods) {
    const p = mods.length > 1 ? `${tag} ` : '';
    rows.push([`${p}validate`, validateLoop(g, H)]);
    for (const [name, sel] of SELECTIONS) rows.push([`${p}${name}`, selLoop(g, H, sel)]);
  }
  const cpu = new Map(rows.map(([k]) => [k, []]));
  process.stderr.write(`households: ${int(N)}; load ${load()}\n`);
  for (let round = 0; round <= runs; round++) {
    // alternate the order of the rows by round, so that drift in the load hits them alike
    for (const [name, fn] of round % 2 ? [...rows].reverse() : rows) {
      globalThis.gc?.();
      const c0 = process.cpuUsage();
      fn(round === 0 ? Math.min(N, 50_000) : N);
      const c = process.cpuUsage(c0);
      if (round > 0) cpu.get(name).push(((c.user + c.system) * 1000) / N);
    }
    if (round > 0) process.stderr.write(`  round ${round}/${runs} done [load ${load()}]\n`);
  }
  const ns = (k) => median(cpu.get(k));
  const hand = ns('hand');
  const out = [['row', 'ns/household (CPU, median)', '× hand', 'hand ÷ row']];
  for (const [k] of rows) out.push([k, fix(ns(k), 0), `${fix(ns(k) / hand, 2)}×`, `${fix(hand / ns(k), 3)}×`]);
  process.stdout.write(`evaluateFast { 措施 } breakdown: ${int(N)} households (makeHouseholds), evaluation date ${DATE}, medians of ${runs} rounds after 1 warm-up round, CPU time of this process per row\n`);
  process.stdout.write(table(out) + '\n');
  process.stdout.write(`load average at end: ${load()}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
