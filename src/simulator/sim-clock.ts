// Local mode's clock control: moves the bot's clock forward and lets everything that falls
// due on the way happen in order, as it would have. It does not jump once: it stops at every
// due moment (a planned notice or reminder, a quarterly run, a queued send, and 09:00 each
// day, when the daily jobs run), and at each runs a scheduler tick and drains the queues into
// the fake WeCom. So a 1-week card goes out before the 3-day card, and a reminder sees the
// answers given before it.
import { shanghaiInstant, shanghaiParts, addDays } from '../domain/shanghai-time.ts';
import type { Clock, MovableClock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { readLocalClock, saveLocalClock } from '../repositories/local-clock-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import { nextPlanned, nextQueued, queuesBusy, type PlannedMoment } from '../repositories/schedule-repo.ts';

/** What the clock control drives: the bot's own scheduler and workers. */
export interface ClockWork {
  /** One scheduler tick at the clock's time (after the one in flight). */
  tick(): Promise<void>;
  /** Handles (or wakes the loops that handle) the due inbound events and outbox rows; returns how many it handled itself. */
  drain(): Promise<number>;
}

/** The daily jobs (deadline reminders, suggestion lists) run from 09:00. */
const DAILY_HOUR = 9;
/** One request moves at most a year: each day costs a tick or more. */
export const MAX_ADVANCE_MS = 366 * 86_400_000;
const SETTLE_ROUNDS = 400;
const SETTLE_PAUSE_MS = 25;

export class SimClock {
  private queue: Promise<unknown> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly db: Db,
    private readonly orgId: number,
    private readonly clock: MovableClock,
    private readonly base: Clock,
    private readonly work: ClockWork,
    private readonly logger: Logger,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The next planned notice, reminder or quarterly run. */
  next(): Promise<PlannedMoment | undefined> {
    return nextPlanned(this.db, this.clock.now());
  }

  /**
   * Moves to `target` (or stays, when it is not later than now) and resolves once everything
   * due on the way has been sent to the fake WeCom. Requests run one after another.
   */
  advanceTo(target: Date): Promise<Date> {
    const run = this.queue.then(() => this.walk(target));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async walk(target: Date): Promise<Date> {
    await this.settle(); // what is due now goes first: answers given before a reminder count
    const started = performance.now();
    let steps = 0;
    while (!this.closing && this.clock.now().getTime() < target.getTime()) {
      const stop = await this.nextStop(target);
      this.clock.moveTo(stop);
      await saveClock(this.db, this.orgId, this.clock, this.base);
      await this.work.tick();
      await this.settle();
      steps++;
    }
    this.logger.info({ now: this.clock.now().toISOString(), steps, ms: Math.round(performance.now() - started) }, 'simulated clock moved');
    return this.clock.now();
  }

  /** Stops a walk in progress after its current step (the bot is shutting down). */
  async close(): Promise<void> {
    this.closing = true;
    await this.queue;
  }

  /** The earliest of: the next planned row, the next queued row, the next 09:00, the target. */
  private async nextStop(target: Date): Promise<Date> {
    const now = this.clock.now();
    const candidates = [target, nextMorning(now), (await nextPlanned(this.db, now))?.at, await nextQueued(this.db, now)];
    const times = candidates.filter((t): t is Date => t !== undefined).map((t) => t.getTime());
    return new Date(Math.max(now.getTime(), Math.min(...times)));
  }

  /** Runs the workers until nothing is due or in flight (the background loops may hold a row). */
  private async settle(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      const handled = await this.work.drain();
      if (handled > 0) continue;
      if (!(await queuesBusy(this.db, this.clock.now()))) return;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_PAUSE_MS));
    }
    this.logger.warn('simulated clock: the queues did not settle; moving on');
  }
}

/** 09:00 Shanghai after `now` (today's if still ahead, else tomorrow's). */
export function nextMorning(now: Date): Date {
  const { date } = shanghaiParts(now);
  const today = shanghaiInstant(date, DAILY_HOUR, 0);
  return today.getTime() > now.getTime() ? today : shanghaiInstant(addDays(date, 1), DAILY_HOUR, 0);
}

/**
 * Where local mode's clock starts: LOCAL_CLOCK_START if given, else the base clock's time;
 * and never before where it stood when this database last saw it, so time does not run back
 * across a restart.
 */
export async function resumeOffset(db: Db, orgId: number, base: Clock, start: Date | undefined): Promise<number> {
  const fresh = start ? start.getTime() - base.now().getTime() : 0;
  const saved = await readLocalClock(db, orgId);
  const resumed = saved ? saved.simulated.getTime() - saved.base.getTime() : Number.NEGATIVE_INFINITY;
  return Math.max(fresh, resumed);
}

export function saveClock(db: Db, orgId: number, clock: Clock, base: Clock): Promise<void> {
  return saveLocalClock(db, orgId, { simulated: clock.now(), base: base.now() });
}
