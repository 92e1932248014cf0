// Report-back and votes (rules E1–E3) through the real callback path: the written report by
// chat and its delivery to the voters 3 days before (E2), voting by card — one vote per voter,
// changeable until the organiser closes it, anonymous — the paper count of voters not on WeCom,
// and the tally announced at once to the organiser and the deputy, flagged below the quorum.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivityWithInvitees } from '../../../src/repositories/activity-repo.ts';
import { setupBallot } from '../../../src/services/report-back/ballot-setup-service.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';
import { testingPostgres } from '../../helpers/test-database.ts';

let fb: FlowBot;
let ballotId: number;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
  const db = fb.t.bot.db;
  const unitId = await fb.unitId('第一代表小组');
  const startAt = new Date('2026-12-02T06:00:00Z'); // Wednesday 2 December 14:00
  const activity = await createActivityWithInvitees(db, {
    orgId: fb.t.bot.orgId, unitId, kind: 'report_back', title: '2026年度代表述职会', startAt, endAt: new Date(startAt.getTime() + 2 * 3600_000),
    place: '城关镇人大代表之家', content: '', signInCode: null, signInOpensBefore: 30, createdById: null,
  });
  // Voters: the members of two groups (with WeCom), and a file: 郑丽娟 is on the roster (card),
  // three constituents are not (paper).
  const voterTable = [['姓名', '手机号', '企业微信账号'], ['郑丽娟', '13800000107', ''], ['王秀英', '13912345678', ''], ['刘大爷', '13912345679', ''], ['陈阿姨', '13912345670', '']];
  const setup = await setupBallot(db, { orgId: fb.t.bot.orgId, activityId: activity.id, deputyName: '周海涛', organiserName: '赵文华', voterTable, voterUnits: ['第一代表小组', '第二代表小组'] }, fb.clock.now());
  if (!setup.ok) throw new Error(setup.errors.join('\n'));
  ballotId = setup.ballotId;
  expect(setup.lines).toEqual([
    `评议 ${ballotId}：周海涛在“2026年度代表述职会”（12月2日（周三）14:00）述职`,
    '选民 15 人（本次新增 15 人）：企业微信投票 12 人，纸质票 3 人；到会投票至少 30 人',
    '注意：选民只有 15 人，少于规定的 30 人，评议结果将标为人数不足',
    '书面述职报告将于 11月29日（周日）09:00 发给选民',
    `述职时由赵文华发送“开始评议 ${ballotId}”发出投票卡片，结束时发送“结束评议 ${ballotId}”公布结果`,
  ]);
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};
const REPORT = '本人2026年认真履行代表职责，参加小组活动六次，提出建议两件，接待选民四次，走访群众二十余户，为幸福村协调解决了道路硬化问题。';
const CARD_VOTERS = ['zhaowenhua', 'qianxiuying', 'sunjianguo', 'lichunmei', 'wuxiaodong', 'wangguoqiang', 'fengyulan', 'chenzhiming', 'chuhongxia', 'weijiahao', 'shenlixin', 'zhenglijuan'];

async function submitReport() {
  expect(await say('zhouhaitao', '述职报告')).toBe('请发送书面述职报告：可以直接发送报告文件，或分几条消息发送正文，发完回复“完成”。');
  expect(await say('zhouhaitao', REPORT)).toBe(`已收到，共 ${[...REPORT].length} 字。还有请继续发送，发完回复“完成”。`);
  expect(await say('zhouhaitao', '完成')).toBe(`请确认提交2026年度书面述职报告：正文 ${[...REPORT].length} 字。确认提交请回复“是”，不提交请回复“否”。`);
  return say('zhouhaitao', '是');
}

