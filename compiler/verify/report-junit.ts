/**
 * JUnit XML report of verification findings (for CI test dashboards), plus the
 * plain-text pieces of a finding that the HTML report shares.
 * Input: VerifyReport + SourceFiles + cwd (+ an optional fail level). Output: one
 * `<testsuites>` document.
 *
 * Layout:
 * - one `<testsuite>` per policy (name “名称（id）”, time = static + SMT + PBT seconds,
 *   `<properties>` with the policy's stats), in report order;
 * - in each, one `<testcase>` “核查已完成” (the run itself, with its statistics), then
 *   one `<testcase>` per finding: classname = policy id + "." + the first clause's
 *   anchor (the policy id alone when the finding has no clause), name = code + " " +
 *   subject;
 * - an unaccepted finding whose severity reaches the fail level (default error: only
 *   errors) → `<failure message=… type=ZC09xx>` with location, clause, witness, sides
 *   and replay as text; the same for an undecided solver query (proof "unknown") or an
 *   engine disagreement (ZC0916), but as `<error>`: the check itself did not conclude;
 * - below the fail level, what still makes `zhengce verify` exit 1 is never a passing testcase: an
 *   undecided query (ZC0915) without `--allow-unknown` and a bounded proof (ZC0919) without
 *   `--allow-bounded` → `<error>` (the check did not conclude); allowed, they are `<skipped>` (still
 *   not a pass — CI sees the same verdict as the exit code);
 * - everything else (accepted findings, findings below the fail level, proved
 *   properties — ZC0909 passes at every fail level) → a passing testcase whose `<system-out>` carries the same details.
 * Counts tests/failures/errors/skipped on every suite and on the root are exact.
 *
 * Escaping: text is made safe first (control, format, bidi and other invisible
 * characters become `<U+XXXX>`, like the terminal renderer, so no character illegal in
 * XML 1.0 — nor a lone surrogate, U+FFFE, U+FFFF — ever reaches the output), then
 * XML-escaped (& < > in text; & < > " ' in attributes). `]]>` cannot occur raw since
 * `>` is always escaped. Deterministic: no timestamps, no host name.
 */
import * as nodePath from 'node:path';
import type { SourceFile } from '../common/source.js';
import { CATALOG } from '../diagnostics/catalog.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import { positionOf, toDisplayText } from '../diagnostics/render.js';
import { UNTIMED_NOTE, type Finding, type PolicyStats, type VerifyReport } from './finding.js';

/** Minimum severity that fails (same words as `--fail-level`). */
export type JunitFailLevel = 'error' | 'warning' | 'note';

// ─── plain-text pieces of a finding (shared with the HTML report) ───────────

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '信息', hint: '提示' };

/** One line of text with every unsafe (control, invisible, bidi, non-XML) character shown as `<U+XXXX>`. */
export function safeText(s: string): string {
  return toDisplayText(String(s)).replace(/[\uFFFE\uFFFF]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}

/** File path relative to cwd (when inside it), `/`-separated. */
export function shownPath(file: string, cwd: string): string {
  if (!file) return '';
  let shown = file;
  if (nodePath.isAbsolute(file)) {
    const rel = nodePath.relative(cwd, file);
    const climbs = rel === '..' || rel.startsWith(`..${nodePath.sep}`) || nodePath.isAbsolute(rel);
    if (rel !== '' && !climbs) shown = rel;
  }
  return shown.split(nodePath.sep).join('/');
}

/** `path:line:column` (1-based, code-point column — as in the text report). */
export function locationText(span: { file: string; start: number }, files: ReadonlyMap<string, SourceFile>, cwd: string): string {
  const rel = shownPath(span.file, cwd);
  const sf = files.get(span.file);
  if (!sf) return rel || '（无位置）';
  const p = positionOf(sf, span.start);
  return `${rel}:${p.line}:${p.column}`;
}

/** A witness value as shown to a person. */
export function valueText(v: unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return '（无）';
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  } catch {
    return String(v);
  }
}

