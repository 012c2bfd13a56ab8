/**
 * Input validation for the interpreter: facts, evaluation date, events.
 * Input: unknown JSON-like values + the IR. Output: normalised runtime values or a
 * list of every problem (path, expected, got) — never a partial silent acceptance.
 *
 * Rules: unknown entities/fields are errors; integers must be safe integers, ≥ 0 unless
 * the field is declared 可为负; NaN/Infinity rejected; money is a decimal string or number
 * in 元 with at most 2 decimals; a ratio is "50%"/"4.8‰" (any finite decimal, exact);
 * dates are real calendar dates 'YYYY-MM-DD' not after the evaluation date; enums must be
 * a declared member; a field whose type is an entity holds a nested record, a list field
 * an array of records (validated the same way, paths like 事实.家庭.子女[1].出生日期).
 * Missing fields are allowed (they make dependent conditions unknown, reported as 存疑);
 * a root entity written as "不存在" is stated not to exist (its measures are 不适用).
 * Nothing here throws on input: a non-plain object (Map, Date, class instance), a getter
 * or Proxy trap that throws, a revoked Proxy — each is a problem at its path.
 */
import Fraction from 'fraction.js';
import { parseDate, dayNumber, type CalendarDate } from '../common/calendar.js';
import type { IrEntity, IrProgram, IrType } from '../ir/ir.js';
import { MONEY_SCALE, ratioText } from '../ir/ir.js';
import type { EventsRegistry, InputProblem, PolicyEvent } from './decision.js';

export type RuntimeValue = number | boolean | string;
/** A record of input facts: scalar fields, nested records (entity fields) and lists of records. */
export type Rec = Map<string, FieldValue>;
export type FieldValue = RuntimeValue | Rec | Rec[];
/** Root entity name → its record. */
export type Facts = Map<string, Rec>;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict ISO date → day number. */
export function isoToDay(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO.exec(s);
  if (!m) return undefined;
  const r = parseDate(s);
  return r.ok ? dayNumber(r.value) : undefined;
}

/**
 * A description of a non-plain object (Map, Date, class instance …), or undefined for a
 * plain object or an array. Never throws (a Proxy's traps may).
 */
export function nonPlain(v: object): string | undefined {
  try {
    if (Array.isArray(v)) return undefined;
    const p = Object.getPrototypeOf(v) as object | null;
    if (p === Object.prototype || p === null) return undefined;
    let name = '';
    try {
      const c = (p as { constructor?: unknown }).constructor;
      if (typeof c === 'function' && typeof c.name === 'string') name = c.name;
      // a plain object from another realm (vm context, iframe)
      if (name === 'Object' && Object.getPrototypeOf(p) === null) return undefined;
    } catch {
      name = '';
    }
    return `非普通对象（${name !== '' ? name : '未知类型'}）`;
  } catch {
    return '无法读取的对象';
  }
}

/** The message of a thrown value, shortened; never throws. */
export function thrownText(e: unknown): string {
  let m: string;
  try {
    m = e instanceof Error ? String(e.message) : String(e);
  } catch {
    m = '未知异常';
  }
  return m.length > 60 ? m.slice(0, 60) + '…' : m;
}

/** A hole of a sparse array, as readItems gives it (no validation accepts it; the generated evaluator's _items says the same). */
const HOLE: unique symbol = Symbol('空位');

/** How a value is shown in a problem's 实际: JSON, shortened; never throws. */
export function show(v: unknown): string {
  if (v === HOLE) return '空位（稀疏数组中没有这个元素）';
  if (v === undefined) return '（缺失）';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return `${String(v)}n（BigInt）`;
  if (typeof v === 'function') return '函数';
  if (typeof v === 'symbol') return 'Symbol';
  if (typeof v === 'object' && v !== null) {
    const k = nonPlain(v);
    if (k !== undefined) return k;
  }
  let j: string | undefined;
  try {
    j = JSON.stringify(v);
  } catch {
    return '（无法显示的值）';
  }
  if (j === undefined) return '（无法显示的值）';
  return j.length > 60 ? j.slice(0, 60) + '…' : j;
}

