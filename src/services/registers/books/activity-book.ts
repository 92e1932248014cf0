// 代表小组活动登记簿 (the second of the "五簿"; the county group rule's 《小组活动情况记录簿》).
// Seeds: the township report ("“五簿”即代表小組會議登記簿、代表小組活動登記簿…") and, for the
// columns, the county group rule's report after each activity: "活动的内容、形式、参加人员、活动成效，
// 以及代表对“一府两院”工作提出的意见、建议" (rule A5) — when, what, the form (A1 kind), where,
// attendance (A6), who took part, the content, and the written account with results and
// opinions. Meetings go to the meeting register instead (src/domain/registers/meetings.ts).
import { MEETING_KINDS } from '../../../domain/registers/meetings.ts';
import { numbered, UNIT_COLUMN, type BookDefinition, type Column, type Line } from '../book.ts';
import { kindLabel, span } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { activitiesWithAttendance, activityQuery, addTallies, NO_TALLY } from './activity-rows.ts';

const COUNT = (header: string): Column => ({ header, width: 6, center: true });

export const activityBook: BookDefinition = {
  name: '活动登记簿',
  title: '代表小组活动登记簿',
  async sheets(deps, scope) {
    const columns: Column[] = [
      { header: '序号', width: 6, center: true },
      ...(scope.unit ? [] : [UNIT_COLUMN]),
      { header: '活动时间', width: 18 },
      { header: '活动名称', width: 20 },
      { header: '活动形式', width: 9, center: true },
      { header: '地点', width: 16 },
      COUNT('应到'), COUNT('实到'), COUNT('请假'), COUNT('缺席'),
      { header: '参加人员', width: 24 },
      { header: '活动内容', width: 26 },
      { header: '活动成效和意见建议', width: 44 },
    ];
    async function* lines(): AsyncIterable<Line> {
      let total = NO_TALLY;
      let count = 0;
      const rows = async function* () {
        for await (const a of activitiesWithAttendance(deps, activityQuery(scope, { kinds: { notIn: [...MEETING_KINDS] } }))) {
          total = addTallies(total, a.tally);
          count++;
          yield [
            ...(scope.unit ? [] : [a.unitName]), span(a.startAt, a.endAt), a.title, kindLabel(a.kind), a.place,
            a.tally.invited, a.tally.present, a.tally.onLeave, a.tally.absent, a.presentNames.join('、'), a.content, a.account ?? '',
          ];
        }
      };
      for await (const cells of numbered(rows())) yield { kind: 'row', cells };
      if (count === 0) yield { kind: 'note', text: t.none };
      else yield { kind: 'total', cells: [t.total, ...(scope.unit ? [] : ['']), `${count} 次`, '', '', '', total.invited, total.present, total.onLeave, total.absent] };
    }
    return [{ name: this.name, title: this.title, columns, lines: lines(), orientation: 'landscape' }];
  },
};
