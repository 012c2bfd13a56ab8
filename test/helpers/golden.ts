/**
 * Golden (baseline) test helpers: one `check…` helper per front-end pass.
 *
 * A case is an input file `test/<area>/cases/<name>.zc`; its expected output lives
 * beside it as `test/<area>/cases/<name>.<pass>.txt` and is compared with vitest's
 * `toMatchFileSnapshot`. Update with
 *
 *     npx vitest run test/syntax test/semantics -u
 *
 * and review every changed expected file in the diff (carets under the right
 * characters, the right code, the right value) before keeping it.
 *
 * Case ids are `'<area>/<name>'`, e.g. `checkAst('syntax/enum')`.
 *
 * The compiler sees the case directory through a memory host: every file under
 * `test/<area>/cases/` (except expected outputs) is present under its path relative
 * to that directory, so a case can import `lib/…zc`, cite `source.txt` or read a
 * parameter YAML; the case itself is the file `<name>.zc`. Paths in spans and in
 * rendered diagnostics are those relative paths, so outputs do not depend on where
 * the repository is checked out.
 *
 * Serialisation is deterministic: bigint → decimal string, spans → `file:start-end`,
 * everything else kept (undefined fields are absent, as in the AST itself).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CstNode, IToken } from 'chevrotain';
import { expect } from 'vitest';
import { SourceFile } from '../../compiler/common/source.js';
import type { Diagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { renderDiagnosticsText } from '../../compiler/diagnostics/render.js';
import { lex } from '../../compiler/syntax/lexer.js';
import { parseTokens } from '../../compiler/syntax/parser.js';
import { buildAst } from '../../compiler/syntax/cst-to-ast.js';
import type { FileAst } from '../../compiler/syntax/ast.js';
import { compile, type CompileResult } from '../../compiler/project/program.js';
import { memoryHost, type Host } from '../../compiler/project/host.js';

/** Absolute path of the `test/` directory. */
export const TEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Absolute path of the repository root. */
export const REPO_DIR = join(TEST_DIR, '..');

/** Expected-output suffixes (never fed to the compiler). */
export const PASSES = ['lex', 'cst', 'ast', 'diag'] as const;
export type Pass = (typeof PASSES)[number];
const OUTPUT_RE = new RegExp(`\\.(${PASSES.join('|')})\\.txt$`);

// ─── case files ─────────────────────────────────────────────────────────────

function splitId(id: string): { area: string; name: string } {
  const i = id.indexOf('/');
  if (i <= 0) throw new Error(`case id must be '<area>/<name>', got '${id}'`);
  return { area: id.slice(0, i), name: id.slice(i + 1) };
}

/** Absolute path of `test/<area>/cases`. */
export function casesDir(area: string): string {
  return join(TEST_DIR, area, 'cases');
}

/** Absolute path of a case's expected output for one pass. */
export function expectedPath(id: string, pass: Pass): string {
  const { area, name } = splitId(id);
  return join(casesDir(area), `${name}.${pass}.txt`);
}

const dirCache = new Map<string, Record<string, string>>();

/** All input files of a case directory, keyed by their path relative to it (`/` separators). */
export function caseFiles(area: string): Record<string, string> {
  const root = casesDir(area);
  const hit = dirCache.get(root);
  if (hit) return hit;
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (!OUTPUT_RE.test(n)) out[relative(root, p).split(sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  dirCache.set(root, out);
  return out;
}

/** Names (without `.zc`) of the top-level cases of an area. */
export function caseNames(area: string): string[] {
  return Object.keys(caseFiles(area))
    .filter((p) => !p.includes('/') && p.endsWith('.zc'))
    .map((p) => p.slice(0, -3))
    .sort();
}

/** Text of a case's input file. */
export function caseText(id: string): string {
  const { area, name } = splitId(id);
  const t = caseFiles(area)[`${name}.zc`];
  if (t === undefined) throw new Error(`no case file test/${area}/cases/${name}.zc`);
  return t;
}

export interface CaseOptions {
  /** Rewrite the case text before compiling (e.g. to build a huge input in memory). */
  readonly transform?: (text: string) => string;
  /** Extra or replacement files in the memory host (paths relative to the case directory). */
  readonly files?: Record<string, string>;
  /** Extra paths handed to `compile` after the case file (e.g. a missing one). */
  readonly extraPaths?: readonly string[];
}

/** The memory host a case is compiled with, and the case's path in it. */
export function caseHost(id: string, opts: CaseOptions = {}): { host: Host; path: string; text: string } {
  const { area, name } = splitId(id);
  const path = `${name}.zc`;
  const files = { ...caseFiles(area), ...opts.files };
  const text = opts.transform ? opts.transform(files[path] ?? caseText(id)) : (files[path] ?? caseText(id));
  files[path] = text;
  return { host: memoryHost(files), path, text };
}

// ─── deterministic serialisation ────────────────────────────────────────────

function isSpan(v: object): v is { file: string; start: number; end: number } {
  const keys = Object.keys(v);
  return keys.length === 3 && typeof (v as { file?: unknown }).file === 'string' && typeof (v as { start?: unknown }).start === 'number' && typeof (v as { end?: unknown }).end === 'number';
}

/** Plain JSON-able value: spans → `file:start-end`, bigint → string, Map → object. */
export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toPlain(x)]));
  if (isSpan(v)) return `${v.file}:${v.start}-${v.end}`;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toPlain(x);
  return out;
}

