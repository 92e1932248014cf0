// What the office's console reads, through the same role rules as the chat (domain/roles.ts,
// services/access): a person sees the units they keep; office staff see the organisation.
// The console's actions call the chat's own services (leave, activities, 代签, roster…).
import type { BotDeps } from '../../bot/context.ts';
import { mayDecideLeave } from '../../domain/leave-rules.ts';
import { planNotices, resolveUnitNoticePolicy, type NoticeKind } from '../../domain/notice-plan.ts';
import { keepsUnit, keptUnitIds, type Actor } from '../../domain/roles.ts';
import { attendanceSheet } from '../../repositories/attendance-repo.ts';
import * as repo from '../../repositories/console-repo.ts';
import { getActivityWithCount } from '../../repositories/activity-repo.ts';
import { findPersonByAccount, listPeopleWithAccounts, type PersonWithRoles } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { Channel } from '../../platforms/types.ts';
import { loadCalendar } from '../calendar-service.ts';
import { announceLeaveDecision } from '../leave-decision-notices.ts';
import { decideLeave, type LeaveDecisionResult } from '../leave-service.ts';

type Person = PersonWithRoles;
const DAY_MS = 24 * 3600_000;

/** The person behind a signed-in platform account, with units and roles; undefined when not on the roster. */
export function consoleActor(db: Db, orgId: number, channel: Channel, userId: string): Promise<Person | undefined> {
  return findPersonByAccount(db, orgId, channel, userId);
}

/** Local mode's sign-in picker: the demo people with an account, on whichever platform they use. */
export function pickablePeople(db: Db, orgId: number) {
  return listPeopleWithAccounts(db, orgId);
}

/** Leave the person may decide (rule L1: their units' leads, office staff), newest first. */
export async function leaveForDecider(db: Db, person: Person, statuses: string[]) {
  const rows = await repo.leavesOfUnits(db, person.orgId, keptUnitIds(person), statuses);
  return rows.filter((r) => mayDecideLeave(person, r.activity.unit.id, r.personId));
}

/**
 * The console's 批准/驳回: the card's service (first decision wins) and the card's announcement
 * (approvers' cards settled or told, the requester told).
 */
export async function decideLeaveInConsole(deps: BotDeps, person: Person, channel: Channel, leaveId: number, status: 'approved' | 'rejected', note?: string): Promise<LeaveDecisionResult> {
  const result = await decideLeave(deps, person, leaveId, status, note);
  if (result.kind === 'decided') {
    await announceLeaveDecision(deps, { orgId: person.orgId, channel, leaveId, result, deciderName: person.name, note });
  }
  return result;
}

/** Activities of the person's units ending after `from`, each with its notices counted by status. */
export async function activitiesFor(db: Db, person: Actor & { orgId: number }, from: Date, days?: number) {
  return activitiesBetween(db, person, from, days === undefined ? undefined : new Date(from.getTime() + days * DAY_MS));
}

/** The same list over [from, to] (the console's month calendar), at most `take` of them. */
export async function activitiesBetween(db: Db, person: Actor & { orgId: number }, from: Date, to: Date | undefined, take?: number) {
  const list = await repo.activitiesOfUnits(db, person.orgId, keptUnitIds(person), from, to, take);
  const counts = await repo.noticeCounts(db, list.map((a) => a.id));
  return list.map((a) => ({ ...a, notices: counts.get(a.id) ?? {} }));
}

/** Reception days (rule R1) of the stations the person keeps between two dates, not cancelled. */
export function receptionDaysFor(db: Db, person: Actor & { orgId: number }, from: string, to: string) {
  return repo.receptionDaysOfUnits(db, person.orgId, keptUnitIds(person), from, to);
}

/** One activity of a unit the person keeps: invitees' states, answers, leave, account, notice plan. */
export async function activityPage(db: Db, person: Actor & { orgId: number }, id: number) {
  const activity = await getActivityWithCount(db, person.orgId, id);
  if (!activity || !keepsUnit(person, activity.unitId)) return undefined;
  const [sheet, answers, plan] = await Promise.all([attendanceSheet(db, id), repo.activityAnswers(db, id), repo.noticePlanRows(db, id)]);
  return { activity, sheet, ...answers, plan };
}

export interface PlanPreviewLine {
  kind: NoticeKind;
  leadDays?: number;
  dueAt: Date;
  late: boolean;
}

/** Rule A4: which cards would go out when, for an activity not yet published (nothing is written). */
export async function previewNoticePlan(db: Db, orgId: number, unitId: number, startAt: Date, endAt: Date, now: Date) {
  const unit = await repo.unitNoticeSource(db, orgId, unitId);
  if (!unit) return undefined;
  const plan = planNotices({ unitKind: unit.kind, startAt, endAt }, resolveUnitNoticePolicy(unit.kind, unit.policy), await loadCalendar(db, orgId), now);
  return plan;
}

/** Liaison stations the person keeps (office staff: all), with their stored rule. */
export function stationsFor(db: Db, person: Actor & { orgId: number }) {
  return repo.stationsOf(db, person.orgId, keptUnitIds(person));
}

/** Groups and stations with their group chat (设置). */
export function unitChats(db: Db, orgId: number) {
  return repo.unitsWithChats(db, orgId);
}

/** The departments a reception issue can be assigned to (R4). */
