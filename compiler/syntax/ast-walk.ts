/**
 * Walking the AST: the direct sub-expressions of an expression.
 * Input: an AST expression. Output: its children in source order.
 * INVARIANT: every expression kind with sub-expressions is listed here (one definition
 * for the checker, lowering, services and tools).
 */
import type * as A from './ast.js';

/** Direct sub-expressions of an AST expression. */
export function children(e: A.Expr): A.Expr[] {
  switch (e.kind) {
    case 'member': return [e.object];
    case 'call': return [...e.args];
    case 'neg': case 'not': return [e.operand];
    case 'arith': return [e.left, e.right];
    case 'logic': return [...e.operands];
    case 'compare': return [e.left, e.right];
    case 'in': return [e.subject, ...e.members];
    case 'range': return [e.subject, e.low, e.high];
    case 'quant': return [e.list, e.body];
    case 'nth': return [e.list, e.key, e.index];
    default: return [];
  }
}

