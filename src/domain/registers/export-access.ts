// Who may take which registers out of the bot (rules U5, R6): office staff any unit or the
// whole organisation; a unit's leader, vice leader, liaison, head or vice head only the units
// they lead or serve; nobody else. The chat and the staff console ask this one function.
import { isOfficeStaff, UNIT_LEAD_ROLES, type Actor } from '../roles.ts';

export interface UnitRef {
  id: number;
  name: string;
}

export type ExportScope =
  /** unit undefined: the whole organisation. */
  | { ok: true; unit?: UnitRef; office: boolean }
  | { ok: false; reason: 'not_allowed' }
  | { ok: false; reason: 'not_your_unit' | 'choose_unit'; units: UnitRef[] };

/** The units this person leads or serves (as a unit's lead role). */
export function unitsLedBy(actor: Actor): UnitRef[] {
  const seen = new Map<number, UnitRef>();
  for (const m of actor.memberships) {
    if ((UNIT_LEAD_ROLES as readonly string[]).includes(m.role)) seen.set(m.unit.id, { id: m.unit.id, name: m.unit.name });
  }
  return [...seen.values()];
}

/** What `actor` may export, for the unit they named (or none). */
export function exportScope(actor: Actor, requested?: UnitRef): ExportScope {
  const office = isOfficeStaff(actor);
  if (office) return { ok: true, unit: requested, office };
  const led = unitsLedBy(actor);
  if (led.length === 0) return { ok: false, reason: 'not_allowed' };
  if (requested) {
    return led.some((u) => u.id === requested.id) ? { ok: true, unit: requested, office } : { ok: false, reason: 'not_your_unit', units: led };
  }
  return led.length === 1 ? { ok: true, unit: led[0], office } : { ok: false, reason: 'choose_unit', units: led };
}
