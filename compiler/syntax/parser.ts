/**
 * Parsing pass: tokens → CST (Chevrotain CstParser, error recovery on).
 * Input: tokens from lexer.ts. Output: a CstNode for the file + parse diagnostics (ZC02xx).
 *
 * INVARIANT: the grammar holds no semantics — which attribute is allowed where,
 * what a clause number means, units and numerals are all decided by cst-to-ast.ts.
 */
import { CstParser, EOF, tokenMatcher, type CstNode, type IToken, type IRecognitionException, type IOrAlt, type TokenType } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import * as T from './tokens.js';
import { tokenEnd } from './lexer.js';
import { parseAst } from './ast-parser.js';
import type { TopItem } from './ast.js';
import { suggest } from '../common/suggest.js';
import { beginnerSlips } from './slips.js';

/**
 * Syntax errors one parse reports (a block, or one unit of a block: blocks.ts) before it stops: the
 * rest of that block or unit is not parsed and one ZC0205 says where parsing stopped. (An unclosed
 * string turns the rest of the file inside out — code into strings, text into code — and error
 * recovery over all of it costs more than everything else; clang stops after 20 errors too.)
 */
export const MAX_SYNTAX_ERRORS = 20;

class ZhengCeParser extends CstParser {
  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, skipValidations: true, nodeLocationTracking: 'onlyOffset' });
    this.performSelfAnalysis();
  }

  /** The token at which this parse stopped after MAX_SYNTAX_ERRORS errors (reset per parse). */
  stoppedAt: IToken | undefined;

  // Chevrotain records every recognition error here (error_handler.js): after the cap, the input is
  // ended (the rules unwind at the end of input) and what the unwinding reports is dropped.
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.stoppedAt) return error;
    const saved = (CstParser.prototype as unknown as { SAVE_ERROR(e: IRecognitionException): IRecognitionException }).SAVE_ERROR.call(this, error);
    if (this.errors.length >= MAX_SYNTAX_ERRORS) {
      const next = this.LA(1);
      if (next.tokenType !== EOF) {
        this.stoppedAt = next;
        (this as unknown as { moveToTerminatedState(): void }).moveToTerminatedState();
      }
    }
    return saved;
  }

  /**
   * Chevrotain's in-rule recovery asks which token types may follow a token at the current grammar path
   * (recoverable.js `getFollowsForInRuleRecovery`), and answers by walking the grammar from the top rule
   * each time (`NextAfterTokenWalker`, not cached): on an edit that opens a string or a 「 — the rest of
   * a block misread — that walk was a fifth of the parse. The answer depends only on the grammar and the
   * path (the rule stack, each rule's occurrence, the token and its occurrence in its rule), so it is
   * kept per path. INVARIANT: the same follows as the walk gives (the callers only read them).
   */
  private readonly follows = new Map<string, TokenType[]>();
  getFollowsForInRuleRecovery(tokType: TokenType, tokIdxInRule: number): TokenType[] {
    const self = this as unknown as { RULE_STACK: number[]; RULE_STACK_IDX: number; RULE_OCCURRENCE_STACK: number[]; RULE_OCCURRENCE_STACK_IDX: number };
    let key = `${tokType.tokenTypeIdx}:${tokIdxInRule}|`;
    for (let i = 0; i <= self.RULE_STACK_IDX; i++) key += `${self.RULE_STACK[i]},`;
    key += '|';
    for (let i = 0; i <= self.RULE_OCCURRENCE_STACK_IDX; i++) key += `${self.RULE_OCCURRENCE_STACK[i]},`;
    let f = this.follows.get(key);
    if (!f) {
      f = (CstParser.prototype as unknown as { getFollowsForInRuleRecovery(t: TokenType, i: number): TokenType[] }).getFollowsForInRuleRecovery.call(this, tokType, tokIdxInRule);
      // (bounded: a path per nesting depth — thousands of levels in a pathological expression)
      if (this.follows.size >= 4096) this.follows.clear();
      this.follows.set(key, f);
    }
    return f;
  }

  // INVARIANT: each OR's alternatives are built once and reused (Chevrotain's advice: an array of
  // closures per OR call was an allocation per parsed construct). They close over `this` only.
  private readonly alts: IOrAlt<unknown>[][] = [];

  file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.topItem));
  });

  topItem = this.RULE('topItem', () => {
    this.OR((this.alts[0] ??= [
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.policyDecl) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.entityDecl) },
      { ALT: () => this.SUBRULE(this.paramDecl) },
      { ALT: () => this.SUBRULE(this.orgDecl) },
      { ALT: () => this.SUBRULE(this.clauseDecl) },
      { ALT: () => this.SUBRULE(this.indicatorDecl) },
      { ALT: () => this.SUBRULE(this.propertyDecl) },
      { ALT: () => this.SUBRULE(this.qualDecl) },
      { ALT: () => this.SUBRULE(this.doubtDecl) },
      { ALT: () => this.SUBRULE(this.definitionDecl) },
      { ALT: () => this.SUBRULE(this.assumptionDecl) },
      { ALT: () => this.CONSUME(T.Semi) },
    ]));
  });

  importDecl = this.RULE('importDecl', () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLit);
  });

  policyDecl = this.RULE('policyDecl', () => {
    this.CONSUME(T.Policy);
    this.OPTION(() => this.SUBRULE(this.nameTok));
    this.SUBRULE(this.attrBlock);
  });

  /** `{ attribute* }` */
  attrBlock = this.RULE('attrBlock', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR((this.alts[1] ??= [{ ALT: () => this.SUBRULE(this.attribute) }, { ALT: () => this.CONSUME(T.Semi) }])));
    this.CONSUME(T.RBrace);
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(T.Enum);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR((this.alts[2] ??= [{ ALT: () => this.SUBRULE2(this.nameTok, { LABEL: 'member' }) }, { ALT: () => this.CONSUME(T.Comma) }, { ALT: () => this.CONSUME(T.Semi) }])));
    this.CONSUME(T.RBrace);
  });

  entityDecl = this.RULE('entityDecl', () => {
    this.CONSUME(T.Entity);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.OR((this.alts[3] ??= [{ ALT: () => this.SUBRULE(this.fieldDecl) }, { ALT: () => this.CONSUME(T.Semi) }])));
    this.CONSUME(T.RBrace);
  });

  fieldDecl = this.RULE('fieldDecl', () => {
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.CONSUME(T.Signed));
    this.OPTION2(() => this.CONSUME(T.StringLit));
  });

  /** `定义 [实体.]名称 [：类型] = 表达式 [{ 属性* }]` */
  definitionDecl = this.RULE('definitionDecl', () => {
    this.CONSUME(T.Definition);
    this.SUBRULE(this.nameTok);
    this.OPTION(() => {
      this.CONSUME(T.Dot);
      this.SUBRULE2(this.nameTok, { LABEL: 'member' });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.OR((this.alts[4] ??= [{ ALT: () => this.CONSUME(T.EqEq) }, { ALT: () => this.CONSUME(T.Is) }]));
    this.SUBRULE(this.expr);
    this.OPTION3(() => this.SUBRULE(this.attrBlock));
  });

  /** `前提 名称 { 条件：… 说明："…" }` */
  assumptionDecl = this.RULE('assumptionDecl', () => {
    this.CONSUME(T.Assumption);
    this.SUBRULE(this.nameTok);
    this.SUBRULE(this.attrBlock);
  });

  typeRef = this.RULE('typeRef', () => {
    this.OR((this.alts[5] ??= [
      {
        ALT: () => {
          this.CONSUME(T.TypeKeyword);
          this.OPTION(() => {
            this.CONSUME(T.LParen);
            this.OR2((this.alts[6] ??= [
              { ALT: () => this.SUBRULE(this.typeRef, { LABEL: 'arg' }) },
              { ALT: () => this.CONSUME(T.Percent) },
            ]));
            this.CONSUME(T.RParen);
          });
        },
      },
      { ALT: () => this.SUBRULE(this.nameTok) },
    ]));
  });

  paramDecl = this.RULE('paramDecl', () => {
    this.CONSUME(T.Param);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.CONSUME(T.From);
    this.CONSUME(T.StringLit);
  });

  orgDecl = this.RULE('orgDecl', () => {
    this.CONSUME(T.Org);
    this.SUBRULE(this.nameTok);
    this.OPTION(() => this.SUBRULE(this.attrBlock));
  });

  clauseDecl = this.RULE('clauseDecl', () => {
    this.CONSUME(T.Clause);
    this.SUBRULE(this.clauseNumber);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR((this.alts[7] ??= [
        { ALT: () => this.SUBRULE(this.attribute) },
        { ALT: () => this.SUBRULE(this.clauseDecl) },
        { ALT: () => this.SUBRULE(this.measureDecl) },
        { ALT: () => this.SUBRULE(this.qualDecl) },
        { ALT: () => this.SUBRULE(this.doubtDecl) },
        { ALT: () => this.SUBRULE(this.indicatorDecl) },
        { ALT: () => this.SUBRULE(this.propertyDecl) },
        { ALT: () => this.SUBRULE(this.definitionDecl) },
        { ALT: () => this.SUBRULE(this.assumptionDecl) },
        { ALT: () => this.CONSUME(T.Semi) },
      ])),
    );
    this.CONSUME(T.RBrace);
  });

  /** 四、 / （一） / 1. / （1） / 附件2 — any sequence; meaning decided later. */
  clauseNumber = this.RULE('clauseNumber', () => {
    this.AT_LEAST_ONE(() =>
      this.OR((this.alts[8] ??= [
        { ALT: () => { this.CONSUME(T.Annex); this.OR2((this.alts[9] ??= [{ ALT: () => this.CONSUME(T.NumberLit) }, { ALT: () => this.CONSUME(T.ChineseNumber) }])); } },
        {
          ALT: () => {
            this.OR3((this.alts[10] ??= [{ ALT: () => this.CONSUME2(T.NumberLit) }, { ALT: () => this.CONSUME2(T.ChineseNumber) }]));
            this.OPTION(() => this.OR4((this.alts[11] ??= [{ ALT: () => this.CONSUME(T.Comma) }, { ALT: () => this.CONSUME(T.Dot) }])));
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LParen);
            this.OR5((this.alts[12] ??= [{ ALT: () => this.CONSUME3(T.NumberLit) }, { ALT: () => this.CONSUME3(T.ChineseNumber) }]));
            this.CONSUME(T.RParen);
          },
        },
      ])),
    );
  });

  measureDecl = this.RULE('measureDecl', () => {
    this.CONSUME(T.Measure);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR((this.alts[13] ??= [
        { ALT: () => this.SUBRULE(this.attribute) },
        { ALT: () => this.SUBRULE(this.outcomeDecl) },
        { ALT: () => this.SUBRULE(this.ruleDecl) },
        { ALT: () => this.SUBRULE(this.doubtDecl) },
        { ALT: () => this.CONSUME(T.Semi) },
      ])),
    );
    this.CONSUME(T.RBrace);
  });

  outcomeDecl = this.RULE('outcomeDecl', () => {
    this.CONSUME(T.Outcome);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.CONSUME(T.PeriodKeyword));
    this.OPTION2(() => this.CONSUME(T.Required));
  });

  ruleDecl = this.RULE('ruleDecl', () => {
    this.CONSUME(T.Rule);
    this.SUBRULE(this.nameTok);
    this.OPTION(() => {
      this.CONSUME(T.ExceptionOf);
      this.SUBRULE2(this.nameTok, { LABEL: 'overrides' });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE3(this.nameTok, { LABEL: 'overrides' });
      });
    });
    this.CONSUME(T.LBrace);
    this.MANY2(() =>
      this.OR((this.alts[14] ??= [
        { ALT: () => this.SUBRULE(this.attribute) },
        { ALT: () => this.SUBRULE(this.assignment) },
        { ALT: () => this.CONSUME(T.Semi) },
      ])),
    );
    this.CONSUME(T.RBrace);
  });

  assignment = this.RULE('assignment', () => {
    this.SUBRULE(this.nameTok);
    this.OR((this.alts[15] ??= [{ ALT: () => this.CONSUME(T.EqEq) }, { ALT: () => this.CONSUME(T.Is) }]));
    this.SUBRULE(this.expr);
  });

  qualDecl = this.RULE('qualDecl', () => {
    this.CONSUME(T.Qualitative);
    this.OPTION(() => this.SUBRULE(this.nameTok));
    this.SUBRULE(this.attrBlock);
  });

  doubtDecl = this.RULE('doubtDecl', () => {
    this.CONSUME(T.Doubt);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.LBrace);
    this.MANY(() =>
      this.OR((this.alts[16] ??= [
        { ALT: () => this.SUBRULE(this.attribute) },
        { ALT: () => this.SUBRULE(this.readingDecl) },
        { ALT: () => this.CONSUME(T.Semi) },
      ])),
    );
    this.CONSUME(T.RBrace);
  });

  readingDecl = this.RULE('readingDecl', () => {
    this.CONSUME(T.Reading);
    this.SUBRULE(this.nameTok);
    this.CONSUME(T.Colon);
    this.CONSUME(T.StringLit);
  });

  indicatorDecl = this.RULE('indicatorDecl', () => {
    this.CONSUME(T.Indicator);
    this.SUBRULE(this.nameTok);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE(this.typeRef);
    });
    this.OR((this.alts[17] ??= [{ ALT: () => this.CONSUME(T.EqEq) }, { ALT: () => this.CONSUME(T.Is) }]));
    this.SUBRULE(this.expr);
    this.OPTION2(() => this.SUBRULE(this.attrBlock));
  });

  propertyDecl = this.RULE('propertyDecl', () => {
    this.CONSUME(T.Property);
    this.SUBRULE(this.nameTok);
    this.SUBRULE(this.attrBlock);
  });

  /** `键：值、值` or `键 { 属性* }` */
  attribute = this.RULE('attribute', () => {
    this.CONSUME(T.AttrKey);
    this.OR((this.alts[18] ??= [
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.valueItem);
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.valueItem);
          });
        },
      },
      { ALT: () => this.SUBRULE(this.attrBlock) },
    ]));
  });

  /** An expression, optionally a range `甲 至 乙`. */
  valueItem = this.RULE('valueItem', () => {
    this.SUBRULE(this.expr);
    this.OPTION(() => {
      this.OR((this.alts[19] ??= [{ ALT: () => this.CONSUME(T.RangeWord) }, { ALT: () => this.CONSUME(T.Dash) }]));
      this.SUBRULE2(this.expr, { LABEL: 'rangeEnd' });
    });
  });

  // ── expressions ────────────────────────────────────────────────────
  expr = this.RULE('expr', () => {
    this.SUBRULE(this.andExpr);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.andExpr);
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notExpr);
    });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR((this.alts[20] ??= [
      { ALT: () => { this.CONSUME(T.Not); this.SUBRULE(this.notExpr); } },
      { ALT: () => this.SUBRULE(this.cmpExpr) },
    ]));
  });

  cmpExpr = this.RULE('cmpExpr', () => {
    this.SUBRULE(this.addExpr);
    // GATE: a literal that ends its line (`指标 甲 = 1 2⏎指标 …`) cannot start a bound (3以上, 6—24月龄):
    // the comparison ends here and the stray literal is reported where it stands, not on the next line.
    this.OPTION({ GATE: () => this.boundAhead(), DEF: () =>
      this.OR((this.alts[21] ??= [
        {
          ALT: () => {
            this.OR2((this.alts[22] ??= [
              { ALT: () => this.CONSUME(T.GreaterEq) }, { ALT: () => this.CONSUME(T.LessEq) },
              { ALT: () => this.CONSUME(T.NotEq) }, { ALT: () => this.CONSUME(T.EqEq) },
              { ALT: () => this.CONSUME(T.Greater) }, { ALT: () => this.CONSUME(T.Less) },
              { ALT: () => this.CONSUME(T.Is) }, { ALT: () => this.CONSUME(T.IsNot) },
              { ALT: () => this.CONSUME(T.LegalPrefix) },
            ]));
            this.SUBRULE2(this.addExpr, { LABEL: 'rhs' });
          },
        },
        {
          ALT: () => {
            this.OR3((this.alts[23] ??= [{ ALT: () => this.CONSUME(T.In) }, { ALT: () => this.CONSUME(T.NotIn) }]));
            this.SUBRULE(this.setExpr);
          },
        },
        {
          // literal bound: 「3以上」「三孩及以上」「6—24月龄」
          ALT: () => {
            this.OPTION3(() => this.CONSUME(T.At));
            this.SUBRULE(this.literal, { LABEL: 'bound' });
            this.OR4((this.alts[24] ??= [
              { ALT: () => this.CONSUME(T.LegalSuffix) },
              {
                ALT: () => {
                  this.OR5((this.alts[25] ??= [{ ALT: () => this.CONSUME(T.Dash) }, { ALT: () => this.CONSUME(T.RangeWord) }]));
                  this.SUBRULE2(this.literal, { LABEL: 'boundEnd' });
                  this.OPTION2(() => this.CONSUME(T.Between));
                },
              },
            ]));
          },
        },
      ])),
    });
  });

  /** The text being parsed (set by parseTokens; only boundAhead reads it, for line breaks). */
  text = '';

  /** Lookahead for cmpExpr's literal-bound alternative: false when LA(1) is a literal that ends its line (or the file). */
  private boundAhead(): boolean {
    const first = this.LA(1);
    let i: number;
    if (tokenMatcher(first, T.DateLit)) i = 2;
    else if (tokenMatcher(first, T.NumberLit) || tokenMatcher(first, T.ChineseNumber)) i = tokenMatcher(this.LA(2), T.Unit) ? 3 : 2;
    else return true;
    const after = this.LA(i);
    if (tokenMatcher(after, T.LegalSuffix) || tokenMatcher(after, T.Dash) || tokenMatcher(after, T.RangeWord)) return true;
    if (after.tokenType === EOF) return false;
    return !/[\n\r\u2028\u2029]/.test(this.text.slice(tokenEnd(this.LA(i - 1)), after.startOffset));
  }

  setExpr = this.RULE('setExpr', () => {
    this.OR((this.alts[26] ??= [
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.SUBRULE(this.addExpr, { LABEL: 'member' });
          this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.addExpr, { LABEL: 'member' }); });
          this.CONSUME(T.RBrace);
        },
      },
      {
        ALT: () => {
          this.SUBRULE3(this.addExpr, { LABEL: 'member' });
          this.MANY2(() => { this.CONSUME2(T.Comma); this.SUBRULE4(this.addExpr, { LABEL: 'member' }); });
        },
      },
    ]));
  });

  addExpr = this.RULE('addExpr', () => {
    this.SUBRULE(this.mulExpr);
    this.MANY(() => {
      this.OR((this.alts[27] ??= [{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]));
      this.SUBRULE2(this.mulExpr);
    });
  });

  mulExpr = this.RULE('mulExpr', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.OR((this.alts[28] ??= [{ ALT: () => this.CONSUME(T.Times) }, { ALT: () => this.CONSUME(T.Divide) }]));
      this.SUBRULE2(this.unaryExpr);
    });
  });

  unaryExpr = this.RULE('unaryExpr', () => {
    this.OR((this.alts[29] ??= [
      { ALT: () => { this.CONSUME(T.Minus); this.SUBRULE(this.unaryExpr); } },
      { ALT: () => this.SUBRULE(this.postfixExpr) },
    ]));
  });

  /** `甲.乙`, `列表 均满足（条件）`, `列表 按（键）第N个` — in source order. */
  postfixExpr = this.RULE('postfixExpr', () => {
    this.SUBRULE(this.primary);
    this.MANY(() =>
      this.OR((this.alts[30] ??= [
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.SUBRULE(this.nameTok, { LABEL: 'member' });
          },
        },
        { ALT: () => this.SUBRULE(this.quantSuffix) },
        { ALT: () => this.SUBRULE(this.nthSuffix) },
      ])),
    );
  });

  quantSuffix = this.RULE('quantSuffix', () => {
    this.OR((this.alts[31] ??= [{ ALT: () => this.CONSUME(T.QuantExists) }, { ALT: () => this.CONSUME(T.QuantForall) }, { ALT: () => this.CONSUME(T.QuantNone) }]));
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expr, { LABEL: 'body' });
    this.CONSUME(T.RParen);
  });

  nthSuffix = this.RULE('nthSuffix', () => {
    this.CONSUME(T.OrderBy);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expr, { LABEL: 'key' });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Ordinal);
    this.SUBRULE(this.literal, { LABEL: 'index' });
  });

  primary = this.RULE('primary', () => {
    this.OR((this.alts[32] ??= [
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Unknown) },
      { ALT: () => this.CONSUME(T.SameDay) },
      { ALT: () => this.CONSUME(T.NextDay) },
      { ALT: () => this.CONSUME(T.It) },
      { ALT: () => this.CONSUME(T.PeriodKeyword) },
      {
        ALT: () => {
          this.SUBRULE(this.nameTok);
          this.OPTION(() => {
            this.CONSUME(T.LParen);
            this.OPTION2(() => {
              this.SUBRULE(this.expr, { LABEL: 'arg' });
              this.MANY(() => { this.CONSUME(T.Comma); this.SUBRULE2(this.expr, { LABEL: 'arg' }); });
            });
            this.CONSUME(T.RParen);
          });
        },
      },
      { ALT: () => { this.CONSUME2(T.LParen); this.SUBRULE3(this.expr, { LABEL: 'inner' }); this.CONSUME2(T.RParen); } },
      {
        // 数量（列表）: a type word used as a function name (the checker decides which are functions)
        ALT: () => {
          this.CONSUME(T.TypeKeyword, { LABEL: 'typeCallee' });
          this.CONSUME3(T.LParen);
          this.SUBRULE4(this.expr, { LABEL: 'arg' });
          this.MANY3(() => { this.CONSUME3(T.Comma); this.SUBRULE5(this.expr, { LABEL: 'arg' }); });
          this.CONSUME3(T.RParen);
        },
      },
    ]));
  });

  /** number with optional unit, or a date */
  literal = this.RULE('literal', () => {
    this.OR((this.alts[33] ??= [
      {
        ALT: () => {
          this.OR2((this.alts[34] ??= [{ ALT: () => this.CONSUME(T.NumberLit) }, { ALT: () => this.CONSUME(T.ChineseNumber) }]));
          this.OPTION(() => this.CONSUME(T.Unit));
        },
      },
      { ALT: () => this.CONSUME(T.DateLit) },
    ]));
  });

  nameTok = this.RULE('nameTok', () => {
    this.OR((this.alts[35] ??= [{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.QuotedName) }]));
  });
}

