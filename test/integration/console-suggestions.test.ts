// 建议 from the console through the real HTTP path, in local mode (demo county, TEST_NOW Monday
// 2026-11-23): office staff take a suggestion through its lifecycle with the suggestion
// services the chat uses (rules S1–S3) — 登记, 交办 with a co-handling department, 面商, a
// department's extension declined then approved, 答复 — and the deputy receives each step in
// the simulator's fake WeCom, exactly the chat's sentences. Refusals are the lifecycle's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDepartment } from '../../src/repositories/assignment-repo.ts';
import { importRoster } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import { extendSuggestion } from '../../src/services/suggestions/handling-service.ts';
import { rateSuggestion } from '../../src/services/suggestions/answer-service.ts';
import { submitSuggestion } from '../../src/services/suggestions/submit-service.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { findPersonByAccount } from '../../src/repositories/people-repo.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';
import { consoleSignIn, type ConsoleBrowser } from '../helpers/console.ts';

let t: TestBot;
let staff: ConsoleBrowser;

// What the deputy's and the department's own steps (chat, cards) would do, straight through the services.
const deps = () => ({ db: t.bot.db, outbound: new Outbound(t.bot.db, t.clock, () => {}), now: t.clock.now() });
const idOf = async (number: string) => (await t.bot.db.suggestion.findFirstOrThrow({ where: { number } })).id;
const status = async (number: string) => (await t.bot.db.suggestion.findFirstOrThrow({ where: { number } })).status;
const textsTo = (user: string) => t.bot.simulator!.store.visibleTo(user).filter((m) => m.from !== user && m.text).map((m) => m.text!);
/** Waits until the fake WeCom has delivered this exact text to the member. */
const received = (user: string, text: string) => eventually(() => textsTo(user).includes(text), 10_000);

async function submit(user: string, title: string): Promise<string> {
  const person = await t.bot.db.platformAccount.findFirstOrThrow({ where: { platformUserId: user } });
  const created = await submitSuggestion(deps(), {
    orgId: t.bot.orgId, personId: person.personId, kind: '建议', title, content: '城关镇东片居民出行不便，建议在东环路增设两个公交站点。',
    attachments: [], sourceKey: `test:${title}`,
  });
  return created.number;
}

