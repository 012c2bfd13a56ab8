/**
 * Plain-Chinese rendering of IR expressions, for the documentation emitter.
 * Input: IR expressions (conditions, values), rules, outcomes. Output: strings
 * meant for a legal officer ("「家庭」的「子女数」在2及以上（含本数），且…").
 *
 * Conventions:
 *  - entity fields read 「实体」的「字段」; parameters 参数「名」; the policy event's
 *    fields 事件级别 / 事件类别; ages 周岁（…） / 月龄（…）;
 *  - constants are printed exactly with the interpreter's `display` (money via
 *    formatFen, ratios via formatRatio, dates ISO); texts in “…”;
 *  - a comparison written with a legal word (民法典 第一千二百五十九条) keeps the word
 *    and says whether the stated number is included; a range keeps its written form
 *    and says both ends are included;
 *  - 且 binds tighter than 或 for the machine, but a reader is never asked to know
 *    that: every nested 且/或 is bracketed （…）.
 * INVARIANT: pure functions of the IR; no escaping here (the renderers escape).
 */
import { display } from '../interpret/interpreter.js';
import { formatIso, fromDayNumber } from '../common/calendar.js';
import type { CmpOp, IrExpr, IrOutcome, IrRule, IrType } from '../ir/ir.js';

/** Legal words that include the stated number (民法典 第一千二百五十九条). */
const INCLUSIVE_WORDS = new Set(['以上', '及以上', '以下', '及以下', '以内', '届满']);
/** Legal words that exclude it. */
const EXCLUSIVE_WORDS = new Set(['不满', '超过', '以外']);
/** Legal words written before the number (`X 不满 3周岁`); the others follow it. */
const PREFIX_WORDS = new Set(['届满', '不满', '超过']);

const OP_TEXT: Record<CmpOp, string> = {
  '>=': '大于或等于', '<=': '小于或等于', '>': '大于', '<': '小于', '=': '为', '!=': '不为',
};

/** Chinese name of an IR type (entity tables, parameter tables). */
export function typeText(t: IrType): string {
  switch (t.k) {
    case 'bool': return '是否';
    case 'int': return '整数';
    case 'money': return '金额（元）';
    case 'date': return '日期';
    case 'text': return '文本';
    case 'enum': return `${t.name}（${t.members.join('、')}）`;
    case 'quantity': return ({
      days: '时长（天）', workdays: '时长（工作日）', weeks: '时长（周）', months: '时长（个月）', years: '时长（年）',
      hours: '时长（小时）', ageMonths: '年龄（月龄）', ageYears: '年龄（周岁）', ratio: '比例（%）',
    } as const)[t.dim];
  }
}

/** A constant, exactly, as people write it. */
export function constText(t: IrType, v: number | boolean | string): string {
  if (t.k === 'text') return `“${String(v)}”`;
  if (t.k === 'enum') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return v;
  return display(t, v);
}

export function dateText(day: number): string {
  return formatIso(fromDayNumber(day));
}

/** Is `e` the two comparisons a written range (`6—36月龄`) was lowered to? */
export function rangeOf(e: IrExpr): { subject: IrExpr; low: IrExpr; high: IrExpr; word: string } | undefined {
  if (e.k !== 'and' || e.xs.length !== 2) return undefined;
  const [lo, hi] = e.xs as [IrExpr, IrExpr];
  if (lo.k !== 'cmp' || hi.k !== 'cmp' || lo.op !== '>=' || hi.op !== '<=') return undefined;
  if (!lo.word || lo.word !== hi.word) return undefined;
  if (lo.origin.start !== e.origin.start || lo.origin.end !== e.origin.end || hi.origin.start !== e.origin.start || hi.origin.end !== e.origin.end) return undefined;
  return { subject: lo.a, low: lo.b, high: hi.b, word: lo.word };
}

// precedence of value expressions: 1 additive, 2 multiplicative, 3 unary, 4 atom
function valuePrec(e: IrExpr): number {
  switch (e.k) {
    case 'add': case 'sub': return 1;
    case 'addMonths': return 1;
    case 'mul': case 'div': return 2;
    case 'neg': return 3;
    default: return 4;
  }
}

function wrapValue(e: IrExpr, min: number): string {
  const s = valueText(e);
  return valuePrec(e) < min ? `（${s}）` : s;
}

/** Strip the ×12 / ×7 the lowering inserts to turn years into months and weeks into days. */
function unscaled(e: IrExpr, factor: number, dims: readonly string[]): IrExpr | undefined {
  if (e.k === 'mul' && e.divisor === 1 && e.b.k === 'const' && e.b.value === factor && e.a.type.k === 'quantity' && dims.includes(e.a.type.dim)) return e.a;
  return undefined;
}

