/**
 * Input validation for the interpreter: facts, evaluation date, events.
 * Input: unknown JSON-like values + the IR. Output: normalised runtime values or a
 * list of every problem (path, expected, got) — never a partial silent acceptance.
 *
 * Rules: unknown entities/fields are errors; integers must be safe, non-negative
 * integers; NaN/Infinity rejected; money is a decimal string or number in 元 with at
 * most 2 decimals; dates are real calendar dates 'YYYY-MM-DD' not after the
 * evaluation date; enums must be a declared member. Missing fields are allowed
 * (they make dependent conditions unknown, reported as 存疑).
 */
import { parseDate, dayNumber, type CalendarDate } from '../common/calendar.js';
import type { IrProgram, IrType } from '../ir/ir.js';
import { MONEY_SCALE, RATIO_SCALE } from '../ir/ir.js';
import type { InputProblem, PolicyEvent } from './decision.js';

export type RuntimeValue = number | boolean | string;
export type Facts = Map<string, Map<string, RuntimeValue>>;

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

export function typeLabel(t: IrType): string {
  switch (t.k) {
    case 'bool': return '是否（true/false）';
    case 'int': return '非负整数';
    case 'money': return '金额（元，最多两位小数，如 "1000.50"）';
    case 'date': return '日期（YYYY-MM-DD）';
    case 'text': return '文本';
    case 'enum': return `以下之一：${t.members.join('、')}`;
    case 'quantity': return t.dim === 'ratio' ? '比例（如 "50%"、"4.8‰"）' : '非负整数';
  }
}

const MONEY_RE = /^(0|[1-9]\d*)(\.\d{1,2})?$/;
const RATIO_RE = /^(\d+(?:\.\d+)?)([%‰])$/;

/** Convert one input value to its runtime representation, or describe the problem. */
export function convertValue(t: IrType, v: unknown, evalDay: number | undefined): { ok: true; value: RuntimeValue } | { ok: false; expected: string } {
  const bad = { ok: false as const, expected: typeLabel(t) };
  switch (t.k) {
    case 'bool': return typeof v === 'boolean' ? { ok: true, value: v } : bad;
    case 'text': return typeof v === 'string' ? { ok: true, value: v } : bad;
    case 'enum': return typeof v === 'string' && t.members.includes(v) ? { ok: true, value: v } : bad;
    case 'int': return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? { ok: true, value: v } : bad;
    case 'date': {
      const d = isoToDay(v);
      if (d === undefined) return bad;
      if (evalDay !== undefined && d > evalDay) return { ok: false, expected: '不晚于评估日期的日期' };
      return { ok: true, value: d };
    }
    case 'money': {
      const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v : undefined;
      if (s === undefined || !MONEY_RE.test(s)) return bad;
      const [i, f = ''] = s.split('.');
      // f holds the fraction digits (at most two): "0.25" → 25 fen, "1.5" → 50 fen
      const fen = Number(i) * MONEY_SCALE + Number((f + '00').slice(0, 2));
      return Number.isSafeInteger(fen) ? { ok: true, value: fen } : bad;
    }
    case 'quantity': {
      if (t.dim === 'ratio') {
        const m = typeof v === 'string' ? RATIO_RE.exec(v) : null;
        if (!m) return bad;
        // exact: ppm = digits × scale ÷ 10^decimals, in BigInt, and it must be a safe integer
        const [ip, fp = ''] = m[1]!.split('.');
        const scale = BigInt(m[2] === '%' ? RATIO_SCALE / 100 : RATIO_SCALE / 1000);
        const num = BigInt(ip + fp) * scale;
        const den = 10n ** BigInt(fp.length);
        if (num % den !== 0n) return bad;
        const ppm = num / den;
        if (ppm > BigInt(Number.MAX_SAFE_INTEGER)) return bad;
        return { ok: true, value: Number(ppm) };
      }
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? { ok: true, value: v } : bad;
    }
  }
}

const LEVELS = ['国家', '省', '市', '县'];

/** Validate everything; returns normalised values and every problem found. */
export function validateInput(ir: IrProgram, facts: unknown, date: unknown, events: unknown): {
  facts: Facts; evalDay: number; events: { day: number; event: PolicyEvent }[]; problems: InputProblem[];
} {
  const problems: InputProblem[] = [];
  const evalDay = isoToDay(date);
  if (evalDay === undefined) problems.push({ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: show(date) });
  const out: Facts = new Map();
  if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) {
    problems.push({ 路径: '事实', 期望: '对象（实体名 → 字段）', 实际: show(facts) });
  } else {
    for (const [ename, rec] of Object.entries(facts as Record<string, unknown>)) {
      const ent = ir.entities.find((e) => e.name === ename);
      if (!ent) {
        problems.push({ 路径: `事实.${ename}`, 期望: `已声明的实体（${ir.entities.map((e) => e.name).join('、')}）`, 实际: '未知实体' });
        continue;
      }
      if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
        problems.push({ 路径: `事实.${ename}`, 期望: '对象（字段 → 值）', 实际: show(rec) });
        continue;
      }
      const fields = new Map<string, RuntimeValue>();
      for (const [fname, v] of Object.entries(rec as Record<string, unknown>)) {
        const f = ent.fields.find((x) => x.name === fname);
        if (!f) {
          problems.push({ 路径: `事实.${ename}.${fname}`, 期望: `实体「${ename}」的字段（${ent.fields.map((x) => x.name).join('、')}）`, 实际: '未知字段' });
          continue;
        }
        const c = convertValue(f.type, v, evalDay);
        if (c.ok) fields.set(fname, c.value);
        else problems.push({ 路径: `事实.${ename}.${fname}`, 期望: c.expected, 实际: show(v) });
      }
      out.set(ename, fields);
    }
  }
  const evs: { day: number; event: PolicyEvent }[] = [];
  if (events !== undefined) {
    if (!Array.isArray(events)) problems.push({ 路径: '事件', 期望: '列表', 实际: show(events) });
    else {
      events.forEach((e, i) => {
        const path = `事件[${i}]`;
        if (e === null || typeof e !== 'object' || Array.isArray(e)) {
          problems.push({ 路径: path, 期望: '对象（日期、级别、类别…）', 实际: show(e) });
          return;
        }
        const rec = e as Record<string, unknown>;
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
