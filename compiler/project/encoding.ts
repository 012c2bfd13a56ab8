/**
 * Bytes → text for every file the toolchain reads (policies, case files, scenario and
 * parameter YAML, the events registry).
 * Input: the bytes of a file. Output: its text, or a description (Chinese) of what the
 * bytes are instead — UTF-16/UTF-32 (byte-order mark), UTF-16 without a BOM, GBK/GB18030,
 * binary data or invalid UTF-8 — with the byte offset and the text before it, so a
 * renderer can point at the place (file:line:col).
 *
 * INVARIANT: one definition of offsets. A UTF-8 byte-order mark is KEPT as U+FEFF at
 * offset 0 (`ignoreBOM: true`): offsets are UTF-16 offsets into the file's own text, the
 * same for the CLI (nodeHost) and the language server (whose buffers keep the BOM). The
 * lexer skips U+FEFF as white space; YAML accepts it; the formatter writes it back.
 * Decoding is done by the platform's TextDecoder (fatal UTF-8, GB18030), never by hand.
 */

/** What the bytes of an unreadable text file are. */
export type EncodingKind = 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be' | 'utf16-nobom' | 'gb18030' | 'binary' | 'invalid-utf8';

export interface EncodingProblem {
  readonly kind: EncodingKind;
  /** Offset (in bytes) of the first byte that is not valid UTF-8 (0 for a foreign byte-order mark). */
  readonly byteOffset: number;
  /** The text decoded before that byte (its length is the UTF-16 offset of the problem). */
  readonly validPrefix: string;
  /** Chinese: what is wrong. */
  readonly message: string;
  /** Chinese: how to fix it. */
  readonly help: string;
}

export type DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: EncodingProblem };

const SAVE_AS_UTF8 = '请用编辑器以“UTF-8”编码另存该文件（不要选 UTF-16、GBK 或“Unicode”）';

function hex(b: number | undefined): string {
  return b === undefined ? '' : `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

function utf8(bytes: Uint8Array, stream = false): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
}

/**
 * The whole of `bytes` as text if they are valid UTF-8 (byte-order mark kept), else undefined: what
 * `utf8(bytes)` gives or throws on, by the same fatal decoder in streaming mode and then flushed (a
 * sequence cut off at the end throws there). Node's TextDecoder takes a fast UTF-8 path unless asked to
 * stream, and that path builds a non-ASCII string about twice as slowly as its converter (ICU) does: on
 * the 50,000-line corpus (109 files, 1.1 million characters) 11–15 ms against 6–7 ms of CPU in a fresh
 * process. (Node's `isUtf8` + `transcode` is as fast, but a `node:buffer` import is not allowed in the
 * playground's browser build.) INVARIANT: the same text as `utf8(bytes)` for every byte string, and
 * undefined exactly where it throws (test/project/encoding-utf8.test.ts).
 */
function utf8Text(bytes: Uint8Array): string | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    const text = decoder.decode(bytes, { stream: true });
    return text + decoder.decode();
  } catch {
    return undefined;
  }
}

/** Length of the longest prefix that is valid UTF-8 (possibly ending inside a sequence). */
function validUtf8Prefix(bytes: Uint8Array): number {
  // Monotone: if a prefix decodes (in streaming mode), every shorter prefix does too.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      utf8(bytes.subarray(0, mid), true);
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** The first bad byte: the valid prefix, backed off to the start of an incomplete sequence, and its text. */
function firstBad(bytes: Uint8Array): { at: number; text: string } {
  const n = validUtf8Prefix(bytes);
  for (let k = n; k >= 0 && k >= n - 4; k--) {
    try {
      return { at: k, text: utf8(bytes.subarray(0, k)) };
    } catch {
      // inside a multi-byte sequence: back off
    }
  }
  return { at: 0, text: '' };
}

/** UTF-16 without a byte-order mark: many NUL bytes, all at even (BE) or all at odd (LE) offsets. */
function looksUtf16(bytes: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  // (no NUL byte at all — every text file — is neither: one native search, not a loop over 4,096 bytes per file)
  if (bytes.subarray(0, n).indexOf(0) < 0) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const half = n / 2;
  if (odd >= half * 0.3 && even === 0) return 'utf16le';
  if (even >= half * 0.3 && odd === 0) return 'utf16be';
  return undefined;
}

function problem(kind: EncodingKind, byteOffset: number, validPrefix: string, message: string, help: string): DecodeResult {
  return { ok: false, problem: { kind, byteOffset, validPrefix, message, help } };
}

/** Decode a file's bytes as UTF-8 text (BOM kept), or say what they are instead. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return problem('utf32le', 0, '', '文件是 UTF-32（小端，带字节顺序标记 FF FE 00 00）编码，不是 UTF-8', SAVE_AS_UTF8);
  }
  if (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return problem('utf32be', 0, '', '文件是 UTF-32（大端，带字节顺序标记 00 00 FE FF）编码，不是 UTF-8', SAVE_AS_UTF8);
  }
  if (b0 === 0xff && b1 === 0xfe) return problem('utf16le', 0, '', '文件是 UTF-16（小端，带字节顺序标记 FF FE）编码，不是 UTF-8', SAVE_AS_UTF8);
  if (b0 === 0xfe && b1 === 0xff) return problem('utf16be', 0, '', '文件是 UTF-16（大端，带字节顺序标记 FE FF）编码，不是 UTF-8', SAVE_AS_UTF8);
  const wide = looksUtf16(bytes);
  if (wide) {
    return problem('utf16-nobom', 0, '', `文件看起来是没有字节顺序标记的 UTF-16（${wide === 'utf16le' ? '小端' : '大端'}）编码：每隔一个字节是 0，不是 UTF-8`, SAVE_AS_UTF8);
  }
  const text = utf8Text(bytes);
  if (text !== undefined) return { ok: true, text };
  // not UTF-8: find where, and what it is instead
  const { at, text: before } = firstBad(bytes);
  const sample = Array.from(bytes.subarray(at, at + 4), (x) => hex(x)).join(' ');
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  let controls = 0;
  for (const x of head) if (x === 0 || (x < 0x20 && x !== 9 && x !== 10 && x !== 13 && x !== 12)) controls++;
  if (head.includes(0) || controls > head.length / 20) {
    return problem('binary', at, before, `文件不是文本：含有二进制数据（第 ${at + 1} 字节起：${sample}）`, '请确认给出的是政策、个案或 YAML 文本文件，而不是图片、压缩包、Word/Excel 等二进制文件');
  }
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return problem('gb18030', at, before, `文件不是有效的 UTF-8：第 ${at + 1} 字节起（${sample}）像是 GBK/GB18030 编码的中文`, `${SAVE_AS_UTF8}；或用 iconv -f GB18030 -t UTF-8 转换`);
  } catch {
    return problem('invalid-utf8', at, before, `文件不是有效的 UTF-8 文本：第 ${at + 1} 字节起（${sample}）不是合法的 UTF-8 编码`, SAVE_AS_UTF8);
  }
}
