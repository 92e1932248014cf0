// The simulator page in a real headless Chromium: pick a person, type, click a card button,
// and see the bot's answers arrive through the real encrypted callback path.
// Needs Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it); skipped without it.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`[e2e] skipping the simulator page test: ${CHROMIUM} not found (apt-get install -y chromium)`);
}
const WAIT = { timeout: 15_000 };

describe.skipIf(!HAS_CHROMIUM)('simulator chat page in headless Chromium (needs /usr/bin/chromium)', () => {
  let t: TestBot | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestBot({ mode: 'local' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
      timeout: 60_000,
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 800 }, locale: 'zh-CN' });
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`console: ${msg.text()} @ ${msg.location().url}`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  }, 90_000);

  afterAll(async () => {
    // The browser first: its pending long poll would otherwise hold the server open.
    await browser?.close();
    await t?.stop();
  }, 60_000);

  const bot = (text: string) => page.locator('#messages .msg.theirs .bubble', { hasText: text });

  it('round-trips text, a card button and an outsider through the page', async () => {
    await page.goto(`${t!.bot.url}/sim`);

    await page.locator('li[data-user-id="zhaowenhua"]').click();
    await page.locator('#input:enabled').waitFor(WAIT);
    await page.locator('#input').fill('帮助');
    await page.locator('#input').press('Enter');
    await page.locator('#messages .msg.mine .bubble', { hasText: '帮助' }).waitFor(WAIT);
    await bot('「我的信息」').first().waitFor(WAIT);
    const whoamiButton = page.locator('.msg.theirs .card .card-buttons button[data-key="help.whoami"]');
    await whoamiButton.waitFor(WAIT);
    expect(await page.locator('.msg.theirs .card').first().getAttribute('data-task-id')).toBeTruthy();

    await whoamiButton.click();
    await bot('赵文华的名册信息').waitFor(WAIT);
    expect(await bot('赵文华的名册信息').textContent()).toMatch(/^赵文华的名册信息：[\s\S]*第一代表小组（组长）/);

    const screenshot = join(mkdtempSync(join(tmpdir(), 'sim-page-')), 'simulator-page.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.info(`[e2e] screenshot: ${screenshot}`);

    await page.locator('li[data-user-id="outsider"]').click();
    await page.locator('li.active[data-user-id="outsider"]').waitFor(WAIT);
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg').length === 0, undefined, WAIT);
    await page.locator('#input').fill('你好');
    await page.locator('#send').click();
    await bot('代表名册').waitFor(WAIT);
    // Nothing of 赵文华's chat leaks into the outsider's.
    expect(await page.locator('#messages').textContent()).not.toContain('赵文华的名册信息');

    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
