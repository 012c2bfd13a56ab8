/**
 * The hand-written scanner: text → the token stream of tokens.ts's Chevrotain lexer
 * (`lexingOrder`, first match wins), without running Chevrotain's lexer.
 * Input: a text (and the offset of its first character in the file). Output: tokens
 * (Word not yet re-typed to its keyword — lexer.ts does that) and comment tokens, each
 * `{ image, startOffset, tokenTypeIdx, tokenType, endOffset }` like Chevrotain's (the
 * object shape lexer.ts gives them), offsets into the file.
 *
 * Why by hand: Chevrotain's lexer tries each token type that can start with the current
 * character in turn, through regular expressions and custom matchers that return arrays;
 * it was a third of the front end's time. Here one switch on the character class decides,
 * the frequent tokens (white space, names, keywords, punctuation, strings, 「…」, comments)
 * are scanned with a character-class table, and the rare regular ones (dates, numbers,
 * Chinese numerals) use the very regular expressions of tokens.ts (sticky copies).
 *
 * INVARIANT: `scan(text, 0)` equals the Chevrotain lexer over `lexingOrder` on every text —
 * tokens, images, offsets, token types, comments (test/syntax/scanner.test.ts compares them
 * on every policy and test input, a generated corpus, random mutations, every single UTF-16
 * unit and random strings over the lexer's special characters). The Chevrotain lexer stays
 * as the reference (`chevrotainTokenize`, lexer.ts).
 * INVARIANT: holds no rule of its own: every decision is tokens.ts's (its character sets,
 * keyword tables, unit words and regular expressions).
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  NUMERAL_CHARS, GLUE_KEYWORDS, UNIT_WORDS, NAME_UNIT_RANGES,
  Comment, StringLit, BadString, QuotedName, BadQuotedName, DateLit, NumberLit, ChineseNumber, Unit, Word, Name,
  LBrace, RBrace, LParen, RParen, Colon, Comma, Semi, Dot, GreaterEq, LessEq, NotEq, EqEq, Greater, Less,
  Plus, Minus, Times, Divide, Dash, Percent, Unexpected,
} from './tokens.js';

// ── character classes (one byte per UTF-16 unit) ─────────────────────
const WS = 1; // WhiteSpace's set
const DIGIT = 2; // [0-9０-９]
const NUMERAL = 4; // NUMERAL_CHARS (ChineseNumber's first characters)
const DATE_CN = 8; // DateLit's Chinese first characters: NUMERAL_CHARS ○廿卅
const NAME = 16; // isNameChar (surrogates included, as isNameChar has them)
const KW_FIRST = 32; // first character of an operator word
const UNIT_FIRST = 64; // first character of a unit word

const cls = new Uint8Array(0x10000);
// NAME first, as whole ranges (typed-array fills: at every start-up, 65,536 interpreted isNameChar calls were
// the module's largest top-level cost), then the numeral characters out of it — isNameChar's definition;
// the other classes are or-ed in after. INVARIANT: NAME set ⇔ isNameChar (scanner.test.ts: every unit).
for (let r = 0; r < NAME_UNIT_RANGES.length; r += 2) cls.fill(NAME, NAME_UNIT_RANGES[r]!, NAME_UNIT_RANGES[r + 1]! + 1);
for (const c of NUMERAL_CHARS) cls[c.charCodeAt(0)] = 0;
for (const c of ' \t\r\n\u3000\u00a0\u2028\u2029\ufeff') cls[c.charCodeAt(0)]! |= WS;
for (let c = 0x30; c <= 0x39; c++) cls[c]! |= DIGIT;
for (let c = 0xff10; c <= 0xff19; c++) cls[c]! |= DIGIT;
for (const c of NUMERAL_CHARS) cls[c.charCodeAt(0)]! |= NUMERAL | DATE_CN;
for (const c of '○廿卅') cls[c.charCodeAt(0)]! |= DATE_CN;
for (const k of GLUE_KEYWORDS) cls[k.charCodeAt(0)]! |= KW_FIRST;
for (const u of UNIT_WORDS) cls[u.charCodeAt(0)]! |= UNIT_FIRST;

/** Operator words by first character, longest first (keywordAt's answer: the longest that starts here). */
const keywordsByFirst = new Map<number, string[]>();
for (const k of GLUE_KEYWORDS) {
  const list = keywordsByFirst.get(k.charCodeAt(0));
  if (list) list.push(k);
  else keywordsByFirst.set(k.charCodeAt(0), [k]);
}
for (const list of keywordsByFirst.values()) list.sort((a, b) => b.length - a.length);