// INVARIANT: one parser instance, re-used; `input` resets its state.
let parserInstance: ZhengCeParser | undefined;
function getParser(): ZhengCeParser {
  return (parserInstance ??= new ZhengCeParser());
}

/** Names of grammar rules (for tests and tooling). */
export function grammarRuleNames(): string[] {
  return Object.keys(getParser().getGAstProductions());
}

function describeToken(t: IToken): string {
  if (t.tokenType === EOF) return '文件结尾';
  return `“${t.image.length > 20 ? t.image.slice(0, 20) + '…' : t.image}”`;
}

let astParserOn = true;
/**
 * Whether `parseTokens` first tries ast-parser.ts (default on). Off: every block goes through
 * Chevrotain's CST as before — for the test that compares both paths and for the benchmark.
 */
export function useAstParser(on: boolean): void {
  astParserOn = on;
}

/**
 * Parse tokens into a CST. Error-free input without AST diagnostics is parsed by ast-parser.ts (its
 * AST built while parsing, handed on by `buildAst`; Chevrotain's CST only if `children` is read);
 * anything else by Chevrotain, with error recovery.
 */
export function parseTokens(file: SourceFile, tokens: IToken[]): Result<CstNode> {
  if (astParserOn) {
    const fast = parseAst(file, tokens, () => chevrotainParse(file, tokens).value);
    if (fast) return { value: fast, diagnostics: [] };
  }
  return chevrotainParse(file, tokens);
}

