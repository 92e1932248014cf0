// What a deputy's performance record is built from (rule P1): counts per person over a period,
// read from the tables each feature keeps (reception duties and visitors, suggestions and the
// ratings the deputy gave, motions signed, written accounts, entries added by chat, diary
// entries, annual reports). Attendance comes from attendance-outcome-repo alone. Each function
// takes many people at once (the year-end run covers the whole organisation).
import type { RecordKind } from '../domain/records/record-kinds.ts';
import { attendanceOutcomes } from './attendance-outcome-repo.ts';
import type { Db } from './prisma.ts';
import { slices } from './slices.ts';

export interface CountQuery {
  orgId: number;
  personIds: number[];
  from: Date;
  to: Date;
}

type Counts = Map<number, number>;

async function countEach(personIds: number[], count: (part: number[]) => Promise<{ personId: number; n: number }[]>): Promise<Counts> {
  const out: Counts = new Map();
  for (const part of slices(personIds)) for (const r of await count(part)) out.set(r.personId, (out.get(r.personId) ?? 0) + r.n);
  return out;
}

/** Every ended activity each person was invited to, with its outcome, oldest first (rules A6, L5). */
export async function activityLines(db: Db, q: CountQuery & { now: Date }) {
  const outcomes = await attendanceOutcomes(db, { orgId: q.orgId, personIds: q.personIds, from: q.from, to: q.to, now: q.now });
  const ids = [...new Set(outcomes.map((o) => o.activityId))];
  const details = new Map<number, { title: string; kind: string; startAt: Date; isSession: boolean | null; studyHeld: boolean | null; unit: { kind: string } }>();
  for (const part of slices(ids)) {
    const rows = await db.activity.findMany({
      where: { id: { in: part } },
      select: { id: true, title: true, kind: true, startAt: true, isSession: true, studyHeld: true, unit: { select: { kind: true } } },
    });
    for (const r of rows) details.set(r.id, r);
  }
  return outcomes.map((o) => {
    const a = details.get(o.activityId)!;
    return { personId: o.personId, activityId: o.activityId, title: a.title, kind: a.kind, unitKind: a.unit.kind, startAt: a.startAt, outcome: o.outcome, isSession: a.isSession === true, studyHeld: a.studyHeld };
  });
}

/** Rule R2: reception days served on duty, 'YYYY-MM-DD' in [from, to), held (not cancelled) and not after `today`. */
export function receptionDutyCounts(db: Db, orgId: number, personIds: number[], from: string, to: string, today: string): Promise<Counts> {
  return countEach(personIds, async (part) => {
    const rows = await db.receptionDuty.findMany({
      where: { personId: { in: part }, occurrence: { orgId, date: { gte: from, lt: to, lte: today }, status: { not: 'cancelled' } } },
      select: { personId: true },
    });
    return rows.map((r) => ({ personId: r.personId, n: 1 }));
  });
}

/** Rule R3: visitors each person recorded. */
export function visitorCounts(db: Db, q: CountQuery): Promise<Counts> {
  return countEach(q.personIds, async (part) => {
    const rows = await db.receptionVisit.groupBy({ by: ['recordedById'], where: { orgId: q.orgId, recordedById: { in: part }, createdAt: { gte: q.from, lt: q.to } }, _count: { _all: true } });
    return rows.map((r) => ({ personId: r.recordedById, n: r._count._all }));
  });
}

/** Rules S4, S6: suggestions raised (a returned one does not count, as for the annual target). */
export function suggestionCounts(db: Db, q: CountQuery): Promise<Counts> {
  return countEach(q.personIds, async (part) => {
    const rows = await db.suggestion.groupBy({ by: ['personId'], where: { orgId: q.orgId, personId: { in: part }, createdAt: { gte: q.from, lt: q.to }, status: { not: 'returned' } }, _count: { _all: true } });
    return rows.map((r) => ({ personId: r.personId, n: r._count._all }));
  });
}

/** Rule S3: the ratings each deputy gave answers, by rating. */
export async function ratingCounts(db: Db, q: CountQuery): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  for (const part of slices(q.personIds)) {
    const rows = await db.suggestionAnswer.groupBy({ by: ['ratedById', 'rating'], where: { orgId: q.orgId, ratedById: { in: part }, ratedAt: { gte: q.from, lt: q.to } }, _count: { _all: true } });
    for (const r of rows) {
      if (r.ratedById === null || r.rating === null) continue;
      const m = out.get(r.ratedById) ?? {};
      m[r.rating] = (m[r.rating] ?? 0) + r._count._all;
      out.set(r.ratedById, m);
    }
  }
  return out;
}

/** Rule S5: motions each person signed (the starter's own signature included). */
export function motionSignatureCounts(db: Db, q: CountQuery): Promise<Counts> {
  return countEach(q.personIds, async (part) => {
    const rows = await db.motionSigner.groupBy({ by: ['personId'], where: { personId: { in: part }, signedAt: { gte: q.from, lt: q.to } }, _count: { _all: true } });
    return rows.map((r) => ({ personId: r.personId, n: r._count._all }));
  });
}

/** Rule A5: written accounts each person completed. */
export function accountCounts(db: Db, q: CountQuery): Promise<Counts> {
  return countEach(q.personIds, async (part) => {
    const rows = await db.activity.groupBy({ by: ['accountById'], where: { orgId: q.orgId, accountById: { in: part }, accountAt: { gte: q.from, lt: q.to } }, _count: { _all: true } });
    return rows.flatMap((r) => (r.accountById === null ? [] : [{ personId: r.accountById, n: r._count._all }]));
  });
}

/** Rule P1: entries added by chat, per person and kind, 'YYYY-MM-DD' in [from, to). */
export async function entryCounts(db: Db, orgId: number, personIds: number[], from: string, to: string): Promise<Map<number, Partial<Record<RecordKind, number>>>> {
  const out = new Map<number, Partial<Record<RecordKind, number>>>();
  for (const part of slices(personIds)) {
    const rows = await db.recordEntry.groupBy({ by: ['personId', 'kind'], where: { orgId, personId: { in: part }, heldOn: { gte: from, lt: to } }, _count: { _all: true } });
    for (const r of rows) out.set(r.personId, { ...out.get(r.personId), [r.kind]: r._count._all });
  }
  return out;
}

/** Rule P3: diary entries per person, 'YYYY-MM-DD' in [from, to). */
export function diaryCounts(db: Db, orgId: number, personIds: number[], from: string, to: string): Promise<Counts> {
  return countEach(personIds, async (part) => {
    const rows = await db.diaryEntry.groupBy({ by: ['personId'], where: { orgId, personId: { in: part }, visitedOn: { gte: from, lt: to } }, _count: { _all: true } });
    return rows.map((r) => ({ personId: r.personId, n: r._count._all }));
  });
}

/** Rule E1: who handed in a written report for the year. */
export async function annualReportAuthors(db: Db, orgId: number, personIds: number[], year: number): Promise<Set<number>> {
  const out = new Set<number>();
  for (const part of slices(personIds)) {
    for (const r of await db.annualReport.findMany({ where: { orgId, year, personId: { in: part } }, select: { personId: true } })) out.add(r.personId);
  }
  return out;
}

/** The organisation's deputies (people with a deputy level), in roster order. */
export async function listDeputies(db: Db, orgId: number): Promise<{ id: number; name: string }[]> {
  return db.person.findMany({ where: { orgId, levels: { not: '' } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
}
