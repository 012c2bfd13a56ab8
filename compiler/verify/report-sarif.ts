/**
 * SARIF 2.1.0 report of verification findings (for code scanning).
 * Input: VerifyReport + the SourceFiles its spans point into + the directory that
 * paths are made relative to. Output: one SARIF log (JSON text) with one run.
 *
 * Conventions:
 * - rules: every ZC09xx code of the catalog, in catalog order, so their ruleIndex never
 *   changes with the findings of a run; then any other code the findings use (ZC1104,
 *   a failing scenario). ruleId = the code (stable forever, catalog INVARIANT).
 * - level: error → error, warning → warning, info/hint → note. A proved property
 *   (ZC0909) is a result of kind "pass" (level "none"): it is evidence, not an alert.
 * - regions: line numbers as in every other report (SourceFile line model); columns
 *   are 1-based UTF-16 code units (`run.columnKind` = "utf16CodeUnits"), so a
 *   character outside the BMP (𠀀) counts two columns — unlike the text report, whose
 *   columns count code points. endColumn is exclusive (one past the last unit);
 *   charOffset/charLength are the span's own UTF-16 offsets.
 * - uris: relative to `cwd`, `/`-separated, percent-encoded per segment (RFC 3986),
 *   with uriBaseId "%SRCROOT%"; a file outside `cwd` gets an absolute file: URI.
 * - logical locations: the clause(s) of the finding (name = label, fullyQualifiedName =
 *   policy/anchor).
 * - relatedLocations: the related spans (the other rule / clause) first, then every
 *   further clause of the finding as a logical-only location; ids 1, 2, … in order.
 * - help: every rule names its section of the language specification,
 *   `grammar/README.md#zc0906` (the anchor of the code's row in §13) — in
 *   `properties.spec` (a path from the repository root) and as a link in
 *   `help.markdown`; `helpUri` is that section as an absolute URI under the package's
 *   repository (package.json `repository`), the same rule as `informationUri`. SARIF
 *   requires helpUri to be absolute (§3.49.12; the schema's format "uri"), so without a
 *   declared repository there is no helpUri rather than a relative or invented one.
 * - partialFingerprints["zhengce/v1"] = Finding.fingerprint (code + policy + subject).
 * - accepted findings carry suppressions [{ kind: "inSource", status: "accepted",
 *   justification }].
 * - deterministic: no timestamps, no absolute paths of the machine, no timings (only
 *   query/case counts); the same report gives byte-identical output.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceFile, Span } from '../common/source.js';
import { CATALOG, type DiagnosticCode } from '../diagnostics/catalog.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { VerifyReport } from './finding.js';
import { shownPath } from './report-junit.js';

/** The schema URI written into `$schema` (OASIS SARIF 2.1.0, errata 01). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Key of the fingerprint in `partialFingerprints`; bump the suffix if Finding.fingerprint ever changes. */
export const FINGERPRINT_KEY = 'zhengce/v1';

