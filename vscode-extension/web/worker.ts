/**
 * The playground's compiler worker: holds the edited policy plus the sample files it
 * imports (类型.zc, 参数.yaml, source.txt) in a memory host, recompiles on every
 * update (the page debounces), and answers diagnostics, hover, completion, definition,
 * code actions, formatting, outline, folding, semantic tokens, the input JSON Schema and evaluation.
 * Every answer comes from the compiler's editor services (compiler/services) — the
 * same functions the language server calls; this file only turns offsets into
 * Monaco's 1-based positions, with the compiler's own line model (SourceFile).
 */
import { compile, memoryHost, ParseCache, SourceFile, KEYWORDS, UNIT_WORDS, GLUE_KEYWORDS, type CompileResult, type CompiledProgram, type Diagnostic } from '../../compiler/index.js';
import { lower } from '../../compiler/ir/lower.js';
import { inputSchema } from '../../compiler/emit/ts-schema.js';
import { formatEdits, notFormattedReason } from '../../compiler/format/format.js';
import { programSetOf, type ProgramSet } from '../../compiler/services/program-set.js';
import { hoverAt, todayDate, loweredOf } from '../../compiler/services/hover.js';
import { complete } from '../../compiler/services/completion.js';
import { signatureAt } from '../../compiler/services/signature.js';
import { definition, references, rename } from '../../compiler/services/navigation.js';
import { codeActions } from '../../compiler/services/actions.js';
import { documentSymbols } from '../../compiler/services/outline.js';
import { foldingRanges } from '../../compiler/services/folding.js';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../compiler/services/semantic-tokens.js';
import { encodeSemanticTokens, LineIndex } from '../server/src/positions.js';
import type { DeclNode } from '../../compiler/services/decls.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { InputError } from '../../compiler/interpret/decision.js';
import { MAIN, FILES } from 'virtual:sample-policy';
import type { EvalResult, Reply, Request, WireAction, WireDiagnostic, WireEdit, WireRange, WireSymbol } from './protocol.js';

const files: Record<string, string> = { ...FILES };
const cache = new ParseCache();
let generation = 0;
let result: CompileResult | undefined;
let ws: ProgramSet | undefined;
let program: CompiledProgram | undefined;
let source = new SourceFile(MAIN, files[MAIN] ?? '');

function post(r: Reply): void {
  (self as unknown as { postMessage(m: unknown): void }).postMessage(r);
}

function recompile(): void {
  generation++;
  source = new SourceFile(MAIN, files[MAIN] ?? '');
  result = compile([MAIN], memoryHost(files), cache);
  ws = programSetOf(result, generation);
  program = ws.programsOf(MAIN)[0] ?? result.programs[0];
}

// ── positions: offsets ↔ Monaco (1-based), the compiler's line model ──
function rangeOf(sf: SourceFile, start: number, end: number): WireRange {
  const a = sf.lineCol(start);
  const b = sf.lineCol(Math.max(start, end));
  return { startLineNumber: a.line + 1, startColumn: a.col + 1, endLineNumber: b.line + 1, endColumn: b.col + 1 };
}

function offsetOf(line: number, column: number): number {
  const starts = source.getLineStarts();
  const l = Math.max(0, Math.min(line - 1, starts.length - 1));
  const s = starts[l] ?? 0;
  const end = source.lineText(l).length + s;
  return Math.max(s, Math.min(end, s + column - 1));
}

/** An imported .zc file of the sample (never edited here). */
const isImport = (path: string): boolean => path !== MAIN && path.endsWith('.zc') && files[path] !== undefined;

const mainEdits = (edits: readonly { span: { file: string; start: number; end: number }; newText: string }[]): WireEdit[] | undefined =>
  edits.every((e) => e.span.file === MAIN) ? edits.map((e) => ({ range: rangeOf(source, e.span.start, e.span.end), text: e.newText })) : undefined;

