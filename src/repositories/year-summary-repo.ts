// Rule P2: the year's summary filed into each deputy's record, once per (person, year); a rerun
// of the year-end job finds it and writes nothing.
import { Prisma, type Db } from './prisma.ts';
import { slices } from './slices.ts';

export interface SummaryRow {
  personId: number;
  record: string;
  flags: string;
}

export async function fileSummaries(db: Db, orgId: number, year: number, rows: SummaryRow[], now: Date): Promise<number> {
  let added = 0;
  for (const part of slices(rows, 100)) {
    const values = part.map((r) => Prisma.sql`(${orgId}, ${r.personId}, ${year}, ${r.record}, ${r.flags}, ${now})`);
    added += await db.$executeRaw`
      INSERT INTO "DeputyYearSummary" ("orgId", "personId", "year", "record", "flags", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("orgId", "personId", "year") DO NOTHING`;
  }
  return added;
}

export function summariesOf(db: Db, orgId: number, year: number) {
  return db.deputyYearSummary.findMany({ where: { orgId, year }, orderBy: { personId: 'asc' } });
}
