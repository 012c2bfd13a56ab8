/**
 * VS Code extension entry: starts the bundled ZhengCe language server (out/server.js)
 * over stdio and connects it with vscode-languageclient. All language features come
 * from the server; this file launches it, passes the user's settings, and shows the
 * results of the code lenses' commands where they can be read:
 *  - 求值示例 → a webview panel with the decision table (out/webview.js, the
 *    playground's table code, web/decisions.ts);
 *  - 核查 → progress while it runs; the findings are in the Problems panel (the server
 *    publishes them as diagnostics); a notification sums them up.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { workspace, window, commands, ViewColumn, ProgressLocation, type ExtensionContext, type WebviewPanel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

const EVAL_COMMAND = 'zhengce.evalExample';
const VERIFY_COMMAND = 'zhengce.verify';

interface CommandResult {
  readonly ok: boolean;
  readonly message: string;
  readonly decisions?: unknown;
}

let client: LanguageClient | undefined;
let panel: WebviewPanel | undefined;

/** JSON that can sit inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function nonce(): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)];
  return s;
}

let panelScript: string | undefined;

/**
 * The 求值示例 panel (one, reused), showing `result` for `measure`. The panel's script
 * (out/webview.js) is inlined with a nonce: the page loads no resource at all, so it
 * works the same in desktop VS Code, code-server and vscode.dev-like hosts.
 */
function showEvalPanel(context: ExtensionContext, measure: string, result: CommandResult): void {
  if (!panel) {
    panel = window.createWebviewPanel('zhengce.evalExample', `求值示例：${measure}`, { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => (panel = undefined), undefined, context.subscriptions);
  }
  panel.title = `求值示例：${measure}`;
  const web = panel.webview;
  panelScript ??= readFileSync(context.asAbsolutePath(path.join('out', 'webview.js')), 'utf8').replace(/<\/script/gi, '<\\/script');
  const n = nonce();
  web.html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${n}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 12px; }
  .message { white-space: pre-wrap; } .message.error { color: var(--vscode-errorForeground); }
  .summary { color: var(--vscode-descriptionForeground); }
  table.decisions { width: 100%; border-collapse: collapse; }
  table.decisions th, table.decisions td { border: 1px solid var(--vscode-panel-border, #8884); padding: 5px 7px; text-align: left; vertical-align: top; }
  table.decisions th { background: var(--vscode-editorWidget-background); font-weight: 600; white-space: nowrap; }
  td.outcomes .value, td.clause .label { white-space: nowrap; } td.outcomes .value { font-weight: 600; }
  td.outcomes .unconfirmed, .status-存疑 { color: var(--vscode-editorWarning-foreground); }
  td.reasons ul { margin: 0; padding-left: 16px; }
  .status-适用 { color: var(--vscode-testing-iconPassed, #1a7f37); font-weight: 600; }
  .status-不适用 { color: var(--vscode-descriptionForeground); }
  .status-未生效, .status-已废止 { color: var(--vscode-errorForeground); }
</style>
<script type="application/json" id="zhengce-data" nonce="${n}">${scriptJson({ measure, ok: result.ok, message: result.message, decisions: result.decisions })}</script>
</head><body><div id="root"></div><script nonce="${n}">${panelScript}</script></body></html>`;
  panel.reveal(ViewColumn.Beside, true);
}

function showVerifyResult(result: CommandResult): void {
  if (!result.ok) {
    void window.showWarningMessage(result.message);
    return;
  }
  const open = '打开“问题”面板';
  void window.showInformationMessage(result.message, open).then((choice) => {
    if (choice === open) void commands.executeCommand('workbench.actions.view.problems');
  });
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const config = workspace.getConfiguration('zhengce');
  const clientOptions: LanguageClientOptions = {
    // YAML: case and scenario files carry the explain code lenses (server/src/explain-lens.ts)
    documentSelector: [{ language: 'zhengce' }, { scheme: 'file', pattern: '**/*.{yaml,yml}' }],
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{zc,yaml,yml,txt}') },
    initializationOptions: {
      debounceMs: config.get<number>('diagnostics.debounceMs', 150),
      verifyRuns: config.get<number>('verify.runs', 200),
      showsCommandResults: true,
    },
    outputChannelName: 'ZhengCe 政策',
    middleware: {
      executeCommand: async (command, args, next) => {
        const measure = typeof args[1] === 'string' ? args[1] : '';
        if (command === VERIFY_COMMAND) {
          const r = (await window.withProgress({ location: ProgressLocation.Notification, title: `核查“${measure}”所属的政策…` }, () => Promise.resolve(next(command, args)))) as CommandResult | undefined;
          if (r) showVerifyResult(r);
          return r;
        }
        const r = (await next(command, args)) as CommandResult | undefined;
        if (command === EVAL_COMMAND && r) showEvalPanel(context, measure, r);
        return r;
      },
    },
  };
  client = new LanguageClient('zhengce', 'ZhengCe 政策语言服务', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    void window.showErrorMessage(`ZhengCe 语言服务启动失败：${(e as Error).message}`);
  }
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
