#!/usr/bin/env node
// ZhengCe command line. The compiler is built into dist/ by `npm ci` (prepare script: tsc, then
// scripts/bundle-cli.mjs). The bundle (dist/cli-bundle/) runs only while its manifest matches
// every file it was built from; otherwise — e.g. after a bare `npx tsc -p .` that changed a
// file — tsc's dist/compiler/cli/main.js runs: the same program, loaded module by module.
// `zhengce check` loads the bundle's check entry as one CommonJS file compiled from a V8 code cache
// made at build time (loadCommonJs; scripts/bundle-cli.mjs), when the manifest names both and they
// are as written; otherwise the ESM check-main.js. The V8 flags this file sets for `check` are part of
// the cache's check: the build makes the cache by running this file, so they are the same.
// CommonJS (bin/package.json), not ESM: Node then starts it without its ESM loader — an empty directory's
// `zhengce check` CPU 90.3 → 86.0 ms (docs/check-timings.md, 2026-12-07 afternoon); the commands' modules are
// still ESM, loaded with import().
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { createRequire } = Module;
const { dirname } = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// `zhengce check` is one short burst of work (≈ 1 s on 50,000 lines): V8's default tier-up budget
// sends its large parser and checker functions to TurboFan while the run is already half over, and
// those background compiles cost more CPU than the optimized code saves. An 8× budget (V8's default
// is 67,584 bytecode units per interrupt) keeps them in Sparkplug longer: measured on the bench
// corpus, CPU ≈ 1,109 → 789 ms; neutral on a 200,000-line corpus (docs/check-timings.md).
// The flag is read when a function's budget is next set (it applies to the code loaded below), and
// an --interrupt-budget of the user's own (node option or NODE_OPTIONS) is left as it is (V8 then
// rejects the code cache: another flag hash — the check runs without it).
// INVARIANT: changes only when code is optimized, never what it computes.
if (process.argv[2] === 'check' && !`${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`.includes('interrupt-budget')) {
  try {
    setFlagsFromString('--interrupt-budget=540672');
  } catch {
    // (a Node whose V8 flags are frozen: the default budget)
  }
}

const bundleDir = new URL('../dist/cli-bundle/', pathToFileURL(__filename));

/**
 * dist/cli-bundle/'s manifest if the bundle is built from the files now on disk (size + mtime, else size + SHA-1),
 * else undefined; for `check`, `checkCjs` and `checkCache` only if those files are as the manifest records them.
 */
async function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', bundleDir), 'utf8'));
  } catch {
    return undefined;
  }
  const root = new URL('../', pathToFileURL(__filename));
  let createHash;
  let touched = false;
  /** Whether `file` still has `entry`'s size and content (same mtime, else same SHA-1: then the new mtime is recorded). */
  const same = async (file, entry) => {
    let st;
    try {
      st = statSync(file);
    } catch {
      return false;
    }
    if (st.size !== entry.size) return false;
    if (st.mtimeMs === entry.mtimeMs) return true;
    createHash ??= require('node:crypto').createHash;
    if (createHash('sha1').update(readFileSync(file)).digest('hex') !== entry.sha1) return false;
    entry.mtimeMs = st.mtimeMs;
    touched = true;
    return true;
  };
  for (const input of manifest.inputs) {
    if (!(await same(new URL(input.path, root), input))) return undefined;
  }
  // `check`'s CommonJS entry and its V8 code cache (outputs of the build: only for check, and only both
  // as they were written — otherwise check-main.js; the manifest keeps naming them)
  let codeCache = false;
  if (process.argv[2] === 'check' && manifest.checkCjs && manifest.checkCache) {
    codeCache = (await same(new URL(manifest.checkCjs.path, bundleDir), manifest.checkCjs)) && (await same(new URL(manifest.checkCache.path, bundleDir), manifest.checkCache));
  }
  // Same content, new times (tsc rewrites every file): record the times, so the next start
  // compares sizes and times only. Best effort — a read-only dist/ just hashes again next time.
  if (touched) {
    try {
      const tmp = new URL(`manifest.json.${process.pid}`, bundleDir);
      writeFileSync(tmp, JSON.stringify(manifest, null, 1) + '\n');
      renameSync(tmp, new URL('manifest.json', bundleDir));
    } catch {
      // keep the old manifest
    }
  }
  return codeCache ? manifest : { ...manifest, checkCjs: undefined, checkCache: undefined };
}

/**
 * Load the bundle's CommonJS file `file` through vm.Script with the V8 code cache `cacheFile` (if any):
 * its exports, the script (for createCachedData) and what became of the cache — 'used', 'rejected'
 * (V8 checks its version, the V8 flags and the source's length, and then compiles from the source:
 * the same program, just without the cache) or 'none'.
 */