/** The facts as [path, value] rows: nested records by field (家庭.配偶.户籍), list elements by index (家庭.子女[0].出生日期). */
export function factRows(facts: Record<string, unknown>): [string, string][] {
  const rows: [string, string][] = [];
  const walk = (path: string, v: unknown, top: boolean): void => {
    if (Array.isArray(v)) {
      if (!v.length) rows.push([path, '（空列表）']);
      v.forEach((x, i) => walk(`${path}[${i}]`, x, false));
      return;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      if (!entries.length) rows.push([path, top ? '（存在，无字段）' : '（无字段）']);
      for (const [k, x] of entries) walk(`${path}.${k}`, x, false);
      return;
    }
    rows.push([path, valueText(v)]);
  };
  for (const [e, rec] of Object.entries(facts)) walk(e, rec ?? {}, true);
  return rows;
}

/** The witness as [name, value] rows: evaluation date, every fact, the event, the values of uncertain dates. */
export function witnessRows(f: Finding): [string, string][] {
  const w = f.witness;
  if (!w) return [];
  const rows: [string, string][] = [['评估日期', w.date], ...factRows(w.facts)];
  if (w.event) {
    const ev = w.event;
    rows.push(['事件', [ev.日期, ev.级别, ev.类别, ev.标题, ev.文号 ? `（${ev.文号}）` : ''].filter((x) => x).join(' ')]);
  }
  for (const d of w.dates ?? []) rows.push([d.name, `${d.value}${d.value2 !== undefined ? ` 或 ${d.value2}` : ''}（可能范围 ${d.from} 至 ${d.to}）`]);
  return rows;
}

export function proofText(p: Finding['proof']): string {
  return p === 'proved' ? '已证明' : p === 'refuted' ? '有反例' : p === 'unknown' ? '未判定' : p === 'bounded' ? '有界证明（不算通过）' : '';
}

export function engineText(f: Finding): string {
  const name = f.engine === 'smt' ? 'SMT 求解器' : f.engine === 'pbt' ? '性质测试' : '静态检查';
  return f.proof ? `${name}（${proofText(f.proof)}）` : name;
}

export function replayText(r: Finding['replay']): string {
  if (!r) return '';
  const g = r.generated === undefined ? '' : `，生成的求值器${r.generated === 'confirmed' ? '已复现' : r.generated === 'differs' ? '结果不同' : r.generated === 'unavailable' ? '未参与' : '未复现'}`;
  return `解释器${r.interpreter === 'confirmed' ? '已复现' : '未复现'}${g}${r.note ? `（${r.note}）` : ''}`;
}

/** Who a side is: “措施·规则（条款）”. */
export function sideName(s: NonNullable<Finding['sides']>[number]): string {
  const who = s.measure ? `${s.measure}${s.rule ? `·${s.rule}` : ''}` : '断言';
  return s.clause ? `${who}（${s.clause}）` : who;
}

/** Catalog title of a code (the code itself for a code the catalog does not know). */
export function titleOf(code: string): string {
  return (CATALOG as Record<string, { title: string } | undefined>)[code]?.title ?? code;
}

export function clauseText(c: { anchor: string; label: string }): string {
  return `${c.label}（${c.anchor}）`;
}

/** SMT query time percentile (nearest rank on the sorted times), or undefined when there were none. */
export function percentile(ms: readonly number[], q: number): number | undefined {
  if (!ms.length) return undefined;
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
}

