// The simulated WeCom shows what WeCom shows: update_template_card through the fake API's
// HTTP (doc 94888) — a button-only update keeps the card and greys its buttons, a full update
// replaces the card and keeps its task_id, a response_code works once — and the page's click
// route refuses a greyed button, as WeCom cannot press one. Then rule L1/L5 end to end: the
// approvers' cards keep who asked, for what and why after a decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';

let t: TestBot;
let token: string;
beforeAll(async () => {
  t = await startTestBot({ mode: 'local' });
  const { corpId, secret } = t.bot.simulator!.app;
  const res = await fetch(`${t.bot.simulator!.apiUrl}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret}`);
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => t.stop());

const call = async (path: string, body: Record<string, unknown>) =>
  JSON.parse((await httpPost(`${t.bot.simulator!.apiUrl}/cgi-bin/${path}?access_token=${token}`, JSON.stringify(body))).body) as Record<string, any>;
const card = (taskId: string) => ({
  card_type: 'button_interaction',
  source: { desc: '请假审批' },
  main_title: { title: '郑丽娟申请请假', desc: '视察城关镇老旧小区改造' },
  sub_title_text: '事由：要去市里参加人大培训，无法参加',
  task_id: taskId,
  button_list: [{ text: '批准', style: 1, key: 'leave.approve:9' }, { text: '驳回', style: 3, key: 'leave.reject:9' }],
});
async function sendCard(taskId: string, to: string[]) {
  const sent = await call('message/send', { touser: to.join('|'), agentid: t.bot.simulator!.app.agentId, msgtype: 'template_card', template_card: card(taskId) });
  expect(sent.errcode).toBe(0);
  const copies = to.map((u) => t.bot.simulator!.store.visibleTo(u).find((m) => m.card?.task_id === taskId)!);
  return { code: sent.response_code as string, copies };
}

describe('fake update_template_card', () => {
  it('a button-only update keeps the content of each named member\'s copy and greys the buttons; others keep theirs', async () => {
    const { code, copies } = await sendCard('t-button', ['zhaowenhua', 'qianxiuying', 'sunjianguo']);
    const answer = await call('message/update_template_card', {
      userids: ['zhaowenhua', 'qianxiuying'], agentid: t.bot.simulator!.app.agentId, response_code: code, button: { replace_name: '已批准（赵文华）' },
    });
    expect(answer.errcode).toBe(0);
    expect(copies[0]!.card).toEqual({ ...card('t-button'), replace_text: '已批准（赵文华）' });
    expect(copies[1]!.card).toEqual({ ...card('t-button'), replace_text: '已批准（赵文华）' });
    expect(copies[2]!.card).toEqual(card('t-button'));
    // The code is spent.
    expect((await call('message/update_template_card', { userids: ['sunjianguo'], agentid: t.bot.simulator!.app.agentId, response_code: code, button: { replace_name: 'x' } })).errcode).toBe(42022);
  });

  it('a full update replaces the card and keeps its task_id', async () => {
    const { code, copies } = await sendCard('t-full', ['zhaowenhua']);
    const replacement = { card_type: 'text_notice', main_title: { title: '已处理' }, task_id: 'something-else' };
    expect((await call('message/update_template_card', { userids: ['zhaowenhua'], agentid: t.bot.simulator!.app.agentId, response_code: code, template_card: replacement })).errcode).toBe(0);
    expect(copies[0]!.card).toEqual({ ...replacement, task_id: 't-full' });
  });

  it('an update with neither a card nor a button text is refused and spends nothing', async () => {
    const { code, copies } = await sendCard('t-empty', ['zhaowenhua']);
    expect((await call('message/update_template_card', { userids: ['zhaowenhua'], agentid: t.bot.simulator!.app.agentId, response_code: code })).errcode).toBe(40058);
    expect(copies[0]!.card).toEqual(card('t-empty'));
  });

  it('the page cannot press a greyed button (409), as in WeCom', async () => {
    const { code, copies } = await sendCard('t-grey', ['zhaowenhua']);
    await call('message/update_template_card', { userids: ['zhaowenhua'], agentid: t.bot.simulator!.app.agentId, response_code: code, button: { replace_name: '已驳回' } });
    const res = await httpPost(`${t.bot.url}/sim/api/click`, JSON.stringify({ userId: 'zhaowenhua', messageId: copies[0]!.id, key: 'leave.approve:9' }));
    expect(res.status).toBe(409);
  });
});

describe('rules L1, L5: a decided approval card still says who asked, for what and why', () => {
  it('every approver\'s card keeps its content under the grey 已批准 button', async () => {
    const { createActivity } = await import('../../src/services/activity-service.ts');
    const store = t.bot.simulator!.store;
    const created = await createActivity(t.bot.db, {
      orgId: t.bot.orgId, unit: { name: '第一代表小组' }, kind: '学习', title: '学习代表法', place: '县人大常委会三楼会议室',
      startAt: new Date('2026-11-27T06:00:00Z'), endAt: new Date('2026-11-27T08:00:00Z'), now: t.bot.clock.now(),
    });
    expect(created.ok).toBe(true);
    const say = (text: string) => httpPost(`${t.bot.url}/sim/api/say`, JSON.stringify({ userId: 'lichunmei', text }));
    await say('请假');
    await eventually(() => store.visibleTo('lichunmei').find((m) => m.text?.includes('请写明请假事由')));
    await say('外出学习，无法参加');
    await eventually(() => store.visibleTo('lichunmei').find((m) => m.text?.startsWith('请确认请假申请')));
    await say('是');
    const approvalOf = (user: string) => store.visibleTo(user).find((m) => m.kind === 'card' && (m.card!.main_title as { title: string }).title === '李春梅申请请假');
    const mine = await eventually(() => approvalOf('zhaowenhua'));
    const before = { ...mine.card };
    const click = await httpPost(`${t.bot.url}/sim/api/click`, JSON.stringify({ userId: 'zhaowenhua', messageId: mine.id, key: (before.button_list as { key: string }[])[0]!.key }));
    expect(JSON.parse(click.body)).toEqual({ callbackStatus: 200 });
    for (const approver of ['zhaowenhua', 'qianxiuying', 'sunjianguo']) {
      const copy = await eventually(() => (approvalOf(approver)?.card?.replace_text ? approvalOf(approver) : undefined));
      expect(copy.card).toMatchObject({ replace_text: '已批准（赵文华）', main_title: before.main_title, sub_title_text: '事由：外出学习，无法参加' });
    }
  }, 30_000);
});
