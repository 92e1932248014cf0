// The platform clients the outbox sends through, built from what is configured: WeCom,
// DingTalk, or both at once (each row names its channel). Tests may add a client of their own
// (a fake second platform) without touching this list.
import type { DingtalkConfig, WecomAppConfig } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { DingtalkClient } from './dingtalk/client.ts';
import type { Channel, PlatformClient } from './types.ts';
import { WecomClient } from './wecom/client.ts';

export interface PlatformSettings {
  wecom?: WecomAppConfig;
  dingtalk?: DingtalkConfig;
  /** Each client's per-request timeout. */
  timeoutMs?: number;
  /** Clients given ready-made (tests, a simulator); they replace a configured one of the same channel. */
  clients?: PlatformClient[];
}

export function createPlatformClients(settings: PlatformSettings, clock: Clock): Map<Channel, PlatformClient> {
  const options = { timeoutMs: settings.timeoutMs };
  const clients = new Map<Channel, PlatformClient>();
  if (settings.wecom) clients.set('wecom', new WecomClient(settings.wecom, clock, options));
  if (settings.dingtalk) clients.set('dingtalk', new DingtalkClient(settings.dingtalk, clock, options));
  for (const client of settings.clients ?? []) clients.set(client.channel, client);
  return clients;
}
