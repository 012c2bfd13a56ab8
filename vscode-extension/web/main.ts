/**
 * The playground page: Monaco (the AMD build with its own zh-cn messages, loaded by
 * vs/loader.js) editing a ZhengCe policy, with diagnostics, hover, completion, go to
 * definition, references, rename, quick fixes, formatting, outline and folding answered by the compiler's
 * editor services in a Web Worker (worker.ts); and a resizable panel where a drafter
 * fills in a case — in a form generated from the policy's input JSON Schema
 * (@json-editor/json-editor) or as raw JSON — and sees the interpreter's decisions.
 */
import type * as Monaco from 'monaco-editor';
import { JSONEditor } from '@json-editor/json-editor';
import type { Decisions } from '../../compiler/interpret/decision.js';
import { decisionsSummary, decisionsTable, el } from './decisions.js';
import type { CompletionKind, DeclKind, EvalResult, Reply, Request, WireDiagnostic, WireRange, WireSymbol } from './protocol.js';

type AmdRequire = (deps: string[], ok: (...mods: unknown[]) => void, err?: (e: unknown) => void) => void;
let monaco: typeof Monaco;

const LANG = 'zhengce';
const worker = new Worker('worker.js');
let nextId = 1;
const pending = new Map<number, (r: Reply) => void>();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function send(r: Request): void {
  worker.postMessage(r);
}
function request<R extends Reply>(make: (id: number) => Request): Promise<R> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve as (r: Reply) => void);
    send(make(id));
  });
}
type ReplyOf<T extends Reply['type']> = Extract<Reply, { type: T }>;

const ready = new Promise<ReplyOf<'ready'>>((resolve) => {
  worker.onmessage = (ev: MessageEvent<Reply>) => {
    const m = ev.data;
    if (m.type === 'ready') resolve(m);
    else if (m.type === 'diagnostics') onDiagnostics(m.version, m.diagnostics, m.millis);
    else {
      const cb = pending.get(m.id);
      pending.delete(m.id);
      cb?.(m);
    }
  };
});
worker.onerror = (e) => setStatus(`编译器加载失败：${e.message}`, 'error');

/** Monaco from the AMD build (vs/loader.js is loaded by index.html with the zh-cn locale). */
function loadMonaco(): Promise<typeof Monaco> {
  const req = (globalThis as unknown as { require: AmdRequire }).require;
  return new Promise((resolve, reject) => req(['vs/editor/editor.main'], () => resolve((globalThis as unknown as { monaco: typeof Monaco }).monaco), reject));
}

/** Fired when the worker has compiled the editor's current text (its diagnostics arrived): semantic tokens are asked again. */
const compiled = (() => {
  const listeners = new Set<() => void>();
  return {
    fire: () => { for (const l of listeners) l(); },
    event: (l: () => void) => { listeners.add(l); return { dispose: () => listeners.delete(l) }; },
  };
})();

// ── language definition ──────────────────────────────────────────────
/**
 * The theme's colours of the semantic token types (the language server's legend, TOKEN_TYPES): an entity
 * and an enum as types, a field or outcome as a property, a measure as a function, a rule as a method, a
 * clause number as a label, a 性质 or 存疑 as an event; a number's unit and a date as the Monarch tokens'.
 */
const SEMANTIC_COLOURS: Monaco.editor.ITokenThemeRule[] = [
  { token: 'class', foreground: '267f99' }, { token: 'enum', foreground: '267f99' }, { token: 'type', foreground: '267f99' },
  { token: 'namespace', foreground: '267f99' }, { token: 'enumMember', foreground: '0070c1' }, { token: 'property', foreground: '001080' },
  { token: 'parameter', foreground: '9a3412' }, { token: 'variable', foreground: '116329' }, { token: 'function', foreground: '795e26' },
  { token: 'method', foreground: '795e26', fontStyle: 'italic' }, { token: 'label', foreground: '6639ba' }, { token: 'event', foreground: 'af00db' },
  { token: 'string', foreground: 'a31515' }, { token: 'number', foreground: '098658' }, { token: 'number.unit', foreground: 'bc4c00' },
  { token: 'number.date', foreground: '953800' }, { token: 'operator', foreground: '8250df' },
];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;

