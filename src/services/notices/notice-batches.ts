// How a due notice is cut into batches (pure). A batch is one outbox item: the Outbound splits
// it into one row per platform call (fitToPlatform), so a batch must hold a whole number of
// calls or the rest of it becomes a call of its own. People are therefore batched per channel
// (a batch of mixed channels leaves a partial call on each) and per card variant (what the
// card shows them), carrying short batches from one page of the group to the next: a unit of
// n people on one channel and one variant goes out in ceil(n / recipients per call) calls.
import type { PlatformTraits } from '../../platforms/types.ts';

/** Rows a batch aims at: few statements per batch, and small enough to stay one outbox item. */
export const BATCH_TARGET = 1000;

/** Recipients one platform call of this message kind carries. */
export function recipientsPerCall(traits: PlatformTraits, kind: 'card' | 'text'): number {
  return kind === 'card' ? (traits.maxCardRecipients ?? traits.maxRecipients) : traits.maxRecipients;
}

/** The largest whole number of calls within the target, and never less than one call. */
export function batchSize(perCall: number, target = BATCH_TARGET): number {
  return perCall >= target ? perCall : perCall * Math.floor(target / perCall);
}

export interface Batchable<R> {
  row: R;
  /** What the person's message shows (their card's state); batches never mix variants. */
  variant: string;
  /** The channel the person is reached on; undefined: no account (their batch sends nothing). */
  channel: string | undefined;
}

export interface PlannedBatch<R> {
  variant: string;
  rows: R[];
}

/**
 * Cuts people into batches as they come (a big unit is read a page at a time): add() returns
 * the batches it filled, rest() the ones left short at the end. Each (variant, channel) fills
 * its own batches, so only its last one is short.
 */
export class BatchCutter<R> {
  private readonly open = new Map<string, { variant: string; channel: string | undefined; rows: R[] }>();

  /** sizeOf: a channel's batch size (people without an account: BATCH_TARGET). */
  constructor(private readonly sizeOf: (channel: string) => number) {}

  add(items: Batchable<R>[]): PlannedBatch<R>[] {
    const full: PlannedBatch<R>[] = [];
    for (const item of items) {
      const key = `${item.variant}\n${item.channel ?? ''}`;
      const batch = this.open.get(key) ?? { variant: item.variant, channel: item.channel, rows: [] };
      batch.rows.push(item.row);
      this.open.set(key, batch);
      if (batch.rows.length >= (item.channel === undefined ? BATCH_TARGET : this.sizeOf(item.channel))) {
        full.push({ variant: batch.variant, rows: batch.rows });
        this.open.delete(key);
      }
    }
    return full;
  }

  rest(): PlannedBatch<R>[] {
    const short = [...this.open.values()].map(({ variant, rows }) => ({ variant, rows }));
    this.open.clear();
    return short;
  }
}

/** All at once: the full batches as they filled, then the short ones. */
export function planBatches<R>(items: Batchable<R>[], sizeOf: (channel: string) => number): PlannedBatch<R>[] {
  const cutter = new BatchCutter<R>(sizeOf);
  return [...cutter.add(items), ...cutter.rest()];
}