/**
 * The own enumerable entries of a plain object, each value read exactly once. A key
 * list or a value that cannot be read (a Proxy trap or a getter throws) is a problem at
 * its path, never an exception.
 */
export function readEntries(v: object, path: string, expected: (key: string) => string, problems: InputProblem[]): [string, unknown][] | undefined {
  let keys: string[];
  try {
    keys = Object.keys(v);
  } catch (e) {
    problems.push({ 路径: path, 期望: '普通对象', 实际: `读取时出错（${thrownText(e)}）` });
    return undefined;
  }
  const out: [string, unknown][] = [];
  for (const k of keys) {
    try {
      out.push([k, (v as Record<string, unknown>)[k]]);
    } catch (e) {
      problems.push({ 路径: `${path}.${k}`, 期望: expected(k), 实际: `读取时出错（${thrownText(e)}）` });
    }
  }
  return out;
}

/** A plain object (not an array, Map, Date, class instance …). Never throws. */
export function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  try {
    if (Array.isArray(v)) return false;
  } catch {
    return false; // a revoked Proxy
  }
  return nonPlain(v) === undefined;
}

/** The marker a case uses to state that an entity does not exist (`家庭: 不存在`). */
export const NONEXISTENT = '不存在';

export function typeLabel(t: IrType, signed = false): string {
  switch (t.k) {
    case 'bool': return '是否（true/false）';
    case 'int': return signed ? '整数' : '非负整数';
    case 'money': return signed ? '金额（元，最多两位小数，可为负，如 "-1000.50"）' : '金额（元，最多两位小数，如 "1000.50"）';
    case 'date': return '日期（YYYY-MM-DD）';
    case 'text': return '文本';
    case 'enum': return `以下之一：${t.members.join('、')}`;
    case 'quantity': return t.dim === 'ratio' ? '比例（如 "50%"、"4.8‰"）' : signed ? '整数' : '非负整数';
    case 'entity': return `对象（实体「${t.name}」的字段 → 值）`;
    case 'list': return `列表（实体「${t.elem}」的对象）`;
  }
}

const MONEY_RE = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;

/**
 * 2^46 元: below it a number (JSON, YAML) with cents is the decimal as written — doubles there are less
 * than 0.01 apart, so the shortest text of the number is the author's; from it up, 70368744177664.99 is
 * already 70368744177664.98 when read. A fractional money number that large is refused (write it as text):
 * never a silently different amount. The generated evaluator (ts-runtime.ts `_parseMoney`) and batch's JSON
 * Lines check (cli/batch.ts `jsonChecked`) use the same bound.
 */
export const MONEY_NUMBER_EXACT = 2 ** 46;
/** What a fractional money number at or above MONEY_NUMBER_EXACT must be instead. */
export const MONEY_NUMBER_INEXACT = `金额的文本（${MONEY_NUMBER_EXACT} 元及以上带小数的金额须写成文本，如 "90071992547409.91"：这样的数字读入时已不能精确到分）`;
const RATIO_RE = /^(-?\d+(?:\.\d+)?)([%‰])$/;

