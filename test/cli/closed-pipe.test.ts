/**
 * A reader that stops early — `zhengce eval … | head`, a pager quit — must not make the CLI print
 * Node's 'Unhandled error event' / EPIPE stack trace: bin/zhengce.js ends quietly with 141
 * (128 + SIGPIPE, what a shell reports for a process whose pipe closed).
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ensureDist } from '../helpers/dist.js';
import { REPO_DIR } from '../helpers/golden.js';

describe('output into a pipe closed early', () => {
  it('eval | head: no stack trace on stderr, exit 141', async () => {
    ensureDist();
    const child = spawn(process.execPath, [BIN, 'eval', '--events', 'none', '--date', '2024-06-01', 'examples/case-third-child.yaml'], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => void (err += s));
    // close our end before the CLI has started writing (it takes ~0.5 s to start): its write then finds
    // no reader — deterministic, unlike reading a first chunk (the rest may already be in the pipe)
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(err).not.toMatch(/EPIPE|Unhandled|at .*node:internal/u);
    expect(code).toBe(141);
  }, 60_000);
});
