// Invitees' answers to notice cards (attend / leave); the latest answer wins until the start.
import type { Db } from './prisma.ts';

export async function recordRsvp(db: Db, r: { orgId: number; activityId: number; personId: number; answer: 'attend' | 'leave'; at: Date }) {
  await db.rsvp.upsert({
    where: { activityId_personId: { activityId: r.activityId, personId: r.personId } },
    create: { orgId: r.orgId, activityId: r.activityId, personId: r.personId, answer: r.answer, answeredAt: r.at },
    update: { answer: r.answer, answeredAt: r.at },
  });
}

export async function answersFor(db: Db, activityId: number): Promise<Map<number, string>> {
  const rows = await db.rsvp.findMany({ where: { activityId }, select: { personId: true, answer: true } });
  return new Map(rows.map((r) => [r.personId, r.answer]));
}