/** English rule names (SARIF `name`: a readable identifier) and Chinese full descriptions. */
const RULE_TEXT: Partial<Record<DiagnosticCode, { name: string; full: string }>> = {
  ZC0901: { name: 'Contradiction', full: '同一措施的两条规则在政策有效期内可对同一输入同时适用，给出的结果不同，且两者之间没有用“例外于”规定优先关系。反例给出使两条规则同时适用的事实和评估日期，以及各自的结果。' },
  ZC0902: { name: 'Gap', full: '标为“必须”的结果在政策有效期内的某些情形下没有任何规则适用。反例给出这样的情形。' },
  ZC0903: { name: 'DeadRule', full: '规则的条件在政策有效期内不可能成立（求解器已证明），规则永远不会适用；通常是条件写错或条件之间互相矛盾。' },
  ZC0904: { name: 'ShadowedRule', full: '规则每次适用时，都有“例外于”它的规则同时适用，因此它永远不会决定结果（求解器已证明）。' },
  ZC0905: { name: 'RedundantRule', full: '规则的条件被另一条结果相同的规则的条件包含，删除它不改变任何结果（求解器已证明）。' },
  ZC0906: { name: 'UnknownEffectiveDate', full: '政策的生效日期未知（原文未写明），无法确定政策自何日起适用。' },
  ZC0907: { name: 'SunsetEventDay', full: '失效条件的边界：满足条件的上级政策事件当日（或次日）起本文件失效，事件前一日仍有效；事件登记中已满足失效条件的事件也逐一列出，并给出文件失效的日期。' },
  ZC0908: { name: 'PropertyViolated', full: '政策中声明的性质不成立：反例给出使断言不成立的事实、评估日期（及事件），以及各措施在反例上的结论。' },
  ZC0909: { name: 'PropertyProved', full: '政策中声明的性质对所有输入都成立（求解器已证明）。' },
  ZC0910: { name: 'BoundaryDisagreement', full: '同一界限的两种表述（如一处写“不满3周岁”、另一处写“3岁以下”）在某些输入上——通常是边界当天——结论不同。' },
  ZC0911: { name: 'CrossClauseInconsistency', full: '条款之间不一致：如附件中的申请条件与正文中的资格条件不符（两个方向都检查：符合一方而不符合另一方）。' },
  ZC0912: { name: 'InconsistentConcept', full: '同一概念（如户籍、孩次）在不同措施中的检验方式不同，可能是有意区分，也可能是起草疏漏，需要人工判断。' },
  ZC0913: { name: 'WordingLint', full: '原文中重复或自相矛盾的数量限定词（如“不少于……以上”）、重复的“等”、条款编号格式不一致等措辞问题。' },
  ZC0914: { name: 'IndicatorArithmetic', full: '由指标定义推算出的数值，供核对目标与指标之间的算术关系。' },
  ZC0915: { name: 'SolverUnknown', full: '求解器在时限内未能判定（超时或结果未知）。未判定不算通过：该项检查没有得出结论，应加大时限或简化规则后重新核查。' },
  ZC0916: { name: 'EngineDisagreement', full: '求解器给出的反例在解释器中未能复现，或解释器与生成的求值器结论不同：至少一方有错，需要人工检查。' },
  ZC0917: { name: 'RuleOutlivesPolicy', full: '规则的有效期超出政策本身的存续期（早于政策生效或晚于政策失效），可能在政策无效时仍给予待遇。' },
  ZC0918: { name: 'UnsatisfiableAssumptions', full: '声明的前提合在一起没有任何输入能满足：在这些前提下，所有证明都是空洞的。应检查前提是否写错或互相矛盾。' },
  ZC0919: { name: 'BoundedProof', full: '证明只对每个列表不超过列表上限（--list-bound）的输入成立；前提没有把列表长度限制在上限以内，更长的列表未核查。有界证明不算通过：可调大上限，或声明限制列表长度的前提。' },
  ZC0920: { name: 'DependsOnUncertainDate', full: '结果取决于一个只知道范围、不知道确切日期的日期（如施行日）：在范围内的某些日期成立，另一些日期不成立。应查明确切日期，或在存疑注记中写明采用的解读。' },
  ZC1104: { name: 'ScenarioFailed', full: '场景测试（YAML）未通过：按场景给出的事实、日期和事件求值，结果与场景期望的不同。' },
};

/** Verification codes that are never findings: said by the CLI on stderr before any check runs. */
const NOT_FINDINGS: ReadonlySet<string> = new Set(['ZC0921', 'ZC0922']);

/** Every verification code of the catalog that can be a finding, in catalog order (retired ones excluded). */
export function verificationCodes(): DiagnosticCode[] {
  return (Object.keys(CATALOG) as DiagnosticCode[]).filter((c) => c.startsWith('ZC09') && !CATALOG[c].retired && !NOT_FINDINGS.has(c));
}

/**
 * The rules of a run: every ZC09xx code (fixed indexes), then any other code the
 * findings use (e.g. ZC1104, a failing scenario), in catalog order.
 */
export function ruleCodes(r: VerifyReport): string[] {
  const codes: string[] = verificationCodes();
  const order = Object.keys(CATALOG);
  const extra = [...new Set(r.findings.map((f) => f.code as string))].filter((c) => !codes.includes(c));
  extra.sort((a, b) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity) || (a < b ? -1 : a > b ? 1 : 0));
  return [...codes, ...extra];
}

