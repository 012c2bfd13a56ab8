/**
 * Synthetic county population for `zhengce batch --synthesize`: seeded and deterministic,
 * driven by the policy's input layout (compiler/sql/layout.ts, the JSON Schema's structure)
 * and a per-policy profile (policies/<policy>/人口画像.yaml) stating each assumption and its
 * source. Fields the profile does not mention get a plainly labelled generator default.
 * Rows are produced in SQL by DuckDB with a keyed hash (hash(seed, 编号, field, element…)),
 * so any N streams to Parquet in parallel and the same (N, seed) gives the same rows.
 * Lists of related entities (家庭.夫妻, 家庭.子女 …) are nested columns LIST(STRUCT(…)) —
 * the nested input `zhengce batch` reads from Parquet or JSON Lines; NULL is a list not
 * given (unknown), [] a list known to be empty. A list profile states the number of elements
 * (个数) or, for children, births (胎数, 多胞胎, 出生: birth dates and 同胎序号 consistent
 * with twins), and the distribution of each element field.
 * Input: IrProgram + profile text. Output: a SELECT statement (DuckDB) and the list of
 * assumptions (for the budget page).
 */
import { parse as parseYaml } from 'yaml';
import type { IrEntity, IrProgram } from '../ir/ir.js';
import { DUCKDB, sqlString as S } from '../sql/dialect.js';
import { layoutOf, type Column } from '../sql/layout.js';

export interface Assumption { readonly 字段: string; readonly 假设: string; readonly 来源: string }
type Spec = Record<string, unknown>;
export interface ListProfile { readonly fields: Map<string, Spec>; readonly count?: Spec; readonly births?: Spec; readonly multiple?: Spec; readonly birth?: Spec }
export interface Profile {
  readonly entity: string;
  readonly indicators: Assumption[];
  readonly fields: Map<string, Spec>;
  readonly lists: Map<string, ListProfile>;
  readonly unknown: number;
  readonly unknownSource: string;
  /** 指标.每年出生.值 when given: the default N of the budget page. */
  readonly perYear?: number;
}

const isSpec = (v: unknown): v is Spec => !!v && typeof v === 'object' && !Array.isArray(v);

export function parseProfile(text: string): { ok: true; profile: Profile } | { ok: false; message: string } {
  let doc: unknown;
  try { doc = parseYaml(text); } catch (e) { return { ok: false, message: `不是有效的 YAML：${(e as Error).message.split('\n')[0]}` }; }
  if (!isSpec(doc)) return { ok: false, message: '应为映射（实体、指标、字段、列表）' };
  for (const k of Object.keys(doc)) if (!['实体', '指标', '字段', '列表'].includes(k)) return { ok: false, message: `未知的键“${k}”（只允许 实体、指标、字段、列表）` };
  if (typeof doc['实体'] !== 'string') return { ok: false, message: '缺少“实体”' };
  const ind = (isSpec(doc['指标']) ? doc['指标'] : {}) as Record<string, Spec>;
  const fields = new Map(Object.entries((isSpec(doc['字段']) ? doc['字段'] : {}) as Record<string, Spec>));
  for (const [k, v] of fields) if (!isSpec(v) || typeof v['来源'] !== 'string') return { ok: false, message: `字段“${k}”缺少“来源”` };
  const unk = fields.get('未知');
  fields.delete('未知');
  const lists = new Map<string, ListProfile>();
  for (const [name, raw] of Object.entries((isSpec(doc['列表']) ? doc['列表'] : {}) as Record<string, unknown>)) {
    if (!isSpec(raw)) return { ok: false, message: `列表“${name}”应为映射（个数 或 胎数/多胞胎/出生，以及 字段）` };
    for (const k of Object.keys(raw)) if (!['个数', '胎数', '多胞胎', '出生', '字段'].includes(k)) return { ok: false, message: `列表“${name}”的未知键“${k}”` };
    const lf = new Map(Object.entries((isSpec(raw['字段']) ? raw['字段'] : {}) as Record<string, Spec>));
    for (const [k, v] of lf) if (!isSpec(v) || typeof v['来源'] !== 'string') return { ok: false, message: `列表“${name}”的字段“${k}”缺少“来源”` };
    for (const k of ['个数', '胎数', '多胞胎', '出生']) if (raw[k] !== undefined && (!isSpec(raw[k]) || typeof (raw[k] as Spec)['来源'] !== 'string')) return { ok: false, message: `列表“${name}”的“${k}”缺少“来源”` };
    if (raw['胎数'] && !isSpec(raw['出生'])) return { ok: false, message: `列表“${name}”有“胎数”时须有“出生”（日期字段、同胎序号字段、本次距评估日期天数、胎间隔天数）` };
    lists.set(name, { fields: lf, ...(raw['个数'] ? { count: raw['个数'] as Spec } : {}), ...(raw['胎数'] ? { births: raw['胎数'] as Spec } : {}), ...(raw['多胞胎'] ? { multiple: raw['多胞胎'] as Spec } : {}), ...(raw['出生'] ? { birth: raw['出生'] as Spec } : {}) });
  }
  const perYear = isSpec(ind['每年出生']) && typeof ind['每年出生']['值'] === 'number' ? ind['每年出生']['值'] : undefined;
  return {
    ok: true,
    profile: {
      entity: doc['实体'], fields, lists, unknown: typeof unk?.['概率'] === 'number' ? unk['概率'] : 0, unknownSource: String(unk?.['来源'] ?? '生成器假设'),
      indicators: Object.entries(ind).map(([k, v]) => ({ 字段: k, 假设: String(v['公式'] ?? v['值'] ?? ''), 来源: String(v['来源'] ?? '') })),
      ...(perYear !== undefined ? { perYear } : {}),
    },
  };
}

