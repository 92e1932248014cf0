// Rules A6 and L5 on the attendance book: a mark per invited activity, '' where not invited,
// approved leave is 请假 not 缺席, rates over what each was invited to.
import { describe, expect, it } from 'vitest';
import type { FinalAttendance } from '../../../../src/domain/attendance-state.ts';
import { attendanceMatrix } from '../../../../src/domain/registers/attendance-matrix.ts';

const final = (entries: [number, [number, FinalAttendance][]][]) => new Map(entries.map(([a, ps]) => [a, new Map(ps)]));

describe('attendance matrix (rules A6, L5)', () => {
  it('rule L5: approved leave counts as 请假, everything short of signing in as 缺席; totals and rates', () => {
    const m = attendanceMatrix({
      activities: [{ id: 1 }, { id: 2 }],
      people: [{ id: 10, name: '甲' }, { id: 11, name: '乙' }, { id: 12, name: '丙' }],
      final: final([[1, [[10, 'present'], [11, 'on_leave']]], [2, [[10, 'present'], [11, 'absent']]]]),
    });
    expect(m.rows.map((r) => [r.person.name, r.marks, r.tally.present, r.tally.onLeave, r.tally.absent, r.tally.rate])).toEqual([
      ['甲', ['出席', '出席'], 2, 0, 0, 1],
      ['乙', ['请假', '缺席'], 0, 1, 1, 0],
    ]); // 丙 was invited to nothing: not on the book
    expect(m.columns.map((c) => [c.invited, c.present, c.onLeave, c.absent])).toEqual([[2, 1, 1, 0], [2, 1, 0, 1]]);
    expect(m.total).toEqual({ invited: 4, present: 2, onLeave: 1, absent: 1, rate: 0.5 });
  });

  it('someone not invited to an activity has an empty cell, and is not counted for it', () => {
    const m = attendanceMatrix({ activities: [{ id: 1 }, { id: 2 }], people: [{ id: 10, name: '甲' }], final: final([[2, [[10, 'absent']]]]) });
    expect(m.rows[0]!.marks).toEqual(['', '缺席']);
    expect(m.rows[0]!.tally).toEqual({ invited: 1, present: 0, onLeave: 0, absent: 1, rate: 0 });
    expect(m.columns[0]).toEqual({ invited: 0, present: 0, onLeave: 0, absent: 0, rate: null });
  });
});
