// Rules A4 and R2: turns an activity's notice plan into planned rows — one per invitee for
// notices and reminders, one for the staff notice, the committee reminder and the summary (A5).
import { planNotices, RECEPTION_NOTICE_POLICY, resolveUnitNoticePolicy, type NoticePlan } from '../../domain/notice-plan.ts';
import { insertPlanned, type NewNotice } from '../../repositories/notice-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar, warnAssumedYears } from '../calendar-service.ts';
import { Outbound } from '../outbound.ts';

/** Kinds sent to every invitee; the others go to the unit's leads. */
const PER_INVITEE = new Set(['notice', 'reminder', 'dayof']);

export async function planActivityNotices(db: Db, activityId: number, now: Date): Promise<NoticePlan | undefined> {
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    include: { unit: { select: { kind: true, policy: true } }, invitees: { select: { personId: true } } },
  });
  if (!activity || activity.status !== 'scheduled') return undefined;
  const calendar = await loadCalendar(db, activity.orgId);
  const plan = planNotices(
    { unitKind: activity.unit.kind, startAt: activity.startAt, endAt: activity.endAt },
    // Rule R2: a reception day has its own notice rule, whatever the unit's.
    activity.kind === 'reception' ? RECEPTION_NOTICE_POLICY : resolveUnitNoticePolicy(activity.unit.kind, activity.unit.policy),
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
  // Rule R4: a due date counted over a year without holiday data is a guess; the office is told once.
  await warnAssumedYears({ db, outbound: new Outbound(db, { now: () => now }) }, activity.orgId, plan.assumedYears);
  return plan;
}
