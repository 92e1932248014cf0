// Who is talking to the bot: a person found by their platform account, with units and roles.
import { slices } from './slices.ts';
import { query } from './driver-sql.ts';
import type { Db } from './prisma.ts';

export interface PersonWithRoles {
  id: number;
  orgId: number;
  name: string;
  mobile: string;
  levels: string[];
  isStaff: boolean;
  memberships: { role: string; unit: { id: number; kind: string; name: string } }[];
}

interface PersonRoleRow {
  id: number;
  orgId: number;
  name: string;
  mobile: string;
  levels: string | null;
  isStaff: boolean | number;
  role: string | null;
  unitId: number | null;
  unitKind: string | null;
  unitName: string | null;
}

/**
 * Who is writing, in one joined statement (it runs for every event): the account's person and
 * one row per membership. Memberships come in id order, as the nested Prisma read gave them.
 */
export async function findPersonByAccount(
  db: Db,
  orgId: number,
  channel: string,
  platformUserId: string,
): Promise<PersonWithRoles | undefined> {
  const rows = await query<PersonRoleRow>(db)`
    SELECT p."id", p."orgId", p."name", p."mobile", p."levels", p."isStaff",
      m."role", u."id" AS "unitId", u."kind" AS "unitKind", u."name" AS "unitName"
    FROM "PlatformAccount" a
    JOIN "Person" p ON p."id" = a."personId"
    LEFT JOIN "Membership" m ON m."personId" = p."id"
    LEFT JOIN "Unit" u ON u."id" = m."unitId"
    WHERE a."orgId" = ${orgId} AND a."channel" = ${channel} AND a."platformUserId" = ${platformUserId}
    ORDER BY m."id"`;
  const first = rows[0];
  if (!first) return undefined;
  const memberships = rows
    .filter((r) => r.unitId !== null && r.role !== null)
    .map((r) => ({ role: r.role!, unit: { id: Number(r.unitId), kind: r.unitKind!, name: r.unitName! } }));
  return {
    id: Number(first.id), orgId: Number(first.orgId), name: first.name, mobile: first.mobile,
    levels: first.levels ? first.levels.split(',') : [], isStaff: Boolean(Number(first.isStaff)), memberships,
  };
}

/** Members of the given units holding one of the roles, with their account on `channel` when one is named. */
export async function findUnitContacts(db: Db, unitIds: number[], roles: string[], channel?: string) {
  const rows = await db.membership.findMany({
    where: { unitId: { in: unitIds }, role: { in: roles } },
    select: {
      role: true,
      unit: { select: { id: true, kind: true, name: true } },
      person: { select: { id: true, name: true, mobile: true, accounts: { where: { channel: channel ?? '' }, select: { platformUserId: true } } } },
    },
    orderBy: [{ unitId: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    role: r.role,
    unit: r.unit,
    person: { id: r.person.id, name: r.person.name, mobile: r.person.mobile },
    platformUserId: r.person.accounts[0]?.platformUserId,
  }));
}

export async function findOfficeUnitIds(db: Db, orgId: number): Promise<number[]> {
  const units = await db.unit.findMany({ where: { orgId, kind: 'office' }, select: { id: true } });
  return units.map((u) => u.id);
}

export async function ensureOrganisation(db: Db, code: string, name?: string): Promise<{ id: number; name: string }> {
  return db.organisation.upsert({
    where: { code },
    create: { code, name: name ?? code },
    update: name ? { name } : {},
    select: { id: true, name: true },
  });
}

/** Everyone with an account on a channel (any channel when none is named), with their roles (the simulator's "log in as" list). */
export async function listPeopleWithAccounts(db: Db, orgId: number, channel?: string) {
  const accounts = await db.platformAccount.findMany({
    where: { orgId, ...(channel ? { channel } : {}) },
    select: {
      platformUserId: true,
      channel: true,
      person: {
        select: {
          name: true,
          levels: true,
          isStaff: true,
          memberships: { select: { role: true, unit: { select: { kind: true, name: true } } } },
        },
      },
    },
    orderBy: [{ personId: 'asc' }, { channel: 'asc' }],
  });
  return accounts.map((a) => ({ userId: a.platformUserId, channel: a.channel, ...a.person }));
}

export async function hasAccount(db: Db, orgId: number, channel: string, platformUserId: string): Promise<boolean> {
  const found = await db.platformAccount.findUnique({
    where: { orgId_channel_platformUserId: { orgId, channel, platformUserId } },
    select: { id: true },
  });
  return found !== null;
}

/** A person's user id on a channel, to message them directly. */
export async function findAccount(db: Db, personId: number, channel: string): Promise<string | undefined> {
  const account = await db.platformAccount.findUnique({
    where: { personId_channel: { personId, channel } },
    select: { platformUserId: true },
  });
  return account?.platformUserId;
}

/** User ids on a channel for many people at once (a notice to a 1,000-person unit). */
export async function accountsFor(db: Db, personIds: number[], channel: string): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (const part of slices(personIds)) {
    const rows = await db.platformAccount.findMany({ where: { personId: { in: part }, channel }, select: { personId: true, platformUserId: true } });
    for (const r of rows) found.set(r.personId, r.platformUserId);
  }
  return found;
}
