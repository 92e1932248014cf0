// 代表小组集体活动登记表, the quarterly form of rule A5. Seed, county group rule: "市代表小组组长在
// 每季度最后一个月的20号之前，要将本组代表集中开展活动情况登记表认真填写好，送县人大常委会代表联络工作
// 委员会", and, for what each activity's entry holds, the report after it: "活动的内容、形式、参加人员、
// 活动成效，以及代表对“一府两院”工作提出的意见、建议". One row per collective activity held by the
// group in the period (every kind), with attendance (A6), and under it whether a leader has
// confirmed the form (the drafting, confirming and delivering: activity-form-service.ts). The
// leader signs it.
import { quarterOf } from '../../../domain/quarterly-duties.ts';
import { findFormOf } from '../../../repositories/activity-form-repo.ts';
import { namesOf } from '../../../repositories/register-activity-repo.ts';
import { numbered, UNIT_COLUMN, type BookDefinition, type BookDeps, type BookScope, type Column, type Line } from '../book.ts';
import { dayTime, kindLabel, span } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { activitiesWithAttendance, activityQuery } from './activity-rows.ts';

const COUNT = (header: string): Column => ({ header, width: 7, center: true });

export const activityForm: BookDefinition = {
  name: '活动登记表',
  title: '代表小组集体活动登记表',
  async sheets(deps, scope) {
    const columns: Column[] = [
      { header: '序号', width: 6, center: true },
      ...(scope.unit ? [] : [{ ...UNIT_COLUMN, header: '代表小组' }]),
      { header: '活动时间', width: 18 },
      { header: '活动形式', width: 9, center: true },
      { header: '活动地点', width: 16 },
      { header: '活动内容', width: 26 },
      COUNT('应参加'), COUNT('实参加'), COUNT('请假'),
      { header: '参加代表', width: 24 },
      { header: '活动成效及对“一府两院”的意见建议', width: 44 },
    ];
    return [{ name: this.name, title: this.title, columns, lines: lines(deps, scope), orientation: 'landscape', signature: '代表小组组长（签名）' }];
  },
};

async function* lines(deps: BookDeps, scope: BookScope): AsyncIterable<Line> {
  let count = 0;
  const rows = async function* () {
    for await (const a of activitiesWithAttendance(deps, activityQuery(scope, { unitKind: 'group' }))) {
      count++;
      yield [
        ...(scope.unit ? [] : [a.unitName]), span(a.startAt, a.endAt), kindLabel(a.kind), a.place, `${a.title}${a.content ? `：${a.content}` : ''}`,
        a.tally.invited, a.tally.present, a.tally.onLeave, a.presentNames.join('、'), a.account ?? '',
      ];
    }
  };
  for await (const cells of numbered(rows())) yield { kind: 'row', cells };
  if (count === 0) yield { kind: 'note', text: '本期没有集体活动记录。' };
  const confirmation = await confirmationLine(deps, scope);
  if (confirmation) yield { kind: 'note', text: confirmation };
}

/** For one group and exactly one quarter: whether a leader confirmed the form, and when. */
async function confirmationLine(deps: BookDeps, scope: BookScope): Promise<string | undefined> {
  if (!scope.unit) return undefined;
  const q = quarterOf(scope.period.from);
  if (q.start.getTime() !== scope.period.from.getTime() || q.end.getTime() !== scope.period.to.getTime()) return undefined;
  const form = await findFormOf(deps.db, scope.unit.id, q.id);
  if (!form) return undefined;
  if (form.status === 'confirmed' && form.confirmedById !== null) {
    const name = (await namesOf(deps.db, [form.confirmedById])).get(form.confirmedById) ?? '';
    return `本表已由${name}于 ${dayTime(form.confirmedAt)} 确认。`;
  }
  return '本表为草稿，尚未经代表小组组长确认。';
}
