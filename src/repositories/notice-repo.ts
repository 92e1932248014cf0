// Planned notices (rule A4): one row per (activity, kind, revision, person), sent in batches.
// Each step is one conditional statement, so restarts and a second instance send nothing twice.
import { dialectOf, Prisma, type Db } from './prisma.ts';
import { slices } from './slices.ts';

/**
 * "Only rows still planned" beside a list of ids, said as NOT (status <> 'planned'): SQLite (it
 * has no statistics) would otherwise walk the status index through every planned row instead
 * of looking the ids up — 110 ms instead of 14 ms per 500 ids with 200,000 rows planned.
 */
const STILL_PLANNED = { NOT: { status: { not: 'planned' } } };

export interface NewNotice {
  orgId: number;
  activityId: number;
  kind: string;
  revision: number;
  personId: number;
  dueAt: Date;
}

export async function insertPlanned(db: Db, rows: NewNotice[], now: Date): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const values = rows.slice(i, i + 200).map(
      (r) => Prisma.sql`(${r.orgId}, ${r.activityId}, ${r.kind}, ${r.revision}, ${r.personId}, ${r.dueAt}, 'planned', ${now})`,
    );
    added += await db.$executeRaw`
      INSERT INTO "Notice" ("orgId", "activityId", "kind", "revision", "personId", "dueAt", "status", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("activityId", "kind", "revision", "personId") DO NOTHING`;
  }
  return added;
}

/** Drops what has not gone out yet (an edit re-plans; a cancellation stops everything). */
export async function dropPlanned(db: Db, activityId: number): Promise<number> {
  const { count } = await db.notice.updateMany({ where: { activityId, status: 'planned' }, data: { status: 'dropped' } });
  return count;
}

/** Drops the planned rows of an activity whose kind starts with `kindPrefix`, except those of `keepRevision`. */
export async function dropPlannedKinds(db: Db, activityId: number, kindPrefix: string, keepRevision: number): Promise<number> {
  const { count } = await db.notice.updateMany({
    where: { activityId, status: 'planned', kind: { startsWith: kindPrefix }, revision: { not: keepRevision } },
    data: { status: 'dropped' },
  });
  return count;
}

/** Rows of this kind that went out or are on their way (queued, sent), in any revision. */
export async function countGone(db: Db, activityId: number, kind: string): Promise<number> {
  return db.notice.count({ where: { activityId, kind, status: { in: ['queued', 'sent'] } } });
}

/**
 * Rows found more than the grace period late are not sent late without saying so. Kinds
 * starting with `exceptKindPrefix` judge their own lateness when due (approval reminders).
 */
export async function markMissed(db: Db, dueBefore: Date, exceptKindPrefix?: string) {
  const missed = await db.notice.findMany({
    where: { status: 'planned', dueAt: { lt: dueBefore }, ...(exceptKindPrefix ? { NOT: { kind: { startsWith: exceptKindPrefix } } } : {}) },
    select: { id: true, activityId: true, kind: true },
  });
  for (const part of slices(missed.map((m) => m.id))) {
    await db.notice.updateMany({ where: { id: { in: part }, ...STILL_PLANNED }, data: { status: 'missed' } });
  }
  return missed;
}

export async function duePlanned(db: Db, now: Date, limit = 5000) {
  return db.notice.findMany({
    where: { status: 'planned', dueAt: { lte: now } },
    orderBy: [{ activityId: 'asc' }, { kind: 'asc' }, { personId: 'asc' }],
    take: limit,
  });
}

/** What sending a due row needs to know of it. */
const DUE_FIELDS = { id: true, activityId: true, kind: true, revision: true, personId: true, dueAt: true } as const;
export type DueNotice = { id: number; activityId: number; kind: string; revision: number; personId: number; dueAt: Date };

export interface DueGroup {
  activityId: number;
  kind: string;
  revision: number;
}

/** The notices due now, one entry per (activity, kind, revision): each is batched as a whole. */
export async function dueGroups(db: Db, now: Date): Promise<DueGroup[]> {
  const groups = await db.notice.groupBy({
    by: ['activityId', 'kind', 'revision'],
    where: { status: 'planned', dueAt: { lte: now } },
    orderBy: [{ activityId: 'asc' }, { kind: 'asc' }, { revision: 'asc' }],
  });
  return groups.map(({ activityId, kind, revision }) => ({ activityId, kind, revision }));
}

/**
 * The due planned rows of one group, by person, a page at a time along the unique index (a
 * 100,000-person unit is 20 statements, not one sort of everything due). Rows of pages already
 * read may change status meanwhile: the next page starts after the last person read.
 */
