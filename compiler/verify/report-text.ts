/**
 * Text and JSON reports of verification findings.
 * Text: Chinese, grouped by policy and clause; each witness as a small table.
 * JSON: stable, machine-readable (the same fields as Finding plus 1-based positions).
 */
import type { SourceFile } from '../common/source.js';
import { CATALOG } from '../diagnostics/catalog.js';
import { escapeJsonUnsafe, positionOf, terminalSafe, terminalSafeLine as one } from '../diagnostics/render.js';
import { UNTIMED_NOTE, type Finding, type VerifyReport } from './finding.js';
import * as nodePath from 'node:path';
import stringWidth from 'string-width';
import { documentOrder } from '../emit/docs.js';
import { proofText, replayText, witnessRows } from './report-junit.js';

const SEV: Record<string, string> = { error: '错误', warning: '警告', info: '信息', hint: '提示' };

function loc(f: Finding, files: ReadonlyMap<string, SourceFile>, cwd: string): string {
  const sf = files.get(f.span.file);
  const rel = f.span.file && nodePath.isAbsolute(f.span.file) ? nodePath.relative(cwd, f.span.file) : f.span.file;
  if (!sf) return rel;
  const p = positionOf(sf, f.span.start);
  return `${rel}:${p.line}:${p.column}`;
}

/**
 * A witness as a two-column table. The keys are padded to one display width (East Asian
 * Width: a Han character or a full-width space is 2 columns, `.` `[0]` 1 each) — full-width
 * spaces, and one ASCII space for an odd remainder — so the `│` column lines up in a
 * terminal whatever mix of Han and ASCII the keys have (家庭.子女[0].出生日期 beside 评估日期).
 */
function table(rows: [string, string][]): string[] {
  if (!rows.length) return [];
  const widths = rows.map(([k]) => stringWidth(k));
  const w = Math.max(...widths);
  return rows.map(([k, v], i) => {
    const gap = w - widths[i]!;
    return `      │ ${k}${'　'.repeat(Math.floor(gap / 2))}${gap % 2 ? ' ' : ''} │ ${v}`;
  });
}

