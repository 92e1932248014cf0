// The scheduler's work (rule A4): due notice rows become outbox rows. Everything due goes out
// in the tick, one (activity, kind, revision) group at a time, read a page at a time and cut
// into batches of a whole number of platform calls (notice-batches.ts: a short batch waits for
// the next page, so only a group's last batch per card variant and channel is short). Each batch
// takes two steps: its rows get its batch key, then it is written to the outbox under that key
// and marked sent — so a restart between the two steps re-sends the same batch under the same
// key, which the outbox ignores (the tick's last step writes every batch left queued). Rows
// found more than 24 hours late are not sent: they are marked missed and reported.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ACTIVITY_KINDS, type ActivityKind } from '../../domain/activity-kinds.ts';
import { finalAttendance, type AttendanceState } from '../../domain/attendance-state.ts';
import { committeeReportDay, deadlineStanding, resolveUnitNoticePolicy } from '../../domain/notice-plan.ts';
import { UNIT_LEAD_ROLES } from '../../domain/roles.ts';
import { formatDateTime, formatTime } from '../../domain/shanghai-time.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { traitsOf } from '../../platforms/traits.ts';
import type { Channel, OutboundMessage } from '../../platforms/types.ts';
import { attendanceSheet, statesFor } from '../../repositories/attendance-repo.ts';
import * as notices from '../../repositories/notice-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { findUnitContacts } from '../../repositories/people-repo.ts';
import { audienceFrom, audienceOf, reachOf, sendToAudience, type Reach } from '../audience.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar } from '../calendar-service.ts';
import type { Outbound } from '../outbound.ts';
import { APPROVAL_PREFIX, batchApprovalReminders, isApprovalBatch, isApprovalReminder, writeApprovalReminder } from './approval-reminders.ts';
import { announceInGroup } from './announce-in-group.ts';
import { noticeMessages as m } from './messages.ts';
import { dayText, noticeCard } from './notice-card.ts';
import { BATCH_TARGET, BatchCutter, batchSize, recipientsPerCall, type PlannedBatch } from './notice-batches.ts';

export const CATCH_UP_MS = 24 * 3600_000;

export interface NoticeDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
  onMissed?(count: number): void;
}

type NoticeRow = notices.DueNotice;

export async function sendDueNotices(deps: NoticeDeps): Promise<number> {
  const now = deps.clock.now();
  // Approval reminders (rule L1) stay worth sending until their activity starts.
  const missed = await notices.markMissed(deps.db, new Date(now.getTime() - CATCH_UP_MS), APPROVAL_PREFIX);
  if (missed.length) {
    deps.logger.warn({ missed: missed.length, activities: [...new Set(missed.map((r) => r.activityId))] }, 'notices more than 24 h late were not sent');
    deps.onMissed?.(missed.length);
  }
  let written = 0;
  const approvals: NoticeRow[] = [];
  for (const group of await notices.dueGroups(deps.db, now)) {
    if (isApprovalReminder(group)) approvals.push(...(await notices.dueRowsOf(deps.db, group, now)));
    else written += await sendGroup(deps, group, now);
  }
  await batchApprovalReminders(deps, approvals); // leave approvals (rule L1)
  // The approval reminders just batched, and any batch a crash left between the two steps.
  for (const [batchKey, rows] of await notices.queuedBatches(deps.db)) written += await writeAndMark(deps, batchKey, rows);
  return written;
}

/**
 * reach: the rows' people's accounts when already looked up (a batch just formed). Rule A4: a
 * batch whose activity was cancelled after the batch was formed (meanwhile, or before a crash
 * left it queued) is not written: nobody gets a card of what will not happen. If its outbox row
 * was written before that, it is marked sent: those people were told, so the cancellation
 * reaches them too.
 */
async function writeAndMark(deps: NoticeDeps, batchKey: string, rows: NoticeRow[], reach?: Reach): Promise<number> {
  const written = isApprovalBatch(batchKey) ? await writeApprovalReminder(deps, batchKey, rows) : await writeBatch(deps, batchKey, rows, reach);
  if (written === STALE && !(await notices.batchWritten(deps.db, batchKey))) {
    await notices.markBatchSkipped(deps.db, batchKey);
    return 0;
  }
  await notices.markBatchSent(deps.db, batchKey, deps.clock.now());
  return written === STALE ? 0 : written;
}

/** writeBatch's answer for a batch of an activity cancelled (or deleted) since the batch was formed. */
const STALE = 'stale';

/**
 * One due group, read a page at a time and cut into batches by what each person's card must
 * show and by channel; a batch is written as soon as it is full, so the first cards go out
 * while the rest of a big unit is still being read.
 */
