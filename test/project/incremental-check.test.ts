/**
 * Property: the incremental check (compiler/semantics/incremental.ts, used by `compile` with a
 * long-lived ParseCache, as the language server keeps one) gives what a fresh whole-program
 * compile gives, after every edit of random edit sequences — each step building on the previous
 * incremental state, so a drift would accumulate:
 *  - the compile's diagnostics and each program's (code, span, message, related, fixes);
 *  - what the services read from the reused binding: symbols (ids and spans), references (as a
 *    set), the type and resolution of every expression (by position in the AST);
 *  - hover, go-to-definition and completion at random offsets (compiler/services).
 * Also the binding (symbols, references, clauses) when it was made incrementally
 * (compiler/semantics/binder.ts `bindIncrementally`: only the declarations an edit replaced are declared
 * again, and the references of those that referred to a name they declared or declare are resolved again).
 * Scripted edits typing inside names a character at a time (renames at a declaration and at a use, a
 * duplicate name appearing and disappearing, a syntax error typed and repaired, binder diagnostics moved
 * by an edit before them), in the sample's policy and the file it imports and in the county's chapter.
 * Edits: renames of declared names (at the declaration or at a use), declarations added and
 * deleted, random fragments (among them a lone '"', '{' or '}': blocks merged and split, a string
 * running to the end of the file), deletions and undos — in the policy file and in the file it
 * imports (类型.zc: entities and enums referenced from the other file); the sample policy and the
 * county's (定义, 前提, lists, quantifiers).
 *
 * Seeded by test/helpers/seed.ts (ZC_SEED overrides). ZC_INCREMENTAL_CHECK_RUNS scales the runs.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile, memoryHost, nodeHost, ParseCache, type CompileResult } from '../../compiler/index.js';
import { programSetOf } from '../../compiler/services/program-set.js';
import { hoverAt } from '../../compiler/services/hover.js';
import { definition } from '../../compiler/services/navigation.js';
import { complete } from '../../compiler/services/completion.js';
import { lastIncremental } from '../../compiler/semantics/incremental.js';
import { bindTuning, lastBind } from '../../compiler/semantics/binder.js';
import { lastCompile } from '../../compiler/project/program.js';
import { INVALID_UTF8 } from '../../compiler/project/host.js';

const ROOT = join(import.meta.dirname, '..', '..', 'policies');
// (bindStructurally is tried only for programs of a few hundred declarations: these are smaller)
bindTuning.minRedeclared = 0;
const RUNS = Number(process.env['ZC_INCREMENTAL_CHECK_RUNS'] ?? 12);
const EDITS = 12;

function workspace(dir: string, files: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) out[join('/ws', dir, f)] = readFileSync(join(ROOT, dir, f), 'utf8');
  return out;
}
const SAMPLE = workspace('sample', ['示例.zc', '类型.zc', 'source.txt', '参数.yaml']);
const COUNTY = workspace('luanchuan', readdirSync(join(ROOT, 'luanchuan')).filter((f) => /\.(zc|yaml|txt)$/.test(f) && f !== 'events.yaml'));

// declared names of both policies (renamed at one occurrence: a declaration or a use)
const NAMES = ['家庭', '子女数', '婴幼儿', '出生日期', '性别', '女职工', '生育补助', '补助金额', '二孩补助', '三孩补助', '法定产假天数', '县卫健委', '子女', '孩次', '户籍', '申请人', '参保'];
const FRAGMENTS = [
  '措施 「新措施」 {\n对象：家庭\n结果 额：金额 一次性\n规则 甲 {\n条件：家庭.子女数 ≥ 2\n额 = 1元\n}\n}\n', '实体 家庭 {\n人数：整数\n}\n', '实体 新实体 {\n子女数：整数\n}\n',
  '定义 家庭.「新定义」 = 家庭.子女数 ≥ 2\n', '定义 「全局定义」：是否 = 真\n', '指标 「新指标」 = 5000元 + 300元\n', '指标 「引用指标」：金额 = 「新指标」\n',
  '牵头单位：县财政局\n', ' 例外于 二孩补助', '原文："甲"\n',
  '枚举 性别 { 男、女、未知 }\n', '枚举 颜色 { 女、红 }\n', '参数 「新参数」：金额 来自 "参数.yaml"\n', '性质 「新性质」 {\n断言：家庭.子女数 ≥ 0\n}\n',
  '前提 「新前提」 {\n条件：家庭.子女数 ≥ 0\n}\n', '家庭.子女数', ' 并且 家庭.「新定义」', '女职工.性别 为 女', '「', '」', '"', '}', '{', '\n', '甲', '1', ' ≥ 3', '定义 ',
];

type Edit = { kind: 'rename' | 'insert' | 'delete' | 'undo'; file: number; a: number; b: number; text: string; name: number };
const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('rename', 'rename', 'insert', 'insert', 'delete', 'undo'),
  file: fc.nat(9),
  a: fc.double({ min: 0, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 0.03, noNaN: true }),
  text: fc.constantFrom(...FRAGMENTS),
  name: fc.nat(NAMES.length * 4),
}) as fc.Arbitrary<Edit>;

/** Offsets at line starts (insertions of declarations) or anywhere (fragments). */
function apply(text: string, e: Edit): string {
  const at = Math.floor(e.a * text.length);
  const safe = (i: number) => (i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00 ? i - 1 : i);
  if (e.kind === 'rename') {
    const name = NAMES[e.name % NAMES.length]!;
    const hits: number[] = [];
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) hits.push(i);
    if (!hits.length) return text;
    const i = hits[Math.floor(e.a * hits.length)]!;
    const to = e.name % 3 === 0 ? name + '乙' : e.name % 3 === 1 ? NAMES[(e.name + 1) % NAMES.length]! : name.slice(1) || '丙';
    return text.slice(0, i) + to + text.slice(i + name.length);
  }
  if (e.kind === 'insert') {
    const i = e.text.endsWith('\n') ? text.lastIndexOf('\n', at) + 1 : safe(at);
    return text.slice(0, i) + e.text + text.slice(i);
  }
  const i = safe(at);
  const j = safe(Math.min(text.length, i + 1 + Math.floor(e.b * text.length)));
  return text.slice(0, i) + text.slice(j);
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

