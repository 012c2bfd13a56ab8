/**
 * The server's view of the project: open buffers over the file system, the compiled
 * programs, and per-file diagnostics. All language knowledge comes from the compiler
 * (`compile` with a shared `ParseCache`); this module only decides *what* to
 * recompile when something changes.
 *
 * Incremental design
 *  - Open buffers overlay the file system through `memoryHost(overlay, statCachedHost())`
 *    (a file on disk is read and decoded again only when its size, inode or times changed).
 *  - One `ParseCache` lives as long as the server: a file is re-lexed and re-parsed
 *    only when its text changed (only the edited block or item); binding runs per
 *    affected program, checking only on the declarations the edit touched and those
 *    that depend on them (the cache keeps each program's last checks). The
 *    parse of an open document keeps its CST, which formatting reuses.
 *  - A change to file F recompiles only the programs F belongs to (their roots are
 *    passed to `compile`, which follows the imports again), plus F itself when it
 *    belongs to none. Files that drop out of every program are recompiled on their
 *    own; a file-on-its-own program whose root became imported by another program is
 *    dropped — the same grouping `compile` makes for the whole workspace.
 *  - Diagnostics are regrouped per file after every recompilation (deduplicated the
 *    way `compile` does across programs, each file's errors past the error limit as one
 *    ZC0007, as `compile` reports them: compiler/diagnostics/limit.ts).
 */
import { dirname, join, normalize } from 'node:path';
import { paramPath, type ProgramSet } from '../../../compiler/services/program-set.js';
import {
  compile, ParseCache, memoryHost, SourceFile, limitErrors, DEFAULT_ERROR_LIMIT, sortDiagnostics,
  type CompiledProgram, type Diagnostic, type Host, type ParsedFile,
} from '../../../compiler/index.js';
import type { Sym } from '../../../compiler/semantics/model.js';
import { LineIndex } from './positions.js';
import { statCachedHost } from '../../../compiler/project/host.js';

export interface OpenDoc {
  readonly uri: string;
  readonly path: string;
  text: string;
  version: number;
  /** The overlay text differs from what compiled diagnostics were computed for. */
  dirty: boolean;
  index?: LineIndex;
}

/** Largest open document whose parse keeps its CST (UTF-16 units; ~6,000 lines of policy). */
export const MAX_CST_TEXT = 200_000;

const diagKey = (d: Diagnostic) => `${d.code}|${d.span.file}|${d.span.start}|${d.span.end}|${d.message}`;

/** Time spent in the last recompilation (for the benchmark and logging). */
export interface CheckTiming {
  readonly compileMs: number;
  readonly files: number;
  readonly programs: number;
}

export class Workspace implements ProgramSet {
  readonly docs = new Map<string, OpenDoc>();
  private readonly overlay: Record<string, string> = Object.create(null) as Record<string, string>;
  readonly host: Host;
  /**
   * Parses of open documents keep their CST (up to MAX_CST_TEXT), so formatting reuses
   * the parse instead of parsing again (about 3 MB per 1,000 lines).
   */
  readonly cache = new ParseCache((path, text) => this.docs.has(path) && text.length <= MAX_CST_TEXT);
  /** Compiled programs by root file. */
  readonly programs = new Map<string, CompiledProgram>();
  /** File → roots of the programs it is a member of. */
  private fileRoots = new Map<string, Set<string>>();
  /** Latest parse of every member file. */
  readonly parsed = new Map<string, ParsedFile>();
  /** Latest text of every file the programs read (members, parameter YAML, source). */
  readonly sources = new Map<string, SourceFile>();
  /** Current compiler diagnostics per file. */
  private fileDiags = new Map<string, Diagnostic[]>();
  /** Errors published one by one per file (the rest as one ZC0007; 0: no limit) — `zhengce check`'s default. */
  errorLimit = DEFAULT_ERROR_LIMIT;
  /** Bumped on every recompilation; caches keyed by it. */
  generation = 0;
  lastTiming: CheckTiming | undefined;
  private indexCache = new WeakMap<object, LineIndex>();

