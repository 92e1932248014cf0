// Shared by both WeCom receivers (the app's XML callbacks and the robot's JSON ones): reading
// the signed query, turning what a caller got wrong into a counted 4xx with nothing stored,
// and claiming a verified callback once.
import type { Context } from 'koa';
import type { Clock } from '../../lib/clock.ts';
import { rejectRequest } from '../../lib/errors.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { WecomCryptoError } from './crypto.ts';
import type { ParsedCallback } from './inbound.ts';

export const CALLBACK_BODY_LIMIT = 64 * 1024;

/** A body that decrypted (or not) into something that is not a callback we understand. */
export class MalformedCallbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedCallbackError';
  }
}

export type CountResult = (result: string) => void;

/** Runs the request's checks; a refusal is counted by its reason and answered 4xx. */
export async function guardCallback<T>(count: CountResult, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw refusal(err, count);
  }
}

function refusal(err: unknown, count: CountResult): unknown {
  if (err instanceof WecomCryptoError) {
    count(err.reason);
    const status = err.reason === 'bad_signature' ? 401 : err.reason === 'wrong_receive_id' ? 403 : 400;
    return rejectRequest(err.reason, status, err.message);
  }
  if (err instanceof MalformedCallbackError) {
    count('malformed');
    return rejectRequest('malformed', 400, err.message);
  }
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') count(err.code);
  return err;
}

/** The signed query parameters, all required. */
export function callbackQuery<K extends string>(ctx: Context, names: K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = ctx.query[name];
    if (typeof value !== 'string' || value === '') throw rejectRequest('missing_query', 400, `missing query parameter ${name}`);
    // A base64 '+' sent unencoded arrives as a space after query decoding; base64 has no spaces.
    out[name] = value.replace(/ /g, '+');
  }
  return out;
}

export interface ClaimTarget {
  orgId: number;
  claimer: InboundClaimer;
  clock: Clock;
  /** Called after a new event row is committed (wakes the inbound worker). */
  onAccepted(): void;
}

/**
 * Claims a verified callback by its platform key. A redelivery (WeCom retries on timeouts)
 * finds the key taken: it gets the same empty answer and does nothing else.
 */
export async function claimCallback(target: ClaimTarget, parsed: ParsedCallback, count: CountResult): Promise<void> {
  const claimed = await target.claimer.claim({
    orgId: target.orgId,
    channel: parsed.event.channel,
    platformKey: parsed.platformKey,
    kind: parsed.event.type,
    senderId: parsed.event.senderId,
    payload: JSON.stringify(parsed.event),
    receivedAt: target.clock.now(),
  });
  count(claimed ? 'accepted' : 'duplicate');
  if (claimed) target.onAccepted();
}
