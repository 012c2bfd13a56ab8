/**
 * Installs code-server (VS Code in the browser; 4.100.3 is the last release for Node 20)
 * offline into a cache folder outside the repository, for the end-to-end test of the
 * extension in a real VS Code (test/vscode/). Only the npm registry and Debian's
 * packages are used: code-server's postinstall would download ripgrep and prebuilt
 * native modules from the internet, so its steps are done here by hand:
 *
 *   npm install code-server@VERSION --ignore-scripts
 *   lib/vscode: npm install --omit=dev --ignore-scripts; link Debian's /usr/bin/rg as
 *     @vscode/ripgrep/bin/rg (its postinstall then skips the download); npm rebuild
 *     (native modules from source, headers from the system's Node); the
 *     node_modules.asar and bin/ links of code-server's postinstall.sh
 *   lib/vscode/extensions: npm install --omit=dev
 *   npm rebuild argon2
 *
 * Idempotent and cached: the finished folder carries a stamp keyed by the code-server
 * version, the Node major version and the recipe version; with a valid stamp nothing is
 * done. The work happens in a staging folder renamed into place at the end, so an
 * interrupted setup never leaves a folder that looks finished.
 *
 * Needs the Debian packages ripgrep and libkrb5-dev (the kerberos module's headers),
 * and a C++ toolchain (build-essential) — `.ci/run` installs them.
 *
 *   node vscode-extension/scripts/code-server.mjs     prints the entry point
 *   ZHENGCE_CODE_SERVER_CACHE=DIR                      cache folder (default
 *                                                      ~/.cache/zhengce/code-server-VERSION)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
/** Bump when the recipe below changes: an old cache is then rebuilt. */
const RECIPE = 1;
const STAMP = '.zhengce-code-server-stamp.json';

/** The cache folder for this code-server version. */
export function codeServerDir() {
  if (process.env.ZHENGCE_CODE_SERVER_CACHE) return process.env.ZHENGCE_CODE_SERVER_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'zhengce', `code-server-${CODE_SERVER_VERSION}`);
}

function stampValue() {
  return { codeServer: CODE_SERVER_VERSION, node: process.versions.node.split('.')[0], recipe: RECIPE };
}

/** code-server's entry script inside an installed folder. */
export function entryOf(dir) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function isInstalled(dir) {
  try {
    const s = JSON.parse(readFileSync(join(dir, STAMP), 'utf8'));
    return JSON.stringify(s) === JSON.stringify(stampValue()) && existsSync(entryOf(dir));
  } catch {
    return false;
  }
}

function run(cmd, args, cwd, log, env = {}) {
  log(`$ (${cwd}) ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`安装 code-server 失败：${cmd} ${args.join(' ')}（退出码 ${r.status}）\n${tail}`);
  }
}

function link(target, path) {
  rmSync(path, { recursive: true, force: true });
  symlinkSync(target, path);
}

/** What the machine must provide (Debian packages); a clear message when missing. */
function checkPrerequisites() {
  const missing = [];
  if (!existsSync('/usr/bin/rg')) missing.push('ripgrep');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) missing.push('libkrb5-dev');
  if (spawnSync('c++', ['--version'], { stdio: 'ignore' }).status !== 0 || spawnSync('make', ['--version'], { stdio: 'ignore' }).status !== 0) missing.push('build-essential');
  if (missing.length) throw new Error(`安装 code-server 需要 Debian 软件包：${missing.join(' ')}（apt-get install ${missing.join(' ')}）`);
}

/**
 * Make sure code-server is installed in the cache folder; returns its entry script.
 * `log` receives one line per step (nothing when the cache is valid).
 */
export function ensureCodeServer(log = (s) => process.stderr.write(s + '\n')) {
  const dir = codeServerDir();
  if (isInstalled(dir)) return entryOf(dir);
  checkPrerequisites();
  const t0 = Date.now();
  log(`安装 code-server ${CODE_SERVER_VERSION} 到 ${dir}（仅用 npm 源与 Debian 软件包）`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // node-gyp builds against the system Node's headers (no header download)
  const env = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  if (!process.env.npm_config_nodedir && existsSync(join(dirname(dirname(process.execPath)), 'include', 'node', 'node.h'))) env.npm_config_nodedir = dirname(dirname(process.execPath));
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'zhengce-code-server-cache', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2));
  run('npm', ['install', '--ignore-scripts'], staging, log, env);
  const cs = join(staging, 'node_modules', 'code-server');
  const vscode = join(cs, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscode, log, env);
  const rgBin = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  link('/usr/bin/rg', join(rgBin, 'rg'));
  run('npm', ['rebuild'], vscode, log, env);
  // the links code-server's postinstall.sh makes
  link('node_modules', join(vscode, 'node_modules.asar'));
  link('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev'], join(vscode, 'extensions'), log, env);
  run('npm', ['rebuild', 'argon2'], staging, log, env);
  writeFileSync(join(staging, STAMP), JSON.stringify(stampValue()));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(staging, dir);
  log(`code-server 安装完成（${((Date.now() - t0) / 1000).toFixed(0)} 秒）`);
  return entryOf(dir);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(ensureCodeServer());
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