/** Compact JSON: a value that fits on one line (≤ `width` columns) is written inline. */
export function compactJson(v: unknown, width = 110, indent = ''): string {
  const flat = JSON.stringify(v);
  if (flat === undefined) return 'null';
  if (v === null || typeof v !== 'object' || indent.length + flat.length <= width) return flat;
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + compactJson(x, width, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${compactJson(x, width, inner)}`).join(',\n')}\n${indent}}`;
}

/** Diagnostics as the CLI shows them (no colour, paths as given). */
export function renderDiags(ds: readonly Diagnostic[], files: ReadonlyMap<string, SourceFile>): string {
  if (ds.length === 0) return '（无诊断）\n';
  return renderDiagnosticsText([...ds], files, { cwd: '/', color: false });
}

function fence(title: string): string {
  return `──── ${title} ────\n`;
}

// ─── one helper per pass ────────────────────────────────────────────────────

function quoteImage(s: string): string {
  return JSON.stringify(s);
}

/** Lex pass: one token per line (`start-end Type "image"`), comments, then lex diagnostics. */
export async function checkLex(id: string): Promise<{ tokens: IToken[]; diagnostics: Diagnostic[] }> {
  const { path, text } = caseHost(id);
  const file = new SourceFile(path, text);
  const r = lex(file);
  const lines = [
    ...r.value.tokens.map((t) => ({ at: t.startOffset, s: `${path}:${t.startOffset}-${t.startOffset + t.image.length} ${t.tokenType.name} ${quoteImage(t.image)}` })),
    ...r.value.comments.map((t) => ({ at: t.startOffset, s: `${path}:${t.startOffset}-${t.startOffset + t.image.length} (comment) ${quoteImage(t.image)}` })),
  ].sort((a, b) => a.at - b.at);
  const out = fence('tokens') + lines.map((l) => l.s + '\n').join('') + fence('diagnostics') + renderDiags(r.diagnostics, new Map([[path, file]]));
  await expect(out).toMatchFileSnapshot(expectedPath(id, 'lex'));
  return { tokens: r.value.tokens, diagnostics: r.diagnostics };
}

function cstLines(node: CstNode, depth: number, path: string, out: string[]): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}${node.name}`);
  const kids: { at: number; seq: number; line?: string; node?: CstNode }[] = [];
  let seq = 0;
  const firstOffset = (n: CstNode): number => {
    let best = Infinity;
    for (const list of Object.values(n.children)) {
      for (const c of list) {
        const at = 'image' in c ? c.startOffset : firstOffset(c);
        if (!Number.isNaN(at) && at < best) best = at;
      }
    }
    return best;
  };
  for (const [label, list] of Object.entries(node.children)) {
    for (const c of list) {
      if ('image' in c) {
        const t = c as IToken;
        const inserted = t.isInsertedInRecovery || Number.isNaN(t.startOffset);
        const where = inserted ? '(inserted)' : `${path}:${t.startOffset}-${t.startOffset + t.image.length}`;
        const lab = label === t.tokenType.name ? '' : `${label}=`;
        kids.push({ at: inserted ? Infinity : t.startOffset, seq: seq++, line: `${pad}  ${lab}${t.tokenType.name} ${quoteImage(t.image)} ${where}` });
      } else {
        const n = c as CstNode;
        kids.push({ at: firstOffset(n), seq: seq++, node: label === n.name ? n : ({ ...n, name: `${label}=${n.name}` } as CstNode) });
      }
    }
  }
  kids.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const k of kids) {
    if (k.line) out.push(k.line);
    else cstLines(k.node!, depth + 1, path, out);
  }
  if (node.recoveredNode) out.push(`${pad}  (recovered)`);
}

/** Parse pass: the CST as an indented tree (labels `label=` where they differ), then parse diagnostics. */
export async function checkParse(id: string): Promise<{ cst: CstNode; diagnostics: Diagnostic[] }> {
  const { path, text } = caseHost(id);
  const file = new SourceFile(path, text);
  const l = lex(file);
  const p = parseTokens(file, l.value.tokens);
  const lines: string[] = [];
  cstLines(p.value, 0, path, lines);
  const out = fence('cst') + lines.join('\n') + '\n' + fence('diagnostics') + renderDiags(p.diagnostics, new Map([[path, file]]));
  await expect(out).toMatchFileSnapshot(expectedPath(id, 'cst'));
  return { cst: p.value, diagnostics: p.diagnostics };
}

export interface AstCheck {
  readonly ast: FileAst;
  /** Diagnostics of the lex, parse and AST passes of the case file. */
  readonly syntaxDiagnostics: Diagnostic[];
  /** Diagnostics of the whole program (`compile` on the memory host). */
  readonly compiled: CompileResult;
}

/** Build the AST of a case through the three public passes. */
export function astOf(path: string, text: string): { ast: FileAst; diagnostics: Diagnostic[]; file: SourceFile } {
  const file = new SourceFile(path, text);
  const l = lex(file);
  const p = parseTokens(file, l.value.tokens);
  const a = buildAst(file, p.value);
  return { ast: a.value, diagnostics: [...l.diagnostics, ...p.diagnostics, ...a.diagnostics], file };
}

/**
 * AST pass: the AST as compact JSON (spans included), then the lex/parse/AST
 * diagnostics of the file, then every diagnostic of compiling it as a program
 * (so a "valid" case visibly is valid).
 */
export async function checkAst(id: string, opts: CaseOptions = {}): Promise<AstCheck> {
  const { host, path, text } = caseHost(id, opts);
  const a = astOf(path, text);
  const compiled = compile([path, ...(opts.extraPaths ?? [])], host);
  const out =
    fence('ast') + compactJson(toPlain(a.ast)) + '\n' +
    fence('syntax diagnostics') + renderDiags(a.diagnostics, new Map([[path, a.file]])) +
    fence('compile diagnostics') + renderDiags(compiled.diagnostics, compiled.files);
  await expect(out).toMatchFileSnapshot(expectedPath(id, 'ast'));
  return { ast: a.ast, syntaxDiagnostics: a.diagnostics, compiled };
}

/** Whole front end: `compile` the case on the memory host; the expected output is the rendered text. */
export async function checkDiagnostics(id: string, opts: CaseOptions = {}): Promise<CompileResult> {
  const { host, path } = caseHost(id, opts);
  const compiled = compile([path, ...(opts.extraPaths ?? [])], host);
  await expect(renderDiags(compiled.diagnostics, compiled.files)).toMatchFileSnapshot(expectedPath(id, 'diag'));
  return compiled;
}

// ─── invariants shared by golden and property tests ─────────────────────────

/** The pseudo-file of built-in declarations (事件, 周岁 …); a related span may point at its offset 0. */
export const BUILTIN_FILE = '<内置>';

/**
 * Diagnostics whose span, related spans or fix edits are not 0 ≤ start ≤ end ≤
 * length of the file they name (or name no file the compilation knows). The one
 * tolerated exception: a related “first defined here” span at `<内置>:0-0` when a
 * user declaration clashes with a built-in name (reported in the test report).
 */
export function badSpans(r: Pick<CompileResult, 'diagnostics' | 'files'>): Diagnostic[] {
  const bad: Diagnostic[] = [];
  const ok = (s: Diagnostic['span']) => {
    const f = r.files.get(s.file);
    return !!f && Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= f.text.length;
  };
  const builtin = (s: Diagnostic['span']) => s.file === BUILTIN_FILE && s.start === 0 && s.end === 0;
  for (const d of r.diagnostics) {
    if (!ok(d.span) || (d.related ?? []).some((x) => !ok(x.span) && !builtin(x.span)) || (d.fixes ?? []).some((f) => f.edits.some((e) => !ok(e.span)))) bad.push(d);
  }
  return bad;
}
