// The registers' view of receptions (rules R2–R6): visitors recorded in a period, page by
// page, with the station and the recording deputy; and who was on duty on which day.
import type { Db } from './prisma.ts';
import { PAGE_SIZE } from './register-activity-repo.ts';

export interface VisitQuery {
  orgId: number;
  unitId?: number;
  from: Date;
  to: Date;
  /** Only visits recorded by these people (the handbook), or every one. */
  recordedBy?: number[];
  /** Only visits assigned or forwarded (the transfer book), by when that happened. */
  assignedInPeriod?: boolean;
}

export interface VisitRow {
  id: number;
  unitId: number;
  unitName: string;
  recordedById: number;
  recorderName: string;
  visitorName: string;
  visitorPhone: string | null;
  visitorAddress: string | null;
  issue: string;
  category: string;
  status: string;
  deadline: string;
  assignedTo: string | null;
  assignedAt: Date | null;
  answerAt: Date | null;
  answerForm: string | null;
  answerText: string | null;
  satisfaction: string | null;
  createdAt: Date;
}

function where(q: VisitQuery) {
  const range = { gte: q.from, lt: q.to };
  return {
    orgId: q.orgId,
    ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
    ...(q.recordedBy ? { recordedById: { in: q.recordedBy } } : {}),
    ...(q.assignedInPeriod ? { assignedAt: range, assignedTo: { not: null } } : { createdAt: range }),
  };
}

/** Visits in the order they were recorded, PAGE_SIZE at a time. */
export async function* receptionVisits(db: Db, q: VisitQuery): AsyncIterable<VisitRow[]> {
  const units = new Map((await db.unit.findMany({ where: { orgId: q.orgId }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  let cursor: number | undefined;
  for (;;) {
    const page = await db.receptionVisit.findMany({
      where: where(q),
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) return;
    const recorders = new Map(
      (await db.person.findMany({ where: { id: { in: [...new Set(page.map((v) => v.recordedById))] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]),
    );
    yield page.map((v) => ({ ...v, unitName: units.get(v.unitId) ?? '', recorderName: recorders.get(v.recordedById) ?? '' }));
    if (page.length < PAGE_SIZE) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** Reception days in the period a person was on duty for (rule R2), with the station. */
export async function dutiesOf(db: Db, orgId: number, personId: number, fromDay: string, toDay: string) {
  const duties = await db.receptionDuty.findMany({
    where: { personId, occurrence: { orgId, date: { gte: fromDay, lte: toDay }, status: { not: 'cancelled' } } },
    select: { occurrence: { select: { date: true, unitId: true } } },
  });
  const units = new Map((await db.unit.findMany({ where: { orgId }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return duties
    .map((d) => ({ date: d.occurrence.date, unitName: units.get(d.occurrence.unitId) ?? '' }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
