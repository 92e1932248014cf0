// Pure: compares what the file says with what the database holds, so that an unchanged
// person causes no write at all (updatedAt stays put) and a changed one gets exactly the
// file's memberships and accounts.
import {
  CHANNELS,
  unitKey,
  type Channel,
  type PlannedPerson,
  type RoleInUnit,
  type UnitKind,
  type UnitRef,
  type ExistingPerson,
  type ExistingUnit,
  type OrgSnapshot,
  type PersonFields,
} from './roster-types.ts';

export type { ExistingPerson, ExistingUnit, OrgSnapshot, PersonFields } from './roster-types.ts';

export interface PersonChange {
  planned: PlannedPerson;
  status: 'created' | 'updated' | 'unchanged';
  personId?: number;
  fields: PersonFields;
  dropUnitIds: number[];
  setRoles: { unitId: number; role: string }[];
  /** By unit name and kind: the unit may be created by this same import. */
  addMemberships: RoleInUnit[];
  dropChannels: Channel[];
  addAccounts: { channel: Channel; platformUserId: string }[];
}

export interface RosterDiff {
  newUnits: UnitRef[];
  changes: PersonChange[];
}

/** Units of other kinds (added later by other features) are not the roster's business. */
const MANAGED_KINDS: readonly string[] = ['group', 'station', 'office'] satisfies UnitKind[];

export function diffRoster(snapshot: OrgSnapshot, apply: PlannedPerson[]): RosterDiff {
  const differ = rosterDiffer(snapshot.units);
  const peopleByMobile = new Map(snapshot.people.map((p) => [p.mobile, p]));
  return { newUnits: differ.newUnits(apply), changes: apply.map((p) => differ.person(p, peopleByMobile.get(p.mobile))) };
}

export interface RosterDiffer {
  /** The units the people hold that the organisation does not have yet, in the order first held. */
  newUnits(apply: Iterable<PlannedPerson>): UnitRef[];
  /** One person's change against what the database holds for them (the import diffs a chunk at a time). */
  person(planned: PlannedPerson, existing: ExistingPerson | undefined): PersonChange;
}

/** The organisation's units as they were before the import. */
export function rosterDiffer(units: ExistingUnit[]): RosterDiffer {
  const unitsByKey = new Map(units.map((u) => [unitKey(u), u]));
  const managedUnitIds = new Set(units.filter((u) => MANAGED_KINDS.includes(u.kind)).map((u) => u.id));
  return {
    newUnits(apply) {
      const newUnits = new Map<string, UnitRef>();
      for (const p of apply) {
        for (const m of p.memberships) {
          const key = unitKey(m);
          if (!unitsByKey.has(key) && !newUnits.has(key)) newUnits.set(key, { kind: m.kind, name: m.name });
        }
      }
      return [...newUnits.values()];
    },
    person: (p, existing) => diffPerson(p, existing, unitsByKey, managedUnitIds),
  };
}

function diffPerson(
  planned: PlannedPerson,
  existing: ExistingPerson | undefined,
  unitsByKey: Map<string, ExistingUnit>,
  managedUnitIds: Set<number>,
): PersonChange {
  // The optional columns are written only when the file has them; otherwise the stored value stays.
  const optional = {
    ...(planned.workUnit !== undefined ? { workUnit: planned.workUnit } : {}),
    ...(planned.district !== undefined ? { district: planned.district } : {}),
  };
  const fields: PersonFields = { name: planned.name, levels: planned.levels.join(','), isStaff: planned.isStaff, ...optional };
  const accounts = diffAccounts(planned, existing?.accounts ?? []);
  if (!existing) {
    const memberships = { dropUnitIds: [], setRoles: [], addMemberships: planned.memberships };
    return { planned, status: 'created', fields, ...memberships, ...accounts };
  }
  const current = existing.memberships.filter((m) => managedUnitIds.has(m.unitId));
  const memberships = diffMemberships(planned, current, unitsByKey);
  const fieldsChanged =
    existing.name !== fields.name || existing.levels !== fields.levels || existing.isStaff !== fields.isStaff ||
    (fields.workUnit !== undefined && (existing.workUnit ?? null) !== fields.workUnit) ||
    (fields.district !== undefined && (existing.district ?? null) !== fields.district);
  // A person who had left and is listed again comes back (rejoined), whatever else changed.
  const changed =
    fieldsChanged || !!existing.leftAt ||
    [memberships.dropUnitIds, memberships.setRoles, memberships.addMemberships].some((l) => l.length > 0) ||
    accounts.dropChannels.length + accounts.addAccounts.length > 0;
  const status = changed ? 'updated' : 'unchanged';
  return { planned, status, personId: existing.id, fields, ...memberships, ...accounts };
}

function diffMemberships(
  planned: PlannedPerson,
  current: { unitId: number; role: string }[],
  unitsByKey: Map<string, ExistingUnit>,
): Pick<PersonChange, 'dropUnitIds' | 'setRoles' | 'addMemberships'> {
  const keep = new Set<number>();
  const setRoles: PersonChange['setRoles'] = [];
  const addMemberships: RoleInUnit[] = [];
  for (const m of planned.memberships) {
    const unit = unitsByKey.get(unitKey(m));
    const held = unit && current.find((c) => c.unitId === unit.id);
    if (!unit || !held) {
      addMemberships.push(m);
      continue;
    }
    keep.add(unit.id);
    if (held.role !== m.role) setRoles.push({ unitId: unit.id, role: m.role });
  }
  const dropUnitIds = current.filter((c) => !keep.has(c.unitId)).map((c) => c.unitId);
  return { dropUnitIds, setRoles, addMemberships };
}

/** Only the channels the roster manages; other channels a person may have are left alone. */
export function diffAccounts(
  planned: PlannedPerson,
  current: { channel: string; platformUserId: string }[],
): Pick<PersonChange, 'dropChannels' | 'addAccounts'> {
  const dropChannels: Channel[] = [];
  const addAccounts: PersonChange['addAccounts'] = [];
  for (const channel of CHANNELS) {
    const want = planned.accounts[channel]?.id;
    const have = current.find((a) => a.channel === channel)?.platformUserId;
    if (want === have) continue;
    // Replaced by delete + create, never updated in place: two people swapping accounts
    // would otherwise collide on the unique (org, channel, userid) index.
    if (have !== undefined) dropChannels.push(channel);
    if (want !== undefined) addAccounts.push({ channel, platformUserId: want });
  }
  return { dropChannels, addAccounts };
}
