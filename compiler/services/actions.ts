/**
 * Code actions, in offsets. Input: a ProgramSet, a file, the diagnostics shown for it
 * and the selected offset range. Output: titled edits (offset spans, any file).
 *
 *  - Quick fixes (kind `quickfix`): exactly the `fixes` the compiler attached to its
 *    diagnostics that overlap the selection. Everything else here fixes no diagnostic
 *    and is `refactor.rewrite`.
 *  - Insert missing 原文: for a measure (or clause) without 原文, the best-matching
 *    sentence of the policy's source text (sentences as `zhengce coverage` splits
 *    them), preferring sentences no other declaration quotes yet.
 *  - Punctuation: rewrite the punctuation tokens of the selected lines (the compiler's
 *    line model) to full-width （：，；） or ASCII — only tokens the lexer says are
 *    punctuation, so strings, names and comments are never touched.
 */
import type { CompiledProgram } from '../project/program.js';
import type { Diagnostic, TextEdit } from '../diagnostics/diagnostic.js';
import type { ParsedFile } from '../syntax/index.js';
import { splitSentences } from '../coverage/sentences.js';
import { allQuotes, normalizeQuote } from '../semantics/quotes.js';
import { tokenEnd } from '../syntax/lexer.js';
import { Colon, Comma, LParen, RParen, Semi } from '../syntax/tokens.js';
import type * as A from '../syntax/ast.js';
import { lineEnd, lineOf } from '../common/lines.js';
import type { ProgramSet } from './program-set.js';
import { clauseLabels, declTree, enclosingDecls, type ClauseLabels } from './decls.js';

export interface CodeAction {
  readonly title: string;
  /** 'quickfix' repairs a diagnostic (and carries it); 'refactor.rewrite' fixes none: it rewrites or fills in. */
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly edits: readonly TextEdit[];
  /** The diagnostic a quick fix repairs. */
  readonly diagnostic?: Diagnostic;
  readonly isPreferred?: boolean;
}

/** Every code action for the selection [start, end] of `path`. */
export function codeActions(ws: ProgramSet, path: string, diagnostics: readonly Diagnostic[], start: number, end: number): CodeAction[] {
  const parsed = ws.parsedOf(path);
  if (!parsed) return [];
  const programs = ws.programsOf(path);
  return [
    ...quickFixes(diagnostics, start, end),
    ...insertQuoteAction(parsed, programs[0], clauseLabels(programs), start),
    ...punctuationActions(parsed, start, end),
  ];
}

/** Quick fixes from the compiler's diagnostics overlapping [start, end]. */
export function quickFixes(diags: readonly Diagnostic[], start: number, end: number): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diags) {
    if (!d.fixes?.length) continue;
    if (d.span.end < start || d.span.start > end) continue;
    d.fixes.forEach((f, i) => {
      out.push({ title: f.title, kind: 'quickfix', diagnostic: d, isPreferred: i === 0 && d.fixes!.length === 1, edits: f.edits });
    });
  }
  return out;
}

/**
 * ASCII ↔ full-width pairs of the punctuation tokens, read off the lexer's own token
 * patterns (a token whose pattern accepts both c and its full-width form c+0xFEE0):
 * ：:  （(  ）)  ，,  ；;  — 、 and 。 have no ASCII twin and stay as written.
 */
const PUNCT_TOKENS = [Colon, LParen, RParen, Comma, Semi];
const PUNCT = new Set(PUNCT_TOKENS.map((t) => t.name));
const TO_FULL: Record<string, string> = {};
for (const t of PUNCT_TOKENS) {
  const re = t.PATTERN as RegExp;
  for (let c = 0x21; c < 0x7f; c++) {
    const a = String.fromCharCode(c);
    const f = String.fromCharCode(c + 0xfee0);
    if (re.test(a) && re.test(f)) TO_FULL[a] = f;
  }
}
const TO_HALF: Record<string, string> = Object.fromEntries(Object.entries(TO_FULL).map(([a, b]) => [b, a]));

/** Punctuation normalisation for the lines of the selection [start, end]. */
export function punctuationActions(parsed: ParsedFile, start: number, end: number): CodeAction[] {
  const text = parsed.source.text;
  const starts = parsed.source.getLineStarts();
  const startLine = lineOf(starts, Math.max(0, Math.min(start, text.length)));
  const endLine = lineOf(starts, Math.max(0, Math.min(end, text.length)));
  const from = starts[startLine] ?? 0;
  const to = lineEnd(text, starts, endLine);
  const file = parsed.source.path;
  const toFull: TextEdit[] = [];
  const toHalf: TextEdit[] = [];
  for (const t of parsed.tokens) {
    if (t.startOffset < from || Number.isNaN(t.startOffset) || t.isInsertedInRecovery) continue;
    if (t.startOffset >= to) break;
    if (!PUNCT.has(t.tokenType.name)) continue;
    const span = { file, start: t.startOffset, end: tokenEnd(t) };
    if (TO_FULL[t.image]) toFull.push({ span, newText: TO_FULL[t.image]! });
    if (TO_HALF[t.image]) toHalf.push({ span, newText: TO_HALF[t.image]! });
  }
  const what = startLine === endLine ? '本行' : '所选各行';
  const out: CodeAction[] = [];
  if (toFull.length) out.push({ title: `${what}标点改为全角（：，；（））`, kind: 'refactor.rewrite', edits: toFull });
  if (toHalf.length) out.push({ title: `${what}标点改为半角（: , ; ( )）`, kind: 'refactor.rewrite', edits: toHalf });
  return out;
}

