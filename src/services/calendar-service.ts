// The organisation's working-day calendar (rule R4): chinese-days corrected by the stored
// overrides, and the one-time warning when an answer had to assume a year is weekends-only.
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar/working-days.ts';
import { createLogger, scopedLogger, type Logger } from '../lib/logger.ts';
import type { Metrics } from '../lib/metrics.ts';
import { listOverrides } from '../repositories/calendar-repo.ts';
import { findOfficeUnitIds, findUnitContacts } from '../repositories/people-repo.ts';
import { audienceOf, sendToAudience } from './audience.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Outbound } from './outbound.ts';

export const calendarMessages = {
  assumedYear: (year: number) => `${year} 年的节假日安排尚未录入，系统暂按周末休息计算；请用 npm run calendar -- add 录入调休安排。`,
};

export async function loadCalendar(db: Db, orgId: number): Promise<WorkingCalendar> {
  return createWorkingCalendar(await listOverrides(db, orgId));
}

export interface WarnDeps {
  db: Db;
  outbound: Outbound;
  /** Default: the request-scoped logger, else one on stderr (scripts have none; stdout is their output). */
  logger?: Logger;
  metrics?: Metrics;
}

let fallbackLogger: Logger | undefined;

/**
 * Tells the office, once per (org, year), that a computation guessed a year as weekends-only.
 * "Once" rests on the outbox key, which survives restarts: the log line and the counter follow
 * the message, so they fire only when the message was really new. Without office staff to tell
 * nothing can be recorded, so the log and counter then repeat — that is itself worth seeing.
 */
export async function warnAssumedYears(deps: WarnDeps, orgId: number, years: readonly number[]): Promise<void> {
  if (years.length === 0) return;
  const staff = await findUnitContacts(deps.db, await findOfficeUnitIds(deps.db, orgId), ['staff']);
  const audience = await audienceOf(deps.db, orgId, [...new Set(staff.map((s) => s.person.id))]);
  const users = [...audience.values()].flat();
  const logger = deps.logger ?? scopedLogger((fallbackLogger ??= createLogger('warn', process.stderr)));
  const count = deps.metrics?.counter('bot_calendar_assumed_years_total', 'Years a working-day computation assumed weekends-only (no holiday data, no overrides)');
  for (const year of years) {
    const text = calendarMessages.assumedYear(year);
    const added = users.length === 0 ? 1 : await sendToAudience(deps.outbound, orgId, audience, `calendar-warning|${orgId}|${year}`, (toUsers) => ({ kind: 'text', toUsers, text }));
    if (added === 0) continue;
    logger.warn({ orgId, year, told: users.length }, 'calendar year has no holiday data; assuming weekends only');
    count?.({ year });
  }
}