/**
 * ast-parser.ts's AST of the tokens (no CST kept: a parse never formatted), or undefined when it does
 * not take them (then `parseTokens`).
 */
export function parseFast(file: SourceFile, tokens: IToken[]): TopItem[] | undefined {
  if (!astParserOn) return undefined;
  return parseAst(file, tokens, () => chevrotainParse(file, tokens).value)?.fastItems;
}

/**
 * Chevrotain's parse: the CST and the syntax diagnostics (ZC02xx) — what the formatter reads (a
 * block's CST, `withCst`), never ast-parser.ts's.
 */
export function chevrotainParse(file: SourceFile, given: IToken[]): Result<CstNode> {
  const misspelt = misspeltKeywords(given);
  // a beginner's slips (slips.ts): one diagnostic each, and the tokens the drafter meant
  const slips = beginnerSlips(file, misspelt.tokens);
  const tokens = slips.tokens;
  const parser = getParser();
  parser.text = file.text;
  parser.stoppedAt = undefined;
  parser.input = tokens;
  // (Chevrotain makes an Error per recognition error and per failed in-rule recovery — control flow, their
  // stacks never read: capturing them was 8% of the parse of an edit that opens a string. The stack's
  // limit is restored after the parse, also when it throws — a RangeError of a too deep nesting is
  // reported by the caller, tooDeepResult, from its type alone.)
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let cst: CstNode;
  try {
    cst = parser.file();
  } finally {
    Error.stackTraceLimit = limit;
  }
  parser.text = '';
  const stopped = parser.stoppedAt as IToken | undefined;
  parser.stoppedAt = undefined;
  const diagnostics: Diagnostic[] = misspelt.found.map(({ token, word }) => diag('ZC0201', file.span(token.startOffset, tokenEnd(token)), `“${token.image}”不是关键字，应为“${word}”`, {
    fixes: [{ title: `改为“${word}”`, edits: [{ span: file.span(token.startOffset, tokenEnd(token)), newText: word }] }],
  }));
  diagnostics.push(...slips.diagnostics);
  const seen = new Set<number>();
  // token → index: a cursor walked from the previous error's token (errors come in text order, so
  // all the walks together read each token about once; helpFor needs a token's neighbour). A
  // linear indexOf per error was quadratic; a Map of every token cost an allocation per token of
  // a large block on each erroneous parse.
  let cursor = 0;
  const indexOf = (t: IToken) => {
    const o = t.startOffset;
    while (cursor > 0 && tokens[cursor]!.startOffset > o) cursor--;
    while (cursor < tokens.length - 1 && tokens[cursor]!.startOffset < o) cursor++;
    return tokens[cursor] === t ? cursor : -1; // (-1: not one of the tokens — one inserted in recovery)
  };
  for (const e of parser.errors as IRecognitionException[]) {
    const t = e.token;
    const isEof = t.tokenType === EOF || Number.isNaN(t.startOffset);
    const start = isEof ? file.text.length : t.startOffset;
    const end = isEof ? file.text.length : tokenEnd(t);
    if (seen.has(start)) continue; // one error per place
    seen.add(start);
    const expected = expectedOf(e);
    // (a “}” of no width — made up for a block left open, slips.ts closeOpenBlocks — is no token of the text: the
    // mistake is that what precedes it is unfinished, `条件：家庭.` with the next declaration on the next line)
    const madeUp = !isEof && t.tokenType === T.RBrace && t.image === '' ? tokens[indexOf(t) - 1] : undefined;
    const unfinished = isEof ? undefined : unfinishedBefore(tokens, indexOf(t)) ?? madeUp;
    if (unfinished) {
      // the mistake is what was left out after it, not the token found next — often on the next
      // line, so the error was reported one line too low (issue 13)
      const s = unfinished.startOffset;
      if (seen.has(s)) continue;
      seen.add(s);
      diagnostics.push(diag('ZC0202', file.span(s, tokenEnd(unfinished)), `${describeToken(unfinished)}之后缺少${expected || '内容'}`));
    } else if (isEof) {
      const open = expected === '“}”' ? unclosedBlock(file, tokens) : undefined;
      if (open) diagnostics.push(open);
      else diagnostics.push(diag('ZC0202', file.span(start, end), `文件意外结束${expected ? `，此处缺少${expected}` : ''}`, { help: '检查是否缺少右花括号“}”或“）”' }));
    } else if (t.tokenType === T.RBrace || t.tokenType === T.RParen) {
      diagnostics.push(diag('ZC0203', file.span(start, end), `多余或位置不对的${describeToken(t)}${expected ? `，此处应为${expected}` : ''}`));
    } else {
      const i = indexOf(t);
      const key = misspeltAttributeKey(t, tokens, i);
      if (key) {
        // `牵头部门：县政府`: a name and a colon where it cannot be a field — a misspelt attribute key
        const span = file.span(start, end);
        diagnostics.push(diag('ZC0201', span, `“${t.image}”不是属性，是不是“${key}”？`, {
          help: `属性是固定的词（语言说明 §8）；改为“${key}”`,
          fixes: [{ title: `改为“${key}”`, edits: [{ span, newText: key }] }],
        }));
        continue;
      }
      const paren = expected === '“）”' ? unclosedParen(file, t, tokens, i) : undefined;
      if (paren) {
        diagnostics.push(paren);
        continue;
      }
      const misplaced = misplacedDeclaration(file, t, tokens, i);
      if (misplaced) {
        diagnostics.push(misplaced);
        continue;
      }
      const help = helpFor(t, tokens, i);
      diagnostics.push(diag('ZC0201', file.span(start, end), `此处不应出现${describeToken(t)}${expected ? `，应为${expected}` : ''}`, help ? { help } : {}));
    }
  }
  if (stopped) {
    const at = Number.isNaN(stopped.startOffset) ? file.text.length : stopped.startOffset;
    diagnostics.push(diag('ZC0205', file.span(at, at), `语法错误过多：前面已有 ${MAX_SYNTAX_ERRORS} 处语法错误，从此处到本段结尾未再解析`, { help: '先改正前面的错误。常见原因：少了一个右引号“"”，其后的内容都成了字符串；或少了一个“}”' }));
  }
  return { value: cst, diagnostics };
}

