// Organisations' stored platform credentials (OrgCredential). Secret columns hold sealed
// values only (src/lib/secret-box.ts); sealing and opening happen in the platform's code.
import type { Db } from './prisma.ts';

export interface CredentialRow {
  orgId: number;
  channel: string;
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  aesKey: string;
  botToken: string | null;
  botAesKey: string | null;
  updatedAt: Date;
  org: { code: string; name: string };
}

export type CredentialFields = Omit<CredentialRow, 'orgId' | 'channel' | 'updatedAt' | 'org'>;

const SELECT = {
  orgId: true, channel: true, corpId: true, agentId: true, secret: true, token: true, aesKey: true,
  botToken: true, botAesKey: true, updatedAt: true, org: { select: { code: true, name: true } },
} as const;

export function listCredentials(db: Db, channel?: string): Promise<CredentialRow[]> {
  return db.orgCredential.findMany({ where: channel ? { channel } : {}, select: SELECT, orderBy: { orgId: 'asc' } });
}

export async function findCredentialByCode(db: Db, code: string, channel: string): Promise<CredentialRow | undefined> {
  return (await db.orgCredential.findFirst({ where: { channel, org: { code } }, select: SELECT })) ?? undefined;
}

export async function findCredentialByOrgId(db: Db, orgId: number, channel: string): Promise<CredentialRow | undefined> {
  return (await db.orgCredential.findUnique({ where: { orgId_channel: { orgId, channel } }, select: SELECT })) ?? undefined;
}

/** Stores an organisation's credentials; false when it has some on this channel already. */
export async function insertCredential(db: Db, orgId: number, channel: string, fields: CredentialFields, now: Date): Promise<boolean> {
  const added = await db.$executeRaw`
    INSERT INTO "OrgCredential" ("orgId", "channel", "corpId", "agentId", "secret", "token", "aesKey", "botToken", "botAesKey", "updatedAt")
    VALUES (${orgId}, ${channel}, ${fields.corpId}, ${fields.agentId}, ${fields.secret}, ${fields.token}, ${fields.aesKey},
            ${fields.botToken}, ${fields.botAesKey}, ${now})
    ON CONFLICT ("orgId", "channel") DO NOTHING`;
  return added === 1;
}

export async function updateCredential(db: Db, orgId: number, channel: string, fields: Partial<CredentialFields>): Promise<boolean> {
  const { count } = await db.orgCredential.updateMany({ where: { orgId, channel }, data: fields });
  return count === 1;
}

/** Forgets an organisation's stored credentials of one channel; false when it had none. */
export async function deleteCredential(db: Db, orgId: number, channel: string): Promise<boolean> {
  const { count } = await db.orgCredential.deleteMany({ where: { orgId, channel } });
  return count === 1;
}
