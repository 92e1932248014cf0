// Organisations: lookup and their policy. A stored policy is merged field by field over the
// defaults; a field that is refused (unknown key, bad value) falls back to its default and is
// reported to the listener registered for this database handle (the process's logger), once per
// distinct stored policy, so a bad field is seen in the log without flooding it.
import { resolvePolicyFields, type Policy, type ResolvedPolicy } from '../domain/policy.ts';
import type { Db } from './prisma.ts';

export type PolicyProblemListener = (orgId: number, rejected: ResolvedPolicy['rejected']) => void;

const listeners = new WeakMap<object, PolicyProblemListener>();
const reported = new WeakMap<object, Map<number, string>>();

/** Where refused policy fields of this database handle are reported (the composition root's logger). */
export function onPolicyProblems(db: Db, listener: PolicyProblemListener): void {
  listeners.set(db, listener);
}

export async function loadPolicy(db: Db, orgId: number): Promise<Policy> {
  const stored = await loadStoredPolicy(db, orgId);
  const resolved = resolvePolicyFields(stored);
  if (resolved.rejected.length) report(db, orgId, stored ?? '', resolved.rejected);
  return resolved.policy;
}

function report(db: Db, orgId: number, stored: string, rejected: ResolvedPolicy['rejected']): void {
  const listener = listeners.get(db);
  if (!listener) return;
  const seen = reported.get(db) ?? new Map<number, string>();
  reported.set(db, seen);
  if (seen.get(orgId) === stored) return;
  seen.set(orgId, stored);
  listener(orgId, rejected);
}

/** The organisation's stored policy JSON as it is (null when the organisation is unknown). */
export async function loadStoredPolicy(db: Db, orgId: number): Promise<string | null> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { policy: true } });
  return org?.policy ?? null;
}

/**
 * Replaces the stored policy if it is still `expected` (one conditional statement): two staff
 * editing different fields at once cannot lose each other's change; false means "read again".
 */
export async function replaceStoredPolicy(db: Db, orgId: number, expected: string, next: string): Promise<boolean> {
  const { count } = await db.organisation.updateMany({ where: { id: orgId, policy: expected }, data: { policy: next } });
  return count === 1;
}

export async function findOrganisationByCode(db: Db, code: string) {
  const org = await db.organisation.findUnique({ where: { code }, select: { id: true, code: true, name: true } });
  return org ?? undefined;
}

/** Every organisation with where its roster came from (local mode's check of its database). */
export function listOrganisations(db: Db) {
  return db.organisation.findMany({
    select: { code: true, name: true, rosterFile: true, rosterFileImportedAt: true },
    orderBy: { id: 'asc' },
  });
}
