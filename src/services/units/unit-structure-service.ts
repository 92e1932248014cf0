// Rules U2, A2, A3: put a group under a larger group (大组) or take it out, and mark a station
// as a deputies' home (代表之家) or not. The roster's nine columns stay the contract: the
// structure is set here (npm run unit, later the staff console), and a roster import leaves it
// alone. A larger group is a unit of kind group; its leader can be given in the roster like any
// group's (代表小组 = the larger group's name).
import { refuseParent, type ParentRefusal } from '../../domain/unit-structure.ts';
import type { Db } from '../../repositories/prisma.ts';
import { createGroup, findUnitsNamed, listUnitShapes, setHome, setParent, type UnitShape } from '../../repositories/unit-structure-repo.ts';
import { unitText as t } from './messages.ts';

export type UnitResult = { ok: true; message: string } | { ok: false; message: string };

async function one(db: Db, orgId: number, name: string, kind: 'group' | 'station'): Promise<UnitShape | undefined> {
  return (await findUnitsNamed(db, orgId, name)).find((u) => u.kind === kind);
}

/** Puts `groupName` under the larger group `parentName` (created when `create` and missing), or out of any (null). */
export async function setLargerGroup(db: Db, orgId: number, groupName: string, parentName: string | null, create = false): Promise<UnitResult> {
  const group = await one(db, orgId, groupName, 'group');
  if (!group) return { ok: false, message: t.noGroup(groupName) };
  if (parentName === null) {
    await setParent(db, group.id, null);
    return { ok: true, message: t.detached(group.name) };
  }
  let parent = await one(db, orgId, parentName, 'group');
  let created = false;
  if (!parent) {
    if (!create) return { ok: false, message: t.noLargeGroup(parentName) };
    parent = await createGroup(db, orgId, parentName);
    created = true;
  }
  const refusal = refuseParent(group, parent, await listUnitShapes(db, orgId));
  if (refusal) return { ok: false, message: refusalText(refusal, group.name, parent.name) };
  await setParent(db, group.id, parent.id);
  return { ok: true, message: t.attached(group.name, parent.name, created) };
}

function refusalText(r: ParentRefusal, child: string, parent: string): string {
  switch (r) {
    case 'not_group':
      return t.noGroup(child);
    case 'parent_not_group':
      return t.noLargeGroup(parent);
    case 'self':
      return t.self(child);
    case 'parent_has_parent':
      return t.parentHasParent(parent);
    case 'child_has_children':
      return t.childHasChildren(child);
  }
}

/** Rule A3: a station is a deputies' home (its own minimums) or an ordinary station. */
export async function setDeputiesHome(db: Db, orgId: number, stationName: string, isHome: boolean): Promise<UnitResult> {
  const station = await one(db, orgId, stationName, 'station');
  if (!station) return { ok: false, message: t.noStation(stationName) };
  await setHome(db, station.id, isHome);
  return { ok: true, message: isHome ? t.home(station.name) : t.notHome(station.name) };
}

/** The structure, one line per larger group and per deputies' home. */
export async function describeStructure(db: Db, orgId: number): Promise<string[]> {
  const units = await listUnitShapes(db, orgId);
  const lines: string[] = [];
  for (const parent of units.filter((u) => units.some((c) => c.parentId === u.id))) {
    lines.push(t.largeGroupLine(parent.name, units.filter((c) => c.parentId === parent.id).map((c) => c.name)));
  }
  for (const home of units.filter((u) => u.kind === 'station' && u.isHome)) lines.push(t.homeLine(home.name));
  return lines.length ? lines : [t.flat];
}
