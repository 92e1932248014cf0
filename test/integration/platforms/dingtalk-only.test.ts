// A DingTalk-only deployment keeps the organisation's default preference (WeCom) for people
// who have both accounts: they must still be reached, on DingTalk, the one platform it has an
// app on — a notice card from the scheduler, a text from a service, an activity's written
// account to the office staff — through the real outbox to the fake DingTalk. Fixed clock;
// workers driven by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/lib/clock.ts';
import { createActivity } from '../../../src/services/activity-service.ts';
import { completeAccount } from '../../../src/services/registers/account-delivery.ts';
import { sendTextsToPeople } from '../../../src/services/audience.ts';
import { Outbound } from '../../../src/services/outbound.ts';
import { FakeDingtalk } from '../../../src/simulator/fake-dingtalk.ts';
import { startTestBot, testDingtalkEnv, type TestBot } from '../../helpers/bot.ts';
import { addPerson } from '../../helpers/seed.ts';

const clock = fixedClock('2026-11-23T02:00:00Z'); // Monday 10:00 Shanghai
let t: TestBot;
let dt: FakeDingtalk;
let both: number;

beforeAll(async () => {
  dt = new FakeDingtalk();
  t = await startTestBot({ mode: 'dingtalk', clock, workers: 'manual', env: testDingtalkEnv(await dt.start()) });
  await dt.waitConnected();
  both = await addPerson(t.bot.db, t.bot.orgId, { name: '王双号', mobile: '13800000088', wecom: 'wangshuang', dingtalk: 'dt-wangshuang', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await dt?.stop();
});

async function settle(): Promise<void> {
  const w = t.bot.workers!;
  for (let i = 0; i < 50; i++) if ((await w.inbound.runOnce()) + (await w.exports.runOnce()) + (await w.outbox.runOnce()) === 0) return;
  throw new Error('workers did not settle');
}

describe('a DingTalk-only deployment whose policy still prefers WeCom', () => {
  it('reaches a person with both accounts on DingTalk: a text from a service', async () => {
    const outbound = new Outbound(t.bot.db, clock);
    expect(await sendTextsToPeople({ db: t.bot.db, outbound }, t.bot.orgId, [{ key: 'both-accounts-text', personIds: [both], text: '请于周五前提交履职报告。' }])).toBe(1);
    await settle();
    expect(dt.textsTo('dt-wangshuang')).toEqual(['请于周五前提交履职报告。']);
    expect(await t.bot.db.outbox.count({ where: { channel: 'wecom' } })).toBe(0);
  });

  it('the written account of an activity reaches the office staff on DingTalk (rule A5)', async () => {
    const db = t.bot.db;
    await addPerson(db, t.bot.orgId, { name: '何静', mobile: '13900000201', dingtalk: 'dt-hejing', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
    await addPerson(db, t.bot.orgId, { name: '吕明', mobile: '13900000202', wecom: 'lvming', dingtalk: 'dt-lvming', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
    const group = await db.unit.findFirstOrThrow({ where: { orgId: t.bot.orgId, name: '第一代表小组' } });
    const activity = await db.activity.create({ data: { orgId: t.bot.orgId, unitId: group.id, kind: 'study', title: '学习选举法', startAt: new Date('2026-11-20T06:00:00Z'), endAt: new Date('2026-11-20T08:00:00Z'), place: '会议室' } });
    const outcome = await completeAccount({ db, outbound: new Outbound(db, clock), now: clock.now() }, { orgId: t.bot.orgId, activityId: activity.id, text: '集中学习了选举法。', byId: both });
    expect(outcome.deliveredTo).toBe(2);
    await settle();
    for (const user of ['dt-hejing', 'dt-lvming']) expect(dt.textsTo(user).filter((text) => text.startsWith('【活动情况报告】'))).toHaveLength(1);
    expect(await db.outbox.count({ where: { channel: 'wecom' } })).toBe(0);
  });

  it('reaches them with the scheduler\'s notice card, and with the suggestion reminder (rule S6) the same tick sends', async () => {
    const startAt = new Date('2026-11-25T06:00:00Z');
    const r = await createActivity(t.bot.db, {
      orgId: t.bot.orgId, unit: { name: '第一代表小组' }, kind: '学习', title: '学习代表法', startAt,
      endAt: new Date(startAt.getTime() + 7_200_000), place: '县人大会议室', content: '学习代表法第四章', now: clock.now(),
    });
    if (!r.ok) throw new Error('not published');
    await t.bot.workers!.scheduler.runOnce();
    await settle();
    expect(dt.cardsTo('dt-wangshuang').map((c) => c.params.title)).toContain('学习代表法');
    // Rule S6's last-quarter reminder goes through the suggestions' notifier, which used to pick WeCom on its own.
    expect(dt.textsTo('dt-wangshuang').some((text) => text.includes('还没有您今年提出的建议'))).toBe(true);
    expect(await t.bot.db.outbox.count({ where: { channel: 'wecom' } })).toBe(0);
  });

  it('the quarterly form (rule A5): the card and the draft file reach the leader on DingTalk, and a click there sends the file to the staff', async () => {
    await addPerson(t.bot.db, t.bot.orgId, { name: '赵组长', mobile: '13800000099', dingtalk: 'dt-zhaozuzhang', units: [{ kind: 'group', name: '第一代表小组', role: 'leader' }] });
    clock.set('2026-12-10T01:30:00Z'); // Thursday 10 Dec 09:30 Shanghai: the forms are drafted
    await t.bot.workers!.scheduler.runOnce();
    await settle();
    const card = dt.cardsTo('dt-zhaozuzhang').find((c) => c.params.title === '第一代表小组2026年第四季度集体活动登记表');
    expect(card?.params.btn1Text).toBe('确认无误');
    expect(dt.filesTo('dt-zhaozuzhang').map((f) => f.fileName)).toEqual([expect.stringContaining('活动登记表')]);
    expect(dt.filesTo('dt-hejing')).toEqual([]); // nothing is confirmed yet
    await dt.ackOf(dt.pushClick('dt-zhaozuzhang', card!.outTrackId, card!.params.btn1Key!));
    await settle();
    for (const staff of ['dt-hejing', 'dt-lvming']) expect(dt.filesTo(staff).map((f) => f.fileName)).toEqual([expect.stringContaining('活动登记表')]);
    expect(await t.bot.db.outbox.count({ where: { channel: 'wecom' } })).toBe(0);
    expect(await t.bot.db.exportRequest.count({ where: { channel: 'wecom' } })).toBe(0);
  });
});
