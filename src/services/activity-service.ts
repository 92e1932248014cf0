// Activity use cases (rule A1 kinds; invitees for the A6 attendance record): create, list,
// update, cancel. Results are typed and issues coded, each with one Chinese sentence; the caller
// (a bot flow or scripts/activity.ts) decides how to show them. No console output here.
import { ACTIVITY_KINDS, parseActivityKind } from '../domain/activity-kinds.ts';
import { UNIT_KIND_LABEL } from '../domain/roles.ts';
import { describeLateRule, type ActivityField as ActivityChangeField } from '../domain/notice-plan.ts';
import { findOrganisationByCode, loadPolicy } from '../repositories/org-repo.ts';
import { announceCancellation } from './notices/cancel-notices.ts';
import { announceUpdate, describeChanges } from './notices/announce-update.ts';
import { replanApprovalReminders } from './notices/approval-reminders.ts';
import { planActivityNotices, type DueNowHook } from './notices/plan-activity-notices.ts';
import * as repo from '../repositories/activity-repo.ts';
import type { ActivityListItem, UnitSummary } from '../repositories/activity-repo.ts';
import type { Db } from '../repositories/prisma.ts';

export const ACTIVITY_LIMITS = { titleMax: 60, placeMax: 100, contentMax: 2000 } as const;
const SIGN_IN_CODE = /^[A-Za-z0-9]{2,12}$/;
/** The list shows activities that ended at most this many days ago, and everything later. */
export const LIST_DAYS_BACK = 30;
const DAY_MS = 24 * 60 * 60_000;

export type ActivityField =
  | 'id'
  | 'org'
  | 'unit'
  | 'kind'
  | 'title'
  | 'startAt'
  | 'endAt'
  | 'place'
  | 'content'
  | 'signInCode';
export type ActivityIssueCode =
  | 'org_not_found'
  | 'unit_not_found'
  | 'unit_ambiguous'
  | 'kind_unknown'
  | 'title_empty'
  | 'title_too_long'
  | 'place_empty'
  | 'place_too_long'
  | 'content_too_long'
  | 'sign_in_code_invalid'
  | 'end_not_after_start'
  | 'already_ended'
  | 'start_passed'
  | 'not_found'
  | 'not_editable';

export interface ActivityIssue {
  code: ActivityIssueCode;
  field: ActivityField;
  message: string;
}

const KIND_WORDS = Object.values(ACTIVITY_KINDS).join('、');

export const activityMessages = {
  orgNotFound: (code: string) => `没有代码为「${code}」的组织：请先用 npm run roster:import 导入名册`,
  unitNotFound: (name: string, known: string[]) =>
    `本组织没有名为「${name}」的单位` + (known.length > 0 ? `（现有：${known.join('、')}）` : '（还没有导入名册）'),
  unitAmbiguous: (name: string, kinds: string[]) => `「${name}」同时是${kinds.join('和')}的名称，无法确定是哪一个`,
  kindUnknown: (text: string) => `「${text}」不是活动类型；请用 ${KIND_WORDS} 之一`,
  empty: (label: string) => `${label}不能为空`,
  tooLong: (label: string, length: number, max: number) => `${label}有 ${length} 个字，最多 ${max} 个字`,
  signInCode: (code: string) => `签到码「${code}」应为 2–12 位英文字母或数字`,
  endNotAfterStart: '结束时间必须晚于开始时间',
  alreadyEnded: '结束时间已过：不能安排已经结束的活动',
  notFound: (id: number) => `没有编号为 ${id} 的活动`,
  alreadyCancelled: (id: number) => `活动 ${id} 已经取消过了`,
  cancelEnded: (id: number) => `活动 ${id} 已经结束，不能取消（它的考勤记录要保留）`,
  notEditable: (id: number) => `活动 ${id} 已经开始、已取消或刚被别人修改过，没有修改`,
  startPassed: '开始时间已经过去了，请换一个以后的时间',
};

