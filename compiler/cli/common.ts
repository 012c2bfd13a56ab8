/**
 * Shared CLI plumbing: argument parsing (node:util parseArgs), output, exit codes.
 * Exit codes (DESIGN.md §6): 0 ok, 1 findings/errors at the fail level, 2 usage error.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { SolverLimits } from '../verify/limits.js';
import { suggest } from '../semantics/binder.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
  color: boolean;
}

export const processIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  color: !!process.stdout.isTTY && !process.env['NO_COLOR'],
};

/**
 * parseArgs with Chinese usage errors: an unknown option is named with the closest known one
 * (`hints` adds a command's own advice for an option it does not take, e.g. verify's `--policy`),
 * a missing value or a value given to a flag says which option and what it expects.
 */
export function args(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  hints: Readonly<Record<string, string>> = {},
): { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] } {
  const all = { ...options, help: { type: 'boolean' as const, short: 'h' } };
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`参数错误：${usageMessage(e, all, hints, argv)}`);
  }
}

/** `hints` for a command that takes policy paths, not `--policy`: how to name one policy there. */
export function pathsNotPolicy(command: string): Record<string, string> {
  return { policy: `zhengce ${command} 按路径选择政策：把政策目录写在命令后面，例如“zhengce ${command} policies/luanchuan”。` };
}

/** node:util parseArgs's error (English, with a stable `code`) → the Chinese message; an unexpected error keeps its own text. */
function usageMessage(e: unknown, options: NonNullable<ParseArgsConfig['options']>, hints: Readonly<Record<string, string>>, argv: readonly string[]): string {
  const code = (e as { code?: unknown }).code;
  const message = String((e as Error).message);
  // Node quotes the option as it was written: '--name' / '-x' (unknown), '--name <value>' or '-h, --help' (value errors).
  const quoted = /'([^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    const name = quoted.replace(/^-+/, '').replace(/=.*$/, '');
    const hint = hints[name];
    if (hint !== undefined) return `不认识的选项“${quoted}”。${hint}`;
    // (`suggest` offers nothing for a one-character name: every candidate would be a full replacement)
    const close = suggest(name, Object.keys(options));
    return `不认识的选项“${quoted}”。${close !== undefined ? `是不是要写“--${close}”？` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const long = /--([^\s,<]+)/.exec(quoted)?.[1];
    if (long !== undefined && options[long]?.type === 'string') {
      // `--synthesize -1`: parseArgs takes a value that starts with "-" for the next option; say so, and how to give it
      const next = argv[argv.indexOf(`--${long}`) + 1];
      if (next !== undefined && /^-\d/.test(next)) return `选项“--${long}”后面的“${next}”以“-”开头，被当作了另一个选项；要把它作为取值，写成“--${long}=${next}”。`;
      return `选项“--${long}”缺少取值，应写成“--${long} 值”。`;
    }
    if (long !== undefined) return `选项“--${long}”不带取值（这里写成了“--${long}=…”）。`;
  }
  return message;
}

export type FailLevel = 'error' | 'warning' | 'note';
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export function parseFailLevel(v: string | undefined, dflt: FailLevel = 'error'): FailLevel {
  if (v === undefined) return dflt;
  if (v === 'error' || v === 'warning' || v === 'note') return v;
  throw new UsageError(`--fail-level 应为 error、warning 或 note，这里是“${v}”`);
}

/** Does any diagnostic reach the fail level? */
export function failsAt(ds: readonly Diagnostic[], level: FailLevel): boolean {
  const min = level === 'error' ? 3 : level === 'warning' ? 2 : 1;
  return ds.some((d) => RANK[d.severity] >= min);
}

export function parseFormat<F extends string>(v: string | undefined, allowed: readonly F[], dflt: F): F {
  if (v === undefined) return dflt;
  if ((allowed as readonly string[]).includes(v)) return v as F;
  throw new UsageError(`--format 应为 ${allowed.join('|')} 之一，这里是“${v}”`);
}

/**
 * `--timeout 毫秒` and `--rlimit N` of verify, diff and explain. Default: 5000 ms and no
 * resource limit. `--rlimit` alone gives deterministic answers (no wall-clock limit, see
 * verify/limits.ts); both given, both apply.
 */
export function parseSolverLimits(values: Record<string, unknown>): SolverLimits {
  const positive = (v: unknown, message: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(message);
    return n;
  };
  const rlimit = positive(values['rlimit'], '--rlimit 应为正整数（z3 资源上限）');
  const timeoutMs = positive(values['timeout'], '--timeout 应为正整数（毫秒）') ?? (rlimit !== undefined ? 0 : 5000);
  return rlimit !== undefined ? { timeoutMs, rlimit } : { timeoutMs };
}

/** Help text line for `--rlimit`. */
export const RLIMIT_HELP = '每个求解查询的确定性资源上限（z3 rlimit，如 5000000）；只给 --rlimit 时不限时，结果与机器负载无关';
