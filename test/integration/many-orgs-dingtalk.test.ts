// Two organisations on one instance, each with its own DingTalk app, through the real paths:
// county-a from the DINGTALK_* variables, county-b from an app stored sealed (npm run org),
// one fake DingTalk serving both apps. The same DingTalk userid (dt-same) exists in both corps
// and names two different people. Each app has its own Stream; in HTTP mode each organisation
// has its own robot URL, verified with its own app secret. Fixed clock; workers driven by hand.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { SecretBox } from '../../src/lib/secret-box.ts';
import { sealDingtalkApp, type DingtalkCredentials } from '../../src/platforms/dingtalk/org-apps.ts';
import { removeOrgApps } from '../../src/platforms/org-admin/org-admin.ts';
import { dingtalkSign } from '../../src/platforms/dingtalk/http-receiver.ts';
import { insertDingtalkApp, updateDingtalkApp, type DingtalkAppFields } from '../../src/repositories/org-dingtalk-repo.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import type { Db } from '../../src/repositories/prisma.ts';
import { createActivity } from '../../src/services/activity-service.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { FakeDingtalk } from '../../src/simulator/fake-dingtalk.ts';
import { eventually, startTestBot, testDingtalkEnv, type TestBot } from '../helpers/bot.ts';
import { browser, follow } from '../helpers/console-browser.ts';
import { addPerson } from '../helpers/seed.ts';

const SECRETS_KEY = Buffer.alloc(32, 9).toString('base64');
const APP_A = 'dingfakeclient'; // testDingtalkEnv's
const B: DingtalkCredentials = { clientId: 'dingcountyb', clientSecret: 'secret-of-b', robotCode: 'dingcountyb', noticeTemplate: 'notice-b.schema', approvalTemplate: 'approval-b.schema' };
const clock = fixedClock('2026-11-23T02:00:00Z'); // Monday 10:00 Shanghai

let dt: FakeDingtalk;
let t: TestBot;
let orgA: number;
let orgB: number;

async function storeApp(db: Db, code: string, name: string, app: DingtalkCredentials): Promise<number> {
  const org = await ensureOrganisation(db, code, name);
  const box = new SecretBox(loadConfig({ SECRETS_KEY }).secretsKeys!);
  expect(await insertDingtalkApp(db, org.id, sealDingtalkApp(box, org.id, app) as DingtalkAppFields, clock.now())).toBe(true);
  return org.id;
}

async function start(env: Record<string, string> = {}, dir?: string): Promise<TestBot> {
  return startTestBot({ mode: 'dingtalk', clock, workers: 'manual', dir, env: { ORG_CODE: 'county-a', SECRETS_KEY, ...testDingtalkEnv(dt.url), ...env } });
}

/** Every app's Stream open, as the bot sees it (the fake may still hold a stopped bot's sockets for a moment). */
async function streamsOpen(apps: number): Promise<void> {
  await eventually(() => {
    const states = t.bot.dingtalkStreams!.states();
    return states.length === apps && states.every((s) => s.connected);
  });
}

async function settle(): Promise<void> {
  const w = t.bot.workers!;
  for (let i = 0; i < 50; i++) if ((await w.inbound.runOnce()) + (await w.exports.runOnce()) + (await w.outbox.runOnce()) === 0) return;
  throw new Error('workers did not settle');
}

