// Attendance use cases (rules A6, L5): every change of a person's attendance for an activity
// goes through applyAttendance, which checks the transition table (domain/attendance-state.ts)
// against the stored state and writes the new state in one conditional statement. Answering
// 参加, signing in and 代签 live here; asking for, deciding and withdrawing leave in
// leave-service.ts, through the same function. A conflict comes back as one sentence.
import { transition, TRANSITIONS, statesAllowing, type AttendanceAction, type AttendanceState } from '../../domain/attendance-state.ts';
import { formatTime } from '../../domain/shanghai-time.ts';
import { findState, moveState, type AttendanceKey, type AttendanceRecord } from '../../repositories/attendance-repo.ts';
import { getActivity, type ActivityView } from '../../repositories/activity-repo.ts';
import { isInvited } from '../../repositories/leave-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { recordRsvp } from '../../repositories/rsvp-repo.ts';
import { attendanceMessages as m, conflictMessage } from './messages.ts';

export type Applied = { ok: true; from: AttendanceState; to: AttendanceState; record: AttendanceRecord } | { ok: false; record: AttendanceRecord };

/**
 * Applies one action to one person's state: allowed by the table from the state read, and
 * written only if the state is still one that leads to the same place (a concurrent change to
 * another state makes this a conflict, never a second write). Reads again after a lost race.
 */
export async function applyAttendance(
  db: Db, key: AttendanceKey, action: AttendanceAction, at: Date, presence?: { method: 'self' | 'proxy'; recordedById?: number },
): Promise<Applied> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const record = await findState(db, key.activityId, key.personId);
    const t = transition(record.state, action);
    if (!t.ok || t.to === 'invited') return { ok: false, record }; // nothing leads back to "no answer"
    const from = statesAllowing(action).filter((s) => TRANSITIONS[s][action] === t.to);
    if (await moveState(db, key, from, t.to, at, presence)) {
      return { ok: true, from: t.from, to: t.to, record: await findState(db, key.activityId, key.personId) };
    }
  }
  return { ok: false, record: await findState(db, key.activityId, key.personId) };
}

/** The sentence for a refused action, with what is recorded. */
export function conflictFor(action: AttendanceAction, record: AttendanceRecord, title: string, name?: string): string {
  const signedInAt = record.signedInAt ? formatTime(record.signedInAt) : undefined;
  return conflictMessage(action, record.state, { title, signedInAt, name });
}

export type AttendResult =
  | { ok: true; activity: ActivityView; state: AttendanceState }
  | { ok: false; message: string; activity?: ActivityView; state?: AttendanceState };

/** 参加 on a notice card (rule A4 answer; A6 state): allowed until the activity starts. */
export async function answerAttend(db: Db, person: { id: number; orgId: number }, activityId: number, now: Date): Promise<AttendResult> {
  const activity = await getActivity(db, person.orgId, activityId);
  if (!activity || activity.status !== 'scheduled') return { ok: false, message: m.activityGone };
  if (activity.startAt <= now) return { ok: false, message: m.tooLateToAnswer(activity.title), activity };
  if (!(await isInvited(db, activity.id, person.id))) return { ok: false, message: m.notInvited, activity };
  const key = { orgId: person.orgId, activityId: activity.id, personId: person.id };
  const applied = await applyAttendance(db, key, 'attend', now);
  if (!applied.ok) return { ok: false, message: conflictFor('attend', applied.record, activity.title), activity, state: applied.record.state };
  await recordRsvp(db, { ...key, answer: 'attend', at: now });
  return { ok: true, activity, state: applied.to };
}

export type SignInResult = { ok: true; signedInAt: Date; recordId: number } | { ok: false; message: string };

/**
 * 签到 and 代签 (rule A6): present from invited, attending or a rejected leave; someone with a
 * pending or approved leave withdraws it first (L5), and a second sign-in keeps the first time.
 */
export async function signIn(
  db: Db,
  s: { orgId: number; activity: { id: number; title: string }; personId: number; at: Date; proxy?: { byId: number; name: string } },
): Promise<SignInResult> {
  const key = { orgId: s.orgId, activityId: s.activity.id, personId: s.personId };
  const action = s.proxy ? 'proxy_sign_in' : 'sign_in';
  const presence = s.proxy ? { method: 'proxy' as const, recordedById: s.proxy.byId } : { method: 'self' as const };
  const applied = await applyAttendance(db, key, action, s.at, presence);
  if (!applied.ok) return { ok: false, message: conflictFor(action, applied.record, s.activity.title, s.proxy?.name) };
  return { ok: true, signedInAt: applied.record.signedInAt ?? s.at, recordId: applied.record.id! };
}

/** Whether the action would be refused now, and with which sentence (checked before a dialog asks more). */
export async function attendanceConflict(
  db: Db, activity: { id: number; title: string }, personId: number, action: AttendanceAction, name?: string,
): Promise<string | undefined> {
  const record = await findState(db, activity.id, personId);
  return transition(record.state, action).ok ? undefined : conflictFor(action, record, activity.title, name);
}
