/**
 * Reading a population: many cases, each in the evaluator's input shape (实体名 → 字段).
 * Input: a file path and the IR of the policy the rows are for. Output: the rows (each with a
 * label naming where it came from: 第 N 行 / 第 N 个元素), or problems (Chinese, naming the row
 * and the field) — never a partial population.
 *
 * Formats (by extension, or `format`):
 *   .jsonl / .ndjson  JSON Lines, one case per line (nested objects and lists allowed; blank lines skipped)
 *   .json             a JSON array of cases
 *   .csv / .parquet   one case per row, for a flat policy only (no list or entity-valued field):
 *                     columns `实体.字段` (a bare `字段` when the policy has one entity); an empty
 *                     cell / NULL is a missing fact. Read by DuckDB (all columns as text), then
 *                     converted by the field's type: 是否 true/false/是/否, 整数 digits; 金额,
 *                     日期, 比例, 文本 and 枚举 are kept as text for the evaluator's own validation.
 * The rows are not validated here: the evaluator does that (InputError) and the caller names the
 * row. Kept apart from `zhengce diff` so that `zhengce batch` can share it.
 * INVARIANT: every row carries the label a person uses to find it in the file.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { IrProgram } from '../ir/ir.js';

export type PopulationFormat = 'jsonl' | 'json' | 'csv' | 'parquet';

export interface PopulationRow {
  /** Where the row is: 第 3 行 (JSON Lines / CSV data row, 1-based), 第 3 个元素 (JSON array). */
  readonly 位置: string;
  readonly 事实: unknown;
}

export interface PopulationProblem {
  readonly 位置?: string;
  readonly 字段?: string;
  readonly 说明: string;
}

export type PopulationResult = { ok: true; rows: PopulationRow[]; format: PopulationFormat } | { ok: false; problems: PopulationProblem[] };

/** At most this many problems are listed (the rest counted). */
export const MAX_PROBLEMS = 20;

/** The format named by a file's extension. */
export function formatOf(path: string): PopulationFormat | undefined {
  const e = extname(path).toLowerCase();
  return e === '.jsonl' || e === '.ndjson' ? 'jsonl' : e === '.json' ? 'json' : e === '.csv' ? 'csv' : e === '.parquet' ? 'parquet' : undefined;
}

/** A flat policy: every field of every entity is a scalar (no list, no nested entity). */
export function isFlat(ir: IrProgram): boolean {
  return ir.entities.every((e) => e.fields.every((f) => f.type.k !== 'list' && f.type.k !== 'entity'));
}

/** Read a population file. */
export async function readPopulation(path: string, ir: IrProgram, format?: PopulationFormat): Promise<PopulationResult> {
  const fmt = format ?? formatOf(path);
  if (!fmt) return { ok: false, problems: [{ 说明: `无法从文件名“${path}”判断人群文件的格式：应为 .jsonl（JSON Lines）、.json（JSON 数组）、.csv 或 .parquet` }] };
  if (fmt === 'csv' || fmt === 'parquet') return readTable(path, ir, fmt);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, problems: [{ 说明: `无法读取人群文件“${path}”：${(e as Error).message.split('\n')[0]}` }] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return fmt === 'jsonl' ? readJsonLines(text) : readJsonArray(text, path);
}

/** Parse JSON Lines text. */
export function readJsonLines(text: string): PopulationResult {
  const rows: PopulationRow[] = [];
  const problems: PopulationProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const 位置 = `第 ${i + 1} 行`;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      problems.push({ 位置, 说明: `不是有效的 JSON：${(e as Error).message}` });
      return;
    }
    if (!isRecord(v)) problems.push({ 位置, 说明: `应为一个个案的事实（对象：实体名 → 字段），实际为 ${kind(v)}` });
    else rows.push({ 位置, 事实: v });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows, format: 'jsonl' };
}

function readJsonArray(text: string, path: string): PopulationResult {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ 说明: `人群文件“${path}”不是有效的 JSON：${(e as Error).message}（每行一个个案的文件请用 .jsonl 扩展名）` }] };
  }
  if (!Array.isArray(v)) return { ok: false, problems: [{ 说明: `人群文件“${path}”应为 JSON 数组（每个元素是一个个案的事实），实际为 ${kind(v)}` }] };
  const rows: PopulationRow[] = [];
  const problems: PopulationProblem[] = [];
  v.forEach((x, i) => {
    const 位置 = `第 ${i + 1} 个元素`;
    if (!isRecord(x)) problems.push({ 位置, 说明: `应为一个个案的事实（对象：实体名 → 字段），实际为 ${kind(x)}` });
    else rows.push({ 位置, 事实: x });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows, format: 'json' };
}

