// Organisations' stored DingTalk apps (OrgDingtalkApp). The client secret column holds a sealed
// value only (src/lib/secret-box.ts); sealing and opening happen in the platform's code.
import type { Db } from './prisma.ts';

export interface DingtalkAppRow {
  orgId: number;
  clientId: string;
  clientSecret: string;
  robotCode: string;
  noticeTemplate: string;
  approvalTemplate: string;
  updatedAt: Date;
  org: { code: string; name: string };
}

export type DingtalkAppFields = Omit<DingtalkAppRow, 'orgId' | 'updatedAt' | 'org'>;

const SELECT = {
  orgId: true, clientId: true, clientSecret: true, robotCode: true, noticeTemplate: true, approvalTemplate: true,
  updatedAt: true, org: { select: { code: true, name: true } },
} as const;

export function listDingtalkApps(db: Db): Promise<DingtalkAppRow[]> {
  return db.orgDingtalkApp.findMany({ select: SELECT, orderBy: { orgId: 'asc' } });
}

export async function findDingtalkAppByCode(db: Db, code: string): Promise<DingtalkAppRow | undefined> {
  return (await db.orgDingtalkApp.findFirst({ where: { org: { code } }, select: SELECT })) ?? undefined;
}

export async function findDingtalkAppByOrgId(db: Db, orgId: number): Promise<DingtalkAppRow | undefined> {
  return (await db.orgDingtalkApp.findUnique({ where: { orgId }, select: SELECT })) ?? undefined;
}

export async function findDingtalkAppByClientId(db: Db, clientId: string): Promise<DingtalkAppRow | undefined> {
  return (await db.orgDingtalkApp.findUnique({ where: { clientId }, select: SELECT })) ?? undefined;
}

/** Stores an organisation's DingTalk app; false when it has one already (or the app is another's). */
export async function insertDingtalkApp(db: Db, orgId: number, fields: DingtalkAppFields, now: Date): Promise<boolean> {
  const added = await db.$executeRaw`
    INSERT INTO "OrgDingtalkApp" ("orgId", "clientId", "clientSecret", "robotCode", "noticeTemplate", "approvalTemplate", "updatedAt")
    VALUES (${orgId}, ${fields.clientId}, ${fields.clientSecret}, ${fields.robotCode}, ${fields.noticeTemplate}, ${fields.approvalTemplate}, ${now})
    ON CONFLICT DO NOTHING`;
  return added === 1;
}

export async function updateDingtalkApp(db: Db, orgId: number, fields: Partial<DingtalkAppFields>): Promise<boolean> {
  const { count } = await db.orgDingtalkApp.updateMany({ where: { orgId }, data: fields });
  return count === 1;
}

/** Forgets an organisation's stored DingTalk app; false when it had none. */
export async function deleteDingtalkApp(db: Db, orgId: number): Promise<boolean> {
  const { count } = await db.orgDingtalkApp.deleteMany({ where: { orgId } });
  return count === 1;
}
