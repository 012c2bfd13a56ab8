/**
 * Lowering (compiler/ir/lower.ts): CheckedProgram → IR. Each test compiles a small DSL
 * program in memory and states the IR it must lower to — exact values (fen, ratios as fractions, day
 * numbers, 周岁 literals as 12 × N 月龄), ranges as two comparisons, date arithmetic,
 * products and quotients, indicators evaluated exactly, transitive exceptions, citations, parameters,
 * properties — and the ZC08xx diagnostics for what cannot be represented.
 */
import { describe, expect, it } from 'vitest';
import { memoryHost } from '../../compiler/project/host.js';
import { compile } from '../../compiler/project/program.js';
import { asciiId, children, fractionToDecimal, lower } from '../../compiler/ir/lower.js';
import type { IrProgram } from '../../compiler/ir/ir.js';
import { decToString } from '../../compiler/common/decimal.js';
import Fraction from 'fraction.js';

const day = (s: string) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86_400_000);

const HEADER = `政策 「测试办法」 {
  文号："测〔2024〕1号"
  发文机关："测试县人民政府"
  依据："中发〔2021〕30号"、"豫政〔2022〕1号"
  生效：2024年3月1日
  解释机关：县卫健委
}
机构 县卫健委
`;

/** Lower `body` (after HEADER, or alone when `header` is false); `files` are extra files. */
function lowerText(body: string, opts: { header?: boolean; files?: Record<string, string>; path?: string } = {}) {
  const path = opts.path ?? 'p/main.zc';
  const r = compile([path], memoryHost({ [path]: (opts.header === false ? '' : HEADER) + body, ...opts.files }));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const program = r.programs.find((p) => p.root === path);
  if (!program) throw new Error(`no program: ${errors.map((d) => d.message).join('; ')}`);
  if (errors.length) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  return lower(program);
}
function ir(body: string, opts?: Parameters<typeof lowerText>[1]): IrProgram {
  const r = lowerText(body, opts);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return r.value;
}

/** Strip origins (and undefined) for comparing expression shapes. */
function shape(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(shape);
  if (e && typeof e === 'object') return Object.fromEntries(Object.entries(e).filter(([k, v]) => k !== 'origin' && v !== undefined).map(([k, v]) => [k, shape(v)]));
  return e;
}

const ENTITY = `实体 人 { 数：整数  钱：金额  比：比例  生：日期  日：日期  真：是否  名：文本  月：时长（个月）  年：时长（年）  周：时长（周）  天：时长（天） }
`;

/** The value expression of outcome 值 in measure 算 given `expr` (and its outcome type). */
function valueOf(expr: string, type: string): unknown {
  const p = ir(`${ENTITY}条款 一、 {
  措施 算 {
    牵头单位：县卫健委
    结果 值：${type}
    规则 甲 { 值 = ${expr} }
  }
}
`);
  return shape(p.measures[0]!.rules[0]!.assignments[0]!.value);
}
/** The condition of rule 甲 of measure 判. */
function condOf(cond: string): unknown {
  const p = ir(`${ENTITY}条款 一、 {
  措施 判 {
    牵头单位：县卫健委
    结果 值：整数
    规则 甲 { 条件：${cond}  值 = 1 }
  }
}
`);
  return shape(p.measures[0]!.rules[0]!.condition);
}

const F = (field: string, type: object) => ({ k: 'field', type, entity: '人', field });
const INT = { k: 'int' };
const MONEY = { k: 'money' };
const DATE = { k: 'date' };
const BOOL = { k: 'bool' };
const RATIO = { k: 'quantity', dim: 'ratio' };
const C = (type: object, value: unknown) => ({ k: 'const', type, value });

describe('literals become exact values in their runtime unit', () => {
  it('money in fen, 万元, ratios as exact fractions (%, ‰), dates as day numbers, integers, text, booleans', () => {
    expect(valueOf('1000元', '金额')).toEqual(C(MONEY, 100000));
    expect(valueOf('0.05元', '金额')).toEqual(C(MONEY, 5));
    expect(valueOf('1.5万元', '金额')).toEqual(C(MONEY, 1500000));
    expect(valueOf('一千零五十元', '金额')).toEqual(C(MONEY, 105000));
    expect(valueOf('50%', '比例')).toEqual(C(RATIO, '1/2'));
    expect(valueOf('4.8‰', '比例')).toEqual(C(RATIO, '3/625'));
    expect(valueOf('0.00001%', '比例')).toEqual(C(RATIO, '1/10000000'));
    expect(valueOf('2024年2月29日', '日期')).toEqual(C(DATE, day('2024-02-29')));
    expect(valueOf('1969-12-31', '日期')).toEqual(C(DATE, -1));
    expect(valueOf('12', '整数')).toEqual(C(INT, 12));
    expect(valueOf('"本县"', '文本')).toEqual(C({ k: 'text' }, '本县'));
    expect(valueOf('是', '是否')).toEqual(C(BOOL, true));
    expect(valueOf('否', '是否')).toEqual(C(BOOL, false));
    expect(valueOf('30天', '时长（天）')).toEqual(C({ k: 'quantity', dim: 'days' }, 30));
    expect(valueOf('6个月', '时长（个月）')).toEqual(C({ k: 'quantity', dim: 'months' }, 6));
  });

  it('a literal that is not a whole number of the runtime unit is ZC0801', () => {
    const r = lowerText(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = 0.001元 } } }\n`);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.help])).toEqual([['ZC0801', '“0.001元”不是整数个元，运行时无法精确表示', '金额精确到分；时长、年龄、计数须为整数（比例可以是任意分数）']]);
    expect(shape(r.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual(C(MONEY, 0));
    // a ratio is any exact fraction: 0.00001% is fine
    const ratio = lowerText(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：比例  规则 甲 { 值 = 0.00001% } } }\n`);
    expect(ratio.diagnostics).toEqual([]);
    const big = lowerText(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = 100000000000000元 } } }\n`);
    expect(big.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0801', '数值超出可精确表示的范围']]);
    const bigNeg = lowerText(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = -100000000000000元 } } }\n`);
    expect(bigNeg.diagnostics.map((d) => d.code)).toContain('ZC0801');
    // the largest exact amount is fine
    expect(valueOf('90071992547409.91元', '金额')).toEqual(C(MONEY, Number.MAX_SAFE_INTEGER));
  });
});

