/**
 * The relational layout of a policy's input facts, derived from the IR's entities (the
 * same structure as the JSON Schema of generated/<policy>/schema.json):
 *   - one table per root entity (an entity the rules read as 实体.字段 or a measure's 对象),
 *     keyed by 编号 (the case: all root-entity rows with one 编号 are one case's facts);
 *   - a nested record field is flattened into columns "字段.子字段", with a BOOLEAN presence
 *     column "字段" (NULL: the record is missing);
 *   - a list field is a child table "实体.字段" (编号 = the parent case, 序号 = the 0-based
 *     position in the list) — the layout Citus/Greenplum/openGauss distribute by 编号 —
 *     and a BOOLEAN presence column "字段" on the parent (NULL: the list is not given,
 *     TRUE: its elements are the child rows, possibly none);
 *   - a list inside a list element is a grandchild table "实体.字段.字段" keyed by 编号, the
 *     positions of its ancestors (上级序号1 …) and its own 序号; lists are laid out to a depth
 *     of MAX_LIST_DEPTH (deeper lists have no table: a rule reaching them is ZC1201).
 * Input: IrProgram. Output: table layouts and DDL per dialect.
 */
import type { IrEntity, IrExpr, IrProgram, IrType } from '../ir/ir.js';
import { irChildren } from '../interpret/interpreter.js';
import type { Dialect } from './dialect.js';
import { sqlString } from './dialect.js';

export interface Column {
  /** Column name: the field path joined with "." (nested records flattened). */
  readonly name: string;
  /** Field type, or 'presence' for the presence flag of a nested record / list. */
  readonly type: IrType | 'presence';
  readonly signed: boolean;
  readonly doc?: string;
}

export interface Table {
  /** Table name: the entity ("家庭") or, for a list, "实体.字段" ("家庭.子女"). */
  readonly name: string;
  /** 0 for a root table; k for a list nested k deep (it has k − 1 ancestor positions 上级序号i). */
  readonly depth: number;
  readonly entity: IrEntity;
  /** For a list: the path of the list field within its parent record ("子女", "配偶.子女"). */
  readonly listPath?: string;
  /** For a list: the table of the record holding it. */
  readonly parent?: string;
  readonly root: string;
  readonly columns: readonly Column[];
}

export interface Layout {
  readonly roots: readonly Table[];
  readonly children: readonly Table[];
  /** Problems (a record nested in itself): the entity and field. */
  readonly unsupported: readonly { entity: string; field: string }[];
}

/**
 * Table of the root entities a case states do not exist (`家庭: "不存在"`): 编号, 实体.
 * A root entity with no row and no entry here is unknown (its measures are 存疑).
 */
export const DECLARED_ABSENT = '声明不存在';

/** Lists nested deeper than this have no table. */
export const MAX_LIST_DEPTH = 3;

/** Key columns of a table: 编号, the ancestors' positions, 序号. */
export function keyColumns(t: { depth: number }): string[] {
  if (t.depth === 0) return ['编号'];
  return ['编号', ...Array.from({ length: t.depth - 1 }, (_, i) => `上级序号${i + 1}`), '序号'];
}

/** Every sub-expression of an IR expression (pre-order). */
export function walkIr(e: IrExpr, f: (x: IrExpr) => void): void {
  f(e);
  for (const c of irChildren(e)) walkIr(c, f);
}

/** All expressions of a program (rules, definitions, assumptions, sunset). */
export function programExprs(ir: IrProgram): IrExpr[] {
  const out: IrExpr[] = [];
  for (const m of ir.measures) for (const r of m.rules) out.push(r.condition, ...r.assignments.map((a) => a.value));
  for (const d of ir.definitions) out.push(d.expr);
  for (const a of ir.assumptions) out.push(a.condition);
  if (ir.policy.sunset) out.push(ir.policy.sunset.condition);
  return out;
}

/** Entities read as roots of the facts. */
export function rootEntities(ir: IrProgram): string[] {
  const used = new Set<string>();
  for (const m of ir.measures) if (m.subject) used.add(m.subject);
  for (const e of programExprs(ir)) walkIr(e, (x) => { if (x.k === 'field' || x.k === 'root') used.add(x.entity); });
  return ir.entities.map((e) => e.name).filter((n) => used.has(n));
}

export function layoutOf(ir: IrProgram): Layout {
  const roots: Table[] = [];
  const children: Table[] = [];
  const unsupported: { entity: string; field: string }[] = [];
  const ent = (n: string) => ir.entities.find((e) => e.name === n)!;
  const flatten = (e: IrEntity, prefix: string, depth: number, table: string, root: string, cols: Column[], seen: string[]): void => {
    for (const f of e.fields) {
      const name = prefix + f.name;
      if (f.type.k === 'entity') {
        if (seen.includes(f.type.name)) { unsupported.push({ entity: e.name, field: f.name }); continue; }
        cols.push({ name, type: 'presence', signed: false, ...(f.doc ? { doc: f.doc } : {}) });
        flatten(ent(f.type.name), `${name}.`, depth, table, root, cols, [...seen, f.type.name]);
      } else if (f.type.k === 'list') {
        cols.push({ name, type: 'presence', signed: false, ...(f.doc ? { doc: f.doc } : {}) });
        if (depth >= MAX_LIST_DEPTH) continue;
        const elem = ent(f.type.elem);
        const ccols: Column[] = [];
        const cname = `${table}.${name}`;
        flatten(elem, '', depth + 1, cname, root, ccols, [elem.name]);
        children.push({ name: cname, depth: depth + 1, entity: elem, listPath: name, parent: table, root, columns: ccols });
      } else {
        cols.push({ name, type: f.type, signed: f.signed === true, ...(f.doc ? { doc: f.doc } : {}) });
      }
    }
  };
  for (const r of rootEntities(ir)) {
    const cols: Column[] = [];
    flatten(ent(r), '', 0, r, r, cols, [r]);
    roots.push({ name: r, depth: 0, entity: ent(r), root: r, columns: cols });
  }
  return { roots, children, unsupported };
}

