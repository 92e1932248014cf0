// Rules R1, R2: every station's reception days become activities of kind 接待选民 with the
// deputies on duty as invitees, so the notice machinery sends their cards (3 days before, with
// 参加 / 请假), tells the station's staff, announces the day in the station's group chat and
// reminds the duty deputies at 08:30 on the day. The activity is keyed by its occurrence
// (sourceKey), so two instances syncing at once create it once. The sync runs set-based per
// organisation (reception-sync-repo.ts): a province's 15,000 stations in a few dozen statements.
import { parseIsoDate } from '../../domain/calendar/working-days.ts';
import { clockTime, type Policy } from '../../domain/policy.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { shanghaiInstant } from '../../domain/shanghai-time.ts';
import { onLeaveByDate } from '../../repositories/leave-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar } from '../calendar-service.ts';
import { noticeRows, planActivityNotices } from '../notices/plan-activity-notices.ts';
import { monthOf, stationRule, todayIn } from './reception-plan-service.ts';
import { receptionDates } from '../../domain/calendar/reception-rule.ts';
import { planDutyRotation } from '../../domain/calendar/duty-rotation.ts';
import type { IsoDate, WorkingCalendar } from '../../domain/calendar/working-days.ts';
import { planNotices, RECEPTION_NOTICE_POLICY, type NoticePlan } from '../../domain/notice-plan.ts';
import type { Station } from '../../repositories/reception-repo.ts';
import {
  createGeneratedActivities,
  daysBetween,
  dutiesBetweenAll,
  generatedActivities,
  insertDutiesMany,
  orgStations,
  plannedDaysWithDuties,
  stationDeputiesAll,
  upsertPlannedDays,
  type NewGeneratedActivity,
} from '../../repositories/reception-sync-repo.ts';
import { warnAssumedYears } from '../calendar-service.ts';
import { Outbound } from '../outbound.ts';

const RECEPTION = { title: '接待选民日', content: '代表接待选民，听取和反映群众的意见和建议' };

/**
 * The scheduler's sync: every organisation's stations at once (a province has 15,000), with
 * the same rules as planning one station (planOccurrences) and creating one day's activity.
 */
export async function syncReceptionDays(db: Db, now: Date): Promise<number> {
  const byOrg = groupBy(await orgStations(db), (s) => s.orgId);
  let created = 0;
  for (const [orgId, stations] of byOrg) created += await syncOrganisation(db, orgId, stations, now);
  return created;
}

async function syncOrganisation(db: Db, orgId: number, stations: Station[], now: Date): Promise<number> {
  const calendar = await loadCalendar(db, orgId);
  const policy = await loadPolicy(db, orgId);
  // Rule R2: deputies on approved leave that day are skipped by the rotation.
  const unavailable = await onLeaveByDate(db, orgId, now);
  // Rules R1, R2: the policy says how far ahead, how many on duty and the day's hours.
  const today = todayIn(now);
  const upcoming = stations.map((station) => ({
    station,
    days: receptionDates(stationRule(station), monthOf(today), policy.receptionPlanMonths, calendar).value.filter((d) => d.date >= today),
  }));
  await upsertPlannedDays(db, orgId, upcoming.flatMap(({ station, days }) => days.map((d) => ({ unitId: station.id, date: d.date, month: d.month }))), now);
  await assignAllDuties(db, orgId, upcoming.map(({ station, days }) => ({ unitId: station.id, dates: days.map((d) => d.date) })), policy.receptionDutiesPerDay, unavailable);
  return createDayActivities(db, orgId, stations, now, policy, calendar);
}

