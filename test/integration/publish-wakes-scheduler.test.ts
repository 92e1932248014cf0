// "通知已立即发出" is true (issue 9 §1, rule A4): an activity published too late for its notice
// plans the card due now, and publishing wakes the scheduler, so the card reaches the (nock)
// WeCom API within seconds — with the workers and the scheduler running as in production and
// no tick run by the test. The business clock is fixed; node-cron ticks on the real clock, so
// the test waits out the last seconds of a minute rather than let a real tick do the work.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { loadDemoRoster } from '../../src/services/roster/roster-service.ts';
import { eventually, settled, startTestBot, type TestBot } from '../helpers/bot.ts';
import { mockWecomApi, type WecomApiMock } from '../helpers/wecom-api-mock.ts';

let t: TestBot;
let api: WecomApiMock;
beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  api = mockWecomApi();
  // Monday 2026-11-30 21:36 Shanghai; the workers and the scheduler start with the bot.
  t = await startTestBot({ clock: fixedClock('2026-11-30T13:36:00Z'), workers: 'in-process' });
  await loadDemoRoster(t.bot.db, t.bot.config.orgCode);
});
afterEach(async () => {
  await t.stop();
  nock.cleanAll();
  nock.enableNetConnect();
});

const textsTo = (user: string) => api.sends().filter((b) => String(b.touser).split('|').includes(user) && b.text).map((b) => b.text.content as string);
const cardsTitled = (title: string) => api.sends().filter((b) => b.template_card?.main_title?.title === title);

/**
 * Sends as `user`, waits until the bot has answered it and has nothing left in flight (the
 * workers run by themselves), and returns what the user got meanwhile, one text per line: a
 * scheduled message arriving mid-dialog must not be taken for the answer, nor the answer for
 * the next one's.
 */
async function say(user: string, text: string): Promise<string> {
  const before = textsTo(user).length;
  const res = await t.sender.sendText(user, text);
  expect(res.status).toBe(200);
  await eventually(() => textsTo(user).length > before);
  await settled(t.bot);
  return textsTo(user).slice(before).join('\n');
}

/** A real node-cron tick at the top of the minute must not be what sends the card. */
async function clearOfTheMinute(seconds: number): Promise<void> {
  const left = 60 - new Date().getSeconds();
  if (left <= seconds) await new Promise((r) => setTimeout(r, (left + 1) * 1000));
}

describe('rule A4: work that is due now runs now', () => {
  it('rule A4: published at 21:36 for 22:00 — the card reaches the platform within seconds, with no tick run by the test', async () => {
    await say('zhaowenhua', '发布活动');
    for (const answer of ['1', '学习', '学习代表法', '今晚10点', '23:00', '县人大三楼', '无', '全体']) await say('zhaowenhua', answer);
    await clearOfTheMinute(20);
    const sentAt = Date.now();
    expect(await say('zhaowenhua', '是')).toContain('通知已立即发出');
    const cards = await eventually(() => cardsTitled('学习代表法').length > 0 && cardsTitled('学习代表法'), 8000);
    const waited = Date.now() - sentAt;
    expect(String(cards[0]!.touser).split('|').sort()).toEqual(['lichunmei', 'qianxiuying', 'sunjianguo', 'wuxiaodong', 'zhaowenhua', 'zhouhaitao']);
    expect(waited).toBeLessThan(8000);
    // The scheduler marks its notices sent once their outbox row is written, and the outbox
    // worker may deliver the card before that mark commits: wait for it, briefly.
    const notices = await eventually(async () => {
      const rows = await t.bot.db.notice.findMany({ where: { kind: 'notice:3' } });
      return rows.every((n) => n.status === 'sent') && rows;
    }, 2000);
    expect(notices.length).toBe(6);
  });
});
