// The reception register (rules R3, R4, R6): one row per visitor and issue, recorded by a
// deputy or staff member of a station. The source key makes a reprocessed event find its
// row again instead of recording the visitor twice. Visitor names and phones are stored here
// and shown only to the recording deputy and office staff; never log them.
import type { Db } from './prisma.ts';

export interface StationRef {
  id: number;
  name: string;
}

export interface NewVisit {
  orgId: number;
  unitId: number;
  occurrenceId?: number;
  recordedById: number;
  visitorName: string;
  visitorPhone?: string;
  visitorAddress?: string;
  issue: string;
  category: string;
  /** 'YYYY-MM-DD', rule R4: 7 working days after the reception. */
  deadline: string;
  sourceKey: string;
  now: Date;
}

/** Every station of the organisation, in roster order (office staff record for any of them). */
export async function listStations(db: Db, orgId: number): Promise<StationRef[]> {
  return db.unit.findMany({ where: { orgId, kind: 'station' }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
}

/** Records a visit once per source key; a repeat returns the row recorded the first time. */
export async function recordVisit(db: Db, v: NewVisit): Promise<{ id: number; deadline: string }> {
  const row = await db.receptionVisit.upsert({
    where: { sourceKey: v.sourceKey },
    create: {
      orgId: v.orgId,
      unitId: v.unitId,
      occurrenceId: v.occurrenceId ?? null,
      recordedById: v.recordedById,
      visitorName: v.visitorName,
      visitorPhone: v.visitorPhone ?? null,
      visitorAddress: v.visitorAddress ?? null,
      issue: v.issue,
      category: v.category,
      status: 'recorded',
      deadline: v.deadline,
      sourceKey: v.sourceKey,
      createdAt: v.now,
      updatedAt: v.now,
    },
    update: {},
    select: { id: true, deadline: true },
  });
  return row;
}
