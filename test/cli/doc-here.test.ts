/**
 * `zhengce doc .` / `zhengce build .` run from inside a policy's directory name the policy after that
 * directory (they named it “_”, from the path “.”: generated files _.md, _/index.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../helpers/golden.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-doc-here-');
const CLI = join(REPO_DIR, 'bin', 'zhengce.js');

describe('a policy compiled from inside its directory', () => {
  it('doc . and build . name it after the directory', () => {
    const dir = join(tmp, 'shiyan');
    cpSync(join(REPO_DIR, 'policies', 'sample'), dir, { recursive: true });
    const doc = execFileSync(process.execPath, [CLI, 'doc', '.', '--out', join(tmp, 'd')], { cwd: dir, encoding: 'utf8' });
    expect(doc).toContain('：shiyan');
    expect(readdirSync(join(tmp, 'd', 'docs')).filter((f) => f.endsWith('.md')).sort()).toEqual(['index.md', 'shiyan.md']);
    execFileSync(process.execPath, [CLI, 'build', '.', '--out', join(tmp, 'b')], { cwd: dir, encoding: 'utf8' });
    expect(existsSync(join(tmp, 'b', 'shiyan', 'index.ts'))).toBe(true);
    expect(existsSync(join(tmp, 'b', '_'))).toBe(false);
  });
});
