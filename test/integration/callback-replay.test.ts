// Replays refused: both WeCom callback endpoints (the app's and the robot's), GET and POST,
// refuse a validly signed callback whose timestamp is more than CALLBACK_MAX_SKEW_S (300 s by
// default) from the bot's clock, with 403 and bot_callbacks_total{result="stale"}; WeCom's own
// retries, seconds later, still pass. The bot runs on a fixed clock that the test moves.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { eventually, settled, startCallbackTestBot, TEST_NOW, type TestBot } from '../helpers/bot.ts';
import { mockRobotResponses, type RobotResponseMock } from '../helpers/robot-response-mock.ts';
import { mockWecomApi } from '../helpers/wecom-api-mock.ts';

const NOW_S = Date.parse(TEST_NOW) / 1000;
const Y2020 = String(Date.parse('2020-01-01T00:00:00Z') / 1000);
const Y2100 = String(Date.parse('2100-01-01T00:00:00Z') / 1000);

let t: TestBot;
let robot: RobotResponseMock;
const clock = fixedClock(TEST_NOW);

beforeAll(async () => {
  t = await startCallbackTestBot({ clock });
});
afterAll(() => t.stop());
beforeEach(() => {
  clock.set(TEST_NOW);
  robot = mockRobotResponses();
  mockWecomApi();
});
afterEach(async () => {
  await settled(t.bot);
  nock.cleanAll();
});

const events = () => t.bot.db.inboundEvent.count();
const stale = (surface?: 'robot') => t.bot.metrics.read('bot_callbacks_total', { channel: 'wecom', ...(surface ? { surface } : {}), result: 'stale' });
const appText = (text: string, timestamp?: string) => t.sender.seal(t.sender.textXml('zhangsan', text), undefined, timestamp);
const robotText = (text: string, timestamp?: string) =>
  t.robotSender.seal(t.robotSender.textJson({ from: 'zhangsan', chatId: 'wrGroup1', text, responseUrl: robot.newUrl() }), timestamp);

describe('POST /wecom/callback', () => {
  for (const [when, timestamp] of [['2020', Y2020], ['2100', Y2100]] as const) {
    it(`refuses a validly signed callback stamped ${when}: 403, counted as stale, nothing stored`, async () => {
      const [before, counted] = [await events(), stale()];
      const res = await t.sender.post(appText('帮助', timestamp));
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'stale' });
      expect(await events()).toBe(before);
      expect(stale()).toBe(counted + 1);
    });
  }

  it('accepts WeCom\'s retry 20 s later as the same callback, and refuses the same bytes replayed 5 minutes and 1 s later', async () => {
    const before = await events();
    const captured = appText('我的信息');
    expect((await t.sender.post(captured)).status).toBe(200);
    clock.advance(20_000);
    expect((await t.sender.post(captured)).status).toBe(200);
    expect(t.bot.metrics.read('bot_callbacks_total', { channel: 'wecom', result: 'duplicate' })).toBeGreaterThanOrEqual(1);
    clock.set(new Date((NOW_S + 300) * 1000)); // the edge itself still passes
    expect((await t.sender.post(captured)).status).toBe(200);
    clock.advance(1_000);
    const counted = stale();
    expect((await t.sender.post(captured)).status).toBe(403);
    expect(stale()).toBe(counted + 1);
    expect(await events()).toBe(before + 1);
  });

  it('checks the signature first: an unsigned callback from 2020 is a bad signature, not stale', async () => {
    const forged = { ...appText('帮助', Y2020) };
    forged.query = forged.query.replace(/msg_signature=\w+/, `msg_signature=${'a'.repeat(40)}`);
    const counted = stale();
    expect((await t.sender.post(forged)).status).toBe(401);
    expect(stale()).toBe(counted);
  });
});

describe('GET /wecom/callback (URL verification) is checked the same way', () => {
  it('answers a fresh verification and refuses one stamped 10 minutes ago', async () => {
    const fresh = await fetch(`${t.callbackUrl}?${t.sender.verificationQuery('echo-1')}`);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe('echo-1');
    const counted = stale();
    const old = await fetch(`${t.callbackUrl}?${t.sender.verificationQuery('echo-2', String(NOW_S - 600))}`);
    expect(old.status).toBe(403);
    expect(await old.text()).not.toContain('echo-2');
    expect(stale()).toBe(counted + 1);
  });
});

describe('the robot\'s /wecom/bot/callback', () => {
  it('refuses stale POSTs (2020, 2100) and a stale verification, counted with surface="robot"', async () => {
    const before = await events();
    const counted = stale('robot');
    expect((await t.robotSender.post(robotText('帮助', Y2020))).status).toBe(403);
    expect((await t.robotSender.post(robotText('帮助', Y2100))).status).toBe(403);
    expect((await fetch(`${t.robotCallbackUrl}?${t.robotSender.verificationQuery('echo-3', String(NOW_S + 301))}`)).status).toBe(403);
    expect(stale('robot')).toBe(counted + 3);
    expect(await events()).toBe(before);
  });

  it('accepts a fresh one and WeCom\'s retry of it 15 s later', async () => {
    const before = await events();
    const captured = robotText('我的信息');
    expect((await t.robotSender.post(captured)).status).toBe(200);
    clock.advance(15_000);
    expect((await t.robotSender.post(captured)).status).toBe(200);
    expect(await events()).toBe(before + 1);
    expect((await fetch(`${t.robotCallbackUrl}?${t.robotSender.verificationQuery('echo-4')}`)).status).toBe(200);
  });
});

describe('CALLBACK_MAX_SKEW_S', () => {
  it('sets the window: with 60, a callback 61 s old is refused and one 59 s old accepted', async () => {
    const own = fixedClock(TEST_NOW);
    const strict = await startCallbackTestBot({ clock: own, env: { CALLBACK_MAX_SKEW_S: '60' } });
    try {
      const sealed = (ageS: number) => strict.sender.seal(strict.sender.textXml('zhangsan', '帮助'), undefined, String(NOW_S - ageS));
      expect((await strict.sender.post(sealed(61))).status).toBe(403);
      expect((await strict.sender.post(sealed(59))).status).toBe(200);
    } finally {
      await settled(strict.bot);
      await strict.stop();
    }
  });
});