const tokenDisplay: Record<string, string> = {
  LBrace: '“{”', RBrace: '“}”', LParen: '“（”', RParen: '“）”', Colon: '“：”', Comma: '“、”', Semi: '“；”', Dot: '“.”',
  Name: '名称', QuotedName: '名称', StringLit: '字符串 "…"', NumberLit: '数字', ChineseNumber: '数字', DateLit: '日期',
  Unit: '单位', EqEq: '“=”', TypeKeyword: '类型（如 整数、金额、日期）', AttrKey: '属性（如 原文：、条件：）',
  LegalSuffix: '“以上”“以下”等', PeriodKeyword: '周期（如 一次性、按月）',
};

function expectedOf(e: IRecognitionException): string {
  // Chevrotain's message lists expected token names: map the common ones to Chinese.
  const m = /Expecting (?:token of type --> (\w+) <--|--> (\w+) <--|: one of these possible Token sequences:)/.exec(e.message);
  const name = m?.[1] ?? m?.[2];
  if (name) return tokenDisplay[name] ?? (name.startsWith('Attr_') ? `“${name.slice(5)}”` : '');
  if (e.name === 'NoViableAltException') return '';
  return '';
}

/** Declarations written `关键字 名称 {`: a name one character away from one of these, in that place, is taken for it. */
let declWords: Map<string, TokenType> | undefined;
const DECL_WORDS = () => (declWords ??= new Map([T.Policy, T.Entity, T.Enum, T.Measure, T.Rule, T.Qualitative, T.Doubt, T.Property].map((t) => [T.wordsOf(t)[0]!, t])));

