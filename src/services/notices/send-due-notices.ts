// The scheduler's work (rule A4): due notice rows become outbox rows. Rows are first put in
// batches of at most 1,000 recipients (one message/send each), then each batch is written to
// the outbox under its batch key — so a restart between the two steps re-sends the same batch
// under the same key, which the outbox ignores. Rows found more than 24 hours late are not
// sent: they are marked missed and reported.
import { ACTIVITY_KINDS, type ActivityKind } from '../../domain/activity-kinds.ts';
import { finalAttendance, type AttendanceState } from '../../domain/attendance-state.ts';
import { committeeReportDay, deadlineStanding, resolveUnitNoticePolicy } from '../../domain/notice-plan.ts';
import { UNIT_LEAD_ROLES } from '../../domain/roles.ts';
import { formatDateTime, formatTime } from '../../domain/shanghai-time.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { OutboundMessage } from '../../platforms/types.ts';
import { attendanceSheet, statesFor } from '../../repositories/attendance-repo.ts';
import * as notices from '../../repositories/notice-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { findUnitContacts } from '../../repositories/people-repo.ts';
import { sendToPeople } from '../audience.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar } from '../calendar-service.ts';
import type { Outbound } from '../outbound.ts';
import { APPROVAL_PREFIX, batchApprovalReminders, isApprovalBatch, isApprovalReminder, writeApprovalReminder } from './approval-reminders.ts';
import { announceInGroup } from './announce-in-group.ts';
import { noticeMessages as m } from './messages.ts';
import { dayText, noticeCard } from './notice-card.ts';

export const CATCH_UP_MS = 24 * 3600_000;
const BATCH = 1000;
/** Due rows read per statement; a tick reads page after page until nothing is due. */
const DUE_PAGE = 5000;

export interface NoticeDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
  onMissed?(count: number): void;
}

type NoticeRow = Awaited<ReturnType<typeof notices.duePlanned>>[number];

export async function sendDueNotices(deps: NoticeDeps): Promise<number> {
  const now = deps.clock.now();
  // Approval reminders (rule L1) stay worth sending until their activity starts.
  const missed = await notices.markMissed(deps.db, new Date(now.getTime() - CATCH_UP_MS), APPROVAL_PREFIX);
  if (missed.length) {
    deps.logger.warn({ missed: missed.length, activities: [...new Set(missed.map((r) => r.activityId))] }, 'notices more than 24 h late were not sent');
    deps.onMissed?.(missed.length);
  }
  // Everything due goes out in this tick, a page at a time: each page leaves 'planned' (queued
  // or skipped), so the next read starts after it. A page that moves nothing ends the loop.
  const seen = new Set<number>();
  for (;;) {
    const due = (await notices.duePlanned(deps.db, now, DUE_PAGE)).filter((r) => !seen.has(r.id));
    if (due.length === 0) break;
    for (const r of due) seen.add(r.id);
    await batchApprovalReminders(deps, due.filter(isApprovalReminder)); // leave approvals (rule L1)
    for (const group of groupRows(due.filter((r) => !isApprovalReminder(r)))) await batchGroup(deps, group);
  }
  let written = 0;
  for (const [batchKey, rows] of await notices.queuedBatches(deps.db)) {
    written += isApprovalBatch(batchKey) ? await writeApprovalReminder(deps, batchKey, rows) : await writeBatch(deps, batchKey, rows);
    await notices.markBatchSent(deps.db, batchKey, now);
  }
  return written;
}

