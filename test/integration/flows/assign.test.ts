// 交办 and 答复登记 by office staff, and the assignment deadline reminders (rules R4, R5, R6).
// Visits are inserted directly: the 接待登记 flow that records them lives elsewhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const OFFICE = ['hejing', 'lvming', 'shijia']; // the office unit's staff in the demo roster
const textsTo = (user: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text).map((m) => m.text!);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

let seq = 0;
async function addVisit(opts: { issue?: string; deadline?: string; status?: string; visitorName?: string } = {}) {
  const db = fb.t.bot.db;
  const row = await db.receptionVisit.create({
    data: {
      orgId: fb.t.bot.orgId,
      unitId: await fb.unitId('城关镇人大代表联络站'),
      recordedById: await fb.personId('lichunmei'),
      visitorName: opts.visitorName ?? '王大爷',
      visitorPhone: '13912345678',
      issue: opts.issue ?? '幸福村主干道路灯损坏已超过一个月，夜间出行不便，请尽快维修。',
      category: '城建',
      status: opts.status ?? 'recorded',
      deadline: opts.deadline ?? '2026-12-07',
      sourceKey: `test-${++seq}`,
      createdAt: new Date('2026-11-26T02:00:00Z'), // Thu 2026-11-26, the reception
    },
  });
  return row.id;
}
const visit = (id: number) => fb.t.bot.db.receptionVisit.findUniqueOrThrow({ where: { id } });

describe('交办 (rule R4)', () => {
  it('rule R4: office staff assign a recorded issue to a department of the county', async () => {
    expect(await say('hejing', '部门 添加 县交通运输局')).toBe('已添加承办部门：县交通运输局。');
    await say('hejing', '部门 添加 城关镇人民政府');
    expect(await say('hejing', '部门 添加 县交通运输局')).toContain('已存在');
    expect(await say('hejing', '部门')).toContain('1. 县交通运输局\n2. 城关镇人民政府');
    const id = await addVisit();
    const list = await say('hejing', '交办');
    expect(list).toContain('1. 11月26日 城关镇人大代表联络站 [城建] 幸福村主干道路灯损坏已超过一个月，夜间出…，王大爷（交办期限 12月7日）');
    expect(list).not.toContain('13912345678');
    expect(await say('hejing', '1')).toContain('1. 县交通运输局\n2. 城关镇人民政府\n3. 转县人大常委会');
    expect(await say('hejing', '2')).toContain('交办给城关镇人民政府');
    expect(await say('hejing', '是')).toContain('已交办给城关镇人民政府');
    expect(await visit(id)).toMatchObject({ status: 'assigned', assignedTo: '城关镇人民政府', assignedById: await fb.personId('hejing') });
    expect((await visit(id)).assignedAt).toEqual(new Date('2026-11-23T02:00:00Z'));
    expect(await say('hejing', '交办')).toBe('目前没有待交办的接待事项。');
  });

  it('rule R4: county matters are forwarded to the county committee', async () => {
    await say('hejing', '部门 添加 县交通运输局');
    const id = await addVisit();
    await say('hejing', '交办');
    await say('hejing', '1');
    await say('hejing', '转县人大常委会');
    expect(await say('hejing', '确认')).toContain('已转县人大常委会办理');
    expect(await visit(id)).toMatchObject({ status: 'forwarded', assignedTo: '转县人大常委会' });
  });

  it('rule R4: the body issues are forwarded to comes from the policy (a township forwards to its county)', async () => {
    const org = await fb.t.bot.db.organisation.findUniqueOrThrow({ where: { id: fb.t.bot.orgId } });
    const policy = { ...JSON.parse(org.policy), forwardBody: '青山县人大常委会' };
    await fb.t.bot.db.organisation.update({ where: { id: org.id }, data: { policy: JSON.stringify(policy) } });
    await say('hejing', '部门 添加 县交通运输局');
    const id = await addVisit();
    await say('hejing', '交办');
    const choices = await say('hejing', '1');
    expect(choices).toContain('2. 转青山县人大常委会');
    expect(choices).not.toContain('转县人大常委会');
    expect(await say('hejing', '2')).toContain('转青山县人大常委会办理');
    expect(await say('hejing', '是')).toContain('已转青山县人大常委会办理');
    expect(await visit(id)).toMatchObject({ status: 'forwarded', assignedTo: '转青山县人大常委会' });
  });

  it('rule R4: with no departments yet, 交办 says how to add them', async () => {
    await addVisit();
    expect(await say('hejing', '交办')).toContain('部门 添加 部门名称');
  });

  it('rule R4/R6: a deputy who is not office staff is refused and sees no visitor', async () => {
    await addVisit();
    const answer = await say('lichunmei', '交办');
    expect(answer).toContain('县人大常委会代表联络工委的工作人员');
    expect(answer).not.toContain('王大爷');
    expect(await say('lichunmei', '部门 添加 县水利局')).toContain('县人大常委会代表联络工委的工作人员');
    expect(await fb.t.bot.db.department.count()).toBe(0);
  });
});

