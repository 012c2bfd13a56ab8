/**
 * `zhengce diff` and `zhengce explain` end to end through the built CLI: a real git revision
 * pair (--rev A..B in a temporary repository: the sample policy, then its age range narrowed),
 * --fail-on loses for CI, every output format, bad input (a revision that does not exist, a side
 * that does not compile, two different policies, a case whose facts fail validation); the events
 * registry eval, explain and diff take by default (events.yaml in the policies directory, never the
 * current directory's policies/events.yaml; a broken one is an error, none is said).
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCli } from '../helpers/dist.js';
import { REPO_DIR } from '../helpers/golden.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const CASES = join(REPO_DIR, 'test/diff/cases');
const tmp = tmpDirForFile('zhengce-diff-cli-');
let repo: string;
beforeAll(() => {
  ensureDist();
  repo = join(tmp, 'repo');
  const git = (...a: string[]) => execFileSync('git', ['-C', repo, ...a], { stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  cpSync(join(CASES, 'base'), join(repo, 'policies'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  git('add', '-A');
  git('commit', '-qm', 'v1');
  rmSync(join(repo, 'policies'), { recursive: true });
  cpSync(join(CASES, 'restrict'), join(repo, 'policies'), { recursive: true });
  git('add', '-A');
  git('commit', '-qm', 'v2');
});

describe('zhengce diff', () => {
  it('--rev HEAD~1..HEAD on a real repository: 托育补贴 loses; --fail-on loses exits 1', () => {
    const r = runCli(['diff', '--rev', 'HEAD~1..HEAD', 'policies', '--no-findings', '--events', 'none', '--fail-on', 'loses'], { cwd: repo, timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('托育补贴（二（二））：有变化：失去');
    expect(r.stdout).toContain('生育补助（二（一））：等价');
    expect(r.status).toBe(1);
    const ok = runCli(['diff', '--rev', 'HEAD~1..HEAD', 'policies', '--no-findings', '--events', 'none'], { cwd: repo, timeoutMs: 120_000 });
    expect(ok.status).toBe(0);
  });

  it('a gain only passes --fail-on loses; JSON, Markdown and HTML formats', () => {
    const args = ['diff', join(CASES, 'base'), join(CASES, 'extend'), '--no-findings', '--events', 'none', '--fail-on', 'loses'];
    const j = runCli([...args, '--format', 'json'], { timeoutMs: 120_000 });
    expect(j.status).toBe(0);
    const rep = JSON.parse(j.stdout);
    expect(rep.政策[0].措施.find((m: { 措施: string }) => m.措施 === '延长产假').变化[0].类别).toBe('得到');
    expect(runCli([...args, '--format', 'markdown'], { timeoutMs: 120_000 }).stdout).toContain('| 延长产假 | 二（三） | 得到 |');
    expect(runCli([...args, '--format', 'html'], { timeoutMs: 120_000 }).stdout).toMatch(/^<!doctype html>[\s\S]*延长产假/);
  });

  it('refuses a revision that does not exist, a side that does not compile, and two different policies', () => {
    const r = runCli(['diff', '--rev', 'HEAD~1..nosuchrev', 'policies'], { cwd: repo });
    expect([r.status, r.stderr.trim()]).toEqual([1, '错误[ZC1304]: git 版本“nosuchrev”不存在']);
    const b = runCli(['diff', join(CASES, 'base'), join(CASES, 'broken'), '--no-findings']);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('错误[ZC1303]: 新版有 1 个编译错误，无法比较');
    expect(b.stderr).toContain('示例.zc:55:22'); // at the “+” that ends line 55 unfinished (was 56:7, the next line)
    const d = runCli(['diff', join(CASES, 'base'), join(CASES, 'different'), '--no-findings']);
    expect(d.status).toBe(1);
    expect(d.stderr).toContain('错误[ZC1302]: 两个版本不是同一政策');
    expect(runCli(['diff', join(CASES, 'base')]).status).toBe(2);
  });
});

describe('zhengce explain', () => {
  it('prints the unmet conditions and the smallest change, replayed', () => {
    const c = join(tmp, 'case.yaml');
    writeFileSync(c, '政策: sample\n事实:\n  家庭: { 子女数: 1, 夫妻至少一方户籍在本县: true }\n');
    const r = runCli(['explain', c, '--date', '2024-06-01', '--events', 'none', '--paths', join(CASES, 'base')], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('■ 生育补助（二（一））：不适用（没有适用的规则）');
    expect(r.stdout).toContain('规则“二孩补助”未满足：家庭.子女数 二孩及以上');
    expect(r.stdout).toContain('最少需要改变 1 项事实');
    // one fact (子女数) is the whole answer; which value the solver picks (≥ 2) is not fixed
    expect(r.stdout).toMatch(/方案 1（改变 1 项）：\n {4}· 家庭\.子女数：1 → ([2-9]|\d\d+)\n {4}→ 适用：补助金额 = (2000|5000)\.00元/);
    expect(r.stdout).toContain('满足规则“二孩补助”：家庭.子女数 二孩及以上；家庭.「夫妻至少一方户籍在本县」');
    const j = JSON.parse(runCli(['explain', c, '--date', '2024-06-01', '--events', 'none', '--paths', join(CASES, 'base'), '--format', 'json', '--fixed', '子女数'], { timeoutMs: 120_000 }).stdout);
    expect(j.措施[0].结论).toBe('无');
  });

  it('the county: a family with one child and no 计划生育证件 written — each measure that can apply gets its replayed way there, none a false "never"', () => {
    // (the 证件 list was not supplied and the county's uncertain 施行日 was one free variable: both measures
    // were reported "无论怎样改变事实…都不会适用（求解器证明）")
    const c = join(tmp, 'county.yaml');
    writeFileSync(c, '政策: luanchuan\n事实:\n  家庭:\n    夫妻: [ { 户籍: 栾川县 } ]\n    子女: [ { 出生日期: 2010-03-02, 同胎序号: 1, 户籍: 栾川县 } ]\n');
    const run = (m: string) => JSON.parse(runCli(['explain', c, '--date', '2024-06-01', '--events', 'none', '--measure', m, '--format', 'json'], { timeoutMs: 120_000 }).stdout).措施[0];
    const cert = run('计划生育家庭奖励扶助延续');
    expect(cert.结论).toBe('找到');
    expect(cert.建议[0].改变).toEqual([{ 事实: '家庭.计划生育证件', 新值: expect.stringMatching(/^\[\{"证件类别":"独生子女父母光荣证","发证日期":"(19|200|201[0-5])/), 类别: '补充' }]);
    const birth = run('生育补助');
    expect(birth.结论).toBe('找到');
    expect(birth.建议[0].复现).toEqual({ 解释器: 'confirmed', 生成的求值器: 'confirmed' });
    expect(birth.建议[0].改变[0].事实).toBe('家庭.子女（个数）');
  });

  it('a case whose facts fail validation gets the InputError as eval reports it (code, file:line:col), not an explanation', () => {
    const c = join(tmp, 'bad.yaml');
    writeFileSync(c, '政策: sample\n事实:\n  家庭: { 子女数: -1 }\n');
    const r = runCli(['explain', c, '--date', '2024-06-01', '--events', 'none', '--paths', join(CASES, 'base')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('错误[ZC0804]: 事实.家庭.子女数 应为非负整数，这里是 -1');
    expect(r.stderr).toContain(`${c}:3:14`);
    // the same report as eval's, diagnostic for diagnostic
    const e = runCli(['eval', c, '--date', '2024-06-01', '--events', 'none', '--paths', join(CASES, 'base')]);
    expect(r.stderr).toBe(e.stderr);
    // an impossible date in the facts: its line and column, never a bare list
    const d = join(tmp, 'bad-date.yaml');
    writeFileSync(d, '政策: sample\n事实:\n  家庭: { 子女数: 3 }\n  婴幼儿:\n    出生日期: 2019-02-30\n');
    const bd = runCli(['explain', d, '--date', '2024-06-01', '--events', 'none', '--paths', join(CASES, 'base')]);
    expect([bd.status, bd.stdout]).toEqual([1, '']);
    expect(bd.stderr).toMatch(/错误\[ZC0804\]: 事实\.婴幼儿\.出生日期 应为日期/u);
    expect(bd.stderr).toContain(`${d}:5:11`);
    // a missing case file: ZC0001 with the path, as eval
    const missing = runCli(['explain', join(tmp, 'no-such-case.yaml'), '--date', '2024-06-01', '--events', 'none', '--paths', join(CASES, 'base')]);
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringContaining('错误[ZC0001]: 无法读取个案文件')]);
    // an evaluation date that does not exist is a usage error (exit 2), as for eval — not a problem of the case
    const badDate = runCli(['explain', c, '--date', '2024-13-01', '--events', 'none', '--paths', join(CASES, 'base')]);
    expect([badDate.status, badDate.stderr]).toEqual([2, expect.stringContaining('--date 的值“2024-13-01”不是存在的日期')]);
    const m = runCli(['explain', c, '--date', '2024-06-01', '--measure', '不存在', '--paths', join(CASES, 'base')]);
    expect([m.status, m.stderr]).toEqual([1, expect.stringContaining('错误[ZC1301]')]);
  });
});

describe('the events registry by default: eval, explain and diff choose it alike', () => {
  /** A copy of the sample policy in a directory of its own, with `events` as its events.yaml (undefined: none). */
  function policiesWith(name: string, events: string | undefined): string {
    const dir = join(tmp, name);
    cpSync(join(CASES, 'base'), dir, { recursive: true });
    if (events !== undefined) writeFileSync(join(dir, 'events.yaml'), events);
    return dir;
  }
  /** A case file of the sample policy with these 家庭 facts. */
  function caseWith(name: string, family: string): string {
    const c = join(tmp, name);
    writeFileSync(c, `政策: sample\n事实:\n  家庭: { ${family} }\n`);
    return c;
  }
  const GOOD = '事件:\n  - { 日期: 2030-01-01, 级别: 国家, 地区: 全国, 类别: 生育支持政策, 标题: 测试, 文号: "", 来源: 测试, 已确认: false, 说明: 测试 }\n';

  it('explain reads events.yaml of --paths, as eval does — not policies/events.yaml of the current directory', () => {
    const dir = policiesWith('with-events', GOOD);
    const c = caseWith('case-events.yaml', '子女数: 1, 夫妻至少一方户籍在本县: true');
    for (const cmd of ['eval', 'explain']) {
      const r = runCli([cmd, c, '--date', '2024-06-01', '--paths', dir], { cwd: tmp, timeoutMs: 120_000 });
      expect([cmd, r.status]).toEqual([cmd, 0]);
      expect(r.stderr).toContain(`（使用事件登记 ${join(dir, 'events.yaml')}`);
    }
  });

  it('a broken events.yaml in the policies directory is an error for eval, explain and diff (it was ignored by explain and diff)', () => {
    const dir = policiesWith('broken-events', '事件:\n  - { 日期: 不是日期 }\n');
    const c = caseWith('case-broken.yaml', '子女数: 1');
    for (const args of [['eval', c, '--date', '2024-06-01', '--paths', dir], ['explain', c, '--date', '2024-06-01', '--paths', dir], ['diff', join(CASES, 'base'), dir, '--no-findings']]) {
      const r = runCli(args, { cwd: tmp, timeoutMs: 120_000 });
      expect([args[0], r.status, r.stdout]).toEqual([args[0], 1, '']);
      expect(r.stderr).toContain('events.yaml');
      expect(r.stderr).toMatch(/错误\[ZC\d{4}\]/);
    }
  });

  it('no events.yaml: eval and explain refuse with the fix, diff says it and compares without events', () => {
    const dir = policiesWith('no-events', undefined);
    const c = caseWith('case-none.yaml', '子女数: 1');
    for (const cmd of ['eval', 'explain']) {
      const r = runCli([cmd, c, '--date', '2024-06-01', '--paths', dir], { cwd: REPO_DIR, timeoutMs: 120_000 });
      expect([cmd, r.status]).toEqual([cmd, 1]);
      expect(r.stderr).toContain('错误[ZC0001]');
      expect(r.stderr).toContain('--events none');
    }
    const d = runCli(['diff', join(CASES, 'base'), dir, '--no-findings'], { cwd: REPO_DIR, timeoutMs: 120_000 });
    expect(d.status).toBe(0);
    expect(d.stderr).toContain(`（没有找到事件登记 ${join(dir, 'events.yaml')}：比较不考虑上级政策事件；用 --events 文件 指定`);
    // two policies directories, each with its own registry: say which (a usage error)
    const two = runCli(['diff', policiesWith('events-a', GOOD), policiesWith('events-b', GOOD), '--no-findings'], { cwd: REPO_DIR });
    expect([two.status, two.stderr]).toEqual([2, expect.stringContaining('各有事件登记')]);
  });
});
