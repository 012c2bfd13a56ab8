import { describe, expect, it } from 'vitest';
import type { CmpOp, IrExpr, IrType, Origin } from '../../compiler/ir/ir.js';
import { condText, literals, ruleText, sunsetText, validityText, valueText } from '../../compiler/emit/docs-text.js';

let pos = 0;
const o = (text = '', start?: number, end?: number): Origin => {
  const s = start ?? pos++ * 100;
  return { file: 't.zc', start: s, end: end ?? s + 1, text };
};
const B: IrType = { k: 'bool' };
const INT: IrType = { k: 'int' };
const MONEY: IrType = { k: 'money' };
const DATE: IrType = { k: 'date' };
const AGE_Y: IrType = { k: 'quantity', dim: 'ageYears' };
const AGE_M: IrType = { k: 'quantity', dim: 'ageMonths' };
const RATIO: IrType = { k: 'quantity', dim: 'ratio' };
const MONTHS: IrType = { k: 'quantity', dim: 'months' };
const YEARS: IrType = { k: 'quantity', dim: 'years' };
const LEVEL: IrType = { k: 'enum', name: '层级', members: ['国家', '省', '市', '县'] };

const field = (entity: string, f: string, type: IrType = INT): IrExpr => ({ k: 'field', type, entity, field: f, origin: o() });
const c = (type: IrType, value: number | boolean | string): IrExpr => ({ k: 'const', type, value, origin: o() });
const cmp = (op: CmpOp, a: IrExpr, b: IrExpr, word?: string): IrExpr => ({ k: 'cmp', type: B, op, a, b, origin: o(), ...(word ? { word } : {}) });
const and = (...xs: IrExpr[]): IrExpr => ({ k: 'and', type: B, xs, origin: o() });
const or = (...xs: IrExpr[]): IrExpr => ({ k: 'or', type: B, xs, origin: o() });
const not = (x: IrExpr): IrExpr => ({ k: 'not', type: B, x, origin: o() });
const range = (subject: IrExpr, lo: IrExpr, hi: IrExpr, word: string): IrExpr => {
  const org = o('range', 5000 + pos * 10, 5005 + pos * 10);
  pos++;
  return {
    k: 'and', type: B, origin: org,
    xs: [{ k: 'cmp', type: B, op: '>=', a: subject, b: lo, origin: org, word }, { k: 'cmp', type: B, op: '<=', a: subject, b: hi, origin: org, word }],
  };
};
const birth = field('婴幼儿', '出生日期', DATE);
const ageY: IrExpr = { k: 'age', type: AGE_Y, unit: 'years', birth, origin: o() };
const ageM: IrExpr = { k: 'age', type: AGE_M, unit: 'months', birth, origin: o() };

