// Rules A2, A3, A5 on the calendar: on the 10th of a quarter's last month the leaders of groups
// with no collective activity yet that quarter are reminded; on the 15th every group's leaders
// are reminded that the activity registration form is due on the 20th; on the quarter's last
// day office staff get the groups and stations below their minimums. Each message has an
// outbox key per (org, quarter, kind, unit), so it goes once across ticks, restarts and
// instances.
import {
  FORM_DUE_DAY,
  groupShortfalls,
  quarterLabel,
  quarterlyDuty,
  stationShortfalls,
  type Quarter,
  type QuarterlyDutyKind,
} from '../../domain/quarterly-duties.ts';
import { formatDate, shanghaiInstant } from '../../domain/shanghai-time.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { Outbound, OutboundItem } from '../outbound.ts';
import { quarterlyMessages as m } from './messages.ts';

const CHANNEL = 'wecom' as const;
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

/** Enqueues today's quarterly reminders, if any; returns how many new outbox rows were written. */
export async function sendQuarterlyReminders(deps: QuarterlyDeps, now: Date = deps.clock.now()): Promise<number> {
  const duty = quarterlyDuty(now);
  if (!duty) return 0;
  const orgs = await deps.db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let written = 0;
  for (const org of orgs) {
    const items =
      duty.kind === 'minimums' ? await minimumsItems(deps.db, org.id, duty.quarter, now) : await groupItems(deps.db, org.id, duty.kind, duty.quarter, now);
    if (items.length) written += await deps.outbound.send(org.id, CHANNEL, items);
  }
  return written;
}

async function unitsWithActivities(db: Db, orgId: number, kind: 'group' | 'station', from: Date, now: Date) {
  return db.unit.findMany({
    where: { orgId, kind },
    select: {
      id: true,
      name: true,
      activities: { where: { startAt: { gte: from, lt: now }, status: 'scheduled' }, select: { kind: true, startAt: true, status: true } },
    },
    orderBy: { id: 'asc' },
  });
}

async function groupItems(db: Db, orgId: number, kind: 'no_activity_yet' | 'form_due', q: Quarter, now: Date): Promise<OutboundItem[]> {
  const groups = await unitsWithActivities(db, orgId, 'group', q.start, now);
  const targets = kind === 'form_due' ? groups : groups.filter((g) => groupShortfalls(g.activities, now).some((s) => s.code === 'group_quarter'));
  if (!targets.length) return [];
  const contacts = await findUnitContacts(db, targets.map((g) => g.id), [...GROUP_LEADER_ROLES], CHANNEL);
  const label = quarterLabel(q);
  const due = formatDate(shanghaiInstant({ year: q.year, month: q.months[2], day: FORM_DUE_DAY }, 12, 0));
  const items: OutboundItem[] = [];
  for (const g of targets) {
    const toUsers = [...new Set(contacts.filter((c) => c.unit.id === g.id).map((c) => c.platformUserId).filter((u): u is string => !!u))];
    if (!toUsers.length) continue;
    const text = kind === 'form_due' ? m.formDue(g.name, label, due) : m.noActivityYet(g.name, label);
    items.push({ key: quarterlyKey(orgId, q.id, kind, g.id), message: { kind: 'text', toUsers, text } });
  }
  return items;
}

async function minimumsItems(db: Db, orgId: number, q: Quarter, now: Date): Promise<OutboundItem[]> {
  const officeIds = await findOfficeUnitIds(db, orgId);
  if (!officeIds.length) return [];
  const staff = await findUnitContacts(db, officeIds, ['staff'], CHANNEL);
  const toUsers = [...new Set(staff.map((c) => c.platformUserId).filter((u): u is string => !!u))];
  if (!toUsers.length) return [];
  const lines: string[] = [];
  for (const g of await unitsWithActivities(db, orgId, 'group', q.yearStart, now)) {
    const short = groupShortfalls(g.activities, now);
    if (short.length) lines.push(m.minimumsLine(g.name, short));
  }
  for (const s of await unitsWithActivities(db, orgId, 'station', q.yearStart, now)) {
    const short = stationShortfalls(s.activities, now);
    if (short.length) lines.push(m.minimumsLine(s.name, short));
  }
  const label = quarterLabel(q);
  const text = lines.length ? [m.minimumsTitle(label), ...lines].join('\n') : m.minimumsAllMet(label);
  return [{ key: quarterlyKey(orgId, q.id, 'minimums', 'office'), message: { kind: 'text', toUsers, text } }];
}

const RUN_EVERY_MS = 60 * 60_000;
const lastRun = new WeakMap<object, number>();

/**
 * For the scheduler tick: runs sendQuarterlyReminders at most once an hour per deps object
 * (one per createTick), and logs rather than throws so a failure does not stop the tick.
 */
export async function runQuarterlyReminders(deps: QuarterlyDeps & { logger: Logger }): Promise<void> {
  const now = deps.clock.now();
  if (now.getTime() - (lastRun.get(deps) ?? Number.NEGATIVE_INFINITY) < RUN_EVERY_MS) return;
  lastRun.set(deps, now.getTime());
  try {
    const written = await sendQuarterlyReminders(deps, now);
    if (written) deps.logger.info({ written }, 'quarterly reminders sent');
  } catch (err) {
    deps.logger.error({ err }, 'quarterly reminders failed');
  }
}
