// Processes claimed InboundEvent rows through the dispatcher, never inside the HTTP request.
// A failure is retried with backoff; after the last try the row is marked failed (the
// dispatcher's error boundary has already told the user). A failure that no retry can mend
// (bad input; a query the database refuses for its values) is final at once: one log line,
// no retries. Errors are logged and stored as one line, never a Prisma excerpt with values.
import { backoffDelay } from '../lib/backoff.ts';
import type { Clock } from '../lib/clock.ts';
import { errorLine, isBadInput } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Metrics } from '../lib/metrics.ts';
import { isDeterministicDbError } from '../repositories/db-errors.ts';
import type { Db } from '../repositories/prisma.ts';
import * as inbound from '../repositories/inbound-repo.ts';
import { PollingWorker, yieldToEventLoop } from './polling-worker.ts';

export interface EventHandler {
  handle(event: inbound.ClaimedInboundEvent, finalAttempt: boolean): Promise<void>;
}

const MAX_ATTEMPTS = 4;

/** Whether trying the same event again can only fail the same way. */
export function isPermanentFailure(err: unknown): boolean {
  return isBadInput(err) || isDeterministicDbError(err);
}
const LOCK_MS = 60_000;
const BACKOFF = { baseMs: 1_000, maxMs: 60_000 };
const YIELD_EVERY_MS = 5;

export class InboundWorker extends PollingWorker {
  private readonly countProcessed: ReturnType<Metrics['counter']>;

  constructor(
    private readonly db: Db,
    private readonly handler: EventHandler,
    private readonly clock: Clock,
    logger: Logger,
    metrics: Metrics,
    private readonly batchSize = 100,
    idleDelayMs = 500,
  ) {
    super('inbound', logger, idleDelayMs);
    this.countProcessed = metrics.counter('bot_inbound_processed_total', 'Inbound events processed by result');
  }

  /**
   * Handles due events one after another in arrival order (which keeps each sender's order).
   * The database driver is synchronous, so running them side by side would gain nothing;
   * instead the loop yields every few milliseconds so HTTP acks on this thread stay fast.
   */
  async runOnce(): Promise<number> {
    const events = await inbound.claimDueEvents(this.db, this.clock.now(), this.batchSize, LOCK_MS);
    let slice = performance.now();
    for (const event of events) {
      await this.process(event);
      if (performance.now() - slice > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
    }
    return events.length;
  }

  private async process(event: inbound.ClaimedInboundEvent): Promise<void> {
    const finalAttempt = event.attempts >= MAX_ATTEMPTS;
    try {
      await this.handler.handle(event, finalAttempt);
      await inbound.markEventDone(this.db, event, this.clock.now());
      this.countProcessed({ result: 'done' });
    } catch (err) {
      const message = errorLine(err);
      if (isBadInput(err)) {
        await inbound.markEventRefused(this.db, event, this.clock.now(), err.code);
        this.countProcessed({ result: 'refused' });
        this.log.warn({ inboundId: event.id, code: err.code, reason: err.message }, 'inbound event refused: bad input, not retried');
        return;
      }
      if (finalAttempt || isDeterministicDbError(err)) {
        await inbound.markEventFailed(this.db, event, this.clock.now(), message);
        this.countProcessed({ result: 'failed' });
        this.log.error({ inboundId: event.id, err: message }, 'inbound event failed for good');
        return;
      }
      const next = new Date(this.clock.now().getTime() + backoffDelay(event.attempts, BACKOFF));
      await inbound.markEventRetry(this.db, event, next, message);
      this.countProcessed({ result: 'retry' });
      this.log.warn({ inboundId: event.id, err: message, attempts: event.attempts }, 'inbound event failed, will retry');
    }
  }
}
