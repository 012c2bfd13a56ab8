/**
 * Lexing pass.
 * Input: a SourceFile. Output: tokens (keywords re-typed), comment tokens, and
 * lexical diagnostics (ZC01xx). Never throws on user input.
 *
 * The token stream comes from scanner.ts (hand-written); Chevrotain's lexer over tokens.ts's
 * `lexingOrder` is kept as its reference (`chevrotainTokenize`, `useScanner(false)`):
 * test/syntax/scanner.test.ts checks that both give the same tokens, comments and diagnostics.
 *
 * INVARIANT: every character of the input is covered by exactly one token, a
 * comment, or skipped whitespace — nothing is silently dropped.
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { scan } from './scanner.js';
import { phaseClock } from '../common/timings.js';
import {
  lexingOrder, Word, Name, ChineseNumber, Unit, QuotedName, BadQuotedName, BadString, StringLit,
  Unexpected, keywordTokenOf, Dot, Dash, NUMERAL_NAMES, LBrace, RBrace, LParen, RParen, WORD_KEYWORD_TOKENS,
} from './tokens.js';

// ensureOptimizations: every token type has a first-char set (custom matchers via start_chars_hint),
// so a character is only tried against the tokens that can start with it.
// Built on first use: the compile path lexes with scanner.ts, so `zhengce check` never pays for
// Chevrotain's lexer analysis (only the reference comparison and `useScanner(false)` use it).
let lexer: Lexer | undefined;
function chevrotainLexer(): Lexer {
  if (lexer) return lexer;
  lexer = new Lexer(lexingOrder, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: true,
  });
  // Tokens are created with their endOffset (last, as lexRange used to add it): one object shape
  // from the start — adding a property to each of a file's tokens afterwards cost a map transition
  // and an out-of-object property store per token.
  (lexer as unknown as { createTokenInstance: (image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType) => IToken }).createTokenInstance =
    (image, startOffset, tokenTypeIdx, tokenType) => ({ image, startOffset, tokenTypeIdx, tokenType, endOffset: startOffset + image.length - 1 }) as IToken;
  return lexer;
}

/**
 * The reference lexer: Chevrotain's lexer over `lexingOrder` on `text`, as tokens (Word not
 * re-typed) and comments — what scanner.ts's `scan(text)` must equal (the comparison test).
 */
export function chevrotainTokenize(text: string): { tokens: IToken[]; comments: IToken[]; errors: { offset: number; length: number }[] } {
  const out = chevrotainLexer().tokenize(text);
  return { tokens: out.tokens, comments: (out.groups['comments'] as IToken[] | undefined) ?? [], errors: out.errors };
}

let scannerOn = true;
/**
 * Whether `lexRange` scans with scanner.ts (default on). Off: Chevrotain's lexer as before —
 * for the test that compares both paths (whole front end: tokens, diagnostics, AST) and the benchmark.
 */
export function useScanner(on: boolean): void {
  scannerOn = on;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
}

/** What `lexRange` gives: the tokens, and the runs of unrecognised characters not yet turned into diagnostics. */
export interface RangeLexResult extends LexResult {
  /**
   * Runs of one unrecognised character, in text order, as flat pairs [start, count, start, count, …]
   * (offsets into the file). `unexpectedDiagnostics` turns a file's runs into its ZC0101
   * diagnostics — the cap counts per file, so a range's runs are only counted when the file is.
   */
  readonly unexpected: number[];
  /**
   * The deepest bracket nesting of `tokens` — （ ( ｛ { counted together, never below 0 — as index.ts's
   * `nestingDepth(tokens).depth` counts it, counted while the tokens are compacted (no second walk).
   */
  readonly depth: number;
  /** blocks.ts's `blockEnds(tokens)`, found in the same walk. */
  readonly ends: number[];
  /**
   * The nesting (as `depth` counts it) right after the last block end in `ends`, 0 when there is none: where
   * it is 0, lexing on from there starts as the range did (index.ts `parseFileInChunks` cuts there).
   */
  readonly endNesting: number;
}

/**
 * At most this many ZC0101 diagnostics per file (after merging runs of one character);
 * the rest are counted in one closing diagnostic. A binary or mis-encoded file would
 * otherwise produce one diagnostic per byte.
 */
