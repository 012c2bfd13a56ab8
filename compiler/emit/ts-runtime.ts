/**
 * The runtime that every generated evaluator carries (emitted as source text).
 *
 * This is the TypeScript emitter's OWN implementation of the value model of
 * compiler/ir/ir.ts — day numbers, strict ISO dates, 周岁/月龄 (民法典 §201–202), months
 * added with month-end clamping, exact rationals for ratios (BigInt), intervals for dates
 * known only within a range, fen/ratio formatting, nested-record input validation (plain
 * data only: a non-plain object, a throwing getter or Proxy trap is an InputError problem at
 * its path; a root entity written "不存在" is stated not to exist, an omitted one is unknown)
 * and the decision procedure — written independently of compiler/common/calendar.ts,
 * compiler/interpret/ and fraction.js, so that differential tests compare two
 * implementations of one specification (grammar/README.md §11, §15, ir.ts header).
 *
 * The text is split into chunks; `runtimeSource(used)` returns the chunks a module needs
 * (so that generated code also passes `noUnusedLocals`). Chunks are written without
 * template literals so they can live in String.raw.
 * INVARIANT: every number the runtime produces from valid input is an integer; ratios are
 * canonical "n/d" texts (lowest terms, d > 0), so equal ratios are equal strings.
 */

/** Optional runtime parts, enabled by the expressions a policy uses. */
export type RuntimeFeature =
  | 'ageYears' | 'ageMonths' | 'workdays' | 'addMonths' | 'param' | 'event' | 'sunset'
  | 'root' | 'field' | 'get' | 'def' | 'ratio' | 'ratioMul' | 'ratioCmp' | 'div' | 'mulRound'
  | 'iv' | 'why' | 'lohi' | 'ivAdd' | 'ivSub' | 'ivNeg' | 'ivDays' | 'ivMul' | 'ivCmp' | 'ivAge' | 'ivAddMonths' | 'nth' | 'applies' | 'outcome'
  | 'assume' | 'qtrace' | 'ratioNeg' | 'paramTable' | 'fastDate' | 'ffen' | 'fpct';

