/**
 * Program assembly: discover files, parse each once, follow imports, group files
 * into programs (a root file with a 政策 declaration plus its import closure), then
 * bind, check, and check 原文 quotes and parameters.
 * Input: paths + Host. Output: CompileResult (programs, files, all diagnostics).
 *
 * INVARIANT: a file's parse is cached by (path, text); the same text is never
 * parsed twice in one compilation, and a new text of a cached path is parsed
 * incrementally from the cached parse (`reparseFile`: same result as `parseFile`).
 */
import { dirname, join, normalize } from 'node:path';
import { SourceFile } from '../common/source.js';
import { diag, sortDiagnostics, type Diagnostic, type Result } from '../diagnostics/diagnostic.js';
import { DEFAULT_ERROR_LIMIT, limitErrors } from '../diagnostics/limit.js';
import { parseFile, reparseFile, restoreLastGood, type ParsedFile } from '../syntax/index.js';
import { bindIncrementally, bindWithState, type BindState } from '../semantics/binder.js';
import { checkWith } from '../semantics/checker.js';
import { checkIncrementally, checkState, leafSpans, type CheckState } from '../semantics/incremental.js';
import { checkQuotes } from '../semantics/quotes.js';
import { parseParameters, type ParameterSet } from '../semantics/parameters.js';
import { unitInfo } from '../syntax/cst-to-ast.js';
import { decToString } from '../common/decimal.js';
import type { BoundProgram, CheckedProgram, ProgramFile } from '../semantics/model.js';
import { discover, INVALID_UTF8, type Host } from './host.js';
import { timed } from '../common/timings.js';
import { suggest } from '../common/suggest.js';

export interface CompiledProgram {
  readonly root: string;
  readonly checked: CheckedProgram;
  /** Parameter files by path (relative paths resolved against the declaring file). */
  readonly parameters: Map<string, ParameterSet>;
  readonly sourcePath?: string;
  readonly sourceText?: string;
  /** Diagnostics that belong to this program (including its files' syntax errors), all of them: no error limit. */
  readonly diagnostics: Diagnostic[];
}

export interface CompileResult {
  readonly programs: CompiledProgram[];
  readonly files: Map<string, SourceFile>;
  readonly parsed: Map<string, ParsedFile>;
  /** Every program's diagnostics once, sorted, each file's errors past the limit as one ZC0007 (`CompileOptions.errorLimit`). */
  readonly diagnostics: Diagnostic[];
}

/** The file an `导入 "…"` in `from` names: relative to the importing file's directory. */
export function importTarget(from: string, written: string): string {
  return normalize(join(dirname(from), written));
}

/** Largest policy file parsed (UTF-16 units). Real files are a few hundred KB at most. */
export const MAX_FILE = 4 * 1024 * 1024;

/** A parse the cache keeps, with its diagnostics. */
type Parsed = { value: ParsedFile; diagnostics: Diagnostic[] };

