/**
 * The compile path's parser: tokens of one block → its AST, built while parsing — no Chevrotain CST,
 * no intermediate tree. Input: a block's tokens. Output: a `file` node holding the AST's top items
 * (or undefined: "not for me", the caller then runs the Chevrotain parser and cst-to-ast.ts as before).
 *
 * It takes only input the Chevrotain grammar (parser.ts) accepts without any error and that gives no
 * AST diagnostic: where an expression would give one (an invalid numeral, date, unit, escape, range,
 * ordinal) it gives up, and the declarations are made by cst-to-ast.ts's declaration rules through a
 * strict `Builder`, whose first diagnostic gives up too. Error recovery, syntax and AST diagnostics stay
 * with parser.ts and cst-to-ast.ts alone. Its decisions are parser.ts's (Chevrotain's lookahead is
 * within a rule: greedy LL(1) here, LL(2) where 存疑 is both an attribute key and a declaration).
 * The formatter's CST is Chevrotain's own, built from the same tokens when first read.
 *
 * INVARIANT: for every input it accepts, its AST equals `buildAst` of parser.ts's CST — AST and spans,
 * and no diagnostic (test/syntax/ast-parser.test.ts checks it on every policy and test input, the
 * benchmark corpus and random mutations of them).
 * INVARIANT: holds no semantics: the expressions mirror cst-to-ast.ts's expression rules; every
 * declaration is one of cst-to-ast.ts's declaration rules applied to the parts read here.
 */
import { tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import { decimal, decIsInteger, decMul, decCmp } from '../common/decimal.js';
import { parseDate, compareDates } from '../common/calendar.js';
import * as T from './tokens.js';
import { tokenEnd } from './lexer.js';
import type * as A from './ast.js';
import { Builder, GIVE_UP, LEGAL_PREFIX, LEGAL_SUFFIX, PERIODS, numeral, unitInfo, type AstParsedFile } from './cst-to-ast.js';

/**
 * Token types (by `tokenTypeIdx`) that continue an expression after an operand: the suffixes of
 * `unaryExpr`, the operators of `arith`, `cmpExpr` and `logic`, the bound of a range (a number or date,
 * `@`) and a call's "(" — `expr`'s shortcut takes an operand alone only when none follows.
 */
const CONTINUES: Uint8Array = (() => {
  const table = new Uint8Array(Math.max(...T.allTokens.map((t) => t.tokenTypeIdx!)) + 1);
  const continuing = [
    T.Dot, T.QuantExists, T.QuantForall, T.QuantNone, T.OrderBy, T.Times, T.Divide, T.Plus, T.Minus,
    T.GreaterEq, T.LessEq, T.NotEq, T.IsNot, T.EqEq, T.Is, T.Greater, T.Less, T.In, T.NotIn,
    T.At, T.NumberLit, T.ChineseNumber, T.DateLit, T.And, T.Or, T.LParen, T.LegalPrefix,
  ];
  for (const t of continuing) table[t.tokenTypeIdx!] = 1;
  for (const t of T.allTokens) if (t.CATEGORIES?.includes(T.LegalPrefix)) table[t.tokenTypeIdx!] = 1;
  return table;
})();

/**
 * `tokenMatcher(x, c)` for the categories this parser asks about, as tables by `tokenTypeIdx` (1: the type
 * is `c` or one of its members): a typed-array read, not Chevrotain's matcher — whose read of the category's
 * own fields sees the token types' eight object shapes (megamorphic).
 */
function categoryTable(c: TokenType): Uint8Array {
  const table = new Uint8Array(Math.max(...T.allTokens.map((t) => t.tokenTypeIdx!)) + 1);
  for (const t of T.allTokens) if (tokenMatcher({ tokenTypeIdx: t.tokenTypeIdx, tokenType: t } as IToken, c)) table[t.tokenTypeIdx!] = 1;
  return table;
}
const IS_ATTR_KEY = categoryTable(T.AttrKey);
const IS_LEGAL_SUFFIX = categoryTable(T.LegalSuffix);
const IS_LEGAL_PREFIX = categoryTable(T.LegalPrefix);
const IS_PERIOD = categoryTable(T.PeriodKeyword);
const IS_TYPE_KEYWORD = categoryTable(T.TypeKeyword);
/** The category tables by category (test/syntax/ast-parser.test.ts compares them with Chevrotain's matcher). */
export const CATEGORY_TABLES: ReadonlyMap<TokenType, Uint8Array> = new Map([
  [T.AttrKey, IS_ATTR_KEY], [T.LegalSuffix, IS_LEGAL_SUFFIX], [T.LegalPrefix, IS_LEGAL_PREFIX], [T.PeriodKeyword, IS_PERIOD], [T.TypeKeyword, IS_TYPE_KEYWORD],
]);

class AstParser {
  private pos = 0;
  /**
   * The items of the lists being read, one list after another (`mark`, `put`, `take`): a list is taken as
   * an array of exactly its length. Arrays grown by `push` from `[]` hold 17 slots or more for the 1–2
   * items most of the AST's lists have, and nearly every AST node lives until the end of a compile: the
   * slack is copied by every scavenge.
   * INVARIANT: a list's items are `st[mark, sp)` when it is taken — a list read inside an item is taken
   * before that item is put.
   */
  private readonly st: unknown[] = [];
  private sp = 0;
  /** The declaration rules, strict: a diagnostic gives up. */
  private readonly b: Builder;
  constructor(private readonly file: SourceFile, private readonly toks: readonly IToken[]) {
    this.b = new Builder(file, [], true);
  }

  private mark(): number {
    return this.sp;
  }
  private put(x: unknown): void {
    this.st[this.sp++] = x;
  }
  /** The items put since `mark`, as an array of their number (the empty list: a new `[]`, which has no backing store). */
  private take<T>(mark: number): T[] {
    const sp = this.sp;
    if (sp === mark) return [];
    this.sp = mark;
    return this.st.slice(mark, sp) as T[];
  }

  private la(k = 1): IToken | undefined {
    return this.toks[this.pos + k - 1];
  }
  private at(t: TokenType): boolean {
    const x = this.toks[this.pos];
    return x !== undefined && x.tokenType === t;
  }
  /** At a token of a category (`table`: one of the category tables above). */
  private atCat(table: Uint8Array): boolean {
    const x = this.toks[this.pos];
    return x !== undefined && table[x.tokenTypeIdx] === 1;
  }
  private next(): IToken {
    return this.toks[this.pos++]!;
  }
  private expect(t: TokenType): IToken {
    const x = this.toks[this.pos];
    // (the type itself, else a category's member: Chevrotain's matcher)
    if (x === undefined || (x.tokenType !== t && !tokenMatcher(x, t))) throw GIVE_UP;
    this.pos++;
    return x;
  }
  private atName(): boolean {
    const x = this.toks[this.pos];
    return x !== undefined && (x.tokenType === T.Name || x.tokenType === T.QuotedName);
  }
  /** `;` between the items of a braced body (optional): skipped if here. */
  private semi(): boolean {
    if (!this.at(T.Semi)) return false;
    this.pos++;
    return true;
  }
  private eqOrIs(): void {
    if (this.at(T.EqEq)) this.pos++;
    else this.expect(T.Is);
  }

  // ── declarations: the parts in source order, then cst-to-ast.ts's rule ──
  items(): A.TopItem[] {
    const m = this.mark();
    while (this.pos < this.toks.length) {
      const item = this.topItem();
      if (item) this.put(item);
    }
    return this.take(m);
  }

  private topItem(): A.TopItem | undefined {
    const t = this.toks[this.pos]!.tokenType;
    if (t === T.Import) return this.importDecl();
    if (t === T.Policy) return this.policyDecl();
    if (t === T.Enum) return this.enumDecl();
    if (t === T.Entity) return this.entityDecl();
    if (t === T.Param) return this.paramDecl();
    if (t === T.Org) return this.orgDecl();
    if (t === T.Clause) return this.clauseDecl();
    if (t === T.Indicator) return this.indicatorDecl();
    if (t === T.Property) return this.propertyDecl();
    if (t === T.Qualitative) return this.qualDecl();
    if (t === T.Doubt) return this.doubtDecl();
    if (t === T.Definition) return this.definitionDecl();
    if (t === T.Assumption) return this.assumptionDecl();
    if (t === T.Semi) {
      this.pos++;
      return undefined;
    }
    throw GIVE_UP;
  }

  private importDecl(): A.ImportDecl | undefined {
    const p0 = this.pos++;
    const path = this.b.str(this.expect(T.StringLit));
    return this.b.importDecl(this.spanFrom(p0), path);
  }

  private policyDecl(): A.PolicyDecl {
    const p0 = this.pos++;
    const name = this.atName() ? this.name() : undefined;
    const attrs = this.attrBlock();
    return this.b.policyDecl(this.spanFrom(p0), name, attrs);
  }

  private orgDecl(): A.OrgDecl | undefined {
    const p0 = this.pos++;
    const name = this.name();
    const attrs = this.at(T.LBrace) ? this.attrBlock() : [];
    return this.b.orgDecl(this.spanFrom(p0), name, attrs);
  }

  private qualDecl(): A.QualDecl {
    const p0 = this.pos++;
    const name = this.atName() ? this.name() : undefined;
    const attrs = this.attrBlock();
    return this.b.qualDecl(this.spanFrom(p0), name, attrs, false);
  }

  private propertyDecl(): A.PropertyDecl {
    const p0 = this.pos++;
    const name = this.name();
    const attrs = this.attrBlock();
    return this.b.propertyDecl(this.spanFrom(p0), name, attrs, false);
  }

  private assumptionDecl(): A.AssumptionDecl {
    const p0 = this.pos++;
    const name = this.name();
    const attrs = this.attrBlock();
    return this.b.assumptionDecl(this.spanFrom(p0), name, attrs);
  }

  private enumDecl(): A.EnumDecl | undefined {
    const p0 = this.pos++;
    const name = this.name();
    const m = this.mark();
    this.expect(T.LBrace);
    for (;;) {
      if (this.atName()) this.put(this.name());
      else if (!this.at(T.Comma) && !this.at(T.Semi)) break;
      else this.pos++;
    }
    this.expect(T.RBrace);
    return this.b.enumDecl(this.spanFrom(p0), name, this.take(m));
  }

  private entityDecl(): A.EntityDecl | undefined {
    const p0 = this.pos++;
    const name = this.name();
    const m = this.mark();
    this.expect(T.LBrace);
    for (;;) {
      if (this.atName()) {
        const f0 = this.pos;
        const fname = this.name();
        this.expect(T.Colon);
        const type = this.typeRef();
        const signed = this.at(T.Signed);
        if (signed) this.pos++;
        const doc = this.at(T.StringLit) ? this.b.str(this.next()) : undefined;
        const field = this.b.fieldDecl(this.spanFrom(f0), fname, type, doc, signed);
        if (field) this.put(field);
      } else if (!this.semi()) break;
    }
    this.expect(T.RBrace);
    return this.b.entityDecl(this.spanFrom(p0), name, this.take(m));
  }

  private definitionDecl(): A.DefinitionDecl {
    const p0 = this.pos++;
    const first = this.name();
    let second: A.Name | undefined;
    if (this.at(T.Dot)) {
      this.pos++;
      second = this.name();
    }
    let type: A.TypeRef | undefined;
    if (this.at(T.Colon)) {
      this.pos++;
      type = this.typeRef();
    }
    this.eqOrIs();
    const value = this.expr();
    const attrs = this.at(T.LBrace) ? this.attrBlock() : [];
    return this.b.definitionDecl(this.spanFrom(p0), first, second, value, type, attrs);
  }

  private indicatorDecl(): A.IndicatorDecl {
    const p0 = this.pos++;
    const name = this.name();
    let type: A.TypeRef | undefined;
    if (this.at(T.Colon)) {
      this.pos++;
      type = this.typeRef();
    }
    this.eqOrIs();
    const value = this.expr();
    const attrs = this.at(T.LBrace) ? this.attrBlock() : [];
    return this.b.indicatorDecl(this.spanFrom(p0), name, value, type, attrs);
  }

  private typeRef(): A.TypeRef {
    const p0 = this.pos;
    if (!this.atCat(IS_TYPE_KEYWORD)) {
      const name = this.name();
      return this.b.namedType(this.spanFrom(p0), name)!;
    }
    const base = this.next().image as A.BuiltinType;
    if (!this.at(T.LParen)) return this.b.builtinType(this.spanFrom(p0), base);
    this.pos++;
    if (this.at(T.Percent)) {
      const pct = this.next();
      this.expect(T.RParen);
      return this.b.builtinType(this.spanFrom(p0), base, pct);
    }
    const arg = this.typeRef();
    this.expect(T.RParen);
    const span = this.spanFrom(p0);
    if (base === '列表') return this.b.builtinType(span, base, undefined, arg.span, undefined, arg);
    // 时长（个月）: the argument's name or type keyword is a unit word
    return this.b.builtinType(span, base, undefined, arg.span, arg.kind === 'named' ? arg.name.text : arg.name);
  }

  private paramDecl(): A.ParamDecl | undefined {
    const p0 = this.pos++;
    const name = this.name();
    this.expect(T.Colon);
    const type = this.typeRef();
    this.expect(T.From);
    const from = this.b.str(this.expect(T.StringLit));
    return this.b.paramDecl(this.spanFrom(p0), name, type, from);
  }

  /** Chevrotain's LL(2) choice where 存疑 (Doubt, also an attribute key) starts an item: a name after it → the declaration. */
  private doubtIsDecl(): boolean {
    const x = this.toks[this.pos + 1];
    return x !== undefined && (x.tokenType === T.Name || x.tokenType === T.QuotedName);
  }

  private clauseDecl(): A.ClauseDecl {
    const p0 = this.pos++;
    const n0 = this.pos;
    this.clauseNumber();
    const number = this.b.clauseNumber(this.toks, n0, this.pos);
    const numberSpan = this.spanFrom(n0);
    const title = this.at(T.StringLit) ? this.b.str(this.next()) : undefined;
    const attrs: A.Attribute[] = []; // (read by the rule, not kept)
    const m = this.mark(); // the items
    this.expect(T.LBrace);
    for (;;) {
      const x = this.toks[this.pos];
      if (x === undefined) break;
      const t = x.tokenType;
      if (t === T.Doubt && this.doubtIsDecl()) this.put(this.doubtDecl());
      else if (IS_ATTR_KEY[x.tokenTypeIdx] === 1) attrs.push(this.attribute());
      else if (t === T.Clause) this.put(this.clauseDecl());
      else if (t === T.Measure) this.put(this.measureDecl());
      else if (t === T.Qualitative) this.put(this.qualDecl());
      else if (t === T.Indicator) this.put(this.indicatorDecl());
      else if (t === T.Property) this.put(this.propertyDecl());
      else if (t === T.Definition) this.put(this.definitionDecl());
      else if (t === T.Assumption) this.put(this.assumptionDecl());
      else if (!this.semi()) break;
    }
    this.expect(T.RBrace);
    return this.b.clauseDecl(this.spanFrom(p0), number, numberSpan, title, attrs, this.take(m));
  }

  private numTok(): void {
    if (this.at(T.NumberLit) || this.at(T.ChineseNumber)) this.pos++;
    else throw GIVE_UP;
  }

  /** A 条款 number's tokens (附件N, 一、, （一）, 1., （1）…), skipped: the rule reads them. */
  private clauseNumber(): void {
    let parts = 0;
    for (;;) {
      if (this.at(T.Annex)) {
        this.pos++;
        this.numTok();
      } else if (this.at(T.NumberLit) || this.at(T.ChineseNumber)) {
        this.pos++;
        if (this.at(T.Comma) || this.at(T.Dot)) this.pos++;
      } else if (this.at(T.LParen)) {
        this.pos++;
        this.numTok();
        this.expect(T.RParen);
      } else break;
      parts++;
    }
    if (parts === 0) throw GIVE_UP;
  }

  private measureDecl(): A.MeasureDecl {
    const p0 = this.pos++;
    const name = this.name();
    const attrs: A.Attribute[] = []; // (read by the rule, not kept)
    const m = this.mark(); // the outcomes, rules and doubts, in source order
    this.expect(T.LBrace);
    for (;;) {
      const x = this.toks[this.pos];
      if (x === undefined) break;
      const t = x.tokenType;
      if (t === T.Doubt && this.doubtIsDecl()) this.put(this.doubtDecl());
      else if (IS_ATTR_KEY[x.tokenTypeIdx] === 1) attrs.push(this.attribute());
      else if (t === T.Outcome) {
        const o = this.outcomeDecl();
        if (o) this.put(o);
      } else if (t === T.Rule) this.put(this.ruleDecl());
      else if (!this.semi()) break;
    }
    this.expect(T.RBrace);
    const span = this.spanFrom(p0);
    const at = this.b.measureAttrs(attrs);
    const [outcomes, rules, doubts] = this.takeMeasureBody(m);
    return this.b.measureDecl(span, name, at, outcomes, rules, doubts);
  }

  /**
   * A 措施 body's outcomes, rules and doubts (put since `m`, in source order), each list in its order.
   * Written as usual — outcomes, then rules, then doubts — they are three runs of the stack: sliced.
   */
  private takeMeasureBody(m: number): [A.OutcomeDecl[], A.RuleDecl[], A.DoubtDecl[]] {
    const st = this.st as (A.OutcomeDecl | A.RuleDecl | A.DoubtDecl)[];
    const sp = this.sp;
    let i = m;
    while (i < sp && st[i]!.kind === 'outcome') i++;
    const o1 = i;
    while (i < sp && st[i]!.kind === 'rule') i++;
    const r1 = i;
    while (i < sp && st[i]!.kind === 'doubt') i++;
    this.sp = m;
    const run = <T>(a: number, b: number): T[] => (a === b ? [] : (st.slice(a, b) as T[]));
    if (i === sp) return [run(m, o1), run(o1, r1), run(r1, sp)];
    // (interleaved: each list gathered, then copied to its length)
    const outcomes: A.OutcomeDecl[] = [];
    const rules: A.RuleDecl[] = [];
    const doubts: A.DoubtDecl[] = [];
    for (let k = m; k < sp; k++) {
      const x = st[k]!;
      if (x.kind === 'outcome') outcomes.push(x);
      else if (x.kind === 'rule') rules.push(x);
      else doubts.push(x);
    }
    return [outcomes.slice(), rules.slice(), doubts.slice()];
  }

  private outcomeDecl(): A.OutcomeDecl | undefined {
    const p0 = this.pos++;
    const name = this.name();
    this.expect(T.Colon);
    const type = this.typeRef();
    const period = this.atCat(IS_PERIOD) ? this.next() : undefined;
    const required = this.at(T.Required);
    if (required) this.pos++;
    return this.b.outcomeDecl(this.spanFrom(p0), name, type, period, required);
  }

  private ruleDecl(): A.RuleDecl {
    const p0 = this.pos++;
    const name = this.name();
    let overrides: A.Name[] = [];
    if (this.at(T.ExceptionOf)) {
      this.pos++;
      const om = this.mark();
      this.put(this.name());
      while (this.at(T.Comma)) {
        this.pos++;
        this.put(this.name());
      }
      overrides = this.take(om);
    }
    const attrs: A.Attribute[] = []; // (read by the rule, not kept)
    const m = this.mark(); // the assignments
    this.expect(T.LBrace);
    for (;;) {
      if (this.atCat(IS_ATTR_KEY)) attrs.push(this.attribute());
      else if (this.atName()) {
        const a0 = this.pos;
        const target = this.name();
        this.eqOrIs();
        const value = this.expr();
        this.put(this.b.assignment(this.spanFrom(a0), target, value));
      } else if (!this.semi()) break;
    }
    this.expect(T.RBrace);
    const span = this.spanFrom(p0);
    const at = this.b.ruleAttrs(attrs);
    return this.b.ruleDecl(span, name, overrides, at, this.take(m));
  }

  private doubtDecl(): A.DoubtDecl {
    const p0 = this.pos++;
    const name = this.name();
    const attrs: A.Attribute[] = []; // (read by the rule, not kept)
    const m = this.mark(); // the readings
    this.expect(T.LBrace);
    for (;;) {
      if (this.atCat(IS_ATTR_KEY)) attrs.push(this.attribute());
      else if (this.at(T.Reading)) {
        const r0 = this.pos++;
        const rn = this.name();
        this.expect(T.Colon);
        const text = this.b.str(this.expect(T.StringLit))!;
        this.put(this.b.reading(this.spanFrom(r0), rn, text));
      } else if (!this.semi()) break;
    }
    this.expect(T.RBrace);
    const span = this.spanFrom(p0);
    const at = this.b.doubtAttrs(attrs);
    return this.b.doubtDecl(span, name, at, this.take(m), false);
  }

  /** `{ attribute ;… }`: its attributes. */
  private attrBlock(): A.Attribute[] {
    const m = this.mark();
    this.expect(T.LBrace);
    for (;;) {
      if (this.atCat(IS_ATTR_KEY)) this.put(this.attribute());
      else if (!this.semi()) break;
    }
    this.expect(T.RBrace);
    return this.take(m);
  }

  /** At an attribute key: `键：值，…` or `键 { … }`. */
  private attribute(): A.Attribute {
    const p0 = this.pos;
    const key = this.next();
    if (this.at(T.Colon)) {
      this.pos++;
      const m = this.mark();
      this.put(this.valueItem());
      while (this.at(T.Comma)) {
        this.pos++;
        this.put(this.valueItem());
      }
      const values = this.take<A.ValueItem>(m);
      return this.b.attributeOf(key, this.spanFrom(p0), values, values.length, undefined);
    }
    if (!this.at(T.LBrace)) throw GIVE_UP;
    const block = this.attrBlock();
    return this.b.attributeOf(key, this.spanFrom(p0), [], 0, block);
  }

  private valueItem(): A.ValueItem {
    const p0 = this.pos;
    const expr = this.expr();
    let rangeEnd: A.Expr | undefined;
    if (this.at(T.RangeWord) || this.at(T.Dash)) {
      this.pos++;
      rangeEnd = this.expr();
    }
    return this.b.valueItemOf(this.spanFrom(p0), expr, rangeEnd);
  }

  // ── expressions: the AST directly (cst-to-ast.ts's expression rules, mirrored) ──
  private spanFrom(p0: number): A.Expr['span'] {
    return this.file.span(this.toks[p0]!.startOffset, tokenEnd(this.toks[this.pos - 1]!));
  }
  private tokSpan(t: IToken): A.Expr['span'] {
    return this.file.span(t.startOffset, tokenEnd(t));
  }

  private expr(): A.Expr {
    // One operand of one token — a string or a name — with nothing after it that the levels below look
    // for (an attribute's value, mostly): the operand itself, which is what they return when no
    // operator, suffix or bound follows.
    const x = this.toks[this.pos];
    if (x !== undefined) {
      const y = this.toks[this.pos + 1];
      const t = x.tokenType;
      if (y === undefined || CONTINUES[y.tokenTypeIdx] !== 1) {
        if (t === T.StringLit || ((t === T.Name || t === T.QuotedName) && (y === undefined || y.tokenType !== T.LParen))) return this.primary();
      }
    }
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
    const m = this.mark();
    this.put(first);
    while (this.at(tok)) {
      this.pos++;
      this.put(operand.call(this));
    }
    return { kind: 'logic', op, operands: this.take(m), span: this.spanFrom(p0) };
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
    if (after !== undefined && (IS_LEGAL_SUFFIX[after.tokenTypeIdx] === 1 || after.tokenType === T.Dash || after.tokenType === T.RangeWord)) return true;
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
    else if (IS_LEGAL_PREFIX[x.tokenTypeIdx] === 1) op = LEGAL_PREFIX[x.image]!;
    if (op !== undefined) {
      this.pos++;
      const right = this.addExpr();
      const span = this.spanFrom(p0);
      return IS_LEGAL_PREFIX[x.tokenTypeIdx] === 1 ? { kind: 'compare', op, left, right, span, word: x.image } : { kind: 'compare', op, left, right, span };
    }
    if (t === T.In || t === T.NotIn) {
      this.pos++;
      const m = this.mark();
      const braced = this.at(T.LBrace);
      if (braced) this.pos++;
      this.put(this.addExpr());
      while (this.at(T.Comma)) {
        this.pos++;
        this.put(this.addExpr());
      }
      if (braced) this.expect(T.RBrace);
      return { kind: 'in', negated: t === T.NotIn, subject: left, members: this.take(m), span: this.spanFrom(p0) };
    }
    if (t !== T.At && t !== T.NumberLit && t !== T.ChineseNumber && t !== T.DateLit) return left;
    if (!this.boundAhead()) return left;
    if (t === T.At) this.pos++;
    const b0 = this.pos;
    let bound = this.literal();
    const b1 = this.pos;
    const suffix = this.la();
    if (suffix !== undefined && IS_LEGAL_SUFFIX[suffix.tokenTypeIdx] === 1) {
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
    const m = this.mark();
    this.put(this.expr());
    while (this.at(T.Comma)) {
      this.pos++;
      this.put(this.expr());
    }
    return this.take(m);
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
    if (IS_PERIOD[x.tokenTypeIdx] === 1) return { kind: 'period', period: PERIODS[x.image]!, span: this.tokSpan(x) };
    if (IS_TYPE_KEYWORD[x.tokenTypeIdx] === 1) {
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


/** The `file` node of a block parsed here: its AST, and Chevrotain's CST of the same tokens on demand. */
class FastFile implements AstParsedFile {
  readonly name = 'file';
  private full: CstNode | undefined;
  constructor(readonly fastItems: A.TopItem[], private readonly cst: () => CstNode) {}
  get children(): CstNode['children'] {
    return (this.full ??= this.cst()).children;
  }
  get location(): CstNode['location'] {
    return (this.full ??= this.cst()).location;
  }
}

/**
 * Parse one block's tokens for the compile path, or undefined when they are not error-free input
 * without AST diagnostics (then parser.ts's Chevrotain path and cst-to-ast.ts do it, with recovery).
 * `cst`: Chevrotain's CST of the same tokens, built when the returned node's `children` or
 * `location` is first read.
 */
export function parseAst(file: SourceFile, tokens: readonly IToken[], cst: () => CstNode): AstParsedFile | undefined {
  let items: A.TopItem[];
  try {
    items = new AstParser(file, tokens).items();
  } catch (e) {
    // (a RangeError too: the Chevrotain path decides what absurd nesting gives)
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
  return new FastFile(items, cst);
}
