/**
 * Language services (compiler/services, offsets) on the language-depth constructs:
 * 定义 (global and attached to an entity), 前提, 列表（实体） with quantifier suffixes,
 * aggregates, 按（键）第N个, 其, 某日 and 施行日. Hover, go to definition, rename
 * (and its refusal on a clash), completion in every list position, outline, semantic
 * tokens, and the quick fixes the new diagnostics carry.
 * The server and the playground only convert positions around these calls
 * (test/lsp/protocol.test.ts, neovim.test.ts, test/playground).
 */
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../compiler/project/host.js';
import { compile } from '../../compiler/project/program.js';
import { programSetOf, type ProgramSet } from '../../compiler/services/program-set.js';
import { hoverAt } from '../../compiler/services/hover.js';
import { definition, references, rename } from '../../compiler/services/navigation.js';
import { complete } from '../../compiler/services/completion.js';
import { signatureAt } from '../../compiler/services/signature.js';
import { codeActions } from '../../compiler/services/actions.js';
import { documentSymbols } from '../../compiler/services/outline.js';
import { semanticTokens, TOKEN_TYPES } from '../../compiler/services/semantic-tokens.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { keywordDoc, unitDoc } from '../../compiler/services/keyword-docs.js';
import { KEYWORDS } from '../../compiler/syntax/tokens.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const TODAY = { y: 2025, m: 6, d: 1 };

const POLICY = `政策 「定义示例」 {
  来源："s.txt"
  生效：某日（2023年1月1日，2023年12月31日）
}
枚举 户籍地 { 本县、外县 }
实体 人 {
  出生日期：日期
  户籍：户籍地
  同胎序号：整数
  月收入：金额
}
实体 家庭 {
  子女数：整数
  申请日期：日期
  夫妻：列表（人）
  子女：列表（人）
}
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期） + 1
定义 家庭.「多孩家庭」：是否 = 家庭.子女数 ≥ 2 {
  原文："二孩及以上家庭"
  说明："按子女数计"
}
定义 「夫妻一方在本县」 = 家庭.夫妻 至少一方满足（户籍 为 本县）
定义 「子女均在本县」 = 家庭.子女 均满足（其.户籍 为 本县）
定义 「夫妻收入」 = 合计（家庭.夫妻，月收入）
定义 「第二孩户籍」 = 家庭.子女 按（出生日期）第2个.户籍
定义 「申请在实施后」 = 家庭.申请日期 ≥ 施行日
前提 「子女数合理」 {
  条件：家庭.子女数 ≤ 20
  说明："只考虑不超过20名子女的家庭"
}
条款 一、 "支持" {
  原文："二孩及以上家庭"
  定义 「可以申请」 = 家庭.「多孩家庭」 且 「申请在实施后」 且 「夫妻一方在本县」
}
`;

function ws(text: string, extra: Record<string, string> = {}): { set: ProgramSet; diagnostics: Diagnostic[]; text: string } {
  const r = compile(['m.zc'], memoryHost({ 'm.zc': text, 's.txt': '二孩及以上家庭可以申请。', ...extra }));
  return { set: programSetOf(r, 1), diagnostics: r.diagnostics, text };
}

/** Offset of the nth (1-based) occurrence of `needle`, plus `delta`. */
function at(text: string, needle: string, delta = 0, nth = 1): number {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`not found: ${needle} (#${k + 1})`);
  }
  return i + delta;
}

const base = ws(POLICY);
const hover = (needle: string, delta = 0, nth = 1) => hoverAt(base.set, 'm.zc', at(POLICY, needle, delta, nth), TODAY)?.text ?? '';
const defText = (needle: string, delta = 0, nth = 1) => definition(base.set, 'm.zc', at(POLICY, needle, delta, nth)).map((s) => ({ start: s.start, text: POLICY.slice(s.start, s.end) }));

/** Completion after inserting `typed` at the end of the line that contains `anchor`. */
function completeAfter(anchor: string, typed: string) {
  const end = POLICY.indexOf('\n', POLICY.indexOf(anchor));
  const text = POLICY.slice(0, end) + typed + POLICY.slice(end);
  const w = ws(text);
  const c = complete(w.set, 'm.zc', end + typed.length);
  return { ...c, labels: c.items.map((i) => i.label), byLabel: (l: string) => c.items.find((i) => i.label === l) };
}

