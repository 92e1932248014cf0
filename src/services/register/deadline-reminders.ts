// Assignment deadline reminders (rule R4), privately to office staff: for each issue still
// recorded, one text when 2 working days are left before its deadline and one on the deadline
// day; and one list a day per organisation of the overdue ones. Sent from 09:00 Shanghai time
// on. Each reminder follows from the state on the day it runs, not from the day alone:
// a bot that was down on the "2 days left" day sends it the next day with the days actually
// left, and an issue whose deadline passed while the bot was down is in the next overdue list.
// Names may appear (office staff only, private messages); phones never, and nothing
// identifying is logged (rule R6). Idempotent through the outbox keys, so ticks and instances
// may repeat freely.
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { toIsoDate } from '../../domain/calendar/working-days.ts';
import { assignMessages as m } from '../../flows/register/assign-messages.ts';
import type { Logger } from '../../lib/logger.ts';
import { listRecordedVisits, type VisitSummary } from '../../repositories/assignment-repo.ts';
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar, warnAssumedYears } from '../calendar-service.ts';
import { audienceOf, sendTextsToPeople } from '../audience.ts';
import type { Outbound } from '../outbound.ts';

export const REMINDER_FROM_MINUTE = 9 * 60;

/** From 09:00 Shanghai time on: reminders are not sent at night. */
export function isDeadlineReminderTime(now: Date): boolean {
  return shanghaiParts(now).minuteOfDay >= REMINDER_FROM_MINUTE;
}

export interface ReminderDeps {
  db: Db;
  outbound: Outbound;
  logger: Logger;
}

/** Returns how many messages were newly queued. */
export async function sendDeadlineReminders(deps: ReminderDeps, now: Date): Promise<number> {
  const { date, minuteOfDay } = shanghaiParts(now);
  if (minuteOfDay < REMINDER_FROM_MINUTE) return 0;
  const today = toIsoDate(date);
  const byOrg = new Map<number, VisitSummary[]>();
  for (const v of await listRecordedVisits(deps.db)) byOrg.set(v.orgId, [...(byOrg.get(v.orgId) ?? []), v]);
  let queued = 0;
  for (const [orgId, visits] of byOrg) {
    const calendar = await loadCalendar(deps.db, orgId);
    // Rule R4: reminded when the policy's number of working days (2) or fewer are left.
    const remindWithin = (await loadPolicy(deps.db, orgId)).receptionRemindWorkingDays;
    const assumed = new Set<number>();
    const items: { key: string; text: string }[] = [];
    const overdue: VisitSummary[] = [];
    for (const v of visits) {
      if (v.deadline < today) {
        overdue.push(v);
        continue;
      }
      if (v.deadline === today) {
        items.push({ key: `deadline|${v.id}|today`, text: m.dueToday(v.deadline, [v]) });
        continue;
      }
      const left = calendar.workingDaysBetween(today, v.deadline);
      left.assumedYears.forEach((y) => assumed.add(y));
      // One "soon" reminder per issue (its key), on the first run inside the window.
      if (left.value >= 1 && left.value <= remindWithin) {
        items.push({ key: `deadline|${v.id}|before2`, text: m.dueSoon(v.deadline, [v], left.value) });
      }
    }
    if (overdue.length) items.push({ key: `overdue|${orgId}|${today}`, text: m.overdue(overdue) });
    if (assumed.size) await warnAssumedYears({ db: deps.db, outbound: deps.outbound, logger: deps.logger }, orgId, [...assumed]);
    if (items.length === 0) continue;
    const staff = await findUnitContacts(deps.db, await findOfficeUnitIds(deps.db, orgId), ['staff']);
    const personIds = staff.map((s) => s.person.id);
    if ((await audienceOf(deps.db, orgId, personIds)).size === 0) {
      deps.logger.warn({ orgId, reminders: items.length }, 'assignment reminders have no office staff to go to');
      continue;
    }
    const added = await sendTextsToPeople(deps, orgId, items.map((i) => ({ key: i.key, personIds, text: i.text })));
    if (added) deps.logger.info({ orgId, added }, 'assignment deadline reminders queued');
    queued += added;
  }
  return queued;
}
