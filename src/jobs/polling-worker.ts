// A loop that drains a database queue: runs a batch, sleeps when there was nothing to do,
// can be woken early (a new row was just written), and stops after finishing its batch.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { errorLine } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

/** Lets pending I/O callbacks (HTTP requests) run before continuing. */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

export abstract class PollingWorker {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  protected readonly log: Logger;

  constructor(
    readonly name: string,
    logger: Logger,
    private readonly idleDelayMs: number,
  ) {
    this.log = logger.child({ worker: name });
  }

  /** Handles one batch of due rows; returns how many it handled. */
  abstract runOnce(): Promise<number>;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the loop to look for work now instead of after its idle delay. */
  poke(): void {
    this.wake?.();
  }

  /** Lets the batch in flight finish, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (err) {
        this.log.error({ err: errorLine(err) }, 'worker batch failed'); // one line, no query excerpt (rule R6)
      }
      if (handled === 0 && this.running) await this.sleep();
      else await yieldToEventLoop(); // let HTTP requests in between batches
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.idleDelayMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }
}
