/**
 * ZhengCe language server (LSP over stdio, Node).
 * Wires the protocol to the compiler's public entry points; it holds no language logic
 * of its own (see ../../README.md). Positions are converted only in positions.ts.
 *
 * Diagnostics are computed per document, debounced (`debounceMs`, default 150 ms)
 * after edits; a request on a document with pending edits first brings the
 * compilation up to date, so answers always refer to the current text.
 *
 * initializationOptions (all optional):
 *   debounceMs   diagnostics delay after an edit (default 150)
 *   today        YYYY-MM-DD, the date used for parameter values and 求值示例 (default: today)
 *   verifyRuns   random cases per property for 核查 (default 200)
 *   scanWorkspace  compile the workspace folders at start (default true)
 *   warmUp       compile and edit a small built-in program at start, before the workspace is
 *                compiled (compiler/project/warm-up.ts: the first edits of a session run compiled
 *                code; it delays the first diagnostics by ~0.1–0.2 s; default true)
 *   showsCommandResults  the client shows the results of 求值示例/核查 itself (the VS Code
 *                extension: a panel, the Problems view); otherwise they are also sent as
 *                window/showMessage (default false)
 *   helpInMessage  a diagnostic's help (“是不是要写…”) is a second line of its message, “提示：…”,
 *                instead of related information — for clients that show only the message (neovim's
 *                built-in client; README's init.lua sets it); default false (VS Code shows related
 *                information under the message)
 *
 * 核查 findings are published as diagnostics (source “zhengce 核查”) on the files they
 * point at, beside the compiler's; they are withdrawn when a file of the verified
 * policy changes (their positions and conclusions refer to the verified text).
 */
import { dirname, join, sep } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import {
  createConnection, ProposedFeatures, TextDocumentSyncKind, CodeActionKind,
  ResponseError, ErrorCodes, ShowMessageNotification, MessageType, FileChangeType,
  type InitializeParams, type InitializeResult, type Diagnostic as LspDiagnostic, type Range, type Position,
} from 'vscode-languageserver/node';
import type { Diagnostic } from '../../../compiler/index.js';
import type { Finding } from '../../../compiler/verify/finding.js';
import { formatEdits, notFormattedReason } from '../../../compiler/format/format.js';
import type { TextEdit } from '../../../compiler/diagnostics/diagnostic.js';
import { hoverAt, loweredOf, todayDate } from '../../../compiler/services/hover.js';
import { formatIso } from '../../../compiler/common/calendar.js';
import { complete } from '../../../compiler/services/completion.js';
import { signatureAt } from '../../../compiler/services/signature.js';
import { definition, references, prepareRename, rename } from '../../../compiler/services/navigation.js';
import { documentSymbols, workspaceSymbols } from '../../../compiler/services/outline.js';
import { semanticTokens } from '../../../compiler/services/semantic-tokens.js';
import { foldingRanges } from '../../../compiler/services/folding.js';
import { codeActions, quickFixes } from '../../../compiler/services/actions.js';
import { Workspace } from './workspace.js';
import { warmUp } from '../../../compiler/project/warm-up.js';
import { UriMap } from './uri.js';
import { LineIndex, applyChanges, applyContentChanges, encodeSemanticTokens } from './positions.js';
import {
  LEGEND, toCodeActions, toCompletionItems, toDocumentSymbols, toFoldingRanges, toLocation, toLspDiagnostic, toLspFinding, toSymbolInformation,
  toWorkspaceEdit, wantsKind, type Positions,
} from './convert.js';
import { codeLenses, COMMANDS, EVAL_COMMAND, VERIFY_COMMAND, evalExample, explainInChild, verifyMeasure } from './commands.js';
import { EXPLAIN_COMMAND, caseAt, caseLenses, isCaseFile } from './explain-lens.js';
import { oneWritePerMessage } from './transport.js';

interface Options {
  debounceMs: number;
  today?: string;
  verifyRuns: number;
  scanWorkspace: boolean;
  warmUp: boolean;
  showsCommandResults: boolean;
  helpInMessage: boolean;
}

