/**
 * Temporary directories for tests: one per test file, made when the file is loaded and removed, with
 * everything in it, after the file's tests — instead of a `let tmp` with its own beforeAll/afterAll in
 * every file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A new directory under the system's temporary directory (`prefix` + random characters), removed after this file's tests. */
export function tmpDirForFile(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
