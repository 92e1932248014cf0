// Rules R1, R2 on DingTalk: the reception-day card to the duty deputies, the line in the
// station's DingTalk group, and the 08:30 reminder on the day — all through the fake DingTalk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeDingtalk } from '../../../src/simulator/fake-dingtalk.ts';
import { startDingtalkFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
let dt: FakeDingtalk;
let stop: () => Promise<void>;
beforeEach(async () => {
  ({ fb, dt, stop } = await startDingtalkFlowBot('2026-11-20T01:30:00Z')); // Friday 2026-11-20 09:30 Shanghai
  // Everyone on DingTalk only.
  const accounts = await fb.t.bot.db.platformAccount.findMany({ where: { channel: 'wecom' } });
  for (const a of accounts) await fb.t.bot.db.platformAccount.update({ where: { id: a.id }, data: { channel: 'dingtalk', platformUserId: `dt-${a.platformUserId}` } });
});
afterEach(() => stop());

const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

describe('reception days on DingTalk (R1, R2)', () => {
  it('rule R2: duty deputies get the card on DingTalk 3 days before, the station\'s DingTalk group is told, and the reminder comes at 08:30 on the day', async () => {
    const station = await fb.unitId('城关镇人大代表联络站');
    await fb.t.bot.db.unit.update({ where: { id: station }, data: { groupChat: 'dingtalk:cidStation01==' } });
    await tick();
    fb.clock.set('2026-11-27T01:00:00Z'); // Fri 09:00
    await tick();
    const [day] = await fb.t.bot.db.activity.findMany({ where: { kind: 'reception', unitId: station, startAt: new Date('2026-12-01T01:00:00Z') }, include: { invitees: true } });
    const duty = await fb.t.bot.db.platformAccount.findMany({ where: { personId: { in: day!.invitees.map((i) => i.personId) } } });
    expect(duty).toHaveLength(2);
    const cards = [...dt.cards.values()].filter((c) => c.params.title === '接待选民日');
    expect(cards.map((c) => c.userId)).toEqual(expect.arrayContaining(duty.map((d) => d.platformUserId)));
    expect(cards.every((c) => c.templateId === 'notice-tpl.schema')).toBe(true);
    const group = dt.calls.find((c) => c.path === '/v1.0/robot/groupMessages/send');
    expect(group?.body).toMatchObject({ openConversationId: 'cidStation01==', msgKey: 'sampleText' });
    expect(JSON.parse(group!.body.msgParam).content).toMatch(/^【接待选民】城关镇人大代表联络站将于 12月1日（周二）09:00/);
    expect(fb.chat.all()).toHaveLength(0); // nothing through WeCom
    fb.clock.set('2026-12-01T00:30:00Z'); // Tue 08:30
    await tick();
    for (const d of duty) expect(dt.textsTo(d.platformUserId).filter((t) => t.startsWith('提醒：今天 09:00'))).toHaveLength(1);
  });
});
