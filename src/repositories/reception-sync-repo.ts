// The scheduler's reception sync for a whole organisation at once (rules R1, R2, A4): a few
// reads of every station's days, duties and deputies, and set-based writes (bulk-sql.ts), so a
// province's 15,000 stations cost a few dozen statements instead of a dozen each. Every write
// is keyed as the per-station path's is: days by (station, date), duties by (day, person),
// activities by sourceKey, notices by (activity, kind, revision, person). Two instances syncing
// at once therefore create each row once; invitees and notices join the activity by its
// sourceKey, so whichever instance created it, they are written once.
import { withBulkSession } from './bulk-sql.ts';
import type { Db } from './prisma.ts';
import type { Station } from './reception-repo.ts';
import { query } from './driver-sql.ts';

export interface DayRow {
  id: number;
  unitId: number;
  date: string;
  status: string;
}

export interface PastDuty {
  unitId: number;
  occurrenceId: number;
  date: string;
  personId: number;
}

export async function orgStations(db: Db): Promise<Station[]> {
  return db.unit.findMany({ where: { kind: 'station' }, select: { id: true, orgId: true, name: true, receptionRule: true }, orderBy: { id: 'asc' } });
}

/** Inserts the days not there yet; a day cancelled by an earlier re-plan comes back as planned. */
export async function upsertPlannedDays(db: Db, orgId: number, days: { unitId: number; date: string; month: string }[], now: Date): Promise<void> {
  await withBulkSession(db, async (s) => {
    for (const st of s.statements(days, 7, (part, a) => `
      INSERT INTO "ReceptionOccurrence" ("orgId", "unitId", "date", "month", "status", "createdAt", "updatedAt")
      SELECT * FROM (${a.rows(part.map((d) => [orgId, d.unitId, d.date, d.month, 'planned', now, now]), ['int', 'int', 'text', 'text', 'text', 'timestamp', 'timestamp'])}) AS v WHERE true
      ON CONFLICT ("unitId", "date") DO UPDATE SET "status" = 'planned', "month" = excluded."month", "updatedAt" = excluded."updatedAt"
      WHERE "ReceptionOccurrence"."status" = 'cancelled'`)) await s.transaction([st]);
  });
}

export async function daysBetween(db: Db, orgId: number, from: string, to: string): Promise<DayRow[]> {
  return query<DayRow>(db)`SELECT "id", "unitId", "date", "status" FROM "ReceptionOccurrence"
    WHERE "orgId" = ${orgId} AND "date" >= ${from} AND "date" <= ${to} ORDER BY "unitId", "date"`;
}

/** Duties at the organisation's held or planned days in [from, to], by station, date and person. */
export async function dutiesBetweenAll(db: Db, orgId: number, from: string, to: string): Promise<PastDuty[]> {
  return query<PastDuty>(db)`SELECT o."unitId", d."occurrenceId", o."date", d."personId"
    FROM "ReceptionDuty" d JOIN "ReceptionOccurrence" o ON o."id" = d."occurrenceId"
    WHERE o."orgId" = ${orgId} AND o."status" <> 'cancelled' AND o."date" >= ${from} AND o."date" <= ${to}
    ORDER BY o."unitId", o."date", d."personId"`;
}

/** Every station's members with a deputy level (U3), in person id order. */
export async function stationDeputiesAll(db: Db, orgId: number): Promise<{ unitId: number; personId: number }[]> {
  return query<{ unitId: number; personId: number }>(db)`SELECT m."unitId", m."personId"
    FROM "Membership" m JOIN "Unit" u ON u."id" = m."unitId" JOIN "Person" p ON p."id" = m."personId"
    WHERE u."orgId" = ${orgId} AND u."kind" = 'station' AND p."levels" <> ''
    ORDER BY m."unitId", m."personId"`;
}

export async function insertDutiesMany(db: Db, duties: { occurrenceId: number; personId: number }[]): Promise<void> {
  await withBulkSession(db, async (s) => {
    for (const st of s.statements(duties, 3, (part, a) => `
      INSERT INTO "ReceptionDuty" ("occurrenceId", "personId", "source")
      SELECT * FROM (${a.rows(part.map((d) => [d.occurrenceId, d.personId, 'rotation']), ['int', 'int', 'text'])}) AS v WHERE true
      ON CONFLICT ("occurrenceId", "personId") DO NOTHING`)) await s.transaction([st]);
  });
}

