/**
 * Synthetic county population for `zhengce batch --synthesize`: seeded and deterministic,
 * driven by the policy's input layout (compiler/sql/layout.ts, the JSON Schema's structure)
 * and a per-policy profile (policies/<policy>/人口画像.yaml) stating each assumption and its
 * source. Fields the profile does not mention get a plainly labelled generator default.
 * Rows are produced in SQL by DuckDB with a keyed hash (hash(seed, 编号, field)), so any
 * N streams to Parquet in parallel and the same (N, seed) gives the same rows.
 * Input: IrProgram + profile text. Output: a SELECT statement (DuckDB) and the list of
 * assumptions (for generated docs).
 */
import { parse as parseYaml } from 'yaml';
import type { IrProgram } from '../ir/ir.js';
import { DUCKDB, sqlString as S } from '../sql/dialect.js';
import { layoutOf, type Column } from '../sql/layout.js';

export interface Assumption { readonly 字段: string; readonly 假设: string; readonly 来源: string }
export interface Profile { readonly entity: string; readonly indicators: Assumption[]; readonly fields: Map<string, Record<string, unknown>>; readonly unknown: number }

export function parseProfile(text: string): { ok: true; profile: Profile } | { ok: false; message: string } {
  let doc: unknown;
  try { doc = parseYaml(text); } catch (e) { return { ok: false, message: `不是有效的 YAML：${(e as Error).message.split('\n')[0]}` }; }
  if (!doc || typeof doc !== 'object') return { ok: false, message: '应为映射（实体、指标、字段）' };
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['实体', '指标', '字段'].includes(k)) return { ok: false, message: `未知的键“${k}”（只允许 实体、指标、字段）` };
  if (typeof o['实体'] !== 'string') return { ok: false, message: '缺少“实体”' };
  const ind = (o['指标'] ?? {}) as Record<string, Record<string, unknown>>;
  const fields = new Map(Object.entries((o['字段'] ?? {}) as Record<string, Record<string, unknown>>));
  for (const [k, v] of fields) if (!v || typeof v['来源'] !== 'string') return { ok: false, message: `字段“${k}”缺少“来源”` };
  const unk = fields.get('未知');
  fields.delete('未知');
  return {
    ok: true,
    profile: {
      entity: o['实体'], fields, unknown: typeof unk?.['概率'] === 'number' ? unk['概率'] : 0,
      indicators: Object.entries(ind).map(([k, v]) => ({ 字段: k, 假设: String(v['值'] ?? v['公式'] ?? ''), 来源: String(v['来源'] ?? '') })),
    },
  };
}

/** A uniform number in [0, 1) from the seed, the row and a salt: deterministic, parallel. */
const u = (seed: number, salt: string) => `((hash(${seed}, zc_i, ${S(salt)}) % 1000000) / 1000000.0)`;

/** SELECT producing N synthetic rows of the profile's entity, and every assumption used. */
export function synthesizeSql(ir: IrProgram, profile: Profile, n: number, seed: number, evalDay: string): { sql: string; assumptions: Assumption[] } {
  const t = layoutOf(ir).roots.find((x) => x.name === profile.entity);
  if (!t) throw new Error(`实体「${profile.entity}」不是政策「${ir.policy.id}」的输入表`);
  const d = DUCKDB;
  const assumptions: Assumption[] = [...profile.indicators];
  const cols: string[] = [`zc_i AS ${d.id('编号')}`];
  const value = (c: Column): string => {
    const p = profile.fields.get(c.name);
    const t = c.type;
    if (p && typeof p['等于'] === 'string') { assumptions.push({ 字段: c.name, 假设: `等于 ${p['等于']}`, 来源: String(p['来源']) }); return `zc_f_${String(p['等于'])}`; }
    if (p && p['分布'] && typeof p['分布'] === 'object') {
      const dist = Object.entries(p['分布'] as Record<string, number>);
      assumptions.push({ 字段: c.name, 假设: dist.map(([k, v]) => `${k}：${(v * 100).toFixed(1)}%`).join('，'), 来源: String(p['来源']) });
      let acc = 0;
      const lit = (k: string) => (t !== 'presence' && (t.k === 'int' || t.k === 'quantity') ? k : S(k));
      return `CASE ${dist.map(([k, v]) => { acc += v; return `WHEN ${u(seed, c.name)} < ${acc.toFixed(6)} THEN ${lit(k)}`; }).join(' ')} ELSE ${lit(dist[dist.length - 1]![0])} END`;
    }
    if (p && typeof p['概率'] === 'number') { assumptions.push({ 字段: c.name, 假设: `为“是”的概率 ${(p['概率'] * 100).toFixed(1)}%`, 来源: String(p['来源']) }); return `${u(seed, c.name)} < ${p['概率']}`; }
    if (p && Array.isArray(p['距评估日期天数'])) {
      const [a, b] = p['距评估日期天数'] as number[];
      assumptions.push({ 字段: c.name, 假设: `评估日期前 ${a}—${b} 天之间均匀`, 来源: String(p['来源']) });
      return `DATE ${S(evalDay)} - CAST(${a} + floor(${u(seed, c.name)} * ${b! - a! + 1}) AS INTEGER)`;
    }
    // generator defaults, plainly labelled
    const label = (x: string) => assumptions.push({ 字段: c.name, 假设: x, 来源: '生成器假设（画像未提及该字段）' });
    if (t === 'presence') { label('已提供'); return 'TRUE'; }
    switch (t.k) {
      case 'bool': label('为“是”的概率 50%'); return `${u(seed, c.name)} < 0.5`;
      case 'enum': label(`${t.members.join('、')} 等概率`); return `${d.arr(t.members.map(S))}[1 + CAST(floor(${u(seed, c.name)} * ${t.members.length}) AS INTEGER)]`;
      case 'date': label('评估日期前 0—3 年之间均匀'); return `DATE ${S(evalDay)} - CAST(floor(${u(seed, c.name)} * 1096) AS INTEGER)`;
      case 'money': label('0—10000 元均匀'); return `CAST(floor(${u(seed, c.name)} * 1000000) / 100 AS DECIMAL(18,2))`;
      case 'int': case 'quantity': label('0—3 均匀'); return `CAST(floor(${u(seed, c.name)} * 4) AS BIGINT)`;
      default: label('空文本'); return `''`;
    }
  };
  const inner: string[] = [];
  for (const c of t.columns) inner.push(`${value(c)} AS zc_f_${c.name}`);
  for (const c of t.columns) {
    cols.push(profile.unknown > 0 ? `CASE WHEN ${u(seed, `未知:${c.name}`)} < ${profile.unknown} THEN NULL ELSE zc_f_${c.name} END AS ${d.id(c.name)}` : `zc_f_${c.name} AS ${d.id(c.name)}`);
  }
  if (profile.unknown > 0) assumptions.push({ 字段: '（每个字段）', 假设: `${(profile.unknown * 100).toFixed(1)}% 未登记（未知）`, 来源: String(profile.fields.get('未知')?.['来源'] ?? '生成器假设') });
  // fields referring to other fields (等于) read the inner values
  const sql = `SELECT ${cols.join(', ')} FROM (SELECT zc_i, ${inner.join(', ')} FROM (SELECT CAST(range AS BIGINT) AS zc_i FROM range(1, ${n + 1})) AS zc_r) AS zc_s`;
  return { sql, assumptions };
}
