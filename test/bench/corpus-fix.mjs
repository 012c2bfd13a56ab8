/**
 * The 50,000-line synthetic corpus (corpus.mjs, owned by another section) for the build
 * and verify benchmark sections — generated, then checked with the built compiler, and,
 * only where the current checker rejects a construct the generator still writes, patched
 * in the temporary copy (the patch is reported, never silent):
 *
 *   ZC0407 “指标中不能使用参数‘X’” — the checker no longer allows a 参数 inside a 指标
 *     (its value varies with the evaluation date). The generator writes
 *     `指标 …假期上限 = 法定产假天数 + N天`. Patch: the parameter name is replaced by its
 *     latest value from 参数.yaml with the unit (`158天`), on that line only — same line
 *     count, same types.
 *
 * Any other diagnostic is not patched: the caller reports it and the section fails.
 *
 *   prepareCorpus(dir, lines) → { corpus, check: { before, patched, after, first, ms } }
 *   node test/bench/corpus-fix.mjs <dir>   (child: compile, patch, recompile; one JSON line)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generatePolicyCorpus } from './corpus.mjs';
import { ROOT, timeNode } from './util.mjs';

const SELF = fileURLToPath(import.meta.url);

/** Generate the corpus into `dir` and make sure it compiles cleanly (patching as above). */
export function prepareCorpus(dir, lines) {
  const corpus = generatePolicyCorpus(dir, lines);
  const r = timeNode(SELF, [dir]);
  if (r.status !== 0) throw new Error(`corpus check failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
  const check = JSON.parse(r.stdout.trim().split('\n').pop());
  return { corpus, check };
}

async function child(dir) {
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', 'compiler', p)).href;
  const { compile } = await import(dist('project/program.js'));
  const { nodeHost } = await import(dist('project/host.js'));
  const { parse } = await import('yaml');
  const t0 = performance.now();
  const first = compile([dir], nodeHost);
  const before = first.diagnostics.length;
  const codes = (ds) => {
    const m = new Map();
    for (const d of ds) m.set(d.code, (m.get(d.code) ?? 0) + 1);
    return [...m].map(([c, n]) => `${c}×${n}`).join(' ');
  };
  const beforeCodes = codes(first.diagnostics);
  const params = parse(readFileSync(join(dir, '参数.yaml'), 'utf8')) ?? {};
  const edits = new Map(); // file → [{ start, end, literal, param }]
  const patched = [];
  for (const d of first.diagnostics) {
    const m = d.code === 'ZC0407' ? /指标中不能使用参数“(.+?)”/.exec(d.message) : null;
    const p = m ? params[m[1]] : undefined;
    const last = p?.值?.[p.值.length - 1];
    if (!m || !last || typeof last.值 !== 'number') continue;
    const literal = `${last.值}${p.单位 ?? ''}`;
    const list = edits.get(d.span.file) ?? [];
    list.push({ start: d.span.start, end: d.span.end, literal, param: m[1] });
    edits.set(d.span.file, list);
  }
  for (const [file, list] of edits) {
    let text = readFileSync(file, 'utf8');
    for (const e of list.sort((a, b) => b.start - a.start)) {
      if (text.slice(e.start, e.end) !== e.param) continue;
      const line = text.slice(0, e.start).split('\n').length;
      text = text.slice(0, e.start) + e.literal + text.slice(e.end);
      patched.push({ file, line, param: e.param, literal: e.literal });
    }
    writeFileSync(file, text);
  }
  const second = patched.length ? compile([dir], nodeHost) : first;
  const after = second.diagnostics.length;
  const ms = performance.now() - t0;
  const fmt = (d) => `${d.code} ${d.span.file}:${d.span.start} ${d.message}`;
  process.stdout.write(JSON.stringify({
    before, beforeCodes, patched, after, afterCodes: codes(second.diagnostics), errors: second.diagnostics.filter((d) => d.severity === 'error').length,
    first: second.diagnostics.slice(0, 5).map(fmt), firstBefore: first.diagnostics.slice(0, 3).map(fmt), programs: second.programs.length, ms,
  }) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await child(process.argv[2]);
