/**
 * Formatter layout: CST roles for every token, the canonical spelling of each token,
 * and the printer that lays tokens and comments out.
 * Input: source text, tokens and comments (lexer.ts) and the CST (parser.ts) of a file
 * without syntax errors. Output: the formatted text plus, for each token, its offsets
 * in that text (format.ts re-lexes the output and uses them to repair spacing).
 *
 * The canonical layout is documented in format.ts (module header).
 *
 * INVARIANT: the printer emits every token (in its canonical spelling) and every
 * comment (trailing white space trimmed), in source order; it only decides the white
 * space between them.
 */
import type { CstNode, IToken } from 'chevrotain';
import stringWidth from 'string-width';
import { tokenEnd } from '../syntax/lexer.js';
import { lineStarts } from '../common/lines.js';

type Child = CstNode | IToken;
const isToken = (c: Child): c is IToken => (c as IToken).image !== undefined;
const usable = (t: IToken): boolean => !t.isInsertedInRecovery && !Number.isNaN(t.startOffset);

/** What the CST says about one token. */
export interface TokenRole {
  /** Name of the CST rule that directly contains the token. */
  readonly rule: string;
  /** Nesting depth of the item (declaration, attribute, rule item …) the token belongs to. */
  depth: number;
  /** The token starts an item line (or is the `}` of an item block). */
  lineStart: boolean;
  /** `{` of an item block (items one per line, indented). */
  open?: boolean;
  /** `}` of an item block; `openTok` is its `{`. */
  close?: boolean;
  openTok?: IToken;
  /** A `；` standing as an item of its own. */
  semiItem?: boolean;
  /** `（` `，` `）` of a function call. */
  call?: boolean;
  /** A token of a comparison written with 在 (在 3 以上). */
  at?: boolean;
}

/** Rules whose braces hold items, one per line. (Enum and set braces stay inline.) */
const ITEM_BLOCKS = new Set(['attrBlock', 'entityDecl', 'clauseDecl', 'measureDecl', 'ruleDecl', 'doubtDecl']);

/**
 * Roles of all tokens of a CST. Returns undefined if the CST does not hold exactly the
 * given tokens (never expected for a file without syntax errors).
 */
export function tokenRoles(cst: CstNode, tokens: readonly IToken[]): Map<IToken, TokenRole> | undefined {
  const roles = new Map<IToken, TokenRole>();
  // The first token of a node: the parser tracks each node's start offset
  // (nodeLocationTracking), and tokens are found by their offset. A node without a
  // location (none is expected in a file without syntax errors) is searched.
  const byOffset = new Map<number, IToken>();
  for (const t of tokens) if (usable(t)) byOffset.set(t.startOffset, t);
  const firstCache = new WeakMap<CstNode, IToken | null>();
  const first = (n: CstNode): IToken | undefined => {
    const at = n.location?.startOffset;
    if (at !== undefined && !Number.isNaN(at)) {
      const t = byOffset.get(at);
      if (t) return t;
    }
    const hit = firstCache.get(n);
    if (hit !== undefined) return hit ?? undefined;
    let best: IToken | undefined;
    for (const key in n.children) {
      for (const c of n.children[key]!) {
        const t = isToken(c) ? (usable(c) ? c : undefined) : first(c);
        if (t && (!best || t.startOffset < best.startOffset)) best = t;
      }
    }
    firstCache.set(n, best ?? null);
    return best;
  };

  const walkItem = (n: CstNode, depth: number): void => {
    walk(n, depth);
    const f = first(n);
    const r = f && roles.get(f);
    if (r) {
      r.lineStart = true;
      r.depth = depth;
      if (f.tokenType.name === 'Semi') r.semiItem = true;
    }
  };

  const walk = (n: CstNode, depth: number): void => {
    const block = ITEM_BLOCKS.has(n.name);
    const own = (key: string): IToken | undefined => ((n.children[key] ?? []) as Child[]).find((c): c is IToken => isToken(c) && usable(c));
    const lb = block ? own('LBrace') : undefined;
    const rb = block ? own('RBrace') : undefined;
    const isCall = n.name === 'primary' && ((n.children['nameTok']?.length ?? 0) > 0 || (n.children['typeCallee']?.length ?? 0) > 0);
    const withAt = n.name === 'cmpExpr' && (n.children['At']?.length ?? 0) > 0;
    // INVARIANT: each child's role depends only on the child itself and its position
    // relative to the node's braces, so children are visited in CST order (no sort).
    for (const key in n.children) for (const child of n.children[key]!) {
      const t0 = isToken(child) ? (usable(child) ? child : undefined) : first(child);
      if (!t0) continue;
      const at = t0.startOffset;
      const inside = !!lb && at > lb.startOffset && (!rb || at < rb.startOffset);
      if (isToken(child)) {
        const r: TokenRole = { rule: n.name, depth, lineStart: false };
        if (child === lb) r.open = true;
        else if (child === rb) {
          r.close = true;
          r.lineStart = true;
          r.openTok = lb;
        } else if (inside) {
          r.depth = depth + 1;
          r.lineStart = true;
          if (child.tokenType.name === 'Semi') r.semiItem = true;
        }
        if (isCall && (child.tokenType.name === 'LParen' || child.tokenType.name === 'RParen' || child.tokenType.name === 'Comma')) r.call = true;
        if (withAt) r.at = true;
        roles.set(child, r);
      } else if (n.name === 'file') walkItem(child, 0);
      else if (inside) walkItem(child, depth + 1);
      else walk(child, depth);
    }
  };

  walk(cst, 0);
  if (roles.size !== tokens.length) return undefined;
  for (const t of tokens) if (!roles.has(t)) return undefined;
  return roles;
}

