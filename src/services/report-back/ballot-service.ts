// Rules E1–E3, the report-back evaluation (述职评议): set up a ballot for one deputy at a 述职
// activity with its voters and quorum; open it (a card to each voter on the platform); take
// card votes anonymously, one per voter, changeable until the organiser closes it; take the
// organiser's paper count for the others; close it: count, announce at once to the organiser and
// the deputy, flag a count below the quorum, and destroy what could link a vote to a voter. The
// chat, the command line and the staff console call these. See lib/ballot-crypto.ts.
import { buildCard } from '../../bot/card-catalog.ts';
import { CHOICES, checkPaper, countOf, tally, type Choice, type Counts } from '../../domain/records/ballot.ts';
import { isOfficeStaff } from '../../domain/roles.ts';
import { ballotKey, buttonToken, newSalt, openChoice, sameToken, sealChoice, voterMarker } from '../../lib/ballot-crypto.ts';
import { ERASE_ON_SEND_PREFIX } from '../../repositories/outbox-repo.ts';
import * as repo from '../../repositories/ballot-repo.ts';
import { personNames } from '../../repositories/contact-repo.ts';
import type { PersonWithRoles } from '../../repositories/people-repo.ts';
import { tellMany } from '../records/notify.ts';
import { cardToPerson, type Notifier } from '../suggestions/notify.ts';
import { ballotText as t } from './messages.ts';

export interface BallotDeps extends Notifier {
  now: Date;
  /** The server's vote secret (config.voteSecret): never stored in the database. */
  voteSecret?: string;
}

/** Who acts: a person from the roster (chat, console), or the office at the server's command line. */
export interface BallotActor {
  person?: PersonWithRoles;
  commandLine?: boolean;
}

export type BallotResult = { ok: true; message: string } | { ok: false; message: string };

/** The card action id; its argument is "<ballotId>.<token>" (see card-catalog 'token'). */
export const VOTE_ACTION = 'vote.cast';
const cardKey = (ballotId: number) => `${ERASE_ON_SEND_PREFIX}ballot-card|${ballotId}|`;

async function ballotFor(deps: BallotDeps, orgId: number, id: number, actor: BallotActor): Promise<repo.BallotRow | string> {
  const ballot = await repo.findBallot(deps.db, orgId, id);
  if (!ballot) return t.notFound(id);
  const p = actor.person;
  if (!actor.commandLine && !(p && (p.id === ballot.organiserId || isOfficeStaff(p)))) return t.notOrganiser;
  return ballot;
}

async function heading(deps: BallotDeps, ballot: repo.BallotRow) {
  const activity = await deps.db.activity.findUniqueOrThrow({ where: { id: ballot.activityId }, select: { title: true, startAt: true } });
  const deputy = (await personNames(deps.db, [ballot.deputyId])).get(ballot.deputyId) ?? '';
  return { deputy, activity };
}

/** Opens the vote: a card to each voter on the platform, with buttons only that voter's click can use. */
export async function openVoting(deps: BallotDeps, orgId: number, id: number, actor: BallotActor): Promise<BallotResult> {
  const ballot = await ballotFor(deps, orgId, id, actor);
  if (typeof ballot === 'string') return { ok: false, message: ballot };
  if (!deps.voteSecret) return { ok: false, message: t.unavailable };
  if (ballot.status !== 'setup') return { ok: false, message: ballot.status === 'open' ? t.alreadyOpen : t.alreadyClosed };
  const salt = newSalt();
  if (!(await repo.openBallot(deps.db, ballot.id, salt, deps.now))) return { ok: false, message: t.alreadyOpen };
  const key = ballotKey(deps.voteSecret, salt, ballot.id);
  const { deputy, activity } = await heading(deps, ballot);
  const voters = await repo.listVoters(deps.db, ballot.activityId);
  let cards = 0;
  for (const v of voters) {
    if (!v.personId || v.personId === ballot.deputyId) continue;
    const card = buildCard('report-vote', { taskId: `ballot-${ballot.id}-${v.id}`, vars: { deputy, activity: activity.title, time: t.card.description(activity.title, activity.startAt) } });
    // Each voter's buttons carry their own tokens (in the card's order: 满意, 基本满意, 不满意).
    card.buttons = card.buttons.map((b, i) => ({ ...b, key: `${VOTE_ACTION}:${ballot.id}.${buttonToken(key, v.id, CHOICES[i]!)}` }));
    await cardToPerson(deps, orgId, v.personId, `${cardKey(ballot.id)}${v.id}`, card);
    cards += 1;
  }
  return { ok: true, message: t.opened(deputy, cards, voters.filter((v) => !v.personId).length) };
}

/**
 * A click on a voting card (rule E3). The answer never says what was chosen. A voter's second
 * click replaces the first; after the close nothing is taken.
 */
export async function castCardVote(deps: BallotDeps, orgId: number, voterPersonId: number, argument: string): Promise<string> {
  const [idText, token] = argument.split('.') as [string, string];
  const ballot = await repo.findBallot(deps.db, orgId, Number(idText));
  if (!ballot) return t.notYourCard;
  if (ballot.status === 'setup') return t.notOpen;
  if (ballot.status !== 'open' || !ballot.salt) return t.closed;
  if (!deps.voteSecret) return t.unavailable;
  const voter = await repo.findVoterByPerson(deps.db, ballot.activityId, voterPersonId);
  if (!voter) return t.notVoter;
  const key = ballotKey(deps.voteSecret, ballot.salt, ballot.id);
  const choice = CHOICES.find((c) => sameToken(buttonToken(key, voter.id, c), token));
  if (!choice) return t.notYourCard;
  const cast = await repo.castVote(deps.db, ballot.id, voterMarker(key, voter.id), sealChoice(key, choice));
  if (cast === 0) return t.closed;
  const deputy = (await personNames(deps.db, [ballot.deputyId])).get(ballot.deputyId) ?? '';
  return t.voted(deputy);
}

