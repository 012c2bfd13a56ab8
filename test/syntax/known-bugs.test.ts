/**
 * Known front-end defects found while writing the golden and robustness tests.
 * Each test states the CORRECT behaviour and is marked `it.fails` while the defect
 * exists; when a defect is fixed its test starts failing — then turn `it.fails`
 * into `it` (“fixed (regression): …”) and review the affected golden files.
 * (Crashes and hangs on huge or deeply nested input are in robustness.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '../../compiler/common/source.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { memoryHost } from '../../compiler/project/host.js';
import { compile } from '../../compiler/project/program.js';
import { parseParameters } from '../../compiler/semantics/parameters.js';
import { astOf, caseText } from '../helpers/golden.js';
import { parseFile, reparseFile } from '../../compiler/syntax/index.js';

function run(text: string, extra: Record<string, string> = {}): Diagnostic[] {
  return compile(['m.zc'], memoryHost({ 'm.zc': text, ...extra })).diagnostics;
}
const codes = (ds: readonly Diagnostic[]) => ds.map((d) => d.code);

describe('parser / AST spans', () => {
  it('fixed (regression): a CST node rebuilt by error recovery with no real token must not drag the enclosing spans to the start of the file', () => {
    // was: cst-to-ast.ts range() gave an empty child {start: 0, end: 0}, which passed the `r.start <= r.end` test.
    const text = caseText('semantics/recovery-spans');
    const { ast } = astOf('m.zc', text);
    const clause = ast.items.find((i) => i.kind === 'clause')!;
    expect(clause.span.start).toBe(text.indexOf('条款 一、'));
    // and the clause's items keep their source order (措施 before 性质)
    expect(clause.kind === 'clause' && clause.items.map((i) => i.kind)).toEqual(['measure', 'property']);
  });

  it('fixed (regression): after an unrecognised character is dropped, the parse error is reported at the stray token, not at the next declaration', () => {
    // was: `指标 甲 = 1 @ 2` → “此处不应出现“指标”” on line 2 (cmpExpr took `2` as the start of a bound like `2以上`).
    const ds = run('指标 甲 = 1 @ 2\n指标 乙 = 3');
    const parse = ds.filter((d) => d.code === 'ZC0201');
    expect(parse).toHaveLength(1);
    expect(parse[0]!.span.start).toBe('指标 甲 = 1 @ '.length);
    expect(parse[0]!.message).toContain('“2”');
    // the same without the stray character, and for a literal with a unit
    expect(run('指标 甲 = 1 2\n指标 乙 = 3').find((d) => d.code === 'ZC0201')!.span.start).toBe('指标 甲 = 1 '.length);
    const withUnit = '实体 甲 { 日：整数 }\n性质 乙 {\n  断言：甲.日 ≥ 1 3天 # 注释\n}';
    expect(codes(run(withUnit))).toEqual(['ZC0201']);
    expect(run(withUnit)[0]!.span.start).toBe(withUnit.indexOf('3天'));
    // a literal followed by something else on its line still starts a bound (the error stays where it was)
    expect(run('指标 甲 = 1 2 3\n').find((d) => d.code === 'ZC0201')!.span.start).toBe('指标 甲 = 1 2 '.length);
  });
  it('fixed (regression): a line left unfinished after an operator is reported on that line (at the operator), not at the next line\'s first token', () => {
    // (the same on one line: `1 + 指标` — decided by the two tokens, not by the white space between them)
    // was: `指标 甲：整数 = 1 +` then `指标 乙…` → “此处不应出现“指标”” on line 2, with the help
    // “指标”是关键字，不能直接用作名称 — both about a line the drafter did not get wrong
    const t1 = '指标 甲：整数 = 1 +\n指标 乙：整数 = 2\n';
    const d1 = run(t1);
    expect(codes(d1)).toEqual(['ZC0202']);
    expect(d1[0]!.span.start).toBe(t1.indexOf('+'));
    expect(d1[0]!.message).toBe('“+”之后缺少内容');
    expect(d1[0]!.help).toBeUndefined();
    // before a closing brace: not “多余的“}””
    const t2 = '实体 户 {\n  子女数：整数\n}\n性质 乙 {\n  断言：户.子女数 ≥\n}\n';
    const d2 = run(t2);
    expect(codes(d2)).toEqual(['ZC0202']);
    expect(d2[0]!.span.start).toBe(t2.indexOf('≥'));
    // a connective at the end of a line (且) and a list separator (、)
    const t3 = '实体 户 {\n  子女数：整数\n}\n性质 乙 {\n  断言：户.子女数 ≥ 1 且\n}\n';
    expect(run(t3).map((d) => [d.code, d.span.start])).toEqual([['ZC0202', t3.indexOf('且')]]);
    // an error inside a line is still reported where it is
    expect(run('指标 甲 = 1 @ 2\n指标 乙 = 3').filter((d) => d.code === 'ZC0201')[0]!.span.start).toBe('指标 甲 = 1 @ '.length);
    // continuing an expression on the next line is not an error
    expect(run('实体 户 {\n  子女数：整数\n}\n性质 乙 {\n  断言：户.子女数 ≥ 1\n    且 户.子女数 ≤ 9\n}\n')).toEqual([]);
  });
  it('a literal followed by a bound word is still a bound (3以上, 6—24月龄, 日期 至 日期)', () => {
    expect(run('实体 甲 { 数：整数 }\n性质 乙 { 断言：甲.数 3以上 }')).toEqual([]);
    expect(run('实体 甲 { 龄：年龄（月龄） }\n性质 乙 { 断言：甲.龄 6—24月龄 }')).toEqual([]);
    expect(codes(run('实体 甲 { 日：日期 }\n性质 乙 { 断言：甲.日 2024年1月1日至2023年1月1日 }'))).toEqual(['ZC0308']);
  });
});

describe('literals and ranges', () => {
  it('a reversed date range is reported (ZC0308)', () => {
    expect(codes(run('实体 甲 { 日：日期 }\n性质 乙 { 断言：甲.日 2024年1月1日至2023年1月1日 }'))).toContain('ZC0308');
  });
  it('a reversed 有效期 is reported (ZC0308)', () => {
    const text = '实体 甲 { 数：整数 }\n条款 一、 { 措施 补助 { 对象：甲 结果 额：金额 规则 丙 { 额 = 1元 有效期：2026年1月1日 至 2024年1月1日 } } }';
    expect(codes(run(text))).toContain('ZC0308');
  });
});

describe('cascading diagnostics (one mistake, several errors)', () => {
  it('fixed (regression): a misspelt declaration keyword (措拖 生育补助 { … }) is one error with the keyword suggested, not a cascade', () => {
    // was: 10 errors for `措拖` in policies/sample — the measure's body read as the clause's
    // (条款中不能使用“牵头单位”…), “结果”“规则” unexpected, a stray “}”, and every use of the measure undefined
    const sample = readFileSync(join(import.meta.dirname, '..', '..', 'policies', 'sample', '示例.zc'), 'utf8');
    const types = readFileSync(join(import.meta.dirname, '..', '..', 'policies', 'sample', '类型.zc'), 'utf8');
    for (const [right, wrong] of [['措施 生育补助', '措拖 生育补助'], ['规则 「三孩补助」', '规侧 「三孩补助」'], ['措施 托育补贴', '错施 托育补贴']] as const) {
      const text = sample.replace(right, wrong);
      const ds = compile(['示例.zc'], memoryHost({ '示例.zc': text, '类型.zc': types, '参数.yaml': readFileSync(join(import.meta.dirname, '..', '..', 'policies', 'sample', '参数.yaml'), 'utf8'), 'source.txt': readFileSync(join(import.meta.dirname, '..', '..', 'policies', 'sample', 'source.txt'), 'utf8') })).diagnostics.filter((d) => d.severity === 'error');
      expect(ds.map((d) => [d.code, d.span.start, d.message]), wrong).toEqual([['ZC0201', text.indexOf(wrong), `“${wrong.slice(0, 2)}”不是关键字，应为“${right.slice(0, 2)}”`]]);
      expect(ds[0]!.fixes?.[0]?.edits.map((e) => e.newText), wrong).toEqual([right.slice(0, 2)]);
    }
    // a name followed by something else is not taken for a keyword
    expect(codes(run('实体 户 { 子女数：整数 }\n指标 措拖：整数 = 1\n'))).toEqual([]);
  });
  it('fixed (regression): a string left unclosed before a line of code (one starting with `}`, one ending with `{`) is one ZC0102 whose fix makes the file compile, not a cascade', () => {
    // was: 23 errors for the missing closing quote of 理由 in policies/sample/示例.zc (ZC0201 “支持措施” at the next
    // clause, every string after it read as code); the string ran on to the next " in the file
    const dir = join(import.meta.dirname, '..', '..', 'policies', 'sample');
    const files = Object.fromEntries(['类型.zc', '参数.yaml', 'source.txt'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const sample = readFileSync(join(dir, '示例.zc'), 'utf8');
    const right = '理由："说明制定目的，不产生可计算的权益"';
    // the next line starts with } (理由 of 条款 一), or ends with { (原文："一、总则" before 定性 {)
    for (const [cut, at] of [[right, '"说明制定目的'], ['原文："一、总则"', '"一、总则']] as const) {
      const text = sample.replace(cut, cut.slice(0, -1));
      const ds = compile(['示例.zc'], memoryHost({ '示例.zc': text, ...files })).diagnostics.filter((d) => d.severity === 'error');
      expect(ds.map((d) => [d.code, d.span.start]), cut).toEqual([['ZC0102', text.indexOf(at)]]);
      const edit = ds[0]!.fixes![0]!.edits[0]!;
      expect(text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), cut).toBe(sample);
    }
    // a string still spans lines of prose; a line with a " before its { is no line of code (no ZC0102)
    expect(codes(run('政策 甲 { 生效：2024年1月1日 说明："第一行\n第二行\n  第三行 }" }\n')).filter((c) => /^ZC0[12]/.test(c))).toEqual([]);
    expect(codes(run('政策 甲 { 生效：2024年1月1日 说明："第一行\n第二行" {\n'))).not.toContain('ZC0102');
    // (a comment may follow the {: still a line of code)
    expect(codes(run('政策 甲 { 生效：2024年1月1日 说明："第一行 }\n实体 乙 {  # 注释\n  丙：整数\n}\n'))).toContain('ZC0102');
  });
  it('fixed (regression): an unknown unit in a type is reported once (ZC0303, no ZC0311 “须注明单位”)', () => {
    expect(codes(run('实体 甲 { 乙：时长（光年） }'))).toEqual(['ZC0303']);
    expect(codes(run('实体 甲 { 乙：年龄（光年） }'))).toEqual(['ZC0303']);
    // a missing unit is still its own error
    expect(codes(run('实体 甲 { 乙：时长 }'))).toEqual(['ZC0311']);
  });
  it('fixed (regression): two clauses whose numbers are both invalid get no “条款“”重复（锚点 clause）”', () => {
    expect(codes(run('条款 0. { }\n条款 1000. { }'))).toEqual(['ZC0304', 'ZC0304']);
    // real duplicates are still reported
    expect(codes(run('条款 一、 { }\n条款 一、 { }'))).toEqual(['ZC0406']);
  });
  it('fixed (regression): a nested clause whose number is rejected (ZC0305) is not reported as a duplicate of its parent', () => {
    expect(codes(run('条款 （一） {\n  条款 一、 { }\n}'))).toEqual(['ZC0305']);
  });
  it('fixed (regression): a parameter whose definition is malformed is not also reported as missing (ZC0702) or with unit “” (ZC0704)', () => {
    const yaml = '陪产假: 15\n护理假:\n  值: []\n';
    const ds = run('参数 陪产假：时长（天） 来自 "p.yaml"\n参数 护理假：时长（天） 来自 "p.yaml"', { 'p.yaml': yaml });
    expect(codes(ds)).toEqual(['ZC0701', 'ZC0701']);
    // a parameter really absent from the file is still ZC0702, and a real unit mismatch ZC0704
    const ok = '护理假:\n  单位: 个月\n  值: []\n';
    expect(codes(run('参数 陪产假：时长（天） 来自 "p.yaml"', { 'p.yaml': ok }))).toEqual(['ZC0702']);
    expect(codes(run('参数 护理假：时长（天） 来自 "p.yaml"', { 'p.yaml': ok }))).toEqual(['ZC0704']);
  });
});

describe('parameters (YAML)', () => {
  it('a YAML syntax error at the end of the file gets a span inside the file', () => {
    // parameters.ts uses the yaml library's error position [len, len + 1] unclamped.
    const text = '产假:\n  单位: 天\n  值: [1, 2\n';
    const r = parseParameters(new SourceFile('p.yaml', text));
    expect(r.diagnostics.length).toBeGreaterThan(0);
    for (const d of r.diagnostics) expect(d.span.end).toBeLessThanOrEqual(text.length);
  });
});

describe('suggestions', () => {
  it('fixed (regression): for a one-character name no unrelated one-character name is suggested (not even the declaration being defined)', () => {
    // was: 指标 丙 = 空 → “是否想写“丙”？”
    const d = run('指标 乙 = 1\n指标 丙 = 空').find((x) => x.code === 'ZC0401')!;
    expect(d.help ?? '').not.toContain('是否想写');
    expect(d.fixes ?? []).toEqual([]);
    // a real near miss is still suggested: one character off in a longer name, or a one-character prefix
    expect(run('实体 家庭 { 子女数：整数 }\n性质 乙 { 断言：家庭.子女树 > 1 }').find((x) => x.code === 'ZC0403')!.help).toContain('是否想写“子女数”');
    expect(run('指标 丙丁 = 1\n指标 戊 = 丙').find((x) => x.code === 'ZC0401')!.help).toContain('是否想写“丙丁”');
  });
});

describe('language gaps', () => {
  it('fixed (was a GAP): the 性质 类别 values 一般 / 条款一致 / 概念一致 can be written unquoted, as whole words only', () => {
    expect(run('性质 甲 { 断言：是 类别：一般 }')).toEqual([]);
    expect(run('性质 甲 { 断言：是 类别：条款一致 }')).toEqual([]);
    expect(run('性质 甲 { 断言：是 类别：概念一致 }')).toEqual([]);
    expect(run('性质 甲 { 断言：是 类别：「概念一致」 }')).toEqual([]);
    // glued to other name characters or numerals they are not the word: a numeral in a name is still ZC0108
    expect(codes(run('性质 甲 { 断言：是 类别：一般般 }'))).toContain('ZC0108');
    expect(codes(run('性质 甲 { 断言：是 类别：概念一致性 }'))).toContain('ZC0108');
    expect(codes(run('指标 一般性 = 1'))).toContain('ZC0108');
    expect(codes(run('指标 甲 = 1\n指标 乙 = 甲一般'))).toContain('ZC0108');
    // 条款 followed by a numbered label is still the keyword
    expect(run('条款 一、 { }')).toEqual([]);
  });
  it('fixed (was a GAP): a 原文 that occurs several times in the source is reported (ZC0603)', () => {
    const src = '本办法自2024年3月1日起施行。本办法自2024年3月1日起施行。';
    const ds = run('政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n条款 一、 { 原文："本办法自2024年3月1日起施行。" }', { 's.txt': src });
    expect(codes(ds)).toContain('ZC0603');
  });
});

describe('incremental parsing', () => {
  // Found by a random edit sequence (session 25, task A; the same with 4fe8ee2's build): a file whose first
  // 定性 ends `理由："…" 属于 {本县、外县}` instead of “}”, so that the 条款 二、 after it runs to the end of the file
  // unclosed; an edit inside its measure is re-parsed with the earlier parse's diagnostics of the region kept
  // beside the new ones (each ZC0201 of the earlier text reported again, ZC0311 twice). Fixed: the record of a
  // block's items before its 条款 (blocks.ts PrefixUnit) shared its diagnostic arrays with the unit the 条款 were
  // merged into, so a reuse of that prefix brought the 条款's earlier diagnostics back.
  it('an edit inside a block left open after a set written where a 定性 closes: reparseFile equals parseFile', () => {
    // (policies/sample/示例.zc as it was when the defect was found — the sample has changed since: a copy keeps the lines)
    const sample = readFileSync(join(import.meta.dirname, 'fixtures', 'known-bug-unclosed-sample.zc'), 'utf8').split('\n');
    sample[36] = '   属于 {本县、外县}';
    sample[49] = sample[49]!.replace('        条件：', '       ');
    sample[78] = '  规则 「甲」 {}';
    const before = sample.join('\n');
    sample[44] = sample[44]!.replace('      牵头单位', '  机构 县卫健委 { 全    牵头单位');
    const after = sample.join('\n');
    const show = (r: ReturnType<typeof parseFile>) => r.diagnostics.map((d) => `${d.code}@${d.span.start} ${d.message}`);
    const inc = reparseFile(parseFile(new SourceFile('/ws/a.zc', before)).value, new SourceFile('/ws/a.zc', after));
    expect(show(inc)).toEqual(show(parseFile(new SourceFile('/ws/a.zc', after))));
  });
});
