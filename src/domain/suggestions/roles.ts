// Who someone is towards one suggestion (rules U4, U5, S1). Departments are usually not on the
// chat platform, so office staff record what they do; a department's handler who is on the
// roster (代表层级 工作人员 with 工作单位 = the department's name) may act for it themselves.
import { isOfficeStaff, type Actor } from '../roles.ts';
import type { SuggestionRole } from './lifecycle.ts';

export interface SuggestionActor extends Actor {
  id: number;
  /** The roster's 工作单位 (null when the file had no such column or it was blank). */
  workUnit: string | null;
}

export interface SuggestionParties {
  personId: number;
  /** The active assignment: department names by role. */
  departments: { name: string; role: 'lead' | 'co' }[];
}

/** A 工作人员 whose work unit names a department handles that department's suggestions. */
export function handlesDepartment(actor: Pick<SuggestionActor, 'isStaff' | 'workUnit'>, department: string): boolean {
  return actor.isStaff && actor.workUnit !== null && actor.workUnit.trim() === department;
}

export function suggestionRoles(actor: SuggestionActor, s: SuggestionParties): Set<SuggestionRole> {
  const roles = new Set<SuggestionRole>();
  if (isOfficeStaff(actor)) roles.add('office');
  if (actor.id === s.personId) roles.add('submitter');
  for (const d of s.departments) {
    if (handlesDepartment(actor, d.name)) roles.add(d.role === 'lead' ? 'lead_handler' : 'co_handler');
  }
  return roles;
}
