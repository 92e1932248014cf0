// The WeCom self-built app callback endpoint: GET verifies the URL, POST receives messages
// and events. Verify, decrypt, parse, claim (unique platform key), answer — nothing else runs
// inside the request; the inbound worker does the business work from the stored row.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { WecomAppConfig } from '../../config.ts';
import { rejectRequest } from '../../lib/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { readRawBody } from '../../http/raw-body.ts';
import { WecomCryptoError, decrypt, verifySignature } from './crypto.ts';
import { toInboundEvent } from './inbound.ts';
import { XmlError, parseXml } from './xml.ts';

export const CALLBACK_BODY_LIMIT = 64 * 1024;

export interface WecomReceiverOptions {
  path: string;
  app: WecomAppConfig;
  orgId: number;
  claimer: InboundClaimer;
  metrics: Metrics;
  clock: Clock;
  /** Called after a new event row is committed (wakes the inbound worker). */
  onAccepted(): void;
}

export function mountWecomReceiver(router: Router, options: WecomReceiverOptions): void {
  const count = options.metrics.counter('bot_callbacks_total', 'Platform callbacks by channel and result');
  const appKey = `${options.app.corpId}:${options.app.agentId}`;

  router.get(options.path, (ctx) => {
    guard(count, () => {
      const q = queryParams(ctx, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
      verifySignature(options.app.token, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce }, q.echostr);
      ctx.type = 'text/plain';
      ctx.body = decrypt(options.app.aesKey, q.echostr, options.app.corpId);
      count({ channel: 'wecom', result: 'url_verified' });
    });
  });

  router.post(options.path, async (ctx) => {
    const parsed = await guardAsync(count, async () => {
      const q = queryParams(ctx, ['msg_signature', 'timestamp', 'nonce']);
      const body = (await readRawBody(ctx.req, CALLBACK_BODY_LIMIT)).toString('utf8');
      if (!body.trim()) throw rejectRequest('empty_body', 400, 'empty body');
      const encrypted = parseXml(body).Encrypt;
      if (typeof encrypted !== 'string' || !encrypted) throw new XmlError('no <Encrypt> element');
      verifySignature(options.app.token, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce }, encrypted);
      return toInboundEvent(parseXml(decrypt(options.app.aesKey, encrypted, options.app.corpId)), appKey);
    });
    if (!parsed) return;
    const claimed = await options.claimer.claim({
      orgId: options.orgId,
      channel: 'wecom',
      platformKey: parsed.platformKey,
      kind: parsed.event.type,
      senderId: parsed.event.senderId,
      payload: JSON.stringify(parsed.event),
      receivedAt: options.clock.now(),
    });
    // A redelivery gets the same answer and does nothing else.
    count({ channel: 'wecom', result: claimed ? 'accepted' : 'duplicate' });
    ctx.status = 200;
    ctx.body = '';
    if (claimed) options.onAccepted();
  });
}

type Counter = ReturnType<Metrics['counter']>;

function guard(count: Counter, work: () => void): void {
  try {
    work();
  } catch (err) {
    throw refusal(err, count);
  }
}

async function guardAsync<T>(count: Counter, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw refusal(err, count);
  }
}

function refusal(err: unknown, count: Counter): unknown {
  if (err instanceof WecomCryptoError) {
    count({ channel: 'wecom', result: err.reason });
    const status = err.reason === 'bad_signature' ? 401 : err.reason === 'wrong_receive_id' ? 403 : 400;
    return rejectRequest(err.reason, status, err.message);
  }
  if (err instanceof XmlError) {
    count({ channel: 'wecom', result: 'malformed' });
    return rejectRequest('malformed', 400, err.message);
  }
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    count({ channel: 'wecom', result: err.code });
  }
  return err;
}

function queryParams<K extends string>(ctx: Context, names: K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = ctx.query[name];
    if (typeof value !== 'string' || value === '') throw rejectRequest('missing_query', 400, `missing query parameter ${name}`);
    // A base64 '+' sent unencoded arrives as a space after query decoding; base64 has no spaces.
    out[name] = value.replace(/ /g, '+');
  }
  return out;
}
