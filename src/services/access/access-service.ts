// "May this person see or do X for unit U?" — one place for the chat's flows and the console's
// pages, so the two doors onto the same services cannot disagree (rules U2–U5, R6). The pure
// predicates are in domain/roles.ts; this adds what needs the database (the units themselves).
import { isOfficeStaff, keepsUnit, keptUnitIds, type Actor } from '../../domain/roles.ts';
import { getUnit, listActivityUnits, type UnitSummary } from '../../repositories/activity-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

/** The units this person keeps (publishes for, signs in for…), in roster order; all groups and stations for office staff. */
export async function keptUnits(db: Db, orgId: number, actor: Actor): Promise<UnitSummary[]> {
  if (isOfficeStaff(actor)) return listActivityUnits(db, orgId);
  const kept = new Set(keptUnitIds(actor) as number[]);
  const led = actor.memberships.filter((m) => kept.has(m.unit.id)).map((m) => m.unit);
  return [...new Map(led.map((u) => [u.id, u])).values()].sort((a, b) => a.id - b.id);
}

/** The unit, when it is of this organisation and the person keeps it; undefined otherwise. */
export async function keptUnit(db: Db, orgId: number, actor: Actor, unitId: number): Promise<UnitSummary | undefined> {
  if (!keepsUnit(actor, unitId)) return undefined;
  const unit = await getUnit(db, orgId, unitId);
  return unit && unit.kind !== 'office' ? unit : undefined;
}
