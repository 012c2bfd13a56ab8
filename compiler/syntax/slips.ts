/**
 * A beginner's slips (issue 13 item 4): mistakes a new drafter makes that are ONE mistake but, read by
 * the grammar as written, give several errors or an error at the wrong place. Each slip is recognised
 * by a few tokens, reported once — at the place of the mistake, in Chinese, with its own code and, where
 * the correction is obvious, a fix — and the tokens are rewritten (in a copy) to what the drafter meant,
 * so that the parse and the later passes see the corrected declaration and report nothing more about it.
 *
 * Input: a parse unit's tokens (blocks.ts). Output: the tokens to parse and the slips' diagnostics.
 * Called only by parser.ts `chevrotainParse` — the error path: ast-parser.ts gave up on these tokens.
 *
 * INVARIANT: every pattern is ungrammatical as written (so a valid program never matches one, and the
 * formatter's Chevrotain parse of a valid block is unchanged), and is decided by the tokens alone, never
 * by the white space between them (the formatter's property: white space never changes the parse; an
 * incremental parse reuses a block whose tokens only moved).
 * INVARIANT: the given tokens are never changed (a parse cache keeps them): rewritten tokens are new objects.
 */
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { SourceFile } from '../common/source.js';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import * as T from './tokens.js';
import { lexRange, tokenEnd } from './lexer.js';

/** Words written before a “（”: the builtin functions (builtins.ts), 适用, and the types that take one. */
const FUNC_WORDS = ['工作日期限', '某日', '周岁', '月龄', '天数', '数量', '人数', '合计', '最大', '最小', '适用', '时长', '列表'];

/**
 * Whether a “）” that closes nothing follows from token `from` on, before the declaration or attribute ends
 * (a brace, an attribute key or a declaration keyword).
 */
function strayCloseAfter(tokens: readonly IToken[], from: number): boolean {
  let depth = 0;
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k]!;
    const ty = t.tokenType;
    if (ty === T.LParen) depth++;
    else if (ty === T.RParen) {
      if (depth === 0) return true;
      depth--;
    } else if (ty === T.LBrace || ty === T.RBrace || isDeclKeyword(t) || tokenMatcher(t, T.AttrKey)) return false;
  }
  return false;
}

/** `text` lexed as tokens starting at offset `at` (a word split off a name: its keyword type, if it is one). */
function lexedAt(text: string, at: number): IToken[] {
  return lexRange(new SourceFile('/zc-slip', text), 0, text.length).value.tokens.map((x) => ({ ...x, startOffset: x.startOffset + at, endOffset: x.startOffset + at + x.image.length - 1 }));
}

/** Money written the colloquial way (`5000块`): the unit a drafter meant. */
const MONEY_SLANG: ReadonlyMap<string, string> = new Map([['块', '元'], ['块钱', '元'], ['圆', '元'], ['元钱', '元'], ['万块', '万元']]);

/**
 * A quantifier written before its list (`至少一个 家庭.子女 满足（…）`, `所有 家庭.子女 都满足（…）`):
 * the words in front → the quantifier written after the list (§15.3). Matched on the concatenated images
 * of up to four tokens (至少一个 is lexed 至 少 一 个).
 */
const QUANT_PREFIX: ReadonlyMap<string, string> = new Map([
  ['至少一个', '至少一个满足'], ['至少一方', '至少一方满足'], ['至少一人', '至少一人满足'], ['任一', '任一满足'], ['任何一个', '任一满足'],
  ['所有', '均满足'], ['全部', '全部满足'], ['每个', '均满足'], ['每一个', '均满足'],
]);

const isQuant = (t: IToken | undefined) => !!t && (t.tokenType === T.QuantExists || t.tokenType === T.QuantForall || t.tokenType === T.QuantNone);
const isNameTok = (t: IToken | undefined) => !!t && (t.tokenType === T.Name || t.tokenType === T.QuotedName);
const isA = (t: IToken | undefined, cat: TokenType) => !!t && tokenMatcher(t, cat);

