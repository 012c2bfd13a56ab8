/**
 * The runtime that every generated evaluator carries (emitted as source text).
 *
 * This is the TypeScript emitter's OWN implementation of the value model of
 * compiler/ir/ir.ts — day numbers, strict ISO dates, 周岁/月龄 (民法典 §201–202), months
 * added with month-end clamping, exact rounding division, fen/ratio formatting, input
 * validation and the decision procedure — written independently of
 * compiler/common/calendar.ts and compiler/interpret/, so that differential tests compare
 * two implementations of one specification (grammar/README.md §11, ir.ts header).
 *
 * The text is split into chunks; `runtimeSource(used)` returns the chunks a module needs
 * (so that generated code also passes `noUnusedLocals`). Chunks are written without
 * template literals so they can live in String.raw.
 * INVARIANT: every number the runtime produces from valid input is a safe integer
 * (`_mulDiv` falls back to exact BigInt arithmetic when a product leaves the safe range).
 */

/** Optional runtime parts, enabled by the expressions a policy uses. */
export type RuntimeFeature = 'ageYears' | 'ageMonths' | 'workdays' | 'addMonths' | 'mulDiv' | 'param' | 'field' | 'event' | 'sunset';

const CORE = String.raw`
// ───────────────────────────── 运行时 ─────────────────────────────
// 以下是生成器自带的独立实现（不依赖 ZhengCe 编译器）。取值表示：
//   是否 → boolean；整数、时长、年龄 → 整数；金额 → 整数「分」；日期 → 日序（自 1970-01-01 起的天数）；
//   比例 → 整数「百万分之一」（50% = 500000）；文本、枚举 → string；null = 未知（缺少事实）。

type _Val = number | boolean | string;
type _V = _Val | null;

/** 值的显示方式：m 金额（分）、d 日期（日序）、b 是否、r 比例（百万分之一）、n 数（后接单位）、s 文本。 */
type _Kind = 'm' | 'd' | 'b' | 'r' | 'n' | 's';

/** 求值上下文。 */
interface _Ctx {
  /** 已校验的事实：实体 → 字段 → 取值。 */
  readonly f: ReadonlyMap<string, ReadonlyMap<string, _Val>>;
  /** 评估日期（日序）。 */
  readonly day: number;
  /** 求失效条件时的上级政策事件（字段的浅拷贝）及其日序。 */
  readonly ev: Readonly<Record<string, unknown>> | undefined;
  readonly evDay: number;
  /** 追踪时收集缺少的事实。 */
  readonly miss: Set<string> | undefined;
  /** 收集用到的未确认参数。 */
  readonly used: Set<string> | undefined;
}

// ── 日期：公历（公元 1—9999 年），日序 ──

const _MIN_DAY = -719162; // 0001-01-01
const _MAX_DAY = 2932896; // 9999-12-31
const _DAYS_BEFORE_MONTH: readonly number[] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function _leap(y: number): boolean {
  return y % 400 === 0 || (y % 4 === 0 && y % 100 !== 0);
}

function _monthDays(y: number, m: number): number {
  if (m === 2) return _leap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** (年, 月, 日) → 日序：此前各年的天数 + 本年此前各月的天数 + 日。 */
function _day(y: number, m: number, d: number): number {
  const p = y - 1;
  const before = 365 * p + Math.floor(p / 4) - Math.floor(p / 100) + Math.floor(p / 400);
  return before + (_DAYS_BEFORE_MONTH[m - 1] as number) + (m > 2 && _leap(y) ? 1 : 0) + d - 1 + _MIN_DAY;
}

/** 日序 → [年, 月, 日]；超出公元 1—9999 年时抛出 RangeError。 */
function _civil(n: number): [number, number, number] {
  if (!Number.isInteger(n) || n < _MIN_DAY || n > _MAX_DAY) throw new RangeError('日序 ' + String(n) + ' 超出公元1年至9999年的范围');
  let y = Math.floor((n - _MIN_DAY) / 365.2425) + 1;
  while (y > 1 && _day(y, 1, 1) > n) y--;
  while (y < 9999 && _day(y + 1, 1, 1) <= n) y++;
  let rest = n - _day(y, 1, 1);
  let m = 1;
  while (m < 12 && rest >= _monthDays(y, m)) {
    rest -= _monthDays(y, m);
    m++;
  }
  return [y, m, rest + 1];
}

function _two(n: number): string {
  return n < 10 ? '0' + String(n) : String(n);
}

/** 日序 → "YYYY-MM-DD"。 */
function _iso(n: number): string {
  const [y, m, d] = _civil(n);
  return String(y).padStart(4, '0') + '-' + _two(m) + '-' + _two(d);
}

const _ISO_RE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** 严格的 "YYYY-MM-DD"（须为真实存在的日期）→ 日序；否则 undefined。 */
function _parseIso(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = _ISO_RE.exec(v);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > _monthDays(y, mo)) return undefined;
  return _day(y, mo, d);
}

// ── 数值格式 ──

/** 分 → "1234.50"。 */
function _fen(v: number): string {
  const a = Math.abs(v);
  const cents = a % 100;
  return (v < 0 ? '-' : '') + String(Math.floor(a / 100)) + '.' + (cents < 10 ? '0' : '') + String(cents);
}

/** 百万分之一 → "4.8%"（至多四位小数，去掉末尾的 0）。 */
function _ratio(v: number): string {
  const a = Math.abs(v);
  const frac = String(10000 + (a % 10000)).slice(1).replace(/0+$/, '');
  return (v < 0 ? '-' : '') + String(Math.floor(a / 10000)) + (frac === '' ? '' : '.' + frac) + '%';
}

/** 给人看的取值。 */
function _show(kind: _Kind, unit: string, v: _V): string {
  if (v === null) return '（未知）';
  switch (kind) {
    case 'm': return _fen(v as number) + '元';
    case 'd': return _iso(v as number);
    case 'b': return v ? '是' : '否';
    case 'r': return _ratio(v as number);
    case 'n': return String(v) + unit;
    case 's': return String(v);
  }
}

// ── 输入校验 ──

/** 字段类型：b 是否、i 非负整数、m 金额、d 日期、t 文本、r 比例、e 枚举。 */
type _FieldType =
  | { readonly k: 'b' | 'i' | 'm' | 'd' | 't' | 'r' }
  | { readonly k: 'e'; readonly members: readonly string[] };

interface _Entity {
  readonly fields: ReadonlyMap<string, _FieldType>;
  /** 字段名，以「、」连接（用于错误信息）。 */
  readonly names: string;
}

function _expected(t: _FieldType): string {
  switch (t.k) {
    case 'b': return '是否（true/false）';
    case 'i': return '非负整数';
    case 'm': return '金额（元，最多两位小数，如 "1000.50"）';
    case 'd': return '日期（YYYY-MM-DD）';
    case 't': return '文本';
    case 'r': return '比例（如 "50%"、"4.8‰"）';
    case 'e': return '以下之一：' + t.members.join('、');
  }
}

const _MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const _MONEY_RE = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;
const _RATIO_RE = /^([0-9]+)(?:\.([0-9]+))?([%‰])$/;

/** 金额（元）：非负，最多两位小数的十进制文本或数 → 分（须为安全整数）。 */
function _parseMoney(v: unknown): number | undefined {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    s = String(v);
  } else if (typeof v === 'string') s = v;
  else return undefined;
  const m = _MONEY_RE.exec(s);
  if (m === null) return undefined;
  const fen = BigInt(m[1] as string) * BigInt(100) + BigInt((m[2] ?? '').padEnd(2, '0'));
  return fen > _MAX_SAFE ? undefined : Number(fen);
}

/** 比例 "50%"、"4.8‰" → 百万分之一（须恰为整数且为安全整数）。 */
function _parseRatio(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = _RATIO_RE.exec(v);
  if (m === null) return undefined;
  const frac = m[2] ?? '';
  const num = BigInt((m[1] as string) + frac) * BigInt(m[3] === '%' ? 10000 : 1000);
  const den = BigInt('1' + '0'.repeat(frac.length));
  if (num % den !== BigInt(0)) return undefined;
  const r = num / den;
  return r > _MAX_SAFE ? undefined : Number(r);
}

function _convert(t: _FieldType, v: unknown, day: number | undefined): { readonly ok: true; readonly v: _Val } | { readonly ok: false; readonly expected: string } {
  let r: _Val | undefined;
  switch (t.k) {
    case 'b': r = typeof v === 'boolean' ? v : undefined; break;
    case 't': r = typeof v === 'string' ? v : undefined; break;
    case 'e': r = typeof v === 'string' && t.members.indexOf(v) >= 0 ? v : undefined; break;
    case 'i': r = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined; break;
    case 'm': r = _parseMoney(v); break;
    case 'r': r = _parseRatio(v); break;
    case 'd': {
      const d = _parseIso(v);
      if (d !== undefined && day !== undefined && d > day) return { ok: false, expected: '不晚于评估日期的日期' };
      r = d;
      break;
    }
  }
  return r === undefined ? { ok: false, expected: _expected(t) } : { ok: true, v: r };
}

/** 错误信息中的「实际」：JSON 形式，过长截断。 */
function _got(v: unknown): string {
  if (v === undefined) return '（缺失）';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  let j: string | undefined;
  try {
    j = JSON.stringify(v);
  } catch {
    return String(v);
  }
  if (j === undefined) return String(v);
  return j.length > 60 ? j.slice(0, 60) + '…' : j;
}

const _LEVELS: readonly string[] = ['国家', '省', '市', '县'];
const _EVENT_KEYS: readonly string[] = ['日期', '级别', '类别', '标题', '文号', '地区', '来源', '已确认', '说明'];

interface _Input {
  readonly f: Map<string, Map<string, _Val>>;
  readonly day: number;
  readonly evs: readonly { readonly day: number; readonly ev: 上级政策事件 }[];
}

function _isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** 校验全部输入；有问题时抛出一个列出所有问题的 InputError。 */
function _validate(facts: unknown, date: unknown, events: unknown): _Input {
  const problems: 输入问题[] = [];
  const day = _parseIso(date);
  if (day === undefined) problems.push({ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: _got(date) });
  const f = new Map<string, Map<string, _Val>>();
  if (!_isRecord(facts)) {
    problems.push({ 路径: '事实', 期望: '对象（实体名 → 字段）', 实际: _got(facts) });
  } else {
    for (const en of Object.keys(facts)) {
      const rec = facts[en];
      const ent = _ENTITIES.get(en);
      if (ent === undefined) {
        problems.push({ 路径: '事实.' + en, 期望: '已声明的实体（' + _ENTITY_NAMES + '）', 实际: '未知实体' });
        continue;
      }
      if (!_isRecord(rec)) {
        problems.push({ 路径: '事实.' + en, 期望: '对象（字段 → 值）', 实际: _got(rec) });
        continue;
      }
      const values = new Map<string, _Val>();
      for (const fn of Object.keys(rec)) {
        const v = rec[fn];
        const ft = ent.fields.get(fn);
        if (ft === undefined) {
          problems.push({ 路径: '事实.' + en + '.' + fn, 期望: '实体「' + en + '」的字段（' + ent.names + '）', 实际: '未知字段' });
          continue;
        }
        const r = _convert(ft, v, day);
        if (r.ok) values.set(fn, r.v);
        else problems.push({ 路径: '事实.' + en + '.' + fn, 期望: r.expected, 实际: _got(v) });
      }
      f.set(en, values);
    }
  }
  const evs: { readonly day: number; readonly ev: 上级政策事件 }[] = [];
  if (events !== undefined) {
    if (!Array.isArray(events)) problems.push({ 路径: '事件', 期望: '列表', 实际: _got(events) });
    else {
      const list: readonly unknown[] = events;
      for (let i = 0; i < list.length; i++) {
        if (!(i in list)) continue;
        const e = list[i];
        const p = '事件[' + String(i) + ']';
        if (!_isRecord(e)) {
          problems.push({ 路径: p, 期望: '对象（日期、级别、类别…）', 实际: _got(e) });
          continue;
        }
        for (const k of Object.keys(e)) {
          if (_EVENT_KEYS.indexOf(k) < 0) problems.push({ 路径: p + '.' + k, 期望: '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一', 实际: '未知字段' });
        }
        const d = _parseIso(e['日期']);
        if (d === undefined) problems.push({ 路径: p + '.日期', 期望: '日期（YYYY-MM-DD）', 实际: _got(e['日期']) });
        const level = e['级别'];
        const levelOk = typeof level === 'string' && _LEVELS.indexOf(level) >= 0;
        if (!levelOk) problems.push({ 路径: p + '.级别', 期望: '国家、省、市、县之一', 实际: _got(level) });
        const category = e['类别'];
        if (typeof category !== 'string') problems.push({ 路径: p + '.类别', 期望: '文本', 实际: _got(category) });
        if (d !== undefined && levelOk && typeof category === 'string') evs.push({ day: d, ev: e as unknown as 上级政策事件 });
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return { f, day: day ?? 0, evs };
}

// ── 措施的判定 ──

interface _Rule {
  readonly name: string;
  /** 有效期（日序，含两端）。 */
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** 本规则作为例外所优先于的规则（本措施内的序号）。 */
  readonly overrides: readonly number[];
  readonly cond: (c: _Ctx) => boolean | null;
  readonly trace: (c: _Ctx, out: 条件追踪[]) => void;
  /** 每个结果的取值（undefined：本规则不给出该结果）。 */
  readonly values: readonly (((c: _Ctx) => _V) | undefined)[];
}

interface _Outcome {
  readonly name: string;
  readonly kind: _Kind;
  readonly unit: string;
  readonly period: string | undefined;
  readonly required: boolean;
  /** 给出该结果的规则（序号）。 */
  readonly rules: readonly number[];
}

interface _Measure {
  readonly name: string;
  readonly clause: 决定['条款'];
  readonly lead: readonly string[];
  readonly responsible: readonly string[];
  readonly doubts: readonly { readonly 名称: string; readonly 采用: string; readonly 理由?: string }[] | undefined;
  readonly subject: string | undefined;
  readonly outcomes: readonly _Outcome[];
  readonly rules: readonly _Rule[];
}

function _applies(r: _Rule, c: _Ctx): boolean | null {
  if ((r.from !== undefined && c.day < r.from) || (r.to !== undefined && c.day > r.to)) return false;
  return r.cond(c);
}

function _has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function _outcomeValue(o: _Outcome, v: _Val): { readonly 值: number | boolean | string; readonly 单位: string; readonly 分?: number } {
  if (o.kind === 'm') return { 值: _fen(v as number), 单位: '元', 分: v as number };
  if (o.kind === 'r') return { 值: _ratio(v as number), 单位: '%' };
  if (o.kind === 'd') return { 值: _iso(v as number), 单位: '日期' };
  return { 值: v, 单位: o.unit };
}

/** 给出结果的规则：适用或未知、且未被另一条确定适用的例外规则排除的规则。 */
function _winners(m: _Measure, o: _Outcome, applies: readonly (boolean | null)[]): number[] {
  const live = o.rules.filter((i) => applies[i] !== false);
  return live.filter((i) => !live.some((j) => j !== i && applies[j] === true && (m.rules[j] as _Rule).overrides.indexOf(i) >= 0));
}

function _decide(m: _Measure, c: _Ctx, status0: 状态 | undefined): 决定 {
  const head = {
    措施: m.name,
    条款: { ...m.clause, 原文: m.clause.原文.slice() },
    牵头单位: m.lead.slice(),
    责任单位: m.responsible.slice(),
    ...(m.doubts !== undefined ? { 存疑: m.doubts.map((d) => ({ ...d })) } : {}),
  };
  if (status0 !== undefined) return { ...head, 状态: status0, 结果: {}, 理由: [status0 === '已废止' ? '政策已废止' : '政策尚未生效'], 规则: [] };
  if (m.subject !== undefined && !c.f.has(m.subject)) return { ...head, 状态: '不适用', 结果: {}, 理由: ['输入中没有「' + m.subject + '」'], 规则: [] };
  const traces: 规则追踪[] = [];
  const applies: (boolean | null)[] = [];
  for (const r of m.rules) {
    let a: boolean | null;
    let note: string | undefined;
    const conds: 条件追踪[] = [];
    if ((r.from !== undefined && c.day < r.from) || (r.to !== undefined && c.day > r.to)) {
      a = false;
      note = '不在有效期内（' + (r.from !== undefined ? _iso(r.from) : '…') + ' 至 ' + (r.to !== undefined ? _iso(r.to) : '…') + '）';
    } else {
      const miss = new Set<string>();
      const rc: _Ctx = { f: c.f, day: c.day, ev: c.ev, evDay: c.evDay, miss, used: undefined };
      a = r.cond(rc);
      r.trace(rc, conds);
      if (a === null) note = '缺少事实：' + Array.from(miss).join('、');
    }
    applies.push(a);
    traces.push({ 规则: r.name, 适用: a, 条件: conds, ...(note !== undefined ? { 说明: note } : {}) });
  }
  const results: Record<string, 结果值> = {};
  const reasons: string[] = [];
  let doubtful = false;
  for (let k = 0; k < m.outcomes.length; k++) {
    const o = m.outcomes[k] as _Outcome;
    const winners = _winners(m, o, applies);
    const sure = winners.filter((i) => applies[i] === true);
    const unsure = winners.filter((i) => applies[i] === null);
    if (unsure.length > 0) {
      doubtful = true;
      reasons.push('结果“' + o.name + '”取决于缺少的事实（规则 ' + unsure.map((i) => (m.rules[i] as _Rule).name).join('、') + '）');
    }
    if (sure.length === 0) continue;
    const vals = sure.map((i) => {
      const r = m.rules[i] as _Rule;
      const used = new Set<string>();
      const v = (r.values[k] as (c: _Ctx) => _V)({ f: c.f, day: c.day, ev: c.ev, evDay: c.evDay, miss: undefined, used });
      return { name: r.name, v, used };
    });
    const first = vals[0] as (typeof vals)[number];
    if (vals.some((x) => x.v !== first.v)) {
      doubtful = true;
      reasons.push('矛盾：结果“' + o.name + '”由规则 ' + vals.map((x) => x.name + '=' + (x.v === null ? '未知' : _show(o.kind, o.unit, x.v))).join('、') + ' 同时给出不同的值，且没有优先关系');
      continue;
    }
    const v = first.v;
    if (v === null) {
      doubtful = true;
      reasons.push('结果“' + o.name + '”的值取决于缺少的事实');
      continue;
    }
    const unconfirmed: string[] = [];
    for (const x of vals) for (const p of Array.from(x.used)) if (unconfirmed.indexOf(p) < 0) unconfirmed.push(p);
    unconfirmed.sort();
    const names = vals.map((x) => x.name);
    results[o.name] = {
      ..._outcomeValue(o, v),
      规则: names,
      ...(o.period !== undefined ? { 周期: o.period } : {}),
      ...(unconfirmed.length > 0 ? { 未确认参数: unconfirmed } : {}),
    };
    reasons.push('规则 ' + names.join('、') + ' 适用：' + o.name + ' = ' + _show(o.kind, o.unit, v) + (o.period !== undefined ? '（' + o.period + '）' : ''));
  }
  for (const o of m.outcomes) {
    if (o.required && !_has(results, o.name) && !doubtful) {
      doubtful = true;
      reasons.push('缺口：必须定义的结果“' + o.name + '”没有适用的规则');
    }
  }
  const status: 状态 = doubtful ? '存疑' : Object.keys(results).length > 0 ? '适用' : '不适用';
  if (status === '不适用') reasons.push('没有适用的规则');
  return { ...head, 状态: status, 结果: results, 理由: reasons, 规则: traces };
}

function _decideFast(m: _Measure, c: _Ctx, status0: 状态 | undefined): 快速决定 {
  if (status0 !== undefined) return { 措施: m.name, 状态: status0, 结果: {} };
  if (m.subject !== undefined && !c.f.has(m.subject)) return { 措施: m.name, 状态: '不适用', 结果: {} };
  const applies = m.rules.map((r) => _applies(r, c));
  const results: Record<string, number | boolean | string> = {};
  let doubtful = false;
  for (let k = 0; k < m.outcomes.length; k++) {
    const o = m.outcomes[k] as _Outcome;
    const winners = _winners(m, o, applies);
    let sure = 0;
    let v: _V = null;
    let differ = false;
    for (const i of winners) {
      if (applies[i] === null) doubtful = true;
      else {
        const x = ((m.rules[i] as _Rule).values[k] as (c: _Ctx) => _V)(c);
        if (sure > 0 && x !== v) differ = true;
        v = x;
        sure++;
      }
    }
    if (sure === 0) continue;
    if (differ || v === null) doubtful = true;
    else results[o.name] = _outcomeValue(o, v).值;
  }
  for (const o of m.outcomes) if (o.required && !_has(results, o.name)) doubtful = true;
  return { 措施: m.name, 状态: doubtful ? '存疑' : Object.keys(results).length > 0 ? '适用' : '不适用', 结果: results };
}
`;

