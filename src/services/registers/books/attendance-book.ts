// 代表活动考勤簿 (rule A6). Seeds: the 代表之家 plan ("建立代表活動考勤簿、代表活動登記簿、接待選民
// 登記簿和代表意見轉辦簿") and the county group rule ("代表参加小组活动应有考勤记录"; its register
// 《代表参加活动出勤情况记录簿》): one row per deputy, one column per held activity marked 出席 /
// 请假 / 缺席 (L5: approved leave is 请假), each deputy's totals and attendance rate, and a
// totals row per activity. The liaison-station rule book asks for the same ("做好代表参加活动和
// 履职的考勤登记").
import { attendanceMatrix, type Tally } from '../../../domain/registers/attendance-matrix.ts';
import { allHeldActivities, finalAttendanceOf, namesOf } from '../../../repositories/register-activity-repo.ts';
import type { BookDefinition, Column, Line } from '../book.ts';
import { day, rateCell } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { activityQuery } from './activity-rows.ts';

const columnTally = (c: Tally) => `出席${c.present} 请假${c.onLeave} 缺席${c.absent}`;

export const attendanceBook: BookDefinition = {
  name: '考勤簿',
  title: '代表活动考勤簿',
  async sheets(deps, scope) {
    const activities = await allHeldActivities(deps.db, activityQuery(scope));
    const final = await finalAttendanceOf(deps.db, activities.map((a) => a.id));
    const personIds = [...new Set([...final.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const names = await namesOf(deps.db, personIds);
    const matrix = attendanceMatrix({ activities, people: personIds.map((id) => ({ id, name: names.get(id) ?? '' })), final });
    const columns: Column[] = [
      { header: '序号', width: 6, center: true },
      { header: '姓名', width: 10, center: true },
      ...activities.map((a) => ({ header: activityHeader(a.startAt, a.title, scope.unit ? undefined : a.unitName), width: 12, center: true })),
      { header: '应出席', width: 7, center: true },
      { header: '出席', width: 6, center: true },
      { header: '请假', width: 6, center: true },
      { header: '缺席', width: 6, center: true },
      { header: '出席率', width: 8, center: true, numFmt: '0.0%' },
    ];
    async function* lines(): AsyncIterable<Line> {
      let n = 0;
      for (const r of matrix.rows) {
        yield { kind: 'row', cells: [++n, r.person.name, ...r.marks, r.tally.invited, r.tally.present, r.tally.onLeave, r.tally.absent, rateCell(r.tally.rate)] };
      }
      if (matrix.rows.length === 0) {
        yield { kind: 'note', text: t.none };
        return;
      }
      const tot = matrix.total;
      yield { kind: 'total', cells: [t.total, '', ...matrix.columns.map(columnTally), tot.invited, tot.present, tot.onLeave, tot.absent, rateCell(tot.rate)] };
    }
    return [{ name: this.name, title: this.title, columns, lines: lines(), orientation: 'landscape' }];
  },
};

/** 11-27 学习代表法 (and the unit when the book covers the organisation). */
function activityHeader(startAt: Date, title: string, unitName?: string): string {
  return [day(startAt).slice(5), unitName, title].filter(Boolean).join(' ');
}
