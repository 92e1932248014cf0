// Persisted dialogs, one per (organisation, channel, chat, user). Updates are guarded by rev so
// two workers can never both advance the same dialog. Kept drafts: dialogs set aside with what
// the person typed, one per (organisation, channel, user, flow), until 继续 resumes them.
import { query } from './driver-sql.ts';
import type { Db } from './prisma.ts';

export interface DialogKey {
  orgId: number;
  channel: string;
  chatKey: string;
  userId: string;
}

export interface DialogState {
  flow: string;
  version: number;
  step: string;
  draft: unknown;
  history: { step: string; draft: unknown }[];
  invalidCount: number;
  pendingSwitch?: string;
  lastEventId?: number;
  expiresAt: Date;
  /** The group chat it moved from into private chat. */
  movedFrom?: string;
}

export interface StoredDialog extends DialogState {
  id: number;
  rev: number;
}

export class DialogConflict extends Error {
  constructor() {
    super('dialog was changed by another worker');
    this.name = 'DialogConflict';
  }
}

interface DialogRow {
  id: number;
  rev: number;
  flow: string;
  version: number;
  step: string;
  draft: string;
  history: string;
  invalidCount: number;
  pendingSwitch: string | null;
  lastEventId: number | null;
  expiresAt: Date;
  movedFrom: string | null;
}

/** Read on every message (is a dialog under way?): a raw statement on the hot path (driver-sql.ts). */
export async function loadDialog(db: Db, key: DialogKey): Promise<StoredDialog | undefined> {
  const [row] = await query<DialogRow>(db)`
    SELECT "id", "rev", "flow", "version", "step", "draft", "history", "invalidCount", "pendingSwitch", "lastEventId", "expiresAt", "movedFrom"
    FROM "Dialog"
    WHERE "orgId" = ${key.orgId} AND "channel" = ${key.channel} AND "chatKey" = ${key.chatKey} AND "userId" = ${key.userId}`;
  if (!row) return undefined;
  return {
    id: Number(row.id),
    rev: Number(row.rev),
    flow: row.flow,
    version: Number(row.version),
    step: row.step,
    draft: JSON.parse(row.draft),
    history: JSON.parse(row.history),
    invalidCount: Number(row.invalidCount),
    pendingSwitch: row.pendingSwitch ?? undefined,
    lastEventId: row.lastEventId === null ? undefined : Number(row.lastEventId),
    expiresAt: row.expiresAt,
    movedFrom: row.movedFrom ?? undefined,
  };
}

/** The person's private dialog that moved there from the group chat `chatId`, if any. */
export async function findMovedDialog(db: Db, key: DialogKey, chatId: string): Promise<StoredDialog | undefined> {
  const row = await db.dialog.findFirst({ where: { orgId: key.orgId, channel: key.channel, userId: key.userId, chatKey: 'single', movedFrom: chatId } });
  return row ? loadDialog(db, { ...key, chatKey: 'single' }) : undefined;
}

function columns(state: DialogState) {
  return {
    flow: state.flow,
    version: state.version,
    step: state.step,
    draft: JSON.stringify(state.draft ?? {}),
    history: JSON.stringify(state.history),
    invalidCount: state.invalidCount,
    pendingSwitch: state.pendingSwitch ?? null,
    lastEventId: state.lastEventId ?? null,
    expiresAt: state.expiresAt,
    movedFrom: state.movedFrom ?? null,
  };
}

/** Saves a dialog: creates it, or updates it only if nobody changed it since `expectedRev`. */
export async function saveDialog(db: Db, key: DialogKey, state: DialogState, expectedRev?: number): Promise<void> {
  if (expectedRev === undefined) {
    await createDialog(db, key, state);
    return;
  }
  const { count } = await db.dialog.updateMany({
    where: { ...key, rev: expectedRev },
    data: { ...columns(state), rev: expectedRev + 1 },
  });
  if (count !== 1) throw new DialogConflict();
}

/**
 * A new dialog, in one statement: a leftover row for this key (an ended flow that was not
 * deleted, or one another instance started a moment ago) is replaced and its rev bumped, so a
 * worker still holding the old row's rev gets DialogConflict instead of writing over this one.
 * (A delete then an insert let two instances both delete, and the second insert fail.)
 */
