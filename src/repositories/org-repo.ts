// Organisations: lookup and their policy.
import { resolvePolicy, type Policy } from '../domain/policy.ts';
import type { Db } from './prisma.ts';

export async function loadPolicy(db: Db, orgId: number): Promise<Policy> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { policy: true } });
  return resolvePolicy(org?.policy);
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
