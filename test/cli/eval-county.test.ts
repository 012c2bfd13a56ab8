/**
 * `zhengce eval` end to end on the county policy (policies/luanchuan) with the README's
 * case file examples/case-third-child.yaml: the decision joins the main text with the
 * annex, the default events registry voids the file, and a working-day deadline that
 * needs a year the official calendar does not cover is error ZC0805 (exit 1), never a
 * Monday–Friday guess. Runs the built CLI (dist/, see test/helpers/dist.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCli } from '../helpers/dist.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-eval-');
beforeAll(() => {
  ensureDist();
});

interface D { 措施: string; 状态: string; 结果: Record<string, { 值: unknown }>; 对象?: string; 发放对象?: string; 申请?: { 状态: string; 条款: { 标签: string } }; 可领取?: { 状态: string }; 定义?: { 定义: string; 实例?: string; 值: string }[] }
const decision = (stdout: string, m: string): D => (JSON.parse(stdout) as { 决定: D[] }).决定.find((x) => x.措施 === m)!;

describe('zhengce eval on the README case file', () => {
  it('third child born 2024-05-10: 1000元, annex conditions hold, claimable; 孩次 derived from the list', () => {
    const r = runCli(['eval', '--events', 'none', '--date', '2024-06-01', 'examples/case-third-child.yaml']);
    expect(r.status, r.stderr).toBe(0);
    const d = decision(r.stdout, '生育补助');
    expect([d.状态, d.结果['生育补助金额']!.值, d.对象, d.申请!.状态, d.申请!.条款.标签, d.可领取!.状态]).toEqual(['适用', '1000.00', '家庭', '适用', '附件2 一', '适用']);
    expect(d.定义!.filter((t) => t.定义 === '子女.孩次').map((t) => `${t.实例}=${t.值}`)).toEqual(['家庭.子女[0]=1', '家庭.子女[1]=2', '家庭.子女[2]=3']);
  });

  it('with the default registry (policies/events.yaml) the file is void after 2024-10-28', () => {
    const r = runCli(['eval', '--date', '2024-11-01', 'examples/case-third-child.yaml']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('policies/events.yaml');
    expect(decision(r.stdout, '生育补助').状态).toBe('已废止');
  });

  it('a receipt date whose 15-working-day deadline needs 2027: ZC0805 with the year and the coverage, exit 1', () => {
    const c = join(tmp, 'late.yaml');
    writeFileSync(c, '政策: luanchuan\n事实:\n  托育机构: { 收到备案材料日期: 2026-12-11 }\n');
    const r = runCli(['eval', '--events', 'none', '--date', '2027-01-05', c]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ZC0805');
    expect(r.stderr).toMatch(/没有2027年的法定节假日和调休安排数据（chinese-days 只覆盖\d{4}年至2026年）/);
    // one day earlier the deadline (2026-12-31) is inside the calendar
    writeFileSync(c, '政策: luanchuan\n事实:\n  托育机构: { 收到备案材料日期: 2026-12-10 }\n');
    const ok = runCli(['eval', '--events', 'none', '--date', '2027-01-05', c]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(decision(ok.stdout, '托育机构备案办理期限').结果['不符合规范通知截止日']!.值).toBe('2026-12-31');
  });
});