function registerLanguage(keywords: readonly string[], glue: readonly string[], units: readonly string[], tokenLegend: ReplyOf<'ready'>['legend']): void {
  monaco.languages.register({ id: LANG, extensions: ['.zc'], aliases: ['ZhengCe 政策', 'zhengce'] });
  monaco.languages.setLanguageConfiguration(LANG, {
    comments: { lineComment: '#' },
    brackets: [['{', '}'], ['（', '）'], ['(', ')'], ['「', '」'], ['【', '】']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '（', close: '）' }, { open: '(', close: ')' }, { open: '"', close: '"' }, { open: '「', close: '」' }, { open: '【', close: '】' }],
    surroundingPairs: [{ open: '「', close: '」' }, { open: '"', close: '"' }],
    wordPattern: /「[^「」\n]*」?|【[^【】\n]*】?|[A-Za-z_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|\d+(?:\.\d+)?/,
  });
  const glueRe = [...glue].sort(byLength).map(esc).join('|');
  const unitRe = [...units].sort(byLength).map(esc).join('|');
  const numeral = '零〇一二三四五六七八九十百千万亿两';
  const numeralKw = keywords.filter((k) => numeral.includes(k[0]!) && !glue.includes(k)).sort(byLength).map(esc).join('|');
  const nameChar = `[A-Za-z_\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]`;
  monaco.languages.setMonarchTokensProvider(LANG, {
    keywords: keywords.filter((k) => !glue.includes(k)),
    brackets: [
      { open: '{', close: '}', token: 'delimiter.curly' }, { open: '｛', close: '｝', token: 'delimiter.curly' },
      { open: '(', close: ')', token: 'delimiter.parenthesis' }, { open: '（', close: '）', token: 'delimiter.parenthesis' },
    ],
    tokenizer: {
      root: [
        [/[#＃].*$/, 'comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/"([^"\\]|\\.)*$/, 'string.invalid'],
        [/「[^「」\n]*」|【[^【】\n]*】/, 'variable.name'],
        [/「[^「」\n]*$|【[^【】\n]*$/, 'invalid'],
        [/\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}/, 'number.date'],
        // Operator words and keywords that begin with a numeral (一次性) before numbers.
        [new RegExp(`(?:${glueRe})`), 'keyword.operator'],
        ...(numeralKw ? [[new RegExp(`(?:${numeralKw})`), 'keyword'] as [RegExp, string]] : []),
        [new RegExp(`(\\d+(?:\\.\\d+)?[万]?|[${numeral}]+)(${unitRe})`), ['number', 'type.unit']],
        [/\d+(?:\.\d+)?万?/, 'number'],
        [new RegExp(`[${numeral}]+`), 'number'],
        [new RegExp(`(?:(?!${glueRe})${nameChar})+`), { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/[≥≤≠=<>+\-×÷*/—～~%％‰]/, 'operator'],
        [/[{}（）()｛｝]/, '@brackets'],
        [/[:：,，、;；。.．·]/, 'delimiter'],
      ],
    },
  } as Monaco.languages.IMonarchLanguage);
  monaco.editor.defineTheme('zhengce', {
    base: 'vs', inherit: true,
    rules: [
      { token: 'keyword', foreground: '0b5cad', fontStyle: 'bold' },
      { token: 'keyword.operator', foreground: '8250df' },
      { token: 'variable.name', foreground: '116329' },
      { token: 'type.unit', foreground: 'bc4c00' },
      { token: 'number.date', foreground: '953800' },
      { token: 'comment', foreground: '6e7781', fontStyle: 'italic' },
      // semantic tokens (compiler/services/semantic-tokens.ts: a name coloured by what it is); Monaco looks a
      // token up as its type then its modifiers (`number.unit`), each rule by prefix
      ...SEMANTIC_COLOURS,
    ],
    colors: {},
  });

  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<CompletionKind, Monaco.languages.CompletionItemKind> = {
    keyword: K.Keyword, unit: K.Unit, entity: K.Struct, field: K.Field, enum: K.Enum, enumMember: K.EnumMember, param: K.Constant,
    indicator: K.Variable, measure: K.Class, outcome: K.Property, rule: K.Method, org: K.Module, reading: K.EnumMember,
    function: K.Function, variable: K.Variable, clauseNumber: K.Reference,
  };
  const S = monaco.languages.SymbolKind;
  const symbolKinds: Record<DeclKind, Monaco.languages.SymbolKind> = {
    import: S.File, policy: S.File, enum: S.Enum, enumMember: S.EnumMember, entity: S.Class, field: S.Field, param: S.Constant, org: S.Module,
    clause: S.Namespace, measure: S.Function, outcome: S.Property, rule: S.Method, qualitative: S.String, doubt: S.Event, reading: S.EnumMember,
    indicator: S.Variable, property: S.Boolean, definition: S.Variable, assumption: S.Boolean,
  };

  monaco.languages.registerHoverProvider(LANG, {
    async provideHover(model, position) {
      if (!isMain(model)) return null;
      flush(model);
      const r = await request<ReplyOf<'hover'>>((id) => ({ type: 'hover', id, line: position.lineNumber, column: position.column }));
      if (!r.hover) return null;
      return { range: r.hover.range, contents: r.hover.contents.map((value) => ({ value })) };
    },
  });
  monaco.languages.registerSignatureHelpProvider(LANG, {
    signatureHelpTriggerCharacters: ['（', '('],
    signatureHelpRetriggerCharacters: ['，', ','],
    async provideSignatureHelp(model, position) {
      if (!isMain(model)) return null;
      flush(model);
      const r = await request<ReplyOf<'signature'>>((id) => ({ type: 'signature', id, line: position.lineNumber, column: position.column }));
      const s = r.signature;
      if (!s) return null;
      return {
        value: {
          signatures: [{ label: s.label, documentation: s.documentation, parameters: s.parameters.map((p) => ({ label: [p.start, p.end] as [number, number], ...(p.documentation ? { documentation: p.documentation } : {}) })) }],
          activeSignature: 0,
          activeParameter: s.activeParameter,
        },
        dispose() {},
      };
    },
  });
  monaco.languages.registerCompletionItemProvider(LANG, {
    triggerCharacters: ['.', '．', '：', ':', '、', '，', ',', '「'],
    async provideCompletionItems(model, position, context) {
      if (!isMain(model)) return { suggestions: [] };
      flush(model);
      const r = await request<ReplyOf<'complete'>>((id) => ({ type: 'complete', id, line: position.lineNumber, column: position.column, ...(context.triggerCharacter ? { trigger: context.triggerCharacter } : {}) }));
      // the service's range: the word being typed (and an auto-closed 」 after the cursor)
      return {
        suggestions: r.items.map((it) => ({
          label: it.label, kind: kinds[it.kind], detail: it.detail, sortText: it.sortText, filterText: it.filterText,
          insertText: it.insertText, range: r.range,
          ...(it.snippet ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet } : {}),
          ...(it.documentation ? { documentation: it.documentation } : {}), ...(it.preselect ? { preselect: true } : {}),
        })),
      };
    },
  });
  monaco.languages.registerDefinitionProvider(LANG, {
    async provideDefinition(model, position) {
      if (!isMain(model)) return [];
      flush(model);
      const r = await request<ReplyOf<'definition'>>((id) => ({ type: 'definition', id, line: position.lineNumber, column: position.column }));
      return r.locations.map((l) => ({ uri: monaco.Uri.file(l.path), range: l.range }));
    },
  });
  monaco.languages.registerReferenceProvider(LANG, {
    async provideReferences(model, position) {
      if (!isMain(model)) return [];
      flush(model);
      const r = await request<ReplyOf<'references'>>((id) => ({ type: 'references', id, line: position.lineNumber, column: position.column }));
      return r.ranges.map((range) => ({ uri: model.uri, range }));
    },
  });
  monaco.languages.registerRenameProvider(LANG, {
    async provideRenameEdits(model, position, newName) {
      if (!isMain(model)) return { edits: [], rejectReason: '导入的示例文件在这里只读' };
      flush(model);
      const r = await request<ReplyOf<'rename'>>((id) => ({ type: 'rename', id, line: position.lineNumber, column: position.column, newName }));
      if (r.error !== undefined) {
        // standalone Monaco only logs a rejected rename: show the reason at the cursor, as VS Code does
        (editor?.getContribution('editor.contrib.messageController') as unknown as { showMessage(m: string, p: Monaco.IPosition): void } | null)?.showMessage(r.error, position);
        return { edits: [], rejectReason: r.error };
      }
      const versionId = model.getVersionId();
      return { edits: (r.edits ?? []).map((e) => ({ resource: model.uri, textEdit: { range: e.range, text: e.text }, versionId })) };
    },
  });
  monaco.languages.registerCodeActionProvider(LANG, {
    async provideCodeActions(model, range) {
      if (!isMain(model)) return { actions: [], dispose() {} };
      flush(model);
      const r = await request<ReplyOf<'actions'>>((id) => ({ type: 'actions', id, range: { startLineNumber: range.startLineNumber, startColumn: range.startColumn, endLineNumber: range.endLineNumber, endColumn: range.endColumn } }));
      const markers = monaco.editor.getModelMarkers({ owner: 'zhengce', resource: model.uri });
      const versionId = model.getVersionId();
      const same = (m: Monaco.editor.IMarkerData, d: { code: string; range: WireRange }) => m.code === d.code && m.startLineNumber === d.range.startLineNumber && m.startColumn === d.range.startColumn;
      return {
        actions: r.actions.map((a) => ({
          title: a.title, kind: a.kind,
          ...(a.diagnostic ? { diagnostics: markers.filter((m) => same(m, a.diagnostic!)) } : {}),
          ...(a.isPreferred !== undefined ? { isPreferred: a.isPreferred } : {}),
          edit: { edits: a.edits.map((e) => ({ resource: model.uri, textEdit: { range: e.range, text: e.text }, versionId })) },
        })),
        dispose() {},
      };
    },
  }, { providedCodeActionKinds: ['quickfix', 'refactor.rewrite'] });
  monaco.languages.registerDocumentFormattingEditProvider(LANG, {
    async provideDocumentFormattingEdits(model) {
      if (!isMain(model)) return [];
      flush(model);
      const r = await request<ReplyOf<'format'>>((id) => ({ type: 'format', id }));
      // not formatted (a syntax error): say why at the cursor, as the language server does with a message
      if (r.error !== undefined) (editor?.getContribution('editor.contrib.messageController') as unknown as { showMessage(m: string, p: Monaco.IPosition): void } | null)?.showMessage(r.error, editor!.getPosition()!);
      return r.edits.map((e) => ({ range: e.range, text: e.text }));
    },
  });
  const toSymbols = (xs: readonly WireSymbol[]): Monaco.languages.DocumentSymbol[] => xs.map((x) => ({
    name: x.name, detail: x.detail, kind: symbolKinds[x.kind], tags: [], range: x.range, selectionRange: x.selectionRange, children: toSymbols(x.children),
  }));
  monaco.languages.registerDocumentSymbolProvider(LANG, {
    async provideDocumentSymbols(model) {
      if (!isMain(model)) return [];
      flush(model);
      return toSymbols((await request<ReplyOf<'symbols'>>((id) => ({ type: 'symbols', id }))).symbols);
    },
  });
  // semantic tokens: the language server's (compiler/services), so a name is coloured by what it is — a field
  // as a property, an entity as a type — not only as Monarch's keywords and identifiers
  // — asked for the text the worker last compiled (no update sent from here: Monaco asks on every change, and
  // an update per request recompiled and re-published the markers under an open hover); asked again when a new
  // compile's diagnostics arrive (`compiled`)
  const legend = { tokenTypes: [...tokenLegend.tokenTypes], tokenModifiers: [...tokenLegend.tokenModifiers] };
  monaco.languages.registerDocumentSemanticTokensProvider(LANG, {
    getLegend: () => legend,
    onDidChange: compiled.event,
    async provideDocumentSemanticTokens(model) {
      const r = await request<ReplyOf<'semanticTokens'>>((id) => ({ type: 'semanticTokens', id, path: model.uri.path }));
      return { data: new Uint32Array(r.data) };
    },
    releaseDocumentSemanticTokens() {},
  });
  monaco.languages.registerFoldingRangeProvider(LANG, {
    async provideFoldingRanges(model) {
      if (!isMain(model)) return [];
      flush(model);
      const r = await request<ReplyOf<'folding'>>((id) => ({ type: 'folding', id }));
      const FK = monaco.languages.FoldingRangeKind;
      return r.ranges.map((f) => ({ start: f.start, end: f.end, ...(f.kind === 'comment' ? { kind: FK.Comment } : f.kind === 'imports' ? { kind: FK.Imports } : {}) }));
    },
  });
}

// ── diagnostics ──────────────────────────────────────────────────────
let editor: Monaco.editor.IStandaloneCodeEditor | undefined;
/**
 * The edited file. INVARIANT: the worker answers about this model only — every provider returns
 * nothing for an imported file shown read-only (`show`), whose positions are not the edited file's.
 */
let mainModel: Monaco.editor.ITextModel | undefined;
const isMain = (m: Monaco.editor.ITextModel): boolean => m === mainModel;
let mainView: Monaco.editor.ICodeEditorViewState | null = null;

/** Show `target` in the editor: an imported file read-only (at a definition), or the edited file again. */
function show(target: Monaco.editor.ITextModel, at?: Monaco.IRange | Monaco.IPosition): void {
  const ed = editor!;
  const main = target === mainModel;
  if (ed.getModel() === mainModel && !main) mainView = ed.saveViewState();
  ed.setModel(target);
  ed.updateOptions({ readOnly: !main });
  if (main && mainView) ed.restoreViewState(mainView);
  if (at) {
    const r = 'startLineNumber' in at ? at : { startLineNumber: at.lineNumber, startColumn: at.column, endLineNumber: at.lineNumber, endColumn: at.column };
    ed.setSelection(r);
    ed.revealRangeInCenter(r);
  }
  const name = (m: Monaco.editor.ITextModel) => decodeURIComponent(m.uri.path).split('/').pop() ?? '';
  $('file').textContent = main ? name(target) : `${name(target)}（只读）`;
  const back = $<HTMLButtonElement>('back');
  back.textContent = `← 返回 ${name(mainModel!)}`;
  back.hidden = main;
  ed.focus();
}
let sentVersion = -1;
let timer: ReturnType<typeof setTimeout> | undefined;

function setStatus(text: string, cls: 'ok' | 'error' | '' = ''): void {
  const el = $('status');
  el.textContent = text;
  el.className = cls;
}

function flush(model: Monaco.editor.ITextModel): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const v = model.getVersionId();
  if (v === sentVersion) return;
  sentVersion = v;
  send({ type: 'update', version: v, text: model.getValue() });
}

