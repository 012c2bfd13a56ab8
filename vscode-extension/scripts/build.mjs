/**
 * Bundles the extension: out/client.js (vscode-languageclient + activation),
 * out/server.js (the language server with the compiler), out/verify.js (the verifier,
 * run by the server in a child process for 核查) — all CommonJS for Node — and
 * out/webview.js (the 求值示例 panel, for the browser); regenerates the TextMate
 * grammar from the compiler's keywords.
 *
 * z3-solver's Emscripten loader (z3-built.js) and its WASM are copied beside
 * out/verify.js instead of being inlined: the solver's pthread workers load the loader
 * by its file name, and the loader finds the .wasm next to itself.
 *
 *   node vscode-extension/scripts/build.mjs [--outdir DIR] [--server-only]
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionDir, grammarPath, grammarText, loadTokens, makeGrammar } from './grammar.mjs';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
  // chevrotain and the protocol libraries are ESM/UMD; bundled, they become CJS
  mainFields: ['module', 'main'],
  // esbuild (compiler/emit/load.ts strips types with it) needs its native binary: never bundled;
  // where it is not installed the compiler falls back to the TypeScript compiler bundled here
  external: ['esbuild'],
};

/** Bundle the language server into `outdir/server.js`, with the verifier it forks (`verify.js`). */
export async function buildServer(outdir = join(extensionDir, 'out')) {
  await Promise.all([
    build({ ...common, entryPoints: [join(extensionDir, 'server', 'src', 'server.ts')], outfile: join(outdir, 'server.js') }),
    buildVerifier(outdir),
  ]);
  return join(outdir, 'server.js');
}

const require = createRequire(import.meta.url);
/** z3-solver's Emscripten loader and WASM (copied, not bundled). */
export const Z3_FILES = ['z3-built.js', 'z3-built.wasm'];

/** Resolve `./z3-built` (z3-solver's loader) to the copy beside the bundle. */
const z3External = {
  name: 'z3-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/z3-built(\.js)?$/ }, (args) => (/z3-solver/.test(args.importer) ? { path: './z3-built.js', external: true } : undefined));
  },
};

/** Bundle the verifier child process into `outdir/verify.js`, with z3's loader and WASM beside it. */
export async function buildVerifier(outdir = join(extensionDir, 'out')) {
  await build({ ...common, entryPoints: [join(extensionDir, 'server', 'src', 'verify-process.ts')], outfile: join(outdir, 'verify.js'), plugins: [z3External] });
  const z3dir = dirname(require.resolve('z3-solver/build/z3-built.js'));
  mkdirSync(outdir, { recursive: true });
  for (const f of Z3_FILES) copyFileSync(join(z3dir, f), join(outdir, f));
  return join(outdir, 'verify.js');
}

/** Bundle the VS Code client into `outdir/client.js` (`vscode` stays external). */
export async function buildClient(outdir = join(extensionDir, 'out')) {
  await build({ ...common, entryPoints: [join(extensionDir, 'client', 'src', 'extension.ts')], outfile: join(outdir, 'client.js'), external: ['vscode', 'esbuild'] });
  return join(outdir, 'client.js');
}

/** Bundle the 求值示例 panel's script (browser) into `outdir/webview.js`. */
export async function buildWebview(outdir = join(extensionDir, 'out')) {
  await build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: [join(extensionDir, 'web', 'eval-panel.ts')], outfile: join(outdir, 'webview.js') });
  return join(outdir, 'webview.js');
}

export async function buildGrammar() {
  writeFileSync(grammarPath, grammarText(makeGrammar(await loadTokens())));
}

export async function buildAll(outdir = join(extensionDir, 'out')) {
  await buildGrammar();
  await Promise.all([buildServer(outdir), buildClient(outdir), buildWebview(outdir)]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--outdir');
  const outdir = i > 0 ? process.argv[i + 1] : undefined;
  if (process.argv.includes('--server-only')) await buildServer(outdir);
  else await buildAll(outdir);
}
