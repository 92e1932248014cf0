// 答复 and 评价 (rules S1, S3): the lead department (or the office for it) records the answer —
// its form, text and attached files or photos; the deputy gets one line and a rating card.
// A rating is final for that answer and the first click wins; 不满意 reopens the suggestion
// with a new deadline, and the next answer is rated again.
import { buildCard } from '../../bot/card-catalog.ts';
import type { Policy } from '../../domain/policy.ts';
import { ANSWER_FORMS, ratingAction, RATINGS, type Rating } from '../../domain/suggestions/lifecycle.ts';
import { handlerIds, officeStaffIds } from '../../repositories/contact-repo.ts';
import { findAnswer, latestAnswer, rateAnswer, writeAnswer } from '../../repositories/suggestion-detail-repo.ts';
import { findSuggestion, listSuggestions, type SuggestionView } from '../../repositories/suggestion-query-repo.ts';
import { answerDeadlineFor, planReminders, todayOf } from './deadline-service.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { clip, dayText, suggestionText as t } from './messages.ts';
import { cardToPerson, tellPeople } from './notify.ts';
import { actorId, commit, lost, open, rolesOf, type Outcome } from './step.ts';

export interface AnswerInput {
  form: string;
  text: string;
  /** Platform media references of files or photos of the written answer. */
  attachments?: string[];
}

export const ANSWER_TEXT_MIN = 5;
export const ANSWER_TEXT_MAX = 2000;

export const answerText = {
  badForm: `答复形式请写 ${ANSWER_FORMS.join('、')} 之一。`,
  textLength: `答复内容需要 ${ANSWER_TEXT_MIN} 到 ${ANSWER_TEXT_MAX} 字，或者附上答复函的照片或文件。`,
  /** Shown for an answer given as an attached letter only. */
  attachedOnly: '（答复函见附件）',
};

/** Rule S1 asks for a written answer: a text, or the letter itself as a photo or file. */
export function answerTextOk(text: string, attachments: number): boolean {
  const length = [...text].length;
  if (length > ANSWER_TEXT_MAX) return false;
  return length >= ANSWER_TEXT_MIN || (attachments > 0 && length === 0);
}

const leadOf = (view: SuggestionView) => view.departments.find((d) => d.role === 'lead');

export async function answerSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, input: AnswerInput): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'answer');
  if (!opened.ok) return opened;
  if (!(ANSWER_FORMS as readonly string[]).includes(input.form)) return { ok: false, message: answerText.badForm };
  const text = input.text.trim();
  if (!answerTextOk(text, input.attachments?.length ?? 0)) return { ok: false, message: answerText.textLength };
  const { view, policy } = opened;
  const lead = leadOf(view);
  const shown = text || answerText.attachedOnly;
  const result = await commit(deps, acting, view, { action: 'answer', note: `${input.form}：${clip(shown, 40)}`, addRound: true });
  if (result.kind === 'refused') return lost(view);
  const round = (await findSuggestion(deps.db, orgId, view.id))!.rounds;
  await writeAnswer(deps.db, {
    orgId, suggestionId: view.id, round, departmentId: lead?.id ?? null, form: input.form, text,
    attachments: input.attachments ?? [], answeredById: actorId(acting), now: deps.now,
  });
  const answer = (await latestAnswer(deps.db, view.id))!;
  const who = lead?.name ?? policy.supervisingBody;
  const key = `sugg|${view.id}|${result.rev}`;
  await tellPeople(deps, orgId, [view.personId], `${key}|deputy`, t.deputy.answered(view.number, who, input.form));
  await cardToPerson(deps, orgId, view.personId, `${key}|rating-card`, ratingCard(view, answer, who));
  for (const merged of await listSuggestions(deps.db, orgId, { mergedIntoId: view.id })) {
    await tellPeople(deps, orgId, [merged.personId], `${key}|merged:${merged.id}`, t.deputy.mergedAnswered(merged.number, view.number, who));
  }
  return { ok: true, view, message: t.done.answered(view.number) };
}

