/**
 * The bundled command line (scripts/bundle-cli.mjs → dist/cli-bundle/, run by bin/zhengce.js):
 *  - bin/zhengce.js runs the bundle only while its manifest matches the files it was built from —
 *    same size and mtime, or same size and SHA-1 (then it records the new mtime) — and otherwise,
 *    or with ZC_NO_BUNDLE=1, dist/compiler/cli/main.js: on a copy of bin/zhengce.js beside two
 *    stand-in entry points that say which one ran;
 *  - with a manifest naming check's own entry point (check-main.js), `zhengce check` runs that one;
 *  - a bundle built from this checkout says what the module-by-module CLI says (check, text and
 *    JSON, a usage error, fmt --check — and check's own entry point for check, as ESM and as CommonJS),
 *    called in-process like test/helpers/cli.ts's runMain;
 *  - check's CommonJS entry with its V8 code cache (check-main.cjs, check-main.v8cache): bin/zhengce.js
 *    uses it only while the manifest's `checkCjs` and `checkCache` match the files (else check-main.js);
 *    in a normal `zhengce check` V8 accepts the cache (--timings says 代码缓存：已用); under other V8
 *    flags, or with a damaged cache, V8 rejects it and the check still says the same.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.js';
import { ensureDist } from '../helpers/dist.js';
import { REPO_DIR } from '../helpers/golden.js';

let tmp: string;
let outdir: string;
beforeAll(() => {
  ensureDist();
  tmp = mkdtempSync(join(tmpdir(), 'zhengce-bundle-'));
  // (inside the checkout, under test-output/: the bundle's external packages resolve from node_modules)
  outdir = join(REPO_DIR, 'test-output', `cli-bundle-${process.pid}`);
  execFileSync(process.execPath, [join(REPO_DIR, 'scripts', 'bundle-cli.mjs'), '--outdir', outdir], { stdio: 'inherit' });
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('bin/zhengce.js: the bundle runs only while it is fresh', () => {
  /** A copy of bin/zhengce.js with stand-ins: dist/cli-bundle/main.js says BUNDLE, dist/compiler/cli/main.js says DIST. */
  function layout(): { dir: string; input: string; run: (env?: Record<string, string>) => string; manifest: () => { inputs: { path: string; size: number; mtimeMs: number; sha1: string }[] } } {
    const dir = mkdtempSync(join(tmp, 'layout-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'cli-bundle'), { recursive: true });
    mkdirSync(join(dir, 'dist', 'compiler', 'cli'), { recursive: true });
    copyFileSync(join(REPO_DIR, 'bin', 'zhengce.js'), join(dir, 'bin', 'zhengce.js'));
    copyFileSync(join(REPO_DIR, 'bin', 'package.json'), join(dir, 'bin', 'package.json')); // (bin/zhengce.js is CommonJS)
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const stand = (what: string) => `export async function main() { process.stdout.write('${what}'); return 0; }\n`;
    writeFileSync(join(dir, 'dist', 'cli-bundle', 'main.js'), stand('BUNDLE'));
    writeFileSync(join(dir, 'dist', 'compiler', 'cli', 'main.js'), stand('DIST'));
    const input = join(dir, 'dist', 'compiler', 'input.js');
    writeFileSync(input, 'export const x = 1;\n');
    const st = statSync(input);
    const sha1 = createHash('sha1').update(readFileSync(input)).digest('hex');
    writeFileSync(join(dir, 'dist', 'cli-bundle', 'manifest.json'), JSON.stringify({ entry: 'main.js', inputs: [{ path: 'dist/compiler/input.js', size: st.size, mtimeMs: st.mtimeMs, sha1 }] }));
    const run = (env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'zhengce.js'), 'check'], { encoding: 'utf8', env: { ...process.env, ZC_NO_BUNDLE: '', ...env } });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    const manifest = () => JSON.parse(readFileSync(join(dir, 'dist', 'cli-bundle', 'manifest.json'), 'utf8'));
    return { dir, input, run, manifest };
  }

  it('fresh: the bundle; ZC_NO_BUNDLE=1: dist/', () => {
    const l = layout();
    expect(l.run()).toBe('BUNDLE');
    expect(l.run({ ZC_NO_BUNDLE: '1' })).toBe('DIST');
  });

  it('a manifest naming an entry point for check: `check` runs it with the arguments after check, other commands main.js; stale or ZC_NO_BUNDLE=1: dist/', () => {
    const l = layout();
    const path = join(l.dir, 'dist', 'cli-bundle', 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...l.manifest(), check: 'check-main.js' }));
    writeFileSync(join(l.dir, 'dist', 'cli-bundle', 'check-main.js'), "export async function mainCheck(argv) { process.stdout.write('CHECK ' + JSON.stringify(argv)); return 0; }\n");
    const cli = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [join(l.dir, 'bin', 'zhengce.js'), ...args], { encoding: 'utf8', env: { ...process.env, ZC_NO_BUNDLE: '', ...env } });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    expect(cli(['check', 'a', '--format', 'json'])).toBe('CHECK ["a","--format","json"]');
    expect(cli(['fmt', '--check'])).toBe('BUNDLE');
    expect(cli(['check'], { ZC_NO_BUNDLE: '1' })).toBe('DIST');
    writeFileSync(l.input, 'export const x = 2;\n');
    expect(cli(['check'])).toBe('DIST');
  });

  it('a manifest naming check’s CommonJS entry and code cache: `check` runs it while both match (a junk cache: V8 rejects it, the entry still runs), else check-main.js; stale: dist/', () => {
    const l = layout();
    const bundleDir = join(l.dir, 'dist', 'cli-bundle');
    writeFileSync(join(bundleDir, 'check-main.js'), "export async function mainCheck(argv) { process.stdout.write('CHECK ' + JSON.stringify(argv)); return 0; }\n");
    const cjs = join(bundleDir, 'check-main.cjs');
    const cache = join(bundleDir, 'check-main.v8cache');
    writeFileSync(cjs, "exports.mainCheck = async (argv) => { process.stdout.write('CJS ' + JSON.stringify(argv)); return 0; };\n");
    writeFileSync(cache, 'not a V8 code cache');
    const entry = (file: string, path: string) => ({ path, size: statSync(file).size, mtimeMs: statSync(file).mtimeMs, sha1: createHash('sha1').update(readFileSync(file)).digest('hex') });
    const manifest = { ...l.manifest(), check: 'check-main.js', checkCjs: entry(cjs, 'check-main.cjs'), checkCache: entry(cache, 'check-main.v8cache') };
    const path = join(bundleDir, 'manifest.json');
    writeFileSync(path, JSON.stringify(manifest));
    const cli = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [join(l.dir, 'bin', 'zhengce.js'), ...args], { encoding: 'utf8', env: { ...process.env, ZC_NO_BUNDLE: '', ...env } });
      return { out: r.stdout, err: r.stderr };
    };
    expect(cli(['check', 'a'])).toEqual({ out: 'CJS ["a"]', err: '' });
    expect(cli(['check', 'a', '--timings']).err).toMatch(/^代码缓存：未用（V8 拒绝了缓存/);
    expect(cli(['fmt', '--check']).out).toBe('BUNDLE');
    // the cache rewritten (same size, other content), or the entry: check-main.js
    writeFileSync(cache, 'not a V8 code cachE');
    expect(cli(['check', 'a'])).toEqual({ out: 'CHECK ["a"]', err: '' });
    expect(cli(['check', 'a', '--timings']).err).toBe('代码缓存：未用（bundle 没有可用的缓存：check-main.js）\n');
    writeFileSync(cache, 'not a V8 code cache');
    expect(cli(['check', 'a']).out).toBe('CJS ["a"]');
    // … and while they do not match, the manifest is rewritten (an input's new mtime): it still names them
    writeFileSync(cache, 'not a V8 code cachE');
    const later = new Date(Date.now() + 60_000);
    utimesSync(l.input, later, later);
    expect(cli(['check', 'a']).out).toBe('CHECK ["a"]');
    expect(l.manifest().inputs[0]!.mtimeMs).toBe(statSync(l.input).mtimeMs);
    writeFileSync(cache, 'not a V8 code cache');
    expect(cli(['check', 'a']).out).toBe('CJS ["a"]');
    writeFileSync(cjs, readFileSync(cjs, 'utf8').replace('CJS', 'XYZ'));
    expect(cli(['check', 'a']).out).toBe('CHECK ["a"]');
    rmSync(cjs);
    expect(cli(['check', 'a']).out).toBe('CHECK ["a"]');
    // an input changed: dist/, whatever the outputs
    writeFileSync(cjs, "exports.mainCheck = async (argv) => { process.stdout.write('CJS ' + JSON.stringify(argv)); return 0; };\n");
    expect(cli(['check', 'a']).out).toBe('CJS ["a"]');
    writeFileSync(l.input, 'export const x = 2;\n');
    expect(cli(['check', 'a']).out).toBe('DIST');
  });

  it('an input rewritten with the same content (tsc): the bundle, and the new mtime is recorded', () => {
    const l = layout();
    const later = new Date(Date.now() + 60_000);
    utimesSync(l.input, later, later);
    expect(l.run()).toBe('BUNDLE');
    expect(l.manifest().inputs[0]!.mtimeMs).toBe(statSync(l.input).mtimeMs);
    expect(l.run()).toBe('BUNDLE');
  });

  it('an input changed (same size, or another size), missing, or no manifest: dist/', () => {
    const same = layout();
    writeFileSync(same.input, 'export const x = 2;\n');
    expect(same.run()).toBe('DIST');
    const longer = layout();
    writeFileSync(longer.input, 'export const x = 10;\n');
    expect(longer.run()).toBe('DIST');
    const gone = layout();
    rmSync(gone.input);
    expect(gone.run()).toBe('DIST');
    const none = layout();
    rmSync(join(none.dir, 'dist', 'cli-bundle', 'manifest.json'));
    expect(none.run()).toBe('DIST');
  });
});