/** keywordAt(text, i) for a character known to start an operator word (KW_FIRST). */
function keywordHere(text: string, i: number): string | undefined {
  const list = keywordsByFirst.get(text.charCodeAt(i))!;
  for (let k = 0; k < list.length; k++) if (text.startsWith(list[k]!, i)) return list[k];
  return undefined;
}

/** A sticky copy of a token type's regular expression (matched at one offset, as Chevrotain does). */
function sticky(t: TokenType): RegExp {
  const p = t.PATTERN as RegExp;
  return new RegExp(p.source, p.flags.replace('y', '') + 'y');
}
const dateRe = sticky(DateLit);
const numberRe = sticky(NumberLit);
const chineseNumberRe = sticky(ChineseNumber);

/**
 * End of a "…" string starting at i (StringLit when `closed`, else BadString — tokens.ts's two expressions):
 * at the closing quote, at the end of the text, or (unclosed) before a line break followed by a line of code.
 */
function stringEnd(text: string, i: number, n: number): { end: number; closed: boolean } {
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return { end: j + 1, closed: true };
    if (c === 0x5c) {
      if (j + 1 >= n) break; // a lone "\" at the end: not part of the string
      j += 2;
    } else if (c === 0x0a || c === 0x0d) {
      const next = c === 0x0d && j + 1 < n && text.charCodeAt(j + 1) === 0x0a ? j + 2 : j + 1;
      if (codeLine(text, next, n)) return { end: j, closed: false };
      j = next;
    } else j++;
  }
  return { end: j, closed: false };
}

/** White space inside a line (tokens.ts's SW): space, tab, U+3000, U+00A0, U+2028, U+2029, U+FEFF. */
function lineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/** After white space and, if any, a comment (# or ＃ to the line's end): at the line's end or the text's. */
function restIsBlank(text: string, k: number, n: number): boolean {
  while (k < n && lineSpace(text.charCodeAt(k))) k++;
  if (k >= n) return true;
  const c = text.charCodeAt(k);
  return c === 0x0a || c === 0x0d || c === 0x23 || c === 0xff03;
}

/**
 * The line starting at k is code (tokens.ts's CODE_LINE): it starts with `}` (after white space), or it has a
 * `{` before which there is no `"` and after which only white space and a comment.
 */
function codeLine(text: string, k: number, n: number): boolean {
  let j = k;
  while (j < n && lineSpace(text.charCodeAt(j))) j++;
  if (j < n && text.charCodeAt(j) === 0x7d) return true;
  for (j = k; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22 || c === 0x0a || c === 0x0d) return false;
    if (c === 0x7b && restIsBlank(text, j + 1, n)) return true;
  }
  return false;
}

const STRING_IDX = StringLit.tokenTypeIdx!;
const BAD_STRING_IDX = BadString.tokenTypeIdx!;
const QUOTED_IDX = QuotedName.tokenTypeIdx!;
const BAD_QUOTED_IDX = BadQuotedName.tokenTypeIdx!;
const DATE_IDX = DateLit.tokenTypeIdx!;
const NUMBER_IDX = NumberLit.tokenTypeIdx!;
const UNIT_IDX = Unit.tokenTypeIdx!;
const WORD_IDX = Word.tokenTypeIdx!;
const CHINESE_NUMBER_IDX = ChineseNumber.tokenTypeIdx!;
const NAME_IDX = Name.tokenTypeIdx!;
const UNEXPECTED_IDX = Unexpected.tokenTypeIdx!;
const COMMENT_IDX = Comment.tokenTypeIdx!;

export interface ScanResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
}

/**
 * The tokens of `text` as the Chevrotain lexer over tokens.ts's `lexingOrder` gives them,
 * offsets shifted by `base` (the text's offset in its file). Never throws.
 */