// ── canonical spelling ────────────────────────────────────────────────

/** The canonical spelling of a token. Literals, names, keywords and units are verbatim. */
export function canonicalImage(t: IToken, role: TokenRole | undefined): string {
  switch (t.tokenType.name) {
    case 'LBrace': return '{';
    case 'RBrace': return '}';
    case 'LParen': return '（';
    case 'RParen': return '）';
    case 'Colon': return '：';
    // 、 and ， (； and 。) are different marks in Chinese and both kept as written
    // (documents use both; policy files mirror their source); ASCII , and ; become
    // 、 (， between call arguments) and ；.
    case 'Comma': return role?.rule === 'clauseNumber' ? '、' : t.image === ',' ? (role?.call ? '，' : '、') : t.image;
    case 'Semi': return t.image === ';' ? '；' : t.image;
    case 'Dot': return '.';
    case 'GreaterEq': return '≥';
    case 'LessEq': return '≤';
    case 'NotEq': return '≠';
    case 'EqEq': return '=';
    case 'Greater': return '>';
    case 'Less': return '<';
    case 'Plus': return '+';
    case 'Minus': return '-';
    case 'Times': return '×';
    case 'Divide': return '÷';
    case 'Dash': return '—';
    default: return t.image;
  }
}

// ── spacing between two tokens on one line ───────────────────────────

export type Gap = 'glue' | 'space' | 'break';

const isLegalSuffix = (t: IToken): boolean => !!t.tokenType.CATEGORIES?.some((c) => c.name === 'LegalSuffix');

/** Canonical spacing between two tokens that share a line. */
export function gapBetween(p: IToken, rp: TokenRole, c: IToken, rc: TokenRole): 'glue' | 'space' {
  const pt = p.tokenType.name;
  const ct = c.tokenType.name;
  if (rp.rule === 'clauseNumber') return rc.rule === 'clauseNumber' ? 'glue' : 'space'; // 条款 四（一） "标题"
  if (ct === 'Colon' || ct === 'Comma' || ct === 'RParen' || ct === 'Semi' || ct === 'Dot') return 'glue';
  if (pt === 'Colon' || pt === 'Comma' || pt === 'LParen' || pt === 'Dot') return 'glue';
  if ((pt === 'LBrace' && rp.rule === 'setExpr') || (ct === 'RBrace' && rc.rule === 'setExpr')) return 'glue'; // 属于 {国家、省}
  if (ct === 'Unit') return 'glue';
  if (ct === 'LParen' && (rc.rule === 'typeRef' || rc.call || rc.rule === 'quantSuffix' || rc.rule === 'nthSuffix')) return 'glue'; // 均满足（…） 按（…）
  if (ct === 'Ordinal' || pt === 'Ordinal') return 'glue'; // 按（出生日期）第3个
  if (rc.rule === 'cmpExpr' && isLegalSuffix(c) && !rc.at) return 'glue'; // 3以上, but 在 3 以上
  if (ct === 'Dash' && (rc.rule === 'cmpExpr' || rc.rule === 'valueItem')) return 'glue';
  if (pt === 'Dash' && (rp.rule === 'cmpExpr' || rp.rule === 'valueItem')) return 'glue';
  if (pt === 'Minus' && rp.rule === 'unaryExpr') return 'glue';
  return 'space';
}

