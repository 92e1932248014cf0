// How units hang together (rules U2, A2, A3): a group's larger group (大组) and whether a
// station is a deputies' home (代表之家).
import type { Db } from './prisma.ts';

export interface UnitShape {
  id: number;
  kind: string;
  name: string;
  parentId: number | null;
  isHome: boolean;
}

const SHAPE = { id: true, kind: true, name: true, parentId: true, isHome: true } as const;
const shaped = (u: { id: number; kind: string; name: string; parentId: number | null; isHome: boolean | null }): UnitShape => ({ ...u, isHome: u.isHome === true });

export async function findUnitsNamed(db: Db, orgId: number, name: string): Promise<UnitShape[]> {
  return (await db.unit.findMany({ where: { orgId, name }, select: SHAPE, orderBy: { id: 'asc' } })).map(shaped);
}

/** Every unit of the organisation with its place in the structure, in roster order. */
export async function listUnitShapes(db: Db, orgId: number): Promise<UnitShape[]> {
  return (await db.unit.findMany({ where: { orgId }, select: SHAPE, orderBy: { id: 'asc' } })).map(shaped);
}

export async function createGroup(db: Db, orgId: number, name: string): Promise<UnitShape> {
  return shaped(await db.unit.create({ data: { orgId, kind: 'group', name }, select: SHAPE }));
}

export async function setParent(db: Db, unitId: number, parentId: number | null): Promise<void> {
  await db.unit.update({ where: { id: unitId }, data: { parentId } });
}

export async function setHome(db: Db, unitId: number, isHome: boolean): Promise<void> {
  await db.unit.update({ where: { id: unitId }, data: { isHome } });
}
