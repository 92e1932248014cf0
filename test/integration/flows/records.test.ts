// The performance record (rules P1, P2, P4, L3, L4, A7) through the real callback path: a seeded
// year read back item by item, 我的履职 and 履职 张三 with what is missing of the "six ones",
// 履职记录 with a photo, and the year-end summaries and session warnings to office staff only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { yearPeriod } from '../../../src/domain/records/periods.ts';
import { createActivityWithInvitees } from '../../../src/repositories/activity-repo.ts';
import { buildFacts } from '../../../src/services/records/record-facts.ts';
import { markSession } from '../../../src/services/records/session-service.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';
import { seedYear, sendMedia, type SeedRefs } from '../../helpers/records.ts';

let fb: FlowBot;
let seed: SeedRefs;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
  seed = await seedYear(fb.t.bot.db, fb.t.bot.orgId);
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};
const OFFICE = ['hejing', 'lvming', 'shijia'];

const RECORD = [
  '李春梅 2026年履职情况（截至11月23日）',
  '参加活动：出席 3 次，请假 1 次，缺席 1 次；其中视察调研 1 次（会前组织学习 1 次）',
  '接待选民值班 1 次，登记来访 2 人；提出建议 2 件；联名议案 1 件；填写活动纪要 1 份',
  '履职记录：办实事 1，走访选民 1，述职 0，帮扶困难户 0，其他履职 0',
  '民情日记：本月 2 篇（每月至少 5 篇），今年 3 篇（全年至少 60 篇）',
  '“六个一”下半年：参加小组活动 0/1，民情调查 3/1 ✓；全年：提出建议 2/1 ✓，办实事 1/1 ✓，联系选民 3/1 ✓，帮扶困难户 0/1',
  '还差：下半年参加一次小组活动、帮扶一户困难户。做过的请发送“履职记录”或“民情日记”补记。',
];

describe('the performance record of a seeded year (rules P1, P4)', () => {
  it('rule P1: built from what is stored, item by item', async () => {
    const db = fb.t.bot.db;
    await db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
    const facts = (await buildFacts(db, { orgId: fb.t.bot.orgId, people: [{ id: seed.personId, name: '李春梅' }], period: yearPeriod(2026), now: fb.clock.now() })).get(seed.personId)!;
    // Rules A6, L5: every held activity she was invited to, with its outcome; not the one ahead, last year's or the cancelled one.
    expect(facts.activities.map((l) => [l.startAt.toISOString().slice(0, 10), l.unitKind, l.kind, l.outcome, l.studyHeld])).toEqual([
      ['2026-03-10', 'group', 'study', 'present', null],
      ['2026-05-12', 'group', 'inspection', 'present', true],
      ['2026-08-04', 'group', 'research', 'leave', null],
      ['2026-09-08', 'station', 'visit', 'present', null],
      ['2026-10-13', 'group', 'study', 'absent', null],
    ]);
    expect(facts.receptionDuties).toBe(1); // R2: the day in July, not December's ahead
    expect(facts.visitorsRecorded).toBe(2); // R3
    expect(facts.suggestions).toBe(2); // S6: the returned one does not count
    expect(facts.ratings).toEqual({ 满意: 1, 基本满意: 0, 不满意: 0 }); // S3
    expect(facts.motionsSigned).toBe(1); // S5
    expect(facts.accountsWritten).toBe(1); // A5
    expect(facts.entries).toEqual({ practical: 1, visit: 1, report_back: 0, help: 0, other: 0 });
    expect(facts.diaryEntries).toBe(3); // P3
    expect(facts.annualReport).toBe(false); // E1
  });

  it('rule P4: 我的履职 shows the year and the half year against the six ones, and what is missing', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
    expect(await say('lichunmei', '我的履职')).toBe(RECORD.join('\n'));
  });

  it('rule P1: a group\'s leader sees its deputies, office staff anyone\'s; a plain member nobody else\'s', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
    expect(await say('zhaowenhua', '履职 李春梅')).toBe(RECORD.join('\n'));
    expect(await say('hejing', '履职 李春梅')).toBe(RECORD.join('\n'));
    expect(await say('wuxiaodong', '履职 李春梅')).toContain('代表小组组长、联络站站长和联络员');
    expect(await say('wangguoqiang', '履职 李春梅')).toBe('您只能查看本人和您所在小组（联络站）代表的履职情况；李春梅的情况请向县人大常委会代表联络工委了解。');
    expect(await say('hejing', '履职 张无忌')).toBe('没有找到名为“张无忌”的代表，请核对姓名。');
    expect(await say('hejing', '我的履职')).toBe('您不是人大代表，没有履职记录。要查看代表的履职情况，请发送“履职 姓名”。');
  });

  it('rule P1: 履职记录 adds a household helped, with a photo; the gap closes', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
    expect(await say('lichunmei', '履职记录')).toContain('是哪一类？回复序号：\n1. 办实事\n2. 走访选民\n3. 述职\n4. 帮扶困难户\n5. 其他履职');
    expect(await say('lichunmei', '4')).toBe('是哪一天的事？例如“今天”“昨天”或“11月20日”。');
    expect(await say('lichunmei', '2026年12月5日')).toBe('这一天还没到，请写已经发生的日期。');
    expect(await say('lichunmei', '上礼拜')).toBe('没能看懂这个日期，请写成“今天”“昨天”或“11月20日”。');
    expect(await say('lichunmei', '昨天')).toContain('请简要写明这次帮扶困难户的情况');
    expect(await say('lichunmei', '为幸福村低保户张大娘联系了冬季取暖补贴')).toBe('可以发送照片（可多张），发完回复“完成”；不需要照片请回复“没有”。');
    await sendMedia(fb.t, 'lichunmei', 'image', 'media-photo-1');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toBe('已收到 1 张照片。还有请继续发送，发完回复“完成”。');
    expect(await say('lichunmei', '完成')).toBe('请确认：\n类别：帮扶困难户\n日期：11月22日\n情况：为幸福村低保户张大娘联系了冬季取暖补贴\n照片：1 张\n确认记入履职档案请回复“是”，不记请回复“否”。');
    expect(await say('lichunmei', '是')).toBe('已记入您的履职档案：帮扶困难户（11月22日），照片 1 张。发送“我的履职”可查看全年情况。');
    const entry = await fb.t.bot.db.recordEntry.findFirstOrThrow({ where: { kind: 'help' } });
    expect(entry).toMatchObject({ personId: seed.personId, heldOn: '2026-11-22', attachments: JSON.stringify(['media-photo-1']) });
    expect(await say('lichunmei', '我的履职')).toContain('还差：下半年参加一次小组活动。');
  });
});

