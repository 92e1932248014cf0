// Organisations: lookup and their policy. A stored policy is merged field by field over the
// defaults; a field that is refused (unknown key, bad value) falls back to its default and is
// reported to the listener registered for this database handle (the process's logger), once per
// distinct stored policy, so a bad field is seen in the log without flooding it.
import { resolvePolicyFields, type Policy, type ResolvedPolicy } from '../domain/policy.ts';
import { query } from './driver-sql.ts';
import type { Db } from './prisma.ts';

export type PolicyProblemListener = (orgId: number, rejected: ResolvedPolicy['rejected']) => void;

const listeners = new WeakMap<object, PolicyProblemListener>();
const reported = new WeakMap<object, Map<number, string>>();

/** Where refused policy fields of this database handle are reported (the composition root's logger). */
export function onPolicyProblems(db: Db, listener: PolicyProblemListener): void {
  listeners.set(db, listener);
}

/**
 * Every event reads its organisation's policy: the stored text is read each time (one cheap
 * statement, so a change by the console or `npm run policy` applies to the next message), and
 * only its parsing is cached, by the text itself.
 */
export async function loadPolicy(db: Db, orgId: number): Promise<Policy> {
  const stored = await loadStoredPolicy(db, orgId);
  const resolved = resolveCached(stored);
  if (resolved.rejected.length) report(db, orgId, stored ?? '', resolved.rejected);
  return resolved.policy;
}

const resolvedByText = new Map<string, ResolvedPolicy>();
/** Distinct stored policies kept parsed (a province has one per organisation at most). */
const MAX_RESOLVED = 2_000;

function resolveCached(stored: string | null): ResolvedPolicy {
  const key = stored ?? '';
  let resolved = resolvedByText.get(key);
  if (!resolved) {
    if (resolvedByText.size >= MAX_RESOLVED) resolvedByText.clear();
    resolved = resolvePolicyFields(stored);
    resolvedByText.set(key, resolved);
  }
  return resolved;
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
  const [org] = await query<{ policy: string | null }>(db)`SELECT "policy" FROM "Organisation" WHERE "id" = ${orgId}`;
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
