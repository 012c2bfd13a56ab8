/**
 * What the documentation shows beyond the IR, taken from the checked program when the
 * caller has it: sentences recorded as non-computable (定性, measures without rules),
 * verification properties (性质), organisations' full names, the 成文日期, and the
 * order in which items (measures, 存疑, 指标, 性质, 定义, 前提) are written inside each clause.
 * Input: CheckedProgram. Output: DocsExtras (plain data: the emitter never sees ASTs).
 */
import type { CheckedProgram } from '../semantics/model.js';
import type * as A from '../syntax/ast.js';
import { formatIso } from '../common/calendar.js';

export type ClauseItemRef =
  | { readonly kind: 'measure'; readonly name: string }
  | { readonly kind: 'doubt'; readonly name: string }
  | { readonly kind: 'indicator'; readonly name: string }
  /** A sentence recorded as non-computable: 定性, or a 措施 without rules. */
  | {
    readonly kind: 'qualitative'; readonly name?: string; readonly quotes: readonly string[]; readonly category?: string;
    readonly reason?: string; readonly lead: readonly string[]; readonly responsible: readonly string[]; readonly note?: string;
  }
  | { readonly kind: 'property'; readonly name: string; readonly asserts: readonly string[]; readonly condition?: string; readonly note?: string }
  /** A 定义 written in the clause (key: 名称 or 实体.名称, as in IrDefinition.name). */
  | { readonly kind: 'definition'; readonly name: string }
  /** A 前提 written in the clause. */
  | { readonly kind: 'assumption'; readonly name: string };

export interface DocsExtras {
  /** Short name → full name of each organisation. */
  readonly orgs: ReadonlyMap<string, string>;
  readonly issuedIso?: string;
  /** Items of each clause (by anchor) in written order; nested clauses are not items. */
  readonly clauseItems: ReadonlyMap<string, readonly ClauseItemRef[]>;
  /** Whether 生效 was written at all (false: the header says 未声明 rather than 未知). */
  readonly effectiveStated: boolean;
}

export function docsExtras(p: CheckedProgram): DocsExtras {
  const orgs = new Map<string, string>();
  for (const [name, o] of p.orgs) if (o.fullName) orgs.set(name, o.fullName.value);
  const text = (e: A.Expr): string => {
    const f = p.files.get(e.span.file);
    return f ? f.source.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ').trim() : '';
  };
  const clauseItems = new Map<string, ClauseItemRef[]>();
  for (const c of p.clauses) {
    const items: ClauseItemRef[] = [];
    for (const it of c.decl.items) {
      switch (it.kind) {
        case 'measure':
          if (it.rules.length > 0) items.push({ kind: 'measure', name: it.name.text });
          else {
            items.push({
              kind: 'qualitative', name: it.name.text, quotes: it.quotes.map((q) => q.value), lead: it.lead.map((n) => n.text),
              responsible: it.responsible.map((n) => n.text),
              ...(it.category ? { category: it.category.text } : {}), ...(it.reason ? { reason: it.reason.value } : {}),
              ...(it.note ? { note: it.note.value } : {}),
            });
          }
          break;
        case 'qualitative':
          items.push({
            kind: 'qualitative', quotes: it.quotes.map((q) => q.value), lead: it.lead.map((n) => n.text), responsible: it.responsible.map((n) => n.text),
            ...(it.name ? { name: it.name.text } : {}), ...(it.category ? { category: it.category.text } : {}), ...(it.reason ? { reason: it.reason.value } : {}),
          });
          break;
        case 'doubt': items.push({ kind: 'doubt', name: it.name.text }); break;
        case 'definition': items.push({ kind: 'definition', name: it.entity ? `${it.entity.text}.${it.name.text}` : it.name.text }); break;
        case 'assumption': items.push({ kind: 'assumption', name: it.name.text }); break;
        case 'indicator': items.push({ kind: 'indicator', name: it.name.text }); break;
        case 'property':
          items.push({
            kind: 'property', name: it.name.text, asserts: it.asserts.map(text),
            ...(it.condition ? { condition: text(it.condition) } : {}), ...(it.note ? { note: it.note.value } : {}),
          });
          break;
        default: break;
      }
    }
    clauseItems.set(c.anchor, items);
  }
  const pol = p.policy?.decl;
  return {
    orgs, clauseItems, effectiveStated: !!pol?.effective,
    ...(pol?.issued ? { issuedIso: formatIso(pol.issued.date) } : {}),
  };
}
