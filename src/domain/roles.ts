// Roles in the bot (rule U5): what a person may do follows from their units and roles.
export type UnitKind = 'group' | 'station' | 'office';
export type Role = 'leader' | 'vice_leader' | 'liaison' | 'recorder' | 'member' | 'head' | 'vice_head' | 'staff';

// The office unit holds the supervising body's staff (rule U4); sentences name that body from
// the policy, so its label here is generic.
export const UNIT_KIND_LABEL: Record<string, string> = { group: '代表小组', station: '联络站', office: '工作机构' };
export const ROLE_LABEL: Record<string, string> = {
  leader: '组长',
  vice_leader: '副组长',
  liaison: '联络员',
  recorder: '记录员',
  member: '成员',
  head: '站长',
  vice_head: '副站长',
  staff: '工作人员',
};

/**
 * Roles that convene a unit, send its notices and keep its records (rules U2, U3). A group's
 * recorder (记录员) has the liaison's rights: the township rule books name the same post either way.
 */
export const UNIT_LEAD_ROLES: readonly Role[] = ['leader', 'vice_leader', 'liaison', 'recorder', 'head', 'vice_head'];

export interface Actor {
  levels: string[];
  isStaff: boolean;
  memberships: { role: string; unit: { id: number; kind: string; name: string } }[];
}

/** Who a command is for. */
export type Audience = 'everyone' | 'deputy' | 'unit_lead' | 'office';

/** Who may use a command, in words; office staff are the supervising body's (rule U4). */
export function audienceLabel(audience: Audience, supervisingBody: string): string {
  switch (audience) {
    case 'everyone':
      return '所有人';
    case 'deputy':
      return '人大代表';
    case 'unit_lead':
      return '代表小组组长、联络站站长和联络员';
    case 'office':
      return `${supervisingBody}的工作人员`;
  }
}

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
