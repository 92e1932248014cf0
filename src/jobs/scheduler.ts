// node-cron only ticks (every minute, Asia/Shanghai); what is due lives in database rows with
// unique keys (rule A4 notices), so a restart, a clock jump or a second instance sends
// nothing twice. The first tick runs at start: anything due in the last 24 hours goes out,
// older misses are reported (log and /metrics), not sent late. Work planned due now (a notice
// of an activity published late) pokes it, so it goes out within seconds, not at the next minute.
import cron from 'node-cron';
import type { Logger } from '../lib/logger.ts';
import { errorLine } from '../lib/errors.ts';

export class Scheduler {
  private task?: ReturnType<typeof cron.schedule>;
  private running?: Promise<void>;
  private started = false;
  /** A poke came during a tick, which may have read the due rows before the new ones: run again. */
  private again = false;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly timeZone = 'Asia/Shanghai',
  ) {}

  start(): void {
    this.started = true;
    this.task = cron.schedule('* * * * *', () => void this.runOnce(), { timezone: this.timeZone });
    void this.runOnce();
  }

  /**
   * Something is due now: tick at once. A tick under way is followed by one more; a scheduler
   * that is not started (tests driving ticks by hand, a command line) ignores it.
   */
  poke(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else void this.runOnce();
  }

  /**
   * A tick now, after the one in flight if any: local mode's clock control moves the clock and
   * must see a tick at the new time, not the end of one that read the old time.
   */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    await this.runOnce();
  }

  /** Resolves once no tick is running (tests: the start-up tick has read the database). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One tick; overlapping ticks are skipped, not queued. */
  async runOnce(): Promise<void> {
    if (this.running) return;
    this.running = this.tick()
      .then(() => undefined)
      // One line: a database error's later lines quote the values it was given (rule R6).
      .catch((err) => this.logger.error({ err: errorLine(err) }, 'scheduler tick failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.started) {
          this.again = false;
          void this.runOnce();
        }
      });
    await this.running;
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.task?.stop();
    await this.running;
  }
}