const CORE = String.raw`
// ───────────────────────────── 运行时 ─────────────────────────────
// 以下是生成器自带的独立实现（不依赖 ZhengCe 编译器）。取值表示：
//   是否 → boolean；整数、时长、年龄 → 整数；金额 → 整数「分」；日期 → 日序（自 1970-01-01 起的天数）；
//   比例 → 精确分数的文本 "n/d"（最简、d > 0：50% = "1/2"）；文本、枚举 → string；
//   实体 → 已校验的记录 _Rec；列表 → _List；只知道在某个范围内的日期（某日、施行日）及其运算 → 区间 _Iv；
//   null = 未知（缺少事实）。

type _Val = number | boolean | string;

/** 已校验的记录（实体的一个实例）：字段值按实体声明中的顺序，未提供为 undefined。 */
interface _Rec {
  /** 本次求值中唯一的编号（定义按实例缓存），自 1 起。 */
  readonly id: number;
  /** 实例在输入中的位置，如 "家庭.子女[1]"（用于说明缺少的事实与定义的实例）。 */
  readonly path: string;
  readonly v: readonly (_Val | _Rec | _List | undefined)[];
}

/** 已校验的列表（实体的对象）。 */
interface _List {
  /** 列表在输入中的位置，如 "家庭.子女"。 */
  readonly path: string;
  readonly items: readonly _Rec[];
}

/** 只知道在 [lo, hi] 之间的数（日期或由其算出的天数、年龄）；why 说明是哪个不确定的日期。 */
class _Iv {
  constructor(readonly lo: number, readonly hi: number, readonly why: string) {}
}

type _V = _Val | _Rec | _List | _Iv | null;

/** 值的显示方式：m 金额（分）、d 日期（日序）、b 是否、r 比例、n 数（后接单位）、s 文本、e 实体、l 列表。 */
type _Kind = 'm' | 'd' | 'b' | 'r' | 'n' | 's' | 'e' | 'l';

/** 一次求值的共享状态。 */
interface _Scope {
  /** 已校验的事实：实体（按声明顺序）→ 记录。 */
  readonly f: readonly (_Rec | undefined)[];
  /** 个案声明不存在的实体（写作 "不存在"；按声明顺序）。 */
  readonly n: readonly boolean[];
  /** 评估日期（日序）。 */
  readonly day: number;
  /** evaluate（生成解释）或 evaluateFast（只算状态与取值）。 */
  readonly full: boolean;
  /** 政策在评估日期已废止或尚未生效时的状态。 */
  readonly status0: 状态 | undefined;
  /** 政策在评估日期是否施行存疑的理由（评估日期在不确定的施行日范围内；某事件可能已使政策废止）。 */
  readonly doubts: readonly _Doubt[];
  /** 定义的取值（evaluate）：定义序号 → 记录编号（全局定义为 0）→ 取值。 */
  readonly memo: (_Hit | undefined)[][];
  /** 已判定的措施（措施可以引用其他措施）；正在判定的为 _BUSY。 */
  readonly done: (_Done | undefined)[];
  /** evaluateFast 的求值上下文（不收集说明）。 */
  readonly c0: _Ctx;
  /** 不生成解释时的定义取值：记录编号 × 定义个数 + 定义序号 → 取值（未求为 undefined）。 */
  readonly fm: (_V | undefined)[];
  /**
   * evaluateFast 的主求值：实体上的定义的取值记在记录自己的取值数组中（字段之后，见 _DEF_SLOT）。
   * INVARIANT: 一组记录只有一个这样的作用域（每次求值新建记录；失效条件的作用域不用它）。
   */
  readonly rm: boolean;
}

/** 政策在评估日期是否施行的一项疑问。 */
interface _Doubt {
  /** “评估日期可能早于…” / “本政策可能已于…废止（…）”。 */
  readonly text: string;
  /** 若如此，措施不给予任何待遇：“若尚未施行则不适用” / “若已废止则不适用”。 */
  readonly ifSo: string;
  /** 疑问所取决的（缺少的事实、不确定的日期）。 */
  readonly miss: readonly string[];
}

/** 求值上下文。 */
interface _Ctx {
  readonly s: _Scope;
  /** 求失效条件时的上级政策事件（字段的浅拷贝）及其日序。 */
  readonly ev: Readonly<Record<string, unknown>> | undefined;
  readonly evDay: number;
  /** 收集缺少的事实（evaluateFast 中为 undefined）。 */
  readonly miss: Set<string> | undefined;
  /** 收集用到的未确认参数。 */
  readonly used: Set<string> | undefined;
  /** 收集用到的定义（措施的解释）。 */
  readonly defs: Map<string, 定义追踪> | undefined;
}

/** 一个定义在一个实例上的取值，以及求它时缺少的事实、未确认的参数和用到的其他定义。 */
interface _Hit {
  readonly v: _V;
  readonly miss: readonly string[];
  readonly used: readonly string[];
  readonly defs: readonly 定义追踪[];
}

/** 一项措施的判定。 */
interface _Done {
  readonly 状态: 状态;
  /** 各结果的确定取值（运行时表示；没有确定值为 undefined），供其他措施引用。 */
  readonly raw: readonly (_Val | undefined)[];
  readonly full: 决定 | undefined;
  readonly fast: 快速决定 | undefined;
}

const _NO_MEMO: (_Hit | undefined)[][] = [];

function _scope(f: readonly (_Rec | undefined)[], n: readonly boolean[], day: number, full: boolean, status0: 状态 | undefined, doubts: readonly _Doubt[], rm = false): _Scope {
  const s = { f, n, day, full, status0, doubts, memo: full ? [] : _NO_MEMO, done: new Array<_Done | undefined>(_MEASURES.length), c0: undefined as unknown as _Ctx, fm: [], rm };
  s.c0 = { s, ev: undefined, evDay: 0, miss: undefined, used: undefined, defs: undefined };
  return s;
}

/** 新的求值上下文：evaluate 中收集缺少的事实、未确认参数（及定义，若给出 defs）。 */
function _ctx(s: _Scope, defs: Map<string, 定义追踪> | undefined): _Ctx {
  return s.full ? { s, ev: undefined, evDay: 0, miss: new Set<string>(), used: new Set<string>(), defs } : s.c0;
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

// ── 比例：精确分数 "n/d"（BigInt）──

function _gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** 比例文本（或整数）→ [分子, 分母]（分母 > 0）。 */
function _q(v: string | number): [bigint, bigint] {
  if (typeof v === 'number') return [BigInt(v), 1n];
  const i = v.indexOf('/');
  return [BigInt(v.slice(0, i)), BigInt(v.slice(i + 1))];
}

/** 分数 → 最简的比例文本 "n/d"。INVARIANT: d ≠ 0。 */
function _qText(n: bigint, d: bigint): string {
  const g = _gcd(n, d);
  let a = n / g;
  let b = d / g;
  if (b < 0n) {
    a = -a;
    b = -b;
  }
  return String(a) + '/' + String(b);
}

/**
 * 比例的百分数写法："1/2" → "50"，"1/3" → "33.(3)"（循环节在括号中）。不循环的小数至多写 15 位，
 * 循环节超过 2000 位时也只写前 15 位；写不全时末尾加 "…"，绝不冒充精确值。
 */
function _pct(r: string): string {
  const [n0, d0] = _q(r);
  const g = _gcd(n0 * 100n, d0);
  const n = (n0 * 100n) / g;
  const D = d0 / g;
  let N = n < 0n ? -n : n;
  // 循环节长度：去掉分母中的 2、5 后，10 的阶
  let dd = D;
  while (dd % 2n === 0n) dd /= 2n;
  while (dd % 5n === 0n) dd /= 5n;
  let len = 0;
  if (dd !== 1n) {
    let rem = 10n % dd;
    let t = 1;
    for (; rem !== 1n; t++) {
      rem = (rem * 10n) % dd;
      if (t > 2000) {
        t = 0;
        break;
      }
    }
    len = t;
  }
  // 循环节的起点：最小的 s（< 300）使 10^s ≡ 10^(s+len) (mod D)
  let start = 0;
  if (len > 0) {
    let r1 = 1n;
    let r2 = 1n;
    for (let e = 0; e < len; e++) r2 = (r2 * 10n) % D;
    for (let t = 0; t < 300; t++) {
      if (r1 === r2) {
        start = t;
        break;
      }
      r1 = (r1 * 10n) % D;
      r2 = (r2 * 10n) % D;
    }
  }
  let out = (n < 0n ? '-' : '') + String(N / D);
  N = (N % D) * 10n;
  if (N !== 0n) out += '.';
  if (len > 0) {
    for (let i = 0; i < start; i++) {
      out += String(N / D);
      N = (N % D) * 10n;
    }
    out += '(';
    for (let i = 0; i < len; i++) {
      out += String(N / D);
      N = (N % D) * 10n;
    }
    out += ')';
  } else {
    for (let i = 0; i < 15 && N !== 0n; i++) {
      out += String(N / D);
      N = (N % D) * 10n;
    }
    if (N !== 0n) out += '…';
  }
  return out;
}

// ── 数值格式 ──

/** 分 → "1234.50"。 */
function _fen(v: number): string {
  const a = Math.abs(v);
  const cents = a % 100;
  return (v < 0 ? '-' : '') + String(Math.floor(a / 100)) + '.' + (cents < 10 ? '0' : '') + String(cents);
}

/** 给人看的取值。 */
function _show(kind: _Kind, unit: string, v: _V): string {
  if (v === null) return '（未知）';
  if (v instanceof _Iv) return kind === 'd' ? _iso(v.lo) + ' 至 ' + _iso(v.hi) + ' 之间（确切日期未知）' : String(v.lo) + ' 至 ' + String(v.hi) + ' 之间';
  if (typeof v === 'object') return 'items' in v ? String(v.items.length) + '个' : v.path;
  switch (kind) {
    case 'm': return _fen(v as number) + '元';
    case 'd': return _iso(v as number);
    case 'b': return v ? '是' : '否';
    case 'r': return _pct(v as string) + '%';
    case 'n': return String(v) + unit;
    default: return String(v);
  }
}

// ── 输入校验 ──

/**
 * 字段类型：b 是否、i 整数、m 金额、r 比例、d 日期、t 文本、e 枚举、o 实体（嵌套对象）、l 实体的列表；
 * signed：可为负。
 */
type _FieldType =
  | { readonly k: 'b' | 'd' | 't' }
  | { readonly k: 'i' | 'm' | 'r'; readonly signed: boolean }
  | { readonly k: 'e'; readonly members: readonly string[] }
  | { readonly k: 'o' | 'l'; readonly entity: number; readonly name: string };

interface _Entity {
  readonly name: string;
  /** 字段名 → 序号。 */
  readonly index: ReadonlyMap<string, number>;
  readonly types: readonly _FieldType[];
  /** 字段名，以「、」连接（用于错误信息）。 */
  readonly names: string;
}

function _expected(t: _FieldType): string {
  switch (t.k) {
    case 'b': return '是否（true/false）';
    case 'i': return t.signed ? '整数' : '非负整数';
    case 'm': return t.signed ? '金额（元，最多两位小数，可为负，如 "-1000.50"）' : '金额（元，最多两位小数，如 "1000.50"）';
    case 'd': return '日期（YYYY-MM-DD）';
    case 't': return '文本';
    case 'r': return '比例（如 "50%"、"4.8‰"）';
    case 'e': return '以下之一：' + t.members.join('、');
    case 'o': return '对象（实体「' + t.name + '」的字段 → 值）';
    case 'l': return '列表（实体「' + t.name + '」的对象）';
  }
}

const _MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const _MONEY_RE = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]{1,2}))?$/;
const _RATIO_RE = /^(-?)([0-9]+)(?:\.([0-9]+))?([%‰])$/;

/** 2^46 元：带小数的数在此以下才是作者所写的十进制数（见 compiler/interpret/validate.ts MONEY_NUMBER_EXACT）。 */
const _MONEY_NUMBER_EXACT = 70368744177664;

/** 是 2^46 元及以上、带小数的有限数（读入时已不是所写的金额：_parseMoney 拒收，_convert 说明须写成文本）。 */
function _inexactMoney(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) && Math.abs(v) >= _MONEY_NUMBER_EXACT;
}

/** 金额（元）：最多两位小数的十进制文本或数 → 分（须为安全整数；负数须可为负；带小数的数须小于 2^46 元）。 */
function _parseMoney(v: unknown, signed: boolean): number | undefined {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || _inexactMoney(v)) return undefined;
    s = String(v);
  } else if (typeof v === 'string') s = v;
  else return undefined;
  const m = _MONEY_RE.exec(s);
  if (m === null || (m[1] === '-' && !signed)) return undefined;
  const fen = BigInt(m[2] as string) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  if (fen > _MAX_SAFE) return undefined;
  return m[1] === '-' && fen !== 0n ? -Number(fen) : Number(fen);
}

/** 比例 "50%"、"4.8‰"（任意位小数，精确）→ "n/d"。 */
function _parseRatio(v: unknown, signed: boolean): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = _RATIO_RE.exec(v);
  if (m === null || (m[1] === '-' && !signed)) return undefined;
  const frac = m[3] ?? '';
  const n = BigInt((m[2] as string) + frac);
  const d = 10n ** BigInt(frac.length) * (m[4] === '%' ? 100n : 1000n);
  return _qText(m[1] === '-' ? -n : n, d);
}

function _integer(v: unknown, signed: boolean): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && (signed || v >= 0) ? (v === 0 ? 0 : v) : undefined;
}

/** 标量字段的取值 → 运行时表示；不合格时返回期望的说明。 */
function _convert(t: _FieldType, v: unknown, day: number | undefined): { readonly ok: true; readonly v: _Val } | { readonly ok: false; readonly expected: string } {
  let r: _Val | undefined;
  switch (t.k) {
    case 'b': r = typeof v === 'boolean' ? v : undefined; break;
    case 't': r = typeof v === 'string' ? v : undefined; break;
    case 'e': r = typeof v === 'string' && t.members.indexOf(v) >= 0 ? v : undefined; break;
    case 'i': r = _integer(v, t.signed); break;
    case 'm':
      r = _parseMoney(v, t.signed);
      // (the reason looked for only on a refusal)
      if (r === undefined && _inexactMoney(v)) return { ok: false, expected: '金额的文本（70368744177664 元及以上带小数的金额须写成文本，如 "90071992547409.91"：这样的数字读入时已不能精确到分）' };
      break;
    case 'r': r = _parseRatio(v, t.signed); break;
    case 'd': {
      const d = _parseIso(v);
      if (d !== undefined && day !== undefined && d > day) return { ok: false, expected: '不晚于评估日期的日期' };
      r = d;
      break;
    }
    default: r = undefined;
  }
  return r === undefined ? { ok: false, expected: _expected(t) } : { ok: true, v: r };
}

/** 非普通对象（Map、Date、类的实例……）的说明；普通对象与数组为 undefined。不抛出异常（Proxy 的陷阱可能抛出）。 */
function _nonPlain(v: object): string | undefined {
  try {
    if (Array.isArray(v)) return undefined;
    const p = Object.getPrototypeOf(v) as object | null;
    if (p === Object.prototype || p === null) return undefined;
    let name = '';
    try {
      const c = (p as { constructor?: unknown }).constructor;
      if (typeof c === 'function' && typeof c.name === 'string') name = c.name;
      // 来自另一个 realm（vm、iframe）的普通对象
      if (name === 'Object' && Object.getPrototypeOf(p) === null) return undefined;
    } catch {
      name = '';
    }
    return '非普通对象（' + (name !== '' ? name : '未知类型') + '）';
  } catch {
    return '无法读取的对象';
  }
}

/** 抛出的值的说明（过长截断）；不抛出异常。 */
function _thrown(e: unknown): string {
  let m: string;
  try {
    m = e instanceof Error ? String(e.message) : String(e);
  } catch {
    m = '未知异常';
  }
  return m.length > 60 ? m.slice(0, 60) + '…' : m;
}

/** 错误信息中的「实际」：JSON 形式，过长截断；不抛出异常。 */
function _got(v: unknown): string {
  if (v === _HOLE) return '空位（稀疏数组中没有这个元素）';
  if (v === undefined) return '（缺失）';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint') return String(v) + 'n（BigInt）';
  if (typeof v === 'function') return '函数';
  if (typeof v === 'symbol') return 'Symbol';
  if (typeof v === 'object' && v !== null) {
    const k = _nonPlain(v);
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

/** 普通对象的自有可枚举键值（每个值只读一次）；读不出的键表或值记为该路径上的问题，不抛出异常。 */
function _entries(v: object, path: string, expected: (key: string) => string, problems: 输入问题[]): [string, unknown][] | undefined {
  let keys: string[];
  try {
    keys = Object.keys(v);
  } catch (e) {
    problems.push({ 路径: path, 期望: '普通对象', 实际: '读取时出错（' + _thrown(e) + '）' });
    return undefined;
  }
  const out: [string, unknown][] = [];
  for (const k of keys) {
    try {
      out.push([k, (v as Record<string, unknown>)[k]]);
    } catch (e) {
      problems.push({ 路径: path + '.' + k, 期望: expected(k), 实际: '读取时出错（' + _thrown(e) + '）' });
    }
  }
  return out;
}

/** 数组（不是已撤销的 Proxy）；不抛出异常。 */
function _isArray(v: unknown): v is readonly unknown[] {
  try {
    return Array.isArray(v);
  } catch {
    return false;
  }
}

/** 稀疏数组的空位（_items 给出的元素；跳过会悄悄少一个元素）。 */
const _HOLE: unique symbol = Symbol('空位');

/** 数组的元素（每个只读一次；空位为 _HOLE，由校验报为问题）；读不出的长度或元素记为问题，不抛出异常。 */
function _items(v: readonly unknown[], path: string, expected: string, problems: 输入问题[]): [number, unknown][] | undefined {
  let n: number;
  try {
    n = v.length;
  } catch (e) {
    problems.push({ 路径: path, 期望: expected, 实际: '读取时出错（' + _thrown(e) + '）' });
    return undefined;
  }
  const out: [number, unknown][] = [];
  for (let i = 0; i < n; i++) {
    try {
      // （空位是任何校验都不接受的元素：它的问题按输入顺序报出，_got 说明）
      out.push([i, i in v ? v[i] : _HOLE]);
    } catch (e) {
      problems.push({ 路径: path + '[' + String(i) + ']', 期望: expected, 实际: '读取时出错（' + _thrown(e) + '）' });
    }
  }
  return out;
}

const _LEVELS: readonly string[] = ['国家', '省', '市', '县'];
const _EVENT_KEYS: readonly string[] = ['日期', '级别', '类别', '标题', '文号', '地区', '来源', '已确认', '说明'];

interface _Input {
  /** 实体（按声明顺序）→ 记录；输入中没有的实体为 undefined。 */
  readonly f: readonly (_Rec | undefined)[];
  /** 个案声明不存在的实体（按声明顺序）。 */
  readonly n: readonly boolean[];
  readonly day: number;
  readonly evs: readonly { readonly day: number; readonly ev: 上级政策事件 }[];
  /** 调用方在选项中说明的事件登记。 */
  readonly reg: 事件登记 | undefined;
  /** evaluateFast / evaluateMany：所选措施的序号（按选项中的顺序；undefined 为全部措施）。 */
  readonly sel: readonly number[] | undefined;
}

/** 普通对象（不是数组、Map、Date、类的实例……）；不抛出异常。 */
function _isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  try {
    if (Array.isArray(v)) return false;
  } catch {
    return false; // 已撤销的 Proxy
  }
  return _nonPlain(v) === undefined;
}

const _NONEXISTENT = '不存在';
const _ENTITY_EXPECTED = '对象（字段 → 值），或 "不存在"（表示没有该实体）';
const _EVENT_EXPECTED = '日期、级别、类别、标题、文号、地区、来源、已确认、说明之一';
const _SHA256_RE = /^[0-9a-f]{64}$/;

/** 校验中的状态：问题列表、评估日期、记录编号、祖先对象（检查循环引用）。 */
interface _Check {
  readonly problems: 输入问题[];
  readonly day: number | undefined;
  next: number;
  readonly seen: Set<object>;
}

/**
 * 校验实体 ent 的一个记录（path：错误信息中的路径；at：求值时的路径）。嵌套对象与列表逐层校验，
 * 问题依输入中键的顺序记入 k.problems。
 */
function _record(k: _Check, ent: _Entity, rec: Record<string, unknown>, path: string, at: string): _Rec {
  const v: (_Val | _Rec | _List | undefined)[] = new Array<_Val | _Rec | _List | undefined>(ent.types.length);
  const out: _Rec = { id: k.next++, path: at, v };
  if (k.seen.has(rec)) {
    k.problems.push({ 路径: path, 期望: '不含循环引用的对象', 实际: '循环引用' });
    return out;
  }
  const unknownField = '实体「' + ent.name + '」的字段（' + ent.names + '）';
  const entries = _entries(rec, path, (key) => {
    const i = ent.index.get(key);
    return i !== undefined ? _expected(ent.types[i] as _FieldType) : unknownField;
  }, k.problems);
  if (entries === undefined) return out;
  k.seen.add(rec);
  for (const [fname, x] of entries) {
    const fi = ent.index.get(fname);
    const fpath = path + '.' + fname;
    if (fi === undefined) {
      k.problems.push({ 路径: fpath, 期望: unknownField, 实际: '未知字段' });
      continue;
    }
    const t = ent.types[fi] as _FieldType;
    if (t.k === 'o') {
      const sub = _ENTITIES[t.entity];
      if (sub === undefined || !_isRecord(x)) k.problems.push({ 路径: fpath, 期望: _expected(t), 实际: _got(x) });
      else v[fi] = _record(k, sub, x, fpath, at + '.' + fname);
      continue;
    }
    if (t.k === 'l') {
      const sub = _ENTITIES[t.entity];
      if (sub === undefined || !_isArray(x)) {
        k.problems.push({ 路径: fpath, 期望: _expected(t), 实际: _got(x) });
        continue;
      }
      const elem = '对象（实体「' + t.name + '」的字段 → 值）';
      const arr = _items(x, fpath, elem, k.problems);
      if (arr === undefined) continue;
      const items: _Rec[] = [];
      const lpath = at + '.' + fname;
      for (const [i, item] of arr) {
        const ipath = fpath + '[' + String(i) + ']';
        if (!_isRecord(item)) k.problems.push({ 路径: ipath, 期望: elem, 实际: _got(item) });
        else items.push(_record(k, sub, item, ipath, lpath + '[' + String(items.length) + ']'));
      }
      v[fi] = { path: lpath, items };
      continue;
    }
    const r = _convert(t, x, k.day);
    if (r.ok) v[fi] = r.v;
    else k.problems.push({ 路径: fpath, 期望: r.expected, 实际: _got(x) });
  }
  k.seen.delete(rec);
  return out;
}

/** 校验上级政策事件列表。 */
function _validateEvents(events: unknown, problems: 输入问题[]): { readonly day: number; readonly ev: 上级政策事件 }[] {
  const evs: { readonly day: number; readonly ev: 上级政策事件 }[] = [];
  if (events === undefined) return evs;
  if (!_isArray(events)) {
    problems.push({ 路径: '事件', 期望: '列表', 实际: _got(events) });
    return evs;
  }
  const list = _items(events, '事件', '列表', problems);
  if (list === undefined) return evs;
  for (const [i, e] of list) {
    const p = '事件[' + String(i) + ']';
    if (!_isRecord(e)) {
      problems.push({ 路径: p, 期望: '对象（日期、级别、类别…）', 实际: _got(e) });
      continue;
    }
    const entries = _entries(e, p, () => _EVENT_EXPECTED, problems);
    if (entries === undefined) continue;
    const rec: Record<string, unknown> = {};
    for (const [key, v] of entries) {
      if (_EVENT_KEYS.indexOf(key) < 0) problems.push({ 路径: p + '.' + key, 期望: _EVENT_EXPECTED, 实际: '未知字段' });
      else rec[key] = v;
    }
    const d = _parseIso(rec['日期']);
    if (d === undefined) problems.push({ 路径: p + '.日期', 期望: '日期（YYYY-MM-DD）', 实际: _got(rec['日期']) });
    const level = rec['级别'];
    const levelOk = typeof level === 'string' && _LEVELS.indexOf(level) >= 0;
    if (!levelOk) problems.push({ 路径: p + '.级别', 期望: '国家、省、市、县之一', 实际: _got(level) });
    const category = rec['类别'];
    if (typeof category !== 'string') problems.push({ 路径: p + '.类别', 期望: '文本', 实际: _got(category) });
    if (d !== undefined && levelOk && typeof category === 'string') evs.push({ day: d, ev: rec as unknown as 上级政策事件 });
  }
  return evs;
}

/**
 * 校验求值选项：事件登记；fast 为真时（evaluateFast、evaluateMany）还有 措施（所选措施的列表）。
 */
function _validateOptions(options: unknown, events: unknown, problems: 输入问题[], fast: boolean): { readonly reg: 事件登记 | undefined; readonly sel: readonly number[] | undefined } {
  const none = { reg: undefined, sel: undefined };
  if (options === undefined) return none;
  // INVARIANT: the same problems as evaluate's for options without 措施 (evaluateFast = evaluate on bad input)
  if (!_isRecord(options)) {
    problems.push({ 路径: '选项', 期望: '对象（事件登记）', 实际: _got(options) });
    return none;
  }
  const entries = _entries(options, '选项', (k) => (fast && k === '措施' ? '措施名的列表' : '事件登记'), problems);
  if (entries === undefined) return none;
  let reg: 事件登记 | undefined;
  let sel: readonly number[] | undefined;
  for (const [k, v] of entries) {
    if (fast && k === '措施') {
      sel = _selection(v, problems);
      continue;
    }
    if (k !== '事件登记') {
      problems.push({ 路径: '选项.' + k, 期望: '事件登记', 实际: '未知选项' });
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
      if (n > 0) problems.push({ 路径: '选项.事件登记', 期望: '"none" 时不传事件（实际传了 ' + String(n) + ' 个事件）', 实际: '"none"' });
      continue;
    }
    const r = _isRecord(v) ? _entries(v, '选项.事件登记', () => '路径、sha256', problems) : undefined;
    const m = r !== undefined ? new Map(r) : undefined;
    const path = m !== undefined ? m.get('路径') : undefined;
    const sha = m !== undefined ? m.get('sha256') : undefined;
    if (m === undefined || typeof path !== 'string' || path === '' || typeof sha !== 'string' || !_SHA256_RE.test(sha) || m.size !== 2) {
      problems.push({ 路径: '选项.事件登记', 期望: '"none"，或 { 路径: 文本, sha256: 64 位小写十六进制 }', 实际: _got(v) });
      continue;
    }
    reg = { 路径: path, sha256: sha };
  }
  return { reg, sel };
}

/** 选项.措施：本政策可计算的措施名的列表（不重复）→ 措施序号，按列表中的顺序。 */
function _selection(v: unknown, problems: 输入问题[]): readonly number[] | undefined {
  if (v === undefined) return undefined;
  const expected = '本政策可计算的措施名（' + _MEASURE_NAMES + '）';
  if (!_isArray(v)) {
    problems.push({ 路径: '选项.措施', 期望: '列表（' + expected + '）', 实际: _got(v) });
    return undefined;
  }
  const items = _items(v, '选项.措施', expected, problems);
  if (items === undefined) return undefined;
  const out: number[] = [];
  for (const [i, x] of items) {
    const mi = typeof x === 'string' ? _measureIndex(x) : -1;
    const at = '选项.措施[' + String(i) + ']';
    if (mi < 0) problems.push({ 路径: at, 期望: expected, 实际: _got(x) });
    else if (out.indexOf(mi) >= 0) problems.push({ 路径: at, 期望: '不重复的措施名', 实际: _got(x) });
    else out.push(mi);
  }
  return out;
}

/** 校验全部输入；有问题时抛出一个列出所有问题的 InputError。fast：evaluateFast / evaluateMany 的选项（可选措施）。 */
function _validate(facts: unknown, date: unknown, events: unknown, options: unknown, fast = false): _Input {
  const problems: 输入问题[] = [];
  const day = _parseIso(date);
  if (day === undefined) problems.push({ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: _got(date) });
  const f: (_Rec | undefined)[] = new Array<_Rec | undefined>(_ENTITIES.length);
  const none: boolean[] = new Array<boolean>(_ENTITIES.length).fill(false);
  const k: _Check = { problems, day, next: 1, seen: new Set<object>() };
  const plain = _isRecord(facts);
  const entries = plain ? _entries(facts, '事实', () => '已声明的实体（' + _ENTITY_NAMES + '）', problems) : undefined;
  if (!plain) problems.push({ 路径: '事实', 期望: '对象（实体名 → 字段）', 实际: _got(facts) });
  for (const [en, rec] of entries ?? []) {
    const ei = _ENTITY_INDEX.get(en);
    if (ei === undefined) {
      problems.push({ 路径: '事实.' + en, 期望: '已声明的实体（' + _ENTITY_NAMES + '）', 实际: '未知实体' });
      continue;
    }
    if (rec === _NONEXISTENT) {
      none[ei] = true;
      continue;
    }
    if (!_isRecord(rec)) {
      problems.push({ 路径: '事实.' + en, 期望: _ENTITY_EXPECTED, 实际: _got(rec) });
      continue;
    }
    k.seen.clear();
    f[ei] = _record(k, _ENTITIES[ei] as _Entity, rec, '事实.' + en, en);
  }
  const evs = _validateEvents(events, problems);
  const o = _validateOptions(options, events, problems, fast);
  if (problems.length > 0) throw new InputError(problems);
  return { f, n: none, day: day ?? 0, evs, reg: o.reg, sel: o.sel };
}

// ── evaluateFast / evaluateMany：快速校验 ──
// 为本政策生成的 _fastFacts 与 _fr<实体>/_fl<实体> 一次遍历输入、按字段名直接校验并转换（不查表）；
// 遇到任何不寻常之处（不合格的值、未知的键、非普通对象、稀疏数组、读取时抛出异常……）都抛出 _BAIL，
// 改由完整校验 _validate 处理：它给出与 evaluate 相同的 InputError，或接受快速路径不处理的合格输入
// （原型为 null 的对象、来自另一个 realm 的对象）。
// INVARIANT: 快速路径接受的输入，完整校验也接受，并得到相同的取值（记录编号可以不同，只用于缓存定义）。

/** 快速校验放弃（改用完整校验）。 */
const _BAIL: unique symbol = Symbol('快速校验放弃');

/** 快速校验的状态：下一个记录编号、评估日期（日序）。 */
interface _FastCheck {
  next: number;
  readonly day: number;
}

/** 嵌套对象的深度上限（更深的——包括循环引用——交给完整校验）。 */
const _FAST_DEPTH = 32;

/** Object.prototype 上没有可枚举的属性（快速校验用 for-in 列举自有的键）；否则 _BAIL。 */
function _fproto(): void {
  for (const k in Object.prototype) {
    void k;
    throw _BAIL;
  }
}

const _NO_DOUBTS: readonly _Doubt[] = [];
const _NO_EVENTS: readonly { readonly day: number; readonly ev: 上级政策事件 }[] = [];

/** 一批求值共用的部分（评估日期、事件、选项），只校验一次。 */
interface _Batch {
  /** 评估日期、事件、选项均合格。 */
  readonly ok: boolean;
  readonly problems: readonly 输入问题[];
  readonly date: unknown;
  readonly day: number;
  readonly events: unknown;
  readonly options: unknown;
  readonly evs: readonly { readonly day: number; readonly ev: 上级政策事件 }[];
  readonly reg: 事件登记 | undefined;
  readonly sel: readonly number[] | undefined;
}

let _lastDate: unknown;
let _lastDay = 0;
let _lastBatch: _Batch | undefined;
let _selCache: { readonly names: readonly unknown[]; readonly sel: readonly number[] } | undefined;

/** 常见的选项 { 措施: [措施名…] }（普通对象与数组，措施名合格且不重复）→ 措施序号；其他写法为 undefined（由 _validateOptions 处理）。 */
function _quickSelection(o: unknown): readonly number[] | undefined {
  if (typeof o !== 'object' || o === null) return undefined;
  let a: readonly unknown[];
  let n: number;
  try {
    // INVARIANT: a property read of the object comes before each Object.getPrototypeOf: it gives the
    // optimising compiler the object's map, so that the prototype check is a compare with a constant
    // instead of a call into the runtime (evaluateFast calls this once per row, from _batch). A read that
    // throws (a getter, a Proxy) leaves the options to _validateOptions.
    if ((o as { constructor?: unknown }).constructor !== Object || Object.getPrototypeOf(o) !== Object.prototype) return undefined;
    let keys = 0;
    for (const k in o) {
      // (an inherited enumerable key is not 措施's own: left to _validateOptions)
      if (k !== '措施' || !Object.prototype.hasOwnProperty.call(o, k)) return undefined;
      keys++;
    }
    if (keys !== 1) return undefined;
    const v = (o as Record<string, unknown>)['措施'];
    if (!Array.isArray(v)) return undefined;
    a = v;
    n = v.length;
    if (Object.getPrototypeOf(a) !== Array.prototype) return undefined;
  } catch {
    return undefined;
  }
  const c = _selCache;
  if (c !== undefined && c.names.length === n) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (a[i] !== c.names[i]) {
        same = false;
        break;
      }
    }
    if (same) return c.sel;
  }
  const sel: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x: unknown = a[i];
    const mi = typeof x === 'string' ? _measureIndex(x) : -1;
    if (mi < 0 || sel.indexOf(mi) >= 0) return undefined;
    sel.push(mi);
  }
  _selCache = { names: a.slice(), sel };
  return sel;
}

/**
 * 没有事件：省略，或空的数组（如 evaluateFast(facts, 日期, [], 选项)，每次调用一个新的 []）。两者的结果相同：
 * _validateEvents 读一次长度，没有元素，没有问题，事件为空；_batch 只沿用快速的选项（措施，没有事件登记，不看事件）。
 * 读长度时抛出异常（Proxy）为 false，交给 _validateEvents。不抛出异常。
 */
function _noEvents(events: unknown): boolean {
  if (events === undefined) return true;
  try {
    return Array.isArray(events) && events.length === 0;
  } catch {
    return false;
  }
}

/** 校验一批求值共用的评估日期、事件与选项（问题的写法与 _validate 相同）。 */
function _batch(date: unknown, events: unknown, options: unknown): _Batch {
  // 与上一次相同（同一个评估日期与选项对象，所选措施未变，没有事件）：沿用
  const lb = _lastBatch;
  if (lb !== undefined && lb.date === date && lb.options === options && _noEvents(events) && (options === undefined || (lb.sel !== undefined && _quickSelection(options) === lb.sel))) return lb;
  const problems: 输入问题[] = [];
  let day: number | undefined;
  if (date === _lastDate) day = _lastDay;
  else {
    day = _parseIso(date);
    if (day !== undefined) {
      _lastDate = date;
      _lastDay = day;
    } else problems.push({ 路径: '评估日期', 期望: '日期（YYYY-MM-DD）', 实际: _got(date) });
  }
  const evs = events === undefined ? _NO_EVENTS : _validateEvents(events, problems);
  let reg: 事件登记 | undefined;
  let sel: readonly number[] | undefined;
  let quick = options === undefined;
  if (options !== undefined) {
    sel = _quickSelection(options);
    quick = sel !== undefined;
    if (sel === undefined) {
      const o = _validateOptions(options, events, problems, true);
      reg = o.reg;
      sel = o.sel;
    }
  }
  // no event came through (events omitted, or an array without elements): held as undefined, not as the
  // caller's array — a kept batch must not read what a caller later puts into that array (_rows validates
  // a row that leaves the fast path with the batch's events)
  const none = problems.length === 0 && evs.length === 0;
  const b = { ok: problems.length === 0, problems, date, day: day ?? 0, events: none ? undefined : events, options, evs, reg, sel };
  // INVARIANT: a batch is kept only when no event came through and the options are undefined or a quick
  // selection — so that it answers exactly as a new batch would for any later call with the same date and
  // options and no events (_noEvents)
  if (none && quick) _lastBatch = b;
  return b;
}

/** 一行的事实 → 记录：快速路径，不行则完整校验（抛出 InputError；row 为 evaluateMany 的行号）。返回个案声明不存在的实体。 */
function _rows(facts: unknown, b: _Batch, f: (_Rec | undefined)[], row: number | undefined): readonly boolean[] {
  if (b.ok) {
    try {
      return _fastFacts(facts, b.day, f);
    } catch {
      // 改用完整校验（下面）
    }
  }
  let inp: _Input;
  try {
    inp = _validate(facts, b.date, b.events, b.options, true);
  } catch (e) {
    if (row !== undefined && e instanceof InputError) throw new InputError(e.problems, row);
    throw e;
  }
  for (let i = 0; i < f.length; i++) f[i] = inp.f[i];
  return inp.n;
}

/** evaluateMany 的同步流：每行一个快速决定集，按行的顺序；不合格的行抛出 InputError（带行号）。 */
function* _manySync(rows: Iterable<unknown>, b: _Batch): Generator<快速决定集, void, undefined> {
  let i = 0;
  for (const r of rows) {
    yield _fastOne(r, b, i);
    i++;
  }
}

/** evaluateMany 的异步流（for await：异步可迭代的行，如文件或数据库游标）。 */
async function* _manyAsync(rows: AsyncIterable<unknown>, b: _Batch): AsyncGenerator<快速决定集, void, undefined> {
  let i = 0;
  for await (const r of rows) {
    yield _fastOne(r, b, i);
    i++;
  }
}

/** evaluateMany 的行：同步或异步可迭代的对象（不可迭代时为 undefined）；不抛出异常。 */
function _rowsKind(rows: unknown): 'sync' | 'async' | undefined {
  try {
    if (rows === null || rows === undefined) return undefined;
    const r = rows as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
    if (typeof r[Symbol.asyncIterator] === 'function') return 'async';
    if (typeof r[Symbol.iterator] === 'function') return 'sync';
  } catch {
    return undefined;
  }
  return undefined;
}

// ── 措施的判定 ──

interface _Rule {
  readonly name: string;
  /** 有效期（日序，含两端）。 */
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** 自施行日起算、施行日只知道范围（或未知）时，有效期的起点 / 终点所在的范围 [最早, 最晚, 取决于的施行日]。 */
  readonly fr?: readonly [number, number, string];
  readonly tr?: readonly [number, number, string];
  /** 自施行日起算的有效期的原文写法（用于说明）。 */
  readonly vt?: string;
  /** 本规则作为例外所优先于的规则（本措施内的序号）。 */
  readonly overrides: readonly number[];
  readonly cond: (c: _Ctx) => boolean | null;
  readonly trace: (c: _Ctx, out: 条件追踪[]) => void;
  /** 规则不适用时：不成立的条件（no）与取值未知的条件（unk）的原文。 */
  readonly unmet: (c: _Ctx, no: string[], unk: string[]) => void;
  /** 条件的解释会计算条件本身可能跳过的日期运算（可能抛出异常）：evaluateFast 也要计算。 */
  readonly risky: boolean;
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
  /** 对象（实体名）及其序号（-1：未声明）。 */
  readonly subject: string | undefined;
  readonly subjectIndex: number;
  readonly recipient: string | undefined;
  /** 申请条件：措施名及其序号（-1：不是可计算的措施）。 */
  readonly application: { readonly name: string; readonly index: number } | undefined;
  readonly outcomes: readonly _Outcome[];
  readonly rules: readonly _Rule[];
  /** 某个表达式引用本措施的结果（措施.结果）。 */
  readonly read: boolean;
  /** evaluateFast 的判定（为本措施生成的专用代码）：与 evaluate 相同的状态与取值（及可领取），不生成解释；确定的取值记入 raw。 */
  readonly fast: (s: _Scope, raw: (_Val | undefined)[]) => 快速决定;
}

function _has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** 评估日是否在规则的有效期内（含两端）；起止自不确定的施行日起算而评估日落在其范围之内时为 null（未知）。 */
function _inForce(r: _Rule, day: number): boolean | null {
  if ((r.from !== undefined && day < r.from) || (r.to !== undefined && day > r.to)) return false;
  if ((r.fr !== undefined && day < r.fr[0]) || (r.tr !== undefined && day > r.tr[1])) return false;
  if ((r.fr !== undefined && day < r.fr[1]) || (r.tr !== undefined && day > r.tr[0])) return null;
  return true;
}

/** 规则的有效期（说明用）：确定的一端写日期，自不确定的施行日起算的一端写范围。 */
function _validityText(r: _Rule): string {
  const end = (d: number | undefined, x: readonly [number, number, string] | undefined): string =>
    d !== undefined ? _iso(d) : x !== undefined ? (x[2].endsWith('（原文未载明）') ? '未知' : _iso(x[0]) + '—' + _iso(x[1]) + ' 之间') : '…';
  const text = end(r.from, r.fr) + ' 至 ' + end(r.to, r.tr);
  return r.vt !== undefined ? r.vt + '：' + text : text;
}

function _outcomeValue(o: _Outcome, v: _Val): { readonly 值: number | boolean | string; readonly 单位: string; readonly 分?: number } {
  if (o.kind === 'm') return { 值: _fen(v as number), 单位: '元', 分: v as number };
  if (o.kind === 'r') return { 值: _pct(v as string) + '%', 单位: '%' };
  if (o.kind === 'd') return { 值: _iso(v as number), 单位: '日期' };
  return { 值: v, 单位: o.unit };
}

/** 给出结果的规则：适用或未知、且未被另一条确定适用的例外规则排除的规则。 */
function _winners(m: _Measure, o: _Outcome, applies: readonly (boolean | null)[]): number[] {
  const live = o.rules.filter((i) => applies[i] !== false);
  return live.filter((i) => !live.some((j) => j !== i && applies[j] === true && (m.rules[j] as _Rule).overrides.indexOf(i) >= 0));
}

/** 判断几个取值是否彼此不同（与参考解释器一样按 JSON 比较）。 */
function _differ(vs: readonly _V[]): boolean {
  if (vs.length < 2) return false;
  const k0 = _key(vs[0] as _V);
  for (let i = 1; i < vs.length; i++) if (_key(vs[i] as _V) !== k0) return true;
  return false;
}

function _key(v: _V): string {
  if (v instanceof _Iv) return JSON.stringify({ kind: 'interval', lo: v.lo, hi: v.hi, why: v.why });
  if (v !== null && typeof v === 'object') {
    return 'items' in v
      ? JSON.stringify({ kind: 'list', items: v.items.map(() => ({})), path: v.path })
      : JSON.stringify({ kind: 'entity', rec: {}, path: v.path });
  }
  return JSON.stringify(v);
}

/** 不被任何表达式引用其结果的措施在 evaluateFast 中的取值（写入后不再读）。 */
const _SINK: (_Val | undefined)[] = [];

/** 正在判定中的措施（_Scope.done）。 */
const _BUSY: _Done = { 状态: '存疑', raw: [], full: undefined, fast: undefined };

/** 一项措施（已判定则取缓存；正在判定中——循环引用——为 undefined）。 */
function _measure(s: _Scope, i: number): _Done | undefined {
  const hit = s.done[i];
  if (hit !== undefined) return hit === _BUSY ? undefined : hit;
  const m = _MEASURES[i];
  if (m === undefined) return undefined;
  s.done[i] = _BUSY;
  // evaluateFast: a measure whose outcomes no expression reads keeps no values
  const raw: (_Val | undefined)[] = s.full || m.read ? [] : _SINK;
  let done: _Done;
  if (s.full) {
    const d = _judge(m, s, raw);
    done = { 状态: d.状态, raw, full: m.application === undefined ? d : { ...d, ..._claim(d, m.application, s) }, fast: undefined };
  } else {
    const d = m.fast(s, raw);
    done = { 状态: d.状态, raw, full: undefined, fast: d };
  }
  s.done[i] = done;
  return done;
}

/** 正文的待遇与申请条件合并：两者均适用才可领取；任一不适用则不可领取；否则存疑（未生效、已废止照旧）。 */
function _join(main: 状态, app: 状态): 状态 {
  if (main === '未生效' || main === '已废止') return main;
  if (main === '不适用' || app === '不适用') return '不适用';
  return main === '适用' && app === '适用' ? '适用' : '存疑';
}

/** 申请条件（附件）及可领取的待遇。 */
function _claim(main: 决定, app: { readonly name: string; readonly index: number }, s: _Scope): Pick<决定, '申请' | '可领取'> {
  const ad = _measure(s, app.index)?.full;
  const a: 状态 = ad?.状态 ?? '存疑';
  const both = _join(main.状态, a);
  return {
    申请: {
      措施: app.name, 状态: a, 条款: ad !== undefined ? { 锚点: ad.条款.锚点, 标签: ad.条款.标签 } : { 锚点: '', 标签: '' },
      ...(ad !== undefined ? { 理由: ad.理由 } : {}),
    },
    可领取: { 状态: both, 结果: both === '适用' ? main.结果 : {} },
  };
}

/**
 * 一项决定，字段按固定顺序逐个写入（措施、条款、对象、发放对象、牵头单位、责任单位、存疑、状态、结果、理由、规则、
 * 问题、缺少、定义）——带条件的对象展开比一项小措施的其余求值还慢。顺序与解释器相同。
 */
function _decision(m: _Measure, status: 状态, results: Record<string, 结果值>, reasons: string[], traces: 规则追踪[], problems?: 结果问题[], miss?: string[], defs?: 定义追踪[]): 决定 {
  const clause: Record<string, unknown> = {};
  for (const k of Object.keys(m.clause)) clause[k] = (m.clause as unknown as Record<string, unknown>)[k];
  clause['原文'] = m.clause.原文.slice();
  const d: Record<string, unknown> = { 措施: m.name, 条款: clause };
  if (m.subject !== undefined) d['对象'] = m.subject;
  if (m.recipient !== undefined) d['发放对象'] = m.recipient;
  d['牵头单位'] = m.lead.slice();
  d['责任单位'] = m.responsible.slice();
  if (m.doubts !== undefined) d['存疑'] = m.doubts.map((x) => ({ ...x }));
  d['状态'] = status;
  d['结果'] = results;
  d['理由'] = reasons;
  d['规则'] = traces;
  if (problems !== undefined && problems.length > 0) d['问题'] = problems;
  if (miss !== undefined && miss.length > 0) d['缺少'] = miss;
  if (defs !== undefined && defs.length > 0) d['定义'] = defs;
  return d as unknown as 决定;
}

/** evaluate 的判定：状态、结果、理由、每条规则的解释、问题、缺少的事实、用到的定义。 */
function _judge(m: _Measure, s: _Scope, raw: (_Val | undefined)[]): 决定 {
  if (s.status0 !== undefined) return _decision(m, s.status0, {}, [s.status0 === '已废止' ? '政策已废止' : '政策尚未生效'], []);
  if (m.subject !== undefined && s.n[m.subjectIndex] === true) return _decision(m, '不适用', {}, ['输入声明没有「' + m.subject + '」'], []);
  // 对象不在输入中：不知道是否存在——其事实均为未知，本会给予待遇的措施为“存疑”
  const unknownSubject = m.subject !== undefined && s.f[m.subjectIndex] === undefined;
  const defs = new Map<string, 定义追踪>();
  const missAll = new Set<string>();
  const traces: 规则追踪[] = [];
  const applies: (boolean | null)[] = [];
  for (const r of m.rules) {
    let a: boolean | null;
    let note: string | undefined;
    const conds: 条件追踪[] = [];
    const no: string[] = [];
    const unk: string[] = [];
    const inForce = _inForce(r, s.day);
    if (inForce === false) {
      a = false;
      note = '不在有效期内（' + _validityText(r) + '）';
    } else {
      const c = _ctx(s, defs);
      a = r.cond(c);
      r.trace(c, conds);
      const miss = c.miss as Set<string>;
      // 有效期未知（自不确定的施行日起算）：条件不成立时不适用，否则适用与否未知，缺少的是施行日
      if (inForce === null && a !== false) {
        a = null;
        const why: string[] = [];
        for (const x of [r.fr, r.tr]) if (x !== undefined) { miss.add(x[2]); if (!why.includes(x[2])) why.push(x[2]); }
        note = '可能不在有效期内（' + _validityText(r) + '）：取决于' + why.join('、');
      } else if (a === null) note = '缺少事实：' + Array.from(miss).join('、');
      for (const x of miss) missAll.add(x);
      if (a !== true) r.unmet(c, no, unk);
    }
    applies.push(a);
    traces.push({
      规则: r.name, 适用: a, 条件: conds, ...(note !== undefined ? { 说明: note } : {}),
      ...(no.length > 0 ? { 未满足: no } : {}), ...(unk.length > 0 ? { 未知: unk } : {}),
    });
  }
  const results: Record<string, 结果值> = {};
  const reasons: string[] = unknownSubject ? [_absentSubject(m.subject as string)] : [];
  const problems: 结果问题[] = [];
  const names = (xs: readonly number[]): string[] => xs.map((i) => (m.rules[i] as _Rule).name);
  let doubtful = false;
  for (let k = 0; k < m.outcomes.length; k++) {
    const o = m.outcomes[k] as _Outcome;
    const winners = _winners(m, o, applies);
    const sure = winners.filter((i) => applies[i] === true);
    const unsure = winners.filter((i) => applies[i] === null);
    if (unsure.length > 0) {
      doubtful = true;
      reasons.push('结果“' + o.name + '”取决于缺少的事实（规则 ' + names(unsure).join('、') + '）');
      problems.push({ 类别: '未知', 结果: o.name, 规则: names(unsure) });
    }
    if (sure.length === 0) {
      if (o.required && unsure.length === 0) {
        doubtful = true;
        reasons.push('缺口：必须定义的结果“' + o.name + '”没有适用的规则');
        problems.push({ 类别: '缺口', 结果: o.name, 规则: [] });
      }
      continue;
    }
    const vals = sure.map((i) => {
      const r = m.rules[i] as _Rule;
      const c = _ctx(s, defs);
      const v = (r.values[k] as (c: _Ctx) => _V)(c);
      for (const x of c.miss as Set<string>) missAll.add(x);
      return { name: r.name, v, used: c.used as Set<string> };
    });
    if (_differ(vals.map((x) => x.v))) {
      doubtful = true;
      reasons.push('矛盾：结果“' + o.name + '”由规则 ' + vals.map((x) => x.name + '=' + (x.v === null ? '未知' : _show(o.kind, o.unit, x.v))).join('、') + ' 同时给出不同的值，且没有优先关系');
      problems.push({ 类别: '矛盾', 结果: o.name, 规则: vals.map((x) => x.name) });
      continue;
    }
    const v = (vals[0] as (typeof vals)[number]).v;
    if (v === null || typeof v === 'object') {
      doubtful = true;
      reasons.push('结果“' + o.name + '”的值取决于' + (v instanceof _Iv ? '不确定的日期：' + v.why : '缺少的事实'));
      if (v instanceof _Iv) missAll.add(v.why);
      problems.push({ 类别: '未知', 结果: o.name, 规则: vals.map((x) => x.name) });
      continue;
    }
    // INVARIANT: a value that depends on a rule whose applicability is unknown is shown but
    // never handed to other measures (措施.结果)
    if (unsure.length === 0 && !unknownSubject) raw[k] = v;
    const unconfirmed: string[] = [];
    for (const x of vals) for (const p of x.used) if (unconfirmed.indexOf(p) < 0) unconfirmed.push(p);
    unconfirmed.sort();
    const ruleNames = vals.map((x) => x.name);
    results[o.name] = {
      ..._outcomeValue(o, v),
      规则: ruleNames,
      ...(o.period !== undefined ? { 周期: o.period } : {}),
      ...(unconfirmed.length > 0 ? { 未确认参数: unconfirmed } : {}),
    };
    reasons.push('规则 ' + ruleNames.join('、') + ' 适用：' + o.name + ' = ' + _show(o.kind, o.unit, v) + (o.period !== undefined ? '（' + o.period + '）' : ''));
  }
  let status: 状态 = doubtful ? '存疑' : Object.keys(results).length > 0 ? '适用' : '不适用';
  if (status === '不适用') reasons.push('没有适用的规则');
  // 对象可能不存在：本会给予的待遇照常列出，措施为“存疑”
  if (unknownSubject && status !== '不适用') {
    missAll.add(m.subject as string);
    if (status === '适用') {
      status = '存疑';
      for (const o of m.outcomes) if (_has(results, o.name)) problems.push({ 类别: '未知', 结果: o.name, 规则: (results[o.name] as 结果值).规则 });
    }
  }
  // 政策在评估日期可能尚未施行或已废止：会给予待遇的措施存疑，本就不给的仍不适用
  const inForceDoubt = s.doubts.length > 0 && status !== '不适用';
  for (const d of s.doubts) {
    if (status !== '不适用') {
      reasons.push(d.text + '：' + d.ifSo);
      for (const x of d.miss) missAll.add(x);
    } else reasons.push('（' + d.text + '；无论如何均无待遇）');
  }
  if (inForceDoubt && status === '适用') {
    status = '存疑';
    for (const o of m.outcomes) if (_has(results, o.name)) problems.push({ 类别: '未知', 结果: o.name, 规则: (results[o.name] as 结果值).规则 });
  }
  return _decision(m, status, inForceDoubt ? {} : results, reasons, traces, problems, status === '存疑' && missAll.size > 0 ? Array.from(missAll).sort() : undefined, Array.from(defs.values()));
}

/** 对象不在输入中时的理由。 */
function _absentSubject(subject: string): string {
  return '输入中没有「' + subject + '」：不知道是否存在，其事实均为未知（若确实没有，写 ' + subject + ': ' + _NONEXISTENT + '）';
}
`;

