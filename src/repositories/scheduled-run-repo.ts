// Calendar-day reminders planned ahead as rows (ScheduledRun): inserted once per (org, job,
// period) and finished by a conditional update, so restarts and a second instance plan and
// report each once. What they send carries its own outbox keys.
import { Prisma, type Db } from './prisma.ts';

export interface NewScheduledRun {
  orgId: number;
  job: string;
  period: string;
  dueAt: Date;
  expiresAt: Date;
}

export async function planRuns(db: Db, rows: NewScheduledRun[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => Prisma.sql`(${r.orgId}, ${r.job}, ${r.period}, ${r.dueAt}, ${r.expiresAt}, 'planned', ${now})`);
  return db.$executeRaw`
    INSERT INTO "ScheduledRun" ("orgId", "job", "period", "dueAt", "expiresAt", "status", "createdAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("orgId", "job", "period") DO NOTHING`;
}

/** Planned runs of jobs starting with `jobPrefix` whose time has come, oldest first. */
export async function dueRuns(db: Db, jobPrefix: string, now: Date) {
  return db.scheduledRun.findMany({
    where: { status: 'planned', dueAt: { lte: now }, job: { startsWith: jobPrefix } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
}

/** Marks a planned run done or missed; false when another instance finished it first. */
export async function finishRun(db: Db, id: number, status: 'done' | 'missed', now: Date): Promise<boolean> {
  const { count } = await db.scheduledRun.updateMany({ where: { id, status: 'planned' }, data: { status, doneAt: now } });
  return count === 1;
}
