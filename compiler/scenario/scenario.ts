/**
 * YAML scenario tests (OpenFisca-style): parse with a strict schema, run against the
 * interpreter (and optionally a generated evaluator), compare with the expectation.
 * Input: scenario YAML files + lowered policies. Output: per-scenario results and
 * diagnostics (ZC11xx) with file:line:col of the offending key.
 *
 * File format (grammar/README.md §12):
 *   政策: luanchuan                 # policy id (or directory)
 *   场景:
 *     - 名称: 三孩家庭获生育补助
 *       日期: 2024-06-01
 *       事件: []                    # optional, default none
 *       事实: { 家庭: { 子女数: 3 } }
 *       期望:
 *         生育补助:
 *           状态: 适用
 *           结果: { 补助金额: "1000.00" }   # listed outcomes only; {} = none
 *           可领取: 存疑               # optional: the claimable status (main text joined with 申请条件)
 *           申请: 适用                 # optional: the status of the application conditions
 *           缺少: [施行日（…）]          # optional: facts a 存疑 decision must name (a subset of 缺少)
 *       # or, for invalid input:  期望错误: [事实.家庭.子女数]   (paths that must be reported;
 *       #                          ZC0805 for a working-day calendar that does not cover a year)
 * INVARIANT: an unknown key anywhere is an error with its place — never ignored.
 */
import { parseDocument, isMap, isSeq, isScalar, type Node as YNode, type YAMLMap } from 'yaml';
import { SourceFile, type Span } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { clampSpan, fullWidthHints, yamlMessage } from '../diagnostics/yaml.js';
import { parseDate } from '../common/calendar.js';
import { suggest } from '../common/suggest.js';
import type { LoweredPolicy } from '../project/policies.js';
import { findPolicy } from '../project/policies.js';
import { evaluate } from '../interpret/interpreter.js';
import { InputError, CalendarCoverageError, type Decisions } from '../interpret/decision.js';

export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly span: Span;
  readonly policy: string;
  /** Where the file names its 政策 (the value of its top-level “政策” key). */
  readonly policySpan: Span;
  readonly date: string;
  readonly events: unknown[];
  readonly facts: unknown;
  readonly expect?: Record<string, { 状态?: string; 结果?: Record<string, unknown>; 可领取?: string; 申请?: string; 缺少?: string[]; span: Span }>;
  readonly expectErrors?: string[];
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly passed: boolean;
  readonly problems: string[];
  readonly decisions?: Decisions;
}

const STATUSES = ['适用', '不适用', '未生效', '已废止', '存疑'];

function spanOf(file: SourceFile, n: YNode | null | undefined): Span {
  const r = n?.range;
  return r ? file.span(r[0], r[1]) : file.span(0, 0);
}

function keysOf(file: SourceFile, m: YAMLMap, allowed: readonly string[], where: string, out: Diagnostic[]): Map<string, YNode | null> {
  const res = new Map<string, YNode | null>();
  for (const it of m.items) {
    const k = isScalar(it.key) ? String(it.key.value) : '';
    if (!allowed.includes(k)) {
      out.push(diag('ZC1102', spanOf(file, it.key as YNode), `${where}中有未知的键“${k}”`, { help: `可用的键：${allowed.join('、')}` }));
      continue;
    }
    res.set(k, it.value as YNode | null);
  }
  return res;
}

