// What a person types is read as meant, or asked again with the reason, through encrypted
// callbacks: a date in another year that does not exist, and a written reason that says
// nothing (only emoji or letters).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);

describe('dates said with a year counted from this one', () => {
  it('rule A1: 明年2月30日下午3点 as a start says February has no 30th; 明年2月26日 is taken', async () => {
    await say('zhaowenhua', '发布活动');
    await say('zhaowenhua', '1');
    await say('zhaowenhua', '学习');
    expect(await say('zhaowenhua', '学习代表法')).toContain('什么时候开始');
    expect(await say('zhaowenhua', '明年2月30日下午3点')).toBe('2月没有30日，请重新输入日期，例如“12月5日14:30”。');
    expect(await say('zhaowenhua', '明年2月29日下午3点')).toBe('2027年2月没有29日，请重新输入日期，例如“12月5日14:30”。');
    expect(await say('zhaowenhua', '明年2月26日下午3点')).toContain('开始时间：2月26日（周五）15:00。几点结束？');
    const dialog = await fb.t.bot.db.dialog.findFirstOrThrow();
    expect(JSON.parse(dialog.draft).startAt).toBe('2027-02-26T07:00:00.000Z');
  });
});

describe('rule L1: a written reason must say something', () => {
  it('a leave reason of only emoji or letters is asked again; a real one is taken', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    expect(await say('lichunmei', '请假')).toContain('请写明请假事由');
    const again = '请用中文写明请假事由，只有表情或字母看不出意思，例如“外出学习，无法参加”。';
    expect(await say('lichunmei', '🙏🙏🙏🙏')).toBe(again);
    expect(await say('lichunmei', 'asdfghjkl')).toBe(again);
    expect(await say('lichunmei', '到市里参加培训🙏')).toContain('请确认请假申请');
    expect(await say('lichunmei', '是')).toContain('请假申请已提交');
    const [leave] = await fb.t.bot.db.leaveRequest.findMany();
    expect(leave!.reason).toBe('到市里参加培训🙏');
  });

  it('rule S4: a suggestion paragraph of only emoji is not taken into the content', async () => {
    await say('lichunmei', '提建议');
    await say('lichunmei', '建议');
    expect(await say('lichunmei', '👍👍👍')).toBe('请用中文写明标题，只有表情或字母看不出意思，例如“关于增设城关镇公交站点的建议”。');
    expect(await say('lichunmei', '关于增设公交站点的建议')).toContain('请写具体内容');
    expect(await say('lichunmei', '🚌🚌🚌')).toMatch(/^请用中文写明具体内容（这一条没有收下）/);
    expect(await say('lichunmei', '东片居民到县城要换乘两次')).toMatch(/^已收到（共 12 字）/);
  });
});
