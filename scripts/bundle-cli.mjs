/**
 * Bundles the command line: dist/compiler/cli/main.js (tsc's output) → dist/cli-bundle/main.js
 * plus one chunk per lazily loaded command (esbuild, ESM, code splitting), and
 * dist/cli-bundle/manifest.json naming every input file with its size, mtime and SHA-1.
 *
 * Why: without it `zhengce check` spends most of a small check loading modules — Chevrotain
 * imports lodash-es, whose ~640 files Node resolves, reads and compiles one by one (≈ 0.6 s of
 * CPU before the first file is read). Bundled and tree-shaken, that is one file per chunk.
 *
 * `zhengce check` has an entry point of its own: dist/compiler/cli/check-main.js → dist/cli-bundle/check-main.js,
 * one file (no splitting; the diagnostics renderer it imports lazily is inside it, evaluated only when
 * used). bin/zhengce.js runs it for `check` (manifest.json `check`): the ESM loader then reads, links
 * and evaluates one module instead of main.js and then the check command's chunks (empty directory:
 * CPU −10 to −15 ms, docs/check-timings.md).
 *
 * The same entry point is also bundled as one CommonJS file, dist/cli-bundle/check-main.cjs, with a V8
 * code cache beside it (check-main.v8cache): this script runs `node bin/zhengce.js check policies` once
 * in a child process with ZC_MAKE_CHECK_CACHE=<outdir> — bin/zhengce.js then loads the .cjs through
 * vm.Script, runs the check on the repository's own policies/ and writes `script.createCachedData()`,
 * the bytecode of every function that check compiled, lazily compiled ones included. Made by
 * bin/zhengce.js itself, so with the same V8 flags (--interrupt-budget) as a normal `zhengce check`:
 * V8 accepts a cache only under the flags it was made with. NODE_OPTIONS is not passed on (the cache
 * is for a plain `node`). manifest.json `checkCjs` and `checkCache` record both files (path, size,
 * mtime, SHA-1); bin/zhengce.js uses them only while both match, and otherwise check-main.js
 * (docs/check-timings.md, 2026-12-07: an empty directory's check CPU 96.7 → 81.9 ms, a 10,000-line file
 * 225.0 → 198.5 ms). No cache made (the child
 * failed): no `checkCjs`, check-main.js as before.
 *
 * bin/zhengce.js runs the bundle only while the manifest matches the files it was built from
 * (tsc rewrites dist/ on every run: same size and SHA-1 count as unchanged); otherwise it runs
 * dist/compiler/cli/main.js as before — a stale bundle is never run.
 *
 * Left outside the bundle (loaded from node_modules when a command needs them): native or
 * WASM packages and the large ones only some commands load — esbuild, z3-solver, DuckDB, pg,
 * ts-morph, typescript, fast-check.
 *
 *   node scripts/bundle-cli.mjs [--outdir DIR]   (run by `npm run build:ts`, `prepare`, `test`, `bench`;
 *                                                 --outdir: elsewhere than dist/cli-bundle, for test/cli/bundle.test.ts)
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : join(root, 'dist', 'cli-bundle');

rmSync(outdir, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  external: ['esbuild', 'z3-solver', '@duckdb/*', 'pg', 'ts-morph', 'typescript', 'fast-check'],
  // CommonJS packages inside the bundle may call require() for Node's built-ins
  banner: { js: "import { createRequire as __zcCreateRequire } from 'node:module'; const require = __zcCreateRequire(import.meta.url);" },
};
const result = await build({ ...common, entryPoints: ['dist/compiler/cli/main.js'], splitting: true, outdir });
// (`zhengce check` alone, one file: see the header)
const checkResult = await build({ ...common, entryPoints: ['dist/compiler/cli/check-main.js'], outfile: join(outdir, 'check-main.js') });
// … and as CommonJS, for vm.Script with a code cache (no banner: CommonJS has its own require)
await build({ ...common, format: 'cjs', banner: {}, entryPoints: ['dist/compiler/cli/check-main.js'], outfile: join(outdir, 'check-main.cjs') });
// … in ASCII: esbuild escapes strings and identifiers but leaves other characters in regular expression literals
// and kept comments (about 1,000 — the tokens' expressions), and one of them makes the whole source text, which
// bin/zhengce.js reads and V8 keeps for the lazily compiled functions, a two-byte string (2 MB, not 1 MB). A
// UTF-16 unit escaped as \uXXXX means the same in a regular expression literal (a surrogate pair's two escapes
// are one code point under /u) and a comment; U+2028 and U+2029 are left as they are (raw, they end a comment).
{
  const cjs = join(outdir, 'check-main.cjs');
  const text = readFileSync(cjs, 'utf8');
  writeFileSync(cjs, text.replace(/[^\x00-\x7f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// INVARIANT: every file of ours the bundle was built from is listed, and for every package it
// bundled, that package's package.json (a new version of a package is a new package.json: `npm ci`
// runs this script again anyway). bin/zhengce.js runs the bundle only if all of them still have
// the recorded size and content.
const files = new Set();
for (const path of [...Object.keys(result.metafile.inputs), ...Object.keys(checkResult.metafile.inputs)]) {
  const pkg = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
  files.add(pkg ? `${pkg[1]}/package.json` : path);
}
const inputs = [...files].sort().map((path) => {
  const abs = join(root, path);
  const st = statSync(abs);
  return { path, size: st.size, mtimeMs: st.mtimeMs, sha1: createHash('sha1').update(readFileSync(abs)).digest('hex') };
});

/** `path` (in outdir) with its size, mtime and SHA-1, as bin/zhengce.js checks it. */
function output(path) {
  const abs = join(outdir, path);
  const st = statSync(abs);
  return { path, size: st.size, mtimeMs: st.mtimeMs, sha1: createHash('sha1').update(readFileSync(abs)).digest('hex') };
}
// The code cache: a real check by bin/zhengce.js itself (see the header). Best effort: without it, check-main.js.
const cacheFile = join(outdir, 'check-main.v8cache');
const env = { ...process.env, ZC_MAKE_CHECK_CACHE: outdir };
delete env['NODE_OPTIONS'];
const made = spawnSync(process.execPath, [join(root, 'bin', 'zhengce.js'), 'check', 'policies'], { cwd: root, env, encoding: 'utf8' });
let codeCache = {};
if ((made.status === 0 || made.status === 1) && existsSync(cacheFile)) {
  codeCache = { checkCjs: output('check-main.cjs'), checkCache: output('check-main.v8cache') };
} else {
  process.stderr.write(`bundle-cli: no V8 code cache for zhengce check (exit ${made.status}${made.error ? `, ${made.error.message}` : ''}): it loads check-main.js\n${made.stderr ?? ''}`);
}
writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ entry: 'main.js', check: 'check-main.js', ...codeCache, inputs }, null, 1) + '\n');
