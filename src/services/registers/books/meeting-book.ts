// 代表小组会议登记簿 (the first of the "五簿"). Seed, township 代表之家 report: "完善了“五簿一冊”臺帳，
// “五簿”即代表小組會議登記簿、代表小組活動登記簿…". Its columns follow the meeting record the same
// seed keeps ("會議名稱…時間…會議地點…會議主持…參會人員…會議記錄…會議內容…會議決定"): when,
// what, where, who published it, attendance (rule A6: invited, present, on leave, absent),
// who took part, the content, and the written account (A5) with its recorder. Which
// activities are meetings: src/domain/registers/meetings.ts.
import { MEETING_KINDS } from '../../../domain/registers/meetings.ts';
import { numbered, UNIT_COLUMN, type BookDefinition, type Column, type Line } from '../book.ts';
import { kindLabel, span } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { activitiesWithAttendance, activityQuery, addTallies, NO_TALLY } from './activity-rows.ts';

const COUNT = (header: string): Column => ({ header, width: 6, center: true });

export const meetingBook: BookDefinition = {
  name: '会议登记簿',
  title: '代表小组会议登记簿',
  async sheets(deps, scope) {
    const columns: Column[] = [
      { header: '序号', width: 6, center: true },
      ...(scope.unit ? [] : [UNIT_COLUMN]),
      { header: '会议时间', width: 18 },
      { header: '会议名称', width: 20 },
      { header: '会议类型', width: 9, center: true },
      { header: '地点', width: 16 },
      { header: '发布人', width: 8, center: true },
      COUNT('应到'), COUNT('实到'), COUNT('请假'), COUNT('缺席'),
      { header: '参会人员', width: 24 },
      { header: '会议内容', width: 26 },
      { header: '会议纪要', width: 40 },
      { header: '记录人', width: 8, center: true },
    ];
    async function* lines(): AsyncIterable<Line> {
      let total = NO_TALLY;
      let count = 0;
      const rows = async function* () {
        for await (const a of activitiesWithAttendance(deps, activityQuery(scope, { kinds: { in: [...MEETING_KINDS] } }))) {
          total = addTallies(total, a.tally);
          count++;
          yield [
            ...(scope.unit ? [] : [a.unitName]), span(a.startAt, a.endAt), a.title, kindLabel(a.kind), a.place, a.publisherName,
            a.tally.invited, a.tally.present, a.tally.onLeave, a.tally.absent, a.presentNames.join('、'), a.content, a.account ?? '', a.accountByName,
          ];
        }
      };
      for await (const cells of numbered(rows())) yield { kind: 'row', cells };
      if (count === 0) yield { kind: 'note', text: t.none };
      else yield { kind: 'total', cells: [t.total, ...(scope.unit ? [] : ['']), `${count} 次`, '', '', '', '', total.invited, total.present, total.onLeave, total.absent] };
    }
    return [{ name: this.name, title: this.title, columns, lines: lines(), orientation: 'landscape' }];
  },
};
