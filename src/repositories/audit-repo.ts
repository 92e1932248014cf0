// The audit trail: who did what to which record (proxy sign-ins, leave decisions, suggestions).
import type { Db } from './prisma.ts';

export interface AuditEntry {
  orgId: number;
  actorId?: number;
  action: string;
  /** The record, as "<kind>:<id>" (leave:12, attendance:7:31). */
  subject: string;
  detail?: unknown;
}

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      orgId: entry.orgId,
      actorId: entry.actorId ?? null,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
