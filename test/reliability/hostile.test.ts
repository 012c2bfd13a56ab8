/**
 * Reliability suite (issue 14): hostile strings, generated on every run — control
 * characters (ESC sequences, BEL, NUL, DEL, C1), bidi overrides and isolates, zero-width
 * and other invisible characters, line/paragraph separators, lone surrogates, emoji and
 * CJK — through every text renderer and through the CLI:
 *  - terminalSafe: nothing a terminal acts on survives; idempotent; safe text unchanged;
 *  - the diagnostics renderer, verify's text/JSON/SARIF reports, with hostile messages,
 *    names, witness values, paths: no raw control character; JSON parses back to the
 *    same strings;
 *  - `zhengce eval` with hostile keys (stderr) and hostile event titles (stdout JSON),
 *    `zhengce test` with hostile scenario names: no raw control character, JSON exact.
 * Seeded: ZC_SEED overrides the seed (fast-check prints it on failure); FC_RUNS the count.
 */
import fc from 'fast-check';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SourceFile } from '../../compiler/common/source.js';
import { renderDiagnosticsJson, renderDiagnosticsText, terminalSafe } from '../../compiler/diagnostics/render.js';
import { renderVerifyJson, renderVerifyText } from '../../compiler/verify/report-text.js';
import { renderVerifySarif } from '../../compiler/verify/report-sarif.js';
import { escapeJsonUnsafe } from '../../compiler/diagnostics/render.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import type { VerifyReport } from '../../compiler/verify/finding.js';
import { REPO_DIR } from '../helpers/golden.js';
import { RAW_CONTROL, runMain } from '../helpers/cli.js';
import { SEED } from '../helpers/seed.js';

// the seed comes from test/helpers/seed.ts (ZC_SEED overrides; fast-check is configured with it globally)
const RUNS = Number(process.env['FC_RUNS'] ?? 300);

/** Characters a terminal or a bidi algorithm acts on, and other invisible ones. */
const NASTY = [
  '\u001b', '\u001b[2J', '\u001b[32m', '\u001b]0;title\u0007', '\u0007', '\u0000', '\u0008', '\r', '\t', '\u000b', '\u000c', '\u007f', '\u0085', '\u009b',
  '\u200b', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029',
  '\ufeff', '\ufff9', '\ud800', '\udfff', '\u{e0001}', '\u{1d173}', '😀', '👨\u200d👩', '𠀀', '甲', 'a', ' ', '\n',
];
const hostile = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NASTY) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 12 }).map((xs) => xs.join(''));
/** The same, without line breaks (names, keys). */
const hostileLine = hostile.map((s) => s.replace(/[\n\r\u2028\u2029]/g, ''));

