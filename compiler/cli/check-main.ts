/**
 * `zhengce check …` without the rest of the CLI: the same as main.ts's `main(['check', …])` — the same
 * runner, standard error made safe, usage and internal errors reported the same way (run-command.ts) —
 * for the bundle's own entry point for `check` (scripts/bundle-cli.mjs → dist/cli-bundle/check-main.js,
 * one file): bin/zhengce.js runs it for `zhengce check` while the bundle is fresh, so a check loads one
 * module instead of main.js and a dozen chunks one after the other (docs/check-timings.md).
 * Input: the arguments after `check`. Output: exit code. Never throws.
 */
import { processIo, type Io } from './common.js';
import { runCheck } from './check.js';
import { runCommand, safeIo } from './run-command.js';

/** `zhengce check <argv>`: exit code (0 ok, 1 findings, 2 usage). */
export function mainCheck(argv: string[], ioIn: Io = processIo): Promise<number> {
  return runCommand('check', runCheck, argv, safeIo(ioIn));
}
