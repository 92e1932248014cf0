// What the scheduler and the queues will do next, for local mode's clock control: the next
// planned moment (a notice or reminder row, a suggestion reminder, a quarterly run), the next
// moment a queued row falls due, and whether anything is due or in flight now. Each is a
// search of a (status, due) index.
import type { Db } from './prisma.ts';

export interface PlannedMoment {
  at: Date;
  /** The kind of row: an activity's Notice, a SuggestionReminder, a ScheduledRun. */
  source: 'notice' | 'suggestion' | 'run';
  /** The row's kind ("notice:7", "reminder", "summary" …) or job ("quarterly:form_due"). */
  kind: string;
  /** The activity's title, for a notice. */
  title?: string;
}

/** The earliest planned row due after `after`. */
export async function nextPlanned(db: Db, after: Date): Promise<PlannedMoment | undefined> {
  const later = { status: 'planned', dueAt: { gt: after } };
  const [notice, reminder, run] = await Promise.all([
    db.notice.findFirst({ where: later, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], select: { dueAt: true, kind: true, activity: { select: { title: true } } } }),
    db.suggestionReminder.findFirst({ where: later, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], select: { dueAt: true, kind: true } }),
    db.scheduledRun.findFirst({ where: later, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], select: { dueAt: true, job: true } }),
  ]);
  const moments: PlannedMoment[] = [
    ...(notice ? [{ at: notice.dueAt, source: 'notice' as const, kind: notice.kind, title: notice.activity.title }] : []),
    ...(reminder ? [{ at: reminder.dueAt, source: 'suggestion' as const, kind: reminder.kind }] : []),
    ...(run ? [{ at: run.dueAt, source: 'run' as const, kind: run.job }] : []),
  ];
  return moments.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
}

/** The earliest moment after `after` at which a waiting outbox row or inbound event falls due. */
export async function nextQueued(db: Db, after: Date): Promise<Date | undefined> {
  const later = { status: 'pending', nextAttemptAt: { gt: after } };
  const [out, inbound] = await Promise.all([
    db.outbox.findFirst({ where: later, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true } }),
    db.inboundEvent.findFirst({ where: later, orderBy: { nextAttemptAt: 'asc' }, select: { nextAttemptAt: true } }),
  ]);
  const times = [out?.nextAttemptAt, inbound?.nextAttemptAt].filter((t): t is Date => t !== undefined);
  return times.sort((a, b) => a.getTime() - b.getTime())[0];
}

/** Whether an outbox row or inbound event is due at `now` or being worked on. */
export async function queuesBusy(db: Db, now: Date): Promise<boolean> {
  const busy = (working: string) => ({ OR: [{ status: 'pending', nextAttemptAt: { lte: now } }, { status: working }] });
  const [out, inbound] = await Promise.all([
    db.outbox.findFirst({ where: busy('sending'), select: { id: true } }),
    db.inboundEvent.findFirst({ where: busy('processing'), select: { id: true } }),
  ]);
  return Boolean(out || inbound);
}