const severityOf = (s: WireDiagnostic['severity']): Monaco.MarkerSeverity => ({
  error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info, hint: monaco.MarkerSeverity.Hint,
})[s];

function onDiagnostics(version: number, ds: WireDiagnostic[], millis: number): void {
  const model = mainModel;
  if (!model || version !== model.getVersionId()) return; // a newer text is on its way
  compiled.fire();
  monaco.editor.setModelMarkers(model, 'zhengce', ds.map((d) => ({
    ...d.range,
    severity: severityOf(d.severity),
    message: `${d.code} ${d.message}${d.help ? `\n提示：${d.help}` : ''}`,
    code: d.code,
    source: 'zhengce',
  })));
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.filter((d) => d.severity === 'warning').length;
  setStatus(errors || warnings ? `${errors} 个错误，${warnings} 个警告（编译 ${millis} 毫秒）` : `没有问题（编译 ${millis} 毫秒）`, errors ? 'error' : 'ok');
  $('status').dataset.version = String(version);
}

// ── decisions panel ──────────────────────────────────────────────────
const SAMPLE_FACTS = {
  // facts read off documents (户口簿…); 「夫妻至少一方户籍在本县」 is the sample's definition, derived from them
  家庭: { 子女数: 2, 丈夫户籍在本县: true, 妻子户籍在本县: false },
  婴幼儿: { 出生日期: '2023-10-15', 户籍在本县: true, 入托机构已备案: true },
};