/**
 * A misspelt declaration keyword (`措拖 生育补助 {`): a name of the keyword's length that differs from it
 * in one character, followed by a name and “{” (or 例外于), is parsed as that keyword (one ZC0201 with the fix),
 * instead of the block's contents being read as its parent's (a cascade of errors). Only on the error
 * path (Chevrotain's parse); the given tokens are not changed (a parse cache keeps them): a copy with
 * new token objects. INVARIANT: decided by the three tokens alone (an incremental parse reparses a
 * block whose tokens changed).
 */
function misspeltKeywords(tokens: IToken[]): { tokens: IToken[]; found: { token: IToken; word: string }[] } {
  let out: IToken[] | undefined;
  const found: { token: IToken; word: string }[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.tokenType !== T.Name || t.image.length !== 2) continue;
    const n = tokens[i + 1]!.tokenType;
    const after = tokens[i + 2]!.tokenType;
    if ((n !== T.Name && n !== T.QuotedName) || (after !== T.LBrace && after !== T.ExceptionOf)) continue;
    for (const [word, type] of DECL_WORDS()) {
      if ((t.image[0] === word[0]) !== (t.image[1] === word[1])) {
        out ??= tokens.slice();
        out[i] = { ...t, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
        found.push({ token: t, word });
        break;
      }
    }
  }
  return { tokens: out ?? tokens, found };
}