function bigrams(s: string): Set<string> {
  const cs = [...normalizeQuote(s)];
  const out = new Set<string>();
  for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i]! + cs[i + 1]!);
  if (cs.length === 1) out.add(cs[0]!);
  return out;
}

/**
 * Best source wording for a declaration: candidates are runs of one to three
 * consecutive sentences on one line of the source; a candidate scores by the
 * character pairs it shares with the declaration's own text (its name, the clause
 * title, outcome and field names, amounts), minus a quarter for each pair it does not
 * share — so a heading alone ("（三）延长产假。") loses to the heading with the
 * sentence that states the rule. Sentences another declaration already quotes count
 * half.
 */
export function bestSentence(sourceText: string, target: string, quoted: readonly string[]): { text: string; score: number } | undefined {
  const want = bigrams(target);
  if (!want.size) return undefined;
  const used = quoted.map(normalizeQuote).filter((q) => q.length > 0);
  const sentences = splitSentences(sourceText).sentences;
  let best: { text: string; score: number } | undefined;
  for (let i = 0; i < sentences.length; i++) {
    for (let n = 1; n <= 3 && i + n <= sentences.length; n++) {
      const first = sentences[i]!;
      const last = sentences[i + n - 1]!;
      if (last.line !== first.line) break;
      const text = sourceText.slice(first.start, last.end);
      const have = bigrams(text);
      let hit = 0;
      for (const b of have) if (want.has(b)) hit++;
      let score = hit - 0.25 * (have.size - hit);
      const norm = normalizeQuote(text);
      if (used.some((q) => q.includes(norm) || norm.includes(q))) score *= 0.5;
      if (!best || score > best.score) best = { text, score };
    }
  }
  return best && best.score > 0 ? best : undefined;
}

/** What a measure says (outcomes, rules, notes) — not its units and 原文. */
function bodyText(text: string, m: A.MeasureDecl): string {
  const parts = [...m.outcomes, ...m.rules, ...m.doubts].map((x) => text.slice(x.span.start, x.span.end));
  if (m.note) parts.push(m.note.value);
  if (m.reason) parts.push(m.reason.value);
  return parts.join(' ');
}

function escapeString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** “插入原文” for the innermost measure or clause around an offset that has none. */
export function insertQuoteAction(parsed: ParsedFile, program: CompiledProgram | undefined, labels: ClauseLabels, offset: number): CodeAction[] {
  if (!program?.sourceText) return [];
  const text = parsed.source.text;
  const path = parsed.source.path;
  let target: { span: A.ClauseDecl['span']; after: number; key: string; what: string } | undefined;
  let clauseHead = '';
  for (const d of enclosingDecls(declTree(parsed.ast), offset)) {
    if (d.kind === 'clause') {
      const c = d.node as A.ClauseDecl;
      clauseHead = `${c.number.map((p) => p.raw).join('')}${c.title?.value ?? ''}`;
      if (!c.quotes.length) target = { span: c.span, after: c.numberSpan.end, key: clauseHead, what: `条款 ${labels(c) ?? ''}` };
    } else if (d.kind === 'measure') {
      const m = d.node as A.MeasureDecl;
      target = m.quotes.length ? undefined : { span: m.span, after: m.name.span.end, key: `${clauseHead}${m.name.text}${bodyText(text, m)}`, what: `措施 ${m.name.text}` };
      break;
    } else break;
  }
  if (!target) return [];
  // the block's opening brace
  const rest = text.slice(target.after, target.span.end);
  const m = /[{｛]/.exec(rest);
  if (!m) return [];
  const brace = target.after + m.index + 1;
  const starts = parsed.source.getLineStarts();
  const lineStart = starts[lineOf(starts, target.span.start)] ?? 0;
  const indent = /^[ \t\u3000]*/.exec(text.slice(lineStart))![0];
  const quoted = allQuotes(program.checked).map((q) => q.quote.value);
  const best = bestSentence(program.sourceText, target.key, quoted);
  if (!best) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const insert = `${eol}${indent}  原文："${escapeString(best.text)}"`;
  const shown = [...best.text].length > 24 ? [...best.text].slice(0, 24).join('') + '…' : best.text;
  return [{ title: `为${target.what}插入来源原文：“${shown}”`, kind: 'refactor.rewrite', edits: [{ span: { file: path, start: brace, end: brace }, newText: insert }] }];
}