describe('expressions', () => {
  it('fields, the evaluation date, negation, 且/或/非', () => {
    expect(valueOf('人.数', '整数')).toEqual(F('数', INT));
    expect(valueOf('评估日期', '日期')).toEqual({ k: 'evalDate', type: DATE });
    expect(valueOf('-人.数', '整数')).toEqual({ k: 'neg', type: INT, x: F('数', INT) });
    expect(condOf('人.真 且 非 人.真 或 人.真')).toEqual({ k: 'or', type: BOOL, xs: [{ k: 'and', type: BOOL, xs: [F('真', BOOL), { k: 'not', type: BOOL, x: F('真', BOOL) }] }, F('真', BOOL)] });
  });

  it('comparisons keep the legal word; ranges are two comparisons including both ends', () => {
    expect(condOf('人.数 ≥ 2')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: F('数', INT), b: C(INT, 2) });
    expect(condOf('人.数 超过 2')).toEqual({ k: 'cmp', type: BOOL, op: '>', a: F('数', INT), b: C(INT, 2), word: '超过' });
    expect(condOf('人.数 不满 2')).toEqual({ k: 'cmp', type: BOOL, op: '<', a: F('数', INT), b: C(INT, 2), word: '不满' });
    expect(condOf('人.数 2以上')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: F('数', INT), b: C(INT, 2), word: '以上' });
    expect(condOf('人.数 为 2')).toEqual({ k: 'cmp', type: BOOL, op: '=', a: F('数', INT), b: C(INT, 2) });
    expect(condOf('人.数 不为 2')).toEqual({ k: 'cmp', type: BOOL, op: '!=', a: F('数', INT), b: C(INT, 2) });
    expect(condOf('人.数 2—5')).toEqual({
      k: 'and', type: BOOL,
      xs: [{ k: 'cmp', type: BOOL, op: '>=', a: F('数', INT), b: C(INT, 2), word: '2—5' }, { k: 'cmp', type: BOOL, op: '<=', a: F('数', INT), b: C(INT, 5), word: '2—5' }],
    });
  });

  it('ages: 周岁 literals against 月龄 become 12 × N months; 月龄 literals against 周岁 become exact years', () => {
    const months = { k: 'age', type: { k: 'quantity', dim: 'ageMonths' }, unit: 'months', birth: F('生', DATE) };
    const years = { k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: F('生', DATE) };
    expect(condOf('月龄（人.生） ≤ 2周岁')).toEqual({ k: 'cmp', type: BOOL, op: '<=', a: months, b: C({ k: 'quantity', dim: 'ageMonths' }, 24) });
    expect(condOf('2周岁 ≥ 月龄（人.生）')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: C({ k: 'quantity', dim: 'ageMonths' }, 24), b: months });
    expect(condOf('周岁（人.生） ≥ 24月龄')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: years, b: C({ k: 'quantity', dim: 'ageYears' }, 2) });
    expect(condOf('36月龄 ≤ 周岁（人.生）')).toEqual({ k: 'cmp', type: BOOL, op: '<=', a: C({ k: 'quantity', dim: 'ageYears' }, 3), b: years });
    expect(condOf('月龄（人.生） 6—36月龄')).toEqual({ k: 'and', type: BOOL, xs: [
      { k: 'cmp', type: BOOL, op: '>=', a: months, b: C({ k: 'quantity', dim: 'ageMonths' }, 6), word: '6—36月龄' },
      { k: 'cmp', type: BOOL, op: '<=', a: months, b: C({ k: 'quantity', dim: 'ageMonths' }, 36), word: '6—36月龄' },
    ] });
    expect(condOf('天数（人.生， 人.日） ≥ 180天')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: { k: 'daysBetween', type: { k: 'quantity', dim: 'days' }, from: F('生', DATE), to: F('日', DATE) }, b: C({ k: 'quantity', dim: 'days' }, 180) });
  });

  it('属于: members lowered in the subject’s type', () => {
    expect(condOf('人.名 属于 {"甲"、"乙"}')).toEqual({ k: 'in', type: BOOL, x: F('名', { k: 'text' }), values: [C({ k: 'text' }, '甲'), C({ k: 'text' }, '乙')], negated: false });
    expect(condOf('人.名 不属于 {"甲"}')).toEqual({ k: 'in', type: BOOL, x: F('名', { k: 'text' }), values: [C({ k: 'text' }, '甲')], negated: true });
  });

  it('date arithmetic: months and years added (years × 12), weeks as days × 7, days added either way', () => {
    const months = { k: 'quantity', dim: 'months' };
    expect(valueOf('人.生 + 6个月', '日期')).toEqual({ k: 'addMonths', type: DATE, date: F('生', DATE), months: C(months, 6), sign: 1 });
    expect(valueOf('人.生 - 人.月', '日期')).toEqual({ k: 'addMonths', type: DATE, date: F('生', DATE), months: F('月', months), sign: -1 });
    expect(valueOf('6个月 + 人.生', '日期')).toEqual({ k: 'addMonths', type: DATE, date: F('生', DATE), months: C(months, 6), sign: 1 });
    expect(valueOf('人.生 + 1年', '日期')).toEqual({ k: 'addMonths', type: DATE, date: F('生', DATE), months: { k: 'mul', type: INT, a: C({ k: 'quantity', dim: 'years' }, 1), b: { k: 'const', type: INT, value: 12 } }, sign: 1 });
    expect(valueOf('人.生 - 人.年', '日期')).toMatchObject({ k: 'addMonths', sign: -1, months: { k: 'mul', b: { value: 12 } } });
    expect(valueOf('人.生 + 2周', '日期')).toEqual({ k: 'add', type: DATE, a: F('生', DATE), b: { k: 'mul', type: { k: 'quantity', dim: 'days' }, a: C({ k: 'quantity', dim: 'weeks' }, 2), b: { k: 'const', type: INT, value: 7 } } });
    expect(valueOf('人.生 - 人.周', '日期')).toMatchObject({ k: 'sub', a: F('生', DATE), b: { k: 'mul', b: { value: 7 } } });
    expect(valueOf('人.生 + 30天', '日期')).toEqual({ k: 'add', type: DATE, a: F('生', DATE), b: C({ k: 'quantity', dim: 'days' }, 30) });
    expect(valueOf('30天 + 人.生', '日期')).toEqual({ k: 'add', type: DATE, a: F('生', DATE), b: C({ k: 'quantity', dim: 'days' }, 30) });
    expect(valueOf('人.生 - 人.天', '日期')).toEqual({ k: 'sub', type: DATE, a: F('生', DATE), b: F('天', { k: 'quantity', dim: 'days' }) });
  });

  it('products and quotients: the operands as written (rounding is the evaluators\' part, by the result type)', () => {
    expect(valueOf('人.钱 × 人.比', '金额')).toEqual({ k: 'mul', type: MONEY, a: F('钱', MONEY), b: F('比', RATIO) });
    expect(valueOf('人.比 × 人.钱', '金额')).toEqual({ k: 'mul', type: MONEY, a: F('比', RATIO), b: F('钱', MONEY) });
    expect(valueOf('人.比 × 人.比', '比例')).toEqual({ k: 'mul', type: RATIO, a: F('比', RATIO), b: F('比', RATIO) });
    expect(valueOf('人.比 × 2', '比例')).toEqual({ k: 'mul', type: RATIO, a: F('比', RATIO), b: C(INT, 2) });
    expect(valueOf('人.钱 × 3', '金额')).toEqual({ k: 'mul', type: MONEY, a: F('钱', MONEY), b: C(INT, 3) });
    expect(valueOf('人.钱 ÷ 3', '金额')).toEqual({ k: 'div', type: MONEY, a: F('钱', MONEY), b: C(INT, 3) });
    expect(valueOf('人.数 + 1 - 2', '整数')).toEqual({ k: 'sub', type: INT, a: { k: 'add', type: INT, a: F('数', INT), b: C(INT, 1) }, b: C(INT, 2) });
  });
});

