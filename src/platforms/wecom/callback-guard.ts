// Shared by both WeCom receivers (the app's XML callbacks and the robot's JSON ones): reading
// the signed query, and turning what a caller got wrong into a counted 4xx with nothing stored.
import type { Context } from 'koa';
import { rejectRequest } from '../../lib/errors.ts';
import { WecomCryptoError } from './crypto.ts';

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
