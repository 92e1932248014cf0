// Rule P3: on the policy's day of the month (the 25th) deputies with fewer diary entries than
// the month's minimum are reminded, once per month (a planned row; the messages' keys).
import { diaryReminderOwed } from '../../domain/records/diary.ts';
import { isoBounds, monthPeriod } from '../../domain/records/periods.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { diaryCounts, listDeputies } from '../../repositories/record-repo.ts';
import type { Notifier } from '../suggestions/notify.ts';
import { diaryText } from './messages.ts';
import { tellMany } from './notify.ts';

export async function sendDiaryReminders(deps: Notifier & { now: Date }, orgId: number, year: number, month: number): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  if (policy.diaryEntriesPerMonth === 0) return 0;
  const deputies = await listDeputies(deps.db, orgId);
  const m = isoBounds(monthPeriod(year, month));
  const counts = await diaryCounts(deps.db, orgId, deputies.map((d) => d.id), m.from, m.to);
  // The text names the deputy's count: one message per count, to everyone who has that many.
  const byCount = new Map<number, number[]>();
  for (const d of deputies) {
    const have = counts.get(d.id) ?? 0;
    if (diaryReminderOwed(have, policy)) byCount.set(have, [...(byCount.get(have) ?? []), d.id]);
  }
  let added = 0;
  for (const [have, ids] of byCount) added += await tellMany(deps, orgId, ids, `p3|${orgId}|${year}-${month}|${have}`, diaryText.reminder(month, have, policy.diaryEntriesPerMonth));
  return added;
}
