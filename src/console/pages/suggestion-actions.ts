// 建议's actions (office staff): each form posts to one of the suggestion services the chat
// and `npm run suggestion` use, so the lifecycle table (rules S1–S4) refuses the same steps
// with the same sentence and the deputy is told in the same words under the same keys. The
// request key comes from the form (a fresh one per page), so a form sent twice is the same
// request: the service carries it on instead of acting twice.
import { randomUUID } from 'node:crypto';
import { acceptSuggestion, assignSuggestion } from '../../services/suggestions/assign-service.ts';
import { answerSuggestion } from '../../services/suggestions/answer-service.ts';
import type { Acting, SuggestionDeps } from '../../services/suggestions/deps.ts';
import { approveExtension, declineExtension, recordTalk } from '../../services/suggestions/handling-service.ts';
import { closeSuggestion, mergeSuggestion, registerSuggestion, returnSuggestion } from '../../services/suggestions/review-service.ts';
import { suggestionNumberOf } from '../../services/suggestions/detail-service.ts';
import type { Outcome } from '../../services/suggestions/step.ts';
import { consoleText as t } from '../messages.ts';
import { idOf, post, type ConsoleCtx } from '../routes.ts';

type Run = (deps: SuggestionDeps, acting: Acting, orgId: number, number: string, form: Record<string, string>) => Promise<Outcome>;

const REQUEST = /^[0-9a-f-]{36}$/;

/** A fresh request key for a form on the page. */
export const newRequestKey = (): string => randomUUID();

function action(name: string, run: Run) {
  return post(`/console/suggestions/:id/${name}`, 'office', async (ctx, c) => {
    const id = idOf(ctx.params.id) ?? 0;
    const number = await suggestionNumberOf(c.deps.db, c.orgId, id);
    if (!number) return c.done('/console/suggestions', t.notFound);
    const outcome = await run(depsOf(c), actingOf(c), c.orgId, number, c.form);
    c.done(`/console/suggestions/${id}`, outcome.message);
  });
}

function depsOf(c: ConsoleCtx): SuggestionDeps {
  return { db: c.deps.db, outbound: c.deps.outbound, now: c.now, logger: c.deps.logger };
}

function actingOf(c: ConsoleCtx): Acting {
  const request = REQUEST.test(c.form._req ?? '') ? c.form._req! : newRequestKey();
  return { person: c.person, key: `console:${c.person.id}:${request}` };
}

const list = (text: string | undefined) => (text ?? '').split(/[\n,，、]+/u).map((s) => s.trim()).filter(Boolean);

export const suggestionActionPages = [
  action('register', (d, a, o, n) => registerSuggestion(d, a, o, n)),
  action('return', (d, a, o, n, f) => returnSuggestion(d, a, o, n, f.reason ?? '')),
  action('merge', (d, a, o, n, f) => mergeSuggestion(d, a, o, n, (f.into ?? '').trim())),
  // Co-handling departments come as ticked boxes (co=…&co=…, joined by the form reader) or a typed list.
  action('assign', (d, a, o, n, f) => assignSuggestion(d, a, o, n, { lead: f.lead ?? '', co: list(f.co) })),
  action('accept', (d, a, o, n) => acceptSuggestion(d, a, o, n)),
  action('talk', (d, a, o, n, f) => recordTalk(d, a, o, n, { heldOn: (f.heldOn ?? '').trim(), place: f.place ?? '', participants: f.participants ?? '' })),
  action('answer', (d, a, o, n, f) => answerSuggestion(d, a, o, n, { form: f.form ?? '', text: f.text ?? '' })),
  action('extension', (d, a, o, n, f) =>
    f.decision === 'approve' ? approveExtension(d, a, o, n) : f.decision === 'decline' ? declineExtension(d, a, o, n) : Promise.resolve({ ok: false as const, message: t.suggestion.pickDecision })),
  action('close', (d, a, o, n) => closeSuggestion(d, a, o, n)),
];