const FIELD = String.raw`
/** 事实字段的取值；缺少时记入 miss 并返回 null（未知）。 */
function _get(c: _Ctx, entity: string, field: string, path: string): _V {
  const v = c.f.get(entity)?.get(field);
  if (v === undefined) {
    c.miss?.add(path);
    return null;
  }
  return v;
}
`;

const AGE_NOTE = String.raw`
// ── 年龄（《民法典》第二百零一条、第二百零二条）──
// 期间自出生次日起算；到期月的对应日为期间的最后一日，没有对应日的以该月末日为最后一日；
// 期间届满的次日起才算“满”。故出生当日为 0 周岁、0 月龄。
`;

const AGE_MONTHS = String.raw`
/** 月龄：出生日之前为 null。 */
function _months(birth: number, on: number): number | null {
  const [by, bm, bd] = _civil(birth);
  const [oy, om, od] = _civil(on);
  if (on < birth) return null;
  let k = (oy - by) * 12 + (om - bm);
  // 第 k 个月的期间在当月的对应日（或月末）届满；当日及之前尚未满 k 个月
  if (od <= Math.min(bd, _monthDays(oy, om))) k--;
  return k < 0 ? 0 : k;
}
`;

const AGE_YEARS = String.raw`
/** 周岁：出生日之前为 null。 */
function _years(birth: number, on: number): number | null {
  const [by, bm, bd] = _civil(birth);
  const [oy, om, od] = _civil(on);
  if (on < birth) return null;
  let n = oy - by;
  // 当年的生日（2 月 29 日出生者在平年为 2 月 28 日）及之前尚未满 n 周岁
  const anniversary = Math.min(bd, _monthDays(oy, bm));
  if (om < bm || (om === bm && od <= anniversary)) n--;
  return n < 0 ? 0 : n;
}
`;