/** The type and resolution of every expression of a program, in AST order (by position, not identity). */
function typesInOrder(r: CompileResult): string[] {
  const out: string[] = [];
  for (const p of r.programs) {
    const { types, resolutions } = p.checked;
    const seen = new Set<object>();
    const walk = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || seen.has(v)) return;
      seen.add(v);
      const t = types.get(v as never);
      const res = resolutions.get(v as never);
      if (t || res) out.push(`${p.root}|${(v as { span: { file: string; start: number } }).span.file}:${(v as { span: { start: number } }).span.start}|${JSON.stringify(t)}|${JSON.stringify(res)}`);
      if (Array.isArray(v)) v.forEach(walk);
      else for (const k in v as object) if (k !== 'span') walk((v as Record<string, unknown>)[k]);
    };
    for (const f of [...p.checked.files.keys()].sort()) walk(p.checked.files.get(f)!.ast);
    out.push(`${p.root} types ${types.size} resolutions ${resolutions.size}`);
  }
  return out;
}

function bindingOf(r: CompileResult) {
  return r.programs.map((p) => ({
    root: p.root,
    diagnostics: plain(p.diagnostics),
    symbols: [...p.checked.symbols.values()].map((s) => `${s.id}|${s.nameSpan.file}:${s.nameSpan.start}-${s.nameSpan.end}|${s.span.start}-${s.span.end}|${s.clause ?? ''}`).sort(),
    references: p.checked.references.map((x) => `${x.span.file}:${x.span.start}-${x.span.end}>${x.target}`).sort(),
    clauses: p.checked.clauses.map((c) => `${c.anchor}|${c.label}|${c.decl.span.start}`),
  }));
}

function servicesAt(r: CompileResult, path: string, offsets: number[]) {
  const ws = programSetOf(r, 1);
  const today = { y: 2024, m: 6, d: 1 } as Parameters<typeof hoverAt>[3];
  return offsets.map((o) => ({
    o,
    hover: hoverAt(ws as never, path, o, today) ?? null,
    definition: definition(ws, path, o),
    completion: complete(ws, path, o).items.map((i) => i.label).sort(),
  }));
}

function property(name: string, files: Record<string, string>, editable: string[], runs: number) {
  const paths = Object.keys(files).filter((p) => p.endsWith('.zc'));
  let steps = 0;
  let reused = 0;
  let rebound = 0;
  let restored = 0;
  test(name, () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: EDITS, maxLength: EDITS }), (edits) => {
        const texts = { ...files };
        const history: Record<string, string>[] = [];
        const cache = new ParseCache();
        compile(paths, memoryHost(texts, nodeHost), cache);
        for (const e of edits) {
          const path = editable[e.file % editable.length]!;
          history.push({ ...texts });
          if (e.kind === 'undo' && history.length > 2) Object.assign(texts, history[history.length - 3]);
          else texts[path] = apply(texts[path]!, e);
          const inc = compile(paths, memoryHost(texts, nodeHost), cache);
          steps++;
          if (!lastIncremental.fallback) reused++;
          if (lastBind.incremental) rebound++;
          if (lastCompile.reused) restored++;
          const fresh = compile(paths, memoryHost(texts, nodeHost), new ParseCache());
          expect(plain(inc.diagnostics)).toEqual(plain(fresh.diagnostics));
          expect(bindingOf(inc)).toEqual(bindingOf(fresh));
          expect(typesInOrder(inc)).toEqual(typesInOrder(fresh));
          const len = texts[path]!.length;
          const offsets = [0.2, 0.7].map((x) => Math.floor(((x + e.a) % 1) * len));
          expect(plain(servicesAt(inc, path, offsets))).toEqual(plain(servicesAt(fresh, path, offsets)));
        }
      }),
      { numRuns: runs },
    );
    // the incremental path is taken, not only its fallback
    console.log(`${name}: ${steps} edits, ${reused} checked incrementally, ${rebound} bound incrementally, ${restored} reused a kept compilation whole`);
    expect(reused).toBeGreaterThan(steps / 4);
    // … and the incremental binding (binder.ts bindIncrementally), not only the whole one
    expect(rebound).toBeGreaterThan(0);
  }, 300_000);
}

property('sample policy: incremental check = whole-program check after every edit', SAMPLE, ['/ws/sample/示例.zc', '/ws/sample/示例.zc', '/ws/sample/类型.zc'], RUNS);
property('county policy: incremental check = whole-program check after every edit', COUNTY, ['/ws/luanchuan/第四章.zc', '/ws/luanchuan/类型.zc', '/ws/luanchuan/第四章.zc'], Math.max(2, Math.round(RUNS / 8)));

