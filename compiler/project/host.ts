/**
 * File access for the compiler. The CLI uses the real file system; the language
 * server overlays open editor buffers; tests use in-memory maps.
 * INVARIANT: the compiler core reads files only through a Host.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, type EncodingProblem } from './encoding.js';

export interface Host {
  /** File text, or undefined if it does not exist / cannot be read. */
  readFile(path: string): string | undefined;
  /** Is this a directory? */
  isDirectory(path: string): boolean;
  /** Entries of a directory (names), or [] . */
  readDirectory(path: string): string[];
}

/**
 * Real file-system host. Text is decoded by `decodeText` (a UTF-8 byte-order mark is kept
 * as U+FEFF: offsets are those of the file, as in the language server); bytes that are
 * not UTF-8 text are reported by returning the marker (see `readText` for why).
 */
export const nodeHost: Host = {
  readFile(path) {
    let buf: Buffer;
    try {
      buf = readFileSync(path);
    } catch {
      return undefined;
    }
    const r = decodeText(buf);
    return r.ok ? r.text : INVALID_UTF8;
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

/**
 * `base` (the real file system) with each text kept beside the file's identity — size, inode,
 * modification and change times in nanoseconds — as `statSync` gives it: a file whose identity did
 * not change is not read and decoded again. For the language server, which compiles a program's
 * files (and reads its 原文 source and parameter files) after every edit.
 * INVARIANT: a readFile gives the file's text at that time — a write changes the change time, so a
 * file written since its text was kept is read again (the identity is taken before the read: a
 * write during the read is seen by the next one).
 */
export function statCachedHost(base: Host = nodeHost): Host {
  const kept = new Map<string, { id: string; text: string | undefined }>();
  return {
    readFile(path) {
      let id: string;
      try {
        const st = statSync(path, { bigint: true });
        if (!st.isFile()) return base.readFile(path);
        id = `${st.size}:${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;
      } catch {
        kept.delete(path);
        return base.readFile(path);
      }
      const hit = kept.get(path);
      if (hit && hit.id === id) return hit.text;
      const text = base.readFile(path);
      kept.set(path, { id, text });
      return text;
    },
    isDirectory: (path) => base.isDirectory(path),
    readDirectory: (path) => base.readDirectory(path),
  };
}

/**
 * Returned by readFile when the bytes are not valid UTF-8 text.
 * INVARIANT: never shown to a user — callers turn it into ZC0002 (`readText` says why).
 */
export const INVALID_UTF8 = '\u0000<invalid-utf8>\u0000';

/** A file read for a command: its text, or why there is none. */
export type ReadText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly missing: true }
  | { readonly ok: false; readonly missing: false; readonly problem: EncodingProblem };

/**
 * Read a text file through a host; when the host reports bytes that are not UTF-8 text,
 * say what they are (UTF-16, GBK, binary …, with the byte offset) by decoding the real
 * file again.
 */
export function readText(host: Host, path: string): ReadText {
  const text = host.readFile(path);
  if (text === undefined) return { ok: false, missing: true };
  if (text !== INVALID_UTF8) return { ok: true, text };
  let r: ReturnType<typeof decodeText> | undefined;
  try {
    r = decodeText(readFileSync(path));
  } catch {
    r = undefined;
  }
  const problem: EncodingProblem = r && !r.ok ? r.problem : { kind: 'invalid-utf8', byteOffset: 0, validPrefix: '', message: '文件不是有效的 UTF-8 文本', help: '请用编辑器以“UTF-8”编码另存该文件' };
  return { ok: false, missing: false, problem };
}

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
