/**
 * What the grammar allows at a point of a file, for the language services: Chevrotain's content
 * assist (parser.ts `nextTokenTypes`) run from the innermost open block's header and the statement
 * the point is in. Input: a file's tokens and the index of the last token before the point. Output:
 * the block's opening word and the token types that may come next — completion offers their words,
 * hover names the block an attribute key is in. Also the token helpers completion, hover and signature
 * help share: a token's kind, the token before an offset, the innermost open `{` and whether it opens a set.
 */
import type { IToken, TokenType } from 'chevrotain';
import { nextTokenTypes } from '../syntax/parser.js';

/** A token's type name ('' for none). */
export const kindOf = (t: IToken | undefined): string => t?.tokenType.name ?? '';

/** Index of the last token starting before `offset` (-1 if none). */
export function tokenBefore(tokens: readonly IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
}

/** Index of the innermost `{` left open by tokens[0..i] (-1 at the top level). */
export function innermostOpenBrace(tokens: readonly IToken[], i: number): number {
  for (let j = i, depth = 0; j >= 0; j--) {
    const n = kindOf(tokens[j]);
    if (n === 'RBrace') depth++;
    else if (n === 'LBrace' && depth-- === 0) return j;
  }
  return -1;
}

/** Whether the `{` at `k` opens a set literal (`属于 {…}`, `不属于 {…}`), not a block. */
export const opensSet = (tokens: readonly IToken[], k: number): boolean => k > 0 && (kindOf(tokens[k - 1]) === 'In' || kindOf(tokens[k - 1]) === 'NotIn');

/** The grammar rule of each block-opening word (失效 is an attribute with a block). */
const BLOCK_RULES: Record<string, string> = {
  Policy: 'policyDecl', Enum: 'enumDecl', Entity: 'entityDecl', Org: 'orgDecl', Clause: 'clauseDecl', Measure: 'measureDecl',
  Rule: 'ruleDecl', Qualitative: 'qualDecl', Doubt: 'doubtDecl', Indicator: 'indicatorDecl', Property: 'propertyDecl',
  Definition: 'definitionDecl', Assumption: 'assumptionDecl', Attr_失效: 'attribute',
};
/** Words that start a statement of a block (a declaration, or a reading / outcome inside one). */
export const STATEMENT_WORDS = new Set([...Object.keys(BLOCK_RULES), 'Import', 'Param', 'Outcome', 'Reading']);

/** Index of the `{` matching the `}` at `k`, or -1. */
function matchingOpen(tokens: readonly IToken[], k: number): number {
  for (let j = k, depth = 0; j >= 0; j--) {
    const n = kindOf(tokens[j]);
    if (n === 'RBrace') depth++;
    else if (n === 'LBrace' && --depth === 0) return j;
  }
  return -1;
}

export interface GrammarContext {
  /** The word that opens the innermost block (`措施`, `失效`, `前提` for 假定 …), or '' at the top level. */
  readonly block: string;
  /** Token types the grammar allows next (never empty). */
  readonly next: ReadonlySet<string>;
  readonly types: readonly TokenType[];
  /** Inside a set literal `属于 {…}`. */
  readonly set?: boolean;
}

/**
 * What may come after tokens[0..i], by the grammar: the innermost open block's header tokens and the
 * statement the cursor is in are given to Chevrotain's content assist from the block's own rule.
 * Undefined when that does not parse (a syntax error earlier in the statement): the caller then offers
 * everything, as before.
 */
export function grammarContext(tokens: readonly IToken[], i: number): GrammarContext | undefined {
  // the innermost unclosed { (and whether it is a set literal)
  const open = innermostOpenBrace(tokens, i);
  if (opensSet(tokens, open)) return { block: '', next: new Set(), types: [], set: true };
  // the block's header: back from its { (over matched braces, e.g. a set in 定义's expression) to the opening word
  let header = -1;
  if (open >= 0) {
    for (let j = open - 1, depth = 0; j >= 0; j--) {
      const n = kindOf(tokens[j]);
      if (n === 'RBrace') depth++;
      else if (n === 'LBrace') { if (depth-- === 0) return undefined; }
      else if (depth === 0 && BLOCK_RULES[n]) { header = j; break; }
    }
    if (header < 0) return undefined;
  }
  // the statement the cursor is in: after the last nested block closed at this depth, or from the last
  // statement word / attribute key at this depth
  let start = open + 1;
  for (let j = i, depth = 0; j > open; j--) {
    const n = kindOf(tokens[j]);
    if (n === 'RBrace') {
      if (depth++ === 0) {
        // a set literal (属于 {…}) is part of the expression: go on before it
        const m = matchingOpen(tokens, j);
        if (m > open && opensSet(tokens, m)) { depth = 0; j = m; continue; }
        start = j + 1;
        break;
      }
    } else if (n === 'LBrace') depth--;
    else if (depth === 0 && (STATEMENT_WORDS.has(n) || (tokens[j]!.tokenType.CATEGORIES ?? []).some((c) => c.name === 'AttrKey') && ['Colon', 'LBrace'].includes(kindOf(tokens[j + 1])))) { start = j; break; }
  }
  const feed = [...(header >= 0 ? tokens.slice(header, open + 1) : []), ...tokens.slice(start, i + 1)];
  const rule = header >= 0 ? BLOCK_RULES[kindOf(tokens[header])]! : 'file';
  const types = nextTokenTypes(rule, feed);
  if (types.length === 0) return undefined;
  const word = header >= 0 ? tokens[header]!.image : '';
  return { block: word === '假定' ? '前提' : word, next: new Set(types.map((t) => t.name)), types };
}