/** Every attribute key (日期 is lexed as a type keyword but is 指标's attribute too). */
const ATTRIBUTE_WORDS: readonly string[] = [...T.AttrWords];

/**
 * The attribute key a name that failed to parse was meant to be: a bare name right before `：`
 * (where the parse failed, so not a field `名称：类型` of an entity) close to an attribute key
 * (`牵头部门` → 牵头单位). INVARIANT: decided by the two tokens alone (as `unfinishedBefore`).
 */
function misspeltAttributeKey(t: IToken, tokens: IToken[], i: number): string | undefined {
  if (t.tokenType !== T.Name || i < 0 || tokens[i + 1]?.tokenType !== T.Colon) return undefined;
  return suggest(t.image, ATTRIBUTE_WORDS);
}

/** Where each declaration may be written (语言说明 §8.1), for a declaration found where it may not be. */
const DECLARED_IN: ReadonlyMap<TokenType, string> = new Map([
  [T.Measure, '措施只能写在条款内，如 条款 一、 { 措施 名称 { … } }'],
  [T.Rule, '规则只能写在措施内，如 措施 名称 { 规则 名称 { … } }'],
  [T.Outcome, '结果只能写在措施内，如 措施 名称 { 结果 名称：类型 }'],
  [T.Definition, '定义只能写在顶层或条款内'],
  [T.Policy, '政策只能写在顶层'], [T.Entity, '实体只能写在顶层'], [T.Enum, '枚举只能写在顶层'], [T.Org, '机构只能写在顶层'], [T.Param, '参数只能写在顶层'],
]);

