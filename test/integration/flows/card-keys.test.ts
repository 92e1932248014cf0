// A card click whose key does not parse, or whose argument is not what the action takes, comes
// through the real encrypted callback: it is refused once, with one short sentence to the
// clicker and one log line, never retried, and no database error reaches the log or the person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messages } from '../../../src/bot/messages.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

async function requestLeave(): Promise<number> {
  await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
  await fb.chat.say('lichunmei', '请假');
  await fb.chat.say('lichunmei', '外出学习，无法参加');
  await fb.chat.say('lichunmei', '是');
  return (await fb.t.bot.db.leaveRequest.findFirstOrThrow()).id;
}

const clickEvents = () => fb.t.bot.db.inboundEvent.findMany({ where: { kind: 'card_action' }, orderBy: { id: 'asc' } });

describe('malformed card keys', () => {
  it('leave.approve:1 OR 1=1 is refused once: one answer, one log line, no retry, no Prisma text', async () => {
    const id = await requestLeave();
    const before = fb.t.logs.length;
    const answer = await fb.chat.click('zhaowenhua', `leave.approve:${id} OR 1=1`, `leave-${id}`);
    expect(answer).toBe(messages.badButton);
    // Hours later the workers still find nothing to retry.
    fb.clock.advance(6 * 3600_000);
    await fb.chat.settle();
    expect(await fb.chat.privateAnswersTo('zhaowenhua')).toBe('');
    const [event] = await clickEvents();
    expect(event).toMatchObject({ status: 'done', attempts: 1, lastError: 'bad_card_argument' });
    expect((await fb.t.bot.db.leaveRequest.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
    const logs = fb.t.logs.slice(before).join('');
    expect(logs.split('\n').filter((l) => l.includes(`"inboundId":${event!.id}`))).toHaveLength(1);
    expect(logs).toContain('inbound event refused: bad input, not retried');
    expect(logs).not.toMatch(/prisma|invocation|1=1/i);
    expect(fb.t.bot.metrics.read('bot_inbound_processed_total', { result: 'refused' })).toBe(1);
  });

  it('every kind of bad key gets the same short answer and is never retried', async () => {
    const id = await requestLeave();
    const keys = [
      'leave.approve:99999999999999999999', // beyond the database's integer
      'leave.approve:0',
      'leave.approve', // no argument where one is needed
      'leave.reject:abc',
      'activity.attend:-1',
      'leave.start:1.5',
      'help.whoami:42', // an argument where none is taken
      "x'; DROP TABLE \"LeaveRequest\"; --:1",
    ];
    for (const key of keys) expect(await fb.chat.click('zhaowenhua', key, `leave-${id}`), key).toBe(messages.badButton);
    fb.clock.advance(6 * 3600_000);
    await fb.chat.settle();
    const events = await clickEvents();
    expect(events.map((e) => [e.status, e.attempts])).toEqual(keys.map(() => ['done', 1]));
    expect(fb.t.logs.join('')).not.toMatch(/prisma|invocation/i);
    expect(await fb.t.bot.db.leaveRequest.count({ where: { status: 'pending' } })).toBe(1);
  });

  it('a well-formed key still works, and an unknown action is an old button, not an attack', async () => {
    const id = await requestLeave();
    expect(await fb.chat.click('zhaowenhua', 'survey.answer:3', `leave-${id}`)).toBe(messages.staleButton);
    expect(await fb.chat.click('zhaowenhua', `leave.approve:${id}`, `leave-${id}`)).toContain('已批准李春梅的请假申请');
  });
});
