#!/usr/bin/env node
// ZhengCe command line. The compiler is built into dist/ by `npm ci` (prepare script).
import { register } from 'node:module';

// chevrotain from its single-file build (see chevrotain-bundle.mjs): registered before the CLI
// is imported, so the import below resolves it through the hook
register('./chevrotain-bundle.mjs', import.meta.url);
const { main } = await import('../dist/compiler/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
