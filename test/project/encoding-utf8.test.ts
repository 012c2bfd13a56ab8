/**
 * encoding.ts decodes a file that is valid UTF-8 with the fatal TextDecoder in streaming mode, then flushed
 * (`utf8Text`: Node's converter path, not its one-call fast path): the same text (byte-order mark kept,
 * astral characters as surrogate pairs, ASCII-only files too) and, for bytes that are not UTF-8 — a
 * sequence cut off at the end included — the same answer, compared here with the definition (a fatal
 * TextDecoder in one call that keeps the BOM) on random byte strings and random texts.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeText } from '../../compiler/project/encoding.js';

/** The definition: the fatal decoder's text, or undefined where it throws. */
function definition(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const BOM = [0xef, 0xbb, 0xbf];

test('valid UTF-8 texts decode to themselves, a byte-order mark kept as U+FEFF', () => {
  const samples = ['', 'a', '政策 甲 { 生效：2024年3月1日 }\n', '\ufeff条款 一、{ }', 'é', '𝟘中文\u2028\r\n', 'plain ascii\n'.repeat(50), '\u0000'];
  for (const s of samples) {
    const bytes = new TextEncoder().encode(s);
    expect(decodeText(bytes)).toEqual({ ok: true, text: s });
  }
  expect(decodeText(new Uint8Array([...BOM, 0x61]))).toEqual({ ok: true, text: '\ufeffa' });
  // (a Uint8Array that views part of a larger buffer: only its own bytes)
  const whole = new TextEncoder().encode('甲乙丙丁');
  expect(decodeText(whole.subarray(3, 9))).toEqual({ ok: true, text: '乙丙' });
});

test('the strict rules of the fatal decoder: overlong forms, surrogates, past U+10FFFF, a cut-off sequence', () => {
  for (const bad of [[0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8], [0x61, 0xff], [0x80]]) {
    const bytes = new Uint8Array(bad);
    expect(definition(bytes)).toBeUndefined();
    expect(decodeText(bytes).ok).toBe(false);
  }
});

test('property: random texts and random bytes decode as the fatal TextDecoder does', () => {
  fc.assert(
    // (no NUL: many NULs make bytes look like UTF-16 without a BOM, told before decoding)
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => !s.includes('\u0000')), fc.boolean(), (s, bom) => {
      const bytes = new TextEncoder().encode(s);
      const withBom = bom ? new Uint8Array([...BOM, ...bytes]) : bytes;
      // (a lone surrogate is encoded as U+FFFD: the definition's text, not `s`, is the one to match)
      expect(decodeText(withBom)).toEqual({ ok: true, text: definition(withBom) });
    }),
    { numRuns: 500 },
  );
  // bytes drawn mostly from the UTF-8 lead and continuation ranges, so that valid and invalid sequences both come
  const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 64 }), (xs) => {
      const bytes = new Uint8Array(xs);
      const want = definition(bytes);
      const r = decodeText(bytes);
      if (want !== undefined) expect(r).toEqual({ ok: true, text: want });
      else expect(r.ok).toBe(false);
    }),
    { numRuns: 3000 },
  );
});
