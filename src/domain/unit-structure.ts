// Rules U2, A2, A3: the structure of units. A group may belong to one larger group (大组), itself
// a group; two levels only, so a larger group is never under another one and a group that has
// groups under it is a larger group. A station may be a deputies' home (代表之家), with its own
// minimums. Pure.
export type UnitShapeLike = { id: number; kind: string; parentId: number | null; isHome: boolean };

/** How the minimums see a unit: a small group, a larger group, a station, a deputies' home. */
export type UnitRank = 'group' | 'large_group' | 'station' | 'home' | 'office';

export function rankOf(unit: UnitShapeLike, all: readonly UnitShapeLike[]): UnitRank {
  if (unit.kind === 'station') return unit.isHome ? 'home' : 'station';
  if (unit.kind === 'group') return all.some((u) => u.parentId === unit.id) ? 'large_group' : 'group';
  return 'office';
}

export type ParentRefusal = 'not_group' | 'parent_not_group' | 'self' | 'parent_has_parent' | 'child_has_children';

/** Why `child` may not be put under `parent` (undefined when it may). */
export function refuseParent(child: UnitShapeLike, parent: UnitShapeLike, all: readonly UnitShapeLike[]): ParentRefusal | undefined {
  if (child.kind !== 'group') return 'not_group';
  if (parent.kind !== 'group') return 'parent_not_group';
  if (child.id === parent.id) return 'self';
  if (parent.parentId !== null) return 'parent_has_parent';
  if (all.some((u) => u.parentId === child.id)) return 'child_has_children';
  return undefined;
}
