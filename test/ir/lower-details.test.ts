/**
 * Lowering (compiler/ir/lower.ts), the details the mutation runs of issue 15 found
 * unasserted (test/README.md, "Mutation testing"): each test compiles a small DSL program
 * in memory and states the exact IR — shapes, spans, diagnostics — of one case that
 * test/ir/lower.test.ts reached without telling a change apart. Kept in its own file so
 * that a Stryker re-run of lower.ts stays incremental (an edited test file marks all its
 * tests as changed).
 */
import { describe, expect, it } from 'vitest';
import Fraction from 'fraction.js';
import { memoryHost } from '../../compiler/project/host.js';
import { compile } from '../../compiler/project/program.js';
import { fractionToDecimal, lower } from '../../compiler/ir/lower.js';
import { decToString } from '../../compiler/common/decimal.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';

const HEADER = `政策 「测试办法」 { 生效：2024年3月1日 }
机构 县卫健委
`;

/** Compile `text` as p/main.zc (HEADER first unless `header` is false) and lower it; throws on a compile error. */
function lowerText(body: string, opts: { header?: boolean; files?: Record<string, string> } = {}) {
  const path = 'p/main.zc';
  const r = compile([path], memoryHost({ [path]: (opts.header === false ? '' : HEADER) + body, ...opts.files }));
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  return lower(r.programs.find((p) => p.root === path)!);
}

/** Strip origins (and undefined) for comparing expression shapes. */
function shape(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(shape);
  if (e && typeof e === 'object') return Object.fromEntries(Object.entries(e).filter(([k, v]) => k !== 'origin' && v !== undefined).map(([k, v]) => [k, shape(v)]));
  return e;
}

describe('fractionToDecimal: up to 60 decimals', () => {
  it('1/2^60 has exactly 60 decimals and is exact; 1/2^61 needs 61 and is not', () => {
    const d60 = fractionToDecimal(new Fraction(1n, 2n ** 60n));
    expect(d60 && decToString(d60)).toBe((10n ** 60n / 2n ** 60n).toString().padStart(60, '0').replace(/^/, '0.'));
    expect(fractionToDecimal(new Fraction(1n, 2n ** 61n))).toBeUndefined();
  });
});

/** Compile `body` (after HEADER) even with errors, and lower it: [the compile error codes, the lowering]. */
function lowerAny(body: string, files: Record<string, string> = {}) {
  const r = compile(['p/main.zc'], memoryHost({ 'p/main.zc': HEADER + body, ...files }));
  return [r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), lower(r.programs[0]!)] as const;
}
const ENTITY = "实体 人 { 数：整数  生：日期  日：日期 }\n";
/** A measure 算 with an outcome 值 of `type`, one rule 甲 with `rule` as its body. */
const measure = (type: string, rule: string) => `条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：${type}  规则 甲 { ${rule} } } }\n`;
const INT = { k: 'int' };
const DATE = { k: 'date' };
const BOOL = { k: 'bool' };
const C = (type: object, value: unknown) => ({ k: 'const', type, value });
const F = (field: string, type: object) => ({ k: 'field', type, entity: '人', field });

