/**
 * Builds the browser playground into vscode-extension/web/dist/:
 *   index.html, main.js + main.css (page + Monaco), worker.js (the compiler),
 *   editor.worker.js (Monaco's own worker), fonts.
 * The compiler's node built-ins are shimmed (node:path → shims/path.ts, node:fs →
 * shims/fs.ts, process → shims/process.ts); the sample policy is embedded.
 * Usage: node vscode-extension/web/build.mjs   (or import { build } from it)
 */
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const distDir = join(here, 'dist');
const require = createRequire(import.meta.url);

/** The sample policy the playground opens (main file first) and the files it needs. */
const SAMPLE_DIR = join(root, 'policies', 'sample');
const SAMPLE_FILES = ['示例.zc', '类型.zc', '参数.yaml', 'source.txt'];
const VIRTUAL_PREFIX = '/sample/';

const shims = {
  name: 'zhengce-browser-shims',
  setup(b) {
    const monacoMain = require.resolve('monaco-editor/esm/vs/editor/edcore.main.js');
    b.onResolve({ filter: /^monaco-editor$/ }, () => ({ path: monacoMain }));
    b.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: join(here, 'shims', 'path.ts') }));
    b.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: join(here, 'shims', 'fs.ts') }));
    b.onResolve({ filter: /^node:/ }, (a) => ({ errors: [{ text: `浏览器构建不支持 ${a.path}（由 ${a.importer} 导入）` }] }));
    b.onResolve({ filter: /^virtual:sample-policy$/ }, () => ({ path: 'sample-policy', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      const files = {};
      for (const f of SAMPLE_FILES) files[VIRTUAL_PREFIX + f] = readFileSync(join(SAMPLE_DIR, f), 'utf8');
      return {
        contents: `export const MAIN = ${JSON.stringify(VIRTUAL_PREFIX + SAMPLE_FILES[0])};\nexport const FILES = ${JSON.stringify(files)};\n`,
        loader: 'js',
        watchFiles: SAMPLE_FILES.map((f) => join(SAMPLE_DIR, f)),
      };
    });
  },
};

/** Build dist/. Returns the output directory. */
export async function build({ minify = false, quiet = false } = {}) {
  const t0 = Date.now();
  rmSync(distDir, { recursive: true, force: true });
  mkdirSync(distDir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [shims],
    loader: { '.ttf': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    inject: [join(here, 'shims', 'process.ts')],
    absWorkingDir: root,
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: { main: join(here, 'main.ts') }, format: 'esm', outdir: distDir }),
    esbuild.build({ ...common, entryPoints: { worker: join(here, 'worker.ts') }, format: 'iife', outdir: distDir }),
    esbuild.build({ ...common, entryPoints: { 'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js') }, format: 'iife', outdir: distDir }),
  ]);
  copyFileSync(join(here, 'index.html'), join(distDir, 'index.html'));
  if (!quiet) console.log(`playground built in ${Date.now() - t0} ms → ${distDir}`);
  return distDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build({ minify: process.argv.includes('--minify') });
}