// The binder checks a declaration against others (申请条件: the target's rules and 对象): an edit of the
// target alone must change the other's diagnostics as a whole binding does — bindIncrementally binds a
// replaced declaration again only when nothing the binder reads of it changed (its binding signature).
test('an edit of a measure that another names as its 申请条件 gives the diagnostics of a whole compile', () => {
  const path = '/ws/app/例.zc';
  const text = '实体 幼儿 { 孩次：整数 }\n实体 家庭 { 子女数：整数 }\n条款 一、 {\n  措施 甲 { 对象：幼儿  申请条件：乙  结果 额：金额  规则 r { 额 = 1元 } }\n  措施 乙 { 对象：幼儿  结果 可：是否  规则 r { 可 = 是 } }\n}\n';
  const cache = new ParseCache();
  const first = compile([path], memoryHost({ [path]: text }, nodeHost), cache);
  expect(first.diagnostics.filter((d) => d.code === 'ZC0407')).toEqual([]);
  let rebound = 0;
  // 乙's 对象 changed, then its rule removed (申请条件 without rules), then typed back
  const edits = [text.replace('措施 乙 { 对象：幼儿', '措施 乙 { 对象：家庭'), text.replace('规则 r { 可 = 是 } }', '}'), text, text.replace('可 = 是', '可 = 否')];
  for (const t of edits) {
    const inc = compile([path], memoryHost({ [path]: t }, nodeHost), cache);
    if (lastBind.incremental) rebound++;
    const fresh = compile([path], memoryHost({ [path]: t }, nodeHost), new ParseCache());
    expect(plain(inc.diagnostics)).toEqual(plain(fresh.diagnostics));
    expect(bindingOf(inc)).toEqual(bindingOf(fresh));
  }
  expect(rebound).toBeGreaterThan(0); // (the last edits are bound incrementally)
});

// An edit that restores a text compiled before (a character typed and deleted, an undo) — the parse in
// between with syntax errors, or without any and made from it: the ParseCache gives the earlier parse back
// and compile reuses that parse's compilation whole (compiler/project/program.ts KEPT_PROGRAMS) — equal to
// a fresh compile, and the next edits start from its binding and check.
test('restoring a text compiled before reuses its compilation; equal to a whole compile, also for the edits after it', () => {
  const path = '/ws/sample/示例.zc';
  const paths = Object.keys(SAMPLE).filter((p) => p.endsWith('.zc'));
  const base = SAMPLE[path]!;
  const at = base.indexOf('规则');
  const texts = { ...SAMPLE };
  const cache = new ParseCache();
  compile(paths, memoryHost(texts, nodeHost), cache);
  const steps: { text: string; reused: boolean }[] = [
    { text: base.slice(0, at) + '}' + base.slice(at), reused: false }, // a syntax error
    { text: base, reused: true }, // deleted again
    { text: base.slice(0, at) + '"' + base.slice(at), reused: false }, // a string to the end of the file
    { text: base.slice(0, at) + '""' + base.slice(at), reused: false }, // still an error
    { text: base, reused: true }, // undone twice
    { text: base.replace('二孩补助', '二孩补助乙'), reused: false }, // a rename from the restored state (moves its nodes)
    { text: base, reused: true }, // back: the parse in between had no error and kept the one it was made from
    { text: base.replace('二孩补助', '二孩补助乙'), reused: false }, // again (a new parse: its compilation is not the one before)
    { text: base.replace('二孩补助', '二孩补助乙丙'), reused: false }, // a second error-free edit
    { text: base, reused: false }, // back two of them: the first one's parse was let go when the second was made from it
    { text: base.replace('二孩补助', '二孩补助乙丙'), reused: true }, // forward again: the second one's, kept by the parse made from it
    { text: base, reused: false },
    { text: base.slice(0, at) + '{' + base.slice(at), reused: false },
    { text: base, reused: true },
  ];
  steps.forEach((s, k) => {
    texts[path] = s.text;
    const inc = compile(paths, memoryHost(texts, nodeHost), cache);
    expect(lastCompile.reused > 0, `step ${k}`).toBe(s.reused);
    const fresh = compile(paths, memoryHost(texts, nodeHost), new ParseCache());
    expect(plain(inc.diagnostics)).toEqual(plain(fresh.diagnostics));
    expect(bindingOf(inc)).toEqual(bindingOf(fresh));
    expect(typesInOrder(inc)).toEqual(typesInOrder(fresh));
    const offsets = [0.1, 0.4, 0.8].map((x) => Math.floor(x * s.text.length));
    expect(plain(servicesAt(inc, path, offsets))).toEqual(plain(servicesAt(fresh, path, offsets)));
  });
  // a parameter file read by the kept compilation changed: not reused
  texts[path] = base.slice(0, at) + '}' + base.slice(at);
  compile(paths, memoryHost(texts, nodeHost), cache);
  texts[path] = base;
  texts['/ws/sample/参数.yaml'] = texts['/ws/sample/参数.yaml']!.replace(/已确认: false/g, '已确认: true');
  const inc = compile(paths, memoryHost(texts, nodeHost), cache);
  expect(lastCompile.reused).toBe(0);
  expect(plain(inc.diagnostics)).toEqual(plain(compile(paths, memoryHost(texts, nodeHost), new ParseCache()).diagnostics));
});

// A member whose bytes are not UTF-8 is compiled as an empty parse (ZC0002): the very parse of an empty
// file. A compilation kept for the empty file is not the compilation of the invalid one.
test('a kept compilation is not reused for a member that became invalid UTF-8 (the same empty parse)', () => {
  const root = '/ws/x/政策.zc';
  const texts: Record<string, string> = { [root]: '导入 "空.zc"\n政策 「甲」 { 生效：2024年3月1日 }\n', '/ws/x/空.zc': '' };
  const cache = new ParseCache();
  for (const t of ['', INVALID_UTF8, '', INVALID_UTF8]) {
    texts['/ws/x/空.zc'] = t;
    const inc = compile([root], memoryHost(texts, nodeHost), cache);
    const fresh = compile([root], memoryHost(texts, nodeHost), new ParseCache());
    expect(plain(inc.diagnostics)).toEqual(plain(fresh.diagnostics));
    expect(inc.diagnostics.some((d) => d.code === 'ZC0002')).toBe(t === INVALID_UTF8);
  }
});

