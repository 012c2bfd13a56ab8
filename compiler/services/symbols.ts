/**
 * Names at offsets: an index, per file, of every declaration name and every resolved
 * reference the compiler recorded (CheckedProgram.symbols / .references), across all
 * programs the file belongs to. Used by hover, definition, references, rename and
 * semantic tokens.
 */
import type { CompiledProgram } from '../index.js';
import type { Sym } from '../semantics/model.js';
import type { ProgramSet as Workspace } from './program-set.js';

export interface NameAt {
  readonly start: number;
  readonly end: number;
  /** Symbol id (kind:qualified name). */
  readonly id: string;
  /** True at the declaration's name, false at a use. */
  readonly decl: boolean;
  readonly sym: Sym;
  readonly program: CompiledProgram;
}

const caches = new WeakMap<Workspace, Map<string, { gen: number; entries: NameAt[] }>>();

export const BUILTIN_FILE = '<内置>';

/** All names of a file, sorted by start offset. */
export function nameIndex(ws: Workspace, path: string): NameAt[] {
  let cache = caches.get(ws);
  if (!cache) caches.set(ws, (cache = new Map()));
  const hit = cache.get(path);
  if (hit && hit.gen === ws.generation) return hit.entries;
  const entries: NameAt[] = [];
  // (a span as one number: start and end are UTF-16 offsets, far below 2^26 — compile refuses larger files)
  const seen = new Set<number>();
  for (const p of ws.programsOf(path)) {
    for (const sym of p.checked.symbols.values()) {
      if (sym.nameSpan.file !== path) continue;
      const k = sym.nameSpan.start * 0x4000000 + sym.nameSpan.end;
      if (seen.has(k)) continue;
      seen.add(k);
      entries.push({ start: sym.nameSpan.start, end: sym.nameSpan.end, id: sym.id, decl: true, sym, program: p });
    }
    for (const r of p.checked.references) {
      if (r.span.file !== path) continue;
      const sym = p.checked.symbols.get(r.target);
      if (!sym) continue;
      const k = r.span.start * 0x4000000 + r.span.end;
      if (seen.has(k)) continue;
      seen.add(k);
      entries.push({ start: r.span.start, end: r.span.end, id: r.target, decl: false, sym, program: p });
    }
  }
  entries.sort((a, b) => a.start - b.start || a.end - b.end);
  cache.set(path, { gen: ws.generation, entries });
  return entries;
}

/** The name under (or just before) an offset. */
export function nameAt(ws: Workspace, path: string, offset: number): NameAt | undefined {
  const entries = nameIndex(ws, path);
  // last entry starting at or before offset
  let lo = 0;
  let hi = entries.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.start <= offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let best: NameAt | undefined;
  for (let i = at; i >= 0 && i >= at - 8; i--) {
    const e = entries[i]!;
    if (offset >= e.start && offset < e.end) {
      if (!best || e.end - e.start < best.end - best.start) best = e;
    }
  }
  if (best) return best;
  // cursor right after a name
  for (let i = at; i >= 0 && i >= at - 8; i--) {
    const e = entries[i]!;
    if (offset === e.end && e.end > e.start) return e;
  }
  return undefined;
}

/** Every place (declaration and uses) a symbol appears, across all programs. */
export function occurrences(ws: Workspace, target: Sym): { file: string; start: number; end: number; decl: boolean }[] {
  const id = target.id;
  const out: { file: string; start: number; end: number; decl: boolean }[] = [];
  const seen = new Set<string>();
  const add = (file: string, start: number, end: number, decl: boolean) => {
    const k = `${file}:${start}:${end}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ file, start, end, decl });
  };
  for (const p of ws.allPrograms()) {
    const sym = p.checked.symbols.get(id);
    // the same id in another program only counts if it is the same declaration
    if (!sym || sym.nameSpan.file !== target.nameSpan.file || sym.nameSpan.start !== target.nameSpan.start) continue;
    add(sym.nameSpan.file, sym.nameSpan.start, sym.nameSpan.end, true);
    for (const r of p.checked.references) if (r.target === id) add(r.span.file, r.span.start, r.span.end, false);
  }
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.start - b.start));
  return out;
}
