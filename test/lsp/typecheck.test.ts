/**
 * The extension's TypeScript (server and client) and the playground's (web/) type-check
 * under their own tsconfigs (the root tsconfig only covers compiler/**).
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
