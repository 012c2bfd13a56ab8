/**
 * 核查 (verification) in a child process of the language server: `out/verify.js`, forked
 * by commands.ts with an IPC channel. The extension therefore verifies on its own — the
 * verifier is bundled like the rest of the compiler, z3-solver's WASM is shipped beside
 * the bundle — and needs no checkout or CLI.
 *
 * Why a child process and not the server itself: the SMT and property-based engines
 * run for seconds with synchronous stretches, the solver's WASM heap is hundreds of
 * MB; in a child the server keeps answering the editor, a time limit can kill a run,
 * and the memory is returned when it ends.
 *
 * Input (one IPC message, `VerifyRequest`): the policy's root file, the unsaved editor
 * buffers (verified as the drafter sees them, not as saved), the number of random
 * cases per property and the SMT time limit per query.
 * Output (one IPC message, `VerifyResponse`): the findings of `verifyPolicies` (the same
 * as `zhengce verify`, including the policy's scenario tests), the events registry used,
 * and the texts of the files the findings' spans refer to.
 */
import { dirname, join } from 'node:path';
import { memoryHost, nodeHost, type Host } from '../../../compiler/project/host.js';
import { loadPolicies, readEvents } from '../../../compiler/project/policies.js';
import { verifyPolicies } from '../../../compiler/verify/verify.js';
import { findScenarioFiles, runScenariosWith } from '../../../compiler/cli/test.js';
import type { Finding } from '../../../compiler/verify/finding.js';
import type { Diagnostic } from '../../../compiler/diagnostics/diagnostic.js';

export interface VerifyRequest {
  readonly root: string;
  readonly overlays: Readonly<Record<string, string>>;
  readonly runs: number;
  readonly timeoutMs: number;
}

export type VerifyResponse =
  | { readonly ok: true; readonly findings: readonly Finding[]; readonly events: string | undefined; readonly texts: Readonly<Record<string, string>>; readonly millis: number }
  | { readonly ok: false; readonly message: string; readonly diagnostics?: readonly Diagnostic[] };

/** The nearest `events.yaml` (the registry of higher-level policy events) above the policy. */
export function findEvents(host: Host, root: string): string | undefined {
  let dir = dirname(root);
  for (let i = 0; i < 40; i++) {
    const p = join(dir, 'events.yaml');
    if (host.readFile(p) !== undefined) return p;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** Run the verification suite for the policy rooted at `req.root`. */
export async function runVerification(req: VerifyRequest): Promise<VerifyResponse> {
  const t0 = performance.now();
  const host = memoryHost({ ...req.overlays }, nodeHost);
  const { result, policies, diagnostics } = loadPolicies([req.root], host);
  const mine = policies.filter((p) => p.program.root === req.root);
  if (!mine.length) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return { ok: false, message: errors.length ? `政策有 ${errors.length} 处错误，请先改正（${errors[0]!.code} ${errors[0]!.message}）` : `“${req.root}”不是政策的根文件`, diagnostics: errors };
  }
  const events = findEvents(host, req.root);
  let eventList: unknown[] = [];
  if (events) {
    const r = readEvents(host, events);
    if (!r.ok) return { ok: false, message: r.message };
    eventList = Array.isArray(r.events) ? r.events : [];
  }
  const scenarios = runScenariosWith(findScenarioFiles(host, [dirname(req.root)]), mine, host);
  const report = await verifyPolicies(mine, { timeoutMs: req.timeoutMs, pbtRuns: req.runs, events: eventList, scenarios: scenarios.results });
  const files = new Map([...result.files, ...scenarios.sources]);
  const texts: Record<string, string> = {};
  for (const f of report.findings) {
    for (const s of [f.span, ...f.related.map((r) => r.span)]) {
      const sf = files.get(s.file);
      if (sf && !(s.file in texts)) texts[s.file] = sf.text;
    }
  }
  return { ok: true, findings: report.findings, events, texts, millis: Math.round(performance.now() - t0) };
}

// Entry point when forked: answer one request, then exit.
if (typeof process.send === 'function' && process.env['ZHENGCE_VERIFY_CHILD'] === '1') {
  process.once('message', (req: VerifyRequest) => {
    runVerification(req)
      .catch((e: unknown): VerifyResponse => ({ ok: false, message: `核查失败：${(e as Error)?.stack ?? String(e)}` }))
      .then((res) => process.send!(res, () => process.exit(0)));
  });
}