function renderDecisions(d: Decisions): void {
  $('summary').textContent = decisionsSummary(d);
  $('result').replaceChildren(decisionsTable(d.决定));
}

function renderProblems(title: string, lines: readonly string[]): void {
  $('summary').textContent = title;
  const div = el('div', lines.join('\n'), 'problems');
  div.id = 'problems';
  $('result').replaceChildren(div);
}

// ── facts: a form from the JSON Schema, or raw JSON ──────────────────
type FormEditor = { getValue(): unknown; setValue(v: unknown): void; on(ev: string, cb: () => void): void; destroy(): void };
let form: FormEditor | undefined;
let factsMode: 'form' | 'json' = 'form';

/**
 * What the form says above its fields: the case's facts in a drafter's words — the schema's own
 * description names the generated module's `evaluate()`, which a drafter filling in a case never calls.
 */
const FORM_DESCRIPTION = '本个案的事实：按“实体 → 字段”填写。实体与字段均可不填（缺少的事实为未知）；实体选“不存在”表示没有该实体。';

/**
 * The schema as json-editor shows it: titles are the names; 是否 as 是/否 (its choices and its
 * description, which the schema writes for developers as “true / false”); the root's description
 * FORM_DESCRIPTION; every field optional (opt-in).
 */
function formSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const walk = (s: Record<string, unknown>, title?: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...s };
    delete out['$schema'];
    if (title !== undefined) out['title'] = title;
    if (s['type'] === 'boolean') {
      out['enum'] = [true, false];
      out['options'] = { enum_titles: ['是', '否'] };
      if (typeof s['description'] === 'string') out['description'] = s['description'].replace(/true\s*\/\s*false/g, '是 / 否');
    }
    const props = s['properties'] as Record<string, Record<string, unknown>> | undefined;
    if (props) out['properties'] = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, walk(v, k)]));
    const items = s['items'] as Record<string, unknown> | undefined;
    if (items && typeof items === 'object') out['items'] = walk(items);
    // an entity is its fields or "不存在": json-editor's switcher shows each choice's title (else
    // its JSON type, “object” / “string”), and the fields inside need the same treatment
    for (const key of ['anyOf', 'oneOf'] as const) {
      const alts = s[key] as Record<string, unknown>[] | undefined;
      if (Array.isArray(alts)) {
        out[key] = alts.map((a) => walk(a, a['title'] as string | undefined ?? (a['type'] === 'object' ? '填写事实' : Array.isArray(a['enum']) && a['enum'].length === 1 ? String(a['enum'][0]) : undefined)));
      }
    }
    return out;
  };
  return { ...walk(schema, '事实'), description: FORM_DESCRIPTION };
}

