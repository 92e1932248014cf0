// The README's tour, run exactly as a newcomer would: `npm start` (src/main.ts) in local mode
// with a fixed start (LOCAL_CLOCK_START, Monday 2026-11-23 10:00 Shanghai), the page in
// Chromium, and the clock control. A station leader publishes an activity for next week by
// chat (发布活动), the clock jumps to the 1-week card (rule A4), a deputy answers 参加, the
// clock jumps to the 3-day card (which shows that answer), she asks for leave (L1), the
// leader approves it from the card (the card keeps who, what and why), and after the activity
// the leader gets the attendance summary with her on leave (L5, A5).
// Needs Debian's Chromium at /usr/bin/chromium; skipped without it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMain, type MainProcess } from '../helpers/main-process.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const WAIT = { timeout: 20_000 };
const TITLE = '视察城关镇老旧小区改造';

describe.skipIf(!HAS_CHROMIUM)('the README tour on the simulator page, with the clock control (needs /usr/bin/chromium)', () => {
  let dir: string;
  let run: MainProcess;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tour-'));
    run = await startMain(dir, { PORT: '0', LOCAL_CLOCK_START: '2026-11-23T10:00:00+08:00', LOG_LEVEL: 'info' }, 60_000);
    if (!run.listening) throw new Error(`local mode did not start:\n${run.stderr}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
      timeout: 60_000,
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await run?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const pick = async (userId: string) => {
    await page.locator(`li[data-user-id="${userId}"]`).click();
    await page.locator(`li.active[data-user-id="${userId}"]`).waitFor(WAIT);
    await page.locator('#conversations button.active', { hasText: '单聊' }).waitFor(WAIT);
  };
  const bot = (text: string) => page.locator('#messages .msg.theirs .bubble', { hasText: text }).last();
  /** Types as the person picked and waits for the bot's answer containing `answer`. */
  const say = async (text: string, answer: string) => {
    await page.locator('#input').fill(text);
    await page.locator('#input').press('Enter');
    await bot(answer).waitFor(WAIT);
    return (await bot(answer).textContent())!;
  };
  const cards = () => page.locator('#messages .msg.theirs .card');
  /** Presses a clock button and waits until the server has walked the time forward; the time shown after. */
  const clock = async (label: string) => {
    const moved = page.waitForResponse((r) => r.url().endsWith('/sim/clock') && r.request().method() === 'POST', WAIT);
    await page.locator('#clock button', { hasText: label }).click();
    expect((await moved).status()).toBe(200);
    await page.locator('#clock[data-busy="false"]').waitFor(WAIT);
    return (await page.locator('#clock-now').textContent())!;
  };

  it('rules A4, L1, L5, A5: publish for next week, 1-week card, 参加, 3-day card, leave, approval, summary', async () => {
    await page.goto(`${run.listening!.url}/sim`);
    await page.locator('#clock-now', { hasText: '2026年11月23日（周一）10:0' }).waitFor(WAIT);

    // 赵文华, group leader and head of 城关镇人大代表联络站 (a station: 1-week and 3-day cards, rule A4).
    await pick('zhaowenhua');
    expect(await say('发布活动', '为哪个单位发布活动')).toContain('2. 城关镇人大代表联络站');
    await say('2', '是哪一类活动');
    // Rule A7: an inspection asks first whether the laws were studied.
    await say('视察', '已经组织学习了吗');
    await say('是，11月20日学习了城乡规划法', '活动标题是什么');
    await say(TITLE, '什么时候开始');
    expect(await say('下周四下午2点半', '几点结束')).toContain('开始时间：12月3日（周四）14:30');
    await say('16:30', '活动地点在哪里');
    await say('城关镇幸福小区', '活动内容是什么');
    await say('察看加装电梯和管网改造进展，听取居民意见', '邀请');
    expect(await say('是', '请确认')).toContain('时间：12月3日（周四）14:30–16:30');
    expect(await say('是', '已发布')).toContain(`已发布“${TITLE}”`);
    // The month's diary reminder (the 25th, rule P3) is the walk's first stop.
    await page.locator('#clock-hint', { hasText: '11月25日（周三）09:00' }).waitFor(WAIT);
    expect(await clock('到下一个通知时间')).toMatch(/^2026年11月25日（周三）09:0\d$/);
    await page.locator('#clock-hint', { hasText: `11月26日（周四）09:00 活动通知（提前 7 天）「${TITLE}」` }).waitFor(WAIT);

    // The 1-week card reaches 郑丽娟, a deputy of the station.
    expect(await clock('到下一个通知时间')).toMatch(/^2026年11月26日（周四）09:0\d$/);
    await pick('zhenglijuan');
    const weekCard = cards().filter({ hasText: TITLE }).last();
    await weekCard.filter({ hasText: '活动预告（提前一周）' }).waitFor(WAIT);
    expect(await weekCard.textContent()).toContain('请于12月2日（周三）前回复');
    await weekCard.locator('button', { hasText: '参加' }).click();
    // Her answer shows in the card's fields (the buttons say 参加 too).
    await weekCard.locator('.card-fields', { hasText: '参加' }).waitFor(WAIT);

    // Friday brings the reception-day notices (not hers); Monday the 3-day card, with her answer.
    expect(await clock('到下一个通知时间')).toMatch(/^2026年11月27日（周五）09:0\d$/);
    expect(await clock('到下一个通知时间')).toMatch(/^2026年11月30日（周一）09:0\d$/);
    await expect.poll(() => cards().filter({ hasText: TITLE }).count(), WAIT).toBe(2);
    const threeDayCard = cards().filter({ hasText: TITLE }).last();
    expect(await threeDayCard.locator('.card-fields').textContent()).toContain('参加');

    // She cannot come after all: 请假 on the card starts the leave dialog (rule L1).
    await threeDayCard.locator('button', { hasText: '请假' }).click();
    await bot('请写明请假事由').waitFor(WAIT);
    expect(await say('要去市里参加人大培训，无法参加', '请确认请假申请')).toContain(`活动：${TITLE}`);
    expect(await say('是', '请假申请已提交')).toMatch(/等待.*赵文华.*审批/);

    // The leader approves from the card; the card keeps who asked, for what and why (rule L5).
    await pick('zhaowenhua');
    const approval = cards().filter({ hasText: '郑丽娟申请请假' });
    await approval.waitFor(WAIT);
    await approval.locator('button', { hasText: '批准' }).click();
    await approval.locator('button.card-settled', { hasText: '已批准（赵文华）' }).waitFor(WAIT);
    expect(await approval.textContent()).toContain('事由：要去市里参加人大培训，无法参加');
    expect(await approval.textContent()).toContain(TITLE);
    await bot('已批准郑丽娟的请假申请').waitFor(WAIT);
    const cardShot = join(mkdtempSync(join(tmpdir(), 'tour-')), 'approval-card.png');
    // The page redraws its messages as new ones arrive: a card replaced mid-shot is shot again.
    await expect.poll(() => approval.screenshot({ path: cardShot }).then(() => true, () => false), WAIT).toBe(true);
    console.info(`[e2e] decided approval card: ${cardShot}`);

    // Past the activity (Thursday 14:30–16:30): the leader gets the attendance and a draft account (A5).
    let now = '';
    for (let day = 0; day < 4; day++) now = await clock('+1 天');
    expect(now).toMatch(/^2026年12月4日（周五）09:0\d$/); // the clock runs: a few seconds passed since Monday 09:00
    const summary = bot(`“${TITLE}”已结束，考勤情况`);
    await summary.waitFor(WAIT);
    expect(await summary.textContent()).toContain('请假（1）：郑丽娟');

    await pick('zhenglijuan');
    await bot('请假申请已被赵文华批准').waitFor(WAIT);
    // She answered, so the day-before reminder (12月2日) skipped her.
    expect(await page.locator('#messages').textContent()).not.toContain('您还没有回复是否参加');
    const shot = join(mkdtempSync(join(tmpdir(), 'tour-')), 'tour.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.info(`[e2e] tour screenshot: ${shot}`);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
