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
    const { send, defer } = await this.applyMemberLimit(rows);
    for (const [row, until] of defer) {
      await outbox.deferRow(this.db, row, until);
      this.countSend({ channel: row.channel, result: 'deferred' });
    }
    // Sends wait on the network, so different members' messages go out side by side; one
    // member's messages keep their order.
    await Promise.all(groupByRecipient(send).map(async (group) => {
      for (const row of group) await this.sendOne(row);
    }));
    return rows.length;
  }

  private async sendOne(row: outbox.ClaimedOutboxRow): Promise<void> {
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
      await this.enqueueFallback(row); // first: a crash before markDead retries the row, not loses the text
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

  /** A card update that cannot be delivered becomes its fallback text to the same users. */
  private async enqueueFallback(row: outbox.ClaimedOutboxRow): Promise<void> {
    const message = JSON.parse(row.payload) as OutboundMessage;
    if ((message.kind !== 'card_update' && message.kind !== 'card_settle') || !message.fallbackText) return;
    const text: OutboundMessage = { kind: 'text', toUsers: message.toUsers, text: message.fallbackText };
    await outbox.enqueue(this.db, [{
      orgId: row.orgId, channel: row.channel, idempotencyKey: `fallback:${row.id}`, kind: text.kind,
      recipient: text.toUsers.join('|'), payload: JSON.stringify(text),
    }], this.clock.now());
    this.log.info({ outboxId: row.id }, 'card update failed; its fallback text was queued');
  }

  /**
   * WeCom silently drops app messages past 30 a minute to one member: rows over the quota wait
   * until the oldest send of that minute ages out. One query per batch, per channel.
   */
  private async applyMemberLimit(rows: outbox.ClaimedOutboxRow[]) {
    const send: outbox.ClaimedOutboxRow[] = [];
    const defer: [outbox.ClaimedOutboxRow, Date][] = [];
    const now = this.clock.now();
    const limited = rows.filter((r) => !r.recipient.startsWith('chat:') && !r.recipient.includes('|'));
    const recent = new Map<string, outbox.RecentSends>();
    for (const channel of new Set(limited.map((r) => r.channel))) {
      const members = [...new Set(limited.filter((r) => r.channel === channel).map((r) => r.recipient))];
      for (const [member, sends] of await outbox.recentSends(this.db, channel, members, new Date(now.getTime() - 60_000))) {
        recent.set(`${channel}:${member}`, sends);
      }
    }
    const inBatch = new Map<string, number>();
    for (const r of limited) inBatch.set(`${r.channel}:${r.recipient}`, (inBatch.get(`${r.channel}:${r.recipient}`) ?? 0) + 1);
    const allowance = new Map<string, number>();
    for (const [key, claimed] of inBatch) {
      // recentSends counts this batch's rows too (they are 'sending'): the quota is for the rest.
      allowance.set(key, this.options.perMemberPerMinute - ((recent.get(key)?.count ?? claimed) - claimed));
    }
    for (const row of rows) {
      const key = `${row.channel}:${row.recipient}`;
      const left = allowance.get(key);
      if (left === undefined || left > 0) {
        send.push(row);
        if (left !== undefined) allowance.set(key, left - 1);
        continue;
      }
      const oldest = recent.get(key)?.oldestSentAt ?? now;
      defer.push([row, new Date(Math.max(oldest.getTime() + 60_000, now.getTime() + 1_000))]);
    }
    return { send, defer };
  }
}

function groupByRecipient(rows: outbox.ClaimedOutboxRow[]): outbox.ClaimedOutboxRow[][] {
  const groups = new Map<string, outbox.ClaimedOutboxRow[]>();
  for (const row of rows) groups.set(row.recipient, [...(groups.get(row.recipient) ?? []), row]);
  return [...groups.values()];
}
