/**
 * Benchmark: formatting latency on the county's largest file, policies/luanchuan/第四章.zc
 * (742 lines), as a drafter meets it:
 *
 *  - `zhengce fmt --check <file>` as a process (wall time, node start-up included);
 *  - format() in-process: the first call in a fresh process (cold: nothing compiled
 *    by V8 yet) and the median of warm calls — on the file as committed (already
 *    formatted) and on a copy with every line's indentation removed (the formatter
 *    has to rewrite every line, so the whole safety net runs);
 *  - the language server's textDocument/formatting (the bundled server over stdio, the
 *    document opened and its diagnostics published first, as an editor does): the
 *    first request and the median of the next ones, for both texts.
 *
 * Goal (issue 13): formatting a 742-line file < 50 ms. Printed as met / NOT met (warm
 * LSP median of the unformatted text); never fails the run.
 *
 *   node test/bench/fmt.mjs [--runs N]        (after `npx tsc -p .`)
 *   node test/bench/run.mjs fmt
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { ROOT, median, fix, table } from './util.mjs';
import { processCpuMs } from './proc.mjs';
import { SERVER_EXEC_ARGV } from './lsp.mjs';

const require = createRequire(import.meta.url);
const FILE = join(ROOT, 'policies', 'luanchuan', '第四章.zc');
const GOAL_MS = 50;

/** The file with all indentation removed (same tokens, every line to re-indent). */
export function unindented(text) {
  return text.replace(/^[ \t]+/gm, '');
}

