// Persisted dialogs, one per (organisation, channel, chat, user). Updates are guarded by rev so
// two workers can never both advance the same dialog.
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

export async function loadDialog(db: Db, key: DialogKey): Promise<StoredDialog | undefined> {
  const row = await db.dialog.findUnique({ where: { orgId_channel_chatKey_userId: key } });
  if (!row) return undefined;
  return {
    id: row.id,
    rev: row.rev,
    flow: row.flow,
    version: row.version,
    step: row.step,
    draft: JSON.parse(row.draft),
    history: JSON.parse(row.history),
    invalidCount: row.invalidCount,
    pendingSwitch: row.pendingSwitch ?? undefined,
    lastEventId: row.lastEventId ?? undefined,
    expiresAt: row.expiresAt,
  };
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
  };
}

/** Saves a dialog: creates it, or updates it only if nobody changed it since `expectedRev`. */
export async function saveDialog(db: Db, key: DialogKey, state: DialogState, expectedRev?: number): Promise<void> {
  if (expectedRev === undefined) {
    // A leftover row for this key (an ended flow that was not deleted) is replaced.
    await db.dialog.deleteMany({ where: key });
    await db.dialog.create({ data: { ...key, ...columns(state) } });
    return;
  }
  const { count } = await db.dialog.updateMany({
    where: { ...key, rev: expectedRev },
    data: { ...columns(state), rev: expectedRev + 1 },
  });
  if (count !== 1) throw new DialogConflict();
}

export async function deleteDialog(db: Db, key: DialogKey, expectedRev?: number): Promise<void> {
  await db.dialog.deleteMany({ where: expectedRev === undefined ? key : { ...key, rev: expectedRev } });
}