/** Parse one scenario file with its strict schema. */
export function parseScenarios(file: SourceFile): { scenarios: Scenario[]; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const scenarios: Scenario[] = [];
  const doc = parseDocument(file.text, { uniqueKeys: true, prettyErrors: false });
  for (const e of [...doc.errors, ...doc.warnings]) {
    const m = yamlMessage(e, file.text);
    out.push(diag('ZC1101', clampSpan(file, e.pos[0], e.pos[1]), `场景文件不是有效的 YAML：${m.message}`, { help: m.help }));
  }
  if (out.length) return { scenarios, diagnostics: out };
  try {
    doc.toJS({ maxAliasCount: 100 });
  } catch {
    out.push(diag('ZC1101', file.span(0, 0), '场景文件不是有效的 YAML：别名展开过多（疑似恶意构造的文件）', { help: '不要用 &锚点 / *别名 层层复制内容，直接写出' }));
    return { scenarios, diagnostics: out };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    out.push(diag('ZC1101', spanOf(file, root), '场景文件的顶层应为映射：政策、场景'));
    return { scenarios, diagnostics: out };
  }
  const top = keysOf(file, root, ['政策', '场景'], '场景文件', out);
  const policyNode = top.get('政策');
  const policy = isScalar(policyNode) ? String(policyNode.value) : '';
  if (!policy) out.push(diag('ZC1101', spanOf(file, policyNode ?? root), '场景文件须写明“政策”'));
  const list = top.get('场景');
  if (!isSeq(list)) {
    out.push(diag('ZC1101', spanOf(file, list ?? root), '“场景”应为列表'));
    return { scenarios, diagnostics: out };
  }
  for (const item of list.items as YNode[]) {
    if (!isMap(item)) {
      out.push(diag('ZC1101', spanOf(file, item), '每个场景应为映射：名称、日期、事件、事实、期望'));
      continue;
    }
    const k = keysOf(file, item, ['名称', '日期', '事件', '事实', '期望', '期望错误', '说明'], '场景', out);
    const name = isScalar(k.get('名称')) ? String((k.get('名称') as { value: unknown }).value) : '';
    const dateN = k.get('日期');
    const date = isScalar(dateN) ? String(dateN.source ?? dateN.value) : '';
    if (!name) out.push(diag('ZC1101', spanOf(file, item), '场景缺少“名称”'));
    if (!date) out.push(diag('ZC1101', spanOf(file, item), `场景“${name}”缺少“日期”`));
    else out.push(...dateProblems(file, dateN!, name, date));
    const factsN = k.get('事实');
    const facts = factsN ? factsN.toJSON() : {};
    const eventsN = k.get('事件');
    const events = eventsN ? (eventsN.toJSON() as unknown) : [];
    let expect: Scenario['expect'];
    const expN = k.get('期望');
    if (expN !== undefined) {
      if (!isMap(expN)) out.push(diag('ZC1101', spanOf(file, expN), '“期望”应为映射：措施 → {状态, 结果}'));
      else {
        expect = {};
        for (const mi of expN.items) {
          const mname = isScalar(mi.key) ? String(mi.key.value) : '';
          const body = mi.value as YNode | null;
          if (!isMap(body)) {
            out.push(diag('ZC1101', spanOf(file, body ?? (mi.key as YNode)), `措施“${mname}”的期望应为映射：状态、结果`));
            continue;
          }
          const mk = keysOf(file, body, ['状态', '结果', '可领取', '申请', '缺少'], `措施“${mname}”的期望`, out);
          const statusOf = (key: string): string | undefined => {
            const st = mk.get(key);
            const v = isScalar(st) ? String(st.value) : undefined;
            if (v !== undefined && !STATUSES.includes(v)) out.push(diag('ZC1101', spanOf(file, st), `“${key}”应为 ${STATUSES.join('、')} 之一，这里是“${v}”`));
            return v;
          };
          const status = statusOf('状态');
          const claim = statusOf('可领取');
          const app = statusOf('申请');
          const res = mk.get('结果');
          if (res !== undefined && !isMap(res)) out.push(diag('ZC1101', spanOf(file, res), '“结果”应为映射：结果名 → 值'));
          const miss = mk.get('缺少');
          if (miss !== undefined && !isSeq(miss)) out.push(diag('ZC1101', spanOf(file, miss), '“缺少”应为列表：存疑决定必须指出的事实'));
          expect[mname] = {
            span: spanOf(file, mi.key as YNode), ...(status ? { 状态: status } : {}), ...(res && isMap(res) ? { 结果: res.toJSON() as Record<string, unknown> } : {}),
            ...(claim ? { 可领取: claim } : {}), ...(app ? { 申请: app } : {}), ...(miss && isSeq(miss) ? { 缺少: (miss.toJSON() as unknown[]).map(String) } : {}),
          };
        }
      }
    }
    const errN = k.get('期望错误');
    let expectErrors: string[] | undefined;
    if (errN !== undefined) {
      if (!isSeq(errN)) out.push(diag('ZC1101', spanOf(file, errN), '“期望错误”应为路径列表，例如 [事实.家庭.子女数]'));
      else expectErrors = (errN.toJSON() as unknown[]).map(String);
    }
    if (!expect && !expectErrors) out.push(diag('ZC1101', spanOf(file, item), `场景“${name}”须写“期望”或“期望错误”`));
    scenarios.push({
      file: file.path, name, span: spanOf(file, item), policy, policySpan: spanOf(file, policyNode ?? root), date, events: Array.isArray(events) ? events : [], facts,
      ...(expect ? { expect } : {}), ...(expectErrors ? { expectErrors } : {}),
    });
  }
  // a key followed by a full-width colon (子女数：3) is no key to YAML: say so at the character
  out.push(...fullWidthHints(file, 'ZC1101'));
  return { scenarios, diagnostics: out };
}

/**
 * A scenario's 日期 that is not a day written YYYY-MM-DD: invalid (2023-02-29, with why), or a
 * day written another way (2024年6月1日 → 改为 2024-06-01, with the fix).
 */
function dateProblems(file: SourceFile, node: YNode, name: string, date: string): Diagnostic[] {
  const span = spanOf(file, node);
  const d = parseDate(date);
  if (!d.ok) return [diag('ZC1101', span, `场景“${name}”的“日期”无效：${d.message}`, d.help ? { help: d.help } : {})];
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  const two = (n: number) => String(n).padStart(2, '0');
  const iso = `${String(d.value.y).padStart(4, '0')}-${two(d.value.m)}-${two(d.value.d)}`;
  return [diag('ZC1101', span, `场景“${name}”的“日期”应为 YYYY-MM-DD，这里是“${date}”`, { help: `改为 ${iso}`, fixes: [{ title: `改为 ${iso}`, edits: [{ span, newText: iso }] }] })];
}