/** In a fresh process: the first format() call, then `runs` warm calls (ms). */
function inProcess(path, runs) {
  const code = `
    const { SourceFile } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'compiler', 'common', 'source.js')).href)});
    const { format } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'compiler', 'format', 'format.js')).href)});
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(${JSON.stringify(path)}, 'utf8');
    const cpu = [];
    const t = () => { const c = process.cpuUsage(); const s = performance.now(); const r = format(new SourceFile('f.zc', text)); const ms = performance.now() - s; const u = process.cpuUsage(c); cpu.push((u.user + u.system) / 1000); if (r.value === undefined || r.diagnostics.length) throw new Error('format failed'); return ms; };
    const cold = t();
    const warm = [];
    for (let i = 0; i < ${runs}; i++) warm.push(t());
    process.stdout.write(JSON.stringify({ cold, warm, cpu }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

/** The language server: first formatting request and `runs` more, per text. */
async function lsp(texts, runs, tmp) {
  const { buildServer } = await import(pathToFileURL(join(ROOT, 'vscode-extension', 'scripts', 'build.mjs')).href);
  const server = await buildServer(join(tmp, 'server'));
  const dir = join(tmp, 'ws');
  cpSync(join(ROOT, 'policies', 'luanchuan'), dir, { recursive: true });
  const P = require('vscode-languageserver-protocol/node');
  const proc = spawn(process.execPath, [...SERVER_EXEC_ARGV, server, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = P.createProtocolConnection(new P.StreamMessageReader(proc.stdout), new P.StreamMessageWriter(proc.stdin));
  const published = new Map();
  // CPU time of the server process (Linux /proc; 10 ms ticks, averaged over the warm requests)
  const cpuMs = () => processCpuMs(proc.pid);
  conn.onNotification(P.PublishDiagnosticsNotification.type, (p) => published.get(p.uri)?.(p));
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  try {
    await conn.sendRequest(P.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await conn.sendNotification(P.InitializedNotification.type, {});
    const out = {};
    for (const [name, text] of Object.entries(texts)) {
      const uri = pathToFileURL(join(dir, '第四章.zc')).href;
      const diags = new Promise((resolve) => published.set(uri, resolve));
      await conn.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'zhengce', version: 1, text } });
      await diags;
      const times = [];
      let edits = 0;
      let cpu0 = 0;
      for (let i = 0; i <= runs; i++) {
        if (i === 1) cpu0 = cpuMs();
        const s = performance.now();
        const r = await conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        times.push(performance.now() - s);
        edits = r.length;
      }
      out[name] = { first: times[0], warm: times.slice(1), edits, cpuPerRequest: (cpuMs() - cpu0) / runs };
      await conn.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    }
    await conn.sendRequest(P.ShutdownRequest.type);
    await conn.sendNotification(P.ExitNotification.type);
    return out;
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill();
  }
}

export async function benchFmt({ runs = 20, tmp, log = console.log } = {}) {
  const own = !tmp;
  tmp ??= mkdtempSync(join(tmpdir(), 'zhengce-bench-fmt-'));
  try {
    const text = readFileSync(FILE, 'utf8');
    const raw = unindented(text);
    const rawPath = join(tmp, '第四章-unindented.zc');
    writeFileSync(rawPath, raw);
    log(`file: policies/luanchuan/第四章.zc, ${text.split('\n').length - 1} lines; “unindented” = the same file with every line's indentation removed`);
    // the CLI as a process
    const cli = [];
    for (let i = 0; i < Math.max(3, Math.min(runs, 7)); i++) {
      const s = performance.now();
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zhengce.js'), 'fmt', '--check', FILE], { encoding: 'utf8' });
      cli.push(performance.now() - s);
      if (r.status !== 0) throw new Error(`zhengce fmt --check failed: ${r.stdout}${r.stderr}`);
    }
    const a = inProcess(FILE, runs);
    const b = inProcess(rawPath, runs);
    const l = await lsp({ formatted: text, unindented: raw }, runs, tmp);
    const rows = [
      ['measure', 'as committed (ms)', 'unindented (ms)'],
      ['zhengce fmt --check (process wall, median)', fix(median(cli)), '—'],
      ['format() first call in a fresh process', fix(a.cold), fix(b.cold)],
      [`format() warm median (${runs} runs)`, fix(median(a.warm)), fix(median(b.warm))],
      ['format() warm median CPU time (user+sys)', fix(median(a.cpu.slice(1))), fix(median(b.cpu.slice(1)))],
      ['LSP textDocument/formatting, first request', fix(l.formatted.first), fix(l.unindented.first)],
      [`LSP textDocument/formatting, warm median (${runs})`, fix(median(l.formatted.warm)), fix(median(l.unindented.warm))],
      ['LSP formatting, server CPU time per warm request', fix(l.formatted.cpuPerRequest), fix(l.unindented.cpuPerRequest)],
    ];
    log(table(rows));
    log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} — wall times grow with other load on the machine; CPU time much less`);
    log(`edits returned: ${l.formatted.edits} (as committed), ${l.unindented.edits} (unindented)`);
    const goal = median(l.unindented.warm);
    log(`goal: formatting a 742-line file < ${GOAL_MS} ms (LSP warm median, unindented): ${goal < GOAL_MS ? 'met' : 'NOT met'}; server CPU per request ${fix(l.unindented.cpuPerRequest)} ms (${l.unindented.cpuPerRequest < GOAL_MS ? 'under' : 'over'} the goal)`);
    return { cliMs: median(cli), coldMs: a.cold, warmMs: median(a.warm), warmCpuMs: median(a.cpu.slice(1)), warmUnindentedCpuMs: median(b.cpu.slice(1)), coldUnindentedMs: b.cold, warmUnindentedMs: median(b.warm), lsp: { firstMs: l.formatted.first, warmMs: median(l.formatted.warm), firstUnindentedMs: l.unindented.first, warmUnindentedMs: goal, cpuMs: l.formatted.cpuPerRequest, cpuUnindentedMs: l.unindented.cpuPerRequest } };
  } finally {
    if (own) rmSync(tmp, { recursive: true, force: true });
  }
}

/** As a section of test/bench/run.mjs. */
export default {
  name: 'fmt',
  title: 'formatting latency on policies/luanchuan/第四章.zc (CLI, in-process cold/warm, LSP request)',
  async run(ctx) {
    return benchFmt({ runs: Math.max(ctx.runs * 4, 10), tmp: ctx.tmp, log: ctx.log });
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--runs');
  await benchFmt({ runs: i > 0 ? Number(process.argv[i + 1]) : 20 });
}