/** Every detail of a finding as safe plain-text lines (used in failure bodies and system-out). */
export function detailLines(f: Finding, files: ReadonlyMap<string, SourceFile>, cwd: string): string[] {
  const out: string[] = [];
  out.push(`${SEVERITY_ZH[f.severity]}[${f.code}] ${safeText(f.message)}`);
  out.push(`规则：${f.code} ${titleOf(f.code)}`);
  out.push(`位置：${safeText(locationText(f.span, files, cwd))}`);
  if (f.clauses.length) out.push(`条款：${f.clauses.map((c) => safeText(clauseText(c))).join('、')}`);
  out.push(`引擎：${engineText(f)}`);
  for (const x of f.related) out.push(`相关：${safeText(x.message)}（${safeText(locationText(x.span, files, cwd))}）`);
  const rows = witnessRows(f);
  if (rows.length) {
    out.push('反例：');
    for (const [k, v] of rows) out.push(`  ${safeText(k)} = ${safeText(v)}`);
  }
  if (f.sides?.length) {
    out.push('各方结论：');
    for (const s of f.sides) out.push(`  ${safeText(sideName(s))}：${safeText(s.yields)}`);
  }
  if (f.replay) out.push(`复现：${replayText(f.replay)}`);
  if (f.accepted) out.push(`已接受，理由：${safeText(f.accepted)}`);
  out.push(`指纹：${safeText(f.fingerprint)}`);
  return out;
}

// ─── XML ────────────────────────────────────────────────────────────────────

/** Escape safe text for XML character data. */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape safe text for a double-quoted XML attribute. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(safeText(String(v)))}"`)
    .join('');
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const FAIL_MIN: Record<JunitFailLevel, number> = { error: 3, warning: 2, note: 1 };

type Outcome = 'failure' | 'error' | 'skipped' | 'pass';

/** What `zhengce verify` lets pass: `--allow-unknown` (ZC0915), `--allow-bounded` (ZC0919). */
export interface JunitAllow {
  readonly unknown?: boolean;
  readonly bounded?: boolean;
}

/**
 * How one finding shows in JUnit at a fail level, given what the run allows.
 * INVARIANT: a finding that makes `zhengce verify` exit 1 (verifyExitCode) is a `<failure>` or `<error>`.
 */
export function junitOutcome(f: Finding, failLevel: JunitFailLevel = 'error', allow: JunitAllow = {}): Outcome {
  if (f.accepted || f.code === 'ZC0909') return 'pass'; // a proved property is a passing check at any level
  const unknown = f.proof === 'unknown' || f.code === 'ZC0915';
  const bounded = f.code === 'ZC0919';
  const undecided = unknown || bounded || f.code === 'ZC0916';
  if (RANK[f.severity] >= FAIL_MIN[failLevel]) return undecided ? 'error' : 'failure';
  if ((f.code === 'ZC0915' && !allow.unknown) || (bounded && !allow.bounded)) return 'error';
  return unknown || bounded ? 'skipped' : 'pass';
}

function seconds(ms: number): string {
  return (Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000).toFixed(3);
}

function statsLines(s: PolicyStats): string[] {
  if (s.untimed) return [`SMT 查询 ${s.smtQueries} 次`, `性质测试 ${s.pbtCases} 例`, UNTIMED_NOTE];
  const p50 = percentile(s.smtQueryMs, 0.5);
  const p95 = percentile(s.smtQueryMs, 0.95);
  return [
    `SMT 查询 ${s.smtQueries} 次，用时 ${s.smtMs.toFixed(0)} 毫秒（单次 p50 ${p50 === undefined ? '—' : p50.toFixed(1)} 毫秒，p95 ${p95 === undefined ? '—' : p95.toFixed(1)} 毫秒）`,
    `性质测试 ${s.pbtCases} 例，用时 ${s.pbtMs.toFixed(0)} 毫秒`,
    `静态检查用时 ${s.staticMs.toFixed(0)} 毫秒`,
  ];
}