/**
 * May a line break the writer put between these two tokens (inside one item) be kept?
 * Yes where a space would go, and after `：` `、` `，`; never before `{` of an item block
 * or before a token that is glued to the one before it.
 */
export function breakable(p: IToken, rp: TokenRole, c: IToken, rc: TokenRole): boolean {
  if (rc.open || rp.rule === 'clauseNumber') return false;
  if (gapBetween(p, rp, c, rc) === 'space') return true;
  const pt = p.tokenType.name;
  const ct = c.tokenType.name;
  if (ct === 'Colon' || ct === 'Comma' || ct === 'RParen' || ct === 'Semi' || ct === 'Dot' || ct === 'Unit') return false;
  return pt === 'Colon' || pt === 'Comma';
}

/** Keep the writer's line breaks inside an item (see breakable). */
export const KEEP_ITEM_BREAKS = true;

// ── printer ───────────────────────────────────────────────────────────

/** Number of line breaks in a run of white space (common/lines.ts; \r\n counts once). */
export function countBreaks(s: string): number {
  return lineStarts(s).length - 1;
}

/** Trailing white space the lexer would skip (a comment runs to the end of its line). */
export function trimComment(s: string): string {
  return s.replace(/[ \t\u3000\u00a0\ufeff]+$/, '');
}

export interface PrintInput {
  readonly text: string;
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  readonly roles: Map<IToken, TokenRole>;
  /** Line terminator of the output. */
  readonly eol: string;
  /**
   * Per token index: a spacing forced by the repair loop in format.ts
   * ('space' instead of glue, 'break' instead of a space).
   */
  readonly forced: ReadonlyMap<number, Gap>;
}

export interface Printed {
  readonly text: string;
  /** Output offsets [start, end) of each token, by token index. */
  readonly at: readonly (readonly [number, number])[];
  /** The canonical gap chosen before each token (index 0: none). */
  readonly gaps: readonly (Gap | 'line')[];
}

const INDENT = '  ';