const ROOT = String.raw`
/** 输入中的实体（实体的唯一实例）；没有时记入缺少并返回 null。 */
function _root(c: _Ctx, e: number, name: string): _Rec | null {
  const r = c.s.f[e];
  if (r === undefined) {
    c.miss?.add(c.s.n[e] === true ? name + '（输入声明没有「' + name + '」）' : name);
    return null;
  }
  return r;
}
`;

const FIELD = String.raw`
/** 输入中实体的字段；实体或字段缺少时记入缺少（"实体.字段"）并返回 null（未知）。 */
function _field(c: _Ctx, e: number, f: number, path: string): _Val | _Rec | _List | null {
  const r = c.s.f[e];
  if (r === undefined) {
    c.miss?.add(c.s.n[e] === true ? path + '（输入声明没有「' + (_ENTITIES[e] as _Entity).name + '」）' : path);
    return null;
  }
  const v = r.v[f];
  if (v === undefined) {
    c.miss?.add(path);
    return null;
  }
  return v;
}
`;

const GET = String.raw`
/** 记录的字段；缺少时记入缺少（记录的路径 + 字段名）并返回 null。 */
function _get(c: _Ctx, r: _Rec, f: number, name: string): _Val | _Rec | _List | null {
  const v = r.v[f];
  if (v === undefined) {
    c.miss?.add(r.path + '.' + name);
    return null;
  }
  return v;
}
`;

