/**
 * Code actions and formatting.
 *  - Quick fixes (kind `quickfix`): exactly the `fixes` the compiler attached to its
 *    diagnostics. Everything else here fixes no diagnostic and is `refactor.rewrite`.
 *  - Punctuation: rewrite the punctuation tokens of the selected lines to full-width
 *    （：，；） or ASCII — only tokens the lexer says are punctuation, so strings,
 *    names and comments are never touched.
 *  - Insert missing 原文: for a measure (or clause) without 原文, the best-matching
 *    sentence of the policy's source text (sentences as `zhengce coverage` splits
 *    them), preferring sentences no other declaration quotes yet.
 *  - Formatting: the compiler's `formatEdits`; nothing when it cannot format.
 */
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SourceFile, type CompiledProgram, type Diagnostic, type ParsedFile, type TextEdit } from '../../../compiler/index.js';
import { formatEdits } from '../../../compiler/format/format.js';
import { splitSentences } from '../../../compiler/coverage/sentences.js';
import { allQuotes, normalizeQuote } from '../../../compiler/semantics/quotes.js';
import { tokenEnd } from '../../../compiler/syntax/lexer.js';
import { Colon, Comma, LParen, RParen, Semi } from '../../../compiler/syntax/tokens.js';
import type * as A from '../../../compiler/syntax/ast.js';
import type { LineIndex } from './positions.js';

export interface ActionEnv {
  readonly uriOf: (path: string) => string;
  readonly rangeOf: (path: string, start: number, end: number) => Range | undefined;
  readonly toLsp: (d: Diagnostic) => LspDiagnostic | undefined;
}

export function editsToWorkspaceEdit(env: ActionEnv, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) {
    const range = env.rangeOf(e.span.file, e.span.start, e.span.end);
    if (!range) return undefined;
    (changes[env.uriOf(e.span.file)] ??= []).push({ range, newText: e.newText });
  }
  return { changes };
}

/**
 * Whether a code action of `kind` answers a request restricted to `only` (LSP
 * `CodeActionContext.only`): kinds are hierarchical, so `refactor` admits
 * `refactor.rewrite`; no restriction admits every kind.
 */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === '' || kind === k || kind.startsWith(`${k}.`));
}

/** Quick fixes from the compiler's diagnostics overlapping [start, end]. */
export function quickFixes(env: ActionEnv, diags: readonly Diagnostic[], start: number, end: number): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diags) {
    if (!d.fixes?.length) continue;
    if (d.span.end < start || d.span.start > end) continue;
    const lsp = env.toLsp(d);
    d.fixes.forEach((f, i) => {
      const edit = editsToWorkspaceEdit(env, f.edits);
      if (!edit) return;
      out.push({ title: f.title, kind: CodeActionKind.QuickFix, ...(lsp ? { diagnostics: [lsp] } : {}), isPreferred: i === 0 && d.fixes!.length === 1, edit });
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

/** Punctuation normalisation for the lines [startLine, endLine]. */
export function punctuationActions(env: ActionEnv, path: string, parsed: ParsedFile, index: LineIndex, startLine: number, endLine: number): CodeAction[] {
  const from = index.starts[startLine] ?? 0;
  const to = index.lineEnd(endLine);
  const toFull: LspTextEdit[] = [];
  const toHalf: LspTextEdit[] = [];
  for (const t of parsed.tokens) {
    if (t.startOffset < from || Number.isNaN(t.startOffset) || t.isInsertedInRecovery) continue;
    if (t.startOffset >= to) break;
    if (!PUNCT.has(t.tokenType.name)) continue;
    const range = index.range(t.startOffset, tokenEnd(t));
    if (TO_FULL[t.image]) toFull.push({ range, newText: TO_FULL[t.image]! });
    if (TO_HALF[t.image]) toHalf.push({ range, newText: TO_HALF[t.image]! });
  }
  const what = startLine === endLine ? '本行' : '所选各行';
  const out: CodeAction[] = [];
  const uri = env.uriOf(path);
  if (toFull.length) out.push({ title: `${what}标点改为全角（：，；（））`, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [uri]: toFull } } });
  if (toHalf.length) out.push({ title: `${what}标点改为半角（: , ; ( )）`, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [uri]: toHalf } } });
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

/** “插入原文” for the measure or clause around an offset that has none. */
export function insertQuoteAction(env: ActionEnv, path: string, text: string, ast: A.FileAst, program: CompiledProgram | undefined, labels: Map<A.ClauseDecl, string>, offset: number): CodeAction[] {
  if (!program?.sourceText) return [];
  let target: { span: A.ClauseDecl['span']; after: number; key: string; what: string } | undefined;
  let clauseHead = '';
  const visit = (items: readonly (A.TopItem | A.ClauseItem)[]) => {
    for (const it of items) {
      if (it.span.start > offset || it.span.end < offset) continue;
      if (it.kind === 'clause') {
        clauseHead = `${it.number.map((p) => p.raw).join('')}${it.title?.value ?? ''}`;
        if (!it.quotes.length) target = { span: it.span, after: it.numberSpan.end, key: `${it.number.map((p) => p.raw).join('')}${it.title?.value ?? ''}`, what: `条款 ${labels.get(it) ?? ''}` };
        visit(it.items);
      } else if (it.kind === 'measure') {
        if (!it.quotes.length) target = { span: it.span, after: it.name.span.end, key: `${clauseHead}${it.name.text}${bodyText(text, it)}`, what: `措施 ${it.name.text}` };
        else target = undefined;
      }
    }
  };
  visit(ast.items);
  if (!target) return [];
  // the block's opening brace
  const rest = text.slice(target.after, target.span.end);
  const m = /[{｛]/.exec(rest);
  if (!m) return [];
  const brace = target.after + m.index + 1;
  const lineStart = text.lastIndexOf('\n', target.span.start - 1) + 1;
  const indent = /^[ \t\u3000]*/.exec(text.slice(lineStart))![0];
  const quoted = allQuotes(program.checked).map((q) => q.quote.value);
  const best = bestSentence(program.sourceText, target.key, quoted);
  if (!best) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const insert = `${eol}${indent}  原文："${escapeString(best.text)}"`;
  const edit = editsToWorkspaceEdit(env, [{ span: { file: path, start: brace, end: brace }, newText: insert }]);
  if (!edit) return [];
  const shown = [...best.text].length > 24 ? [...best.text].slice(0, 24).join('') + '…' : best.text;
  return [{ title: `为${target.what}插入来源原文：“${shown}”`, kind: CodeActionKind.RefactorRewrite, edit }];
}

/** Formatting edits (offsets) — empty when already formatted or not formattable. */
export function formatting(path: string, text: string): TextEdit[] {
  try {
    const r = formatEdits(new SourceFile(path, text));
    return r.value.filter((e) => e.span.start >= 0 && e.span.end <= text.length);
  } catch {
    return [];
  }
}
