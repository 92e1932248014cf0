// The platform clients the outbox sends through, per organisation and channel (each row names
// both): every organisation's own WeCom app, and the DingTalk app for the one organisation it
// is configured for. Tests may add a client of their own (a fake second platform) without
// touching this list.
import type { DingtalkConfig } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import { DingtalkClient } from './dingtalk/client.ts';
import type { Channel, PlatformClient } from './types.ts';
import { WecomOrgClients } from './wecom/org-clients.ts';
import type { WecomOrgDirectory } from './wecom/org-directory.ts';

/** The DINGTALK_* variables' app and the organisation it belongs to (ORG_CODE's). */
export interface DingtalkOrgApp {
  orgId: number;
  app: DingtalkConfig;
}

export interface PlatformSettings {
  /** Every organisation's WeCom app (the variables' one and the stored ones). */
  wecomOrgs?: WecomOrgDirectory;
  dingtalk?: DingtalkOrgApp;
  /** Each client's per-request timeout. */
  timeoutMs?: number;
  /** Clients given ready-made (tests, a simulator); they replace a configured one of the same channel. */
  clients?: PlatformClient[];
}

export type ClientFor = (orgId: number, channel: Channel) => Promise<PlatformClient | undefined>;

/**
 * The client a row of (organisation, channel) goes out through, or undefined when that
 * organisation has no app on that channel. A DingTalk userid names a person only inside its own
 * corp: another organisation's row sent through this app could reach someone else entirely.
 */
export function platformClients(settings: PlatformSettings, clock: Clock): ClientFor {
  const options = { timeoutMs: settings.timeoutMs };
  const given = new Map<Channel, PlatformClient>((settings.clients ?? []).map((c) => [c.channel, c]));
  const wecom = settings.wecomOrgs && new WecomOrgClients(settings.wecomOrgs, clock, options);
  const dingtalk = settings.dingtalk && { orgId: settings.dingtalk.orgId, client: new DingtalkClient(settings.dingtalk.app, clock, options) };
  return async (orgId, channel) => {
    const ready = given.get(channel);
    if (ready) return ready;
    if (channel === 'wecom') return wecom?.forOrg(orgId);
    if (channel === 'dingtalk' && dingtalk?.orgId === orgId) return dingtalk.client;
    return undefined;
  };
}
