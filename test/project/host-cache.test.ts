/**
 * compiler/project/host.ts `statCachedHost` (the language server's view of the disk): a file is read
 * again exactly when it changed — a rewrite of the same size, a replacement, a deletion — and the
 * text it gives is always the file's text at that time.
 */
import { mkdtempSync, rmSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { INVALID_UTF8, nodeHost, statCachedHost, type Host } from '../../compiler/project/host.js';

const dir = mkdtempSync(join(tmpdir(), 'zc-host-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a kept text is given until the file changes; every change is read', () => {
  let reads = 0;
  const counting: Host = { ...nodeHost, readFile: (p) => { reads++; return nodeHost.readFile(p); } };
  const host = statCachedHost(counting);
  const f = join(dir, '甲.zc');
  writeFileSync(f, '实体 甲 { 数：整数 }\n');
  const a = host.readFile(f);
  expect(a).toBe('实体 甲 { 数：整数 }\n');
  expect(host.readFile(f)).toBe(a);
  expect(reads).toBe(1); // unchanged: not read again
  writeFileSync(f, '实体 乙 { 数：整数 }\n'); // same size, other text
  expect(host.readFile(f)).toBe('实体 乙 { 数：整数 }\n');
  const g = join(dir, 'g.tmp');
  writeFileSync(g, '实体 丙 { 数：整数 }\n');
  renameSync(g, f); // replaced by another file (an editor's atomic save)
  expect(host.readFile(f)).toBe('实体 丙 { 数：整数 }\n');
  writeFileSync(f, Buffer.from([0xff, 0xfe, 0x00]));
  expect(host.readFile(f)).toBe(nodeHost.readFile(f));
  rmSync(f);
  expect(host.readFile(f)).toBeUndefined();
  writeFileSync(f, 'x');
  expect(host.readFile(f)).toBe('x');
  mkdirSync(join(dir, 'd'));
  expect(host.readFile(join(dir, 'd'))).toBeUndefined();
  expect(host.isDirectory(join(dir, 'd'))).toBe(true);
  expect(host.readDirectory(dir)).toEqual(nodeHost.readDirectory(dir));
  expect(INVALID_UTF8).not.toBe(host.readFile(f));
});
