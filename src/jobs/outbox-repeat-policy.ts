// When may the outbox send a row again whose earlier try may have been delivered? Pure rules
// over the row's history and the platform's repeat protection (RepeatGuard, platforms/types.ts).
//
// Outcome of one try         | what it means                 | what the row does next
// ---------------------------|-------------------------------|-----------------------------------
// answer ok                  | delivered                     | sent
// "already used" on a repeat | the earlier try delivered it  | sent (already delivered)
// errcode answer             | certainly not delivered       | retry with backoff, or dead
// refused / DNS / never sent | certainly not delivered       | retry with backoff, or dead
// timeout or reset after the | unknown: the platform may     | retry inside the platform's repeat
// request was sent, HTTP 5xx,| have carried it out           | window, else uncertain (staff)
// a process killed mid-call  |                               |
import type { RepeatGuard } from '../platforms/types.ts';

export interface RepeatHistory {
  /** An earlier try's outcome is unknown. */
  maybeDelivered: boolean;
  /** An earlier try went out without the platform's repeat protection. */
  unguarded: boolean;
  firstAttemptAt: Date;
}

/** A twin: another row with the same text, its recipients and when its latest try started. */
export interface Twin {
  recipient: string;
  lastAttemptAt: Date | null;
}

/**
 * Whether a try may start now; a reason when it may not (the row becomes uncertain).
 * `twins` are the rows with the same text whose latest try started inside the window.
 */
export function refuseRepeat(row: RepeatHistory & { recipient: string }, guard: RepeatGuard, twins: Twin[], now: Date, marginMs: number): string | undefined {
  if (!row.maybeDelivered) return undefined; // nothing can have arrived: this is a first send
  if (row.unguarded) return 'an earlier try went out without the platform\'s repeat protection';
  if (guard.kind === 'none') return 'the platform has no protection against a repeat of this message';
  if (guard.kind === 'unique') return undefined;
  if (now.getTime() + marginMs >= windowEnd(row, guard)) return 'the platform\'s duplicate-check window since the first try has passed';
  // A twin delivered since our first try could be what the duplicate check remembers: a
  // repeat would then be dropped whether or not our own first try arrived.
  if (overlapping(row.recipient, twins, row.firstAttemptAt)) return 'a row with the same text to the same person went out since the first try';
  return undefined;
}

/**
 * Whether this try asks the platform to drop repeats. Not when a twin went out inside the
 * window: the platform would drop this different message as a repeat of the twin.
 */
export function wantsRepeatProtection(row: Pick<RepeatHistory, 'unguarded'> & { recipient: string }, guard: RepeatGuard, twins: Twin[], now: Date, marginMs: number): boolean {
  if (guard.kind !== 'window') return true;
  if (row.unguarded) return false;
  return !overlapping(row.recipient, twins, new Date(now.getTime() - guard.windowMs - marginMs));
}

/** After an unknown outcome: may the next try, at `next`, still repeat it safely? */
export function mayRetryUnknown(row: RepeatHistory, guard: RepeatGuard, protectedTry: boolean, next: Date, marginMs: number): boolean {
  if (!protectedTry || row.unguarded || guard.kind === 'none') return false;
  if (guard.kind === 'unique') return !guard.expiresAt || next.getTime() < guard.expiresAt.getTime();
  return next.getTime() + marginMs < windowEnd(row, guard);
}

function windowEnd(row: RepeatHistory, guard: Extract<RepeatGuard, { kind: 'window' }>): number {
  return row.firstAttemptAt.getTime() + guard.windowMs;
}

function overlapping(recipient: string, twins: Twin[], since: Date): boolean {
  const mine = new Set(recipient.split('|'));
  return twins.some((t) => t.lastAttemptAt !== null && t.lastAttemptAt.getTime() >= since.getTime() && t.recipient.split('|').some((u) => mine.has(u)));
}
