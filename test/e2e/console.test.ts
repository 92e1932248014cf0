// The office's console in Chromium, in local mode (`npm start` with a fixed start, Monday
// 2026-11-23 10:00 Shanghai): sign in from the picker, publish an activity and see its notice
// plan (rule A4), approve a leave and see the requester told in the simulator (L1, L5), upload
// a roster with an error and see the row's message (U1), change a station's reception rule
// and see the new dates (R1), retry a dead message and see it arrive, find the activity on the
// month calendar, register a suggestion and see the deputy told (S1). Every page is shot at a
// phone's (390 px) and a desktop's (1280 px) width into test-output/console-screenshots/.
// Needs Debian's Chromium at /usr/bin/chromium; skipped without it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMain, type MainProcess } from '../helpers/main-process.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const WAIT = { timeout: 20_000 };
const TITLE = '视察城关镇老旧小区改造';
/** Where the screenshots go (gitignored); the README names it. */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'console-screenshots');

describe.skipIf(!HAS_CHROMIUM)('the console in local mode (needs /usr/bin/chromium)', () => {
  let dir: string;
  let run: MainProcess;
  let browser: Browser | undefined;
  let page: Page;
  let sim: Page;
  let url: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    run = await startMain(dir, { PORT: '0', LOCAL_CLOCK_START: '2026-11-23T10:00:00+08:00', LOG_LEVEL: 'info' }, 60_000);
    if (!run.listening) throw new Error(`local mode did not start:\n${run.stderr}`);
    url = run.listening.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
      timeout: 60_000,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    sim = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    for (const p of [page, sim]) p.on('pageerror', (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await run?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** The page as it is, at a phone's and a desktop's width. */
  const shoot = async (name: string) => {
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
  };
  const signInAs = async (userId: string, name: string) => {
    await page.goto(`${url}/console`);
    await page.locator(`button[data-user-id="${userId}"]`).click();
    await page.locator('header .who', { hasText: `${name}，您好` }).waitFor(WAIT);
  };
  const flash = (text: string) => page.locator('.flash', { hasText: text }).waitFor(WAIT);
  const simBot = (text: string | RegExp) => sim.locator('#messages .msg.theirs .bubble', { hasText: text }).last();
  const simPick = async (userId: string) => {
    await sim.locator(`li[data-user-id="${userId}"]`).click();
    await sim.locator(`li.active[data-user-id="${userId}"]`).waitFor(WAIT);
    await sim.locator('#conversations button.active', { hasText: '单聊' }).waitFor(WAIT);
  };
  const simSay = async (text: string, answer: string | RegExp) => {
    await sim.locator('#input').fill(text);
    await sim.locator('#input').press('Enter');
    await simBot(answer).waitFor(WAIT);
    return (await simBot(answer).textContent())!;
  };

  it('rule A4: a station head signs in, previews the notice plan and publishes', async () => {
    await page.goto(`${url}/console`);
    await page.locator('h1', { hasText: '选择一位示范人员登录' }).waitFor(WAIT);
    await shoot('01-sign-in');
    await signInAs('zhaowenhua', '赵文华');
    await shoot('02-today');

    await page.goto(`${url}/console/activities/new`);
    await page.locator('#unitId').selectOption({ label: '城关镇人大代表联络站' });
    await page.locator('#kind').selectOption('inspection');
    await page.locator('#title').fill(TITLE);
    await page.locator('#date').fill('2026-12-03');
    await page.locator('#start').fill('14:30');
    await page.locator('#end').fill('16:30');
    await page.locator('#place').fill('城关镇幸福小区');
    await page.locator('button', { hasText: '预览通知安排' }).click();
    const preview = page.locator('table.plan');
    await preview.waitFor(WAIT);
    expect(await preview.textContent()).toContain('11月26日（周四）09:00活动通知（提前 7 天）');
    expect(await preview.textContent()).toContain('11月30日（周一）09:00活动通知（提前 3 天）');
    await shoot('03-activity-preview');
    await page.locator('button', { hasText: /^发布$/ }).click();
    await flash(`已发布“${TITLE}”`);
    await page.locator('h1', { hasText: TITLE }).waitFor(WAIT);
    const plan = (await page.locator('table.plan').textContent())!;
    expect(plan).toContain('活动通知（提前 7 天）待发');
    await shoot('04-activity');
    await page.goto(`${url}/console/activities`);
    await page.locator('td a', { hasText: TITLE }).waitFor(WAIT);
    await shoot('05-activities');
  }, 120_000);

  it('rules L1, L5: a leave asked in the chat is approved in the console, and the requester is told', async () => {
    await sim.goto(`${url}/sim`);
    await simPick('zhenglijuan');
    const asked = await simSay('请假', /请问要为哪次活动请假|请写明请假事由/);
    if (asked.includes('请问要为哪次活动请假')) {
      const line = asked.split('\n').find((l) => l.includes(TITLE))!;
      await simSay(line.split('.')[0]!.trim(), '请写明请假事由');
    }
    await simSay('要去市里参加人大培训，无法参加', '请确认请假申请');
    await simSay('是', '请假申请已提交');

    await page.goto(`${url}/console/leave`);
    const card = page.locator('.card', { hasText: '郑丽娟' });
    await card.waitFor(WAIT);
    expect(await card.textContent()).toContain('要去市里参加人大培训');
    await shoot('06-leave');
    await card.locator('button', { hasText: '批准' }).click();
    await flash('已批准郑丽娟的请假申请，已通知本人。');
    await simBot('请假申请已被赵文华批准').waitFor(WAIT);
  }, 120_000);

  it('rule U1: office staff upload a roster with a bad mobile and see the row\'s message; nothing is imported', async () => {
    await page.locator('header button', { hasText: '退出' }).click();
    await signInAs('hejing', '何静');
    await page.goto(`${url}/console/roster`);
    await shoot('07-roster');
    const csv = '\uFEFF姓名,手机号,企业微信账号,钉钉账号,代表层级,代表小组,小组职务,联络站,联络站职务\n新代表,1380013,xindaibiao,,县区,第一代表小组,成员,,\n';
    await page.locator('#file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('button', { hasText: '预览' }).click();
    const error = page.locator('.row-error').first();
    await error.waitFor(WAIT);
    expect(await error.textContent()).toMatch(/第 2 行.*1380013/);
    expect(await page.locator('main').textContent()).toContain('有错误时不会写入任何数据');
    await shoot('08-roster-preview');
  }, 120_000);

  it('rule R1: a new reception rule shows its dates before and after saving', async () => {
    await page.goto(`${url}/console/stations`);
    const station = page.locator('section', { hasText: '城关镇人大代表联络站' });
    expect(await station.locator('ol.dates').textContent()).toContain('12月1日（周二）');
    await shoot('09-stations');
    await station.locator('summary', { hasText: '修改接待规则' }).click();
    await station.locator('select[name="kind"]').selectOption('day_of_month');
    await station.locator('input[name="day"]').fill('15');
    await station.locator('button', { hasText: '预览日期' }).click();
    await page.locator('main', { hasText: '每月15日' }).waitFor(WAIT);
    expect(await page.locator('ol.dates').textContent()).toContain('12月15日（周二）');
    await page.locator('button', { hasText: '保存规则' }).click();
    await flash('已保存城关镇人大代表联络站的接待规则：每月15日');
    const dates = (await page.locator('section', { hasText: '城关镇人大代表联络站' }).locator('ol.dates').textContent())!;
    expect(dates).toContain('12月15日（周二）');
    expect(dates).not.toContain('12月1日（周二）');
  }, 120_000);

  it('a dead message shows the platform\'s error; 重发 sends it, and it arrives', async () => {
    const db = new Database(join(dir, 'data', 'local.db'));
    db.prepare(`INSERT INTO "Outbox" ("orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "status", "attempts", "nextAttemptAt", "lastError", "lastErrcode", "createdAt")
      VALUES ((SELECT "id" FROM "Organisation" LIMIT 1), 'wecom', 'e2e-dead-1', 'text', 'zhenglijuan', ?, 'dead', 5, ?, 'api freq out of limit', 45009, ?)`)
      .run(JSON.stringify({ kind: 'text', toUsers: ['zhenglijuan'], text: '这是一条曾经发送失败的通知。' }), '2026-11-23T02:00:00.000+00:00', '2026-11-23T02:00:00.000+00:00');
    db.close();
    await page.goto(`${url}/console/outbox`);
    const row = page.locator('tr', { hasText: 'zhenglijuan' });
    expect(await row.textContent()).toContain('45009 api freq out of limit');
    await shoot('10-outbox');
    await row.locator('button', { hasText: '重发' }).click();
    await flash('已放回发送队列');
    await simPick('zhenglijuan');
    await simBot('这是一条曾经发送失败的通知。').waitFor(WAIT);
  }, 120_000);

  it('every other page opens for office staff (screenshots)', async () => {
    for (const [path, name, heading] of [
      ['/console', '11-today-office', '今日'], ['/console/calendar', '12-calendar', '日历'], ['/console/settings', '13-settings', '设置'],
      ['/console/reception', '14-reception', '接待'], ['/console/suggestions', '15-suggestions', '建议'], ['/console/registers', '16-registers', '台帐'],
    ] as const) {
      const res = await page.goto(`${url}${path}`);
      expect(res?.status(), path).toBe(200);
      await page.locator('h1', { hasText: heading }).waitFor(WAIT);
      await shoot(name);
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the month calendar shows the published activity on its day, linking to its page', async () => {
    await page.goto(`${url}/console/activities/calendar?month=2026-12`);
    const day = page.locator('li[data-date="2026-12-03"]');
    await day.locator('a', { hasText: TITLE }).waitFor(WAIT);
    await shoot('17-activity-calendar');
    await day.locator('a', { hasText: TITLE }).click();
    await page.locator('h1', { hasText: TITLE }).waitFor(WAIT);
  }, 120_000);

  it('rule S1: office staff register a suggestion on its page, and the deputy is told in the chat', async () => {
    const db = new Database(join(dir, 'data', 'local.db'));
    db.prepare(`INSERT INTO "Suggestion" ("orgId", "personId", "year", "kind", "seq", "number", "title", "content", "sourceKey", "assignDeadline", "createdAt", "updatedAt")
      VALUES ((SELECT "id" FROM "Organisation" LIMIT 1), (SELECT "id" FROM "Person" WHERE "name" = '李春梅'), 2026, '建议', 1, '2026-建-0001', '关于增设城关镇公交站点的建议', '城关镇东片居民出行不便。', 'e2e-suggestion-1', '2026-12-08', ?, ?)`)
      .run('2026-11-23T02:00:00.000+00:00', '2026-11-23T02:00:00.000+00:00');
    db.close();
    await page.goto(`${url}/console/suggestions`);
    await page.locator('td a', { hasText: '2026-建-0001' }).click();
    await page.locator('h1', { hasText: '2026-建-0001' }).waitFor(WAIT);
    await page.locator('button', { hasText: /^登记$/ }).click();
    await flash('2026-建-0001 已登记');
    await shoot('18-suggestion');
    await simPick('lichunmei');
    await simBot('您的建议 2026-建-0001 已登记').waitFor(WAIT);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
