// Who may see a deputy's performance record (rules P1, U5): the deputy; office staff, anyone's;
// the leads of a unit the deputy belongs to (a group's leader, vice leader, liaison or recorder,
// a station's head or vice head), and the leads of the larger group (大组) above the deputy's
// group. Pure.
import { UNIT_LEAD_ROLES, isOfficeStaff, type Actor } from '../roles.ts';

export interface TargetUnits {
  /** Units the deputy belongs to, with the larger group above each (if any). */
  units: { id: number; parentId: number | null }[];
}

export function mayViewRecord(viewer: Actor & { id: number }, targetId: number, target: TargetUnits): boolean {
  if (viewer.id === targetId || isOfficeStaff(viewer)) return true;
  const led = new Set(viewer.memberships.filter((m) => (UNIT_LEAD_ROLES as readonly string[]).includes(m.role)).map((m) => m.unit.id));
  return target.units.some((u) => led.has(u.id) || (u.parentId !== null && led.has(u.parentId)));
}
