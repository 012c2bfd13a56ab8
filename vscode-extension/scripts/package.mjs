/**
 * `npm run package:vscode`: bundle client + server with esbuild, then build the
 * .vsix with @vscode/vsce (no network: dependencies are bundled, `--no-dependencies`).
 *
 *   node vscode-extension/scripts/package.mjs [--out DIR]   (default vscode-extension/dist)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVSIX } from '@vscode/vsce';
import { buildAll } from './build.mjs';
import { extensionDir } from './grammar.mjs';

export async function packageExtension(outDir = join(extensionDir, 'dist')) {
  await buildAll();
  mkdirSync(outDir, { recursive: true });
  const { name, version } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  const packagePath = join(resolve(outDir), `${name}-${version}.vsix`);
  // the root package declares no repository, so neither does the extension (no placeholder URL)
  await createVSIX({ cwd: extensionDir, packagePath, dependencies: false, allowStarActivation: false, allowMissingRepository: true });
  return packagePath;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out');
  const path = await packageExtension(i > 0 ? process.argv[i + 1] : undefined);
  console.log(`已生成 ${path}`);
}