/** Normalise an expected value for comparison with an OutcomeValue.值. */
function sameValue(expected: unknown, actual: unknown, unit: string): boolean {
  if (unit === '元') {
    const e = typeof expected === 'number' ? expected.toFixed(2) : String(expected).replace(/元$/, '');
    const n = /^\d+(\.\d{1,2})?$/.test(e) ? (Number(e.split('.')[0]) * 100 + Number(((e.split('.')[1] ?? '') + '00').slice(0, 2))) : NaN;
    return n === Math.round(Number(String(actual)) * 100) || `${e}` === String(actual);
  }
  if (typeof actual === 'number') return Number(String(expected).replace(new RegExp(`${unit}$`), '')) === actual;
  return String(expected) === String(actual);
}

/** Run one scenario against a policy (and a second evaluator if given). */
export function runScenario(s: Scenario, policies: readonly LoweredPolicy[], generated?: (facts: unknown, date: string, events: unknown[]) => Decisions): ScenarioResult {
  const lp = findPolicy(policies, s.policy);
  if (!lp) return { scenario: s, passed: false, problems: [`找不到政策“${s.policy}”`] };
  const problems: string[] = [];
  let decisions: Decisions | undefined;
  try {
    decisions = evaluate(lp.ir, s.facts, s.date, s.events);
  } catch (e) {
    if (e instanceof CalendarCoverageError) {
      if (s.expectErrors?.includes('ZC0805')) return { scenario: s, passed: true, problems: [] };
      return { scenario: s, passed: false, problems: [`求值失败（ZC0805）：${e.message}`] };
    }
    if (!(e instanceof InputError)) throw e;
    if (!s.expectErrors) return { scenario: s, passed: false, problems: [`输入被拒绝：${e.message}`] };
    const paths = e.problems.map((p) => p.路径);
    for (const want of s.expectErrors) if (!paths.includes(want)) problems.push(`期望报告“${want}”的错误，实际报告：${paths.join('、')}`);
    return { scenario: s, passed: problems.length === 0, problems };
  }
  if (s.expectErrors) return { scenario: s, passed: false, problems: ['期望输入被拒绝，但求值成功'], decisions };
  for (const [mname, exp] of Object.entries(s.expect ?? {})) {
    const d = decisions.决定.find((x) => x.措施 === mname);
    if (!d) {
      const names = decisions.决定.map((x) => x.措施);
      const near = suggest(mname, names);
      problems.push(`没有措施“${mname}”${near ? `，是否想写“${near}”？` : ''}（可用：${names.join('、')}）`);
      continue;
    }
    if (exp.状态 && d.状态 !== exp.状态) problems.push(`${mname}：状态期望“${exp.状态}”，实际“${d.状态}”（${d.理由.join('；')}）`);
    if (exp.可领取 && d.可领取?.状态 !== exp.可领取) problems.push(`${mname}：可领取期望“${exp.可领取}”，实际“${d.可领取?.状态 ?? '（该措施没有申请条件）'}”`);
    if (exp.申请 && d.申请?.状态 !== exp.申请) problems.push(`${mname}：申请条件期望“${exp.申请}”，实际“${d.申请?.状态 ?? '（该措施没有申请条件）'}”`);
    for (const want of exp.缺少 ?? []) if (!(d.缺少 ?? []).includes(want)) problems.push(`${mname}：期望指出缺少“${want}”，实际缺少：${(d.缺少 ?? []).join('、') || '（无）'}`);
    if (exp.结果) {
      const m = lp.ir.measures.find((x) => x.name === mname)!;
      for (const [oname, want] of Object.entries(exp.结果)) {
        if (!m.outcomes.some((o) => o.name === oname)) {
          problems.push(`${mname}：没有结果“${oname}”`);
          continue;
        }
        const got = d.结果[oname];
        if (!got) problems.push(`${mname}：期望 ${oname} = ${String(want)}，实际没有该结果`);
        // a date's 单位 is the type name 日期, not a unit: “2024-05-17”, never “2024-05-17日期”
        else if (!sameValue(want, got.值, got.单位)) problems.push(`${mname}：期望 ${oname} = ${String(want)}，实际 ${String(got.值)}${got.单位 === '日期' ? '' : got.单位}`);
      }
      for (const oname of Object.keys(d.结果)) if (!(oname in exp.结果)) problems.push(`${mname}：未期望的结果 ${oname} = ${String(d.结果[oname]!.值)}`);
    }
  }
  if (generated) {
    try {
      const g = generated(s.facts, s.date, s.events);
      if (JSON.stringify(g) !== JSON.stringify(decisions)) problems.push('生成的求值器与解释器结果不同');
    } catch (e) {
      problems.push(`生成的求值器出错：${(e as Error).message}`);
    }
  }
  return { scenario: s, passed: problems.length === 0, problems, decisions };
}
