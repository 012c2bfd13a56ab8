/**
 * File access for the compiler. The CLI uses the real file system; the language
 * server overlays open editor buffers; tests use in-memory maps.
 * INVARIANT: the compiler core reads files only through a Host.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Host {
  /** File text, or undefined if it does not exist / cannot be read. */
  readFile(path: string): string | undefined;
  /** Is this a directory? */
  isDirectory(path: string): boolean;
  /** Entries of a directory (names), or [] . */
  readDirectory(path: string): string[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Real file-system host. Invalid UTF-8 is reported by returning the marker. */
export const nodeHost: Host = {
  readFile(path) {
    try {
      const buf = readFileSync(path);
      try {
        return decoder.decode(buf);
      } catch {
        return INVALID_UTF8;
      }
    } catch {
      return undefined;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  readDirectory(path) {
    try {
      return readdirSync(path).sort();
    } catch {
      return [];
    }
  },
};

/** Returned by readFile when the bytes are not valid UTF-8. */
export const INVALID_UTF8 = '\u0000<invalid-utf8>\u0000';

/** In-memory host (tests, playground). Paths are used verbatim. */
export function memoryHost(files: Record<string, string>, fallback?: Host): Host {
  return {
    readFile: (p) => (p in files ? files[p] : fallback?.readFile(p)),
    isDirectory: (p) => Object.keys(files).some((f) => f.startsWith(p.endsWith('/') ? p : p + '/')) || (fallback?.isDirectory(p) ?? false),
    readDirectory: (p) => {
      const pre = p.endsWith('/') ? p : p + '/';
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(pre)) names.add(f.slice(pre.length).split('/')[0]!);
      for (const n of fallback?.readDirectory(p) ?? []) names.add(n);
      return [...names].sort();
    },
  };
}

/** All `.zc` files under the given paths (files kept as given), sorted. */
export function discover(host: Host, paths: readonly string[]): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const name of host.readDirectory(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (host.isDirectory(p)) walk(p);
      else if (name.endsWith('.zc')) files.add(p);
    }
  };
  for (const p of paths) {
    if (host.isDirectory(p)) walk(p);
    else if (host.readFile(p) !== undefined) files.add(p);
    else missing.push(p);
  }
  return { files: [...files].sort(), missing };
}
