// Reception days (rules R1, R2): a station's rule, its deputies, its occurrences and duties.
// Occurrences are keyed by (station, date) so planning twice, or re-planning after a rule
// change, never duplicates a day. Writes are single statements (see prisma.ts).
import { Prisma, type Db } from './prisma.ts';

export interface Station {
  id: number;
  orgId: number;
  name: string;
  receptionRule: string | null;
}

export interface Occurrence {
  id: number;
  date: string;
  month: string;
  status: string;
}

export interface DutyRow {
  occurrenceId: number;
  date: string;
  personId: number;
  name: string;
  source: string;
}

const STATION = 'station';

export async function findStation(db: Db, orgId: number, name: string): Promise<Station | undefined> {
  const row = await db.unit.findFirst({
    where: { orgId, kind: STATION, name },
    select: { id: true, orgId: true, name: true, receptionRule: true },
  });
  return row ?? undefined;
}

export async function listStationNames(db: Db, orgId: number): Promise<string[]> {
  const rows = await db.unit.findMany({ where: { orgId, kind: STATION }, select: { name: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.name);
}

export async function saveStationRule(db: Db, unitId: number, ruleJson: string): Promise<void> {
  await db.unit.update({ where: { id: unitId }, data: { receptionRule: ruleJson } });
}

/** Members with a deputy level (U3); staff members of the station do not take duty. */
export async function stationDeputies(db: Db, unitId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db.membership.findMany({
    where: { unitId, person: { levels: { not: '' } } },
    select: { person: { select: { id: true, name: true } } },
    orderBy: { personId: 'asc' },
  });
  return rows.map((r) => r.person);
}

/** Inserts the days not there yet; a day cancelled by an earlier re-plan comes back as planned. */
export async function upsertPlanned(db: Db, orgId: number, unitId: number, days: { date: string; month: string }[], now: Date): Promise<void> {
  if (days.length === 0) return;
  const values = days.map((d) => Prisma.sql`(${orgId}, ${unitId}, ${d.date}, ${d.month}, 'planned', ${now}, ${now})`);
  await db.$executeRaw`
    INSERT INTO "ReceptionOccurrence" ("orgId", "unitId", "date", "month", "status", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("unitId", "date") DO UPDATE SET "status" = 'planned', "month" = excluded."month", "updatedAt" = excluded."updatedAt"
    WHERE "ReceptionOccurrence"."status" = 'cancelled'`;
}

export async function occurrencesBetween(db: Db, unitId: number, from: string, to: string): Promise<Occurrence[]> {
  return db.receptionOccurrence.findMany({
    where: { unitId, date: { gte: from, lte: to } },
    select: { id: true, date: true, month: true, status: true },
    orderBy: { date: 'asc' },
  });
}

export async function findOccurrence(db: Db, unitId: number, date: string): Promise<Occurrence | undefined> {
  const row = await db.receptionOccurrence.findUnique({
    where: { unitId_date: { unitId, date } },
    select: { id: true, date: true, month: true, status: true },
  });
  return row ?? undefined;
}

/** Planned days after `afterDate` (exclusive). */
export async function futurePlanned(db: Db, unitId: number, afterDate: string): Promise<Occurrence[]> {
  return db.receptionOccurrence.findMany({
    where: { unitId, status: 'planned', date: { gt: afterDate } },
    select: { id: true, date: true, month: true, status: true },
    orderBy: { date: 'asc' },
  });
}

/**
 * Cancels planned days after `afterDate` that are not in `keep`, and drops their duties so the
 * rotation (R2) does not count a turn at a reception that will not happen.
 */
export async function cancelFuturePlannedExcept(db: Db, unitId: number, afterDate: string, keep: string[], now: Date): Promise<number> {
  const gone = await db.receptionOccurrence.findMany({
    where: { unitId, status: 'planned', date: { gt: afterDate, notIn: keep } },
    select: { id: true },
  });
  const ids = gone.map((o) => o.id);
  if (ids.length === 0) return 0;
  await db.receptionDuty.deleteMany({ where: { occurrenceId: { in: ids } } });
  await db.receptionOccurrence.updateMany({ where: { id: { in: ids }, status: 'planned' }, data: { status: 'cancelled', updatedAt: now } });
  return ids.length;
}

/** Duties of the station's held or planned occurrences in [from, to], by date. */
export async function dutiesBetween(db: Db, unitId: number, from: string, to: string): Promise<DutyRow[]> {
  const rows = await db.receptionDuty.findMany({
    where: { occurrence: { unitId, status: { not: 'cancelled' }, date: { gte: from, lte: to } } },
    select: { occurrenceId: true, personId: true, source: true, occurrence: { select: { date: true } } },
    orderBy: [{ occurrence: { date: 'asc' } }, { personId: 'asc' }],
  });
  const names = await personNames(db, [...new Set(rows.map((r) => r.personId))]);
  return rows.map((r) => ({ occurrenceId: r.occurrenceId, date: r.occurrence.date, personId: r.personId, name: names.get(r.personId) ?? '', source: r.source }));
}

export async function insertDuties(db: Db, occurrenceId: number, personIds: number[], source: 'rotation' | 'override'): Promise<void> {
  if (personIds.length === 0) return;
  const values = personIds.map((p) => Prisma.sql`(${occurrenceId}, ${p}, ${source})`);
  await db.$executeRaw`
    INSERT INTO "ReceptionDuty" ("occurrenceId", "personId", "source") VALUES ${Prisma.join(values)}
    ON CONFLICT ("occurrenceId", "personId") DO NOTHING`;
}

/** The station head's choice replaces whoever was on duty (R2 override). */
export async function replaceDuties(db: Db, occurrenceId: number, personIds: number[]): Promise<void> {
  await db.receptionDuty.deleteMany({ where: { occurrenceId, personId: { notIn: personIds } } });
  await db.receptionDuty.updateMany({ where: { occurrenceId, personId: { in: personIds } }, data: { source: 'override' } });
  await insertDuties(db, occurrenceId, personIds, 'override');
}

async function personNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}
