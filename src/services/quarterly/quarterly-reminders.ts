// Rules A2, A3 on the calendar: on the 10th of a quarter's last month the leaders of groups
// with no collective activity yet that quarter are reminded; on the quarter's last day office
// staff get the groups and stations below their minimums. (Rule A5's form is drafted, chased
// and delivered by services/registers/activity-form-schedule.ts.) Each duty is a planned
// row (ScheduledRun) per organisation and quarter, planned a quarter ahead: a bot that was down
// over the day catches it up while what it says is still true (quarterDutyWindows), and reports
// it as missed after that. Each message has an outbox key per (org, quarter, kind, unit), so it
// goes once across ticks, restarts and instances.
import {
  dutyJudgedAt,
  groupShortfalls,
  homeShortfalls,
  largeGroupShortfalls,
  quarterById,
  quarterDutyWindows,
  quarterLabel,
  quarterOf,
  quarterlyDuty,
  stationShortfalls,
  type Quarter,
  type QuarterlyDutyKind,
  type Shortfall,
} from '../../domain/quarterly-duties.ts';
import type { Policy } from '../../domain/policy.ts';
import { rankOf, type UnitRank } from '../../domain/unit-structure.ts';
import { attendanceOutcomes } from '../../repositories/attendance-outcome-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { formatDate, shanghaiInstant } from '../../domain/shanghai-time.ts';
import type { Clock } from '../../lib/clock.ts';
import { errorLine } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { dueRuns, finishRun, planRuns } from '../../repositories/scheduled-run-repo.ts';
import { CATCH_UP_MS } from '../notices/send-due-notices.ts';
import { sendTextsToPeople, type PeopleText } from '../audience.ts';
import type { Outbound } from '../outbound.ts';
import { quarterlyMessages as m } from './messages.ts';

/** Who is reminded for a group (rules A2, A5: the leader convenes and reports). */
export const GROUP_LEADER_ROLES = ['leader', 'vice_leader'] as const;

export interface QuarterlyDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
}

export function quarterlyKey(orgId: number, quarter: string, kind: QuarterlyDutyKind, unit: number | 'office'): string {
  return ['quarterly', orgId, quarter, kind, unit].join('|');
}

/** Enqueues one duty's messages for one organisation, judged at `at`; returns how many rows were new. */
export async function sendQuarterlyDuty(deps: QuarterlyDeps, orgId: number, kind: QuarterlyDutyKind, q: Quarter, at: Date): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const items = kind === 'minimums' ? await minimumsItems(deps.db, orgId, q, at, policy) : await groupItems(deps.db, orgId, kind, q, at, policy);
  return items.length ? sendTextsToPeople(deps, orgId, items) : 0;
}

/** Enqueues today's quarterly reminders for every organisation, if today has a duty (a direct run). */
export async function sendQuarterlyReminders(deps: QuarterlyDeps, now: Date = deps.clock.now()): Promise<number> {
  const orgs = await deps.db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let written = 0;
  for (const org of orgs) {
    const duty = quarterlyDuty(now, await loadPolicy(deps.db, org.id));
    if (duty) written += await sendQuarterlyDuty(deps, org.id, duty.kind, duty.quarter, now);
  }
  return written;
}

/** Groups and stations with their activities since `from`, each with its rank (group, larger group, station, home). */
async function unitsWithActivities(db: Db, orgId: number, from: Date, now: Date) {
  const units = await db.unit.findMany({
    where: { orgId, kind: { in: ['group', 'station'] } },
    select: {
      id: true,
      kind: true,
      name: true,
      parentId: true,
      isHome: true,
      activities: { where: { startAt: { gte: from, lt: now }, status: 'scheduled' }, select: { id: true, kind: true, startAt: true, status: true } },
    },
    orderBy: { id: 'asc' },
  });
  const shapes = units.map((u) => ({ ...u, isHome: u.isHome === true }));
  return shapes.map((u) => ({ ...u, rank: rankOf(u, shapes) as UnitRank }));
}

async function groupItems(db: Db, orgId: number, kind: 'no_activity_yet', q: Quarter, at: Date, policy: Policy): Promise<PeopleText[]> {
  // Rule A2 concerns the small groups; a larger group has its own half-yearly minimum.
  const groups = (await unitsWithActivities(db, orgId, q.start, at)).filter((u) => u.rank === 'group');
  const targets = groups.filter((g) => groupShortfalls(g.activities, at, policy).some((s) => s.code === 'group_quarter'));
  if (!targets.length) return [];
  const contacts = await findUnitContacts(db, targets.map((g) => g.id), [...GROUP_LEADER_ROLES]);
  const label = quarterLabel(q);
  const items: PeopleText[] = [];
  for (const g of targets) {
    const personIds = contacts.filter((c) => c.unit.id === g.id).map((c) => c.person.id);
    if (!personIds.length) continue;
    const text = m.noActivityYet(g.name, label, policy.groupActivitiesPerQuarter);
    items.push({ key: quarterlyKey(orgId, q.id, kind, g.id), personIds, text });
  }
  return items;
}