describe('答复登记 (rule R5)', () => {
  it('rule R5: 不满意 records the answer and reopens the issue', async () => {
    const id = await addVisit({ status: 'assigned' });
    await fb.t.bot.db.receptionVisit.update({ where: { id }, data: { assignedTo: '县交通运输局' } });
    expect(await say('lvming', '答复登记')).toContain('已交办县交通运输局');
    expect(await say('lvming', '1')).toContain('答复形式');
    expect(await say('lvming', '电话')).toContain('请输入答复内容');
    expect(await say('lvming', '好')).toContain('5 到 1000');
    await say('lvming', '已安排维修队下周更换路灯。');
    expect(await say('lvming', '3')).toContain('重新打开');
    expect(await visit(id)).toMatchObject({ status: 'recorded', answerForm: '电话', answerText: '已安排维修队下周更换路灯。', satisfaction: '不满意' });
    expect((await visit(id)).answerAt).toEqual(new Date('2026-11-23T02:00:00Z'));
  });

  it('rule R5: 满意 closes the issue', async () => {
    const id = await addVisit({ status: 'forwarded' });
    await say('lvming', '答复登记');
    await say('lvming', '1');
    await say('lvming', '1');
    await say('lvming', '已书面答复，路灯已于本周修复。');
    expect(await say('lvming', '满意')).toBe('答复已登记（满意），事项已办结。');
    expect(await visit(id)).toMatchObject({ status: 'closed', answerForm: '书面', satisfaction: '满意' });
  });
});

describe('rule R4: assignment deadline reminders to office staff', () => {
  it('2 working days before, on the day, then overdue daily — each once across ticks, never the phone', async () => {
    // Reception Thu 2026-11-26; deadline Mon 2026-12-07 (7 working days).
    await addVisit();
    const reminders = () => fb.chat.all().filter((m) => m.text?.includes('交办'));
    const at = async (iso: string) => {
      fb.clock.set(iso);
      await tick();
    };
    await at('2026-12-02T02:00:00Z'); // Wed 10:00: 3 working days before
    expect(reminders()).toHaveLength(0);
    await at('2026-12-03T00:30:00Z'); // Thu 08:30: too early
    expect(reminders()).toHaveLength(0);
    await at('2026-12-03T01:00:00Z'); // Thu 09:00: 2 working days before (Fri, Mon)
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.to.sort()).toEqual(OFFICE);
    expect(reminders()[0]!.text).toContain('以下 1 条接待事项的交办期限是 12月7日（还有 2 个工作日）');
    await at('2026-12-03T03:00:00Z');
    await at('2026-12-04T02:00:00Z'); // Fri: nothing
    await at('2026-12-05T02:00:00Z'); // Sat: nothing
    expect(reminders()).toHaveLength(1);
    await at('2026-12-07T01:30:00Z'); // Mon: the deadline
    await at('2026-12-07T06:00:00Z');
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('今天（12月7日）到交办期限');
    await at('2026-12-08T01:00:00Z'); // Tue: overdue
    await at('2026-12-08T08:00:00Z');
    expect(reminders()).toHaveLength(3);
    expect(reminders()[2]!.text).toMatch(/^逾期未交办的接待事项 1 条/);
    await at('2026-12-09T01:00:00Z'); // and again the next day
    expect(reminders()).toHaveLength(4);
    for (const r of reminders()) expect(r.text).not.toContain('13912345678');
    expect(textsTo('lichunmei')).toHaveLength(0);
    expect(fb.t.logs.join('')).not.toMatch(/王大爷|13912345678/);
  });

  it('rule R4: a bot down over the "2 days left" day says it the next working day, with the 1 day actually left', async () => {
    await addVisit(); // deadline Mon 2026-12-07
    const reminders = () => fb.chat.all().filter((m) => m.text?.includes('交办'));
    fb.clock.set('2026-12-02T02:00:00Z'); // Wed 10:00: running, 3 working days before
    await tick();
    fb.clock.set('2026-12-04T02:00:00Z'); // stopped over Thursday, started Friday 10:00
    await fb.restart();
    await tick();
    expect(reminders().map((r) => r.text)).toEqual([expect.stringContaining('以下 1 条接待事项的交办期限是 12月7日（还有 1 个工作日）')]);
    fb.clock.set('2026-12-07T02:00:00Z');
    await tick();
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('今天（12月7日）到交办期限');
  });

  it('rule R4: a bot down over the deadline day lists the issue as overdue when it is back', async () => {
    await addVisit();
    fb.clock.set('2026-12-03T02:00:00Z');
    await tick();
    fb.clock.set('2026-12-08T02:00:00Z'); // stopped from Thursday to Tuesday
    await fb.restart();
    await tick();
    const texts = fb.chat.all().filter((m) => m.text?.includes('交办')).map((m) => m.text!);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(/^逾期未交办的接待事项 1 条/);
    expect(texts.join('')).not.toContain('13912345678');
  });

  it('rule R4: no reminder once the issue is assigned', async () => {
    await addVisit({ status: 'assigned' });
    fb.clock.set('2026-12-03T02:00:00Z');
    await tick();
    fb.clock.set('2026-12-08T02:00:00Z');
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.includes('交办'))).toHaveLength(0);
  });
});

describe('rule R6 in a group chat', () => {
  it('rule R6: 交办 typed in a group moves to private chat; the group never sees the visitor', async () => {
    await say('hejing', '部门 添加 县交通运输局');
    await addVisit();
    const group = await fb.chat.sayInGroup('hejing', 'wrGroupFirst01', '交办');
    expect(group).not.toContain('王大爷');
    expect(await fb.chat.privateAnswersTo('hejing')).toContain('王大爷');
  });
});