/** A value expression in plain Chinese. */
export function valueText(e: IrExpr): string {
  switch (e.k) {
    case 'const': return constText(e.type, e.value);
    case 'field': return `「${e.entity}」的「${e.field}」`;
    case 'param': return `参数「${e.name}」`;
    case 'evalDate': return '评估日期';
    case 'event': return `事件${e.field}`;
    case 'age': return `${e.unit === 'years' ? '周岁' : '月龄'}（${valueText(e.birth)}）`;
    case 'daysBetween': return `自${wrapValue(e.from, 4)}至${wrapValue(e.to, 4)}的天数`;
    case 'neg': return `−${wrapValue(e.x, 4)}`;
    case 'add': {
      const w = unscaled(e.b, 7, ['weeks']);
      return `${wrapValue(e.a, 1)} ＋ ${wrapValue(w ?? e.b, 2)}`;
    }
    case 'sub': {
      const w = unscaled(e.b, 7, ['weeks']);
      return `${wrapValue(e.a, 1)} − ${wrapValue(w ?? e.b, 2)}`;
    }
    case 'mul': return `${wrapValue(e.a, 2)} × ${wrapValue(e.b, 3)}`;
    case 'div': return `${wrapValue(e.a, 2)} ÷ ${wrapValue(e.b, 3)}`;
    case 'addMonths': {
      const m = unscaled(e.months, 12, ['years']) ?? e.months;
      return `${wrapValue(e.date, 1)} ${e.sign > 0 ? '＋' : '−'} ${wrapValue(m, 2)}`;
    }
    case 'workdays': return `${wrapValue(e.start, 4)}后的第${wrapValue(e.n, 4)}`;
    case 'outcome': return `措施「${e.measure}」的「${e.outcome}」`;
    case 'applies': return `措施「${e.measure}」适用`;
    case 'void': return '本政策已废止';
    case 'not': case 'and': case 'or': case 'cmp': case 'in':
      return `（${condText(e, false)}）`;
    default: {
      // a kind this renderer does not know yet: its source text, never a recursion
      const o = (e as { origin?: { text?: string } }).origin;
      return o?.text ? o.text.replace(/\s+/g, ' ') : '（？）';
    }
  }
}

// precedence of conditions: 1 或, 2 且, 3 非, 4 atom
function condPrec(e: IrExpr): number {
  if (e.k === 'or') return 1;
  if (e.k === 'and') return rangeOf(e) ? 4 : 2;
  if (e.k === 'not') return 3;
  return 4;
}

/** Operands of a (nested) 且 or 或, flattened; a range stays one operand. */
export function flatten(e: IrExpr, k: 'and' | 'or'): IrExpr[] {
  if (e.k === k && !(k === 'and' && rangeOf(e))) return (e as Extract<IrExpr, { k: 'and' | 'or' }>).xs.flatMap((x) => flatten(x, k));
  return [e];
}

function isBoolValue(e: IrExpr): boolean {
  return e.type.k === 'bool' && (e.k === 'field' || e.k === 'param' || e.k === 'event' || e.k === 'outcome');
}

function isCondition(e: IrExpr): boolean {
  return e.k === 'not' || e.k === 'and' || e.k === 'or' || e.k === 'cmp' || e.k === 'in' || e.k === 'applies' || e.k === 'void';
}

function cmpText(e: Extract<IrExpr, { k: 'cmp' }>): string {
  const a = valueText(e.a);
  const b = valueText(e.b);
  if (e.a.type.k === 'bool' && e.b.type.k === 'bool' && (e.op === '=' || e.op === '!=') && (isCondition(e.a) || isCondition(e.b))) {
    const x = isCondition(e.a) ? condText(e.a, false) : valueText(e.a);
    const y = isCondition(e.b) ? condText(e.b, false) : valueText(e.b);
    return `“${x}”与“${y}”${e.op === '=' ? '同时成立或同时不成立' : '恰有一个成立'}`;
  }
  const w = e.word;
  if (w && (INCLUSIVE_WORDS.has(w) || EXCLUSIVE_WORDS.has(w))) {
    const gloss = INCLUSIVE_WORDS.has(w) ? '（含本数）' : '（不含本数）';
    return PREFIX_WORDS.has(w) ? `${a}${w}${b}${gloss}` : `${a}在${b}${w}${gloss}`;
  }
  return `${a}${OP_TEXT[e.op]}${b}`;
}

/**
 * A condition in plain Chinese. At the top level the operands of 且/或 are separated by
 * a comma (“A，且B”); nested groups are bracketed.
 */