/** Planned days from `from` on with their duty deputies (person ids in id order). */
export async function plannedDaysWithDuties(db: Db, orgId: number, from: string) {
  const rows = await query<{ id: number; unitId: number; date: string; personId: number | null }>(db)`
    SELECT o."id", o."unitId", o."date", d."personId" FROM "ReceptionOccurrence" o
    LEFT JOIN "ReceptionDuty" d ON d."occurrenceId" = o."id"
    WHERE o."orgId" = ${orgId} AND o."status" = 'planned' AND o."date" >= ${from}
    ORDER BY o."unitId", o."date", d."personId"`;
  const days = new Map<number, { id: number; unitId: number; date: string; duties: number[] }>();
  for (const r of rows) {
    let day = days.get(r.id);
    if (!day) days.set(r.id, (day = { id: r.id, unitId: r.unitId, date: r.date, duties: [] }));
    if (r.personId !== null) day.duties.push(r.personId);
  }
  return [...days.values()];
}

/** The generated activities that exist, by sourceKey, and whether their notices were planned. */
export async function generatedActivities(db: Db, orgId: number, prefix: string): Promise<Map<string, { id: number; planned: boolean }>> {
  const rows = await query<{ id: number; sourceKey: string; notices: number }>(db)`
    SELECT a."id", a."sourceKey", (SELECT COUNT(*) FROM "Notice" n WHERE n."activityId" = a."id") AS "notices"
    FROM "Activity" a WHERE a."orgId" = ${orgId} AND a."sourceKey" LIKE ${`${prefix}%`}`;
  return new Map(rows.map((r) => [r.sourceKey, { id: r.id, planned: Number(r.notices) > 0 }]));
}

export interface NewGeneratedActivity {
  sourceKey: string;
  orgId: number;
  unitId: number;
  kind: string;
  title: string;
  startAt: Date;
  endAt: Date;
  place: string;
  content: string;
  invitees: number[];
  notices: { kind: string; personId: number; dueAt: Date }[];
}

/**
 * Activities with their invitees and planned notices (revision 1), a chunk per transaction.
 * Returns how many activities this call created (another instance may have made some).
 */
export async function createGeneratedActivities(db: Db, activities: NewGeneratedActivity[], now: Date, chunkSize = 2000): Promise<number> {
  const writtenAt = new Date(); // Prisma's @default(now()) and @updatedAt: the time of the write
  let created = 0;
  await withBulkSession(db, async (s) => {
    for (let i = 0; i < activities.length; i += chunkSize) {
      const part = activities.slice(i, i + chunkSize);
      const inserts = s.statements(part, 14, (rows, a) => `
        INSERT INTO "Activity" ("sourceKey", "orgId", "unitId", "kind", "title", "startAt", "endAt", "place", "content", "signInOpensBefore", "status", "revision", "createdAt", "updatedAt")
        SELECT * FROM (${a.rows(rows.map((x) => [x.sourceKey, x.orgId, x.unitId, x.kind, x.title, x.startAt, x.endAt, x.place, x.content, 30, 'scheduled', 1, writtenAt, writtenAt]),
          ['text', 'int', 'int', 'text', 'text', 'timestamp', 'timestamp', 'text', 'text', 'int', 'text', 'int', 'timestamp', 'timestamp'])}) AS v WHERE true
        ON CONFLICT ("sourceKey") DO NOTHING`);
      const invitees = part.flatMap((x) => [...new Set(x.invitees)].map((personId) => [x.sourceKey, personId]));
      const notices = part.flatMap((x) => x.notices.map((n) => [x.sourceKey, n.kind, n.personId, n.dueAt]));
      const changed = await s.transaction([
        ...inserts,
        ...s.statements(invitees, 2, (rows, a) => `
          INSERT INTO "ActivityInvitee" ("activityId", "personId")
          SELECT act."id", v.column2 FROM (${a.rows(rows, ['text', 'int'])}) AS v JOIN "Activity" act ON act."sourceKey" = v.column1 WHERE true
          ON CONFLICT ("activityId", "personId") DO NOTHING`),
        ...s.statements(notices, 4, (rows, a) => `
          INSERT INTO "Notice" ("orgId", "activityId", "kind", "revision", "personId", "dueAt", "status", "createdAt")
          SELECT act."orgId", act."id", v.column2, 1, v.column3, v.column4, 'planned', ${a.add(now, 'timestamp')}
          FROM (${a.rows(rows, ['text', 'text', 'int', 'timestamp'])}) AS v JOIN "Activity" act ON act."sourceKey" = v.column1 WHERE true
          ON CONFLICT ("activityId", "kind", "revision", "personId") DO NOTHING`),
      ]);
      created += changed.slice(0, inserts.length).reduce((n, c) => n + c, 0);
    }
  });
  return created;
}