describe('plain-Chinese rendering of IR conditions', () => {
  it('keeps the legal word and states whether the number is included', () => {
    expect(condText(cmp('<', ageY, c(AGE_Y, 3), '不满'))).toBe('周岁（「婴幼儿」的「出生日期」）不满3周岁（不含本数）');
    expect(condText(cmp('>=', ageY, c(AGE_Y, 3), '届满'))).toBe('周岁（「婴幼儿」的「出生日期」）届满3周岁（含本数）');
    expect(condText(cmp('>', field('家庭', '子女数'), c(INT, 2), '超过'))).toBe('「家庭」的「子女数」超过2（不含本数）');
    expect(condText(cmp('>=', field('家庭', '子女数'), c(INT, 3), '以上'))).toBe('「家庭」的「子女数」在3以上（含本数）');
    expect(condText(cmp('<=', field('家庭', '子女数'), c(INT, 3), '以内'))).toBe('「家庭」的「子女数」在3以内（含本数）');
    expect(condText(cmp('>', field('家庭', '子女数'), c(INT, 3), '以外'))).toBe('「家庭」的「子女数」在3以外（不含本数）');
  });

  it('renders plain operators in words', () => {
    expect(condText(cmp('>=', field('家庭', '子女数'), c(INT, 3)))).toBe('「家庭」的「子女数」大于或等于3');
    expect(condText(cmp('<', field('家庭', '子女数'), c(INT, 3)))).toBe('「家庭」的「子女数」小于3');
    expect(condText(cmp('=', field('女职工', '生育孩次'), c(INT, 3)))).toBe('「女职工」的「生育孩次」为3');
    expect(condText(cmp('!=', field('申请', '类别', { k: 'text' }), c({ k: 'text' }, '补办')))).toBe('「申请」的「类别」不为“补办”');
  });

  it('renders a range once, as written, both ends included', () => {
    expect(condText(range(ageM, c(AGE_M, 6), c(AGE_M, 24), '6—24月龄'))).toBe('月龄（「婴幼儿」的「出生日期」）为6—24月龄（含两端）');
    // two comparisons that merely look alike are not a range
    const x = and(cmp('>=', ageM, c(AGE_M, 6), '以上'), cmp('<=', ageM, c(AGE_M, 24), '以下'));
    expect(condText(x)).toBe('月龄（「婴幼儿」的「出生日期」）在6月龄以上（含本数），且月龄（「婴幼儿」的「出生日期」）在24月龄以下（含本数）');
  });

  it('renders 属于 / 不属于 with the members', () => {
    const ev: IrExpr = { k: 'event', type: LEVEL, field: '级别', origin: o() };
    const members = ['国家', '省', '市'].map((m) => c(LEVEL, m));
    expect(condText({ k: 'in', type: B, x: ev, values: members, negated: false, origin: o() })).toBe('事件级别属于国家、省、市');
    expect(condText({ k: 'in', type: B, x: ev, values: [c(LEVEL, '县')], negated: true, origin: o() })).toBe('事件级别不属于县');
  });

  it('brackets nested 且/或 and never relies on precedence', () => {
    const a = field('家庭', '甲', B);
    const b = field('家庭', '乙', B);
    const d = field('家庭', '丙', B);
    expect(condText(and(a, or(b, d)))).toBe('「家庭」的「甲」，且（「家庭」的「乙」或「家庭」的「丙」）');
    expect(condText(or(and(a, b), d))).toBe('（「家庭」的「甲」且「家庭」的「乙」），或「家庭」的「丙」');
    expect(condText(and(a, and(b, d)))).toBe('「家庭」的「甲」，且「家庭」的「乙」，且「家庭」的「丙」');
    expect(condText(not(a))).toBe('「家庭」的「甲」为否');
    expect(condText(not(or(a, b)))).toBe('并非“「家庭」的「甲」或「家庭」的「乙」”');
  });

  it('prints constants exactly: money in 元 to the fen, ratios, dates, ages', () => {
    expect(valueText(c(MONEY, 123456))).toBe('1234.56元');
    expect(valueText(c(MONEY, -5))).toBe('-0.05元');
    expect(valueText(c(RATIO, '3/625'))).toBe('0.48%');
    expect(valueText(c(RATIO, '1/2'))).toBe('50%');
    expect(valueText(c(RATIO, '1/3'))).toBe('33.(3)%');
    expect(valueText(c(DATE, 19783))).toBe('2024-03-01');
    expect(valueText(c(AGE_Y, 3))).toBe('3周岁');
    expect(valueText(c(B, true))).toBe('是');
  });

  it('renders arithmetic, parameters, dates and built-ins', () => {
    const p: IrExpr = { k: 'param', type: MONEY, name: '标准', origin: o() };
    const sum: IrExpr = { k: 'add', type: MONEY, a: p, b: c(MONEY, 100), origin: o() };
    expect(valueText({ k: 'mul', type: MONEY, a: sum, b: c(RATIO, '1/2'), origin: o() })).toBe('（参数「标准」 ＋ 1.00元） × 50%');
    const years: IrExpr = { k: 'mul', type: INT, a: c(YEARS, 3), b: c(INT, 12), origin: o() };
    expect(valueText({ k: 'addMonths', type: DATE, date: birth, months: years, sign: 1, origin: o() })).toBe('「婴幼儿」的「出生日期」 ＋ 3年');
    expect(valueText({ k: 'addMonths', type: DATE, date: birth, months: c(MONTHS, 6), sign: -1, origin: o() })).toBe('「婴幼儿」的「出生日期」 − 6个月');
    expect(valueText({ k: 'daysBetween', type: { k: 'quantity', dim: 'days' }, from: birth, to: { k: 'evalDate', type: DATE, origin: o() }, origin: o() }))
      .toBe('自「婴幼儿」的「出生日期」至评估日期的天数');
    expect(valueText({ k: 'neg', type: MONEY, x: sum, origin: o() })).toBe('−（参数「标准」 ＋ 1.00元）');
  });

  it('renders a whole rule, its validity and the sunset', () => {
    const outcomes = [{ name: '补助金额', type: MONEY, required: false, unit: '元', period: '一次性' as const }];
    const rule = {
      name: 'r', condition: and(cmp('>=', field('家庭', '子女数'), c(INT, 2), '及以上'), field('家庭', '户籍在本县', B)),
      assignments: [{ outcome: '补助金额', value: c(MONEY, 100000) }], overrides: [], origin: o(),
    };
    expect(ruleText(rule, outcomes)).toBe('当「家庭」的「子女数」在2及以上（含本数），且「家庭」的「户籍在本县」时，补助金额为1000.00元（一次性）。');
    expect(ruleText({ ...rule, condition: c(B, true) }, outcomes)).toBe('在任何情形下，补助金额为1000.00元（一次性）。');
    expect(validityText({ validFrom: 19783, validTo: 20818 })).toBe('2024-03-01 至 2026-12-31');
    expect(validityText({ validFrom: 19783 })).toBe('自 2024-03-01 起');
    expect(validityText({})).toBe('');
    // counted from the 施行日: certain (the dates), within a range (each end's range), unknown
    expect(validityText({ validFrom: 19737, validTo: 20832, validText: '自施行日起三年' })).toBe('自施行日起三年（2024-01-15 至 2027-01-14）');
    expect(validityText({ validFromRange: { lo: 20103, hi: 20119, why: 'w', shifts: [] }, validToRange: { lo: 20467, hi: 20483, why: 'w', shifts: [{ unit: 'months', n: 12 }, { unit: 'days', n: -1 }] }, validText: '自施行日起1年' }))
      .toBe('自施行日起1年（2025-01-15—2025-01-31 之间的某日 至 2026-01-14—2026-01-30 之间的某日，取决于施行日）');
    expect(validityText({ validFrom: 19783, validToRange: { lo: -719162, hi: 2932896, why: '施行日（原文未载明）' }, validText: '2024年3月1日 至 施行日 + 3年' }))
      .toBe('2024年3月1日 至 施行日 + 3年（2024-03-01 至 施行日未知，取决于施行日）');
    const ev: IrExpr = { k: 'event', type: LEVEL, field: '级别', origin: o() };
    const cat: IrExpr = { k: 'event', type: { k: 'text' }, field: '类别', origin: o() };
    const cond = and({ k: 'in', type: B, x: ev, values: ['国家', '省', '市'].map((m) => c(LEVEL, m)), negated: false, origin: o() }, cmp('=', cat, c({ k: 'text' }, '生育支持政策')));
    expect(sunsetText({ condition: cond, start: 'sameDay' })).toBe('事件级别属于国家、省、市，且事件类别为“生育支持政策”时，自事件当日起失效');
    expect(sunsetText({ condition: cond, start: 'nextDay' })).toMatch(/自事件次日起失效$/);
  });

  it('splits a condition into decision-table literals', () => {
    const a = field('家庭', '甲', B);
    const b = cmp('>=', field('家庭', '子女数'), c(INT, 3));
    const d = or(field('家庭', '乙', B), field('家庭', '丙', B));
    expect(literals(and(a, not(b), d))).toEqual([
      { key: '「家庭」的「甲」', positive: true },
      { key: '「家庭」的「子女数」大于或等于3', positive: false },
      { key: '「家庭」的「乙」或「家庭」的「丙」', positive: true },
    ]);
    expect(literals(c(B, true))).toEqual([]);
    expect(literals(range(ageM, c(AGE_M, 6), c(AGE_M, 24), '6—24月龄'))).toHaveLength(1);
  });

  it('renders the property-only kinds: outcomes, 适用, 已废止, 工作日期限, and equivalences', () => {
    const applies: IrExpr = { k: 'applies', type: B, measure: '生育补助', origin: o() };
    const voidE: IrExpr = { k: 'void', type: B, origin: o() };
    const out: IrExpr = { k: 'outcome', type: MONEY, measure: '生育补助', outcome: '补助金额', origin: o() };
    expect(condText(cmp('<=', out, c(MONEY, 100000)))).toBe('措施「生育补助」的「补助金额」小于或等于1000.00元');
    expect(condText(or(not(applies), field('家庭', '甲', B)))).toBe('措施「生育补助」不适用，或「家庭」的「甲」');
    expect(condText(and(voidE, not(voidE)))).toBe('本政策已废止，且本政策未废止');
    const wd: IrExpr = { k: 'workdays', type: DATE, start: field('申请', '提交日期', DATE), n: c({ k: 'quantity', dim: 'workdays' }, 15), origin: o() };
    expect(valueText(wd)).toBe('「申请」的「提交日期」后的第15个工作日');
    expect(valueText(c({ k: 'quantity', dim: 'workdays' }, 5))).toBe('5个工作日'); // a count of working days anywhere in the docs
    const eq = cmp('=', and(field('家庭', '甲', B), field('家庭', '乙', B)), applies);
    expect(condText(eq)).toBe('“「家庭」的「甲」且「家庭」的「乙」”与“措施「生育补助」适用”同时成立或同时不成立');
  });

  it('never recurses forever on an expression kind it does not know', () => {
    const strange = { k: 'someFutureKind', type: B, origin: o('未来  的 写法') } as unknown as IrExpr;
    expect(condText(strange)).toBe('未来 的 写法');
    expect(condText(not(strange))).toBe('并非“未来 的 写法”');
  });
});

