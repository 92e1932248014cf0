// Drains the Outbox with a small pool: up to `concurrency` platform calls in flight, each row
// claimed and settled on its own, so one slow call holds back nobody else. One member's rows
// go out one at a time and in order (the claim never takes a second row for a recipient in
// flight), within the member quota its platform declares (PlatformTraits.perMemberPerMinute). Answers in a person's own
// conversation go first: the claim takes them before anything scheduled (and so they get the
// member's minute budget first), and `conversationSlots` of the pool are theirs alone, so a
// 取消 is sent at once even while slow calls of a bulk notice fill the rest.
//
// Exactly once at the platform: every try asks for the platform's own repeat protection
// (RepeatGuard), and a row whose outcome is unknown is tried again only while that
// protection holds; past it the row is `uncertain`, counted and left to staff (npm run
// outbox). The table of outcomes is in outbox-repeat-policy.ts.
import { traitsOf } from '../platforms/traits.ts';
import type { Clock } from '../lib/clock.ts';
import { backoffDelay, type BackoffPolicy } from '../lib/backoff.ts';
import { errorMessage } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Metrics } from '../lib/metrics.ts';
import { PlatformError, type Channel, type OutboundMessage, type PlatformClient, type RepeatGuard } from '../platforms/types.ts';
import type { Db } from '../repositories/prisma.ts';
import * as outbox from '../repositories/outbox-repo.ts';
import { contentHashOf } from '../services/outbound.ts';
import { fallbackFor } from './outbox-fallback.ts';
import { applyMemberLimit } from './outbox-rate-limit.ts';
import { mayRetryUnknown, refuseRepeat, wantsRepeatProtection } from './outbox-repeat-policy.ts';
import { PollingWorker, yieldToEventLoop } from './polling-worker.ts';

export interface OutboxWorkerOptions {
  /** Platform calls in flight at once. */
  concurrency: number;
  /** How long a claimed row stays locked: longer than a platform call can take. */
  lockMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  /** Overrides every platform's declared per-member quota (tests); unset: each client's traits. */
  perMemberPerMinute?: number;
  idleDelayMs: number;
  /** Kept clear of the end of a platform's repeat window (clock skew, the call's own time). */
  windowMarginMs: number;
  /** The platform clients' per-request timeout (createWorkerSet passes it on). */
  callTimeoutMs?: number;
  /** Calls in flight that only conversation rows may take (at most concurrency − 1). */
  conversationSlots: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxWorkerOptions = {
  concurrency: 16,
  lockMs: 60_000,
  maxAttempts: 8,
  backoff: { baseMs: 2_000, maxMs: 15 * 60_000 },
  idleDelayMs: 500,
  windowMarginMs: 10 * 60_000,
  conversationSlots: 2,
};

type Failure = { message: string; code?: number };

/**
 * The client a row goes out through: one per channel, or found per organisation (each
 * organisation's own WeCom app when a deployment serves many).
 */
export type PlatformClients = Map<Channel, PlatformClient> | ((orgId: number, channel: Channel) => Promise<PlatformClient | undefined>);

export class OutboxWorker extends PollingWorker {
  private readonly options: OutboxWorkerOptions;
  private readonly countSend: ReturnType<Metrics['counter']>;
  private readonly countError: ReturnType<Metrics['counter']>;
  private stopping = false;
  /** Wakes runOnce while it waits on calls in flight: a row was just written (an answer to send now). */
  private nudge?: () => void;

