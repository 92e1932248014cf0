// Local mode plays DingTalk too (issue 15 §3): a demo person switched to DingTalk on the page
// talks to the bot through the fake DingTalk's Stream, and the bot answers through the fake
// DingTalk API — the same chat on the page, nothing through the fake WeCom for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ mode: 'local' });
  await t.bot.simulator!.fakeDingtalk!.waitConnected();
});
afterAll(() => t.stop());

const post = async (path: string, body: Record<string, unknown>) => JSON.parse((await httpPost(`${t.bot.url}${path}`, JSON.stringify(body))).body) as Record<string, any>;

describe('the simulator on DingTalk', () => {
  it('switches a demo person to DingTalk; 帮助 goes by Stream and the answer comes back through the DingTalk API', async () => {
    expect(await post('/sim/api/platform', { userId: 'lichunmei', platform: 'dingtalk' })).toMatchObject({ platform: 'dingtalk', moved: 1 });
    const people = (await (await fetch(`${t.bot.url}/sim/api/people`)).json()) as { userId: string; platform?: string }[];
    expect(people.find((p) => p.userId === 'lichunmei')?.platform).toBe('dingtalk');
    expect(await post('/sim/api/say', { userId: 'lichunmei', text: '帮助' })).toEqual({ callbackStatus: 200 });
    const fake = t.bot.simulator!.fakeDingtalk!;
    await eventually(() => fake.textsTo('lichunmei').length > 0);
    const shown = t.bot.simulator!.store.visibleTo('lichunmei').filter((m) => m.from === 'bot');
    expect(shown.map((m) => m.text)).toContain(fake.textsTo('lichunmei')[0]);
    expect(await post('/sim/api/platform', { userId: 'lichunmei', platform: 'wecom' })).toMatchObject({ platform: 'wecom', moved: 1 });
  });
});