/** Map each column to (entity, field) of a flat policy, or say why it cannot be. */
export function mapColumns(ir: IrProgram, columns: readonly string[]): { ok: true; map: { entity: string; field: string }[] } | { ok: false; problems: PopulationProblem[] } {
  const problems: PopulationProblem[] = [];
  const map: { entity: string; field: string }[] = [];
  const single = ir.entities.length === 1 ? ir.entities[0]! : undefined;
  const known = ir.entities.flatMap((e) => e.fields.map((f) => `${e.name}.${f.name}`)).join('、');
  // a name may be written as in the DSL, quoted: 家庭.「夫妻至少一方户籍在本县」
  const bare = (x: string | undefined) => x?.trim().replace(/^[「【](.*)[」】]$/u, '$1');
  for (const c of columns) {
    const dot = c.indexOf('.');
    const [en, fn] = (dot >= 0 ? [c.slice(0, dot), c.slice(dot + 1)] : [single?.name, c]).map(bare);
    const ent = ir.entities.find((e) => e.name === en);
    const f = ent?.fields.find((x) => x.name === fn);
    if (!ent || !f) {
      problems.push({ 字段: c, 说明: `列“${c}”不是任何实体的字段；列名应写作 实体.字段（${known}）` });
      continue;
    }
    map.push({ entity: ent.name, field: f.name });
  }
  return problems.length ? { ok: false, problems } : { ok: true, map };
}

/** Convert one text cell of a flat table to the evaluator's input value (undefined: missing). */
function cell(ir: IrProgram, entity: string, field: string, raw: string | null): { ok: true; value: unknown } | { ok: false; expected: string } {
  if (raw === null || raw === '') return { ok: true, value: undefined };
  const t = ir.entities.find((e) => e.name === entity)!.fields.find((f) => f.name === field)!.type;
  const s = raw.trim();
  switch (t.k) {
    case 'bool':
      if (['true', '是', '1'].includes(s.toLowerCase())) return { ok: true, value: true };
      if (['false', '否', '0'].includes(s.toLowerCase())) return { ok: true, value: false };
      return { ok: false, expected: '是否（true/false、是/否）' };
    case 'int':
      return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? { ok: true, value: Number(s) } : { ok: false, expected: '整数' };
    case 'quantity':
      if (t.dim === 'ratio') return { ok: true, value: s };
      return /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? { ok: true, value: Number(s) } : { ok: false, expected: '整数' };
    default:
      return { ok: true, value: s };
  }
}

async function readTable(path: string, ir: IrProgram, fmt: 'csv' | 'parquet'): Promise<PopulationResult> {
  if (!isFlat(ir)) {
    const nested = ir.entities.flatMap((e) => e.fields.filter((f) => f.type.k === 'list' || f.type.k === 'entity').map((f) => `${e.name}.${f.name}`));
    return { ok: false, problems: [{ 说明: `政策“${ir.policy.name}”的事实不是扁平的（${nested.slice(0, 5).join('、')}${nested.length > 5 ? ' 等' : ''} 是列表或对象），不能用 ${fmt.toUpperCase()} 表示；请用 JSON Lines（.jsonl，每行一个个案）` }] };
  }
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const con = await inst.connect();
  let columns: string[];
  let data: (string | null)[][];
  try {
    const lit = `'${path.replace(/'/g, "''")}'`;
    const src = fmt === 'csv' ? `read_csv(${lit}, header = true, all_varchar = true, auto_detect = true)` : `read_parquet(${lit})`;
    const reader = await con.runAndReadAll(`SELECT COLUMNS(*)::VARCHAR FROM ${src}`);
    columns = reader.columnNames();
    data = reader.getRowsJS() as (string | null)[][];
  } catch (e) {
    return { ok: false, problems: [{ 说明: `无法读取 ${fmt.toUpperCase()} 人群文件“${path}”：${(e as Error).message.split('\n')[0]}` }] };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
  const m = mapColumns(ir, columns);
  if (!m.ok) return m;
  const rows: PopulationRow[] = [];
  const problems: PopulationProblem[] = [];
  data.forEach((r, i) => {
    // CSV: line i + 2 of the file (after the header); Parquet: row i + 1
    const 位置 = fmt === 'csv' ? `第 ${i + 2} 行（第 ${i + 1} 条数据）` : `第 ${i + 1} 行`;
    const facts: Record<string, Record<string, unknown>> = {};
    m.map.forEach(({ entity, field }, j) => {
      const c = cell(ir, entity, field, r[j] ?? null);
      if (!c.ok) {
        problems.push({ 位置, 字段: columns[j]!, 说明: `列“${columns[j]}”：期望${c.expected}，实际为 ${JSON.stringify(r[j])}` });
        return;
      }
      if (c.value === undefined) return;
      (facts[entity] ??= {})[field] = c.value;
    });
    rows.push({ 位置, 事实: facts });
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, rows, format: fmt };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? '数组' : typeof v === 'object' ? '对象' : `${typeof v === 'string' ? '文本' : typeof v === 'number' ? '数' : typeof v} ${JSON.stringify(v)}`);