// Typing inside names, one character at a time (the common edit): a declaration renamed, a reference
// changed, a name declared twice appearing and disappearing, a syntax error typed and repaired, in one
// file of a multi-file program (the policy, the types file it imports; the county's chapter). Every step
// equals a whole compile; the name changes are bound incrementally (binder.ts bindIncrementally: the
// renamed declaration's symbols in place of its old ones, the declarations that referred to the old or the
// new name resolved again) — and a binder diagnostic kept across an edit moves with its declaration.
/** `incremental`: bound incrementally — replacing the edited declarations (true) or declaring all of them again ('redeclared': bindStructurally) — or whole (false). */
type Step = [file: string, edit: (t: string) => string, incremental?: boolean | 'redeclared', code?: string];
const typeAt = (marker: string, ch: string, after = 0) => (t: string) => { const i = t.indexOf(marker, after) + marker.length; return t.slice(0, i) + ch + t.slice(i); };
const eraseAt = (marker: string, n: number) => (t: string) => { const i = t.indexOf(marker) + marker.length; return t.slice(0, i - n) + t.slice(i); };
const swap = (from: string, to: string) => (t: string) => t.replace(from, to);

function typing(files: Record<string, string>, steps: Step[]) {
  const paths = Object.keys(files).filter((p) => p.endsWith('.zc'));
  const texts = { ...files };
  const cache = new ParseCache();
  compile(paths, memoryHost(texts, nodeHost), cache);
  let rebound = 0;
  let renamed = 0;
  let checked = 0;
  let reusedWhole = 0;
  steps.forEach(([file, edit, incremental, code], k) => {
    const before = texts[file]!;
    texts[file] = edit(before);
    expect(texts[file], `step ${k} changes the text`).not.toBe(before);
    const inc = compile(paths, memoryHost(texts, nodeHost), cache);
    const bound = lastBind.incremental && !lastCompile.reused;
    if (bound) rebound++;
    if (!lastCompile.reused && !lastIncremental.fallback) checked++;
    if (lastCompile.reused) reusedWhole++;
    if (bound && lastBind.renamed) renamed++;
    // (a text of the step before, whose parse the ParseCache gives back: its compilation reused whole)
    if (incremental !== undefined && !lastCompile.reused) {
      expect(bound, `step ${k}: bound incrementally (${lastBind.why})`).toBe(incremental !== false);
      if (bound) expect(lastBind.redeclared, `step ${k}: declared again (${lastBind.why})`).toBe(incremental === 'redeclared');
    }
    const fresh = compile(paths, memoryHost(texts, nodeHost), new ParseCache());
    expect(plain(inc.diagnostics), `step ${k}`).toEqual(plain(fresh.diagnostics));
    if (code) expect(inc.diagnostics.map((d) => d.code), `step ${k}`).toContain(code);
    expect(bindingOf(inc), `step ${k}`).toEqual(bindingOf(fresh));
    expect(typesInOrder(inc), `step ${k}`).toEqual(typesInOrder(fresh));
    const offsets = [0.15, 0.5, 0.85].map((x) => Math.floor(x * texts[file]!.length));
    expect(plain(servicesAt(inc, file, offsets)), `step ${k}`).toEqual(plain(servicesAt(fresh, file, offsets)));
  });
  return { rebound, renamed, incremental: checked, reusedWhole };
}

test('typing inside names (declarations, references, duplicates, syntax errors) in a multi-file program equals a whole compile at every step', () => {
  const P = '/ws/sample/示例.zc';
  const T = '/ws/sample/类型.zc';
  const steps: Step[] = [
    // an organisation renamed at its declaration, a character at a time: its uses become unknown (ZC0401), then known again
    [P, typeAt('机构 县财政局', '甲'), true], [P, typeAt('机构 县财政局甲', '乙'), true],
    // an edit before the measures with the unknown name: their diagnostics move with them
    [P, swap('2000元', '20001元'), true], [P, swap('20001元', '2000元'), true],
    [P, eraseAt('机构 县财政局甲乙', 2), true],
    // a reference changed: unknown, then the other organisation
    [P, eraseAt('责任单位：县财政局', 1), true], [P, swap('责任单位：县财政', '责任单位：县人社局'), true], [P, swap('责任单位：县人社局', '责任单位：县财政局'), true],
    // a duplicate name appears (县人社局 renamed to 县财政局) and disappears
    [P, swap('机构 县人社局', '机构 县财政局'), 'redeclared'], [P, swap('机构 县财政局\n机构 县财政局', '机构 县财政局\n机构 县人社局'), 'redeclared'],
    [P, typeAt('机构 县人社局', '丙'), true], [P, eraseAt('机构 县人社局丙', 1), true],
    // a rule renamed: the 例外于 naming it becomes unknown; back
    [P, typeAt('规则 「二孩补助', '甲'), true], [P, eraseAt('规则 「二孩补助甲', 1), true],
    // the exception changed to name the other rule (a cycle-free reference edit), back
    [P, swap('例外于 「二孩补助」', '例外于 「三孩补助」')], [P, swap('例外于 「三孩补助」', '例外于 「二孩补助」')],
    // a syntax error typed inside a name and repaired
    [P, typeAt('规则 「二孩补助', '「')], [P, eraseAt('规则 「二孩补助「', 1)],
    // the imported file: a field and an entity renamed, a character at a time; an enum member
    [T, typeAt('  子女数', '甲'), true], [T, eraseAt('  子女数甲', 1), true],
    [T, typeAt('实体 婴幼儿', '甲'), true], [T, eraseAt('实体 婴幼儿甲', 1), true],
    [T, typeAt('枚举 性别 { 男、女', '性'), true], [T, eraseAt('枚举 性别 { 男、女性', 1), true],
  ];
  const { rebound, renamed, reusedWhole } = typing(SAMPLE, steps);
  // (a step back to the text of the one before reuses that compilation whole)
  expect(rebound + reusedWhole).toBeGreaterThanOrEqual(18);
  expect(renamed).toBeGreaterThanOrEqual(10);
});

