// Local mode's movable clock, kept across restarts (one row per organisation): a single
// INSERT .. ON CONFLICT statement, as the shared SQLite connection wants.
import type { Db } from './prisma.ts';

export interface SavedLocalClock {
  /** The simulated instant when it was saved. */
  simulated: Date;
  /** The base clock's instant at that moment. */
  base: Date;
}

export async function readLocalClock(db: Db, orgId: number): Promise<SavedLocalClock | undefined> {
  return (await db.localClock.findUnique({ where: { orgId }, select: { simulated: true, base: true } })) ?? undefined;
}

export async function saveLocalClock(db: Db, orgId: number, saved: SavedLocalClock): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "LocalClock" ("orgId", "simulated", "base") VALUES (${orgId}, ${saved.simulated}, ${saved.base})
    ON CONFLICT ("orgId") DO UPDATE SET "simulated" = excluded."simulated", "base" = excluded."base"`;
}
