// The weekly list of overdue suggestions for office staff (rule S1): on the policy's weekday
// (Monday) from 09:00, or on the first tick after it that week — its outbox key is the
// organisation and the week, so it goes once a week whatever restarts or second instances.
import { addDays, isoWeekday, shanghaiParts } from '../../domain/shanghai-time.ts';
import { toIsoDate } from '../../domain/calendar/working-days.ts';
import { officeStaffIds } from '../../repositories/contact-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { listOrganisationIds } from '../../repositories/suggestion-target-repo.ts';
import type { SuggestionDeps } from './deps.ts';
import { listForOffice, suggestionLine } from './listing-service.ts';
import { suggestionText as t } from './messages.ts';
import { tellPeople } from './notify.ts';

const MAX_LINES = 50;

export async function sendWeeklyOverdueList(deps: SuggestionDeps): Promise<number> {
  const { date, minuteOfDay } = shanghaiParts(deps.now);
  if (minuteOfDay < 9 * 60) return 0;
  const today = toIsoDate(date);
  const weekStart = toIsoDate(addDays(date, 1 - isoWeekday(date)));
  let added = 0;
  for (const orgId of await listOrganisationIds(deps.db)) {
    const policy = await loadPolicy(deps.db, orgId);
    if (isoWeekday(date) < policy.suggestionOverdueWeekday) continue;
    const overdue = await listForOffice(deps.db, orgId, { overdueOnly: true }, today);
    if (overdue.length === 0) continue;
    const lines = overdue.slice(0, MAX_LINES).map((v) => suggestionLine(v, today));
    if (overdue.length > MAX_LINES) lines.push(t.overdue.more(overdue.length - MAX_LINES));
    const text = [t.overdue.title(overdue.length, today), ...lines].join('\n');
    added += await tellPeople(deps, orgId, await officeStaffIds(deps.db, orgId), `sugg-overdue|${orgId}|${weekStart}`, text);
  }
  return added;
}
