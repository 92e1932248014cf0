// Rules P1, P4: a deputy's performance record for this year and this half year, judged against
// the "six ones" with what is still missing. The deputy sees their own (我的履职); a unit's leads
// see their members' and office staff anyone's (履职 张三). The chat, the staff console and the
// year-end run read the same view.
import { mayViewRecord } from '../../domain/records/access.ts';
import { diaryStanding, type DiaryStanding } from '../../domain/records/diary.ts';
import { attendanceOf, judgeYear, sixOnes, type PerformanceFacts, type SixOne, type YearJudgement } from '../../domain/records/performance.ts';
import { halfOf, halfPeriod, isoBounds, monthPeriod, yearPeriod } from '../../domain/records/periods.ts';
import { isDeputy } from '../../domain/roles.ts';
import { needsStudyCheck } from '../../domain/study-first.ts';
import type { Policy } from '../../domain/policy.ts';
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { PersonWithRoles } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { diaryCounts } from '../../repositories/record-repo.ts';
import { deputiesNamed, unitsOfPerson } from '../../repositories/record-entry-repo.ts';
import { buildFacts } from './record-facts.ts';
import { recordText as t } from './messages.ts';

export interface RecordView {
  year: PerformanceFacts;
  half: PerformanceFacts;
  yearNumber: number;
  halfNumber: 1 | 2;
  sixOnes: SixOne[];
  judgement: YearJudgement;
  diary: DiaryStanding;
  asOf: Date;
}

/** The record of one deputy as it stands at `now`. */
export async function performanceRecord(db: Db, orgId: number, person: { id: number; name: string }, now: Date, policy?: Policy): Promise<RecordView> {
  const p = policy ?? (await loadPolicy(db, orgId));
  const { year, half } = halfOf(now);
  const month = shanghaiParts(now).date.month;
  const people = [person];
  const [yearFacts, halfFacts] = await Promise.all([
    buildFacts(db, { orgId, people, period: yearPeriod(year), now }),
    buildFacts(db, { orgId, people, period: halfPeriod(year, half), now }),
  ]);
  const y = yearFacts.get(person.id)!;
  const h = halfFacts.get(person.id)!;
  const m = isoBounds(monthPeriod(year, month));
  const monthCount = (await diaryCounts(db, orgId, [person.id], m.from, m.to)).get(person.id) ?? 0;
  return {
    year: y, half: h, yearNumber: year, halfNumber: half,
    sixOnes: sixOnes(h, y, p),
    judgement: judgeYear(y, p),
    diary: diaryStanding(monthCount, y.diaryEntries, p),
    asOf: now,
  };
}

export function renderRecord(v: RecordView): string {
  const { date } = shanghaiParts(v.asOf);
  return t.record({
    name: v.year.name, year: v.yearNumber, half: v.halfNumber, asOf: `${date.month}月${date.day}日`,
    attendance: attendanceOf(v.year.activities), trips: tripsOf(v.year), receptionDuties: v.year.receptionDuties, visitorsRecorded: v.year.visitorsRecorded,
    suggestions: v.year.suggestions, motionsSigned: v.year.motionsSigned, accountsWritten: v.year.accountsWritten,
    entries: v.year.entries, diary: v.diary, sixOnes: v.sixOnes,
  });
}

/** Rule A7: the inspections and research trips attended, and those the laws were studied for first. */
function tripsOf(f: PerformanceFacts): { attended: number; studied: number } {
  const trips = f.activities.filter((l) => l.outcome === 'present' && needsStudyCheck(l.kind));
  return { attended: trips.length, studied: trips.filter((l) => l.studyHeld === true).length };
}

export type RecordAnswer = { ok: true; text: string } | { ok: false; message: string };

/** 我的履职 (no name) or 履职 张三 [手机尾号]: the record, if the viewer may see it. */
export async function recordFor(db: Db, viewer: PersonWithRoles, query: string, now: Date): Promise<RecordAnswer> {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    if (!isDeputy(viewer)) return { ok: false, message: t.notDeputy };
    return { ok: true, text: renderRecord(await performanceRecord(db, viewer.orgId, viewer, now)) };
  }
  const [name, tail] = words as [string, string | undefined];
  const found = (await deputiesNamed(db, viewer.orgId, name)).filter((p) => !tail || p.mobile.endsWith(tail));
  if (found.length === 0) return { ok: false, message: t.notFound(name) };
  if (found.length > 1) return { ok: false, message: t.ambiguous(name, found.map((p) => p.mobile.slice(-4))) };
  const target = found[0]!;
  if (!mayViewRecord(viewer, target.id, { units: await unitsOfPerson(db, target.id) })) return { ok: false, message: t.notAllowed(target.name, (await loadPolicy(db, viewer.orgId)).supervisingBody) };
  return { ok: true, text: renderRecord(await performanceRecord(db, viewer.orgId, target, now)) };
}
