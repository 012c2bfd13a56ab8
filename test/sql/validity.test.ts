/**
 * A rule's 有效期 counted from the 施行日 (grammar/README.md §8.11, §15.7) when the 施行日 is known only
 * within a range: test/sql/fixtures/validity (施行日 in [a, b] = [2025-01-15, 2025-01-31]; 育儿补贴's
 * 「一般」 `有效期：1年`, 「已登记」 `2025年6月1日 至 施行日 + 18个月`; 登记凭证's `施行日 + 1个月 至
 * 施行日 + 13个月 - 1天`, whose start clamps to 2月28日 for 施行日 28–31 January).
 *
 * Oracles: the semantics written out (for a period of N from the 施行日: in force for certain when
 * b ≤ d and d < a + N, for certain not when d < a or d ≥ b + N, 存疑 otherwise — naming the 施行日 and its
 * range in 缺少); then every boundary date (a, b, a + N, b + N, the clamped ends, ±1 day) × every
 * combination of the facts (known, unknown) through all four engines — the interpreter, the generated
 * evaluator (`evaluate` with traces and `evaluateMany`), DuckDB and PostgreSQL (ZC_PG_URL; under CI
 * an unreachable server fails) — which must agree row by row (test/sql/harness.ts `compare`).
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { emitTypeScript } from '../../compiler/emit/typescript.js';
import { dayNumber, formatIso, fromDayNumber } from '../../compiler/common/calendar.js';
import { sqlEngines } from './engines.js';
import { compare, loadPolicy, type Scenario, type TsEvaluator } from './harness.js';

const policy = loadPolicies(['test/sql/fixtures/validity'], nodeHost).policies[0]!;
const ir = policy.ir;
const D = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return dayNumber({ y: y!, m: m!, d: d! }); };
const iso = (n: number) => formatIso(fromDayNumber(n));
const WHY = '施行日（2025-01-15 至 2025-01-31 之间，确切日期未知）';
const local = { 家庭: { 户籍: '本县', 已登记: false } };
const dec = (date: string, facts: unknown = local, m = '育儿补贴') => evaluate(ir, facts, date, []).决定.find((x) => x.措施 === m)!;

describe('有效期 counted from an uncertain 施行日: the interpreter', () => {
  it('lowers each end to its range (a clamped month end included)', () => {
    const rules = ir.measures.flatMap((m) => m.rules.map((r) => ({ r: r.name, from: r.validFrom !== undefined ? iso(r.validFrom) : r.validFromRange && [iso(r.validFromRange.lo), iso(r.validFromRange.hi)], to: r.validTo !== undefined ? iso(r.validTo) : r.validToRange && [iso(r.validToRange.lo), iso(r.validToRange.hi)] })));
    expect(rules).toEqual([
      { r: '一般', from: ['2025-01-15', '2025-01-31'], to: ['2026-01-14', '2026-01-30'] },
      { r: '已登记', from: '2025-06-01', to: ['2026-07-15', '2026-07-31'] },
      { r: '凭证', from: ['2025-02-15', '2025-02-28'], to: ['2026-02-14', '2026-02-27'] },
    ]);
  });

  it('有效期：1年 — for certain from b until a + 1年 − 1天, certainly not from b + 1年; 存疑 between, naming the 施行日', () => {
    // a = 2025-01-15, b = 2025-01-31, N = 1年: a + N = 2026-01-15, b + N = 2026-01-31
    const at = (d: string) => dec(d).状态;
    expect(at('2025-01-14')).toBe('未生效');
    expect(at('2025-01-15')).toBe('存疑');
    expect(at('2025-01-30')).toBe('存疑');
    expect(at('2025-01-31')).toBe('适用');
    expect(at('2026-01-14')).toBe('适用');
    expect(at('2026-01-15')).toBe('存疑');
    expect(at('2026-01-30')).toBe('存疑');
    expect(at('2026-01-31')).toBe('不适用');
    const d = dec('2026-01-20');
    expect(d.缺少).toEqual([WHY]);
    expect(d.规则[0]).toMatchObject({ 规则: '一般', 适用: null, 说明: `可能不在有效期内（自施行日起1年：2025-01-15—2025-01-31 之间 至 2026-01-14—2026-01-30 之间）：取决于${WHY}` });
    expect(dec('2026-01-31').规则[0]).toMatchObject({ 适用: false, 说明: '不在有效期内（自施行日起1年：2025-01-15—2025-01-31 之间 至 2026-01-14—2026-01-30 之间）' });
  });

  it('Kleene: a false condition decides inside the uncertain range (不适用, nothing missing); an unknown one stays unknown', () => {
    const away = dec('2026-01-20', { 家庭: { 户籍: '外县', 已登记: false } });
    expect(away.状态).toBe('不适用');
    expect(away.缺少).toBeUndefined();
    const unknown = dec('2026-01-20', { 家庭: { 已登记: false } });
    expect(unknown.状态).toBe('存疑');
    expect(unknown.缺少).toEqual(['家庭.户籍', WHY]);
  });

  it('a certain end and an uncertain one (2025年6月1日 至 施行日 + 18个月); an exception that may not be in force overrides nothing for certain', () => {
    const reg = { 家庭: { 户籍: '本县', 已登记: true } };
    expect(dec('2025-05-31', reg)).toMatchObject({ 状态: '适用', 结果: { 补贴金额: { 值: '100.00' } } });
    expect(dec('2025-06-01', reg)).toMatchObject({ 状态: '适用', 结果: { 补贴金额: { 值: '150.00' } } });
    expect(dec('2026-07-15', reg)).toMatchObject({ 状态: '适用', 结果: { 补贴金额: { 值: '150.00' } } });
    expect(dec('2026-07-16', reg).状态).toBe('存疑');
    expect(dec('2026-07-31', reg).状态).toBe('存疑');
    expect(dec('2026-08-01', reg).状态).toBe('不适用');
  });

  it('a clamped start: 施行日 + 1个月 is 2025-02-15 … 2025-02-28', () => {
    const reg = { 家庭: { 已登记: true } };
    expect(dec('2025-02-14', reg, '登记凭证').状态).toBe('不适用');
    expect(dec('2025-02-15', reg, '登记凭证').状态).toBe('存疑');
    expect(dec('2025-02-27', reg, '登记凭证').状态).toBe('存疑');
    expect(dec('2025-02-28', reg, '登记凭证').状态).toBe('适用');
    expect(dec('2026-02-14', reg, '登记凭证').状态).toBe('适用');
    expect(dec('2026-02-15', reg, '登记凭证').状态).toBe('存疑');
    expect(dec('2026-02-28', reg, '登记凭证').状态).toBe('不适用');
  });
});

/** The generated TypeScript evaluator of the fixture, compiled in-process. */
function generated(): TsEvaluator {
  const src = emitTypeScript(ir).get('index.ts')!;
  const js = ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: Record<string, unknown> = {};
  new Function('exports', 'module', 'require', js)(exports, { exports }, () => { throw new Error('the generated module imports nothing'); });
  return exports as unknown as TsEvaluator;
}