describe('plain-Chinese rendering of the second-wave IR (grammar/README.md §15)', () => {
  const PERSON: IrType = { k: 'entity', name: '人' };
  const LIST: IrType = { k: 'list', elem: '人' };
  const TEXT: IrType = { k: 'text' };
  const root: IrExpr = { k: 'root', type: { k: 'entity', name: '家庭' }, entity: '家庭', origin: o() };
  const kids: IrExpr = { k: 'field', type: LIST, entity: '家庭', field: '子女', origin: o() };
  const v = (name: string): IrExpr => ({ k: 'var', type: PERSON, name, origin: o() });
  const get = (of: IrExpr, f: string, type: IrType = TEXT): IrExpr => ({ k: 'get', type, of, field: f, origin: o() });
  const quant = (q: 'exists' | 'forall' | 'none' | 'count' | 'sum' | 'max' | 'min', list: IrExpr, name: string, body?: IrExpr, type: IrType = B): IrExpr =>
    ({ k: 'quant', type, q, list, var: name, ...(body ? { body } : {}), origin: o() });

  it('quantifiers: the element is 其; 均满足 states the empty-list reading', () => {
    const local = cmp('=', get(v('@e1'), '户籍'), c(TEXT, '本县'));
    expect(condText(quant('exists', kids, '@e1', local))).toBe('「家庭」的「子女」中至少一个满足“其「户籍」为“本县””');
    expect(condText(quant('forall', kids, '@e1', local))).toBe('「家庭」的「子女」均满足“其「户籍」为“本县””（没有元素时视为满足）');
    expect(condText(quant('none', kids, '@e1', local))).toBe('「家庭」的「子女」均不满足“其「户籍」为“本县””');
    expect(condText(not(quant('exists', kids, '@e1', local)))).toBe('并非“「家庭」的「子女」中至少一个满足“其「户籍」为“本县”””');
  });

  it('nested quantifiers: the outer element is 外层元素; an entity definition\'s instance is 该「人」', () => {
    const spouses: IrExpr = { k: 'field', type: LIST, entity: '家庭', field: '夫妻', origin: o() };
    const inner = quant('exists', kids, '@e2', cmp('=', get(v('@e2'), '户籍'), get(v('@e1'), '户籍')));
    expect(condText(quant('forall', spouses, '@e1', inner)))
      .toBe('「家庭」的「夫妻」均满足“「家庭」的「子女」中至少一个满足“其「户籍」为外层元素的「户籍」””（没有元素时视为满足）');
    const earlier = cmp('<', get(v('@e1'), '出生日期', DATE), get(v('@self'), '出生日期', DATE));
    expect(valueText(quant('count', kids, '@e1', earlier, INT))).toBe('「家庭」的「子女」中满足“其「出生日期」小于该「人」的「出生日期」”的个数');
  });

  it('aggregates, 按（键）第N个, definitions, 施行日 and 某日', () => {
    expect(valueText(quant('count', kids, '@e1', undefined, INT))).toBe('「家庭」的「子女」的个数');
    expect(valueText(quant('sum', kids, '@e1', get(v('@e1'), '月收入', MONEY), MONEY))).toBe('「家庭」的「子女」各项“其「月收入」”之和');
    expect(valueText(quant('max', kids, '@e1', get(v('@e1'), '出生日期', DATE), DATE))).toBe('「家庭」的「子女」中“其「出生日期」”的最大值');
    expect(valueText(quant('min', kids, '@e1', get(v('@e1'), '出生日期', DATE), DATE))).toBe('「家庭」的「子女」中“其「出生日期」”的最小值');
    const nth: IrExpr = { k: 'nth', type: PERSON, list: kids, var: '@e3', key: get(v('@e3'), '出生日期', DATE), n: 2, origin: o() };
    expect(valueText(get(nth, '户籍'))).toBe('「家庭」的「子女」中按“其「出生日期」”从小到大排第2个的「户籍」');
    const globalDef: IrExpr = { k: 'def', type: B, name: '夫妻至少一方户籍在本县', origin: o() };
    const entityDef: IrExpr = { k: 'def', type: INT, name: '人.孩次', of: v('@e1'), origin: o() };
    expect(condText(and(globalDef, not(globalDef)))).toBe('「夫妻至少一方户籍在本县」，且「夫妻至少一方户籍在本县」为否');
    expect(condText(quant('exists', kids, '@e1', cmp('>=', entityDef, c(INT, 3))))).toBe('「家庭」的「子女」中至少一个满足“其「孩次」大于或等于3”');
    expect(valueText({ k: 'def', type: B, name: '家庭.多孩家庭', of: root, origin: o() })).toBe('「家庭」的「多孩家庭」');
    const eff: IrExpr = { k: 'effective', type: DATE, origin: o() };
    expect(condText(cmp('>=', field('婴幼儿', '出生日期', DATE), eff))).toBe('「婴幼儿」的「出生日期」大于或等于施行日');
    expect(valueText({ k: 'someDay', type: DATE, lo: 19723, hi: 19813, origin: o() })).toBe('2024-01-01至2024-03-31之间的某日');
  });

  it('collects the definitions and (through them) the parameters an expression uses', async () => {
    const { definitionsIn, paramsIn } = await import('../../compiler/emit/docs-text.js');
    const p: IrExpr = { k: 'param', type: MONEY, name: '标准', origin: o() };
    const d: IrExpr = { k: 'def', type: MONEY, name: '补助基数', origin: o() };
    const e = and(cmp('>=', d, c(MONEY, 1)), quant('exists', kids, '@e1', cmp('>=', { k: 'def', type: INT, name: '人.孩次', of: v('@e1'), origin: o() }, c(INT, 3))));
    expect([...definitionsIn(e)].sort()).toEqual(['人.孩次', '补助基数']);
    expect([...paramsIn(e)]).toEqual([]);
    expect([...paramsIn(e, new Set(), new Map([['补助基数', p]]))]).toEqual(['标准']);
  });
});
