// The registers' view of suggestions and motions (rules S1–S6): those raised in a period,
// page by page, with where they were assigned, the latest answer and its rating, and the 面商.
import type { Db } from './prisma.ts';
import { PAGE_SIZE } from './register-activity-repo.ts';
import { slices } from './slices.ts';

export interface SuggestionQuery {
  orgId: number;
  from: Date;
  to: Date;
  /** Only suggestions raised by these people (a unit's members, one deputy), or everyone's. */
  personIds?: number[];
}

export interface SuggestionRow {
  id: number;
  number: string;
  kind: string;
  title: string;
  status: string;
  personId: number;
  deputyName: string;
  createdAt: Date;
  assignDeadline: string | null;
  answerDeadline: string | null;
  /** Lead department first, then co-handlers (the active assignment). */
  departments: { name: string; role: string }[];
  latestAnswer?: { answeredAt: Date; form: string; text: string; rating: string | null };
  talks: number;
}

function where(q: SuggestionQuery) {
  return { orgId: q.orgId, createdAt: { gte: q.from, lt: q.to }, ...(q.personIds ? { personId: { in: q.personIds } } : {}) };
}

/** Suggestions in the order they were raised, PAGE_SIZE at a time, with their handling. */
export async function* suggestionsRaised(db: Db, q: SuggestionQuery): AsyncIterable<SuggestionRow[]> {
  const departments = new Map((await db.department.findMany({ where: { orgId: q.orgId }, select: { id: true, name: true } })).map((d) => [d.id, d.name]));
  let cursor: number | undefined;
  for (;;) {
    const page = await db.suggestion.findMany({
      where: where(q),
      select: { id: true, number: true, kind: true, title: true, status: true, personId: true, createdAt: true, assignDeadline: true, answerDeadline: true },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) return;
    yield await withHandling(db, page, departments);
    if (page.length < PAGE_SIZE) return;
    cursor = page[page.length - 1]!.id;
  }
}

type Raised = { id: number; number: string; kind: string; title: string; status: string; personId: number; createdAt: Date; assignDeadline: string | null; answerDeadline: string | null };

async function withHandling(db: Db, page: Raised[], departments: Map<number, string>): Promise<SuggestionRow[]> {
  const ids = page.map((s) => s.id);
  const [assignments, answers, talks, people] = await Promise.all([
    db.suggestionAssignment.findMany({ where: { suggestionId: { in: ids }, active: true }, orderBy: { id: 'asc' } }),
    db.suggestionAnswer.findMany({ where: { suggestionId: { in: ids } }, orderBy: { round: 'asc' } }),
    db.suggestionTalk.groupBy({ by: ['suggestionId'], where: { suggestionId: { in: ids } }, _count: { _all: true } }),
    db.person.findMany({ where: { id: { in: [...new Set(page.map((s) => s.personId))] } }, select: { id: true, name: true } }),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const talked = new Map(talks.map((t) => [t.suggestionId, t._count._all]));
  return page.map((s) => {
    const mine = assignments.filter((a) => a.suggestionId === s.id).sort((a, b) => (a.role === 'lead' ? -1 : b.role === 'lead' ? 1 : 0));
    const answer = answers.filter((a) => a.suggestionId === s.id).at(-1);
    return {
      ...s,
      deputyName: names.get(s.personId) ?? '',
      departments: mine.map((a) => ({ name: departments.get(a.departmentId) ?? '', role: a.role })),
      latestAnswer: answer && { answeredAt: answer.answeredAt, form: answer.form, text: answer.text, rating: answer.rating },
      talks: talked.get(s.id) ?? 0,
    };
  });
}

export interface AssignmentRow {
  suggestionId: number;
  number: string;
  title: string;
  deputyName: string;
  department: string;
  role: string;
  assignedAt: Date;
  answerDeadline: string | null;
  /** This department's latest answer (or the lead's answer when it answered for all). */
  answer?: { answeredAt: Date; form: string; text: string; rating: string | null };
}

/** Rule S1 for the transfer book: every assignment made in the period (re-assignments too). */
export async function* assignmentsMade(db: Db, q: SuggestionQuery): AsyncIterable<AssignmentRow[]> {
  const departments = new Map((await db.department.findMany({ where: { orgId: q.orgId }, select: { id: true, name: true } })).map((d) => [d.id, d.name]));
  let cursor: number | undefined;
  for (;;) {
    const page = await db.suggestionAssignment.findMany({
      where: { orgId: q.orgId, assignedAt: { gte: q.from, lt: q.to } },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) return;
    const rows = await assignmentDetails(db, page, departments, q.personIds);
    if (rows.length) yield rows;
    if (page.length < PAGE_SIZE) return;
    cursor = page[page.length - 1]!.id;
  }
}

type Assignment = { suggestionId: number; departmentId: number; role: string; assignedAt: Date };

async function assignmentDetails(db: Db, page: Assignment[], departments: Map<number, string>, personIds?: number[]): Promise<AssignmentRow[]> {
  const ids = [...new Set(page.map((a) => a.suggestionId))];
  const suggestions = await db.suggestion.findMany({
    where: { id: { in: ids }, ...(personIds ? { personId: { in: personIds } } : {}) },
    select: { id: true, number: true, title: true, personId: true, answerDeadline: true },
  });
  const byId = new Map(suggestions.map((s) => [s.id, s]));
  const answers = await db.suggestionAnswer.findMany({ where: { suggestionId: { in: ids } }, orderBy: { round: 'asc' } });
  const names = new Map((await db.person.findMany({ where: { id: { in: suggestions.map((s) => s.personId) } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  return page.flatMap((a) => {
    const s = byId.get(a.suggestionId);
    if (!s) return [];
    const own = answers.filter((x) => x.suggestionId === a.suggestionId && (x.departmentId === a.departmentId || (a.role === 'lead' && x.departmentId === null)));
    const answer = own.at(-1);
    return [{
      suggestionId: s.id, number: s.number, title: s.title, deputyName: names.get(s.personId) ?? '',
      department: departments.get(a.departmentId) ?? '', role: a.role, assignedAt: a.assignedAt, answerDeadline: s.answerDeadline,
      answer: answer && { answeredAt: answer.answeredAt, form: answer.form, text: answer.text, rating: answer.rating },
    }];
  });
}

/** Motions started in the period (rule S5), with their signers. */
export async function motionsStarted(db: Db, q: SuggestionQuery) {
  const motions = await db.motion.findMany({
    where: { orgId: q.orgId, createdAt: { gte: q.from, lt: q.to }, ...(q.personIds ? { starterId: { in: q.personIds } } : {}) },
    orderBy: { id: 'asc' },
  });
  return withSigners(db, motions);
}

/** Motions a person started or was asked to co-sign (rule S5), started in the period. */
export async function motionsOf(db: Db, orgId: number, personId: number, from: Date, to: Date) {
  const asked = await db.motionSigner.findMany({ where: { personId }, select: { motionId: true } });
  const motions = await db.motion.findMany({
    where: { orgId, createdAt: { gte: from, lt: to }, OR: [{ starterId: personId }, { id: { in: asked.map((a) => a.motionId) } }] },
    orderBy: { id: 'asc' },
  });
  return withSigners(db, motions);
}

type MotionRow = { id: number; starterId: number; title: string; status: string; number: string | null; createdAt: Date; submittedAt: Date | null };

async function withSigners<T extends MotionRow>(db: Db, motions: T[]) {
  const out = [];
  for (const part of slices(motions)) {
    const signers = await db.motionSigner.findMany({ where: { motionId: { in: part.map((m) => m.id) } }, orderBy: { id: 'asc' } });
    const names = new Map((await db.person.findMany({ where: { id: { in: [...new Set([...signers.map((s) => s.personId), ...part.map((m) => m.starterId)])] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
    for (const m of part) {
      const mine = signers.filter((s) => s.motionId === m.id);
      out.push({
        ...m,
        starterName: names.get(m.starterId) ?? '',
        signed: mine.filter((s) => s.signedAt).map((s) => ({ personId: s.personId, name: names.get(s.personId) ?? '', signedAt: s.signedAt! })),
      });
    }
  }
  return out;
}
