/**
 * `zhengce check` end to end: the built CLI (`node bin/zhengce.js`, dist/ built by
 * `tsc` first — see test/helpers/dist.ts) on the sample policies, on temp
 * directories with one deliberate mistake of each kind, with `--format json`, and
 * with usage errors. Exit codes (DESIGN.md §6): 0 ok, 1 findings, 2 usage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDist, runCli, runCliAsync } from '../helpers/dist.js';
import { REPO_DIR } from '../helpers/golden.js';
import { tmpDirForFile } from '../helpers/tmp.js';

const tmp = tmpDirForFile('zhengce-check-');
beforeAll(() => {
  ensureDist();
});

/** Write files into a fresh directory under the temp dir; returns its path. */
function project(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const SOURCE = '一、总则\n为支持家庭生育养育，制定本办法。\n';
const TYPES = '实体 家庭 { 子女数：整数 月收入：金额 }\n';

describe('zhengce check: clean input', () => {
  it('policies/sample passes (exit 0; warnings only)', () => {
    const r = runCli(['check', 'policies/sample']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/^错误\[/m);
    expect(r.stdout).toContain('共 0 个错误');
  });

  it('a clean project prints 检查通过', () => {
    const dir = project('clean', { 'a.zc': '枚举 甲 { 乙、丙 }\n' });
    const r = runCli(['check', 'a.zc'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('检查通过：1 个文件，1 个政策程序，没有诊断。\n');
  });

  it('--fail-level warning makes the sample’s warnings fail (exit 1)', () => {
    const r = runCli(['check', 'policies/sample', '--fail-level', 'warning']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^警告\[ZC\d{4}\]/m);
  });
});

interface Mistake {
  readonly what: string;
  readonly files: Record<string, string | Buffer>;
  readonly code: string;
  /** `file:line:col` as printed (relative to the project directory). */
  readonly at: string;
  readonly message: string;
  /** The caret line under the echoed source line, exactly. */
  readonly caret: string;
}

const MISTAKES: Mistake[] = [
  {
    what: 'lexer: unclosed name quote',
    files: { 'a.zc': '枚举 甲 { 乙 }\n指标 「丙 = 1\n' },
    code: 'ZC0104', at: 'a.zc:2:4', message: '名称引号“「”没有配对的“」”', caret: '  |      ^^^^^^^^ 此处',
  },
  {
    what: 'parser: keyword used as a name',
    files: { 'a.zc': '条款 一、 {\n  措施 规则 { }\n}\n' },
    code: 'ZC0201', at: 'a.zc:2:6', message: '此处不应出现“规则”', caret: '  |        ^^^^ 此处',
  },
  {
    what: 'literal: the 13th month',
    files: { 'a.zc': '指标 甲 = 2023年13月1日\n' },
    code: 'ZC0302', at: 'a.zc:1:8', message: '日期无效：月份必须在1到12之间，这里是13', caret: '  |           ^^^^^^^^^^^^^ 此处',
  },
  {
    what: 'binder: undefined name with a suggestion',
    files: { '类型.zc': TYPES, 'a.zc': '导入 "类型.zc"\n性质 甲 { 断言：家廷.子女数 ≥ 1 }\n' },
    code: 'ZC0401', at: 'a.zc:2:11', message: '未定义的名称“家廷”', caret: '  |                 ^^^^ 此处',
  },
  {
    what: 'checker: incompatible units',
    files: { 'a.zc': '指标 甲 = 100元 + 3个月\n' },
    code: 'ZC0502', at: 'a.zc:1:8', message: '金额（元） 加 月数（个月） 没有意义', caret: '  |           ^^^^^^^^^^^^^ 此处',
  },
  {
    what: '原文: quote not in the source',
    files: { 'source.txt': SOURCE, 'a.zc': '政策 甲 { 来源："source.txt" 生效：2024年3月1日 }\n条款 一、 { 原文："一、总纲" }\n' },
    code: 'ZC0601', at: 'a.zc:2:12', message: '原文与来源文件不一致', caret: '  |                   ^^^^^^^^^^ 此处',
  },
  {
    what: 'parameters: value without a date',
    files: { 'p.yaml': '产假:\n  单位: 天\n  值:\n    - 起: 明天\n      值: 98\n      来源: "x"\n      已确认: true\n', 'a.zc': '参数 产假：时长（天） 来自 "p.yaml"\n' },
    code: 'ZC0701', at: 'p.yaml:4:10', message: '“起”应为日期', caret: '  |           ^^^^ 此处',
  },
  {
    what: 'files: invalid UTF-8',
    files: { 'a.zc': Buffer.from([0xe6, 0x8c, 0x87, 0xff, 0xfe, 0x0a]) },
    code: 'ZC0002', at: 'a.zc:1:1', message: '“a.zc”不是有效的 UTF-8 文本', caret: '  | ^ 此处',
  },
  {
    what: 'files: import of a missing file',
    files: { 'a.zc': '导入 "缺失.zc"\n' },
    code: 'ZC0003', at: 'a.zc:1:4', message: '导入的文件“缺失.zc”不存在', caret: '  |      ^^^^^^^^^ 此处',
  },
];

describe('zhengce check: one deliberate mistake of each kind (exit 1, file:line:col, code, message, caret)', () => {
  // the CLI runs are independent: start them together (a few at a time), check them one by one
  const results = new Map<string, Awaited<ReturnType<typeof runCliAsync>>>();
  beforeAll(async () => {
    const queue = [...MISTAKES];
    const worker = async () => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        const dir = project(m.code, m.files);
        results.set(m.what, await runCliAsync(['check', '.'], { cwd: dir }));
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  });

  for (const m of MISTAKES) {
    it(m.what, () => {
      const r = results.get(m.what)!;
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      const out = r.stdout;
      expect(out).toMatch(new RegExp(`^错误\\[${m.code}\\]: ${m.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
      expect(out).toContain(` --> ${m.at}\n`);
      expect(out.split('\n')).toContain(m.caret);
      expect(out).toMatch(/共 \d+ 个错误，\d+ 个警告\n$/);
    });
  }

  it('a path that does not exist (ZC0001)', () => {
    const r = runCli(['check', '没有这个目录'], { cwd: tmp });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('错误[ZC0001]: 无法读取“没有这个目录”：文件或目录不存在');
  });

  it('a directory without .zc files (message, exit 1)', () => {
    const dir = project('empty', { 'readme.txt': 'x' });
    const r = runCli(['check', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('没有找到 .zc 政策文件');
  });
});

describe('zhengce check --format json', () => {
  it('prints one JSON report with positions, codes, messages, help and fixes', () => {
    const dir = project('json', { '类型.zc': TYPES, 'a.zc': '导入 "类型.zc"\n性质 甲 { 断言：家廷.子女数 ≥ 1 }\n指标 乙 = 2023年13月1日\n' });
    const r = runCli(['check', '.', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      diagnostics: { file: string; code: string; severity: string; message: string; title: string | null; range: unknown; related: unknown[]; help: string | null; fixes: { title: string; edits: { file: string; newText: string }[] }[] }[];
      summary: unknown;
    };
    expect(report.diagnostics.map((d) => d.code)).toEqual(['ZC0401', 'ZC0302']);
    const [undef, date] = report.diagnostics;
    expect(undef).toMatchObject({ file: 'a.zc', code: 'ZC0401', severity: 'error', message: '未定义的名称“家廷”', title: '未定义的名称', help: '是否想写“家庭”？' });
    expect(undef!.fixes[0]).toMatchObject({ title: '改为“家庭”', edits: [{ file: 'a.zc', newText: '家庭' }] });
    expect(JSON.stringify(undef!.range)).toMatch(/"line":2/);
    expect(date).toMatchObject({ file: 'a.zc', code: 'ZC0302', severity: 'error', title: '日期无效' });
    expect(report.summary).toBeTruthy();
  });

  it('on a clean project prints an empty report and exits 0', () => {
    const dir = project('json-clean', { 'a.zc': '枚举 甲 { 乙 }\n' });
    const r = runCli(['check', 'a.zc', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });
});

describe('zhengce check --error-limit', () => {
  // 25 independent errors in one file, 3 in another, and a warning after the 25th error
  const many = Array.from({ length: 25 }, (_, i) => `指标 「甲${i + 1}」：金额 = 「未定义${i + 1}」`).join('\n') + '\n条款 一、 { 措施 补助 { } }\n';
  const few = '指标 乙 = 丙\n指标 丁 = 戊\n指标 己 = 庚\n';
  const codes = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { file: string; code: string; message: string }[] }).diagnostics;
  it('by default lists 20 errors of a file, then one ZC0007 counting the rest exactly; warnings and other files kept', () => {
    const dir = project('limit', { 'a.zc': many, 'b.zc': few });
    const r = runCli(['check', '.', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const ds = codes(r.stdout);
    const a = ds.filter((d) => d.file === 'a.zc');
    expect(a.map((d) => d.code)).toEqual([...Array(20).fill('ZC0401'), 'ZC0007', 'ZC0510']);
    expect(a[20]!.message).toBe('错误过多：本文件已列出前 20 个错误，其后 5 个未逐个列出，第一个在 a.zc:21:15（ZC0401）');
    expect(ds.filter((d) => d.file === 'b.zc').map((d) => d.code)).toEqual(['ZC0401', 'ZC0401', 'ZC0401']);
  });
  it('--error-limit 0 lists every error; --error-limit 3 cuts each file at 3 (a file with 4 errors shows all 4)', () => {
    const dir = project('limit-options', { 'a.zc': many, 'b.zc': few + '指标 辛 = 壬\n' });
    const all = codes(runCli(['check', '.', '--format', 'json', '--error-limit', '0'], { cwd: dir }).stdout);
    expect(all.filter((d) => d.code === 'ZC0401')).toHaveLength(29);
    expect(all.some((d) => d.code === 'ZC0007')).toBe(false);
    const three = codes(runCli(['check', '.', '--format', 'json', '--error-limit', '3'], { cwd: dir }).stdout);
    expect(three.filter((d) => d.file === 'a.zc').map((d) => d.code)).toEqual(['ZC0401', 'ZC0401', 'ZC0401', 'ZC0007', 'ZC0510']);
    expect(three.find((d) => d.code === 'ZC0007')!.message).toContain('其后 22 个未逐个列出，第一个在 a.zc:4:14');
    expect(three.filter((d) => d.file === 'b.zc').map((d) => d.code)).toEqual(['ZC0401', 'ZC0401', 'ZC0401', 'ZC0401']);
  });
  it('a bad --error-limit is a usage error (exit 2)', () => {
    for (const bad of ['-1', 'x', '2.5']) {
      const r = runCli(['check', 'policies/sample', '--error-limit', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--error-limit');
    }
  });
});

describe('zhengce check: usage', () => {
  it('--help (exit 0)', () => {
    const r = runCli(['check', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法：zhengce check');
    expect(r.stdout).toContain('--format text|json');
  });
  it('zhengce --help (exit 0) lists check', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\s+check\s/m);
  });
  it('--format xml is a usage error (exit 2)', () => {
    const r = runCli(['check', 'policies/sample', '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format');
    expect(r.stderr).toContain('xml');
    expect(r.stdout).toBe('');
  });
  it('an unknown option is a usage error (exit 2)', () => {
    const r = runCli(['check', '--no-such-option']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('参数错误');
  });
  it('--fail-level with a bad value is a usage error (exit 2)', () => {
    const r = runCli(['check', 'policies/sample', '--fail-level', 'fatal']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fail-level');
  });
  it('an unknown command is a usage error (exit 2)', () => {
    const r = runCli(['chek']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知命令“chek”');
  });
  it('no command at all is a usage error (exit 2) and prints the help', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('用法：zhengce <命令>');
  });
});

void REPO_DIR;

describe('zhengce check --timings', () => {
  /** The phase rows of the table (label, wall, CPU, GC) and the stated totals. */
  function table(stderr: string): { rows: Map<string, number[]>; total: number[]; wallEnd: number; lines: number } {
    const rows = new Map<string, number[]>();
    let total: number[] = [];
    for (const l of stderr.split('\n')) {
      const m = /^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(l);
      if (!m) continue;
      const nums = [Number(m[2]), Number(m[3]), Number(m[4])];
      if (m[1] === '合计') total = nums;
      else rows.set(m[1]!, nums);
    }
    const wallEnd = Number(/墙钟从进程启动算起，共 (\d+) ms/.exec(stderr)?.[1]);
    const lines = Number(/速度：(\d+) 行/.exec(stderr)?.[1]);
    return { rows, total, wallEnd, lines };
  }

  it('prints every phase after the normal output, on standard error, and the phases add up to the total', () => {
    const plain = runCli(['check', 'policies/sample']);
    const r = runCli(['check', 'policies/sample', '--timings']);
    expect(r.status).toBe(plain.status);
    expect(r.stdout).toBe(plain.stdout); // (standard output unchanged)
    expect(r.stderr).toContain('耗时（--timings）：');
    const t = table(r.stderr);
    expect([...t.rows.keys()]).toEqual(['启动（Node 与模块加载）', '读取文件', '词法分析', '语法分析', '构建语法树', '绑定', '类型与单位检查', '原文与参数核对', '输出', '其他（发现文件、导入、分组、排序）']);
    // (each row rounded to a millisecond: the sums agree within the rounding of ten rows)
    for (const col of [0, 1, 2]) {
      const sum = [...t.rows.values()].reduce((s, r) => s + r[col]!, 0);
      expect(Math.abs(sum - t.total[col]!)).toBeLessThanOrEqual(5);
    }
    expect(Math.abs(t.total[0]! - t.wallEnd)).toBeLessThanOrEqual(1);
    // a check reads, lexes, parses, binds and checks: each of those phases took some time
    for (const p of ['读取文件', '词法分析', '语法分析', '绑定', '类型与单位检查']) expect(t.rows.get(p)![0]! + t.rows.get(p)![1]!).toBeGreaterThan(0);
    // an error-free policy's AST is built while it is parsed (ast-parser.ts): no CST is converted
    expect(t.rows.get('构建语法树')).toEqual([0, 0, 0]);
    expect(t.total[2]!).toBeLessThanOrEqual(t.total[0]! + 5); // (GC pauses are part of the wall time)
    expect(r.stderr).toMatch(/垃圾回收：\d+ 次暂停共 \d+ ms（新生代 \d+ 次 \d+ ms，老生代与增量标记 \d+ 次 \d+ ms）/);
    expect(t.lines).toBeGreaterThan(0);
  });

  it('with --format json, standard output is still the JSON alone', () => {
    const r = runCli(['check', 'policies/sample', '--format', 'json', '--timings']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout).toBe(runCli(['check', 'policies/sample', '--format', 'json']).stdout);
    expect(r.stderr).toContain('耗时（--timings）：');
  });
});