const DEF = String.raw`
// ── 定义（按实例缓存：每次求值中每个实例只算一次）──

interface _Def {
  readonly name: string;
  readonly kind: _Kind;
  readonly unit: string;
  /** 条款标签与定义自己的原文（用于解释）。 */
  readonly label: string | undefined;
  readonly quotes: readonly string[] | undefined;
  readonly f: (c: _Ctx, self: _Rec | null) => _V;
}

/** 定义 i 在实例 self（全局定义为 null）上的取值；其缺少的事实、未确认参数与用到的定义转告调用者。 */
function _def(c: _Ctx, i: number, self: _Rec | null): _V {
  const d = _DEFS[i] as _Def;
  const s = c.s;
  if (!s.full) {
    // evaluateFast：只缓存取值（不收集说明）
    if (s.rm && self !== null) {
      const slots = self.v as (_V | undefined)[];
      const slot = _DEF_SLOT[i] as number;
      let v = slots[slot];
      if (v === undefined) {
        v = d.f(c, self);
        slots[slot] = v;
      }
      return v;
    }
    const key = (self === null ? 0 : self.id) * _DEFS.length + i;
    let v = s.fm[key];
    if (v === undefined) {
      v = d.f(c, self);
      s.fm[key] = v;
    }
    return v;
  }
  let memo = s.memo[i];
  if (memo === undefined) memo = s.memo[i] = [];
  const id = self === null ? 0 : self.id;
  let hit = memo[id];
  if (hit === undefined) {
    const miss = new Set<string>();
    const used = new Set<string>();
    const defs = new Map<string, 定义追踪>();
    const v = d.f({ s, ev: c.ev, evDay: c.evDay, miss, used, defs }, self);
    hit = { v, miss: Array.from(miss), used: Array.from(used), defs: Array.from(defs.values()) };
    memo[id] = hit;
  }
  if (c.miss !== undefined) for (const x of hit.miss) c.miss.add(x);
  if (c.used !== undefined) for (const x of hit.used) c.used.add(x);
  if (c.defs !== undefined) {
    for (const t of hit.defs) c.defs.set((t.实例 ?? '') + '\u0000' + t.定义, t);
    const at = self === null ? undefined : self.path;
    c.defs.set((at ?? '') + '\u0000' + d.name, {
      定义: d.name, 值: _show(d.kind, d.unit, hit.v), ...(at !== undefined ? { 实例: at } : {}),
      ...(d.label !== undefined ? { 条款: d.label } : {}), ...(d.quotes !== undefined ? { 原文: d.quotes } : {}),
    });
  }
  return hit.v;
}
`;