beforeAll(async () => {
  t = await startTestBot({ mode: 'local' });
  for (const name of ['县住建局', '县交通运输局']) await addDepartment(t.bot.db, t.bot.orgId, name);
  // 李科长 handles 县住建局's suggestions (a 工作人员 whose work unit is the department).
  const file = join(t.dir, 'handler.csv');
  writeFileSync(file, `${ROSTER_HEADER.join(',')},工作单位,选区\n李科长,13900000301,likezhang,,工作人员,,,,,县住建局,\n`);
  const report = await importRoster(t.bot.db, { orgCode: t.bot.config.orgCode, file });
  if (!report.applied) throw new Error(JSON.stringify(report.errors));
  await t.bot.db.calendarOverride.create({ data: { orgId: t.bot.orgId, date: '2027-01-01', kind: 'holiday', name: '元旦' } });
  staff = await consoleSignIn(t, 'hejing');
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('a suggestion through its lifecycle from the console (rules S1–S3)', () => {
  it('登记, 交办 with a co-handler, 面商, extension declined then approved, 答复, 办结: the deputy hears every step in the fake WeCom', async () => {
    const n = await submit('lichunmei', '关于增设城关镇公交站点的建议');
    const id = await idOf(n);
    const page = await (await staff.go(`/console/suggestions/${id}`)).text();
    expect(page).toContain('交办期限：2026-12-08（还有 15 天）');

    // Rule S1: an answer before the suggestion is assigned is refused with the chat's sentence.
    expect(await staff.post(`/console/suggestions/${id}/answer`, { form: '书面', text: '已经安排增设站点。' }))
      .toBe(`${n} 目前的状态是“提交”，不能答复。下一步是登记或交办：发送“登记 ${n}”或“交办 ${n} 部门名称”。`);

    const key = crypto.randomUUID();
    expect(await staff.post(`/console/suggestions/${id}/register`, { _req: key })).toBe(`${n} 已登记，请在 2026年12月8日 前交办。`);
    await received('lichunmei', `您的建议 ${n} 已登记，将于 2026年12月8日 前交办。`);
    // The same form sent twice is one request: carried on, nobody told twice.
    expect(await staff.post(`/console/suggestions/${id}/register`, { _req: key })).toBe(`${n} 已登记，请在 2026年12月8日 前交办。`);
    expect(await staff.post(`/console/suggestions/${id}/register`, {})).toMatch(/目前的状态是“登记”，不能登记/);

    const assign = new URLSearchParams({ _csrf: staff.csrf, lead: '县住建局' });
    assign.append('co', '县交通运输局');
    assign.append('co', '县住建局');
    const res = await staff.go(`/console/suggestions/${id}/assign`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: assign.toString() });
    expect(res.status).toBe(302);
    expect(await (await staff.go(res.headers.get('location')!)).text()).toContain(`${n} 已交办县住建局（主办），县交通运输局（协办），答复期限 2027年2月23日。`);
    await received('lichunmei', `您的建议 ${n} 已交办县住建局办理，答复期限 2027年2月23日。`);
    await eventually(() => textsTo('likezhang').some((x) => x.includes('已交办县住建局主办')), 10_000);

    expect(await staff.post(`/console/suggestions/${id}/talk`, { heldOn: '2026-11-24', place: '县住建局三楼会议室', participants: '县住建局李科长、代表李春梅' }))
      .toBe('面商日期不能晚于今天：面商结束后再登记。');
    expect(await staff.post(`/console/suggestions/${id}/talk`, { heldOn: '2026-11-31', place: '县住建局三楼会议室', participants: '县住建局李科长、代表李春梅' }))
      .toBe('请写明面商的日期，例如 2026-12-03。');
    // Sent twice (the same form): one 面商, one message — the status stays, so only the request key tells.
    const talk = { _req: crypto.randomUUID(), heldOn: '2026-11-23', place: '县住建局三楼会议室', participants: '县住建局李科长、代表李春梅' };
    expect(await staff.post(`/console/suggestions/${id}/talk`, talk)).toBe(`${n} 的面商情况已记录。`);
    expect(await staff.post(`/console/suggestions/${id}/talk`, talk)).toBe(`${n} 的面商情况已记录。`);
    expect(await t.bot.db.suggestionTalk.count({ where: { suggestionId: id } })).toBe(1);
    await received('lichunmei', `县住建局已就您的建议 ${n} 与您面商（2026年11月23日，县住建局三楼会议室）。`);
    expect(await status(n)).toBe('in_progress');

    // Rule S1: the department asks, the office decides in the console.
    const handler = (await findPersonByAccount(t.bot.db, t.bot.orgId, 'wecom', 'likezhang'))!;
    const ask = (k: string) => extendSuggestion(deps(), { person: handler, key: k }, t.bot.orgId, n, { until: '2027-03-15', reason: '需要协调县交通运输局调整线路' });
    expect((await ask('ask-1')).ok).toBe(true);
    expect(await (await staff.go(`/console/suggestions/${id}`)).text()).toContain('县住建局申请将答复期限延至 2027-03-15，理由：需要协调县交通运输局调整线路');
    expect(await staff.post(`/console/suggestions/${id}/extension`, { decision: 'decline' })).toBe(`没有批准 ${n} 的延期申请，已告知承办单位按原期限答复。`);
    await received('likezhang', `建议 ${n} 的延期申请没有获批，请在原答复期限 2027年2月23日 前答复。`);
    expect((await ask('ask-2')).ok).toBe(true);
    expect(await staff.post(`/console/suggestions/${id}/extension`, { decision: 'approve' })).toBe(`${n} 已延期，答复期限改为 2027年3月15日。`);
    await received('lichunmei', `您的建议 ${n} 经批准延期办理，答复期限改为 2027年3月15日。`);
    expect(await staff.post(`/console/suggestions/${id}/extension`, { decision: 'approve' })).toBe('这条建议已经延期过 1 次，按规定不能再延期。');

    expect(await staff.post(`/console/suggestions/${id}/answer`, { form: '传真', text: '已经安排增设站点。' })).toBe('答复形式请写 书面、电话、面谈 之一。');
    expect(await staff.post(`/console/suggestions/${id}/answer`, { form: '书面', text: '已在东环路增设两个公交站点，12月底启用。' })).toBe(`${n} 的答复已登记，已请代表评价。`);
    await received('lichunmei', `县住建局已书面答复您的建议 ${n}，请在卡片上评价（满意、基本满意或不满意）。`);
    await eventually(() => t.bot.simulator!.store.visibleTo('lichunmei').some((m) => m.kind === 'card' && JSON.stringify(m.card).includes(n)), 10_000);

    // The deputy rates on the card (their own step); the office then closes it from the console.
    const deputy = (await findPersonByAccount(t.bot.db, t.bot.orgId, 'wecom', 'lichunmei'))!;
    const answer = await t.bot.db.suggestionAnswer.findFirstOrThrow({ where: { suggestionId: id } });
    expect((await rateSuggestion(deps(), { person: deputy, key: 'rate-1' }, t.bot.orgId, answer.id, '满意')).ok).toBe(true);
    expect(await staff.post(`/console/suggestions/${id}/close`, {})).toBe(`${n} 已办结。`);
    await received('lichunmei', `您的建议 ${n} 已办结，感谢您认真履职。`);

    expect(textsTo('lichunmei').filter((x) => x === `您的建议 ${n} 已登记，将于 2026年12月8日 前交办。`)).toHaveLength(1);
    const history = await (await staff.go(`/console/suggestions/${id}`)).text();
    for (const step of ['登记', '交办', '面商', '申请延期', '延期', '答复', '评价', '办结']) expect(history).toContain(`  ${step}  `);
    expect(history).toContain('当前没有待办期限');
  });

  it('退回 needs a reason in words (the rule the chat flow held now lives in the service); 合并 into another one', async () => {
    const a = await submit('sunjianguo', '关于修缮城关镇老年活动中心的建议');
    const b = await submit('sunjianguo', '关于城关镇老年活动中心维修的建议');
    const c = await submit('sunjianguo', '关于某事的建议');
    expect(await staff.post(`/console/suggestions/${await idOf(c)}/return`, { reason: '👍👍👍' })).toBe('请用中文写明退回的理由，只有表情或字母看不出意思，例如“内容不属于本级人大职权范围，建议向信访部门反映”。');
    expect(await status(c)).toBe('submitted');
    expect(await staff.post(`/console/suggestions/${await idOf(c)}/return`, { reason: '内容不属于本级人大职权范围' })).toBe(`${c} 已退回，已告知提出建议的代表。`);
    await received('sunjianguo', `您的建议 ${c} 被退回：内容不属于本级人大职权范围。如需要，可修改后发送“提建议”重新提交。`);
    expect(await staff.post(`/console/suggestions/${await idOf(b)}/merge`, { into: b })).toBe('不能把一条建议并入它自己。');
    expect(await staff.post(`/console/suggestions/${await idOf(b)}/merge`, { into: a })).toBe(`${b} 已并入 ${a} 一并办理，已告知提出建议的代表。`);
    await received('sunjianguo', `您的建议 ${b} 与 ${a} 内容相近，已合并办理，答复时会一并告知您。`);
  });

  it('rule S1: a deadline already past shows as overdue, never as a date to come', async () => {
    const n = await submit('zhouhaitao', '关于城关镇路灯维修的建议');
    await t.bot.db.suggestion.update({ where: { id: await idOf(n) }, data: { assignDeadline: '2026-11-20' } });
    const page = await (await staff.go(`/console/suggestions/${await idOf(n)}`)).text();
    expect(page).toContain('交办期限：2026-11-20（<span class="error">已逾期 3 天</span>）');
    expect(await (await staff.go('/console/suggestions')).text()).toContain('已逾期 3 天');
  });

  it('a suggestion of another organisation or none at all is not found', async () => {
    expect((await staff.go('/console/suggestions/999999')).status).toBe(404);
    expect(await staff.post('/console/suggestions/999999/register', {})).toBe('没有找到这一项，可能已被删除，或不属于您管理的单位。');
  });
});
