/**
 * CST → AST pass, and the declaration rules both parsers share.
 * Input: the CST of one file (parser.ts). Output: FileAst + diagnostics (ZC03xx):
 * numerals, dates and units converted exactly; clause numbers decoded; attributes
 * checked against what each declaration allows.
 *
 * The declaration rules (`importDecl` … `propertyDecl`, `attribute`, `typeRef`'s `builtinType`,
 * `clauseNumber`) take a declaration's parts — its span, names, converted expressions and
 * attributes — and make its AST node and diagnostics. This file reads the parts off Chevrotain's CST;
 * ast-parser.ts gives them while it parses (a `Builder` in strict mode: the first diagnostic throws
 * `GIVE_UP`, and the caller parses the tokens with Chevrotain instead). One home for each rule.
 *
 * INVARIANT: tolerant of partial CSTs from error recovery — a missing child yields a
 * missing AST field, never an exception.
 * INVARIANT: a declaration's diagnostics come in the order the CST path makes them — parts read off the
 * CST in source order, each declaration's attributes checked before its nested declarations are
 * converted (the `…Attrs` rules run before the nested parts are read).
 */
import type { CstNode, IToken } from 'chevrotain';
import type { SourceFile, Span } from '../common/source.js';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/catalog.js';
import { parseNumeral } from '../common/numerals.js';
import { decimal, decIsInteger, decToBigInt, decMul, decCmp, type Decimal } from '../common/decimal.js';
import { parseDate, compareDates } from '../common/calendar.js';
import { tokenEnd } from './lexer.js';
import { phaseClock } from '../common/timings.js';
import type * as A from './ast.js';
import { ATTRIBUTES, PROPERTY_CATEGORIES, type AttrMode, type AttributeBlock } from './attributes.js';

type Child = CstNode | IToken;
const isToken = (c: Child): c is IToken => (c as IToken).image !== undefined;

/**
 * Thrown (one shared object) by a strict `Builder` at its first diagnostic, and by ast-parser.ts
 * where the grammar would not take its input: the caller parses the tokens with Chevrotain.
 */
export const GIVE_UP: { readonly giveUp: true } = Object.freeze({ giveUp: true });

/**
 * The `file` node ast-parser.ts gives for error-free input: the AST's top items, already built
 * (`buildAst` hands them on), and Chevrotain's CST of the same tokens when `children` or `location`
 * is first read (the formatter, the CST goldens).
 */
export interface AstParsedFile extends CstNode {
  readonly fastItems: A.TopItem[];
}
const isFast = (n: CstNode): n is AstParsedFile => (n as Partial<AstParsedFile>).fastItems !== undefined;
const NO_NODES: readonly CstNode[] = Object.freeze([]);

/**
 * `xs` with no slack: a copy of exactly its length (`slice`), or `xs` itself when empty (no backing store).
 * A list the AST keeps (quotes, names, a 条款 number's parts) lives until the end of a compile, and an
 * array grown by `push` holds 17 slots or more for its one or two items: every scavenge would copy them.
 */
function exact<T>(xs: T[]): T[] {
  return xs.length === 0 ? xs : xs.slice();
}

// ── units ────────────────────────────────────────────────────────────
const d = (n: bigint, scale = 0): Decimal => decimal(n, scale);
const UNITS: Record<string, A.UnitInfo> = {
  元: { dimension: 'money', canonical: '元', factor: d(1n) },
  万元: { dimension: 'money', canonical: '元', factor: d(10000n) },
  个: { dimension: 'count', canonical: '个', factor: d(1n) },
  人: { dimension: 'count', canonical: '个', factor: d(1n) },
  名: { dimension: 'count', canonical: '个', factor: d(1n) },
  所: { dimension: 'count', canonical: '个', factor: d(1n) },
  次: { dimension: 'count', canonical: '个', factor: d(1n) },
  孩: { dimension: 'count', canonical: '个', factor: d(1n) },
  天: { dimension: 'days', canonical: '天', factor: d(1n) },
  日: { dimension: 'days', canonical: '天', factor: d(1n) },
  工作日: { dimension: 'workdays', canonical: '工作日', factor: d(1n) },
  个工作日: { dimension: 'workdays', canonical: '工作日', factor: d(1n) },
  周: { dimension: 'weeks', canonical: '周', factor: d(1n) },
  个月: { dimension: 'months', canonical: '个月', factor: d(1n) },
  月: { dimension: 'months', canonical: '个月', factor: d(1n) },
  年: { dimension: 'years', canonical: '年', factor: d(1n) },
  小时: { dimension: 'hours', canonical: '小时', factor: d(1n) },
  月龄: { dimension: 'ageMonths', canonical: '月龄', factor: d(1n) },
  周岁: { dimension: 'ageYears', canonical: '周岁', factor: d(1n) },
  岁: { dimension: 'ageYears', canonical: '周岁', factor: d(1n) },
  '%': { dimension: 'ratio', canonical: '%', factor: d(1n, 2) },
  '％': { dimension: 'ratio', canonical: '%', factor: d(1n, 2) },
  '‰': { dimension: 'ratio', canonical: '%', factor: d(1n, 3) },
};
/** Unit info for a unit word, if known. */
export function unitInfo(word: string): A.UnitInfo | undefined {
  return UNITS[word];
}
export const UNIT_NAMES: readonly string[] = Object.keys(UNITS);

export const PERIODS: Record<string, A.Period> = {
  一次性: '一次性', 按月: '按月', 每月: '按月', 按年: '按年', 每年: '按年', 每天: '每天', 每日: '每天', 每周: '每周', 每学期: '每学期',
};

export const LEGAL_PREFIX: Record<string, A.CompareOp> = { 届满: '>=', 不满: '<', 超过: '>' };
export const LEGAL_SUFFIX: Record<string, A.CompareOp> = { 以上: '>=', 及以上: '>=', 以下: '<=', 及以下: '<=', 以内: '<=', 以外: '>' };

const EMPTY = { start: -1, end: -1 };

// parseNumeral is pure and its results immutable (Decimal is readonly): a policy repeats the same
// few numerals (clause numbers, amounts, ages) thousands of times, so each spelling is parsed once.
const numerals = new Map<string, ReturnType<typeof parseNumeral>>();
/** `parseNumeral`, memoised per spelling. */
export function numeral(image: string): ReturnType<typeof parseNumeral> {
  let r = numerals.get(image);
  if (r === undefined) {
    if (numerals.size >= 4096) numerals.clear(); // (bounded: a long-lived language server)
    r = parseNumeral(image);
    numerals.set(image, r);
  }
  return r;
}
/** The comparison operator tokens of cmpExpr, in the order they are looked for. */
const COMPARE_TOKENS = ['GreaterEq', 'LessEq', 'NotEq', 'EqEq', 'Greater', 'Less', 'Is', 'IsNot', 'LegalPrefix'] as const;
const ADD_OPS: Record<string, '+' | '-' | '*' | '/'> = { Plus: '+', Minus: '-' };
const MUL_OPS: Record<string, '+' | '-' | '*' | '/'> = { Times: '*', Divide: '/' };

/**
 * The AST's rules: the CST's conversion (the Chevrotain path) and the declaration rules both parsers
 * use. `strict` (ast-parser.ts): the first diagnostic throws `GIVE_UP` instead of being reported.
 */
