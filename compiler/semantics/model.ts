/**
 * The bound, checked model shared by the checker, IR lowering and the language server.
 * Input: ASTs of one program (a root policy file and its imports).
 * Output types only; the passes that fill them are binder.ts and checker.ts.
 */
import type { SourceFile, Span } from '../common/source.js';
import type * as A from '../syntax/ast.js';
import type { Dimension } from '../syntax/ast.js';

// ── types ────────────────────────────────────────────────────────────
export type Type =
  | { readonly k: 'bool' }
  | { readonly k: 'int' }
  | { readonly k: 'number' }
  | { readonly k: 'money' }
  | { readonly k: 'date' }
  | { readonly k: 'text' }
  | { readonly k: 'period' }
  | { readonly k: 'dayAnchor' }
  | { readonly k: 'quantity'; readonly dim: Exclude<Dimension, 'money'> }
  | { readonly k: 'enum'; readonly name: string }
  | { readonly k: 'entity'; readonly name: string }
  | { readonly k: 'measure'; readonly name: string }
  | { readonly k: 'list'; readonly elem: Type }
  | { readonly k: 'error' };

const QUANTITIES = new Map<Exclude<Dimension, 'money'>, Type>();

export const T = {
  bool: { k: 'bool' } as Type,
  int: { k: 'int' } as Type,
  number: { k: 'number' } as Type,
  money: { k: 'money' } as Type,
  date: { k: 'date' } as Type,
  text: { k: 'text' } as Type,
  error: { k: 'error' } as Type,
  /** The quantity type of a dimension (one object per dimension: types are compared with `sameType`, never by identity). */
  q: (dim: Exclude<Dimension, 'money'>): Type => {
    let t = QUANTITIES.get(dim);
    if (!t) QUANTITIES.set(dim, (t = { k: 'quantity', dim }));
    return t;
  },
};

const DIM_NAMES: Record<Dimension, string> = {
  money: '金额（元）', count: '数量（个）', days: '天数', workdays: '工作日数', weeks: '周数', months: '月数（个月）',
  years: '年数', hours: '小时数', ageMonths: '月龄', ageYears: '周岁', ratio: '比例（%）',
};

/** Chinese display of a type, for messages and hover. */
export function typeToString(t: Type): string {
  switch (t.k) {
    case 'bool': return '是否';
    case 'int': return '整数';
    case 'number': return '数（无单位）';
    case 'money': return '金额（元）';
    case 'date': return '日期';
    case 'text': return '文本';
    case 'period': return '周期';
    case 'dayAnchor': return '起算日';
    case 'quantity': return DIM_NAMES[t.dim];
    case 'enum': return `枚举「${t.name}」`;
    case 'entity': return `实体「${t.name}」`;
    case 'measure': return `措施「${t.name}」`;
    case 'list': return `列表（${typeToString(t.elem)}）`;
    case 'error': return '（错误）';
  }
}

export function sameType(a: Type, b: Type): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'quantity': return a.dim === (b as typeof a).dim;
    case 'enum': case 'entity': case 'measure': return a.name === (b as typeof a).name;
    case 'list': return sameType(a.elem, (b as typeof a).elem);
    default: return true;
  }
}

// ── symbols ──────────────────────────────────────────────────────────
export type SymbolKind =
  | 'enum' | 'enumMember' | 'entity' | 'field' | 'param' | 'org' | 'measure' | 'outcome' | 'rule'
  | 'indicator' | 'property' | 'doubt' | 'reading' | 'clause' | 'builtin' | 'definition' | 'assumption';

/** A named declaration. `id` is stable within a program: kind + qualified name. */
export interface Sym {
  readonly id: string;
  readonly kind: SymbolKind;
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  /** Qualifier: entity of a field, enum of a member, measure of a rule/outcome. */
  readonly container?: string;
  /** Enclosing clause anchor, for hover and citations. */
  readonly clause?: string;
  type?: Type;
  readonly decl?: unknown;
}

/** A use of a symbol at a place in the text (for definition, references, rename). */
export interface Reference {
  readonly span: Span;
  readonly target: string;
}

export interface ClauseInfo {
  readonly decl: A.ClauseDecl;
  /** Display label, e.g. 四（一）, 附件2 一（三）. */
  readonly label: string;
  /** Stable ASCII anchor, e.g. sec_4__subsec_1, annex_2__sec_1__subsec_3. */
  readonly anchor: string;
  readonly parent?: string;
  readonly title?: string;
  readonly file: string;
  readonly depth: number;
}

export interface MeasureInfo {
  readonly decl: A.MeasureDecl;
  readonly clause?: string;
  readonly file: string;
  /** Rule name → names of rules it overrides (transitively closed). */
  readonly overrides: Map<string, Set<string>>;
}

export interface ProgramFile {
  readonly source: SourceFile;
  readonly ast: A.FileAst;
}

export interface BoundProgram {
  readonly root: string;
  readonly files: Map<string, ProgramFile>;
  readonly policy?: { readonly decl: A.PolicyDecl; readonly file: string };
  readonly symbols: Map<string, Sym>;
  readonly references: Reference[];
  readonly clauses: ClauseInfo[];
  readonly measures: Map<string, MeasureInfo>;
  readonly entities: Map<string, A.EntityDecl>;
  readonly enums: Map<string, A.EnumDecl>;
  readonly params: Map<string, A.ParamDecl>;
  readonly orgs: Map<string, A.OrgDecl>;
  readonly indicators: Map<string, { decl: A.IndicatorDecl; clause?: string }>;
  readonly properties: Map<string, { decl: A.PropertyDecl; clause?: string }>;
  readonly doubts: Map<string, { decl: A.DoubtDecl; clause?: string; measure?: string }>;
  readonly qualitative: { decl: A.QualDecl; clause?: string }[];
  /** Definitions by key: `名称` (global) or `实体.名称` (on an entity). */
  readonly definitions: Map<string, DefinitionInfo>;
  readonly assumptions: Map<string, { decl: A.AssumptionDecl; clause?: string }>;
}

export interface DefinitionInfo {
  readonly decl: A.DefinitionDecl;
  /** `名称` or `实体.名称`. */
  readonly key: string;
  readonly entity?: string;
  readonly clause?: string;
}

/** A symbol's id (binder.ts `define`): `kind:名称`, or `kind:容器.名称` for a name inside a container. */
export function symbolId(kind: string, name: string, container?: string): string {
  return container ? `${kind}:${container}.${name}` : `${kind}:${name}`;
}

/** Key of a definition: `名称` or `实体.名称`. */
export function definitionKey(name: string, entity?: string): string {
  return entity ? `${entity}.${name}` : name;
}

/**
 * How a name, 其 or member expression was resolved where the AST alone does not say:
 *  - `elem`/`elemField`/`elemDef`: the element of the enclosing quantifier/aggregate at
 *    nesting `level` (0 = outermost), itself, one of its fields, one of its definitions;
 *  - `self`: the instance an entity definition is defining;
 *  - `root`: the entity's (single) instance in the input facts;
 *  - `def`: a definition (global, or on the member's entity for a member expression).
 */
export type Resolution =
  | { readonly k: 'elem'; readonly level: number }
  | { readonly k: 'elemField'; readonly level: number; readonly field: string }
  | { readonly k: 'elemDef'; readonly level: number; readonly key: string }
  | { readonly k: 'self' }
  | { readonly k: 'root' }
  | { readonly k: 'def'; readonly key: string };

/** What the checker adds. */
export interface CheckedProgram extends BoundProgram {
  readonly types: Map<A.Expr, Type>;
  readonly resolutions: Map<A.Expr, Resolution>;
}