/** SELECT producing N synthetic rows of the profile's entity (lists nested), and every assumption used. */
export function synthesizeSql(ir: IrProgram, profile: Profile, n: number, seed: number, evalDay: string): { sql: string; assumptions: Assumption[] } {
  const t = layoutOf(ir).roots.find((x) => x.name === profile.entity);
  if (!t) throw new Error(`实体「${profile.entity}」不是政策「${ir.policy.id}」的输入表`);
  const d = DUCKDB;
  const ent = (name: string) => ir.entities.find((e) => e.name === name)!;
  const assumptions: Assumption[] = [...profile.indicators];
  // a uniform number in [0, 1) from the seed, the row, a salt and element keys: deterministic, parallel
  const u = (salt: string, keys: readonly string[]) => `((hash(${seed}, zc_i, ${S(salt)}${keys.map((k) => `, ${k}`).join('')}) % 1000000) / 1000000.0)`;
  const unknown = (salt: string, keys: readonly string[], v: string) => (profile.unknown > 0 ? `CASE WHEN ${u(`未知:${salt}`, keys)} < ${profile.unknown} THEN NULL ELSE ${v} END` : v);
  const pick = (dist: [string, number][], x: string, lit: (k: string) => string) => {
    let acc = 0;
    return `CASE ${dist.map(([k, v]) => { acc += v; return `WHEN ${x} < ${acc.toFixed(6)} THEN ${lit(k)}`; }).join(' ')} ELSE ${lit(dist[dist.length - 1]![0])} END`;
  };
  const distText = (dist: [string, number][]) => dist.map(([k, v]) => `${k}：${(v * 100).toFixed(1)}%`).join('，');
  const typed = (c: Column, v: string) => (c.type === 'presence' ? v : `CAST(${v} AS ${({ bool: 'BOOLEAN', int: 'BIGINT', date: 'DATE', money: 'DECIMAL(18,2)' } as Record<string, string>)[c.type.k] ?? (c.type.k === 'quantity' && c.type.dim !== 'ratio' ? 'BIGINT' : 'VARCHAR')})`);
  /** The value of scalar column c (label: the field path for the assumptions page). */
  const scalar = (c: Column, p: Spec | undefined, label: string, keys: readonly string[]): string => {
    const ty = c.type;
    const x = u(label, keys);
    if (p && p['分布'] && isSpec(p['分布'])) {
      const dist = Object.entries(p['分布'] as Record<string, number>);
      assumptions.push({ 字段: label, 假设: distText(dist), 来源: String(p['来源']) });
      return typed(c, pick(dist, x, (k) => (ty !== 'presence' && (ty.k === 'int' || ty.k === 'quantity') ? k : S(k))));
    }
    if (p && typeof p['概率'] === 'number') { assumptions.push({ 字段: label, 假设: `为“是”的概率 ${(p['概率'] * 100).toFixed(1)}%`, 来源: String(p['来源']) }); return `(${x} < ${p['概率']})`; }
    if (p && Array.isArray(p['距评估日期天数'])) {
      const [a, b] = p['距评估日期天数'] as number[];
      assumptions.push({ 字段: label, 假设: `评估日期前 ${a}—${b} 天之间均匀`, 来源: String(p['来源']) });
      return `(DATE ${S(evalDay)} - CAST(${a} + floor(${x} * ${b! - a! + 1}) AS INTEGER))`;
    }
    if (p) throw new Error(`人口画像的“${label}”应有 分布、概率 或 距评估日期天数 之一`);
    // generator defaults, plainly labelled
    const lab = (s: string) => assumptions.push({ 字段: label, 假设: s, 来源: '生成器假设（画像未提及该字段）' });
    if (ty === 'presence') { lab('已提供'); return 'TRUE'; }
    switch (ty.k) {
      case 'bool': lab('为“是”的概率 50%'); return `(${x} < 0.5)`;
      case 'enum': lab(`${ty.members.join('、')} 等概率`); return `${d.arr(ty.members.map(S))}[1 + CAST(floor(${x} * ${ty.members.length}) AS INTEGER)]`;
      case 'date': lab('评估日期前 0—3 年之间均匀'); return `(DATE ${S(evalDay)} - CAST(floor(${x} * 1096) AS INTEGER))`;
      case 'money': lab('0—10000 元均匀'); return `CAST(floor(${x} * 1000000) / 100 AS DECIMAL(18,2))`;
      case 'int': case 'quantity': lab('0—3 均匀'); return `CAST(floor(${x} * 4) AS BIGINT)`;
      default: lab('空文本'); return `''`;
    }
  };
  const countOf = (label: string, p: Spec, keys: readonly string[]) => {
    const dist = Object.entries(p['分布'] as Record<string, number>);
    if (!dist.length || dist.some(([k]) => !/^[0-9]+$/.test(k))) throw new Error(`人口画像的“${label}”应为 分布（非负整数 → 概率）`);
    assumptions.push({ 字段: label, 假设: distText(dist), 来源: String(p['来源']) });
    return pick(dist, u(label, keys), (k) => k);
  };
  /** A list column: LIST(STRUCT(element fields)), NULL (unknown) with the profile's rate. */
  const list = (c: Column, entity: IrEntity): string => {
    const lp = profile.lists.get(c.name);
    const elemCols = entity.fields.filter((f) => f.type.k !== 'list' && f.type.k !== 'entity');
    const nested = entity.fields.filter((f) => f.type.k === 'list' || f.type.k === 'entity');
    if (nested.length) throw new Error(`列表“${c.name}”的元素含有嵌套的记录或列表（${nested.map((f) => f.name).join('、')}），合成器不支持`);
    if (lp) for (const k of lp.fields.keys()) if (!elemCols.some((f) => f.name === k)) throw new Error(`人口画像列表“${c.name}”的字段“${k}”不是实体「${entity.name}」的字段`);
    const struct = (keys: string[], fixed: Map<string, string>) => `struct_pack(${elemCols.map((f) => {
      const col: Column = { name: f.name, type: f.type, signed: f.signed === true };
      const v = fixed.get(f.name) ?? scalar(col, lp?.fields.get(f.name), `${c.name}.${f.name}`, keys);
      return `${d.id(f.name)} := ${typed(col, unknown(`${c.name}.${f.name}`, keys, v))}`;
    }).join(', ')})`;
    let body: string;
    if (lp?.births) {
      const b = lp.birth!;
      const dateField = String(b['日期字段']);
      const orderField = String(b['同胎序号字段']);
      for (const f of [dateField, orderField]) if (!elemCols.some((x) => x.name === f)) throw new Error(`人口画像列表“${c.name}”的“出生”字段“${f}”不是实体「${entity.name}」的字段`);
      const [a1, b1] = (b['本次距评估日期天数'] as number[]) ?? [0, 364];
      const [a2, b2] = (b['胎间隔天数'] as number[]) ?? [450, 2920];
      assumptions.push({ 字段: `${c.name}（出生）`, 假设: `本次分娩在评估日期前 ${a1}—${b1} 天，各胎相隔 ${a2}—${b2} 天，均匀；同一胎的子女同日出生，${orderField} 为 1、2…`, 来源: String(b['来源']) });
      const births = countOf(`${c.name}（胎数）`, lp.births, []);
      const multi = lp.multiple ? Number(lp.multiple['概率']) : 0;
      if (lp.multiple) assumptions.push({ 字段: `${c.name}（多胞胎）`, 假设: `每胎为双胞胎的概率 ${(multi * 100).toFixed(1)}%`, 来源: String(lp.multiple['来源']) });
      const last = `CAST(${a1} + floor(${u(`${c.name}:本次`, [])} * ${b1 - a1 + 1}) AS INTEGER)`;
      const gap = (j: string) => `CAST(${a2} + floor(${u(`${c.name}:间隔`, [j])} * ${b2 - a2 + 1}) AS INTEGER)`;
      // birth zc_b (0 = first): its day is the last birth's day minus the gaps after it
      const day = `(DATE ${S(evalDay)} - ${last} - CAST(coalesce(list_sum(list_transform(range(zc_b + 1, zc_n), lambda zc_j: ${gap('zc_j')})), 0) AS INTEGER))`;
      const twin = `CAST(${u(`${c.name}:多胞胎`, ['zc_b'])} < ${multi} AS INTEGER)`;
      const nCol = `zc_n${pre.length}`;
      pre.push(`CAST(${births} AS INTEGER) AS ${nCol}`);
      body = `flatten(list_transform(range(${nCol}), lambda zc_b: list_transform(range(1 + ${twin}), lambda zc_t: ${struct(['zc_b', 'zc_t'], new Map([[dateField, day.split('zc_n').join(nCol)], [orderField, 'zc_t + 1']]))})))`;
    } else {
      const count = lp?.count ? countOf(`${c.name}（个数）`, lp.count, []) : (assumptions.push({ 字段: `${c.name}（个数）`, 假设: '0—2 个，等概率', 来源: '生成器假设（画像未提及该列表）' }), `CAST(floor(${u(`${c.name}:个数`, [])} * 3) AS INTEGER)`);
      body = `list_transform(range(CAST(${count} AS INTEGER)), lambda zc_e: ${struct(['zc_e'], new Map())})`;
    }
    return unknown(c.name, [], body);
  };
  /** Columns computed per row before the lists (a list's number of births, read by its lambdas). */
  const pre: string[] = [];
  const listFields = new Map(t.entity.fields.filter((f) => f.type.k === 'list').map((f) => [f.name, ent((f.type as { elem: string }).elem)]));
  for (const k of profile.fields.keys()) if (!t.columns.some((c) => c.name === k && !listFields.has(k))) throw new Error(`人口画像的字段“${k}”不是实体「${t.name}」的（非列表）字段`);
  for (const k of profile.lists.keys()) if (!listFields.has(k)) throw new Error(`人口画像的列表“${k}”不是实体「${t.name}」的列表字段`);
  const cols: string[] = [`zc_i AS ${d.id('编号')}`];
  for (const c of t.columns) {
    const le = listFields.get(c.name);
    if (le) cols.push(`${list(c, le)} AS ${d.id(c.name)}`);
    else cols.push(`${typed(c, unknown(c.name, [], scalar(c, profile.fields.get(c.name), c.name, [])))} AS ${d.id(c.name)}`);
  }
  if (profile.unknown > 0) assumptions.push({ 字段: '（每个字段、列表和列表元素的字段）', 假设: `${(profile.unknown * 100).toFixed(1)}% 未登记（未知）`, 来源: profile.unknownSource });
  const sql = `SELECT ${cols.join(', ')} FROM (SELECT zc_i${pre.map((x) => `, ${x}`).join('')} FROM (SELECT CAST(range AS BIGINT) AS zc_i FROM range(1, ${n + 1})) AS zc_r0) AS zc_r`;
  return { sql, assumptions };
}