/** Parse cache shared across compilations (the language server keeps one). */
export class ParseCache {
  /**
   * Per path: the latest text and its parse; `good`: the parse its `lastGood` is, when it keeps one (the
   * last parse without syntax errors, or — for one without — the parse it was made from: a parse of that
   * earlier text, intact again once `restoreLastGood` undid the moves the parses since made in it in place).
   */
  private map = new Map<string, { text: string; result: Parsed; good?: { text: string; result: Parsed } }>();
  /**
   * `keepCst(path, text)`: keep the concrete syntax tree of that parse (the language
   * server keeps it for open documents, so formatting reuses the parse).
   */
  constructor(
    private readonly keepCst: (path: string, text: string) => boolean = () => false,
    /**
     * `keepTokens: false` — for a one-off compile whose result is only rendered (`zhengce check`):
     * each parse's blocks give up their tokens and comments once the file is parsed, so they die
     * young instead of being copied by every scavenge and promoted (a 50,000-line check: peak RSS
     * −17 MB, CPU −7% in 12 interleaved runs, docs/check-timings.md). INVARIANT: such a cache's parses have empty `tokens` and `comments`
     * (no language service, formatter or re-parse may be given them); the AST, diagnostics and
     * everything `compile` derives are the same.
     */
    private readonly opts: { readonly keepTokens?: boolean } = {},
  ) {}
  /**
   * A one-off cache (`keepTokens: false`): its parses are never parsed again, so no node of theirs is
   * ever moved — what a later compile would read of them (the leaves' spans of a `CheckState`) can be
   * read when it is asked for, not now.
   */
  get oneShot(): boolean {
    return this.opts.keepTokens === false;
  }
  get(path: string, text: string): Parsed {
    const hit = this.map.get(path);
    const keepCst = this.keepCst(path, text);
    // (a hit without the CST asked for now — a file parsed from disk, then opened in the editor — is
    // parsed again once with it; formatting would otherwise parse the whole file on every request)
    // ('cst' in: whether the parse keeps a CST, without making it — it is made when first read)
    if (hit && hit.text === text && (!keepCst || 'cst' in hit.result.value)) return hit.result;
    // An edit that restores the text of the parse kept as lastGood (a character typed and deleted, an
    // undo): that very parse — the same object, so `compile` can reuse its program's
    // compilation (`KEPT_PROGRAMS`). reparseFile would give an equal parse (all its blocks reused).
    const good = hit?.good;
    if (good && good.text === text && (!keepCst || 'cst' in good.result.value)) {
      // (the parses since moved good's nodes in place: moved back, good is intact again)
      restoreLastGood(hit!.result.value);
      this.map.set(path, { text, result: good.result });
      return good.result;
    }
    const sf = new SourceFile(path, text);
    // (the cache replaces the earlier parse: what the new one reuses is moved in place, not copied)
    // (a one-off compile's parses are never re-parsed: error-free blocks parsed whole, ParseOptions.oneShot)
    const opts = { keepCst, inPlace: true, oneShot: this.opts.keepTokens === false };
    // An edited file: only the top-level blocks the edit touches are parsed again (syntax/blocks.ts).
    const result = hit ? reparseFile(hit.result.value, sf, opts) : parseFile(sf, opts);
    if (this.opts.keepTokens === false) {
      for (const b of result.value.blocks ?? []) {
        b.tokens.length = 0;
        b.comments.length = 0;
      }
    }
    const lastGood = result.value.lastGood;
    const kept = !lastGood ? undefined : lastGood === hit?.result.value ? { text: hit.text, result: hit.result } : lastGood === good?.result.value ? good : undefined;
    this.map.set(path, { text, result, ...(kept ? { good: kept } : {}) });
    return result;
  }

  /**
   * The last compilations of each program (by root) whose files all parsed without syntax errors:
   * a compile whose member files are those very parses (the `ParseCache` gives the same parse object
   * back when an edit restores its text) and whose other inputs (原文 source, parameter files) read
   * the same reuses it whole — no binding, no check (`compile`).
   */
  readonly programs = new Map<string, KeptProgram[]>();

  /**
   * The last few checks of each program (by root): a program bound again after an edit is checked
   * incrementally from one of them (compiler/semantics/incremental.ts) — the latest, or an earlier
   * one when the edit went back to its parse (an undo after a syntax error).
   */
  readonly checks = new Map<string, (CheckState | (() => CheckState))[]>();

  /**
   * The last binding of each program (by root): a program bound again after an edit re-binds only
   * the declarations the edit replaced when it changed no name the binder reads
   * (compiler/semantics/binder.ts `bindIncrementally`).
   */
  readonly binds = new Map<string, BindState>();

  private params = new Map<string, { source: SourceFile; result: Result<ParameterSet> }>();
  /** A parameter file's parse (its SourceFile and `parseParameters` result), again only when its text changed. */
  parameters(path: string, text: string): { source: SourceFile; result: Result<ParameterSet> } {
    const hit = this.params.get(path);
    if (hit && hit.source.text === text) return hit;
    const source = new SourceFile(path, text);
    const r = { source, result: parseParameters(source) };
    this.params.set(path, r);
    return r;
  }
}

/** A host whose readFile is memoised for the lifetime of one compilation (file access booked as `read` under --timings). */
function readOnce(host: Host): Host {
  const texts = new Map<string, string | undefined>();
  return {
    readFile: (p) => {
      if (!texts.has(p)) texts.set(p, timed('read', () => host.readFile(p)));
      return texts.get(p);
    },
    isDirectory: (p) => timed('read', () => host.isDirectory(p)),
    readDirectory: (p) => timed('read', () => host.readDirectory(p)),
  };
}

/** Statistics of the last `compile` (for the benchmark and tests): programs reused whole (`ParseCache.programs`). */
export const lastCompile = { reused: 0 };