function wireDiagnostics(): WireDiagnostic[] {
  const out: WireDiagnostic[] = [];
  for (const d of result?.diagnostics ?? []) {
    let span = d.span;
    let prefix = '';
    if (span.file !== MAIN) {
      // A problem in an imported sample file: show it at the top of the edited file.
      prefix = `（${span.file.split('/').pop()}）`;
      span = { file: MAIN, start: 0, end: 0 };
    }
    out.push({ code: d.code, severity: d.severity, message: prefix + d.message, ...(d.help ? { help: d.help } : {}), range: rangeOf(source, span.start, span.end) });
  }
  return out;
}

function mainDiagnostics(): Diagnostic[] {
  return (result?.diagnostics ?? []).filter((d) => d.span.file === MAIN);
}

function actions(range: WireRange): WireAction[] {
  if (!ws) return [];
  const start = offsetOf(range.startLineNumber, range.startColumn);
  const end = offsetOf(range.endLineNumber, range.endColumn);
  const out: WireAction[] = [];
  for (const a of codeActions(ws, MAIN, mainDiagnostics(), start, end)) {
    const edits = mainEdits(a.edits);
    if (!edits) continue; // an edit in another (read-only) sample file
    const d = a.diagnostic;
    out.push({
      title: a.title, kind: a.kind, edits,
      ...(d && d.span.file === MAIN ? { diagnostic: { code: d.code, range: rangeOf(source, d.span.start, d.span.end) } } : {}),
      ...(a.isPreferred !== undefined ? { isPreferred: a.isPreferred } : {}),
    });
  }
  return out;
}

function symbols(nodes: readonly DeclNode[]): WireSymbol[] {
  return nodes.map((n) => ({
    name: n.name, detail: n.detail, kind: n.kind,
    range: rangeOf(source, n.span.start, n.span.end), selectionRange: rangeOf(source, n.nameSpan.start, n.nameSpan.end),
    children: symbols(n.children),
  }));
}

// ── evaluation ───────────────────────────────────────────────────────
function describe(d: Diagnostic): string {
  const f = result?.files.get(d.span.file);
  const lc = f ? f.lineCol(d.span.start) : { line: 0, col: 0 };
  return `${d.span.file.split('/').pop()}:${lc.line + 1}:${lc.col + 1} ${d.code} ${d.message}`;
}

function runEvaluation(facts: unknown, date: string): EvalResult {
  if (!program) return { ok: false, kind: 'program', messages: ['程序尚未编译'] };
  const errs = program.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) return { ok: false, kind: 'program', messages: ['政策有错误，修正后才能求值：', ...errs.map(describe)] };
  if (!program.checked.policy) return { ok: false, kind: 'program', messages: ['没有“政策”声明，无法求值'] };
  try {
    const ir = lower(program);
    const lerrs = ir.diagnostics.filter((d) => d.severity === 'error');
    if (lerrs.length) return { ok: false, kind: 'program', messages: lerrs.map(describe) };
    return { ok: true, decisions: evaluate(ir.value, facts, date, []) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, kind: 'input', problems: e.problems };
    return { ok: false, kind: 'program', messages: [`求值失败：${e instanceof Error ? e.message : String(e)}`] };
  }
}

