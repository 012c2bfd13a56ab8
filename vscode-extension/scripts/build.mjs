/**
 * Bundles the extension: out/client.js (vscode-languageclient + activation) and
 * out/server.js (the language server with the compiler), both CommonJS for Node,
 * and regenerates the TextMate grammar from the compiler's keywords.
 *
 *   node vscode-extension/scripts/build.mjs [--outdir DIR] [--server-only]
 */
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
};

/** Bundle the language server into `outdir/server.js`. */
export async function buildServer(outdir = join(extensionDir, 'out')) {
  await build({ ...common, entryPoints: [join(extensionDir, 'server', 'src', 'server.ts')], outfile: join(outdir, 'server.js') });
  return join(outdir, 'server.js');
}

/** Bundle the VS Code client into `outdir/client.js` (`vscode` stays external). */
export async function buildClient(outdir = join(extensionDir, 'out')) {
  await build({ ...common, entryPoints: [join(extensionDir, 'client', 'src', 'extension.ts')], outfile: join(outdir, 'client.js'), external: ['vscode'] });
  return join(outdir, 'client.js');
}

export async function buildGrammar() {
  writeFileSync(grammarPath, grammarText(makeGrammar(await loadTokens())));
}

export async function buildAll(outdir = join(extensionDir, 'out')) {
  await buildGrammar();
  await Promise.all([buildServer(outdir), buildClient(outdir)]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--outdir');
  const outdir = i > 0 ? process.argv[i + 1] : undefined;
  if (process.argv.includes('--server-only')) await buildServer(outdir);
  else await buildAll(outdir);
}