const RATIO = String.raw`
// ── 比例运算（精确）──

/** 比例相加（sign = 1n）或相减（sign = -1n）。 */
function _qAdd(a: string | number, b: string | number, sign: bigint): string {
  const [an, ad] = _q(a);
  const [bn, bd] = _q(b);
  return _qText(an * bd + sign * bn * ad, ad * bd);
}
`;

const RATIO_NEG = String.raw`
function _qNeg(a: string): string {
  const [n, d] = _q(a);
  return _qText(-n, d);
}
`;

const RATIO_MUL = String.raw`
/** 比例（或整数）相乘，精确。 */
function _qMul(a: string | number, b: string | number): string {
  const [an, ad] = _q(a);
  const [bn, bd] = _q(b);
  return _qText(an * bn, ad * bd);
}
`;

const RATIO_CMP = String.raw`
/** 比较两个比例：负、零、正。 */
function _qCmp(a: string, b: string): number {
  const [an, ad] = _q(a);
  const [bn, bd] = _q(b);
  const t = an * bd - bn * ad;
  return t > 0n ? 1 : t < 0n ? -1 : 0;
}
`;

const ROUND = String.raw`
/** n/d 四舍五入（.5 远离零）为整数。INVARIANT: d > 0。 */
function _round(n: bigint, d: bigint): number {
  const a = n < 0n ? -n : n;
  const r = Number((2n * a + d) / (2n * d));
  return n < 0n && r !== 0 ? -r : r;
}
`;