/** Options of `compile`. */
export interface CompileOptions {
  /**
   * Errors reported one by one per file in `CompileResult.diagnostics` (the rest of a file's errors
   * become one ZC0007, compiler/diagnostics/limit.ts); 0: no limit. Default `DEFAULT_ERROR_LIMIT`.
   * Each program's own `diagnostics` are never limited.
   */
  readonly errorLimit?: number;
}

/**
 * A path given to `compile` that does not exist → the nearest existing entry of its directory
 * (same spelling of the directory: "policies/luanchuam" → "policies/luanchuan"), for "did you
 * mean"; undefined when the directory is unreadable or nothing there is close.
 */
function nearSibling(host: Host, path: string): string | undefined {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  const dir = cut < 0 ? '' : trimmed.slice(0, cut + 1);
  const name = trimmed.slice(cut + 1);
  if (!name) return undefined;
  const near = suggest(name, host.readDirectory(dir || '.').filter((n) => !n.startsWith('.')));
  return near === undefined ? undefined : dir + near;
}

/** ZC0001 for a path given on the command line that does not exist (check, verify, test, doc, fmt, --paths …): the same words everywhere, with the nearest entry of its directory. */
export function missingPath(host: Host, path: string): Diagnostic {
  const near = nearSibling(host, path);
  return diag('ZC0001', { file: path, start: 0, end: 0 }, `无法读取“${path}”：文件或目录不存在`, near ? { help: `是不是要写“${near}”？` } : {});
}

