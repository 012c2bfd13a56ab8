#!/usr/bin/env node
// ZhengCe command line. The compiler is built into dist/ by `npm ci` (prepare script: tsc, then
// scripts/bundle-cli.mjs). The bundle (dist/cli-bundle/) runs only while its manifest matches
// every file it was built from; otherwise — e.g. after a bare `npx tsc -p .` that changed a
// file — tsc's dist/compiler/cli/main.js runs: the same program, loaded module by module.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// `zhengce check` is one short burst of work (≈ 1 s on 50,000 lines): V8's default tier-up budget
// sends its large parser and checker functions to TurboFan while the run is already half over, and
// those background compiles cost more CPU than the optimized code saves. An 8× budget (V8's default
// is 67,584 bytecode units per interrupt) keeps them in Sparkplug longer: measured on the bench
// corpus, CPU ≈ 1,109 → 789 ms; neutral on a 200,000-line corpus (docs/check-timings.md).
// The flag is read when a function's budget is next set (it applies to the code loaded below), and
// an --interrupt-budget of the user's own (node option or NODE_OPTIONS) is left as it is.
// INVARIANT: changes only when code is optimized, never what it computes.
if (process.argv[2] === 'check' && !`${process.execArgv.join(' ')} ${process.env['NODE_OPTIONS'] ?? ''}`.includes('interrupt-budget')) {
  try {
    setFlagsFromString('--interrupt-budget=540672');
  } catch {
    // (a Node whose V8 flags are frozen: the default budget)
  }
}

const bundleDir = new URL('../dist/cli-bundle/', import.meta.url);

/** dist/cli-bundle/'s manifest if the bundle is built from the files now on disk (size + mtime, else size + SHA-1), else undefined. */
async function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', bundleDir), 'utf8'));
  } catch {
    return undefined;
  }
  const root = new URL('../', import.meta.url);
  let createHash;
  let touched = false;
  for (const input of manifest.inputs) {
    const file = new URL(input.path, root);
    let st;
    try {
      st = statSync(file);
    } catch {
      return undefined;
    }
    if (st.size !== input.size) return undefined;
    if (st.mtimeMs === input.mtimeMs) continue;
    createHash ??= (await import('node:crypto')).createHash;
    if (createHash('sha1').update(readFileSync(file)).digest('hex') !== input.sha1) return undefined;
    input.mtimeMs = st.mtimeMs;
    touched = true;
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
  return manifest;
}

const bundle = process.env['ZC_NO_BUNDLE'] !== '1' ? await freshBundle() : undefined;
if (bundle?.check && process.argv[2] === 'check') {
  // `zhengce check`: the bundle's own entry point for it (one module, not main.js and then the check
  // command's chunks) — the same code as main(['check', …]) (scripts/bundle-cli.mjs)
  const { mainCheck } = await import(new URL(bundle.check, bundleDir).href);
  process.exitCode = await mainCheck(process.argv.slice(3));
} else {
  const { main } = bundle ? await import(new URL('main.js', bundleDir).href) : await import('../dist/compiler/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
}
