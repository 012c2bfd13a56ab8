/**
 * Semantic tokens, in offsets. Input: a ProgramSet, a file, optionally an offset range.
 * Output: classified tokens sorted by start (a token may span lines — a string; the
 * client-side encoder splits it).
 *
 * Classification comes from the compiler: keywords (the lexer's Keyword category),
 * names coloured by what they are (the symbol index: entity, field, enum member,
 * parameter, measure, rule …), numbers with their units, dates, strings, comments,
 * operators, clause numbers. A new keyword or symbol kind needs no change here
 * beyond BY_KIND.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import type { ParsedFile } from '../syntax/index.js';
import { tokenEnd } from '../syntax/lexer.js';
import { Keyword } from '../syntax/tokens.js';
import type { SymbolKind } from '../semantics/model.js';
import type { ProgramSet } from './program-set.js';
import { BUILTIN_FILE, nameIndex, type NameAt } from './symbols.js';

/** Token types, in legend order (the LSP legend is built from these). */
export const TOKEN_TYPES = [
  'keyword', 'string', 'comment', 'number', 'operator', 'class', 'enum', 'enumMember', 'property', 'parameter',
  'variable', 'function', 'method', 'namespace', 'label', 'type', 'event',
] as const;
/** Token modifiers, in legend order (bit i = TOKEN_MODIFIERS[i]). */
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'readonly', 'unit', 'date'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  readonly start: number;
  readonly end: number;
  /** Index into TOKEN_TYPES. */
  readonly type: number;
  /** Bit set over TOKEN_MODIFIERS. */
  readonly mods: number;
}

const tt = (t: TokenType) => TOKEN_TYPES.indexOf(t);
const tm = (...ms: TokenModifier[]) => ms.reduce((acc, m) => acc | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);

const BY_KIND: Record<SymbolKind, TokenType> = {
  entity: 'class', enum: 'enum', enumMember: 'enumMember', field: 'property', param: 'parameter', org: 'namespace',
  measure: 'function', outcome: 'property', rule: 'method', indicator: 'variable', property: 'event', doubt: 'event',
  reading: 'enumMember', clause: 'label', builtin: 'function', definition: 'variable', assumption: 'event',
};

const OPERATORS = new Set(['GreaterEq', 'LessEq', 'NotEq', 'EqEq', 'Greater', 'Less', 'Plus', 'Minus', 'Times', 'Divide', 'Dash', 'Percent']);

/** Semantic tokens of a file (of the part overlapping `range`, if given). */
export function semanticTokens(ws: ProgramSet, path: string, range?: { start: number; end: number }): SemanticToken[] {
  const parsed = ws.parsedOf(path);
  return parsed ? classify(parsed, nameIndex(ws, path), range) : [];
}

function classify(parsed: ParsedFile, names: readonly NameAt[], range?: { start: number; end: number }): SemanticToken[] {
  const out: SemanticToken[] = [];
  const byStart = new Map<number, NameAt>();
  const clauseSpans: { start: number; end: number }[] = [];
  for (const n of names) {
    if (n.sym.kind === 'clause') clauseSpans.push({ start: n.start, end: n.end });
    else if (!byStart.has(n.start)) byStart.set(n.start, n);
  }
  let ci = 0;
  const inClause = (off: number) => {
    while (ci < clauseSpans.length && clauseSpans[ci]!.end <= off) ci++;
    const c = clauseSpans[ci];
    return !!c && c.start <= off && off < c.end;
  };
  const push = (t: IToken, type: number, mods = 0) => out.push({ start: t.startOffset, end: tokenEnd(t), type, mods });
  for (const t of parsed.tokens) {
    if (t.isInsertedInRecovery || Number.isNaN(t.startOffset)) continue;
    if (range && (tokenEnd(t) < range.start || t.startOffset > range.end)) continue;
    const k = t.tokenType.name;
    if (inClause(t.startOffset)) {
      push(t, tt('label'));
      continue;
    }
    if (k === 'Name' || k === 'QuotedName') {
      const n = byStart.get(t.startOffset);
      if (n) push(t, tt(BY_KIND[n.sym.kind]), (n.decl ? tm('declaration') : 0) | (n.sym.kind === 'builtin' || n.sym.nameSpan.file === BUILTIN_FILE ? tm('defaultLibrary') : 0));
      else push(t, tt('variable'));
    } else if (k === 'StringLit') push(t, tt('string'));
    else if (k === 'NumberLit' || k === 'ChineseNumber') push(t, tt('number'));
    else if (k === 'Unit') push(t, tt('number'), tm('unit'));
    else if (k === 'DateLit') push(t, tt('number'), tm('date'));
    else if (OPERATORS.has(k)) push(t, tt('operator'));
    else if (tokenMatcher(t, Keyword)) push(t, tt('keyword'));
  }
  for (const c of parsed.comments) {
    if (range && (tokenEnd(c) < range.start || c.startOffset > range.end)) continue;
    push(c, tt('comment'));
  }
  return out.sort((a, b) => a.start - b.start);
}
