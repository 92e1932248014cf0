// WAL checkpoints off the write path. By default SQLite checkpoints inside whichever commit
// fills the log past 1,000 pages: that commit then copies pages and waits for fsync, about
// half the wall time of every small write under load (an answer's INSERT waited on it).
// The service's connections instead let the log grow to CHECKPOINT_SAFETY_PAGES and run a
// PASSIVE checkpoint on a timer: it never waits on a reader or a writer, and a page written
// many times between two checkpoints is copied once. Command lines keep SQLite's default.
import type Database from 'better-sqlite3';
import { driverOf } from './driver-sql.ts';
import type { Db } from './prisma.ts';

/** The service's connections: a commit checkpoints only past this (the timer did not keep up). */
export const CHECKPOINT_SAFETY_PAGES = 20_000;
export const CHECKPOINT_EVERY_MS = 1_000;

/** Applied by connectDb({ backgroundCheckpoints: true }). */
export function deferCheckpoints(driver: Database.Database): void {
  driver.pragma(`wal_autocheckpoint = ${CHECKPOINT_SAFETY_PAGES}`);
}

/**
 * Checkpoints the database every `everyMs` on this thread; returns stop. A no-op on PostgreSQL.
 * One connection of the process runs it (the workers' thread, or the only one in-process).
 */
export function startWalCheckpoints(db: Db, onError: (err: unknown) => void, everyMs = CHECKPOINT_EVERY_MS): () => void {
  const driver = driverOf(db);
  if (!driver) return () => {};
  const timer = setInterval(() => {
    try {
      driver.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      onError(err);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
