// A suggestion through the chat, end to end through real encrypted callbacks (rules S1–S4):
// office staff register and assign it, a department's handler on the roster signs for it,
// records the 面商 and answers it, the deputy rates it by card — 不满意 reopens it, the second
// answer is rated again — and the office closes it. The deputy hears each step in one line.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDepartments, coverYear, importHandler } from '../../helpers/suggestions.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
  await addDepartments(fb, '县住建局', '县交通运输局');
  // 李科长 handles 县住建局's suggestions: a 工作人员 whose roster work unit is the department.
  await importHandler(fb, { name: '李科长', mobile: '13900000301', wecom: 'likezhang', department: '县住建局' });
  await coverYear(fb, 2027);
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const textsTo = (user: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text).map((m) => m.text!);
const suggestion = () => fb.t.bot.db.suggestion.findFirstOrThrow();

async function submit(user = 'lichunmei', title = '关于增设城关镇公交站点的建议') {
  await say(user, '提建议');
  await say(user, '建议');
  await say(user, title);
  await say(user, '城关镇东片居民出行不便，建议在东环路增设两个公交站点。');
  await say(user, '完成');
  await say(user, '否');
  return say(user, '是');
}

async function answer(user: string, text: string) {
  expect(await say(user, '答复 2026-建-0001')).toContain('答复形式是');
  await say(user, '书面');
  expect(await say(user, text)).toMatch(/已收到（共 \d+ 字）/);
  expect(await say(user, '完成')).toContain('请确认 2026-建-0001 的答复');
  return say(user, '是');
}

function ratingCard(user: string) {
  const card = fb.chat.cardsTo(user).filter((c) => c.card!.task_id.startsWith('rating-')).at(-1)!;
  const key = (text: string) => card.card!.button_list.find((b: { text: string }) => b.text === text).key as string;
  return { card, key };
}

