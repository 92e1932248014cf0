// Suggestion transitions (rules S1–S4), each one conditional UPDATE: it changes the status
// only from the statuses the lifecycle allows, bumps rev, and records on the row who did what
// (lastAction, lastActorId, lastNote, prevStatus) — so the history row for that rev can be
// written from the row itself, by the next statement or by any later repair. A chat event
// processed twice finds its own key (lastKey) and carries on instead of being refused.
import { Prisma, type Db } from './prisma.ts';

/** Columns a transition may set besides the status. */
export interface TransitionFields {
  assignDeadline?: string | null;
  answerDeadline?: string | null;
  assignedAt?: Date;
  mergedIntoId?: number;
  origin?: string;
  sessionClosedOn?: string | null;
}

export interface TransitionWrite {
  id: number;
  orgId: number;
  action: string;
  from: readonly string[];
  /** null: the status stays (a 面商, an extension). */
  to: string | null;
  actorId: number | null;
  note: string;
  /** Unique to the request (a chat event, a command-line run) and the action. */
  key: string;
  now: Date;
  set?: TransitionFields;
  addExtension?: boolean;
  addRound?: boolean;
  /** Only while fewer extensions than this were granted (rule S1). */
  extensionsBelow?: number;
}

export type TransitionResult =
  | { kind: 'applied' | 'replayed'; rev: number; from: string; to: string }
  | { kind: 'refused'; status: string };

const COLUMN: Record<keyof TransitionFields, string> = {
  assignDeadline: 'assignDeadline',
  answerDeadline: 'answerDeadline',
  assignedAt: 'assignedAt',
  mergedIntoId: 'mergedIntoId',
  origin: 'origin',
  sessionClosedOn: 'sessionClosedOn',
};

function extraSets(w: TransitionWrite): Prisma.Sql[] {
  const sets = Object.entries(w.set ?? {}).map(([k, v]) => Prisma.sql`${Prisma.raw(`"${COLUMN[k as keyof TransitionFields]}"`)} = ${v ?? null}`);
  if (w.addExtension) sets.push(Prisma.sql`"extensions" = COALESCE("extensions", 0) + 1`);
  if (w.addRound) sets.push(Prisma.sql`"rounds" = COALESCE("rounds", 0) + 1`);
  return sets;
}

/**
 * Applies one transition. The same request again (its key was the last one applied) is a
 * replay, never a second transition: a 面商 or an extension keeps the status, so the status
 * guard alone would let a form sent twice record it twice.
 */
export async function applyTransition(db: Db, w: TransitionWrite): Promise<TransitionResult> {
  const sets = [
    Prisma.sql`"prevStatus" = "status"`,
    Prisma.sql`"status" = COALESCE(${w.to}, "status")`,
    Prisma.sql`"rev" = COALESCE("rev", 0) + 1`,
    Prisma.sql`"lastAction" = ${w.action}`,
    Prisma.sql`"lastActorId" = ${w.actorId}`,
    Prisma.sql`"lastNote" = ${w.note}`,
    Prisma.sql`"lastKey" = ${w.key}`,
    Prisma.sql`"statusAt" = ${w.now}`,
    Prisma.sql`"updatedAt" = ${w.now}`,
    ...extraSets(w),
  ];
  const guard = w.extensionsBelow === undefined ? Prisma.empty : Prisma.sql`AND COALESCE("extensions", 0) < ${w.extensionsBelow}`;
  const rows = await db.$queryRaw<{ rev: number; prevStatus: string; status: string }[]>`
    UPDATE "Suggestion" SET ${Prisma.join(sets)}
    WHERE "id" = ${w.id} AND "orgId" = ${w.orgId} AND "status" IN (${Prisma.join([...w.from])}) ${guard}
      AND ("lastKey" IS NULL OR "lastKey" <> ${w.key})
    RETURNING "rev", "prevStatus", "status"`;
  const row = rows[0];
  if (row) {
    await recordHistory(db, w.id);
    return { kind: 'applied', rev: Number(row.rev), from: row.prevStatus, to: row.status };
  }
  const current = await db.suggestion.findUnique({ where: { id: w.id }, select: { status: true, lastKey: true, rev: true, prevStatus: true } });
  if (!current) return { kind: 'refused', status: 'missing' };
  if (current.lastKey !== w.key) return { kind: 'refused', status: current.status };
  await recordHistory(db, w.id); // the crash may have come before the history row
  return { kind: 'replayed', rev: current.rev ?? 0, from: current.prevStatus ?? '', to: current.status };
}

/**
 * Writes the history row of the suggestion's current rev from the row itself (a no-op when it
 * is there). Rows older than the lifecycle (rev 0, no last action) get their submission.
 */
export async function recordHistory(db: Db, suggestionId: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "SuggestionEvent" ("orgId", "suggestionId", "rev", "action", "fromStatus", "toStatus", "actorId", "note", "at")
    SELECT "orgId", "id", COALESCE("rev", 0), COALESCE("lastAction", 'submit'), "prevStatus", "status",
           CASE WHEN "lastAction" IS NULL THEN "personId" ELSE "lastActorId" END, COALESCE("lastNote", ''), COALESCE("statusAt", "createdAt")
    FROM "Suggestion" WHERE "id" = ${suggestionId}
    ON CONFLICT ("suggestionId", "rev") DO NOTHING`;
}

export interface HistoryLine {
  rev: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  note: string;
  at: Date;
}

export async function listHistory(db: Db, suggestionId: number): Promise<HistoryLine[]> {
  await recordHistory(db, suggestionId);
  const events = await db.suggestionEvent.findMany({ where: { suggestionId }, orderBy: { rev: 'asc' } });
  const ids = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const names = new Map((await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  return events.map((e) => ({
    rev: e.rev, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null, note: e.note, at: e.at,
  }));
}

/** The key of the request that made the last transition (to recognise a replayed request). */
export async function lastKeyOf(db: Db, suggestionId: number): Promise<string | null> {
  const row = await db.suggestion.findUnique({ where: { id: suggestionId }, select: { lastKey: true } });
  return row?.lastKey ?? null;
}