// (a message's header written with its body: one write per message on the pipe, transport.ts)
if (process.argv.includes('--stdio')) oneWritePerMessage(process.stdout);
const connection = createConnection(ProposedFeatures.all);
const uris = new UriMap();
let ws = new Workspace([]);
let opts: Options = { debounceMs: 150, verifyRuns: 200, scanWorkspace: true, warmUp: true, showsCommandResults: false, helpInMessage: false };
const timers = new Map<string, NodeJS.Timeout>();
/**
 * Case and scenario files (YAML) open in the editor: kept apart from the workspace (they are not
 * DSL sources); they carry the explain code lenses (explain-lens.ts).
 */
const caseDocs = new Map<string, { uri: string; text: string }>();
/** Last published diagnostics per path (a signature, to publish only changes). */
const published = new Map<string, string>();

const log = (msg: string) => connection.console.log(msg);
const logError = (where: string, e: unknown) => connection.console.error(`[zhengce] ${where}: ${(e as Error)?.stack ?? String(e)}`);

/** Run a handler; never let an exception escape (the server must not crash). */
function guard<T>(where: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    logError(where, e);
    return fallback;
  }
}

// ── positions ────────────────────────────────────────────────────────

/** Index of the text the compiler's spans for `path` refer to. */
function spanIndex(path: string): LineIndex | undefined {
  const sf = ws.sources.get(path);
  if (sf) return ws.indexOf(sf);
  return ws.lineIndex(path);
}

function rangeOf(path: string, start: number, end: number): Range | undefined {
  return spanIndex(path)?.range(start, end);
}

function offsetAt(path: string, pos: Position): number {
  return ws.lineIndex(path)?.offsetAt(pos) ?? 0;
}

const pos: Positions = { uriOf: (p) => uris.toUri(p), rangeOf };

function toLsp(d: Diagnostic): LspDiagnostic | undefined {
  return toLspDiagnostic(pos, d, opts.helpInMessage);
}

// ── diagnostics ──────────────────────────────────────────────────────

/** 核查 findings as diagnostics, per file: which policy root they came from. */
const verified = new Map<string, { root: string; uri: string; diagnostics: LspDiagnostic[] }>();

function sendVerified(path: string): void {
  const doc = ws.docs.get(path);
  if (doc) {
    publish([], [path]);
    return;
  }
  const v = verified.get(path);
  void connection.sendDiagnostics({ uri: v?.uri ?? uris.toUri(path), diagnostics: v?.diagnostics ?? [] });
}

/** Replace the 核查 diagnostics of one policy root with a new run's findings. */
function showVerification(root: string, findings: readonly Finding[], texts: Readonly<Record<string, string>>): void {
  const before = [...verified].filter(([, v]) => v.root === root).map(([p]) => p);
  for (const p of before) verified.delete(p);
  for (const f of findings) {
    const d = toLspFinding(pos, f, texts);
    if (!d) continue;
    const entry = verified.get(f.span.file) ?? { root, uri: uris.toUri(f.span.file), diagnostics: [] };
    entry.diagnostics.push(d);
    verified.set(f.span.file, entry);
  }
  for (const p of new Set([...before, ...verified.keys()])) sendVerified(p);
}

/** A file changed: the 核查 diagnostics of every policy it belongs to are stale. */
function withdrawVerification(path: string): void {
  if (!verified.size) return;
  const roots = new Set([...ws.programsOf(path).map((p) => p.root), verified.get(path)?.root].filter((r): r is string => !!r));
  const stale = [...verified].filter(([, v]) => roots.has(v.root)).map(([p]) => p);
  for (const p of stale) verified.delete(p);
  for (const p of stale) if (p !== path || !ws.docs.has(p)) sendVerified(p);
}

function markFresh(): void {
  for (const doc of ws.docs.values()) {
    const sf = ws.sources.get(doc.path);
    if (sf && sf.text === doc.text) doc.dirty = false;
  }
}

function publish(touched: Iterable<string>, forced: Iterable<string> = []): void {
  const force = new Set(forced);
  for (const path of new Set([...touched, ...force])) {
    const doc = ws.docs.get(path);
    if (!doc) continue;
    const sf = ws.sources.get(path);
    // only publish diagnostics computed for the document's current text
    if (!sf || sf.text !== doc.text) continue;
    const diagnostics = [...ws.diagnostics(path).map(toLsp).filter((x): x is LspDiagnostic => !!x), ...(verified.get(path)?.diagnostics ?? [])];
    const sig = JSON.stringify(diagnostics);
    if (!force.has(path) && published.get(path) === sig) continue;
    published.set(path, sig);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }
}

