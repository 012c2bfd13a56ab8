/**
 * The extension in a real VS Code, end to end: code-server 4.100.3 (installed offline
 * into a cache folder by vscode-extension/scripts/code-server.mjs) in Debian's Chromium
 * driven by playwright-core. The built .vsix is installed with code-server's own
 * `--install-extension`; a copy of policies/ is the workspace (so nothing of the
 * checkout — no CLI, no node_modules — is within reach of the extension), and
 * policies/luanchuan/第四章.zc is opened and edited by keyboard, never saved
 * (files.autoSave is off in the test's user settings; the file is compared byte for
 * byte at the end).
 *
 * Checked: 0 problems on the county's file; no Unicode-highlight box on full-width
 * punctuation while an invisible character (U+00A0) still gets one; the .zc file icon;
 * a misspelt field gives ZC0403 with its “是否想写” hint, and the quick fix offered by
 * the error's hover (VS Code asks for kind quickfix only) repairs it; hover shows 原文;
 * completion after `家庭.`; go to
 * definition opens 类型.zc; Format Document; the code lenses — 求值示例 opens the panel
 * with the decision table, 核查 (the verifier bundled in the .vsix) puts its findings in
 * the Problems panel; the extension host log has no “Code action will be dropped”.
 * Screenshots: test-output/vscode-*.png. Time of each phase is printed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { ensureCodeServer } from '../../vscode-extension/scripts/code-server.mjs';
import { packageExtension } from '../../vscode-extension/scripts/package.mjs';

const REPO = resolve(import.meta.dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const OUT = join(REPO, 'test-output');
const FILE = join('policies', 'luanchuan', '第四章.zc');
const ORIGINAL = readFileSync(join(REPO, FILE));
const LINES = ORIGINAL.toString('utf8').split('\n');

/** 1-based line and column (UTF-16, as VS Code's “Go to Line” counts) of `needle` on the line that contains `lineNeedle`. */
function where(lineNeedle: string, needle = lineNeedle, after = false): { line: number; col: number } {
  const i = LINES.findIndex((l) => l.includes(lineNeedle));
  if (i < 0) throw new Error(`第四章.zc 中没有“${lineNeedle}”`);
  const c = LINES[i]!.indexOf(needle);
  if (c < 0) throw new Error(`第 ${i + 1} 行中没有“${needle}”`);
  return { line: i + 1, col: c + 1 + (after ? needle.length : 0) };
}

const started = Date.now();
const phases: string[] = [];
let last = started;
function phase(name: string): void {
  const now = Date.now();
  phases.push(`${name} ${((now - last) / 1000).toFixed(1)} 秒`);
  last = now;
}

