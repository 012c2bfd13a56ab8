/**
 * The declarations of a file as one uniform tree — the single place that knows which
 * AST nodes are declarations, what they are called and what they contain.
 * Input: a FileAst (+ clause labels from the checked program). Output: DeclNode trees.
 *
 * Outline (document symbols), folding ranges, code lenses, completion's "where am I"
 * and hover on imports all walk this tree instead of switching over AST kinds
 * themselves: a new declaration kind is added here (one case in `children` / `node`)
 * and every editor service picks it up.
 */
import type { Span } from '../common/source.js';
import type * as A from '../syntax/ast.js';

/** What a declaration is (the AST kind, plus the nested declarations without a kind). */
export type DeclKind =
  | 'import' | 'policy' | 'enum' | 'enumMember' | 'entity' | 'field' | 'param' | 'org' | 'clause'
  | 'measure' | 'outcome' | 'rule' | 'qualitative' | 'doubt' | 'reading' | 'indicator' | 'property'
  | 'definition' | 'assumption';

/** Chinese name of each declaration kind (outline details, hover). */
export const DECL_KIND_NAME: Record<DeclKind, string> = {
  import: '导入', policy: '政策', enum: '枚举', enumMember: '枚举值', entity: '实体', field: '字段', param: '参数', org: '机构',
  clause: '条款', measure: '措施', outcome: '结果', rule: '规则', qualitative: '定性', doubt: '存疑', reading: '解读',
  indicator: '指标', property: '性质', definition: '定义', assumption: '前提',
};

export interface DeclNode {
  readonly kind: DeclKind;
  /** Display name: the declared name, a clause's label, an import's path. */
  readonly name: string;
  /** Short Chinese description (kind, title, period …). */
  readonly detail: string;
  /** The whole declaration. */
  readonly span: Span;
  /** The part to select or show: its name, a clause's number (inside `span`). */
  readonly nameSpan: Span;
  readonly children: readonly DeclNode[];
  /** The AST node itself. */
  readonly node: A.TopItem | A.ClauseItem | A.FieldDecl | A.OutcomeDecl | A.RuleDecl | A.Reading | A.Name;
}

/** Label of a clause (from the checked program), when known. */
export type ClauseLabels = (c: A.ClauseDecl) => string | undefined;

const firstChars = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n).join('') + '…' : s);

function make(kind: DeclKind, node: DeclNode['node'], name: string, detail: string, span: Span, nameSpan: Span, children: DeclNode[] = []): DeclNode {
  // INVARIANT: nameSpan lies inside span (clients require the selection inside the range)
  const inside = nameSpan.start >= span.start && nameSpan.end <= span.end;
  children.sort((a, b) => a.span.start - b.span.start);
  return { kind, node, name: name || '（无名）', detail, span, nameSpan: inside ? nameSpan : span, children };
}

/** One declaration node (and its nested declarations). */
function node(it: A.TopItem | A.ClauseItem, labels: ClauseLabels): DeclNode {
  switch (it.kind) {
    case 'import':
      return make('import', it, it.path.value, '导入', it.span, it.path.span);
    case 'policy':
      return make('policy', it, it.name?.text ?? it.title?.value ?? '政策', `政策${it.docNumber ? ' ' + it.docNumber.value : ''}`, it.span, it.name?.span ?? it.span);
    case 'enum':
      return make('enum', it, it.name.text, '枚举', it.span, it.name.span, it.members.map((m) => make('enumMember', m, m.text, '枚举值', m.span, m.span)));
    case 'entity':
      return make('entity', it, it.name.text, '实体', it.span, it.name.span, it.fields.map((f) => make('field', f, f.name.text, f.doc ? `字段 ${f.doc.value}` : '字段', f.span, f.name.span)));
    case 'param':
      return make('param', it, it.name.text, `参数（来自 ${it.from.value}）`, it.span, it.name.span);
    case 'org':
      return make('org', it, it.name.text, it.fullName?.value ?? '机构', it.span, it.name.span);
    case 'clause': {
      const label = labels(it) ?? it.number.map((p) => p.raw).join('');
      return make('clause', it, label, it.title?.value ?? '条款', it.span, it.numberSpan, it.items.map((x) => node(x, labels)));
    }
    case 'measure':
      return make('measure', it, it.name.text, '措施', it.span, it.name.span, [
        ...it.outcomes.map((o) => make('outcome', o, o.name.text, `结果${o.period ? ' ' + o.period : ''}`, o.span, o.name.span)),
        ...it.rules.map((r) => make('rule', r, r.name.text, r.overrides.length ? `规则（例外于 ${r.overrides.map((o) => o.text).join('、')}）` : '规则', r.span, r.name.span)),
        ...it.doubts.map((d) => node(d, labels)),
      ]);
    case 'qualitative':
      return make('qualitative', it, it.name?.text ?? (it.quotes[0] ? firstChars(it.quotes[0].value, 16) : '定性'), `定性${it.category ? ' ' + it.category.text : ''}`, it.span, it.name?.span ?? it.span);
    case 'doubt':
      return make('doubt', it, it.name.text, '存疑', it.span, it.name.span,
        it.readings.map((r) => make('reading', r, r.name.text, `解读${it.adopted?.text === r.name.text ? '（采用）' : ''}`, r.span, r.name.span)));
    case 'indicator':
      return make('indicator', it, it.name.text, '指标', it.span, it.name.span);
    case 'property':
      return make('property', it, it.name.text, '性质', it.span, it.name.span);
    case 'definition':
      return make('definition', it, it.entity ? `${it.entity.text}.${it.name.text}` : it.name.text, it.entity ? `定义（${it.entity.text}）` : '定义', it.span, it.name.span);
    case 'assumption':
      return make('assumption', it, it.name.text, '前提', it.span, it.name.span);
  }
}

/** The declarations of a file, in source order. */
export function declTree(ast: A.FileAst, labels: ClauseLabels = () => undefined): DeclNode[] {
  return ast.items.map((it) => node(it, labels));
}

/** Every node of the trees, depth first, parents before children. */
export function* walkDecls(nodes: readonly DeclNode[]): Generator<DeclNode> {
  for (const n of nodes) {
    yield n;
    yield* walkDecls(n.children);
  }
}

/** The chain of declarations containing `offset` (outermost first; ends count as inside). */
export function enclosingDecls(nodes: readonly DeclNode[], offset: number): DeclNode[] {
  const out: DeclNode[] = [];
  let level = nodes;
  for (;;) {
    const hit = level.find((n) => n.span.start <= offset && offset <= n.span.end);
    if (!hit) return out;
    out.push(hit);
    level = hit.children;
  }
}

/** Clause labels of a file from the programs it belongs to. */
export function clauseLabels(programs: readonly { checked: { clauses: readonly { decl: A.ClauseDecl; label: string }[] } }[]): ClauseLabels {
  const m = new Map<A.ClauseDecl, string>();
  for (const p of programs) for (const c of p.checked.clauses) if (!m.has(c.decl)) m.set(c.decl, c.label);
  return (c) => m.get(c);
}
