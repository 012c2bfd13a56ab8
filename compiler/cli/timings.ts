/**
 * `--timings` of `zhengce check` (like tsc's --extendedDiagnostics): where one run's time went.
 * Input: the phase clock the passes report to (compiler/common/timings.ts), the garbage
 * collector's pauses (perf_hooks 'gc' entries), the checked files. Output: a table, in Chinese,
 * of wall and CPU milliseconds per phase, the GC pauses within each, and the totals.
 *
 * Wall time is the main thread's; CPU time is the whole process's (user + system: also the GC's
 * and the JIT compiler's helper threads), so CPU may exceed wall. The start-up phase is the time
 * from the process's start (performance.timeOrigin) to the command's first line: Node's own
 * start, loading and compiling the CLI's modules.
 */
import { PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';
import { PHASES, PhaseClock, phaseClock, type Phase } from '../common/timings.js';

/** Chinese label of each phase (English in docs/cli.md's --timings section). */
export const PHASE_LABELS: Record<Phase, string> = {
  startup: '启动（Node 与模块加载）',
  read: '读取文件',
  lex: '词法分析',
  parse: '语法分析',
  ast: '构建语法树',
  bind: '绑定',
  check: '类型与单位检查',
  quotes: '原文与参数核对',
  output: '输出',
  other: '其他（发现文件、导入、分组、排序）',
};

/** A running measurement: `stop` ends it and gives the table. */
export interface Timings {
  stop(lines: number): Promise<string>;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Start the phase clock (the time so far is start-up) and watch the garbage collector. */
export function startTimings(): Timings {
  const gc: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push(e);
  });
  observer.observe({ entryTypes: ['gc'] });
  const clock = new PhaseClock(() => performance.now(), cpuMs, 'other');
  phaseClock.current = clock;
  return {
    async stop(lines) {
      const end = clock.tick();
      phaseClock.current = undefined;
      // (Node queues GC entries from the collector's epilogue to the event loop: let them arrive, then take the rest)
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 1));
      for (const e of observer.takeRecords()) gc.push(e);
      observer.disconnect();
      return report(clock, gc, end, cpuMs(), lines);
    },
  };
}

/** Lines of a text as the benchmark counts them: line feeds, plus one for a last line without one. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length && !text.endsWith('\n') ? n + 1 : n;
}

const ms = (x: number): string => x.toFixed(0);

function report(clock: PhaseClock, gc: PerformanceEntry[], wallEnd: number, cpuEnd: number, lines: number): string {
  const gcMs = new Float64Array(PHASES.length);
  let minor = 0;
  let minorMs = 0;
  let major = 0;
  let majorMs = 0;
  for (const e of gc) {
    gcMs[PHASES.indexOf(clock.phaseOf(e.startTime))]! += e.duration;
    // (perf_hooks' kinds: 1 minor (scavenge), 2 major (mark-compact), 4 incremental marking, 8 weak callbacks)
    const kind = ((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind;
    if (kind === 1) {
      minor++;
      minorMs += e.duration;
    } else {
      major++;
      majorMs += e.duration;
    }
  }
  const rows: string[][] = [['阶段', '墙钟 ms', 'CPU ms', '其中 GC ms']];
  let wallSum = 0;
  let cpuSum = 0;
  let gcSum = 0;
  PHASES.forEach((p, i) => {
    wallSum += clock.wallMs[i]!;
    cpuSum += clock.cpuMs[i]!;
    gcSum += gcMs[i]!;
    rows.push([PHASE_LABELS[p], ms(clock.wallMs[i]!), ms(clock.cpuMs[i]!), ms(gcMs[i]!)]);
  });
  rows.push(['合计', ms(wallSum), ms(cpuSum), ms(gcSum)]);
  const width = (s: string): number => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  const cols = rows[0]!.map((_, j) => Math.max(...rows.map((r) => width(r[j]!))));
  const line = (r: string[]): string => r.map((c, j) => (j === 0 ? c + ' '.repeat(cols[j]! - width(c)) : ' '.repeat(cols[j]! - width(c)) + c)).join('  ');
  const boot = performance.nodeTiming.bootstrapComplete;
  return [
    '',
    '耗时（--timings）：',
    ...rows.map(line),
    `（启动中 Node 自身启动 ${ms(boot)} ms；墙钟从进程启动算起，共 ${ms(wallEnd)} ms；CPU 为整个进程的用户态 + 内核态时间，含 GC 与编译线程，共 ${ms(cpuEnd)} ms）`,
    `垃圾回收：${gc.length} 次暂停共 ${ms(minorMs + majorMs)} ms（新生代 ${minor} 次 ${ms(minorMs)} ms，老生代与增量标记 ${major} 次 ${ms(majorMs)} ms）`,
    `速度：${lines} 行，每秒 ${ms(lines / (wallEnd / 1000))} 行（按墙钟），每秒 ${ms(lines / (cpuEnd / 1000))} 行（按 CPU）`,
    '',
  ].join('\n');
}
