// Motions with co-signers (rule S5) through real encrypted callbacks: 提议案, co-sign cards, 附议
// once each, submission and numbering exactly once when the fifth deputy signs — also when two
// deputies click at once and two workers (two instances) process the clicks side by side —
// and withdrawal before submission.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../../src/bot/commands/index.ts';
import { Dispatcher } from '../../../src/bot/dispatcher.ts';
import { InboundWorker } from '../../../src/jobs/inbound-worker.ts';
import { createLogger } from '../../../src/lib/logger.ts';
import { Metrics } from '../../../src/lib/metrics.ts';
import { connectDb } from '../../../src/repositories/prisma.ts';
import { Outbound } from '../../../src/services/outbound.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const textsTo = (user: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text).map((m) => m.text!);
const INVITED = ['zhaowenhua', 'qianxiuying', 'sunjianguo', 'zhouhaitao', 'wuxiaodong'];

async function propose(invitees = '赵文华、钱秀英、孙建国、周海涛、吴晓东') {
  expect(await say('lichunmei', '提议案')).toContain('议案的标题');
  expect(await say('lichunmei', '关于加快城关镇污水管网建设的议案')).toContain('案由');
  expect(await say('lichunmei', '城关镇东片污水直排河道，群众反映强烈，影响饮水安全。')).toContain('解决方案');
  expect(await say('lichunmei', '将东片污水管网纳入明年财政预算，分两期建设。')).toContain('邀请联名的代表姓名');
  expect(await say('lichunmei', invitees)).toContain('需要至少 5 位代表联名（含您）');
  return say('lichunmei', '是');
}

const cosignCard = (user: string) => {
  const card = fb.chat.cardsTo(user).filter((c) => c.card!.task_id.startsWith('motion-')).at(-1)!;
  return { key: card.card!.button_list[0].key as string, taskId: card.card!.task_id as string };
};

let later = 0;
/**
 * Clicks 附议 as `user` and returns the text they got. Each click carries its own CreateTime:
 * WeCom tells a repeated click from a redelivered callback by it.
 */
async function cosign(user: string) {
  const { key, taskId } = cosignCard(user);
  const xml = fb.t.sender.cardClickXml(user, { eventKey: key, taskId }, Math.floor(Date.now() / 1000) + ++later);
  await fb.t.sender.post(fb.t.sender.seal(xml));
  return fb.chat.privateAnswersTo(user);
}