export function scan(text: string, base = 0): ScanResult {
  const n = text.length;
  // (sized up front for about one token per 8 units — the benchmark corpus has one per 10 — and trimmed to its count
  // at the end: pushed from [], a file's token array was copied as it grew, 6.8 of the 113 MB one compile() of the
  // corpus allocates; at most 65,536 slots first, as V8 makes a larger `new Array(n)` a dictionary — beyond them it
  // grows as before)
  const tokens: IToken[] = new Array<IToken>(Math.min(n >> 3, 65536));
  let count = 0;
  const comments: IToken[] = [];
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = cls[c]!;
    if (k & WS) {
      let j = i + 1;
      while (j < n && cls[text.charCodeAt(j)]! & WS) j++;
      i = j;
      continue;
    }
    let type: TokenType | undefined;
    let idx = 0; // (type's tokenTypeIdx: read per branch from one type or a constant — the token types have eight object shapes, one read site for all of them is megamorphic)
    let end = i + 1;
    let image: string | undefined; // (when known without slicing: an operator word's, a unit's or one character's shared string)
    if (c === 0x23 || c === 0xff03) { // # ＃
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 0x0a || d === 0x0d) break;
        end++;
      }
      comments.push({ image: text.slice(i, end), startOffset: base + i, tokenTypeIdx: COMMENT_IDX, tokenType: Comment, endOffset: base + end - 1 } as IToken);
      i = end;
      continue;
    }
    if (c === 0x22) { // "
      const s = stringEnd(text, i, n);
      if (s.closed) {
        type = StringLit;
        idx = STRING_IDX;
      } else {
        type = BadString;
        idx = BAD_STRING_IDX;
      }
      end = s.end;
    } else if (c === 0x300c || c === 0x3010) { // 「 【
      const close = c === 0x300c ? 0x300d : 0x3011;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === c || d === close || d === 0x0a || d === 0x0d) break;
        end++;
      }
      if (end < n && text.charCodeAt(end) === close) {
        type = QuotedName;
        idx = QUOTED_IDX;
        end++;
      } else {
        type = BadQuotedName;
        idx = BAD_QUOTED_IDX;
      }
    } else {
      if (k & (DIGIT | DATE_CN)) {
        // (test, not exec: a sticky match's end is its lastIndex — no match array per token)
        dateRe.lastIndex = i;
        if (dateRe.test(text)) {
          type = DateLit;
          idx = DATE_IDX;
          end = dateRe.lastIndex;
        } else if (k & DIGIT) {
          numberRe.lastIndex = i;
          type = NumberLit;
          idx = NUMBER_IDX;
          numberRe.test(text);
          end = numberRe.lastIndex;
          image = interned(text, i, end);
        }
      }
      if (type === undefined && k & UNIT_FIRST) {
        const u = unitAt(text, i, count > 0 ? tokens[count - 1] : undefined, base);
        if (u !== undefined) {
          type = Unit;
          idx = UNIT_IDX;
          end = i + u.length;
          image = u;
        }
      }
      if (type === undefined && k & KW_FIRST) {
        const w = keywordHere(text, i);
        if (w !== undefined) {
          type = Word;
          idx = WORD_IDX;
          end = i + w.length;
          image = w;
        }
      }
      if (type === undefined && k & NUMERAL) {
        chineseNumberRe.lastIndex = i;
        type = ChineseNumber;
        idx = CHINESE_NUMBER_IDX;
        chineseNumberRe.test(text);
        end = chineseNumberRe.lastIndex;
        image = interned(text, i, end);
      }
      if (type === undefined && k & NAME) {
        const j = nameEnd(text, i, n);
        if (j > i) {
          type = Name;
          idx = NAME_IDX;
          end = j;
          image = interned(text, i, j);
        }
      }
      if (type === undefined) {
        end = punctuationEnd(text, i, c);
        if (end > i) {
          type = punctType;
          idx = punctType.tokenTypeIdx!; // (the punctuation types share one shape)
          if (end === i + 1) image = CHAR[c] ??= String.fromCharCode(c);
        }
        else {
          // Unexpected: a surrogate pair or one unit
          type = Unexpected;
          idx = UNEXPECTED_IDX;
          end = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
        }
      }
    }
    tokens[count++] = { image: image ?? text.slice(i, end), startOffset: base + i, tokenTypeIdx: idx, tokenType: type, endOffset: base + end - 1 } as IToken;
    i = end;
  }
  tokens.length = count;
  return { tokens, comments };
}

// ── one string per spelling of a short name or number ─────────────────
// A policy writes the same few hundred names thousands of times (家庭, 申请人 …), and each token's image
// was its own copy: kept by the AST's names, hashed again by every Map and Set lookup of it (keywords,
// numerals, the binder's and checker's tables). A cache of spellings — direct-mapped, a slot per hash of
// the first, middle and last units and the length — gives the string it holds when the text at hand is
// that spelling (`startsWith`, a compiled builtin: no slice, no string hashed), else makes the slice and
// keeps it in the slot. (Tried and dropped: a Map keyed by the slice — every token's slice hashed, 39% of
// a warm scan; an open-addressing table hashed over the text in JavaScript — its loops ran in the
// interpreter: the cold lex of a 10,000-line file 47.5 → 60.5 ms CPU.)
// INVARIANT: an image is the text it covers, whichever string holds it (an equal string, maybe not a new one).
const SPELLING_BITS = 12;
const SPELLING_MASK = (1 << SPELLING_BITS) - 1;
/**
 * Longest spelling kept: `slice` gives a copy up to 12 units and, from 13, a view that keeps the whole
 * text alive (V8's SlicedString) — the cache would keep the edited texts of a language server.
 */