export class Builder {
  readonly diagnostics: Diagnostic[] = [];
  // (created on first use: only recovered nodes lack their location)
  private spansMap: WeakMap<CstNode, { start: number; end: number }> | undefined;
  private get spans(): WeakMap<CstNode, { start: number; end: number }> {
    return (this.spansMap ??= new WeakMap());
  }
  constructor(readonly file: SourceFile, readonly errorOffsets: readonly number[] = [], readonly strict = false) {}

  /** Does a syntax error lie inside this span? (then "missing …" would only repeat it) */
  hasErrorIn(span: Span): boolean {
    return this.errorOffsets.some((o) => o >= span.start && o <= span.end);
  }

  err(code: DiagnosticCode, span: Span, message: string, extra: Parameters<typeof diag>[3] = {}): void {
    if (this.strict) throw GIVE_UP;
    this.diagnostics.push(diag(code, span, message, extra));
  }

  // ── spans ──
  /** Offsets covered by a node's real tokens; an empty (recovered) node has none. */
  range(node: CstNode): { start: number; end: number } {
    return this.rawRange(node) ?? { start: 0, end: 0 };
  }

  // INVARIANT: an empty node contributes nothing to its parent's span.
  rawRange(node: CstNode): { start: number; end: number } | undefined {
    const loc = node.location;
    if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset) && !node.recoveredNode) {
      return { start: loc.startOffset, end: loc.endOffset! + 1 };
    }
    const cached = this.spans.get(node);
    if (cached) return cached === EMPTY ? undefined : cached;
    let start = Infinity;
    let end = -Infinity;
    for (const list of Object.values(node.children)) {
      for (const c of list) {
        if (isToken(c)) {
          if (Number.isNaN(c.startOffset) || c.isInsertedInRecovery) continue;
          start = Math.min(start, c.startOffset);
          end = Math.max(end, tokenEnd(c));
        } else {
          const r = this.rawRange(c);
          if (r) {
            start = Math.min(start, r.start);
            end = Math.max(end, r.end);
          }
        }
      }
    }
    const r = start === Infinity ? undefined : { start, end };
    this.spans.set(node, r ?? EMPTY);
    return r;
  }
  spanOf(node: CstNode | IToken): Span {
    if (isToken(node)) {
      if (Number.isNaN(node.startOffset)) return this.file.span(this.file.text.length, this.file.text.length);
      return this.file.span(node.startOffset, tokenEnd(node));
    }
    const r = this.range(node);
    return this.file.span(r.start, r.end);
  }

  // ── child access ──
  /** The child nodes under `key` (read only: none is one shared empty list). */
  nodes(n: CstNode | undefined, key: string): readonly CstNode[] {
    if (n === undefined) return NO_NODES;
    const out: CstNode[] = [];
    const list = n.children[key] as Child[] | undefined;
    if (list) for (const c of list) if (!isToken(c)) out.push(c);
    return out;
  }
  node(n: CstNode | undefined, key: string): CstNode | undefined {
    if (n === undefined) return undefined;
    const list = n.children[key] as Child[] | undefined;
    if (list) for (const c of list) if (!isToken(c)) return c;
    return undefined;
  }
  tokens(n: CstNode | undefined, key: string): IToken[] {
    const out: IToken[] = [];
    if (n === undefined) return out;
    const list = n.children[key] as Child[] | undefined;
    if (list) for (const c of list) if (isToken(c) && !c.isInsertedInRecovery && !Number.isNaN(c.startOffset)) out.push(c);
    return out;
  }
  token(n: CstNode | undefined, key: string): IToken | undefined {
    if (n === undefined) return undefined;
    const list = n.children[key] as Child[] | undefined;
    if (list) for (const c of list) if (isToken(c) && !c.isInsertedInRecovery && !Number.isNaN(c.startOffset)) return c;
    return undefined;
  }
  /** Children in source order (tokens and nodes), each after its key: key, child, key, child, … */
  ordered(n: CstNode): readonly (string | Child)[] {
    const all: { key: string; child: Child; at: number }[] = [];
    const children = n.children;
    for (const key in children) {
      for (const c of children[key]!) {
        const at = isToken(c) ? c.startOffset : this.range(c).start;
        if (isToken(c) && (c.isInsertedInRecovery || Number.isNaN(c.startOffset))) continue;
        all.push({ key, child: c, at });
      }
    }
    all.sort((a, b) => a.at - b.at);
    return all.flatMap((o) => [o.key, o.child]);
  }

  // ── leaves ──
  name(n: CstNode | undefined): A.Name | undefined {
    if (!n) return undefined;
    const t = this.token(n, 'Name') ?? this.token(n, 'QuotedName');
    if (!t) return undefined;
    const quoted = t.tokenType.name === 'QuotedName';
    let text = t.image;
    if (quoted) text = text.slice(1, text.endsWith('」') || text.endsWith('】') ? -1 : undefined);
    return { text, span: this.spanOf(t), quoted };
  }

  str(t: IToken | undefined): A.StrLit | undefined {
    if (!t) return undefined;
    const img = t.image;
    const body = img.length >= 2 && img.endsWith('"') ? img.slice(1, -1) : img.slice(1);
    if (body.indexOf('\\') < 0) return { value: body, span: this.spanOf(t) }; // (no escapes: the common case)
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = body[++i];
      if (e === undefined) break;
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === '"' || e === '\\') out += e;
      else {
        this.err('ZC0105', this.file.span(t.startOffset + 1 + i - 1, t.startOffset + 1 + i + 1), `无效的转义序列“\\${e}”`, { help: '可用的转义：\\"  \\\\  \\n  \\t' });
        out += e;
      }
    }
    return { value: out, span: this.spanOf(t) };
  }

  numberValue(t: IToken): Decimal | undefined {
    const r = numeral(t.image);
    if (r.ok) return r.value;
    this.err('ZC0301', this.spanOf(t), r.message, r.help ? { help: r.help } : {});
    return undefined;
  }

  literal(n: CstNode): A.Expr | undefined {
    const dt = this.token(n, 'DateLit');
    if (dt) {
      const r = parseDate(dt.image);
      if (!r.ok) {
        this.err('ZC0302', this.spanOf(dt), r.message.startsWith('日期') ? r.message : `日期无效：${r.message}`, r.help ? { help: r.help } : {});
        return undefined;
      }
      return { kind: 'date', span: this.spanOf(dt), value: r.value, raw: dt.image };
    }
    const numTok = this.token(n, 'NumberLit') ?? this.token(n, 'ChineseNumber');
    if (!numTok) return undefined;
    const value = this.numberValue(numTok);
    if (!value) return undefined;
    const u = this.token(n, 'Unit');
    const span = this.spanOf(n);
    if (!u) return { kind: 'number', span, value, raw: numTok.image };
    const unit = UNITS[u.image];
    if (!unit) {
      this.err('ZC0303', this.spanOf(u), `未知单位“${u.image}”`);
      return { kind: 'number', span, value, raw: numTok.image };
    }
    return { kind: 'number', span, value, unit, unitText: u.image, raw: numTok.image + u.image };
  }

  // ── expressions ──
  expr(n: CstNode | undefined): A.Expr | undefined {
    if (!n) return undefined;
    const parts: A.Expr[] = [];
    for (const c of this.nodes(n, 'andExpr')) {
      const e = this.andExpr(c);
      if (e) parts.push(e);
    }
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    return { kind: 'logic', op: 'or', operands: parts, span: this.spanOf(n) };
  }
  andExpr(n: CstNode): A.Expr | undefined {
    const parts: A.Expr[] = [];
    for (const c of this.nodes(n, 'notExpr')) {
      const e = this.notExpr(c);
      if (e) parts.push(e);
    }
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    return { kind: 'logic', op: 'and', operands: parts, span: this.spanOf(n) };
  }
  notExpr(n: CstNode): A.Expr | undefined {
    if (this.token(n, 'Not')) {
      const operand = this.notExpr(this.node(n, 'notExpr')!);
      return operand && { kind: 'not', operand, span: this.spanOf(n) };
    }
    const c = this.node(n, 'cmpExpr');
    return c && this.cmpExpr(c);
  }
  cmpExpr(n: CstNode): A.Expr | undefined {
    const left = this.addExpr(this.node(n, 'addExpr'));
    if (!left) return undefined;
    const span = this.spanOf(n);
    const rhsNode = this.node(n, 'rhs');
    if (rhsNode) {
      const right = this.addExpr(rhsNode);
      if (!right) return undefined;
      let k: string | undefined;
      let t: IToken | undefined;
      for (const key of COMPARE_TOKENS) {
        t = this.token(n, key);
        if (t) {
          k = key;
          break;
        }
      }
      if (!k) return undefined;
      const op: A.CompareOp =
        k === 'GreaterEq' ? '>=' : k === 'LessEq' ? '<=' : k === 'NotEq' || k === 'IsNot' ? '!=' : k === 'EqEq' || k === 'Is' ? '=' : k === 'Greater' ? '>' : k === 'Less' ? '<' : LEGAL_PREFIX[t!.image]!;
      return k === 'LegalPrefix' ? { kind: 'compare', op, left, right, span, word: t!.image } : { kind: 'compare', op, left, right, span };
    }
    const setNode = this.node(n, 'setExpr');
    if (setNode) {
      const members = this.nodes(setNode, 'member').map((m) => this.addExpr(m)).filter((e): e is A.Expr => !!e);
      return { kind: 'in', negated: !!this.token(n, 'NotIn'), subject: left, members, span };
    }
    const boundNode = this.node(n, 'bound');
    if (boundNode) {
      let bound = this.literal(boundNode);
      const suffix = this.token(n, 'LegalSuffix');
      if (!bound) return undefined;
      if (suffix) return { kind: 'compare', op: LEGAL_SUFFIX[suffix.image]!, left, right: bound, span, word: suffix.image };
      const endNode = this.node(n, 'boundEnd');
      let high = endNode && this.literal(endNode);
      if (!high) return undefined;
      // 「6—24月龄」: a bound written without a unit takes the other bound's unit.
      if (bound.kind === 'number' && high.kind === 'number') {
        if (!bound.unit && high.unit) bound = { ...bound, unit: high.unit, unitText: high.unitText! };
        else if (bound.unit && !high.unit) high = { ...high, unit: bound.unit, unitText: bound.unitText! };
      }
      // as written, from the tokens (never the raw slice: it could hold comments or line breaks)
      const dashTok = this.token(n, 'Dash') ?? this.token(n, 'RangeWord');
      const img = (x: CstNode) => this.ordered(x).map((c, i) => (i % 2 === 1 && isToken(c as Child) ? (c as IToken).image : '')).join('');
      const word = `${img(boundNode)}${dashTok?.image ?? '—'}${img(endNode!)}${this.token(n, 'Between')?.image ?? ''}`;
      if (bound.kind === 'date' && high.kind === 'date' && compareDates(bound.value, high.value) > 0) {
        this.err('ZC0308', span, `日期区间“${word}”的起点晚于终点`, { help: '区间写作“起始日期 至 终止日期”' });
      }
      if (bound.kind === 'number' && high.kind === 'number' && bound.unit?.dimension === high.unit?.dimension) {
        const lo = bound.unit ? decMul(bound.value, bound.unit.factor) : bound.value;
        const hi = high.unit ? decMul(high.value, high.unit.factor) : high.value;
        if (decCmp(lo, hi) > 0) this.err('ZC0308', span, `区间“${word}”的下限大于上限`, { help: '区间写作“下限—上限”，两端都包含' });
      }
      return { kind: 'range', subject: left, low: bound, high, span, word };
    }
    return left;
  }
  addExpr(n: CstNode | undefined): A.Expr | undefined {
    if (!n) return undefined;
    const operands = n.children['mulExpr'] as CstNode[] | undefined;
    if (operands && operands.length === 1) return this.mulExpr(operands[0]!); // the common case: no operator
    return this.binaryChain(n, 'mulExpr', (c) => this.mulExpr(c), ADD_OPS);
  }
  mulExpr(n: CstNode): A.Expr | undefined {
    const operands = n.children['unaryExpr'] as CstNode[] | undefined;
    if (operands && operands.length === 1) return this.unaryExpr(operands[0]!); // the common case: no operator
    return this.binaryChain(n, 'unaryExpr', (c) => this.unaryExpr(c), MUL_OPS);
  }
  binaryChain(n: CstNode, sub: string, f: (c: CstNode) => A.Expr | undefined, ops: Record<string, '+' | '-' | '*' | '/'>): A.Expr | undefined {
    const operands = n.children[sub] as CstNode[] | undefined;
    if (operands && operands.length === 1) return f(operands[0]!); // the common case: no operator
    const o = this.ordered(n);
    const items: { key: string; child: Child }[] = [];
    for (let i = 0; i < o.length; i += 2) if (o[i] === sub || (o[i] as string) in ops) items.push({ key: o[i] as string, child: o[i + 1] as Child });
    let acc: A.Expr | undefined;
    let pending: '+' | '-' | '*' | '/' | undefined;
    for (const o of items) {
      if (o.key in ops) {
        pending = ops[o.key];
        continue;
      }
      const e = f(o.child as CstNode);
      if (!e) return undefined;
      if (!acc) acc = e;
      else if (pending) {
        acc = { kind: 'arith', op: pending, left: acc, right: e, span: this.file.span(acc.span.start, e.span.end) };
        pending = undefined;
      }
    }
    return acc;
  }
  unaryExpr(n: CstNode): A.Expr | undefined {
    if (this.token(n, 'Minus')) {
      const operand = this.unaryExpr(this.node(n, 'unaryExpr')!);
      return operand && { kind: 'neg', operand, span: this.spanOf(n) };
    }
    const p = this.node(n, 'postfixExpr');
    if (!p) return undefined;
    let e = this.primary(this.node(p, 'primary'));
    if (!e) return undefined;
    // fast path: only `.member` suffixes
    if (!p.children['quantSuffix'] && !p.children['nthSuffix']) {
      for (const m of this.nodes(p, 'member')) {
        const member = this.name(m);
        if (!member) return undefined;
        e = { kind: 'member', object: e, member, span: this.file.span(e.span.start, member.span.end) };
      }
      return e;
    }
    const po = this.ordered(p);
    for (let i = 0; i < po.length; i += 2) {
      const key = po[i] as string;
      const child = po[i + 1] as Child;
      if (isToken(child)) continue;
      if (key === 'member') {
        const member = this.name(child);
        if (!member) return undefined;
        e = { kind: 'member', object: e, member, span: this.file.span(e.span.start, member.span.end) };
      } else if (key === 'quantSuffix') {
        const wordTok = this.token(child, 'QuantExists') ?? this.token(child, 'QuantForall') ?? this.token(child, 'QuantNone');
        const body = this.expr(this.node(child, 'body'));
        if (!wordTok || !body) return undefined;
        const q = wordTok.tokenType.name === 'QuantExists' ? 'exists' : wordTok.tokenType.name === 'QuantForall' ? 'forall' : 'none';
        const span = this.file.span(e.span.start, this.spanOf(child).end);
        e = { kind: 'quant', q, list: e, body, word: wordTok.image, wordSpan: this.spanOf(wordTok), span };
      } else if (key === 'nthSuffix') {
        const keyExpr = this.expr(this.node(child, 'key'));
        const idxNode = this.node(child, 'index');
        const index = idxNode && this.literal(idxNode);
        if (!keyExpr || !index) return undefined;
        if (index.kind !== 'number' || (index.unit && index.unit.dimension !== 'count') || !decIsInteger(index.value) || decCmp(index.value, decimal(1n)) < 0) {
          this.err('ZC0311', index.span, `“第${this.file.text.slice(index.span.start, index.span.end)}”应为从1开始的序数，如 第1个、第三个`);
          return undefined;
        }
        e = { kind: 'nth', list: e, key: keyExpr, index, span: this.file.span(e.span.start, this.spanOf(child).end) };
      }
    }
    return e;
  }
  primary(n: CstNode | undefined): A.Expr | undefined {
    if (!n) return undefined;
    const span = this.spanOf(n);
    const lit = this.node(n, 'literal');
    if (lit) return this.literal(lit);
    const s = this.token(n, 'StringLit');
    if (s) {
      const v = this.str(s)!;
      return { kind: 'string', value: v.value, span };
    }
    if (this.token(n, 'True')) return { kind: 'bool', value: true, span };
    if (this.token(n, 'False')) return { kind: 'bool', value: false, span };
    if (this.token(n, 'Unknown')) return { kind: 'unknown', span };
    if (this.token(n, 'SameDay')) return { kind: 'dayAnchor', which: 'sameDay', span };
    if (this.token(n, 'NextDay')) return { kind: 'dayAnchor', which: 'nextDay', span };
    if (this.token(n, 'It')) return { kind: 'it', span };
    const p = this.token(n, 'PeriodKeyword');
    if (p) return { kind: 'period', period: PERIODS[p.image]!, span };
    const inner = this.node(n, 'inner');
    if (inner) {
      // the parenthesised expression's span includes its parentheses
      const e = this.expr(inner);
      return e && { ...e, span };
    }
    const typeCallee = this.token(n, 'typeCallee');
    if (typeCallee) {
      const args = this.nodes(n, 'arg').map((a) => this.expr(a)).filter((e): e is A.Expr => !!e);
      return { kind: 'call', callee: { text: typeCallee.image, span: this.spanOf(typeCallee), quoted: false }, args, span };
    }
    const name = this.name(this.node(n, 'nameTok'));
    if (!name) return undefined;
    if (this.token(n, 'LParen')) {
      const args = this.nodes(n, 'arg').map((a) => this.expr(a)).filter((e): e is A.Expr => !!e);
      return { kind: 'call', callee: name, args, span };
    }
    return { kind: 'name', name, span };
  }

  // ── types ──
  typeRef(n: CstNode | undefined): A.TypeRef | undefined {
    if (!n) return undefined;
    const span = this.spanOf(n);
    const kwTok = this.token(n, 'TypeKeyword');
    if (!kwTok) return this.namedType(span, this.name(this.node(n, 'nameTok')));
    const arg = this.node(n, 'arg');
    const pct = this.token(n, 'Percent');
    if (pct || !arg) return this.builtinType(span, kwTok.image as A.BuiltinType, pct);
    if (kwTok.image === '列表') return this.builtinType(span, '列表', undefined, this.spanOf(arg), undefined, this.typeRef(arg));
    // 时长（个月）: the argument is a unit word, lexed as a name.
    return this.builtinType(span, kwTok.image as A.BuiltinType, undefined, this.spanOf(arg), this.name(this.node(arg, 'nameTok'))?.text ?? this.token(arg, 'TypeKeyword')?.image);
  }
  /** Rule: a type written as a name. */
  namedType(span: Span, name: A.Name | undefined): A.TypeRef | undefined {
    return name && { kind: 'named', name, span };
  }
  /**
   * Rule: a built-in type — with a percent sign, or its argument (at `argSpan`): a 列表's `element`
   * type, else a unit `word` (the argument's name or type keyword).
   */
  builtinType(span: Span, base: A.BuiltinType, pct?: IToken, argSpan?: Span, word?: string, element?: A.TypeRef): A.TypeRef {
    if (pct) return { kind: 'builtin', name: base, unit: UNITS[pct.image]!, unitText: pct.image, span };
    if (!argSpan) return { kind: 'builtin', name: base, span };
    if (base === '列表') return element ? { kind: 'builtin', name: base, element, span } : { kind: 'builtin', name: base, span };
    const unit = word ? UNITS[word] : undefined;
    if (!unit) {
      this.err('ZC0303', argSpan, `未知单位“${word ?? ''}”`, { help: `可用的单位：${UNIT_NAMES.join('、')}` });
      return { kind: 'builtin', name: base, span, unknownUnit: word ?? '' };
    }
    return { kind: 'builtin', name: base, unit, unitText: word!, span };
  }

  // ── attributes ──
  attribute(n: CstNode): A.Attribute | undefined {
    const keyTok = this.token(n, 'AttrKey') ?? this.token(n, 'TypeKeyword');
    if (!keyTok) return undefined;
    const block = this.node(n, 'attrBlock');
    const written = this.nodes(n, 'valueItem');
    const values: A.ValueItem[] = [];
    for (let i = 0; i < written.length; i++) {
      const v = this.valueItem(written[i]!);
      if (v) values.push(v);
    }
    return this.attributeOf(keyTok, this.spanOf(n), values, written.length, block && this.attrBlock(block));
  }
  /** Rule: an attribute — its key, its converted values (of `written` written ones), or its block's attributes. */
  attributeOf(keyTok: IToken, span: Span, values: A.ValueItem[], written: number, block: A.Attribute[] | undefined): A.Attribute {
    const attr: A.Attribute = { key: keyTok.image, keySpan: this.spanOf(keyTok), span, values, written };
    if (block) return { ...attr, block };
    return attr;
  }
  /** The attributes of a node (an attribute block, or a declaration holding attributes directly). */
  attrBlock(n: CstNode | undefined): A.Attribute[] {
    const list = this.nodes(n, 'attribute');
    const out: A.Attribute[] = [];
    for (let i = 0; i < list.length; i++) {
      const a = this.attribute(list[i]!);
      if (a) out.push(a);
    }
    return out;
  }
  valueItem(n: CstNode): A.ValueItem | undefined {
    const expr = this.expr(this.node(n, 'expr'));
    if (!expr) return undefined;
    const endNode = this.node(n, 'rangeEnd');
    return this.valueItemOf(this.spanOf(n), expr, endNode && this.expr(endNode));
  }
  /** Rule: one value of an attribute (a range when `rangeEnd`). */
  valueItemOf(span: Span, expr: A.Expr, rangeEnd: A.Expr | undefined): A.ValueItem {
    return rangeEnd ? { span, expr, rangeEnd } : { span, expr };
  }

  /** Index attributes by key; report unknown and duplicate keys. */
  attrs(list: readonly A.Attribute[], where: AttributeBlock): Map<string, A.Attribute> {
    const allowed: Readonly<Record<string, AttrMode>> = ATTRIBUTES[where];
    const out = new Map<string, A.Attribute>();
    // (indexed loops in these per-declaration rules: a for…of in code not yet optimized allocates an iterator and a result object per item)
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      const mode = allowed[a.key];
      if (!mode) {
        this.err('ZC0312', a.keySpan, `${where}中不能使用“${a.key}”`, { help: `${where}中可用：${Object.keys(allowed).join('、')}` });
        continue;
      }
      const prev = out.get(a.key);
      if (prev) {
        if (mode === 'many') {
          out.set(a.key, { ...prev, values: [...prev.values, ...a.values] });
          continue;
        }
        this.err('ZC0306', a.keySpan, `“${a.key}”重复出现`, { related: [{ span: prev.keySpan, message: '第一次出现在这里' }], help: '删除其中一处' });
        continue;
      }
      if (mode === 'one' && a.values.length > 1) {
        this.err('ZC0311', a.values[1]!.span, `“${a.key}”只能有一个值`);
      }
      out.set(a.key, a);
    }
    return out;
  }
  strings(a: A.Attribute | undefined): A.StrLit[] {
    if (!a) return [];
    const out: A.StrLit[] = [];
    const vs = a.values;
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i]!;
      if (v.expr.kind === 'string' && !v.rangeEnd) out.push({ value: v.expr.value, span: v.expr.span });
      else this.err('ZC0311', v.span, `“${a.key}”的值应为带引号的文字 "…"`);
    }
    return exact(out);
  }
  string1(a: A.Attribute | undefined): A.StrLit | undefined {
    return this.strings(a)[0];
  }
  names(a: A.Attribute | undefined): A.Name[] {
    if (!a) return [];
    const out: A.Name[] = [];
    const vs = a.values;
    for (let i = 0; i < vs.length; i++) {
      const v = vs[i]!;
      if (v.expr.kind === 'name' && !v.rangeEnd) out.push(v.expr.name);
      else this.err('ZC0311', v.span, `“${a.key}”的值应为名称`);
    }
    return exact(out);
  }
  name1(a: A.Attribute | undefined): A.Name | undefined {
    return this.names(a)[0];
  }
  expr1(a: A.Attribute | undefined): A.Expr | undefined {
    if (!a) return undefined;
    const v = a.values[0];
    if (!v) {
      // (a value that failed to convert was already reported)
      if (a.written === 0 && !a.block) this.err('ZC0311', a.span, `“${a.key}”缺少值`);
      return undefined;
    }
    if (v.rangeEnd) this.err('ZC0311', v.span, `“${a.key}”的值不能是区间`);
    return v.expr;
  }
  required<T>(v: T | undefined, key: string, span: Span, where: string): T | undefined {
    // a node rebuilt by error recovery already has a syntax error: do not pile on
    if (v === undefined && span.end > span.start && !this.hasErrorIn(span)) this.err('ZC0307', span, `${where}缺少“${key}”`, { help: `补上“${key}：…”` });
    return v;
  }

  // ── declarations, from the CST (each reads its parts in source order and applies its rule below) ──
  fileItems(n: CstNode): A.TopItem[] {
    const items: A.TopItem[] = [];
    for (const ti of this.nodes(n, 'topItem')) {
      const o = this.ordered(ti);
      for (let i = 0; i < o.length; i += 2) {
        const child = o[i + 1] as Child;
        if (isToken(child)) continue;
        const key = o[i] as string;
        const item = this.topItem(key, child);
        if (item) items.push(item);
      }
    }
    return items;
  }
  topItem(key: string, n: CstNode): A.TopItem | undefined {
    switch (key) {
      case 'importDecl': return this.importDecl(this.spanOf(n), this.str(this.token(n, 'StringLit')));
      case 'policyDecl': {
        const span = this.spanOf(n);
        const name = this.name(this.node(n, 'nameTok'));
        return this.policyDecl(span, name, this.attrBlock(this.node(n, 'attrBlock')));
      }
      case 'enumDecl': {
        const name = this.name(this.node(n, 'nameTok'));
        const members = this.nodes(n, 'member').map((m) => this.name(m)).filter((x): x is A.Name => !!x);
        return this.enumDecl(this.spanOf(n), name, members);
      }
      case 'entityDecl': {
        const name = this.name(this.node(n, 'nameTok'));
        const fields: A.FieldDecl[] = [];
        for (const f of this.nodes(n, 'fieldDecl')) {
          const fname = this.name(this.node(f, 'nameTok'));
          const type = this.typeRef(this.node(f, 'typeRef'));
          const doc = this.str(this.token(f, 'StringLit'));
          const field = this.fieldDecl(this.spanOf(f), fname, type, doc, !!this.token(f, 'Signed'));
          if (field) fields.push(field);
        }
        return this.entityDecl(this.spanOf(n), name, fields);
      }
      case 'paramDecl': {
        const name = this.name(this.node(n, 'nameTok'));
        const type = this.typeRef(this.node(n, 'typeRef'));
        const from = this.str(this.token(n, 'StringLit'));
        return this.paramDecl(this.spanOf(n), name, type, from);
      }
      case 'orgDecl': {
        const name = this.name(this.node(n, 'nameTok'));
        return this.orgDecl(this.spanOf(n), name, this.attrBlock(this.node(n, 'attrBlock')));
      }
      case 'clauseDecl': return this.clause(n);
      case 'indicatorDecl': return this.indicator(n);
      case 'propertyDecl': return this.property(n);
      case 'qualDecl': return this.qual(n);
      case 'doubtDecl': return this.doubt(n);
      case 'definitionDecl': return this.definition(n);
      case 'assumptionDecl': return this.assumption(n);
      default: return undefined;
    }
  }

  clause(n: CstNode): A.ClauseDecl {
    const span = this.spanOf(n);
    const numberNode = this.node(n, 'clauseNumber');
    let number: A.ClauseNumberPart[] = [];
    if (numberNode) {
      const o = this.ordered(numberNode);
      const seq: IToken[] = [];
      for (let i = 1; i < o.length; i += 2) seq.push(o[i] as IToken);
      number = this.clauseNumber(seq, 0, seq.length);
    }
    const title = this.str(this.token(n, 'title'));
    const items: A.ClauseItem[] = [];
    const attrList: A.Attribute[] = [];
    const o = this.ordered(n);
    for (let i = 0; i < o.length; i += 2) {
      const child = o[i + 1] as Child;
      if (isToken(child)) continue;
      const key = o[i] as string;
      if (key === 'attribute') {
        const a = this.attribute(child);
        if (a) attrList.push(a);
      } else {
        const item = this.clauseItem(key, child);
        if (item) items.push(item);
      }
    }
    return this.clauseDecl(span, number, numberNode ? this.spanOf(numberNode) : span, title, attrList, items);
  }

  /** A 条款's item from its CST child (`key`: the rule's name); undefined for another child or a dropped declaration. */
  clauseItem(key: string, n: CstNode): A.ClauseItem | undefined {
    switch (key) {
      case 'clauseDecl': return this.clause(n);
      case 'measureDecl': return this.measure(n);
      case 'qualDecl': return this.qual(n);
      case 'doubtDecl': return this.doubt(n);
      case 'indicatorDecl': return this.indicator(n);
      case 'propertyDecl': return this.property(n);
      case 'definitionDecl': return this.definition(n);
      case 'assumptionDecl': return this.assumption(n);
      default: return undefined;
    }
  }

  measure(n: CstNode): A.MeasureDecl | undefined {
    const name = this.name(this.node(n, 'nameTok'));
    if (!name) return undefined;
    const at = this.measureAttrs(this.attrBlock(n));
    const outcomes: A.OutcomeDecl[] = [];
    for (const o of this.nodes(n, 'outcomeDecl')) {
      const oname = this.name(this.node(o, 'nameTok'));
      const type = this.typeRef(this.node(o, 'typeRef'));
      const out = this.outcomeDecl(this.spanOf(o), oname, type, this.token(o, 'PeriodKeyword'), !!this.token(o, 'Required'));
      if (out) outcomes.push(out);
    }
    const rules = this.nodes(n, 'ruleDecl').map((r) => this.rule(r)).filter((r): r is A.RuleDecl => !!r);
    const doubts = this.nodes(n, 'doubtDecl').map((r) => this.doubt(r)).filter((r): r is A.DoubtDecl => !!r);
    return this.measureDecl(this.spanOf(n), name, at, outcomes, rules, doubts);
  }

  rule(n: CstNode): A.RuleDecl | undefined {
    const name = this.name(this.node(n, 'nameTok'));
    if (!name) return undefined;
    const overrides = this.nodes(n, 'overrides').map((o) => this.name(o)).filter((x): x is A.Name => !!x);
    const at = this.ruleAttrs(this.attrBlock(n));
    const assignments: A.Assignment[] = [];
    for (const a of this.nodes(n, 'assignment')) {
      const target = this.name(this.node(a, 'nameTok'));
      const value = this.expr(this.node(a, 'expr'));
      if (target && value) assignments.push(this.assignment(this.spanOf(a), target, value));
    }
    return this.ruleDecl(this.spanOf(n), name, overrides, at, assignments);
  }

  qual(n: CstNode): A.QualDecl {
    const name = this.name(this.node(n, 'nameTok'));
    return this.qualDecl(this.spanOf(n), name, this.attrBlock(this.node(n, 'attrBlock')), !!n.recoveredNode);
  }

  doubt(n: CstNode): A.DoubtDecl | undefined {
    const name = this.name(this.node(n, 'nameTok'));
    if (!name) return undefined;
    const at = this.doubtAttrs(this.attrBlock(n));
    const readings: A.Reading[] = [];
    for (const r of this.nodes(n, 'readingDecl')) {
      const rn = this.name(this.node(r, 'nameTok'));
      const text = this.str(this.token(r, 'StringLit'));
      if (rn && text) readings.push(this.reading(this.spanOf(r), rn, text));
    }
    return this.doubtDecl(this.spanOf(n), name, at, readings, !!n.recoveredNode);
  }

  indicator(n: CstNode): A.IndicatorDecl | undefined {
    const name = this.name(this.node(n, 'nameTok'));
    const value = this.expr(this.node(n, 'expr'));
    if (!name || !value) return undefined;
    const type = this.typeRef(this.node(n, 'typeRef'));
    return this.indicatorDecl(this.spanOf(n), name, value, type, this.attrBlock(this.node(n, 'attrBlock')));
  }

  definition(n: CstNode): A.DefinitionDecl | undefined {
    const first = this.name(this.node(n, 'nameTok'));
    const second = this.name(this.node(n, 'member'));
    const value = this.expr(this.node(n, 'expr'));
    if (!first || !value) return undefined;
    const type = this.typeRef(this.node(n, 'typeRef'));
    return this.definitionDecl(this.spanOf(n), first, second, value, type, this.attrBlock(this.node(n, 'attrBlock')));
  }

  assumption(n: CstNode): A.AssumptionDecl | undefined {
    const name = this.name(this.node(n, 'nameTok'));
    if (!name) return undefined;
    return this.assumptionDecl(this.spanOf(n), name, this.attrBlock(this.node(n, 'attrBlock')));
  }

  property(n: CstNode): A.PropertyDecl | undefined {
    const name = this.name(this.node(n, 'nameTok'));
    if (!name) return undefined;
    return this.propertyDecl(this.spanOf(n), name, this.attrBlock(this.node(n, 'attrBlock')), !!n.recoveredNode);
  }

  // ── declaration rules (both parsers): a declaration's parts → its AST node and diagnostics ──
  importDecl(span: Span, path: A.StrLit | undefined): A.ImportDecl | undefined {
    return path && { kind: 'import', path, span };
  }

  enumDecl(span: Span, name: A.Name | undefined, members: A.Name[]): A.EnumDecl | undefined {
    return name && { kind: 'enum', name, members, span };
  }

  fieldDecl(span: Span, name: A.Name | undefined, type: A.TypeRef | undefined, doc: A.StrLit | undefined, signed: boolean): A.FieldDecl | undefined {
    if (!name || !type) return undefined;
    return { name, type, ...(doc ? { doc } : {}), span, ...(signed ? { signed } : {}) };
  }

  entityDecl(span: Span, name: A.Name | undefined, fields: A.FieldDecl[]): A.EntityDecl | undefined {
    return name && { kind: 'entity', name, fields, span };
  }

  paramDecl(span: Span, name: A.Name | undefined, type: A.TypeRef | undefined, from: A.StrLit | undefined): A.ParamDecl | undefined {
    return name && type && from && { kind: 'param', name, type, from, span };
  }

  orgDecl(span: Span, name: A.Name | undefined, attrList: A.Attribute[]): A.OrgDecl | undefined {
    const at = this.attrs(attrList, '机构');
    const fullName = this.string1(at.get('全称'));
    const decl: A.OrgDecl = { kind: 'org', name: name!, aliases: this.names(at.get('别名')), span, ...(fullName ? { fullName } : {}) };
    return name && decl;
  }

  policyDecl(span: Span, name: A.Name | undefined, attrList: A.Attribute[]): A.PolicyDecl {
    const at = this.attrs(attrList, '政策');
    let effective: A.PolicyDecl['effective'];
    const eff = at.get('生效');
    if (eff) {
      const e = this.expr1(eff);
      const note = this.string1(at.get('说明'));
      // the span is the whole attribute (生效：未知): where diagnostics and findings about it point
      if (e?.kind === 'date') effective = { span: eff.span, date: e.value, ...(note ? { note } : {}) };
      else if (e?.kind === 'unknown') effective = { span: eff.span, ...(note ? { note } : {}) };
      else if (e?.kind === 'call' && e.callee.text === '某日' && e.args.length === 2 && e.args[0]!.kind === 'date' && e.args[1]!.kind === 'date') {
        const lo = e.args[0].value;
        const hi = e.args[1].value;
        if (compareDates(lo, hi) > 0) {
          const [a, b] = e.args as [A.Expr, A.Expr];
          const src = (x: A.Expr) => this.file.text.slice(x.span.start, x.span.end);
          this.err('ZC0308', e.span, '“某日”的最早日期晚于最晚日期', {
            help: '写作 某日（最早日期，最晚日期）',
            fixes: [{ title: '交换两个日期', edits: [{ span: a.span, newText: src(b) }, { span: b.span, newText: src(a) }] }],
          });
        }
        else effective = { span: eff.span, range: { lo, hi }, ...(note ? { note } : {}) };
        if (!effective) effective = { span: eff.span, invalid: true };
      } else {
        if (e) this.err('ZC0311', e.span, '“生效”的值应为日期、“未知”或“某日（最早日期，最晚日期）”');
        // (written, but not a date: its error is said — by ZC0311 here or by the value's own — not also “生效日期未知”)
        effective = { span: eff.span, invalid: true };
      }
    }
    let issued: A.PolicyDecl['issued'];
    const iss = this.expr1(at.get('成文日期'));
    if (iss?.kind === 'date') issued = { span: iss.span, date: iss.value };
    else if (iss) this.err('ZC0311', iss.span, '“成文日期”的值应为日期');
    let sunset: A.Sunset | undefined;
    const sun = at.get('失效');
    if (sun) {
      if (!sun.block) this.err('ZC0311', sun.span, '“失效”应写成块：失效 { 条件：… 起算：当日 }');
      else {
        const sat = this.attrs(sun.block, '失效');
        const cond = this.required(this.expr1(sat.get('条件')), '条件', sun.keySpan, '失效');
        const st = this.expr1(sat.get('起算'));
        let start: 'sameDay' | 'nextDay' = 'sameDay';
        if (st?.kind === 'dayAnchor') start = st.which;
        else if (st) this.err('ZC0311', st.span, '“起算”的值应为“当日”或“次日”');
        else this.err('ZC0307', sun.keySpan, '失效缺少“起算”：须写明自事件当日还是次日起失效', { help: '补上“起算：当日”或“起算：次日”' });
        if (cond) sunset = { span: sun.span, condition: cond, start };
      }
    }
    const interpreter = this.name1(at.get('解释机关'));
    const docNumber = this.string1(at.get('文号'));
    const issuer = this.string1(at.get('发文机关'));
    const title = this.string1(at.get('标题'));
    const source = this.string1(at.get('来源'));
    return {
      kind: 'policy', span, basis: this.strings(at.get('依据')),
      ...(name ? { name } : {}), ...(docNumber ? { docNumber } : {}), ...(issuer ? { issuer } : {}), ...(title ? { title } : {}),
      ...(source ? { source } : {}), ...(effective ? { effective } : {}), ...(issued ? { issued } : {}), ...(sunset ? { sunset } : {}),
      ...(interpreter ? { interpreter } : {}),
    };
  }

  /** Rule: a 条款 number from its tokens `seq[from, to)` (附件N, 一、, （一）, 1., （1）). */
  clauseNumber(seq: readonly IToken[], from: number, to: number): A.ClauseNumberPart[] {
    const parts: A.ClauseNumberPart[] = [];
    for (let i = from; i < to; i++) {
      const t = seq[i]!;
      const tn = t.tokenType.name;
      const val = (tok: IToken): number | undefined => {
        const v = this.numberValue(tok);
        if (!v) return undefined;
        if (!decIsInteger(v) || decToBigInt(v) < 1n || decToBigInt(v) > 999n) {
          this.err('ZC0304', this.spanOf(tok), `条款编号“${tok.image}”应为1到999之间的整数`);
          return undefined;
        }
        return Number(decToBigInt(v));
      };
      if (tn === 'Annex') {
        const num = ++i < to ? seq[i] : undefined;
        const v = num && val(num);
        if (v) parts.push({ level: 'annex', n: v, span: this.file.span(t.startOffset, tokenEnd(num)), raw: `附件${num.image}` });
      } else if (tn === 'LParen') {
        const num = ++i < to ? seq[i] : undefined;
        const close = ++i < to ? seq[i] : undefined;
        const v = num && val(num);
        if (v && num) parts.push({ level: num.tokenType.name === 'ChineseNumber' ? 'subsec' : 'subitem', n: v, span: this.file.span(t.startOffset, close ? tokenEnd(close) : tokenEnd(num)), raw: `（${num.image}）` });
      } else if (tn === 'ChineseNumber' || tn === 'NumberLit') {
        const next = i + 1 < to ? seq[i + 1] : undefined;
        const hasMark = next && (next.tokenType.name === 'Comma' || next.tokenType.name === 'Dot');
        if (hasMark) i++;
        const v = val(t);
        const chinese = tn === 'ChineseNumber';
        if (v) parts.push({ level: chinese ? 'sec' : 'item', n: v, span: this.file.span(t.startOffset, hasMark ? tokenEnd(next) : tokenEnd(t)), raw: chinese ? `${t.image}、` : `${t.image}.` });
      }
    }
    return exact(parts);
  }

  clauseDecl(span: Span, number: A.ClauseNumberPart[], numberSpan: Span, title: A.StrLit | undefined, attrList: A.Attribute[], items: A.ClauseItem[]): A.ClauseDecl {
    const at = this.attrs(attrList, '条款');
    return {
      kind: 'clause', span, number, numberSpan, quotes: this.strings(at.get('原文')), items,
      ...(title ? { title } : {}),
    };
  }

  /** A 措施's attributes, checked (before its outcomes, rules and doubts are converted). */
  measureAttrs(attrList: A.Attribute[]): Map<string, A.Attribute> {
    return this.attrs(attrList, '措施');
  }

  outcomeDecl(span: Span, name: A.Name | undefined, type: A.TypeRef | undefined, period: IToken | undefined, required: boolean): A.OutcomeDecl | undefined {
    if (!name || !type) return undefined;
    return { kind: 'outcome', name, type, required, span, ...(period ? { period: PERIODS[period.image]! } : {}) };
  }

  measureDecl(span: Span, name: A.Name, at: Map<string, A.Attribute>, outcomes: A.OutcomeDecl[], rules: A.RuleDecl[], doubts: A.DoubtDecl[]): A.MeasureDecl {
    const subject = this.name1(at.get('对象'));
    let recipient: A.MeasureDecl['recipient'];
    const ra = at.get('发放对象');
    const rv = ra?.values[0];
    if (ra && rv) {
      if (rv.expr.kind === 'name' && !rv.rangeEnd) recipient = { span: rv.span, entity: rv.expr.name };
      else if (rv.expr.kind === 'string' && !rv.rangeEnd) recipient = { span: rv.span, text: { value: rv.expr.value, span: rv.expr.span } };
      else this.err('ZC0311', rv.span, '“发放对象”的值应为实体名称或带引号的文字 "…"');
    }
    const application = this.name1(at.get('申请条件'));
    const note = this.string1(at.get('说明'));
    const category = this.name1(at.get('类别'));
    const reason = this.string1(at.get('理由'));
    return {
      kind: 'measure', name, span, quotes: this.strings(at.get('原文')), lead: this.names(at.get('牵头单位')),
      responsible: this.names(at.get('责任单位')), outcomes, rules, doubts,
      ...(subject ? { subject } : {}), ...(recipient ? { recipient } : {}), ...(application ? { application } : {}),
      ...(note ? { note } : {}), ...(category ? { category } : {}), ...(reason ? { reason } : {}),
    };
  }

  /** A 规则's attributes, checked (before its assignments are converted). */
  ruleAttrs(attrList: A.Attribute[]): Map<string, A.Attribute> {
    return this.attrs(attrList, '规则');
  }

  assignment(span: Span, target: A.Name, value: A.Expr): A.Assignment {
    return { target, value, span };
  }

  ruleDecl(span: Span, name: A.Name, overrides: A.Name[], at: Map<string, A.Attribute>, assignments: A.Assignment[]): A.RuleDecl {
    const condition = this.expr1(at.get('条件'));
    let validFrom: A.Expr | undefined;
    let validTo: A.Expr | undefined;
    let validFor: A.Expr | undefined;
    const v = at.get('有效期');
    if (v) {
      const item = v.values[0];
      // (one value that is a number: a duration counted from the 施行日, `有效期：三年` — the checker checks its unit)
      if (item && !item.rangeEnd && item.expr.kind === 'number' && v.values.length === 1) validFor = item.expr;
      else if (item && item.rangeEnd) {
        validFrom = item.expr;
        validTo = item.rangeEnd;
        if (validFrom.kind === 'date' && validTo.kind === 'date' && compareDates(validFrom.value, validTo.value) > 0) {
          this.err('ZC0308', item.span, '有效期的起始日期晚于终止日期', { help: '写成“有效期：起始日期 至 终止日期”' });
        }
      } else this.err('ZC0311', v.span, '“有效期”应写成“起始日期 至 终止日期”或自施行日起的期限（如“有效期：3年”）');
    }
    const note = this.string1(at.get('说明'));
    return {
      kind: 'rule', name, overrides, assignments, span, quotes: this.strings(at.get('原文')),
      ...(condition ? { condition } : {}), ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}), ...(validFor ? { validFor } : {}), ...(note ? { note } : {}),
    };
  }

  /** `recovered`: the node was rebuilt by error recovery (no "missing …" then). */
  qualDecl(span: Span, name: A.Name | undefined, attrList: A.Attribute[], recovered: boolean): A.QualDecl {
    const at = this.attrs(attrList, '定性');
    const quotes = this.strings(at.get('原文'));
    if (quotes.length === 0 && span.end > span.start && !recovered && !this.hasErrorIn(span)) this.err('ZC0307', span, '定性条目缺少“原文”', { help: '补上“原文：\"…\"”' });
    const category = recovered ? this.name1(at.get('类别')) : this.required(this.name1(at.get('类别')), '类别', span, '定性条目');
    const reason = this.string1(at.get('理由'));
    return {
      kind: 'qualitative', span, quotes, lead: this.names(at.get('牵头单位')), responsible: this.names(at.get('责任单位')),
      ...(name ? { name } : {}), ...(category ? { category } : {}), ...(reason ? { reason } : {}),
    };
  }

  /** A 存疑's attributes, checked (before its readings are converted). */
  doubtAttrs(attrList: A.Attribute[]): Map<string, A.Attribute> {
    return this.attrs(attrList, '存疑');
  }

  reading(span: Span, name: A.Name, text: A.StrLit): A.Reading {
    return { name, text, span };
  }

  doubtDecl(span: Span, name: A.Name, at: Map<string, A.Attribute>, readings: A.Reading[], recovered: boolean): A.DoubtDecl {
    if (readings.length < 2 && !recovered && !this.hasErrorIn(span)) this.err('ZC0307', span, '存疑注记至少要列出两种“解读”', { help: '写出每一种可能的理解：解读 甲："…"' });
    const adopted = this.required(this.name1(at.get('采用')), '采用', span, '存疑注记');
    const reason = this.required(this.string1(at.get('理由')), '理由', span, '存疑注记');
    return { kind: 'doubt', name, span, quotes: this.strings(at.get('原文')), readings, ...(adopted ? { adopted } : {}), ...(reason ? { reason } : {}) };
  }

  indicatorDecl(span: Span, name: A.Name, value: A.Expr, type: A.TypeRef | undefined, attrList: A.Attribute[]): A.IndicatorDecl {
    const at = this.attrs(attrList, '指标');
    const note = this.string1(at.get('说明'));
    const date = this.expr1(at.get('日期'));
    return { kind: 'indicator', name, value, span, quotes: this.strings(at.get('原文')), ...(type ? { type } : {}), ...(note ? { note } : {}), ...(date ? { date } : {}) };
  }

  /** `first`.`second` = value (an entity's definition), or `first` = value. */
  definitionDecl(span: Span, first: A.Name, second: A.Name | undefined, value: A.Expr, type: A.TypeRef | undefined, attrList: A.Attribute[]): A.DefinitionDecl {
    const at = this.attrs(attrList, '定义');
    const note = this.string1(at.get('说明'));
    const entity = second ? first : undefined;
    return {
      kind: 'definition', span, name: second ?? first, value, quotes: this.strings(at.get('原文')), doubts: this.names(at.get('存疑')),
      ...(entity ? { entity } : {}), ...(type ? { type } : {}), ...(note ? { note } : {}),
    };
  }

  assumptionDecl(span: Span, name: A.Name, attrList: A.Attribute[]): A.AssumptionDecl {
    const at = this.attrs(attrList, '前提');
    const condition = this.required(this.expr1(at.get('条件')), '条件', span, '前提');
    const note = this.string1(at.get('说明'));
    return { kind: 'assumption', span, name, quotes: this.strings(at.get('原文')), ...(condition ? { condition } : {}), ...(note ? { note } : {}) };
  }

  propertyDecl(span: Span, name: A.Name, attrList: A.Attribute[], recovered: boolean): A.PropertyDecl {
    const at = this.attrs(attrList, '性质');
    const asserts = (at.get('断言')?.values ?? []).map((v) => v.expr);
    if (asserts.length === 0 && !recovered && !this.hasErrorIn(span)) this.err('ZC0307', span, '性质缺少“断言”', { help: '补上“断言：…”' });
    const condition = this.expr1(at.get('条件'));
    const note = this.string1(at.get('说明'));
    const category = this.name1(at.get('类别'));
    if (category && !PROPERTY_CATEGORIES.includes(category.text)) {
      this.err('ZC0311', category.span, `性质的“类别”应为 ${PROPERTY_CATEGORIES.join('、')} 之一`);
    }
    const expectFail = this.string1(at.get('接受'));
    return {
      kind: 'property', name, asserts, span, ...(condition ? { condition } : {}), ...(note ? { note } : {}),
      ...(category ? { category } : {}), ...(expectFail ? { expectFail } : {}),
    };
  }
}

/**
 * Convert one file's CST into its AST. A `file` node from ast-parser.ts (error-free input) holds
 * its AST already: handed on as it is, without diagnostics.
 */
export function buildAst(file: SourceFile, cst: CstNode, errorOffsets: readonly number[] = []): Result<A.FileAst> {
  if (isFast(cst)) return { value: { path: file.path, span: file.span(0, file.text.length), items: cst.fastItems }, diagnostics: [] };
  const clock = phaseClock.current;
  const prev = clock?.enter('ast');
  const b = new Builder(file, errorOffsets);
  const items = b.fileItems(cst);
  if (clock) clock.enter(prev!);
  return { value: { path: file.path, span: file.span(0, file.text.length), items }, diagnostics: b.diagnostics };
}
