/**
 * Tests for clause coverage: compiler/coverage/sentences.ts (splitter),
 * compiler/coverage/coverage.ts (statuses) and compiler/cli/coverage.ts (runCoverage).
 * Input: strings, in-memory programs (memoryHost + compile) and temporary directories
 * for the CLI (it reads through nodeHost). Output: assertions only.
 */
import * as fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitSentences } from '../../compiler/coverage/sentences.js';
import { computeCoverage, type CoverageReport } from '../../compiler/coverage/coverage.js';
import { coverageHelp, coverageJson, runCoverage } from '../../compiler/cli/coverage.js';
import { UsageError, type Io } from '../../compiler/cli/common.js';
import { main, registerCommand } from '../../compiler/cli/main.js';
import { compile } from '../../compiler/project/program.js';
import { memoryHost } from '../../compiler/project/host.js';
import { allQuotes } from '../../compiler/semantics/quotes.js';

const texts = (s: string) => splitSentences(s).sentences.map((x) => x.text);

describe('splitSentences', () => {
  it('splits at 。！？； and keeps offsets into the original text', () => {
    const src = '甲。乙！丙？丁；戊';
    const { sentences } = splitSentences(src);
    expect(sentences.map((s) => s.text)).toEqual(['甲。', '乙！', '丙？', '丁；', '戊']);
    for (const s of sentences) expect(src.slice(s.start, s.end)).toBe(s.text);
    expect(sentences.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    expect(sentences.map((s) => s.column)).toEqual([1, 3, 5, 7, 9]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(texts('他说：“好。”然后走了。')).toEqual(['他说：“好。”', '然后走了。']);
    expect(texts('（详见附件。）下一句。')).toEqual(['（详见附件。）', '下一句。']);
    expect(texts('落实“双减”政策；规范校外培训。')).toEqual(['落实“双减”政策；', '规范校外培训。']);
    expect(texts('见《条例》。」』下文')).toEqual(['见《条例》。」』', '下文']);
    expect(texts('真的？！好。')).toEqual(['真的？！', '好。']);
  });

  it('does not split at commas, colons or the ASCII full stop', () => {
    expect(texts('附件：1.栾川县领导小组')).toEqual(['附件：1.栾川县领导小组']);
    expect(texts('托育机构应当备案,登录系统，在线填写:')).toEqual(['托育机构应当备案,登录系统，在线填写:']);
  });

  it('makes every non-empty line a unit (headings, list members)', () => {
    const src = '一、指导思想\n附件1\n组  长: 李江波  县委常委、组织部部长\n副组长：李新月  县人大常委会副主任\n';
    expect(texts(src)).toEqual(['一、指导思想', '附件1', '组  长: 李江波  县委常委、组织部部长', '副组长：李新月  县人大常委会副主任']);
  });

  it('trims white space (including U+3000 and U+00A0) and drops empty units', () => {
    const src = '  \u3000甲  乙。\u00a0 \n   \n\t丙；  \n';
    const { sentences } = splitSentences(src);
    expect(sentences.map((s) => s.text)).toEqual(['甲  乙。', '丙；']);
    expect(sentences[0]!.start).toBe(3);
    expect(sentences[0]!.column).toBe(4);
    expect(sentences[1]!.line).toBe(3);
    expect(sentences[1]!.column).toBe(2);
  });

  it('handles CRLF and lone CR line breaks', () => {
    const src = '一、总则\r\n为了测试。制定本办法。\r\n\r\n二、附则\r三、其他';
    const { sentences } = splitSentences(src);
    expect(sentences.map((s) => [s.text, s.line, s.column])).toEqual([
      ['一、总则', 1, 1], ['为了测试。', 2, 1], ['制定本办法。', 2, 6], ['二、附则', 4, 1], ['三、其他', 5, 1],
    ]);
    for (const s of sentences) expect(src.slice(s.start, s.end)).toBe(s.text);
  });

  it('ignores the [bookmark: _GoBack] extraction artefact line', () => {
    const r = splitSentences('最后一句。\n\n\n[bookmark: _GoBack]\n');
    expect(r.sentences.map((s) => s.text)).toEqual(['最后一句。']);
    expect(r.ignored).toEqual([{ start: 8, end: 27, text: '[bookmark: _GoBack]', line: 4, column: 1, reason: '提取残留' }]);
    // Only a whole line is an artefact.
    expect(splitSentences('见[bookmark: _GoBack]。').ignored).toEqual([]);
    expect(splitSentences('  [bookmark: _GoBack]  ').ignored.length).toBe(1);
  });

  it('counts columns in code points (surrogate pairs are one column)', () => {
    const { sentences } = splitSentences('𠀀。甲。');
    expect(sentences.map((s) => [s.text, s.column, s.start])).toEqual([['𠀀。', 1, 0], ['甲。', 3, 3]]);
  });

  it('property: units are disjoint, ordered, trimmed, single-line, and cover every non-space character', () => {
    const alphabet = ['甲', '乙', '。', '；', '！', '？', '”', '）', '，', '\n', '\r', '\r\n', ' ', '\u3000', '\t', '𠀀', '[bookmark: _GoBack]'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (parts) => {
        const src = parts.join('');
        const { sentences, ignored } = splitSentences(src);
        const units = [...sentences, ...ignored].sort((a, b) => a.start - b.start);
        let prev = 0;
        const covered = new Set<number>();
        for (const u of units) {
          expect(u.start).toBeGreaterThanOrEqual(prev);
          expect(u.end).toBeGreaterThan(u.start);
          expect(src.slice(u.start, u.end)).toBe(u.text);
          expect(u.text).toBe(u.text.trim());
          expect(/[\r\n]/.test(u.text)).toBe(false);
          for (let i = u.start; i < u.end; i++) covered.add(i);
          prev = u.end;
        }
        for (let i = 0; i < src.length; i++) if (!/[\s\u3000]/.test(src[i]!)) expect(covered.has(i)).toBe(true);
        sentences.forEach((s, i) => expect(s.id).toBe(i + 1));
      }),
      { numRuns: 300 },
    );
  });
});

// ── statuses on a small in-memory program ───────────────────────────────

const SOURCE = `测试办法
一、总则
为了测试，制定本办法。
二、补助
对符合条件的家庭给予100元补助。本条由县财政局负责落实，另有规定的除外。
三、其他
其他事项另行通知。
`;

const PROGRAM = `政策 「测试办法」 {
  来源："source.txt"
  生效：2024年1月1日
}
实体 家庭 { 符合条件：是否 }
条款 一、 "总则" {
  原文："一、总则"
  定性 { 原文："为了测试，制定本办法。" 类别：背景 理由："说明目的" }
}
条款 二、 "补助" {
  原文："二、补助"
  措施 补助 {
    原文："对符合条件的家庭给予100元补助。"
    对象：家庭
    结果 补助额：金额 一次性
    规则 基本 { 条件：家庭.符合条件 补助额 = 100元 }
  }
  定性 { 原文："本条由县财政局负责落实" 类别：组织 理由："部门分工" }
}
条款 三、 "其他" {
  原文："三、其他"
}
`;

function coverageOf(files: Record<string, string>): CoverageReport {
  const r = compile(['p'], memoryHost(files));
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const progs = r.programs.filter((p) => p.sourceText !== undefined);
  expect(progs.length).toBe(1);
  return computeCoverage(progs[0]!);
}

describe('computeCoverage', () => {
  const report = coverageOf({ 'p/a.zc': PROGRAM, 'p/source.txt': SOURCE });
  const by = (text: string) => report.sentences.find((s) => s.text === text)!;

  it('gives one formalised, marked, partial and missing sentence as expected', () => {
    expect(report.sentences.map((s) => [s.text, s.status])).toEqual([
      ['测试办法', 'formalised'],
      ['一、总则', 'marked'],
      ['为了测试，制定本办法。', 'marked'],
      ['二、补助', 'marked'],
      ['对符合条件的家庭给予100元补助。', 'formalised'],
      ['本条由县财政局负责落实，另有规定的除外。', 'partial'],
      ['三、其他', 'marked'],
      ['其他事项另行通知。', 'missing'],
    ]);
    expect(report.totals).toEqual({ sentences: 8, formalised: 2, marked: 4, partial: 1, missing: 1, accounted: 6, percent: 75, ignored: 0 });
  });

  it('reports owners, clauses and reasons', () => {
    expect(by('测试办法').owners).toEqual([{ kind: 'header', name: '名称', effect: 'formalises' }]);
    expect(by('一、总则')).toMatchObject({ reason: '条款标题', clause: 'sec_1', label: '一' });
    expect(by('为了测试，制定本办法。')).toMatchObject({ reason: '背景：说明目的', clause: 'sec_1' });
    const f = by('对符合条件的家庭给予100元补助。');
    expect(f.owners.map((o) => [o.kind, o.name, o.clause, o.label])).toEqual([['measure', '补助', 'sec_2', '二']]);
    expect(f.reason).toBeNull();
    const p = by('本条由县财政局负责落实，另有规定的除外。');
    expect(p.reason).toBe('组织：部门分工');
    expect(p.uncovered.map((u) => u.text)).toEqual(['另有规定的除外']);
    expect(SOURCE.slice(p.uncovered[0]!.start, p.uncovered[0]!.end)).toBe('另有规定的除外');
    const m = by('其他事项另行通知。');
    expect(m).toMatchObject({ owners: [], reason: null, clause: null, label: null, uncovered: [] });
  });

  it('two unnamed 定性 in one place each give their own 类别 (they were one owner: the first one\'s reason showed for both)', () => {
    const r = coverageOf({
      'p/a.zc': '政策 { 来源："source.txt" 生效：2024年1月1日 }\n定性 { 原文："某县育儿办法" 类别：文件头 }\n定性 { 原文："某县人民政府" 类别：落款 }\n'
        + '条款 一、 { 定性 { 原文："一、为了测试。" 类别：背景 } 定性 { 原文："本条另有解释。" 类别：效力 } }\n',
      'p/source.txt': '某县育儿办法\n一、为了测试。本条另有解释。\n某县人民政府\n',
    });
    expect(r.sentences.map((s) => [s.text, s.reason])).toEqual([
      ['某县育儿办法', '文件头'],
      ['一、为了测试。', '背景'],
      ['本条另有解释。', '效力'],
      ['某县人民政府', '落款'],
    ]);
  });

  it('knows an owner for every quote of the program', () => {
    const r = compile(['p'], memoryHost({ 'p/a.zc': PROGRAM, 'p/source.txt': SOURCE }));
    const rep = computeCoverage(r.programs[0]!);
    expect(allQuotes(r.programs[0]!.checked).length).toBe(6);
    expect(rep.sentences.flatMap((s) => s.owners).some((o) => o.kind === 'other')).toBe(false);
  });

  it('a definition (定义) formalises the text it quotes; a 前提 accounts for nothing; both have known owners', () => {
    // regression (issue 10): 定义/前提 quotes were neither checked against the source (ZC0601) nor owned by coverage
    const program = `${PROGRAM}定义 家庭.「合格」 = 家庭.符合条件 {\n  原文："其他事项另行通知。"\n}\n前提 「甲」 {\n  条件：家庭.符合条件\n  原文："为了测试，制定本办法。"\n}\n`;
    const rep = coverageOf({ 'p/a.zc': program, 'p/source.txt': SOURCE });
    const s = rep.sentences.find((x) => x.text === '其他事项另行通知。')!;
    expect(s.status).toBe('formalised');
    expect(s.owners.map((o) => [o.kind, o.name, o.effect])).toEqual([['definition', '家庭.合格', 'formalises']]);
    const q = rep.sentences.find((x) => x.text === '为了测试，制定本办法。')!;
    expect(q.status).toBe('marked');
    expect(q.owners.map((o) => [o.kind, o.effect])).toEqual([['qualitative', 'marks'], ['assumption', 'none']]);
    expect(rep.sentences.flatMap((x) => x.owners).some((o) => o.kind === 'other')).toBe(false);
  });

  it('treats 存疑 as annotation only, rule-less measures with a reason as marked, indicators as formalised, and places repeated quotes by clause', () => {
    const source = `二、措施
（一）甲事项。对象为本县家庭。
牵头单位：县财政局
（二）乙事项。按需组织开展。
牵头单位：县财政局
（三）丙事项。全县托位数达100个。
（四）丁事项。其他另行规定。
`;
    const zc = `政策 「测试」 {
  来源："source.txt"
  生效：2024年1月1日
}
条款 二、 "措施" {
  原文："二、措施"
  条款 （一） "甲" {
    原文："（一）甲事项。"
    存疑 「对象范围」 {
      原文："对象为本县家庭。"
      解读 窄："仅户籍家庭"
      解读 宽："含常住家庭"
      采用：窄
      理由："测试"
    }
  }
  条款 （二） "乙" {
    措施 乙事项 {
      原文："（二）乙事项。按需组织开展。", "牵头单位：县财政局"
      类别：组织
      理由："组织性工作，无可计算的权益"
    }
  }
  条款 （三） "丙" {
    原文："（三）丙事项。"
    指标 托位数：数量 = 100个 { 原文："全县托位数达100个。" }
  }
  条款 （四） "丁" {
    原文："（四）丁事项。"
    存疑 「另行规定」 {
      原文："其他另行规定。"
      解读 甲："待定"
      解读 乙："不定"
      采用：甲
      理由："测试"
    }
    定性 { 原文："其他另行规定。" 类别：兜底 理由："无具体内容" }
  }
}
`;
    const rep = coverageOf({ 'p/a.zc': zc, 'p/source.txt': source });
    const st = rep.sentences.map((s) => [s.line, s.text, s.status, s.reason]);
    expect(st).toEqual([
      [1, '二、措施', 'marked', '条款标题'],
      [2, '（一）甲事项。', 'marked', '条款标题'],
      // covered only by a 存疑 note → still missing, but the note is shown
      [2, '对象为本县家庭。', 'missing', '存疑：对象范围（采用 窄）'],
      // the first 牵头单位 line belongs to （一）, which does not quote it
      [3, '牵头单位：县财政局', 'missing', null],
      [4, '（二）乙事项。', 'marked', '组织：组织性工作，无可计算的权益'],
      [4, '按需组织开展。', 'marked', '组织：组织性工作，无可计算的权益'],
      // the repeated quote is placed after （二）'s own text
      [5, '牵头单位：县财政局', 'marked', '组织：组织性工作，无可计算的权益'],
      [6, '（三）丙事项。', 'marked', '条款标题'],
      [6, '全县托位数达100个。', 'formalised', null],
      [7, '（四）丁事项。', 'marked', '条款标题'],
      // 存疑 plus a 定性 of the same clause → marked, both reasons shown
      [7, '其他另行规定。', 'marked', '兜底：无具体内容；存疑：另行规定（采用 甲）'],
    ]);
    const doubtOnly = rep.sentences[2]!;
    expect(doubtOnly.owners.map((o) => [o.kind, o.name, o.label])).toEqual([['doubt', '对象范围', '二（一）']]);
    expect(doubtOnly.clause).toBe('sec_2__subsec_1');
    expect(rep.sentences[8]!.owners.map((o) => [o.kind, o.name])).toEqual([['indicator', '托位数']]);
    expect(rep.totals).toMatchObject({ sentences: 11, missing: 2, partial: 0, formalised: 1, marked: 8, percent: 81.8 });
  });

  it('header strings count only aligned with sentence boundaries (a title over two lines, not mid-sentence)', () => {
    const source = `测试县人民政府
关于印发测试
办法的通知
测政〔2024〕1号
测试县人民政府决定：依据测发〔2020〕1号执行。
[bookmark: _GoBack]
`;
    const zc = `政策 「测试办法」 {
  文号："测政〔2024〕1号"
  发文机关："测试县人民政府"
  标题："关于印发测试办法的通知"
  依据："测发〔2020〕1号"
  来源："source.txt"
  生效：2024年1月1日
}
`;
    const rep = coverageOf({ 'p/a.zc': zc, 'p/source.txt': source });
    expect(rep.sentences.map((s) => [s.text, s.status, s.owners.map((o) => o.name).join()])).toEqual([
      ['测试县人民政府', 'formalised', '发文机关'],
      ['关于印发测试', 'formalised', '标题'],
      ['办法的通知', 'formalised', '标题'],
      ['测政〔2024〕1号', 'formalised', '文号'],
      ['测试县人民政府决定：依据测发〔2020〕1号执行。', 'missing', ''],
    ]);
    expect(rep.totals.ignored).toBe(1);
    expect(rep.ignored[0]!.text).toBe('[bookmark: _GoBack]');
  });

  it('JSON has a stable shape', () => {
    const j = JSON.parse(JSON.stringify(coverageJson([report], '/')));
    expect(Object.keys(j)).toEqual(['programs']);
    const p = j.programs[0];
    expect(Object.keys(p)).toEqual(['root', 'source', 'totals', 'sentences', 'ignored', 'unmatched']);
    expect(p.root).toBe('p/a.zc');
    expect(p.source).toBe('p/source.txt');
    expect(Object.keys(p.totals)).toEqual(['sentences', 'formalised', 'marked', 'partial', 'missing', 'accounted', 'percent', 'ignored']);
    expect(Object.keys(p.sentences[0])).toEqual(['id', 'line', 'column', 'start', 'end', 'text', 'status', 'clause', 'label', 'owners', 'reason', 'uncovered']);
    expect(p.sentences[4]).toEqual({
      id: 5, line: 5, column: 1, start: 27, end: 44, text: '对符合条件的家庭给予100元补助。', status: 'formalised',
      clause: 'sec_2', label: '二', owners: [{ kind: 'measure', name: '补助', clause: 'sec_2', label: '二' }], reason: null, uncovered: [],
    });
    expect(p.sentences[5].uncovered).toEqual([{ start: 56, end: 63, text: '另有规定的除外' }]);
    expect(p.sentences[0].owners).toEqual([{ kind: 'header', name: '名称', clause: null, label: null }]);
    // Deterministic.
    expect(JSON.stringify(coverageJson([report], '/'))).toBe(JSON.stringify(coverageJson([report], '/')));
  });
});

// ── CLI (runCoverage; main.ts is wired by the lead) ─────────────────────

function capture(cwd = process.cwd()): Io & { stdout: () => string; stderr: () => string } {
  let o = '';
  let e = '';
  return { out: (s) => void (o += s), err: (s) => void (e += s), cwd, color: false, stdout: () => o, stderr: () => e };
}

const tmpRoot = mkdtempSync(join(tmpdir(), 'zc-coverage-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
function project(name: string, files: Record<string, string>): string {
  const dir = join(tmpRoot, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, f), t);
  return dir;
}

const FULL_SOURCE = '一、总则\n为了测试，制定本办法。\n';
const FULL_PROGRAM = `政策 「测试」 {
  来源："source.txt"
  生效：2024年1月1日
}
条款 一、 "总则" {
  原文："一、总则"
  定性 { 原文："为了测试，制定本办法。" 类别：背景 理由："说明目的" }
}
`;

describe('runCoverage', () => {
  it('exits 0 when every sentence is accounted for', () => {
    const dir = project('full', { 'a.zc': FULL_PROGRAM, 'source.txt': FULL_SOURCE });
    const io = capture(tmpRoot);
    expect(runCoverage([dir], io)).toBe(0);
    const out = io.stdout();
    expect(out).toContain('full/source.txt');
    expect(out).toMatch(/#\s+行:列\s+状态\s+条款\s+说明\s+句子/u);
    expect(out).toContain('── 一 总则 ──');
    expect(out).toContain('背景：说明目的');
    expect(out).toContain('合计：2 句；已形式化 0，已标注不可计算 2，部分覆盖 0，缺失 0；已说明 2/2（100%）');
    expect(io.stderr()).toBe('');
  });

  it('exits 1 when a sentence is missing or partial; JSON carries the totals', () => {
    const dir = project('gaps', { 'a.zc': PROGRAM, 'source.txt': SOURCE });
    const io = capture(tmpRoot);
    expect(runCoverage([dir, '--format', 'json'], io)).toBe(1);
    const j = JSON.parse(io.stdout());
    expect(j.programs).toHaveLength(1);
    expect(j.programs[0].root).toBe('gaps/a.zc');
    expect(j.programs[0].totals).toMatchObject({ sentences: 8, missing: 1, partial: 1, percent: 75 });
    const text = capture(tmpRoot);
    expect(runCoverage([dir], text)).toBe(1);
    expect(text.stdout()).toContain('未覆盖：“另有规定的除外”');
    expect(text.stdout()).toContain('缺失');
  });

  it('prints compile errors first and exits 1', () => {
    const dir = project('broken', { 'a.zc': FULL_PROGRAM.replace('为了测试，制定本办法。', '为了别的，制定本办法。'), 'source.txt': FULL_SOURCE });
    const io = capture(tmpRoot);
    expect(runCoverage([dir], io)).toBe(1);
    expect(io.stdout()).toMatch(/^错误\[ZC0601\]/u);
    expect(io.stdout().indexOf('ZC0601')).toBeLessThan(io.stdout().indexOf('合计'));
    expect(io.stdout()).toContain('1 条原文在来源中找不到');
    // JSON mode: diagnostics go to stderr, stdout stays one JSON document.
    const js = capture(tmpRoot);
    expect(runCoverage([dir, '--format', 'json'], js)).toBe(1);
    expect(js.stderr()).toContain('ZC0601');
    expect(JSON.parse(js.stdout()).programs[0].unmatched).toEqual([
      { kind: 'qualitative', name: '定性', text: '为了别的，制定本办法。', file: 'broken/a.zc', line: 7, column: 11 },
    ]);
  });

  it('--fail-level decides which diagnostics fail the run', () => {
    const dir = project('warn', { 'a.zc': FULL_PROGRAM, 'source.txt': FULL_SOURCE });
    // No diagnostics at all here: every level passes.
    for (const level of ['error', 'warning', 'note']) expect(runCoverage([dir, '--fail-level', level], capture(tmpRoot))).toBe(0);
    // An explicit 生效：未知 is a note (信息, ZC0511): it fails the run only at --fail-level note.
    const unknown = project('unknown-date', { 'a.zc': FULL_PROGRAM.replace('生效：2024年1月1日', '生效：未知'), 'source.txt': FULL_SOURCE });
    const quiet = capture(tmpRoot);
    expect(runCoverage([unknown, '--fail-level', 'warning'], quiet)).toBe(0);
    expect(quiet.stdout()).not.toContain('ZC0511');
    const strict = capture(tmpRoot);
    expect(runCoverage([unknown, '--fail-level', 'note'], strict)).toBe(1);
    expect(strict.stdout()).toMatch(/^信息\[ZC0511\]/u);
    expect(strict.stdout()).toContain('已说明 2/2（100%）');
  });

  it('usage errors: thrown as UsageError, exit 2 through main', async () => {
    expect(() => runCoverage(['--format', 'xml'], capture())).toThrow(UsageError);
    expect(() => runCoverage(['--fail-level', 'loud'], capture())).toThrow(UsageError);
    expect(() => runCoverage(['--nope'], capture())).toThrow(UsageError);
    registerCommand('coverage', { run: runCoverage, summary: '逐句统计来源文件的覆盖' });
    const io = capture();
    expect(await main(['coverage', '--format', 'xml'], io)).toBe(2);
    expect(io.stderr()).toContain('--format');
  });

  it('--help prints the help and exits 0', () => {
    const io = capture();
    expect(runCoverage(['--help'], io)).toBe(0);
    expect(io.stdout()).toBe(coverageHelp);
  });

  it('exits 1 when there is nothing to report', () => {
    const empty = project('empty', { 'readme.txt': 'x' });
    const io = capture(tmpRoot);
    expect(runCoverage([empty], io)).toBe(1);
    expect(io.stderr()).toContain('没有找到 .zc 政策文件');
    const nosrc = project('nosource', { 'a.zc': '枚举 甲 { 子、丑 }\n' });
    const io2 = capture(tmpRoot);
    expect(runCoverage([nosrc], io2)).toBe(1);
    expect(io2.stderr()).toContain('无法统计覆盖');
  });
});

describe('policies/sample', () => {
  it('has no missing sentence; any gap is a known one', () => {
    const io = capture();
    const code = runCoverage(['policies/sample', '--format', 'json'], io);
    const p = JSON.parse(io.stdout()).programs[0];
    expect(p.totals.missing).toBe(0);
    // Known gap (reported to the lead, policy files not edited here): the title line's
    // remark “（示例，非真实文件）” is not covered by the policy's name.
    const KNOWN = ['示例县育儿支持办法（示例，非真实文件）'];
    const gaps = p.sentences.filter((s: { status: string }) => s.status === 'partial' || s.status === 'missing').map((s: { text: string }) => s.text);
    for (const g of gaps) expect(KNOWN).toContain(g);
    expect(code).toBe(gaps.length ? 1 : 0);
  });
});
