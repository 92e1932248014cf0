// Outbox rows: every outbound message, unique by idempotency key, claimed by a conditional
// update so two workers (or a restarted one) never send the same row at once, and never two
// rows to one recipient at once (their order is kept). Queue operations are single raw
// statements (see inbound-repo.ts for why).
//
// Statuses: pending → sending → sent | pending (retry) | dead (certainly not delivered) |
// uncertain (may have been delivered, and repeating it could deliver it twice: staff decide,
// see outbox-staff-repo.ts) → discarded.
import { execute, executeSoon, query, underLockOnDriver } from './driver-sql.ts';
import { byClaimOrder, pickDueRows } from './outbox-pick.ts';
import { Prisma, type Db } from './prisma.ts';
import { skipLocked, unindexed } from './sql-dialect.ts';

/** The advisory lock outbox claims take turns at on PostgreSQL (see claimDueRows). */
const OUTBOX_CLAIM_LOCK = 7_314_002;

export interface NewOutboxRow {
  orgId: number;
  channel: string;
  idempotencyKey: string;
  kind: string;
  /** One member's user id (rate-limited per member), or "chat:<id>" for a group chat. */
  recipient: string;
  payload: string;
  notBefore?: Date;
  /** Fingerprint of a text's content (not its recipients), to find twins; see the worker. */
  contentHash?: string;
  /** CONVERSATION_PRIORITY for an answer to what a person just wrote; 0 (default) otherwise. */
  priority?: number;
}

/** An answer in a person's own conversation: claimed before anything scheduled. */
export const CONVERSATION_PRIORITY = 1;

export interface ClaimedOutboxRow {
  id: number;
  orgId: number;
  channel: string;
  idempotencyKey: string;
  kind: string;
  recipient: string;
  payload: string;
  attempts: number;
  createdAt: Date;
  /** When the first try started (this one, if it is the first). */
  firstAttemptAt: Date;
  /** An earlier try's outcome is unknown (set here when a dead process's lock had expired). */
  maybeDelivered: boolean;
  /** An earlier try went out without the platform's repeat protection. */
  unguarded: boolean;
  contentHash: string | null;
  priority: number;
}

/** Rows per INSERT: 12 values each, well under SQLite's and PostgreSQL's parameter limits. */
const ENQUEUE_CHUNK = 400;

/**
 * Enqueues rows whose keys are new, a multi-row statement per chunk; returns how many were new.
 * Each chunk commits at the end of the turn with whatever else was queued in it (executeSoon:
 * the inbound worker's lanes share their commits); the promise resolves once it is committed.
 */
export async function enqueue(db: Db, rows: NewOutboxRow[], now: Date): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) {
    const values = rows.slice(i, i + ENQUEUE_CHUNK).map((r) =>
      Prisma.sql`(${r.orgId}, ${r.channel}, ${r.idempotencyKey}, ${r.kind}, ${r.recipient}, ${r.payload}, 'pending', 0, ${r.notBefore ?? now}, ${now}, ${r.contentHash ?? null}, ${r.priority ?? 0})`);
    added += await executeSoon(db)`
      INSERT INTO "Outbox" ("orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "status", "attempts", "nextAttemptAt", "createdAt", "contentHash", "priority")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("idempotencyKey") DO NOTHING`;
  }
  return added;
}

type ClaimedRaw = Omit<ClaimedOutboxRow, 'maybeDelivered' | 'unguarded' | 'priority'> & {
  nextAttemptAt: Date; maybeDelivered: unknown; unguarded: unknown; priority: unknown;
};

type CandidateRaw = { id: unknown; orgId: unknown; channel: string; recipient: string; priority: unknown; nextAttemptAt: Date };

/**
 * Claims up to `limit` due rows, as pickDueRows (outbox-pick.ts) picks them: conversation rows
 * first, oldest due first, at most `scheduledLimit` of the others, at most one per recipient
 * and none for a recipient with a row in flight. A row still 'sending' after its lock expired
 * belonged to a process that died mid-call: its outcome is unknown, which the claim records
 * (maybeDelivered).
 *
 * Two statements: one reads the candidates, the other marks the picked ones 'sending' by id,
 * checking again that each is due and its recipient free. On SQLite the read takes no lock, so
 * the write lock (which a callback's ack may be waiting on) is held for the short UPDATE alone;
 * ranking a few dozen rows here costs less than SQL's window functions did.
 *
 * On PostgreSQL several instances claim at once: the claims take turns under an advisory lock,
 * because the "none in flight for this recipient" test reads rows another claim may be turning
 * to 'sending' right now (without the turn, two instances could each send one of a member's
 * messages at once); rows a settling call holds are skipped (SKIP LOCKED).
 */