/** SARIF level of a severity. */
export function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** The specification section of a diagnostic code: its row in grammar/README.md §13. */
export function specSection(code: string): string {
  return `grammar/README.md#${code.toLowerCase()}`;
}

/** Web address of a file in a repository given as package.json's repository URL (git+https://…/x.git). */
export function repositoryFileUri(repository: string, path: string): string | undefined {
  const m = /^(?:git\+)?(https?:\/\/[^\s#?]+?)(?:\.git)?\/?$/.exec(repository.trim());
  return m ? `${m[1]}/blob/HEAD/${path}` : undefined;
}

export interface ToolInfo {
  readonly version: string;
  readonly informationUri?: string;
  /** package.json `repository` URL (http/https), when declared. */
  readonly repository?: string;
}

let toolInfo: ToolInfo | undefined;
/** Version (and homepage / repository, when package.json has them) of this package, found from this module's location. */
export function toolInfoOf(): ToolInfo {
  if (toolInfo) return toolInfo;
  let dir = nodePath.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(nodePath.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string; homepage?: unknown; repository?: unknown };
      if (pkg.name === 'zhengce' && typeof pkg.version === 'string') {
        const repo = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository as { url?: unknown } | undefined)?.url;
        const uri = [pkg.homepage, repo].find((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u));
        toolInfo = { version: pkg.version, ...(uri ? { informationUri: uri } : {}), ...(typeof repo === 'string' && /^(git\+)?https?:\/\//.test(repo) ? { repository: repo } : {}) };
        return toolInfo;
      }
    } catch {
      // no package.json here: keep climbing
    }
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  toolInfo = { version: '0.0.0' };
  return toolInfo;
}

/** Artifact location of a span's file: relative to cwd under %SRCROOT%, else an absolute file: URI. */
function artifactUri(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = nodePath.isAbsolute(file) ? file : nodePath.resolve(cwd, file);
  const rel = nodePath.relative(cwd, abs);
  const climbs = rel === '..' || rel.startsWith(`..${nodePath.sep}`) || nodePath.isAbsolute(rel);
  if (climbs) return { uri: pathToFileURL(abs).href };
  // a lone surrogate cannot be percent-encoded (URIError): it becomes U+FFFD, never a crash
  const wellFormed = (x: string) => x.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return { uri: rel.split(nodePath.sep).map((x) => encodeURIComponent(wellFormed(x))).join('/'), uriBaseId: '%SRCROOT%' };
}

/** JSON-safe copy of a value (bigint → decimal string, undefined fields dropped). */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)));
}

const SNIPPET_MAX = 400;