function recheck(paths: string[]): void {
  guard('recheck', undefined, () => {
    const touched = ws.recheck(paths);
    markFresh();
    publish(touched, paths);
  });
}

function schedule(path: string): void {
  const old = timers.get(path);
  if (old) clearTimeout(old);
  if (opts.debounceMs <= 0) {
    timers.delete(path);
    recheck([path]);
    return;
  }
  timers.set(path, setTimeout(() => {
    timers.delete(path);
    recheck([path]);
  }, opts.debounceMs));
}

/** Bring every edited document up to date before answering a request. */
function flush(): void {
  const dirty = [...ws.docs.values()].filter((d) => d.dirty).map((d) => d.path);
  if (!dirty.length) return;
  for (const p of dirty) {
    const t = timers.get(p);
    if (t) clearTimeout(t);
    timers.delete(p);
  }
  recheck(dirty);
}

// ── lifecycle ────────────────────────────────────────────────────────

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const io = (params.initializationOptions ?? {}) as Partial<Options>;
  opts = {
    debounceMs: typeof io.debounceMs === 'number' ? io.debounceMs : 150,
    verifyRuns: typeof io.verifyRuns === 'number' ? io.verifyRuns : 200,
    scanWorkspace: io.scanWorkspace !== false,
    warmUp: io.warmUp !== false,
    showsCommandResults: io.showsCommandResults === true,
    helpInMessage: io.helpInMessage === true,
    ...(io.today ? { today: io.today } : {}),
  };
  const folders = params.workspaceFolders?.map((f) => uris.toPath(f.uri)) ?? (params.rootUri ? [uris.toPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
  ws = new Workspace(folders.filter((f) => !/^[a-z][a-z0-9+.-]+:/i.test(f) || /^[a-zA-Z]:[\\/]/.test(f)));
  return {
    capabilities: {
      positionEncoding: 'utf-16',
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: ['（', '('], retriggerCharacters: ['，', ','] },
      completionProvider: { triggerCharacters: ['.', '．', '：', ':', '、', '，', ',', '「'] },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      semanticTokensProvider: { legend: LEGEND, full: true, range: true },
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: COMMANDS },
    },
    serverInfo: { name: 'zhengce-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  // (before the workspace: a warm-up after it left the first edit slower — 59 ms CPU instead of ~30 — in the
  // language server bench; messages wait for this handler, so it runs before the first edit either way)
  if (opts.warmUp) warmUp();
  if (opts.scanWorkspace && ws.roots.length) {
    guard('compileAll', undefined, () => {
      const t0 = performance.now();
      const touched = ws.compileAll();
      markFresh();
      publish(touched);
      log(`[zhengce] 已检查工作区：${ws.programs.size} 个程序，${(performance.now() - t0).toFixed(0)} 毫秒`);
    });
  }
});

// ── documents ────────────────────────────────────────────────────────

connection.onDidOpenTextDocument(({ textDocument: d }) => {
  const path = uris.remember(d.uri);
  if (isCaseFile(path)) {
    caseDocs.set(path, { uri: d.uri, text: d.text });
    return;
  }
  ws.open(d.uri, path, d.text, d.version);
  const sf = ws.sources.get(path);
  if (sf && sf.text === d.text && ws.programsOf(path).length) {
    ws.docs.get(path)!.dirty = false;
    publish([path], [path]);
  } else recheck([path]);
  prepareFormatting(path, d.version);
});

/**
 * Formatting prepared in idle time: an opened document's formatting edits, computed once when no edit came
 * within `FORMAT_IDLE_MS` after it opened — building its CST, cold, was most of the first request — kept
 * with the parse and the text they were made from. INVARIANT: a request answers them only for the very
 * parse `ws.cache` gives for the document's text now (they are `formatEdits` of it).
 */
const preparedFormatting = new WeakMap<object, { readonly text: string; readonly edits: TextEdit[] }>();
const FORMAT_IDLE_MS = 300;

