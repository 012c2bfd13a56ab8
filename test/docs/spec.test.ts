/**
 * The language specification (grammar/README.md) against the compiler.
 * Input: the spec's Markdown and grammar/examples/. Output: pass/fail per example.
 *
 *  1. Every complete example grammar/examples/*.zc passes `zhengce check` (no error);
 *     every example file the spec shows under its name (`grammar/examples/x.zc`：) is
 *     shown verbatim, and every example file is shown or linked in the spec.
 *  2. Every wrong example — a ```zc block followed by “`zhengce check 例.zc` 输出” (or
 *     “`zhengce eval … 例.yaml` 输出”) and a ```text block — is run in a fresh
 *     directory (with grammar/examples/source.txt and any ```yaml block the spec names,
 *     e.g. `参数.yaml`：) and must print exactly the text shown, with the exit code the
 *     spec states (“（退出码 0）”, otherwise 1).
 *
 *  3. The tables the spec says are derived from the code are: §2.6 (keywords = tokens.ts),
 *     §13 (codes, severities and titles = catalog.ts), §14.2 (rule names = parser.ts).
 *  4. The evaluation claims of §15: the scenario files beside the §15 examples pass, and
 *     the parts of a decision a scenario cannot state (定义 trace, 前提不满足, 发放对象,
 *     生效.范围, 问题) are checked here.
 *
 * When the compiler's wording changes, this test fails until the spec is updated: the
 * spec quotes the checker verbatim, it is never paraphrased.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/project/program.js';
import { nodeHost } from '../../compiler/project/host.js';
import { main } from '../../compiler/cli/main.js';
import { CATALOG } from '../../compiler/diagnostics/catalog.js';
import { GLUE_KEYWORDS, WORD_KEYWORDS } from '../../compiler/syntax/tokens.js';
import { grammarRuleNames } from '../../compiler/syntax/parser.js';
import { findScenarioFiles, runScenarioFiles } from '../../compiler/cli/test.js';
import { loadPolicies } from '../../compiler/project/policies.js';
import { evaluate, evaluateExpr } from '../../compiler/interpret/interpreter.js';
import { validateInput } from '../../compiler/interpret/validate.js';
import type { Decision } from '../../compiler/interpret/decision.js';
import { REPO_DIR } from '../helpers/golden.js';
import { format } from '../../compiler/format/format.js';
import { parseFile } from '../../compiler/syntax/index.js';
import { SourceFile } from '../../compiler/common/source.js';

const SPEC = join(REPO_DIR, 'grammar', 'README.md');
const EXAMPLES = join(REPO_DIR, 'grammar', 'examples');
const spec = readFileSync(SPEC, 'utf8');

interface Fence {
  readonly lang: string;
  readonly body: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The non-blank lines of prose between the previous fence and this one. */
  readonly before: string;
}

/** The fenced blocks of a Markdown text, in order. */
function fences(text: string): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  let prose: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (!open) {
      if (lines[i]!.trim()) prose.push(lines[i]!.trim());
      continue;
    }
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
    out.push({ lang: open[2]!, body: body.join('\n') + '\n', line: i + 1, before: prose.join('\n') });
    prose = [];
    i = j;
  }
  return out;
}

const all = fences(spec);

