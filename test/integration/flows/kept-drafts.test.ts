// Never lose what a person typed, through encrypted callbacks: answers not understood get the
// step again with its example, and a dialog that stops for any reason but 取消 (the person has
// moved on, the idle timeout, another command) is kept for policy.keptDraftHours; 继续 (or the
// same command again) resumes it where it stopped; 帮助 says it is there; 取消 discards it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const kept = () => fb.t.bot.db.keptDraft.findMany();
const dialogs = () => fb.t.bot.db.dialog.count();

/** 赵文华 starts 发布活动 and gives the unit, the kind and the title. */
async function publishUpToStart() {
  await say('zhaowenhua', '发布活动');
  await say('zhaowenhua', '1');
  await say('zhaowenhua', '学习');
  expect(await say('zhaowenhua', '视察城区污水处理厂')).toContain('什么时候开始');
}

describe('answers not understood', () => {
  it('the third gets the step again with its example, and the next real answer carries on', async () => {
    await publishUpToStart();
    expect(await say('zhaowenhua', '随便')).toContain('没看懂这个时间');
    expect(await say('zhaowenhua', '不知道')).toContain('没看懂这个时间');
    expect(await say('zhaowenhua', '到时候再说')).toBe(
      '几次都没能识别您的回答。这一步：写日期和具体时间，例如“下周二下午2点”“12月5日14:30”。\n'
      + '已填写的单位、类型、标题都保留着；想先办别的事，直接发送命令，之后发送“继续”接着发布活动。',
    );
    expect(await say('zhaowenhua', '下周二下午2点')).toContain('开始时间：12月1日（周二）14:00。几点结束？');
  });

  it('one more that is no answer sets the dialog aside: 继续 resumes it with unit, kind and title, to the end', async () => {
    await publishUpToStart();
    for (const text of ['随便', '不知道', '到时候再说']) await say('zhaowenhua', text);
    const answer = await say('zhaowenhua', '今天天气怎么样');
    expect(answer).toBe(
      '发布活动先暂停了，已填写的单位、类型、标题保留到11月26日（周四）10:00，发送“继续”接着填写，发送“取消”放弃。\n\n'
      + '我还不会处理“今天天气怎么样”。发送“帮助”查看我能做什么。',
    );
    expect(await dialogs()).toBe(0);
    expect(await kept()).toHaveLength(1);
    expect(await say('zhaowenhua', '继续')).toBe(
      '接着填写发布活动（已填写：单位、类型、标题）。要重新开始，请发送“取消”后再发送“发布活动”。\n什么时候开始？例如“下周二下午2点”或“12月5日14:30”。',
    );
    expect(await kept()).toHaveLength(0);
    await say('zhaowenhua', '下周二下午2点');
    await say('zhaowenhua', '16:30');
    await say('zhaowenhua', '城区污水处理厂');
    await say('zhaowenhua', '无');
    await say('zhaowenhua', '全体');
    expect(await say('zhaowenhua', '是')).toMatch(/^已发布“视察城区污水处理厂”/);
    const [activity] = await fb.t.bot.db.activity.findMany();
    expect(activity).toMatchObject({ kind: 'study', title: '视察城区污水处理厂', unitId: await fb.unitId('第一代表小组') });
  });

  it('with nothing typed yet there is nothing to keep: the dialog ends as before', async () => {
    await fb.addActivity('第一代表小组', { title: 'A', start: '2026-11-27T06:00:00Z' });
    await fb.addActivity('第一代表小组', { title: 'B', start: '2026-11-28T06:00:00Z' });
    await say('lichunmei', '请假');
    await say('lichunmei', '随便');
    await say('lichunmei', '不知道');
    expect(await say('lichunmei', '啊')).toMatch(/^几次都没能识别您的回答，请假已结束。/);
    expect(await kept()).toHaveLength(0);
  });
});

describe('a dialog stopped another way is kept too', () => {
  it('idle past the timeout: kept, said so the next time the person writes, and resumed by 继续', async () => {
    await publishUpToStart();
    fb.clock.advance(31 * 60_000);
    expect(await say('zhaowenhua', '继续')).toBe(
      '您的发布活动超过 30 分钟没有回复，先暂停了；已填写的单位、类型、标题保留到11月26日（周四）10:31，发送“继续”接着填写。\n\n'
      + '接着填写发布活动（已填写：单位、类型、标题）。要重新开始，请发送“取消”后再发送“发布活动”。\n什么时候开始？例如“下周二下午2点”或“12月5日14:30”。',
    );
  });

  it('another command started mid-dialog: kept, and the same command again picks it up', async () => {
    await publishUpToStart();
    expect(await say('zhaowenhua', '我的请假')).toBe('您 2026 年还没有请过假。'); // answered outside the dialog
    expect(await say('zhaowenhua', '提建议')).toContain('要放弃它、改为“提建议”吗');
    const switched = await say('zhaowenhua', '是');
    expect(switched).toMatch(/^发布活动已暂停，已填写的单位、类型、标题保留到11月26日（周四）10:00，办完后发送“继续”接着填写。\n\n您要提交的是哪一类/);
    expect(await say('zhaowenhua', '取消')).toBe('好的，已取消提建议，没有保存任何内容。');
    expect(await say('zhaowenhua', '发布活动')).toMatch(/^接着填写发布活动（已填写：单位、类型、标题）。.*\n什么时候开始？/);
  });

  it('帮助 says what is kept and until when', async () => {
    await publishUpToStart();
    fb.clock.advance(31 * 60_000);
    await say('zhaowenhua', '我的信息');
    expect(await say('zhaowenhua', '帮助')).toMatch(/^赵文华，您好！我是人大代表履职助手，可以帮您：\n您有未填完的发布活动（保留到11月26日（周四）10:31），发送“继续”接着填写。\n「请假」/);
  });

  it('a kept draft lives 72 hours (policy.keptDraftHours); then 继续 finds nothing and retention erases it', async () => {
    await publishUpToStart();
    fb.clock.advance(31 * 60_000);
    await say('zhaowenhua', '我的信息');
    fb.clock.advance(72 * 3_600_000);
    expect(await say('zhaowenhua', '继续')).toBe('没有需要继续填写的内容。发送“帮助”查看我能做什么。');
    await fb.t.bot.workers!.scheduler.runOnce(); // the retention job runs in the tick
    expect(await kept()).toHaveLength(0);
  });
});

describe('取消 and 继续 with no dialog open', () => {
  it('取消 with nothing open says so; with something kept it discards it', async () => {
    expect(await say('lichunmei', '取消')).toBe('现在没有正在办理的事项，不需要取消。发送“帮助”查看我能做什么。');
    await publishUpToStart();
    fb.clock.advance(31 * 60_000);
    await say('zhaowenhua', '我的信息');
    expect(await say('zhaowenhua', '取消')).toBe('好的，已放弃未填完的发布活动，没有保存任何内容。');
    expect(await kept()).toHaveLength(0);
    expect(await say('zhaowenhua', '继续')).toBe('没有需要继续填写的内容。发送“帮助”查看我能做什么。');
  });
});