function prepareFormatting(path: string, version: number): void {
  const t = setTimeout(() => guard('prepareFormatting', undefined, () => {
    const doc = ws.docs.get(path);
    if (!doc || doc.version !== version || doc.dirty) return;
    const parsed = ws.cache.get(path, doc.text);
    preparedFormatting.set(parsed, { text: doc.text, edits: formatEdits(parsed.value.source, parsed).value });
  }), FORMAT_IDLE_MS);
  t.unref();
}

connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
  guard('didChange', undefined, () => {
    const path = uris.toPath(d.uri);
    const cd = caseDocs.get(path);
    if (cd) {
      cd.text = applyContentChanges(cd.text, contentChanges);
      return;
    }
    const doc = ws.docs.get(path);
    if (!doc) return;
    // (the document's line index updated with the text: no scan of the whole text per edit)
    const index = applyChanges(ws.lineIndex(path)!, contentChanges);
    ws.update(path, index.text, d.version, index);
    withdrawVerification(path);
    schedule(path);
  });
});

connection.onDidCloseTextDocument(({ textDocument: d }) => {
  guard('didClose', undefined, () => {
    const path = uris.toPath(d.uri);
    if (caseDocs.delete(path)) return;
    const t = timers.get(path);
    if (t) clearTimeout(t);
    timers.delete(path);
    const doc = ws.docs.get(path);
    ws.close(path);
    published.delete(path);
    void connection.sendDiagnostics({ uri: doc?.uri ?? d.uri, diagnostics: [] });
    // the file reverts to its saved text: recheck what depends on it
    const disk = ws.host.readFile(path);
    const reverted = disk !== ws.sources.get(path)?.text;
    if (reverted) withdrawVerification(path);
    if (reverted) recheck([path]);
    ws.forget(path);
    // 核查 findings stay listed for a closed file whose text did not change
    if (verified.has(path)) sendVerified(path);
  });
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  guard('didChangeWatchedFiles', undefined, () => {
    // a file created or deleted can resolve or break an import anywhere: recompile all
    if (changes.some((c) => c.type !== FileChangeType.Changed)) {
      const touched = ws.compileAll();
      markFresh();
      publish(touched);
      return;
    }
    const paths = changes.map((c) => uris.toPath(c.uri)).filter((p) => !ws.docs.has(p));
    if (paths.length) recheck(paths);
  });
});

// ── requests ─────────────────────────────────────────────────────────

/** The line index of the text the compiler's spans for `path` refer to (its last compilation). */
function compiledIndex(path: string): LineIndex | undefined {
  const parsed = ws.parsed.get(path);
  return parsed ? ws.indexOf(parsed.source) : undefined;
}

connection.onHover(({ textDocument, position }) => guard('hover', null, () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const h = hoverAt(ws, path, offsetAt(path, position), todayDate(opts.today));
  if (!h) return null;
  return { contents: { kind: 'markdown', value: h.text }, range: rangeOf(path, h.start, h.end) };
}));

connection.onSignatureHelp(({ textDocument, position }) => guard('signatureHelp', null, () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const s = signatureAt(ws, path, offsetAt(path, position));
  if (!s) return null;
  return {
    signatures: [{
      label: s.label,
      documentation: s.documentation,
      parameters: s.parameters.map((p) => ({ label: [p.start, p.end] as [number, number], ...(p.documentation ? { documentation: p.documentation } : {}) })),
    }],
    activeSignature: 0,
    activeParameter: s.activeParameter,
  };
}));

connection.onCompletion(({ textDocument, position, context }) => guard('completion', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const index = compiledIndex(path);
  if (!index) return [];
  return toCompletionItems(complete(ws, path, index.offsetAt(position), context?.triggerCharacter), index);
}));

connection.onDefinition(({ textDocument, position }) => guard('definition', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  return definition(ws, path, offsetAt(path, position)).map((s) => toLocation(pos, s)).filter((l) => !!l);
}));

connection.onReferences(({ textDocument, position, context }) => guard('references', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  return references(ws, path, offsetAt(path, position), context.includeDeclaration).map((s) => toLocation(pos, s)).filter((l) => !!l);
}));

connection.onPrepareRename(({ textDocument, position }) => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const r = guard('prepareRename', undefined, () => prepareRename(ws, path, offsetAt(path, position)));
  if (!r) return null;
  if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
  const range = rangeOf(path, r.span.start, r.span.end);
  return range ? { range, placeholder: r.placeholder } : null;
});

