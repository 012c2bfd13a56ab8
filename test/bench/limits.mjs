/**
 * Benchmark section "limits": the front end on pathological single files — what the test
 * suite used to "measure" by killing a child process after 8 s (test/syntax/robustness.test.ts
 * now asserts the work is linear by counting token reads; speed is measured here).
 *
 *   - a valid file just under the size limit: "；" × (MAX_FILE − 1) (4,194,303 tokens);
 *   - the same at 1/16 of the size (to compare the cost per token);
 *   - 100,000 repeated keywords "指标 " (one parse error each), and 1/16 of it.
 *
 * Each input runs in its own process (node --expose-gc): lex, parse, CST → AST, then the
 * whole `compile` and rendering of its diagnostics, with CPU time and peak RSS; median of
 * the runs. µs/token at the two sizes side by side show whether the cost per token grows
 * with the file (it should not).
 *
 *   export default { name: 'limits', title, run(ctx) }
 *   node test/bench/limits.mjs [--runs N]                 (standalone)
 *   node test/bench/limits.mjs --one <input> <n>          (child: one JSON line)
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT, fix, int, median, rssMethod, table, timeNode } from './util.mjs';

const TITLE = 'front end on pathological single files (size limit, repeated errors)';
const SELF = fileURLToPath(import.meta.url);
const DIST = join(ROOT, 'dist', 'compiler');

const INPUTS = {
  semicolons: { what: 'valid "；" × n', unit: '；' },
  keywords: { what: '"指标 " × n (a parse error each)', unit: '指标 ' },
};

/** Child: measure one input of n units; prints one JSON line. */
async function one(input, n) {
  const imp = (p) => import(pathToFileURL(join(DIST, p)).href);
  const [{ compile }, { memoryHost }, { lex }, { parseTokens }, { buildAst }, { SourceFile }, { renderDiagnosticsText }] = await Promise.all([
    imp('project/program.js'), imp('project/host.js'), imp('syntax/lexer.js'), imp('syntax/parser.js'), imp('syntax/cst-to-ast.js'), imp('common/source.js'), imp('diagnostics/render.js'),
  ]);
  const text = INPUTS[input].unit.repeat(n);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const file = new SourceFile('m.zc', text);
  let t = cpu();
  const l = lex(file);
  const lexMs = cpu() - t;
  t = cpu();
  const p = parseTokens(file, l.value.tokens);
  const parseMs = cpu() - t;
  t = cpu();
  buildAst(file, p.value);
  const astMs = cpu() - t;
  globalThis.gc?.();
  t = cpu();
  const r = compile(['m.zc'], memoryHost({ 'm.zc': text }));
  renderDiagnosticsText(r.diagnostics, r.files, { cwd: '/' });
  const compileMs = cpu() - t;
  process.stdout.write(JSON.stringify({ tokens: l.value.tokens.length, diagnostics: r.diagnostics.length, lexMs, parseMs, astMs, compileMs }) + '\n');
}

export async function benchLimits({ runs = 3, log = console.log } = {}) {
  const { MAX_FILE } = await import(pathToFileURL(join(DIST, 'project', 'program.js')).href);
  const cases = [
    ['semicolons', Math.floor((MAX_FILE - 1) / 16)], ['semicolons', MAX_FILE - 1],
    ['keywords', 6250], ['keywords', 100_000],
  ];
  const rows = [['input', 'n', 'tokens', 'lex ms', 'parse ms', 'AST ms', 'compile+render ms', 'µs/token (compile)', 'peak RSS MB']];
  const summary = {};
  for (const [input, n] of cases) {
    const ms = [];
    let last;
    for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
      const r = timeNode(SELF, ['--one', input, String(n)], { nodeArgs: ['--expose-gc', '--max-old-space-size=6000'] });
      if (r.status !== 0) throw new Error(`${input} ${n}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
      last = { ...JSON.parse(r.stdout.trim().split('\n').pop()), rssMB: r.rssMB };
      ms.push(last);
    }
    const med = (k) => median(ms.map((x) => x[k]));
    const perToken = med('compileMs') * 1000 / last.tokens;
    rows.push([`${INPUTS[input].what}`, int(n), int(last.tokens), int(med('lexMs')), int(med('parseMs')), int(med('astMs')), int(med('compileMs')), fix(perToken, 2), last.rssMB === undefined ? '–' : int(median(ms.map((x) => x.rssMB)))]);
    summary[`${input}_${n}`] = { tokens: last.tokens, compileMs: med('compileMs'), usPerToken: perToken };
  }
  log(table(rows));
  log(`CPU time (process.cpuUsage) of each phase, median of ${Math.max(1, Math.min(runs, 3))} runs in fresh processes; peak RSS by ${rssMethod}.`);
  return { title: TITLE, summary };
}

export default { name: 'limits', title: TITLE, run: (ctx) => benchLimits(ctx) };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--one') await one(argv[1], Number(argv[2]));
  else {
    const i = argv.indexOf('--runs');
    await benchLimits({ runs: i >= 0 ? Number(argv[i + 1]) : 3 });
  }
}
