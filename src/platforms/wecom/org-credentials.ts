// A WeCom organisation's stored credentials: sealed into an OrgCredential row, opened into the
// app (and robot) config the receivers and the client use. Each sealed value is bound to its
// organisation and field (the associated data), so a value moved to another row never opens.
// The start-up check refuses to run with stored secrets and no key, or a key that opens none.
import type { WecomAppConfig, WecomBotConfig } from '../../config.ts';
import { ConfigError } from '../../config.ts';
import { SecretBox, SecretOpenError, type SecretKey } from '../../lib/secret-box.ts';
import { countCredentials, listCredentials, type CredentialFields, type CredentialRow } from '../../repositories/org-credential-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

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

/**
 * Start-up: stored secrets need SECRETS_KEY, and the key must open every one of them. Returns
 * the box (undefined when there is no key and nothing stored). One ConfigError line otherwise.
 */
export async function checkStoredSecrets(db: Db, keys: SecretKey[] | undefined): Promise<SecretBox | undefined> {
  if (!keys) {
    const stored = await countCredentials(db);
    if (stored === 0) return undefined;
    throw new ConfigError('SECRETS_KEY', `is missing: ${stored} organisation${stored === 1 ? ' has' : 's have'} credentials stored sealed with it (npm run org -- list); set the key they were stored with`);
  }
  const box = new SecretBox(keys);
  for (const row of await listCredentials(db)) {
    try {
      openCredentials(box, row);
    } catch (err) {
      if (!(err instanceof SecretOpenError)) throw err;
      throw new ConfigError('SECRETS_KEY', `does not open the stored credentials of organisation ${row.org.code} (${err.message}); set the key they were stored with`);
    }
  }
  return box;
}
