// DingTalk HTTP robot mode (DINGTALK_MODE=http; platforms.md §6): DingTalk POSTs the robot
// message JSON with headers `timestamp` (ms) and `sign` = base64(HMAC-SHA256(appSecret,
// timestamp + "\n" + appSecret)). The sign is compared in constant time, and a timestamp
// further than the skew window from the bot's clock is refused as a replay (DingTalk's doc
// allows an hour; the bot's CALLBACK_MAX_SKEW_S is tighter). Claimed, then answered `{}`.
// Each organisation's app posts to its own URL; a URL that names no organisation with a
// DingTalk app is a 404.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { readRawBody } from '../../http/raw-body.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { DingtalkPayloadError, parseJson, robotMessageToEvent } from './inbound.ts';
import type { DingtalkOrgApp } from './org-apps.ts';

const BODY_LIMIT = 64 * 1024;

export interface DingtalkHttpReceiverOptions {
  path: string;
  /** The organisation (and its app) this request's URL names; undefined for none. */
  orgFor(ctx: Context): Promise<DingtalkOrgApp | undefined> | DingtalkOrgApp | undefined;
  claimer: InboundClaimer;
  metrics: Metrics;
  clock: Clock;
  maxSkewSeconds: number;
  onAccepted(): void;
}

export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Why a signed request is refused, or undefined when it is good. */
export function checkSign(timestamp: string | undefined, sign: string | undefined, secret: string, nowMs: number, maxSkewSeconds: number): string | undefined {
  if (!timestamp || !/^\d{10,16}$/.test(timestamp) || !sign) return 'missing timestamp or sign';
  if (Math.abs(nowMs - Number(timestamp)) > maxSkewSeconds * 1000) return 'stale timestamp';
  const expected = Buffer.from(dingtalkSign(timestamp, secret));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given) ? undefined : 'bad sign';
}

export function mountDingtalkHttpReceiver(router: Router, options: DingtalkHttpReceiverOptions): void {
  const counter = options.metrics.counter('bot_callbacks_total', 'Platform callbacks by channel and result');
  router.post(options.path, async (ctx) => {
    const org = await options.orgFor(ctx);
    if (!org) {
      counter({ channel: 'dingtalk', result: 'unknown_org' });
      ctx.status = 404;
      ctx.body = { error: 'no organisation at this address' };
      return;
    }
    const refused = checkSign(ctx.get('timestamp') || undefined, ctx.get('sign') || undefined, org.app.clientSecret, options.clock.now().getTime(), options.maxSkewSeconds);
    if (refused) {
      counter({ channel: 'dingtalk', result: refused.replace(/ /g, '_') });
      ctx.status = 403;
      ctx.body = { error: refused };
      return;
    }
    let parsed;
    try {
      parsed = robotMessageToEvent(parseJson((await readRawBody(ctx.req, BODY_LIMIT)).toString('utf8')));
    } catch (err) {
      if (!(err instanceof DingtalkPayloadError)) throw err;
      counter({ channel: 'dingtalk', result: 'malformed' });
      ctx.status = 400;
      ctx.body = { error: err.message };
      return;
    }
    const claimed = await options.claimer.claim({
      orgId: org.orgId, channel: 'dingtalk', platformKey: parsed.platformKey, kind: parsed.event.type,
      senderId: parsed.event.senderId, payload: JSON.stringify(parsed.event), receivedAt: options.clock.now(),
    });
    counter({ channel: 'dingtalk', result: claimed ? 'accepted' : 'duplicate' });
    if (claimed) options.onAccepted();
    ctx.status = 200;
    ctx.body = {};
  });
}