test('typing inside names in one chapter of the county\'s multi-file program equals a whole compile at every step', () => {
  const C = '/ws/luanchuan/第四章.zc';
  const steps: Step[] = [
    // a definition renamed a character at a time (its uses elsewhere become unknown), then back
    [C, typeAt('定义 家庭.「子女户籍均在本县', '甲'), true], [C, typeAt('定义 家庭.「子女户籍均在本县甲', '乙'), true], [C, eraseAt('定义 家庭.「子女户籍均在本县甲乙', 2), true],
    // a measure renamed, back
    [C, typeAt('措施 生育补助', '金'), true], [C, eraseAt('措施 生育补助金', 1), true],
    // a syntax error typed inside a definition's name, repaired
    [C, typeAt('定义 家庭.「子女户籍均在本县', '"')], [C, eraseAt('定义 家庭.「子女户籍均在本县"', 1)],
  ];
  const { rebound } = typing(COUNTY, steps);
  expect(rebound).toBeGreaterThanOrEqual(5);
});

// Edits that change the program's structure, declare a name twice or misnumber a 条款 (binder.ts
// bindStructurally: every declaration declared again — the first of a name, the duplicates and the 条款
// numbers exactly as a whole binding makes them — and names resolved again only where they may resolve
// differently): a declaration added and removed, a '}' that closes a 条款 early (its later items move to
// the enclosing one) and its repair, a 条款 numbered at the wrong level (ZC0305) and twice (ZC0406), a
// measure declared twice and renamed back, a declaration removed whose name others use — in the sample
// and in one chapter of the county's program. Every step equals a whole compile.
test('structural edits (declarations added and removed, 条款 split, numbering errors, duplicates) equal a whole compile at every step', () => {
  const P = '/ws/sample/示例.zc';
  const C = '/ws/luanchuan/第四章.zc';
  const sample: Step[] = [
    // a declaration added, then removed
    [P, swap('机构 县人社局\n', '机构 县人社局\n机构 县民政局\n'), 'redeclared'], [P, swap('机构 县民政局\n', ''), 'redeclared'],
    // a '}' closing 条款 （一） before its measure: the measure moves to 条款 二、, the last '}' is left over
    [P, swap('  条款 （一） "生育补助" {\n', '  条款 （一） "生育补助" {\n}\n'), undefined, 'ZC0203'], [P, swap('  条款 （一） "生育补助" {\n}\n', '  条款 （一） "生育补助" {\n')],
    // a 条款 numbered at a higher level inside a lower one (ZC0305), then the same number twice (ZC0406), back
    [P, swap('条款 （二） "托育补贴"', '条款 四、 "托育补贴"'), 'redeclared', 'ZC0305'], [P, swap('条款 四、 "托育补贴"', '条款 （一） "托育补贴"'), 'redeclared', 'ZC0406'],
    [P, swap('条款 （一） "托育补贴"', '条款 （二） "托育补贴"'), 'redeclared'],
    // a measure named like another (ZC0402: the second is not declared), an edit elsewhere meanwhile, back
    [P, swap('措施 托育补贴', '措施 生育补助'), 'redeclared', 'ZC0402'], [P, swap('2000元', '20001元'), 'redeclared', 'ZC0402'],
    [P, swap('措施 生育补助 {\n      原文："（二）', '措施 托育补贴 {\n      原文："（二）'), 'redeclared'], [P, swap('20001元', '2000元'), true],
    // an organisation removed whose name measures use (ZC0401 where it was used), added back
    [P, swap('机构 县财政局\n', ''), 'redeclared', 'ZC0401'], [P, swap('机构 县人社局\n', '机构 县财政局\n机构 县人社局\n'), 'redeclared'],
  ];
  typing(SAMPLE, sample);
  const county: Step[] = [
    // a '}' typed at the start of a measure's line in the chapter, deleted again; a 条款 renumbered twice over
    [C, swap('  条款 （二） "发放育儿补助" {\n', '  }\n  条款 （二） "发放育儿补助" {\n')], [C, swap('  }\n  条款 （二） "发放育儿补助" {\n', '  条款 （二） "发放育儿补助" {\n')],
    [C, swap('条款 （二） "发放育儿补助"', '条款 （一） "发放育儿补助"'), 'redeclared', 'ZC0406'], [C, swap('条款 （一） "发放育儿补助"', '条款 （二） "发放育儿补助"'), 'redeclared'],
    // a definition added to the chapter whose name another file declares (a duplicate across files), removed
    [C, swap('  条款 （二） "发放育儿补助" {\n', '  条款 （二） "发放育儿补助" {\n    定义 家庭.「子女户籍均在本县」 = 家庭.子女数 ≥ 2\n'), 'redeclared', 'ZC0402'],
    [C, swap('    定义 家庭.「子女户籍均在本县」 = 家庭.子女数 ≥ 2\n', ''), 'redeclared'],
    // a definition without a declared type given another type (是否 → 整数): the conditions that use it are
    // checked again (its interface is its text), then back
    [C, swap('= 家庭.夫妻 至少一方满足（户籍 为 栾川县）', '= 1')], [C, swap('「夫妻至少一方户籍在本县」 = 1', '「夫妻至少一方户籍在本县」 = 家庭.夫妻 至少一方满足（户籍 为 栾川县）')],
  ];
  typing(COUNTY, county);
});