connection.onRenameRequest(({ textDocument, position, newName }) => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const r = guard('rename', undefined, () => rename(ws, path, offsetAt(path, position), newName));
  if (!r) return null;
  if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
  return toWorkspaceEdit(pos, r.edits) ?? null;
});

connection.onDocumentSymbol(({ textDocument }) => guard('documentSymbol', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const index = compiledIndex(path);
  return index ? toDocumentSymbols(documentSymbols(ws, path), index) : [];
}));

connection.onWorkspaceSymbol(({ query }) => guard('workspaceSymbol', [], () => {
  flush();
  return toSymbolInformation(pos, workspaceSymbols(ws, query));
}));

connection.languages.semanticTokens.on(({ textDocument }) => guard('semanticTokens', { data: [] }, () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const index = compiledIndex(path);
  return { data: index ? encodeSemanticTokens(semanticTokens(ws, path), index) : [] };
}));

connection.languages.semanticTokens.onRange(({ textDocument, range }) => guard('semanticTokens/range', { data: [] }, () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const index = compiledIndex(path);
  if (!index) return { data: [] };
  return { data: encodeSemanticTokens(semanticTokens(ws, path, { start: index.offsetAt(range.start), end: index.offsetAt(range.end) }), index) };
}));

connection.onFoldingRanges(({ textDocument }) => guard('foldingRange', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const index = compiledIndex(path);
  return index ? toFoldingRanges(foldingRanges(ws, path), index) : [];
}));

connection.onDocumentFormatting(({ textDocument }) => guard('formatting', [], () => {
  const path = uris.toPath(textDocument.uri);
  const doc = ws.docs.get(path);
  const text = doc?.text ?? ws.textOf(path);
  if (text === undefined) return [];
  const index = doc ? ws.lineIndex(path)! : new LineIndex(text);
  // the parse of this text (with its CST, for an open document) — shared with the next compile
  const parsed = ws.cache.get(path, text);
  const ready = preparedFormatting.get(parsed);
  const edits = ready?.text === text ? ready.edits : formatEdits(parsed.value.source, parsed).value;
  if (!edits.length) {
    // not formatted (a syntax error): say why — clients show nothing for an empty answer (zhengce fmt prints ZC1001)
    const why = notFormattedReason(parsed.value.source, formatEdits(parsed.value.source, parsed));
    if (why !== undefined) connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: why });
  }
  return edits.map((e) => ({ range: index.range(e.span.start, e.span.end), newText: e.newText }));
}));

/** The running 核查 child, if any. */
let running: ChildProcess | undefined;

connection.onCodeAction(({ textDocument, range, context }) => guard('codeAction', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const index = compiledIndex(path);
  if (!index) return [];
  const diags = ws.diagnostics(path);
  const found = codeActions(ws, path, diags, index.offsetAt(range.start), index.offsetAt(range.end));
  // The diagnostics the client says the request is for (context.diagnostics) get their quick fixes too, even
  // where the range does not touch them: neovim 0.7's vim.lsp.buf.code_action() sends the cursor as the range
  // and every diagnostic of the cursor's line (with byte columns), so a fix was offered only with the cursor
  // on the squiggle. Matched by code and line.
  const named = diags.filter((d) => !found.some((a) => a.diagnostic === d) && context.diagnostics.some((x) => x.code === d.code && x.range.start.line === index.range(d.span.start, d.span.start).start.line));
  const actions = toCodeActions(pos, [...quickFixes(named, 0, Number.MAX_SAFE_INTEGER), ...found]);
  // INVARIANT: only the kinds the client asked for (`context.only`); VS Code drops, and
  // logs, any action of another kind.
  return actions.filter((a) => wantsKind(context.only, a.kind ?? ''));
}));