/** The fields a person types; each check runs only on the fields given (a draft may lack some). */
export interface ActivityFields {
  kind?: string;
  title?: string;
  startAt?: Date;
  endAt?: Date;
  place?: string;
  content?: string;
  signInCode?: string;
}

/** Pure checks of typed fields; with `now`, an activity whose end has passed is refused too. */
export function checkActivityFields(f: ActivityFields, now?: Date): ActivityIssue[] {
  const issues: ActivityIssue[] = [];
  const add = (code: ActivityIssueCode, field: ActivityField, message: string) => issues.push({ code, field, message });
  if (f.kind !== undefined && !parseActivityKind(f.kind)) {
    add('kind_unknown', 'kind', activityMessages.kindUnknown(f.kind)); // rule A1
  }
  checkText(f.title, 'title', '标题', ACTIVITY_LIMITS.titleMax, add);
  if (f.startAt && f.endAt && f.endAt.getTime() <= f.startAt.getTime()) {
    add('end_not_after_start', 'endAt', activityMessages.endNotAfterStart);
  } else if (f.endAt && now && f.endAt.getTime() <= now.getTime()) {
    add('already_ended', 'endAt', activityMessages.alreadyEnded);
  }
  checkText(f.place, 'place', '地点', ACTIVITY_LIMITS.placeMax, add);
  const content = f.content?.trim() ?? '';
  if (length(content) > ACTIVITY_LIMITS.contentMax) {
    add('content_too_long', 'content', activityMessages.tooLong('内容', length(content), ACTIVITY_LIMITS.contentMax));
  }
  if (f.signInCode !== undefined && !SIGN_IN_CODE.test(f.signInCode.trim())) {
    add('sign_in_code_invalid', 'signInCode', activityMessages.signInCode(f.signInCode));
  }
  return issues;
}

function checkText(
  value: string | undefined,
  field: 'title' | 'place',
  label: string,
  max: number,
  add: (code: ActivityIssueCode, field: ActivityField, message: string) => void,
): void {
  if (value === undefined) return;
  const n = length(value.trim());
  if (n === 0) add(`${field}_empty`, field, activityMessages.empty(label));
  else if (n > max) add(`${field}_too_long`, field, activityMessages.tooLong(label, n, max));
}

/** Characters as people count them (a CJK character or an emoji is one). */
function length(s: string): number {
  return [...s].length;
}

type Found<T> = { ok: true } & T;
type Refused = { ok: false; issue: ActivityIssue };

export async function findOrganisation(
  db: Db,
  code: string,
): Promise<Found<{ org: { id: number; code: string; name: string } }> | Refused> {
  const org = await findOrganisationByCode(db, code);
  if (org) return { ok: true, org: { id: org.id, code: org.code, name: org.name } };
  return { ok: false, issue: { code: 'org_not_found', field: 'org', message: activityMessages.orgNotFound(code) } };
}

export type UnitRef = { id: number } | { name: string };

export async function resolveUnit(db: Db, orgId: number, ref: UnitRef): Promise<Found<{ unit: UnitSummary }> | Refused> {
  const refuse = (code: ActivityIssueCode, message: string): Refused => ({
    ok: false,
    issue: { code, field: 'unit', message },
  });
  if ('id' in ref) {
    const unit = await repo.getUnit(db, orgId, ref.id);
    return unit ? { ok: true, unit } : refuse('unit_not_found', activityMessages.unitNotFound(String(ref.id), []));
  }
  const found = await repo.findUnitByName(db, orgId, ref.name.trim());
  if (found.status === 'found') return { ok: true, unit: found.unit };
  if (found.status === 'none') {
    return refuse('unit_not_found', activityMessages.unitNotFound(ref.name, found.knownNames));
  }
  const kinds = found.units.map((u) => UNIT_KIND_LABEL[u.kind] ?? u.kind);
  return refuse('unit_ambiguous', activityMessages.unitAmbiguous(ref.name, kinds));
}