const SPELLING_MAX_LEN = 12;
const spellings: (string | undefined)[] = new Array<string | undefined>(1 << SPELLING_BITS).fill(undefined);

/** `text.slice(i, end)`, often the same string for the same spelling (up to SPELLING_MAX_LEN units). */
function interned(text: string, i: number, end: number): string {
  const len = end - i;
  if (len > SPELLING_MAX_LEN) return text.slice(i, end);
  const h = (Math.imul(text.charCodeAt(i), 31) + Math.imul(text.charCodeAt(end - 1), 7) + text.charCodeAt(i + (len >> 1)) + len) & SPELLING_MASK;
  const s = spellings[h];
  if (s !== undefined && s.length === len && text.startsWith(s, i)) return s;
  const t = text.slice(i, end);
  spellings[h] = t;
  return t;
}

/** tokens.ts's nameMatcher: the end of the unquoted name starting at i (i when none). */
function nameEnd(text: string, i: number, n: number): number {
  let j = i;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c >= 0xd800 && c <= 0xdbff) {
      // astral: only CJK extension planes (B–H: U+20000–U+3134F) are name characters — not emoji
      const cp = text.codePointAt(j)!;
      if (cp < 0x20000 || cp > 0x3134f) break;
      j += 2;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) break; // lone low surrogate
    const k = cls[c]!;
    if (!(k & NAME) || k & NUMERAL) break;
    if (j > i && k & KW_FIRST && keywordHere(text, j) !== undefined) break;
    j++;
  }
  return j;
}

/** tokens.ts's unitMatcher: the unit word at i, if the previous token (`prev`) is a number separated by spaces only. */
function unitAt(text: string, i: number, prev: IToken | undefined, base: number): string | undefined {
  if (!prev || (prev.tokenType !== NumberLit && prev.tokenType !== ChineseNumber)) return undefined;
  for (let j = prev.startOffset - base + prev.image.length; j < i; j++) {
    const d = text.charCodeAt(j);
    if (d !== 0x20 && d !== 0x09 && d !== 0x3000) return undefined;
  }
  // (UNIT_WORDS in their order, only those with this first unit; `cls` is isNameChar's table, and
  // keywordHere, behind its KW_FIRST class, keywordAt's answer — no substring made per length tried)
  const list = unitsByFirst[text.charCodeAt(i)]!;
  for (let k = 0; k < list.length; k++) {
    const u = list[k]!;
    if (!text.startsWith(u, i)) continue;
    const next = i + u.length;
    if (next < text.length) {
      const e = cls[text.charCodeAt(next)]!;
      if (e & NAME && !(e & KW_FIRST && keywordHere(text, next) !== undefined)) return undefined;
    }
    return u;
  }
  return undefined;
}

/** UNIT_WORDS (longest first, as unitMatcher tries them) by first UTF-16 unit, for the units' first units (UNIT_FIRST). */
const unitsByFirst: (string[] | undefined)[] = new Array<string[] | undefined>(0x10000); // (preallocated: fast holey elements, as CHAR)
for (const u of UNIT_WORDS) (unitsByFirst[u.charCodeAt(0)] ??= []).push(u);

/** The type of the last punctuation token `punctuationEnd` found (one module variable: no result object per token). */
let punctType: TokenType = Unexpected;