describe('the extension in code-server (VS Code in Chromium)', () => {
  let tmp: string;
  let userData: string;
  let workspace: string;
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const serverOutput: string[] = [];
  const pageErrors: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required (apt-get install chromium)`).toBe(true);
    mkdirSync(OUT, { recursive: true });
    const entry = ensureCodeServer((s) => process.stderr.write(`${s}\n`));
    phase('code-server 安装/缓存检查');
    tmp = mkdtempSync(join(tmpdir(), 'zhengce-code-server-'));
    const vsix = await packageExtension(join(tmp, 'vsix'));
    phase('打包 .vsix');
    userData = join(tmp, 'user-data');
    const extensions = join(tmp, 'extensions');
    workspace = join(tmp, 'workspace');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
      'files.autoSave': 'off',
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'workbench.enableExperiments': false,
      'git.enabled': false,
      'editor.hover.delay': 200,
      'editor.minimap.enabled': false,
      'workbench.editor.enablePreview': false,
    }, null, 2));
    cpSync(join(REPO, 'policies'), join(workspace, 'policies'), { recursive: true });
    const env = { ...process.env, EXTENSIONS_GALLERY: '{}' };
    const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
    const install = spawnSync(process.execPath, [entry, ...common, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000, env });
    expect(install.stdout + install.stderr).toContain('successfully installed');
    phase('安装 .vsix');
    writeFileSync(join(tmp, 'config.yaml'), 'auth: none\n');
    server = spawn(process.execPath, [entry, ...common, '--config', join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', workspace],
    { stdio: ['ignore', 'pipe', 'pipe'], env });
    const url = await new Promise<string>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`code-server 未启动：${out}`)), 60_000);
      const on = (d: Buffer) => {
        out += String(d);
        serverOutput.push(String(d));
        const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      };
      server!.stdout!.on('data', on);
      server!.stderr!.on('data', on);
      server!.on('exit', (code) => rej(new Error(`code-server 退出（${code}）：${out}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => {
      if (!/^(http:\/\/127\.0\.0\.1:|data:|blob:|vscode-|about:)/.test(r.url())) foreign.push(r.url());
    });
    await page.goto(`${url}?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 90_000 });
    phase('启动 code-server 与 Chromium');
  }, 600_000);

  afterAll(async () => {
    await page?.screenshot({ path: join(OUT, 'vscode-last.png') }).catch(() => undefined);
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => { server!.once('exit', r); setTimeout(r, 5000); });
    }
    // keep the logs (extension host, the language server's output channel) for a post-mortem
    if (userData && existsSync(join(userData, 'logs'))) {
      rmSync(join(OUT, 'vscode-logs'), { recursive: true, force: true });
      cpSync(join(userData, 'logs'), join(OUT, 'vscode-logs'), { recursive: true });
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    phase('关闭');
    if (pageErrors.length) console.log(`页面错误：${pageErrors.join('\n')}`);
    console.log(`code-server 端到端测试用时（含安装检查与打包）：${((Date.now() - started) / 1000).toFixed(1)} 秒 — ${phases.join('；')}`);
  });

  // A failed step says where the editor was — cursor, problems, the lines drawn around it — in the test's
  // output (CI keeps only that), and leaves a screenshot in test-output/.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 40);
    await page.screenshot({ path: join(OUT, `vscode-failed-${name}.png`) }).catch(() => undefined);
    const state = await page
      .evaluate((sel) => ({
        cursor: document.getElementById('status.editor.selection')?.textContent ?? '',
        problems: document.getElementById('status.problems')?.getAttribute('aria-label') ?? '',
        tab: document.querySelector('.tab.active')?.getAttribute('aria-label') ?? '',
        focus: document.activeElement?.className ?? '',
        lines: [...document.querySelectorAll(sel)].map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')).filter((t) => t.trim()).slice(0, 60),
      }), `${editor} .view-line`)
      .catch((e: unknown) => ({ error: String(e) }));
    console.log(`失败时的编辑器（${ctx.task.name}）：${JSON.stringify(state, null, 1)}`);
  });

  // ── helpers ──────────────────────────────────────────────────────

  const editor = '.part.editor .editor-instance .monaco-editor';

  /** Close hovers, menus and widgets (Escape), as a person would before the next step. */
  async function reset(): Promise<void> {
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  }

  /** Wait until the keyboard focus is in the quick input (so typing goes there, not into the file). */
  async function quickInputFocused(): Promise<void> {
    await page.waitForFunction(() => !!document.activeElement?.closest('.quick-input-widget'), undefined, { timeout: 30_000 });
  }

  /** Wait until the keyboard focus is back in a text editor. */
  async function editorFocused(): Promise<void> {
    await page.waitForFunction(() => !!document.activeElement?.closest('.part.editor .monaco-editor'), undefined, { timeout: 30_000 });
  }

  async function quickOpen(name: string): Promise<void> {
    await reset();
    await page.keyboard.press('Control+P');
    await quickInputFocused();
    await page.keyboard.insertText(name);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30_000 });
    await editorFocused();
  }

  /** Run a command from the Command Palette by its (English) title. */
  async function runCommand(title: string): Promise<void> {
    await reset();
    await page.keyboard.press('F1');
    await quickInputFocused();
    await page.keyboard.insertText(title);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label^="${title}"]`, { timeout: 30_000 });
    await page.keyboard.press('Enter');
  }

  async function activateTab(name: string): Promise<void> {
    await reset();
    await page.click(`.tab[aria-label*="${name}"]`);
    await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30_000 });
    await editorFocused();
  }

  /**
   * Put the cursor at `p` with Go to Line, and wait until the status bar says it is there: Enter is pressed only
   * once the quick input holds the whole position, and the next keystroke goes to the editor only once the
   * cursor has moved (a keystroke sent sooner lands wherever the cursor was).
   */
  async function gotoPos(p: { line: number; col: number }): Promise<void> {
    await reset();
    await page.keyboard.press('Control+G');
    await quickInputFocused();
    const typed = `${p.line}:${p.col}`;
    await page.keyboard.insertText(typed);
    await page.waitForFunction((t) => ((document.activeElement as HTMLInputElement | null)?.value ?? '').endsWith(t), typed, { timeout: 10_000 });
    await page.keyboard.press('Enter');
    await editorFocused();
    const at = `Ln ${p.line}, Col ${p.col}`;
    const moved = await page
      .waitForFunction((t) => { const s = (document.getElementById('status.editor.selection')?.textContent ?? '').trim(); return s === t || s.startsWith(`${t} `); }, at, { timeout: 10_000 })
      .then(() => true, () => false);
    if (!moved) throw new Error(`光标没有移到 ${at}；状态栏：${(await page.textContent('[id="status.editor.selection"]').catch(() => null)) ?? '（没有）'}`);
  }

  /** The status bar's problems item, e.g. “No Problems”, “Errors: 1, Warnings: 0”. */
  async function problemsLabel(): Promise<string> {
    return (await page.getAttribute('#status\\.problems', 'aria-label')) ?? '';
  }

  async function waitProblems(pred: (label: string) => boolean, what: string, timeout = 30_000): Promise<string> {
    const t0 = Date.now();
    let label = '';
    while (Date.now() - t0 < timeout) {
      label = await problemsLabel();
      if (pred(label)) return label;
      await page.waitForTimeout(250);
    }
    throw new Error(`等待${what}超时；状态栏：${label}`);
  }

  /**
   * Text of the rendered editor line containing `needle` (spaces normalised), waiting up to `timeout` ms for
   * it to be drawn: the editor renders a keystroke on its next animation frame, so right after
   * `keyboard.press` the DOM may still show the line as it was (a CI run read it 0 ms after a Backspace, found
   * nothing, and every later step ran on the edited text). undefined when no such line is drawn in time.
   */
  async function lineText(needle: string, timeout = 10_000): Promise<string | undefined> {
    const found = await page
      .waitForFunction(
        ([sel, n]) => [...document.querySelectorAll(sel)].map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')).find((t) => t.includes(n)) ?? false,
        [`${editor} .view-line`, needle] as const,
        { timeout },
      )
      .catch(() => null);
    return found ? ((await found.jsonValue()) as string) : undefined;
  }

  /** Whether no drawn line contains `needle` within `timeout` ms (waits for a change to be drawn). */
  async function lineGone(needle: string, timeout: number): Promise<boolean> {
    return page
      .waitForFunction(
        ([sel, n]) => ![...document.querySelectorAll(sel)].some((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes(n)),
        [`${editor} .view-line`, needle] as const,
        { timeout },
      )
      .then(() => true, () => false);
  }

  /** The same, as drawn now (no wait): to check that a line is gone once the change that removes it is drawn. */
  async function lineTextNow(needle: string): Promise<string | undefined> {
    return page.$$eval(`${editor} .view-line`, (els, n) => els.map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')).find((t) => t.includes(n)), needle);
  }

  /** Rows of the Problems panel: their text (code, source, position) and accessible label. */
  async function problemsRows(): Promise<string[]> {
    return page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => `${e.textContent ?? ''} | ${e.getAttribute('aria-label') ?? ''}`));
  }

  async function openProblems(): Promise<void> {
    if (!(await page.$('.markers-panel'))) await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel', { timeout: 30_000 });
  }

  async function webviewFrame(selector: string, timeout = 30_000): Promise<Frame> {
    const t0 = Date.now();
    while (Date.now() - t0 < timeout) {
      for (const f of page.frames()) {
        if (await f.$(selector).catch(() => null)) return f;
      }
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: join(OUT, 'vscode-webview-missing.png') });
    throw new Error(`没有出现含 ${selector} 的 webview（框架：${page.frames().map((f) => f.url()).join('，')}）`);
  }

  // ── the test, in the order a drafter would go ─────────────────────

  test('open the county policy: the extension activates, 0 problems, .zc icon, no box on full-width punctuation', async () => {
    await quickOpen('第四章.zc');
    // code lenses are drawn only on lines in view: go to the first measure (the file opens at its head)
    await gotoPos(where('措施 生育补助', '生育补助'));
    // the language server has answered when the code lenses appear
    await page.waitForSelector(`${editor} .codelens-decoration a`, { timeout: 150_000 });
    expect(await waitProblems((l) => /No Problems/.test(l), '“没有问题”')).toBe('No Problems');
    await page.screenshot({ path: join(OUT, 'vscode-open.png') });
    // the language's file icon
    const icon = await page.$eval('.tab.active .monaco-icon-label', (e) => e.className);
    expect(icon).toContain('zhengce-lang-file-icon');
    const css = await page.$eval('.tab.active .monaco-icon-label', (e) => getComputedStyle(e, '::before').backgroundImage);
    expect(css).toContain('zc-file.svg');
    // full-width punctuation (，；（）：) is everywhere in the file: no Unicode-highlight box
    await gotoPos(where('= 家庭.子女 均满足', '家庭'));
    expect(await lineText('= 家庭.子女 均满足')).toContain('（');
    expect(await page.$$(`${editor} .unicode-highlight`)).toHaveLength(0);
    // … while an invisible character (U+00A0, a no-break space) still gets one
    await page.keyboard.insertText('\u00a0');
    try {
      await page.waitForSelector(`${editor} .unicode-highlight`, { state: 'attached', timeout: 30_000 });
    } finally {
      await page.keyboard.press('Control+Z');
    }
    await page.waitForSelector(`${editor} .unicode-highlight`, { state: 'detached', timeout: 30_000 });
    await waitProblems((l) => /No Problems/.test(l), '撤销后“没有问题”');
    phase('打开文件');
  }, 300_000);

  test('a misspelt field: ZC0403 with its hint, and the quick fix repairs it', async () => {
    await gotoPos(where('= 家庭.子女 均满足', '家庭.子女', true));
    await page.keyboard.press('Backspace'); // 家庭.子女 → 家庭.子
    expect(await lineText('= 家庭.子 均满足')).toBeDefined();
    await waitProblems((l) => /Errors: 1\b/.test(l), '一个错误');
    await openProblems();
    const rows = await problemsRows();
    const row = rows.find((r) => r.includes('ZC0403'));
    expect(row, rows.join('\n')).toContain('实体“家庭”没有字段“子”');
    expect(rows.join('\n')).toContain('是否想写“子女”'); // the hint, as related information
    await page.screenshot({ path: join(OUT, 'vscode-diagnostic.png') });
    // the error's hover offers “Quick Fix…”: VS Code asks for kind quickfix only (CodeActionContext.only)
    await gotoPos(where('= 家庭.子女 均满足', '子女 均满足')); // on the line as it was before the edit: 子 did not move
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = await page.waitForSelector('.monaco-hover:not(.hidden) .hover-row.status-bar .action-container >> text=/Quick Fix/', { timeout: 30_000 });
    expect(await page.textContent('.monaco-hover:not(.hidden)')).toContain('实体“家庭”没有字段“子”');
    await hover.click();
    await page.waitForSelector('.action-widget .monaco-list-row[aria-label*="改为“子女”"]', { timeout: 30_000 });
    const offered = await page.$$eval('.action-widget .monaco-list-row.action', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(offered, '只有快速修复，没有重构（本行标点…）').toEqual([expect.stringContaining('改为“子女”')]);
    await page.screenshot({ path: join(OUT, 'vscode-quickfix.png') });
    await page.keyboard.press('Enter'); // the (only, focused) fix
    await waitProblems((l) => /No Problems/.test(l), '修复后“没有问题”');
    expect(await lineText('= 家庭.子女 均满足')).toBeDefined();
    phase('诊断与快速修复');
  }, 120_000);

  test('hover shows the 原文 of a measure', async () => {
    await reset();
    await gotoPos(where('措施 生育补助', '生育补助'));
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = await page.waitForSelector('.monaco-hover:not(.hidden) .hover-contents', { timeout: 30_000 });
    await page.waitForFunction((el) => (el.textContent ?? '').includes('原文'), hover, { timeout: 30_000 });
    const text = await hover.textContent();
    expect(text).toContain('对生育三孩及以上的夫妻至少一方户籍及子女户籍均在我县的家庭');
    await page.screenshot({ path: join(OUT, 'vscode-hover.png') });
    await page.keyboard.press('Escape');
    phase('悬停');
  }, 120_000);

  test('completion after 家庭. lists the entity’s fields', async () => {
    await reset();
    // the cursor after “家庭.子女”: the entity's fields, filtered by what is typed
    await gotoPos(where('= 家庭.子女 均满足', '家庭.子女', true));
    // Ctrl+Space; once more if the widget does not come (a busy machine may swallow the first)
    for (let i = 0; ; i++) {
      await page.keyboard.press('Control+Space');
      const shown = await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 8_000 }).catch(() => null);
      if (shown) break;
      if (i === 2) throw new Error('补全列表没有出现');
      await page.keyboard.press('Escape');
    }
    const labels = await page.$$eval('.suggest-widget.visible .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels[0], labels.join('\n')).toMatch(/^子女[,，]/);
    expect(labels[0], labels.join('\n')).toMatch(/Field/);
    await page.screenshot({ path: join(OUT, 'vscode-completion.png') });
    await page.keyboard.press('Escape');
    // a quoted name typed with its quote, the closing 」 already there (as auto-closing leaves it):
    // VS Code keeps the item (its label is the quoted name: test/lsp/neovim.test.ts says why) and
    // accepting it replaces both quotes — no 」」
    const anchor = '条件：家庭.「夫妻至少一方户籍在本县」';
    await gotoPos(where(anchor, anchor, true));
    await page.keyboard.insertText(' 且 家庭.「夫妻至」'); // (「夫妻」 — the field 夫妻 — would come first)
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; ; i++) {
      await page.keyboard.press('Control+Space');
      const shown = await page.waitForSelector('.suggest-widget.visible .monaco-list-row.focused[aria-label^="「夫妻至少一方户籍在本县」"]', { timeout: 8_000 }).catch(() => null);
      if (shown) break;
      if (i === 2) throw new Error(`补全列表没有“「夫妻至少一方户籍在本县」”：${(await page.$$eval('.suggest-widget .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label')))).join(' | ')}`);
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press('Enter');
    // (waits until the accepted item is drawn: VS Code applies it after the key press, not with it)
    const whole = `${anchor} 且 家庭.「夫妻至少一方户籍在本县」`;
    const accepted = (await lineText(whole)) ?? (await lineTextNow(`${anchor} 且`));
    expect(accepted).toContain(whole);
    expect(accepted).not.toContain('」」');
    // undo one step at a time, each drawn before the next: an undo pressed before the last one is
    // drawn would go on to undo the earlier tests' edits (the quick fix), which the later tests need
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Control+Z');
      if (await lineGone(`${anchor} 且`, 5_000)) break;
    }
    expect(await lineTextNow(`${anchor} 且`)).toBeUndefined();
    phase('补全');
  }, 120_000);

  test('go to definition of a field opens its declaration in 类型.zc', async () => {
    await gotoPos(where('= 家庭.子女 均满足', '女 均')); // inside the field name
    await page.keyboard.press('F12');
    await page.waitForSelector('.tab.active[aria-label*="类型.zc"]', { timeout: 30_000 });
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((e) => /子女\s*[：:]\s*列表/.test((e.textContent ?? '').replace(/\u00a0/g, ' '))), `${editor} .view-line`, { timeout: 30_000 });
    await activateTab('第四章.zc');
    phase('跳转到定义');
  }, 120_000);

  test('Format Document restores the canonical layout (not saved)', async () => {
    await reset();
    await gotoPos(where('= 家庭.子女 均满足', '家庭.子女 均满足')); // the 家庭 after “=”, not the one after 定义
    await page.keyboard.insertText('   ');
    expect(await lineText('=    家庭.子女 均满足')).toBeDefined();
    await runCommand('Format Document');
    await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].some((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes('= 家庭.子女 均满足（户籍 为 栾川县）')), `${editor} .view-line`, { timeout: 30_000 });
    expect(await lineTextNow('=    家庭')).toBeUndefined(); // the formatted line is drawn (waited for above)
    phase('格式化');
  }, 120_000);

  test('code lens 求值示例 opens the decision table', async () => {
    await reset();
    await gotoPos(where('措施 生育补助', '生育补助'));
    // a locator, not a handle: code lenses are re-rendered whenever the server refreshes them
    await page.locator(`${editor} .codelens-decoration a`, { hasText: '求值示例' }).first().click({ timeout: 30_000 });
    const frame = await webviewFrame('#decisions');
    const row = await frame.$eval('#decisions tbody tr', (tr) => ({ measure: tr.getAttribute('data-measure'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') }));
    expect(row.measure).toBe('生育补助');
    expect(row.cells[1]).toBe('存疑');
    expect(row.cells[3]).toContain('四（一）');
    expect(await frame.textContent('.message')).toContain('缺少的事实');
    await page.screenshot({ path: join(OUT, 'vscode-eval.png') });
    phase('求值示例');
  }, 120_000);

  test('code lens 核查 runs the bundled verifier; its findings appear in the Problems panel', async () => {
    await activateTab('第四章.zc');
    await gotoPos(where('措施 生育补助', '生育补助'));
    await page.locator(`${editor} .codelens-decoration a`, { hasText: '核查' }).first().click({ timeout: 30_000 });
    const toast = await page.waitForSelector('.notification-toast .notification-list-item-message:has-text("项发现")', { timeout: 240_000 });
    expect(await toast.textContent()).toMatch(/^核查（.*栾川县优化生育政策.*）：共 \d+ 项发现/);
    await openProblems();
    // the panel lists only the rows in view: narrow it with its filter box, as a person would
    await page.click('.part.panel .viewpane-filter input');
    await page.keyboard.insertText('数量限定词重复');
    const t0 = Date.now();
    let rows: string[] = [];
    while (Date.now() - t0 < 20_000) {
      rows = await problemsRows();
      if (rows.some((r) => r.includes('数量限定词重复'))) break;
      await page.waitForTimeout(300);
    }
    expect(rows.some((r) => r.includes('ZC0913') && r.includes('数量限定词重复') && r.includes('zhengce 核查')), rows.join('\n')).toBe(true); // in 第四章.zc
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('事件登记中');
    await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some((e) => (e.textContent ?? '').includes('ZC0907')), undefined, { timeout: 30_000 }); // in 栾政2023-18.zc, not open
    await page.screenshot({ path: join(OUT, 'vscode-verify.png') });
    phase('核查');
  }, 300_000);

  test('no quick fix was dropped (extension host log), and nothing was saved', () => {
    const logs: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/exthost/i.test(p) && p.endsWith('.log')) logs.push(p);
      }
    };
    walk(join(userData, 'logs'));
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.map((p) => readFileSync(p, 'utf8')).join('\n');
    expect(text).toContain('zhengce'); // the log is the one our extension ran in
    expect(text).not.toContain('Code action will be dropped');
    expect(readFileSync(join(workspace, FILE)).equals(ORIGINAL)).toBe(true);
    expect(foreign, '浏览器只应访问本机的 code-server').toEqual([]);
  });
});
