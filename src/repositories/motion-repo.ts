// Motions and their signers (rule S5). Every change is one conditional statement: a 附议 signs
// only an unsigned invitation of an open motion; submission happens only while the motion is
// open and enough have signed, and takes the next number (MAX + 1) inside the same UPDATE —
// so two deputies clicking at once cannot number a motion twice, or two motions alike (the
// unique (orgId, year, seq) makes a loser retry).
import { Prisma, type Db } from './prisma.ts';
import { isUniqueViolation } from './db-errors.ts';
import { fourDigits } from './sql-dialect.ts';

export interface NewMotion {
  orgId: number;
  starterId: number;
  title: string;
  reason: string;
  proposal: string;
  inviteeIds: number[];
  sourceKey: string;
  now: Date;
}

/** Creates the motion with its starter signed and the invitations; a replay finds it again. */
export async function createMotion(db: Db, m: NewMotion): Promise<{ id: number; created: boolean }> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO "Motion" ("orgId", "starterId", "title", "reason", "proposal", "status", "sourceKey", "createdAt")
    VALUES (${m.orgId}, ${m.starterId}, ${m.title}, ${m.reason}, ${m.proposal}, 'open', ${m.sourceKey}, ${m.now})
    ON CONFLICT ("sourceKey") DO NOTHING
    RETURNING "id"`;
  const id = rows[0] ? Number(rows[0].id) : (await db.motion.findUniqueOrThrow({ where: { sourceKey: m.sourceKey }, select: { id: true } })).id;
  const signers = [Prisma.sql`(${id}, ${m.starterId}, ${m.now}, ${m.now})`, ...m.inviteeIds.filter((p) => p !== m.starterId).map((p) => Prisma.sql`(${id}, ${p}, ${m.now}, NULL)`)];
  await db.$executeRaw`
    INSERT INTO "MotionSigner" ("motionId", "personId", "invitedAt", "signedAt") VALUES ${Prisma.join(signers)}
    ON CONFLICT ("motionId", "personId") DO NOTHING`;
  return { id, created: rows.length > 0 };
}

export async function findMotion(db: Db, orgId: number, id: number) {
  return db.motion.findFirst({ where: { id, orgId } });
}

export async function listSigners(db: Db, motionId: number) {
  return db.motionSigner.findMany({ where: { motionId }, orderBy: [{ signedAt: 'asc' }, { id: 'asc' }] });
}

/** 附议: true when this call signed (an open motion, an invitation not yet signed). */
export async function sign(db: Db, motionId: number, personId: number, now: Date): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "MotionSigner" SET "signedAt" = ${now}
    WHERE "motionId" = ${motionId} AND "personId" = ${personId} AND "signedAt" IS NULL
      AND EXISTS (SELECT 1 FROM "Motion" WHERE "id" = ${motionId} AND "status" = 'open')`;
  return count === 1;
}

const MAX_TRIES = 5;

/**
 * Rule S5: submits and numbers the motion if it is open and has at least `minSigners` signed;
 * returns the number when this call did it, undefined otherwise.
 */
export async function submitIfReady(db: Db, m: { id: number; orgId: number; year: number; code: string; minSigners: number; now: Date }): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      const rows = await db.$queryRaw<{ number: string }[]>`
        UPDATE "Motion" SET "status" = 'submitted', "submittedAt" = ${m.now}, "year" = ${m.year},
          "seq" = (SELECT COALESCE(MAX("seq"), 0) + 1 FROM "Motion" WHERE "orgId" = ${m.orgId} AND "year" = ${m.year}),
          "number" = ${`${m.year}-${m.code}-`} || ${fourDigits(db, Prisma.sql`(SELECT COALESCE(MAX("seq"), 0) + 1 FROM "Motion" WHERE "orgId" = ${m.orgId} AND "year" = ${m.year})`)}
        WHERE "id" = ${m.id} AND "status" = 'open'
          AND (SELECT COUNT(*) FROM "MotionSigner" WHERE "motionId" = ${m.id} AND "signedAt" IS NOT NULL) >= ${m.minSigners}
        RETURNING "number"`;
      return rows[0]?.number;
    } catch (err) {
      const taken = isUniqueViolation(err);
      if (!taken || attempt >= MAX_TRIES) throw err;
    }
  }
}

/** The starter withdraws an open motion; false when it is no longer open (or not theirs). */
export async function withdraw(db: Db, id: number, starterId: number, now: Date): Promise<boolean> {
  const { count } = await db.motion.updateMany({ where: { id, starterId, status: 'open' }, data: { status: 'withdrawn', withdrawnAt: now } });
  return count === 1;
}

/** Motions a person started or was invited to sign, newest first. */
export async function motionsOf(db: Db, orgId: number, personId: number, take = 10) {
  const invited = (await db.motionSigner.findMany({ where: { personId }, select: { motionId: true } })).map((s) => s.motionId);
  return db.motion.findMany({ where: { orgId, OR: [{ starterId: personId }, { id: { in: invited } }] }, orderBy: { id: 'desc' }, take });
}

/** Deputies of the organisation by name (names may repeat: the caller decides). */
export async function deputiesNamed(db: Db, orgId: number, names: string[]) {
  return db.person.findMany({ where: { orgId, name: { in: names }, levels: { not: '' } }, select: { id: true, name: true } });
}

/** The deputies of the groups this person belongs to (“本组”). */
export async function groupmates(db: Db, personId: number) {
  const units = (await db.membership.findMany({ where: { personId, unit: { kind: 'group' } }, select: { unitId: true } })).map((m) => m.unitId);
  const rows = await db.membership.findMany({ where: { unitId: { in: units }, person: { levels: { not: '' } } }, select: { person: { select: { id: true, name: true } } }, orderBy: { id: 'asc' } });
  return [...new Map(rows.map((r) => [r.person.id, r.person])).values()];
}