async function minimumsItems(db: Db, orgId: number, q: Quarter, at: Date, policy: Policy): Promise<PeopleText[]> {
  const officeIds = await findOfficeUnitIds(db, orgId);
  if (!officeIds.length) return [];
  const personIds = (await findUnitContacts(db, officeIds, ['staff'])).map((c) => c.person.id);
  if (!personIds.length) return [];
  const lines: string[] = [];
  for (const unit of await unitsWithActivities(db, orgId, q.yearStart, at)) {
    const short = await unitShortfalls(db, orgId, unit, q, at, policy);
    if (short.length) lines.push(m.minimumsLine(unit.name, short));
  }
  const label = quarterLabel(q);
  const text = lines.length ? [m.minimumsTitle(label), ...lines].join('\n') : m.minimumsAllMet(label);
  return [{ key: quarterlyKey(orgId, q.id, 'minimums', 'office'), personIds, text }];
}

type RankedUnit = Awaited<ReturnType<typeof unitsWithActivities>>[number];

/** Rules A2, A3: each kind of unit against its own minimums (a deputies' home also by participation). */
async function unitShortfalls(db: Db, orgId: number, unit: RankedUnit, q: Quarter, at: Date, policy: Policy): Promise<Shortfall[]> {
  switch (unit.rank) {
    case 'group':
      return groupShortfalls(unit.activities, at, policy);
    case 'large_group':
      return largeGroupShortfalls(unit.activities, at, policy);
    case 'station':
      return stationShortfalls(unit.activities, at, policy);
    case 'home': {
      const ids = unit.activities.filter((a) => a.startAt >= q.start).map((a) => a.id);
      const outcomes = ids.length ? await attendanceOutcomes(db, { orgId, activityIds: ids, from: q.start, to: q.end, now: at }) : [];
      const participation = { invited: outcomes.length, present: outcomes.filter((o) => o.outcome === 'present').length };
      return homeShortfalls(unit.activities, at, policy, participation);
    }
    default:
      return [];
  }
}

export const QUARTERLY_JOB = 'quarterly:';
const KINDS = new Set<string>(['no_activity_yet', 'minimums']);
/** Planned before the quarterly form took over rule A5's reminder: finished without a message. */
const SUPERSEDED = new Set<string>(['form_due']);

/**
 * Plans this quarter's and the next quarter's duties for every organisation (a row exists long
 * before its day, so a bot down over that day finds it). A duty more than 24 hours past when
 * first planned (a fresh install) is left out, as notices are at start-up.
 */
export async function planQuarterlyRuns(db: Db, now: Date): Promise<number> {
  const current = quarterOf(now);
  const orgs = await db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const rows = [];
  for (const org of orgs) {
    // The days are each organisation's own (policy): a row planned before a change keeps its day.
    const policy = await loadPolicy(db, org.id);
    const windows = [...quarterDutyWindows(current, policy), ...quarterDutyWindows(quarterOf(current.end), policy)].filter(
      (w) => w.dueAt.getTime() > now.getTime() - CATCH_UP_MS && w.expiresAt.getTime() > now.getTime(),
    );
    rows.push(...windows.map((w) => ({ orgId: org.id, job: `${QUARTERLY_JOB}${w.kind}`, period: w.quarter.id, dueAt: w.dueAt, expiresAt: w.expiresAt })));
  }
  return planRuns(db, rows, now);
}

export interface QuarterlyRunDeps extends QuarterlyDeps {
  logger: Logger;
  /** A duty found after its window closed (the bot was not running while it could be sent). */
  onRunMissed?(job: string): void;
}

/** Sends the planned duties whose time has come; one found past its window is reported, not sent. */
export async function sendDueQuarterlyRuns(deps: QuarterlyRunDeps): Promise<number> {
  const now = deps.clock.now();
  let written = 0;
  for (const run of await dueRuns(deps.db, QUARTERLY_JOB, now)) {
    const kind = run.job.slice(QUARTERLY_JOB.length);
    const quarter = quarterById(run.period);
    if (SUPERSEDED.has(kind)) {
      await finishRun(deps.db, run.id, 'done', now);
      continue;
    }
    if (!quarter || !KINDS.has(kind) || run.expiresAt.getTime() <= now.getTime()) {
      if (await finishRun(deps.db, run.id, 'missed', now)) {
        deps.logger.warn({ orgId: run.orgId, job: run.job, period: run.period, dueAt: run.dueAt }, 'quarterly reminder not sent in its window (the bot was not running): not sent late');
        deps.onRunMissed?.(run.job);
      }
      continue;
    }
    written += await sendQuarterlyDuty(deps, run.orgId, kind as QuarterlyDutyKind, quarter, dutyJudgedAt(quarter, now));
    await finishRun(deps.db, run.id, 'done', now);
  }
  return written;
}

const PLAN_EVERY_MS = 60 * 60_000;
const lastPlanned = new WeakMap<object, number>();

/**
 * For the scheduler tick: plans duties at most once an hour per deps object (one per
 * createTick), sends what is due on every tick, and logs rather than throws so a failure does
 * not stop the tick.
 */
export async function runQuarterlyReminders(deps: QuarterlyRunDeps): Promise<void> {
  const now = deps.clock.now();
  try {
    if (now.getTime() - (lastPlanned.get(deps) ?? Number.NEGATIVE_INFINITY) >= PLAN_EVERY_MS) {
      await planQuarterlyRuns(deps.db, now);
      lastPlanned.set(deps, now.getTime());
    }
    const written = await sendDueQuarterlyRuns(deps);
    if (written) deps.logger.info({ written }, 'quarterly reminders sent');
  } catch (err) {
    deps.logger.error({ err: errorLine(err) }, 'quarterly reminders failed');
  }
}
