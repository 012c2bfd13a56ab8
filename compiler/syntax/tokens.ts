/**
 * Token vocabulary of the ZhengCe DSL (Chevrotain token types).
 * Input: nothing. Output: token types, their lexing order, keyword tables.
 *
 * Lexing rules (see grammar/README.md §2):
 *  - keywords are matched longest-first wherever a word starts;
 *  - an unquoted name is a maximal run of name characters that stops before any
 *    keyword, digit or numeral character; 「…」/【…】 quote any name;
 *  - unit words (元, 个月, 周岁 …) are tokens only directly after a number;
 *  - full-width and ASCII punctuation are the same token.
 * INVARIANT: every keyword string appears in exactly one token type.
 */
import { createToken, Lexer, type TokenType, type CustomPatternMatcherFunc, type IToken } from 'chevrotain';

// ── character classes ───────────────────────────────────────────────
/** Characters that start or continue a Chinese numeral run. */
export const NUMERAL_CHARS = '零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟';
// INVARIANT: every numeral character is one UTF-16 unit (isNameChar compares units).
const numeralUnits = new Set([...NUMERAL_CHARS].map((c) => c.charCodeAt(0)));
/**
 * The only unquoted names with a numeral character: the values of a 性质's 类别 (§10), written
 * as whole words (not glued to other name characters or numerals). The lexer joins their
 * pieces (一|般, 条款|一|致, 概念|一|致) into one name; anywhere else a numeral in a name is ZC0108.
 */
export const NUMERAL_NAMES: readonly string[] = ['一般', '条款一致', '概念一致'];

/**
 * The UTF-16 units of unquoted names before the numeral characters are taken out: [first, last] pairs —
 * CJK unified, ext A, compatibility, high and low surrogates (ext B+; the matchers check the pair), A–Z,
 * a–z, `_`. isNameChar's definition, and scanner.ts fills its character table from them (a fill per
 * range, not a call per unit at every start-up).
 */
export const NAME_UNIT_RANGES: readonly number[] = [0x4e00, 0x9fff, 0x3400, 0x4dbf, 0xf900, 0xfaff, 0xd800, 0xdfff, 0x41, 0x5a, 0x61, 0x7a, 0x5f, 0x5f];

/** A UTF-16 unit that may appear in an unquoted name (not a digit, numeral or punctuation). */
export function isNameChar(code: number): boolean {
  // (by unit: no one-character string is made per call)
  for (let r = 0; r < NAME_UNIT_RANGES.length; r += 2) {
    if (code >= NAME_UNIT_RANGES[r]! && code <= NAME_UNIT_RANGES[r + 1]!) return !numeralUnits.has(code);
  }
  return false;
}

// ── keyword tables ──────────────────────────────────────────────────
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
export const AttrKey = createToken({ name: 'AttrKey', pattern: Lexer.NA });
export const TypeKeyword = createToken({ name: 'TypeKeyword', pattern: Lexer.NA });
export const PeriodKeyword = createToken({ name: 'PeriodKeyword', pattern: Lexer.NA });
export const LegalSuffix = createToken({ name: 'LegalSuffix', pattern: Lexer.NA });
export const LegalPrefix = createToken({ name: 'LegalPrefix', pattern: Lexer.NA });

/**
 * Two kinds of keyword:
 *  - operator words (`glue: true`): recognised anywhere, even glued to a name
 *    (子女数不满3); an unquoted name stops before them;
 *  - structural words: recognised only as a whole word (措施、金额、出生日期 is a name).
 * Keywords starting with a numeral character (一次性) are treated as operator words:
 * names never contain numeral characters, so they cannot collide.
 */
const allKeywords: { token: TokenType; text: string[]; glue: boolean }[] = [];
function kw(name: string, words: string[], categories: TokenType[] = [], glue = false): TokenType {
  const t = createToken({ name, pattern: Lexer.NA, categories: [Keyword, ...categories] });
  allKeywords.push({ token: t, text: words, glue: glue || words.every((w) => NUMERAL_CHARS.includes(w[0]!)) });
  return t;
}

