// What one scheduler tick does: keep the reception days materialised (every 10 minutes is
// plenty), then send whatever notices are due.
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../repositories/prisma.ts';
import { sendDueNotices, type NoticeDeps } from '../services/notices/send-due-notices.ts';
import { syncReceptionDays } from '../services/reception/reception-activities.ts';

const RECEPTION_SYNC_EVERY_MS = 10 * 60_000;

export function createTick(deps: NoticeDeps & { db: Db; clock: Clock; logger: Logger }): () => Promise<void> {
  let lastSync = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = deps.clock.now();
    if (now.getTime() - lastSync >= RECEPTION_SYNC_EVERY_MS) {
      lastSync = now.getTime();
      const created = await syncReceptionDays(deps.db, now);
      if (created) deps.logger.info({ created }, 'reception days scheduled');
    }
    await sendDueNotices(deps);
  };
}
