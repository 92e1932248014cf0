// A seeded year for the performance-record tests (rules P1–P4): activities with attendance,
// a reception day on duty, visitors recorded, suggestions and a rating, a motion signed, a
// written account, entries and diary entries — each written straight into its table, the way
// each feature stores it. And media callbacks (a photo, a file) through the real receiver.
import { buildXml } from '../../src/platforms/wecom/xml.ts';
import { createActivityWithInvitees } from '../../src/repositories/activity-repo.ts';
import type { Db } from '../../src/repositories/prisma.ts';
import type { TestBot } from './bot.ts';

const at = (iso: string) => new Date(`${iso}+08:00`);

export interface SeedRefs {
  personId: number;
  groupId: number;
  stationId: number;
}

async function activity(db: Db, orgId: number, unitId: number, kind: string, start: string, extra: Record<string, unknown> = {}): Promise<number> {
  const startAt = at(start);
  const a = await createActivityWithInvitees(db, {
    orgId, unitId, kind, title: `${kind}-${start.slice(0, 10)}`, startAt, endAt: new Date(startAt.getTime() + 2 * 3600_000),
    place: '会议室', content: '', signInCode: null, signInOpensBefore: 30, createdById: null,
  });
  if (Object.keys(extra).length) await db.activity.update({ where: { id: a.id }, data: extra });
  return a.id;
}

const present = (db: Db, orgId: number, activityId: number, personId: number, status = 'present') =>
  db.attendance.create({ data: { orgId, activityId, personId, status } });

/**
 * 李春梅's 2026 (a member of 第一代表小组, vice head of 城关镇人大代表联络站), as of 23 November:
 * group activities — study 3-10 present, inspection 5-12 present (laws studied first), research
 * 8-04 on leave, study 10-13 absent; a station visit 9-08 present; not counted: a group study
 * 12-01 (ahead), one in 2025, a cancelled one. Reception duty 7-07 (and 12-01 ahead); two
 * visitors recorded; suggestions: two, and one returned; one answer rated 满意; one motion
 * signed; one written account; entries: a practical thing 4-02, a visit 9-15; diary entries
 * 6-20, 11-02, 11-10.
 */
export async function seedYear(db: Db, orgId: number): Promise<SeedRefs> {
  const personId = (await db.platformAccount.findFirstOrThrow({ where: { platformUserId: 'lichunmei' } })).personId;
  const groupId = (await db.unit.findFirstOrThrow({ where: { name: '第一代表小组' } })).id;
  const stationId = (await db.unit.findFirstOrThrow({ where: { name: '城关镇人大代表联络站' } })).id;
  const g1 = await activity(db, orgId, groupId, 'study', '2026-03-10T14:00');
  const g2 = await activity(db, orgId, groupId, 'inspection', '2026-05-12T09:00', { studyHeld: true, studyNote: '学习了水污染防治法' });
  const g3 = await activity(db, orgId, groupId, 'research', '2026-08-04T09:00');
  await activity(db, orgId, groupId, 'study', '2026-10-13T14:00');
  const s1 = await activity(db, orgId, stationId, 'visit', '2026-09-08T09:00', { accountById: personId, accountAt: at('2026-09-09T10:00'), account: '走访情况' });
  await activity(db, orgId, groupId, 'study', '2026-12-01T14:00');
  const old = await activity(db, orgId, groupId, 'study', '2025-12-10T14:00');
  const cancelled = await activity(db, orgId, groupId, 'study', '2026-06-10T14:00', { status: 'cancelled' });
  for (const id of [g1, g2, s1, old, cancelled]) await present(db, orgId, id, personId);
  await present(db, orgId, g3, personId, 'leave');
  for (const [date, month] of [['2026-07-07', '2026-07'], ['2026-12-01', '2026-12']] as const) {
    const o = await db.receptionOccurrence.create({ data: { orgId, unitId: stationId, date, month, status: date < '2026-11-23' ? 'held' : 'planned' } });
    await db.receptionDuty.create({ data: { occurrenceId: o.id, personId } });
  }
  for (const [i, name] of ['王大爷', '刘阿姨'].entries()) {
    await db.receptionVisit.create({ data: { orgId, unitId: stationId, recordedById: personId, visitorName: name, issue: '路灯不亮', category: '城建', deadline: '2026-07-16', sourceKey: `seed-visit-${i}`, createdAt: at('2026-07-07T10:00') } });
  }
  for (const [seq, status] of [[1, 'assigned'], [2, 'answered'], [3, 'returned']] as const) {
    const s = await db.suggestion.create({ data: { orgId, personId, year: 2026, kind: '建议', seq, number: `2026-建-000${seq}`, title: `建议${seq}`, content: '内容', status, sourceKey: `seed-s-${seq}`, createdAt: at('2026-04-01T10:00') } });
    if (status === 'answered') await db.suggestionAnswer.create({ data: { orgId, suggestionId: s.id, round: 1, form: '书面', text: '答复', answeredAt: at('2026-09-01T10:00'), rating: '满意', ratedAt: at('2026-09-02T10:00'), ratedById: personId } });
  }
  const motion = await db.motion.create({ data: { orgId, starterId: personId + 1, title: '议案', reason: '案由', proposal: '方案', sourceKey: 'seed-m', createdAt: at('2026-06-01T10:00') } });
  await db.motionSigner.create({ data: { motionId: motion.id, personId, invitedAt: at('2026-06-01T10:00'), signedAt: at('2026-06-02T10:00') } });
  await db.recordEntry.create({ data: { orgId, personId, kind: 'practical', heldOn: '2026-04-02', text: '帮助修好村口路灯', sourceKey: 'seed-e1' } });
  await db.recordEntry.create({ data: { orgId, personId, kind: 'visit', heldOn: '2026-09-15', text: '走访幸福村', sourceKey: 'seed-e2' } });
  for (const [i, day] of ['2026-06-20', '2026-11-02', '2026-11-10'].entries()) {
    await db.diaryEntry.create({ data: { orgId, personId, visitedOn: day, visited: '幸福村', raised: '路灯', done: '反映', confirmation: 'contact', constituentName: '王秀英', constituentPhone: '13912345678', sourceKey: `seed-d${i}` } });
  }
  return { personId, groupId, stationId };
}

/** A photo or a file sent by `from`, through the real receiver (encrypted like WeCom). */
export function sendMedia(t: TestBot, from: string, kind: 'image' | 'file', mediaId: string) {
  const xml = buildXml({
    ToUserName: t.bot.wecom!.corpId, FromUserName: from, CreateTime: Math.floor(t.clock.now().getTime() / 1000), MsgType: kind, MediaId: mediaId,
    ...(kind === 'image' ? { PicUrl: `https://wework.qpic.cn/${mediaId}` } : {}), MsgId: String(Date.now()) + String(Math.floor(Math.random() * 1e6)), AgentID: t.bot.wecom!.agentId,
  });
  return t.sender.post(t.sender.seal(xml));
}
