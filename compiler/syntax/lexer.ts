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
 * comment, or skipped whitespace — nothing is silently dropped. The one token that covers
 * no character: the “}” of no width put after the last member of a set left unclosed
 * (`setLeftOpen`, with its ZC0203 and the fix that writes it), so that the “}” the drafter
 * indented as the end of the block around the set ends that block — for the parsers and for
 * every brace count after them (blocks, pieces, nesting) alike.
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import type { SourceFile } from '../common/source.js';
import { diag, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { scan } from './scanner.js';
import { phaseClock } from '../common/timings.js';
import {
  lexingOrder, Word, Name, ChineseNumber, Unit, QuotedName, BadQuotedName, BadString, StringLit,
  Unexpected, keywordTokenOf, Dot, Dash, NUMERAL_NAMES, LBrace, RBrace, LParen, RParen, WORD_KEYWORD_TOKENS, In, NotIn, Comma,
} from './tokens.js';
import { isLineBreak } from '../common/lines.js';

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

/** White space inside a line, as the scanner's (space, tab, U+3000, U+00A0, U+2028, U+2029, U+FEFF). */
function lineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/**
 * Is the set (`属于 {…`) opened by the "{" at `open` left unclosed where the "}" at `close` comes — that "}"
 * being the next closing bracket at the set's depth? Yes when the "}" starts its line (so a later line than
 * the "{") at a column left of the indentation of the line of the "{": it closes the block around the set
 * (`        且 事件.级别 属于 {国家、省` then a rule's `      }`), as a drafter reads the indentation. A set
 * written over several lines closes with its "}" at that indentation or to the right of it.
 * INVARIANT: the answer depends only on the text from the start of the line of the "{" to the "}", all of it
 * in the body piece that holds the set — never on text another piece holds (blocks.ts re-lexes a piece
 * on its own): hence no when a "}" precedes the "{" on its line (the line then starts in an earlier piece).
 */
function setLeftOpen(text: string, open: number, close: number): boolean {
  let i = close;
  while (i > 0 && lineSpace(text.charCodeAt(i - 1))) i--;
  if (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) return false;
  const column = close - i;
  let ls = open;
  while (ls > 0 && !isLineBreak(text.charCodeAt(ls - 1))) ls--;
  let k = ls;
  while (k < open && lineSpace(text.charCodeAt(k))) k++;
  if (column >= k - ls) return false;
  for (let j = k; j < open; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x7d /* } */ || c === 0xff5d /* ｝ */) return false;
  }
  return true;
}

/** The lexer's diagnostic of a set left unclosed (setLeftOpen): its block's tokens hold a “}” of no width. */
export function isSetLeftOpen(d: Diagnostic): boolean {
  return d.code === 'ZC0203';
}

/**
 * Where the members of the innermost open set (`sets`' last quadruple) end, when `t` (the next token, to
 * take index `w + put`) starts a line after a token that neither is the set's “{” nor a “、”, and `t` is no
 * “、” (a line starting with one goes on): there, after that token — `{2、3` then `补助金额 = 2000元`.
 */
function setMembersEnd(text: string, sets: number[], tokens: readonly IToken[], w: number, put: number, t: IToken): void {
  const prev = tokens[w - 1];
  if (prev === undefined || prev.tokenType === Comma || prev.tokenType === LBrace || t.tokenType === Comma) return;
  const from = tokenEnd(prev);
  if (from > t.startOffset) return;
  for (let j = from; j < t.startOffset; j++) {
    if (isLineBreak(text.charCodeAt(j))) {
      sets[sets.length - 2] = w + put;
      sets[sets.length - 1] = from;
      return;
    }
  }
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
  // Open sets (`属于 {`), innermost last, as flat quadruples [nesting inside the "{", its offset, where its
  // members end: the final index and the offset after the last token of the first line after which the list
  // does not go on (-1, -1 until then)]; and the "}" put there when setLeftOpen says the set was left unclosed,
  // [final index, token] pairs (`put`: how many; `w + put` is a kept token's final index), spliced in after the walk.
  let sets: number[] | undefined;
  let inserts: (number | IToken)[] | undefined;
  let put = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (sets !== undefined && sets.length > 0 && sets[sets.length - 2] === -1) setMembersEnd(file.text, sets, tokens, w, put, t);
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
        const before = w > 0 ? tokens[w - 1]!.tokenType : undefined;
        if (before === In || before === NotIn) (sets ??= []).push(nesting, start, -1, -1);
      } else if (ty === RBrace) {
        if (sets !== undefined && sets.length > 0 && sets[sets.length - 4] === nesting) {
          const open = sets[sets.length - 3]!;
          let index = sets[sets.length - 2]!;
          let at = sets[sets.length - 1]!;
          sets.length -= 4;
          if (w > 0 && setLeftOpen(file.text, open, start)) {
            // the set ends after its last member — at the end of the first line its list does not go on from, else
            // before this "}" — with a "}" of no width there; this "}" closes what is around it
            // (INVARIANT: inserts in increasing order: a set's end never before an earlier set's "}")
            const last = inserts !== undefined && inserts.length > 0 ? (inserts[inserts.length - 2] as number) : -1;
            if (index < 0 || index <= last) {
              index = w + put;
              at = tokenEnd(tokens[w - 1]!);
            }
            (inserts ??= []).push(index, { image: '', startOffset: at, tokenTypeIdx: RBrace.tokenTypeIdx!, tokenType: RBrace, endOffset: at - 1 } as IToken);
            put++;
            nesting--;
            if (braces > 0) braces--;
            if (braces === 0) {
              ends.push(index + 1);
              endNesting = nesting;
            }
            diagnostics.push(diag('ZC0203', file.span(open, open + 1), '集合的“{”没有对应的“}”', {
              help: '在集合的最后一项之后补上“}”（之后缩进更少的“}”属于外层）',
              fixes: [{ title: '补上“}”', edits: [{ span: file.span(at, at), newText: '}' }] }],
            }));
          }
        }
        if (nesting > 0) nesting--;
        if (braces > 0) braces--;
        if (braces === 0) {
          ends.push(w + put + 1);
          endNesting = nesting;
        }
        while (sets !== undefined && sets.length > 0 && sets[sets.length - 4]! > nesting) sets.length -= 4;
      } else if (ty === LParen) {
        if (++nesting > depth) depth = nesting;
      } else {
        if (nesting > 0) nesting--; // RParen
        while (sets !== undefined && sets.length > 0 && sets[sets.length - 4]! > nesting) sets.length -= 4;
      }
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
      if (glued) {
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
  if (inserts !== undefined) for (let k = 0; k < inserts.length; k += 2) tokens.splice(inserts[k] as number, 0, inserts[k + 1] as IToken);
  return { value: { tokens, comments, unexpected, depth, ends, endNesting }, diagnostics };
}