  /** `baseHost`: the files under the open buffers — by default the file system, a file read again only when it changed (`statCachedHost`). */
  constructor(readonly roots: readonly string[], baseHost: Host = statCachedHost()) {
    this.host = memoryHost(this.overlay, baseHost);
  }

  // ── documents ──────────────────────────────────────────────────────

  open(uri: string, path: string, text: string, version: number): OpenDoc {
    const doc: OpenDoc = { uri, path, text, version, dirty: true };
    this.docs.set(path, doc);
    this.overlay[path] = text;
    return doc;
  }

  /** `index`: the line index of `text` when the caller has it (updated with the edit). */
  update(path: string, text: string, version: number, index?: LineIndex): OpenDoc | undefined {
    const doc = this.docs.get(path);
    if (!doc) return undefined;
    doc.text = text;
    doc.version = version;
    doc.dirty = true;
    doc.index = index?.text === text ? index : undefined;
    this.overlay[path] = text;
    return doc;
  }

  close(path: string): void {
    this.docs.delete(path);
    delete this.overlay[path];
  }

  /** Drop what is kept about a file that no longer exists anywhere (a closed unsaved buffer). */
  forget(path: string): void {
    if (this.host.readFile(path) !== undefined || this.fileRoots.get(path)?.size) return;
    this.parsed.delete(path);
    this.sources.delete(path);
    this.fileRoots.delete(path);
  }

  /** Line index of a file's current text (open buffer, or last compiled text). */
  lineIndex(path: string): LineIndex | undefined {
    const doc = this.docs.get(path);
    if (doc) return (doc.index ??= new LineIndex(doc.text));
    const sf = this.sources.get(path);
    if (sf) return this.indexOf(sf);
    const text = this.host.readFile(path);
    return text === undefined ? undefined : new LineIndex(text);
  }

  indexOf(sf: SourceFile): LineIndex {
    let idx = this.indexCache.get(sf);
    if (!idx) {
      // (an open document compiled as it is: its line index, kept up to date edit by edit)
      const doc = this.docs.get(sf.path)?.index;
      idx = doc && doc.text === sf.text ? doc : new LineIndex(sf.text, sf.getLineStarts());
      this.indexCache.set(sf, idx);
    }
    return idx;
  }

  /** Latest parse of a file (ProgramSet). */
  parsedOf(path: string): ParsedFile | undefined {
    return this.parsed.get(path);
  }

  /** Current text of a file (open buffer first). */
  textOf(path: string): string | undefined {
    return this.docs.get(path)?.text ?? this.sources.get(path)?.text ?? this.host.readFile(path);
  }

  // ── compilation ────────────────────────────────────────────────────

  /** Compile everything under the workspace roots and every open document. */
  compileAll(): Set<string> {
    const before = new Set(this.fileDiags.keys());
    this.programs.clear();
    this.fileRoots.clear();
    const paths = [...this.roots, ...[...this.docs.keys()].filter((p) => !this.roots.some((r) => p.startsWith(r.endsWith('/') ? r : r + '/')))];
    if (paths.length) this.absorb(this.run(paths));
    for (const d of this.docs.values()) d.dirty = false;
    return this.regroup(before);
  }

  /**
   * Recompile the programs `changed` files belong to. Returns every file whose
   * diagnostics may have changed.
   */
  recheck(changed: readonly string[]): Set<string> {
    const before = new Set(this.fileDiags.keys());
    const roots = new Set<string>();
    const alone: string[] = [];
    for (const f of changed) {
      const rs = this.fileRoots.get(f);
      if (rs && rs.size) rs.forEach((r) => roots.add(r));
      // parameter files and the source text are read by programs, not members of them
      let reader = false;
      for (const [root, p] of this.programs) {
        if (p.sourcePath === f || p.parameters.has(f)) {
          roots.add(root);
          reader = true;
        }
      }
      if ((!rs || !rs.size) && !reader && (f.endsWith('.zc') || this.docs.has(f))) alone.push(f);
    }
    const oldMembers = new Set<string>();
    for (const r of roots) {
      const p = this.programs.get(r);
      if (p) for (const m of p.checked.files.keys()) oldMembers.add(m);
      this.dropProgram(r);
    }
    const paths = [...new Set([...roots, ...alone])].filter((p) => this.host.readFile(p) !== undefined);
    if (paths.length) this.absorb(this.run(paths));
    // files that dropped out of every program: on their own (as a whole-workspace compile would)
    const orphans = [...oldMembers].filter((m) => !this.fileRoots.get(m)?.size && this.host.readFile(m) !== undefined);
    if (orphans.length) this.absorb(this.run(orphans));
    for (const f of changed) {
      const d = this.docs.get(f);
      if (d) d.dirty = false;
    }
    const touched = this.regroup(before);
    for (const f of changed) touched.add(f);
    return touched;
  }