/** Lay out a file. See format.ts for the rules. */
export function print(input: PrintInput): Printed {
  const { text, tokens, comments, roles, eol, forced } = input;
  type El = { tok?: IToken; index: number; comment?: IToken; start: number; end: number };
  const els: El[] = [];
  tokens.forEach((t, i) => els.push({ tok: t, index: i, start: t.startOffset, end: tokenEnd(t) }));
  for (const c of comments) els.push({ comment: c, index: -1, start: c.startOffset, end: tokenEnd(c) });
  els.sort((a, b) => a.start - b.start);

  const parts: string[] = [];
  let len = 0;
  const put = (s: string): void => {
    parts.push(s);
    len += s.length;
  };
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) put('\ufeff');
  let started = false;
  const startLine = (depth: number, blank: boolean): void => {
    if (started) put(blank ? eol + eol : eol);
    put(INDENT.repeat(depth));
    started = true;
  };

  const at: [number, number][] = new Array(tokens.length);
  /** Output offsets of trailing comments (of the space before the `#`). */
  const trailing: number[] = [];
  const gaps: (Gap | 'line')[] = new Array(tokens.length);
  let prevEl: El | undefined;
  let prevTok: IToken | undefined;
  /** The last thing printed was a comment: the next element starts a line. */
  let afterComment = false;
  /** Nothing but trailing comments since an item block's `{`: no blank line here. */
  let blockStart = false;

  const nextToken = (from: number): IToken | undefined => {
    for (let k = from; k < els.length; k++) if (els[k]!.tok) return els[k]!.tok;
    return undefined;
  };

  for (let k = 0; k < els.length; k++) {
    const el = els[k]!;
    const breaks = prevEl ? countBreaks(text.slice(prevEl.end, el.start)) : 0;
    if (el.comment) {
      const body = trimComment(el.comment.image);
      if (prevEl?.tok && breaks === 0) {
        trailing.push(len);
        put(' ' + body); // trailing comment: stays at the end of its line
      } else {
        const nt = nextToken(k + 1);
        const nr = nt && roles.get(nt);
        let depth = 0;
        let itemLevel = true;
        if (nr) {
          if (nr.lineStart) depth = nr.close ? nr.depth + 1 : nr.depth;
          else {
            depth = nr.depth + 1;
            itemLevel = false;
          }
        }
        startLine(depth, breaks >= 2 && itemLevel && !blockStart && started);
        put(body);
        blockStart = false;
      }
      afterComment = true;
      prevEl = el;
      continue;
    }
    const t = el.tok!;
    const i = el.index;
    const r = roles.get(t)!;
    const img = canonicalImage(t, r);
    const emptyBlock = r.close && prevEl?.tok !== undefined && prevEl.tok === r.openTok;
    const semiInline = r.semiItem && prevEl?.tok !== undefined && !roles.get(prevEl.tok)?.open;
    if (!started) {
      startLine(r.depth, false);
      gaps[i] = 'line';
    } else if (r.lineStart && !emptyBlock && !semiInline) {
      startLine(r.depth, breaks >= 2 && !blockStart && !r.close);
      gaps[i] = 'line';
    } else if (afterComment || forced.get(i) === 'break' || (KEEP_ITEM_BREAKS && breaks > 0 && !emptyBlock && !semiInline && breakable(prevTok!, roles.get(prevTok!)!, t, r))) {
      // continuation line: one level deeper than its item (an inline `}` lines up with the item)
      startLine(t.tokenType.name === 'RBrace' ? r.depth : r.depth + 1, false);
      gaps[i] = 'break';
    } else {
      let g: Gap = emptyBlock || semiInline ? 'glue' : gapBetween(prevTok!, roles.get(prevTok!)!, t, r);
      const f = forced.get(i);
      if (f === 'space' && g === 'glue') g = 'space';
      if (g === 'space') put(' ');
      gaps[i] = g;
    }
    at[i] = [len, len + img.length];
    put(img);
    afterComment = false;
    if (r.open) blockStart = true;
    else blockStart = false;
    prevEl = el;
    prevTok = t;
  }
  if (started) put(eol);
  return alignTrailingComments(parts.join(''), trailing, at, gaps);
}

/**
 * Trailing comments on consecutive lines start in one column: one space after the
 * widest line of the run (display width: CJK characters count 2). A blank line, an
 * own-line comment or a line without a trailing comment ends a run.
 */
function alignTrailingComments(text: string, trailing: readonly number[], at: [number, number][], gaps: (Gap | 'line')[]): Printed {
  if (trailing.length < 2) return { text, at, gaps };
  const info = trailing.map((o) => {
    const ls = Math.max(text.lastIndexOf('\n', o - 1), text.lastIndexOf('\r', o - 1)) + 1;
    return { o, width: stringWidth(text.slice(ls, o)), line: 0, pad: 0 };
  });
  let line = 0;
  let from = 0;
  for (const x of info) {
    for (let i = from; i < x.o; i++) if (text.charCodeAt(i) === 10) line++;
    from = x.o;
    x.line = line;
  }
  for (let s = 0; s < info.length; ) {
    let e = s + 1;
    while (e < info.length && info[e]!.line === info[e - 1]!.line + 1) e++;
    const col = Math.max(...info.slice(s, e).map((x) => x.width));
    for (let k = s; k < e; k++) info[k]!.pad = col - info[k]!.width;
    s = e;
  }
  const pieces: string[] = [];
  let last = 0;
  for (const x of info) {
    pieces.push(text.slice(last, x.o), ' '.repeat(x.pad));
    last = x.o;
  }
  pieces.push(text.slice(last));
  // shift token offsets past each insertion
  let k = 0;
  let shift = 0;
  const moved = at.map(([a, b]) => {
    while (k < info.length && info[k]!.o <= a) shift += info[k++]!.pad;
    return [a + shift, b + shift] as [number, number];
  });
  return { text: pieces.join(''), at: moved, gaps };
}
