/**
 * The bundled command line (scripts/bundle-cli.mjs → dist/cli-bundle/, run by bin/zhengce.js):
 *  - bin/zhengce.js runs the bundle only while its manifest matches the files it was built from —
 *    same size and mtime, or same size and SHA-1 (then it records the new mtime) — and otherwise,
 *    or with ZC_NO_BUNDLE=1, dist/compiler/cli/main.js: on a copy of bin/zhengce.js beside two
 *    stand-in entry points that say which one ran;
 *  - with a manifest naming check's own entry point (check-main.js), `zhengce check` runs that one;
 *  - a bundle built from this checkout says what the module-by-module CLI says (check, text and
 *    JSON, a usage error, fmt --check — and check's own entry point for check), called in-process like
 *    test/helpers/cli.ts's runMain.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      if (argv[0] === 'check') expect(await runCheckBundle(argv.slice(1))).toEqual(want);
    });
  }
});
