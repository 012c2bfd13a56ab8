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
 *    that: every nested 且/或 is bracketed （…）;
 *  - lists (grammar/README.md §15): a quantifier reads 「家庭」的「子女」中至少一个满足“…”,
 *    均满足 adds “（没有元素时视为满足）”; inside it the current element is 其 (其「户籍」),
 *    an element of an enclosing quantifier 外层元素, the instance of an entity definition
 *    该「人」; aggregates read …的个数 / …之和 / …中…的最大值; 按（键）第N个 reads
 *    …中按“键”从小到大排第N个; definitions read like fields (「家庭」的「孩次」, global
 *    ones 「名」); 施行日 and 某日（…） keep their words.
 * INVARIANT: pure functions of the IR; no escaping here (the renderers escape); every IR
 * expression kind has a rendering (the switch is exhaustive).
 */
import { display, irChildren } from '../interpret/interpreter.js';
import { formatIso, fromDayNumber } from '../common/calendar.js';
import { isRatio, type CmpOp, type IrExpr, type IrOutcome, type IrRule, type IrType } from '../ir/ir.js';

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
    case 'entity': return `「${t.name}」`;
    case 'list': return `列表（「${t.elem}」）`;
  }
}

/** A constant, exactly, as people write it. */
export function constText(t: IrType, v: number | boolean | string): string {
  if (t.k === 'text') return `“${String(v)}”`;
  if (t.k === 'enum') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  // a ratio is an exact "n/d": shown as an exact percentage (50%, 33.(3)%)
  if (isRatio(t)) return display(t, v);
  if (typeof v === 'string') return v;
  // a count of working days reads “15个工作日”, as the texts write it (the evaluators' unit stays 工作日)
  if (t.k === 'quantity' && t.dim === 'workdays') return `${display({ k: 'int' }, v)}个工作日`;
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

function wrapValue(e: IrExpr, min: number, sc: Scope = NO_SCOPE): string {
  const s = valueText(e, sc);
  return valuePrec(e) < min ? `（${s}）` : s;
}

/** Strip the ×12 / ×7 the lowering inserts to turn years into months and weeks into days. */
function unscaled(e: IrExpr, factor: number, dims: readonly string[]): IrExpr | undefined {
  if (e.k === 'mul' && e.b.k === 'const' && e.b.value === factor && e.a.type.k === 'quantity' && dims.includes(e.a.type.dim)) return e.a;
  return undefined;
}

/** The element variables bound around an expression, innermost last (quantifiers, aggregates, 按…第N个). */
export interface Scope {
  readonly vars: readonly string[];
}
const NO_SCOPE: Scope = { vars: [] };
const bind = (sc: Scope, v: string): Scope => ({ vars: [...sc.vars, v] });

/** The short name of a definition: 孩次 for 人.孩次. */
function defName(key: string): string {
  const i = key.indexOf('.');
  return i < 0 ? key : key.slice(i + 1);
}

/** How a bound element reads: 其 (innermost), 外层元素, or 该「人」 (the instance of an entity definition). */
function varText(e: Extract<IrExpr, { k: 'var' }>, sc: Scope): string {
  if (e.name === '@self') return `该${e.type.k === 'entity' ? `「${e.type.name}」` : '对象'}`;
  const i = sc.vars.lastIndexOf(e.name);
  if (i === sc.vars.length - 1) return '其';
  return i >= 0 ? '外层元素' : '该元素';
}

/** “X的「字段」”, or “其「字段」” for the current element. */
function ofText(of: IrExpr, name: string, sc: Scope): string {
  const o = valueText(of, sc);
  return o === '其' ? `其「${name}」` : `${wrapValue(of, 4, sc)}的「${name}」`;
}

/** The body of a quantifier or aggregate, as a quoted phrase. */
function bodyText(e: IrExpr, sc: Scope): string {
  return e.type.k === 'bool' ? condText(e, false, sc) : valueText(e, sc);
}

/** A value expression in plain Chinese. */
export function valueText(e: IrExpr, sc: Scope = NO_SCOPE): string {
  switch (e.k) {
    case 'const': return constText(e.type, e.value);
    case 'field': return `「${e.entity}」的「${e.field}」`;
    case 'root': return `「${e.entity}」`;
    case 'var': return varText(e, sc);
    case 'get': return ofText(e.of, e.field, sc);
    case 'def': return e.of ? ofText(e.of, defName(e.name), sc) : `「${e.name}」`;
    case 'effective': return '施行日';
    case 'someDay': return `${dateText(e.lo)}至${dateText(e.hi)}之间的某日`;
    case 'nth': return `${wrapValue(e.list, 4, sc)}中按“${valueText(e.key, bind(sc, e.var))}”从小到大排第${e.n}个`;
    case 'quant': {
      const list = wrapValue(e.list, 4, sc);
      const inner = bind(sc, e.var);
      switch (e.q) {
        case 'count': return e.body ? `${list}中满足“${bodyText(e.body, inner)}”的个数` : `${list}的个数`;
        case 'sum': return `${list}各项“${bodyText(e.body!, inner)}”之和`;
        case 'max': return `${list}中“${bodyText(e.body!, inner)}”的最大值`;
        case 'min': return `${list}中“${bodyText(e.body!, inner)}”的最小值`;
        default: return `（${condText(e, false, sc)}）`;
      }
    }
    case 'param': return `参数「${e.name}」`;
    case 'evalDate': return '评估日期';
    case 'event': return `事件${e.field}`;
    case 'age': return `${e.unit === 'years' ? '周岁' : '月龄'}（${valueText(e.birth, sc)}）`;
    case 'daysBetween': return `自${wrapValue(e.from, 4, sc)}至${wrapValue(e.to, 4, sc)}的天数`;
    case 'neg': return `−${wrapValue(e.x, 4, sc)}`;
    case 'add': {
      const w = unscaled(e.b, 7, ['weeks']);
      return `${wrapValue(e.a, 1, sc)} ＋ ${wrapValue(w ?? e.b, 2, sc)}`;
    }
    case 'sub': {
      const w = unscaled(e.b, 7, ['weeks']);
      return `${wrapValue(e.a, 1, sc)} − ${wrapValue(w ?? e.b, 2, sc)}`;
    }
    case 'mul': return `${wrapValue(e.a, 2, sc)} × ${wrapValue(e.b, 3, sc)}`;
    case 'div': return `${wrapValue(e.a, 2, sc)} ÷ ${wrapValue(e.b, 3, sc)}`;
    case 'addMonths': {
      const m = unscaled(e.months, 12, ['years']) ?? e.months;
      return `${wrapValue(e.date, 1, sc)} ${e.sign > 0 ? '＋' : '−'} ${wrapValue(m, 2, sc)}`;
    }
    case 'workdays': return `${wrapValue(e.start, 4, sc)}后的第${wrapValue(e.n, 4, sc)}`;
    case 'outcome': return `措施「${e.measure}」的「${e.outcome}」`;
    case 'applies': return `措施「${e.measure}」适用`;
    case 'void': return '本政策已废止';
    case 'not': case 'and': case 'or': case 'cmp': case 'in':
      return `（${condText(e, false, sc)}）`;
    default: return unknownKind(e);
  }
}

/** A kind this renderer does not know (an IR from a newer compiler): its source text, never a recursion. */
function unknownKind(e: never): string {
  const o = (e as { origin?: { text?: string } }).origin;
  return o?.text ? o.text.replace(/\s+/g, ' ') : '（？）';
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
  return e.type.k === 'bool' && (e.k === 'field' || e.k === 'param' || e.k === 'event' || e.k === 'outcome' || e.k === 'get' || e.k === 'def');
}

const isBoolQuant = (e: IrExpr): boolean => e.k === 'quant' && (e.q === 'exists' || e.q === 'forall' || e.q === 'none');

function isCondition(e: IrExpr): boolean {
  return e.k === 'not' || e.k === 'and' || e.k === 'or' || e.k === 'cmp' || e.k === 'in' || e.k === 'applies' || e.k === 'void' || isBoolQuant(e);
}

function cmpText(e: Extract<IrExpr, { k: 'cmp' }>, sc: Scope): string {
  const a = valueText(e.a, sc);
  const b = valueText(e.b, sc);
  if (e.a.type.k === 'bool' && e.b.type.k === 'bool' && (e.op === '=' || e.op === '!=') && (isCondition(e.a) || isCondition(e.b))) {
    const x = isCondition(e.a) ? condText(e.a, false, sc) : valueText(e.a, sc);
    const y = isCondition(e.b) ? condText(e.b, false, sc) : valueText(e.b, sc);
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
export function condText(e: IrExpr, top = true, sc: Scope = NO_SCOPE): string {
  const r = rangeOf(e);
  if (r) return `${valueText(r.subject, sc)}为${r.word}（含两端）`;
  switch (e.k) {
    case 'and': case 'or': {
      const parts = flatten(e, e.k).map((x) => {
        const s = condText(x, false, sc);
        return condPrec(x) <= 2 ? `（${s}）` : s;
      });
      const sep = e.k === 'and' ? '且' : '或';
      return parts.join(top ? `，${sep}` : sep);
    }
    case 'not': {
      if (isBoolValue(e.x)) return `${valueText(e.x, sc)}为否`;
      if (e.x.k === 'applies') return `措施「${e.x.measure}」不适用`;
      if (e.x.k === 'void') return '本政策未废止';
      return `并非“${condText(e.x, false, sc)}”`;
    }
    case 'cmp': return cmpText(e, sc);
    case 'in': return `${valueText(e.x, sc)}${e.negated ? '不属于' : '属于'}${e.values.map((v) => valueText(v, sc)).join('、')}`;
    case 'const': return e.type.k === 'bool' ? (e.value ? '任何情形' : '任何情形均不') : valueText(e, sc);
    case 'quant': {
      if (!isBoolQuant(e)) return valueText(e, sc);
      const list = wrapValue(e.list, 4, sc);
      const body = e.body ? condText(e.body, false, bind(sc, e.var)) : '任何情形';
      if (e.q === 'exists') return `${list}中至少一个满足“${body}”`;
      if (e.q === 'forall') return `${list}均满足“${body}”（没有元素时视为满足）`;
      return `${list}均不满足“${body}”`;
    }
    default: return valueText(e, sc);
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

/**
 * “2024-03-01 至 2026-12-31”, or '' when the rule is valid whenever the policy is. A period counted from the
 * 施行日 says so and gives its dates: “自施行日起3年（2024-01-15 至 2027-01-14）”; an end counted from an
 * uncertain 施行日 is its range: “自施行日起1年（2025-01-15—2025-01-31 之间的某日 至 2026-01-14—
 * 2026-01-30 之间的某日，取决于施行日）”.
 */
export function validityText(rule: Pick<IrRule, 'validFrom' | 'validTo' | 'validFromRange' | 'validToRange' | 'validText'>): string {
  const { validFrom: f, validTo: t, validFromRange: fr, validToRange: tr } = rule;
  const range = (x: NonNullable<IrRule['validFromRange']>) => (x.shifts ? `${dateText(x.lo)}—${dateText(x.hi)} 之间的某日` : '施行日未知');
  const from = f !== undefined ? dateText(f) : fr ? range(fr) : undefined;
  const to = t !== undefined ? dateText(t) : tr ? range(tr) : undefined;
  const dates = from !== undefined && to !== undefined ? `${from} 至 ${to}` : from !== undefined ? `自 ${from} 起` : to !== undefined ? `至 ${to} 止` : '';
  if (rule.validText === undefined) return dates;
  return `${rule.validText}（${dates}${fr || tr ? '，取决于施行日' : ''}）`;
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

/**
 * Names of the parameters an expression reads — through the definitions it uses when
 * `defs` (definition name → expression) is given.
 */
export function paramsIn(e: IrExpr, into: Set<string> = new Set(), defs?: ReadonlyMap<string, IrExpr>, seen: Set<string> = new Set()): Set<string> {
  if (e.k === 'param') into.add(e.name);
  if (e.k === 'def' && defs && !seen.has(e.name)) {
    seen.add(e.name);
    const d = defs.get(e.name);
    if (d) paramsIn(d, into, defs, seen);
  }
  for (const c of irChildren(e)) paramsIn(c, into, defs, seen);
  return into;
}

/** Names of the definitions an expression uses directly (not through other definitions). */
export function definitionsIn(e: IrExpr, into: Set<string> = new Set()): Set<string> {
  if (e.k === 'def') into.add(e.name);
  for (const c of irChildren(e)) definitionsIn(c, into);
  return into;
}