beforeEach(async () => {
  dt = new FakeDingtalk();
  await dt.start();
  // county-b's app is stored before the bot (re)starts, as `npm run org -- add` leaves it.
  t = await start();
  orgB = await storeApp(t.bot.db, 'county-b', '乙县人大常委会', B);
  await t.stop({ keepFiles: true });
  t = await start({}, t.dir);
  orgA = t.bot.orgId;
  await streamsOpen(2);
  await addPerson(t.bot.db, orgA, { name: '甲县代表', mobile: '13800000001', dingtalk: 'dt-same', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
  await addPerson(t.bot.db, orgB, { name: '乙县代表', mobile: '13700000001', dingtalk: 'dt-same', units: [{ kind: 'group', name: '乙一组', role: 'member' }] });
  // Rule S6's year-end reminders would add a message to every deputy; not what is counted here.
  await t.bot.db.organisation.updateMany({ data: { policy: JSON.stringify({ suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0 }) } });
}, 60_000);

afterEach(async () => {
  await t?.stop();
  await dt?.stop();
});

describe('many organisations on DingTalk: each speaks through its own app', () => {
  it('each app opens its own Stream, with its own credentials, and /metrics says each is connected', async () => {
    expect(dt.opens.map((o) => [o.clientId, o.clientSecret])).toEqual(expect.arrayContaining([[APP_A, 'fake-secret'], [B.clientId, B.clientSecret]]));
    const metrics = await (await fetch(`${t.bot.url}/metrics`)).text();
    expect(metrics).toContain('bot_dingtalk_stream_connected{org="county-a"} 1');
    expect(metrics).toContain('bot_dingtalk_stream_connected{org="county-b"} 1');
  });

  it('the Streams log through the bot\'s JSON log, one line per organisation, never the Stream package\'s console lines', async () => {
    await t.stop({ keepFiles: true });
    const consoleLines = (['info', 'warn', 'error', 'log'] as const).map((level) => vi.spyOn(console, level));
    let logs: string[];
    try {
      t = await start({}, t.dir);
      logs = t.logs;
      await streamsOpen(2);
      await t.stop({ keepFiles: true });
      for (const spy of consoleLines) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of consoleLines) spy.mockRestore();
      t = await start({}, t.dir);
    }
    const connected = logs.map((line) => JSON.parse(line) as { msg: string; org?: string }).filter((l) => l.msg === 'DingTalk stream: connected');
    expect(connected.map((l) => l.org).sort()).toEqual(['county-a', 'county-b']);
  });

  it('a message on county-b\'s app is county-b\'s, and is answered through county-b\'s app only', async () => {
    await dt.ackOf(dt.pushText('dt-same', '帮助', { app: B.clientId }));
    await settle();
    const event = await t.bot.db.inboundEvent.findFirstOrThrow({ where: { channel: 'dingtalk' } });
    expect(event.orgId).toBe(orgB);
    expect(dt.textsTo('dt-same', B.clientId).length).toBeGreaterThan(0);
    expect(dt.textsTo('dt-same', APP_A)).toEqual([]);
  });

  it('in production\'s placement too (the workers\' thread opens the stored apps itself), county-b is answered through its own app', async () => {
    await t.stop({ keepFiles: true });
    t = await startTestBot({ mode: 'dingtalk', clock, workers: 'thread', dir: t.dir, env: { ORG_CODE: 'county-a', SECRETS_KEY, ...testDingtalkEnv(dt.url) } });
    await streamsOpen(2);
    await dt.ackOf(dt.pushText('dt-same', '帮助', { app: B.clientId }));
    await eventually(() => dt.textsTo('dt-same', B.clientId).length > 0, 20_000);
    expect(dt.textsTo('dt-same', APP_A)).toEqual([]);
  });

  it('the outbox sends each organisation\'s rows through its own app to its own dt-same', async () => {
    const outbound = new Outbound(t.bot.db, clock);
    for (const [orgId, text] of [[orgA, '甲县的钉钉消息'], [orgB, '乙县的钉钉消息']] as const) {
      await outbound.send(orgId, 'dingtalk', [{ key: `dt-to-same-${orgId}`, message: { kind: 'text', toUsers: ['dt-same'], text } }]);
    }
    await settle();
    expect(dt.textsTo('dt-same', APP_A)).toEqual(['甲县的钉钉消息']);
    expect(dt.textsTo('dt-same', B.clientId)).toEqual(['乙县的钉钉消息']);
    expect(await t.bot.db.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });

  it('county-b\'s notice card goes out through its own app, templates and robot; a click on it comes back as county-b\'s', async () => {
    const startAt = new Date('2026-11-25T06:00:00Z');
    const r = await createActivity(t.bot.db, {
      orgId: orgB, unit: { name: '乙一组' }, kind: '学习', title: '乙县学习代表法', startAt,
      endAt: new Date(startAt.getTime() + 7_200_000), place: '乙县人大会议室', content: '学习代表法', now: clock.now(),
    });
    if (!r.ok) throw new Error('not published');
    await t.bot.workers!.scheduler.runOnce();
    await settle();
    expect(dt.cardsTo('dt-same', APP_A)).toEqual([]);
    const [card] = dt.cardsTo('dt-same', B.clientId);
    expect(card).toMatchObject({ templateId: B.noticeTemplate, params: { title: '乙县学习代表法' } });
    const create = dt.calls.find((c) => c.path === '/v1.0/card/instances/createAndDeliver' && c.app === B.clientId)!;
    expect(create.body.imRobotOpenDeliverModel.robotCode).toBe(B.robotCode);
    // The same click down county-a's Stream is county-a's event: no such card there, nothing recorded.
    await dt.ackOf(dt.pushClick('dt-same', card!.outTrackId, card!.params.btn1Key!, Date.now(), APP_A));
    await settle();
    expect(await t.bot.db.rsvp.count()).toBe(0);
    await dt.ackOf(dt.pushClick('dt-same', card!.outTrackId, card!.params.btn1Key!, Date.now(), B.clientId));
    await settle();
    const b = await t.bot.db.person.findFirstOrThrow({ where: { orgId: orgB, name: '乙县代表' } });
    expect(await t.bot.db.rsvp.findMany({ select: { personId: true, answer: true } })).toEqual([{ personId: b.id, answer: 'attend' }]);
  });

  it('an app stored while the bot runs opens its Stream at the next check, without a restart, and its first message is answered', async () => {
    const orgC = (await ensureOrganisation(t.bot.db, 'county-c', '丙县人大常委会')).id;
    await addPerson(t.bot.db, orgC, { name: '丙县代表', mobile: '13600000001', dingtalk: 'dt-same', units: [{ kind: 'group', name: '丙一组', role: 'member' }] });
    // Looked up before its app existed (as an audience's platforms are): that "none" is kept a minute.
    expect(await t.bot.dingtalkOrgs!.byOrgId(orgC)).toBeUndefined();
    await storeApp(t.bot.db, 'county-c', '丙县人大常委会', { ...B, clientId: 'dingcountyc', clientSecret: 'secret-of-c', robotCode: 'dingcountyc' });
    await t.bot.dingtalkStreams!.recheck();
    await streamsOpen(3);
    expect(dt.opens.some((o) => o.clientId === 'dingcountyc' && o.clientSecret === 'secret-of-c')).toBe(true);
    // The reply does not trust the kept "none": it goes out through the new app at once.
    await dt.ackOf(dt.pushText('dt-same', '帮助', { app: 'dingcountyc' }));
    await settle();
    expect(dt.textsTo('dt-same', 'dingcountyc').length).toBeGreaterThan(0);
    expect(await t.bot.db.outbox.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });

  it('npm run org -- remove closes that app\'s Stream at the next check; the other stays open', async () => {
    expect(await removeOrgApps({ db: t.bot.db, now: clock.now() }, 'county-b', { wecom: false, dingtalk: true })).toMatchObject({ ok: true });
    await t.bot.dingtalkStreams!.recheck();
    await streamsOpen(1);
    expect(t.bot.dingtalkStreams!.states().map((s) => s.code)).toEqual(['county-a']);
  });

  it('a changed client secret reconnects that app\'s Stream with the new one at the next check', async () => {
    const box = new SecretBox(loadConfig({ SECRETS_KEY }).secretsKeys!);
    await updateDingtalkApp(t.bot.db, orgB, sealDingtalkApp(box, orgB, { clientSecret: 'new-secret-of-b' }));
    const before = dt.opens.length;
    await t.bot.dingtalkStreams!.recheck();
    await eventually(() => dt.opens.length > before);
    expect(dt.opens.slice(before).map((o) => [o.clientId, o.clientSecret])).toEqual([[B.clientId, 'new-secret-of-b']]);
  });

  it('start-up refuses a stored DingTalk app without SECRETS_KEY, or with another key, in one line naming it', async () => {
    await t.stop({ keepFiles: true });
    await expect(start({ SECRETS_KEY: '' }, t.dir)).rejects.toThrow(/^Configuration error: SECRETS_KEY is missing: 1 organisation has credentials stored/);
    await expect(start({ SECRETS_KEY: Buffer.alloc(32, 1).toString('base64') }, t.dir)).rejects.toThrow(/^Configuration error: SECRETS_KEY does not open the stored credentials of organisation county-b/);
    t = await start({}, t.dir);
  });

  it('the console of county-b signs in through county-b\'s DingTalk app, as county-b\'s person', async () => {
    await addPerson(t.bot.db, orgB, { name: '乙县工作人员', mobile: '13700000009', dingtalk: 'dt-staff', levels: '', isStaff: true, units: [{ kind: 'office', name: '乙县人大办', role: 'staff' }] });
    await addPerson(t.bot.db, orgA, { name: '甲县工作人员', mobile: '13800000009', dingtalk: 'dt-staff', levels: '', isStaff: true, units: [{ kind: 'office', name: '甲县人大办', role: 'staff' }] });
    dt.webUser = 'dt-staff';
    const hops: string[] = [];
    const last = await follow(browser(), t.bot.url, '/console/login?org=county-b&via=dingtalk', 6, (next) => void hops.push(next));
    const authorize = hops.find((h) => h.startsWith(`${dt.url}/oauth2/auth?`))!;
    expect(new URL(authorize).searchParams.get('client_id')).toBe(B.clientId);
    const page = await last.text();
    expect(page).toContain('乙县工作人员');
    expect(page).not.toContain('甲县工作人员');
  });
});

describe('many organisations on DingTalk in HTTP mode: each robot URL is verified with its own app', () => {
  const post = (path: string, secret: string, msgId: string) => {
    const timestamp = String(clock.now().getTime());
    const body = JSON.stringify({
      conversationId: 'cid-single-dt-same', conversationType: '1', msgId, msgtype: 'text', text: { content: '帮助' },
      senderStaffId: 'dt-same', senderId: '$:dt-same', senderNick: 'dt-same', robotCode: 'x', chatbotUserId: 'bot', isInAtList: true, createAt: clock.now().getTime(),
    });
    return fetch(`${t.bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, secret) }, body });
  };

  beforeEach(async () => {
    await t.stop({ keepFiles: true });
    t = await start({ DINGTALK_MODE: 'http' }, t.dir);
  });

  it('/dingtalk/callback/county-b takes county-b\'s signature, and the event is county-b\'s', async () => {
    const res = await post('/dingtalk/callback/county-b', B.clientSecret, 'msg-b-1');
    expect(res.status).toBe(200);
    expect((await t.bot.db.inboundEvent.findFirstOrThrow({ where: { platformKey: { contains: 'msg-b-1' } } })).orgId).toBe(orgB);
  });

  it('county-a\'s signature is refused on county-b\'s URL, and the other way round; nothing is stored', async () => {
    expect((await post('/dingtalk/callback/county-b', 'fake-secret', 'msg-x-1')).status).toBe(403);
    expect((await post('/dingtalk/callback', B.clientSecret, 'msg-x-2')).status).toBe(403);
    expect((await post('/dingtalk/callback/county-a', B.clientSecret, 'msg-x-3')).status).toBe(403);
    expect(await t.bot.db.inboundEvent.count()).toBe(0);
  });

  it('the old URL and /dingtalk/callback/county-a are county-a\'s; an unknown code is a 404', async () => {
    expect((await post('/dingtalk/callback', 'fake-secret', 'msg-a-1')).status).toBe(200);
    expect((await post('/dingtalk/callback/county-a', 'fake-secret', 'msg-a-2')).status).toBe(200);
    expect((await post('/dingtalk/callback/nowhere', 'fake-secret', 'msg-n-1')).status).toBe(404);
    expect(new Set((await t.bot.db.inboundEvent.findMany()).map((e) => e.orgId))).toEqual(new Set([orgA]));
  });
});