describe('提议案 and 附议 (rule S5)', () => {
  it('rule S5: the invited deputies get a co-sign card; the motion shows who signed and is numbered at five', async () => {
    expect(await propose()).toBe('议案已发给 5 位代表征集附议。达到 5 位代表联名（含您）后会自动提交并编号，届时通知您；发送“我的议案”可以查看谁已附议。');
    for (const u of INVITED) expect(fb.chat.cardsTo(u).filter((c) => c.card!.task_id.startsWith('motion-'))).toHaveLength(1);
    const card = fb.chat.cardsTo('zhaowenhua').at(-1)!.card!;
    expect(card).toMatchObject({ main_title: { title: '关于加快城关镇污水管网建设的议案', desc: '李春梅领衔提出，邀请您附议' }, emphasis_content: { title: '1/5' } });

    expect(await cosign('zhaowenhua')).toBe('已记录您的附议。目前 2 位代表联名，还需 3 位。');
    expect(fb.chat.cardUpdates().at(-1)).toMatchObject({ button: { replace_name: '已附议' } });
    expect(await cosign('zhaowenhua')).toBe('您已经附议过这件议案了，每人只能附议一次。');
    expect(await say('lichunmei', '我的议案')).toBe('您提出或被邀请附议的议案：\n1. 关于加快城关镇污水管网建设的议案（征集附议）联名：李春梅、赵文华；还需 3 位');
    await cosign('qianxiuying');
    expect(await cosign('sunjianguo')).toBe('已记录您的附议。目前 4 位代表联名，还需 1 位。');
    expect(await cosign('zhouhaitao')).toBe('已记录您的附议。联名人数已达到要求，议案已提交，编号 2026-议-0001。');
    expect(await cosign('wuxiaodong')).toBe('这件议案已经提交（编号 2026-议-0001），不再征集附议。');
    expect(textsTo('lichunmei').at(-1)).toBe('议案“关于加快城关镇污水管网建设的议案”已有 5 位代表联名，已提交，编号 2026-议-0001。');
    expect(textsTo('hejing').at(-1)).toBe('收到议案 2026-议-0001“关于加快城关镇污水管网建设的议案”，联名代表：李春梅、赵文华、钱秀英、孙建国、周海涛。');
    expect(await fb.t.bot.db.motion.findFirstOrThrow()).toMatchObject({ status: 'submitted', number: '2026-议-0001', seq: 1, year: 2026 });
  });

  it('rule S5: someone not invited, or a motion withdrawn, is told so; the starter may withdraw before submission', async () => {
    await propose('本组');
    expect(await fb.t.bot.db.motionSigner.count()).toBe(6); // the starter and the five others of 第一代表小组
    expect(fb.chat.cardsTo('zhenglijuan').filter((c) => c.card!.task_id.startsWith('motion-'))).toHaveLength(0);
    const { key, taskId } = cosignCard('zhaowenhua');
    expect(await fb.chat.click('zhenglijuan', key, taskId)).toBe('您不在这件议案的联名邀请名单中，无需附议。');
    await cosign('zhaowenhua');
    expect(await say('lichunmei', '撤回议案')).toBe('确定撤回议案“关于加快城关镇污水管网建设的议案”吗？已附议的代表会收到通知。请回复“是”或“否”。');
    expect(await say('lichunmei', '是')).toBe('议案“关于加快城关镇污水管网建设的议案”已撤回。');
    expect(textsTo('zhaowenhua').at(-1)).toBe('您附议的议案“关于加快城关镇污水管网建设的议案”已由领衔代表撤回。');
    expect(await cosign('qianxiuying')).toBe('这件议案目前是“已撤回”，不能再附议了。');
    expect(await say('lichunmei', '撤回议案')).toBe('您没有正在征集附议的议案。');
  });

  it('rule S5: too few invited, or a name not on the roster, is said before anything is sent', async () => {
    await say('lichunmei', '提议案');
    await say('lichunmei', '关于加快城关镇污水管网建设的议案');
    await say('lichunmei', '城关镇东片污水直排河道，群众反映强烈。');
    await say('lichunmei', '将东片污水管网纳入明年财政预算。');
    expect(await say('lichunmei', '赵文华、张三丰')).toBe('名册中没有代表“张三丰”，请核对姓名后重新输入（用顿号分开）。');
    await say('lichunmei', '赵文华、钱秀英');
    expect(await say('lichunmei', '是')).toContain('议案需要至少 5 位代表联名（含您本人），请再多邀请至少 2 位代表。');
    expect(await fb.t.bot.db.motion.count()).toBe(0);
  });

  it('rule S5: two deputies clicking at once, processed by two instances side by side, number the motion exactly once', async () => {
    await propose();
    await cosign('zhaowenhua');
    await cosign('qianxiuying');
    await cosign('sunjianguo');
    // A second instance: its own connection, dispatcher and inbound worker (one event per claim).
    const db2 = await connectDb(fb.t.bot.config.databaseUrl);
    const logger = createLogger('silent');
    const bot2 = createBot();
    const outbound2 = new Outbound(db2, fb.clock);
    const second = new InboundWorker(db2, new Dispatcher({ db: db2, clock: fb.clock, outbound: outbound2, logger }, bot2.router, bot2.flows), fb.clock, logger, new Metrics(), 1);
    const first = new InboundWorker(fb.t.bot.db, new Dispatcher({ db: fb.t.bot.db, clock: fb.clock, outbound: fb.t.bot.workers!.outbound, logger }, createBot().router), fb.clock, logger, new Metrics(), 1);
    try {
      const [a, b] = [cosignCard('zhouhaitao'), cosignCard('wuxiaodong')];
      await Promise.all([
        fb.t.sender.clickCard('zhouhaitao', { eventKey: a.key, taskId: a.taskId }),
        fb.t.sender.clickCard('wuxiaodong', { eventKey: b.key, taskId: b.taskId }),
      ]);
      expect(await Promise.all([first.runOnce(), second.runOnce()])).toEqual([1, 1]);
    } finally {
      await db2.$disconnect();
    }
    await fb.chat.settle();
    const motion = await fb.t.bot.db.motion.findFirstOrThrow();
    expect(motion).toMatchObject({ status: 'submitted', number: '2026-议-0001', seq: 1 });
    // Both signatures count if both came before the submission; the later one is told otherwise.
    const signed = await fb.t.bot.db.motionSigner.count({ where: { signedAt: { not: null } } });
    expect([5, 6]).toContain(signed);
    // Each click's own answer, found by what it says (a signer may also be told of the submission).
    const answerTo = (user: string) => textsTo(user).find((t) => t.startsWith('已记录您的附议') || t.startsWith('这件议案已经提交'))!;
    const answers = [answerTo('zhouhaitao'), answerTo('wuxiaodong')];
    expect(answers.filter((t) => t.startsWith('已记录您的附议'))).toHaveLength(signed - 4);
    expect(answers.filter((t) => t === '这件议案已经提交（编号 2026-议-0001），不再征集附议。')).toHaveLength(6 - signed);
    expect(textsTo('lichunmei').filter((t) => t.includes('已提交，编号 2026-议-0001'))).toHaveLength(1);
    // Each of the two who signed hears of the submission once (the click's answer or the
    // announcement, never both); one whose click came after it was told only that.
    for (const user of ['zhouhaitao', 'wuxiaodong']) {
      const signedIt = (await fb.t.bot.db.motionSigner.count({ where: { personId: await fb.personId(user), signedAt: { not: null } } })) === 1;
      expect(textsTo(user).filter((t) => t.includes('已提交，编号'))).toHaveLength(signedIt ? 1 : 0);
    }
    expect(textsTo('hejing').filter((t) => t.startsWith('收到议案'))).toHaveLength(1);
  });
});
