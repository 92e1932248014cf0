// Suggestions through encrypted callbacks: the whole dialog, numbering without gaps under
// concurrency, and the constituent's identity kept private (rules S4, R6).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/repositories/migrate.ts';
import { connectDb } from '../../../src/repositories/prisma.ts';
import { createNumbered } from '../../../src/repositories/suggestion-repo.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot();
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);

async function submit(user: string, kind: string, title: string) {
  await say(user, '提建议');
  await say(user, kind);
  await say(user, title);
  await say(user, '城关镇中学门口上下学时段车辆拥堵，存在安全隐患。');
  await say(user, '完成');
  await say(user, '否');
  return say(user, '是');
}

describe('提建议 (rule S4)', () => {
  it('kind, title, content over several messages with an image, summary, confirm → numbered', async () => {
    expect(await say('lichunmei', '反映问题')).toContain('您要提交的是哪一类');
    expect(await say('lichunmei', '1')).toContain('请用一句话写建议的标题');
    expect(await say('lichunmei', '关于增设城关镇公交站点的建议')).toContain('全部发完后回复“完成”');
    expect(await say('lichunmei', '城关镇东片居民出行不便，')).toMatch(/已收到（共 \d+ 字），继续发送/);
    await fb.t.sender.post(fb.t.sender.seal(fb.t.sender.textXml('lichunmei', '').replace('<MsgType><![CDATA[text]]></MsgType>', '<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://example.invalid/p.jpg]]></PicUrl><MediaId><![CDATA[media-1]]></MediaId>')));
    expect(await say('lichunmei', '建议在东环路增设两个站点。')).toMatch(/、1 张图片）/);
    expect(await say('lichunmei', '完成')).toContain('这是替接待中遇到的选民反映的吗');
    const summary = await say('lichunmei', '不是');
    expect(summary).toContain('请确认要提交的建议');
    expect(summary).toContain('图片：1 张');
    expect(await say('lichunmei', '是')).toBe('您的建议已提交，编号 2026-建-0001，将于 2026年12月8日 前交办。每一步办理进展都会通知您，也可以发送“我的建议”查看。');
    const row = await fb.t.bot.db.suggestion.findFirstOrThrow();
    expect(row).toMatchObject({ number: '2026-建-0001', kind: '建议', title: '关于增设城关镇公交站点的建议', attachments: '["media-1"]' });
    expect(row.content).toBe('城关镇东片居民出行不便，\n建议在东环路增设两个站点。');
  });

  it('numbers run per year and kind, without gaps', async () => {
    expect(await submit('lichunmei', '建议', '第一条建议')).toContain('2026-建-0001');
    expect(await submit('wuxiaodong', '建议', '第二条建议')).toContain('2026-建-0002');
    expect(await submit('wuxiaodong', '批评', '一条批评')).toContain('2026-批-0001');
    expect(await say('lichunmei', '我的建议')).toBe('2026 年您在系统中已提建议 1 件。您的建议、批评和意见（最近 10 条）：\n2026-建-0001 第一条建议\n  状态：提交，交办期限 2026年12月8日');
  });

  it('rule R6: a constituent\'s name and phone are asked in private and stored, never logged', async () => {
    await say('lichunmei', '提建议');
    await say('lichunmei', '意见');
    await say('lichunmei', '关于路灯维修的意见');
    await say('lichunmei', '幸福村主干道路灯损坏已超过一个月。');
    await say('lichunmei', '完成');
    expect(await say('lichunmei', '是')).toContain('请输入选民的姓名');
    expect(await say('lichunmei', '王大妈')).toContain('请输入选民的联系电话');
    expect(await say('lichunmei', '123')).toContain('电话格式不对');
    expect(await say('lichunmei', '13912345678')).toContain('代选民反映：王大妈 13912345678');
    expect(await say('lichunmei', '确认')).toContain('2026-意-0001');
    expect(await fb.t.bot.db.suggestion.findFirst()).toMatchObject({ onBehalfName: '王大妈', onBehalfPhone: '13912345678' });
    expect(fb.t.logs.join('')).not.toMatch(/王大妈|13912345678/);
  });

  it('rejects a title that is too long and content that is too short', async () => {
    await say('lichunmei', '提建议');
    await say('lichunmei', '建议');
    expect(await say('lichunmei', '很'.repeat(41))).toBe('标题需要 2 到 40 个字，请重新输入。');
    await say('lichunmei', '一个标题');
    await say('lichunmei', '太短');
    expect(await say('lichunmei', '完成')).toBe('内容至少需要 10 个字，请再补充后回复“完成”。');
  });
});

describe('registration numbers under concurrency', () => {
  it('rule S4: two connections submitting at once get consecutive numbers, none shared, none skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seq-'));
    const url = `file:${join(dir, 'seq.db')}`;
    migrate(url);
    const [a, b] = [await connectDb(url), await connectDb(url)];
    try {
      const org = await a.organisation.create({ data: { code: 'x', name: 'X' } });
      const base = { orgId: org.id, personId: 1, year: 2026, kind: '建议', kindCode: '建', title: 't', content: 'c', attachments: [], now: new Date('2026-11-23T02:00:00Z') };
      const made = await Promise.all(
        Array.from({ length: 20 }, (_, i) => createNumbered(i % 2 ? a : b, { ...base, sourceKey: `k${i}` })),
      );
      expect(made.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      // The same source key again (a reprocessed event) finds its suggestion instead of numbering anew.
      expect(await createNumbered(a, { ...base, sourceKey: 'k3' })).toEqual(made[3]);
    } finally {
      await a.$disconnect();
      await b.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
