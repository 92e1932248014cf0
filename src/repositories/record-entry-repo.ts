// Entries a deputy adds to their record by chat (rule P1) and people's-condition diary entries
// (rule P3). The source key makes a reprocessed chat event find its row instead of saving twice.
// Diary rows hold a constituent's name and phone (rule R6): never log them.
import type { Db } from './prisma.ts';

export interface NewEntry {
  orgId: number;
  personId: number;
  kind: string;
  heldOn: string;
  text: string;
  attachments: string[];
  sourceKey: string;
  now: Date;
}

export async function saveEntry(db: Db, e: NewEntry): Promise<{ id: number }> {
  return db.recordEntry.upsert({
    where: { sourceKey: e.sourceKey },
    create: { orgId: e.orgId, personId: e.personId, kind: e.kind, heldOn: e.heldOn, text: e.text, attachments: JSON.stringify(e.attachments), sourceKey: e.sourceKey, createdAt: e.now },
    update: {},
    select: { id: true },
  });
}

export interface NewDiaryEntry {
  orgId: number;
  personId: number;
  visitedOn: string;
  visited: string;
  raised: string;
  done: string;
  confirmation: 'photo' | 'contact';
  photoRef?: string;
  constituentName?: string;
  constituentPhone?: string;
  sourceKey: string;
  now: Date;
}

export async function saveDiaryEntry(db: Db, e: NewDiaryEntry): Promise<{ id: number }> {
  return db.diaryEntry.upsert({
    where: { sourceKey: e.sourceKey },
    create: {
      orgId: e.orgId, personId: e.personId, visitedOn: e.visitedOn, visited: e.visited, raised: e.raised, done: e.done,
      confirmation: e.confirmation, photoRef: e.photoRef ?? null, constituentName: e.constituentName ?? null,
      constituentPhone: e.constituentPhone ?? null, sourceKey: e.sourceKey, createdAt: e.now,
    },
    update: {},
    select: { id: true },
  });
}

/** A person's diary entries, oldest first, 'YYYY-MM-DD' in [from, to) (the visits register, issue 12). */
export function listDiaryEntries(db: Db, orgId: number, personId: number, from: string, to: string) {
  return db.diaryEntry.findMany({ where: { orgId, personId, visitedOn: { gte: from, lt: to } }, orderBy: [{ visitedOn: 'asc' }, { id: 'asc' }] });
}

/** A person's own entries, oldest first (the performance manual, issue 12). */
export function listEntries(db: Db, orgId: number, personId: number, from: string, to: string) {
  return db.recordEntry.findMany({ where: { orgId, personId, heldOn: { gte: from, lt: to } }, orderBy: [{ heldOn: 'asc' }, { id: 'asc' }] });
}

/** Units a person belongs to, with the larger group above each (who may see their record). */
export async function unitsOfPerson(db: Db, personId: number): Promise<{ id: number; parentId: number | null }[]> {
  const rows = await db.membership.findMany({ where: { personId }, select: { unit: { select: { id: true, parentId: true } } } });
  return rows.map((r) => r.unit);
}

/** Deputies of the organisation with this name (a record is asked for by name). */
export function deputiesNamed(db: Db, orgId: number, name: string) {
  return db.person.findMany({ where: { orgId, name, levels: { not: '' } }, select: { id: true, name: true, mobile: true }, orderBy: { id: 'asc' } });
}

/**
 * Diary entries of an organisation (or of some of its deputies), 'YYYY-MM-DD' within
 * [fromDay, toDay] both included, oldest first, a page at a time (the visits register).
 */
export async function* diaryEntryPages(db: Db, q: { orgId: number; personIds?: number[]; fromDay: string; toDay: string }, pageSize = 500) {
  let cursor: { visitedOn: string; id: number } | undefined;
  for (;;) {
    const page = await db.diaryEntry.findMany({
      where: {
        orgId: q.orgId,
        ...(q.personIds ? { personId: { in: q.personIds } } : {}),
        visitedOn: { gte: q.fromDay, lte: q.toDay },
        ...(cursor ? { OR: [{ visitedOn: { gt: cursor.visitedOn } }, { visitedOn: cursor.visitedOn, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ visitedOn: 'asc' }, { id: 'asc' }],
      take: pageSize,
    });
    if (!page.length) return;
    const names = new Map((await db.person.findMany({ where: { id: { in: [...new Set(page.map((e) => e.personId))] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
    yield page.map((e) => ({ ...e, personName: names.get(e.personId) ?? '' }));
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    cursor = { visitedOn: last.visitedOn, id: last.id };
  }
}