/**
 * A declaration keyword (措施, 规则, 结果, 定义 …) where the parse failed, followed by a name: a
 * declaration written where it may not be — ZC0209 says where it belongs (the enclosing block named).
 * INVARIANT: decided by the tokens alone (the brace nesting before it, the token after it).
 */
function misplacedDeclaration(file: SourceFile, t: IToken, tokens: IToken[], i: number): Diagnostic | undefined {
  const where = DECLARED_IN.get(t.tokenType);
  const next = tokens[i + 1];
  if (!where || i < 0 || !next || (next.tokenType !== T.Name && next.tokenType !== T.QuotedName)) return undefined;
  // the block it stands in: the declaration keyword before the innermost “{” still open
  let depth = 0;
  let owner: IToken | undefined;
  for (let k = i - 1; k >= 0; k--) {
    const ty = tokens[k]!.tokenType;
    if (ty === T.RBrace) depth++;
    else if (ty === T.LBrace) {
      if (depth === 0) {
        for (let o = k - 1; o >= 0 && o >= k - 8; o--) if (DECL_OWNER.has(tokens[o]!.tokenType)) { owner = tokens[o]; break; }
        break;
      }
      depth--;
    }
  }
  const inWhat = owner ? `${owner.image}内` : '顶层';
  return diag('ZC0209', file.span(t.startOffset, tokenEnd(t)), `“${t.image}”不能写在${inWhat}；${where}`, {
    help: '各种声明可以写在哪里，见语言说明 §8.1 的总览表',
  });
}
const DECL_OWNER = new Set<TokenType>([T.Policy, T.Entity, T.Enum, T.Org, T.Clause, T.Annex, T.Measure, T.Rule, T.Qualitative, T.Doubt, T.Property, T.Definition, T.Indicator, T.Assumption]);

/**
 * Where a “）” was expected at token `i`: the “（” left open — ZC0203 at it (not at the token the parse
 * stopped at, which is often right: `属于 （国家、省` stops at the “、”), the stop as related information,
 * and the fix: “）” after the token before the stop; a set written in round brackets (`属于 （…`) is told to
 * use braces. INVARIANT: decided by the tokens alone.
 */
function unclosedParen(file: SourceFile, t: IToken, tokens: IToken[], i: number): Diagnostic | undefined {
  if (i <= 0) return undefined;
  let depth = 0;
  let k = i - 1;
  for (; k >= 0; k--) {
    const ty = tokens[k]!.tokenType;
    if (ty === T.RParen) depth++;
    else if (ty === T.LParen) {
      if (depth === 0) break;
      depth--;
    } else if (ty === T.LBrace || ty === T.RBrace) return undefined;
  }
  if (k < 0) return undefined;
  const open = tokens[k]!;
  const prev = tokens[i - 1]!;
  if (Number.isNaN(open.startOffset) || Number.isNaN(prev.startOffset)) return undefined;
  const at = tokenEnd(prev);
  const stop = file.span(t.startOffset, tokenEnd(t));
  const isSet = k > 0 && (tokens[k - 1]!.tokenType === T.In || tokens[k - 1]!.tokenType === T.NotIn) && t.tokenType === T.Comma;
  if (isSet) {
    return diag('ZC0203', file.span(open.startOffset, tokenEnd(open)), '集合用花括号：属于 {国家、省}，不用圆括号', {
      help: '集合写作 {国家、省、市}：元素之间用“、”分隔（语言说明 §5）',
      related: [{ span: stop, message: '圆括号里不能有“、”' }],
      fixes: [{ title: '改为“{”', edits: [{ span: file.span(open.startOffset, tokenEnd(open)), newText: '{' }] }],
    });
  }
  return diag('ZC0203', file.span(open.startOffset, tokenEnd(open)), `“${open.image}”没有对应的“）”`, {
    help: `在“${prev.image.length > 20 ? prev.image.slice(0, 20) + '…' : prev.image}”之后补上“）”`,
    related: [{ span: stop, message: '解析到这里仍未闭合' }],
    fixes: [{ title: '补上“）”', edits: [{ span: file.span(at, at), newText: '）' }] }],
  });
}

