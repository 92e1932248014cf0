// The roster import's writes, set-based: a few multi-row statements per chunk of people, one
// transaction per chunk (bulk-sql.ts). People are addressed by (orgId, mobile), the unique key
// the import itself uses, so a chunk's memberships and accounts need no ids read back. The
// import is a diff: a run cut short between chunks is completed by running it again.
import { chunks, rowsPerStatement, runInTransaction, statement, type SqlArgs, type Statement } from './bulk-sql.ts';
import type { Db } from './prisma.ts';
import type { PersonFields, UnitRef } from '../services/roster/roster-types.ts';

export interface PersonWrite {
  mobile: string;
  fields: PersonFields;
  /** Set for someone already in the database. */
  personId?: number;
}

/** One chunk of people: everything the diff says to write for them. */
export interface RosterChunk {
  people: PersonWrite[];
  dropMemberships: { personId: number; unitId: number }[];
  setRoles: { personId: number; unitId: number; role: string }[];
  addMemberships: { mobile: string; unitId: number; role: string }[];
  addAccounts: { mobile: string; channel: string; platformUserId: string }[];
}

export function createRosterWriteRepo(db: Db) {
  return {
    /** Creates the units and returns the ids of all the organisation's units, by `kind:name`. */
    async createUnits(orgId: number, units: UnitRef[], now: Date): Promise<Map<string, number>> {
      const rows = units.map((u) => [orgId, u.kind, u.name, now, now]);
      await runInTransaction(db, chunks(rows, rowsPerStatement(5)).map((part) => statement(db, (a) =>
        `INSERT INTO "Unit" ("orgId", "kind", "name", "createdAt", "updatedAt") VALUES ${a.values(part, ['int', 'text', 'text', 'timestamp', 'timestamp'])}`)));
      const all = await db.unit.findMany({ where: { orgId }, select: { id: true, kind: true, name: true } });
      return new Map(all.map((u) => [`${u.kind}:${u.name}`, u.id]));
    },

    /** Before any account is added: an account moving between two people is then free to take. */
    async dropAccounts(drops: { personId: number; channel: string }[]): Promise<void> {
      for (const part of chunks(drops, rowsPerStatement(2))) {
        await runInTransaction(db, [statement(db, (a) =>
          `DELETE FROM "PlatformAccount" WHERE ("personId", "channel") IN (VALUES ${a.values(part.map((d) => [d.personId, d.channel]), ['int', 'text'])})`)]);
      }
    },

    /** One chunk of people in one transaction. `now` is their updatedAt (Prisma's @updatedAt). */
    async writeChunk(orgId: number, chunk: RosterChunk, now: Date): Promise<void> {
      const created = chunk.people.filter((p) => p.personId === undefined);
      const updated = chunk.people.filter((p) => p.personId !== undefined);
      await runInTransaction(db, [
        ...insertPeople(db, orgId, created, now),
        ...updatePeople(db, updated, now),
        ...chunked(db, chunk.dropMemberships, 2, (part, a) =>
          `DELETE FROM "Membership" WHERE ("personId", "unitId") IN (VALUES ${a.values(part.map((m) => [m.personId, m.unitId]), ['int', 'int'])})`),
        ...chunked(db, chunk.setRoles, 3, (part, a) =>
          `UPDATE "Membership" SET "role" = v.column3 FROM (VALUES ${a.values(part.map((m) => [m.personId, m.unitId, m.role]), ['int', 'int', 'text'])}) AS v
           WHERE "Membership"."personId" = v.column1 AND "Membership"."unitId" = v.column2`),
        ...chunked(db, chunk.addMemberships, 3, (part, a) =>
          `INSERT INTO "Membership" ("unitId", "personId", "role", "createdAt")
           SELECT v.column2, p."id", v.column3, ${a.add(now, 'timestamp')}
           FROM (VALUES ${a.values(part.map((m) => [m.mobile, m.unitId, m.role]), ['text', 'int', 'text'])}) AS v
           JOIN "Person" p ON p."orgId" = ${a.add(orgId, 'int')} AND p."mobile" = v.column1`),
        ...chunked(db, chunk.addAccounts, 3, (part, a) =>
          `INSERT INTO "PlatformAccount" ("orgId", "personId", "channel", "platformUserId")
           SELECT p."orgId", p."id", v.column2, v.column3
           FROM (VALUES ${a.values(part.map((x) => [x.mobile, x.channel, x.platformUserId]), ['text', 'text', 'text'])}) AS v
           JOIN "Person" p ON p."orgId" = ${a.add(orgId, 'int')} AND p."mobile" = v.column1`),
      ]);
    },
  };
}

export type RosterWriteRepo = ReturnType<typeof createRosterWriteRepo>;

/** As many statements as the rows need (two spare values per row for the statement's own). */
function chunked<T>(db: Db, rows: T[], columns: number, build: (part: T[], a: SqlArgs) => string): Statement[] {
  return chunks(rows, rowsPerStatement(columns + 2)).map((part) => statement(db, (a) => build(part, a)));
}

function insertPeople(db: Db, orgId: number, people: PersonWrite[], now: Date): Statement[] {
  const rows = people.map((p) => [orgId, p.fields.name, p.mobile, p.fields.levels, p.fields.isStaff, p.fields.workUnit ?? null, p.fields.district ?? null, now, now]);
  return chunks(rows, rowsPerStatement(9)).map((part) => statement(db, (a) =>
    `INSERT INTO "Person" ("orgId", "name", "mobile", "levels", "isStaff", "workUnit", "district", "createdAt", "updatedAt")
     VALUES ${a.values(part, ['int', 'text', 'text', 'text', 'boolean', 'text', 'text', 'timestamp', 'timestamp'])}`));
}

/**
 * The optional columns are written only when the file has them, so people are grouped by the
 * columns they set (a file has them for every row or for none, but nothing here relies on it).
 */
function updatePeople(db: Db, people: PersonWrite[], now: Date): Statement[] {
  const groups = new Map<string, PersonWrite[]>();
  for (const p of people) {
    const key = `${p.fields.workUnit !== undefined}${p.fields.district !== undefined}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].flatMap((group) => {
    const optional = (['workUnit', 'district'] as const).filter((k) => group[0]!.fields[k] !== undefined);
    const columns = ['name', 'levels', 'isStaff', ...optional];
    const types = ['int', 'text', 'text', 'boolean', ...optional.map(() => 'text' as const)] as const;
    const rows = group.map((p) => [p.personId, p.fields.name, p.fields.levels, p.fields.isStaff, ...optional.map((k) => p.fields[k])]);
    return chunks(rows, rowsPerStatement(columns.length + 1)).map((part) => statement(db, (a) => {
      const updatedAt = a.add(now, 'timestamp');
      const sets = columns.map((c, i) => `"${c}" = v.column${i + 2}`).join(', ');
      return `UPDATE "Person" SET ${sets}, "updatedAt" = ${updatedAt} FROM (VALUES ${a.values(part, [...types])}) AS v WHERE "Person"."id" = v.column1`;
    }));
  });
}
