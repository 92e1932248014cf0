// Rule A4: turns an activity's notice plan into planned rows — one per invitee for notices
// and reminders, one for the committee reminder and the after-activity summary (A5).
import { createWorkingCalendar } from '../../domain/calendar/working-days.ts';
import { planNotices, resolveUnitNoticePolicy, type NoticePlan } from '../../domain/notice-plan.ts';
import { insertPlanned, type NewNotice } from '../../repositories/notice-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

/** Kinds sent to every invitee; the others go to the unit's leads. */
const PER_INVITEE = new Set(['notice', 'reminder']);

export async function planActivityNotices(db: Db, activityId: number, now: Date): Promise<NoticePlan | undefined> {
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    include: { unit: { select: { kind: true, policy: true } }, invitees: { select: { personId: true } } },
  });
  if (!activity || activity.status !== 'scheduled') return undefined;
  // The office's own calendar corrections join here once they are stored (reception-days issue).
  const calendar = createWorkingCalendar();
  const plan = planNotices(
    { unitKind: activity.unit.kind, startAt: activity.startAt, endAt: activity.endAt },
    resolveUnitNoticePolicy(activity.unit.kind, activity.unit.policy),
    calendar,
    now,
  );
  const rows: NewNotice[] = [];
  for (const n of plan.notices) {
    // Each lead time is its own kind ("notice:7", "notice:3"), so both reach everyone.
    const kind = n.kind === 'notice' ? `notice:${n.leadDays ?? 0}` : n.kind;
    const base = { orgId: activity.orgId, activityId, kind, revision: activity.revision, dueAt: n.dueAt };
    if (PER_INVITEE.has(n.kind)) rows.push(...activity.invitees.map((i) => ({ ...base, personId: i.personId })));
    else rows.push({ ...base, personId: 0 });
  }
  await insertPlanned(db, rows, now);
  return plan;
}