  private run(paths: string[]) {
    const t0 = performance.now();
    const r = compile(paths, this.host, this.cache);
    this.lastTiming = { compileMs: performance.now() - t0, files: r.files.size, programs: r.programs.length };
    return r;
  }

  private dropProgram(root: string): void {
    const p = this.programs.get(root);
    if (!p) return;
    this.programs.delete(root);
    for (const m of p.checked.files.keys()) this.fileRoots.get(m)?.delete(root);
  }

  private absorb(r: ReturnType<typeof compile>): void {
    this.generation++;
    for (const p of r.programs) {
      this.dropProgram(p.root);
      this.programs.set(p.root, p);
      for (const m of p.checked.files.keys()) {
        let s = this.fileRoots.get(m);
        if (!s) this.fileRoots.set(m, (s = new Set()));
        s.add(p.root);
      }
    }
    for (const [path, pf] of r.parsed) this.parsed.set(path, pf);
    for (const [path, sf] of r.files) this.sources.set(path, sf);
    // a stand-alone program (no 政策) whose root is now imported by another program goes
    for (const [root, p] of [...this.programs]) {
      if (p.checked.policy) continue;
      const roots = this.fileRoots.get(root);
      if (roots && [...roots].some((r2) => r2 !== root)) this.dropProgram(root);
    }
  }

  private regroup(before: Set<string>): Set<string> {
    const next = new Map<string, Diagnostic[]>();
    const seen = new Set<string>();
    for (const p of this.programs.values()) {
      for (const d of p.diagnostics) {
        const k = diagKey(d);
        if (seen.has(k)) continue;
        seen.add(k);
        let list = next.get(d.span.file);
        if (!list) next.set(d.span.file, (list = []));
        list.push(d);
      }
    }
    for (const [file, list] of next) {
      // (the order limitErrors expects and compile reports: file — here one — start, end, code)
      sortDiagnostics(list);
      // (as `compile` reports them: a file's errors past the limit are one ZC0007, compiler/diagnostics/limit.ts)
      next.set(file, limitErrors(list, this.sources, this.errorLimit));
    }
    const touched = new Set<string>(before);
    for (const k of next.keys()) touched.add(k);
    this.fileDiags = next;
    return touched;
  }

  // ── queries ────────────────────────────────────────────────────────

  diagnostics(path: string): readonly Diagnostic[] {
    return this.fileDiags.get(path) ?? [];
  }

  /** Programs a file is a member of (the first one is the primary). */
  programsOf(path: string): CompiledProgram[] {
    const out: CompiledProgram[] = [];
    for (const r of this.fileRoots.get(path) ?? []) {
      const p = this.programs.get(r);
      if (p) out.push(p);
    }
    // prefer a program with a policy, then the one rooted at the file itself
    out.sort((a, b) => Number(!!b.checked.policy) - Number(!!a.checked.policy) || Number(b.root === path) - Number(a.root === path) || (a.root < b.root ? -1 : 1));
    return out;
  }

  /** Every program, in a stable order. */
  allPrograms(): CompiledProgram[] {
    return [...this.programs.values()].sort((a, b) => (a.root < b.root ? -1 : 1));
  }

  /** Resolve a symbol id in the programs of a file. */
  symbol(path: string, id: string): { sym: Sym; program: CompiledProgram } | undefined {
    for (const p of this.programsOf(path)) {
      const sym = p.checked.symbols.get(id);
      if (sym) return { sym, program: p };
    }
    return undefined;
  }

  /** Path of a parameter file as the compiler resolves it. */
  static paramPath(declFile: string, from: string): string {
    return paramPath(declFile, from);
  }
}