/** A token like `t` but of type `type` (and, when given, another image and offset). */
function retype(t: IToken, type: TokenType, image = t.image, startOffset = t.startOffset): IToken {
  return { ...t, image, startOffset, endOffset: startOffset + image.length - 1, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
}

/** The end (exclusive index) of a member path `名称(.名称)*` starting at `i`, or `i` when there is none. */
function pathEnd(tokens: readonly IToken[], i: number): number {
  if (!isNameTok(tokens[i])) return i;
  let j = i + 1;
  while (tokens[j]?.tokenType === T.Dot && isNameTok(tokens[j + 1])) j += 2;
  return j;
}

/** The declaration keyword that opened each `{` still open before token `i` (innermost last). */
function openBlocks(tokens: readonly IToken[], i: number): { brace: number; owner: number }[] {
  const stack: { brace: number; owner: number }[] = [];
  for (let k = 0; k < i; k++) {
    const ty = tokens[k]!.tokenType;
    if (ty === T.LBrace) {
      // the owner: the nearest declaration keyword before the “{” (措施 名称 {, 规则 名称 例外于 … {)
      let o = k - 1;
      while (o >= 0 && !isDeclKeyword(tokens[o]!) && tokens[o]!.tokenType !== T.LBrace && tokens[o]!.tokenType !== T.RBrace) o--;
      stack.push({ brace: k, owner: o >= 0 && isDeclKeyword(tokens[o]!) ? o : -1 });
    } else if (ty === T.RBrace) stack.pop();
  }
  return stack;
}

const DECLS = (): readonly TokenType[] => [T.Policy, T.Entity, T.Enum, T.Org, T.Clause, T.Annex, T.Measure, T.Rule, T.Qualitative, T.Doubt, T.Property, T.Definition, T.Indicator, T.Assumption, T.Param, T.Import];
let declSet: Set<TokenType> | undefined;
function isDeclKeyword(t: IToken): boolean {
  return (declSet ??= new Set(DECLS())).has(t.tokenType);
}


/** The text of tokens[i..j) as written (one space between tokens that were apart). */
function textOf(file: SourceFile, tokens: readonly IToken[], i: number, j: number): string {
  return file.text.slice(tokens[i]!.startOffset, tokenEnd(tokens[j - 1]!));
}

export interface Slips {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The slips in `given` (a parse unit's tokens), the tokens rewritten to what the drafter meant and one
 * diagnostic per slip. `given` itself when there is none.
 */
export function beginnerSlips(file: SourceFile, given: IToken[]): Slips {
  let tokens = given;
  let copied = false;
  const own = () => {
    if (!copied) {
      tokens = given.slice();
      copied = true;
    }
    return tokens;
  };
  const diagnostics: Diagnostic[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const ty = t.tokenType;
    // ① `结果 金额：补贴金额` — the type before the name → `结果 补贴金额：金额`
    if (ty === T.Outcome && isA(tokens[i + 1], T.TypeKeyword) && tokens[i + 2]?.tokenType === T.Colon && isNameTok(tokens[i + 3])) {
      const type = tokens[i + 1]!;
      const colon = tokens[i + 2]!;
      const name = tokens[i + 3]!;
      const span = file.span(type.startOffset, tokenEnd(name));
      diagnostics.push(diag('ZC0206', span, `结果的名称写在类型之前：应为“结果 ${name.image}${colon.image}${type.image}”`, {
        help: '结果写作“结果 名称：类型 [周期] [必须]”，如 结果 补贴金额：金额 一次性（语言说明 §8.10）',
        fixes: [{ title: `改为“${name.image}${colon.image}${type.image}”`, edits: [{ span, newText: `${name.image}${colon.image}${type.image}` }] }],
      }));
      // (the tokens keep their places in the text; only their order in the parse is the meant one)
      const ts = own();
      ts[i + 1] = name;
      ts[i + 3] = type;
      i += 3;
      continue;
    }
    // ② `结果 补贴金额：一次性 金额` — the period before the type → `金额 一次性`
    if (ty === T.Outcome && isNameTok(tokens[i + 1]) && tokens[i + 2]?.tokenType === T.Colon && isA(tokens[i + 3], T.PeriodKeyword) && isA(tokens[i + 4], T.TypeKeyword)) {
      const period = tokens[i + 3]!;
      let typeEnd = i + 5; // a type with an argument: 时长（工作日）, 列表（人）
      if (tokens[typeEnd]?.tokenType === T.LParen) {
        let k = typeEnd + 1;
        while (k < tokens.length && tokens[k]!.tokenType !== T.RParen && tokens[k]!.tokenType !== T.LBrace && tokens[k]!.tokenType !== T.RBrace && !isDeclKeyword(tokens[k]!)) k++;
        if (tokens[k]?.tokenType === T.RParen) typeEnd = k + 1;
      }
      const typeText = textOf(file, tokens, i + 4, typeEnd);
      const span = file.span(period.startOffset, tokenEnd(tokens[typeEnd - 1]!));
      diagnostics.push(diag('ZC0206', span, `周期写在类型之后：应为“${typeText} ${period.image}”`, {
        help: '结果写作“结果 名称：类型 [周期] [必须]”，如 结果 补贴金额：金额 一次性（语言说明 §8.10）',
        fixes: [{ title: `改为“${typeText} ${period.image}”`, edits: [{ span, newText: `${typeText} ${period.image}` }] }],
      }));
      const ts = own();
      ts.splice(i + 3, typeEnd - (i + 3), ...tokens.slice(i + 4, typeEnd), period);
      i = typeEnd - 1;
      continue;
    }
    // ③ `补贴金额 是 5000元` — “是” (the value 是) between two operands → “=”
    if (ty === T.True && isNameTok(tokens[i - 1]) && startsOperand(tokens[i + 1])) {
      const span = file.span(t.startOffset, tokenEnd(t));
      diagnostics.push(diag('ZC0207', span, `“是”不能连接两边：赋值与比较写作“=”或“为”，如“${tokens[i - 1]!.image} = …”`, {
        help: '“是”“否”是是否类型的值（语言说明 §8.11：结果名 = 值、结果名 为 值；§5 比较）',
        fixes: [{ title: '改为“=”', edits: [{ span, newText: '=' }] }],
      }));
      own()[i] = retype(t, T.EqEq);
      continue;
    }
    // ⑪ `数量家庭.夫妻）`, `时长天）`, `适用入托补贴）` — the “（” after a function word or a type left out: the word
    //    and its argument read as one name, and the “）” as stray → `数量（家庭.夫妻）`
    if (ty === T.Name) {
      const f = FUNC_WORDS.find((x) => t.image.length > x.length && t.image.startsWith(x));
      if (f !== undefined && strayCloseAfter(tokens, i + 1)) {
        const at = t.startOffset + f.length;
        const rest = t.image.slice(f.length);
        diagnostics.push(diag('ZC0203', file.span(t.startOffset, tokenEnd(t)), `“${f}”之后缺少“（”：应为“${f}（${rest}…）”`, {
          help: `${f}的参数写在括号中，如“${f}（${rest}）”`,
          fixes: [{ title: `在“${f}”之后补上“（”`, edits: [{ span: file.span(at, at), newText: '（' }] }],
        }));
        // (the word and its argument lexed apart, at their offsets; a “（” of no width between them)
        const lp = retype(t, T.LParen, '', at);
        own().splice(i, 1, ...lexedAt(f, t.startOffset), { ...lp, endOffset: at - 1 }, ...lexedAt(rest, at));
        continue;
      }
    }
    // ④ `5000块` — colloquial money → 元
    if ((ty === T.NumberLit || ty === T.ChineseNumber) && tokens[i + 1]?.tokenType === T.Name && MONEY_SLANG.has(tokens[i + 1]!.image)) {
      const u = tokens[i + 1]!;
      const meant = MONEY_SLANG.get(u.image)!;
      const span = file.span(u.startOffset, tokenEnd(u));
      diagnostics.push(diag('ZC0303', span, `“${u.image}”不是单位：金额的单位是“元”或“万元”，应为“${t.image}${meant}”`, {
        help: '金额写作 5000元、1.5万元（语言说明 §4.1）',
        fixes: [{ title: `改为“${meant}”`, edits: [{ span, newText: meant }] }],
      }));
      own()[i + 1] = retype(u, T.Unit, meant);
      i++;
      continue;
    }
    // ⑤ a quantifier written before its list: `均满足 家庭.子女（…）`, `至少一个 家庭.子女 满足（…）`,
    //    `所有 家庭.子女 都满足（…）` → `家庭.子女 至少一个满足（…）`
    {
      let q: string | undefined;
      let after = i;
      if (isQuant(t)) {
        q = t.image;
        after = i + 1;
      } else {
        let image = '';
        for (let k = i; k < i + 4 && k < tokens.length; k++) {
          image += tokens[k]!.image;
          if (QUANT_PREFIX.has(image)) {
            q = QUANT_PREFIX.get(image);
            after = k + 1;
            break;
          }
        }
      }
      if (q !== undefined) {
        const pe = pathEnd(tokens, after);
        let paren = pe;
        if (pe > after && !isQuant(t)) {
          // the word after the list: 满足 (the quantifier given in front) or a whole quantifier (都满足)
          const w = tokens[pe];
          if (w?.tokenType === T.Name && w.image === '满足') paren = pe + 1;
          else if (isQuant(w)) {
            q = w!.image;
            paren = pe + 1;
          } else paren = -1;
        }
        if (pe > after && paren > 0 && tokens[paren]?.tokenType === T.LParen) {
          const lp = tokens[paren]!;
          const qType = q === '均满足' || q === '全部满足' || q === '都满足' ? T.QuantForall : q === '均不满足' || q === '都不满足' ? T.QuantNone : T.QuantExists;
          const listText = textOf(file, tokens, after, pe);
          const span = file.span(t.startOffset, lp.startOffset);
          const meant = `${listText} ${q}`;
          diagnostics.push(diag('ZC0208', file.span(t.startOffset, tokenEnd(tokens[paren - 1]!)), `量词写在列表之后：应为“${meant}（…）”`, {
            help: '量词写作“列表 至少一个满足（条件）”“列表 均满足（条件）”“列表 均不满足（条件）”（语言说明 §15.3）',
            fixes: [{ title: `改为“${meant}（…）”`, edits: [{ span, newText: meant }] }],
          }));
          // the list, then the quantifier (placed at the “（”, after the list: the AST orders a path's
          // suffixes by offset), then the condition
          const ts = own();
          ts.splice(i, paren - i, ...tokens.slice(after, pe), retype(lp, qType, '', lp.startOffset));
          i += pe - after;
          continue;
        }
      }
    }
    // ⑧ `定性 「X」 = …` — a legal conclusion written as 定性 → 定义
    if (ty === T.Qualitative && isNameTok(tokens[i + 1]) && (tokens[i + 2]?.tokenType === T.EqEq || tokens[i + 2]?.tokenType === T.Colon)) {
      const span = file.span(t.startOffset, tokenEnd(t));
      diagnostics.push(diag('ZC0210', span, `由事实推出的结论写作“定义 ${tokens[i + 1]!.image} = …”；“定性”只把不可计算的句子记为不可计算，没有值`, {
        help: '定性写作“定性 [名称] { 原文：\"…\" 类别：… }”（语言说明 §8.12）；定义写作“定义 名称 = 表达式 { 原文：\"…\" }”（§15.1）',
        fixes: [{ title: '改为“定义”', edits: [{ span, newText: '定义' }] }],
      }));
      own()[i] = retype(t, T.Definition, '定义');
      continue;
    }
    // ⑩ `2024年1月` — a date without its day: one date, reported by the AST builder (ZC0302 日期不完整)
    if (ty === T.NumberLit && t.image.length === 4 && tokens[i + 1]?.tokenType === T.Unit && tokens[i + 1]!.image === '年'
      && tokens[i + 2]?.tokenType === T.NumberLit && tokens[i + 3]?.tokenType === T.Unit && tokens[i + 3]!.image === '月') {
      const image = `${t.image}年${tokens[i + 2]!.image}月`;
      own().splice(i, 4, retype(t, T.DateLit, image));
      continue;
    }
    // ⑥ `定义` inside a 措施 (or a 规则): moved in front of that 措施 — where it belongs (§8.1: 顶层、条款内)
    if (ty === T.Definition) {
      const open = openBlocks(tokens, i);
      const at = open.findIndex((b) => b.owner >= 0 && tokens[b.owner]!.tokenType === T.Measure);
      if (at >= 0) {
        const measure = open[at]!.owner;
        const end = definitionEnd(tokens, i);
        const nameTok = tokens[measure + 1];
        const defSpan = file.span(t.startOffset, tokenEnd(tokens[end - 1]!));
        const line = lineAround(file, t.startOffset, tokenEnd(tokens[end - 1]!));
        const indent = indentOf(file, tokens[measure]!.startOffset);
        const defText = file.text.slice(defSpan.start, defSpan.end);
        diagnostics.push(diag('ZC0209', file.span(t.startOffset, tokenEnd(t)), `“定义”不能写在措施${nameTok && isNameTok(nameTok) ? `“${nameTok.image}”` : ''}内：定义写在顶层或条款内，把它移到这项措施之前`, {
          help: '措施内只能写属性、结果、规则和存疑（语言说明 §8.1、§8.9）；定义是条款或整个文件的（§15.1），措施的规则可以直接引用',
          fixes: [{ title: '移到措施之前', edits: [
            { span: file.span(tokens[measure]!.startOffset, tokens[measure]!.startOffset), newText: `${defText}\n${indent}` },
            { span: line ?? defSpan, newText: '' },
          ] }],
          related: [{ span: file.span(tokens[measure]!.startOffset, tokenEnd(tokens[measure]!)), message: '这项措施' }],
        }));
        // the definition's tokens move in front of the 措施 (they keep their places in the text)
        const ts = own();
        const def = ts.splice(i, end - i);
        ts.splice(measure, 0, ...def);
        i = end - 1;
        continue;
      }
    }
  }
  return { tokens, diagnostics };
}

/** Tokens that can start an operand (after a misused “是”). */
function startsOperand(t: IToken | undefined): boolean {
  if (!t) return false;
  const ty = t.tokenType;
  return ty === T.NumberLit || ty === T.ChineseNumber || ty === T.DateLit || ty === T.StringLit || ty === T.Name || ty === T.QuotedName || ty === T.LParen || ty === T.True || ty === T.False || ty === T.Minus;
}

/**
 * The end (exclusive) of a 定义 written inside a 措施: its tokens up to the next item of the 措施 (an
 * attribute, 结果, 规则, 存疑, another 定义) or the 措施's “}”, its own `{ 原文… }` included.
 */
function definitionEnd(tokens: readonly IToken[], i: number): number {
  let depth = 0;
  let k = i + 1;
  for (; k < tokens.length; k++) {
    const ty = tokens[k]!.tokenType;
    if (ty === T.LBrace || ty === T.LParen) depth++;
    else if (ty === T.RParen) depth = Math.max(0, depth - 1);
    else if (ty === T.RBrace) {
      if (depth === 0) break;
      depth--;
      if (depth === 0) {
        k++;
        break;
      }
    } else if (depth === 0 && (ty === T.Outcome || ty === T.Rule || ty === T.Definition || ty === T.Measure || ty === T.Clause
      || (isA(tokens[k], T.AttrKey) && tokens[k + 1]?.tokenType === T.Colon) || (ty === T.Doubt && isNameTok(tokens[k + 1])))) break;
  }
  return k;
}

/** The whole lines [start, end) lie on, with their line break, when nothing else is on them. */
function lineAround(file: SourceFile, start: number, end: number) {
  const text = file.text;
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  if (s > 0 && text[s - 1] !== '\n') return undefined;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  if (e < text.length && text[e] === '\r') e++;
  if (e < text.length && text[e] !== '\n') return undefined;
  return file.span(s, Math.min(text.length, e + 1));
}

/** The white space before the token at `offset` on its line. */
function indentOf(file: SourceFile, offset: number): string {
  let s = offset;
  while (s > 0 && (file.text[s - 1] === ' ' || file.text[s - 1] === '\t')) s--;
  return file.text.slice(s, offset);
}


// ── a set literal left open (`属于 {国家、省`) ──────────────────────────────────────────────────────

/** Tokens that are an operand of a set's element (an `addExpr`: 国家, 3孩, 2024年1月1日, "…", 是). */
function isOperand(t: IToken): boolean {
  const ty = t.tokenType;
  return ty === T.Name || ty === T.QuotedName || ty === T.NumberLit || ty === T.ChineseNumber || ty === T.DateLit || ty === T.StringLit || ty === T.True || ty === T.False;
}
const ARITH = (): ReadonlySet<TokenType> => (arith ??= new Set([T.Plus, T.Minus, T.Times, T.Divide]));
let arith: ReadonlySet<TokenType> | undefined;

/**
 * Tokens that can never continue a set's element list: what starts a new clause of a condition (且, 或),
 * a new statement (an attribute, a declaration) or a comparison. A set's elements are `addExpr`s
 * separated by 、 — the first of these after an element ends the set.
 */
function endsSet(t: IToken): boolean {
  const ty = t.tokenType;
  return ty === T.And || ty === T.Or || ty === T.RParen || ty === T.EqEq || ty === T.Is || isDeclKeyword(t) || tokenMatcher(t, T.AttrKey)
    || ty === T.GreaterEq || ty === T.LessEq || ty === T.Greater || ty === T.Less || ty === T.NotEq || ty === T.In || ty === T.NotIn;
}

/** The blocks in which a set literal stands where only attributes and assignments may follow it. */
const STATEMENT_BLOCKS = (): ReadonlySet<TokenType> => (stmtBlocks ??= new Set([T.Rule, T.Property, T.Assumption]));
let stmtBlocks: ReadonlySet<TokenType> | undefined;

/** The declaration keyword owning the innermost “{” still open before token `k` (from `from` on), or undefined. */
function enclosingOwner(tokens: readonly IToken[], from: number, k: number): TokenType | undefined {
  let depth = 0;
  for (let b = k - 1; b >= from; b--) {
    const ty = tokens[b]!.tokenType;
    if (ty === T.RBrace) depth++;
    else if (ty === T.LBrace) {
      if (depth > 0) {
        depth--;
        continue;
      }
      for (let o = b - 1; o >= from && o >= b - 8; o--) {
        const t = tokens[o]!;
        if (t.tokenType === T.LBrace || t.tokenType === T.RBrace) return undefined;
        if (isDeclKeyword(t)) return t.tokenType;
      }
      return undefined;
    }
  }
  return undefined;
}

/**
 * Where the set literal opened at `k` (`属于 {`) ends: `closed` at its “}”, `open` at the first token that
 * cannot continue its elements (the set was left open there), or `unknown` (something this walk does not
 * model: no repair).
 */
function setEnd(tokens: readonly IToken[], k: number): { kind: 'closed' | 'open'; at: number } | undefined {
  let need = true;
  let j = k + 1;
  const skipParens = (i: number): number => {
    let depth = 0;
    for (; i < tokens.length; i++) {
      const ty = tokens[i]!.tokenType;
      if (ty === T.LParen) depth++;
      else if (ty === T.RParen) {
        if (--depth === 0) return i + 1;
      } else if (ty === T.LBrace || ty === T.RBrace) return -1;
    }
    return -1;
  };
  while (j <= tokens.length) {
    const t = tokens[j];
    if (!t) return need ? undefined : { kind: 'open', at: j };
    const ty = t.tokenType;
    if (need) {
      if (isOperand(t)) {
        need = false;
        j++;
        if (tokens[j]?.tokenType === T.LParen) {
          j = skipParens(j);
          if (j < 0) return undefined;
        }
      } else if (ty === T.LParen) {
        j = skipParens(j);
        if (j < 0) return undefined;
        need = false;
      } else if (ty === T.Minus) j++;
      else return undefined;
    } else if (ty === T.RBrace) return { kind: 'closed', at: j };
    else if (ty === T.Comma || ty === T.Dot || ARITH().has(ty)) {
      need = true;
      j++;
    } else if (ty === T.Unit) j++;
    else if (isOperand(t) || endsSet(t)) return { kind: 'open', at: j };
    else return undefined;
  }
  return undefined;
}

/** How many “{” of `tokens[from..]` are left without their “}” (a “}” with none open is ignored). */
function unclosedBraces(tokens: readonly IToken[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const ty = tokens[i]!.tokenType;
    if (ty === T.LBrace) depth++;
    else if (ty === T.RBrace && depth > 0) depth--;
  }
  return depth;
}

/** A set literal left open: the “{” and where its “}” goes (before token `at`). */
export interface OpenSet {
  readonly brace: number;
  readonly at: number;
}

/**
 * The set literals (`属于 {…}`) left open in `tokens[from..]` — the tail of a file whose last top-level block
 * runs to the end unclosed (the error path: blocks.ts `parseBlocks`, index.ts `reparseFile`). A set is open
 * where, after an element, comes a token that cannot continue it (且, 或, a declaration, an attribute, another
 * element without 、); or where its “}” is followed by a declaration although the set stands in a 规则 (性质,
 * 前提), whose body holds no declaration — that “}” closes the 规则, and the set's own is missing.
 * INVARIANT: decided by the tokens alone, never by white space (the formatter's property); empty when the
 * tail's braces balance.
 */
export function openSets(tokens: readonly IToken[], from: number): OpenSet[] {
  if (unclosedBraces(tokens, from) === 0) return [];
  const out: OpenSet[] = [];
  for (let k = from + 1; k < tokens.length; k++) {
    if (tokens[k]!.tokenType !== T.LBrace) continue;
    const before = tokens[k - 1]!.tokenType;
    if (before !== T.In && before !== T.NotIn) continue;
    const e = setEnd(tokens, k);
    if (!e) continue;
    if (e.kind === 'open') out.push({ brace: k, at: e.at });
    else {
      const next = tokens[e.at + 1];
      if (next && isDeclKeyword(next)) {
        const owner = enclosingOwner(tokens, from, k);
        if (owner && STATEMENT_BLOCKS().has(owner)) out.push({ brace: k, at: e.at });
      }
    }
  }
  return out;
}

/**
 * `tokens` with a “}” (a token of no width, after the set's last element) inserted for each open set, and
 * the one ZC0203 of each: at the “{”, with the fix inserting “}”. INVARIANT: `tokens` is not changed.
 */
export function closeSets(file: SourceFile | undefined, tokens: readonly IToken[], sets: readonly OpenSet[]): { tokens: IToken[]; diagnostics: Diagnostic[] } {
  const out: IToken[] = [];
  const diagnostics: Diagnostic[] = [];
  sets = [...sets].sort((x, y) => x.at - y.at);
  let s = 0;
  for (let i = 0; i <= tokens.length; i++) {
    while (s < sets.length && sets[s]!.at === i) {
      const { brace } = sets[s++]!;
      const last = tokens[i - 1]!;
      const at = tokenEnd(last);
      const b = tokens[brace]!;
      out.push({ ...b, image: '', startOffset: at, endOffset: at - 1, tokenType: T.RBrace, tokenTypeIdx: T.RBrace.tokenTypeIdx! });
      if (!file) continue;
      const shown = file.text.slice(b.startOffset, at);
      diagnostics.push(diag('ZC0203', file.span(b.startOffset, tokenEnd(b)), `集合没有闭合：“${shown.length > 30 ? shown.slice(0, 30) + '…' : shown}”之后缺少“}”`, {
        help: '集合写作 {国家、省、市}：元素之间用“、”分隔，最后用“}”闭合（语言说明 §5）',
        fixes: [{ title: '补上“}”', edits: [{ span: file.span(at, at), newText: '}' }] }],
      }));
    }
    if (i < tokens.length) out.push(tokens[i]!);
  }
  return { tokens: out, diagnostics };
}

// ── a declaration's “}” left out (`条款 三、 { … ` then `条款 四、`) ───────────────────────────────────────

/** The level of the 条款 whose keyword is at `k` (一、 1, （一） 2, 1. 3, （1） 4), or undefined. */
function clauseLevel(tokens: readonly IToken[], k: number): number | undefined {
  const a = tokens[k + 1];
  const b = tokens[k + 2];
  const c = tokens[k + 3];
  if (!a) return undefined;
  if (a.tokenType === T.ChineseNumber && b?.tokenType === T.Comma) return 1;
  if (a.tokenType === T.LParen && b?.tokenType === T.ChineseNumber && c?.tokenType === T.RParen) return 2;
  if (a.tokenType === T.NumberLit && (a.image.endsWith('.') || a.image.endsWith('．') || b?.tokenType === T.Dot)) return 3;
  if (a.tokenType === T.LParen && b?.tokenType === T.NumberLit && c?.tokenType === T.RParen) return 4;
  return undefined;
}

/** Whether the keyword at `k` starts a declaration (not 存疑 as an attribute key, 存疑：…). */
function startsDecl(tokens: readonly IToken[], k: number): boolean {
  const t = tokens[k]!;
  if (!isDeclKeyword(t) || t.tokenType === T.Import || t.tokenType === T.Param) return false;
  const n = tokens[k + 1];
  if (t.tokenType === T.Clause) return clauseLevel(tokens, k) !== undefined;
  return !!n && (isNameTok(n) || (n.tokenType === T.LBrace && t.tokenType === T.Qualitative));
}

/** An open block: its declaration keyword (index; -1 unknown) and, for a 条款, its level. */
interface Open {
  readonly brace: number;
  readonly owner: number;
  readonly level: number | undefined;
}

/** Whether a block of `o` may hold the declaration at `k` (语言说明 §8.1); undefined when unknown. */
function mayHold(tokens: readonly IToken[], o: Open, k: number): boolean | undefined {
  if (o.owner < 0) return undefined;
  const owner = tokens[o.owner]!.tokenType;
  const d = tokens[k]!.tokenType;
  if (owner === T.Clause) {
    if (d === T.Clause) {
      const l = clauseLevel(tokens, k);
      return o.level === undefined || l === undefined ? undefined : l > o.level;
    }
    return d !== T.Rule && d !== T.Outcome && d !== T.Policy && d !== T.Entity && d !== T.Enum && d !== T.Org;
  }
  if (owner === T.Measure) return d === T.Rule || d === T.Outcome || d === T.Doubt;
  return false;
}

/** A block left unclosed: its “{” (and declaration) and where its “}” goes (before the declaration at `at`). */
export interface OpenDecl {
  readonly brace: number;
  readonly owner: number;
  readonly at: number;
}

/**
 * The declaration keyword whose block the “{” at `k` opens, or -1: the nearest keyword before it that starts a
 * declaration, with no “{” or “}” between — but a set literal's (`属于 {本县、外县}`), which a 定义's or 性质's
 * expression may hold before its “{”. A 定义's header (`定义 家庭.「甲」 = 家庭.夫妻 至少一方满足（…） {`) is
 * often longer than a dozen tokens. Bounded (`MAX_HEADER` tokens) so that a walk over a file stays linear.
 */
function ownerOf(tokens: readonly IToken[], from: number, k: number): number {
  for (let o = k - 1; o >= from && k - o <= MAX_HEADER; o--) {
    const t = tokens[o]!;
    const ty = t.tokenType;
    if (ty === T.LBrace) return -1;
    if (ty === T.RBrace) {
      // (a set literal: back over it to its “{”, which follows 属于 / 不属于)
      let b = o - 1;
      while (b >= from && tokens[b]!.tokenType !== T.LBrace && tokens[b]!.tokenType !== T.RBrace) b--;
      const before = tokens[b - 1]?.tokenType;
      if (b < from || tokens[b]!.tokenType !== T.LBrace || (before !== T.In && before !== T.NotIn)) return -1;
      o = b;
      continue;
    }
    if (isDeclKeyword(t)) return startsDecl(tokens, o) ? o : -1;
  }
  return -1;
}
/** The longest declaration header `ownerOf` walks back over (tokens). */
const MAX_HEADER = 200;

/**
 * The declarations whose “}” was left out, in `tokens[from..]` (a file's unclosed last block): a declaration
 * that its enclosing block may not hold (语言说明 §8.1: 规则 only in a 措施, 措施 only in a 条款, a 条款 only
 * in a 条款 of a higher level) closes that block before it. Only when exactly as many such places are found
 * as braces are left open at the end (else empty: the place is not known).
 * INVARIANT: decided by the tokens alone, never by white space or indentation.
 */
export function openDecls(tokens: readonly IToken[], from: number): OpenDecl[] {
  const excess = unclosedBraces(tokens, from);
  if (excess === 0) return [];
  const stack: Open[] = [];
  const out: OpenDecl[] = [];
  for (let k = from; k < tokens.length; k++) {
    const ty = tokens[k]!.tokenType;
    if (ty === T.LBrace) {
      const owner = ownerOf(tokens, from, k);
      // (a “{” of no declaration, set or attribute block — `补助金额 {= 2000元` — is itself the mistake: the
      // parse reports it there; which declaration lacks its “}” is not known)
      const prev = tokens[k - 1];
      if (owner < 0 && !(prev && (prev.tokenType === T.In || prev.tokenType === T.NotIn || tokenMatcher(prev, T.AttrKey)))) return [];
      stack.push({ brace: k, owner, level: owner >= 0 && tokens[owner]!.tokenType === T.Clause ? clauseLevel(tokens, owner) : undefined });
    } else if (ty === T.RBrace) stack.pop();
    else if (startsDecl(tokens, k)) {
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const ok = mayHold(tokens, top, k);
        if (ok !== false) break;
        out.push({ brace: top.brace, owner: top.owner, at: k });
        stack.pop();
      }
    }
  }
  // (every brace left open at the end found its place: else the places found are not known to be right)
  return out.length === excess && stack.length === 0 ? out : [];
}

/**
 * The set literals and declarations left open in `tokens[from..]` (`openSets`; `openDecls` of the tokens with those
 * sets closed — its indices are into `closedSets`), or undefined when there is none. Decided by the tokens alone.
 */
export interface OpenBlocks {
  readonly sets: readonly OpenSet[];
  /** `tokens` with the open sets closed (`tokens` itself when there is none): what `decls` index. */
  readonly closedSets: readonly IToken[];
  readonly decls: readonly OpenDecl[];
  /** Names that are declaration keywords after a “.” (`keywordsAfterDot`): retyped in the closed tokens. */
  readonly keywords: readonly number[];
}

export function findOpenBlocks(tokens: readonly IToken[], from: number): OpenBlocks | undefined {
  const keywords = keywordsAfterDot(tokens, from);
  const base = withKeywords(tokens, keywords);
  const sets = openSets(base, from);
  const closedSets = sets.length ? closeSets(undefined, base, sets).tokens : base;
  const decls = openDecls(closedSets, from);
  return sets.length || decls.length ? { sets, closedSets, decls, keywords } : undefined;
}

/**
 * A declaration keyword read as a field after a “.” (`条件：家庭.` typed, the next line `存疑 「甲」 {`): the
 * lexer makes a name of a keyword after a “.”, so the declaration was not seen. Indices of such names followed
 * by a name — a path never is (ungrammatical either way) — in `tokens[from..]`.
 */
function keywordsAfterDot(tokens: readonly IToken[], from: number): number[] {
  const out: number[] = [];
  for (let k = from + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.tokenType === T.Name && tokens[k - 1]!.tokenType === T.Dot && isNameTok(tokens[k + 1]) && DECL_IMAGES.has(t.image)) out.push(k);
  }
  return out;
}
const DECL_IMAGES = new Set(['规则', '措施', '定义', '定性', '存疑', '指标', '性质', '前提', '实体', '机构']);

/** `tokens` with the names at `at` retyped to the declaration keyword they spell (new objects; `tokens` itself when none). */
function withKeywords(tokens: readonly IToken[], at: readonly number[]): readonly IToken[] {
  if (!at.length) return tokens;
  const ts = tokens.slice();
  for (const k of at) {
    const t = ts[k]!;
    const kw = lexRange(new SourceFile('/zc-slip', t.image), 0, t.image.length).value.tokens[0]!;
    ts[k] = retype(t, kw.tokenType);
  }
  return ts;
}

/**
 * `tokens` with every set literal and declaration left open in `tokens[from..]` closed (slips.ts
 * `openSets`, `openDecls`: a “}” of no width each), and the one ZC0203 of each (with `file`), or undefined
 * when there is none. INVARIANT: `tokens` is not changed; decided by the tokens alone.
 */
export function closeOpenBlocks(file: SourceFile | undefined, tokens: readonly IToken[], from: number): { tokens: IToken[]; diagnostics: Diagnostic[] } | undefined {
  const found = findOpenBlocks(tokens, from);
  return found && closeFound(file, tokens, found);
}

/** `closeOpenBlocks` of what `findOpenBlocks` found in `tokens`. */
export function closeFound(file: SourceFile | undefined, given: readonly IToken[], found: OpenBlocks): { tokens: IToken[]; diagnostics: Diagnostic[] } {
  const { sets, decls } = found;
  const tokens = withKeywords(given, found.keywords);
  let ts: IToken[] = tokens as IToken[];
  const diagnostics: Diagnostic[] = [];
  if (sets.length) {
    const c = closeSets(file, tokens, sets);
    ts = c.tokens;
    diagnostics.push(...c.diagnostics);
  }
  if (decls.length) {
    // (the runs of tokens between the closers copied whole — `concat` of slices, not a push per token: the
    // language server does this on every keystroke while a block being typed is open)
    const parts: IToken[][] = [];
    let from = 0;
    for (const { brace, owner, at } of decls) {
      if (at > from) parts.push(ts.slice(from, at));
      from = at;
      const next = ts[at]!;
      const b = ts[brace]!;
      parts.push([{ ...b, image: '', startOffset: next.startOffset, endOffset: next.startOffset - 1, tokenType: T.RBrace, tokenTypeIdx: T.RBrace.tokenTypeIdx! }]);
      if (file) diagnostics.push(unclosedDecl(file, ts, owner, brace, at));
    }
    if (from < ts.length) parts.push(ts.slice(from));
    ts = ([] as IToken[]).concat(...parts);
  }
  return { tokens: ts, diagnostics };
}

/**
 * The ZC0203 diagnostics of `closeFound(file, tokens, found)` alone — without the closed tokens when no set is
 * open (the declarations' indices are then into `tokens` itself).
 */
export function closedDiagnostics(file: SourceFile, tokens: readonly IToken[], found: OpenBlocks): Diagnostic[] {
  if (found.sets.length) return closeFound(file, tokens, found).diagnostics;
  return found.decls.map((d) => unclosedDecl(file, tokens, d.owner, d.brace, d.at));
}

/** ZC0203 of a declaration left unclosed: at its keyword and name, the “{” related, the fix a “}” before `at`. */
function unclosedDecl(file: SourceFile, ts: readonly IToken[], owner: number, brace: number, at: number): Diagnostic {
  const name = (k: number) => {
    let e = k + 1;
    if (ts[k]!.tokenType === T.Clause) while (e < ts.length && ts[e]!.tokenType !== T.StringLit && ts[e]!.tokenType !== T.LBrace) e++;
    else if (isNameTok(ts[k + 1])) e = k + 2;
    return { text: e > k + 1 ? file.text.slice(ts[k + 1]!.startOffset, tokenEnd(ts[e - 1]!)) : '', end: tokenEnd(ts[e - 1]!) };
  };
  const o = name(owner);
  const n = name(at);
  const quote = (x: string) => (x === '' ? '' : /^[「【]/.test(x) ? x : `“${x}”`);
  const what = `${ts[owner]!.image}${quote(o.text)}`;
  const before = `${ts[at]!.image}${quote(n.text)}`;
  const b = ts[brace]!;
  const next = ts[at]!;
  // the fix: a line “}” (indented as the declaration) before the line of the next declaration
  const line = lineAround(file, next.startOffset, next.startOffset);
  const ownerIndent = indentOf(file, ts[owner]!.startOffset);
  const edit = line && indentOf(file, next.startOffset).length === next.startOffset - line.start
    ? { span: file.span(line.start, line.start), newText: `${ownerIndent}}\n` }
    : { span: file.span(next.startOffset, next.startOffset), newText: '} ' };
  return diag('ZC0203', file.span(ts[owner]!.startOffset, o.end), `${what}的“{”没有对应的“}”：应在${before}之前闭合`, {
    help: `${before}不能写在${what}内（语言说明 §8.1）：在它之前补上${what}的“}”`,
    related: [{ span: file.span(b.startOffset, tokenEnd(b)), message: '这个“{”未闭合' }, { span: file.span(next.startOffset, tokenEnd(next)), message: `${before}不能写在${what}内` }],
    fixes: [{ title: `在${before}之前补上“}”`, edits: [edit] }],
  });
}
