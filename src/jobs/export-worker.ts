// Builds the register files people asked for (ExportRequest rows), one at a time, off the
// chat event that asked: the streaming writer yields to the event loop as it goes, so the
// inbound and outbox workers on the same thread keep answering while a long book is written.
import type { PlatformClients } from './outbox-worker.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Channel, PlatformClient } from '../platforms/types.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Outbound } from '../services/outbound.ts';
import { processNextExport } from '../services/registers/export-jobs.ts';
import { PollingWorker } from './polling-worker.ts';

const IDLE_MS = 3_000;

export class ExportWorker extends PollingWorker {
  constructor(
    private readonly db: Db,
    private readonly clients: PlatformClients,
    private readonly outbound: Outbound,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    super('exports', logger, IDLE_MS);
  }

  async runOnce(): Promise<number> {
    const handled = await processNextExport({
      db: this.db, clock: this.clock, outbound: this.outbound, logger: this.log,
      upload: async (orgId, channel, file) => {
        const client = typeof this.clients === 'function' ? await this.clients(orgId, channel) : this.clients.get(channel);
        if (!client?.uploadFile) throw new Error(`channel ${channel} cannot send files`);
        return client.uploadFile(file);
      },
    });
    return handled ? 1 : 0;
  }
}
