/**
 * The browser playground end to end (Debian's Chromium, headless, via playwright-core):
 * `node vscode-extension/web/serve.mjs` builds and serves it; the page loads with no
 * request leaving 127.0.0.1; Monaco's own UI strings are Chinese (its zh-cn messages);
 * typing an error into Monaco gives a squiggle on that line and the compiler's Chinese
 * message with its code — also after a U+2028 in a comment; undoing it clears the
 * marker; a quick fix from the shared code-action service repairs a misspelt field;
 * completion of a quoted name after `家庭.` (typed bare, or after an auto-closed 「」)
 * inserts it once; hovering a measure shows its 原文; names are coloured by what they are (the shared
 * semantic-token service: a field as a property, an entity as a type); the case panel evaluates a
 * three-child family from the form generated from the JSON Schema (its own words Chinese too:
 * 填写事实 / 不存在, 是 / 否 — in a 是否 field's description too — and a description of the facts that
 * names no developer API) and from raw JSON;
 * the panel can be resized; rename is applied, or refused on a name clash; formatting a file with a
 * syntax error changes nothing and says why; go to definition on
 * an 导入 or on a name declared in the imported file opens that file read-only (and 返回 comes back).
 * Screenshots: test-output/playground-{error,hover,quickfix,definition,form,decisions}.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve('test-output');

interface Pos { lineNumber: number; column: number }

describe('playground in headless Chromium', () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url = '';
  const pageErrors: string[] = [];
  /** Console errors: a failed request (the favicon's 404 before the page declared none), an exception logged. */
  const consoleErrors: string[] = [];
  const foreign: string[] = [];

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required (apt-get install chromium)`).toBe(true);
    mkdirSync(OUT, { recursive: true });
    server = spawn(process.execPath, ['vscode-extension/web/serve.mjs'], { env: { ...process.env, PORT: '0', PLAYGROUND_QUIET: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr!.on('data', (d) => { stderr += String(d); });
    url = await new Promise<string>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`server did not start: ${out}${stderr}`)), 45_000);
      server!.stdout!.on('data', (d) => {
        out += String(d);
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) { clearTimeout(timer); res(m[0]); }
      });
      server!.on('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited ${code}: ${out}${stderr}`)); });
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => { server!.once('exit', r); setTimeout(r, 3000); });
    }
  });

  /** Position of the first occurrence of `needle` (1-based line/column; column = start of the needle + offset). */
  async function find(needle: string, offset = 0): Promise<Pos> {
    const pos = await page.evaluate(([n, o]) => {
      const m = (window as any).playground.model;
      const r = m.findMatches(n, false, false, true, null, false)[0];
      if (!r) return null;
      return { lineNumber: r.range.startLineNumber, column: r.range.startColumn + (o as number) };
    }, [needle, offset] as const);
    expect(pos, `“${needle}” in the editor`).not.toBeNull();
    return pos!;
  }

  /** Page coordinates of the middle of the character at a position. */
  async function pixel(p: Pos): Promise<{ x: number; y: number }> {
    return page.evaluate((q) => {
      const ed = (window as any).playground.editor;
      ed.revealPositionInCenter(q);
      const v = ed.getScrolledVisiblePosition(q);
      const next = ed.getScrolledVisiblePosition({ lineNumber: q.lineNumber, column: q.column + 1 });
      const box = ed.getDomNode().getBoundingClientRect();
      return { x: box.left + (v.left + next.left) / 2, y: box.top + v.top + v.height / 2 };
    }, p);
  }

  const markers = () => page.evaluate(() => {
    const pg = (window as any).playground;
    return pg.monaco.editor.getModelMarkers({ owner: 'zhengce' }).map((m: any) => ({ line: m.startLineNumber, severity: m.severity, message: m.message, code: m.code }));
  }) as Promise<{ line: number; severity: number; message: string; code: string }[]>;

  const squiggleLines = () => page.evaluate(() => {
    const ed = (window as any).playground.editor;
    const m = ed.getModel();
    const lines: number[] = [];
    for (let l = 1; l <= m.getLineCount(); l++) if (m.getLineDecorations(l).some((d: any) => /squiggly-error/.test(d.options.className ?? ''))) lines.push(l);
    return lines;
  });

  it('loads Monaco with the sample policy and its diagnostics (offline)', async () => {
    await page.goto(url);
    expect(await page.title()).toContain('ZhengCe');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
    await page.waitForSelector('#editor .monaco-editor .view-lines', { timeout: 20_000 });
    await page.waitForFunction(() => document.getElementById('status')?.dataset.version !== undefined, null, { timeout: 20_000 });
    expect((await page.locator('#editor .view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('政策 「示例县育儿支持办法」');
    expect(await page.evaluate(() => (window as any).playground.model.getValue())).toContain('措施 生育补助');
    sample = await page.evaluate(() => (window as any).playground.model.getValue());
    // Highlighting: keywords get a token class other than the plain identifier one.
    expect(await page.locator('#editor .view-lines span.mtk1, #editor .view-lines span[class^="mtk"]').count()).toBeGreaterThan(10);
    const ms = await markers();
    expect(ms.filter((m) => m.severity === 8)).toEqual([]); // the sample has no errors
    expect(ms.some((m) => m.code === 'ZC0703')).toBe(true); // the unconfirmed parameter warning
    expect(await page.locator('#status').innerText()).toContain('0 个错误');
    expect(pageErrors).toEqual([]);
  });

  it('typing an error shows the squiggle and the Chinese message; undoing it clears them', async () => {
    const at = await find('子女数 二孩及以上', 2); // between 子女 and 数
    await page.evaluate((p) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(p); }, at);
    await page.keyboard.type('人');
    expect(await page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber)).toContain('家庭.子女人数 二孩及以上');
    await page.waitForFunction(() => (window as any).playground.monaco.editor.getModelMarkers({ owner: 'zhengce' }).some((m: any) => m.severity === 8), null, { timeout: 10_000 });
    const errs = (await markers()).filter((m) => m.severity === 8);
    expect(errs).toHaveLength(1);
    expect(errs[0]!.code).toBe('ZC0403');
    expect(errs[0]!.line).toBe(at.lineNumber);
    expect(errs[0]!.message).toContain('实体“家庭”没有字段“子女人数”');
    // The squiggle is rendered, on that line.
    await page.waitForSelector('#editor .squiggly-error', { timeout: 5_000 });
    expect(await squiggleLines()).toEqual([at.lineNumber]);
    await expect.poll(() => page.locator('#status').innerText()).toContain('1 个错误');
    // Hovering the squiggle shows the message and the code.
    await page.mouse.move(10, 10);
    const p = await pixel({ lineNumber: at.lineNumber, column: at.column });
    await page.mouse.move(p.x, p.y);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: '子女人数' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await hover.innerText();
    expect(text).toContain('实体“家庭”没有字段“子女人数”');
    expect(text).toContain('ZC0403');
    await page.waitForTimeout(400);
    await page.screenshot({ path: resolve(OUT, 'playground-error.png') });

    // Fix it: delete the typed character.
    await page.mouse.move(10, 10);
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); }, { lineNumber: at.lineNumber, column: at.column + 1 });
    await page.keyboard.press('Backspace');
    expect(await page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber)).toContain('家庭.子女数 二孩及以上');
    await page.waitForFunction(() => !(window as any).playground.monaco.editor.getModelMarkers({ owner: 'zhengce' }).some((m: any) => m.severity === 8), null, { timeout: 10_000 });
    await expect.poll(() => page.locator('#editor .squiggly-error').count()).toBe(0);
    expect(await squiggleLines()).toEqual([]);
    await expect.poll(() => page.locator('#status').innerText()).toContain('0 个错误');
  });

  it('hovering a measure shows its clause and 原文', async () => {
    await page.keyboard.press('Escape');
    await page.mouse.move(10, 10);
    const at = await find('措施 生育补助', 4); // on 生育补助
    const p = await pixel(at);
    await page.mouse.move(p.x, p.y);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: '原文' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await hover.innerText();
    expect(text).toContain('措施');
    expect(text).toContain('生育补助');
    expect(text).toContain('二（一）');
    expect(text).toContain('对生育二孩及以上且夫妻至少一方户籍在本县的家庭，一次性给予2000元生育补助');
    await page.waitForTimeout(400); // let the hover's fade-in finish before the screenshot
    await page.screenshot({ path: resolve(OUT, 'playground-hover.png') });
    await page.mouse.move(10, 10);
  });

  it('hovering a definition in a rule shows what it is derived from and its 原文 (derive, don\'t ask)', async () => {
    await page.keyboard.press('Escape');
    await page.mouse.move(10, 10);
    const at = await find('并且 家庭.「夫妻至少一方户籍在本县」', '并且 家庭.「'.length + 2); // inside the name, in 「二孩补助」's condition
    const p = await pixel(at);
    await page.mouse.move(p.x, p.y);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: '定义' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await hover.innerText();
    expect(text).toContain('家庭.丈夫户籍在本县 或 家庭.妻子户籍在本县');
    expect(text).toContain('原文');
    expect(text).toContain('夫妻至少一方户籍在本县');
    expect(text).toContain('二（一）');
    await page.mouse.move(10, 10);
  });

  it('offers completions from the compiler (field names after a dot)', async () => {
    const at = await find('家庭.子女数 ≥ 3孩', 3); // just after 家庭.
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); ed.trigger('test', 'editor.action.triggerSuggest', {}); }, at);
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => widget.innerText()).toContain('子女数');
    expect(await widget.innerText()).toContain('夫妻至少一方户籍在本县');
    await page.keyboard.press('Escape');
  });

  it('colours names by what they are, from the language server\'s semantic tokens: a field as a property, an entity as a type, a keyword as a keyword', async () => {
    // (Monarch alone gives every name one colour: 家庭 and 子女数 as identifiers)
    const at = await find('家庭.子女数 二孩及以上');
    await page.evaluate((l) => (window as any).playground.editor.revealLineInCenter(l), at.lineNumber);
    /** The colour of the rendered piece of line `l` whose text is `text`. */
    const colourOf = (l: number, text: string) => page.evaluate(([line, t]) => {
      const ed = (window as any).playground.editor;
      const top = ed.getTopForLineNumber(line); // (a view line's top: in the scrolled layer)
      const row = [...document.querySelectorAll('#editor .view-line')].find((e) => Math.abs(parseFloat((e as HTMLElement).style.top) - top) < 1);
      const span = row && [...row.querySelectorAll('span > span')].find((e) => e.textContent === t);
      return span ? getComputedStyle(span).color : null;
    }, [l, text] as const);
    await expect.poll(() => colourOf(at.lineNumber, '子女数'), { timeout: 10_000 }).toBe('rgb(0, 16, 128)'); // property: #001080
    expect(await colourOf(at.lineNumber, '家庭')).toBe('rgb(38, 127, 153)'); // class: #267f99
    expect(await colourOf(at.lineNumber, '条件')).toBe('rgb(11, 92, 173)'); // keyword: #0b5cad
    // a measure's name as a function (#795e26)
    const m = await find('措施 生育补助');
    await page.evaluate((l) => (window as any).playground.editor.revealLineInCenter(l), m.lineNumber);
    await expect.poll(() => colourOf(m.lineNumber, '生育补助'), { timeout: 10_000 }).toBe('rgb(121, 94, 38)');
  });

  let sample = '';
  const setText = (text: string) => page.evaluate((t) => (window as any).playground.model.setValue(t), text);
  const getText = () => page.evaluate(() => (window as any).playground.model.getValue()) as Promise<string>;
  const waitMarkers = (pred: string) => page.waitForFunction(`(${pred})((window).playground.monaco.editor.getModelMarkers({ owner: 'zhengce' }))`, null, { timeout: 10_000 });

  it("Monaco's own UI strings are Chinese (zh-cn messages of its AMD build)", async () => {
    await page.evaluate(() => { const ed = (window as any).playground.editor; ed.focus(); ed.trigger('test', 'actions.find', {}); });
    const input = page.locator('.find-widget textarea, .find-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await input.getAttribute('placeholder')).toBe('查找');
    expect(await page.locator('.find-widget').innerText()).toMatch(/无结果|第 \d+ 项，共 \d+ 项/);
    await page.keyboard.press('Escape');
    // the context menu
    const at = await find('措施 生育补助', 4);
    const p = await pixel(at);
    await page.mouse.click(p.x, p.y, { button: 'right' });
    const menu = page.locator('.monaco-menu-container, .context-view .monaco-menu').first();
    await menu.waitFor({ state: 'visible', timeout: 5_000 });
    const items = await menu.innerText();
    expect(items).toContain('命令面板');
    expect(items).toContain('复制');
    expect(items).not.toContain('Command Palette');
    await page.keyboard.press('Escape');
  });

  it('markers stay on their line after a U+2028 in a comment (one line model)', async () => {
    await setText(sample);
    const original = await getText();
    expect(original.split('\n')[0]).toMatch(/^#/);
    // a LINE SEPARATOR inside the first comment: Monaco keeps it inside line 1, so must the compiler
    const edited = original.replace(/^(# [^\n]{4})/, '$1\u2028').replace('家庭.子女数 二孩及以上', '家庭.子女人数 二孩及以上');
    expect(edited).toContain('\u2028');
    await setText(edited);
    await waitMarkers('(ms) => ms.some((m) => m.severity === 8)');
    const errs = (await markers()).filter((m) => m.severity === 8);
    expect(errs.map((m) => m.code)).toEqual(['ZC0403']);
    const line = await page.evaluate(() => {
      const m = (window as any).playground.model;
      return m.findMatches('子女人数', false, false, true, null, false)[0].range.startLineNumber;
    });
    expect(await page.evaluate(() => (window as any).playground.model.getLineContent(1))).toContain('\u2028');
    expect(errs[0]!.line).toBe(line);
    await page.waitForSelector('#editor .squiggly-error', { timeout: 5_000 });
    expect(await squiggleLines()).toEqual([line]);
    await setText(original);
    await waitMarkers('(ms) => !ms.some((m) => m.severity === 8)');
  });

  it('a quick fix from the shared code-action service repairs a misspelt field', async () => {
    await setText(sample);
    const original = await getText();
    await setText(original.replace('家庭.子女数 二孩及以上', '家庭.子女 二孩及以上'));
    await waitMarkers("(ms) => ms.some((m) => m.code === 'ZC0403')");
    const at = await find('家庭.子女 二孩', 3);
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); ed.trigger('test', 'editor.action.quickFix', {}); }, at);
    const widget = page.locator('.action-widget').first();
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => widget.innerText()).toContain('改为“子女数”');
    await page.screenshot({ path: resolve(OUT, 'playground-quickfix.png') });
    // the first action is focused (“按 Enter 以应用”)
    expect(await page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')).toBe('改为“子女数”');
    await page.keyboard.press('Enter');
    await expect.poll(getText).toBe(original);
    await waitMarkers("(ms) => !ms.some((m) => m.code === 'ZC0403')");
  });

  it('completes a quoted name after 家庭. typed bare, and after an auto-closed 「」 (no 」」)', async () => {
    await setText(sample);
    const original = await getText();
    const anchor = '条件：家庭.子女数 ≥ 3孩';
    // 1. typed bare: 家庭.夫妻 → 家庭.「夫妻至少一方户籍在本县」
    let at = await find(anchor, anchor.length);
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); }, at);
    await page.keyboard.type(' 且 家庭.夫妻');
    const widget = page.locator('.suggest-widget.visible');
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => widget.innerText()).toContain('夫妻至少一方户籍在本县');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber)).toContain(`${anchor} 且 家庭.「夫妻至少一方户籍在本县」`);
    // close the suggest widget before restoring the text (under load an accepted item can still be pending)
    await page.keyboard.press('Escape');
    await setText(original);
    await expect.poll(getText).toBe(original);
    // 2. typed 「: Monaco closes it (「」), completion replaces both quotes.
    // Let Monaco render the restored text first: its hidden textarea mirrors the cursor's line and
    // is rewritten on render; once (CI, load) a DOM keystroke right after setValue re-inserted part
    // 1's line. Part 2 types through Monaco's own 'type' command (the path a keystroke takes after
    // the textarea, auto-closing pairs included), so only part 1 depends on DOM key events.
    const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await frames();
    at = await find(anchor, anchor.length);
    const lineBefore = await page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber);
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); }, at);
    await frames();
    const typeText = (text: string) => page.evaluate((t) => (window as any).playground.editor.trigger('keyboard', 'type', { text: t }), text);
    await typeText(' 且 家庭.');
    const cut = lineBefore.indexOf(anchor) + anchor.length;
    expect(await page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber)).toBe(`${lineBefore.slice(0, cut)} 且 家庭.${lineBefore.slice(cut)}`);
    // auto-closing pairs apply to the 'type' command: 「 becomes 「」
    await typeText('「');
    expect(await page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber)).toContain('家庭.「」');
    if (!(await widget.isVisible())) await page.evaluate(() => (window as any).playground.editor.trigger('test', 'editor.action.triggerSuggest', {}));
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await typeText('夫妻');
    await expect.poll(() => widget.innerText()).toContain('夫妻至少一方户籍在本县');
    await page.keyboard.press('Enter');
    const line = await page.evaluate((l) => (window as any).playground.model.getLineContent(l), at.lineNumber);
    expect(line).toContain(`${anchor} 且 家庭.「夫妻至少一方户籍在本县」`);
    expect(line).not.toContain('」」');
    await waitMarkers('(ms) => !ms.some((m) => m.severity === 8)');
    await setText(original);
  });

  it('offers the keywords the grammar allows at the cursor: on a new line in a 措施, 规则 (accepted), never 措施', async () => {
    await setText(sample);
    const original = await getText();
    const k = original.indexOf('对象：家庭') + '对象：家庭'.length;
    await setText(`${original.slice(0, k)}\n      ${original.slice(k)}`);
    const at = await find('对象：家庭', '对象：家庭'.length);
    const blank = { lineNumber: at.lineNumber + 1, column: 7 };
    const widget = page.locator('.suggest-widget.visible');
    const typeText = (text: string) => page.evaluate((t) => (window as any).playground.editor.trigger('keyboard', 'type', { text: t }), text);
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); }, blank);
    await typeText('规');
    await page.evaluate(() => (window as any).playground.editor.trigger('test', 'editor.action.triggerSuggest', {}));
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => widget.innerText()).toContain('规则');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate((l) => (window as any).playground.model.getLineContent(l), blank.lineNumber)).toBe('      规则');
    // 措 on the same kind of line: no 措施 (a 措施 is declared only in a 条款)
    await page.evaluate((q) => { const m = (window as any).playground.model; m.applyEdits([{ range: { startLineNumber: q.lineNumber, startColumn: 1, endLineNumber: q.lineNumber, endColumn: m.getLineMaxColumn(q.lineNumber) }, text: '      措' }]); (window as any).playground.editor.setPosition({ lineNumber: q.lineNumber, column: 8 }); }, blank);
    await page.evaluate(() => (window as any).playground.editor.trigger('test', 'editor.action.triggerSuggest', {}));
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => widget.innerText()).toContain('无建议');
    expect(await widget.innerText()).not.toContain('措施');
    await page.keyboard.press('Escape');
    await setText(original);
  });

  it('shows the signature of a built-in function while its arguments are typed (parameter hints)', async () => {
    await setText(sample);
    const original = await getText();
    const anchor = '条件：家庭.子女数 ≥ 3孩';
    const at = await find(anchor, anchor.length);
    await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); }, at);
    await page.evaluate((t) => (window as any).playground.editor.trigger('keyboard', 'type', { text: t }), ' 且 数量（家庭.子女，');
    await page.evaluate(() => (window as any).playground.editor.trigger('test', 'editor.action.triggerParameterHints', {}));
    const hints = page.locator('.parameter-hints-widget.visible');
    await hints.waitFor({ state: 'visible', timeout: 10_000 });
    await expect.poll(() => hints.innerText()).toContain('数量（列表，条件） → 整数');
    expect(await page.locator('.parameter-hints-widget.visible .parameter.active').innerText()).toBe('条件');
    await page.keyboard.press('Escape');
    await setText(original);
  });

  it('go to definition on 导入 "类型.zc" and on a field declared there opens 类型.zc read-only; 返回 comes back', async () => {
    await setText(sample);
    const state = () => page.evaluate(() => {
      const pg = (window as any).playground;
      const ed = pg.editor;
      return { file: decodeURIComponent(ed.getModel().uri.path), readOnly: ed.getOption(pg.monaco.editor.EditorOption.readOnly), line: ed.getPosition().lineNumber, text: ed.getModel().getLineContent(ed.getPosition().lineNumber) };
    }) as Promise<{ file: string; readOnly: boolean; line: number; text: string }>;
    const f12 = async (needle: string, offset: number) => {
      const at = await find(needle, offset);
      await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); ed.trigger('keyboard', 'editor.action.revealDefinition', {}); }, at);
      await expect.poll(async () => (await state()).file).toMatch(/\/类型\.zc$/);
    };
    // the import: the file's first line
    await f12('导入 "类型.zc"', 5);
    let s = await state();
    expect(s.readOnly).toBe(true);
    expect(s.line).toBe(1);
    expect(await page.locator('#file').innerText()).toContain('类型.zc（只读）');
    // read-only: typing changes nothing
    const types = await page.evaluate(() => (window as any).playground.editor.getModel().getValue());
    await page.keyboard.type('甲');
    expect(await page.evaluate(() => (window as any).playground.editor.getModel().getValue())).toBe(types);
    await page.click('#back');
    await expect.poll(async () => (await state()).file).toMatch(/\/示例\.zc$/);
    expect((await state()).readOnly).toBe(false);
    expect(await page.locator('#back').isVisible()).toBe(false);
    // a field: its declaration in 类型.zc
    await f12('家庭.子女数 二孩及以上', 4);
    s = await state();
    expect(s.text).toContain('子女数');
    await page.screenshot({ path: resolve(OUT, 'playground-definition.png') });
    await page.click('#back');
    await expect.poll(async () => (await state()).file).toMatch(/\/示例\.zc$/);
    expect(await getText()).toBe(sample);
    expect(pageErrors).toEqual([]);
  });

  it('rename through the shared service: applied in the editor, refused with a Chinese reason on a clash', async () => {
    await setText(sample);
    const rename = async (needle: string, offset: number, name: string) => {
      const at = await find(needle, offset);
      await page.evaluate((q) => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition(q); ed.trigger('test', 'editor.action.rename', {}); }, at);
      const input = page.locator('input.rename-input').first();
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(name);
      await page.keyboard.press('Enter');
    };
    await rename('规则 「三孩补助」', 4, '二孩补助');
    const msg = page.locator('.monaco-editor-overlaymessage').filter({ hasText: '不能重命名为' }).first();
    await msg.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await msg.innerText()).toContain('不能重命名为“二孩补助”：“生育补助”中已有同名的规则“二孩补助”');
    expect(await getText()).toBe(sample);
    await page.keyboard.press('Escape');
    await rename('措施 托育补贴', 4, '托育津贴');
    await expect.poll(getText).toContain('措施 托育津贴');
    expect(await getText()).toContain('条款 （二） "托育补贴"'); // strings are not names
    // every use was renamed: the text still compiles without errors
    await page.waitForFunction(`(window).playground.monaco.editor.getModelMarkers({ owner: 'zhengce' }).length > 0 && document.getElementById('status').dataset.version === String((window).playground.model.getVersionId())`, null, { timeout: 10_000 });
    expect((await markers()).filter((m) => m.severity === 8)).toEqual([]);
    await setText(sample);
  });

  it('formatting a file with a syntax error changes nothing and says why at the cursor', async () => {
    const broken = sample.replace('补助金额 = 2000元', '补助金额 = 2000元 +');
    await setText(broken);
    await page.evaluate(() => { const ed = (window as any).playground.editor; ed.focus(); ed.setPosition({ lineNumber: 1, column: 1 }); return ed.getAction('editor.action.formatDocument').run(); });
    const msg = page.locator('.monaco-editor-overlaymessage').filter({ hasText: '未格式化' }).first();
    await msg.waitFor({ state: 'visible', timeout: 10_000 });
    const line = broken.split('\n').findIndex((l) => l.includes('2000元 +')) + 1;
    expect(await msg.innerText()).toContain(`文件有 1 处语法错误，未格式化：“+”之后缺少内容（第 ${line} 行）`);
    expect(await getText()).toBe(broken);
    await page.keyboard.press('Escape');
    await setText(sample);
  });

  it('evaluates from the form generated from the JSON Schema; the panel can be resized', async () => {
    await setText(sample);
    await page.click('#tab-form');
    const count = page.locator('#facts-form [name="root[家庭][子女数]"]');
    await count.waitFor({ state: 'visible', timeout: 10_000 });
    // every field of every entity of the schema has an input, labelled with its name
    for (const name of ['root[家庭][丈夫户籍在本县]', 'root[家庭][妻子户籍在本县]', 'root[婴幼儿][出生日期]', 'root[女职工][性别]']) expect(await page.locator(`#facts-form [name="${name}"]`).count()).toBe(1);
    // derive, don't ask: the form asks for each spouse's 户籍 (a fact off a 户口簿), never for the
    // conclusion the sample defines from them
    expect(await page.locator('#facts-form [name="root[家庭][夫妻至少一方户籍在本县]"]').count()).toBe(0);
    expect(await page.locator('#facts-form').innerText()).not.toContain('夫妻至少一方户籍在本县');
    expect(await page.locator('#facts-form').innerText()).toContain('出生医学证明的份数');
    expect(await page.locator('#facts-form').innerText()).toContain('丈夫户口簿上的户籍地是否在本县');
    expect(await page.locator('#facts-form [name="root[女职工][性别]"] option').allInnerTexts()).toEqual(expect.arrayContaining(['男', '女']));
    // the form speaks Chinese too: an entity's switcher names its two choices, a 是否 field offers 是 / 否
    // (it showed json-editor's “object” / “string”, and “true” / “false” inside an entity)
    expect(await page.locator('#facts-form select.je-switcher').first().isVisible()).toBe(true);
    const switcher = await page.locator('#facts-form select.je-switcher').first().locator('option').allInnerTexts();
    expect(switcher).toEqual(['填写事实', '不存在']);
    expect(await page.locator('#facts-form [name="root[家庭][丈夫户籍在本县]"] option').allInnerTexts()).toEqual(expect.arrayContaining(['是', '否']));
    const english = await page.evaluate(() => [...document.querySelectorAll('#facts-form option, #facts-form button, #facts-form label, #facts-form h3, #facts-form span')]
      .filter((e) => (e.tagName === 'OPTION' ? e.closest('select')! : e).checkVisibility())
      .map((e) => (e.tagName === 'OPTION' ? e.textContent! : (e as HTMLElement).innerText).trim()).filter((t) => /[A-Za-z]{2,}/.test(t) && !/^[\x00-\x7f]*[^\x00-\x7f]/.test(t)));
    expect(english).toEqual([]);
    // its descriptions are a drafter's words: a 是否 field's type is 是 / 否 (the schema's description says
    // “true / false” to developers) and the form's own says what the facts are, naming no evaluate()
    const formText = await page.locator('#facts-form').innerText();
    expect(formText).toContain('类型：是否（是 / 否）');
    expect(formText).toContain('本个案的事实');
    expect(formText).not.toMatch(/true|false|evaluate/);
    // what a screen reader says for the hidden labels of opt-in boxes and switchers: Chinese, not the form's names
    const hidden = await page.evaluate(() => [...document.querySelectorAll('#facts-form label')].map((e) => e.textContent!.trim()).filter((t) => /opt-in|switcher|root\[/.test(t)));
    expect(hidden).toEqual([]);
    const labelOf = (id: string) => page.evaluate((i) => document.querySelector(`#facts-form label[for="${i}"]`)?.textContent, id);
    expect(await labelOf('root[家庭][子女数]-opt-in')).toBe('填写“家庭.子女数”');
    expect(await labelOf('root[家庭]switcher')).toBe('“家庭”的填写方式');
    await count.fill('3');
    await count.dispatchEvent('change');
    await page.click('#run');
    await expect.poll(() => page.locator('#decisions tr[data-measure="生育补助"]').innerText()).toContain('5000.00 元');
    await page.screenshot({ path: resolve(OUT, 'playground-form.png') });
    // the JSON tab shows what the form holds
    await page.click('#tab-json');
    expect(JSON.parse(await page.locator('#facts').inputValue())).toMatchObject({ 家庭: { 子女数: 3, 丈夫户籍在本县: true, 妻子户籍在本县: false } });
    await page.click('#tab-form');
    // resize: drag the splitter 200 px to the left
    const before = (await page.locator('#panel').boundingBox())!.width;
    const bar = (await page.locator('#splitter').boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + 200);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width / 2 - 200, bar.y + 200, { steps: 5 });
    await page.mouse.up();
    const after = (await page.locator('#panel').boundingBox())!.width;
    expect(after).toBeGreaterThan(before + 150);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('evaluates a three-child family from raw JSON: 生育补助 5000.00 元', async () => {
    const facts = { 家庭: { 子女数: 3, 丈夫户籍在本县: true } };
    await page.click('#tab-json');
    expect(await page.locator('#facts').isVisible()).toBe(true);
    await page.fill('#facts', JSON.stringify(facts, null, 2));
    await page.fill('#date', '2024-06-01');
    await page.click('#run');
    // the previous test's run (its form holds every entity, 婴幼儿 too) left its table on the
    // page: wait until this run's table replaced it, read by the measure the two runs decide apart
    await expect.poll(() => page.locator('#decisions tr[data-measure="托育补贴"]').innerText(), { timeout: 10_000 }).toContain('存疑');
    const row = page.locator('#decisions tr[data-measure="生育补助"]');
    await row.waitFor({ timeout: 10_000 });
    const text = await row.innerText();
    expect(text).toContain('适用');
    expect(text).toContain('5000.00 元');
    expect(text).toContain('二（一）');
    expect(await page.locator('#summary').innerText()).toContain('评估日期：2024-06-01');
    // A measure whose subject is absent is unknown (存疑, naming it), never a silent 不适用 (issue 14).
    const absent = await page.locator('#decisions tr[data-measure="托育补贴"]').innerText();
    expect(absent).toContain('存疑');
    expect(absent).toContain('输入中没有「婴幼儿」');
    // why not, beside a 不适用 decision: the conditions that failed, per rule (the traced evaluation)
    await page.fill('#facts', JSON.stringify({ 家庭: { 子女数: 1, 丈夫户籍在本县: true } }));
    await page.click('#run');
    await expect.poll(() => page.locator('#decisions tr[data-measure="生育补助"] .why-not').innerText(), { timeout: 10_000 }).toContain('为何不适用');
    const wn = await page.locator('#decisions tr[data-measure="生育补助"] .why-not').innerText();
    expect(wn).toContain('规则“二孩补助”未满足：家庭.子女数 二孩及以上');
    expect(wn).toContain('规则“三孩补助”未满足：家庭.子女数 ≥ 3孩');
    expect(await page.locator('#decisions tr[data-measure="生育补助"] td').nth(1).innerText()).toBe('不适用');
    // a condition on a definition: why-not names the definition, its value and 原文 (derive, don't ask)
    await page.fill('#facts', JSON.stringify({ 家庭: { 子女数: 3, 丈夫户籍在本县: false, 妻子户籍在本县: false } }));
    await page.click('#run');
    await expect.poll(() => page.locator('#decisions tr[data-measure="生育补助"] .why-not').innerText(), { timeout: 10_000 }).toContain('规则“二孩补助”未满足：家庭.「夫妻至少一方户籍在本县」');
    expect(await page.locator('#decisions tr[data-measure="生育补助"] .why-not').innerText()).toContain('定义「家庭.夫妻至少一方户籍在本县」：否（原文：“夫妻至少一方户籍在本县”，二（一））');
    // one spouse not local, the other not filled in: 存疑, naming the fact under the definition
    await page.fill('#facts', JSON.stringify({ 家庭: { 子女数: 2, 丈夫户籍在本县: false } }));
    await page.click('#run');
    await expect.poll(() => page.locator('#decisions tr[data-measure="生育补助"] .why-not').innerText(), { timeout: 10_000 }).toContain('为何存疑');
    const unknown = await page.locator('#decisions tr[data-measure="生育补助"] .why-not').innerText();
    expect(unknown).toContain('规则“二孩补助”未知（缺少事实）：家庭.「夫妻至少一方户籍在本县」');
    expect(unknown).toContain('定义「家庭.夫妻至少一方户籍在本县」：（未知）');
    expect(unknown).toContain('缺少的事实：家庭.妻子户籍在本县');
    await page.screenshot({ path: resolve(OUT, 'playground-decisions.png') });

    // Invalid input is reported, not thrown.
    await page.fill('#facts', JSON.stringify({ 家庭: { 子女数: '三个' } }));
    await page.click('#run');
    await page.locator('#problems').waitFor({ timeout: 10_000 });
    expect(await page.locator('#problems').innerText()).toContain('家庭.子女数');
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
