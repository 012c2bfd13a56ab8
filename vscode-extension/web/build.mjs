/**
 * Builds the browser playground into vscode-extension/web/dist/:
 *   index.html, main.js (the page), worker.js (the compiler), and vs/ — Monaco's
 *   AMD build (monaco-editor/min/vs, with its own vs/nls.messages.zh-cn.js; the ESM
 *   build has no localised messages), loaded by vs/loader.js.
 * The compiler's node built-ins are shimmed (node:path → shims/path.ts, node:fs →
 * shims/fs.ts, process → shims/process.ts); the sample policy is embedded.
 * Usage: node vscode-extension/web/build.mjs   (or import { build } from it)
 */
import * as esbuild from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
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
    b.onResolve({ filter: /^monaco-editor$/ }, (a) => ({ errors: [{ text: `monaco-editor 由 vs/loader.js 加载（AMD 版本），不打包（由 ${a.importer} 导入）` }] }));
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
    esbuild.build({ ...common, entryPoints: { main: join(here, 'main.ts') }, format: 'iife', outdir: distDir }),
    esbuild.build({ ...common, entryPoints: { worker: join(here, 'worker.ts') }, format: 'iife', outdir: distDir }),
  ]);
  copyFileSync(join(here, 'index.html'), join(distDir, 'index.html'));
  const vs = join(dirname(require.resolve('monaco-editor/package.json')), 'min', 'vs');
  // the editor, its worker and the zh-cn messages; other locales and the bundled language services are not used
  cpSync(vs, join(distDir, 'vs'), { recursive: true, filter: (src) => !/nls\.messages\.(?!zh-cn)[a-z-]+\.js$/.test(src) && !/[\\/]vs[\\/]language[\\/]/.test(src) });
  if (!quiet) console.log(`playground built in ${Date.now() - t0} ms → ${distDir}`);
  return distDir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build({ minify: process.argv.includes('--minify') });
}
