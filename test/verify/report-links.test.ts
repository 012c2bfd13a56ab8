/**
 * The verification report as an auditor navigates it (issue 13): clauses in the table
 * of contents in clause-number order (subsec_2 before subsec_11, 全文 first); links
 * between the documentation, the report and the policy pages; engine times shown
 * where they are measured and, in the published (byte-identical) report, a statement
 * that they are not published instead of zeros; ZC0906 located at `生效：未知`; SARIF
 * rules that name their section of the specification (helpUri under the repository).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import { memoryHost, nodeHost } from '../../compiler/project/host.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { fingerprint, type Finding, type VerifyReport } from '../../compiler/verify/finding.js';
import { renderVerifyHtml } from '../../compiler/verify/report-html.js';
import { renderVerifyJunit } from '../../compiler/verify/report-junit.js';
import { renderVerifyJson, renderVerifyText } from '../../compiler/verify/report-text.js';
import { buildSarif, repositoryFileUri, specSection, verificationCodes } from '../../compiler/verify/report-sarif.js';
import { staticChecks } from '../../compiler/verify/static.js';
import { withoutTimings } from '../../compiler/cli/start.js';
import { emitDocs } from '../../compiler/emit/docs.js';
// ajv's CommonJS modules export the class/plugin itself (module.exports = Ajv, also as .default);
// under NodeNext the typings see the module object, so the default import is typed as its .default
const Ajv04 = Ajv04Module as unknown as typeof Ajv04Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function finding(code: Finding['code'], anchor: string | undefined, label: string, subject: string): Finding {
  return {
    code, severity: 'warning', message: `发现 ${subject}`, policy: 'demo', span: { file: '', start: 0, end: 0 }, related: [],
    clauses: anchor ? [{ anchor, label }] : [], subject, engine: 'static', fingerprint: fingerprint(code, 'demo', subject),
  };
}

const report = (findings: Finding[]): VerifyReport => ({
  policies: [{ id: 'demo', name: '示范政策', root: join(ROOT, 'policies/demo/demo.zc'), stats: { smtQueries: 3, smtMs: 120, smtQueryMs: [10, 20, 30], pbtCases: 100, pbtMs: 40, staticMs: 5 } }],
  findings,
});

const ordered = report([
  finding('ZC0913', 'sec_4__subsec_11', '四（十一）', 'a'),
  finding('ZC0913', 'sec_4__subsec_2', '四（二）', 'b'),
  finding('ZC0913', 'annex_1__sec_1', '附件1 一、', 'c'),
  finding('ZC0906', undefined, '', 'effective-unknown'),
  finding('ZC0913', 'sec_4', '四、', 'd'),
]);

describe('HTML report: order, ids and links', () => {
  it('the table of contents and the sections follow clause numbers (四（二） before 四（十一）), 全文 first, annexes last', () => {
    const html = renderVerifyHtml(ordered, new Map(), ROOT);
    const ids = [...html.matchAll(/<section class="clause" id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['p-demo--whole', 'p-demo--sec_4', 'p-demo--sec_4__subsec_2', 'p-demo--sec_4__subsec_11', 'p-demo--annex_1__sec_1']);
    const toc = html.slice(html.indexOf('<nav>'), html.indexOf('</nav>'));
    const titles = [...toc.matchAll(/<a href="#p-demo--[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles).toEqual(['全文（不属于某一条款）', '条款 四、', '条款 四（二）', '条款 四（十一）', '条款 附件1 一、']);
    expect(toc).toContain('<a href="#p-demo">');
  });

  it('the published report links back to the documentation: index, policy page, each clause on it', () => {
    const html = renderVerifyHtml(ordered, new Map(), ROOT, { docs: { base: '../' } });
    expect(html).toContain('<a href="../index.html">政策文档索引</a>');
    expect(html).toContain('<a class="doclink" href="../demo.html">政策文档</a>');
    expect(html).toContain('<a class="doclink" href="../demo.html#sec_4__subsec_11">条款原文与规则</a>');
    // the CLI's report (anywhere on disk) has no links into generated/docs
    expect(renderVerifyHtml(ordered, new Map(), ROOT)).not.toContain('class="doclink"');
  });

  it('the documentation links to the report: the index per policy and each policy page', () => {
    const sample = loadPolicies([join(ROOT, 'policies/sample/示例.zc')], nodeHost);
    const docs = emitDocs(sample.policies.map((p) => ({ ir: p.ir, checked: p.program.checked })));
    expect(docs.get('index.html')).toContain('<a href="verify/report.html#p-sample">核查发现</a>');
    expect(docs.get('index.html')).toContain('<a href="verify/report.html">核查报告</a>');
    expect(docs.get('sample.html')).toContain('<a href="verify/report.html#p-sample">核查报告中本政策的发现</a>');
    // and the clause anchors the report links to exist on the policy page
    expect(docs.get('sample.html')).toContain('id="sec_2__subsec_1"');
    // the published report has the ids the documentation links to
    expect(renderVerifyHtml(withoutTimings({ ...ordered, policies: [{ ...ordered.policies[0]!, id: 'sample' }], findings: [] }), new Map(), ROOT)).toContain('id="p-sample"');
  });
});

describe('text report: order and witness table', () => {
  it('groups follow clause numbers as in the HTML report: 全文 first, 四（二） before 四（十一）, annexes last', () => {
    const text = renderVerifyText(ordered, new Map(), ROOT);
    const heads = [...text.matchAll(/^── 条款 (.+)$/gmu)].map((m) => m[1]);
    expect(heads).toEqual(['全文', '四、（sec_4）', '四（二）（sec_4__subsec_2）', '四（十一）（sec_4__subsec_11）', '附件1 一、（annex_1__sec_1）']);
  });

  it('the witness table lines up by display width (Han 2 columns, ASCII 1), not by character count', () => {
    const f: Finding = { ...finding('ZC0910', 'sec_4__subsec_2', '四（二）', 'w'), witness: { facts: { 家庭: { 子女: [{ 出生日期: '2020-12-31' }] }, 婴幼儿: { 户籍: '栾川县' } }, date: '2024-01-01' } };
    const text = renderVerifyText(report([f]), new Map(), ROOT);
    const rows = text.split('\n').filter((l) => l.startsWith('      │ '));
    expect(rows.length).toBe(3);
    // the second │ of every row is at the same display column
    const bar = (l: string) => stringWidth(l.slice(0, l.indexOf('│', 8)));
    expect(new Set(rows.map(bar)).size).toBe(1);
    expect(rows.some((l) => l.includes('家庭.子女[0].出生日期 │'))).toBe(true);
  });
});

describe('static findings as the county policy gives them', () => {
  const county = loadPolicies([join(ROOT, 'policies/luanchuan/栾政2023-18.zc')], nodeHost);
  const findings = staticChecks(county.policies[0]!.ir, [], (file) => county.policies[0]!.program.checked.files.get(file)?.source.text);

  it('the 失效 condition, written over three lines, is quoted on one line (no <U+000A> in the text report)', () => {
    const f = findings.find((x) => x.code === 'ZC0907' && x.subject === 'sunset-boundary')!;
    expect(f.message).not.toMatch(/[\r\n]/u);
    expect(f.message).toContain('事件.日期 ≥ 施行日 且 （事件.级别 为 国家 或 （事件.级别 为 省 且 事件.地区 为 "河南省"）');
    expect(renderVerifyText({ policies: [], findings: [f] }, new Map(), ROOT)).not.toContain('<U+000A>');
  });

  it('a wording finding points at the words in the 原文 (不少于2次以上; the “（2）” of 四（二）), not at the clause number', () => {
    const text = (f: Finding) => readFileSync(f.span.file, 'utf8').slice(f.span.start, f.span.end);
    const quantifier = findings.find((x) => x.code === 'ZC0913' && x.subject.startsWith('wording:sec_4__subsec_11:'))!;
    expect(text(quantifier)).toBe('不少于2次以上');
    const numbering = findings.find((x) => x.subject === 'numbering:sec_4__subsec_2')!;
    expect(text(numbering)).toBe('（2）');
    expect(readFileSync(numbering.span.file, 'utf8').slice(numbering.span.start - 4, numbering.span.start)).toBe('原文："');
  });

  it('a finding cites each clause once (three measures of 四（八） test 职工.性别: 四（八） once)', () => {
    const f = findings.find((x) => x.subject === 'concept:职工.性别')!;
    expect(f.clauses).toEqual([{ anchor: 'sec_4__subsec_8', label: '四（八）' }]);
    for (const x of findings) expect(new Set(x.clauses.map((c) => c.anchor)).size).toBe(x.clauses.length);
  });
});

describe('engine times', () => {
  it('a report with times shows them (not 0) in every format', () => {
    const html = renderVerifyHtml(ordered, new Map(), ROOT);
    expect(html).toMatch(/<td class="num">3<\/td><td class="num">120<\/td><td class="num">20\.0<\/td>/);
    expect(renderVerifyText(ordered, new Map(), ROOT)).toContain('SMT 查询 3 次，用时 120 毫秒');
    expect(renderVerifyJunit(ordered, new Map(), ROOT)).toContain('time="0.165"');
    expect(JSON.parse(renderVerifyJson(ordered, new Map(), ROOT)).policies[0].stats.smtMs).toBe(120);
  });

  it('the published report says that it carries no times, instead of printing zeros', () => {
    const pub = withoutTimings(ordered);
    const html = renderVerifyHtml(pub, new Map(), ROOT);
    expect(html).toContain('已发布的报告不含用时');
    expect(html).toMatch(/<td class="num">3<\/td><td class="num">—<\/td><td class="num">—<\/td><td class="num">—<\/td><td class="num">100<\/td><td class="num">—<\/td><td class="num">—<\/td>/);
    expect(renderVerifyText(pub, new Map(), ROOT)).toContain('统计：SMT 查询 3 次；性质测试 100 例（已发布的报告不含用时');
    const junit = renderVerifyJunit(pub, new Map(), ROOT);
    expect(junit).not.toMatch(/ time="/);
    expect(junit).toContain('name="timings"');
    const json = JSON.parse(renderVerifyJson(pub, new Map(), ROOT)).policies[0].stats;
    expect(json).toEqual({ smtQueries: 3, pbtCases: 100, timings: null, note: expect.stringContaining('已发布的报告不含用时') });
  });
});

describe('SARIF', () => {
  const POLICY = '政策 「示范」 {\n  生效：未知\n  失效 {\n    条件：事件.级别 属于 {国家}\n    起算：当日\n  }\n}\n机构 县卫健委\n';

  it('ZC0906 (unknown effective date) is located at “生效：未知”, not at the 失效 block', () => {
    const path = '/demo/示范.zc';
    const loaded = loadPolicies([path], memoryHost({ [path]: POLICY }));
    expect(loaded.policies).toHaveLength(1);
    const findings = staticChecks(loaded.policies[0]!.ir, []);
    const f = findings.find((x) => x.code === 'ZC0906')!;
    expect(f).toBeDefined();
    expect(POLICY.slice(f.span.start, f.span.end)).toBe('生效：未知');
    const files = new Map([[path, new SourceFile(path, POLICY)]]);
    const log = buildSarif({ policies: [{ id: 'demo', name: '示范', root: path, stats: { smtQueries: 0, smtMs: 0, smtQueryMs: [], pbtCases: 0, pbtMs: 0, staticMs: 0 } }], findings: [f] }, files, '/demo') as any;
    const region = log.runs[0].results[0].locations[0].physicalLocation.region;
    expect(region.snippet.text).toBe('生效：未知');
    expect(region.startLine).toBe(2);
  });

  it('ZC0906 for an uncertain date (生效：某日（…）) is located at that line too, not at the 失效 block', () => {
    // the luanchuan policy's form: the finding pointed at its 失效 block (SARIF, HTML, the editor)
    const text = POLICY.replace('生效：未知', '生效：某日（2023年1月1日，2023年12月31日）');
    const path = '/demo/示范.zc';
    const loaded = loadPolicies([path], memoryHost({ [path]: text }));
    const f = staticChecks(loaded.policies[0]!.ir, []).find((x) => x.code === 'ZC0906')!;
    expect(f.message).toContain('2023-01-01 至 2023-12-31');
    expect(text.slice(f.span.start, f.span.end)).toBe('生效：某日（2023年1月1日，2023年12月31日）');
    const files = new Map([[path, new SourceFile(path, text)]]);
    const log = buildSarif({ policies: [{ id: 'demo', name: '示范', root: path, stats: { smtQueries: 0, smtMs: 0, smtQueryMs: [], pbtCases: 0, pbtMs: 0, staticMs: 0 } }], findings: [f] }, files, '/demo') as any;
    const region = log.runs[0].results[0].locations[0].physicalLocation.region;
    expect(region.startLine).toBe(2);
    expect(region.endLine).toBe(2);
  });

  it('every rule names its specification section; with a repository, helpUri points there and the log stays schema-valid', () => {
    const spec = readFileSync(join(ROOT, 'grammar', 'README.md'), 'utf8');
    const plain = buildSarif(ordered, new Map(), ROOT, { version: '1.0.0' }) as any;
    for (const rule of plain.runs[0].tool.driver.rules) {
      expect(rule.properties.spec).toBe(specSection(rule.id));
      expect(spec).toContain(`<a id="${rule.id.toLowerCase()}"></a>${rule.id}`); // the anchor exists in §13
      expect(rule.help.markdown).toContain(`(grammar/README.md#${rule.id.toLowerCase()})`);
      expect(rule.helpUri).toBeUndefined(); // SARIF: helpUri is absolute — none without a repository
    }
    const withRepo = buildSarif(ordered, new Map(), ROOT, { version: '1.0.0', repository: 'git+https://example.org/zc/zhengce.git' }) as any;
    const rules = withRepo.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(expect.arrayContaining(verificationCodes()));
    for (const rule of rules) expect(rule.helpUri).toBe(`https://example.org/zc/zhengce/blob/HEAD/grammar/README.md#${rule.id.toLowerCase()}`);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(withRepo), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(repositoryFileUri('https://example.org/a/b', 'x.md')).toBe('https://example.org/a/b/blob/HEAD/x.md');
    expect(repositoryFileUri('example.org/a/b', 'x.md')).toBeUndefined();
  });
});