async function sendGroup(deps: NoticeDeps, group: notices.DueGroup, now: Date): Promise<number> {
  const activity = await deps.db.activity.findUnique({ where: { id: group.activityId }, select: { orgId: true, status: true, revision: true } });
  const current = activity?.status === 'scheduled' && activity.revision === group.revision;
  const states = current ? await statesFor(deps.db, group.activityId) : new Map<number, AttendanceState>();
  const stateOf = (personId: number): AttendanceState => states.get(personId) ?? 'invited';
  const kind = group.kind.split(':')[0];
  const cutter = new BatchCutter<NoticeRow>(batchSizeOf(kind === 'notice' ? 'card' : 'text'));
  const reach: Reach = new Map();
  let written = 0;
  for await (const page of notices.duePages(deps.db, group, now)) {
    // The driver is synchronous: without a turn of the event loop the outbox worker on this
    // thread could not send a single card (nor answer anyone) until the whole unit was done.
    await nextTurn();
    if (!current) {
      await notices.markSkipped(deps.db, page.map((r) => r.id)); // cancelled or edited since
      continue;
    }
    // The day-before reminder is only for those who have not answered yet.
    const answered = new Set(kind === 'reminder' ? page.filter((r) => stateOf(r.personId) !== 'invited') : []);
    await notices.markSkipped(deps.db, [...answered].map((r) => r.id));
    const people = page.filter((r) => !answered.has(r));
    for (const [id, account] of await reachOf(deps.db, activity.orgId, people.map((r) => r.personId))) reach.set(id, account);
    // A card shows each person's own state (rules A6, L5): one variant per state.
    const items = people.map((row) => ({ row, variant: kind === 'notice' ? stateOf(row.personId) : 'all', channel: reach.get(row.personId)?.channel }));
    written += await writeFormed(deps, group, cutter.add(items), reach);
  }
  return written + (await writeFormed(deps, group, cutter.rest(), reach));
}

function batchSizeOf(kind: 'card' | 'text') {
  return (channel: string) => {
    const traits = traitsOf(channel as Channel);
    return traits ? batchSize(recipientsPerCall(traits, kind)) : BATCH_TARGET;
  };
}

/** Both steps for each batch just formed: its rows get the batch key, then it is written. */
async function writeFormed(deps: NoticeDeps, group: notices.DueGroup, batches: PlannedBatch<NoticeRow>[], reach: Reach): Promise<number> {
  let written = 0;
  for (const batch of batches) {
    const batchKey = ['notice', group.activityId, group.kind, group.revision, batch.variant, batch.rows[0]!.id].join('|');
    const assigned = await notices.assignBatch(deps.db, batch.rows.map((r) => r.id), batchKey);
    // Rows another process took meanwhile leave the batch to the tick's last step, which reads it whole.
    if (assigned === batch.rows.length) written += await writeAndMark(deps, batchKey, batch.rows, reach);
    await nextTurn();
  }
  return written;
}

async function writeBatch(deps: NoticeDeps, batchKey: string, rows: NoticeRow[], reach?: Reach): Promise<number | typeof STALE> {
  const [, activityId, kind, , variant, firstRowId] = batchKey.split('|') as [string, string, string, string, string, string];
  const activity = await deps.db.activity.findUnique({
    where: { id: Number(activityId) },
    include: { unit: { select: { id: true, name: true, kind: true, policy: true, groupChat: true } } },
  });
  // An edit since is not stale: the edit's re-plan left these people to this batch, which shows
  // the activity as it is now.
  if (!activity || activity.status !== 'scheduled') return STALE;
  const built = await buildMessage(deps, activity, kind, { state: variantState(variant), taskId: `notice-${activity.id}-${activity.revision}-${kind.split(':')[1] ?? 0}-${variant}-${firstRowId}` }, rows);
  if (!built) return 0;
  if (kind.startsWith('notice')) {
    const duty = activity.kind === 'reception' ? (await attendanceSheet(deps.db, activity.id)).map((r) => r.person.name) : undefined;
    await announceInGroup(deps.outbound, activity, duty);
  }
  const audience = reach && built.ofRows ? audienceFrom(reach, built.personIds) : await audienceOf(deps.db, activity.orgId, built.personIds);
  return sendToAudience(deps.outbound, activity.orgId, audience, batchKey, built.message);
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
  /** For the batch's own people (not the unit's leads). */
  ofRows?: boolean;
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
  if (kind === 'reminder') return { personIds, ofRows: true, message: (toUsers) => ({ kind: 'text', toUsers, text: m.reminder(a.title, time, a.place) }) };
  if (kind === 'dayof') return { personIds, ofRows: true, message: (toUsers) => ({ kind: 'text', toUsers, text: m.dayOf(a.title, formatTime(a.startAt), a.place) }) };
  const leadDays = Number(kind.split(':')[1]);
  const shown = noticeCard(a, { taskId: card.taskId, leadDays, state: card.state, now: deps.clock.now() });
  return { personIds, ofRows: true, message: (toUsers) => ({ kind: 'card', toUsers, card: shown }) };
}

async function leadIds(deps: NoticeDeps, a: ActivityWithUnit): Promise<number[]> {
  return [...new Set((await findUnitContacts(deps.db, [a.unit.id], [...UNIT_LEAD_ROLES])).map((l) => l.person.id))];
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