// What another declaration sees of a declaration is its signature (incremental.ts): a measure's outcomes and
// rules only through the measure's name (every measure here has an outcome 补助金额 — renaming one re-checks
// the declarations that name that measure, not those that name the outcome); a declaration parsed again with
// its signature unchanged (the items before a 条款 whose block a '}' split) changes no name — unless it is no
// longer the one the program sees under its name (two 指标 「上限」 swapped: the first is seen).
test('declarations parsed again with the same signature, and measures\' outcomes renamed, equal a whole compile at every step', () => {
  const P = '/ws/sig/例.zc';
  const text = [
    '机构 县财政局', '指标 「上限」：金额 = 5000元', '指标 「上限」：整数 = 3', '实体 家庭 { 子女数：整数 }',
    '条款 一、 {', '  措施 甲 {', '    对象：家庭', '    牵头单位：县财政局', '    结果 补助金额：金额 一次性',
    '    规则 r { 条件：家庭.子女数 ≥ 2  补助金额 = 「上限」 }', '  }',
    '  措施 乙 { 对象：家庭  牵头单位：县财政局  结果 补助金额：金额 一次性  规则 r { 补助金额 = 1元 } }',
    '  性质 「甲非负」 { 断言：甲.补助金额 ≥ 0元 }', '}', '',
  ].join('\n');
  const steps: Step[] = [
    // 乙's outcome renamed (its own rule's assignment now unknown), back; then 甲's (the 性质 naming 甲.补助金额: ZC0403), back
    [P, swap('结果 补助金额：金额 一次性  规则 r { 补助金额 = 1元', '结果 补助：金额 一次性  规则 r { 补助金额 = 1元')],
    [P, swap('结果 补助：金额 一次性  规则 r { 补助金额 = 1元', '结果 补助金额：金额 一次性  规则 r { 补助金额 = 1元')],
    [P, swap('    结果 补助金额：金额 一次性\n', '    结果 补助：金额 一次性\n'), undefined, 'ZC0403'], [P, swap('    结果 补助：金额 一次性\n', '    结果 补助金额：金额 一次性\n')],
    // a rule of 甲 renamed, back
    [P, swap('规则 r { 条件', '规则 s { 条件')], [P, swap('规则 s { 条件', '规则 r { 条件')],
    // a '}' typed inside 甲 (条款 一、 closes there; the items before it are parsed again), deleted
    [P, typeAt('    对象：家庭', '}')], [P, eraseAt('    对象：家庭}', 1)],
    // the two 「上限」 swapped (甲 now sees the 整数 one: ZC0505), back
    [P, swap('指标 「上限」：金额 = 5000元\n指标 「上限」：整数 = 3', '指标 「上限」：整数 = 3\n指标 「上限」：金额 = 5000元'), undefined, 'ZC0505'],
    [P, swap('指标 「上限」：整数 = 3\n指标 「上限」：金额 = 5000元', '指标 「上限」：金额 = 5000元\n指标 「上限」：整数 = 3')],
  ];
  const checkedIncrementally = typing({ [P]: text }, steps).incremental;
  expect(checkedIncrementally).toBeGreaterThanOrEqual(6);
});

// A '"' typed in a long policy opens a string to the end of the file: the declarations after it are dropped
// (78 of them, none mentioned by the others) and checked incrementally — not the whole program — as long as
// they are at most half as many as those left (incremental.ts); deleted again. Every step equals a whole compile.
test('a string left open in a long policy (78 declarations dropped) equals a whole compile, checked incrementally', () => {
  const P = '/ws/long/长.zc';
  const out = ['实体 家庭 { 子女数：整数 }', '机构 县卫健委', '条款 一、 "措施" {'];
  for (let i = 1; i <= 120; i++) {
    out.push(`  条款 ${i}. "补助${i}" {`, `    措施 「补助${i}」 {`, '      对象：家庭', '      牵头单位：县卫健委', '      结果 补助金额：金额 一次性',
      `      规则 「规则${i}」 {`, '        条件：家庭.子女数 ≥ 2', '        补助金额 = 2000元', '      }', '    }', `    指标 「上限${i}」：金额 = 5000元 {`, '      说明："上限"', '    }', '  }');
  }
  out.push('}', '');
  const at = '措施 「补助82」 {\n      对象：家庭\n      牵头单位：县';
  const { incremental } = typing({ [P]: out.join('\n') }, [[P, typeAt(at, '"')], [P, eraseAt(at + '"', 1)], [P, typeAt(at, '"')], [P, typeAt('措施 「补助30」 {\n      对象：家庭', '1')]]);
  // (the two '"' typed, the edit after one: not the whole program)
  expect(incremental).toBe(3);
});

