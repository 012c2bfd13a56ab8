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

/**
 * Characters a terminal acts on: C0/C1 controls (but \n), DEL, bidi and other format
 * characters, lone surrogates. (A zero-width joiner is left out: the renderers keep it
 * inside emoji sequences, where it only joins glyphs.)
 */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u200c\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\p{Cs}/u;
