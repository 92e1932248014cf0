// Motions (议案, rule S5): a deputy starts one and invites deputies by name or the whole group;
// each invitee gets a co-sign card and may 附议 once; when the policy's minimum of signers
// (starter included) is reached the motion is submitted and numbered 2026-议-0001 exactly once,
// and everyone who signed, and the office, are told. Until then it shows who has signed, and
// its starter may withdraw it.
import { buildCard } from '../../bot/card-catalog.ts';
import { completingSigner, MOTION_CODE, MOTION_STATUS_LABEL, signersStillNeeded, type MotionStatus } from '../../domain/suggestions/motions.ts';
import { shanghaiYear } from '../../domain/time.ts';
import { officeStaffIds, personNames } from '../../repositories/contact-repo.ts';
import * as motions from '../../repositories/motion-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { motionText as t } from './motion-messages.ts';
import { cardToPerson, tellPeople } from './notify.ts';

export type MotionOutcome = { ok: boolean; message: string; settled?: string };

/** “张三、李四” or “本组” → deputies to invite; a name not found (or found twice) is refused. */
export async function resolveInvitees(deps: SuggestionDeps, orgId: number, starterId: number, text: string) {
  const words = text.split(/[\s、,，;；]+/u).filter(Boolean);
  if (words.length === 1 && ['本组', '小组', '全组', '本小组'].includes(words[0]!)) {
    const mates = (await motions.groupmates(deps.db, starterId)).filter((p) => p.id !== starterId);
    return mates.length ? { ok: true as const, people: mates } : { ok: false as const, message: t.noGroup };
  }
  const found = await motions.deputiesNamed(deps.db, orgId, words);
  const missing = words.filter((w) => !found.some((p) => p.name === w));
  if (missing.length) return { ok: false as const, message: t.unknownNames(missing) };
  const twice = words.filter((w) => found.filter((p) => p.name === w).length > 1);
  if (twice.length) return { ok: false as const, message: t.ambiguousNames(twice) };
  return { ok: true as const, people: found.filter((p) => p.id !== starterId) };
}

export interface MotionDraft {
  title: string;
  reason: string;
  proposal: string;
  inviteeIds: number[];
}

export async function startMotion(deps: SuggestionDeps, acting: Acting, orgId: number, d: MotionDraft): Promise<MotionOutcome> {
  const policy = await loadPolicy(deps.db, orgId);
  const starter = acting.person!;
  const short = signersStillNeeded(d.inviteeIds.length + 1, policy);
  if (short > 0) return { ok: false, message: t.tooFewInvited(policy.motionMinSigners, short) };
  const { id } = await motions.createMotion(deps.db, { orgId, starterId: starter.id, ...d, sourceKey: acting.key, now: deps.now });
  for (const personId of d.inviteeIds) {
    await cardToPerson(deps, orgId, personId, `motion|${id}|invite|${personId}`, await cosignCard(deps, orgId, id));
  }
  return { ok: true, message: t.started(d.inviteeIds.length, policy.motionMinSigners) };
}

async function cosignCard(deps: SuggestionDeps, orgId: number, motionId: number) {
  const motion = (await motions.findMotion(deps.db, orgId, motionId))!;
  const signers = (await motions.listSigners(deps.db, motionId)).filter((s) => s.signedAt);
  const names = await personNames(deps.db, [motion.starterId, ...signers.map((s) => s.personId)]);
  const policy = await loadPolicy(deps.db, orgId);
  return buildCard('motion-cosign', {
    taskId: `motion-${motionId}`,
    argument: String(motionId),
    vars: {
      title: motion.title,
      starter: names.get(motion.starterId) ?? '',
      reason: motion.reason,
      signed: String(signers.length),
      needed: String(policy.motionMinSigners),
      signers: signers.map((s) => names.get(s.personId)).join('、'),
    },
  });
}

