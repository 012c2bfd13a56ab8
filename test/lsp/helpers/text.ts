/**
 * Text helpers for the protocol tests: positions of needles, applying LSP edits, and
 * the compiler's own diagnostics for a text (the oracle), all through the server's
 * one position module.
 */
import type { Position, TextEdit, Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { compile, memoryHost, nodeHost, type Diagnostic } from '../../../compiler/index.js';
import { LineIndex } from '../../../vscode-extension/server/src/positions.js';

/** Position of the `nth` occurrence of `needle` (+ delta UTF-16 units). */
export function pos(text: string, needle: string, nth = 0, delta = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`找不到“${needle}”（第 ${nth + 1} 处）`);
  }
  return new LineIndex(text).positionAt(at + delta);
}

/** Apply LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const idx = new LineIndex(text);
  const abs = edits.map((e) => ({ s: idx.offsetAt(e.range.start), e: idx.offsetAt(e.range.end), t: e.newText }));
  abs.sort((a, b) => b.s - a.s || b.e - a.e);
  let out = text;
  for (const a of abs) out = out.slice(0, a.s) + a.t + out.slice(a.e);
  return out;
}

/**
 * The compiler's diagnostics for `path` when it has `text` (other files from disk), as `compile`
 * reports them: once each, the file's errors past the error limit as one ZC0007 — what the server
 * publishes for the file.
 */
export function compilerDiagnostics(path: string, text: string, others: Record<string, string> = {}): Diagnostic[] {
  const r = compile([path], memoryHost({ ...others, [path]: text }, nodeHost));
  return r.diagnostics.filter((d) => d.span.file === path);
}

export interface Triple {
  code: string;
  range: [number, number, number, number];
  message: string;
}

const order = (a: Triple, b: Triple) =>
  a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.range[2] - b.range[2] || a.range[3] - b.range[3] ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);

/** (code, range, message) of compiler diagnostics, converted with the server's module. */
export function expectedTriples(text: string, ds: readonly Diagnostic[]): Triple[] {
  const idx = new LineIndex(text);
  return ds.map((d) => {
    const r = idx.range(d.span.start, d.span.end);
    return { code: d.code, range: [r.start.line, r.start.character, r.end.line, r.end.character] as Triple['range'], message: d.message };
  }).sort(order);
}

export function publishedTriples(ds: readonly LspDiagnostic[]): Triple[] {
  return ds.map((d) => ({ code: String(d.code), range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] as Triple['range'], message: typeof d.message === 'string' ? d.message : d.message.value })).sort(order);
}
