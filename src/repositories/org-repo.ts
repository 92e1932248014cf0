// Organisation settings.
import { resolvePolicy, type Policy } from '../domain/policy.ts';
import type { Db } from './prisma.ts';

export async function loadPolicy(db: Db, orgId: number): Promise<Policy> {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { policy: true } });
  return resolvePolicy(org?.policy);
}
