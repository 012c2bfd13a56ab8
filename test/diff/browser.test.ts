/**
 * The committed HTML change-impact report (generated/docs/diff/luanchuan-revision-example.html)
 * in a real browser (Debian's Chromium, headless, via playwright-core): it loads offline, shows one
 * row per measure with its verdict, the witness of each change, the character diff of the 原文,
 * and does not overflow horizontally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { REPO_DIR } from '../helpers/golden.js';

const CHROMIUM = '/usr/bin/chromium';
const REPORT = join(REPO_DIR, 'generated/docs/diff/luanchuan-revision-example.html');

describe('diff report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is required (apt-get install chromium)`).toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every measure with its verdict, the witnesses and the 原文 diff, offline, without overflow', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(REPORT).href);
    expect(await page.title()).toBe('变更影响');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await page.locator('tr.chg td:first-child').allInnerTexts()).toEqual(['生育补助']);
    expect(await page.locator('tr.chg td:last-child').innerText()).toBe('得到、改变');
    expect(await page.locator('tr.eq').count()).toBe(19);
    await page.locator('details summary').first().click();
    // the witness: a household of the second encoding (children with birth dates and 同胎序号), and
    // the one value of the uncertain 施行日 it holds for
    const w = await page.locator('details pre').first().innerText();
    expect(w).toContain('"同胎序号"');
    expect(w).toContain('"施行日"');
    expect(await page.locator('del').allInnerTexts()).toContain('三');
    expect(await page.locator('ins').allInnerTexts()).toContain('二');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(requests).toEqual([]);
    await page.close();
  }, 120_000);
});
