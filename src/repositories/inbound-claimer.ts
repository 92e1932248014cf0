// Coalesces concurrent callback claims into one multi-row INSERT .. ON CONFLICT DO NOTHING.
// Each HTTP request still waits for its own row to be committed before it is answered, but
// a burst of N callbacks costs one statement instead of N (this is what lets SQLite keep up).
import type { Db } from './prisma.ts';
import { insertNewEvents, type NewInboundEvent } from './inbound-repo.ts';

interface Waiter {
  row: NewInboundEvent;
  resolve(claimed: boolean): void;
  reject(err: unknown): void;
}

export class InboundClaimer {
  private queue: Waiter[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 250,
  ) {}

  /** Resolves true when this call inserted the row, false when the key was already claimed. */
  claim(row: NewInboundEvent): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      // Two deliveries of one callback can land in the same batch: only the first may win.
      const first = new Map<string, Waiter>();
      for (const w of batch) if (!first.has(w.row.platformKey)) first.set(w.row.platformKey, w);
      try {
        const inserted = await insertNewEvents(this.db, [...first.values()].map((w) => w.row));
        for (const w of batch) w.resolve(first.get(w.row.platformKey) === w && inserted.has(w.row.platformKey));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.flushing = false;
  }
}
