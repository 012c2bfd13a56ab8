/**
 * Validated facts (compiler/interpret/validate.ts) → rows of the input tables of the
 * relational layout (layout.ts), and SQL literals for them. Used by `zhengce batch` for
 * JSON Lines input and by the differential tests.
 * Input: IrProgram layout + Facts + case key. Output: per table, rows of stored values
 * (dates as 'YYYY-MM-DD', money as a decimal text in 元, ratios "n/d", NULL = unknown).
 */
import { formatIso, fromDayNumber } from '../common/calendar.js';
import type { Facts, Rec } from '../interpret/validate.js';
import type { IrEntity, IrProgram, IrType } from '../ir/ir.js';
import { DECLARED_ABSENT, keyColumns, type Column, type Layout, type Table } from './layout.js';
import type { Dialect } from './dialect.js';
import { sqlString } from './dialect.js';

export type Stored = string | number | boolean | null;
export type TableRows = Map<string, Stored[][]>;

function stored(t: IrType | 'presence', v: unknown): Stored {
  if (v === undefined || v === null) return null;
  if (t === 'presence') return true;
  switch (t.k) {
    case 'date': return formatIso(fromDayNumber(v as number));
    case 'money': {
      const fen = v as number;
      const a = Math.abs(fen);
      return `${fen < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
    }
    default: return v as Stored;
  }
}

/** Value at a flattened column path of a record (undefined when absent). */
function at(rec: Rec, path: string, ir: IrProgram, entity: IrEntity): unknown {
  const parts = path.split('.');
  let cur: unknown = rec;
  let ent = entity;
  for (let i = 0; i < parts.length; i++) {
    if (!(cur instanceof Map)) return undefined;
    // field names may themselves contain "."? (they cannot: names are DSL identifiers)
    const f = ent.fields.find((x) => x.name === parts[i]);
    cur = (cur as Rec).get(parts[i]!);
    if (f && f.type.k === 'entity') ent = ir.entities.find((e) => e.name === (f.type as { name: string }).name)!;
  }
  return cur;
}

/** Append the rows of one case to `out`. */
export function caseRows(ir: IrProgram, layout: Layout, facts: Facts, key: number, out: TableRows, nonexistent: ReadonlySet<string> = new Set()): void {
  const push = (t: Table, row: Stored[]) => {
    let rows = out.get(t.name);
    if (!rows) out.set(t.name, (rows = []));
    rows.push(row);
  };
  const values = (t: Table, rec: Rec) => t.columns.map((c: Column) => stored(c.type, at(rec, c.name, ir, t.entity)));
  const emit = (t: Table, rec: Rec, keys: number[]) => {
    push(t, [...keys, ...values(t, rec)]);
    for (const c of layout.children.filter((x) => x.parent === t.name)) {
      const items = at(rec, c.listPath!, ir, t.entity);
      if (!Array.isArray(items)) continue;
      items.forEach((item: Rec, i) => emit(c, item, [...keys, i]));
    }
  };
  for (const t of layout.roots) {
    const rec = facts.get(t.name);
    if (rec) emit(t, rec, [key]);
    else if (nonexistent.has(t.name)) {
      let rows = out.get(DECLARED_ABSENT);
      if (!rows) out.set(DECLARED_ABSENT, (rows = []));
      rows.push([key, t.name]);
    }
  }
}

/** A SQL literal of a stored value for a column. */
export function literal(d: Dialect, c: Column | 'key' | 'ord', v: Stored): string {
  if (v === null) return 'NULL';
  if (c === 'key' || c === 'ord') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  if (c.type !== 'presence' && c.type.k === 'date') return `DATE ${sqlString(v)}`;
  if (c.type !== 'presence' && c.type.k === 'money') return `CAST(${sqlString(v)} AS DECIMAL(18,2))`;
  return sqlString(v);
}

/** INSERT statements (chunks of `chunk` rows) for the rows of every table. */
export function insertSql(d: Dialect, layout: Layout, rows: TableRows, chunk = 2000): string[] {
  const out: string[] = [];
  for (const t of [...layout.roots, ...layout.children]) {
    const rs = rows.get(t.name) ?? [];
    const cols: (Column | 'key' | 'ord')[] = [...keyColumns(t).map(() => 'key' as const), ...t.columns];
    for (let i = 0; i < rs.length; i += chunk) {
      const vals = rs.slice(i, i + chunk).map((r) => `(${r.map((v, j) => literal(d, cols[j]!, v)).join(', ')})`);
      out.push(`INSERT INTO ${d.id(t.name)} VALUES ${vals.join(',\n')};`);
    }
  }
  const absent = rows.get(DECLARED_ABSENT) ?? [];
  for (let i = 0; i < absent.length; i += chunk) out.push(`INSERT INTO ${d.id(DECLARED_ABSENT)} VALUES ${absent.slice(i, i + chunk).map((r) => `(${r[0]}, ${sqlString(String(r[1]))})`).join(', ')};`);
  return out;
}
