/**
 * The built compiler (dist/) for tests that run it in a child process: the CLI
 * tests and the robustness tests that must survive a crash or a hang of the
 * compiler. `npm test` runs `tsc` first; when dist/ is missing (e.g. a bare
 * `npx vitest run test/cli`) it is built here once.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { REPO_DIR } from './golden.js';

export const BIN = join(REPO_DIR, 'bin', 'zhengce.js');
export const DIST = join(REPO_DIR, 'dist', 'compiler');

/** Build dist/ with the project's tsc if it is not there. */
export function ensureDist(): void {
  if (existsSync(join(DIST, 'cli', 'main.js')) && existsSync(join(DIST, 'project', 'program.js'))) return;
  execFileSync(process.execPath, [join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO_DIR, 'tsconfig.json')], { stdio: 'inherit' });
}

/** Run `node bin/zhengce.js …args` (no colour, fixed cwd). */
export function runCli(args: readonly string[], opts: { cwd?: string; timeoutMs?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO_DIR,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Like {@link runCli}, without blocking: several can run at once. */
export function runCliAsync(args: readonly string[], opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? REPO_DIR,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * Run an ES module snippet in a fresh Node process with the built compiler.
 * `code` may use `dist` (the absolute URL prefix of dist/compiler/). The process is
 * killed after `timeoutMs`; the heap is capped so a runaway input fails fast.
 */
export function runIsolated(code: string, opts: { timeoutMs: number; maxOldSpaceMb?: number }): SpawnSyncReturns<string> & { ms: number } {
  const prefix = `const dist = ${JSON.stringify('file://' + DIST + '/')};\n`;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${opts.maxOldSpaceMb ?? 1536}`, '--input-type=module', '-e', prefix + code], {
    encoding: 'utf8',
    timeout: opts.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  return Object.assign(r, { ms: Date.now() - t0 });
}

/** Result of {@link runIsolatedAsync}. */
export interface IsolatedResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Like {@link runIsolated}, without blocking: several can run at once. `nice` lowers
 * the child's scheduling priority (e.g. for runs expected to be killed at the timeout,
 * so they do not slow down the others).
 */
export function runIsolatedAsync(code: string, opts: { timeoutMs: number; maxOldSpaceMb?: number; nice?: number }): Promise<IsolatedResult> {
  const prefix = `const dist = ${JSON.stringify('file://' + DIST + '/')};\n`;
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.maxOldSpaceMb ?? 1536}`, '--input-type=module', '-e', prefix + code], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { if (stdout.length < 1 << 20) stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 1 << 20) stderr += d; });
    if (opts.nice && child.pid) {
      try {
        setPriority(child.pid, opts.nice);
      } catch {
        // not permitted here: run at normal priority
      }
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}
