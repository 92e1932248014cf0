// One suggestion as the office's console shows it (rules S1–S4): where it stands, the deadline
// that applies now and how far past it, every transition, every answer with its rating, the
// department's extension request waiting for a decision, and the departments it can go to.
import { listDepartments } from '../../repositories/assignment-repo.ts';
import { answersOf, pendingExtension } from '../../repositories/suggestion-detail-repo.ts';
import { findSuggestion } from '../../repositories/suggestion-query-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { dueOf, historyOf } from './listing-service.ts';

export async function suggestionDetail(db: Db, orgId: number, id: number, today: string, cliLabel: string) {
  const view = await findSuggestion(db, orgId, id);
  if (!view) return undefined;
  const [history, answers, pending, departments] = await Promise.all([
    historyOf(db, view, cliLabel), answersOf(db, view.id), pendingExtension(db, view.id), listDepartments(db, orgId),
  ]);
  return { view, due: dueOf(view, today), history, answers, pending: pending ?? undefined, departments };
}

/** The number of a suggestion of this organisation (the console's links carry ids). */
export async function suggestionNumberOf(db: Db, orgId: number, id: number): Promise<string | undefined> {
  return (await findSuggestion(db, orgId, id))?.number;
}
