// The reception register's office work (rules R4–R6): office staff assign a recorded issue to a
// department (or forward it to the county committee) and record the answer and the visitor's
// satisfaction; 不满意 reopens it. The chat's 交办 / 答复登记 dialogs and the console's 接待 page
// both call these, so who may act and what is accepted are decided once. Visitors' identities
// are shown only to office staff and the deputy who recorded them (R6, domain/roles.ts).
import { loadPolicy } from '../../repositories/org-repo.ts';
import { isOfficeStaff, type Actor } from '../../domain/roles.ts';
import { ANSWER_FORMS, assignMessages as m, FORWARD_LABEL, SATISFACTION } from '../../flows/register/assign-messages.ts';
import { assignVisit, listDepartments, listVisits, recordAnswer, VISIT_STATUS, type VisitSummary } from '../../repositories/assignment-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

export { FORWARD_LABEL, ANSWER_FORMS, SATISFACTION };
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

/** Rule R4: assigns a recorded issue to one of the organisation's departments, or forwards it. */
export async function assignVisitAs(db: Db, actor: Staff, a: { orgId: number; visitId: number; target: string; now: Date }): Promise<VisitOutcome> {
  if (!mayHandleVisits(actor)) return { ok: false, message: m.officeOnly((await loadPolicy(db, a.orgId)).supervisingBody) };
  const forward = a.target === FORWARD_LABEL;
  if (!forward && !(await listDepartments(db, a.orgId)).includes(a.target)) return { ok: false, message: m.departmentUsage };
  const ok = await assignVisit(db, {
    visitId: a.visitId, orgId: a.orgId, status: forward ? VISIT_STATUS.forwarded : VISIT_STATUS.assigned,
    assignedTo: a.target, assignedById: actor.id, now: a.now,
  });
  if (!ok) return { ok: false, message: m.alreadyTaken };
  return { ok: true, message: forward ? m.forwarded : m.assigned(a.target) };
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
