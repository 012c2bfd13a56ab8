/**
 * The TypeScript the root tsconfig does not cover type-checks under its own tsconfig: the
 * extension's (server and client), the playground's (web/), and the tests themselves
 * (tsconfig.test.json — a test that calls an API with the wrong arguments is a test that may
 * assert something other than it says).
 */
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './helpers/client.js';

test('tsc -p vscode-extension/tsconfig.json --noEmit', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'vscode-extension', 'tsconfig.json'), '--noEmit'], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 180_000);

test('tsc -p vscode-extension/web/tsconfig.json --noEmit', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'vscode-extension', 'web', 'tsconfig.json'), '--noEmit'], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 180_000);

test('tsc -p tsconfig.test.json (the tests)', () => {
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO, 'tsconfig.test.json')], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 180_000);