describe('terminalSafe and the renderers', () => {
  it('terminalSafe: no raw control character survives; idempotent; line breaks kept; safe text unchanged', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const t = terminalSafe(s);
        expect(t).not.toMatch(RAW_CONTROL);
        expect(terminalSafe(t)).toBe(t);
        expect(t.split('\n').length).toBe(s.split('\n').length);
        if (!/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u.test(s.replace(/\n/g, ''))) expect(t).toBe(s);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('diagnostics (text and JSON): hostile messages, help, fixes, related messages and file names', () => {
    fc.assert(
      fc.property(hostile, hostile, hostileLine, hostile, (message, help, path, text) => {
        const file = new SourceFile(path, text);
        const d: Diagnostic = {
          code: 'ZC0101', severity: 'error', message, span: { file: path, start: 0, end: text.length }, help,
          related: [{ span: { file: path, start: 0, end: 0 }, message }], fixes: [{ title: message, edits: [] }],
        };
        const files = new Map([[path, file]]);
        expect(renderDiagnosticsText([d], files)).not.toMatch(RAW_CONTROL);
        const json = renderDiagnosticsJson([d], files);
        expect(json).not.toMatch(RAW_CONTROL);
        expect((JSON.parse(json) as { diagnostics: { message: string }[] }).diagnostics[0]!.message).toBe(message);
      }),
      { numRuns: RUNS },
    );
  });

  it('verify reports (text, JSON, SARIF): hostile messages, names, sides, witnesses, acceptance', () => {
    fc.assert(
      fc.property(hostile, hostileLine, hostileLine, hostile, (message, name, value, accepted) => {
        const report = reportOf(message, name, value, accepted);
        // no value can forge report lines: the line count is that of a report with plain values
        expect(renderVerifyText(report, new Map(), '/').split('\n').length).toBe(renderVerifyText(reportOf('x', 'x', 'x', accepted ? 'x' : ''), new Map(), '/').split('\n').length);
        expect(renderVerifyText(report, new Map(), '/')).not.toMatch(RAW_CONTROL);
        const json = renderVerifyJson(report, new Map(), '/');
        expect(json).not.toMatch(RAW_CONTROL);
        expect((JSON.parse(json) as { findings: { message: string }[] }).findings[0]!.message).toBe(message);
        const sarif = escapeJsonUnsafe(renderVerifySarif(report, new Map(), '/'));
        expect(sarif).not.toMatch(RAW_CONTROL);
        expect(() => JSON.parse(sarif)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});

/** A one-finding report carrying hostile strings everywhere text is shown. */
function reportOf(message: string, name: string, value: string, accepted: string): VerifyReport {
  return {
    policies: [{ id: name, name, root: `/tmp/${name}.zc`, stats: { smtQueries: 1, smtMs: 1, smtQueryMs: [1], pbtCases: 0, pbtMs: 0, staticMs: 0 } }],
    findings: [{
      code: 'ZC0908', severity: 'error', message, policy: name, span: { file: `/tmp/${name}.zc`, start: 0, end: 0 },
      related: [{ span: { file: `/tmp/${name}.zc`, start: 0, end: 0 }, message }], clauses: [{ anchor: name, label: name }], subject: name,
      witness: { facts: { [name]: { [value]: value } }, date: '2024-06-01', event: { 日期: '2024-01-01', 级别: '国家', 类别: value, 标题: message } },
      sides: [{ measure: name, rule: value, clause: name, yields: message }], engine: 'smt', proof: 'refuted', replay: { interpreter: 'confirmed' },
      accepted, fingerprint: 'f',
    }],
  };
}

describe('hostile strings through the CLI', () => {
  let tmp: string;
  let dir: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'zhengce-rel-hostile-'));
    dir = join(tmp, 'policies');
    mkdirSync(dir, { recursive: true });
    cpSync(join(REPO_DIR, 'policies', 'sample'), join(dir, 'sample'), { recursive: true });
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('eval: hostile keys (stderr) and hostile event titles (stdout JSON, exact)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileLine, hostile, async (key, title) => {
        const ev = join(tmp, `ev-${n}.yaml`);
        const cs = join(tmp, `case-${n++}.yaml`);
        writeFileSync(ev, stringify([{ 日期: '2024-04-01', 级别: '省', 类别: '生育支持政策', 标题: title }]));
        writeFileSync(cs, stringify({ 事实: { 家庭: { 子女数: 3, ...(key ? { [key]: 1 } : {}) } } }));
        const r = await runMain(['eval', '--paths', dir, '--events', ev, '--date', '2024-06-01', cs], tmp);
        expect(r.code).not.toBe(70);
        expect(r.err).not.toMatch(RAW_CONTROL);
        expect(r.out).not.toMatch(RAW_CONTROL);
        if (r.code === 0) {
          // a hostile key that happens to be a field name cannot occur (fields are Chinese words); the title comes back exactly
          expect((JSON.parse(r.out) as { 废止: { 事件: { 标题: string } } }).废止.事件.标题).toBe(title);
        } else {
          expect(r.code).toBe(1);
          expect(r.err).toMatch(/错误\[ZC\d{4}\]/);
        }
      }),
      { numRuns: Math.max(20, RUNS / 5) },
    );
  }, 300_000);

  it('test: hostile scenario names and expectations', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileLine, hostileLine, async (name, measure) => {
        const file = join(dir, 'sample', 'scenarios', `hostile-${n++}.yaml`);
        writeFileSync(file, stringify({ 政策: 'sample', 场景: [{ 名称: name || '空', 日期: '2024-06-01', 事实: { 家庭: { 子女数: 1 } }, 期望: { [measure || '生育补助']: { 状态: '适用' } } }] }));
        const r = await runMain(['test', '--policies', dir, file], tmp);
        rmSync(file);
        expect(r.code).toBe(1);
        expect(r.out).not.toMatch(RAW_CONTROL);
        expect(r.err).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: Math.max(20, RUNS / 10) },
    );
  }, 300_000);
});