/** JUnit XML. `failLevel` (default error) decides which unaccepted findings fail; `allow` is the run's --allow-unknown / --allow-bounded. */
export function renderVerifyJunit(r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string, failLevel: JunitFailLevel = 'error', allow: JunitAllow = {}): string {
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0, untimed: false };
  const policyIds = new Set(r.policies.map((p) => p.id));
  const groups: { id: string; name: string; stats?: PolicyStats; root?: string }[] = r.policies.map((p) => ({ id: p.id, name: p.name, stats: p.stats, root: p.root }));
  // findings of a policy the report does not list still show (never silently dropped)
  for (const f of r.findings) {
    if (!policyIds.has(f.policy)) {
      policyIds.add(f.policy);
      groups.push({ id: f.policy, name: f.policy });
    }
  }
  groups.forEach((g, index) => {
    const cases: string[] = [];
    const count = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    // INVARIANT: a published (untimed) report has no time attributes at all, never a 0
    const ms = !g.stats ? 0 : g.stats.untimed ? undefined : g.stats.staticMs + g.stats.smtMs + g.stats.pbtMs;
    if (g.stats) {
      count.tests++;
      cases.push(`    <testcase${attrs({ classname: g.id, name: '核查已完成', time: ms === undefined ? undefined : seconds(ms) })}>\n      <system-out>${xmlText(statsLines(g.stats).join('\n'))}</system-out>\n    </testcase>`);
    }
    for (const f of r.findings) {
      if (f.policy !== g.id) continue;
      count.tests++;
      const classname = f.clauses[0] ? `${g.id}.${f.clauses[0].anchor}` : g.id;
      const head = `    <testcase${attrs({ classname, name: `${f.code} ${f.subject}` })}>`;
      const body = xmlText(detailLines(f, files, cwd).join('\n'));
      const outcome = junitOutcome(f, failLevel, allow);
      if (outcome === 'failure' || outcome === 'error') {
        count[outcome === 'failure' ? 'failures' : 'errors']++;
        cases.push(`${head}\n      <${outcome}${attrs({ message: f.message, type: f.code })}>${body}</${outcome}>\n    </testcase>`);
      } else if (outcome === 'skipped') {
        count.skipped++;
        cases.push(`${head}\n      <skipped${attrs({ message: `未判定（不算通过）：${f.message}` })}/>\n      <system-out>${body}</system-out>\n    </testcase>`);
      } else {
        cases.push(`${head}\n      <system-out>${body}</system-out>\n    </testcase>`);
      }
    }
    const props = g.stats?.untimed
      ? [['policy', g.id], ['root', shownPath(g.root ?? '', cwd)], ['smtQueries', String(g.stats.smtQueries)], ['pbtCases', String(g.stats.pbtCases)], ['timings', UNTIMED_NOTE]]
      : g.stats
      ? [
          ['policy', g.id], ['root', shownPath(g.root ?? '', cwd)], ['smtQueries', String(g.stats.smtQueries)], ['smtMs', g.stats.smtMs.toFixed(0)],
          ['smtP50Ms', percentile(g.stats.smtQueryMs, 0.5)?.toFixed(1) ?? ''], ['smtP95Ms', percentile(g.stats.smtQueryMs, 0.95)?.toFixed(1) ?? ''],
          ['pbtCases', String(g.stats.pbtCases)], ['pbtMs', g.stats.pbtMs.toFixed(0)], ['staticMs', g.stats.staticMs.toFixed(0)],
        ]
      : [['policy', g.id]];
    suites.push(
      `  <testsuite${attrs({ name: `${g.name}（${g.id}）`, id: index, package: g.id, tests: count.tests, failures: count.failures, errors: count.errors, skipped: count.skipped, time: ms === undefined ? undefined : seconds(ms) })}>\n` +
        `    <properties>\n${props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`).join('\n')}\n    </properties>\n` +
        (cases.length ? cases.join('\n') + '\n' : '') +
        '  </testsuite>',
    );
    total.tests += count.tests;
    total.failures += count.failures;
    total.errors += count.errors;
    total.skipped += count.skipped;
    total.ms += ms ?? 0;
    if (ms === undefined) total.untimed = true;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attrs({ name: 'ZhengCe 核查', tests: total.tests, failures: total.failures, errors: total.errors, skipped: total.skipped, time: total.untimed ? undefined : seconds(total.ms) })}>\n` +
    (suites.length ? suites.join('\n') + '\n' : '') +
    '</testsuites>\n'
  );
}
