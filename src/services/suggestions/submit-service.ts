// 提交 (rules S4, R6): a deputy's suggestion gets its number without gaps, its assignment
// deadline (15 days from registration in recess, S4) and the reminders before it; its first
// history row is its submission.
import { KIND_CODE, type SuggestionKind } from '../../domain/suggestion-rules.ts';
import { shanghaiYear } from '../../domain/time.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { recordHistory } from '../../repositories/suggestion-lifecycle-repo.ts';
import { createNumbered } from '../../repositories/suggestion-repo.ts';
import { assignDeadlineFor, planReminders, todayOf } from './deadline-service.ts';
import type { SuggestionDeps } from './deps.ts';

export interface Submission {
  orgId: number;
  personId: number;
  kind: SuggestionKind;
  title: string;
  content: string;
  attachments: string[];
  /** Rule R6: the constituent it is raised for, kept out of every list and log. */
  behalfName?: string;
  behalfPhone?: string;
  sourceKey: string;
}

export async function submitSuggestion(deps: SuggestionDeps, s: Submission): Promise<{ number: string; assignDeadline: string }> {
  const policy = await loadPolicy(deps.db, s.orgId);
  const assignDeadline = await assignDeadlineFor(deps, s.orgId, { origin: 'recess', registeredOn: todayOf(deps.now) }, policy);
  const created = await createNumbered(deps.db, {
    orgId: s.orgId,
    personId: s.personId,
    year: shanghaiYear(deps.now),
    kind: s.kind,
    kindCode: KIND_CODE[s.kind],
    title: s.title,
    content: s.content,
    attachments: s.attachments,
    onBehalfName: s.behalfName,
    onBehalfPhone: s.behalfPhone,
    sourceKey: s.sourceKey,
    now: deps.now,
    assignDeadline,
  });
  await recordHistory(deps.db, created.id);
  await planReminders(deps, { orgId: s.orgId, suggestionId: created.id }, 'assign', assignDeadline, policy);
  return { number: created.number, assignDeadline };
}
