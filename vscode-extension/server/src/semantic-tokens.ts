/**
 * Semantic tokens from the compiler's tokens: keywords, names coloured by what they
 * are (from the symbol index: entity, field, enum member, parameter, measure, rule …),
 * numbers with their units, dates, strings, comments, operators, clause numbers.
 * Tokens spanning lines (strings) are split per line, as the protocol requires.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import type { SemanticTokensLegend } from 'vscode-languageserver-protocol';
import type { ParsedFile } from '../../../compiler/index.js';
import { tokenEnd } from '../../../compiler/syntax/lexer.js';
import { Keyword } from '../../../compiler/syntax/tokens.js';
import type { SymbolKind as ZcKind } from '../../../compiler/semantics/model.js';
import type { LineIndex } from './positions.js';
import type { NameAt } from '../../../compiler/services/symbols.js';

export const TOKEN_TYPES = [
  'keyword', 'string', 'comment', 'number', 'operator', 'class', 'enum', 'enumMember', 'property', 'parameter',
  'variable', 'function', 'method', 'namespace', 'label', 'type', 'event',
] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary', 'readonly', 'unit', 'date'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TT = (typeof TOKEN_TYPES)[number];
type TM = (typeof TOKEN_MODIFIERS)[number];
const tt = (t: TT) => TOKEN_TYPES.indexOf(t);
const tm = (...ms: TM[]) => ms.reduce((acc, m) => acc | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);

const BY_KIND: Record<ZcKind, TT> = {
  entity: 'class', enum: 'enum', enumMember: 'enumMember', field: 'property', param: 'parameter', org: 'namespace',
  measure: 'function', outcome: 'property', rule: 'method', indicator: 'variable', property: 'event', doubt: 'event',
  reading: 'enumMember', clause: 'label', builtin: 'function',
};

const OPERATORS = new Set(['GreaterEq', 'LessEq', 'NotEq', 'EqEq', 'Greater', 'Less', 'Plus', 'Minus', 'Times', 'Divide', 'Dash', 'Percent']);

interface Raw { start: number; end: number; type: number; mods: number }

export function semanticTokens(parsed: ParsedFile, names: readonly NameAt[], index: LineIndex, range?: { start: number; end: number }): number[] {
  const raw: Raw[] = [];
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
  const push = (t: IToken, type: number, mods = 0) => raw.push({ start: t.startOffset, end: tokenEnd(t), type, mods });
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
      if (n) push(t, tt(BY_KIND[n.sym.kind]), (n.decl ? tm('declaration') : 0) | (n.sym.kind === 'builtin' || n.sym.nameSpan.file === '<内置>' ? tm('defaultLibrary') : 0));
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
  raw.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const r of raw) {
    // split per line
    let s = r.start;
    while (s < r.end) {
      const line = index.lineOf(s);
      const lineEnd = index.lineEnd(line);
      const e = Math.min(r.end, lineEnd);
      if (e > s) {
        const char = s - index.starts[line]!;
        const dl = line - prevLine;
        data.push(dl, dl === 0 ? char - prevChar : char, e - s, r.type, r.mods);
        prevLine = line;
        prevChar = char;
      }
      const nextStart = index.starts[line + 1];
      if (nextStart === undefined || nextStart <= s) break;
      s = nextStart;
    }
  }
  return data;
}
