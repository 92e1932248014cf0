// The one place the records read attendance (rules A6, L5): for each person invited to an
// activity that has ended, were they present, on approved leave, or absent? The attendance
// record keeps present and leave rows; absence is the lack of a row once the activity has
// ended. Everything else (performance record, L3, L4, a deputies' home's participation) asks
// here, so a change in how attendance is stored touches this file only.
import type { Db } from './prisma.ts';
import { MAX_IDS_PER_STATEMENT, slices } from './slices.ts';

export type Outcome = 'present' | 'leave' | 'absent';

export interface AttendanceOutcome {
  activityId: number;
  personId: number;
  outcome: Outcome;
}

export interface OutcomeQuery {
  orgId: number;
  /** Only these people (every invitee when left out). */
  personIds?: number[];
  /** Only these activities (every activity of the organisation when left out). */
  activityIds?: number[];
  /** Activities starting in [from, to). */
  from: Date;
  to: Date;
  /** Activities still running or ahead at this instant have no outcome yet. */
  now: Date;
}

/** Outcomes of held activities (scheduled, not cancelled, ended by `now`), oldest first. */
export async function attendanceOutcomes(db: Db, q: OutcomeQuery): Promise<AttendanceOutcome[]> {
  const activities = await db.activity.findMany({
    where: {
      orgId: q.orgId,
      status: 'scheduled',
      startAt: { gte: q.from, lt: q.to },
      endAt: { lte: q.now },
      ...(q.activityIds ? { id: { in: q.activityIds } } : {}),
    },
    select: { id: true },
    orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
  });
  const out: AttendanceOutcome[] = [];
  // A long list of people is filtered here rather than in the statement (its parameter cap).
  const inSql = q.personIds && q.personIds.length <= MAX_IDS_PER_STATEMENT / 2;
  const wanted = q.personIds && !inSql ? new Set(q.personIds) : undefined;
  for (const part of slices(activities.map((a) => a.id), MAX_IDS_PER_STATEMENT / 2)) {
    const people = inSql ? { personId: { in: q.personIds! } } : {};
    const [invitees, entries] = await Promise.all([
      db.activityInvitee.findMany({ where: { activityId: { in: part }, ...people }, select: { activityId: true, personId: true } }),
      db.attendance.findMany({ where: { activityId: { in: part }, ...people }, select: { activityId: true, personId: true, status: true } }),
    ]);
    const status = new Map(entries.map((e) => [`${e.activityId}:${e.personId}`, e.status]));
    const order = new Map(part.map((id, i) => [id, i]));
    invitees.sort((a, b) => order.get(a.activityId)! - order.get(b.activityId)! || a.personId - b.personId);
    for (const i of invitees) {
      if (wanted && !wanted.has(i.personId)) continue;
      const s = status.get(`${i.activityId}:${i.personId}`);
      out.push({ activityId: i.activityId, personId: i.personId, outcome: s === 'present' ? 'present' : s === 'leave' ? 'leave' : 'absent' });
    }
  }
  return out;
}
