// Data access for the roster import. Every write is one statement: the SQLite adapter
// shares one connection, so an interactive transaction would also swallow unrelated
// concurrent queries. The import is a diff, so a run cut short is completed by re-running it.
import type { OrgSnapshot, PersonFields } from '../services/roster/roster-types.ts';
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

    async loadSnapshot(orgId: number): Promise<RosterSnapshot> {
      const units = await db.unit.findMany({ where: { orgId }, select: { id: true, kind: true, name: true } });
      const people = await db.person.findMany({
        where: { orgId },
        select: {
          id: true,
          name: true,
          mobile: true,
          levels: true,
          isStaff: true,
          workUnit: true,
          district: true,
          leftAt: true,
          memberships: { select: { unitId: true, role: true } },
          accounts: { select: { channel: true, platformUserId: true } },
        },
      });
      return { units, people };
    },

    /** Rule S1: the departments suggestions are assigned to (their handlers are not office staff). */
    async departmentNames(orgId: number): Promise<Set<string>> {
      return new Set((await db.department.findMany({ where: { orgId }, select: { name: true } })).map((d) => d.name));
    },

    async createUnit(orgId: number, kind: string, name: string): Promise<number> {
      const unit = await db.unit.create({ data: { orgId, kind, name }, select: { id: true } });
      return unit.id;
    },

    async createPerson(orgId: number, mobile: string, fields: PersonFields): Promise<number> {
      const person = await db.person.create({ data: { orgId, mobile, ...fields }, select: { id: true } });
      return person.id;
    },

    /** Also called when only memberships or accounts changed, so updatedAt shows the roster change. */
    async updatePerson(id: number, fields: PersonFields): Promise<void> {
      await db.person.update({ where: { id }, data: fields });
    },

    async deleteMemberships(personId: number, unitIds: number[]): Promise<void> {
      if (unitIds.length > 0) await db.membership.deleteMany({ where: { personId, unitId: { in: unitIds } } });
    },

    async setMembershipRole(unitId: number, personId: number, role: string): Promise<void> {
      await db.membership.update({ where: { unitId_personId: { unitId, personId } }, data: { role } });
    },

    async createMemberships(rows: { unitId: number; personId: number; role: string }[]): Promise<void> {
      if (rows.length > 0) await db.membership.createMany({ data: rows });
    },

    async deleteAccounts(personId: number, channels: string[]): Promise<void> {
      if (channels.length > 0) await db.platformAccount.deleteMany({ where: { personId, channel: { in: channels } } });
    },

    async createAccounts(rows: { orgId: number; personId: number; channel: string; platformUserId: string }[]) {
      if (rows.length > 0) await db.platformAccount.createMany({ data: rows });
    },
  };
}

export type RosterRepo = ReturnType<typeof createRosterRepo>;
