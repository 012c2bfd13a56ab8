/**
 * Verification report formats: SARIF 2.1.0, JUnit XML, HTML.
 *
 * Two reports: the real pipeline over policies/sample (with a fixed events list and
 * fixed timings, so snapshots do not move with the registry or the machine) and a
 * synthetic report that uses every field of a Finding (witness with an event, related
 * spans, several clauses, accepted rationale, replay, unknown proof, a file outside the
 * project, hostile text). Each format is snapshotted under test/verify/reports/
 * (`npx vitest run test/verify/reports.test.ts -u`, then review the diff by eye).
 *
 * SARIF is validated against the SARIF 2.1.0 JSON schema shipped by
 * @microsoft/jest-sarif (sarif-2.1.0-rtm.5.json, draft-04 → ajv-draft-04 + ajv-formats);
 * JUnit is parsed by a conforming XML 1.0 parser (saxes) and its counts checked; HTML
 * is parsed by parse5 for the escaping property; a headless Chromium screenshot lands
 * in test-output/verify-report.png.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { parse as parseHtml } from 'parse5';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceFile, type Span } from '../../compiler/common/source.js';
import { positionOf } from '../../compiler/diagnostics/render.js';
import { nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { fingerprint, type Finding, type VerifyReport } from '../../compiler/verify/finding.js';
import { renderVerifyHtml } from '../../compiler/verify/report-html.js';
import { junitOutcome, renderVerifyJunit, safeText } from '../../compiler/verify/report-junit.js';
import { buildSarif, FINGERPRINT_KEY, renderVerifySarif, verificationCodes } from '../../compiler/verify/report-sarif.js';
import { verifyPolicies } from '../../compiler/verify/verify.js';
// ajv's CommonJS modules export the class/plugin itself (module.exports = Ajv, also as .default);
// under NodeNext the typings see the module object, so the default import is typed as its .default
const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
type Files = ReadonlyMap<string, SourceFile>;
type Renderer = (r: VerifyReport, files: Files, cwd: string) => string;

// ─── the real report ────────────────────────────────────────────────────────

/** A fixed events list: one provincial event that voids the sample policy. */
const EVENTS = [{ 日期: '2025-01-15', 级别: '省', 类别: '生育支持政策', 标题: '测试用：某省生育支持政策', 文号: '' }];

/** Timings replaced by fixed numbers (counts are kept). */
function fixedTimings(r: VerifyReport): VerifyReport {
  return {
    ...r,
    policies: r.policies.map((p) => ({
      ...p,
      stats: { ...p.stats, staticMs: 3, smtMs: 100 * p.stats.smtQueries, smtQueryMs: p.stats.smtQueryMs.map((_, i) => 10 * (i + 1)), pbtMs: 0 },
    })),
  };
}

let sample: { report: VerifyReport; files: Files };

beforeAll(async () => {
  const { result, policies, diagnostics } = loadPolicies([join(ROOT, 'policies/sample')], nodeHost);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const report = await verifyPolicies(policies, { timeoutMs: 20_000, pbtRuns: 0, events: EVENTS });
  sample = { report: fixedTimings(report), files: result.files };
});

// ─── the synthetic report ───────────────────────────────────────────────────

const SYN_PATH = join(ROOT, 'policies/synthetic/合成.zc');
const OUTSIDE_PATH = '/elsewhere/外部.zc';
/** Lines with CJK and a character outside the BMP (𠀀 = 2 UTF-16 units, 1 code point), CRLF endings. */
const SYN_TEXT = [
  '政策 「合成政策」 { 来源："source.txt" }',
  '条款 四（一） "𠀀补助" {',
  '  措施 生育补助 {',
  '    规则 「𠀀三孩」 { 条件：家庭.子女数 ≥ 3 补助金额 = 1000元 }',
  '    规则 「二孩」 { 条件：家庭.子女数 ≥ 2 补助金额 = 800元 }',
  '  }',
  '  性质 「补助有上限」 { 断言：生育补助.补助金额 ≤ 900元 }',
  '}',
  '',
].join('\r\n');
const SYN = new SourceFile(SYN_PATH, SYN_TEXT);

function spanOf(needle: string, sf: SourceFile = SYN): Span {
  const start = sf.text.indexOf(needle);
  if (start < 0) throw new Error(`not in text: ${needle}`);
  return { file: sf.path, start, end: start + needle.length };
}

