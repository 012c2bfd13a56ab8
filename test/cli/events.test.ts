/**
 * The events registry (issue 14 §1: “a void policy reported as in force”), through the
 * CLI in-process (test/helpers/cli.ts):
 *  - the default registry is `events.yaml` in the policies directory given by --paths,
 *    never the current directory's `policies/events.yaml`;
 *  - a registry that is broken (YAML syntax, wrong shape, invalid event, empty or
 *    comment-only) is a Chinese ZC0705 error with file:line:col and exit 1 — never
 *    "no events";
 *  - no registry and no --events is an error for `eval`; `--events none` is the
 *    explicit way to evaluate without events;
 *  - every decision set records the registry: path (relative to the policies
 *    directory) and the SHA-256 of the file's bytes, or "none".
 *  - the language server's 解释 code lens and 核查 choose the registry by the CLI's rule
 *    (project/events.ts policyRegistry): the policy directory's own events.yaml; one a
 *    directory up is named by the CLI (used with --events) and used, and said, by the editor
 *    (which has no --events) — never the nearest one further up the tree.
 * Also the cases of ZC0705 for the diagnostics meta-test (test/semantics).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_DIR } from '../helpers/golden.js';
import { runMain } from '../helpers/cli.js';
import { readEvents } from '../../compiler/project/policies.js';
import { policyRegistry } from '../../compiler/project/events.js';
import { runExplain, runVerification } from '../../vscode-extension/server/src/verify-process.js';
import { eventsLine } from '../../vscode-extension/server/src/commands.js';
import { nodeHost } from '../../compiler/project/host.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-events-');
/** A copy of policies/sample under <tmp>/<name>/policies, with `registry` as its events.yaml (unless undefined). */
function policiesDir(name: string, registry: string | Buffer | undefined): string {
  const dir = join(tmp, name, 'policies');
  mkdirSync(dir, { recursive: true });
  cpSync(join(REPO_DIR, 'policies', 'sample'), join(dir, 'sample'), { recursive: true });
  if (registry !== undefined) writeFileSync(join(dir, 'events.yaml'), registry);
  return dir;
}

/** A provincial birth-support policy on 2024-04-01: voids the sample policy from that day. */
const VOIDING = '- 日期: 2024-04-01\n  级别: 省\n  类别: 生育支持政策\n  标题: 省级生育支持政策\n';
const CASE = '政策: sample\n事实:\n  家庭: { 子女数: 3, 丈夫户籍在本县: true }\n';
let casePath: string;

beforeAll(() => {
  casePath = join(tmp, '个案.yaml');
  writeFileSync(casePath, CASE);
});

