// Data access for the roster import: the organisation and what it holds. The people's writes
// are set-based, in roster-write-repo.ts.
import type { ExistingPerson, ExistingUnit } from '../services/roster/roster-types.ts';
import { query } from './driver-sql.ts';
import { dialectOf, Prisma, type Db } from './prisma.ts';

const PAGE = 5000;

export interface PersonHead {
  id: number;
  name: string;
  mobile: string;
  leftAt: Date | null;
}

export interface HeldAccount {
  id: number;
  personId: number;
  channel: string;
  platformUserId: string;
  /** The holder's. */
  mobile: string;
  name: string;
}

/**
 * A list of values as one parameter (a JSON array), whatever its length: one statement text for
 * every chunk, where `IN (?, ?, …)` would make (and cache) a new one per length.
 */
function textList(db: Db, values: string[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return dialectOf(db) === 'postgres' ? Prisma.sql`SELECT json_array_elements_text(${json}::json)` : Prisma.sql`SELECT value FROM json_each(${json})`;
}

function intList(db: Db, values: number[]): Prisma.Sql {
  const json = JSON.stringify(values);
  return dialectOf(db) === 'postgres' ? Prisma.sql`SELECT json_array_elements_text(${json}::json)::integer` : Prisma.sql`SELECT value FROM json_each(${json})`;
}

export interface OrganisationRow {
  id: number;
  code: string;
  name: string;
  /** The last roster file imported (base name), or null. */
  rosterFile?: string | null;
}


/** How the roster's bulk reads run: a bulk session's query (roster-service), or the ordinary path. */
export type Read = <T>(sql: Prisma.Sql) => Promise<T[]>;

export function createRosterRepo(db: Db, read: Read = <T,>(sql: Prisma.Sql) => query<T>(db)(sql.strings as unknown as TemplateStringsArray, ...sql.values)) {
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

    async units(orgId: number): Promise<ExistingUnit[]> {
      return read<ExistingUnit>(Prisma.sql`SELECT "id", "kind", "name" FROM "Unit" WHERE "orgId" = ${orgId} ORDER BY "id"`);
    },

    /**
     * The organisation's people, a page at a time in id order: a province's 100,000 are looked
     * at once each and never held together.
     */
    async *peoplePages(orgId: number, pageSize = PAGE): AsyncGenerator<PersonHead[]> {
      for (let after = 0; ; ) {
        const page = await read<PersonHead>(Prisma.sql`
          SELECT "id", "name", "mobile", "leftAt" FROM "Person" WHERE "orgId" = ${orgId} AND "id" > ${after} ORDER BY "id" LIMIT ${pageSize}`);
        if (page.length > 0) yield page;
        if (page.length < pageSize) return;
        after = page.at(-1)!.id;
      }
    },

    /** The organisation's platform accounts with their holders, a page at a time in id order. */
    async *accountPages(orgId: number, pageSize = PAGE): AsyncGenerator<HeldAccount[]> {
      for (let after = 0; ; ) {
        const page = await read<HeldAccount>(Prisma.sql`
          SELECT a."id", a."personId", a."channel", a."platformUserId", p."mobile", p."name"
          FROM "PlatformAccount" a JOIN "Person" p ON p."id" = a."personId"
          WHERE p."orgId" = ${orgId} AND a."id" > ${after} ORDER BY a."id" LIMIT ${pageSize}`);
        if (page.length > 0) yield page;
        if (page.length < pageSize) return;
        after = page.at(-1)!.id;
      }
    },

    /** The people of the organisation with these phones, with their memberships and accounts (one chunk of an import). */
    async peopleByMobile(orgId: number, mobiles: string[]): Promise<ExistingPerson[]> {
      if (mobiles.length === 0) return [];
      const list = textList(db, mobiles);
      const people = await read<Omit<ExistingPerson, 'memberships' | 'accounts'>>(Prisma.sql`
        SELECT "id", "name", "mobile", "levels", "isStaff", "workUnit", "district", "leftAt" FROM "Person"
        WHERE "orgId" = ${orgId} AND "mobile" IN (${list}) ORDER BY "id"`);
      if (people.length === 0) return [];
      const ids = intList(db, people.map((p) => p.id));
      const memberships = await read<{ personId: number; unitId: number; role: string }>(Prisma.sql`
        SELECT "personId", "unitId", "role" FROM "Membership" WHERE "personId" IN (${ids}) ORDER BY "id"`);
      const accounts = await read<{ personId: number; channel: string; platformUserId: string }>(Prisma.sql`
        SELECT "personId", "channel", "platformUserId" FROM "PlatformAccount" WHERE "personId" IN (${ids}) ORDER BY "id"`);
      const byId = new Map<number, ExistingPerson>();
      for (const p of people) byId.set(p.id, Object.assign(p, { memberships: [], accounts: [] }));
      for (const m of memberships) byId.get(m.personId)?.memberships.push({ unitId: m.unitId, role: m.role });
      for (const a of accounts) byId.get(a.personId)?.accounts.push({ channel: a.channel, platformUserId: a.platformUserId });
      return [...byId.values()];
    },

    /** Rule S1: the departments suggestions are assigned to (their handlers are not office staff). */
    async departmentNames(orgId: number): Promise<Set<string>> {
      return new Set((await db.department.findMany({ where: { orgId }, select: { name: true } })).map((d) => d.name));
    },
  };
}

export type RosterRepo = ReturnType<typeof createRosterRepo>;
