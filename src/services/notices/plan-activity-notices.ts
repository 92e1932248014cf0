// Rules A4 and R2: turns an activity's notice plan into planned rows — one per invitee for
// notices and reminders, one for the staff notice, the committee reminder and the summary (A5).
// After an edit the plan is made again for the new revision, and only what changed goes again:
// a message already sent is planned anew only when a field it shows changed, and never to a
// person as a notice (the change card tells them). The rows the new plan replaces are dropped.
import {
  noticeShowsChange,
  planNotices,
  RECEPTION_NOTICE_POLICY,
  resolveUnitNoticePolicy,
  type ActivityField,
  type NoticeKind,
  type NoticePlan,
} from '../../domain/notice-plan.ts';
import { dropPlannedOtherRevisions, goneNotices, insertPlanned, type NewNotice } from '../../repositories/notice-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar, warnAssumedYears } from '../calendar-service.ts';
import { Outbound } from '../outbound.ts';

/** Kinds sent to every invitee; the others go to the unit's leads. */
const PER_INVITEE = new Set<NoticeKind>(['notice', 'reminder', 'dayof']);

/**
 * Told when planning made a row that is due already, so that whoever runs due work can run it
 * now instead of at its next tick (the services do not know who that is).
 */
export type DueNowHook = () => void | Promise<unknown>;

export interface PlannedNotices {
  plan: NoticePlan;
  /** At least one row planned by this call is due now. */
  dueNow: boolean;
}

/** The plan's rows: one per invitee for notices and reminders, one (person 0) for the others. */
export function noticeRows(plan: NoticePlan, inviteeIds: readonly number[]): { kind: string; personId: number; dueAt: Date }[] {
  return plan.notices.flatMap((n) => {
    // Each lead time is its own kind ("notice:7", "notice:3"), so both reach everyone.
    const kind = n.kind === 'notice' ? `notice:${n.leadDays ?? 0}` : n.kind;
    return PER_INVITEE.has(n.kind) ? inviteeIds.map((personId) => ({ kind, personId, dueAt: n.dueAt })) : [{ kind, personId: 0, dueAt: n.dueAt }];
  });
}

/** `changed`: the fields an edit changed (a re-plan); absent for a new activity. */
export async function planActivityNotices(db: Db, activityId: number, now: Date, changed?: ReadonlySet<ActivityField>): Promise<PlannedNotices | undefined> {
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
  const base = { orgId: activity.orgId, activityId, revision: activity.revision };
  let rows: NewNotice[] = noticeRows(plan, activity.invitees.map((i) => i.personId)).map((r) => ({ ...base, ...r }));
  if (changed) {
    rows = await onlyWhatChanged(db, activityId, rows, changed, now);
    await dropPlannedOtherRevisions(db, activityId, activity.revision);
  }
  await insertPlanned(db, rows, now);
  // Rule R4: a due date counted over a year without holiday data is a guess; the office is told once.
  await warnAssumedYears({ db, outbound: new Outbound(db, { now: () => now }) }, activity.orgId, plan.assumedYears);
  return { plan, dueNow: rows.some((r) => r.dueAt.getTime() <= now.getTime()) };
}

/**
 * The rows of a re-plan that are worth sending: not a message already sent whose fields did not
 * change, not a per-person message to someone who already had it (the change card covers it),
 * and no notice due now to someone already notified (they get the change card now).
 */
async function onlyWhatChanged(db: Db, activityId: number, rows: NewNotice[], changed: ReadonlySet<ActivityField>, now: Date): Promise<NewNotice[]> {
  const gone = await goneNotices(db, activityId);
  const sent = new Set(gone.map((g) => `${g.kind}|${g.personId}`));
  const notified = new Set(gone.filter((g) => g.kind.startsWith('notice')).map((g) => g.personId));
  return rows.filter((r) => {
    const kind = r.kind.split(':')[0] as NoticeKind;
    if (kind === 'notice' && notified.has(r.personId) && r.dueAt.getTime() <= now.getTime()) return false;
    if (!sent.has(`${r.kind}|${r.personId}`)) return true;
    return !PER_INVITEE.has(kind) && noticeShowsChange(kind, changed);
  });
}