export function condText(e: IrExpr, top = true): string {
  const r = rangeOf(e);
  if (r) return `${valueText(r.subject)}为${r.word}（含两端）`;
  switch (e.k) {
    case 'and': case 'or': {
      const parts = flatten(e, e.k).map((x) => {
        const s = condText(x, false);
        return condPrec(x) <= 2 ? `（${s}）` : s;
      });
      const sep = e.k === 'and' ? '且' : '或';
      return parts.join(top ? `，${sep}` : sep);
    }
    case 'not': {
      if (isBoolValue(e.x)) return `${valueText(e.x)}为否`;
      if (e.x.k === 'applies') return `措施「${e.x.measure}」不适用`;
      if (e.x.k === 'void') return '本政策未废止';
      return `并非“${condText(e.x, false)}”`;
    }
    case 'cmp': return cmpText(e);
    case 'in': return `${valueText(e.x)}${e.negated ? '不属于' : '属于'}${e.values.map(valueText).join('、')}`;
    case 'const': return e.type.k === 'bool' ? (e.value ? '任何情形' : '任何情形均不') : valueText(e);
    default: return valueText(e);
  }
}

/** Whether a condition is the constant 是 (a rule without 条件). */
export function isAlways(e: IrExpr): boolean {
  return e.k === 'const' && e.value === true;
}

/** （一次性） for an outcome with a periodicity, '' otherwise. */
export function periodText(o: IrOutcome | undefined): string {
  return o?.period ? `（${o.period}）` : '';
}

/** “补助金额为2000.00元（一次性）” for each assignment of a rule. */
export function assignmentsText(rule: IrRule, outcomes: readonly IrOutcome[]): string {
  return rule.assignments.map((a) => `${a.outcome}为${valueText(a.value)}${periodText(outcomes.find((o) => o.name === a.outcome))}`).join('；');
}

/** The whole rule as a sentence: “当…时，补助金额为2000.00元（一次性）。” */
export function ruleText(rule: IrRule, outcomes: readonly IrOutcome[]): string {
  const then = assignmentsText(rule, outcomes) || '不产生结果';
  if (isAlways(rule.condition)) return `在任何情形下，${then}。`;
  return `当${condText(rule.condition)}时，${then}。`;
}

/** “2024-03-01 至 2026-12-31”, or '' when the rule is valid whenever the policy is. */
export function validityText(rule: Pick<IrRule, 'validFrom' | 'validTo'>): string {
  const { validFrom: f, validTo: t } = rule;
  if (f !== undefined && t !== undefined) return `${dateText(f)} 至 ${dateText(t)}`;
  if (f !== undefined) return `自 ${dateText(f)} 起`;
  if (t !== undefined) return `至 ${dateText(t)} 止`;
  return '';
}

/** The policy's sunset in plain Chinese. */
export function sunsetText(s: { condition: IrExpr; start: 'sameDay' | 'nextDay' }): string {
  return `${condText(s.condition)}时，自事件${s.start === 'sameDay' ? '当日' : '次日'}起失效`;
}

/** One literal of a rule's condition: an atom and whether it must hold (是) or fail (否). */
export interface Literal {
  readonly key: string;
  readonly positive: boolean;
}

/**
 * The rule's condition as a conjunction of literals, for decision tables. An operand
 * that is itself a 或 (or a negated compound) stays one atom.
 */
export function literals(cond: IrExpr): Literal[] {
  if (isAlways(cond)) return [];
  return flatten(cond, 'and').map((x) => {
    if (x.k === 'not' && condPrec(x.x) >= 3) return { key: condText(x.x, false), positive: false };
    return { key: condText(x, false), positive: true };
  });
}

/** Names of the parameters an expression reads. */
export function paramsIn(e: IrExpr, into: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'param': into.add(e.name); break;
    case 'age': paramsIn(e.birth, into); break;
    case 'daysBetween': paramsIn(e.from, into); paramsIn(e.to, into); break;
    case 'not': case 'neg': paramsIn(e.x, into); break;
    case 'and': case 'or': for (const x of e.xs) paramsIn(x, into); break;
    case 'cmp': case 'add': case 'sub': case 'mul': case 'div': paramsIn(e.a, into); paramsIn(e.b, into); break;
    case 'in': paramsIn(e.x, into); for (const x of e.values) paramsIn(x, into); break;
    case 'addMonths': paramsIn(e.date, into); paramsIn(e.months, into); break;
    case 'workdays': paramsIn(e.start, into); paramsIn(e.n, into); break;
    default: break;
  }
  return into;
}
