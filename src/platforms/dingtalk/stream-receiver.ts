// DingTalk Stream mode (platforms.md §5): the bot dials DingTalk, so no public URL is needed.
// Robot messages (TOPIC_ROBOT: one-to-one, and @-mentions in groups) and card clicks
// (TOPIC_CARD) arrive as CALLBACK frames, which the package does not acknowledge: each is
// acknowledged with socketCallBackResponse only once its event row is committed in
// InboundEvent (a duplicate frame finds the row and is acknowledged too). A frame whose claim
// failed (database down) is left unacknowledged, so DingTalk pushes it again (~60 s).
import { TOPIC_CARD, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { DingtalkConfig } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Metrics } from '../../lib/metrics.ts';
import type { InboundClaimer } from '../../repositories/inbound-claimer.ts';
import { DingtalkPayloadError, cardCallbackToEvent, parseJson, robotMessageToEvent, type ParsedDingtalk } from './inbound.ts';
import { StreamClient } from './stream-client.ts';

export interface DingtalkStreamOptions {
  app: DingtalkConfig;
  orgId: number;
  claimer: InboundClaimer;
  metrics: Metrics;
  clock: Clock;
  logger: Logger;
  onAccepted(): void;
  /** HTTP mode receives robot messages by HTTP: the stream then carries card clicks only. */
  robotMessages: boolean;
  backoff?: { baseMs: number; maxMs: number };
}

export interface DingtalkStream {
  client: StreamClient;
  stop(): void;
}

export function startDingtalkStream(options: DingtalkStreamOptions): DingtalkStream {
  const counter = options.metrics.counter('bot_callbacks_total', 'Platform callbacks by channel and result');
  const count = (result: string) => counter({ channel: 'dingtalk', result });
  const client = new StreamClient({
    clientId: options.app.clientId, clientSecret: options.app.clientSecret, apiBase: options.app.apiBase, backoff: options.backoff,
    onConnectError: (err, attempt) => options.logger.warn({ attempt, err: String(err) }, 'DingTalk stream: could not connect; trying again'),
    onOpen: () => options.logger.info('DingTalk stream: connected'),
  });
  const handle = (parse: (frame: DWClientDownStream) => ParsedDingtalk) => (frame: DWClientDownStream) => void receive(options, client, frame, parse, count);
  if (options.robotMessages) client.registerCallbackListener(TOPIC_ROBOT, handle((f) => robotMessageToEvent(parseJson(f.data))));
  client.registerCallbackListener(TOPIC_CARD, handle((f) => cardCallbackToEvent(parseJson(f.data), f.headers.time)));
  void client.connect();
  return { client, stop: () => client.disconnect() };
}

async function receive(
  options: DingtalkStreamOptions, client: StreamClient, frame: DWClientDownStream, parse: (frame: DWClientDownStream) => ParsedDingtalk, count: (r: string) => void,
): Promise<void> {
  let parsed: ParsedDingtalk;
  try {
    parsed = parse(frame);
  } catch (err) {
    // Nothing a second push could mend: acknowledged, counted, not stored.
    if (!(err instanceof DingtalkPayloadError)) throw err;
    count('malformed');
    client.socketCallBackResponse(frame.headers.messageId, {});
    return;
  }
  try {
    const claimed = await options.claimer.claim({
      orgId: options.orgId, channel: 'dingtalk', platformKey: parsed.platformKey, kind: parsed.event.type,
      senderId: parsed.event.senderId, payload: JSON.stringify(parsed.event), receivedAt: options.clock.now(),
    });
    count(claimed ? 'accepted' : 'duplicate');
    client.socketCallBackResponse(frame.headers.messageId, {});
    if (claimed) options.onAccepted();
  } catch (err) {
    count('claim_failed');
    options.logger.error({ err: String(err), topic: frame.headers.topic }, 'DingTalk frame not stored; left unacknowledged for DingTalk to push again');
  }
}