export const MAX_UNEXPECTED = 100;

/**
 * Length of an unclosed quoted name's likely name (its opening bracket included): up to the first
 * white space, brace, quote or “=” after the bracket — `「二孩补助 {` → `「二孩补助`, `「甲 = 1` → `「甲` —
 * or colon (`{ 「户籍在本县：是否 }` → `「户籍在本县`), except on a block's header line (ending in “{”), where a
 * colon is more likely part of the name (`性质 「生育补助：正文给予者附件也受理 {`).
 * The whole token when nothing delimits it.
 */
export function quotedNameRun(image: string): number {
  const stop = image.trimEnd().endsWith('{') ? /[\s{}"“”＂=＝]/ : /[\s{}"“”＂=＝：:]/;
  let i = 1;
  while (i < image.length && !stop.test(image[i]!)) i++;
  return i;
}

/** What follows 至少一 in a quantifier (至少一个, 至少一方, 至少一人: slips.ts `QUANT_PREFIX`). */
const QUANT_TAILS = new Set(['个', '方', '人']);

/** End offset (exclusive) of a token; position tracking is offset-only. */
export function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

function isAdjacent(a: IToken | undefined, b: IToken | undefined): boolean {
  return !!a && !!b && tokenEnd(a) === b.startOffset;
}

/** Lex one file (ZC0101 runs merged and capped per file). */
export function lex(file: SourceFile): Result<LexResult> {
  const r = lexRange(file, 0, file.text.length);
  return { value: { tokens: r.value.tokens, comments: r.value.comments }, diagnostics: mergeByStart(r.diagnostics, unexpectedDiagnostics(file, [r.value.unexpected])) };
}

/**
 * Lexical diagnostics in text order and a file's ZC0101 diagnostics (`unexpectedDiagnostics`)
 * as one list in text order (stable: `a` first at equal starts); the closing ZC0101 stays last.
 */
