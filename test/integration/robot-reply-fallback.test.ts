// The robot's answer to a group message goes through a one-use response_url (1 hour). When
// that URL is expired or refused, the answer reaches the asker as a private application text
// instead; when its answer was lost but it did arrive, nothing is sent twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { startFakeWecom, type FakeWecom } from '../helpers/fake-wecom.ts';
import { addPerson } from '../helpers/seed.ts';

const GROUP = 'wrGroup0001';
const ROBOT = '/cgi-bin/aibot/response';
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestBot;
let fake: FakeWecom;

beforeEach(async () => {
  clock.set('2026-11-23T02:00:00Z');
  fake = await startFakeWecom(clock);
  t = await startTestBot({ clock, workers: 'manual', env: { WECOM_API_BASE: fake.url } });
  await addPerson(t.bot.db, t.bot.orgId, { name: '张三', mobile: '13800000001', wecom: 'zhangsan', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
});

afterEach(async () => {
  await t.stop();
  await fake.stop();
});

/** 张三 @-mentions the robot in the group with 帮助; the callback carries this response_url. */
async function askInGroup(responseCode: string): Promise<void> {
  const responseUrl = `${fake.url}${ROBOT}?response_code=${responseCode}`;
  expect((await t.robotSender.sendText({ from: 'zhangsan', chatId: GROUP, text: '帮助', responseUrl })).status).toBe(200);
  await t.bot.workers!.inbound.runOnce();
}

async function drain(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await t.bot.workers!.outbox.runOnce();
    const next = await t.bot.db.outbox.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
    if (!next) return;
    if (next.nextAttemptAt > clock.now()) clock.set(new Date(next.nextAttemptAt.getTime() + 1));
  }
}

const groupAnswers = () => fake.store.inConversation(`chat:${GROUP}`).map((m) => m.text ?? '');
const privateTexts = () => fake.textsTo('zhangsan');

describe('robot answers that cannot use their response_url', () => {
  it('a refused (used or expired) response_url: the answer goes to the asker privately', async () => {
    await askInGroup('never-issued');
    await drain();
    expect(groupAnswers()).toEqual([]);
    expect(privateTexts()).toHaveLength(1);
    expect(privateTexts()[0]).toMatch(/^您在群聊中的提问，机器人的回复未能发到群里，现发给您：\n张三，您好！我是人大代表履职助手/);
    const reply = await t.bot.db.outbox.findFirstOrThrow({ where: { kind: 'robot_reply' } });
    expect(reply).toMatchObject({ status: 'dead', lastErrcode: 42022 });
  });

  it('a response_url past its hour is not even tried: the answer goes privately at once', async () => {
    const code = fake.store.issueRobotCode(`chat:${GROUP}`);
    await askInGroup(code);
    clock.advance(61 * 60_000); // the bot was busy or down for an hour
    await drain();
    expect(fake.callCount(ROBOT)).toBe(0);
    expect(privateTexts()).toHaveLength(1);
    expect(privateTexts()[0]).toContain('张三，您好！');
  });

  it('a working response_url answers in the group, and nothing goes privately', async () => {
    await askInGroup(fake.store.issueRobotCode(`chat:${GROUP}`));
    await drain();
    expect(groupAnswers()).toHaveLength(1);
    expect(groupAnswers()[0]).toMatch(/^<@zhangsan> 张三，您好！/);
    expect(privateTexts()).toEqual([]);
  });

  it('an answer that arrived but whose reply was lost is not sent again, in the group or privately', async () => {
    fake.faults.script(ROBOT, [{ kind: 'reset', when: 'after' }]);
    await askInGroup(fake.store.issueRobotCode(`chat:${GROUP}`));
    await drain();
    expect(fake.callCount(ROBOT)).toBe(2); // the repeat is refused: the code was used
    expect(groupAnswers()).toHaveLength(1);
    expect(privateTexts()).toEqual([]);
    const reply = await t.bot.db.outbox.findFirstOrThrow({ where: { kind: 'robot_reply' } });
    expect(reply.status).toBe('sent');
    expect(JSON.parse(reply.response!)).toEqual({ alreadyDelivered: true });
  });
});