export async function claimDueRows(db: Db, now: Date, limit: number, lockMs: number, scheduledLimit = limit): Promise<ClaimedOutboxRow[]> {
  const scan = limit * 4 + 20;
  const rows = await underLockOnDriver(db, OUTBOX_CLAIM_LOCK, async (q) => {
    const due = await query<CandidateRaw>(q)`
      SELECT * FROM (${candidates(db, Prisma.sql`o."status" = 'pending' AND ${unindexed(db, 'nextAttemptAt')} <= ${now}`, now, scan)}) AS "fresh"
      UNION ALL
      SELECT * FROM (${candidates(db, Prisma.sql`o."status" = 'sending' AND o."lockedUntil" < ${now}`, now, scan)}) AS "stale"`;
    const picked = pickDueRows(
      due.map((r) => ({ id: Number(r.id), orgId: Number(r.orgId), channel: r.channel, recipient: r.recipient, priority: Number(r.priority), at: r.nextAttemptAt.getTime() })),
      limit,
      scheduledLimit,
    );
    if (picked.length === 0) return [];
    // By id; the status kept off the indexes, or SQLite's planner reads every due row to find them.
    const status = unindexed(db, 'status');
    return query<ClaimedRaw>(q)`
      UPDATE "Outbox" AS o
      SET "maybeDelivered" = CASE WHEN "status" = 'sending' THEN ${true} ELSE "maybeDelivered" END,
          "status" = 'sending', "attempts" = "attempts" + 1, "lockedUntil" = ${new Date(now.getTime() + lockMs)},
          "firstAttemptAt" = COALESCE("firstAttemptAt", ${now}), "lastAttemptAt" = ${now}
      WHERE "id" IN (${Prisma.join(picked.map((r) => r.id))})
        AND ((${status} = 'pending' AND "nextAttemptAt" <= ${now}) OR (${status} = 'sending' AND "lockedUntil" < ${now}))
        AND ${notInFlight(now)}
      RETURNING "id", "orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "attempts", "nextAttemptAt",
        "createdAt", "firstAttemptAt", "maybeDelivered", "unguarded", "contentHash", "priority"`;
  });
  // Conversation rows first: the per-member limit gives them the minute's budget first.
  return rows
    .map(({ nextAttemptAt, ...r }) => ({
      ...r,
      id: Number(r.id),
      orgId: Number(r.orgId),
      attempts: Number(r.attempts),
      maybeDelivered: Boolean(Number(r.maybeDelivered)),
      unguarded: Boolean(Number(r.unguarded)),
      priority: Number(r.priority),
      at: nextAttemptAt.getTime(),
    }))
    .sort(byClaimOrder)
    .map(({ at: _, ...r }) => r);
}

/**
 * No other row of the same recipient (of row `o`) is being sent right now. A recipient is a user
 * id in one organisation's app: the same id in another organisation is another person.
 */