/** The voter's card: its three buttons' keys by label. */
function cardOf(user: string) {
  const card = fb.chat.cardsTo(user).filter((c) => String(c.card!.button_list?.[0]?.key ?? '').startsWith('vote.cast:')).at(-1)!;
  const keys = Object.fromEntries((card.card!.button_list as { text: string; key: string }[]).map((b) => [b.text, b.key]));
  return { keys, taskId: card.card!.task_id as string };
}
/** A click a second after the last (the same click in the same second is WeCom's retry, dropped on arrival). */
const vote = (user: string, choice: string, owner = user) => {
  fb.clock.advance(1000);
  return fb.chat.click(user, cardOf(owner).keys[choice]!, cardOf(owner).taskId);
};

describe('the written report and its delivery (rules E1, E2)', () => {
  it('rule E2: handed in before, the report reaches the card voters 3 days before the meeting, once', async () => {
    expect(await submitReport()).toBe(`已收到您的2026年度书面述职报告（${[...REPORT].length} 字）。`);
    fb.clock.set('2026-11-29T00:55:00Z'); // 08:55 on the 29th: not yet
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.includes(REPORT))).toHaveLength(0);
    fb.clock.set('2026-11-29T01:01:00Z');
    await tick();
    const sent = fb.chat.all().filter((m) => m.text?.includes(REPORT));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to.sort()).toEqual([...CARD_VOTERS].sort());
    expect(sent[0]!.text!.startsWith('周海涛的2026年度书面述职报告（12月2日（周三）14:00“2026年度代表述职会”上述职并接受评议）：')).toBe(true);
    expect(fb.chat.all().find((m) => m.to.includes('zhaowenhua') && m.text?.startsWith('周海涛的书面述职报告已发给'))!.text).toBe('周海涛的书面述职报告已发给 12 位选民；另有 3 位选民不在企业微信上，请另行送达。');
    await fb.restart();
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.includes(REPORT))).toHaveLength(1);
  });

  it('rule E2: not in on time, it is chased with the deputy and the organiser, and goes out the moment it arrives', async () => {
    fb.clock.set('2026-11-29T01:01:00Z');
    await tick();
    const chase = fb.chat.all().filter((m) => m.text?.startsWith('周海涛的书面述职报告还没有提交'));
    expect(chase).toHaveLength(1);
    expect(chase[0]!.to.sort()).toEqual(['zhaowenhua', 'zhouhaitao']);
    await fb.chat.privateAnswersTo('zhouhaitao');
    fb.clock.set('2026-11-30T02:00:00Z');
    expect(await submitReport()).toBe(`已收到您的2026年度书面述职报告（${[...REPORT].length} 字）。已发给述职评议的 12 位选民。`);
    expect(fb.chat.all().filter((m) => m.text?.includes(REPORT))[0]!.to).toHaveLength(12);
  });

  it('rule E1: deputies without a report are reminded before the office\'s date; a short one is refused', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: JSON.stringify({ suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0, diaryEntriesPerMonth: 0, annualReportDue: '12-20', annualReportRemindDays: [14] }) } });
    expect(await submitReport()).toContain('已收到您的2026年度书面述职报告');
    fb.clock.set('2026-12-06T01:30:00Z'); // 14 days before 20 December, 09:30
    await tick();
    const reminders = fb.chat.all().filter((m) => m.text?.startsWith('请在12月20日（周日）前提交2026年度书面述职报告'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.to).toContain('lichunmei');
    expect(reminders[0]!.to).not.toContain('zhouhaitao'); // handed in
    expect(reminders[0]!.to).not.toContain('hejing'); // staff
    await say('lichunmei', '述职报告');
    expect(await say('lichunmei', '完成')).toBe('还没有收到报告内容：请发送报告文件或正文。');
  });
});