/**
 * At the end of input with a “}” expected: the innermost “{” still open — ZC0203 at its declaration
 * (keyword and name), the “{” as related information, with a fix inserting “}” at the end of the text.
 * Undefined when no real “{” is open (a made-up 条款's).
 */
export function unclosedBlock(file: SourceFile, tokens: IToken[]): Diagnostic | undefined {
  const stack: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const ty = tokens[k]!.tokenType;
    if (ty === T.LBrace) stack.push(k);
    else if (ty === T.RBrace) stack.pop();
  }
  for (let s = stack.length - 1; s >= 0; s--) {
    const b = stack[s]!;
    const brace = tokens[b]!;
    // (not a “{” inserted in recovery, nor a made-up 条款's — blocks.ts wraps a unit at its first token's offset)
    if (Number.isNaN(brace.startOffset) || brace.image === '' || tokens[b + 1]?.startOffset === brace.startOffset) continue;
    let o = b - 1;
    while (o >= 0 && b - o <= 8 && !DECL_OWNER.has(tokens[o]!.tokenType) && tokens[o]!.tokenType !== T.LBrace && tokens[o]!.tokenType !== T.RBrace) o--;
    const owner = o >= 0 && DECL_OWNER.has(tokens[o]!.tokenType) ? o : -1;
    // the declaration's name (a 条款's number) when one follows its keyword
    let nameEnd = owner + 1;
    if (owner >= 0 && tokens[owner]!.tokenType === T.Clause) while (nameEnd < b && tokens[nameEnd]!.tokenType !== T.StringLit) nameEnd++;
    else if (owner >= 0 && isNamed(tokens[owner + 1]) && owner + 1 < b) nameEnd = owner + 2;
    const name = owner >= 0 && nameEnd > owner + 1 ? file.text.slice(tokens[owner + 1]!.startOffset, tokenEnd(tokens[nameEnd - 1]!)) : '';
    const what = owner >= 0 ? `${tokens[owner]!.image}${name ? `“${name}”` : ''}` : '这个块';
    const at = owner >= 0 ? file.span(tokens[owner]!.startOffset, tokenEnd(tokens[nameEnd - 1]!)) : file.span(brace.startOffset, tokenEnd(brace));
    const endAt = file.span(file.text.length, file.text.length);
    return diag('ZC0203', at, `${what}的“{”没有对应的“}”：直到文件结尾仍未闭合`, {
      help: `在${what}的内容之后补上“}”`,
      related: [{ span: file.span(brace.startOffset, tokenEnd(brace)), message: '这个“{”未闭合' }],
      fixes: [{ title: '在文件结尾补上“}”', edits: [{ span: endAt, newText: file.text.endsWith('\n') || file.text === '' ? '}\n' : '\n}\n' }] }],
    });
  }
  return undefined;
}
const isNamed = (t: IToken | undefined) => !!t && (t.tokenType === T.Name || t.tokenType === T.QuotedName);

/** Tokens that need something after them: operators, connectives, `：` and list separators. */
const CONTINUES = new Set<TokenType>([T.Plus, T.Minus, T.Times, T.Divide, T.GreaterEq, T.LessEq, T.NotEq, T.EqEq, T.Greater, T.Less, T.And, T.Or, T.Not, T.In, T.Is, T.Colon, T.Comma, T.Dash]);

/**
 * The operator, connective, `：` or separator just before token `i`, where the parse failed: what
 * it needs was left out (`指标 甲 = 1 +⏎指标 乙…`). INVARIANT: decided by the two tokens alone, never
 * by the white space between them — an incremental parse reuses a block whose next token only moved.
 */
function unfinishedBefore(tokens: IToken[], i: number): IToken | undefined {
  const prev = i > 0 ? tokens[i - 1] : undefined;
  return prev && CONTINUES.has(prev.tokenType) ? prev : undefined;
}

function helpFor(t: IToken, tokens: IToken[], i: number): string | undefined {
  const next = tokens[i + 1];
  if ((t.tokenType === T.ChineseNumber || t.tokenType === T.NumberLit) && next && (next.tokenType === T.Unit || next.tokenType === T.Name)) {
    return `名称不能以数字开头；若“${t.image}${next.image}”是名称，请写作「${t.image}${next.image}」`;
  }
  if (t.tokenType.CATEGORIES?.includes(T.Keyword) && next && next.tokenType === T.Name && tokenEnd(t) === next.startOffset) {
    return `“${t.image}”是关键字；若“${t.image}${next.image}”是名称，请写作「${t.image}${next.image}」`;
  }
  if (t.tokenType.CATEGORIES?.includes(T.Keyword)) {
    return `“${t.image}”是关键字，不能直接用作名称；若要用作名称，请写作「${t.image}」`;
  }
  return undefined;
}

/**
 * The token types the grammar allows next after `preceding`, parsed from grammar rule `rule`
 * (Chevrotain's content assist: a walk of the grammar, not a parse — for the completion service's
 * statement-start keywords, given a block's header tokens). Empty when `preceding` does not fit the rule.
 */
export function nextTokenTypes(rule: string, preceding: IToken[]): TokenType[] {
  try {
    return getParser().computeContentAssist(rule, preceding).map((s) => s.nextTokenType);
  } catch {
    return [];
  }
}