connection.onCodeLens(({ textDocument }) => guard('codeLens', [], () => {
  flush();
  const path = uris.toPath(textDocument.uri);
  const cd = caseDocs.get(path);
  if (cd) {
    const index = new LineIndex(cd.text);
    return caseLenses(cd.text, textDocument.uri, (s, e) => index.range(s, e));
  }
  const parsed = ws.parsed.get(path);
  if (!parsed) return [];
  const index = ws.indexOf(parsed.source);
  return codeLenses(parsed.ast, uris.toUri(path), (s, e) => index.range(s, e));
}));

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  try {
    flush();
    if (command === EXPLAIN_COMMAND) {
      const result = await explainCase(args ?? []);
      if (!opts.showsCommandResults) void connection.sendNotification(ShowMessageNotification.type, { type: result.ok ? MessageType.Info : MessageType.Warning, message: result.message });
      return result;
    }
    const [uri, measure] = (args ?? []) as [string, string];
    if (typeof uri !== 'string' || typeof measure !== 'string') return { ok: false, message: '命令参数应为（文档 URI，措施名称）' };
    const path = uris.toPath(uri);
    const program = ws.programsOf(path).find((p) => p.checked.measures.has(measure)) ?? ws.programsOf(path)[0];
    let result;
    if (command === EVAL_COMMAND) result = evalExample(program, measure, todayDate(opts.today));
    else if (command === VERIFY_COMMAND) {
      // the editor's buffers, saved or not, are what is verified
      const overlays: Record<string, string> = {};
      for (const d of ws.docs.values()) overlays[d.path] = d.text;
      running?.kill(); // a newer 核查 replaces a running one
      const run = await verifyMeasure(program, measure, { script: join(__dirname, 'verify.js'), overlays, runs: opts.verifyRuns, timeoutMs: 300_000, onChild: (c) => (running = c) });
      running = undefined;
      // findings refer to the verified text: show them only if nothing changed since
      const changed = Object.entries(overlays).some(([p, t]) => ws.docs.get(p)?.text !== undefined && ws.docs.get(p)!.text !== t);
      if (run.result.ok && program && !changed) showVerification(program.root, run.findings, run.texts);
      result = changed && run.result.ok ? { ...run.result, message: `${run.result.message}。（核查期间文件已修改，结果未列入“问题”面板，请重新核查）` } : run.result;
    } else return { ok: false, message: `未知命令：${command}` };
    if (!opts.showsCommandResults) void connection.sendNotification(ShowMessageNotification.type, { type: result.ok ? MessageType.Info : MessageType.Warning, message: result.message });
    return result;
  } catch (e) {
    logError('executeCommand', e);
    return { ok: false, message: `命令失败：${(e as Error).message}` };
  }
});

/** zhengce.explain [uri, index]: the case (index -1) or the scenario at `index` of an open YAML file. */
async function explainCase(args: unknown[]): Promise<{ ok: boolean; message: string; [k: string]: unknown }> {
  const [uri, index] = args as [string, number];
  if (typeof uri !== 'string' || typeof index !== 'number') return { ok: false, message: '命令参数应为（文档 URI，场景序号）' };
  const path = uris.toPath(uri);
  const text = caseDocs.get(path)?.text ?? ws.host.readFile(path);
  if (text === undefined) return { ok: false, message: `解释：无法读取“${path}”` };
  const c = caseAt(text, index);
  if (!c.ok) return c;
  // the policy: named by 政策 (its id), else the nearest policy whose directory holds the file
  const progs = ws.allPrograms().filter((p) => p.checked.policy);
  const idOf = (p: (typeof progs)[number]) => loweredOf(p)?.policy.id;
  const prog = c.value.policy !== undefined
    ? progs.find((p) => idOf(p) === c.value.policy || p.checked.policy?.decl.name?.text === c.value.policy)
    : progs.filter((p) => path.startsWith(dirname(p.root) + sep) || path.startsWith(dirname(dirname(p.root)) + sep)).sort((a, b) => b.root.length - a.root.length)[0];
  if (!prog) return { ok: false, message: c.value.policy !== undefined ? `解释：工作区中没有政策“${c.value.policy}”` : '解释：找不到此文件所属的政策（用“政策: 标识”指明）' };
  const overlays: Record<string, string> = {};
  for (const d of ws.docs.values()) overlays[d.path] = d.text;
  const date = c.value.date ?? formatIso(todayDate(opts.today));
  return explainInChild(prog.root, { ...c.value, date }, { script: join(__dirname, 'verify.js'), overlays, timeoutMs: 120_000 });
}

process.on('exit', () => running?.kill());
process.on('uncaughtException', (e) => logError('uncaughtException', e));
process.on('unhandledRejection', (e) => logError('unhandledRejection', e));

connection.listen();
