// The simulator's group chats with the robot, without a browser: one group per unit of the
// demo roster, a member's message goes out as a real robot callback, and the bot's answer
// comes back through the fake response_url (once) into that group only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';

interface Chat { conversation: string; kind: string; chatId?: string; name: string; members?: { userId: string }[] }

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ mode: 'local' });
});
afterAll(() => t.stop());

const chatsOf = async (userId: string) => (await (await fetch(`${t.bot.url}/sim/api/chats?userId=${userId}`)).json()) as Chat[];
const say = (body: Record<string, string>) => httpPost(`${t.bot.url}/sim/api/say`, JSON.stringify(body));

describe('simulator group chats with the robot', () => {
  it('lists the private chat, then one group per unit the person belongs to', async () => {
    const chats = await chatsOf('zhaowenhua');
    expect(chats.map((c) => [c.kind, c.name])).toEqual([
      ['private', '人大代表履职助手'],
      ['group', '第一代表小组'],
      ['group', '城关镇人大代表联络站'],
    ]);
    expect(chats[1]!.chatId).toMatch(/^unit\d+$/);
    expect(chats[1]!.members!.map((m) => m.userId)).toContain('wuxiaodong');
    expect(await chatsOf('outsider')).toHaveLength(1);
  });

  it('a member @-mentions the robot; the answer arrives in the group, addressed to them, and nowhere else', async () => {
    const group = (await chatsOf('zhaowenhua'))[1]!;
    const res = await say({ userId: 'zhaowenhua', chatId: group.chatId!, text: '我的信息' });
    expect(JSON.parse(res.body)).toEqual({ callbackStatus: 200 });
    const store = t.bot.simulator!.store;
    const answer = await eventually(() => store.inConversation(group.conversation).find((m) => m.from === 'bot'));
    expect(answer).toMatchObject({ kind: 'markdown' });
    expect(answer.text).toMatch(/^<@zhaowenhua> 赵文华的名册信息/);
    expect(store.inConversation(group.conversation)[0]).toMatchObject({ from: 'zhaowenhua', text: '@人大代表履职助手 我的信息' });
    expect(store.visibleTo('zhaowenhua').some((m) => m.text?.includes('名册信息'))).toBe(false);
  });

  it('the fake response_url works once', async () => {
    const code = t.bot.simulator!.store.issueRobotCode('chat:unit1');
    const url = `${t.bot.simulator!.apiUrl}/cgi-bin/aibot/response?response_code=${code}`;
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: 'hi' } });
    expect(JSON.parse((await httpPost(url, body)).body)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(JSON.parse((await httpPost(url, body)).body).errcode).toBe(42022);
  });

  it('refuses to speak in, or read, a group the person is not in', async () => {
    const group = (await chatsOf('zhaowenhua'))[1]!;
    expect((await say({ userId: 'hanxuesong', chatId: group.chatId!, text: '帮助' })).status).toBe(404);
    expect((await fetch(`${t.bot.url}/sim/api/messages?userId=hanxuesong&chatId=${group.chatId}`)).status).toBe(404);
  });
});