export interface CreateActivityInput {
  orgId: number;
  unit: UnitRef;
  /** A1 code (study) or the Chinese word (学习). */
  kind: string;
  title: string;
  startAt: Date;
  endAt: Date;
  place: string;
  content?: string;
  signInCode?: string;
  createdById?: number;
  /** Default: everyone with a membership in the unit at creation time. */
  inviteeIds?: number[];
  now: Date;
  /** Called when a notice is due at once (published late): "sent at once" must be true. */
  onDueNow?: DueNowHook;
}

export type CreateActivityResult =
  | { ok: true; activity: ActivityListItem; /** Rule A4 not met: one sentence for the publisher. */ lateNotice?: string }
  | { ok: false; issues: ActivityIssue[] };

export async function createActivity(db: Db, input: CreateActivityInput): Promise<CreateActivityResult> {
  const issues = checkActivityFields(input, input.now);
  const unit = await resolveUnit(db, input.orgId, input.unit);
  if (!unit.ok) issues.unshift(unit.issue);
  // An unknown organisation has no units, so resolveUnit has already refused it.
  const policy = await loadPolicy(db, input.orgId);
  if (!unit.ok || issues.length > 0) return { ok: false, issues };
  const activity = await repo.createActivityWithInvitees(
    db,
    {
      orgId: input.orgId,
      unitId: unit.unit.id,
      kind: parseActivityKind(input.kind)!,
      title: input.title.trim(),
      startAt: input.startAt,
      endAt: input.endAt,
      place: input.place.trim(),
      content: input.content?.trim() ?? '',
      signInCode: input.signInCode?.trim() || null,
      // Rule A6: the window length is the organisation's policy at creation time.
      signInOpensBefore: policy.signInOpensMinutesBefore,
      createdById: input.createdById ?? null,
    },
    input.inviteeIds,
  );
  const planned = await planActivityNotices(db, activity.id, input.now);
  if (planned?.dueNow) await input.onDueNow?.();
  return { ok: true, activity, lateNotice: planned?.plan.lateRule && describeLateRule(planned.plan.lateRule) };
}

export interface ListActivitiesInput {
  orgId: number;
  unit?: UnitRef;
  /** Default: LIST_DAYS_BACK days before now (activities ending later are shown). */
  from?: Date;
  now: Date;
}

export type ListActivitiesResult =
  | { ok: true; from: Date; unit?: UnitSummary; activities: ActivityListItem[] }
  | { ok: false; issues: ActivityIssue[] };

export async function listActivities(db: Db, input: ListActivitiesInput): Promise<ListActivitiesResult> {
  let unit: UnitSummary | undefined;
  if (input.unit) {
    const found = await resolveUnit(db, input.orgId, input.unit);
    if (!found.ok) return { ok: false, issues: [found.issue] };
    unit = found.unit;
  }
  const from = input.from ?? new Date(input.now.getTime() - LIST_DAYS_BACK * DAY_MS);
  const activities = await repo.listActivities(db, { orgId: input.orgId, unitId: unit?.id, from });
  return { ok: true, from, unit, activities };
}

export interface UpdateActivityInput {
  orgId: number;
  id: number;
  changes: repo.ActivityChanges;
  now: Date;
  /** Called when the re-plan made a notice due at once. */
  onDueNow?: DueNowHook;
}

export type UpdateActivityResult =
  | {
      ok: true;
      activity: repo.ActivityView;
      /** People already notified, sent the "updated" card. */
      told: number;
      lateNotice?: string;
      /** Every given value equals the current one: nothing was changed or sent. */
      unchanged?: boolean;
    }
  | { ok: false; issues: ActivityIssue[] };

/**
 * Changes fields of a scheduled activity that has not started (one conditional update that
 * bumps its revision), then re-plans its notices (rule A4) and tells everyone already notified.
 */
