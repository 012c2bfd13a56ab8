/**
 * Build: lowered policies → the files of generated/ (evaluators, JSON Schemas, docs).
 * Input: paths + Host. Output: a map of relative path → content, or diagnostics.
 * `writeGenerated` writes it; `checkGenerated` compares it byte-for-byte with disk.
 * INVARIANT: the output depends only on the policy sources (no timestamps, sorted
 * maps), so generated/ is byte-identical from run to run.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { Host } from '../project/host.js';
import { loadPolicies, type LoweredPolicy } from '../project/policies.js';
import type { CompileResult } from '../project/program.js';
import { emitTypeScript } from './typescript.js';
import { emitDocs } from './docs.js';
import { emitSql } from '../sql/emit.js';

export interface BuildOutput {
  readonly files: Map<string, string>;
  readonly policies: LoweredPolicy[];
  readonly result: CompileResult;
  readonly diagnostics: Diagnostic[];
}

/** Everything `zhengce build` writes, relative to the output directory. */
export function buildGenerated(paths: readonly string[], host: Host, what: { evaluators: boolean; docs: boolean } = { evaluators: true, docs: true }): BuildOutput {
  const { result, policies, diagnostics } = loadPolicies(paths, host);
  const files = new Map<string, string>();
  if (hasErrors(diagnostics)) return { files, policies, result, diagnostics };
  if (what.evaluators) {
    for (const p of policies) for (const [rel, text] of emitTypeScript(p.ir)) files.set(`${p.ir.policy.id}/${rel}`, text);
    // SQL (compiler/sql): a policy the SQL pass cannot express exactly gets no SQL files, and a
    // warning saying why (the evaluators and docs are still written).
    for (const p of policies) {
      for (const dialect of ['duckdb', 'postgres'] as const) {
        const r = emitSql(p.ir, dialect);
        for (const d of r.diagnostics) if (dialect === 'duckdb') diagnostics.push({ ...d, severity: 'warning' });
        if (!r.value) continue;
        files.set(`${p.ir.policy.id}/policy.${dialect}.sql`, r.value.policy);
        files.set(`${p.ir.policy.id}/input.${dialect}.sql`, r.value.input);
      }
    }
  }
  if (what.docs) {
    // a budget page exists for a policy with a population profile (a source file beside the policy)
    for (const [rel, text] of emitDocs(policies.map((p) => ({ ir: p.ir, checked: p.program.checked, budget: host.readFile(join(dirname(p.program.root), '人口画像.yaml')) !== undefined })))) files.set(`docs/${rel}`, text);
  }
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), policies, result, diagnostics };
}

/** Directories build owns inside the output dir (stale files there are removed / reported). */
function ownedDirs(files: Map<string, string>): string[] {
  return [...new Set([...files.keys()].map((f) => f.split('/')[0]!))].filter((d) => d !== 'docs' || [...files.keys()].some((f) => f.startsWith('docs/')));
}

function listFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p).split('\\').join('/'));
    }
  };
  walk(abs);
  return out;
}

/** Files that would change: written differently, missing, or stale (left over). */
export function diffGenerated(outDir: string, files: Map<string, string>, keep: (rel: string) => boolean = () => false): { changed: string[]; missing: string[]; stale: string[] } {
  const changed: string[] = [];
  const missing: string[] = [];
  for (const [rel, text] of files) {
    const p = join(outDir, rel);
    if (!existsSync(p)) missing.push(rel);
    else if (readFileSync(p, 'utf8') !== text) changed.push(rel);
  }
  const stale = ownedDirs(files).flatMap((d) => listFiles(outDir, d)).filter((rel) => !files.has(rel) && !keep(rel));
  return { changed, missing, stale };
}

/** Write the files, removing stale ones in owned directories. Returns what changed. */
export function writeGenerated(outDir: string, files: Map<string, string>, keep: (rel: string) => boolean = () => false): { written: string[]; removed: string[] } {
  const d = diffGenerated(outDir, files, keep);
  for (const rel of [...d.changed, ...d.missing]) {
    const p = join(outDir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, files.get(rel)!);
  }
  for (const rel of d.stale) rmSync(join(outDir, rel));
  return { written: [...d.changed, ...d.missing].sort(), removed: d.stale };
}
