/**
 * The HTML documentation in a real browser (Debian's Chromium, headless, via
 * playwright-core): the page loads offline, shows the 原文 and the decision tables,
 * does not overflow horizontally, and prints to an A4 PDF. A full-page screenshot and
 * the PDF of each policy are left in test-output/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { emitDocs } from '../../compiler/emit/docs.js';
import { loadPolicy } from './check.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve('test-output');

/** Policies that compile without errors (the sample always; others once they do). */
const policies = ['policies/sample', ...readdirSync('policies').map((d) => `policies/${d}`)
  .filter((d) => d !== 'policies/sample' && statSync(d).isDirectory() && readdirSync(d).some((f) => f.endsWith('.zc')))]
  .map((path) => ({ path, ...loadPolicy(path) }))
  .filter((p) => p.path === 'policies/sample' || p.errors === 0);

describe('documentation in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  const files = emitDocs(policies.map((p) => ({ ir: p.ir, checked: p.checked })));

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required (apt-get install chromium)`).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'zhengce-docs-'));
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the sample compiled (precondition)', () => {
    expect(policies[0]!.errors).toBe(0);
  });

  for (const p of policies) {
    const id = p.ir.policy.id;
    it(`renders ${p.path}: title, 原文, decision tables, no overflow; screenshot and A4 PDF`, async () => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(join(dir, `${id}.html`)).href);
      const title = `${p.ir.policy.title ?? p.ir.policy.name}${p.ir.policy.docNumber ? `（${p.ir.policy.docNumber}）` : ''}`;
      expect(await page.title()).toBe(title);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

      if (id === 'sample') {
        const clause = page.locator('#sec_2__subsec_1');
        await expect.poll(() => clause.isVisible()).toBe(true);
        const yuanwen = page.locator('blockquote.yuanwen', { hasText: '（一）生育补助。对生育二孩及以上且夫妻至少一方户籍在本县的家庭' });
        expect(await yuanwen.isVisible()).toBe(true);
        const table = page.locator('table.decision', { hasText: '三孩补助' });
        expect(await table.isVisible()).toBe(true);
        expect(await table.locator('tbody tr').count()).toBe(2);
        expect(await page.locator('#measure-1-rule-2').innerText()).toContain('补助金额为5000.00元（一次性）');
        expect(await page.locator('.badge.warn', { hasText: '未确认' }).first().isVisible()).toBe(true);
        // a cross-link lands on its target
        await page.locator('a[href="#doubt-1"]').first().click();
        expect(await page.evaluate(() => location.hash)).toBe('#doubt-1');
      } else {
        expect(await page.locator('blockquote.yuanwen').first().isVisible()).toBe(true);
        if (p.ir.measures.some((m) => m.rules.length)) expect(await page.locator('table.decision').first().isVisible()).toBe(true);
      }

      // nothing wider than the page, at a desktop width and at a narrow one
      for (const width of [1100, 700]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      }
      await page.setViewportSize({ width: 1100, height: 900 });
      // the county's page is long (a full-page PNG of ~16 MB): on a busy 2-core machine this takes more than Playwright's default 30 s
      await page.screenshot({ path: join(OUT, `docs-${id}.png`), fullPage: true, timeout: 180_000 });

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, path: join(OUT, `docs-${id}.pdf`) });
      expect(pdf.byteLength).toBeGreaterThan(0);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // printed links carry no underline; top-level sections start on a new page
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('a')!).textDecorationLine)).toBe('none');
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('section.top')!).breakBefore)).toBe('page');

      expect(requests, 'the page must not load anything from the network').toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }, 400_000);
  }

  it('renders the index page', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    expect(await page.title()).toBe('政策文档索引');
    expect(await page.locator('table.index tbody tr').count()).toBe(policies.length);
    await page.close();
  });
});