// A '}' that closes a 条款 early makes the declarations after it another 条款's (their symbols' `clause`
// changes, nothing else): resolving names never reads a symbol's 条款 (binder.ts `sameSym`), so the
// declarations of the other file that refer to them (申请条件) are not resolved again — a two-file program
// shaped like the county's (正文 naming 附件's measures). Every step equals a whole compile.
test('a \'}\' that moves declarations to another 条款 resolves again none of those that refer to them, equal to a whole compile', () => {
  const A = '/ws/two/附件.zc';
  const M = '/ws/two/正文.zc';
  const N = 30;
  const annex = ['实体 家庭 { 子女数：整数 }', '实体 居民 { 人数：整数 }', '机构 县卫健委', '条款 附件2 "申请条件" {'];
  const main = ['导入 "附件.zc"', '条款 四、 "措施" {'];
  for (let i = 1; i <= N; i++) {
    annex.push(`  条款 ${i}. "条件${i}" {`, `    措施 「条件${i}」 {`, '      对象：家庭', '      牵头单位：县卫健委', '      结果 可受理：是否',
      `      规则 「受理${i}」 {`, '        条件：家庭.子女数 ≥ 1', '        可受理 = 是', '      }', '    }', '  }');
    main.push(`  条款 （${i}） "补助${i}" {`, `    措施 「补助${i}」 {`, '      对象：家庭', '      牵头单位：县卫健委', `      申请条件：「条件${i}」`,
      '      结果 补助金额：金额 一次性', `      规则 「规则${i}」 {`, '        条件：家庭.子女数 ≥ 2', '        补助金额 = 2000元', '      }', '    }', '  }');
  }
  annex.push('}', '');
  main.push('}', '');
  const files: Record<string, string> = { [A]: annex.join('\n'), [M]: main.join('\n') };
  const paths = [A, M];
  const texts = { ...files };
  const cache = new ParseCache();
  const first = compile(paths, memoryHost(texts, nodeHost), cache);
  // (the program is well-formed: only what the '}' makes is reported)
  expect(plain(first.diagnostics)).toEqual([]);
  const moved = (r: CompileResult) => r.programs.flatMap((p) => [...p.checked.symbols.values()]).find((s) => s.id === `measure:条件${N}`)!.clause;
  const before = moved(first);
  const steps: [string, (t: string) => string][] = [
    // the '}' closes 条款 1. early: 条款 2.–N. and their measures are 条款 附件2's no more (the last '}' left over)
    [A, swap('  条款 1. "条件1" {\n', '  条款 1. "条件1" {\n  }\n')],
    [A, swap('  条款 1. "条件1" {\n  }\n', '  条款 1. "条件1" {\n')],
    // the same '}' and, in one edit, 「条件5」's 对象 changed: 「补助5」 (对象 家庭) names it as 申请条件 — ZC0407
    // (what the binder reads of a target is its declaration: a moved symbol whose declaration changed counts)
    [A, (t) => swap('    措施 「条件5」 {\n      对象：家庭', '    措施 「条件5」 {\n      对象：居民')(swap('  条款 1. "条件1" {\n', '  条款 1. "条件1" {\n  }\n')(t))],
  ];
  steps.forEach(([file, edit], k) => {
    texts[file] = edit(texts[file]!);
    const inc = compile(paths, memoryHost(texts, nodeHost), cache);
    const fresh = compile(paths, memoryHost(texts, nodeHost), new ParseCache());
    expect(plain(inc.diagnostics), `step ${k}`).toEqual(plain(fresh.diagnostics));
    expect(bindingOf(inc), `step ${k}`).toEqual(bindingOf(fresh));
    expect(typesInOrder(inc), `step ${k}`).toEqual(typesInOrder(fresh));
    if (k === 0) {
      expect(inc.diagnostics.map((d) => d.code)).toContain('ZC0203');
      // the symbols moved to another 条款 …
      expect(moved(inc)).not.toBe(before);
      // … bound by declaring again, and no declaration of 正文.zc (N measures naming them) resolved again
      expect(lastBind.incremental && lastBind.redeclared, lastBind.why).toBe(true);
      expect(lastBind.reresolved).toBeLessThan(N / 2);
    }
    if (k === 2) expect(inc.diagnostics.map((d) => d.code)).toContain('ZC0407');
  });
});

/** The binding's tables in their order (a whole binding's order is part of its result), and whether every 条款 it holds is a node of the files now. */
function tablesInOrder(r: CompileResult) {
  return r.programs.map((p) => {
    const b = p.checked;
    const nodes = new Set<object>();
    const walk = (items: readonly { kind: string; items?: readonly unknown[] }[]): void => {
      for (const i of items) if (i.kind === 'clause') { nodes.add(i); walk(i.items as never); }
    };
    for (const f of b.files.values()) walk(f.ast.items);
    return {
      symbols: [...b.symbols.values()].map((s) => `${s.id}|${s.clause ?? ''}|${s.nameSpan.start}`),
      maps: (['measures', 'entities', 'enums', 'params', 'orgs', 'indicators', 'properties', 'doubts', 'definitions', 'assumptions'] as const).map((k) => [...b[k].keys()].join(',')),
      qualitative: b.qualitative.map((q) => `${q.decl.span.start}|${q.clause ?? ''}`),
      overrides: [...b.measures.values()].map((m) => [...m.overrides].map(([r, s]) => `${r}>${[...s].join('+')}`).join(';')),
      clausesNow: b.clauses.every((c) => nodes.has(c.decl)) && [...b.symbols.values()].every((s) => s.kind !== 'clause' || nodes.has(s.decl as object)),
    };
  });
}

