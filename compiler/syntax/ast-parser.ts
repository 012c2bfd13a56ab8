/**
 * The compile path's parser: tokens of one block → the AST's expressions built directly, with a
 * light declaration tree (plain objects shaped like parser.ts's CST nodes) for cst-to-ast.ts's
 * declaration checks — no Chevrotain CST. Input: a block's tokens. Output: a `file` node (or
 * undefined: "not for me", the caller then runs the Chevrotain parser as before).
 *
 * It takes only input the Chevrotain grammar (parser.ts) accepts without any error, and where an
 * expression would give an AST diagnostic (an invalid numeral, date, unit, escape, range, ordinal)
 * it gives up too: error recovery, syntax and expression diagnostics stay with parser.ts and
 * cst-to-ast.ts alone. Its decisions are parser.ts's (Chevrotain's lookahead is within a rule:
 * greedy LL(1) here, LL(2) where 存疑 is both an attribute key and a declaration).
 * The formatter's CST is Chevrotain's own, built from the same tokens when first read.
 *
 * INVARIANT: for every input it accepts, `buildAst` of its tree equals `buildAst` of parser.ts's
 * CST — AST, spans and diagnostics (test/syntax/ast-parser.test.ts checks it on every policy and
 * test input, the benchmark corpus and random mutations of them).
 * INVARIANT: holds no semantics beyond cst-to-ast.ts's expression rules, which it mirrors.
 */
import { tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import { decimal, decIsInteger, decMul, decCmp } from '../common/decimal.js';
import { parseDate, compareDates } from '../common/calendar.js';
import * as T from './tokens.js';
import { tokenEnd } from './lexer.js';
import type * as A from './ast.js';
import type { LightNode } from './cst-to-ast.js';
import { LEGAL_PREFIX, LEGAL_SUFFIX, PERIODS, numeral, unitInfo } from './cst-to-ast.js';

/**
 * A declaration node: parser.ts's CST node of the same rule, flattened — its children in source
 * order, each after the key it would have in the CST's `children` (`seq`: key, child, …; the key
 * is the label or the token/rule name). cst-to-ast.ts reads these directly (`isLight`): one array
 * per node — no `children` object, array per key or `location` object.
 */
class Node implements LightNode {
  readonly seq: (string | LightNode | IToken | A.Name | A.Expr)[] = [];
  endOffset = NaN;
  constructor(readonly name: string, readonly startOffset: number) {}
}

/** The `file` node of a block parsed here: its top items for cst-to-ast, and Chevrotain's CST on demand. */
export interface AstParsedFile extends CstNode {
  readonly fastTopItems: readonly CstNode[];
}

/** Thrown (one shared object) when the input is not one this parser takes: the caller falls back. */
const GIVE_UP = { giveUp: true };

class AstParser {
  private pos = 0;
  constructor(private readonly file: SourceFile, private readonly toks: readonly IToken[]) {}

  private la(k = 1): IToken | undefined {
    return this.toks[this.pos + k - 1];
  }
  private at(t: TokenType): boolean {
    const x = this.toks[this.pos];
    return x !== undefined && x.tokenType === t;
  }
  private atCat(t: TokenType): boolean {
    const x = this.toks[this.pos];
    return x !== undefined && tokenMatcher(x, t);
  }
  private next(): IToken {
    return this.toks[this.pos++]!;
  }
  private expect(t: TokenType): IToken {
    const x = this.toks[this.pos];
    if (x === undefined || !tokenMatcher(x, t)) throw GIVE_UP;
    this.pos++;
    return x;
  }

  // ── declaration nodes ──
  private open(name: string): Node {
    return new Node(name, this.toks[this.pos]?.startOffset ?? NaN);
  }
  private close(n: Node): Node {
    n.endOffset = tokenEnd(this.toks[this.pos - 1]!) - 1;
    return n;
  }
  private add(n: Node, key: string, c: Node | IToken | A.Name | A.Expr): void {
    n.seq.push(key, c);
  }
  /** CONSUME(t) into `n` under t's name (or `label`). */
  private tok(n: Node, t: TokenType, label?: string): IToken {
    const x = this.expect(t);
    this.add(n, label ?? t.name, x);
    return x;
  }
  private sub(n: Node, c: Node, label?: string): void {
    this.add(n, label ?? c.name, c);
  }

  items(): CstNode[] {
    const items: CstNode[] = [];
    while (this.pos < this.toks.length) items.push(this.topItem() as unknown as CstNode);
    return items;
  }

  private topItem(): Node {
    const n = this.open('topItem');
    const t = this.la()!.tokenType;
    if (t === T.Import) this.sub(n, this.importDecl());
    else if (t === T.Policy) this.sub(n, this.named('policyDecl', T.Policy, true, 'attrBlock'));
    else if (t === T.Enum) this.sub(n, this.enumDecl());
    else if (t === T.Entity) this.sub(n, this.entityDecl());
    else if (t === T.Param) this.sub(n, this.paramDecl());
    else if (t === T.Org) this.sub(n, this.named('orgDecl', T.Org, false, 'optionalAttrBlock'));
    else if (t === T.Clause) this.sub(n, this.clauseDecl());
    else if (t === T.Indicator) this.sub(n, this.indicatorDecl());
    else if (t === T.Property) this.sub(n, this.named('propertyDecl', T.Property, false, 'attrBlock'));
    else if (t === T.Qualitative) this.sub(n, this.named('qualDecl', T.Qualitative, true, 'attrBlock'));
    else if (t === T.Doubt) this.sub(n, this.doubtDecl());
    else if (t === T.Definition) this.sub(n, this.definitionDecl());
    else if (t === T.Assumption) this.sub(n, this.named('assumptionDecl', T.Assumption, false, 'attrBlock'));
    else if (t === T.Semi) this.tok(n, T.Semi);
    else throw GIVE_UP;
    return this.close(n);
  }

  private importDecl(): Node {
    const n = this.open('importDecl');
    this.tok(n, T.Import);
    this.tok(n, T.StringLit);
    return this.close(n);
  }

  /** `关键字 名称 {…}` with the name optional (`optionalName`) and the attribute block required or optional. */
  private named(rule: string, kw: TokenType, optionalName: boolean, block: 'attrBlock' | 'optionalAttrBlock'): Node {
    const n = this.open(rule);
    this.tok(n, kw);
    if (!optionalName || this.atName()) this.add(n, 'nameTok', this.name());
    if (block === 'attrBlock' || this.at(T.LBrace)) this.sub(n, this.attrBlock());
    return this.close(n);
  }

  private atName(): boolean {
    const x = this.toks[this.pos];
    return x !== undefined && (x.tokenType === T.Name || x.tokenType === T.QuotedName);
  }

  /**
   * `{ item ;… }` into `n`: `item` takes one item and returns true, or false when none starts
   * here; `;` between items is optional (every braced body of the grammar).
   */
  private braced(n: Node, item: () => boolean): void {
    this.tok(n, T.LBrace);
    for (;;) {
      if (item()) continue;
      if (this.at(T.Semi)) this.tok(n, T.Semi);
      else break;
    }
    this.tok(n, T.RBrace);
  }

  /** An attribute into `n` if one starts here. */
  private attrItem(n: Node): boolean {
    if (!this.atCat(T.AttrKey)) return false;
    this.sub(n, this.attribute());
    return true;
  }

  private attrBlock(): Node {
    const n = this.open('attrBlock');
    this.braced(n, () => this.attrItem(n));
    return this.close(n);
  }

  private enumDecl(): Node {
    const n = this.open('enumDecl');
    this.tok(n, T.Enum);
    this.add(n, 'nameTok', this.name());
    this.braced(n, () => {
      if (this.atName()) this.add(n, 'member', this.name());
      else if (this.at(T.Comma)) this.tok(n, T.Comma);
      else return false;
      return true;
    });
    return this.close(n);
  }

  private entityDecl(): Node {
    const n = this.open('entityDecl');
    this.tok(n, T.Entity);
    this.add(n, 'nameTok', this.name());
    this.braced(n, () => {
      if (!this.atName()) return false;
      const f = this.open('fieldDecl');
      this.add(f, 'nameTok', this.name());
      this.tok(f, T.Colon);
      this.sub(f, this.typeRef());
      if (this.at(T.Signed)) this.tok(f, T.Signed);
      if (this.at(T.StringLit)) this.tok(f, T.StringLit);
      this.sub(n, this.close(f));
      return true;
    });
    return this.close(n);
  }

  private eqOrIs(n: Node): void {
    if (this.at(T.EqEq)) this.tok(n, T.EqEq);
    else this.tok(n, T.Is);
  }

  private definitionDecl(): Node {
    const n = this.open('definitionDecl');
    this.tok(n, T.Definition);
    this.add(n, 'nameTok', this.name());
    if (this.at(T.Dot)) {
      this.tok(n, T.Dot);
      this.add(n, 'member', this.name());
    }
    if (this.at(T.Colon)) {
      this.tok(n, T.Colon);
      this.sub(n, this.typeRef());
    }
    this.eqOrIs(n);
    this.add(n, 'expr', this.expr());
    if (this.at(T.LBrace)) this.sub(n, this.attrBlock());
    return this.close(n);
  }

  private typeRef(): Node {
    const n = this.open('typeRef');
    if (this.atCat(T.TypeKeyword)) {
      this.tok(n, T.TypeKeyword);
      if (this.at(T.LParen)) {
        this.tok(n, T.LParen);
        if (this.at(T.Percent)) this.tok(n, T.Percent);
        else this.sub(n, this.typeRef(), 'arg');
        this.tok(n, T.RParen);
      }
    } else this.add(n, 'nameTok', this.name());
    return this.close(n);
  }

  private paramDecl(): Node {
    const n = this.open('paramDecl');
    this.tok(n, T.Param);
    this.add(n, 'nameTok', this.name());
    this.tok(n, T.Colon);
    this.sub(n, this.typeRef());
    this.tok(n, T.From);
    this.tok(n, T.StringLit);
    return this.close(n);
  }

  /** Chevrotain's LL(2) choice where 存疑 (Doubt, also an attribute key) starts an item: a name after it → the declaration. */
  private doubtIsDecl(): boolean {
    const x = this.toks[this.pos + 1];
    return x !== undefined && (x.tokenType === T.Name || x.tokenType === T.QuotedName);
  }

  private clauseDecl(): Node {
    const n = this.open('clauseDecl');
    this.tok(n, T.Clause);
    this.sub(n, this.clauseNumber());
    if (this.at(T.StringLit)) this.tok(n, T.StringLit, 'title');
    this.braced(n, () => {
      const x = this.la();
      if (x === undefined) return false;
      const t = x.tokenType;
      if (t === T.Doubt && this.doubtIsDecl()) this.sub(n, this.doubtDecl());
      else if (tokenMatcher(x, T.AttrKey)) this.sub(n, this.attribute());
      else if (t === T.Clause) this.sub(n, this.clauseDecl());
      else if (t === T.Measure) this.sub(n, this.measureDecl());
      else if (t === T.Qualitative) this.sub(n, this.named('qualDecl', T.Qualitative, true, 'attrBlock'));
      else if (t === T.Indicator) this.sub(n, this.indicatorDecl());
      else if (t === T.Property) this.sub(n, this.named('propertyDecl', T.Property, false, 'attrBlock'));
      else if (t === T.Definition) this.sub(n, this.definitionDecl());
      else if (t === T.Assumption) this.sub(n, this.named('assumptionDecl', T.Assumption, false, 'attrBlock'));
      else return false;
      return true;
    });
    return this.close(n);
  }

  private numTok(n: Node): void {
    if (this.at(T.NumberLit)) this.tok(n, T.NumberLit);
    else this.tok(n, T.ChineseNumber);
  }

  private clauseNumber(): Node {
    const n = this.open('clauseNumber');
    let parts = 0;
    for (;;) {
      if (this.at(T.Annex)) {
        this.tok(n, T.Annex);
        this.numTok(n);
      } else if (this.at(T.NumberLit) || this.at(T.ChineseNumber)) {
        this.numTok(n);
        if (this.at(T.Comma)) this.tok(n, T.Comma);
        else if (this.at(T.Dot)) this.tok(n, T.Dot);
      } else if (this.at(T.LParen)) {
        this.tok(n, T.LParen);
        this.numTok(n);
        this.tok(n, T.RParen);
      } else break;
      parts++;
    }
    if (parts === 0) throw GIVE_UP;
    return this.close(n);
  }

  private measureDecl(): Node {
    const n = this.open('measureDecl');
    this.tok(n, T.Measure);
    this.add(n, 'nameTok', this.name());
    this.braced(n, () => {
      const x = this.la();
      if (x === undefined) return false;
      const t = x.tokenType;
      if (t === T.Doubt && this.doubtIsDecl()) this.sub(n, this.doubtDecl());
      else if (tokenMatcher(x, T.AttrKey)) this.sub(n, this.attribute());
      else if (t === T.Outcome) this.sub(n, this.outcomeDecl());
      else if (t === T.Rule) this.sub(n, this.ruleDecl());
      else return false;
      return true;
    });
    return this.close(n);
  }

  private outcomeDecl(): Node {
    const n = this.open('outcomeDecl');
    this.tok(n, T.Outcome);
    this.add(n, 'nameTok', this.name());
    this.tok(n, T.Colon);
    this.sub(n, this.typeRef());
    if (this.atCat(T.PeriodKeyword)) this.tok(n, T.PeriodKeyword);
    if (this.at(T.Required)) this.tok(n, T.Required);
    return this.close(n);
  }

  private ruleDecl(): Node {
    const n = this.open('ruleDecl');
    this.tok(n, T.Rule);
    this.add(n, 'nameTok', this.name());
    if (this.at(T.ExceptionOf)) {
      this.tok(n, T.ExceptionOf);
      this.add(n, 'overrides', this.name());
      while (this.at(T.Comma)) {
        this.tok(n, T.Comma);
        this.add(n, 'overrides', this.name());
      }
    }
    this.braced(n, () => {
      if (this.attrItem(n)) return true;
      if (!this.atName()) return false;
      const a = this.open('assignment');
      this.add(a, 'nameTok', this.name());
      this.eqOrIs(a);
      this.add(a, 'expr', this.expr());
      this.sub(n, this.close(a));
      return true;
    });
    return this.close(n);
  }

  private doubtDecl(): Node {
    const n = this.open('doubtDecl');
    this.tok(n, T.Doubt);
    this.add(n, 'nameTok', this.name());
    this.braced(n, () => {
      if (this.attrItem(n)) return true;
      if (!this.at(T.Reading)) return false;
      const r = this.open('readingDecl');
      this.tok(r, T.Reading);
      this.add(r, 'nameTok', this.name());
      this.tok(r, T.Colon);
      this.tok(r, T.StringLit);
      this.sub(n, this.close(r));
      return true;
    });
    return this.close(n);
  }

  private indicatorDecl(): Node {
    const n = this.open('indicatorDecl');
    this.tok(n, T.Indicator);
    this.add(n, 'nameTok', this.name());
    if (this.at(T.Colon)) {
      this.tok(n, T.Colon);
      this.sub(n, this.typeRef());
    }
    this.eqOrIs(n);
    this.add(n, 'expr', this.expr());
    if (this.at(T.LBrace)) this.sub(n, this.attrBlock());
    return this.close(n);
  }

  private attribute(): Node {
    const n = this.open('attribute');
    this.tok(n, T.AttrKey);
    if (this.at(T.Colon)) {
      this.tok(n, T.Colon);
      this.sub(n, this.valueItem());
      while (this.at(T.Comma)) {
        this.tok(n, T.Comma);
        this.sub(n, this.valueItem());
      }
    } else if (this.at(T.LBrace)) this.sub(n, this.attrBlock());
    else throw GIVE_UP;
    return this.close(n);
  }

  private valueItem(): Node {
    const n = this.open('valueItem');
    this.add(n, 'expr', this.expr());
    if (this.at(T.RangeWord) || this.at(T.Dash)) {
      this.tok(n, this.la()!.tokenType);
      this.add(n, 'rangeEnd', this.expr());
    }
    return this.close(n);
  }

  // ── expressions: the AST directly (cst-to-ast.ts's rules); a name or an expression is a
  // declaration node's child as its AST (no node around it: cst-to-ast's `name`/`expr` take it as it is) ──
  private spanFrom(p0: number): A.Expr['span'] {
    return this.file.span(this.toks[p0]!.startOffset, tokenEnd(this.toks[this.pos - 1]!));
  }
  private tokSpan(t: IToken): A.Expr['span'] {
    return this.file.span(t.startOffset, tokenEnd(t));
  }

  private expr(): A.Expr {
    return this.logic('or', T.Or, this.andExpr);
  }

  private andExpr(): A.Expr {
    return this.logic('and', T.And, this.notExpr);
  }

  /** `operand (tok operand)*` as one n-ary logic node (the operand alone when there is no `tok`). */
  private logic(op: 'or' | 'and', tok: TokenType, operand: (this: AstParser) => A.Expr): A.Expr {
    const p0 = this.pos;
    const first = operand.call(this);
    if (!this.at(tok)) return first;
    const operands = [first];
    while (this.at(tok)) {
      this.pos++;
      operands.push(operand.call(this));
    }
    return { kind: 'logic', op, operands, span: this.spanFrom(p0) };
  }

  private notExpr(): A.Expr {
    if (this.at(T.Not)) {
      const p0 = this.pos++;
      const operand = this.notExpr();
      return { kind: 'not', operand, span: this.spanFrom(p0) };
    }
    return this.cmpExpr();
  }

  /** parser.ts's boundAhead (the GATE of cmpExpr's option), on this parser's tokens. */
  private boundAhead(): boolean {
    const first = this.la(1);
    if (first === undefined) return true;
    let i: number;
    const ft = first.tokenType;
    if (ft === T.DateLit) i = 2;
    else if (ft === T.NumberLit || ft === T.ChineseNumber) i = this.la(2)?.tokenType === T.Unit ? 3 : 2;
    else return true;
    const after = this.la(i);
    if (after !== undefined && (tokenMatcher(after, T.LegalSuffix) || after.tokenType === T.Dash || after.tokenType === T.RangeWord)) return true;
    if (after === undefined) return false;
    const before = this.la(i - 1)!;
    const text = this.file.text;
    for (let k = before.startOffset + before.image.length; k < after.startOffset; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
    }
    return true;
  }

  private cmpExpr(): A.Expr {
    const p0 = this.pos;
    const left = this.addExpr();
    const x = this.la();
    if (x === undefined) return left;
    const t = x.tokenType;
    let op: A.CompareOp | undefined;
    if (t === T.GreaterEq) op = '>=';
    else if (t === T.LessEq) op = '<=';
    else if (t === T.NotEq || t === T.IsNot) op = '!=';
    else if (t === T.EqEq || t === T.Is) op = '=';
    else if (t === T.Greater) op = '>';
    else if (t === T.Less) op = '<';
    else if (tokenMatcher(x, T.LegalPrefix)) op = LEGAL_PREFIX[x.image]!;
    if (op !== undefined) {
      this.pos++;
      const right = this.addExpr();
      const span = this.spanFrom(p0);
      return tokenMatcher(x, T.LegalPrefix) ? { kind: 'compare', op, left, right, span, word: x.image } : { kind: 'compare', op, left, right, span };
    }
    if (t === T.In || t === T.NotIn) {
      this.pos++;
      const members: A.Expr[] = [];
      if (this.at(T.LBrace)) {
        this.pos++;
        members.push(this.addExpr());
        while (this.at(T.Comma)) {
          this.pos++;
          members.push(this.addExpr());
        }
        this.expect(T.RBrace);
      } else {
        members.push(this.addExpr());
        while (this.at(T.Comma)) {
          this.pos++;
          members.push(this.addExpr());
        }
      }
      return { kind: 'in', negated: t === T.NotIn, subject: left, members, span: this.spanFrom(p0) };
    }
    if (t !== T.At && t !== T.NumberLit && t !== T.ChineseNumber && t !== T.DateLit) return left;
    if (!this.boundAhead()) return left;
    if (t === T.At) this.pos++;
    const b0 = this.pos;
    let bound = this.literal();
    const b1 = this.pos;
    const suffix = this.la();
    if (suffix !== undefined && tokenMatcher(suffix, T.LegalSuffix)) {
      this.pos++;
      return { kind: 'compare', op: LEGAL_SUFFIX[suffix.image]!, left, right: bound, span: this.spanFrom(p0), word: suffix.image };
    }
    const dash = this.la();
    if (dash === undefined || (dash.tokenType !== T.Dash && dash.tokenType !== T.RangeWord)) throw GIVE_UP;
    this.pos++;
    const e0 = this.pos;
    let high = this.literal();
    const e1 = this.pos;
    const between = this.at(T.Between) ? this.next() : undefined;
    const span = this.spanFrom(p0);
    if (bound.kind === 'number' && high.kind === 'number') {
      if (!bound.unit && high.unit) bound = { ...bound, unit: high.unit, unitText: high.unitText! };
      else if (bound.unit && !high.unit) high = { ...high, unit: bound.unit, unitText: bound.unitText! };
    }
    let word = '';
    for (let k = b0; k < b1; k++) word += this.toks[k]!.image;
    word += dash.image;
    for (let k = e0; k < e1; k++) word += this.toks[k]!.image;
    if (between) word += between.image;
    if (bound.kind === 'date' && high.kind === 'date' && compareDates(bound.value, high.value) > 0) throw GIVE_UP; // (ZC0308: cst-to-ast.ts reports it)
    if (bound.kind === 'number' && high.kind === 'number' && bound.unit?.dimension === high.unit?.dimension) {
      const lo = bound.unit ? decMul(bound.value, bound.unit.factor) : bound.value;
      const hi = high.unit ? decMul(high.value, high.unit.factor) : high.value;
      if (decCmp(lo, hi) > 0) throw GIVE_UP; // (ZC0308)
    }
    return { kind: 'range', subject: left, low: bound, high, span, word };
  }

  private addExpr(): A.Expr {
    return this.arith(this.mulExpr, T.Plus, '+', T.Minus, '-');
  }

  private mulExpr(): A.Expr {
    return this.arith(this.unaryExpr, T.Times, '*', T.Divide, '/');
  }

  /** `operand ((a | b) operand)*`, left-associative binary arith nodes. */
  private arith(operand: (this: AstParser) => A.Expr, a: TokenType, aOp: '+' | '*', b: TokenType, bOp: '-' | '/'): A.Expr {
    let acc = operand.call(this);
    for (;;) {
      const t = this.la()?.tokenType;
      if (t !== a && t !== b) return acc;
      this.pos++;
      const e = operand.call(this);
      acc = { kind: 'arith', op: t === a ? aOp : bOp, left: acc, right: e, span: this.file.span(acc.span.start, e.span.end) };
    }
  }

  private unaryExpr(): A.Expr {
    if (this.at(T.Minus)) {
      const p0 = this.pos++;
      const operand = this.unaryExpr();
      return { kind: 'neg', operand, span: this.spanFrom(p0) };
    }
    let e = this.primary();
    for (;;) {
      const x = this.la();
      if (x === undefined) return e;
      const t = x.tokenType;
      if (t === T.Dot) {
        this.pos++;
        const member = this.name();
        e = { kind: 'member', object: e, member, span: this.file.span(e.span.start, member.span.end) };
      } else if (t === T.QuantExists || t === T.QuantForall || t === T.QuantNone) {
        this.pos++;
        this.expect(T.LParen);
        const body = this.expr();
        const close = this.expect(T.RParen);
        const q = t === T.QuantExists ? 'exists' : t === T.QuantForall ? 'forall' : 'none';
        e = { kind: 'quant', q, list: e, body, word: x.image, wordSpan: this.tokSpan(x), span: this.file.span(e.span.start, tokenEnd(close)) };
      } else if (t === T.OrderBy) {
        this.pos++;
        this.expect(T.LParen);
        const key = this.expr();
        this.expect(T.RParen);
        this.expect(T.Ordinal);
        const index = this.literal();
        if (index.kind !== 'number' || (index.unit && index.unit.dimension !== 'count') || !decIsInteger(index.value) || decCmp(index.value, decimal(1n)) < 0) throw GIVE_UP; // (ZC0311)
        e = { kind: 'nth', list: e, key, index, span: this.file.span(e.span.start, index.span.end) };
      } else return e;
    }
  }

  private name(): A.Name {
    const t = this.la();
    if (t === undefined) throw GIVE_UP;
    if (t.tokenType === T.Name) {
      this.pos++;
      return { text: t.image, span: this.tokSpan(t), quoted: false };
    }
    if (t.tokenType !== T.QuotedName) throw GIVE_UP;
    this.pos++;
    const img = t.image;
    return { text: img.slice(1, img.endsWith('」') || img.endsWith('】') ? -1 : undefined), span: this.tokSpan(t), quoted: true };
  }

  private args(): A.Expr[] {
    const args = [this.expr()];
    while (this.at(T.Comma)) {
      this.pos++;
      args.push(this.expr());
    }
    return args;
  }

  private primary(): A.Expr {
    const x = this.la();
    if (x === undefined) throw GIVE_UP;
    const t = x.tokenType;
    const p0 = this.pos;
    if (t === T.NumberLit || t === T.ChineseNumber || t === T.DateLit) return this.literal();
    if (t === T.Name || t === T.QuotedName) {
      const name = this.name();
      if (!this.at(T.LParen)) return { kind: 'name', name, span: this.tokSpan(x) };
      this.pos++;
      const args = this.at(T.RParen) ? [] : this.args();
      this.expect(T.RParen);
      return { kind: 'call', callee: name, args, span: this.spanFrom(p0) };
    }
    if (t === T.StringLit) {
      this.pos++;
      const img = x.image;
      const body = img.length >= 2 && img.endsWith('"') ? img.slice(1, -1) : img.slice(1);
      if (body.indexOf('\\') >= 0) throw GIVE_UP; // (escapes, and ZC0105: cst-to-ast.ts's str)
      return { kind: 'string', value: body, span: this.tokSpan(x) };
    }
    if (t === T.LParen) {
      this.pos++;
      const e = this.expr();
      this.expect(T.RParen);
      return { ...e, span: this.spanFrom(p0) };
    }
    this.pos++;
    if (t === T.True) return { kind: 'bool', value: true, span: this.tokSpan(x) };
    if (t === T.False) return { kind: 'bool', value: false, span: this.tokSpan(x) };
    if (t === T.Unknown) return { kind: 'unknown', span: this.tokSpan(x) };
    if (t === T.SameDay) return { kind: 'dayAnchor', which: 'sameDay', span: this.tokSpan(x) };
    if (t === T.NextDay) return { kind: 'dayAnchor', which: 'nextDay', span: this.tokSpan(x) };
    if (t === T.It) return { kind: 'it', span: this.tokSpan(x) };
    if (tokenMatcher(x, T.PeriodKeyword)) return { kind: 'period', period: PERIODS[x.image]!, span: this.tokSpan(x) };
    if (tokenMatcher(x, T.TypeKeyword)) {
      const callee: A.Name = { text: x.image, span: this.tokSpan(x), quoted: false };
      this.expect(T.LParen);
      const args = this.args();
      this.expect(T.RParen);
      return { kind: 'call', callee, args, span: this.spanFrom(p0) };
    }
    throw GIVE_UP;
  }

  private literal(): A.Expr & { kind: 'number' | 'date' } {
    const x = this.la();
    if (x === undefined) throw GIVE_UP;
    if (x.tokenType === T.DateLit) {
      this.pos++;
      const r = parseDate(x.image);
      if (!r.ok) throw GIVE_UP; // (ZC0302)
      return { kind: 'date', span: this.tokSpan(x), value: r.value, raw: x.image };
    }
    if (x.tokenType !== T.NumberLit && x.tokenType !== T.ChineseNumber) throw GIVE_UP;
    this.pos++;
    const r = numeral(x.image);
    if (!r.ok) throw GIVE_UP; // (ZC0301)
    const value = r.value;
    const u = this.la();
    if (u === undefined || u.tokenType !== T.Unit) return { kind: 'number', span: this.tokSpan(x), value, raw: x.image };
    this.pos++;
    const unit = unitInfo(u.image);
    if (!unit) throw GIVE_UP; // (ZC0303)
    return { kind: 'number', span: this.file.span(x.startOffset, tokenEnd(u)), value, unit, unitText: u.image, raw: x.image + u.image };
  }
}

/**
 * Parse one block's tokens for the compile path, or undefined when they are not error-free input
 * without expression diagnostics (then parser.ts's Chevrotain path does it, with recovery).
 * `cst`: Chevrotain's CST of the same tokens, built when the returned node's `children` or
 * `location` is first read (the formatter).
 */
export function parseAst(file: SourceFile, tokens: readonly IToken[], cst: () => CstNode): AstParsedFile | undefined {
  let items: CstNode[];
  try {
    items = new AstParser(file, tokens).items();
  } catch (e) {
    // (a RangeError too: the Chevrotain path decides what absurd nesting gives)
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
  let full: CstNode | undefined;
  const node = { name: 'file', fastTopItems: items } as unknown as AstParsedFile;
  Object.defineProperty(node, 'children', { enumerable: true, get: () => (full ??= cst()).children });
  Object.defineProperty(node, 'location', { enumerable: true, get: () => (full ??= cst()).location });
  return node;
}