/** Rule S3: the card the deputy rates an answer on; its buttons carry the answer's id. */
export function ratingCard(view: SuggestionView, answer: { id: number; form: string; text: string; answeredAt: Date; round: number }, who: string) {
  return buildCard('suggestion-rating', {
    taskId: `rating-${answer.id}`,
    argument: String(answer.id),
    vars: {
      number: view.number,
      title: view.title,
      department: who,
      form: answer.form,
      text: clip(answer.text || answerText.attachedOnly, 110),
      round: answer.round > 1 ? `第 ${answer.round} 次答复` : '',
      day: dayText(todayOf(answer.answeredAt)),
    },
  });
}

export type RatingOutcome = (Outcome & { settled?: string }) | { ok: false; message: string; settled?: string };

/** A click on the rating card: checked against the answer's state and the clicker. */
export async function rateSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, answerId: number, rating: Rating): Promise<RatingOutcome> {
  if (!RATINGS.includes(rating)) return { ok: false, message: t.answerSuperseded };
  const answer = await findAnswer(deps.db, orgId, answerId);
  const view = answer && (await findSuggestion(deps.db, orgId, answer.suggestionId));
  if (!answer || !view) return { ok: false, message: t.answerSuperseded };
  if (!(await rolesOf(deps, acting, view)).has('submitter')) return { ok: false, message: t.submitterOnly };
  if (answer.round !== view.rounds) {
    return answer.rating ? { ok: false, message: t.alreadyRated(answer.rating), settled: t.ratingSettled(answer.rating) } : { ok: false, message: t.answerSuperseded };
  }
  const action = ratingAction(rating);
  const opened = await open(deps, acting, orgId, view.number, action);
  // A rated answer only goes on for the very same click processed again (a replay).
  const replay = opened.ok && answer.ratedById === actorId(acting) && answer.rating === rating;
  if (answer.rating && !replay) return { ok: false, message: t.alreadyRated(answer.rating), settled: t.ratingSettled(answer.rating) };
  if (!opened.ok) return opened;
  if (!answer.rating && !(await rateAnswer(deps.db, { answerId, rating, ratedById: actorId(acting)!, now: deps.now }))) {
    const first = await findAnswer(deps.db, orgId, answerId);
    return { ok: false, message: t.alreadyRated(first?.rating ?? ''), settled: t.ratingSettled(first?.rating ?? '') };
  }
  return action === 'rate' ? settle(deps, acting, opened.view, rating) : reopen(deps, acting, opened.view, opened.policy);
}

async function settle(deps: SuggestionDeps, acting: Acting, view: SuggestionView, rating: Rating): Promise<RatingOutcome> {
  const result = await commit(deps, acting, view, { action: 'rate', note: rating });
  if (result.kind === 'refused') return lost(view);
  return { ok: true, view, message: t.done.rated(rating), settled: t.ratingSettled(rating) };
}

/** Rule S3: handled again, answered again; the department and the office are told. */
async function reopen(deps: SuggestionDeps, acting: Acting, view: SuggestionView, policy: Policy): Promise<RatingOutcome> {
  const deadline = await answerDeadlineFor(deps, view.orgId, todayOf(deps.now), policy, true);
  const result = await commit(deps, acting, view, { action: 'rate_unsatisfied', note: `不满意；重新办理，答复期限 ${deadline}`, set: { answerDeadline: deadline } });
  if (result.kind === 'refused') return lost(view);
  const lead = leadOf(view);
  await planReminders(deps, { orgId: view.orgId, suggestionId: view.id, leadDepartmentId: lead?.id }, 'answer', deadline, policy);
  const text = t.office.reopened(view.number, lead?.name ?? '承办单位', deadline);
  const people = [...(await officeStaffIds(deps.db, view.orgId)), ...(lead ? await handlerIds(deps.db, view.orgId, lead.name) : [])];
  await tellPeople(deps, view.orgId, people, `sugg|${view.id}|${result.rev}|reopened`, text);
  return { ok: true, view, message: t.done.reopened(view.number, deadline), settled: t.ratingSettled('不满意') };
}