export async function updateActivity(db: Db, input: UpdateActivityInput): Promise<UpdateActivityResult> {
  const { orgId, id, changes, now } = input;
  const before = await repo.getActivity(db, orgId, id);
  const revision = await repo.getRevision(db, orgId, id);
  if (!before || revision === undefined) return { ok: false, issues: [{ code: 'not_found', field: 'id', message: activityMessages.notFound(id) }] };
  // The times are checked together (end after start); text fields only when changed.
  const times = changes.startAt || changes.endAt ? { startAt: changes.startAt ?? before.startAt, endAt: changes.endAt ?? before.endAt } : {};
  const issues = checkActivityFields({ ...changes, ...times }, now);
  if (changes.startAt && changes.startAt.getTime() <= now.getTime()) {
    issues.push({ code: 'start_passed', field: 'startAt', message: activityMessages.startPassed });
  }
  if (issues.length > 0) return { ok: false, issues };
  const trimmed = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as repo.ActivityChanges;
  const changed = changedFields(before, trimmed);
  const editable = before.status === repo.ACTIVITY_STATUS.scheduled && before.startAt.getTime() > now.getTime();
  if (editable && changed.size === 0) return { ok: true, activity: before, told: 0, unchanged: true };
  if (!(await repo.updateActivity(db, { orgId, id, revision, notStartedAt: now }, trimmed))) {
    return { ok: false, issues: [{ code: 'not_editable', field: 'id', message: activityMessages.notEditable(id) }] };
  }
  const activity = (await repo.getActivity(db, orgId, id))!;
  // Rule A4: only what changed goes again (a place edit does not repeat the committee reminder).
  const planned = await planActivityNotices(db, id, now, changed);
  await replanApprovalReminders(db, id, now); // rule L1: a moved activity moves its approval reminders
  const told = await announceUpdate(db, id, describeChanges(before, activity, changed), now);
  if (planned?.dueNow) await input.onDueNow?.();
  // The A4 lead time is news only when the time moved (a place edit did not make anything late).
  const lateRule = changed.has('startAt') ? planned?.plan.lateRule : undefined;
  return { ok: true, activity, told, lateNotice: lateRule && describeLateRule(lateRule) };
}

/** The fields whose new value differs from the current one. */
function changedFields(before: repo.ActivityView, changes: repo.ActivityChanges): Set<ActivityChangeField> {
  const out = new Set<ActivityChangeField>();
  for (const [field, value] of Object.entries(changes) as [ActivityChangeField, string | Date | undefined][]) {
    if (value === undefined) continue;
    const old = before[field];
    const same = value instanceof Date && old instanceof Date ? value.getTime() === old.getTime() : value === old;
    if (!same) out.add(field);
  }
  return out;
}

export type CancelRefusal = 'not_found' | 'already_cancelled' | 'already_ended';
export type CancelActivityResult =
  | { ok: true; activity: repo.ActivityView; /** People already notified, told of the cancellation. */ told: number }
  | { ok: false; code: CancelRefusal; message: string };

export async function cancelActivity(
  db: Db,
  input: { orgId: number; id: number; now: Date },
): Promise<CancelActivityResult> {
  const { orgId, id, now } = input;
  const changed = await repo.cancelActivity(db, orgId, id, now);
  // Read after the conditional update, so the answer explains what actually happened.
  const activity = await repo.getActivity(db, orgId, id);
  if (!activity) return { ok: false, code: 'not_found', message: activityMessages.notFound(id) };
  if (changed) {
    const told = await announceCancellation(db, id, now); // rule A4: everyone already notified hears of it
    return { ok: true, activity, told };
  }
  if (activity.status === repo.ACTIVITY_STATUS.cancelled) {
    return { ok: false, code: 'already_cancelled', message: activityMessages.alreadyCancelled(id) };
  }
  return { ok: false, code: 'already_ended', message: activityMessages.cancelEnded(id) };
}
