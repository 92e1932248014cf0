// What one scheduler tick does: keep the reception days materialised (every 10 minutes is
// plenty), send the assignment deadline reminders (hourly from 09:00), send whatever notices
// and quarterly reminders are due, and the steps of the quarterly activity form (planned rows:
// a restart catches up what fell due while the bot was down), and every 10 minutes erase what
// has outlived RETENTION_DAYS (rule R6).
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import { errorLine } from '../lib/errors.ts';
import type { Db } from '../repositories/prisma.ts';
import { sendDueNotices, type NoticeDeps } from '../services/notices/send-due-notices.ts';
import { syncReceptionDays } from '../services/reception/reception-activities.ts';
import { isDeadlineReminderTime, sendDeadlineReminders } from '../services/register/deadline-reminders.ts';
import { runQuarterlyReminders } from '../services/quarterly/quarterly-reminders.ts';
import { runRecordsSchedule } from '../services/records/records-schedule.ts';
import { runActivityForms } from '../services/registers/activity-form-schedule.ts';
import { runRetention, type RetentionTable } from '../services/retention/retention-service.ts';
import { runSuggestionSchedule } from '../services/suggestions/scheduled.ts';

const RECEPTION_SYNC_EVERY_MS = 10 * 60_000;
const DEADLINE_REMINDERS_EVERY_MS = 60 * 60_000; // rule R4: assignment deadlines, hourly
const RETENTION_EVERY_MS = 10 * 60_000; // rule R6

export interface TickDeps extends NoticeDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Rule R6: erase processed payloads after this many days; without it the tick erases nothing. */
  retentionDays?: number;
  onErased?(table: RetentionTable, count: number): void;
  /** A quarterly reminder (or a step of the quarterly form) found after its window closed. */
  onRunMissed?(job: string): void;
  /** A scheduled step asked for register files (the quarterly form): build them now. */
  onFilesRequested?(): void;
}

export function createTick(deps: TickDeps): () => Promise<void> {
  let lastSync = Number.NEGATIVE_INFINITY;
  let lastDeadlineCheck = Number.NEGATIVE_INFINITY;
  let lastRetention = Number.NEGATIVE_INFINITY;
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
    await runQuarterlyReminders(deps); // rules A2, A3, A5
    await runRecordsSchedule(deps); // rules P2, P3, E1, E2, L4: diary, annual reports, summaries, sessions
    await runActivityForms(deps); // rule A5: the quarterly form drafted, chased, the missing ones named
    if (deps.retentionDays !== undefined && now.getTime() - lastRetention >= RETENTION_EVERY_MS) {
      lastRetention = now.getTime();
      await runRetention({ ...deps, retentionDays: deps.retentionDays }).catch((err) => deps.logger.error({ err: errorLine(err) }, 'retention run failed'));
    }
    await runSuggestionSchedule(deps); // rules S1, S6: deadline reminders, weekly overdue list, annual targets
  };
}