describe('calls whose first argument is a name are not 适用', () => {
  it('天数（施行日，…） and 周岁（评估日期） keep their function', () => {
    const p = lowerText(ENTITY + measure('时长（天）', '值 = 天数（施行日， 人.日）'));
    expect(p.diagnostics).toEqual([]);
    expect(shape(p.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual({
      k: 'daysBetween', type: { k: 'quantity', dim: 'days' }, from: { k: 'effective', type: DATE }, to: F('日', DATE),
    });
    const q = lowerText(ENTITY + measure('年龄（岁）', '值 = 周岁（评估日期）'));
    expect(q.diagnostics).toEqual([]);
    expect(shape(q.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual({
      k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: { k: 'evalDate', type: DATE },
    });
  });
});

describe('ZC0801 names the runtime unit, or 单位 for a plain number', () => {
  it('an integer indicator of 1.5 used in a rule', () => {
    const r = lowerText(`条款 一、 { 指标 「半」：整数 = 1.5\n${measure('整数', '值 = 「半」').slice('条款 一、 { '.length)}`);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.help])).toEqual([['ZC0801', '“「半」”不是整数个单位，运行时无法精确表示', '金额精确到分；时长、年龄、计数须为整数（比例可以是任意分数）']]);
    expect(shape(r.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual(C(INT, 0));
  });
});

describe('origins: a node whose file the program does not hold has an empty text (no throw)', () => {
  it('the spans stay, the texts are empty', () => {
    const r = compile(['p/main.zc'], memoryHost({ 'p/main.zc': HEADER + ENTITY + measure('整数', '值 = 人.数') }));
    const program = r.programs[0]!;
    const l = lower({ ...program, checked: { ...program.checked, files: new Map() } });
    const rule = l.value.measures[0]!.rules[0]!;
    const full = lower(program).value.measures[0]!.rules[0]!;
    expect(full.origin.text).toBe('规则 甲 { 值 = 人.数 }');
    expect(rule.origin).toEqual({ ...full.origin, text: '' });
    expect(rule.assignments[0]!.value.origin).toEqual({ ...full.assignments[0]!.value.origin!, text: '' });
  });
});

describe('a program with errors is lowered without throwing: what cannot be lowered is ZC0802, the rest as written', () => {
  const zc0802 = (l: ReturnType<typeof lower>) => l.diagnostics.map((d) => [d.code, d.message]);
  it('a quantifier or 第N个 over a non-list', () => {
    const [e1, l1] = lowerAny(ENTITY + measure('整数', '条件：人.数 均满足（其 > 1）  值 = 1'));
    expect(e1).toEqual(['ZC0513']);
    expect(zc0802(l1)).toEqual([['ZC0802', '表达式“人.数 均满足（其 > 1）”无法在运行时求值']]);
    expect(shape(l1.value.measures[0]!.rules[0]!.condition)).toEqual(C(BOOL, 0));
    const [e2, l2] = lowerAny(ENTITY + measure('整数', '值 = 人.数 按（其）第2个'));
    expect(e2).toEqual(['ZC0513']);
    expect(zc0802(l2)).toEqual([['ZC0802', '表达式“人.数 按（其）第2个”无法在运行时求值']]);
    expect(shape(l2.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual(C(INT, 0));
  });

  it('an undefined name, a field of an integer, 适用 without a measure name', () => {
    const [e1, l1] = lowerAny(ENTITY + measure('整数', '条件：未知名 > 1  值 = 1'));
    expect(e1).toEqual(['ZC0401']);
    expect(zc0802(l1)).toEqual([['ZC0802', '表达式“未知名”无法在运行时求值']]);
    expect(shape(l1.value.measures[0]!.rules[0]!.condition)).toEqual({ k: 'cmp', type: BOOL, op: '>', a: C(INT, 0), b: C(INT, 1) });
    const [e2, l2] = lowerAny(ENTITY + measure('整数', '条件：人.数.x > 1  值 = 1'));
    expect(e2).toEqual(['ZC0501']);
    expect(zc0802(l2)).toEqual([['ZC0802', '表达式“人.数.x”无法在运行时求值']]);
    const [e3, l3] = lowerAny(ENTITY + measure('整数', '条件：适用（）  值 = 1'));
    expect(e3).toEqual(['ZC0501']);
    expect(zc0802(l3)).toEqual([['ZC0802', '表达式“适用（）”无法在运行时求值']]);
    const [e4, l4] = lowerAny(ENTITY + measure('整数', '条件：适用（人.数）  值 = 1'));
    expect(e4).toEqual(['ZC0501']);
    expect(zc0802(l4).at(-1)).toEqual(['ZC0802', '表达式“适用（人.数）”无法在运行时求值']);
  });

  it('a plain number against a 月龄 value stays a plain number (ZC0502)', () => {
    const [e, l] = lowerAny(ENTITY + measure('整数', '条件：月龄（人.生） ≤ 24  值 = 1'));
    expect(e).toEqual(['ZC0502']);
    expect(l.diagnostics).toEqual([]);
    expect(shape(l.value.measures[0]!.rules[0]!.condition)).toEqual({
      k: 'cmp', type: BOOL, op: '<=', a: { k: 'age', type: { k: 'quantity', dim: 'ageMonths' }, unit: 'months', birth: F('生', DATE) }, b: C(INT, 24),
    });
  });

  it('a parameter of an enum type (its values must be numbers: ZC0701) is still the parameter, not a member', () => {
    const [e, l] = lowerAny(`枚举 级 { 甲、乙 }\n参数 等级：级 来自 "参数.yaml"\n${measure('整数', '条件：等级 为 甲  值 = 1')}`, {
      'p/参数.yaml': '等级:\n  值:\n    - 起: 2024-01-01\n      值: 甲\n      来源: "甲"\n      已确认: true\n',
    });
    expect(e).toEqual(['ZC0701', 'ZC0701']);
    const LEVEL = { k: 'enum', name: '级', members: ['甲', '乙'] };
    expect(shape(l.value.measures[0]!.rules[0]!.condition)).toEqual({ k: 'cmp', type: BOOL, op: '=', a: { k: 'param', type: LEVEL, name: '等级' }, b: C(LEVEL, '甲') });
  });
});

describe('an indicator of an enum type is refused by the checker (ZC0515); lowered anyway it cannot be evaluated (ZC0803), and is not read as a member', () => {
  it('「级别」：级 = 甲', () => {
    const [e, r] = lowerAny(`枚举 级 { 甲、乙 }\n条款 一、 { 指标 「级别」：级 = 甲\n${measure('整数', '条件：「级别」 为 乙  值 = 1').slice('条款 一、 { '.length)}`);
    expect(e).toEqual(['ZC0515']);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0803', '指标中的“甲”不是常量'], ['ZC0803', '指标“级别”无法在编译期求值']]);
    const LEVEL = { k: 'enum', name: '级', members: ['甲', '乙'] };
    expect(shape(r.value.measures[0]!.rules[0]!.condition)).toEqual({ k: 'cmp', type: BOOL, op: '=', a: C(LEVEL, 0), b: C(LEVEL, '乙') });
  });
});

describe('a duration written before the date it is added to (bug found by the mutation run of issue 15)', () => {
  // Before the fix, `1年 + 人.生` lowered to addMonths by 1 (the years were not × 12) and
  // `2周 + 人.生` to an addition of 2 days (the weeks were not × 7): 2024-01-15 gave
  // 2024-02-15 and 2024-01-17, while `人.生 + 1年` and `人.生 + 2周` gave 2025-01-15 and 2024-01-29.
  const YEARS = { k: 'quantity', dim: 'years' };
  const WEEKS = { k: 'quantity', dim: 'weeks' };
  const DAYS = { k: 'quantity', dim: 'days' };
  const rules = '前年 = 1年 + 人.生  后年 = 人.生 + 1年  前周 = 2周 + 人.生  后周 = 人.生 + 2周  前天 = 3天 + 人.生  前月 = 2个月 + 人.生';
  const text = `${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  对象：人  结果 前年：日期  结果 后年：日期  结果 前周：日期  结果 后周：日期  结果 前天：日期  结果 前月：日期  规则 甲 { ${rules} } } }\n`;

  it('is lowered like the date plus the duration: years × 12 months, weeks × 7 days', () => {
    const r = lowerText(text);
    expect(r.diagnostics).toEqual([]);
    const v = Object.fromEntries(r.value.measures[0]!.rules[0]!.assignments.map((a) => [a.outcome, shape(a.value)]));
    const years = { k: 'addMonths', type: DATE, date: F('生', DATE), months: { k: 'mul', type: INT, a: C(YEARS, 1), b: C(INT, 12) }, sign: 1 };
    const weeks = { k: 'add', type: DATE, a: F('生', DATE), b: { k: 'mul', type: DAYS, a: C(WEEKS, 2), b: C(INT, 7) } };
    expect(v).toEqual({
      前年: years, 后年: years, 前周: weeks, 后周: weeks,
      前天: { k: 'add', type: DATE, a: F('生', DATE), b: C(DAYS, 3) },
      前月: { k: 'addMonths', type: DATE, date: F('生', DATE), months: C({ k: 'quantity', dim: 'months' }, 2), sign: 1 },
    });
  });

  it('only + is reordered: the days between two dates keep their order', () => {
    const r = lowerText(ENTITY + measure('时长（天）', '值 = 人.日 - 人.生'));
    expect(shape(r.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual({ k: 'sub', type: DAYS, a: F('日', DATE), b: F('生', DATE) });
  });

  it('gives the same dates as the other order on the interpreter', () => {
    const d = evaluate(lowerText(text).value, { 人: { 生: '2024-01-15' } }, '2024-06-01').决定[0]!;
    expect(Object.fromEntries(Object.entries(d.结果).map(([k, x]) => [k, x!.值]))).toEqual({
      前年: '2025-01-15', 后年: '2025-01-15', 前周: '2024-01-29', 后周: '2024-01-29', 前天: '2024-01-18', 前月: '2024-03-15',
    });
  });
});

describe('calls: 某日 only with two written dates; the other functions keep their arguments', () => {
  const E2 = '实体 人 { 数：整数  生：日期  日：日期  天：时长（天）  月：时长（个月）  周：时长（周） }\n';
  it('天数 of two written dates, or of a field and a written date, is daysBetween (not 某日)', () => {
    const r = lowerText(E2 + measure('时长（天）', '值 = 天数（2024年1月1日， 2024年3月1日）'));
    expect(r.diagnostics).toEqual([]);
    const DAYS = { k: 'quantity', dim: 'days' };
    expect(shape(r.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual({ k: 'daysBetween', type: DAYS, from: C(DATE, 19723), to: C(DATE, 19783) });
    const q = lowerText(E2 + measure('时长（天）', '值 = 天数（人.生， 2024年3月1日）'));
    expect(shape(q.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual({ k: 'daysBetween', type: DAYS, from: F('生', DATE), to: C(DATE, 19783) });
  });

  it('errors: 某日 without two written dates, 周岁 without an argument, an unknown function, an aggregate of a non-list', () => {
    const cases: [string, string, string[], unknown][] = [
      ['日期', '值 = 某日（人.生，2024年1月1日）', ['ZC0311'], C(DATE, 0)],
      ['日期', '值 = 某日（2024年1月1日）', ['ZC0501'], C(DATE, 0)],
      ['日期', '值 = 某日（）', ['ZC0501'], C(DATE, 0)],
      ['整数', '值 = 某函数（1）', ['ZC0401'], C(INT, 0)],
      ['整数', '值 = 合计（人.数，其）', ['ZC0513'], C(INT, 0)],
    ];
    for (const [type, rule, errors, value] of cases) {
      const [e, l] = lowerAny(E2 + measure(type, rule));
      expect([rule, e]).toEqual([rule, errors]);
      expect(l.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0802', `表达式“${rule.slice(4)}”无法在运行时求值`]]);
      expect(shape(l.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual(value);
    }
    const [e, l] = lowerAny(E2 + measure('年龄（岁）', '值 = 周岁（）'));
    expect(e).toEqual(['ZC0501']);
    expect(l.diagnostics).toEqual([]);
    expect(shape(l.value.measures[0]!.rules[0]!.assignments[0]!.value)).toEqual({ k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: C(DATE, 0) });
  });
});

describe('ages across units only for 月龄 and 周岁; durations are added as durations', () => {
  const E2 = '实体 人 { 数：整数  生：日期  日：日期  天：时长（天）  月：时长（个月）  周：时长（周） }\n';
  it('errors: days against a 月龄 literal (ZC0502) and 月龄 against 周岁 values (ZC0503) stay as written', () => {
    const [e1, l1] = lowerAny(E2 + measure('整数', '条件：人.天 ≥ 24月龄  值 = 1'));
    expect(e1).toEqual(['ZC0502']);
    expect(l1.diagnostics).toEqual([]);
    expect(shape(l1.value.measures[0]!.rules[0]!.condition)).toEqual({ k: 'cmp', type: BOOL, op: '>=', a: F('天', { k: 'quantity', dim: 'days' }), b: C({ k: 'quantity', dim: 'ageMonths' }, 24) });
    const [e2, l2] = lowerAny(E2 + measure('整数', '条件：月龄（人.生） ≥ 周岁（人.日）  值 = 1'));
    expect(e2).toEqual(['ZC0503']);
    expect(l2.diagnostics).toEqual([]);
    expect(shape(l2.value.measures[0]!.rules[0]!.condition)).toEqual({
      k: 'cmp', type: BOOL, op: '>=',
      a: { k: 'age', type: { k: 'quantity', dim: 'ageMonths' }, unit: 'months', birth: F('生', DATE) },
      b: { k: 'age', type: { k: 'quantity', dim: 'ageYears' }, unit: 'years', birth: F('日', DATE) },
    });
  });

  it('months + months, weeks + weeks and a number × months are plain arithmetic (no addMonths, no × 7)', () => {
    const r = lowerText(`${E2}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：时长（个月）  结果 周数：时长（周）  结果 积：时长（个月）  规则 甲 { 值 = 人.月 + 2个月  周数 = 人.周 + 2周  积 = 3 × 人.月 } } }\n`);
    expect(r.diagnostics).toEqual([]);
    const M = { k: 'quantity', dim: 'months' };
    const W = { k: 'quantity', dim: 'weeks' };
    expect(shape(r.value.measures[0]!.rules[0]!.assignments)).toEqual([
      { outcome: '值', value: { k: 'add', type: M, a: F('月', M), b: C(M, 2) } },
      { outcome: '周数', value: { k: 'add', type: W, a: F('周', W), b: C(W, 2) } },
      { outcome: '积', value: { k: 'mul', type: M, a: C(INT, 3), b: F('月', M) } },
    ]);
  });
});

describe('indicators: what cannot be evaluated', () => {
  it('a date is not a number (ZC0515 when checked, ZC0803 when lowered anyway); a parameter inside one (ZC0407) is not a constant, negated or added', () => {
    const [e0, r] = lowerAny('条款 一、 { 指标 「日」：日期 = 2024年1月1日 }\n');
    expect(e0).toEqual(['ZC0515']);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0803', '指标只能由数字、单位和其他指标组成']]);
    expect(r.value.indicators.map(({ origin: _, ...i }) => i)).toEqual([{ name: '日', value: '', exact: false, fraction: '', unit: '', expr: '2024年1月1日', clause: 'sec_1' }]);
    const [e, l] = lowerAny('参数 基数：金额 来自 "参数.yaml"\n条款 一、 { 指标 「负」：金额 = -基数\n 指标 「和」：金额 = 基数 + 1元 }\n', {
      'p/参数.yaml': '基数:\n  单位: 元\n  值:\n    - 起: 2024-01-01\n      值: 1000\n      来源: "甲"\n      已确认: true\n',
    });
    expect(e).toEqual(['ZC0407', 'ZC0407']);
    expect(l.diagnostics.map((d) => [d.code, d.message])).toEqual([['ZC0803', '指标中的“基数”不是常量'], ['ZC0803', '指标中的“基数”不是常量']]);
    expect(l.value.indicators.map((i) => [i.name, i.value, i.fraction])).toEqual([['负', '', ''], ['和', '', '']]);
  });
});

describe('a measure\'s citation: the clause\'s 原文, then the measure\'s own', () => {
  it('both quotes, in that order', () => {
    const r = lowerText('条款 一、 "总则" { 原文："一、总则"  措施 内 { 牵头单位：县卫健委  原文："内"  结果 值：整数  规则 甲 { 值 = 1 } } }\n');
    expect(r.value.measures[0]!.citation).toEqual({ anchor: 'sec_1', label: '一', title: '总则', quotes: ['一、总则', '内'] });
  });
});

describe('the program: assignments in their outcome\'s type, and what an erroneous declaration lowers to', () => {
  const AGES = { m: { k: 'quantity', dim: 'ageMonths' }, y: { k: 'quantity', dim: 'ageYears' } };
  it('a 周岁 literal assigned to a 周岁 outcome stays in years, whatever the other outcomes', () => {
    const r = lowerText(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 甲：年龄（月龄）  结果 乙：年龄（岁）  规则 r { 乙 = 3周岁  甲 = 6月龄 } } }\n`);
    expect(r.diagnostics).toEqual([]);
    expect(shape(r.value.measures[0]!.rules[0]!.assignments)).toEqual([{ outcome: '乙', value: C(AGES.y, 3) }, { outcome: '甲', value: C(AGES.m, 6) }]);
  });

  it('errors: a 周岁 literal for a 月龄 outcome (ZC0505) is lowered in months; an undeclared outcome (ZC0401) keeps the literal', () => {
    const [e1, l1] = lowerAny(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 甲：年龄（月龄）  结果 乙：年龄（岁）  规则 r { 乙 = 3周岁  甲 = 2周岁 } } }\n`);
    expect(e1).toEqual(['ZC0505']);
    expect(shape(l1.value.measures[0]!.rules[0]!.assignments)).toEqual([{ outcome: '乙', value: C(AGES.y, 3) }, { outcome: '甲', value: C(AGES.m, 24) }]);
    const [e2, l2] = lowerAny(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 甲：整数  规则 r { 丙 = 1 } } }\n`);
    expect(e2).toEqual(['ZC0401']);
    expect(shape(l2.value.measures[0]!.rules[0]!.assignments)).toEqual([{ outcome: '丙', value: C(INT, 1) }]);
  });

  it('errors: a parameter without its file (ZC0701) has no unit and no values; fields of a type in error are integers', () => {
    const [e1, l1] = lowerAny('参数 基数：金额 来自 "无.yaml"\n');
    expect(e1).toEqual(['ZC0701']);
    expect(l1.value.params).toEqual([{ name: '基数', type: { k: 'money' }, unit: '', values: [] }]);
    const [e2, l2] = lowerAny('实体 人 { 生：日期  列：列表（整数）  长：时长  空：列表 }\n');
    expect(e2).toEqual(['ZC0514', 'ZC0311']);
    expect(l2.value.entities).toEqual([{ name: '人', fields: [{ name: '生', type: DATE }, { name: '列', type: INT }, { name: '长', type: INT }, { name: '空', type: INT }] }]);
  });

  it('errors: a property of an unknown category (ZC0311) is 一般; an assumption without 条件 (ZC0307) is left out', () => {
    const [e, l] = lowerAny(`条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 甲：整数  规则 r { 甲 = 1 } }
 性质 「p」 { 类别：「其他」  断言：算.甲 ≥ 0 }
 前提 「无条件」 { 说明："x" } }
`);
    expect(e).toEqual(['ZC0311', 'ZC0307']);
    expect(l.value.properties.map((x) => [x.name, x.kind])).toEqual([['p', '一般']]);
    expect(l.value.assumptions).toEqual([]);
  });
});

describe('exceptions and assumptions inside a 条款', () => {
  it('a rule\'s overrides are sorted (the closure gives 基, 低 for 高); an assumption keeps its clause', () => {
    const r = lowerText(`${ENTITY}条款 一、 { 措施 算 { 牵头单位：县卫健委  结果 值：整数
  规则 低 { 值 = 1 }
  规则 基 例外于 低 { 条件：人.数 ≥ 1  值 = 2 }
  规则 高 例外于 基 { 条件：人.数 ≥ 2  值 = 3 } }
  前提 「在条款」 { 条件：人.数 ≥ 0 } }
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.measures[0]!.rules.map((x) => [x.name, x.overrides])).toEqual([['低', []], ['基', ['低']], ['高', ['低', '基']]]);
    expect(shape(r.value.assumptions)).toEqual([{ name: '在条款', clause: 'sec_1', condition: { k: 'cmp', type: BOOL, op: '>=', a: F('数', INT), b: C(INT, 0) } }]);
  });
});
