// The core is platform-neutral (issue 15 §1): with a second, fake platform registered as a
// client, the same flows and services reach a person who has only that platform's account,
// people with both accounts on the organisation's preferred one, and card updates go through
// the neutral handle the fake returned.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/lib/clock.ts';
import type { OutboundMessage, PlatformClient, SendReceipt } from '../../../src/platforms/types.ts';
import { createActivityWithInvitees } from '../../../src/repositories/activity-repo.ts';
import { insertNewEvents } from '../../../src/repositories/inbound-repo.ts';
import { announceCancellation } from '../../../src/services/notices/cancel-notices.ts';
import { loadDemoRoster } from '../../../src/services/roster/roster-service.ts';
import { startTestBot, type TestBot } from '../../helpers/bot.ts';
import { mockWecomApi, type WecomApiMock } from '../../helpers/wecom-api-mock.ts';

class FakePlatform implements PlatformClient {
  readonly channel = 'dingtalk' as const;
  readonly traits = { maxRecipients: 20 };
  sent: OutboundMessage[] = [];
  private cards = 0;
  async send(message: OutboundMessage): Promise<SendReceipt> {
    this.sent.push(message);
    return message.kind === 'card' ? { cardHandle: `fake-card-${++this.cards}` } : {};
  }
  textsTo(user: string): string[] {
    return this.sent.flatMap((m) => (m.kind === 'text' && m.toUsers.includes(user) ? [m.text] : []));
  }
}

let t: TestBot;
let fake: FakePlatform;
let api: WecomApiMock;
const clock = fixedClock('2026-11-23T02:00:00Z');
let events = 0;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  api = mockWecomApi();
  fake = new FakePlatform();
  t = await startTestBot({ clock, workers: 'manual', platformClients: [fake] });
  await loadDemoRoster(t.bot.db, t.bot.config.orgCode);
  await t.bot.db.organisation.update({ where: { id: t.bot.orgId }, data: { policy: JSON.stringify({ suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0 }) } });
});
afterEach(async () => {
  await t.stop();
  nock.cleanAll();
  nock.enableNetConnect();
});

/** Moves a demo person from WeCom to the fake platform (or gives them both accounts). */
async function onFake(wecomId: string, fakeId: string, keepWecom = false): Promise<number> {
  const account = await t.bot.db.platformAccount.findFirstOrThrow({ where: { channel: 'wecom', platformUserId: wecomId } });
  if (!keepWecom) await t.bot.db.platformAccount.delete({ where: { id: account.id } });
  await t.bot.db.platformAccount.create({ data: { orgId: t.bot.orgId, personId: account.personId, channel: 'dingtalk', platformUserId: fakeId } });
  return account.personId;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) if ((await t.bot.workers!.inbound.runOnce()) + (await t.bot.workers!.outbox.runOnce()) === 0) return;
}

async function sayOnFake(user: string, text: string): Promise<string> {
  events++;
  await insertNewEvents(t.bot.db, [{
    orgId: t.bot.orgId, channel: 'dingtalk', platformKey: `fake:${events}`, kind: 'message', senderId: user, receivedAt: clock.now(),
    payload: JSON.stringify({ type: 'message', channel: 'dingtalk', senderId: user, chatType: 'single', sentAt: clock.now().toISOString(), msgId: `m${events}`, msgType: 'text', text }),
  }]);
  const before = fake.textsTo(user).length;
  await settle();
  return fake.textsTo(user).slice(before).join('\n\n');
}

async function activityFor(unitName: string, title: string): Promise<number> {
  const unit = await t.bot.db.unit.findFirstOrThrow({ where: { name: unitName } });
  const startAt = new Date('2026-11-27T06:00:00Z');
  const a = await createActivityWithInvitees(t.bot.db, {
    orgId: t.bot.orgId, unitId: unit.id, kind: 'study', title, startAt, endAt: new Date(startAt.getTime() + 7_200_000),
    place: '县人大常委会三楼会议室', content: '', signInCode: null, signInOpensBefore: 30, createdById: null,
  });
  return a.id;
}

