// The platform clients the outbox sends through, per organisation and channel (each row names
// both): every organisation's own WeCom app and its own DingTalk app. Tests may add a client of
// their own (a fake second platform) without touching this list.
import type { Clock } from '../lib/clock.ts';
import { DingtalkClient } from './dingtalk/client.ts';
import type { DingtalkOrgDirectory } from './dingtalk/org-directory.ts';
import { OrgClients } from './org-clients.ts';
import type { Channel, PlatformClient } from './types.ts';
import { WecomClient } from './wecom/client.ts';
import type { WecomOrgDirectory } from './wecom/org-directory.ts';

export interface PlatformSettings {
  /** Every organisation's WeCom app (the variables' one and the stored ones). */
  wecomOrgs?: WecomOrgDirectory;
  /** Every organisation's DingTalk app (likewise). */
  dingtalkOrgs?: DingtalkOrgDirectory;
  /** Each client's per-request timeout. */
  timeoutMs?: number;
  /** Clients given ready-made (tests, a simulator); they replace a configured one of the same channel. */
  clients?: PlatformClient[];
}

export type ClientFor = (orgId: number, channel: Channel) => Promise<PlatformClient | undefined>;

/**
 * The client a row of (organisation, channel) goes out through, or undefined when that
 * organisation has no app on that channel. Never another organisation's app: a DingTalk userid
 * names a person only inside its own corp, and a WeCom userid only inside its own.
 */
export function platformClients(settings: PlatformSettings, clock: Clock): ClientFor {
  const options = { timeoutMs: settings.timeoutMs };
  const given = new Map<Channel, PlatformClient>((settings.clients ?? []).map((c) => [c.channel, c]));
  const wecom = settings.wecomOrgs && new OrgClients(settings.wecomOrgs, ({ app }) => ({ names: `${app.corpId}:${app.agentId}:${app.apiBase}`, secret: app.secret }), ({ app }) => new WecomClient(app, clock, options));
  const dingtalk = settings.dingtalkOrgs && new OrgClients(settings.dingtalkOrgs, ({ app }) => ({ names: `${app.clientId}:${app.robotCode}:${app.cardTemplates.notice}:${app.cardTemplates.approval}:${app.apiBase}`, secret: app.clientSecret }), ({ app }) => new DingtalkClient(app, clock, options));
  return async (orgId, channel) => {
    const ready = given.get(channel);
    if (ready) return ready;
    if (channel === 'wecom') return wecom?.forOrg(orgId);
    if (channel === 'dingtalk') return dingtalk?.forOrg(orgId);
    return undefined;
  };
}