/** Rule R2, as planOccurrences does for one station: open planned days get the rotation's deputies. */
async function assignAllDuties(
  db: Db, orgId: number, stations: { unitId: number; dates: IsoDate[] }[], perOccurrence: number, unavailable: Record<IsoDate, number[]>,
): Promise<void> {
  const spans = stations.filter((s) => s.dates.length > 0);
  if (spans.length === 0) return;
  const first = spans.reduce((m, s) => (s.dates[0]! < m ? s.dates[0]! : m), spans[0]!.dates[0]!);
  const last = spans.reduce((m, s) => (s.dates.at(-1)! > m ? s.dates.at(-1)! : m), spans[0]!.dates.at(-1)!);
  const days = groupBy(await daysBetween(db, orgId, first, last), (d) => d.unitId);
  const past = groupBy(await dutiesBetweenAll(db, orgId, `${Number(first.slice(0, 4)) - 1}-01-01`, `${last.slice(0, 4)}-12-31`), (d) => d.unitId);
  const deputies = groupBy(await stationDeputiesAll(db, orgId), (d) => d.unitId);
  const away = Object.fromEntries(Object.entries(unavailable).map(([date, ids]) => [date, ids.map(String)]));
  const duties: { occurrenceId: number; personId: number }[] = [];
  for (const { unitId, dates } of spans) {
    const [from, to] = [dates[0]!, dates.at(-1)!];
    const since = `${Number(from.slice(0, 4)) - 1}-01-01`;
    const until = `${to.slice(0, 4)}-12-31`;
    const stationPast = (past.get(unitId) ?? []).filter((d) => d.date >= since && d.date <= until);
    const staffed = new Set(stationPast.map((d) => d.occurrenceId));
    const open = (days.get(unitId) ?? []).filter((o) => o.status === 'planned' && o.date >= from && o.date <= to && !staffed.has(o.id));
    if (open.length === 0) continue;
    const rotation = planDutyRotation({
      deputyIds: (deputies.get(unitId) ?? []).map((d) => String(d.personId)),
      past: stationPast.map((d) => ({ date: d.date, deputyId: String(d.personId) })),
      occurrences: open.map((o) => o.date),
      perOccurrence,
      unavailable: away,
    });
    const byDate = new Map(open.map((o) => [o.date, o.id]));
    for (const slot of rotation.slots) {
      const occurrenceId = byDate.get(slot.date);
      if (occurrenceId !== undefined) duties.push(...slot.deputyIds.map((id) => ({ occurrenceId, personId: Number(id) })));
    }
  }
  await insertDutiesMany(db, duties);
}

/** Each planned day with deputies on duty becomes a 接待选民 activity with its notices planned (A4). */
async function createDayActivities(db: Db, orgId: number, stations: Station[], now: Date, policy: Policy, calendar: WorkingCalendar): Promise<number> {
  const names = new Map(stations.map((s) => [s.id, s.name]));
  const existing = await generatedActivities(db, orgId, 'reception:');
  const start = clockTime(policy.receptionStart);
  const end = clockTime(policy.receptionEnd);
  const plans = new Map<IsoDate, NoticePlan>();
  const fresh: NewGeneratedActivity[] = [];
  for (const day of await plannedDaysWithDuties(db, orgId, todayIn(now))) {
    const sourceKey = `reception:${day.id}`;
    if (day.duties.length === 0 || !names.has(day.unitId)) continue;
    const found = existing.get(sourceKey);
    if (found) {
      // An instance that created it but stopped before planning: plan now (rows are keyed).
      if (!found.planned) await planActivityNotices(db, found.id, now);
      continue;
    }
    const date = parseIsoDate(day.date);
    const startAt = shanghaiInstant(date, start.hour, start.minute);
    if (startAt <= now) continue;
    // An end not after the start (a mistyped policy) gives the day its start plus two and a half hours.
    const endAt = endAfter(startAt, shanghaiInstant(date, end.hour, end.minute));
    let plan = plans.get(day.date);
    // Rule R2: a reception day has its own notice rule, whatever the unit's.
    if (!plan) plans.set(day.date, (plan = planNotices({ unitKind: 'station', startAt, endAt }, RECEPTION_NOTICE_POLICY, calendar, now)));
    fresh.push({
      sourceKey, orgId, unitId: day.unitId, kind: 'reception', title: RECEPTION.title, startAt, endAt, place: names.get(day.unitId)!, content: RECEPTION.content,
      invitees: day.duties, notices: noticeRows(plan, day.duties),
    });
  }
  const created = await createGeneratedActivities(db, fresh, now);
  // Rule R4: a due date counted over a year without holiday data is a guess; the office is told once.
  const assumed = [...new Set([...plans.values()].flatMap((p) => p.assumedYears))];
  await warnAssumedYears({ db, outbound: new Outbound(db, { now: () => now }) }, orgId, assumed);
  return created;
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}

const DEFAULT_LENGTH_MS = 150 * 60_000;

function endAfter(start: Date, end: Date): Date {
  return end.getTime() > start.getTime() ? end : new Date(start.getTime() + DEFAULT_LENGTH_MS);
}
