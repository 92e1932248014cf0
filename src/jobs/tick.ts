// What one scheduler tick does: keep the reception days materialised (every 10 minutes is
// plenty), then send whatever notices are due.
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../repositories/prisma.ts';
import { sendDueNotices, type NoticeDeps } from '../services/notices/send-due-notices.ts';
import { syncReceptionDays } from '../services/reception/reception-activities.ts';
import { isDeadlineReminderTime, sendDeadlineReminders } from '../services/register/deadline-reminders.ts';
import { runQuarterlyReminders } from '../services/quarterly/quarterly-reminders.ts';
import { runSuggestionSchedule } from '../services/suggestions/scheduled.ts';

const RECEPTION_SYNC_EVERY_MS = 10 * 60_000;
const DEADLINE_REMINDERS_EVERY_MS = 60 * 60_000; // rule R4: assignment deadlines, hourly

export function createTick(deps: NoticeDeps & { db: Db; clock: Clock; logger: Logger }): () => Promise<void> {
  let lastSync = Number.NEGATIVE_INFINITY;
  let lastDeadlineCheck = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = deps.clock.now();
    if (now.getTime() - lastSync >= RECEPTION_SYNC_EVERY_MS) {
      lastSync = now.getTime();
      const created = await syncReceptionDays(deps.db, now);
      if (created) deps.logger.info({ created }, 'reception days scheduled');
    }
    // Rule R4: assignment deadline reminders, hourly from 09:00 Shanghai (idempotent by key).
    if (now.getTime() - lastDeadlineCheck >= DEADLINE_REMINDERS_EVERY_MS && isDeadlineReminderTime(now)) {
      lastDeadlineCheck = now.getTime();
      await sendDeadlineReminders(deps, now);
    }
    await sendDueNotices(deps);
    await runQuarterlyReminders(deps); // rules A2, A3, A5; at most once an hour
    await runSuggestionSchedule(deps); // rules S1, S6: deadline reminders, weekly overdue list, annual targets
  };
}
