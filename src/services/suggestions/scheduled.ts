// The suggestions' part of the scheduler tick (rules S1, S6): planned deadline reminders every
// tick (cheap when nothing is due), the weekly overdue list hourly, the last-quarter target
// reminders every six hours. Each sends through outbox keys, so running more often would
// only cost queries, never a second message.
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { Outbound } from '../outbound.ts';
import { sendWeeklyOverdueList } from './overdue-service.ts';
import { sendSuggestionReminders } from './reminder-service.ts';
import { sendAnnualTargetReminders } from './targets-service.ts';

const HOUR = 3600_000;
const lastRun = new WeakMap<object, { overdue: number; targets: number }>();

export async function runSuggestionSchedule(deps: { db: Db; clock: Clock; outbound: Outbound; logger: Logger }): Promise<void> {
  const now = deps.clock.now();
  const last = lastRun.get(deps) ?? { overdue: Number.NEGATIVE_INFINITY, targets: Number.NEGATIVE_INFINITY };
  lastRun.set(deps, last);
  const d = { db: deps.db, outbound: deps.outbound, now, logger: deps.logger };
  try {
    const sent = await sendSuggestionReminders(d);
    if (shanghaiParts(now).minuteOfDay < 9 * 60) return; // lists and reminders are not sent at night
    if (now.getTime() - last.overdue >= HOUR) {
      last.overdue = now.getTime();
      await sendWeeklyOverdueList(d);
    }
    if (now.getTime() - last.targets >= 6 * HOUR) {
      last.targets = now.getTime();
      await sendAnnualTargetReminders(d);
    }
    if (sent) deps.logger.info({ sent }, 'suggestion reminders queued');
  } catch (err) {
    deps.logger.error({ err }, 'suggestion schedule failed');
  }
}
