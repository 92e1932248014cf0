// Roles in the bot (rule U5): what a person may do follows from their units and roles.
export type UnitKind = 'group' | 'station' | 'office';
export type Role = 'leader' | 'vice_leader' | 'liaison' | 'member' | 'head' | 'vice_head' | 'staff';

export const UNIT_KIND_LABEL: Record<string, string> = { group: '代表小组', station: '联络站', office: '人大办' };
export const ROLE_LABEL: Record<string, string> = {
  leader: '组长',
  vice_leader: '副组长',
  liaison: '联络员',
  member: '成员',
  head: '站长',
  vice_head: '副站长',
  staff: '工作人员',
};

/** Roles that convene a unit, send its notices and keep its records (rules U2, U3). */
export const UNIT_LEAD_ROLES: readonly Role[] = ['leader', 'vice_leader', 'liaison', 'head', 'vice_head'];

export interface Actor {
  levels: string[];
  isStaff: boolean;
  memberships: { role: string; unit: { id: number; kind: string; name: string } }[];
}

/** Who a command is for. */
export type Audience = 'everyone' | 'deputy' | 'unit_lead' | 'office';

export const AUDIENCE_LABEL: Record<Audience, string> = {
  everyone: '所有人',
  deputy: '人大代表',
  unit_lead: '代表小组组长、联络站站长和联络员',
  office: '人大常委会办公室工作人员',
};

export function isDeputy(actor: Actor): boolean {
  return actor.levels.length > 0;
}

export function isOfficeStaff(actor: Actor): boolean {
  return actor.memberships.some((m) => m.unit.kind === 'office');
}

export function leadsAUnit(actor: Actor): boolean {
  return actor.memberships.some((m) => isLeadRole(m.role));
}

export function isLeadRole(role: string): boolean {
  return (UNIT_LEAD_ROLES as readonly string[]).includes(role);
}

/**
 * Rules U2, U3, U5: the units a person keeps — publishes and changes activities for, signs in
 * for (代签), sees the attendance and the written account of, sets the reception rule of: the
 * units they lead, or every unit for office staff. The chat and the console both ask this.
 */
export function keptUnitIds(actor: Actor): number[] | 'all' {
  if (isOfficeStaff(actor)) return 'all';
  const led = actor.memberships.filter((m) => isLeadRole(m.role) && m.unit.kind !== 'office').map((m) => m.unit.id);
  return [...new Set(led)].sort((a, b) => a - b);
}

export function keepsUnit(actor: Actor, unitId: number): boolean {
  const kept = keptUnitIds(actor);
  return kept === 'all' || kept.includes(unitId);
}

/**
 * Rule R6: a visitor's identity and complaint are shown to office staff and to the deputy who
 * recorded them, nobody else (not the station's other members, not its head).
 */
export function maySeeVisit(actor: Actor & { id: number }, visit: { recordedById: number }): boolean {
  return isOfficeStaff(actor) || visit.recordedById === actor.id;
}

export function audiencesOf(actor: Actor): Set<Audience> {
  const set = new Set<Audience>(['everyone']);
  if (isDeputy(actor)) set.add('deputy');
  // Office staff may do what a unit's leads do, for every unit (publish activities, 代签, 签到情况).
  if (leadsAUnit(actor) || isOfficeStaff(actor)) set.add('unit_lead');
  if (isOfficeStaff(actor)) set.add('office');
  return set;
}