describe('year end and sessions: to office staff only (rules P2, L3, E1, L4)', () => {
  it('rules P2, L3, E1: on the policy\'s day each deputy\'s summary is filed and office staff get it with the flags', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
    fb.clock.set('2027-01-05T01:30:00Z'); // 09:30 on 5 January: the group study of 1 December was missed too
    await tick();
    const summary = fb.chat.all().filter((m) => m.text?.startsWith('2026年代表履职汇总'));
    expect(summary).toHaveLength(1);
    expect(summary[0]!.to.sort()).toEqual(OFFICE);
    const lines = summary[0]!.text!.split('\n');
    const i = lines.indexOf('· 李春梅：出席 3、请假 1、缺席 2；建议 2；办实事 1；民情日记 3；书面述职未交');
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe('  ⚠ 不参加小组活动 3 次（缺席 2，请假 1），不能评为本年度优秀代表；未提交书面述职报告；民情日记 3 篇，少于全年 60 篇');
    const filed = await fb.t.bot.db.deputyYearSummary.findUniqueOrThrow({ where: { orgId_personId_year: { orgId: fb.t.bot.orgId, personId: seed.personId, year: 2026 } } });
    expect(JSON.parse(filed.flags)).toEqual(['not_excellent', 'no_annual_report', 'diary_short']);
    expect(JSON.parse(filed.record)).toMatchObject({ attendance: { present: 3, leave: 1, absent: 2 }, receptionDuties: 2, suggestions: 2, diaryEntries: 3 });
    // Deputies never get it; a restart sends nothing twice.
    expect(fb.chat.all().filter((m) => m.text?.includes('履职汇总') && m.to.includes('lichunmei'))).toEqual([]);
    await fb.restart();
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.startsWith('2026年代表履职汇总'))).toHaveLength(1);
  });

  it('rule L4: two unapproved absences in a row from congress sessions are reported to office staff only, once', async () => {
    const db = fb.t.bot.db;
    const orgId = fb.t.bot.orgId;
    const office = (await db.unit.findFirstOrThrow({ where: { kind: 'office' } })).id;
    const wu = await fb.personId('wuxiaodong');
    const zhou = await fb.personId('zhouhaitao');
    const session = async (start: string) => {
      const startAt = new Date(start);
      const a = await createActivityWithInvitees(db, { orgId, unitId: office, kind: 'meeting', title: `县人大会议${start.slice(5, 7)}月`, startAt, endAt: new Date(startAt.getTime() + 8 * 3600_000), place: '人民会堂', content: '', signInCode: null, signInOpensBefore: 30, createdById: null }, [wu, zhou, seed.personId]);
      expect((await markSession(db, orgId, a.id, true)).ok).toBe(true);
      return a.id;
    };
    const first = await session('2026-02-10T01:00:00Z');
    await session('2026-11-20T01:00:00Z');
    // 周海涛 was on approved leave at the first; 李春梅 came to both.
    await db.attendance.create({ data: { orgId, activityId: first, personId: zhou, status: 'leave' } });
    for (const id of [first]) await db.attendance.create({ data: { orgId, activityId: id, personId: seed.personId, status: 'present' } });
    const second = (await db.activity.findFirstOrThrow({ where: { title: '县人大会议11月' } })).id;
    await db.attendance.create({ data: { orgId, activityId: second, personId: seed.personId, status: 'present' } });
    expect((await markSession(db, orgId, seed.groupId, true)).ok).toBe(false); // not a meeting
    await tick();
    const warnings = fb.chat.all().filter((m) => m.text?.startsWith('提醒：'));
    expect(warnings.map((w) => w.text)).toEqual(['提醒：吴晓东已连续 2 次未经批准不出席代表大会会议（县人大会议02月、县人大会议11月）。请核实请假审批情况，并按程序处理（机器人不作任何决定）。']);
    expect(warnings[0]!.to.sort()).toEqual(OFFICE);
    await fb.restart();
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.startsWith('提醒：'))).toHaveLength(1);
  });
});
