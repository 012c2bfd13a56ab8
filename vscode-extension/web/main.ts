/**
 * The playground page: Monaco editing a ZhengCe policy, with diagnostics, hover and
 * completion answered by the compiler in a Web Worker (worker.ts), and a panel
 * where a drafter fills in a case and sees the decisions of the interpreter.
 */
import * as monaco from 'monaco-editor';
import type { Decisions } from '../../compiler/interpret/decision.js';
import { decisionsSummary, decisionsTable, el } from './decisions.js';
import type { CompletionKind, EvalResult, Reply, Request, WireDiagnostic } from './protocol.js';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new Worker('editor.worker.js'),
};

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

const ready = new Promise<Extract<Reply, { type: 'ready' }>>((resolve) => {
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

// ── language definition ──────────────────────────────────────────────
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byLength = (a: string, b: string) => b.length - a.length;

function registerLanguage(keywords: readonly string[], glue: readonly string[], units: readonly string[]): void {
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
  } as monaco.languages.IMonarchLanguage);
  monaco.editor.defineTheme('zhengce', {
    base: 'vs', inherit: true,
    rules: [
      { token: 'keyword', foreground: '0b5cad', fontStyle: 'bold' },
      { token: 'keyword.operator', foreground: '8250df' },
      { token: 'variable.name', foreground: '116329' },
      { token: 'type.unit', foreground: 'bc4c00' },
      { token: 'number.date', foreground: '953800' },
      { token: 'comment', foreground: '6e7781', fontStyle: 'italic' },
    ],
    colors: {},
  });

  const kinds: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
    keyword: monaco.languages.CompletionItemKind.Keyword, unit: monaco.languages.CompletionItemKind.Unit,
    measure: monaco.languages.CompletionItemKind.Class, entity: monaco.languages.CompletionItemKind.Struct,
    field: monaco.languages.CompletionItemKind.Field, enum: monaco.languages.CompletionItemKind.Enum,
    enumMember: monaco.languages.CompletionItemKind.EnumMember, param: monaco.languages.CompletionItemKind.Constant,
    org: monaco.languages.CompletionItemKind.Module, outcome: monaco.languages.CompletionItemKind.Property,
    rule: monaco.languages.CompletionItemKind.Method, indicator: monaco.languages.CompletionItemKind.Variable,
    function: monaco.languages.CompletionItemKind.Function, other: monaco.languages.CompletionItemKind.Text,
  };

  monaco.languages.registerHoverProvider(LANG, {
    async provideHover(model, position) {
      flush(model);
      const r = await request<Extract<Reply, { type: 'hover' }>>((id) => ({ type: 'hover', id, line: position.lineNumber, column: position.column }));
      if (!r.hover) return null;
      return { range: r.hover.range, contents: r.hover.contents.map((value) => ({ value })) };
    },
  });
  monaco.languages.registerCompletionItemProvider(LANG, {
    triggerCharacters: ['.', '．', '「'],
    async provideCompletionItems(model, position) {
      flush(model);
      const r = await request<Extract<Reply, { type: 'complete' }>>((id) => ({ type: 'complete', id, line: position.lineNumber, column: position.column }));
      const w = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: w.startColumn, endColumn: w.endColumn };
      return {
        suggestions: r.items.map((it, i) => ({
          label: it.label, kind: kinds[it.kind], insertText: it.insertText, range, sortText: String(i).padStart(5, '0'),
          ...(it.detail ? { detail: it.detail } : {}), ...(it.documentation ? { documentation: it.documentation } : {}),
          filterText: it.insertText,
        })),
      };
    },
  });
}

// ── diagnostics ──────────────────────────────────────────────────────
let editor: monaco.editor.IStandaloneCodeEditor | undefined;
let sentVersion = -1;
let timer: ReturnType<typeof setTimeout> | undefined;

function setStatus(text: string, cls: 'ok' | 'error' | '' = ''): void {
  const el = $('status');
  el.textContent = text;
  el.className = cls;
}

function flush(model: monaco.editor.ITextModel): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const v = model.getVersionId();
  if (v === sentVersion) return;
  sentVersion = v;
  send({ type: 'update', version: v, text: model.getValue() });
}

const SEVERITY: Record<WireDiagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info, hint: monaco.MarkerSeverity.Hint,
};

function onDiagnostics(version: number, ds: WireDiagnostic[], millis: number): void {
  const model = editor?.getModel();
  if (!model || version !== model.getVersionId()) return; // a newer text is on its way
  monaco.editor.setModelMarkers(model, 'zhengce', ds.map((d) => ({
    ...d.range,
    severity: SEVERITY[d.severity],
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
  家庭: { 子女数: 2, 夫妻至少一方户籍在本县: true },
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

async function runEvaluation(): Promise<void> {
  let facts: unknown;
  try {
    facts = JSON.parse($<HTMLTextAreaElement>('facts').value);
  } catch (e) {
    renderProblems('事实不是有效的 JSON', [e instanceof Error ? e.message : String(e)]);
    return;
  }
  const model = editor?.getModel();
  if (model) flush(model);
  const date = $<HTMLInputElement>('date').value;
  const r = await request<Extract<Reply, { type: 'evaluate' }>>((id) => ({ type: 'evaluate', id, facts, date }));
  const res: EvalResult = r.result;
  if (res.ok) renderDecisions(res.decisions);
  else if (res.kind === 'input') renderProblems(`输入数据有 ${res.problems.length} 处问题`, res.problems.map((p) => `${p.路径}：期望${p.期望}，实际为 ${p.实际}`));
  else renderProblems('无法求值', res.messages);
}

// ── start ────────────────────────────────────────────────────────────
async function start(): Promise<void> {
  const info = await ready;
  registerLanguage(info.keywords, info.glueKeywords, info.units);
  $('file').textContent = info.path.split('/').pop() ?? info.path;
  const model = monaco.editor.createModel(info.text, LANG, monaco.Uri.file(info.path));
  editor = monaco.editor.create($('editor'), {
    model, theme: 'zhengce', automaticLayout: true, fontSize: 14, lineHeight: 22,
    fontFamily: "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', monospace",
    minimap: { enabled: false }, stickyScroll: { enabled: false }, wordWrap: 'on', unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false },
    hover: { delay: 200 }, quickSuggestions: { other: true, comments: false, strings: false }, renderWhitespace: 'none',
  });
  model.onDidChangeContent(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => flush(model), 250);
  });
  flush(model);
  $<HTMLTextAreaElement>('facts').value = JSON.stringify(SAMPLE_FACTS, null, 2);
  $('run').addEventListener('click', () => void runEvaluation());
  (window as unknown as { playground: unknown }).playground = { monaco, editor, model };
  document.body.dataset.ready = 'true';
}

void start();
