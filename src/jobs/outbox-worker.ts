// Drains the Outbox: claims due rows, sends them, records the platform's answer. Retries
// transient failures with exponential backoff and jitter, marks a row dead on a final error
// or after maxAttempts, and keeps to WeCom's 30 app messages a minute per member.
import type { Clock } from '../lib/clock.ts';
import { backoffDelay, type BackoffPolicy } from '../lib/backoff.ts';
import { errorMessage } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Metrics } from '../lib/metrics.ts';
import { PlatformError, type Channel, type OutboundMessage, type PlatformClient } from '../platforms/types.ts';
import type { Db } from '../repositories/prisma.ts';
import * as outbox from '../repositories/outbox-repo.ts';
import { PollingWorker } from './polling-worker.ts';

export interface OutboxWorkerOptions {
  batchSize: number;
  lockMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  perMemberPerMinute: number;
  idleDelayMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  batchSize: 50,
  lockMs: 60_000,
  maxAttempts: 8,
  backoff: { baseMs: 2_000, maxMs: 15 * 60_000 },
  perMemberPerMinute: 30,
  idleDelayMs: 500,
};

export class OutboxWorker extends PollingWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly countSend: ReturnType<Metrics['counter']>;
  private readonly countError: ReturnType<Metrics['counter']>;

  constructor(
    private readonly db: Db,
    private readonly clients: Map<Channel, PlatformClient>,
    private readonly clock: Clock,
    logger: Logger,
    metrics: Metrics,
    options: Partial<OutboxWorkerOptions> = {},
  ) {
    const merged = { ...DEFAULT_OUTBOX_OPTIONS, ...options };
    super('outbox', logger, merged.idleDelayMs);
    this.options = merged;
    this.countSend = metrics.counter('bot_outbox_sends_total', 'Outbox send attempts by channel and result');
    this.countError = metrics.counter('bot_platform_send_errors_total', 'Platform send errors by channel and errcode');
  }

  /** Sends every due row once; returns how many rows it handled. */
  async runOnce(): Promise<number> {
    const rows = await outbox.claimDueRows(this.db, this.clock.now(), this.options.batchSize, this.options.lockMs);
    await Promise.all(groupByRecipient(rows).map((group) => this.sendInOrder(group)));
    return rows.length;
  }

  private async sendInOrder(rows: outbox.ClaimedOutboxRow[]): Promise<void> {
    for (const row of rows) await this.sendOne(row);
  }

  private async sendOne(row: outbox.ClaimedOutboxRow): Promise<void> {
    const waitUntil = await this.rateLimitedUntil(row);
    if (waitUntil) {
      await outbox.deferRow(this.db, row, waitUntil);
      this.countSend({ channel: row.channel, result: 'deferred' });
      return;
    }
    const client = this.clients.get(row.channel as Channel);
    try {
      if (!client) throw new PlatformError(row.channel as Channel, -1, `no client for channel ${row.channel}`, false);
      const receipt = await client.send(JSON.parse(row.payload) as OutboundMessage);
      await outbox.markSent(this.db, row, this.clock.now(), JSON.stringify(receipt));
      this.countSend({ channel: row.channel, result: 'sent' });
      if (receipt.invalidUsers?.length) this.log.warn({ outboxId: row.id, invalidUsers: receipt.invalidUsers }, 'some recipients were refused');
    } catch (err) {
      await this.recordFailure(row, err);
    }
  }

  private async recordFailure(row: outbox.ClaimedOutboxRow, err: unknown): Promise<void> {
    const code = err instanceof PlatformError ? err.code : undefined;
    const failure = { message: errorMessage(err), code };
    this.countError({ channel: row.channel, errcode: code ?? 'none' });
    const final = err instanceof PlatformError && err.final;
    if (final || row.attempts >= this.options.maxAttempts) {
      await outbox.markDead(this.db, row, failure);
      this.countSend({ channel: row.channel, result: 'dead' });
      this.log.error({ outboxId: row.id, errcode: code, err: failure.message, attempts: row.attempts }, 'outbound message is dead');
      return;
    }
    const delay = Math.max(
      backoffDelay(row.attempts, this.options.backoff),
      err instanceof PlatformError ? (err.retryAfterMs ?? 0) : 0,
    );
    await outbox.markRetry(this.db, row, new Date(this.clock.now().getTime() + delay), failure);
    this.countSend({ channel: row.channel, result: 'retry' });
    this.log.warn({ outboxId: row.id, errcode: code, err: failure.message, retryInMs: delay }, 'send failed, will retry');
  }

  /** When the member already had their quota this minute, the time the oldest send ages out. */
  private async rateLimitedUntil(row: outbox.ClaimedOutboxRow): Promise<Date | undefined> {
    if (row.recipient.startsWith('chat:') || row.recipient.includes('|')) return undefined;
    const now = this.clock.now();
    const since = new Date(now.getTime() - 60_000);
    const times = await outbox.recentSendTimes(this.db, row.channel, row.recipient, since);
    // recentSendTimes counts this row too (it is 'sending'): the quota is for the others.
    if (times.length - 1 < this.options.perMemberPerMinute) return undefined;
    const oldest = times[0] ?? now;
    return new Date(Math.max(oldest.getTime() + 60_000, now.getTime() + 1_000));
  }
}

function groupByRecipient(rows: outbox.ClaimedOutboxRow[]): outbox.ClaimedOutboxRow[][] {
  const groups = new Map<string, outbox.ClaimedOutboxRow[]>();
  for (const row of rows) groups.set(row.recipient, [...(groups.get(row.recipient) ?? []), row]);
  return [...groups.values()];
}
