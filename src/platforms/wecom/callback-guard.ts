// Shared by both WeCom receivers (the app's XML callbacks and the robot's JSON ones): reading
// the signed query, checking signature and freshness, turning what a caller got wrong into a
// counted 4xx with nothing stored, and claiming a verified callback once.
import type { Context } from 'koa';
import type { Clock } from '../../lib/clock.ts';
import { rejectRequest } from '../../lib/errors.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { verifySignature, WecomCryptoError } from './crypto.ts';
import type { ParsedCallback } from './inbound.ts';

export const CALLBACK_BODY_LIMIT = 64 * 1024;

/** A body that decrypted (or not) into something that is not a callback we understand. */
export class MalformedCallbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedCallbackError';
  }
}

/** A validly signed callback whose timestamp is too far from our clock: a replay, or a skewed clock. */
export class StaleCallbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleCallbackError';
  }
}

export type CountResult = (result: string) => void;

export interface Freshness {
  clock: Clock;
  /** CALLBACK_MAX_SKEW_S: WeCom's own retries come within seconds, a replay much later. */
  maxSkewSeconds: number;
}

/**
 * The signature first, so that `stale` counts only callbacks signed with our token (a replay
 * or a clock gone wrong), not every forger's junk; then the signed timestamp against our clock.
 * The URL verification (GET) is checked the same way: WeCom sends it live when the admin saves
 * the callback page, and a clock that is off shows up right there rather than on the first message.
 */
export function verifySignedAndFresh(
  token: string,
  q: { msg_signature: string; timestamp: string; nonce: string },
  encrypted: string,
  freshness: Freshness,
): void {
  verifySignature(token, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce }, encrypted);
  if (!/^\d{1,12}$/.test(q.timestamp)) throw new StaleCallbackError('timestamp is not a whole number of seconds');
  const skew = Number(q.timestamp) - Math.floor(freshness.clock.now().getTime() / 1000);
  if (Math.abs(skew) > freshness.maxSkewSeconds) {
    const side = skew < 0 ? 'behind' : 'ahead of';
    throw new StaleCallbackError(`timestamp is ${Math.abs(skew)} s ${side} the server's clock (at most ${freshness.maxSkewSeconds} s allowed)`);
  }
}

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
  if (err instanceof StaleCallbackError) {
    count('stale');
    return rejectRequest('stale', 403, err.message);
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
