// What a suggestion's transitions leave behind (rules S1–S3): where it was assigned, the
// answers and their ratings, the 面商 records, the extensions. Each row is keyed by the
// transition that made it (rev, or the answer round), so a replayed transition writes nothing
// twice; every write is one statement.
import type { Db } from './prisma.ts';
import { slices } from './slices.ts';

export interface AssignmentInput {
  orgId: number;
  suggestionId: number;
  rev: number;
  lead: number;
  co: number[];
  now: Date;
}

/** The new assignment replaces the active one (a correction keeps the old rows, inactive). */
export async function writeAssignment(db: Db, a: AssignmentInput): Promise<void> {
  await db.suggestionAssignment.updateMany({ where: { suggestionId: a.suggestionId, active: true, rev: { lt: a.rev } }, data: { active: false } });
  const rows = [{ departmentId: a.lead, role: 'lead' }, ...a.co.filter((d) => d !== a.lead).map((departmentId) => ({ departmentId, role: 'co' }))];
  for (const r of rows) {
    await db.$executeRaw`
      INSERT INTO "SuggestionAssignment" ("orgId", "suggestionId", "departmentId", "role", "active", "rev", "assignedAt")
      VALUES (${a.orgId}, ${a.suggestionId}, ${r.departmentId}, ${r.role}, true, ${a.rev}, ${a.now})
      ON CONFLICT ("suggestionId", "rev", "departmentId") DO NOTHING`;
  }
}

export interface ActiveDepartment {
  id: number;
  name: string;
  role: 'lead' | 'co';
}

/** The active assignment of each suggestion: lead first, then co-handlers. */
export async function activeDepartments(db: Db, suggestionIds: number[]): Promise<Map<number, ActiveDepartment[]>> {
  const rows = [];
  for (const part of slices(suggestionIds)) {
    rows.push(...(await db.suggestionAssignment.findMany({ where: { suggestionId: { in: part }, active: true }, orderBy: { id: 'asc' } })));
  }
  const names = new Map((await db.department.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.departmentId))] } } })).map((d) => [d.id, d.name]));
  const out = new Map<number, ActiveDepartment[]>();
  for (const r of [...rows].sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))) {
    const list = out.get(r.suggestionId) ?? [];
    list.push({ id: r.departmentId, name: names.get(r.departmentId) ?? '', role: r.role as 'lead' | 'co' });
    out.set(r.suggestionId, list);
  }
  return out;
}

export interface AnswerInput {
  orgId: number;
  suggestionId: number;
  round: number;
  departmentId: number | null;
  form: string;
  text: string;
  attachments: string[];
  answeredById: number | null;
  now: Date;
}

export async function writeAnswer(db: Db, a: AnswerInput): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "SuggestionAnswer" ("orgId", "suggestionId", "round", "departmentId", "form", "text", "attachments", "answeredById", "answeredAt")
    VALUES (${a.orgId}, ${a.suggestionId}, ${a.round}, ${a.departmentId}, ${a.form}, ${a.text}, ${JSON.stringify(a.attachments)}, ${a.answeredById}, ${a.now})
    ON CONFLICT ("suggestionId", "round") DO NOTHING`;
}

export async function latestAnswer(db: Db, suggestionId: number) {
  return db.suggestionAnswer.findFirst({ where: { suggestionId }, orderBy: { round: 'desc' } });
}

/** Every answer of the suggestion, first round first, with its rating (the console's page). */
export async function answersOf(db: Db, suggestionId: number) {
  return db.suggestionAnswer.findMany({ where: { suggestionId }, orderBy: { round: 'asc' } });
}

export async function findAnswer(db: Db, orgId: number, answerId: number) {
  return db.suggestionAnswer.findFirst({ where: { id: answerId, orgId } });
}

/** Rule S3: one rating per answer, final. False when the answer was already rated. */
export async function rateAnswer(db: Db, r: { answerId: number; rating: string; ratedById: number; now: Date }): Promise<boolean> {
  const { count } = await db.suggestionAnswer.updateMany({
    where: { id: r.answerId, rating: null },
    data: { rating: r.rating, ratedById: r.ratedById, ratedAt: r.now },
  });
  return count === 1;
}

export interface TalkInput {
  orgId: number;
  suggestionId: number;
  rev: number;
  heldOn: string;
  place: string;
  participants: string;
  recordedById: number | null;
  now: Date;
}

export async function writeTalk(db: Db, t: TalkInput): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "SuggestionTalk" ("orgId", "suggestionId", "rev", "heldOn", "place", "participants", "recordedById", "createdAt")
    VALUES (${t.orgId}, ${t.suggestionId}, ${t.rev}, ${t.heldOn}, ${t.place}, ${t.participants}, ${t.recordedById}, ${t.now})
    ON CONFLICT ("suggestionId", "rev") DO NOTHING`;
}

export interface ExtensionInput {
  orgId: number;
  suggestionId: number;
  rev: number;
  status: 'requested' | 'granted';
  untilDate: string;
  reason: string;
  requestedById: number | null;
  decidedById: number | null;
  now: Date;
}

export async function writeExtension(db: Db, e: ExtensionInput): Promise<void> {
  const decidedAt = e.status === 'granted' ? e.now : null;
  await db.$executeRaw`
    INSERT INTO "SuggestionExtension" ("orgId", "suggestionId", "rev", "status", "untilDate", "reason", "requestedById", "decidedById", "decidedAt", "createdAt")
    VALUES (${e.orgId}, ${e.suggestionId}, ${e.rev}, ${e.status}, ${e.untilDate}, ${e.reason}, ${e.requestedById}, ${e.decidedById}, ${decidedAt}, ${e.now})
    ON CONFLICT ("suggestionId", "rev") DO NOTHING`;
}

/** The department's request still waiting for the office (rule S1), if any. */
export async function pendingExtension(db: Db, suggestionId: number) {
  return db.suggestionExtension.findFirst({ where: { suggestionId, status: 'requested' }, orderBy: { id: 'desc' } });
}

/** Settles every open request of the suggestion: approved with a grant, or declined. */
export async function settleRequests(db: Db, suggestionId: number, status: 'approved' | 'declined', decidedById: number | null, now: Date): Promise<void> {
  await db.suggestionExtension.updateMany({ where: { suggestionId, status: 'requested' }, data: { status, decidedById, decidedAt: now } });
}