/** Drop what the form holds but the user did not opt in to (json-editor gives undefined / empty objects). */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined && p !== '') out[k] = p;
    }
    return out;
  }
  return v;
}

async function buildForm(initial: unknown): Promise<void> {
  const r = await request<ReplyOf<'schema'>>((id) => ({ type: 'schema', id }));
  form?.destroy();
  form = undefined;
  const host = $('facts-form');
  host.replaceChildren();
  if (!r.schema) {
    host.textContent = '政策有错误或没有“政策”声明，无法生成表单；请先修正，或改用 JSON 填写。';
    return;
  }
  const ed: FormEditor = new JSONEditor(host, {
    schema: formSchema(r.schema), theme: 'html', iconlib: null, show_opt_in: true, show_errors: 'never', required_by_default: false,
    disable_collapse: true, disable_edit_json: true, disable_properties: true, disable_array_delete_all_rows: true, disable_array_delete_last_row: true,
    prompt_before_delete: false, no_additional_properties: true, startval: initial,
  });
  form = ed;
  localizeHiddenLabels(host);
  ed.on('change', () => {
    localizeHiddenLabels(host); // (rows added to a list bring new labels)
    if (factsMode === 'form') $<HTMLTextAreaElement>('facts').value = JSON.stringify(prune(ed.getValue()), null, 2);
  });
}

