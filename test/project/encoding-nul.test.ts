/**
 * UTF-16 without a byte-order mark is told by its NUL bytes (encoding.ts `looksUtf16`); a file with no
 * NUL byte among its first 4,096 is never UTF-16 and is decoded as UTF-8 without looking further — the
 * same answers as counting every byte.
 */
import { expect, test } from 'vitest';
import { decodeText } from '../../compiler/project/encoding.js';

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

test('UTF-16 without a BOM is named; UTF-8 without NUL bytes is text; a NUL past the first 4,096 bytes is not looked at', () => {
  const text = '政策 甲 { 来源："s.txt" 生效：2024年3月1日 }\n';
  const le = decodeText(utf16(text, false));
  const be = decodeText(utf16(text, true));
  expect(le.ok ? '' : le.problem.kind).toBe('utf16-nobom');
  expect(le.ok ? '' : le.problem.message).toMatch(/小端/);
  expect(be.ok ? '' : be.problem.message).toMatch(/大端/);
  const plain = new TextEncoder().encode(text.repeat(200));
  expect(decodeText(plain)).toEqual({ ok: true, text: text.repeat(200) });
  // (a NUL is valid UTF-8: after the first 4,096 bytes it is text, as it was)
  const late = new Uint8Array(5000).fill(0x61);
  late[4500] = 0;
  expect(decodeText(late)).toEqual({ ok: true, text: 'a'.repeat(4500) + '\u0000' + 'a'.repeat(499) });
  // a few NULs at both parities among the first bytes: neither UTF-16 nor text-with-a-fast-path, as before (binary is for invalid UTF-8 only)
  const mixed = new Uint8Array(64).fill(0x61);
  mixed[3] = 0;
  mixed[10] = 0;
  expect(decodeText(mixed).ok).toBe(true);
});