const MUL_ROUND = String.raw`
/** 金额、时长乘比例：精确乘积四舍五入到整数（分、天……）。 */
function _mulRound(a: string | number, b: string | number): number {
  const [an, ad] = _q(a);
  const [bn, bd] = _q(b);
  return _round(an * bn, ad * bd);
}
`;

const DIV = String.raw`
/** a ÷ b：除数为 0 时未知并说明（divisor：除数的写法）；ratio 为真时结果是精确比例，否则四舍五入（.5 远离零）为整数。 */
function _div(c: _Ctx, a: string | number, b: string | number, ratio: boolean, divisor: string): string | number | null {
  const [an, ad] = _q(a);
  const [bn, bd] = _q(b);
  if (bn === 0n) {
    c.miss?.add('除数“' + divisor + '”为零，无法相除');
    return null;
  }
  let n = an * bd;
  let d = ad * bn;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  return ratio ? _qText(n, d) : _round(n, d);
}
`;

const IV = String.raw`
// ── 区间（不确定的日期）──

/** [a, b]（a = b 时就是这个数）。 */
function _iv(a: number, b: number, why: string): number | _Iv {
  return a === b ? a : new _Iv(Math.min(a, b), Math.max(a, b), why);
}
`;

const WHY = String.raw`
/** 取值中的不确定日期的说明（去重，以「、」连接）。 */
function _why(...vs: readonly unknown[]): string {
  const out: string[] = [];
  for (const v of vs) if (v instanceof _Iv && out.indexOf(v.why) < 0) out.push(v.why);
  return out.join('、');
}
`;

