// Local mode's movable clock through the real HTTP path: the GET/POST /sim/clock contract
// (forward only, one sentence per refusal), a walk that stops at every due moment so cards
// come out in order and stamped with their own time (rule A4) and a reminder sees the answers
// given before it, callbacks stamped with the moved clock, a restart that resumes where the
// clock stood, and no such routes in WeCom mode.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { httpPost, httpRequest } from '../../src/lib/http-client.ts';
import { createActivity } from '../../src/services/activity-service.ts';
import type { SimMessage } from '../../src/simulator/sim-store.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';

/** Monday 2026-11-23 10:00 Shanghai. */
const MONDAY = '2026-11-23T02:00:00Z';

const getClock = async (t: TestBot) => {
  const res = await fetch(`${t.bot.url}/sim/clock`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const postClock = async (t: TestBot, body: unknown) => {
  // A walk runs every tick due on the way before it answers: give it longer than a WeCom call.
  const res = await httpRequest(`${t.bot.url}/sim/clock`, {
    method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' }, timeoutMs: 60_000,
  });
  return { status: res.status, body: (res.status === 404 ? {} : JSON.parse(res.body)) as Record<string, unknown> };
};

describe('GET and POST /sim/clock (the contract)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ mode: 'local', clock: fixedClock(MONDAY) });
  });
  afterAll(() => t.stop());

  it('GET answers the simulated time, ISO 8601 with +08:00, and nothing else', async () => {
    expect(await getClock(t)).toEqual({ status: 200, body: { now: '2026-11-23T10:00:00+08:00' } });
  });

  it('POST {advanceMinutes} and POST {to} move it forward and answer the same shape', async () => {
    expect(await postClock(t, { advanceMinutes: 90 })).toEqual({ status: 200, body: { now: '2026-11-23T11:30:00+08:00' } });
    expect(await postClock(t, { to: '2026-11-24T09:00:00+08:00' })).toEqual({ status: 200, body: { now: '2026-11-24T09:00:00+08:00' } });
    // The same instant in UTC, and the time GET just gave: nothing to do, nothing refused.
    expect(await postClock(t, { to: '2026-11-24T01:00:00Z' })).toEqual({ status: 200, body: { now: '2026-11-24T09:00:00+08:00' } });
    expect((await getClock(t)).body).toEqual({ now: '2026-11-24T09:00:00+08:00' });
    expect(t.bot.clock.now().toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('never moves back: an earlier instant is refused with 400 and a sentence, and the clock stays', async () => {
    const res = await postClock(t, { to: '2026-11-23T12:00:00+08:00' });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('模拟时间只能向前拨：现在是 2026-11-24T09:00:00+08:00，2026-11-23T12:00:00+08:00 已经过去了。');
    expect((await getClock(t)).body).toEqual({ now: '2026-11-24T09:00:00+08:00' });
  });

  it.each([
    ['no field', {}, '其中之一'],
    ['both fields', { advanceMinutes: 5, to: '2026-11-25T09:00:00+08:00' }, '其中之一'],
    ['zero minutes', { advanceMinutes: 0 }, '正整数'],
    ['negative minutes', { advanceMinutes: -60 }, '正整数'],
    ['a fraction', { advanceMinutes: 1.5 }, '正整数'],
    ['minutes as text', { advanceMinutes: '60' }, '正整数'],
    ['more than a year', { advanceMinutes: 367 * 1440 }, '一次最多向前拨 366 天'],
    ['not a time', { to: '明天' }, 'ISO 8601'],
    ['no such day', { to: '2027-02-30T09:00:00+08:00' }, 'ISO 8601'],
    ['not JSON', 'advance please', '须是 JSON'],
    ['a JSON array', [60], 'JSON 对象'],
  ])('refuses %s with 400 and one sentence, leaving the clock alone', async (_, body, words) => {
    const res = await postClock(t, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(words);
    expect(String(res.body.message).split('\n')).toHaveLength(1);
    expect((await getClock(t)).body).toEqual({ now: '2026-11-24T09:00:00+08:00' });
  });

  it('callbacks are stamped with the moved clock: the page still talks to the bot a day later', async () => {
    const res = await httpPost(`${t.bot.url}/sim/api/say`, JSON.stringify({ userId: 'wuxiaodong', text: '我的信息' }));
    expect(JSON.parse(res.body)).toEqual({ callbackStatus: 200 });
    const typed = t.bot.simulator!.store.visibleTo('wuxiaodong').find((m) => m.from === 'wuxiaodong')!;
    expect(typed).toMatchObject({ status: 'sent', at: '2026-11-24T01:00:00.000Z' });
    await eventually(() => t.bot.simulator!.store.visibleTo('wuxiaodong').find((m) => m.text?.startsWith('吴晓东的名册信息')));
  });
});

describe('rule A4: the walk stops at every due moment', () => {
  let t: TestBot;
  afterEach(() => t?.stop());

  const station = '城关镇人大代表联络站';
  const title = '视察城关镇老旧小区改造';
  const cardsOf = (user: string) => t.bot.simulator!.store.visibleTo(user).filter((m) => m.kind === 'card' && JSON.stringify(m.card).includes(title));
  const field = (m: SimMessage, name: string) => (m.card!.horizontal_content_list as { keyname: string; value: string }[]).find((f) => f.keyname === name)?.value;

  it('rule A4: 1-week card, then the 3-day card with the answer given in between, the reminder to those who did not answer, then the summary — each at its own time', async () => {
    t = await startTestBot({ mode: 'local', clock: fixedClock(MONDAY) });
    const created = await createActivity(t.bot.db, {
      orgId: t.bot.orgId, unit: { name: station }, kind: '视察', title, place: '城关镇幸福小区',
      startAt: new Date('2026-12-03T06:30:00Z'), endAt: new Date('2026-12-03T08:30:00Z'), now: t.bot.clock.now(), // Thu 14:30–16:30
    });
    expect(created.ok).toBe(true);
    const nextMoment = async () => ((await (await fetch(`${t.bot.url}/sim/api/clock`)).json()) as { next: { at: string; kind: string; title: string } }).next;
    // The month's diary reminder (the 25th), once the start-up tick has planned it, comes first;
    // the walk stops there too.
    const first = await nextMoment();
    if (first.kind === 'records:diary') {
      expect(first).toMatchObject({ at: '2026-11-25T09:00:00+08:00', source: 'run' });
      await postClock(t, { to: first.at });
    }
    const next = { next: await nextMoment() };
    expect(next.next).toMatchObject({ at: '2026-11-26T09:00:00+08:00', source: 'notice', kind: 'notice:7', title });

    expect((await postClock(t, { to: next.next.at })).body).toEqual({ now: '2026-11-26T09:00:00+08:00' });
    const [week] = cardsOf('zhenglijuan');
    expect(week).toMatchObject({ at: '2026-11-26T01:00:00.000Z' });
    expect((week!.card!.main_title as { desc: string }).desc).toBe('活动预告（提前一周）');

    // 参加 is clicked and the clock moved at once, past the activity, in one request: the walk
    // first handles the answer, then stops at each due moment on the way.
    const click = await httpPost(`${t.bot.url}/sim/api/click`, JSON.stringify({ userId: 'zhenglijuan', messageId: week!.id, key: (week!.card!.button_list as { key: string }[])[0]!.key }));
    expect(JSON.parse(click.body)).toEqual({ callbackStatus: 200 });
    expect((await postClock(t, { to: '2026-12-04T09:00:00+08:00' })).body).toEqual({ now: '2026-12-04T09:00:00+08:00' });

    // Answered at once: no waiting after POST /sim/clock.
    const hers = cardsOf('zhenglijuan');
    expect(hers.map((m) => m.at)).toEqual(['2026-11-26T01:00:00.000Z', '2026-11-30T01:00:00.000Z']);
    expect(field(hers[1]!, '您的回复')).toBe('参加');
    const store = t.bot.simulator!.store;
    const reminder = (user: string) => store.visibleTo(user).find((m) => m.text?.includes(`您还没有回复是否参加`) && m.text.includes(title));
    expect(reminder('qianxiuying')).toMatchObject({ at: '2026-12-02T01:00:00.000Z' });
    expect(reminder('zhenglijuan')).toBeUndefined();
    const summary = store.visibleTo('zhaowenhua').find((m) => m.text?.startsWith(`“${title}”已结束`));
    expect(summary).toMatchObject({ at: '2026-12-03T08:30:00.000Z' });
    // Everything the bot sent in between is stamped in order: it happened as it would have.
    const stamps = store.all().filter((m) => m.from === 'bot').map((m) => m.at);
    expect(stamps).toEqual([...stamps].sort());
    expect(await t.bot.db.notice.count({ where: { status: 'missed' } })).toBe(0);
  }, 60_000);

  it('a restart resumes where the clock stood: simulated time never runs back', async () => {
    t = await startTestBot({ mode: 'local', clock: fixedClock(MONDAY) });
    await postClock(t, { advanceMinutes: 3 * 1440 });
    await t.stop({ keepFiles: true });
    t = await startTestBot({ mode: 'local', clock: fixedClock(MONDAY), dir: t.dir });
    expect((await getClock(t)).body).toEqual({ now: '2026-11-26T10:00:00+08:00' });
    // LOCAL_CLOCK_START earlier than what the database has seen does not move it back either.
    await t.stop({ keepFiles: true });
    t = await startTestBot({ mode: 'local', clock: fixedClock(MONDAY), dir: t.dir, env: { LOCAL_CLOCK_START: '2026-11-24T08:00:00+08:00' } });
    expect((await getClock(t)).body).toEqual({ now: '2026-11-26T10:00:00+08:00' });
    expect(t.logs.join('')).toContain('this database has already seen a later time');
  }, 60_000);

  it('LOCAL_CLOCK_START sets where a fresh local mode starts', async () => {
    t = await startTestBot({ mode: 'local', clock: fixedClock(MONDAY), env: { LOCAL_CLOCK_START: '2027-01-04T08:59:00+08:00' } });
    expect((await getClock(t)).body).toEqual({ now: '2027-01-04T08:59:00+08:00' });
  });
});

describe('WeCom mode has no clock routes', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());

  it('GET and POST /sim/clock and the page\'s /sim/api/clock answer 404; the clock is the one given', async () => {
    expect((await fetch(`${t.bot.url}/sim/clock`)).status).toBe(404);
    expect((await postClock(t, { advanceMinutes: 60 })).status).toBe(404);
    expect((await fetch(`${t.bot.url}/sim/api/clock`)).status).toBe(404);
    expect(t.bot.clock).toBe(t.clock);
  });
});
