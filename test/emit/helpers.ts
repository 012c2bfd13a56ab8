/**
 * Shared helpers for the emitter tests: find the policies that compile, lower them, and
 * load an emitted index.ts as a live module (transpiled with the typescript API).
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { compile } from '../../compiler/project/program.js';
import { nodeHost } from '../../compiler/project/host.js';
import { lower } from '../../compiler/ir/lower.js';
import type { IrProgram } from '../../compiler/ir/ir.js';

export interface LoadedPolicy {
  /** Display name: the root file. */
  readonly name: string;
  readonly ir?: IrProgram;
  /** Why the policy is not usable (compile or lowering errors). */
  readonly skipped?: string;
}

/** Every program with a 政策 under `dir` (each sub-directory compiled on its own). */
export function loadPolicies(dirs: readonly string[], opts: { requirePolicy?: boolean } = {}): LoadedPolicy[] {
  const out: LoadedPolicy[] = [];
  for (const dir of dirs) {
    const r = compile([dir], nodeHost);
    const programs = r.programs.filter((p) => !opts.requirePolicy || p.checked.policy);
    const globalErrors = r.diagnostics.filter((d) => d.severity === 'error' && !programs.some((p) => p.diagnostics.includes(d)));
    for (const p of programs) {
      const errors = p.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) {
        out.push({ name: p.root, skipped: `${errors.length} 个编译错误（${errors[0]!.code} ${errors[0]!.message}）` });
        continue;
      }
      const l = lower(p);
      const lerr = l.diagnostics.filter((d) => d.severity === 'error');
      if (lerr.length) {
        out.push({ name: p.root, skipped: `${lerr.length} 个降级错误（${lerr[0]!.message}）` });
        continue;
      }
      if (l.value.measures.length === 0) {
        out.push({ name: p.root, skipped: '没有可计算的措施' });
        continue;
      }
      out.push({ name: p.root, ir: l.value });
    }
    if (programs.length === 0) out.push({ name: dir, skipped: globalErrors.length ? `${globalErrors.length} 个编译错误` : '没有政策' });
  }
  return out;
}

/** Sub-directories of `root` (policies/<name>/). */
export function subdirs(root: string): string[] {
  return readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
    .map((n) => join(root, n));
}

/** The exports of a generated module. */
export interface GeneratedModule {
  evaluate(facts: unknown, date: unknown, events?: unknown): unknown;
  evaluateFast(facts: unknown, date: unknown, events?: unknown, options?: unknown): unknown;
  evaluateMany(rows: Iterable<unknown> | AsyncIterable<unknown>, date: unknown, events?: unknown, options?: unknown): Iterable<unknown> & AsyncIterable<unknown>;
  InputError: new (problems: unknown[]) => Error & { problems: unknown[] };
}

let tempDir: string | undefined;
let counter = 0;

/** Transpile index.ts to an ES module in a temp dir and import it. */
export async function importGenerated(source: string): Promise<GeneratedModule> {
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  tempDir ??= mkdtempSync(join(tmpdir(), 'zc-emit-'));
  const file = join(tempDir, `m${counter++}.mjs`);
  writeFileSync(file, js);
  return (await import(pathToFileURL(file).href)) as GeneratedModule;
}

/**
 * Transpile index.ts to CommonJS (reporting syntax errors) and evaluate it in-process
 * (no file I/O; for many modules). The module is undefined when there are syntax errors.
 */
export function loadGeneratedSync(source: string): { module?: GeneratedModule; syntaxErrors: string[] } {
  const r = ts.transpileModule(source, {
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
  });
  const syntaxErrors = (r.diagnostics ?? []).map((d) => `${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  if (syntaxErrors.length) return { syntaxErrors };
  const exports: Record<string, unknown> = {};
  new Function('exports', 'module', r.outputText)(exports, { exports });
  return { module: exports as unknown as GeneratedModule, syntaxErrors };
}

export function cleanupGenerated(): void {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

/** Outcome of one call, comparable across implementations. */
export type CallResult =
  | { readonly ok: string }
  | { readonly inputError: string; readonly message: string }
  | { readonly thrown: string };

export function call(f: () => unknown): CallResult {
  try {
    return { ok: JSON.stringify(f()) };
  } catch (e) {
    if (e instanceof Error && e.name === 'InputError') {
      return { inputError: JSON.stringify((e as Error & { problems: unknown }).problems), message: e.message };
    }
    return { thrown: e instanceof Error ? e.name : typeof e };
  }
}