type Decisions = { 事件登记?: unknown; 废止?: { 日期: string }; 决定: { 措施: string; 状态: string }[] };
const statusOf = (d: Decisions, m: string) => d.决定.find((x) => x.措施 === m)?.状态;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('zhengce eval: the default registry comes from --paths, not from the current directory', () => {
  it('uses <paths>/events.yaml (the repository’s own policies/events.yaml in the cwd is ignored) and records it', async () => {
    const dir = policiesDir('own', VOIDING);
    // cwd = the repository: its policies/events.yaml does not void the sample policy in 2024-06
    const r = await runMain(['eval', '--paths', dir, '--date', '2024-06-01', casePath], REPO_DIR);
    expect(r.err).toContain(join(dir, 'events.yaml'));
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as Decisions;
    expect(d.废止?.日期).toBe('2024-04-01');
    expect(statusOf(d, '生育补助')).toBe('已废止');
    expect(d.事件登记).toEqual({ 路径: 'events.yaml', sha256: sha(join(dir, 'events.yaml')) });
  });

  it('a file given as --paths: the events.yaml of its directory', async () => {
    const dir = policiesDir('file', undefined);
    writeFileSync(join(dir, 'sample', 'events.yaml'), VOIDING);
    const r = await runMain(['eval', '--paths', join(dir, 'sample', '示例.zc'), '--date', '2024-06-01', casePath]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as Decisions;
    expect(d.事件登记).toEqual({ 路径: 'events.yaml', sha256: sha(join(dir, 'sample', 'events.yaml')) });
    expect(statusOf(d, '生育补助')).toBe('已废止');
  });

  it('no registry in the policies directory and no --events: an error naming where it looked (exit 1), never “no events”', async () => {
    const dir = policiesDir('none', undefined);
    const r = await runMain(['eval', '--paths', dir, '--date', '2024-06-01', casePath]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('错误[ZC0001]');
    expect(r.err).toContain(join(dir, 'events.yaml').replace(/\\/g, '/'));
    expect(r.err).toContain('--events none');
  });

  it('--events none evaluates without events and says so in the decisions', async () => {
    const dir = policiesDir('explicit-none', VOIDING);
    const r = await runMain(['eval', '--paths', dir, '--events', 'none', '--date', '2024-06-01', casePath]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as Decisions;
    expect(d.事件登记).toBe('none');
    expect(statusOf(d, '生育补助')).toBe('适用');
  });

  it('an explicit --events file: its path as given (outside the policies directory) and hash', async () => {
    const dir = policiesDir('explicit', undefined);
    const ev = join(tmp, 'elsewhere-events.yaml');
    writeFileSync(ev, `# 省级事件\n事件:\n${VOIDING.replace(/^/gm, '  ').trimEnd()}\n`);
    const r = await runMain(['eval', '--paths', dir, '--events', ev, '--date', '2024-06-01', casePath]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as Decisions;
    expect(d.事件登记).toEqual({ 路径: ev.replace(/\\/g, '/'), sha256: sha(ev) });
    expect(statusOf(d, '生育补助')).toBe('已废止');
  });

  it('an explicitly empty registry ([]) is no events, recorded with its hash', async () => {
    const dir = policiesDir('empty-list', '# 没有上级政策事件\n[]\n');
    const r = await runMain(['eval', '--paths', dir, '--date', '2024-06-01', casePath]);
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as Decisions;
    expect(statusOf(d, '生育补助')).toBe('适用');
    expect(d.事件登记).toEqual({ 路径: 'events.yaml', sha256: sha(join(dir, 'events.yaml')) });
  });
});

/** Broken registries: each is ZC0705 (or ZC0002) at file:line:col, exit 1, nothing on stdout. */
const BROKEN: { name: string; text: string | Buffer; code: string; at: string; says: RegExp }[] = [
  { name: 'YAML syntax error', text: '- 日期: 2024-04-01\n  级别: 省\n  类别: [生育支持政策\n', code: 'ZC0705', at: 'events.yaml:4:1', says: /方括号“\[”没有配对的“\]”/ },
  { name: 'duplicate key', text: '- 日期: 2024-04-01\n  级别: 省\n  级别: 国家\n  类别: 生育支持政策\n', code: 'ZC0705', at: 'events.yaml:3:3', says: /键“级别”重复/ },
  { name: 'empty file', text: '', code: 'ZC0705', at: 'events.yaml:1:1', says: /事件登记是空的/ },
  { name: 'comment-only file', text: '# 上级政策事件登记\n# （尚无）\n', code: 'ZC0705', at: 'events.yaml:1:1', says: /事件登记是空的/ },
  { name: 'a mapping instead of a list', text: '日期: 2024-04-01\n级别: 省\n', code: 'ZC0705', at: 'events.yaml:1:1', says: /应为事件的列表/ },
  { name: 'an invalid level', text: '- 日期: 2024-04-01\n  级别: 省级\n  类别: 生育支持政策\n', code: 'ZC0705', at: 'events.yaml:2:7', says: /事件\[0\]\.级别 应为国家、省、市、县之一，这里是 "省级"/ },
  { name: 'an impossible date', text: '- 日期: 2024-02-30\n  级别: 省\n  类别: 生育支持政策\n', code: 'ZC0705', at: 'events.yaml:1:7', says: /事件\[0\]\.日期 应为日期/ },
  { name: 'an unknown key', text: '- 日期: 2024-04-01\n  级别: 省\n  类别: 生育支持政策\n  地方: 河南\n', code: 'ZC0705', at: 'events.yaml:4:3', says: /事件\[0\]\.地方/ },
  { name: 'UTF-16', text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VOIDING, 'utf16le')]), code: 'ZC0002', at: 'events.yaml:1:1', says: /UTF-16/ },
];

describe('zhengce eval: a broken registry is an error with its place (ZC0705), never “no events”', () => {
  for (const b of BROKEN) {
    it(`${b.name} (default registry)`, async () => {
      const dir = policiesDir(`broken-${BROKEN.indexOf(b)}`, b.text);
      const r = await runMain(['eval', '--paths', dir, '--date', '2024-06-01', casePath], dir);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain(`错误[${b.code}]`);
      expect(r.err).toContain(`--> ${b.at}`);
      expect(r.err).toMatch(b.says);
      expect(r.err).not.toMatch(/[A-Za-z]{5,} [a-z]{3,} [a-z]{3,}/); // no English sentence from the YAML library
    });
  }

  it('the same errors for an explicit --events file', async () => {
    const dir = policiesDir('broken-explicit', undefined);
    const ev = join(tmp, 'comment-only.yaml');
    writeFileSync(ev, '# nothing\n');
    const r = await runMain(['eval', '--paths', dir, '--events', ev, '--date', '2024-06-01', casePath], tmp);
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误[ZC0705]');
    expect(r.err).toContain('--> comment-only.yaml:1:1');
  });

  it('a missing explicit --events file: ZC0001, exit 1', async () => {
    const dir = policiesDir('missing-explicit', VOIDING);
    const r = await runMain(['eval', '--paths', dir, '--events', join(tmp, 'no-such.yaml'), '--date', '2024-06-01', casePath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误[ZC0001]');
    expect(r.err).toContain('找不到事件登记');
  });
});

describe('zhengce verify: the same registry rules', () => {
  it('a broken default registry stops verify (exit 1, ZC0705 with its place)', async () => {
    const dir = policiesDir('verify-broken', '# only a comment\n');
    const r = await runMain(['verify', '--runs', '0', '--no-scenarios', dir], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误[ZC0705]');
    expect(r.err).toContain('--> events.yaml:1:1');
  }, 120_000);

  it('no registry: said on stderr (not silent), verification runs', async () => {
    const dir = policiesDir('verify-none', undefined);
    const r = await runMain(['verify', '--runs', '0', '--no-scenarios', '--format', 'json', dir], dir);
    expect(r.err).toContain('没有找到事件登记');
    expect(r.err).not.toContain('上一级目录有事件登记');
    expect(() => JSON.parse(r.out)).not.toThrow();
  }, 120_000);

  it('no registry, but one a directory up (verify policies/<p> beside policies/events.yaml): named with the option that uses it, not used', async () => {
    const dir = policiesDir('verify-up', VOIDING);
    const sub = join(dir, 'sample');
    const r = await runMain(['verify', '--runs', '0', '--no-scenarios', '--format', 'json', sub], dir);
    expect(r.err).toContain(`没有找到事件登记 ${join(sub, 'events.yaml')}：核查不考虑上级政策事件；上一级目录有事件登记 ${join(dir, 'events.yaml')}，要用它请加 --events ${join(dir, 'events.yaml')}；`);
    expect(() => JSON.parse(r.out)).not.toThrow();
  }, 120_000);
});

describe('readEvents (the language server’s verifier locates its own events.yaml)', () => {
  it('reads a valid registry; a broken one is one Chinese line with file:line:col, never “no events”', () => {
    const dir = policiesDir('read-events', VOIDING);
    expect(readEvents(nodeHost, join(dir, 'events.yaml'))).toEqual({ ok: true, events: [{ 日期: '2024-04-01', 级别: '省', 类别: '生育支持政策', 标题: '省级生育支持政策' }] });
    writeFileSync(join(dir, 'events.yaml'), '# 只有注释\n');
    const r = readEvents(nodeHost, join(dir, 'events.yaml'));
    expect(r.ok).toBe(false);
    expect((r as { message: string }).message).toBe(`${join(dir, 'events.yaml')}:1:1：错误[ZC0705] 事件登记是空的（没有内容，或只有注释）：不能据此认为没有上级政策事件；若确实没有任何上级政策事件，写 []；或用 --events none 明确不考虑上级政策事件`);
  });
});


describe('the language server (解释 code lens, 核查) chooses the registry by the CLI’s rule (policyRegistry)', () => {
  const root = (dir: string) => join(dir, 'sample', '示例.zc');
  // one child: 生育补助 不适用 (explained: the smallest change) while in force, 已废止 after VOIDING
  const facts = { 家庭: { 子女数: 1, 丈夫户籍在本县: true } };
  const statusIn = (r: Awaited<ReturnType<typeof runExplain>>) => (r as unknown as { report: { 措施: { 措施: string; 状态: string }[] } }).report.措施.find((m) => m.措施 === '生育补助')?.状态;

  it('policyRegistry: the directory’s own; else none, naming one a directory up (the same for a file and its directory)', () => {
    const dir = policiesDir('rule-up', VOIDING);
    const sub = join(dir, 'sample');
    expect(policyRegistry(nodeHost, sub)).toEqual({ path: join(sub, 'events.yaml'), exists: false, up: join(dir, 'events.yaml') });
    expect(policyRegistry(nodeHost, root(dir))).toEqual(policyRegistry(nodeHost, sub));
    expect(policyRegistry(nodeHost, dir)).toEqual({ path: join(dir, 'events.yaml'), exists: true });
    const none = policiesDir('rule-none', undefined);
    expect(policyRegistry(nodeHost, join(none, 'sample'))).toEqual({ path: join(none, 'sample', 'events.yaml'), exists: false });
  });

  it('an events.yaml a directory up is used by 解释 and 核查 (the editor has no --events) and said; the CLI names it', async () => {
    const dir = policiesDir('lens-up', VOIDING);
    const r = await runExplain({ kind: 'explain', root: root(dir), overlays: {}, facts, date: '2024-06-01', timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, events: join(dir, 'events.yaml'), missing: join(dir, 'sample', 'events.yaml'), fromUp: true });
    // void from 2024-04-01: nothing a fact could change, so no measure to explain (without the registry: 不适用, explained)
    expect((r as unknown as { report: { 措施: unknown[] } }).report.措施).toEqual([]);
    expect(eventsLine(r as Parameters<typeof eventsLine>[0], '解释')).toBe(`上级政策事件：${join(dir, 'events.yaml')}（政策目录中没有 events.yaml，用上一级目录的；命令行核查这一个政策目录时须加 --events ${join(dir, 'events.yaml')}）`);
    const v = await runVerification({ root: root(dir), overlays: {}, runs: 0, timeoutMs: 5000 });
    expect(v).toMatchObject({ ok: true, events: join(dir, 'events.yaml'), fromUp: true });
    // the CLI on the same directory names the same file, unused unless asked
    const cli = await runMain(['verify', '--runs', '0', '--no-scenarios', '--format', 'json', join(dir, 'sample')], dir);
    expect(cli.err).toContain(`上一级目录有事件登记 ${join(dir, 'events.yaml')}`);
  }, 120_000);

  it('with no events.yaml in the policy directory or a directory up, 解释 says it ran without events', async () => {
    const dir = policiesDir('lens-none', undefined);
    const r = await runExplain({ kind: 'explain', root: root(dir), overlays: {}, facts, date: '2024-06-01', timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, events: undefined, missing: join(dir, 'sample', 'events.yaml') });
    expect(statusIn(r)).toBe('不适用');
    expect(eventsLine(r as Parameters<typeof eventsLine>[0], '解释')).toBe(`政策目录中没有事件登记 ${join(dir, 'sample', 'events.yaml')}，按没有上级政策事件解释`);
  }, 120_000);

  it('the policy directory’s own events.yaml is used by 解释 and 核查; a case’s own 事件 take its place', async () => {
    const dir = policiesDir('lens-own', undefined);
    writeFileSync(join(dir, 'sample', 'events.yaml'), VOIDING);
    const r = await runExplain({ kind: 'explain', root: root(dir), overlays: {}, facts, date: '2024-06-01', timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: true, events: join(dir, 'sample', 'events.yaml') });
    // void from 2024-04-01: nothing a fact could change, so no measure to explain (without the registry: 不适用, explained)
    expect((r as unknown as { report: { 措施: unknown[] } }).report.措施).toEqual([]);
    const own = await runExplain({ kind: 'explain', root: root(dir), overlays: {}, facts, date: '2024-06-01', events: [], timeoutMs: 5000 });
    expect(own).toMatchObject({ ok: true, events: undefined, own: true });
    expect(statusIn(own)).toBe('不适用');
    const v = await runVerification({ root: root(dir), overlays: {}, runs: 0, timeoutMs: 5000 });
    expect(v).toMatchObject({ ok: true, events: join(dir, 'sample', 'events.yaml') });
  }, 120_000);
});