/** Build the SARIF log object (exported for tests and for tools that post-process it). */
export function buildSarif(r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string, tool: ToolInfo = toolInfoOf()): Record<string, unknown> {
  const codes = ruleCodes(r);
  const ruleIndex = new Map(codes.map((c, i) => [c, i] as const));
  const rules = codes.map((code) => {
    const e: { severity: Severity; title: string } = (CATALOG as Record<string, { severity: Severity; title: string } | undefined>)[code] ?? { severity: 'error', title: code };
    const t = (RULE_TEXT as Record<string, { name: string; full: string } | undefined>)[code];
    const full = t?.full ?? `${e.title}。`;
    const spec = specSection(code);
    const helpUri = tool.repository ? repositoryFileUri(tool.repository, spec) : undefined;
    const accept = '如确认这是官方文本本身的性质，可在政策中把该项发现记录为“接受”，并写明理由。';
    return {
      id: code,
      name: t?.name ?? code,
      shortDescription: { text: e.title },
      fullDescription: { text: full },
      // the title is shortDescription already: help says what the finding means and what to do
      help: { text: `${full}${accept}规范：${spec}`, markdown: `${full}${accept}\n\n规范：[${code}（grammar/README.md §13）](${helpUri ?? spec})` },
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: sarifLevel(e.severity) },
      properties: { tags: ['zhengce', 'verification'], spec },
    };
  });

  const artifacts: Record<string, unknown>[] = [];
  const artifactIndex = new Map<string, number>();
  const artifactOf = (file: string): { uri: string; uriBaseId?: string; index: number } => {
    const loc = artifactUri(file, cwd);
    let i = artifactIndex.get(file);
    if (i === undefined) {
      i = artifacts.length;
      artifactIndex.set(file, i);
      const sf = files.get(file);
      artifacts.push({
        location: { ...loc },
        roles: ['analysisTarget'],
        ...(sf
          ? { length: Buffer.byteLength(sf.text, 'utf8'), encoding: 'UTF-8', hashes: { 'sha-256': createHash('sha256').update(sf.text, 'utf8').digest('hex') } }
          : {}),
        ...(/\.zc$/u.test(file) ? { sourceLanguage: 'zhengce' } : {}),
      });
    }
    return { ...loc, index: i };
  };

  const physical = (span: Span): Record<string, unknown> | undefined => {
    if (!span.file) return undefined;
    const sf = files.get(span.file);
    const artifactLocation = artifactOf(span.file);
    if (!sf) return { artifactLocation, region: { charOffset: Math.max(0, span.start), charLength: Math.max(0, span.end - span.start) } };
    const len = sf.text.length;
    const start = Math.max(0, Math.min(span.start, len));
    const end = Math.max(start, Math.min(span.end, len));
    const a = sf.lineCol(start);
    const b = sf.lineCol(end);
    const text = sf.text.slice(start, end);
    return {
      artifactLocation,
      region: {
        startLine: a.line + 1, startColumn: a.col + 1, endLine: b.line + 1, endColumn: b.col + 1,
        charOffset: start, charLength: end - start,
        ...(text && text.length <= SNIPPET_MAX ? { snippet: { text } } : {}),
      },
    };
  };

  const logical = (policy: string, c: { anchor: string; label: string }) => ({ name: c.label, fullyQualifiedName: `${policy}/${c.anchor}`, decoratedName: c.anchor });

  const results = r.findings.map((f) => {
    const pass = f.code === 'ZC0909';
    const phys = physical(f.span);
    const location: Record<string, unknown> = {
      ...(phys ? { physicalLocation: phys } : {}),
      ...(f.clauses.length ? { logicalLocations: [logical(f.policy, f.clauses[0]!)] } : {}),
    };
    const related: Record<string, unknown>[] = [];
    for (const x of f.related) {
      const p = physical(x.span);
      related.push({ id: related.length + 1, ...(p ? { physicalLocation: p } : {}), message: { text: x.message } });
    }
    for (const c of f.clauses.slice(1)) {
      related.push({ id: related.length + 1, logicalLocations: [logical(f.policy, c)], message: { text: `相关条款 ${c.label}（${c.anchor}）` } });
    }
    return {
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code)!,
      kind: pass ? 'pass' : 'fail',
      level: pass ? 'none' : sarifLevel(f.severity),
      message: { text: f.message },
      ...(Object.keys(location).length ? { locations: [location] } : {}),
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      ...(f.accepted ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.accepted }] } : {}),
      properties: {
        policy: f.policy,
        severity: f.severity,
        clauses: plain(f.clauses),
        subject: f.subject,
        engine: f.engine,
        proof: f.proof ?? null,
        witness: plain(f.witness),
        sides: plain(f.sides ?? []),
        replay: plain(f.replay),
      },
    };
  });

  const t = tool;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ZhengCe',
            fullName: 'ZhengCe 政策 verifier (zhengce verify)',
            ...(t.informationUri ? { informationUri: t.informationUri } : {}),
            version: t.version,
            semanticVersion: t.version,
            language: 'zh-CN',
            rules,
          },
        },
        automationDetails: { id: 'zhengce/verify/' },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: '运行 zhengce verify 的目录（项目根目录）' } } },
        artifacts,
        invocations: [{ executionSuccessful: true }],
        language: 'zh-CN',
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          policies: r.policies.map((p) => ({
            id: p.id, name: p.name, root: shownPath(p.root, cwd),
            smtQueries: p.stats.smtQueries, pbtCases: p.stats.pbtCases,
          })),
        },
      },
    ],
  };
}

/** SARIF 2.1.0 log (pretty-printed JSON, trailing newline). */
export function renderVerifySarif(r: VerifyReport, files: ReadonlyMap<string, SourceFile>, cwd: string): string {
  return JSON.stringify(buildSarif(r, files, cwd), null, 2) + '\n';
}
