// What the meeting register, the activity register and the quarterly form show of each held
// activity: its facts, the attendance counts (rule A6: invited, present, on leave, absent) and
// who was there, page by page.
import type { FinalAttendance } from '../../../domain/attendance-state.ts';
import { tally, type Tally } from '../../../domain/registers/attendance-matrix.ts';
import { finalAttendanceOf, heldActivities, namesOf, type ActivityQuery, type HeldActivity } from '../../../repositories/register-activity-repo.ts';
import type { BookDeps, BookScope } from '../book.ts';

export interface ActivityWithAttendance extends HeldActivity {
  tally: Tally;
  presentNames: string[];
  publisherName: string;
  accountByName: string;
}

export function activityQuery(scope: BookScope, extra: Partial<ActivityQuery> = {}): ActivityQuery {
  return { orgId: scope.orgId, unitId: scope.unit?.id, from: scope.period.from, to: scope.period.to, now: scope.now, ...extra };
}

export async function* activitiesWithAttendance(deps: BookDeps, q: ActivityQuery): AsyncIterable<ActivityWithAttendance> {
  for await (const page of heldActivities(deps.db, q)) {
    const final = await finalAttendanceOf(deps.db, page.map((a) => a.id));
    const present = (id: number) => [...(final.get(id) ?? new Map<number, FinalAttendance>())].filter(([, s]) => s === 'present').map(([p]) => p);
    const names = await namesOf(deps.db, [
      ...page.flatMap((a) => present(a.id)),
      ...page.flatMap((a) => [a.createdById, a.accountById].filter((x): x is number => x !== null)),
    ]);
    for (const a of page) {
      yield {
        ...a,
        tally: tally([...(final.get(a.id)?.values() ?? [])]),
        presentNames: present(a.id).map((p) => names.get(p) ?? '').filter(Boolean),
        publisherName: a.createdById !== null ? (names.get(a.createdById) ?? '') : '',
        accountByName: a.accountById !== null ? (names.get(a.accountById) ?? '') : '',
      };
    }
  }
}

/** Sums of tallies (a register's totals row). */
export function addTallies(a: Tally, b: Tally): Tally {
  const invited = a.invited + b.invited;
  const present = a.present + b.present;
  return { invited, present, onLeave: a.onLeave + b.onLeave, absent: a.absent + b.absent, rate: invited ? present / invited : null };
}

export const NO_TALLY: Tally = { invited: 0, present: 0, onLeave: 0, absent: 0, rate: null };