describe('indicators (evaluated exactly at compile time)', () => {
  it('sums, products, quotients, negation and references; terminating and repeating decimals', () => {
    const p = ir(`条款 一、 {
  指标 甲：金额 = 5000元 + 300元 × 30
  指标 乙 = 甲 ÷ 4
  指标 丙 = 10 ÷ 3
  指标 丁 = -(1 - 2.5)
  指标 比率：比例 = 25% × 2
}
`);
    const by = Object.fromEntries(p.indicators.map((i) => [i.name, [i.value, i.exact, i.fraction, i.unit, i.expr]]));
    expect(by['甲']).toEqual(['14000', true, '14000', '元', '5000元 + 300元 × 30']);
    expect(by['乙']).toEqual(['3500', true, '3500', '元', '甲 ÷ 4']);
    expect(by['丙']).toEqual(['3.(3)', false, '10/3', '', '10 ÷ 3']);
    expect(by['丁']).toEqual(['1.5', true, '3/2', '', '-(1 - 2.5)']);
    expect(by['比率']).toEqual(['0.5', true, '1/2', '（比例，小数）', '25% × 2']);
  });

  it('used in a rule: scaled to the runtime unit; a repeating value is ZC0803', () => {
    const p = ir(`${ENTITY}条款 一、 {
  指标 上限：金额 = 1000元 ÷ 8
  措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = 上限 } }
}
`);
    expect(shape(p.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual(C(MONEY, 12500));
    const r = lowerText(`${ENTITY}条款 一、 {
  指标 「三分」：金额 = 1000元 ÷ 3
  措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = 「三分」 } }
}
`);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0803', '指标“三分”的值 333.(3) 是无限循环小数，不能在规则中精确使用']]);
  });

  it('a ratio indicator is an exact fraction in a rule, repeating or not; one that cannot be evaluated is ZC0803 and lowers to 0', () => {
    const r = lowerText(`${ENTITY}条款 一、 {
  指标 「三分之一」：比例 = 100% ÷ 3
  指标 「一半」：比例 = 25% × 2
  指标 「零」 = 1 ÷ (1 - 1)
  措施 算 { 牵头单位：县卫健委  结果 值：比例  结果 半：比例  结果 整：整数  规则 甲 { 值 = 「三分之一」  半 = 「一半」  整 = 「零」 } }
}
`);
    // (before the fix: ZC0803 “0.(3) 是无限循环小数”, although the IR held the exact 1/3)
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0803', '指标“零”无法在编译期求值']]);
    expect(shape(r.value.measures[0]!.rules[0]!.assignments)).toEqual([
      { outcome: '值', value: C(RATIO, '1/3') },
      { outcome: '半', value: C(RATIO, '1/2') },
      { outcome: '整', value: C(INT, 0) },
    ]);
  });

  it('division by zero and references to non-constants cannot be evaluated', () => {
    const r = lowerText(`条款 一、 {
  指标 「零」 = 1 ÷ (1 - 1)
}
`);
    expect(r.value.indicators[0]).toMatchObject({ name: '零', value: '', exact: false, fraction: '' });
  });
});

describe('the program', () => {
  const SAMPLE_LIKE = `${ENTITY}
参数 基数：金额 来自 "参数.yaml"
条款 一、 "总则" {
  原文："一、总则"
  条款 （一） "补助" {
    措施 补助 {
      原文："（一）补助。"
      牵头单位：县卫健委
      责任单位：县卫健委
      对象：人
      结果 额：金额 一次性 必须
      结果 天数：时长（天）
      规则 基本 { 条件：人.数 ≥ 1  额 = 基数 }
      规则 中 例外于 基本 { 条件：人.数 ≥ 2  额 = 2000元 }
      规则 高 例外于 中 { 条件：人.数 ≥ 3  额 = 3000元  天数 = 30天  有效期：2024年3月1日 至 2026年12月31日 }
      存疑 「是否含收养」 {
        原文："补助"
        解读 仅亲生："只计亲生"
        解读 含收养："含收养"
        采用：仅亲生
        理由："原文用“生育”"
      }
    }
  }
  性质 「补助非负」 {
    断言：补助.额 ≥ 0元
  }
  性质 「失效后不给」 {
    类别：边界
    条件：已废止
    断言：非 适用（补助）
  }
  措施 无规则 {
    牵头单位：县卫健委
  }
}
`;
  const files = {
    'p/参数.yaml': `基数:\n  单位: 元\n  值:\n    - 起: 2024-01-01\n      值: 1000\n      来源: "甲"\n      已确认: true\n    - 起: 2025-01-01\n      值: 1500.5\n      来源: "乙"\n      已确认: false\n`,
    'p/source.txt': '测试\n一、总则\n（一）补助。\n',
  };

  it('policy header', () => {
    const p = ir(SAMPLE_LIKE, { files });
    expect(p.policy).toEqual({
      id: 'p', name: '测试办法', basis: ['中发〔2021〕30号', '豫政〔2022〕1号'], docNumber: '测〔2024〕1号', issuer: '测试县人民政府',
      effective: day('2024-03-01'), effectiveIso: '2024-03-01', interpreter: '县卫健委',
      effectiveOrigin: { file: 'p/main.zc', start: 80, end: 92, text: '生效：2024年3月1日' },
    });
  });

  it('entities and parameters (effective-dated, scaled, confirmed or not)', () => {
    const p = ir(SAMPLE_LIKE, { files });
    expect(p.entities.map((e) => e.name)).toEqual(['人']);
    expect(p.entities[0]!.fields.slice(0, 3)).toEqual([{ name: '数', type: INT }, { name: '钱', type: MONEY }, { name: '比', type: RATIO }]);
    expect(p.params).toEqual([{ name: '基数', type: MONEY, unit: '元', values: [
      { from: day('2024-01-01'), fromIso: '2024-01-01', value: 100000, source: '甲', confirmed: true },
      { from: day('2025-01-01'), fromIso: '2025-01-01', value: 150050, source: '乙', confirmed: false },
    ] }]);
  });

  it('measures: citation, units, subject, outcomes, rules with transitive exceptions and validity; measures without rules are not evaluated', () => {
    const p = ir(SAMPLE_LIKE, { files });
    expect(p.measures.map((m) => m.name)).toEqual(['补助']);
    const m = p.measures[0]!;
    expect(m.citation).toEqual({ anchor: 'sec_1__subsec_1', label: '一（一）', title: '补助', quotes: ['（一）补助。'] });
    expect([m.lead, m.responsible, m.subject]).toEqual([['县卫健委'], ['县卫健委'], '人']);
    expect(m.outcomes).toEqual([
      { name: '额', type: MONEY, required: true, unit: '元', period: '一次性' },
      { name: '天数', type: { k: 'quantity', dim: 'days' }, required: false, unit: '天' },
    ]);
    expect(m.rules.map((r) => [r.name, r.overrides, r.validFrom, r.validTo])).toEqual([
      ['基本', [], undefined, undefined],
      ['中', ['基本'], undefined, undefined],
      ['高', ['中', '基本'].sort(), day('2024-03-01'), day('2026-12-31')],
    ]);
    expect(shape(m.rules[0]!.assignments)).toEqual([{ outcome: '额', value: { k: 'param', type: MONEY, name: '基数' } }]);
    expect(shape(m.rules[2]!.assignments)).toEqual([{ outcome: '额', value: C(MONEY, 300000) }, { outcome: '天数', value: C({ k: 'quantity', dim: 'days' }, 30) }]);
    expect(m.rules[0]!.origin.text).toBe('规则 基本 { 条件：人.数 ≥ 1  额 = 基数 }');
    expect(m.doubts).toEqual([{ name: '是否含收养', readings: [{ name: '仅亲生', text: '只计亲生' }, { name: '含收养', text: '含收养' }], quotes: ['补助'], adopted: '仅亲生', reason: '原文用“生育”', clause: 'sec_1__subsec_1' }]);
    // a rule without a condition always applies
    const q = ir(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：整数  规则 甲 { 值 = 1 } } }\n`);
    expect(shape(q.measures[0]!.rules[0]!.condition)).toEqual(C(BOOL, true));
  });

  it('clauses and properties', () => {
    const p = ir(SAMPLE_LIKE, { files });
    expect(p.clauses.map((c) => [c.anchor, c.label, c.depth, c.title, c.parent, c.quotes])).toEqual([
      ['sec_1', '一', 0, '总则', undefined, ['一、总则']],
      ['sec_1__subsec_1', '一（一）', 1, '补助', 'sec_1', []],
    ]);
    expect(p.properties.map((x) => [x.name, x.kind, x.usesEvent, x.clause, !!x.condition])).toEqual([
      ['补助非负', '一般', false, 'sec_1', false],
      ['失效后不给', '边界', true, 'sec_1', true],
    ]);
    expect(shape(p.properties[0]!.asserts)).toEqual([{ k: 'cmp', type: BOOL, op: '>=', a: { k: 'outcome', type: MONEY, measure: '补助', outcome: '额' }, b: C(MONEY, 0) }]);
    expect(shape(p.properties[1]!.condition)).toEqual({ k: 'void', type: BOOL });
    expect(shape(p.properties[1]!.asserts)).toEqual([{ k: 'not', type: BOOL, x: { k: 'applies', type: BOOL, measure: '补助' } }]);
  });

  it('the sunset: condition on the event, 当日 / 次日', () => {
    const p = ir(`政策 「失效办法」 {
  生效：2024年1月1日
  失效 {
    条件：事件.级别 属于 {国家、省} 并且 事件.日期 ≥ 2024年6月1日
    起算：次日
  }
}
`, { header: false });
    expect(p.policy.sunset!.start).toBe('nextDay');
    expect(shape(p.policy.sunset!.condition)).toEqual({ k: 'and', type: BOOL, xs: [
      { k: 'in', type: BOOL, x: { k: 'event', type: { k: 'enum', name: '层级', members: ['国家', '省', '市', '县'] }, field: '级别' }, values: [C({ k: 'enum', name: '层级', members: ['国家', '省', '市', '县'] }, '国家'), C({ k: 'enum', name: '层级', members: ['国家', '省', '市', '县'] }, '省')], negated: false },
      { k: 'cmp', type: BOOL, op: '>=', a: { k: 'event', type: DATE, field: '日期' }, b: C(DATE, day('2024-06-01')) },
    ] });
    expect(p.policy.id).toBe('p');
  });
});

describe('helpers', () => {
  it('asciiId: ASCII kept, separators to _, other characters as u<hex>, never starting with a digit', () => {
    expect(asciiId('sample')).toBe('sample');
    expect(asciiId('luan-chuan.v2 x')).toBe('luan_chuan_v2_x');
    expect(asciiId('栾政2023-18')).toBe('u683eu653f2023_18');
    expect(asciiId('2023')).toBe('p_2023');
    expect(asciiId('')).toBe('policy');
    expect(asciiId('A_b9')).toBe('A_b9');
  });

  it('the policy id comes from the directory, or from the file name directly under policies/', () => {
    expect(ir('', { path: 'policies/示例.zc' }).policy.id).toBe('u793au4f8b');
    expect(ir('', { path: 'county/main.zc' }).policy.id).toBe('county');
  });

  it('fractionToDecimal: terminating decimals exactly, repeating ones not at all', () => {
    const d = (n: number, den: number) => {
      const r = fractionToDecimal(new Fraction(n, den));
      return r && decToString(r);
    };
    expect([d(1, 8), d(-3, 4), d(5, 1), d(0, 1), d(1, 3), d(1, 7), d(7, 1024)]).toEqual(['0.125', '-0.75', '5', '0', undefined, undefined, '0.0068359375']);
  });

  it('children: the direct sub-expressions of an AST expression', () => {
    const r = compile(['m.zc'], memoryHost({ 'm.zc': '指标 x = 1 + 2 × 3\n' }));
    const expr = r.programs[0]!.checked.indicators.get('x')!.decl.value;
    expect(children(expr).map((c) => c.kind)).toEqual(['number', 'arith']);
    expect(children(children(expr)[1]!).map((c) => c.kind)).toEqual(['number', 'number']);
    expect(children(children(expr)[0]!)).toEqual([]);
  });
});


describe('lists, quantifiers, aggregates, definitions, assumptions, uncertain dates (issue 9): the exact IR', () => {
  const DEPTH = `政策 「测试」 { 生效：某日（2023年1月1日，2023年12月31日） }
枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期  户籍：户籍地  月收入：金额  差额：金额 可为负 }
实体 家庭 { 夫妻：列表（人）  子女：列表（人）  申请日：日期 }
定义 人.孩次：整数 = 人数（家庭.子女，出生日期 < 人.出生日期） + 1
定义 「一方在本县」 = 家庭.夫妻 至少一方满足（户籍 为 本县）
前提 「子女不多」 { 条件：数量（家庭.子女，孩次 ≥ 1） ≤ 10  说明："十以内" }
条款 一、 "补助" {
  措施 补助 {
    对象：家庭
    结果 额：金额
    结果 次：日期
    结果 多：整数
    规则 「甲」 {
      条件：「一方在本县」 且 家庭.子女 均满足（其.孩次 ≥ 1 且 其.出生日期 ≥ 施行日） 且 家庭.申请日 ≥ 某日（2023年1月1日，2023年6月30日）
      额 = 合计（家庭.夫妻，月收入）  次 = 家庭.子女 按（出生日期）第2个.出生日期  多 = 数量（家庭.子女）
    }
  }
  措施 加 { 对象：家庭  结果 额：金额  规则 「乙」 { 条件：适用（补助）  额 = 补助.额 + 最大（家庭.夫妻，月收入） } }
}
`;
  const PERSON = { k: 'entity', name: '人' };
  const HUJI = { k: 'enum', name: '户籍地', members: ['本县', '外县'] };
  const V = (name: string) => ({ k: 'var', type: PERSON, name });
  const G = (of: object, field: string, type: object) => ({ k: 'get', type, of, field });
  const L = (field: string) => ({ k: 'field', type: { k: 'list', elem: '人' }, entity: '家庭', field });
  const D = (s: string) => day(s);

  it('definitions: an element\'s bare field, the entity itself (@self), a count with a body (an integer); a global quantifier; element variables numbered in lowering order (measures first)', () => {
    const p = ir(DEPTH, { header: false });
    expect(shape(p.definitions)).toEqual([
      {
        name: '人.孩次', type: INT, doubts: [], entity: '人',
        expr: {
          k: 'add', type: INT, b: C(INT, 1),
          a: { k: 'quant', type: INT, q: 'count', list: L('子女'), var: '@e6', body: { k: 'cmp', type: BOOL, op: '<', a: G(V('@e6'), '出生日期', DATE), b: G(V('@self'), '出生日期', DATE) } },
        },
      },
      {
        name: '一方在本县', type: BOOL, doubts: [],
        expr: { k: 'quant', type: BOOL, q: 'exists', list: L('夫妻'), var: '@e7', body: { k: 'cmp', type: BOOL, op: '=', a: G(V('@e7'), '户籍', HUJI), b: C(HUJI, '本县') } },
      },
    ]);
  });

  it('assumptions: an element\'s definition by its bare name is the definition of the element', () => {
    const p = ir(DEPTH, { header: false });
    expect(shape(p.assumptions)).toEqual([{
      name: '子女不多', note: '十以内',
      condition: {
        k: 'cmp', type: BOOL, op: '<=', b: C(INT, 10),
        a: { k: 'quant', type: INT, q: 'count', list: L('子女'), var: '@e8', body: { k: 'cmp', type: BOOL, op: '>=', a: { k: 'def', type: INT, name: '人.孩次', of: V('@e8') }, b: C(INT, 1) } },
      },
    }]);
  });

  it('rules: a global definition, 均满足 over 其 (its definition and its field), 施行日, 某日（a，b）, 合计, 按（键）第N个, 数量 without a body, 适用, a measure\'s outcome, 最大', () => {
    const p = ir(DEPTH, { header: false });
    expect(p.policy.effective).toBeUndefined();
    expect(p.policy.effectiveRange).toEqual({ lo: D('2023-01-01'), hi: D('2023-12-31'), loIso: '2023-01-01', hiIso: '2023-12-31' });
    expect(p.policy.effectiveOrigin).toEqual({ file: 'p/main.zc', start: 10, end: 38, text: '生效：某日（2023年1月1日，2023年12月31日）' });
    const [m1, m2] = p.measures;
    expect(shape(m1!.rules[0]!.condition)).toEqual({
      k: 'and', type: BOOL, xs: [
        { k: 'def', type: BOOL, name: '一方在本县' },
        {
          k: 'quant', type: BOOL, q: 'forall', list: L('子女'), var: '@e1', body: {
            k: 'and', type: BOOL, xs: [
              { k: 'cmp', type: BOOL, op: '>=', a: { k: 'def', type: INT, name: '人.孩次', of: V('@e1') }, b: C(INT, 1) },
              { k: 'cmp', type: BOOL, op: '>=', a: G(V('@e1'), '出生日期', DATE), b: { k: 'effective', type: DATE } },
            ],
          },
        },
        { k: 'cmp', type: BOOL, op: '>=', a: { k: 'field', type: DATE, entity: '家庭', field: '申请日' }, b: { k: 'someDay', type: DATE, lo: D('2023-01-01'), hi: D('2023-06-30') } },
      ],
    });
    expect(shape(m1!.rules[0]!.assignments)).toEqual([
      { outcome: '额', value: { k: 'quant', type: MONEY, q: 'sum', list: L('夫妻'), var: '@e2', body: G(V('@e2'), '月收入', MONEY) } },
      { outcome: '次', value: G({ k: 'nth', type: PERSON, list: L('子女'), var: '@e3', key: G(V('@e3'), '出生日期', DATE), n: 2 }, '出生日期', DATE) },
      { outcome: '多', value: { k: 'quant', type: INT, q: 'count', list: L('子女'), var: '@e4' } },
    ]);
    expect(shape(m2!.rules[0]!.condition)).toEqual({ k: 'applies', type: BOOL, measure: '补助' });
    expect(shape(m2!.rules[0]!.assignments)).toEqual([{
      outcome: '额', value: {
        k: 'add', type: MONEY, a: { k: 'outcome', type: MONEY, measure: '补助', outcome: '额' },
        b: { k: 'quant', type: MONEY, q: 'max', list: L('夫妻'), var: '@e5', body: G(V('@e5'), '月收入', MONEY) },
      },
    }]);
    // every node keeps the text it was lowered from
    const someDay = (m1!.rules[0]!.condition as unknown as { xs: { b?: { origin: { text: string } } }[] }).xs[2]!.b!;
    expect(someDay.origin.text).toBe('某日（2023年1月1日，2023年6月30日）');
  });

  const OPTIONAL = `政策 「全」 {
  标题："可选属性"
  生效：某日（2023年1月1日，2023年12月31日）
  说明："自印发之日起施行"
}
机构 县卫健委
枚举 户籍地 { 本县、外县 }
实体 人 { 出生日期：日期 "出生证明上的日期"  差额：金额 可为负  户籍：户籍地 }
实体 机构甲 { 名称：文本 }
定义 人.本县 = 人.户籍 为 本县 {
  原文："本县户籍"
  说明："按户口簿"
  存疑：「户籍口径」
}
条款 一、 "总则" {
  原文："一、总则"
  存疑 「户籍口径」 {
    原文："户籍"
    解读 户口簿："按户口簿"
    解读 居住证："含居住证"
    采用：户口簿
    理由："原文写户籍"
  }
  指标 上限：金额 = 100元 {
    说明："每月"
  }
  条款 （一） "补助" {
    定义 「成年」 = 周岁（人.出生日期） ≥ 18周岁
    措施 补助 {
      牵头单位：县卫健委
      对象：人
      发放对象："监护人"
      申请条件：受理
      说明："按月发放"
      结果 额：金额
      规则 「甲」 { 条件：人.本县  额 = 上限  说明："本县户籍" }
    }
    措施 受理 { 牵头单位：县卫健委  对象：人  发放对象：机构甲  结果 可：是否  规则 「乙」 { 可 = 是 } }
    性质 「额不超上限」 {
      类别：「概念一致」
      断言：补助.额 ≤ 上限
      说明："上限"
      接受："已知"
    }
  }
}
`;

  it('every optional attribute reaches the IR, and an absent one leaves no key', () => {
    const p = ir(OPTIONAL, { header: false });
    expect(p.policy).toEqual({
      id: 'p', name: '全', basis: [], title: '可选属性', effectiveNote: '自印发之日起施行',
      effectiveRange: { lo: D('2023-01-01'), hi: D('2023-12-31'), loIso: '2023-01-01', hiIso: '2023-12-31' },
      effectiveOrigin: { file: 'p/main.zc', start: 23, end: 51, text: '生效：某日（2023年1月1日，2023年12月31日）' },
    });
    expect(p.entities).toEqual([
      { name: '人', fields: [{ name: '出生日期', type: DATE, doc: '出生证明上的日期' }, { name: '差额', type: MONEY, signed: true }, { name: '户籍', type: HUJI }] },
      { name: '机构甲', fields: [{ name: '名称', type: { k: 'text' } }] },
    ]);
    const [m1, m2] = p.measures;
    expect([m1!.subject, m1!.note, m1!.recipient, m1!.application, m1!.responsible]).toEqual(['人', '按月发放', '监护人', '受理', []]);
    expect(Object.keys(m2!).filter((k) => ['note', 'recipient', 'application'].includes(k))).toEqual(['recipient']);
    expect(m2!.recipient).toBe('机构甲');
    expect(shape(m1!.rules[0])).toEqual({
      name: '甲', note: '本县户籍', overrides: [],
      condition: { k: 'def', type: BOOL, name: '人.本县', of: { k: 'root', type: PERSON, entity: '人' } },
      assignments: [{ outcome: '额', value: C(MONEY, 10000) }],
    });
    expect(Object.keys(m2!.rules[0]!)).toEqual(['name', 'condition', 'assignments', 'overrides', 'origin']);
    expect(p.indicators.map(({ origin: _, ...i }) => i)).toEqual([{ name: '上限', value: '100', exact: true, fraction: '100', unit: '元', expr: '100元', note: '每月', clause: 'sec_1' }]);
    expect(p.doubts).toEqual([{ name: '户籍口径', readings: [{ name: '户口簿', text: '按户口簿' }, { name: '居住证', text: '含居住证' }], quotes: ['户籍'], adopted: '户口簿', reason: '原文写户籍', clause: 'sec_1' }]);
    expect(shape(p.properties)).toEqual([{
      name: '额不超上限', kind: '概念一致', usesEvent: false, note: '上限', clause: 'sec_1__subsec_1', accepted: '已知',
      asserts: [{ k: 'cmp', type: BOOL, op: '<=', a: { k: 'outcome', type: MONEY, measure: '补助', outcome: '额' }, b: C(MONEY, 10000) }],
    }]);
    expect(shape(p.definitions)).toEqual([
      {
        name: '人.本县', type: BOOL, doubts: ['户籍口径'], entity: '人', note: '按户口簿', citation: { anchor: '', label: '', quotes: ['本县户籍'] },
        expr: { k: 'cmp', type: BOOL, op: '=', a: G(V('@self'), '户籍', HUJI), b: C(HUJI, '本县') },
      },
      {
        name: '成年', type: BOOL, doubts: [], citation: { anchor: 'sec_1__subsec_1', label: '一（一）', title: '补助', quotes: [] },
        expr: { k: 'cmp', type: BOOL, op: '>=', a: { k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: { k: 'field', type: DATE, entity: '人', field: '出生日期' } }, b: C({ k: 'quantity', dim: 'ageYears' }, 18) },
      },
    ]);
  });
});

describe('types, parameters, properties, headers: each case of the lowering', () => {
  it('every field type: 数量 is an integer, 比例（‰） a ratio, durations and ages by their unit, lists of an entity, enums, entities', () => {
    const p = ir(`枚举 级 { 甲、乙 }
实体 户 { 名：文本 }
实体 人 { a：是否  b：整数  c：数量  d：金额  e：日期  f：文本  g：比例  h：比例（‰）  i：时长（周）  j：年龄（月龄）  k：年龄（岁）  l：列表（人）  m：级  n：户  o：时长（工作日） }
`);
    expect(p.entities.find((e) => e.name === '人')!.fields.map((f) => [f.name, f.type])).toEqual([
      ['a', BOOL], ['b', INT], ['c', INT], ['d', MONEY], ['e', DATE], ['f', { k: 'text' }], ['g', RATIO], ['h', RATIO],
      ['i', { k: 'quantity', dim: 'weeks' }], ['j', { k: 'quantity', dim: 'ageMonths' }], ['k', { k: 'quantity', dim: 'ageYears' }],
      ['l', { k: 'list', elem: '人' }], ['m', { k: 'enum', name: '级', members: ['甲', '乙'] }], ['n', { k: 'entity', name: '户' }],
      ['o', { k: 'quantity', dim: 'workdays' }],
    ]);
  });

  it('the safe-integer bound holds for negative values too: −(2^53 − 1) fen is exact, one fen more is ZC0801', () => {
    const r = lowerText(`条款 一、 {
  指标 「负」：金额 = -90071992547409.91元
  指标 「超」：金额 = -90071992547409.92元
  指标 「整」：整数 = 3
  措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = 「负」 }  规则 乙 { 值 = 「超」 } }
}
`);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.span.start])).toEqual([['ZC0801', '数值超出可精确表示的范围', r.value.measures[0]!.rules[1]!.assignments[0]!.value.origin!.start]]);
    expect(r.value.measures[0]!.rules.map((x) => shape(x.assignments[0]!.value))).toEqual([C(MONEY, -Number.MAX_SAFE_INTEGER), C(MONEY, 0)]);
    expect(r.value.indicators.map((i) => [i.name, i.unit])).toEqual([['负', '元'], ['超', '元'], ['整', '']]);
  });

  it('a ratio parameter is scaled by its own unit (‰)', () => {
    const p = ir(`参数 「千分」：比例 来自 "参数.yaml"\n`, { files: { 'p/参数.yaml': '千分:\n  单位: ‰\n  值:\n    - 起: 2024-01-01\n      值: 4.8\n      来源: "甲"\n      已确认: true\n' } });
    expect(p.params).toEqual([{ name: '千分', type: RATIO, unit: '‰', values: [{ from: day('2024-01-01'), fromIso: '2024-01-01', source: '甲', confirmed: true, value: '3/625' }] }]);
  });

  it('age literals compared with the same age unit stay as written', () => {
    expect(condOf('周岁（人.生） ≥ 3周岁')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: { k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: F('生', DATE) }, b: C({ k: 'quantity', dim: 'ageYears' }, 3) });
    expect(condOf('3周岁 ≤ 周岁（人.生）')).toEqual({ k: 'cmp', type: BOOL, op: '<=', a: C({ k: 'quantity', dim: 'ageYears' }, 3), b: { k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: F('生', DATE) } });
    expect(condOf('月龄（人.生） ≥ 6月龄')).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: { k: 'age', type: { k: 'quantity', dim: 'ageMonths' }, unit: 'months', birth: F('生', DATE) }, b: C({ k: 'quantity', dim: 'ageMonths' }, 6) });
  });

  it('a duration indicator keeps its unit (only a ratio is shown as a decimal fraction)', () => {
    const p = ir(`条款 一、 {
  指标 期限：时长（天） = 30天
}
`);
    expect(p.indicators.map((i) => [i.name, i.value, i.unit])).toEqual([['期限', '30', '天']]);
  });

  it('properties: 事件 in an assertion uses the event; the category 条款一致', () => {
    const p = ir(`条款 一、 {
  措施 算 { 牵头单位：县卫健委  结果 值：金额  规则 甲 { 值 = 1元 } }
  性质 「事件后」 { 类别：「条款一致」  断言：事件.日期 ≥ 2024年1月1日 或 算.值 ≥ 0元 }
  性质 「无事件」 { 断言：算.值 ≥ 0元 }
}
`);
    expect(p.properties.map((x) => [x.name, x.kind, x.usesEvent])).toEqual([['事件后', '条款一致', true], ['无事件', '一般', false]]);
  });

  it('a program without 政策 is named after its file; a policy without 生效 points its effective origin at the whole declaration', () => {
    expect(ir('实体 人 { 数：整数 }\n', { header: false, path: 'q/abc.zc' }).policy).toEqual({ id: 'q', name: 'abc', basis: [] });
    const r = lowerText('政策 「无生效」 { 文号："x" }\n', { header: false, path: 'q/main.zc' });
    expect(r.value.policy).toEqual({ id: 'q', name: '无生效', basis: [], docNumber: 'x', effectiveOrigin: { file: 'q/main.zc', start: 0, end: 19, text: '政策 「无生效」 { 文号："x" }' } });
  });
});

describe('a program with errors is still lowered without throwing (the caller must not use it): what cannot be lowered is ZC0802', () => {
  it('其 outside a quantifier', () => {
    const r = compile(['p/main.zc'], memoryHost({ 'p/main.zc': `${HEADER}实体 人 { 数：整数 }\n条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：整数  规则 甲 { 条件：其 = 1  值 = 1 } } }\n` }));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['ZC0407']);
    const l = lower(r.programs[0]!);
    expect(l.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0802', '表达式“其”无法在运行时求值']]);
    expect(shape((l.value.measures[0]!.rules[0]!.condition as { a: unknown }).a)).toEqual(C(INT, 0));
  });
});
