/**
 * A/B of the generated evaluator's full `evaluate` (the runtime's _judge, with traces) between two commits:
 * generated/luanchuan/index.ts of BASE (git show) and of this tree, each compiled with TypeScript's
 * transpileModule into a temporary directory and imported into one process. The same households
 * (eval.mjs makeHouseholds, seeded) go through both, in interleaved rounds (A B, B A, …); each round's
 * CPU time (process.cpuUsage, user + system) is recorded, and the medians and their ratio printed with
 * the load average before and after. Both modules' decisions are compared first (they must be equal).
 *
 *   node --expose-gc test/bench/judge-ab.mjs [--base REF] [--households N] [--rounds N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { makeHouseholds } from './eval.mjs';
import { ROOT, median } from './util.mjs';

const a = process.argv.slice(2);
const arg = (k, d) => (a.includes(k) ? a[a.indexOf(k) + 1] : d);
const BASE = arg('--base', '4fe8ee2');
const N = Number(arg('--households', 20_000));
const ROUNDS = Number(arg('--rounds', 21));
const DATE = '2024-07-15';
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const tmp = mkdtempSync(join(tmpdir(), 'zc-judge-ab-'));
async function compiled(name, src) {
  const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const file = join(tmp, `${name}.mjs`);
  writeFileSync(file, js);
  return import(pathToFileURL(file).href);
}
try {
  const before = await compiled('base', execFileSync('git', ['show', `${BASE}:generated/luanchuan/index.ts`], { cwd: ROOT, maxBuffer: 1 << 28 }).toString());
  const after = await compiled('this', readFileSync(join(ROOT, 'generated/luanchuan/index.ts'), 'utf8'));
  const hs = makeHouseholds(N);
  for (let i = 0; i < Math.min(N, 2000); i++) {
    if (JSON.stringify(before.evaluate(hs[i], DATE)) !== JSON.stringify(after.evaluate(hs[i], DATE))) throw new Error(`decisions differ on household ${i}`);
  }
  const run = (m) => {
    globalThis.gc?.();
    const u0 = process.cpuUsage();
    for (const h of hs) m.evaluate(h, DATE);
    const u = process.cpuUsage(u0);
    return (u.user + u.system) / 1000;
  };
  run(before); run(after); // warm-up
  const t = { base: [], this: [] };
  const load0 = load();
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? [['base', before], ['this', after]] : [['this', after], ['base', before]];
    for (const [k, m] of order) t[k].push(run(m));
  }
  const mb = median(t.base);
  const mt = median(t.this);
  console.log(`evaluate (full, traces), policies/luanchuan, ${N} households × ${ROUNDS} interleaved rounds, CPU ms per round (median):`);
  console.log(`  ${BASE}: ${mb.toFixed(0)}   this tree: ${mt.toFixed(0)}   ratio this/base: ${(mt / mb).toFixed(3)}`);
  console.log(`  load average before: ${load0}; after: ${load()}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