describe('grammar/examples: every complete example passes `zhengce check`', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.zc')).sort();
  it('there are examples', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(f, () => {
      const r = compile([join(EXAMPLES, f)], nodeHost);
      const errors = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });
  }
  it('every example file is shown verbatim (or linked) in the spec', () => {
    const problems: string[] = [];
    for (const f of files) {
      if (!spec.includes(`examples/${f}`)) problems.push(`${f}: not mentioned in grammar/README.md`);
    }
    for (const fe of all) {
      const m = /`grammar\/examples\/([^`]+\.(?:zc|yaml))`：$/.exec(fe.before);
      if (!m) continue;
      const text = readFileSync(join(EXAMPLES, m[1]!), 'utf8');
      if (fe.body !== text) problems.push(`grammar/README.md:${fe.line}: the block differs from grammar/examples/${m[1]}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('grammar/examples: every input is a fact read off a document (DESIGN §7, derive, don\'t ask)', () => {
  it('no entity field is a conclusion the text defines (孩次, 资格, 是否符合…): those are 定义', () => {
    const conclusion = /孩次|资格|符合|享受|可领取/;
    const fields = readdirSync(EXAMPLES).filter((f) => f.endsWith('.zc')).flatMap((f) => {
      const ast = parseFile(new SourceFile(f, readFileSync(join(EXAMPLES, f), 'utf8'))).value.ast;
      return ast.items.flatMap((d) => (d.kind === 'entity' ? d.fields.map((x) => `${f}: ${d.name.text}.${x.name.text}`) : []));
    });
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((x) => conclusion.test(x.split('.').pop()!))).toEqual([]);
  });
});

describe('grammar/README.md: the spec shows the house style', () => {
  it('every ```zc block that is not a wrong example for `zhengce check` is as `zhengce fmt` prints it', () => {
    // A wrong example's output quotes lines and columns of the text as written, so its
    // layout is part of what it shows; a block that does not parse is a fragment.
    const checked = new Set<Fence>();
    let last: Fence | undefined;
    for (const fe of all) {
      if (fe.lang === 'zc') last = fe;
      else if (fe.lang === 'text' && last && /`zhengce check[^`]*` 输出/.test(fe.before)) {
        checked.add(last);
        last = undefined;
      }
    }
    const shown = all.filter((fe) => fe.lang === 'zc' && !checked.has(fe));
    expect(shown.length).toBeGreaterThan(20);
    const unformatted = shown.filter((fe) => {
      const r = format(new SourceFile('例.zc', fe.body));
      return r.value !== undefined && r.value !== fe.body;
    });
    expect(unformatted.map((fe) => `grammar/README.md:${fe.line}`)).toEqual([]);
  });
});

interface Case {
  readonly line: number;
  readonly command: string[];
  readonly files: Record<string, string>;
  readonly expected: string;
  readonly exit: number;
}

/** The wrong examples: input blocks, the command and the output the spec shows. */
function cases(): Case[] {
  const out: Case[] = [];
  let zc: Fence | undefined;
  let extra: Record<string, string> = {};
  for (const fe of all) {
    const cmd = /`(zhengce (?:check|eval)[^`]*)` 输出(（退出码 (\d)）)?：$/.exec(fe.before);
    if (fe.lang === 'text' && cmd) {
      if (!zc) throw new Error(`grammar/README.md:${fe.line}: output without a preceding zc block`);
      out.push({
        line: fe.line, command: cmd[1]!.split(/\s+/).slice(1), files: { '例.zc': zc.body, ...extra },
        expected: fe.body, exit: cmd[3] !== undefined ? Number(cmd[3]) : 1,
      });
      zc = undefined;
      extra = {};
      continue;
    }
    if (fe.lang === 'zc') {
      zc = fe;
      extra = {};
      continue;
    }
    const named = /`([^`/]+\.yaml)`：$/.exec(fe.before);
    if (fe.lang === 'yaml' && named && zc) extra[named[1]!] = fe.body;
  }
  return out;
}

/** Run one command the way a user would, in a fresh directory holding the case's files. */
async function run(c: Case): Promise<{ text: string; exit: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'zhengce-spec-'));
  const cwd = process.cwd();
  try {
    copyFileSync(join(EXAMPLES, 'source.txt'), join(dir, 'source.txt'));
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    process.chdir(dir);
    let text = '';
    const io = { out: (s: string) => { text += s; }, err: (s: string) => { text += s; }, cwd: dir, color: false };
    const exit = await main(c.command, io);
    return { text, exit };
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('grammar/README.md: every wrong example prints what the spec shows', () => {
  const cs = cases();
  it('there are wrong examples for every code the spec documents', () => {
    expect(cs.length).toBeGreaterThan(60);
    const shown = new Set(cs.flatMap((c) => [...c.expected.matchAll(/\[(ZC\d{4})\]/g)].map((m) => m[1]!)));
    for (const code of ['ZC0410', 'ZC0513', 'ZC0514', 'ZC0805']) expect(shown, code).toContain(code);
  });
  for (const c of cs) {
    it(`grammar/README.md:${c.line} (${c.command.join(' ')})`, async () => {
      const r = await run(c);
      expect(r.text).toBe(c.expected);
      expect(r.exit).toBe(c.exit);
    });
  }
});

/** The text of a section, from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const i = spec.indexOf(heading);
  if (i < 0) throw new Error(`no section ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = spec.slice(i + heading.length);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('grammar/README.md: tables derived from the code', () => {
  it('§2.6 lists exactly the keywords of tokens.ts (operator words, structural words)', () => {
    const s26 = section('### 2.6 关键字');
    const table = (title: string): string[] => {
      const t = s26.slice(s26.indexOf(title));
      const rows = t.slice(t.indexOf('\n|')).split('\n\n')[0]!;
      return [...rows.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
    };
    expect(new Set(table('**表一'))).toEqual(new Set(GLUE_KEYWORDS));
    expect(new Set(table('**表二'))).toEqual(new Set(WORD_KEYWORDS));
    expect(s26).toContain(`**表一　运算词**（${GLUE_KEYWORDS.length} 个）`);
    expect(s26).toContain(`**表二　结构词**（${WORD_KEYWORDS.length} 个）`);
  });

  it('§13 lists every catalog code with its severity and title (an explanation may follow in brackets)', () => {
    const rows = new Map<string, string[]>();
    for (const m of section('## 13 诊断代码表').matchAll(/^\| (?:<a id=\"zc\d{4}\"><\/a>)?(ZC\d{4}) \| ([^|]*) \| ([^|]*) \| ([^|]*) \| ([^|]*) \|$/gm)) rows.set(m[1]!, [m[2]!, m[3]!, m[4]!]);
    const sev = { error: '错误', warning: '警告', info: '信息', hint: '提示' } as const;
    const problems: string[] = [];
    for (const [code, e] of Object.entries(CATALOG)) {
      const r = rows.get(code);
      if (!r) { problems.push(`${code}: missing`); continue; }
      if (r[0] !== sev[e.severity]) problems.push(`${code}: severity ${r[0]} ≠ ${sev[e.severity]}`);
      if (r[1] !== e.title && !r[1]!.startsWith(`${e.title}（`)) problems.push(`${code}: title “${r[1]}” ≠ “${e.title}”`);
      if (!!(e as { reserved?: boolean }).reserved !== r[2]!.includes('保留')) problems.push(`${code}: 现状 “${r[2]}” vs reserved=${!!(e as { reserved?: boolean }).reserved}`);
    }
    for (const code of rows.keys()) if (!(code in CATALOG)) problems.push(`${code}: not in the catalog`);
    expect(problems).toEqual([]);
  });

  it('§14.2 defines exactly the rules of parser.ts', () => {
    const ebnf = section('### 14.2 语法');
    const defined = new Set([...ebnf.matchAll(/^([a-zA-Z]+)\s+=/gm)].map((m) => m[1]!));
    const helpers = new Set(['numberPart', 'cmpOp']);
    expect([...defined].filter((r) => !helpers.has(r)).sort()).toEqual([...grammarRuleNames()].sort());
  });
});

describe('grammar/README.md §15: the evaluation claims', () => {
  const files = findScenarioFiles(nodeHost, [EXAMPLES]);
  const run = runScenarioFiles(files, [EXAMPLES], nodeHost);
  it('every §15 example has a scenario file, and the scenario files are valid', () => {
    for (const f of readdirSync(EXAMPLES).filter((x) => x.startsWith('15-') && x.endsWith('.zc'))) {
      expect(files.map((x) => x.slice(x.lastIndexOf('/') + 1))).toContain(f.replace(/\.zc$/, '.yaml'));
    }
    expect(run.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(run.results.length).toBeGreaterThan(25);
  });
  for (const r of run.results) {
    it(`${r.scenario.file.slice(r.scenario.file.lastIndexOf('/') + 1)} » ${r.scenario.name}`, () => {
      expect(r.problems).toEqual([]);
      expect(r.passed).toBe(true);
    });
  }

  const { policies } = loadPolicies([EXAMPLES], nodeHost);
  const ir = (name: string) => policies.find((p) => p.ir.policy.name === name)!.ir;
  const decision = (policy: string, facts: unknown, date: string, measure: string): Decision =>
    evaluate(ir(policy), facts, date, []).决定.find((d) => d.措施 === measure)!;

  it('§15.1/§15.13: the 定义 trace names the instance (0-based path), the value, the clause and the 原文', () => {
    const d = decision('列表示例', {
      家庭: {
        夫妻: [{ 户籍: '本县' }],
        子女: [
          { 出生日期: '2016-05-01', 户籍: '本县', 同胎序号: 1 }, { 出生日期: '2024-03-05', 户籍: '本县', 同胎序号: 2 },
          { 出生日期: '2024-03-05', 户籍: '本县', 同胎序号: 1 }, { 出生日期: '2018-01-01', 户籍: '本县', 同胎序号: 1 },
        ],
      },
    }, '2024-06-01', '生育补贴');
    expect(d.定义!.filter((t) => t.定义 === '人.孩次').map((t) => `${t.实例}=${t.值}`).sort())
      .toEqual(['家庭.子女[0]=1', '家庭.子女[1]=4', '家庭.子女[2]=3', '家庭.子女[3]=2']);
    expect(d.定义!.find((t) => t.定义 === '夫妻至少一方户籍在本县')).toEqual({ 定义: '夫妻至少一方户籍在本县', 值: '是', 原文: ['夫妻至少一方户籍在本县'] });
    const c = decision('定义示例', { 家庭: { 子女数: 3, 本人户籍在本县: true } }, '2024-06-01', '生育补贴');
    expect(c.定义!.find((t) => t.定义 === '三孩家庭')).toEqual({ 定义: '三孩家庭', 值: '是', 条款: '二（一）', 原文: ['生育三孩及以上的'] });
    expect(c.定义!.find((t) => t.定义 === '家庭.多孩家庭')).toMatchObject({ 实例: '家庭', 值: '是' });
  });

  it('§15.3: the condition trace counts elements from 1', () => {
    const d = decision('列表示例', { 家庭: { 夫妻: [{ 户籍: '本县' }], 子女: [{ 出生日期: '2020-01-01', 同胎序号: 1 }, { 出生日期: '2021-01-01', 同胎序号: 1 }, { 出生日期: '2022-01-01', 同胎序号: 1 }] } }, '2024-06-01', '生育补贴');
    const cond = d.规则.find((r) => r.规则 === '三孩补贴')!.条件.find((c) => c.条件.includes('至少一个满足'))!;
    expect(cond.取值['家庭.子女']).toBe('3个，满足 1 个（第3个），不满足 2 个（第1、2个）');
  });

  it('§15.5: ascending by the key, ties keep input order; too few elements is unknown, naming the list and N', () => {
    const p = ir('列表示例');
    const def = (name: string) => p.definitions.find((d) => d.name === name)!.expr;
    const at = (kids: unknown[]) => {
      const v = validateInput(p, { 家庭: { 子女: kids } }, '2024-06-01', []);
      return (name: string) => evaluateExpr(p, def(name), v.facts, v.evalDay);
    };
    const two = at([{ 出生日期: '2020-01-01', 户籍: '外县' }, { 出生日期: '2018-01-01', 户籍: '本县' }, { 出生日期: '2020-01-01', 户籍: '本县' }]);
    expect(two('长子女出生日期').value).toBe(validateInput(p, {}, '2018-01-01', []).evalDay);
    expect(two('次子女户籍').value).toBe('外县'); // two children born 2020-01-01: the first in the input comes first
    const one = at([{ 出生日期: '2020-01-01' }]);
    expect(one('次子女户籍')).toEqual({ value: null, missing: ['家庭.子女（只有 1 个，没有第 2 个）'] });
  });

  it('§15.7: the decisions state the effective-date range; a would-be-适用 measure inside it is 存疑 without results', () => {
    const all = evaluate(ir('施行日示例'), { 婴幼儿: { 出生日期: '2023-10-01', 户籍在本县: true } }, '2024-03-15', []);
    expect(all.生效).toEqual({ 范围: { 最早: '2024-01-01', 最晚: '2024-03-31' }, 说明: '假设原文只写“自印发之日起施行”，而印发日期只知道在2024年第一季度内' });
    const d = all.决定.find((x) => x.措施 === '育儿指导')!;
    expect(d.理由).toContain('评估日期可能早于施行日（2024-01-01 至 2024-03-31 之间，确切日期未知）：若尚未施行则不适用');
    expect(d.问题).toEqual([{ 类别: '未知', 结果: '可享受指导', 规则: ['本县户籍'] }]);
    const m = decision('施行日示例', { 托育机构: { 设立日期: '2024-03-01' } }, '2024-06-01', '新设机构补助');
    expect(m.理由).toContain('结果“申报截止日”的值取决于不确定的日期：施行日（2024-01-01 至 2024-03-31 之间，确切日期未知）');
    expect(m.结果['补助金额']!.值).toBe('10000.00');
  });

  it('§15.10: violated assumptions are listed; unknown ones are not', () => {
    const facts = (n: number, share?: string) => ({ 家庭: { 子女数: n, 收入增减: '-10.00', ...(share ? { 分担比例: share } : {}) } });
    expect(evaluate(ir('数值示例'), facts(21, '120%'), '2024-06-01', []).前提不满足).toEqual([
      { 名称: '子女数合理', 说明: '编码只考虑子女不超过20人的家庭' }, { 名称: '分担比例不超过全部' },
    ]);
    expect(evaluate(ir('数值示例'), facts(2), '2024-06-01', []).前提不满足).toBeUndefined();
  });

  it('§15.11: decisions name the entity evaluated and the recipient; the application cites the annex clause', () => {
    const facts = { 婴幼儿: { 出生日期: '2023-01-15', 户籍在本县: true, 入托机构已备案: true, 申请人是监护人: true } };
    const d = decision('发放对象示例', facts, '2024-06-01', '托育补贴');
    expect([d.对象, d.发放对象]).toEqual(['婴幼儿', '托育机构']);
    expect(d.申请).toMatchObject({ 措施: '托育补贴申请条件', 状态: '适用', 条款: { 锚点: 'annex_1', 标签: '附件1' } });
    expect(d.可领取!.结果['补贴金额']!.值).toBe('300.00');
    const leave = decision('发放对象示例', { 女职工: { 分娩日期: '2024-05-20', 子女: [{ 出生日期: '2017-03-02', 同胎序号: 1 }, { 出生日期: '2020-08-15', 同胎序号: 1 }, { 出生日期: '2024-05-20', 同胎序号: 1 }] } }, '2024-06-01', '延长产假');
    expect(leave.发放对象).toBe('女职工本人（由用人单位落实）');
    expect(leave.申请).toBeUndefined();
  });
});
