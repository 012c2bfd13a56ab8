/**
 * Module resolve hook, registered by bin/zhengce.js: the specifier 'chevrotain' → the package's own
 * single-file ESM build (lib/chevrotain.mjs, shipped in the same package, same version) instead of
 * its entry lib/src/api.js. Input: a specifier being resolved. Output: its URL.
 * Why: api.js is ~100 modules plus the lodash-es modules they import, each resolved, read and
 * compiled on every run of the CLI — ~0.6 s of CPU, the largest part of the fixed cost of a
 * command such as `zhengce batch` on 100 rows (docs/sql.md §4); the bundle costs next to nothing.
 * INVARIANT: every 'chevrotain' in the process resolves to the same file (one copy of its classes:
 * token types and the parser's instanceof checks agree).
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const entry = createRequire(import.meta.url).resolve('chevrotain');
// …/chevrotain/lib/src/api.js → …/chevrotain/lib/chevrotain.mjs (else: the entry, unchanged)
const candidate = entry.replace(/[\\/]src[\\/]api\.js$/, '/chevrotain.mjs');
const bundle = candidate !== entry && existsSync(candidate) ? pathToFileURL(candidate).href : undefined;

export async function resolve(specifier, context, next) {
  if (specifier === 'chevrotain' && bundle) return { url: bundle, format: 'module', shortCircuit: true };
  return next(specifier, context);
}
