// The console opened from DingTalk's 工作台 (issue 15 §3): DingTalk's web sign-in end to end
// through the real HTTP path against the fake DingTalk (login.dingtalk.com/oauth2/auth →
// authCode → /v1.0/oauth2/userAccessToken → /v1.0/contact/users/me → unionId →
// topapi/user/getbyunionid → userid → session), in a DingTalk-only deployment; and a
// deployment with both platforms, whose login page offers both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleText } from '../../src/console/messages.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import { FakeDingtalk } from '../../src/simulator/fake-dingtalk.ts';
import { startTestBot, testDingtalkEnv, type TestBot } from '../helpers/bot.ts';
import { browser, csrfOf, follow, go } from '../helpers/console-browser.ts';
import { startFakeWecom, type FakeWecom } from '../helpers/fake-wecom.ts';
import { addPerson } from '../helpers/seed.ts';

/** The sentence of a refusal page. */
const sentenceOf = async (res: Response) => /<p class="error">([^<]*)<\/p>/.exec(await res.text())?.[1];

describe('a DingTalk-only deployment: the console signs in with DingTalk', () => {
  let t: TestBot;
  let dt: FakeDingtalk;

  beforeAll(async () => {
    dt = new FakeDingtalk();
    const url = await dt.start();
    t = await startTestBot({ mode: 'dingtalk', workers: 'manual', env: testDingtalkEnv(url) });
    const { db, orgId } = t.bot;
    await addPerson(db, orgId, { name: '何静', mobile: '13900000201', dingtalk: 'dt-hejing', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
    await addPerson(db, orgId, { name: '李组长', mobile: '13800000002', dingtalk: 'dt-lizuzhang', units: [{ kind: 'group', name: '第一代表小组', role: 'leader' }] });
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await dt?.stop();
  });

  /** Opens /console as whoever is signed in to the DingTalk client, through DingTalk's sign-in page. */
  async function signIn(webUser: string | undefined) {
    dt.webUser = webUser;
    const b = browser();
    const hops: string[] = [];
    const last = await follow(b, t.bot.url, '/console', 6, (next) => void hops.push(next));
    return { b, last, hops };
  }

  it('office staff with only a DingTalk id sign in and see the office\'s pages', async () => {
    const { b, last, hops } = await signIn('dt-hejing');
    expect(hops.some((h) => h.startsWith(`${dt.url}/oauth2/auth?`) && new URL(h).searchParams.get('client_id') === 'dingfakeclient')).toBe(true);
    expect(hops.some((h) => h.startsWith(`${t.bot.url}/console/oauth/dingtalk?`))).toBe(true);
    expect(last.status).toBe(200);
    expect(await last.text()).toContain('何静');
    expect(b.cookies.has('console_session')).toBe(true);
    expect((await go(b, `${t.bot.url}/console/roster`)).status).toBe(200);
    expect((await go(b, `${t.bot.url}/console/outbox`)).status).toBe(200);
    // The server traded the code through the real path: the unionId was mapped with the app's token.
    expect(dt.calls.some((c) => c.path === '/topapi/user/getbyunionid' && c.body.unionid === 'union-dt-hejing')).toBe(true);
  });

  it('a roster preview names the people with only a WeCom account: this deployment cannot reach them', async () => {
    const { b } = await signIn('dt-hejing');
    const csrf = await csrfOf(b, t.bot.url);
    const form = new FormData();
    form.set('_csrf', csrf);
    const csv = `${ROSTER_HEADER.join(',')}\n何静,13900000201,,dt-hejing,工作人员,,,,\n周新,13800000077,zhouxin,,县区,第一代表小组,成员,,\n`;
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
    const page = await (await go(b, `${t.bot.url}/console/roster/preview`, { method: 'POST', body: form })).text();
    expect(page).toContain('以下 1 人只有企业微信账号，本组织没有接入企业微信，他们收不到机器人的消息；请在名册中补上他们的钉钉账号后重新导入：周新');
    expect(page).toContain('确认导入'); // a warning, not an error: the import may go ahead
  });

  it('creating a unit\'s group chat says the DingTalk robot cannot, and what to do instead; nothing is queued', async () => {
    const { b } = await signIn('dt-hejing');
    const csrf = await csrfOf(b, t.bot.url);
    const unit = await t.bot.db.unit.findFirstOrThrow({ where: { orgId: t.bot.orgId, name: '第一代表小组' } });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const res = await go(b, `${t.bot.url}/console/settings/chat/${unit.id}`, { method: 'POST', headers: form, body: new URLSearchParams({ _csrf: csrf, action: 'create' }).toString() });
    expect(res.status).toBe(302);
    const page = await (await go(b, new URL(res.headers.get('location')!, t.bot.url).toString())).text();
    expect(page).toContain('钉钉的机器人不能建群：请把机器人加入第一代表小组的群，再用群聊 ID「dingtalk:群的 openConversationId」关联这个群。');
    expect(await t.bot.db.outbox.count({ where: { kind: 'chat_create' } })).toBe(0);
  });

  it('rule U3: a group leader on DingTalk sees their pages, and an office page is refused with one sentence', async () => {
    const { b, last } = await signIn('dt-lizuzhang');
    expect(last.status).toBe(200);
    expect((await go(b, `${t.bot.url}/console/activities`)).status).toBe(200);
    const office = await go(b, `${t.bot.url}/console/roster`);
    expect(office.status).toBe(403);
    expect(await sentenceOf(office)).toBe(consoleText.officeOnly);
  });

  it('a member of the organisation who is not on the roster gets one sentence and no session', async () => {
    const { b, last } = await signIn('dt-stranger');
    expect(last.status).toBe(403);
    expect(await sentenceOf(last)).toBe(consoleText.notOnRoster);
    expect(b.cookies.has('console_session')).toBe(false);
  });

  it('someone outside the organisation (getbyunionid does not know them) is refused with one sentence', async () => {
    const { b, last } = await signIn(undefined);
    expect(last.status).toBe(403);
    expect(await sentenceOf(last)).toBe(consoleText.dingtalkFailed);
    expect(b.cookies.has('console_session')).toBe(false);
  });

  it('a made-up code, an expired one, or a forged state gets one sentence and no session', async () => {
    dt.webUser = 'dt-hejing';
    for (const spoil of ['bad-code', 'expired', 'forged-state'] as const) {
      const b = browser();
      const login = await go(b, `${t.bot.url}/console/login`);
      const atDingtalk = await go(b, login.headers.get('location')!);
      const back = new URL(atDingtalk.headers.get('location')!);
      if (spoil === 'bad-code') back.searchParams.set('authCode', 'not-a-code-dingtalk-gave');
      if (spoil === 'expired') dt.expireAuthCodes();
      if (spoil === 'forged-state') back.searchParams.set('state', 'f'.repeat(40));
      const res = await go(b, back.toString());
      expect(res.status, spoil).toBe(403);
      expect(await sentenceOf(res), spoil).toBe(consoleText.dingtalkFailed);
      expect(b.cookies.has('console_session'), spoil).toBe(false);
    }
  });

  it('a code is good once: coming back with it again signs nobody in', async () => {
    dt.webUser = 'dt-hejing';
    const b = browser();
    const login = await go(b, `${t.bot.url}/console/login`);
    const back = (await go(b, login.headers.get('location')!)).headers.get('location')!;
    const preCookie = b.cookies.get('console_pre')!;
    expect((await go(b, back)).status).toBe(302);
    const thief = browser();
    thief.cookies.set('console_pre', preCookie);
    const again = await go(thief, back);
    expect(again.status).toBe(403);
    expect(thief.cookies.has('console_session')).toBe(false);
  });
});

describe('a deployment with both WeCom and DingTalk', () => {
  let t: TestBot;
  let dt: FakeDingtalk;
  let wecom: FakeWecom;
  let wecomUser: string | undefined;

  beforeAll(async () => {
    dt = new FakeDingtalk();
    const url = await dt.start();
    const { fixedClock } = await import('../../src/lib/clock.ts');
    const clock = fixedClock('2026-11-23T02:00:00Z');
    wecom = await startFakeWecom(clock, { webUser: () => wecomUser });
    t = await startTestBot({ clock, workers: 'manual', env: { ...testDingtalkEnv(url), WECOM_API_BASE: wecom.url, WECOM_OAUTH_BASE: wecom.url } });
    await addPerson(t.bot.db, t.bot.orgId, { name: '何静', mobile: '13900000201', wecom: 'hejing', dingtalk: 'dt-hejing', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
    await dt?.stop();
    await wecom?.stop();
  });

  it('the login page offers both platforms', async () => {
    const res = await go(browser(), `${t.bot.url}/console/login`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('data-via="wecom"');
    expect(page).toContain('data-via="dingtalk"');
  });

  it('the app the page is opened in, or the choice, picks the platform; both sign the same person in', async () => {
    const ua = { dingtalk: 'Mozilla/5.0 (iPhone) AliApp(DingTalk/7.6.0) com.laiwang.DingTalk', wecom: 'Mozilla/5.0 (iPhone) wxwork/4.1.0 MicroMessenger/7.0.1' };
    expect((await go(browser({ 'user-agent': ua.dingtalk }), `${t.bot.url}/console/login`)).headers.get('location')).toMatch(new RegExp(`^${dt.url}/oauth2/auth\\?`));
    expect((await go(browser({ 'user-agent': ua.wecom }), `${t.bot.url}/console/login`)).headers.get('location')).toMatch(new RegExp(`^${wecom.url}/connect/oauth2/authorize\\?`));
    dt.webUser = 'dt-hejing';
    wecomUser = 'hejing';
    for (const via of ['dingtalk', 'wecom']) {
      const b = browser();
      const last = await follow(b, t.bot.url, `/console/login?via=${via}`);
      expect(last.status, via).toBe(200);
      expect(await last.text(), via).toContain('何静');
    }
  });
});
