// What each `npm run suggestion` subcommand does, as lines to print: the same services the chat
// uses, acting as the office at the server (optionally as the member of staff named by --by).
import { randomUUID } from 'node:crypto';
import { officeStaffNamed } from '../../repositories/contact-repo.ts';
import { findByNumber } from '../../repositories/suggestion-query-repo.ts';
import { shanghaiYear } from '../../domain/time.ts';
import type { Db } from '../../repositories/prisma.ts';
import { answerSuggestion } from './answer-service.ts';
import { acceptSuggestion, assignSuggestion } from './assign-service.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { extendSuggestion, recordTalk } from './handling-service.ts';
import { historyOf, listForOffice, suggestionLine } from './listing-service.ts';
import { suggestionText } from './messages.ts';
import { yearReport } from './report-service.ts';
import { todayOf } from './deadline-service.ts';
import { closeSuggestion, mergeSuggestion, registerSuggestion, returnSuggestion } from './review-service.ts';
import type { SuggestionCommand } from './cli-args.ts';
import type { Outcome } from './step.ts';

export type CliResult = { ok: true; lines: string[] } | { ok: false; message: string };

/** How the history shows a step taken at the command line without --by. */
export const CLI_ACTOR = '命令行';

export async function commandLineActor(db: Db, orgId: number, by: string | undefined): Promise<Acting | { error: string }> {
  const key = `cli:${randomUUID()}`;
  if (by === undefined) return { commandLine: true, key };
  const staff = await officeStaffNamed(db, orgId, by);
  if (!staff) return { error: `--by: 「${by}」不是本组织的工作人员` };
  return { commandLine: true, key, person: { id: staff.id, orgId, name: staff.name, isStaff: true, levels: [], memberships: [] } };
}

const fromOutcome = (o: Outcome): CliResult => (o.ok ? { ok: true, lines: [o.message] } : { ok: false, message: o.message });

export async function runSuggestionCommand(deps: SuggestionDeps, acting: Acting, orgId: number, c: SuggestionCommand): Promise<CliResult> {
  switch (c.name) {
    case 'list': {
      const today = todayOf(deps.now);
      const rows = await listForOffice(deps.db, orgId, { statuses: c.statuses, overdueOnly: c.overdue }, today);
      return { ok: true, lines: rows.map((v) => suggestionLine(v, today)) };
    }
    case 'show': {
      const view = await findByNumber(deps.db, orgId, c.number);
      return view ? { ok: true, lines: await historyOf(deps.db, view, CLI_ACTOR) } : { ok: false, message: suggestionText.notFound(c.number) };
    }
    case 'report': return { ok: true, lines: await yearReport(deps, orgId, c.year ?? shanghaiYear(deps.now)) };
    case 'register': return fromOutcome(await registerSuggestion(deps, acting, orgId, c.number, { sessionClosedOn: c.sessionClosedOn }));
    case 'return': return fromOutcome(await returnSuggestion(deps, acting, orgId, c.number, c.reason));
    case 'merge': return fromOutcome(await mergeSuggestion(deps, acting, orgId, c.number, c.into));
    case 'assign': return fromOutcome(await assignSuggestion(deps, acting, orgId, c.number, { lead: c.lead, co: c.co }));
    case 'accept': return fromOutcome(await acceptSuggestion(deps, acting, orgId, c.number));
    case 'talk': return fromOutcome(await recordTalk(deps, acting, orgId, c.number, { heldOn: c.heldOn, place: c.place, participants: c.participants }));
    case 'extend': return fromOutcome(await extendSuggestion(deps, acting, orgId, c.number, { until: c.until, reason: c.reason }));
    case 'answer': return fromOutcome(await answerSuggestion(deps, acting, orgId, c.number, { form: c.form, text: c.text }));
    case 'close': return fromOutcome(await closeSuggestion(deps, acting, orgId, c.number));
  }
}