const ADD_MONTHS = String.raw`
/** 日期加减整月，没有对应日时取月末（2024-01-31 加 1 个月为 2024-02-29）。 */
function _addMonths(n: number, months: number): number {
  const [y, m, d] = _civil(n);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (!(ny >= 1 && ny <= 9999)) throw new RangeError('日期加减月数后超出公元1年至9999年的范围');
  return _day(ny, nm, Math.min(d, _monthDays(ny, nm)));
}
`;

const MUL_DIV = String.raw`
/** round(a × b ÷ d)，四舍五入（.5 远离零），精确；d ≠ 0。 */
function _mulDiv(a: number, b: number, d: number): number {
  const p = a * b;
  if (Number.isSafeInteger(p) && Number.isSafeInteger(d)) {
    const r = p % d;
    let q = (p - r) / d;
    if (2 * Math.abs(r) >= Math.abs(d)) q += (p < 0) !== (d < 0) ? -1 : 1;
    return q + 0;
  }
  const P = BigInt(a) * BigInt(b);
  const D = BigInt(d);
  let q = P / D;
  const r = P - q * D;
  const zero = BigInt(0);
  if (BigInt(2) * (r < zero ? -r : r) >= (D < zero ? -D : D)) q += (P < zero) !== (D < zero) ? BigInt(-1) : BigInt(1);
  return Number(q) + 0;
}
`;

