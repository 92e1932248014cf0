// Rules E1–E3: setting up a report-back evaluation. The office names the 述职 activity, the
// deputy who reports, the organiser (who opens and closes the vote and hears the result) and the
// voters — from a file (voter-file.ts, imported like a roster) and/or the members of units — and
// the quorum (policy reportQuorum unless given). Voters on the roster with an account vote by
// card; the others on paper. The written report is planned to reach the voters (E2).
import { isDeputy } from '../../domain/roles.ts';
import { formatDateTime } from '../../domain/shanghai-time.ts';
import * as repo from '../../repositories/ballot-repo.ts';
import { activityForBallot, peopleNamed, rosterMatches, unitMembersWithAccounts } from '../../repositories/ballot-people-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { parseVoterTable } from './voter-file.ts';
import { planReportDelivery, reportSendAt } from './report-delivery.ts';
import { setupText as t } from './setup-messages.ts';

export interface SetupInput {
  orgId: number;
  activityId: number;
  deputyName: string;
  organiserName: string;
  quorum?: number;
  /** A voter file's cells (readTable), when one is given. */
  voterTable?: string[][];
  /** Units whose members (with an account) vote. */
  voterUnits?: string[];
}

export type SetupResult = { ok: true; ballotId: number; lines: string[] } | { ok: false; errors: string[] };

async function onePerson(db: Db, orgId: number, name: string, what: 'deputy' | 'organiser') {
  const found = (await peopleNamed(db, orgId, name)).filter((p) => what === 'organiser' || isDeputy({ levels: p.levels ? p.levels.split(',') : [], isStaff: false, memberships: [] }));
  if (found.length === 1) return found[0]!;
  return found.length === 0 ? t.noPerson(what, name) : t.twoPeople(what, name);
}

export async function setupBallot(db: Db, input: SetupInput, now: Date): Promise<SetupResult> {
  const errors: string[] = [];
  const activity = await activityForBallot(db, input.orgId, input.activityId);
  if (!activity) errors.push(t.noActivity(input.activityId));
  else if (activity.kind !== 'report_back') errors.push(t.notReportBack(input.activityId));
  else if (activity.status !== 'scheduled' || activity.endAt.getTime() <= now.getTime()) errors.push(t.over(input.activityId));
  const deputy = await onePerson(db, input.orgId, input.deputyName, 'deputy');
  const organiser = await onePerson(db, input.orgId, input.organiserName, 'organiser');
  for (const p of [deputy, organiser]) if (typeof p === 'string') errors.push(p);
  if (input.quorum !== undefined && (!Number.isInteger(input.quorum) || input.quorum < 1)) errors.push(t.badQuorum);
  const voters = await readVoters(db, input);
  if (!voters.ok) errors.push(...voters.errors);
  if (errors.length || !activity || typeof deputy === 'string' || typeof organiser === 'string' || !voters.ok) return { ok: false, errors };
  const quorum = input.quorum ?? (await loadPolicy(db, input.orgId)).reportQuorum;
  const { ballot, created } = await repo.createBallot(db, { orgId: input.orgId, activityId: activity.id, deputyId: deputy.id, organiserId: organiser.id, quorum, now });
  if (!created && ballot.status !== 'setup') return { ok: false, errors: [t.alreadyOpen(ballot.id)] };
  // The reporting deputy does not evaluate themself.
  const added = await repo.addVoters(db, input.orgId, activity.id, voters.voters.filter((v) => v.personId !== deputy.id), now);
  await planReportDelivery(db, ballot, activity.startAt, now);
  const all = await repo.listVoters(db, activity.id);
  const card = all.filter((v) => v.personId).length;
  const sendAt = reportSendAt(activity.startAt, await loadPolicy(db, input.orgId));
  return {
    ok: true,
    ballotId: ballot.id,
    lines: [
      t.created(ballot.id, deputy.name, activity.title, formatDateTime(activity.startAt), created),
      t.voters(all.length, added, card, all.length - card, ballot.quorum),
      ...(all.length < ballot.quorum ? [t.fewVoters(all.length, ballot.quorum)] : []),
      sendAt.getTime() > now.getTime() ? t.reportAt(formatDateTime(sendAt)) : t.reportNow,
      t.next(ballot.id, organiser.name),
    ],
  };
}

async function readVoters(db: Db, input: SetupInput): Promise<{ ok: true; voters: repo.NewVoter[] } | { ok: false; errors: string[] }> {
  const voters: repo.NewVoter[] = [];
  const errors: string[] = [];
  if (input.voterTable) {
    const file = parseVoterTable(input.voterTable);
    if (!file.ok) return { ok: false, errors: file.errors.map((e) => `--voters: ${e}`) };
    const matches = await rosterMatches(db, input.orgId, file.rows.map((r) => r.mobile), file.rows.flatMap((r) => (r.account ? [r.account] : [])));
    for (const r of file.rows) {
      const person = (r.account && matches.byAccount.get(r.account)) || matches.byMobile.get(r.mobile);
      voters.push(person
        ? { voterKey: `p:${person.id}`, name: person.name, mobile: r.mobile, personId: person.id, source: 'file' }
        : { voterKey: `m:${r.mobile}`, name: r.name, mobile: r.mobile, personId: null, source: 'file' });
    }
  }
  if (input.voterUnits?.length) {
    const { found, people } = await unitMembersWithAccounts(db, input.orgId, input.voterUnits);
    for (const name of input.voterUnits.filter((n) => !found.includes(n))) errors.push(t.noUnit(name));
    for (const p of people) voters.push({ voterKey: `p:${p.id}`, name: p.name, mobile: p.mobile, personId: p.id, source: 'unit' });
  }
  if (!input.voterTable && !input.voterUnits?.length) errors.push(t.noVoters);
  return errors.length ? { ok: false, errors } : { ok: true, voters };
}

/** The ballots of the organisation, one line each (the command line's list). */
export async function listBallots(db: Db, orgId: number): Promise<string[]> {
  const ballots = await db.reportBallot.findMany({ where: { orgId }, orderBy: { id: 'asc' } });
  const lines: string[] = [];
  for (const b of ballots) {
    const [activity, deputy] = await Promise.all([
      db.activity.findUnique({ where: { id: b.activityId }, select: { title: true, startAt: true } }),
      db.person.findUnique({ where: { id: b.deputyId }, select: { name: true } }),
    ]);
    lines.push(t.listLine(b.id, b.status, deputy?.name ?? '', activity?.title ?? '', activity ? formatDateTime(activity.startAt) : ''));
  }
  return lines.length ? lines : [t.none];
}