  constructor(
    private readonly db: Db,
    private readonly clients: PlatformClients,
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

  override start(): void {
    this.stopping = false;
    super.start();
  }

  /** Looks for work now: when idle, and also while calls are in flight (a free slot may take it). */
  override poke(): void {
    super.poke();
    this.nudge?.();
  }

  /** Lets the calls in flight finish; claims nothing more. */
  override async stop(): Promise<void> {
    this.stopping = true;
    await super.stop();
  }

  /**
   * Sends every row that is due, keeping up to `concurrency` calls in flight, until nothing
   * more can be claimed now; returns how many rows it handled.
   */
  async runOnce(): Promise<number> {
    const inFlight = new Set<Promise<void>>();
    let handled = 0;
    for (;;) {
      const free = this.options.concurrency - inFlight.size;
      const rows = free > 0 && !this.stopping ? await this.claim(free) : { send: [], handled: 0 };
      handled += rows.handled;
      for (const row of rows.send) {
        const call: Promise<void> = this.handle(row).finally(() => inFlight.delete(call));
        inFlight.add(call);
      }
      if (inFlight.size === 0) {
        if (rows.handled === 0) return handled;
        continue;
      }
      // A finished call may free a slot or a recipient; a new row may fit a free slot now.
      await Promise.race([...inFlight, new Promise<void>((resolve) => (this.nudge = resolve))]);
      this.nudge = undefined;
      await yieldToEventLoop(); // calls finishing together share one claim (a claim costs about a send)
    }
  }

  private async claim(free: number): Promise<{ send: outbox.ClaimedOutboxRow[]; handled: number }> {
    const now = this.clock.now();
    const rows = await this.claimRows(now, free);
    // A client per organisation (a function) shares its platform's traits; a fixed map may carry its own (tests).
    const traits = (channel: Channel) => (typeof this.clients === 'function' ? traitsOf(channel) : this.clients.get(channel)?.traits);
    const limitOf = (channel: string) => this.options.perMemberPerMinute ?? traits(channel as Channel)?.perMemberPerMinute;
    const { send, defer } = await applyMemberLimit(this.db, rows, now, limitOf);
    for (const [row, until] of defer) {
      await outbox.deferRow(this.db, row, until);
      this.countSend({ channel: row.channel, result: 'deferred' });
    }
    return { send, handled: rows.length };
  }

  /** Up to `free` rows, conversation rows first; the last `conversationSlots` of the pool are theirs alone. */
  private claimRows(now: Date, free: number): Promise<outbox.ClaimedOutboxRow[]> {
    const reserved = Math.min(this.options.conversationSlots, this.options.concurrency - 1);
    return outbox.claimDueRows(this.db, now, free, this.options.lockMs, Math.max(0, free - reserved));
  }

  private async handle(row: outbox.ClaimedOutboxRow): Promise<void> {
    try {
      await this.deliver(row);
    } catch (err) {
      // The database failed us: the row stays locked and is taken back as "outcome unknown".
      this.log.error({ outboxId: row.id, err: errorMessage(err) }, 'outbox row could not be settled');
    }
  }

  private async deliver(row: outbox.ClaimedOutboxRow): Promise<void> {
    const message = parsePayload(row.payload);
    const client = typeof this.clients === 'function' ? await this.clients(row.orgId, row.channel as Channel) : this.clients.get(row.channel as Channel);
    if (!message || !client) {
      const reason = message ? `no client for channel ${row.channel} in organisation ${row.orgId}` : 'the stored payload is not a message';
      return this.settleFinal(row, message, { message: reason });
    }
    const now = this.clock.now();
    const guard = client.repeatGuard?.(message, row.createdAt) ?? { kind: 'none' };
    if (guard.kind === 'unique' && guard.expiresAt && now >= guard.expiresAt) {
      return this.settleFinal(row, message, { message: 'expired before it could be sent (one-use reply URL)' });
    }
    const twins = guard.kind === 'window' ? await outbox.findTwins(this.db, row, new Date(now.getTime() - guard.windowMs - this.options.windowMarginMs)) : [];
    const refused = refuseRepeat(row, guard, twins, now, this.options.windowMarginMs);
    if (refused) return this.settleUncertain(row, { message: `not sent again: ${refused}` });
    const protect = wantsRepeatProtection(row, guard, twins, now, this.options.windowMarginMs);
    // Written before the call: a process killed mid-call must know the try had no protection.
    if (!protect && !row.unguarded) await outbox.markUnguarded(this.db, row);
    try {
      const receipt = await client.send(message, {
        key: row.idempotencyKey, createdAt: row.createdAt, repeatProtection: protect, maybeDelivered: row.maybeDelivered,
      });
      await outbox.markSent(this.db, row, this.clock.now(), JSON.stringify(receipt));
      this.countSend({ channel: row.channel, result: receipt.alreadyDelivered ? 'already_delivered' : 'sent' });
      if (receipt.alreadyDelivered) this.log.info({ outboxId: row.id }, 'the platform says an earlier try delivered it');
      if (receipt.invalidUsers?.length) this.log.warn({ outboxId: row.id, invalidUsers: receipt.invalidUsers }, 'some recipients were refused');
    } catch (err) {
      await this.recordFailure(row, message, guard, protect, err);
    }
  }

  private async recordFailure(row: outbox.ClaimedOutboxRow, message: OutboundMessage, guard: RepeatGuard, protect: boolean, err: unknown) {
    const platformError = err instanceof PlatformError ? err : undefined;
    // Anything but a platform error (a bug, an unexpected throw mid-call) counts as unknown.
    const unknown = platformError ? platformError.outcomeUnknown : true;
    const failure: Failure = { message: errorMessage(err), code: platformError?.code };
    this.countError({ channel: row.channel, errcode: failure.code ?? 'none' });
    const next = new Date(this.clock.now().getTime() + Math.max(backoffDelay(row.attempts, this.options.backoff), platformError?.retryAfterMs ?? 0));
    const exhausted = row.attempts >= this.options.maxAttempts;
    if (unknown) {
      const history = { ...row, maybeDelivered: true };
      if (exhausted || !mayRetryUnknown(history, guard, protect, next, this.options.windowMarginMs)) {
        return this.settleUncertain(row, { message: `outcome unknown: ${failure.message}`, code: failure.code });
      }
      return this.retry(row, next, failure, true);
    }
    if (platformError?.final || exhausted) return this.settleFinal(row, message, failure);
    return this.retry(row, next, failure, row.maybeDelivered);
  }

  private async retry(row: outbox.ClaimedOutboxRow, next: Date, failure: Failure, maybeDelivered: boolean): Promise<void> {
    await outbox.markRetry(this.db, row, next, failure, maybeDelivered);
    this.countSend({ channel: row.channel, result: 'retry' });
    this.log.warn({ outboxId: row.id, errcode: failure.code, err: failure.message, maybeDelivered, retryAt: next.toISOString() }, 'send failed, will retry');
  }

  /** This try certainly failed for good: dead, unless an earlier try may have delivered it. */
  private async settleFinal(row: outbox.ClaimedOutboxRow, message: OutboundMessage | undefined, failure: Failure): Promise<void> {
    if (row.maybeDelivered) return this.settleUncertain(row, failure);
    const fallback = message && fallbackFor(message);
    // First: a crash before markDead retries the row, not loses the text.
    if (fallback) await this.enqueueFallback(row, fallback);
    await outbox.markDead(this.db, row, failure);
    this.countSend({ channel: row.channel, result: 'dead' });
    this.log.error({ outboxId: row.id, errcode: failure.code, err: failure.message, attempts: row.attempts }, 'outbound message is dead');
  }

  private async settleUncertain(row: outbox.ClaimedOutboxRow, failure: Failure): Promise<void> {
    await outbox.markUncertain(this.db, row, failure);
    this.countSend({ channel: row.channel, result: 'uncertain' });
    this.log.error({ outboxId: row.id, errcode: failure.code, err: failure.message }, 'outbound message may or may not have arrived; left for staff (npm run outbox -- list)');
  }

  private async enqueueFallback(row: outbox.ClaimedOutboxRow, text: Extract<OutboundMessage, { kind: 'text' }>): Promise<void> {
    await outbox.enqueue(this.db, [{
      orgId: row.orgId, channel: row.channel, idempotencyKey: `fallback:${row.id}`, kind: text.kind,
      recipient: text.toUsers.join('|'), payload: JSON.stringify(text), contentHash: contentHashOf(row.channel as Channel, text),
    }], this.clock.now());
    this.log.info({ outboxId: row.id }, 'could not deliver it as meant; its fallback text was queued');
  }
}

function parsePayload(payload: string): OutboundMessage | undefined {
  try {
    return JSON.parse(payload) as OutboundMessage;
  } catch {
    return undefined;
  }
}

