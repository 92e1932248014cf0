// Planned reminders before suggestion deadlines (rule S1): one row per (suggestion, kind,
// deadline, audience), inserted once; sent in batches like notices — rows get their batch key
// first, then the batch's outbox row is written under that key — so a restart between the two
// re-sends the same batch under the same key, which the outbox ignores.
import { Prisma, type Db } from './prisma.ts';
import { slices } from './slices.ts';

export interface NewReminder {
  orgId: number;
  suggestionId: number;
  kind: string;
  deadline: string;
  audience: string;
  dueAt: Date;
}

export async function insertReminders(db: Db, rows: NewReminder[]): Promise<number> {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => Prisma.sql`(${r.orgId}, ${r.suggestionId}, ${r.kind}, ${r.deadline}, ${r.audience}, ${r.dueAt}, 'planned')`);
  return db.$executeRaw`
    INSERT INTO "SuggestionReminder" ("orgId", "suggestionId", "kind", "deadline", "audience", "dueAt", "status")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("suggestionId", "kind", "deadline", "audience") DO NOTHING`;
}

export type ReminderRow = Awaited<ReturnType<typeof duePlannedReminders>>[number];

export async function duePlannedReminders(db: Db, now: Date, limit = 2000) {
  return db.suggestionReminder.findMany({ where: { status: 'planned', dueAt: { lte: now } }, orderBy: [{ orgId: 'asc' }, { audience: 'asc' }, { id: 'asc' }], take: limit });
}

export async function batchReminders(db: Db, ids: number[], batchKey: string): Promise<number> {
  let count = 0;
  for (const part of slices(ids)) {
    count += (await db.suggestionReminder.updateMany({ where: { id: { in: part }, status: 'planned' }, data: { status: 'queued', batchKey } })).count;
  }
  return count;
}

export async function skipReminders(db: Db, ids: number[]): Promise<void> {
  for (const part of slices(ids)) await db.suggestionReminder.updateMany({ where: { id: { in: part }, status: 'planned' }, data: { status: 'skipped' } });
}

export async function queuedReminderBatches(db: Db): Promise<Map<string, ReminderRow[]>> {
  const rows = await db.suggestionReminder.findMany({ where: { status: 'queued' }, orderBy: { id: 'asc' } });
  const batches = new Map<string, ReminderRow[]>();
  for (const r of rows) batches.set(r.batchKey!, [...(batches.get(r.batchKey!) ?? []), r]);
  return batches;
}

export async function markReminderBatchSent(db: Db, batchKey: string, now: Date): Promise<void> {
  await db.suggestionReminder.updateMany({ where: { batchKey, status: 'queued' }, data: { status: 'sent', sentAt: now } });
}