/** Convert one scalar input value to its runtime representation, or describe the problem. */
export function convertValue(t: IrType, v: unknown, evalDay: number | undefined, signed = false): { ok: true; value: RuntimeValue } | { ok: false; expected: string } {
  // (built only for a bad value: the label is text, and most values are good)
  const bad = () => ({ ok: false as const, expected: typeLabel(t, signed) });
  switch (t.k) {
    case 'bool': return typeof v === 'boolean' ? { ok: true, value: v } : bad();
    case 'text': return typeof v === 'string' ? { ok: true, value: v } : bad();
    case 'enum': return typeof v === 'string' && t.members.includes(v) ? { ok: true, value: v } : bad();
    case 'int': return typeof v === 'number' && Number.isSafeInteger(v) && (signed || v >= 0) ? { ok: true, value: v === 0 ? 0 : v } : bad();
    case 'date': {
      const d = isoToDay(v);
      if (d === undefined) return bad();
      if (evalDay !== undefined && d > evalDay) return { ok: false, expected: '不晚于评估日期的日期' };
      return { ok: true, value: d };
    }
    case 'money': {
      // INVARIANT: a number's text is its author's only below MONEY_NUMBER_EXACT (or when it is an integer)
      if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) && Math.abs(v) >= MONEY_NUMBER_EXACT) return { ok: false, expected: MONEY_NUMBER_INEXACT };
      const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v : undefined;
      if (s === undefined || !MONEY_RE.test(s)) return bad();
      const neg = s.startsWith('-');
      if (neg && !signed) return bad();
      const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
      // f holds the fraction digits (at most two): "0.25" → 25 fen, "1.5" → 50 fen
      const fen = Number(i) * MONEY_SCALE + Number((f + '00').slice(0, 2));
      if (!Number.isSafeInteger(fen)) return bad();
      return { ok: true, value: neg && fen !== 0 ? -fen : fen };
    }
    case 'quantity': {
      if (t.dim === 'ratio') {
        const m = typeof v === 'string' ? RATIO_RE.exec(v) : null;
        if (!m || (!signed && m[1]!.startsWith('-'))) return bad();
        // exact: the written decimal divided by 100 (%) or 1000 (‰)
        const f = new Fraction(m[1]!).div(m[2] === '‰' ? 1000 : 100);
        return { ok: true, value: ratioText(f) };
      }
      return typeof v === 'number' && Number.isSafeInteger(v) && (signed || v >= 0) ? { ok: true, value: v === 0 ? 0 : v } : bad();
    }
    case 'entity':
    case 'list':
      return bad(); // (records are validated by validateRecord)
  }
}

/**
 * The elements of an array with their indices, each read once; a hole of a sparse array (`[a, , b]`) is a
 * problem — skipped, it would silently make the list shorter (a child fewer, another 孩次) — and so is a
 * length or element that cannot be read (a Proxy trap throws).
 */
function readItems(v: readonly unknown[], path: string, expected: string, problems: InputProblem[]): [number, unknown][] | undefined {
  let n: number;
  try {
    n = v.length;
  } catch (e) {
    problems.push({ 路径: path, 期望: expected, 实际: `读取时出错（${thrownText(e)}）` });
    return undefined;
  }
  const out: [number, unknown][] = [];
  for (let i = 0; i < n; i++) {
    try {
      // (a hole is an element no validation accepts: its problem comes in input order, shown by `show`)
      out.push([i, i in v ? v[i] : HOLE]);
    } catch (e) {
      problems.push({ 路径: `${path}[${i}]`, 期望: expected, 实际: `读取时出错（${thrownText(e)}）` });
    }
  }
  return out;
}


/** An array (not a revoked Proxy); never throws. */
function isArray(v: unknown): v is readonly unknown[] {
  try {
    return Array.isArray(v);
  } catch {
    return false;
  }
}

const LEVELS = ['国家', '省', '市', '县'];
const EVENT_KEYS = ['日期', '级别', '类别', '标题', '文号', '地区', '来源', '已确认', '说明'];
const ENTITY_EXPECTED = `对象（字段 → 值），或 "${NONEXISTENT}"（表示没有该实体）`;

