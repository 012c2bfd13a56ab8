/**
 * Solver limits (verify, diff, explain): a wall-clock time limit per query, or z3's
 * deterministic resource limit (`rlimit`), or both.
 *
 * Input: the limits chosen by the caller → sets them on a z3 solver, and words them for
 * messages (ZC0915, ZC1305, explain's notes).
 *
 * A wall-clock limit depends on the machine's load: the same query can be decided on an idle
 * machine and not on a busy one. What is published in generated/ (`zhengce start`) therefore
 * uses only the resource limit, whose outcome is the same on every run and machine.
 */

/** Limits on one solver query. */
export interface SolverLimits {
  /** Wall-clock limit per query in milliseconds; 0 = none (then `rlimit` must be set). */
  readonly timeoutMs: number;
  /** z3's resource limit per query (`rlimit`, counted from the start of each check; deterministic). */
  readonly rlimit?: number;
}

/**
 * The resource limit used for what is published in generated/: about 100× the heaviest query
 * of the county encoding (≈ 55,000 units, about 1 s of CPU).
 */
export const PUBLISHED_RLIMIT = 5_000_000;

/** Set the limits on a z3 solver (`new Z.Solver()`). */
export function applyLimits(solver: { set(key: string, value: number): void }, l: SolverLimits): void {
  // INVARIANT: without a wall-clock limit z3 starts no timer thread, so the outcome depends only on the query.
  if (l.rlimit !== undefined && l.rlimit > 0) solver.set('rlimit', l.rlimit);
  if (l.timeoutMs > 0) solver.set('timeout', l.timeoutMs);
}

/** “5000 毫秒内” / “资源上限（rlimit 5000000）内” / both, for messages. */
export function limitText(l: SolverLimits): string {
  const parts: string[] = [];
  if (l.timeoutMs > 0) parts.push(`${l.timeoutMs} 毫秒`);
  if (l.rlimit !== undefined && l.rlimit > 0) parts.push(`资源上限（rlimit ${l.rlimit}）`);
  return `${parts.join('或') || '时限'}内`;
}