// Structural edits in a long policy: pass 1 reuses the earlier binding's entries of the declarations and 条款
// the edit left as they were (the same symbol objects: binder.ts `declareReusing`, by the marks the earlier
// binding left) — the 条款 around the edit, parsed again with the same header, get their entries made for the
// new node; a '}' closing a 条款 early moves everything after it to another 条款 (declared again); a declaration
// named like a later one, or a 条款 numbered like an earlier one, declared as a whole binding does. Every step
// equals a whole compile, the tables in order.
test('a structural edit declares again only the declarations it changed or moved (pass 1 reuses the others), equal to a whole compile', () => {
  const P = '/ws/long/前缀.zc';
  const N = 60;
  // (the 机构 a block of its own: the items before a 条款 in its block are parsed again when a '}' splits it)
  const out = ['实体 家庭 { 子女数：整数 }', '机构 县卫健委 { 全称："示例县卫生健康委员会" }', '条款 一、 "措施" {'];
  for (let i = 1; i <= N; i++) {
    out.push(`  条款 ${i}. "补助${i}" {`, `    措施 「补助${i}」 {`, '      对象：家庭', '      牵头单位：县卫健委',
      ...(i === 3 ? [`      申请条件：「补助${N - 5}」`] : []), '      结果 补助金额：金额 一次性',
      `      规则 「规则${i}」 {`, '        条件：家庭.子女数 ≥ 2', '        补助金额 = 2000元', '      }',
      `      规则 「例外${i}」 例外于 「规则${i}」 {`, '        条件：家庭.子女数 ≥ 3', '        补助金额 = 3000元', '      }', '    }',
      `    指标 「上限${i}」：金额 = 5000元`, '  }');
  }
  out.push('}', '');
  const paths = [P];
  const texts = { [P]: out.join('\n') };
  const cache = new ParseCache();
  const first = compile(paths, memoryHost(texts, nodeHost), cache);
  expect(plain(first.diagnostics)).toEqual([]);
  const total = 3 + 3 * N;
  const sym = (r: CompileResult, id: string) => r.programs[0]!.checked.symbols.get(id);
  const early = sym(first, 'measure:补助5');
  const late = `条款 ${N - 10}. "补助${N - 10}" {\n`;
  const steps: { edit: (t: string) => string; again?: (n: number) => boolean }[] = [
    // the '}' closes 条款 50. early: the declarations after it are another 条款's; those before it are reused
    { edit: swap(late, `${late}  }\n`), again: (n) => n <= 3 * 11 + 1 },
    { edit: swap(`${late}  }\n`, late) },
    // the measure 「补助3」 names as 申请条件 renamed, a declaration added before it: 「补助3」 (before the edit) is
    // resolved again — ZC0401; the declarations after them (their keys not those that changed) are reused too
    { edit: swap(`    措施 「补助${N - 5}」 {`, `    指标 「新」：金额 = 1元\n    措施 「补助${N - 5}乙」 {`), again: (n) => n <= 10 },
    // a declaration added further on: the marks of the structural binding before are reused
    { edit: swap(`    指标 「上限${N - 2}」`, `    指标 「又新」：金额 = 2元\n    指标 「上限${N - 2}」`), again: (n) => n <= 10 },
    // one added near the top, then one named like a later declaration (that one a duplicate now — ZC0402: declared
    // again from there on), removed again
    { edit: swap('    指标 「上限2」', '    指标 「早」：金额 = 3元\n    指标 「上限2」'), again: (n) => n <= 10 },
    { edit: swap('    指标 「早」：金额 = 3元', `    指标 「上限${N - 1}」：金额 = 3元`), again: (n) => n > 3 * (N - 4) },
    { edit: swap(`    指标 「上限${N - 1}」：金额 = 3元\n`, '') },
    // a 条款 added after the one it has the number of (ZC0406: the first is the earlier one, reused), removed
    { edit: swap(`  条款 ${N - 8}. "补助${N - 8}" {`, `  条款 3. "又三" {\n    指标 「三又」：金额 = 1元\n  }\n  条款 ${N - 8}. "补助${N - 8}" {`), again: (n) => n <= 10 },
    { edit: swap('  条款 3. "又三" {\n    指标 「三又」：金额 = 1元\n  }\n', '') },
    // a '}' at the top: nothing before it to reuse (the first 条款 parsed again, its header the same)
    { edit: swap('条款 1. "补助1" {\n', '条款 1. "补助1" {\n  }\n'), again: (n) => n >= 3 * N },
  ];
  steps.forEach(({ edit, again }, k) => {
    texts[P] = edit(texts[P]!);
    const inc = compile(paths, memoryHost(texts, nodeHost), cache);
    if (again) {
      expect(lastBind.incremental && lastBind.redeclared && !lastCompile.reused, `step ${k}: ${lastBind.why}`).toBe(true);
      expect(again(lastBind.declaredAgain), `step ${k}: ${lastBind.declaredAgain} of ${total} declared again`).toBe(true);
    }
    const fresh = compile(paths, memoryHost(texts, nodeHost), new ParseCache());
    expect(plain(inc.diagnostics), `step ${k}`).toEqual(plain(fresh.diagnostics));
    expect(bindingOf(inc), `step ${k}`).toEqual(bindingOf(fresh));
    expect(tablesInOrder(inc), `step ${k}`).toEqual(tablesInOrder(fresh));
    expect(tablesInOrder(inc)[0]!.clausesNow, `step ${k}`).toBe(true);
    expect(typesInOrder(inc), `step ${k}`).toEqual(typesInOrder(fresh));
    if (k === 0) expect(sym(inc, 'measure:补助5'), 'a symbol before the edit: the same object').toBe(early);
    if (k === 2) expect(inc.diagnostics.map((d) => d.code)).toContain('ZC0401');
    if (k === 5) expect(inc.diagnostics.map((d) => d.code)).toContain('ZC0402');
    if (k === 7) expect(inc.diagnostics.map((d) => d.code)).toContain('ZC0406');
  });
});