/** Compile everything under `paths`. */
export function compile(paths: readonly string[], fsHost: Host, cache = new ParseCache(), options: CompileOptions = {}): CompileResult {
  lastCompile.reused = 0;
  // INVARIANT: each file is read once per compilation (imports are checked and loaded,
  // parameter and source files shared by programs).
  const host = readOnce(fsHost);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, SourceFile>();
  const parsed = new Map<string, ParsedFile>();
  const fileDiags = new Map<string, Diagnostic[]>();
  const { files: found, missing } = discover(host, paths);
  for (const m of missing) diagnostics.push(missingPath(host, m));

  const load = (path: string): ParsedFile | undefined => {
    if (parsed.has(path)) return parsed.get(path);
    const text = host.readFile(path);
    if (text === undefined) return undefined;
    if (text === INVALID_UTF8) {
      const sf = new SourceFile(path, '');
      files.set(path, sf);
      fileDiags.set(path, [diag('ZC0002', sf.span(0, 0), `“${path}”不是有效的 UTF-8 文本`, { help: '请以 UTF-8 编码保存该文件' })]);
      const r = cache.get(path, '');
      parsed.set(path, r.value);
      return r.value;
    }
    if (text.length > MAX_FILE) {
      // INVARIANT: no hang on huge input — a file past the limit is reported, not parsed.
      const sf = new SourceFile(path, text);
      files.set(path, sf);
      fileDiags.set(path, [diag('ZC0005', sf.span(0, 0), `文件过大（${text.length} 个字符，上限 ${MAX_FILE}），未解析`, { help: '把政策拆成多个文件，用“导入”连接' })]);
      const r = cache.get(path, '');
      parsed.set(path, { ...r.value, source: sf });
      return parsed.get(path);
    }
    // (--timings: lexing and the AST are booked by lexRange and buildAst, the rest of the parse here)
    const r = timed('parse', () => cache.get(path, text));
    files.set(path, r.value.source);
    parsed.set(path, r.value);
    fileDiags.set(path, [...r.diagnostics]);
    return r.value;
  };

  // Load discovered files and follow imports.
  const imports = new Map<string, string[]>();
  const queue = [...found];
  while (queue.length) {
    const path = queue.shift()!;
    if (imports.has(path)) continue;
    const pf = load(path);
    if (!pf) continue;
    const targets: string[] = [];
    for (const item of pf.ast.items) {
      if (item.kind !== 'import') continue;
      const target = importTarget(path, item.path.value);
      if (!target.endsWith('.zc') || host.readFile(target) === undefined) {
        fileDiags.get(path)!.push(diag('ZC0003', item.path.span, `导入的文件“${item.path.value}”不存在`, { help: `路径相对于本文件所在目录：${dirname(path)}` }));
        continue;
      }
      targets.push(target);
      queue.push(target);
    }
    imports.set(path, targets);
  }

  // Programs: each file declaring a policy is a root; files in no root's closure stand alone.
  const closure = (root: string): string[] => {
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const t of imports.get(f) ?? []) stack.push(t);
    }
    return [...seen].sort();
  };
  const all = [...imports.keys()].sort();
  const roots = all.filter((f) => parsed.get(f)!.ast.items.some((i) => i.kind === 'policy'));
  const covered = new Set<string>();
  const groups: { root: string; members: string[] }[] = [];
  for (const r of roots) {
    const members = closure(r);
    members.forEach((m) => covered.add(m));
    groups.push({ root: r, members });
  }
  // Files nobody imports and that are not covered: their own program (with their imports).
  const importedByAny = new Set([...imports.values()].flat());
  for (const f of all) {
    if (covered.has(f) || importedByAny.has(f)) continue;
    const members = closure(f);
    members.forEach((m) => covered.add(m));
    groups.push({ root: f, members });
  }
  for (const f of all) if (!covered.has(f)) { covered.add(f); groups.push({ root: f, members: closure(f) }); }

  const programs: CompiledProgram[] = [];
  const reported = new Set<string>();
  const key = (d: Diagnostic) => `${d.code}|${d.span.file}|${d.span.start}|${d.span.end}|${d.message}`;
  for (const g of groups) {
    const members = g.members.map((m) => parsed.get(m)!);
    // (a member read as text, not one replaced by an empty parse — invalid UTF-8 — or cut short — too large)
    const asRead = g.members.every((m, j) => files.get(m) === members[j]!.source);
    const kept = asRead ? keptProgram(cache, g.root, g.members, members, host) : undefined;
    if (kept) {
      lastCompile.reused++;
      // (the same parses of the same texts, the same other inputs: the same compilation — also its
      // binding and check are where the next edit starts from)
      cache.binds.set(g.root, kept.bind);
      const checks = cache.checks.get(g.root) ?? [];
      cache.checks.set(g.root, [...checks.filter((x) => x !== kept.check).slice(-(KEPT_CHECKS - 1)), kept.check]);
      programs.push(kept.program);
      for (const d of kept.reported) {
        const k = key(d);
        if (!reported.has(k)) {
          reported.add(k);
          diagnostics.push(d);
        }
      }
      for (const [path, sf] of kept.extraFiles) files.set(path, sf);
      continue;
    }
    const pfiles = new Map<string, ProgramFile>();
    const pdiags: Diagnostic[] = [];
    for (const m of g.members) {
      const pf = parsed.get(m)!;
      pfiles.set(m, { source: pf.source, ast: pf.ast });
      for (const d of fileDiags.get(m) ?? []) pdiags.push(d);
    }
    let b: ReturnType<typeof bindWithState>;
    let c: { value: CheckedProgram; diagnostics: Diagnostic[]; state: CheckState | (() => CheckState) };
    try {
      const kept = cache.binds.get(g.root);
      b = timed('bind', () => (kept && bindIncrementally(kept, g.root, pfiles)) || bindWithState(g.root, pfiles, cache.oneShot));
      cache.binds.set(g.root, b.state);
      c = timed('check', () => checkProgram(b.value, cache));
    } catch (e) {
      // INVARIANT: user input never throws: an expression thousands of levels deep
      // exhausts the checker's stack — report it instead of crashing.
      if (!(e instanceof RangeError)) throw e;
      pdiags.push(diag('ZC0204', { file: g.root, start: 0, end: 0 }, '表达式嵌套过深（上千层），无法检查', { help: '拆分表达式或减少嵌套层数' }));
      for (const d of pdiags) if (!reported.has(key(d))) { reported.add(key(d)); diagnostics.push(d); }
      continue;
    }
    for (const d of b.diagnostics) pdiags.push(d);
    for (const d of c.diagnostics) pdiags.push(d);
    const reads: [string, string | undefined][] = [];
    const extra = timed('quotes', () => programChecks(c.value, { ...host, readFile: (p) => { const t = host.readFile(p); reads.push([p, t]); return t; } }, cache));
    for (const d of extra.diagnostics) pdiags.push(d);
    // (one diagnostic once: the checker may meet a declared type again where it is used)
    const once = new Set<string>();
    const unique = pdiags.filter((d) => { const k = key(d); if (once.has(k)) return false; once.add(k); return true; });
    const program: CompiledProgram = { root: g.root, checked: c.value, parameters: extra.parameters, diagnostics: sortDiagnostics(unique), ...(extra.sourcePath ? { sourcePath: extra.sourcePath, sourceText: extra.sourceText! } : {}) };
    programs.push(program);
    if (asRead && members.every((m) => !m.syntaxErrors)) {
      const list = cache.programs.get(g.root) ?? [];
      list.push({ members: g.members, parsed: members, reads, program, reported: pdiags, extraFiles: extra.extraFiles, bind: b.state, check: c.state });
      cache.programs.set(g.root, list.slice(-KEPT_PROGRAMS));
    }
    for (const d of pdiags) {
      const k = key(d);
      if (!reported.has(k)) {
        reported.add(k);
        diagnostics.push(d);
      }
    }
    for (const [path, sf] of extra.extraFiles) files.set(path, sf);
  }
  // INVARIANT: the limit applies to the final sorted list, per file — whether a program was compiled
  // whole, incrementally or reused, the same diagnostics give the same report.
  return { programs, files, parsed, diagnostics: limitErrors(sortDiagnostics(diagnostics), files, options.errorLimit ?? DEFAULT_ERROR_LIMIT) };
}

