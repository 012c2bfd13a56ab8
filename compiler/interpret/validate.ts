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
 * Missing fields are allowed (they make dependent conditions unknown, reported as 存疑).
 */
import Fraction from 'fraction.js';
import { parseDate, dayNumber, type CalendarDate } from '../common/calendar.js';
import type { IrEntity, IrProgram, IrType } from '../ir/ir.js';
import { MONEY_SCALE, ratioText } from '../ir/ir.js';
import type { InputProblem, PolicyEvent } from './decision.js';

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

function show(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (v === undefined) return '（缺失）';
  try {
    const j = JSON.stringify(v);
    return j === undefined ? String(v) : j.length > 60 ? j.slice(0, 60) + '…' : j;
  } catch {
    return String(v);
  }
}

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
const RATIO_RE = /^(-?\d+(?:\.\d+)?)([%‰])$/;

/** Convert one scalar input value to its runtime representation, or describe the problem. */
export function convertValue(t: IrType, v: unknown, evalDay: number | undefined, signed = false): { ok: true; value: RuntimeValue } | { ok: false; expected: string } {
  const bad = { ok: false as const, expected: typeLabel(t, signed) };
  switch (t.k) {
    case 'bool': return typeof v === 'boolean' ? { ok: true, value: v } : bad;
    case 'text': return typeof v === 'string' ? { ok: true, value: v } : bad;
    case 'enum': return typeof v === 'string' && t.members.includes(v) ? { ok: true, value: v } : bad;
    case 'int': return typeof v === 'number' && Number.isSafeInteger(v) && (signed || v >= 0) ? { ok: true, value: v === 0 ? 0 : v } : bad;
    case 'date': {
      const d = isoToDay(v);
      if (d === undefined) return bad;
      if (evalDay !== undefined && d > evalDay) return { ok: false, expected: '不晚于评估日期的日期' };
      return { ok: true, value: d };
    }
    case 'money': {
      const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v : undefined;
      if (s === undefined || !MONEY_RE.test(s)) return bad;
      const neg = s.startsWith('-');
      if (neg && !signed) return bad;
      const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
      // f holds the fraction digits (at most two): "0.25" → 25 fen, "1.5" → 50 fen
      const fen = Number(i) * MONEY_SCALE + Number((f + '00').slice(0, 2));
      if (!Number.isSafeInteger(fen)) return bad;
      return { ok: true, value: neg && fen !== 0 ? -fen : fen };
    }
    case 'quantity': {
      if (t.dim === 'ratio') {
        const m = typeof v === 'string' ? RATIO_RE.exec(v) : null;
        if (!m || (!signed && m[1]!.startsWith('-'))) return bad;
        // exact: the written decimal divided by 100 (%) or 1000 (‰)
        const f = new Fraction(m[1]!).div(m[2] === '‰' ? 1000 : 100);
        return { ok: true, value: ratioText(f) };
      }
      return typeof v === 'number' && Number.isSafeInteger(v) && (signed || v >= 0) ? { ok: true, value: v === 0 ? 0 : v } : bad;
    }
    case 'entity':
    case 'list':
      return bad; // (records are validated by validateRecord)
  }
}

const LEVELS = ['国家', '省', '市', '县'];

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Validate one record of entity `ent` at `path`; problems are appended. */
function validateRecord(ir: IrProgram, ent: IrEntity, rec: Record<string, unknown>, path: string, evalDay: number | undefined, problems: InputProblem[], seen: Set<object>): Rec {
  const fields: Rec = new Map();
  if (seen.has(rec)) {
    problems.push({ 路径: path, 期望: '不含循环引用的对象', 实际: '循环引用' });
    return fields;
  }
  seen.add(rec);
  for (const [fname, v] of Object.entries(rec)) {
    const f = ent.fields.find((x) => x.name === fname);
    const fpath = `${path}.${fname}`;
    if (!f) {
      problems.push({ 路径: fpath, 期望: `实体「${ent.name}」的字段（${ent.fields.map((x) => x.name).join('、')}）`, 实际: '未知字段' });
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
      if (!sub || !Array.isArray(v)) {
        problems.push({ 路径: fpath, 期望: typeLabel(t), 实际: show(v) });
        continue;
      }
      const items: Rec[] = [];
      v.forEach((item, i) => {
        const ipath = `${fpath}[${i}]`;
        if (!isPlainRecord(item)) problems.push({ 路径: ipath, 期望: typeLabel({ k: 'entity', name: t.elem }), 实际: show(item) });
        else items.push(validateRecord(ir, sub, item, ipath, evalDay, problems, seen));
      });
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

/** Validate everything; returns normalised values and every problem found. */
export function validateInput(ir: IrProgram, facts: unknown, date: unknown, events: unknown): {
  facts: Facts; evalDay: number; events: { day: number; event: PolicyEvent }[]; problems: InputProblem[];
} {
  const problems: InputProblem[] = [];
  const evalDay = isoToDay(date);
  if (evalDay === undefined) problems.push({ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: show(date) });
  const out: Facts = new Map();
  if (!isPlainRecord(facts)) {
    problems.push({ 路径: '事实', 期望: '对象（实体名 → 字段）', 实际: show(facts) });
  } else {
    for (const [ename, rec] of Object.entries(facts)) {
      const ent = ir.entities.find((e) => e.name === ename);
      if (!ent) {
        problems.push({ 路径: `事实.${ename}`, 期望: `已声明的实体（${ir.entities.map((e) => e.name).join('、')}）`, 实际: '未知实体' });
        continue;
      }
      if (!isPlainRecord(rec)) {
        problems.push({ 路径: `事实.${ename}`, 期望: '对象（字段 → 值）', 实际: show(rec) });
        continue;
      }
      out.set(ename, validateRecord(ir, ent, rec, `事实.${ename}`, evalDay, problems, new Set()));
    }
  }
  const evs: { day: number; event: PolicyEvent }[] = [];
  if (events !== undefined) {
    if (!Array.isArray(events)) problems.push({ 路径: '事件', 期望: '列表', 实际: show(events) });
    else {
      events.forEach((e, i) => {
        const path = `事件[${i}]`;
        if (!isPlainRecord(e)) {
          problems.push({ 路径: path, 期望: '对象（日期、级别、类别…）', 实际: show(e) });
          return;
        }
        const rec = e;
        for (const k of Object.keys(rec)) {
          if (!['日期', '级别', '类别', '标题', '文号', '地区', '来源', '已确认', '说明'].includes(k)) problems.push({ 路径: `${path}.${k}`, 期望: '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一', 实际: '未知字段' });
        }
        const day = isoToDay(rec['日期']);
        if (day === undefined) problems.push({ 路径: `${path}.日期`, 期望: '日期（YYYY-MM-DD）', 实际: show(rec['日期']) });
        if (typeof rec['级别'] !== 'string' || !LEVELS.includes(rec['级别'])) problems.push({ 路径: `${path}.级别`, 期望: '国家、省、市、县之一', 实际: show(rec['级别']) });
        if (typeof rec['类别'] !== 'string') problems.push({ 路径: `${path}.类别`, 期望: '文本', 实际: show(rec['类别']) });
        if (day !== undefined && typeof rec['级别'] === 'string' && LEVELS.includes(rec['级别']) && typeof rec['类别'] === 'string') {
          evs.push({ day, event: rec as unknown as PolicyEvent });
        }
      });
    }
  }
  return { facts: out, evalDay: evalDay ?? 0, events: evs, problems };
}

export type { CalendarDate };