// ── message loop ─────────────────────────────────────────────────────
self.onmessage = (ev: MessageEvent<Request>) => {
  const m = ev.data;
  switch (m.type) {
    case 'update': {
      files[MAIN] = m.text;
      const t0 = performance.now();
      recompile();
      post({ type: 'diagnostics', version: m.version, diagnostics: wireDiagnostics(), millis: Math.round(performance.now() - t0) });
      break;
    }
    case 'hover': {
      const h = ws && hoverAt(ws, MAIN, offsetOf(m.line, m.column), todayDate());
      post({ type: 'hover', id: m.id, hover: h ? { contents: [h.text], range: rangeOf(source, h.start, h.end) } : null });
      break;
    }
    case 'signature':
      post({ type: 'signature', id: m.id, signature: (ws && signatureAt(ws, MAIN, offsetOf(m.line, m.column))) ?? null });
      break;
    case 'complete': {
      const c = ws ? complete(ws, MAIN, offsetOf(m.line, m.column), m.trigger) : undefined;
      const at = offsetOf(m.line, m.column);
      post({ type: 'complete', id: m.id, range: rangeOf(source, c?.replace.start ?? at, c?.replace.end ?? at), items: c?.items ?? [] });
      break;
    }
    case 'definition':
      // in the edited file or in an imported sample file (main.ts shows that one read-only)
      post({ type: 'definition', id: m.id, locations: ws ? definition(ws, MAIN, offsetOf(m.line, m.column)).filter((s) => s.file === MAIN || isImport(s.file)).map((s) => ({ path: s.file, range: rangeOf(s.file === MAIN ? source : new SourceFile(s.file, files[s.file]!), s.start, s.end) })) : [] });
      break;
    case 'references':
      post({ type: 'references', id: m.id, ranges: ws ? references(ws, MAIN, offsetOf(m.line, m.column), true).filter((s) => s.file === MAIN).map((s) => rangeOf(source, s.start, s.end)) : [] });
      break;
    case 'rename': {
      const r = ws ? rename(ws, MAIN, offsetOf(m.line, m.column), m.newName) : undefined;
      if (!r) post({ type: 'rename', id: m.id, error: '这里没有可以重命名的名称' });
      else if ('error' in r) post({ type: 'rename', id: m.id, error: r.error });
      else {
        const edits = mainEdits(r.edits);
        // the imported sample files (类型.zc …) are read-only here
        post(edits ? { type: 'rename', id: m.id, edits } : { type: 'rename', id: m.id, error: '该名称也出现在导入的示例文件中（游乐场里只读），不能在这里重命名' });
      }
      break;
    }
    case 'actions':
      post({ type: 'actions', id: m.id, actions: actions(m.range) });
      break;
    case 'format': {
      const r = formatEdits(source);
      const error = notFormattedReason(source, r);
      post({ type: 'format', id: m.id, edits: mainEdits(r.value) ?? [], ...(error !== undefined ? { error } : {}) });
      break;
    }
    case 'symbols':
      post({ type: 'symbols', id: m.id, symbols: ws ? symbols(documentSymbols(ws, MAIN)) : [] });
      break;
    case 'folding':
      post({ type: 'folding', id: m.id, ranges: ws ? foldingRanges(ws, MAIN).map((f) => ({ start: source.lineCol(f.start).line + 1, end: source.lineCol(f.end).line + 1, ...(f.kind ? { kind: f.kind } : {}) })) : [] });
      break;
    case 'semanticTokens': {
      // (encoded as the language server encodes them: positions.ts, with the compiler's line model)
      const sf = m.path === MAIN ? source : isImport(m.path) ? new SourceFile(m.path, files[m.path]!) : undefined;
      const data = ws && sf ? encodeSemanticTokens(semanticTokens(ws, m.path), new LineIndex(sf.text, sf.getLineStarts())) : [];
      post({ type: 'semanticTokens', id: m.id, data });
      break;
    }
    case 'schema': {
      const ir = program ? loweredOf(program) : undefined;
      post({ type: 'schema', id: m.id, schema: ir ? inputSchema(ir) : null });
      break;
    }
    case 'evaluate':
      post({ type: 'evaluate', id: m.id, result: runEvaluation(m.facts, m.date) });
      break;
  }
};

recompile();
post({ type: 'ready', text: files[MAIN] ?? '', path: MAIN, keywords: KEYWORDS, glueKeywords: GLUE_KEYWORDS, units: UNIT_WORDS, imports: Object.keys(files).filter(isImport).map((path) => ({ path, text: files[path]! })), legend: { tokenTypes: TOKEN_TYPES, tokenModifiers: TOKEN_MODIFIERS } });
