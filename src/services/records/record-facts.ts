// Rule P1: each deputy's performance record for a period, built from what is stored (the
// feature tables through record-repo, attendance through its one function) plus what the
// deputy added by chat. Many deputies at once: the year-end run builds the whole organisation's.
import type { Period } from '../../domain/records/periods.ts';
import { isoBounds } from '../../domain/records/periods.ts';
import type { PerformanceFacts, Rating } from '../../domain/records/performance.ts';
import { RECORD_KIND_CODES, type RecordKind } from '../../domain/records/record-kinds.ts';
import { shanghaiIsoDate, shanghaiParts } from '../../domain/shanghai-time.ts';
import type { Db } from '../../repositories/prisma.ts';
import * as repo from '../../repositories/record-repo.ts';

export interface FactsQuery {
  orgId: number;
  people: { id: number; name: string }[];
  period: Period;
  /** What has not happened yet by now (an activity still ahead, a reception day to come) is left out. */
  now: Date;
}

export async function buildFacts(db: Db, q: FactsQuery): Promise<Map<number, PerformanceFacts>> {
  const personIds = q.people.map((p) => p.id);
  const base = { orgId: q.orgId, personIds, from: q.period.from, to: q.period.to };
  const iso = isoBounds(q.period);
  const year = shanghaiParts(q.period.from).date.year;
  const [lines, duties, visitors, suggestions, ratings, motions, accounts, entries, diary, reports] = await Promise.all([
    repo.activityLines(db, { ...base, now: q.now }),
    repo.receptionDutyCounts(db, q.orgId, personIds, iso.from, iso.to, shanghaiIsoDate(q.now)),
    repo.visitorCounts(db, base),
    repo.suggestionCounts(db, base),
    repo.ratingCounts(db, base),
    repo.motionSignatureCounts(db, base),
    repo.accountCounts(db, base),
    repo.entryCounts(db, q.orgId, personIds, iso.from, iso.to),
    repo.diaryCounts(db, q.orgId, personIds, iso.from, iso.to),
    repo.annualReportAuthors(db, q.orgId, personIds, year),
  ]);
  const out = new Map<number, PerformanceFacts>();
  for (const p of q.people) {
    const given = ratings.get(p.id) ?? {};
    const byKind = entries.get(p.id) ?? {};
    out.set(p.id, {
      personId: p.id,
      name: p.name,
      activities: lines.filter((l) => l.personId === p.id),
      receptionDuties: duties.get(p.id) ?? 0,
      visitorsRecorded: visitors.get(p.id) ?? 0,
      suggestions: suggestions.get(p.id) ?? 0,
      ratings: { 满意: given['满意'] ?? 0, 基本满意: given['基本满意'] ?? 0, 不满意: given['不满意'] ?? 0 } satisfies Record<Rating, number>,
      motionsSigned: motions.get(p.id) ?? 0,
      accountsWritten: accounts.get(p.id) ?? 0,
      entries: Object.fromEntries(RECORD_KIND_CODES.map((k) => [k, byKind[k] ?? 0])) as Record<RecordKind, number>,
      diaryEntries: diary.get(p.id) ?? 0,
      annualReport: reports.has(p.id),
    });
  }
  return out;
}