/** How many earlier checks of a program the cache keeps. */
const KEPT_CHECKS = 3;

/** How many earlier compilations of a program the cache keeps whole (`ParseCache.programs`). */
export const KEPT_PROGRAMS = 3;

/** One compilation of a program, kept whole: what it was made from and what it gave. */
interface KeptProgram {
  readonly members: readonly string[];
  /** The members' parses (by identity: a parse the cache gave up in place is never given back, but as a restored `lastGood`). */
  readonly parsed: readonly ParsedFile[];
  /** The other files its checks read (原文 source, parameters) and their texts then. */
  readonly reads: readonly (readonly [string, string | undefined])[];
  readonly program: CompiledProgram;
  /** Every diagnostic of the program as `compile` reports it (before deduplication). */
  readonly reported: readonly Diagnostic[];
  readonly extraFiles: ReadonlyMap<string, SourceFile>;
  readonly bind: BindState;
  readonly check: CheckState | (() => CheckState);
}

/**
 * The kept compilation of a program made from the same member parses (the same objects, so the
 * same texts and the same nodes at the same offsets) and the same other inputs, if any.
 * INVARIANT: reusing it gives what compiling gives — a compilation is a function of its member
 * parses and the texts it read.
 */
function keptProgram(cache: ParseCache, root: string, members: readonly string[], parsed: readonly ParsedFile[], host: Host): KeptProgram | undefined {
  const list = cache.programs.get(root);
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const k = list[i]!;
    if (k.members.length !== members.length || k.members.some((m, j) => m !== members[j] || k.parsed[j] !== parsed[j])) continue;
    if (k.reads.some(([p, t]) => host.readFile(p) !== t)) continue;
    return k;
  }
  return undefined;
}

/**
 * Check a bound program: incrementally from a check the cache kept (the declarations an edit
 * did not touch keep their results), else whole. INVARIANT: both give the same result.
 */
function checkProgram(bound: BoundProgram, cache: ParseCache): { value: CheckedProgram; diagnostics: Diagnostic[]; state: CheckState | (() => CheckState) } {
  const bindRefs = bound.references.length;
  const kept = cache.checks.get(bound.root) ?? [];
  let state: CheckState | (() => CheckState) | undefined;
  let result: { value: CheckedProgram; diagnostics: Diagnostic[] } | undefined;
  for (let i = kept.length - 1; i >= 0 && !result; i--) {
    const k = kept[i]!;
    const st = typeof k === 'function' ? (kept[i] = k()) : k;
    const r = checkIncrementally(st, bound);
    bound.references.length = bindRefs; // (a check that gave up appended references)
    if (r) {
      result = r;
      state = r.state;
    }
  }
  if (!result) {
    const r = checkWith(bound);
    result = r;
    // (made when a later compile of the program asks for it: a one-off compile — the CLI — pays for
    // nothing. The leaves' spans are taken now — a later parse moves the nodes in place — except in a
    // one-off cache, whose nodes never move: there they are read when asked for, the same spans; a
    // 50,000-line check: 7–9 ms of cold code and its arrays saved)
    const at = cache.oneShot ? undefined : leafSpans(bound, bindRefs);
    // (made once: the kept compilation of the program shares it, `KeptProgram.check`)
    let made: CheckState | undefined;
    state = () => (made ??= checkState(bound, bindRefs, r, at ?? leafSpans(bound, bindRefs)));
  }
  cache.checks.set(bound.root, [...kept.slice(-(KEPT_CHECKS - 1)), state!]);
  return { ...result, state: state! };
}

