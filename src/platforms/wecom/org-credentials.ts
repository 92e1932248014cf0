// A WeCom organisation's stored credentials: sealed into an OrgCredential row, opened into the
// app (and robot) config the receivers and the client use. Each sealed value is bound to its
// organisation and field (the associated data), so a value moved to another row never opens.
import type { WecomAppConfig, WecomBotConfig } from '../../config.ts';
import type { SecretBox } from '../../lib/secret-box.ts';
import type { CredentialFields, CredentialRow } from '../../repositories/org-credential-repo.ts';

export const WECOM_CHANNEL = 'wecom';

/** An organisation's WeCom app, and its robot when it has one. */
export interface WecomOrgApp {
  orgId: number;
  code: string;
  app: WecomAppConfig;
  robot?: WecomBotConfig;
}

/** The credentials in the clear, as `npm run org` reads them. */
export interface WecomCredentials {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  aesKey: string;
  botToken?: string;
  botAesKey?: string;
}

export const SECRET_FIELDS = ['secret', 'token', 'aesKey', 'botToken', 'botAesKey'] as const;
type SecretField = (typeof SECRET_FIELDS)[number];

function context(orgId: number, field: SecretField): string {
  return `org:${orgId}:${WECOM_CHANNEL}:${field}`;
}

/** The row's columns: corp and agent ids as they are, every secret sealed. */
export function sealCredentials(box: SecretBox, orgId: number, c: Partial<WecomCredentials>): Partial<CredentialFields> {
  const out: Partial<CredentialFields> = {};
  if (c.corpId !== undefined) out.corpId = c.corpId;
  if (c.agentId !== undefined) out.agentId = c.agentId;
  for (const field of SECRET_FIELDS) {
    const value = c[field];
    // An empty robot field clears it (set --bot-token ''): the robot is switched off.
    if (value !== undefined) (out as Record<SecretField, string | null>)[field] = value === '' ? null : box.seal(value, context(orgId, field));
  }
  return out;
}

export function openCredentials(box: SecretBox, row: CredentialRow): WecomCredentials {
  const open = (field: SecretField) => {
    const sealed = row[field];
    return sealed === null ? undefined : box.open(sealed, context(row.orgId, field));
  };
  const botToken = open('botToken');
  const botAesKey = open('botAesKey');
  return {
    corpId: row.corpId, agentId: row.agentId, secret: open('secret')!, token: open('token')!, aesKey: open('aesKey')!,
    ...(botToken && botAesKey ? { botToken, botAesKey } : {}),
  };
}

export function toOrgApp(row: CredentialRow, c: WecomCredentials, apiBase: string): WecomOrgApp {
  return {
    orgId: row.orgId,
    code: row.org.code,
    app: { corpId: c.corpId, agentId: c.agentId, secret: c.secret, token: c.token, aesKey: c.aesKey, apiBase },
    ...(c.botToken && c.botAesKey ? { robot: { token: c.botToken, aesKey: c.botAesKey } } : {}),
  };
}
