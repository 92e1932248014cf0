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

export interface WecomReceiverOptions {
  path: string;
  app: WecomAppConfig;
  orgId: number;
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
  const appKey = `${options.app.corpId}:${options.app.agentId}`;

  router.get(options.path, async (ctx) => {
    await guardCallback(count, () => {
      const q = callbackQuery(ctx, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
      verifySignedAndFresh(options.app.token, q, q.echostr, options);
      ctx.type = 'text/plain';
      ctx.body = decrypt(options.app.aesKey, q.echostr, options.app.corpId);
      count('url_verified');
    });
  });

  router.post(options.path, async (ctx) => {
    const parsed = await guardCallback(count, async () => {
      const q = callbackQuery(ctx, ['msg_signature', 'timestamp', 'nonce']);
      const body = (await readRawBody(ctx.req, CALLBACK_BODY_LIMIT)).toString('utf8');
      if (!body.trim()) throw rejectRequest('empty_body', 400, 'empty body');
      const encrypted = parseXml(body).Encrypt;
      if (typeof encrypted !== 'string' || !encrypted) throw new XmlError('no <Encrypt> element');
      verifySignedAndFresh(options.app.token, q, encrypted, options);
      return toInboundEvent(parseXml(decrypt(options.app.aesKey, encrypted, options.app.corpId)), appKey);
    });
    await claimCallback(options, parsed, count);
    ctx.status = 200;
    ctx.body = '';
  });
}