/** Every boundary date: the ends of the 施行日 range and of each rule's validity (ranges), ±1 day. */
function boundaryDates(): string[] {
  const days = new Set<number>();
  const p = ir.policy.effectiveRange!;
  for (const d of [p.lo, p.hi]) days.add(d);
  for (const m of ir.measures) for (const r of m.rules) {
    for (const d of [r.validFrom, r.validTo]) if (d !== undefined) days.add(d);
    for (const x of [r.validFromRange, r.validToRange]) if (x) { days.add(x.lo); days.add(x.hi); }
  }
  return [...new Set([...days].flatMap((d) => [d - 1, d, d + 1]))].sort((x, y) => x - y).map(iso);
}

describe('有效期 counted from an uncertain 施行日: interpreter = generated evaluator = DuckDB = PostgreSQL', () => {
  it('every boundary date × every combination of known and unknown facts, row by row', async () => {
    const dates = boundaryDates();
    expect(dates).toContain('2026-01-15'); // a + N
    expect(dates).toContain('2026-01-31'); // b + N
    const facts: unknown[] = [];
    for (const 户籍 of ['本县', '外县', undefined]) for (const 已登记 of [true, false, undefined]) {
      facts.push({ 家庭: { ...(户籍 !== undefined ? { 户籍 } : {}), ...(已登记 !== undefined ? { 已登记 } : {}) } });
    }
    facts.push({ 家庭: '不存在' });
    const scenarios = (): Scenario[] => dates.map((date) => ({ date, events: [], facts }));
    const engines = await sqlEngines('差分测试');
    try {
      for (const e of engines) await loadPolicy(e, ir);
      const res = await compare(engines, ir, scenarios, generated(), facts.length, 3);
      for (const [name, ms] of res.mismatches) {
        if (ms.length) console.error(`${name} disagrees:\n${JSON.stringify(ms, null, 1).slice(0, 8000)}`);
        expect({ comparison: name, mismatches: ms.map((m) => `${m.what}: ${m.date} case ${m.caseIndex}`) }).toEqual({ comparison: name, mismatches: [] });
      }
      const n = dates.length * facts.length;
      expect(res.compared['interpreter']).toBe(n);
      expect(res.compared['generated']).toBe(n);
      expect(res.compared['generated-full']).toBe(n);
      for (const e of engines) expect({ engine: e.name, compared: res.compared[e.name] }).toEqual({ engine: e.name, compared: n });
      for (const s of ['未生效', '适用', '存疑', '不适用']) expect({ status: s, rows: res.statuses.get(s) ?? 0 }).not.toEqual({ status: s, rows: 0 });
    } finally {
      for (const e of engines) await e.close();
    }
  }, 600_000);
});