/**
 * json-editor's hidden labels — what a screen reader says for a field's opt-in checkbox and an
 * entity's switcher — are its form names: `root[家庭][子女数]-opt-in`, `root[家庭] switcher`. In Chinese:
 * 填写“家庭.子女数”, “家庭”的填写方式.
 */
function localizeHiddenLabels(host: HTMLElement): void {
  for (const label of host.querySelectorAll('label')) {
    const m = /^root((?:\[[^\]]*\])*)(?:[- ]opt-in| switcher)$/.exec(label.textContent ?? '');
    if (!m) continue;
    const path = [...m[1]!.matchAll(/\[([^\]]*)\]/g)].map((x) => (/^\d+$/.test(x[1]!) ? `第${Number(x[1]) + 1}项` : x[1])).join('.') || '事实';
    label.textContent = label.textContent!.endsWith('switcher') ? `“${path}”的填写方式` : `填写“${path}”`;
  }
}

function setFactsMode(mode: 'form' | 'json'): void {
  if (mode === factsMode) return;
  if (mode === 'form') {
    try {
      form?.setValue(JSON.parse($<HTMLTextAreaElement>('facts').value));
    } catch {
      // invalid JSON stays in the JSON tab; the form keeps its values
    }
  } else if (form) $<HTMLTextAreaElement>('facts').value = JSON.stringify(prune(form.getValue()), null, 2);
  factsMode = mode;
  $('facts-form').hidden = mode !== 'form';
  $('facts').hidden = mode !== 'json';
  $('tab-form').setAttribute('aria-selected', String(mode === 'form'));
  $('tab-json').setAttribute('aria-selected', String(mode === 'json'));
}