export async function* duePages(db: Db, group: DueGroup, now: Date, page = 5000): AsyncGenerator<DueNotice[]> {
  for (let after = -1; ; ) {
    const rows = await db.notice.findMany({
      where: { ...group, personId: { gt: after }, status: 'planned', dueAt: { lte: now } },
      orderBy: { personId: 'asc' },
      select: DUE_FIELDS,
      take: page,
    });
    if (rows.length) yield rows;
    if (rows.length < page) return;
    after = rows[rows.length - 1]!.personId;
  }
}

export async function dueRowsOf(db: Db, group: DueGroup, now: Date): Promise<DueNotice[]> {
  const out: DueNotice[] = [];
  for await (const rows of duePages(db, group, now)) out.push(...rows);
  return out;
}

/**
 * Puts planned rows into a batch; only rows still planned join it. On PostgreSQL (several
 * instances) in one statement: two instances that formed the same batch at once get all of it
 * or none, so no batch key is shared by two writers (the second writer's rows would be marked
 * sent under a key the outbox already holds without them).
 */
export async function assignBatch(db: Db, ids: number[], batchKey: string): Promise<number> {
  let count = 0;
  for (const part of slices(ids, dialectOf(db) === 'postgres' ? Math.max(ids.length, 1) : undefined)) {
    count += (await db.notice.updateMany({ where: { id: { in: part }, ...STILL_PLANNED }, data: { status: 'queued', batchKey } })).count;
  }
  return count;
}

/** Batches whose outbox row may not be written yet (a crash between the two steps). */
export async function queuedBatches(db: Db) {
  const rows = await db.notice.findMany({ where: { status: 'queued' }, orderBy: { personId: 'asc' }, select: { ...DUE_FIELDS, batchKey: true } });
  const batches = new Map<string, DueNotice[]>();
  for (const r of rows) {
    const list = batches.get(r.batchKey!);
    if (list) list.push(r);
    else batches.set(r.batchKey!, [r]);
  }
  return batches;
}

export async function markBatchSent(db: Db, batchKey: string, now: Date): Promise<void> {
  await db.notice.updateMany({ where: { batchKey, status: 'queued' }, data: { status: 'sent', sentAt: now } });
}

/** A batch that will not be written: its activity was cancelled after it was formed (rule A4). */
export async function markBatchSkipped(db: Db, batchKey: string): Promise<void> {
  await db.notice.updateMany({ where: { batchKey, status: 'queued' }, data: { status: 'skipped' } });
}

/**
 * Whether a batch's outbox row is written (on any platform: keyed `batchKey` or `batchKey|channel`),
 * its message then on its way. A range on the unique key ('}' follows '|'), so the index answers.
 */
export async function batchWritten(db: Db, batchKey: string): Promise<boolean> {
  const row = await db.outbox.findFirst({
    where: { OR: [{ idempotencyKey: batchKey }, { idempotencyKey: { gt: `${batchKey}|`, lt: `${batchKey}}` } }] },
    select: { id: true },
  });
  return row !== null;
}

export async function markSkipped(db: Db, ids: number[]): Promise<void> {
  for (const part of slices(ids)) await db.notice.updateMany({ where: { id: { in: part }, ...STILL_PLANNED }, data: { status: 'skipped' } });
}

/** Approval reminders (rule L1) share the table; the activity's own notices are the other kinds. */
const NOT_APPROVAL = { NOT: { kind: { startsWith: 'approval:' } } };

/** Rows of the activity's own notices that went out or are on their way, in any revision. */
export async function goneNotices(db: Db, activityId: number): Promise<{ kind: string; personId: number }[]> {
  return db.notice.findMany({
    where: { activityId, status: { in: ['queued', 'sent'] }, ...NOT_APPROVAL },
    select: { kind: true, personId: true },
  });
}

/**
 * Everyone who has been sent a notice card of the activity (any lead time, any revision): their
 * row is marked sent, or its batch is still marked queued but its outbox row is written (the
 * card is on its way; the mark follows, or a crash came first).
 */
export async function notifiedPeople(db: Db, activityId: number): Promise<number[]> {
  const rows = await db.notice.findMany({
    where: { activityId, status: { in: ['sent', 'queued'] }, kind: { startsWith: 'notice' } },
    select: { personId: true, status: true, batchKey: true },
  });
  const written = new Map<string, boolean>();
  for (const key of new Set(rows.flatMap((r) => (r.status === 'queued' && r.batchKey ? [r.batchKey] : [])))) written.set(key, await batchWritten(db, key));
  return [...new Set(rows.filter((r) => r.status === 'sent' || written.get(r.batchKey!)).map((r) => r.personId))];
}

/** After an edit: the activity's own planned rows of other revisions give way to the new plan. */
export async function dropPlannedOtherRevisions(db: Db, activityId: number, keepRevision: number): Promise<number> {
  const { count } = await db.notice.updateMany({
    where: { activityId, status: 'planned', revision: { not: keepRevision }, ...NOT_APPROVAL },
    data: { status: 'dropped' },
  });
  return count;
}
