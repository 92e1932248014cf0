// The worker's side of a requested register file: build it into a temporary file with the
// streaming writer (bounded memory, yielding to the other workers), hand it to the platform
// (an upload is not a delivery: repeating one is harmless), then send a caption and the file
// through the outbox under keys of the request, so a crash anywhere sends them once. A build
// that keeps failing tells the recipients so, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BookName } from '../../domain/registers/book-names.ts';
import { parseDay, periodOfDays } from '../../domain/registers/period.ts';
import { LEADER_PRIVACY, OFFICE_PRIVACY } from '../../domain/registers/privacy.ts';
import type { Clock } from '../../lib/clock.ts';
import { errorLine } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Channel, UploadedMedia } from '../../platforms/types.ts';
import { claimExport, failExport, finishExport, retryExport, type ExportRequestRow } from '../../repositories/export-request-repo.ts';
import { accountsFor } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { Outbound } from '../outbound.ts';
import { exportBooks, exportFileName } from './export-service.ts';
import { exportText as m } from './messages.ts';

export interface ExportJobDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
  /** Hands a file to the platform for a file message. */
  /** Uploads through the organisation's own app: a media id is only valid in the app that made it. */
  upload(orgId: number, channel: Channel, file: { path: string; name: string }): Promise<UploadedMedia>;
}

/** A build is taken back from a worker that died after this long. */
export const EXPORT_LOCK_MS = 10 * 60_000;
export const EXPORT_MAX_ATTEMPTS = 3;
const RETRY_AFTER_MS = [30_000, 120_000];

/** Builds and sends the next requested file; false when there was none. */
export async function processNextExport(deps: ExportJobDeps): Promise<boolean> {
  const request = await claimExport(deps.db, deps.clock.now(), EXPORT_LOCK_MS);
  if (!request) return false;
  const dir = mkdtempSync(join(tmpdir(), 'register-export-'));
  try {
    await buildAndSend(deps, request, dir);
  } catch (err) {
    await recordFailure(deps, request, errorLine(err));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return true;
}

async function buildAndSend(deps: ExportJobDeps, r: ExportRequestRow, dir: string): Promise<void> {
  const from = parseDay('fromDay', r.fromDay);
  const to = parseDay('toDay', r.toDay);
  if (!from.ok || !to.ok) throw new Error(`request ${r.id} has a bad period ${r.fromDay}..${r.toDay}`);
  const period = periodOfDays(from.day, to.day);
  const scopeName = r.unitId !== null ? ((await deps.db.unit.findUnique({ where: { id: r.unitId }, select: { name: true } }))?.name ?? '') : '';
  const name = exportFileName(r.book as BookName | 'all', scopeName || '全组织', period);
  const path = join(dir, name);
  const started = Date.now();
  const result = await exportBooks(deps.db, {
    orgId: r.orgId, book: r.book as BookName | 'all', unitId: r.unitId ?? undefined, period,
    privacy: r.fullNames ? OFFICE_PRIVACY : LEADER_PRIVACY, out: path, now: deps.clock.now(),
  });
  const media = await deps.upload(r.orgId, r.channel as Channel, { path, name });
  const toUsers = [...(await accountsFor(deps.db, r.recipients, r.channel)).values()];
  if (toUsers.length) {
    await deps.outbound.send(r.orgId, r.channel as Channel, [
      { key: `export|${r.id}|caption`, message: { kind: 'text', toUsers, text: m.caption(r.caption, result.sheets) } },
      { key: `export|${r.id}|file`, message: { kind: 'file', toUsers, mediaId: media.mediaId, fileName: name, mediaExpiresAt: media.expiresAt.toISOString() } },
    ]);
  }
  await finishExport(deps.db, r.id, result.sheets, deps.clock.now());
  deps.logger.info({ exportId: r.id, book: r.book, sheets: result.sheets.length, rows: result.sheets.reduce((n, s) => n + s.rows, 0), ms: Date.now() - started }, 'register file built and queued');
}

async function recordFailure(deps: ExportJobDeps, r: ExportRequestRow, error: string): Promise<void> {
  const now = deps.clock.now();
  if (r.attempts < EXPORT_MAX_ATTEMPTS) {
    await retryExport(deps.db, r.id, error, new Date(now.getTime() + RETRY_AFTER_MS[Math.min(r.attempts - 1, RETRY_AFTER_MS.length - 1)]!));
    deps.logger.warn({ exportId: r.id, attempts: r.attempts, err: error }, 'register file failed; will try again');
    return;
  }
  await failExport(deps.db, r.id, error, now);
  deps.logger.error({ exportId: r.id, attempts: r.attempts, err: error }, 'register file failed for good; the recipients are told');
  const toUsers = [...(await accountsFor(deps.db, r.recipients, r.channel)).values()];
  if (toUsers.length) await deps.outbound.send(r.orgId, r.channel as Channel, [{ key: `export|${r.id}|failed`, message: { kind: 'text', toUsers, text: m.failed(r.caption) } }]);
}
