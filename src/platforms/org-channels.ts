// The platforms an organisation's people can be reached on in this deployment: each platform
// it has an app on (the WECOM_* or DINGTALK_* variables' for ORG_CODE's organisation, or one
// stored by `npm run org`; the outbox's clients, registry.ts, follow the same rule). Local
// mode's simulator plays both.
import type { Config } from '../config.ts';
import { findCredentialByCode } from '../repositories/org-credential-repo.ts';
import { findDingtalkAppByCode } from '../repositories/org-dingtalk-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { DingtalkOrgDirectory } from './dingtalk/org-directory.ts';
import type { Channel } from './types.ts';
import { WECOM_CHANNEL } from './wecom/org-credentials.ts';
import type { WecomOrgDirectory } from './wecom/org-directory.ts';

/** From the configuration and the stored credentials: what a command line (the roster import, scripts/cli.ts) can know. */
export async function channelsOf(db: Db, config: Config, orgCode: string): Promise<Channel[]> {
  if (config.mode === 'local') return ['wecom', 'dingtalk'];
  const home = orgCode === config.orgCode;
  const wecom = (home && config.wecom !== undefined) || (await findCredentialByCode(db, orgCode, WECOM_CHANNEL)) !== undefined;
  const dingtalk = (home && config.dingtalk !== undefined) || (await findDingtalkAppByCode(db, orgCode)) !== undefined;
  const channels: Channel[] = [];
  if (wecom) channels.push('wecom');
  if (dingtalk) channels.push('dingtalk');
  return channels;
}

export interface RunningPlatforms {
  /** Every organisation's WeCom app (in local mode, the simulator's). */
  wecomOrgs?: WecomOrgDirectory;
  /** Every organisation's DingTalk app. */
  dingtalkOrgs?: DingtalkOrgDirectory;
  /** Channels with a ready-made client for every organisation (tests: a fake second platform). */
  given?: readonly Channel[];
}

/** The same, by organisation id, from what a running service has built (its directories of apps). */
export function orgChannels(running: RunningPlatforms): (orgId: number) => Promise<Channel[]> {
  return async (orgId) => {
    const channels = new Set<Channel>(running.given);
    if (await running.wecomOrgs?.byOrgId(orgId)) channels.add('wecom');
    if (await running.dingtalkOrgs?.byOrgId(orgId)) channels.add('dingtalk');
    return [...channels];
  };
}