describe('voting by card (rule E3)', () => {
  async function open() {
    fb.clock.set('2026-12-02T06:30:00Z');
    return say('zhaowenhua', `开始评议 ${ballotId}`);
  }

  it('rule E3: one vote per voter, changeable until closed; the tally goes at once to the organiser and the deputy, below the quorum flagged', async () => {
    expect(await say('wuxiaodong', `开始评议 ${ballotId}`)).toContain('代表小组组长、联络站站长和联络员');
    expect(await say('sunjianguo', `开始评议 ${ballotId}`)).toBe('只有这次评议的组织者和工作人员可以操作。');
    expect(await open()).toBe(`周海涛述职评议已开始：已向 12 位选民发出评议卡片；3 位选民不在企业微信上，请用纸质票，结束前发送“纸质票 编号 满意 N 基本满意 N 不满意 N”录入。发送“结束评议 编号”结束并公布结果。`);
    expect(fb.chat.cardsTo('zhouhaitao').filter((c) => String(c.card!.button_list?.[0]?.key).startsWith('vote.cast:'))).toHaveLength(0); // not on himself
    const voted = '已收到您对周海涛述职的评价（无记名）。评议结束前可以重新选择，以最后一次为准。';
    expect(await vote('lichunmei', '满意')).toBe(voted);
    expect(await vote('lichunmei', '不满意')).toBe(voted); // changed: the same answer, whatever the choice
    expect(await vote('qianxiuying', '基本满意')).toBe(voted);
    expect(await vote('qianxiuying', '基本满意')).toBe(voted);
    expect(await vote('sunjianguo', '满意')).toBe(voted);
    expect(await vote('sunjianguo', '满意', 'lichunmei')).toBe('这张卡片不是发给您的，无法投票。');
    expect(await vote('hanxuesong', '满意', 'lichunmei')).toBe('您不在这次评议的选民名单中，不能投票。');
    expect(await fb.t.bot.db.reportVote.count()).toBe(3);
    expect(await say('zhaowenhua', `评议情况 ${ballotId}`)).toBe('周海涛述职评议：投票中；企业微信已投 3/12 人。');
    expect(await say('zhaowenhua', `纸质票 ${ballotId} 满意 3 基本满意 1 不满意 0`)).toBe('纸质票总数不能超过不在企业微信上的选民人数（3 人）。');
    expect(await say('zhaowenhua', `纸质票 ${ballotId} 满意 2 基本满意 0 不满意 1`)).toBe('纸质票已录入，共 3 张。');
    const result = [
      '周海涛述职评议结果（2026年度代表述职会）：满意 3 票，基本满意 1 票，不满意 2 票，共 6 票（其中纸质票 3 张）。',
      '选民 15 人，参加投票 6 人，少于规定的 30 人：本次评议人数不足，结果仅供参考。',
    ].join('\n');
    expect(await say('zhaowenhua', `结束评议 ${ballotId}`)).toBe(result);
    // At once: the organiser as the answer to 结束评议, the deputy by message.
    expect(fb.chat.all().filter((m) => m.text === result).flatMap((m) => m.to).sort()).toEqual(['zhaowenhua', 'zhouhaitao']);
    expect(await vote('sunjianguo', '不满意')).toBe('评议已经结束，不能再投票。');
    expect(await fb.t.bot.db.reportBallot.findUniqueOrThrow({ where: { id: ballotId } })).toMatchObject({
      status: 'closed', salt: null, satisfied: 1, basic: 1, dissatisfied: 1, paperSatisfied: 2, paperBasic: 0, paperDissatisfied: 1,
    });
    expect(await fb.t.bot.db.reportVote.count()).toBe(0);
    expect(await say('zhaowenhua', `结束评议 ${ballotId}`)).toBe(`这次评议已经结束了。\n${result}`);
    expect(fb.chat.all().filter((m) => m.text === result && m.to.includes('zhouhaitao'))).toHaveLength(1);
  });

  it('rule E1: a township\'s quorum of 50 set in the policy is the ballot\'s; reaching the quorum is said so', async () => {
    const db = fb.t.bot.db;
    await db.reportBallot.update({ where: { id: ballotId }, data: { quorum: 4 } });
    await open();
    for (const u of ['lichunmei', 'qianxiuying', 'sunjianguo', 'wuxiaodong']) await vote(u, '满意');
    expect(await say('zhaowenhua', `结束评议 ${ballotId}`)).toContain('参加投票 4 人，达到规定的 4 人。');
  });

  it('rule E3: anonymous — no table or query links a vote to a person, and nothing stored tells who chose what', async () => {
    const db = fb.t.bot.db;
    await open();
    await vote('lichunmei', '不满意');
    await vote('qianxiuying', '满意');
    await vote('wuxiaodong', '不满意');
    // The vote table: the ballot, a marker and a sealed choice — no person, no time.
    // The database's own catalogue, on either database.
    const columnsOf = async (table: string) => (testingPostgres()
      ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT column_name::text AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, table)
      : await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info('${table}')`)).map((c) => c.name);
    expect((await columnsOf('ReportVote')).sort()).toEqual(['ballotId', 'marker', 'sealed']);
    const votes = await db.reportVote.findMany();
    expect(votes).toHaveLength(3);
    expect(new Set(votes.map((v) => v.sealed)).size).toBe(3); // two 不满意 look nothing alike
    // No other table refers to votes.
    const tables = (await db.$queryRawUnsafe<{ name: string }[]>(testingPostgres()
      ? `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
      : `SELECT name FROM sqlite_master WHERE type = 'table'`)).map((t) => t.name);
    for (const table of tables) {
      const cols = await columnsOf(table);
      if (table !== 'ReportVote') expect(cols.filter((c) => /marker|sealed|choice|^vote(id)?$/i.test(c)), table).toEqual([]);
    }
    // No stored text anywhere names a voter together with a choice, nor pairs a button's key with its label.
    const voters = ['lichunmei', 'qianxiuying', 'wuxiaodong'];
    const personIds = await Promise.all(voters.map((v) => fb.personId(v)));
    const tokens = (await db.inboundEvent.findMany({ where: { kind: 'card_action' } })).map((e) => /vote\.cast:\d+\.([0-9a-f]{16})/.exec(e.platformKey)?.[1]).filter(Boolean) as string[];
    expect(tokens).toHaveLength(3);
    for (const table of tables.filter((t) => !t.startsWith('_') && t !== 'sqlite_sequence')) {
      for (const row of await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`)) {
        const text = JSON.stringify(row);
        for (const [i, v] of voters.entries()) {
          const names = text.includes(v) || (table === 'ReportVote' && text.includes(`"personId":${personIds[i]}`));
          if (names) expect(text, `${table} names ${v} with a choice`).not.toMatch(/满意/);
        }
        // A click's key is in the inbound table; nowhere else may it sit beside its label.
        if (table !== 'InboundEvent') for (const t of tokens) expect(text.includes(t), `${table} holds a voter's button key`).toBe(false);
      }
    }
    const cards = await db.outbox.findMany({ where: { idempotencyKey: { startsWith: 'erase-on-send|ballot-card|' } } });
    expect(cards).toHaveLength(12);
    expect(cards.every((c) => c.payload === '{}' && c.erasedAt !== null)).toBe(true);
    // Only the ballot repository touches the vote table, and never together with voters.
    const repoDir = join(import.meta.dirname, '..', '..', '..', 'src');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'generated' ? [] : walk(join(dir, e.name))) : [join(dir, e.name)]));
    })(repoDir).filter((f) => f.endsWith('.ts'));
    const touching = files.filter((f) => /reportVote\.|"ReportVote"/.test(readFileSync(f, 'utf8')));
    expect(touching.map((f) => f.slice(repoDir.length + 1))).toEqual(['repositories/ballot-repo.ts']);
    for (const chunk of readFileSync(touching[0]!, 'utf8').split(/\nexport /)) {
      if (/reportVote\.|"ReportVote"/.test(chunk)) expect(chunk).not.toMatch(/ReportVoter|reportVoter|personId/);
    }
    // After the close: no vote, no salt — nothing left that a key could be made from.
    await say('zhaowenhua', `结束评议 ${ballotId}`);
    expect(await db.reportVote.count()).toBe(0);
    expect((await db.reportBallot.findUniqueOrThrow({ where: { id: ballotId } })).salt).toBeNull();
  });
});
