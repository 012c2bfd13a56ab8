#!/usr/bin/env node
// ZhengCe command line. The compiler is built into dist/ by `npm ci` (prepare script: tsc, then
// scripts/bundle-cli.mjs). The bundle (dist/cli-bundle/) runs only while its manifest matches
// every file it was built from; otherwise — e.g. after a bare `npx tsc -p .` that changed a
// file — tsc's dist/compiler/cli/main.js runs: the same program, loaded module by module.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

const bundleDir = new URL('../dist/cli-bundle/', import.meta.url);

/** Is dist/cli-bundle/ built from the files now on disk? (size + mtime, else size + SHA-1) */
async function bundleIsFresh() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('manifest.json', bundleDir), 'utf8'));
  } catch {
    return false;
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
      return false;
    }
    if (st.size !== input.size) return false;
    if (st.mtimeMs === input.mtimeMs) continue;
    createHash ??= (await import('node:crypto')).createHash;
    if (createHash('sha1').update(readFileSync(file)).digest('hex') !== input.sha1) return false;
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
  return true;
}

const { main } = process.env['ZC_NO_BUNDLE'] !== '1' && (await bundleIsFresh())
  ? await import(new URL('main.js', bundleDir).href)
  : await import('../dist/compiler/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