/** SQL type of an input column. Money is DECIMAL 元 (exact); ratios are texts "n/d". */
export function columnType(t: IrType | 'presence'): string {
  if (t === 'presence') return 'BOOLEAN';
  switch (t.k) {
    case 'bool': return 'BOOLEAN';
    case 'int': return 'BIGINT';
    case 'money': return 'DECIMAL(18,2)';
    case 'date': return 'DATE';
    case 'text': case 'enum': return 'TEXT';
    case 'quantity': return t.dim === 'ratio' ? 'TEXT' : 'BIGINT';
    default: return 'TEXT';
  }
}

function checks(d: Dialect, c: Column): string[] {
  const q = d.id(c.name);
  if (c.type === 'presence') return [];
  const t = c.type;
  if (t.k === 'enum') return [`CHECK (${q} IN (${t.members.map(sqlString).join(', ')}))`];
  if ((t.k === 'int' || t.k === 'money' || (t.k === 'quantity' && t.dim !== 'ratio')) && !c.signed) return [`CHECK (${q} >= 0)`];
  if (t.k === 'quantity' && t.dim === 'ratio') return [`CHECK (${q} ~ '^${c.signed ? '-?' : ''}[0-9]+/[1-9][0-9]*$')`];
  return [];
}

/** DDL of the input tables and the 案件 view (the cases: every 编号 of every root table). */
export function inputDdl(ir: IrProgram, d: Dialect): string {
  const l = layoutOf(ir);
  const out: string[] = [
    `-- 输入表：政策「${ir.policy.name}」（${ir.policy.id}），由 zhengce build 从实体声明生成（与 schema.json 同构）。`,
    `-- 每个根实体一张表，以 编号 标识一个案件；列表字段是子表“实体.字段”（编号 + 序号，序号从 0 起），`,
    `-- 父表上同名的 BOOLEAN 列表示该列表是否已提供（NULL：未提供，即未知；TRUE：子表中的行就是全部元素，可以没有）。`,
    `-- 嵌套记录展开为“字段.子字段”列，同名 BOOLEAN 列表示该记录是否存在。金额以元为单位（DECIMAL，精确）；比例写作 "n/d"。`,
    `-- NULL 表示未知（缺少的事实）。${d.name === 'postgres' ? '超过 63 字节的名称按确定的规则缩短（前缀 + 散列）。' : ''}`,
  ];
  const table = (t: Table) => {
    const keys = keyColumns(t);
    const cols = keys.map((k, i) => `  ${d.id(k)} ${i === 0 ? 'BIGINT' : 'INTEGER'} NOT NULL`);
    for (const c of t.columns) cols.push(`  ${d.id(c.name)} ${columnType(c.type)}${checks(d, c).map((x) => ` ${x}`).join('')}`);
    cols.push(`  PRIMARY KEY (${keys.map((k) => d.id(k)).join(', ')})`);
    out.push(`CREATE TABLE IF NOT EXISTS ${d.id(t.name)} (\n${cols.join(',\n')}\n);`);
    const docs = t.columns.filter((c) => c.doc).map((c) => `--   ${c.name}：${c.doc!.replace(/\s+/g, ' ')}`);
    if (docs.length) out.push(`-- ${t.name} 的字段说明：\n${docs.join('\n')}`);
  };
  for (const t of l.roots) table(t);
  for (const t of l.children) table(t);
  out.push(`-- 案件声明不存在的根实体（JSON 中写 实体: "不存在"）：该实体的措施不适用。没有行、也不在此表中的实体是“未知”（措施存疑）。`);
  out.push(`CREATE TABLE IF NOT EXISTS ${d.id(DECLARED_ABSENT)} (\n  ${d.id('编号')} BIGINT NOT NULL,\n  ${d.id('实体')} TEXT NOT NULL CHECK (${d.id('实体')} IN (${l.roots.length ? l.roots.map((t) => sqlString(t.name)).join(', ') : "''"})),\n  PRIMARY KEY (${d.id('编号')}, ${d.id('实体')})\n);`);
  const keys = [...l.roots.map((t) => `SELECT ${d.id('编号')} FROM ${d.id(t.name)}`), `SELECT ${d.id('编号')} FROM ${d.id(DECLARED_ABSENT)}`];
  out.push(`CREATE OR REPLACE VIEW ${d.id('案件')} AS\n${keys.length ? keys.join('\nUNION\n') : `SELECT CAST(NULL AS BIGINT) AS ${d.id('编号')} WHERE FALSE`};`);
  return out.join('\n') + '\n';
}