// declarations
export const Import = kw('Import', ['导入']);
export const Policy = kw('Policy', ['政策']);
export const Enum = kw('Enum', ['枚举']);
export const Entity = kw('Entity', ['实体']);
export const Param = kw('Param', ['参数']);
export const Org = kw('Org', ['机构']);
export const Clause = kw('Clause', ['条款']);
export const Annex = kw('Annex', ['附件']);
export const Measure = kw('Measure', ['措施']);
export const Rule = kw('Rule', ['规则']);
export const Outcome = kw('Outcome', ['结果']);
export const Qualitative = kw('Qualitative', ['定性']);
// '存疑' is a declaration keyword and also an attribute key (定义 { 存疑：「…」 }).
export const Doubt = kw('Doubt', ['存疑'], [AttrKey]);
export const Reading = kw('Reading', ['解读']);
export const Indicator = kw('Indicator', ['指标']);
export const Property = kw('Property', ['性质']);
export const ExceptionOf = kw('ExceptionOf', ['例外于']);
export const Required = kw('Required', ['必须']);
export const From = kw('From', ['来自']);
export const Definition = kw('Definition', ['定义']);
export const Assumption = kw('Assumption', ['前提', '假定']);
/** Field modifier: the value may be negative (差额、增减). */
export const Signed = kw('Signed', ['可为负'], [], true);
/** 其: the current element inside a quantifier or aggregate. */
export const It = kw('It', ['其']);
/** 按（键）第N个: order a list by a key and take the N-th element. */
export const OrderBy = kw('OrderBy', ['按']);
export const Ordinal = kw('Ordinal', ['第']);
// attribute keys (the AST builder decides which key is allowed where)
export const AttrWords = [
  '文号', '发文机关', '依据', '来源', '生效', '失效', '解释机关', '标题', '原文',
  '牵头单位', '责任单位', '对象', '条件', '有效期', '理由', '类别', '采用', '说明',
  '别名', '全称', '断言', '起算', '接受', '成文日期', '日期', '发放对象', '申请条件',
] as const;
export const attrTokens = new Map<string, TokenType>();
for (const w of AttrWords) {
  // '日期' is both an attribute key and a type; it is lexed as a type keyword.
  if (w === '日期') continue;
  attrTokens.set(w, kw(`Attr_${w}`, [w], [AttrKey]));
}
// types
export const TypeWords = ['是否', '整数', '金额', '日期', '时长', '数量', '比例', '文本', '列表', '年龄'] as const;
export const typeTokens = new Map<string, TokenType>();
for (const w of TypeWords) typeTokens.set(w, kw(`Type_${w}`, [w], w === '日期' ? [TypeKeyword, AttrKey] : [TypeKeyword]));
// periodicity
export const PeriodWords = ['一次性', '按月', '每月', '按年', '每年', '每天', '每日', '每周', '每学期'] as const;
for (const w of PeriodWords) kw(`Period_${w}`, [w], [PeriodKeyword]);
// logic
export const And = kw('And', ['并且', '且'], [], true);
export const Or = kw('Or', ['或者', '或'], [], true);
export const Not = kw('Not', ['非'], [], true);
// comparison (民法典 第一千二百五十九条 words and friends)
export const AtLeastSuffix = kw('AtLeastSuffix', ['以上', '及以上'], [LegalSuffix], true);
export const AtMostSuffix = kw('AtMostSuffix', ['以下', '及以下', '以内'], [LegalSuffix], true);
export const BeyondSuffix = kw('BeyondSuffix', ['以外'], [LegalSuffix], true);
export const Reaches = kw('Reaches', ['届满'], [LegalPrefix], true);
export const Under = kw('Under', ['不满'], [LegalPrefix], true);
export const Exceeds = kw('Exceeds', ['超过'], [LegalPrefix], true);
export const Between = kw('Between', ['之间'], [], true);
export const In = kw('In', ['属于'], [], true);
// quantifiers over a list (postfix: 家庭.子女 均满足（户籍在本县）)
export const QuantExists = kw('QuantExists', ['至少一个满足', '至少一方满足', '至少一人满足', '任一满足'], [], true);
export const QuantForall = kw('QuantForall', ['均满足', '全部满足', '都满足'], [], true);
export const QuantNone = kw('QuantNone', ['均不满足', '都不满足'], [], true);
export const NotIn = kw('NotIn', ['不属于'], [], true);
export const Is = kw('Is', ['等于', '为'], [], true);
export const IsNot = kw('IsNot', ['不等于', '不为'], [], true);
export const True = kw('True', ['是']);
export const False = kw('False', ['否']);
export const Unknown = kw('Unknown', ['未知']);
export const SameDay = kw('SameDay', ['当日']);
export const NextDay = kw('NextDay', ['次日']);
export const RangeWord = kw('RangeWord', ['至'], [], true);
/** 「在 3 以上」: only as a whole word, so 户籍在本县 stays a name. */
export const At = kw('At', ['在']);

