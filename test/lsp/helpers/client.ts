/**
 * A real LSP client for the protocol tests: bundles the server with esbuild (the same
 * bundle the .vsix ships), spawns it over stdio and talks JSON-RPC through
 * vscode-languageserver-protocol. Every request has a time limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  type ProtocolConnection, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent, type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { buildServer } from '../../../vscode-extension/scripts/build.mjs';

export const REPO = join(import.meta.dirname, '..', '..', '..');
export const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'ws');
export const uriOf = (path: string) => pathToFileURL(path).href;

let bundled: Promise<string> | undefined;
let bundleDir: string | undefined;

/** Bundle the server once per test file (process). */
export function serverBundle(): Promise<string> {
  if (!bundled) {
    bundleDir = mkdtempSync(join(tmpdir(), 'zhengce-lsp-'));
    bundled = buildServer(bundleDir);
  }
  return bundled;
}

export function cleanupBundle(): void {
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`超时（${ms} 毫秒）：${what}`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e as Error); });
  });
}

export interface StartOptions {
  readonly root?: string;
  readonly initializationOptions?: Record<string, unknown>;
  readonly requestTimeoutMs?: number;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: { type: number; message: string }[] = [];
  readonly stderr: string[] = [];
  private waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private versions = new Map<string, number>();
  exited = false;
  initResult!: InitializeResult;

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection, readonly timeoutMs: number) {}

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const server = await serverBundle();
    const proc = spawn(process.execPath, [server, '--stdio'], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new LspClient(proc, conn, opts.requestTimeoutMs ?? 5000);
    proc.stderr!.setEncoding('utf8').on('data', (s: string) => c.stderr.push(s));
    proc.on('exit', () => (c.exited = true));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = c.diagnostics.get(p.uri) ?? [];
      list.push(p);
      c.diagnostics.set(p.uri, list);
      c.waiters = c.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => { c.messages.push(p); });
    conn.onNotification('window/logMessage', () => {});
    conn.onRequest('window/showMessageRequest', () => null);
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('workspace/configuration', () => []);
    conn.listen();
    const root = opts.root ?? FIXTURE;
    c.initResult = await withTimeout(conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: 'ws' }],
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
      initializationOptions: { debounceMs: 150, today: '2025-06-01', ...opts.initializationOptions },
    }), 20_000, 'initialize');
    await conn.sendNotification(InitializedNotification.type, {});
    return c;
  }

  request<R>(method: string, params: unknown, ms = this.timeoutMs): Promise<R> {
    return withTimeout(this.conn.sendRequest(method, params) as Promise<R>, ms, method);
  }

  async open(path: string, text: string, version = 1): Promise<string> {
    const uri = uriOf(path);
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'zhengce', version, text } });
    return uri;
  }

  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** The next (or an already received) publication for `uri` matching `pred`. */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 10_000, includePast = true): Promise<PublishDiagnosticsParams> {
    if (includePast) {
      const past = (this.diagnostics.get(uri) ?? []).filter(pred);
      if (past.length) return Promise.resolve(past[past.length - 1]!);
    }
    return withTimeout(new Promise((resolve) => this.waiters.push({ uri, pred, resolve })), ms, `publishDiagnostics ${decodeURIComponent(uri)}`);
  }

  /** Diagnostics published for the document's current version. */
  current(uri: string, ms = 10_000): Promise<PublishDiagnosticsParams> {
    const v = this.version(uri);
    return this.waitForDiagnostics(uri, (p) => p.version === v, ms);
  }

  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    const l = this.diagnostics.get(uri);
    return l?.[l.length - 1];
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await withTimeout(this.conn.sendRequest(ShutdownRequest.type), 5000, 'shutdown');
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      /* killed below */
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}