export function mergeByStart(a: Diagnostic[], b: Diagnostic[]): Diagnostic[] {
  if (!b.length) return a;
  const closing = b.length > MAX_UNEXPECTED ? b[b.length - 1] : undefined;
  const bn = closing ? b.length - 1 : b.length;
  const out: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < bn) {
    if (j >= bn || (i < a.length && a[i]!.span.start <= b[j]!.span.start)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  if (closing) out.push(closing);
  return out;
}

/**
 * The ZC0101 diagnostics of a file from its runs of unrecognised characters (`unexpected` of
 * `lexRange`, one list per consecutive range, in text order): one per run up to MAX_UNEXPECTED,
 * then one closing diagnostic counting the rest.
 */
export function unexpectedDiagnostics(file: SourceFile, lists: readonly (readonly number[])[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let runs = 0;
  let skipped = 0;
  let capAt = 0;
  for (const list of lists) {
    for (let k = 0; k < list.length; k += 2) {
      const start = list[k]!;
      const count = list[k + 1]!;
      runs++;
      if (runs > MAX_UNEXPECTED) {
        skipped += count;
        continue;
      }
      const cp = file.text.codePointAt(start)!;
      const runEnd = start + count * (cp > 0xffff ? 2 : 1);
      const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
      const shown = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x200b && cp <= 0x206f) || cp === 0xfffd ? hex : `“${String.fromCodePoint(cp)}”（${hex}）`;
      out.push(diag('ZC0101', file.span(start, runEnd), `无法识别的字符 ${shown}${count > 1 ? `（连续 ${count} 个）` : ''}`, { help: `删除${count > 1 ? '这些' : '该'}字符；名称中的特殊字符请放在「」内，文字请放在 "…" 内` }));
      if (runs === MAX_UNEXPECTED) capAt = runEnd;
    }
  }
  if (skipped > 0) {
    out.push(diag('ZC0101', file.span(capAt, capAt), `此后还有 ${skipped} 个无法识别的字符（${runs - MAX_UNEXPECTED} 处），不再逐一列出`, { help: '这个文件可能不是政策文本（二进制数据或其他编码）；请检查文件内容' }));
  }
  return out;
}

/**
 * What `lexRangeOf`'s walk does with a token, by its type's `tokenTypeIdx`: NOTHING (kept as it is — every type
 * not listed), NAME_ROLE (a structural word or a 类别 word), BRACKET (counted), OTHER (a numeral, an operator
 * word, an unrecognised character, a bad string or quoted name, a quoted name: the checks below).
 */
const NOTHING = 0;
const NAME_ROLE = 1;
const BRACKET = 2;
const OTHER = 3;
const ROLE: Uint8Array = (() => {
  const table = new Uint8Array(Math.max(...lexingOrder.map((t) => t.tokenTypeIdx!)) + 1);
  table[Name.tokenTypeIdx!] = NAME_ROLE;
  for (const t of [LBrace, RBrace, LParen, RParen]) table[t.tokenTypeIdx!] = BRACKET;
  for (const t of [ChineseNumber, Word, Unexpected, BadString, BadQuotedName, QuotedName]) table[t.tokenTypeIdx!] = OTHER;
  return table;
})();

/** NUMERAL_NAMES' first UTF-16 units (1), by unit: a table read per name, not a Set. */
const numeralNameStarts = new Uint8Array(0x10000);
for (const x of NUMERAL_NAMES) numeralNameStarts[x.charCodeAt(0)] = 1;
const isNamePiece = (t: IToken | undefined): boolean => t !== undefined && (t.tokenType === Name || t.tokenType === ChineseNumber);

/**
 * If tokens[i…j] are the adjacent pieces (names and numerals) of exactly one of NUMERAL_NAMES,
 * written as a whole word (no name or numeral glued before or after), the index j; else -1.
 */
function numeralNameEnd(text: string, tokens: readonly IToken[], i: number, prev: IToken | undefined): number {
  const start = tokens[i]!.startOffset;
  if (isNamePiece(prev) && tokenEnd(prev!) === start) return -1;
  for (let w = 0; w < NUMERAL_NAMES.length; w++) {
    const word = NUMERAL_NAMES[w]!;
    if (!text.startsWith(word, start)) continue;
    const end = start + word.length;
    let j = i;
    while (tokenEnd(tokens[j]!) < end && isNamePiece(tokens[j + 1]) && tokens[j + 1]!.startOffset === tokenEnd(tokens[j]!)) j++;
    if (tokenEnd(tokens[j]!) !== end) continue;
    const next = tokens[j + 1];
    if (isNamePiece(next) && next!.startOffset === end) continue;
    return j;
  }
  return -1;
}

/**
 * Lex `file.text[start, end)` as if it were a whole text, with offsets into the file
 * (the incremental front end re-lexes top-level blocks; blocks.ts splits where that
 * equals lexing the whole file). Runs of unrecognised characters are returned as
 * `unexpected`, not as diagnostics: the per-file cap is the caller's (`unexpectedDiagnostics`).
 */
export function lexRange(file: SourceFile, start0: number, end0: number): Result<RangeLexResult> {
  const clock = phaseClock.current;
  if (!clock) return lexRangeOf(file, start0, end0);
  const prev = clock.enter('lex');
  const r = lexRangeOf(file, start0, end0);
  clock.enter(prev);
  return r;
}

function lexRangeOf(file: SourceFile, start0: number, end0: number): Result<RangeLexResult> {
  const diagnostics: Diagnostic[] = [];
  const whole = start0 === 0 && end0 === file.text.length;
  const text = whole ? file.text : file.text.slice(start0, end0);
  let tokens: IToken[];
  let comments: IToken[];
  if (scannerOn) {
    ({ tokens, comments } = scan(text, start0)); // offsets into the file already
  } else {
    const out = chevrotainTokenize(text);
    ({ tokens, comments } = out);
    for (const e of out.errors) {
      // Unreachable in practice (Unexpected matches any code point) — kept as a safety net.
      diagnostics.push(diag('ZC0101', file.span(start0 + e.offset, start0 + e.offset + Math.max(1, e.length)), `无法识别的字符`));
    }
    // (endOffset from the image: the walk below reads it as set, as scan sets it)
    for (const t of tokens) t.endOffset = t.startOffset + t.image.length - 1;
    if (start0 !== 0) {
      // INVARIANT: offsets into the file, not the slice (endOffset too: tokens are created with it)
      for (const t of tokens) {
        t.startOffset += start0;
        t.endOffset! += start0;
      }
      for (const c of comments) {
        c.startOffset += start0;
        c.endOffset! += start0;
      }
    }
  }
  // The kept tokens are compacted in place (`tokens[0, w)`; Unexpected ones dropped): no second array of a file's tokens.
  let w = 0;
  const unexpected: number[] = [];
  // (brackets: `nesting` as nestingDepth counts it, its deepest `depth`; `braces` and `ends` as blockEnds)
  // INVARIANT: depth and ends are those of the kept tokens — the brackets are kept, and counted with their index in tokens[0, w).
  let nesting = 0;
  let depth = 0;
  let braces = 0;
  let endNesting = 0;
  const ends: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // (most tokens — punctuation, strings, numbers, units — need nothing here: one table read, and kept as they are)
    const role = ROLE[t.tokenTypeIdx];
    if (role === NOTHING) {
      if (w !== i) tokens[w] = t;
      w++;
      continue;
    }
    const start = t.startOffset;
    const end = start + t.image.length; // (tokenEnd; endOffset is end - 1 already)
    const ty = t.tokenType;
    if ((ty === Name || ty === ChineseNumber) && numeralNameStarts[file.text.charCodeAt(start)] === 1) {
      const j = numeralNameEnd(file.text, tokens, i, w > 0 ? tokens[w - 1] : undefined);
      if (j > 0) {
        // one Name over the word's pieces (a 类别 value): the pieces after the first are dropped
        const last = tokens[j]!;
        t.endOffset = tokenEnd(last) - 1;
        t.image = file.text.slice(start, tokenEnd(last));
        t.tokenType = Name;
        t.tokenTypeIdx = Name.tokenTypeIdx!;
        tokens[w++] = t;
        i = j;
        continue;
      }
    }
    if (role === NAME_ROLE) {
      const k = WORD_KEYWORD_TOKENS.get(t.image);
      // (after “.” a structural word is a field name: 事件.类别)
      if (k !== undefined && (w > 0 ? tokens[w - 1]!.tokenType : undefined) !== Dot) {
        t.tokenType = k;
        t.tokenTypeIdx = k.tokenTypeIdx!;
      }
    } else if (role === BRACKET) {
      if (ty === LBrace) {
        braces++;
        if (++nesting > depth) depth = nesting;
      } else if (ty === RBrace) {
        if (nesting > 0) nesting--;
        if (braces > 0) braces--;
        if (braces === 0) {
          ends.push(w + 1);
          endNesting = nesting;
        }
      } else if (ty === LParen) {
        if (++nesting > depth) depth = nesting;
      } else if (nesting > 0) nesting--; // RParen
    } else if (ty === Word) {
      const k = keywordTokenOf(t.image)!;
      t.tokenType = k;
      t.tokenTypeIdx = k.tokenTypeIdx!;
      // A keyword sandwiched inside a run of name characters: the writer probably meant one name.
      const prev = w > 0 ? tokens[w - 1] : undefined;
      const next = tokens[i + 1];
      if (prev && next && prev.tokenType === Name && next.tokenType === Name && isAdjacent(prev, t) && isAdjacent(t, next)) {
        const whole = prev.image + t.image + next.image;
        diagnostics.push(
          diag('ZC0103', file.span(prev.startOffset, tokenEnd(next)), `“${whole}”中含有关键字“${t.image}”，会被拆开理解`, {
            help: `若“${whole}”是一个名称，请写作「${whole}」；若“${t.image}”是关键字，请在它两侧加空格`,
            fixes: [
              { title: `写作「${whole}」`, edits: [{ span: file.span(prev.startOffset, tokenEnd(next)), newText: `「${whole}」` }] },
              { title: `在“${t.image}”两侧加空格`, edits: [{ span: file.span(start, end), newText: ` ${t.image} ` }] },
            ],
          }),
        );
      }
    } else if (ty === ChineseNumber) {
      const prev = w > 0 ? tokens[w - 1] : undefined;
      const next = tokens[i + 1];
      // A numeral inside a word (统一规划, 统一) is an error; a bound glued after a name
      // (子女数三以上, 子女数三孩以上, 月龄六—十二) is not.
      const gluedNext = !!next && isAdjacent(t, next);
      const boundFollows = gluedNext && (next.tokenType === Unit || next.tokenType === Word || next.tokenType === Dash);
      const glued = (next && next.tokenType === Name && gluedNext) || (prev && prev.tokenType === Name && isAdjacent(prev, t) && !boundFollows);
      // (至|少|一|方: a quantifier written before its list, `至少一方 家庭.夫妻 满足（…）` — slips.ts ⑤ reports it, once)
      const quantifier = !!prev && !!next && prev.image === '少' && w > 1 && tokens[w - 2]!.image === '至' && isAdjacent(tokens[w - 2], prev) && t.image === '一' && QUANT_TAILS.has(next.image);
      if (glued && !quantifier) {
        const s0 = prev && prev.tokenType === Name && isAdjacent(prev, t) ? prev.startOffset : start;
        const e0 = next && next.tokenType === Name && isAdjacent(t, next) ? tokenEnd(next) : end;
        const whole = file.text.slice(s0, e0);
        diagnostics.push(
          diag('ZC0108', file.span(s0, e0), `“${whole}”中含有数字字“${t.image}”，未加引号的名称不能含数字`, {
            help: `请写作「${whole}」`,
            fixes: [{ title: `写作「${whole}」`, edits: [{ span: file.span(s0, e0), newText: `「${whole}」` }] }],
          }),
        );
      }
    } else if (ty === Unexpected) {
      // A run of the same character is one diagnostic (with its count): a line of N bad
      // characters must not become N diagnostics (quadratic rendering, unreadable output).
      let runEnd = end;
      let count = 1;
      while (i + 1 < tokens.length && tokens[i + 1]!.tokenType === Unexpected && tokens[i + 1]!.image === t.image && tokens[i + 1]!.startOffset === runEnd) {
        i++;
        runEnd = tokenEnd(tokens[i]!);
        tokens[i]!.endOffset = runEnd - 1;
        count++;
      }
      unexpected.push(start, count);
      continue; // not passed to the parser
    } else if (ty === BadString) {
      diagnostics.push(diag('ZC0102', file.span(start, Math.min(end, start + 1)), '字符串缺少结尾的半角引号 "', {
        help: '在字符串结尾补上 "',
        fixes: [{ title: '补上结尾引号', edits: [{ span: file.span(end, end), newText: '"' }] }],
      }));
      t.tokenType = StringLit;
      t.tokenTypeIdx = StringLit.tokenTypeIdx!;
    } else if (ty === BadQuotedName) {
      const close = t.image[0] === '「' ? '」' : '】';
      // The token runs to the end of the line (`例外于 「二孩补助 {`, `指标 「甲 = 1`): the name most likely
      // ends where its first run of characters does — before a space, a brace or a quote — not at the
      // line's end, where the bracket would swallow the rest of the line into the name.
      const nameEnd = start + quotedNameRun(t.image);
      const fixes = [{ title: `补上“${close}”`, edits: [{ span: file.span(nameEnd, nameEnd), newText: close }] }];
      const lineEndAt = start + t.image.trimEnd().length;
      if (lineEndAt !== nameEnd) fixes.push({ title: `在行尾补上“${close}”`, edits: [{ span: file.span(lineEndAt, lineEndAt), newText: close }] });
      diagnostics.push(diag('ZC0104', file.span(start, end), `名称引号“${t.image[0]}”没有配对的“${close}”`, {
        help: `在名称结尾补上“${close}”`,
        fixes,
      }));
      t.tokenType = QuotedName;
      t.tokenTypeIdx = QuotedName.tokenTypeIdx!;
    } else if (ty === QuotedName && t.image.length === 2) {
      diagnostics.push(diag('ZC0107', file.span(start, end), '名称引号中没有内容'));
    }
    if (w !== i) tokens[w] = t;
    w++;
  }
  tokens.length = w;
  return { value: { tokens, comments, unexpected, depth, ends, endNesting }, diagnostics };
}
