// The chaos run's work, made by the bot's own machinery: a deputy group of N members whose
// activity is published late (rule A4: the notice card is then due at once, one batch per
// 1,000 recipients), and one personal text per member through the outbox. The unit's notice
// policy leaves out the day-before reminder and the committee report, so the cards and texts
// are all there is to count.
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import type { Db } from '../../src/repositories/prisma.ts';
import { createActivity } from '../../src/services/activity-service.ts';
import { Outbound } from '../../src/services/outbound.ts';

export const CHAOS_UNIT = '混沌测试代表小组';
export const PERSONAL_TEXT = '（演练）请确认本周五下午的学习安排，回复“是”或“否”。';

/** The personal texts' outbox keys start with it. */
export const PERSONAL_KEY_PREFIX = 'chaos-personal:';

export interface ChaosWork {
  orgId: number;
  activityId: number;
  users: string[];
}

/** `personalDelayMs`: the personal texts fall due this much later, so the card goes out first, under kills too. */
export async function seedChaosWork(db: Db, orgCode: string, recipients: number, now: Date, personalDelayMs = 0): Promise<ChaosWork> {
  const org = await ensureOrganisation(db, orgCode);
  const policy = JSON.stringify({ reminderDaysBefore: null, committeeReportDays: null });
  const unit = await db.unit.create({ data: { orgId: org.id, kind: 'group', name: CHAOS_UNIT, policy } });
  const users = Array.from({ length: recipients }, (_, i) => `chaos${String(i + 1).padStart(4, '0')}`);
  for (const userId of users) {
    const person = await db.person.create({ data: { orgId: org.id, name: userId, mobile: `139${userId.slice(-4).padStart(8, '0')}`, levels: '县区' } });
    await db.platformAccount.create({ data: { orgId: org.id, personId: person.id, channel: 'wecom', platformUserId: userId } });
    await db.membership.create({ data: { unitId: unit.id, personId: person.id, role: 'member' } });
  }
  const startAt = new Date(now.getTime() + 36 * 3600_000); // inside the 3-day notice: due at once
  const created = await createActivity(db, {
    orgId: org.id, unit: { id: unit.id }, kind: '学习', title: '学习代表法（演练）', place: '县人大常委会三楼会议室',
    startAt, endAt: new Date(startAt.getTime() + 2 * 3600_000), now,
  });
  if (!created.ok) throw new Error(`chaos activity refused: ${created.issues.map((i) => i.message).join('; ')}`);
  // Counted from the end of seeding (a thousand people take a while to write).
  const notBefore = new Date(Date.now() + personalDelayMs);
  await new Outbound(db, { now: () => now }).send(org.id, 'wecom', users.map((u) => ({
    key: `${PERSONAL_KEY_PREFIX}${u}`, message: { kind: 'text', toUsers: [u], text: PERSONAL_TEXT }, notBefore,
  })));
  return { orgId: org.id, activityId: created.activity.id, users };
}
