// Data access for the roster import: the organisation and what it holds. The people's writes
// are set-based, in roster-write-repo.ts.
import type { ExistingPerson, ExistingUnit, OrgSnapshot } from '../services/roster/roster-types.ts';
import { query } from './driver-sql.ts';
import type { Db } from './prisma.ts';

export interface OrganisationRow {
  id: number;
  code: string;
  name: string;
  /** The last roster file imported (base name), or null. */
  rosterFile?: string | null;
}

export type RosterSnapshot = OrgSnapshot;

export function createRosterRepo(db: Db) {
  return {
    findOrganisation(code: string): Promise<OrganisationRow | null> {
      return db.organisation.findUnique({ where: { code }, select: { id: true, code: true, name: true, rosterFile: true } });
    },

    createOrganisation(code: string, name: string): Promise<OrganisationRow> {
      return db.organisation.create({ data: { code, name }, select: { id: true, code: true, name: true } });
    },

    async renameOrganisation(id: number, name: string): Promise<void> {
      await db.organisation.update({ where: { id }, data: { name } });
    },

    /** Marks the organisation as holding a roster from a file (never unset; see the schema). */
    async recordRosterFile(id: number, file: string, at: Date): Promise<void> {
      await db.organisation.update({ where: { id }, data: { rosterFile: file, rosterFileImportedAt: at } });
    },

    /**
     * Four flat reads (Prisma's nested include sends the ids back as IN lists, slow at a
     * province's 100,000 people), put together here.
     */
    async loadSnapshot(orgId: number): Promise<RosterSnapshot> {
      const units = await query<ExistingUnit>(db)`SELECT "id", "kind", "name" FROM "Unit" WHERE "orgId" = ${orgId} ORDER BY "id"`;
      const people = await query<Omit<ExistingPerson, 'memberships' | 'accounts'>>(db)`
        SELECT "id", "name", "mobile", "levels", "isStaff", "workUnit", "district", "leftAt" FROM "Person" WHERE "orgId" = ${orgId} ORDER BY "id"`;
      const memberships = await query<{ personId: number; unitId: number; role: string }>(db)`
        SELECT m."personId", m."unitId", m."role" FROM "Membership" m JOIN "Person" p ON p."id" = m."personId" WHERE p."orgId" = ${orgId} ORDER BY m."id"`;
      const accounts = await query<{ personId: number; channel: string; platformUserId: string }>(db)`
        SELECT a."personId", a."channel", a."platformUserId" FROM "PlatformAccount" a JOIN "Person" p ON p."id" = a."personId" WHERE p."orgId" = ${orgId} ORDER BY a."id"`;
      const byId = new Map<number, ExistingPerson>();
      for (const p of people) byId.set(p.id, Object.assign(p, { memberships: [], accounts: [] }));
      for (const m of memberships) byId.get(m.personId)?.memberships.push({ unitId: m.unitId, role: m.role });
      for (const a of accounts) byId.get(a.personId)?.accounts.push({ channel: a.channel, platformUserId: a.platformUserId });
      return { units, people: [...byId.values()] };
    },

    /** Rule S1: the departments suggestions are assigned to (their handlers are not office staff). */
    async departmentNames(orgId: number): Promise<Set<string>> {
      return new Set((await db.department.findMany({ where: { orgId }, select: { name: true } })).map((d) => d.name));
    },
  };
}

export type RosterRepo = ReturnType<typeof createRosterRepo>;
