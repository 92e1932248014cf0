// The reception register's office work (rules R4–R6): office staff assign a recorded issue to a
// department (or forward it to the policy's forwardBody) and record the answer and the visitor's
// satisfaction; 不满意 reopens it. The chat's 交办 / 答复登记 dialogs and the console's 接待 page
// both call these, so who may act and what is accepted are decided once. Visitors' identities
// are shown only to office staff and the deputy who recorded them (R6, domain/roles.ts).
import { loadPolicy } from '../../repositories/org-repo.ts';
import { isOfficeStaff, type Actor } from '../../domain/roles.ts';
import { ANSWER_FORMS, assignMessages as m, forwardLabel, SATISFACTION } from '../../flows/register/assign-messages.ts';
import { assignVisit, findVisits, listDepartments, listVisits, recordAnswer, VISIT_STATUS, type VisitSummary } from '../../repositories/assignment-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

export { ANSWER_FORMS, SATISFACTION };
export const ANSWER_TEXT = { min: 5, max: 1000 } as const;

export type VisitOutcome = { ok: true; message: string } | { ok: false; message: string };
type Staff = Actor & { id: number };

/** Rules R4, R5: only office staff assign reception issues and record their answers. */
export function mayHandleVisits(actor: Actor): boolean {
  return isOfficeStaff(actor);
}

/** The visits in these states, for office staff (R6: with visitors' names); undefined for anyone else. */
export async function visitsForOffice(db: Db, orgId: number, actor: Actor, statuses: string[], limit?: number): Promise<VisitSummary[] | undefined> {
  return mayHandleVisits(actor) ? listVisits(db, orgId, statuses, limit) : undefined;
}

/**
 * Rule R4: where an issue can go: the organisation's departments, then forwarding to the
 * policy's forwardBody (always last, so a list's last number is the forward).
 */
export async function assignmentTargets(db: Db, orgId: number): Promise<{ departments: string[]; forward: string }> {
  const [departments, policy] = await Promise.all([listDepartments(db, orgId), loadPolicy(db, orgId)]);
  return { departments, forward: forwardLabel(policy.forwardBody) };
}

/** The visits with these ids (the ones a dialog listed), for office staff only. */
export async function visitsByIds(db: Db, orgId: number, actor: Actor, ids: number[]): Promise<VisitSummary[]> {
  return mayHandleVisits(actor) ? findVisits(db, orgId, ids) : [];
}

/** Rule R4: assigns a recorded issue to one of the organisation's departments, or forwards it. */
export async function assignVisitAs(db: Db, actor: Staff, a: { orgId: number; visitId: number; target: string; now: Date }): Promise<VisitOutcome> {
  if (!mayHandleVisits(actor)) return { ok: false, message: m.officeOnly((await loadPolicy(db, a.orgId)).supervisingBody) };
  const targets = await assignmentTargets(db, a.orgId);
  const forward = a.target === targets.forward;
  if (!forward && !targets.departments.includes(a.target)) return { ok: false, message: m.departmentUsage };
  const ok = await assignVisit(db, {
    visitId: a.visitId, orgId: a.orgId, status: forward ? VISIT_STATUS.forwarded : VISIT_STATUS.assigned,
    assignedTo: a.target, assignedById: actor.id, now: a.now,
  });
  if (!ok) return { ok: false, message: m.alreadyTaken };
  return { ok: true, message: forward ? m.forwarded(a.target) : m.assigned(a.target) };
}

/** Rule R5: records the answer; 不满意 reopens the issue for assignment, anything else closes it. */
export async function answerVisitAs(
  db: Db, actor: Staff, a: { orgId: number; visitId: number; form: string; text: string; satisfaction: string; now: Date },
): Promise<VisitOutcome> {
  if (!mayHandleVisits(actor)) return { ok: false, message: m.answerOfficeOnly((await loadPolicy(db, a.orgId)).supervisingBody) };
  if (!(ANSWER_FORMS as readonly string[]).includes(a.form)) return { ok: false, message: m.badForm };
  const length = [...a.text.trim()].length;
  if (length < ANSWER_TEXT.min || length > ANSWER_TEXT.max) return { ok: false, message: m.textLength };
  if (!(SATISFACTION as readonly string[]).includes(a.satisfaction)) return { ok: false, message: m.badSatisfaction };
  const ok = await recordAnswer(db, { visitId: a.visitId, orgId: a.orgId, form: a.form, text: a.text.trim(), satisfaction: a.satisfaction, now: a.now });
  if (!ok) return { ok: false, message: m.answerTaken };
  return { ok: true, message: a.satisfaction === '不满意' ? m.reopened : m.closed(a.satisfaction) };
}