async function runEvaluation(): Promise<void> {
  let facts: unknown;
  if (factsMode === 'form' && form) facts = prune(form.getValue());
  else {
    try {
      facts = JSON.parse($<HTMLTextAreaElement>('facts').value);
    } catch (e) {
      renderProblems('事实不是有效的 JSON', [e instanceof Error ? e.message : String(e)]);
      return;
    }
  }
  if (mainModel) flush(mainModel);
  const date = $<HTMLInputElement>('date').value;
  const r = await request<ReplyOf<'evaluate'>>((id) => ({ type: 'evaluate', id, facts, date }));
  const res: EvalResult = r.result;
  if (res.ok) renderDecisions(res.decisions);
  else if (res.kind === 'input') renderProblems(`输入数据有 ${res.problems.length} 处问题`, res.problems.map((p) => `${p.路径}：期望${p.期望}，实际为 ${p.实际}`));
  else renderProblems('无法求值', res.messages);
}

// ── resizable panel ──────────────────────────────────────────────────
function splitter(): void {
  const bar = $('splitter');
  const panel = $('panel');
  const set = (w: number) => {
    const max = Math.max(280, document.body.clientWidth - 320);
    panel.style.flexBasis = `${Math.round(Math.min(max, Math.max(280, w)))}px`;
  };
  bar.addEventListener('pointerdown', (e) => {
    bar.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => set(document.body.clientWidth - ev.clientX);
    const up = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  });
  bar.addEventListener('keydown', (e) => {
    const w = panel.getBoundingClientRect().width;
    if (e.key === 'ArrowLeft') set(w + 20);
    else if (e.key === 'ArrowRight') set(w - 20);
  });
}

// ── start ────────────────────────────────────────────────────────────
async function start(): Promise<void> {
  const [info, m] = await Promise.all([ready, loadMonaco()]);
  monaco = m;
  registerLanguage(info.keywords, info.glueKeywords, info.units, info.legend);
  $('file').textContent = info.path.split('/').pop() ?? info.path;
  const model = monaco.editor.createModel(info.text, LANG, monaco.Uri.file(info.path));
  mainModel = model;
  for (const f of info.imports) monaco.editor.createModel(f.text, LANG, monaco.Uri.file(f.path));
  editor = monaco.editor.create($('editor'), {
    model, theme: 'zhengce', automaticLayout: true, fontSize: 14, lineHeight: 22,
    fontFamily: "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace",
    minimap: { enabled: false }, stickyScroll: { enabled: false }, wordWrap: 'on', unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
    hover: { delay: 200 }, quickSuggestions: { other: true, comments: false, strings: false }, renderWhitespace: 'none',
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode }, 'semanticHighlighting.enabled': true,
  });
  model.onDidChangeContent(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => flush(model), 250);
  });
  flush(model);
  // switching models cancels requests still pending for the old one (Monaco's CancellationError,
  // name and message “Canceled”): expected, and nobody awaits them — not an error of the page
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason as { name?: string; message?: string } | undefined;
    if (r?.name === 'Canceled' && r.message === 'Canceled') e.preventDefault();
  });
  // go to definition into an imported file: standalone Monaco opens no other editor — show it here
  monaco.editor.registerEditorOpener({
    openCodeEditor(source, resource, at) {
      const target = monaco.editor.getModel(resource);
      if (!target || source !== editor) return false;
      show(target, at);
      return true;
    },
  });
  $('back').addEventListener('click', () => show(model));
  $<HTMLTextAreaElement>('facts').value = JSON.stringify(SAMPLE_FACTS, null, 2);
  $('run').addEventListener('click', () => void runEvaluation());
  $('tab-form').addEventListener('click', () => setFactsMode('form'));
  $('tab-json').addEventListener('click', () => setFactsMode('json'));
  splitter();
  await buildForm(SAMPLE_FACTS);
  (window as unknown as { playground: unknown }).playground = { monaco, editor, model, form: () => form };
  document.body.dataset.ready = 'true';
}

void start();