describe('a suggestion from submission to 办结 (rules S1–S4)', () => {
  it('rule S1/S3: registered, assigned, signed for, talked, answered, 不满意 reopens, answered again, rated, closed', async () => {
    expect(await submit()).toBe('您的建议已提交，编号 2026-建-0001，将于 2026年12月8日 前交办。每一步办理进展都会通知您，也可以发送“我的建议”查看。');
    expect(await suggestion()).toMatchObject({ status: 'submitted', assignDeadline: '2026-12-08' });

    expect(await say('hejing', '登记 2026-建-0001')).toBe('2026-建-0001 已登记，请在 2026年12月8日 前交办。');
    expect(textsTo('lichunmei').at(-1)).toBe('您的建议 2026-建-0001 已登记，将于 2026年12月8日 前交办。');

    const assigned = await say('hejing', '交办 2026-建-0001 县住建局 协办 县交通运输局');
    expect(assigned).toBe('2026-建-0001 已交办县住建局（主办），县交通运输局（协办），答复期限 2027年2月23日。');
    expect(textsTo('lichunmei').at(-1)).toBe('您的建议 2026-建-0001 已交办县住建局办理，答复期限 2027年2月23日。');
    expect(textsTo('likezhang').at(-1)).toContain('已交办县住建局主办，答复期限 2027年2月23日');
    expect(await suggestion()).toMatchObject({ status: 'assigned', answerDeadline: '2027-02-23' });

    expect(await say('likezhang', '签收 2026-建-0001')).toBe('2026-建-0001 已签收，状态为办理中。');
    expect(textsTo('lichunmei').at(-1)).toBe('县住建局已签收您的建议 2026-建-0001，正在办理。');

    expect(await say('likezhang', '面商 2026-建-0001')).toContain('面商是哪一天');
    expect(await say('likezhang', '今天')).toContain('面商地点');
    expect(await say('likezhang', '县住建局三楼会议室')).toContain('参加面商的有哪些人');
    expect(await say('likezhang', '县住建局李科长、代表李春梅')).toBe('2026-建-0001 的面商情况已记录。');
    expect(textsTo('lichunmei').at(-1)).toBe('县住建局已就您的建议 2026-建-0001 与您面商（2026年11月23日，县住建局三楼会议室）。');
    expect(await fb.t.bot.db.suggestionTalk.findFirst()).toMatchObject({ heldOn: '2026-11-23', place: '县住建局三楼会议室' });

    expect(await answer('likezhang', '已将东环路两个站点纳入明年公交线网调整计划。')).toBe('2026-建-0001 的答复已登记，已请代表评价。');
    expect(textsTo('lichunmei').at(-1)).toBe('县住建局已书面答复您的建议 2026-建-0001，请在卡片上评价（满意、基本满意或不满意）。');
    const first = ratingCard('lichunmei');
    expect(first.card.card).toMatchObject({ main_title: { title: '2026-建-0001 关于增设城关镇公交站点的建议' } });

    // Rule S3: 不满意 reopens it with a new deadline; a second click on the same card changes nothing.
    expect(await fb.chat.click('lichunmei', first.key('不满意'), first.card.card!.task_id, 'rc-rate-1')).toBe(
      '已记录您的评价：不满意。2026-建-0001 将重新办理，新的答复期限是 2027年2月23日，答复后请再次评价。',
    );
    expect(fb.chat.cardUpdates().at(-1)).toMatchObject({ response_code: 'rc-rate-1', button: { replace_name: '已评价：不满意' } });
    expect(textsTo('likezhang').at(-1)).toContain('代表对建议 2026-建-0001 的答复不满意，请县住建局重新办理');
    expect(await fb.chat.click('lichunmei', first.key('满意'), first.card.card!.task_id)).toBe('这次答复已经评价为“不满意”，评价提交后不能更改。');
    expect(await suggestion()).toMatchObject({ status: 'in_progress', rounds: 1 });

    await answer('likezhang', '经重新研究，东环路站点将于明年三月先行设置一处。');
    const second = ratingCard('lichunmei');
    expect(second.card.card!.task_id).not.toBe(first.card.card!.task_id);
    expect(await fb.chat.click('lichunmei', second.key('基本满意'), second.card.card!.task_id)).toBe('已记录您的评价：基本满意。谢谢！');
    expect(await suggestion()).toMatchObject({ status: 'rated', rounds: 2 });
    const answers = await fb.t.bot.db.suggestionAnswer.findMany({ orderBy: { round: 'asc' } });
    expect(answers.map((a) => [a.round, a.form, a.rating])).toEqual([[1, '书面', '不满意'], [2, '书面', '基本满意']]);

    expect(await say('hejing', '办结 2026-建-0001')).toBe('2026-建-0001 已办结。');
    expect(textsTo('lichunmei').at(-1)).toBe('您的建议 2026-建-0001 已办结，感谢您认真履职。');
    const history = await fb.t.bot.db.suggestionEvent.findMany({ orderBy: { rev: 'asc' } });
    expect(history.map((h) => `${h.action}:${h.fromStatus ?? ''}>${h.toStatus}`)).toEqual([
      'submit:>submitted', 'register:submitted>registered', 'assign:registered>assigned', 'accept:assigned>in_progress',
      'talk:in_progress>in_progress', 'answer:in_progress>answered', 'rate_unsatisfied:answered>in_progress',
      'answer:in_progress>answered', 'rate:answered>rated', 'close:rated>closed',
    ]);
  });

  it('rule S1: refused transitions and refused people get one sentence saying what to do', async () => {
    await submit();
    expect(await say('hejing', '答复 2026-建-0001')).toBe('2026-建-0001 目前的状态是“提交”，不能答复。下一步是登记或交办：发送“登记 2026-建-0001”或“交办 2026-建-0001 部门名称”。');
    expect(await say('lichunmei', '交办 2026-建-0001 县住建局')).toContain('只有县人大常委会代表联络工委的工作人员可以使用');
    expect(await say('likezhang', '答复 2026-建-0001')).toBe('只有承办单位的经办人或县人大常委会代表联络工委的工作人员可以答复，请联系县人大常委会代表联络工委。');
    expect(await say('hejing', '交办 2026-建-0001 县水利局')).toBe('没有名为“县水利局”的承办部门（现有：县住建局、县交通运输局）；添加请发送“部门 添加 县水利局”。');
    expect(await say('hejing', '办结 2026-建-0009')).toBe('没有编号为 2026-建-0009 的建议，请发送“建议列表”查看编号。');
    expect(await say('hejing', '登记')).toBe('请写上建议编号，例如“登记 2026-建-0007”。');
    await say('hejing', '交办 2026-建-0001 县交通运输局');
    // The handler of another department has no part in it.
    expect(await say('likezhang', '答复 2026-建-0001')).toBe('只有承办单位（县交通运输局）的经办人或县人大常委会代表联络工委的工作人员可以答复，请联系县人大常委会代表联络工委。');
    expect(await say('lichunmei', '答复 2026-建-0001')).toContain('只有承办单位');
    expect((await suggestion()).status).toBe('assigned');
  });

  it('rule S1: 交办 from 提交 registers it on the way; the history shows both steps', async () => {
    await submit();
    await say('hejing', '交办 2026-建-0001 县住建局');
    const history = await fb.t.bot.db.suggestionEvent.findMany({ orderBy: { rev: 'asc' } });
    expect(history.map((h) => h.action)).toEqual(['submit', 'register', 'assign']);
    expect(textsTo('lichunmei').filter((t) => t.includes('已登记，将于'))).toHaveLength(0);
  });

  it('rule S1: 退回 with a reason tells the deputy; 合并 joins a duplicate to another', async () => {
    await submit();
    await submit('wuxiaodong', '关于东环路增设公交站的建议');
    await submit('zhouhaitao', '关于调整城关镇路灯开关时间的建议');
    expect(await say('hejing', '退回 2026-建-0003')).toContain('请写明退回 2026-建-0003 的理由');
    expect(await say('hejing', '属于县城管局职责，请直接向其反映')).toBe('2026-建-0003 已退回，已告知提出建议的代表。');
    expect(textsTo('zhouhaitao').at(-1)).toBe('您的建议 2026-建-0003 被退回：属于县城管局职责，请直接向其反映。如需要，可修改后发送“提建议”重新提交。');
    expect(await say('hejing', '合并 2026-建-0002 到 2026-建-0001')).toBe('2026-建-0002 已并入 2026-建-0001 一并办理，已告知提出建议的代表。');
    expect(textsTo('wuxiaodong').at(-1)).toContain('与 2026-建-0001 内容相近，已合并办理');
    // The answer to 0001 reaches the deputy of the merged 0002 too.
    await say('hejing', '交办 2026-建-0001 县住建局');
    await answer('hejing', '已将东环路两个站点纳入明年公交线网调整计划。');
    expect(textsTo('wuxiaodong').at(-1)).toBe('与您的建议 2026-建-0002 合并办理的 2026-建-0001 已由县住建局答复，可发送“我的建议”查看。');
    expect(fb.chat.cardsTo('wuxiaodong').filter((c) => c.card!.task_id.startsWith('rating-'))).toHaveLength(0);
  });

  it('rule S1: the written answer may be the letter itself, a photo or a file', async () => {
    await submit();
    await say('hejing', '交办 2026-建-0001 县住建局');
    await say('hejing', '答复 2026-建-0001');
    await say('hejing', '书面');
    expect(await say('hejing', '完成')).toBe('请发送至少 5 个字的答复内容，或答复函的照片、文件，然后回复“完成”。');
    const photo = fb.t.sender.textXml('hejing', '').replace('<MsgType><![CDATA[text]]></MsgType>', '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://example.invalid/letter.jpg]]></PicUrl><MediaId><![CDATA[media-letter]]></MediaId>');
    await fb.t.sender.post(fb.t.sender.seal(photo));
    expect(await fb.chat.privateAnswersTo('hejing')).toBe('已收到（共 0 字、1 个附件），继续发送，或回复“完成”。');
    expect(await say('hejing', '完成')).toContain('内容：（答复函见附件）\n附件：1 个');
    expect(await say('hejing', '是')).toBe('2026-建-0001 的答复已登记，已请代表评价。');
    expect(await fb.t.bot.db.suggestionAnswer.findFirstOrThrow()).toMatchObject({ text: '', attachments: '["media-letter"]', form: '书面' });
    expect(ratingCard('lichunmei').card.card).toMatchObject({ sub_title_text: '（答复函见附件）' });
  });
});