function groupRows(rows: NoticeRow[]): NoticeRow[][] {
  const groups = new Map<string, NoticeRow[]>();
  for (const r of rows) {
    const key = `${r.activityId}|${r.kind}|${r.revision}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/** Splits a due group into batches by what each person's card must show. */
async function batchGroup(deps: NoticeDeps, rows: NoticeRow[]): Promise<void> {
  const first = rows[0]!;
  const activity = await deps.db.activity.findUnique({ where: { id: first.activityId }, select: { status: true, revision: true } });
  if (!activity || activity.status !== 'scheduled' || activity.revision !== first.revision) {
    await notices.markSkipped(deps.db, rows.map((r) => r.id)); // cancelled or edited since
    return;
  }
  const states = await statesFor(deps.db, first.activityId);
  const stateOf = (personId: number): AttendanceState => states.get(personId) ?? 'invited';
  const kind = first.kind.split(':')[0];
  // The day-before reminder is only for those who have not answered yet.
  const answered = kind === 'reminder' ? rows.filter((r) => stateOf(r.personId) !== 'invited') : [];
  await notices.markSkipped(deps.db, answered.map((r) => r.id));
  // A card shows each person's own state (rules A6, L5): one batch per state.
  const byVariant = new Map<string, NoticeRow[]>();
  const skipped = new Set(answered);
  for (const r of rows) {
    if (skipped.has(r)) continue;
    const variant = kind === 'notice' ? stateOf(r.personId) : 'all';
    const list = byVariant.get(variant);
    if (list) list.push(r);
    else byVariant.set(variant, [r]);
  }
  for (const [variant, list] of byVariant) {
    for (let i = 0; i < list.length; i += BATCH) {
      const chunk = list.slice(i, i + BATCH);
      const batchKey = ['notice', first.activityId, first.kind, first.revision, variant, chunk[0]!.id].join('|');
      await notices.assignBatch(deps.db, chunk.map((r) => r.id), batchKey);
    }
  }
}

async function writeBatch(deps: NoticeDeps, batchKey: string, rows: NoticeRow[]): Promise<number> {
  const [, activityId, kind, , variant, firstRowId] = batchKey.split('|') as [string, string, string, string, string, string];
  const activity = await deps.db.activity.findUnique({
    where: { id: Number(activityId) },
    include: { unit: { select: { id: true, name: true, kind: true, policy: true, groupChat: true } } },
  });
  if (!activity) return 0;
  const built = await buildMessage(deps, activity, kind, { state: variantState(variant), taskId: `notice-${activity.id}-${activity.revision}-${kind.split(':')[1] ?? 0}-${variant}-${firstRowId}` }, rows);
  if (!built) return 0;
  if (kind.startsWith('notice')) {
    const duty = activity.kind === 'reception' ? (await attendanceSheet(deps.db, activity.id)).map((r) => r.person.name) : undefined;
    await announceInGroup(deps.outbound, activity, duty);
  }
  return sendToPeople(deps, activity.orgId, built.personIds, batchKey, built.message);
}

type ActivityWithUnit = NonNullable<Awaited<ReturnType<Db['activity']['findUnique']>>> & {
  unit: { id: number; name: string; kind: string; policy: string };
};

/** Batches formed before states were variants carry the old answer names. */
const LEGACY_VARIANTS: Record<string, AttendanceState> = { none: 'invited', attend: 'attending', leave: 'leave_pending' };

function variantState(variant: string): AttendanceState {
  return LEGACY_VARIANTS[variant] ?? (variant as AttendanceState);
}

/** Whom a batch is for, and its message for one channel's share of them. */
interface BuiltNotice {
  personIds: number[];
  message(toUsers: string[]): OutboundMessage;
}

async function buildMessage(
  deps: NoticeDeps, a: ActivityWithUnit, kind: string, card: { state: AttendanceState; taskId: string }, rows: NoticeRow[],
): Promise<BuiltNotice | undefined> {
  const time = formatDateTime(a.startAt);
  if (kind === 'staff') return staffNotice(deps, a);
  if (kind === 'committee' || kind === 'summary') {
    const personIds = await leadIds(deps, a);
    if (!personIds.length) return undefined;
    const body = (await loadPolicy(deps.db, a.orgId)).supervisingBody;
    const text = kind === 'committee' ? await committeeText(deps, a) : await summaryText(deps, a, body);
    return { personIds, message: (toUsers) => ({ kind: 'text', toUsers, text }) };
  }
  const personIds = rows.map((r) => r.personId);
  if (kind === 'reminder') return { personIds, message: (toUsers) => ({ kind: 'text', toUsers, text: m.reminder(a.title, time, a.place) }) };
  if (kind === 'dayof') return { personIds, message: (toUsers) => ({ kind: 'text', toUsers, text: m.dayOf(a.title, formatTime(a.startAt), a.place) }) };
  const leadDays = Number(kind.split(':')[1]);
  const shown = noticeCard(a, { taskId: card.taskId, leadDays, state: card.state, now: deps.clock.now() });
  return { personIds, message: (toUsers) => ({ kind: 'card', toUsers, card: shown }) };
}

async function leadIds(deps: NoticeDeps, a: ActivityWithUnit): Promise<number[]> {
  return [...new Set((await findUnitContacts(deps.db, [a.unit.id], [...UNIT_LEAD_ROLES], '')).map((l) => l.person.id))];
}

/**
 * Rule A4: the leads tell the supervising body by the unit's committeeReportDays working days
 * before the activity; the day is said only while it is ahead, else "as soon as possible".
 */
async function committeeText(deps: NoticeDeps, a: ActivityWithUnit): Promise<string> {
  const policy = resolveUnitNoticePolicy(a.unit.kind, a.unit.policy);
  const day = committeeReportDay(a.startAt, policy, await loadCalendar(deps.db, a.orgId))?.value;
  const r = m.deadline.report;
  const date = day && dayText(day);
  const standing = day ? deadlineStanding(day, deps.clock.now()) : 'passed';
  const by = standing === 'ahead' ? r.ahead(date!) : standing === 'today' ? r.today(date!) : r.passed;
  const { supervisingBody } = await loadPolicy(deps.db, a.orgId);
  return m.committee(a.unit.name, a.title, formatDateTime(a.startAt), by, supervisingBody);
}

/** Rule R2: the station's staff learn who is on duty when the duty deputies get their card. */
async function staffNotice(deps: NoticeDeps, a: ActivityWithUnit): Promise<BuiltNotice | undefined> {
  const personIds = await leadIds(deps, a);
  if (!personIds.length) return undefined;
  const names = (await attendanceSheet(deps.db, a.id)).map((r) => r.person.name);
  const text = m.staffNotice(a.unit.name, a.title, formatDateTime(a.startAt), a.place, names);
  return { personIds, message: (toUsers) => ({ kind: 'text', toUsers, text }) };
}

async function summaryText(deps: NoticeDeps, a: ActivityWithUnit, body: string): Promise<string> {
  const sheet = await attendanceSheet(deps.db, a.id);
  // Rule A6: once ended, each invitee is present, on leave (L5) or absent.
  const names = (final: string) => sheet.filter((r) => finalAttendance(r.state) === final).map((r) => r.person.name);
  const present = names('present');
  return [
    m.summaryTitle(a.title),
    m.summaryLine('出席', present),
    m.summaryLine('请假', names('on_leave')),
    m.summaryLine('缺席', names('absent')),
    '',
    m.accountDraft({ title: a.title, kind: ACTIVITY_KINDS[a.kind as ActivityKind] ?? a.kind, time: formatDateTime(a.startAt), place: a.place, present, body }),
  ].join('\n');
}
