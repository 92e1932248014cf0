// The roster import's writes, set-based: a few multi-row statements per chunk of people, one
// transaction per chunk (bulk-sql.ts). People are addressed by (orgId, mobile), the unique key
// the import itself uses, so a chunk's memberships and accounts need no ids read back. The
// import is a diff: a run cut short between chunks is completed by running it again.
import type { BulkSession, Statement } from './bulk-sql.ts';
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

export interface RosterSetup {
  orgId: number;
  newUnits: UnitRef[];
  /** Accounts people give up: dropped before any is added, so one moving between two people is free to take. */
  dropAccounts: { personId: number; channel: string }[];
  /** Prisma's @updatedAt and @default(now()): the time of the write. */
  now: Date;
}

/**
 * What comes before the people's chunks: the new units, then every account someone gives up.
 * Returns the organisation's unit ids by `kind:name`, for the chunks' memberships.
 */
export async function prepareRosterWrites(db: Db, s: BulkSession, w: RosterSetup): Promise<Map<string, number>> {
  await s.transaction(s.statements(w.newUnits, 5, (part, a) =>
    `INSERT INTO "Unit" ("orgId", "kind", "name", "createdAt", "updatedAt")
     ${a.rows(part.map((u) => [w.orgId, u.kind, u.name, w.now, w.now]), ['int', 'text', 'text', 'timestamp', 'timestamp'])}`));
  const units = await db.unit.findMany({ where: { orgId: w.orgId }, select: { id: true, kind: true, name: true } });
  const unitIds = new Map(units.map((u) => [`${u.kind}:${u.name}`, u.id]));
  for (const part of s.statements(w.dropAccounts, 2, (rows, a) =>
    `DELETE FROM "PlatformAccount" WHERE ("personId", "channel") IN (${a.rows(rows.map((d) => [d.personId, d.channel]), ['int', 'text'])})`)) {
    await s.transaction([part]);
  }
  return unitIds;
}

/** One chunk of people, one transaction. */
export async function writeRosterChunk(s: BulkSession, orgId: number, chunk: RosterChunk, now: Date): Promise<void> {
  await s.transaction(chunkStatements(s, orgId, chunk, now));
}

function chunkStatements(s: BulkSession, orgId: number, chunk: RosterChunk, now: Date): Statement[] {
  const created = chunk.people.filter((p) => p.personId === undefined);
  const updated = chunk.people.filter((p) => p.personId !== undefined);
  return [
    ...s.statements(created, 9, (part, a) =>
      `INSERT INTO "Person" ("orgId", "name", "mobile", "levels", "isStaff", "workUnit", "district", "createdAt", "updatedAt")
       ${a.rows(part.map((p) => [orgId, p.fields.name, p.mobile, p.fields.levels, p.fields.isStaff, p.fields.workUnit ?? null, p.fields.district ?? null, now, now]),
         ['int', 'text', 'text', 'text', 'boolean', 'text', 'text', 'timestamp', 'timestamp'])}`),
    ...updatePeople(s, updated, now),
    ...s.statements(chunk.dropMemberships, 2, (part, a) =>
      `DELETE FROM "Membership" WHERE ("personId", "unitId") IN (${a.rows(part.map((m) => [m.personId, m.unitId]), ['int', 'int'])})`),
    ...s.statements(chunk.setRoles, 3, (part, a) =>
      `UPDATE "Membership" SET "role" = v.column3 FROM (${a.rows(part.map((m) => [m.personId, m.unitId, m.role]), ['int', 'int', 'text'])}) AS v
       WHERE "Membership"."personId" = v.column1 AND "Membership"."unitId" = v.column2`),
    // The organisation comes with each row, not as a constant: SQLite would otherwise read the
    // organisation's people by that constant and look each up in the rows (all people × rows).
    ...s.statements(chunk.addMemberships, 4, (part, a) =>
      `INSERT INTO "Membership" ("unitId", "personId", "role", "createdAt")
       SELECT v.column3, p."id", v.column4, ${a.add(now, 'timestamp')}
       FROM (${a.orderedRows(part.map((m) => [orgId, m.mobile, m.unitId, m.role]), ['int', 'text', 'int', 'text'])}) AS v
       JOIN "Person" p ON p."orgId" = v.column1 AND p."mobile" = v.column2
       ORDER BY v."ordinal"`),
    ...s.statements(chunk.addAccounts, 4, (part, a) =>
      `INSERT INTO "PlatformAccount" ("orgId", "personId", "channel", "platformUserId")
       SELECT p."orgId", p."id", v.column3, v.column4
       FROM (${a.orderedRows(part.map((x) => [orgId, x.mobile, x.channel, x.platformUserId]), ['int', 'text', 'text', 'text'])}) AS v
       JOIN "Person" p ON p."orgId" = v.column1 AND p."mobile" = v.column2
       ORDER BY v."ordinal"`),
  ];
}

/**
 * The optional columns are written only when the file has them, so people are grouped by the
 * columns they set (a file has them for every row or for none, but nothing here relies on it).
 */
function updatePeople(s: BulkSession, people: PersonWrite[], now: Date): Statement[] {
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
    return s.statements(rows, columns.length + 1, (part, a) => {
      const updatedAt = a.add(now, 'timestamp');
      const sets = columns.map((c, i) => `"${c}" = v.column${i + 2}`).join(', ');
      return `UPDATE "Person" SET ${sets}, "updatedAt" = ${updatedAt} FROM (${a.rows(part, [...types])}) AS v WHERE "Person"."id" = v.column1`;
    });
  });
}
