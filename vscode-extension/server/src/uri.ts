/**
 * Document URIs ↔ compiler paths.
 * `file:` URIs become file-system paths (the compiler's Host reads them); any other
 * scheme (untitled:, vscode-vfs: …) is used verbatim as the path of an in-memory file.
 * The URI a client used for an open document is remembered and used when publishing,
 * so that clients which spell URIs differently (percent-encoding) still match.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export class UriMap {
  private byPath = new Map<string, string>();

  toPath(uri: string): string {
    let path = uri;
    if (uri.startsWith('file:')) {
      try {
        path = fileURLToPath(uri);
      } catch {
        path = uri;
      }
    }
    if (!this.byPath.has(path)) this.byPath.set(path, uri);
    return path;
  }

  /** Remember the client's spelling of an open document's URI. */
  remember(uri: string): string {
    const path = this.toPath(uri);
    this.byPath.set(path, uri);
    return path;
  }

  toUri(path: string): string {
    const known = this.byPath.get(path);
    if (known) return known;
    if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(path) && !/^[a-zA-Z]:[\\/]/.test(path)) return path;
    return pathToFileURL(path).href;
  }
}
