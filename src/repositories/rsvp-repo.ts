// Invitees' answers to notice cards (attend / leave), with their time; the latest answer wins
// until the start. What a person's card shows comes from their attendance state (attendance-repo).
import type { Db } from './prisma.ts';

export async function recordRsvp(db: Db, r: { orgId: number; activityId: number; personId: number; answer: 'attend' | 'leave'; at: Date }) {
  await db.rsvp.upsert({
    where: { activityId_personId: { activityId: r.activityId, personId: r.personId } },
    create: { orgId: r.orgId, activityId: r.activityId, personId: r.personId, answer: r.answer, answeredAt: r.at },
    update: { answer: r.answer, answeredAt: r.at },
  });
}
