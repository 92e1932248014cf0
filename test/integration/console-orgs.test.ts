// The console per organisation in a many-organisation deployment (issue 14): county-a from the
// WECOM_* variables, county-b from stored credentials (npm run org), one fake WeCom serving both
// corps. A person signs in through their organisation's own app (/console/login?org=county-b:
// that corp's authorize page and its token for getuserinfo), the session belongs to that
// organisation, and every page and action is scoped to it. The same WeCom user id (hejing) is
// office staff in both corps: two people, each seeing only their own organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { consoleText } from '../../src/console/messages.ts';
import { leaveMessages } from '../../src/flows/leave/messages.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { SecretBox } from '../../src/lib/secret-box.ts';
import { addOrg } from '../../src/platforms/org-admin/org-admin.ts';
import { findOrganisationByCode } from '../../src/repositories/org-repo.ts';
import { createActivity } from '../../src/services/activity-service.ts';
import { startTestBot, TEST_WECOM, type TestBot } from '../helpers/bot.ts';
import { browser, csrfOf, follow, go, type Browser } from '../helpers/console-browser.ts';
import { startFakeWecomCorps } from '../helpers/fake-wecom-corps.ts';
import { addPerson } from '../helpers/seed.ts';

const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');
const B = { corpId: 'wwcorpb0002', agentId: 1000005, secret: 'secret-of-b', token: 'tokenofb42', aesKey: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' };
const clock = fixedClock('2026-11-23T02:00:00Z');
const web: Record<string, string | undefined> = {};

let t: TestBot;
let fake: Awaited<ReturnType<typeof startFakeWecomCorps>>;
const ids: Record<string, number> = {};

async function seed(orgId: number, org: 'a' | 'b'): Promise<void> {
  const { db } = t.bot;
  const group = org === 'a' ? '甲一组' : '乙一组';
  await addPerson(db, orgId, { name: org === 'a' ? '何静' : '郑乙乙', mobile: `1390000020${org === 'a' ? 1 : 2}`, wecom: 'hejing', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
  const deputy = await addPerson(db, orgId, { name: org === 'a' ? '张甲' : '吴乙甲', mobile: `1380000000${org === 'a' ? 1 : 2}`, wecom: `deputy-${org}`, units: [{ kind: 'group', name: group, role: 'member' }] });
  const startAt = new Date('2026-11-30T06:00:00Z');
  const made = await createActivity(db, { orgId, unit: { name: group }, kind: '学习', title: org === 'a' ? '甲县学习会' : '乙县学习会', startAt, endAt: new Date(startAt.getTime() + 7_200_000), place: '会议室', content: '学习', now: clock.now() });
  if (!made.ok) throw new Error('activity not created');
  ids[`activity-${org}`] = made.activity.id;
  ids[`leave-${org}`] = (await db.leaveRequest.create({ data: { orgId, activityId: made.activity.id, personId: deputy, year: 2026, reason: '出差' } })).id;
}

beforeAll(async () => {
  fake = await startFakeWecomCorps(clock, [
    { corpId: TEST_WECOM.WECOM_CORP_ID, agentId: Number(TEST_WECOM.WECOM_AGENT_ID), secret: TEST_WECOM.WECOM_SECRET, webUser: () => web.a },
    { corpId: B.corpId, secret: B.secret, agentId: B.agentId, webUser: () => web.b },
  ]);
  t = await startTestBot({ clock, workers: 'manual', env: { ORG_CODE: 'county-a', WECOM_API_BASE: fake.url, WECOM_OAUTH_BASE: fake.url, SECRETS_KEY } });
  const box = new SecretBox(loadConfig({ SECRETS_KEY, ...TEST_WECOM }).secretsKeys!);
  expect((await addOrg({ db: t.bot.db, box, now: clock.now() }, 'county-b', '乙县人大常委会', B)).ok).toBe(true);
  await seed((await findOrganisationByCode(t.bot.db, 'county-a'))!.id, 'a');
  await seed((await findOrganisationByCode(t.bot.db, 'county-b'))!.id, 'b');
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await fake?.stop();
});

/** Signs in to `org`'s console as `userId` of that organisation's corp. */
async function signIn(org: 'a' | 'b', userId: string): Promise<{ b: Browser; page: string; hops: string[] }> {
  web[org] = userId;
  const b = browser();
  const hops: string[] = [];
  const last = await follow(b, t.bot.url, org === 'a' ? '/console' : '/console/login?org=county-b', 6, (next) => void hops.push(next));
  return { b, page: await last.text(), hops };
}

const sentenceOf = async (res: Response) => /<p class="error">([^<]*)<\/p>/.exec(await res.text())?.[1];

describe('the console per organisation', () => {
  it('?org=county-b signs in through county-b\'s own app, and the session is county-b\'s', async () => {
    const { page, hops } = await signIn('b', 'hejing');
    const authorize = hops.find((h) => h.includes('/connect/oauth2/authorize'))!;
    expect(new URL(authorize).searchParams.get('appid')).toBe(B.corpId);
    expect(page).toContain('郑乙乙');
    expect(page).not.toContain('何静');
    const home = await signIn('a', 'hejing');
    expect(home.page).toContain('何静');
  });

  it('staff of one organisation never see the other\'s people, activities or leave', async () => {
    const { b } = await signIn('b', 'hejing');
    const activities = await (await go(b, `${t.bot.url}/console/activities`)).text();
    expect(activities).toContain('乙县学习会');
    expect(activities).not.toContain('甲县学习会');
    const leave = await (await go(b, `${t.bot.url}/console/leave`)).text();
    expect(leave).toContain('吴乙甲');
    expect(leave).not.toContain('张甲');
    const own = await (await go(b, `${t.bot.url}/console/activities/${ids['activity-b']}`)).text();
    expect(own).toContain('吴乙甲');
  });

  it('staff of one organisation cannot open or act on the other\'s ids: one sentence, nothing changes', async () => {
    const { b } = await signIn('b', 'hejing');
    for (const path of [`/console/activities/${ids['activity-a']}`, `/console/activities/${ids['activity-a']}/edit`]) {
      const res = await go(b, `${t.bot.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await sentenceOf(res), path).toBe(consoleText.notFound);
    }
    const csrf = await csrfOf(b, t.bot.url);
    const decide = await go(b, `${t.bot.url}/console/leave/${ids['leave-a']}/decide`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, decision: 'approved' }).toString() });
    expect(decide.status).toBe(302);
    expect(await (await go(b, `${t.bot.url}${decide.headers.get('location')}`)).text()).toContain(leaveMessages.leaveNotFound);
    const cancel = await go(b, `${t.bot.url}/console/activities/${ids['activity-a']}/cancel`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf }).toString() });
    expect(await (await go(b, new URL(cancel.headers.get('location')!, t.bot.url).toString())).text()).toContain(consoleText.notFound);
    expect((await t.bot.db.leaveRequest.findUnique({ where: { id: ids['leave-a']! } }))!.status).toBe('pending');
    expect((await t.bot.db.activity.findUnique({ where: { id: ids['activity-a']! } }))!.status).not.toBe('cancelled');
  });

  it('when the session ends, the console signs in again through the organisation last signed in to', async () => {
    const { b } = await signIn('b', 'hejing');
    b.cookies.delete('console_session');
    const res = await go(b, `${t.bot.url}/console/leave`);
    expect(res.headers.get('location')).toBe('/console/login?org=county-b');
  });

  it('a code for one organisation cannot be brought back as another\'s, and an unknown organisation is one sentence', async () => {
    web.b = 'hejing';
    const b = browser();
    const login = await go(b, `${t.bot.url}/console/login?org=county-b`);
    const back = new URL((await go(b, login.headers.get('location')!)).headers.get('location')!);
    back.searchParams.set('org', 'county-a');
    const res = await go(b, back.toString());
    expect(res.status).toBe(403);
    expect(b.cookies.has('console_session')).toBe(false);
    const unknown = await go(browser(), `${t.bot.url}/console/login?org=county-z`);
    expect(unknown.status).toBe(404);
    expect(await sentenceOf(unknown)).toBe(consoleText.unknownOrg);
  });
});
