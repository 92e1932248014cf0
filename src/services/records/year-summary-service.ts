// Rule P2: at year end each deputy's summary is filed into their record and sent to office
// staff, with the flags the office acts on (the bot decides nothing): L3 — group activities
// missed twice, not eligible as 优秀代表 that year; E1 — no written annual report; P3 — fewer diary
// entries than the year's minimum. Runs once per organisation and year (a planned row); the
// filed rows and the messages have unique keys.
import { attendanceOf, judgeYear } from '../../domain/records/performance.ts';
import { yearPeriod } from '../../domain/records/periods.ts';
import { splitText } from '../../lib/split-text.ts';
import { officeStaffIds } from '../../repositories/contact-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { listDeputies } from '../../repositories/record-repo.ts';
import { fileSummaries } from '../../repositories/year-summary-repo.ts';
import type { Notifier } from '../suggestions/notify.ts';
import { buildFacts } from './record-facts.ts';
import { summaryText as t } from './messages.ts';
import { tellMany } from './notify.ts';

export async function sendYearSummaries(deps: Notifier & { now: Date }, orgId: number, year: number): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const deputies = await listDeputies(deps.db, orgId);
  const facts = await buildFacts(deps.db, { orgId, people: deputies, period: yearPeriod(year), now: deps.now });
  const lines: string[] = [t.title(year, deputies.length)];
  const filed = [];
  for (const d of deputies) {
    const f = facts.get(d.id)!;
    const j = judgeYear(f, policy);
    const diary = policy.diaryEntriesPerYear > 0 ? f.diaryEntries : undefined;
    lines.push(t.line(d.name, attendanceOf(f.activities), f.suggestions, f.entries.practical, diary, f.annualReport));
    if (j.flags.length) lines.push(t.flags(j.flags, j, policy.diaryEntriesPerYear, f.diaryEntries));
    const { activities, ...counts } = f;
    filed.push({ personId: d.id, record: JSON.stringify({ ...counts, attendance: attendanceOf(activities), judgement: j }), flags: JSON.stringify(j.flags) });
  }
  await fileSummaries(deps.db, orgId, year, filed, deps.now);
  const staff = await officeStaffIds(deps.db, orgId);
  let added = 0;
  for (const [i, part] of splitText(lines.join('\n')).entries()) added += await tellMany(deps, orgId, staff, `p2|${orgId}|${year}|${i}`, part);
  return added;
}