describe('a second platform', () => {
  it('rule L1: the leave conversation runs unchanged for a person who has only the second platform; approvers on WeCom get the card', async () => {
    await onFake('lichunmei', 'dt-li');
    await activityFor('第一代表小组', '学习代表法');
    expect(await sayOnFake('dt-li', '我要请假')).toMatch(/为“学习代表法”请假/);
    await sayOnFake('dt-li', '到市里参加培训，无法参加');
    expect(await sayOnFake('dt-li', '确认')).toMatch(/请假申请已提交/);
    // Nothing for this person went through WeCom; the approvers (WeCom only) got the card there.
    const wecomSends = api.calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(wecomSends.some((c) => String(c.body.touser).split('|').includes('lichunmei'))).toBe(false);
    expect(wecomSends.filter((c) => c.body.msgtype === 'template_card').map((c) => String(c.body.touser).split('|').sort())).toEqual([['qianxiuying', 'sunjianguo', 'zhaowenhua']]);
  });

  it('rule L1: an approver on the second platform gets the card there and settles it through its handle', async () => {
    await onFake('zhaowenhua', 'dt-zhao');
    await onFake('lichunmei', 'dt-li');
    await activityFor('第一代表小组', '学习代表法');
    await sayOnFake('dt-li', '请假');
    await sayOnFake('dt-li', '到市里参加培训，无法参加');
    await sayOnFake('dt-li', '确认');
    const card = fake.sent.find((m) => m.kind === 'card');
    expect(card).toMatchObject({ kind: 'card', toUsers: ['dt-zhao'] });
    const leave = await t.bot.db.leaveRequest.findFirstOrThrow();
    events++;
    await insertNewEvents(t.bot.db, [{
      orgId: t.bot.orgId, channel: 'dingtalk', platformKey: `fake:${events}`, kind: 'card_action', senderId: 'dt-zhao', receivedAt: clock.now(),
      payload: JSON.stringify({ type: 'card_action', channel: 'dingtalk', senderId: 'dt-zhao', chatType: 'single', sentAt: clock.now().toISOString(), actionKey: `leave.approve:${leave.id}`, taskId: 'x', cardHandle: 'click-handle', selections: {} }),
    }]);
    await settle();
    expect((await t.bot.db.leaveRequest.findFirstOrThrow()).status).toBe('approved');
    expect(fake.sent).toContainEqual(expect.objectContaining({ kind: 'card_settle', toUsers: ['dt-zhao'], handle: 'fake-card-1', text: '已批准（赵文华）' }));
    // The WeCom copy (the other approvers) is settled there through its own response_code.
    const updates = api.calls.filter((c) => c.path === '/cgi-bin/message/update_template_card');
    expect(updates.map((u) => [u.body.userids.sort(), u.body.button])).toEqual([[['qianxiuying', 'sunjianguo'], { replace_name: '已批准（赵文华）' }]]);
    expect(fake.textsTo('dt-li').at(-1)).toMatch(/已被赵文华批准/);
  });

  it('services reach each person on one platform: the preferred one when they have both, and nobody twice', async () => {
    const id = await activityFor('第一代表小组', '学习代表法');
    const invitees = await t.bot.db.activityInvitee.findMany({ where: { activityId: id } });
    const people = await t.bot.db.person.findMany({ where: { id: { in: invitees.map((i) => i.personId) } }, include: { accounts: true }, orderBy: { id: 'asc' } });
    // Everyone already notified; three of them on the fake platform only, one with both accounts.
    for (const inv of invitees) await t.bot.db.notice.create({ data: { orgId: t.bot.orgId, activityId: id, personId: inv.personId, kind: 'notice:7', revision: 1, dueAt: clock.now(), status: 'sent', sentAt: clock.now() } });
    const wecomIds = people.map((p) => p.accounts.find((a) => a.channel === 'wecom')!.platformUserId);
    for (const [i, w] of wecomIds.slice(0, 3).entries()) await onFake(w, `dt-${i}`);
    await onFake(wecomIds[3]!, 'dt-both', true);
    await announceCancellation(t.bot.db, id, clock.now());
    await settle();
    const fakeTexts = fake.sent.filter((m) => m.kind === 'text');
    expect(fakeTexts.map((m) => (m.kind === 'text' ? [...m.toUsers].sort() : []))).toEqual([['dt-0', 'dt-1', 'dt-2']]);
    const wecomTo = api.calls.filter((c) => c.path === '/cgi-bin/message/send').flatMap((c) => String(c.body.touser).split('|'));
    expect(wecomTo).toContain(wecomIds[3]); // both accounts: WeCom preferred by default
    expect(wecomTo).not.toContain(wecomIds[0]);
  });
});
