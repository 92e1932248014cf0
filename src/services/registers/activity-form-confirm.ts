// Rule A5: a group leader's 确认无误 on the quarterly form's card. The first confirmation wins
// (one conditional statement) and sends the form at once to the supervising body's staff as a
// file; anyone else who clicks is told in one sentence who confirms it.
import { quarterById, quarterLabel } from '../../domain/quarterly-duties.ts';
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { confirmForm, findForm } from '../../repositories/activity-form-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { GROUP_LEADER_ROLES } from '../quarterly/quarterly-reminders.ts';
import { requestFormFile, type FormDeps } from './activity-form-service.ts';
import { formText as m } from './messages.ts';
import { officeStaff, unitRoles } from './office-recipients.ts';

export interface ConfirmOutcome {
  message: string;
  /** What the clicked card shows instead of its button. */
  settled?: string;
}

export async function confirmFormByLeader(deps: FormDeps, person: { id: number; name: string; orgId: number }, formId: number): Promise<ConfirmOutcome> {
  const form = await findForm(deps.db, formId);
  const q = form && quarterById(form.quarter);
  if (!form || !q || form.orgId !== person.orgId) return { message: m.noSuchForm };
  const unit = await deps.db.unit.findUniqueOrThrow({ where: { id: form.unitId }, select: { name: true } });
  const name = m.quarterName(unit.name, quarterLabel(q));
  const leaders = await unitRoles(deps.db, form.unitId, GROUP_LEADER_ROLES);
  if (!leaders.personIds.includes(person.id)) return { message: m.notYours(name, leaders.names) };
  const policy = await loadPolicy(deps.db, form.orgId);
  if (!(await confirmForm(deps.db, form.id, person.id, deps.now))) return alreadyConfirmed(deps, form.id, name);
  const staff = await officeStaff(deps.db, form.orgId);
  if (staff.personIds.length === 0) return { message: m.confirmedNoStaff(name, policy.supervisingBody), settled: m.settledConfirmed(person.name) };
  const caption = m.confirmedCaption(name, person.name, formatDateTime(deps.now));
  if (await requestFormFile(deps.db, form, q, 'deliver', staff.personIds, caption, deps.now)) deps.onFilesRequested?.();
  return { message: m.confirmed(name, policy.supervisingBody), settled: m.settledConfirmed(person.name) };
}

async function alreadyConfirmed(deps: FormDeps, formId: number, name: string): Promise<ConfirmOutcome> {
  const form = (await findForm(deps.db, formId))!;
  const by = form.confirmedById === null ? '' : ((await deps.db.person.findUnique({ where: { id: form.confirmedById }, select: { name: true } }))?.name ?? '');
  return { message: m.alreadyConfirmed(name, by, formatDateTime(form.confirmedAt ?? deps.now)), settled: m.settledConfirmed(by) };
}
