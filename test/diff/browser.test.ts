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
    // one row per measure of the new version (the county's second encoding has 20)
    const n = await rows.count();
    expect(n).toBe(20);
    // 生育补助 (四（一）: 三孩 → 二孩, 1000元 → 2000元) is changed: someone gains, an amount changes
    const changed = await page.locator('tr.chg td:first-child').allInnerTexts();
    expect(changed).toContain('生育补助');
    const birth = page.locator('tr.chg', { hasText: '生育补助' }).locator('td:last-child');
    expect(await birth.innerText()).toMatch(/得到.*改变/);
    // every other row is proved equivalent or names a change; none is blank
    expect(await page.locator('tr.eq').count()).toBe(n - changed.length);
    // the witness of a change: facts a caseworker reads off documents (the family's 子女 list)
    await page.locator('details summary').first().click();
    const witness = await page.locator('details pre').first().innerText();
    expect(witness).toContain('"子女"');
    expect(witness).toContain('"出生日期"');
    // the 原文 of 四（一） changed character by character: 三孩 → 二孩
    expect(await page.locator('del').allInnerTexts()).toContain('三');
    expect(await page.locator('ins').allInnerTexts()).toContain('二');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(requests).toEqual([]);
    await page.close();
  }, 120_000);
});