/** The punctuation tokens of tokens.ts, in lexing order: the end of the one at i (i when none), its type in `punctType`. */
function punctuationEnd(text: string, i: number, c: number): number {
  const d = text.charCodeAt(i + 1); // NaN past the end
  switch (c) {
    case 0x7b: case 0xff5b: return ((punctType = LBrace), i + 1); // { ｛
    case 0x7d: case 0xff5d: return ((punctType = RBrace), i + 1); // } ｝
    case 0x28: case 0xff08: return ((punctType = LParen), i + 1); // ( （
    case 0x29: case 0xff09: return ((punctType = RParen), i + 1); // ) ）
    case 0x3a: case 0xff1a: return ((punctType = Colon), i + 1); // : ：
    case 0x2c: case 0xff0c: case 0x3001: return ((punctType = Comma), i + 1); // , ， 、
    case 0x3b: case 0xff1b: case 0x3002: return ((punctType = Semi), i + 1); // ; ； 。
    case 0x2e: case 0xff0e: case 0xb7: return ((punctType = Dot), i + 1); // . ． ·
    case 0x2265: case 0x2a7e: return ((punctType = GreaterEq), i + 1); // ≥ ⩾
    case 0x2264: case 0x2a7d: return ((punctType = LessEq), i + 1); // ≤ ⩽
    case 0x2260: return ((punctType = NotEq), i + 1); // ≠
    case 0x3e: return d === 0x3d ? ((punctType = GreaterEq), i + 2) : ((punctType = Greater), i + 1); // >= >
    case 0xff1e: return d === 0xff1d ? ((punctType = GreaterEq), i + 2) : ((punctType = Greater), i + 1); // ＞＝ ＞
    case 0x3c: return d === 0x3d ? ((punctType = LessEq), i + 2) : ((punctType = Less), i + 1); // <= <
    case 0xff1c: return d === 0xff1d ? ((punctType = LessEq), i + 2) : ((punctType = Less), i + 1); // ＜＝ ＜
    case 0x21: return d === 0x3d ? ((punctType = NotEq), i + 2) : i; // !=
    case 0xff01: return d === 0xff1d ? ((punctType = NotEq), i + 2) : i; // ！＝
    case 0x3d: return ((punctType = EqEq), d === 0x3d ? i + 2 : i + 1); // == =
    case 0xff1d: return ((punctType = EqEq), i + 1); // ＝
    case 0x2b: case 0xff0b: return ((punctType = Plus), i + 1); // + ＋
    case 0x2d: case 0xff0d: return ((punctType = Minus), i + 1); // - －
    case 0x2a: case 0xd7: case 0xff0a: return ((punctType = Times), i + 1); // * × ＊
    case 0x2f: case 0xf7: case 0xff0f: return ((punctType = Divide), i + 1); // / ÷ ／
    case 0x2014: case 0x2013: case 0x7e: case 0xff5e: case 0x301c: { // — – ~ ～ 〜
      let j = i + 1;
      for (;;) {
        const e = text.charCodeAt(j);
        if (e === 0x2014 || e === 0x2013 || e === 0x7e || e === 0xff5e || e === 0x301c) j++;
        else break;
      }
      return ((punctType = Dash), j);
    }
    case 0x25: case 0xff05: case 0x2030: return ((punctType = Percent), i + 1); // % ％ ‰
    default: return i;
  }
}

/**
 * One-character strings of the punctuation characters, made when first met (a token's image without
 * a slice per token). Preallocated: fast holey elements, not a dictionary as an array filled at
 * sparse indices up to U+FF5E is — and no 65,536 calls of `punctuationEnd` at start-up (interpreted:
 * 20–35 ms of every `zhengce` run under load, measured).
 */
const CHAR: (string | undefined)[] = new Array<string | undefined>(0x10000);

// ── unitAt's type feedback ────────────────────────────────────────────
// V8 optimizes `scan` (with unitAt inlined) once it is hot; a path its code has never taken by then has no
// type feedback, and the first token that takes it throws the optimized code away (a deopt: "Insufficient
// type feedback"), which is then compiled again. On the benchmark corpus: a number and a unit written apart
// (`3 个`, unitAt's loop over the spaces between) first met after the first files — a second TurboFan
// compile of `scan`, 30–50 ms of a background thread. Calling unitAt on such texts here, while the module
// loads, gives those paths their feedback first (V8 gives a function its feedback vector only after some
// calls: hence the repeats). unitAt alone, not `scan` on a sample: that moved scan's own tier-up earlier
// and a 10,000-line file (one long scan) paid for it (compile() CPU 171.8 → 178.4 ms, 14 pairs).
// test/syntax/scanner.test.ts checks what these calls answer.
export const UNIT_SAMPLES: readonly [text: string, at: number][] = [['3 个', 2], ['3\u3000\t周岁', 3], ['3个人', 1], ['3个月', 1]];
const SAMPLE_NUMBER = scan('3').tokens[0];
export const UNIT_SAMPLE_ANSWERS: (string | undefined)[] = [];
for (let k = 0; k < 10; k++) for (let s = 0; s < UNIT_SAMPLES.length; s++) UNIT_SAMPLE_ANSWERS[s] = unitAt(UNIT_SAMPLES[s]![0], UNIT_SAMPLES[s]![1], SAMPLE_NUMBER, 0);
