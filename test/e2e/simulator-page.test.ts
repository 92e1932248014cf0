// The simulator page in a real headless Chromium: pick a person, type, click a card button,
// and see the bot's answers arrive through the real encrypted callback path.
// Needs Debian's Chromium at /usr/bin/chromium (`.ci/run` installs it); skipped without it.
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
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

    // Flick through more people than the browser keeps connections per host: each switch must
    // end the previous long poll, or the page stalls until those polls time out (20 s).
    const people = page.locator('#people-list li');
    for (let i = 0; i < 8; i++) {
      await people.nth(i).click();
      await page.locator('#conversations button.active').waitFor(WAIT);
    }
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

  it('talks in a group chat through the robot: answers come back in the group, addressed to the asker', async () => {
    await page.goto(`${t!.bot.url}/sim`);
    await page.locator('li[data-user-id="zhaowenhua"]').click();
    const groupTab = page.locator('#conversations button', { hasText: '第一代表小组' });
    await groupTab.click();
    await page.locator('#conversations button.active', { hasText: '第一代表小组' }).waitFor(WAIT);
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg').length === 0, undefined, WAIT);

    await page.locator('#input').fill('帮助');
    await page.locator('#input').press('Enter');
    await page.locator('#messages .msg.mine .bubble', { hasText: '@人大代表履职助手 帮助' }).waitFor(WAIT);
    const help = bot('@赵文华 赵文华，您好！');
    await help.waitFor(WAIT);
    expect(await help.textContent()).toContain('「请假」');
    expect(await page.locator('#messages .card').count()).toBe(0); // cards stay in the private chat

    await page.locator('#input').fill('我的信息');
    await page.locator('#send').click();
    await bot('赵文华的名册信息').waitFor(WAIT);
    expect(await bot('赵文华的名册信息').textContent()).toMatch(/^@赵文华 /);
    const screenshot = join(mkdtempSync(join(tmpdir(), 'sim-page-')), 'simulator-group.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.info(`[e2e] screenshot: ${screenshot}`);

    // Another member of the group sees the exchange, with the sender's name on it.
    await page.locator('li[data-user-id="qianxiuying"]').click();
    await page.locator('#conversations button', { hasText: '第一代表小组' }).click();
    await page.locator('#messages .msg.theirs .who', { hasText: '赵文华' }).first().waitFor(WAIT);
    await bot('赵文华的名册信息').waitFor(WAIT);
    // The group's answers are not in the private chat with the app.
    await page.locator('#conversations button', { hasText: '单聊' }).click();
    await page.locator('#conversations button.active', { hasText: '单聊' }).waitFor(WAIT);
    await page.waitForTimeout(300);
    expect(await page.locator('#messages').textContent()).not.toContain('赵文华的名册信息');

    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('says 发送中… while a callback is in flight, on the message, the send button and a card button', async () => {
    // A gate between the simulated WeCom and the bot holds each callback until released.
    const gate = await startGate(t!.callbackUrl);
    t!.bot.simulator!.connect(gate.url, t!.robotCallbackUrl);
    try {
      await page.goto(`${t!.bot.url}/sim`);
      await page.locator('li[data-user-id="wuxiaodong"]').click();
      await page.locator('#input:enabled').waitFor(WAIT);
      await page.locator('#input').fill('帮助');
      await page.locator('#input').press('Enter');
      const typed = page.locator('#messages .msg.mine', { hasText: '帮助' });
      await typed.locator('.delivery.sending', { hasText: '发送中…' }).waitFor(WAIT);
      expect(await page.locator('#send').textContent()).toBe('发送中…');
      await gate.held(1);
      gate.release();
      await typed.locator('.delivery').waitFor({ state: 'detached', ...WAIT });
      expect(await page.locator('#send').textContent()).toBe('发送');

      const button = page.locator('.msg.theirs .card button[data-key="help.whoami"]');
      await button.click();
      await page.locator('.msg.theirs .card button.sending[data-key="help.whoami"]', { hasText: '发送中…' }).waitFor(WAIT);
      expect(await page.locator('.msg.theirs .card button[data-key="help.whoami"]').isDisabled()).toBe(true);
      await gate.held(2);
      gate.release();
      await bot('吴晓东的名册信息').waitFor(WAIT);
      expect(await button.textContent()).toBe('我的信息');
      expect(consoleErrors).toEqual([]);
    } finally {
      t!.bot.simulator!.connect(t!.callbackUrl, t!.robotCallbackUrl);
      gate.release();
      await gate.close();
    }
  }, 90_000);

  it('shows a callback the bot did not take as 未送达', async () => {
    t!.bot.simulator!.connect('http://127.0.0.1:9/wecom/callback', t!.robotCallbackUrl); // nothing listens on port 9
    try {
      const res = await httpPost(`${t!.bot.url}/sim/api/say`, JSON.stringify({ userId: 'zhenglijuan', text: '帮助' }));
      expect(res.status).toBe(502);
      await page.goto(`${t!.bot.url}/sim`);
      await page.locator('li[data-user-id="zhenglijuan"]').click();
      await page.locator('#messages .msg.mine .delivery.failed', { hasText: '未送达' }).waitFor(WAIT);
    } finally {
      t!.bot.simulator!.connect(t!.callbackUrl, t!.robotCallbackUrl);
    }
  }, 60_000);

  it('renders emoji as typed, with an emoji font in the stack', async () => {
    await page.goto(`${t!.bot.url}/sim`);
    await page.locator('li[data-user-id="zhouhaitao"]').click();
    await page.locator('#input:enabled').waitFor(WAIT);
    await page.locator('#input').fill('收到🙏👍，谢谢👨‍👩‍👧');
    await page.locator('#input').press('Enter');
    const bubble = page.locator('#messages .msg.mine .bubble').last();
    await page.locator('#messages .msg.mine .bubble', { hasText: '谢谢' }).waitFor(WAIT);
    expect(await bubble.textContent()).toBe('收到🙏👍，谢谢👨‍👩‍👧');
    expect(t!.bot.simulator!.store.visibleTo('zhouhaitao').some((m) => m.text === '收到🙏👍，谢谢👨‍👩‍👧')).toBe(true);
    expect(await bubble.evaluate((node) => getComputedStyle(node).fontFamily)).toContain('Noto Color Emoji');
  }, 60_000);

  it('stays usable at phone width: no sideways scrolling, the clock on top, people in a strip, cards within the screen', async () => {
    const phone = await browser!.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    try {
      await phone.goto(`${t!.bot.url}/sim`);
      await phone.locator('#clock-now', { hasText: '年' }).waitFor(WAIT);
      await phone.locator('li[data-user-id="qinshuzhen"]').tap();
      await phone.locator('#input:enabled').waitFor(WAIT);
      await phone.locator('#input').fill('帮助');
      await phone.locator('#send').tap();
      const card = phone.locator('.msg.theirs .card').last();
      await card.waitFor(WAIT);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      for (const selector of ['#clock', '#people-list', '#composer', '#send']) {
        const box = (await phone.locator(selector).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, selector).toBeLessThanOrEqual(390);
      }
      const cardBox = (await card.boundingBox())!;
      expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(390);
      const chat = (await phone.locator('#messages').boundingBox())!;
      expect(chat.height).toBeGreaterThan(300); // most of the screen is the chat
      const shot = join(mkdtempSync(join(tmpdir(), 'sim-page-')), 'simulator-phone.png');
      await phone.screenshot({ path: shot });
      console.info(`[e2e] screenshot: ${shot}`);
    } finally {
      await phone.close();
    }
  }, 60_000);
});

/** An HTTP hop that holds every request until `release()`, then passes it on to `target`. */
async function startGate(target: string) {
  let open: () => void = () => {};
  let opened = new Promise<void>((r) => (open = r));
  let count = 0;
  const waiting: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      waiting.splice(0).forEach((w) => w());
      void opened.then(async () => {
        const query = req.url!.slice(req.url!.indexOf('?'));
        const answer = await httpPost(`${target}${query}`, Buffer.concat(chunks).toString('utf8'), { 'content-type': String(req.headers['content-type']) });
        res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/wecom/callback`,
    /** Resolves once `n` requests have arrived in all. */
    held: (n: number) => new Promise<void>((resolve) => {
      const check = () => (count >= n ? resolve() : waiting.push(check));
      check();
    }),
    release() {
      open();
      opened = new Promise<void>((r) => (open = r));
    },
    close: () => new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    }),
  };
}