const byLength = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
/** All keyword strings, longest first (for completion and docs). */
export const KEYWORDS: readonly string[] = allKeywords.flatMap((k) => k.text).sort(byLength);
/**
 * The keyword words of a token type, or of every keyword type in a category (AttrKey, TypeKeyword,
 * LegalPrefix, …), longest first — for the completion service, which asks the grammar which token
 * types may come next.
 */
export function wordsOf(t: TokenType): readonly string[] {
  return allKeywords.filter((k) => k.token === t || (k.token.CATEGORIES ?? []).includes(t)).flatMap((k) => k.text).sort(byLength);
}
/** Operator words: recognised anywhere, even inside a run of letters. */
export const GLUE_KEYWORDS: readonly string[] = allKeywords.filter((k) => k.glue).flatMap((k) => k.text).sort(byLength);
/** Structural words: recognised only as a whole word. */
export const WORD_KEYWORDS: readonly string[] = allKeywords.filter((k) => !k.glue).flatMap((k) => k.text).sort(byLength);
const keywordSet = new Set(GLUE_KEYWORDS);
const keywordFirstChars = new Set(GLUE_KEYWORDS.map((k) => k[0]!));
const maxKeywordLength = Math.max(...GLUE_KEYWORDS.map((k) => k.length));
const keywordToken = new Map<string, TokenType>();
for (const k of allKeywords) for (const t of k.text) keywordToken.set(t, k.token);

/** Longest operator word starting at `offset`, if any. */
export function keywordAt(text: string, offset: number): string | undefined {
  if (!keywordFirstChars.has(text[offset]!)) return undefined;
  for (let len = Math.min(maxKeywordLength, text.length - offset); len >= 1; len--) {
    const s = text.substr(offset, len);
    if (keywordSet.has(s)) return s;
  }
  return undefined;
}

// ── units (only directly after a number) ─────────────────────────────
export const UNIT_WORDS = [
  '个工作日', '工作日', '万元', '元', '个月', '月龄', '周岁', '小时', '个', '人', '名', '所', '次', '孩',
  '天', '日', '月', '年', '岁', '周', '%', '％', '‰',
].sort((a, b) => b.length - a.length);

// ── the one custom "word" matcher ────────────────────────────────────
// Keywords, names and units share one matcher so that "keywords always win,
// longest first" and "names stop before keywords" are decided in one place.
// The lexer emits a `Word` token; lexer.ts re-types keyword words to their
// keyword token type (see `keywordTokenOf`).

function previousIsNumber(tokens: IToken[], text: string, offset: number): boolean {
  const prev = tokens[tokens.length - 1];
  if (!prev) return false;
  if (prev.tokenType !== NumberLit && prev.tokenType !== ChineseNumber) return false;
  for (let i = prev.startOffset + prev.image.length; i < offset; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\t' && c !== '\u3000') return false;
  }
  return true;
}

// A unit must end a word: in 「2000元旦」 元 is not a unit (旦 would silently become a
// name); an operator word may follow (「3孩及以上」「6月龄以内」).
const unitMatcher: CustomPatternMatcherFunc = (text, offset, tokens) => {
  if (!previousIsNumber(tokens, text, offset)) return null;
  for (const u of UNIT_WORDS) {
    if (!text.startsWith(u, offset)) continue;
    const next = offset + u.length;
    if (next < text.length && isNameChar(text.charCodeAt(next)) && !keywordAt(text, next)) return null;
    return [u] as unknown as RegExpExecArray;
  }
  return null;
};

const keywordMatcher: CustomPatternMatcherFunc = (text, offset) => {
  const k = keywordAt(text, offset);
  return k ? ([k] as unknown as RegExpExecArray) : null;
};

const nameMatcher: CustomPatternMatcherFunc = (text, offset) => {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      // astral: only CJK extension planes (B–H: U+20000–U+3134F) are name characters — not emoji
      const cp = text.codePointAt(i)!;
      if (cp < 0x20000 || cp > 0x3134f) break;
      i += 2;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) break; // lone low surrogate
    if (!isNameChar(c)) break;
    if (i > offset && keywordFirstChars.has(text[i]!) && keywordAt(text, i)) break;
    i++;
  }
  return i > offset ? ([text.slice(offset, i)] as unknown as RegExpExecArray) : null;
};

