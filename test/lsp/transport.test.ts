/**
 * vscode-extension/server/src/transport.ts: with the patch, vscode-jsonrpc's own writer puts each
 * message on the stream in one write, and the bytes are exactly those it writes without the patch
 * (read back by its own reader).
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamMessageWriter, type Message } from 'vscode-languageserver-protocol/node';
import { oneWritePerMessage } from '../../vscode-extension/server/src/transport.js';

/** A stream that records each write it gets. */
function recorder(): Writable & { chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  }) as Writable & { chunks: Buffer[] };
  w.chunks = chunks;
  return w;
}

const messages: Message[] = [
  { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///县/第四章.zc', diagnostics: [{ message: '错误过多：𠀀', range: {} }] } } as Message,
  { jsonrpc: '2.0', id: 1, result: null } as Message,
  { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x'.repeat(70_000) } } as Message,
];

async function writeAll(patch: boolean): Promise<Buffer[]> {
  const out = recorder();
  if (patch) oneWritePerMessage(out as unknown as Parameters<typeof oneWritePerMessage>[0]);
  const writer = new StreamMessageWriter(out);
  for (const m of messages) await writer.write(m);
  return out.chunks;
}

describe('oneWritePerMessage', () => {
  it('each message in one write, the same bytes as without it', async () => {
    const plain = await writeAll(false);
    const patched = await writeAll(true);
    expect(plain).toHaveLength(2 * messages.length);
    expect(patched).toHaveLength(messages.length);
    expect(Buffer.concat(patched).equals(Buffer.concat(plain))).toBe(true);
    for (const c of patched) expect(c.toString('ascii', 0, 16)).toBe('Content-Length: ');
  });

  it('a write that is not a body after a held header: the header first, then it, in order', () => {
    const out = recorder();
    oneWritePerMessage(out as unknown as Parameters<typeof oneWritePerMessage>[0]);
    out.write('Content-Length: 2\r\n\r\n', 'ascii');
    out.write('{}');
    out.write('plain text');
    expect(out.chunks.map((c) => c.toString())).toEqual(['Content-Length: 2\r\n\r\n', '{}', 'plain text']);
  });
});
