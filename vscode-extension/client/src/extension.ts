/**
 * VS Code extension entry: starts the bundled ZhengCe language server (out/server.js)
 * over stdio and connects it with vscode-languageclient. All language features come
 * from the server; this file only launches it and passes the user's settings.
 */
import * as path from 'node:path';
import { workspace, window, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const config = workspace.getConfiguration('zhengce');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'zhengce' }],
    synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{zc,yaml,yml,txt}') },
    initializationOptions: {
      debounceMs: config.get<number>('diagnostics.debounceMs', 150),
      cliPath: config.get<string>('cliPath') || undefined,
      verifyRuns: config.get<number>('verify.runs', 200),
    },
    outputChannelName: 'ZhengCe 政策',
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
