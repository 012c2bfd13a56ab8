/**
 * Running one command of the CLI: what `main` (main.ts) does around every command, shared with the
 * bundle's separate entry point for `zhengce check` (check-main.ts), which must not load main.ts's
 * command table. Input: the command's name and runner, its arguments, an Io. Output: exit code
 * (a usage error → 2 with the command's help hint; an internal error → 70). Never throws.
 */
import { UsageError, EXIT_USAGE, type Io } from './common.js';
import { terminalSafe } from '../diagnostics/terminal-safe.js';

/**
 * `io` with standard error made safe for a terminal.
 * INVARIANT: standard error is always text for people: no control character from a file name, an
 * argument or a policy reaches the terminal raw (see terminalSafe).
 */
export function safeIo(io: Io): Io {
  return { ...io, err: (s) => io.err(terminalSafe(s)) };
}

/** Run command `cmd` (its runner `run`) on `argv`; `io` as `safeIo` gives it. */
export async function runCommand(cmd: string, run: (argv: string[], io: Io) => number | Promise<number>, argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n（用 zhengce ${cmd} --help 查看用法）\n`);
      return EXIT_USAGE;
    }
    // INVARIANT: reaching here is a compiler bug, never a user-input problem.
    io.err(`内部错误（这是 ZhengCe 的缺陷，请报告）：${(e as Error).stack ?? e}\n`);
    return 70;
  }
}
