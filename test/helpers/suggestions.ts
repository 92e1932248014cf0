// Suggestions in flow tests: departments, a department's handler imported the way the roster
// contract allows (the optional 工作单位 column), a deputy's submission, the next year's calendar.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRoster } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import type { FlowBot } from './flow-bot.ts';

export async function addDepartments(fb: FlowBot, ...names: string[]): Promise<void> {
  for (const name of names) await fb.chat.say('hejing', `部门 添加 ${name}`);
}

/** A 工作人员 row with 工作单位 = the department: that department's handler (rule S1). */
export async function importHandler(fb: FlowBot, h: { name: string; mobile: string; wecom: string; department: string }): Promise<void> {
  const file = join(fb.t.dir, `handler-${h.wecom}.csv`);
  writeFileSync(file, `${ROSTER_HEADER.join(',')},工作单位,选区\n${h.name},${h.mobile},${h.wecom},,工作人员,,,,,${h.department},\n`);
  const report = await importRoster(fb.t.bot.db, { orgCode: fb.t.bot.config.orgCode, file });
  if (!report.applied) throw new Error(JSON.stringify(report.errors));
}

/** The office has entered a year's holidays: deadlines in it are not guesses. */
export async function coverYear(fb: FlowBot, year: number): Promise<void> {
  await fb.t.bot.db.calendarOverride.create({ data: { orgId: fb.t.bot.orgId, date: `${year}-01-01`, kind: 'holiday', name: '元旦' } });
}

export async function submitSuggestion(fb: FlowBot, user = 'lichunmei', title = '关于增设城关镇公交站点的建议'): Promise<string> {
  const say = (text: string) => fb.chat.say(user, text);
  await say('提建议');
  await say('建议');
  await say(title);
  await say('城关镇东片居民出行不便，建议在东环路增设两个公交站点。');
  await say('完成');
  await say('否');
  return say('是');
}

/** Rule S6's annual targets back on (flow-bot turns them off for other tests). */
export async function annualTargetsOn(fb: FlowBot): Promise<void> {
  await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
}
