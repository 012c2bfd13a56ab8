/**
 * How well completion ranks what the drafter writes next (not a timing): for every keyword token of the
 * county encoding (policies/luanchuan), completion is asked at the keyword's start — nothing of it typed
 * yet — and the row reports how many items came back and where the keyword the file has there stands
 * in the list (sorted by sortText, as clients sort): median items, whether it is offered at all, its
 * median rank and the mean reciprocal rank (1 = always first). With --baseline TREE, the same for a
 * built checkout side by side (e.g. the commit before a completion change).
 *
 *   node test/bench/completion-rank.mjs [--baseline TREE]
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, median, table } from './util.mjs';

async function measure(tree) {
  const mod = (p) => import(pathToFileURL(join(tree, 'dist', p)).href);
  const { compile } = await mod('compiler/project/program.js');
  const { nodeHost } = await mod('compiler/project/host.js');
  const { programSetOf } = await mod('compiler/services/program-set.js');
  const { complete } = await mod('compiler/services/completion.js');
  const { KEYWORDS } = await mod('compiler/syntax/tokens.js');
  const dir = join(ROOT, 'policies', 'luanchuan');
  const files = readdirSync(dir).filter((f) => f.endsWith('.zc')).map((f) => join(dir, f));
  const ws = programSetOf(compile(files, nodeHost), 1);
  const counts = [];
  const ranks = [];
  let positions = 0;
  for (const f of files) {
    for (const t of ws.parsedOf(f).tokens) {
      if (!KEYWORDS.includes(t.image) || t.tokenType.name === 'Name') continue;
      positions++;
      const items = complete(ws, f, t.startOffset).items.slice().sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
      counts.push(items.length);
      const r = items.findIndex((i) => i.label === t.image);
      if (r >= 0) ranks.push(r + 1);
    }
  }
  return { positions, items: median(counts), offered: ranks.length, rank: median(ranks), mrr: ranks.reduce((a, r) => a + 1 / r, 0) / positions };
}

/** The rows (this tree, and the baseline first when given) as a table; returns the summary. */
async function benchRank({ baseline, log = console.log }) {
  const rows = [['this tree', await measure(ROOT)]];
  if (baseline) rows.unshift([`baseline ${baseline}`, await measure(baseline)]);
  log(table([['tree', 'keyword positions', 'items (median)', 'keyword offered', 'its rank (median)', 'mean reciprocal rank'],
    ...rows.map(([name, m]) => [name, String(m.positions), String(m.items), `${m.offered}/${m.positions}`, String(m.rank), m.mrr.toFixed(3)])]));
  return Object.fromEntries(rows);
}

export default {
  name: 'completion',
  title: 'completion ranking: the keyword the county encoding has at each keyword position, asked with nothing typed',
  async run(ctx) {
    return benchRank({ baseline: ctx.baseline?.root, log: ctx.log });
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  await benchRank({ baseline: args.includes('--baseline') ? resolve(args[args.indexOf('--baseline') + 1]) : undefined });
}
