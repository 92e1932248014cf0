// The WeCom self-built app callback endpoint: GET verifies the URL, POST receives messages
// and events. Verify (signature, then freshness: replays are refused), decrypt, parse, claim
// (unique platform key), answer — nothing else runs inside the request; the inbound worker
// does the business work from the stored row.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { WecomAppConfig } from '../../config.ts';
import { readRawBody } from '../../http/raw-body.ts';
import type { Clock } from '../../lib/clock.ts';
import { rejectRequest } from '../../lib/errors.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { CALLBACK_BODY_LIMIT, callbackQuery, claimCallback, guardCallback, verifySignedAndFresh, type CountResult } from './callback-guard.ts';
import { decrypt } from './crypto.ts';
import { toInboundEvent } from './inbound.ts';
import { XmlError, parseXml } from './xml.ts';

export { CALLBACK_BODY_LIMIT } from './callback-guard.ts';

/** The organisation a callback is for and the app it must be signed with. */
export interface ReceivingOrg {
  orgId: number;
  app: WecomAppConfig;
}

export interface WecomReceiverOptions {
  path: string;
  /** The request's organisation (from its URL, or the one fixed one); none answers 404. */
  orgFor(ctx: Context): Promise<ReceivingOrg | undefined> | ReceivingOrg | undefined;
  claimer: InboundClaimer;
  metrics: Metrics;
  clock: Clock;
  /** Callbacks stamped further than this from `clock` are refused as stale. */
  maxSkewSeconds: number;
  /** Called after a new event row is committed (wakes the inbound worker). */
  onAccepted(): void;
}

export function mountWecomReceiver(router: Router, options: WecomReceiverOptions): void {
  const counter = options.metrics.counter('bot_callbacks_total', 'Platform callbacks by channel and result');
  const count: CountResult = (result) => counter({ channel: 'wecom', result });

  router.get(options.path, async (ctx) => {
    const { app } = await receivingOrg(ctx, options, count);
    await guardCallback(count, () => {
      const q = callbackQuery(ctx, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
      verifySignedAndFresh(app.token, q, q.echostr, options);
      ctx.type = 'text/plain';
      ctx.body = decrypt(app.aesKey, q.echostr, app.corpId);
      count('url_verified');
    });
  });

  router.post(options.path, async (ctx) => {
    const { orgId, app } = await receivingOrg(ctx, options, count);
    const parsed = await guardCallback(count, async () => {
      const q = callbackQuery(ctx, ['msg_signature', 'timestamp', 'nonce']);
      const body = (await readRawBody(ctx.req, CALLBACK_BODY_LIMIT)).toString('utf8');
      if (!body.trim()) throw rejectRequest('empty_body', 400, 'empty body');
      const encrypted = parseXml(body).Encrypt;
      if (typeof encrypted !== 'string' || !encrypted) throw new XmlError('no <Encrypt> element');
      verifySignedAndFresh(app.token, q, encrypted, options);
      return toInboundEvent(parseXml(decrypt(app.aesKey, encrypted, app.corpId)), `${app.corpId}:${app.agentId}`);
    });
    await claimCallback({ ...options, orgId }, parsed, count);
    ctx.status = 200;
    ctx.body = '';
  });
}

/**
 * The organisation named by the request, before anything of its body is read: an unknown one
 * is a 404 (counted, the body never read nor logged).
 */
export async function receivingOrg<T>(ctx: Context, options: { orgFor(ctx: Context): Promise<T | undefined> | T | undefined }, count: CountResult): Promise<T> {
  const org = await options.orgFor(ctx);
  if (org) return org;
  count('unknown_org');
  throw rejectRequest('unknown_org', 404, 'no organisation at this address');
}
