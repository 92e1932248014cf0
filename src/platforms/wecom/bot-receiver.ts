// The intelligent robot's callback endpoint: GET verifies the URL, POST receives JSON
// `{"encrypt": …}`. Same scheme as the app's (signature over the ciphertext, AES with 32-byte
// padding) but the receive id is EMPTY [D-101033]. Verify (signature and freshness, as the
// app's), decrypt, map, claim, answer 200 with an empty body — the answer itself goes out later
// through the message's response_url, once the inbound worker has done the work (an empty
// passive reply is allowed [D-101033]).
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { WecomBotConfig } from '../../config.ts';
import { readRawBody } from '../../http/raw-body.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { BotPayloadError, toBotInboundEvent, type BotCallback } from './bot-inbound.ts';
import { CALLBACK_BODY_LIMIT, callbackQuery, claimCallback, guardCallback, verifySignedAndFresh, type CountResult } from './callback-guard.ts';
import { decrypt } from './crypto.ts';
import { receivingOrg } from './receiver.ts';

/** The robot's messages are addressed to no corp id: the plaintext ends with an empty receive id. */
export const ROBOT_RECEIVE_ID = '';

/** The organisation a robot callback is for and the robot's keys it must be signed with. */
export interface ReceivingRobot {
  orgId: number;
  robot: WecomBotConfig;
}

export interface WecomBotReceiverOptions {
  path: string;
  /** The request's organisation (from its URL, or the one fixed one); none answers 404. */
  orgFor(ctx: Context): Promise<ReceivingRobot | undefined> | ReceivingRobot | undefined;
  claimer: InboundClaimer;
  metrics: Metrics;
  clock: Clock;
  /** Callbacks stamped further than this from `clock` are refused as stale. */
  maxSkewSeconds: number;
  /** Called after a new event row is committed (wakes the inbound worker). */
  onAccepted(): void;
}


export function mountWecomBotReceiver(router: Router, options: WecomBotReceiverOptions): void {
  const counter = options.metrics.counter('bot_callbacks_total', 'Platform callbacks by channel and result');
  const count: CountResult = (result) => counter({ channel: 'wecom', surface: 'robot', result });

  router.get(options.path, async (ctx) => {
    const { robot } = await receivingOrg(ctx, options, count);
    await guardCallback(count, () => {
      const q = callbackQuery(ctx, ['msg_signature', 'timestamp', 'nonce', 'echostr']);
      verifySignedAndFresh(robot.token, q, q.echostr, options);
      ctx.type = 'text/plain';
      ctx.body = decrypt(robot.aesKey, q.echostr, ROBOT_RECEIVE_ID);
      count('url_verified');
    });
  });

  router.post(options.path, async (ctx) => {
    const { orgId, robot } = await receivingOrg(ctx, options, count);
    const parsed = await guardCallback(count, () => readCallback(ctx, robot, options));
    ctx.status = 200;
    ctx.body = '';
    if (parsed.kind === 'ignored') {
      count('ignored');
      return;
    }
    await claimCallback({ ...options, orgId }, parsed, count);
  });
}

async function readCallback(ctx: Context, robot: WecomBotConfig, options: WecomBotReceiverOptions): Promise<BotCallback> {
  const q = callbackQuery(ctx, ['msg_signature', 'timestamp', 'nonce']);
  const raw = (await readRawBody(ctx.req, CALLBACK_BODY_LIMIT)).toString('utf8');
  const encrypted = (parseJson(raw) as { encrypt?: unknown } | null)?.encrypt;
  if (typeof encrypted !== 'string' || !encrypted) throw new BotPayloadError('body has no "encrypt" string');
  verifySignedAndFresh(robot.token, q, encrypted, options);
  const plain = decrypt(robot.aesKey, encrypted, ROBOT_RECEIVE_ID);
  return toBotInboundEvent(parseJson(plain), options.clock.now());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BotPayloadError('body is not JSON');
  }
}
