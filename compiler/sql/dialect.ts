/**
 * SQL dialects: the few places where DuckDB and PostgreSQL spell the same thing
 * differently (array literals and concatenation, integer division, big integers,
 * date ↔ day-number conversion, raising an error), and identifier quoting.
 * Input: a dialect name. Output: string builders used by the emitter (emit.ts) and the
 * runtime library (runtime.ts).
 * INVARIANT: every other file emits only SQL that both dialects read the same way.
 */
import { createHash } from 'node:crypto';

export type DialectName = 'duckdb' | 'postgres';

export interface Dialect {
  readonly name: DialectName;
  /** Type of a list of texts (missing facts). */
  readonly textArray: string;
  /** Exact integer type for intermediate products (HUGEINT / NUMERIC). */
  readonly big: string;
  /** An array literal of SQL text expressions (possibly empty). */
  arr(items: readonly string[]): string;
  /** Concatenate array expressions. */
  cat(parts: readonly string[]): string;
  /** Sorted, de-duplicated array (byte order, like JavaScript's default sort for BMP text). */
  sortDistinct(a: string): string;
  /** NULL for an empty array (the interpreter omits an empty 缺少). */
  nullIfEmpty(a: string): string;
  /** Integer division truncating toward zero of two non-negative big integers. */
  idiv(a: string, b: string): string;
  /** A big integer as text (no decimals). */
  bigText(a: string): string;
  /** Integer day number (days since 1970-01-01) of a DATE expression. */
  dayOf(date: string): string;
  /** DATE of an integer day number. */
  dateOf(day: string): string;
  /** YYYY-MM-DD text of a day number. */
  iso(day: string): string;
  /** Calendar year of a day number. */
  yearOf(day: string): string;
  /** Day number of (day number + k months), clamped to the month's end. */
  addMonths(day: string, k: string): string;
  /** Scalar subquery: the union of the arrays `a` over the rows `from … where`. */
  unionOver(from: string, where: string, a: string): string;
  /** Raise an error with this (SQL text) message, typed as an integer expression. */
  raiseInt(msg: string): string;
  /** Quote an identifier (PostgreSQL names longer than 63 bytes are shortened deterministically). */
  id(name: string): string;
  /** The stored name of an identifier (shortened where the dialect requires). */
  storedName(name: string): string;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** PostgreSQL truncates identifiers to 63 bytes silently: shorten with a hash instead. */
function pgName(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= 63) return name;
  const h = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let prefix = '';
  for (const ch of name) {
    if (Buffer.byteLength(prefix + ch, 'utf8') > 63 - 10) break;
    prefix += ch;
  }
  return `${prefix}_${h}`;
}

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;
export { lit as sqlString };

export const DUCKDB: Dialect = {
  name: 'duckdb',
  textArray: 'VARCHAR[]',
  big: 'HUGEINT',
  arr: (items) => (items.length ? `[${items.join(', ')}]` : 'CAST([] AS VARCHAR[])'),
  cat: (parts) => (parts.length === 0 ? 'CAST([] AS VARCHAR[])' : parts.length === 1 ? parts[0]! : `list_concat(${parts.join(', ')})`),
  sortDistinct: (a) => `list_sort(list_distinct(${a}))`,
  nullIfEmpty: (a) => `nullif(${a}, CAST([] AS VARCHAR[]))`,
  idiv: (a, b) => `((${a}) // (${b}))`,
  bigText: (a) => `CAST(${a} AS VARCHAR)`,
  dayOf: (d) => `CAST((${d}) - DATE '1970-01-01' AS INTEGER)`,
  dateOf: (n) => `(DATE '1970-01-01' + CAST(${n} AS INTEGER))`,
  iso: (n) => `strftime(DATE '1970-01-01' + CAST(${n} AS INTEGER), '%Y-%m-%d')`,
  yearOf: (n) => `year(DATE '1970-01-01' + CAST(${n} AS INTEGER))`,
  addMonths: (n, k) => `CAST(CAST(DATE '1970-01-01' + CAST(${n} AS INTEGER) + to_months(CAST(${k} AS INTEGER)) AS DATE) - DATE '1970-01-01' AS INTEGER)`,
  unionOver: (from, where, a) => `(SELECT coalesce(flatten(list(${a})), CAST([] AS VARCHAR[])) FROM ${from} WHERE ${where})`,
  raiseInt: (m) => `CAST(error(${m}) AS INTEGER)`,
  id: quote,
  storedName: (n) => n,
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  textArray: 'text[]',
  big: 'numeric',
  arr: (items) => (items.length ? `ARRAY[${items.join(', ')}]::text[]` : `'{}'::text[]`),
  cat: (parts) => (parts.length === 0 ? `'{}'::text[]` : parts.length === 1 ? parts[0]! : `(${parts.join(' || ')})`),
  sortDistinct: (a) => `ARRAY(SELECT zc_x FROM (SELECT DISTINCT zc_x FROM unnest(${a}) AS zc_u(zc_x)) AS zc_dd ORDER BY zc_x COLLATE "C")`,
  nullIfEmpty: (a) => `nullif(${a}, '{}'::text[])`,
  idiv: (a, b) => `div(${a}, ${b})`,
  bigText: (a) => `(${a})::text`,
  dayOf: (d) => `((${d}) - DATE '1970-01-01')`,
  dateOf: (n) => `(DATE '1970-01-01' + (${n})::integer)`,
  iso: (n) => `to_char(DATE '1970-01-01' + (${n})::integer, 'YYYY-MM-DD')`,
  yearOf: (n) => `extract(year FROM DATE '1970-01-01' + (${n})::integer)::integer`,
  addMonths: (n, k) => `(((DATE '1970-01-01' + (${n})::integer) + make_interval(months => (${k})::integer))::date - DATE '1970-01-01')`,
  unionOver: (from, where, a) => `ARRAY(SELECT zc_u.zc_x FROM ${from} CROSS JOIN LATERAL unnest(${a}) AS zc_u(zc_x) WHERE ${where})`,
  raiseInt: (m) => `zc_raise_int(${m})`,
  id: (n) => quote(pgName(n)),
  storedName: pgName,
};

export function dialectOf(name: DialectName): Dialect {
  return name === 'duckdb' ? DUCKDB : POSTGRES;
}