/** The organiser's count of paper ballots (voters not on the platform), before the close. */
export async function enterPaperCount(deps: BallotDeps, orgId: number, id: number, actor: BallotActor, counts: Counts): Promise<BallotResult> {
  const ballot = await ballotFor(deps, orgId, id, actor);
  if (typeof ballot === 'string') return { ok: false, message: ballot };
  const paperVoters = (await repo.listVoters(deps.db, ballot.activityId)).filter((v) => !v.personId).length;
  const refusal = checkPaper(counts, paperVoters);
  if (refusal) return { ok: false, message: refusal === 'not_whole' ? t.paperNotWhole : t.paperTooMany(paperVoters) };
  if (!(await repo.setPaperCount(deps.db, ballot.id, counts))) return { ok: false, message: t.alreadyClosed };
  return { ok: true, message: t.paperSaved(countOf(counts)) };
}

export async function votingStatus(deps: BallotDeps, orgId: number, id: number, actor: BallotActor): Promise<BallotResult> {
  const ballot = await ballotFor(deps, orgId, id, actor);
  if (typeof ballot === 'string') return { ok: false, message: ballot };
  const { deputy } = await heading(deps, ballot);
  const voters = await repo.listVoters(deps.db, ballot.activityId);
  const cast = ballot.status === 'closed' ? countOf({ 满意: ballot.satisfied, 基本满意: ballot.basic, 不满意: ballot.dissatisfied }) : await repo.countVotes(deps.db, ballot.id);
  const paper = ballot.paperSatisfied === null ? '' : `；纸质票 ${(ballot.paperSatisfied ?? 0) + (ballot.paperBasic ?? 0) + (ballot.paperDissatisfied ?? 0)} 张`;
  return { ok: true, message: t.status(deputy, t.statusWord[ballot.status] ?? ballot.status, cast, voters.filter((v) => v.personId).length, paper) };
}

/**
 * Closes the vote (rule E3): no vote is taken from the first statement on; the sealed choices
 * are counted, the tally is written and the salt destroyed in one statement, the votes deleted,
 * the cards erased; the result goes at once to the organiser and the deputy. A close interrupted
 * half way is finished by the next call.
 */
export async function closeVoting(deps: BallotDeps, orgId: number, id: number, actor: BallotActor): Promise<BallotResult> {
  const ballot = await ballotFor(deps, orgId, id, actor);
  if (typeof ballot === 'string') return { ok: false, message: ballot };
  if (ballot.status === 'setup') return { ok: false, message: t.notOpen };
  const wasClosed = ballot.status === 'closed';
  let unreadable = 0;
  if (!wasClosed) {
    if (!deps.voteSecret || !ballot.salt) return { ok: false, message: t.unavailable };
    await repo.startClosing(deps.db, ballot.id);
    const key = ballotKey(deps.voteSecret, ballot.salt, ballot.id);
    const opened = (await repo.sealedVotes(deps.db, ballot.id)).map((v) => openChoice(key, v.sealed));
    unreadable = opened.filter((c) => c === undefined).length;
    const card = tally(opened.filter((c): c is Choice => c !== undefined), null, 0).card;
    await repo.finishClosing(deps.db, ballot.id, card, deps.now);
  }
  // Idempotent: a close interrupted after the tally (or a second closer) finishes the clean-up
  // and the announcement, whose outbox key keeps it to once.
  await repo.deleteVotes(deps.db, ballot.id);
  await repo.eraseCards(deps.db, cardKey(ballot.id), deps.now);
  const closed = (await repo.findBallot(deps.db, orgId, ballot.id))!;
  // The closer hears it as the answer; the others (the deputy, the organiser) get it as a message.
  const text = await announce(deps, closed, unreadable, actor.person?.id);
  return { ok: true, message: wasClosed ? `${t.alreadyClosed}\n${text}` : text };
}

/** Rule E3: the result at once to the organiser and the deputy; below the quorum is flagged (E1). */
async function announce(deps: BallotDeps, ballot: repo.BallotRow, unreadable: number, closerId?: number): Promise<string> {
  const paper = ballot.paperSatisfied === null ? null : { 满意: ballot.paperSatisfied, 基本满意: ballot.paperBasic ?? 0, 不满意: ballot.paperDissatisfied ?? 0 };
  const card = { 满意: ballot.satisfied, 基本满意: ballot.basic, 不满意: ballot.dissatisfied };
  const result = tally([...repeat('满意', card.满意), ...repeat('基本满意', card.基本满意), ...repeat('不满意', card.不满意)], paper, ballot.quorum);
  const { deputy, activity } = await heading(deps, ballot);
  const eligible = (await repo.listVoters(deps.db, ballot.activityId)).length;
  const text = t.result(deputy, activity.title, result, eligible, unreadable);
  const to = [ballot.deputyId, ...(ballot.organiserId ? [ballot.organiserId] : [])].filter((id) => id !== closerId);
  await tellMany(deps, ballot.orgId, to, `e3-result|${ballot.id}`, text);
  return text;
}

const repeat = (c: Choice, n: number): Choice[] => Array.from({ length: n }, () => c);