const LOHI = String.raw`
function _lo(v: number | _Iv): number {
  return typeof v === 'number' ? v : v.lo;
}

function _hi(v: number | _Iv): number {
  return typeof v === 'number' ? v : v.hi;
}
`;

const IV_ADD = String.raw`
function _ivAdd(a: number | _Iv, b: number | _Iv): number | _Iv {
  if (typeof a === 'number' && typeof b === 'number') return a + b || 0;
  return _iv(_lo(a) + _lo(b), _hi(a) + _hi(b), _why(a, b));
}
`;

const IV_SUB = String.raw`
function _ivSub(a: number | _Iv, b: number | _Iv): number | _Iv {
  if (typeof a === 'number' && typeof b === 'number') return a - b || 0;
  return _iv(_lo(a) - _hi(b), _hi(a) - _lo(b), _why(a, b));
}
`;

const IV_NEG = String.raw`
function _ivNeg(x: number | _Iv): number | _Iv {
  return typeof x === 'number' ? -x || 0 : _iv(-x.hi, -x.lo, x.why);
}
`;

const IV_DAYS = String.raw`
/** 两个日期相差的天数（后者减前者）。 */
function _ivDays(a: number | _Iv, b: number | _Iv): number | _Iv {
  return _iv(_lo(b) - _hi(a), _hi(b) - _lo(a), _why(a, b));
}
`;

const IV_MUL = String.raw`
/** 区间乘一个数；两边都是区间（或另一边是比例）时未知，记入缺少。 */
function _ivMul(c: _Ctx, a: number | _Iv | string, b: number | _Iv | string): number | _Iv | null {
  if (typeof a !== 'number' && typeof b !== 'number') {
    c.miss?.add(_why(a, b));
    return null;
  }
  const n = typeof a === 'number' ? a : (b as number);
  const r = (typeof a === 'number' ? b : a) as _Iv;
  return _iv(r.lo * n, r.hi * n, r.why);
}
`;

const IV_CMP = String.raw`
/** 比较（含区间）：整个区间都满足才为真、都不满足才为假，否则未知并记入缺少。 */
function _ivCmp(c: _Ctx, op: string, a: number | _Iv, b: number | _Iv): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '>=': return a >= b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '<': return a < b;
      case '=': return a === b;
      default: return a !== b;
    }
  }
  return _ivCmpRange(c, op, a, b) as boolean;
}

function _ivCmpRange(c: _Ctx, op: string, a: number | _Iv, b: number | _Iv): boolean | null {
  const al = _lo(a);
  const ah = _hi(a);
  const bl = _lo(b);
  const bh = _hi(b);
  let r: boolean | null;
  switch (op) {
    case '>=': r = al >= bh ? true : ah < bl ? false : null; break;
    case '>': r = al > bh ? true : ah <= bl ? false : null; break;
    case '<=': r = ah <= bl ? true : al > bh ? false : null; break;
    case '<': r = ah < bl ? true : al >= bh ? false : null; break;
    case '=': r = ah < bl || bh < al ? false : null; break;
    default: r = ah < bl || bh < al ? true : null; break;
  }
  if (r === null) c.miss?.add(_why(a, b));
  return r;
}
`;

const IV_AGE = String.raw`
/** 年龄（出生日期可能是区间：年龄随出生日期不增）；出生日可能晚于评估日期时未知。 */
function _ivAge(c: _Ctx, b: number | _Iv, years: boolean): number | _Iv | null {
  const day = c.s.day;
  const a1 = years ? _years(_hi(b), day) : _months(_hi(b), day);
  const a2 = years ? _years(_lo(b), day) : _months(_lo(b), day);
  if (a1 === null || a2 === null) {
    if (b instanceof _Iv) c.miss?.add(b.why + '（可能晚于评估日期）');
    return null;
  }
  return b instanceof _Iv ? _iv(a1, a2, b.why) : a1;
}
`;

const IV_ADD_MONTHS = String.raw`
/** 日期（可能是区间）加减月数（可能是区间）：取四角的最早与最晚。 */
function _ivAddMonths(d: number | _Iv, n: number | _Iv, sign: number): number | _Iv {
  if (typeof d === 'number' && typeof n === 'number') return _addMonths(d, sign * n);
  const xs = [_addMonths(_lo(d), sign * _lo(n)), _addMonths(_lo(d), sign * _hi(n)), _addMonths(_hi(d), sign * _lo(n)), _addMonths(_hi(d), sign * _hi(n))];
  return _iv(Math.min(...xs), Math.max(...xs), _why(d, n));
}
`;

const NTH = String.raw`
/** 按键升序（键相同保持列表顺序）的第 n 个（自 1 起）在列表中的序号。 */
function _nth(keys: readonly (number | string)[], n: number, ratio: boolean): number {
  const order = keys.map((_k, i) => i);
  order.sort((x, y) => {
    const a = keys[x] as number | string;
    const b = keys[y] as number | string;
    const d = ratio ? _qCmp(a as string, b as string) : a < b ? -1 : a > b ? 1 : 0;
    return d !== 0 ? d : x - y;
  });
  return order[n - 1] as number;
}
`;

const APPLIES = String.raw`
// ── 引用其他措施（适用（措施）、措施.结果）──

/** 措施 i 是否适用：存疑时未知并记入缺少。 */
function _applies(c: _Ctx, i: number, name: string): boolean | null {
  const d = _measure(c.s, i);
  if (d === undefined) return null;
  if (d.状态 === '存疑') {
    c.miss?.add('措施「' + name + '」是否适用（存疑）');
    return null;
  }
  return d.状态 === '适用';
}
`;

const OUTCOME = String.raw`
/** 措施 i 的结果 k 的确定取值；没有时未知并记入缺少。 */
function _outcome(c: _Ctx, i: number, k: number, name: string, outcome: string): _Val | null {
  const d = _measure(c.s, i);
  if (d === undefined) return null;
  const v = d.raw[k];
  if (v === undefined) {
    c.miss?.add('措施「' + name + '」的结果「' + outcome + '」（该措施' + d.状态 + '）');
    return null;
  }
  return v;
}
`;

const ASSUME = String.raw`
// ── 前提（假定）──

interface _Assumption {
  readonly name: string;
  readonly note: string | undefined;
  readonly cond: (c: _Ctx) => boolean | null;
}

/** 输入违反的前提（条件为假；未知不算违反）。 */
function _violated(s: _Scope): readonly _Assumption[] {
  let out: _Assumption[] | undefined;
  for (let i = 0; i < _ASSUMPTIONS.length; i++) {
    const a = _ASSUMPTIONS[i] as _Assumption;
    if (a.cond(_ctx(s, undefined)) === false) (out ??= []).push(a);
  }
  return out ?? _NO_ASSUMPTIONS;
}

const _NO_ASSUMPTIONS: readonly _Assumption[] = [];
`;