function notInFlight(now: Date): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (
    SELECT 1 FROM "Outbox" AS f
    WHERE f."status" = 'sending' AND f."lockedUntil" >= ${now} AND f."channel" = o."channel" AND f."recipient" = o."recipient"
      AND f."orgId" = o."orgId")`;
}

/**
 * The first `scan` rows of one kind of due row (new or retried; or left 'sending' by a process
 * that died), in claim order, whose recipient has nothing in flight. Two ordered scans, not one
 * over both kinds: the index on (status, priority DESC, nextAttemptAt, id) then hands the
 * pending rows over in order and the scan stops at `scan`, where one OR over both kinds sorted
 * every due row on each claim (1.5 ms of CPU per claim with a few thousand messages queued).
 */
function candidates(db: Db, kind: Prisma.Sql, now: Date, scan: number): Prisma.Sql {
  return Prisma.sql`
    SELECT o."id", o."orgId", o."channel", o."recipient", o."priority", o."nextAttemptAt" FROM "Outbox" AS o
    WHERE ${kind} AND ${notInFlight(now)}
    ORDER BY o."priority" DESC, o."nextAttemptAt", o."id" LIMIT ${scan} ${skipLocked(db)}`;
}

function settle(db: Db, row: ClaimedOutboxRow, set: Prisma.Sql, run = execute) {
  return run(db)`
    UPDATE "Outbox" SET ${set}, "lockedUntil" = NULL
    WHERE "id" = ${row.id} AND "status" = 'sending' AND "attempts" = ${row.attempts}`;
}

/**
 * A row whose key starts with this is erased the moment it is sent: its content must not outlive
 * its delivery (a voting card pairs each button's key with its choice; with the click's key,
 * which the inbound table keeps, it would tell who voted what — rule E3).
 */
export const ERASE_ON_SEND_PREFIX = 'erase-on-send|';

/**
 * Calls that return in the same turn share one commit (executeSoon): a crash before it leaves
 * the row 'sending', taken back later as "outcome unknown", as a crash just after the call did.
 */
export async function markSent(db: Db, row: ClaimedOutboxRow, now: Date, response: string): Promise<void> {
  const erase = row.idempotencyKey.startsWith(ERASE_ON_SEND_PREFIX);
  const content = erase ? Prisma.sql`"payload" = '{}', "erasedAt" = ${now}, ` : Prisma.empty;
  await settle(db, row, Prisma.sql`${content}"status" = 'sent', "sentAt" = ${now}, "response" = ${response}, "lastError" = NULL, "lastErrcode" = NULL`, executeSoon);
}

/** Back to pending; `maybeDelivered` records that this try's outcome is unknown. */
export async function markRetry(
  db: Db, row: ClaimedOutboxRow, nextAttemptAt: Date, error: { message: string; code?: number }, maybeDelivered = row.maybeDelivered,
) {
  await settle(
    db,
    row,
    Prisma.sql`"status" = 'pending', "nextAttemptAt" = ${nextAttemptAt}, "maybeDelivered" = ${maybeDelivered},
      "lastError" = ${error.message.slice(0, 1000)}, "lastErrcode" = ${error.code ?? null}`,
  );
}

/** Certainly not delivered, and trying again cannot help. */
export async function markDead(db: Db, row: ClaimedOutboxRow, error: { message: string; code?: number }) {
  await settle(db, row, Prisma.sql`"status" = 'dead', "lastError" = ${error.message.slice(0, 1000)}, "lastErrcode" = ${error.code ?? null}`);
}

/** May have been delivered; sending it again could deliver it twice. Never retried on its own. */
export async function markUncertain(db: Db, row: ClaimedOutboxRow, error: { message: string; code?: number }) {
  await settle(
    db,
    row,
    Prisma.sql`"status" = 'uncertain', "maybeDelivered" = ${true}, "lastError" = ${error.message.slice(0, 1000)}, "lastErrcode" = ${error.code ?? null}`,
  );
}

/** Records, before the call, that this try goes out without the platform's repeat protection. */
export async function markUnguarded(db: Db, row: ClaimedOutboxRow): Promise<void> {
  await execute(db)`UPDATE "Outbox" SET "unguarded" = ${true} WHERE "id" = ${row.id} AND "status" = 'sending' AND "attempts" = ${row.attempts}`;
}

/** Puts a claimed row back without counting the attempt (rate limit: not a failure, no call made). */
export async function deferRow(db: Db, row: ClaimedOutboxRow, nextAttemptAt: Date): Promise<void> {
  const firstTry = row.attempts - 1 === 0;
  await settle(
    db,
    row,
    Prisma.sql`"status" = 'pending', "attempts" = ${row.attempts - 1}, "nextAttemptAt" = ${nextAttemptAt},
      "firstAttemptAt" = CASE WHEN ${firstTry ? 1 : 0} = 1 THEN NULL ELSE "firstAttemptAt" END`,
  );
}

/**
 * Other rows with the same text (content hash) for the same organisation and channel whose
 * latest try started at or after `since`: the platform's duplicate check may take the one
 * for the other. The caller intersects their recipients with the row's. A one-person row
 * looks up the same person's rows by index, and every batch row with the text (few).
 */
export async function findTwins(db: Db, row: ClaimedOutboxRow, since: Date): Promise<{ recipient: string; lastAttemptAt: Date | null }[]> {
  if (!row.contentHash) return [];
  const hash = row.contentHash.slice(2);
  const single = `s:${hash}`;
  const batch = `m:${hash}`;
  // Two index searches: hash, recipient and recent tries on (contentHash, recipient,
  // lastAttemptAt), so a member's year of identical answers is not read on every send; hash
  // alone for the batch rows (a few per text). PostgreSQL indexes the two kinds apart (partial
  // indexes: a batch row's recipient list is too long for a btree entry), hence the literal
  // LIKE and NOT LIKE, which always hold ("s:" rows have one member, "m:" rows several). The
  // unary + keeps SQLite off the channel index.
  const others = Prisma.sql`${unindexed(db, 'orgId')} = ${row.orgId} AND ${unindexed(db, 'channel')} = ${row.channel} AND "id" <> ${row.id} AND "lastAttemptAt" >= ${since}`;
  const oneMember = row.contentHash === single ? Prisma.sql`AND "recipient" = ${row.recipient}` : Prisma.empty;
  const sameHash = Prisma.sql`"contentHash" = ${single} ${oneMember} AND "recipient" NOT LIKE '%|%'`;
  const rows = await query<{ recipient: string; lastAttemptAt: Date | string | null }>(db)`
    SELECT "recipient", "lastAttemptAt" FROM "Outbox" WHERE ${sameHash} AND ${others}
    UNION ALL
    SELECT "recipient", "lastAttemptAt" FROM "Outbox" WHERE "contentHash" = ${batch} AND "recipient" LIKE '%|%' AND ${others}
    LIMIT 5000`;
  return rows.map((r) => ({ recipient: r.recipient, lastAttemptAt: r.lastAttemptAt === null ? null : new Date(r.lastAttemptAt) }));
}

export interface RecentSends {
  /** Rows sent since `since` plus rows being sent now (this batch's included). */
  count: number;
  oldestSentAt?: Date;
}

/**
 * Per member of one organisation's app: how many messages went out since `since`, for the
 * per-minute limit (the same user id in another organisation is another person, with a quota
 * of its own). Two index searches joined by UNION ALL, not one OR: "sent since" walks
 * (channel, recipient, status, sentAt) over the last minute only, "sending" the same index's
 * status; an OR made SQLite read every row a member was ever sent (185 ms for 50 members at
 * 500,000 old rows; see npm run bench:queues). Both halves repeat the predicate of
 * PostgreSQL's partial index (members never contain '|', so it changes no count).
 */
export async function recentSends(db: Db, orgId: number, channel: string, recipients: string[], since: Date): Promise<Map<string, RecentSends>> {
  if (recipients.length === 0) return new Map();
  const members = Prisma.join(recipients);
  const rows = await query<{ recipient: string; count: number | bigint; oldestSentAt: string | Date | null }>(db)`
    SELECT "recipient", COUNT(*) AS "count", MIN("sentAt") AS "oldestSentAt" FROM (
      SELECT "recipient", "sentAt" FROM "Outbox"
      WHERE "channel" = ${channel} AND "recipient" IN (${members}) AND "sentAt" >= ${since} AND "status" = 'sent'
        AND "recipient" NOT LIKE '%|%' AND "orgId" = ${orgId}
      UNION ALL
      SELECT "recipient", "sentAt" FROM "Outbox"
      WHERE "status" = 'sending' AND "channel" = ${channel} AND "recipient" IN (${members})
        AND "recipient" NOT LIKE '%|%' AND "orgId" = ${orgId}
    ) AS "recent" GROUP BY "recipient"`;
  return new Map(rows.map((r) => [r.recipient, { count: Number(r.count), oldestSentAt: r.oldestSentAt === null ? undefined : new Date(r.oldestSentAt) }]));
}

/**
 * Rows by status, `sent` left out: it counts every message ever sent, and counting it read the
 * whole status index at each scrape (245 ms on the HTTP thread at 500,000 rows). Sends are
 * counted by bot_outbox_sends_total instead; every status counted here is a search of the index.
 */
export const COUNTED_STATUSES = ['pending', 'sending', 'uncertain', 'dead', 'discarded'] as const;

export async function outboxRowsByStatus(db: Db): Promise<{ status: string; count: number }[]> {
  const rows = await db.outbox.groupBy({ by: ['status'], where: { status: { in: [...COUNTED_STATUSES] } }, _count: { _all: true } });
  return rows.map((r) => ({ status: r.status, count: r._count._all }));
}

export async function oldestPendingAgeSeconds(db: Db, now: Date): Promise<number> {
  const oldestPending = await db.outbox.findFirst({
    where: { status: { in: ['pending', 'sending'] } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  return oldestPending ? (now.getTime() - oldestPending.createdAt.getTime()) / 1000 : 0;
}

/** Messages of one organisation and channel still waiting to go out (or going out now). */
export function countQueued(db: Db, orgId: number, channel: string): Promise<number> {
  return db.outbox.count({ where: { orgId, channel, status: { in: ['pending', 'sending'] } } });
}