/** Validate the events list (shared with the events registry loader). */
export function validateEvents(events: unknown, problems: InputProblem[]): { day: number; event: PolicyEvent }[] {
  const evs: { day: number; event: PolicyEvent }[] = [];
  if (events === undefined) return evs;
  if (!isArray(events)) {
    problems.push({ 路径: '事件', 期望: '列表', 实际: show(events) });
    return evs;
  }
  const list = readItems(events, '事件', '列表', problems);
  if (!list) return evs;
  for (const [i, e] of list) {
    const path = `事件[${i}]`;
    if (!isPlainRecord(e)) {
      problems.push({ 路径: path, 期望: '对象（日期、级别、类别…）', 实际: show(e) });
      continue;
    }
    const entries = readEntries(e, path, () => '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一', problems);
    if (!entries) continue;
    const rec: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      if (!EVENT_KEYS.includes(k)) problems.push({ 路径: `${path}.${k}`, 期望: '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一', 实际: '未知字段' });
      else rec[k] = v;
    }
    const day = isoToDay(rec['日期']);
    if (day === undefined) problems.push({ 路径: `${path}.日期`, 期望: '日期（YYYY-MM-DD）', 实际: show(rec['日期']) });
    if (typeof rec['级别'] !== 'string' || !LEVELS.includes(rec['级别'])) problems.push({ 路径: `${path}.级别`, 期望: '国家、省、市、县之一', 实际: show(rec['级别']) });
    if (typeof rec['类别'] !== 'string') problems.push({ 路径: `${path}.类别`, 期望: '文本', 实际: show(rec['类别']) });
    if (day !== undefined && typeof rec['级别'] === 'string' && LEVELS.includes(rec['级别']) && typeof rec['类别'] === 'string') {
      evs.push({ day, event: rec as unknown as PolicyEvent });
    }
  }
  return evs;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Validate the options of `evaluate` (the events registry it records). */
export function validateOptions(options: unknown, events: unknown, problems: InputProblem[]): EventsRegistry | undefined {
  if (options === undefined) return undefined;
  if (!isPlainRecord(options)) {
    problems.push({ 路径: '选项', 期望: '对象（事件登记）', 实际: show(options) });
    return undefined;
  }
  const entries = readEntries(options, '选项', () => '事件登记', problems);
  if (!entries) return undefined;
  let reg: EventsRegistry | undefined;
  for (const [k, v] of entries) {
    if (k !== '事件登记') {
      problems.push({ 路径: `选项.${k}`, 期望: '事件登记', 实际: '未知选项' });
      continue;
    }
    if (v === undefined) continue;
    if (v === 'none') {
      reg = 'none';
      let n = 0;
      try {
        n = Array.isArray(events) ? events.length : 0;
      } catch {
        n = 0;
      }
      if (n > 0) problems.push({ 路径: '选项.事件登记', 期望: `"none" 时不传事件（实际传了 ${n} 个事件）`, 实际: '"none"' });
      continue;
    }
    const r = isPlainRecord(v) ? readEntries(v, '选项.事件登记', () => '路径、sha256', problems) : undefined;
    const m = r ? new Map(r) : undefined;
    const path = m?.get('路径');
    const sha = m?.get('sha256');
    if (!m || typeof path !== 'string' || path === '' || typeof sha !== 'string' || !SHA256.test(sha) || m.size !== 2) {
      problems.push({ 路径: '选项.事件登记', 期望: '"none"，或 { 路径: 文本, sha256: 64 位小写十六进制 }', 实际: show(v) });
      continue;
    }
    reg = { 路径: path, sha256: sha };
  }
  return reg;
}

/** Validate one record of entity `ent` at `path`; problems are appended. */
/** An entity's fields by name (first of a name), per entity. */
const fieldIndexMemo = new WeakMap<IrEntity, Map<string, IrEntity['fields'][number]>>();
function fieldIndex(ent: IrEntity): Map<string, IrEntity['fields'][number]> {
  let m = fieldIndexMemo.get(ent);
  if (!m) {
    m = new Map();
    for (const f of ent.fields) if (!m.has(f.name)) m.set(f.name, f);
    fieldIndexMemo.set(ent, m);
  }
  return m;
}

