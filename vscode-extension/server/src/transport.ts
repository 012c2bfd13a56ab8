/**
 * One write per LSP message on the server's standard output.
 * Input: the stream the connection writes to (process.stdout under `--stdio`). Output: the same
 * stream, its `write` patched so that a message's header is sent together with its body.
 *
 * vscode-jsonrpc's StreamMessageWriter writes each message in two writes — the ASCII header
 * (`Content-Length: N\r\n\r\n`), then, once that write has called back, the body. On Linux a pipe
 * is written synchronously, and each write wakes the client: under load the server is descheduled
 * inside the header's write (the lead's profile of the server: 0.5 s of 5.9 s in `writeAsciiString`,
 * whatever the size of the message), and the client has half a message. Held back and written with
 * the body, the message costs one write (measured: ARCHITECTURE.md, the language server).
 * Nothing is parsed or re-framed: the bytes on the pipe are exactly those the library wrote.
 * INVARIANT: the bytes written, and their order, are unchanged — a held header is written before
 * anything that follows it (with the body when the next chunk is one, else on its own).
 */

/** The part of a writable stream this patch touches. */
export interface WriteTarget {
  write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean;
}

const HEADER = /^Content-Length: \d+\r\n(?:[^\r\n]*\r\n)*\r\n$/;

/** Patch `stream.write` so that an LSP header is written with the chunk after it (see the module header). */
export function oneWritePerMessage(stream: WriteTarget): void {
  const write = stream.write.bind(stream);
  let held: string | undefined;
  stream.write = (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const done = (typeof encoding === 'function' ? encoding : callback) as ((e?: Error | null) => void) | undefined;
    if (held === undefined && typeof chunk === 'string' && HEADER.test(chunk)) {
      // (the writer waits for this callback before it writes the body)
      held = chunk;
      done?.();
      return true;
    }
    if (held === undefined) return write(chunk, encoding, callback);
    const header = held;
    held = undefined;
    if (chunk instanceof Uint8Array) return write(Buffer.concat([Buffer.from(header, 'ascii'), chunk]), done);
    write(header, 'ascii');
    return write(chunk, encoding, callback);
  };
}
