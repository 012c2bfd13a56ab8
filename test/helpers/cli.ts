/**
 * The CLI in-process: `main(argv, io)` from the TypeScript sources with captured
 * stdout/stderr — the same dispatcher, argument parsing and exit codes as
 * `bin/zhengce.js`, without a process per call (tests that loop over hundreds of
 * inputs). Exit code 70 means an internal error (a crash) escaped a command.
 */
import { main } from '../../compiler/cli/main.js';
import { REPO_DIR } from './golden.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Run `zhengce …argv` in this process; `cwd` is what paths are shown relative to. */
export async function runMain(argv: readonly string[], cwd: string = REPO_DIR): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main([...argv], { out: (s) => void (out += s), err: (s) => void (err += s), cwd, color: false });
  return { code, out, err };
}

/** Characters a terminal acts on: C0/C1 controls (but \n), DEL, bidi and other format characters. */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
