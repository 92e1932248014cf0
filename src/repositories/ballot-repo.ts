// Report-back evaluations (rules E1–E3): ballots, their eligible voters and the anonymous card
// votes. A vote row holds a marker and a sealed choice only — no person, no time — and every
// write is one statement guarded by the ballot's status, so a vote racing the close is either
// counted or refused, never lost. Nothing here may log a voter together with a vote.
import type { Counts } from '../domain/records/ballot.ts';
import { Prisma, type Db } from './prisma.ts';
import { isUniqueViolation } from './db-errors.ts';
import { slices } from './slices.ts';

export interface BallotRow {
  id: number;
  orgId: number;
  activityId: number;
  deputyId: number;
  organiserId: number | null;
  status: string;
  quorum: number;
  salt: string | null;
  reportSentAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
  satisfied: number;
  basic: number;
  dissatisfied: number;
  paperSatisfied: number | null;
  paperBasic: number | null;
  paperDissatisfied: number | null;
}

export async function createBallot(db: Db, b: { orgId: number; activityId: number; deputyId: number; organiserId: number | null; quorum: number; now: Date }): Promise<{ ballot: BallotRow; created: boolean }> {
  const existing = await db.reportBallot.findUnique({ where: { activityId_deputyId: { activityId: b.activityId, deputyId: b.deputyId } } });
  if (existing) return { ballot: existing, created: false };
  try {
    const data = { orgId: b.orgId, activityId: b.activityId, deputyId: b.deputyId, organiserId: b.organiserId, quorum: b.quorum, status: 'setup', createdAt: b.now };
    return { ballot: await db.reportBallot.create({ data }), created: true };
  } catch (err) {
    if (isUniqueViolation(err)) {
      return { ballot: (await db.reportBallot.findUnique({ where: { activityId_deputyId: { activityId: b.activityId, deputyId: b.deputyId } } }))!, created: false };
    }
    throw err;
  }
}

export function findBallot(db: Db, orgId: number, id: number): Promise<BallotRow | null> {
  return db.reportBallot.findFirst({ where: { id, orgId } });
}

export function ballotsOfActivity(db: Db, activityId: number): Promise<BallotRow[]> {
  return db.reportBallot.findMany({ where: { activityId }, orderBy: { id: 'asc' } });
}

/** Ballots whose written report has not gone to the voters yet (rule E2), for any organisation. */
export function ballotsAwaitingReport(db: Db, deputyId?: number): Promise<BallotRow[]> {
  return db.reportBallot.findMany({ where: { reportSentAt: null, status: { in: ['setup', 'open'] }, ...(deputyId ? { deputyId } : {}) }, orderBy: { id: 'asc' } });
}

export interface NewVoter {
  voterKey: string;
  name: string;
  mobile: string | null;
  personId: number | null;
  source: 'file' | 'unit';
}

/** Adds voters once each (by voterKey); returns how many were new. */
export async function addVoters(db: Db, orgId: number, activityId: number, voters: NewVoter[], now: Date): Promise<number> {
  let added = 0;
  for (const part of slices(voters, 100)) {
    const values = part.map((v) => Prisma.sql`(${orgId}, ${activityId}, ${v.voterKey}, ${v.name}, ${v.mobile}, ${v.personId}, ${v.source}, ${now})`);
    added += await db.$executeRaw`
      INSERT INTO "ReportVoter" ("orgId", "activityId", "voterKey", "name", "mobile", "personId", "source", "createdAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("activityId", "voterKey") DO NOTHING`;
  }
  return added;
}

export function listVoters(db: Db, activityId: number) {
  return db.reportVoter.findMany({ where: { activityId }, orderBy: { id: 'asc' } });
}

export function findVoterByPerson(db: Db, activityId: number, personId: number) {
  return db.reportVoter.findFirst({ where: { activityId, personId } });
}

/** setup -> open with the ballot's salt; false when it was not in setup. */
export async function openBallot(db: Db, id: number, salt: string, now: Date): Promise<boolean> {
  const { count } = await db.reportBallot.updateMany({ where: { id, status: 'setup' }, data: { status: 'open', salt, openedAt: now } });
  return count === 1;
}

/**
 * One vote per voter (rule E3): inserted, or replaced when the voter votes again, in one
 * statement that only takes effect while the ballot is open. 0 means the ballot is not open.
 */
export async function castVote(db: Db, ballotId: number, marker: string, sealed: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "ReportVote" ("ballotId", "marker", "sealed")
    SELECT ${ballotId}, ${marker}, ${sealed} WHERE EXISTS (SELECT 1 FROM "ReportBallot" WHERE "id" = ${ballotId} AND "status" = 'open')
    ON CONFLICT ("ballotId", "marker") DO UPDATE SET "sealed" = excluded."sealed"
    WHERE EXISTS (SELECT 1 FROM "ReportBallot" WHERE "id" = ${ballotId} AND "status" = 'open')`;
}

export function countVotes(db: Db, ballotId: number): Promise<number> {
  return db.reportVote.count({ where: { ballotId } });
}

/** open -> closing: no vote is taken from here on. True when this call (or an earlier one) started it. */
export async function startClosing(db: Db, id: number): Promise<boolean> {
  await db.reportBallot.updateMany({ where: { id, status: 'open' }, data: { status: 'closing' } });
  return (await db.reportBallot.count({ where: { id, status: 'closing' } })) === 1;
}

export function sealedVotes(db: Db, ballotId: number): Promise<{ sealed: string }[]> {
  return db.reportVote.findMany({ where: { ballotId }, select: { sealed: true } });
}

/**
 * closing -> closed with the card tally; the salt is destroyed in the same statement, so no
 * key can ever be derived for this ballot again. False when another closer finished first.
 */
export async function finishClosing(db: Db, id: number, card: Counts, now: Date): Promise<boolean> {
  const { count } = await db.reportBallot.updateMany({
    where: { id, status: 'closing' },
    data: { status: 'closed', closedAt: now, salt: null, satisfied: card.满意, basic: card.基本满意, dissatisfied: card.不满意 },
  });
  return count === 1;
}

/** After the tally: the votes themselves go. */
export async function deleteVotes(db: Db, ballotId: number): Promise<number> {
  return (await db.reportVote.deleteMany({ where: { ballotId } })).count;
}

/** The organiser's paper count, while the ballot is not closed. */
export async function setPaperCount(db: Db, id: number, c: Counts): Promise<boolean> {
  const { count } = await db.reportBallot.updateMany({
    where: { id, status: { in: ['setup', 'open'] } },
    data: { paperSatisfied: c.满意, paperBasic: c.基本满意, paperDissatisfied: c.不满意 },
  });
  return count === 1;
}

/** Rule E2: marks the report as sent, once; false when it was already. */
export async function markReportSent(db: Db, id: number, now: Date): Promise<boolean> {
  const { count } = await db.reportBallot.updateMany({ where: { id, reportSentAt: null }, data: { reportSentAt: now } });
  return count === 1;
}

/**
 * Erases a closed ballot's voting cards from the outbox (one still waiting is discarded: the vote
 * is over); one being sent right now is erased by the worker when it settles.
 */
export async function eraseCards(db: Db, keyPrefix: string, now: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "Outbox" SET "payload" = '{}', "erasedAt" = ${now},
      "status" = CASE WHEN "status" = 'pending' THEN 'discarded' ELSE "status" END
    WHERE substr("idempotencyKey", 1, ${keyPrefix.length}) = ${keyPrefix} AND "payload" <> '{}' AND "status" <> 'sending'`;
}