/** 附议 on the card: checked against the motion's state and the clicker; the first click counts. */
export async function cosignMotion(deps: SuggestionDeps, acting: Acting, orgId: number, motionId: number): Promise<MotionOutcome> {
  const motion = await motions.findMotion(deps.db, orgId, motionId);
  if (!motion) return { ok: false, message: t.gone };
  const me = acting.person!.id;
  const mine = (await motions.listSigners(deps.db, motionId)).find((s) => s.personId === me);
  if (!mine) return { ok: false, message: t.notInvited };
  const signed = await motions.sign(deps.db, motionId, me, deps.now);
  const policy = await loadPolicy(deps.db, orgId);
  // Always tried, so a click processed again after a crash still completes the submission.
  await motions.submitIfReady(deps.db, { id: motionId, orgId, year: shanghaiYear(deps.now), code: MOTION_CODE, minSigners: policy.motionMinSigners, now: deps.now });
  const after = (await motions.findMotion(deps.db, orgId, motionId))!;
  const completer = completingSigner(await motions.listSigners(deps.db, motionId), policy.motionMinSigners);
  if (after.status === 'submitted') await announceSubmitted(deps, orgId, motionId, after.number!, completer);
  if (!signed) {
    if (mine.signedAt && after.status === 'open') return { ok: false, message: t.alreadySigned, settled: t.settledSigned };
    if (after.status === 'submitted') return { ok: false, message: t.submittedAlready(after.number!), settled: t.settledSubmitted };
    return { ok: false, message: t.closed(MOTION_STATUS_LABEL[after.status as MotionStatus] ?? after.status), settled: t.settledClosed };
  }
  if (after.status === 'submitted') {
    // Signed in the same moment as the completer: the announcement tells them the rest.
    return { ok: true, message: completer === me ? t.signedAndSubmitted(after.number!) : t.signedAlongside, settled: t.settledSigned };
  }
  const count = (await motions.listSigners(deps.db, motionId)).filter((x) => x.signedAt).length;
  return { ok: true, message: t.signed(count, policy.motionMinSigners), settled: t.settledSigned };
}

/**
 * Everyone who signed, and the office, hear once that the motion is in (key per motion); the
 * signer whose 附议 completed it hears it in the answer to their click instead. Every click
 * names the same completer, so the list (and its key) is the same whoever sends it first.
 */
async function announceSubmitted(deps: SuggestionDeps, orgId: number, motionId: number, number: string, completer: number | undefined): Promise<void> {
  const motion = (await motions.findMotion(deps.db, orgId, motionId))!;
  const signers = (await motions.listSigners(deps.db, motionId)).filter((s) => s.signedAt).map((s) => s.personId);
  const names = await personNames(deps.db, signers);
  const others = signers.filter((id) => id !== completer);
  await tellPeople(deps, orgId, others, `motion|${motionId}|submitted`, t.submitted(motion.title, signers.length, number));
  const line = t.submittedToOffice(number, motion.title, signers.map((id) => names.get(id) ?? '').join('、'));
  await tellPeople(deps, orgId, await officeStaffIds(deps.db, orgId), `motion|${motionId}|office`, line);
}

export async function withdrawMotion(deps: SuggestionDeps, acting: Acting, orgId: number, motionId: number): Promise<MotionOutcome> {
  const motion = await motions.findMotion(deps.db, orgId, motionId);
  if (!motion || motion.starterId !== acting.person!.id) return { ok: false, message: t.notYours };
  if (!(await motions.withdraw(deps.db, motionId, motion.starterId, deps.now))) {
    return { ok: false, message: t.closed(MOTION_STATUS_LABEL[(await motions.findMotion(deps.db, orgId, motionId))!.status as MotionStatus]) };
  }
  const others = (await motions.listSigners(deps.db, motionId)).filter((s) => s.signedAt && s.personId !== motion.starterId).map((s) => s.personId);
  await tellPeople(deps, orgId, others, `motion|${motionId}|withdrawn`, t.withdrawnToSigners(motion.title));
  return { ok: true, message: t.withdrawn(motion.title) };
}

/** 我的议案: title, status, who has signed and how many more are needed. */
export async function myMotionsText(deps: SuggestionDeps, orgId: number, personId: number): Promise<string> {
  const rows = await motions.motionsOf(deps.db, orgId, personId);
  if (rows.length === 0) return t.mineNone;
  const policy = await loadPolicy(deps.db, orgId);
  const lines = [t.mineTitle];
  for (const [i, m] of rows.entries()) {
    const signers = (await motions.listSigners(deps.db, m.id)).filter((s) => s.signedAt);
    const names = await personNames(deps.db, signers.map((s) => s.personId));
    const status = MOTION_STATUS_LABEL[m.status as MotionStatus] ?? m.status;
    lines.push(t.mineLine(i + 1, m.title, m.number ?? status, signers.map((s) => names.get(s.personId) ?? '').join('、'), m.status === 'open' ? signersStillNeeded(signers.length, policy) : 0));
  }
  return lines.join('\n');
}

/** The open motions a person started (for 撤回议案). */
export async function openMotionsOf(deps: SuggestionDeps, orgId: number, personId: number) {
  return (await motions.motionsOf(deps.db, orgId, personId, 50)).filter((m) => m.starterId === personId && m.status === 'open').map((m) => ({ id: m.id, title: m.title }));
}