const C41 = { anchor: 'sec_4__subsec_1', label: '四（一）' };
const ANNEX = { anchor: 'annex_2', label: '附件2' };

function finding(f: Omit<Finding, 'fingerprint' | 'policy' | 'related'> & Partial<Pick<Finding, 'policy' | 'related'>>): Finding {
  const policy = f.policy ?? 'synthetic';
  return { related: [], ...f, policy, fingerprint: fingerprint(f.code, policy, f.subject) };
}

function syntheticReport(): { report: VerifyReport; files: Files } {
  const findings: Finding[] = [
    finding({
      code: 'ZC0901', severity: 'error', engine: 'smt', proof: 'refuted',
      message: '措施“生育补助”：规则“𠀀三孩”与“二孩”可同时适用，结果“补助金额”不同，且没有“例外于”规定优先关系',
      span: spanOf('规则 「𠀀三孩」 { 条件：家庭.子女数 ≥ 3 补助金额 = 1000元 }'),
      related: [{ span: spanOf('规则 「二孩」 { 条件：家庭.子女数 ≥ 2 补助金额 = 800元 }'), message: '规则“二孩”' }],
      clauses: [C41, ANNEX], subject: 'contradiction:生育补助/补助金额/二孩|𠀀三孩',
      witness: { facts: { 家庭: { 子女数: 3, 夫妻至少一方户籍在本县: true }, 婴幼儿: {} }, date: '2024-03-01' },
      sides: [
        { measure: '生育补助', rule: '𠀀三孩', clause: '四（一）', yields: '补助金额 = 1000元' },
        { measure: '生育补助', rule: '二孩', clause: '四（一）', yields: '补助金额 = 800元' },
      ],
      replay: { interpreter: 'confirmed', generated: 'confirmed' },
    }),
    finding({
      code: 'ZC0908', severity: 'error', engine: 'smt', proof: 'refuted',
      message: '性质“补助有上限”不成立（失效事件当日仍在发放）',
      span: spanOf('性质 「补助有上限」 { 断言：生育补助.补助金额 ≤ 900元 }'), clauses: [C41], subject: 'property:补助有上限',
      witness: {
        facts: { 家庭: { 子女数: 3, 出生日期: '2020-02-29' } }, date: '2025-01-15',
        event: { 日期: '2025-01-15', 级别: '省', 类别: '生育支持政策', 标题: '某省生育支持政策', 文号: '豫政〔2025〕1号' },
      },
      sides: [
        { measure: '', yields: '生育补助.补助金额 ≤ 900元：不成立' },
        { measure: '生育补助', clause: '四（一）', yields: '适用，补助金额 = 1000元' },
      ],
      replay: { interpreter: 'confirmed', generated: 'differs' },
      accepted: '官方文本本身如此规定：三孩补助 1000 元高于上限，已函询县卫健委（2024年3月）。',
    }),
    finding({
      code: 'ZC0915', severity: 'warning', engine: 'smt', proof: 'unknown',
      message: '求解器未能在 5000 毫秒内判定：措施“生育补助”的结果“补助金额”是否有缺口',
      span: spanOf('措施 生育补助 {'), clauses: [C41], subject: 'unknown:gap:生育补助/补助金额',
    }),
    finding({
      code: 'ZC0916', severity: 'error', engine: 'pbt', proof: 'refuted',
      message: '性质测试的反例在解释器中未能复现，需要人工检查',
      span: spanOf('规则 「二孩」'), clauses: [C41], subject: 'replay:property:补助有上限',
      witness: { facts: { 家庭: { 子女数: 2 } }, date: '2024-12-31' },
      replay: { interpreter: 'not-reproduced' },
    }),
    finding({
      code: 'ZC0909', severity: 'info', engine: 'smt', proof: 'proved',
      message: '性质“补助非负”已证明：对所有输入都成立', span: spanOf('条款 四（一）'), clauses: [C41], subject: 'property:补助非负',
    }),
    finding({
      code: 'ZC0912', severity: 'info', engine: 'static',
      message: '“家庭.子女数”在不同措施中的检验方式不同：<b>生育补助</b> & “托育” \'≥ 3\' ]]> \u202Eevil\u202C \u0001',
      span: spanOf('家庭.子女数 ≥ 2'), clauses: [], subject: 'concept:家庭.子女数',
      sides: [{ measure: '生育补助', yields: '≥ 3；≥ 2' }, { measure: '托育补贴', yields: '≥ 1' }],
    }),
    finding({
      code: 'ZC0906', severity: 'warning', engine: 'static',
      message: '政策的生效日期未知：原文为“自印发之日起施行”，未写明具体日期；求值时按已生效处理',
      span: spanOf('政策 「合成政策」'), clauses: [], subject: 'effective-unknown',
      accepted: '原文本身未写明日期（自印发之日起施行），属于文件的真实性质，已在政策中记录',
    }),
    finding({
      code: 'ZC1104', severity: 'error', engine: 'static',
      message: '场景“三孩家庭”未通过：生育补助.补助金额 应为 1000元，实为 800元',
      span: { file: 'policies/synthetic/场景.yaml', start: 0, end: 12 }, clauses: [], subject: 'scenario:policies/synthetic/场景.yaml:三孩家庭',
      witness: { facts: { 家庭: { 子女数: 3 } }, date: '2024-06-01' },
    }),
    finding({
      code: 'ZC0913', severity: 'info', engine: 'static', policy: 'outside',
      message: '数量限定词重复：“不少于…以上”两次表达同一下限：“不少于3个以上”',
      span: { file: OUTSIDE_PATH, start: 10, end: 20 }, clauses: [{ anchor: 'sec_1', label: '一、' }], subject: 'wording:sec_1:不少于3个以上',
    }),
  ];
  const stats = (n: number) => ({ smtQueries: n, smtMs: 12.5 * n, smtQueryMs: Array.from({ length: n }, (_, i) => 1.5 * (i + 1)), pbtCases: 1000, pbtMs: 250, staticMs: 2 });
  return {
    report: {
      policies: [
        { id: 'synthetic', name: '合成政策', root: SYN_PATH, stats: stats(20) },
        { id: 'outside', name: '项目外的政策', root: OUTSIDE_PATH, stats: stats(0) },
        { id: 'empty', name: '没有发现的政策', root: join(ROOT, 'policies/empty/空.zc'), stats: stats(3) },
      ],
      findings,
    },
    files: new Map([[SYN_PATH, SYN]]),
  };
}