/** Chinese text report. */
export function renderVerifyText(r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string): string {
  const lines: string[] = [];
  for (const p of r.policies) {
    const fs = r.findings.filter((f) => f.policy === p.id);
    lines.push(`══ 核查报告：${one(p.name)}（${one(p.id)}） ══`);
    // grouped by the first clause, in the HTML report's order: 全文 first, then clauses by
    // number (四（二） before 四（十一）), annexes last — never by the anchor's spelling
    const groups = new Map<string, { title: string; anchor: string; list: Finding[] }>();
    for (const f of fs) {
      const c = f.clauses[0];
      const key = c ? c.anchor : '';
      const g = groups.get(key) ?? { title: c ? one(`${c.label}（${c.anchor}）`) : '全文', anchor: key, list: [] };
      g.list.push(f);
      groups.set(key, g);
    }
    const ordered = [...groups.values()].filter((g) => !g.anchor).concat(documentOrder([...groups.values()].filter((g) => g.anchor)));
    for (const { title: clause, list } of ordered) {
      lines.push('', `── 条款 ${clause}`);
      for (const f of list) {
        const mark = f.accepted ? '［已接受］' : '';
        lines.push(`  ${SEV[f.severity]}[${f.code}]${mark} ${one(f.message)}`);
        lines.push(`    位置：${one(loc(f, files, cwd))}　规则：${CATALOG[f.code].title}　引擎：${f.engine}${f.proof ? `（${proofText(f.proof)}）` : ''}`);
        for (const rel of f.related) lines.push(`    相关：${one(rel.message)}`);
        // every cell is untrusted text (names and values from the policy or the witness)
        const rows = witnessRows(f).map(([k, v]): [string, string] => [one(k), one(v)]);
        if (rows.length) {
          lines.push('    反例：');
          lines.push(...table(rows));
        }
        for (const s of f.sides ?? []) lines.push(`    ${s.measure ? one(`${s.measure}${s.rule ? `·${s.rule}` : ''}`) : '•'}：${one(s.yields)}`);
        if (f.replay) lines.push(`    复现：${one(replayText(f.replay))}`);
        if (f.accepted) lines.push(`    接受理由：${one(f.accepted)}`);
      }
    }
    const q = [...p.stats.smtQueryMs].sort((a, b) => a - b);
    const pct = (x: number) => (q.length ? q[Math.min(q.length - 1, Math.floor(x * (q.length - 1)))]!.toFixed(1) : '—');
    if (p.stats.untimed) lines.push('', `统计：SMT 查询 ${p.stats.smtQueries} 次；性质测试 ${p.stats.pbtCases} 例（${UNTIMED_NOTE}）`);
    else lines.push('', `统计：SMT 查询 ${p.stats.smtQueries} 次，用时 ${p.stats.smtMs.toFixed(0)} 毫秒（单次 p50 ${pct(0.5)} 毫秒，p95 ${pct(0.95)} 毫秒）；性质测试 ${p.stats.pbtCases} 例，用时 ${p.stats.pbtMs.toFixed(0)} 毫秒；静态检查 ${p.stats.staticMs.toFixed(0)} 毫秒`);
    if (p.stats.lists) lines.push(`列表上限：每个列表至多 ${p.stats.lists.bound} 个元素（--list-bound）；${p.stats.lists.complete ? '前提限定了证明所涉列表的长度，证明完整' : '有的证明只对不超过上限的列表成立（见 ZC0919，不算通过）'}`);
    if (p.stats.generatedUnavailable) lines.push(`生成的求值器：未参与复现与差分测试——${one(p.stats.generatedUnavailable)}`);
    if (p.stats.pbtDiscarded) lines.push(`随机测试：${p.stats.pbtDiscarded} 例输入违反前提，已舍弃`);
    if (p.stats.pbtCalendarRefused) lines.push(`随机测试：${p.stats.pbtCalendarRefused} 例因工作日历未覆盖而拒绝求值（ZC0805，属预期）`);
    lines.push('');
  }
  const count = (s: string) => r.findings.filter((f) => f.severity === s && !f.accepted).length;
  lines.push(`共 ${r.findings.length} 项发现：${count('error')} 个错误，${count('warning')} 个警告，${count('info')} 条信息，${r.findings.filter((f) => f.accepted).length} 项已接受`);
  // INVARIANT: messages, names, witness values and paths come from policies and inputs:
  // nothing reaches the terminal raw (ESC, bidi, C1 … shown as <U+XXXX>).
  return terminalSafe(lines.join('\n')) + '\n';
}

/** Stable JSON report. */
export function renderVerifyJson(r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string): string {
  const pos = (f: Finding) => {
    const sf = files.get(f.span.file);
    return sf ? { ...positionOf(sf, f.span.start), offset: f.span.start } : { line: null, column: null, offset: f.span.start };
  };
  const out = {
    policies: r.policies.map((p) => ({
      id: p.id, name: p.name, root: nodePath.relative(cwd, p.root),
      stats: p.stats.untimed ? { smtQueries: p.stats.smtQueries, pbtCases: p.stats.pbtCases, timings: null, note: UNTIMED_NOTE } : p.stats,
    })),
    findings: r.findings.map((f) => ({
      ruleId: f.code, title: CATALOG[f.code].title, severity: f.severity, message: f.message, policy: f.policy,
      file: f.span.file && nodePath.isAbsolute(f.span.file) ? nodePath.relative(cwd, f.span.file) : f.span.file, start: pos(f),
      clauses: f.clauses, subject: f.subject, engine: f.engine, proof: f.proof ?? null, witness: f.witness ?? null, sides: f.sides ?? [],
      replay: f.replay ?? null, accepted: f.accepted ?? null, fingerprint: f.fingerprint,
      related: f.related.map((x) => ({ message: x.message, file: x.span.file, offset: x.span.start })),
    })),
    summary: {
      errors: r.findings.filter((f) => f.severity === 'error' && !f.accepted).length,
      warnings: r.findings.filter((f) => f.severity === 'warning' && !f.accepted).length,
      infos: r.findings.filter((f) => (f.severity === 'info' || f.severity === 'hint') && !f.accepted).length,
      accepted: r.findings.filter((f) => f.accepted).length,
    },
  };
  return escapeJsonUnsafe(JSON.stringify(out, null, 2));
}
