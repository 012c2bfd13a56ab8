// generated/ is committed and must be exactly what `zhengce build` produces (CI fails
// when it is stale); a developer's TypeScript file importing an evaluator by package
// path type-checks under --strict and runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGenerated, diffGenerated } from '../../compiler/emit/build.js';
import { nodeHost } from '../../compiler/project/host.js';

describe('generated/', () => {
  it('is up to date with policies/ (run `npm start` or `npx zhengce build` to refresh)', () => {
    const b = buildGenerated(['policies'], nodeHost);
    expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(b.files.size).toBeGreaterThan(4);
    const d = diffGenerated('generated', b.files, (rel) => rel.startsWith('docs/verify/') || rel.startsWith('docs/diff/') || rel.startsWith('docs/budget/'));
    expect({ changed: d.changed, missing: d.missing, stale: d.stale }).toEqual({ changed: [], missing: [], stale: [] });
  });

  it('is byte-identical from run to run', () => {
    const a = buildGenerated(['policies'], nodeHost).files;
    const b = buildGenerated(['policies'], nodeHost).files;
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
  });

  it('a consumer TypeScript file type-checks (strict) and runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zc-consumer-'));
    try {
      const tsconfig = {
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
        files: [join(process.cwd(), 'examples/consumer.ts')],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      // tsc resolves 'zhengce/generated/luanchuan' through this package's own exports (self-reference)
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/consumer.ts'], { encoding: 'utf8' });
      expect(out).toContain('四（一） 生育补助：生育补助金额 = 1000.00元（一次性）');
      expect(out).toContain('  申请条件 附件2 一：适用；可领取：适用');
      expect(out).toContain('公积金租房提取上浮 存疑，缺少：家庭.夫妻[0].缴存住房公积金');
      expect(out).toContain('事实.家庭.子女[0].同胎序号：期望非负整数，实际为 -1');
      expect(out).toContain('评估日期：期望日期'); // 2024-02-30 is not a date
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
