/**
 * `zhengce diff OLD NEW` / `zhengce diff --rev A..B [DIR]` — change impact between two
 * revisions of a policy: proved equivalent, or gains / loses / changes with witnesses.
 * Exit: 0 ok; 1 a side does not compile, a revision cannot be read, two different policies,
 * or `--fail-on` reached; 2 usage.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { nodeHost } from '../project/host.js';
import { loadPolicies } from '../project/policies.js';
import { renderDiagnosticsText, terminalSafe } from '../diagnostics/render.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { diffPolicies } from '../diff/diff.js';
import { renderDiffHtml, renderDiffJson, renderDiffMarkdown, renderDiffText, tally } from '../diff/render.js';
import { DEFAULT_LIST_BOUND } from '../verify/smt.js';
import { populationImpact, type PopulationEngine, type PopulationImpact } from '../diff/population.js';
import { readPopulation, type PopulationRow } from '../population/read.js';
import { args, EXIT_FINDINGS, EXIT_OK, parseFormat, parseSolverLimits, RLIMIT_HELP, UsageError, type Io } from './common.js';
import { commandEvents } from './case.js';

export const diffHelp = `用法：zhengce diff 旧目录 新目录 [选项]
      zhengce diff --rev 旧版本..新版本 [目录]

比较同一政策的两个版本：逐项措施、逐个结果用求解器判定（与 verify 同一编码、同一时限）——
证明等价，或给出“得到 / 失去 / 改变”及反例（事实 + 日期，经两个版本的解释器复现）和变化区域；
另列条款的增删与改号、原文的逐字差异、参数的取值与来源变化、核查发现的新增与消除。
  --rev A..B            比较 git 的两个版本（目录默认 policies），用 git archive 取出到临时目录
  --format 格式          text（默认）、json、markdown（适合评审意见）、html
  --fail-on 类别          loses：有人失去时退出码为 1（用于 CI）；changes：有任何语义变化时为 1；
                        undecided：有未判定时也为 1
  --timeout 毫秒          每个求解查询的时限（默认 5000）；未判定不算等价
  --rlimit N            ${RLIMIT_HELP}
  --list-bound N        列表元素个数上限（默认 ${DEFAULT_LIST_BOUND}）
  --no-findings         不比较核查发现（省去对两个版本各运行一次核查）
  --always-solve        规则、定义与参数都未变的措施也交给求解器证明（默认：未变即等价）
  --events 文件|none     核查使用的上级政策事件登记（默认：两个政策目录中的 events.yaml，用 --rev 时为工作区中该目录的；没有时在标准错误输出上说明；none 表示无事件）
  --output 文件          写入文件而不是标准输出
  --population 文件      人群文件：每个个案在两个版本下各求值一次，报告状态或金额改变的行数、逐项措施的
                        状态转变，及按措施、结果与周期的预算（精确到分）与差额。格式按扩展名：.jsonl
                        （每行一个个案，即求值器的输入“实体名 → 字段”，可含列表）、.json（个案的数组）；
                        扁平的政策（无列表、无对象字段）还可用 .csv、.parquet（列名 实体.字段，空格为缺少）
  --date YYYY-MM-DD     人群的评估日期（与 --population 同用，必填）
  --engine 引擎          人群求值用 interpreter（解释器，默认）或 generated（由两个版本生成的求值器）

退出码：0 成功；1 一方有编译错误、版本不存在、不是同一政策或达到 --fail-on；2 用法错误。
`;

/** Extract `rel` at git revision `rev` of the repository at `top` into a fresh temp dir. */
function checkoutRev(top: string, rev: string, rel: string): { ok: true; dir: string; root: string } | { ok: false; message: string } {
  const root = mkdtempSync(join(tmpdir(), 'zhengce-diff-'));
  try {
    execFileSync('git', ['-C', top, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { stdio: 'pipe' });
  } catch {
    rmSync(root, { recursive: true, force: true });
    return { ok: false, message: `错误[ZC1304]: git 版本“${rev}”不存在` };
  }
  try {
    const tar = execFileSync('git', ['-C', top, 'archive', '--format=tar', rev, '--', rel || '.'], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', root], { input: tar, stdio: ['pipe', 'ignore', 'pipe'] });
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    const msg = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0] ?? (e as Error).message;
    return { ok: false, message: `错误[ZC1304]: 无法从 git 版本“${rev}”取出“${rel || '.'}”：${msg}` };
  }
  return { ok: true, dir: join(root, rel), root };
}

export async function runDiff(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(argv, {
    rev: { type: 'string' }, format: { type: 'string' }, 'fail-on': { type: 'string' }, timeout: { type: 'string' }, rlimit: { type: 'string' },
    'list-bound': { type: 'string' }, 'no-findings': { type: 'boolean' }, 'always-solve': { type: 'boolean' }, events: { type: 'string' }, output: { type: 'string' },
    population: { type: 'string' }, date: { type: 'string' }, engine: { type: 'string' },
  });
  if (values['help']) {
    io.out(diffHelp);
    return EXIT_OK;
  }
  const format = parseFormat(values['format'] as string | undefined, ['text', 'json', 'markdown', 'html'] as const, 'text');
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !['loses', 'changes', 'undecided'].includes(failOn)) throw new UsageError(`--fail-on 应为 loses、changes 或 undecided，这里是“${failOn}”`);
  const limits = parseSolverLimits(values);
  const listBound = values['list-bound'] === undefined ? DEFAULT_LIST_BOUND : Number(values['list-bound']);
  if (!Number.isInteger(listBound) || listBound < 1 || listBound > 32) throw new UsageError('--list-bound 应为 1 至 32 之间的整数');
  const population = values['population'] as string | undefined;
  const popDate = values['date'] as string | undefined;
  const engineArg = values['engine'] as string | undefined;
  if (population !== undefined && (popDate === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(popDate))) throw new UsageError('--population 需要 --date YYYY-MM-DD（人群的评估日期）');
  if (population === undefined && (popDate !== undefined || engineArg !== undefined)) throw new UsageError('--date 与 --engine 只与 --population 同用');
  if (engineArg !== undefined && !['interpreter', 'generated'].includes(engineArg)) throw new UsageError(`--engine 应为 interpreter 或 generated，这里是“${engineArg}”`);
  const engine: PopulationEngine = engineArg === 'generated' ? '生成的求值器' : '解释器';
  const rev = values['rev'] as string | undefined;
  let oldDir: string;
  let newDir: string;
  let registryDirs: string[];
  const temps: string[] = [];
  const labels = ['旧版', '新版'];
  if (rev !== undefined) {
    const m = /^(.+?)\.\.(.+)$/.exec(rev);
    if (!m) throw new UsageError(`--rev 应写作 旧版本..新版本（如 main..HEAD），这里是“${rev}”`);
    if (positionals.length > 1) throw new UsageError('与 --rev 同用时至多给一个目录');
    const dir = resolve(io.cwd, positionals[0] ?? 'policies');
    let top: string;
    try {
      top = execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch {
      io.err(`错误[ZC1304]: “${dir}”不在 git 仓库中，不能用 --rev\n`);
      return EXIT_FINDINGS;
    }
    const rel = relative(top, dir);
    const dirs: string[] = [];
    for (const r of [m[1]!, m[2]!]) {
      const c = checkoutRev(top, r, rel);
      if (!c.ok) {
        for (const t of temps) rmSync(t, { recursive: true, force: true });
        io.err(c.message + '\n');
        return EXIT_FINDINGS;
      }
      temps.push(c.root);
      dirs.push(c.dir);
    }
    [oldDir, newDir] = dirs as [string, string];
    registryDirs = [dir];
    labels[0] = `旧版（${m[1]}）`;
    labels[1] = `新版（${m[2]}）`;
  } else {
    if (positionals.length !== 2) throw new UsageError('需要两个政策目录：旧目录 新目录（或用 --rev A..B）');
    [oldDir, newDir] = positionals as [string, string];
    registryDirs = [newDir, oldDir]; // (none: the new side's is named)
  }
  try {
    const sides = [oldDir, newDir].map((d) => loadPolicies([d], nodeHost));
    let bad = false;
    sides.forEach((s, i) => {
      const errs = s.diagnostics.filter((d) => d.severity === 'error');
      if (!hasErrors(errs)) return;
      bad = true;
      io.err(`错误[ZC1303]: ${labels[i]}有 ${errs.length} 个编译错误，无法比较：\n`);
      io.err(renderDiagnosticsText(errs, s.result.files, { cwd: io.cwd }));
    });
    if (bad) return EXIT_FINDINGS;
    sides.forEach((s, i) => {
      if (!s.policies.length) bad = true;
      if (!s.policies.length) io.err(`错误[ZC1303]: ${labels[i]}“${[oldDir, newDir][i]}”中没有政策\n`);
    });
    if (bad) return EXIT_FINDINGS;
    // the registry: --events, or events.yaml in either side's policies directory (with --rev, in the
    // working tree's: events happen in the world, not in a revision); none is said, not silently no events
    const ev = commandEvents(values['events'] as string | undefined, registryDirs, { note: '比较' });
    if (!ev.ok) {
      io.err(renderDiagnosticsText(ev.diagnostics, ev.files, { cwd: io.cwd }));
      return EXIT_FINDINGS;
    }
    if (ev.said) io.err(terminalSafe(ev.said + '\n'));
    const events = ev.events;
    let rows: PopulationRow[] | undefined;
    let popFormat = '';
    if (population !== undefined) {
      if (sides.some((s) => s.policies.length !== 1)) {
        io.err(`错误[ZC1307]: --population 只用于比较一项政策的两个版本（这里旧版有 ${sides[0]!.policies.length} 项、新版有 ${sides[1]!.policies.length} 项政策）\n`);
        return EXIT_FINDINGS;
      }
      const pr = await readPopulation(resolve(io.cwd, population), sides[1]!.policies[0]!.ir);
      if (!pr.ok) {
        io.err(`错误[ZC1307]: 人群文件“${population}”无法使用：\n${pr.problems.map((p) => `  ${[p.位置, p.说明].filter(Boolean).join('：')}`).join('\n')}\n`);
        return EXIT_FINDINGS;
      }
      rows = pr.rows;
      popFormat = pr.format;
    }
    // the population first: a bad row is said before any solver time is spent
    let impact: PopulationImpact | undefined;
    if (rows) {
      const imp = await populationImpact(sides[0]!.policies[0]!.ir, sides[1]!.policies[0]!.ir, rows, popDate!, events, { engine, file: basename(population!), format: popFormat });
      if (!imp.ok) {
        io.err(`错误[ZC1308]: 人群文件“${population}”中有不合要求的个案（未计算人群影响）：\n${imp.problems.map((p) => `  ${p.位置}：${p.说明}`).join('\n')}${imp.more ? `\n  ……另有 ${imp.more} 处问题` : ''}\n`);
        return EXIT_FINDINGS;
      }
      impact = imp.value;
    }
    const { value: solved, diagnostics } = await diffPolicies(sides[0]!.policies, sides[1]!.policies, { ...limits, listBound, findings: !values['no-findings'], events, alwaysSolve: !!values['always-solve'] });
    const value = impact ? { ...solved, 人群: impact } : solved;
    const fatal = diagnostics.filter((d) => d.code === 'ZC1302');
    if (fatal.length) {
      for (const d of fatal) io.err(`错误[${d.code}]: ${d.message}\n${d.help ? `  = 帮助: ${d.help}\n` : ''}`);
      return EXIT_FINDINGS;
    }
    const text = format === 'json' ? renderDiffJson(value) : format === 'markdown' ? renderDiffMarkdown(value) : format === 'html' ? renderDiffHtml(value) : renderDiffText(value);
    const outFile = values['output'] as string | undefined;
    if (outFile) writeFileSync(outFile, text);
    else io.out(text);
    for (const d of diagnostics) if (d.code === 'ZC1306') io.err(`错误[${d.code}]: ${d.message}\n`);
    const t = tally(value);
    if (failOn === 'loses' && t.loses > 0) return EXIT_FINDINGS;
    if (failOn === 'changes' && t.loses + t.gains + t.changes + t.doubts > 0) return EXIT_FINDINGS;
    if (failOn === 'undecided' && t.loses + t.gains + t.changes + t.doubts + t.undecided > 0) return EXIT_FINDINGS;
    return EXIT_OK;
  } finally {
    for (const t of temps) rmSync(t, { recursive: true, force: true });
  }
}
