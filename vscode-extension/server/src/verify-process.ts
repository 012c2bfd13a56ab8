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
 * The same child answers an `ExplainRequest` (a code lens on a case or scenario file): the
 * explanation of the case (`zhengce explain`), rendered as its Chinese text.
 */
import { dirname } from 'node:path';
import { memoryHost, nodeHost, type Host } from '../../../compiler/project/host.js';
import { loadPolicies, readEvents } from '../../../compiler/project/policies.js';
import { policyRegistry } from '../../../compiler/project/events.js';
import { verifyPolicies } from '../../../compiler/verify/verify.js';
import { findScenarioFiles, runScenariosWith } from '../../../compiler/cli/test.js';
import type { Finding } from '../../../compiler/verify/finding.js';
import type { Diagnostic } from '../../../compiler/diagnostics/diagnostic.js';
import { explain, type ExplainReport } from '../../../compiler/explain/explain.js';
import { renderExplainText } from '../../../compiler/explain/render.js';
import { InputError } from '../../../compiler/interpret/decision.js';

export interface VerifyRequest {
  readonly root: string;
  readonly overlays: Readonly<Record<string, string>>;
  readonly runs: number;
  readonly timeoutMs: number;
}

/** `explain` for one case (a code lens on a case or scenario file, explain-lens.ts). */
export interface ExplainRequest {
  readonly kind: 'explain';
  readonly root: string;
  readonly overlays: Readonly<Record<string, string>>;
  readonly facts: unknown;
  readonly date: string;
  /** The case's own events; absent: the policy directory's events.yaml, else the one a directory up (registryOf, as 核查), or none. */
  readonly events?: unknown;
  readonly timeoutMs: number;
}

/**
 * The registry a run used (`events`; `fromUp` when it is the one a directory up, the policy directory having
 * none: `missing`) — or, with none, the one it looked for (`missing`); for explain, `own` when the case gave its 事件.
 */
export interface EventsUsed { readonly events: string | undefined; readonly missing?: string; readonly own?: true; readonly fromUp?: true }

export type ExplainResponse = ({ readonly ok: true; readonly text: string; readonly report: ExplainReport } & EventsUsed) | { readonly ok: false; readonly message: string };

export type VerifyResponse =
  | ({ readonly ok: true; readonly findings: readonly Finding[]; readonly texts: Readonly<Record<string, string>>; readonly millis: number } & EventsUsed)
  | { readonly ok: false; readonly message: string; readonly diagnostics?: readonly Diagnostic[] };

/**
 * The events of a policy rooted at `root` when no case gives its own, by the CLI's rule (policyRegistry): the
 * policy directory's events.yaml; without one, the events.yaml one directory up that the CLI names
 * (`policies/events.yaml` beside `policies/luanchuan/`, which `zhengce verify` of `policies/` uses) — used
 * here, where there is no `--events` to ask for it with, and said (`fromUp`). Read strictly (a broken
 * registry is its first problem, never "no events").
 */
function registryOf(host: Host, root: string): { ok: true; list: unknown[]; used: EventsUsed } | { ok: false; message: string } {
  const reg = policyRegistry(host, root);
  const path = reg.exists ? reg.path : reg.up;
  if (path === undefined) return { ok: true, list: [], used: { events: undefined, missing: reg.path } };
  const r = readEvents(host, path);
  if (!r.ok) return { ok: false, message: r.message };
  return { ok: true, list: Array.isArray(r.events) ? r.events : [], used: reg.exists ? { events: path } : { events: path, missing: reg.path, fromUp: true } };
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
  const reg = registryOf(host, req.root);
  if (!reg.ok) return reg;
  const eventList = reg.list;
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
  return { ok: true, findings: report.findings, ...reg.used, texts, millis: Math.round(performance.now() - t0) };
}

/** Explain one case against the policy rooted at `req.root` (the editor's buffers). */
export async function runExplain(req: ExplainRequest): Promise<ExplainResponse> {
  const host = memoryHost({ ...req.overlays }, nodeHost);
  const { policies, diagnostics } = loadPolicies([req.root], host);
  const p = policies.find((x) => x.program.root === req.root);
  if (!p) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    return { ok: false, message: errors.length ? `政策有 ${errors.length} 处错误，请先改正（${errors[0]!.code} ${errors[0]!.message}）` : `“${req.root}”不是政策的根文件` };
  }
  let events: unknown = req.events;
  let used: EventsUsed = { events: undefined, own: true };
  if (events === undefined) {
    const reg = registryOf(host, req.root);
    if (!reg.ok) return reg;
    events = reg.list;
    used = reg.used;
  }
  try {
    const report = await explain(p.ir, req.facts, req.date, events, { timeoutMs: req.timeoutMs });
    return { ok: true, text: renderExplainText(report), report, ...used };
  } catch (e) {
    // invalid facts: the InputError listing every problem, never an explanation
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}

// Entry point when forked: answer one request, then exit.
if (typeof process.send === 'function' && process.env['ZHENGCE_VERIFY_CHILD'] === '1') {
  process.once('message', (req: VerifyRequest | ExplainRequest) => {
    const run: Promise<VerifyResponse | ExplainResponse> = 'kind' in req && req.kind === 'explain'
      ? runExplain(req).catch((e: unknown): ExplainResponse => ({ ok: false, message: `解释失败：${(e as Error)?.stack ?? String(e)}` }))
      : runVerification(req as VerifyRequest).catch((e: unknown): VerifyResponse => ({ ok: false, message: `核查失败：${(e as Error)?.stack ?? String(e)}` }));
    void run.then((res) => process.send!(res, () => process.exit(0)));
  });
}