/** Checks that read other files: 原文 source, parameter YAML. */
function programChecks(p: CheckedProgram, host: Host, cache: ParseCache): { diagnostics: Diagnostic[]; parameters: Map<string, ParameterSet>; sourcePath?: string; sourceText?: string; extraFiles: Map<string, SourceFile> } {
  const diagnostics: Diagnostic[] = [];
  const parameters = new Map<string, ParameterSet>();
  const extraFiles = new Map<string, SourceFile>();
  let sourcePath: string | undefined;
  let sourceText: string | undefined;
  const pol = p.policy;
  if (pol?.decl.source) {
    sourcePath = normalize(join(dirname(pol.file), pol.decl.source.value));
    const text = host.readFile(sourcePath);
    if (text === undefined || text === INVALID_UTF8) {
      diagnostics.push(diag('ZC0602', pol.decl.source.span, `找不到来源文件“${pol.decl.source.value}”`, { help: `路径相对于 ${dirname(pol.file)}` }));
      sourcePath = undefined;
    } else {
      sourceText = text;
      for (const d of checkQuotes(p, text, { oneShot: cache.oneShot })) diagnostics.push(d);
    }
  } else if (pol) {
    diagnostics.push(diag('ZC0604', pol.decl.span, '政策没有写明“来源”，无法核对原文', { help: '补上“来源：\"source/原文.txt\"”' }));
  }
  for (const [name, decl] of p.params) {
    const declFile = decl.span.file;
    const path = normalize(join(dirname(declFile), decl.from.value));
    let set = parameters.get(path);
    if (!set) {
      const text = host.readFile(path);
      if (text === undefined) {
        diagnostics.push(diag('ZC0701', decl.from.span, `找不到参数文件“${decl.from.value}”`));
        continue;
      }
      if (text === INVALID_UTF8) {
        diagnostics.push(diag('ZC0002', decl.from.span, `参数文件“${decl.from.value}”不是有效的 UTF-8 文本`, { help: '请以 UTF-8 编码保存该文件' }));
        continue;
      }
      // (parsed once per text: the language server compiles on every edit)
      const { source: sf, result: r } = cache.parameters(path, text);
      extraFiles.set(path, sf);
      for (const d of r.diagnostics) diagnostics.push(d);
      set = r.value;
      parameters.set(path, set);
    }
    const def = set.get(name);
    if (!def) {
      diagnostics.push(diag('ZC0702', decl.name.span, `参数文件“${decl.from.value}”中没有参数“${name}”`));
      continue;
    }
    if (def.malformed) continue; // (ZC0701 said what is wrong with the definition: no unit or value to compare)
    const declared = decl.type.kind === 'builtin' ? (decl.type.unitText ?? (decl.type.name === '金额' ? '元' : undefined)) : undefined;
    const du = declared ? unitInfo(declared) : undefined;
    const fu = unitInfo(def.unit);
    if (du && (!fu || fu.dimension !== du.dimension || fu.factor.coeff !== du.factor.coeff || fu.factor.scale !== du.factor.scale)) {
      diagnostics.push(diag('ZC0704', decl.type.span, `参数“${name}”声明的单位是“${declared}”，参数文件中是“${def.unit}”`, { related: [{ span: def.span, message: '参数文件中的定义' }] }));
    }
    const unconfirmed = def.values.filter((v) => !v.confirmed);
    if (unconfirmed.length) {
      diagnostics.push(diag('ZC0703', decl.name.span, `参数“${name}”有 ${unconfirmed.length} 个取值未确认：${unconfirmed.map((v) => `${v.from.y}-${String(v.from.m).padStart(2, '0')}-${String(v.from.d).padStart(2, '0')} 起 ${decToString(v.value)}${def.unit}`).join('；')}`, {
        related: unconfirmed.map((v) => ({ span: v.span, message: `来源：${v.source}` })),
        help: '核实来源后在参数文件中把“已确认”改为 true；未确认的值在求值结果与文档中都会标明',
      }));
    }
  }
  return { diagnostics, parameters, extraFiles, ...(sourcePath ? { sourcePath, sourceText: sourceText! } : {}) };
}
