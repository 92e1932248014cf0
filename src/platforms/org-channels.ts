// The platforms an organisation's people can be reached on in this deployment: WeCom when it
// has a WeCom app (the WECOM_* variables' organisation, or credentials stored by `npm run org`),
// DingTalk for the DINGTALK_* variables' organisation only (ORG_CODE's; the outbox's clients,
// registry.ts, follow the same rule). Local mode's simulator plays both.
import type { Config } from '../config.ts';
import { findCredentialByCode } from '../repositories/org-credential-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Channel } from './types.ts';
import { WECOM_CHANNEL } from './wecom/org-credentials.ts';
import type { WecomOrgDirectory } from './wecom/org-directory.ts';

/** From the configuration and the stored credentials: what a command line (the roster import, scripts/cli.ts) can know. */
export async function channelsOf(db: Db, config: Config, orgCode: string): Promise<Channel[]> {
  if (config.mode === 'local') return ['wecom', 'dingtalk'];
  const home = orgCode === config.orgCode;
  const wecom = (home && config.wecom !== undefined) || (await findCredentialByCode(db, orgCode, WECOM_CHANNEL)) !== undefined;
  const channels: Channel[] = [];
  if (wecom) channels.push('wecom');
  if (home && config.dingtalk) channels.push('dingtalk');
  return channels;
}

export interface RunningPlatforms {
  /** Every organisation's WeCom app (in local mode, the simulator's). */
  wecomOrgs?: WecomOrgDirectory;
  /** The organisation the DingTalk app serves, when there is one. */
  dingtalkOrgId?: number;
  /** Channels with a ready-made client for every organisation (tests: a fake second platform). */
  given?: readonly Channel[];
}

/** The same, by organisation id, from what a running service has built (its WeCom directory, DingTalk's organisation). */
export function orgChannels(running: RunningPlatforms): (orgId: number) => Promise<Channel[]> {
  return async (orgId) => {
    const channels = new Set<Channel>(running.given);
    if (await running.wecomOrgs?.byOrgId(orgId)) channels.add('wecom');
    if (orgId === running.dingtalkOrgId) channels.add('dingtalk');
    return [...channels];
  };
}
