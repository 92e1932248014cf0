// Rules R1, R2: every station's reception days become activities of kind 接待选民 with the
// deputies on duty as invitees, so the notice machinery sends their cards (3 days before, with
// 参加 / 请假), tells the station's staff, announces the day in the station's group chat and
// reminds the duty deputies at 08:30 on the day. The activity is keyed by its occurrence
// (sourceKey), so two instances syncing at once create it once.
import { parseIsoDate } from '../../domain/calendar/working-days.ts';
import { clockTime, type Policy } from '../../domain/policy.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { shanghaiInstant } from '../../domain/shanghai-time.ts';
import { createActivityWithInvitees } from '../../repositories/activity-repo.ts';
import { onLeaveByDate } from '../../repositories/leave-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { isUniqueViolation } from '../../repositories/db-errors.ts';
import { loadCalendar } from '../calendar-service.ts';
import { planActivityNotices } from '../notices/plan-activity-notices.ts';
import { monthOf, planOccurrences, todayIn } from './reception-plan-service.ts';

const RECEPTION = { title: '接待选民日', content: '代表接待选民，听取和反映群众的意见和建议' };

export async function syncReceptionDays(db: Db, now: Date): Promise<number> {
  const stations = await db.unit.findMany({ where: { kind: 'station' }, select: { id: true, orgId: true, name: true, receptionRule: true } });
  let created = 0;
  for (const station of stations) {
    const calendar = await loadCalendar(db, station.orgId);
    const policy = await loadPolicy(db, station.orgId);
    // Rule R2: deputies on approved leave that day are skipped by the rotation.
    const unavailable = await onLeaveByDate(db, station.orgId, now);
    // Rules R1, R2: the policy says how far ahead, how many on duty and the day's hours.
    await planOccurrences(db, station, monthOf(todayIn(now)), policy.receptionPlanMonths, now, calendar, { unavailable, perOccurrence: policy.receptionDutiesPerDay });
    const days = await db.receptionOccurrence.findMany({
      where: { unitId: station.id, status: 'planned', date: { gte: todayIn(now) } },
      include: { duties: { select: { personId: true } } },
    });
    for (const day of days) created += await ensureActivity(db, station, day, now, policy);
  }
  return created;
}

type Day = { id: number; date: string; duties: { personId: number }[] };

async function ensureActivity(db: Db, station: { id: number; orgId: number; name: string }, day: Day, now: Date, policy: Policy): Promise<number> {
  const sourceKey = `reception:${day.id}`;
  if (day.duties.length === 0) return 0;
  const existing = await db.activity.findUnique({ where: { sourceKey }, select: { id: true, _count: { select: { notices: true } } } });
  if (existing) {
    // An instance that created it but stopped before planning: plan now (rows are keyed).
    if (existing._count.notices === 0) await planActivityNotices(db, existing.id, now);
    return 0;
  }
  const date = parseIsoDate(day.date);
  const start = clockTime(policy.receptionStart);
  const end = clockTime(policy.receptionEnd);
  const startAt = shanghaiInstant(date, start.hour, start.minute);
  if (startAt <= now) return 0;
  try {
    const activity = await createActivityWithInvitees(
      db,
      {
        orgId: station.orgId, unitId: station.id, kind: 'reception', title: RECEPTION.title, startAt,
        // An end not after the start (a mistyped policy) gives the day its start plus two and a half hours.
        endAt: endAfter(startAt, shanghaiInstant(date, end.hour, end.minute)), place: station.name,
        content: RECEPTION.content, signInCode: null, signInOpensBefore: 30, createdById: null,
      },
      day.duties.map((d) => d.personId),
      sourceKey,
    );
    await planActivityNotices(db, activity.id, now);
    return 1;
  } catch (err) {
    // Another instance created it a moment ago.
    if (isUniqueViolation(err)) return 0;
    throw err;
  }
}

const DEFAULT_LENGTH_MS = 150 * 60_000;

function endAfter(start: Date, end: Date): Date {
  return end.getTime() > start.getTime() ? end : new Date(start.getTime() + DEFAULT_LENGTH_MS);
}