const QTRACE = String.raw`
/** 量词的解释："3个，满足 2 个（第1、3个），不满足 1 个（第2个）"。 */
function _quantShow(n: number, yes: readonly number[], no: readonly number[], unknown: readonly number[]): string {
  const part = (label: string, xs: readonly number[]): string => (xs.length > 0 ? '，' + label + ' ' + String(xs.length) + ' 个（第' + xs.join('、') + '个）' : '');
  return String(n) + '个' + part('满足', yes) + part('不满足', no) + part('未知', unknown);
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
  if (!Number.isInteger(months)) throw new RangeError('月数必须是整数，这里是' + String(months));
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  if (!(ny >= 1 && ny <= 9999)) throw new RangeError('日期加减月数后超出公元1年至9999年的范围');
  return _day(ny, nm, Math.min(d, _monthDays(ny, nm)));
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

/**
 * 工作日期限：start 之后的第 n 个工作日（start 当日不计）。需要工作日历未覆盖的年份时抛出
 * CalendarCoverageError（整个求值失败，绝不按周一至周五推测）。
 */
function _workday(c: _Ctx, start: number, n: number): number | null {
  if (n < 1) return start;
  const from = _chineseDate(start);
  if (!Number.isSafeInteger(n)) {
    c.miss?.add('“n个工作日内”的n必须是正整数，这里是' + String(n));
    return null;
  }
  const first = _day(_WORKDAY_FIRST_YEAR, 1, 1);
  const last = _day(_WORKDAY_LAST_YEAR, 12, 31);
  let day = start;
  let remaining = n;
  while (remaining > 0) {
    day++;
    if (day < first || day > last) {
      const year = day > _MAX_DAY ? 10000 : _civil(day)[0];
      throw new CalendarCoverageError(year, { firstYear: _WORKDAY_FIRST_YEAR, lastYear: _WORKDAY_LAST_YEAR },
        '没有' + String(year) + '年的法定节假日和调休安排数据（chinese-days 只覆盖' + String(_WORKDAY_FIRST_YEAR) + '年至' + String(_WORKDAY_LAST_YEAR) + '年），无法计算' + from + '起' + String(n) + '个工作日内的期限');
    }
    if (_isWorkday(day)) remaining--;
  }
  return day;
}

/** 工作日期限（起始日可能是区间；工作日数须是确定的数）。 */
function _workdays(c: _Ctx, start: number | _Iv | null, n: unknown): number | _Iv | null {
  if (start === null || typeof n !== 'number') return null;
  if (typeof start === 'number') return _workday(c, start, n);
  const a = _workday(c, start.lo, n);
  const b = _workday(c, start.hi, n);
  return a === null || b === null ? null : _iv(a, b, start.why);
}
`;

const FAST_DATE = String.raw`
/**
 * 严格的 "YYYY-MM-DD"、不晚于评估日期 → 日序；否则 _BAIL。与 _parseIso 同一规则，不用正则表达式；
 * 整数运算（年 ≥ 1，故除法取整即截断），不调用 _day / _monthDays。
 */
function _fdate(v: unknown, day: number): number {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) throw _BAIL;
  const y1 = v.charCodeAt(0) - 48;
  const y2 = v.charCodeAt(1) - 48;
  const y3 = v.charCodeAt(2) - 48;
  const y4 = v.charCodeAt(3) - 48;
  const m1 = v.charCodeAt(5) - 48;
  const m2 = v.charCodeAt(6) - 48;
  const d1 = v.charCodeAt(8) - 48;
  const d2 = v.charCodeAt(9) - 48;
  // every digit in 0..9: (x >>> 0) > 9 is true for negatives too
  if ((y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (y4 >>> 0) > 9 || (m1 >>> 0) > 9 || (m2 >>> 0) > 9 || (d1 >>> 0) > 9 || (d2 >>> 0) > 9) throw _BAIL;
  const y = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const mo = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 1 || mo < 1 || mo > 12 || d < 1) throw _BAIL;
  const leap = (y & 3) === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31)) throw _BAIL;
  const p = y - 1;
  const n = 365 * p + ((p / 4) | 0) - ((p / 100) | 0) + ((p / 400) | 0) + (_DAYS_BEFORE_MONTH[mo - 1] as number) + (mo > 2 && leap ? 1 : 0) + d - 1 + _MIN_DAY;
  if (n > day) throw _BAIL;
  return n;
}
`;

const FFEN = String.raw`
// evaluateFast 的金额显示值：上一次的输入与结果（连续的行常给出同一金额），不重算、不分配
let _fenIn = 0;
let _fenOut = '0.00';

/** 分 → "1234.50"（同 _fen；与上一次相同时沿用其结果）。 */
function _ffen(v: number): string {
  if (v !== _fenIn) {
    _fenOut = _fen(v);
    _fenIn = v;
  }
  return _fenOut;
}
`;

const FPCT = String.raw`
// evaluateFast 的比例显示值：上一次的输入与结果（连续的行常给出同一比例），不做 BigInt 运算
let _pctIn = ''; // no ratio is written ''
let _pctOut = '';

/** 比例 "n/d" → "50%"（同 _pct(r) + '%'；与上一次相同时沿用其结果）。 */
function _fpct(r: string): string {
  if (r !== _pctIn) {
    _pctOut = _pct(r) + '%';
    _pctIn = r;
  }
  return _pctOut;
}
`;

const PARAM_TABLE = String.raw`
/** 外部参数的取值表（YAML）：[起始日序, 值（比例为 "n/d"）, 已确认]，按起始日顺序。 */
interface _Param {
  readonly name: string;
  readonly values: readonly (readonly [number, number | string, boolean])[];
}
`;

const PARAM = String.raw`
/** 外部参数：按 YAML 中的顺序取起始日不晚于评估日期的最后一个值。 */
function _param(c: _Ctx, p: _Param): number | string | null {
  let hit: readonly [number, number | string, boolean] | undefined;
  for (const v of p.values) if (v[0] <= c.s.day) hit = v;
  if (hit === undefined) {
    c.miss?.add('参数 ' + p.name + '（' + _iso(c.s.day) + ' 无取值）');
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
/** 政策的失效：确定使其废止的最早事件（起算：当日 / 次日），以及在此之前可能使其废止的最早事件
 * （失效条件未知，例如与只知道范围的施行日比较）及其取决于什么。 */
function _voidStatus(inp: _Input): {
  readonly void?: { readonly day: number; readonly ev: 上级政策事件 };
  readonly maybe?: { readonly day: number; readonly ev: 上级政策事件; readonly miss: readonly string[] };
} {
  let best: { readonly day: number; readonly ev: 上级政策事件 } | undefined;
  let maybe: { readonly day: number; readonly ev: 上级政策事件; readonly miss: readonly string[] } | undefined;
  const s = _scope(inp.f, inp.n, inp.day, false, undefined, []);
  for (const e of inp.evs) {
    const miss = new Set<string>();
    const c: _Ctx = { s, ev: { ...e.ev }, evDay: e.day, miss, used: undefined, defs: undefined };
    const r = _sunsetCondition(c);
    const day = e.day + _SUNSET_OFFSET;
    if (r === true && (best === undefined || day < best.day)) best = { day, ev: e.ev };
    if (r === null && (maybe === undefined || day < maybe.day)) maybe = { day, ev: e.ev, miss: Array.from(miss).sort() };
  }
  return {
    ...(best !== undefined ? { void: best } : {}),
    ...(maybe !== undefined && (best === undefined || maybe.day < best.day) ? { maybe } : {}),
  };
}

/** 没有事件时的 _voidStatus。 */
const _NO_VOID: ReturnType<typeof _voidStatus> = {};

/** 可能使政策废止的事件（评估日期已过其可能的废止日期）：疑问的说明。 */
function _voidDoubt(m: { readonly day: number; readonly ev: 上级政策事件; readonly miss: readonly string[] }): _Doubt {
  const what = m.ev.标题 ?? m.ev.级别 + '级' + m.ev.类别;
  return {
    text: '本政策可能已于' + _iso(m.day) + '废止（事件“' + what + '”是否触发失效取决于：' + (m.miss.length > 0 ? m.miss.join('、') : '未知的事实') + '）',
    ifSo: '若已废止则不适用',
    miss: m.miss,
  };
}
`;

const CHUNKS: readonly (readonly [RuntimeFeature | 'core' | 'ageNote' | 'round', string])[] = [
  ['core', CORE], ['root', ROOT], ['field', FIELD], ['get', GET], ['def', DEF], ['ratio', RATIO], ['ratioNeg', RATIO_NEG], ['ratioMul', RATIO_MUL],
  ['ratioCmp', RATIO_CMP], ['round', ROUND], ['mulRound', MUL_ROUND], ['div', DIV], ['iv', IV], ['why', WHY], ['lohi', LOHI],
  ['ivAdd', IV_ADD], ['ivSub', IV_SUB], ['ivNeg', IV_NEG], ['ivDays', IV_DAYS], ['ivMul', IV_MUL], ['ivCmp', IV_CMP], ['ageNote', AGE_NOTE],
  ['ageMonths', AGE_MONTHS], ['ageYears', AGE_YEARS], ['ivAge', IV_AGE], ['addMonths', ADD_MONTHS], ['ivAddMonths', IV_ADD_MONTHS],
  ['nth', NTH], ['qtrace', QTRACE], ['applies', APPLIES], ['outcome', OUTCOME], ['assume', ASSUME], ['workdays', WORKDAYS], ['paramTable', PARAM_TABLE], ['param', PARAM], ['fastDate', FAST_DATE], ['ffen', FFEN], ['fpct', FPCT],
  ['event', EVENT], ['sunset', SUNSET],
];

/** Features that need others (closed transitively by `runtimeSource`). */
const NEEDS: Partial<Record<RuntimeFeature, readonly RuntimeFeature[]>> = {
  ivAdd: ['iv', 'why', 'lohi'], ivSub: ['iv', 'why', 'lohi'], ivNeg: ['iv'], ivDays: ['iv', 'why', 'lohi'], ivMul: ['iv', 'why'],
  ivCmp: ['why', 'lohi'], ivAge: ['iv', 'lohi', 'ageYears', 'ageMonths'], ivAddMonths: ['iv', 'why', 'lohi', 'addMonths'],
  workdays: ['iv'], nth: ['ratioCmp'], param: ['paramTable'],
};

/** The features `used` implies (each with what it needs). */
export function closeFeatures(used: ReadonlySet<RuntimeFeature>): Set<RuntimeFeature> {
  const out = new Set<RuntimeFeature>();
  const add = (f: RuntimeFeature): void => {
    if (out.has(f)) return;
    out.add(f);
    for (const g of NEEDS[f] ?? []) add(g);
  };
  for (const f of used) add(f);
  return out;
}

/** The runtime source for a module using `features` (closed with `closeFeatures`). */
export function runtimeSource(features: ReadonlySet<RuntimeFeature>): string {
  const f = closeFeatures(features);
  const on = (k: RuntimeFeature | 'core' | 'ageNote' | 'round'): boolean => {
    if (k === 'core') return true;
    if (k === 'ageNote') return f.has('ageMonths') || f.has('ageYears');
    if (k === 'round') return f.has('mulRound') || f.has('div');
    return f.has(k);
  };
  return CHUNKS.filter(([k]) => on(k)).map(([, t]) => t.trim()).join('\n\n');
}

/** Every identifier the runtime could declare or use (kept clear of generated type names). */
export const RUNTIME_TEXT_ALL = CHUNKS.map(([, t]) => t).join('\n');
