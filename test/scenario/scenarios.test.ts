// Runs every YAML scenario under policies/**/scenarios/ as its own test case, and
// checks the strict schema of scenario files.
import { describe, expect, it } from 'vitest';
import { findScenarioFiles, runScenarioFiles } from '../../compiler/cli/test.js';
import { nodeHost, memoryHost } from '../../compiler/project/host.js';
import { parseScenarios } from '../../compiler/scenario/scenario.js';
import { SourceFile } from '../../compiler/common/source.js';

const files = findScenarioFiles(nodeHost, ['policies']);
const { results, diagnostics } = runScenarioFiles(files, ['policies'], nodeHost);

describe('scenario files', () => {
  it('exist and are valid', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(diagnostics.map((d) => `${d.span.file}: ${d.code} ${d.message}`)).toEqual([]);
  });
  for (const r of results) {
    it(`${r.scenario.file} » ${r.scenario.name}`, () => {
      expect(r.problems).toEqual([]);
      expect(r.passed).toBe(true);
    });
  }
});

describe('scenario schema', () => {
  const parse = (text: string) => parseScenarios(new SourceFile('s.yaml', text));
  it('rejects unknown keys at every level with their place', () => {
    const text = '政策: sample\n多余: 1\n场景:\n  - 名称: a\n    日期: 2024-01-01\n    事实: {}\n    期望:\n      生育补助: { 状太: 适用 }\n';
    const r = parse(text);
    const codes = r.diagnostics.map((d) => [d.code, d.span.start]);
    expect(codes).toEqual([
      ['ZC1102', text.indexOf('多余')],
      ['ZC1102', text.indexOf('状太')],
    ]);
    expect(r.diagnostics[1]!.message).toContain('状太');
  });
  it('rejects a bad status and a missing expectation', () => {
    const r = parse('政策: sample\n场景:\n  - 名称: a\n    日期: 2024-01-01\n    事实: {}\n  - 名称: b\n    日期: 2024-01-01\n    事实: {}\n    期望: { 生育补助: { 状态: 合格 } }\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ZC1101', 'ZC1101']);
    expect(r.diagnostics[1]!.message).toContain('合格');
  });
  it('a date written 2024年6月1日 and a full-width colon in the facts are reported where they are, with the fix', () => {
    const text = '政策: sample\n场景:\n  - 名称: a\n    日期: 2024年6月1日\n    事实:\n      家庭:\n        子女数：3\n    期望: { 生育补助: { 状态: 适用 } }\n';
    const r = parse(text);
    expect(r.diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end), d.help, d.fixes?.[0]?.edits[0]?.newText])).toEqual([
      ['ZC1101', '2024年6月1日', '改为 2024-06-01', '2024-06-01'],
      ['ZC1101', '：', '改为半角冒号加空格：“子女数: ”', ': '],
    ]);
    expect(r.diagnostics[0]!.message).toBe('场景“a”的“日期”应为 YYYY-MM-DD，这里是“2024年6月1日”');
    const bad = parse('政策: sample\n场景:\n  - 名称: b\n    日期: 2023-02-29\n    事实: {}\n    期望: { 生育补助: { 状态: 适用 } }\n');
    expect(bad.diagnostics.map((d) => [d.code, d.message, d.help])).toEqual([['ZC1101', '场景“b”的“日期”无效：2023年不是闰年，2月只有28日', undefined]]);
  });
  it('reports a failing expectation with the actual value', () => {
    const host = memoryHost({ 'x/scenarios/a.yaml': '政策: sample\n场景:\n  - 名称: 错的期望\n    日期: 2024-06-01\n    事实: { 家庭: { 子女数: 3, 丈夫户籍在本县: true } }\n    期望: { 生育补助: { 结果: { 补助金额: 1000 } } }\n' }, nodeHost);
    const r = runScenarioFiles(['x/scenarios/a.yaml'], ['policies/sample'], host);
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.passed).toBe(false);
    expect(r.results[0]!.problems[0]).toContain('5000.00');
  });
  it('a misspelt measure name gets the nearest one', () => {
    const host = memoryHost({ 'x/scenarios/a.yaml': '政策: sample\n场景:\n  - 名称: 错字\n    日期: 2024-06-01\n    事实: { 家庭: { 子女数: 3, 丈夫户籍在本县: true } }\n    期望: { 延长产价: { 状态: 适用 } }\n' }, nodeHost);
    const r = runScenarioFiles(['x/scenarios/a.yaml'], ['policies/sample'], host);
    expect(r.results[0]!.problems[0]).toMatch(/^没有措施“延长产价”，是否想写“延长产假”？（可用：/u);
  });
  it('shows an actual date as the date alone (the type name 日期 is not a unit to append)', () => {
    const policy = [
      '政策 { 生效：2024年1月1日 }',
      '实体 家庭 { 受理日期：日期 }',
      '条款 一、 { 措施 期限 { 对象：家庭  结果 截止日：日期  结果 补贴：金额',
      '  规则 甲 { 截止日 = 工作日期限（家庭.受理日期， 10个工作日）  补贴 = 1元 } } }',
    ].join('\n');
    const scenario = '政策: d\n场景:\n  - 名称: 错的期望\n    日期: 2024-06-01\n    事实: { 家庭: { 受理日期: 2024-05-06 } }\n    期望: { 期限: { 结果: { 截止日: 2024-05-20, 补贴: 2 } } }\n';
    const host = memoryHost({ 'd/d.zc': policy, 'd/scenarios/a.yaml': scenario });
    const r = runScenarioFiles(['d/scenarios/a.yaml'], ['d'], host);
    expect(r.diagnostics).toEqual([]);
    expect(r.results[0]!.problems).toEqual(['期限：期望 截止日 = 2024-05-20，实际 2024-05-17', '期限：期望 补贴 = 2，实际 1.00元']);
  });
});
