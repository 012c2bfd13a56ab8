/**
 * Phase clock of `zhengce check --timings`: the passes say which phase they are in, the clock
 * adds the wall and CPU time between two switches to the phase that ran.
 * Input: `phaseClock.current?.enter(phase)` calls from the passes (lexer, AST builder, compile's
 * read / bind / check / 原文 steps, the CLI). Output: per phase the wall and CPU milliseconds,
 * and the switch log (`at`, `phaseAt`) the CLI uses to place each GC pause in its phase.
 *
 * Off (always, except under `--timings`) a hook costs one property read: `phaseClock.current`
 * is undefined. No Node module is imported here (the playground bundles the passes): the CPU
 * clock is given by the caller (`process.cpuUsage` in the CLI).
 *
 * INVARIANT: time is exclusive — every moment between `start` and the last switch belongs to
 * exactly one phase, so the phases add up to the wall time measured (the CLI test checks it).
 */

/** The phases, in the order the report lists them. */
export const PHASES = ['startup', 'read', 'lex', 'parse', 'ast', 'bind', 'check', 'quotes', 'output', 'other'] as const;
export type Phase = (typeof PHASES)[number];

const INDEX: Record<Phase, number> = Object.fromEntries(PHASES.map((p, i) => [p, i])) as Record<Phase, number>;

/** Wall and CPU time per phase since `start`. */
export class PhaseClock {
  /** Milliseconds of wall time per phase (indexed as PHASES). */
  readonly wallMs = new Float64Array(PHASES.length);
  /** Milliseconds of CPU time (user + system, all threads of the process) per phase. */
  readonly cpuMs = new Float64Array(PHASES.length);
  /** Switch log: at `at[k]` (ms, the wall clock's time) phase `phaseAt[k]` began. */
  readonly at: number[] = [];
  readonly phaseAt: number[] = [];
  private phase: number;
  private lastWall: number;
  private lastCpu: number;

  /**
   * @param wall  milliseconds since process start (`performance.now()`)
   * @param cpu   CPU milliseconds of the process so far
   * @param first the phase running now; the time before now is counted as `startup`
   */
  constructor(private readonly wall: () => number, private readonly cpu: () => number, first: Phase = 'other') {
    this.lastWall = wall();
    this.lastCpu = cpu();
    this.wallMs[INDEX.startup] = this.lastWall;
    this.cpuMs[INDEX.startup] = this.lastCpu;
    this.at.push(0, this.lastWall);
    this.phaseAt.push(INDEX.startup, INDEX[first]);
    this.phase = INDEX[first];
  }

  /** Switch to `p`; returns the phase that was running (to switch back to). */
  enter(p: Phase): Phase {
    const prev = PHASES[this.phase]!;
    const i = INDEX[p];
    if (i === this.phase) return prev;
    this.tick();
    this.phase = i;
    this.at.push(this.lastWall);
    this.phaseAt.push(i);
    return prev;
  }

  /** Book the time since the last switch to the running phase; returns the wall clock now. */
  tick(): number {
    const w = this.wall();
    const c = this.cpu();
    this.wallMs[this.phase]! += w - this.lastWall;
    this.cpuMs[this.phase]! += c - this.lastCpu;
    this.lastWall = w;
    this.lastCpu = c;
    return w;
  }

  /** The phase running at wall time `t` (ms since process start). */
  phaseOf(t: number): Phase {
    let lo = 0;
    let hi = this.at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.at[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return PHASES[this.phaseAt[lo]!]!;
  }
}

/** The clock the passes report to: set only while `zhengce check --timings` runs. */
export const phaseClock: { current: PhaseClock | undefined } = { current: undefined };

/** `f()` booked to phase `p` when a clock runs (then back to the phase that was running). */
export function timed<T>(p: Phase, f: () => T): T {
  const c = phaseClock.current;
  if (!c) return f();
  const prev = c.enter(p);
  try {
    return f();
  } finally {
    c.enter(prev);
  }
}
