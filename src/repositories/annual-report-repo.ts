// Rule E1: each deputy's written annual report, one per year; a later submission replaces the
// earlier one (one statement: insert or update on the unique (org, person, year)).
import type { Db } from './prisma.ts';

export interface ReportInput {
  orgId: number;
  personId: number;
  year: number;
  text: string;
  fileRef: string | null;
  now: Date;
}

export async function saveAnnualReport(db: Db, r: ReportInput): Promise<{ id: number; replaced: boolean }> {
  const before = await db.annualReport.findUnique({ where: { orgId_personId_year: { orgId: r.orgId, personId: r.personId, year: r.year } }, select: { id: true } });
  const row = await db.annualReport.upsert({
    where: { orgId_personId_year: { orgId: r.orgId, personId: r.personId, year: r.year } },
    create: { orgId: r.orgId, personId: r.personId, year: r.year, text: r.text, fileRef: r.fileRef, submittedAt: r.now, updatedAt: r.now },
    update: { text: r.text, fileRef: r.fileRef, updatedAt: r.now },
    select: { id: true },
  });
  return { id: row.id, replaced: before !== null };
}

export function findAnnualReport(db: Db, orgId: number, personId: number, year: number) {
  return db.annualReport.findUnique({ where: { orgId_personId_year: { orgId, personId, year } } });
}
