/**
 * Process helpers shared by the benchmark sections.
 */
import { readFileSync } from 'node:fs';

/** CPU time (user + system, ms) of a process, from Linux /proc (10 ms ticks); NaN where unavailable. */
export function processCpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(parts[11]) + Number(parts[12])) * 10;
  } catch {
    return NaN;
  }
}