/** Keyword token type for a keyword image (lexer.ts re-types `Word` tokens with it). */
export function keywordTokenOf(image: string): TokenType | undefined {
  return keywordToken.get(image);
}

const wordKeywordSet = new Set(WORD_KEYWORDS);
/** The structural words' token types by spelling (`isWordKeyword` and `keywordTokenOf` in one lookup: lexer.ts's per-name test). */
export const WORD_KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = new Map(WORD_KEYWORDS.map((w) => [w, keywordToken.get(w)!]));
/** Is this whole word a structural keyword? */
export function isWordKeyword(image: string): boolean {
  return wordKeywordSet.has(image);
}

// ── concrete tokens (lexing order matters) ───────────────────────────
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000\u00a0\u2028\u2029\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
// INVARIANT: a comment and a quoted name end at a line break of the one line model
// (common/lines.ts: \n, \r\n, \r); U+2028/U+2029 are white space, not line breaks.
export const Comment = createToken({ name: 'Comment', pattern: /[#＃][^\n\r]*/, group: 'comments' });
// A string may span lines, but not into a line of code: a line break followed by a line that starts
// with `}` (after white space) or that ends with `{` (with no `"` before it; white space and a comment
// may follow) ends an unclosed string before that break. Without this, one
// missing closing quote turns the rest of the file inside out (code read as string, string as code).
// INVARIANT: scanner.ts's stringEnd/codeLine decide exactly as these expressions.
// INVARIANT: the decision reads only the line after the break up to its end: a range lexed on its own
// (lexRange, ending after a block's "}") decides every string in it as the whole file does.
const SW = '[ \\t\\u3000\\u00a0\\u2028\\u2029\\ufeff]';
const CODE_LINE = `${SW}*\\}|[^"\\r\\n]*\\{${SW}*(?:[#＃][^\\r\\n]*)?(?:\\r|\\n|$)`;
const STRING_BODY = `(?:[^"\\\\\\r\\n]|\\\\[\\s\\S]|\\r\\n(?!${CODE_LINE})|\\r(?!\\n)(?!${CODE_LINE})|\\n(?!${CODE_LINE}))*`;
export const StringLit = createToken({ name: 'StringLit', pattern: new RegExp(`"${STRING_BODY}"`), line_breaks: true });
/** An unterminated string (to the end of the text, or to the line break before a line of code): lexed as one token so the error is reported once. */
export const BadString = createToken({ name: 'BadString', pattern: new RegExp(`"${STRING_BODY}`), line_breaks: true });
export const QuotedName = createToken({ name: 'QuotedName', pattern: /「[^「」\r\n]*」|【[^【】\r\n]*】/ });
export const BadQuotedName = createToken({ name: 'BadQuotedName', pattern: /「[^「」\r\n]*|【[^【】\r\n]*/ });
const D = '[0-9０-９]';
const CN = `[${NUMERAL_CHARS}]`;
// Date-like text is lexed whole, so parseDate judges it (and explains 23年、号、2023/12/31 …).
const CND = `[${NUMERAL_CHARS}○廿卅]`;
export const DateLit = createToken({
  name: 'DateLit',
  pattern: new RegExp(
    `${D}{2,4}年${D}{1,2}月${D}{1,2}[日号]|${D}{4}[-－/／.．]${D}{1,2}[-－/／.．]${D}{1,2}(?!${D})|${CND}{2,4}年${CND}{1,3}月${CND}{1,3}[日号]`,
  ),
});
// A number runs on over numeral characters and digits (1万亿, 3千, 1万5, 3点6) so that
// parseNumeral gives its precise verdict instead of a confusing parse error.
export const NumberLit = createToken({ name: 'NumberLit', pattern: new RegExp(`${D}+(?:[.．]${D}+)?(?:[${NUMERAL_CHARS}点]+(?:${D}+(?:[.．]${D}+)?)?)*`) });
export const ChineseNumber = createToken({ name: 'ChineseNumber', pattern: new RegExp(`${CN}+(?:点${CN}+)?`) });
export const Unit = createToken({ name: 'Unit', pattern: unitMatcher, line_breaks: false, start_chars_hint: [...new Set(UNIT_WORDS.map((u) => u[0]!))] } as Parameters<typeof createToken>[0]);
export const Word = createToken({ name: 'Word', pattern: keywordMatcher, line_breaks: false, start_chars_hint: [...keywordFirstChars] } as Parameters<typeof createToken>[0]);
/** Every UTF-16 unit an unquoted name can start with (a superset of isNameChar's): lets the lexer try only the tokens a character can start. */
function nameStartChars(): number[] {
  const out: number[] = [0x5f];
  const range = (a: number, b: number) => { for (let c = a; c <= b; c++) out.push(c); };
  range(0x41, 0x5a);
  range(0x61, 0x7a);
  range(0x3400, 0x4dbf);
  range(0x4e00, 0x9fff);
  range(0xd800, 0xdfff);
  range(0xf900, 0xfaff);
  return out;
}
// INVARIANT: start_chars_hint lists every character a token can start with (the lexer's
// first-char optimisation skips a token for any other character; lexer.ts asserts it is on).
/**
 * `t` with its start-char hint made when first read. Only Chevrotain's lexer reads it (the
 * reference lexer, built on first use: lexer.ts); the compile path lexes with scanner.ts, so
 * `zhengce check` does not build the large hints (Name's ~30,000 and Unexpected's 65,536 entries,
 * interpreted loops at start-up).
 */
function lazyStartChars(t: TokenType, hint: () => number[]): TokenType {
  let chars: number[] | undefined;
  Object.defineProperty(t, 'START_CHARS_HINT', { get: () => (chars ??= hint()), enumerable: true, configurable: true });
  return t;
}
export const Name = lazyStartChars(createToken({ name: 'Name', pattern: nameMatcher, line_breaks: false } as Parameters<typeof createToken>[0]), nameStartChars);
export const LBrace = createToken({ name: 'LBrace', pattern: /[{｛]/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /[}｝]/ });
export const LParen = createToken({ name: 'LParen', pattern: /[(（]/ });
export const RParen = createToken({ name: 'RParen', pattern: /[)）]/ });
export const Colon = createToken({ name: 'Colon', pattern: /[:：]/ });
export const Comma = createToken({ name: 'Comma', pattern: /[,，、]/ });
export const Semi = createToken({ name: 'Semi', pattern: /[;；。]/ });
export const Dot = createToken({ name: 'Dot', pattern: /[.．·]/ });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=|≥|＞＝|⩾/ });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=|≤|＜＝|⩽/ });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=|≠|！＝/ });
export const EqEq = createToken({ name: 'EqEq', pattern: /==|=|＝/ });
export const Greater = createToken({ name: 'Greater', pattern: />|＞/ });
export const Less = createToken({ name: 'Less', pattern: /<|＜/ });
export const Plus = createToken({ name: 'Plus', pattern: /[+＋]/ });
export const Minus = createToken({ name: 'Minus', pattern: /[-－]/ });
export const Times = createToken({ name: 'Times', pattern: /[*×＊]/ });
export const Divide = createToken({ name: 'Divide', pattern: /[/÷／]/ });
export const Dash = createToken({ name: 'Dash', pattern: /[—–~～〜]+/ });
export const Percent = createToken({ name: 'Percent', pattern: /[%％‰]/ });
/** Anything else: one code point, reported by the lexer pass as ZC0101. */
// (every UTF-16 unit may start it: the lexer's start-char analysis of [\s\S] is incomplete)
export const Unexpected = lazyStartChars(createToken({ name: 'Unexpected', pattern: /[\ud800-\udbff][\udc00-\udfff]|[\s\S]/ }), () => Array.from({ length: 0x10000 }, (_, c) => c));

/** Tokens in lexing order. */
export const lexingOrder: TokenType[] = [
  WhiteSpace, Comment, StringLit, BadString, QuotedName, BadQuotedName, DateLit, NumberLit,
  Unit, Word, ChineseNumber, Name,
  LBrace, RBrace, LParen, RParen, Colon, Comma, Semi, Dot,
  GreaterEq, LessEq, NotEq, EqEq, Greater, Less, Plus, Minus, Times, Divide, Dash, Percent,
  Unexpected,
];

/** Every token type, including abstract categories and keywords (the parser vocabulary). */
export const allTokens: TokenType[] = [
  ...lexingOrder,
  Keyword, AttrKey, TypeKeyword, PeriodKeyword, LegalSuffix, LegalPrefix,
  ...allKeywords.map((k) => k.token),
];
