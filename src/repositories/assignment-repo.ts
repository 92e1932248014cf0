// Assigning reception issues (rule R4) and recording their answers (rule R5): the visits an
// office works on, the departments it assigns to, and the status changes. Visitor identities
// are read here only for office staff's private lists (rule R6).
import type { Db } from './prisma.ts';

export const VISIT_STATUS = { recorded: 'recorded', assigned: 'assigned', forwarded: 'forwarded', answered: 'answered', closed: 'closed' } as const;

export interface VisitSummary {
  id: number;
  orgId: number;
  /** The reception day 'YYYY-MM-DD' (the occurrence's date, else the day it was recorded). */
  date: string;
  station: string;
  category: string;
  issue: string;
  visitorName: string;
  deadline: string;
  assignedTo: string | null;
}

function dayOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function summarise(db: Db, rows: { id: number; orgId: number; unitId: number; occurrenceId: number | null; category: string; issue: string; visitorName: string; deadline: string; assignedTo: string | null; createdAt: Date }[]): Promise<VisitSummary[]> {
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const occIds = [...new Set(rows.flatMap((r) => (r.occurrenceId ? [r.occurrenceId] : [])))];
  const units = new Map((await db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const occs = new Map((await db.receptionOccurrence.findMany({ where: { id: { in: occIds } }, select: { id: true, date: true } })).map((o) => [o.id, o.date]));
  return rows.map((r) => ({
    id: r.id,
    orgId: r.orgId,
    date: (r.occurrenceId ? occs.get(r.occurrenceId) : undefined) ?? dayOf(r.createdAt),
    station: units.get(r.unitId) ?? '',
    category: r.category,
    issue: r.issue,
    visitorName: r.visitorName,
    deadline: r.deadline,
    assignedTo: r.assignedTo,
  }));
}

const SELECT = { id: true, orgId: true, unitId: true, occurrenceId: true, category: true, issue: true, visitorName: true, deadline: true, assignedTo: true, createdAt: true } as const;

export async function listVisits(db: Db, orgId: number, statuses: string[], limit = 30): Promise<VisitSummary[]> {
  const rows = await db.receptionVisit.findMany({ where: { orgId, status: { in: statuses } }, select: SELECT, orderBy: [{ deadline: 'asc' }, { id: 'asc' }], take: limit });
  return summarise(db, rows);
}

/** Visits still waiting for assignment across all organisations, for the reminders. */
export async function listRecordedVisits(db: Db): Promise<VisitSummary[]> {
  const rows = await db.receptionVisit.findMany({ where: { status: VISIT_STATUS.recorded }, select: SELECT, orderBy: [{ orgId: 'asc' }, { deadline: 'asc' }, { id: 'asc' }] });
  return summarise(db, rows);
}

/** Sets the assignment if the visit is still recorded; false when someone else got there first. */
export async function assignVisit(db: Db, input: { visitId: number; orgId: number; status: 'assigned' | 'forwarded'; assignedTo: string; assignedById: number; now: Date }): Promise<boolean> {
  const { count } = await db.receptionVisit.updateMany({
    where: { id: input.visitId, orgId: input.orgId, status: VISIT_STATUS.recorded },
    data: { status: input.status, assignedTo: input.assignedTo, assignedById: input.assignedById, assignedAt: input.now },
  });
  return count === 1;
}

/**
 * Records the answer (rule R5). 不满意 reopens the issue (back to recorded, to be assigned
 * again); otherwise it is closed. False when the visit is no longer assigned or forwarded.
 */
export async function recordAnswer(db: Db, input: { visitId: number; orgId: number; form: string; text: string; satisfaction: string; now: Date }): Promise<boolean> {
  const reopened = input.satisfaction === '不满意';
  const { count } = await db.receptionVisit.updateMany({
    where: { id: input.visitId, orgId: input.orgId, status: { in: [VISIT_STATUS.assigned, VISIT_STATUS.forwarded] } },
    data: {
      answerAt: input.now,
      answerForm: input.form,
      answerText: input.text,
      satisfaction: input.satisfaction,
      status: reopened ? VISIT_STATUS.recorded : VISIT_STATUS.closed,
    },
  });
  return count === 1;
}

export async function listDepartments(db: Db, orgId: number): Promise<string[]> {
  const rows = await db.department.findMany({ where: { orgId }, select: { name: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.name);
}

/** Adds a department; false when the name is already there. */
export async function addDepartment(db: Db, orgId: number, name: string): Promise<boolean> {
  const existing = await db.department.findUnique({ where: { orgId_name: { orgId, name } } });
  if (existing) return false;
  await db.department.create({ data: { orgId, name } });
  return true;
}

/** The given visits of the organisation, in the order of the ids. */
export async function findVisits(db: Db, orgId: number, ids: number[]): Promise<VisitSummary[]> {
  const rows = await db.receptionVisit.findMany({ where: { orgId, id: { in: ids } }, select: SELECT });
  const byId = new Map((await summarise(db, rows)).map((v) => [v.id, v]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
