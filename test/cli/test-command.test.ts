/**
 * `zhengce test` as an auditor runs it on a copy of a policy: the scenarios under a path are run
 * against the policy at or above that path (not policies/ of the current directory), so a copy with
 * a type error reports it and fails; a path that does not exist is ZC0001; no scenario found is
 * said; the summary is Chinese; --policies still chooses the policies explicitly.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeHost } from '../../compiler/project/host.js';
import { scenarioPolicyPaths } from '../../compiler/cli/test.js';
import { runMain } from '../helpers/cli.js';
import { REPO_DIR } from '../helpers/golden.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-test-cmd-');
let broken: string;
beforeAll(() => {
  broken = join(tmp, 'copy', 'sample');
  cpSync(join(REPO_DIR, 'policies/sample'), broken, { recursive: true });
  const zc = join(broken, '示例.zc');
  // a unit error in the copy: money plus months
  writeFileSync(zc, readFileSync(zc, 'utf8').replace('条件：', '条件：1元 + 2个月 > 0 且 '));
  mkdirSync(join(tmp, 'empty'));
});

describe('zhengce test', () => {
  it("runs a copy's scenarios against the copy's own policy: its type error is reported and the run fails", async () => {
    const r = await runMain(['test', broken]);
    expect(r.out).toContain('错误[ZC0502]');
    expect(r.out).toContain('示例.zc:11:');
    expect(r.out).not.toContain('✓');
    expect(r.out).toMatch(/共 15 个场景：0 个通过，15 个失败\n$/u);
    expect(r.code).toBe(1);
  });

  it('the shipped policies pass, by directory, by scenarios folder and by default; --policies still chooses', async () => {
    for (const argv of [['test', 'policies/sample'], ['test', 'policies/sample/scenarios'], ['test', '--policies', 'policies/sample', join(broken, 'scenarios')]]) {
      const r = await runMain(argv);
      expect([argv.join(' '), r.code, r.out.trimEnd().split('\n').pop()]).toEqual([argv.join(' '), 0, '共 15 个场景：15 个通过，0 个失败']);
    }
    expect(scenarioPolicyPaths(nodeHost, ['policies/sample/scenarios/sample.yaml'])).toEqual([join(REPO_DIR, 'policies/sample')]);
    expect(scenarioPolicyPaths(nodeHost, ['policies', 'policies/sample'])).toEqual([join(REPO_DIR, 'policies')]);
  });

  it('a path that does not exist is ZC0001, and a path without scenarios is said; both exit 1', async () => {
    const missing = await runMain(['test', join(tmp, 'no-such-dir')]);
    expect(missing.out).toContain('错误[ZC0001]: 无法读取');
    expect(missing.code).toBe(1);
    const empty = await runMain(['test', join(tmp, 'empty')]);
    expect(empty.out).toContain('中没有找到场景文件');
    expect(empty.code).toBe(1);
  });
});