describe('services on 定义, 前提 and lists', () => {
  it('the sample compiles without errors (the services see a real program)', () => {
    expect(base.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('hover on a definition shows its type, expression, 原文 and 说明; on an entity definition, its entity', () => {
    const h = hover('家庭.「多孩家庭」：', 3);
    expect(h).toContain('**定义** `家庭.多孩家庭`：是否');
    expect(h).toContain('= `家庭.子女数 ≥ 2`');
    expect(h).toContain('原文：\n\n> 二孩及以上家庭');
    expect(h).toContain('说明：按子女数计');
    expect(h).toContain('实体 `家庭` 上的定义');
    // the same hover at a use
    expect(hover('家庭.「多孩家庭」 且', 4)).toBe(h);
    // an inferred type, and the clause of a definition inside a clause
    expect(hover('「夫妻一方在本县」 =', 1)).toContain('**定义** `夫妻一方在本县`：是否');
    expect(hover('定义 「可以申请」', 4)).toContain('条款 **一** “支持”');
    expect(hover('人.孩次：', 2)).toContain('**定义** `人.孩次`：整数');
  });

  it('hover on a 前提 shows its condition and 说明; on 施行日 the policy’s 生效 range; on an aggregate its doc', () => {
    const h = hover('「子女数合理」', 1);
    expect(h).toContain('**前提** `子女数合理`：是否');
    expect(h).toContain('条件：`家庭.子女数 ≤ 20`');
    expect(h).toContain('说明：只考虑不超过20名子女的家庭');
    expect(hover('≥ 施行日', 2)).toContain('某日（2023-01-01 至 2023-12-31 之间，含两端）');
    expect(hover('合计（', 0)).toContain('**汇总函数** `合计（列表，表达式）`');
  });

  it('go to definition: an entity definition, a bare element field in a quantifier, 其.字段, a field after 第N个', () => {
    const decl = at(POLICY, '「多孩家庭」：');
    expect(defText('家庭.「多孩家庭」 且', 4)).toEqual([{ start: decl, text: '「多孩家庭」' }]);
    const huji = at(POLICY, '户籍：户籍地');
    expect(defText('户籍 为 本县', 0, 1)).toEqual([{ start: huji, text: '户籍' }]);
    expect(defText('其.户籍', 2)).toEqual([{ start: huji, text: '户籍' }]);
    expect(defText('第2个.户籍', 4)).toEqual([{ start: huji, text: '户籍' }]);
    expect(defText('月收入）', 0)).toEqual([{ start: at(POLICY, '月收入：'), text: '月收入' }]);
    // references of an element field: declaration excluded, every use inside quantifiers and aggregates
    expect(references(base.set, 'm.zc', huji, false).map((s) => POLICY.slice(s.start, s.end))).toEqual(['户籍', '户籍', '户籍']);
  });

  it('rename: an entity definition everywhere; an element field including bare uses; refused onto a field of the same entity', () => {
    const r1 = rename(base.set, 'm.zc', at(POLICY, '家庭.「多孩家庭」 且', 4), '多子女家庭');
    expect(r1 && 'edits' in r1 && r1.edits.map((e) => [POLICY.slice(e.span.start, e.span.end), e.newText])).toEqual([
      ['「多孩家庭」', '多子女家庭'], ['「多孩家庭」', '多子女家庭'],
    ]);
    const r2 = rename(base.set, 'm.zc', at(POLICY, '户籍：户籍地'), '户口');
    expect(r2 && 'edits' in r2 && r2.edits.length).toBe(4);
    // the definition and the field would share one name (ZC0402): refused, both ways
    expect(rename(base.set, 'm.zc', at(POLICY, '「多孩家庭」：', 1), '子女数')).toEqual({
      error: '不能重命名为“子女数”：“家庭”中已有同名的字段“子女数”，两者会合并为一个名称',
    });
    expect(rename(base.set, 'm.zc', at(POLICY, '子女数：整数'), '多孩家庭')).toEqual({
      error: '不能重命名为“多孩家庭”：“家庭”中已有同名的定义“多孩家庭”，两者会合并为一个名称',
    });
    // and the result of an accepted rename compiles as before
    const edited = applyEdits(POLICY, r1 && 'edits' in r1 ? r1.edits : []);
    expect(ws(edited).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('completion after 实体. offers its fields and the definitions attached to it', () => {
    const c = completeAfter('定义 「申请在实施后」', ' 且 家庭.');
    expect(c.labels).toEqual(expect.arrayContaining(['子女数', '夫妻', '子女', '多孩家庭']));
    expect(c.byLabel('多孩家庭')!.insertText).toBe('多孩家庭');
    expect(c.byLabel('多孩家庭')!.detail).toBe('家庭 的定义：是否');
    const p = completeAfter('定义 「申请在实施后」', ' 且 人.');
    expect(p.labels).toEqual(expect.arrayContaining(['出生日期', '户籍', '孩次']));
  });

  it('completion after a list offers the quantifier suffixes and 按（键）第N个, as snippets; a list has no fields', () => {
    const c = completeAfter('定义 「申请在实施后」', ' 且 家庭.子女 ');
    expect(c.labels).toEqual(['至少一个满足', '至少一方满足', '至少一人满足', '任一满足', '均满足', '全部满足', '都满足', '均不满足', '都不满足', '按']);
    expect(c.byLabel('均满足')).toMatchObject({ insertText: '均满足（$1）', snippet: true });
    expect(c.byLabel('按')).toMatchObject({ insertText: '按（$1）第$2个', snippet: true });
    // typing the suffix: the typed word is replaced
    const typed = completeAfter('定义 「申请在实施后」', ' 且 家庭.子女 均');
    expect(typed.labels).toContain('均满足');
    expect(typed.replace.end - typed.replace.start).toBe(1);
    // 家庭.子女. is not legal: nothing is offered
    expect(completeAfter('定义 「申请在实施后」', ' 且 家庭.子女.').items).toEqual([]);
  });

  it('completion inside a quantifier or aggregate offers the element’s fields first, and 其; after 其. / 第N个. the element’s fields', () => {
    const q = completeAfter('定义 「申请在实施后」', ' 且 家庭.子女 均满足（');
    const first = q.items.filter((i) => i.sortText.startsWith('0_')).map((i) => i.label);
    expect(first).toEqual(expect.arrayContaining(['出生日期', '户籍', '同胎序号', '月收入', '孩次', '其']));
    expect(q.byLabel('户籍')!.detail).toBe('人 的字段（当前元素）：户籍地');
    const agg = completeAfter('定义 「申请在实施后」', ' 且 合计（家庭.夫妻，');
    expect(agg.items.filter((i) => i.sortText.startsWith('0_')).map((i) => i.label)).toEqual(expect.arrayContaining(['月收入', '其']));
    // before the comma the element is not in scope yet
    expect(completeAfter('定义 「申请在实施后」', ' 且 合计（').labels).not.toContain('月收入');
    expect(completeAfter('定义 「申请在实施后」', ' 且 家庭.子女 均满足（其.').labels).toEqual(['出生日期', '户籍', '同胎序号', '月收入', '孩次']);
    expect(completeAfter('定义 「申请在实施后」', ' 且 家庭.子女 按（出生日期）第1个.').labels).toEqual(['出生日期', '户籍', '同胎序号', '月收入', '孩次']);
  });

  it('completion in expression position offers definitions, aggregates, 某日 and 施行日', () => {
    const c = completeAfter('定义 「申请在实施后」', ' 且 ');
    expect(c.labels).toEqual(expect.arrayContaining(['夫妻一方在本县', '子女均在本县', '可以申请', '数量', '人数', '合计', '最大', '最小', '某日', '施行日']));
    expect(c.labels).not.toContain('多孩家庭'); // attached to 家庭: written 家庭.多孩家庭
    expect(c.byLabel('夫妻一方在本县')).toMatchObject({ kind: 'variable', detail: '定义：是否', insertText: '「夫妻一方在本县」' });
    expect(c.byLabel('合计')).toMatchObject({ kind: 'function', insertText: '合计（$1）', snippet: true });
  });

  it('outline and semantic tokens know definitions and 前提', () => {
    const names = documentSymbols(base.set, 'm.zc').map((n) => `${n.detail}:${n.name}`);
    expect(names).toEqual(expect.arrayContaining(['定义（人）:人.孩次', '定义（家庭）:家庭.多孩家庭', '定义:夫妻一方在本县', '前提:子女数合理']));
    const toks = semanticTokens(base.set, 'm.zc');
    const typeAt = (off: number) => TOKEN_TYPES[toks.find((t) => t.start === off)!.type];
    expect(typeAt(at(POLICY, '「多孩家庭」 且'))).toBe('variable');
    expect(typeAt(at(POLICY, '「子女数合理」'))).toBe('event');
  });
});

function applyEdits(text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

describe('quick fixes of the new diagnostics', () => {
  it('ZC0308: a reversed 某日 (in an expression and in 生效) offers to swap the dates, which clears the error', () => {
    for (const text of [
      POLICY.replace('定义 「申请在实施后」 = 家庭.申请日期 ≥ 施行日', '定义 「申请在实施后」 = 家庭.申请日期 ≥ 某日（2024年5月1日，2024年1月1日）'),
      POLICY.replace('生效：某日（2023年1月1日，2023年12月31日）', '生效：某日（2023年12月31日，2023年1月1日）'),
    ]) {
      const w = ws(text);
      const d = w.diagnostics.find((x) => x.code === 'ZC0308')!;
      expect(d).toBeDefined();
      const acts = codeActions(w.set, 'm.zc', w.diagnostics, d.span.start, d.span.start);
      const swap = acts.find((a) => a.title === '交换两个日期')!;
      expect(swap.kind).toBe('quickfix');
      const fixed = applyEdits(text, swap.edits);
      expect(fixed).toMatch(/某日（2024年1月1日，2024年5月1日）|某日（2023年1月1日，2023年12月31日）/);
      expect(ws(fixed).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    }
  });

  it('ZC0311: 可为负 on a field that cannot be negative offers to delete it', () => {
    const text = POLICY.replace('申请日期：日期', '申请日期：日期 可为负');
    const w = ws(text);
    const d = w.diagnostics.find((x) => x.code === 'ZC0311')!;
    expect(d.message).toContain('“可为负”只能用于');
    const fix = codeActions(w.set, 'm.zc', w.diagnostics, d.span.start, d.span.end).find((a) => a.title === '删除“可为负”')!;
    const fixed = applyEdits(text, fix.edits);
    expect(fixed).toBe(POLICY);
  });

  it('ZC0201: a misspelt attribute key (说朋：) says which key it was meant to be and offers to write it', () => {
    const text = POLICY.replace('  说明："只考虑不超过20名子女的家庭"', '  说朋："只考虑不超过20名子女的家庭"');
    const w = ws(text);
    const d = w.diagnostics.find((x) => x.code === 'ZC0201')!;
    expect(d.message).toBe('“说朋”不是属性，是不是“说明”？');
    expect(text.slice(d.span.start, d.span.end)).toBe('说朋');
    const fix = codeActions(w.set, 'm.zc', w.diagnostics, d.span.start, d.span.end).find((a) => a.title === '改为“说明”')!;
    expect(applyEdits(text, fix.edits)).toBe(POLICY);
  });
});

describe('completion offers what the grammar allows where the cursor is', () => {
  const SAMPLE = `政策 「位置示例」 {
  来源："s.txt"
  生效：2024年1月1日
  失效 {
    条件：事件.类别 为 "生育支持政策"
    起算：当日
  }
}
枚举 户籍地 { 本县、外县 }
实体 家庭 {
  子女数：整数
  户籍：户籍地
}
条款 一、 "支持" {
  原文："二孩及以上家庭"
  措施 补助 {
    原文："二孩及以上家庭"
    对象：家庭
    结果 补助金额：金额 一次性
    规则 多孩 {
      条件：家庭.子女数 ≥ 2
      补助金额 = 100元
    }
  }
}
`;
  /** Labels offered after inserting `typed` just after `anchor` (its first occurrence). */
  function labelsAt(anchor: string, typed: string): string[] {
    const k = SAMPLE.indexOf(anchor) + anchor.length;
    const text = SAMPLE.slice(0, k) + typed + SAMPLE.slice(k);
    const c = complete(ws(text).set, 'm.zc', k + typed.length);
    return c.items.map((i) => i.label);
  }

  it('the sample compiles without errors', () => {
    expect(ws(SAMPLE).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('after 一次 where a period goes: 一次性 (what can follow), replacing 一次 — not units, not names', () => {
    const k = SAMPLE.indexOf('金额 一次性') + '金额 '.length;
    for (const typed of ['一次', '一']) {
      const text = SAMPLE.slice(0, k) + typed + SAMPLE.slice(k + '一次性'.length);
      const c = complete(ws(text).set, 'm.zc', k + typed.length);
      expect(c.items[0]).toMatchObject({ label: '一次性', kind: 'keyword' });
      // typed 一次: the number 一 and the unit 次 are written out, only the keyword continues them
      if (typed === '一次') {
        expect(c.items.map((i) => i.label)).toEqual(['一次性']);
        expect(applyEdits(text, [{ span: c.replace, newText: c.items[0]!.insertText }])).toBe(SAMPLE);
      } else {
        // typed 一: the keyword's rest goes after it; the number's units still follow
        expect(applyEdits(text, [{ span: c.replace, newText: c.items[0]!.insertText }])).toBe(SAMPLE);
        expect(c.items.map((i) => i.label)).toContain('元');
      }
    }
    // a numeral in an expression still gets units only
    const cond = SAMPLE.indexOf('家庭.子女数 ≥ 2') + '家庭.子女数 ≥ '.length;
    const text = SAMPLE.slice(0, cond) + '一' + SAMPLE.slice(cond + 1);
    const labels = complete(ws(text).set, 'm.zc', cond + 1).items.map((i) => i.label);
    expect(labels).toContain('元');
    expect(labels).not.toContain('一次性');
  });

  it('at the top level: the declarations of a file, nothing else', () => {
    const l = labelsAt('枚举 户籍地 { 本县、外县 }\n', '');
    expect(l).toEqual(expect.arrayContaining(['政策', '实体', '枚举', '条款', '导入', '参数', '机构', '定义', '前提', '假定', '指标', '性质', '定性', '存疑']));
    for (const no of ['措施', '规则', '结果', '条件', '原文', '家庭', '且']) expect(l).not.toContain(no);
  });

  it('in a clause, a measure, a policy and its 失效 block: each block’s own declarations and attribute keys', () => {
    const clause = labelsAt('条款 一、 "支持" {\n', '  ');
    expect(clause).toEqual(expect.arrayContaining(['原文', '措施', '条款', '定义', '定性', '存疑', '前提']));
    for (const no of ['规则', '结果', '政策', '实体', '条件', '牵头单位']) expect(clause).not.toContain(no);
    const measure = labelsAt('措施 补助 {\n', '    ');
    expect(measure).toEqual(expect.arrayContaining(['结果', '规则', '存疑', '原文', '对象', '牵头单位', '责任单位']));
    for (const no of ['措施', '条款', '政策', '条件', '起算']) expect(measure).not.toContain(no);
    // the line after 对象：家庭 starts a statement: not 对象's entities (a list continues only after 、)
    const afterSubject = labelsAt('    对象：家庭\n', '    ');
    expect(afterSubject).toEqual(expect.arrayContaining(['结果', '规则']));
    expect(afterSubject).not.toContain('家庭');
    expect(labelsAt('    对象：家庭', '、\n    ')).toContain('家庭');
    const policy = labelsAt('  来源："s.txt"\n', '  ');
    expect(policy).toEqual(expect.arrayContaining(['文号', '生效', '失效', '解释机关', '成文日期']));
    for (const no of ['条件', '起算', '措施', '实体']) expect(policy).not.toContain(no);
    expect(labelsAt('    起算：当日\n', '    ').filter((l) => l !== '且' && l !== '或' && l !== '并且' && l !== '或者').sort()).toEqual(['条件', '起算'].sort());
  });

  it('attribute keys are snippets that write the colon; the measure’s outcomes start a rule’s lines', () => {
    const k = SAMPLE.indexOf('措施 补助 {\n') + '措施 补助 {\n'.length;
    const c = complete(ws(SAMPLE.slice(0, k) + '    ' + SAMPLE.slice(k)).set, 'm.zc', k + 4);
    expect(c.items.find((i) => i.label === '牵头单位')).toMatchObject({ insertText: '牵头单位：$0', snippet: true, detail: '措施的属性（可写多个值）' });
    expect(c.items.find((i) => i.label === '对象')).toMatchObject({ detail: '措施的属性（一个值）' });
    const rule = labelsAt('      补助金额 = 100元\n', '      ');
    expect(rule).toEqual(expect.arrayContaining(['补助金额', '条件', '有效期', '说明']));
    for (const no of ['家庭', '规则', '结果', '对象']) expect(rule).not.toContain(no);
  });

  it('after a field’s or an outcome’s colon: types (and the program’s entities and enums); after an outcome’s type, its period and 必须', () => {
    const field = labelsAt('  子女数：整数\n', '  孩次：');
    expect(field).toEqual(expect.arrayContaining(['整数', '金额', '日期', '是否', '列表', '户籍地', '家庭']));
    for (const no of ['子女数', '措施', '且', '非']) expect(field).not.toContain(no);
    const outcome = labelsAt('结果 补助金额：金额 一次性\n', '    结果 人数：数量 ');
    expect(outcome).toEqual(expect.arrayContaining(['一次性', '按月', '必须']));
    expect(outcome).not.toContain('家庭');
  });

  it('inside a set after 属于: the members of the left side’s enum only', () => {
    const l = labelsAt('      条件：家庭.子女数 ≥ 2', ' 且 家庭.户籍 属于 {');
    expect(l.sort()).toEqual(['本县', '外县'].sort());
    // after a separator too, and for 事件's 级别 (国家/省/市/县)
    expect(labelsAt('      条件：家庭.子女数 ≥ 2', ' 且 家庭.户籍 属于 {本县、').sort()).toEqual(['本县', '外县'].sort());
    expect(labelsAt('    条件：事件.类别 为 "生育支持政策"', ' 且 事件.级别 属于 {')).toEqual(expect.arrayContaining(['国家', '省']));
    expect(labelsAt('    条件：事件.类别 为 "生育支持政策"', ' 且 事件.级别 属于 {')).not.toContain('本县');
  });

  it('where the statement does not parse up to the cursor, everything is offered, as a last resort', () => {
    const l = labelsAt('      条件：家庭.子女数 ≥ 2', ' ≥ ≥ ');
    expect(l).toEqual(expect.arrayContaining(['家庭', '措施', '规则', '条件', '且']));
  });
});

describe('completion of attribute values, type arguments and declarations', () => {
  const TEXT = `政策 「值示例」 {
  来源："s.txt"
  生效：2024年1月1日
}
实体 家庭 {
  子女数：整数
}
条款 一、 "支持" {
  原文："二孩及以上家庭"
  定性 甲 { 原文："二孩及以上家庭" 类别：组织职责 }
  定性 乙 { 原文："二孩及以上家庭" 类别：组织职责 }
  定性 丙 { 原文："二孩及以上家庭" 类别：倡导 }
  存疑 「口径」 { 解读 宽："宽" 解读 窄："窄" 采用：宽 理由："示例" }
  措施 补助 {
    对象：家庭
    结果 补助金额：金额 一次性
    规则 多孩 {
      条件：家庭.子女数 ≥ 2
      补助金额 = 100元
    }
  }
}
性质 「示例性质」 {
  断言：适用（补助） 或 非 适用（补助）
}
`;
  /** Completion after inserting `typed` just after `anchor`. */
  function itemsAt(anchor: string, typed: string) {
    const k = TEXT.indexOf(anchor) + anchor.length;
    const text = TEXT.slice(0, k) + typed + TEXT.slice(k);
    const c = complete(ws(text).set, 'm.zc', k + typed.length);
    return { labels: c.items.map((i) => i.label), items: c.items };
  }

  it('the sample compiles without errors', () => {
    expect(ws(TEXT).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('类别 in a 性质: its four categories; in a 定性: the categories already used, most used first', () => {
    expect(itemsAt('断言：适用（补助） 或 非 适用（补助）\n', '  类别：').labels).toEqual(['一般', '边界', '条款一致', '概念一致']);
    // each with what it checks, as hover says it (PROPERTY_CATEGORY_DOCS, one table)
    expect(itemsAt('断言：适用（补助） 或 非 适用（补助）\n', '  类别：').items.find((i) => i.label === '边界')?.documentation).toBe('同一界限的两种表述在所有输入上结论相同（不一致时报 ZC0910）');
    const q = itemsAt('类别：倡导 }\n', '  定性 丁 { 类别：').items.sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    expect(q.map((i) => i.label)).toEqual(['组织职责', '倡导']);
    expect(q[0]!.detail).toBe('已用的类别（2 处）');
  });

  it('存疑： in a 定义 offers the program’s 存疑 notes', () => {
    expect(itemsAt('实体 家庭 {\n  子女数：整数\n}\n', '定义 「多孩」 = 家庭.子女数 ≥ 2 {\n  存疑：').labels).toEqual(['口径']);
  });

  it('in a 性质 expression: 适用（措施） and 已废止 besides the names', () => {
    const l = itemsAt('断言：', '已废止 或 ').labels;
    expect(l).toEqual(expect.arrayContaining(['适用', '已废止', '补助', '家庭']));
    // not in a rule
    expect(itemsAt('      条件：', '').labels).not.toContain('适用');
  });

  it('a type’s argument: units after 时长（, entities after 列表（; 数量（ in an expression is the aggregate', () => {
    expect(itemsAt('  子女数：整数\n', '  假期：时长（').labels).toEqual(expect.arrayContaining(['天', '个月', '工作日', '年']));
    expect(itemsAt('  子女数：整数\n', '  成员：列表（').labels).toEqual(['家庭']);
    const agg = itemsAt('      条件：', '数量（').labels;
    expect(agg).toContain('家庭');
    expect(agg).not.toContain('个月');
  });

  it('after 定义: the entities (定义 实体.名称 attaches the definition)', () => {
    expect(itemsAt('实体 家庭 {\n  子女数：整数\n}\n', '定义 ').labels).toEqual(['家庭']);
  });
});

describe('keywords explained: hover and completion documentation', () => {
  const TEXT = `政策 「关键字示例」 {
  来源："s.txt"
  生效：2024年1月1日
}
实体 家庭 {
  子女数：整数
}
条款 一、 "支持" {
  原文："二孩及以上家庭"
  措施 补助 {
    原文："二孩及以上家庭"
    对象：家庭
    牵头单位：县政府
    结果 补助金额：金额 一次性
    规则 多孩 {
      条件：家庭.子女数 不满 5 且 家庭.子女数 ≥ 2
      补助金额 = 100元
    }
  }
}
机构 县政府
`;
  const w = ws(TEXT);
  const hoverOn = (needle: string, delta = 0) => hoverAt(w.set, 'm.zc', at(TEXT, needle, delta), TODAY);

  it('the sample compiles without errors', () => {
    expect(w.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a comparison word: its operator, whether the bound is included, and the civil code article', () => {
    const h = hoverOn('不满 5');
    expect(h?.text).toContain('**关键字** `不满`');
    expect(h?.text).toContain('X < N');
    expect(h?.text).toContain('民法典第一千二百五十九条');
    expect(h?.text).toContain('§5.2');
    expect(TEXT.slice(h!.start, h!.end)).toBe('不满');
    expect(hoverOn(' 且 ', 1)?.text).toContain('三值逻辑');
    expect(hoverOn('一次性')?.text).toContain('一次性发放');
  });

  it('a declaration word, and an attribute key as its block takes it', () => {
    expect(hoverOn('规则 多孩')?.text).toContain('只能写在措施里');
    expect(hoverOn('牵头单位：')?.text).toBe('**属性** `牵头单位`（措施的属性，可写多个值）：牵头单位（机构）。');
    expect(hoverOn('对象：')?.text).toContain('（措施的属性，写一次）');
    expect(hoverOn('条件：')?.text).toContain('（规则的属性，写一次）');
  });

  it('every keyword of the language is documented, with its section of grammar/README.md', () => {
    expect(KEYWORDS.filter((k) => !keywordDoc(k))).toEqual([]);
    const sections = new Set([...readFileSync(resolve(__dirname, '../../grammar/README.md'), 'utf8').matchAll(/^#{2,3} (\d+(?:\.\d+)?) /gm)].map((m) => `§${m[1]}`));
    for (const k of KEYWORDS) {
      const cited = /（语言说明 (§[\d.]+)）$/.exec(keywordDoc(k)!)?.[1];
      if (cited) expect(sections, `${k} cites ${cited}`).toContain(cited);
    }
    // 日期 is a type, and 指标's attribute key
    expect(keywordDoc('日期')).toContain('类型：日期');
    expect(keywordDoc('日期', '指标')).toContain('指标所指的时点');
  });

  it('a unit after a number: its dimension, and what it equals', () => {
    const h = hoverOn('100元', 3);
    expect(h?.text).toBe('**单位** `元`：金额（语言说明 §4.1）');
    expect(TEXT.slice(h!.start, h!.end)).toBe('元');
    expect(unitDoc('万元')).toContain('1万元 = 10000元');
    expect(unitDoc('‰')).toContain('1‰ = 0.001');
    expect(unitDoc('岁')).toContain('同“周岁”');
    expect(unitDoc('斤')).toBeUndefined();
  });

  it('no keyword hover inside strings and on names', () => {
    expect(hoverOn('原文："二孩及以上', 5)).toBeUndefined();
    expect(hoverOn('补助金额 = ')?.text ?? '').not.toContain('**关键字**');
  });

  it('keyword completion items carry the same documentation', () => {
    const k = TEXT.indexOf('      补助金额 = 100元\n') + '      补助金额 = 100元\n'.length;
    const text = TEXT.slice(0, k) + '      ' + TEXT.slice(k);
    const c = complete(ws(text).set, 'm.zc', k + 6);
    expect(c.items.find((i) => i.label === '有效期')?.documentation).toContain('（规则的属性，写一次）');
    const e = TEXT.indexOf('家庭.子女数 不满') + '家庭.子女数 '.length;
    const c2 = complete(w.set, 'm.zc', e);
    expect(c2.items.find((i) => i.label === '超过')?.documentation).toContain('X > N');
  });
});

describe('signature help in a call', () => {
  /** The signature after inserting `typed` at the end of the line holding `anchor` (in POLICY). */
  function sigAfter(anchor: string, typed: string) {
    const end = POLICY.indexOf('\n', POLICY.indexOf(anchor));
    const text = POLICY.slice(0, end) + typed + POLICY.slice(end);
    return signatureAt(ws(text).set, 'm.zc', end + typed.length);
  }
  const params = (s: ReturnType<typeof sigAfter>) => s!.parameters.map((p) => s!.label.slice(p.start, p.end));

  it('a built-in function: its signature, result and documentation; the argument the cursor is in', () => {
    const s = sigAfter('定义 「申请在实施后」', ' 且 周岁（');
    expect(s?.label).toBe('周岁（日期） → 周岁');
    expect(params(s)).toEqual(['日期']);
    expect(s?.activeParameter).toBe(0);
    expect(s?.documentation).toContain('民法典');
    const d = sigAfter('定义 「申请在实施后」', ' 且 家庭.申请日期 ≥ 某日（2024年1月1日，');
    expect(d?.label).toBe('某日（日期，日期） → 日期');
    expect(d?.activeParameter).toBe(1);
  });

  it('an aggregate: 列表 and 条件 / 表达式; a nested call is the innermost; commas inside a nested call do not count', () => {
    const c = sigAfter('定义 「申请在实施后」', ' 且 数量（家庭.子女，');
    expect(params(c)).toEqual(['列表', '条件']);
    expect(c?.label).toBe('数量（列表，条件） → 整数');
    expect(c?.activeParameter).toBe(1);
    const sum = sigAfter('定义 「申请在实施后」', ' 且 合计（家庭.夫妻，');
    expect(params(sum)).toEqual(['列表', '表达式']);
    const inner = sigAfter('定义 「申请在实施后」', ' 且 数量（家庭.子女，周岁（');
    expect(inner?.label).toBe('周岁（日期） → 周岁');
    const after = sigAfter('定义 「申请在实施后」', ' 且 数量（家庭.子女，天数（家庭.申请日期，其.出生日期） ≥ ');
    expect(after?.label.startsWith('数量（')).toBe(true);
    expect(after?.activeParameter).toBe(1);
  });

  it('nothing outside a call, in a type’s argument, or after the call closed', () => {
    expect(sigAfter('定义 「申请在实施后」', ' 且 ')).toBeUndefined();
    expect(sigAfter('定义 「申请在实施后」', ' 且 周岁（家庭.申请日期） ≥ ')).toBeUndefined();
    expect(sigAfter('  同胎序号：整数', '\n  人数量：数量（')).toBeUndefined();
    expect(sigAfter('定义 「申请在实施后」', ' 且 （')).toBeUndefined();
  });
});

describe('found by driving the server from neovim (session 23)', () => {
  const TEXT = `政策 「试行办法」 {
  文号："试〔2024〕1号"
  发文机关："试县人民政府"
  生效：2024年3月1日
  失效 {
    条件：事件.级别 属于 {国家、省} 并且 事件.日期 ≥ 2024年3月1日
    起算：当日
  }
}
实体 家庭 { 子女数：整数
  等待：时长（天） }
条款 一、 "总则" {
  定性 落实国家项目 {
    原文："落实国家项目。"
    类别：上级政策落实
    理由："按国家项目执行"
  }
  措施 补助 {
    对象：家庭
    结果 补助额：金额 一次性
    规则 「甲」 {
      条件：家庭.子女数 ≥ 2
      补助额 = 100元
    }
    规则 「乙」 例外于 「甲」 {
      条件：家庭.子女数 ≥ 3
      补助额 = 200元
    }
  }
  性质 「补助非负」 {
    类别：一般
    断言：补助.补助额 ≥ 0元
  }
}
`;
  /** Apply a quick fix's edits (one file, from the end) to `text`. */
  const applyEdits = (text: string, edits: readonly { span: { start: number; end: number }; newText: string }[]) =>
    [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
  const errorsOf = (text: string) => ws(text).diagnostics.filter((d) => d.severity === 'error');

  it('the sample compiles without errors', () => {
    expect(errorsOf(TEXT)).toEqual([]);
  });

  it('hover on a 定性’s name shows its clause, 类别, 理由 and 原文; on the 政策’s name its 文号 and 生效', () => {
    const w = ws(TEXT);
    const q = hoverAt(w.set, 'm.zc', at(TEXT, '落实国家项目 {', 2), TODAY);
    expect(q?.text).toContain('**定性** `落实国家项目`');
    expect(q?.text).toContain('条款 **一** “总则”');
    expect(q?.text).toContain('类别：上级政策落实');
    expect(q?.text).toContain('理由：按国家项目执行');
    expect(q?.text).toContain('> 落实国家项目。');
    expect(TEXT.slice(q!.start, q!.end)).toBe('落实国家项目');
    const p = hoverAt(w.set, 'm.zc', at(TEXT, '「试行办法」', 2), TODAY);
    expect(p?.text).toContain('**政策** `试行办法`');
    expect(p?.text).toContain('文号：试〔2024〕1号');
    expect(p?.text).toContain('发文机关：试县人民政府');
    expect(p?.text).toContain('生效：2024-03-01');
    // the keyword before the name is still the keyword's
    expect(hoverAt(w.set, 'm.zc', at(TEXT, '定性 落实'), TODAY)?.text).toContain('**关键字** `定性`');
  });

  it('hover on a value that is no symbol: a 类别 (of a 性质: what it checks; of a 定性: the grouping), a unit in a type, 某日 in 生效', () => {
    const w = ws(TEXT);
    const h = (needle: string, delta: number, text = TEXT, set = w.set) => hoverAt(set, 'm.zc', at(text, needle, delta), TODAY);
    expect(h('类别：一般', 3)?.text).toBe('**性质的类别** `一般`：断言在所有输入上成立（不成立时核查报 ZC0908）（语言说明 §8.15）');
    expect(h('类别：上级政策落实', 3)?.text).toBe('**类别** `上级政策落实`：定性的类别是自由命名的分组；本政策中 1 项定性用这个类别');
    const unit = h('时长（天）', 3);
    expect(unit?.text).toContain('**单位** `天`：时长（天）');
    expect(TEXT.slice(unit!.start, unit!.end)).toBe('天');
    const some = TEXT.replace('生效：2024年3月1日', '生效：某日（2024年1月1日，2024年12月31日）');
    const w2 = ws(some);
    expect(h('某日（', 0, some, w2.set)?.text).toContain('**内置函数** `某日（日期，日期）` → 日期');
  });

  it('a misspelt enum member (ZC0506 with a suggestion) has a quick fix, and the fixed file compiles', () => {
    const text = TEXT.replace('{国家、省}', '{国家、省级}');
    const w = ws(text);
    const d = w.diagnostics.find((x) => x.code === 'ZC0506')!;
    expect(d.message).toBe('枚举“层级”没有值“省级”');
    const fixes = codeActions(w.set, 'm.zc', w.diagnostics, d.span.start, d.span.end).filter((a) => a.kind === 'quickfix');
    expect(fixes.map((f) => f.title)).toEqual(['改为“省”']);
    expect(errorsOf(applyEdits(text, fixes[0]!.edits))).toEqual([]);
  });

  it('an unclosed 「 (ZC0104): the first fix closes the name, not the line, and the fixed file compiles', () => {
    const text = TEXT.replace('例外于 「甲」 {', '例外于 「甲 {');
    const w = ws(text);
    const d = w.diagnostics.find((x) => x.code === 'ZC0104')!;
    const fixes = codeActions(w.set, 'm.zc', w.diagnostics, d.span.start, d.span.end).filter((a) => a.kind === 'quickfix' && a.diagnostic === d);
    expect(fixes.map((f) => f.title)).toEqual(['补上“」”', '在行尾补上“」”']);
    const fixed = applyEdits(text, fixes[0]!.edits);
    expect(fixed).toContain('例外于 「甲」 {');
    expect(errorsOf(fixed)).toEqual([]);
    // a field declared with an unclosed name: closed before the colon
    const w3 = ws(TEXT.replace('实体 家庭 { 子女数：整数', '实体 家庭 { 「子女数：整数'));
    const d3 = w3.diagnostics.find((x) => x.code === 'ZC0104')!;
    expect(errorsOf(applyEdits(TEXT.replace('实体 家庭 { 子女数：整数', '实体 家庭 { 「子女数：整数'), d3.fixes![0]!.edits))).toEqual([]);
    // a name with nothing after it: one fix, at the line's end
    const w2 = ws(TEXT.replace('规则 「甲」 {', '规则 「甲'));
    const d2 = w2.diagnostics.find((x) => x.code === 'ZC0104')!;
    expect(d2.fixes?.map((f) => f.title)).toEqual(['补上“」”']);
  });
});

describe('services on a 有效期 counted from the 施行日 (有效期：三年, 施行日 ± 时长)', () => {
  const SRC = `政策 「有效期」 {
  来源："s.txt"
  生效：某日（2025年1月15日，2025年1月31日）
}
实体 家庭 { 已登记：是否 }
条款 一、 {
  措施 凭证 {
    对象：家庭
    结果 发放：是否
    规则 「一年」 { 条件：家庭.已登记  发放 = 是  有效期：三年 }
    规则 「次月起」 { 条件：家庭.已登记  发放 = 是  有效期：施行日 + 1个月 至 施行日 + 13个月 - 1天 }
  }
}
定义 「登记在施行后」 = 评估日期 ≥ 施行日
`;
  const w = ws(SRC);
  const hv = (off: number) => hoverAt(w.set, 'm.zc', off, TODAY)?.text ?? '';
  it('compiles without errors; hover on 施行日 in a 有效期 shows the 生效 range, as elsewhere; hover on 有效期 explains the forms', () => {
    expect(w.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const inValidity = hv(at(SRC, '施行日 + 1个月', 1));
    expect(inValidity).toContain('某日（2025-01-15 至 2025-01-31 之间，含两端）');
    expect(hv(at(SRC, '施行日 + 13个月', 1))).toBe(inValidity);
    expect(hv(at(SRC, '≥ 施行日', 3))).toBe(inValidity);
    expect(hv(at(SRC, '有效期：三年', 1))).toContain('只写时长（有效期：三年）即自施行日起算');
  });
  it('semantic tokens: 施行日 in a 有效期 is the token it is in a definition; the duration is a number', () => {
    const toks = semanticTokens(w.set, 'm.zc');
    const typeAt = (off: number) => { const t = toks.find((x) => x.start === off); return t ? TOKEN_TYPES[t.type] : undefined; };
    const inDef = typeAt(at(SRC, '≥ 施行日', 2));
    expect(inDef).toBeDefined();
    expect(typeAt(at(SRC, '施行日 + 1个月'))).toBe(inDef);
    expect(typeAt(at(SRC, '施行日 + 13个月'))).toBe(inDef);
    expect(typeAt(at(SRC, '三年'))).toBe(typeAt(at(SRC, '1个月')));
    expect(typeAt(at(SRC, '三年'))).toBeDefined();
  });
});
