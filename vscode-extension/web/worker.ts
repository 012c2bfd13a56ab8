/**
 * The playground's compiler worker: holds the edited policy plus the sample files it
 * imports (类型.zc, 参数.yaml, source.txt) in a memory host, recompiles on every
 * update (the page debounces), and answers diagnostics, hover, completion and
 * evaluation requests. Runs the real compiler (compiler/…) bundled for the browser.
 */
import { compile, memoryHost, ParseCache, SourceFile, KEYWORDS, UNIT_WORDS, GLUE_KEYWORDS, type CompileResult, type CompiledProgram, type Diagnostic } from '../../compiler/index.js';
import type { Sym, ClauseInfo } from '../../compiler/semantics/model.js';
import { typeToString } from '../../compiler/semantics/model.js';
import { kindName } from '../../compiler/semantics/binder.js';
import { FUNCTIONS, EVAL_DATE } from '../../compiler/semantics/builtins.js';
import { NUMERAL_CHARS } from '../../compiler/syntax/tokens.js';
import type * as A from '../../compiler/syntax/ast.js';
import { lower } from '../../compiler/ir/lower.js';
import type { ProgramSet } from '../../compiler/services/program-set.js';
import { nameAt } from '../../compiler/services/symbols.js';
import { hoverText, todayDate, clauseOf as servicesClauseOf } from '../../compiler/services/hover.js';
import { writeName } from '../../compiler/services/names.js';
import { evaluate } from '../../compiler/interpret/interpreter.js';
import { InputError } from '../../compiler/interpret/decision.js';
import { MAIN, FILES } from 'virtual:sample-policy';
import type { CompletionKind, EvalResult, Reply, Request, WireCompletion, WireDiagnostic, WireHover, WireRange } from './protocol.js';

const files: Record<string, string> = { ...FILES };
const cache = new ParseCache();
let result: CompileResult | undefined;
let program: CompiledProgram | undefined;
let source = new SourceFile(MAIN, files[MAIN] ?? '');

function post(r: Reply): void {
  (self as unknown as { postMessage(m: unknown): void }).postMessage(r);
}

function recompile(): void {
  generation++;
  source = new SourceFile(MAIN, files[MAIN] ?? '');
  result = compile([MAIN], memoryHost(files), cache);
  program = result.programs.find((p) => p.root === MAIN) ?? result.programs[0];
}

function rangeOf(sf: SourceFile, start: number, end: number): WireRange {
  const a = sf.lineCol(start);
  const b = sf.lineCol(Math.max(start, end));
  return { startLineNumber: a.line + 1, startColumn: a.col + 1, endLineNumber: b.line + 1, endColumn: b.col + 1 };
}

function offsetOf(line: number, column: number): number {
  const starts = source.getLineStarts();
  const s = starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0;
  return Math.min(source.text.length, s + column - 1);
}

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
    const range = rangeOf(source, span.start, span.end);
    out.push({ code: d.code, severity: d.severity, message: prefix + d.message, ...(d.help ? { help: d.help } : {}), range });
  }
  return out;
}

// ── hover: the shared editor service (compiler/services), as in the language server ──
let generation = 0;
const programSet: ProgramSet = {
  get generation() {
    return generation;
  },
  textOf: (path) => files[path],
  programsOf: (path) => result?.programs.filter((p) => p.checked.files.has(path)) ?? [],
  allPrograms: () => result?.programs ?? [],
};

function hover(line: number, column: number): WireHover | null {
  if (!program) return null;
  const off = offsetOf(line, column);
  const at = nameAt(programSet, MAIN, off);
  if (at) return { contents: [hoverText(programSet, at, todayDate())], range: rangeOf(source, at.start, at.end) };
  // Built-in functions and 评估日期: match the word under the cursor.
  const text = source.text;
  for (const [name, f] of Object.entries(FUNCTIONS)) {
    for (let i = Math.max(0, off - name.length); i <= off && i < text.length; i++) {
      if (text.startsWith(name, i) && i <= off && off <= i + name.length) {
        return { contents: [`**内置函数** ${name}（${f.params.map(typeToString).join('，')}）→ ${typeToString(f.result)}`, f.doc], range: rangeOf(source, i, i + name.length) };
      }
    }
  }
  const i = text.lastIndexOf(EVAL_DATE, off);
  if (i >= 0 && off <= i + EVAL_DATE.length) return { contents: ['**内置名称** 评估日期：求值时给定的日期'], range: rangeOf(source, i, i + EVAL_DATE.length) };
  return null;
}

