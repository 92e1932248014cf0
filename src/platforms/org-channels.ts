// The platforms an organisation's people can be reached on in this deployment: WeCom when it
// has a WeCom app (the WECOM_* variables' organisation, or credentials stored by `npm run org`),
// DingTalk for the DINGTALK_* variables' organisation only (ORG_CODE's; see registry.ts). Local
// mode's simulator plays both. The roster import checks the file's accounts against it.
import type { Config } from '../config.ts';
import { findCredentialByCode } from '../repositories/org-credential-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Channel } from './types.ts';
import { WECOM_CHANNEL } from './wecom/org-credentials.ts';

export async function channelsOf(db: Db, config: Config, orgCode: string): Promise<Channel[]> {
  if (config.mode === 'local') return ['wecom', 'dingtalk'];
  const home = orgCode === config.orgCode;
  const wecom = (home && config.wecom !== undefined) || (await findCredentialByCode(db, orgCode, WECOM_CHANNEL)) !== undefined;
  const channels: Channel[] = [];
  if (wecom) channels.push('wecom');
  if (home && config.dingtalk) channels.push('dingtalk');
  return channels;
}