const WORKDAYS = String.raw`
// ── 工作日（国务院公布的节假日与调休安排；数据见 _WORKDAY_DATA）──

let _workdayTable: { readonly off: ReadonlySet<number>; readonly on: ReadonlySet<number> } | undefined;

/** 解析嵌入的工作日历：每行 "年 休 月-日… 班 月-日…"。 */
function _workdayLookup(): { readonly off: ReadonlySet<number>; readonly on: ReadonlySet<number> } {
  if (_workdayTable !== undefined) return _workdayTable;
  const off = new Set<number>();
  const on = new Set<number>();
  for (const line of _WORKDAY_DATA) {
    const words = line.split(' ');
    const y = Number(words[0]);
    let target = off;
    for (const w of words.slice(1)) {
      if (w === '休') target = off;
      else if (w === '班') target = on;
      else target.add(_day(y, Number(w.slice(0, 2)), Number(w.slice(3, 5))));
    }
  }
  _workdayTable = { off, on };
  return _workdayTable;
}

/** 是否工作日：调休上班日，或不在放假安排中的周一至周五。 */
function _isWorkday(n: number): boolean {
  const t = _workdayLookup();
  if (t.on.has(n)) return true;
  const weekday = (((n + 3) % 7) + 7) % 7; // 0 = 周一（1970-01-01 是周四）
  return weekday < 5 && !t.off.has(n);
}

function _chineseDate(n: number): string {
  const [y, m, d] = _civil(n);
  return String(y).padStart(4, '0') + '年' + String(m) + '月' + String(d) + '日';
}

/** 工作日期限：start 之后的第 n 个工作日（start 当日不计）；工作日历不覆盖时为未知并记入 miss。 */
function _workdays(c: _Ctx, start: number, n: number): number | null {
  if (n < 1) return start;
  const from = _chineseDate(start);
  if (!Number.isSafeInteger(n)) {
    c.miss?.add('“n个工作日内”的n必须是正整数，这里是' + String(n));
    return null;
  }
  const what = '计算' + from + '起' + String(n) + '个工作日内的期限';
  const first = _day(_WORKDAY_FIRST_YEAR, 1, 1);
  const last = _day(_WORKDAY_LAST_YEAR, 12, 31);
  let day = start;
  let remaining = n;
  while (remaining > 0) {
    day++;
    if (day < first || day > last) {
      const year = day > _MAX_DAY ? 10000 : _civil(day)[0];
      c.miss?.add('没有' + String(year) + '年的法定节假日和调休安排数据（chinese-days 只覆盖' + String(_WORKDAY_FIRST_YEAR) + '年至' + String(_WORKDAY_LAST_YEAR) + '年），无法' + what);
      return null;
    }
    if (_isWorkday(day)) remaining--;
  }
  return day;
}
`;

