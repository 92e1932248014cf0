// Choosing an activity's invitees from the publisher's answer (the whole unit, 除了张三, 只邀请
// 张三、李四): the unit's members from the roster, the rule in domain/invitee-choice.ts, and one
// sentence for what cannot be used (names that match nobody are named). For the publish dialog
// now and the console later.
import { chooseInvitees, type InviteeMode } from '../../domain/invitee-choice.ts';
import type { Db } from '../../repositories/prisma.ts';
import { unitMembers } from '../../repositories/activity-repo.ts';
import { inviteeMessages as t } from './messages.ts';

export interface Invitees {
  mode: InviteeMode;
  ids: number[];
  /** except: who is left out; only: who is invited. */
  named: string[];
}

export type InviteeAnswer = { ok: true; invitees: Invitees } | { ok: false; message: string };

export async function readInvitees(db: Db, unit: { id: number; name: string }, text: string): Promise<InviteeAnswer> {
  const members = await unitMembers(db, unit.id);
  const choice = chooseInvitees(text, members);
  if (choice.ok) return { ok: true, invitees: { mode: choice.mode, ids: choice.ids, named: choice.named } };
  switch (choice.problem) {
    case 'not_understood':
      return { ok: false, message: t.notUnderstood };
    case 'unknown_names':
      return { ok: false, message: t.unknownNames(unit.name, choice.names) };
    case 'nobody':
      return { ok: false, message: t.nobody };
  }
}

/** How the invitees read in a summary: 本单位全体（6 人）, 除张三外的本单位成员（5 人）, 张三、李四（2 人）. */
export function describeInvitees(invitees: Pick<Invitees, 'mode' | 'named'>, count: number): string {
  if (invitees.mode === 'all') return t.everyone(count);
  if (invitees.mode === 'except') return t.allBut(invitees.named, count);
  return t.only(invitees.named, count);
}