const FORMATS: [string, Renderer, string][] = [
  ['sarif', renderVerifySarif, 'sarif.json'],
  ['junit', renderVerifyJunit, 'junit.xml'],
  ['html', renderVerifyHtml, 'html'],
];

// ─── snapshots & determinism ────────────────────────────────────────────────

describe('snapshots', () => {
  for (const [name, render, ext] of FORMATS) {
    it(`sample ${name}`, async () => {
      await expect(render(sample.report, sample.files, ROOT)).toMatchFileSnapshot(`reports/sample.${ext}`);
    });
    it(`synthetic ${name}`, async () => {
      const s = syntheticReport();
      await expect(render(s.report, s.files, ROOT)).toMatchFileSnapshot(`reports/synthetic.${ext}`);
    });
  }
  it('synthetic junit at fail level warning', async () => {
    const s = syntheticReport();
    await expect(renderVerifyJunit(s.report, s.files, ROOT, 'warning')).toMatchFileSnapshot('reports/synthetic.warning.junit.xml');
  });
});

describe('determinism', () => {
  it('same report → byte-identical output, from a deep copy too; no absolute path of the machine, no timestamp', () => {
    for (const [, render] of FORMATS) {
      for (const { report, files } of [sample, syntheticReport()]) {
        const a = render(report, files, ROOT);
        const copy = JSON.parse(JSON.stringify(report)) as VerifyReport;
        expect(render(copy, files, ROOT)).toBe(a);
        expect(render(report, files, ROOT)).toBe(a);
        expect(a.includes(ROOT)).toBe(false);
        expect(a).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:\d\d/); // no ISO timestamp
      }
    }
  });
});

