// Two organisations on one instance, through the real HTTP path: county-a from the WECOM_*
// variables (its old URL /wecom/callback), county-b from stored credentials (npm run org, its
// own URL /wecom/callback/county-b), one fake WeCom API serving both corps. The same WeCom
// user ids (lichunmei, hejing) exist in both corps and are different people. Fixed clock;
// workers driven by hand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { SecretBox } from '../../src/lib/secret-box.ts';
import { addOrg } from '../../src/platforms/org-admin/org-admin.ts';
import { findOrganisationByCode } from '../../src/repositories/org-repo.ts';
import { createActivity } from '../../src/services/activity-service.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { importRoster, loadDemoRoster } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import { WecomCallbackSender } from '../../src/simulator/callback-sender.ts';
import { WecomRobotCallbackSender } from '../../src/simulator/robot-callback-sender.ts';
import { startTestBot, TEST_WECOM, testDingtalkEnv, type TestBot } from '../helpers/bot.ts';
import { FakeDingtalk } from '../../src/simulator/fake-dingtalk.ts';
import { startFakeWecomCorps } from '../helpers/fake-wecom-corps.ts';
import { fixedClock } from '../../src/lib/clock.ts';

const SECRETS_KEY = Buffer.alloc(32, 7).toString('base64');
const B = {
  corpId: 'wwcorpb0002', agentId: 1000005, secret: 'secret-of-b', token: 'tokenofb42', aesKey: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  botToken: 'robotofb7', botAesKey: 'RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR',
};
const A = { corpId: TEST_WECOM.WECOM_CORP_ID, agentId: Number(TEST_WECOM.WECOM_AGENT_ID), secret: TEST_WECOM.WECOM_SECRET };
const B_PEOPLE = ['吴乙甲', '郑乙乙', '王乙丙'];
const A_NAMES = ['赵文华', '钱秀英', '李春梅', '何静'];

let t: TestBot;
let fake: Awaited<ReturnType<typeof startFakeWecomCorps>>;
let senderB: WecomCallbackSender;
let orgA: number;
let orgB: number;
const clock = fixedClock('2026-11-23T02:00:00Z'); // Monday 10:00 Shanghai

async function start(env: Record<string, string> = {}, dir?: string): Promise<TestBot> {
  return startTestBot({ clock, workers: 'manual', dir, env: { ORG_CODE: 'county-a', WECOM_API_BASE: fake.url, SECRETS_KEY, ...env } });
}

beforeEach(async () => {
  clock.set('2026-11-23T02:00:00Z');
  fake = await startFakeWecomCorps(clock, [A, { corpId: B.corpId, secret: B.secret, agentId: B.agentId }]);
  t = await start();
  const box = new SecretBox(loadConfig({ SECRETS_KEY, ...TEST_WECOM }).secretsKeys!);
  const added = await addOrg({ db: t.bot.db, box, now: clock.now() }, 'county-b', '乙县人大常委会', B);
  expect(added.ok).toBe(true);
  await loadDemoRoster(t.bot.db, 'county-a');
  const file = join(t.dir, 'b.csv');
  writeFileSync(file, `${ROSTER_HEADER.join(',')}\n吴乙甲,13700000001,lichunmei,,县区,乙一组,成员,,\n郑乙乙,13700000002,hejing,,工作人员,,,,\n王乙丙,13700000003,wangb,,县区,乙一组,组长,,\n`);
  expect((await importRoster(t.bot.db, { orgCode: 'county-b', file })).applied).toBe(true);
  orgA = (await findOrganisationByCode(t.bot.db, 'county-a'))!.id;
  orgB = (await findOrganisationByCode(t.bot.db, 'county-b'))!.id;
  // Rule S6's year-end reminders would add a message to every deputy; not what is counted here.
  const quiet = JSON.stringify({ suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0 });
  await t.bot.db.organisation.updateMany({ data: { policy: quiet } });
  senderB = new WecomCallbackSender(B, `${t.bot.url}/wecom/callback/county-b`, clock);
});
afterEach(async () => {
  await t.stop();
  await fake.stop();
});

async function settle(): Promise<void> {
  const w = t.bot.workers!;
  for (let i = 0; i < 50; i++) {
    const handled = (await w.inbound.runOnce()) + (await w.outbox.runOnce());
    if (handled === 0) return;
  }
  throw new Error('workers did not settle');
}

