/**
 * Benchmark section "badline": `zhengce check --format json` on one long line of N
 * unrecognised characters (issue 14 §7: one diagnostic per character, each column
 * counted from the line start, made this quadratic — 8.5 s at 32k, 236 s at 200k).
 * Two inputs per size: N copies of one character (U+0001; merged into one ZC0101) and N
 * characters cycling through 64 different unrecognised ones (at most 100 diagnostics
 * plus one count). Prints the median wall time, ms per 1,000 characters (flat when
 * linear) and the number of diagnostics. Never fails on time; fails if the output is
 * not the expected diagnostics.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fix, int, median, table, timeNode } from './util.mjs';

const CLI = join(ROOT, 'bin', 'zhengce.js');
const SIZES = [32_000, 64_000, 200_000];
/** 64 distinct code points the lexer does not recognise. */
const VARIED = Array.from({ length: 64 }, (_, i) => String.fromCodePoint(0x2600 + i));

export default {
  name: 'badline',
  title: 'check --format json on one line of N unrecognised characters',
  /** @param {{ runs: number, tmp: string, log: (s?: string) => void }} ctx */
  async run(ctx) {
    const { runs, log } = ctx;
    const rows = [['input', 'N', 'median ms', 'ms per 1k chars', 'diagnostics']];
    const summary = {};
    for (const n of SIZES) {
      for (const kind of ['same', 'varied']) {
        const file = join(ctx.tmp, `${kind}-${n}.zc`);
        writeFileSync(file, (kind === 'same' ? '\u0001'.repeat(n) : Array.from({ length: n }, (_, i) => VARIED[i % VARIED.length]).join('')) + '\n');
        const times = [];
        let count = 0;
        for (let r = 0; r < Math.min(runs, 3); r++) {
          const t = timeNode(CLI, ['check', '--format', 'json', file]);
          if (t.status !== 1) throw new Error(`${kind} ${n}: exit ${t.status} ${t.stderr.slice(0, 200)}`);
          count = JSON.parse(t.stdout).diagnostics.length;
          times.push(t.ms);
        }
        if (kind === 'same' ? count !== 1 : count > 101) throw new Error(`${kind} ${n}: ${count} diagnostics`);
        const ms = median(times);
        rows.push([kind === 'same' ? 'U+0001 × N' : '64 kinds cycling', int(n), int(ms), fix(ms / (n / 1000), 2), int(count)]);
        summary[`${kind}-${n}`] = { ms, diagnostics: count };
      }
    }
    log(table(rows));
    log('before the fix (issue 14): 8.5 s at 32k, 31 s at 64k, 236 s at 200k characters (one diagnostic per character)');
    return summary;
  },
};