const PARAM = String.raw`
/** 外部参数：按 YAML 中的顺序取起始日不晚于评估日期的最后一个值。 */
interface _Param {
  readonly name: string;
  /** [起始日序, 值, 已确认] */
  readonly values: readonly (readonly [number, number, boolean])[];
}

function _param(c: _Ctx, p: _Param): number | null {
  let hit: readonly [number, number, boolean] | undefined;
  for (const v of p.values) if (v[0] <= c.day) hit = v;
  if (hit === undefined) {
    c.miss?.add('参数 ' + p.name + '（' + _iso(c.day) + ' 无取值）');
    return null;
  }
  if (!hit[2]) c.used?.add(p.name);
  return hit[1];
}
`;

const EVENT = String.raw`
/** 失效条件中事件的文本字段（非文本为 null）。 */
function _eventText(c: _Ctx, field: string): string | null {
  if (c.ev === undefined) return null;
  const v = c.ev[field];
  return typeof v === 'string' ? v : null;
}
`;

const SUNSET = String.raw`
/** 政策自何日起废止：满足失效条件的最早事件（起算：当日 / 次日）。 */
function _voidDay(inp: _Input): { readonly day: number; readonly ev: 上级政策事件 } | undefined {
  let best: { readonly day: number; readonly ev: 上级政策事件 } | undefined;
  for (const e of inp.evs) {
    const c: _Ctx = { f: inp.f, day: inp.day, ev: { ...e.ev }, evDay: e.day, miss: undefined, used: undefined };
    if (_sunsetCondition(c) === true) {
      const day = e.day + _SUNSET_OFFSET;
      if (best === undefined || day < best.day) best = { day, ev: e.ev };
    }
  }
  return best;
}
`;

/** The runtime source for a module using `features`. */
export function runtimeSource(features: ReadonlySet<RuntimeFeature>): string {
  const parts = [CORE];
  if (features.has('field')) parts.push(FIELD);
  if (features.has('ageMonths') || features.has('ageYears')) parts.push(AGE_NOTE);
  if (features.has('ageMonths')) parts.push(AGE_MONTHS);
  if (features.has('ageYears')) parts.push(AGE_YEARS);
  if (features.has('addMonths')) parts.push(ADD_MONTHS);
  if (features.has('mulDiv')) parts.push(MUL_DIV);
  if (features.has('workdays')) parts.push(WORKDAYS);
  if (features.has('param')) parts.push(PARAM);
  if (features.has('event')) parts.push(EVENT);
  if (features.has('sunset')) parts.push(SUNSET);
  return parts.map((p) => p.trim()).join('\n\n');
}

/** Every identifier the runtime could declare or use (kept clear of generated type names). */
export const RUNTIME_TEXT_ALL = [CORE, FIELD, AGE_NOTE, AGE_MONTHS, AGE_YEARS, ADD_MONTHS, MUL_DIV, WORKDAYS, PARAM, EVENT, SUNSET].join('\n');