const corpA = () => fake.corp(A.corpId);
const corpB = () => fake.corp(B.corpId);
const allTexts = (corp: ReturnType<typeof corpA>, users: string[]) => users.flatMap((u) => corp.textsTo(u)).join('\n');

async function say(sender: WecomCallbackSender, user: string, text: string): Promise<void> {
  const res = await sender.sendText(user, text);
  expect(res.status).toBe(200);
  await settle();
}

describe('many organisations: each speaks through its own app and sees only its own', () => {
  it('the same user id in two corps is two people: each is answered by its own corp with its own entry', async () => {
    await say(t.sender, 'lichunmei', '我的信息');
    await say(senderB, 'lichunmei', '我的信息');
    const a = corpA().textsTo('lichunmei').join('\n');
    const b = corpB().textsTo('lichunmei').join('\n');
    expect(a).toContain('李春梅');
    expect(a).toContain('第一代表小组');
    expect(b).toContain('吴乙甲');
    expect(b).toContain('乙一组');
    for (const name of B_PEOPLE) expect(a).not.toContain(name);
    for (const name of A_NAMES) expect(b).not.toContain(name);
    const events = await t.bot.db.inboundEvent.findMany({ select: { orgId: true }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.orgId)).toEqual([orgA, orgB]);
    // One token per corp, each from its own corp's gettoken.
    expect(corpA().callCount('/cgi-bin/gettoken')).toBe(1);
    expect(corpB().callCount('/cgi-bin/gettoken')).toBe(1);
  });

  it('an organisation cannot be given an app another one uses (their events could not be told apart)', async () => {
    const box = new SecretBox(loadConfig({ SECRETS_KEY }).secretsKeys!);
    const deps = { db: t.bot.db, box, now: clock.now(), envOrgCode: 'county-a', envApp: t.bot.wecom! };
    const aes = 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';
    const fields = { corpId: B.corpId, agentId: B.agentId, secret: 's', token: 't', aesKey: aes };
    expect(await addOrg(deps, 'county-c', '丙县', fields)).toEqual({ ok: false, error: `企业 ${B.corpId} 的应用 ${B.agentId} 已经属于组织 county-b：一个应用只能服务一个组织，请为每个组织建一个自建应用。` });
    expect(await addOrg(deps, 'county-c', '丙县', { ...fields, corpId: A.corpId, agentId: A.agentId })).toMatchObject({ ok: false, error: expect.stringContaining('已经属于组织 county-a') });
    expect(await findOrganisationByCode(t.bot.db, 'county-c')).toBeUndefined();
  });

  it('add with both apps is one transaction: a DingTalk app stored by another run meanwhile leaves no organisation and no WeCom app behind', async () => {
    const box = new SecretBox(loadConfig({ SECRETS_KEY }).secretsKeys!);
    const aes = 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';
    const wecom = { corpId: 'wwcorpc0003', agentId: 1000009, secret: 's', token: 't', aesKey: aes };
    const dingtalk = { clientId: 'dingshared', clientSecret: 'x', robotCode: 'dingshared', noticeTemplate: 'n.schema', approvalTemplate: 'a.schema' };
    // Every check has passed when the writing starts; that is when the other run's insert lands.
    const racing = new Proxy(t.bot.db, {
      get(target, key, receiver) {
        if (key !== '$transaction') return Reflect.get(target, key, receiver);
        return async (...args: unknown[]) => {
          expect(await addOrg({ db: target, box, now: clock.now() }, 'county-d', '丁县', {}, dingtalk)).toMatchObject({ ok: true });
          return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      },
    });
    expect(await addOrg({ db: racing, box, now: clock.now() }, 'county-c', '丙县', wecom, dingtalk)).toEqual({ ok: false, error: expect.stringContaining('county-d') });
    expect(await findOrganisationByCode(t.bot.db, 'county-c')).toBeUndefined();
    expect(await t.bot.db.orgCredential.count({ where: { corpId: wecom.corpId } })).toBe(0);
    expect(await t.bot.db.orgDingtalkApp.count({ where: { clientId: 'dingshared' } })).toBe(1);
  });

  it('county-a also answers at its own /wecom/callback/county-a, with its own keys', async () => {
    const senderA2 = new WecomCallbackSender(t.bot.wecom!, `${t.bot.url}/wecom/callback/county-a`, clock);
    await say(senderA2, 'zhaowenhua', '我的信息');
    expect(corpA().textsTo('zhaowenhua').join('\n')).toContain('赵文华');
  });

  it('contacts list only the organisation\'s own people', async () => {
    await say(senderB, 'lichunmei', '联系工作人员');
    await say(t.sender, 'lichunmei', '联系工作人员');
    const b = corpB().textsTo('lichunmei').join('\n');
    const a = corpA().textsTo('lichunmei').join('\n');
    expect(b).toContain('王乙丙');
    expect(b).toContain('郑乙乙');
    for (const name of A_NAMES) expect(b).not.toContain(name);
    expect(a).toContain('何静');
    for (const name of B_PEOPLE) expect(a).not.toContain(name);
  });

  it('each organisation\'s scheduled notices go out through its own client to its own members only', async () => {
    const startAt = new Date('2026-11-25T06:00:00Z'); // Wednesday 14:00: two days ahead, sent at once
    const base = { kind: '学习', startAt, endAt: new Date(startAt.getTime() + 2 * 3600_000), place: '会议室', content: '学习', now: clock.now() };
    const a = await createActivity(t.bot.db, { ...base, orgId: orgA, unit: { name: '第一代表小组' }, title: '甲县学习会' });
    const b = await createActivity(t.bot.db, { ...base, orgId: orgB, unit: { name: '乙一组' }, title: '乙县学习会' });
    expect(a.ok && b.ok).toBe(true);
    await t.bot.workers!.scheduler.runOnce();
    await settle();
    const titles = (cards: Record<string, any>[]) => cards.map((c) => c.main_title?.title);
    expect(titles(corpA().cardsTo('lichunmei'))).toEqual(['甲县学习会']);
    expect(titles(corpB().cardsTo('lichunmei'))).toEqual(['乙县学习会']);
    expect(titles(corpB().cardsTo('wangb'))).toEqual(['乙县学习会']);
    expect(corpA().cardsTo('wangb')).toEqual([]); // county-a has no wangb: nothing sent through A's app
    expect(corpB().cardsTo('zhaowenhua')).toEqual([]);
  });

  // County-a's lichunmei is another person than county-b's, reached through another app: what
  // holds back one (her app's 30 a minute, a message to her being sent now) must not hold back the other.
  async function oneTextToEach(): Promise<void> {
    const outbound = new Outbound(t.bot.db, clock);
    for (const [orgId, text] of [[orgA, '甲县的消息'], [orgB, '乙县的消息']] as const) {
      await outbound.send(orgId, 'wecom', [{ key: `to-lichunmei-${orgId}`, message: { kind: 'text', toUsers: ['lichunmei'], text } }]);
    }
    await t.bot.workers!.outbox.runOnce();
  }
  const oldRow = (key: string, status: string, at: Date) => ({
    orgId: orgA, channel: 'wecom', idempotencyKey: key, kind: 'text', recipient: 'lichunmei', payload: '{}', status, nextAttemptAt: at,
  });

  it('a member at her app\'s minute quota in one organisation does not defer the same user id in another', async () => {
    const tenSecondsAgo = new Date(clock.now().getTime() - 10_000);
    await t.bot.db.outbox.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ ...oldRow(`a-sent-${i}`, 'sent', tenSecondsAgo), sentAt: tenSecondsAgo })) });
    await oneTextToEach();
    expect(corpB().textsTo('lichunmei')).toEqual(['乙县的消息']);
    expect(corpA().textsTo('lichunmei')).toEqual([]); // county-a's own quota is used up: hers waits
    expect(await t.bot.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: `to-lichunmei-${orgA}` } })).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('a message being sent to a member in one organisation does not hold back the same user id in another', async () => {
    const inAMinute = new Date(clock.now().getTime() + 60_000);
    await t.bot.db.outbox.create({ data: { ...oldRow('a-in-flight', 'sending', clock.now()), lockedUntil: inAMinute } });
    await oneTextToEach();
    expect(corpB().textsTo('lichunmei')).toEqual(['乙县的消息']);
    expect(corpA().textsTo('lichunmei')).toEqual([]); // one at a time to county-a's lichunmei
  });

  it('county-a\'s DingTalk app never carries county-b\'s messages: a DingTalk userid names someone else in another corp', async () => {
    await t.stop({ keepFiles: true });
    const dt = new FakeDingtalk();
    try {
      t = await start(testDingtalkEnv(await dt.start()), t.dir);
      await dt.waitConnected();
      const outbound = new Outbound(t.bot.db, clock);
      for (const [orgId, text] of [[orgA, '甲县的钉钉消息'], [orgB, '乙县的钉钉消息']] as const) {
        await outbound.send(orgId, 'dingtalk', [{ key: `dt-to-same-${orgId}`, message: { kind: 'text', toUsers: ['dt-same-id'], text } }]);
      }
      await settle();
      expect(dt.textsTo('dt-same-id')).toEqual(['甲县的钉钉消息']);
      expect(await t.bot.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: `dt-to-same-${orgB}` } }))
        .toMatchObject({ status: 'dead', lastError: `no client for channel dingtalk in organisation ${orgB}` });
    } finally {
      await dt.stop();
    }
  });

  it('a card click from county-b\'s callback on county-a\'s card is refused and changes nothing', async () => {
    const startAt = new Date('2026-11-25T06:00:00Z');
    const a = await createActivity(t.bot.db, {
      orgId: orgA, unit: { name: '第一代表小组' }, kind: '学习', title: '甲县学习会', startAt,
      endAt: new Date(startAt.getTime() + 7200_000), place: '会议室', content: '学习', now: clock.now(),
    });
    if (!a.ok) throw new Error('not created');
    for (const key of [`activity.attend:${a.activity.id}`, `leave.start:${a.activity.id}`]) {
      const res = await senderB.clickCard('lichunmei', { eventKey: key, taskId: 'notice-a-1', responseCode: `rc-${key}` });
      expect(res.status).toBe(200);
      await settle();
    }
    expect(await t.bot.db.rsvp.count({ where: { activityId: a.activity.id } })).toBe(0);
    expect(await t.bot.db.leaveRequest.count({ where: { activityId: a.activity.id } })).toBe(0);
    const b = corpB().textsTo('lichunmei').join('\n');
    expect(b).not.toContain('甲县学习会');
    expect(b).toMatch(/失效|找不到|没有/);
    expect(corpA().callCount('/cgi-bin/message/update_template_card')).toBe(0);
    expect(corpA().textsTo('lichunmei')).toEqual([]);
  });

  it('a suggestion of county-a is seen by nobody in county-b', async () => {
    const title = '关于增设甲县公交站点的建议';
    for (const text of ['提建议', '建议', title, '城关镇东片居民出行不便，建议在东环路增设两个公交站点。', '完成', '否', '是']) {
      await say(t.sender, 'lichunmei', text);
    }
    expect(await t.bot.db.suggestion.count({ where: { orgId: orgA } })).toBe(1);
    await say(t.sender, 'hejing', '建议列表');
    expect(corpA().textsTo('hejing').join('\n')).toContain('甲县公交站点');
    await say(senderB, 'lichunmei', '我的建议');
    await say(senderB, 'hejing', '建议列表');
    expect(allTexts(corpB(), ['lichunmei', 'hejing'])).not.toContain('甲县公交站点');
  });

  it('a roster import into county-a does not touch county-b', async () => {
    const before = await t.bot.db.person.findMany({ where: { orgId: orgB }, orderBy: { id: 'asc' } });
    const file = join(t.dir, 'a.csv');
    writeFileSync(file, `${ROSTER_HEADER.join(',')}\n李春梅,13800000104,lichunmei,,乡镇,第一代表小组,成员,,\n`);
    const report = await importRoster(t.bot.db, { orgCode: 'county-a', file });
    expect(report.applied).toBe(true);
    expect(await t.bot.db.person.findMany({ where: { orgId: orgB }, orderBy: { id: 'asc' } })).toEqual(before);
    await say(senderB, 'wangb', '我的信息');
    expect(corpB().textsTo('wangb').join('\n')).toContain('王乙丙');
  });
});

