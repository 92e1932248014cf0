// Rule A6 on paper: the attendance book (考勤簿) has one row per deputy and one column per
// held activity — 出席 / 请假 / 缺席 (L5: approved leave is 请假, not 缺席) — with each deputy's
// totals and attendance rate, and each activity's totals. Pure: the caller passes who was
// invited and the final attendance of each.
import type { FinalAttendance } from '../attendance-state.ts';

export const ATTENDANCE_MARK: Record<FinalAttendance, string> = { present: '出席', on_leave: '请假', absent: '缺席' };

export interface MatrixInput {
  activities: { id: number }[];
  people: { id: number; name: string }[];
  /** The final attendance of each invitee: activityId → personId → state. Not invited: absent from the map. */
  final: Map<number, Map<number, FinalAttendance>>;
}

export interface Tally {
  invited: number;
  present: number;
  onLeave: number;
  absent: number;
  /** present ÷ invited, or null when nobody was invited. */
  rate: number | null;
}

export interface MatrixRow {
  person: { id: number; name: string };
  /** One mark per activity, '' where the person was not invited. */
  marks: string[];
  tally: Tally;
}

export interface Matrix {
  rows: MatrixRow[];
  /** One tally per activity, in the order given. */
  columns: Tally[];
  total: Tally;
}

export function tally(states: readonly FinalAttendance[]): Tally {
  const present = states.filter((s) => s === 'present').length;
  const onLeave = states.filter((s) => s === 'on_leave').length;
  const invited = states.length;
  return { invited, present, onLeave, absent: invited - present - onLeave, rate: invited ? present / invited : null };
}

/** People invited to none of the activities are left out. */
export function attendanceMatrix(input: MatrixInput): Matrix {
  const rows: MatrixRow[] = [];
  const all: FinalAttendance[] = [];
  for (const person of input.people) {
    const states = input.activities.map((a) => input.final.get(a.id)?.get(person.id));
    const seen = states.filter((s): s is FinalAttendance => s !== undefined);
    if (seen.length === 0) continue;
    all.push(...seen);
    rows.push({ person, marks: states.map((s) => (s ? ATTENDANCE_MARK[s] : '')), tally: tally(seen) });
  }
  const columns = input.activities.map((a) => tally([...(input.final.get(a.id)?.values() ?? [])]));
  return { rows, columns, total: tally(all) };
}