describe('the bundle built from this checkout says what dist/ says', () => {
  type Entry = (argv: string[], io: { out(s: string): void; err(s: string): void; cwd: string; color: boolean }) => Promise<number>;

  /** Run one of the bundle's entry points (`main.js`'s `main`, `check-main.js`'s `mainCheck`) in-process. */
  async function runEntry(file: string, name: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const entry = ((await import(pathToFileURL(join(outdir, file)).href)) as Record<string, Entry>)[name]!;
    let out = '';
    let err = '';
    const code = await entry(argv, { out: (s) => void (out += s), err: (s) => void (err += s), cwd: REPO_DIR, color: false });
    return { code, out, err };
  }
  const runBundle = (argv: string[]) => runEntry('main.js', 'main', argv);
  const runCheckBundle = (argv: string[]) => runEntry('check-main.js', 'mainCheck', argv);
  /** check-main.cjs's `mainCheck`, required in-process. */
  async function runCheckCjs(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const { mainCheck } = createRequire(import.meta.url)(join(outdir, 'check-main.cjs')) as { mainCheck: Entry };
    let out = '';
    let err = '';
    const code = await mainCheck(argv, { out: (s) => void (out += s), err: (s) => void (err += s), cwd: REPO_DIR, color: false });
    return { code, out, err };
  }

  it('the manifest lists the compiler files and the bundled packages, and names check’s own entry point', () => {
    const m = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { check: string; inputs: { path: string }[] };
    expect(m.check).toBe('check-main.js');
    const paths = m.inputs.map((i) => i.path);
    expect(paths).toContain('dist/compiler/cli/main.js');
    expect(paths).toContain('dist/compiler/cli/check-main.js');
    expect(paths).toContain('dist/compiler/semantics/checker.js');
    expect(paths).toContain('node_modules/chevrotain/package.json');
    expect(paths.filter((p) => p.startsWith('node_modules/') && !p.endsWith('/package.json'))).toEqual([]);
  });

  for (const argv of [
    ['check', 'policies/sample'],
    ['check', 'policies', '--format', 'json'],
    ['check', 'policies/sample', '--format', 'xml'],
    ['fmt', '--check', 'policies/sample'],
  ]) {
    it(argv.join(' '), async () => {
      const want = await runMain(argv);
      const got = await runBundle(argv);
      expect(got).toEqual(want);
      // … and check's own entry point, for a check
      if (argv[0] === 'check') {
        expect(await runCheckBundle(argv.slice(1))).toEqual(want);
        expect(await runCheckCjs(argv.slice(1))).toEqual(want);
      }
    });
  }
});