describe('many organisations: callbacks are verified with the organisation\'s own keys', () => {
  it('an unknown organisation code is a 404 and nothing of its body is stored or logged', async () => {
    const stray = new WecomCallbackSender(B, `${t.bot.url}/wecom/callback/county-z`, clock);
    const sealed = stray.seal(stray.textXml('lichunmei', 'BODY-MARKER-城关镇'));
    const res = await stray.post(sealed);
    expect(res.status).toBe(404);
    const get = await fetch(`${t.bot.url}/wecom/callback/county-z?${stray.verificationQuery('hello')}`);
    expect(get.status).toBe(404);
    expect(await t.bot.db.inboundEvent.count()).toBe(0);
    expect(t.logs.join('')).not.toContain('BODY-MARKER');
    const ciphertext = /<Encrypt><!\[CDATA\[([^\]]+)/.exec(sealed.body)?.[1] ?? sealed.body;
    expect(t.logs.join('')).not.toContain(ciphertext.slice(0, 40));
    expect(t.logs.join('')).toContain('"status":404');
  });

  it('county-b\'s URL refuses a callback signed with county-a\'s keys, and the other way round', async () => {
    const forged = new WecomCallbackSender(t.bot.wecom!, `${t.bot.url}/wecom/callback/county-b`, clock);
    expect((await forged.sendText('lichunmei', '我的信息')).status).toBe(401);
    const crossed = new WecomCallbackSender(B, `${t.bot.url}/wecom/callback`, clock);
    expect((await crossed.sendText('lichunmei', '我的信息')).status).toBe(401);
    expect(await t.bot.db.inboundEvent.count()).toBe(0);
  });

  it('county-b\'s robot has its own URL and keys: a group message is answered as county-b, county-a\'s robot keys are refused', async () => {
    const robotB = new WecomRobotCallbackSender({ token: B.botToken, aesKey: B.botAesKey }, `${t.bot.url}/wecom/bot/callback/county-b`, clock);
    const code = corpB().store.issueRobotCode('chat:groupb');
    const res = await robotB.sendText({ from: 'lichunmei', chatId: 'groupb', text: '我的信息', responseUrl: `${fake.url}/cgi-bin/aibot/response?response_code=${code}&corp=${B.corpId}` });
    expect(res.status).toBe(200);
    await settle();
    const group = corpB().store.inConversation('chat:groupb').map((m) => m.text).join('\n');
    expect(group).toContain('吴乙甲');
    expect(await t.bot.db.inboundEvent.findMany({ select: { orgId: true } })).toEqual([{ orgId: orgB }]);
    const forged = new WecomRobotCallbackSender(t.bot.wecomBot!, `${t.bot.url}/wecom/bot/callback/county-b`, clock);
    expect((await forged.sendText({ from: 'lichunmei', chatId: 'groupb', text: '我的信息', responseUrl: `${fake.url}/x` })).status).toBe(401);
  });

  it('county-b\'s URL verification (GET) answers with its own key', async () => {
    const res = await fetch(`${t.bot.url}/wecom/callback/county-b?${senderB.verificationQuery('echo-b')}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('echo-b');
  });

  it('start-up refuses stored credentials without SECRETS_KEY, or with another key, in one line naming it', async () => {
    await t.stop({ keepFiles: true });
    await expect(start({ SECRETS_KEY: '' }, t.dir)).rejects.toThrow(/^Configuration error: SECRETS_KEY is missing: 1 organisation has credentials stored/);
    const other = Buffer.alloc(32, 9).toString('base64');
    await expect(start({ SECRETS_KEY: other }, t.dir)).rejects.toThrow(/^Configuration error: SECRETS_KEY does not open the stored credentials of organisation county-b/);
    // Rotation: a new key in front of the old one starts, and the old one still opens.
    t = await start({ SECRETS_KEY: `${other},${SECRETS_KEY}` }, t.dir);
    await say(retarget(senderB, t), 'lichunmei', '我的信息');
    expect(corpB().textsTo('lichunmei').join('\n')).toContain('吴乙甲');
  });
});

function retarget(sender: WecomCallbackSender, bot: TestBot): WecomCallbackSender {
  sender.callbackUrl = `${bot.bot.url}/wecom/callback/county-b`;
  return sender;
}