async function createDialog(db: Db, key: DialogKey, state: DialogState): Promise<void> {
  const c = columns(state);
  const at = new Date();
  await db.$executeRaw`
    INSERT INTO "Dialog" ("orgId", "channel", "chatKey", "userId", "flow", "version", "step", "draft", "history", "invalidCount",
                          "pendingSwitch", "lastEventId", "expiresAt", "movedFrom", "rev", "createdAt", "updatedAt")
    VALUES (${key.orgId}, ${key.channel}, ${key.chatKey}, ${key.userId}, ${c.flow}, ${c.version}, ${c.step}, ${c.draft}, ${c.history},
            ${c.invalidCount}, ${c.pendingSwitch}, ${c.lastEventId}, ${c.expiresAt}, ${c.movedFrom}, 0, ${at}, ${at})
    ON CONFLICT ("orgId", "channel", "chatKey", "userId") DO UPDATE SET
      "flow" = excluded."flow", "version" = excluded."version", "step" = excluded."step", "draft" = excluded."draft",
      "history" = excluded."history", "invalidCount" = excluded."invalidCount", "pendingSwitch" = excluded."pendingSwitch",
      "lastEventId" = excluded."lastEventId", "expiresAt" = excluded."expiresAt", "movedFrom" = excluded."movedFrom",
      "rev" = "Dialog"."rev" + 1, "createdAt" = excluded."createdAt", "updatedAt" = excluded."updatedAt"`;
}

export async function deleteDialog(db: Db, key: DialogKey, expectedRev?: number): Promise<void> {
  await db.dialog.deleteMany({ where: expectedRev === undefined ? key : { ...key, rev: expectedRev } });
}

export interface KeptDraft {
  id: number;
  flow: string;
  version: number;
  step: string;
  draft: unknown;
  history: { step: string; draft: unknown }[];
  chatKey: string;
  keptAt: Date;
  keptUntil: Date;
}

/** Whose kept drafts: a person on a channel, whatever the chat. */
export type DraftOwner = Omit<DialogKey, 'chatKey'>;

/** Keeps a dialog's state; a kept draft of the same flow is replaced (one statement). */
export async function keepDraft(
  db: Db, owner: DraftOwner, state: DialogState, chatKey: string, keptAt: Date, keptUntil: Date,
): Promise<void> {
  const c = columns(state);
  await db.$executeRaw`
    INSERT INTO "KeptDraft" ("orgId", "channel", "userId", "flow", "version", "step", "draft", "history", "chatKey", "keptAt", "keptUntil")
    VALUES (${owner.orgId}, ${owner.channel}, ${owner.userId}, ${c.flow}, ${c.version}, ${c.step}, ${c.draft}, ${c.history}, ${chatKey}, ${keptAt}, ${keptUntil})
    ON CONFLICT ("orgId", "channel", "userId", "flow") DO UPDATE SET
      "version" = excluded."version", "step" = excluded."step", "draft" = excluded."draft", "history" = excluded."history",
      "chatKey" = excluded."chatKey", "keptAt" = excluded."keptAt", "keptUntil" = excluded."keptUntil"`;
}

/** The person's kept drafts still alive at `now`, the latest first (read on every 帮助: the hot path's driver). */
export async function listKeptDrafts(db: Db, owner: DraftOwner, now: Date): Promise<KeptDraft[]> {
  const rows = await query<Omit<KeptDraft, 'draft' | 'history'> & { draft: string; history: string }>(db)`
    SELECT "id", "flow", "version", "step", "draft", "history", "chatKey", "keptAt", "keptUntil"
    FROM "KeptDraft"
    WHERE "orgId" = ${owner.orgId} AND "channel" = ${owner.channel} AND "userId" = ${owner.userId} AND "keptUntil" > ${now}
    ORDER BY "keptAt" DESC, "id" DESC`;
  return rows.map((r) => ({
    id: Number(r.id), flow: r.flow, version: Number(r.version), step: r.step, draft: JSON.parse(r.draft), history: JSON.parse(r.history),
    chatKey: r.chatKey, keptAt: r.keptAt, keptUntil: r.keptUntil,
  }));
}

/** Takes a kept draft for resuming: false when another worker took it first. */
export async function takeKeptDraft(db: Db, id: number): Promise<boolean> {
  return (await db.keptDraft.deleteMany({ where: { id } })).count === 1;
}

/** Discards every kept draft of the person; returns how many there were. */
export async function discardKeptDrafts(db: Db, owner: DraftOwner): Promise<number> {
  return (await db.keptDraft.deleteMany({ where: owner })).count;
}