// ─── SARIF ──────────────────────────────────────────────────────────────────

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // unicodeRegExp false: the rtm.5 schema's `language` pattern has a stray `]`
  // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), valid only as a non-unicode RegExp.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('SARIF 2.1.0', () => {
  const validate = sarifValidator();

  it('the schema is the SARIF 2.1.0 one and the validator rejects a broken log', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { title: string; properties: { version: { enum: string[] } } };
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(schema.properties.version.enum).toEqual(['2.1.0']);
    const s = syntheticReport();
    const log = buildSarif(s.report, s.files, ROOT) as any;
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const bad = JSON.parse(JSON.stringify(log));
    bad.runs[0].results[0].level = 'fatal';
    expect(validate(bad)).toBe(false);
    const bad2 = JSON.parse(JSON.stringify(log));
    bad2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(bad2)).toBe(false);
  });

  it('sample and synthetic logs are valid against the schema', () => {
    for (const { report, files } of [sample, syntheticReport()]) {
      const log = JSON.parse(renderVerifySarif(report, files, ROOT));
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('structure: rules, ruleIndex, levels, fingerprints, related locations, suppressions, artifacts', () => {
    const s = syntheticReport();
    const log = JSON.parse(renderVerifySarif(s.report, s.files, ROOT));
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/^https:\/\/.*sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(run.tool.driver.name).toBe('ZhengCe');
    expect(run.tool.driver.semanticVersion).toBe(pkg.version);
    const rules = run.tool.driver.rules;
    // every ZC09xx code at a fixed index, then the other codes the findings use
    expect(rules.map((r: any) => r.id)).toEqual([...verificationCodes(), 'ZC1104']);
    expect(buildSarif(sample.report, sample.files, ROOT)).toMatchObject({ runs: [{ tool: { driver: { rules: verificationCodes().map((id) => ({ id })) } } }] });
    for (const r of rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(0);
      expect(r.fullDescription.text.length).toBeGreaterThan(0);
      // help adds to the title (shortDescription) instead of repeating it
      expect(r.help.text.startsWith(r.shortDescription.text)).toBe(false);
      expect(r.help.markdown.replace(/^\**/u, '').startsWith(r.shortDescription.text)).toBe(false);
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
    expect(run.results).toHaveLength(s.report.findings.length);
    run.results.forEach((res: any, i: number) => {
      const f = s.report.findings[i]!;
      expect(res.ruleId).toBe(f.code);
      expect(rules[res.ruleIndex].id).toBe(f.code);
      expect(res.message.text).toBe(f.message);
      expect(res.partialFingerprints[FINGERPRINT_KEY]).toBe(f.fingerprint);
      expect(res.level).toBe(f.code === 'ZC0909' ? 'none' : { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[f.severity]);
      expect(res.kind).toBe(f.code === 'ZC0909' ? 'pass' : 'fail');
      expect(res.properties.subject).toBe(f.subject);
      expect(res.properties.engine).toBe(f.engine);
      expect(!!res.suppressions).toBe(!!f.accepted);
      if (f.accepted) expect(res.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: f.accepted }]);
      const ids = (res.relatedLocations ?? []).map((l: any) => l.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const l of [...(res.locations ?? []), ...(res.relatedLocations ?? [])]) {
        const al = l.physicalLocation?.artifactLocation;
        if (al) expect(run.artifacts[al.index].location.uri).toBe(al.uri);
      }
    });
    // the contradiction: the other rule as a related location, the second clause as a logical one
    const c = run.results[0];
    expect(c.relatedLocations.map((l: any) => l.message.text)).toEqual(['规则“二孩”', '相关条款 附件2（annex_2）']);
    expect(c.relatedLocations[1].logicalLocations[0].fullyQualifiedName).toBe('synthetic/annex_2');
    expect(c.locations[0].logicalLocations[0]).toEqual({ name: '四（一）', fullyQualifiedName: 'synthetic/sec_4__subsec_1', decoratedName: 'sec_4__subsec_1' });
    expect(c.properties.witness.facts.家庭.子女数).toBe(3);
    expect(c.properties.replay).toEqual({ interpreter: 'confirmed', generated: 'confirmed' });
    // uris: relative, percent-encoded, under %SRCROOT%; a file outside the project: file: URI
    expect(c.locations[0].physicalLocation.artifactLocation).toMatchObject({ uri: 'policies/synthetic/%E5%90%88%E6%88%90.zc', uriBaseId: '%SRCROOT%' });
    const outside = run.results.find((x: any) => x.ruleId === 'ZC0913');
    expect(outside.locations[0].physicalLocation.artifactLocation.uri).toBe('file:///elsewhere/%E5%A4%96%E9%83%A8.zc');
    expect(outside.locations[0].physicalLocation.region).toEqual({ charOffset: 10, charLength: 10 });
    // a relative span path (a scenario file not among the compiled files): relative URI, offsets only
    const scenario = run.results.find((x: any) => x.ruleId === 'ZC1104');
    expect(scenario.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'policies/synthetic/%E5%9C%BA%E6%99%AF.yaml', uriBaseId: '%SRCROOT%' }, region: { charOffset: 0, charLength: 12 } });
  });

  it('columns are 1-based UTF-16 code units (not code points), end exclusive; lines as in the text report', () => {
    const s = syntheticReport();
    const log = JSON.parse(renderVerifySarif(s.report, s.files, ROOT));
    const f = s.report.findings[0]!; // the span contains 𠀀 and runs to the end of its line
    const region = log.runs[0].results[0].locations[0].physicalLocation.region;
    const a = SYN.lineCol(f.span.start);
    const b = SYN.lineCol(f.span.end);
    expect(region).toMatchObject({ startLine: a.line + 1, startColumn: a.col + 1, endLine: b.line + 1, endColumn: b.col + 1, charOffset: f.span.start, charLength: f.span.end - f.span.start });
    expect(region.startLine).toBe(positionOf(SYN, f.span.start).line);
    // a span that starts after the astral character on its line: UTF-16 column = code-point column + 1
    const zc0916 = log.runs[0].results.find((x: any) => x.ruleId === 'ZC0916');
    const sp = s.report.findings.find((x) => x.code === 'ZC0916')!.span;
    expect(zc0916.locations[0].physicalLocation.region.startColumn).toBe(positionOf(SYN, sp.start).column);
    const after = spanOf('三孩」 {');
    const cp = positionOf(SYN, after.start).column;
    const sarifCol = SYN.lineCol(after.start).col + 1;
    expect(sarifCol).toBe(cp + 1);
    expect(region.endColumn).toBe(SYN.lineCol(f.span.end).col + 1);
    const lineText = SYN.lineText(b.line);
    expect(region.endColumn - 1).toBe(lineText.length); // the span runs to the end of its line: the 𠀀 counts 2
    expect([...lineText].length).toBe(lineText.length - 1);
  });

  it('the sample report: every finding has a physical location in the sample policy', () => {
    const log = JSON.parse(renderVerifySarif(sample.report, sample.files, ROOT));
    const run = log.runs[0];
    expect(run.results.length).toBe(sample.report.findings.length);
    for (const res of run.results) {
      expect(res.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^policies\/sample\//);
      expect(res.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
  });
});

// ─── JUnit ──────────────────────────────────────────────────────────────────

interface XmlEl {
  name: string;
  attrs: Record<string, string>;
  children: XmlEl[];
  text: string;
}

/** Parse with a conforming XML 1.0 parser; throws on any well-formedness error. */
function parseXml(xml: string): XmlEl {
  const p = new SaxesParser({ xmlns: false, position: true });
  const root: XmlEl = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlEl[] = [root];
  let error: Error | undefined;
  p.on('error', (e) => {
    error ??= e;
  });
  p.on('opentag', (t) => {
    const el: XmlEl = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  p.on('closetag', () => {
    stack.pop();
  });
  p.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  p.write(xml).close();
  if (error) throw error;
  return root.children[0]!;
}

function checkJunitCounts(doc: XmlEl): void {
  expect(doc.name).toBe('testsuites');
  const sum = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of doc.children) {
    expect(suite.name).toBe('testsuite');
    const cases = suite.children.filter((c) => c.name === 'testcase');
    const n = (tag: string) => cases.filter((c) => c.children.some((x) => x.name === tag)).length;
    expect(Number(suite.attrs['tests'])).toBe(cases.length);
    expect(Number(suite.attrs['failures'])).toBe(n('failure'));
    expect(Number(suite.attrs['errors'])).toBe(n('error'));
    expect(Number(suite.attrs['skipped'])).toBe(n('skipped'));
    sum.tests += cases.length;
    sum.failures += n('failure');
    sum.errors += n('error');
    sum.skipped += n('skipped');
  }
  expect(Number(doc.attrs['tests'])).toBe(sum.tests);
  expect(Number(doc.attrs['failures'])).toBe(sum.failures);
  expect(Number(doc.attrs['errors'])).toBe(sum.errors);
  expect(Number(doc.attrs['skipped'])).toBe(sum.skipped);
}

describe('JUnit XML', () => {
  it('well-formed, counts consistent (sample, synthetic, every fail level)', () => {
    for (const { report, files } of [sample, syntheticReport()]) {
      for (const level of ['error', 'warning', 'note'] as const) checkJunitCounts(parseXml(renderVerifyJunit(report, files, ROOT, level)));
    }
  });

  it('synthetic: one suite per policy, one testcase per finding plus the run, outcomes by fail level', () => {
    const s = syntheticReport();
    const doc = parseXml(renderVerifyJunit(s.report, s.files, ROOT));
    expect(doc.children.map((x) => x.attrs['name'])).toEqual(['合成政策（synthetic）', '项目外的政策（outside）', '没有发现的政策（empty）']);
    const syn = doc.children[0]!;
    const cases = syn.children.filter((c) => c.name === 'testcase');
    expect(cases.map((c) => `${c.attrs['classname']} ${c.attrs['name']}`)).toEqual([
      'synthetic 核查已完成',
      'synthetic.sec_4__subsec_1 ZC0901 contradiction:生育补助/补助金额/二孩|𠀀三孩',
      'synthetic.sec_4__subsec_1 ZC0908 property:补助有上限',
      'synthetic.sec_4__subsec_1 ZC0915 unknown:gap:生育补助/补助金额',
      'synthetic.sec_4__subsec_1 ZC0916 replay:property:补助有上限',
      'synthetic.sec_4__subsec_1 ZC0909 property:补助非负',
      'synthetic ZC0912 concept:家庭.子女数',
      'synthetic ZC0906 effective-unknown',
      'synthetic ZC1104 scenario:policies/synthetic/场景.yaml:三孩家庭',
    ]);
    const kind = (c: XmlEl) => c.children.map((x) => x.name).join('+');
    // the undecided query (a warning, below the fail level) makes `zhengce verify` exit 1 unless --allow-unknown:
    // an error here too, never a skipped test beside a failing exit code
    expect(cases.map(kind)).toEqual(['system-out', 'failure', 'system-out', 'error', 'error', 'system-out', 'system-out', 'system-out', 'failure']);
    expect(syn.attrs).toMatchObject({ tests: '9', failures: '2', errors: '2', skipped: '0' });
    // allowed (--allow-unknown) it is skipped: still not a pass
    const allowed = parseXml(renderVerifyJunit(s.report, s.files, ROOT, 'error', { unknown: true })).children[0]!;
    expect(allowed.children.filter((c) => c.name === 'testcase').map(kind)[3]).toBe('skipped+system-out');
    expect(allowed.attrs).toMatchObject({ tests: '9', failures: '2', errors: '1', skipped: '1' });
    // a bounded proof (ZC0919, a warning) likewise: an error unless --allow-bounded, then skipped — never a pass
    const bounded: Finding = { ...s.report.findings.find((f) => f.code === 'ZC0909')!, code: 'ZC0919', severity: 'warning', proof: 'bounded', subject: 'bounded:property:补助非负' };
    expect([junitOutcome(bounded), junitOutcome(bounded, 'error', { bounded: true }), junitOutcome(bounded, 'warning', { bounded: true })]).toEqual(['error', 'skipped', 'error']);
    const failure = cases[1]!.children[0]!;
    expect(failure.attrs['type']).toBe('ZC0901');
    expect(failure.attrs['message']).toBe(s.report.findings[0]!.message);
    expect(failure.text).toContain('家庭.子女数 = 3');
    expect(failure.text).toContain('评估日期 = 2024-03-01');
    expect(failure.text).toContain('规则“二孩”（policies/synthetic/合成.zc:5:5）');
    // at fail level warning the unknown query is an error and the open warnings fail; accepted never fails
    const w = parseXml(renderVerifyJunit(s.report, s.files, ROOT, 'warning')).children[0]!;
    expect(w.attrs).toMatchObject({ tests: '9', failures: '2', errors: '2', skipped: '0' });
    const n = parseXml(renderVerifyJunit(s.report, s.files, ROOT, 'note')).children[0]!;
    expect(n.attrs).toMatchObject({ failures: '3', errors: '2' }); // + the open info ZC0912; the proved ZC0909 passes
    expect(s.report.findings.filter((f) => f.accepted).map((f) => junitOutcome(f, 'note'))).toEqual(['pass', 'pass']);
  });

  it('hostile strings: always well-formed XML, text round-trips as its safe form', () => {
    fc.assert(
      fc.property(hostile(), hostile(), hostile(), (a, b, c) => {
        const s = syntheticReport();
        const f0 = s.report.findings[0]!;
        const report: VerifyReport = {
          policies: [{ ...s.report.policies[0]!, name: c }],
          findings: [
            { ...f0, message: a, subject: b, clauses: [{ anchor: c, label: b }], related: [{ span: f0.related[0]!.span, message: c }], sides: [{ measure: a, rule: b, clause: c, yields: a }], witness: { facts: { [b]: { [c]: a } }, date: c } },
            { ...s.report.findings[1]!, accepted: `理由${a}`, message: b },
          ],
        };
        const xml = renderVerifyJunit(report, s.files, ROOT);
        const doc = parseXml(xml);
        checkJunitCounts(doc);
        const suite = doc.children[0]!;
        expect(suite.attrs['name']).toBe(safeText(`${c}（synthetic）`));
        const cases = suite.children.filter((x) => x.name === 'testcase');
        expect(cases[1]!.attrs['name']).toBe(safeText(`ZC0901 ${b}`));
        const failure = cases[1]!.children[0]!;
        expect(failure.attrs['message']).toBe(safeText(a));
        expect(failure.text).toContain(`  ${safeText(`${b}.${c}`)} = ${safeText(a)}`);
        expect(cases[2]!.children[0]!.text).toContain(`已接受，理由：${safeText(`理由${a}`)}`);
      }),
      { numRuns: 300 },
    );
  });
});

// ─── HTML ───────────────────────────────────────────────────────────────────

/** Strings an attacker (or an unlucky drafter) could put into names, messages and values. */
function hostile(): fc.Arbitrary<string> {
  const pieces = fc.constantFrom(
    '<', '>', '&', '"', "'", ']]>', '<script>alert(1)</script>', '</article>', '<!--', '-->', '&amp;', '&#0;', '<![CDATA[', '\u0000', '\u0001', '\u0008', '\u000B',
    '\u001B[31m', '\u007F', '\u0085', '\u202E', '\u2066', '\u200B', '\uFEFF', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\r', '\n', '\r\n', '\t', '\u2028', '𠀀', '😀', '家庭', ' ',
  );
  return fc.oneof(
    fc.array(pieces, { maxLength: 8 }).map((xs) => xs.join('')),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.tuple(fc.string({ maxLength: 4 }), pieces, fc.string({ unit: 'binary', maxLength: 4 })).map((xs) => xs.join('')),
  );
}

interface HNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HNode[];
  value?: string;
  content?: HNode;
}

function walk(n: HNode, visit: (n: HNode) => void): void {
  visit(n);
  for (const c of n.childNodes ?? []) walk(c, visit);
  if (n.content) walk(n.content, visit);
}

function textOf(n: HNode): string {
  if (n.nodeName === '#text') return n.value ?? '';
  return (n.childNodes ?? []).map(textOf).join('');
}

const ALLOWED_TAGS = new Set('html head body meta title style div header h1 h2 h3 p section table caption thead tbody tr th td span code nav ol li a main article dl dt dd strong br footer'.split(' '));
const ALLOWED_ATTRS = new Set(['lang', 'charset', 'name', 'content', 'class', 'id', 'href', 'colspan']);
/** Characters that must never reach the page raw: C0/C1 controls (but \n), bidi controls, zero-width, BOM, lone surrogates, non-characters. */
const RAW_UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

describe('HTML', () => {
  it('self-contained, print-friendly, zh-CN', () => {
    const s = syntheticReport();
    const html = renderVerifyHtml(s.report, s.files, ROOT);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('@media print');
    expect(html).toContain('size: A4');
    expect(html).toContain('"Noto Sans CJK SC"');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
    expect(html).not.toMatch(/href="(?!#)/); // only in-page links
  });

  it('contents: summary counts, witness table, sides, replay, accepted rationale, stats', () => {
    const s = syntheticReport();
    const doc = parseHtml(renderVerifyHtml(s.report, s.files, ROOT)) as unknown as HNode;
    const els: HNode[] = [];
    walk(doc, (n) => n.tagName && els.push(n));
    const cls = (n: HNode) => n.attrs?.find((a) => a.name === 'class')?.value ?? '';
    const articles = els.filter((n) => n.tagName === 'article');
    expect(articles).toHaveLength(s.report.findings.length);
    const text = textOf(doc);
    expect(text).toContain('有 3 个未接受的错误，核查未通过。');
    expect(text).toContain('接受理由：官方文本本身如此规定');
    expect(text).toContain('解释器已复现，生成的求值器结果不同');
    expect(text).toContain('未判定（不算通过）');
    const witness = els.filter((n) => n.tagName === 'table' && cls(n) === 'witness');
    expect(witness.length).toBe(4);
    expect(witness.map(textOf).filter((t) => t.includes('事件2025-01-15 省 生育支持政策 某省生育支持政策 （豫政〔2025〕1号）'))).toHaveLength(1);
    const stats = els.find((n) => n.tagName === 'table' && cls(n) === 'stats')!;
    // synthetic stats: 20 queries of 1.5, 3, …, 30 ms → p50 = 15.0 (nearest rank), p95 = 28.5
    expect(textOf(stats)).toContain('合成政策2025015.028.510002502');
    expect(articles.filter((a) => cls(a).includes('accepted'))).toHaveLength(2);
    // the hostile message in the synthetic report is visible, escaped, bidi control shown
    expect(text).toContain("<b>生育补助</b> & “托育” '≥ 3' ]]> <U+202E>evil<U+202C> <U+0001>");
  });

  it('hostile strings: escaped everywhere — no new element or attribute, no raw control/bidi character, text round-trips', () => {
    fc.assert(
      fc.property(hostile(), hostile(), hostile(), (a, b, c) => {
        const s = syntheticReport();
        const f0 = s.report.findings[0]!;
        const report: VerifyReport = {
          policies: [{ ...s.report.policies[0]!, id: b, name: c, root: a }],
          findings: [
            {
              ...f0, policy: b, message: a, subject: b, fingerprint: c, clauses: [{ anchor: c, label: b }], related: [{ span: { ...f0.span, file: a }, message: c }],
              sides: [{ measure: a, rule: b, clause: c, yields: a }], witness: { facts: { [b]: { [c]: a } }, date: c, event: { 日期: a, 级别: b, 类别: c, 标题: a } },
              accepted: `理由${b}`,
            },
          ],
        };
        const html = renderVerifyHtml(report, s.files, ROOT);
        const doc = parseHtml(html) as unknown as HNode;
        let articles = 0;
        let msg: HNode | undefined;
        walk(doc, (n) => {
          if (!n.tagName) return;
          expect(ALLOWED_TAGS.has(n.tagName)).toBe(true);
          for (const at of n.attrs ?? []) expect(ALLOWED_ATTRS.has(at.name)).toBe(true);
          if (n.tagName === 'article') articles++;
          if (n.tagName === 'p' && n.attrs?.some((x) => x.name === 'class' && x.value === 'msg')) msg = n;
        });
        expect(articles).toBe(1);
        const body = html.slice(html.indexOf('<body>'));
        expect(RAW_UNSAFE.test(body.replace(/\n/g, ''))).toBe(false);
        const lines = a.split(/\r\n|[\n\r\u2028\u2029]/);
        expect(textOf(msg!)).toBe(lines.map(safeText).join(''));
      }),
      { numRuns: 300 },
    );
  });
});

// ─── screenshot ─────────────────────────────────────────────────────────────

const CHROMIUM = '/usr/bin/chromium';

describe('HTML in a browser', () => {
  // Chromium is required (CI installs Debian's chromium, .ci/run): a missing browser fails here, never skips
  it('renders without overflow; screenshot and A4 PDF in test-output/', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`).toBe(true);
    const { chromium } = await import('playwright-core');
    const s = syntheticReport();
    const merged: VerifyReport = { policies: [...sample.report.policies, ...s.report.policies], findings: [...sample.report.findings, ...s.report.findings] };
    const files = new Map([...sample.files, ...s.files]);
    const html = renderVerifyHtml(merged, files, ROOT);
    const out = join(ROOT, 'test-output');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'verify-report.html'), html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto('file://' + join(out, 'verify-report.html'));
      expect(await page.title()).toBe('政策核查报告');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(out, 'verify-report.png'), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(out, 'verify-report.pdf'), format: 'A4', printBackground: true });
      // narrow screen: still no horizontal overflow
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 420, height: 900 });
      const narrow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(narrow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
    }
  });
});