// ── completion ───────────────────────────────────────────────────────
const KIND_MAP: Partial<Record<Sym['kind'], CompletionKind>> = {
  measure: 'measure', entity: 'entity', field: 'field', enum: 'enum', enumMember: 'enumMember', param: 'param', org: 'org',
  outcome: 'outcome', rule: 'rule', indicator: 'indicator',
};

function complete(line: number, column: number): WireCompletion[] {
  const items: WireCompletion[] = [];
  const off = offsetOf(line, column);
  const before = source.text.slice(source.getLineStarts()[line - 1] ?? 0, off);
  const dot = /(「[^「」]*」|[^\s.．·「」{}()（）:：,，、=<>≥≤]+)[.．·]([^\s.．·]*)$/.exec(before);
  const syms = [...(program?.checked.symbols.values() ?? [])];
  if (dot) {
    const owner = dot[1]!.replace(/^「|」$/g, '');
    for (const s of syms) {
      if (s.container !== owner || (s.kind !== 'field' && s.kind !== 'outcome')) continue;
      items.push({ label: s.name, insertText: writeName(s.name), kind: KIND_MAP[s.kind] ?? 'other', detail: `${kindName(s.kind)}${s.type ? ` · ${typeToString(s.type)}` : ''}` });
    }
    if (owner === '事件') for (const f of ['级别', '类别', '日期', '标题', '文号']) items.push({ label: f, insertText: f, kind: 'field', detail: '事件字段' });
    return items;
  }
  const seen = new Set<string>();
  for (const s of syms) {
    if (s.kind === 'clause' || s.kind === 'builtin' || s.kind === 'reading' || s.kind === 'doubt' || s.kind === 'property') continue;
    if (s.kind === 'field' || s.kind === 'outcome' || s.kind === 'enumMember' || s.kind === 'rule') {
      // Fields/outcomes come after a dot; enum members and rules are offered by bare name too.
      if (s.kind === 'field' || s.kind === 'outcome') continue;
    }
    const key = `${s.kind}:${s.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const clause = program ? servicesClauseOf(program, s.clause) : undefined;
    items.push({
      label: s.name, insertText: writeName(s.name), kind: KIND_MAP[s.kind] ?? 'other',
      detail: `${kindName(s.kind)}${s.type && s.kind !== 'measure' && s.kind !== 'entity' ? ` · ${typeToString(s.type)}` : ''}${clause ? ` · ${clause.label}` : ''}`,
    });
  }
  for (const [name, f] of Object.entries(FUNCTIONS)) items.push({ label: name, insertText: `${name}（`, kind: 'function', detail: '内置函数', documentation: f.doc });
  items.push({ label: EVAL_DATE, insertText: EVAL_DATE, kind: 'other', detail: '内置名称' });
  for (const k of KEYWORDS) items.push({ label: k, insertText: k, kind: 'keyword', detail: '关键字' });
  // Units make sense right after a number.
  if (/[0-9０-９零〇一二三四五六七八九十百千万亿两]$/.test(before)) for (const u of UNIT_WORDS) items.push({ label: u, insertText: u, kind: 'unit', detail: '单位' });
  return items;
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
    case 'hover':
      post({ type: 'hover', id: m.id, hover: hover(m.line, m.column) });
      break;
    case 'complete':
      post({ type: 'complete', id: m.id, items: complete(m.line, m.column) });
      break;
    case 'evaluate':
      post({ type: 'evaluate', id: m.id, result: runEvaluation(m.facts, m.date) });
      break;
  }
};

recompile();
post({ type: 'ready', text: files[MAIN] ?? '', path: MAIN, keywords: KEYWORDS, glueKeywords: GLUE_KEYWORDS, units: UNIT_WORDS });