function loadCommonJs(file, cacheFile) {
  // V8 checks a cache's header (version, flags, source length) but, in release builds, not its content:
  // a cache damaged on disk would be deserialized and crash the process. With this flag (here, so both
  // when the cache is made and when it is used: it is part of V8's flag hash) V8 writes a checksum into
  // the cache and checks it — a damaged cache is then rejected like any other.
  try {
    setFlagsFromString('--verify-snapshot-checksum');
  } catch {
    // (frozen V8 flags: the manifest's size and SHA-1 still guard the file)
  }
  const filename = fileURLToPath(file);
  let cachedData;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // (no cache)
    }
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  return { exports: module.exports, script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' };
}

/**
 * End a `zhengce check` once its output is written: process.exit (with process.exitCode) as soon as standard
 * output and standard error hold nothing unwritten, not the natural end of the process — which first runs the
 * minor-GC task V8 has posted by then (a scavenge of the whole program's syntax trees after the output: 9–14 ms
 * of the main thread in every run on the bench corpus, `--trace-gc`) and then tears the heap down
 * (docs/check-timings.md, 2026-12-07 afternoon).
 * INVARIANT: no output is cut off — a stream with data still queued (an asynchronous pipe) is waited for; were
 * its callback never called, the process still ends by itself, with the same exit code.
 */
async function exitWhenWritten() {
  const written = (s) => new Promise((resolve) => (s.writableLength > 0 ? s.write('', () => resolve()) : resolve()));
  await Promise.all([written(process.stdout), written(process.stderr)]);
  process.exit();
}

const CACHE_STATE = { used: '已用', rejected: '未用（V8 拒绝了缓存：另一个 Node/V8 版本或另一组 V8 标志）', none: '未用（没有缓存文件）', esm: '未用（bundle 没有可用的缓存：check-main.js）' };

/**
 * A reader that stops early (`zhengce eval … | head`, a pager quit): the rest of the output has nowhere to
 * go. End quietly with the status a shell gives a process whose pipe closed (128 + SIGPIPE = 141), never
 * Node's 'Unhandled error event' stack trace; any other stream error is still thrown.
 */
function quietOnClosedPipe(stream) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(141);
    throw e;
  });
}
quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

/** The command line: `node bin/zhengce.js <command> …` (top-level await is ESM's; here, one async function). */
async function run() {
  const makeCache = process.argv[2] === 'check' ? process.env['ZC_MAKE_CHECK_CACHE'] : undefined;
  const bundle = process.env['ZC_NO_BUNDLE'] !== '1' && !makeCache ? await freshBundle() : undefined;
  if (makeCache) {
    // scripts/bundle-cli.mjs making the code cache (see there): the .cjs it just wrote, a real check, then
    // the bytecode of everything that check compiled. INVARIANT: the same V8 flags as the path below.
    const dir = pathToFileURL(makeCache.endsWith('/') ? makeCache : `${makeCache}/`);
    const { exports, script } = loadCommonJs(new URL('check-main.cjs', dir));
    process.exitCode = await exports.mainCheck(process.argv.slice(3));
    writeFileSync(new URL('check-main.v8cache', dir), script.createCachedData());
  } else if (bundle?.checkCjs && process.argv[2] === 'check') {
    // `zhengce check` with the V8 code cache: the bundle's check entry as one CommonJS file, compiled from
    // the cache (an empty directory's whole check: CPU 96.7 → 81.9 ms, docs/check-timings.md); with --timings,
    // whether it was used
    const { exports, cache } = loadCommonJs(new URL(bundle.checkCjs.path, bundleDir), new URL(bundle.checkCache.path, bundleDir));
    process.exitCode = await exports.mainCheck(process.argv.slice(3));
    if (process.argv.includes('--timings')) process.stderr.write(`代码缓存：${CACHE_STATE[cache]}\n`);
    await exitWhenWritten();
  } else if (bundle?.check && process.argv[2] === 'check') {
    // `zhengce check`: the bundle's own entry point for it (one module, not main.js and then the check
    // command's chunks) — the same code as main(['check', …]) (scripts/bundle-cli.mjs)
    const { mainCheck } = await import(new URL(bundle.check, bundleDir).href);
    process.exitCode = await mainCheck(process.argv.slice(3));
    if (process.argv.includes('--timings')) process.stderr.write(`代码缓存：${CACHE_STATE.esm}\n`);
    await exitWhenWritten();
  } else {
    const { main } = bundle ? await import(new URL('main.js', bundleDir).href) : await import(new URL('../dist/compiler/cli/main.js', pathToFileURL(__filename)).href);
    process.exitCode = await main(process.argv.slice(2));
  }
}

run();
