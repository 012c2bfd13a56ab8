#!/usr/bin/env node
// ZhengCe command line. The compiler is built into dist/ by `npm ci` (prepare script).
import { main } from '../dist/compiler/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