describe('check’s CommonJS entry and its V8 code cache, from this checkout', () => {
  /** bin/zhengce.js beside a copy of the bundle's check entries and code cache (a manifest with no inputs: always fresh). */
  type Output = { path: string; size: number; mtimeMs: number; sha1: string };
  function layout(): { dir: string; cache: string; manifest: { entry: string; check: string; checkCjs: Output; checkCache: Output; inputs: [] } } {
    const dir = mkdtempSync(join(tmp, 'cache-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'dist', 'cli-bundle'), { recursive: true });
    copyFileSync(join(REPO_DIR, 'bin', 'zhengce.js'), join(dir, 'bin', 'zhengce.js'));
    copyFileSync(join(REPO_DIR, 'bin', 'package.json'), join(dir, 'bin', 'package.json')); // (bin/zhengce.js is CommonJS)
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const f of ['check-main.js', 'check-main.cjs', 'check-main.v8cache']) copyFileSync(join(outdir, f), join(dir, 'dist', 'cli-bundle', f));
    const built = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    // (the copies have new mtimes: bin/zhengce.js compares their SHA-1)
    const manifest = { entry: 'main.js', check: built.check, checkCjs: built.checkCjs, checkCache: built.checkCache, inputs: [] as [] };
    writeFileSync(join(dir, 'dist', 'cli-bundle', 'manifest.json'), JSON.stringify(manifest));
    return { dir, cache: join(dir, 'dist', 'cli-bundle', 'check-main.v8cache'), manifest };
  }
  /** `node [nodeArgs] bin/zhengce.js check …args --timings` in the repository: stdout, and the code cache line of standard error. */
  function check(dir: string, args: string[], nodeArgs: string[] = []): { code: number | null; out: string; cache: string | undefined } {
    const r = spawnSync(process.execPath, [...nodeArgs, join(dir, 'bin', 'zhengce.js'), 'check', ...args, '--timings'], { cwd: REPO_DIR, encoding: 'utf8', env: { ...process.env, ZC_NO_BUNDLE: '', NO_COLOR: '1', FORCE_COLOR: '0', NODE_OPTIONS: '' } });
    return { code: r.status, out: r.stdout, cache: /^代码缓存：.*$/m.exec(r.stderr)?.[0] };
  }

  it('the build made both, recorded in the manifest', () => {
    const m = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    for (const key of ['checkCjs', 'checkCache']) {
      expect(statSync(join(outdir, m[key].path)).size).toBe(m[key].size);
      expect(createHash('sha1').update(readFileSync(join(outdir, m[key].path))).digest('hex')).toBe(m[key].sha1);
    }
    // (the bytecode of a whole check, not only of the top level: hundreds of KB)
    expect(m.checkCache.size).toBeGreaterThan(200_000);
  });

  it('the CommonJS entry is ASCII: a one-byte source string (that its escaped expressions mean the same: the outputs below)', () => {
    expect(/[^\x00-\x7f]/.exec(readFileSync(join(outdir, 'check-main.cjs'), 'utf8'))?.[0]).toBeUndefined();
  });

  it('a normal zhengce check: V8 accepts the cache, and the output is the module-by-module CLI’s', async () => {
    const l = layout();
    for (const args of [['policies', '--format', 'json'], ['policies/sample']]) {
      const want = await runMain(['check', ...args]);
      const got = check(l.dir, args);
      expect(got.cache).toBe('代码缓存：已用');
      expect({ code: got.code, out: got.out }).toEqual({ code: want.code, out: want.out });
    }
  });

  it('other V8 flags: V8 rejects the cache, the check says the same', async () => {
    const l = layout();
    const want = await runMain(['check', 'policies', '--format', 'json']);
    for (const flags of [['--max-lazy'], ['--interrupt-budget=67584']]) {
      const got = check(l.dir, ['policies', '--format', 'json'], flags);
      expect(got.cache).toMatch(/^代码缓存：未用（V8 拒绝了缓存/);
      expect({ code: got.code, out: got.out }).toEqual({ code: want.code, out: want.out });
    }
  });

  it('a damaged cache the manifest still names (bytes changed in the middle): V8 rejects it by its checksum, the check says the same', async () => {
    const l = layout();
    const bytes = readFileSync(l.cache);
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(l.cache, bytes);
    const manifest = { ...l.manifest, checkCache: { ...l.manifest.checkCache, sha1: createHash('sha1').update(bytes).digest('hex') } };
    writeFileSync(join(l.dir, 'dist', 'cli-bundle', 'manifest.json'), JSON.stringify(manifest));
    const want = await runMain(['check', 'policies', '--format', 'json']);
    const got = check(l.dir, ['policies', '--format', 'json']);
    expect(got.cache).toMatch(/^代码缓存：未用（V8 拒绝了缓存/);
    expect({ code: got.code, out: got.out }).toEqual({ code: want.code, out: want.out });
  });

  it('a damaged cache the manifest does not name: check-main.js, the check says the same', async () => {
    const l = layout();
    const bytes = readFileSync(l.cache);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
    writeFileSync(l.cache, bytes);
    const want = await runMain(['check', 'policies/sample']);
    const got = check(l.dir, ['policies/sample']);
    expect(got.cache).toBe('代码缓存：未用（bundle 没有可用的缓存：check-main.js）');
    expect({ code: got.code, out: got.out }).toEqual({ code: want.code, out: want.out });
  });
});