function validateRecord(ir: IrProgram, ent: IrEntity, rec: Record<string, unknown>, path: string, evalDay: number | undefined, problems: InputProblem[], seen: Set<object>): Rec {
  const fields: Rec = new Map();
  if (seen.has(rec)) {
    problems.push({ 路径: path, 期望: '不含循环引用的对象', 实际: '循环引用' });
    return fields;
  }
  const unknownField = () => `实体「${ent.name}」的字段（${ent.fields.map((x) => x.name).join('、')}）`;
  const byName = fieldIndex(ent);
  const entries = readEntries(rec, path, (k) => {
    const f = byName.get(k);
    return f ? typeLabel(f.type, f.signed) : unknownField();
  }, problems);
  if (!entries) return fields;
  seen.add(rec);
  for (const [fname, v] of entries) {
    const f = byName.get(fname);
    const fpath = `${path}.${fname}`;
    if (!f) {
      problems.push({ 路径: fpath, 期望: unknownField(), 实际: '未知字段' });
      continue;
    }
    const t = f.type;
    if (t.k === 'entity') {
      const sub = ir.entities.find((e) => e.name === t.name);
      if (!sub || !isPlainRecord(v)) {
        problems.push({ 路径: fpath, 期望: typeLabel(t), 实际: show(v) });
        continue;
      }
      fields.set(fname, validateRecord(ir, sub, v, fpath, evalDay, problems, seen));
      continue;
    }
    if (t.k === 'list') {
      const sub = ir.entities.find((e) => e.name === t.elem);
      const elem = typeLabel({ k: 'entity', name: t.elem });
      const list = sub && isArray(v) ? readItems(v, fpath, elem, problems) : undefined;
      if (!sub || !isArray(v)) {
        problems.push({ 路径: fpath, 期望: typeLabel(t), 实际: show(v) });
        continue;
      }
      if (!list) continue;
      const items: Rec[] = [];
      for (const [i, item] of list) {
        const ipath = `${fpath}[${i}]`;
        if (!isPlainRecord(item)) problems.push({ 路径: ipath, 期望: elem, 实际: show(item) });
        else items.push(validateRecord(ir, sub, item, ipath, evalDay, problems, seen));
      }
      fields.set(fname, items);
      continue;
    }
    const c = convertValue(t, v, evalDay, f.signed);
    if (c.ok) fields.set(fname, c.value);
    else problems.push({ 路径: fpath, 期望: c.expected, 实际: show(v) });
  }
  seen.delete(rec);
  return fields;
}

/**
 * Validate everything; returns normalised values and every problem found.
 * `nonexistent`: root entities the case states do not exist (`家庭: "不存在"`);
 * `registry`: the events registry stated in the options, echoed into the decisions.
 */
export function validateInput(ir: IrProgram, facts: unknown, date: unknown, events: unknown, options?: unknown): {
  facts: Facts; nonexistent: Set<string>; evalDay: number; events: { day: number; event: PolicyEvent }[]; registry: EventsRegistry | undefined; problems: InputProblem[];
} {
  const problems: InputProblem[] = [];
  const evalDay = isoToDay(date);
  if (evalDay === undefined) problems.push({ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: show(date) });
  const out: Facts = new Map();
  const nonexistent = new Set<string>();
  const names = ir.entities.map((e) => e.name).join('、');
  const entries = isPlainRecord(facts) ? readEntries(facts, '事实', () => `已声明的实体（${names}）`, problems) : undefined;
  if (!isPlainRecord(facts)) problems.push({ 路径: '事实', 期望: '对象（实体名 → 字段）', 实际: show(facts) });
  for (const [ename, rec] of entries ?? []) {
    const ent = ir.entities.find((e) => e.name === ename);
    if (!ent) {
      problems.push({ 路径: `事实.${ename}`, 期望: `已声明的实体（${names}）`, 实际: '未知实体' });
      continue;
    }
    if (rec === NONEXISTENT) {
      nonexistent.add(ename);
      continue;
    }
    if (!isPlainRecord(rec)) {
      problems.push({ 路径: `事实.${ename}`, 期望: ENTITY_EXPECTED, 实际: show(rec) });
      continue;
    }
    out.set(ename, validateRecord(ir, ent, rec, `事实.${ename}`, evalDay, problems, new Set()));
  }
  const evs = validateEvents(events, problems);
  const registry = validateOptions(options, events, problems);
  return { facts: out, nonexistent, evalDay: evalDay ?? 0, events: evs, registry, problems };
}

export type { CalendarDate };
